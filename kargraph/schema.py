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
    #: computed from other columns by the producer; a table built without it gets it empty
    derived: bool = False


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
    Column("claim_kind", "string", "own_losses (a party about its own side), enemy_losses (a party about the other "
                                   "side or both), third_party, outlet (own voice); from the profile's `claimant_kind`",
           derived=True),
    Column("attribution", "string", "direct_quote, reported_speech, according_to, unattributed"),
    Column("event", "string", "event id of the profile the figure is about"),
    Column("as_of", "string", "ISO date the figure refers to, when the text lets a reader resolve it"),
    Column("parent_claim_id", "string", "for a subset figure (\"including 25 who died in the city\"), the claim it is part of"),
    Column("location", "string", "paragraph kind the figure sits in: headline, subheading, body or caption"),
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
    Column("group", "string", "the group of outlets the document's outlet belongs to (sources.csv, optional)"),
    Column("headline", "string", "the headline, when the document opens with one"),
    Column("n_chars", "Int64", "length of the raw text", "characters"),
    Column("n_body_chars", "Int64", "length of the clean body (body paragraphs only)", "characters"),
    Column("n_paragraphs", "Int64", "paragraphs (non-empty lines), boilerplate included", "paragraphs"),
    Column("n_sentences", "Int64", "sentences, boilerplate included", "sentences"),
    Column("n_boilerplate", "Int64", "paragraphs marked as caption, furniture, credit or subheading", "paragraphs"),
    Column("file", "string", "file the document was read from, relative to the corpus folder"),
    Column("format", "string", "txt, html or jsonl"),
    Column("encoding", "string", "text encoding the file was decoded with"),
    Column("language", "string", "language of most of the text, ISO 639-1 (`sources.csv`'s `language`, else detected "
                                 "by CLD2); empty when too short to tell"),
    Column("languages", "string", "for a document in several languages, those of its paragraphs, ` | `-joined by "
                                  "share; else empty"),
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
    Column("language", "string", "language of the paragraph, ISO 639-1 (the document's, unless the document is mixed)"),
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

