"""Invariants of the resolvers on generated sentences (hypothesis).

Sentences are built from parts of my own: an area, a time phrase, a thing
measured, a verb, a number and a unit, in the shapes county texts use. What
must hold whatever the parts:
- an indicator never holds a digit, a unit right after it, markup, a date,
  the row's own county, or a word repeated back to back;
- adding an unrelated sentence (another paragraph) leaves the other rows
  unchanged;
- a table and the same figures written as sentences give the same
  indicator, county and status.
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract_text

AREAS = ["房县", "竹山县", "竹溪县", "郧西县", "全县", "该县", ""]
TIMES = ["2023年", "上半年", "1-6月", "今年以来", "截至9月底", ""]
THINGS = ["地区生产总值", "固定资产投资", "社会消费品零售总额", "粮食总产量", "新增市场主体", "接待游客",
          "茶园面积", "规模以上工业增加值", "城镇居民人均可支配收入", "新建学校"]
VERBS = ["达到", "完成", "实现", "为", "", "共"]
NUMBERS = ["12", "93.4", "3000", "1.5", "45"]
UNITS = ["亿元", "万元", "万吨", "万人次", "户", "万亩", "所", "%"]
CHANGES = ["同比增长", "比上年下降", "增长"]

clause = st.builds(lambda area, time, thing, verb, number, unit: f"{time}{',' if time else ''}{area}{thing}{verb}{number}{unit}",
                   st.sampled_from(AREAS), st.sampled_from(TIMES), st.sampled_from(THINGS), st.sampled_from(VERBS),
                   st.sampled_from(NUMBERS), st.sampled_from(UNITS))
change = st.builds(lambda c, n: f"{c}{n}%", st.sampled_from(CHANGES), st.sampled_from(["6.5", "3", "12.1"]))
sentence = st.builds(lambda first, more: "，".join([first] + more) + "。",
                     clause, st.lists(st.one_of(clause, change), max_size=3))
article = st.lists(sentence, min_size=1, max_size=4).map("".join)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_UNIT_OR_DIGIT = re.compile(r"[0-9０-９]|亿元|万元|万吨|万人次|万亩|<|>|\d{4}年\d")


def _repeated_word(name: str) -> bool:
    return any(name[k:k + n] == name[k + n:k + 2 * n]
               for n in range(2, len(name) // 2 + 1) for k in range(len(name) - 2 * n + 1))


@SETTINGS
@given(article)
def test_an_indicator_holds_no_digit_unit_markup_date_own_county_or_repeat(text):
    figures = extract_text(text)
    assert figures, text            # every generated sentence states figures
    for f in figures:
        assert not _UNIT_OR_DIGIT.search(f.indicator), (f.indicator, text)
        assert not (f.county and f.county in f.indicator), (f.indicator, f.county, text)
        assert not _repeated_word(f.indicator), (f.indicator, text)


def _rows(figures):
    return [(f.county, f.indicator, str(f.value), f.unit, f.status, f.period) for f in figures]


@SETTINGS
@given(article, sentence)
def test_an_unrelated_paragraph_changes_no_other_row(text, other):
    alone = _rows(extract_text(text, county="房县"))
    with_other = extract_text(text + "\n\n" + other, county="房县")
    assert _rows(f for f in with_other if f.start < len(text)) == alone


TABLE_THINGS = ["稻谷", "小麦", "玉米", "油菜籽", "生猪出栏", "茶叶"]


@SETTINGS
@given(st.lists(st.sampled_from(TABLE_THINGS), min_size=1, max_size=4, unique=True),
       st.sampled_from(["产量", "播种面积"]), st.sampled_from(["吨", "亩", "万吨"]),
       st.lists(st.sampled_from(["125", "8420", "33.5", "910"]), min_size=4, max_size=4))
def test_a_table_and_the_same_figures_as_sentences_agree(things, measure, unit, values):
    rows = "\n".join(f"| {t} | {v} |" for t, v in zip(things, values))
    table = f"房县主要农产品\n| 品种 | {measure}({unit}) |\n|---|---|\n{rows}\n"
    prose = "房县主要农产品\n" + "".join(f"{t}{measure}{v}{unit}。" for t, v in zip(things, values))
    as_table = [(f.indicator, f.county, f.status) for f in extract_text(table)]
    as_prose = [(f.indicator, f.county, f.status) for f in extract_text(prose)]
    assert as_table and as_table == as_prose


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab()（）【】", max_size=14))
def test_in_brackets_counts_the_brackets_open_before_a_position(text):
    from extractor.clauses import SentenceAnalysis

    analysis = SentenceAnalysis(text, 0, (), ())
    for pos in range(len(text) + 1):
        depth = 0
        for ch in text[:pos]:
            depth = depth + 1 if ch in "(（[【" else max(depth - (ch in ")）]】"), 0)
        assert analysis.in_brackets(pos) == (depth > 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab()（）【】", max_size=14), st.data())
def test_bracket_depth_from_any_start_counts_the_brackets_opened_since(text, data):
    from extractor.segment import bracket_depth

    start = data.draw(st.integers(0, len(text)))
    pos = data.draw(st.integers(start, len(text)))
    depth = 0
    for ch in text[start:pos]:
        depth = depth + 1 if ch in "(（[【" else max(depth - (ch in ")）]】"), 0)
    assert bracket_depth(text, pos, start) == depth


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(lambda d: abs(d.adjusted()) < 60))
def test_plain_form_keeps_every_digit_and_writes_no_exponent(d):
    from extractor.numbers import plain

    p = plain(d)
    assert p == d                                            # the same number, every digit
    sign, digits, exponent = p.as_tuple()
    assert exponent <= 0                                     # no exponent: 17000, not 1.7E+4
    assert exponent == 0 or digits[-1] != 0 or p == 0        # no trailing zeros: 2.5, not 2.50
