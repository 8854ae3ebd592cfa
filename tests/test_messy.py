"""Real documents as they come: signs and changes, comparison figures in
brackets, ratios, typos, page furniture. Sentences written for the tests, and
the samples copied messily (another script, full-width digits, PDF spaces)."""
import re
from collections import Counter
from pathlib import Path

import pytest

from extractor import extract_text


def figures(text):
    return [(f.indicator, str(f.value), f.unit) for f in extract_text(text, county="房县")]


SIGNS_AND_CHANGES = [
    ("全县工业增加值同比增长-0.5%。", [("工业增加值同比增长", "-0.5", "%")]),
    ("规模以上工业增加值同比下降4.27%。", [("规模以上工业增加值同比下降", "4.27", "%")]),
    ("粮食总产量11.6万吨,比上年减少6140吨。",
     [("粮食总产量", "11.6", "万吨"), ("粮食总产量比上年减少", "6140", "吨")]),
    ("城镇化率达到49.8%,提高0.6个百分点。",
     [("城镇化率", "49.8", "%"), ("城镇化率提高", "0.6", "个百分点")]),
]

BRACKETS = [
    ("全年完成投资12.6亿元(上年同期为10.2亿元)。",
     [("完成投资", "12.6", "亿元"), ("上年同期", "10.2", "亿元")]),
]

RATIOS_AND_RUN_TOGETHER = [
    ("三次产业结构由13.2:36.5:50.3调整为12.6:38.9:48.5,财政收入8.2亿元。", [("财政收入", "8.2", "亿元")]),
    ("三次产业比重由18.2125.3756.42调整为17.3624.1858.46,财政收入8.2亿元。", [("财政收入", "8.2", "亿元")]),
]

TYPOS = [
    ("工业增加值增长12..7%,固定资产投资25.1亿元。",
     [("工业增加值增长", "12.7", "%"), ("固定资产投资", "25.1", "亿元")]),
    ("工业增加值增长12.7,固定资产投资25.1亿元。", [("固定资产投资", "25.1", "亿元")]),
    # spoken 亿: 4个亿 is 4 亿 (the mention keeps 个)
    ("园区项目共投资6个亿。", [("园区项目共投资", "6", "亿")]),
    ("全年争取资金2个多亿元。", [("争取资金", "2", "亿元")]),
    ("全县18个亿元以上项目开工。", [("开工亿元以上项目", "18", "个")]),
    ("今年引进3个亿元项目。", [("引进亿元项目", "3", "个")]),
    ("全县拥有2个亿元村。", [("拥有亿元村", "2", "个")]),
    ("全县共有12个亿吨级港口泊位。", [("亿吨级港口泊位", "12", "个")]),
]

FURNITURE = [
    "版权所有:房县人民政府办公室 鄂ICP备05012345号-1 鄂公网安备42032502000123号",
    "联系电话:0719-3221234 传真:0719-3225678",
    "发布时间:2021-10-19 16:27 来源:房县融媒体中心 阅读次数:1.2万",
    "首页 > 新闻中心 > 县域动态",
    "已有5人参与,欢迎留言发表看法",
    "责任编辑:王某 校对:李某",
]

CASES = [("signs", c) for c in SIGNS_AND_CHANGES] + [("brackets", c) for c in BRACKETS] \
    + [("ratios", c) for c in RATIOS_AND_RUN_TOGETHER] + [("typos", c) for c in TYPOS] \
    + [("furniture", (line, [])) for line in FURNITURE]


@pytest.mark.parametrize("group, case", CASES, ids=[f"{g}:{c[0][:20]}" for g, c in CASES])
def test_messy_inputs(group, case):
    text, expected = case
    assert figures(text) == expected


# The same article written in another script, with full-width digits or with
# PDF-style spaces before its units or after its figures gives the same rows
# (the samples, whole).
SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))


def _rows(text):
    return Counter((f.county, f.indicator, str(f.value), f.unit, f.qualifier, f.status, f.period)
                   for f in extract_text(text, source="a.txt"))


def _full_width_digits(text):
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)


def _traditional(text):
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _spaced_units(text):
    return re.sub(r"([0-9])([万亿元%])", r"\1 \2", text)


def _spaced_after_figures(text):
    # (41.5% 的居民: text spaced as English is)
    return re.sub(r"([0-9][万亿]?[元%])(?=[\u4e00-\u9fff])", r"\1 ", text)


@pytest.mark.parametrize("variant", [_full_width_digits, _traditional, _spaced_units, _spaced_after_figures],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_a_messy_copy_of_an_article_gives_the_same_rows(path, variant):
    text = path.read_text(encoding="utf-8")
    assert _rows(variant(text)) == _rows(text)
