"""Lexicons: what kargraph knows about each language it reads, one YAML file per language.

``load_lexicon("fr")`` reads ``kargraph/lexicon/fr.yaml``: the language's spaCy model,
whether claims are extracted in it (``claims``), and for the languages read through the
lexicon (:mod:`kargraph.reading`) its number words, digit separators, hedge phrases and
outcome words. A new language is a new file here and an installed spaCy model, not new
code. English is read by the full rules of :mod:`kargraph.normalize` and
:mod:`kargraph.claims`; its file names its model and says that claims are extracted.
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
        raise ValueError(f"no lexicon for language {language!r}: kargraph reads "
                         + ", ".join(available_languages()) + f" (add {path.name} to {LEXICON_DIR})")
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict) or data.get("language") != language:
        raise ValueError(f"{path}: a lexicon is a mapping whose 'language' is {language!r}")
    return data


def available_languages() -> tuple[str, ...]:
    """The languages with a lexicon file."""
    return tuple(sorted(p.stem for p in LEXICON_DIR.glob("*.yaml")))


@functools.lru_cache(maxsize=1)
def claim_languages() -> frozenset[str]:
    """The languages claims are extracted in (their lexicon says ``claims: true``)."""
    return frozenset(code for code in available_languages() if load_lexicon(code).get("claims"))


@functools.lru_cache(maxsize=4)
def spacy_model(language: str):
    """The spaCy pipeline of ``language``: the first of its lexicon's ``spacy_models``
    that is installed (nothing is downloaded).

    Raises:
        OSError: none of them is installed.
    """
    import spacy

    names = load_lexicon(language).get("spacy_models") or []
    for name in names:
        try:
            return spacy.load(name, disable=["ner"])
        except OSError:
            continue
    raise OSError(f"no spaCy model for {language!r} installed: install one of {', '.join(names)}")
