"""jieba, loaded once per process: its tokenizer and dictionary, a faster
cut with the same words (for indicators), the part-of-speech tags of the
dictionary's verbs, prepositions, conjunctions, adverbs and particles (as
jieba.posseg has them) and the frequencies of its two-character words (for
the gazetteer).

Start-up matters (every run pays it, and it bounds what --jobs can gain), so:
tags come from reading dict.txt directly, cheaper than importing jieba.posseg,
whose HMM tables this tool never uses (a marshal cache of the result was tried:
0.17 s to load against 0.2 s to parse, not worth a file); jieba's dictionary
cache is read with one marshal.loads; jieba is imported without pkg_resources."""
from __future__ import annotations

import os
from functools import cache
from importlib import util
from math import log

from .lexicon import HAN_RE


@cache
def _read() -> tuple[dict[str, str], dict[str, int]]:
    """(word -> tag, two-character word -> frequency) of jieba's dict.txt."""
    with open(_dict_path(), "rb") as f:
        return _parse(f.read().decode("utf-8"))


def _parse(text: str) -> tuple[dict[str, str], dict[str, int]]:
    """Lines of "word freq tag" (tags kept for TAG_CLASSES), read a block at
    a time: the fields of the whole file at once would leave some 20 MB of
    freed but fragmented memory in every process (and each forked worker)."""
    tags: dict[str, str] = {}
    two: dict[str, int] = {}
    kinds: dict[str, str] = {}          # one object per tag, not one per word
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos + _BLOCK)
        end = len(text) if end < 0 else end + 1
        block = text[pos:end]
        pos = end
        fields = block.split()
        if len(fields) == 3 * (block.count("\n") + (not block.endswith("\n"))):
            tokens, freqs, tag_of = fields[0::3], fields[1::3], fields[2::3]
        else:      # some line lacks a field (or is empty): read line by line
            tokens, freqs, tag_of = [], [], []
            for line in block.splitlines():
                parts = line.split()
                if parts:
                    tokens.append(parts[0])
                    freqs.append(parts[1] if len(parts) > 1 else "0")
                    tag_of.append(parts[2] if len(parts) > 2 else "")
        tags.update((w, kinds.setdefault(k, k)) for w, k in zip(tokens, tag_of) if k[:1] in TAG_CLASSES)
        two.update((w, int(f)) for w, f in zip(tokens, freqs) if len(w) == 2)
    return tags, two


_BLOCK = 200_000      # characters of dict.txt read at a time

# The part-of-speech classes indicators.py asks about: verbs, prepositions,
# conjunctions, adverbs, particles. A word of any other class reads as
# untagged (''), which indicators.py treats alike; keeping only these is a
# ninth of the dictionary (0.07 s and some 30 MB less in every process).
TAG_CLASSES = frozenset("vpcdu")


def _dict_path() -> str:
    """jieba's dict.txt, found without importing jieba."""
    spec = util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")


@cache
def tokenizer():
    """The jieba module, its default dictionary loaded."""
    jieba = _import_jieba()
    jieba.setLogLevel(60)
    _load_cached_dictionary(jieba)
    jieba.initialize()      # a no-op once loaded; else jieba builds (and caches) it
    return jieba


def _import_jieba():
    """``import jieba``, but without pkg_resources, unless something else
    loaded it already. jieba uses it only to open its data files and falls
    back to ``open()`` without it; importing it scans every installed package
    (80 ms, a tenth of a one-file run) and warns that it is deprecated."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None          # makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _load_cached_dictionary(jieba) -> None:
    """Load jieba's own cache of its default dictionary as jieba would, but
    with ``marshal.loads`` over the whole file: jieba's ``marshal.load(file)``
    reads it object by object and takes twice as long (0.55 s against 0.25 s)."""
    import marshal
    import tempfile

    dt = jieba.dt
    if dt.initialized or dt.dictionary != jieba.DEFAULT_DICT or dt.cache_file:
        return
    try:
        with open(os.path.join(dt.tmp_dir or tempfile.gettempdir(), "jieba.cache"), "rb") as f:
            freq, total = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return              # no cache yet, or a broken one: jieba.initialize() handles it
    dt.FREQ, dt.total = freq, total
    dt.initialized = True


def cut(text: str) -> list[str]:
    """The words of ``text`` exactly as ``jieba.lcut(text, HMM=False)`` gives
    them, in about half the time inside a pipeline: jieba builds a graph of
    the words at each position, then looks every one up again to score it;
    here each candidate word is looked up once and scored as it is found
    (its dictionary has half a million entries, and a look-up that misses the
    processor's cache costs more than the arithmetic). Blocks of Han and
    alphanumeric text are split the way jieba splits them, with its patterns;
    tests check the two agree."""
    jieba = tokenizer()
    han, skip = jieba.re_han_default, jieba.re_skip_default
    words: list[str] = []
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            _cut_block(block, jieba.dt.FREQ, log(jieba.dt.total), jieba.re_eng, words)
        else:
            for piece in skip.split(block):
                if skip.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)          # punctuation: one character at a time
    return words


_NONE = float("-inf")     # no word found yet (a word's score is always finite)


def _cut_block(block: str, freq: dict, log_total: float, eng, words: list[str]) -> None:
    """jieba's most probable route through ``block`` (its __cut_DAG_NO_HMM):
    scores from the end, ties to the longer word, single letters and digits
    run together."""
    n = len(block)
    score = [0.0] * (n + 1)
    ends = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        best, best_end = _NONE, k
        i, frag = k, block[k]
        while i < n:
            f = freq.get(frag)
            if f is None:
                break
            if f:
                s = log(f) - log_total + score[i + 1]
                if s >= best:                     # a tie goes to the longer word (i only grows)
                    best, best_end = s, i
            i += 1
            frag = block[k:i + 1]
        if best == _NONE:                         # no word starts here: the character alone
            best, best_end = log(freq.get(block[k]) or 1) - log_total + score[k + 1], k
        score[k], ends[k] = best, best_end
    x, run = 0, ""
    while x < n:
        y = ends[x] + 1
        word = block[x:y]
        if y - x == 1 and eng.match(word):
            run += word
        else:
            if run:
                words.append(run)
                run = ""
            words.append(word)
        x = y
    if run:
        words.append(run)


def load() -> None:
    """Load everything now rather than at the first word cut."""
    tokenizer()
    tags()


def tags() -> dict[str, str]:
    """word -> jieba's part-of-speech tag, for words of the TAG_CLASSES."""
    return _read()[0]


def common_two_char_words(min_freq: int) -> set[str]:
    """Two-character words of at least ``min_freq``."""
    return {w for w, f in _read()[1].items() if f >= min_freq}


def stands_alone(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a word of its own here: no dictionary word runs
    across its start or its end (全县 yes; 本市 in 资本市场: 资本 | 市场, no;
    本区 in 本区域: 本 | 区域, no)? Judged on jieba's cut of the characters
    around it, cut only where such a word could be."""
    freq = tokenizer().dt.FREQ
    # (after it, a prefix of a longer word counts too: 县域 in 通城县域经济)
    if not (start and HAN_RE.match(text[start - 1]) and freq.get(text[start - 1:start + 1])) and not (
            end < len(text) and HAN_RE.match(text[end]) and text[end - 1:end + 1] in freq):
        return True             # (most: no word can cross it, no cut needed)
    k = window = max(0, start - 3)
    for word in cut(text[window:end + 3]):
        if k < start < k + len(word) or k < end < k + len(word):
            return False
        k += len(word)
    return True
