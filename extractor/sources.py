"""A sources manifest: the list an analyst keeps of what was crawled.

A CSV or TSV file with a header row and one row per input::

    file        url                                   county   date        title
    d21.txt     http://www.liulin.gov.cn/...shtml              2024-09-09
    a/p1.html                                         房县

``file`` (required) is the input's name, or its path relative to the
manifest's folder; any of ``url`` (the address it was crawled from),
``county`` (the county it is about), ``date`` (its publication date) and
``title`` may follow; other columns are ignored. A ``county`` cell naming
several counties (``康平县;法库县``) gives the first as the document's main
county: the others are still found where the text names them.

What the manifest says about an input wins over what the page says about
itself (``metadata.py``); ``--county`` wins over the manifest's county.
Problems (a row naming no input, an input with no row, a bad date, a file
listed twice) are reported one line each and the run goes on.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, replace
from typing import Iterable

from .models import Document

COLUMNS = ("file", "url", "county", "date", "title")
_SEPARATORS = ";；,，、|"       # between several counties in one cell


class SourcesError(Exception):
    """A manifest that cannot be used at all; ``str()`` is one line."""


class SourcesWarning(UserWarning):
    """A problem with a manifest that the run goes on despite (the library's
    way of saying what the command line prints on stderr)."""


@dataclass(frozen=True)
class Source:
    """What the manifest says about one input."""
    file: str
    url: str = ""
    county: str = ""
    published: str = ""      # ISO date
    title: str = ""


@dataclass(frozen=True)
class Manifest:
    path: str
    rows: tuple[tuple[int, Source], ...]     # (line number, row)
    problems: tuple[str, ...] = ()           # found while reading (bad dates, repeated files)


def read_manifest(path: str) -> Manifest:
    """Read a manifest (CSV or TSV, from the extension or else the header line)."""
    from .metadata import parse_date
    from .reader import InputError, decode

    try:
        with open(path, "rb") as f:
            text = decode(f.read(), path)
    except OSError as e:
        raise SourcesError(f"{path}: {e.strerror or e}") from None
    except InputError as e:
        raise SourcesError(str(e)) from None
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].strip():
        raise SourcesError(f"{path}: empty manifest (a header row with a 'file' column is required)")
    delimiter = _delimiter(path, lines[0])
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    if "file" not in header:
        raise SourcesError(f"{path}: no 'file' column in the header "
                           f"(found: {', '.join(h for h in header if h) or 'nothing'})")
    at = {name: header.index(name) for name in COLUMNS if name in header}
    rows, problems, first_line = [], [], {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        cell = {name: (cells[i].strip() if i < len(cells) else "") for name, i in at.items()}
        date = cell.get("date", "")
        published = parse_date(date) if date else ""
        if date and not published:
            problems.append(f"{path}:{line}: bad date {date!r} (expected a date such as 2023-02-11); ignored")
        name = cell["file"]
        if name in first_line:
            problems.append(f"{path}:{line}: {name} is listed again (first on line {first_line[name]}); "
                            "this row is ignored")
            continue
        first_line[name] = line
        rows.append((line, Source(name, cell.get("url", ""), _first_county(cell.get("county", "")),
                                  published, cell.get("title", ""))))
    return Manifest(path, tuple(rows), tuple(problems))


def match(manifest: Manifest, paths: Iterable[str]) -> tuple[dict[str, Source], list[str]]:
    """{input path: its row} and the problems: rows naming no input, inputs
    with no row. A row's ``file`` with a folder in it is a path relative to the
    manifest; a bare name matches every input of that name."""
    from .reader import STDIN

    folder = os.path.dirname(os.path.abspath(manifest.path))
    by_path, by_name = {}, {}
    for line, source in manifest.rows:
        if not source.file:
            continue
        if _has_folder(source.file):
            by_path.setdefault(os.path.normpath(os.path.join(folder, source.file)), (line, source))
        else:
            by_name.setdefault(source.file, (line, source))
    found: dict[str, Source] = {}
    used: set[int] = set()
    problems = []
    for p in paths:
        if p == STDIN:
            continue
        hit = by_path.get(os.path.normpath(os.path.abspath(p))) or by_name.get(os.path.basename(p))
        if hit is None:
            problems.append(f"{p}: no row in {manifest.path}")
            continue
        used.add(hit[0])
        found[p] = hit[1]
    for line, source in manifest.rows:
        if line not in used:
            problems.append(f"{manifest.path}:{line}: {source.file or '(empty file cell)'} names no input")
    return found, list(manifest.problems) + problems


def apply(doc: Document, source: Source | None) -> Document:
    """``doc`` with what the manifest says about it."""
    if source is None:
        return doc
    return replace(doc, url=source.url or doc.url, published=source.published or doc.published,
                   county=source.county or doc.county, title=source.title or doc.title)


def load(path: str, paths: list[str]) -> tuple[dict[str, Source], list[str]]:
    """Read the manifest at ``path`` and match it to ``paths``: {path: row}, problems."""
    manifest = read_manifest(path)
    return match(manifest, paths)


def load_warning(path, paths: list[str]) -> dict[str, Source]:
    """``load`` for the library front ends: each problem is a ``SourcesWarning``."""
    import warnings

    found, problems = load(os.fspath(path), paths)
    for problem in problems:
        warnings.warn(problem, SourcesWarning, stacklevel=3)
    return found


def _delimiter(path: str, header: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in (".tsv", ".tab"):
        return "\t"
    if ext == ".csv":
        return ","
    return "\t" if "\t" in header else ","


def _has_folder(name: str) -> bool:
    return "/" in name or os.sep in name


def _first_county(cell: str) -> str:
    for sep in _SEPARATORS:
        cell = cell.replace(sep, ";")
    return next((c.strip() for c in cell.split(";") if c.strip()), "")
