"""A batch mixing good articles with every fault a user meets: no row of a
good file is lost, each bad input is one line on stderr, the exit status is 1."""
import csv
import io
import os

import pytest
from click.testing import CliRunner

from extractor import pipeline, reader
from extractor.cli import main

GOOD = {
    "房县/报告.txt": "房县2023年新建学校3所,新增企业12家。全县植树8万棵,同比增长5.5%。",
    "竹山县/报告.txt": "竹山县全年接待游客120万人次,旅游收入9.8亿元。",
    "odd.txt": "房县新建学校4所。项目投资" + "1" * 29 + "元,新增企业" + "2" * 25 + "万家。全县植树9万棵。",
    "zeros.txt": "房县全年发生安全事故0起,因灾死亡人数为0人。",
    "decimals.txt": "房县工业增加值增长3.123456789012345%,新建学校5所。",
    "faulty.txt": "房县新建学校6所。全县新增故障企业13家。全县植树7万棵。",
    "long.txt": "房县新建学校8所,新增企业15家。\n" * 300,
}
UTF16 = ("utf16.txt", "房县新建学校九所，新增企业二十家。".encode("utf-16-le"))
BAD = {
    "image.txt": bytes(range(256)) * 8,
    "nul.txt": b"\x00" * 200_000,
    "cut.txt": "房县新建学校3所".encode("utf-8")[:-1],
}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    top = tmp_path / "corpus"
    for name, text in GOOD.items():
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text(text, encoding="utf-8")
    (top / UTF16[0]).write_bytes(UTF16[1])
    for name, data in BAD.items():
        (top / name).write_bytes(data)
    (top / "locked").mkdir()
    (top / "locked" / "hidden.txt").write_text("房县新建学校1所。", encoding="utf-8")
    (top / "loop").symlink_to(top)                       # a link back up: followed once
    (top / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    real_scandir = os.scandir

    def scandir(path="."):                               # what an unreadable folder does (root reads all)
        if os.fspath(path).endswith("/locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    real_names = pipeline.name_indicators

    def names(sentence, quantities, *places):           # a sentence whose reading raises
        if "故障" in sentence:
            raise RuntimeError("a bug")
        return real_names(sentence, quantities, *places)

    monkeypatch.setattr(pipeline, "name_indicators", names)
    monkeypatch.setattr(reader, "LARGE_BYTES", 4000)     # long.txt is read piece by piece
    monkeypatch.setattr(reader, "BLOCK", 1000)
    return top


def rows(text):
    return [(r["source"], r["indicator"], r["value"], r["unit"], r["start"])
            for r in csv.DictReader(io.StringIO(text))]


def alone(path, source):
    result = CliRunner().invoke(main, ["extract", str(path), "-j", "1"])
    assert result.exit_code == 0
    return [(source, *r[1:]) for r in rows(result.stdout)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_no_good_row_is_lost_and_each_bad_input_is_one_line(corpus, tmp_path, jobs):
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(out), "-j", jobs])
    assert result.exit_code == 1
    got = rows(out.read_text(encoding="utf-8"))
    good = sorted([*GOOD, UTF16[0]])
    assert sorted({r[0] for r in got}) == good
    expected = [r for name in sorted(good, key=lambda n: str(corpus / n)) for r in alone(corpus / name, name)]
    assert got == expected           # (faulty.txt alone skips the same sentence)
    assert ("odd.txt", "项目投资", "1" * 29, "元", "13") in got
    assert ("zeros.txt", "发生安全事故", "0", "起", "10") in got
    assert [r[1:4] for r in got if r[0] == "faulty.txt"] == [("新建学校", "6", "所"), ("植树", "7", "万棵")]
    assert len([r for r in got if r[0] == "long.txt"]) == 600
    assert sorted(result.stderr.splitlines()) == sorted([
        f"county-figures: {corpus}/cut.txt: truncated UTF-8 text (the file ends mid-character)",
        f"county-figures: {corpus}/dangling.txt: no such file",
        "county-figures: faulty.txt: sentence at offset 9 skipped (internal error RuntimeError: a bug); "
        "please report it with this file",
        f"county-figures: {corpus}/image.txt: binary file, not text",
        f"county-figures: {corpus}/locked: cannot read folder (Permission denied)",
        f"county-figures: {corpus}/nul.txt: binary file, not text",
    ])
    assert [f for f in os.listdir(tmp_path) if f.startswith(".county-figures-")] == []


def test_parquet_of_the_same_batch_keeps_every_row(corpus, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    result = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(tmp_path / "rows.parquet"), "-j", "1"])
    assert result.exit_code == 1
    table = pq.read_table(tmp_path / "rows.parquet")
    csv_rows = CliRunner().invoke(main, ["extract", str(corpus), "-j", "1"]).stdout
    assert table.num_rows == len(rows(csv_rows)) > 600
    # 29 integer digits and 15 decimals do not fit one decimal128 column: text, said once
    assert table.schema.field("value").type == "string"
    assert sum("Parquet columns value, std_value written as decimal text" in line
               for line in result.stderr.splitlines()) == 1
