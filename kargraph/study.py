"""Where a kargraph command works, and ``kargraph init DIR``, which creates a study folder.

:func:`find_study` answers "where am I" for every command, in this order:

1. a **study folder**: the working folder or the nearest folder above it holding a
   ``reports.yaml`` or a study ``corpus.yaml`` (one with a ``corpus:`` key)::

       corpus.yaml    # corpus: corpus / profile: my_war (or my_war.yaml)
       reports.yaml   # the reports to render (notebooks/NN.ipynb, relative to it)
       corpus/        # the articles and sources.csv; never written to
       notebooks/     # copies a user may edit; a missing one falls back to the shipped one
       reports/       # rendered runs
2. the repository **checkout** kargraph runs from (``make report``: its ``reports.yaml``,
   each notebook's own corpus);
3. the **package**: the notebooks and ``reports.yaml`` shipped in the wheel, with the
   corpus given on the command line.

A corpus folder may also name its own profile in a ``corpus.yaml`` inside it (``profile:``
only); :func:`corpus_profile` reads either. Written by hand: no library lays out a study
folder of this shape.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ._io import atomic_write_text
from ._paths import in_checkout, repo_root, shipped_config, shipped_notebooks

STUDY_CONFIG = "corpus.yaml"
REPORTS_CONFIG = "reports.yaml"


@dataclass(frozen=True)
class Study:
    """Where a command runs.

    Attributes:
        kind: ``study``, ``checkout`` or ``package`` (see the module docstring).
        root: the study folder or the checkout; None for the package.
        config: the reports config to render.
        corpus: the study's corpus folder (None outside a study, or when it has none).
        profile: the profile the study names: a name or an absolute path (None: none named).
        reports: where rendered runs go (None: ``reports/`` beside the config).
    """

    kind: str
    root: Path | None
    config: Path
    corpus: Path | None = None
    profile: str | None = None
    reports: Path | None = None

    def need_corpus(self, given: str | Path | None = None) -> Path:
        """The corpus a command reads: ``given``, else the study's; a clear error otherwise."""
        if given is not None:
            return Path(given)
        if self.corpus is not None:
            if not self.corpus.is_dir():
                raise FileNotFoundError(f"the study's corpus folder {self.corpus} does not exist "
                                        f"(named in {self.root / STUDY_CONFIG}); create it or fix 'corpus:'")
            return self.corpus
        raise FileNotFoundError(f"no corpus given and no study here (no {STUDY_CONFIG} or "
                                f"{REPORTS_CONFIG} in {Path.cwd()} or above): pass a corpus folder, or run "
                                "`kargraph init DIR` and put the articles in DIR/corpus/")

    def profile_for(self, corpus: str | Path | None, given: str | None = None) -> str | None:
        """The profile for ``corpus``: ``given``, else the one its ``corpus.yaml`` names,
        else the study's (None: the commands' default)."""
        return given or (corpus_profile(corpus) if corpus is not None else None) or self.profile


