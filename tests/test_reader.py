"""Reading inputs: encodings, folders, errors, long inputs in bounded memory."""
import io
import os
import sys

import pytest

from extractor import reader
from extractor.reader import InputError, LongText, decode, iter_inputs, iter_paths, read_document, read_input

TEXT = "某县2023年地区生产总值达到125.6亿元，同比增长6.5%。臺灣"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_encodings_are_detected(encoding):
    text = TEXT if encoding != "gb18030" else TEXT.replace("臺灣", "台湾")
    if encoding == "big5":
        text = "某縣2023年地區生產總值達到125.6億元，同比增長6.5%。全縣新建學校三所，新增學位一千二百個。"
    assert decode(text.encode(encoding)) == text


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as e:
        read_document(str(p))
    assert "binary" in str(e.value) or "decode" in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "absent.txt"))


def test_empty_file_is_empty_text(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert read_document(str(p)).text == ""


def test_folders_are_walked_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ["b/2.txt", "a.html", "c.htm", "skip.pdf", "b/1.txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [p[len(str(tmp_path)) + 1:] for p in iter_paths([str(tmp_path)])]
    assert names == ["a.html", "b/1.txt", "b/2.txt", "c.htm"]


def test_truncated_utf8_is_reported(tmp_path):
    p = tmp_path / "cut.txt"
    p.write_bytes("全县新建学校3所".encode("utf-8")[:-1])
    with pytest.raises(InputError, match="truncated"):
        read_document(str(p))


# --------------------------------------------------------------------------
# Binary and UTF-16 judged from the first block

ARTICLE = "房县全年新建学校三所，新增企业十二家，植树八万棵。全县生产总值达到一百亿元。"


class CountingFile(io.BytesIO):
    """A file that records how many bytes were asked for, read by read."""

    def __init__(self, data):
        super().__init__(data)
        self.reads = []

    def read(self, n=-1):
        data = super().read(n)
        self.reads.append(len(data))
        return data


def test_binary_is_refused_from_the_first_block_before_the_rest_is_read(monkeypatch):
    f = CountingFile(b"\x00" * (20 * reader.BLOCK))
    monkeypatch.setattr(reader, "_open", lambda path: f)
    with pytest.raises(InputError, match=r"^zeros.txt: binary file, not text$"):
        read_input("zeros.txt")
    assert sum(f.reads) == reader.BINARY_SAMPLE


@pytest.mark.parametrize("data", [
    b"\x00" * 100_000,                                       # NUL bytes only (was read as UTF-16 text)
    "全县新建学校3所。".encode("utf-8") + b"\x00\x01\x02",         # valid UTF-8 with a NUL in its first block
    bytes(range(256)) * 4,
])
def test_binary_files_are_refused(tmp_path, data):
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match="binary file, not text"):
        read_document(str(p))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ARTICLE, "2023年房县GDP增长6.5%，新建学校3所。" * 20])
def test_utf16_without_bom_is_read(tmp_path, encoding, text):
    p = tmp_path / "x.txt"
    p.write_bytes(text.encode(encoding))
    assert read_document(str(p)).text == text


# --------------------------------------------------------------------------
# Long inputs in bounded memory

def test_a_long_file_is_read_in_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "LARGE_BYTES", 1000)
    monkeypatch.setattr(reader, "BLOCK", 256)
    p = tmp_path / "long.txt"
    p.write_bytes(("\ufeff" + ARTICLE * 40).encode("utf-8"))
    long = read_input(str(p), "long.txt")
    assert isinstance(long, LongText) and long.encoding == "utf-8-sig"
    f = CountingFile(p.read_bytes())
    long.file.close()
    long.file = f
    blocks = list(long.blocks())
    assert "".join(blocks) == ARTICLE * 40 and len(blocks) > 10
    assert max(f.reads) <= 256
    assert "".join(long.blocks()) == ARTICLE * 40        # read again from the start


