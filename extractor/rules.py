"""The rules kept as data in ``patterns/``, and users' additions to them.

Each ``patterns/<name>.yaml`` is read once per process. A user's own rules
file (``--patterns my.yaml``) has the same names as top-level keys and adds to
the built-in rules: lists are extended, mappings merged, single values
replaced. Stages compile what they need once, through ``@rules.compiled``,
which is recompiled when the user's files change.

In a source checkout the folder is ``<repo>/patterns``; in an installed wheel
it sits inside the package.
"""
from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Callable, Sequence

import yaml

_HERE = Path(__file__).resolve().parent
# libyaml's safe loader when PyYAML was built with it (five times faster), else PyYAML's own
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_compiled: list = []
_overlays: tuple[tuple[str, dict], ...] = ()


class PatternsError(Exception):
    """A user's rules file that cannot be used; ``str()`` is one line."""


def patterns_dir() -> Path:
    for candidate in (_HERE / "patterns", _HERE.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the patterns/ folder is missing from this installation")


def names() -> list[str]:
    """The names of the built-in rule files."""
    return sorted(p.stem for p in patterns_dir().glob("*.yaml") if not p.stem.endswith(".source"))


@cache
def _builtin(name: str) -> dict:
    with open(patterns_dir() / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.load(f, Loader=_LOADER) or {}


@cache
def load(name: str) -> dict:
    """The rules of ``patterns/<name>.yaml`` with the user's additions, with
    each list item ``"@word_class"`` replaced by that list of the shared
    vocabulary (``patterns/lexicon.yaml``)."""
    merged = _builtin(name)
    for _, overlay in _overlays:
        if name in overlay:
            merged = _merge(merged, overlay[name])
    # the lexicon's own lists may name each other (prepositions: ["@recipient_prepositions", …])
    return _expand(merged, name, merged if name == LEXICON else load(LEXICON))


LEXICON = "lexicon"


def _expand(value, where: str, lexicon: dict, seen: tuple[str, ...] = ()):
    """Lists with "@name" items get the lexicon's list ``name`` in their place."""
    if isinstance(value, dict):
        return {k: _expand(v, f"{where}.{k}", lexicon, seen) for k, v in value.items()}
    if isinstance(value, list) and any(isinstance(x, str) and x.startswith("@") for x in value):
        out = []
        for x in value:
            if isinstance(x, str) and x.startswith("@"):
                words = lexicon.get(x[1:])
                if not isinstance(words, list):
                    raise PatternsError(f"{where}: {x} names no word list of patterns/{LEXICON}.yaml")
                if x[1:] in seen:
                    raise PatternsError(f"{where}: {x} names a list that names it back")
                words = _expand(words, f"{LEXICON}.{x[1:]}", lexicon, seen + (x[1:],))
                out += [w for w in words if w not in out]
            elif x not in out:
                out.append(x)
        return out
    return value


def path(filename: str) -> Path:
    """The path of a data file in ``patterns/`` (for non-YAML data such as TSV)."""
    return patterns_dir() / filename


def sources(name: str) -> list[str]:
    """Where the rules of ``name`` come from: the built-in file, then user files."""
    return [f"patterns/{name}.yaml"] + [src for src, overlay in _overlays if name in overlay]


def compiled(fn: Callable) -> Callable:
    """``functools.cache`` for a function that compiles rules: cleared when the
    user's rules change."""
    memo = cache(fn)
    _compiled.append(memo)
    return memo


def cached(maxsize: int | None = 128) -> Callable:
    """``functools.lru_cache`` for a function whose answer depends on the
    rules (a clause's marks, a period's year): cleared when they change."""
    def wrap(fn: Callable) -> Callable:
        memo = lru_cache(maxsize=maxsize)(fn)
        _compiled.append(memo)
        return memo
    return wrap


def use_overlays(files: Sequence[str]) -> None:
    """Add the user's rules files to the built-in rules (validated first)."""
    global _overlays
    overlays = tuple((str(f), _read_overlay(str(f))) for f in files)
    if overlays == _overlays:
        return
    previous, _overlays = _overlays, overlays
    _forget()
    try:                        # a word list naming none, or naming itself back: refused now
        for name in {n for _, overlay in overlays for n in overlay}:
            load(name)
    except PatternsError as error:
        _overlays = previous
        _forget()
        raise PatternsError(f"{' + '.join(src for src, _ in overlays)}: {error}") from None


def _forget() -> None:
    load.cache_clear()
    for fn in _compiled:
        fn.cache_clear()


def _read_overlay(file: str) -> dict:
    try:
        with open(file, encoding="utf-8") as f:
            data = yaml.load(f, Loader=_LOADER) or {}
    except OSError as e:
        raise PatternsError(f"{file}: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" (line {where.line + 1})" if where else ""
        raise PatternsError(f"{file}: not valid YAML{line}") from None
    if not isinstance(data, dict):
        raise PatternsError(f"{file}: expected a mapping of rule names (units, exclusions, ...)")
    known = names()
    for name, value in data.items():
        if name not in known:
            raise PatternsError(f"{file}: unknown rules {name!r}; known: {', '.join(known)}")
        _check(file, name, _builtin(name), value)
        _check_regexes(file, name, value)
    return data


# The rules whose values are regular expressions (a pattern, or a list of
# them; "*" stands for any key of an open mapping). Each of the user's is
# checked when its file is loaded: one that would take more than linear time
# on some text is refused, as the tests check the built-in ones.
REGEXES = (
    "periods.patterns", "periods.year_followers", "periods.timestamp_clock", "periods.timestamp_label",
    "periods.dateline", "periods.target_word_nouns",
    "normalise.pinyin_gloss", "normalise.pinyin_toned", "normalise.typo_deletions", "normalise.broken_tag",
    "counties.table_level_row", "counties.aggregate_brackets", "units.span_units.units.*.date",
    "tables.unit_line", "tables.header_unit", "tables.title_line", "tables.title_words", "tables.note_line",
    "tables.label_numbering", "tables.change_header",
    "years.multi_year", "years.month", "years.bulletin_title", "years.title_year",
    "panel.year",
    "standard_indicators.indicators.*.patterns",
)


def regexes(name: str, data: dict):
    """(where, pattern) for each regular expression in the rules ``data`` of ``patterns/<name>.yaml``."""
    for key in REGEXES:
        first, _, rest = key.partition(".")
        if first == name:
            yield from _at(data, rest.split("."), name)


def _at(value, path: list[str], where: str):
    if not path:
        for pattern in value if isinstance(value, list) else [value]:
            if isinstance(pattern, str):
                yield where, pattern
        return
    if not isinstance(value, dict):
        return
    keys = value if path[0] == "*" else [path[0]] if path[0] in value else []
    for key in keys:
        yield from _at(value[key], path[1:], f"{where}.{key}")


def _check_regexes(file: str, name: str, value) -> None:
    from .regex_guard import problem

    for where, pattern in regexes(name, value):
        found = problem(pattern)
        if found.startswith("not a valid"):
            raise PatternsError(f"{file}: {where}: {pattern} is {found}")
        if found:
            raise PatternsError(f"{file}: {where}: {pattern} is refused: {found} can take time growing "
                                f"faster than the text")


def _check(file: str, where: str, builtin, value) -> None:
    """The user's value has the shape of the built-in one: mappings of known
    keys (or, in open mappings, values shaped like the built-in values), lists
    of words that are not empty (an empty word matches everywhere: as an
    exclusion it would drop every row), words, numbers."""
    if isinstance(builtin, dict):
        if not isinstance(value, dict):
            raise PatternsError(f"{file}: {where} should be a mapping")
        for key, sub in value.items():
            if key in builtin:
                _check(file, f"{where}.{key}", builtin[key], sub)
            elif _open_mapping(where):
                shape = _shape_of(builtin.values()) if builtin else _EMPTY_OPEN_MAPPINGS.get(where)
                if shape is not None:
                    _check(file, f"{where}.{key}", shape, sub)
            else:
                raise PatternsError(f"{file}: {where}.{key} is not a known key; "
                                    f"known: {', '.join(map(str, builtin))}")
    elif isinstance(builtin, list):
        if not isinstance(value, list):
            raise PatternsError(f"{file}: {where} should be a list")
        if all(isinstance(item, str) for item in builtin):
            for item in value:
                if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
                    raise PatternsError(f"{file}: {where} should hold words; {item!r} is not one")
    elif isinstance(builtin, str):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            raise PatternsError(f"{file}: {where} should be a word, not {value!r}")
    elif isinstance(builtin, (int, float)) and not isinstance(builtin, bool):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise PatternsError(f"{file}: {where} should be a number, not {value!r}")


def _shape_of(values):
    """A built-in value standing for all the values of an open mapping (their
    keys merged, when they are mappings)."""
    values = list(values)
    if all(isinstance(v, dict) for v in values):
        merged: dict = {}
        for v in values:
            merged.update(v)
        return merged
    return values[0]


# The shape of the values of open mappings that are empty as built in.
_EMPTY_OPEN_MAPPINGS = {"indicators.aliases": "a word"}


def _open_mapping(where: str) -> bool:
    """Mappings whose keys are data, not fixed names (new unit families, aliases)."""
    return where in ("units.families", "units.multipliers", "units.not_before", "indicators.aliases",
                     "counties.province_abbreviations", "normalise.variants", "qualifiers.not_after",
                     "standard_indicators.indicators")


def _merge(base, extra):
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra
