"""Reading numbers written in Chinese text: Arabic, Chinese and mixed numerals.

* ``parse_number`` / ``read_number`` take ONE number expression ("16.4亿",
  "十余万", "百分之三点五", "两三", "1至2") and give its exact value as a Decimal;
  ``read_number`` adds a range's upper end and the approximate qualifier.
* ``find_numbers`` finds every number expression in running text, with
  offsets, leaving units outside ("3000余万元" -> the span "3000余万").

The characters (digits, multipliers, markers, words that are not numbers) are
data in ``patterns/numerals.yaml``. No float is used anywhere.

find_numbers is linear in the length of the text: the text is folded one
character for one character (full-width -> ASCII, Traditional numeral
characters -> Simplified), one regex finds runs of numeral characters, each run
is cut into tokens, and a small state machine reads the longest valid number
from each token on. Checks on the context (words that are not numbers, 第,
Latin letters, colons, dates, ranges, signs) are then made around each number.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from decimal import Context, Decimal, DecimalException, localcontext

from . import rules

__all__ = ["NumberReading", "NumberSpan", "parse_number", "read_number", "find_numbers"]


@dataclass(frozen=True)
class NumberReading:
    value: Decimal
    value_max: Decimal | None = None   # upper end when the expression itself is a range
    qualifier: str = ""                # "more_than" (余/多/几), "approx" (来) or ""


@dataclass(frozen=True)
class NumberSpan:
    start: int          # offsets into the text given to find_numbers
    end: int
    reading: NumberReading


def parse_number(text: str) -> Decimal | None:
    """The value of the number expression ``text`` (a range's lower end), or None."""
    reading = read_number(text)
    return reading.value if reading else None


def read_number(text: str) -> NumberReading | None:
    """Read ``text`` as one number expression; None if it is not one."""
    g = _grammar()
    s = text.translate(g.parse_fold).strip()
    try:
        with localcontext(_CTX):
            m = _MIXED_SLASH.fullmatch(s)          # "1 4/3": the space matters here
            if m:
                whole, num, den = (Decimal(x) for x in m.groups())
                frac = num / den
                value = whole - frac if whole.is_signed() else whole + frac
                return NumberReading(plain(value))
            expr = _read_expression(_SPACES.sub("", s), g)
            return expr.reading() if expr else None
    except (DecimalException, ValueError):    # e.g. 9^999999999 overflows
        return None


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number expression in running text, in order, with its reading."""
    g = _grammar()
    # one-for-one, so offsets carry over; a scan for the few characters to
    # fold is much faster than str.translate's per-character lookups
    folded = g.text_foldable.sub(lambda m: g.text_fold[ord(m.group())], text)
    found: list[_Found] = []
    with localcontext(_CTX):
        for run in g.run_re.finditer(folded):
            found.extend(_with_units_place(_read_run_at(folded, run.start(), run.end(), g), folded))
        spans = []
        for f in _join_chains(found, folded, g):
            if _stands(f, folded, g):
                spans.append(_signed(f, folded, g).span())
    return spans


def numeral_chars() -> frozenset:
    """Every character a number in running text can end with: Arabic and
    Chinese digits, multipliers, markers (余, 多), and the forms the reader
    folds onto them (full-width digits, 萬)."""
    g = _grammar()
    chars = set(g.digits) | set(g.multipliers) | set(g.markers) | set("0123456789")
    return frozenset(chars | {chr(k) for k, v in g.text_fold.items() if v in chars})


# --------------------------------------------------------------------------
# The grammar, compiled once from patterns/numerals.yaml

_CTX = Context(prec=34)
_MAX_DIGITS = 30            # longer digit strings are identifiers, not numbers
_SMALL = Decimal(10000)     # multipliers below this scale one digit, from it up a whole group
_MAX_STACK = Decimal(10) ** 16   # stacked multipliers beyond this (万万万万万) are not a number

_MIXED_SLASH = re.compile(r"([-+]?[0-9]+) +([0-9]+)/([0-9]+)")
_SLASH = re.compile(r"([-+]?)([0-9]+(?:\.[0-9]+)?)/([0-9]+(?:\.[0-9]+)?)")
# (Decimal operands are written without ambiguous quantifiers so that a failed
# match on a long digit string does not backtrack quadratically.)
_DECIMAL = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
_SCIENTIFIC = re.compile(rf"[-+]?{_DECIMAL}[eE][-+]?[0-9]+")
_POWER = re.compile(rf"([-+]?)({_DECIMAL})\^([-+]*)([0-9]+)")
_ARABIC = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+")
_THOUSANDS_GROUP = re.compile(r"[0-9]{3}(?:\.[0-9]+)?")
_GROUP_SEPARATOR = re.compile(r"([, ])")
_SPACES = re.compile(r"\s+")
_LETTERS = re.compile(r"[A-Za-z]{1,8}")


@dataclass(frozen=True)
class _Grammar:
    text_fold: dict
    text_foldable: re.Pattern    # the characters text_fold maps
    parse_fold: dict
    digits: dict             # char -> int
    zeros: str               # the digits worth 0 (〇零)
    formal_digits: frozenset
    multipliers: dict        # char -> Decimal, running text
    parse_multipliers: dict  # char -> Decimal, single expressions (adds 兆, k, M)
    leading_multipliers: frozenset
    markers: dict            # char -> qualifier
    range_pairs: frozenset
    signs: dict              # char -> -1 | 1
    sign_may_follow: str
    range_connectors: tuple
    code_connectors: frozenset
    chain_links: frozenset   # range and code connectors: what may join two numbers
    percent_prefixes: tuple
    percent_suffixes: tuple
    tenths: str
    tenths_re: re.Pattern    # 九成, 七成六, 三成半, 七五折
    discount_words: dict
    half: str
    vague_prefixes: frozenset
    latin_units: frozenset
    indicator_acronyms: frozenset
    not_numbers: dict        # numeral char -> {(its offset in a word, word length): {words}}
    run_re: re.Pattern
    text_token_re: re.Pattern
    parse_token_re: re.Pattern


def _char_class(chars) -> str:
    return "".join(re.escape(c) for c in chars)


@rules.compiled
def _grammar() -> _Grammar:
    cfg = rules.load("numerals")
    text_fold = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}   # full-width ASCII
    del text_fold[ord("，")]                 # a clause separator in running text
    text_fold.update({ord(k): str(v) for k, v in cfg["fold"].items()})
    parse_fold = {**text_fold, ord("，"): ","}

    digits = {str(k): int(v) for k, v in cfg["digits"].items()}
    mults = {str(k): Decimal(v) for k, v in cfg["multipliers"].items()}
    parse_mults = {**mults, **{str(k): Decimal(v) for k, v in cfg["parse_only_multipliers"].items()}}
    markers = {str(k): str(v) for k, v in cfg["approximate_markers"].items()}

    not_numbers: dict[str, dict] = {}
    for word in cfg["not_numbers"]:
        for i, ch in enumerate(word):
            if ch in digits or ch in mults:
                not_numbers.setdefault(ch, {}).setdefault((i, len(word)), set()).add(word)

    d, m, q = _char_class(digits), _char_class(mults), _char_class(markers)
    half = str(cfg["half"])
    # A run: numeral characters, with decimal points / commas between Arabic
    # digits, 点 before a Chinese digit, 分之 inside fractions, and a few spaces
    # before a multiplier or marker (7 万, 30 余) or between Chinese numerals.
    # Every step eats at least one character and the alternatives start
    # differently, so matching is linear.
    run_re = re.compile(
        rf"[0-9{d}{m}](?:[0-9{d}{m}{q}]|[.,](?=[0-9])|点(?=[{d}])|分之(?=[0-9{d}{m}])"
        rf"| {{1,3}}(?=[{m}{q}])|(?<=[{d}{m}]) {{1,3}}(?=[{d}{m}])|(?<=[0-9]) (?=[0-9]{{3}}(?![0-9])))*")
    text_token_re = re.compile(
        rf"(?P<arabic>[0-9]+(?:(?:[.,]| (?=[0-9]{{3}}(?![0-9])))[0-9]+)*)"     # 1,250.5, 15 380
        rf"|(?P<digits>[{d}]+)|(?P<mult>[{m}])|(?P<mark>[{q}])"
        rf"|(?P<point>点)|(?P<frac>分之)|(?P<space> +)|(?P<other>.)")
    pm = _char_class(parse_mults)
    parse_token_re = re.compile(
        rf"(?P<arabic>[0-9.,]+)|(?P<digits>[{d}]+)|(?P<mult>[{pm}])|(?P<mark>[{q}])"
        rf"|(?P<point>点)|(?P<half>{re.escape(half)})|(?P<other>.)")

    return _Grammar(
        text_fold=text_fold,
        text_foldable=re.compile("[" + _char_class(map(chr, sorted(text_fold))) + "]"),
        parse_fold=parse_fold,
        digits=digits,
        zeros="".join(c for c, v in digits.items() if v == 0),
        formal_digits=frozenset(cfg["formal_digits"]),
        multipliers=mults,
        parse_multipliers=parse_mults,
        leading_multipliers=frozenset(cfg["bare_leading_multiplier"]),
        markers=markers,
        range_pairs=frozenset(cfg["range_pairs"]),
        signs={str(k): int(v) for k, v in cfg["signs"].items()},
        sign_may_follow=str(cfg["sign_may_follow"]),
        range_connectors=tuple(sorted(cfg["range_connectors"], key=len, reverse=True)),
        code_connectors=frozenset(cfg["code_connectors"]),
        chain_links=frozenset(cfg["code_connectors"]) | frozenset(cfg["range_connectors"]),
        percent_prefixes=tuple(cfg["percent_prefixes"]),
        percent_suffixes=tuple(sorted(cfg["percent_suffixes"], key=len, reverse=True)),
        tenths=str(cfg["tenths"]),
        tenths_re=re.compile(rf"(?P<number>.+?)(?:(?P<suffix>{re.escape(str(cfg['tenths']))})"
                             rf"(?P<extra>[{d}{re.escape(half)}])?|(?P<discount>{re.escape(str(cfg['discount']))}))"),
        discount_words={str(k): Decimal(v) for k, v in cfg["discount_words"].items()},
        half=half,
        vague_prefixes=frozenset(cfg["vague_prefixes"]),
        latin_units=frozenset(cfg["latin_units"]),
        indicator_acronyms=frozenset(cfg["indicator_acronyms"]),
        not_numbers={ch: {key: frozenset(words) for key, words in by_place.items()}
                     for ch, by_place in not_numbers.items()},
        run_re=run_re,
        text_token_re=text_token_re,
        parse_token_re=parse_token_re,
    )


# --------------------------------------------------------------------------
# Expressions: a token sequence read into operations, then evaluated

# The internal records below are built for every number read: slotted and
# not frozen, they cost a third of what frozen dataclasses cost to make.
@dataclass(slots=True)
class _Tok:
    kind: str   # arabic | bad | digits | mult | mark | point | frac | half | space | other
    text: str
    start: int
    end: int


@dataclass(slots=True)
class _Expr:
    lo: Decimal
    hi: Decimal
    qualifier: str = ""
    plain: bool = True               # no multiplier: 3 in 3-5万 takes the 万 of 5万
    base: Decimal | None = None      # for "number + multipliers" (5万): the number ...
    scale: Decimal | None = None     # ... and the product of the multipliers
    clean: bool = False              # lo is already in its plain form (93.4, 120: most numbers as written)

    def reading(self) -> NumberReading:
        lo = self.lo if self.clean else plain(self.lo)
        if self.hi is self.lo:               # most numbers: not a range
            return NumberReading(lo, None, self.qualifier)
        hi = plain(self.hi)
        return NumberReading(lo, hi if hi != lo else None, self.qualifier)

    def scaled(self, factor: Decimal) -> _Expr:
        return _Expr(self.lo * factor, self.hi * factor, self.qualifier, False)


def _exact(value: Decimal, qualifier: str = "") -> _Expr:
    return _Expr(value, value, qualifier, plain=False)


def plain(d: Decimal) -> Decimal:
    """The plain form of ``d``, every digit kept: 1640000000 rather than
    1.64E+9, 17000 rather than 1.70E+4, 0.5 rather than 0.50."""
    sign, digits, exponent = d.as_tuple()
    if exponent == 0 or (type(exponent) is int and exponent < 0 and digits[-1]):
        return d                      # already so (93.4, 120: most values)
    if d == 0:
        return Decimal(0)
    ctx = context(len(digits) + max(exponent, 0) + 1)
    d = d.normalize(ctx)
    return d.quantize(_ONE, context=ctx) if d.as_tuple().exponent > 0 else d


_ONE = Decimal(1)


@lru_cache(maxsize=1000)        # (precisions are few; 1E+999 asks for a rare one)
def context(prec: int) -> Context:
    """A decimal context of precision ``prec`` (made once: making one costs
    more than the operation it is for). Only for results, never for flags."""
    return Context(prec=prec)


def _read_simple(toks: list[_Tok], i: int, g: _Grammar, text_mode: bool) -> tuple[int, _Expr | None]:
    """The longest number without fraction or percent starting at ``toks[i]``.

    Returns (j, expr) where toks[i:j] were read, or (i, None). In running text
    (``text_mode``) a multiplier other than 十 may not start a number unless a
    marker follows (百余), and a string of bare digits (二〇二三, 九九) is never a
    number; in a single expression both are allowed (百三 = 130, 九九折).
    """
    mults = g.multipliers if text_mode else g.parse_multipliers
    ops: list[tuple] = []   # ("num", lo, hi, elidable) | ("mult", m) | ("point", digits)
    prev = None             # arabic | digit | string | half | mult | zero | point | mark
    last_small = None       # smallest 十/百/千 so far in the current group: they must decrease
    big_top = None          # magnitude of the last 万/亿 group: later groups must be smaller
    last_was_big = False
    need_mult = False       # an Arabic number after a multiplier needs one too (5万4千)
    seen_range = seen_point = False
    qualifier = ""
    best = (i, 0, "")
    n, j = len(toks), i
    while j < n:
        tok = toks[j]
        kind = tok.kind
        if kind == "space":
            j += 1
            continue
        if kind == "arabic":
            if not (prev is None or (prev == "mult" and not qualifier and not seen_point)):
                break
            need_mult = prev == "mult"
            value = Decimal(tok.text.replace(",", "").replace(" ", ""))
            ops.append(("num", value, value, False))
            prev = "arabic"
        elif kind == "digits":
            s = tok.text
            if prev == "mult" and s[0] in g.zeros:   # 一千零五: 零 marks a gap
                s = s.lstrip(g.zeros)
                prev = "zero"
                if not s:
                    j += 1
                    continue
            if prev not in (None, "mult", "zero") or qualifier or seen_point:
                break
            values = [g.digits[c] for c in s]
            if len(s) == 1:
                lo = hi = Decimal(values[0])
            elif s in g.range_pairs and not seen_range:
                lo, hi = Decimal(values[0]), Decimal(values[1])
                seen_range = True
            elif prev is None and not text_mode and len(s) <= _MAX_DIGITS:
                lo = hi = Decimal("".join(map(str, values)))      # 二〇二三, 九九
                ops.append(("num", lo, hi, False))
                prev = "string"
                j += 1
                best = (j, len(ops), qualifier)
                break
            else:
                break
            ops.append(("num", lo, hi, prev == "mult"))
            prev = "digit"
        elif kind == "half":
            if prev is not None:
                break
            ops.append(("num", Decimal("0.5"), Decimal("0.5"), False))
            prev = "half"
        elif kind == "mult":
            m = mults.get(tok.text)
            if m is None:
                break
            nxt = _next_kind(toks, j + 1)
            if m < _SMALL:
                if prev is None:
                    if text_mode and tok.text not in g.leading_multipliers and nxt != "mark":
                        break
                elif prev not in ("arabic", "digit", "half") or (last_small is not None and m >= last_small):
                    break
                last_small = m
                last_was_big = False
            else:
                if prev is None:
                    if nxt != "mark":
                        break                        # 万 alone is not a number
                    big_top = m
                elif prev in ("arabic", "digit", "half", "mult", "mark", "point"):
                    if prev == "mult" and last_was_big:
                        if big_top * m > _MAX_STACK:
                            break
                        big_top = big_top * m        # 10万万, 4.78万亿
                    elif big_top is not None and m >= big_top:
                        break
                    else:
                        big_top = m
                else:
                    break
                last_small = None
                last_was_big = True
            need_mult = False
            ops.append(("mult", m))
            prev = "mult"
        elif kind == "mark":
            if qualifier or prev not in ("arabic", "mult", "zero"):
                break
            qualifier = g.markers[tok.text]
            prev = "mark"
        elif kind == "point":
            if seen_point or qualifier or prev not in ("digit", "mult") or _next_kind(toks, j + 1, skip_space=False) != "digits":
                break
            j += 1
            ops.append(("point", "".join(str(g.digits[c]) for c in toks[j].text)))
            seen_point = True
            prev = "point"
        else:
            break
        j += 1
        if not need_mult and prev != "zero":
            best = (j, len(ops), qualifier)

    end, n_ops, qualifier = best
    if n_ops == 0:
        return i, None
    ops = ops[:n_ops]
    lo = _evaluate(ops, high=False)
    hi = _evaluate(ops, high=True) if seen_range else lo
    plain = all(op[0] != "mult" for op in ops)
    base = scale = None
    if len(ops) > 1 and ops[0][0] == "num" and all(op[0] == "mult" for op in ops[1:]):
        base, scale = ops[0][1], _product(op[1] for op in ops[1:])
    return end, _Expr(lo, hi, qualifier, plain, base, scale)


def _next_kind(toks: list[_Tok], j: int, skip_space: bool = True) -> str | None:
    while j < len(toks):
        if toks[j].kind != "space" or not skip_space:
            return toks[j].kind
        j += 1
    return None


def _product(values) -> Decimal:
    result = Decimal(1)
    for v in values:
        result *= v
    return result


def _evaluate(ops: list[tuple], high: bool) -> Decimal:
    """The value of the operations read by _read_simple (low or high end of a range).

    Groups closed by 万/亿 are kept as (amount, magnitude); a 万/亿 right after
    another multiplies the previous group (10万万). A digit right after a
    multiplier with nothing following is elided: 两千四百五 = 2450, 一万三 = 13000.
    """
    groups: list[tuple[Decimal, Decimal]] = []
    section = Decimal(0)
    num: Decimal | None = None
    elidable = False
    last_mult: Decimal | None = None

    def tail() -> Decimal:
        if num is None:
            return Decimal(0)
        return num * last_mult / 10 if elidable and last_mult is not None else num

    for op in ops:
        if op[0] == "num":
            num, elidable = (op[2] if high else op[1]), op[3]
        elif op[0] == "mult":
            m = op[1]
            if m < _SMALL:
                section += (num if num is not None else 1) * m
            elif num is None and section == 0:      # right after another 万/亿, or 万余
                amount, mag = groups.pop() if groups else (Decimal(1), Decimal(1))
                groups.append((amount * m, mag * m))
            else:
                groups.append(((section + num if num is not None else section) * m, m))
                section = Decimal(0)
            num, elidable, last_mult = None, False, m
        elif op[0] == "point":
            num, elidable = section + tail() + Decimal("0." + op[1]), False
            section = Decimal(0)
    return sum((a for a, _ in groups), Decimal(0)) + section + tail()


# --------------------------------------------------------------------------
# One expression (parse_number / read_number)

def _read_expression(s: str, g: _Grammar) -> _Expr | None:
    """Percent and tenth forms, ranges, then a single number."""
    if not s:
        return None
    if s in g.discount_words:
        return _exact(g.discount_words[s])
    tenth = _read_tenths(s, g)
    if tenth is not None:
        return tenth
    for suffix in g.percent_suffixes:                # 50% -> 50
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[:-len(suffix)]
            break
    if len(s) > 3 and g.multipliers.get(s[0]) in (100, 1000) and s.startswith("分之", 1):
        s = s[3:]                                    # 百分之五十 -> 50, also 佰分之
    for connector in g.range_connectors:
        at = s.find(connector, 1)
        while at > 0 and s[at - 1] in "eE^+-":      # a sign, as in 2e-1, 2^-1
            at = s.find(connector, at + 1)
        if at > 0:
            low = _read_single(s[:at], g)
            high = _read_single(s[at + len(connector):], g)
            if low is not None and high is not None:
                return _join_range(low, high)
    return _read_single(s, g)


def _read_tenths(s: str, g: _Grammar) -> _Expr | None:
    """九成 = 90, 七成六 = 76, 三成半 = 35, 九折 = 90, 75折 = 75 (numbers of percent)."""
    m = g.tenths_re.fullmatch(s)
    if m is None:
        return None
    inner = _read_single(m["number"], g)
    if inner is None:
        return None
    if m["suffix"] == g.tenths or inner.lo < 10:
        inner = inner.scaled(Decimal(10))
    extra = m["extra"]
    if not extra:
        return inner
    add = Decimal(5) if extra == g.half else Decimal(g.digits[extra])
    return _Expr(inner.lo + add, inner.hi + add, inner.qualifier, False)


def _read_single(s: str, g: _Grammar) -> _Expr | None:
    """Mixed numbers and fractions, slash fractions, e/^ notation, or a plain number."""
    if "又" in s:                                   # 三百五又三分之一 = 350 + 1/3
        whole, rest = s.split("又", 1)
        sign, whole = _strip_sign(whole, g)
        a, b = _read_signed(whole, g), _read_fraction(rest, g)
        if a is None or b is None or a.hi != a.lo:
            return None
        return _exact(sign * (a.lo + b))
    if "分之" in s:
        value = _read_fraction(s, g)
        return _exact(value) if value is not None else None
    m = _SLASH.fullmatch(s)
    if m:
        den = Decimal(m[3])
        return _exact(Decimal(m[1] + m[2]) / den) if den else None
    if _SCIENTIFIC.fullmatch(s):
        return _exact(Decimal(s))
    m = _POWER.fullmatch(s)
    if m:
        exponent = int(m[4]) * (-1 if m[3].count("-") % 2 else 1)
        return _exact(Decimal(m[1] + "1") * Decimal(m[2]) ** exponent)
    return _read_signed(s, g)


def _read_fraction(s: str, g: _Grammar) -> Decimal | None:
    """X分之Y = Y/X; each side may carry its own sign (负３分之负一百五十七)."""
    den_text, _, num_text = s.partition("分之")
    den, num = _read_signed(den_text, g), _read_signed(num_text, g)
    if den is None or num is None or den.lo == 0:
        return None
    return num.lo / den.lo


def _strip_sign(s: str, g: _Grammar) -> tuple[int, str]:
    if s[:1] in g.signs and len(s) > 1:
        return g.signs[s[0]], s[1:]
    return 1, s


def _read_signed(s: str, g: _Grammar) -> _Expr | None:
    """An optionally signed number: Arabic, Chinese or mixed."""
    sign, s = _strip_sign(s, g)
    toks = []
    for m in g.parse_token_re.finditer(s):
        text = m.group()
        if m.lastgroup == "arabic" and not (_ARABIC.fullmatch(text) and len(text) <= _MAX_DIGITS):
            return None
        toks.append(_Tok(m.lastgroup, text, m.start(), m.end()))
    end, expr = _read_simple(toks, 0, g, text_mode=False)
    if expr is None or end != len(toks):
        return None
    if sign < 0:
        expr = _Expr(-expr.lo, -expr.hi, expr.qualifier, expr.plain)
    return expr


def _join_range(low: _Expr, high: _Expr) -> _Expr | None:
    """The range low..high, or None unless low < high.

    A bare low end takes the high end's multipliers when it is below the high
    end's number: 3-5万 is 30000..50000, but 500-1万 stays 500..10000.
    """
    if low.hi != low.lo or high.hi != high.lo:
        return None
    lo = low.lo
    if low.plain and high.scale is not None and lo < high.base:
        lo *= high.scale
    if not lo < high.lo:
        return None
    return _Expr(lo, high.lo, high.qualifier or low.qualifier, plain=False)


# --------------------------------------------------------------------------
# Running text (find_numbers)

@dataclass(slots=True)
class _Found:
    start: int      # the first numeral character (a sign is added last)
    end: int
    expr: _Expr

    def span(self) -> NumberSpan:
        return NumberSpan(self.start, self.end, self.expr.reading())


def _text_tokens(text: str, start: int, end: int, g: _Grammar) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in g.text_token_re.finditer(text, start, end):
        kind = m.lastgroup
        if kind == "arabic":
            toks.extend(_arabic_pieces(m.group(), m.start()))
        elif kind == "digits" and len(toks) > 1 and toks[-1].kind == "space" and toks[-2].kind == "digits":
            # Digits apart only by spaces (PDF text: 二 〇 二 三 年) are one group.
            del toks[-1]
            first = toks.pop()
            toks.append(_Tok(kind, first.text + m.group(), first.start, m.end()))
        else:
            toks.append(_Tok(kind, m.group(), m.start(), m.end()))
    return toks


def _arabic_pieces(s: str, offset: int) -> list[_Tok]:
    """Cut an Arabic run at commas (or spaces) that are not thousands separators.

    A comma, or a space as in yearbooks and PDF text (15 380平方公里),
    separates thousands only after a first group of 1-3 digits and before
    exactly three digits (1,117,285), the same separator throughout; any
    other ends the number (项目40,协议12个). A piece with two decimal points
    (17.3624.1858.46, several numbers pasted together, or a date 06.08.2016)
    is "bad": no number at all.
    """
    parts = _GROUP_SEPARATOR.split(s)
    groups, separators = parts[0::2], parts[1::2]
    pieces = []
    cur_start, cur, used = 0, groups[0], ""
    first_group = True
    pos = len(groups[0]) + 1
    for sep, group in zip(separators, groups[1:]):
        if (first_group and len(cur) > 3 or "." in cur or not _THOUSANDS_GROUP.fullmatch(group)
                or used and sep != used):
            pieces.append((cur_start, cur))
            cur_start, cur, first_group, used = pos, group, True, ""
        else:
            cur += sep + group
            first_group, used = False, sep
        pos += len(group) + 1
    pieces.append((cur_start, cur))
    return [_Tok("bad" if p.count(".") > 1 or len(p) > _MAX_DIGITS else "arabic",
                 p, offset + a, offset + a + len(p)) for a, p in pieces]


_PLAIN_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _read_run_at(text: str, start: int, end: int, g: _Grammar) -> list[_Found]:
    """The numbers of the run text[start:end]. Most runs are a plain Arabic
    number (93.4), one Chinese digit (一批), a lone multiplier (百, 万) or an
    Arabic number and one multiplier (93.4亿): those are read directly, the
    rest through tokens (tests check both ways agree)."""
    if end - start == 1:
        c = text[start]
        if c in g.digits:
            if c in g.formal_digits:
                return []                            # 伍 alone: 队伍
            value = Decimal(g.digits[c])
            return [_Found(start, end, _Expr(value, value))]
        m = g.multipliers.get(c)
        if m is not None:
            # 万 alone is not a number; 十 alone is (a leading multiplier)
            if m >= _SMALL or c not in g.leading_multipliers:
                return []
            return [_Found(start, end, _Expr(m, m, "", False))]
    if end - start <= _MAX_DIGITS and _PLAIN_ARABIC.fullmatch(text, start, end):
        written = text[start:end]
        value = Decimal(written)
        # an integer, or a decimal not ending in 0, is in its plain form as written
        return [_Found(start, end, _Expr(value, value, clean="." not in written or written[-1] != "0"))]
    if end - start <= _MAX_DIGITS + 1:
        m = g.multipliers.get(text[end - 1])
        if m is not None and _PLAIN_ARABIC.fullmatch(text, start, end - 1):
            base = Decimal(text[start:end - 1])     # 93.4亿: the number and its multiplier
            value = base * m
            return [_Found(start, end, _Expr(value, value, "", False, base, m))]
    return _read_run(_text_tokens(text, start, end, g), text, g)


def _read_run(toks: list[_Tok], text: str, g: _Grammar) -> list[_Found]:
    found = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        if tok.kind == "space":
            i += 1
            continue
        if (tok.kind == "mult" and i + 1 < n and toks[i + 1].kind == "frac"
                and any(text.startswith(p, tok.start) for p in g.percent_prefixes)):
            j, expr = _read_simple(toks, i + 2, g, text_mode=True)
            if expr is not None:                     # 百分之五十: the span keeps 百分之
                found.append(_Found(tok.start, toks[j - 1].end, expr))
                i = j
            else:
                i += 2
            continue
        j, expr = _read_simple(toks, i, g, text_mode=True)
        if expr is None:
            i += 1
            continue
        if tok.end - tok.start == 1 and j == i + 1 and tok.text in g.formal_digits:
            i += 1                                   # 伍 alone: 队伍
            continue
        if j < n and toks[j].kind == "frac":         # 三分之一
            k, num = _read_simple(toks, j + 1, g, text_mode=True)
            if num is not None and expr.lo != 0 and expr.hi == expr.lo and num.hi == num.lo:
                found.append(_Found(tok.start, toks[k - 1].end, _exact(num.lo / expr.lo)))
                i = k
                continue
        found.append(_Found(tok.start, toks[j - 1].end, expr))
        i = j
    return found


def _with_units_place(found: list[_Found], text: str) -> list[_Found]:
    """1亿3000万6500: at most four Arabic digits right after 万 are the lower
    places of the same number, not another one."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == f.start and prev.expr.lo == prev.expr.hi
                and f.expr.lo == f.expr.hi and text[prev.end - 1] in _GROUP_DIGITS
                and _ALL_ARABIC.fullmatch(text, f.start, f.end)
                and f.end - f.start <= _GROUP_DIGITS[text[prev.end - 1]]
                and prev.expr.lo % (10 ** _GROUP_DIGITS[text[prev.end - 1]]) == 0):     # (not 1.5万3000)
            out[-1] = _Found(prev.start, f.end, _exact(prev.expr.lo + f.expr.lo, prev.expr.qualifier))
        else:
            out.append(f)
    return out


