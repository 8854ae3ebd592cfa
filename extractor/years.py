"""The calendar year a figure covers (the ``year`` column), from its period,
the document's publication date and a bulletin's title. Rules:
``patterns/years.yaml``, which explains them. Unknown stays ''."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from . import rules

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


@dataclass(frozen=True)
class Reference:
    """The year that periods without one count from."""
    year: int | None = None
    month: int | None = None     # the publication month, when ``year`` is the publication's
    bulletin: bool = False       # ``year`` is a bulletin's: figures with no period take it


@dataclass(frozen=True)
class _Rules:
    multi_year: re.Pattern
    offsets: tuple[tuple[str, int], ...]
    within_year: tuple[tuple[str, int], ...]
    month: re.Pattern
    bulletin_title: re.Pattern
    title_year: re.Pattern


@rules.compiled
def _rules() -> _Rules:
    cfg = rules.load("years")
    longest_first = lambda d: tuple(sorted(d.items(), key=lambda kv: -len(kv[0])))  # noqa: E731
    return _Rules(
        multi_year=re.compile(cfg["multi_year"]),
        offsets=longest_first(cfg["offsets"]),
        within_year=longest_first(cfg["within_year"]),
        month=re.compile(cfg["month"]),
        bulletin_title=re.compile(cfg["bulletin_title"]),
        title_year=re.compile(cfg["title_year"]),
    )


def reference(published: str, titles: Iterable[str] = ()) -> Reference:
    """The bulletin's year if one of ``titles`` is a bulletin's title with one
    year, else the year ``published`` (ISO date) gives, else none."""
    r = _rules()
    for title in titles:
        if title and r.bulletin_title.search(title):
            found = {_digits(m.group(1)) for m in r.title_year.finditer(title)}
            if len(found) == 1:
                return Reference(found.pop(), bulletin=True)
    if len(published) >= 7 and published[:4].isdecimal() and published[5:7].isdecimal():
        return Reference(int(published[:4]), int(published[5:7]))
    return Reference()


@rules.cached(maxsize=1024)     # a document repeats a few periods many times
def year_of(period: str, status: str, ref: Reference) -> str:
    """The year a figure with this period and status covers, as text, or ''."""
    r = _rules()
    if r.multi_year.search(period):
        return ""
    years = set(_YEAR.findall(period))
    if years:
        return years.pop() if len(years) == 1 else ""
    if ref.year is None:
        return ""
    if not period:
        return str(ref.year) if ref.bulletin else ""
    offset = next((n for word, n in r.offsets if word in period), None)
    if offset is not None:
        return str(ref.year + offset)
    ends = [month for word, month in r.within_year if word in period]
    ends += [int(m) for m in r.month.findall(period)]
    if not ends:
        return ""
    # a figure reported as done for months still to come: the year is not
    # known (the page may be about last year, or the figure a plan after all)
    if ref.month is not None and status == "actual" and max(ends) > ref.month:
        return ""
    return str(ref.year)


def _digits(year: str) -> int:
    return int(year.translate(_CHINESE_DIGITS))
