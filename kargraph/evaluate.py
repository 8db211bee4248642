"""Scoring a claims table against hand-annotated gold claims.

``score_claims(claims, gold_csv, corpus)`` has the semantics of the project's yardstick,
``tools/score_claims.py`` (the script other tools use to score any claims CSV): a predicted
claim matches a gold row when both name the same document and value and the predicted
span overlaps the gold evidence span; matching is one-to-one, preferring required rows
and then the closest span start. Precision and recall count required gold rows only (a
prediction matching an optional row counts neither way); attribute accuracy is over
matched required rows; strict F1 counts a match only when hedge, outcome, victims, side,
claimant and event agree too. A gold cell may list alternatives separated by ``|``.

This module works on DataFrames and a loaded corpus so that tests and notebooks can score
without writing files; ``tests/test_evaluate.py`` checks it against the script.
"""
from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ._files import read_corpus_file, shown

ATTRS = ("hedge", "outcome", "victims", "side", "claimant", "event", "as_of")
STRICT = ("hedge", "outcome", "victims", "side", "claimant", "event")


@dataclass(frozen=True)
class Score:
    """Result of :func:`score_claims`."""

    precision: float
    recall: float
    f1: float
    strict_f1: float
    tp: int
    fp: int
    fn: int
    strict_tp: int
    attributes: dict = field(default_factory=dict)
    missed: pd.DataFrame | None = None  # required gold rows not found
    spurious: pd.DataFrame | None = None  # predictions matching no gold row
    wrong: pd.DataFrame | None = None  # matched rows with a wrong attribute


#: the columns without which a table is no gold claims table
GOLD_COLUMNS = ("doc_id", "evidence", "value", "required")