_GROUP_DIGITS = {"万": 4}      # the places below 万 (亿 is followed by its 万 group)
_ALL_ARABIC = re.compile(r"[0-9]+")


def _join_chains(found: list[_Found], text: str, g: _Grammar) -> list[_Found]:
    """Merge ranges (5-20, 3至5万) and drop dates and codes (2022-06-15, 2021/10/19).

    Numbers joined by "/" are dropped (dates, fractions); three or more joined
    by "-" too; two joined by "-" form a range if the second is larger, else
    they are dropped (2024-02). Other connectors (至, ~, —) make a range when
    the second is larger and leave both numbers alone otherwise.
    """
    n = len(found)
    links = g.chain_links
    if not any(text[found[j].end:found[j + 1].start] in links for j in range(n - 1)):
        return found                                  # most sentences: no two numbers joined
    out: list[_Found] = []
    i = 0
    while i < n:
        j = i
        links = []
        while j + 1 < n:
            link = text[found[j].end:found[j + 1].start]
            if link not in g.code_connectors and link not in g.range_connectors:
                break
            links.append(link)
            j += 1
        chain = found[i:j + 1]
        i = j + 1
        slash = any(link not in g.range_connectors for link in links)
        coded = any(link in g.code_connectors for link in links)
        if slash or (coded and len(chain) > 2):
            continue                                  # a date or a code: no number in it
        k = 0
        while k < len(chain):
            a = chain[k]
            if k + 1 < len(chain):
                b = chain[k + 1]
                joined = None
                if not (_leading_zero(text, a) or _leading_zero(text, b)):
                    joined = _join_range(a.expr, b.expr)
                if joined is not None:
                    out.append(_Found(a.start, b.end, joined))
                    k += 2
                    continue
                if links[k] in g.code_connectors:
                    k += 2
                    continue
            out.append(a)
            k += 1
    return out


