"""Write figures as CSV, JSON Lines, XLSX or Parquet.

Values are exact, never floats: decimal text in CSV and JSON Lines,
``decimal128(38, 10)`` in Parquet (28 integer and 10 fraction digits; the
extractor only ever multiplies by 万/亿, so every figure fits, and one that
does not is refused rather than rounded). XLSX holds numbers as Excel does
(doubles, 15 significant digits); integral values are written as integers.

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


def make_writer(fmt: str, out: IO[str] | str | os.PathLike, *, excel: bool = False) -> Writer:
    """A writer of ``fmt`` rows to ``out``, an open text stream or a file path.

    ``excel`` makes CSV safe to open in a spreadsheet (BOM, no formulas); XLSX
    is always safe and the other formats are not opened by spreadsheets.
    """
    if fmt == "csv":
        return _CsvWriter(out, excel=excel)
    if fmt == "jsonl":
        return _JsonlWriter(out)
    if fmt not in FORMATS:
        raise WriterError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not isinstance(out, (str, os.PathLike)):
        raise WriterError(f"{fmt} output needs -o FILE")
    return _XlsxWriter(out) if fmt == "xlsx" else _ParquetWriter(out)


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

    def __init__(self, out: IO[str] | str | os.PathLike):
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
    def __init__(self, out, *, excel: bool = False):
        super().__init__(out)
        self.excel = excel
        if excel:
            self.out.write("\ufeff")      # without a BOM Excel reads UTF-8 as the local code page
        # CRLF (RFC 4180) also makes the csv module quote a field holding a bare CR,
        # which readers would otherwise take for a line break and split the row.
        self._csv = csv.writer(self.out, lineterminator="\r\n")
        self._csv.writerow(COLUMNS)

    def _write_row(self, f: Figure) -> None:
        self._csv.writerow(_csv_cells(f, self.excel))


class _JsonlWriter(_TextWriter):
    def _write_row(self, f: Figure) -> None:
        self.out.write(_jsonl_line(f))


def _csv_cells(f: Figure, excel: bool) -> list:
    r = row(f)
    if excel:
        r = {c: v if c in DECIMAL_COLUMNS or c in INT_COLUMNS else neutralise(v) for c, v in r.items()}
    return [r[c] for c in COLUMNS]


def _jsonl_line(f: Figure) -> str:
    return json.dumps(row(f), ensure_ascii=False) + "\n"


def renderer(fmt: str, *, excel: bool = False):
    """For the line formats (csv, jsonl), a picklable function that renders
    figures as the text ``make_writer(fmt, ...)`` would write for them (no
    header), so worker processes can do it; None for the other formats."""
    if fmt == "csv":
        return partial(_render_csv, excel=excel)
    if fmt == "jsonl":
        return _render_jsonl
    return None


def _render_csv(figures: Iterable[Figure], excel: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for f in figures:
        writer.writerow(_csv_cells(f, excel))
    return buffer.getvalue()


def _render_jsonl(figures: Iterable[Figure]) -> str:
    return "".join(_jsonl_line(f) for f in figures)


class _XlsxWriter(Writer):
    def __init__(self, path: str | os.PathLike):
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self.path, self._illegal = path, ILLEGAL_CHARACTERS_RE
        # write_only keeps memory flat: rows go to a temporary file until save().
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("figures")
        self.sheet.append(list(COLUMNS))

    def _write_row(self, f: Figure) -> None:
        r = row(f)
        self.sheet.append([self._cell(c, r[c]) for c in COLUMNS])

    def _cell(self, column: str, value):
        if column in INT_COLUMNS:
            return value
        if column in DECIMAL_COLUMNS:
            if not value:
                return None
            return float(value) if "." in value else int(value)
        # Control characters are not allowed in XML; U+FFFD keeps the text's length.
        return neutralise(self._illegal.sub("\ufffd", value))[:_XLSX_CELL_MAX]

    def close(self) -> None:
        self.book.save(self.path)


class _ParquetWriter(Writer):
    def __init__(self, path: str | os.PathLike):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise WriterError(PARQUET_HINT) from None
        self.path, self._pa, self._pq = path, pa, pq
        self.schema = pa.schema([
            (c, pa.decimal128(38, 10) if c in DECIMAL_COLUMNS else pa.int64() if c in INT_COLUMNS
             else pa.string())
            for c in COLUMNS])
        self.columns: dict[str, list] = {c: [] for c in COLUMNS}

    def _write_row(self, f: Figure) -> None:
        for c in COLUMNS:
            self.columns[c].append(getattr(f, c))

    def close(self) -> None:
        try:
            table = self._pa.Table.from_pydict(self.columns, schema=self.schema)
        except self._pa.ArrowInvalid as e:    # a value decimal128(38, 10) cannot hold exactly
            reason = str(e).splitlines()[0]
            raise WriterError(f"cannot write Parquet exactly ({reason}); use csv or jsonl") from None
        self._pq.write_table(table, self.path)
