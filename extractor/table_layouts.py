"""Where the tables of a text are and how their cells line up.

A table is written in one of these layouts:

- pipe rows: cells between ``|``, with or without outer pipes, framed or
  not by borders (``+----+``, box drawing). A row may wrap over lines (a
  line without the closing pipe goes on in the next), or be opened by a
  line holding only ``|`` with one cell a line after it.
  A web page's ``<table>`` reaches here as pipe rows (normalise.py);
- tab-separated rows (a run of tabs may pad to a tab stop);
- space-aligned columns, as PDF text and ``<pre>`` blocks come (ASCII or
  ideographic spaces): the columns are found from the positions the rows
  share, counted in characters or in display width, whichever leaves fewer
  rows out and keeps straighter column edges; a blank cell stays blank;
- one cell per line (pages and PDFs copied as text): the row length is the
  repeating pattern of labels and numbers.

Each table is a ``Grid``: the lines just above it (title, unit line), its
header rows and body rows of cells, and the rows that cannot be aligned with
the header (reported by the pipeline, never shifted into another column).
What the cells mean is read by tables.py. Rules: ``patterns/tables.yaml``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from . import rules
from .quantities import unit_family


@dataclass(frozen=True)
class Cell:
    text: str
    start: int        # offsets in the normalised text
    end: int


@dataclass(frozen=True)
class Grid:
    before: tuple[Cell, ...]                 # the lines just above: title, unit line
    header: tuple[tuple[Cell, ...], ...]     # header rows as written
    rows: tuple[tuple[Cell, ...], ...]       # body rows, each ``width * groups`` cells
    width: int
    start: int
    end: int
    skipped: tuple[Cell, ...] = ()           # whole rows that do not line up with the header
    labels: int = 0                          # leading label columns; 0: from the cells
    groups: int = 1                          # column groups side by side (one cell per line)


@rules.compiled
def table_rules() -> dict:
    """patterns/tables.yaml with its patterns compiled (read by tables.py too)."""
    cfg = dict(rules.load("tables"))
    for key in ("unit_line", "note_line", "title_line", "header_unit", "label_numbering", "title_words",
                "change_header"):
        cfg[key + "_re"] = re.compile(cfg[key])
    cfg["families"] = tuple((family, tuple(words)) for family, words in cfg["header_families"].items())
    return cfg


_cfg = table_rules


# ------------------------------------------------------------------ cells
_NUMBER = re.compile(r"(?P<num>[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>\S{0,8})")
_EMPTY_CELL = frozenset({"-", "—", "--", "——", "…", "……", "/", "－", "×"})
# a cell or label that is a year (2023, 2023年, 2023年度, 2023年末): a period, not a figure
YEAR_CELL = re.compile(r"(?:19|20)\d{2}(?:年(?:度|末|底)?)?")


def read_cell(text: str) -> tuple[Decimal, str] | None:
    """(value, unit as written) of a cell holding a number and at most a
    unit (12.5, 1,250万吨, -3.2%), else None."""
    m = _NUMBER.fullmatch(text.replace(" ", ""))
    if m is None:
        return None
    unit = m.group("unit")
    if unit and not is_unit(unit):
        return None
    return Decimal(m.group("num").replace(",", "").replace("−", "-")), unit


def is_unit(text: str) -> bool:
    """A unit with or without its multiplier (吨, 万吨, %), or a bare multiplier (万)."""
    return unit_family(text) is not None


def is_value(text: str) -> bool:
    """A number cell or a cell left empty on purpose (-, —, …)."""
    return text in _EMPTY_CELL or read_cell(text) is not None


def _has_number(row) -> bool:
    return any(read_cell(c.text) for c in row[1:])


def _is_year_row(row) -> bool:
    """指标 | 2022 | 2023: a header of years, not a row of figures."""
    values = [c.text.replace(" ", "") for c in row[1:]]
    return (len(values) >= 1 and all(YEAR_CELL.fullmatch(v) for v in values)
            and read_cell(row[0].text) is None)


# ------------------------------------------------------------------ lines
@dataclass(frozen=True)
class _Line:
    text: str       # stripped
    start: int      # offset of the stripped text
    end: int
    raw: str        # the whole line, leading spaces kept (for positions)
    raw_start: int


_LINE = re.compile(r"[^\n]+")


def _lines(text: str) -> list[_Line]:
    out = []
    for m in _LINE.finditer(text):
        raw = m.group().rstrip("\r")
        stripped = raw.strip(" ")            # tabs stay: a row's blank first or last cell
        if stripped.strip():
            lead = len(raw) - len(raw.lstrip(" "))
            out.append(_Line(stripped, m.start() + lead, m.start() + lead + len(stripped), raw, m.start()))
    return out


def find_grids(text: str) -> list[Grid]:
    """Every table of ``text``, in order."""
    lines = _lines(text)
    return grids_of(lines, (_pipe_block, _tab_block, _spaced_block, _FlatRuns(lines).block))


def grids_of(lines: list[_Line], blocks) -> list[Grid]:
    """The tables the layout readers ``blocks`` find in ``lines``, the first
    reader that takes a line winning."""
    grids: list[Grid] = []
    i, floor = 0, 0          # floor: the first line not taken by the table before
    while i < len(lines):
        for block in blocks:
            found = block(lines, i, floor)
            if found is not None:
                grid, i = found
                if grid is not None:
                    grids.append(grid)
                    floor = i
                break
        else:
            i += 1
    return grids


def _is_furniture(line: _Line) -> bool:
    """A unit line, a title (表1 …) or a notes line (注:…): never a row."""
    cfg = _cfg()
    return bool(cfg["unit_line_re"].match(line.text) or cfg["title_line_re"].match(line.text)
                or cfg["note_line_re"].match(line.text))


def _before(lines: list[_Line], i: int, floor: int) -> tuple[Cell, ...]:
    """The title and unit lines right above line ``i`` (at most two)."""
    cfg = _cfg()
    out: list[Cell] = []
    k = i - 1
    while k >= floor and _is_rule(lines[k].text):
        k -= 1                                       # the table's top border
    last = k - 1
    while k >= max(floor, last):
        t = lines[k].text
        if not (cfg["unit_line_re"].match(t) or cfg["title_line_re"].match(t)
                or (len(t) <= cfg["max_title_length"] and t[-1] not in "。;；,，:：!?！？")):
            break
        out.insert(0, Cell(t, lines[k].start, lines[k].end))
        k -= 1
    return tuple(out)


def _grid(before, rows: list[list[Cell]], start: int, end: int, header_end: int | None = None,
          skipped=()) -> Grid | None:
    """Header rows, then body rows of one length; rows of another length
    that hold a number are skipped, rows without one left out."""
    cfg = _cfg()
    rows = [r for r in rows if r]
    before = list(before)
    # a unit line written as the first row of the table (| 单位:万元 | | |)
    while rows and len([c for c in rows[0] if c.text]) == 1 and cfg["unit_line_re"].match(
            next(c.text for c in rows[0] if c.text)):
        before.append(next(c for c in rows[0] if c.text))
        rows = rows[1:]
        header_end = header_end - 1 if header_end else header_end
    if header_end is None:
        header_end = next((k for k, r in enumerate(rows) if _has_number(r) and not (k == 0 and _is_year_row(r))),
                          len(rows))
    body = rows[header_end:]
    numbered = [r for r in body if _has_number(r)]
    if not numbered:
        return None
    counts = Counter(len(r) for r in numbered)
    heads = len(rows[header_end - 1]) if header_end else 0     # a tie goes to the header's length
    width = max(counts, key=lambda n: (counts[n], n == heads, n == heads + 1, n))
    if width < 2:
        return None
    # a row with nothing over the value columns heads none: a body row left blank, a section's name
    labels = next((k for k in range(1, width) if any(len(r) == width and read_cell(r[k].text) for r in numbered)),
                  1)
    header = [r for r in rows[:header_end] if any(c.text for c in (r[labels:] if len(r) >= width else r[1:]))]
    aligned, skipped = [], list(skipped)
    for r in body:
        if len(r) == width:
            aligned.append(tuple(r))
        elif _has_number(r):
            written = [c for c in r if c.text]
            skipped.append(Cell(" | ".join(c.text for c in r), written[0].start, written[-1].end))
    return Grid(tuple(before), tuple(tuple(r) for r in header[-3:]), tuple(aligned), width, start, end,
                tuple(skipped))


# ------------------------------------------------------------------ pipe rows
def _pipe_block(lines, i, floor):
    if "|" not in lines[i].text or _is_furniture(lines[i]):
        return None
    j = i
    while j < len(lines) and ("|" in lines[j].text or _is_rule(lines[j].text)):
        j += 1
    while j > i + 1 and _is_rule(lines[j - 1].text):
        j -= 1                   # the border under the table is not its row
    block = lines[i:j]
    rows, header_end = _pipe_rows(block)
    grid = _grid(_before(lines, i, floor), rows, block[0].start, block[-1].end, header_end)
    return grid, j


_RULE_ROW = re.compile(r"[|\-:—=+ ]*[\-—=][|\-:—=+ ]*")


def _is_rule(text: str) -> bool:
    """|---|---| or +------+------+: a border or the line under a header."""
    return _RULE_ROW.fullmatch(text) is not None


def _pipe_rows(block: list[_Line]) -> tuple[list[list[Cell]], int | None]:
    """The rows of a pipe block, and how many rows stand above a markdown
    rule line (|---|---|) if there is one."""
    # outer pipes: most lines open (close) with one; then a line's first (last)
    # empty cell is the pipe's, else it is a blank cell
    opening = sum(line.text.startswith("|") for line in block) > len(block) // 2
    closing = sum(line.text.endswith("|") for line in block) > len(block) // 2
    if any(line.text.strip("| ") == "" for line in block) and sum(
            len(_pipe_cells(line, False, True)) <= 1 for line in block) > len(block) // 2:
        return _marked_rows(block), None
    rows: list[list[Cell]] = []
    header_end = None
    pending: list[Cell] | None = None
    for line in block:
        if _is_rule(line.text):
            if header_end is None and 0 < len(rows) <= 3:
                header_end = len(rows)       # the rule under the header (a border above it sets nothing)
            continue
        cells = _pipe_cells(line, opening, closing)
        if pending is not None:
            if pending and cells and not line.text.startswith("|"):
                last, first = pending[-1], cells[0]     # the cell goes on in this line
                cells = pending[:-1] + [Cell(last.text + first.text, last.start, first.end)] + cells[1:]
            else:
                cells = pending + cells
            pending = None
        if closing and not line.text.endswith("|"):
            pending = cells
            continue
        rows.append(cells)
    if pending:
        rows.append(pending)
    return rows, header_end


def _marked_rows(block: list[_Line]) -> list[list[Cell]]:
    """| on a line of its own opens a row; the cells follow one a line. Once
    the first row gives the row length, a | line inside a shorter row is a
    blank cell."""
    rows: list[list[Cell]] = []
    width = 0
    for line in block:
        if line.text.strip("| ") == "":
            if len(rows) > 1 and len(rows[-1]) < width:
                rows[-1].append(Cell("", line.start, line.start))
                continue
            if len(rows) == 1:
                width = len(rows[0])
            rows.append([])
            continue
        if not rows:
            rows.append([])
        rows[-1].extend(_pipe_cells(line, False, True))
    return rows


def _pipe_cells(line: _Line, opening: bool, closing: bool) -> list[Cell]:
    """The cells between the pipes of a line; ``opening``/``closing``: the
    block's lines open/close with a pipe, so an empty first/last cell is none."""
    cells, pos = [], line.start
    for part in line.text.split("|"):
        stripped = part.strip()
        offset = pos + (len(part) - len(part.lstrip()))
        cells.append(Cell(stripped, offset, offset + len(stripped)))
        pos += len(part) + 1
    if cells and not cells[0].text and opening:
        cells = cells[1:]
    if cells and not cells[-1].text and closing:
        cells = cells[:-1]
    return cells


