"""The explorer served as an app: notebook 00 run by Voilà on 127.0.0.1, its widgets'
JavaScript served by Voilà from the installed packages, with a reviewer's controls
writing to a corrections file. The page loads nothing from the network: kargraph's Voilà
template (``kargraph/voila/templates/kargraph``) drops the lab template's CDN links.

    python -m kargraph explore [--corpus DIR] [--profile P] [--corrections FILE] [--port N]

The notebook is parameterised with papermill (its ``parameters`` cell, as ``render``
does) into a temporary folder and served from there; the corpus is only read.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
from pathlib import Path

NOTEBOOK = "00_explorer.ipynb"


def add_parser(sub) -> None:
    """Register ``explore`` on the ``kargraph`` command line."""
    p = sub.add_parser("explore", help="serve the explorer (notebook 00) as a web app with Voila")
    p.add_argument("--corpus", default=None,
                   help="corpus folder (default: the study's, else the notebook's, the bundled corpus)")
    p.add_argument("--profile", default=None, help="conflict profile name or YAML path")
    p.add_argument("--corrections", default="corrections.csv",
                   help="corrections CSV the review panel appends to (created on the first edit; "
                        "default: corrections.csv here, or in the study folder); '' for no review panel")
    p.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default 8866)")
    p.set_defaults(func=_cmd_explore)


def parameters(corpus: str | None, profile: str | None, corrections: str | None) -> dict:
    """The notebook parameters for these options, paths made absolute.

    Raises:
        FileNotFoundError: the corpus folder does not exist.
        ValueError: the corrections file would be inside the corpus.
    """
    values: dict = {}
    if corpus is not None:
        folder = Path(corpus).expanduser().absolute()
        if not folder.is_dir():
            raise FileNotFoundError(f"corpus folder {corpus} does not exist")
        values["corpus_dir"] = str(folder)
    if profile is not None:
        values["profile"] = str(Path(profile).absolute()) if profile.endswith((".yaml", ".yml")) else profile
    if corrections:
        path = Path(corrections).expanduser().absolute()
        if corpus is not None and path.resolve().is_relative_to(Path(corpus).resolve()):
            raise ValueError(f"{corrections} is inside the corpus folder {corpus}; kargraph never writes into a corpus")
        values["corrections"] = str(path)
    return values


def prepare(folder: Path, values: dict, study=None) -> Path:
    """Notebook 00 with ``values`` in its parameters, written into ``folder``: the study's
    own copy when it has one, else the shipped notebook."""
    import nbformat
    from papermill.parameterize import parameterize_notebook

    from ._paths import shipped_notebooks

    own = study.root / "notebooks" / NOTEBOOK if study is not None and study.kind == "study" else None
    nb = nbformat.read(own if own is not None and own.is_file() else shipped_notebooks() / NOTEBOOK, as_version=4)
    nb = parameterize_notebook(nb, values) if values else nb
    target = folder / Path(NOTEBOOK).name
    nbformat.write(nb, target)
    return target


def voila_command(notebook: Path, port: int) -> list[str]:
    """The Voilà command serving ``notebook`` on 127.0.0.1:``port`` without a browser."""
    return [sys.executable, "-m", "voila", str(notebook), f"--port={port}", "--Voila.ip=127.0.0.1",
            "--no-browser", "--Voila.port_retries=0", "--template=kargraph"]


def voila_environment() -> dict[str, str]:
    """The environment for Voilà: kargraph's template (no CDN links) on its search path."""
    import os

    here = str(Path(__file__).resolve().parent)
    return {**os.environ, "JUPYTER_PATH": os.pathsep.join(p for p in (here, os.environ.get("JUPYTER_PATH")) if p)}


def _cmd_explore(args) -> int:
    from .study import find_study

    study = find_study()
    corpus = args.corpus if args.corpus is not None else study.corpus
    corrections = args.corrections
    if study.kind == "study" and corrections == "corrections.csv":
        corrections = str(study.root / corrections)
    values = parameters(None if corpus is None else str(corpus), study.profile_for(corpus, args.profile),
                        corrections)
    with tempfile.TemporaryDirectory(prefix="kargraph-explore-") as folder:
        notebook = prepare(Path(folder), values, study)
        print(f"explorer on http://127.0.0.1:{args.port}/ (Ctrl-C stops it)"
              + (f"; corrections -> {values['corrections']}" if "corrections" in values else ""), file=sys.stderr)
        server = subprocess.Popen(voila_command(notebook, args.port), cwd=folder, env=voila_environment())
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server with this command
        try:
            return server.wait()
        finally:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=30)
