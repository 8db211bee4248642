"""Source reliability: a scorecard per outlet whose every point traces back to sentences.

``score_sources(corpus, claims)`` returns a :class:`Scorecard` of tidy tables (columns in
:mod:`kargraph.schema`):

============ ===============================================================================
scores       one row per outlet: one column per component in [0, 1] (1 = best), the overall
             score, its rank, the number of evidence rows behind each component and the
             weight each component had (``weight_*``), the outlet's note from sources.csv
evidence     one row per piece of evidence: outlet, component, what was checked, the document
             and character span (``raw[start:end]``), the sentence, what was found, what it
             was compared with (``other_*``) and its effect on the score
consensus    the consensus figure of every claim key and as-of date the agreement compares
reuse        sentences that share wording across outlets (:func:`kargraph.reuse.find_reuse`)
reuse_map    the same per pair of outlets, with who derives from whom
============ ===============================================================================

A component's score is the weighted mean of ``effect`` over the outlet's evidence rows of
that component (``weight`` per row), so any score can be recomputed from the exported
evidence. An outlet with no evidence for a component gets NA ("no evidence", never a
middling 0.5) and ``n_<component>`` = 0; ``overall`` then weighs the other components.
Each component carries the central ``interval_mass`` interval of a Beta posterior
(Jeffreys prior, the score read as a share of ``n`` rows) in ``<component>_low`` and
``<component>_high``; an outlet with fewer than ``min_evidence`` evidence rows gets no
rank and is named in ``scores.attrs["unranked"]``. ``overall`` is the mean of the
components weighted by ``ReliabilityParams.weights``; the scores table always carries the
components and the weights next to it.

Components
----------
attribution
    Attribution kept: one row per carriage of a claimant's figure (a named claimant, or an
    own-voice figure that compare_tolls links to one claimant's figure by its number): 1
    when it names its source, 0 when it does not. An own-voice figure is counted only when
    a carriage naming the claimant was published on an earlier day (attribution decays
    along the chain; what was not yet published cannot have been dropped). An outlet's
    own-voice figures without such a link are not transmissions: agreement judges them.
agreement
    A figure carried from a claimant is set against the other outlets' carriages of the
    same claimant's figures for the same claim key and as-of date (value kept): their
    consensus is found by truth discovery in the manner of CRH (Li et al., SIGMOD 2014):
    the consensus of each line minimises the weighted distance to the outlets' figures,
    each outlet's weight is ``-log`` of its share of the total error, and the two are
    re-estimated in turn until the weights are stable. Figures of different claimants are
    competing claims, never set against each other. An outlet's own-voice figure (not
    linked to a claimant) is set against the nearest third-party line of its group (check
    ``third_party_lines``). A figure is its hedge interval (tolls' ``interval_low``/
    ``interval_high``; "nearly 5,000" is 4,500-5,000, "more than 60" has no upper end) and
    its distance to the consensus is 0 inside it. The error is that distance relative to
    the consensus; a row's effect is ``1 - error / agreement_tolerance`` (at least 0).
    Undated figures, vague ones ("hundreds"), increments, subsets and relabelled
    carriages are not compared. Figures whose sentences repeat each other's wording (see
    reuse) with the same value count once: they share one vote. Rules ``median`` (equal
    weights, no iteration) and ``conservative`` (the lowest figure, as ACLED does) are
    offered for comparison.
fidelity
    Quotations (words within quotation marks, at least ``min_quote_words`` words) whose
    speaker the framing module identified are compared across documents: two quotations
    of the same speaker in articles published within ``fidelity_window_days`` whose words
    overlap (rapidfuzz ``token_set_ratio`` at least ``fidelity_min_match``, two content
    words shared) are versions of one statement. A version's effect is its mean similarity
    to the others: the share of the shorter version's words found in order in the longer
    (an outlet may quote part of a statement; what it quotes must be the words). With two
    versions both get the same effect: which one altered the words cannot be told. A
    quotation that breaks off with an ellipsis, or that stands as a sentence of its own
    without a verb, is garbled: a further row with effect 0.
currency
    One row per dated running total whose source gave a figure for the same claim key with
    another as-of date: 0 when compare_tolls calls it stale (published after that
    source's newer figure had been published), else 1.
precision
    Hedge, victims and side kept. One row per carriage of a figure that more than one claim
    carries: 1 minus ``precision_penalties`` for a hedge dropped (stated as exact) or
    changed against the first carriage naming the source that was published on an earlier
    day (none: nothing to compare with, 1); and one row per relabelled carriage
    (compare_tolls' ``relabelled``: "874 soldiers" carried as "the overall death toll"),
    1 minus the ``relabelled`` penalty. A dropped attribution is the attribution
    component's, so that one loss costs once.
slips
    Statements about the profile's ``reference_facts`` (1 when they agree, 0 when they
    contradict), and one row per name of a person or place in each document: 0 when the
    name is only linked by the profile's fuzzy matcher (a misspelling: "Pishnian" for
    Pashinyan), 1 when written as listed. Fuzzy links that are derived forms of a listed
    name ("Armenians" for Armenia) or identical to one are not misspellings.
reuse
    One row per sentence that shares wording with an earlier article of another outlet
    (effect 0; 0.5 on the same day, when who came first is unknown), and one row per
    document for its other sentences (effect 1, weighted by their number), so the score
    is the share of an outlet's sentences that are its own. The earlier side of a pair is
    shown with weight 0.
outlet_prior
    The user's prior for the outlet: ``outlet_priors[outlet]``, else the lowest value of
    ``note_priors`` whose keyword its sources.csv note contains. It is reputation, not
    evidence, so its weight (``outlet_prior_weight``) is 0 unless the user sets one.

Truth discovery is written here (about forty lines) because the Python implementations
(the ``truthdiscovery`` package, the CRH authors' research code) take one point value per
source and object: none reads a hedge as an interval or lets copies share one vote.
"""
from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from . import schema
from ._io import write_table
from .document import Document
from .framing import FramingParams, frame_profile
from .normalize import find_numbers
from .profile import Profile, _cue_pattern, entity_mentions, fold, load_profile
from .reuse import ReuseParams, find_reuse, quotation_spans, reuse_map, reused_sentences, stop_words
from .tolls import TollComparison, TollParams, compare_tolls, figure_label

COMPONENTS = tuple(schema.RELIABILITY_COMPONENTS)
_OWN_VOICE = "outlet"  # the claimant id (and source prefix) of an outlet's own voice
EVIDENCE_COMPONENTS = COMPONENTS[:-1]  # outlet_prior is a prior, not evidence
CONSENSUS_RULES = ("crh", "median", "conservative")
DEFAULT_NOTE_PRIORS = (("state-owned", 0.3), ("state-run", 0.3), ("aggregator", 0.3), ("machine-translated", 0.3))
DEFAULT_PRECISION_PENALTIES = (("dropped_hedge", 1.0), ("hedge_changed", 0.5), ("relabelled", 1.0))


