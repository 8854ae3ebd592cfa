"""Find each quantity in a sentence: a number with its unit, the qualifier
words touching it, and a range's upper end. Numbers that are not figures
(dates, ordinals, slogans, names, thresholds) are dropped here.

The rules are data: units, qualifiers and exclusions in ``patterns/``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from . import rules
from .gazetteer import gazetteer
from .lexicon import HAN_RE, HAN_RUN_RE
from .models import Quantity
from .numbers import NumberReading, NumberSpan, context, find_numbers, numeral_chars, plain, read_number
from .segment import clause_end

_CHINESE_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿几半]+$")
# After 以上/以下, these start the rest of the sentence, not a category noun.
_GOES_ON = set("都均也还已将并且就是为和与及、")
_ARABIC = re.compile(r"[0-9]")
_ONE = Decimal(1)
_ZERO = Decimal(0)
_SHARE_KINDS = ("percent", "ratio")     # 65%以上的农户: a share of them, not a category
_RANGE_JOIN = re.compile(r"\s{0,2}(?:至|到|--|—|–|-|~|～|－)\s{0,2}")


@dataclass(frozen=True)
class _Lexicon:
    unit_re: re.Pattern            # multiplier? qualifier? unit, right after a number
    kinds: dict                    # unit -> family (a rate, 元/月: family_of)
    denominators: frozenset        # what a unit may be written over to make a rate
    per_amount: re.Pattern         # ...or an amount of a weight or volume (元/500g)
    multipliers: dict              # multiplier text -> Decimal
    tail_multiplier: re.Pattern    # a multiplier ending a number span (93.4亿)
    unit_multiplier: re.Pattern    # a multiplier opening a unit (万元)
    bare_multiplier: re.Pattern    # 过万, 近百家, 超百亿元: a qualifier and a bare 百/千/万/亿
    bare_multiplier_char: re.Pattern   # what every such bare multiplier holds (a quick test)
    before_q_map: dict
    may_hold: re.Pattern           # a cheap test: can this text hold a quantity at all?
    candidate: re.Pattern          # a sharper one: what every quantity holds
    not_before: dict               # unit -> what after it shows the letters begin another word (元旦)
    not_before_but: dict           # unit -> what after it keeps it a unit all the same (支队伍, not 支队)
    span_before: tuple             # 历时, 为期…: 年 or 日 after them is a span of time
    span_number_chars: str         # what a number and a range between those words and the unit hold
    span_after: dict               # 年 -> (时间, 以上…): after the unit, it is a span
    before_q_lengths: tuple        # lengths of the words of before_q_map, longest first
    before_q_last: frozenset       # the characters those words end with (a quick test)
    after_q: re.Pattern
    after_q_map: dict
    not_after_q: dict
    thresholds: tuple
    threshold_followers: tuple
    threshold_after_count_reach: int     # 12个站点超过80毫米: the noun between count and bound, at most
    threshold_after_count_families: frozenset    # ...and the measures each thing has (毫米, %)
    threshold_after_count_not: tuple     # 每: an amount of each, not a threshold
    excl_before: tuple
    excl_before_exceptions: tuple
    excl_after: tuple
    excl_after_not_lengths: tuple    # 路, 线: after a length, a stretch of road (3.6公里路段)
    clock_unit: str                # the seconds of a clock time (3时12分40秒): their unit ...
    clock_before: re.Pattern       # ... and what stands before them
    mileage_before: re.Pattern     # K57+300米: a mileage mark, no length
    bare_numerals: frozenset
    numeral_units_excluded: frozenset
    pronoun_counts: frozenset
    ordinal_numerals: frozenset    # 二: 二次, 二类 name a class or an order
    address_units: dict            # 组 -> 村|社区 (6、)* at the end: after those, a count is part of an address
    duration_not_after: tuple
    quotes: tuple
    max_quote: int
    bare_not_before: tuple         # 3万元 read above; 2万字, 1万步: not a bare 万
    std_units: dict                # unit as written -> (factor, standard unit): 百只 -> (100, 只)
    span_date: dict                # 年 -> a number that is a year of the calendar (2015年以上); 日 -> a day of a month
    durations_not_before: tuple        # 工, 天: 3个小时工 is no duration
    durations_with_classifier: dict    # 个多月 -> (个月, more_than, 0), 个半小时 -> (小时, '', 0.5): 个 inside a duration's unit
    classified_durations: tuple        # its keys, for one startswith test


@rules.compiled
def lexicon() -> _Lexicon:
    units_cfg = rules.load("units")
    q_cfg = rules.load("qualifiers")
    ex_cfg = rules.load("exclusions")
    kinds = {}
    for family, spec in units_cfg["families"].items():
        for unit in spec["units"]:
            kinds.setdefault(str(unit), family)
    # a unit over a time or a unit of these families is a rate (元/月, 万元/户): every one is a unit too
    denominators = [str(u) for u in units_cfg["per_times"]] + [
        u for u, family in kinds.items() if family in units_cfg["per_over_families"]]
    multipliers = {str(k): Decimal(str(v)) for k, v in units_cfg["multipliers"].items()}
    # A Latin unit must not run on into more letters (km, not kmh); a Chinese
    # one may be followed by anything (11家A级景区).
    unit_alts = "|".join(re.escape(u) + ("(?![A-Za-z²³])" if u[-1].isascii() else "")
                         for u in sorted(kinds, key=len, reverse=True))
    mult_alts = "|".join(re.escape(m) for m in sorted(multipliers, key=len, reverse=True))
    spans = units_cfg["span_units"]
    span_units = "|".join(map(re.escape, spans["units"]))          # (年, 日: units only where a span is meant)
    amount_units = sorted((u for u, family in kinds.items() if family in units_cfg["per_amount_families"]),
                          key=len, reverse=True)
    per_amount = "[0-9]{1,4}(?:%s)" % "|".join(map(re.escape, amount_units))
    per_alts = "|".join(map(re.escape, sorted(set(denominators), key=len, reverse=True))) + "|" + per_amount
    unit_re = re.compile(
        rf"\s{{0,2}}(?P<mult>{mult_alts})?\s{{0,2}}(?P<q>[余多])?\s{{0,2}}"
        rf"(?P<unit>(?:{unit_alts}|{span_units})(?:/(?:{per_alts})(?:·(?:{per_alts}))?(?![A-Za-z0-9]))?)")
    # A candidate: what every quantity holds (a numeral right before a unit;
    # 百分之; 万 or 亿, for 人口42万; a qualifier before a bare multiplier,
    # 过万). A sentence without one is passed over after one scan, though it
    # may hold numbers (dates, years, ordinals).
    numeral_class = "".join(sorted(map(re.escape, numeral_chars())))
    bare_before = "|".join(map(re.escape, q_cfg["bare_multiplier_before"]))
    candidate = re.compile(
        rf"[{numeral_class}]\s{{0,2}}(?:{mult_alts})?\s{{0,2}}[余多]?\s{{0,2}}(?:{unit_alts}|{span_units})"
        rf"|[万亿萬億]|[百千]分之|(?:{bare_before})(?=[百千万亿])")
    before_q = sorted(((w, q) for q, words in q_cfg["before"].items() for w in words),
                      key=lambda p: len(p[0]), reverse=True)
    after_map = {w: q for q, words in q_cfg["after"].items() for w in words}
    after_alts = "|".join(sorted(map(re.escape, after_map), key=len, reverse=True))
    return _Lexicon(
        unit_re=unit_re,
        kinds=kinds,
        denominators=frozenset(denominators),
        per_amount=re.compile(per_amount),
        multipliers=multipliers,
        unit_multiplier=re.compile(mult_alts),
        tail_multiplier=re.compile(r"(?P<mult>万亿|亿|万)(?P<q>\s*[余多几])?\s*$"),
        may_hold=re.compile(      # (the lookahead lists the first characters: a fast skip)
            # (one numeral before the unit, not a run of them: the same texts
            # match, and a long run costs one try per character, not one per pair)
            r"(?=[0-9０-９百千过破超逾上零〇一二两三四五六七八九十万亿萬億兩几半])"
            r"(?:[0-9０-９]|[百千]分之|[过破超逾上](?:万|亿)"
            r"|[零〇一二两三四五六七八九十百千万亿萬億兩几半][余多几]?(?:万|亿)?(?:"
            + unit_alts + "|" + span_units + "))"),
        bare_multiplier=re.compile(rf"(?P<q>{'|'.join(map(re.escape, q_cfg['bare_multiplier_before']))})"
                                   r"(?=[百千万亿])(?P<num>[百千])?(?P<mult>万亿|亿|万)?"
                                   r"(?![0-9零〇一二两三四五六七八九十百千])"),
        bare_multiplier_char=re.compile("[百千万亿]"),
        candidate=candidate,
        before_q_map=dict(reversed(before_q)),      # a word listed twice: its first qualifier
        not_before={k: tuple(w for w in v if not w.startswith("!")) for k, v in units_cfg["not_before"].items()},
        not_before_but={k: tuple(w[1:] for w in v if w.startswith("!")) for k, v in units_cfg["not_before"].items()},
        span_before=tuple(spans["before"]),
        span_number_chars="".join(sorted(numeral_chars())) + ".—-~至到 ",
        span_after={str(u): tuple(v["after"]) for u, v in spans["units"].items()},
        span_date={str(u): re.compile(v["date"]) for u, v in spans["units"].items()},
        durations_not_before=tuple(units_cfg["durations_not_before"]),
        durations_with_classifier={str(k): (str(v[0]), str(v[1]), Decimal(str(v[2])) if len(v) > 2 else _ZERO)
                                   for k, v in units_cfg["durations_with_classifier"].items()},
        classified_durations=tuple(str(k) for k in units_cfg["durations_with_classifier"]),
        before_q_lengths=tuple(sorted({len(w) for w, _ in before_q}, reverse=True)),
        before_q_last=frozenset(w[-1] for w, _ in before_q if w),
        after_q=re.compile(rf"\s{{0,2}}(?P<w>{after_alts})"),
        after_q_map=after_map,
        not_after_q={k: tuple(v) for k, v in q_cfg["not_after"].items()},
        thresholds=tuple(q_cfg["threshold_words"]),
        threshold_followers=tuple(q_cfg["threshold_followers"]),
        threshold_after_count_reach=int(q_cfg["threshold_after_count_reach"]),
        threshold_after_count_families=frozenset(q_cfg["threshold_after_count_families"]),
        threshold_after_count_not=tuple(q_cfg["threshold_after_count_not"]),
        excl_before=tuple(sorted(ex_cfg["before"], key=len, reverse=True)),
        excl_before_exceptions=tuple(ex_cfg["before_exceptions"]),
        excl_after=tuple(ex_cfg["after"]),
        excl_after_not_lengths=tuple(ex_cfg["after_not_for_lengths"]),
        clock_unit=str(ex_cfg["clock"]["unit"]),
        clock_before=re.compile(ex_cfg["clock"]["before"]),
        mileage_before=re.compile(ex_cfg["mileage_before"]),
        bare_numerals=frozenset(ex_cfg["bare_chinese_numerals"]),
        numeral_units_excluded=frozenset(ex_cfg["chinese_numeral_units_excluded"]),
        pronoun_counts=frozenset(ex_cfg["pronoun_counts"]),
        ordinal_numerals=frozenset(ex_cfg["ordinal_numerals"]),
        address_units={str(u): re.compile("(?:%s)(?:[0-9]+[、,和及至-])*$" % "|".join(map(re.escape, words)))
                       for u, words in ex_cfg["address_units"].items()},
        duration_not_after=tuple(ex_cfg["duration_not_after"]),
        quotes=tuple(ex_cfg["quote_pairs"]),
        max_quote=int(ex_cfg["max_quote_length"]),
        bare_not_before=tuple(units_cfg["bare_multiplier_not_before"]),
        std_units={str(k): (Decimal(str(v[0])), str(v[1])) for k, v in units_cfg["std_units"].items()},
    )


@dataclass
class _Candidate:
    span: NumberSpan
    start: int             # mention start (qualifier included)
    end: int               # mention end (unit and qualifier included)
    value: Decimal
    value_max: Decimal | None
    unit: str
    multiplier: str
    qualifier: str
    bare: bool = False     # a lone multiplier after a qualifier (过万)
    bound: bool = False    # the qualifier is a word around the number (超过, 以上), not 余/多 in it


def find_quantities(text: str) -> list[Quantity]:
    lex = lexicon()
    if not lex.may_hold.search(text) or not lex.candidate.search(text):
        return []        # half the sentences of an article hold no figure at all
    spans = find_numbers(text)
    candidates: list[_Candidate | None] = [_read(text, s, lex) for s in spans]
    _merge_ranges(text, spans, candidates, lex)
    _years_and_months(text, spans, candidates)
    found = [c for c in candidates if c is not None]
    # (28元/500克: the amount a price is over is part of its unit, no figure)
    found = _outside_units(found)
    if lex.bare_multiplier_char.search(text):
        found += _bare_multipliers(text, lex, found)
    found.sort(key=_start)
    quoted = _short_quotes(text, lex) if found else []
    result, kept = [], []
    for k, cand in enumerate(found):
        if (_zero_band(cand) or _excluded(text, cand, quoted, lex)
                or _threshold(text, cand, found, k + 1, kept[-1] if kept else None, lex)):
            continue
        kept.append(cand)
        result.append(_to_quantity(cand, lex))
    return _fill_list_units(text, result, lex)


def _start(c: _Candidate) -> int:
    return c.start


def _outside_units(found: list[_Candidate]) -> list[_Candidate]:
    """The candidates (in text order) that do not start inside one kept before them."""
    kept, last_end = [], -1
    for c in found:
        if c.start >= last_end:
            kept.append(c)
            last_end = c.end
    return kept


def _read(text: str, span: NumberSpan, lex: _Lexicon, span_meant: bool = False) -> _Candidate | None:
    """The number at ``span`` with the unit after it, or None if it has none
    (``span_meant``: 年 or 日 is a span of time whatever the words before it)."""
    if text[span.end - 1] in "百千":
        span = _unit_prefix_out(text, span, lex)
    surface = text[span.start:span.end]
    reading = span.reading
    value, value_max, qualifier = reading.value, reading.value_max, reading.qualifier
    multiplier = ""
    tail = lex.tail_multiplier.search(surface) if "万" in surface or "亿" in surface else None
    head = surface[:tail.start()] if tail else surface
    if tail and head.strip(" 余多几"):
        multiplier = tail.group("mult")
        factor = lex.multipliers[multiplier]
        value = _divided(value, factor)
        value_max = _divided(value_max, factor) if value_max is not None else None
    if surface.startswith("百分之") or surface.startswith("千分之"):
        unit, end = ("%" if surface.startswith("百") else "‰"), span.end
    else:
        m = lex.unit_re.match(text, span.end)
        if m is None or not _unit_stands(text, m, lex, span_meant):
            if not (multiplier and _ARABIC.search(head) and not text.startswith(lex.bare_not_before, span.end)):
                return None
            # 人口35万, 0.35万群众: no measure word, the multiplier is the unit (GUIDELINE Lists)
            m = None
        if m is None:
            unit, end = "", span.end
        elif m.group("mult"):
            if multiplier:
                return None        # 3万万元: not a form we read
            multiplier = m.group("mult")
        if m is not None and m.group("q"):
            qualifier = "more_than"
        if m is not None:
            unit, end, unit_at = m.group("unit"), m.end(), m.start("unit")
            # (the first key written there, in the rules' order; most units start none: one test in C first)
            longer = next((w for w in lex.classified_durations if text.startswith(w, unit_at)), "") \
                if text.startswith(lex.classified_durations, unit_at) else ""
            if longer and text.startswith(lex.durations_not_before, unit_at + len(longer)):
                longer = ""                             # (3个小时工, 5个星期天: another word)
            if longer:                                  # 2个多月: 2 个月, more than; 3个小时: 3 小时
                (unit, more, half), end = lex.durations_with_classifier[longer], unit_at + len(longer)
                qualifier = more or qualifier
                if half:                                # 2个半小时: 2.5 小时
                    value = value + half
                    value_max = value_max + half if value_max is not None else None
    before = _qualifier_before(text, span.start, lex)
    start, bound = span.start, False
    if before:
        (start, qualifier), bound = before, True
    after = lex.after_q.match(text, end)
    if after:
        word = after.group("w")
        nxt = text[after.end():after.end() + 1]
        if word in lex.thresholds and nxt and (HAN_RE.match(nxt) or nxt == "的") and nxt not in _GOES_ON \
                and not (nxt == "的" and lex.kinds.get(unit) in _SHARE_KINDS):
            return None            # 3亿元以上项目: a category, not a figure (五成以上都…, 65%以上的农户: figures)
        if len(word) > 1 or not (nxt and HAN_RE.match(nxt)):
            qualifier = lex.after_q_map[word]
            end, bound = after.end(), True
    return _Candidate(span, start, end, value, value_max, unit, multiplier, qualifier, bound=bound)


def _unit_prefix_out(text: str, span: NumberSpan, lex: _Lexicon) -> NumberSpan:
    """12345.6千瓦, 3.5千米, 3250百只: a 千 or 百 right after Arabic digits that
    opens a unit belongs to the unit as written, not to the number."""
    last = span.end - 1
    if text[last] not in "百千" or last == span.start or not text[last - 1].isdecimal():
        return span
    m = lex.unit_re.match(text, last)
    if m is None or m.group("mult") or m.start("unit") != last or not _unit_stands(text, m, lex):
        return span
    reading = read_number(text[span.start:last])
    return NumberSpan(span.start, last, reading) if reading is not None else span


def _bare_multipliers(text: str, lex: _Lexicon, taken: list[_Candidate]) -> list[_Candidate]:
    """实现订单过万, 近百家, 超百亿元: a qualifier and a bare 百/千 (100, 1000)
    and/or 万/亿 (then the unit's multiplier)."""
    out = []
    for m in lex.bare_multiplier.finditer(text):
        if any(c.start <= m.start() < c.end for c in taken):
            continue
        unit_m = lex.unit_re.match(text, m.end())
        unit = unit_m.group("unit") if unit_m and not unit_m.group("mult") and _unit_stands(text, unit_m, lex) else ""
        end = unit_m.end() if unit else m.end()
        if not unit and (HAN_RE.match(text[end:end + 1]) or not m.group("mult")):
            continue       # 近百年来, 上万人次 without a unit: not read
        value = Decimal({"百": 100, "千": 1000}.get(m.group("num") or "", 1))
        mult = m.group("mult") or ""
        span = NumberSpan(m.start("q") + len(m.group("q")), m.end(), NumberReading(value))
        qualifier = lex.before_q_map.get(m.group("q")) or "more_than"
        out.append(_Candidate(span, m.start(), end, value, None, unit, mult, qualifier, bare=True, bound=True))
    return out


def _unit_stands(text: str, m: re.Match, lex: _Lexicon, span_meant: bool = False) -> bool:
    """The unit letters are the unit, not the start of another word."""
    unit = m.group("unit")
    rest = text[m.end():m.end() + 4]
    if rest.startswith(lex.not_before.get(unit, ())) and not rest.startswith(lex.not_before_but.get(unit, ())):
        return False
    if unit in lex.span_after and not span_meant:
        before = text[max(0, m.start() - 6):m.start()]
        if before.rstrip(lex.span_number_chars).endswith(lex.span_before):
            # 历时1100年: a span of time, whatever the number; but 工期2023年至2025年,
            # 期限2024年6月: a year of the calendar, then more of a date
            return not (lex.span_date[unit].search(before) and (rest.lstrip()[:1].isdigit() or _RANGE_JOIN.match(rest)))
        # 8年以上 is a span, 2015年以上 a date
        return rest.startswith(lex.span_after[unit]) and not lex.span_date[unit].search(before)
    return True


def _qualifier_before(text: str, pos: int, lex: _Lexicon) -> tuple[int, str] | None:
    p = pos
    while p > 0 and text[p - 1] == " ":
        p -= 1
    if p == 0 or text[p - 1] not in lex.before_q_last:
        return None                              # (most numbers: no qualifier word can end here)
    for length in lex.before_q_lengths:          # longest word first
        if length > p:
            continue
        word = text[p - length:p]
        qualifier = lex.before_q_map.get(word)
        if qualifier is not None:
            prev = text[p - length - 1:p - length]
            # (条约 is a treaty, but 35条约120公里: 条 is the unit of a number before it)
            if length == 1 and prev and prev in lex.not_after_q.get(word, ()) \
                    and not text[p - length - 2:p - length - 1].isdigit():
                return None
            return p - length, qualifier
    return None


def _merge_ranges(text, spans, candidates, lex) -> None:
    """1至2项, 4.5%-5%, 100亿元到120亿元, 1730--3670米: one quantity, two ends."""
    for i in range(len(spans) - 1):
        first, second = candidates[i], candidates[i + 1]
        if second is None and first is not None and first.unit in lex.span_after:
            # (有期徒刑2年至9年: the high end of a span of time is one too)
            second = _read(text, spans[i + 1], lex, span_meant=True)
            if (second is None or second.unit != first.unit
                    or lex.span_date[first.unit].search(text, max(0, spans[i + 1].start - 6), spans[i + 1].end)):
                second = None       # (历时4年至2030年底: a date ends it)
        if second is None or second.value_max is not None:
            continue
        low_end = first.end if first is not None else spans[i].end
        join = _RANGE_JOIN.match(text, low_end)
        if not join or join.end() != spans[i + 1].start and join.end() != second.start:
            continue
        if first is not None and first.unit != second.unit:
            continue
        if first is not None:
            low = first.value
        elif _has_tail_multiplier(text, spans[i], lex):
            # 5万至10万元: the low end carries its own multiplier
            low = _divided(spans[i].reading.value, lex.multipliers.get(second.multiplier, Decimal(1)))
        else:
            low = spans[i].reading.value       # 100到120亿元: written in the unit of the high end
        high = abs(second.value)
        if not low < high:
            continue
        candidates[i] = None
        candidates[i + 1] = _Candidate(second.span, first.start if first else spans[i].start,
                                       second.end, low, high, second.unit, second.multiplier,
                                       (first.qualifier if first else "") or second.qualifier)


_MONTHS = "个月"
_MAX_YEARS = 100


def _years_and_months(text, spans, candidates) -> None:
    """有期徒刑3年8个月: years written right before a count of months are one
    span with it, in months (44 个月)."""
    for k in range(1, len(candidates)):
        cand, years = candidates[k], spans[k - 1]
        if (cand is None or cand.unit != _MONTHS or cand.multiplier or cand.value_max is not None
                or candidates[k - 1] is not None and candidates[k - 1].end > years.end + 1
                or text[years.end:cand.span.start] != "年" or years.reading.value_max is not None
                or years.reading.value >= _MAX_YEARS):          # (2022年3个月: a date, then months)
            continue
        start = years.start if candidates[k - 1] is None else candidates[k - 1].start
        candidates[k - 1] = None
        candidates[k] = _Candidate(NumberSpan(years.start, cand.span.end, cand.span.reading), start, cand.end,
                                   years.reading.value * 12 + cand.value, None, _MONTHS, "", cand.qualifier,
                                   bound=cand.bound)


def _has_tail_multiplier(text, span, lex) -> bool:
    return lex.tail_multiplier.search(text[span.start:span.end]) is not None


def _excluded(text: str, cand: _Candidate, quoted: list[tuple[int, int]], lex: _Lexicon) -> bool:
    surface = text[cand.span.start:cand.span.end].strip()
    if surface in lex.bare_numerals and not cand.bare and cand.unit not in lex.span_after:
        return True             # (一张蓝图; not 缓刑一年: 年 is a unit only where a span is meant)
    if _CHINESE_NUMERAL.match(surface) and (cand.unit in lex.numeral_units_excluded
                                            or _begins_a_place(text, cand.span.start, cand.end)):
        return True             # (三把火; 五家渠市, 六盘水市: a numeral beginning a place's name)
    if text[cand.span.start:cand.end] in lex.pronoun_counts:
        return True
    if surface in lex.ordinal_numerals and _family_of(cand.unit, lex) == "count":
        return True             # (二次利用, 二类用地: 两次, 两类 count)
    if cand.unit in lex.address_units and lex.address_units[cand.unit].search(text, max(0, cand.span.start - 12),
                                                                              cand.span.start):
        return True             # (某村3组, 某社区2、5组: village groups)
    if text.endswith(lex.duration_not_after, 0, cand.start) and (
            _family_of(cand.unit, lex) == "duration" or cand.unit in lex.span_after):
        return True
    before = text[max(0, cand.start - 4):cand.start]
    if before.endswith(lex.excl_before):
        if not text[max(0, cand.start - 6):cand.start].endswith(lex.excl_before_exceptions):
            return True
    if text.startswith(lex.excl_after, cand.end) and not (
            text.startswith(lex.excl_after_not_lengths, cand.end) and _family_of(cand.unit, lex) == "length"):
        return True
    if cand.unit == lex.clock_unit and lex.clock_before.search(text, max(0, cand.start - 6), cand.start):
        return True
    if lex.mileage_before.search(text, max(0, cand.span.start - 8), cand.span.start):
        return True             # (公路K57+300米处: a mileage mark)
    return bool(quoted) and any(a <= cand.span.start < b for a, b in quoted)


def _begins_a_place(text: str, start: int, end: int) -> bool:
    """Does a place name written from ``start`` run past ``end``?"""
    g = gazetteer()
    if not g.may_start(text[start:start + 2]):
        return False
    found = g.find(text[start:start + 12], short_names=True)
    return bool(found) and found[0].start == 0 and found[0].end > end - start


def _zero_band(cand: _Candidate) -> bool:
    """0—3公里范围内, 0至6岁儿童: a range from zero marks out a band, not an
    amount. A stated zero (安全事故0起, 死亡人数为0人) is a figure."""
    return cand.value == 0 and cand.value_max is not None


def _threshold(text: str, cand: _Candidate, found: list[_Candidate], later: int, counted: _Candidate | None,
               lex: _Lexicon) -> bool:
    """年产值超过10亿元的企业有14家, 超亿元企业近百家: a bounded amount that
    defines the things counted next in its clause is a category, not a figure
    (总投资超300亿元的产业集群, with nothing counted after it, is a figure).
    ``found[later:]`` are the candidates after it (looked at only for a bound
    amount); ``counted`` is the figure kept right before it."""
    if not cand.bound:
        return False
    limit = clause_end(text, cand.end)
    if text.startswith(lex.threshold_followers, cand.end):
        return any(c.start < limit and _family_of(c.unit, lex) in ("count", "people") for c in found[later:])
    # 12个站点超过80毫米, (ending its clause): which of the things counted right
    # before (not an estimate, 受灾人口近2万人; nor a price of each, 每家不超过…, 一个不超过…)
    if (counted is None or cand.qualifier not in ("more_than", "less_than") or counted.value <= 1
            or _family_of(counted.unit, lex) not in ("count", "people")
            or _family_of(cand.unit, lex) not in lex.threshold_after_count_families):
        return False
    between = text[counted.end:cand.start]
    return (0 < len(between) <= lex.threshold_after_count_reach and HAN_RUN_RE.fullmatch(between) is not None
            and not any(w in between for w in lex.threshold_after_count_not) and not text[cand.end:limit].strip())


def _short_quotes(text: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """Spans of short quoted text (slogans, names)."""
    spans = []
    for pair in lex.quotes:
        opening, closing = pair[0], pair[1]
        pos = 0
        while True:
            a = text.find(opening, pos)
            if a < 0:
                break
            b = text.find(closing, a + 1)
            if b < 0:
                break
            if b - a - 1 <= lex.max_quote:
                spans.append((a, b))
            pos = b + 1
    return spans


def _fill_list_units(text: str, quantities: list[Quantity], lex: _Lexicon) -> list[Quantity]:
    """拉动经济增长1.74个、3.22个、4.0个百分点: the list's last unit completes
    the shortened units before it."""
    out = list(quantities)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        gap = text[q.end:nxt.start]
        if gap in ("、", "和", "及", ",", "，", "与") and q.unit != nxt.unit and nxt.unit.startswith(q.unit):
            out[i] = _with_unit(q, nxt.unit, lex)
    return out


def _with_unit(q: Quantity, unit: str, lex: _Lexicon) -> Quantity:
    from dataclasses import replace
    return replace(q, unit=unit, kind=_family_of(unit, lex) or q.kind, std_unit=unit)


def _to_quantity(c: _Candidate, lex: _Lexicon) -> Quantity:
    factor, std_unit = split_multiplier(c.multiplier + c.unit) if c.unit else (
        lex.multipliers.get(c.multiplier, _ONE), "")
    kind = _family_of(c.unit, lex) or ("duration" if c.unit in lex.span_after else "")
    return Quantity(start=c.start, end=c.end, value=c.value, unit=c.multiplier + c.unit,
                    value_max=c.value_max, qualifier=c.qualifier, kind=kind,
                    std_factor=factor, std_unit=std_unit)


@rules.cached(maxsize=4096)     # units are few; a table may write any
def split_multiplier(unit: str) -> tuple[Decimal, str]:
    """The factor and the standard unit of a unit as written: 万元 -> (10000,
    元), 百只 -> (100, 只), 万千米 -> (10000, 公里) (units.yaml: std_units);
    a plain unit -> (1, unit)."""
    lex = lexicon()
    factor = _ONE
    m = lex.unit_multiplier.match(unit)
    if m and len(unit) > m.end():
        factor, unit = lex.multipliers[m.group()], unit[m.end():]
    std = lex.std_units.get(unit)
    return (factor * std[0], std[1]) if std else (factor, unit)


def scaled(value: Decimal, factor: Decimal) -> Decimal:
    """``value`` times ``factor``, exactly: 93.4 × 10⁸ -> 9340000000.

    Decimal's default context keeps 28 digits: a longer product would be
    rounded, and making it integral would raise. Here the precision is that
    of the operands, so any value read gives its product."""
    if factor == _ONE:
        return plain(value)          # (most figures: nothing to multiply)
    return plain(context(_digits(value) + _digits(factor)).multiply(value, factor))


def _divided(value: Decimal, factor: Decimal) -> Decimal:
    """``value`` over a multiplier (a power of ten), exactly."""
    return plain(context(_digits(value) + _digits(factor) + 28).divide(value, factor))


def _digits(d: Decimal) -> int:
    """Enough precision to hold ``d`` written out in full (1E+30: 31 digits)."""
    sign, digits, exponent = d.as_tuple()
    return len(digits) + max(exponent, 0) + 1


def _family_of(unit: str, lex: _Lexicon) -> str | None:
    """The family of a unit as the lexicon knows it; a unit of it over a
    denominator (元/月, 元/户) is a rate, of the family per."""
    family = lex.kinds.get(unit)
    if family is None and "/" in unit:
        numerator, _, denominator = unit.partition("/")
        if numerator in lex.kinds and (denominator in lex.denominators or lex.per_amount.fullmatch(denominator)):
            return "per"
    return family


def unit_family(unit: str) -> str | None:
    """The family (units.yaml) of a unit as written: 'money' for 亿元, '' for a
    bare multiplier (万), None for no unit or one of no family."""
    unit = unicodedata.normalize("NFKC", unit or "").strip()
    if not unit:
        return None
    lex = lexicon()
    if unit in lex.multipliers:
        return ""
    return _family_of(split_multiplier(unit)[1], lex) or _family_of(unit, lex)