# ------------------------------------------------------------------ tabs
_TAB = re.compile(r"\t")
_TABS = re.compile(r"\t+")


def _tab_block(lines, i, floor):
    if "\t" not in lines[i].text or _is_furniture(lines[i]):
        return None
    j = i
    while j < len(lines) and "\t" in lines[j].text:
        j += 1
    block = lines[i:j]
    by_tab = [_split_cells(line, _TAB) for line in block]
    by_run = [_split_cells(line, _TABS) for line in block]
    rows = by_tab if _consistent(by_tab) >= _consistent(by_run) else by_run
    return _grid(_before(lines, i, floor), rows, block[0].start, block[-1].end), j


def _split_cells(line: _Line, sep: re.Pattern) -> list[Cell]:
    cells, pos = [], 0
    for m in [*sep.finditer(line.text), None]:
        end = m.start() if m else len(line.text)
        part = line.text[pos:end]
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        cells.append(Cell(stripped, line.start + pos + lead, line.start + pos + lead + len(stripped)))
        pos = m.end() if m else pos
    return cells


def _consistent(rows: list[list[Cell]]) -> int:
    """How many rows holding a number share the commonest length."""
    counts = Counter(len(r) for r in rows if _has_number(r))
    return max(counts.values(), default=0)


# ------------------------------------------------------------------ space-aligned columns
_GAP = re.compile(r" {2,}")
_SPACE = re.compile(r" +")
_SENTENCE_MARKS = re.compile(r"[。，；！？,;]")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int                  # offset in the text
    spans: tuple                # ((a, b) in characters, (a, b) in display width) from the line start


