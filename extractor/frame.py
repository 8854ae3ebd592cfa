"""Figures as a pandas DataFrame, for notebooks and data pipelines.

    >>> from extractor.frame import extract_frame
    >>> df = extract_frame(["articles/", "房县2023年地区生产总值达93.4亿元。"])

The columns are exactly the CSV's (``models.COLUMNS``), in order. ``value``,
``value_max`` and ``std_value`` are object columns of ``decimal.Decimal`` (None
where empty), not float64: a float turns 93.4 into 93.400000000000006 and sums
of them drift, while the extractor promises the number exactly as written. Use
``df["value"].astype(float)`` when speed matters more than exactness.
``start``/``end`` are ``Int64``; every other column is ``string``.

This is the only module that imports pandas, so the CLI never pays for it.
"""
from __future__ import annotations

import os
import re
from typing import Iterable, Iterator

import pandas as pd

from .models import Document
from .pipeline import Options, extract_document
from .reader import SUFFIXES, Input, InputError, iter_inputs, read_document
from .writer import DECIMAL_COLUMNS, INT_COLUMNS, columns

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def extract_frame(paths_or_texts: Iterable[str | os.PathLike] | str | os.PathLike,
                  county: str = "", sources: str | os.PathLike | None = None,
                  explain: bool = False) -> pd.DataFrame:
    """One row per figure of the given inputs.

    Each item is a path (a file, or a folder walked like the CLI does) or an
    article's text: a str that is not an existing path and holds a newline or a
    Chinese character, named ``text-<i>`` after its position ``i``. ``county``
    is the county every input is about, when the texts may not say. ``sources``
    is a sources manifest for the files (see ``sources.py``; its problems are
    ``SourcesWarning``s, a manifest that cannot be read raises
    ``sources.SourcesError``). ``explain`` adds the column ``rules``, the ids
    of the rules that decided each row. An input that cannot be read raises
    ``reader.InputError``.
    """
    if isinstance(paths_or_texts, (str, os.PathLike)):
        paths_or_texts = [paths_or_texts]      # one path or text, not an iterable of characters
    items = [(i, item if _is_text(item) else list(iter_inputs([os.fspath(item)])))
             for i, item in enumerate(paths_or_texts)]
    found = {}
    if sources is not None:
        from .sources import load_warning

        found = load_warning(sources, [p.path for _, x in items if isinstance(x, list) for p in x])
    options = Options(county=county)
    figures = [f for doc in _documents(items, found) for f in extract_document(doc, options)]
    return pd.DataFrame({
        c: pd.Series([getattr(f, c) for f in figures],
                     dtype=object if c in DECIMAL_COLUMNS else "Int64" if c in INT_COLUMNS else "string")
        for c in columns(explain)})


def _documents(items: list[tuple[int, str | list[Input]]], sources: dict) -> Iterator[Document]:
    from .sources import apply

    for i, item in items:
        if isinstance(item, str):
            yield Document(f"text-{i}", item)
        else:
            for found in item:
                if found.error:
                    raise InputError(found.path, found.error)
                yield apply(read_document(found.path, found.source), sources.get(found.path))


def _is_text(item: str | os.PathLike) -> bool:
    if not isinstance(item, str) or os.path.exists(item):
        return False
    if "\n" in item:
        return True
    # A one-line Chinese file name that does not exist is a mistyped path: reading
    # it as a text would silently give no rows instead of an error.
    return bool(_CJK.search(item)) and not item.lower().endswith(SUFFIXES)
