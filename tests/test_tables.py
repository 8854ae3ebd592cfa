"""Tables: each numeric cell a row, with indicator, unit, period, status and
area from the table's labels, headers, unit lines and title, through the same
resolvers as prose. Grouped by layout, units, what a cell is, areas, and rows
that cannot be lined up. Inputs are written for the tests."""
import warnings

import pytest

from extractor import extract_text
from extractor.models import Document
from extractor.normalise import normalise
from extractor.pipeline import extract_document
from extractor.tables import TableWarning, find_tables


def cells(text):
    """(indicator, value, unit, period, area) of each table cell; the area
    only where a row or column names one."""
    if not find_tables(normalise(text).text):
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TableWarning)
        figures = extract_text(text)
    return [(f.indicator, str(f.value), f.unit, f.period,
             f.county if "area_table_row" in f.rules or "area_table_level_row" in f.rules else "")
            for f in figures]


# ---------------------------------------------------------------- layouts
# The same two rows in every layout: each reads back the same.
SAME_ROWS = [("稻谷产量", "125300", "吨", "", ""), ("稻谷产量比上年增长", "2.1", "%", "", ""),
             ("油菜籽产量", "8420", "吨", "", ""), ("油菜籽产量比上年增长", "-3.5", "%", "", "")]

LAYOUTS = [
    ("pipes, outer pipes and a rule line",
     "| 指标 | 产量(吨) | 比上年增长(%) |\n|---|---|---|\n| 稻谷 | 125,300 | 2.1 |\n| 油菜籽 | 8,420 | -3.5 |\n"),
    ("pipes, closing pipes only", "指标 | 产量(吨) | 比上年增长(%) |\n稻谷 | 125300 | 2.1 |\n油菜籽 | 8420 | -3.5 |\n"),
    ("pipes, no outer pipes", "指标 | 产量(吨) | 比上年增长(%)\n稻谷 | 125300 | 2.1\n油菜籽 | 8420 | -3.5\n"),
    ("pipes, a header cell wrapped over two lines",
     "指标 | 产量\n(吨) | 比上年增长(%) |\n稻谷 | 125300 | 2.1 |\n油菜籽 | 8420 | -3.5 |\n"),
    ("pipes, a | line opening each row, one cell a line",
     "|\n指标 |\n产量(吨) |\n比上年增长(%) |\n|\n稻谷 |\n125300 |\n2.1 |\n|\n油菜籽 |\n8420 |\n-3.5 |\n"),
    ("pipes in an ASCII box",
     "+------+--------+------------+\n| 指标 | 产量(吨) | 比上年增长(%) |\n+------+--------+------------+\n"
     "| 稻谷 | 125300 | 2.1 |\n| 油菜籽 | 8420 | -3.5 |\n+------+--------+------------+\n"),
    ("box-drawing borders",
     "┌──┬────┬──────┐\n│指标│产量(吨)│比上年增长(%)│\n├──┼────┼──────┤\n│稻谷│125300│2.1│\n│油菜籽│8420│-3.5│\n"
     "└──┴────┴──────┘\n"),
    ("tabs", "指标\t产量(吨)\t比上年增长(%)\n稻谷\t125300\t2.1\n油菜籽\t8420\t-3.5\n"),
    ("ASCII spaces, aligned by display width",
     "指标        产量(吨)   比上年增长(%)\n稻谷          125300             2.1\n油菜籽          8420            -3.5\n"),
    ("ideographic spaces, aligned by characters",
     "指标　　　产量(吨)　　比上年增长(%)\n稻谷　　　125300　　　2.1\n油菜籽　　8420　　　　-3.5\n"),
    ("one cell per line", "指标\n产量(吨)\n比上年增长(%)\n稻谷\n125300\n2.1\n油菜籽\n8420\n-3.5\n"),
    ("a title above and a notes line below",
     "表2 主要农产品产量\n| 指标 | 产量(吨) | 比上年增长(%) |\n| 稻谷 | 125300 | 2.1 |\n| 油菜籽 | 8420 | -3.5 |\n"
     "注：本表为快报数。\n"),
]


@pytest.mark.parametrize("name, text", LAYOUTS, ids=[c[0] for c in LAYOUTS])
def test_every_layout_reads_the_same_cells(name, text):
    assert cells(text) == SAME_ROWS


