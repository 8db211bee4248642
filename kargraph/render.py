"""Rendered reports: executed notebooks, self-contained HTML pages, an index and a manifest.

``render_reports("reports.yaml")`` (``python -m kargraph render``, ``make report``) runs
every notebook declared in the config with papermill, once per parameter set, and writes
into ``reports/<run-id>/``:

================ ==========================================================================
``<name>.ipynb`` the executed notebook; papermill's metadata in it records the parameters
``<name>.html``  the same notebook as one self-contained page: code hidden, every table and
                 figure kept (figures inline as data), no script and no outside resource
``index.html``   the reports with their parameters, corpus, corpus hash, kargraph version
                 and time
``manifest.json`` the same as data, plus the key that ``--if-changed`` compares
================ ==========================================================================

and points ``reports/latest`` (a symlink, or a small text file where symlinks are not
available) at the newest run.

A run is atomic: it writes into a hidden ``.partial-<run-id>-<pid>`` folder beside the
destination and renames it into place only when every notebook succeeded. A failing
notebook, an interrupt or a killed process leave the earlier runs untouched; partial
folders of dead processes are removed by the next run. Parameters are checked against
each notebook's ``parameters`` cell before anything runs (unknown names, wrong types, a
missing corpus folder), so a typo in the config gives one clear message instead of a
traceback from cell 7.

Output safety: the renderer writes only under its output folder (an output path or run id
containing ``..`` is refused, so is an output folder inside a corpus), reads YAML with
``yaml.safe_load`` only, and escapes everything it puts into HTML itself. Each page also
carries a Content-Security-Policy that forbids scripts, so that even an unescaped article
text in some notebook output (``<script>``, ``onerror=``, ``javascript:`` links) cannot run
in a reader's browser. nbconvert's own ``sanitize_html`` is not used: it escapes the
structure of pandas tables (``<thead>``, ``<tbody>``) and so would lose them.

The parameters cell is read with :mod:`ast` rather than ``papermill.inspect_notebook``,
because papermill's inspector skips annotations it cannot parse, such as ``str | None``.
"""
from __future__ import annotations

import ast
import datetime as dt
import hashlib
import html
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, NamedTuple

import yaml

from ._io import atomic_write_text
from ._paths import repo_root, resolve_path, shipped_notebooks

DEFAULT_CONFIG = "reports.yaml"
LATEST = "latest"
_PARTIAL_PREFIX = ".partial-"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

# Everything a report page needs is inline: styles, and images as data: URLs. No script at
# all, so nothing that slipped into an output unescaped can execute.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
_CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'

# nbconvert's lab template without the scripts it loads from the web (require.js,
# MathJax, Mermaid, the widget manager), with the CSP and a provenance banner added
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head -%}
""" + _CSP_META + """
{{ super() }}
{%- endblock html_head -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block body_header -%}
{{ super() }}
{{ resources.kargraph_banner }}
{%- endblock body_header -%}
"""


class RenderError(RuntimeError):
    """A notebook failed (or could not be started); no run was published."""


class ParameterError(ValueError):
    """The config asks for parameters a notebook does not accept."""


@dataclass(frozen=True)
class ParameterSet:
    """One way to run a notebook: a name (used in file names) and parameter values."""

    name: str
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """A notebook declared in the config, with its title and parameter sets."""

    notebook: Path  # absolute
    title: str
    parameter_sets: tuple[ParameterSet, ...]
    source: str  # the notebook path as written in the config


@dataclass(frozen=True)
class ReportConfig:
    """The parsed ``reports.yaml``."""

    path: Path
    reports: tuple[Report, ...]
    data: dict  # the YAML as read, for the run key


@dataclass(frozen=True)
class NotebookParameter:
    """One assignment of a notebook's ``parameters`` cell."""

    name: str
    annotation: str | None  # as written, e.g. "list[str]"
    default: str  # the default as written
    help: str = ""


@dataclass(frozen=True, kw_only=True)
class RenderParams:
    """Options of a render run.

    Attributes:
        corpus_parameter: the notebook parameter that names the corpus folder; it is
            checked to exist, hashed for the index, and set by ``--corpus``.
        kernel_name: Jupyter kernel to run the notebooks with (None: the notebook's own).
        start_timeout: seconds to wait for a kernel to start.
        cell_timeout: seconds one cell may run before the notebook counts as failed.
        progress_bar: papermill's per-cell bar (shown only when stderr is a terminal).
        output_parameters: notebook parameters that name a file or folder the notebook
            writes; each is checked before anything runs (not inside the corpus, writable).
        profile_parameter: the notebook parameter that names the conflict profile; it is
            set by ``--profile``, and the profile file is part of the ``--if-changed`` key.
    """

    corpus_parameter: str = "corpus_dir"
    output_parameters: tuple[str, ...] = ("graph_file", "export_dir")
    profile_parameter: str = "profile"
    kernel_name: str | None = None
    start_timeout: int = 120
    cell_timeout: int | None = 1800
    progress_bar: bool = True


