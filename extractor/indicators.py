"""Name what each quantity measures: the shortest phrase of the sentence that
says it (GUIDELINE `indicator`).

Each figure is named by the first of the naming rules that applies, tried
in the order ``patterns/indicators.yaml`` lists them (``rules:``, each with
what it does and example sentences); the rule's id goes into the row's
``rules`` (--explain). Each rule is a function below registered under its id
with ``@_rule``. The last, ``clause_before``, is what most figures get: the
clause before the number, trimmed of subjects, time words and linking verbs
(全县地区生产总值达93.4亿元 -> 地区生产总值). Before it come the shapes that
need more: lists with 分别 (respectively), counts whose thing follows the
number (counted_thing_after), a thing named after 的 (thing_after_de), and a
phrase that is only a change or part word taking the subject of the figure
before it (takes_subject: 固定资产投资同比增长).

Word boundaries come from jieba's precise mode on the short pieces only, with
part-of-speech read from jieba's dictionary (no HMM tagging: it is slow).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from . import rules, wordlist
from .models import Quantity
from .gazetteer import gazetteer
from .lexicon import HAN_RE, HAN_RUN_RE, is_han, lexicon
from .segment import (after_unopened_bracket, bracket_depth, clause_end, clause_start, last_opening, next_closing,
                      without_asides)
from .timeinfo import time_pattern

_QUOTE_CHARS = "“”‘’\"'「」『』"
_QUOTES_DROPPED = re.compile("[‘’\"'「」『』]")     # all but “”, which may hold a name
_SPACES = re.compile(r"\s+")
_COUNT_KINDS = {"count", "people"}
_NOUN_AFTER_KINDS = _COUNT_KINDS | {"area"}      # 300亩蓝莓种植园


@dataclass(frozen=True)
class _Words:
    leading: tuple
    trailing: tuple
    needs_subject: frozenset
    measures: tuple
    comparisons: tuple
    change: tuple
    compared_change_re: re.Pattern   # 可比增长, 比上半年提高, 较一季度回升: a whole phrase that needs a subject
    share_re: re.Pattern       # 为年投资计划的: the whole a share is of
    lead_time_re: re.Pattern   # 到1996年全区种植面积: a time the phrase is measured at
    word_patterns: tuple       # leading and trailing words compiled once (_word_patterns)
    span_trigger: re.Pattern   # a character every span_time_re match holds (a cheap test first)
    span_time_re: re.Pattern   # 从2013年的, 到2018年的 ending a phrase: the span of a from-to change
    np_stops: frozenset
    np_stop_tuple: tuple       # the same words, for one startswith test
    np_stop_re: re.Pattern     # a clause mark, 、 or a stop word
    max_np: int
    max_indicator: int
    time: re.Pattern
    aliases: tuple
    boundary: frozenset        # clause marks
    boundary_strip: str        # clause marks, list marks and spaces, to strip from a phrase's ends
    connectors: str            # list marks, connector characters, commas and spaces
    list_joiners: tuple        # what joins the items of a list (、, 和, 及)
    list_split: re.Pattern
    no_lead_after: frozenset   # a count after one of these takes no verb before it
    not_objects: tuple         # words after an amount that are not what it measures (人民币, 每秒)
    act_nouns: frozenset       # the act a figure is part of, after 的 (的行政处罚): no thing it measures
    route_initials: frozenset  # the first characters of lexicon.yaml route_words (a cheap test first)
    unit_nouns: dict           # the noun a unit counts when nothing else names it (人 -> 人口)
    recipient: tuple           # 向房县捐赠农机: a figure given to a place is named from the place on
    recipient_re: re.Pattern   # any of them (one search, not a loop over them)
    aspect_words: frozenset    # 累计, 已: before a word that needs a subject, they name nothing
    duration_verbs: tuple      # 用2年时间…
    duration_noun: str
    rule_order: tuple          # rule ids, in the order they are tried
    max_attribute: int         # 有扩产计划的23家企业: the words before 的 kept up to this length
    max_lead: int              # a longer phrase before a count gives only its last verb
    max_item_noun: int         # the longest noun of a clause that is the next item of a list (,车辆14台次)
    place_range_verbs: tuple   # 涉及, 途经: a place between one and a count is the area's
    report_verbs: tuple
    result_words: tuple        # 为, 到, 至 kept after a change verb (压缩为)
    result_verbs: tuple


@rules.compiled
def _words() -> _Words:
    cfg = rules.load("indicators")
    periods = rules.load("periods")
    lex = lexicon()
    joiners = tuple(sorted(lex.list_marks)) + lex.connectors
    by_len = lambda xs: tuple(sorted(xs, key=len, reverse=True))  # noqa: E731
    return _Words(
        leading=by_len(cfg["leading_words"]),
        trailing=by_len(cfg["trailing_words"]),
        needs_subject=frozenset(cfg["needs_subject"]) | frozenset(cfg["measures"]) | frozenset(cfg["change_words"]),
        measures=by_len(cfg["measures"]),
        comparisons=tuple(cfg["comparisons"]),
        change=by_len(cfg["change_words"]),
        compared_change_re=re.compile(
            "(?:" + "|".join(map(re.escape, by_len(cfg["change_qualifiers"]))) + ")?"
            "(?:(?:" + "|".join(map(re.escape, cfg["comparison_markers"])) + f").{{0,{int(cfg['max_reference'])}}}?)?"
            "(?:" + "|".join(map(re.escape, by_len(cfg["change_words"] + cfg["comparisons"]))) + ")"
            "(?:" + "|".join(map(re.escape, by_len(cfg["change_words"]))) + ")?"),
        share_re=re.compile("(?:" + "|".join(map(re.escape, cfg["share_words"])) + r")([^的]{2,12})的"),
        # 从2013年的 / 由建县初期的 ending a phrase: where a from-to change starts
        word_patterns=_word_patterns(by_len(cfg["leading_words"]), by_len(cfg["trailing_words"])),
        span_trigger=re.compile("[" + re.escape(periods["trigger_chars"]) + "从由]"),
        span_time_re=re.compile("(?:(?:从|由|到|至)?(?:" + "|".join(periods["patterns"]) + ")|(?:从|由)[^,，、]{1,8})的?$"),
        lead_time_re=re.compile("(?:到|至|截至|截止)(?:" + "|".join(periods["patterns"]) + ")"),
        np_stops=frozenset(cfg["noun_phrase_stops"]),
        np_stop_tuple=tuple(w for w in cfg["noun_phrase_stops"] if w),
        np_stop_re=re.compile("|".join(
            ["[" + re.escape("".join(sorted(lex.clause_marks | lex.list_marks))) + "]"]
            + [re.escape(w) for w in sorted(cfg["noun_phrase_stops"], key=len, reverse=True) if w])),
        max_np=int(cfg["max_noun_phrase"]),
        max_indicator=int(cfg["max_indicator"]),
        time=time_pattern(),
        aliases=tuple(sorted(((str(k), str(v)) for k, v in (cfg.get("aliases") or {}).items()),
                             key=lambda kv: len(kv[0]), reverse=True)),
        boundary=lex.clause_marks,
        boundary_strip=" " + "".join(sorted(lex.clause_marks | lex.list_marks)),
        connectors="".join(sorted(set("".join(joiners)) | {",", "，", " "})),
        list_joiners=joiners,
        list_split=re.compile("|".join(map(re.escape, joiners))),
        not_objects=tuple(cfg["not_objects"]),
        act_nouns=frozenset(cfg["act_nouns"]),
        route_initials=frozenset(r[0] for r in lex.route_words),
        unit_nouns=dict(cfg["unit_nouns"]),
        no_lead_after=frozenset(lex.prepositions | set(lex.connectors) | {"等"}),
        recipient=lex.recipient_prepositions,
        recipient_re=re.compile("|".join(map(re.escape, lex.recipient_prepositions)) or "(?!)"),
        aspect_words=frozenset(cfg["aspect_words"]),
        duration_verbs=tuple(cfg["duration_verbs"]),
        duration_noun=str(cfg["duration_noun"]),
        rule_order=tuple(r["id"] for r in cfg["rules"]),
        max_attribute=int(cfg["max_attribute"]),
        max_lead=int(cfg["max_lead"]),
        max_item_noun=int(cfg["max_item_noun"]),
        place_range_verbs=by_len(cfg["place_range_verbs"]),
        report_verbs=by_len(cfg["report_verbs"]),
        result_words=tuple(cfg["result_words"]),
        result_verbs=by_len(cfg["result_verbs"] + cfg["change_words"]),
    )


@lru_cache(maxsize=256)     # repeats within one sentence, not across documents
def _cut(text: str) -> tuple[tuple[str, str], ...]:
    """Words of a short text with their dictionary tag ('' if unknown)."""
    if not text:
        return ()
    tags = wordlist.tags()
    return tuple((w, tags.get(w, "")) for w in wordlist.cut(text))


@dataclass(frozen=True)
class Naming:
    """The indicator of one figure and the id of the rule that named it."""
    name: str
    rule: str


@dataclass
class _Naming:
    """A sentence's figures while they are named: what stands around each one."""
    text: str
    quantities: list
    lefts: list[str]         # from the clause start (or the figure before) to the number
    rights: list[str]        # from the number to the clause end (or the next figure)
    continues: list[bool]    # the figure before is in the same clause
    places: tuple            # the words for areas in the sentence (clause analysis), longest first
    names: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    # lefts and rights without their asides in brackets (found once: most rules ask)
    bare_lefts: list[str] = field(default_factory=list)
    bare_rights: list[str] = field(default_factory=list)
    nouns: dict = field(default_factory=dict)        # figure -> the counted thing written after it
    list_leads: dict = field(default_factory=dict)   # figure -> the verb its list shares
    shared_tail: dict = field(default_factory=dict)  # figure -> the verb phrase after its list

    _cleaned: dict = field(default_factory=dict)
    _phrases: dict = field(default_factory=dict)

    def set(self, i: int, name: str, rule_id: str) -> None:
        self.names[i], self.rules[i] = name, rule_id

    def cleaned(self, i: int) -> str:
        """The words before figure i without subject, time words and linking verb (computed once)."""
        if i not in self._cleaned:
            self._cleaned[i] = _clean_left(self.lefts[i], _words(), self.places)
        return self._cleaned[i]

    def phrase(self, i: int) -> str:
        """cleaned(i) without connectors at its ends and examples before 等 (computed once: most rules ask)."""
        found = self._phrases.get(i)
        if found is None:
            found = self._phrases[i] = _drop_examples(_trim(self.cleaned(i), _words()))
        return found


