#!/usr/bin/env python3
"""Regenerate ``patterns/place_pinyin.tsv``: the pinyin of every place in
``patterns/places.tsv``, for reading counties from web addresses
(``extractor/address.py``).

How to run (pypinyin is needed only here, not when extracting)::

    pip install -e '.[dev]'          # pypinyin 0.55.0, the version the table was written with
    python scripts/build_place_pinyin.py

It reads ``patterns/places.tsv`` and the corrections in ``patterns/address.yaml``
(``place_chars``: 长治 is chang, not zhang; ``readings``: 单县 is shan, not dan)
and writes one row per place, in the same order:

    adcode      as in places.tsv
    name        as in places.tsv
    pinyin      one toneless syllable per character of the name, separated
                by spaces (ü written v, as pypinyin does: 绿春县 → lv chun xian)

A test (tests/test_address.py) checks that the table has exactly the rows of
places.tsv and, where pypinyin is installed, that this script writes the same
table again.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "patterns" / "places.tsv"
RULES = ROOT / "patterns" / "address.yaml"
OUT = ROOT / "patterns" / "place_pinyin.tsv"
COLUMNS = ("adcode", "name", "pinyin")


def syllables(name: str, place_chars: dict[str, str], readings: dict[str, str]) -> list[str]:
    """One toneless syllable per character of ``name``."""
    from pypinyin import Style, lazy_pinyin

    if name in readings:
        out = readings[name].split()
    else:
        # the whole name at once, so pypinyin's phrase readings apply (六安 lu an)
        out = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chars: ["?"] * len(chars))
        out = [place_chars.get(ch, s) for ch, s in zip(name, out)] if len(out) == len(name) else out
    if len(out) != len(name) or "?" in out:
        raise ValueError(f"{name}: no single syllable per character ({' '.join(out)})")
    return out


def table() -> str:
    """The TSV text of place_pinyin.tsv."""
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8")) or {}
    place_chars, readings = rules.get("place_chars") or {}, rules.get("readings") or {}
    with open(PLACES, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow((r["adcode"], r["name"], " ".join(syllables(r["name"], place_chars, readings))))
    return out.getvalue()


def main() -> int:
    text = table()
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10)) - 1} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
