"""Committed notebooks stay honest: nbval catches stale outputs, and every notebook in
``notebooks/`` is committed executed, in order, with a parameters cell and no local paths.

nbval itself re-runs the committed notebooks in every test run (``conftest.py``); the
tests here prove, on a small notebook built in a temporary folder, that a stale output
makes that run fail while sanitised or ignored volatile output does not.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kargraph._paths import repo_root

SANITIZE = repo_root() / "notebooks" / "nbval_sanitize.cfg"
NOTEBOOKS = sorted((repo_root() / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# a path of a machine: home folders, temporary folders, this checkout's parents
LOCAL_PATH = re.compile(r"(/home/|/root/|/tmp/|/private/var/|/Users/|[A-Z]:\\\\|/work/)")


def executed_notebook(folder: Path) -> Path:
    """A notebook with a key table, a volatile cell tagged to be ignored and an address."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Tolls\nHow many?"),
        nbformat.v4.new_code_cell("n: int = 40  # figure", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import pandas as pd\npd.DataFrame({'outlet': ['A', 'B'], 'killed': [n, n + 15]})"),
        nbformat.v4.new_code_cell("import time\ntime.time()", metadata={"tags": ["nbval-ignore-output"]}),
        nbformat.v4.new_code_cell("object()"),  # <object object at 0x...>: sanitised
        nbformat.v4.new_code_cell("print(f'done in {time.perf_counter() % 7:.1f}s')"),  # sanitised
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    path = folder / "tolls.ipynb"
    nbformat.write(nb, path)
    return path


def run_nbval(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "nbval", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(SANITIZE), "-p", "no:cacheprovider", "-q", str(path)],
        cwd=path.parent, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> Path:
    return executed_notebook(tmp_path_factory.mktemp("nbval"))


def edited(original: Path, edits: dict) -> Path:
    """A copy of the notebook with the first output of some cells changed."""
    nb = nbformat.read(original, as_version=4)
    for cell, edit in edits.items():
        edit(nb.cells[cell].outputs[0])
    target = original.parent / f"edited_{'_'.join(map(str, edits))}.ipynb"
    nbformat.write(nb, target)
    return target


def test_nbval_passes_a_notebook_whose_outputs_are_current(committed):
    result = run_nbval(committed)
    assert result.returncode == 0, result.stdout


def test_nbval_fails_when_a_key_table_in_the_committed_outputs_is_stale(committed):
    def stale(output):  # as if the library had computed 54 before a fix
        for mime in ("text/plain", "text/html"):
            output["data"][mime] = output["data"][mime].replace("55", "54")

    result = run_nbval(edited(committed, {2: stale}))
    assert result.returncode == 1
    assert "1 failed" in result.stdout and "54" in result.stdout


def test_nbval_ignores_volatile_outputs_by_tag_or_sanitize_pattern(committed):
    volatile = {
        3: lambda out: out["data"].update({"text/plain": "1234.5"}),  # tagged nbval-ignore-output
        4: lambda out: out["data"].update({"text/plain": "<object at 0x7f00deadbeef>"}),  # an address
        5: lambda out: out.update({"text": "done in 99.9s\n"}),  # an elapsed time
    }
    result = run_nbval(edited(committed, volatile))
    assert result.returncode == 0, result.stdout
    assert "5 passed" in result.stdout


# ------------------------------------------------------------ the committed notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_notebook_is_executed_in_order_with_a_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown", "the first cell says what the notebook answers"
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert None not in counts, "committed executed, with outputs"
    assert counts == sorted(counts) and len(set(counts)) == len(counts), \
        "cells were run top to bottom once (no hidden state)"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == [], "no cell fails"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_notebook_holds_no_local_paths(path):
    text = json.dumps(json.loads(path.read_text(encoding="utf-8")))
    assert not LOCAL_PATH.search(text), LOCAL_PATH.search(text)
