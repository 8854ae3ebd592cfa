"""Which administrative area each figure describes (GUIDELINE `county`).

The main county of an article is the county-level division it names most
(its title counts more); 全县, 该县, 我县, 全旗, 全区, 全市 refer to it. A
figure whose clause opens with another place (海南产量占全国95%), or names it
right after a preposition (向竹溪县捐赠车辆30台), belongs to that place.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from . import rules
from .gazetteer import Place, PlaceMention, gazetteer
from .segment import clause_end, clause_start
from .timeinfo import leading_time_phrase



@rules.compiled
def _cfg() -> dict:
    cfg = dict(rules.load("counties"))
    cfg["subject_openers"] = tuple(cfg["subject_openers"])
    cfg["aggregate_words"] = tuple(sorted(cfg["aggregates"], key=len, reverse=True))
    cfg["openers_re"] = re.compile("|".join(map(re.escape, cfg["subject_openers"])))
    # most clauses name no aggregate at all: one search rules them out
    cfg["aggregate_re"] = re.compile("|".join(map(re.escape, cfg["aggregate_words"])))
    return cfg


@dataclass(frozen=True, eq=False)
class Places:
    """Place mentions of a normalised text and the article's main county."""
    mentions: tuple[PlaceMention, ...]      # those a figure may be attributed to, in text order
    main: Place | None
    main_spans: tuple[tuple[int, int], ...] = ()   # where the main county is named, short names too

    def between(self, start: int, end: int) -> tuple[PlaceMention, ...]:
        """The mentions starting in [start, end)."""
        starts = self._starts
        return self.mentions[bisect_left(starts, start):bisect_left(starts, end)]

    @cached_property
    def _starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @property
    def main_name(self) -> str:
        return self.main.name if self.main else ""


def find_places(text: str, title: str = "", default: str = "", fallback: str = "") -> Places:
    """Place mentions in ``text`` and the main county: ``default`` if given,
    else the one the text names most, else ``fallback`` (the county of the
    page's address, say)."""
    g = gazetteer()
    with_short = g.find(text, short_names=True)
    full = [m for m in with_short if not m.is_short]
    # Provinces are often named short (海南产量占全国95%); short county names
    # are too ambiguous to attribute a figure on their own.
    mentions = tuple(m for m in with_short
                     if not m.is_short or any(p.level == "province" for p in m.places))
    if default:
        main = _named(default)
    else:
        main = _main_county(text, full, title) or (_named(fallback) if fallback else None)
    spans = tuple((m.start, m.end) for m in with_short if main and main in m.places)
    return Places(mentions, main, spans)


def _named(name: str) -> Place:
    known = gazetteer().by_name(name)
    return known[0] if known else Place(name, "county", "", "", "")


def main_county_over(texts, title: str = "") -> str:
    """The main county of a text read in pieces (a long document)."""
    counts: Counter = Counter()
    for text in texts:
        main = _main_county(text, gazetteer().find(text), title)
        if main:
            counts[main.name] += 1
    return counts.most_common(1)[0][0] if counts else ""


def _main_county(text: str, mentions, title: str) -> Place | None:
    counts: Counter = Counter()
    first: dict[str, int] = {}
    places: dict[str, Place] = {}
    title_end = text.find(title) + len(title) if title and title in text else 0
    for m in mentions:
        county = [p for p in m.places if p.level == "county"]
        if not county:
            continue
        name = county[0].name
        counts[name] += _cfg()["title_weight"] if m.start < title_end else 1
        first.setdefault(name, m.start)
        places[name] = _pick(county, mentions)
    if not counts:
        short = [m for m in gazetteer().find(text, short_names=True) if m.is_short]
        for m in short:
            county = [p for p in m.places if p.level == "county"]
            if len(county) == 1:
                counts[county[0].name] += 1
                first.setdefault(county[0].name, m.start)
                places[county[0].name] = county[0]
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], -first[n]))
    return places[best]


def _pick(candidates: list[Place], mentions) -> Place:
    """Among same-named counties (several 市中区), the one whose prefecture or
    province the text also names."""
    if len(candidates) == 1:
        return candidates[0]
    named = {p.name for m in mentions for p in m.places if p.level != "county"}
    for p in candidates:
        if p.prefecture in named or p.province in named:
            return p
    return candidates[0]


