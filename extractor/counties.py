"""The area resolver: which administrative area each figure describes
(GUIDELINE "Which area"). Rules and their examples: ``patterns/counties.yaml``.

Two steps, and no other module decides an area:

1. ``document_areas`` decides the document's places once: which gazetteer
   mentions are places (a short name needs the article's support), the
   region the article is in, and its home area (what 全县 and unplaced
   figures mean), each with the id of the rule that decided it.
2. ``resolve_areas`` gives each figure of a sentence its area by the first
   figure rule that applies, reading the sentence's clause analysis
   (``clauses.py``) and the subject carried from earlier sentences of the
   paragraph (``Carry``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from . import rules, wordlist
from .clauses import after_address_label, preposition_before, strip_openers
from .gazetteer import Place, PlaceMention, gazetteer, towns
from .lexicon import CLOSING_BRACKETS, HAN, HAN_RE, HAN_RUN_RE, OPENING_BRACKETS, lexicon
from .segment import SENTENCE_ENDS, bracket_depth, clause_end, clause_start, next_closing

COUNTRY_LEVEL = "country"


@dataclass(frozen=True)
class Decision:
    """An area and the id of the rule that chose it."""
    place: Place | None
    rule: str

    @property
    def name(self) -> str:
        return self.place.name if self.place else ""


@dataclass(frozen=True)
class AreaMention:
    """A place, zone or group named in the text, with the one area it stands for."""
    start: int                # offsets in the normalised text
    end: int
    surface: str
    place: Place
    kind: str = "place"       # place | zone | group
    qualifies: bool = False   # a parent written right before its child (十堰市竹山县)
    rule: str = ""            # the rule that made a name stand for an area not its own (a town: its county)
    heads_a_name: bool = False   # written in full at the head of a name (竹山县宏达茶业有限公司)


@dataclass(frozen=True, eq=False)
class Areas:
    """The document's places, decided once."""
    home: Place | None
    home_rule: str
    mentions: tuple[AreaMention, ...]       # in text order

    def between(self, start: int, end: int) -> tuple[AreaMention, ...]:
        starts = self._starts
        return self.mentions[bisect_left(starts, start):bisect_left(starts, end)]

    @cached_property
    def _starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def chain(self) -> tuple[Place, ...]:
        """The home area and the areas around it, innermost first, then the country."""
        return _chain(self.home) if self.home else (country(),)

    @property
    def home_name(self) -> str:
        return self.home.name if self.home else ""

    def home_decision(self) -> Decision:
        """The home area for a figure nothing else places, with why it is the home."""
        return Decision(self.home, f"area_home+{self.home_rule}")


# ------------------------------------------------------------------ the rules
@rules.compiled
def _cfg() -> dict:
    cfg = dict(rules.load("counties"))
    cfg["kinds"] = {k: tuple(v) for k, v in cfg["kinds"].items()}
    cfg["aggregate_brackets_re"] = re.compile(cfg["aggregate_brackets"])
    # brackets opened within a few characters after a figure, in its clause
    not_in_between = re.escape("".join(sorted(lexicon().clause_marks)) + "、" + OPENING_BRACKETS)
    cfg["breakdown_opens_re"] = re.compile(f"[^{not_in_between}]{{0,6}}[{re.escape(OPENING_BRACKETS)}]")
    cfg["one_of_n_verbs"] = re.compile("|".join(map(re.escape, cfg["one_of_n"]["verbs"])))
    abbreviations = "".join(cfg["province_abbreviations"])
    suffixes = "|".join(cfg["group_suffixes"])
    enders = "".join(cfg["group_enders"])
    one = "".join(d for d in cfg["directions"] if len(d) == 1)
    two = "|".join(d for d in cfg["directions"] if len(d) > 1)
    cfg["group_re"] = re.compile(
        # 渝东南, 鄂西北: where the name ends; 苏北 (京东 is a shop): a region
        # word after it, or a list of such groups (苏北、苏中)
        f"[{abbreviations}](?:(?:{two})(?:{suffixes}|(?=[{enders}]|[^{HAN}]|$))"
        f"|[{one}](?:{suffixes}|(?=[、和与及][{abbreviations}][{one}])))")
    cfg["subarea_re"] = re.compile(
        # two characters at least before the suffix: 城镇, 农村, 城乡 are words
        f"(?:([{HAN}]{{2,4}}?(?:" + "|".join(cfg["town_suffixes"]) + ")))?"
        f"(?:([{HAN}]{{2,5}}?(?:" + "|".join(cfg["village_suffixes"]) + ")))?(?<=[镇乡村处道])")
    cfg["subarea_not_first"] = set(cfg["subarea_not_first"])
    cfg["proper_noun_breakers"] = frozenset(cfg["proper_noun_breakers"])
    cfg["part_words"] = tuple(cfg["part_words"])
    cfg["list_closers"] = tuple(cfg["list_closers"])
    cfg["town_suffix_re"] = re.compile(cfg["town_suffix_re"])
    cfg["town_max_length"] = int(cfg["town_max_length"])
    cfg["town_ordinary_words"] = frozenset(cfg["town_ordinary_words"])
    cfg["report_words"] = tuple(cfg["report_words"])
    cfg["total_words"] = tuple(sorted(cfg["total_words"], key=len, reverse=True))
    cfg["locative_words"] = tuple(cfg["locative_words"])
    cfg["spot_ends"] = cfg["locative_words"] + tuple(cfg["zone_suffixes"]) + tuple(cfg["located_name_heads"])
    cfg["proper_noun_re"] = re.compile("|".join(map(re.escape, cfg["proper_noun_heads"])))
    cfg["located_name_re"] = re.compile("|".join(map(re.escape, cfg["located_name_heads"])))
    cfg["outlet_re"] = re.compile("[^的]{0,%d}(?:%s)" % (int(cfg["outlet_reach"]), "|".join(map(re.escape, cfg["outlet_heads"]))))
    cfg["first_of_several_re"] = re.compile(cfg["first_of_several"])
    cfg["places_counted_re"] = re.compile(cfg["places_counted"])
    cfg["foreign_countries_re"] = re.compile("|".join(sorted(map(re.escape, cfg["foreign_countries"]), key=len, reverse=True)))
    cfg["table_level_row_re"] = re.compile(cfg["table_level_row"])
    cfg["zone_re"] = re.compile("|".join(sorted(map(re.escape, cfg["zone_suffixes"]), key=len, reverse=True)))
    cfg["route_nouns_re"] = re.compile("|".join(map(re.escape, cfg["route_nouns"])))
    return cfg


def area_columns(place: Place | None) -> tuple[str, str, str]:
    """(adcode, province, prefecture) of an area: what the rows' area columns hold."""
    if place is None or place.level == COUNTRY_LEVEL:
        return "", "", ""
    if place.level == "province":
        return place.adcode, place.name, ""
    if place.level == "prefecture":
        return place.adcode, place.province, place.name
    return place.adcode, place.province, place.prefecture


def country() -> Place:
    return Place(_cfg()["country"], COUNTRY_LEVEL, "", "", "")


def _place_named(name: str) -> Place | None:
    if name == _cfg()["country"]:
        return country()
    found = gazetteer().by_name(name)
    return found[0] if found else None


def _chain(place: Place) -> tuple[Place, ...]:
    out = [place]
    for name in (place.prefecture, place.province):
        parent = _place_named(name) if name else None
        if parent and parent not in out:
            out.append(parent)
    if place.level != COUNTRY_LEVEL:
        out.append(country())
    return tuple(out)


def _holds(outer: Place, inner: Place) -> bool:
    """Is ``outer`` the prefecture or province of ``inner``?"""
    return outer.name in (inner.prefecture, inner.province)


def _kind_of(name: str) -> str:
    """The level word a name ends with (自治县 -> 县, 地区, 州...)."""
    if name.endswith("地区"):
        return "地区"
    return name[-1:]


