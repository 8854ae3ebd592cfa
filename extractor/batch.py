"""Run the pipeline over many inputs: in order, optionally on several
processes; for each input its figures (in pieces for a long one), the
warnings it gave, or why it could not be read.

A run stopped by a signal (``stop_on_signals``: SIGINT, SIGTERM, SIGHUP)
stops its worker processes before the exception leaves ``process``.
"""
from __future__ import annotations

import gc
import os
import signal
import stat
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterator

from . import reader
from .faults import CountyFiguresWarning
from .models import Document, Figure
from .pipeline import Options, iter_figures
from .reader import STDIN, Input, InputError, LongText, read_input
from .sources import Source, apply

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@dataclass(frozen=True)
class Result:
    path: str
    figures: tuple[Figure, ...] = ()
    error: str = ""          # one line, when the input could not be read
    done: bool = True        # the last result of this input
    deferred: bool = False   # a worker left this (large) file to the main process
    text: str = ""           # the figures already rendered by a worker (then ``figures`` is empty)
    rows: int = 0            # how many figures ``text`` holds
    document: Document | None = None   # the input as read, on its last result when asked for
    warnings: tuple[str, ...] = ()     # what was left out of this piece and why (a figure, a sentence,
                                       # a table row), one line each

    @property
    def count(self) -> int:
        return self.rows if self.text else len(self.figures)


class Stopped(BaseException):
    """The run was stopped by signal ``signum`` (a BaseException, as
    KeyboardInterrupt is: no ``except Exception`` swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise ``Stopped`` in the main
    thread, as SIGINT raises KeyboardInterrupt: the same clean-up runs for all
    three (workers stopped, temporary files removed)."""
    def stop(signum, frame):
        for s in previous:        # the clean-up is not cut short by a second signal
            signal.signal(s, signal.SIG_IGN)
        raise KeyboardInterrupt if signum == signal.SIGINT else Stopped(signum)

    if threading.current_thread() is not threading.main_thread():
        yield                     # only the main thread may set handlers; signals reach only it
        return
    # (a signal ignored when the run began stays ignored: nohup, a background job)
    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, *STOP_SIGNALS)
                if signal.getsignal(s) not in (signal.SIG_IGN, None)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def as_input(item: Input | str) -> Input:
    if isinstance(item, Input):
        return item
    return Input(item, "<stdin>" if item == STDIN else os.path.basename(item))


def stream_one(item: Input | str, options: Options = Options(), county_from_path: bool = False,
               keep_document: bool = False, source: Source | None = None) -> Iterator[Result]:
    """The results of one input: one per piece of its text; with
    ``keep_document`` the last one carries the document read (then read
    whole, however long). ``source`` is its row in a sources manifest, if any."""
    item = as_input(item)
    path = item.path
    if item.error:
        yield Result(path, error=f"{path}: {item.error}")
        return
    try:
        doc = read_input(path, item.source, whole=keep_document)
    except InputError as e:
        yield Result(path, error=str(e))
        return
    if isinstance(doc, LongText):
        doc.facts = facts = apply(doc.facts, source)
    else:
        doc = facts = apply(doc, source)
    if county_from_path and not options.county and not facts.county:
        options = replace(options, county=county_in_path(path))
    if isinstance(doc, LongText):
        from .stream import iter_long_figures

        pieces = iter_long_figures(doc, options)
    else:
        pieces = iter_figures(doc, options)
    kept = doc if keep_document else None
    previous, said = None, ()
    try:
        while True:
            piece, heard = _next_recording_warnings(pieces)
            if piece is None:
                break
            if previous is not None:
                yield Result(path, tuple(previous), done=False, warnings=said)
            previous, said = piece, heard
    except InputError as e:       # a long input found undecodable on the way
        yield Result(path, tuple(previous or ()), error=str(e), warnings=said)
        return
    except Exception as e:     # a bug must not cost the other files their rows
        yield Result(path, tuple(previous or ()), warnings=said, document=kept,
                     error=f"{path}: internal error ({type(e).__name__}: {' '.join(str(e).split())}); "
                           "please report it with this file")
        return
    finally:
        if isinstance(doc, LongText):
            doc.close()
    yield Result(path, tuple(previous or ()), warnings=said, document=kept)


