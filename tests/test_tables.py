"""Tables: each numeric cell a row, with indicator, unit and period from the
table's labels, headers and unit lines. Inputs are written for the tests."""
import pytest

from extractor import extract_text
from extractor.normalise import normalise
from extractor.tables import find_tables


def cells(text):
    """(indicator, value, unit, period, area) of each table cell; the area
    only where a row names one."""
    if not find_tables(normalise(text).text):
        return []
    return [(f.indicator, str(f.value), f.unit, f.period, f.county if "area_table_row" in f.rules else "")
            for f in extract_text(text)]


PIPE_TABLE_UNITS_IN_HEADER = """主要农产品产量
| 指标 | 产量(吨) | 比上年增长(%) |
|---|---|---|
| 稻谷 | 125,300 | 2.1 |
| 油菜籽 | 8,420 | -3.5 |
"""

UNIT_COLUMN_AND_YEARS = """指标\t计量单位\t2022年\t2023年
生猪出栏\t万头\t12.5\t13.1
家禽出笼\t万羽\t230\t245
"""

FLATTENED_WITH_UNIT_LINE = """表3 2023年一般公共预算收支表

单位:万元

项目

预算数

决算数

税收收入

52,300

53,118

非税收入

20,100

19,877

"""

FLATTENED_GROUPS = """单位:亿元
收入
执行数
支出
执行数
总计
12.5
总计
11.8
一、本级收入
6.2
一、本级支出
9.9
"""

DISTRICT_TABLE = """分地区生产总值(亿元)
| 地区 | 生产总值 |
| 房县 | 150.2 |
| 竹山县 | 180.6 |
"""

CASES = [
    ("pipe table, units in headers", PIPE_TABLE_UNITS_IN_HEADER, [
        ("稻谷产量", "125300", "吨", "", ""), ("稻谷比上年增长", "2.1", "%", "", ""),
        ("油菜籽产量", "8420", "吨", "", ""), ("油菜籽比上年增长", "-3.5", "%", "", "")]),
    ("unit column, year columns", UNIT_COLUMN_AND_YEARS, [
        ("生猪出栏", "12.5", "万头", "2022年", ""), ("生猪出栏", "13.1", "万头", "2023年", ""),
        ("家禽出笼", "230", "万羽", "2022年", ""), ("家禽出笼", "245", "万羽", "2023年", "")]),
    ("one cell per line, unit line, title year", FLATTENED_WITH_UNIT_LINE, [
        ("税收收入预算数", "52300", "万元", "2023年", ""), ("税收收入决算数", "53118", "万元", "2023年", ""),
        ("非税收入预算数", "20100", "万元", "2023年", ""), ("非税收入决算数", "19877", "万元", "2023年", "")]),
    ("one cell per line, column groups", FLATTENED_GROUPS, [
        ("收入总计执行数", "12.5", "亿元", "", ""), ("支出总计执行数", "11.8", "亿元", "", ""),
        ("本级收入执行数", "6.2", "亿元", "", ""), ("本级支出执行数", "9.9", "亿元", "", "")]),
    ("rows naming places", DISTRICT_TABLE, [
        ("生产总值", "150.2", "亿元", "", "房县"), ("生产总值", "180.6", "亿元", "", "竹山县")]),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_table_cells(name, text, expected):
    assert cells(text) == expected


def test_prose_is_not_a_table():
    assert cells("全县新建学校3所。\n新增学位1200个。\n改造道路5公里。") == []


def test_table_rows_in_a_document_quote_the_cell_and_skip_the_prose_reading():
    text = "房县2023年统计公报\n" + PIPE_TABLE_UNITS_IN_HEADER
    got = extract_text(text, source="t.txt")
    assert [(f.county, f.indicator, f.mention) for f in got][:2] == [
        ("房县", "稻谷产量", "125,300"), ("房县", "稻谷比上年增长", "2.1")]
    assert all(text[f.start:f.end] == f.mention for f in got)
    assert len(got) == 4


def test_a_column_unit_wins_over_the_unit_column():
    text = "| 产品 | 计量单位 | 2023年 | 比上年增长(%) |\n|---|---|---|---|\n| 原盐 | 万吨 | 312.5 | -3.2 |\n"
    assert cells(text) == [("原盐", "312.5", "万吨", "2023年", ""), ("原盐比上年增长", "-3.2", "%", "", "")]