def _leading_zero(text: str, f: _Found) -> bool:
    return text[f.start] == "0" and f.end - f.start > 1 and "0" <= text[f.start + 1] <= "9"


def _is_ascii_letter(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


def _is_ascii_digit(c: str) -> bool:
    return "0" <= c <= "9"


def _stands(f: _Found, text: str, g: _Grammar) -> bool:
    """Whether the number at ``f`` is a number in its context."""
    s, e = f.start, f.end
    before = text[s - 1] if s else ""
    if before == "第":
        return False                                  # ordinals: 第三, 第十届
    if before in g.vague_prefixes and text[s] in g.multipliers:
        return False                                  # 几十万, 数十
    first = text[s]
    not_numbers = g.not_numbers.get(first)
    if not_numbers:
        for (offset, length), words in not_numbers.items():
            at = s - offset
            if at >= 0 and e <= at + length and text[at:at + length] in words:
                return False
    # Arabic digits glued to Latin letters are codes (5A, G353), except units
    # (3km) and figures right after an indicator acronym (GDP265亿元, CPI102.1).
    if "0" <= first <= "9" and _is_ascii_letter(before):
        acronym = re.search(r"[A-Za-z]+$", text[max(0, s - 8):s]).group()
        if acronym not in g.indicator_acronyms:
            return False
    if "0" <= text[e - 1] <= "9" and e < len(text) and _is_ascii_letter(text[e]):
        letters = _LETTERS.match(text, e).group()
        if letters not in g.latin_units:
            return False
    # Ratios and times: 12.6:38.9:48.5, 16:27:03.
    if before == ":" and s >= 2 and _is_ascii_digit(text[s - 2]):
        return False
    if text[e:e + 1] == ":" and _is_ascii_digit(text[e + 1:e + 2]):
        return False
    return True


def _signed(f: _Found, text: str, g: _Grammar) -> _Found:
    """Add a sign written before the number: 负三, 增长-0.5 (but not 5万元-10万元)."""
    s = f.start
    c = text[s - 1] if s else ""
    if c not in g.signs or f.expr.hi != f.expr.lo:
        return f
    if c in "-+":
        before = text[s - 2] if s >= 2 else ""
        if before and not before.isspace() and before not in g.sign_may_follow:
            return f
    sign = g.signs[c]
    return _Found(s - 1, f.end, _Expr(sign * f.expr.lo, sign * f.expr.hi, f.expr.qualifier))