def _next_recording_warnings(pieces: Iterator[list[Figure]]) -> tuple[list[Figure] | None, tuple[str, ...]]:
    """The next piece, and the messages of the warnings computing it gave.
    (Recorded only while the piece is computed, not while the caller writes it.)"""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CountyFiguresWarning)
        piece = next(pieces, None)
    ours = tuple(str(w.message) for w in caught if issubclass(w.category, CountyFiguresWarning))
    for w in caught:          # anyone else's warnings go on as they would have
        if not issubclass(w.category, CountyFiguresWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return piece, ours


def county_in_path(path: str) -> str:
    """The county named by a file or folder name (竹溪县/2023年报告.txt,
    房县_2023.txt), nearest the file first; '' if none."""
    from .gazetteer import gazetteer

    if path == STDIN:
        return ""
    parts = os.path.normpath(os.path.abspath(path)).split(os.sep)
    for part in reversed(parts):
        for m in gazetteer().find(os.path.splitext(part)[0], short_names=True):
            county = [p for p in m.places if p.level == "county"]
            if county:
                return county[0].name
    return ""


def process(paths: list[Input | str], options: Options = Options(), *, jobs: int = 1,
            county_from_path: bool = False, render=None, keep_document: bool = False,
            sources: dict[str, Source] | None = None) -> Iterator[Result]:
    """Results in the order of ``paths``; with ``jobs`` > 1 files are read on
    that many processes and the order (and so the output) stays the same.
    ``render`` (see ``writer.renderer``) lets workers return the rows as text,
    which spares the main process most of its work. ``keep_document``: each
    input's last result carries the document as read (for the review page).
    ``sources`` gives inputs (by path) their rows of a sources manifest
    (``sources.match``)."""
    items = [as_input(p) for p in paths]
    sources = sources or {}
    if jobs <= 1 or len(items) <= 1 or any(i.path == STDIN for i in items):
        for item in items:
            yield from stream_one(item, options, county_from_path, keep_document, sources.get(item.path))
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from functools import partial

    work = partial(_whole_files, options=options, county_from_path=county_from_path, render=render,
                   keep_document=keep_document)
    forking = os.name != "nt"
    if forking:
        _warm_up()    # loaded once here, the workers inherit the dictionaries
        # Objects loaded so far live as long as the process: keep the
        # collector off them, so workers do not copy their pages by touching
        # them (copy-on-write) on every collection.
        gc.freeze()
    ctx = multiprocessing.get_context("fork" if forking else "spawn")
    workers = min(jobs, len(items))
    # A few files per task: less traffic between processes. Tasks are handed
    # out as workers free up, at most WINDOW per worker ahead of the one being
    # written, so memory does not grow with the number of files.
    # (multiprocessing.Pool was dropped: its worker-handler thread wakes for
    # every result waiting in the pipe and took a quarter of a core.)
    size = max(1, min(8, len(items) // (workers * 8)))
    chunks = ([(i, sources.get(i.path)) for i in items[k:k + size]] for k in range(0, len(items), size))
    pending: deque = deque()
    pool = ProcessPoolExecutor(workers, mp_context=ctx,
                               initializer=_worker_start, initargs=(not forking,))
    try:
        for chunk in chunks:
            try:
                pending.append((chunk, pool.submit(work, chunk)))
            except BrokenProcessPool:        # the workers died: _collect reads it here
                pending.append((chunk, None))
            if len(pending) >= WINDOW * workers:
                yield from _collect(*pending.popleft(), options, county_from_path, render, keep_document)
        while pending:
            yield from _collect(*pending.popleft(), options, county_from_path, render, keep_document)
    except BaseException:      # stopped (a signal, Ctrl-C, the output closed): workers first
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


WINDOW = 4     # tasks in flight per worker


def _stop_workers(pool) -> None:
    """End the pool's worker processes now, rather than wait for their tasks."""
    if hasattr(pool, "terminate_workers"):       # Python 3.14
        pool.terminate_workers()
        return
    # (before shutdown(), which forgets them)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _worker_start(warm_up: bool) -> None:
    """A worker leaves signals to the main process, which stops it: Ctrl-C in
    a terminal reaches every process of the group, and a handler inherited
    through fork would turn SIGTERM into an exception inside a task."""
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    for s in STOP_SIGNALS:
        signal.signal(s, signal.SIG_DFL)
    if warm_up:
        _warm_up()


def _collect(chunk: list[tuple[Input, Source | None]], future, options: Options, county_from_path: bool,
             render, keep_document: bool = False) -> Iterator[Result]:
    """The results of a task, in order; large files a worker deferred are
    streamed here. If the workers died (killed for memory, say), the task's
    files are read in this process instead, so no file is lost."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        if future is None:
            raise BrokenProcessPool
        results = future.result()
    except BrokenProcessPool:
        results = _whole_files(chunk, options, county_from_path, render, keep_document)
    for result, (item, source) in zip(results, chunk):
        if result.deferred:
            yield from stream_one(item, options, county_from_path, keep_document, source)
        else:
            yield result


def _whole_files(chunk: list[tuple[Input, Source | None]], options: Options, county_from_path: bool,
                 render=None, keep_document: bool = False) -> list[Result]:
    return [_whole_file(i, options, county_from_path, render, keep_document, source) for i, source in chunk]


def _whole_file(item: Input, options: Options, county_from_path: bool, render=None,
                keep_document: bool = False, source: Source | None = None) -> Result:
    if _streamed(item.path):
        return Result(item.path, deferred=True)
    results = list(stream_one(item, options, county_from_path, keep_document, source))
    figures = tuple(f for r in results for f in r.figures)
    error = results[-1].error
    said = tuple(w for r in results for w in r.warnings)
    if render is not None and figures and not error:
        return Result(item.path, text=render(figures), rows=len(figures), warnings=said)
    return Result(item.path, figures, error=error, warnings=said, document=results[-1].document)


def _streamed(path: str) -> bool:
    """Read in the main process, piece by piece (rather than sent whole to and
    from a worker, so memory stays bounded): a file larger than
    ``reader.LARGE_BYTES``, or a pipe or device (its length is unknown until
    it is read)."""
    try:
        st = os.stat(path)
    except OSError:
        return False           # stream_one reports it
    return not stat.S_ISDIR(st.st_mode) and (not stat.S_ISREG(st.st_mode) or st.st_size > reader.LARGE_BYTES)


def _warm_up() -> None:
    """Load the rules and dictionaries once per worker, before its first file."""
    from . import wordlist
    from .pipeline import extract_text

    extract_text("房县新建学校3所。")
    wordlist.load()     # not every text needs jieba; loaded in the parent, all workers share it