def _tokens(line: _Line, sep: re.Pattern, widths: list[int] | None = None) -> list[_Token]:
    """The line's cells apart by ``sep``; with ``widths`` (display columns
    before each character) their display spans too, else the characters'."""
    raw = line.raw
    out, pos = [], 0
    for m in [*sep.finditer(raw), None]:
        end = m.start() if m else len(raw)
        if end > pos:
            shown = (widths[pos], widths[end]) if widths else (pos, end)
            out.append(_Token(raw[pos:end], line.raw_start + pos, ((pos, end), shown)))
        pos = m.end() if m else pos
    return out


def _display_widths(raw: str) -> list[int]:
    """The display column before each character (a CJK character is two wide)."""
    widths = [0]
    for ch in raw:
        widths.append(widths[-1] + (2 if unicodedata.east_asian_width(ch) in "WF" else 1))
    return widths


def _spaced(line: _Line) -> list[_Token] | None:
    """The cells of a line of space-aligned columns, or None."""
    if " " not in line.text or "|" in line.text or "\t" in line.text or _is_furniture(line):
        return None
    tokens = _tokens(line, _GAP)
    if len(tokens) >= 2 and not any(_SENTENCE_MARKS.search(t.text) for t in tokens):
        return tokens
    tokens = _tokens(line, _SPACE)
    if (len(tokens) >= 2 and any(read_cell(t.text) for t in tokens[1:])
            and not _SENTENCE_MARKS.search(line.text)):
        return tokens
    return None