# ============================================================ document areas
def document_areas(text: str, title: str = "", given: str = "", fallback: str = "") -> Areas:
    """The places of a normalised text and its home area.

    ``given`` (the user's --county) decides the home area; ``fallback`` (the
    county of the page's address) is used only when the text supports none.
    """
    raw = gazetteer().find(text, short_names=True)
    full = [m for m in raw if not m.is_short]
    named_full = {p.name for m in full for p in m.places}
    mentions: dict[int, AreaMention] = {}
    for m in full:
        mentions[m.start] = AreaMention(m.start, m.end, m.surface, _choose(m.places, named_full),
                                        heads_a_name=_in_proper_noun(text, m))
    given_place = (_place_named(given) or Place(given, "county", "", "", "")) if given else None
    region = _region(mentions.values(), given_place)
    shorts = [m for m in raw if m.is_short]
    # a short name right after its parent (湖北十堰, 湖北竹溪) is that place
    # wherever the article writes it: the gazetteer kept only the parent's child
    for m in shorts:
        # (not a short name that is an ordinary word: 湖北公安 is Hubei's police)
        if m.after_parent and len(m.places) == 1 and not gazetteer().is_ordinary_word(m.surface):
            place = m.places[0]
            mentions[m.start] = AreaMention(m.start, m.end, m.surface, place)
            region |= {place.prefecture, place.province} - {""}
            named_full.add(place.name)
    for m, place in _sibling_lists(text, shorts):
        mentions[m.start] = AreaMention(m.start, m.end, m.surface, place)
        region |= {place.prefecture, place.province} - {""}
        named_full.add(place.name)           # one sense per article: its other mentions too
    # (a short province heading a name is no place, 河南某某食品有限公司, but a
    # municipality's heads its own body's, 武警北京总队, as a city's full name
    # does; not an outlet's, an idea's or a product's: 上海模式)
    # (河南甲州某银行: a child named short right after it begins the chain that
    # says where the firm is, as a full name after it does: _child_follows)
    child_starts = {m.start for m in shorts if m.after_parent}
    # (a short name alone in brackets inside a firm's name, 某某(上海)服饰有限
    # 公司, says where the firm is registered: no place of the text)
    shorts = [m for m in shorts if not _bracketed_in_name(text, m.start, m.end)]
    heading = {m.start: _in_proper_noun(text, m) and m.end not in child_starts
               for m in shorts if m.start not in mentions and _province(m)}
    not_bodies = lexicon().idea_heads + lexicon().produce_heads
    provinces = [m for m in shorts if m.start in heading and (not heading[m.start] or (
                 _province(m).name.endswith("市") and not _heads_outlet(text, m.end)
                 and _name_head(text, m.end) not in not_bodies))]
    for m in provinces:
        mentions[m.start] = AreaMention(m.start, m.end, m.surface, _province(m), heads_a_name=heading[m.start])
    if not region:                  # 贵州印江…: a province named short still places the article
        region = {_province(m).name for m in provinces}
    level = _own_level(text)
    cues = _standing_short_names(text, title, shorts)
    # the one county of the region the text can be about stands as a place too
    in_region = {m.surface for m in shorts for p in m.places
                 if p.level == "county" and p.province in region and _fits(p, level)}
    if len(in_region) == 1:
        cues |= in_region
    for m in shorts:
        if m.start not in mentions:
            place = _supported_short(text, m, named_full, region, level, cues)
            if place is not None:
                mentions[m.start] = AreaMention(m.start, m.end, m.surface, place)
    for m in _zones_and_groups(text, mentions):
        mentions.setdefault(m.start, m)
    for m in _towns_and_villages(text, mentions):
        mentions.setdefault(m.start, m)
    for m in _named_towns(text, mentions, region, named_full | ({given_place.name} if given_place else set())):
        mentions.setdefault(m.start, m)
    ordered = _mark_qualifiers(text, sorted(mentions.values(), key=lambda a: a.start))
    if given_place is not None:
        home, rule = given_place, "home_given"
    else:
        home, rule = _home(text, ordered, title, level)
        if home is None and fallback:
            home, rule = _place_named(fallback) or Place(fallback, "county", "", "", ""), "home_address"
        if home is None and (town_counties := Counter(m.place for m in ordered if m.rule == "area_town")):
            home, rule = town_counties.most_common(1)[0][0], "home_towns"       # (我县某镇…: its towns name it)
        if home is None and not level and not ordered:
            home, rule = _foreign_country(text), "home_foreign_country"
            rule = rule if home is not None else "home_none"
    return Areas(home, rule, tuple(ordered))


# Towns stand for their county in the figures' clauses, never in the count
# that decides the page's home area (unless nothing else names one).
_TOWN_RULES = ("area_town_or_village", "area_town")


def _foreign_country(text: str) -> Place | None:
    """The foreign country a page names most, if it names one as a word of
    its own (not 朝鲜族, 依法国有) and names no China (中国, 全国, 我国)."""
    if _cfg()["country"] in text or any(w in text for w in lexicon().country_words):
        return None
    counts = Counter(m.group() for m in _cfg()["foreign_countries_re"].finditer(text)
                     if not text.startswith(tuple(_cfg()["foreign_country_not_before"]), m.end())
                     and wordlist.stands_alone(text, m.start(), m.end()))
    return Place(counts.most_common(1)[0][0], COUNTRY_LEVEL, "", "", "") if counts else None


def home_over(homes) -> str:
    """The home area of a text read in pieces (a long document), given each
    piece's (None for a piece with none): the one most pieces have."""
    counts = Counter(home.name for home in homes if home is not None)
    return counts.most_common(1)[0][0] if counts else ""


def _choose(places: tuple[Place, ...], named: set[str]) -> Place:
    """Among same-named areas (several 市中区), the one whose parent is named."""
    for p in places:
        if p.prefecture in named or p.province in named:
            return p
    return places[0]


def _region(mentions, given: Place | None = None) -> set[str]:
    """The prefectures and provinces the article's full names lie in."""
    region: set[str] = set()
    for p in [m.place for m in mentions] + ([given] if given else []):
        region |= {p.prefecture, p.province} - {""}
        if p.level != "county":
            region.add(p.name)
    return region


def _province(m: PlaceMention) -> Place | None:
    return next((p for p in m.places if p.level == "province"), None)


def _in_proper_noun(text: str, m: PlaceMention) -> bool:
    """龙井茶, 竹山绿谷茶业有限公司, 黄山风景区: a short name that begins the
    name of a product, company or landmark (the run of Han characters after
    it ends in one of ``proper_noun_heads`` within a few characters). Not one
    right after its parent (湖北竹溪某粮库): that names where the thing is."""
    if m.is_short and m.after_parent:
        return False
    cfg = _cfg()
    if not _heads_proper_noun(text, m.end):
        return False
    following = wordlist.cut(text[m.end:m.end + 6])       # (only where a head stands: a cut costs)
    return not (following and following[0] in cfg["proper_noun_breakers"]) and not _child_follows(text, m)


def _bracketed_in_name(text: str, start: int, end: int) -> bool:
    """肯佐(上海)商贸有限公司, 某某(中国)投资公司: a place alone in brackets
    inside a firm's name is part of the name (where it is registered), not
    the place the text is about."""
    return (start >= 2 and text[start - 1] in OPENING_BRACKETS and text.startswith(tuple(CLOSING_BRACKETS), end)
            and HAN_RE.match(text, start - 2) is not None and _heads_proper_noun(text, end + 1))


def _name_run(text: str, end: int) -> str:
    """The run of Han characters from ``end``, within ``proper_noun_reach``
    and before 的: where the name a place heads would end ('' when none
    follows; 竹山的某矿业公司 is a firm in 竹山, not one named after it)."""
    run = HAN_RUN_RE.match(text, end, end + _cfg()["proper_noun_reach"])
    return run.group().split("的", 1)[0] if run else ""


def _heads_proper_noun(text: str, end: int) -> bool:
    """Does the run of Han characters from ``end`` end, within reach, in one
    of ``proper_noun_heads`` (…贸易有限公司, …农业大学), or soon in an
    outlet's (…经济日报), or is it produce named after the place (湘西黄牛)?"""
    return bool(_name_head(text, end)) or _heads_outlet(text, end)


def _name_head(text: str, end: int) -> str:
    """The head (proper_noun_heads) ending the name that the run of Han
    characters from ``end`` begins, or the produce written right there
    (lexicon.yaml produce_heads: 湘西黄牛) ('' when none)."""
    produce = lexicon().produce_heads
    if text.startswith(produce, end):           # (one test in C for the common case: none)
        return next(word for word in produce if text.startswith(word, end))
    found = _cfg()["proper_noun_re"].search(_name_run(text, end))
    return found.group() if found else ""


def _heads_outlet(text: str, end: int) -> bool:
    """Does the run of Han characters from ``end`` soon end in a news outlet's head (…日报, …电视台)?"""
    run = _name_run(text, end)
    return bool(run) and _cfg()["outlet_re"].match(run) is not None


def _child_follows(text: str, m: PlaceMention) -> bool:
    """十堰房县公安局: a place of its own right after it (its child) heads
    the name; the short name before says where that place is."""
    g = gazetteer()
    if not g.may_start(text[m.end:m.end + 2]):
        return False
    after = g.find(text[m.end:m.end + 12])
    names = {p.name for p in m.places}
    return bool(after) and after[0].start == 0 and any(
        p.prefecture in names or p.province in names for p in after[0].places)


def _standing_short_names(text: str, title: str, shorts: list[PlaceMention]) -> set[str]:
    """Short names that stand as places in the text: named twice or more, in
    the title, before 的 (伊吾的发展) or after 是 (也是宁远发展史上…)."""
    seen = Counter(m.surface for m in shorts)
    out = {s for s, n in seen.items() if n >= 2 or (title and s in title)}
    # (only a county's name: 长治久安的, 生活安康的 name no prefecture)
    cues = _cfg()["standing_cues"]
    out |= {m.surface for m in shorts if any(p.level == "county" for p in m.places)
            and (text.startswith(tuple(cues["after"]), m.end) or text[:m.start].endswith(tuple(cues["before"])))}
    return out