_RULES: dict[str, Callable[[_Naming, int], bool]] = {}


def _rule(rule_id: str):
    """Register a naming rule under the id patterns/indicators.yaml orders it by."""
    def register(fn):
        _RULES[rule_id] = fn
        return fn
    return register


def rule_ids() -> tuple[str, ...]:
    return tuple(_RULES)


def name_indicators(text: str, quantities: list[Quantity], places=(), clauses=None) -> list[Naming]:
    """One indicator per quantity of the sentence ``text``, each with the id of
    the rule that named it. ``places`` are the words for areas the clause
    analysis found in the sentence (they say where, not what); ``clauses``,
    when the caller has them, (clause_start at its start, clause_end at its
    end) of each quantity. The rules are tried in the order of
    ``patterns/indicators.yaml`` (``rules``); the first that applies names
    the figure."""
    w = _words()
    n = len(quantities)
    lefts, rights, continues = [], [], []
    for i, q in enumerate(quantities):
        clause_from, stop = clauses[i] if clauses else (clause_start(text, q.start), clause_end(text, q.end))
        prev_end = quantities[i - 1].end if i else 0
        lefts.append(text[max(clause_from, prev_end):q.start])
        continues.append(prev_end > clause_from)
        if i + 1 < n:
            stop = min(stop, quantities[i + 1].start)
            # (12人轻伤(甲市11人…: the brackets holding the next figure open its own clause;
            # 30处(甲市20处、乙市10处)房屋受损: the words after them go on with this one)
            if bracket_depth(text, stop, q.end):
                opened = last_opening(text, q.end, stop)
                rights.append(text[q.end:opened] + _after_breakdown(text, opened, quantities[i + 1:], places))
                continue
        rights.append(text[q.end:stop])
    # (the words after a number without its spaces: 41.5% 的居民, 8 个 乡镇 in
    # PDF text or text spaced as English is)
    s = _Naming(text, quantities, lefts, rights, continues, tuple(sorted(places, key=len, reverse=True)),
                [""] * n, [""] * n, [without_asides(x) for x in lefts], [without_asides(x).lstrip() for x in rights])
    s.shared_tail = _shared_list_tails(rights, quantities)
    order = w.rule_order
    for i in range(n):
        if s.names[i]:
            continue
        for rule_id in order:
            if _RULES[rule_id](s, i):
                break
    _share_counted_things(s)
    _parts_of_total(s)
    _share_list_verbs(s)
    out = []
    for name, rule_id in zip(s.names, s.rules):
        aliased = _alias(name, w)
        out.append(Naming(aliased, rule_id + ("+alias" if aliased != name else "")))
    return out


