"""Write figures as CSV, JSON Lines, XLSX or Parquet.

Values are exact, never floats: decimal text in CSV and JSON Lines (where a
missing number, ``value_max`` or ``std_value``, is ``null``). In Parquet a
decimal column is ``decimal128(38, 10)`` (28 integer and 10 fraction digits)
when its values fit, as nearly all do; else ``decimal128(38, s)`` with the
scale its values need; if no decimal128 holds them all, the column is written
as decimal text and a ``CountyFiguresWarning`` says so once. XLSX holds numbers
as Excel does (doubles, 15 significant digits); integral values are written as
integers; text that a spreadsheet would run as a formula is stored as a text
cell; the header row is frozen and the columns have widths.

CSV and JSON Lines stream each row as it comes. XLSX and Parquet are whole-file
formats: they need a path and the file is finished by ``close()``.
"""
from __future__ import annotations

import csv
import io
import json
import os
from functools import partial
from decimal import Decimal
from typing import IO, Iterable

from .models import COLUMNS, Figure

FORMATS = ("csv", "jsonl", "xlsx", "parquet")
DECIMAL_COLUMNS = ("value", "value_max", "std_value")
INT_COLUMNS = ("start", "end")
PARQUET_HINT = "Parquet output needs pyarrow: pip install 'county-figures[parquet]'"

_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx",
               ".parquet": "parquet", ".pq": "parquet"}
# Spreadsheets run a cell starting with these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XLSX_CELL_MAX = 32767        # longer text makes Excel refuse to open the file


class WriterError(Exception):
    """Output that cannot be written as asked; ``str()`` is one line for the user."""


def format_for(path: str | None, override: str | None = None) -> str:
    """The output format: ``override`` if given, else from the extension, else csv."""
    if override:
        if override not in FORMATS:
            raise WriterError(f"unknown format {override!r}; choose one of {', '.join(FORMATS)}")
        return override
    return _EXTENSIONS.get(os.path.splitext(path or "")[1].lower(), "csv")


def columns(explain: bool = False) -> tuple[str, ...]:
    """The output's columns; ``explain`` adds ``rules`` (the ids of the rules
    that decided each row's indicator, area, period and status)."""
    return COLUMNS + ("rules",) if explain else COLUMNS


def make_writer(fmt: str, out: IO[str] | str | os.PathLike, *, excel: bool = False,
                explain: bool = False) -> Writer:
    """A writer of ``fmt`` rows to ``out``, an open text stream or a file path.

    ``excel`` makes CSV safe to open in a spreadsheet (BOM, no formulas); XLSX
    is always safe and the other formats are not opened by spreadsheets.
    ``explain`` adds the column ``rules``.
    """
    cols = columns(explain)
    if fmt == "csv":
        return _CsvWriter(out, excel=excel, cols=cols)
    if fmt == "jsonl":
        return _JsonlWriter(out, cols=cols)
    if fmt not in FORMATS:
        raise WriterError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not isinstance(out, (str, os.PathLike)):
        raise WriterError(f"{fmt} output needs -o FILE")
    return _XlsxWriter(out, cols=cols) if fmt == "xlsx" else _ParquetWriter(out, cols=cols)


def decimal_text(d: Decimal | None) -> str:
    """A plain decimal string: no exponent, no trailing zeros (16.4亿 -> 1640000000)."""
    if d is None:
        return ""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def row(f: Figure) -> dict:
    return {
        "county": f.county, "indicator": f.indicator, "value": decimal_text(f.value),
        "unit": f.unit, "source": f.source, "value_max": decimal_text(f.value_max),
        "qualifier": f.qualifier, "status": f.status, "period": f.period, "year": f.year,
        "std_value": decimal_text(f.std_value), "std_unit": f.std_unit,
        "mention": f.mention, "start": f.start, "end": f.end, "sentence": f.sentence,
        "url": f.url, "published": f.published,
        "indicator_std": f.indicator_std, "measure": f.measure, "adcode": f.adcode,
        "province": f.province, "prefecture": f.prefecture,
    }


def _full_row(f: Figure) -> dict:
    """``row`` and the rules that decided it (written with --explain)."""
    return {**row(f), "rules": f.rules}


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


