"""Write figures as CSV or JSON Lines. Values are written exactly from Decimal."""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from typing import IO, Iterable

from .models import COLUMNS, Figure

FORMATS = ("csv", "jsonl")


def decimal_text(d: Decimal | None) -> str:
    """A plain decimal string: no exponent, no trailing zeros (16.4亿 -> 1640000000)."""
    if d is None:
        return ""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def row(f: Figure) -> dict:
    return {
        "county": f.county, "indicator": f.indicator, "value": decimal_text(f.value),
        "unit": f.unit, "source": f.source, "value_max": decimal_text(f.value_max),
        "qualifier": f.qualifier, "status": f.status, "period": f.period,
        "std_value": decimal_text(f.std_value), "std_unit": f.std_unit,
        "mention": f.mention, "start": f.start, "end": f.end, "sentence": f.sentence,
    }


class Writer:
    """Streams rows to an open text file in one format."""

    def __init__(self, out: IO[str], fmt: str = "csv"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out, self.fmt = out, fmt
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
            self._csv.writeheader()

    def write(self, figures: Iterable[Figure]) -> int:
        n = 0
        for f in figures:
            r = row(f)
            if self.fmt == "csv":
                self._csv.writerow(r)
            else:
                self.out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
