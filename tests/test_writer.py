"""Output formats: format choice, Excel safety, exact values, and the whole-file formats."""
import csv
import io
import json
import sys
from decimal import Decimal

import pytest

from extractor.models import COLUMNS, Figure
from extractor.writer import PARQUET_HINT, WriterError, format_for, make_writer, row

GDP = Figure(county="房县", indicator="地区生产总值", value=Decimal("93.4"), unit="亿元", source="a.txt",
             std_value=Decimal("9340000000"), std_unit="元", mention="93.4亿元", start=10, end=16,
             sentence="房县2023年地区生产总值达93.4亿元。")
FALL = Figure(county="房县", indicator="=SUM(A1)", value=Decimal("-0.5"), unit="%", source="a.txt",
              value_max=Decimal("-0.25"), std_value=Decimal("-0.5"), std_unit="%", mention="-0.5%",
              start=3, end=8)


def written(fmt, figures, tmp_path, name="out", **kw):
    path = tmp_path / f"{name}.{fmt}"
    w = make_writer(fmt, str(path), **kw)
    assert w.write(figures) == len(figures)
    w.close()
    return path


@pytest.mark.parametrize("path, override, expected", [
    ("rows.csv", None, "csv"),
    ("rows.jsonl", None, "jsonl"),
    ("rows.ndjson", None, "jsonl"),
    ("ROWS.XLSX", None, "xlsx"),
    ("rows.parquet", None, "parquet"),
    ("rows.pq", None, "parquet"),
    ("rows.txt", None, "csv"),
    ("rows", None, "csv"),
    (None, None, "csv"),
    (None, "jsonl", "jsonl"),
    ("rows.xlsx", "csv", "csv"),
    ("rows.csv", "parquet", "parquet"),
])
def test_format_for(path, override, expected):
    assert format_for(path, override) == expected


def test_unknown_format_is_a_one_line_error():
    with pytest.raises(WriterError, match="unknown format 'xml'"):
        format_for("rows.csv", "xml")
    with pytest.raises(WriterError, match="unknown format 'xml'"):
        make_writer("xml", io.StringIO())


@pytest.mark.parametrize("excel, bom", [(False, False), (True, True)])
def test_csv_bytes_with_and_without_bom(tmp_path, excel, bom):
    data = written("csv", [GDP], tmp_path, excel=excel).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") is bom
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "93.4,亿元" in text and "9340000000" in text


def test_excel_bom_on_a_stream():
    out = io.StringIO()
    w = make_writer("csv", out, excel=True)
    w.write([GDP])
    w.close()
    assert out.getvalue().startswith("\ufeffcounty,")
    assert not out.closed      # a stream belongs to the caller


@pytest.mark.parametrize("cell, safe", [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("+86 123", "'+86 123"),
    ("-abc", "'-abc"),
    ("@x", "'@x"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("地区生产总值", "地区生产总值"),
    ("a=b", "a=b"),
    ("", ""),
])
def test_formula_neutralisation(cell, safe):
    f = Figure(county="房县", indicator=cell, value=Decimal("-0.5"), unit="%", mention=cell,
               value_max=Decimal("-0.25"), std_value=Decimal("-0.5"))
    for excel, expected in ((True, safe), (False, cell)):
        out = io.StringIO()
        make_writer("csv", out, excel=excel).write([f])
        (r,) = csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline=""))
        assert (r["indicator"], r["mention"]) == (expected, expected)
        # numbers stay numbers, negative ones too
        assert (r["value"], r["value_max"], r["std_value"], r["start"]) == ("-0.5", "-0.25", "-0.5", "0")