class Writer:
    """Writes figures as rows in one format. ``write`` may be called any
    number of times; ``close`` finishes the output (closing it if it is a path)."""

    def write(self, figures: Iterable[Figure]) -> int:
        n = 0
        for f in figures:
            self._write_row(f)
            n += 1
        return n

    def _write_row(self, f: Figure) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _TextWriter(Writer):
    """A line-oriented format on a text stream, or on a file it opens itself."""

    def __init__(self, out: IO[str] | str | os.PathLike, cols: tuple[str, ...] = COLUMNS):
        self.cols = cols
        self._owned = isinstance(out, (str, os.PathLike))
        self.out = open(out, "w", encoding="utf-8", newline="") if self._owned else out

    def write(self, figures: Iterable[Figure]) -> int:
        n = super().write(figures)
        self.out.flush()      # each batch reaches the output even if a later input kills the run
        return n

    def write_text(self, text: str) -> None:
        """Rows already rendered by ``renderer`` (in a worker process)."""
        self.out.write(text)
        self.out.flush()

    def close(self) -> None:
        if self._owned:
            self.out.close()
        else:
            self.out.flush()


class _CsvWriter(_TextWriter):
    def __init__(self, out, *, excel: bool = False, cols: tuple[str, ...] = COLUMNS):
        super().__init__(out, cols)
        self.excel = excel
        if excel:
            self.out.write("\ufeff")      # without a BOM Excel reads UTF-8 as the local code page
        # CRLF (RFC 4180) also makes the csv module quote a field holding a bare CR,
        # which readers would otherwise take for a line break and split the row.
        self._csv = csv.writer(self.out, lineterminator="\r\n")
        self._csv.writerow(cols)

    def _write_row(self, f: Figure) -> None:
        self._csv.writerow(_csv_cells(f, self.excel, self.cols))


class _JsonlWriter(_TextWriter):
    def _write_row(self, f: Figure) -> None:
        self.out.write(_jsonl_line(f, self.cols))


def _csv_cells(f: Figure, excel: bool, cols: tuple[str, ...] = COLUMNS) -> list:
    r = _full_row(f)
    if excel:
        r = {c: v if c in DECIMAL_COLUMNS or c in INT_COLUMNS else neutralise(v) for c, v in r.items()}
    return [r[c] for c in cols]


def _jsonl_line(f: Figure, cols: tuple[str, ...] = COLUMNS) -> str:
    r = _full_row(f)
    for c in DECIMAL_COLUMNS:
        if getattr(f, c) is None:
            r[c] = None      # a missing number is null, not ""
    return json.dumps({c: r[c] for c in cols}, ensure_ascii=False) + "\n"


def renderer(fmt: str, *, excel: bool = False, explain: bool = False):
    """For the line formats (csv, jsonl), a picklable function that renders
    figures as the text ``make_writer(fmt, ...)`` would write for them (no
    header), so worker processes can do it; None for the other formats."""
    if fmt == "csv":
        return partial(_render_csv, excel=excel, cols=columns(explain))
    if fmt == "jsonl":
        return partial(_render_jsonl, cols=columns(explain))
    return None


