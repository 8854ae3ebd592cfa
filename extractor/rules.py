"""Loading the rules kept as data in ``patterns/``.

The YAML/TSV files are read once per process (``functools.cache``); stages
compile what they need from them once, too. In a source checkout the folder is
``<repo>/patterns``; in an installed wheel it sits inside the package.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

_HERE = Path(__file__).resolve().parent


def patterns_dir() -> Path:
    for candidate in (_HERE / "patterns", _HERE.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the patterns/ folder is missing from this installation")


@cache
def load(name: str) -> dict:
    """The parsed YAML file ``patterns/<name>.yaml``."""
    with open(patterns_dir() / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def path(filename: str) -> Path:
    """The path of a data file in ``patterns/`` (for non-YAML data such as TSV)."""
    return patterns_dir() / filename
