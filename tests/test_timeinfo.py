"""Time phrases (the finder); which is a figure's period, and its status, are
tested by the examples of patterns/periods.yaml and below through the pipeline."""
import pytest

from extractor import extract_text
from extractor.periods import heading_period
from extractor.timeinfo import leading_time_phrase, time_phrases

PERIODS = [
    ("1至5月份,累计完成投资8.4亿元", "8.4", "1至5月份"),
    ("“十四五”期间,全县生产总值年均增长7%", "7%", "十四五期间"),
    ("今年3至5月,共举办培训班6期", "6期", "今年3至5月"),
    ("截至目前,已完成投资3亿元", "3亿元", "截至目前"),
    ("9月17日,县里举行2021年人才交流大会,签约项目21个", "21个", "9月17日"),   # 2021年 names the event
    ("全县新建学校3所,2022年完成投资5亿元", "3所", ""),                   # only what comes before
    ("2023年完成投资5亿元,2024年计划投资8亿元", "8亿元", "2024年"),        # each clause its own time
    ("上半年,全县GDP增长6%", "6%", "上半年"),
    # the longest phrase at a place, not the first pattern that matches there
    ("2024年1-6月,全县新增市场主体812户", "812户", "2024年1-6月"),
    ("截至2023年12月31日,全县共有养老机构9家", "9家", "截至2023年12月31日"),
    ("2022年9月底,累计发放贷款3.5亿元", "3.5亿元", "2022年9月底"),
    # 截至 with a day and an hour, date ranges, "since", and relative days
    ("截至11月20日18时,全县转移群众1200人", "1200人", "截至11月20日18时"),
    ("5月12日至13日,全县平均降雨量86毫米", "86毫米", "5月12日至13日"),
    ("自3月1日以来,共破获案件12起", "12起", "3月1日以来"),
    ("近5年来,全县新增企业40家", "40家", "近5年来"),
    ("当天共接待游客3000人次", "3000人次", "当天"),
]


def period_of(text: str, mention: str) -> str:
    return next(f.period for f in extract_text(text + "。", county="房县") if mention in f.mention)


def status_of(text: str, mention: str) -> str:
    return next(f.status for f in extract_text(text + "。", county="房县") if mention in f.mention)


@pytest.mark.parametrize("sentence, figure, expected", PERIODS)
def test_period(sentence, figure, expected):
    assert period_of(sentence, figure) == expected


def test_heading_period_accepts_a_year_before_a_noun():
    assert heading_period("2023年经济社会工作八大亮点") == "2023年"


def test_time_phrases_skip_event_years():
    assert [p for *_, p in time_phrases("举行2021年人才交流大会")] == []


# leading_time_phrase agrees with the first of time_phrases when it opens the text
LEADING = [
    ("上半年全县实现生产总值", "上半年"),
    ("1-6月份全县", "1-6月份"),
    ("2024年1-6月全县", "2024年1-6月"),
    ("全县上半年实现", ""),
    ("2021年人才交流大会签约12个项目", ""),     # an event year, as time_phrases has it
    ("2022年,全县", "2022年"),
    ("", ""),
]


@pytest.mark.parametrize("text, expected", LEADING)
def test_leading_time_phrase(text, expected):
    end = leading_time_phrase(text)
    assert text[:end] == expected
    found = time_phrases(text)
    assert end == (found[0][1] if found and found[0][0] == 0 else 0)


STATUS = [
    ("力争村级集体经济收入达到8万元以上,收入过百万元的村达到7个", "7个", "", "target"),
    ("计划投资4.2亿元的污水处理项目正在建设", "4.2亿元", "", "target"),
    ("总投资1.6亿元的项目,计划改造800户,目前已完成改造350户", "350户", "", "actual"),
    ("总投资1.6亿元的项目,计划改造800户,目前已完成改造350户", "800户", "", "target"),
    ("县职教中心等3个项目即将完工", "3个", "", "actual"),
    ("重点工程完成投资占年度计划的47%", "47%", "", "actual"),
    ("城镇新增就业1500人以上", "1500人", "2025年工作展望", "target"),
    ("全区生产总值预计达到739亿元", "739亿元", "一、“十二五”期间发展回顾", "actual"),
    ("预计全年接待游客180万人", "180万人", "", "target"),
    ("全县新建学校5所", "5所", "2023年重点工作完成情况综述", "actual"),
    ("新建学校5所", "5所", "2024年重点工作", "target"),
    # a connector continues the plan: 并实现, 并完成 report nothing
    ("力争全年接待游客90万人次,并实现旅游收入4亿元", "4亿元", "", "target"),
    ("计划新建学校5所,并完成校舍改造12所", "12所", "", "target"),
]


@pytest.mark.parametrize("sentence, figure, heading, expected", STATUS)
def test_status(sentence, figure, heading, expected):
    text = f"{heading}\n{sentence}" if heading else sentence
    assert status_of(text, figure) == expected


def _first_chars(items) -> tuple[set, bool]:
    """The characters a parsed regex can begin with, and whether it can match
    the empty string (a small FIRST-set over Python's own regex parser)."""
    try:
        import re._constants as c
    except ImportError:         # Python 3.10
        import sre_constants as c
    first: set = set()
    for op, arg in items:
        if op is c.LITERAL:
            return first | {chr(arg)}, False
        if op is c.IN:
            for kind, value in arg:
                if kind is c.LITERAL:
                    first.add(chr(value))
                elif kind is c.RANGE:
                    first.update(map(chr, range(value[0], value[1] + 1)))
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    first.update("0123456789")
                else:
                    raise AssertionError(f"cannot list the first characters of {kind}")
            return first, False
        if op is c.SUBPATTERN:
            sub, nullable = _first_chars(arg[-1])
        elif op is c.BRANCH:
            parts = [_first_chars(branch) for branch in arg[1]]
            sub, nullable = set().union(*(p[0] for p in parts)), any(p[1] for p in parts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            sub, nullable = _first_chars(arg[2])
            nullable = nullable or arg[0] == 0
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        else:
            raise AssertionError(f"cannot list the first characters of {op}")
        first |= sub
        if not nullable:
            return first, False
    return first, True


def test_every_time_pattern_begins_with_a_start_char():
    try:
        import re._parser as parser
    except ImportError:         # Python 3.10
        import sre_parse as parser
    from extractor import rules

    cfg = rules.load("periods")
    for pattern in cfg["patterns"]:
        first, nullable = _first_chars(parser.parse(pattern).data)
        assert not nullable, pattern
        assert first <= set(cfg["start_chars"]), (pattern, first - set(cfg["start_chars"]))


# A timestamp is never a period: a page's own date and time (a byline, a
# dateline under the title) is metadata, whatever it stands above.
TIMESTAMPS = [
    # (text, the periods its figures get)
    ("县经济运行简报\n发布日期：2021年09月17日 14:26\n全县地区生产总值增长5%。\n", [""]),
    ("县经济运行简报\n2021年9月17日 14:26\n全县地区生产总值增长5%。\n", [""]),
    ("县经济运行简报\n2021年9月17日14:26:20 县统计局\n全县地区生产总值增长5%。\n", [""]),
    ("县经济运行简报\n2021年09月17日\n\n全县地区生产总值增长5%。\n", [""]),          # a dateline
    ("县经济运行简报\n2021年9月17日 星期五\n全县地区生产总值增长5%。\n", [""]),
    ("日期：2021年9月17日 全县地区生产总值增长5%。\n", [""]),
    ("2021年9月17日 14:26\n上半年，全县地区生产总值增长5%。\n", ["上半年"]),
    # dates in the article are periods as before
    ("9月17日，全县签约项目5个。\n", ["9月17日"]),
    ("2021年9月17日，全县签约项目5个，总投资12亿元。\n", ["2021年9月17日", "2021年9月17日"]),
    ("县经济运行简报\n2023年1-6月\n全县地区生产总值增长5%。\n", ["2023年1-6月"]),  # a heading, not a date
]


@pytest.mark.parametrize("text, periods", TIMESTAMPS)
def test_a_timestamp_is_never_a_period(text, periods):
    from extractor import extract_text

    assert [f.period for f in extract_text(text, county="房县")] == periods


@pytest.mark.parametrize("text", ["发布时间：2021年9月17日", "2021年9月17日 10:30", "2021年09月17日", "更新日期: 9月17日"])
def test_timestamps_are_no_time_phrases(text):
    assert time_phrases(text) == ()
