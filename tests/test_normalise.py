"""Normalisation: what the text becomes, and that offsets lead back to the input."""
import pytest

from extractor.normalise import normalise

CASES = [
    # Traditional script
    ("某縣地區生產總值達12.5億元", "某县地区生产总值达12.5亿元"),
    ("兩個項目、萬畝良田", "两个项目、万亩良田"),
    # full-width digits and punctuation
    ("增长１２．５％，完成３０个", "增长12.5%,完成30个"),
    ("面积１，２００亩：全部", "面积1,200亩:全部"),
    # pinyin glosses after characters go; real parentheses stay
    ("習(xí)近平總書記", "习近平总书记"),
    ("共計３萬(wàn)元", "共计3万元"),
    ("浙江(杭州)商会捐款", "浙江(杭州)商会捐款"),
    ("生产总值(GDP)增长", "生产总值(GDP)增长"),
    # HTML remnants
    ("<p>新建学校3所</p>", "\n新建学校3所\n"),
    ("投资&nbsp;5亿元&amp;更多", "投资 5亿元&更多"),
    ("<script>var a=1;</script>正文5个", "正文5个"),
    ("完成任务?/p>\n下一段", "完成任务\n下一段"),
    # variants OpenCC leaves alone
    ("陜西省", "陕西省"),
    ("产量﹙吨﹚", "产量(吨)"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_normalised_text(raw, expected):
    assert normalise(raw).text == expected


@pytest.mark.parametrize("raw, target, original", [
    ("習(xí)近平萬(wàn)元", "万元", "萬(wàn)元"),
    ("<b>收入</b>１２億元", "12亿元", "１２億元"),
    ("全縣ＧＤＰ達９３．４億元", "93.4亿元", "９３．４億元"),
])
def test_span_maps_back_to_input(raw, target, original):
    norm = normalise(raw)
    a = norm.text.index(target)
    start, end = norm.span_in_original(a, a + len(target))
    assert raw[start:end] == original


def test_sentence_cut_by_line_break_is_joined():
    raw = "该县坚持项目带动，集中力量推进基础设施建设，全年新建农村公路\n\n128公里，改造危桥9座。"
    assert normalise(raw).text == "该县坚持项目带动,集中力量推进基础设施建设,全年新建农村公路128公里,改造危桥9座。"


@pytest.mark.parametrize("raw, expected", [
    ("政 府 工 作 报 告", "政府工作报告"),
    ("全 县 生 产 总 值 增 长 3.4%,达 17.04 万 亿", "全县生产总值增长3.4%,达17.04万亿"),
    ("党建为先 强根铸魂", "党建为先 强根铸魂"),          # a heading's own spaces stay
    ("2021 2022 2023 年 度 数 据 对 比", "2021 2022 2023年度数据对比"),
])
def test_letter_spaced_pdf_lines_are_closed(raw, expected):
    norm = normalise(raw)
    assert norm.text == expected
    assert all(raw[norm.span_in_original(k, k + 1)[0]] == ch for k, ch in enumerate(norm.text))


def test_sentence_cut_by_a_windows_line_break_is_joined():
    raw = "该县坚持项目带动，集中力量推进基础设施建设，全年新建农村公路 \r\n128公里。\r\n"
    norm = normalise(raw)
    assert norm.text == "该县坚持项目带动,集中力量推进基础设施建设,全年新建农村公路128公里。\r\n"
    k = norm.text.index("128")
    assert raw[norm.span_in_original(k, k + 3)[0]:][:3] == "128"


def test_short_heading_is_not_joined():
    raw = "产业发展 提质增效\n\n全县新增企业12家。"
    assert normalise(raw).text == raw
