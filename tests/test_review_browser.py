"""The review page in headless Chromium (Debian's `chromium` and
`chromium-driver`): every row's mention marked at its place, the filters,
keyboard and hover, and an article with `<script>alert(1)</script>` that
runs nothing. Skipped, with the reason, where no browser is installed; on CI
(`.ci/run` installs it) a missing browser fails instead."""
import os
import sys
from pathlib import Path

import pytest

from extractor import extract_text
from extractor.models import Document
from extractor.review import render_page
from test_review import HOSTILE, PAGE, fig, sample_items

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import chromium  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    try:
        chromium.find()
    except chromium.Unavailable as e:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the browser tests: {e}")
        pytest.skip(str(e))
    with chromium.browser() as driver:
        yield driver


@pytest.fixture
def show(browser, tmp_path):
    def load(items, name="review.html"):
        path = tmp_path / name
        path.write_text(render_page(items), encoding="utf-8")
        browser.get(path.as_uri())
        return browser
    return load


MARKS = """
const out = {};
document.querySelectorAll("div.text").forEach(div => {
  const k = +div.closest("section").id.slice(1);
  div.querySelectorAll("mark[id]").forEach(m => {
    const before = document.createRange();
    before.setStart(div, 0);
    before.setEndBefore(m);
    const pieces = [m, ...div.querySelectorAll(`mark[data-of="${m.id}"]`)];
    out[m.id] = [k, before.toString().length, pieces.map(p => p.textContent).join(""),
                 getComputedStyle(m).backgroundColor];
  });
});
return out;
"""

CRLF = "竹溪县新建学校3所。\r\n全县新增企业120家，同比增长6.5%。\r\n計劃投資４億元。"


def test_every_row_is_marked_at_its_place(show):
    items = sample_items() + [(Document("crlf.txt", CRLF), extract_text(CRLF, source="crlf.txt")),
                              (Document("p.html", PAGE, html=True), extract_text(PAGE, source="p.html"))]
    driver = show(items)
    marks = driver.execute_script(MARKS)
    n = 0
    for k, (doc, figures) in enumerate(items):
        for f in figures:
            doc_k, offset, text, colour = marks.pop(f"f{n}")
            assert (doc_k, text) == (k, f.mention), (doc.source, f)
            if not doc.html:                      # a page's text is shown without its markup
                assert offset == f.start, (doc.source, f)
            assert colour in ("rgb(253, 230, 138)", "rgb(191, 219, 254)")     # actual, target
            n += 1
    assert n > 230 and marks == {}


ROWS = "return [...document.querySelectorAll('#rows-body tr')].map(tr => [...tr.cells].map(c => c.textContent))"
COUNT = "return document.getElementById('rows-count').value"


def choose(driver, select_id, value):
    """Pick the option for ``value`` (its label is the value and a count) and say so."""
    driver.execute_script("""
        const s = document.getElementById(arguments[0]);
        s.selectedIndex = [...s.options].findIndex(o => o.text.startsWith(arguments[1] + " ("));
        s.dispatchEvent(new Event("change"));""", select_id, value)


def unplaced_document():
    text = "全县新建学校3所，新增企业12家，投资5亿元。"
    return Document("check.txt", text), [fig(text, "3所"), fig(text, "12家", county=""),
                                          fig(text, "5亿元", indicator="")]


def test_the_filters(show):
    items = sample_items() + [unplaced_document()]
    figures = [f for _, fs in items for f in fs]
    driver = show(items)
    columns = driver.execute_script("return [...document.querySelectorAll('#rows-head th')].map(t => t.textContent)")
    assert columns[:5] == ["row", "document", "county", "indicator", "value"]
    county, indicator, status = (columns.index(c) for c in ("county", "indicator", "status"))

    rows = driver.execute_script(ROWS)
    assert driver.execute_script(COUNT) == f"200 of {len(figures)} rows shown"
    assert [r[0] for r in rows[:2]] == ["12家", "5亿元"]            # the rows to check come first
    driver.find_element("id", "rows-more").click()
    assert len(driver.execute_script(ROWS)) == len(figures)

    choose(driver, "f-county", "竹溪县")
    rows = driver.execute_script(ROWS)
    assert {r[county] for r in rows} == {"竹溪县"}
    assert len(rows) == sum(f.county == "竹溪县" for f in figures) > 20

    driver.execute_script("const s = document.getElementById('f-county'); s.selectedIndex = 0;"
                          "s.dispatchEvent(new Event('change'))")                 # all counties
    driver.find_element("id", "f-indicator").send_keys("增长")
    rows = driver.execute_script(ROWS)
    assert rows and all("增长" in r[indicator] for r in rows)
    assert len(rows) == sum("增长" in f.indicator for f in figures)

    driver.find_element("id", "f-indicator").clear()
    driver.execute_script("document.getElementById('f-indicator').dispatchEvent(new Event('input'))")
    choose(driver, "f-status", "target")
    rows = driver.execute_script(ROWS)
    assert rows and {r[status] for r in rows} == {"target"}
    assert len(rows) == sum(f.status == "target" for f in figures)

    choose(driver, "f-status", "actual")
    driver.find_element("id", "f-check").click()
    assert [r[0] for r in driver.execute_script(ROWS)] == ["12家", "5亿元"]
    assert driver.execute_script(COUNT) == "2 of 2 rows shown"


def test_rows_link_to_their_marks_which_show_the_row_on_focus_and_hover(show):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    items = [unplaced_document()] + sample_items()[:1]
    driver = show(items)
    driver.find_element("css selector", "#rows-body tr a").click()           # the first row to check: 12家
    assert driver.execute_script("return document.activeElement.id") == "f1"
    tip = driver.find_element("id", "tip")
    assert tip.is_displayed() and "no county" in tip.text and "新建学校" in tip.text

    driver.switch_to.active_element.send_keys(Keys.TAB)                       # on to the next mark
    assert driver.execute_script("return document.activeElement.id") == "f2"
    assert tip.is_displayed() and "no indicator" in tip.text and "5" in tip.text

    target = driver.find_element("id", "f5")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); document.activeElement.blur()", target)
    ActionChains(driver).move_to_element(target).perform()
    assert tip.is_displayed() and items[1][1][2].indicator in tip.text


def no_dialog(driver):
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert.dismiss()
    except NoAlertPresentException:
        return True
    return False


def test_an_article_with_a_script_runs_nothing(show, tmp_path):
    figures = extract_text(HOSTILE, source="hostile.txt", county="竹溪县")
    assert [f.mention for f in figures] == ["3所", "120家"]
    driver = show([(Document("<script>alert(8)</script>.txt", HOSTILE), figures)])
    driver.execute_script("return new Promise(done => setTimeout(done, 300))")
    assert no_dialog(driver)
    text = driver.find_element("css selector", "div.text").text
    assert "<script>alert(1)</script><img src=x onerror=alert(2)>" in text
    assert driver.execute_script(COUNT) == "2 of 2 rows shown"                   # the page's own script ran

    # The check can fail: the same article as a bare page does raise a dialog.
    bare = tmp_path / "bare.html"
    bare.write_text(HOSTILE, encoding="utf-8")
    driver.get(bare.as_uri())
    assert not no_dialog(driver)
