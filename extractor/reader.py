"""Read inputs: files, folders (walked for .txt/.html/.htm) and ``-`` for stdin.

Bytes are decoded as UTF-8 (with or without BOM), UTF-16 (BOM), or else as the
best of GB18030 and Big5 as judged by charset-normalizer. A file that cannot be
read or decoded raises ``InputError`` with a one-line reason.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

from .models import Document

SUFFIXES = (".txt", ".html", ".htm")
STDIN = "-"


class InputError(Exception):
    """An input that cannot be read; ``str()`` is a one-line reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def iter_paths(inputs: list[str]) -> Iterator[str]:
    """Each input file in order: folders are walked in sorted order."""
    for item in inputs:
        if item == STDIN:
            yield item
        elif os.path.isdir(item):
            found = []
            for root, dirs, files in os.walk(item):
                dirs.sort()
                found += [os.path.join(root, f) for f in files if f.lower().endswith(SUFFIXES)]
            yield from sorted(found)
        else:
            yield item


def read_document(path: str) -> Document:
    """Read and decode one input (a path, or ``-`` for stdin)."""
    if path == STDIN:
        data, source = sys.stdin.buffer.read(), "<stdin>"
    else:
        source = os.path.basename(path)
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(path, "no such file") from None
        except IsADirectoryError:
            raise InputError(path, "is a directory") from None
        except OSError as e:
            raise InputError(path, e.strerror or str(e)) from None
    text = decode(data, path)
    return Document(source=source, text=text, html=is_html(path, text))


def is_html(path: str, text: str) -> bool:
    """A web page, by its name or by how it starts."""
    if path.lower().endswith((".html", ".htm")):
        return True
    head = text[:512].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html"))


def decode(data: bytes, name: str = "input") -> str:
    if not data:
        return ""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3 and not data[:e.start].isascii():
            raise InputError(name, "truncated UTF-8 text (the file ends mid-character)") from None
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise InputError(name, "binary file, not text")
    return _detect(data, name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(name, f"not valid {encoding} text (byte {e.start})") from None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    # Chinese UTF-16 text without BOM: roughly one zero byte in four at most,
    # ASCII in UTF-16 has a zero in every other byte at one parity.
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def _detect(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    candidates = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None:
        raise InputError(name, "cannot decode: not UTF-8, GB18030/GBK, Big5 or UTF-16 text")
    return str(best)
