"""county-figures: every statistical figure of a Chinese county article as a tidy row.

    >>> from extractor import extract_text
    >>> [(f.indicator, str(f.value), f.unit) for f in extract_text("该县地区生产总值达93.4亿元。")]
    [('地区生产总值', '93.4', '亿元')]
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["extract_text", "extract_document", "extract_frame", "extract_panel", "parse_number"]


def __getattr__(name):
    # Imported on first use so that `county-figures --help` stays fast.
    if name in ("extract_text", "extract_document"):
        from . import pipeline
        return getattr(pipeline, name)
    if name == "extract_frame":
        from .frame import extract_frame
        return extract_frame
    if name == "extract_panel":
        from .panel import extract_panel
        return extract_panel
    if name == "parse_number":
        from .numbers import parse_number
        return parse_number
    raise AttributeError(name)