def _after_breakdown(text: str, opened: int, later: list, places) -> str:
    """The words after the brackets opened at ``opened`` close, to the end of
    the clause or the next figure after them, when the brackets break the
    figure down by place ('' otherwise, or when they never close)."""
    closed = next_closing(text, opened)
    if closed == len(text) or not any(p in text[opened:closed] for p in places):
        return ""
    start = closed + 1
    stop = min([clause_end(text, start)] + [o.start for o in later if o.start >= start])
    return text[start:stop]


@_rule("respectively")
def _respectively_rule(s: _Naming, i: int) -> bool:
    """A、B分别增长6.2%、7.9%: each figure of the list takes its own item."""
    if lexicon().respective not in s.lefts[i]:
        return False
    run = _list_run(s.lefts, s.continues, i, len(s.quantities))
    if len(run) < 2:
        return False
    w = _words()
    before = lambda: _subject_before(i, s.names, s.text, s.quantities, w, s.places)  # noqa: E731
    for k, name in zip(run, _respectively(s.lefts[i], len(run), before, s.names[:i], s.places)):
        s.set(k, name, "respectively")
    return True


@_rule("list_continuation")
def _list_continuation(s: _Naming, i: int) -> bool:
    """7.1%、8.5% with no words of its own: the same thing as the figure before."""
    w = _words()
    left = s.cleaned(i)
    if _share_item(s, i, s.bare_lefts[i].strip(w.boundary_strip)):
        return False            # (its own whole: share_of_before names it)
    if (s.continues[i] and not left.strip(w.connectors) and not _noun_after(s.bare_rights[i], s.quantities[i])
            and i and s.names[i - 1]):
        s.set(i, s.names[i - 1], "list_continuation")
        return True
    return False


@_rule("thing_after_de")
def _thing_after_de(s: _Naming, i: int) -> bool:
    """捐赠价值35万元的教学设备 -> 捐赠教学设备价值; 每年2万元的收入 -> 每年收入."""
    w = _words()
    right = s.bare_rights[i]
    if not (right.startswith("的") and len(right) > 1):
        return False
    noun = _plain_noun_phrase(right[1:], w)
    if not noun:
        return False
    left = s.phrase(i)
    if noun in w.act_nouns:
        # (罚款3700元的行政处罚: the act holds the fine, named before the
        # number; not after a bare verb, 给予1万元的处罚)
        if left and not _last_word(left):
            s.set(i, _finish(left, w), "thing_after_de")
            return True
    measure = next((m for m in w.measures if left.endswith(m)), "")
    name = left[: -len(measure)] + noun + measure if measure else left + noun
    s.set(i, _finish(name, w), "thing_after_de")
    return True


_OBJECT_AFTER_KINDS = frozenset({"money", "weight", "volume", "energy", "length", "area"})


@_rule("object_after_amount")
def _object_after_amount(s: _Naming, i: int) -> bool:
    """捐赠300万元救灾资金 -> 捐赠救灾资金: an amount followed, to the end
    of its clause, by a noun phrase alone is the amount of that thing, given
    by the verb before it."""
    q = s.quantities[i]
    if q.kind not in _OBJECT_AFTER_KINDS:
        return False
    w = _words()
    right = s.bare_rights[i].strip()
    if not right or not HAN_RE.match(right) or (i + 1 < len(s.quantities) and s.quantities[i + 1].start == q.end + len(s.rights[i])):
        return False
    left = s.phrase(i)
    if not left or right.startswith(w.measures) or right.startswith(w.not_objects):
        return False            # (…亿元人民币, 每秒, 之间: no thing of its own; cheap tests first, a cut costs)
    noun = _noun_phrase(right, w)
    if len(noun) < 2 or noun != right.strip("".join(w.boundary)) or not HAN_RUN_RE.fullmatch(noun):
        return False
    if _is_verb(_cut(noun)[0][1]):
        return False            # (投入3.65亿元实施某项目: a verb follows, measure_of_object reads it)
    if w.time.search(noun) or gazetteer().find(noun, short_names=True):
        return False            # (上半年, a place written after it: no thing of its own)
    if q.kind in ("length", "area") and len(left) > w.max_lead:
        left = _last_word(left) or left   # (以高于市场的价格流转 + 300亩茶园: the verb)
    s.set(i, _finish(left + noun, w), "object_after_amount")
    return True


@_rule("counted_thing_after")
def _counted_thing_after(s: _Naming, i: int) -> bool:
    """全县12家砖厂全部关闭 -> 全部关闭砖厂: a count whose thing follows it,
    with the verb before it where it is one word or shared by a list, else
    a bare verb after the thing written first."""
    w = _words()
    q = s.quantities[i]
    right = s.bare_rights[i]
    if not _noun_after(right, q):
        return False
    raw_left = s.lefts[i].rstrip()
    left = s.phrase(i)
    right = _after_attribute(right)
    np = _thing_after(right, w)
    s.nouns[i] = np
    rest = right[right.find(np) + len(np):]
    # (…4个楼盘、乙区3个楼盘: after a list mark comes the next item with its own figure, not a verb)
    next_item = rest[:1] in lexicon().list_marks and i + 1 < len(s.quantities) and (
        s.quantities[i + 1].start == q.end + len(s.rights[i]))
    tail = "" if next_item else rest.strip(w.connectors)
    shared = not tail and i in s.shared_tail          # (the verb a list of counts shares)
    tail = tail or s.shared_tail.get(i, "")
    if not tail:
        left = _strip_trailing_place(left, s.places, w)  # 涉及甲县15个乡镇: the verb before the place
    if raw_left.endswith("的"):
        lead = left if len(left) <= w.max_attribute else ""      # 有扩产计划的23家企业
    elif i in s.list_leads:
        lead = s.list_leads[i]          # 选派25名县领导、9名书记: the verb is shared
    elif s.continues[i] or len(left) > w.max_lead:
        lead = _last_word(left)         # 在各村建成 + 扶贫车间
    else:
        lead = left
    if (raw_left[-1:] in w.no_lead_after and wordlist.stands_alone(raw_left, len(raw_left) - 1, len(raw_left))) \
            or "、" in lead:
        lead = ""               # (after 和, 在, 等 as words: not 涉及, 普及)
    if i + 1 < len(s.quantities) and s.rights[i].rstrip().endswith(w.list_joiners):
        s.list_leads[i + 1] = lead
    # (a count with no verb joined before it, of a thing a bare verb follows,
    # no object: the verb is written first, as a thing is named by what is
    # done to it: 5个楼盘将加推 -> 将加推楼盘; not 接待游客 nor 被评为…, nor the
    # verb a list of counts shares: 完成4个镇规划、9个村规划修编)
    verb = _verb_tail(tail)
    verb_first = (not lead and verb and not shared and not s.continues[i]
                  and _bare_verb(verb) and _has_noun(np))
    s.set(i, _finish(verb + np if verb_first else lead + np + verb, w), "counted_thing_after")
    return True