def _supported_short(text: str, m: PlaceMention, named_full: set[str], region: set[str],
                     level: str, standing: set[str]) -> Place | None:
    """The area a short name stands for, when the article supports it: its
    full name is written elsewhere; else it is the one area of that name in
    the article's region (or, with no region, in the country) whose kind fits
    the page's own words (全县: a 县), outside a proper noun, and, with no
    region, standing as a place."""
    # 长沙 is 长沙市, not the 长沙县 inside it: a county sharing its
    # prefecture's short name is written in full (长沙县) when it is meant,
    # unless the page's own words are a county's (全县: 南昌 on 南昌县's page)
    own_prefecture = next((p for p in m.places if p.level == "prefecture"
                           and any(c.prefecture == p.name for c in m.places if c.level == "county")), None)
    known = [p for p in m.places if p.name in named_full]
    if own_prefecture is not None and (not level or _fits(own_prefecture, level)) and not _in_proper_noun(text, m):
        return own_prefecture
    if known:
        return known[0]
    if _in_proper_noun(text, m) or gazetteer().is_ordinary_word(m.surface):
        return None     # (湖北公安: an ordinary word after its parent is a place only where its full name is written)
    candidates = [p for p in m.places if p.level != "province"]
    standing_here = m.surface in standing
    if region:
        # a prefecture of the article's counties; a county of one of its
        # prefectures, or of its province where the name stands as a place
        candidates = [p for p in candidates
                      if p.name in region or p.prefecture in region
                      or (standing_here and p.level in _LISTED_LEVELS and p.province in region)]
        # (a prefecture outside that region, its short name standing as a
        # place, 杭州地铁…杭州地铁: that prefecture, where the region has none of the name)
        if not candidates and standing_here:
            candidates = [p for p in m.places if p.level == "prefecture"]
    elif not standing_here:
        return None
    if len(candidates) > 1 and level:
        candidates = [p for p in candidates if _fits(p, level)]
    if len(candidates) == 1 and (region or _fits(candidates[0], level)):
        return candidates[0]
    return None


def _sibling_lists(text: str, shorts: list[PlaceMention]):
    """Short names listed together (武隆、彭水、黔江) that share one parent:
    each is the area of that name under the parent. Yields (mention, place)."""
    lex = lexicon()
    joiners = set(lex.list_marks) | set(lex.connectors)
    run: list[PlaceMention] = []
    for m in shorts + [None]:
        if m is not None and run and text[run[-1].end:m.start] in joiners:
            run.append(m)
            continue
        if len(run) >= 2:
            yield from _under_common_parent(run)
        run = [m] if m is not None else []


_LISTED_LEVELS = ("county", "prefecture")


def _under_common_parent(run: list[PlaceMention]):
    """(counties of one prefecture or province; prefectures of one province: 十堰、襄阳、宜昌)"""
    parents = Counter()
    for m in run:
        parents.update({n for p in m.places if p.level in _LISTED_LEVELS for n in (p.prefecture, p.province) if n})
    for parent, count in parents.most_common():
        if count < 2:
            break
        for m in run:
            under = [p for p in m.places if p.level in _LISTED_LEVELS and parent in (p.prefecture, p.province)]
            if len(under) == 1:
                yield m, under[0]
        return


def _zones_and_groups(text: str, mentions: dict[int, AreaMention]):
    """Development zones (市开发区, 湘西高新区) and groups of counties (渝东南):
    not counties; they stand for the area around them (area_zone)."""
    cfg = _cfg()
    by_end = {m.end: m for m in mentions.values()}
    for z in cfg["zone_re"].finditer(text):
        # the zone's own name: the place right before it, or 市/县/州 (the page's own)
        before = by_end.get(z.start())
        own = cfg["kinds"]["county"] + cfg["kinds"]["prefecture"]
        start = before.start if before else z.start() - (1 if text[z.start() - 1:z.start()] in own else 0)
        place = before.place if before else Place(text[start:z.start()], "zone", "", "", "")
        yield AreaMention(start, z.end(), text[start:z.end()], place, kind="zone")
    covered = _Covered((m.start, m.end) for m in mentions.values())
    for g in cfg["group_re"].finditer(text):
        if covered.holds(g.start()) or _is_place_name(g.group()):
            continue            # (陇南, 黔东南: a prefecture's own name)
        province = _place_named(cfg["province_abbreviations"][g.group()[0]])
        if province is not None:
            yield AreaMention(g.start(), g.end(), g.group(), province, kind="group")


def _is_place_name(text: str) -> bool:
    return any((m.start, m.end) == (0, len(text)) for m in gazetteer().find(text, short_names=True))


def _towns_and_villages(text: str, mentions: dict[int, AreaMention]):
    """房县军店镇杨家村、化龙堰镇土城村: towns and villages written after their
    county belong to it, here and wherever the article names them again."""
    cfg = _cfg()
    towns: dict[str, Place] = {}
    for m in list(mentions.values()):
        if m.kind != "place" or m.place.level != "county":
            continue
        pos = m.end
        while (sub := cfg["subarea_re"].match(text, pos)) is not None and sub.group()[:1] not in cfg["subarea_not_first"]:
            for name in filter(None, sub.groups()):
                towns.setdefault(name, m.place)
            pos = sub.end()
            if text[pos:pos + 1] not in lexicon().list_marks:
                break
            pos += 1                              # 、龙河镇高潮村: the same county's
    taken = _Covered((m.start, m.end) for m in mentions.values())
    for name, place in towns.items():
        for k in _occurrences(text, name):
            if not taken.overlaps(k, k + len(name)):
                yield AreaMention(k, k + len(name), name, place, kind="place", rule="area_town_or_village")


def _named_towns(text: str, mentions: dict[int, AreaMention], region: set[str], named_full: set[str]):
    """门古寺镇 on a page of 十堰市: a town named without its county
    (patterns/towns.tsv) is in the county that has a town of that name: the
    one the page names in full, else the only one in the page's region, else
    (with no region) the only one in the country."""
    cfg, table = _cfg(), towns()
    taken = _Covered((m.start, m.end) for m in mentions.values())
    longest = cfg["town_max_length"]
    for s in cfg["town_suffix_re"].finditer(text):
        end = s.end()
        # (the longest name ending here: 新城关镇 before 城关镇)
        start = next((k for k in range(max(0, end - longest), end - 2) if text[k:end] in table), None)
        if start is None or taken.overlaps(start, end) or text[start:end] in cfg["town_ordinary_words"]:
            continue
        if not wordlist.stands_alone(text, start, end):
            continue            # (振兴乡村, 其中城镇居民: the letters of a town inside other words)
        places = table[text[start:end]]
        named = [p for p in places if p.name in named_full]      # (the page's own county among them)
        local = [p for p in places if p.prefecture in region or p.province in region] if region else list(places)
        place = named[0] if len(named) == 1 else local[0] if len(local) == 1 else None
        if place is not None:
            yield AreaMention(start, end, text[start:end], place, kind="place", rule="area_town")


class _Covered:
    """Spans [a, b), in any number and overlapping: does one hold a position
    or meet a span? (By bisection over the starts, with the furthest end
    reached so far, not a walk over every span.)"""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach, furthest = [], -1
        for _, b in spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def holds(self, pos: int) -> bool:
        k = bisect_left(self.starts, pos + 1) - 1
        return k >= 0 and pos < self.reach[k]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end) - 1
        return k >= 0 and self.reach[k] > start


def _occurrences(text: str, word: str):
    k = text.find(word)
    while k >= 0:
        yield k
        k = text.find(word, k + len(word))


def _mark_qualifiers(text: str, mentions: list[AreaMention]) -> list[AreaMention]:
    """十堰市竹山县: the parent written right before its child qualifies it."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.end == b.start and _holds(a.place, b.place):
            out[i] = replace(a, qualifies=True)
    return out


def _own_level(text: str) -> str:
    """The level of the page's own words (全县, 我市, 本区, 该县): the most
    frequent. A province's: 我省, and 全省 only as the subject of a
    clause stating a figure (a county's page compares itself with 全省)."""
    lex = lexicon()
    counts = Counter()
    for m in lex.level_word_re.finditer(text):
        if m.group(2) == "国" or (m.group(2) == "省" and m.group(1) not in lex.own_prefixes
                                  and not _opens_clause(text, m.start())):
            continue        # (全省 counts only as a clause's subject: 全省共转移…, not 高于全省…)
        if wordlist.stands_alone(text, m.start(), m.end()):
            counts[m.group(2)] += 1
    if counts["省"] < _cfg()["own_province_min"]:
        del counts["省"]        # (one 我省 in a quote on a county's page)
    return counts.most_common(1)[0][0] if counts else ""


def _opens_clause(text: str, pos: int) -> bool:
    """Does ``pos`` open a clause stating a figure (全省共转移群众1.2万人; not
    全省首批…县), once openers and time phrases are set aside?"""
    return not strip_openers(text[clause_start(text, pos):pos]) and _DIGIT.search(text, pos, clause_end(text, pos)) is not None


_DIGIT = re.compile(r"[0-9０-９]")


def _fits(place: Place, level: str) -> bool:
    """Is ``place`` an area of the kind the page's own words name?"""
    return not level or _kind_of(place.name) == level


_SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}\n]+")     # (as segment ends sentences and paragraphs)


