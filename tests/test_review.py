"""The review page, read back without a browser: marks at the rows' offsets,
escaping, the rows to check, borderline marks, the panel columns and charts,
size, and the `review` command."""
import base64
import hashlib
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import extract_text
from extractor.cli import main
from extractor.models import Document, Figure
from extractor.pipeline import extract_document
from extractor.reader import iter_paths, read_document
from extractor.review import render_page
from review_marks import page_data, read_marks

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def sample_items():
    return [(d, extract_document(d)) for d in map(read_document, iter_paths([str(SAMPLES)]))]


def fig(text, mention, nth=0, county="竹溪县", indicator="新建学校", status="actual", **kw):
    """A row for the nth occurrence of ``mention`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(mention, start + 1)
    value = kw.pop("value", re.match(r"[\d.]*", mention).group() or "1")
    return Figure(county=county, indicator=indicator, value=Decimal(value), unit=kw.pop("unit", ""),
                  status=status, mention=mention, start=start, end=start + len(mention), **kw)


def assert_marks_quote_rows(items, page):
    """Every row has one mark, in its document, at its offset, covering its mention."""
    marks = read_marks(page).marks
    n = 0
    for k, (doc, figures) in enumerate(items):
        for f in figures:
            assert marks[f"f{n}"] == [k, f.start, f.mention], (doc.source, f)
            n += 1
    assert len(marks) == n


# -- marks at the rows' offsets ---------------------------------------------

def test_every_row_of_the_samples_is_marked_at_its_offset():
    items = sample_items()
    assert sum(len(f) for _, f in items) > 200
    assert_marks_quote_rows(items, render_page(items))


@pytest.mark.parametrize("text", [
    "竹溪县新建学校3所。\r\n全县新增企业120家，同比增长6.5%。\r\n",             # Windows line ends
    "柞水縣建成廠房４萬(wàn)平方米，投資3.5億元。",                            # Traditional, full width, gloss
    "房县\n全年新增企业\n120家，投资\t5亿元 & 更多<b>。",                       # tabs, & and < as text
])
def test_text_is_shown_as_read_so_marks_quote_the_mention(text):
    items = [(Document("a.txt", text), extract_text(text, source="a.txt"))]
    assert items[0][1]
    assert_marks_quote_rows(items, render_page(items))


PAGE = """<!DOCTYPE html><html><head><title>房县统计公报</title>
<script>var views = 12345;</script><style>p{color:red}</style></head><body>
<div class="nav">首页 &gt; 统计信息</div>
<div class="article"><h1>房县2023年国民经济和社会发展统计公报</h1>
<p>全县地区生产总值达到150.2亿元，同比增长6.1%。</p>
<p>新建学校3所，新增学位1200个，投资&nbsp;2亿元。</p>
</div></body></html>"""


def test_a_web_page_shows_its_visible_text_with_each_mention_marked():
    figures = extract_text(PAGE, source="p.html")
    page = render_page([(Document("p.html", PAGE, html=True), figures)])
    marks = read_marks(page).marks
    assert [m[2] for m in marks.values()] == [f.mention for f in figures]
    assert [f.mention for f in figures][:4] == ["150.2亿元", "6.1%", "3所", "1200个"]
    text = re.search(r'<div class="text">(.*?)</div>', page, re.S).group(1)
    assert "var views" not in text and "color:red" not in text and "&lt;p&gt;" not in text


# -- escaping ------------------------------------------------------------------

HOSTILE = ('竹溪县新建学校3所。<script>alert(1)</script><img src=x onerror=alert(2)>'
           '"><svg onload=alert(3)> </script><!-- 全县新增企业120家。')


def test_input_is_shown_as_text_and_nothing_of_it_runs():
    figures = [fig(HOSTILE, "3所", indicator="</script><script>alert(4)</script>"),
               replace(fig(HOSTILE, "120家"), county='<b onmouseover="alert(5)">')]
    page = render_page([(Document('<script>alert(6)</script>.txt', HOSTILE), figures)],
                       failed=["<script>alert(7)</script>: no such file"])
    assert page.count("<script") == 2                    # the data block and the page's own script
    assert page.count("</script>") == 2
    for tag in ("<img", "<svg", "<b ", "<!--"):
        assert tag not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert_marks_quote_rows([(Document("a.txt", HOSTILE), figures)], page)
    data = page_data(page)
    assert "</script><script>alert(4)</script>" in data["s"]     # held as data, shown as text


def test_only_web_addresses_are_links():
    text = "竹溪县新建学校3所。"
    good = fig(text, "3所")
    items = [(Document("a.txt", text), [replace(good, url="https://www.zx.gov.cn/a.html")]),
             (Document("b.txt", text), [replace(good, url="javascript:alert(1)")])]
    page = render_page(items)
    assert '<a href="https://www.zx.gov.cn/a.html"' in page
    assert 'href="javascript' not in page and "javascript:alert(1)" in page


def test_only_the_pages_own_script_may_run():
    page = render_page(sample_items()[:1])
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)     # nothing fetched


# -- what a person must check -----------------------------------------------------

TEXT = "全县新建学校3所，三次产业结构为12.6:38.9:48.5，计划新增企业12家。另有新建学校3所。"


def test_rows_without_county_or_indicator_are_listed_to_check():
    figures = [fig(TEXT, "3所"), fig(TEXT, "12家", county="", status="target"), fig(TEXT, "12.6", indicator="")]
    page = render_page([(Document("a.txt", TEXT), figures)])
    reader = read_marks(page)
    assert reader.classes == {"f0": "a", "f1": "t u", "f2": "a b u"}
    assert [r[1] & 1 for r in page_data(page)["rows"]] == [0, 1, 1]
    notes = [page_data(page)["s"][r[2]] for r in page_data(page)["rows"]]
    assert notes[1:] == ["no county", "no indicator; part of a ratio"]
    check = re.search(r'<p class="check">To check: (.*?)</p>', page).group(1)
    assert check == '<a href="#f1">12家</a> (no county), <a href="#f2">12.6</a> (no indicator; part of a ratio)'
    assert "<strong>2 to check</strong>" in page


@pytest.mark.parametrize("mention, nth, note", [
    ("3所", 0, ""),
    ("3所", 1, "stated again"),
    ("12.6", 0, "part of a ratio"),
    ("38.9", 0, "part of a ratio"),
    ("48.5", 0, "part of a ratio"),
    ("12家", 0, ""),
])
def test_borderline_rows_are_marked(mention, nth, note):
    figures = [fig(TEXT, "3所"), fig(TEXT, mention, nth)]
    if (mention, nth) == ("3所", 0):
        figures = figures[:1]
    page = render_page([(Document("a.txt", TEXT), figures)])
    data = page_data(page)
    row = data["rows"][-1]
    assert data["s"][row[2]] == note
    assert ("b" in read_marks(page).classes[f"f{len(figures) - 1}"].split()) == bool(note)


def test_marks_that_cross_are_split_and_still_quote_their_rows():
    text = "甲乙丙丁戊己庚辛"
    figures = [fig(text, "乙丙丁"), fig(text, "丁戊"), fig(text, "丙丁戊己"), fig(text, "乙", indicator="x"),
               replace(fig(text, "庚"), start=6, end=6, mention="")]
    figures.sort(key=lambda f: f.start)
    assert_marks_quote_rows([(Document("a.txt", text), figures)], render_page([(Document("a.txt", text), figures)]))


def test_a_row_outside_the_shown_text_is_listed_not_marked():
    text = "新建学校3所。"
    figures = [fig(text, "3所"), replace(fig(text, "3所"), start=40, end=42, mention="9家")]
    page = render_page([(Document("a.txt", text), figures)])
    assert list(read_marks(page).marks) == ["f0"]
    assert '<p class="check">Not in the text shown: 9家</p>' in page


# -- columns other stages add --------------------------------------------------

def test_columns_appear_when_rows_have_them_and_charts_need_standard_indicators_and_years():
    text = "2022年地区生产总值80亿元，2023年地区生产总值93.4亿元，增长6.5%，2024年目标95亿元。"
    base = [fig(text, m, value=v, unit=u) for m, v, u in
            (("80亿元", "80", "亿元"), ("93.4亿元", "93.4", "亿元"), ("6.5%", "6.5", "%"), ("95亿元", "95", "亿元"))]
    plain = render_page([(Document("a.txt", text), base)])
    assert page_data(plain)["cols"] == ["county", "indicator", "value", "unit", "qualifier", "status", "period"]
    assert "<svg" not in plain

    std = {"亿元": Decimal(100000000), "%": Decimal(1)}
    panel = [Figure(**{**vars(f), "std_value": f.value * std[f.unit], "std_unit": "元" if f.unit == "亿元" else "%",
                       "year": y, "indicator_std": "地区生产总值",
                       "measure": "change" if f.unit == "%" else "level", "rules": "prose.level alias"})
             for f, y in zip(base, ("2022", "2023", "2023", "2024"))]
    panel[3].status = "target"
    page = render_page([(Document("a.txt", text), panel)])
    data = page_data(page)
    assert data["cols"][7:] == ["rules", "indicator_std", "measure", "year"]
    assert data["s"][data["rows"][0][3 + 7]] == "prose.level alias"
    charts = re.search(r'<section id="charts">(.*?)</section>', page, re.S).group(1)
    assert charts.count("<svg") == 2                     # level and change; the target is not charted
    assert "地区生产总值 · level (元)" in charts and "2022–2023: 80亿 to 93.4亿" in charts
    assert charts.count("<circle") == 3 and '<a href="#f0">' in charts


# -- size ----------------------------------------------------------------------

def test_the_page_grows_linearly_with_the_documents():
    items = sample_items()

    def size(copies):
        many = [(replace(d, source=f"{k}_{d.source}"), f) for k in range(copies) for d, f in items]
        return len(render_page(many).encode())

    one, two, four = size(4), size(8), size(16)
    assert abs((four - two) - 2 * (two - one)) < 0.01 * (four - two)
    texts = 8 * sum(len(d.text.encode()) for d, _ in items)         # what 8 more copies add to the input
    assert four - two < 1.6 * texts                                  # the page is mostly the texts


# -- the command --------------------------------------------------------------------

def run(args, input=None):
    return CliRunner().invoke(main, args, input=input)


def test_review_command_writes_one_page(tmp_path):
    out = tmp_path / "review.html"
    result = run(["review", str(SAMPLES), "-o", str(out), "-j", "2"])
    assert result.exit_code == 0 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert_marks_quote_rows(sample_items(), page)


def test_review_of_stdin_to_stdout():
    result = run(["review", "-", "--county", "南昌县"], input="全县新建学校3所。".encode())
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert '<mark id="f0" tabindex="0" class="a">3所</mark>' in result.stdout
    assert page_data(result.stdout)["docs"] == ["<stdin>"]


def test_review_lists_what_it_could_not_read_and_exits_one(tmp_path):
    (tmp_path / "a.txt").write_text("全县新建学校3所。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "review.html"
    result = run(["review", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "b.txt" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Inputs that could not be read" in page and "b.txt: binary file, not text" in page
    assert page_data(page)["docs"] == ["a.txt"]


def test_review_takes_extracts_input_options():
    options = {c.name: [o.opts for o in c.params] for c in main.commands.values()}
    shared = [o for o in options["extract"] if o not in (["-o", "--output"], ["--format"], ["--excel"], ["--explain"])]
    assert shared and all(o in options["review"] for o in shared)
    assert run(["review", "x", "--patterns", "/nonexistent.yaml"]).exit_code == 2
