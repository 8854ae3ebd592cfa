"""Read inputs: files, folders (walked for .txt/.html/.htm) and ``-`` for stdin.

Bytes are decoded as UTF-8 (with or without BOM), UTF-16 (with a BOM, or
without one when the text reads as UTF-16), or else as the best of GB18030
and Big5 as judged by charset-normalizer. A file that cannot be read or
decoded raises ``InputError`` with a one-line reason.

Memory stays bounded whatever the input: binary content is refused from the
first block, before the rest is read (a NUL byte in the first 8000 bytes of
what is not UTF-16 text, as git judges); an input longer than ``LARGE_BYTES``
is not held whole but given as a ``LongText``, decoded block by block each
time it is read (stdin and pipes are first spooled to a temporary file).

Each input has a ``source``, the name its rows carry: its path relative to
the argument it came from (``房县/报告.txt`` in the folder ``a/``), the file's
name for a file given directly, ``<stdin>`` for stdin.
"""
from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from .models import Document

SUFFIXES = (".txt", ".html", ".htm")
STDIN = "-"
# Larger inputs are read block by block (LongText) rather than whole.
LARGE_BYTES = 8 * 1024 * 1024
BINARY_SAMPLE = 8000          # bytes looked at for NUL (git's rule)
BLOCK = 1024 * 1024           # bytes read at a time from a long input; its encoding is judged on the first