@dataclass(frozen=True)
class RenderResult:
    """What a run did: where it wrote, or that it was skipped as unchanged."""

    run_id: str
    path: Path
    skipped: bool
    manifest: dict


# ------------------------------------------------------------------------------ config
def load_config(path: str | Path = DEFAULT_CONFIG) -> ReportConfig:
    """Read and check a reports config.

    The file is YAML (read with ``yaml.safe_load``)::

        reports:
          - notebook: notebooks/02_reported_tolls.ipynb   # relative to this file
            title: Reported tolls                        # optional
            parameter_sets:                              # optional; default: one set, no parameters
              - name: all-events
                parameters: {}
              - name: war-2020
                parameters: {event: war_2020}

    Raises:
        FileNotFoundError: the config or a notebook it names does not exist.
        ValueError: the config is not valid YAML or not of this shape (the message names
            the file and the entry).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no reports config at {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list) or not data["reports"]:
        raise ValueError(f"{path}: expected a mapping with a non-empty list 'reports'")
    reports, seen = [], set()
    for i, entry in enumerate(data["reports"], start=1):
        where = f"{path}: report #{i}"
        if not isinstance(entry, dict) or not isinstance(entry.get("notebook"), str):
            raise ValueError(f"{where}: needs a 'notebook' path")
        unknown = set(entry) - {"notebook", "title", "parameter_sets"}
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        source = entry["notebook"]
        notebook = _find_notebook(path.parent, source)
        if notebook.suffix != ".ipynb":
            raise ValueError(f"{where}: {source!r} is not a .ipynb notebook")
        if not notebook.is_file():
            raise FileNotFoundError(f"{where}: notebook {source} does not exist (nor a shipped notebook of "
                                    "that name)")
        sets = _parameter_sets(entry.get("parameter_sets"), where)
        for s in sets:
            stem = _output_stem(notebook, s, len(sets))
            if stem in seen:
                raise ValueError(f"{where}: two reports would both be written as {stem}.html")
            seen.add(stem)
        reports.append(Report(notebook, str(entry.get("title") or _title_from_name(notebook)), sets, source))
    return ReportConfig(path.resolve(), tuple(reports), data)


def _find_notebook(folder: Path, source: str) -> Path:
    """A config's notebook: beside the config when there (a study's own edited copy), else
    the shipped notebook of that file name."""
    notebook = (folder / source).resolve()
    shipped = shipped_notebooks() / Path(source).name
    return shipped.resolve() if not notebook.exists() and shipped.is_file() else notebook


def _parameter_sets(raw, where: str) -> tuple[ParameterSet, ...]:
    if raw is None:
        return (ParameterSet("default"),)
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{where}: 'parameter_sets' must be a non-empty list")
    sets, names = [], set()
    for j, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) - {"name", "parameters"}:
            raise ValueError(f"{where}, parameter set #{j}: expected 'name' and 'parameters' only")
        name = str(item.get("name") or "default")
        if not _SAFE_NAME.match(name) or ".." in name:
            raise ValueError(f"{where}, parameter set #{j}: name {name!r} must be letters, digits, '.', '_' or '-'")
        if name in names:
            raise ValueError(f"{where}: parameter set name {name!r} is used twice")
        params = item.get("parameters") or {}
        if not isinstance(params, dict):
            raise ValueError(f"{where}, parameter set {name!r}: 'parameters' must be a mapping")
        names.add(name)
        sets.append(ParameterSet(name, dict(params)))
    return tuple(sets)


def _title_from_name(notebook: Path) -> str:
    return re.sub(r"^\d+[_-]", "", notebook.stem).replace("_", " ").capitalize()


def _output_stem(notebook: Path, pset: ParameterSet, n_sets: int) -> str:
    return notebook.stem if n_sets == 1 and pset.name == "default" else f"{notebook.stem}--{pset.name}"


# -------------------------------------------------------------------------- parameters
def notebook_parameters(notebook: str | Path) -> dict[str, NotebookParameter]:
    """The assignments of a notebook's cell tagged ``parameters``, by name.

    Raises:
        ValueError: the notebook has no ``parameters`` cell, or the cell is not valid Python.
    """
    import nbformat

    notebook = Path(notebook)
    nb = nbformat.read(notebook, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        raise ValueError(f"{notebook}: no cell tagged 'parameters'")
    source = cell.source
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise ValueError(f"{notebook}: the parameters cell is not valid Python: {err}") from None
    lines = source.splitlines()
    found = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            name, annotation = node.target.id, ast.unparse(node.annotation)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, annotation = node.targets[0].id, None
        else:
            continue
        comment = lines[node.end_lineno - 1][node.end_col_offset:].strip()
        found[name] = NotebookParameter(name, annotation, ast.unparse(node.value),
                                        comment.lstrip("#").strip() if comment.startswith("#") else "")
    return found


def check_parameters(notebook: str | Path, values: dict[str, Any], *, corpus_parameter: str = "corpus_dir",
                     cwd: str | Path | None = None) -> None:
    """Check parameter values against a notebook's ``parameters`` cell, before running it.

    Every problem is collected: names the cell does not define, values of the wrong type
    (by the annotation, else by the type of the default), and a corpus folder that does
    not exist (``corpus_parameter``, resolved as :func:`kargraph.resolve_path` would from
    ``cwd``, the notebook's folder by default).

    Raises:
        ParameterError: naming the notebook and each problem.
    """
    notebook = Path(notebook)
    problems = _parameter_problems(notebook, notebook_parameters(notebook), values, corpus_parameter, cwd)
    if problems:
        raise ParameterError(f"{notebook.name}: " + "; ".join(problems))


def _parameter_problems(notebook: Path, declared: dict[str, NotebookParameter], values: dict[str, Any],
                        corpus_parameter: str, cwd: str | Path | None = None) -> list[str]:
    problems = []
    for name, value in values.items():
        spec = declared.get(name)
        if spec is None:
            known = ", ".join(declared) or "none"
            problems.append(f"unknown parameter {name!r} (the notebook's parameters: {known})")
            continue
        expected = spec.annotation or _literal_type(spec.default)
        if expected and not _matches(value, expected):
            problems.append(f"parameter {name!r} must be {expected}, got {type(value).__name__} {value!r}")
    if corpus_parameter in declared:
        corpus = values.get(corpus_parameter, _literal(declared[corpus_parameter].default))
        if isinstance(corpus, (str, os.PathLike)):
            folder = _resolve_from(corpus, Path(cwd) if cwd else notebook.parent)
            if not folder.is_dir():
                problems.append(f"corpus folder {str(corpus)!r} ({corpus_parameter}) does not exist")
    return problems


_MISSING = object()


def _literal(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return _MISSING


def _literal_type(default: str) -> str | None:
    value = _literal(default)
    if value is _MISSING or value is None:
        return None
    return type(value).__name__


def _matches(value, annotation: str) -> bool:
    """Whether ``value`` fits a type annotation written in the notebook.

    Understands builtins, ``X | Y``, ``Optional[X]``, ``list[X]``, ``dict[K, V]``,
    ``tuple[...]``, ``Literal[...]`` and ``Path``; anything else is accepted.
    """
    try:
        node = ast.parse(annotation, mode="eval").body
    except SyntaxError:
        return True
    return _fits(value, node)


_SIMPLE = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "list": (list,),
           "dict": (dict,), "tuple": (list, tuple), "set": (list, set), "Path": (str,),
           "Any": (object,), "object": (object,)}


def _fits(value, node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and node.value is None:
        return value is None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _fits(value, node.left) or _fits(value, node.right)
    name = _dotted(node.value if isinstance(node, ast.Subscript) else node)
    if name is None:
        return True
    base = name.rsplit(".", 1)[-1]
    if isinstance(node, ast.Subscript):
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base == "Optional":
            return value is None or _fits(value, args[0])
        if base == "Union":
            return any(_fits(value, a) for a in args)
        if base == "Literal":
            return any(isinstance(a, ast.Constant) and a.value == value and type(a.value) is type(value)
                       for a in args)
        if base in ("list", "List", "set", "Set", "Sequence"):
            return isinstance(value, (list, tuple, set)) and all(_fits(v, args[0]) for v in value)
        if base in ("dict", "Dict", "Mapping") and len(args) == 2:
            return isinstance(value, dict) and all(_fits(k, args[0]) and _fits(v, args[1])
                                                   for k, v in value.items())
        if base in ("tuple", "Tuple"):
            return isinstance(value, (list, tuple))
        return True
    if base not in _SIMPLE:
        return True
    if base in ("int", "float") and isinstance(value, bool):
        return False  # YAML's true is not a number
    return isinstance(value, _SIMPLE[base])


def _dotted(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _resolve_from(path: str | os.PathLike, cwd: Path) -> Path:
    """Where :func:`kargraph.resolve_path` finds ``path`` when run from ``cwd``."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    if (cwd / p).exists():
        return cwd / p
    return repo_root() / p


# ------------------------------------------------------------------------------ render
def render_reports(config: str | Path | ReportConfig = DEFAULT_CONFIG, *, corpus: str | Path | None = None,
                   profile: str | Path | None = None,
                   out: str | Path | None = None, run_id: str | None = None, if_changed: bool = False,
                   params: RenderParams = RenderParams(),
                   log: Callable[[str], None] | None = None, corrections: str | Path | None = None) -> RenderResult:
    """Render every report of ``config`` into ``out/<run_id>/`` and point ``out/latest`` at it.

    Args:
        config: path of the reports YAML, or a loaded :class:`ReportConfig`.
        corpus: a corpus folder to use instead of each notebook's own (sets the
            ``params.corpus_parameter`` of every notebook that has one).
        profile: a profile name or YAML file to use instead of each notebook's own (sets
            ``params.profile_parameter``); default: the one the corpus's ``corpus.yaml``
            names, if any. A profile that does not fit a corpus gets a warning line.
        out: output folder; default ``reports/`` beside the config file.
        run_id: folder name of this run; default the UTC time, e.g. ``20201023T101500Z``.
        if_changed: skip the run when the corpus hashes, the profile files, the config, the
            notebooks and the kargraph version are those of the latest run.
        params: see :class:`RenderParams`.
        log: where progress lines go (default: stderr).
        corrections: a corrections CSV (``kargraph.corrections``) given to every notebook
            with a ``corrections`` parameter; default the config's ``corrections:`` key
            (relative to the config file). Its fingerprint is in the manifest and in
            what ``if_changed`` compares.

    Returns:
        A :class:`RenderResult`; its ``manifest`` is what ``manifest.json`` holds.

    Raises:
        ValueError: a path or run id containing ``..``, an output folder inside a corpus,
            or an existing run id.
        ParameterError: parameters that do not fit a notebook (nothing has run then).
        RenderError: a notebook failed; the message names the notebook, the cell and the
            error, and no earlier run was touched.
    """
    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    cfg = config if isinstance(config, ReportConfig) else load_config(config)
    out_dir = _safe_out(out, cfg)
    run_id = run_id or _default_run_id(out_dir)
    _check_name(run_id, "run id")
    if (out_dir / run_id).exists():
        raise ValueError(f"{out_dir / run_id} already exists; choose another --run-id")

    if profile is None and corpus is not None:
        from .study import corpus_profile

        profile = corpus_profile(corpus)
    jobs = _plan(cfg, corpus, params, profile)
    fingerprints = _fingerprints({job.corpus_path for job in jobs if job.corpus_path},
                                 {(job.corpus_path, job.profile) for job in jobs if job.corpus_path}, log)
    profiles = _profile_fingerprints({job.profile for job in jobs if job.profile})
    for job in jobs:
        if job.corpus_path is not None and _is_inside(out_dir, job.corpus_path):
            raise ValueError(f"output folder {out_dir} is inside the corpus {job.corpus_path}; "
                             "kargraph never writes into a corpus folder")
    key = _run_key(cfg, fingerprints, corpus, profiles)
    corrections_file = _corrections_file(cfg, corrections)
    if corrections_file is not None:
        key = _with_corrections(jobs, corrections_file, key)

    if if_changed:
        previous = latest_manifest(out_dir)
        if previous and previous.get("key") == key:
            log(f"unchanged since run {previous['run_id']} (corpus, profile, config, notebooks, kargraph version); "
                "skipped")
            return RenderResult(previous["run_id"], out_dir / previous["run_id"], True, previous)

    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(out_dir)
    partial = out_dir / f"{_PARTIAL_PREFIX}{run_id}-{os.getpid()}"
    partial.mkdir()
    created = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    try:
        entries = []
        for i, job in enumerate(jobs, start=1):
            label = f"[{i}/{len(jobs)}] {job.report.source} ({job.pset.name})"
            started = time.perf_counter()
            _execute(job, partial, params)
            seconds = round(time.perf_counter() - started, 1)
            entry = _entry(job, fingerprints, seconds, profiles)
            entry["findings"] = notebook_findings(partial / f"{job.stem}.ipynb")
            _write_html(partial / f"{job.stem}.ipynb", partial / f"{job.stem}.html", entry, run_id, created)
            entries.append(entry)
            log(f"{label} done in {seconds:.1f}s")
        manifest = _manifest(cfg, run_id, created, corpus, fingerprints, key, entries)
        if corrections_file is not None:
            from .corrections import fingerprint

            manifest["corrections"] = {"path": _display_path(corrections_file),
                                       "fingerprint": fingerprint(corrections_file)}
        atomic_write_text(partial / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        atomic_write_text(partial / "index.html", index_html(manifest))
        for path in partial.iterdir():  # temporary files are private; published reports are not
            path.chmod(0o644)
        try:
            os.rename(partial, out_dir / run_id)  # the moment the run becomes visible
        except OSError as err:  # another render took the same run id meanwhile
            raise RenderError(f"could not publish run {run_id} in {out_dir}: {err.strerror}") from None
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)
    _point_latest(out_dir, run_id)
    log(f"{len(entries)} report(s) in {out_dir / run_id}")
    return RenderResult(run_id, out_dir / run_id, False, manifest)


def latest_run(out_dir: str | Path) -> str | None:
    """The run id that ``out_dir/latest`` points at, or None."""
    pointer = Path(out_dir) / LATEST
    if pointer.is_symlink():
        return Path(os.readlink(pointer)).name
    if pointer.is_file():
        return pointer.read_text(encoding="utf-8").strip() or None
    return None


def latest_manifest(out_dir: str | Path) -> dict | None:
    """The manifest of the latest run in ``out_dir``, or None when there is none."""
    run = latest_run(out_dir)
    path = Path(out_dir) / run / "manifest.json" if run else None
    if path is None or not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return None


def _safe_out(out, cfg: ReportConfig) -> Path:
    if out is None:
        return cfg.path.parent / "reports"
    if ".." in Path(out).parts:
        raise ValueError(f"output path {str(out)!r} contains '..'; give a folder without parent references")
    from ._outputs import resolve_output

    return resolve_output(out, folder=True)[0]  # a file there, or no right to write: refused now


def _check_name(name: str, what: str) -> None:
    if ".." in name or not _SAFE_NAME.match(name) or name == LATEST:
        raise ValueError(f"{what} {name!r} is not allowed: use letters, digits, '.', '_' or '-', "
                         f"without '..', and not {LATEST!r}")


def _default_run_id(out_dir: Path) -> str:
    base = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    run_id, n = base, 1
    while (out_dir / run_id).exists():
        n += 1
        run_id = f"{base}-{n}"
    return run_id


class _Job(NamedTuple):
    """One notebook run: a report, one of its parameter sets, the values passed."""

    report: Report
    pset: ParameterSet
    values: dict[str, Any]
    corpus_path: Path | None  # the corpus folder the notebook will read, when known
    profile: str | None  # the profile name or YAML path the notebook will load, when known
    stem: str  # output file name without suffix


def _plan(cfg: ReportConfig, corpus, params: RenderParams, profile=None) -> list[_Job]:
    """One job per notebook and parameter set, every parameter checked before any runs."""
    override = None
    if corpus is not None:
        if ".." in Path(corpus).parts:
            raise ValueError(f"corpus path {str(corpus)!r} contains '..'")
        override = Path(corpus).expanduser().absolute()
        if not override.is_dir():
            raise FileNotFoundError(f"corpus folder {corpus} does not exist")
    jobs, problems = [], []
    for report in cfg.reports:
        declared = notebook_parameters(report.notebook)
        for pset in report.parameter_sets:
            values = dict(pset.parameters)
            if override is not None and params.corpus_parameter in declared:
                values[params.corpus_parameter] = str(override)
            if profile is not None and params.profile_parameter in declared:
                values[params.profile_parameter] = _profile_value(profile)
            found = _parameter_problems(report.notebook, declared, values, params.corpus_parameter)
            corpus_value = values.get(params.corpus_parameter)
            if corpus_value is None and params.corpus_parameter in declared:
                corpus_value = _literal(declared[params.corpus_parameter].default)
            found += _output_problems(report.notebook, values, corpus_value, params.output_parameters)
            if found:
                problems.append(f"{report.source} ({pset.name}): " + "; ".join(found))
                continue
            corpus_path = (_resolve_from(corpus_value, report.notebook.parent).resolve()
                           if isinstance(corpus_value, str) else None)
            jobs.append(_Job(report, pset, values, corpus_path,
                             _job_profile(values, declared, params.profile_parameter, corpus_path),
                             _output_stem(report.notebook, pset, len(report.parameter_sets))))
    if problems:
        raise ParameterError(f"{cfg.path.name}: bad parameters, nothing was run:\n  " + "\n  ".join(problems))
    return jobs


def _corrections_file(cfg: ReportConfig, given) -> Path | None:
    """The corrections file of a run: ``given``, else the config's ``corrections:`` key."""
    if given is None:
        given = cfg.data.get("corrections")
        if given is None:
            return None
        if not isinstance(given, str):
            raise ValueError(f"{cfg.path}: 'corrections' must be the path of a corrections CSV")
        given = cfg.path.parent / given
    if ".." in Path(given).parts:
        raise ValueError(f"corrections path {str(given)!r} contains '..'")
    path = Path(given).expanduser().absolute()
    if not path.is_file():
        raise FileNotFoundError(f"corrections file {given} does not exist")
    return path


def _with_corrections(jobs: list[_Job], path: Path, key: str) -> str:
    """Give ``path`` to the notebooks that take ``corrections``; the run key with its hash."""
    from .corrections import fingerprint

    for job in jobs:
        if "corrections" in notebook_parameters(job.report.notebook) and "corrections" not in job.pset.parameters:
            job.values["corrections"] = str(path)
    return hashlib.sha256(f"{key}|{fingerprint(path)}".encode("utf-8")).hexdigest()[:16]


def _output_problems(notebook: Path, values: dict, corpus_value, names: tuple[str, ...]) -> list[str]:
    """What is wrong with the outputs the parameters ask a notebook to write."""
    from ._outputs import OutputError, resolve_output

    corpora = [_resolve_from(corpus_value, notebook.parent)] if isinstance(corpus_value, str) else []
    problems = []
    for name in names:
        if isinstance(values.get(name), str) and values[name]:
            try:
                resolve_output(_resolve_from(values[name], notebook.parent), corpora=corpora,
                               folder=name.endswith("_dir"))
            except OutputError as err:
                problems.append(f"parameter {name!r}: {err}")
    return problems


def _profile_value(profile: str | Path) -> str:
    """A profile name as is; a YAML path absolute, as the notebooks run in their own folder."""
    text = str(profile)
    return str(Path(text).expanduser().absolute()) if text.endswith((".yaml", ".yml")) else text


def _job_profile(values: dict, declared: dict[str, NotebookParameter], name: str, corpus_path: Path | None):
    """The profile a job runs with: its parameter, else (empty) the one its corpus names."""
    profile = _declared(values, declared, name)
    if not profile and corpus_path is not None:
        from .study import corpus_profile

        profile = corpus_profile(corpus_path)
    return profile


def _declared(values: dict, declared: dict[str, NotebookParameter], name: str):
    """A parameter's value for a run: the one passed, else the notebook's default."""
    if name in values:
        return values[name]
    return _literal(declared[name].default) if name in declared else None


def _fingerprints(folders: set[Path], pairs: set[tuple] = frozenset(), log=None) -> dict[str, str]:
    """The corpus hashes; and a warning line per (corpus, profile) pair that does not fit."""
    from .corpus import load_corpus
    from .profile import profile_fit

    found = {}
    for folder in sorted(folders):
        with warnings.catch_warnings():
            # the notebooks report load problems themselves; here only the hash matters
            warnings.simplefilter("ignore")
            corpus = load_corpus(folder)
            found[str(folder)] = corpus.fingerprint
            for profile in sorted({p for f, p in pairs if f == folder and isinstance(p, str)}):
                message = profile_fit(corpus, _resolved_profile(profile)).warning()
                if message and log:
                    log(f"WARNING: {_display_path(folder)}: {message}")
    return found


def _resolved_profile(profile: str) -> str:
    return str(resolve_path(profile)) if profile.endswith((".yaml", ".yml")) else profile


def _profile_fingerprints(profiles: set) -> dict[str, str]:
    """The hash of each profile file the runs load, by its displayed path."""
    from .profile import profile_file

    found = {}
    for profile in sorted(p for p in profiles if isinstance(p, str)):
        path = profile_file(_resolved_profile(profile))
        found[profile] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return found


def _run_key(cfg: ReportConfig, fingerprints: dict[str, str], corpus, profiles: dict[str, str] | None = None) -> str:
    from . import __version__

    h = hashlib.sha256()
    h.update(json.dumps(cfg.data, sort_keys=True, default=str).encode("utf-8"))
    h.update(json.dumps(sorted(fingerprints.values())).encode("utf-8"))
    h.update(str(corpus is not None).encode("utf-8"))
    h.update(json.dumps(profiles or {}, sort_keys=True).encode("utf-8"))  # an edited profile is a changed report
    h.update(__version__.encode("utf-8"))
    for report in cfg.reports:  # an edited notebook is a changed report
        h.update(hashlib.sha256(report.notebook.read_bytes()).digest())
    return h.hexdigest()[:16]


def _remove_stale_partials(out_dir: Path) -> None:
    """Delete partial folders left by killed runs (their process is gone)."""
    for folder in out_dir.glob(f"{_PARTIAL_PREFIX}*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _execute(job: _Job, partial: Path, params: RenderParams) -> None:
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    report, pset = job.report, job.pset
    output = partial / f"{job.stem}.ipynb"
    # papermill's own reading of the parameters cell warns about annotations it cannot
    # parse ("str | None") and calls such parameters unknown; they were checked above
    papermill_log = logging.getLogger("papermill")
    level = papermill_log.level
    papermill_log.setLevel(logging.ERROR)
    kernel_log = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")
    try:
        papermill.execute_notebook(
            str(report.notebook), str(output), parameters=job.values, cwd=str(report.notebook.parent),
            kernel_name=params.kernel_name, start_timeout=params.start_timeout,
            execution_timeout=params.cell_timeout,
            progress_bar=params.progress_bar and sys.stderr.isatty(),
            kernel_manager_class=_kernel_manager(kernel_log),
        )
    except PapermillExecutionError as err:
        first_line = next((line for line in err.source.splitlines() if line.strip()), "")
        raise RenderError(
            f"{report.source} ({pset.name}) failed in cell In [{err.exec_count}] "
            f"(cell {err.cell_index + 1} of the executed notebook, starting {first_line.strip()!r}): "
            f"{err.ename}: {err.evalue}; earlier reports are left as they were"
        ) from None
    except Exception as err:  # kernel could not start, died, timed out ...
        said = _last_line(kernel_log)
        raise RenderError(f"{report.source} ({pset.name}) could not be run: {type(err).__name__}: {err}"
                          + (f" (the kernel said: {said})" if said else "")
                          + "; earlier reports are left as they were") from None
    finally:
        papermill_log.setLevel(level)
        kernel_log.close()
    # papermill records absolute input/output paths of this machine and of the partial
    # folder; keep the audit trail but make it true after the rename and free of local paths
    nb = nbformat.read(output, as_version=4)
    meta = nb.metadata.setdefault("papermill", {})
    meta["input_path"] = _display_path(report.notebook)
    meta["output_path"] = output.name
    nb.metadata.pop("widgets", None)  # widget state needs a live kernel; reports are static
    atomic_write_text(output, nbformat.writes(nb))


def _kernel_manager(log):
    """A kernel manager whose kernel writes its stderr to ``log`` instead of the terminal:
    a kernel stopped by an interrupt prints tracebacks about its closed sockets."""
    from jupyter_client.manager import AsyncKernelManager

    class _Manager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw["stderr"] = log
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return _Manager


def _last_line(log) -> str:
    log.seek(0)
    lines = [line.strip() for line in log.read().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _display_path(path: Path | str) -> str:
    """Repository-relative when inside the checkout, else as given."""
    try:
        return Path(path).resolve().relative_to(repo_root()).as_posix()
    except ValueError:
        return str(path)


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _entry(job: _Job, fingerprints: dict[str, str], seconds: float, profiles: dict[str, str] | None = None) -> dict:
    corpus_path = job.corpus_path
    return {
        "title": job.report.title,
        "notebook": _display_path(job.report.notebook),
        "parameter_set": job.pset.name,
        "parameters": job.values,
        "corpus": _display_path(corpus_path) if corpus_path else None,
        "corpus_fingerprint": fingerprints.get(str(corpus_path)) if corpus_path else None,
        "profile": _display_path(job.profile) if isinstance(job.profile, str) and job.profile.endswith(
            (".yaml", ".yml")) else job.profile,
        "profile_fingerprint": (profiles or {}).get(job.profile),
        "ipynb": f"{job.stem}.ipynb",
        "html": f"{job.stem}.html",
        "seconds": seconds,
    }


def notebook_findings(ipynb: Path) -> list[str]:
    """The findings an executed notebook shows: the lines of the Markdown output of its
    cell tagged ``findings`` (:func:`kargraph.findings.findings_markdown`), numbers and
    code marks taken off; empty when the notebook has no such cell."""
    import nbformat

    nb = nbformat.read(ipynb, as_version=4)
    for cell in nb.cells:
        if "findings" in cell.get("metadata", {}).get("tags", []):
            for out in cell.get("outputs", []):
                text = out.get("data", {}).get("text/markdown")
                if text:
                    return [re.sub(r"^\d+\.\s+", "", line).replace("`", "")
                            for line in "".join(text).splitlines() if line.strip()]
    return []


def _manifest(cfg, run_id, created, corpus, fingerprints, key, entries) -> dict:
    from . import __version__

    return {
        "run_id": run_id,
        "created": created.isoformat().replace("+00:00", "Z"),
        "kargraph_version": __version__,
        "config": _display_path(cfg.path),
        "corpus_override": _display_path(corpus) if corpus is not None else None,
        "corpora": {_display_path(p): h for p, h in fingerprints.items()},
        "key": key,
        "reports": entries,
    }


# -------------------------------------------------------------------------------- HTML
def _write_html(ipynb: Path, target: Path, entry: dict, run_id: str, created: dt.datetime) -> None:
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab", extra_loaders=[jinja2.DictLoader({"kargraph_report.html.j2": _TEMPLATE})],
        template_file="kargraph_report.html.j2", exclude_input=True, exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    nb = nbformat.read(ipynb, as_version=4)
    resources = {"metadata": {"name": entry["title"]}, "kargraph_banner": _banner(entry, run_id, created)}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    atomic_write_text(target, body)


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _params_text(parameters: dict) -> str:
    return json.dumps(parameters, ensure_ascii=False, sort_keys=True, default=str) if parameters else "defaults"


def _banner(entry: dict, run_id: str, created: dt.datetime) -> str:
    from . import __version__

    return (
        '<header class="kargraph-banner" style="font:13px sans-serif;background:#f3f4f6;'
        'border-bottom:1px solid #d1d5db;padding:8px 16px;margin-bottom:8px">'
        f'<a href="index.html">All reports</a> &middot; <strong>{_e(entry["title"])}</strong> '
        f'&middot; parameters: <code>{_e(_params_text(entry["parameters"]))}</code> '
        f'&middot; corpus: <code>{_e(entry["corpus"])}</code> ({_e(entry["corpus_fingerprint"])}) '
        f'&middot; kargraph {_e(__version__)} &middot; run {_e(run_id)}, '
        f'{_e(created.strftime("%Y-%m-%d %H:%M UTC"))}</header>'
    )


def index_html(manifest: dict) -> str:
    """The run's ``index.html``: every report with its parameters and corpus; all escaped."""
    rows = "\n".join(
        "<tr>"
        f'<td><a href="{_e(r["html"])}">{_e(r["title"])}</a></td>'
        f'<td><code>{_e(r["notebook"])}</code> (<a href="{_e(r["ipynb"])}">ipynb</a>)</td>'
        f"<td>{_e(r['parameter_set'])}</td>"
        f"<td><code>{_e(_params_text(r['parameters']))}</code></td>"
        f"<td><code>{_e(r['corpus'])}</code></td>"
        f"<td><code>{_e(r['corpus_fingerprint'])}</code></td>"
        f"<td>{_e(r['seconds'])}</td>"
        "</tr>"
        for r in manifest["reports"]
    )
    findings = "\n".join(
        f'<h3><a href="{_e(r["html"])}">{_e(r["title"])}</a> ({_e(r["parameter_set"])})</h3>\n<ol>'
        + "".join(f"<li>{_e(line)}</li>" for line in r["findings"]) + "</ol>"
        for r in manifest["reports"] if r.get("findings")
    )
    findings = f'<h2>Findings</h2>\n<div id="findings">\n{findings}\n</div>' if findings else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{_CSP_META}
<title>kargraph reports {_e(manifest['run_id'])}</title>
<style>
body {{ font: 15px/1.4 sans-serif; margin: 2em; color: #111827; }}
table {{ border-collapse: collapse; }}
th, td {{ border-bottom: 1px solid #e5e7eb; padding: 4px 10px; text-align: left; vertical-align: top; }}
th {{ background: #f3f4f6; }}
code {{ font-size: 13px; }}
</style>
</head>
<body>
<h1>kargraph reports</h1>
<p>Run <code>{_e(manifest['run_id'])}</code>, {_e(manifest['created'])}, kargraph {_e(manifest['kargraph_version'])},
config <code>{_e(manifest['config'])}</code>.</p>
<table id="reports">
<thead><tr><th>report</th><th>notebook</th><th>parameter set</th><th>parameters</th><th>corpus</th>
<th>corpus hash</th><th>seconds</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
{findings}
</body>
</html>
"""


def _point_latest(out_dir: Path, run_id: str) -> None:
    """Point ``out_dir/latest`` at ``run_id`` atomically (symlink, else a text file)."""
    tmp = out_dir / f".{LATEST}.{os.getpid()}.tmp"
    try:
        tmp.unlink(missing_ok=True)
        os.symlink(run_id, tmp, target_is_directory=True)
        os.replace(tmp, out_dir / LATEST)
    except (OSError, NotImplementedError):
        tmp.unlink(missing_ok=True)
        atomic_write_text(out_dir / LATEST, run_id + "\n")


# --------------------------------------------------------------------------------- CLI
def add_parser(subparsers) -> None:
    """Register ``kargraph render`` on the command line's subparsers."""
    p = subparsers.add_parser(
        "render", help="run the report notebooks with papermill into reports/<run-id>/ (HTML, index, manifest)")
    p.add_argument("--config", default=None,
                   help=f"reports config (default: the study's {DEFAULT_CONFIG}, else the shipped one)")
    p.add_argument("--corpus", default=None,
                   help="corpus folder to use instead of each notebook's default (default: the study's corpus/)")
    p.add_argument("--profile", default=None,
                   help="conflict profile name or YAML file (default: the one corpus.yaml names)")
    p.add_argument("--out", default=None, help="output folder (default: the study's reports/, "
                                               "else reports/ beside the config)")
    p.add_argument("--run-id", default=None, help="name of this run's folder (default: the UTC time)")
    p.add_argument("--if-changed", action="store_true",
                   help="do nothing when corpus, profile, config, notebooks and kargraph version are unchanged "
                        "(for cron)")
    p.add_argument("--corrections", default=None,
                   help="corrections CSV applied by every notebook that takes one (default: the config's "
                        "'corrections:' key)")
    p.set_defaults(func=_cmd_render)


def _cmd_render(args) -> int:
    import signal

    from .study import find_study

    # `kill` (as a scheduler does on timeout) cleans up like Ctrl-C: the partial run is
    # removed and the kernel shut down; earlier runs are never touched either way
    signal.signal(signal.SIGTERM, _interrupt)
    # after an interrupt the kernel's tasks end with DeadKernelError, which asyncio would
    # print as a traceback ("Task exception was never retrieved"); the interrupt is reported
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    study = find_study()
    # without --corpus a checkout (`make report`) or a study without a corpus renders each
    # notebook's own corpus; outside both a corpus is needed, and a missing one is named
    corpus = (study.need_corpus(args.corpus)
              if args.corpus or study.corpus or study.kind == "package" else None)
    config = resolve_path(args.config) if args.config else study.config
    try:
        render_reports(config, corpus=corpus, profile=study.profile_for(corpus, args.profile),
                       out=args.out or study.reports, run_id=args.run_id, if_changed=args.if_changed,
                       corrections=args.corrections)
    except RenderError as err:
        print(f"kargraph render: {err}", file=sys.stderr)
        return 1
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")
