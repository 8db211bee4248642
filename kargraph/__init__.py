"""kargraph: how wars are reported, from a folder of news articles.

The public API is a handful of functions that return tidy pandas tables::

    import kargraph as kg
    corpus = kg.load_corpus("data/corpora/karabakh")
    claims = kg.extract_claims(corpus)          # one row per reported casualty figure
    tolls = kg.compare_tolls(claims)            # like-with-like comparison of figures
    card = kg.score_sources(corpus, claims)     # evidence-based scorecard per outlet
    frames = kg.frame_profile(corpus)           # labels, voices, agency, frames

Names are imported lazily so that ``import kargraph`` stays cheap (no spaCy model is
loaded until a function that needs it runs).
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "Corpus": "corpus",
    "Document": "document",
    "Paragraph": "document",
    "Sentence": "document",
    "LoadIssue": "document",
    "load_corpus": "corpus",
    "iter_documents": "corpus",
    "document_from_text": "corpus",
    "Profile": "profile",
    "load_profile": "profile",
    "corpus_profile": "study",
    "load_corpus_profile": "study",
    "extract_claims": "claims",
    "ClaimParams": "claims",
    "evaluate_claims": "evaluate",
    "compare_tolls": "tolls",
    "TollParams": "tolls",
    "build_graph": "graph",
    "export_graph": "graph",
    "score_sources": "reliability",
    "ReliabilityParams": "reliability",
    "frame_profile": "framing",
    "FramingParams": "framing",
    "entity_mentions": "profile",
    "languages_table": "language",
    "unread_note": "language",
    "unread_findings": "language",
    "read_figures": "reading",
    "repo_root": "_paths",
    "bundled_corpus": "_paths",
    "resolve_path": "_paths",
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kargraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kargraph.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
