"""The review page: each document's text with its figures marked, and all
rows in one table, so that a person can check every figure in its context.

``render_page(items)`` is a pure function from (document, figures) pairs to
one self-contained HTML page: no network, inline CSS and one small inline
script, which the page's Content-Security-Policy allows by its hash (so no
other script can run, whatever the articles hold). Everything taken from the
input is HTML-escaped.

Which text is shown. A figure's ``start``/``end`` (the CSV's columns) are
offsets in the input as read: ``mention == document.text[start:end]``. So a
plain-text input is shown exactly as read (decoded, script and width as
written): each mark covers the row's ``mention`` at the row's offsets, and
what a reader sees is what the row quotes. A web page is shown as its visible
main-content text (``normalise.visible_text``: tags out, entities decoded),
which keeps a map back to the page's offsets; a mark covers what its mention
shows as. The further normalising the extractor does before reading
(Traditional to Simplified, full-width to half-width, broken lines joined)
is not applied to what is shown: it would change the text a person quotes,
and the offsets point into the text before it.

The table of rows, the filters and the details shown on hover or focus are
drawn by the script from one JSON block (strings stored once), a page of rows
at a time, so that a page of 1,000 documents opens quickly; the texts and
their marks are plain HTML.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from . import rules
from .models import Document, Figure
from .writer import decimal_text

# The row's columns shown in the table and on hover, in this order.
BASE_COLUMNS = ("county", "indicator", "value", "unit", "qualifier", "status", "period")
# Columns other stages may add (rule ids from --explain, the county panel's
# columns); read with getattr, shown only when some row has them.
EXTRA_COLUMNS = ("rules", "indicator_std", "measure", "year", "adcode", "province", "prefecture")
# Per document, when the rows carry them (a sources manifest).
DOCUMENT_COLUMNS = ("url", "published")

CHART_INDICATORS = 6       # standard indicators charted per county, at most
UNPLACED, BORDERLINE, UNSHOWN = 1, 2, 4     # row flags, also read by the script


def render_page(items: Iterable[tuple[Document, Sequence[Figure]]], failed: Sequence[str] = (),
                title: str = "county-figures review") -> str:
    """The review page for these documents and their figures (in the order
    given); ``failed`` lists inputs that could not be read, one line each."""
    docs = [_Doc(k, doc, list(figures)) for k, (doc, figures) in enumerate(items)]
    rows = _number_rows(docs)
    extras = [c for c in EXTRA_COLUMNS if any(_attr(r.figure, c) for r in rows)]
    parts = [_HEAD.format(title=_esc(title), csp=_CSP, style=_STYLE),
             _summary(title, docs, rows, failed),
             _document_list(docs),
             _rows_section(),
             _charts(rows)]
    parts += [_document_section(d) for d in docs]
    parts.append(_data_block(docs, rows, extras))
    parts.append(f"<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>{_SCRIPT}</script>\n</body></html>\n")
    return "".join(parts)


@dataclass
class _Row:
    n: int                 # the row's number: its mark is #f{n}
    doc: int
    figure: Figure
    flags: int = 0
    note: str = ""         # why a person should look: no county, stated again, ...


class _Doc:
    """A document, the text shown for it and where each of its figures stands there."""

    def __init__(self, k: int, doc: Document, figures: list[Figure]):
        self.k, self.doc, self.figures = k, doc, figures
        self.text, origin = _shown_text(doc)
        self.spans = [_shown_span(f, self.text, origin) for f in figures]
        self.rows: list[_Row] = []
        self.county = _main_county(figures)

    def attr(self, name: str) -> str:
        return next((v for v in (_attr(f, name) for f in self.figures) if v), "")


def _shown_text(doc: Document) -> tuple[str, Sequence[int] | None]:
    """The text shown and, for a web page, each character's offset in the page."""
    if not doc.html:
        return doc.text, None
    from .normalise import visible_text

    shown = visible_text(doc.text)
    return shown.text, shown.origin


