"""Where kargraph's bundled data lives: the one helper that knows the repository layout."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def repo_root() -> Path:
    """The checkout that holds ``pyproject.toml``, ``data/`` and ``notebooks/``.

    Falls back to the package's parent folder when kargraph runs from an installed wheel.
    """
    for candidate in (_PACKAGE.parent, *_PACKAGE.parents):
        if (candidate / "pyproject.toml").is_file() and (candidate / "kargraph").is_dir():
            return candidate
    return _PACKAGE.parent


def bundled_corpus() -> Path:
    """The bundled example corpus: five articles on the 2020 Nagorno-Karabakh war."""
    return repo_root() / "data" / "corpora" / "karabakh"


def in_checkout() -> bool:
    """Whether kargraph runs from a source checkout (else from an installed wheel)."""
    return (repo_root() / "pyproject.toml").is_file() and (repo_root() / "notebooks").is_dir()


def shipped_notebooks() -> Path:
    """The report notebooks: the checkout's ``notebooks/``, else the copy inside the wheel."""
    return repo_root() / "notebooks" if in_checkout() else _PACKAGE / "notebooks"


def shipped_config() -> Path:
    """The default reports config: the checkout's ``reports.yaml``, else the wheel's copy
    (beside its ``notebooks/``, so the notebook paths in it hold in both layouts)."""
    return repo_root() / "reports.yaml" if in_checkout() else _PACKAGE / "reports.yaml"


def profiles_dirs() -> list[Path]:
    """Folders searched for conflict profiles by name, first match wins."""
    return [repo_root() / "data" / "profiles", _PACKAGE / "profiles"]


def resolve_path(path: str | Path) -> Path:
    """A user-given path: absolute as is; relative to the working folder when it exists
    there, else relative to the repository root (so notebook parameters such as
    ``"data/corpora/karabakh"`` work from ``notebooks/`` and from the root alike)."""
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return p
    return repo_root() / p
