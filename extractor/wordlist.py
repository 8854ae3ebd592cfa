"""jieba, loaded once per process: its tokenizer (for indicators), the
part-of-speech tags of its dictionary (as jieba.posseg has them) and the
frequencies of its two-character words (for the gazetteer).

Start-up matters (every run pays it, and it bounds what --jobs can gain), so:
tags come from reading dict.txt directly, cheaper than importing jieba.posseg,
whose HMM tables this tool never uses (a marshal cache of the result was tried:
0.17 s to load against 0.2 s to parse, not worth a file); jieba's dictionary
cache is read with one marshal.loads; jieba is imported without pkg_resources."""
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
    """Lines of "word freq tag", read a block at a time: the fields of the
    whole file at once would leave some 20 MB of freed but fragmented memory
    in every process (and each forked worker)."""
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
        tags.update(zip(tokens, [kinds.setdefault(k, k) for k in tag_of]))
        two.update((w, int(f)) for w, f in zip(tokens, freqs) if len(w) == 2)
    return tags, two


_BLOCK = 200_000      # characters of dict.txt read at a time


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


def load() -> None:
    """Load everything now rather than at the first word cut."""
    tokenizer()
    tags()


def tags() -> dict[str, str]:
    """word -> jieba's part-of-speech tag."""
    return _read()[0]


def common_two_char_words(min_freq: int) -> set[str]:
    """Two-character words of at least ``min_freq``."""
    return {w for w, f in _read()[1].items() if f >= min_freq}
