"""Re-execute the committed notebooks in place, so that their outputs match the library.

    python tools/refresh_notebooks.py [notebooks/02_reported_tolls.ipynb ...]

Runs each notebook (default: every ``notebooks/NN_*.ipynb``) with papermill from the
``notebooks/`` folder, exactly as nbval runs it in the test command, then removes what
changes on every run and says nothing about the results (papermill's timings and
per-cell execution times) and refuses to keep a notebook whose outputs or metadata hold
an absolute path of this machine. Commit the notebooks it rewrites.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
VOLATILE_CELL_KEYS = ("execution", "papermill")
VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path", "environment_variables")


def refresh(path: Path) -> None:
    papermill.execute_notebook(str(path), str(path), cwd=str(NOTEBOOKS), progress_bar=False,
                               kernel_name="python3")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
    meta = nb.metadata.get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        meta.pop(key, None)
    text = json.dumps(nb, ensure_ascii=False)
    for local in {str(ROOT), str(Path.home())}:
        if local and local != "/" and local in text:
            raise SystemExit(f"{path.name}: an output or metadata holds the local path {local}; not kept")
    nbformat.write(nb, path)
    print(f"refreshed {path.relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        refresh(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
