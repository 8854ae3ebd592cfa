"""Main county and attribution of figures to areas."""
import pytest

from extractor.counties import attribute, find_places


def county_of(text, figure, **kw):
    places = find_places(text, **kw)
    pos = text.index(figure)
    clause = max(text.rfind(c, 0, pos) for c in ",，;；") + 1
    return attribute(text, 0, pos, clause, places)


def test_main_county_is_the_most_named_and_title_counts_more():
    text = "竹山县:产业兴旺\n房县、竹山县、郧西县三地合作,竹山县新建厂房5万平方米。"
    assert find_places(text, title="竹山县:产业兴旺").main_name == "竹山县"


def test_no_county_named_gives_none():
    assert find_places("全县新建学校3所。").main is None


def test_user_county_overrides():
    assert find_places("全县新建学校3所。", default="南昌县").main_name == "南昌县"


ATTRIBUTION = [
    ("全县新建学校3所", "3所", "房县"),                                      # 全县 is the main county
    ("该县新增企业12家", "12家", "房县"),
    ("十堰市生产总值增长6%,房县增长7%", "6%", "十堰市"),                   # a city opening its clause
    ("十堰市生产总值增长6%,房县增长7%", "7%", "房县"),
    ("北京市朝阳区向房县捐赠车辆30台", "30台", "房县"),                     # after a preposition
    ("海南产量占全国95%的份额", "95%", "海南省"),                          # a province by short name
    ("截至9月,山东籍游客达9000人次", "9000人次", "房县"),                  # 山东籍 is not Shandong
    ("江苏某公司等2个企业落户房县", "2个", "房县"),                        # origin of companies
]


@pytest.mark.parametrize("sentence, figure, expected", ATTRIBUTION)
def test_attribution(sentence, figure, expected):
    assert county_of(sentence, figure, default="房县") == expected


SEVERAL_PLACES = [
    ("分地区看,房县实现生产总值150亿元,增长6%;竹山县实现180亿元,增长7%", "6%", "房县"),
    ("分地区看,房县实现生产总值150亿元,增长6%;竹山县实现180亿元,增长7%", "7%", "竹山县"),
    ("全市县域生产总值增长5.5%", "5.5%", "十堰市"),
    ("全省粮食产量增长2%", "2%", "湖北省"),
    ("全国粮食产量增长1%", "1%", "全国"),
    ("全县粮食产量增长3%", "3%", "房县"),
]


@pytest.mark.parametrize("sentence, figure, expected", SEVERAL_PLACES)
def test_several_places_and_aggregates(sentence, figure, expected):
    assert county_of(sentence, figure, default="房县") == expected


AFTER_TIME_AND_PLAN_WORDS = [
    ("国庆假期十堰市共接待游客120万人次", "120万人次", "十堰市"),
    ("据统计,1至10月全省网络零售额3126亿元", "3126亿元", "湖北省"),
    ("十堰市将加大支持,力争到2025年房县茶产业产值突破50亿元", "50亿元", "房县"),
]


@pytest.mark.parametrize("sentence, figure, expected", AFTER_TIME_AND_PLAN_WORDS)
def test_places_after_time_and_plan_words(sentence, figure, expected):
    assert county_of(sentence, figure, default="房县") == expected


AGGREGATES_IN_CONTEXT = [
    ("在全国各地开办门店2100个", "2100个", "房县", "房县"),                       # a location, not the country
    ("全省网络零售额3126亿元,同比增长9.4%", "9.4%", "房县", "湖北省"),          # carried from a clause with a figure
    ("全省首批典型县获得命名,品牌价值突破30亿元", "30亿元", "房县", "房县"),    # an honour, not a subject
    ("全市生产总值增长6%", "6%", "房县", "十堰市"),                              # 全市 around a 县: the prefecture
    ("全市生产总值增长6%", "6%", "万宁市", "万宁市"),                            # 全市 of a county-level city: itself
]


@pytest.mark.parametrize("sentence, figure, main, expected", AGGREGATES_IN_CONTEXT)
def test_aggregates_in_context(sentence, figure, main, expected):
    assert county_of(sentence, figure, default=main) == expected


@pytest.mark.parametrize("text, fallback, main", [
    ("全县新建学校3所。", "闽侯县", "闽侯县"),        # the text names no county: the fallback
    ("房县新建学校3所。", "闽侯县", "房县"),          # the text's county wins
    ("全县新建学校3所。", "", ""),
])
def test_fallback_county_only_when_the_text_names_none(text, fallback, main):
    assert find_places(text, fallback=fallback).main_name == main
