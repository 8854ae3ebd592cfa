"""Normalise text for reading while keeping a map back to the input.

Steps, in order: HTML remnants out, pinyin glosses out, character folding
(full-width to half-width, variants), Traditional to Simplified (OpenCC t2s),
sentence-internal line breaks out. Every step records, for each output
character, the input offset it came from (``NormalisedText.origin``), so that
``mention``, ``start`` and ``end`` can quote the input as given.
"""
from __future__ import annotations

import html
import re
from functools import cache
from typing import Callable

from . import rules
from .lexicon import HAN, HAN_RE
from .models import NormalisedText

Rewrite = Callable[[re.Match], str]


def normalise(text: str, html: bool = False) -> NormalisedText:
    """``html``: the text is a web page; only its main content is kept."""
    text, origin = _readable(text, html)
    c = _compiled()
    text, origin = _rewrite(text, origin, c["gloss"], _drop_gloss)
    text = _fold(text, c["fold"], c["foldable"])
    text, origin = _rewrite(text, origin, c["typos"], lambda m: "")
    text, origin = _to_simplified(text, origin)
    text, origin = _close_letter_spacing(text, origin, c["spaced_share"])
    text, origin = _join_broken_lines(text, origin, c["min_line"])
    return NormalisedText(text=text, origin=None if isinstance(origin, _Identity) else tuple(origin))


def visible_text(page: str) -> NormalisedText:
    """A web page's text as a person reads it and as the extractor reads it:
    tags, scripts and comments out, entities decoded, only the lines of its
    main content; ``origin`` maps each character back to the page. Nothing
    else is changed (script, width), so it quotes the page as written."""
    text, origin = _readable(page, html=True)
    return NormalisedText(text=text, origin=None if isinstance(origin, _Identity) else tuple(origin))


def _readable(text: str, html: bool):
    """The text without HTML remnants (and, for a page, only its main content)."""
    origin = _Identity(len(text) + 1)
    main = _main_content(text) if html else None
    if "<" in text or "&" in text or "/p>" in text:      # tags, entities, tags that lost their <
        text, origin = _strip_html(text, origin)
    if main:
        text, origin = _keep_main_lines(text, origin, main)
    return text, origin


class _Identity:
    """The offset map of text not yet changed: offset k maps to k. Nothing is
    stored until a step changes the text (most Simplified articles never do)."""

    def __init__(self, n: int):
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k):
        if isinstance(k, slice):
            return range(*k.indices(self.n))
        return k if k >= 0 else self.n + k


@rules.compiled
def _compiled() -> dict:
    cfg = rules.load("normalise")
    fold = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}   # full-width ASCII
    fold.update({ord(k): v for k, v in cfg["variants"].items()})
    blocks = "|".join(cfg["html_block_tags"])
    cells = "|".join(cfg["html_cell_tags"])
    table_rows = "|".join(cfg["html_row_tags"])
    return {
        "gloss": re.compile(cfg["pinyin_gloss"]),
        "toned": re.compile(cfg["pinyin_toned"]),
        "fold": fold,
        "foldable": _char_class_re(fold),
        "min_line": int(cfg["broken_line_min_length"]),
        "spaced_share": float(cfg["letter_spaced_share"]),
        "typos": re.compile("|".join(cfg["typo_deletions"])),
        "html": re.compile(
            r"<(script|style)\b[^>]*>.*?</\1\s*>"           # code and styles
            r"|<!--.*?-->"                                   # comments
            rf"|(?P<row></?(?:{table_rows})\b[^<>]*>)"       # table rows: a line each
            rf"|(?P<block></?(?:{blocks})\b[^<>]*>)"         # block tags: a line break
            rf"|(?P<cell></?(?:{cells})\b[^<>]*>)"           # table cells: a separator
            r"|</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>"    # any other tag
            r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"   # entities
            rf"|{cfg['broken_tag']}"
            r"|(?P<newline>\n)",                             # inside a table row: a space
            re.S | re.I,
        ),
    }


def _char_class_re(table: dict) -> re.Pattern:
    """A pattern matching any character that ``table`` (a str.translate table) maps."""
    return re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(table)) + "]")


def _fold(text: str, table: dict, foldable: re.Pattern) -> str:
    """``text.translate(table)`` for a one-for-one table: a scan for the
    characters to replace is many times faster than translate's per-character
    lookups, and most articles hold only a few of them."""
    return foldable.sub(lambda m: table[ord(m.group())], text)


def _rewrite(text: str, origin: list[int], pattern: re.Pattern, repl: Rewrite):
    """Replace each match of ``pattern`` by ``repl(match)``; inserted characters
    map to the start of the text they replace."""
    out: list[str] = []
    new_origin: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new == m.group(0):
            continue
        out.append(text[last:m.start()])
        new_origin.extend(origin[last:m.start()])
        out.append(new)
        new_origin.extend([origin[m.start()]] * len(new))
        last = m.end()
    if last == 0:
        return text, origin
    out.append(text[last:])
    new_origin.extend(origin[last:])
    return "".join(out), new_origin


def _strip_html(text: str, origin: list[int]):
    in_row = False        # between <tr> and </tr>: the row stays one line

    def repl(m: re.Match) -> str:
        nonlocal in_row
        s = m.group(0)
        if m.group("row"):
            in_row = not s.startswith("</")
            return "\n"
        if m.group("newline"):
            return " " if in_row else s
        if m.group("block"):
            if s[1:].lstrip("/")[:5].lower() == "table":
                in_row = False
            return " " if in_row else "\n"
        if m.group("cell"):
            return " | " if not s.startswith("</") else ""
        if s.startswith("&"):
            decoded = html.unescape(s)
            return decoded if len(decoded) == 1 else s
        return ""

    return _rewrite(text, origin, _compiled()["html"], repl)


