"""The command line: outputs, stdin, errors and exit status."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from extractor.cli import main

ARTICLE = "2022年,竹山县地区生产总值达到305.6亿元,同比增长6.3%。"


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input)


def test_csv_on_stdout_with_header(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    result = run(["extract", str(p)])
    assert result.exit_code == 0
    got = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["source"], r["county"], r["indicator"], r["value"], r["unit"]) for r in got] == [
        ("a.txt", "竹山县", "地区生产总值", "305.6", "亿元"),
        ("a.txt", "竹山县", "地区生产总值同比增长", "6.3", "%")]
    assert list(got[0])[:4] == ["county", "indicator", "value", "unit"]


def test_stdin_and_jsonl():
    result = run(["extract", "-", "--format", "jsonl"], input=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0
    first = json.loads(result.stdout.splitlines()[0])
    assert (first["source"], first["value"], first["unit"]) == ("<stdin>", "305.6", "亿元")


def test_output_file_and_format_from_extension(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    result = run(["extract", str(p), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".county-figures-")]


def test_bad_file_is_reported_and_the_rest_still_processed(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 4)
    result = run(["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "b.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 2


def test_a_table_row_left_out_is_one_line_on_stderr_and_the_run_goes_on(tmp_path):
    table = "房县统计公报\n| 县区 | 投资(亿元) |\n| 房县 | 5.5 |\n| 竹山县 | 3.1 | 2.2 |\n| 竹溪县 | 4.4 |\n"
    for k in range(3):
        (tmp_path / f"t{k}.txt").write_text(table, encoding="utf-8")
    for jobs in ("1", "2"):                  # told the same from worker processes
        result = run(["extract", str(tmp_path), "--jobs", jobs])
        assert result.exit_code == 0
        assert result.stderr == "".join(
            f"county-figures: t{k}.txt:4: table row left out, its cells do not line up with the header: "
            "竹山县 | 3.1 | 2.2\n" for k in range(3))
        assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 6


def test_gbk_and_big5_inputs(tmp_path):
    (tmp_path / "gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    (tmp_path / "big5.txt").write_bytes("2022年,竹山縣地區生產總值達到305.6億元,同比增長6.3%。".encode("big5"))
    result = run(["extract", str(tmp_path)])
    assert result.exit_code == 0
    got = [(r["source"], r["indicator"], r["value"]) for r in csv.DictReader(io.StringIO(result.stdout))]
    assert got == [("big5.txt", "地区生产总值", "305.6"), ("big5.txt", "地区生产总值同比增长", "6.3"),
                   ("gbk.txt", "地区生产总值", "305.6"), ("gbk.txt", "地区生产总值同比增长", "6.3")]


def test_missing_input_exit_status_one(tmp_path):
    result = run(["extract", str(tmp_path / "absent.txt")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_bad_usage_exit_status_two():
    assert run(["extract"]).exit_code == 2
    assert run(["extract", "x", "--format", "xml"]).exit_code == 2


def test_county_from_the_path(tmp_path):
    folder = tmp_path / "竹山县"
    folder.mkdir()
    (folder / "2023年报告.txt").write_text("全县新建学校3所。", encoding="utf-8")
    (tmp_path / "房县_2023.txt").write_text("全县新建学校4所。", encoding="utf-8")
    result = run(["extract", str(tmp_path), "--county-from", "path"])
    got = [(r["county"], r["value"]) for r in csv.DictReader(io.StringIO(result.stdout))]
    assert got == [("房县", "4"), ("竹山县", "3")]      # sorted paths: 房 < 竹
    plain = run(["extract", str(tmp_path)])
    assert [r["county"] for r in csv.DictReader(io.StringIO(plain.stdout))] == ["", ""]


def test_jobs_keep_the_output_identical(tmp_path):
    for k in range(6):
        (tmp_path / f"{k}.txt").write_text(f"房县新建学校{k + 1}所,新增学位{k + 100}个。", encoding="utf-8")
    one = run(["extract", str(tmp_path), "--jobs", "1"])
    two = run(["extract", str(tmp_path), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout.count("\n") == 13


def test_progress_line_only_when_enabled(capsys):
    from extractor.cli import _Progress

    shown = _Progress(3, enabled=True)
    shown.step(5)
    shown.step(2, file_done=False)
    shown.step(1)
    hidden = _Progress(3, enabled=False)
    hidden.step(5)
    err = capsys.readouterr().err
    assert err.endswith("\r2/3 files, 8 rows") and err.count("\r") == 3


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path):
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text("房县新建学校3所。", encoding="utf-8")
    result = run(["extract", str(tmp_path)])
    assert result.exit_code == 0 and result.stderr == ""


def test_closed_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys

    for k in range(30):
        (tmp_path / f"{k:02}.txt").write_text("房县新建学校3所,新增学位1200个。" * 50, encoding="utf-8")
    cmd = f"{sys.executable} -m extractor extract {tmp_path} -j 1 | head -2"
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)
    assert proc.stdout.count("\n") == 2
    assert proc.stderr == ""
    assert proc.returncode == 0


def test_interrupted_run_leaves_no_output_file(tmp_path, monkeypatch):
    from extractor import batch

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real = batch.stream_one

    def interrupted(item, *a, **k):
        if item.path.endswith("b.txt"):
            raise KeyboardInterrupt
        yield from real(item, *a, **k)

    monkeypatch.setattr(batch, "stream_one", interrupted)
    out = tmp_path / "rows.csv"
    result = run(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out), "-j", "1"])
    assert result.exit_code == 130          # 128 + SIGINT, as a shell reports Ctrl-C
    assert not out.exists()
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".county-figures-")]


def test_source_is_the_path_within_the_folder_given(tmp_path):
    for county in ("房县", "竹山县"):
        (tmp_path / "a" / county).mkdir(parents=True)
        (tmp_path / "a" / county / "报告.txt").write_text("全县新建学校3所。", encoding="utf-8")
    result = run(["extract", str(tmp_path / "a"), str(tmp_path / "a" / "房县" / "报告.txt")])
    assert [r["source"] for r in csv.DictReader(io.StringIO(result.stdout))] == [
        "房县/报告.txt", "竹山县/报告.txt", "报告.txt"]


@pytest.mark.parametrize("fmt, said", [
    ("jsonl", "county-figures: --excel applies to CSV only; jsonl output is written as usual\n"),
    ("xlsx", "county-figures: --excel applies to CSV only; xlsx output is written as usual "
             "(XLSX is always safe to open)\n"),
    ("csv", ""),
])
def test_excel_outside_csv_is_said_not_ignored(tmp_path, fmt, said):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    result = run(["extract", str(p), "--excel", "-o", str(tmp_path / f"out.{fmt}")])
    assert (result.exit_code, result.stderr) == (0, said)


def test_an_unknown_county_is_bad_usage():
    result = run(["extract", "-", "--county", "不存在县"], input=b"x")
    assert result.exit_code == 2
    assert "unknown county '不存在县'; give its full official name (e.g. 南昌县)" in result.stderr
    short = run(["extract", "-", "--county", "竹溪"], input=b"x")
    assert short.exit_code == 2 and "unknown county '竹溪'; did you mean 竹溪县?" in short.stderr


def test_a_county_alias_stands_for_its_official_name():
    result = run(["extract", "-", "--county", "门源县"], input="全县新建学校3所。".encode("utf-8"))
    assert result.exit_code == 0
    assert [r["county"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["门源回族自治县"]


def test_help_lists_the_exit_statuses():
    text = run(["extract", "--help"]).stdout
    for line in ("0      every input read", "1      some input could not be read", "2      bad usage",
                 "3      the output could not be written", "128+N  stopped by signal N: 130 Ctrl-C"):
        assert line in text


def test_stdin_is_named_stdin_in_messages():
    result = run(["extract", "-"], input=b"\x00" * 100)
    assert (result.exit_code, result.stderr) == (1, "county-figures: <stdin>: binary file, not text\n")


def test_explain_adds_the_rules_that_decided_each_row(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("十堰市生产总值增长6%,房县增长7%。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(a), "--county", "房县", "--explain"])
    assert result.exit_code == 0
    got = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["county"], r["rules"]) for r in got] == [
        ("十堰市", "indicator:clause_before area:area_clause_place period:period_none status:status_actual"),
        ("房县", "indicator:takes_subject area:area_clause_place period:period_none status:status_actual"),
    ]
    plain = CliRunner().invoke(main, ["extract", str(a), "--county", "房县"])
    assert "rules" not in plain.stdout.splitlines()[0].split(",")


def test_every_row_names_its_four_deciding_rules(tmp_path):
    from extractor import extract_text

    text = "2025年工作展望\n全县新签约项目30个,总投资120亿元。房县、竹山县分别增长5%、6%。\n| 品种 | 产量(吨) |\n| 稻谷 | 1200 |\n"
    for f in extract_text(text, county="十堰市"):
        assert [part.split(":")[0] for part in f.rules.split()] == ["indicator", "area", "period", "status"], f.rules
