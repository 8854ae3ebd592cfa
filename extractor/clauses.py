"""Clause analysis: one pass over a sentence that finds, for the resolvers,
its clauses and list items and the words that place its figures: place
mentions, zones, words for an area by its level (全县, 全省), and the role
each stands in (opening its clause or list item, after a preposition, after
的, or inside a phrase).

It decides nothing about what a figure is: the resolvers (counties,
indicators, timeinfo) read this analysis.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from . import wordlist
from .lexicon import OPENING_BRACKETS, is_han, lexicon
from .models import Quantity
from .segment import after_unopened_bracket, bracket_depth, clause_end, clause_start, next_closing, without_asides
from .timeinfo import leading_time_phrase


@dataclass(frozen=True)
class Anchor:
    """A word that may say which area a figure is about, and its role."""
    start: int                  # offsets in the sentence
    end: int
    kind: str                   # place | zone | group | scope
    role: str                   # opens | after_recipient | after_location | after_reference | after_source | after_de | inner
    word: str                   # the text as written
    mention: object = None      # the counties.AreaMention of a place, zone or group


# No clause longer than this is only an opener or a time (截至2024年6月30日24时
# is 17 characters): it has words of its own without a look.
_OPENER_MAX = 20


@dataclass(frozen=True, eq=False)
class SentenceAnalysis:
    text: str                   # the sentence
    offset: int                 # where it starts in the normalised text
    quantities: tuple[Quantity, ...]
    anchors: tuple[Anchor, ...]             # in text order
    # the lists of places of the sentence (place_lists), when analyse found them
    groups: list[list[Anchor]] | None = field(default=None, repr=False)
    # (plain fields, not cached_property: in Python 3.11 that takes a lock on every first use)
    _clauses: dict = field(default_factory=dict, init=False, repr=False)
    _first_end: int | None = field(default=None, init=False, repr=False)

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The clause holding ``pos``: [start, end) in the sentence."""
        found = self._clauses.get(pos)
        if found is None:
            found = self._clauses[pos] = (clause_start(self.text, pos), clause_end(self.text, pos))
        return found

    @property
    def first_clause_end(self) -> int:
        """The end of the sentence's first clause with words of its own: a
        clause that is only an opener or a time phrase (目前, 5月6日9时,)
        goes with the next one."""
        if self._first_end is None:
            start, end = self.clause_of(0)
            while end + 1 < len(self.text) and end - start <= _OPENER_MAX and not strip_openers(self.text[start:end]):
                start, end = self.clause_of(end + 1)
            object.__setattr__(self, "_first_end", end)
        return self._first_end

    def in_brackets(self, pos: int) -> bool:
        """Is ``pos`` inside brackets opened in the sentence and not yet closed?"""
        return bracket_depth(self.text, pos) > 0

    @property
    def place_groups(self) -> list[list[Anchor]]:
        """The lists of places of the sentence (place_lists), found once for all its figures."""
        if self.groups is None:
            object.__setattr__(self, "groups", place_lists(self.text, self.anchors))
        return self.groups

    @cached_property
    def area_words(self) -> tuple[str, ...]:
        """The words of the sentence that name an area (places, zones, 全县…),
        with the region word after a place (本溪地区)."""
        regions = lexicon().region_words
        listed = {a.start for group in self.place_groups for a in group}
        words = set()
        for a in self.anchors:
            region = next((r for r in regions if self.text.startswith(r, a.end)), "") if a.kind == "place" else ""
            after = self.text[a.end + len(region):a.end + len(region) + 1]
            # (after a list of places, or before 的: not 康平县地区生产总值)
            if region and (a.start in listed or not after or after == "的" or not is_han(after)):
                words.add(self.text[a.start:a.end + len(region)])
            else:
                words.add(self.text[a.start:a.end])
        return tuple(words)


def may_name_area(text: str) -> bool:
    """Can the sentence hold a word for an area by its level (全县, 该市)?"""
    lex = lexicon()
    return lex.scope_re.search(text) is not None or lex.level_body_re.search(text) is not None


