"""Indicator naming, grouped by the shape of the sentence. Each case: a
sentence and the indicators of its figures, in order."""
import pytest

from extractor.indicators import name_indicators
from extractor.quantities import find_quantities


def names(sentence):
    return name_indicators(sentence, find_quantities(sentence))


CLAUSE_BEFORE = [
    ("全县地区生产总值达到98.6亿元", ["地区生产总值"]),
    ("2022年,该县规模以上工业增加值12.3亿元", ["规模以上工业增加值"]),
    ("新建标准化厂房3.5万平方米,引进企业12家", ["新建标准化厂房", "引进企业"]),
    ("(记者 张三)今年以来,全县累计完成固定资产投资56.7亿元", ["累计完成固定资产投资"]),
]

CHANGE_WORDS = [
    ("社会消费品零售总额45.2亿元,同比增长8.1%", ["社会消费品零售总额", "社会消费品零售总额同比增长"]),
    ("一般公共预算收入6.7亿元,比上年下降3.2%", ["一般公共预算收入", "一般公共预算收入比上年下降"]),
    ("集中开工项目35个,总投资达120亿元", ["集中开工项目", "集中开工项目总投资"]),
    ("普惠性幼儿园46所,占比75%", ["普惠性幼儿园", "普惠性幼儿园占比"]),
    ("农民人均纯收入8500元,净增额640元", ["农民人均纯收入", "农民人均纯收入净增额"]),
]

RESPECTIVELY = [
    ("城镇居民人均可支配收入、农村居民人均可支配收入分别增长6.2%、7.9%",
     ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]),
    ("羊、牛和生猪存栏分别达到12万只、3万头和8万头", ["羊存栏", "牛存栏", "生猪存栏"]),
    ("三次产业对经济增长的贡献率分别为12.1%、40.2%和47.7%",
     ["三次产业对经济增长的贡献率"] * 3),
    ("接待游客86.2万人次,旅游收入5.3亿元,分别同比增长12.1%、9.8%",
     ["接待游客", "旅游收入", "接待游客同比增长", "旅游收入同比增长"]),
]

COUNTED_THING_AFTER = [
    ("全县12家砖厂全部关闭", ["砖厂全部关闭"]),
    ("吸纳600余名农村劳动力就近就业", ["吸纳农村劳动力就近就业"]),
    ("对口支援单位抽调15名干部、8名医生参加驻村帮扶", ["抽调干部参加驻村帮扶", "抽调医生参加驻村帮扶"]),
    ("确定重点课题6项21个执行难的专项任务", ["专项任务", "专项任务"]),
]

ATTRIBUTES_WITH_DE = [
    ("捐赠价值35万元的教学设备", ["捐赠教学设备价值"]),
    ("总投资8亿元的农产品冷链物流园正加快建设", ["农产品冷链物流园总投资"]),
    ("每户每年都有1万多元的收入", ["每户每年都收入"]),
]

COMPARISONS_AND_PLANS = [
    ("全县油茶种植面积46万亩,约占全省的18%", ["油茶种植面积", "油茶种植面积约占全省"]),
    ("规模以上工业增加值增长7.9%,高于全省1.6个百分点",
     ["规模以上工业增加值增长", "规模以上工业增加值高于全省"]),
    ("建成投产后预计年产值可达45亿元", ["年产值"]),
    ("全县12家A级景区接待游客86万人次", ["A级景区接待游客", "A级景区接待游客"]),
]

EXAMPLES_BEFORE_DENG = [
    ("签约某某食品、某某纺织等项目18个", ["签约项目"]),
]

ALL = [("clause before", c) for c in CLAUSE_BEFORE] + [("change words", c) for c in CHANGE_WORDS] \
    + [("分别", c) for c in RESPECTIVELY] + [("thing after count", c) for c in COUNTED_THING_AFTER] \
    + [("的", c) for c in ATTRIBUTES_WITH_DE] + [("等", c) for c in EXAMPLES_BEFORE_DENG] \
    + [("comparisons and plans", c) for c in COMPARISONS_AND_PLANS]


@pytest.mark.parametrize("group, case", ALL, ids=[f"{g}:{c[0]}" for g, c in ALL])
def test_indicators(group, case):
    sentence, expected = case
    assert names(sentence) == expected


def test_passive_verb_phrase_after_a_count():
    assert names("甲、乙、丙3个村被评为全省美丽乡村示范村") == ["村被评为全省美丽乡村示范村"]
