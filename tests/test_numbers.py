"""The number reader: parse_number, read_number and find_numbers.

Each table is a list of (text, expected) pairs for one phenomenon. Values are
written as strings and compared as Decimals, so a float never sneaks in.
"""
from __future__ import annotations

import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.numbers import NumberReading, NumberSpan, find_numbers, parse_number, read_number


def _check_value(text, expected):
    got = parse_number(text)
    if expected is None:
        assert got is None
        return
    assert isinstance(got, Decimal)
    assert got == Decimal(expected)
    assert str(got) == expected, "the result should be in plain form, without exponent"


# --------------------------------------------------------------------------
# parse_number

ARABIC = [
    ("50", "50"),
    ("1,100万", "11000000"),
    ("1,117,285", "1117285"),
    ("1,050,000,000", "1050000000"),
    ("10,000.233", "10000.233"),
    ("５０", "50"),
    ("１２．５", "12.5"),
    ("４，５６５", "4565"),
    ("0.5", "0.5"),
    ("4.800", "4.8"),
    (".5", "0.5"),
    ("-0.5", "-0.5"),
    ("+3", "3"),
    ("-10000", "-10000"),
    ("2e5", "200000"),
    ("1.70E+4", "17000"),
    ("-12e-1", "-1.2"),
    ("2^5", "32"),
    ("2^-1", "0.5"),
    ("40k", "40000"),
    ("-2.5 M", "-2500000"),
]

CHINESE = [
    ("一百二十三", "123"),
    ("十", "10"),
    ("十五", "15"),
    ("二百五十", "250"),
    ("两千四百五", "2450"),      # the trailing digit counts hundreds
    ("一万三", "13000"),
    ("九十二万四", "924000"),
    ("一千零一", "1001"),
    ("一千零五十", "1050"),
    ("一万零二百五十", "10250"),
    ("七十八万五百零六", "780506"),
    ("一百零一万一千", "1011000"),
    ("四亿五千六百四十二万零一十五", "456420015"),
    ("百三", "130"),
    ("零", "0"),
    ("〇", "0"),
    ("负三", "-3"),
    ("负三十二", "-32"),
    ("二〇二三", "2023"),         # digit by digit, as in a year
    ("一百 五 十 二", "152"),
]

TRADITIONAL_AND_FINANCIAL = [
    ("兩", "2"),
    ("兩千四百五", "2450"),
    ("倆", "2"),
    ("俩千两百贰拾二", "2222"),
    ("4萬", "40000"),
    ("十 余 萬", "100000"),
    ("三億", "300000000"),
    ("4.78萬億", "4780000000000"),
    ("負三十二", "-32"),
    ("壹佰伍拾", "150"),
    ("肆佰陸拾", "460"),
    ("肆拾肆", "44"),
    ("拾萬零五十六", "100056"),
    ("壹千零壹", "1001"),
    ("十萬柒仟捌佰伍拾肆", "107854"),
    ("八千三百八十五萬二千三百二十六點三三", "83852326.33"),
]

MIXED_AND_MULTIPLIERS = [
    ("16.4亿", "1640000000"),
    ("93.4亿", "9340000000"),
    ("1.7万", "17000"),
    ("53万", "530000"),
    ("5万4千6百", "54600"),
    ("5亿1万4千6百", "500014600"),
    ("7 万5 千4 百", "75400"),
    ("7万 5千 4百", "75400"),
    ("1000  万", "10000000"),
    ("10万万", "1000000000"),
    ("四万万", "400000000"),
    ("4.78万亿", "4780000000000"),
    ("3千万", "30000000"),
    ("2百万", "2000000"),
    ("五兆六十二亿四万五千二", "5006200045200"),
]

DECIMALS = [
    ("三点五", "3.5"),
    ("零点五", "0.5"),
    ("十点二三三", "10.233"),
    ("负六点六", "-6.6"),
    ("两千三点一", "2300.1"),
    ("两千点零", "2000"),
    ("两千万点五五四四", "20000000.5544"),
    ("三点五万", "35000"),
    ("四百 点 五", "400.5"),
]

# Fractions are given as exact rationals; a non-terminating one must agree to
# far more places than a float could.
FRACTIONS = [
    ("三分之一", Fraction(1, 3)),
    ("五分之二", Fraction(2, 5)),
    ("二分之一", Fraction(1, 2)),
    ("十分之一", Fraction(1, 10)),
    ("五 分之 一", Fraction(1, 5)),
    ("一百分之二", Fraction(2, 100)),      # an explicit denominator: a true fraction
    ("四千二分之三", Fraction(3, 4200)),
    ("１６分之5", Fraction(5, 16)),
    ("三百五又三分之一", Fraction(1051, 3)),
    ("负一又二分之一", Fraction(-3, 2)),
    ("负３分之负一百五十七", Fraction(157, 3)),
    ("3/4", Fraction(3, 4)),
    ("-3/2", Fraction(-3, 2)),
    ("1 4/3", Fraction(7, 3)),
]

