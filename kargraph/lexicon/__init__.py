"""Lexicons: the word lists kargraph reads a language with, one YAML file per language.

``load_lexicon("en")`` reads ``kargraph/lexicon/en.yaml``. Each key is one word list,
named by the rule that uses it (see the comments in the file); a second language copies
the file's layout with its own words.
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).parent


@functools.lru_cache(maxsize=16)
def load_lexicon(language: str) -> dict:
    """The lexicon of ``language`` (an ISO 639-1 code) as a mapping.

    Raises:
        ValueError: kargraph has no lexicon for ``language``.
    """
    path = LEXICON_DIR / f"{language}.yaml"
    if not path.is_file():
        raise ValueError(f"no lexicon for language {language!r} (add {path.name} to {LEXICON_DIR})")
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}
