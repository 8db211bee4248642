"""The ``kargraph`` command line.

    python -m kargraph init DIR [--profile NAME|FILE]      # create a study folder
    python -m kargraph claims CORPUS_DIR -o claims.csv     # the claims table
    python -m kargraph evaluate CORPUS_DIR --gold GOLD.csv # score extraction against gold
    python -m kargraph render [--config reports.yaml]      # render the report notebooks
    python -m kargraph schema [TABLE]                      # documented columns, as Markdown
    python -m kargraph profile check FILE | new NAME       # check a conflict profile, or start one

Inside a study folder (see :mod:`kargraph.study`) the corpus, profile, config and output
folder default to the study's.

Problems with single files are listed on stderr once, in the summary at the end (``-q``:
nothing is printed); they never stop the other files. A run that cannot be done (a
missing, special or unwritable path, a broken profile or config, a bad option) ends with
one line naming the path and the problem, before any work where it can be known then.
Exit status: 0 done, 1 failed, 2 bad arguments.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import time
import warnings
from pathlib import Path

# subcommands defined by other modules: module name -> it has add_parser(subparsers)
_PLUGIN_COMMANDS = ("render", "profile_check", "review", "app", "study")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # argparse has printed its one line (or the help)
        return int(done.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted; outputs of earlier runs are left as they were", file=sys.stderr)
        return 130
    except ImportError as err:  # an environment installed without one of kargraph's dependencies
        print(f"kargraph {args.command}: the package {err.name or err} is not installed; reinstall kargraph "
              "with its dependencies (`make setup` in a checkout, or `pip install kargraph`)", file=sys.stderr)
        return 1
    except (OSError, ValueError) as err:  # a missing, special or unwritable path, a bad file: one line
        from ._files import shown

        print(f"kargraph {args.command}: {_one_line(err, shown)}", file=sys.stderr)
        return 1


def _one_line(err: Exception, shown) -> str:
    """An error as one printable line: ``path: problem`` for system errors."""
    if isinstance(err, OSError) and err.strerror:
        return f"{shown(err.filename)}: {err.strerror}" if err.filename is not None else err.strerror
    return " ".join(str(err).split()) or type(err).__name__


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors on one line (``kargraph claims: error: ...``)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kargraph", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("claims", help="extract the claims table from a corpus folder")
    p.add_argument("corpus", nargs="?", default=None, type=_given_path,
                   help="folder of .txt/.html/.jsonl articles with an optional sources.csv (default: the study's)")
    p.add_argument("-o", "--output", default="-",
                   help="output file (.csv, .parquet or .json); '-' writes CSV to stdout")
    p.add_argument("--profile", default=None,
                   help="conflict profile name or YAML path (default: the one corpus.yaml names)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this process (with --jobs workers); dask: a Dask cluster")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument("-j", "--jobs", type=int, default=1,
                   help="worker processes (local engine; -1: all cores) or Dask workers of a LocalCluster")
    p.add_argument("--full-parse", action="store_true",
                   help="parse every sentence (the slow reference path; same output)")
    p.add_argument("--corrections", default=None,
                   help="a reviewer's corrections CSV to apply (kept outside the corpus; see `kargraph review`)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr")
    p.set_defaults(func=_cmd_claims)

    p = sub.add_parser("evaluate", help="score claim extraction against a gold claims table")
    p.add_argument("corpus", type=_given_path, help="corpus folder")
    p.add_argument("--gold", default=None, help="gold CSV (default: data/gold/seed_claims.csv)")
    p.add_argument("--profile", default=None)
    p.add_argument("--verbose", action="store_true", help="list missed and spurious claims")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("schema", help="print the documented columns of a table as Markdown")
    p.add_argument("table", nargs="?", default=None)
    p.set_defaults(func=_cmd_schema)

    for name in _PLUGIN_COMMANDS:
        try:
            module = importlib.import_module(f"kargraph.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"kargraph.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def _given_path(value: str) -> str:
    """A path argument, refused when empty (``Path("")`` would be the working folder)."""
    if not value:
        raise argparse.ArgumentTypeError("an empty path")
    return value


def _cmd_claims(args) -> int:
    from ._io import write_table
    from .claims import ClaimParams, extract_claims
    from .corpus import load_corpus

    from ._parallel import resolve_jobs
    from .profile import load_profile
    from .study import find_study

    study = find_study()
    corpus_dir = study.need_corpus(args.corpus)
    args.profile = study.profile_for(corpus_dir, args.profile)
    load_profile(args.profile)  # a missing or broken profile, a bad -j: refused before any work
    if args.engine == "local":
        resolve_jobs(args.jobs)
    if args.corrections:
        _check_corrections(args.corrections, args.engine)
    if args.output != "-":
        _check_output(Path(args.output), corpus_dir, local=args.engine == "local", quiet=args.quiet)
    started = time.perf_counter()
    with _collected_warnings(quiet=args.quiet) as problems:
        if args.engine == "dask":
            from .dask import extract_claims_dask

            table, issues = extract_claims_dask(corpus_dir, scheduler=args.scheduler, profile=args.profile,
                                                output=None if args.output == "-" else args.output,
                                                n_workers=max(args.jobs, 2) if args.jobs > 0 else 2,
                                                params=ClaimParams(full_parse=args.full_parse),
                                                progress=not args.quiet)
        else:
            corpus = load_corpus(corpus_dir)
            issues = corpus.issues
            if not args.quiet:
                _warn_poor_fit(corpus, args.profile, corpus_dir)
            params = ClaimParams(full_parse=args.full_parse)
            table = extract_claims(corpus, profile=args.profile, params=params, n_jobs=args.jobs,
                                   progress=not args.quiet, corrections=args.corrections)
            if args.output != "-":
                write_table(table, args.output)
        if args.output == "-":
            from ._io import safe_for_spreadsheet

            safe_for_spreadsheet(table).to_csv(sys.stdout, index=False)
    if not args.quiet:
        _summary(issues, f"{len(table)} claims from {table['doc_id'].nunique() if len(table) else 0} documents "
                         f"in {time.perf_counter() - started:.1f}s"
                 + ("" if args.output == "-" else f" -> {args.output}"), problems)
    return 0


def _warn_poor_fit(corpus, profile, corpus_dir: Path) -> None:
    """A loud line (before the summary) when the profile does not fit the corpus."""
    from .profile import profile_fit

    message = profile_fit(corpus, profile).warning()
    if message:
        print(f"WARNING: {corpus_dir}: {message}", file=sys.stderr)


def _check_corrections(path: str, engine: str) -> None:
    """Refuse, before any work, a corrections file that is missing or malformed."""
    from .corrections import read_corrections

    if engine == "dask":
        raise ValueError("--corrections is applied by the local engine; run without --engine dask")
    if not Path(path).is_file():
        raise FileNotFoundError(f"{path}: no such corrections file")
    read_corrections(path)


def _check_output(output: Path, corpus_dir: Path, *, local: bool, quiet: bool = False) -> None:
    """Refuse, before any work, an output the run could not or must not write."""
    from ._io import TABLE_SUFFIXES
    from ._outputs import resolve_output

    _, created = resolve_output(output, corpora=[corpus_dir], suffixes=TABLE_SUFFIXES if local else None)
    if created and not quiet:
        print(f"folder {created[0]} does not exist; it will be created", file=sys.stderr)


@contextlib.contextmanager
def _collected_warnings(*, quiet: bool = False):
    """Collect kargraph's warnings that are not about loading (a figure or a document left
    out during extraction) for the summary, which prints every problem once; with
    ``quiet`` nothing is printed at all."""
    problems: list[str] = []
    package = Path(__file__).resolve().parent

    def show(message, category, filename, lineno, file=None, line=None):
        from .corpus import CorpusWarning

        if quiet:
            return
        if not Path(filename).resolve().is_relative_to(package):
            print(warnings.formatwarning(message, category, filename, lineno, line), end="", file=sys.stderr)
            return
        if not issubclass(category, CorpusWarning):  # load issues come with the corpus
            problems.append(str(message))

    with warnings.catch_warnings():
        warnings.filterwarnings("always", module=r"kargraph\b")  # every problem, even if worded alike
        warnings.showwarning = show
        yield problems


def _cmd_evaluate(args) -> int:
    from ._paths import repo_root
    from .claims import extract_claims
    from .corpus import load_corpus
    from .evaluate import format_report, read_gold, score_claims

    gold = read_gold(Path(args.gold) if args.gold else repo_root() / "data" / "gold" / "seed_claims.csv")
    corpus = load_corpus(args.corpus)
    claims = extract_claims(corpus, profile=args.profile)
    result = score_claims(claims, gold, corpus)
    print(format_report(result, verbose=args.verbose))
    return 0


def _cmd_schema(args) -> int:
    from . import schema

    tables = [args.table] if args.table else list(schema.TABLES)
    for name in tables:
        if name not in schema.TABLES:
            raise ValueError(f"unknown table {name!r}; documented: {', '.join(schema.TABLES)}")
        print(f"### {name}\n\n{schema.markdown(name)}\n")
    return 0


def _summary(issues, done: str, problems: list[str] = ()) -> None:
    skipped = [i for i in issues if i.action == "skipped"]
    warned = [i for i in issues if i.action != "skipped"]
    print(done, file=sys.stderr)
    if skipped:
        print(f"{len(skipped)} file(s) skipped:", file=sys.stderr)
        for i in skipped:
            print(f"  {i}", file=sys.stderr)
    if warned:
        print(f"{len(warned)} warning(s) while loading:", file=sys.stderr)
        for i in warned:
            print(f"  {i}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) while extracting (figures or documents left out):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    if not (skipped or warned or problems):
        print("nothing was skipped", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