@dataclass(frozen=True, kw_only=True)
class ReliabilityParams:
    """Options of :func:`score_sources` (the rules are in the module docstring).

    Attributes:
        weights: weight of each evidence component in the overall score, as a mapping
            (``{"agreement": 2}``); components left out weigh 1. Stored as pairs.
        outlet_prior_weight: weight of the outlet prior (0: shown, not counted).
        outlet_priors: the user's prior per outlet, in [0, 1] (``{"Press TV": 0.3}``).
        note_priors: ``(keyword, prior)`` pairs read in sources.csv notes for outlets
            without an ``outlet_priors`` entry.
        neutral: score of a component without evidence; None (the default): NA, shown
            as "no evidence", and left out of ``overall``.
        min_evidence: evidence rows an outlet needs (over all components) to be ranked;
            outlets with fewer get no rank and are named in ``scores.attrs["unranked"]``.
        interval_mass: probability mass of each component's Beta-posterior interval.
        consensus: ``crh``, ``median`` or ``conservative``.
        max_iterations: rounds of truth discovery at most.
        agreement_tolerance: relative error at which a figure's agreement reaches 0.
        fidelity_window_days: quotations of one speaker in articles published this many
            days apart or less may be versions of one statement.
        fidelity_min_match: rapidfuzz ``token_set_ratio`` (0-100) from which two
            quotations are versions of one statement.
        min_quote_words: words a quotation needs to be compared.
        precision_penalties: ``(flag, penalty)`` pairs for ``dropped_hedge``,
            ``hedge_changed`` and ``relabelled``.
        name_types: entity types whose names are checked for misspellings.
        tolls: options of :func:`kargraph.tolls.compare_tolls` (hedge intervals).
        reuse: options of :func:`kargraph.reuse.find_reuse`.
        framing: options of :func:`kargraph.framing.frame_profile` (speakers of quotes).
    """

    weights: Mapping[str, float] | tuple[tuple[str, float], ...] = ()
    outlet_prior_weight: float = 0.0
    outlet_priors: Mapping[str, float] | tuple[tuple[str, float], ...] = ()
    note_priors: tuple[tuple[str, float], ...] = DEFAULT_NOTE_PRIORS
    neutral: float | None = None
    min_evidence: int = 3
    interval_mass: float = 0.9
    consensus: str = "crh"
    max_iterations: int = 100
    agreement_tolerance: float = 0.5
    fidelity_window_days: int = 3
    fidelity_min_match: float = 70.0
    min_quote_words: int = 4
    precision_penalties: tuple[tuple[str, float], ...] = DEFAULT_PRECISION_PENALTIES
    name_types: tuple[str, ...] = ("actor", "place")
    tolls: TollParams = field(default_factory=TollParams)
    reuse: ReuseParams = field(default_factory=ReuseParams)
    framing: FramingParams = field(default_factory=FramingParams)

    def __post_init__(self):
        given = dict(self.weights)
        unknown = [c for c in given if c not in EVIDENCE_COMPONENTS]
        if unknown:
            hint = " (the outlet prior has its own outlet_prior_weight)" if "outlet_prior" in unknown else ""
            raise ValueError(f"ReliabilityParams.weights: unknown component(s) {', '.join(map(repr, unknown))}; "
                             f"use {', '.join(EVIDENCE_COMPONENTS)}{hint}")
        weights = tuple((c, float(given.get(c, 1.0))) for c in EVIDENCE_COMPONENTS)
        object.__setattr__(self, "weights", weights)
        priors = tuple((str(o), float(p)) for o, p in dict(self.outlet_priors).items())
        object.__setattr__(self, "outlet_priors", priors)
        object.__setattr__(self, "note_priors", tuple((str(k), float(p)) for k, p in self.note_priors))
        object.__setattr__(self, "precision_penalties", tuple((str(k), float(p)) for k, p in self.precision_penalties))
        all_weights = [w for _, w in weights] + [self.outlet_prior_weight]
        if any(w < 0 or math.isnan(w) for w in all_weights):
            raise ValueError(f"ReliabilityParams: weights cannot be negative ({dict(self.component_weights)})")
        if sum(all_weights) <= 0:
            raise ValueError("ReliabilityParams: at least one weight must be positive")
        for name, values in (("outlet_priors", self.outlet_priors), ("note_priors", self.note_priors)):
            bad = [k for k, p in values if not 0 <= p <= 1]
            if bad:
                raise ValueError(f"ReliabilityParams.{name}: priors must lie in [0, 1] ({', '.join(bad)})")
        if self.neutral is not None and not 0 <= self.neutral <= 1:
            raise ValueError(f"ReliabilityParams.neutral must lie in [0, 1], not {self.neutral}")
        if self.consensus not in CONSENSUS_RULES:
            raise ValueError(f"ReliabilityParams.consensus must be one of {', '.join(CONSENSUS_RULES)}, "
                             f"not {self.consensus!r}")
        unknown_flags = [k for k, _ in self.precision_penalties if k not in dict(DEFAULT_PRECISION_PENALTIES)]
        if unknown_flags:
            raise ValueError(f"ReliabilityParams.precision_penalties: unknown flag(s) {', '.join(unknown_flags)}")
        for name in ("agreement_tolerance", "max_iterations", "min_quote_words"):
            if not getattr(self, name) > 0:
                raise ValueError(f"ReliabilityParams.{name} must be positive, not {getattr(self, name)}")
        if self.fidelity_window_days < 0:
            raise ValueError(f"ReliabilityParams.fidelity_window_days cannot be negative ({self.fidelity_window_days})")

    @property
    def component_weights(self) -> dict[str, float]:
        """Weight of every component, the outlet prior included, in scorecard order."""
        return {**dict(self.weights), "outlet_prior": float(self.outlet_prior_weight)}


@dataclass(frozen=True, eq=False)
class Scorecard:
    """The result of :func:`score_sources`: tidy tables, each documented in :mod:`kargraph.schema`."""

    scores: pd.DataFrame
    evidence: pd.DataFrame
    consensus: pd.DataFrame
    reuse: pd.DataFrame
    reuse_map: pd.DataFrame
    params: ReliabilityParams

    def behind(self, outlet: str | None = None, component: str | None = None, *,
               flags_only: bool = False) -> pd.DataFrame:
        """The evidence rows behind a score: one outlet and/or one component.

        Args:
            outlet: an outlet of ``scores`` (None: all).
            component: a component (None: all).
            flags_only: only the rows that lower the score (``is_flag``).
        """
        if outlet is not None and outlet not in set(self.scores["outlet"]):
            raise ValueError(f"no outlet {outlet!r} in the scorecard; it has {', '.join(self.scores['outlet'])}")
        if component is not None and component not in COMPONENTS:
            raise ValueError(f"no component {component!r}; use one of {', '.join(COMPONENTS)}")
        rows = self.evidence
        if outlet is not None:
            rows = rows[rows["outlet"] == outlet]
        if component is not None:
            rows = rows[rows["component"] == component]
        if flags_only:
            rows = rows[rows["is_flag"].fillna(False)]
        return rows.reset_index(drop=True)

    def reweight(self, weights: Mapping[str, float] | None = None, *,
                 outlet_prior_weight: float | None = None) -> pd.DataFrame:
        """The scores table under other weights (the evidence is not recomputed).

        Args:
            weights: evidence component weights (components left out weigh 1); None keeps
                the scorecard's.
            outlet_prior_weight: weight of the outlet prior; None keeps the scorecard's.
        """
        changes = {}
        if weights is not None:
            changes["weights"] = weights
        if outlet_prior_weight is not None:
            changes["outlet_prior_weight"] = outlet_prior_weight
        params = dataclasses.replace(self.params, **changes)
        return _overall(self.scores, params)

    def write(self, folder: str | Path) -> list[Path]:
        """Write every table as CSV into ``folder`` (atomically), named ``reliability_<table>.csv``."""
        folder = Path(folder)
        return [write_table(getattr(self, name), folder / f"reliability_{name}.csv")
                for name in ("scores", "evidence", "consensus", "reuse", "reuse_map")]


