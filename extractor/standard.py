"""Standard indicators and area codes: what a figure measures, in the names of
the National Bureau of Statistics, and where its area sits.

    >>> classify("全县GDP同比增长", "%")
    Reading(name='地区生产总值', measure='change', falls=False)

``classify`` reads an indicator phrase and its unit against
``patterns/standard_indicators.yaml`` (which explains the rules): the phrase,
once the words that do not say what is measured are dropped, must be exactly
a name, an alias or a pattern of one entry, read as a level, a change or a
share, and the unit must be of the entry's family. Anything else gets no
name: a wrong one is worse than none.

``annotate(figures)`` fills the columns ``indicator_std``, ``measure``,
``adcode``, ``province`` and ``prefecture`` of a document's figures; the
pipeline calls it once per document. There a phrase that is only a change
(比年初增加) takes the indicator of the figure right before it in the same
sentence, and same-named counties (市中区) are told apart by the other areas
of the document.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from . import rules
from .lexicon import lexicon as vocabulary_words
from .models import Figure
from .quantities import unit_family
from .timeinfo import time_pattern

MEASURES = ("level", "change", "share")
DEFAULT_SHARE_OF = "地区生产总值"
# Bracketed notes (不含农户), quotes and spaces do not change what is measured.
_BRACKETED = re.compile(r"\([^()]*\)")
_NOISE = re.compile(r"[\s\"'“”‘’《》「」『』]")


@dataclass(frozen=True)
class Entry:
    name: str
    families: tuple[str, ...]
    share_of: str


@dataclass(frozen=True)
class Reading:
    name: str = ""          # the standard name, '' when nothing fits
    measure: str = ""       # level | change | share | ''
    falls: bool = False     # a change written as a fall (下降6.5%): its value means -6.5


NO_READING = Reading()


@dataclass(frozen=True, eq=False)      # hashed by identity: a key of the caches below
class _Vocabulary:
    entries: dict            # name -> Entry, in the file's order
    by_alias: dict           # cleaned name or alias -> Entry
    patterns: tuple          # (compiled pattern, Entry)
    leading: _Words          # words dropped from the start
    trailing: _Words         # ... and from the end
    suffixes: _Words         # neutral suffixes
    changes: _Words          # change words and nouns
    result_words: _Words     # 提高到, 降至: the figure is the level reached
    result_verbs: _Words
    bases: _Words
    decreases: tuple
    share_words: _Words
    share_prefixes: _Words
    span_from: str
    span_to: _Words
    bare_not_with: str
    times: re.Pattern        # time phrases (periods.yaml), dropped wherever they stand
    alias_lengths: dict      # first character -> lengths of the aliases starting with it, longest first


def clean(phrase: str) -> str:
    """The phrase as it is compared: NFKC (full-width folded), no brackets,
    quotes or spaces, Latin letters in upper case (gdp -> GDP)."""
    text = unicodedata.normalize("NFKC", phrase)
    text = _NOISE.sub("", _BRACKETED.sub("", text))
    return text.upper()


class _Words:
    """A word list looked up by the lengths of its words: which word a text
    starts or ends with, the longest first (a few set look-ups)."""

    def __init__(self, words: Iterable):
        self.words = frozenset(clean(str(w)) for w in words if w)
        self.lengths = tuple(sorted({len(w) for w in self.words}, reverse=True))
        self.tuple = tuple(sorted(self.words, key=len, reverse=True))

    def __contains__(self, text: str) -> bool:
        return text in self.words

    def head(self, text: str) -> str:
        """The longest word ``text`` starts with (and is longer than), else ''."""
        size, words = len(text), self.words
        for n in self.lengths:
            if n < size and text[:n] in words:
                return text[:n]
        return ""

    def tail(self, text: str) -> str:
        """The longest word ``text`` ends with (and is longer than), else ''."""
        size, words = len(text), self.words
        for n in self.lengths:
            if n < size and text[-n:] in words:
                return text[-n:]
        return ""


@rules.compiled
def vocabulary() -> _Vocabulary:
    cfg = rules.load("standard_indicators")
    words = rules.load("indicators")
    entries, by_alias, patterns = {}, {}, []
    for name, spec in (cfg.get("indicators") or {}).items():
        spec = spec or {}
        families = spec.get("family") or ()
        families = (families,) if isinstance(families, str) else tuple(families)
        entry = Entry(str(name), families, str(spec.get("share_of") or DEFAULT_SHARE_OF))
        entries[entry.name] = entry
        for alias in [entry.name, *(spec.get("aliases") or ())]:
            by_alias.setdefault(clean(str(alias)), entry)
        patterns += [(re.compile(p), entry) for p in spec.get("patterns") or ()]
    return _Vocabulary(
        entries=entries, by_alias=by_alias, patterns=tuple(patterns),
        leading=_Words([*words["leading_words"], *cfg["neutral_prefixes"], *vocabulary_words().level_words]),
        trailing=_Words([*words["trailing_words"], "的"]),
        suffixes=_Words(cfg["neutral_suffixes"]),
        changes=_Words([*words["change_words"], *cfg["change_nouns"]]),
        result_words=_Words(words["result_words"]),
        result_verbs=_Words([*words["result_verbs"], *words["change_words"]]),
        bases=_Words(cfg["change_bases"]),
        decreases=tuple(cfg["decreases"]),
        share_words=_Words(cfg["share_words"]),
        share_prefixes=_Words(cfg["share_prefixes"]),
        span_from=cfg["span"]["from"],
        span_to=_Words(cfg["span"]["to"]),
        bare_not_with=vocabulary_words().respective,
        times=time_pattern(),
        alias_lengths=_lengths_by_first(by_alias),
    )


def _lengths_by_first(words) -> dict:
    lengths: dict = {}
    for w in words:
        lengths.setdefault(w[0], set()).add(len(w))
    return {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}


def _may_name(core: str, v: _Vocabulary) -> bool:
    """Does ``core`` hold an alias or a pattern of some entry? (Most phrases
    do not: this spares them the rest.)"""
    by_alias, lengths = v.by_alias, v.alias_lengths
    for i, ch in enumerate(core):
        for n in lengths.get(ch, ()):
            if core[i:i + n] in by_alias:
                return True
    return any(p.search(core) for p, _ in v.patterns)


@rules.compiled
def classify(indicator: str, unit: str) -> Reading:
    """The standard indicator and measure of a figure named ``indicator``
    with ``unit`` (as written), or ``NO_READING``."""
    return _classify(indicator, unit, vocabulary())


@lru_cache(maxsize=1 << 16)
def _classify(indicator: str, unit: str, v: _Vocabulary) -> Reading:
    core = clean(indicator)
    if not _may_name(core, v):           # most phrases: one pass over their characters
        return NO_READING
    family = unit_family(unit)
    if family is None:
        return NO_READING
    for variant in _variants(core, v):
        for reading in _readings(variant, v):
            if _fits(v.entries[reading.name], reading.measure, family):
                return reading
    return NO_READING


def _variants(core: str, v: _Vocabulary) -> list[str]:
    """The phrase with fewer and fewer words that do not say what is measured,
    the least stripped first."""
    seen, todo = [], [core, v.times.sub("", core)]
    while todo and len(seen) < 24:
        text = todo.pop(0)
        if not text or text in seen:
            continue
        seen.append(text)
        lead = v.leading.head(text)
        if lead:
            todo.append(text[len(lead):])
        place = _leading_place(text)
        if place:
            todo.append(text[place:])
        trail = v.trailing.tail(text)
        verb = v.result_verbs.tail(text[:-len(trail)]) if trail in v.result_words else ""
        if verb:                  # 森林覆盖率提高到(65%): the level reached, before the change
            todo.append(text[:-len(trail) - len(verb)])         # (增长为6.5%: no level in %, a change)
        if trail:
            todo.append(text[:-len(trail)])
        name, sep, rest = text.partition(v.span_from)
        if sep and name:          # 社会消费品零售总额从(增加): A or B of a span, a level
            todo.append(name if not rest or rest in v.span_to else name + rest)
    return seen


@lru_cache(maxsize=1 << 14)
def _leading_place(text: str) -> int:
    """The length of a place name opening ``text`` (竹溪县GDP, 湖北省), else 0."""
    from .gazetteer import gazetteer

    g = gazetteer()
    if not g.may_start(text, short_names=True):
        return 0                        # (most phrases: no name can begin them)
    found = g.find(text[:12], short_names=True)
    return found[0].end if found and found[0].start == 0 and found[0].end < len(text) else 0


def _lookup(name: str, v: _Vocabulary) -> Entry | None:
    suffix = v.suffixes.tail(name)
    for candidate in (name, name[:-len(suffix)] if suffix else ""):
        if not candidate:
            continue
        entry = v.by_alias.get(candidate)
        if entry is None:
            entry = next((e for p, e in v.patterns if p.fullmatch(candidate)), None)
        if entry is not None:
            return entry
    return None


def _readings(core: str, v: _Vocabulary):
    """Every way ``core`` names an entry: level, then share, then change."""
    entry = _lookup(core, v)
    if entry:
        yield Reading(entry.name, "level")
    entry = _share(core, v)
    if entry:
        yield Reading(entry.name, "share")
    w = v.changes.tail(core)
    if w:
        rest = core[:-len(w)]
        base = v.bases.tail(rest)
        entry = _lookup((rest[:-len(base)] if base else rest).removesuffix("的"), v)
        if entry:
            yield Reading(entry.name, "change", falls=w.endswith(v.decreases))


def _share(core: str, v: _Vocabulary) -> Entry | None:
    word = v.share_words.tail(core)
    if word:
        part = core[:-len(word)].removesuffix("的")
        entry = _lookup(part, v)
        if entry:
            return entry
        numerator, sep, total = part.rpartition("占")
        if sep and numerator:
            entry, whole = _lookup(numerator, v), _lookup(total.removesuffix("的"), v)
            if entry and whole and whole.name == entry.share_of:
                return entry
        return None
    prefix = v.share_prefixes.head(core)
    return _lookup(core[len(prefix):], v) if prefix else None


def _fits(entry: Entry, measure: str, family: str) -> bool:
    """Does a unit of ``family`` suit this measure of the entry?"""
    if family == "":                      # a bare multiplier (接待游客120万)
        return measure == "level"
    if measure == "share":
        return family == "percent"
    if family in entry.families:
        return True
    return measure == "change" and (family == "percent" or (family == "points" and "percent" in entry.families))


# ---------------------------------------------------------------- areas
@dataclass(frozen=True)
class Area:
    adcode: str = ""
    province: str = ""
    prefecture: str = ""


def _area_of(place) -> Area:
    from .counties import area_columns

    return Area(*area_columns(place))


def area(name: str, parents: Iterable[str] = ()) -> Area:
    """Where the area called ``name`` sits. Among same-named counties (several
    市中区) the one under one of ``parents`` (other areas of the document);
    when that does not decide, only what they share."""
    from .gazetteer import gazetteer

    places = gazetteer().by_name(name) if name else ()
    if len(places) > 1:
        parents = set(parents)
        under = [p for p in places if p.prefecture in parents or p.province in parents]
        places = under or places
    if not places:
        return Area()
    if len(places) == 1:
        return _area_of(places[0])
    areas = {_area_of(p) for p in places}
    provinces = {a.province for a in areas}
    prefectures = {a.prefecture for a in areas}
    return Area("", provinces.pop() if len(provinces) == 1 else "",
                prefectures.pop() if len(prefectures) == 1 else "")


def bare(indicator: str) -> Reading:
    """The measure of a phrase with no subject: only a change (比年初增加,
    同口径下降: ``change``) or only the end of a span (增加到: ``level``);
    ``NO_READING`` for any other phrase."""
    return _bare(clean(indicator), vocabulary())


@lru_cache(maxsize=1 << 12)
def _bare(core: str, v: _Vocabulary) -> Reading:
    core = v.times.sub("", core)
    while (lead := v.leading.head(core)):
        core = core[len(lead):]
    if core in v.span_to and core not in v.changes:
        return Reading("", "level")          # 增加到 (增加 alone is a change)
    w = v.changes.tail(core) or (core if core in v.changes else "")
    if not w:
        return NO_READING
    rest = core[:-len(w)]
    if rest in v.span_to and rest.endswith(("到", "至")):
        rest = ""                            # 增加到年均增长: the change over the span
    if rest == "" or rest in v.bases:
        return Reading("", "change", falls=w.endswith(v.decreases))
    return NO_READING


def falls(indicator: str, unit: str) -> bool:
    """Is this figure a change written as a fall (下降6.5%, 比年初减少2亿元)?"""
    reading = classify(indicator, unit)
    return reading.falls if reading.name else bare(indicator).falls


def annotate(figures: list[Figure], main=None) -> list[Figure]:
    """Fill the standard indicator, measure and area columns of a document's
    figures (in place; also returned). ``main`` is the document's main
    county (a gazetteer Place), which settles which of same-named counties
    its figures are about."""
    names = {f.county for f in figures if f.county}
    parents = set(names)
    if main is not None:
        parents |= {main.name, main.prefecture, main.province}
    areas = {}
    for name in names:
        if main is not None and name == main.name and main.adcode:
            areas[name] = _area_of(main)
        else:
            areas[name] = area(name, parents - {name})
    before = None
    for f in figures:
        reading = classify(f.indicator, f.unit)
        if not reading.name and before is not None:
            reading = _about_figure_before(f, before)
        f.indicator_std, f.measure = reading.name, reading.measure
        before = f
        a = areas.get(f.county)
        if a is not None and not (f.adcode or f.province):      # the pipeline sets them from its decision
            f.adcode, f.province, f.prefecture = a.adcode, a.province, a.prefecture
    return figures


def _about_figure_before(f: Figure, before: Figure) -> Reading:
    """A phrase that is only a change (比年初增加, 同口径下降) or only the
    ``to`` of a span takes the indicator of the figure right before it in the
    same sentence (存款余额38.2亿元，比年初增加5.7亿元); not in a sentence with
    the respective word (分别, lexicon.yaml), where the figures before are not
    the subjects in order."""
    if (not before.indicator_std or before.measure == "share" or before.sentence != f.sentence
            or not f.sentence or vocabulary().bare_not_with in f.sentence):
        return NO_READING
    reading = bare(f.indicator)
    if not reading.measure:
        return NO_READING
    family = unit_family(f.unit)
    entry = vocabulary().entries[before.indicator_std]
    if family is None or not _fits(entry, reading.measure, family):
        return NO_READING
    return Reading(entry.name, reading.measure, reading.falls)
