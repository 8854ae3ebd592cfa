"""Segmentation: sentences, headings, page furniture."""
from extractor.segment import is_furniture, is_heading, segment


def test_sentences_headings_and_offsets():
    text = "2022年工作回顾\n一年来,全县新建学校3所。新增学位1200个!\n评论 0人参与,0条评论"
    sentences = segment(text)
    assert [s.text for s in sentences] == ["2022年工作回顾", "一年来,全县新建学校3所。", "新增学位1200个!"]
    assert [s.is_heading for s in sentences] == [True, False, False]
    assert sentences[1].heading == "2022年工作回顾"
    assert sentences[2].title == "2022年工作回顾"
    for s in sentences:
        assert text[s.start:s.start + len(s.text)] == s.text


def test_semicolons_do_not_end_a_sentence():
    sentences = segment("全县新建学校3所;新增学位1200个。")
    assert len(sentences) == 1


CASES_FURNITURE = [
    ("评论 0人参与,0条评论", True),
    ("如需使用相关内容,请致电0931-1234567。", True),
    ("阅读量:16890", True),
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
