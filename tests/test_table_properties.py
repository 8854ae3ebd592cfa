"""Generated tables read back exactly (hypothesis).

A table is drawn at random (row labels, value columns with what they
measure, units, values, a growth column) and written in each layout a
bulletin uses: pipe rows (outer pipes, closing pipes only, none, a header
wrapped over two lines, a ``|`` line opening each row with one cell a line),
tabs, columns aligned with ASCII spaces (by display width) or ideographic
spaces (by characters), one cell per line, and a web page's ``<table>``;
with blank cells; with the units in the header, in each cell, in a unit
column, or in a unit line above (one unit, or several that go to the columns by what their
headers measure); with a title above, a notes line below, a header on one
line or two. Whatever the draw, the finder gives back exactly the cells
written: label, what the column measures, value, unit and period.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.normalise import normalise
from extractor.tables import find_tables

LABELS = ["稻谷", "小麦", "玉米", "油菜籽", "茶叶", "蔬菜", "水果", "中药材", "食用菌", "生猪", "肉牛",
          "家禽", "水产品", "花卉", "魔芋", "烤烟"]
# (what the column measures, its unit): any of these in one table
MEASURES = [("产量", "吨"), ("播种面积", "亩"), ("产值", "万元"), ("出栏", "万头"), ("销售收入", "亿元"),
            ("用电量", "万千瓦时"), ("存栏", "百只")]
# columns whose headers say their unit's family, for a unit line listing several (单位:个、亿元)
BY_FAMILY = [("项目个数", "个"), ("完成投资", "亿元"), ("种植面积", "亩"), ("从业人数", "人")]
UNIT_MODES = ["header", "cell", "line", "several", "unit_column"]
LAYOUTS = ["pipe_outer", "pipe_closing", "pipe_inner", "pipe_marked", "tabs", "spaces", "ideographic",
           "cells", "html"]


@dataclass(frozen=True)
class Column:
    name: str       # what it measures ('' for a year column)
    unit: str
    period: str = ""
    growth: bool = False


@dataclass(frozen=True)
class Drawn:
    labels: list[str]
    columns: list[Column]
    values: list[list[Decimal | None]]     # None: a blank cell
    row_units: list[str]        # the unit column's cells (unit_column mode)
    units: str
    layout: str
    title: bool
    notes: bool
    two_line_header: bool


def _value(scale: int, negative: bool = False):
    return st.builds(lambda n, places, sign: Decimal(n).scaleb(-places) * (-1 if sign else 1),
                     st.integers(1, scale), st.integers(0, 2), st.booleans() if negative else st.just(False))


@st.composite
def tables(draw) -> Drawn:
    units = draw(st.sampled_from(UNIT_MODES))
    layout = draw(st.sampled_from(LAYOUTS))
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=2, max_size=5, unique=True))
    if units == "unit_column":              # years across, each row its own unit
        years = draw(st.lists(st.sampled_from(["2021年", "2022年", "2023年"]), min_size=1, max_size=3, unique=True))
        columns = [Column("", "", y) for y in sorted(years)]
        row_units = [draw(st.sampled_from([u for _, u in MEASURES])) for _ in labels]
    else:
        pool = BY_FAMILY if units == "several" else MEASURES
        measures = draw(st.lists(st.sampled_from(pool), min_size=2 if units == "several" else 1,
                                 max_size=3, unique_by=lambda m: m[1]))
        if units == "line":                 # one unit line: one unit for every level column
            measures = [(name, measures[0][1]) for name, _ in measures]
        columns = [Column(name, unit) for name, unit in measures]
        row_units = []
    if draw(st.booleans()):                 # a growth column after the first measure
        columns.insert(1, Column("同比增长", "%", growth=True))
    # a second header line: the period over each column, or (closing pipes) a header cell wrapped
    two_line_header = draw(st.booleans()) and layout not in ("cells", "pipe_marked") and units != "unit_column"
    values = [[draw(_value(999999, c.growth)) for c in columns] for _ in labels]
    # a few cells left blank (fewer than half the rows, one cell each): the
    # other rows still show where each column stands
    for r in draw(st.lists(st.integers(0, len(labels) - 1), max_size=(len(labels) - 1) // 2, unique=True)):
        values[r][draw(st.integers(0, len(columns) - 1))] = None
    return Drawn(labels, columns, values, row_units, units, layout, draw(st.booleans()), draw(st.booleans()),
                 two_line_header)


# ---------------------------------------------------------------- writing the table
def _header(t: Drawn, c: Column) -> str:
    if c.growth:
        return "同比增长(%)" if t.units in ("header", "cell") else "同比增长"
    if c.period:
        return c.period
    return f"{c.name}({c.unit})" if t.units == "header" else c.name


def _cell(t: Drawn, c: Column, value: Decimal | None) -> str:
    if value is None:              # blank: spaces where columns are aligned, a dash where each cell has a line
        return "—" if t.layout == "cells" else ""
    text = f"{value:f}"
    return text + c.unit if t.units == "cell" else text


def _rows(t: Drawn) -> list[list[str]]:
    """Header row(s) then body rows, as cells (the first cell the label)."""
    lead = ["指标"] + (["计量单位"] if t.units == "unit_column" else [])
    header = lead + [_header(t, c) for c in t.columns]
    body = [[label] + ([t.row_units[r]] if t.units == "unit_column" else [])
            + [_cell(t, c, v) for c, v in zip(t.columns, t.values[r])] for r, label in enumerate(t.labels)]
    if t.two_line_header and t.layout != "pipe_closing":
        return [[""] * len(lead) + ["2023年"] * len(t.columns), header] + body
    return [header] + body


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(rows: list[list[str]], ideographic: bool) -> list[str]:
    """Columns padded to a common width: ASCII spaces by display width, or
    ideographic spaces by characters (each one a character wide)."""
    size = _width if not ideographic else len
    pad = "　" if ideographic else " "
    widths = [max(size(r[k]) for r in rows) for k in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = []
        for k, cell in enumerate(r):
            fill = pad * (widths[k] - size(cell))
            # labels to the left, figures to the right, as tables print them
            cells.append(cell + fill if k == 0 or not cell[:1].isdigit() and cell[:1] != "-" else fill + cell)
        lines.append((pad * 2).join(cells).rstrip())
    return lines


def _render_rows(t: Drawn, rows: list[list[str]]) -> list[str]:
    if t.layout == "pipe_outer":
        return ["| " + " | ".join(r) + " |" for r in rows]
    if t.layout == "pipe_closing":
        lines = [" | ".join(r) + " |" for r in rows]
        if t.two_line_header:        # the header wraps inside its second cell: 产量 / (吨) |
            head = lines[0]
            cut = head.index(" | ") + 3 + 1
            lines[0:1] = [head[:cut], head[cut:]]
        return lines
    if t.layout == "pipe_inner":
        return [" | ".join(r) for r in rows]
    if t.layout == "pipe_marked":
        return [line for r in rows for line in ["|"] + [f"{cell} |" for cell in r]]
    if t.layout == "tabs":
        return ["\t".join(r) for r in rows]
    if t.layout in ("spaces", "ideographic"):
        return _aligned(rows, t.layout == "ideographic")
    if t.layout == "cells":
        return [cell for r in rows for cell in r]
    raise AssertionError(t.layout)


def render(t: Drawn) -> tuple[str, bool]:
    """The text (or web page) holding the table, and whether it is a page."""
    above = ["全县农业生产保持稳定。"]
    if t.title:
        above.append("表1 主要农产品生产情况")
    if t.units == "line":
        above.append(f"单位：{t.columns[0].unit}")
    if t.units == "several":
        listed = [c.unit for c in t.columns if not c.growth]
        above.append("单位：" + "、".join(reversed(listed)))
    below = ["注：本表数据为初步统计。"] if t.notes else []
    rows = _rows(t)
    if t.layout == "html":
        cells = lambda r, tag: "".join(f"\n    <{tag}>{c}</{tag}>" for c in r)
        head = len(rows) - len(t.labels)
        trs = "".join(f"\n  <tr>{cells(r, 'th' if k < head else 'td')}\n  </tr>" for k, r in enumerate(rows))
        paragraphs = "".join(f"<p>{line}</p>\n" for line in above)
        return (f"<html><body><div class=\"article\"><h1>房县农业统计</h1>\n{paragraphs}"
                f"<table>{trs}\n</table>\n" + "".join(f"<p>{line}</p>" for line in below)
                + "<p>全年农业生产形势良好，农民收入稳步增长，各项工作有序推进。</p></div></body></html>", True)
    return "\n".join(above + _render_rows(t, rows) + below) + "\n", False


def expected(t: Drawn) -> list[tuple]:
    out = []
    for r, label in enumerate(t.labels):
        measure = ""
        for c, v in zip(t.columns, t.values[r]):
            name = measure + c.name if c.growth else c.name
            measure = c.name if not c.growth else measure
            if v is None:
                continue
            unit = t.row_units[r] if t.units == "unit_column" and not c.growth else c.unit
            period = c.period or ("2023年" if t.two_line_header and t.layout != "pipe_closing" else "")
            out.append((label, name, v, unit, period))
    return out


# (derandomize: the same 400 tables on every run, so a table this test has
# not been shown to read is found here, by hand, not at random in CI; the one
# shape known to fail is the test after this one)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(tables())
def test_a_generated_table_reads_back_exactly(t):
    text, page = render(t)
    found = find_tables(normalise(text, html=page).text)
    got = [(f.label, f.header, f.value, f.unit, f.period) for table in found for f in table.figures]
    assert got == expected(t), text
    assert all(not table.skipped for table in found), text


@pytest.mark.xfail(strict=True, reason="a spaced table whose first body rows leave the value column blank "
                   "reads those rows as header rows, and the column loses its period (2021年)")
def test_a_spaced_table_whose_first_rows_are_blank_keeps_its_column_period():
    t = Drawn(labels=["稻谷", "小麦", "玉米", "油菜籽", "茶叶"], columns=[Column(name="", unit="", period="2021年", growth=False)],
              values=[[None], [None], [Decimal("1")], [Decimal("1")], [Decimal("1")]], row_units=["吨"] * 5,
              units="unit_column", layout="spaces", title=False, notes=False, two_line_header=False)
    text, page = render(t)
    found = find_tables(normalise(text, html=page).text)
    assert [(f.label, f.header, f.value, f.unit, f.period) for table in found for f in table.figures] == expected(t)


# ---------------------------------------------------------------- one cell per line, from every start
def _flat_grid_from(lines, i, floor):
    """The one-cell-per-line reading of lines[i:] as first written: every
    start read on its own (quadratic in a run's length); find_grids works
    out what starts share once per run and must give the same grids."""
    from extractor import table_layouts as tl

    if not tl._is_cell_line(lines[i]):
        return None
    j = i
    while j < len(lines) and tl._in_flat_run(lines[j]):
        j += 1
    cfg = tl._cfg()
    cells = [tl.Cell(line.text, line.start, line.end) for line in lines[i:j]]
    lead_in = []
    while cells and (cfg["unit_line_re"].match(cells[0].text) or cfg["title_line_re"].match(cells[0].text)):
        lead_in.append(cells.pop(0))
    if len(cells) < cfg["min_cells"]:
        return None
    mask = [tl.is_value(c.text) for c in cells]
    if sum(mask) < 2:
        return None
    first = mask.index(True)
    for width in range(2, 9):
        for labels in range(1, width):
            body_start = first - labels
            if body_start < 0:
                continue
            pattern = [False] * labels + [True] * (width - labels)
            body = mask[body_start:]
            complete = [r for r in (body[k:k + width] for k in range(0, len(body), width)) if len(r) == width]
            if len(complete) < 2 or sum(r == pattern for r in complete) < 0.8 * len(complete):
                continue
            header = cells[:body_start]
            if len(header) not in (width, width - labels) and (not header or len(header) % width):
                continue
            rows = tuple(tuple(cells[body_start + k:body_start + k + width])
                         for k in range(0, len(body) - width + 1, width))
            groups = max(1, len(header) // width) if len(header) >= width else 1
            grid = tl.Grid(tl._before(lines, i, floor) + tuple(lead_in), (tuple(header),) if header else (),
                           rows, width, cells[0].start, rows[-1][-1].end, labels=labels, groups=groups)
            return grid, j
    return None


FLAT_LINES = ["项目", "稻谷", "产量(吨)", "地区生产总值", "合计", "其中", "12.5", "1,250", "20", "5", "3.2%", "-", "—",
              "单位:万元", "表1 2023年主要指标", "注:数据为初步统计", "2023年", "吨", "全县完成投资。", "a|b", "x\ty"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FLAT_LINES), min_size=1, max_size=60))
def test_one_cell_per_line_tables_read_as_from_every_start(lines):
    from extractor import table_layouts as tl

    text = "\n".join(lines)
    # find_grids with the first reading of this layout
    found = tl.grids_of(tl._lines(text), (tl._pipe_block, tl._tab_block, tl._spaced_block, _flat_grid_from))
    assert tl.find_grids(text) == found