def attribute(sentence: str, offset: int, pos: int, clause_from: int, places: Places) -> str:
    """The area the figure at ``pos`` of ``sentence`` describes.

    ``offset`` is where the sentence starts in the text the places were found
    in; ``clause_from`` where the figure's clause starts in the sentence. A
    place opening a clause (after time words or openers such as 其中 at most)
    holds for the rest of the sentence (分县市看,A县…,增长6%;B县…), until
    another one does or a word for the article's county (全县, 该县) does.
    """
    cfg = _cfg()
    main = places.main_name
    candidates = []                       # (position, area): who the sentence is about so far
    for m in places.between(offset, offset + pos):
        start = m.start - offset
        before = sentence[clause_start(sentence, start):start].strip()
        opens_clause = not _strip_openers(before)
        after_preposition = start > 0 and sentence[start - 1] in cfg["prepositions"]
        if opens_clause or after_preposition:
            candidates.append((start, _area_name(m, places)))
    for start in _clause_starts(sentence, pos):
        aggregate = _aggregate(sentence, start, pos, places)
        # an aggregate reaches later clauses only from a clause that states a
        # figure (全省网络零售额3126亿元,同比增长9.4%), not from 全省首批…县
        if aggregate and (start == clause_start(sentence, pos) or _DIGIT.search(sentence, start, clause_end(sentence, start))):
            candidates.append((start, aggregate))
    if not candidates:
        return main
    chosen_at, chosen = max(candidates)
    if chosen != main and (_main_named_after(sentence, offset, pos, places)
                           or _marker_between(sentence, chosen_at, pos)):
        return main   # 江苏天合等2个企业落户临泽; …;全县新增…: the article's county again
    return chosen


_DIGIT = re.compile(r"[0-9]")


_CLAUSE_MARK = re.compile("[,，;；:：]")


def _clause_starts(sentence: str, pos: int) -> list[int]:
    return [0] + [m.end() for m in _CLAUSE_MARK.finditer(sentence, 0, pos)]


def _strip_openers(text: str) -> str:
    """What is left of the words before a place once openers (其中, 力争) and
    time phrases (上半年, 到2025年) are taken off its start: '' if nothing."""
    openers = _cfg()["openers_re"]
    previous = None
    while text and text != previous:
        previous = text
        while m := openers.match(text):
            text = text[m.end():]
        text = text[leading_time_phrase(text):]
        if text[:1] in "到至" and text[1:2].isdigit():
            text = text[1:]               # 到2025年
    return text


def _marker_between(sentence: str, start: int, end: int) -> bool:
    """A clause between ``start`` and ``end`` opens with 全县, 该县, 我县…"""
    for marker in _cfg()["main_markers"]:
        k = sentence.find(marker, start, end)
        while k >= 0:
            if not sentence[clause_start(sentence, k):k].strip():
                return True
            k = sentence.find(marker, k + 1, end)
    return False


def respective_places(sentence: str, offset: int, figure_starts: list[int], places: Places) -> dict[int, str]:
    """长沙县、浏阳市、宁乡市一般公共预算收入分别为A、B和C: after a list of
    places, each 分别 list of as many figures gives the k-th figure to the
    k-th place. Returns {figure start: area}."""
    mentions = places.between(offset, offset + len(sentence))
    groups, current = [], []
    for m in mentions:
        if current and sentence[current[-1].end - offset:m.start - offset] in ("、", "和", "及", "与"):
            current.append(m)
        else:
            if len(current) > 1:
                groups.append(current)
            current = [m]
    if len(current) > 1:
        groups.append(current)
    assigned: dict[int, str] = {}
    for group in groups:
        names = [_area_name(m, places) for m in group]
        k = group[-1].end - offset
        while (k := sentence.find("分别", k)) >= 0:
            following = [p for p in figure_starts if p > k][:len(names)]
            if len(following) == len(names):
                assigned.update(zip(following, names))
            k += 2
    return assigned


def _aggregate(sentence: str, start: int, end: int, places: Places) -> str:
    """全市县域…, 全省…: the wider area the clause sentence[start:end] opens with."""
    cfg = _cfg()
    if not cfg["aggregate_re"].search(sentence, start, end):
        return ""
    clause = _strip_openers(sentence[start:end])
    word = next((w for w in cfg["aggregate_words"] if clause.startswith(w)), None)
    if word is None or places.main is None:
        return ""
    level = cfg["aggregates"][word]
    if level == "country":
        return cfg["country"]
    if level == "city":   # 全市: the county-level city itself, else the prefecture around the county
        return places.main.name if places.main.name.endswith("市") else places.main.prefecture
    if level == "prefecture":
        return places.main.prefecture
    return places.main.province


def _main_named_after(sentence: str, offset: int, pos: int, places: Places) -> bool:
    """The article's county is named later in the figure's clause."""
    end = next((k for k in range(pos, len(sentence)) if sentence[k] in ",，;；。"), len(sentence))
    return any(offset + pos <= a < offset + end for a, _ in places.main_spans)


def _area_name(m: PlaceMention, places: Places) -> str:
    main = places.main
    for p in m.places:
        if main and p.name == main.name:
            return main.name
    if m.is_short:      # 海南: the province, not 海南区 or 海南州
        return next((p.name for p in m.places if p.level == "province"), m.places[0].name)
    return m.places[0].name
