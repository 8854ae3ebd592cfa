"""Finding time phrases (上半年, 2024年1-6月, 十三五期间): where they stand
and what they say. Which one is a figure's period, and whether the figure
is a target, is decided by ``periods.py``. Rules: ``patterns/periods.yaml``."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules

_QUOTES = str.maketrans("", "", "“”\"'‘’")


@dataclass(frozen=True)
class _TimeRules:
    time: re.Pattern             # any time phrase (finds where one starts)
    each: tuple                  # each pattern alone (the longest at that place wins)
    trigger: re.Pattern
    year_only: re.Pattern
    year_followers: re.Pattern
    timestamp_clock: re.Pattern
    timestamp_label: re.Pattern
    dateline: re.Pattern


@rules.compiled
def _rules() -> _TimeRules:
    cfg = rules.load("periods")
    alts = sorted(cfg["patterns"], key=len, reverse=True)
    return _TimeRules(
        # the lookahead lets the engine pass over most positions at once
        time=re.compile(f"(?=[{re.escape(cfg['start_chars'])}])(?:" + "|".join(f"(?:{p})" for p in alts) + ")"),
        each=tuple(re.compile(p) for p in alts),
        trigger=re.compile(f"[{re.escape(cfg['trigger_chars'])}]"),
        year_only=re.compile(r"^(?:19|20)\d{2}年$"),
        year_followers=re.compile(cfg["year_followers"]),
        timestamp_clock=re.compile(cfg["timestamp_clock"]),
        timestamp_label=re.compile(cfg["timestamp_label"]),
        dateline=re.compile(cfg["dateline"]),
    )


def time_pattern() -> re.Pattern:
    """A time phrase (periods.yaml ``patterns``), compiled once for every stage."""
    return _rules().time


@rules.cached(maxsize=64)      # repeats within one sentence (period_before per figure)
def time_phrases(text: str, *, heading: bool = False) -> tuple[tuple[int, int, str], ...]:
    """Time phrases of ``text`` as (start, end, phrase without quotes).

    A bare year right before a noun (2021年人才交流大会) names an event and is
    skipped, except in a heading (2023年工作亮点).
    """
    r = _rules()
    if not r.trigger.search(text):
        return ()
    found = []
    pos = 0
    while (m := r.time.search(text, pos)) is not None:
        start, end = m.start(), _longest_end(r, text, m)
        pos = end if end > start else start + 1
        if end == start:
            continue
        phrase = text[start:end]
        if (not heading and r.year_only.match(phrase) and end < len(text)
                and not r.year_followers.match(text, end)):
            continue
        if start and text[start - 1].isdecimal():
            continue
        if _is_timestamp(r, text, start, end):
            continue
        found.append((start, end, phrase.translate(_QUOTES)))
    return tuple(found)


def _is_timestamp(r: _TimeRules, text: str, start: int, end: int) -> bool:
    """A page's own date or time (2023年2月11日 09:41, 发布时间：…): not a period."""
    return (r.timestamp_clock.match(text, end) is not None
            or r.timestamp_label.search(text, 0, start) is not None
            or r.dateline.fullmatch(text) is not None)


def _longest_end(r: _TimeRules, text: str, m: re.Match) -> int:
    """Where the longest time phrase starting at ``m`` ends: 2024年12月31日,
    not the 2024年 that the year pattern alone would take."""
    end = m.end()
    for pattern in r.each:
        other = pattern.match(text, m.start())
        if other is not None and other.end() > end:
            end = other.end()
    return end


def leading_time_phrase(text: str) -> int:
    """Where the time phrase that opens ``text`` ends (0 if none opens it):
    the first of ``time_phrases(text)`` when it starts at 0, without scanning
    the rest of the text."""
    r = _rules()
    m = r.time.match(text)
    if m is None or not m.group(0) or not r.trigger.search(text):
        return 0
    end = _longest_end(r, text, m)
    if (r.year_only.match(text, 0, end) and end < len(text)
            and not r.year_followers.match(text, end)):
        return 0
    return end
