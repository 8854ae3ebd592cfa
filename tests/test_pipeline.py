"""End to end: an exact row for an exact text."""
from decimal import Decimal

import pytest

from extractor import extract_text
from extractor.writer import row


def rows(text, **kw):
    return [row(f) for f in extract_text(text, source="t.txt", **kw)]


def test_row_of_a_simple_sentence():
    text = "2022年,竹山县地区生产总值达到305.6亿元,同比增长6.3%。"
    got = rows(text)
    assert [(r["county"], r["indicator"], r["value"], r["unit"], r["period"], r["std_value"], r["std_unit"])
            for r in got] == [
        ("竹山县", "地区生产总值", "305.6", "亿元", "2022年", "30560000000", "元"),
        ("竹山县", "地区生产总值同比增长", "6.3", "%", "2022年", "6.3", "%"),
    ]


def test_mention_and_offsets_quote_the_input_as_given():
    text = "2023年,柞水縣習(xí)近平思想指引下,建成廠房４萬(wàn)平方米。"
    (r,) = rows(text)
    assert r["mention"] == "４萬(wàn)平方米"
    assert text[r["start"]:r["end"]] == r["mention"]
    assert (r["county"], r["value"], r["unit"]) == ("柞水县", "4", "万平方米")


def test_values_are_exact_decimals():
    (f,) = extract_text("该县实现税收16.4亿元。", county="竹溪县")
    assert f.value == Decimal("16.4") and f.std_value == Decimal("1640000000")
    assert row(f)["std_value"] == "1640000000"


def test_user_given_county_applies_when_the_text_names_none():
    (r,) = rows("全县新建学校3所。", county="南昌县")
    assert r["county"] == "南昌县"


def test_figure_about_a_province_goes_to_the_province():
    got = rows("万宁市胡椒种植面积达12.4万亩。作为胡椒主产省,海南产量占全国83%的份额。")
    assert [(r["county"], r["value"]) for r in got] == [("万宁市", "12.4"), ("海南省", "83")]


def test_county_named_in_the_title():
    got = rows("竹山县:产业发展势头强劲\n\n全县新增市场主体2300户。")
    assert [(r["county"], r["indicator"], r["value"], r["unit"]) for r in got] == [
        ("竹山县", "新增市场主体", "2300", "户")]


def test_target_section():
    got = rows("2025年工作展望\n城镇新增就业1800人以上,农村劳动力转移就业2.4万人次以上。")
    assert [(r["status"], r["qualifier"], r["period"]) for r in got] == [
        ("target", "more_than", "2025年"), ("target", "more_than", "2025年")]


def test_page_furniture_gives_no_rows():
    text = "网友评论 3人参与,1条评论\n转载本站稿件请致电0719-3216548。\n2022-06-15 16:27:03"
    assert rows(text) == []


def test_empty_text():
    assert rows("") == []


def test_county_from_the_site_name_when_the_text_names_none_in_full():
    got = rows("房县网讯(记者 王某)全县新建学校3所。")
    assert [r["county"] for r in got] == ["房县"]


def test_county_left_empty_rather_than_guessed():
    assert [r["county"] for r in rows("全县新建学校3所。")] == [""]


def test_long_single_line_is_read_in_pieces_with_exact_offsets(monkeypatch):
    from extractor import pipeline

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 200)
    sentence = "房县新建学校3所,新增学位1200个。"
    text = sentence * 40                     # one line, cut into many pieces
    got = extract_text(text)
    assert len(got) == 80
    assert all(text[f.start:f.end] == f.mention for f in got)
    assert {f.county for f in got} == {"房县"}


def test_sentence_without_full_stops_is_cut_into_pieces():
    from extractor.segment import segment

    text = "新建学校3所," * 400
    pieces = segment(text)
    assert len(pieces) > 1 and all(len(s.text) <= 1000 for s in pieces)
    assert "".join(s.text for s in pieces) == text


