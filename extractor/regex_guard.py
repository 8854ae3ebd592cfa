"""Regular expressions that can take more than linear time, found before
they run.

Python's ``re`` backtracks: a pattern that can match the same text in many
ways tries them all when the match fails, and a user's pattern run over a
long text could then take hours ((\\d+)+年 over a run of digits takes twice
as long for each digit more). ``problem(pattern)`` reads the pattern's
syntax tree and names the first construct of these kinds (else returns ''):

- a repeated group that can match nothing ((a*)*);
- a repeated group whose end can also begin its next round ((\\d+)+): the
  rounds can be cut in many ways, exponentially many;
- a repeated group holding alternatives that can begin alike ((年|年度)+);
- two unbounded repeats of overlapping characters with only optional text
  between them (\\d+\\s*\\d+, .*.*): the square of the length, or worse;
  inside a repeated group, two such repeats even when bounded
  ((\\d{1,5}\\d{1,5},)+).

It errs on the side of refusing: a pattern it names may be harmless on real
text, but one it accepts does not backtrack in these ways. ``rules.py``
checks the user's patterns with it when their file is loaded; the tests
check the built-in ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:                                        # Python 3.11+
    from re import _constants as _c, _parser as _sre
except ImportError:                         # pragma: no cover (3.10)
    import sre_constants as _c              # type: ignore[no-redef]
    import sre_parse as _sre                # type: ignore[no-redef]

_BACKTRACKING = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", object())
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())
_LOOKAROUND = {_c.ASSERT, _c.ASSERT_NOT}


def problem(pattern: str) -> str:
    """What in ``pattern`` can take more than linear time, in a few words; '' if nothing."""
    try:
        tree = _sre.parse(pattern)
    except re.error as e:
        return f"not a valid regular expression ({e})"
    return _sequence(list(tree))


# ---------------------------------------------------------------- character sets
@dataclass(frozen=True)
class _Chars:
    """A set of characters, or (``negated``) all characters but these."""
    chars: frozenset
    negated: bool = False

    def __or__(self, other: _Chars) -> _Chars:
        if not self.negated and not other.negated:
            return _Chars(self.chars | other.chars)
        if self.negated and other.negated:
            return _Chars(self.chars & other.chars, True)
        neg, pos = (self, other) if self.negated else (other, self)
        return _Chars(neg.chars - pos.chars, True)

    def overlaps(self, other: _Chars) -> bool:
        if self.negated and other.negated:
            return True
        if self.negated or other.negated:
            neg, pos = (self, other) if self.negated else (other, self)
            return not pos.chars <= neg.chars
        return not self.chars.isdisjoint(other.chars)


_NONE = _Chars(frozenset())
_ALL = _Chars(frozenset(), True)
_MAX_LISTED = 8192          # a range wider than this is taken for all characters


@lru_cache(maxsize=None)
def _category(category) -> _Chars:
    """\\d, \\s and their negations as sets (as Python's re reads them in text); \\w as all."""
    if category in (_c.CATEGORY_DIGIT, _c.CATEGORY_NOT_DIGIT):
        chars = frozenset(chr(c) for c in range(0x20000) if chr(c).isdecimal())
    elif category in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_SPACE):
        chars = frozenset(chr(c) for c in range(0x3100) if chr(c).isspace())
    else:
        return _ALL
    return _Chars(chars, category in (_c.CATEGORY_NOT_DIGIT, _c.CATEGORY_NOT_SPACE))


def _class(items) -> _Chars:
    out, negated = _NONE, False
    for op, av in items:
        if op == _c.NEGATE:
            negated = True
        elif op == _c.LITERAL:
            out = out | _Chars(frozenset(chr(av)))
        elif op == _c.RANGE:
            lo, hi = av
            out = out | (_ALL if hi - lo > _MAX_LISTED else _Chars(frozenset(map(chr, range(lo, hi + 1)))))
        elif op == _c.CATEGORY:
            out = out | _category(av)
        else:
            out = _ALL
    if negated:
        return _ALL if out.negated else _Chars(out.chars, True)
    return out


# ---------------------------------------------------------------- what items can match
def _body(op, av) -> list:
    """The items inside a group, repeat or atomic group."""
    if op in _BACKTRACKING or op == _POSSESSIVE:
        return list(av[2])
    if op == _c.SUBPATTERN:
        return list(av[-1])
    if op == _ATOMIC:
        return list(av)
    return []


def _nullable(items: list) -> bool:
    """Can ``items`` match the empty string?"""
    for op, av in items:
        if op in _BACKTRACKING or op == _POSSESSIVE:
            if av[0] > 0 and not _nullable(list(av[2])):
                return False
        elif op in (_c.SUBPATTERN, _ATOMIC):
            if not _nullable(_body(op, av)):
                return False
        elif op == _c.BRANCH:
            if not any(_nullable(list(a)) for a in av[1]):
                return False
        elif op not in _LOOKAROUND and op != _c.AT:
            return False
    return True