@pytest.mark.parametrize("mention", ["93.4亿\r\n元", "93.4\r亿元", "93.4\n亿元"])
def test_a_line_break_inside_a_cell_keeps_the_row_whole(mention):
    out = io.StringIO(newline="")
    make_writer("csv", out).write([Figure(county="房县", indicator="产值", value=Decimal("93.4"),
                                          unit="亿元", mention=mention)])
    (r,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert r["mention"] == mention


def test_csv_streams_each_batch_before_close():
    out = io.StringIO()
    w = make_writer("csv", out)
    w.write([GDP])
    assert len(out.getvalue().splitlines()) == 2


def test_jsonl_round_trip(tmp_path):
    lines = written("jsonl", [GDP, FALL], tmp_path).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [{**row(GDP), "value_max": None}, row(FALL)]
    assert json.loads(lines[0])["value"] == "93.4" and json.loads(lines[1])["start"] == 3


def test_jsonl_missing_numbers_are_null_and_empty_text_stays_text(tmp_path):
    bare = Figure(county="", indicator="新建学校", value=Decimal("3"), unit="所")
    (line,) = written("jsonl", [bare], tmp_path).read_text(encoding="utf-8").splitlines()
    r = json.loads(line)
    assert (r["value"], r["value_max"], r["std_value"], r["county"], r["period"]) == ("3", None, None, "", "")


def test_xlsx_read_back(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    odd = Figure(county="房县", indicator="产值", value=Decimal("3"), unit="亿元", mention="3\x0b亿元")
    sheet = openpyxl.load_workbook(written("xlsx", [GDP, FALL, odd], tmp_path)).active
    header, gdp, fall, control = [[c.value for c in r] for r in sheet.iter_rows()]
    assert header == list(COLUMNS)
    gdp, fall, control = (dict(zip(COLUMNS, r)) for r in (gdp, fall, control))
    assert (gdp["value"], gdp["std_value"], gdp["value_max"]) == (93.4, 9340000000, None)
    assert isinstance(gdp["std_value"], int) and (gdp["start"], gdp["end"]) == (10, 16)
    assert (fall["value"], fall["value_max"], fall["indicator"]) == (-0.5, -0.25, "=SUM(A1)")
    assert fall["mention"] == "-0.5%"
    assert control["mention"] == "3\ufffd亿元"      # XML cannot hold \x0b; the row is kept
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


def test_xlsx_formula_text_is_a_text_cell_with_a_frozen_header_and_widths(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(written("xlsx", [GDP, FALL], tmp_path)).active
    indicator = sheet.cell(row=3, column=COLUMNS.index("indicator") + 1)
    assert (indicator.value, indicator.data_type, indicator.quotePrefix) == ("=SUM(A1)", "s", True)
    plain = sheet.cell(row=2, column=COLUMNS.index("indicator") + 1)
    assert (plain.value, plain.quotePrefix) == ("地区生产总值", False)
    assert sheet.freeze_panes == "A2"
    from openpyxl.utils import get_column_letter

    def width(column):
        return sheet.column_dimensions[get_column_letter(COLUMNS.index(column) + 1)].width

    assert (width("indicator"), width("sentence")) == (28, 60)


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_whole_file_formats_need_a_path(fmt):
    with pytest.raises(WriterError, match=f"^{fmt} output needs -o FILE$"):
        make_writer(fmt, io.StringIO())


def test_parquet_read_back_exact(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(written("parquet", [GDP, FALL], tmp_path))
    assert table.column_names == list(COLUMNS)
    assert table.schema.field("value").type == pa.decimal128(38, 10)
    assert table.schema.field("start").type == pa.int64()
    assert table.schema.field("county").type == pa.string()
    gdp, fall = table.to_pylist()
    assert (gdp["value"], gdp["std_value"], gdp["value_max"]) == (Decimal("93.4"), Decimal("9340000000"), None)
    assert (fall["value"], fall["value_max"], fall["indicator"]) == (Decimal("-0.5"), Decimal("-0.25"), "=SUM(A1)")
    assert (gdp["county"], gdp["start"], gdp["end"]) == ("房县", 10, 16)


def _with_value(value, source="b.txt"):
    return Figure(county="房县", indicator="x", value=Decimal(value), unit="%", source=source, start=7,
                  std_value=Decimal(value))


@pytest.mark.parametrize("values, kind", [
    (["93.4", "-0.5"], (38, 10)),                                   # the usual schema
    (["3.123456789012345", "93.4"], (38, 15)),                      # more decimals: a wider scale
    (["1" * 29, "0.5"], (38, 1)),                                   # more integer digits: a narrower one
    (["1" * 29, "3.123456789012345"], None),                        # 44 digits: no decimal128 holds both
])
def test_parquet_decimal_fits_the_data(values, kind):
    from extractor.writer import parquet_decimal

    assert parquet_decimal([Decimal(v) for v in values] + [None]) == kind


def test_parquet_keeps_every_value_exactly(tmp_path, recwarn):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    values = ["3.123456789012345", "93.4", "0.00000000001"]
    table = pq.read_table(written("parquet", [_with_value(v) for v in values], tmp_path))
    assert table.schema.field("value").type == pa.decimal128(38, 15)
    assert [r["value"] for r in table.to_pylist()] == [Decimal(v) for v in values]
    assert not recwarn.list


def test_parquet_writes_a_column_no_decimal_holds_as_text_and_says_so_once(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from extractor.faults import CountyFiguresWarning

    values = ["1" * 29, "3.123456789012345", "93.4"]
    with pytest.warns(CountyFiguresWarning) as caught:
        path = written("parquet", [_with_value(v, source=f"{k}.txt") for k, v in enumerate(values)], tmp_path)
    assert [str(w.message) for w in caught] == [
        f"{path}: Parquet columns value, std_value written as decimal text: no Parquet decimal holds every "
        f"value exactly (e.g. {'1' * 29} in 0.txt at 7)"]
    table = pq.read_table(path)
    assert table.schema.field("value").type == pa.string()
    assert [r["value"] for r in table.to_pylist()] == values
    assert table.schema.field("value_max").type == pa.decimal128(38, 10)


def test_parquet_without_pyarrow_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)      # makes `import pyarrow` fail
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(WriterError) as e:
        make_writer("parquet", str(tmp_path / "out.parquet"))
    assert str(e.value) == PARQUET_HINT == "Parquet output needs pyarrow: pip install 'county-figures[parquet]'"