def _home(text: str, mentions: list[AreaMention], title: str, level: str) -> tuple[Place | None, str]:
    cfg = _cfg()
    title_end = text.find(title) + len(title) if title and title in text else 0
    score: Counter = Counter()
    first: dict[Place, int] = {}
    # (a place things are given or sent to, or a point of reference, 向房县捐赠,
    # 赶赴房县, 距房县, 户籍地:房县: the page is as often another's; it counts
    # less. The preposition stands before the written chain: 向湖北省房县)
    passing = lexicon().governing_prepositions
    chain_start = None
    # (how often each place is named standing as itself, not in passing nor
    # heading a firm's name, a county by its towns too: home_one_county_of_prefecture)
    standing: Counter = Counter()
    # (a place counts once a sentence: a page names its own area in sentence
    # after sentence, where a sentence naming one place again and again lists
    # roads or sites, 甲区某路，甲区某路，乙区某路, or names bodies of a wider area,
    # 某省委与某省某厅)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    counted: set = set()
    for m in mentions:
        if m.qualifies:
            chain_start = m.start if chain_start is None else chain_start
            continue
        start, chain_start = (m.start if chain_start is None else chain_start), None
        if m.kind == "place" and m.rule in _TOWN_RULES:
            standing[m.place] += 1
        if m.kind != "place" or m.place.level == COUNTRY_LEVEL or m.rule in _TOWN_RULES:
            continue
        if m.heads_a_name and m.place.level == "province" and m.surface != m.place.name:
            continue            # (武警北京总队: a body of the municipality, not the page)
        sentence = bisect_right(ends, m.start)
        if (m.place, sentence) in counted and m.start >= title_end:
            continue
        counted.add((m.place, sentence))
        if m.start < title_end:
            score[m.place] += cfg["title_weight"]
            standing[m.place] += 1
        elif preposition_before(text, start, passing) or after_address_label(text, start):
            score[m.place] += cfg["passing_weight"]
        elif m.surface != m.place.name and (_heads_proper_noun(text, m.end) or (
                m.place.level == "province" and text.startswith(lexicon().branch_brands, m.end))):
            score[m.place] += cfg["name_weight"]
        else:
            score[m.place] += 1
            standing[m.place] += 1
        first.setdefault(m.place, m.start)
    if not score:
        return None, "home_none"
    if len({sentence for _, sentence in counted}) == 1 and not level and all(p.level == "county" for p in score) \
            and len({p.province for p in score}) >= cfg["scattered_provinces_min"]:
        return None, "home_scattered_sites"
    home, rule = _home_by_names(score, first, level, standing)
    if rule in _LISTED_HOMES:
        # a prefecture's counties listed on a page about a whole province: the
        # deepest area holding enough of what the page names (the first named,
        # of two as deep and as full)
        within, least = _within(score), cfg["listed_home_share"] * sum(score.values())
        if within[home] < least:
            wider = max((a for a in within if within[a] >= least), key=lambda a: (_DEPTH[a.level], within[a]),
                        default=None)
            if wider is not None and wider != home:
                return wider, "home_holding_most_places"
    return _in_province_named_most(home, rule, score, first, level, standing)


def _in_province_named_most(home: Place | None, rule: str, score: Counter, first: dict,
                            level: str, standing: Counter) -> tuple[Place | None, str]:
    """The home by the same rules among the places of another province when
    that province's places are named `other_province_ratio` times as often
    as the home's (a district's aid to a county far away, told by the
    district); never a province for a home below one."""
    within = _within(score)
    top = _province_named_most(within)
    if home is None or top is None:
        return home, rule
    own = next((a for a in _chain(home) if a.level == "province"), None)
    if top == own or within[top] < _cfg()["other_province_ratio"] * within.get(own, 0):
        return home, rule
    other, _ = _home_by_names(Counter({p: n for p, n in score.items() if top in _chain(p)}), first, level, standing)
    if other is None or (other.level == "province" and home.level != "province"):
        return home, rule       # (a county's page listing where its people work: 在某省甲市、乙市、丙市设站)
    return other, "home_province_named_most"


_LISTED_HOMES = ("home_prefecture_of_listed_counties", "home_province_of_listed_counties")
_DEPTH = {"county": 3, "prefecture": 2, "province": 1}


def _province_named_most(within: Counter) -> Place | None:
    """The province holding most of the page's place names (``_within``; the first named of two as full)."""
    return max((a for a in within if a.level == "province"), key=within.__getitem__, default=None)


def _within(score: Counter) -> Counter:
    """How many of the page's place names each area holds (itself or places
    inside it), counted in the order the page names them."""
    within: Counter = Counter()
    for p, n in score.items():
        for area in _chain(p):
            if area.level in _DEPTH:
                within[area] += n
    return within


def _home_by_names(score: Counter, first: dict, level: str, standing: Counter) -> tuple[Place | None, str]:
    """The home area by the rules of patterns/counties.yaml (home_rules), from
    how often each area is named (``score``), where first (``first``) and how
    often named standing as itself or by its towns (``standing``)."""
    cfg = _cfg()
    ranked = _ranked(score, first)
    counties = [p for p in ranked if p.level == "county"]
    # (counties named in passing, together less than a prefecture of none of them: that prefecture's page)
    elsewhere = max((score[p] for p in ranked if p.level == "prefecture"
                     and all(c.prefecture != p.name for c in counties)), default=0)
    if counties and sum(score[c] for c in counties) > elsewhere \
            and (not level or level in cfg["kinds"]["prefecture"] or level == "区"):     # 全区 of a 地区 too
        top = counties[0]
        siblings = [p for p in counties if p.prefecture and p.prefecture == top.prefecture]
        dominant = len(counties) > 1 and score[top] >= cfg["dominant_ratio"] * score[counties[1]]
        parent = _place_named(top.prefecture) if top.prefecture else None
        if len(siblings) >= cfg["listed_counties_min"] and not dominant and parent is not None:
            return parent, "home_prefecture_of_listed_counties"
        # (two counties named exactly as often, and their prefecture as often
        # as either: the page is about both, the prefecture's)
        if (len(siblings) >= 2 and score[siblings[1]] == score[top] and parent is not None
                and score.get(parent, 0) >= score[top]):
            return parent, "home_prefecture_of_listed_counties"
        # the counties of another prefecture, together named more than the top
        # county (one prefecture's counties send teams to a county elsewhere): that prefecture's page
        other = _prefecture_of_listed_counties(counties, score, top, cfg["listed_counties_min"])
        if other is not None:
            return other, "home_prefecture_of_listed_counties"
        # counties of several prefectures of one province (a road through them)
        provinces = {p.province for p in counties}
        province = _place_named(top.province) if len(provinces) == 1 and top.province else None
        if (len(counties) >= cfg["listed_counties_min"] and not dominant and province is not None
                and (len({p.prefecture for p in counties}) > 1 or not top.prefecture)):
            return province, "home_province_of_listed_counties"
    # a county page names its province (and often its prefecture) in passing:
    # the most named area below a province, a county when the page's own
    # words are a county's (全县, 我区)
    candidates = [p for p in ranked if p.level != "province"]
    # (a province named on its own at least as often as anything below it: its page)
    if candidates and ranked[0].level == "province" and score[ranked[0]] > score[candidates[0]] and not level:
        candidates = []
    if not candidates and (not level or level in ("省", "区")):
        candidates = ranked          # a province's page (全省, 全区 of an autonomous region)
    if level in ("县", "区", "旗"):
        candidates = [p for p in candidates if p.level == "county" and _fits(p, level)]
    # (全市 on a page whose most named area is no 市: the 市 named as often, a
    # municipality such as 天津市 too)
    if level == "市" and candidates and not _fits(candidates[0], level):
        candidates = [p for p in ranked if _fits(p, level) and score[p] >= score[candidates[0]]] or candidates
    if level == "省":           # (我省: the province whose places the page names most)
        province = _province_named_most(_within(score))
        candidates = [province] if province is not None else []
    # prefectures of one province, none named twice as often as the next and
    # none of their counties more: the province's page (a storm over several)
    prefectures = [p for p in ranked if p.level == "prefecture"]
    if (candidates and candidates[0].level == "prefecture" and len(prefectures) > 1 and not level
            and score[prefectures[0]] < cfg["dominant_ratio"] * score[prefectures[1]]
            and len({p.province for p in prefectures}) == 1 and (province := _place_named(prefectures[0].province))):
        return province, "home_province_of_listed_counties"
    # a prefecture named around the one county of it the page names as a
    # place, itself or by its towns (在湖北十堰…十堰市房县…房县某镇): that
    # county's page (counties of other prefectures, named in passing, aside)
    inside = [c for c in counties if candidates and c.prefecture == candidates[0].name]
    if candidates and candidates[0].level == "prefecture" and len(inside) == 1 and not level \
            and standing[inside[0]] >= cfg["one_county_min"]:
        return inside[0], "home_one_county_of_prefecture"
    if candidates:
        return candidates[0], "home_most_named"
    return None, "home_none"           # a 县's page that names no 县: no guess


def _ranked(score: Counter, first: dict) -> list[Place]:
    """Areas by how often they are named, then where first; of an area and
    one inside it named as often, the one inside first (a county's page
    names its prefecture in passing)."""
    ranked = sorted(score, key=lambda p: (-score[p], first[p]))
    moved = True
    while moved:            # (a few areas at most: a pass per level)
        moved = False
        for k in range(len(ranked) - 1):
            outer, inner = ranked[k], ranked[k + 1]
            if score[outer] == score[inner] and _holds(outer, inner):
                ranked[k], ranked[k + 1], moved = inner, outer, True
    return ranked


