"""Plain data passed between the pipeline stages."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Document:
    """A decoded input: its display name and its text exactly as given, and
    what is known about it from outside the text (a sources manifest, the
    page's own metadata); '' where nothing is known."""
    source: str
    text: str
    html: bool = False      # a web page: only its main content is read
    url: str = ""           # the address it was crawled from
    published: str = ""     # publication date, ISO (2023-02-11)
    county: str = ""        # the county it is about, as the manifest says
    title: str = ""         # its title, as the manifest says


@dataclass(frozen=True)
class NormalisedText:
    """Simplified, width-folded text plus, for each of its characters, the
    offset of the character it came from in the original text.

    ``origin`` has ``len(text) + 1`` entries (the last one is the original
    length), or is None when normalising changed no offset (most Simplified
    text): then offsets are the same in both. ``base`` is added to every
    offset (a piece of a longer document). A span ``[a, b)`` maps back to
    ``[origin[a], origin[b-1] + 1)``.
    """
    text: str
    origin: tuple[int, ...] | None = None
    base: int = 0

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return self.base + start, self.base + max(start, end)
        if end <= start:
            o = self.origin[start]
            return self.base + o, self.base + o
        return self.base + self.origin[start], self.base + self.origin[end - 1] + 1


@dataclass(frozen=True)
class Sentence:
    """A sentence of the normalised text and the context it sits in."""
    start: int              # offset in the normalised text
    text: str
    paragraph: int          # index of its paragraph
    heading: str = ""       # the section heading above it, if any
    title: str = ""         # the document's first heading (its title), if any
    is_heading: bool = False


@dataclass(frozen=True)
class Quantity:
    """A number with its unit and qualifier, found in one sentence.

    Offsets are relative to the sentence text.
    """
    start: int
    end: int
    value: Decimal
    unit: str
    value_max: Decimal | None = None
    qualifier: str = ""          # approx | more_than | less_than | ""
    kind: str = ""               # unit family from patterns/units.yaml (money, percent, count, ...)
    std_factor: Decimal = Decimal(1)   # multiplier that takes `unit` to `std_unit`
    std_unit: str = ""


@dataclass
class Figure:
    """One output row."""
    county: str
    indicator: str
    value: Decimal
    unit: str
    source: str = ""
    value_max: Decimal | None = None
    qualifier: str = ""
    status: str = "actual"
    period: str = ""
    std_value: Decimal | None = None
    std_unit: str = ""
    mention: str = ""
    start: int = 0
    end: int = 0
    sentence: str = ""
    year: str = ""           # the calendar year the figure covers (2023), or ''
    url: str = ""            # the document's address
    published: str = ""      # the document's publication date, ISO
    indicator_std: str = ""      # the standard name (patterns/standard_indicators.yaml), '' if none fits
    measure: str = ""            # level | change | share, with indicator_std
    adcode: str = ""             # the area's code and parents, from the gazetteer (patterns/places.tsv)
    province: str = ""
    prefecture: str = ""


COLUMNS = (
    "county", "indicator", "value", "unit", "source", "value_max", "qualifier",
    "status", "period", "year", "std_value", "std_unit", "mention", "start", "end", "sentence",
    "url", "published",
    "indicator_std", "measure", "adcode", "province", "prefecture",
)
