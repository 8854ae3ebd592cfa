"""-o writes what it is given and nothing else: through symbolic links, into
FIFOs in place, and refuses what it cannot write in one line (exit status 3).
Never a real device node here: FIFOs, links and files in a temporary folder."""
import csv
import io
import os
import stat
import subprocess
import sys
import tempfile
import threading

import pytest
from click.testing import CliRunner

from extractor import output
from extractor.cli import main
from extractor.output import OutputError, plan, writes_directly

ARTICLE = "房县全年新建学校3所,新增企业12家。"
HEADER = "county,indicator,value,unit"


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return str(p)


def run(args):
    return CliRunner().invoke(main, args)


def leftovers(folder):
    return [f for f in os.listdir(folder) if f.startswith(output.TEMP_PREFIX)]


def fake_stat(kind):
    return os.stat_result((kind | 0o666, 0, 0, 1, 0, 0, 0, 0, 0, 0))


@pytest.mark.parametrize("st, direct", [
    (None, False),                             # a new file
    (fake_stat(stat.S_IFREG), False),          # a regular file: a temporary file renamed onto it
    (fake_stat(stat.S_IFCHR), True),           # a character device (/dev/null): written in place
    (fake_stat(stat.S_IFBLK), True),
    (fake_stat(stat.S_IFIFO), True),
    (fake_stat(stat.S_IFSOCK), True),
])
def test_what_is_written_in_place(st, direct):
    assert writes_directly(st) is direct


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_a_real_fifo_is_planned_in_place(tmp_path):
    os.mkfifo(tmp_path / "rows")
    assert writes_directly(os.stat(tmp_path / "rows")) is True
    assert plan(str(tmp_path / "rows")).direct is True


def test_a_symlink_is_written_through_to_its_target(tmp_path, article, monkeypatch):
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "rows.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    folders = []
    mkstemp = tempfile.mkstemp

    def recorded(*a, **k):
        folders.append(k["dir"])
        return mkstemp(*a, **k)

    monkeypatch.setattr(tempfile, "mkstemp", recorded)
    result = run(["extract", article, "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith(HEADER)
    assert folders == [str(tmp_path / "data")]                    # the temporary file beside the target
    assert stat.S_IMODE(target.stat().st_mode) == 0o640           # the replaced file's permissions kept
    assert leftovers(tmp_path) == leftovers(tmp_path / "data") == []


def test_a_dangling_symlink_creates_its_target(tmp_path, article):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "made.csv")
    assert run(["extract", article, "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and (tmp_path / "made.csv").read_text(encoding="utf-8").startswith(HEADER)


@needs_fifo
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx", "parquet"])
def test_a_fifo_is_written_in_place_and_its_reader_gets_the_rows(tmp_path, article, fmt):
    fifo = tmp_path / "rows"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    result = run(["extract", article, "-o", str(fifo), "--format", fmt])
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)                   # still a FIFO
    assert leftovers(tmp_path) == []
    data = got[0]
    if fmt == "csv":
        assert data.decode("utf-8").startswith(HEADER) and data.count(b"\n") == 3
    elif fmt == "jsonl":
        assert data.count(b"\n") == 2
    elif fmt == "xlsx":
        assert data.startswith(b"PK")
    else:
        import pyarrow.parquet as pq
        assert pq.read_table(io.BytesIO(data)).num_rows == 2


def test_a_missing_folder_is_refused_in_one_line(tmp_path, article):
    result = run(["extract", article, "-o", str(tmp_path / "nodir" / "out.csv")])
    assert result.exit_code == 3
    assert result.stderr == f"county-figures: cannot write {tmp_path}/nodir/out.csv: no such folder {tmp_path}/nodir\n"


def test_a_folder_is_refused_in_one_line(tmp_path, article):
    result = run(["extract", article, "-o", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (3, f"county-figures: cannot write {tmp_path}: it is a folder\n")


def test_a_folder_we_may_not_write_in_is_refused_in_one_line(tmp_path, article, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)        # what a read-only folder does (root writes anyway)
    out = tmp_path / "out.csv"
    result = run(["extract", article, "-o", str(out)])
    assert (result.exit_code, result.stderr) == (3, f"county-figures: cannot write {out}: Permission denied\n")
    assert not out.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_folder_for_real(tmp_path, article):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run(["extract", article, "-o", str(locked / "out.csv")])
        assert (result.exit_code, result.stderr.count("\n")) == (3, 1)
    finally:
        locked.chmod(0o755)


def test_a_file_we_may_not_write_is_not_replaced(tmp_path, monkeypatch):
    kept = tmp_path / "kept.csv"
    kept.write_text("theirs", encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda path, mode: False)     # as for a read-only file, but not as root
    with pytest.raises(OutputError, match=f"^cannot write {kept}: permission denied$"):
        plan(str(kept))


def test_a_symlink_loop_is_refused_in_one_line(tmp_path, article):
    (tmp_path / "one").symlink_to(tmp_path / "two")
    (tmp_path / "two").symlink_to(tmp_path / "one")
    result = run(["extract", article, "-o", str(tmp_path / "one")])
    assert result.exit_code == 3 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"county-figures: cannot write {tmp_path / 'one'}: ")


needs_rlimit = pytest.mark.skipif(os.name != "posix", reason="file size limits are POSIX")


def _limited_run(args, cwd, stdout=subprocess.DEVNULL):
    """The CLI with files limited to 300 bytes: a write past that fails as on a full disk."""
    code = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300)); "
            "from extractor.cli import main; sys.argv[0] = 'county-figures'; main()")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=120)


@needs_rlimit
def test_stdout_on_a_full_disk_is_one_line(tmp_path, article):
    with open(tmp_path / "stdout.csv", "w") as stdout:
        proc = _limited_run(["extract", article, article, article, "-j", "1"], tmp_path, stdout)
    assert (proc.returncode, proc.stderr) == (3, "county-figures: cannot write stdout: File too large\n")


@needs_rlimit
def test_an_output_file_on_a_full_disk_is_one_line_and_the_old_file_stays(tmp_path, article):
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    proc = _limited_run(["extract", article, article, article, "-j", "1", "-o", str(out)], tmp_path)
    assert (proc.returncode, proc.stderr) == (3, f"county-figures: cannot write {out}: File too large\n")
    assert out.read_text(encoding="utf-8") == "old" and leftovers(tmp_path) == []


def test_rows_of_a_good_run_replace_the_old_file(tmp_path, article):
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    assert run(["extract", article, "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["indicator"], r["value"]) for r in rows] == [("新建学校", "3"), ("新增企业", "12")]