def _prefecture_of_listed_counties(counties: list[Place], score: Counter, top: Place, min_counties: int) -> Place | None:
    """The prefecture, other than the top county's, with at least
    ``min_counties`` of its counties named and, with itself, named more than
    the top county (the one named most if several are)."""
    by_prefecture: dict[str, list[Place]] = {}
    for p in counties:
        if p.prefecture and p.prefecture != top.prefecture:
            by_prefecture.setdefault(p.prefecture, []).append(p)
    best, best_total = None, score[top]
    for name, kids in by_prefecture.items():
        parent = _place_named(name)
        total = sum(score[k] for k in kids) + (score.get(parent, 0) if parent is not None else 0)
        if len(kids) >= min_counties and parent is not None and total > best_total:
            best, best_total = parent, total
    return best


# ================================================================ per figure
@dataclass
class Carry:
    """The subject area of the paragraph so far: it holds for later
    sentences until another area or the page's own word opens a clause."""
    paragraph: int = -1
    subject: Decision | None = None

    def enter(self, paragraph: int) -> None:
        if paragraph != self.paragraph:
            self.paragraph, self.subject = paragraph, None


def topic_units_of(sentences, text: str) -> dict[int, int]:
    """The stretch of text a place opening a sentence holds for (Carry),
    per paragraph: the paragraph, except in a text written a sentence per
    line with no blank line anywhere (old newspaper pages, text taken from
    PDF), where a line is no paragraph and the place holds until another
    opens a sentence (``line_per_sentence`` in the rules)."""
    cfg = _cfg()["line_per_sentence"]
    per_paragraph = Counter(s.paragraph for s in sentences)
    lines_are_sentences = (len(per_paragraph) >= cfg["min_lines"]
                           and sum(n == 1 for n in per_paragraph.values()) >= cfg["share"] * len(per_paragraph)
                           and _BLANK_LINE.search(text) is None)
    return {p: 0 if lines_are_sentences else p for p in per_paragraph}


_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")


def prepositions() -> dict[str, tuple[str, ...]]:
    """The prepositions that give a place a role (clauses.analyse): role -> words."""
    lex = lexicon()
    return {"after_recipient": lex.recipient_prepositions, "after_location": lex.location_prepositions,
            "after_reference": lex.reference_prepositions, "after_source": lex.source_prepositions}


def resolve_areas(analysis, areas: Areas, carry: Carry) -> list[Decision]:
    """The area of each quantity of an analysed sentence (``clauses.analyse``)."""
    respective = _respective(analysis)
    route = _route(analysis, areas)
    out = []
    for q in analysis.quantities:
        decision = (respective.get(q.start)
                    or _sum_of_parts(analysis, q)
                    or _one_of_n(analysis, q, areas)
                    or _modified_place(analysis, q, areas)
                    or (route and _on_the_route(analysis, q, route))
                    or _clause_place(analysis, q, areas)
                    or _goes_on_from_figure_before(analysis, q, out)
                    or _sentence_subject(analysis, q, areas)
                    or (carry.subject and not _far_province(carry.subject.place, areas.home)
                        and Decision(carry.subject.place, "area_paragraph_subject"))
                    or areas.home_decision())
        out.append(decision)
    # (a sentence stating a part, 其中,甲县检察院办理的…: the next goes on from the whole)
    subject = None if analysis.text.lstrip().startswith(_cfg()["part_words"]) else _sentence_topic(analysis, areas)
    if subject is not None and subject.rule == _LIST_OPENS:
        carry.subject = None
    elif subject is not None and (subject.rule == "area_scope_word" or any(d.place == subject.place for d in out)
                                  or (subject.place is not None and subject.place.level == "county")):
        # the page's own word resets it; a county carries on (竹山县是茶叶大
        # 县。茶园面积…), a wider area only from a sentence that states a
        # figure about it (四川全省震感强烈。…共记录到余震37次: not Sichuan's)
        carry.subject = subject if subject.rule != "area_scope_word" else None
    # a sentence whose own words placed all its figures in one place (根据江苏省
    # 统计局核算,苏州市全市实现…; the prefecture of counties listed together:
    # 甲县、乙县等5个县受灾。受灾人口…) hands that place on: its next sentences
    # continue it, unless the place only says where something happened
    # (在河北某公司装载…). A sentence of mixed places (其中甲县5人、乙县3人; the
    # page's figures and then 甲县某中心完成手术40例) ends the subject held before.
    placed = [d for d in out if d.rule in _PLACING_RULES and d.place is not None]
    if placed and (len(placed) < len(out) or len({d.place for d in placed}) > 1):
        carry.subject = None
    elif placed and not _only_at_the_side(placed[-1].place, analysis):
        if carry.subject is None or placed[-1].place != carry.subject.place:
            carry.subject = None if placed[-1].place == areas.home else placed[-1]
    # a county opening a clause after the sentence's last figure (…1人失联,乙县
    #某流域发生洪水!) is what the sentence goes on to: it carries on
    last = _opens_after_figures(analysis)
    if last is not None:
        carry.subject = None if last.place == areas.home else last
    if route is not None:
        carry.subject = route.area      # (项目路线全长…: the route's area goes on)
    elif (carry.subject is not None and carry.subject.rule == "area_listed_counties"
          and _home_named_inside(analysis, carry.subject.place, areas)):
        # (甲县、乙县等4家…: the area of counties listed together holds only
        # while the page's own county is not named, among them or after them)
        carry.subject = None
    return out


def _far_province(place: Place | None, home: Place | None) -> bool:
    """Is ``place`` a province other than the one of the page's own area? Its
    figures hold in the sentence that names it, not in the sentences after
    (浙江某企业签约3个项目。会上共签约…: the page's own meeting)."""
    return (place is not None and home is not None and place.level == "province"
            and place != home and not _holds(place, home))


def _home_named_inside(analysis, carried: Place | None, areas: Areas) -> bool:
    """Is the page's own area, inside the wider area carried on, named in the
    sentence (not as a point of reference)?"""
    home = areas.home
    if home is None or carried is None or not _holds(carried, home):
        return False
    return any(a.kind == "place" and a.mention.place == home and a.role != "after_reference" for a in analysis.anchors)


_ROUTE_JOINERS = "、,，和及与 "


@dataclass(frozen=True)
class _Route:
    area: Decision
    stops: frozenset            # the starts of the anchors on the route


def _route(analysis, areas: Areas) -> _Route | None:
    """起于甲县…途经乙县…终于丙县: a sentence about a road, line or river
    (route_nouns) that names the places it runs through (after lexicon.yaml route_words,
    and the places listed with them; two or more), and is not the page's own
    area's road, is about the area holding them all: their prefecture, else
    their province, else the country."""
    text, words = analysis.text, lexicon().route_words
    if not _cfg()["route_nouns_re"].search(text):
        return None             # (经甲县、乙县两地警方…奋战: no road, line or river; a cheap test first)
    stops, places, previous = set(), set(), None
    for a in (a for a in analysis.anchors if a.kind == "place"):
        # (途经甲县、乙县, 经甲省某州,乙省某市: the places listed after the word too)
        listed = previous is not None and not text[previous.end:a.start].strip(_ROUTE_JOINERS)
        # (a route word of its own, not 南至 of 宁南至)
        if preposition_before(text, a.start, words, every_length=True) or listed:
            stops.add(a.start)
            places.add(a.mention.place)
            previous = a
        else:
            previous = None
    if len(places) < 2:
        return None
    opener = next((a for a in analysis.anchors if a.kind == "place" and a.role == "opens"), None)
    if opener is not None and opener.start not in stops and opener.mention.place == areas.home:
        return None             # (房县新建公路连接甲区和乙县, on 房县's page: its own road)
    return _Route(Decision(_holding_all(places, itself=True) or country(), "area_route"), frozenset(stops))


def _on_the_route(analysis, q, route: _Route) -> Decision | None:
    """A figure of a route's sentence whose clause names no place off the route."""
    c_start, _ = analysis.clause_of(q.start)
    off = [a for a in analysis.anchors if a.kind == "place" and c_start <= a.start < q.start and a.start not in route.stops]
    return None if off else route.area


def _opens_after_figures(analysis) -> Decision | None:
    """The one county opening a clause after the sentence's last figure
    where something happens (…1人失联,乙县某河流域发生洪水!: event_words);
    none where several places open clauses there (甲区某院…案;乙县某院…案, a
    list), nor after a remark (房县增长7.5%,竹溪县位列第一)."""
    if not analysis.quantities:
        return None
    _, end = analysis.clause_of(analysis.quantities[-1].start)
    opening = [a for a in analysis.anchors if a.start > end and a.kind == "place" and a.role == "opens"
               and not strip_openers(analysis.text[analysis.clause_of(a.start)[0]:a.start]).strip()
               and not analysis.in_brackets(a.start) and not _attribute(a, analysis)]
    if len({a.mention.place for a in opening}) != 1 or opening[0].mention.place.level != "county":
        return None
    _, clause_end = analysis.clause_of(opening[0].start)
    if not any(w in analysis.text[opening[0].end:clause_end] for w in _cfg()["event_words"]):
        return None
    return Decision(opening[0].mention.place, "area_paragraph_subject")


def _attribute(a, analysis) -> bool:
    """望城区的某楼盘, (死者)甲县某村人: a place whose clause goes on only to
    say what it modifies, or whose clause names where a person is from."""
    rest = analysis.text[_chain_end(a, analysis):analysis.clause_of(a.start)[1]].strip()
    return rest.startswith("的") or (rest.endswith("人") and len(rest) <= _cfg()["native_place_reach"])


