"""Column documentation for every public kargraph table, written once.

Each table is a list of :class:`Column` (name, dtype, unit, meaning). Functions that
return tables order their columns by these lists, tests check the tables against them,
and the README's column tables are generated from them (``python -m kargraph schema``).
"""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd


class Column(NamedTuple):
    name: str
    dtype: str  # pandas dtype name: string, Int64, float64, boolean, object (date)
    meaning: str
    unit: str = ""


CLAIMS = [
    Column("claim_id", "string", "stable id: `doc_id:start-end`"),
    Column("doc_id", "string", "document id (file name without extension)"),
    Column("start", "Int64", "start of the figure's phrase (hedge and number) in the raw document text", "characters"),
    Column("end", "Int64", "end of that phrase; `raw[start:end]` gives it back", "characters"),
    Column("text", "string", "the figure's phrase as written, `raw[start:end]`"),
    Column("sentence", "string", "the sentence the figure sits in"),
    Column("sentence_start", "Int64", "start of that sentence in the raw text", "characters"),
    Column("value", "Int64", "the number as stated", "people"),
    Column("low", "float64", "low end of the interval the hedge implies", "people"),
    Column("high", "float64", "high end of that interval; empty when open-ended (more than, at least)", "people"),
    Column("hedge", "string", "exact, about, nearly, more_than, at_least, less_than, up_to, range, vague"),
    Column("is_increment", "boolean", "true for a change (\"40 more deaths\", \"rising by 17\"), not a running total"),
    Column("outcome", "string", "killed, wounded, missing, displaced, casualties (killed and wounded together)"),
    Column("victims", "string", "all, military, civilian"),
    Column("side", "string", "a side id of the profile, or both, each, unknown"),
    Column("claimant", "string", "canonical actor id of who the figure is attributed to, or `outlet`"),
    Column("attribution", "string", "direct_quote, reported_speech, according_to, unattributed"),
    Column("event", "string", "event id of the profile the figure is about"),
    Column("as_of", "string", "ISO date the figure refers to, when the text lets a reader resolve it"),
    Column("parent_claim_id", "string", "for a subset figure (\"including 25 who died in Ganja\"), the claim it is part of"),
    Column("location", "string", "paragraph kind the figure sits in: headline, subheading or body"),
    Column("cues", "string", "the words that decided outcome, victims, side, claimant and event, for review"),
    Column("outlet", "string", "outlet of the document (from sources.csv)"),
    Column("published", "string", "publication date of the document, ISO"),
]

# --- corpus tables (kargraph.corpus) ---
DOCUMENTS = [
    Column("doc_id", "string", "document id (file name without extension, or the .jsonl record's id)"),
    Column("outlet", "string", "outlet that published the article (sources.csv, else the file's own metadata)"),
    Column("url", "string", "address of the article"),
    Column("published", "object", "publication date (datetime.date)"),
    Column("published_basis", "string", "how the publication date was found"),
    Column("outlet_note", "string", "a note on the outlet (sources.csv)"),
    Column("headline", "string", "the headline, when the document opens with one"),
    Column("n_chars", "Int64", "length of the raw text", "characters"),
    Column("n_body_chars", "Int64", "length of the clean body (body paragraphs only)", "characters"),
    Column("n_paragraphs", "Int64", "paragraphs (non-empty lines), boilerplate included", "paragraphs"),
    Column("n_sentences", "Int64", "sentences, boilerplate included", "sentences"),
    Column("n_boilerplate", "Int64", "paragraphs marked as caption, furniture, credit or subheading", "paragraphs"),
    Column("file", "string", "file the document was read from, relative to the corpus folder"),
    Column("format", "string", "txt, html or jsonl"),
    Column("encoding", "string", "text encoding the file was decoded with"),
]
PARAGRAPHS = [
    Column("doc_id", "string", "document id"),
    Column("outlet", "string", "outlet of the document"),
    Column("paragraph", "Int64", "index of the paragraph in its document, from 0"),
    Column("start", "Int64", "start of the paragraph in the raw document text", "characters"),
    Column("end", "Int64", "end of the paragraph; `raw[start:end]` gives it back", "characters"),
    Column("kind", "string", "headline, subheading, body, caption, furniture or credit"),
    Column("reason", "string", "why the paragraph got its kind (empty for body text)"),
    Column("text", "string", "the paragraph as written"),
]
SENTENCES = [
    Column("doc_id", "string", "document id"),
    Column("outlet", "string", "outlet of the document"),
    Column("sentence", "Int64", "index of the sentence in its document, from 0"),
    Column("paragraph", "Int64", "index of the paragraph that holds it"),
    Column("start", "Int64", "start of the sentence in the raw document text", "characters"),
    Column("end", "Int64", "end of the sentence; `raw[start:end]` gives it back", "characters"),
    Column("kind", "string", "kind of its paragraph (headline, body, caption...)"),
    Column("text", "string", "the sentence as written"),
]
LOAD_ISSUES = [
    Column("file", "string", "file (relative to the corpus folder) or metadata table the problem is in"),
    Column("problem", "string", "what is wrong, naming the line where there is one"),
    Column("severity", "string", "warning or error"),
    Column("action", "string", "loaded (used anyway) or skipped (left out)"),
]

