"""Run the pipeline over many inputs: in order, optionally on several
processes; for each input its figures (in pieces for a long one) or why it
could not be read."""
from __future__ import annotations

import gc
import os
import warnings
from dataclasses import dataclass, replace
from typing import Iterator

from .models import Document, Figure
from .pipeline import Options, iter_figures
from .reader import InputError, STDIN, read_document
from .sources import Source, apply
from .tables import TableWarning

# Files larger than this are streamed piece by piece in the main process rather
# than sent whole to and from a worker, so memory stays bounded.
LARGE_FILE_BYTES = 8 * 1024 * 1024


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
    warnings: tuple[str, ...] = ()     # what was left out of this piece and why (a table row), one line each

    @property
    def count(self) -> int:
        return self.rows if self.text else len(self.figures)


def stream_one(path: str, options: Options = Options(), county_from_path: bool = False,
               keep_document: bool = False, source: Source | None = None) -> Iterator[Result]:
    """The results of one input: one per piece of its text; with
    ``keep_document`` the last one carries the document read. ``source`` is
    its row in a sources manifest, if any."""
    try:
        doc = apply(read_document(path), source)
    except InputError as e:
        yield Result(path, error=str(e))
        return
    if county_from_path and not options.county and not doc.county:
        options = replace(options, county=county_in_path(path))
    previous, told = None, ()
    try:
        for piece, noted in _pieces(doc, options):
            if previous is not None:
                yield Result(path, tuple(previous), done=False, warnings=told)
            previous, told = piece, noted
    except Exception as e:     # a bug must not cost the other files their rows
        yield Result(path, tuple(previous or ()), error=f"{path}: internal error ({type(e).__name__}: {e}); "
                                                         "please report it with this file",
                     document=doc if keep_document else None, warnings=told)
        return
    yield Result(path, tuple(previous or ()), document=doc if keep_document else None, warnings=told)


def _pieces(doc: Document, options: Options) -> Iterator[tuple[list[Figure], tuple[str, ...]]]:
    """The pieces of ``iter_figures``, each with the TableWarnings it raised
    (carried in the Result, so that workers' warnings reach the main
    process); other warnings go on as they came."""
    pieces = iter_figures(doc, options)
    while True:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TableWarning)
            piece = next(pieces, None)
        for w in caught:
            if not issubclass(w.category, TableWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        if piece is None:
            return
        yield piece, tuple(str(w.message) for w in caught if issubclass(w.category, TableWarning))


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


def process(paths: list[str], options: Options = Options(), *, jobs: int = 1,
            county_from_path: bool = False, render=None, keep_document: bool = False,
            sources: dict[str, Source] | None = None) -> Iterator[Result]:
    """Results in the order of ``paths``; with ``jobs`` > 1 files are read on
    that many processes and the order (and so the output) stays the same.
    ``render`` (see ``writer.renderer``) lets workers return the rows as text,
    which spares the main process most of its work. ``keep_document``: each
    input's last result carries the document as read (for the review page).
    ``sources`` gives inputs their rows of a sources manifest (``sources.match``)."""
    sources = sources or {}
    if jobs <= 1 or len(paths) <= 1 or STDIN in paths:
        for path in paths:
            yield from stream_one(path, options, county_from_path, keep_document, sources.get(path))
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
    workers = min(jobs, len(paths))
    # A few files per task: less traffic between processes. Tasks are handed
    # out as workers free up, at most WINDOW per worker ahead of the one being
    # written, so memory does not grow with the number of files.
    # (multiprocessing.Pool was dropped: its worker-handler thread wakes for
    # every result waiting in the pipe and took a quarter of a core.)
    size = max(1, min(8, len(paths) // (workers * 8)))
    chunks = ([(p, sources.get(p)) for p in paths[k:k + size]] for k in range(0, len(paths), size))
    pending: deque = deque()
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=None if forking else _warm_up) as pool:
        for chunk in chunks:
            try:
                pending.append((chunk, pool.submit(work, chunk)))
            except BrokenProcessPool:        # the workers died: _collect reads it here
                pending.append((chunk, None))
            if len(pending) >= WINDOW * workers:
                yield from _collect(*pending.popleft(), options, county_from_path, render, keep_document)
        while pending:
            yield from _collect(*pending.popleft(), options, county_from_path, render, keep_document)


WINDOW = 4     # tasks in flight per worker


def _collect(chunk: list[tuple[str, Source | None]], future, options: Options, county_from_path: bool,
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
    for result, (_, source) in zip(results, chunk):
        if result.deferred:
            yield from stream_one(result.path, options, county_from_path, keep_document, source)
        else:
            yield result


def _whole_files(chunk: list[tuple[str, Source | None]], options: Options, county_from_path: bool,
                 render=None, keep_document: bool = False) -> list[Result]:
    return [_whole_file(p, options, county_from_path, render, keep_document, source) for p, source in chunk]


def _whole_file(path: str, options: Options, county_from_path: bool, render=None,
                keep_document: bool = False, source: Source | None = None) -> Result:
    try:
        if os.path.getsize(path) > LARGE_FILE_BYTES:
            return Result(path, deferred=True)
    except OSError:
        pass                   # read_document reports it
    results = list(stream_one(path, options, county_from_path, keep_document, source))
    figures = tuple(f for r in results for f in r.figures)
    error = results[-1].error
    told = tuple(w for r in results for w in r.warnings)
    if render is not None and figures and not error:
        return Result(path, text=render(figures), rows=len(figures), warnings=told)
    return Result(path, figures, error=error, document=results[-1].document, warnings=told)


def _warm_up() -> None:
    """Load the rules and dictionaries once per worker, before its first file."""
    from . import wordlist
    from .pipeline import extract_text

    extract_text("房县新建学校3所。")
    wordlist.load()     # not every text needs jieba; loaded in the parent, all workers share it
