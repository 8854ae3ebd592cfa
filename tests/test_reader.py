"""Reading inputs: encodings, folders, errors."""
import pytest

from extractor.reader import InputError, decode, iter_paths, read_document

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