def analyse(text: str, offset: int, quantities, mentions: tuple,
            prepositions: dict[str, tuple[str, ...]]) -> SentenceAnalysis:
    """The analysis of the sentence ``text`` starting at ``offset`` of the
    normalised text; ``mentions`` are the document's area mentions inside it
    and ``prepositions`` maps a role to the words after which a place takes it
    (after_recipient: 向竹溪县捐赠; after_location: 在房县投资)."""
    lex = lexicon()
    anchors: list[Anchor] = []
    taken: list[tuple[int, int]] = []
    chain_start = None
    for m in mentions:
        start, end = m.start - offset, m.end - offset
        taken.append((start, end))
        if m.qualifies:              # 十堰市竹山县: the child stands where the chain starts
            chain_start = start if chain_start is None else chain_start
            continue
        anchors.append(Anchor(start if chain_start is None else chain_start, end, m.kind, "", m.surface, m))
        chain_start = None
    taken_starts = [a for a, _ in taken]        # (mentions come in text order, apart)
    # words for an area by its level (全县, 该市), and bodies named by their
    # level alone (团市委: the page's own area of that level, as 本市 says)
    scopes = [(s, s.group()) for s in lex.scope_re.finditer(text)] \
        + [(s, "本" + s.group(s.lastindex)) for s in lex.level_body_re.finditer(text)]
    for s, word in scopes:
        k = bisect_right(taken_starts, s.start()) - 1
        if (k < 0 or s.start() >= taken[k][1]) and wordlist.stands_alone(text, s.start(), s.end()):
            anchors.append(Anchor(s.start(), s.end(), "scope", "", word))
    anchors.sort(key=lambda a: a.start)
    ends = sorted(q.end for q in quantities)
    listed = _listed_places(text, anchors)
    opening = {a.start: _opening(text, a.start, ends, a.start not in listed and _heads_a_name(a)) for a in anchors}
    roles: list[Anchor] = []
    for a in anchors:
        item_of = _item_after(text, a.start, roles) if opening[a.start] else None
        if item_of is not None and item_of.role in prepositions:
            role = item_of.role         # 占全国的2%、全省的30%: an item is read as the first one
        elif after_address_label(text, a.start):
            role = "after_reference"    # 户籍地:某县 (a field of a notice), though it opens its clause
        elif preposition_before(text, a.start, prepositions.get("after_source", ())):
            role = "after_source"       # 根据甲县统计, (the source, though 根据 may open a clause)
        elif (preposition_before(text, a.start, lex.data_source_prepositions)
              and text[:clause_end(text, a.start)].rstrip().endswith(lex.data_verbs)):
            role = "after_source"       # (来自甲县统计局的数据显示,)
        elif opening[a.start] and not (_modifies_a_count(text, a, ends) and _subject_before(text, a, roles)):
            role = "opens"
        elif text.endswith(lex.after_de_copulas, 0, a.start):
            role = "after_de"           # (最高的为甲区某地块: what the clause is about)
        elif (after := next((r for r, words in prepositions.items() if preposition_before(text, a.start, words)), None)):
            role = after
        elif a.start and text[a.start - 1] == "的":
            role = "after_de"
        else:
            role = "inner"
        roles.append(Anchor(a.start, a.end, a.kind, role, a.word, a.mention))
    # (the lists are found once: a role changes no list, only the records in it)
    groups = place_lists(text, roles)
    final = _list_items_as_first(roles, groups, prepositions)
    if final is not roles:
        index = {id(a): k for k, a in enumerate(roles)}
        groups = [[final[index[id(a)]] for a in group] for group in groups]
    return SentenceAnalysis(text, offset, tuple(quantities), tuple(final), groups)


def _list_items_as_first(anchors: list[Anchor], groups: list[list[Anchor]], prepositions) -> list[Anchor]:
    """向甲市、乙市等地调拨…: the places listed (``groups``: place_lists of
    ``anchors``) after a preposition's place are given to (or measured from,
    or set in) as the first one is."""
    role_of = {}
    for group in groups:
        if group[0].role in prepositions:
            role_of.update((a.start, group[0].role) for a in group[1:])
    if not role_of:
        return anchors
    return [Anchor(a.start, a.end, a.kind, role_of.get(a.start, a.role), a.word, a.mention) for a in anchors]


def after_address_label(text: str, pos: int) -> bool:
    """Does a person's address field's label end right before ``pos`` (户籍地:房县)?"""
    return text.endswith(lexicon().address_labels, 0, pos)


def preposition_before(text: str, pos: int, words: tuple[str, ...], every_length: bool = False) -> str | None:
    """The word of ``words`` written right before ``pos``, a word of its own
    there (向房县, 赴房县; not 为 in 成为房县 or 列为, nor 对 in 面对房县): of one
    character, or with ``every_length`` of any length (南至, not of 宁南至)."""
    if not text.endswith(words, 0, pos):
        return None             # (most places: one test in C before the loop that finds the word)
    word = next(w for w in words if text.endswith(w, 0, pos))
    if (len(word) == 1 or every_length) and not wordlist.stands_alone(text, pos - len(word), pos):
        return None
    return word


def place_lists(text: str, anchors, kinds: tuple[str, ...] = ("place",)) -> list[list[Anchor]]:
    """Runs of two or more places (of ``kinds``) written as the items of one
    list: only list marks or connectors between them (房县、竹山县; 浙江、福建等地)."""
    lex = lexicon()
    joiners = set(lex.list_marks) | set(lex.connectors)
    groups: list[list[Anchor]] = []
    current: list[Anchor] = []
    for a in (a for a in anchors if a.kind in kinds):
        if current and text[current[-1].end:a.start].strip() in joiners:
            current.append(a)
        else:
            groups.append(current)
            current = [a]
    groups.append(current)
    return [g for g in groups if len(g) > 1]


