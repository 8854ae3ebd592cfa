"""Properties that hold for any input: no crash, mentions quote the input at
their offsets, the same input gives the same rows."""
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor import extract_text
from extractor.writer import row

# Characters that exercise every stage: digits in both widths, multipliers,
# units, qualifiers, range marks, punctuation, Traditional forms, glosses, HTML.
PIECES = list("0123456789０１２３.．,，%％万亿萬億兩两十百千一二三县縣市区旗元个人亩吨年月日第约近超余多以上下至到-—~:：。！？;；、（）()“”\n ") + [
    "習(xí)", "<p>", "</p>", "&nbsp;", "<script>", "房县", "竹溪县", "同比增长", "分别", "的", "|", "\t",
    "单位:万元", "亿元", "个百分点", "百分之", "过万", "十三五", "1,117,285", "19.4922.26",
]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=200),
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_no_input_crashes_and_mentions_quote_the_input(text):
    for f in extract_text(text):
        assert text[f.start:f.end] == f.mention
        assert f.mention


@SETTINGS
@given(texts)
def test_same_input_same_rows(text):
    assert [row(f) for f in extract_text(text)] == [row(f) for f in extract_text(text)]


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_html_input_never_crashes(text):
    page = "<html><body><p>" + text + "</p></body></html>"
    for f in extract_text(page, source="p.html"):
        assert page[f.start:f.end] == f.mention


RUN_PIECES = list("0123456789.,一二三四五六七八九十百千万亿两〇零伍余多几来点") + ["分之", " "]


@SETTINGS
@given(st.lists(st.sampled_from(RUN_PIECES), min_size=1, max_size=40).map("".join))
@example("增长93.4亿元")
@example("十个、百个、千个、万个、亿个、拾个")
@example("5千吨、0.5万人、05亿元、1.2.3万")
@example("1" * 30 + "亿、" + "1" * 31 + "万、" + "9" * 29 + ".5亿")
def test_direct_reading_of_runs_agrees_with_the_token_reader(text):
    # numbers._read_run_at reads the common runs (93.4, 一, 十, 93.4亿) without
    # tokens; it must give what the token reader gives for every run, down to
    # what a range reads of each end (plain, base and scale: 3-5万).
    from extractor import numbers

    def read(found):
        return [(f.span(), f.expr.plain, f.expr.base, f.expr.scale) for f in found]

    g = numbers._grammar()
    for run in g.run_re.finditer(text):
        a, b = run.span()
        direct = read(numbers._read_run_at(text, a, b, g))
        by_tokens = read(numbers._read_run(numbers._text_tokens(text, a, b, g), text, g))
        assert direct == by_tokens


QUANTITY_PIECES = list("0123456789０.,%一二三两十百千万亿几余多来半零 年月元吨亩个人家次项户至到-~过超近约逾上第的、，") + [
    "百分之", "分之", "个百分点", "万元", "千瓦时", "平方公里", "千米", "以上", "左右", "超过", "人次", "km", "“", "”"]


@SETTINGS
@given(st.lists(st.sampled_from(QUANTITY_PIECES), min_size=1, max_size=30).map("".join))
def test_the_candidate_scan_passes_over_only_text_without_quantities(text):
    # find_quantities reads a sentence only when one scan finds what every
    # quantity holds; reading every sentence must give the same quantities
    from dataclasses import replace

    from extractor import quantities

    with_scan = quantities.find_quantities(text)
    lex = quantities.lexicon()
    original = quantities.lexicon
    quantities.lexicon = lambda: replace(lex, candidate=re.compile(""))
    try:
        without = quantities.find_quantities(text)
    finally:
        quantities.lexicon = original
    assert with_scan == without
