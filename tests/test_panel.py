"""The county panel (extractor/panel.py, `county-figures panel`).

Most tests build their figures here, write them in each of extract's formats
and check the panel cell by cell. The last ones run the extractor over the
shared dev-extra articles (skipped without ../shared) and check the panel of
two counties against what their bulletins say.
"""
import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from extractor import extract_frame, extract_panel
from extractor.cli import main
from extractor.models import COLUMNS, Figure
from extractor.panel import KEY, PanelError, build_panel, read_chunks, year_of
from extractor.quantities import split_multiplier
from extractor.standard import annotate
from extractor.writer import make_writer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
D = Decimal


def fig(county, indicator, value, unit, period="2022年", *, source="a.txt", mention=None, sentence="",
        qualifier="", status="actual", value_max=None):
    factor, std_unit = split_multiplier(unit)
    std = (D(value) * factor).normalize()
    return Figure(county, indicator, D(value), unit, source=source, period=period, status=status,
                  qualifier=qualifier, value_max=None if value_max is None else D(value_max),
                  std_value=std.quantize(D(1)) if std == std.to_integral_value() else std, std_unit=std_unit,
                  mention=mention or f"{value}{unit}", sentence=sentence or f"{indicator}{value}{unit}。")


def figures():
    """Two counties, two years; levels, changes (one a fall), a share."""
    zhuxi = [
        fig("竹溪县", "地区生产总值", "93.4", "亿元"),
        fig("竹溪县", "地区生产总值同比增长", "6.5", "%"),
        fig("竹溪县", "规上工业增加值同比下降", "2.1", "%"),
        fig("竹溪县", "第三产业增加值占GDP比重", "48.2", "%"),
        fig("竹溪县", "城镇常住居民人均可支配收入", "42000", "元"),
        fig("竹溪县", "地区生产总值", "80.1", "亿元", "2021年"),
        fig("竹溪县", "新签约项目", "40", "个"),                      # no standard indicator
        fig("竹溪县", "地区生产总值", "40.2", "亿元", "1-6月"),        # part of a year
        fig("竹溪县", "地区生产总值", "95", "亿元", "", status="target"),
        fig("竹溪县", "固定资产投资同比增长", "4.5", "%", "十三五期间"),
    ]
    fangxian = [
        fig("房县", "GDP", "120.4", "亿元", source="b.txt"),
        fig("房县", "常住人口", "38.2", "万人", "2022年末", source="b.txt"),
        fig("房县", "粮食播种面积比上年减少", "1200", "亩", source="b.txt"),
        fig("房县", "接待游客", "1", "万人次", source="b.txt", value_max="2"),   # a range
        fig("房县", "社会消费品零售总额", "50", "亿元", "", source="b.txt"),    # no year
    ]
    return annotate(zhuxi) + annotate(fangxian)


# Columns in the order of the vocabulary file, level before change before share.
HEADER = [*KEY, "地区生产总值 (元)", "地区生产总值 change (%)", "第三产业增加值 share (%)",
          "规模以上工业增加值 change (%)", "常住人口 (人)", "城镇居民人均可支配收入 (元)",
          "粮食播种面积 change (亩)"]
ROWS = [
    ["湖北省", "十堰市", "房县", "420325", 2022, D("12040000000"), None, None, None, D("382000"), None, D("-1200")],
    ["湖北省", "十堰市", "竹溪县", "420324", 2021, D("8010000000"), None, None, None, None, None, None],
    ["湖北省", "十堰市", "竹溪县", "420324", 2022, D("9340000000"), D("6.5"), D("48.2"), D("-2.1"), None,
     D("42000"), None],
]


def write(figs, tmp_path, fmt):
    path = tmp_path / f"figures.{fmt}"
    out = make_writer(fmt, str(path))
    out.write(figs)
    out.close()
    return str(path)