def score_sources(corpus: Iterable[Document], claims: pd.DataFrame, *, profile: Profile | str | None = None,
                  params: ReliabilityParams = ReliabilityParams(), tolls: TollComparison | None = None,
                  voices: pd.DataFrame | None = None, passages: pd.DataFrame | None = None) -> Scorecard:
    """Score each outlet on the evidence of its own articles.

    Args:
        corpus: the documents (a :class:`kargraph.document.Corpus` or any iterable of them).
        claims: the claims table of these documents (:func:`kargraph.claims.extract_claims`).
        profile: conflict profile (object, name or YAML path): reference facts and names.
        params: options (see :class:`ReliabilityParams`).
        tolls: ``compare_tolls(claims)`` when already computed (else computed here with
            ``params.tolls``).
        voices: the framing ``voices`` table when already computed (else computed here).
        passages: ``find_reuse(corpus)`` when already computed (else computed here).

    Returns:
        A :class:`Scorecard`; every table records ``params`` in ``attrs["params"]``.

    Raises:
        ValueError: a claim names a document that is not in the corpus.
    """
    docs = {d.doc_id: d for d in corpus}
    prof = load_profile(profile, corpus=corpus)
    tolls = tolls if tolls is not None else compare_tolls(claims, params=params.tolls)
    toll_claims = _with_outlets(tolls.claims, docs)
    if passages is None:
        passages = find_reuse(docs.values(), params=params.reuse)
    if voices is None:
        voices = frame_profile(docs.values(), profile=prof, params=params.framing).voices

    agreement_rows, consensus, source_weights = _agreement(toll_claims, docs, passages, params)
    rows = (_attribution(toll_claims, docs) + agreement_rows + _fidelity(docs, voices, params)
            + _currency(toll_claims, tolls.stale, docs) + _precision(toll_claims, docs, params)
            + _relabelled(tolls.relabelled, docs, params)
            + _slips(docs, prof, params) + _reuse(docs, passages, params) + _outlet_prior(docs, params))
    evidence = _evidence_table(rows)
    scores = _scores(docs, evidence, source_weights, params)
    record = {"params": dataclasses.asdict(params), "profile": prof.id, "neutral": params.neutral}
    tables = {"scores": scores, "evidence": evidence, "consensus": consensus, "reuse": passages,
              "reuse_map": reuse_map(passages, docs.values(), params=params.reuse)}
    for table in tables.values():
        table.attrs = {**table.attrs, **record}
    return Scorecard(**tables, params=params)


def weight_sensitivity(card: Scorecard, *, factors: Iterable[float] = (0, 0.5, 1, 2, 4)) -> pd.DataFrame:
    """How the ranking moves when one weight moves (table ``reliability_sensitivity``).

    Each component's weight in turn is multiplied by each factor, the others kept; a
    component weighted 0 is tried at the factor times the mean of the positive weights.

    Args:
        card: a scorecard.
        factors: the multipliers to try.

    Returns:
        One row per component, factor and outlet with its overall score, its rank and
        how far that rank is from the rank under the weights as set; the weights as set
        are the rows of component ``base``.
    """
    base_weights = card.params.component_weights
    positive = [w for w in base_weights.values() if w > 0]
    unit = sum(positive) / len(positive)
    base = _overall(card.scores, card.params)
    base_rank = dict(zip(base["outlet"], base["rank"]))
    rows = []

    def scenario(component: str, factor: float, weights: dict[str, float]) -> None:
        if sum(weights.values()) <= 0:
            return  # every weight at 0: no score to rank
        scored = _overall(card.scores, card.params, weights=weights)
        for r in scored.itertuples():
            rows.append({"component": component, "factor": float(factor), "weight": weights.get(component, np.nan),
                         "outlet": r.outlet, "overall": r.overall, "rank": r.rank,
                         "base_rank": base_rank[r.outlet], "rank_change": base_rank[r.outlet] - r.rank})

    scenario("base", 1.0, base_weights)
    for component in COMPONENTS:
        for factor in factors:
            weights = dict(base_weights)
            weights[component] = (base_weights[component] or unit) * float(factor)
            scenario(component, factor, weights)
    table = pd.DataFrame(rows) if rows else schema.empty("reliability_sensitivity")
    table = schema.conform(table, "reliability_sensitivity")
    table.attrs = dict(card.scores.attrs)
    return table


# ------------------------------------------------------------------------------ scores
def _scores(docs: Mapping[str, Document], evidence: pd.DataFrame, source_weights: Mapping[str, float],
            params: ReliabilityParams) -> pd.DataFrame:
    outlets = sorted({_outlet(d) for d in docs.values()})
    counted = evidence[evidence["weight"] > 0]
    rows = []
    for outlet in outlets:
        mine = counted[counted["outlet"] == outlet]
        notes = [d.outlet_note for d in docs.values() if _outlet(d) == outlet and d.outlet_note]
        row = {"outlet": outlet, "outlet_note": notes[0] if notes else pd.NA,
               "n_docs": sum(_outlet(d) == outlet for d in docs.values()),
               "consensus_weight": source_weights.get(outlet, np.nan)}
        for component in COMPONENTS:
            part = mine[mine["component"] == component]
            row[f"n_{component}"] = len(part)
            score = float((part["effect"] * part["weight"]).sum() / part["weight"].sum()) if len(part) else np.nan
            row[component] = params.neutral if np.isnan(score) and params.neutral is not None else score
            row[f"{component}_low"], row[f"{component}_high"] = _beta_interval(score, len(part), params.interval_mass)
        rows.append(row)
    table = pd.DataFrame(rows)
    return _overall(table, params)


def _beta_interval(score: float, n: int, mass: float) -> tuple[float, float]:
    """Central interval of the Beta posterior (Jeffreys prior) of a score from ``n`` rows.

    The score is read as the share of ``n`` trials that went well; no rows: NA.
    """
    if n == 0 or np.isnan(score):
        return np.nan, np.nan
    from scipy.stats import beta

    good = score * n
    tail = (1 - mass) / 2
    return float(beta.ppf(tail, good + 0.5, n - good + 0.5)), float(beta.ppf(1 - tail, good + 0.5, n - good + 0.5))


