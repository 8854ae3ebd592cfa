"""From figures to a county panel: one row per area and year, one column per
standard indicator and measure.

    county-figures panel figures.csv -o panel.xlsx

    >>> from extractor.panel import extract_panel
    >>> p = extract_panel(extract_frame(["articles/"]))
    >>> p.table          # province, prefecture, county, adcode, year, 地区生产总值 (元), ...
    >>> p.conflicts      # every key with several different values, with their mentions

The input is the output of ``extract`` in any of its formats (CSV, JSON Lines,
XLSX, Parquet; read in chunks) or a DataFrame. Only figures with a standard
indicator (``indicator_std``) and a year go in; the year is the input's
``year`` column when it has one, else the period when that names one whole
year (rules: ``patterns/panel.yaml``). Values are the standard ones
(``std_value``, in the ``std_unit`` written in the column name); a change
written as a fall (下降6.5%) is negative. Where one cell has several different
values, the panel takes the one from the most specific source: a table cell,
then a sentence that names the indicator exactly (地区生产总值 rather than
GDP), then a value without a qualifier (约, 超过); among equals the most
frequent, then the first. Every such cell is listed in ``conflicts``.
"""
from __future__ import annotations

import csv
import io
import json
import numbers
import os
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Iterable, Iterator

import pandas as pd

from . import rules, standard
from .models import Figure
from .writer import WriterError, decimal_text, neutralise, parquet_decimal

KEY = ("province", "prefecture", "county", "adcode", "year")
INPUT_FORMATS = ("csv", "jsonl", "xlsx", "parquet")
OUTPUT_FORMATS = ("csv", "xlsx", "parquet")
REQUIRED = ("county", "indicator", "unit", "std_value", "std_unit", "status", "period")
CHUNK_ROWS = 20_000
CONFLICT_COLUMNS = (*KEY, "column", "value", "chosen", "source_kind", "indicator", "mention",
                    "source", "start", "period", "sentence")
_SOURCE_KINDS = ("table cell", "exact name", "other phrase")
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx",
               ".parquet": "parquet", ".pq": "parquet"}
_PLAIN_NUMBER = re.compile(r"^[\s+\-−]*[\d.,，．０-９]+\s*$")


class PanelError(Exception):
    """Input that cannot be made into a panel; ``str()`` is one line."""


@dataclass
class Panel:
    table: pd.DataFrame          # one row per KEY, one column per indicator, measure and unit
    conflicts: pd.DataFrame      # CONFLICT_COLUMNS: every value of every cell with several
    counts: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        """One line saying what went in and what was left out, and why."""
        c = self.counts
        left = [f"{c[k]} {label}" for k, label in (
            ("other_status", "of another status"), ("no_indicator_std", "without indicator_std"),
            ("no_year", "without a year"), ("not_one_year", "for part of a year or several years"),
            ("no_county", "without county"), ("outside_china", "of areas outside China"),
            ("no_value", "without std_value"), ("range", "ranges"))
            if c[k]]
        cells = int(self.table.iloc[:, len(KEY):].notna().sum().sum()) if len(self.table) else 0
        return (f"panel: {c['read']} rows read, {c['used']} used: {len(self.table)} area-years, "
                f"{self.table.shape[1] - len(KEY)} columns, {cells} cells, "
                f"{self.conflicted_cells()} with conflicting values; left out: {', '.join(left) or 'none'}")

    def conflicted_cells(self) -> int:
        return self.conflicts.groupby([*KEY, "column"], dropna=False).ngroups if len(self.conflicts) else 0


# ---------------------------------------------------------------- reading
def input_format(path: str, override: str | None = None) -> str:
    if override:
        return override
    if path == "-":
        return "csv"
    fmt = _EXTENSIONS.get(os.path.splitext(path)[1].lower())
    if fmt is None:
        raise PanelError(f"{path}: unknown input format; use --input-format (one of {', '.join(INPUT_FORMATS)})")
    return fmt


def read_chunks(path: str, fmt: str | None = None, chunk_rows: int = CHUNK_ROWS) -> Iterator[list[dict]]:
    """The rows of an ``extract`` output, a list of dicts at a time. ``-`` is stdin."""
    fmt = input_format(path, fmt)
    try:
        if fmt == "csv":
            yield from _csv_chunks(path, chunk_rows)
        elif fmt == "jsonl":
            yield from _jsonl_chunks(path, chunk_rows)
        elif fmt == "xlsx":
            yield from _xlsx_chunks(path, chunk_rows)
        else:
            yield from _parquet_chunks(path, chunk_rows)
    except PanelError:
        raise
    except (OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile, _InvalidXlsx) as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise PanelError(f"{path}: cannot be read as {fmt} ({reason})") from None


