"""The pipeline: read → normalise → segment → find quantities → name
indicators → attribute counties → rows. Each stage is a module of its own."""
from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Iterator

from . import metadata, rules, years
from .clauses import analyse, may_name_area
from .counties import (Areas, Carry, area_columns, document_areas, home_over, label_area, prepositions,
                       resolve_areas, topic_units_of)
from .faults import SkippedWarning, contained, skipped_message
from .indicators import name_cell, name_indicators
from .models import Document, Figure, NormalisedText, Sentence
from .normalise import normalise
from .quantities import find_quantities, scaled, split_multiplier
from .segment import clause_end, segment
from .standard import annotate
from .tables import Table, TableFigure, TableWarning, find_tables
from .periods import ParagraphTime, cell_time, resolve_times


@dataclass(frozen=True)
class Options:
    county: str = ""          # the county every input is about, when the user knows it
    patterns: tuple[str, ...] = ()   # the user's own rules files, added to patterns/
    fallback_county: str = ""  # the county when the text names none (from the page's address)


# A long text is read in pieces of about this many characters, cut at sentence
# ends, so memory and the work per piece stay bounded (a 100 MB single line).
CHUNK_CHARS = 1_000_000
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def extract_document(doc: Document, options: Options = Options()) -> list[Figure]:
    """Every figure of a document, in the order they stand."""
    return [f for piece in iter_figures(doc, options) for f in piece]


def iter_figures(doc: Document, options: Options = Options()) -> Iterator[list[Figure]]:
    """The figures of a document piece by piece (one piece unless it is long)."""
    doc, options = prepare(doc, options)
    chunks = _chunks(doc.text) if not doc.html else [(0, len(doc.text))]
    if len(chunks) == 1:
        yield _extract(doc, 0, len(doc.text), options)
        return
    if not options.county:
        options = with_main_area(doc.source, (normalise(doc.text[a:b]).text for a, b in chunks), options)
    for a, b in chunks:
        yield _extract(doc, a, b, options)


def with_main_area(source: str, texts, options: Options) -> Options:
    """The options of a long text read in pieces: its home area is the one
    most pieces have (else the page's address). A piece whose places cannot
    be read gives no vote (said once); an error reading the input itself is
    the input's, and goes on to the caller."""
    homes, failed = [], None
    for text in texts:
        try:
            homes.append(document_areas(text).home)
        except Exception as error:          # (not KeyboardInterrupt: that stops the run)
            failed = failed or error
    if failed is not None:
        warnings.warn(SkippedWarning(skipped_message(source, None, "place reading", failed)), stacklevel=2)
    return replace(options, county=home_over(homes) or options.fallback_county)


def prepare(doc: Document, options: Options) -> tuple[Document, Options]:
    """What is settled before a document is read: the user's rules, the
    page's own facts, the county options (``stream.py`` does the same for an
    input too long to hold)."""
    if options.patterns:        # set here too for worker processes that do not inherit them
        rules.use_overlays(options.patterns)
    doc = metadata.complete(doc)
    return doc, _county_options(doc, options)


def _county_options(doc: Document, options: Options) -> Options:
    """--county wins, then the manifest's county; else the text decides, and
    the page's address only when the text names no county."""
    if options.county:
        return options
    if doc.county:
        return replace(options, county=doc.county)
    if doc.url and not options.fallback_county:
        from .address import county_of

        return replace(options, fallback_county=county_of(doc.url))
    return options


def _areas(doc: Document, norm: NormalisedText, title: str, options: Options) -> Areas:
    """The document's places; if reading them raises, the home area the
    options give and no places, so every figure is still written."""
    with contained(doc.source, norm, 0, "place reading"):
        return document_areas(norm.text, title=title, given=options.county, fallback=options.fallback_county)
    return document_areas("", given=options.county, fallback=options.fallback_county)


