#!/usr/bin/env python3
"""Scores of claim extraction on the two parts of realdev: the part developed on, the part only measured.

Usage: realdev.py [REALDEV_DIR] [--errors]

realdev (``../shared/realdev`` by default: real, copyrighted articles with gold claims, kept
outside the repository) is split by document, deterministically: a document belongs to the
``develop`` part when the first byte of the SHA-1 of its doc_id is even, else to ``measure``
(18 and 18 of the 36 documents). Changes are made looking at the develop part's errors only
(``--errors`` prints them, and only them); the measure part is scored, never read, so that
its figures say how extraction holds on news it was not tuned to. Both parts are scored with
:func:`kargraph.evaluate.score_claims`, which ``tests/test_evaluate.py`` keeps equal to the
yardstick ``tools/score_claims.py``. Exits 2 with one line when the folder cannot be read.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

PARTS = ("develop", "measure")
DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdev"


# realdev is read with the shipped Karabakh profile (its folder has no corpus.yaml)
PROFILE = "nagorno_karabakh"


def part_of(doc_id: str) -> str:
    """The part a document belongs to: ``part_of("nk_azernews_20201203")`` is "develop" or "measure"."""
    return PARTS[hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 2]


def score_parts(folder: Path) -> dict:
    """Extract claims on realdev once and score each part; returns {part: Score}."""
    from kargraph.claims import extract_claims
    from kargraph.corpus import load_corpus
    from kargraph.evaluate import score_claims

    corpus = load_corpus(folder / "docs", profile=PROFILE)
    claims = extract_claims(corpus, profile=PROFILE)
    gold = pd.read_csv(folder / "gold.csv", dtype=str, keep_default_na=False)
    scores = {}
    for part in PARTS:
        docs = [d for d in corpus if part_of(d.doc_id) == part]
        ids = {d.doc_id for d in docs}
        scores[part] = score_claims(claims[claims["doc_id"].isin(ids)].reset_index(drop=True),
                                    gold[gold["doc_id"].isin(ids)].reset_index(drop=True), docs)
    return scores


def main(argv: list[str]) -> int:
    from kargraph.evaluate import format_report

    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT
    if not (folder / "gold.csv").is_file() or not (folder / "docs").is_dir():
        print(f"{folder}: not a realdev folder (needs gold.csv and docs/)", file=sys.stderr)
        return 2
    for part, score in score_parts(folder).items():
        print(f"== {part}")
        print(format_report(score, verbose=part == "develop" and "--errors" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