@_rule("shared_lead")
def _shared_lead(s: _Naming, i: int) -> bool:
    """涉及3个乡镇、20个村、5200人 -> 涉及人口: a count of a list of counts with
    no words of its own (only the item before and a list mark) is the list's
    verb and the noun of its unit (unit_nouns)."""
    lead = s.list_leads.get(i, "")
    thing_before = s.nouns.get(i - 1, "")
    q = s.quantities[i]
    if not (lead and thing_before and s.continues[i]) or _noun_after(s.bare_rights[i], q):
        return False
    if i + 1 < len(s.quantities) and s.quantities[i + 1].start == q.end:
        return False            # (1支6人的巡查队伍: the thing comes after the next figure)
    w = _words()
    if s.lefts[i].strip().rstrip("".join(w.list_joiners)) != thing_before or not q.std_unit:
        return False
    s.set(i, _finish(lead + w.unit_nouns.get(q.std_unit, q.std_unit), w), "shared_lead")
    return True


def _thing_after(right: str, w: _Words) -> str:
    """The thing a count names after it (…家砖厂全部关闭 -> 砖厂)."""
    return _after_last_de(_noun_phrase(right, w))


@_rule("time_spent_on")
def _time_spent_on(s: _Naming, i: int) -> bool:
    """力争用2-3年时间培育科技型企业 -> 培育科技型企业时间: a duration is named
    by what it is spent on."""
    w = _words()
    right = s.rights[i]
    if not (right.startswith(w.duration_noun) and s.lefts[i].rstrip().endswith(w.duration_verbs)):
        return False
    task = _verb_tail(right[len(w.duration_noun):], limit=w.max_np)
    if not task:
        return False
    s.set(i, _finish(task + w.duration_noun, w), "time_spent_on")
    return True


@_rule("clause_after_number")
def _clause_after_number(s: _Naming, i: int) -> bool:
    """28.3万人次参加社会保险: nothing before the number, the clause goes on after it."""
    w = _words()
    left = _trim(s.cleaned(i), w)
    right = s.bare_rights[i]
    if left or not HAN_RE.match(right.lstrip(_QUOTE_CHARS)[:1]):
        return False
    s.set(i, _finish(right[: w.max_np], w), "clause_after_number")
    return True


@_rule("measure_of_object")
def _measure_of_object(s: _Naming, i: int) -> bool:
    """投资4亿元实施通乡公路工程 -> 通乡公路工程投资: a measure alone opening
    its clause measures the thing the clause acts on."""
    w = _words()
    left = s.phrase(i)
    if left not in w.measures or s.continues[i]:
        return False
    thing = _object_of_clause(s, i, w)
    if not thing:
        return False
    s.set(i, _finish(thing + left, w), "measure_of_object")
    return True


@_rule("verb_of_figure_before")
def _verb_of_figure_before(s: _Naming, i: int) -> bool:
    """共转移群众1200人,其中甲镇转移300人 -> 转移群众: a verb alone repeats a
    figure before it in the sentence that it begins."""
    w = _words()
    left = s.phrase(i)
    if not left or len(left) > 4 or left in w.needs_subject:      # (change words included)
        return False             # 增长, 完成: a change or a measure of the figure before (takes_subject)
    before = next((n for n in reversed(s.names[:i]) if left in n and not n.endswith(left)), None)
    if before is None:
        return False
    words = _cut(left)
    if len(words) != 1 or not _is_verb(words[0][1]):
        return False
    s.set(i, _finish(before[before.index(left):], w), "verb_of_figure_before")
    return True


@_rule("share_of_before")
def _share_of_before(s: _Naming, i: int) -> bool:
    """完成投资64亿元,为年度投资计划的82% -> 完成投资占年度投资计划: a share of
    the figure before, of the whole named between 为 and 的."""
    w = _words()
    left = s.bare_lefts[i].strip(w.boundary_strip)
    m = w.share_re.fullmatch(left)
    if not i or not s.names[i - 1]:
        return False
    if m:
        subject = _subject_before(i, s.names, s.text, s.quantities, w, s.places)
        s.set(i, _finish(subject + "占" + m.group(1), w), "share_of_before")
        return True
    item = _share_item(s, i, left)
    if not item:
        return False
    subject = _subject_before(i - 1, s.names, s.text, s.quantities, w, s.places)
    s.set(i, _finish(subject + "占" + item.group(1), w), "share_of_before")
    return True


_SHARE_ITEM = re.compile(r"([^的]{2,12})的")


def _share_item(s: _Naming, i: int, left: str):
    """占全国的2%、全省的30%: the item after a share names its own whole
    (the match of it), of the same subject."""
    if not (i and s.continues[i] and s.rules[i - 1] == "share_of_before"):
        return None
    return _SHARE_ITEM.fullmatch(left.lstrip("".join(lexicon().list_marks)))


@_rule("takes_subject")
def _takes_subject(s: _Naming, i: int) -> bool:
    """同比增长, 占比, 总投资 alone: a change or part of the thing the figure
    before measured (固定资产投资同比增长)."""
    w = _words()
    left = s.phrase(i)
    if not _needs_subject(left, w):
        return False
    subject = _subject_before(i, s.names, s.text, s.quantities, w, s.places,
                              replace_measure=left.endswith(w.measures))
    name = _finish(subject + left, w)
    if not name:
        return False            # no figure before to take a subject from: the clause's own words
    s.set(i, name, "takes_subject")
    return True


def _object_of_clause(s: _Naming, i: int, w: _Words) -> str:
    """投资4.68亿元实施总长154公里的6条通乡油路改造工程 -> 通乡油路改造工程:
    the thing a clause's verb acts on, written at its end: after its last
    count, or after the verb that follows the figure."""
    q = s.quantities[i]
    end = clause_end(s.text, q.end)
    last = max((o.end for o in s.quantities if q.end <= o.end <= end), default=q.end)
    rest = without_asides(s.text[last:end]).lstrip("的")
    if last == q.end:
        words = _cut(rest)
        if not words or not _is_verb(words[0][1]):
            return ""
        rest = rest[len(words[0][0]):]               # 实施 | 电网升级项目
    return _after_last_de(_plain_noun_phrase(rest, w))


