"""jieba's dictionary file read once per process: part-of-speech tags (as
jieba.posseg has them) for indicators, and the frequencies of two-character
words for the gazetteer. Reading the file directly costs less than importing
jieba.posseg, whose HMM tables this tool never uses."""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _read() -> tuple[dict[str, str], dict[str, int]]:
    """(word -> tag, two-character word -> frequency) from dict.txt ("word freq tag" lines)."""
    text = resources.files("jieba").joinpath("dict.txt").read_bytes().decode("utf-8")
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


def tags() -> dict[str, str]:
    """word -> jieba's part-of-speech tag."""
    return _read()[0]


def common_two_char_words(min_freq: int) -> set[str]:
    """Two-character words of at least ``min_freq``."""
    return {w for w, f in _read()[1].items() if f >= min_freq}