_SIGNATURE = re.compile(f"[^{HAN}0-9]+")


def _main_content(page: str) -> str | None:
    """The page's main text as trafilatura finds it (no menus, footers,
    comment boxes), or None when it finds none."""
    import trafilatura

    try:
        return trafilatura.extract(page, include_tables=True, include_comments=False, favor_recall=True)
    except Exception:      # a page trafilatura cannot parse is read whole
        return None


def _keep_main_lines(text: str, origin: list[int], main: str, window: int = 4000):
    """Keep the lines of the tag-stripped page that trafilatura kept, in order.

    Lines are compared by their Han characters and digits only, since the two
    texts differ in spacing and table separators; the search moves forward
    through the main text, so the pass stays linear.
    """
    main_sig = _SIGNATURE.sub("", main)
    pointer, drop = 0, []
    for line in _LINE.finditer(text):
        sig = _SIGNATURE.sub("", line.group(0))
        if not sig:
            continue
        found = main_sig.find(sig, pointer, pointer + len(sig) + window)
        if found < 0:
            drop.append((line.start(), line.end()))
        else:
            pointer = found + len(sig)
    return _delete(text, origin, drop)


def _drop_gloss(m: re.Match) -> str:
    return "" if _compiled()["toned"].search(m.group(0)) else m.group(0)


_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(text: str, origin: list[int]):
    """OpenCC t2s. Phrase conversion almost always keeps the length; a line
    whose length changes is converted character by character instead."""
    if text.isascii():
        return text, origin
    conv = _converter()
    try:
        converted = conv.convert(text)
    except UnicodeEncodeError:
        # A lone surrogate (only a str built in Python can hold one; decoded
        # files never do) cannot go to OpenCC: one U+FFFD for one surrogate.
        text = _SURROGATE.sub("\ufffd", text)
        converted = conv.convert(text)
    if len(converted) == len(text):
        return converted, origin
    lines = text.split("\n")
    out = []
    for line in lines:
        c = conv.convert(line)
        if len(c) != len(line):
            c = "".join(conv.convert(ch) if len(conv.convert(ch)) == 1 else ch for ch in line)
        out.append(c)
    return "\n".join(out), origin


_SPACED = re.compile(f"(?<=[{HAN}\\d.%]) (?=[{HAN}\\d])")
_HAN_PAIR = re.compile(f"[{HAN}](?=[{HAN}])")
_LINE = re.compile(r"[^\n]+")


def _close_letter_spacing(text: str, origin: list[int], share: float):
    """PDF text spaces out its characters (增 长 3.4%, 政 府 工 作 报 告): in a
    line where most Han characters are spaced apart, single spaces between
    Han characters and digits go. Other lines keep their spaces (headings
    such as 党建为先 强根铸魂 use them)."""
    drop: list[int] = []
    if text.count(" ") < 3:
        return text, origin
    for line in _LINE.finditer(text):
        if line.group(0).count(" ") < 3:
            continue                      # cannot hold three spaced pairs
        spaced = [m.start() for m in _SPACED.finditer(line.group(0))]
        if len(spaced) < 3:
            continue
        glued = len(_HAN_PAIR.findall(line.group(0)))
        if len(spaced) >= share * (len(spaced) + glued):
            drop += [line.start() + k for k in spaced
                     if not (line.group(0)[k - 1].isdecimal() and line.group(0)[k + 1].isdecimal())]
    return _delete(text, origin, [(k, k + 1) for k in drop])


# Only breaks that could cut a sentence: after a Han character or a comma
# (spaces between allowed), before a Han character or a digit. The pattern
# starts at the line break, so the engine jumps from one to the next.
_BREAK = re.compile(f"\\n\\s*(?=[{HAN}0-9])")
_ENDS_SENTENCE = set("。！？!?；;：:」』”)）》")


def _join_broken_lines(text: str, origin: list[int], min_length: int):
    """Remove line breaks that cut a sentence in two (PDF or page copy)."""
    spans = []
    for m in _BREAK.finditer(text):
        start = m.start()
        while start and text[start - 1] in " \t\r":
            start -= 1                    # trailing spaces (and a Windows \r) go too
        line = text[text.rfind("\n", 0, start) + 1:start].strip()
        after = text[m.end():m.end() + 1]
        if (len(line) >= min_length and line[-1] not in _ENDS_SENTENCE
                and (HAN_RE.match(line[-1]) or line[-1] in "，,、")
                and after and (HAN_RE.match(after) or after.isdecimal())
                and any(p in line for p in "，,、；;")):
            spans.append((start, m.end()))
    return _delete(text, origin, spans)


def _delete(text: str, origin: list[int], spans: list[tuple[int, int]]):
    """Remove the (start, end) spans, in order and apart, from text and offset map."""
    if not spans:
        return text, origin
    out: list[str] = []
    new_origin: list[int] = []
    last = 0
    for a, b in spans:
        out.append(text[last:a])
        new_origin.extend(origin[last:a])
        last = b
    out.append(text[last:])
    new_origin.extend(origin[last:])
    return "".join(out), new_origin
