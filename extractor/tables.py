"""Tables in bulletins: every numeric cell becomes a candidate figure.

table_layouts.py finds the tables (pipe, tab, space-aligned, one cell per
line) and lines up their cells; here each numeric cell is read with what the
table says around it: its row's label, what its column measures (the header
with its unit and period taken out), its unit (the cell's own, the column
header's, the row's unit column, or the unit line, which may list one unit
per column) and its period (a year column, a year row, the title). What it
measures, where and when are decided by the resolvers, as for prose
(pipeline._table_figure). Rules: ``patterns/tables.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .faults import CountyFiguresWarning
from .quantities import unit_family
from .table_layouts import YEAR_CELL, Cell, Grid, find_grids, is_unit, read_cell, table_rules
from .timeinfo import time_phrases

__all__ = ["Cell", "Table", "TableFigure", "TableWarning", "find_tables"]


class TableWarning(CountyFiguresWarning):
    """A table row whose cells do not line up with the header: left out."""


@dataclass(frozen=True)
class TableFigure:
    """A numeric cell: a candidate with what the table says around it. What
    it measures, where and when are decided by the resolvers, as for prose."""
    start: int
    end: int
    label: str        # its row's label (稻谷, 房县), numbering dropped
    header: str       # what its column measures (产量, 年投资计划), unit and period taken out
    value: Decimal
    unit: str
    period: str       # from a year column or row, or the table's title
    row_text: str
    title: str = ""   # the line above the table
    subject: str = ""  # what the title says the table measures (地区生产总值), for cells nothing else names


@dataclass(frozen=True)
class Table:
    start: int
    end: int
    figures: tuple[TableFigure, ...]
    skipped: tuple[Cell, ...] = ()     # rows left out: their cells do not line up with the header


@dataclass(frozen=True)
class _Column:
    name: str         # what it measures; '' when the row label says it all
    period: str
    unit: str         # as its header gives it, '' if it does not
    family: str       # what its header's words measure (percent, money…), '' if they do not say


_cfg = table_rules


# 表1, 表一: (表32021年…: the number runs into the year)
_TABLE_NUMBER = re.compile(r"^表\s*\d*?(?=(?:19|20)\d{2}年)|^表\s*[0-9一二三四五六七八九十]+\s*(?:[:：.]\s*)?")
_UNIT_SEPARATORS = re.compile(r"\s*[、,，;；]\s*")
_SPACES = re.compile(r"\s+")
_INLINE_UNIT = re.compile(r"单位\s*[:：]\s*([^\s)）]{1,12})")      # 主要指标(单位:万元)
_UNIT_TAIL = re.compile(r"[(（]?单位\s*[:：].*$")


def find_tables(text: str) -> list[Table]:
    """The tables of ``text`` (normalised) with a candidate for each numeric cell."""
    return [t for t in map(_read, find_grids(text)) if t is not None]


def _read(grid: Grid) -> Table | None:
    cfg = _cfg()
    listed, title = _context(grid.before)
    title_times = time_phrases(_TABLE_NUMBER.sub("", title), heading=True)
    title_period = title_times[0][2] if title_times else ""
    subject = _subject(title)
    width, groups = grid.width, grid.groups
    header = grid.header[0] if groups > 1 and grid.header else None
    group_size = len(header) // groups if header else 0
    first = 1 if _numbers_the_rows(grid) else 0          # 序号 | 项目名称 | …: the numbers are no figures
    labels = grid.labels or _label_columns(grid, first)
    plans = []
    for g in range(groups):
        rows = [header[g * group_size:(g + 1) * group_size]] if header else grid.header
        heads = _column_heads(rows, width, labels)
        unit_col = next((k for k in range(width) if _is_unit_column(grid, heads, k, labels)), None)
        columns = _changes_of_their_measures([_column(h) for h in heads], labels, unit_col)
        listed_units = _listed_units(columns, listed, labels, unit_col)
        group_name = rows[0][0].text if groups > 1 and rows and len(rows[0]) == width else ""
        plans.append((columns, unit_col, listed_units, group_name))
    figures = []
    for r, row in enumerate(grid.rows):
        columns, unit_col, listed_units, group_name = plans[r % groups]
        label, row_period, row_unit = _label(row, first, labels, unit_col)
        if label in cfg["generic_row_labels"] and group_name not in cfg["label_column_headers"]:
            label = _clean_label(group_name) + label
        if unit_col is not None and row[unit_col].text:
            row_unit = row[unit_col].text
        for k in range(labels, width):
            if k == unit_col:
                continue
            cell = read_cell(row[k].text)
            if cell is None:
                continue
            value, unit = cell
            column = columns[k]
            # the cell's own unit, then its column's (增长(%)), then the row's
            # unit column, then the unit line's unit for this column
            unit = unit or column.unit or row_unit or listed_units[k]
            if not unit:
                continue          # a figure needs a unit (GUIDELINE); an unknown one is not guessed
            figures.append(TableFigure(
                start=row[k].start, end=row[k].end, label=label, header=column.name, value=value,
                unit=unit, period=column.period or row_period or title_period,
                row_text=" | ".join(c.text for c in row), title=title, subject=subject))
    if not figures:
        return None
    return Table(start=grid.start, end=grid.end, figures=tuple(figures), skipped=grid.skipped)


def _context(before: tuple[Cell, ...]) -> tuple[list[str], str]:
    """The units of the unit line (one, or one per column) and the title just above a table."""
    cfg = _cfg()
    units: list[str] = []
    title = ""
    for c in before:
        m = cfg["unit_line_re"].match(c.text)
        if m:
            units = _units_of(m.group("unit"))
        else:
            title = c.text
    if not units and title:
        inline = _INLINE_UNIT.search(title)
        in_brackets = cfg["header_unit_re"].search(title)                  # 分地区生产总值(亿元)
        if inline:
            units = _units_of(inline.group(1))
        elif in_brackets:
            units = _units_of(in_brackets.group("unit"))
    return units, title


def _subject(title: str) -> str:
    """表2 2023年各县地区生产总值(亿元) -> 地区生产总值: number, period, unit
    and the words that only say it is a table taken out."""
    cfg = _cfg()
    text = _SPACES.sub("", _TABLE_NUMBER.sub("", title))
    text = _UNIT_TAIL.sub("", text)
    m = cfg["header_unit_re"].search(text)
    if m and _units_of(m.group("unit")):
        text = text[:m.start()]
    times = time_phrases(text, heading=True)
    if times and times[0][0] == 0:
        text = text[times[0][1]:]
    text = cfg["title_words_re"].sub("", text)
    return text


def _units_of(text: str) -> list[str]:
    return [u for u in _UNIT_SEPARATORS.split(text.strip()) if is_unit(u)]


def _numbers_the_rows(grid: Grid) -> bool:
    """A first column numbering the rows (序号 1, 2, 3) before a column of labels."""
    cfg = _cfg()
    if grid.width < 3 or grid.labels:
        return False
    named = any(_SPACES.sub("", r[0].text) in cfg["index_column_headers"] for r in grid.header if r)
    firsts = [row[0].text for row in grid.rows]
    counting = all(t.isdecimal() for t in firsts) and all(int(b) == int(a) + 1 for a, b in zip(firsts, firsts[1:]))
    return (named or counting) and all(read_cell(row[1].text) is None for row in grid.rows)


def _label_columns(grid: Grid, first: int = 0) -> int:
    """The leading columns that hold no figure (a column of years is a label)."""
    k = first
    while k < grid.width - 1 and all(read_cell(row[k].text) is None or (k == 0 and YEAR_CELL.fullmatch(row[k].text))
                                     for row in grid.rows):
        k += 1
    return max(k, first + 1)


def _is_unit_column(grid: Grid, heads: list[str], k: int, labels: int) -> bool:
    cfg = _cfg()
    if _SPACES.sub("", heads[k]) in cfg["unit_column_headers"]:
        return True
    cells = [row[k].text for row in grid.rows if row[k].text]
    return 0 < k < labels and bool(cells) and all(is_unit(c) for c in cells)


def _label(row: tuple[Cell, ...], first: int, labels: int, unit_col: int | None) -> tuple[str, str, str]:
    """The row's label, its period when the label is a year, and the unit
    the label gives (地区生产总值(亿元))."""
    label = _clean_label("".join(row[k].text for k in range(first, labels) if k != unit_col))
    if YEAR_CELL.fullmatch(label):
        return "", label if not label[-1].isdecimal() else label + "年", ""
    m = _cfg()["header_unit_re"].search(label)
    if m and is_unit(m.group("unit")):
        return label[:m.start()], "", m.group("unit")
    return label, "", ""


def _clean_label(text: str) -> str:
    numbering = _cfg()["label_numbering_re"]
    text = _SPACES.sub("", text)             # 州 直, 品 名: letter-spaced to fill the column
    for _ in range(2):                       # 一、其中:
        text = numbering.sub("", text)
    return text


# ------------------------------------------------------------------ headers
def _column_heads(rows, width: int, labels: int) -> list[str]:
    """Each column's header text, from header rows as written: a header
    wrapped over lines is one row; a row without the label column's header
    starts at the first value column; a cell written once over several
    columns heads each of them; two rows join top to bottom (2023年 + 产量)."""
    texts = [[c.text for c in r] for r in rows]
    if not texts:
        return [""] * width
    values = width - labels
    if len(texts) > 1:
        flat = [t for r in texts for t in r]
        if len(flat) in (width, values) and not all(len(r) in (width, values) for r in texts):
            texts = [flat]
    aligned = [a for a in (_align_header_row(r, width, labels) for r in texts) if a is not None]
    for upper in aligned[:-1]:               # a cell written once over the columns after it
        for k in range(labels + 1, width):
            if not upper[k]:
                upper[k] = upper[k - 1]
    return ["".join(r[k] for r in aligned) for k in range(width)]


def _align_header_row(row: list[str], width: int, labels: int) -> list[str] | None:
    values = width - labels
    if len(row) == width:
        return list(row)
    label_first = bool(row) and _SPACES.sub("", row[0]) in _cfg()["label_column_headers"]
    if len(row) == values and not label_first:
        return [""] * labels + list(row)
    for lead in (labels, 0) if label_first else (0, labels):   # 指标 | 2023年 over 产量 | 增长
        rest = row[lead:]
        if rest and len(rest) < values and values % len(rest) == 0:
            span = values // len(rest)
            return (list(row[:lead]) or [""] * labels) + [c for c in rest for _ in range(span)]
    return None


def _column(head: str) -> _Column:
    """What a column measures, its period and its unit, from its header."""
    cfg = _cfg()
    head = _SPACES.sub("", head)
    if YEAR_CELL.fullmatch(head):
        return _Column("", head if not head[-1].isdecimal() else head + "年", "", "")
    period = ""
    times = time_phrases(head, heading=True)
    if times and times[0][0] == 0 and times[0][1] < len(head):
        period, head = times[0][2], head[times[0][1]:]        # 2023年产量
    unit = ""
    m = cfg["header_unit_re"].search(head)
    if m:
        written = m.group("unit").replace("±", "")
        if is_unit(written):
            unit, head = written, head[:m.start()]
    if not unit and "%" in head:
        unit = "%"
    head = head.replace("%", "").replace("±", "")
    if not unit and head and is_unit(head):
        unit, head = head, ""                                  # a header that is only a unit: 万元
    family = next((f for f, words in cfg["families"] if any(w in head for w in words)), "")
    if not unit and family == "percent":
        unit = "%"                           # a rate, share or growth column: in % unless it says otherwise
    if head in cfg["plain_value_headers"] or head in cfg["label_column_headers"]:
        head = ""
    return _Column(head, period, unit, family)


def _changes_of_their_measures(columns: list[_Column], labels: int, unit_col: int | None) -> list[_Column]:
    """播种面积 | 同比增减 | 产量 | 同比增减: a column stating only a change
    is the change of the measure to its left (产量同比增减)."""
    change = _cfg()["change_header_re"]
    out, measure = list(columns), ""
    for k in range(labels, len(columns)):
        name = columns[k].name
        if k == unit_col:
            continue
        if name and change.fullmatch(name):
            out[k] = replace(columns[k], name=measure + name)
        else:
            measure = name
    return out


def _listed_units(columns: list[_Column], listed: list[str], labels: int, unit_col: int | None) -> list[str]:
    """The unit line's unit for each column without a unit of its own: the
    only one; or, of several (单位:个、亿元), the one whose family fits the
    column's header, and the rest in order to the columns left; else ''."""
    out = [""] * len(columns)
    todo = [k for k in range(labels, len(columns)) if k != unit_col and not columns[k].unit]
    if not listed or not todo:
        return out
    if len(listed) == 1:
        for k in todo:
            out[k] = listed[0]
        return out
    families = [unit_family(u) or "" for u in listed]
    undecided = []
    for k in todo:
        fit = next((u for u, f in zip(listed, families) if columns[k].family and f == columns[k].family), "")
        if fit:
            out[k] = fit
        else:
            undecided.append(k)
    own = {c.unit for c in columns}
    rest = [u for u in listed if u not in out and u not in own]
    if len(rest) == 1:
        rest = rest * len(undecided)
    if len(rest) == len(undecided):
        for k, u in zip(undecided, rest):
            out[k] = u
    return out