def test_a_web_pages_table_reads_like_the_others():
    page = ("<html><body><div class=\"article\"><h1>房县2023年农业生产情况</h1>\n"
            "<p>全县农业生产保持稳定，粮食总产量12.6万吨。</p>\n<table>\n"
            "  <tr>\n    <th>指标</th>\n    <th>产量(吨)</th>\n    <th>比上年增长(%)</th>\n  </tr>\n"
            "  <tr>\n    <td><p>稻谷</p></td>\n    <td>125300</td>\n    <td>2.1</td>\n  </tr>\n"
            "  <tr>\n    <td>油菜籽</td>\n    <td>8420</td>\n    <td>-3.5</td>\n  </tr>\n</table>\n"
            "<p>全年农业生产形势良好，各项工作有序推进。</p></div></body></html>")
    got = extract_document(Document("p.html", page, html=True))
    rows = [(f.indicator, str(f.value), f.unit, f.mention) for f in got if "table_cell" in f.rules]
    assert rows == [("稻谷产量", "125300", "吨", "125300"), ("稻谷产量比上年增长", "2.1", "%", "2.1"),
                    ("油菜籽产量", "8420", "吨", "8420"), ("油菜籽产量比上年增长", "-3.5", "%", "-3.5")]
    assert all(page[f.start:f.end] == f.mention for f in got)


def test_prose_is_not_a_table():
    assert cells("全县新建学校3所。\n新增学位1200个。\n改造道路5公里。") == []
    assert cells("党建引领  强根铸魂\n全县新建学校3所,新增学位1200个。") == []


# ---------------------------------------------------------------- headers
HEADERS = [
    ("a header of two lines: the period over each column",
     "| | 2022年 | 2022年 | 2023年 | 2023年 |\n| 指标 | 产量(吨) | 增长(%) | 产量(吨) | 增长(%) |\n"
     "| 稻谷 | 120000 | 1.5 | 125300 | 4.4 |\n",
     [("稻谷产量", "120000", "吨", "2022年", ""), ("稻谷产量增长", "1.5", "%", "2022年", ""),
      ("稻谷产量", "125300", "吨", "2023年", ""), ("稻谷产量增长", "4.4", "%", "2023年", "")]),
    ("an upper header cell written once over two columns",
     "| 指标 | 2022年 | 2023年 |\n| | 产量(吨) | 增长(%) | 产量(吨) | 增长(%) |\n| 稻谷 | 120000 | 1.5 | 125300 | 4.4 |\n",
     [("稻谷产量", "120000", "吨", "2022年", ""), ("稻谷产量增长", "1.5", "%", "2022年", ""),
      ("稻谷产量", "125300", "吨", "2023年", ""), ("稻谷产量增长", "4.4", "%", "2023年", "")]),
    ("the label column's header over two rows, the period over two columns",
     "| 指标 | 2023年 |\n| 产量(吨) | 增长(%) |\n| 稻谷 | 125300 | 4.4 |\n| 玉米 | 8420 | 5.3 |\n",
     [("稻谷产量", "125300", "吨", "2023年", ""), ("稻谷产量增长", "4.4", "%", "2023年", ""),
      ("玉米产量", "8420", "吨", "2023年", ""), ("玉米产量增长", "5.3", "%", "2023年", "")]),
    ("a header without the label column's cell",
     "表1 2023年生产总值\n| 绝 对 数 (亿元) | 比上年增长 (%) |\n地区生产总值 | 150.2 | 6.1 |\n第一产业 | 20.5 | 3.8 |\n",
     [("地区生产总值", "150.2", "亿元", "2023年", ""), ("地区生产总值比上年增长", "6.1", "%", "2023年", ""),
      ("第一产业", "20.5", "亿元", "2023年", ""), ("第一产业比上年增长", "3.8", "%", "2023年", "")]),
    ("years across, bare", "| 指标 | 2022 | 2023 |\n|---|---|---|\n| 地区生产总值(亿元) | 150.2 | 160.5 |\n",
     [("地区生产总值", "150.2", "亿元", "2022年", ""), ("地区生产总值", "160.5", "亿元", "2023年", "")]),
    ("years down the label column", "| 年份 | 生产总值(亿元) |\n| 2022年 | 150.2 |\n| 2023年 | 160.5 |\n",
     [("生产总值", "150.2", "亿元", "2022年", ""), ("生产总值", "160.5", "亿元", "2023年", "")]),
    ("a title over space-aligned columns is no header row",
     "2023年1-6月        主要经济指标\n指标名称             2022年     2023年\n地区生产总值(亿元)    150.2      160.5\n"
     "财政收入(亿元)          8.1        8.6\n",
     [("地区生产总值", "150.2", "亿元", "2022年", ""), ("地区生产总值", "160.5", "亿元", "2023年", ""),
      ("财政收入", "8.1", "亿元", "2022年", ""), ("财政收入", "8.6", "亿元", "2023年", "")]),
    ("a header with a period before its measure", "| 指标 | 2023年产量(吨) |\n| 稻谷 | 125300 |\n| 小麦 | 8200 |\n",
     [("稻谷产量", "125300", "吨", "2023年", ""), ("小麦产量", "8200", "吨", "2023年", "")]),
]


