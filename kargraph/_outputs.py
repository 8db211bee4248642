"""Where outputs go: the one check of an output path, before any work is done.

``resolve_output(path, corpora=..., suffixes=...)`` returns the absolute path a command
will write, and the folders that writing will create, or raises :class:`OutputError`
with one line naming the path and the problem: an unknown format, a path inside a corpus
folder (kargraph never writes into one), an existing folder where a file should go, a
file where a folder should be, or a folder the user cannot write in. Commands call it
first, so that a run never does all its work and then fails to save it.

Written by hand: these are a few ``os`` checks that no library bundles.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from ._files import inside, shown


class OutputError(ValueError):
    """An output path that cannot or must not be written; the message is one line."""


def resolve_output(path: str | os.PathLike, *, corpora: Iterable[str | os.PathLike] = (),
                   suffixes: Iterable[str] | None = None, folder: bool = False) -> tuple[Path, list[Path]]:
    """The absolute output path and the missing folders writing it will create.

    Args:
        path: the output as the user gave it.
        corpora: corpus folders the output must not lie in.
        suffixes: the file suffixes allowed (e.g. ``(".csv", ".json")``); None: any.
        folder: the output is a folder (it may exist) rather than a file.

    Raises:
        OutputError: naming the path and the problem.
    """
    given = shown(os.fspath(path))
    target = Path(path).expanduser().absolute()
    for corpus in corpora:
        if Path(corpus).is_dir() and inside(target, corpus):
            raise OutputError(f"{given} is inside the corpus folder {shown(os.fspath(corpus))}; kargraph never "
                              "writes into a corpus")
    if target.is_dir() and not folder:
        raise OutputError(f"{given}: is a folder; give a file name")
    if target.exists() and folder and not target.is_dir():
        raise OutputError(f"{given}: is a file, not a folder")
    if target.exists() and not folder and not target.is_file():  # a device or a pipe would be replaced
        raise OutputError(f"{given}: exists and is not a regular file")
    if suffixes is not None and target.suffix.lower() not in tuple(suffixes):
        raise OutputError(f"{given}: unknown table format {shown(target.suffix) or '(no extension)'!r} "
                          f"(use {', '.join(suffixes)})")
    missing, parent = [], target if folder else target.parent
    while not parent.exists() and not parent.is_symlink():
        missing.append(parent)
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"{given}: {shown(os.fspath(parent))} is a file, not a folder")
    _probe(parent, given)
    return target, missing[::-1]


def _probe(folder: Path, given: str) -> None:
    """Create and remove a temporary file in ``folder``: the only test of the right to write
    that holds for every user and file system (root, read-only mounts, /proc)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".kargraph-probe-", dir=folder)
    except OSError as err:
        raise OutputError(f"{given}: cannot write in {shown(os.fspath(folder))} "
                          f"({err.strerror or type(err).__name__})") from None
    os.close(fd)
    os.unlink(tmp)