def _spaced_block(lines, i, floor):
    if _spaced(lines[i]) is None:
        return None
    j = i
    while j < len(lines):
        if _spaced(lines[j]) is not None:
            j += 1
            continue
        # rows of only a label (按产业分, a row left blank) inside the table: a row with figures follows
        k = j
        while k < len(lines) and k - j < 3 and _label_only(lines[k]):
            k += 1
        if k == j or k == len(lines) or not _spaced_body(lines[k]):
            break
        j = k
    block = lines[i:j]
    if sum(_spaced_body(line) for line in block) < 2:
        return None
    return _spaced_grid(_before(lines, i, floor), block), j


def _label_only(line: _Line) -> bool:
    return (len(line.text) <= _cfg()["max_cell_length"] and _spaced(line) is None and not _is_furniture(line)
            and not _SENTENCE_MARKS.search(line.text) and read_cell(line.text) is None)


def _spaced_body(line: _Line) -> bool:
    tokens = _spaced(line)
    return tokens is not None and any(read_cell(t.text) for t in tokens[1:])


def _spaced_grid(before, block: list[_Line]) -> Grid | None:
    """Columns from the positions the body rows share, in characters or in
    display width."""
    two = [_tokens(line, _GAP) for line in block]
    body = [k for k, t in enumerate(two) if len(t) > 1 and any(read_cell(x.text) for x in t[1:])]
    sep = _GAP if body else _SPACE
    tokens = [_tokens(line, sep, _display_widths(line.raw)) for line in block]
    first_body = next((k for k, t in enumerate(tokens) if len(t) > 1 and any(read_cell(x.text) for x in t[1:])),
                      None)
    if first_body is None:
        return None
    # display width first, then characters: the one that leaves out fewer
    # rows, then whose columns keep straighter edges
    rows, skipped, _, titles = min((_align(tokens, first_body, metric) for metric in (1, 0)),
                                   key=lambda found: (len(found[1]), found[2]))
    return _grid(tuple(before) + tuple(titles), rows, block[0].start, block[-1].end,
                 header_end=first_body - len(titles), skipped=skipped)