# Percent forms give the number of percent (per mille for 千分之).
PERCENT = [
    ("百分之五十", "50"),
    ("50%", "50"),
    ("５０％", "50"),
    ("百分之三点五", "3.5"),
    ("百分之２．４", "2.4"),
    ("百分之百", "100"),
    ("百分之一百二十点五", "120.5"),
    ("百 分 之 2", "2"),
    ("千分之三", "3"),
    ("-22.2%", "-22.2"),
    ("3个百分点", "3"),
    ("２．４个百分点", "2.4"),
    ("九成", "90"),
    ("七成六", "76"),
    ("三成半", "35"),
    ("九折", "90"),
    ("七五折", "75"),
    ("75折", "75"),
]

NOT_NUMBERS = [
    ("", None),
    ("   ", None),
    ("万", None),
    ("万万", None),
    ("元", None),
    ("百分之", None),
    ("%", None),
    ("17.3624.1858.46", None),
    ("14..3", None),
    ("1,10", None),
    ("12 34", "1234"),          # spaces inside one expression are ignored
    ("3A", None),
    ("一3", None),
    ("三五五", "355"),
    ("5" + "%" * 50, None),
    ("1" * 31, None),               # an identifier, not a number
    ("9^999999999", None),          # overflows
    ("1万万万万万", None),           # stacked beyond 10^16
]


@pytest.mark.parametrize("text, expected",
                         ARABIC + CHINESE + TRADITIONAL_AND_FINANCIAL + MIXED_AND_MULTIPLIERS
                         + DECIMALS + PERCENT + NOT_NUMBERS)
def test_parse_number(text, expected):
    _check_value(text, expected)


@pytest.mark.parametrize("text, expected", FRACTIONS)
def test_parse_fraction(text, expected):
    got = parse_number(text)
    assert isinstance(got, Decimal)
    assert abs(Fraction(got) - expected) < Fraction(1, 10 ** 25)


def test_16_4_yi_is_exact():
    value = parse_number("16.4亿")
    assert isinstance(value, Decimal)
    assert value == Decimal("1640000000")
    assert value != Decimal("1639999999")
    assert str(value) == "1640000000"


# --------------------------------------------------------------------------
# read_number: qualifiers and ranges

APPROXIMATE = [
    ("十余万", "100000", None, "more_than"),
    ("二十几万", "200000", None, "more_than"),
    ("一千多万", "10000000", None, "more_than"),
    ("3000多", "3000", None, "more_than"),
    ("3000余", "3000", None, "more_than"),
    ("3000余万", "30000000", None, "more_than"),
    ("10 亿多", "1000000000", None, "more_than"),
    ("一百零几万", "1000000", None, "more_than"),
    ("五百 余万", "5000000", None, "more_than"),
    ("万余", "10000", None, "more_than"),
    ("十来万", "100000", None, "approx"),
    ("3000", "3000", None, ""),
]

RANGES = [
    ("两三", "2", "3", ""),
    ("一两", "1", "2", ""),
    ("三四十", "30", "40", ""),
    ("七八百", "700", "800", ""),
    ("两三万", "20000", "30000", ""),
    ("十五六", "15", "16", ""),
    ("一百二三十", "120", "130", ""),
    ("1至2", "1", "2", ""),
    ("三至五", "3", "5", ""),
    ("4.5-5", "4.5", "5", ""),
    ("5-20", "5", "20", ""),
    ("2021—2025", "2021", "2025", ""),
    ("3-5万", "30000", "50000", ""),      # the 万 of the upper end applies to both
    ("500-1万", "500", "10000", ""),      # ... but not when the lower end is larger
    ("5万-10万", "50000", "100000", ""),
    ("七八成", "70", "80", ""),
]


@pytest.mark.parametrize("text, value, value_max, qualifier", APPROXIMATE + RANGES)
def test_read_number(text, value, value_max, qualifier):
    expected = NumberReading(Decimal(value), Decimal(value_max) if value_max else None, qualifier)
    assert read_number(text) == expected


@pytest.mark.parametrize("text", ["10-5", "5至5", "abc", ""])
def test_read_number_rejects(text):
    assert read_number(text) is None


def test_parse_number_gives_the_lower_end_and_base_value():
    assert parse_number("两三") == 2
    assert parse_number("3000多") == 3000
    assert parse_number("5-20") == 5


# --------------------------------------------------------------------------
# find_numbers: spans in running sentences
#
# Each span is shown as "surface=value", with "..max" for a range, "+" for
# more_than and "~" for approx.