@_rule("clause_before")
def _clause_before(s: _Naming, i: int) -> bool:
    """全县地区生产总值达93.4亿元 -> 地区生产总值: the clause before the number,
    without its subject, time words and linking verb; a long one from the
    verb after its last preposition (…市场主体在各村建成扶贫车间 ->
    建成扶贫车间)."""
    w = _words()
    name = _finish(_from_last_verb_phrase(s.phrase(i), w), w)
    if not name:        # every word was one to strip (全县预计有…): keep them rather than nothing
        name = _finish(_strip_place(s.bare_lefts[i].strip(w.boundary_strip), s.places), w)
    right = s.bare_rights[i]
    tags = [tag for _, tag in _cut(name)] if name and HAN_RE.match(right[:1]) else []
    if tags and all(tag and tag[0] in "vdcpu" for tag in tags):
        # (吸纳带动近2万农民增收, 更有20家…: verbs and adverbs alone name
        # nothing; the words after the number do, after the verbs)
        verbs = name if any(tag[0] == "v" for tag in tags) else ""
        s.set(i, _finish(verbs + right[: w.max_np], w), "clause_after_number")
        return True
    s.set(i, name, "clause_before")
    return True


def _from_last_verb_phrase(phrase: str, w: _Words) -> str:
    if len(phrase) <= w.max_np:
        return phrase
    words = _cut(phrase)
    # 甲协会、乙学校、丙俱乐部捐赠牛奶 -> 捐赠牛奶: a list of doers before the
    # verb; 作出警告、没收违法所得 -> 没收违法所得: of a list of acts, the last
    marks = [k for k, (t, _) in enumerate(words) if t == "、"]
    # (a verb with what it acts on after it: 电力、热力…增加值占比 is a name and a measure)
    verb = next((k for k in range(marks[-1] + 1, len(words) - 1)
                 if _is_verb(words[k][1]) and words[k + 1][1][:1] not in ("p", "u", "c", "d")), None) if marks else None
    # (not inside the last of the things a verb before the list acts on: 携车辆、装备和无人搜救装备)
    if verb is not None and (verb == marks[-1] + 1 or not any(_is_verb(tag) for _, tag in words[:marks[0]])):
        named = "".join(t for t, _ in words[verb:])
        # (水稻、玉米等作物种植面积, …主导产业完成产值增长: a measure of what the list names)
        if not any(m in named for m in w.measures):
            return named
    last_p = max((k for k, (_, tag) in enumerate(words) if tag.startswith("p")), default=None)
    if last_p is None:
        return phrase
    for k in range(last_p + 1, len(words)):
        if _is_verb(words[k][1]):
            return "".join(t for t, _ in words[k:])
    return phrase


def _is_verb(tag: str) -> bool:
    """A verb's tag, not a verbal noun's (vn: 投资, 建设 used as nouns)."""
    return tag.startswith("v") and tag != "vn"


def _opens_with_verb(text: str) -> bool:
    words = _cut(text.strip()[:4])
    return bool(words) and _is_verb(words[0][1])


def _share_counted_things(s: _Naming) -> None:
    """8项26个民生实事: a count right before another shares its counted thing;
    before a measure of it (12条86公里的乡村公路), the thing after that."""
    w = _words()
    for i in range(len(s.quantities) - 1):
        q, nxt = s.quantities[i], s.quantities[i + 1]
        if s.rights[i].strip() or nxt.start - q.end > 1 or q.kind not in _COUNT_KINDS \
                or s.text[q.end:nxt.start] in w.boundary:
            continue            # (…超过3万人,3个村…: a clause mark between is no sharing)
        if i + 1 in s.nouns:
            s.set(i, s.names[i + 1], "shared_counted_thing")
        elif (nxt.kind not in _COUNT_KINDS and nxt.kind != "percent" and nxt.start == q.end
              and (thing := _thing_after(_after_attribute(s.rights[i + 1]), w)) and HAN_RE.match(thing)):
            # the count's own verb before it joins (新建 12条86公里的乡村公路)
            words = _cut(s.names[i])
            verb = s.names[i] if len(words) == 1 and not words[0][1].startswith("n") else ""
            for k in (i, i + 1):          # the count and the measure are both the thing's
                s.set(k, _finish(verb + thing, w), "shared_counted_thing")


def _parts_of_total(s: _Naming) -> None:
    """甲县(2个)、乙县(9个)共计11个站点…: a figure in brackets left without a
    name is a part of the total written later in the sentence in its unit."""
    for i, q in enumerate(s.quantities):
        if s.names[i] or not bracket_depth(s.text, q.start):
            continue
        total = next((k for k in range(i + 1, len(s.quantities)) if s.quantities[k].unit == q.unit
                      and s.names[k] and not bracket_depth(s.text, s.quantities[k].start)), None)
        if total is not None:
            s.set(i, s.names[total], "part_of_total")


def _share_list_verbs(s: _Naming) -> None:
    """改造道路30公里、桥梁5座 -> 改造桥梁: an item of a list (after a list
    mark) named by a noun alone shares the verb that names the item before
    it (the words of that name from its first verb to its last)."""
    marks = tuple(lexicon().list_marks)
    w = _words()
    for i in range(1, len(s.quantities)):
        listed = s.continues[i] and s.lefts[i].lstrip().startswith(marks)
        if s.rules[i] != "clause_before" or not (listed or _count_after_a_count(s, i)):
            continue
        if s.rules[i - 1] not in ("clause_before", "shared_list_verb") or not s.names[i]:
            continue
        if any(tag.startswith("v") for _, tag in _cut(s.names[i])):
            continue            # (an item with a verb of its own, 增长3%, or a verbal noun, 投产84家)
        before = _cut(s.names[i - 1])
        verbs = [k for k, (word, tag) in enumerate(before) if _is_verb(tag)
                 or (not tag and word[:1] in w.leading and _is_verb(wordlist.tags().get(word[1:], "")))]
        if not verbs or verbs[-1] == len(before) - 1:
            continue            # (no verb, or a name ending in one: 受灾 names no thing to share)
        lead = "".join(word for word, _ in before[verbs[0]:verbs[-1] + 1])
        if not listed and len(lead) < 2:
            continue            # (有少数民族14个,人口9万人: 有 is shared by no clause)
        s.set(i, _finish(lead + s.names[i], w), "shared_list_verb")


def _count_after_a_count(s: _Naming, i: int) -> bool:
    """出动人员85人次,车辆14台次: a count whose clause is a short noun and
    the count alone, right after a clause ending in a count, is the next
    item of the same list (a clause mark instead of a list mark)."""
    q, before = s.quantities[i], s.quantities[i - 1]
    between = s.text[before.end:q.start]
    return (not s.continues[i] and q.kind in _COUNT_KINDS and before.kind in _COUNT_KINDS
            and between[:1] in lexicon().clause_marks and between[1:] == s.lefts[i]
            and not s.rights[i - 1].strip() and 0 < len(s.lefts[i]) <= _words().max_item_noun)