def _shown_span(f: Figure, text: str, origin: Sequence[int] | None) -> tuple[int, int] | None:
    """Where the figure stands in the shown text, or None when it is not there."""
    if origin is None:
        ok = 0 <= f.start <= f.end <= len(text)
        return (f.start, f.end) if ok else None
    a = bisect_left(origin, f.start, 0, len(text))
    b = bisect_left(origin, f.end, a, len(text))
    return (a, b) if b > a or f.end == f.start else None


def _main_county(figures: list[Figure]) -> str:
    counts = Counter(f.county for f in figures if f.county)
    return counts.most_common(1)[0][0] if counts else ""


def _number_rows(docs: list[_Doc]) -> list[_Row]:
    """All rows in document order, each with its flags and note."""
    rows: list[_Row] = []
    for d in docs:
        seen: set[tuple] = set()
        for f, span in zip(d.figures, d.spans):
            notes, flags = [], 0
            if not f.county or not f.indicator:
                flags |= UNPLACED
                notes.append(" and ".join(w for w, v in (("no county", f.county), ("no indicator", f.indicator))
                                          if not v))
            borderline = _borderline(d.doc.text, f, seen)
            if borderline:
                flags |= BORDERLINE
                notes.append(borderline)
            if span is None:
                flags |= UNSHOWN
                notes.append("not in the text shown")
            row = _Row(len(rows), d.k, f, flags, "; ".join(notes))
            rows.append(row)
            d.rows.append(row)
    return rows


def _borderline(text: str, f: Figure, seen: set[tuple]) -> str:
    """Why a reasonable reader could leave this figure out (the guideline's
    `optional` rows), or '': stated again in the document, or a part of a
    ratio (12.6:38.9:48.5)."""
    if _attr(f, "optional") not in ("", "0"):
        return "borderline"
    key = (f.county, f.indicator, f.value, f.unit)
    if key in seen:
        return "stated again"
    seen.add(key)
    before, after = text[max(0, f.start - 2):f.start], text[f.end:f.end + 2]
    colons = _colons()
    if (len(before) == 2 and before[1] in colons and before[0].isdecimal()) or \
            (len(after) == 2 and after[0] in colons and after[1].isdecimal()):
        return "part of a ratio"
    return ""


@rules.compiled
def _colons() -> frozenset[str]:
    """':' and the characters the normaliser reads as ':' (patterns/normalise.yaml;
    the full-width one is folded there with all full-width ASCII)."""
    variants = rules.load("normalise")["variants"]
    return frozenset([":", "\uff1a"] + [k for k, v in variants.items() if v == ":"])


def _attr(f: Figure, name: str) -> str:
    """A column that may not exist yet, as text ('' when absent)."""
    value = getattr(f, name, "")
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value)


def _cell(f: Figure, name: str) -> str:
    if name == "value":
        value = decimal_text(f.value)
        return f"{value}–{decimal_text(f.value_max)}" if f.value_max is not None else value
    return _attr(f, name)


# -- HTML ------------------------------------------------------------------

_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                               "\r": "&#13;"})


def _text(s: str) -> str:
    """Text content, escaped (a carriage return is kept as written: the HTML
    parser would fold it into a line feed and shift every offset after it)."""
    return s.translate(_TEXT_ESCAPES)


def _esc(s: str) -> str:
    """An attribute value or any short text, escaped."""
    return s.translate(_ATTR_ESCAPES)


def _link(url: str) -> str:
    """A link to a page's address: only http(s), so a `javascript:` address is shown, never followed."""
    if re.match(r"https?://", url, re.I):
        return f'<a href="{_esc(url)}" rel="noreferrer noopener">{_esc(url)}</a>'
    return _esc(url)


def _summary(title: str, docs: list[_Doc], rows: list[_Row], failed: Sequence[str]) -> str:
    unplaced = sum(1 for r in rows if r.flags & UNPLACED)
    out = [f"<header><h1>{_esc(title)}</h1>\n<p>{len(docs)} documents, {len(rows)} rows, "
           f"<strong>{unplaced} to check</strong> (no county or no indicator; listed first).</p>\n"
           '<p class="legend"><mark class="a">actual</mark> <mark class="t">target</mark> '
           '<mark class="a b">borderline</mark> <mark class="a u">no county or indicator</mark> '
           "Hover over a mark, or Tab to it, for its row.</p>\n"]
    if failed:
        out.append('<details open><summary>Inputs that could not be read</summary><ul>')
        out += [f"<li>{_esc(line)}</li>" for line in failed]
        out.append("</ul></details>\n")
    out.append("<noscript><p>The table of rows and the details on hover need JavaScript; "
               "the texts and their marks show without it.</p></noscript></header>\n")
    return "".join(out)


