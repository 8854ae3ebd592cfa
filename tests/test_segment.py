"""Segmentation: sentences, headings, page furniture."""
import pytest
from hypothesis import given, strategies as st

from extractor.segment import clause_end, clause_start, is_furniture, is_heading, segment


def test_sentences_headings_and_offsets():
    text = "2022年工作回顾\n一年来,全县新建学校3所。新增学位1200个!\n网友评论 3人参与,1条评论"
    sentences = segment(text)
    assert [s.text for s in sentences] == ["2022年工作回顾", "一年来,全县新建学校3所。", "新增学位1200个!"]
    assert [s.is_heading for s in sentences] == [True, False, False]
    assert sentences[1].heading == "2022年工作回顾"
    assert sentences[2].title == "2022年工作回顾"
    for s in sentences:
        assert text[s.start:s.start + len(s.text)] == s.text


def test_a_wide_gap_in_a_line_ends_a_paragraph():
    # a page flattened to one line: headline, caption and body set off by runs of spaces
    text = "房县新建学校3所 新增学位1200个      校园一角。    本报讯 全县投入资金2亿元。" + "全县新增就业3000人。" * 20
    sentences = segment(text)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("房县新建学校3所 新增学位1200个", 0), ("校园一角。", 1), ("本报讯 全县投入资金2亿元。", 2)] + [
        ("全县新增就业3000人。", 2)] * 20
    for s in sentences:
        assert text[s.start:s.start + len(s.text)] == s.text
    # two spaces only after a sentence's end: PDF text spaces words apart
    assert [s.text for s in segment("规模以上工业增加值  增长6.5%。")] == ["规模以上工业增加值  增长6.5%。"]
    assert [s.paragraph for s in segment("校园一角。  全县投入资金2亿元。" * 15)][:2] == [0, 1]
    # a short line keeps its gaps: it may be a table's row
    assert [s.text for s in segment("玉米    吨    1200")] == ["玉米    吨    1200"]


def test_semicolons_do_not_end_a_sentence():
    sentences = segment("全县新建学校3所;新增学位1200个。")
    assert len(sentences) == 1


CASES_FURNITURE = [
    ("网友评论 3人参与,1条评论", True),
    ("转载本站稿件请致电0719-3216548。", True),
    ("阅读量:2375", True),
    ("责任编辑:王某 来源:某县融媒体中心", True),
    ("全县新建学校3所,新增学位1200个。", False),
]


def test_furniture():
    for text, expected in CASES_FURNITURE:
        assert is_furniture(text) is expected, text


def test_heading():
    assert is_heading("党建引领 发展强劲")
    assert not is_heading("全县新建学校3所,新增学位1200个。")
    assert not is_heading("亮点一:产业发展,")


# (text, position, clause start, clause end)
CLAUSES = [
    ("全县生产总值93.4亿元,增长6%", 15, 13, 17),
    ("外贸出口总额(1—8月)达6.37亿美元,增长3%", 13, 0, 20),       # a closed pair is skipped
    ("收入10亿元(上年同期为9.65亿元),增长5%", 14, 7, 19),        # inside an open bracket
    ("收入10亿元(上年同期为9.65亿元,增长5%", 21, 19, 23),
    ("无标点的一句话", 3, 0, 7),
]


@pytest.mark.parametrize("text, pos, start, end", CLAUSES)
def test_clause_bounds(text, pos, start, end):
    assert (clause_start(text, pos), clause_end(text, pos)) == (start, end)


def _clause_start_char_by_char(text: str, pos: int) -> int:
    """clause_start as first written: one character at a time back from pos."""
    depth = 0
    for j in range(pos - 1, -1, -1):
        ch = text[j]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return j + 1
            depth -= 1
        elif ch in ",，;；。!?！？:：" and depth == 0:
            return j + 1
    return 0


@given(st.text(alphabet="增长,，;；。:!(（)）5亿 ", max_size=40), st.integers(min_value=-2, max_value=40))
def test_clause_start_reads_only_marks_and_brackets_with_the_same_result(text, pos):
    # (it looks only at the clause marks and brackets before pos; a position
    # past the end fails as reading that character would)
    if pos > len(text):
        with pytest.raises(IndexError):
            clause_start(text, pos)
    else:
        assert clause_start(text, pos) == _clause_start_char_by_char(text, pos)