def name_cell(label: str, header: str, label_is_area: bool) -> Naming:
    """A table cell: its row label joined with what its column measures
    (稻谷 + 播种面积), the label left out when it names the cell's area."""
    w = _words()
    name = _finish(header if label_is_area else label + header, w)
    aliased = _alias(name, w)
    return Naming(aliased, "table_cell" + ("+alias" if aliased != name else ""))


def _alias(name: str, w: _Words) -> str:
    for alias, canonical in w.aliases:
        if alias in name and canonical not in name:
            return name.replace(alias, canonical)
    return name





def _after_attribute(right: str, reach: int = 12) -> str:
    """13项执行难、推进难的攻坚任务: the counted thing is what follows 的."""
    cut = right.rfind("的", 0, reach)
    return right[cut + 1:] if cut >= 0 and len(right) > cut + 2 else right


def _after_last_de(np: str) -> str:
    """执行难、推进难的攻坚任务 -> 攻坚任务."""
    head = np.rpartition("的")[2]
    return head if len(head) >= 2 else np


def _drop_examples(left: str) -> str:
    """签约某某食品、某某纺织等项目 -> 签约项目: the examples before 等 go."""
    before, sep, after = left.rpartition("等")
    if not sep or not 1 <= len(after) <= 6 or not before:
        return left
    words = _cut(before)
    if words and words[0][1].startswith("v") and len(words) > 1:
        return words[0][0] + after
    return after


def _list_run(lefts, continues, i, n) -> list[int]:
    """Quantities i, i+1, ... written as a list (only connectors between them)."""
    w = _words()
    run = [i]
    for k in range(i + 1, n):
        if continues[k] and not lefts[k].strip(w.connectors):
            run.append(k)
        else:
            break
    return run


def _respectively(left: str, count: int, subject_before, earlier: list[str], places: tuple) -> list[str]:
    """A、B分别增长 -> [A增长, B增长]; one subject -> the same name for all;
    长沙县、浏阳市、宁乡市收入分别为 -> the places go (they are the counties)
    and 收入 names all; no subject at all -> the figures just before
    (游客X万人次,收入Y亿元,分别增长a%、b%), or the one before."""
    w = _words()
    before, _, after = left.partition(lexicon().respective)
    predicate = "" if after in w.trailing else _strip_words(after, (), w.trailing)
    subject = _clean_left(before, w, places)
    items = _list_items(subject, w, places)
    if len(items) != count:
        # (the list in brackets, 按等级(初级、中级、高级)分别补贴…, or in the clause
        # before, 考取甲级、乙级证书,分别奖励…: where it has one item a figure)
        aside = _BRACKETED.findall(before)
        for other in ([_list_items(_clean_left(a, w, places), w, places) for a in aside[-1:]]
                      + ([_list_items(subject_before(), w, places)] if not items else [])):
            if len(other) == count:
                items = other
                break
    if not items:
        heads = [_without_change(e, w) for e in earlier if e][-count:]
        if len(heads) == count and len(set(heads)) == count:
            return [_finish(h + predicate, w) for h in heads]
        return [_finish(subject_before() + predicate, w)] * count
    if len(items) != count:
        name = items[0] if len(items) == 1 else subject
        return [_finish(name + predicate, w)] * count
    # 肉、奶和蔬菜产量: the last item's head noun belongs to the short ones too
    last_words = [t for t, _ in _cut(items[-1])]
    if len(last_words) > 1 and all(len(s) <= 2 for s in items[:-1]):
        head = "".join(last_words[1:])
        items = [s + head for s in items[:-1]] + [items[-1]]
    return [_finish(s + predicate, w) for s in items]


_BRACKETED = re.compile(r"[(（]([^()（）]+)[)）]")


def _list_items(text: str, w: _Words, places: tuple) -> list[str]:
    """The items of a list written with list marks, each without its place."""
    return [item for item in (_strip_place(x, places) for x in w.list_split.split(text) if x) if item]


def _shared_list_tails(rights: list[str], quantities: list[Quantity]) -> dict[int, str]:
    """15名干部、8名医生参加驻村帮扶: the verb phrase after the last item
    belongs to every count of the list."""
    w = _words()
    tails: dict[int, str] = {}
    group: list[int] = []
    for i, right in enumerate(rights):
        if quantities[i].kind not in _COUNT_KINDS or not _noun_after(right, quantities[i]):
            group = []
            continue
        group.append(i)
        stripped = right.rstrip(" ")
        if not (stripped.endswith(w.list_joiners) or _counts_nest(rights, quantities, i)):
            if len(group) == 1:          # not a list: nothing to share
                group = []
                continue
            plain = without_asides(right)
            np = _noun_phrase(plain, _words())
            # (…63个村2.6万人受灾: the last count's own words are only the verb)
            tail = plain if _opens_with_verb(plain) else plain[plain.find(np) + len(np):]
            for k in group[:-1]:
                if not _opens_with_verb(without_asides(rights[k])):      # (12人死亡、5人受伤: each its own verb)
                    tails[k] = tail
            group = []
    return tails


def _counts_nest(rights: list[str], quantities: list[Quantity], i: int) -> bool:
    """12个市79个县提前转移: a count whose thing, a short noun, is followed at
    once by the next count is the whole of a count within it; the verb after
    the last is theirs too."""
    if i + 1 >= len(quantities) or quantities[i + 1].kind not in _COUNT_KINDS:
        return False
    if quantities[i + 1].start != quantities[i].end + len(rights[i]):
        return False
    plain = without_asides(rights[i]).strip()
    return 0 < len(plain) <= 4 and all(tag[:1] in ("n", "") for _, tag in _cut(plain))   # 县, 市县, 乡镇


def _noun_after(right: str, q: Quantity) -> bool:
    """A count whose counted thing is written after the number."""
    if q.kind not in _NOUN_AFTER_KINDS or not right:
        return False
    first = right.lstrip("“‘\"《")[:1]
    w = _words()
    return bool(first and (HAN_RE.match(first) or first.isascii() and first.isalpha())) \
        and not _opens_with_stop(right, w) \
        and not right.startswith(w.measures) \
        and not right.startswith(w.result_verbs)       # 项目6个额度9亿元, 从20平方米提高到…: no thing after it


