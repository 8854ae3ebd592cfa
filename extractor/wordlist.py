"""jieba's dictionary file read once per process: part-of-speech tags (as
jieba.posseg has them) for indicators, and the frequencies of two-character
words for the gazetteer. Reading the file directly costs less than importing
jieba.posseg, whose HMM tables this tool never uses. (A marshal cache of the
result was tried: it loads in 0.17 s against 0.2 s to parse, not worth a file.)"""
from __future__ import annotations

import os
from functools import cache
from importlib import util


@cache
def _read() -> tuple[dict[str, str], dict[str, int]]:
    """(word -> tag, two-character word -> frequency) of jieba's dict.txt."""
    with open(_dict_path(), "rb") as f:
        return _parse(f.read().decode("utf-8"))


def _parse(text: str) -> tuple[dict[str, str], dict[str, int]]:
    """Lines of "word freq tag"."""
    fields = text.split()
    lines = text.count("\n") + (not text.endswith("\n"))
    if len(fields) == 3 * lines:
        tokens, freqs, tags = fields[0::3], fields[1::3], fields[2::3]
    else:      # some line lacks a field: read line by line
        tokens, freqs, tags = [], [], []
        for line in text.splitlines():
            parts = line.split()
            if parts:
                tokens.append(parts[0])
                freqs.append(parts[1] if len(parts) > 1 else "0")
                tags.append(parts[2] if len(parts) > 2 else "")
    two = {w: int(f) for w, f in zip(tokens, freqs) if len(w) == 2}
    return dict(zip(tokens, tags)), two


def _dict_path() -> str:
    """jieba's dict.txt, found without importing jieba."""
    spec = util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")


def tags() -> dict[str, str]:
    """word -> jieba's part-of-speech tag."""
    return _read()[0]


def common_two_char_words(min_freq: int) -> set[str]:
    """Two-character words of at least ``min_freq``."""
    return {w for w, f in _read()[1].items() if f >= min_freq}
