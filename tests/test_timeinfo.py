"""Period and status."""
import pytest

from extractor.timeinfo import heading_period, leading_time_phrase, period_before, status, time_phrases

PERIODS = [
    ("1至3月份,累计完成投资22.6亿元", "22.6", "1至3月份"),
    ("“十四五”期间,全县生产总值年均增长7%", "7%", "十四五期间"),
    ("今年2至4月,共举办培训班5期", "5期", "今年2至4月"),
    ("截至目前,已完成投资3亿元", "3亿元", "截至目前"),
    ("9月17日,县里举行2023年招商大会,签约项目13个", "13个", "9月17日"),   # 2023年 names the event
    ("全县新建学校3所,2022年完成投资5亿元", "3所", ""),                   # only what comes before
    ("上半年,全县GDP增长6%", "6%", "上半年"),
    # the longest phrase at a place, not the first pattern that matches there
    ("2024年1-6月,全县新增市场主体812户", "812户", "2024年1-6月"),
    ("截至2023年12月31日,全县共有养老机构9家", "9家", "2023年12月31日"),
    ("2022年9月底,累计发放贷款3.5亿元", "3.5亿元", "2022年9月底"),
]


@pytest.mark.parametrize("sentence, figure, expected", PERIODS)
def test_period_before(sentence, figure, expected):
    assert period_before(sentence, sentence.index(figure)) == expected


def test_heading_period_accepts_a_year_before_a_noun():
    assert heading_period("2023年经济社会工作八大亮点") == "2023年"


def test_time_phrases_skip_event_years():
    assert [p for *_, p in time_phrases("举行2023年招商大会")] == []


# leading_time_phrase agrees with the first of time_phrases when it opens the text
LEADING = [
    ("上半年全县实现生产总值", "上半年"),
    ("1-6月份全县", "1-6月份"),
    ("2024年1-6月全县", "2024年1-6月"),
    ("全县上半年实现", ""),
    ("2023年招商大会签约12个项目", ""),     # an event year, as time_phrases has it
    ("2023年,全县", "2023年"),
    ("", ""),
]


@pytest.mark.parametrize("text, expected", LEADING)
def test_leading_time_phrase(text, expected):
    end = leading_time_phrase(text)
    assert text[:end] == expected
    found = time_phrases(text)
    assert end == (found[0][1] if found and found[0][0] == 0 else 0)


STATUS = [
    ("力争村集体收入达到10万元以上,收入过百万元的村达到5个", "5个", "", "target"),
    ("计划投资7.5亿元的光伏项目正在建设", "7.5亿元", "", "target"),
    ("总投资1.2亿元的项目,计划建设600户,目前已完成安装100户", "100户", "", "actual"),
    ("总投资1.2亿元的项目,计划建设600户,目前已完成安装100户", "600户", "", "target"),
    ("县中医院等5个项目即将完工", "5个", "", "actual"),
    ("重点项目完成投资占年度计划的53%", "53%", "", "actual"),
    ("城镇新增就业1500人以上", "1500人", "2024年工作展望", "target"),
    ("全区生产总值预计达到739亿元", "739亿元", "一、“十二五”期间发展回顾", "actual"),
    ("预计全年接待游客180万人", "180万人", "", "target"),
    ("全县新建学校5所", "5所", "2023年重点工作完成情况综述", "actual"),
    ("新建学校5所", "5所", "2024年重点工作", "target"),
]


@pytest.mark.parametrize("sentence, figure, heading, expected", STATUS)
def test_status(sentence, figure, heading, expected):
    assert status(sentence, sentence.index(figure), heading) == expected


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
    ("县经济运行简报\n发布日期：2023年02月11日 09:41\n全县地区生产总值增长5%。\n", [""]),
    ("县经济运行简报\n2023年2月11日 09:41\n全县地区生产总值增长5%。\n", [""]),
    ("县经济运行简报\n2023年2月11日09:41:20 县统计局\n全县地区生产总值增长5%。\n", [""]),
    ("县经济运行简报\n2023年02月11日\n\n全县地区生产总值增长5%。\n", [""]),          # a dateline
    ("县经济运行简报\n2023年2月11日 星期六\n全县地区生产总值增长5%。\n", [""]),
    ("日期：2023年2月11日 全县地区生产总值增长5%。\n", [""]),
    ("2023年2月11日 09:41\n上半年，全县地区生产总值增长5%。\n", ["上半年"]),
    # dates in the article are periods as before
    ("2月11日，全县签约项目5个。\n", ["2月11日"]),
    ("2023年2月11日，全县签约项目5个，总投资12亿元。\n", ["2023年2月11日", "2023年2月11日"]),
    ("县经济运行简报\n2023年1-6月\n全县地区生产总值增长5%。\n", ["2023年1-6月"]),  # a heading, not a date
]


@pytest.mark.parametrize("text, periods", TIMESTAMPS)
def test_a_timestamp_is_never_a_period(text, periods):
    from extractor import extract_text

    assert [f.period for f in extract_text(text, county="房县")] == periods


@pytest.mark.parametrize("text", ["发布时间：2023年2月11日", "2023年2月11日 10:30", "2023年02月11日", "更新日期: 2月11日"])
def test_timestamps_are_no_time_phrases(text):
    assert time_phrases(text) == ()
