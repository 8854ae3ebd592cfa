"""Throughput benchmark for county-figures (run by hand; not a test).

    .venv/bin/python benchmarks/throughput.py              # 5 MB of real articles
    .venv/bin/python benchmarks/throughput.py --mb 2 --jobs 2

Builds an in-memory corpus of at least ``--mb`` MB (10^6 bytes of UTF-8) from
real articles (by default those of ../shared: samples/ and dev-extra/raw/),
each copy after the first with its digits varied so that no sentence with a
figure repeats, then, in this one process, times (a) extraction
(extractor.pipeline.extract_document, the extractor's bounded caches cleared
before each document, then again with them kept), (b) jieba.lcut (precise
mode, the default) over the same texts and (c) a bare regex pass, each warmed
up once first; then the share of each stage in an instrumented extraction
pass. Also reports peak memory, CLI start-up time, what ``import
extractor.cli`` drags in and, with ``--jobs N``, the CLI's multi-process
speed-up. See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
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
SHARED = REPO.parent / "shared"
DEFAULT_SAMPLES = (SHARED / "samples", SHARED / "dev-extra" / "raw")
_DIGIT_RUN = re.compile(r"[0-9]+")

# --------------------------------------------------------------------- helpers

def line(name: str, value: str) -> None:
    print(f"{name:<36} {value}", flush=True)


def rss_mb() -> float:
    """Process RSS high-water mark in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak * 1024 / MB


def vary_digits(text: str, rng: random.Random) -> str:
    """The text with its Arabic numbers changed, shape kept: a year (19xx,
    20xx) stays a year of its decade, another number keeps its length and a
    leading 0 (0.5, 05), other digits are drawn at random. A copy of an
    article is then new text to every cache keyed on a sentence or phrase."""
    def new(m: re.Match) -> str:
        s = m.group()
        if len(s) == 4 and s[:2] in ("19", "20"):
            return s[:3] + rng.choice("0123456789")
        head = s[0] if s[0] == "0" else rng.choice("123456789")
        return head + "".join(rng.choice("0123456789") for _ in s[1:])
    return _DIGIT_RUN.sub(new, text)


def read_articles(dirs) -> list[Document]:
    articles = [read_document(p) for p in iter_paths([str(d) for d in dirs])]
    articles = [d for d in articles if d.text.strip()]
    if not articles:
        sys.exit(f"no articles in {', '.join(map(str, dirs))}")
    return articles


def copies(articles: list[Document], mb: float):
    """(copy number, article, its text) until ``mb`` MB: the first copy as
    written, the others with their digits varied (the same for every run)."""
    total = k = 0
    while total < mb * MB:
        rng = random.Random(k)
        for d in articles:
            text = d.text if k == 0 else vary_digits(d.text, rng)
            yield k, d, text
            total += len(text.encode("utf-8"))
            if total >= mb * MB:
                return
        k += 1


def build_corpus(dirs, mb: float) -> tuple[list[Document], int, int]:
    """The articles of ``dirs``, copied (digits varied) until the corpus holds ``mb`` MB of UTF-8."""
    articles = read_articles(dirs)
    docs = [replace(d, source=f"{k:04d}_{d.source}", text=text) for k, d, text in copies(articles, mb)]
    return docs, sum(len(d.text.encode("utf-8")) for d in docs), len(articles)


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


# ------------------------------------------------------------ stage shares

# Each stage: a label and the functions that make it up, as "module:name" or
# "module:Class.method". A stage's time is exclusive: what its functions
# spend outside the functions of other stages listed here.
STAGES = (
    ("page facts (metadata)", ("metadata:complete",)),
    ("normalise", ("normalise:normalise",)),
    ("segment", ("segment:segment",)),
    ("tables", ("tables:find_tables",)),
    ("place names (gazetteer)", ("gazetteer:Gazetteer.find",)),
    ("document areas", ("counties:document_areas",)),
    ("numbers", ("numbers:find_numbers",)),
    ("quantities", ("quantities:find_quantities",)),
    ("time phrases", ("timeinfo:time_phrases", "timeinfo:leading_time_phrase")),
    ("clause bounds", ("segment:clause_start", "segment:clause_end")),
    ("clause analysis", ("clauses:analyse", "clauses:may_name_area")),
    ("areas of figures", ("counties:resolve_areas", "counties:label_area")),
    ("word cuts", ("wordlist:cut",)),
    ("indicators", ("indicators:name_indicators", "indicators:name_cell")),
    ("periods and status", ("periods:resolve_times", "periods:cell_time", "periods:ParagraphTime.read")),
    ("standard indicators", ("standard:annotate",)),
    ("rows", ("pipeline:_figure", "pipeline:_table_figure", "pipeline:_with_document_facts")),
)