def _tables(doc: Document, norm: NormalisedText) -> list[Table]:
    """The tables of the text; if finding them raises, none (the text is read as prose)."""
    with contained(doc.source, norm, 0, "table reading"):
        return find_tables(norm.text)
    return []


def _chunks(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while len(text) - start > CHUNK_CHARS:
        end = piece_end(text, start)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def piece_end(text: str, start: int) -> int:
    """Where the piece of a long text that starts at ``start`` ends (the text
    must hold at least ``CHUNK_CHARS`` + 10 000 characters after ``start``, or
    all that is left)."""
    cut = _SENTENCE_END.search(text, start + CHUNK_CHARS, start + CHUNK_CHARS + 10_000)
    return cut.end() if cut else start + CHUNK_CHARS


def extract_piece(doc: Document, options: Options) -> list[Figure]:
    """The figures of one piece of a long input (``stream.py`` cuts it with
    ``piece_end`` and sets ``options.county`` from all pieces)."""
    return _extract(doc, 0, len(doc.text), options)


def _extract(doc: Document, chunk_start: int, chunk_end: int, options: Options) -> list[Figure]:
    piece = doc.text[chunk_start:chunk_end] if (chunk_start, chunk_end) != (0, len(doc.text)) else doc.text
    norm = normalise(piece, html=doc.html)
    if chunk_start:
        norm = NormalisedText(norm.text, norm.origin, base=chunk_start)
    sentences = segment(norm.text)
    title = sentences[0].title if sentences else ""
    areas = _areas(doc, norm, title, options)
    tables = _tables(doc, norm)
    _warn_skipped_rows(doc, norm, tables)
    figures: list[Figure] = []
    paragraph_time = ParagraphTime()
    carry = Carry()
    roles = prepositions()
    topic_units = topic_units_of(sentences, norm.text)
    for sent in sentences:
        if any(t.start <= sent.start < t.end for t in tables):
            continue          # read as a table below
        carry.enter(topic_units[sent.paragraph])
        paragraph_time.enter(sent.paragraph)
        # A sentence or figure that raises is skipped with a warning; the rest is kept.
        with contained(doc.source, norm, sent.start):
            quantities = find_quantities(sent.text)
            paragraph_time.read(sent.text, quantities[0].start if quantities else None)
            mentions = areas.between(sent.start, sent.start + len(sent.text))
            if not quantities and not mentions and not may_name_area(sent.text):
                continue          # nothing to place, nothing that changes the paragraph's subject
            analysis = analyse(sent.text, sent.start, quantities, mentions, roles)
            decisions = resolve_areas(analysis, areas, carry)
            if not quantities:
                continue
            # each figure's clause, from its start (the analysis has found it) to the end
            # after the number: the indicators and the periods both ask
            clauses = [(analysis.clause_of(q.start)[0], clause_end(sent.text, q.end)) for q in quantities]
            indicators = name_indicators(sent.text, quantities, analysis.area_words, clauses)
            times = resolve_times(sent.text, quantities, sent.heading, sent.title, paragraph_time, clauses)
            s_start, s_end = norm.span_in_original(sent.start, sent.start + len(sent.text))
            sentence_text = " ".join(doc.text[s_start:s_end].split())
            for q, naming, area, time in zip(quantities, indicators, decisions, times):
                with contained(doc.source, norm, sent.start + q.start, "figure"):
                    figures.append(_figure(doc, norm, sent, q, naming, area, time, sentence_text))
    starts = [s.start for s in sentences]
    for f in (f for t in tables for f in t.figures):
        with contained(doc.source, norm, f.start, "figure"):
            k = bisect_right(starts, f.start)
            figures.append(_table_figure(doc, norm, f, areas, sentences[k - 1] if k else None))
    figures.sort(key=lambda f: f.start)
    annotate(figures, areas.home)      # standard indicators (area columns come from the decisions)
    return _with_document_facts(figures, doc, sentences)


def _with_document_facts(figures: list[Figure], doc: Document, sentences: list[Sentence]) -> list[Figure]:
    """Each figure's year, and the document's address and publication date."""
    titles = [doc.title] + [s.text for s in sentences[:_TITLE_SENTENCES] if s.is_heading]
    ref = years.reference(doc.published, titles)
    for f in figures:
        f.year = years.year_of(f.period, f.status, ref)
        f.url, f.published = doc.url, doc.published
    return figures


# A bulletin's title is looked for among the headings of the first sentences
# (a page may open with a breadcrumb line: 首页/政务公开/统计公报).
_TITLE_SENTENCES = 10


def _table_figure(doc: Document, norm: NormalisedText, f: TableFigure, areas: Areas,
                  above: Sentence | None) -> Figure:
    """A table cell's row; ``above`` is the last sentence starting at or before it."""
    start, end = norm.span_in_original(f.start, f.end)
    heading = (above.heading or above.title) if above else ""
    std_factor, std_unit = split_multiplier(f.unit)
    row_area = label_area(f.label, areas) if f.label else None
    # a column naming a place (指标 | 房县 | 竹山县): the place is the cell's area, the label its name
    column_area = label_area(f.header, areas) if f.header and row_area is None else None
    area = row_area or column_area or areas.home_decision()
    # a place's row names no indicator; a level row (州直) stays in it, unlike the area
    label_is_area = row_area is not None and row_area.rule != "area_table_level_row"
    naming = name_cell(f.label, "" if column_area else f.header, label_is_area)
    if not naming.name and f.subject:       # neither row nor column says what: the title does
        naming = name_cell(f.subject, "", False)
    time = cell_time(f.period, f.title + " " + f.header, heading, above.title if above else "")
    adcode, province, prefecture = area_columns(area.place)
    return Figure(
        county=area.name, indicator=naming.name, value=f.value, unit=f.unit,
        source=doc.source, status=time.status, period=time.period,
        std_value=scaled(f.value, std_factor), std_unit=std_unit,
        mention=doc.text[start:end], start=start, end=end, sentence=f.row_text,
        rules=f"indicator:{naming.rule} area:{area.rule} {time.rules}",
        adcode=adcode, province=province, prefecture=prefecture)


def _warn_skipped_rows(doc: Document, norm: NormalisedText, tables: list[Table]) -> None:
    """One warning per table row left out, naming the input and its line."""
    for table in tables:
        for row in table.skipped:
            start, _ = norm.span_in_original(row.start, row.end)
            line = doc.text.count("\n", 0, start) + 1
            warnings.warn(TableWarning(f"{doc.source or '-'}:{line}: table row left out, its cells do not "
                                       f"line up with the header: {row.text}"), stacklevel=2)


def _figure(doc: Document, norm: NormalisedText, sent: Sentence, q, naming, area, time,
            sentence_text: str) -> Figure:
    start, end = norm.span_in_original(sent.start + q.start, sent.start + q.end)
    adcode, province, prefecture = area_columns(area.place)
    return Figure(
        county=area.name,
        indicator=naming.name,
        value=q.value,
        unit=q.unit,
        source=doc.source,
        value_max=q.value_max,
        qualifier=q.qualifier,
        status=time.status,
        period=time.period,
        std_value=scaled(q.value, q.std_factor),
        std_unit=q.std_unit,
        mention=doc.text[start:end],
        start=start,
        end=end,
        sentence=sentence_text,
        rules=f"indicator:{naming.rule} area:{area.rule} {time.rules}",
        adcode=adcode, province=province, prefecture=prefecture,
    )


def extract_text(text: str, source: str | None = None, county: str = "") -> list[Figure]:
    """Every figure of ``text`` (an article, or a web page's HTML) as ``Figure`` records."""
    from .reader import is_html

    return extract_document(Document(source or "", text, is_html(source or "", text)), Options(county=county))