_LIST_OPENS = "list_opens"       # (a topic of no one place: the carried subject ends)
_PLACING_RULES = ("area_clause_place", "area_goes_on", "area_town_or_village", "area_town", "area_sentence_subject",
                  "area_listed_counties")
_SIDE_ROLES = frozenset({"after_location", "after_reference", "after_recipient"})


def _only_at_the_side(place: Place, analysis) -> bool:
    """Is ``place`` named in the sentence only after 在, 距 or 向 (where, measured
    from, or given to)?"""
    roles = {a.role for a in analysis.anchors if a.kind == "place" and a.mention.place == place}
    return bool(roles) and roles <= _SIDE_ROLES


def _sentence_topic(analysis, areas: Areas) -> Decision | None:
    """The area opening the sentence (其中,竹山县…): it becomes the paragraph's subject."""
    first_end = analysis.first_clause_end
    anchors = [a for a in analysis.anchors if a.start < first_end and a.role == "opens"]
    if not anchors:
        return _located_in(analysis, areas, first_end)
    if _home_named_later(analysis, anchors[0], first_end, areas):
        return Decision(areas.home, "area_scope_word")        # back to the page's own area
    if any(anchors[0] in group and len({a.mention.place for a in group}) > 1 for group in analysis.place_groups):
        return Decision(None, _LIST_OPENS)      # 甲县和乙市两支队伍…: no one of them carries on
    return _anchor_area(anchors[0], analysis, areas)


def _located_in(analysis, areas: Areas, first_end: int) -> Decision | None:
    """某机场位于十堰市房县境内,…: the place after a location predicate in
    the first clause (the last of a written chain) is what the sentence is about."""
    text = analysis.text
    after = [a for a in analysis.anchors if a.kind == "place" and a.start < first_end
             and text[max(0, a.start - 6):a.start].rstrip().endswith(lexicon().location_predicates)]
    if not after:
        return None
    chain = [a for a in analysis.anchors if a.kind == "place" and after[0].start <= a.start < first_end]
    last = after[0]
    for a in chain[1:]:          # (十堰市房县: down a written chain of parent and child)
        parent = last.mention.place.name
        if a.start != last.end or parent not in (a.mention.place.prefecture, a.mention.place.province):
            break
        last = a
    return Decision(last.mention.place, "area_sentence_subject")


def _anchor_area(anchor, analysis, areas: Areas) -> Decision | None:
    """The area an anchor stands for."""
    if anchor.kind == "place":
        return Decision(anchor.mention.place, anchor.mention.rule or "area_clause_place")
    if anchor.kind == "group":
        return Decision(anchor.mention.place, "area_zone")
    if anchor.kind == "zone":
        place = anchor.mention.place
        if place.level in ("county", "prefecture", "province"):
            return Decision(place, "area_zone")
        level = anchor.word[:1]
        return Decision(_by_level(level, areas) or areas.home, "area_zone")
    return _scope(anchor, analysis, areas)


def _scope(anchor, analysis, areas: Areas) -> Decision | None:
    """全县, 全市, 全省, 全国, 该县, 县域: the area the word names."""
    lex = lexicon()
    word = anchor.word
    if word in lex.country_words:
        return Decision(country(), "area_scope_word")
    if word in lex.county_aggregates:
        return Decision(areas.home, "area_scope_word")
    prefix, level = word[0], word[1:]
    if level in _cfg()["kinds"]["county_only"] and _cfg()["aggregate_brackets_re"].match(analysis.text, anchor.end):
        return Decision(areas.home, "area_scope_word")         # 全县(市、区): the counties together
    if prefix == "该":
        named = _named_last(level, anchor, analysis, areas)
        if named is not None:
            return Decision(named, "area_scope_word")
    if prefix == "全":
        # 平泉县…,全县农民人均收入…: the subject of the sentence, when of that kind
        subject = next((a.mention.place for a in reversed(analysis.anchors) if a.start < anchor.start
                        and a.kind == "place" and a.role == "opens"
                        and level in (_kind_of(a.word), _kind_of(a.mention.place.name))), None)
        if subject is not None:
            return Decision(subject, "area_scope_word")
    # 全县 on a prefecture's page: no area of that level around it; the county
    # named last (…县…去年全县…: only for 县/旗, which name counties alone),
    # else (全区 of a 地区, now a 市) the page's own area
    place = (_by_level(level, areas)
             or (level in _cfg()["kinds"]["county_only"] and _named_last(level, anchor, analysis, areas))
             or areas.home)
    return Decision(place, "area_scope_word") if place is not None else None


def _named_last(level: str, anchor, analysis, areas: Areas) -> Place | None:
    """The area of kind ``level`` (县, 市) the text named last before ``anchor``."""
    before = areas.between(0, analysis.offset + anchor.start)
    return next((m.place for m in reversed(before) if m.kind == "place" and _kind_of(m.place.name) == level), None)


def _by_level(level: str, areas: Areas) -> Place | None:
    """The nearest area of ``level`` around the home area (全市 on a county's page: its prefecture)."""
    if level == "国":
        return country()
    for place in areas.chain:
        if place.level != COUNTRY_LEVEL and _kind_of(place.name) == level:
            return place
    return None


def _in_clause(analysis, start: int, end: int, roles=None):
    """Anchors in [start, end) with one of ``roles``; a word for an area by its
    level (全国) counts only as a subject, never after a preposition (在全国各地)."""
    return [a for a in analysis.anchors if start <= a.start < end and (roles is None or a.role in roles)
            and (a.kind != "scope" or roles is None or a.role == "opens")]


# roles (clauses.Anchor.role) that place the figures of their own clause,
# and those that hold for the later clauses of the sentence
_OWN_CLAUSE_ROLES = ("opens", "after_recipient", "after_location", "after_de")
_CARRIED_ROLES = ("opens", "after_recipient")


def _gives_elsewhere(a, analysis, areas: Areas) -> bool:
    """Is ``a`` a place given to (向房县捐赠…) that is not the page's own area?
    What is given belongs to the page's own area, giver or recipient
    (甲区向本县捐赠…: the county's page; 本市向乙县捐赠…: the city's page; on a
    city's page, 外省某区向本市乙县捐赠…: 乙县's); on a page with no home the
    place given to is all there is."""
    if a.role != "after_recipient" or a.kind != "place" or areas.home is None:
        return False
    place, home = a.mention.place, areas.home
    if place == home:
        return False
    return not (_holds(home, place) and any(b.mention.place != home and not _holds(home, b.mention.place)
                                            for b in analysis.anchors
                                            if b.kind == "place" and b.role == "opens" and b.start < a.start))


def _clause_place(analysis, q, areas: Areas) -> Decision | None:
    c_start, c_end = analysis.clause_of(q.start)
    items = _items_of_places(analysis, c_start, q.start)
    if items is not None:
        return items
    anchors = [a for a in _in_clause(analysis, c_start, q.start, _OWN_CLAUSE_ROLES) if not _gives_elsewhere(a, analysis, areas)]
    # 造成河南省42个县受灾: a place a figure of the clause follows directly
    # counts whatever its role, for that figure and those right after it
    # (…县10万人受灾; not across 的: 来自湖北省12个市州的游客3万人次)
    starts = {q2.start for q2 in analysis.quantities if c_start <= q2.start <= q.start
              and "的" not in analysis.text[q2.end:q.start]}
    touching = [a for a in analysis.anchors if a.kind == "place" and a.end in starts and a.start >= c_start
                and a.role != "after_reference"]      # (距房县18公里: the distance is not the place's)
    anchors = anchors + [a for a in touching if not anchors or a.start > anchors[-1].start]
    # a county heading an organisation's name (随后竹溪县某救援队…40人): the
    # organisation is in that county, whatever the name's place in the clause
    # (for the figures after it in the clause too: 某队14人携带冲锋舟6艘)
    # (since the figure before, unless written right against this one: 共计9车40人)
    since = max((o.end for o in analysis.quantities if c_start <= o.end < q.start), default=c_start)
    heads = [a for a in analysis.anchors if a.kind == "place" and a.mention.heads_a_name and c_start <= a.start < q.start
             and a.role != "after_reference" and not _gives_elsewhere(a, analysis, areas)]
    if heads and (not anchors or heads[-1].start >= anchors[-1].start):
        recent = {a.mention.place for a in heads if a.start >= since}
        if len(recent) > 1:             # 甲县某队、乙县某队共计51人: several counties' teams
            # (甲市某支队调派甲市乙区某大队…共计9车: the city's, which holds the district)
            return _common_parent(recent, itself=True)
        anchors = anchors + [heads[-1]]
    if not anchors:
        return None
    anchor = anchors[-1]
    several = _first_of_several(anchor, analysis, areas)
    if several is not None:
        return several
    together = _listed_together(anchor, analysis, q.start)
    if together is not None:
        return together
    decision = _refined(_anchor_area(anchor, analysis, areas), anchor, analysis, q.start, areas)
    if decision is None or decision.place is None:
        return None
    if decision.rule == "area_clause_place" and _home_named_later(analysis, anchor, c_end, areas):
        return Decision(areas.home, "area_clause_place")
    return decision


