"""Opening corpus files safely, and showing their names: the one way kargraph reads input.

``read_corpus_file(path, root)`` returns the bytes of a corpus file, or raises
:class:`UnsafeFile` with a one-line reason, when the path is not a regular file (a FIFO
would block the read forever, ``/dev/zero`` would never end), is a symbolic link that
leads out of the corpus folder, or is larger than ``MAX_FILE_BYTES``. The file is opened
non-blocking and checked with ``fstat`` on the open descriptor, so that what is checked is
what is read.

``shown(name)`` is how a file name appears in messages, tables and outputs: the name is
kept as the bytes the file system holds (``os.fsencode``); bytes that are not UTF-8 and
characters that a terminal would act on (escape sequences, newlines, other controls) are
written as ``\\xNN`` escapes, so that every message is one printable line and every name
can be written as UTF-8.

Written by hand: the standard library offers each system call, no library combines them.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

#: a file larger than this is refused instead of read (a 50 MB article is far below it)
MAX_FILE_BYTES = 256 * 1024 * 1024


class UnsafeFile(OSError):
    """A path that must not be read as a corpus file; the message says why."""


def shown(name: str | bytes | os.PathLike) -> str:
    """``name`` as one printable UTF-8 line: undecodable bytes and controls as ``\\xNN``."""
    raw = os.fsencode(name)
    text = raw.decode("utf-8", errors="backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def inside(path: str | os.PathLike, root: str | os.PathLike) -> bool:
    """Whether ``path``, symbolic links followed, lies under ``root``."""
    return real(path).is_relative_to(real(root))


def real(path: str | os.PathLike) -> Path:
    """``path`` with every symbolic link followed; a link loop stays as far as it resolves
    (``Path.resolve`` raises on one)."""
    return Path(os.path.realpath(path))


def file_problem(path: str | os.PathLike, root: str | os.PathLike | None = None) -> str | None:
    """Why ``path`` must not be read (not a regular file, a link out of ``root``), or None."""
    path = Path(path)
    if path.is_symlink():
        if not path.exists():
            return "broken symbolic link"
        if root is not None and not inside(path, root):
            return "symbolic link pointing outside the corpus folder; not followed"
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return f"cannot be read ({err.strerror})"
    return None if stat.S_ISREG(mode) else f"not a regular file ({_kind(mode)})"


def read_corpus_file(path: str | os.PathLike, root: str | os.PathLike | None = None, *,
                     limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file under ``root``, at most ``limit`` of them.

    Raises:
        UnsafeFile: not a regular file, a link out of ``root``, or over ``limit`` bytes.
        OSError: the file cannot be opened or read.
    """
    problem = file_problem(path, root)
    if problem:
        raise UnsafeFile(problem)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode  # the file opened, which a swap after the check cannot change
        if not stat.S_ISREG(mode):
            raise UnsafeFile(f"not a regular file ({_kind(mode)})")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFile(f"larger than {limit // (1024 * 1024)} MB; not read")
    return data


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"