def _chars(items: list) -> _Chars:
    """Every character ``items`` can match, anywhere in a match."""
    out = _NONE
    for op, av in items:
        if op == _c.LITERAL:
            out = out | _Chars(frozenset(chr(av)))
        elif op == _c.NOT_LITERAL:
            out = out | _Chars(frozenset(chr(av)), True)
        elif op == _c.IN:
            out = out | _class(av)
        elif op == _c.CATEGORY:
            out = out | _category(av)
        elif op == _c.BRANCH:
            for a in av[1]:
                out = out | _chars(list(a))
        elif op in _LOOKAROUND or op == _c.AT:
            continue
        elif _body(op, av):
            out = out | _chars(_body(op, av))
        else:
            out = _ALL                      # ANY, back references, anything else
    return out


def _first(items: list) -> _Chars:
    """The characters a match of ``items`` can begin with."""
    out = _NONE
    for op, av in items:
        if op in _LOOKAROUND or op == _c.AT:
            continue
        if op == _c.BRANCH:
            for a in av[1]:
                out = out | _first(list(a))
        elif _body(op, av):
            out = out | _first(_body(op, av))
        else:
            out = out | _chars([(op, av)])
        if not _nullable([(op, av)]):
            break
    return out


def _variable(op, av) -> bool:
    return op in _BACKTRACKING and av[0] != av[1]


def _stops_before(op, av, after) -> bool:
    """Is the repeat (op, av) followed by a lookahead that none of its
    characters can begin ( {1,3}(?=万)): it then always takes all it can, as
    a possessive repeat does, and never gives any back."""
    if after is None or after[0] != _c.ASSERT or after[1][0] != 1:
        return False
    return not _chars(list(av[2])).overlaps(_first(list(after[1][1])))


def _ending_repeats(items: list) -> list[_Chars]:
    """The characters of the backtracking variable repeats that can end ``items``."""
    found = []
    for k in range(len(items) - 1, -1, -1):
        op, av = items[k]
        after = items[k + 1] if k + 1 < len(items) else None
        if _variable(op, av) and not _stops_before(op, av, after):
            found.append(_chars(list(av[2])))
        if op == _c.BRANCH:
            for a in av[1]:
                found += _ending_repeats(list(a))
        elif op != _ATOMIC and op != _POSSESSIVE and _body(op, av):
            found += _ending_repeats(_body(op, av))
        if not _nullable([(op, av)]):
            break
    return found


def _alike_alternatives(items: list) -> bool:
    """Alternatives (anywhere in ``items``) that can begin with the same character or match nothing."""
    for op, av in items:
        if op == _c.BRANCH:
            alternatives = [list(a) for a in av[1]]
            if any(_nullable(a) for a in alternatives):
                return True
            starts = [_first(a) for a in alternatives]
            if any(a.overlaps(b) for i, a in enumerate(starts) for b in starts[i + 1:]):
                return True
            if any(_alike_alternatives(a) for a in alternatives):
                return True
        elif _body(op, av) and _alike_alternatives(_body(op, av)):
            return True
    return False


# ---------------------------------------------------------------- the walk
def _sequence(items: list, repeated: bool = False) -> str:
    """``repeated``: the items are inside a repeated group, where two
    repeats of the same characters side by side cut each round many ways."""
    for k, (op, av) in enumerate(items):
        found = _item(op, av, repeated)
        if found:
            return found
        after = items[k + 1] if k + 1 < len(items) else None
        if (op in _BACKTRACKING and (av[1] == _c.MAXREPEAT or repeated and av[0] != av[1])
                and not _stops_before(op, av, after)):
            chars = _chars(list(av[2]))
            for later_op, later_av in items[k + 1:]:
                # (what the later repeat can begin with, that the first could have taken)
                if ((later_op in _BACKTRACKING or later_op == _POSSESSIVE)
                        and (later_av[1] == _c.MAXREPEAT or repeated and later_av[0] != later_av[1])
                        and chars.overlaps(_first(list(later_av[2])))):
                    return "two repeats of the same characters with only optional text between them"
                if not _nullable([(later_op, later_av)]):
                    break
    return ""


def _item(op, av, repeated: bool) -> str:
    if op in _BACKTRACKING and av[1] > 1:
        body = list(av[2])
        if _nullable(body):
            return "a repeated group that can match nothing"
        start = _first(body)
        if any(chars.overlaps(start) for chars in _ending_repeats(body)):
            return "a repeated group whose end can also begin its next round"
        if _alike_alternatives(body):
            return "a repeated group holding alternatives that can begin alike"
        return _sequence(body, True)
    if op == _c.BRANCH:
        for alternative in av[1]:
            found = _sequence(list(alternative), repeated)
            if found:
                return found
        return ""
    if op in _LOOKAROUND:
        return _sequence(list(av[1]), repeated)
    if _body(op, av):
        return _sequence(_body(op, av), repeated)
    return ""