@pytest.mark.parametrize("name, text, expected", HEADERS, ids=[c[0] for c in HEADERS])
def test_headers(name, text, expected):
    assert cells(text) == expected


# ---------------------------------------------------------------- units
UNITS = [
    ("in the header, full-width brackets", "| 指标 | 产值﹙万元﹚ | 面积（亩） |\n| 茶叶 | 5230 | 8600 |\n| 蔬菜 | 4100 | 7300 |\n",
     [("茶叶产值", "5230", "万元", "", ""), ("茶叶面积", "8600", "亩", "", ""),
      ("蔬菜产值", "4100", "万元", "", ""), ("蔬菜面积", "7300", "亩", "", "")]),
    ("in the cell", "| 指标 | 数量 |\n| 生猪出栏 | 12.5万头 |\n| 家禽存栏 | 3250百只 |\n",
     [("生猪出栏", "12.5", "万头", "", ""), ("家禽存栏", "3250", "百只", "", "")]),
    ("in a unit column, with years across",
     "指标\t计量单位\t2022年\t2023年\n生猪出栏\t万头\t12.5\t13.1\n农机总动力\t千瓦\t12345.6\t13010\n",
     [("生猪出栏", "12.5", "万头", "2022年", ""), ("生猪出栏", "13.1", "万头", "2023年", ""),
      ("农机总动力", "12345.6", "千瓦", "2022年", ""), ("农机总动力", "13010", "千瓦", "2023年", "")]),
    ("in the row label", "| 指标 | 2023年 |\n| 地区生产总值(亿元) | 160.5 |\n| 常住人口(万人) | 44.9 |\n",
     [("地区生产总值", "160.5", "亿元", "2023年", ""), ("常住人口", "44.9", "万人", "2023年", "")]),
    ("a unit line", "单位:万元\n| 项目 | 预算数 | 决算数 |\n| 税收收入 | 52300 | 53118 |\n",
     [("税收收入预算数", "52300", "万元", "", ""), ("税收收入决算数", "53118", "万元", "", "")]),
    ("a unit line of several units, by what each header measures",
     "单位:个、亿元\n| 乡镇 | 项目个数 | 完成投资 | 投资完成率 |\n| 城关镇 | 12 | 8.5 | 76.3% |\n",
     [("城关镇项目个数", "12", "个", "", ""), ("城关镇完成投资", "8.5", "亿元", "", ""),
      ("城关镇投资完成率", "76.3", "%", "", "")]),
    ("a unit line of several units in the other order, and a growth column in %",
     "单位：亿元、个\n| 乡镇 | 项目个数 | 完成投资 | 增长 |\n| 城关镇 | 12 | 8.5 | 6.2 |\n",
     [("城关镇项目个数", "12", "个", "", ""), ("城关镇完成投资", "8.5", "亿元", "", ""),
      ("城关镇完成投资增长", "6.2", "%", "", "")]),
    ("a unit line of several units, the one left to the column no family names",
     "单位：万元、%\n项目\t2023年\t增长\n税收收入\t52300\t5.1\n",
     [("税收收入", "52300", "万元", "2023年", ""), ("税收收入增长", "5.1", "%", "", "")]),
    ("the unit of a column nothing gives: no row", "| 指标 | 2023年 | 增长(%) |\n| 稻谷 | 125300 | 2.1 |\n",
     [("稻谷增长", "2.1", "%", "2023年", "")]),
    ("the column's unit wins over the unit column",
     "| 产品 | 计量单位 | 2023年 | 比上年增长(%) |\n|---|---|---|---|\n| 原盐 | 万吨 | 312.5 | -3.2 |\n",
     [("原盐", "312.5", "万吨", "2023年", ""), ("原盐比上年增长", "-3.2", "%", "", "")]),
]