class StageTimer:
    """Wraps the functions of STAGES wherever the extractor's modules refer
    to them, and adds up each stage's exclusive time."""

    def __init__(self):
        self.totals: Counter = Counter()
        self._stack: list[float] = []
        self._undo: list[tuple[object, str, object]] = []

    def _wrap(self, label: str, fn):
        clock, stack, totals = time.perf_counter, self._stack, self.totals

        def timed_call(*args, **kwargs):
            stack.append(0.0)
            t0 = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                dt = clock() - t0
                totals[label] += dt - stack.pop()
                if stack:
                    stack[-1] += dt
        return timed_call

    def __enter__(self):
        import importlib
        modules = [m for n, m in list(sys.modules.items()) if n.startswith("extractor.")]
        for label, names in STAGES:
            for name in names:
                module_name, _, attr = name.partition(":")
                module = importlib.import_module(f"extractor.{module_name}")
                if "." in attr:
                    cls_name, meth = attr.split(".")
                    cls = getattr(module, cls_name)
                    self._patch(cls, meth, self._wrap(label, vars(cls)[meth]))
                    continue
                fn = getattr(module, attr)
                wrapped = self._wrap(label, fn)
                for m in modules:           # every module that imported it by name
                    if vars(m).get(attr) is fn:
                        self._patch(m, attr, wrapped)
        return self

    def _patch(self, owner, attr: str, new) -> None:
        self._undo.append((owner, attr, getattr(owner, attr) if not isinstance(owner, type) else vars(owner)[attr]))
        setattr(owner, attr, new)

    def __exit__(self, *exc):
        for owner, attr, old in reversed(self._undo):
            setattr(owner, attr, old)
        self._undo.clear()


def stage_shares(docs, caches) -> tuple[float, list[tuple[str, float]]]:
    """An instrumented cold pass: (its wall time, [(stage, seconds)] with the rest last)."""
    with StageTimer() as timer:
        gc.collect()
        t0 = time.perf_counter()
        for d in docs:
            for c in caches:
                c.cache_clear()
            extract_document(d)
        wall = time.perf_counter() - t0
    rows = [(label, timer.totals[label]) for label, _ in STAGES]
    rows.append(("the rest (pipeline loop and glue)", wall - sum(t for _, t in rows)))
    return wall, rows


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


def stream_run(cmd: list[str], dirs, mb: float, jobs: int) -> None:
    """Write a corpus of ``mb`` MB as files (the articles copied, digits
    varied), stream it through the CLI (rows to /dev/null) and sample the
    memory of the CLI and its workers every 0.2 s."""
    if not Path("/proc/self/smaps_rollup").exists():
        line("stream run", "skipped: needs /proc (Linux)")
        return
    articles = read_articles(dirs)
    with tempfile.TemporaryDirectory(prefix="county-figures-stream-") as tmp:
        total = i = 0
        for _, d, text in copies(articles, mb):
            sub = Path(tmp, f"{i // 1000:04d}")        # 1000 files per folder
            sub.mkdir(exist_ok=True)
            data = text.encode("utf-8")
            Path(sub, f"{i:07d}_{Path(d.source).name}").write_bytes(data)
            total += len(data)
            i += 1
        # (messages to a file: a pipe nobody reads while the run goes on could fill up and stop it)
        errors = tempfile.TemporaryFile()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd + ["extract", tmp, "--jobs", str(jobs), "-q"],
                                stdout=subprocess.DEVNULL, stderr=errors)
        peak_pss = peak_rss = peak_one = 0.0
        while proc.poll() is None:
            pss, rss, one = tree_memory_mb(proc.pid)
            peak_pss, peak_rss, peak_one = max(peak_pss, pss), max(peak_rss, rss), max(peak_one, one)
            time.sleep(0.2)
        wall = time.perf_counter() - t0
        errors.seek(0)
        err = errors.read().decode("utf-8", "replace").strip()
        errors.close()
        status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode}): {err[:200]}"
        line("stream run", f"{total / MB:.0f} MB in {i} files, --jobs {jobs}: {wall:.0f} s wall, "
                           f"{total / MB / wall:.2f} MB/s, {status}")
        line("peak memory, CLI and workers", f"{peak_pss:7.1f} MB PSS in all (target < 500 MB: "
                                             f"{'met' if peak_pss < 500 else 'NOT met'}); RSS {peak_rss:.1f} MB "
                                             f"summed over processes, largest process {peak_one:.1f} MB")


