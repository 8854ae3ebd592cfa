"""Faults kept to the smallest unit: a figure or a sentence whose reading
raises (a bug, or an input nobody foresaw) is skipped with a warning naming
the file and the offset, and the rest of the document is still read.

The warning is a ``SkippedWarning``: a library user sees it as any Python
warning; the command line prints it as one line on stderr (``batch`` records
the warnings of each input, in worker processes too).
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from typing import Iterator

from .models import NormalisedText


class CountyFiguresWarning(UserWarning):
    """Something the user should know about the output; ``str()`` is one line."""


class SkippedWarning(CountyFiguresWarning):
    """A figure or sentence was skipped because reading it raised."""


class contained:
    """``with contained(source, norm, offset):`` runs the block; if it raises,
    warns with the input offset of ``offset`` (an offset in ``norm.text``)
    and carries on after the block. (A class rather than a generator: it
    wraps every sentence and figure, and costs a third as much.)"""

    __slots__ = ("source", "norm", "offset", "what")

    def __init__(self, source: str, norm: NormalisedText | None, offset: int, what: str = "sentence"):
        self.source, self.norm, self.offset, self.what = source, norm, offset, what

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if kind is None or not issubclass(kind, Exception):
            return False        # not KeyboardInterrupt or a signal: those stop the run
        # (stacklevel 2: the warning names the line of the with statement)
        warnings.warn(SkippedWarning(skipped_message(self.source, _original(self.norm, self.offset), self.what,
                                                     error)), stacklevel=2)
        return True


def skipped_message(source: str, offset: int | None, what: str, error: BaseException) -> str:
    where = f" at offset {offset}" if offset is not None else ""
    reason = " ".join(f"{type(error).__name__}: {error}".split())[:200]
    return f"{source or '<text>'}: {what}{where} skipped (internal error {reason}); please report it with this file"


def _original(norm: NormalisedText | None, offset: int) -> int | None:
    if norm is None:
        return None             # (a reading of the whole input: no one offset)
    try:
        return norm.span_in_original(offset, offset)[0]
    except Exception:
        return None


@contextmanager
def warnings_as_lines(echo) -> Iterator[None]:
    """Within the block, each ``CountyFiguresWarning`` is given to ``echo``
    as its one-line message (every time, not once per place in the code);
    other warnings are shown as usual."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", CountyFiguresWarning)
        usual = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None):
            if issubclass(category, CountyFiguresWarning):
                echo(str(message))
            else:
                usual(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        yield
