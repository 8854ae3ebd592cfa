"""A fault costs the smallest unit: a figure or a sentence is skipped with a
warning naming the file and offset, never the rest of the document."""
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract_text, pipeline
from extractor.faults import SkippedWarning

TEXT = "房县新建学校3所。全县新增企业12家。全县植树8万棵。"


def figures_and_warnings(text, source="a.txt"):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figures = extract_text(text, source=source)
    return [(f.indicator, str(f.value)) for f in figures], [str(w.message) for w in caught
                                                          if issubclass(w.category, SkippedWarning)]


def test_a_sentence_that_raises_is_reported_and_the_rest_kept(monkeypatch):
    real = pipeline.name_indicators

    def fails_on_enterprises(sentence, quantities, *args):
        if "企业" in sentence:
            raise ValueError("broken\non two lines")
        return real(sentence, quantities, *args)

    monkeypatch.setattr(pipeline, "name_indicators", fails_on_enterprises)
    got, messages = figures_and_warnings(TEXT)
    assert got == [("新建学校", "3"), ("植树", "8")]
    assert messages == ["a.txt: sentence at offset 9 skipped (internal error ValueError: broken on two lines); "
                        "please report it with this file"]


def test_a_figure_that_raises_is_skipped_alone(monkeypatch):
    real = pipeline._figure

    def fails_on_twelve(doc, norm, sent, q, *args):
        if q.value == 12:
            raise ArithmeticError("odd")
        return real(doc, norm, sent, q, *args)

    monkeypatch.setattr(pipeline, "_figure", fails_on_twelve)
    got, messages = figures_and_warnings("全县新增企业12家,新建学校3所。" * 2)
    assert got == [("新建学校", "3"), ("新建学校", "3")]
    assert [m.split(" skipped")[0] for m in messages] == ["a.txt: figure at offset 6", "a.txt: figure at offset 23"]


def test_offsets_in_warnings_are_those_of_the_input_as_given(monkeypatch):
    monkeypatch.setattr(pipeline, "name_indicators", lambda s, q, *places: 1 / 0)
    text = "習(xí)近平。全縣新建學校3所。"       # the gloss is dropped before reading: offsets map back
    _, messages = figures_and_warnings(text)
    assert messages[0].startswith("a.txt: sentence at offset 8 skipped (internal error ZeroDivisionError")
    assert text[8:10] == "全縣"


def test_one_odd_number_does_not_lose_the_file():
    long = "1" * 29
    got, messages = figures_and_warnings(f"房县新建学校3所。项目投资{long}元,新增企业{long[:25]}万家。全县植树8万棵。")
    assert got == [("新建学校", "3"), ("项目投资", long), ("新增企业", long[:25]), ("植树", "8")]
    assert messages == []


def test_a_table_search_that_raises_leaves_the_text_read_as_prose(monkeypatch):
    monkeypatch.setattr(pipeline, "find_tables", lambda text: 1 / 0)
    got, messages = figures_and_warnings(TEXT)
    assert got == [("新建学校", "3"), ("新增企业", "12"), ("植树", "8")]
    assert messages == ["a.txt: table reading at offset 0 skipped (internal error ZeroDivisionError: division by "
                        "zero); please report it with this file"]


def test_a_place_reading_that_raises_keeps_every_figure_under_the_given_county(monkeypatch):
    real = pipeline.document_areas

    def fails_on_text(text, **options):
        if text:
            raise KeyError("odd place")
        return real(text, **options)

    monkeypatch.setattr(pipeline, "document_areas", fails_on_text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figures = extract_text(TEXT.replace("房县", "全县"), source="a.txt", county="竹山县")
    assert [(f.county, f.indicator) for f in figures] == [("竹山县", "新建学校"), ("竹山县", "新增企业"),
                                                          ("竹山县", "植树")]
    assert [str(w.message).split(" (")[0] for w in caught] == ["a.txt: place reading at offset 0 skipped"]


def test_circled_numbers_in_a_table_column_are_labels_not_a_fault():
    text = "序号\t项目\t投资(万元)\n①\t道路\t300\n②\t学校\t120\n"
    got, messages = figures_and_warnings(text)
    assert messages == []
    assert [v for _, v in got] == ["300", "120"]


def test_a_lone_surrogate_does_not_raise():
    got, _ = figures_and_warnings("房县新建学校3所\ud800。全縣植樹8萬棵\udfff。")
    assert got == [("新建学校", "3"), ("植树", "8")]


ANY_CHARACTER = st.characters(exclude_categories=())       # surrogates and unassigned included
PIECES = st.sampled_from(["房县", "新建学校", "3所", "8万棵", "。", "\n", "<p>", "習(xí)", "\ud800", "\udfff", "１２"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(ANY_CHARACTER, max_size=8), PIECES), max_size=30).map("".join))
@pytest.mark.parametrize("source", ["a.txt", "a.html"])
def test_no_input_string_raises_from_extract_text(source, text):
    for f in extract_text(text, source=source):
        assert text[f.start:f.end] == f.mention


def test_a_long_text_whose_home_cannot_be_read_keeps_every_figure(monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 200)
    real = pipeline.document_areas

    def fails_on_pieces(text, **options):
        if len(text) > 150:              # the pieces read for the home area, not the figures' reading
            raise KeyError("odd place")
        return real(text, **options)

    monkeypatch.setattr(pipeline, "document_areas", fails_on_pieces)
    monkeypatch.setattr(pipeline, "_areas", lambda doc, norm, title, options: real(
        norm.text, title=title, given=options.county, fallback=options.fallback_county))
    got, messages = figures_and_warnings("全县新建学校3所,新增学位1200个。" * 40)
    assert len(got) == 80
    assert messages == ["a.txt: place reading skipped (internal error KeyError: 'odd place'); "
                        "please report it with this file"]          # once, not once a piece


def test_an_input_that_cannot_be_decoded_past_its_first_piece_is_its_own_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from extractor import reader, stream
    from extractor.cli import main

    # (a file too large to hold is read in pieces: small sizes make this one so)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 200)
    monkeypatch.setattr(stream, "_LOOKAHEAD", 100)
    monkeypatch.setattr(reader, "LARGE_BYTES", 2000)
    monkeypatch.setattr(reader, "BLOCK", 1000)
    path = tmp_path / "long.txt"
    path.write_bytes(("全县新建学校3所。" * 400).encode("utf-8") + b"\xff\xfe\xfa" + "全县植树8万棵。".encode("utf-8"))
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert "place reading skipped" not in result.stderr
    assert "not valid utf-8 text" in result.stderr
