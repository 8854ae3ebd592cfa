"""The command line: outputs, stdin, errors and exit status."""
import csv
import io
import json

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

    def interrupted(path, *a, **k):
        if path.endswith("b.txt"):
            raise KeyboardInterrupt
        yield from real(path, *a, **k)

    monkeypatch.setattr(batch, "stream_one", interrupted)
    out = tmp_path / "rows.csv"
    result = run(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out), "-j", "1"])
    assert result.exit_code != 0
    assert not out.exists()
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".county-figures-")]
