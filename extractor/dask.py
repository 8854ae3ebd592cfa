"""county-figures on a Dask cluster (optional extra: ``pip install 'county-figures[dask]'``).

    from dask.distributed import Client
    from extractor.dask import extract_paths
    Client("tcp://scheduler:8786"); extract_paths(paths).to_parquet("figures/")

Each task reads and extracts one input; rows come back as a Dask DataFrame
with the CSV's columns, in the order of the inputs. Values are kept as exact
decimal text (as in the CSV) in string columns, offsets as integers, so the
frame writes to Parquet or CSV as it is.
"""
from __future__ import annotations

from typing import Iterable

import dask.bag as db
import dask.dataframe as dd
import pandas as pd

from .models import COLUMNS
from .pipeline import Options, extract_document
from .reader import iter_inputs, read_document
from .writer import row

_INT_COLUMNS = ("start", "end")


def meta() -> pd.DataFrame:
    """The empty frame that describes the rows' columns and dtypes. (Text
    columns are ``string``: with ``object`` Dask cannot tell Parquet their type.)"""
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in _INT_COLUMNS else "string") for c in COLUMNS})


def extract_paths(paths: Iterable[str], county: str = "", partitions: int | None = None,
                  sources: str | None = None) -> dd.DataFrame:
    """Rows of every file in ``paths`` (files or folders, walked as by the CLI).

    ``sources`` is a sources manifest for the files (see ``sources.py``), read
    here on the client: its problems are ``SourcesWarning``s. A file that
    cannot be read gives no rows (the CLI reports it; here check inputs
    beforehand if that matters). ``source`` is the file's path relative to
    the path it was found in, as in the CLI."""
    files = list(iter_inputs(list(paths)))
    found = {}
    if sources is not None:
        from .sources import load_warning

        found = load_warning(sources, [f.path for f in files])
    tasks = [(f, found.get(f.path)) for f in files]
    bag = db.from_sequence(tasks, npartitions=partitions or max(1, min(len(files), 64)))
    return _to_frame(bag.map(_rows_of_path, county=county))


def extract_texts(texts: db.Bag, county: str = "") -> dd.DataFrame:
    """Rows of a bag of article texts (``source`` is ``text-<n>`` within its partition)."""
    return _to_frame(texts.map_partitions(_rows_of_texts, county=county))


def _to_frame(bag_of_row_lists: db.Bag) -> dd.DataFrame:
    return bag_of_row_lists.flatten().to_dataframe(meta=meta())


def _rows_of_path(task: tuple, county: str = "") -> list[dict]:
    from .reader import InputError
    from .sources import apply

    item, source = task
    if item.error:
        return []
    try:
        doc = apply(read_document(item.path, item.source), source)
    except InputError:
        return []
    return [row(f) for f in extract_document(doc, Options(county=county))]


def _rows_of_texts(texts: Iterable[str], county: str = "") -> list[list[dict]]:
    from .models import Document
    from .reader import is_html

    out = []
    for n, text in enumerate(texts):
        source = f"text-{n}"
        doc = Document(source, text, is_html(source, text))
        out.append([row(f) for f in extract_document(doc, Options(county=county))])
    return out
