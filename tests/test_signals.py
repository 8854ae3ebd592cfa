"""A run stopped by SIGINT, SIGTERM or SIGHUP stops its workers, removes its
temporary file and exits with 128 + the signal number."""
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc") or not hasattr(signal, "SIGHUP"),
                                reason="POSIX signals; workers found through /proc")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for k in range(80):
        (folder / f"{k:02}.txt").write_text("房县新建学校3所,新增企业12家,植树8万棵。\n" * 4000, encoding="utf-8")
    return folder


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def wait_for(condition, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_stops_workers_removes_the_temporary_file_and_exits_128_plus_n(tmp_path, corpus, signum):
    out = tmp_path / "rows.csv"
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "extract", str(corpus), "-j", "2", "-q",
                             "-o", str(out)], stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: len(children(proc.pid)) >= 2
                        and any(f.startswith(".county-figures-") for f in os.listdir(tmp_path)))
        workers = children(proc.pid)
        proc.send_signal(signum)
        assert proc.wait(30) == 128 + signum
    finally:
        proc.kill()
    assert proc.stderr.read() == ""
    assert wait_for(lambda: not [w for w in workers if os.path.exists(f"/proc/{w}")
                                 and open(f"/proc/{w}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"], 10)
    assert os.listdir(tmp_path) == []          # no temporary file, no partial output


def test_ctrl_c_in_process_exits_130(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from extractor import batch
    from extractor.cli import main

    (tmp_path / "a.txt").write_text("房县新建学校3所。", encoding="utf-8")

    def interrupted(*a, **k):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(batch, "stream_one", interrupted)
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 130
    assert os.listdir(tmp_path) == ["a.txt"]
