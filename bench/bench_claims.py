"""Claim extraction throughput: the two-pass path against the naive full parse.

    python bench/bench_claims.py [--docs 2000] [--corpus data/corpora/karabakh]

Builds a corpus of at least ``--docs`` documents by repeating the articles of the corpus
folder (each copy gets its own id), extracts claims twice over the same documents —
``full_parse=True`` (the full spaCy pipeline on every article sentence, the naive
baseline) and the default path (a cheap pass, then the parser on candidate sentences
only) — checks that both tables are identical, and prints documents per second, MB of
text per second and their ratio. The spaCy model and the profile are loaded before timing starts.
"""
from __future__ import annotations

import argparse
import platform
import sys
import time

from kargraph._nlp import get_nlp
from kargraph.claims import FAST_DISABLED, ClaimParams, extract_claims
from kargraph.corpus import document_from_text, load_corpus


def repeated_corpus(path: str, n_docs: int) -> list:
    base = list(load_corpus(path))
    docs = []
    while len(docs) < n_docs:
        for d in base:
            docs.append(document_from_text(d.raw, doc_id=f"{d.doc_id}-{len(docs):06d}", outlet=d.outlet,
                                           url=d.url, published=d.published))
            if len(docs) == n_docs:
                break
    return docs


def timed(docs, params: ClaimParams):
    started = time.perf_counter()
    table = extract_claims(docs, params=params)
    return table, time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--corpus", default="data/corpora/karabakh")
    args = parser.parse_args(argv)
    docs = repeated_corpus(args.corpus, args.docs)
    megabytes = sum(len(d.raw.encode("utf-8")) for d in docs) / 1e6
    get_nlp(), get_nlp(disable=FAST_DISABLED)  # model loading is not part of either measurement,
    for params in (ClaimParams(), ClaimParams(full_parse=True)):  # nor reading the profile
        extract_claims(docs[:20], params=params)
    fast, fast_s = timed(docs, ClaimParams())
    naive, naive_s = timed(docs, ClaimParams(full_parse=True))
    identical = fast.equals(naive)
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    print(f"corpus: {len(docs)} documents, {megabytes:.2f} MB, {len(fast)} claims")
    print(f"{'path':<22}{'seconds':>10}{'docs/s':>10}{'MB/s':>10}")
    for name, secs in (("naive full parse", naive_s), ("two-pass (kargraph)", fast_s)):
        print(f"{name:<22}{secs:>10.2f}{len(docs) / secs:>10.1f}{megabytes / secs:>10.3f}")
    print(f"speed-up: {naive_s / fast_s:.1f}x; identical claims: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