# --- language tables (kargraph.language) ---
LANGUAGES = [
    Column("language", "string", "ISO 639-1 code; empty for text too short to tell"),
    Column("name", "string", "the language's name"),
    Column("n_docs", "Int64", "documents mostly in this language", "documents"),
    Column("n_paragraphs", "Int64", "paragraphs in this language, across all documents", "paragraphs"),
    Column("read", "boolean", "claims are extracted from it: the profile lists it and kargraph extracts claims in it"),
]
UNREAD_DOCUMENTS = [
    Column("doc_id", "string", "document id"),
    Column("outlet", "string", "outlet of the document"),
    Column("language", "string", "language of most of its unread paragraphs, ISO 639-1"),
    Column("start", "Int64", "0: the evidence span is the whole document", "characters"),
    Column("end", "Int64", "length of the raw text", "characters"),
    Column("n_unread", "Int64", "paragraphs not read", "paragraphs"),
    Column("n_paragraphs", "Int64", "paragraphs of the document", "paragraphs"),
    Column("whole", "boolean", "no paragraph of the document was read"),
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
_TOLL_TRACE = [
    Column("claim_id", "string", "claim id (`doc_id:start-end`)"),
    Column("doc_id", "string", "document id"),
    Column("start", "Int64", "start of the figure's phrase in the raw document text", "characters"),
    Column("end", "Int64", "end of that phrase; `raw[start:end]` gives it back", "characters"),
    Column("sentence", "string", "the sentence the figure sits in"),
    Column("outlet", "string", "outlet of the document"),
    Column("published", "string", "publication date of the document, ISO"),
]
_TOLL_FIGURE = [
    Column("source", "string", "who the figure comes from: the claimant, `outlet:NAME` for an outlet's own voice"),
    Column("claim_key", "string", "`event / outcome / victims / side`; figures are compared only within one key"),
    Column("as_of", "string", "ISO date the figure refers to, when resolvable"),
    Column("value", "Int64", "the number as stated", "people"),
    Column("hedge", "string", "exact, about, nearly, more_than, at_least, less_than, up_to, range, vague"),
    Column("interval_low", "float64", "low end of the figure's interval (claims `low`, else from the hedge)", "people"),
    Column("interval_high", "float64", "high end of that interval; empty when open-ended", "people"),
]
_TOLL_ECHO = Column("echo_of", "string", "claim id of the figure's first carriage, when this claim repeats it")
TOLL_CLAIMS = [
    *_TOLL_TRACE,
    *[c for c in _TOLL_FIGURE if c.name not in ("source", "interval_low", "interval_high")],
    Column("group_id", "string", "claim key and date: `claim_key @ date` (as-of date, else publication date)"),
    Column("date", "string", "the date the claim is compared at: its as-of date, else its publication date, ISO"),
    Column("is_dated_by_publication", "boolean", "no as-of date: compared at its publication date"),
    *[c for c in CLAIMS if c.name in ("event", "outcome", "victims", "side", "low", "high", "is_increment",
                                      "parent_claim_id", "claimant", "claim_kind", "attribution")],
    Column("source", "string", "who the figure comes from: the claimant, `outlet:NAME` for an outlet's own voice, "
                               "or the one claimant an unattributed figure matches"),
    Column("figure_id", "string", "one figure: `source|claim_key@as_of=value`; its claims are its carriages"),
    Column("incomplete_key", "boolean", "a part of the claim key is missing or unknown: kept, compared with nothing"),
    Column("is_undated", "boolean", "no as-of date (see `is_dated_by_publication`)"),
    Column("is_total", "boolean", "a running total: not an increment, not a subset of another figure"),
    Column("is_unattributed", "boolean", "stated in the outlet's own voice or with no source named"),
    *_TOLL_FIGURE[5:],
    Column("is_high_open", "boolean", "the interval has no upper bound (more than, at least)"),
    Column("point", "float64", "the figure as one number: the value, or the middle of a range", "people"),
    Column("in_consensus", "boolean", "the claim stands for its figure in its group's consensus (a vague one only when alone)"),
    _TOLL_ECHO,
    Column("dropped_attribution", "boolean", "unattributed while other carriages of the figure name its source"),
    Column("dropped_hedge", "boolean", "stated exactly while another carriage of the figure hedges it"),
    Column("hedge_changed", "boolean", "hedge differs from the earliest attributed carriage of the figure"),
    Column("contradiction_with", "string", "first carriages of the same source's values for the group that it contradicts, ` | `-joined"),
    Column("update_of", "string", "first carriages of the same source's figures of the latest earlier date it replaces"),
    Column("is_stale", "boolean", "published after the same source's newer figure for the key was public"),
    Column("newer_claim_id", "string", "for a stale claim, the newer figure that was already public"),
]
_TOLL_ESTIMATE = [
    Column("low", "float64", "the parties' own count: highest own-losses figure; for `both` the higher of a stated "
                             "total of both parties and the sum of each side's latest own count", "people"),
    Column("low_parts", "string", "when `low` is a sum: the claims summed, `;`-separated"),
    Column("is_partial", "boolean", "`low` lacks the own count of a side (for `both`); see `missing_sides`"),
    Column("missing_sides", "string", "the sides without an own count on or before the date, `, `-joined"),
    Column("rule", "string", "rule of `best`: latest_official, latest_third_party or highest_reported"),
    Column("best", "float64", "best estimate by `rule`: always a reported figure or a stated sum (`best_parts`); "
                              "empty when the rule has no figure", "people"),
    Column("best_claim_id", "string", "the claim `best` is, when it is one figure"),
    Column("best_parts", "string", "when `best` is a sum: the claims summed, `;`-separated"),
    Column("high", "float64", "highest figure of any claimant (its stated number when open-ended)", "people"),
    Column("is_high_open", "boolean", "that figure leaves its upper bound open (more than, at least)"),
    Column("high_claim_id", "string", "the claim `high` is"),
]
TOLL_GROUPS = [
    Column("group_id", "string", "claim key and date: `claim_key @ date` (as-of date, else publication date)"),
    Column("claim_key", "string", "`event / outcome / victims / side`"),
    *[c for c in CLAIMS if c.name in ("event", "outcome", "victims", "side")],
    Column("as_of", "string", "the group's date: the as-of date of its figures (publication date for undated ones)"),
    Column("n_dated_by_publication", "Int64", "claims of the group without an as-of date, placed at publication",
           "claims"),
    *_TOLL_ESTIMATE,
    Column("spread", "float64", "highest figure minus lowest figure", "people"),
    Column("spread_ratio", "float64", "highest figure divided by lowest figure", "ratio"),
    Column("n_claims", "Int64", "claims in the group, echoes, increments and subsets included", "claims"),
    Column("n_figures", "Int64", "distinct figures of the group (an echoed figure counts once)", "figures"),
    Column("n_sources", "Int64", "distinct sources of those figures", "sources"),
    Column("n_outlets", "Int64", "outlets that carried a claim of the group", "outlets"),
    Column("sources", "string", "sources of the figures, ` | `-joined"),
    Column("outlets", "string", "outlets of the group's claims, ` | `-joined"),
    Column("figures", "string", "the figures as written, with hedge and source (`~5,000 [minister]`)"),
    Column("first_published", "string", "earliest publication date of a claim of the group, ISO"),
    Column("last_published", "string", "latest publication date of a claim of the group, ISO"),
    *[Column(c.name, c.dtype, f"{c.meaning} (the claim behind `best`; empty for a sum)", c.unit)
      for c in _TOLL_TRACE[:4]],
    Column("claim_ids", "string", "every claim of the group, ` | `-joined"),
]
TOLL_ESTIMATES = [
    Column("group_id", "string", "the group (`claim_key @ date`)"),
    Column("claim_key", "string", "`event / outcome / victims / side`"),
    Column("as_of", "string", "the group's date, ISO"),
    *_TOLL_ESTIMATE,
]
TOLL_LINES = [
    Column("claim_key", "string", "`event / outcome / victims / side`: the quantity"),
    Column("source", "string", "the claimant (`outlet:NAME` for an outlet's own voice): one line per source and key"),
    Column("claimant", "string", "claimant of the latest figure"),
    Column("claim_kind", "string", "own_losses, enemy_losses, third_party or outlet (of the latest figure)"),
    Column("n_figures", "Int64", "distinct figures of the line (dates and values)", "figures"),
    Column("n_outlets", "Int64", "outlets that carried them", "outlets"),
    Column("series", "string", "the line's figures by date: `542 (2020-10-13) -> 874 (2020-10-22)`"),
    Column("first_date", "string", "date of the line's first figure, ISO"),
    Column("last_date", "string", "date of its latest figure, ISO"),
    Column("latest_value", "Int64", "the latest figure", "people"),
    Column("latest_hedge", "string", "its hedge"),
    Column("latest_claim_id", "string", "its first carriage"),
    Column("doc_id", "string", "document of that carriage"),
    Column("start", "Int64", "start of the figure's phrase", "characters"),
    Column("end", "Int64", "end of the figure's phrase", "characters"),
    Column("outlet", "string", "outlet of that carriage"),
    Column("published", "string", "its publication date, ISO"),
    Column("is_dated_by_publication", "boolean", "the latest figure has no as-of date: dated by publication"),
    *[c for c in CLAIMS if c.name in ("event", "outcome", "victims", "side")],
]
TOLL_RELABELLED = [
    *_TOLL_TRACE,
    *[c for c in CLAIMS if c.name in ("claimant", "value", "hedge", "event", "outcome", "victims", "side", "as_of")],
    Column("claimant_said", "string", "victims / side the other outlets give the claimant's figure"),
    Column("outlet_wrote", "string", "victims / side this outlet gives it"),
    Column("other_evidence", "string", "the other outlets' carriages: `outlet doc_id:start-end`, ` | `-joined"),
]
TOLL_CONTRADICTIONS = [
    Column("contradiction_id", "string", "`source|group_id`: one source giving several values for one group"),
    *_TOLL_TRACE, *_TOLL_FIGURE,
    Column("values", "string", "this value and the values it contradicts, ` | `-joined"),
    Column("n_values", "Int64", "how many values that is", "values"),
    Column("contradiction_with", "string", "first carriages of the values it contradicts, ` | `-joined"),
    _TOLL_ECHO,
]
TOLL_UPDATES = [
    *_TOLL_TRACE, *_TOLL_FIGURE,
    Column("previous_claim_id", "string", "first carriage of the figure this one replaces"),
    Column("previous_value", "Int64", "the replaced figure's value", "people"),
    Column("previous_as_of", "string", "the replaced figure's as-of date, ISO"),
    Column("previous_hedge", "string", "the replaced figure's hedge"),
    Column("change", "Int64", "value minus previous value", "people"),
    _TOLL_ECHO,
]
TOLL_STALE = [
    *_TOLL_TRACE, *_TOLL_FIGURE,
    Column("newer_claim_id", "string", "the same source's newer figure, already published"),
    Column("newer_value", "Int64", "its value", "people"),
    Column("newer_as_of", "string", "its as-of date, ISO"),
    Column("newer_outlet", "string", "outlet that had published it"),
    Column("newer_published", "string", "when it was published, ISO"),
    Column("days_behind", "Int64", "days between that publication and this one", "days"),
    _TOLL_ECHO,
]
TOLL_PROPAGATION = [
    Column("figure_id", "string", "the figure carried: `source|claim_key@as_of=value`"),
    Column("figure_as_of", "string", "the figure's as-of date (a dated figure an undated carriage repeats)"),
    Column("rank", "Int64", "order of this carriage among the figure's carriages, by publication, from 1"),
    Column("n_claims", "Int64", "carriages of the figure", "claims"),
    Column("n_outlets", "Int64", "outlets that carried it", "outlets"),
    Column("outlets", "string", "those outlets in order of first carriage, ` | `-joined"),
    Column("first_outlet", "string", "outlet of the first carriage"),
    Column("first_published", "string", "publication date of the first carriage, ISO"),
    Column("last_outlet", "string", "outlet of the last carriage"),
    Column("last_published", "string", "publication date of the last carriage, ISO"),
    *_TOLL_TRACE, *_TOLL_FIGURE,
    *[c for c in CLAIMS if c.name in ("claimant", "attribution")],
    Column("reference_hedge", "string", "hedge of the figure's earliest attributed carriage"),
    *[c for c in TOLL_CLAIMS if c.name in ("hedge_changed", "dropped_hedge", "dropped_attribution")],
    _TOLL_ECHO,
    Column("same_outlet_as_first", "boolean", "carried by the outlet of the first carriage (a repeat, not an echo elsewhere)"),
]
TOLL_CHECKS = [
    Column("check", "string", "each_implies_total, each_implies_side, gap or subset_within_parent"),
    Column("is_consistent", "boolean", "false where the two figures are worth a look; empty when it cannot be told"),
    Column("message", "string", "the check in words"),
    Column("ratio", "float64", "second figure over first (over the implied figure for `each` checks)", "ratio"),
    Column("implied_low", "float64", "for `each` checks, low end of what the per-side figure implies", "people"),
    Column("implied_high", "float64", "its high end; empty when open-ended", "people"),
    *_TOLL_TRACE, *_TOLL_FIGURE[:5],
    *[Column(f"other_{c.name}", c.dtype, f"second figure: {c.meaning}", c.unit)
      for c in (*_TOLL_TRACE[:6], *_TOLL_FIGURE[:5])],
]
TOLL_OUTLET_FIGURES = [
    Column("group_id", "string", "row of the outlet table: `claim_key @ as_of`"),
    Column("outlet", "string", "column of the outlet table: outlet of the document"),
    Column("figure", "string", "the claim as the cell writes it: hedge, number, `each`, and the claimant the "
                               "outlet names (`~5,000 [minister]`, `>60 [unattributed = afp]`)"),
    *[c for c in TOLL_CLAIMS if c.name in ("claim_key", "as_of", "value", "hedge", "claimant", "attribution",
                                           "source")],
    *_TOLL_TRACE[:5], _TOLL_TRACE[6],
]

# --- reliability tables (kargraph.reliability) ---
#: the scorecard's components, in order, with what a score of 1 means (0 is the opposite)
RELIABILITY_COMPONENTS = {
    "attribution": "every casualty figure names its source",
    "agreement": "figures sit on the consensus of their claim key and as-of date (truth discovery)",
    "fidelity": "quotations match other outlets' versions of the same statement and are not garbled",
    "currency": "no figure was stale (published after its source had published a newer one)",
    "precision": "hedges and claimants kept where other carriages of the figure have them",
    "slips": "no statement contradicts the profile's reference facts and no name is misspelt",
    "reuse": "no sentence repeats the wording of another outlet's earlier article",
    "outlet_prior": "the user's prior for the outlet (from its sources.csv note); not evidence",
}
RELIABILITY_SCORES = [
    Column("outlet", "string", "outlet"),
    Column("rank", "Int64", "rank by `overall` among ranked outlets, 1 = highest (ties share the better rank); "
                            "empty for an outlet with too little evidence"),
    Column("overall", "float64", "weighted mean of the components with the `weight_*` columns", "score in [0, 1]"),
    *[Column(c, "float64", f"{c}: 1 = {meaning}; the weighted mean of `effect` over the outlet's evidence "
                           "rows of the component; empty (no evidence) when it has none", "score in [0, 1]")
      for c, meaning in RELIABILITY_COMPONENTS.items()],
    *[Column(f"{c}_{end}", "float64", f"{which} end of `{c}`'s Beta-posterior interval (`interval_mass`); empty "
                                      "without evidence", "score in [0, 1]")
      for c in RELIABILITY_COMPONENTS for end, which in (("low", "low"), ("high", "high"))],
    Column("is_ranked", "boolean", "the outlet has at least `min_evidence` evidence rows and gets a rank"),
    *[Column(f"n_{c}", "Int64", f"evidence rows behind `{c}` (0: no evidence, the score is empty)", "rows")
      for c in RELIABILITY_COMPONENTS],
    *[Column(f"weight_{c}", "float64", f"weight of `{c}` in `overall`, as the user set it") for c in RELIABILITY_COMPONENTS],
    Column("consensus_weight", "float64", "the outlet's source weight in the agreement consensus (CRH truth "
                                          "discovery; 1 for every outlet under the median and conservative rules)"),
    Column("outlet_note", "string", "the outlet's note in sources.csv, shown beside the score"),
    Column("n_docs", "Int64", "documents of the outlet", "documents"),
]
RELIABILITY_EVIDENCE = [
    Column("outlet", "string", "outlet the row counts for"),
    Column("component", "string", "component of the scorecard (a column of the scores table)"),
    Column("check", "string", "what was checked: attributed, unattributed, consensus, quote_version, garbled_quote, "
                              "current, stale, kept, dropped, fact, misspelt_name, correct_name, reused, original, "
                              "outlet_note"),
    Column("doc_id", "string", "document id"),
    Column("start", "Int64", "start of the evidence (figure, quotation, name, sentence) in the raw text; empty "
                             "for an outlet note (from sources.csv) and for a document's count of its own "
                             "sentences (reuse check `original`)", "characters"),
    Column("end", "Int64", "end of the evidence; `raw[start:end]` gives back `text`", "characters"),
    Column("text", "string", "the evidence as written"),
    Column("sentence", "string", "the sentence it sits in"),
    Column("found", "string", "what was found, in words, with what it was compared with"),
    Column("effect", "float64", "the row's score: 1 counts fully for the outlet, 0 fully against", "score in [0, 1]"),
    Column("weight", "float64", "the row's weight in its component's mean (0: shown, not counted)", "weight"),
    Column("is_flag", "boolean", "a row that lowers the score (effect below 1 with a weight): worth a look; "
                                 "never an outlet prior, which is not evidence"),
    Column("claim_id", "string", "the claim of the claims table, for figures"),
    Column("other_outlet", "string", "outlet of what the evidence was compared with (another version, the "
                                     "earlier sentence, the newer figure)"),
    Column("other_doc_id", "string", "its document"),
    Column("other_start", "Int64", "its start in that document's raw text", "characters"),
    Column("other_end", "Int64", "its end", "characters"),
    Column("other_text", "string", "it, as written"),
]
RELIABILITY_CONSENSUS = [
    Column("group_id", "string", "claim key and as-of date: `claim_key @ as_of`"),
    Column("claim_key", "string", "`event / outcome / victims / side`"),
    Column("as_of", "string", "ISO date the figures refer to"),
    Column("source", "string", "the claimant whose figure the outlets carry (one consensus per claimant line)"),
    Column("consensus", "float64", "the consensus figure the outlets' figures are compared with", "people"),
    Column("rule", "string", "crh (weighted truth discovery), median (equal weights) or conservative (lowest)"),
    Column("n_outlets", "Int64", "outlets with a figure in the group", "outlets"),
    Column("n_figures", "Int64", "figures compared (one per outlet and value)", "figures"),
    Column("figures", "string", "the figures with their outlet and their weight in the consensus"),
    Column("iterations", "Int64", "rounds of truth discovery until the weights were stable", "rounds"),
]
RELIABILITY_SENSITIVITY = [
    Column("component", "string", "the component whose weight was changed (`base` for the weights as set)"),
    Column("factor", "float64", "factor its weight was multiplied by", "ratio"),
    Column("weight", "float64", "its weight in this scenario"),
    Column("outlet", "string", "outlet"),
    Column("overall", "float64", "overall score in this scenario", "score in [0, 1]"),
    Column("rank", "Int64", "rank in this scenario, 1 = highest"),
    Column("base_rank", "Int64", "rank under the weights as set"),
    Column("rank_change", "Int64", "base_rank minus rank: positive when the outlet moves up", "places"),
]
REUSE_PASSAGES = [
    Column("pair_id", "string", "`doc_id:start~other_doc_id:other_start`"),
    Column("doc_id", "string", "document of the sentence that repeats (the later one when the dates tell)"),
    Column("outlet", "string", "its outlet"),
    Column("published", "string", "its publication date, ISO"),
    Column("sentence", "Int64", "index of the sentence in its document"),
    Column("start", "Int64", "start of the sentence in the raw text", "characters"),
    Column("end", "Int64", "end of the sentence; `raw[start:end]` gives it back", "characters"),
    Column("text", "string", "the sentence as written"),
    Column("other_doc_id", "string", "document of the sentence it shares wording with (the earlier one)"),
    Column("other_outlet", "string", "its outlet"),
    Column("other_published", "string", "its publication date, ISO"),
    Column("other_sentence", "Int64", "index of that sentence"),
    Column("other_start", "Int64", "start of that sentence in its raw text", "characters"),
    Column("other_end", "Int64", "end of that sentence", "characters"),
    Column("other_text", "string", "that sentence as written"),
    Column("direction", "string", "later (the sentence was published after the other), same_day or undated"),
    Column("n_shared_shingles", "Int64", "word n-grams the two share (quotes, names and numbers masked)", "shingles"),
    Column("n_common_words", "Int64", "tokens the two have in common, in order", "tokens"),
    Column("aligned_share", "float64", "n_common_words over the shorter sentence's tokens", "share"),
    Column("match_start", "Int64", "start of the longest run of shared words in the raw text", "characters"),
    Column("match_end", "Int64", "its end; `raw[match_start:match_end]` gives `shared`", "characters"),
    Column("other_match_start", "Int64", "start of that run in the other document", "characters"),
    Column("other_match_end", "Int64", "its end", "characters"),
    Column("shared", "string", "the longest run of shared words, as written in the sentence"),
]
REUSE_MAP = [
    Column("outlet", "string", "outlet whose sentences repeat the other's (the later one when the dates tell)"),
    Column("other_outlet", "string", "outlet they share wording with"),
    Column("direction", "string", "later (every pair dated, outlet after other), same_day, undated, or mixed"),
    Column("n_passages", "Int64", "sentence pairs", "pairs"),
    Column("n_docs", "Int64", "documents of `outlet` with such sentences", "documents"),
    Column("n_sentences", "Int64", "sentences of `outlet` that share wording with `other_outlet`", "sentences"),
    Column("max_share", "float64", "largest share of one article's sentences paired with one article of the "
                                   "other outlet", "share"),
    Column("is_derivative", "boolean", "`outlet` derives from `other_outlet`: a later article of it repeats at "
                                       "least `derivative_share` of its sentences from one of the other's"),
    Column("pair_ids", "string", "the pairs (rows of the passages table), ` | `-joined"),
]

# --- framing tables (kargraph.framing) ---
_FRAMING_TRACE = [
    Column("doc_id", "string", "document id"),
    Column("outlet", "string", "outlet of the document (its doc id when sources.csv names none)"),
    Column("sentence", "Int64", "index of the (first) sentence in its document, from 0"),
    Column("start", "Int64", "start of that sentence in the raw document text", "characters"),
    Column("end", "Int64", "end of the (last) sentence; `raw[start:end]` gives the sentence(s) back", "characters"),
    Column("text", "string", "the sentence(s) as written"),
]
FRAMING_LABELS = [
    *_FRAMING_TRACE,
    Column("referent", "string", "what is named: a referent id of the profile's `labels` section"),
    Column("label", "string", "the label chosen, as listed in the profile"),
    Column("lean", "string", "side the label favours (a side id) or `neutral`"),
    Column("match_start", "Int64", "start of the label's words in the raw text", "characters"),
    Column("match_end", "Int64", "end of the label's words; `raw[match_start:match_end]` gives them", "characters"),
    Column("matched", "string", "the label's words as written"),
]
FRAMING_LABEL_SUMMARY = [
    Column("outlet", "string", "outlet"),
    Column("referent", "string", "referent id of the profile's `labels` section"),
    Column("n_labels", "Int64", "labels found for the referent", "labels"),
    Column("n_neutral", "Int64", "of which neutral", "labels"),
    Column("n_towards", "Int64", "of which favour the side in `lean_towards`", "labels"),
    Column("n_against", "Int64", "of which favour another side", "labels"),
    Column("lean", "float64", "(n_towards - n_against) / n_labels: +1 all labels favour `lean_towards`, "
                              "-1 all favour the other side, 0 neutral or balanced", "score in [-1, 1]"),
    Column("lean_towards", "string", "the side whose labels count +1"),
    Column("labels", "string", "labels used with their counts, most used first"),
    Column("n_docs", "Int64", "documents the labels come from", "documents"),
]
FRAMING_VOICES = [
    *_FRAMING_TRACE,
    Column("last_sentence", "Int64", "index of the last sentence (a quotation may run over several)"),
    Column("kind", "string", "direct_quote, reported_speech or according_to"),
    Column("speaker", "string", "the speaker as written (a pronoun when the text says 'he')"),
    Column("speaker_key", "string", "actor id, else the speaker's words in lower case; `(unresolved)` for a pronoun left unresolved"),
    Column("speaker_name", "string", "the actor's canonical name, else the speaker as written"),
    Column("speaker_actor", "string", "actor id of the profile, when linked"),
    Column("speaker_side", "string", "side of the speaker (a side id, neutral) or `unknown`"),
    Column("speaker_kind", "string", "actor kind (person, government, agency, ...), when linked"),
    Column("speaker_method", "string", "how the speaker was found: subject, pronoun, relative, according_to, "
                                       "headline, next_sentence, previous_sentence, clause_subject, unknown"),
    Column("verb", "string", "the reporting verb's lemma (`according to` for that phrase)"),
    Column("n_words", "Int64", "words given to the speaker: the quotation and the reported clause", "words"),
    Column("n_quoted_words", "Int64", "of which inside quotation marks", "words"),
    Column("content_start", "Int64", "start of what was said in the raw text", "characters"),
    Column("content_end", "Int64", "end of what was said", "characters"),
    Column("content", "string", "what was said, `raw[content_start:content_end]`"),
]
FRAMING_VOICE_SHARES = [
    Column("outlet", "string", "outlet (or the group the shares were computed within; `all` for everything)"),
    Column("by", "string", "`speaker` (one row per speaker) or `side` (one row per side)"),
    Column("who", "string", "speaker key (actor id or words) or side id"),
    Column("name", "string", "speaker's name, or the side id"),
    Column("side", "string", "side of the speaker"),
    Column("n_voices", "Int64", "quotations and paraphrases", "voices"),
    Column("n_words", "Int64", "words given to the speaker(s)", "words"),
    Column("share_voices", "float64", "n_voices over all voices of the outlet", "share"),
    Column("share_words", "float64", "n_words over all words given to speakers in the outlet", "share"),
    Column("n_docs", "Int64", "documents with such voices", "documents"),
    Column("rank", "Int64", "1 = the outlet's main voice (by share of words, then of voices), within `by`"),
]
FRAMING_AGENCY = [
    *_FRAMING_TRACE,
    Column("verb", "string", "the conflict verb as written"),
    Column("lemma", "string", "its lemma"),
    Column("action", "string", "normalised action of the profile's `agency.actions` (attack, kill, deny, ...)"),
    Column("role", "string", "hostile, defensive, blame or denial"),
    Column("verb_start", "Int64", "start of the verb in the raw text", "characters"),
    Column("verb_end", "Int64", "end of the verb", "characters"),
    Column("voice", "string", "active or passive"),
    Column("is_negated", "boolean", "the verb is negated (\"did not attack\")"),
    Column("agent", "string", "who acts, as written (the by-phrase of a passive)"),
    Column("agent_actor", "string", "actor id of the agent, when linked"),
    Column("agent_side", "string", "side of the agent (from the actor, else the sides' adjectives)"),
    Column("patient", "string", "who or what undergoes the act, as written"),
    Column("patient_actor", "string", "actor id of the patient, when linked"),
    Column("patient_side", "string", "side of the patient"),
    Column("stance", "string", "asserted (the outlet's own voice) or attributed (to a speaker)"),
    Column("attributed_to", "string", "who the act is attributed to, as written"),
    Column("attributed_actor", "string", "actor id of that speaker, when linked"),
    Column("attributed_side", "string", "side of that speaker"),
    Column("denied_by", "string", "actor id (else words) of who denies the act (\"the army denies this\")"),
    Column("blamed_side", "string", "side the statement blames: the agent's side of a hostile act, the "
                                    "accused side of an accusation; empty when negated or no side"),
    Column("blamed_by", "string", "who assigns that blame: `outlet` for an act the outlet asserts in its own "
                                  "voice, else the speaker (actor id or words) or the accuser"),
]
FRAMING_FRAMES = [
    *_FRAMING_TRACE,
    Column("frame", "string", "frame id of the profile's `frames` section"),
    Column("n_terms", "Int64", "frame terms matched in the sentence", "terms"),
    Column("terms", "string", "the matched terms, `; `-joined"),
]
FRAMING_FRAME_SHARES = [
    Column("outlet", "string", "outlet"),
    Column("frame", "string", "frame id"),
    Column("n_sentences", "Int64", "article sentences of the outlet that carry the frame", "sentences"),
    Column("n_outlet_sentences", "Int64", "article sentences of the outlet", "sentences"),
    Column("share", "float64", "n_sentences / n_outlet_sentences", "share"),
    Column("n_terms", "Int64", "frame terms matched in the outlet", "terms"),
    Column("n_docs", "Int64", "documents with the frame", "documents"),
]
FRAMING_DISTINCTIVE_WORDS = [
    Column("word", "string", "the word (lower case, ASCII-folded, stop words left out)"),
    Column("z", "float64", "z-score of the weighted log-odds: positive favours group A", "z"),
    Column("log_odds", "float64", "weighted log-odds ratio (A over B) with the informative Dirichlet prior", "log-odds"),
    Column("count_a", "Int64", "occurrences in group A", "words"),
    Column("count_b", "Int64", "occurrences in group B", "words"),
    Column("prior", "float64", "the word's prior pseudo-count (background count x prior_scale)", "words"),
    Column("favours", "string", "the group the word is distinctive of"),
    Column("group_a", "string", "outlets of group A, ` + `-joined"),
    Column("group_b", "string", "outlets of group B, ` + `-joined"),
    Column("rank", "Int64", "rank among the words of its group, 1 = most distinctive"),
]
FRAMING_CASUALTIES = [
    *_FRAMING_TRACE,
    Column("claim_id", "string", "claim id of the claims table"),
    Column("claim_start", "Int64", "start of the figure's phrase in the raw text", "characters"),
    Column("claim_end", "Int64", "end of the figure's phrase", "characters"),
    *[c for c in CLAIMS if c.name in ("value", "hedge", "claimant", "attribution")],
    Column("position", "string", "headline, subheading, lead (first body paragraph) or body"),
    Column("is_attributed", "boolean", "the figure is attributed to a source (attribution not `unattributed`)"),
    Column("is_hedged", "boolean", "the figure is hedged (hedge other than `exact`)"),
    Column("is_near_blame", "boolean", "a blame statement is within `blame_window` sentences"),
    Column("blame_sentence", "Int64", "index of the nearest blame statement's sentence"),
    Column("blame_distance", "Int64", "sentences between the figure and that statement", "sentences"),
    Column("blamed_side", "string", "side that statement blames, when an act names one"),
    Column("blame_evidence", "string", "why the sentence is a blame statement (the act, or the frame terms)"),
]
FRAMING_CASUALTY_SUMMARY = [
    Column("outlet", "string", "outlet"),
    Column("position", "string", "headline, subheading, lead or body"),
    Column("n_figures", "Int64", "casualty figures in that position", "figures"),
    Column("share_attributed", "float64", "share of them attributed", "share"),
    Column("share_hedged", "float64", "share of them hedged", "share"),
    Column("share_near_blame", "float64", "share of them next to a blame statement", "share"),
    Column("n_docs", "Int64", "documents", "documents"),
]

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

# --- review tables (kargraph.corrections) ---
CORRECTIONS = [
    Column("claim_id", "string", "the corrected claim (`doc_id:start-end`; an added claim is named by its span)"),
    Column("field", "string", "a claims column, `exists` (false rejects, true adds) or `checked` (true: checked as it stands)"),
    Column("value", "string", "the right value, as text"),
    Column("reviewer", "string", "who made the correction"),
    Column("note", "string", "why, in the reviewer's words"),
    Column("timestamp", "string", "when kargraph wrote the row, ISO UTC"),
]
#: the columns a corrections file adds to the claims table
REVIEWED_CLAIMS = [
    *CLAIMS,
    Column("corrected_fields", "string", "columns a person corrected, `, `-joined; empty when none"),
    Column("reviewed_by", "string", "reviewers who corrected or checked the claim, `, `-joined; empty when none"),
]
REVIEW_QUEUE = [
    Column("claim_id", "string", "the claim to review"),
    Column("reason", "string", "needs_review (the extractor was unsure) or conflict (outlets disagree on its attributes)"),
    Column("conflicts", "string", "the attributes that differ across outlets for the same figure, `, `-joined"),
    *[c for c in CLAIMS if c.name in ("doc_id", "outlet", "text", "value", "outcome", "victims", "side", "claimant",
                                      "event", "sentence")],
]
AGREEMENT = [
    Column("field", "string", "the attribute both reviewers coded"),
    Column("n", "Int64", "claims both reviewers coded for it", "claims"),
    Column("agreement", "float64", "share of those claims given the same value (raw agreement)", "share"),
    Column("kappa", "float64", "Cohen's kappa: agreement beyond what the reviewers' value shares give by chance"),
]
AGREEMENT_DISAGREEMENTS = [
    Column("claim_id", "string", "a claim both reviewers coded"),
    Column("field", "string", "the attribute"),
    Column("value_a", "string", "the first reviewer's value"),
    Column("value_b", "string", "the second reviewer's value"),
]

TABLES: dict[str, list[Column]] = {
    "claims": CLAIMS,
    # tables of other modules are registered below this line
    "framing_labels": FRAMING_LABELS,
    "framing_label_summary": FRAMING_LABEL_SUMMARY,
    "framing_voices": FRAMING_VOICES,
    "framing_voice_shares": FRAMING_VOICE_SHARES,
    "framing_agency": FRAMING_AGENCY,
    "framing_frames": FRAMING_FRAMES,
    "framing_frame_shares": FRAMING_FRAME_SHARES,
    "framing_distinctive_words": FRAMING_DISTINCTIVE_WORDS,
    "framing_casualties": FRAMING_CASUALTIES,
    "framing_casualty_summary": FRAMING_CASUALTY_SUMMARY,
    "toll_groups": TOLL_GROUPS,
    "toll_claims": TOLL_CLAIMS,
    "toll_contradictions": TOLL_CONTRADICTIONS,
    "toll_updates": TOLL_UPDATES,
    "toll_stale": TOLL_STALE,
    "toll_echoes": TOLL_PROPAGATION,
    "toll_checks": TOLL_CHECKS,
    "toll_propagation": TOLL_PROPAGATION,
    "toll_outlet_figures": TOLL_OUTLET_FIGURES,
    "toll_lines": TOLL_LINES,
    "toll_estimates": TOLL_ESTIMATES,
    "toll_relabelled": TOLL_RELABELLED,
    "explorer_spans": EXPLORER_SPANS,
    "claim_timeline": CLAIM_TIMELINE,
    "documents": DOCUMENTS,
    "paragraphs": PARAGRAPHS,
    "sentences": SENTENCES,
    "load_issues": LOAD_ISSUES,
    "languages": LANGUAGES,
    "unread_documents": UNREAD_DOCUMENTS,
    "dates": DATES,
    "reliability_scores": RELIABILITY_SCORES,
    "reliability_evidence": RELIABILITY_EVIDENCE,
    "reliability_consensus": RELIABILITY_CONSENSUS,
    "reliability_sensitivity": RELIABILITY_SENSITIVITY,
    "reuse_passages": REUSE_PASSAGES,
    "reuse_map": REUSE_MAP,
    "corrections": CORRECTIONS,
    "reviewed_claims": REVIEWED_CLAIMS,
    "review_queue": REVIEW_QUEUE,
    "agreement": AGREEMENT,
    "agreement_disagreements": AGREEMENT_DISAGREEMENTS,
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
    absent = [c.name for c in spec if c.derived and c.name not in df.columns]
    if absent:
        df = df.assign(**dict.fromkeys(absent, pd.NA))
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