def test_several_counties_in_one_article():
    text = ("分县看,房县实现生产总值150.2亿元,同比增长6.1%;规模以上工业增加值同比增长7.3%。"
            "房县、竹山县一般公共预算收入分别为8.6亿元和7.9亿元,分别增长4.2%和-1.5%。"
            "房县农村居民人均可支配收入15230元,增长6.4%;竹山县14870元,增长6.0%。")
    got = [(r["county"], r["indicator"], r["value"]) for r in rows(text)]
    assert got == [
        ("房县", "生产总值", "150.2"), ("房县", "生产总值同比增长", "6.1"),
        ("房县", "规模以上工业增加值同比增长", "7.3"),
        ("房县", "一般公共预算收入", "8.6"), ("竹山县", "一般公共预算收入", "7.9"),
        ("房县", "一般公共预算收入增长", "4.2"), ("竹山县", "一般公共预算收入增长", "-1.5"),
        ("房县", "农村居民人均可支配收入", "15230"), ("房县", "农村居民人均可支配收入增长", "6.4"),
        ("竹山县", "农村居民人均可支配收入", "14870"), ("竹山县", "农村居民人均可支配收入增长", "6"),
    ]


def test_a_city_named_after_a_time_phrase_and_the_county_again():
    text = "从全市看,上半年十堰市生产总值同比增长6.3%;全县生产总值同比增长7.1%。"
    got = [(r["county"], r["value"]) for r in rows(text, county="房县")]
    assert got == [("十堰市", "6.3"), ("房县", "7.1")]


def test_letter_spaced_pdf_figures_keep_their_indicators():
    text = "2023 年全县农作物总播种面积 52.6 万 亩,比上年增 长 1.4%。"
    got = [(r["indicator"], r["value"], r["unit"]) for r in rows(text, county="房县")]
    assert got == [("农作物总播种面积", "52.6", "万亩"), ("农作物总播种面积比上年增长", "1.4", "%")]


def test_stated_zeros_are_figures_and_comment_counts_are_not():
    text = "房县全年发生安全事故0起,因灾死亡人数为0人。\n网友评论:0条评论,0人参与\n"
    assert [(r["indicator"], r["value"], r["unit"]) for r in rows(text)] == [
        ("发生安全事故", "0", "起"), ("因灾死亡人数", "0", "人")]


# A change verb keeps its result word (压缩为, 降至): the figure is what it reached.
@pytest.mark.parametrize("text, indicator", [
    ("窗口办件时限压缩为3个工作日。", "窗口办件时限压缩为"),
    ("全县贫困发生率降至0.4%。", "贫困发生率降至"),
    ("全县森林覆盖率提高到63%。", "森林覆盖率提高到"),
    ("全县生产总值达到91亿元。", "生产总值"),                 # 达到 links, it changes nothing
])
def test_a_change_verb_keeps_its_result_word(text, indicator):
    assert [f.indicator for f in extract_text(text, county="房县")] == [indicator]


# A one-character word at the end of a phrase goes only where it is a word of
# its own (预计 keeps its 计; 预计 itself, an estimate, goes).
@pytest.mark.parametrize("text, indicators", [
    ("全县粮食总产量预计达到8.6万吨。", ["粮食总产量"]),
    ("全县建成数字乡村示范点共计24个。", ["建成数字乡村示范点"]),
    ("全县接待游客累计52.3万人;其中6月份累计15.2万人。", ["接待游客", "接待游客"]),    # 累计 alone: the subject before
    ("全县合作社已有320家,家庭农场现有150家。", ["合作社", "家庭农场"]),
    ("工业产值12亿元,累计同比增加8%。", ["工业产值", "工业产值累计同比增加"]),   # an aspect, then a compared change
    ("全县预计有5000人。", ["预计有"]),                 # nothing else to name it: the words are kept
    ("建成3个100亩的示范基地。", ["建成示范基地", "建成示范基地"]),     # a count and its measure
    ("建成3个12%的示范区。", ["建成", "建成"]),          # (a percentage is no measure of a thing)
])
def test_words_stripped_from_the_end_are_whole_words(text, indicators):
    assert [f.indicator for f in extract_text(text, county="房县")] == indicators


def test_a_figure_in_brackets_is_an_aside_to_the_phrase_after_them():
    text = "全县人均地区生产总值51200元,按当年平均汇率(1美元兑6.875元人民币)折合7447美元。"
    assert [f.indicator for f in extract_text(text, county="房县")] == [
        "人均地区生产总值", "1美元兑", "人均地区生产总值折合"]
