"""A researcher's corrections to the claims table, kept in a CSV outside the corpus, and
what they produce: the corrected claims table, the review queue and inter-coder agreement.

The corrections file has one row per change (table ``corrections`` of
:mod:`kargraph.schema`): ``claim_id,field,value,reviewer,note,timestamp``.

- ``field`` is a column of the claims table (``side``, ``claimant``, ``victims``, ...): the
  claim's value is replaced; the latest row for a claim and field wins;
- ``field=exists,value=false`` rejects a claim (it leaves the table), ``value=true`` adds
  a missed one, named by its id ``doc_id:start-end``;
- ``field=checked,value=true`` records that a person checked the claim as it stands.

:func:`apply_corrections` returns the corrected table: corrected rows keep their
``claim_id`` and gain ``corrected_fields`` and ``reviewed_by``; a correction whose claim no
longer exists is warned about with its claim id (it stays in the file).
:func:`append_correction` adds one row under a file lock (``filelock``), written and
synced in one call, so that two quick edits never lose one. :func:`agreement` compares
two reviewers' files with Cohen's kappa and raw agreement per attribute;
:func:`review_queue` orders the claims a person should check.

Written by hand: reading, validating and applying the rows (no library knows this
format), and Cohen's kappa (a few lines; scikit-learn's ``cohen_kappa_score`` would bring a
large dependency for one formula).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import warnings
from pathlib import Path

import pandas as pd

from . import schema

COLUMNS = schema.columns("corrections")
#: pseudo-fields besides the claims columns
EXISTS, CHECKED = "exists", "checked"
#: the fields a reviewer corrects from the profile's ids (explorer and review queue)
REVIEW_FIELDS = ("side", "claimant", "victims", "outcome", "event", "hedge", "attribution")
_CLAIM_ID = re.compile(r"^(?P<doc>.+):(?P<start>\d+)-(?P<end>\d+)$")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
# columns a correction may not change: they identify the claim or are derived from its span
_FIXED = {"claim_id", "doc_id", "start", "end", "text", "sentence", "sentence_start", "outlet", "published"}


class CorrectionsWarning(UserWarning):
    """A correction that could not be applied (its claim is gone, its field is unknown)."""


def read_corrections(path: str | os.PathLike) -> pd.DataFrame:
    """The rows of a corrections file, validated; a missing file is an empty table.

    Raises:
        ValueError: the file lacks a required column or a row is malformed (naming the
            file and the line).
    """
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS, dtype="string")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS[:4] if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: corrections file lacks column(s) {', '.join(missing)} "
                         f"(expected {','.join(COLUMNS)})")
    for column in COLUMNS:
        if column not in table.columns:
            table[column] = ""
    known = {c.name for c in schema.CLAIMS} | {EXISTS, CHECKED}
    for line, row in zip(range(2, len(table) + 2), table.itertuples()):
        if not row.claim_id or row.field not in known:
            raise ValueError(f"{path}, line {line}: needs a claim_id and a field among the claims columns, "
                             f"'exists' or 'checked' (got {row.claim_id!r}, {row.field!r})")
        if row.field in _FIXED:
            raise ValueError(f"{path}, line {line}: {row.field!r} identifies the claim and cannot be corrected; "
                             "reject the claim and add the right span instead")
        if row.field in (EXISTS, CHECKED) and row.value.lower() not in _TRUE | _FALSE:
            raise ValueError(f"{path}, line {line}: {row.field} takes true or false, not {row.value!r}")
        if row.field == EXISTS and row.value.lower() in _TRUE and not _CLAIM_ID.match(row.claim_id):
            raise ValueError(f"{path}, line {line}: an added claim is named doc_id:start-end, not {row.claim_id!r}")
    return table[COLUMNS].astype("string")


def append_correction(path: str | os.PathLike, claim_id: str, field: str, value, reviewer: str,
                      note: str = "") -> dict:
    """Append one correction to ``path`` (created with its header when new) under a lock.

    Returns:
        The row written, with its UTC timestamp.
    """
    from filelock import FileLock

    path = Path(path)
    row = {"claim_id": claim_id, "field": field, "value": "" if value is None else str(value),
           "reviewer": reviewer, "note": note,
           "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    with FileLock(str(path) + ".lock", timeout=30):
        if not path.exists() or path.stat().st_size == 0:
            writer.writeheader()
        writer.writerow(row)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, buf.getvalue().encode("utf-8"))  # one write: a reader never sees half a row
            os.fsync(fd)
        finally:
            os.close(fd)
    return row


def fingerprint(path: str | os.PathLike | None) -> str | None:
    """A hash of the corrections file's bytes (None without a file), for run manifests."""
    import hashlib

    if path is None or not Path(path).exists():
        return None
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def latest(corrections: pd.DataFrame) -> pd.DataFrame:
    """The last row of each (claim_id, field): later rows override earlier ones."""
    return corrections.drop_duplicates(["claim_id", "field"], keep="last")


