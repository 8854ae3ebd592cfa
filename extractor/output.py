"""Where the rows go: stdout, or the path given with ``-o``, never touching
anything else.

- A new path or a regular file is written to a temporary file in the same
  folder, renamed onto it only when complete: an interrupted or failed run
  leaves no truncated file and the old file as it was (its permissions are
  kept).
- A symbolic link is written through: the same, beside the file it points
  to, which is replaced; the link stays a link.
- Anything else that exists (a FIFO, a character device, a socket) is
  written in place, without a temporary file: renaming one onto it would
  replace the node itself.
- What cannot be written (a folder, a missing folder, a file or folder we
  may not write) is refused before any input is read, with ``OutputError``,
  whose ``str()`` is one line.
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from typing import IO

TEMP_PREFIX = ".county-figures-"


class OutputError(Exception):
    """Output that cannot be written; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class Plan:
    target: str       # the path written: the file a symbolic link points to
    direct: bool      # written in place, without a temporary file
    mode: int | None  # permissions of the regular file replaced, if any


def writes_directly(st: os.stat_result | None) -> bool:
    """Whether a path in this state is written in place: it exists and is not
    a regular file (a FIFO, a device, a socket)."""
    return st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode)


def plan(path: str) -> Plan:
    """How ``path`` is written, or ``OutputError`` saying why it cannot be."""
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder")
    if st is None:
        folder = os.path.dirname(os.path.abspath(target))
        if not os.path.isdir(folder):
            raise OutputError(f"cannot write {path}: no such folder {os.path.dirname(target) or folder}")
    elif not os.access(target, os.W_OK):
        raise OutputError(f"cannot write {path}: permission denied")
    direct = writes_directly(st)
    return Plan(target, direct, stat.S_IMODE(st.st_mode) if st is not None and not direct else None)


class Output:
    """``with Output(path) as target``: ``target`` is stdout (no path) or the
    path a writer should open; ``commit()`` once everything is written puts
    the file in place. Leaving the block without ``commit()`` removes the
    temporary file."""

    def __init__(self, path: str | None):
        self.path = path
        self.tmp: str | None = None
        self.plan: Plan | None = None

    def __enter__(self) -> IO[str] | str:
        if not self.path:
            return sys.stdout
        self.plan = plan(self.path)
        if self.plan.direct:
            return self.plan.target
        folder = os.path.dirname(os.path.abspath(self.plan.target))
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=folder)
            os.close(fd)
            os.chmod(self.tmp, self.plan.mode if self.plan.mode is not None else 0o666 & ~_umask())
        except OSError as e:
            self._remove()
            raise OutputError(f"cannot write {self.path}: {e.strerror or e}") from None
        return self.tmp

    def commit(self) -> None:
        if self.tmp is not None:
            try:
                os.replace(self.tmp, self.plan.target)
            except OSError as e:
                raise OutputError(f"cannot write {self.path}: {e.strerror or e}") from None
            self.tmp = None

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._remove()
        return False

    def _remove(self) -> None:
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
            self.tmp = None

    def describe(self) -> str:
        return self.path or "stdout"


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
