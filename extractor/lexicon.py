"""The shared vocabulary (``patterns/lexicon.yaml``), compiled once.

Clause marks, list marks, connectors, prepositions, openers and the words
that name an area by its level are read by several stages (segment, clause
analysis, indicators, counties); each is defined once, here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules


def _alternation(words) -> re.Pattern:
    """One regex of the words, longest first (never matches when empty)."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


@dataclass(frozen=True)
class Lexicon:
    clause_marks: frozenset
    clause_mark_re: re.Pattern
    mark_or_bracket_re: re.Pattern   # a clause mark or a bracket (segment.clause_start)
    list_marks: frozenset
    connectors: tuple            # longest first
    prepositions: frozenset      # one-character words
    recipient_prepositions: tuple
    after_de_copulas: tuple      # 的为, 的是: the place after one is read as after 的
    location_prepositions: tuple
    location_predicates: tuple
    route_words: tuple           # 西起, 东至, 途经: a place after them is a point on a route
    enumerator: re.Pattern       # 1. , (三), 一是: the mark of a numbered item
    reference_prepositions: tuple
    source_prepositions: tuple   # 据, 根据 (longest first)
    data_source_prepositions: tuple  # 来自: a source only in a clause ending in data_verbs
    data_verbs: tuple            # 显示, 表明
    body_prefixes: tuple         # 共青团, 武警: they begin a body's name before its place
    branch_brands: tuple         # 移动, 电力: a province's short name before one names a firm's branch
    idea_heads: tuple            # 茶, 模式: heads of names of products and ideas (龙井茶, 上海模式)
    produce_heads: tuple         # 黄牛, 脐橙: produce named by the place right before it (湘西黄牛)
    governing_prepositions: tuple    # recipient and reference prepositions: what a phrase after them is aimed at
    address_labels: tuple        # 户籍地:, 住址: (with the colon, longest first)
    openers: re.Pattern          # an opener at the start of a text
    scope_re: re.Pattern         # 全县, 我市, 该州, 全国, 县域 ... anywhere
    level_body_re: re.Pattern    # 团市委, 县政府: a match's last group the level of the body's area
    level_word_re: re.Pattern    # prefix + level only (全县, 该州): group 1 the prefix, 2 the level
    county_aggregates: frozenset
    country_words: frozenset
    level_words: tuple           # 全县, 我市, 该州 …: every prefix with every level
    respective: str              # 分别
    own_prefixes: str            # 我, 本: the page's own voice (我省)
    region_words: tuple          # 地区, 一带: the land around a place


# The Han script (CJK unified ideographs and extension A): the one class every
# stage tests characters against.
HAN = "\u3400-\u9fff"
HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


# Brackets open and close asides (…(上年同期为9.65亿元)); the pairs, once.
OPENING_BRACKETS, CLOSING_BRACKETS = "(（[【", ")）]】"


def _level_bodies(templates: list[str], levels: list[str]) -> re.Pattern:
    """团市委, 县政府: each template with {} for the level (a match's last group)."""
    level = "([%s])" % re.escape("".join(levels))
    return re.compile("|".join(re.escape(t).replace(re.escape("{}"), "{}").format(level) for t in templates))


@rules.compiled
def lexicon() -> Lexicon:
    cfg = rules.load(rules.LEXICON)
    prefixes = "".join(cfg["scope_prefixes"])
    levels = sorted(cfg["scope_levels"], key=len, reverse=True)
    scope_words = ([p + lv for p in cfg["scope_prefixes"] for lv in levels]
                   + list(cfg["county_aggregates"]) + list(cfg["country_words"]))
    marks = frozenset(cfg["clause_marks"])
    return Lexicon(
        clause_marks=marks,
        clause_mark_re=re.compile("[" + re.escape("".join(sorted(marks))) + "]"),
        mark_or_bracket_re=re.compile("[" + re.escape("".join(sorted(marks)) + OPENING_BRACKETS + CLOSING_BRACKETS) + "]"),
        list_marks=frozenset(cfg["list_marks"]),
        connectors=tuple(sorted(cfg["connectors"], key=len, reverse=True)),
        prepositions=frozenset(w for w in cfg["prepositions"] if len(w) == 1),
        recipient_prepositions=tuple(sorted(cfg["recipient_prepositions"], key=len, reverse=True)),
        after_de_copulas=tuple("的" + w for w in cfg["copulas"]),
        location_prepositions=tuple(sorted(cfg["location_prepositions"], key=len, reverse=True)),
        location_predicates=tuple(cfg["location_predicates"]),
        route_words=tuple(sorted(cfg["route_words"], key=len, reverse=True)),
        reference_prepositions=tuple(sorted(cfg["reference_prepositions"], key=len, reverse=True)),
        source_prepositions=tuple(sorted(cfg["source_prepositions"], key=len, reverse=True)),
        data_source_prepositions=tuple(cfg["data_source_prepositions"]),
        data_verbs=tuple(cfg["data_verbs"]),
        body_prefixes=tuple(cfg["body_prefixes"]),
        branch_brands=tuple(cfg["branch_brands"]),
        idea_heads=tuple(cfg["idea_heads"]),
        produce_heads=tuple(cfg["produce_heads"]),
        governing_prepositions=tuple(sorted(set(cfg["recipient_prepositions"]) | set(cfg["reference_prepositions"]),
                                            key=len, reverse=True)),
        address_labels=tuple(sorted((w + mark for w in cfg["address_labels"] for mark in (":", ": ")),
                                    key=len, reverse=True)),
        openers=re.compile(f"{cfg['enumerator']}|{_alternation(cfg['discourse_openers'] + cfg['plan_openers']).pattern}"),
        enumerator=re.compile(cfg["enumerator"]),
        scope_re=_alternation(scope_words),
        level_body_re=_level_bodies(cfg["level_bodies"], [lv for lv in levels if len(lv) == 1]),
        level_word_re=re.compile(f"([{re.escape(prefixes)}])(" + "|".join(map(re.escape, levels)) + ")"),
        own_prefixes="".join(cfg["own_prefixes"]),
        region_words=tuple(cfg["region_words"]),
        county_aggregates=frozenset(cfg["county_aggregates"]),
        country_words=frozenset(cfg["country_words"]),
        level_words=tuple(p + lv for p in cfg["scope_prefixes"] for lv in levels),
        respective=str(cfg["respective_word"]),
    )