def cells(table):
    """The panel's rows as lists, None for an empty cell."""
    return [[None if pd.isna(v) else v for v in row] for row in table.astype(object).itertuples(index=False)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx", "parquet"])
def test_panel_of_each_input_format_cell_by_cell(tmp_path, fmt):
    panel = build_panel(read_chunks(write(figures(), tmp_path, fmt)))
    assert list(panel.table.columns) == HEADER
    assert cells(panel.table) == ROWS
    assert panel.conflicts.empty


def test_the_summary_counts_what_is_left_out_and_why(tmp_path):
    panel = build_panel(read_chunks(write(figures(), tmp_path, "csv")))
    assert panel.summary() == (
        "panel: 15 rows read, 9 used: 3 area-years, 7 columns, 9 cells, 0 with conflicting values; "
        "left out: 1 of another status, 1 without indicator_std, 1 without a year, "
        "2 for part of a year or several years, 1 ranges")


def test_targets_only_with_status_target(tmp_path):
    panel = build_panel(read_chunks(write(figures(), tmp_path, "csv")), status="target")
    assert cells(panel.table) == []          # the one target has no year
    assert panel.counts["other_status"] == 14


def test_small_chunks_give_the_same_panel(tmp_path):
    panel = build_panel(read_chunks(write(figures(), tmp_path, "csv"), chunk_rows=2))
    assert cells(panel.table) == ROWS


def test_a_year_column_is_used_when_the_input_has_one(tmp_path):
    with open(write(figures()[:2], tmp_path, "csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    path = tmp_path / "with_year.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, [*COLUMNS, "year"])
        out.writeheader()
        out.writerows({**r, "period": "", "year": "2020"} for r in rows)
    panel = build_panel(read_chunks(str(path)))
    assert cells(panel.table) == [["湖北省", "十堰市", "竹溪县", "420324", 2020, D("9340000000"), D("6.5")]]


def test_output_written_before_the_standard_columns_existed_is_annotated(tmp_path):
    path = tmp_path / "old.csv"
    old = ["county", "indicator", "value", "unit", "source", "value_max", "qualifier", "status", "period",
           "std_value", "std_unit", "mention", "start", "end", "sentence"]
    path.write_text(",".join(old) + "\n" + "房县,全县GDP同比增长,7.1,%,b.txt,,,actual,2023年,7.1,%,7.1%,3,7,全县GDP同比增长7.1%。\n",
                    encoding="utf-8")
    panel = build_panel(read_chunks(str(path)))
    assert cells(panel.table) == [["湖北省", "十堰市", "房县", "420325", 2023, D("7.1")]]
    assert list(panel.table.columns)[-1] == "地区生产总值 change (%)"


# ---------------------------------------------------------------- conflicts
def test_conflicts_take_the_most_specific_source_and_list_every_value(tmp_path):
    figs = annotate([
        fig("竹溪县", "GDP", "88", "亿元", mention="88亿元", sentence="全县GDP88亿元。"),
        fig("竹溪县", "地区生产总值", "93.4", "亿元", mention="93.4", sentence="地区生产总值 | 93.4 | 6.5"),
        fig("竹溪县", "GDP", "88", "亿元", mention="88亿元", sentence="GDP达88亿元。", source="c.txt"),
        fig("竹溪县", "GDP同比增长", "6", "%", qualifier="approx", mention="约6%"),
        fig("竹溪县", "GDP同比增长", "6.5", "%"),
        fig("竹溪县", "常住人口", "30", "万人"),
        fig("竹溪县", "常住人口", "30", "万人", source="c.txt"),     # the same value twice: no conflict
    ])
    panel = build_panel(read_chunks(write(figs, tmp_path, "csv")))
    assert cells(panel.table) == [["湖北省", "十堰市", "竹溪县", "420324", 2022, D("9340000000"), D("6.5"),
                                   D("300000")]]
    listed = [(r.column, str(r.value), r.chosen, r.source_kind, r.mention, r.source)
              for r in panel.conflicts.itertuples()]
    assert listed == [
        ("地区生产总值 (元)", "8800000000", "", "other phrase", "88亿元", "a.txt"),
        ("地区生产总值 (元)", "9340000000", "yes", "table cell", "93.4", "a.txt"),
        ("地区生产总值 (元)", "8800000000", "", "other phrase", "88亿元", "c.txt"),
        ("地区生产总值 change (%)", "6", "", "other phrase", "约6%", "a.txt"),
        ("地区生产总值 change (%)", "6.5", "yes", "other phrase", "6.5%", "a.txt"),
    ]
    assert panel.conflicted_cells() == 2


def test_among_equally_specific_values_the_most_frequent_wins():
    figs = annotate([fig("房县", "地区生产总值", v, "亿元", source=s)
                     for v, s in (("10", "a.txt"), ("11", "b.txt"), ("11", "c.txt"))])
    frame = pd.DataFrame([{c: getattr(f, c) for c in COLUMNS} for f in figs])
    assert cells(extract_panel(frame).table)[0][-1] == D("1100000000")


# ---------------------------------------------------------------- years
@pytest.mark.parametrize("period, year, expected", [
    ("2023年", "", (2023, "")), ("2023年末", "", (2023, "")), ("2023年度", "", (2023, "")),
    ("2023", "", (2023, "")), ("全年", "", (None, "no_year")), ("", "", (None, "no_year")),
    ("2023年1-6月", "", (None, "not_one_year")), ("上半年", "", (None, "not_one_year")),
    ("十三五期间", "", (None, "not_one_year")), ("2016-2020年", "", (None, "not_one_year")),
    ("全年", "2023", (2023, "")), ("", "2021", (2021, "")), ("一季度", "2023", (None, "not_one_year")),
])
def test_year_of(period, year, expected):
    assert year_of(period, year) == expected


# ---------------------------------------------------------------- library and command line
def test_extract_panel_of_an_extract_frame():
    df = extract_frame(["2022年，房县实现地区生产总值120.4亿元，同比增长5.1%。"])
    panel = extract_panel(df)
    assert cells(panel.table) == [["湖北省", "十堰市", "房县", "420325", 2022, D("12040000000"), D("5.1")]]


def test_cli_csv_on_stdout_and_summary_on_stderr(tmp_path):
    path = write(figures(), tmp_path, "csv")
    result = CliRunner().invoke(main, ["panel", path])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(HEADER)
    assert lines[3] == "湖北省,十堰市,竹溪县,420324,2022,9340000000,6.5,48.2,-2.1,,42000,"
    assert result.stderr.startswith("panel: 15 rows read, 9 used: 3 area-years")


def test_cli_reads_stdin(tmp_path):
    text = Path(write(figures(), tmp_path, "csv")).read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["panel", "-"], input=text.encode("utf-8"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("湖北省,十堰市,房县,420325,2022,12040000000,")


def test_cli_xlsx_has_the_panel_and_the_conflicts_sheet(tmp_path):
    figs = figures() + annotate([fig("房县", "地区生产总值", "120", "亿元", source="c.txt")])
    out, extra = tmp_path / "panel.xlsx", tmp_path / "conflicts.csv"
    result = CliRunner().invoke(main, ["panel", write(figs, tmp_path, "jsonl"), "-o", str(out),
                                       "--conflicts", str(extra)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["panel", "conflicts"]
    panel_rows = list(book["panel"].iter_rows(values_only=True))
    assert list(panel_rows[0]) == HEADER
    # 地区生产总值 names the indicator exactly, GDP does not: its value is taken
    assert panel_rows[1][:6] == ("湖北省", "十堰市", "房县", "420325", 2022, 12000000000)
    conflicts = list(book["conflicts"].iter_rows(values_only=True))
    assert conflicts[0][:9] == (*KEY, "column", "value", "chosen", "source_kind")
    assert [(r[6], r[7], r[8], r[11]) for r in conflicts[1:]] == [
        (12040000000, None, "other phrase", "b.txt"), (12000000000, "yes", "exact name", "c.txt")]
    assert extra.read_text(encoding="utf-8").splitlines()[0].startswith("province,prefecture,county,adcode,year,column")


def test_cli_parquet_keeps_exact_decimals(tmp_path):
    import pyarrow.parquet as pq
    out = tmp_path / "panel.parquet"
    result = CliRunner().invoke(main, ["panel", write(figures(), tmp_path, "parquet"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out).to_pylist()
    assert table[2]["地区生产总值 change (%)"] == D("6.5")
    assert table[2]["year"] == 2022 and table[2]["adcode"] == "420324"


@pytest.mark.parametrize("args, code, message", [
    (["panel", "nothing.csv"], 2, "no such file: nothing.csv"),
    (["panel", "{csv}", "--format", "xlsx"], 2, "xlsx output needs -o FILE"),
    (["panel", "{txt}"], 2, "unknown input format"),
    (["panel", "{bad}"], 1, "county-figures: not a county-figures output: missing columns indicator, unit"),
])
def test_cli_errors(tmp_path, args, code, message):
    bad = tmp_path / "bad.csv"
    bad.write_text("county,value\n房县,1\n", encoding="utf-8")
    txt = tmp_path / "f.txt"
    txt.write_text("x", encoding="utf-8")
    paths = {"csv": write(figures(), tmp_path, "csv"), "txt": str(txt), "bad": str(bad)}
    result = CliRunner().invoke(main, [a.format(**paths) for a in args])
    assert result.exit_code == code
    assert message in result.stderr


@pytest.mark.parametrize("content, fmt", [
    (b"not parquet", "parquet"), (b"PK\x03\x04 cut short", "xlsx"), (b'county\n"' + b"x" * 200_000 + b'"\n', "csv"),
    (b"{not json\n", "jsonl"), (b"\xff\xfe\xfa", "csv"),
])
def test_unreadable_input_is_one_line(tmp_path, content, fmt):
    path = tmp_path / f"bad.{fmt}"
    path.write_bytes(content)
    with pytest.raises(PanelError, match=f"^{path}: cannot be read as {fmt} \\(.+\\)$"):
        list(read_chunks(str(path)))


# ---------------------------------------------------------------- on the shared dev-extra articles
# What the 2023 statistical bulletins of 宁远县 (dev-extra d15) and 大方县 (d16)
# state, in standard units: every cell of their panel rows.
DEV_EXTRA_ROWS = {
    ("湖南省", "永州市", "宁远县", "431126", 2023): {
        "地区生产总值 (元)": "26166110000", "地区生产总值 change (%)": "-0.5",
        "第一产业增加值 (元)": "3995600000", "第一产业增加值 change (%)": "3.9",
        "第二产业增加值 (元)": "8187320000", "第二产业增加值 change (%)": "-6.6",
        "第三产业增加值 (元)": "13983190000", "第三产业增加值 change (%)": "1.9",
    },
    ("贵州省", "毕节市", "大方县", "520521", 2023): {
        "地区生产总值 (元)": "26667000000", "地区生产总值 change (%)": "4.9",
        "人均地区生产总值 (元)": "31490", "人均地区生产总值 change (%)": "5.2",
        "第一产业增加值 (元)": "5864000000", "第一产业增加值 change (%)": "3.8", "第一产业增加值 share (%)": "22",
        "第二产业增加值 (元)": "6277000000", "第二产业增加值 change (%)": "4.3", "第二产业增加值 share (%)": "23.5",
        "第三产业增加值 (元)": "14526000000", "第三产业增加值 change (%)": "5.7", "第三产业增加值 share (%)": "54.5",
        "农林牧渔业总产值 (元)": "9960000000", "农林牧渔业总产值 change (%)": "4.1",
        "农业产值 (元)": "7247000000", "农业产值 change (%)": "5.4",
        "林业产值 (元)": "299000000", "林业产值 change (%)": "-19",
        "牧业产值 (元)": "1858000000", "牧业产值 change (%)": "3.4",
        "渔业产值 (元)": "70000000", "渔业产值 change (%)": "0.5",
        "粮食播种面积 (亩)": "982100", "粮食播种面积 change (亩)": "-4403",
    },
}


@pytest.fixture(scope="module")
def dev_extra_panel(tmp_path_factory):
    raw = SHARED / "dev-extra" / "raw"
    if not raw.is_dir():
        pytest.skip(f"no shared articles at {raw}: the dev-extra panel is not checked")
    folder = tmp_path_factory.mktemp("dev-extra")
    figures_csv, panel_xlsx = folder / "figures.csv", folder / "panel.xlsx"
    runner = CliRunner()
    extracted = runner.invoke(main, ["extract", str(raw), "-o", str(figures_csv), "-q", "--jobs", "1"])
    assert extracted.exit_code == 0, extracted.output
    made = runner.invoke(main, ["panel", str(figures_csv), "-o", str(panel_xlsx)])
    assert made.exit_code == 0, made.output
    return load_workbook(panel_xlsx)


def test_dev_extra_panel_opens_with_its_conflicts_sheet(dev_extra_panel):
    assert dev_extra_panel.sheetnames == ["panel", "conflicts"]
    header = next(dev_extra_panel["conflicts"].iter_rows(values_only=True))
    assert header[:7] == (*KEY, "column", "value")


@pytest.mark.parametrize("key", list(DEV_EXTRA_ROWS), ids=[k[2] for k in DEV_EXTRA_ROWS])
def test_dev_extra_panel_cell_by_cell(dev_extra_panel, key):
    rows = list(dev_extra_panel["panel"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    found = [r for r in body if tuple(r[:5]) == key]
    assert len(found) == 1, f"no single panel row for {key}"
    got = {column: Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
           for column, v in zip(header[5:], found[0][5:]) if v is not None}
    assert got == {column: Decimal(v) for column, v in DEV_EXTRA_ROWS[key].items()}


def test_rows_of_another_country_stay_out_of_the_panel():
    row = {c: "" for c in COLUMNS}
    row.update(county="日本", indicator="总人口", indicator_std="常住人口", measure="level", value="1.2",
               unit="亿人", std_value="120000000", std_unit="人", status="actual", period="2023年", year="2023")
    p = build_panel([[row]])
    assert len(p.table) == 0 and "1 of areas outside China" in p.summary()