def _align(tokens: list[list[_Token]], first_body: int, metric: int):
    """(rows of cells, rows left out, how far cells stray from their
    column's edges, title lines) with the columns the body rows share,
    positions counted in ``metric`` (0 characters, 1 display width). A line
    above the header reaching into the label column is a title, not a
    header row (a header row above another heads value columns: 2023年)."""
    body = [t for t in tokens[first_body:] if len(t) > 1 and any(read_cell(x.text) for x in t[1:])]
    counts = Counter(len(t) for t in body)
    k = max(counts, key=lambda n: (counts[n], n))
    ref = [t for t in body if len(t) == k]
    spans = [(min(t[c].spans[metric][0] for t in ref), max(t[c].spans[metric][1] for t in ref)) for c in range(k)]
    spans = _merge_label_columns(spans, ref)
    rows, skipped = [], []
    # how far the body rows' cells stray from a common left or right edge: none in the right metric
    spread = sum(min(max(e) - min(e) for e in zip(*(t[c].spans[metric] for t in ref))) for c in range(k))
    in_labels = [line_tokens[0].spans[metric][0] < spans[0][1] for line_tokens in tokens]
    # the header row nearest the body (a line of only a label is a body row left blank)
    header = max((n for n in range(first_body) if not (len(tokens[n]) == 1 and in_labels[n])), default=-1)
    titles = []
    for n, line_tokens in enumerate(tokens):
        is_header = n < first_body
        if n < header and in_labels[n]:
            titles.append(Cell("  ".join(x.text for x in line_tokens), line_tokens[0].start,
                               line_tokens[-1].start + len(line_tokens[-1].text)))
            continue
        cells = _place(line_tokens, spans, metric, spanning=is_header)
        if cells is None:
            if not is_header and any(read_cell(x.text) for x in line_tokens):
                skipped.append(Cell("  ".join(x.text for x in line_tokens), line_tokens[0].start,
                                    line_tokens[-1].start + len(line_tokens[-1].text)))
            continue
        rows.append(cells)
    return rows, skipped, spread, titles


def _merge_label_columns(spans, ref):
    """Leading columns without numbers are one label (稻  谷 is 稻谷), except
    a column of units (万头)."""
    first_number = next(c for c in range(len(spans)) if any(read_cell(t[c].text) for t in ref))
    leading = [c for c in range(first_number) if not all(is_unit(t[c].text) for t in ref)]
    if len(leading) < 2 or leading != list(range(len(leading))):
        return spans
    merged = (spans[0][0], spans[len(leading) - 1][1])
    return [merged] + spans[len(leading):]


def _place(line_tokens: list[_Token], spans, metric: int, spanning: bool) -> list[Cell] | None:
    """The line's tokens in the columns they stand in; None if a token stands
    across columns (a header cell may span columns) or two figures meet in one."""
    first = line_tokens[0].spans[metric]
    past_labels = first[0] >= spans[0][1]
    if spanning and (len(line_tokens) == len(spans) or len(line_tokens) == len(spans) - 1 and past_labels):
        placed = [[t] for t in line_tokens]           # a header row with a cell per column: in order
        if len(line_tokens) == len(spans) - 1:
            placed = [[]] + placed                    # ... but the label column's
        return [_join(p) for p in placed]
    columns: list[list[_Token]] = [[] for _ in spans]
    for t in line_tokens:
        a, b = t.spans[metric]
        over = [c for c, (x, y) in enumerate(spans) if min(b, y) - max(a, x) > 0]
        if not over:
            over = [min(range(len(spans)), key=lambda c: min(abs(spans[c][0] - b), abs(a - spans[c][1])))]
        if len(over) > 1 and not spanning:
            return None
        for c in over:
            columns[c].append(t)
    if not spanning and any(sum(read_cell(t.text) is not None for t in col) > 1 for col in columns):
        return None
    return [_join(col) for col in columns]


def _join(tokens: list[_Token]) -> Cell:
    if not tokens:
        return Cell("", 0, 0)
    text = "".join(t.text for t in tokens) if not read_cell(tokens[0].text) else " ".join(t.text for t in tokens)
    return Cell(text, tokens[0].start, tokens[-1].start + len(tokens[-1].text))


