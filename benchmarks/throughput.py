"""Throughput benchmark for county-figures (run by hand; not a test).

    .venv/bin/python benchmarks/throughput.py              # 20 MB corpus
    .venv/bin/python benchmarks/throughput.py --mb 5 --jobs 2

Builds an in-memory corpus of at least ``--mb`` MB (10^6 bytes of UTF-8) by
repeating the articles in samples/, then, in this one process, times
(a) extractor.pipeline.extract_document over every repeated article,
(b) jieba.lcut (precise mode, the default) over the same texts and
(c) a plain regex pass, each warmed up once on one sample first. Also reports
peak memory, CLI start-up time, what ``import extractor.cli`` drags in and,
with ``--jobs N``, the CLI's multi-process speed-up. See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))          # run from a checkout without installing

from extractor.models import Document  # noqa: E402
from extractor.pipeline import extract_document  # noqa: E402
from extractor.reader import iter_paths, read_document  # noqa: E402

MB = 1_000_000
NUMBER = re.compile(r"\d+(?:\.\d+)?")
TARGET_RATIO = 2.0


# --------------------------------------------------------------------- helpers

def line(name: str, value: str) -> None:
    print(f"{name:<34} {value}", flush=True)


def rss_mb() -> float:
    """Process RSS high-water mark in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak * 1024 / MB


def build_corpus(sample_dir: Path, mb: float) -> tuple[list[Document], int, int]:
    """Repeat the sample articles until the corpus holds ``mb`` MB of UTF-8."""
    samples = [read_document(p) for p in iter_paths([str(sample_dir)])]
    samples = [d for d in samples if d.text.strip()]
    if not samples:
        sys.exit(f"no articles in {sample_dir}")
    sizes = [len(d.text.encode("utf-8")) for d in samples]
    docs: list[Document] = []
    total = i = 0
    while total < mb * MB:
        k = i % len(samples)
        # Same text, distinct name: a repeated article is still a separate document.
        docs.append(replace(samples[k], source=f"{i:06d}_{samples[k].source}"))
        total += sizes[k]
        i += 1
    return docs, total, len(samples)


def timed(fn, docs) -> tuple[float, int]:
    gc.collect()
    t0 = time.perf_counter()
    count = fn(docs)
    return time.perf_counter() - t0, count


def run_extraction(docs) -> int:
    n = 0
    for d in docs:
        n += len(extract_document(d))
    return n


def bounded_caches() -> list:
    """The size-bounded functools caches of the extractor (``lru_cache(maxsize=N)``).

    They are meant for repeats within a document or sentence; on this corpus,
    a few articles repeated, they would also hit across documents, which real
    input rarely allows. Unbounded ones (``@cache``: rules, gazetteer) are
    process-wide loads and stay warm.
    """
    found = {}
    for name, module in list(sys.modules.items()):
        if name == "extractor" or name.startswith("extractor."):
            for obj in list(vars(module).values()):
                params = getattr(obj, "cache_parameters", None)
                if callable(params) and params().get("maxsize") is not None:
                    found[id(obj)] = obj
    return list(found.values())


def run_extraction_cold(docs) -> int:
    caches = bounded_caches()
    n = 0
    for d in docs:
        for c in caches:
            c.cache_clear()
        n += len(extract_document(d))
    return n


def run_jieba(docs) -> int:
    import jieba
    n = 0
    for d in docs:
        n += len(jieba.lcut(d.text))
    return n


def run_regex(docs) -> int:
    n = 0
    for d in docs:
        n += len(NUMBER.findall(d.text))
    return n


# ------------------------------------------------------------------------- CLI

def cli_command() -> list[str]:
    """The county-figures entry point of this interpreter's environment."""
    exe = Path(sys.executable).parent / "county-figures"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("county-figures")
    return [found] if found else [sys.executable, "-m", "extractor"]