def _opens_with_stop(text: str, w: _Words) -> bool:
    """Does ``text`` open with a stop word as a word of its own (中, not the
    中 of 中央厨房)? The cut only where the letters of one stand there."""
    if not text.startswith(w.np_stop_tuple):
        return False
    words = _cut(text[:6])
    return not words or words[0][0] in w.np_stops


def _plain_noun_phrase(text: str, w: _Words) -> str:
    """The text up to the first stop word or punctuation (no tagging: names of
    projects and companies are not in the dictionary)."""
    end = min(len(text), w.max_np)
    if text[:1] in w.boundary or text[:1] == "、":
        return ""
    m = w.np_stop_re.search(text, 1)       # a boundary, 、 or a stop word after the first character
    return text[:min(end, m.start())] if m else text[:end]


def _noun_phrase(text: str, w: _Words) -> str:
    """The noun phrase that opens ``text`` (stops at a verb or function word)."""
    out = ""
    for word, tag in _cut(text.lstrip(_QUOTE_CHARS)):
        if word in w.np_stops or (out and (tag[:1] in ("v", "p", "c", "d", "u") and tag != "vn")):
            break
        if word in w.boundary or word == "、" or len(out) + len(word) > w.max_np:
            break
        out += word
    return out


def _verb_tail(tail: str, limit: int = 12) -> str:
    """The verb phrase opening ``tail``: at most ``limit`` characters, up to
    the next preposition, conjunction or particle (下沉一线|围绕…)."""
    w = _words()
    tail = tail.strip(w.connectors)
    out = ""
    for k, (word, tag) in enumerate(_cut(tail)):
        if len(out) + len(word) > limit or word in w.boundary or word in "、了的":
            break
        # (被 marks a passive, 被评为…: the verb phrase goes on)
        if k and ((tag[:1] in ("p", "u") and word != "被") or (tag[:1] == "c" and word not in "和与及")):
            break
        out += word
    return out


def _bare_verb(phrase: str) -> bool:
    """Does ``phrase`` end in a verb with nothing after its first verb but
    verbs and adverbs, and no preposition before it (将加推, 全部关闭; not
    接待游客, 进行整顿, 向群众开放), with no 被?"""
    words = _cut(phrase)
    first = next((k for k, (_, tag) in enumerate(words) if tag[:1] == "v"), None)
    return ("被" not in phrase and first is not None and words[-1][1][:1] == "v"
            and all(tag[:1] != "p" for _, tag in words[:first])
            and all(tag[:1] in ("v", "d") for _, tag in words[first:]))


def _has_noun(phrase: str) -> bool:
    """(the dictionary tags verbs, adverbs and particles; a noun is mostly untagged)"""
    return any(tag[:1] in ("n", "") for _, tag in _cut(phrase))


def _last_word(text: str, verbs_only: bool = True) -> str:
    words = _cut(text)
    if not words or (verbs_only and not words[-1][1].startswith("v")):
        return ""
    return words[-1][0]


def _needs_subject(left: str, w: _Words) -> bool:
    core = _trim(left, w)
    if not core:
        return True
    if core in w.needs_subject or core.startswith(w.comparisons):
        return True
    if len(core) > 2 and core[:-1] in w.needs_subject:
        return True      # 净增额, 增长率
    if w.compared_change_re.fullmatch(core):
        return True      # 可比增长, 比上半年提高, 可比高于全市
    if core.endswith(w.result_words) and core[:-1] in w.result_verbs:
        return True      # 调整为, 提高到 (由20万元调整为35万元): the change of the figure before
    # 累计完成: adverbs before a word that needs a subject (cut only when one ends it)
    ending = next((k for k in range(1, len(core))
                   if core[k:] in w.needs_subject or w.compared_change_re.fullmatch(core, k)), None)
    if ending is None or not _adverb_chars().issuperset(core[:ending]):
        return False            # (a character no such word holds: some word is none of them, no cut needed)
    return all(word in w.aspect_words or tag.startswith("d") for word, tag in _cut(core[:ending]))


@rules.compiled
def _adverb_chars() -> frozenset:
    """The characters of the aspect words and of the dictionary's adverbs:
    text holding any other character is not made of those words alone."""
    adverbs = (word for word, tag in wordlist.tags().items() if tag.startswith("d"))
    return frozenset("".join(_words().aspect_words)).union(*adverbs)


def _without_change(name: str, w: _Words) -> str:
    """农业总产值可比增长 -> 农业总产值: the change (with what qualifies it) off the end."""
    for k in range(1, len(name)):
        if w.compared_change_re.fullmatch(name, k):
            return name[:k]
    return name


def _subject_before(i, indicators, text, quantities, w, places: tuple = (), replace_measure: bool = False) -> str:
    """The thing the figure before this one measured, without its change
    words (and, for a figure that is a measure itself, without its measure:
    项目总投资35亿元,年销售收入80亿元 -> 项目年销售收入). A figure in
    brackets closed before this one is an aside: the one before it counts."""
    q = quantities[i]
    k = i - 1
    own = bracket_depth(text, q.start)
    while k >= 0 and bracket_depth(text, quantities[k].start) > own:
        k -= 1
    if k >= 0 and indicators[k]:
        prev = indicators[k]
    else:
        start = clause_start(text, q.start)
        j = start - 1
        prev_start = clause_start(text, j) if j > 0 else 0
        # (某路西起甲镇,东至乙村,全长…: a clause tracing the route says where
        # it runs; the one it goes on from names the thing)
        while prev_start > 0 and _route_at(text, _first_word_at(text, prev_start, j)):
            j = prev_start - 1
            prev_start = clause_start(text, j) if j > 0 else 0
        prev = _clean_left(text[prev_start:max(j, prev_start)], w, places)
        # (该项目位于某镇,总投资3亿元: the thing, not where it lies, nor where it runs from)
        cut = min([k for k in map(prev.find, lexicon().location_predicates) if k > 0]
                  + [k for k in range(1, len(prev)) if prev[k] in w.route_initials and _route_at(prev, k)],
                  default=len(prev))
        prev = prev[:cut]
    prev = _without_change(prev, w)
    if replace_measure:
        measure = next((m for m in w.measures if prev.endswith(m) and len(prev) > len(m)), "")
        prev = prev[: len(prev) - len(measure)] if measure else prev
    for c in w.comparisons:      # 生产总值是十二五末的 -> 生产总值
        if c in prev[1:]:
            prev = prev[: prev.index(c, 1)]
    return _strip_words(prev, (), w.report_verbs)


def _first_word_at(text: str, start: int, end: int) -> int:
    """Where the words of text[start:end] begin, after its spaces."""
    return end - len(text[start:end].lstrip())