def _overall(scores: pd.DataFrame, params: ReliabilityParams, *,
             weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """``scores`` with ``overall``, ``rank`` and ``weight_*`` for the given weights."""
    weights = dict(weights) if weights is not None else params.component_weights
    out = scores.copy()
    # a component without evidence (NA) is left out and the others' weights renormalised
    present = {c: out[c].notna() for c in weights}
    total = sum(present[c] * w for c, w in weights.items())
    summed = sum(out[c].fillna(0) * w for c, w in weights.items())
    out["overall"] = (summed / total.where(total > 0)).astype("float64")
    for component, weight in weights.items():
        out[f"weight_{component}"] = float(weight)
    # rounded so that equal scores reached by different sums share a rank
    evidence = sum(out[f"n_{c}"] for c in EVIDENCE_COMPONENTS)
    ranked = evidence >= params.min_evidence
    out["is_ranked"] = ranked
    out["rank"] = out["overall"].where(ranked).round(12).rank(ascending=False, method="min")
    out = out.sort_values(["rank", "outlet"], ignore_index=True)
    out = schema.conform(out, "reliability_scores")
    out.attrs = {**scores.attrs, "unranked": sorted(out.loc[~out["is_ranked"], "outlet"])}
    return out


def _evidence_table(rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return schema.empty("reliability_evidence")
    table = pd.DataFrame(rows)
    for col in schema.columns("reliability_evidence"):
        if col not in table.columns:
            table[col] = pd.NA
    # the outlet prior is reputation, not evidence: it lowers no score by itself
    table["is_flag"] = (table["effect"] < 1) & (table["weight"] > 0) & (table["component"] != "outlet_prior")
    order = {c: i for i, c in enumerate(COMPONENTS)}
    table = table.assign(_order=table["component"].map(order)).sort_values(
        ["outlet", "_order", "doc_id", "start"], kind="stable", na_position="last", ignore_index=True)
    return schema.conform(table.drop(columns="_order"), "reliability_evidence")


# ------------------------------------------------------------------------- attribution
def _attribution(claims: pd.DataFrame, docs: Mapping[str, Document]) -> list[dict]:
    """Attribution kept: one row per carriage of a claimant's figure (see the module docstring)."""
    carried = claims[claims["source"].notna() & ~claims["source"].str.startswith(f"{_OWN_VOICE}:").fillna(True)]
    earlier = _earlier_attributed(carried)
    rows = []
    for c in carried.itertuples():
        attributed = not c.is_unattributed
        if c.claimant == _OWN_VOICE and c.claim_id not in earlier.index:
            continue  # an own-voice figure whose claimant no earlier carriage named: nothing was dropped
        how = str(c.attribution).replace("_", " ") if pd.notna(c.attribution) else "no attribution"
        if attributed:
            found, other = f"{_label(c)} attributed to {c.claimant} ({how})", {}
        elif c.claim_id in earlier.index:
            first = earlier.loc[c.claim_id]
            found = (f"{_label(c)} is {c.source}'s figure, stated without a source where {first['outlet']} "
                     f"named {c.source} on {first['published']}")
            other = _other_claim(first, docs)
        else:
            found, other = f"{_label(c)} stated without naming {c.claimant} ({how})", {}
        rows.append({**_claim_where(c, docs), "component": "attribution",
                     "check": "attributed" if attributed else "unattributed",
                     "found": found, "effect": float(attributed), "weight": 1.0, **other})
    return rows


def _earlier_attributed(carried: pd.DataFrame) -> pd.DataFrame:
    """For each carriage, the first carriage of its figure that named the source and was
    published on an earlier day (attribution decays along the chain: what was not yet
    published cannot have been dropped)."""
    named = carried[~carried["is_unattributed"].fillna(False) & carried["published"].notna()]
    named = named.sort_values("published", kind="stable").drop_duplicates("figure_id")
    pairs = carried[["claim_id", "figure_id", "published"]].merge(
        named[["figure_id", "claim_id", "doc_id", "start", "end", "outlet", "published"]],
        on="figure_id", suffixes=("_self", ""))
    pairs = pairs[pairs["published"] < pairs["published_self"]]
    return pairs.drop_duplicates("claim_id_self").set_index("claim_id_self")


# --------------------------------------------------------------------------- agreement
def _agreement(claims: pd.DataFrame, docs: Mapping[str, Document], passages: pd.DataFrame,
               params: ReliabilityParams) -> tuple[list[dict], pd.DataFrame, dict[str, float]]:
    """Evidence rows, the consensus table and the outlets' source weights.

    A claimant's figure carried by several outlets is set against the consensus of the
    carriages of that claimant's line (value kept); an outlet's own-voice figure against
    the third-party lines of its group. A figure of one claimant is never set against
    another claimant's: they are competing claims, not measurements of one number.
    """
    obs = claims[claims["is_total"].fillna(False) & ~claims["incomplete_key"].fillna(True)
                 & claims["as_of"].notna() & (claims["hedge"] != "vague").fillna(True)
                 & ~claims["is_relabelled"].fillna(False).astype(bool)]
    own_voice = obs["source"].str.startswith(f"{_OWN_VOICE}:").fillna(True)
    rows = _own_voice_agreement(obs[own_voice], obs[obs["claim_kind"] == "third_party"], docs, params)
    obs = obs[~own_voice].drop_duplicates(["outlet", "group_id", "source", "value", "hedge"]).copy()
    obs["line_id"] = obs["group_id"] + " | " + obs["source"]
    obs = obs[obs.groupby("line_id")["outlet"].transform("nunique") >= 2].reset_index(drop=True)
    if obs.empty:
        return rows, schema.empty("reliability_consensus"), {}
    obs["top"] = obs["interval_high"].fillna(np.inf)
    obs["copies"] = _copy_counts(obs, passages)
    obs["share"] = 1.0 / (obs.groupby(["line_id", "outlet"])["claim_id"].transform("size") * obs["copies"])
    truth, error, weights, iterations = _truth_discovery(obs, params)
    obs["error"] = error
    top = max(weights.values()) or 1.0
    weights = {o: w / top for o, w in weights.items()}
    consensus_rows = []
    for line_id, members in obs.groupby("line_id", sort=True):
        first = members.iloc[0]
        figures = "; ".join(f"{_label(m)} {m.outlet} (vote {weights[m.outlet] * m.share:.2f})"
                            for m in members.itertuples())
        consensus_rows.append({"group_id": first["group_id"], "claim_key": first["claim_key"],
                               "as_of": first["as_of"], "source": first["source"], "consensus": truth[line_id],
                               "rule": params.consensus, "n_outlets": members["outlet"].nunique(),
                               "n_figures": len(members), "figures": figures, "iterations": iterations})
        rows += [_carriage_row(m, members, truth[line_id], docs, params) for m in members.itertuples()]
    return rows, schema.conform(pd.DataFrame(consensus_rows), "reliability_consensus"), weights


def _truth_discovery(obs: pd.DataFrame, params: ReliabilityParams):
    """Consensus per line, each figure's error, the outlets' weights and the rounds taken."""
    outlets = sorted(obs["outlet"].unique())
    weights = {o: 1.0 for o in outlets}
    iterations = 1
    for iterations in range(1, params.max_iterations + 1):
        truth = _truths(obs, weights, params.consensus)
        error = _errors(obs, truth)
        if params.consensus != "crh":
            break
        new = _crh_weights(obs.assign(error=error))
        stable = max(abs(new[o] - weights[o]) for o in outlets) < 1e-9
        weights = new
        if stable:
            break
    return truth, error, weights, iterations


def _carriage_row(m, members: pd.DataFrame, truth: float, docs: Mapping[str, Document],
                  params: ReliabilityParams) -> dict:
    others = members[members["outlet"] != m.outlet]
    gap = others.apply(lambda o: _interval_gap(m.interval_low, m.top, o.interval_low, o.top), axis=1)
    other = others.loc[gap.idxmax()]
    copied = f"; counted once with {m.copies - 1} other carriage(s) in shared wording" if m.copies > 1 else ""
    found = (f"{_label(m)} [{m.source}] against consensus {truth:,.0f} of {m.source}'s figures for {m.group_id} "
             f"({', '.join(f'{_label(o)} {o.outlet}' for o in members.itertuples())}): "
             f"{'within its interval' if m.error == 0 else f'off by {m.error:.1%}'}{copied}")
    return {**_claim_where(m, docs), "component": "agreement", "check": "consensus", "found": found,
            "effect": max(0.0, 1.0 - m.error / params.agreement_tolerance), "weight": 1.0,
            **_other_claim(other, docs)}


def _own_voice_agreement(own: pd.DataFrame, third: pd.DataFrame, docs: Mapping[str, Document],
                         params: ReliabilityParams) -> list[dict]:
    """An own-voice figure against the nearest third-party line of its group (none: no row)."""
    cols = ["group_id", "source", "claim_id", "doc_id", "start", "end", "value", "hedge", "side", "low", "high",
            "interval_low", "interval_high", "point"]
    pairs = own.merge(third[cols].add_prefix("other_"), left_on="group_id", right_on="other_group_id")
    pairs = pairs[pairs["other_doc_id"] != pairs["doc_id"]] if len(pairs) else pairs
    if pairs.empty:
        return []
    gap = np.maximum(0, np.maximum(pairs["interval_low"] - pairs["other_interval_high"].fillna(np.inf),
                                   pairs["other_interval_low"] - pairs["interval_high"].fillna(np.inf)))
    pairs = pairs.assign(error=gap / np.maximum(pairs["other_point"].abs(), 1.0))
    nearest = pairs.sort_values(["error", "other_published" if "other_published" in pairs else "other_claim_id"],
                                kind="stable").drop_duplicates("claim_id")
    rows = []
    for m in nearest.itertuples():
        other = pd.Series({"doc_id": m.other_doc_id, "start": m.other_start, "end": m.other_end})
        label = figure_label(m.other_value, m.other_hedge, side=m.other_side, low=m.other_low, high=m.other_high)
        found = (f"{_label(m)} in the outlet's own voice against the nearest third-party line of {m.group_id}, "
                 f"{label} [{m.other_source}]: "
                 f"{'within its interval' if m.error == 0 else f'off by {m.error:.1%}'}")
        rows.append({**_claim_where(m, docs), "component": "agreement", "check": "third_party_lines",
                     "found": found, "effect": max(0.0, 1.0 - m.error / params.agreement_tolerance),
                     "weight": 1.0, **_other_claim(other, docs)})
    return rows


def _copy_counts(obs: pd.DataFrame, passages: pd.DataFrame) -> pd.Series:
    """For each figure, how many figures (itself included) carry it in shared wording."""
    parent = list(range(len(obs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # the figures of each document by start offset, so a passage finds its figures by bisection
    # instead of a scan of every figure (passages x figures in a large corpus)
    positions = {i: k for k, i in enumerate(obs.index)}
    by_doc: dict = {}
    for i, doc_id, start in zip(obs.index, obs["doc_id"], obs["start"]):
        by_doc.setdefault(doc_id, []).append((int(start), i))
    for entries in by_doc.values():
        entries.sort()
    keys = {i: (g, v) for i, g, v in zip(obs.index, obs["line_id"], obs["value"])}

    def claims_in(doc_id, start, end) -> list:
        entries = by_doc.get(doc_id, [])
        lo = bisect.bisect_left(entries, (int(start), -math.inf))
        hi = bisect.bisect_left(entries, (int(end), -math.inf))
        return [i for _, i in entries[lo:hi]]

    for p in passages.itertuples():
        for i in claims_in(p.doc_id, p.start, p.end):
            for j in claims_in(p.other_doc_id, p.other_start, p.other_end):
                if keys[i] == keys[j]:
                    parent[find(positions[i])] = find(positions[j])
    roots = pd.Series([find(positions[i]) for i in obs.index], index=obs.index)
    return roots.map(roots.value_counts()).astype("float64")


def _truths(obs: pd.DataFrame, weights: Mapping[str, float], rule: str) -> dict[str, float]:
    truth = {}
    for group_id, m in obs.groupby("line_id"):
        if rule == "conservative":
            truth[group_id] = float(m["point"].min())
            continue
        votes = m["outlet"].map(weights) * m["share"]
        truth[group_id] = _weighted_center(m["interval_low"].to_numpy(float), m["top"].to_numpy(float),
                                           votes.to_numpy(float))
    return truth


def _weighted_center(low: np.ndarray, high: np.ndarray, votes: np.ndarray) -> float:
    """The point nearest the intervals by weighted distance; the middle of the best stretch.

    The weighted sum of distances to intervals is convex and piecewise linear with its
    corners at the interval ends, so its minimum lies between the best two corners.
    """
    corners = np.unique(np.concatenate([low, high[np.isfinite(high)]]))
    cost = np.array([(votes * np.maximum(0, np.maximum(low - x, x - high))).sum() for x in corners])
    best = corners[cost <= cost.min() + 1e-9 * max(1.0, cost.min())]
    return float((best.min() + best.max()) / 2)


def _errors(obs: pd.DataFrame, truth: Mapping[str, float]) -> pd.Series:
    """Distance of each figure's interval to its group's consensus, relative to the consensus."""
    x = obs["line_id"].map(truth)
    gap = np.maximum(0, np.maximum(obs["interval_low"] - x, x - obs["top"]))
    return gap / np.maximum(x.abs(), 1.0)


def _crh_weights(obs: pd.DataFrame, epsilon: float = 1e-3) -> dict[str, float]:
    """CRH source weights: -log of each outlet's share of the summed (mean) errors."""
    loss = obs.groupby("outlet")["error"].mean() + epsilon
    return {o: float(-math.log(v / loss.sum())) for o, v in loss.items()}


def _interval_gap(low_a, high_a, low_b, high_b) -> float:
    return max(0.0, low_b - high_a, low_a - high_b)


# ---------------------------------------------------------------------------- fidelity
@dataclass(frozen=True)
class _Quote:
    doc: Document
    start: int
    end: int
    text: str
    speaker: str
    speaker_name: str
    sentence: object
    words: tuple[str, ...]


def _fidelity(docs: Mapping[str, Document], voices: pd.DataFrame, params: ReliabilityParams) -> list[dict]:
    quotes = _quotes(docs, voices, params)
    stop = stop_words()
    versions: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for i, a in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if (a.doc.doc_id == b.doc.doc_id or a.speaker != b.speaker or not _near(a.doc, b.doc, params)
                    or len((set(a.words) & set(b.words)) - stop) < 2
                    or fuzz.token_set_ratio(" ".join(a.words), " ".join(b.words)) < params.fidelity_min_match):
                continue
            similarity = _in_order_share(a.words, b.words)
            versions[i].append((j, similarity))
            versions[j].append((i, similarity))
    rows = []
    for i, q in enumerate(quotes):
        if versions[i]:
            similarity = sum(s for _, s in versions[i]) / len(versions[i])
            j, worst = min(versions[i], key=lambda v: v[1])
            other = quotes[j]
            found = (f"{q.speaker_name} quoted as \u201c{q.text}\u201d; {_outlet(other.doc)} has "
                     f"\u201c{other.text}\u201d ({worst:.0%} of the words in common"
                     + (f"; mean over {len(versions[i])} versions {similarity:.0%})" if len(versions[i]) > 1 else ")"))
            rows.append({**_quote_where(q), "component": "fidelity", "check": "quote_version", "found": found,
                         "effect": similarity, "weight": 1.0, **_other_quote(other)})
        garbled = _garbled(q)
        if garbled:
            rows.append({**_quote_where(q), "component": "fidelity", "check": "garbled_quote",
                         "found": f"{q.speaker_name} quoted as \u201c{q.text}\u201d: {garbled}", "effect": 0.0,
                         "weight": 1.0})
    return rows


def _quotes(docs: Mapping[str, Document], voices: pd.DataFrame, params: ReliabilityParams) -> list[_Quote]:
    """Quotations with a known speaker, at least ``min_quote_words`` words long."""
    out = []
    by_doc = {doc_id: v for doc_id, v in voices.groupby("doc_id")} if len(voices) else {}
    for doc_id, doc in docs.items():
        speakers = by_doc.get(doc_id)
        if speakers is None:
            continue
        for p in doc.paragraphs:
            if p.is_boilerplate:
                continue
            for a, b in quotation_spans(p.text):
                start, end = p.start + a, p.start + b
                text = doc.raw[start:end]
                words = tuple(_quote_words(text))
                if len(words) < params.min_quote_words:
                    continue
                voice = _speaker(speakers, doc, start, end)
                if voice is None:
                    continue
                out.append(_Quote(doc, start, end, text, voice.speaker_key, voice.speaker_name,
                                  doc.sentence_at(start), words))
    return out


def _speaker(voices: pd.DataFrame, doc: Document, start: int, end: int):
    """The voice whose content holds the quotation, else the direct quote of its sentence."""
    known = voices[voices["speaker_key"].notna() & (voices["speaker_key"] != "(unresolved)")]
    overlap = known[(known["content_start"] < end) & (known["content_end"] > start)]
    if len(overlap):
        return overlap.iloc[0]
    sentence = doc.sentence_at(start)
    if sentence is None:
        return None
    around = known[(known["kind"] == "direct_quote") & (known["sentence"] <= sentence.index)
                   & (known["last_sentence"].fillna(known["sentence"]) >= sentence.index)]
    return around.iloc[0] if len(around) else None


def _quote_words(text: str) -> list[str]:
    """Words of a quotation in lower case, numbers as digits ("two thousand" -> "2000")."""
    folded = fold(text)
    pieces, last = [], 0
    for n in find_numbers(folded):
        if n.kind == "count" and n.value is not None:
            pieces += [folded[last:n.start], f" {n.value:g} "]
            last = n.end
    pieces.append(folded[last:])
    return re.findall(r"\w+", "".join(pieces).lower())


def _in_order_share(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Share of the shorter word sequence found, in order, in the longer."""
    common = (len(a) + len(b) - Indel.distance(a, b)) // 2
    return common / min(len(a), len(b))


def _near(a: Document, b: Document, params: ReliabilityParams) -> bool:
    if a.published is None or b.published is None:
        return False
    return abs((a.published - b.published).days) <= params.fidelity_window_days


_ELLIPSIS = re.compile(r"(?:\u2026|\.\.\.)\s*[\"'\u201d\u2019\u00bb]*\s*$")


def _garbled(q: _Quote) -> str:
    """Why a quotation reads as garbled, or "" when it does not."""
    reasons = []
    if _ELLIPSIS.search(q.text):
        reasons.append("it breaks off with an ellipsis")
    sentence = q.sentence
    if sentence is not None and (q.end - q.start) >= 0.8 * (sentence.end - sentence.start):
        from ._nlp import get_nlp

        inner = q.text.strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb \u2026.")
        if not any(t.pos_ in ("VERB", "AUX") for t in get_nlp()(inner)):
            reasons.append("it stands as a sentence of its own without a verb")
    return "; ".join(reasons)


def _quote_where(q: _Quote) -> dict:
    return {"outlet": _outlet(q.doc), "doc_id": q.doc.doc_id, "start": q.start, "end": q.end, "text": q.text,
            "sentence": q.sentence.text if q.sentence is not None else pd.NA}


def _other_quote(q: _Quote) -> dict:
    return {"other_outlet": _outlet(q.doc), "other_doc_id": q.doc.doc_id, "other_start": q.start,
            "other_end": q.end, "other_text": q.text}


# ---------------------------------------------------------------------------- currency
def _currency(claims: pd.DataFrame, stale: pd.DataFrame, docs: Mapping[str, Document]) -> list[dict]:
    """Dated totals whose source gave the same key another as-of date: stale or current."""
    dated = claims[claims["is_total"].fillna(False) & ~claims["incomplete_key"].fillna(True)
                   & claims["source"].notna() & claims["as_of"].notna() & claims["published"].notna()]
    n_dates = dated.groupby(["source", "claim_key"])["as_of"].transform("nunique")
    stale_by_id = stale.drop_duplicates("claim_id").set_index("claim_id")
    by_id = claims.set_index("claim_id")
    rows = []
    for c in dated[n_dates >= 2].itertuples():
        same = dated[(dated["source"] == c.source) & (dated["claim_key"] == c.claim_key)]
        if c.claim_id in stale_by_id.index:
            s = stale_by_id.loc[c.claim_id]
            newer = by_id.loc[s["newer_claim_id"]]
            found = (f"{_label(c)} [{c.source}] as of {c.as_of}, published {c.published}: stale, "
                     f"{c.source} had given {_label(newer)} as of {s['newer_as_of']} in {s['newer_outlet']} "
                     f"on {s['newer_published']} ({int(s['days_behind'])} days before)")
            rows.append({**_claim_where(c, docs), "component": "currency", "check": "stale", "found": found,
                         "effect": 0.0, "weight": 1.0, **_other_claim(newer, docs)})
            continue
        later = same[same["as_of"] > c.as_of]
        if later.empty:
            found = f"{_label(c)} [{c.source}] as of {c.as_of}: the latest figure of {c.source} for {c.claim_key}"
            other = same[same["as_of"] < c.as_of].iloc[-1]
        else:
            other = later.sort_values("published").iloc[0]
            found = (f"{_label(c)} [{c.source}] as of {c.as_of}, published {c.published}: current then; the newer "
                     f"{_label(other)} (as of {other['as_of']}) was first published on {other['published']}")
        rows.append({**_claim_where(c, docs), "component": "currency", "check": "current", "found": found,
                     "effect": 1.0, "weight": 1.0, **_other_claim(other, docs)})
    return rows


# --------------------------------------------------------------------------- precision
def _precision(claims: pd.DataFrame, docs: Mapping[str, Document], params: ReliabilityParams) -> list[dict]:
    """Hedge kept: each carriage of a figure against the carriage it could have taken it from."""
    penalties = dict(params.precision_penalties)
    carried = claims[claims["figure_id"].notna()]
    carried = carried[carried.groupby("figure_id")["claim_id"].transform("size") >= 2]
    rows = []
    for _, carriages in carried.groupby("figure_id", sort=False):
        for c in carriages.itertuples():
            reference = _reference_carriage(carriages, c)
            lost = _hedge_lost(c, reference)
            effect = max(0.0, 1.0 - sum(penalties.get(flag, 0.0) for flag, _ in lost))
            kept = "" if lost else f"kept the hedge ({_hedge_words(c.hedge)})"
            if reference is None:
                kept += ", no earlier carriage naming the source to compare with"
            found = f"{_label(c)} [{c.source}], carried {len(carriages)} times: " + "; ".join(
                [what for _, what in lost] + ([kept] if kept else []))
            other = reference if reference is not None else carriages[carriages["claim_id"] != c.claim_id].iloc[0]
            rows.append({**_claim_where(c, docs), "component": "precision",
                         "check": "dropped" if lost else "kept", "found": found, "effect": effect,
                         "weight": 1.0, **_other_claim(other, docs)})
    return rows


def _relabelled(relabels: pd.DataFrame, docs: Mapping[str, Document], params: ReliabilityParams) -> list[dict]:
    """Victims and side kept: a carriage that gives a claimant's figure another label."""
    penalty = dict(params.precision_penalties).get("relabelled", 0.0)
    rows = []
    for r in relabels.itertuples():
        found = (f"{_label(r)} [{r.claimant}] written as {r.outlet_wrote} where the claimant's figure is "
                 f"{r.claimant_said} (as carried by {r.other_evidence})")
        rows.append({**_claim_where(r, docs), "component": "precision", "check": "relabelled", "found": found,
                     "effect": max(0.0, 1.0 - penalty), "weight": 1.0})
    return rows


def _reference_carriage(carriages: pd.DataFrame, c):
    """The first carriage naming the source published on an earlier day; None when there is none.

    A carriage without a source is no reference: that it carries the figure rests on the
    number alone.
    """
    if pd.isna(c.published):
        return None
    earlier = carriages[(carriages["published"] < c.published).fillna(False)
                        & ~carriages["is_unattributed"].fillna(False)]
    return earlier.iloc[0] if len(earlier) else None


def _hedge_lost(c, reference) -> list[tuple[str, str]]:
    """``(flag, what)`` for a hedge dropped or changed against the reference carriage."""
    if reference is None or reference["hedge"] == c.hedge:
        return []
    if c.hedge == "exact":
        return [("dropped_hedge", f"stated exactly where {reference['outlet']} has "
                                  f"{_hedge_words(reference['hedge'])}")]
    return [("hedge_changed", f"hedge {_hedge_words(c.hedge)} where {reference['outlet']} "
                              f"has {_hedge_words(reference['hedge'])}")]


def _flag(value) -> bool:
    return value is not pd.NA and bool(value)


def _hedge_words(hedge) -> str:
    return "no hedge" if hedge == "exact" or pd.isna(hedge) else str(hedge).replace("_", " ")


# ------------------------------------------------------------------------------- slips
@dataclass(frozen=True)
class _Fact:
    id: str
    fact: str
    values: tuple  # accepted dates; empty for a fact checked by contradicted_by only
    patterns: tuple[re.Pattern, ...]
    contradicted_by: tuple[re.Pattern, ...]


def reference_facts(profile: Profile | str | None = None) -> list[_Fact]:
    """The profile's ``reference_facts``, checked, with their patterns compiled.

    Raises:
        ValueError: a fact lacks an id or a statement, a value is not an ISO date, a
            pattern is not a valid regular expression or has no ``value`` group; the
            message names the profile file and the fact.
    """
    prof = load_profile(profile)
    where = prof.source or prof.id
    facts = []
    for i, item in enumerate(prof.section("reference_facts") or []):
        if not isinstance(item, dict) or not item.get("id") or not item.get("fact"):
            raise ValueError(f"{where}: reference fact #{i + 1} needs an 'id' and a 'fact'")
        name = f"{where}: reference fact {item['id']!r}"
        raw_values = item.get("value")
        raw_values = raw_values if isinstance(raw_values, list) else ([] if raw_values is None else [raw_values])
        try:
            values = tuple(v if hasattr(v, "year") else pd.Timestamp(str(v)).date() for v in raw_values)
        except ValueError:
            raise ValueError(f"{name}: value {raw_values!r} is not an ISO date (YYYY-MM-DD)") from None
        patterns = tuple(_compile(p, name) for p in item.get("patterns") or ())
        if any("value" not in p.groupindex for p in patterns):
            raise ValueError(f"{name}: every pattern needs a named group (?P<value>...) capturing the stated date")
        if patterns and not values:
            raise ValueError(f"{name}: patterns need a 'value' to compare the stated date with")
        contradicted = tuple(_compile(p, name) for p in item.get("contradicted_by") or ())
        if not patterns and not contradicted:
            raise ValueError(f"{name}: give 'patterns' (with a value) or 'contradicted_by'")
        facts.append(_Fact(str(item["id"]), str(item["fact"]), values, patterns, contradicted))
    return facts


def _compile(pattern, name: str) -> re.Pattern:
    try:
        return _cue_pattern(str(pattern))
    except re.error as err:
        raise ValueError(f"{name}: pattern {pattern!r} is not a valid regular expression ({err})") from None


def _slips(docs: Mapping[str, Document], prof: Profile, params: ReliabilityParams) -> list[dict]:
    return _fact_rows(docs, reference_facts(prof)) + _name_rows(docs, prof, params)


def _fact_rows(docs: Mapping[str, Document], facts: list[_Fact]) -> list[dict]:
    from .dates import resolve_date

    rows = []
    for doc in docs.values():
        for s in doc.article_sentences:
            folded = fold(s.text)
            for fact in facts:
                for pattern in fact.patterns:
                    for m in pattern.finditer(folded):
                        stated = m.group("value")
                        when = resolve_date(stated, doc.published) or resolve_date(f"in {stated}", doc.published)
                        if when is None:
                            continue
                        agrees = any(_same_at(when.date, v, when.precision) for v in fact.values)
                        verdict = "agrees with" if agrees else "contradicts"
                        rows.append({**_span_where(doc, s, s.start + m.start(), s.start + m.end()),
                                     "component": "slips", "check": "fact", "effect": float(agrees), "weight": 1.0,
                                     "found": f"states {stated!r} ({_at(when.date, when.precision)}): "
                                              f"{verdict} the reference fact {fact.id}: {fact.fact}"})
                for pattern in fact.contradicted_by:
                    for m in pattern.finditer(folded):
                        rows.append({**_span_where(doc, s, s.start + m.start(), s.start + m.end()),
                                     "component": "slips", "check": "fact", "effect": 0.0, "weight": 1.0,
                                     "found": f"contradicts the reference fact {fact.id}: {fact.fact}"})
    return rows


def _at(day, precision: str) -> str:
    """A date written at its precision: 1994, 1994-05, 1994-05-12."""
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}.get(precision, f"{day:%Y-%m-%d}")


def _same_at(stated, fact, precision: str) -> bool:
    if precision == "year":
        return stated.year == fact.year
    if precision == "month":
        return (stated.year, stated.month) == (fact.year, fact.month)
    if precision == "week":
        return 0 <= (fact - stated).days < 7
    return stated == fact


def _name_rows(docs: Mapping[str, Document], prof: Profile, params: ReliabilityParams) -> list[dict]:
    """One row per person or place named in each document: misspelt (fuzzy only) or not."""
    mentions = entity_mentions(docs.values(), profile=prof)
    people = {a.id for a in prof.actors.values() if a.kind == "person"}
    named = mentions[mentions["method"].isin(["alias", "fuzzy"]) & mentions["entity_type"].isin(params.name_types)
                     & ((mentions["entity_type"] == "place") | mentions["entity_id"].isin(people))]
    named = named[~named.apply(lambda m: m["method"] == "fuzzy" and _derived_form(prof, m), axis=1)] \
        if len(named) else named
    rows = []
    for (doc_id, entity_id), group in named.groupby(["doc_id", "entity_id"], sort=True):
        doc = docs[doc_id]
        misspelt = group[group["method"] == "fuzzy"]
        first = (misspelt if len(misspelt) else group).iloc[0]
        s = doc.sentence_at(int(first["start"]))
        if len(misspelt):
            found = (f"{first['text']!r} is not a listed spelling of {first['canonical']} "
                     f"(linked by the fuzzy matcher, score {first['score']:.0f})")
        else:
            found = f"{first['canonical']} written as listed ({first['text']!r})"
        rows.append({**_span_where(doc, s, int(first["start"]), int(first["end"])), "component": "slips",
                     "check": "misspelt_name" if len(misspelt) else "correct_name", "found": found,
                     "effect": 0.0 if len(misspelt) else 1.0, "weight": 1.0})
    return rows


def _derived_form(prof: Profile, mention: pd.Series) -> bool:
    """A fuzzy link that is a listed name itself, or a listed name with an ending ("Armenians")."""
    word = fold(str(mention["text"])).lower()
    if mention["entity_type"] == "actor":
        names = [prof.actors[mention["entity_id"]].name, *prof.actors[mention["entity_id"]].aliases]
    else:
        names = [prof.places[mention["entity_id"]].name, *prof.places[mention["entity_id"]].aliases]
    adjectives = [a for side in prof.sides for a in prof.side_words(side)]
    listed = {fold(n).lower() for n in [*names, *adjectives]}
    return mention["score"] >= 100 or word in listed or any(word.startswith(n) for n in listed if len(n) >= 4)


# ------------------------------------------------------------------------------- reuse
def _reuse(docs: Mapping[str, Document], passages: pd.DataFrame, params: ReliabilityParams) -> list[dict]:
    sides = reused_sentences(passages)
    rows = []
    for doc in docs.values():
        mine = sides[sides["doc_id"] == doc.doc_id] if len(sides) else sides
        counted = mine[mine["direction"] != "earlier"]
        pairs_per_sentence = counted.groupby("sentence")["pair_id"].transform("size") if len(counted) else None
        for k, p in enumerate(mine.itertuples()):
            if p.direction == "earlier":
                check, effect, weight = "reused", 1.0, 0.0
                found = (f"its wording reappears later in {p.other_outlet} ({p.other_published}): "
                         f"\u201c{p.shared}\u201d")
            else:
                effect = 0.0 if p.direction == "later" else 0.5
                weight = 1.0 / pairs_per_sentence.loc[p.Index]
                when = {"later": f"published earlier ({p.other_published})",
                        "same_day": "published the same day: who came first is unknown",
                        "undated": "undated: who came first is unknown"}[p.direction]
                found = (f"shares wording with {p.other_outlet}, {when}: \u201c{p.shared}\u201d "
                         f"({p.aligned_share:.0%} of the shorter sentence in common)")
                check = "reused"
            rows.append({"outlet": _outlet(doc), "component": "reuse", "check": check, "doc_id": doc.doc_id,
                         "start": p.start, "end": p.end, "text": p.text, "sentence": p.text, "found": found,
                         "effect": effect, "weight": weight, "other_outlet": p.other_outlet,
                         "other_doc_id": p.other_doc_id, "other_start": p.other_start, "other_end": p.other_end,
                         "other_text": p.other_text})
        n_sentences = sum(1 for _ in _reuse_sentences(doc, params))
        n_reused = counted["sentence"].nunique() if len(counted) else 0
        if n_sentences > n_reused:
            rows.append({"outlet": _outlet(doc), "component": "reuse", "check": "original", "doc_id": doc.doc_id,
                         "start": pd.NA, "end": pd.NA, "text": pd.NA, "sentence": pd.NA, "effect": 1.0,
                         "weight": float(n_sentences - n_reused),
                         "found": f"{n_sentences - n_reused} of {n_sentences} article sentences share no wording "
                                  "with another outlet's article"})
    return rows


def _reuse_sentences(doc: Document, params: ReliabilityParams):
    return doc.sentences if params.reuse.include_boilerplate else doc.article_sentences


# ------------------------------------------------------------------------ outlet prior
def _outlet_prior(docs: Mapping[str, Document], params: ReliabilityParams) -> list[dict]:
    explicit = dict(params.outlet_priors)
    rows = []
    for outlet in sorted({_outlet(d) for d in docs.values()}):
        doc = min((d for d in docs.values() if _outlet(d) == outlet), key=lambda d: d.doc_id)
        note = next((d.outlet_note for d in docs.values() if _outlet(d) == outlet and d.outlet_note), None)
        if outlet in explicit:
            prior, why = explicit[outlet], "set by the user for this outlet"
        else:
            matched = [(p, k) for k, p in params.note_priors if note and k.lower() in note.lower()]
            if not matched:
                continue
            prior, keyword = min(matched)
            why = f"the note says {keyword!r}"
        rows.append({"outlet": outlet, "component": "outlet_prior", "check": "outlet_note", "doc_id": doc.doc_id,
                     "start": pd.NA, "end": pd.NA, "text": note, "sentence": pd.NA, "effect": prior, "weight": 1.0,
                     "found": f"prior {prior:.2f}: {why} (sources.csv note: {note or 'none'})"})
    return rows


# ----------------------------------------------------------------------------- helpers
def _outlet(doc: Document) -> str:
    return doc.outlet or doc.doc_id


def _with_outlets(claims: pd.DataFrame, docs: Mapping[str, Document]) -> pd.DataFrame:
    """The tolls' claims with the outlet of every claim's document (its doc id without one)."""
    unknown = sorted(set(claims["doc_id"].dropna()) - set(docs))
    if unknown:
        raise ValueError(f"claims table names documents that are not in the corpus: {', '.join(unknown[:5])}")
    out = claims.copy()
    out["outlet"] = out["doc_id"].map({k: _outlet(d) for k, d in docs.items()}).astype("string")
    return out


def _label(c) -> str:
    get = c.get if isinstance(c, pd.Series) else lambda k: getattr(c, k)
    return figure_label(get("value"), get("hedge"), side=get("side"), low=get("low"), high=get("high"))


def _claim_where(c, docs: Mapping[str, Document]) -> dict:
    doc = docs[c.doc_id]
    start, end = int(c.start), int(c.end)
    s = doc.sentence_at(start)
    return {"outlet": _outlet(doc), "doc_id": doc.doc_id, "start": start, "end": end, "text": doc.raw[start:end],
            "sentence": s.text if s is not None else c.sentence, "claim_id": c.claim_id}


def _other_claim(c, docs: Mapping[str, Document]) -> dict:
    doc = docs[c["doc_id"]]
    start, end = int(c["start"]), int(c["end"])
    return {"other_outlet": _outlet(doc), "other_doc_id": doc.doc_id, "other_start": start, "other_end": end,
            "other_text": doc.raw[start:end]}


def _span_where(doc: Document, sentence, start: int, end: int) -> dict:
    return {"outlet": _outlet(doc), "doc_id": doc.doc_id, "start": start, "end": end, "text": doc.raw[start:end],
            "sentence": sentence.text if sentence is not None else pd.NA}