class InputError(Exception):
    """An input that cannot be read; ``str()`` is a one-line reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Input:
    """One input to read: where it is, the name its rows carry, and why it
    cannot be read when that is known before opening it (a folder that
    cannot be listed)."""
    path: str
    source: str
    error: str = ""


# --------------------------------------------------------------------------
# Finding the inputs

def iter_inputs(inputs: list[str]) -> Iterator[Input]:
    """Each input file in order: folders are walked in sorted order,
    following symbolic links to folders but never into a folder twice (a link
    back up would loop). A folder that cannot be listed is an ``Input`` with
    an ``error``, in its place in the order."""
    for item in inputs:
        if item == STDIN:
            yield Input(STDIN, "<stdin>")
        elif os.path.isdir(item):
            yield from _walk(item)
        else:
            yield Input(item, os.path.basename(item) or item)


def iter_paths(inputs: list[str]) -> Iterator[str]:
    """The paths of ``iter_inputs``; a folder that cannot be read raises ``InputError``."""
    for found in iter_inputs(inputs):
        if found.error:
            raise InputError(found.path, found.error)
        yield found.path


def _walk(top: str) -> Iterator[Input]:
    found: list[Input] = []

    def unreadable(e: OSError) -> None:
        folder = e.filename or top
        found.append(Input(folder, _relative(folder, top), f"cannot read folder ({e.strerror or e})"))

    seen = set()
    try:
        st = os.stat(top)
        seen.add((st.st_dev, st.st_ino))
    except OSError as e:
        unreadable(e)
    for root, dirs, files in os.walk(top, onerror=unreadable, followlinks=True):
        dirs.sort()
        kept = []
        for d in dirs:       # each folder once, by identity: no loops, no folder read twice
            try:
                st = os.stat(os.path.join(root, d))
            except OSError:
                continue      # a link that points nowhere
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                kept.append(d)
        dirs[:] = kept
        found += [Input(p, _relative(p, top)) for p in (os.path.join(root, f) for f in files)
                  if p.lower().endswith(SUFFIXES)]
    yield from sorted(found, key=lambda i: i.path)


def _relative(path: str, top: str) -> str:
    return os.path.relpath(path, top) if path != top else os.path.basename(os.path.normpath(top))


# --------------------------------------------------------------------------
# Reading one input

@dataclass
class LongText:
    """An input too long to hold in memory: ``blocks()`` decodes it again,
    block by block, each time it is called. ``close()`` when done."""
    facts: Document         # what is known of it but its text (which is ""): source, url, date...
    file: BinaryIO          # seekable: the file itself, or stdin spooled to a temporary file
    encoding: str
    name: str               # the path, for messages

    @property
    def source(self) -> str:
        return self.facts.source

    def blocks(self) -> Iterator[str]:
        self.file.seek(0)
        decoder = codecs.getincrementaldecoder(self.encoding)("strict")
        done = 0
        while True:
            data = self.file.read(BLOCK)
            pending = len(decoder.getstate()[0])     # bytes of a character cut by the last block
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as e:
                if not data and self.encoding.startswith("utf-8"):
                    raise InputError(self.name, "truncated UTF-8 text (the file ends mid-character)") from None
                raise InputError(self.name, f"not valid {self.encoding} text (byte {done - pending + e.start})") \
                    from None
            if text:
                yield text
            if not data:
                return
            done += len(data)

    def close(self) -> None:
        self.file.close()


def read_document(path: str, source: str | None = None) -> Document:
    """Read and decode one input (a path, or ``-`` for stdin) whole."""
    read = read_input(path, source, whole=True)
    assert isinstance(read, Document)
    return read


def read_input(path: str, source: str | None = None, *, whole: bool = False) -> Document | LongText:
    """One input: a ``Document``, or (unless ``whole``) a ``LongText`` when it
    is longer than ``LARGE_BYTES`` and is not a web page (those are read whole)."""
    if source is None:
        source = "<stdin>" if path == STDIN else os.path.basename(path)
    name = "<stdin>" if path == STDIN else path       # in messages
    f = _open(path)
    long = None
    try:
        head = _read(f, name, BINARY_SAMPLE)
        refuse_binary(head, name)         # before the rest is read: a huge binary file costs one block
        regular, size = _kind(f)
        if whole or path.lower().endswith((".html", ".htm")) or (regular and size <= LARGE_BYTES):
            data = head + _read(f, name, -1)
        elif regular:
            data = head + _read(f, name, max(0, BLOCK - len(head)))
            if _html_start(data):
                data += _read(f, name, -1)
            else:
                long = LongText(Document(source, ""), f, text_encoding(data, name), path)
        else:       # stdin or a pipe: held if it ends within LARGE_BYTES, else spooled to disk
            data = head + _read(f, name, LARGE_BYTES + 1 - len(head))
            if len(data) <= LARGE_BYTES or _html_start(data):
                data += _read(f, name, -1)
            else:
                encoding = text_encoding(data[:BLOCK], name)
                long = LongText(Document(source, ""), _spool(f, data, name), encoding, name)
    finally:
        if (long is None or long.file is not f) and f is not sys.stdin.buffer:
            f.close()
    if long is not None:
        return long
    text = decode(data, name)
    return Document(source=source, text=text, html=is_html(path, text))


def _open(path: str) -> BinaryIO:
    if path == STDIN:
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as e:
        raise InputError(path, e.strerror or str(e)) from None


def _read(f: BinaryIO, path: str, n: int) -> bytes:
    try:
        return f.read(n)
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as e:
        raise InputError(path, e.strerror or str(e)) from None


def _kind(f: BinaryIO) -> tuple[bool, int]:
    """Whether ``f`` is a regular file (seekable, of known size), and its size."""
    try:
        st = os.fstat(f.fileno())
    except (OSError, ValueError):
        return False, 0
    return stat.S_ISREG(st.st_mode), st.st_size


def _spool(f: BinaryIO, data: bytes, path: str) -> BinaryIO:
    """A long stream (stdin, a pipe) copied to a temporary file, so that it
    can be read twice without being held in memory."""
    try:
        spooled = tempfile.TemporaryFile(prefix="county-figures-")
        spooled.write(data)
        while True:
            block = _read(f, path, BLOCK)
            if not block:
                break
            spooled.write(block)
    except OSError as e:       # the temporary folder is full
        raise InputError(path, f"too long to hold and cannot be spooled to a temporary file "
                               f"({e.strerror or e})") from None
    return spooled


def is_html(path: str, text: str) -> bool:
    """A web page, by its name or by how it starts."""
    if path.lower().endswith((".html", ".htm")):
        return True
    return _html_start(text)


def _html_start(text: str | bytes) -> bool:
    head = text[:512]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    head = head.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html"))


# --------------------------------------------------------------------------
# Decoding

def refuse_binary(head: bytes, name: str = "input") -> None:
    """Raise ``InputError`` if the first bytes of an input are not text: a
    NUL byte in the first ``BINARY_SAMPLE`` bytes, unless they read as UTF-16."""
    sample = head[:BINARY_SAMPLE]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")) and not _utf16_without_bom(sample):
        raise InputError(name, "binary file, not text")


def decode(data: bytes, name: str = "input") -> str:
    """The text of a whole input, in the encoding ``text_encoding`` finds."""
    if not data:
        return ""
    encoding = text_encoding(data, name)
    if encoding == "utf-8":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:       # (text_encoding forgives only an unfinished last character)
            if not data[:e.start].isascii():
                raise InputError(name, "truncated UTF-8 text (the file ends mid-character)") from None
    return _strict(data, encoding, name)


def text_encoding(head: bytes, name: str = "input") -> str:
    """The encoding of an input judged on its first bytes (or all of them):
    a byte-order mark, else UTF-16 where NUL bytes show it, else UTF-8 where
    it reads as UTF-8, else UTF-16 without a mark, else the best of GB18030,
    Big5 and UTF-16 by their statistics."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    refuse_binary(head, name)
    if b"\x00" in head[:BINARY_SAMPLE]:
        return _utf16_without_bom(head)         # (refuse_binary let it through: it reads as UTF-16)
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise InputError(name, "cannot decode: not UTF-8, GB18030/GBK, Big5 or UTF-16 text")
    return best.encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(name, f"not valid {encoding} text (byte {e.start})") from None


def _utf16_without_bom(data: bytes) -> str:
    """'utf-16-le' or 'utf-16-be' when the first bytes read as Chinese or
    ASCII text in that encoding, else ''. (Binary, GB18030 and Big5 read as
    UTF-16 give surrogates, Hangul, private-use or control characters.)"""
    sample = data[:BINARY_SAMPLE]
    sample = sample[:len(sample) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if text and sum(map(_is_text_char, text)) >= 0.95 * len(text):
            return encoding
    return ""


def _is_text_char(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fff" or " " <= ch <= "~" or ch in "\n\r\t" or "\u3000" <= ch <= "\u303f"
            or "\uff00" <= ch <= "\uffef" or "\u3400" <= ch <= "\u4dbf" or "\u2010" <= ch <= "\u2027")


_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
