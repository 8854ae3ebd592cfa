"""Run the pipeline over many inputs: in order, optionally on several
processes, one result per input (its figures, or why it could not be read)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator

from .models import Figure
from .pipeline import Options, extract_document
from .reader import InputError, STDIN, read_document


@dataclass(frozen=True)
class Result:
    path: str
    figures: tuple[Figure, ...] = ()
    error: str = ""          # one line, when the input could not be read


def process_one(path: str, options: Options = Options(), county_from_path: bool = False) -> Result:
    try:
        doc = read_document(path)
    except InputError as e:
        return Result(path, error=str(e))
    if county_from_path and not options.county:
        options = Options(county=county_in_path(path))
    return Result(path, tuple(extract_document(doc, options)))


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
            county_from_path: bool = False) -> Iterator[Result]:
    """Results in the order of ``paths``; with ``jobs`` > 1 files are read on
    that many processes and the order (and so the output) stays the same."""
    if jobs <= 1 or len(paths) <= 1 or STDIN in paths:
        for path in paths:
            yield process_one(path, options, county_from_path)
        return
    import multiprocessing
    from functools import partial

    work = partial(process_one, options=options, county_from_path=county_from_path)
    ctx = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    with ctx.Pool(min(jobs, len(paths)), initializer=_warm_up) as pool:
        yield from pool.imap(work, paths, chunksize=1)


def _warm_up() -> None:
    """Load the rules and dictionaries once per worker, before its first file."""
    from .pipeline import extract_text

    extract_text("房县新建学校3所。")