def _document_list(docs: list[_Doc]) -> str:
    extra = [c for c in DOCUMENT_COLUMNS if any(d.attr(c) for d in docs)]
    head = "".join(f"<th>{c}</th>" for c in extra)
    out = ['<section id="documents"><h2>Documents</h2>\n<table class="list"><thead><tr><th>#</th>'
           f"<th>document</th><th>county</th><th>rows</th><th>to check</th>{head}</tr></thead><tbody>\n"]
    for d in docs:
        check = sum(1 for r in d.rows if r.flags & UNPLACED)
        cells = "".join(f"<td>{_link(d.attr(c)) if c == 'url' else _esc(d.attr(c))}</td>" for c in extra)
        out.append(f'<tr><td>{d.k + 1}</td><td><a href="#d{d.k}">{_esc(d.doc.source)}</a></td>'
                   f"<td>{_esc(d.county)}</td><td>{len(d.rows)}</td><td>{check or ''}</td>{cells}</tr>\n")
    out.append("</tbody></table></section>\n")
    return "".join(out)


def _rows_section() -> str:
    return ('<section id="rows"><h2>Rows</h2>\n<form class="filters" id="filters">'
            '<label>County <select id="f-county"><option value="">all</option></select></label> '
            '<label>Indicator <input id="f-indicator" list="indicators" placeholder="any part of it" '
            'autocomplete="off"></label><datalist id="indicators"></datalist> '
            '<label>Status <select id="f-status"><option value="">all</option></select></label> '
            '<label><input type="checkbox" id="f-check"> only rows to check</label> '
            '<output id="rows-count"></output></form>\n'
            '<div class="scroll"><table class="rows"><thead id="rows-head"></thead>'
            '<tbody id="rows-body"></tbody></table></div>\n'
            '<button type="button" id="rows-more" hidden>Show more rows</button></section>\n')


def _document_section(d: _Doc) -> str:
    check = [r for r in d.rows if r.flags & UNPLACED]
    meta = [_esc(d.county) or "no county found", f"{len(d.rows)} rows"]
    meta += [_link(d.attr("url")) if c == "url" else _esc(d.attr(c)) for c in DOCUMENT_COLUMNS if d.attr(c)]
    out = [f'<section class="doc" id="d{d.k}"><h2><a href="#d{d.k}">{d.k + 1}.</a> {_esc(d.doc.source)}</h2>\n'
           f'<p class="meta">{" · ".join(meta)}</p>\n']
    if check:
        links = ", ".join(f'<a href="#f{r.n}">{_esc(r.figure.mention) or "(empty)"}</a> ({_esc(r.note)})'
                          for r in check)
        out.append(f'<p class="check">To check: {links}</p>\n')
    unshown = [r for r in d.rows if r.flags & UNSHOWN]
    if unshown:
        out.append('<p class="check">Not in the text shown: '
                   + ", ".join(_esc(r.figure.mention) for r in unshown) + "</p>\n")
    spans = [(a, b, r) for span, r in zip(d.spans, d.rows) if span for a, b in [span]]
    out.append(f'<div class="text">{_marked(d.text, spans, compress=d.doc.html)}</div></section>\n')
    return "".join(out)


def _mark_class(r: _Row) -> str:
    cls = "t" if r.figure.status == "target" else "a"
    if r.flags & BORDERLINE:
        cls += " b"
    if r.flags & UNPLACED:
        cls += " u"
    return cls


_BLANK_RUN = re.compile(r"[ \t\f\v]*\n[ \t\f\v\r\n]*\n[ \t\f\v]*")
_SPACE_RUN = re.compile(r"[ \t]{2,}")


def _tidy(segment: str) -> str:
    """A web page's text between marks, with the indentation and blank lines
    of its markup folded (what a browser would show)."""
    return _SPACE_RUN.sub(" ", _BLANK_RUN.sub("\n\n", segment))