def _listed_places(text: str, anchors: list[Anchor]) -> set[int]:
    """The starts of places, zones and groups written as items of a list of them."""
    return {a.start for group in place_lists(text, anchors, ("place", "zone", "group")) for a in group}


def _heads_a_name(anchor: Anchor) -> bool:
    """A place written in full at the head of an organisation's name
    (竹山县宏达茶业有限公司): decided with the document's places."""
    return anchor.kind == "place" and anchor.mention is not None and anchor.mention.heads_a_name


def _opening(text: str, pos: int, quantity_ends: list[int], names_beside_a_phrase: bool) -> bool:
    """Does ``pos`` open its clause, the words after a figure, an item of a
    list of figures (房县21个、竹山县17个; not 前往浙江、福建等地) or a place
    heading a name set beside a phrase (龙头企业、竹山县某茶业公司,…), once openers
    (其中, 力争), time phrases (上半年, 到2025年) and the first words of a
    body's name (共青团某市委: body_prefixes) are set aside?"""
    lex = lexicon()
    clause = clause_start(text, pos)
    # the last list mark of the clause before pos (a search in C, not a loop over its characters)
    last_mark = max((text.rfind(m, clause, pos) for m in lex.list_marks if len(m) == 1), default=-1)
    numbered = lex.enumerator.match(text, clause)
    if numbered and last_mark < numbered.end():
        last_mark = -1          # (1、十堰市房县…: the mark of a numbered item, not of a list)
    start = last_mark + 1 if last_mark >= 0 else clause
    after_figure = max((e for e in quantity_ends if start <= e <= pos), default=start)
    before = strip_openers(text[after_figure:pos])
    if (before and before not in lex.body_prefixes) or (clause and text[clause - 1] in "(（"):
        return False          # (inside brackets: an aside, never the subject; 共青团某市委 opens)
    if start > clause and after_figure == start:
        # an item of a list: the item before it must end with a figure, or
        # the place heads a name set beside a phrase (not in a list of places)
        # (an aside in brackets may close it: 甲县损失1亿元(占40%)、乙县…)
        return any(not after_unopened_bracket(without_asides(text[e:start - 1])).strip()
                   for e in quantity_ends if e < start) \
            or names_beside_a_phrase
    return True


def _subject_before(text: str, anchor: Anchor, earlier: list[Anchor]) -> bool:
    """Does a place opening the clause of ``anchor`` come before it?"""
    start = clause_start(text, anchor.start)
    return any(b.role == "opens" and b.kind == "place" and b.start >= start for b in earlier)


def _modifies_a_count(text: str, anchor: Anchor, quantity_ends: list[int]) -> bool:
    """甲县引进260名北京专家: a place written right after a count and before
    a noun says where the things counted come from; after the clause's
    subject it opens nothing (共有37家江苏企业上榜: with none, it is the subject)."""
    if anchor.kind != "place" or anchor.start not in quantity_ends:
        return False
    words = wordlist.cut(text[anchor.end:anchor.end + 6])
    # (the dictionary's tags kept are those of verbs and function words: a noun reads as '')
    return bool(words) and is_han(words[0][0]) and not wordlist.tags().get(words[0])


def _item_after(text: str, pos: int, earlier: list[Anchor]) -> Anchor | None:
    """The anchor of the item before, when the anchor at ``pos`` begins an
    item of a list of figures (after a list mark in its clause)."""
    clause = clause_start(text, pos)
    before = text[clause:pos].rstrip()
    if not before.endswith(tuple(lexicon().list_marks)):
        return None
    return next((b for b in reversed(earlier) if b.start >= clause), None)


def strip_openers(text: str, connectors: bool = True) -> str:
    """What is left of ``text`` once openers, time phrases and (unless
    ``connectors`` is false) connectors are taken off its start: '' when
    nothing else stands there. (The status rules keep the connector: 并实现
    continues a plan, it reports nothing.)"""
    lex = lexicon()
    text = text.strip()
    previous = None
    while text and text != previous:
        previous = text
        while m := lex.openers.match(text):
            text = text[m.end():].lstrip()
        text = text[leading_time_phrase(text):].lstrip()
        if text[:1] in OPENING_BRACKETS and (close := next_closing(text, 1)) < len(text) \
                and not strip_openers(text[1:close]):
            text = text[close + 1:].lstrip()      # (今天(8月17日): the date as an aside)
        if text[:1] in "到至" and text[1:2].isdecimal():
            text = text[1:]                       # 到2025年
        for c in lex.connectors if connectors else ():
            if text.startswith(c):
                text = text[len(c):]
                break
        text = text.lstrip(" ,，:：")
    return text
