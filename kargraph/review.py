"""The review commands: the queue of claims a person should check, and the agreement of
two reviewers' corrections files.

    python -m kargraph review CORPUS [--corrections FILE] [--profile P] [-o queue.csv]
    python -m kargraph agreement FIRST.csv SECOND.csv [--disagreements]

Both print tables (``review_queue``; ``agreement`` or ``agreement_disagreements`` of
:mod:`kargraph.schema`) as CSV on stdout, or write them to ``-o``.
"""
from __future__ import annotations

import sys
from pathlib import Path


def add_parser(sub) -> None:
    """Register ``review`` and ``agreement`` on the ``kargraph`` command line."""
    p = sub.add_parser("review", help="list the claims a person should check, most urgent first")
    p.add_argument("corpus", nargs="?", default=None, help="corpus folder (default: the study's)")
    p.add_argument("--corrections", default=None, help="corrections CSV: claims already reviewed are left out")
    p.add_argument("--profile", default=None, help="conflict profile name or YAML path")
    p.add_argument("-o", "--output", default="-", help="output table (.csv, .parquet, .json); '-': CSV on stdout")
    p.set_defaults(func=_cmd_review)

    p = sub.add_parser("agreement", help="inter-coder agreement of two corrections files (Cohen's kappa)")
    p.add_argument("first", help="the first reviewer's corrections CSV")
    p.add_argument("second", help="the second reviewer's corrections CSV")
    p.add_argument("--disagreements", action="store_true", help="list the claims they coded differently")
    p.set_defaults(func=_cmd_agreement)


def _cmd_review(args) -> int:
    import warnings

    from .claims import extract_claims
    from .corpus import CorpusWarning, load_corpus
    from .corrections import review_queue

    from .study import find_study

    study = find_study()
    corpus_dir = study.need_corpus(args.corpus)
    corpus = load_corpus(corpus_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        claims = extract_claims(corpus, profile=study.profile_for(corpus_dir, args.profile),
                                corrections=args.corrections)
    queue = review_queue(claims)
    _write(queue, args.output)
    print(f"{len(queue)} of {len(claims)} claims to review "
          f"({int((queue['reason'] == 'needs_review').sum())} flagged by the extractor, "
          f"{int((queue['reason'] == 'conflict').sum())} in conflict across outlets)", file=sys.stderr)
    return 0


def _cmd_agreement(args) -> int:
    from .corrections import agreement

    for path in (args.first, args.second):
        if not Path(path).is_file():
            raise FileNotFoundError(f"{path}: no such corrections file")
    scores, differ = agreement(args.first, args.second)
    _write(differ if args.disagreements else scores.round(3), "-")
    return 0


def _write(table, output: str) -> None:
    from ._io import safe_for_spreadsheet, write_table

    if output == "-":
        safe_for_spreadsheet(table).to_csv(sys.stdout, index=False)
    else:
        write_table(table, output)