def _show(text: str, spans: list[NumberSpan]) -> list[str]:
    shown = []
    for s in spans:
        r = s.reading
        item = f"{text[s.start:s.end]}={r.value}"
        if r.value_max is not None:
            item += f"..{r.value_max}"
        item += {"more_than": "+", "approx": "~"}.get(r.qualifier, "")
        shown.append(item)
    return shown


UNITS_LEFT_OUTSIDE = [
    ("X县2023年完成固定资产投资16.4亿元，同比增长12.5%，新增就业1.7万人。",
     ["2023=2023", "16.4亿=1640000000", "12.5=12.5", "1.7万=17000"]),
    ("X县去年减免税费3000余万元，93.4亿元的项目落地，53万亩耕地。",
     ["3000余万=30000000+", "93.4亿=9340000000", "53万=530000"]),
    ("X县今年引进企业20多家，举办活动30 余场次，投资10 亿多元，人均增收2 万多元。",
     ["20多=20+", "30 余=30+", "10 亿多=1000000000+", "2 万多=20000+"]),
    ("全县共有商户3000多家，惠及二十几万人，总额一千多万元。",
     ["3000多=3000+", "二十几万=200000+", "一千多万=10000000+"]),
    ("X县百余家企业参展，万余人次观展，十来万元的订单。",
     ["百余=100+", "万余=10000+", "十来万=100000~"]),
]

CHINESE_IN_TEXT = [
    ("X县辖十五个乡镇、一百二十三个行政村，人口四十五万，面积两千四百五十平方公里。",
     ["十五=15", "一百二十三=123", "四十五万=450000", "两千四百五十=2450"]),
    ("两三个村合建站点，每村投入三四十万元，七八百户受益。",
     ["两三=2..3", "三四十万=300000..400000", "七八百=700..800"]),
    ("贫困发生率下降到百分之三点五，覆盖率达到百分之五十，损耗控制在千分之三。",
     ["百分之三点五=3.5", "百分之五十=50", "千分之三=3"]),
    ("约五分之二的农户参保，十分之一的耕地轮作，这十分重要。",
     ["五分之二=0.4", "十分之一=0.1"]),
    ("捐款壹佰伍拾万元，队伍建设陆续推进。",
     ["壹佰伍拾万=1500000"]),
]

TRADITIONAL_AND_FULL_WIDTH_IN_TEXT = [
    ("該縣投資4萬元建成兩個站點，共計3億元，十餘萬人受益。",
     ["4萬=40000", "兩=2", "3億=300000000", "十餘萬=100000+"]),
    ("增長５０％，投資１２．５億元，１,２００户。",
     ["５０=50", "１２．５億=1250000000", "１,２００=1200"]),
]

RANGES_AND_SIGNS_IN_TEXT = [
    ("每亩补贴5-20元，投资3至5万元，规划期2021—2025年，培训1至2次。",
     ["5-20=5..20", "3至5万=30000..50000", "2021—2025=2021..2025", "1至2=1..2"]),
    ("增速为-0.5%，利润负三万元，同比+3个百分点。",
     ["-0.5=-0.5", "负三万=-30000", "+3=3"]),
    ("价格从5万元-10万元不等。", ["5万=50000", "10万=100000"]),
    ("由20人到5人。", ["20=20", "5=5"]),
]

NOT_NUMBERS_IN_TEXT = [
    ("一是统一思想，二是强化一线服务，一批项目落地。", []),
    ("第一次会议，第三届，第十届，第1名。", []),
    ("二〇二三年工作报告，二○二四年规划，二 〇 二 五 年展望。", []),
    ("5A级景区，G353国道，4A景区，5G基站，PM2.5监测。", []),
    ("全国两会召开，两岸交流，十分重要，万一失败，千方百计，三令五申，一带一路，实现零突破。", []),
    ("几十万人次，数十家企业，千家万户，百姓生活。", []),
    ("“十三五”期间，“十四五”规划。", []),
    ("发布日期2022-06-15、2021/10/19、06.08.2016。", []),
    ("三产比例为12.6︰38.9︰48.5，时间16:27:03，比值3:2。", []),
    ("数据17.3624.1858.46有误。", []),
    ("电话0719-8888888。", []),
]

SEPARATORS_IN_TEXT = [
    ("签约项目40,协议投资1,117,285万元。", ["40=40", "1,117,285万=11172850000"]),
    ("项目1,1175个。", ["1=1", "1175=1175"]),
    ("分别为1.5,2.5和3.5。", ["1.5=1.5", "2.5=2.5", "3.5=3.5"]),
    ("新建线路3km，装机50MW，用地2ha。", ["3=3", "50=50", "2=2"]),
    # thousands apart by a space, as yearbooks and PDF text write them
    ("总面积15 380平方公里，人口137 264人。", ["15 380=15380", "137 264=137264"]),
    ("共1 234 567元。", ["1 234 567=1234567"]),
    ("企业1234 567家，2019 2020年，1,234 567。", ["1234=1234", "567=567", "2019=2019", "2020=2020",
                                               "1,234=1234", "567=567"]),
]


