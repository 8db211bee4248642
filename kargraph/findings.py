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
ARTICLE_KINDS = ("body", "headline", "subheading")  # paragraph kinds that are article text


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


# ------------------------------------------------------------------ helpers shared below
def _names(values, *, limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 others'."""
    values = [str(v) for v in values]
    if len(values) > limit:
        values = [*values[:limit], f"{len(values) - limit} others"]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def _short(text, limit: int = 60) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _document_spans(documents: pd.DataFrame) -> pd.DataFrame:
    """Whole documents as evidence spans (``0`` to ``n_chars``)."""
    return evidence_rows(documents.assign(start=0, end=documents["n_chars"]))


# ------------------------------------------------------------------ 01 corpus overview
def corpus_findings(documents: pd.DataFrame, *, issues: pd.DataFrame | None = None,
                    boilerplate: pd.DataFrame | None = None,
                    mentions: pd.DataFrame | None = None) -> list[Finding]:
    """Headline findings of the corpus overview (notebook 01), from its tables.

    Args:
        documents: the ``documents`` table.
        issues: the ``load_issues`` table (left out when None).
        boilerplate: the marked paragraphs (``paragraphs`` schema; left out when None);
            headlines and subheadings among them count as article text.
        mentions: :func:`kargraph.profile.entity_mentions` (left out when None).

    Returns:
        Up to six findings: size and span, the largest outlet, load issues, boilerplate,
        the actor and the place named most, and the names linked by fuzzy spelling.
    """
    if documents.empty:
        return []
    found = [_corpus_size(documents), _largest_outlet(documents)]
    if issues is not None:
        found.append(_load_issues(issues, len(documents)))
    marked = None if boilerplate is None else boilerplate[~boilerplate["kind"].isin(ARTICLE_KINDS)]
    if marked is not None and len(marked):
        found.append(_boilerplate(marked, documents))
    if mentions is not None:
        found += _most_named(mentions, documents)
    return [f for f in found if f is not None]


def _corpus_size(documents: pd.DataFrame) -> Finding:
    dates = pd.to_datetime(documents["published"], errors="coerce").dropna()
    outlets = documents["outlet"].dropna().unique()
    span = (f", published between {dates.min():%Y-%m-%d} and {dates.max():%Y-%m-%d}" if len(dates) else
            ", none with a publication date")
    undated = len(documents) - len(dates)
    tail = f" ({_plural(undated, 'document')} without a date)" if undated and len(dates) else ""
    text = (f"The corpus holds {_plural(len(documents), 'document')} from "
            f"{_plural(len(outlets), 'outlet')}{span}{tail}.")
    return Finding(text, _document_spans(documents), kind="corpus_size")


def _largest_outlet(documents: pd.DataFrame) -> Finding | None:
    counts = documents["outlet"].value_counts()
    if counts.empty:
        return None
    top = counts[counts == counts.iloc[0]].index.tolist()
    if len(top) == len(counts) and len(counts) > 1:
        text = f"Every outlet contributes {_plural(int(counts.iloc[0]), 'document')}."
        return Finding(text, _document_spans(documents), kind="largest_outlet")
    share = counts.iloc[0] / len(documents)
    text = (f"{_names(top)} {'has' if len(top) == 1 else 'have'} the most documents "
            f"({int(counts.iloc[0])} of {len(documents)}, {share:.0%}"
            f"{' each' if len(top) > 1 else ''}).")
    return Finding(text, _document_spans(documents[documents["outlet"].isin(top)]), kind="largest_outlet")


def _load_issues(issues: pd.DataFrame, n_documents: int) -> Finding:
    if issues.empty:
        return Finding(f"All {_plural(n_documents, 'document')} loaded without a problem.", kind="load_issues")
    skipped = int((issues["action"] == "skipped").sum())
    files = issues["file"].dropna().unique()
    text = (f"Loading met {_plural(len(issues), 'problem')} in {_names(files)}"
            f"{f'; {skipped} of them skipped a file or a row' if skipped else ''}.")
    return Finding(text, kind="load_issues")


def _boilerplate(boilerplate: pd.DataFrame, documents: pd.DataFrame) -> Finding:
    kinds = boilerplate["kind"].value_counts()
    n_docs = boilerplate["doc_id"].nunique()
    text = (f"{_plural(len(boilerplate), 'line')} in {n_docs} of {_plural(len(documents), 'document')} "
            f"are marked as not article text, most often {kinds.index[0]} ({int(kinds.iloc[0])}).")
    return Finding(text, evidence_rows(boilerplate), kind="boilerplate")


def _most_named(mentions: pd.DataFrame, documents: pd.DataFrame) -> list[Finding]:
    out = []
    for entity_type, word in (("actor", "actor"), ("place", "place")):
        rows = mentions[mentions["entity_type"] == entity_type]
        if rows.empty:
            continue
        counts = rows.groupby("canonical").agg(n=("start", "size"), docs=("doc_id", "nunique"))
        counts = counts.sort_values(["n", "docs"], ascending=False, kind="stable")
        name, top = counts.index[0], counts.iloc[0]
        text = (f"{name} is the {word} named most: {_plural(int(top['n']), 'mention')} in "
                f"{int(top['docs'])} of {_plural(len(documents), 'document')}.")
        out.append(Finding(text, evidence_rows(rows[rows["canonical"] == name]), kind=f"most_named_{word}"))
    fuzzy = mentions[mentions["method"] == "fuzzy"]
    if len(fuzzy):
        pairs = [f"'{t}' as {c}" for t, c in fuzzy[["text", "canonical"]].drop_duplicates().itertuples(index=False)]
        text = (f"{_plural(len(fuzzy), 'name')} not written as in the profile "
                f"{'was' if len(fuzzy) == 1 else 'were'} linked by spelling: {_names(pairs)}.")
        out.append(Finding(text, evidence_rows(fuzzy), kind="fuzzy_links"))
    return out


# ---------------------------------------------------------------- 04 narrative framing
def framing_findings(framing, *, words: pd.DataFrame | None = None, word_evidence: pd.DataFrame | None = None,
                     figures: pd.DataFrame | None = None) -> list[Finding]:
    """Headline findings of the framing report (notebook 04), from its tables.

    Args:
        framing: the :class:`kargraph.framing.FramingResult` of ``frame_profile``.
        words: ``distinctive_words`` (left out when None or empty).
        word_evidence: ``word_sentences`` of the first word of ``words`` (its spans).
        figures: ``casualty_framing`` (left out when None or empty).

    Returns:
        Up to six findings: the dominant frame, the strongest label lean, the main voice,
        blame in an outlet's own voice, the most distinctive word, figures next to blame.
    """
    found = [_dominant_frame(framing), _strongest_lean(framing), _main_voice(framing), _own_voice_blame(framing)]
    if words is not None and len(words):
        found.append(_distinctive_word(words, word_evidence))
    if figures is not None and len(figures):
        found.append(_figures_near_blame(figures))
    return [f for f in found if f is not None]


def _dominant_frame(framing) -> Finding | None:
    shares = framing.frame_shares
    if shares.empty or not shares["n_sentences"].sum():
        return None
    top = shares.sort_values(["outlet", "share"], ascending=[True, False], kind="stable").groupby("outlet").head(1)
    leading = top["frame"].value_counts()
    frame = leading.index[0]
    outlets = top.loc[top["frame"] == frame, "outlet"].tolist()
    text = (f"The {frame} frame is the most frequent in {len(outlets)} of {_plural(len(top), 'outlet')} "
            f"({_names(outlets)}), carried by up to {top.loc[top['frame'] == frame, 'share'].max():.0%} "
            "of an outlet's sentences.")
    rows = framing.frames[(framing.frames["frame"] == frame) & framing.frames["outlet"].isin(outlets)]
    return Finding(text, evidence_rows(rows), kind="dominant_frame")


def _strongest_lean(framing) -> Finding | None:
    summary = framing.label_summary.dropna(subset=["lean"])
    summary = summary[summary["lean"] != 0]
    if summary.empty:
        if len(framing.labels):
            return Finding(f"All {_plural(len(framing.labels), 'label')} found are neutral or balance out "
                           "within each outlet.", evidence_rows(framing.labels), kind="label_lean")
        return None
    # the most labels leaning one way first (one label of lean 1 is weaker evidence than five)
    weight = (summary["n_towards"] - summary["n_against"]).abs()
    order = pd.DataFrame({"w": weight, "l": summary["lean"].abs()}).sort_values(["w", "l"], ascending=False,
                                                                                 kind="stable")
    row = summary.loc[order.index[0]]
    text = (f"{row['outlet']} leans most in its labels: for {row['referent']} its "
            f"{_plural(int(row['n_labels']), 'label')} ({row['labels']}) score {row['lean']:+.2f} on the scale "
            f"from -1 (against {row['lean_towards']}) to +1 (towards {row['lean_towards']}).")
    rows = framing.labels[(framing.labels["outlet"] == row["outlet"]) & (framing.labels["referent"] == row["referent"])]
    return Finding(text, evidence_rows(rows), kind="label_lean")


def _main_voice(framing) -> Finding | None:
    from .framing import voice_shares  # framing imports nothing from here; no cycle at import

    voices = framing.voices
    if voices.empty:
        return None
    together = voice_shares(voices, per=None)
    speakers = together[(together["by"] == "speaker") & (together["rank"] == 1)]
    if speakers.empty:
        return None
    top = speakers.iloc[0]
    text = (f"{top['name']} is the voice heard most: {top['share_words']:.0%} of the words outlets give to "
            f"speakers, in {_plural(int(top['n_voices']), 'statement')} across "
            f"{_plural(int(top['n_docs']), 'document')}.")
    return Finding(text, evidence_rows(voices[voices["speaker_key"] == top["who"]]), kind="main_voice")


def _own_voice_blame(framing) -> Finding | None:
    blame = framing.agency[framing.agency["blamed_side"].notna()]
    if blame.empty:
        return None
    own = blame[blame["blamed_by"] == "outlet"]
    if own.empty:
        text = (f"No outlet blames a side in its own voice; all {_plural(len(blame), 'blame statement')} "
                "are attributed to speakers.")
        return Finding(text, evidence_rows(blame), kind="own_voice_blame")
    outlets = own["outlet"].value_counts()
    sides = own["blamed_side"].value_counts()
    text = (f"{_names(outlets.index)} {'blames' if len(outlets) == 1 else 'blame'} a side in "
            f"{'its' if len(outlets) == 1 else 'their'} own voice "
            f"({_plural(len(own), 'statement')}, most against {sides.index[0]}); "
            f"{len(blame) - len(own)} other blame statements are attributed.")
    return Finding(text, evidence_rows(own), kind="own_voice_blame")


def _distinctive_word(words: pd.DataFrame, evidence: pd.DataFrame | None) -> Finding:
    top = words.iloc[0]
    text = (f"'{top['word']}' sets {top['favours']} apart most (z = {top['z']:.2f}; "
            f"{int(top['count_a'])} against {int(top['count_b'])} occurrences).")
    ev = evidence_rows(evidence) if evidence is not None and len(evidence) else evidence_rows(pd.DataFrame(columns=EVIDENCE_COLUMNS))
    return Finding(text, ev, kind="distinctive_word")


def _figures_near_blame(figures: pd.DataFrame) -> Finding:
    near = figures[figures["is_near_blame"].fillna(False).astype(bool)]
    if near.empty:
        text = f"None of the {_plural(len(figures), 'casualty figure')} sits within a sentence of a blame statement."
        return Finding(text, evidence_rows(figures), kind="figures_near_blame")
    outlets = near["outlet"].value_counts()
    text = (f"{len(near)} of {_plural(len(figures), 'casualty figure')} sit within a sentence of a blame "
            f"statement, most in {outlets.index[0]} ({int(outlets.iloc[0])}).")
    ev = near.assign(start=near["claim_start"], end=near["claim_end"])
    return Finding(text, evidence_rows(ev), kind="figures_near_blame")


# ------------------------------------------------------------------- 02 reported tolls
def tolls_findings(comparison) -> list[Finding]:
    """Headline findings of the reported-tolls report (notebook 02), from its tables.

    Args:
        comparison: the :class:`kargraph.tolls.TollComparison` of ``compare_tolls``.

    Returns:
        Up to six findings: the figure carried most widely, the claim key whose claimants
        disagree most, contradictions, updates and stale figures, carriages that dropped a
        claimant or a hedge, and the consistency checks that fail. None on an empty table.
    """
    if comparison.claims.empty:
        return []
    found = [_most_carried(comparison.propagation), _widest_disagreement(comparison.lines),
             _contradictions(comparison.contradictions), _updates_and_stale(comparison.updates, comparison.stale),
             _dropped(comparison.propagation), _failed_checks(comparison.checks)]
    return [f for f in found if f is not None]


def _label(value, hedge) -> str:
    from .tolls import figure_label  # tolls imports nothing from here; no cycle at import

    return figure_label(value, hedge)


def _most_carried(propagation: pd.DataFrame) -> Finding | None:
    if propagation.empty:
        return None
    figures = propagation.drop_duplicates("figure_id").sort_values(["n_outlets", "n_claims"], ascending=False,
                                                                   kind="stable")
    top = figures.iloc[0]
    if int(top["n_outlets"]) < 2:
        text = (f"No claimant's figure was carried by more than one outlet "
                f"({_plural(len(figures), 'attributed figure')}, each in one outlet only).")
        return Finding(text, evidence_rows(propagation), kind="most_carried")
    text = (f"The figure carried most widely is {_label(top['value'], top['reference_hedge'])} "
            f"({top['source']}) for {top['claim_key']}: {_plural(int(top['n_claims']), 'carriage')} in "
            f"{int(top['n_outlets'])} outlets ({top['outlets']}), first by {top['first_outlet']} "
            f"on {top['first_published']}.")
    return Finding(text, evidence_rows(propagation[propagation["figure_id"] == top["figure_id"]]), kind="most_carried")


def _widest_disagreement(lines: pd.DataFrame) -> Finding | None:
    named = lines[lines["claimant"].ne("outlet").fillna(True).astype(bool)].dropna(subset=["latest_value"])
    if named.empty:
        return None
    per_key = named.groupby("claim_key", sort=False).agg(n=("source", "nunique"), low=("latest_value", "min"),
                                                         high=("latest_value", "max"))
    competing = per_key[per_key["n"] > 1]
    if competing.empty:
        text = (f"No claim key has figures from more than one claimant: "
                f"{_plural(len(per_key), 'claim key')}, each counted by a single source.")
        return Finding(text, evidence_rows(named), kind="widest_disagreement")
    ratio = competing["high"] / competing["low"].where(competing["low"] > 0)
    key = ratio.fillna(float("inf")).sort_values(ascending=False, kind="stable").index[0]
    rows = named[named["claim_key"] == key].sort_values("latest_value", kind="stable")
    figures = [f"{r.source} {_label(r.latest_value, r.latest_hedge)}" for r in rows.itertuples()]
    times = f", {ratio[key]:.1f} times apart" if pd.notna(ratio[key]) else ""
    text = (f"Claimants disagree most on {key}: their latest figures are {_names(figures, limit=4)}{times} "
            f"({_plural(len(competing), 'claim key')} with competing claimants in all).")
    return Finding(text, evidence_rows(rows), kind="widest_disagreement")


def _contradictions(contradictions: pd.DataFrame) -> Finding:
    if contradictions.empty:
        return Finding("No source is carried with two incompatible figures for the same claim key and date.",
                       kind="contradictions")
    first = contradictions.iloc[0]
    n = contradictions["contradiction_id"].nunique()
    rows = contradictions[contradictions["contradiction_id"] == first["contradiction_id"]]
    text = (f"{_plural(n, 'contradiction')} found: {first['source']} is carried as {first['values']} for "
            f"{first['claim_key']} as of {first['as_of']}, by {_names(rows['outlet'].dropna().unique())}.")
    return Finding(text, evidence_rows(contradictions), kind="contradictions")


def _updates_and_stale(updates: pd.DataFrame, stale: pd.DataFrame) -> Finding | None:
    if updates.empty and stale.empty:
        return None
    parts = []
    if len(updates):
        big = updates.loc[updates["change"].abs().sort_values(ascending=False, kind="stable").index[0]]
        parts.append(f"{_plural(len(updates), 'carriage')} {'updates' if len(updates) == 1 else 'update'} an earlier figure of the same source, the "
                     f"largest for {big['claim_key']} ({big['source']}), from {_label(big['previous_value'], big['previous_hedge'])} "
                     f"({big['previous_as_of']}) to {_label(big['value'], big['hedge'])} ({big['as_of']})")
    stale_part = (f"{_plural(len(stale), 'figure')} {'was' if len(stale) == 1 else 'were'} already stale when "
                  f"published, most in {stale['outlet'].value_counts().index[0]}" if len(stale)
                  else "no figure was already stale when published")
    parts.append(stale_part)
    text = "; ".join(parts)
    return Finding(text[0].upper() + text[1:] + ".", evidence_rows(pd.concat([updates, stale])), kind="updates")


def _dropped(propagation: pd.DataFrame) -> Finding | None:
    if propagation.empty:
        return None
    flags = ["dropped_attribution", "dropped_hedge", "hedge_changed"]
    flagged = propagation[propagation[flags].fillna(False).astype(bool).any(axis=1)]
    if flagged.empty:
        return Finding(f"All {_plural(len(propagation), 'carriage')} of a claimant's figure keep its claimant "
                       "and its hedge.", evidence_rows(propagation), kind="dropped")
    counts = {f: int(flagged[f].fillna(False).astype(bool).sum()) for f in flags}
    what = ", ".join(f"{n} {f.replace('_', ' ')}" for f, n in counts.items() if n)
    text = (f"{len(flagged)} of {_plural(len(propagation), 'carriage')} of a claimant's figure change it on the "
            f"way ({what}), most in {flagged['outlet'].value_counts().index[0]}.")
    return Finding(text, evidence_rows(flagged), kind="dropped")


def _failed_checks(checks: pd.DataFrame) -> Finding | None:
    if checks.empty:
        return None
    failed = checks[~checks["is_consistent"].fillna(True).astype(bool)]
    if failed.empty:
        return Finding(f"All {_plural(len(checks), 'consistency check')} between related figures hold.",
                       evidence_rows(checks), kind="checks")
    text = (f"{len(failed)} of {_plural(len(checks), 'consistency check')} between related figures fail, "
            f"e.g. {failed.iloc[0]['message']}.")
    return Finding(text, evidence_rows(failed), kind="checks")


# --------------------------------------------------------------- 03 source reliability
def reliability_findings(scores: pd.DataFrame, evidence: pd.DataFrame, *,
                         sensitivity: pd.DataFrame | None = None, n_components: int = 3) -> list[Finding]:
    """Headline findings of the source-reliability report (notebook 03), from its tables.

    Args:
        scores: the scorecard's ``scores`` table.
        evidence: its ``evidence`` table (the rows behind every score).
        sensitivity: :func:`kargraph.reliability.weight_sensitivity` (left out when None).
        n_components: how many of the components that flag most rows get a finding each.

    Returns:
        Up to six findings: the first and the last outlet, the outlets left unranked, the
        components that lower scores most, and how the first rank stands when weights move.
    """
    if scores.empty:
        return []
    found = [_ranking(scores, evidence), _unranked(scores, evidence)]
    found += _flagged_components(evidence, n_components)
    if sensitivity is not None and len(sensitivity):
        found.append(_rank_stability(sensitivity))
    return [f for f in found if f is not None][:6]


def _ranking(scores: pd.DataFrame, evidence: pd.DataFrame) -> Finding | None:
    ranked = scores[scores["is_ranked"].fillna(False).astype(bool)].sort_values("rank", kind="stable")
    if ranked.empty:
        return None
    first, last = ranked.iloc[0], ranked.iloc[-1]
    if len(ranked) == 1:
        text = f"{first['outlet']} is the only outlet with enough evidence to rank (overall {first['overall']:.2f})."
    else:
        text = (f"{first['outlet']} ranks first of {_plural(len(ranked), 'ranked outlet')} "
                f"(overall {first['overall']:.2f}) and {last['outlet']} last ({last['overall']:.2f}), "
                "with the weights as set.")
    flags = evidence[evidence["outlet"].isin([first["outlet"], last["outlet"]]) & evidence["is_flag"].fillna(False)]
    return Finding(text, evidence_rows(flags if len(flags) else evidence[evidence["outlet"] == first["outlet"]]),
                   kind="ranking")


def _unranked(scores: pd.DataFrame, evidence: pd.DataFrame) -> Finding | None:
    unranked = scores.loc[~scores["is_ranked"].fillna(False).astype(bool), "outlet"].tolist()
    if not unranked:
        return None
    text = (f"{_names(unranked)} {'has' if len(unranked) == 1 else 'have'} too little evidence to be ranked "
            f"({_plural(int(scores.loc[scores['outlet'].isin(unranked), 'n_docs'].sum()), 'document')}).")
    return Finding(text, evidence_rows(evidence[evidence["outlet"].isin(unranked)]), kind="unranked")


def _flagged_components(evidence: pd.DataFrame, limit: int) -> list[Finding]:
    flagged = evidence[evidence["is_flag"].fillna(False).astype(bool)]
    if flagged.empty:
        if evidence.empty:
            return []
        return [Finding(f"No evidence row lowers a score ({_plural(len(evidence), 'row')} in all).",
                        kind="flagged_component")]
    out = []
    for component, rows in sorted(flagged.groupby("component"), key=lambda kv: -len(kv[1]))[:limit]:
        per_outlet = rows["outlet"].value_counts()
        total = int((evidence["component"] == component).sum())
        example = rows.iloc[0]
        text = (f"{component.capitalize()} lowers scores in {len(rows)} of {_plural(total, 'row')} across "
                f"{_plural(len(per_outlet), 'outlet')}, most in {per_outlet.index[0]} ({int(per_outlet.iloc[0])}); "
                f"e.g. \"{_short(example['text'])}\" in {example['outlet']}: {_short(example['found'], 140)}.")
        out.append(Finding(text, evidence_rows(rows), kind="flagged_component"))
    return out


def _rank_stability(sensitivity: pd.DataFrame) -> Finding:
    tried = sensitivity[sensitivity["component"] != "base"]
    n = tried[["component", "factor"]].drop_duplicates().shape[0]
    base_first = sensitivity.loc[(sensitivity["component"] == "base") & (sensitivity["rank"] == 1), "outlet"].tolist()
    firsts = tried.loc[tried["rank"] == 1, "outlet"].unique().tolist()
    others = [o for o in firsts if o not in base_first]
    if not others:
        text = f"{_names(base_first)} keeps the first rank under all {_plural(n, 'weighting')} tried."
    else:
        moved = tried[(tried["rank"] == 1) & tried["outlet"].isin(others)][["component", "factor"]].drop_duplicates()
        text = (f"The first rank changes hands under {len(moved)} of {_plural(n, 'weighting')} tried: "
                f"{_names(others)} also {'ranks' if len(others) == 1 else 'rank'} first, "
                f"e.g. with {moved.iloc[0]['component']} weighted x{moved.iloc[0]['factor']:g}.")
    return Finding(text, kind="rank_stability")
