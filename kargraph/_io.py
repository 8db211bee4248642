"""Writing outputs safely: atomic replacement and spreadsheet-safe CSV cells.

Every file kargraph writes goes through these helpers: the content is written to a
temporary file in the destination folder and moved into place with ``os.replace``, so a
reader never sees half a file and an interrupted run leaves the previous file intact.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

# a cell starting with one of these is read as a formula by spreadsheet programs
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: the formats :func:`write_table` writes, by file suffix
TABLE_SUFFIXES = (".csv", ".parquet", ".json", ".jsonl")


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file + rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would make every output private
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0o022)  # reading the mask means setting it; it is put back at once
    os.umask(mask)
    return mask


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def escape_formula(value):
    """Prefix a text cell that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_for_spreadsheet(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot start a formula (=, +, -, @)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(escape_formula, na_action="ignore")
    return out


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Write a table atomically; the format follows the suffix (.csv, .parquet, .json)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = safe_for_spreadsheet(df).to_csv(index=False).encode("utf-8")
    elif suffix == ".parquet":
        import io

        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        data = buf.getvalue()
    elif suffix in (".json", ".jsonl"):
        data = df.to_json(orient="records", lines=suffix == ".jsonl", force_ascii=False,
                          date_format="iso").encode("utf-8")
    else:
        raise ValueError(f"{path}: unknown table format {suffix!r} (use .csv, .parquet or .json)")
    return atomic_write_bytes(path, data)