def read_gold(gold: str | Path | pd.DataFrame) -> pd.DataFrame:
    """The gold table (read only from a regular file), refused when it lacks the gold
    columns or rows (a claims table, say).

    Raises:
        ValueError: the file cannot be read, is no regular file, or is no gold claims table.
    """
    if isinstance(gold, pd.DataFrame):
        where, df = "gold table", gold
    else:
        where = shown(os.fspath(gold))
        try:
            data = read_corpus_file(gold)
        except OSError as err:
            raise ValueError(f"{where}: {err.strerror or err}") from None
        try:
            df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        except (ValueError, pd.errors.ParserError) as err:  # empty, binary, not CSV
            raise ValueError(f"{where}: not a CSV table ({' '.join(str(err).split())})") from None
    missing = [c for c in GOLD_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{where}: not a gold claims table (no column {', '.join(missing)}; "
                         f"expected {', '.join(GOLD_COLUMNS)}, ...)")
    if df.empty:
        raise ValueError(f"{where}: the gold table has no rows")
    return df


def score_claims(claims: pd.DataFrame, gold: str | Path | pd.DataFrame, corpus) -> Score:
    """Score ``claims`` against ``gold`` (seed_claims.csv format) on ``corpus``'s texts."""
    gold_df = read_gold(gold)
    gold_rows = gold_df.to_dict("records")
    raws = {d.doc_id: d.raw for d in corpus}
    spans = []
    for g in gold_rows:
        raw = raws.get(g["doc_id"])
        if raw is None:
            raise ValueError(f"gold names document {g['doc_id']!r}, which the corpus does not have")
        start = raw.find(g["evidence"])
        if start < 0:
            raise ValueError(f"gold evidence not found in {g['doc_id']}: {g['evidence']!r}")
        spans.append((start, start + len(g["evidence"])))
    preds = claims.to_dict("records")
    used, matches = set(), []
    for pi, p in enumerate(preds):
        s, e, v = _number(p.get("start")), _number(p.get("end")), _number(p.get("value"))
        if s is None or e is None or v is None:
            continue
        best = None
        for gi, g in enumerate(gold_rows):
            if gi in used or g["doc_id"] != p.get("doc_id") or abs(float(g["value"]) - v) > 0.5:
                continue
            gs, ge = spans[gi]
            if s < ge and gs < e:
                key = (g["required"] != "1", abs(gs - s))
                if best is None or key < best[0]:
                    best = (key, gi)
        if best is not None:
            used.add(best[1])
            matches.append((best[1], pi))
    matched_pred = {pi for _, pi in matches}
    required = [gi for gi, g in enumerate(gold_rows) if g["required"] == "1"]
    tp_rows = [(gi, pi) for gi, pi in matches if gold_rows[gi]["required"] == "1"]
    tp, fn, fp = len(tp_rows), len(required) - len(tp_rows), len(preds) - len(matched_pred)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = _f1(precision, recall)
    attributes = {}
    for a in ATTRS:
        rows = [(gi, pi) for gi, pi in tp_rows if gold_rows[gi].get(a, "") != ""]
        if rows:
            attributes[a] = sum(_same(a, gold_rows[gi], preds[pi]) for gi, pi in rows) / len(rows)
    strict_tp = sum(all(_same(a, gold_rows[gi], preds[pi]) for a in STRICT) for gi, pi in tp_rows)
    strict_p = strict_tp / (tp + fp) if tp + fp else 0.0
    strict_r = strict_tp / (tp + fn) if tp + fn else 0.0
    found = {gi for gi, _ in tp_rows}
    wrong = []
    for gi, pi in tp_rows:
        for a in STRICT:
            if not _same(a, gold_rows[gi], preds[pi]):
                wrong.append({"doc_id": gold_rows[gi]["doc_id"], "evidence": gold_rows[gi]["evidence"],
                              "attribute": a, "gold": gold_rows[gi][a], "predicted": _predicted(a, preds[pi])})
    return Score(
        precision=precision, recall=recall, f1=f1, strict_f1=_f1(strict_p, strict_r), tp=tp, fp=fp, fn=fn,
        strict_tp=strict_tp, attributes=attributes,
        missed=gold_df.iloc[[gi for gi in required if gi not in found]].reset_index(drop=True),
        spurious=claims.iloc[[pi for pi in range(len(preds)) if pi not in matched_pred]].reset_index(drop=True),
        wrong=pd.DataFrame(wrong, columns=["doc_id", "evidence", "attribute", "gold", "predicted"]),
    )


def format_report(score: Score, *, verbose: bool = False) -> str:
    """The score as the yardstick prints it (with the misses and errors when verbose)."""
    lines = []
    if verbose:
        for _, g in score.missed.iterrows():
            lines.append(f"missed    {g['doc_id']}: {g['evidence']!r} ({g['value']})")
        for _, p in score.spurious.iterrows():
            lines.append(f"spurious  {p['doc_id']}: value {p['value']} at {p['start']}-{p['end']} {p.get('text', '')!r}")
        for _, w in score.wrong.iterrows():
            lines.append(f"wrong     {w['doc_id']}: {w['evidence']!r} {w['attribute']}: gold {w['gold']}, "
                         f"predicted {w['predicted']}")
    for a, acc in score.attributes.items():
        lines.append(f"{a:<9} accuracy {acc:.3f}")
    lines.append(f"claims    tp {score.tp} fp {score.fp} fn {score.fn}")
    lines.append(f"strict    {score.strict_tp} of {score.tp + score.fn} required claims fully right; "
                 f"strict f1 {score.strict_f1:.3f}")
    lines.append(f"precision {score.precision:.3f} recall {score.recall:.3f} f1 {score.f1:.3f}")
    return "\n".join(lines)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _number(value) -> float | None:
    try:
        x = float(str(value).replace(",", "").strip())
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _predicted(attr: str, pred: dict) -> str:
    if attr == "hedge":
        return "increment" if str(pred.get("is_increment", "")).strip().lower() in {"1", "true", "yes", "t"} \
            else str(pred.get("hedge") or "").strip()
    if attr == "as_of":
        value = pred.get(attr)
        return "" if _missing(value) else str(value).strip()[:10]
    value = pred.get(attr)
    return "" if _missing(value) else str(value).strip().lower()


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _same(attr: str, gold_row: dict, pred: dict) -> bool:
    accepted = [g.strip() for g in str(gold_row[attr]).split("|")]
    if attr not in ("hedge", "as_of"):
        accepted = [g.lower() for g in accepted]
    return _predicted(attr, pred) in accepted