class _InvalidXlsx(Exception):
    """openpyxl's InvalidFileException, imported only when XLSX is read."""


def _batched(rows: Iterable[dict], n: int) -> Iterator[list[dict]]:
    batch = []
    for r in rows:
        batch.append(r)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _csv_chunks(path: str, n: int) -> Iterator[list[dict]]:
    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="") if path == "-" \
        else open(path, encoding="utf-8-sig", newline="")
    with stream:
        yield from _batched(csv.DictReader(stream), n)


def _jsonl_chunks(path: str, n: int) -> Iterator[list[dict]]:
    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig") if path == "-" \
        else open(path, encoding="utf-8-sig")
    with stream:
        yield from _batched((json.loads(line) for line in stream if line.strip()), n)


def _xlsx_chunks(path: str, n: int) -> Iterator[list[dict]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except InvalidFileException as e:
        raise _InvalidXlsx(str(e)) from None
    try:
        sheet = book["figures"] if "figures" in book.sheetnames else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(c) if c is not None else "" for c in next(rows, ())]
        yield from _batched((dict(zip(header, r)) for r in rows), n)
    finally:
        book.close()


def _parquet_chunks(path: str, n: int) -> Iterator[list[dict]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise PanelError("Parquet input needs pyarrow: pip install 'county-figures[parquet]'") from None
    for batch in pq.ParquetFile(path).iter_batches(batch_size=n):
        yield batch.to_pylist()


def frame_chunks(frame: pd.DataFrame, chunk_rows: int = CHUNK_ROWS) -> Iterator[list[dict]]:
    for start in range(0, len(frame), chunk_rows):
        yield frame.iloc[start:start + chunk_rows].to_dict("records")


# ---------------------------------------------------------------- building
@dataclass(frozen=True)
class _Candidate:
    value: Decimal
    kind: int            # index in _SOURCE_KINDS: lower is more specific
    qualified: bool      # 约, 超过...: less exact than a plain value
    order: int           # position in the input
    row: dict


@dataclass(frozen=True)
class _Rules:
    year: re.Pattern
    not_one_year: tuple


@rules.compiled
def _rules() -> _Rules:
    cfg = rules.load("panel")
    return _Rules(re.compile(cfg["year"]), tuple(cfg["not_one_year"]))


def year_of(period: str, year: str = "") -> tuple[int | None, str]:
    """The calendar year of a figure and, when there is none, why: 'no_year'
    or 'not_one_year'. ``year`` is the input's year column, if it has one."""
    r = _rules()
    period = period.strip()
    if period and any(w in period for w in r.not_one_year):
        return None, "not_one_year"
    if year:
        try:
            return int(Decimal(year)), ""
        except (InvalidOperation, ValueError):
            return None, "no_year"
    m = r.year.fullmatch(period)
    return (int(m.group(1)), "") if m else (None, "no_year")


def build_panel(chunks: Iterable[list[dict]], status: str = "actual") -> Panel:
    """The panel of the figures in ``chunks`` (lists of row dicts, as read by
    ``read_chunks`` or ``frame_chunks``) whose status is ``status``."""
    counts: Counter = Counter()
    cells: dict[tuple, dict[str, list[_Candidate]]] = {}
    columns: dict[str, tuple] = {}
    order = 0
    checked = False
    for chunk in chunks:
        if not chunk:
            continue
        if not checked:
            missing = [c for c in REQUIRED if c not in chunk[0]]
            if missing:
                raise PanelError(f"not a county-figures output: missing columns {', '.join(missing)}")
            checked = True
        if "indicator_std" not in chunk[0] or "adcode" not in chunk[0]:
            _annotate_rows(chunk)
        for row in chunk:
            counts["read"] += 1
            placed = _place(row, status, counts)
            if placed is None:
                continue
            key, column, reading, candidate = placed
            candidate = _Candidate(candidate.value, candidate.kind, candidate.qualified, order, row)
            order += 1
            cells.setdefault(key, {}).setdefault(column, []).append(candidate)
            if column not in columns:
                columns[column] = _column_order(*reading)
            counts["used"] += 1
    return _assemble(cells, columns, counts)


def extract_panel(frame: pd.DataFrame, status: str = "actual") -> Panel:
    """The panel of a DataFrame of figures (``extract_frame``'s, or a CSV read with pandas)."""
    return build_panel(frame_chunks(frame), status=status)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:        # NaN from pandas
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


def _decimal(value) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    text = _text(value).replace(",", "").strip()
    if not text:
        return None
    try:
        return Decimal(repr(value) if isinstance(value, float) else text)
    except InvalidOperation:
        return None


def _place(row: dict, status: str, counts: Counter):
    """Where a row goes: (key, column, (indicator_std, measure, std_unit),
    candidate), or None with the reason counted."""
    if _text(row.get("status")) != status:
        counts["other_status"] += 1
        return None
    std = _text(row.get("indicator_std"))
    if not std:
        counts["no_indicator_std"] += 1
        return None
    year, why = year_of(_text(row.get("period")), _text(row.get("year")))
    if year is None:
        counts[why] += 1
        return None
    county = _text(row.get("county"))
    if not county:
        counts["no_county"] += 1
        return None
    if county in rules.load("counties")["foreign_countries"]:
        counts["outside_china"] += 1      # a page about another country (home_foreign_country)
        return None
    value = _decimal(row.get("std_value"))
    if value is None:
        counts["no_value"] += 1
        return None
    if _text(row.get("value_max")):
        counts["range"] += 1
        return None
    measure = _text(row.get("measure")) or "level"
    indicator, unit = _text(row.get("indicator")), _text(row.get("unit"))
    if measure == "change" and standard.falls(indicator, unit):
        value = -value
    std_unit = _text(row.get("std_unit"))
    column = std if measure == "level" else f"{std} {measure}"
    column += f" ({std_unit})" if std_unit else ""
    key = (_text(row.get("province")), _text(row.get("prefecture")), county, _text(row.get("adcode")), year)
    candidate = _Candidate(value, _source_kind(row, std), bool(_text(row.get("qualifier"))), 0, row)
    return key, column, (std, measure, std_unit), candidate


def _source_kind(row: dict, std: str) -> int:
    """0 a table cell (the mention is a bare number, its unit stands in a
    header), 1 a phrase that holds the standard name, 2 any other phrase
    (an alias: GDP, 规上工业增加值)."""
    if _PLAIN_NUMBER.match(_text(row.get("mention"))) and _text(row.get("unit")):
        return 0
    return 1 if std in standard.clean(_text(row.get("indicator"))) else 2


def _column_order(std: str, measure: str, std_unit: str) -> tuple:
    names = list(standard.vocabulary().entries)
    position = names.index(std) if std in names else len(names)
    return (position, std, standard.MEASURES.index(measure) if measure in standard.MEASURES else 9, std_unit)


def _annotate_rows(chunk: list[dict]) -> None:
    """Fill indicator_std, measure and the area columns of rows written
    before those columns existed, document by document."""
    start = 0
    while start < len(chunk):
        end = start
        source = _text(chunk[start].get("source"))
        while end < len(chunk) and _text(chunk[end].get("source")) == source:
            end += 1
        figures = [Figure(_text(r.get("county")), _text(r.get("indicator")), Decimal(0), _text(r.get("unit")),
                          sentence=_text(r.get("sentence"))) for r in chunk[start:end]]
        standard.annotate(figures)
        for r, f in zip(chunk[start:end], figures):
            for column in ("indicator_std", "measure", "adcode", "province", "prefecture"):
                if not _text(r.get(column)):
                    r[column] = getattr(f, column)
        start = end


def _rank(c: _Candidate) -> tuple:
    # A table cell and a phrase holding the standard name are equally specific.
    return (c.kind == 2, c.qualified)


def _best(candidates: list[_Candidate]) -> _Candidate:
    top = min(map(_rank, candidates))
    best = [c for c in candidates if _rank(c) == top]
    frequency = Counter(c.value for c in best)
    return min(best, key=lambda c: (-frequency[c.value], c.order))


def _assemble(cells: dict, columns: dict, counts: Counter) -> Panel:
    names = sorted(columns, key=lambda c: columns[c])
    rows, conflicts = [], []
    for key in sorted(cells, key=lambda k: (k[0], k[1], k[2], k[3], k[4])):
        values = {}
        for column, candidates in cells[key].items():
            chosen = _best(candidates)
            values[column] = chosen.value
            if len({c.value for c in candidates}) > 1:
                conflicts += [_conflict_row(key, column, c, c is chosen) for c in candidates]
        rows.append([*key, *(values.get(c) for c in names)])
    table = pd.DataFrame(rows, columns=[*KEY, *names])
    for c in KEY:
        table[c] = table[c].astype("Int64" if c == "year" else "string")
    for c in names:
        table[c] = table[c].astype(object)
    conflict_frame = pd.DataFrame(conflicts, columns=list(CONFLICT_COLUMNS))
    return Panel(table, conflict_frame, counts)


def _conflict_row(key: tuple, column: str, c: _Candidate, chosen: bool) -> list:
    r = c.row
    start = _text(r.get("start"))
    return [*key, column, c.value, "yes" if chosen else "", _SOURCE_KINDS[c.kind],
            _text(r.get("indicator")), _text(r.get("mention")), _text(r.get("source")),
            int(start) if start.isdecimal() else None, _text(r.get("period")), _text(r.get("sentence"))]


# ---------------------------------------------------------------- writing
def output_format(path: str | None, override: str | None = None) -> str:
    if override:
        return override
    fmt = _EXTENSIONS.get(os.path.splitext(path or "")[1].lower(), "csv")
    if fmt not in OUTPUT_FORMATS:
        raise WriterError(f"a panel is written as {', '.join(OUTPUT_FORMATS)}, not {fmt}")
    return fmt


def write_panel(panel: Panel, out: IO[str] | str | os.PathLike, fmt: str = "csv") -> None:
    """The panel as CSV (a stream or a path), XLSX (a path; its second sheet
    holds the conflicts) or Parquet (a path)."""
    if fmt == "csv":
        write_table_csv(panel.table, out)
    elif fmt == "xlsx":
        if not isinstance(out, (str, os.PathLike)):
            raise WriterError("xlsx output needs -o FILE")
        _write_xlsx(out, [("panel", panel.table), ("conflicts", panel.conflicts)])
    elif fmt == "parquet":
        if not isinstance(out, (str, os.PathLike)):
            raise WriterError("parquet output needs -o FILE")
        _write_parquet(panel.table, out)
    else:
        raise WriterError(f"unknown format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")


def write_conflicts(panel: Panel, path: str | os.PathLike, fmt: str | None = None) -> None:
    """The conflicts alone, as ``fmt`` (default: from the path's extension, else CSV)."""
    fmt = fmt or output_format(os.fspath(path))
    if fmt == "xlsx":
        _write_xlsx(path, [("conflicts", panel.conflicts)])
    elif fmt == "parquet":
        _write_parquet(panel.conflicts, path)
    else:
        write_table_csv(panel.conflicts, path)


def _cell_text(value) -> str:
    if isinstance(value, Decimal):
        return decimal_text(value)
    return _text(value)


def write_table_csv(frame: pd.DataFrame, out: IO[str] | str | os.PathLike) -> None:
    owned = isinstance(out, (str, os.PathLike))
    stream = open(out, "w", encoding="utf-8", newline="") if owned else out
    try:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(frame.columns)
        for values in frame.itertuples(index=False, name=None):
            writer.writerow([_cell_text(v) for v in values])
    finally:
        if owned:
            stream.close()
        else:
            stream.flush()


def _write_xlsx(path, sheets: list[tuple[str, pd.DataFrame]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    for title, frame in sheets:
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        sheet.append([str(c) for c in frame.columns])
        for values in frame.itertuples(index=False, name=None):
            sheet.append([_xlsx_cell(v, ILLEGAL_CHARACTERS_RE) for v in values])
    with open(path, "wb") as f:          # opened here: a FIFO or device is written in place
        book.save(f)


def _xlsx_cell(value, illegal):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, numbers.Integral):        # Python and numpy integers (year, start)
        return int(value)
    text = _text(value)
    return neutralise(illegal.sub("\ufffd", text))[:32767] if text else None


def _write_parquet(frame: pd.DataFrame, path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise WriterError("Parquet output needs pyarrow: pip install 'county-figures[parquet]'") from None
    fields, arrays = [], []
    for column in frame.columns:
        values = [None if v is pd.NA or (isinstance(v, float) and v != v) else v for v in frame[column]]
        decimal = parquet_decimal([v for v in values if isinstance(v, Decimal)])
        if any(isinstance(v, Decimal) for v in values) and decimal is not None:
            kind = pa.decimal128(*decimal)      # a scale that holds every value (else text, below)
        elif column in ("year", "start"):
            kind = pa.int64()
        else:
            kind, values = pa.string(), [None if v is None else decimal_text(v) if isinstance(v, Decimal)
                                         else str(v) for v in values]
        fields.append(pa.field(str(column), kind))
        arrays.append(values)
    try:
        table = pa.Table.from_arrays([pa.array(a, type=f.type) for a, f in zip(arrays, fields)],
                                     schema=pa.schema(fields))
    except pa.ArrowInvalid as e:
        raise WriterError(f"cannot write Parquet exactly ({str(e).splitlines()[0]}); use csv or xlsx") from None
    # Built in memory, then written: pyarrow would seek in the file (a FIFO
    # cannot) and deletes the path when writing fails (a device node!).
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    with open(path, "wb") as f:
        f.write(sink.getvalue())
