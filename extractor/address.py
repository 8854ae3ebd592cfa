"""The county a web address names: ``county_of("http://www.liulin.gov.cn/...")``
is 柳林县.

A government site is named after its place in pinyin: the full pinyin or the
initials of the place's short name, with or without its prefecture's in front
(liulin → 柳林县, minhou → 闽侯县, zjjwly → 张家界 + 武陵源区, cqbn → 重庆 +
巴南区). The pinyin of every place is in ``patterns/place_pinyin.tsv``
(generated once by ``scripts/build_place_pinyin.py``, so pypinyin is not needed
here); which hosts are read, which labels and path segments are never names,
and where each form counts are in ``patterns/address.yaml``.

Only a form that fits one place counts: zhushan is both 竹山县 and 珠山区,
hebei both 河北省 and 河北区, so neither gives a county. Nothing here is a
guess: when the address does not single out one county, the answer is ''.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from . import rules

FULL, INITIALS = "full", "initials"     # how a key spells a name
_MIN_INITIALS = 3                        # shorter initials fit too many places and department names
_WORD = re.compile(r"^[a-z]+$")


@dataclass(frozen=True)
class _Place:
    name: str
    level: str          # province | prefecture | county
    province: str
    prefecture: str


@dataclass(frozen=True)
class _Index:
    keys: dict[str, tuple[tuple[_Place, str], ...]]   # key -> (place, FULL | INITIALS)
    government_hosts: tuple[str, ...]
    generic: frozenset[str]


def county_of(url: str) -> str:
    """The county (full official name) that ``url`` names, or ''."""
    if not url:
        return ""
    index = _index()
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").lower().rstrip(".")
    suffix = next((s for s in index.government_hosts if host == s or host.endswith("." + s)), None)
    if suffix is None:
        return ""
    labels = [x for x in host[:-len(suffix)].rstrip(".").split(".") if x and x not in index.generic]
    county, context = _from_host(index, labels)
    return county or _from_path(index, unquote(parts.path), context)


def _from_host(index: _Index, labels: list[str]) -> tuple[str, _Place | None]:
    """The county the host names, and the prefecture or province it names
    (the context for the labels to its left and for the path)."""
    if not labels:
        return "", None
    site = _unique(index.keys.get(labels[-1], ()))
    if site is None:
        return "", None
    if site.level == "county":
        return site.name, None
    found = {p for label in labels[:-1]
             for p, _ in index.keys.get(label, ()) if _under(p, site)}
    return (found.pop().name if len(found) == 1 else ""), site


def _from_path(index: _Index, path: str, context: _Place | None) -> str:
    found = set()
    for segment in path.lower().split("/"):
        segment = segment.rsplit(".", 1)[0]
        if not _WORD.match(segment) or segment in index.generic:
            continue
        entries = [(p, kind) for p, kind in index.keys.get(segment, ()) if kind == FULL]
        if context is not None:
            entries = [(p, kind) for p, kind in entries if _under(p, context)]
        place = _unique(entries)
        if place is not None and place.level == "county":
            found.add(place.name)
    return found.pop() if len(found) == 1 else ""


def _unique(entries) -> _Place | None:
    places = {p for p, _ in entries}
    return places.pop() if len(places) == 1 else None


def _under(place: _Place, parent: _Place) -> bool:
    return place.level == "county" and parent.name in (place.prefecture, place.province)


@rules.compiled
def _index() -> _Index:
    cfg = rules.load("address")
    parent_required = set(rules.load("places").get("parent_required") or ())
    with open(rules.path("places.tsv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with open(rules.path("place_pinyin.tsv"), encoding="utf-8", newline="") as f:
        pinyin = {r["adcode"]: r["pinyin"].split() for r in csv.DictReader(f, delimiter="\t")}
    short_syllables = {r["name"]: pinyin[r["adcode"]][:len(r["short"])] for r in rows}
    keys: dict[str, dict[_Place, str]] = {}

    def add(key: str, place: _Place, kind: str) -> None:
        if kind == INITIALS and len(key) < _MIN_INITIALS:
            return
        for variant in {key, key.replace("v", "u")}:      # 绿春: lvchun or luchun
            entries = keys.setdefault(variant, {})
            if entries.get(place) != FULL:                 # a full spelling is the stronger reading
                entries[place] = kind

    for r in rows:
        place = _Place(r["name"], r["level"], r["province"], r["prefecture"])
        name_syllables = pinyin[r["adcode"]]
        short, suffix = short_syllables[r["name"]], name_syllables[-1]
        alone = r["name"] not in parent_required       # 城区, 郊区: only with their prefecture
        if alone and len(short) >= 2:
            add("".join(short), place, FULL)             # liulin
            add(_initials(short), place, INITIALS)       # wly
            add(_initials(short) + suffix[0], place, INITIALS)   # ncx
        if alone:
            add("".join(short) + suffix, place, FULL)    # liulinxian, shexian
        parent = short_syllables.get(r["prefecture"]) if place.level == "county" else None
        if parent:
            add("".join(parent) + "".join(short), place, FULL)          # zhangjiajiewulingyuan
            add("".join(parent) + "".join(short) + suffix, place, FULL)  # yangquanchengqu
            add(_initials(parent) + _initials(short), place, INITIALS)  # zjjwly, cqbn
            add(_initials(parent) + "".join(short), place, INITIALS)    # zjjwulingyuan
    return _Index(
        keys={k: tuple(v.items()) for k, v in keys.items()},
        government_hosts=tuple(cfg["government_hosts"]),
        generic=frozenset(cfg["generic"]),
    )


def _initials(syllables: list[str]) -> str:
    return "".join(s[0] for s in syllables)
