"""The period and status resolver (GUIDELINE `period`, `status`): the time
each figure covers and whether it is a target or an actual value, each with
the id of the rule that decided it. Rules and their examples:
``patterns/periods.yaml`` (``period_rules``, ``status_rules``). Time phrases
themselves are found by ``timeinfo``.

A period is the nearest time phrase before the figure in its clause (a bare
year too: 2022年粮食产量10万吨), else in its sentence, else the one opening
its paragraph, else its section heading's or the title's. A figure is a
target when a plan word governs it: in its own clause, after it (…的目标),
from an earlier clause of its sentence that it continues, or from a heading
about next year's work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules
from .clauses import strip_openers
from .segment import clause_end, clause_start
from .timeinfo import leading_time_phrase, time_phrases

_PART = re.compile(r"[;；。!?！？]")
_BARE_YEAR = re.compile(r"(?<![0-9])(?:19|20)\d{2}年(?:度|末|底)?(?![0-9])")     # not 2023年2月11日


@dataclass(frozen=True)
class TimeDecision:
    period: str
    status: str
    rules: str          # "period:<id> status:<id>"


@dataclass(frozen=True)
class _StatusRules:
    target_headings: re.Pattern
    review_headings: re.Pattern
    target: re.Pattern
    noun_uses: re.Pattern
    actual: re.Pattern
    report: re.Pattern
    target_after: re.Pattern
    estimate_words: tuple
    cut_off_words: tuple


def _any_of(words) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)")


@rules.compiled
def _rules() -> _StatusRules:
    cfg = rules.load("periods")
    return _StatusRules(
        target_headings=_any_of(cfg["target_headings"]),
        review_headings=_any_of(cfg["review_headings"]),
        target=_any_of(cfg["target_words"]),
        noun_uses=re.compile("|".join(cfg["target_word_nouns"])),
        actual=_any_of(cfg["actual_words"]),
        report=re.compile("(?:" + "|".join(map(re.escape, cfg["report_words"])) + ")"),
        target_after=re.compile("的[^,，;；。]{0,12}(?:" + "|".join(map(re.escape, cfg["target_after"])) + ")"),
        estimate_words=tuple(cfg["estimate_words"]),
        cut_off_words=tuple(cfg["cut_off_words"]),
    )


@dataclass
class ParagraphTime:
    """What the paragraph says about time so far: a time phrase opening it
    (before its first figure) holds for its figures without one of their own."""
    paragraph: int = -1
    opener: str = ""
    seen_figure: bool = False

    def enter(self, paragraph: int) -> None:
        if paragraph != self.paragraph:
            self.paragraph, self.opener, self.seen_figure = paragraph, "", False

    def read(self, text: str, first_figure: int | None) -> None:
        """A sentence of the paragraph (``first_figure``: where its first figure
        stands, None when it has none)."""
        if self.seen_figure:
            return
        if first_figure is None:
            phrases = time_phrases(text)
            self.opener = phrases[-1][2] if phrases else self.opener
            return
        self.opener = _nearest_before(text, first_figure) or self.opener
        self.seen_figure = True


def heading_period(heading: str) -> str:
    found = time_phrases(heading, heading=True)
    return found[0][2] if found else ""


def resolve_times(text: str, quantities, heading: str, title: str, paragraph: ParagraphTime,
                  clauses=None) -> list[TimeDecision]:
    """The period and status of each quantity of a sentence (``clauses``, when
    the caller has them: clause_start at each one's start, clause_end at its end)."""
    _governed_from_before.cache_clear()
    out = []
    for i, q in enumerate(quantities):
        start, end = clauses[i] if clauses else (clause_start(text, q.start), clause_end(text, q.end))
        period, period_rule = _period(text, q.start, start, heading, title, paragraph)
        status, status_rule = status_of(text, q.start, q.end, heading, (start, end))
        out.append(TimeDecision(period, status, f"period:{period_rule} status:{status_rule}"))
    return out


def cell_time(period: str, context: str, heading: str, title: str) -> TimeDecision:
    """A table cell's period and status: its column's or row's period, else
    the heading's; target under a plan column (年投资计划) or heading."""
    rule = "period_table" if period else "period_heading"
    period = period or heading_period(heading) or heading_period(title)
    status, status_rule = status_of(context, len(context), len(context), heading)
    return TimeDecision(period, status, f"period:{rule if period else 'period_none'} status:{status_rule}")


# ---------------------------------------------------------------- period
def _period(text: str, pos: int, start: int, heading: str, title: str, paragraph: ParagraphTime) -> tuple[str, str]:
    """The period of the figure at ``pos``, whose clause starts at ``start``."""
    in_clause = _nearest_before(text, pos, start, bare_years=True)
    if in_clause:
        return in_clause, "period_in_clause"
    in_sentence = _nearest_before(text, pos)
    if in_sentence:
        return in_sentence, "period_in_sentence"
    if paragraph.opener:
        return paragraph.opener, "period_paragraph_opener"
    from_heading = heading_period(heading) or heading_period(title)
    if from_heading:
        return from_heading, "period_heading"
    return "", "period_none"


def _nearest_before(text: str, pos: int, start: int = 0, bare_years: bool = False) -> str:
    """The time phrase nearest before ``pos`` (from ``start`` on); with
    ``bare_years`` a year before a noun counts too (2022年粮食产量10万吨)."""
    best, best_end = "", -1
    for a, b, phrase in time_phrases(text):
        if start <= a and b <= pos and b > best_end:
            best, best_end = phrase, b
    if bare_years:
        for m in _BARE_YEAR.finditer(text, start, pos):
            if m.end() > best_end and not any(a <= m.start() < b for a, b, _ in time_phrases(text)):
                best, best_end = m.group(), m.end()
    return best


# ---------------------------------------------------------------- status
def status_of(text: str, pos: int, end: int, heading: str = "", clause: tuple[int, int] | None = None) -> tuple[str, str]:
    """(``target`` or ``actual``, the rule's id) for the figure at [pos, end)
    (``clause``: clause_start at pos and clause_end at end, when the caller has them)."""
    r = _rules()
    review = bool(heading) and r.review_headings.search(heading) is not None
    if heading and not review and r.target_headings.search(heading):
        return "target", "status_target_heading"
    c_start, c_end = clause or (clause_start(text, pos), clause_end(text, end))
    own = _plan_word(text, c_start, pos, review)
    if own is not None:
        return ("target", "status_plan_word") if own else ("actual", "status_plan_then_actual")
    if r.target_after.search(text, end, c_end):
        return "target", "status_plan_after"
    if _governed(text, c_start, pos, review):
        return "target", "status_governed"
    return "actual", "status_actual"


def _plan_word(text: str, start: int, end: int, review: bool) -> bool | None:
    """In text[start:end]: True when a plan word (not used as a noun) stands
    there with no report of what happened after it, False when one does but
    such a report follows (计划…目前已完成), None when none stands there."""
    r = _rules()
    found = None
    for m in r.target.finditer(text, start, end):
        if _noun_use(text, m) or (m.group() in r.estimate_words and _estimate_of_the_past(text, m.start(), review)):
            continue
        found = r.actual.search(text, m.end(), end) is None
    return found


def _estimate_of_the_past(text: str, pos: int, review: bool) -> bool:
    """预计, 估计 at ``pos`` guess at what already happened: in a review of the
    past, in a sentence that opens with a cut-off (截至9日,…估计损失…), or
    after a report word of its own clause (目前已…,估计…). Not 已完成30亿元,
    预计全年60亿元: the report is another clause's."""
    r = _rules()
    return (review or text.lstrip().startswith(r.cut_off_words)
            or r.actual.search(text, clause_start(text, pos), pos) is not None)


def _noun_use(text: str, m: re.Match) -> bool:
    """占年度计划的, 下达投资计划, 完成目标任务: the plan word is a thing, not a plan."""
    lo = max(0, m.start() - 6)
    for n in _rules().noun_uses.finditer(text, lo, min(len(text), m.end() + 6)):
        if n.start() <= m.start() < n.end():
            return True
    return False


def _governed(text: str, c_start: int, pos: int, review: bool) -> bool:
    """Does a plan word in an earlier clause of the sentence part govern this
    clause? It does unless a clause between opens with its own time phrase
    or reports what happened (完成, 已), and only from a clause that states a
    figure or holds nothing but the plan (力争到2025年,…), not from a clause
    of its own (确保群众跑一次,…)."""
    if _rules().target.search(text, 0, c_start) is None:
        return False            # (most sentences: no plan word before the clause, nothing to walk back to)
    return not _reports(text[c_start:pos]) and _governed_from_before(text, c_start, review)


@rules.cached(maxsize=64)      # the figures of one clause ask the same question
def _governed_from_before(text: str, c_start: int, review: bool) -> bool:
    r = _rules()
    part_start = 0
    for m in _PART.finditer(text, 0, c_start):
        part_start = m.end()
    k = c_start
    while k > part_start:
        prev_start = clause_start(text, k - 1)
        clause = text[prev_start:k - 1]
        if _plan_word(text, prev_start, k - 1, review):
            rest = r.target.sub("", clause, count=1)
            return _holds_figure(clause) or not strip_openers(rest, connectors=False)
        if _reports(clause):
            return False
        k = prev_start
    return False


@rules.cached(maxsize=256)
def _reports(clause: str) -> bool:
    """Does a clause open with its own time phrase or a report word (累计完成), or say 已?"""
    r = _rules()
    rest = strip_openers(clause, connectors=False)
    return (leading_time_phrase(clause.strip()) > 0 or r.report.match(rest) is not None
            or r.actual.search(clause) is not None)


_DIGIT = re.compile(r"[0-9]")


def _holds_figure(clause: str) -> bool:
    return _DIGIT.search(clause) is not None
