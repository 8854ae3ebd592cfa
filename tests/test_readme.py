"""Every command line of README's "Use" and "On a cluster" sections runs as
written: the lines are read from README.md, so the test breaks when the
README drifts from the program."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
VENV = Path(sys.prefix)


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end > 0 else None]


def indented_lines(text: str) -> list[str]:
    """The lines of the indented (4 spaces) code blocks, outside fenced ones."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return [line[4:] for line in text.splitlines() if line.startswith("    ") and line.strip()]


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder holding what the examples name: folders of articles, a
    report, the rules file of "Your own rules", and the environment."""
    here = tmp_path_factory.mktemp("readme")
    samples = sorted((ROOT / "samples").glob("*.txt"))
    for folder in ("articles", "notes", "竹溪县", "corpus", "a", "samples"):
        (here / folder).mkdir()
        for p in samples[:2]:
            shutil.copy(p, here / folder / p.name)
    shutil.copy(samples[0], here / "report.txt")
    (rules,) = fenced(section("Use"), "yaml")
    (here / "my.yaml").write_text(rules, encoding="utf-8")
    # the manifest example, where the command that reads it says, and the pages it names beside it
    (manifest,) = [block for block in fenced(section("Use"), "") if block.startswith("file")]
    (where,) = re.findall(r"--sources (\S+)", "\n".join(indented_lines(section("Use"))))
    (here / where).parent.mkdir(parents=True, exist_ok=True)
    (here / where).write_text(manifest, encoding="utf-8")
    for line in manifest.splitlines()[1:]:
        page = (here / where).parent / line.split("\t")[0]
        page.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(samples[0], page)
    (here / ".venv").symlink_to(VENV)
    return here


def test_the_use_section_has_the_commands_and_says_how_to_reach_them():
    lines = indented_lines(section("Use"))
    assert lines[0].startswith(". .venv/bin/activate")
    assert sum(line.startswith("county-figures ") for line in lines) >= 10


def test_every_command_of_the_use_section_runs(workspace):
    script = "\n".join(indented_lines(section("Use")))
    # One shell, as a user types them: -x names the line that failed.
    proc = subprocess.run(["bash", "-e", "-u", "-o", "pipefail", "-x", "-c", script], cwd=workspace,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PATH": "/usr/bin:/bin", "VIRTUAL_ENV": ""})
    assert proc.returncode == 0, proc.stderr[-3000:]
    for made in ("figures.csv", "figures.xlsx", "f.csv", "review.html", "panel.xlsx"):
        assert (workspace / made).stat().st_size > 1000
    assert "county-figures:" not in proc.stderr        # no input error, no warning


@pytest.mark.parametrize("variant", ["as written", "the alternative in its comment"])
def test_the_cluster_example_runs(workspace, variant):
    pytest.importorskip("dask.distributed")
    (code,) = fenced(section("On a cluster"), "python")
    address = re.search(r'Client\("tcp://[^"]+"\)', code)
    assert address, "the example connects to a scheduler"
    # the one change: a local cluster in this process stands for the scheduler
    code = code.replace(address.group(), "Client(processes=False, dashboard_address=None)")
    if variant != "as written":
        call, alternative = re.search(r"(\.to_parquet\([^)]*\))\s*# or (\.\w+\([^)]*\))", code).groups()
        code = code.replace(call, alternative)
    proc = subprocess.run([sys.executable, "-c", code], cwd=workspace, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    if variant == "as written":
        import pyarrow.parquet as pq
        assert pq.read_table(workspace / "figures").num_rows > 20
    else:
        assert list(workspace.glob("figures-*.csv"))