def test_a_long_stdin_is_spooled_and_read_like_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "LARGE_BYTES", 1000)
    monkeypatch.setattr(reader, "BLOCK", 256)
    data = (ARTICLE * 40).encode("gb18030")

    class Stdin:
        buffer = io.BytesIO(data)       # not a file: its length is unknown until read

    monkeypatch.setattr(sys, "stdin", Stdin)
    long = read_input("-")
    assert isinstance(long, LongText) and long.source == "<stdin>"
    assert "".join(long.blocks()) == ARTICLE * 40
    long.close()


def test_a_long_file_undecodable_later_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "LARGE_BYTES", 1000)
    monkeypatch.setattr(reader, "BLOCK", 256)
    p = tmp_path / "long.txt"
    good = (ARTICLE * 100).encode("utf-8")        # beyond the first block
    p.write_bytes(good + b"\xff\xfe" + good)
    long = read_input(str(p))
    with pytest.raises(InputError, match=rf"long.txt: not valid utf-8 text \(byte {len(good)}\)"):
        "".join(long.blocks())
    long.close()


def test_long_inputs_give_the_rows_of_the_whole_text(tmp_path, monkeypatch):
    from extractor import pipeline
    from extractor.pipeline import extract_document
    from extractor.stream import iter_long_figures, pieces
    from extractor.writer import row

    monkeypatch.setattr(reader, "LARGE_BYTES", 2000)
    monkeypatch.setattr(reader, "BLOCK", 300)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 150)
    monkeypatch.setattr("extractor.stream._LOOKAHEAD", 40)
    text = "".join(f"全县新建学校{k}所,竹山县新增企业{k + 10}家" + ("。" if k % 3 else "，") for k in range(1, 120))
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    whole = [row(f) for f in extract_document(read_document(str(p)))]
    long = read_input(str(p))
    assert isinstance(long, LongText)
    assert [a for a, _ in pieces(long)] != [0]                           # cut into pieces
    streamed = [row(f) for piece in iter_long_figures(long) for f in piece]
    assert streamed == whole and len(whole) == 238
    assert all(text[r["start"]:r["end"]] == r["mention"] for r in streamed)


# --------------------------------------------------------------------------
# Folders and the source of a row

def names(inputs):
    return [(i.source, i.error) for i in iter_inputs(inputs)]


def test_source_is_the_path_relative_to_the_argument(tmp_path):
    for name in ["a/房县/报告.txt", "a/竹山县/报告.txt", "b/c.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert names([str(tmp_path / "a"), str(tmp_path / "b" / "c.txt"), "-"]) == [
        ("房县/报告.txt", ""), ("竹山县/报告.txt", ""), ("c.txt", ""), ("<stdin>", "")]
    assert read_document(str(tmp_path / "a/房县/报告.txt"), "房县/报告.txt").source == "房县/报告.txt"


def test_linked_folders_are_followed_once_without_looping(tmp_path):
    (tmp_path / "top/real").mkdir(parents=True)
    (tmp_path / "top/real/1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/2.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere", tmp_path / "top/linked")
    os.symlink(tmp_path / "top", tmp_path / "top/real/back-up")           # a loop
    os.symlink(tmp_path / "top/real", tmp_path / "top/real-again")        # the same folder twice
    assert names([str(tmp_path / "top")]) == [("linked/2.txt", ""), ("real/1.txt", "")]


def test_a_folder_that_cannot_be_read_is_an_error_in_its_place(tmp_path, monkeypatch):
    for name in ["a/1.txt", "b/2.txt", "c/3.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("/b"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert names([str(tmp_path)]) == [("a/1.txt", ""), ("b", "cannot read folder (Permission denied)"),
                                      ("c/3.txt", "")]
    with pytest.raises(InputError, match="/b: cannot read folder"):
        list(iter_paths([str(tmp_path)]))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_for_real(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0)
    try:
        assert names([str(tmp_path)]) == [("locked", "cannot read folder (Permission denied)")]
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_a_long_input_and_a_whole_one_are_judged_alike():
    from extractor.reader import decode, text_encoding

    data = "GDP 93.4, up 6.5%\n".encode("utf-16-le")          # ASCII only, no byte-order mark
    assert text_encoding(data) == "utf-16-le"
    assert decode(data) == "GDP 93.4, up 6.5%\n"