def startup_time(cmd: list[str], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd + ["--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


_IMPORT_PROBE = r"""
import json, sys, time
t0 = time.perf_counter()
import extractor.cli
dt = time.perf_counter() - t0
g = sys.modules.get("extractor.gazetteer")
print(json.dumps({
    "seconds": dt,
    "jieba": "jieba" in sys.modules,
    "pandas": "pandas" in sys.modules,
    "opencc": "opencc" in sys.modules,
    "gazetteer module": g is not None,
    "gazetteer data": bool(g and g.gazetteer.cache_info().currsize),
}))
"""


def import_probe() -> dict:
    out = subprocess.run([sys.executable, "-c", _IMPORT_PROBE], cwd=REPO, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def has_jobs_option(cmd: list[str]) -> bool:
    out = subprocess.run(cmd + ["extract", "--help"], capture_output=True, text=True)
    return "--jobs" in out.stdout


def cli_jobs(cmd: list[str], docs: list[Document], jobs: int, repeat: int) -> None:
    if not has_jobs_option(cmd):
        line(f"cli --jobs 1 / --jobs {jobs}", "skipped: --jobs not available")
        return
    with tempfile.TemporaryDirectory(prefix="county-figures-bench-") as tmp:
        folder = Path(tmp, "corpus")
        folder.mkdir()
        for d in docs:
            Path(folder, d.source).write_text(d.text, encoding="utf-8")
        walls: dict[int, float] = {}
        outputs = {}
        for _ in range(repeat):            # alternating, best of `repeat` for each
            for n in (1, jobs):
                out = Path(tmp, f"out-{n}.csv")
                t0 = time.perf_counter()
                proc = subprocess.run(cmd + ["extract", str(folder), "--jobs", str(n), "-o", str(out)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                walls[n] = min(walls.get(n, float("inf")), time.perf_counter() - t0)
                if proc.returncode != 0:
                    line(f"cli --jobs {n}", f"FAILED (exit {proc.returncode}): {proc.stderr.strip()[:200]}")
                    return
                outputs[n] = out.read_bytes()
        size = sum(len(d.text.encode("utf-8")) for d in docs) / MB
        for n in (1, jobs):
            line(f"cli --jobs {n}", f"{walls[n]:7.2f} s wall   {size / walls[n]:6.2f} MB/s  (best of {repeat})")
        line(f"speed-up --jobs {jobs} vs --jobs 1", f"{walls[1] / walls[jobs]:6.2f}x  (cores: {os.cpu_count()})")
        rows = {n: outputs[n].count(b"\n") for n in outputs}
        line("cli outputs identical", "yes" if outputs[1] == outputs[jobs] else
             f"NO ({rows[1]} vs {rows[jobs]} lines)")


# ---------------------------------------------------------------- memory run

def tree_memory_mb(pid: int) -> tuple[float, float, float]:
    """(PSS total, RSS total, largest RSS) in MB of ``pid`` and its descendants,
    read from /proc. Forked workers share the dictionaries' pages with the
    parent: RSS counts a shared page in every process, PSS splits it between
    them, so the PSS total is the memory the run really holds."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    pss = rss = largest = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                fields = {k: int(v.split()[0]) * 1024 / MB for k, v in (l.split(":", 1) for l in f if l[0].isupper())}
        except (OSError, ValueError):
            continue
        pss += fields.get("Pss", 0.0)
        rss += fields.get("Rss", 0.0)
        largest = max(largest, fields.get("Rss", 0.0))
    return pss, rss, largest


def stream_run(cmd: list[str], sample_dir: Path, mb: float, jobs: int) -> None:
    """Write a corpus of ``mb`` MB as files, stream it through the CLI (rows to
    /dev/null) and sample the RSS of the CLI and its workers every 0.2 s."""
    if not Path("/proc/self/smaps_rollup").exists():
        line("stream run", "skipped: needs /proc (Linux)")
        return
    samples = [p for p in iter_paths([str(sample_dir)])]
    texts = [Path(p).read_bytes() for p in samples]
    with tempfile.TemporaryDirectory(prefix="county-figures-stream-") as tmp:
        total = i = 0
        while total < mb * MB:
            sub = Path(tmp, f"{i // 1000:04d}")        # 1000 files per folder
            sub.mkdir(exist_ok=True)
            data = texts[i % len(texts)]
            Path(sub, f"{i:07d}_{Path(samples[i % len(samples)]).name}").write_bytes(data)
            total += len(data)
            i += 1
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd + ["extract", tmp, "--jobs", str(jobs), "-q"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak_pss = peak_rss = peak_one = 0.0
        while proc.poll() is None:
            pss, rss, one = tree_memory_mb(proc.pid)
            peak_pss, peak_rss, peak_one = max(peak_pss, pss), max(peak_rss, rss), max(peak_one, one)
            time.sleep(0.2)
        wall = time.perf_counter() - t0
        err = proc.stderr.read().decode("utf-8", "replace").strip()
        status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode}): {err[:200]}"
        line("stream run", f"{total / MB:.0f} MB in {i} files, --jobs {jobs}: {wall:.0f} s wall, "
                           f"{total / MB / wall:.2f} MB/s, {status}")
        line("peak memory, CLI and workers", f"{peak_pss:7.1f} MB PSS in all (target < 500 MB: "
                                             f"{'met' if peak_pss < 500 else 'NOT met'}); RSS {peak_rss:.1f} MB "
                                             f"summed over processes, largest process {peak_one:.1f} MB")


# ------------------------------------------------------------------------ main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20, help="corpus size in MB of UTF-8 (default 20)")
    ap.add_argument("--jobs", type=int, default=0, metavar="N",
                    help="also time `county-figures extract DIR --jobs 1` and `--jobs N`")
    ap.add_argument("--samples", type=Path, default=REPO / "samples", help="folder of articles to repeat")
    ap.add_argument("--repeat", type=int, default=3, metavar="K",
                    help="with --jobs: run each CLI setting K times, alternating, and keep the best (default 3)")
    ap.add_argument("--stream-mb", type=float, default=0, metavar="N",
                    help="also stream a corpus of N MB of files through the CLI (--jobs N or 1) "
                         "and report the peak RSS of the CLI and its workers (1000 for the 1 GB check)")
    ap.add_argument("--no-tracemalloc", action="store_true",
                    help="skip the untimed tracemalloc pass over the distinct articles")
    args = ap.parse_args()

    docs, total, distinct = build_corpus(args.samples, args.mb)
    size = total / MB
    chars = sum(len(d.text) for d in docs)
    line("corpus", f"{size:.2f} MB UTF-8, {len(docs)} documents ({distinct} distinct articles repeated), "
                   f"{chars / 1e6:.2f} M chars")
    line("python", sys.version.split()[0])

    # Warm-up, untimed: rules, gazetteer, OpenCC, jieba dictionary (both the
    # extraction's HMM=False cut and lcut's HMM model), the regex.
    t0 = time.perf_counter()
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    run_jieba(docs[:1])
    warm_jieba = time.perf_counter() - t0
    t0 = time.perf_counter()
    run_extraction(docs[:1])
    warm_extraction = time.perf_counter() - t0
    run_regex(docs[:1])
    line("warm-up (untimed)", f"jieba {warm_jieba:.2f} s, then extraction {warm_extraction:.2f} s")
    rss_base = rss_mb()

    t_ext, n_fig = timed(run_extraction, docs)
    rss_ext = rss_mb()
    line("extraction", f"{size / t_ext:7.2f} MB/s   ({t_ext:.1f} s, {n_fig} figures)")
    caches = bounded_caches()
    if caches:
        t_cold, _ = timed(run_extraction_cold, docs)
        names = ", ".join(sorted(f"{c.__module__.split('.')[-1]}.{c.__name__}" for c in caches))
        line("extraction, LRU caches cold", f"{size / t_cold:7.2f} MB/s   ({t_cold:.1f} s; cleared before each "
                                            f"document: {names})")
    t_jie, n_tok = timed(run_jieba, docs)
    line("jieba.lcut", f"{size / t_jie:7.2f} MB/s   ({t_jie:.1f} s, {n_tok} words)")
    t_re, n_num = timed(run_regex, docs)
    line("regex findall", f"{size / t_re:7.2f} MB/s   ({t_re:.2f} s, {n_num} numbers)")
    ratio = (size / t_ext) / (size / t_jie)
    line("ratio extraction/jieba", f"{ratio:7.2f}x  (target >= {TARGET_RATIO:g}x: "
                                   f"{'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    if caches:
        cold = t_jie / t_cold
        line("ratio, LRU caches cold", f"{cold:7.2f}x  (target >= {TARGET_RATIO:g}x: "
                                       f"{'met' if cold >= TARGET_RATIO else 'NOT met'})")

    line("peak RSS after warm-up", f"{rss_base:7.1f} MB")
    line("peak RSS after extraction", f"{rss_ext:7.1f} MB  (+{rss_ext - rss_base:.1f} MB)")
    line("peak RSS overall", f"{rss_mb():7.1f} MB")
    if not args.no_tracemalloc:
        # Separate, untimed pass over each distinct article once: the working
        # set of one document (figures are dropped between documents).
        tracemalloc.start()
        run_extraction(docs[:distinct])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        biggest = max(len(d.text.encode("utf-8")) for d in docs[:distinct]) / 1024
        line("tracemalloc peak, extraction", f"{peak / MB:7.2f} MB  (one document at a time, "
                                             f"largest {biggest:.0f} KB)")

    cmd = cli_command()
    line("start-up `county-figures --help`", f"{startup_time(cmd) * 1000:7.0f} ms  (best of 5)")
    probe = import_probe()
    loaded = [k for k in ("jieba", "pandas", "opencc", "gazetteer module", "gazetteer data") if probe[k]]
    line("import extractor.cli", f"{probe['seconds'] * 1000:7.0f} ms; loads: "
                                 f"{', '.join(loaded) if loaded else 'none of jieba, pandas, opencc, gazetteer'}")

    if args.jobs:
        cli_jobs(cmd, docs, args.jobs, max(1, args.repeat))
    if args.stream_mb:
        stream_run(cmd, args.samples, args.stream_mb, args.jobs or 1)


if __name__ == "__main__":
    main()