def _goes_on_from_figure_before(analysis, q, decided: list[Decision]) -> Decision | None:
    """造成甲县14人遇难,1人失联: a clause that opens with its figure goes on
    from the figure ending the clause right before it, where that clause
    placed it."""
    if not decided or decided[-1].rule != "area_clause_place" or decided[-1].place is None:
        return None
    c_start, _ = analysis.clause_of(q.start)
    if strip_openers(analysis.text[c_start:q.start]).strip():
        return None
    before = analysis.quantities[len(decided) - 1]
    prev_start, prev_end = analysis.clause_of(before.start)
    if analysis.text[prev_start:before.start].lstrip().startswith(_cfg()["part_words"]):
        return None             # (其中武汉市游客120人,2800人已返家: a part, the whole goes on)
    if not prev_end <= c_start <= prev_end + 1:
        return None             # (the figure before is the last of the clause right before)
    return Decision(decided[-1].place, "area_goes_on")


def _items_of_places(analysis, c_start: int, end: int) -> Decision | None:
    """甲区某社区、乙区某社区等30个社区: items of a list each headed by its
    own place, then 等 and the count of them all, are counted for the area
    holding those places."""
    text = analysis.text
    if not text[c_start:end].rstrip().endswith(_cfg()["list_closers"]):
        return None
    heads = {a.mention.place for a in analysis.anchors
             if a.kind == "place" and c_start <= a.start < end
             and (not strip_openers(text[c_start:a.start]).strip() or text[:a.start].rstrip().endswith("、"))}
    return _common_parent(heads) if len(heads) > 1 else None


def _listed_together(anchor, analysis, end: int) -> Decision | None:
    """甲县、乙县共计1000人, 甲、乙等4个县: counties listed together share the
    figure after them, which is then their prefecture's (or province's)."""
    for group in analysis.place_groups:
        if not any(a.start == anchor.start for a in group):
            continue
        places = {a.mention.place for a in group}
        if len(places) < 2 or _gives_to_each(analysis.text[group[-1].end:end]):
            return None
        if any(all(p == o or _holds(o, p) for p in places) for o in places):
            return None         # (甲市、甲市乙区两级部门: one area and the places inside it, no list of peers)
        # (provinces listed and counted as places, 北京、河北两地, 甲省、乙省等5个地区: the country's)
        return _common_parent(places, country_too=_cfg()["places_counted_re"].match(analysis.text, group[-1].end) is not None)
    return None


def _gives_to_each(between: str) -> bool:
    """Does a word between the list and its figure give it to each item
    (均, 都, 各, 分别 as words of their own: not 各类, 首都)?"""
    words = set(wordlist.cut(between[:12]))
    return bool(words & {lexicon().respective, *_cfg()["distributive_words"]})


def _first_of_several(anchor, analysis, areas: Areas) -> Decision | None:
    """甲县等9个县…4.05亿元: the counties together, so the page's area above
    the county (else its prefecture)."""
    if anchor.kind != "place" or anchor.mention.place.level != "county":
        return None
    if not _cfg()["first_of_several_re"].match(analysis.text, anchor.end):
        return None
    place, home = anchor.mention.place, areas.home
    if home is not None and _holds(home, place):
        return Decision(home, "area_listed_counties")
    return _common_parent({place})


def _common_parent(places: set[Place], country_too: bool = False, itself: bool = False) -> Decision | None:
    """The prefecture (else the province) that holds all of ``places``
    (counties, or prefectures: 十堰、襄阳、宜昌 → 湖北省); with ``country_too``,
    provinces or areas of several provinces, the country (北京(2个)、河北(9个)
    共计11个, 北京、河北两地 → 中国); with ``itself``, a prefecture among them holds
    itself (十堰市某支队、房县某大队 → 十堰市)."""
    if any(p.level not in _LISTED_LEVELS + ("province",) for p in places) or any(not p.adcode for p in places):
        return None
    parent = _holding_all(places, itself) if all(p.level in _LISTED_LEVELS for p in places) else None
    if parent is None and country_too and len({p.name if p.level == "province" else p.province for p in places}) > 1:
        parent = country()
    return Decision(parent, "area_listed_counties") if parent is not None else None


def _holding_all(places: set[Place], itself: bool = False) -> Place | None:
    """The prefecture, else the province, holding all of ``places`` (with
    ``itself``, an area of that level holds itself: 十堰市、房县 → 十堰市)."""
    for level in ("prefecture", "province"):
        parents = {p.name if itself and p.level == level else getattr(p, level) for p in places}
        if len(parents) == 1 and "" not in parents and (parent := _place_named(parents.pop())) is not None:
            return parent
    return None


def _home_named_later(analysis, anchor, end: int, areas: Areas) -> bool:
    """江苏某公司等2个企业落户房县, 甘肃省某协会在该县成立: the article's own
    area, named later in the clause, is what the clause is about (but not as
    an item of a list with a figure of its own: 甲区4个、房县5个)."""
    if (areas.home is None or anchor.kind != "place" or anchor.mention.place == areas.home
            or _holds(areas.home, anchor.mention.place)):
        return False            # (a county of the page's own prefecture: itself)
    figure_starts = {q.start for q in analysis.quantities}
    for a in _in_clause(analysis, anchor.end, end):
        if a.kind == "place" and a.mention.place == areas.home:
            # (not where a team goes, 赶赴房县: its figures stay with the team's own area)
            return a.end not in figure_starts and a.role != "after_reference"
        if (a.kind == "scope" and a.word[1:] != _kind_of(anchor.mention.place.name)   # 苏州市…全市: Suzhou itself
                and (d := _scope(a, analysis, areas)) is not None and d.place == areas.home):
            return True
    return False


def _refined(decision: Decision | None, anchor, analysis, end: int, areas: Areas) -> Decision | None:
    """重庆唯一的世界遗产武隆喀斯特…: the one place inside the area named (not
    in brackets, not a list of them, not a point of reference or where a team
    goes: 十堰市某支队赶赴房县, nor a place given to: 十堰市向房县捐赠) makes it
    more specific."""
    if decision is None or decision.place is None:
        return decision
    inner = {a.mention.place for a in _in_clause(analysis, anchor.end, end)
             if a.kind == "place" and _holds(decision.place, a.mention.place)
             and a.role != "after_reference" and not _gives_elsewhere(a, analysis, areas)
             and not bracket_depth(analysis.text, a.start, anchor.end)}
    if len(inner) == 1:
        return Decision(inner.pop(), decision.rule)
    home = areas.home
    if (home is not None and decision.place != home and _holds(decision.place, home)
            and _names_a_located_thing(analysis.text, anchor.end)):
        # (山西省太原市某学校招生725人, on a county's page of that city: the
        # school lies in the page's county, as its firms and sites do)
        return Decision(home, decision.rule)
    return decision


def _names_a_located_thing(text: str, end: int) -> bool:
    """Does the run of Han characters from ``end`` end, within reach and
    before 的, in the head of a name of a thing with an address (a firm, a
    school, a site: located_name_heads), not of a body acting for an area?"""
    return _cfg()["located_name_re"].search(_name_run(text, end)) is not None


def _carries(a, analysis, first_end: int) -> bool:
    """Does the anchor hold for the later clauses of its sentence? A subject
    or a recipient does (_gives_elsewhere decides which recipient), a place
    after 的 in the first clause (or in the clause after a colon ending it;
    not in a phrase a preposition opens), a clause of 在 and a place, and a county
    heading the name of the organisation opening the sentence; a word for
    an area by its level only as the subject of a clause stating a figure
    (全省网络零售额2815亿元,比上年增长11.2%; not 全省首批…县,品牌价值…)."""
    if a.kind == "scope":
        start, end = analysis.clause_of(a.start)
        # (the page's own voice, 我省把…作为重点,紧紧围绕…30%的目标: whatever its clause holds)
        return a.role == "opens" and (a.word[0] in lexicon().own_prefixes
                                      or any(start <= q.start < end for q in analysis.quantities))
    return (a.role in _CARRIED_ROLES
            or (a.role == "after_de" and a.start < _past_a_colon(analysis, first_end) and not _governed(a, analysis))
            # (the source named, 据甲县相关负责人介绍, 据甲县供电公司统计; not a news outlet)
            or (a.role == "after_source" and not _news_report(a, analysis))
            or (a.role == "after_location" and _sets_the_scene(a, analysis))
            or _heads_the_opening_name(a, analysis, first_end))


def _governed(a, analysis) -> bool:
    """针对灾情严重的甲县, 向受灾的甲县: is the phrase ending in the place the
    object of a preposition opening its clause (given to, or a point of
    reference), not the subject?"""
    text = analysis.text
    start, _ = analysis.clause_of(a.start)
    rest = strip_openers(text[start:a.start])
    word = next((w for w in lexicon().governing_prepositions if rest.startswith(w)), None)
    if word is None:
        return False
    at = text.find(rest, start)         # (a word of its own there: not 对 of 对口帮扶)
    return len(word) > 1 or wordlist.stands_alone(text, at, at + 1)


def _past_a_colon(analysis, first_end: int) -> int:
    """The end of the first clause, or of the clause after it where the first
    ends with a colon (各区数据:位于某市核心的甲区,…: the subject after it)."""
    text = analysis.text
    if text[first_end:first_end + 1] in (":", "：") and first_end + 1 < len(text):
        return analysis.clause_of(first_end + 1)[1]
    return first_end


def _news_report(a, analysis) -> bool:
    """据湖北日报报道, 据某网报道: is the source after 据 a news outlet (its
    name's head, or the report words ending its clause)?"""
    text = analysis.text
    return _heads_outlet(text, a.end) or \
        text[a.end:analysis.clause_of(a.start)[1]].rstrip().endswith(_cfg()["report_words"])


