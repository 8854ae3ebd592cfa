"""A long input (``reader.LongText``) read in bounded memory: its text is
decoded block by block and cut into the pieces ``pipeline`` would cut it into
if it were held whole, so the rows are the same.

Two passes, as ``pipeline.iter_figures`` makes over a long text held whole:
the first finds the county the whole input is about, the second extracts
each piece with it. Only one piece (about ``pipeline.CHUNK_CHARS``
characters) is held at a time.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from . import pipeline
from .models import Figure
from .normalise import normalise
from .pipeline import Options, extract_piece, piece_end, prepare, with_main_area
from .reader import LongText

# piece_end looks this far past CHUNK_CHARS for a sentence end
_LOOKAHEAD = 10_000


def iter_long_figures(text: LongText, options: Options = Options()) -> Iterator[list[Figure]]:
    """The figures of a long input, piece by piece, with offsets in the whole text."""
    first = next(pieces(text), (0, ""))[1]          # the page's facts may be in its first lines
    facts, options = prepare(replace(text.facts, text=first), options)
    if not options.county:
        options = with_main_area(facts.source, (normalise(piece).text for _, piece in pieces(text)), options)
    for base, piece in pieces(text):
        figures = extract_piece(replace(facts, text=piece), options)
        yield [replace(f, start=f.start + base, end=f.end + base) for f in figures] if base else figures


def pieces(text: LongText) -> Iterator[tuple[int, str]]:
    """(offset, piece) over the decoded text, cut where ``pipeline`` cuts a
    text held whole."""
    buffer, base = "", 0
    for block in text.blocks():
        buffer += block
        while len(buffer) > pipeline.CHUNK_CHARS + _LOOKAHEAD:
            end = piece_end(buffer, 0)
            yield base, buffer[:end]
            buffer, base = buffer[end:], base + end
    while len(buffer) > pipeline.CHUNK_CHARS:
        end = piece_end(buffer, 0)
        yield base, buffer[:end]
        buffer, base = buffer[end:], base + end
    yield base, buffer
