"""Tables in bulletins: every numeric cell becomes a figure.

Two shapes are read: rows of cells separated by ``|`` or tabs, and tables
flattened to one cell per line (as web pages and PDFs often come out as
text). The indicator is the row label joined with the column header where the
header says what is measured; the unit comes from the cell, a unit column, the
header (``产量(吨)``) or a unit line (``单位:万元``); a year header sets the
period. Rules: ``patterns/tables.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import rules
from .quantities import lexicon
from .timeinfo import time_phrases

_LINE = re.compile(r"[^\n]+")
_NUMBER = re.compile(r"^(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>\S{0,5})$")
_EMPTY_CELL = {"-", "—", "--", "——", "…", "/", "－"}
_YEAR = re.compile(r"^(?:19|20)\d{2}(?:年(?:度|末)?)?$")
_PERCENT_HEADER = re.compile(r"%|％|百分比|增长率|增速|增幅")
_TABLE_NUMBER = re.compile(r"^表\s*\d*?(?=(?:19|20)\d{2}年)|^表\s*\d+\s*")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int        # offsets in the normalised text
    end: int


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
    period: str       # from a year column or the table's title
    row_text: str
    title: str = ""   # the line above the table


@dataclass(frozen=True)
class Table:
    start: int
    end: int
    figures: tuple[TableFigure, ...]


@rules.compiled
def _cfg() -> dict:
    cfg = dict(rules.load("tables"))
    cfg["unit_line_re"] = re.compile(cfg["unit_line"])
    cfg["header_unit_re"] = re.compile(cfg["header_unit"])
    cfg["numbering_re"] = re.compile(cfg["label_numbering"])
    return cfg


def find_tables(text: str) -> list[Table]:
    lines = [Cell(m.group(0).strip(), m.start() + len(m.group(0)) - len(m.group(0).lstrip()),
                  m.end() - (len(m.group(0)) - len(m.group(0).rstrip())))
             for m in _LINE.finditer(text) if m.group(0).strip()]
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if _split_row(lines[i]) is not None:
            j = i
            while j < len(lines) and _split_row(lines[j]) is not None:
                j += 1
            table = _grid_table(lines[max(0, i - 3):i], [_split_row(c) for c in lines[i:j]], lines[i].start)
            if table:
                tables.append(table)
            i = j
            continue
        if _is_cell_line(lines[i]):
            j = i
            while j < len(lines) and _is_cell_line(lines[j]) and _split_row(lines[j]) is None:
                j += 1
            table = _flat_table(lines[max(0, i - 3):i], lines[i:j])
            if table:
                tables.append(table)
                i = j
                continue
        i += 1
    return tables


def _split_row(line: Cell) -> list[Cell] | None:
    """The cells of a ``|`` or tab separated line, or None."""
    sep = "|" if "|" in line.text else "\t" if "\t" in line.text else None
    if sep is None:
        return None
    cells, pos = [], line.start
    for part in line.text.split(sep):
        stripped = part.strip()
        offset = pos + (len(part) - len(part.lstrip()))
        cells.append(Cell(stripped, offset, offset + len(stripped)))
        pos += len(part) + 1
    if cells and not cells[0].text:
        cells = cells[1:]          # | a | b |: leading and trailing pipes
    if cells and not cells[-1].text:
        cells = cells[:-1]
    if len(cells) < 2 or all(set(c.text) <= set("-:— ") for c in cells):
        return None if len(cells) < 2 else []
    return cells


def _is_cell_line(line: Cell) -> bool:
    cfg = _cfg()
    return len(line.text) <= cfg["max_cell_length"] and line.text[-1] not in "。;；,，:：!?！？"


def _numeric(cell: Cell) -> re.Match | None:
    m = _NUMBER.match(cell.text.replace(" ", ""))
    if m and (not m.group("unit") or m.group("unit") in lexicon().kinds or m.group("unit") in ("%", "‰")):
        return m
    return None


def _is_value(cell: Cell) -> bool:
    return _numeric(cell) is not None or cell.text in _EMPTY_CELL


def _context(before: list[Cell]) -> tuple[str, str]:
    """The unit line and the title just above a table."""
    cfg = _cfg()
    unit, title = "", ""
    for c in before:
        m = cfg["unit_line_re"].match(c.text)
        if m:
            unit = m.group("unit")
        else:
            title = c.text
    inline = re.search(r"单位\s*[:：]\s*([^\s)）]{1,6})", title)
    if inline:
        return unit or inline.group(1), title
    in_brackets = cfg["header_unit_re"].search(title)      # 分地区生产总值(亿元)
    return unit or (in_brackets.group("unit") if in_brackets else ""), title


def _flat_table(before: list[Cell], cells: list[Cell]) -> Table | None:
    """A table flattened to one cell per line: find the row length from the
    repeating pattern of labels and numbers, then read it as a grid."""
    cfg = _cfg()
    lead_in = []
    while cells and (cfg["unit_line_re"].match(cells[0].text) or cells[0].text.startswith("表")):
        lead_in.append(cells.pop(0))
    if len(cells) < cfg["min_cells"]:
        return None
    mask = [_is_value(c) for c in cells]
    if sum(mask) < 3:
        return None
    first = mask.index(True)
    for width in range(2, 9):
        for labels in range(1, width):
            body_start = first - labels
            if body_start < 0:
                continue
            pattern = [False] * labels + [True] * (width - labels)
            body = mask[body_start:]
            rows = [body[k:k + width] for k in range(0, len(body), width)]
            complete = [r for r in rows if len(r) == width]
            if len(complete) < 2 or sum(r == pattern for r in complete) < 0.8 * len(complete):
                continue
            header = cells[:body_start]
            if len(header) not in (width, width - labels) and (not header or len(header) % width):
                continue
            grid_rows = [cells[body_start + k:body_start + k + width]
                         for k in range(0, len(body) - width + 1, width)]
            groups = max(1, len(header) // width) if len(header) >= width else 1
            return _read_grid(before + lead_in, header, grid_rows, labels, groups, width, cells[0].start)
    return None


def _grid_table(before: list[Cell], rows: list[list[Cell] | None], start: int) -> Table | None:
    rows = [r for r in rows if r]
    header_rows = []
    while rows and not any(_numeric(c) for c in rows[0][1:]):
        header_rows.append(rows.pop(0))
    if not rows:
        return None
    width = max(len(r) for r in rows)
    header = [Cell("".join(r[k].text for r in header_rows if k < len(r)),
                   min((r[k].start for r in header_rows if k < len(r)), default=0), 0)
              for k in range(width)]
    return _read_grid(before, header, rows, 1, 1, width, start)


def _read_grid(before: list[Cell], header: list[Cell], rows: list[list[Cell]],
               labels: int, groups: int, width: int, start: int) -> Table | None:
    cfg = _cfg()
    table_unit, title = _context(before)
    # 表12024年…: the table's number runs into the year
    title_times = time_phrases(_TABLE_NUMBER.sub("", title), heading=True)
    title_period = title_times[0][2] if title_times else ""
    group_size = len(header) // groups if groups > 1 else len(header)
    unit_col = next((k for k, h in enumerate(header) if h.text in cfg["unit_column_headers"]), None)
    figures = []
    for r, row in enumerate(rows):
        g = r % groups
        heads = header[g * group_size:(g + 1) * group_size] if groups > 1 else header
        offset = len(heads) - (width - labels) if heads else 0      # a header for the label column or not
        group_name = heads[0].text if groups > 1 and offset > 0 else ""
        label = cfg["numbering_re"].sub("", "".join(c.text for c in row[:labels]))
        if label in cfg["generic_row_labels"] and group_name not in cfg["label_column_headers"]:
            label = group_name + label
        row_unit = row[unit_col].text if unit_col is not None and unit_col < len(row) else ""
        for k in range(labels, len(row)):
            if k == unit_col:
                continue
            m = _numeric(row[k])
            if not m:
                continue
            head = heads[offset + k - labels].text if heads and 0 <= offset + k - labels < len(heads) else ""
            name, period, unit = _header_parts(head)
            # the cell's own unit, then the column's (增长(%)), then the row's
            # unit column, then the table's unit line
            unit = m.group("unit") or unit or row_unit or table_unit
            if not unit:
                continue
            figures.append(TableFigure(
                start=row[k].start, end=row[k].end, label=label, header=name,
                value=Decimal(m.group("num").replace(",", "")), unit=unit.replace("％", "%"),
                period=period or title_period, row_text=" | ".join(c.text for c in row), title=title))
    if not figures:
        return None
    return Table(start=start, end=rows[-1][-1].end, figures=tuple(figures))


def _header_parts(head: str) -> tuple[str, str, str]:
    """(what the column measures, its period, its unit) from a header cell."""
    cfg = _cfg()
    if _YEAR.match(head):
        return "", head if head.endswith(("年", "度", "末")) else head + "年", ""
    unit = ""
    m = cfg["header_unit_re"].search(head)
    if m:
        unit, head = m.group("unit"), head[:m.start()]
    if not unit and _PERCENT_HEADER.search(head) and "%" in head:
        unit, head = "%", head.replace("%", "").replace("％", "")
    if head in cfg["plain_value_headers"] or head in cfg["label_column_headers"]:
        head = ""
    return head, "", unit
