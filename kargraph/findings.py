"""Headline findings of each report, computed from its tables, each with its evidence.

A report's interpretation is never written by hand: a function here reads the tables a
notebook computed (claims, tolls, scorecard, framing profile) and returns a short list of
:class:`Finding` records, each a sentence built from the data and the rows it rests on
(``doc_id``, ``start``, ``end``, ``outlet``). Notebooks show them with
:func:`findings_markdown`; ``render`` lists them per report in ``index.html``. A finding
with no evidence row is a statement about the whole table (a count) and says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

EVIDENCE_COLUMNS = ["doc_id", "start", "end", "outlet"]


@dataclass(frozen=True)
class Finding:
    """One headline sentence and the claims or spans it rests on.

    Attributes:
        text: the sentence, in plain words, built from the data ("3 outlets carried ...").
        evidence: rows with at least ``doc_id``, ``start``, ``end`` and ``outlet`` of the
            spans behind the sentence (``raw[start:end]`` gives each back).
        kind: a short id of the finding's family (e.g. ``competing_claims``), for tests and
            for the index page.
    """

    text: str
    evidence: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVIDENCE_COLUMNS))
    kind: str = ""

    def __post_init__(self):
        missing = [c for c in EVIDENCE_COLUMNS if c not in self.evidence.columns]
        if missing:
            raise ValueError(f"finding evidence lacks column(s) {', '.join(missing)}")


def evidence_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The evidence columns of ``df`` (one row per span), duplicates dropped, in order."""
    cols = [c for c in EVIDENCE_COLUMNS if c in df.columns]
    out = df[cols].drop_duplicates().reset_index(drop=True)
    for c in EVIDENCE_COLUMNS:
        if c not in out.columns:
            out[c] = pd.NA
    return out[EVIDENCE_COLUMNS]


def findings_table(findings: list[Finding]) -> pd.DataFrame:
    """One row per evidence span: ``finding`` (its number, from 1), ``kind``, ``text`` and
    the evidence columns; a finding without evidence gets one row with empty spans."""
    rows = []
    for i, f in enumerate(findings, start=1):
        ev = f.evidence if len(f.evidence) else pd.DataFrame([dict.fromkeys(EVIDENCE_COLUMNS)])
        for r in ev[EVIDENCE_COLUMNS].itertuples(index=False):
            rows.append({"finding": i, "kind": f.kind, "text": f.text, **r._asdict()})
    return pd.DataFrame(rows, columns=["finding", "kind", "text", *EVIDENCE_COLUMNS])


def findings_markdown(findings: list[Finding], *, max_spans: int = 3) -> str:
    """A numbered Markdown list of the findings, each followed by where it comes from
    (outlet and ``doc_id:start-end`` of up to ``max_spans`` spans)."""
    if not findings:
        return "_No finding: the tables of this report are empty for this corpus._"
    lines = []
    for i, f in enumerate(findings, start=1):
        lines.append(f"{i}. {f.text}{_sources(f.evidence, max_spans)}")
    return "\n".join(lines)


def _sources(evidence: pd.DataFrame, max_spans: int) -> str:
    if not len(evidence):
        return ""
    spans = [f"{o} `{d}:{s}-{e}`" if pd.notna(o) else f"`{d}:{s}-{e}`"
             for d, s, e, o in evidence[EVIDENCE_COLUMNS].head(max_spans).itertuples(index=False)]
    more = len(evidence) - max_spans
    tail = f" and {more} more" if more > 0 else ""
    return " (" + "; ".join(spans) + tail + ")"