def apply_corrections(claims: pd.DataFrame, corrections: pd.DataFrame | str | os.PathLike,
                      documents=None) -> pd.DataFrame:
    """``claims`` with ``corrections`` applied (a table of :func:`read_corrections` or a path).

    Args:
        claims: a claims table (``kargraph.schema.CLAIMS``).
        corrections: the corrections.
        documents: documents by id (a mapping or a Corpus), to fill the phrase and
            sentence of added claims; without them an added claim has its span only.

    Returns:
        The claims table with rejected claims left out, added ones in document and text
        order, and the columns ``corrected_fields`` and ``reviewed_by``;
        ``attrs["orphaned_corrections"]`` lists the claim ids whose claim is gone.
    """
    if not isinstance(corrections, pd.DataFrame):
        corrections = read_corrections(corrections)
    rows = latest(corrections)
    out = claims.copy()
    out["corrected_fields"] = pd.array([pd.NA] * len(out), dtype="string")
    out["reviewed_by"] = pd.array([pd.NA] * len(out), dtype="string")
    out = _add_claims(out, rows, documents)
    index = pd.Series(range(len(out)), index=out["claim_id"].astype(str))
    orphaned, rejected = [], set()
    for row in rows.itertuples():
        if row.claim_id not in index.index:
            orphaned.append(row.claim_id)
            continue
        i = int(index[row.claim_id])
        if row.field == EXISTS and row.value.lower() in _FALSE:
            rejected.add(row.claim_id)
        elif row.field not in (EXISTS, CHECKED):
            out.iloc[i, out.columns.get_loc(row.field)] = _cast(row.value, row.field)
            _add_to(out, i, "corrected_fields", row.field)
        _add_to(out, i, "reviewed_by", row.reviewer)
    for claim_id in dict.fromkeys(orphaned):
        warnings.warn(f"correction of claim {claim_id} not applied: no such claim (the text or the extractor "
                      "changed); it stays in the corrections file", CorrectionsWarning, stacklevel=2)
    out = out[~out["claim_id"].isin(rejected)].reset_index(drop=True)
    out = schema.conform(out, "reviewed_claims")
    out.attrs = {**claims.attrs, "orphaned_corrections": sorted(set(orphaned)), "rejected_claims": sorted(rejected)}
    return out


def _add_to(table: pd.DataFrame, i: int, column: str, item: str) -> None:
    j = table.columns.get_loc(column)
    current = table.iat[i, j]
    items = [] if pd.isna(current) else str(current).split(", ")
    if item and item not in items:
        table.iat[i, j] = ", ".join([*items, item])


def _cast(value: str, field: str):
    if value == "":
        return pd.NA
    dtype = next(c.dtype for c in schema.CLAIMS if c.name == field)
    if dtype == "boolean":
        return value.lower() in _TRUE
    if dtype in ("Int64", "float64"):
        return float(value) if dtype == "float64" else int(float(value))
    return value


def _add_claims(claims: pd.DataFrame, rows: pd.DataFrame, documents) -> pd.DataFrame:
    added = rows[(rows["field"] == EXISTS) & rows["value"].str.lower().isin(_TRUE)]
    added = added[~added["claim_id"].isin(claims["claim_id"].astype(str))]
    if added.empty:
        return claims
    new = []
    for claim_id in added["claim_id"]:
        m = _CLAIM_ID.match(claim_id)
        doc_id, start, end = m["doc"], int(m["start"]), int(m["end"])
        row = {"claim_id": claim_id, "doc_id": doc_id, "start": start, "end": end}
        doc = _document(documents, doc_id)
        if doc is not None:
            row.update(text=doc.raw[start:end], outlet=doc.outlet,
                       published=str(doc.published) if doc.published else pd.NA)
            sentence = next((s for s in doc.sentences if s.start <= start < s.end), None)
            if sentence is not None:
                row.update(sentence=sentence.text, sentence_start=sentence.start)
        new.append(row)
    both = pd.concat([claims, pd.DataFrame(new)], ignore_index=True)
    return both.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