@pytest.mark.parametrize("text, expected",
                         UNITS_LEFT_OUTSIDE + CHINESE_IN_TEXT + TRADITIONAL_AND_FULL_WIDTH_IN_TEXT
                         + RANGES_AND_SIGNS_IN_TEXT + NOT_NUMBERS_IN_TEXT + SEPARATORS_IN_TEXT)
def test_find_numbers(text, expected):
    assert _show(text, find_numbers(text)) == expected


@pytest.mark.parametrize("word", [
    "一是", "一线", "统一", "一批", "第一", "二〇二三年", "5A级", "G353", "两会", "一系列",
    "一体化", "一律", "万一", "千万别", "一起", "一直", "一定", "一般", "一样", "一切", "唯一",
    "之一", "第三", "第十届", "十分", "万事", "千方百计", "三令五申", "一举", "一带一路", "零突破",
])
def test_number_like_words_give_no_span(word):
    assert find_numbers(f"X县{word}。") == []


def test_two_three_is_a_range_not_23():
    [span] = find_numbers("两三个")
    assert (span.start, span.end) == (0, 2)
    assert span.reading == NumberReading(Decimal(2), Decimal(3))


def test_percent_span_covers_the_prefix():
    text = "占比百分之五十。"
    [span] = find_numbers(text)
    assert text[span.start:span.end].startswith("百分之")
    assert span.reading.value == 50


def test_offsets_index_the_original_text():
    text = "增長５０％，共４萬元"
    spans = find_numbers(text)
    assert [(s.start, s.end) for s in spans] == [(2, 4), (7, 9)]
    assert [text[s.start:s.end] for s in spans] == ["５０", "４萬"]


def test_typo_with_two_points_does_not_crash():
    spans = find_numbers("编号14..3号")
    assert all(s.reading.value in (14, 3) for s in spans)


# --------------------------------------------------------------------------
# Properties

def _chinese(n: int) -> str:
    """n written in standard Chinese numerals (for 0 < n < 10**16)."""
    digits = "零一二三四五六七八九"

    def below_10000(k: int) -> str:
        out, zero = "", False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // value % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += digits[d] + name
        return out

    out, pending_zero = "", False
    for value, name in ((10 ** 12, "万亿"), (10 ** 8, "亿"), (10 ** 4, "万"), (1, "")):
        group = n // value % 10000
        if group == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or group < 1000):
            out += "零"
        out += below_10000(group) + name
        pending_zero = False
    return out


@given(st.integers(min_value=1, max_value=10 ** 15))
def test_chinese_numerals_round_trip(n):
    assert parse_number(_chinese(n)) == n


@given(st.integers(min_value=-10 ** 20, max_value=10 ** 20))
def test_arabic_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.decimals(min_value=-10 ** 9, max_value=10 ** 9, places=4, allow_nan=False))
def test_decimal_round_trip(d):
    value = parse_number(f"{d:f}")
    assert value == d and isinstance(value, Decimal)


_TEXT_ALPHABET = "0123456789,.:-/%至余多几来十百千万亿零一二两三五九第分之点负 A年元个，。、" + "萬億兩"


@settings(max_examples=300)
@given(st.text(alphabet=_TEXT_ALPHABET, max_size=40))
def test_find_numbers_never_crashes_and_spans_are_ordered(text):
    spans = find_numbers(text)
    last_end = 0
    for s in spans:
        assert last_end <= s.start < s.end <= len(text)
        assert isinstance(s.reading.value, Decimal)
        last_end = s.end


@pytest.mark.parametrize("text", [
    "1" * 200_000,
    "1," * 100_000,
    "1." * 100_000,
    "1-" * 100_000,
    "一" * 200_000,
    "十余" * 100_000,
    "一 " * 100_000,
    "三分之" * 50_000,
    "X县投资3000余万元，增长12.5%，第一，统一。" * 5_000,
])
def test_find_numbers_is_linear_on_adversarial_text(text):
    start = time.perf_counter()
    find_numbers(text)
    parse_number(text)
    assert time.perf_counter() - start < 15


@pytest.mark.parametrize("text, spans", [
    ("1亿3000万6500", [(0, 11, "130006500")]),       # the places below 万 written on
    ("2万3456", [(0, 6, "23456")]),
    ("1.5万3000", [(0, 4, "15000"), (4, 8, "3000")]),  # not a whole group of 万: two numbers
    ("5万,1000", [(0, 2, "50000"), (3, 7, "1000")]),
])
def test_digits_after_wan_are_its_lower_places(text, spans):
    assert [(s.start, s.end, str(s.reading.value)) for s in find_numbers(text)] == spans