def find_study(cwd: str | Path | None = None) -> Study:
    """Where a command run from ``cwd`` (default: the working folder) works.

    Raises:
        ValueError: a ``corpus.yaml`` that is not valid YAML or not a mapping.
    """
    here = Path(cwd or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if in_checkout() and folder == repo_root():
            break
        settings = _read_settings(folder / STUDY_CONFIG)
        if "corpus" in settings or (folder / REPORTS_CONFIG).is_file():
            return _study_at(folder, settings)
    if in_checkout():
        return Study("checkout", repo_root(), repo_root() / REPORTS_CONFIG)
    return Study("package", None, shipped_config(), reports=here / "reports")


def _study_at(folder: Path, settings: dict) -> Study:
    config = folder / REPORTS_CONFIG
    # a study's corpus is the one corpus.yaml names, else its corpus/ folder; a folder with
    # only a reports.yaml and no corpus/ leaves each notebook its own corpus_dir
    corpus = folder / str(settings.get("corpus") or "corpus")
    corpus = corpus if "corpus" in settings or corpus.is_dir() else None
    profile = _profile_value(settings.get("profile"), folder)
    return Study("study", folder, config if config.is_file() else shipped_config(), corpus, profile,
                 folder / "reports")


def corpus_profile(corpus_dir: str | Path) -> str | None:
    """The profile a corpus folder names: in its own ``corpus.yaml``, else in the study
    ``corpus.yaml`` beside it whose ``corpus:`` is this folder. Paths come back absolute."""
    corpus_dir = Path(corpus_dir).absolute()
    own = _read_settings(corpus_dir / STUDY_CONFIG)
    if own.get("profile"):
        return _profile_value(own["profile"], corpus_dir)
    parent = _read_settings(corpus_dir.parent / STUDY_CONFIG)
    named = corpus_dir.parent / str(parent.get("corpus") or "corpus")
    if parent.get("profile") and named.resolve() == corpus_dir.resolve():
        return _profile_value(parent["profile"], corpus_dir.parent)
    return None


def load_corpus_profile(corpus_dir: str | Path, profile: str | None = ""):
    """The profile a report runs with: ``profile`` when given (a shipped name, or a YAML
    file resolved like ``corpus_dir``: relative to the repository, else absolute), else
    the one the corpus folder's ``corpus.yaml`` names.

    Raises:
        ValueError: neither names a profile (the message says where to name one).
    """
    from ._paths import resolve_path
    from .profile import load_profile

    if profile:
        return load_profile(resolve_path(profile) if str(profile).endswith((".yaml", ".yml")) else profile)
    named = corpus_profile(resolve_path(corpus_dir))
    if named is None:
        raise ValueError(f"{corpus_dir}: no conflict profile given and none named by the corpus folder "
                         f"(write 'profile: NAME' into {Path(corpus_dir) / STUDY_CONFIG}, or pass one)")
    return load_profile(named)


def _read_settings(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: not valid YAML: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping such as 'profile: NAME'")
    return data


def _profile_value(value, folder: Path) -> str | None:
    """A profile name as is; a YAML path made absolute from the file that names it."""
    if not value:
        return None
    value = str(value)
    return str((folder / value).absolute()) if value.endswith((".yaml", ".yml")) else value


# -------------------------------------------------------------------------------- init
_STUDY_README = """# {name}

A kargraph study: the articles in `corpus/`, the conflict profile named in `corpus.yaml`,
the reports listed in `reports.yaml`, rendered into `reports/<run-id>/`.

    kargraph claims -o claims.csv   # the claims table of corpus/
    kargraph render                 # every report, into reports/ (open reports/latest/index.html)

Put the articles (`.txt`, `.html` or `.jsonl`) into `corpus/` and one row per article into
`corpus/sources.csv` (outlet, address, publication date). Edit the notebooks in
`notebooks/` to change a report; delete one to use the shipped version again. Upgrading
kargraph leaves this folder as it is.
"""
_CORPUS_README = ("Put the articles here (.txt, .html or .jsonl, one file per article) and one row per "
                  "article into sources.csv; kargraph only reads this folder.\n")


def init_study(folder: str | Path, profile: str | None = None) -> list[Path]:
    """Create a study folder (see the module docstring); return the files written.

    Args:
        folder: the study folder; may exist, but none of the files to write may.
        profile: a shipped profile name, or a YAML file (copied into the study); required.

    Raises:
        ValueError: a file to write exists already (nothing is written then).
        FileNotFoundError: no such profile.
        ValueError: no profile given.
    """
    from .corpus import METADATA_COLUMNS
    from .profile import profile_file

    if not profile:
        raise ValueError("kargraph init needs a profile (--profile): a shipped name or a YAML file; "
                         "`kargraph profile new NAME` writes a skeleton to fill in")
    folder = Path(folder).absolute()
    source = profile_file(profile)
    own_profile = profile is not None and str(profile).endswith((".yaml", ".yml"))
    notebooks = sorted(shipped_notebooks().glob("*.ipynb"))
    files = {
        folder / "corpus" / "sources.csv": ",".join(METADATA_COLUMNS) + "\n",
        folder / "corpus" / "README.md": _CORPUS_README,
        folder / STUDY_CONFIG: _study_config(source.name if own_profile else profile),
        folder / REPORTS_CONFIG: shipped_config().read_text(encoding="utf-8"),
        folder / "README.md": _STUDY_README.format(name=folder.name),
        **({folder / source.name: source.read_text(encoding="utf-8")} if own_profile else {}),
        **{folder / "notebooks" / nb.name: _study_notebook(nb) for nb in notebooks},
    }
    taken = [p for p in (*files, folder / "reports") if p.exists()]
    if taken:
        raise ValueError(f"{folder} already holds {', '.join(str(p.relative_to(folder)) for p in taken)}; "
                         "kargraph init overwrites nothing (choose another folder)")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
    (folder / "reports").mkdir()
    return [*files, folder / "reports"]


def _study_config(profile: str) -> str:
    return ("# Read by every kargraph command run in this folder or below it.\n"
            "corpus: corpus  # folder of articles and sources.csv, relative to this file\n"
            f"profile: {profile}  # a profile shipped with kargraph, or a YAML file relative to this file\n")


def _study_notebook(path: Path) -> str:
    """A shipped notebook for a study: outputs cleared, and its corpus default pointed at the
    study's corpus, so that it also runs when opened in Jupyter from ``notebooks/``."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = re.sub(r'^(corpus_dir\s*(?::\s*str)?\s*=\s*)"[^"]*"', r'\1"../corpus"',
                                     cell.source, flags=re.M)
    nb.metadata.pop("papermill", None)
    return nbformat.writes(nb)


def add_parser(subparsers) -> None:
    """Register ``kargraph init`` on the command line's subparsers."""
    p = subparsers.add_parser("init", help="create a study folder: corpus/, corpus.yaml, reports.yaml, "
                                           "notebooks/, reports/ and a README")
    p.add_argument("folder", help="the study folder (created; existing files are never overwritten)")
    p.add_argument("--profile", required=True, help="conflict profile: a shipped name or a YAML file to copy in")
    p.set_defaults(func=_cmd_init)


def _cmd_init(args) -> int:
    written = init_study(args.folder, args.profile)
    folder = Path(args.folder)
    print(f"study created in {folder} ({len(written)} files and folders); next: put the articles into "
          f"{folder / 'corpus'}/, then `cd {folder}` and `kargraph render`")
    return 0
