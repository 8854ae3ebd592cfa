"""Cut normalised text into paragraphs and sentences, note the section heading
each sentence sits under, and drop page furniture (bylines, comment boxes,
copyright notices)."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from . import rules
from .lexicon import CLOSING_BRACKETS, OPENING_BRACKETS, lexicon
from .models import Sentence

# A paragraph is a line, or a part of one set off by a wide gap: pages
# flattened to one line keep their paragraph breaks (and a headline its end)
# as four spaces or more, or two after a sentence's end. (Two spaces alone
# are often PDF text's spacing: 增加值  增长6.5%.)
_LINE = re.compile(r"[^\n]+")
_GAP = re.compile(r"[ \u3000]{4,}|(?<=[。！？!?”」』])[ \u3000]{2,}")
_FLATTENED = 200          # characters: a line this long is a flattened page, not a table's row
# A sentence ends at 。！？!? (and the closing quotes right after them).
SENTENCE_ENDS = "。！？!?"       # the marks that end a sentence
_SENTENCE = re.compile(f"[^{SENTENCE_ENDS}]+(?:[{SENTENCE_ENDS}]+[”’」』)）]*)?|[{SENTENCE_ENDS}]+")
_HEADING_END = set("。！？!?；;，,：:、")
_HEADING_MAX = 30
# Longer "sentences" (text without full stops, a 100 MB single line) are cut
# at clause marks, so that no stage works on more than this at once.
_MAX_SENTENCE = 1000
_CLAUSE_MARK = re.compile(r"[;；,，、]")


@rules.compiled
def _furniture() -> tuple[re.Pattern, int]:
    cfg = rules.load("exclusions")
    words = sorted(cfg["furniture_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), int(cfg["furniture_max_length"])


def is_furniture(paragraph: str) -> bool:
    pattern, max_length = _furniture()
    return len(paragraph) <= max_length and pattern.search(paragraph) is not None


def is_heading(paragraph: str) -> bool:
    """A short line without sentence punctuation at its end."""
    p = paragraph.strip()
    return 0 < len(p) <= _HEADING_MAX and p[-1] not in _HEADING_END


def segment(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    heading = title = ""
    for index, (para_start, para_end) in enumerate(_paragraphs(text)):
        para = text[para_start:para_end]
        if not para.strip() or is_furniture(para):
            continue
        para_is_heading = is_heading(para)
        if para_is_heading:
            heading = para.strip()
            title = title or heading
        for sm in _SENTENCE.finditer(para):
            for a, b in _pieces(sm.group(0)):
                raw = sm.group(0)[a:b]
                stripped = raw.strip()
                if not stripped:
                    continue
                start = para_start + sm.start() + a + (len(raw) - len(raw.lstrip()))
                sentences.append(Sentence(start=start, text=stripped, paragraph=index,
                                          heading="" if para_is_heading else heading,
                                          title=title, is_heading=para_is_heading))
    return sentences


def _paragraphs(text: str):
    """[start, end) of each paragraph: each line, a long one (a page flattened
    to one line) cut at its wide gaps; a short one may be a table's row."""
    for line in _LINE.finditer(text):
        start = line.start()
        gaps = _GAP.finditer(text, line.start(), line.end()) if line.end() - line.start() > _FLATTENED else ()
        for gap in gaps:
            yield start, gap.start()
            start = gap.end()
        yield start, line.end()


def _pieces(sentence: str) -> list[tuple[int, int]]:
    """The sentence, or for an over-long one pieces of at most _MAX_SENTENCE
    characters ending at clause marks where there are any."""
    if len(sentence) <= _MAX_SENTENCE:
        return [(0, len(sentence))]
    pieces, start = [], 0
    while len(sentence) - start > _MAX_SENTENCE:
        marks = [m.end() for m in _CLAUSE_MARK.finditer(sentence, start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)]
        end = marks[-1] if marks else start + _MAX_SENTENCE
        pieces.append((start, end))
        start = end
    pieces.append((start, len(sentence)))
    return pieces


def clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last boundary, or after an
    opening bracket still open at ``pos`` (…(上年同期为9.65亿元)); a closed
    bracket pair is skipped (外贸出口总额(1—8月)达6.37亿美元)."""
    if pos > len(text):
        raise IndexError(f"clause_start: position {pos} is past the end of a text of {len(text)} characters")
    marks = _marks_and_brackets(text)
    k = bisect_left(marks, pos) - 1   # only these characters can decide: look at them alone
    depth = 0
    while k >= 0:
        j = marks[k]
        ch = text[j]
        if ch in CLOSING_BRACKETS:
            depth += 1
        elif ch in OPENING_BRACKETS:
            if depth == 0:
                return j + 1
            depth -= 1
        elif depth == 0:
            return j + 1
        k -= 1
    return 0


@rules.cached(maxsize=32)      # the resolvers ask about the clauses of the sentence at hand many times
def _marks_and_brackets(text: str) -> list[int]:
    """Where ``text`` holds a clause mark (patterns/lexicon.yaml) or a bracket."""
    return [m.start() for m in lexicon().mark_or_bracket_re.finditer(text)]


def clause_end(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` ends: the next clause mark, or the end."""
    m = lexicon().clause_mark_re.search(text, max(pos, 0))
    return m.start() if m else len(text)


# ------------------------------------------------------------------ brackets
_BRACKET_CHAR = re.compile("[" + re.escape(OPENING_BRACKETS + CLOSING_BRACKETS) + "]")
_OPENING = re.compile(f"[{re.escape(OPENING_BRACKETS)}]")    # (one search in C, not a loop per bracket)
_CLOSING = re.compile(f"[{re.escape(CLOSING_BRACKETS)}]")
# a short aside in brackets (a pair of one kind, at most 40 characters inside)
_ASIDE = re.compile("|".join(f"{re.escape(o)}[^{re.escape(o + c)}]{{0,40}}{re.escape(c)}"
                             for o, c in zip(OPENING_BRACKETS, CLOSING_BRACKETS)))


def next_closing(text: str, pos: int) -> int:
    """Where the first closing bracket at or after ``pos`` stands (len(text) if none)."""
    m = _CLOSING.search(text, pos)
    return m.start() if m else len(text)


def last_opening(text: str, start: int, end: int) -> int:
    """Where the last opening bracket in text[start:end] stands (-1 if none)."""
    return max(text.rfind(b, start, end) for b in OPENING_BRACKETS)


def without_asides(text: str) -> str:
    """``text`` without its short asides in brackets (产值(现价)增长 -> 产值增长)."""
    return _ASIDE.sub("", text) if _OPENING.search(text) else text


def after_unopened_bracket(text: str) -> str:
    """The text after the last closing bracket that no bracket in it opened
    (…兑6.875元人民币)折合 -> 折合)."""
    if not _CLOSING.search(text):
        return text                 # (most phrases)
    depth, cut = 0, 0
    for k, ch in enumerate(text):
        if ch in OPENING_BRACKETS:
            depth += 1
        elif ch in CLOSING_BRACKETS:
            if depth:
                depth -= 1
            else:
                cut = k + 1
    return text[cut:]


def bracket_depth(text: str, pos: int, start: int = 0) -> int:
    """How many brackets opened in text[start:pos] are still open at ``pos``
    (a closing bracket with none open is passed over)."""
    positions, depths = _bracket_marks(text)
    k = bisect_left(positions, pos) - 1          # the last bracket before pos
    if k < 0:
        return 0
    if not start:
        return depths[k]
    j = bisect_left(positions, start) - 1        # the depth already open at start
    # (brackets closed below that depth in between reset it: count afresh then)
    low = min(depths[j + 1:k + 1], default=depths[k])
    base = depths[j] if j >= 0 else 0
    return max(depths[k] - min(base, low), 0)


@lru_cache(maxsize=32)      # asked about many positions of the sentence at hand
def _bracket_marks(text: str) -> tuple[list[int], list[int]]:
    """The positions of the brackets of ``text``, and the depth after each."""
    positions, depths, depth = [], [], 0
    for m in _BRACKET_CHAR.finditer(text):
        depth = depth + 1 if m.group() in OPENING_BRACKETS else max(depth - 1, 0)
        positions.append(m.start())
        depths.append(depth)
    return positions, depths
