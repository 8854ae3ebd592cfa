#!/usr/bin/env python3
"""Regenerate ``patterns/towns.tsv`` (the towns of each county) from the
location dictionary shipped in the PyPI package ``jionlp``.

Source
    ``jionlp`` 1.5.31 (PyPI), Apache License 2.0: its
    ``dictionary/china_location.zip`` holds a tree province → prefecture →
    county (with 民政部 adcodes) → town (镇, 乡, 街道, 苏木) → village. Only the
    towns are taken, each with the adcode of its county in patterns/places.tsv
    (matched by adcode, else by the county's name within its province: a
    county renumbered since, 三元区). Towns of development zones, farms and
    areas outside places.tsv are left out, as are names shorter than three
    characters.

How to run
    jionlp is not a dependency (importing it prints a banner and unpacks
    50 MB); the script reads its wheel as a zip file::

        pip download --no-deps jionlp==1.5.31 -d /tmp/jionlp-wheel
        python3 scripts/build_towns.py /tmp/jionlp-wheel/jionlp-1.5.31-py2.py3-none-any.whl

    It writes ``patterns/towns.tsv`` (name, county adcode; one row per town
    and county, sorted) and ``patterns/towns.source.yaml`` (source, counts).
    Standard library only.
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "patterns"
SUFFIXES = ("镇", "乡", "街道", "苏木")
MIN_LENGTH = 3


def _location_text(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("jionlp/dictionary/china_location.zip")))
        return inner.read("china_location.txt").decode("utf-8")


def _our_counties() -> tuple[set[str], dict[tuple[str, str], str]]:
    with open(PATTERNS / "places.tsv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["level"] == "county" and r["adcode"]]
    by_name: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        by_name.setdefault((r["name"], r["adcode"][:2]), []).append(r["adcode"])
    return {r["adcode"] for r in rows}, {k: v[0] for k, v in by_name.items() if len(v) == 1}


def towns(text: str) -> list[tuple[str, str]]:
    """(town, county adcode) pairs from the dictionary's indented tree."""
    codes, by_name = _our_counties()
    out, county = set(), None
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth == 2:
            name, code = fields[0], (fields[1] if len(fields) > 1 else "")
            county = code if code in codes else by_name.get((name, code[:2]))
        elif depth == 3 and county:
            town = fields[0]
            if town.endswith(SUFFIXES) and len(town) >= MIN_LENGTH:
                out.add((town, county))
    return sorted(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    wheel = Path(argv[1])
    pairs = towns(_location_text(wheel))
    with open(PATTERNS / "towns.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("name\tcounty\n")
        f.writelines(f"{name}\t{code}\n" for name, code in pairs)
    names = {name for name, _ in pairs}
    with open(PATTERNS / "towns.source.yaml", "w", encoding="utf-8") as f:
        f.write("# Written by scripts/build_towns.py; do not edit by hand.\n"
                f"package: jionlp\nversion: '{wheel.name.split('-')[1]}'\n"
                "source: https://pypi.org/project/jionlp/ (dictionary/china_location.zip)\n"
                "licence: Apache License 2.0\n"
                f"generated: '{date.today().isoformat()}'\n"
                f"counts:\n  rows: {len(pairs)}\n  names: {len(names)}\n"
                f"  counties: {len({c for _, c in pairs})}\n")
    print(f"{len(pairs)} towns ({len(names)} names) written to patterns/towns.tsv", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