@pytest.mark.parametrize("name, text, expected", UNITS, ids=[c[0] for c in UNITS])
def test_units(name, text, expected):
    assert cells(text) == expected


def test_a_compound_unit_stays_as_written_and_folds_in_the_std_columns():
    text = "| 指标 | 数量 |\n| 家禽存栏 | 3250百只 |\n| 农村公路 | 3.5千米 |\n"
    assert [(f.value, f.unit, f.std_value, f.std_unit) for f in extract_text(text)] == [
        (3250, "百只", 325000, "只"), (3.5, "千米", 3.5, "公里")]


# ---------------------------------------------------------------- what a cell is
CELLS = [
    ("a change column is the change of the measure to its left",
     "| 品名 | 播种面积(亩) | 同比增减(%) | 产量(吨) | 同比增减(%) |\n| 其中:稻谷 | 60500 | -0.3 | 26700 | 1.1 |\n",
     [("稻谷播种面积", "60500", "亩", "", ""), ("稻谷播种面积同比增减", "-0.3", "%", "", ""),
      ("稻谷产量", "26700", "吨", "", ""), ("稻谷产量同比增减", "1.1", "%", "", "")]),
    ("a plain value column adds nothing to the label",
     "| 品 名 | 计量单位 | 数 量 | 同比增长(%) |\n| 出栏生猪 | 万头 | 94.3 | 2.1 |\n",
     [("出栏生猪", "94.3", "万头", "", ""), ("出栏生猪同比增长", "2.1", "%", "", "")]),
    ("numbering and marks before a label go",
     "| 指标 | 人数(人) |\n| 一、从业人员 | 21600 |\n| #女性 | 8500 |\n| (二)第一产业 | 10100 |\n",
     [("从业人员人数", "21600", "人", "", ""), ("女性人数", "8500", "人", "", ""),
      ("第一产业人数", "10100", "人", "", "")]),
    ("one cell per line, a unit line and the title's year",
     "表3 2023年一般公共预算收支表\n\n单位:万元\n\n项目\n\n预算数\n\n决算数\n\n税收收入\n\n52,300\n\n53,118\n\n"
     "非税收入\n\n20,100\n\n19,877\n\n",
     [("税收收入预算数", "52300", "万元", "2023年", ""), ("税收收入决算数", "53118", "万元", "2023年", ""),
      ("非税收入预算数", "20100", "万元", "2023年", ""), ("非税收入决算数", "19877", "万元", "2023年", "")]),
    ("one cell per line, column groups side by side",
     "单位:亿元\n收入\n执行数\n支出\n执行数\n总计\n12.5\n总计\n11.8\n一、本级收入\n6.2\n一、本级支出\n9.9\n",
     [("收入总计执行数", "12.5", "亿元", "", ""), ("支出总计执行数", "11.8", "亿元", "", ""),
      ("本级收入执行数", "6.2", "亿元", "", ""), ("本级支出执行数", "9.9", "亿元", "", "")]),
    ("a column numbering the rows holds no figures",
     "| 序号 | 项目名称 | 总投资(亿元) | 完成投资(亿元) |\n| 1 | 中药材加工园 | 5.5 | 1.6 |\n| 2 | 茶叶精深加工厂 | 3.2 | 0.9 |\n",
     [("中药材加工园总投资", "5.5", "亿元", "", ""), ("中药材加工园完成投资", "1.6", "亿元", "", ""),
      ("茶叶精深加工厂总投资", "3.2", "亿元", "", ""), ("茶叶精深加工厂完成投资", "0.9", "亿元", "", "")]),
    ("the title names what nothing else does",
     "各县地区生产总值(亿元)\n指标\t房县\t竹山县\n2023年\t160.1\t190.2\n",
     [("地区生产总值", "160.1", "亿元", "2023年", "房县"), ("地区生产总值", "190.2", "亿元", "2023年", "竹山县")]),
]