def _render_csv(figures: Iterable[Figure], excel: bool = False, cols: tuple[str, ...] = COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for f in figures:
        writer.writerow(_csv_cells(f, excel, cols))
    return buffer.getvalue()


def _render_jsonl(figures: Iterable[Figure], cols: tuple[str, ...] = COLUMNS) -> str:
    return "".join(_jsonl_line(f, cols) for f in figures)


class _XlsxWriter(Writer):
    # column widths in characters (the text columns are cut off, not wrapped)
    WIDTHS = {"county": 14, "indicator": 28, "value": 12, "unit": 8, "source": 24, "value_max": 10,
              "qualifier": 10, "status": 8, "period": 14, "std_value": 16, "std_unit": 8,
              "mention": 16, "start": 8, "end": 8, "sentence": 60, "year": 6, "url": 30, "published": 11,
              "indicator_std": 20, "measure": 8, "adcode": 8, "province": 10, "prefecture": 12, "rules": 40}

    def __init__(self, path: str | os.PathLike, cols: tuple[str, ...] = COLUMNS):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.utils import get_column_letter

        self.path, self._illegal, self._cell_type, self.cols = path, ILLEGAL_CHARACTERS_RE, WriteOnlyCell, cols
        # write_only keeps memory flat: rows go to a temporary file until save().
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("figures")
        self.sheet.freeze_panes = "A2"
        for k, c in enumerate(cols, start=1):      # (before the first row, in write-only mode)
            self.sheet.column_dimensions[get_column_letter(k)].width = self.WIDTHS.get(c, 12)
        self.sheet.append(list(cols))

    def _write_row(self, f: Figure) -> None:
        r = _full_row(f)
        self.sheet.append([self._cell(c, r[c]) for c in self.cols])

    def _cell(self, column: str, value):
        if column in INT_COLUMNS:
            return value
        if column in DECIMAL_COLUMNS:
            if not value:
                return None
            return float(value) if "." in value else int(value)
        # Control characters are not allowed in XML; U+FFFD keeps the text's length.
        text = self._illegal.sub("\ufffd", value)[:_XLSX_CELL_MAX]
        if not text.startswith(_FORMULA_START):
            return text
        # A text cell, shown and kept as text when edited (quotePrefix), never
        # a formula, and without an apostrophe added to the text.
        cell = self._cell_type(self.sheet, value=text)
        cell.data_type, cell.quotePrefix = "s", True
        return cell

    def close(self) -> None:
        with open(self.path, "wb") as f:     # opened here: written in place, never created or removed
            self.book.save(f)


class _ParquetWriter(Writer):
    def __init__(self, path: str | os.PathLike, cols: tuple[str, ...] = COLUMNS):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise WriterError(PARQUET_HINT) from None
        self.path, self._pa, self._pq = path, pa, pq
        self.columns: dict[str, list] = {c: [] for c in cols}

    def _write_row(self, f: Figure) -> None:
        for c in self.columns:
            self.columns[c].append(getattr(f, c))

    def close(self) -> None:
        pa = self._pa
        fields, as_text = [], []
        for c in self.columns:
            if c in DECIMAL_COLUMNS:
                kind = parquet_decimal(self.columns[c])
                if kind is None:
                    as_text.append(c)
                    self.columns[c] = [None if v is None else decimal_text(v) for v in self.columns[c]]
                fields.append((c, pa.string() if kind is None else pa.decimal128(*kind)))
            else:
                fields.append((c, pa.int64() if c in INT_COLUMNS else pa.string()))
        if as_text:
            self._say_text(as_text)
        try:
            table = pa.Table.from_pydict(self.columns, schema=pa.schema(fields))
        except pa.ArrowInvalid as e:
            reason = str(e).splitlines()[0]
            raise WriterError(f"cannot write Parquet exactly ({reason}); use csv or jsonl") from None
        # Built in memory, then written: pyarrow would seek in the file (a FIFO
        # cannot) and deletes the path when writing fails (a device node!).
        sink = pa.BufferOutputStream()
        self._pq.write_table(table, sink)
        with open(self.path, "wb") as f:
            f.write(sink.getvalue())

    def _say_text(self, as_text: list[str]) -> None:
        import warnings

        from .faults import CountyFiguresWarning

        column = as_text[0]
        k = next(k for k, v in enumerate(self.columns[column])
                 if v is not None and parquet_decimal([Decimal(v)]) != (_DECIMAL128_DIGITS, _DEFAULT_SCALE))
        example = f"{self.columns[column][k]} in {self.columns['source'][k] or 'a text'} at {self.columns['start'][k]}"
        warnings.warn(CountyFiguresWarning(
            f"{self.path}: Parquet column{'s' if len(as_text) > 1 else ''} {', '.join(as_text)} written as "
            f"decimal text: no Parquet decimal holds every value exactly (e.g. {example})"), stacklevel=3)


_DECIMAL128_DIGITS = 38
_DEFAULT_SCALE = 10


def parquet_decimal(values: Iterable[Decimal | None]) -> tuple[int, int] | None:
    """(precision, scale) of the decimal128 that holds every value exactly:
    (38, 10) when they fit it, so that files of different runs share a
    schema; else the scale the values need; None if no decimal128 can."""
    integer = fraction = 0
    for v in values:
        if v is None:
            continue
        _, digits, exponent = v.as_tuple()
        fraction = max(fraction, -exponent)
        integer = max(integer, len(digits) + exponent)
    if integer + _DEFAULT_SCALE <= _DECIMAL128_DIGITS and fraction <= _DEFAULT_SCALE:
        return _DECIMAL128_DIGITS, _DEFAULT_SCALE
    if integer + fraction <= _DECIMAL128_DIGITS:
        return _DECIMAL128_DIGITS, fraction
    return None