def _marked(text: str, spans: list[tuple[int, int, _Row]], compress: bool = False) -> str:
    """The text with a <mark> around each span. Spans are well nested in
    practice; one that crosses another is split into pieces, the first
    holding the id and the later ones ``data-of`` it."""
    starts, ends, empty = defaultdict(list), defaultdict(list), defaultdict(list)
    for a, b, r in spans:
        if a == b:
            empty[a].append(r)
        else:
            starts[a].append((b, r))
            ends[b].append(r.n)
    bounds = sorted(set(starts) | set(ends) | set(empty) | {len(text)})
    out: list[str] = []
    stack: list[_Row] = []
    pos = 0
    for p in bounds:
        segment = text[pos:p]
        out.append(_text(_tidy(segment) if compress and not stack else segment))
        pos = p
        closing = set(ends.get(p, ()))
        reopen = []
        while closing:
            top = stack.pop()
            out.append("</mark>")
            if top.n in closing:
                closing.discard(top.n)
            else:
                reopen.append(top)
        for r in reversed(reopen):
            out.append(f'<mark class="{_mark_class(r)}" data-of="f{r.n}">')
            stack.append(r)
        for r in empty.get(p, ()):
            out.append(f'<mark id="f{r.n}" tabindex="0" class="{_mark_class(r)} z"></mark>')
        for b, r in sorted(starts.get(p, ()), key=lambda e: (-e[0], e[1].n)):
            out.append(f'<mark id="f{r.n}" tabindex="0" class="{_mark_class(r)}">')
            stack.append(r)
    segment = text[pos:]
    out.append(_text(_tidy(segment) if compress else segment))
    return "".join(out)


def _data_block(docs: list[_Doc], rows: list[_Row], extras: list[str]) -> str:
    """Rows for the script: [document, flags, note, column...], every string
    given as its index in one list of strings (each stored once)."""
    strings: dict[str, int] = {}

    def s(value: str) -> int:
        return strings.setdefault(value, len(strings))

    columns = list(BASE_COLUMNS) + extras
    data = {
        "docs": [d.doc.source for d in docs],
        "cols": columns,
        "rows": [[r.doc, r.flags, s(r.note)] + [s(_cell(r.figure, c)) for c in columns] for r in rows],
    }
    data["s"] = list(strings)
    # "<" written as an escape, so no string can close the script element.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", r"\u003c")
    return f'<script type="application/json" id="data">{text}</script>\n'


# -- charts ----------------------------------------------------------------