# ------------------------------------------------------------------ one cell per line
class _FlatRuns:
    """One cell per line, read in time linear in the number of lines.

    A table of this layout starts at some line of a run of short lines; each
    line of a run is tried in turn, so what does not depend on where the
    table starts (which lines are values, lead-in lines, how many rows from
    a line on fit a row pattern) is worked out once per run, not once per
    line tried (that was quadratic in the run's length)."""

    def __init__(self, lines: list[_Line]):
        self.lines = lines
        self.run_end: list[int] = []      # per line: where the run of cell lines from it ends (lazily)
        self.runs: dict[int, _FlatRun] = {}

    def block(self, lines, i, floor):
        if not _is_cell_line(lines[i]):
            return None
        j = self._end(i)
        grid = self._run(i, j).grid(i, floor) if j > i else None
        return (grid, j) if grid is not None else None

    def _end(self, i: int) -> int:
        """The first line from ``i`` on that cannot be a cell of this layout."""
        ends = self.run_end
        if not ends:
            ends.extend([-1] * len(self.lines))
        if ends[i] < 0:
            j = i
            while j < len(self.lines) and _in_flat_run(self.lines[j]):
                j += 1
            for k in range(i, max(j, i + 1)):
                ends[k] = j
        return ends[i]

    def _run(self, i: int, j: int) -> _FlatRun:
        run = self.runs.get(j)
        if run is None or run.start > i:
            run = self.runs[j] = _FlatRun(self.lines, i, j)
        return run


def _in_flat_run(line: _Line) -> bool:
    return _is_cell_line(line) and "|" not in line.text and "\t" not in line.text


def _is_cell_line(line: _Line) -> bool:
    cfg = _cfg()
    return (len(line.text) <= cfg["max_cell_length"] and line.text[-1] not in "。;；,，:：!?！？"
            and not cfg["note_line_re"].match(line.text))


class _FlatRun:
    """The lines [start, end) of a run, with what every start inside it shares."""

    def __init__(self, lines: list[_Line], start: int, end: int):
        cfg = _cfg()
        self.lines, self.start, self.end = lines, start, end
        n = end - start
        lead = [bool(cfg["unit_line_re"].match(lines[k].text) or cfg["title_line_re"].match(lines[k].text))
                for k in range(start, end)]
        self.mask = bytes(is_value(lines[k].text) for k in range(start, end))
        # from each line on: the first line that is no unit or title line, the
        # first value, and how many values there are
        self.after_lead = [n] * (n + 1)
        self.next_value = [n] * (n + 1)
        self.values_from = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            self.after_lead[k] = self.after_lead[k + 1] if lead[k] else k
            self.next_value[k] = k if self.mask[k] else self.next_value[k + 1]
            self.values_from[k] = self.values_from[k + 1] + self.mask[k]
        self.fits: dict[tuple[int, int], list[int]] = {}

    def _fitting_rows(self, width: int, labels: int) -> list[int]:
        """For each line k: how many of the complete rows of ``width`` cells
        from k on are ``labels`` labels and then values."""
        found = self.fits.get((width, labels))
        if found is None:
            n, mask = len(self.mask), self.mask
            pattern = bytes([0] * labels + [1] * (width - labels))
            found = [0] * (n + 1)
            for k in range(n - width, -1, -1):
                found[k] = (mask[k:k + width] == pattern) + (found[k + width] if k + width <= n - width else 0)
            self.fits[(width, labels)] = found
        return found

    def grid(self, i: int, floor: int) -> Grid | None:
        """The table of the lines from ``i`` to the run's end, if they hold
        one: the row length from the repeating pattern of labels and
        numbers, then the cells read as a grid."""
        cfg = _cfg()
        base = self.start
        p = self.after_lead[i - base]                 # the unit and title lines opening it are its lead-in
        n = len(self.mask)
        if n - p < cfg["min_cells"] or self.values_from[p] < 2:
            return None
        first = self.next_value[p]
        for width in range(2, 9):
            for labels in range(1, width):
                body_start = first - labels
                if body_start < p:
                    continue
                complete = (n - body_start) // width
                if complete < 2 or self._fitting_rows(width, labels)[body_start] < 0.8 * complete:
                    continue
                header_length = body_start - p
                if header_length not in (width, width - labels) and (not header_length or header_length % width):
                    continue
                return self._read(i, floor, p, body_start, width, labels)
        return None

    def _read(self, i: int, floor: int, p: int, body_start: int, width: int, labels: int) -> Grid:
        base, lines = self.start, self.lines
        cells = [Cell(line.text, line.start, line.end) for line in lines[base + p:self.end]]
        lead_in = tuple(Cell(line.text, line.start, line.end) for line in lines[i:base + p])
        body_start -= p
        header = cells[:body_start]
        body = len(cells) - body_start
        grid_rows = tuple(tuple(cells[body_start + k:body_start + k + width])
                          for k in range(0, body - width + 1, width))
        groups = max(1, len(header) // width) if len(header) >= width else 1
        return Grid(_before(lines, i, floor) + lead_in, (tuple(header),) if header else (),
                    grid_rows, width, cells[0].start, grid_rows[-1][-1].end, labels=labels, groups=groups)