@pytest.mark.parametrize("name, text, expected", CELLS, ids=[c[0] for c in CELLS])
def test_what_a_cell_is(name, text, expected):
    assert cells(text) == expected


def test_a_plan_column_is_a_target_and_a_completion_rate_is_not():
    text = ("1-6月重点项目完成情况表\n单位:亿元\n| 项目 | 年投资计划 | 完成投资 | 年计划投资完成率 |\n"
            "| 产业项目 | 82.5 | 41.3 | 50.1% |\n")
    got = [(f.indicator, f.status, f.period) for f in extract_text(text, county="房县")]
    assert got == [("产业项目年投资计划", "target", "1-6月"), ("产业项目完成投资", "actual", "1-6月"),
                   ("产业项目年计划投资完成率", "actual", "1-6月")]


# ---------------------------------------------------------------- areas
AREAS = [
    ("rows naming places", "分地区生产总值(亿元)\n| 地区 | 生产总值 |\n| 房县 | 150.2 |\n| 竹山县 | 180.6 |\n",
     [("生产总值", "150.2", "亿元", "", "房县"), ("生产总值", "180.6", "亿元", "", "竹山县")]),
    ("a row of the prefecture's own departments (市直) keeps its name",
     "单位:个、亿元\n| 县市区 | 项目个数 | 完成投资 |\n| 房县 | 12 | 8.5 |\n| 竹溪县 | 9 | 6.1 |\n| 市 直 | 20 | 15.2 |\n",
     [("项目个数", "12", "个", "", "房县"), ("完成投资", "8.5", "亿元", "", "房县"),
      ("项目个数", "9", "个", "", "竹溪县"), ("完成投资", "6.1", "亿元", "", "竹溪县"),
      ("市直项目个数", "20", "个", "", "十堰市"), ("市直完成投资", "15.2", "亿元", "", "十堰市")]),
]


@pytest.mark.parametrize("name, text, expected", AREAS, ids=[c[0] for c in AREAS])
def test_areas(name, text, expected):
    assert cells(text) == expected


def test_table_rows_in_a_document_quote_the_cell_and_skip_the_prose_reading():
    text = "房县2023年统计公报\n主要农产品产量\n" + LAYOUTS[0][1]
    got = extract_text(text, source="t.txt")
    assert [(f.county, f.indicator, f.mention) for f in got][:2] == [
        ("房县", "稻谷产量", "125,300"), ("房县", "稻谷产量比上年增长", "2.1")]
    assert all(text[f.start:f.end] == f.mention for f in got)
    assert len(got) == 4


# ---------------------------------------------------------------- rows that do not line up
MISALIGNED = [
    ("a pipe row with a cell too many", "| 县区 | 投资(亿元) |\n| 房县 | 5.5 |\n| 竹山县 | 3.1 | 2.2 |\n| 竹溪县 | 4.4 |\n",
     3, "竹山县 | 3.1 | 2.2", 2),
    ("a space-aligned row whose figures stand across the columns",
     "县区        生产总值(亿元)   增长(%)\n房县                  150.2       6.1\n竹溪县                170.1       5.5\n"
     "郧西县      120.3       4.4  9.9\n",
     4, "郧西县  120.3  4.4  9.9", 4),
]


@pytest.mark.parametrize("name, text, line, row, kept", MISALIGNED, ids=[c[0] for c in MISALIGNED])
def test_a_row_that_does_not_line_up_is_left_out_with_a_warning(name, text, line, row, kept):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = extract_text("房县统计公报\n" + text, source="b.txt")
    assert [str(w.message) for w in caught if w.category is TableWarning] == [
        f"b.txt:{line + 1}: table row left out, its cells do not line up with the header: {row}"]
    assert row.split()[0] not in {f.sentence.split(" | ")[0] for f in got}
    assert len(got) == kept and all("table_cell" in f.rules for f in got)


def test_a_row_with_blank_cells_keeps_its_other_cells_in_their_columns():
    text = "县区        生产总值(亿元)   增长(%)\n房县                  150.2       6.1\n竹山县                            5.2\n"
    assert cells(text) == [("生产总值", "150.2", "亿元", "", "房县"), ("生产总值增长", "6.1", "%", "", "房县"),
                           ("生产总值增长", "5.2", "%", "", "竹山县")]