def _route_at(text: str, k: int) -> bool:
    """Does a word tracing a route (lexicon.yaml route_words: 西起, 东至) stand at ``k``?"""
    word = next((r for r in lexicon().route_words if text.startswith(r, k)), None)
    return word is not None and wordlist.stands_alone(text, k, k + len(word))


def _clean_left(text: str, w: _Words, places: tuple = ()) -> str:
    text = without_asides(text)
    text = after_unopened_bracket(text)      # …兑6.875元人民币)折合: the end of a bracket opened before
    text = _SPACES.sub("", text)      # PDF text (增 长, 总播种面积 552.6 万 亩), bylines (本报讯 总投资)
    text = text[m.end():] if (m := lexicon().enumerator.match(text)) else text    # 2. 某镇…
    text = _QUOTES_DROPPED.sub("", text)
    text = _after_last_preposition(text, places, w)
    previous = None
    while previous != text:
        previous = text
        text = text.strip(w.boundary_strip)
        m = w.time.match(text) or w.lead_time_re.match(text)
        if m and m.end() > 0:
            text = text[m.end():]
        text = _strip_place(text, places)
        text = _strip_words(text, w.leading, w.trailing, w.word_patterns, (w.result_words, w.result_verbs))
        if w.span_trigger.search(text):
            text = w.span_time_re.sub("", text)     # 从2013年的420亿元提高到2018年的…
    return text


def _after_last_preposition(text: str, places: tuple, w: _Words) -> str:
    """上海市某区先后向房县捐赠农机 -> 房县捐赠农机: a figure given to a
    place is named from that place on."""
    if not places or not w.recipient_re.search(text):
        return text                 # (most phrases: no place, or no word that gives to one)
    for k in range(len(text) - 1, 0, -1):
        if text.endswith(w.recipient, 0, k):
            rest = text[k:]
            place = next((p for p in places if rest.startswith(p)), "")
            if place and len(rest) > len(place) + 1:
                return rest
    return text


def _strip_place(text: str, places: tuple) -> str:
    """房县捐赠农机 -> 捐赠农机: a place (or 全县, 该市: any word the clause
    analysis found for an area) opening the phrase is its subject, not what it
    measures; 浏阳市12876元: nothing is left, the subject comes from before."""
    if not text.startswith(places):
        return text                 # (most phrases: one test in C before the loop that finds the place)
    place = next(p for p in places if text.startswith(p))
    if len(text) == len(place) or len(text) > len(place) + 1:
        return text[len(place):]
    return text


def _strip_trailing_place(text: str, places: tuple, w: _Words) -> str:
    """涉及甲省乙县 (15个乡镇) -> 涉及: a place named right after a verb
    that ranges over places, before a count, says where the things counted
    are (the area column's), not what they are; the verb stays the count's.
    (Not after 是, 来自, 到; nor 全县, 全国.)"""
    scope = lexicon().scope_re
    place = next((p for p in places if text.endswith(p) and not scope.fullmatch(p)), "")
    rest = text[:-len(place)] if place else ""
    return rest if rest.endswith(w.place_range_verbs) else text


def _strip_words(text: str, leading: tuple, trailing: tuple, patterns=None,
                 results: tuple[tuple, tuple] = ((), ())) -> str:
    """``text`` without the leading and trailing words; a result word after
    a change verb (``results``: words, verbs) is kept (压缩为)."""
    lead_re, trail_re = patterns or _word_patterns(leading, trailing)
    result_words, result_verbs = results
    changed = True
    while changed and text:
        changed = False
        m = lead_re.match(text) if leading else None
        # a one-character word only where it is a word of its own (对, not 对口)
        if m and (len(m.group(0)) > 1 or _opens_a_word(text, m.group(0))):
            text, changed = text[m.end():], True
        m = trail_re.search(text) if trailing and text.endswith(trailing) else None
        if m and m.group() in result_words and text.endswith(result_verbs, 0, m.start()):
            break
        if m and (len(m.group(0)) > 1 or _ends_a_word(text, m.group(0))):
            text, changed = text[:m.start()], True
    return text


def _ends_a_word(text: str, char: str) -> bool:
    """A one-character trailing word goes only where jieba cuts it as a word
    of its own, not as the end of a longer one (预计: 计 stays; 已有, 现有 are
    trailing words of their own)."""
    tail = text[-6:]
    # (no word of the dictionary of two characters or more ends there: jieba
    # cuts the Han character alone, no cut needed; most phrases)
    freq = wordlist.tokenizer().dt.FREQ
    if is_han(char) and not any(freq.get(tail[k:]) for k in range(len(tail) - 1)):
        return True
    return _cut(tail)[-1][0] == char


def _opens_a_word(text: str, char: str) -> bool:
    """The same for a one-character leading word: jieba cuts it as a word of its own (对, not 对口)."""
    head = text[:6]
    freq = wordlist.tokenizer().dt.FREQ
    if is_han(char) and not any(freq.get(head[:k]) for k in range(2, len(head) + 1)):
        return True
    return _cut(head)[0][0] == char


@lru_cache(maxsize=None)     # keyed on the rules' word lists (a handful), kept for the process
def _word_patterns(leading: tuple, trailing: tuple) -> tuple[re.Pattern, re.Pattern]:
    """One regex per word list, longest word first."""
    alt = lambda ws: "|".join(map(re.escape, sorted(ws, key=len, reverse=True))) or "(?!)"  # noqa: E731
    return re.compile(f"(?:{alt(leading)})"), re.compile(f"(?:{alt(trailing)})$")


def _trim(text: str, w: _Words, strip: str | None = None) -> str:
    """``text`` without connectors and marks at its ends: a list left open
    (肉、), but 惠及, 涉及, 普及 are words and keep their last character."""
    strip = w.connectors if strip is None else strip
    text = text.lstrip(strip)
    while text and text[-1] in strip:
        joiner = next((j for j in w.list_joiners if len(j) > 1 and text.endswith(j)), "")
        if joiner:                   # 建制村连接线以及: a connector word left open
            text = text[:-len(joiner)]
        elif len(text) > 1 and len(_cut(text[-2:])) == 1:
            break
        else:
            text = text[:-1]
    return text


def _finish(text: str, w: _Words) -> str:
    ends = " " + w.connectors + "".join(w.boundary)
    text = _trim(text, w, ends)
    if len(text) > w.max_indicator:
        # (its last words that fit: a word is not cut in two, 消防救援 not 防救援)
        kept = ""
        for word, _ in reversed(_cut(text)):
            if len(kept) + len(word) > w.max_indicator:
                break
            kept = word + kept
        text = _trim(kept or text[-w.max_indicator:], w, ends)
    return text