# --- dates tables (kargraph.dates) ---
DATES = [
    Column("doc_id", "string", "document id"),
    Column("outlet", "string", "outlet of the document"),
    Column("published", "string", "publication date of the document, ISO; relative dates are resolved against it"),
    Column("sentence", "Int64", "index of the sentence that holds the expression"),
    Column("start", "Int64", "start of the date expression in the raw document text", "characters"),
    Column("end", "Int64", "end of the expression; `raw[start:end]` gives it back", "characters"),
    Column("text", "string", "the expression as written, role word included (\"since September 27\")"),
    Column("kind", "string", "on, in, as_of, since, from, until, before, after, last, relative or absolute"),
    Column("date", "string", "ISO day the expression names (first day of the week, month or year); empty when unresolved"),
    Column("precision", "string", "day, week, month or year"),
    Column("confidence", "float64", "how sure the resolution is, 0-1 (ambiguous weekdays and inferred years score lower)"),
    Column("rule", "string", "the rule that resolved it (weekday, month_day, full_date, ...)"),
]

# --- tolls tables (kargraph.tolls) ---

# --- reliability tables (kargraph.reliability) ---

# --- framing tables (kargraph.framing) ---

# --- explorer tables (kargraph.widgets) ---
EXPLORER_SPANS = [
    Column("doc_id", "string", "document id"),
    Column("start", "Int64", "start of the highlighted span in the raw document text", "characters"),
    Column("end", "Int64", "end of the span; `raw[start:end]` gives it back", "characters"),
    Column("kind", "string", "claim, label or quote"),
    Column("note", "string", "what the span is, as shown in its tooltip"),
]
CLAIM_TIMELINE = [
    Column("key", "string", "the claim key: `event / outcome / victims / side`"),
    Column("date", "string", "ISO date of the figure: `as_of` when known, else the publication date"),
    Column("date_basis", "string", "as_of or published: where `date` comes from"),
    Column("outlet", "string", "outlet of the document"),
    Column("published", "string", "publication date of the document, ISO"),
    Column("as_of", "string", "ISO date the figure refers to, when resolvable"),
    Column("value", "Int64", "the number as stated", "people"),
    Column("low", "float64", "low end of the interval the hedge implies", "people"),
    Column("high", "float64", "high end of that interval; empty when open-ended", "people"),
    Column("hedge", "string", "exact, about, nearly, more_than, at_least, less_than, up_to, range, vague"),
    Column("is_increment", "boolean", "true for a change, not a running total"),
    Column("claimant", "string", "canonical actor id the figure is attributed to, or `outlet`"),
    Column("attribution", "string", "direct_quote, reported_speech, according_to, unattributed"),
    Column("text", "string", "the figure's phrase as written"),
    Column("claim_id", "string", "claim id (`doc_id:start-end`)"),
    Column("doc_id", "string", "document id"),
    Column("start", "Int64", "start of the figure's phrase in the raw document text", "characters"),
    Column("end", "Int64", "end of that phrase", "characters"),
]

TABLES: dict[str, list[Column]] = {
    "claims": CLAIMS,
    # tables of other modules are registered below this line
    "explorer_spans": EXPLORER_SPANS,
    "claim_timeline": CLAIM_TIMELINE,
    "documents": DOCUMENTS,
    "paragraphs": PARAGRAPHS,
    "sentences": SENTENCES,
    "load_issues": LOAD_ISSUES,
    "dates": DATES,
}


def columns(table: str) -> list[str]:
    """Column names of a documented table, in order."""
    return [c.name for c in TABLES[table]]


def empty(table: str) -> pd.DataFrame:
    """An empty frame with the table's columns and dtypes."""
    return conform(pd.DataFrame(columns=columns(table)), table)


def conform(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Order ``df``'s columns as documented and cast them to the documented dtypes.

    Columns the schema does not know are kept, after the documented ones.
    """
    spec = TABLES[table]
    missing = [c.name for c in spec if c.name not in df.columns]
    if missing:
        raise ValueError(f"{table} table lacks documented columns: {', '.join(missing)}")
    out = df[[c.name for c in spec] + [c for c in df.columns if c not in {s.name for s in spec}]].copy()
    for c in spec:
        if c.dtype != "object":
            out[c.name] = out[c.name].astype(c.dtype)
    return out


def validate(df: pd.DataFrame, table: str) -> list[str]:
    """Problems of ``df`` against the documented table (empty list when it conforms)."""
    problems = []
    for c in TABLES[table]:
        if c.name not in df.columns:
            problems.append(f"missing column {c.name}")
        elif c.dtype != "object" and str(df[c.name].dtype) != c.dtype:
            problems.append(f"column {c.name} has dtype {df[c.name].dtype}, documented {c.dtype}")
    return problems


def markdown(table: str) -> str:
    """The table's columns as a Markdown table (for the README)."""
    lines = ["| column | type | meaning |", "| --- | --- | --- |"]
    for c in TABLES[table]:
        unit = f" ({c.unit})" if c.unit else ""
        lines.append(f"| `{c.name}` | {c.dtype} | {c.meaning}{unit} |")
    return "\n".join(lines)