def _charts(rows: list[_Row]) -> str:
    """Per county, a small chart of each main standard indicator by year,
    where the rows carry ``indicator_std`` and ``year`` (the county panel)."""
    series: dict[str, dict[tuple, list]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        f = r.figure
        std, year = _attr(f, "indicator_std"), _attr(f, "year")
        if not (f.county and std and year.isdecimal() and f.std_value is not None and f.status != "target"):
            continue
        key = (std, _attr(f, "measure"), f.std_unit)
        series[f.county][key].append((int(year), f.std_value, r.n))
    if not series:
        return ""
    out = ['<section id="charts"><h2>By county and year</h2>\n']
    for county in sorted(series):
        ranked = sorted(series[county].items(),
                        key=lambda kv: (-len({y for y, _, _ in kv[1]}), -len(kv[1]), kv[0]))
        svgs = "".join(_chart(key, points) for key, points in ranked[:CHART_INDICATORS])
        out.append(f'<div class="county"><h3>{_esc(county)}</h3><div class="charts">{svgs}</div></div>\n')
    out.append("</section>\n")
    return "".join(out)


W, H, PAD = 180, 64, 6


def _chart(key: tuple[str, str, str], points: list[tuple]) -> str:
    """One indicator's values by year: a dot per row (linked to its mark), a
    line through each year's first value. Floats only place the dots."""
    std, measure, unit = key
    years = sorted({y for y, _, _ in points})
    values = [float(v) for _, v, _ in points]
    lo, hi = min(values), max(values)

    def x(year: int) -> float:
        return W / 2 if len(years) == 1 else PAD + (W - 2 * PAD) * years.index(year) / (len(years) - 1)

    def y(value: float) -> float:
        return H / 2 if hi == lo else PAD + (H - 2 * PAD) * (hi - value) / (hi - lo)

    first = {}
    for year, value, _ in points:
        first.setdefault(year, value)
    line = " ".join(f"{x(yr):.1f},{y(float(first[yr])):.1f}" for yr in years)
    dots = "".join(
        f'<a href="#f{n}"><circle cx="{x(yr):.1f}" cy="{y(float(v)):.1f}" r="3">'
        f"<title>{yr}: {_esc(_short(v))} {_esc(unit)}</title></circle></a>" for yr, v, n in points)
    name = std + (f" · {measure}" if measure else "")
    label = f"{name} ({unit})" if unit else name
    return (f'<figure class="chart"><svg width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
            f'aria-label="{_esc(label)} by year"><polyline points="{line}"/>{dots}</svg>'
            f"<figcaption>{_esc(label)}<br><small>{years[0]}–{years[-1]}: {_esc(_short(lo))} to "
            f"{_esc(_short(hi))}</small></figcaption></figure>")


def _short(value) -> str:
    """A label: 93.4亿, 1.2万, 6.5 (labels only; the rows keep exact values)."""
    v = float(value)
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= size:
            return f"{v / size:.4g}{word}"
    return f"{v:.4g}"


# -- page furniture ----------------------------------------------------------

_HEAD = """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>{style}</style></head>
<body>
"""

_STYLE = """
body{font:15px/1.65 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;
 color:#1f2328;margin:0 auto;max-width:72rem;padding:0 1rem 4rem}
h1{font-size:1.4rem;margin:1rem 0 .2rem} h2{font-size:1.1rem;margin:1.6rem 0 .4rem} h3{font-size:1rem;margin:.6rem 0 .2rem}
a{color:#0b57d0}
mark{background:#fde68a;color:inherit;border-radius:2px;padding:0 1px;cursor:help}
mark.t{background:#bfdbfe}
mark.b{text-decoration:underline dashed #92400e;text-underline-offset:3px}
mark.u{box-shadow:0 0 0 2px #dc2626}
mark.z::after{content:"\\25b4";color:#dc2626}
mark:focus,mark:target{outline:2px solid #111;outline-offset:1px}
.legend mark{cursor:default}
table{border-collapse:collapse;font-size:.9rem}
th,td{border-bottom:1px solid #d8dee4;padding:.15rem .5rem;text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#f6f8fa}
table.list{margin-bottom:.5rem}
#documents{max-height:40vh;overflow:auto}
.scroll{max-height:60vh;overflow:auto;border:1px solid #d8dee4}
table.rows td{white-space:nowrap}
tr.u td{background:#fef2f2}
.filters{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;margin:.3rem 0 .6rem}
.filters output{color:#57606a}
.doc{content-visibility:auto;contain-intrinsic-size:auto 40rem;border-top:1px solid #d8dee4}
.doc h2 a{color:#57606a;text-decoration:none}
.meta,.check{color:#57606a;margin:.2rem 0}
.check{color:#b91c1c}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fafbfc;padding:.6rem .8rem;border-radius:4px}
.charts{display:flex;flex-wrap:wrap;gap:.6rem}
figure.chart{margin:0;font-size:.8rem}
figure.chart svg{background:#fafbfc;border:1px solid #d8dee4}
polyline{fill:none;stroke:#0b57d0;stroke-width:1.5} circle{fill:#0b57d0}
#tip{position:absolute;z-index:10;max-width:26rem;background:#fff;border:1px solid #8c959f;border-radius:4px;
 box-shadow:0 2px 8px rgba(0,0,0,.2);padding:.3rem .6rem;font-size:.85rem}
#tip dl{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;margin:0} #tip dt{color:#57606a}
#tip dd{margin:0}
"""

_SCRIPT = r"""
(function () {
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const S = D.s, COLS = D.cols, R = D.rows, PAGE = 200;
const $ = id => document.getElementById(id);
const col = {}; COLS.forEach((c, k) => { col[c] = k + 3; });
const get = (r, c) => S[r[col[c]]];
const order = R.map((r, n) => n).filter(n => R[n][1] & 1).concat(R.map((r, n) => n).filter(n => !(R[n][1] & 1)));
const fc = $("f-county"), fi = $("f-indicator"), fs = $("f-status"), fk = $("f-check");
const body = $("rows-body"), count = $("rows-count"), more = $("rows-more");
const choices = {};
function options(select, c) {
  const n = new Map();
  R.forEach(r => { const v = get(r, c); n.set(v, (n.get(v) || 0) + 1); });
  choices[select.id] = [...n.keys()].sort();
  choices[select.id].forEach((v, k) => select.add(new Option((v || "(none)") + " (" + n.get(v) + ")", k)));
}
options(fc, "county"); options(fs, "status");
const dl = $("indicators");
[...new Set(R.map(r => get(r, "indicator")))].filter(Boolean).sort().forEach(v => dl.append(new Option(v)));
const head = document.createElement("tr");
["row", "document"].concat(COLS, ["note"]).forEach(c => { const th = document.createElement("th"); th.textContent = c; head.append(th); });
$("rows-head").append(head);
let match = [], shown = 0;
const want = select => choices[select.id][+select.value];
function apply() {
  const c = fc.value, s = fs.value, i = fi.value.trim(), k = fk.checked;
  match = order.filter(n => {
    const r = R[n];
    return (c === "" || get(r, "county") === want(fc)) && (s === "" || get(r, "status") === want(fs))
      && (i === "" || get(r, "indicator").includes(i)) && (!k || (r[1] & 1));
  });
  body.textContent = ""; shown = 0; page();
}
function page() {
  const end = Math.min(match.length, shown + PAGE), frag = document.createDocumentFragment();
  for (; shown < end; shown++) frag.append(line(match[shown]));
  body.append(frag);
  count.value = shown + " of " + match.length + " rows shown";
  more.hidden = shown >= match.length;
}
function td(tr, text) { const c = document.createElement("td"); c.textContent = text; tr.append(c); return c; }
function line(n) {
  const r = R[n], tr = document.createElement("tr"), m = $("f" + n);
  tr.dataset.n = n;
  if (r[1] & 1) tr.className = "u";
  const a = document.createElement("a");
  a.textContent = m ? (m.textContent || "(empty)") : "(not shown)";
  if (m) a.href = "#f" + n;
  td(tr, "").append(a);
  const doc = document.createElement("a");
  doc.textContent = D.docs[r[0]];
  doc.href = "#d" + r[0];
  td(tr, "").append(doc);
  COLS.forEach(c => td(tr, get(r, c)));
  td(tr, S[r[2]]);
  return tr;
}
[fc, fs, fk].forEach(e => e.addEventListener("change", apply));
fi.addEventListener("input", apply);
$("filters").addEventListener("submit", e => e.preventDefault());
more.addEventListener("click", page);
apply();
const tip = $("tip");
function markOf(t) { return t && t.closest ? t.closest("mark[id^='f'],mark[data-of]") : null; }
function show(m) {
  const n = +(m.id || m.dataset.of).slice(1), r = R[n], dlist = document.createElement("dl");
  const add = (k, v) => { if (!v) return; const dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = k; dd.textContent = v; dlist.append(dt, dd); };
  COLS.forEach(c => add(c, get(r, c)));
  add("note", S[r[2]]);
  add("document", D.docs[r[0]]);
  tip.replaceChildren(dlist);
  tip.hidden = false;
  const box = m.getBoundingClientRect();
  tip.style.left = Math.max(0, Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8)) + scrollX + "px";
  tip.style.top = box.bottom + scrollY + 4 + "px";
  m.setAttribute("aria-describedby", "tip");
}
function hide(e) { if (markOf(e.target)) tip.hidden = true; }
document.addEventListener("mouseover", e => { const m = markOf(e.target); if (m) show(m); });
document.addEventListener("focusin", e => { const m = markOf(e.target); if (m) show(m); });
document.addEventListener("mouseout", hide);
document.addEventListener("focusout", hide);
function go() { const m = location.hash && document.getElementById(location.hash.slice(1)); if (m && m.tagName === "MARK") m.focus(); }
window.addEventListener("hashchange", go);
go();
})();
"""

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()}'")