def _document(documents, doc_id: str):
    if documents is None:
        return None
    if isinstance(documents, dict):
        return documents.get(doc_id)
    return next((d for d in documents if d.doc_id == doc_id), None)


# ------------------------------------------------------------------ agreement
def cohen_kappa(a: list, b: list) -> float:
    """Cohen's kappa of two coders' labels for the same items (NaN when chance explains all)."""
    n = len(a)
    if n == 0 or n != len(b):
        raise ValueError("kappa needs two equally long, non-empty lists of labels")
    observed = sum(x == y for x, y in zip(a, b)) / n
    share_a, share_b = pd.Series(a).value_counts() / n, pd.Series(b).value_counts() / n
    expected = float((share_a * share_b.reindex(share_a.index, fill_value=0)).sum())
    return float("nan") if expected == 1 else (observed - expected) / (1 - expected)


def agreement(first: pd.DataFrame | str | os.PathLike,
              second: pd.DataFrame | str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Inter-coder agreement of two corrections files, per attribute both coded.

    A claim counts for an attribute when both reviewers gave it a value there (their
    latest rows); ``checked`` rows are not codes and are left out.

    Returns:
        (``agreement`` table: field, n, raw agreement, kappa; ``agreement_disagreements``:
        the claims on which they differ).
    """
    a, b = (latest(x if isinstance(x, pd.DataFrame) else read_corrections(x)) for x in (first, second))
    both = a.merge(b, on=["claim_id", "field"], suffixes=("_a", "_b"))
    both = both[both["field"] != CHECKED]
    rows = []
    for field, group in both.groupby("field", sort=True):
        va, vb = list(group["value_a"].str.lower()), list(group["value_b"].str.lower())
        rows.append({"field": field, "n": len(group), "agreement": sum(x == y for x, y in zip(va, vb)) / len(group),
                     "kappa": cohen_kappa(va, vb)})
    scores = schema.conform(pd.DataFrame(rows, columns=schema.columns("agreement")), "agreement")
    differ = both[both["value_a"].str.lower() != both["value_b"].str.lower()]
    differ = differ.sort_values(["field", "claim_id"])[schema.columns("agreement_disagreements")]
    return scores, schema.conform(differ.reset_index(drop=True), "agreement_disagreements")


# --------------------------------------------------------------- review queue
#: attributes compared across outlets for one figure
_CONFLICT_FIELDS = ("side", "victims", "claimant", "outcome")


def review_queue(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims a person should check, most urgent first (table ``review_queue``).

    First the claims the extractor flagged (``needs_review``, when the table has it), then
    those whose figure (same event and value) other outlets carried with a different side,
    victims, claimant or outcome; claims a reviewer already saw (``reviewed_by``) are left out.
    """
    pending = claims
    if "reviewed_by" in claims.columns:
        pending = claims[claims["reviewed_by"].isna()]
    flagged = pending[pending["needs_review"].fillna(False).astype(bool)] if "needs_review" in pending else pending[:0]
    conflicts = _conflicts(claims).reindex(pending.index).fillna("")
    rows = pending.assign(conflicts=conflicts.replace("", pd.NA))
    rows["reason"] = pd.NA
    rows.loc[rows.index.isin(flagged.index), "reason"] = "needs_review"
    rows.loc[rows["reason"].isna() & rows["conflicts"].notna(), "reason"] = "conflict"
    rows = rows[rows["reason"].notna()]
    rows = rows.assign(_order=(rows["reason"] != "needs_review").astype(int))
    rows = rows.sort_values(["_order", "doc_id", "start"], kind="stable")
    return schema.conform(rows[schema.columns("review_queue")].reset_index(drop=True), "review_queue")


def _conflicts(claims: pd.DataFrame) -> pd.Series:
    """Per claim, the attributes that differ among the outlets carrying the same figure."""
    out = pd.Series("", index=claims.index, dtype=object)
    for _, group in claims.groupby(["event", "value"], dropna=True):
        if group["outlet"].nunique() < 2:
            continue
        differing = [f for f in _CONFLICT_FIELDS if group[f].dropna().nunique() > 1]
        if differing:
            out[group.index] = ", ".join(differing)
    return out