def _heads_the_opening_name(a, analysis, first_end: int) -> bool:
    """某市电信房县支公司派出人员30人次,车辆9台次: a county heading the name
    of the organisation that opens the sentence is where that organisation
    is, for the whole sentence."""
    if (a.kind != "place" or a.role != "inner" or a.mention.place.level != "county" or not a.mention.heads_a_name
            or a.start >= first_end):
        return False            # (not where a team goes nor who is given to: 赴房县某医院, 向房县某医院)
    start, _ = analysis.clause_of(a.start)
    before = strip_openers(analysis.text[start:a.start])
    # (the name opens the clause, and no place before it is the subject: 北京某局帮扶房县某医院)
    return (not before or HAN_RUN_RE.fullmatch(before) is not None) and not any(
        b.kind == "place" and start <= b.start < a.start for b in analysis.anchors)


def _chain_end(a, analysis) -> int:
    """Where the place ``a`` ends with the towns and villages of it written
    right after it (房县某镇某村)."""
    pos = a.end
    for b in analysis.anchors:
        if b.start == pos and b.kind == "place" and b.mention.rule == "area_town_or_village" \
                and b.mention.place == a.mention.place:
            pos = b.end
    return pos


def _sets_the_scene(a, analysis) -> bool:
    """在房县,该行捐出…: a clause that is only 在 and a place (and the towns
    and villages of it written after it: 在房县某镇某村,; or a spot in it
    named by a locative word, 在房县的产业园区里, a zone, 在房县高新区, or a
    thing with an address, 在房县某科技园,) is where the rest of the sentence
    happens."""
    start, end = analysis.clause_of(a.start)
    if strip_openers(analysis.text[start:a.start]) not in lexicon().location_prepositions:
        return False
    rest = analysis.text[_chain_end(a, analysis):end].strip()
    # (在房县的产业园区里, 在房县某园区内: a spot in it, named by a locative word)
    return not rest or (len(rest) <= _cfg()["spot_reach"] and rest.endswith(_cfg()["spot_ends"])
                        and HAN_RUN_RE.fullmatch(rest) is not None)


def _sentence_subject(analysis, q, areas: Areas) -> Decision | None:
    """The area of the last earlier clause of the sentence that had a subject
    (or gave to the page's own area: 向房县捐赠农机12台,…捐赠资金25万元)."""
    c_start, _ = analysis.clause_of(q.start)
    first_end = analysis.first_clause_end
    # (a place in brackets is an aside: it holds inside them only)
    outside = not analysis.in_brackets(q.start)
    anchors = [a for a in analysis.anchors if a.start < c_start and _carries(a, analysis, first_end)
               and not _gives_elsewhere(a, analysis, areas) and not (outside and analysis.in_brackets(a.start))]
    if not anchors:       # 位于甲县的某公司,安装光伏1000千瓦: where the subject is
        return _located_in(analysis, areas, first_end) if c_start >= first_end else None
    anchor = anchors[-1]
    # (甲县、乙县以及丙县因灾…64个小区,41个已恢复: the places listed together, their prefecture's)
    together = _listed_together(anchor, analysis, analysis.clause_of(anchor.start)[1])
    if together is not None:
        return together
    if anchor.role == "after_source" and any(b.kind == "place" and anchor.end <= b.start < c_start
                                             and b.role != "after_reference" for b in analysis.anchors):
        return None             # (据某省某厅通报,…造成甲县12个乡镇受灾,…: the source holds no longer)
    decision = _refined(_anchor_area(anchor, analysis, areas), anchor, analysis,
                        min(analysis.clause_of(anchor.start)[1], q.start), areas)     # (never a place after the figure)
    if decision is None or decision.place is None:
        return None
    rule = "area_scope_word" if decision.rule == "area_scope_word" else "area_sentence_subject"
    return Decision(decision.place, rule)


def _sum_of_parts(analysis, q) -> Decision | None:
    """共造成15人受伤(甲市12人、乙市3人): a total broken down by place in the
    brackets right after it is of the area that holds all the parts."""
    text = analysis.text
    opened = _cfg()["breakdown_opens_re"].match(text, q.end)
    if opened is None:
        return _total_after_parts(analysis, q)
    inside = opened.end()
    close = next_closing(text, inside)
    parts = [a for a in analysis.anchors if inside <= a.start < close and a.kind == "place"]
    counts = [o for o in analysis.quantities if inside <= o.start < close]
    places = {a.mention.place for a in parts}
    if len(places) < 2 or len(counts) < len(parts):
        return None
    decision = _common_parent(places, country_too=True)
    return Decision(decision.place, "area_sum_of_parts") if decision is not None else None


def _total_after_parts(analysis, q) -> Decision | None:
    """甲县(2个)、乙县(9个)共计11个: a total written after its parts, each a
    place with its figure in brackets right after it."""
    text = analysis.text
    c_start, _ = analysis.clause_of(q.start)
    if not text[c_start:q.start].rstrip().endswith(_cfg()["total_words"]):
        return None
    parts = {a.mention.place for a in analysis.anchors if a.kind == "place" and c_start <= a.start < q.start
             and text[a.end:a.end + 1] in OPENING_BRACKETS
             and any(a.end < o.start < next_closing(text, a.end + 1) for o in analysis.quantities)}
    if len(parts) < 2:
        return None
    decision = _common_parent(parts, country_too=True)
    return Decision(decision.place, "area_sum_of_parts") if decision is not None else None


def _one_of_n(analysis, q, areas: Areas) -> Decision | None:
    """竹山县是全省15个重点县之一: the count describes the wider area."""
    cfg = _cfg()
    text = analysis.text
    if text.find(cfg["one_of_n"]["end"], q.end) < 0:
        return None                 # (most figures: no 之一 after them at all)
    c_start, c_end = analysis.clause_of(q.start)
    if text.find(cfg["one_of_n"]["end"], q.end, c_end) < 0:
        return None
    # (the verb may stand in an earlier clause: 甲乡是房县唯一的民族乡,十堰市3个民族乡之一)
    verbs = list(cfg["one_of_n_verbs"].finditer(text, c_start, q.start)) or list(
        cfg["one_of_n_verbs"].finditer(text, 0, c_start))
    if not verbs:
        return None
    wider = sorted((a for a in analysis.anchors if verbs[-1].end() <= a.start < q.start),
                   key=lambda a: (a.start < c_start, -a.start))   # the figure's own clause first, nearest first
    for a in wider:
        decision = _anchor_area(a, analysis, areas)
        if decision is not None and decision.place is not None:
            return Decision(decision.place, "area_one_of_n")
    if any(text.find(w, verbs[-1].end(), q.start) >= 0 for w in cfg["one_of_n"]["country"]):
        return Decision(country(), "area_one_of_n")
    return None


def _modified_place(analysis, q, areas: Areas) -> Decision | None:
    """距离房县280公里的竹山县: a figure in a phrase describing a place."""
    text = analysis.text
    _, c_end = analysis.clause_of(q.start)
    k = text.find("的", q.end, c_end)
    if k < 0 or any(other.start < k and other.start > q.start for other in analysis.quantities):
        return None
    # the place (吴忠市盐池县: the whole written chain) must be the phrase's
    # head: nothing but a verb of being follows it in its clause
    place = next((a for a in analysis.anchors if a.kind == "place" and a.start == k + 1), None)
    if place is None:
        return None
    rest = text[place.end:c_end].strip()
    if rest and not rest.startswith(tuple(_cfg()["place_head_followers"])):
        return None
    return Decision(place.mention.place, "area_modified_place")


def _respective(analysis) -> dict[int, Decision]:
    """房县、竹山县收入分别为A、B: the k-th figure after 分别 is the k-th place's."""
    text = analysis.text
    respective = lexicon().respective
    assigned: dict[int, Decision] = {}
    for group in analysis.place_groups:
        k = group[-1].end
        while (k := text.find(respective, k)) >= 0:
            following = [q.start for q in analysis.quantities if q.start > k][:len(group)]
            if len(following) == len(group):
                assigned.update({p: Decision(a.mention.place, "area_respective") for p, a in zip(following, group)})
            k += len(respective)
    return assigned


def label_area(label: str, areas: Areas) -> Decision | None:
    """The area a table row label (or column header) names, when the label is
    a place the article supports (吉首市, 州直 → the 州); else None."""
    level_row = _cfg()["table_level_row_re"].fullmatch(label)
    if level_row:
        place = _by_level(level_row.group("level"), areas)
        return Decision(place, "area_table_level_row") if place is not None else None
    found = [m for m in gazetteer().find(label, short_names=True) if m.start == 0]
    if not found or len(label) - found[0].end > 2:
        return None
    m = found[0]
    known = {a.place.name: a.place for a in areas.mentions}
    place = next((known[p.name] for p in m.places if p.name in known), None)
    if place is None and not m.is_short:
        place = _choose(m.places, set(known))
    if place is None:
        region = {n for a in areas.mentions for n in (a.place.prefecture, a.place.province)} | {
            p.name for p in areas.chain}
        under = [p for p in m.places if p.prefecture in region or p.province in region]
        place = under[0] if len(under) == 1 else None
    return Decision(place, "area_table_row") if place is not None else None