# ------------------------------------------------------------------------ main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5, help="corpus size in MB of UTF-8 (default 5)")
    ap.add_argument("--jobs", type=int, default=0, metavar="N",
                    help="also time `county-figures extract DIR --jobs 1` and `--jobs N`")
    ap.add_argument("--samples", type=Path, action="append", metavar="DIR",
                    help="a folder of articles to copy (repeatable; default: ../shared/samples and "
                         "../shared/dev-extra/raw)")
    ap.add_argument("--rounds", type=int, default=2, metavar="K",
                    help="time extraction and jieba K times each, alternating, and keep the best (default 2)")
    ap.add_argument("--repeat", type=int, default=3, metavar="K",
                    help="with --jobs: run each CLI setting K times, alternating, and keep the best (default 3)")
    ap.add_argument("--stream-mb", type=float, default=0, metavar="N",
                    help="also stream a corpus of N MB of files through the CLI (--jobs N or 1) "
                         "and report the peak RSS of the CLI and its workers (1000 for the 1 GB check)")
    ap.add_argument("--no-stages", action="store_true", help="skip the instrumented pass (share of each stage)")
    ap.add_argument("--no-tracemalloc", action="store_true",
                    help="skip the untimed tracemalloc pass over the distinct articles")
    args = ap.parse_args()
    dirs = args.samples or [d for d in DEFAULT_SAMPLES if d.is_dir()]
    if not dirs:
        sys.exit(f"no articles: {SHARED} is missing; give --samples DIR")

    docs, total, distinct = build_corpus(dirs, args.mb)
    size = total / MB
    chars = sum(len(d.text) for d in docs)
    line("corpus", f"{size:.2f} MB UTF-8, {len(docs)} documents ({distinct} articles from "
                   f"{', '.join(str(d) for d in dirs)}; copies after the first with their digits varied), "
                   f"{chars / 1e6:.2f} M chars")
    line("python", f"{sys.version.split()[0]}, one process, one core")

    # Warm-up, untimed: rules, gazetteer, OpenCC, jieba dictionary (both the
    # extraction's HMM=False cut and lcut's HMM model), the regex.
    t0 = time.perf_counter()
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    run_jieba(docs[:1])
    warm_jieba = time.perf_counter() - t0
    t0 = time.perf_counter()
    run_extraction(docs[:distinct])
    warm_extraction = time.perf_counter() - t0
    run_regex(docs[:1])
    line("warm-up (untimed)", f"jieba {warm_jieba:.2f} s, then extraction of each article once {warm_extraction:.2f} s")
    rss_base = rss_mb()

    # Cold: the extractor's bounded caches cleared before each document (no
    # cache carries over from one document to the next, as on real input).
    caches = bounded_caches()
    best: dict[str, float] = {}
    for _ in range(max(1, args.rounds)):          # alternating, best of each
        for name, fn in (("cold", run_extraction_cold), ("jieba", run_jieba)):
            t, count = timed(fn, docs)
            best[name] = min(best.get(name, float("inf")), t)
            if name == "cold":
                n_fig = count
            else:
                n_tok = count
    t_warm, _ = timed(run_extraction, docs)
    rss_ext = rss_mb()
    t_re, n_num = min(timed(run_regex, docs) for _ in range(5))     # (a few ms: the best of five)
    t_cold, t_jie = best["cold"], best["jieba"]
    rounds = f"best of {max(1, args.rounds)}" if args.rounds > 1 else "one run"
    line("extraction, caches cold", f"{size / t_cold:7.2f} MB/s   ({t_cold:.2f} s, {rounds}; {n_fig} figures, "
                                    f"{t_cold / max(n_fig, 1) * 1e6:.0f} µs per figure, a figure every "
                                    f"{chars / max(n_fig, 1):.0f} characters)")
    line("extraction, caches kept", f"{size / t_warm:7.2f} MB/s   ({t_warm:.2f} s, one run)")
    line("jieba.lcut", f"{size / t_jie:7.2f} MB/s   ({t_jie:.2f} s, {rounds}; {n_tok} words)")
    line("regex findall", f"{size / t_re:7.2f} MB/s   ({t_re:.3f} s; {n_num} numbers)")
    ratio = t_jie / t_cold
    line("ratio extraction/jieba", f"{ratio:7.2f}x  caches cold (target >= {TARGET_RATIO:g}x: "
                                   f"{'met' if ratio >= TARGET_RATIO else 'NOT met'}); "
                                   f"{t_jie / t_warm:.2f}x caches kept")
    line("ratio extraction/regex", f"{t_re / t_cold:7.4f}x  (the bare regex pass is {t_cold / t_re:.0f} times faster)")
    if caches:
        names = ", ".join(sorted(f"{c.__module__.split('.')[-1]}.{c.__name__}" for c in caches))
        line("caches cleared before each document", names)

    if not args.no_stages:
        part = docs[:max(distinct, len(docs) // 4)]
        wall, rows = stage_shares(part, caches)
        n_part = sum(len(d.text.encode("utf-8")) for d in part) / MB
        line("stages (instrumented, cold)", f"{n_part:.2f} MB in {wall:.2f} s (the timers add their own cost)")
        for label, seconds in sorted(rows, key=lambda r: -r[1]):
            line(f"  {label}", f"{seconds / wall * 100:5.1f}%  {seconds:6.2f} s")

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
        stream_run(cmd, dirs, args.stream_mb, args.jobs or 1)


if __name__ == "__main__":
    main()
