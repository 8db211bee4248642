"""Reported tolls compared like with like: a :class:`TollComparison` of tidy tables.

``compare_tolls(claims)`` reads the claims table (one row per reported casualty figure,
``kargraph.schema.CLAIMS``; ``select_claims`` narrows it to some events, outcomes or
outlets first) and returns, each table documented in ``kargraph.schema``:

- ``groups``: one row per comparable group (claim key and as-of date) with the figures,
  who gave them, which outlets carried them, a consensus low / best / high and the spread;
- ``claims``: the input rows in time order, annotated with their key, group, figure and
  flags (incomplete key, echo, contradiction, update, stale, dropped attribution or hedge);
- ``contradictions``, ``updates``, ``stale``: the claims involved, one row each, with
  what they were compared with;
- ``echoes`` and ``propagation``: who carried which figure, first and last, and how;
- ``checks``: consistency checks between figures of related keys;

and, on demand, ``outlet_table()`` (outlets x groups, figures as written) with the
claims behind its cells, ``outlet_figures()``.

Every row keeps ``claim_id``, ``doc_id``, ``start`` and ``end`` (and ``other_*`` for the
second figure of a check), so each number traces back to the sentence it comes from.

Rules
-----
Claim key
    ``event / outcome / victims / side`` (the string ``kargraph.widgets`` shows too).
    Figures are only compared within one key: a 1988-94 total is never set against a
    2020 figure, soldiers never against all deaths, one side never against both. A key
    with a missing part, or a part in ``TollParams.unknown_values`` (side ``unknown``,
    event ``other``), is incomplete: the claim is kept in ``claims`` with
    ``incomplete_key`` set and enters no group.
Group
    A claim key and an as-of date (``group_id`` = ``key @ as_of``). Claims without an
    as-of date form the key's ``@ undated`` group; they are not guessed into a dated one.
Totals
    Increments ("40 more deaths", ``is_increment`` or hedge ``increment``) and subset
    figures (with a ``parent_claim_id``) are not running totals: they keep their key and
    group but enter no consensus, contradiction, update, stale or gap comparison. Subsets
    are checked against their parent.
Source and figure
    The source of a figure is its claimant; an outlet speaking in its own voice (claimant
    ``outlet``) is the source ``outlet:NAME``. An unattributed claim whose key and value
    match figures attributed to exactly one claimant elsewhere in the table (same as-of
    date, or either undated) is that claimant's figure carried without attribution: it
    joins that figure (the claim itself stays in the group of its own date) and
    ``dropped_attribution`` is set. The match is on numbers alone, so the flag marks a
    claim to review, not a proof of copying. A *figure* is one source, key, as-of date
    and value (``figure_id``); the claims that carry it are its carriages.
Echo
    Every carriage of a figure after its first (by publication date, then document and
    offset) is an echo of the first (``echo_of``). A figure counts once in a consensus,
    however many outlets carried it.
Contradiction
    The same source, key and as-of date with different values (61 and 63 civilians on the
    same day). With ``TollParams.contradiction = "disjoint"`` (the default) two values
    contradict only when their hedge intervals share no number: "more than 2,000" and
    "nearly 5,000" from one speaker are compatible; with ``"value"`` any two values do.
Update
    The same source and key with a later as-of date and a different value (542 on
    2020-10-13, then 874 on 2020-10-22): the later figure updates the figures of the
    latest earlier date.
Stale
    A claim published when the same source's figure for the same key with a later as-of
    date and a different value had already been published (strictly earlier day). Needs
    both as-of dates and both publication dates.
Consensus (``TollParams.rule``)
    Over the group's distinct figures, each with the hedge interval of its first carriage
    in the group (``low``/``high`` of the claims table, or ``TollParams.hedge_intervals``
    where they are empty; ``more_than``/``at_least`` leave the upper bound open). A
    figure's point is its stated value (the middle of a ``range``). A vague figure
    ("hundreds") counts only when the group has no other: its number is a convention
    (ACLED codes "hundreds" as 100 when that is all there is).

    - ``"conservative"`` (ACLED style: when reports differ, the most conservative
      figure): ``best`` is the lowest point, ``low``/``high`` that figure's interval.
    - ``"interval"`` (UCDP style low / best / high): ``low`` is the lowest lower bound,
      ``best`` the median point, ``high`` the highest stated number or closed upper
      bound; ``is_high_open`` when a figure at that height leaves its upper bound open.

    Under both rules an open upper bound ("more than 2,000") gives ``high`` = the number
    stated, with ``is_high_open`` set.

    ``spread`` is the highest point minus the lowest, ``spread_ratio`` their quotient.
Consistency checks
    - ``each_implies_total``: a per-side figure ("more than 2,000 from each side")
      times ``TollParams.n_sides`` against the ``both`` figures of the same event,
      outcome, victims and as-of date; consistent when the intervals overlap.
    - ``each_implies_side``: the same per-side figure against each side's own figure.
    - ``gap``: two figures of one key from different sources whose dates (as-of, else
      publication) lie within ``gap_window_days`` and whose points differ by at least
      ``gap_ratio`` times (an official "less than 1,000" against 5,000). Only gaps are
      listed; with ``official_claimants`` set, only pairs with an official source.
      Vague figures are left out.
    - ``subset_within_parent``: a subset figure cannot exceed its parent's upper bound.

    The first three pair the figures of the consensus, so an echo is checked once and a
    vague figure only where nothing more precise was reported.
Propagation
    For each figure of a named claimant (not an outlet's own voice): every carriage in
    time order, the first and last outlet, and which carriages dropped the attribution
    or the hedge (``dropped_hedge``: stated exactly where another carriage hedged it;
    ``hedge_changed``: a hedge other than that of the earliest attributed carriage).

The rules are written by hand on pandas (self-merges and group transforms of the claims
table): they are definitions specific to reported tolls, which no library provides.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from . import schema
from .claim_lines import CLAIM_KINDS, ESTIMATE_RULES, claim_kinds, claim_lines, estimates, relabelled

RULES = ESTIMATE_RULES
CONTRADICTIONS = ("disjoint", "value")
OUTLET_VOICE = "outlet"  # claimant id of a figure stated in the outlet's own voice
UNATTRIBUTED = "unattributed"  # attribution of a figure with no source named

#: hedge -> (factor of the value giving the low end, factor giving the high end or None
#: for an open upper bound); used only where the claims table leaves low/high empty
DEFAULT_HEDGE_INTERVALS: tuple[tuple[str, float, float | None], ...] = (
    ("exact", 1.0, 1.0),
    ("about", 0.9, 1.1),
    ("nearly", 0.9, 1.0),
    ("more_than", 1.0, None),
    ("at_least", 1.0, None),
    ("less_than", 0.0, 1.0),
    ("up_to", 0.0, 1.0),
    ("range", 1.0, 1.0),
    ("vague", 1.0, 1.0),
    ("increment", 1.0, 1.0),
)

_KEY = ("event", "outcome", "victims", "side")
_REQUIRED = ("claim_id", "doc_id", "start", "end", "value", "hedge", *_KEY, "claimant",
             "as_of", "outlet", "published")
_OPTIONAL = {"claim_kind": pd.NA, "sentence": pd.NA, "low": np.nan, "high": np.nan, "is_increment": False,
             "parent_claim_id": pd.NA, "attribution": pd.NA}
_TEXT = ("claim_id", "doc_id", "sentence", "claim_kind", "hedge", *_KEY, "claimant", "attribution",
         "as_of", "parent_claim_id", "outlet", "published")
_TRACE = ["claim_id", "doc_id", "start", "end", "sentence", "outlet", "published"]
_UNDATED = "undated"


@dataclass(frozen=True, kw_only=True)
class TollParams:
    """Options of :func:`compare_tolls`.

    Attributes:
        rule: the rule of ``best`` in ``groups``: ``"latest_official"`` (the parties' own
            counts), ``"latest_third_party"`` or ``"highest_reported"``; ``estimates``
            shows every rule.
        contradiction: ``"disjoint"``: a source's values for one group contradict when
            their hedge intervals share no number; ``"value"``: whenever they differ.
        hedge_intervals: ``(hedge, low factor, high factor or None)`` triples giving a
            figure's interval where the claims table leaves ``low``/``high`` empty.
        unknown_values: key values that make a claim key incomplete.
        n_sides: how many sides a per-side ("each") figure is multiplied by.
        gap_ratio: quotient of two figures from which a ``gap`` check is listed.
        gap_window_days: how far apart (days) two figures' dates may be to be checked
            for a gap.
        official_claimants: claimant ids counted as official; when given, gap checks
            only pair a figure of one of them with another source's.
        max_figures_per_day: how many distinct figures of one source, key and day are
            set against the others (contradictions, updates); more is listed by its first ones
    """

    rule: str = "latest_official"
    contradiction: str = "disjoint"
    hedge_intervals: tuple[tuple[str, float, float | None], ...] = DEFAULT_HEDGE_INTERVALS
    unknown_values: tuple[str, ...] = ("unknown", "other")
    n_sides: int = 2
    gap_ratio: float = 3.0
    gap_window_days: int = 7
    official_claimants: tuple[str, ...] = ()
    max_figures_per_day: int = 10

    def __post_init__(self):
        if self.rule not in RULES:
            raise ValueError(f"TollParams.rule must be one of {', '.join(RULES)}, not {self.rule!r}")
        if self.contradiction not in CONTRADICTIONS:
            raise ValueError(f"TollParams.contradiction must be one of {', '.join(CONTRADICTIONS)}, "
                             f"not {self.contradiction!r}")
        if self.n_sides < 1:
            raise ValueError(f"TollParams.n_sides must be at least 1, not {self.n_sides}")
        if self.gap_ratio <= 1:
            raise ValueError(f"TollParams.gap_ratio must be above 1, not {self.gap_ratio}")


@dataclass(frozen=True, eq=False)
class TollComparison:
    """The result of :func:`compare_tolls`: tidy tables, each documented in ``kargraph.schema``."""

    groups: pd.DataFrame
    claims: pd.DataFrame
    contradictions: pd.DataFrame
    updates: pd.DataFrame
    stale: pd.DataFrame
    echoes: pd.DataFrame
    checks: pd.DataFrame
    propagation: pd.DataFrame
    lines: pd.DataFrame
    estimates: pd.DataFrame
    relabelled: pd.DataFrame
    params: TollParams

    def competing(self, claim_key: str) -> pd.DataFrame:
        """The lines of one key side by side: each claimant's series and latest figure."""
        return self.lines[self.lines["claim_key"] == claim_key].reset_index(drop=True)

    def key(self, claim_key: str) -> pd.DataFrame:
        """The claims of one key (``event / outcome / victims / side``) in time order."""
        return self.claims[self.claims["claim_key"] == claim_key].reset_index(drop=True)

    def outlet_table(self) -> pd.DataFrame:
        """Which figures each outlet carried: one row per group, one column per outlet.

        A cell lists the outlet's figures in that group as written, with their hedge and
        the claimant the outlet names (``"~5,000 [putin]"``); a figure the outlet gives
        without a source reads ``[unattributed]``, followed by ``= claimant`` when it is
        that claimant's figure; increments and subsets are marked (``+40``,
        ``of which 25``). The claims behind a cell are the rows of :meth:`outlet_figures`
        with that ``group_id`` and ``outlet``.
        """
        c = self.outlet_figures()
        if c.empty:
            return pd.DataFrame(index=pd.Index([], name="group_id"))
        c["outlet"] = c["outlet"].fillna("?")
        table = (c.groupby(["group_id", "outlet"], sort=False)["figure"]
                 .agg(lambda cells: "; ".join(dict.fromkeys(cells)))
                 .unstack("outlet").fillna(""))
        return table.sort_index()[sorted(table.columns)]

    def outlet_figures(self) -> pd.DataFrame:
        """The claims behind :meth:`outlet_table`, one row each, with where they are written.

        Returns:
            Table ``toll_outlet_figures``: every claim of a group in time order; ``figure``
            is its text in the outlet table's cell (``group_id`` row, ``outlet`` column),
            ``doc_id``, ``start``, ``end`` and ``sentence`` where it comes from.
        """
        c = self.claims[self.claims["group_id"].notna()].copy()
        c["figure"] = pd.Series([_cell(r) for r in c.itertuples()], index=c.index, dtype="string")
        out = schema.conform(c.reset_index(drop=True)[schema.columns("toll_outlet_figures")], "toll_outlet_figures")
        out.attrs["params"] = dataclasses.asdict(self.params)
        return out


def _cell(r) -> str:
    label = figure_label(r.value, r.hedge, side=r.side, low=r.low, high=r.high, is_increment=r.is_increment,
                         is_subset=pd.notna(r.parent_claim_id))
    named = "unattributed" if r.claimant == OUTLET_VOICE or pd.isna(r.claimant) else r.claimant
    if r.dropped_attribution and pd.notna(r.source) and r.source != r.claimant:
        named += f" = {r.source}"
    return f"{label} [{named}]"


_HEDGE_MARK = {"about": "~", "nearly": "≲", "more_than": ">", "at_least": "≥",
               "less_than": "<", "up_to": "≤"}


def figure_label(value, hedge: str | None = None, *, side: str | None = None, low=None, high=None,
                 is_increment: bool = False, is_subset: bool = False) -> str:
    """A figure as a reader would write it: ``~5,000``, ``>2,000 each``, ``+40``.

    Args:
        value: the number as stated.
        hedge: hedge label of the claims table.
        side: ``each`` adds `` each``.
        low, high: the interval, used for ``range`` (``30–40``).
        is_increment: a change, written ``+40``.
        is_subset: a part of another figure, written ``of which 25``.
    """
    if value is None or pd.isna(value):
        return "?"
    number = f"{int(value):,}"
    if hedge == "range" and low is not None and high is not None and pd.notna(low) and pd.notna(high):
        number = f"{int(low):,}–{int(high):,}"
    elif hedge == "vague":
        number = f"{number}s"
    else:
        number = _HEDGE_MARK.get(hedge or "", "") + number
    if is_increment or hedge == "increment":
        number = "+" + number.lstrip("+")
    if is_subset:
        number = "of which " + number
    if side == "each":
        number += " each"
    return number


def select_claims(claims: pd.DataFrame, *, event: str | Iterable[str] | None = None,
                  outcome: str | Iterable[str] | None = None, outlets: Iterable[str] | None = None) -> pd.DataFrame:
    """The claims of some events, outcomes and outlets: what a comparison should look at.

    Selecting outlets changes what :func:`compare_tolls` finds: an outlet left out neither
    carries echoes nor makes another outlet's figure stale.

    Args:
        claims: the claims table.
        event: event id, or ids, to keep; None or empty keeps every event.
        outcome: outcome, or outcomes, to keep (``killed``, ``wounded``, ...); None or
            empty keeps every outcome.
        outlets: outlets to keep; None or empty keeps every outlet.

    Returns:
        The matching rows in their order (index reset); ``attrs`` keeps the table's own
        and adds ``attrs["selection"]``, the values asked for (empty lists: all).

    Raises:
        ValueError: a value asked for is in no claim (most often a typo); the message
            lists the values the table has.
    """
    wanted = {"event": _values(event), "outcome": _values(outcome), "outlet": _values(outlets)}
    mask = pd.Series(True, index=claims.index)
    for column, values in wanted.items():
        if not values:
            continue
        if column not in claims.columns:
            raise ValueError(f"claims table has no column {column!r} to select on")
        present = claims[column].astype("string")
        absent = [v for v in values if not present.eq(v).any()]
        if absent:
            known = ", ".join(sorted(present.dropna().unique())) or "none"
            raise ValueError(f"no claim has {column} {', '.join(map(repr, absent))} "
                             f"({column} values in the claims table: {known})")
        mask &= present.isin(values).fillna(False).astype(bool)
    out = claims[mask].reset_index(drop=True)
    out.attrs = {**claims.attrs, "selection": {k: list(v) for k, v in wanted.items()}}
    return out


def most_reported(claims: pd.DataFrame, column: str) -> str | None:
    """The value of ``column`` (``outcome``, ``event``, ...) that most claims have: the
    default a report compares when the user names none; None for an empty table."""
    counts = claims[column].dropna().value_counts(sort=False) if column in claims.columns else pd.Series(dtype=int)
    if counts.empty:
        return None
    return str(counts.sort_values(ascending=False, kind="stable").index[0])


def _values(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def compare_tolls(claims: pd.DataFrame, *, params: TollParams = TollParams()) -> TollComparison:
    """Group comparable figures, build a consensus and tell contradictions from updates.

    Args:
        claims: the claims table (``kargraph.schema.CLAIMS``); ``sentence``, ``low``,
            ``high``, ``is_increment``, ``parent_claim_id`` and ``attribution`` may be
            absent. Rows are never dropped.
        params: options (see :class:`TollParams`); the rules are in the module docstring.

    Returns:
        A :class:`TollComparison`; every table records ``params`` in ``attrs["params"]``.

    Raises:
        ValueError: the table lacks a needed column, repeats a claim id, has a claim
            without a value or a date that is not ISO; the message names the claims.
    """
    df = _prepare(claims, params)
    if df["claim_kind"].isna().all() and "claim_kind" not in claims.columns:
        df["claim_kind"] = _default_kinds(df, claims.attrs)
    df = _link_unattributed(df)
    df["_source_kind"] = _source_kinds(df)
    df = _mark_figures(df)
    contradictions = _contradictions(df, params)
    updates = _updates(df, params)
    stale = _stale(df)
    df = _annotate(df, contradictions, updates, stale)
    relabels = relabelled(df)
    # a relabelled carriage stands for no figure: the claimant said something else
    df["is_relabelled"] = df["claim_id"].isin(relabels["claim_id"]).astype("boolean")
    df, groups, estimate_table = _groups(df, params, _sides(claims.attrs))
    checks = _checks(df, params)
    carriages = _carriages(df)
    propagation = carriages[carriages["source"].notna()
                            & ~carriages["source"].str.startswith(f"{OUTLET_VOICE}:")]
    echoes = carriages[carriages["echo_of"].notna()]
    lines = claim_lines(df[df["in_consensus"]].assign(claim_kind=lambda d: d["_source_kind"]))
    relabels = relabelled(df)

    df = df.drop(columns=[c for c in df.columns if c.startswith("_")])
    tables = {
        "groups": (groups, "toll_groups"), "claims": (df, "toll_claims"),
        "contradictions": (contradictions, "toll_contradictions"), "updates": (updates, "toll_updates"),
        "stale": (stale, "toll_stale"), "echoes": (echoes, "toll_echoes"),
        "checks": (checks, "toll_checks"), "propagation": (propagation, "toll_propagation"),
        "lines": (lines, "toll_lines"), "estimates": (estimate_table, "toll_estimates"),
        "relabelled": (relabels, "toll_relabelled"),
    }
    record = dataclasses.asdict(params)
    out = {}
    for name, (table, schema_name) in tables.items():
        table = schema.conform(table.reset_index(drop=True), schema_name)
        table = table[[c for c in table.columns if not c.startswith("_")]]
        table.attrs["params"] = record
        out[name] = table
    return TollComparison(**out, params=params)


# ---------------------------------------------------------------- preparation
def _prepare(claims: pd.DataFrame, params: TollParams) -> pd.DataFrame:
    """Check the claims table and add key, group, interval and source columns."""
    if not isinstance(claims, pd.DataFrame):
        raise TypeError(f"compare_tolls needs the claims table as a pandas DataFrame, not {type(claims).__name__}")
    missing = [c for c in _REQUIRED if c not in claims.columns]
    if missing:
        raise ValueError(f"claims table lacks the columns needed to compare tolls: {', '.join(missing)}")
    df = claims.copy().reset_index(drop=True)
    for col, default in _OPTIONAL.items():
        if col not in df.columns:
            df[col] = default
    for col in _TEXT:
        df[col] = df[col].astype("string").str.strip().replace("", pd.NA)
    _refuse(df, df["claim_id"].isna(), "claims without a claim_id")
    _refuse(df, df["claim_id"].duplicated(keep=False), "repeated claim_id")
    value = pd.to_numeric(df["value"], errors="coerce")
    _refuse(df, value.isna(), "claims without a numeric value")
    df["value"] = value.round().astype("Int64")
    for col in ("start", "end"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in ("low", "high"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["is_increment"] = _as_bool(df["is_increment"]) | (df["hedge"] == "increment").fillna(False)
    df["_as_of"] = _dates(df, "as_of")
    df["_published"] = _dates(df, "published")
    df["as_of"] = df["_as_of"].dt.strftime("%Y-%m-%d").astype("string")
    df["published"] = df["_published"].dt.strftime("%Y-%m-%d").astype("string")

    key = df[list(_KEY)]
    df["incomplete_key"] = (key.isna() | key.isin(params.unknown_values)).any(axis=1).astype("boolean")
    df["claim_key"] = df["event"].fillna("?")
    for part in _KEY[1:]:
        df["claim_key"] = df["claim_key"] + " / " + df[part].fillna("?")
    df.loc[df["incomplete_key"], "claim_key"] = pd.NA
    df["is_undated"] = df["as_of"].isna().astype("boolean")
    # a figure without an as-of date sits at its publication date, flagged: it is never
    # pooled with figures of other dates (a post-war total with wartime counts)
    df["_date"] = df["_as_of"].fillna(df["_published"])
    df["date"] = df["_date"].dt.strftime("%Y-%m-%d").astype("string")
    df["is_dated_by_publication"] = (df["as_of"].isna() & df["published"].notna()).astype("boolean")
    df["group_id"] = (df["claim_key"] + " @ " + df["date"].fillna(_UNDATED)).astype("string")
    df["is_total"] = (~df["is_increment"] & df["parent_claim_id"].isna()).astype("boolean")

    factors = {h: (lo, hi) for h, lo, hi in params.hedge_intervals}
    low_f = df["hedge"].map(lambda h: factors.get(h, (1.0, 1.0))[0]).astype("float64")
    high_f = df["hedge"].map(lambda h: factors.get(h, (1.0, 1.0))[1]).astype("float64")
    value = df["value"].astype("float64")
    # rounded so that 100 x 1.1 is 110, not 110.00000000000001
    df["interval_low"] = df["low"].fillna(value * low_f).round(6)
    df["interval_high"] = df["high"].fillna(value * high_f).round(6)
    df["is_high_open"] = df["interval_high"].isna().astype("boolean")
    is_range = (df["hedge"] == "range").fillna(False) & df["low"].notna() & df["high"].notna()
    df["point"] = value.where(~is_range, (df["low"] + df["high"]) / 2)

    df["is_unattributed"] = ((df["attribution"] == UNATTRIBUTED).fillna(False)
                             | (df["claimant"] == OUTLET_VOICE).fillna(False))
    own_voice = (df["claimant"] == OUTLET_VOICE).fillna(False)
    df["source"] = df["claimant"].where(~own_voice, OUTLET_VOICE + ":" + df["outlet"].fillna("?"))
    df["_figure_as_of"] = df["as_of"]
    return df.sort_values(["_published", "doc_id", "start"], na_position="last", kind="stable",
                          ignore_index=True)


def _refuse(df: pd.DataFrame, bad: pd.Series, problem: str) -> None:
    if bad.any():
        ids = ", ".join(f"row {i}" if pd.isna(c) else str(c) for i, c in df.loc[bad, "claim_id"].head(5).items())
        raise ValueError(f"claims table: {problem} ({int(bad.sum())}: {ids})")


def _as_bool(s: pd.Series) -> pd.Series:
    text = s.astype("string").str.strip().str.lower()
    return text.isin(["true", "1", "yes", "1.0"]).fillna(False).astype("boolean")


def _dates(df: pd.DataFrame, col: str) -> pd.Series:
    parsed = pd.to_datetime(df[col].str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    _refuse(df, df[col].notna() & parsed.isna(), f"{col} is not an ISO date (YYYY-MM-DD)")
    return parsed


# ------------------------------------------------------------- figure identity
# The rules below are self-merges and group transforms rather than loops over rows: a
# corpus of a few thousand figures must compare in seconds.
_FIELDS = ["source", "claim_key", "as_of", "value", "hedge", "interval_low", "interval_high"]


def _comparable(df: pd.DataFrame) -> pd.Series:
    """Claims that take part in comparisons: totals with a complete key."""
    return df["is_total"] & ~df["incomplete_key"]


def _sourced(df: pd.DataFrame) -> pd.DataFrame:
    """Totals with a complete key and a known source: what same-source rules compare."""
    return df[_comparable(df) & df["source"].notna()]


def _link_unattributed(df: pd.DataFrame) -> pd.DataFrame:
    """Give an own-voice figure the source of the one claimant it matches elsewhere."""
    comparable = _comparable(df)
    own_voice = (df["claimant"] == OUTLET_VOICE).fillna(False)
    named = df[comparable & ~own_voice & df["source"].notna() & (df["attribution"] != UNATTRIBUTED).fillna(True)]
    # distinct named figures only: a figure carried by a thousand outlets is one candidate source
    candidates = named[["claim_key", "value", "as_of", "source"]].drop_duplicates()
    pairs = df.loc[comparable & own_voice, ["claim_key", "value", "as_of"]].reset_index().merge(
        candidates.rename(columns={"as_of": "named_as_of"}), on=["claim_key", "value"])
    pairs = pairs[pairs["as_of"].isna() | pairs["named_as_of"].isna() | (pairs["as_of"] == pairs["named_as_of"])]
    if pairs.empty:
        return df
    by_claim = pairs.groupby("index")
    n_sources = by_claim["source"].nunique()
    linked = n_sources.index[n_sources == 1]  # several claimants: not ours to choose
    df.loc[linked, "source"] = by_claim["source"].first()[linked]
    # the claim carries the claimant's figure: its date, when the matches have one (dated or not)
    dates = by_claim["named_as_of"].agg(lambda s: set(s.fillna(_UNDATED)))
    for i in linked:
        own = df.at[i, "as_of"]
        if (_UNDATED if pd.isna(own) else own) not in dates[i] and len(dates[i]) == 1:
            (date,) = dates[i]
            df.at[i, "_figure_as_of"] = pd.NA if date == _UNDATED else date
    return df


def _mark_figures(df: pd.DataFrame) -> pd.DataFrame:
    """figure_id, echo_of and the hedge and attribution flags of each carriage."""
    comparable = _comparable(df)
    figure = (df["source"].fillna("?" + df["claim_id"]) + "|" + df["claim_key"] + "@"
              + df["_figure_as_of"].fillna(_UNDATED) + "=" + df["value"].astype("string"))
    df["figure_id"] = figure.where(comparable, pd.NA).astype("string")
    by_figure = df.groupby("figure_id", sort=False)  # df is in time order; claims without a figure drop out
    first = by_figure["claim_id"].transform("first")
    df["echo_of"] = first.where(first != df["claim_id"]).astype("string")
    df["_root"] = df["echo_of"].fillna(df["claim_id"])  # the figure's first carriage
    reference = df["hedge"].where(~df["is_unattributed"]).groupby(df["figure_id"]).transform("first")
    reference = reference.fillna(by_figure["hedge"].transform("first")).astype("string")
    df["_reference_hedge"] = reference
    df["hedge_changed"] = (df["hedge"] != reference).fillna(False).astype("boolean")
    hedged = (df["hedge"] != "exact").fillna(False).groupby(df["figure_id"]).transform("any").eq(True)
    df["dropped_hedge"] = ((df["hedge"] == "exact").fillna(False) & hedged).astype("boolean")
    attributed = (~df["is_unattributed"]).groupby(df["figure_id"]).transform("any").eq(True)
    df["dropped_attribution"] = (df["is_unattributed"] & attributed).astype("boolean")
    return df


# --------------------------------------------------------------- comparisons
def _contradictions(df: pd.DataFrame, params: TollParams) -> pd.DataFrame:
    sets = ["source", "group_id"]
    dated = _sourced(df)[lambda d: d["as_of"].notna()]
    dated = dated[dated.groupby(sets)["value"].transform("nunique") > 1]
    figures = dated.drop_duplicates(["figure_id", "group_id"])
    # a source giving more than a handful of values for one key and day is listed with its first
    # few (the pairs then grow with the claims, not with their square)
    figures = figures[figures.groupby(sets).cumcount() < params.max_figures_per_day]
    pairs = dated[["claim_id", *sets, "value", "interval_low", "interval_high"]].merge(
        figures[[*sets, "value", "interval_low", "interval_high", "_root"]], on=sets, suffixes=("", "_other"))
    pairs = pairs[pairs["value"] != pairs["value_other"]]
    if params.contradiction == "disjoint":
        pairs = pairs[~_overlap(pairs["interval_low"], pairs["interval_high"],
                                pairs["interval_low_other"], pairs["interval_high_other"])]
    if pairs.empty:
        return schema.empty("toll_contradictions")
    by_claim = pairs.groupby("claim_id", sort=False)
    values = by_claim.apply(lambda p: " | ".join(f"{v:,}" for v in sorted({p["value"].iloc[0], *p["value_other"]})),
                            include_groups=False)
    out = dated[dated["claim_id"].isin(pairs["claim_id"])][_TRACE + _FIELDS + ["group_id", "echo_of"]].copy()
    out["contradiction_id"] = out["source"] + "|" + out["group_id"]
    out["contradiction_with"] = out["claim_id"].map(by_claim["_root"].agg(" | ".join))
    out["values"] = out["claim_id"].map(values)
    out["n_values"] = out["values"].str.count(r"\|") + 1
    return out.drop(columns="group_id")


def _overlap(low_a: pd.Series, high_a: pd.Series, low_b: pd.Series, high_b: pd.Series) -> pd.Series:
    """Whether two intervals share a number; an empty upper bound is open."""
    return (low_a <= high_b.fillna(math.inf)) & (low_b <= high_a.fillna(math.inf))


def _updates(df: pd.DataFrame, params: TollParams) -> pd.DataFrame:
    line = ["source", "claim_key"]
    dated = _sourced(df)[lambda d: d["as_of"].notna()]
    days = dated[[*line, "as_of"]].drop_duplicates().sort_values([*line, "as_of"])
    days["previous_as_of"] = days.groupby(line)["as_of"].shift()
    previous = dated.drop_duplicates(["figure_id", "as_of"])[[*line, "as_of", "value", "_root", "hedge"]]
    previous = previous[previous.groupby([*line, "as_of"]).cumcount() < params.max_figures_per_day]
    previous = previous.rename(columns={"as_of": "previous_as_of", "value": "previous_value",
                                        "_root": "previous_claim_id", "hedge": "previous_hedge"})
    out = (dated[_TRACE + _FIELDS + ["echo_of"]].reset_index()
           .merge(days.dropna(subset=["previous_as_of"]), on=[*line, "as_of"])
           .merge(previous, on=[*line, "previous_as_of"]))
    out = out[out["value"] != out["previous_value"]].sort_values(["index", "previous_value"])
    out["change"] = out["value"] - out["previous_value"]
    return out.drop(columns="index")


def _stale(df: pd.DataFrame) -> pd.DataFrame:
    line = ["source", "claim_key"]
    dated = _sourced(df)[lambda d: d["as_of"].notna() & d["_published"].notna()]
    newer = dated[[*line, "_as_of", "_published", "value", "claim_id", "as_of", "outlet", "published"]].rename(
        columns={"_as_of": "_newer_as_of", "_published": "_newer_published", "value": "newer_value",
                 "claim_id": "newer_claim_id", "as_of": "newer_as_of", "outlet": "newer_outlet",
                 "published": "newer_published"})
    if dated.empty:
        return schema.empty("toll_stale")
    # each distinct figure once, at its first publication: echoes of it add no newer figure
    newer = newer.sort_values("_newer_published", kind="stable").drop_duplicates(
        [*line, "_newer_as_of", "newer_value"])
    # the newest figure public so far, along each line in publication order (ties: the first
    # published); each claim then meets the state of its line just before its own publication,
    # so the work grows with the claims, not with claims x figures
    newer = newer.sort_values([*line, "_newer_published", "_newer_as_of"], ascending=[True, True, True, False],
                              kind="stable").reset_index(drop=True)
    best = newer.groupby(line, sort=False)["_newer_as_of"].cummax()
    before = best.groupby([newer[c] for c in line], sort=False).shift()
    holder = newer["_newer_as_of"].eq(best) & (before.isna() | newer["_newer_as_of"].gt(before))
    state = newer.where(holder)
    state[line] = newer[line]
    state = state.groupby(line, sort=False).ffill()
    state[line] = newer[line]
    state["_at"] = newer["_newer_published"]
    claims = dated[_TRACE + _FIELDS + ["echo_of", "_as_of", "_published"]].reset_index()
    pairs = pd.merge_asof(claims.sort_values("_published"), state.sort_values("_at"), left_on="_published",
                          right_on="_at", by=line, allow_exact_matches=False, direction="backward")
    pairs = pairs[(pairs["_newer_as_of"] > pairs["_as_of"]).fillna(False)
                  & (pairs["newer_value"] != pairs["value"]).fillna(False)].drop(columns="_at")
    pairs = pairs.sort_values("index")
    pairs["days_behind"] = (pairs["_published"] - pairs["_newer_published"]).dt.days
    return pairs.drop(columns=["index", "_as_of", "_published", "_newer_as_of", "_newer_published"])


def _annotate(df: pd.DataFrame, contradictions: pd.DataFrame, updates: pd.DataFrame,
              stale: pd.DataFrame) -> pd.DataFrame:
    """Copy the comparisons' outcome onto the claims they concern."""
    by_claim = df["claim_id"]
    df["contradiction_with"] = by_claim.map(
        contradictions.set_index("claim_id")["contradiction_with"]).astype("string")
    update_of = updates.groupby("claim_id")["previous_claim_id"].agg(" | ".join)
    df["update_of"] = by_claim.map(update_of).astype("string")
    df["newer_claim_id"] = by_claim.map(stale.set_index("claim_id")["newer_claim_id"]).astype("string")
    df["is_stale"] = df["newer_claim_id"].notna().astype("boolean")
    return df


# ----------------------------------------------------------------- consensus
def _groups(df: pd.DataFrame, params: TollParams, sides: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One row per group with its estimates under ``params.rule``, and every rule's."""
    first = _comparable(df) & ~df["is_relabelled"] & ~df.duplicated(["group_id", "figure_id", "is_relabelled"])
    vague = (df["hedge"] == "vague").fillna(False)
    # claims without a group (incomplete key) get no group value: they enter no consensus
    precise_in_group = (first & ~vague).groupby(df["group_id"]).transform("any").eq(True).fillna(False).astype(bool)
    df["in_consensus"] = (first & ~(vague & precise_in_group)).fillna(False).astype(bool).astype("boolean")
    rows = []
    for group_id, members in df[df["group_id"].notna()].groupby("group_id", sort=True):
        figures = members[members["in_consensus"]]
        first = members.iloc[0]
        points = figures["point"]
        rows.append({
            "group_id": group_id, "claim_key": first["claim_key"], **{k: first[k] for k in _KEY},
            "as_of": first["date"], "_date": first["_date"],
            "n_dated_by_publication": int(members["is_dated_by_publication"].sum()),
            "n_claims": len(members), "n_figures": len(figures),
            "n_sources": figures["source"].nunique(), "n_outlets": members["outlet"].nunique(),
            "sources": " | ".join(dict.fromkeys(figures["source"].dropna())),
            "outlets": " | ".join(dict.fromkeys(members["outlet"].dropna())),
            "figures": " | ".join(
                f"{figure_label(f.value, f.hedge, side=f.side, low=f.low, high=f.high)} [{f.source}]"
                for f in figures.itertuples()),
            "spread": float(points.max() - points.min()) if len(points) else np.nan,
            "spread_ratio": float(points.max() / points.min()) if len(points) and points.min() > 0 else np.nan,
            "first_published": members["published"].min(), "last_published": members["published"].max(),
            "claim_ids": " | ".join(members["claim_id"])})
    groups = _frame(rows, "toll_groups")
    if not rows:
        return df, groups, schema.empty("toll_estimates")
    figures = df[df["in_consensus"]].assign(
        claim_kind=df["_source_kind"],
        # the highest number stated: a range's upper end, else the figure itself
        _top=df["point"].where(df["hedge"] != "range", df["interval_high"]).fillna(df["point"]))
    table = estimates(figures, groups, sides, carry_days=params.gap_window_days)
    chosen = table[table["rule"] == params.rule].set_index("group_id")
    for col in ("low", "low_parts", "is_partial", "missing_sides", "best", "best_claim_id", "best_parts", "high",
                "is_high_open", "high_claim_id", "rule"):
        groups[col] = groups["group_id"].map(chosen[col])
    trace = df.drop_duplicates("claim_id").set_index("claim_id")
    for col in ("doc_id", "start", "end"):
        groups[col] = groups["best_claim_id"].map(trace[col])
    groups["claim_id"] = groups["best_claim_id"]
    table = table.merge(groups[["group_id", "claim_key", "as_of"]], on="group_id")
    return df, groups.drop(columns="_date"), table


def _source_kinds(df: pd.DataFrame) -> pd.Series:
    """The claim kind of each claim's source: an own-voice figure linked to a claimant's is of that kind."""
    named = df[df["claimant"].notna() & (df["claimant"] != OUTLET_VOICE)]
    kind_of = named.dropna(subset=["claim_kind"]).drop_duplicates(["claimant", "side"]).set_index(
        ["claimant", "side"])["claim_kind"]
    linked = (df["claimant"] == OUTLET_VOICE).fillna(False) & ~df["source"].str.startswith(OUTLET_VOICE + ":").fillna(True)
    keys = pd.MultiIndex.from_arrays([df["source"], df["side"]])
    found = pd.Series(kind_of.reindex(keys).to_numpy(), index=df.index, dtype="string")
    return df["claim_kind"].where(~linked, found)


def _sides(attrs: dict) -> list[str]:
    """The party sides of the profile the claims were extracted with."""
    return list(_profile(attrs).sides)


def _profile(attrs: dict):
    from .profile import load_profile

    return load_profile((attrs.get("params") or {}).get("profile"))


def _default_kinds(df: pd.DataFrame, attrs: dict) -> pd.Series:
    """``claim_kind`` for a claims table that lacks it, from its profile (default: the bundled one)."""
    return claim_kinds(df, _profile(attrs))


# ------------------------------------------------------------------- checks
_CHECK = ["check", "is_consistent", "message", "ratio", "implied_low", "implied_high", *_TRACE, *_FIELDS[:5]]
_OTHER = ["claim_id", "doc_id", "start", "end", "sentence", "outlet", *_FIELDS[:5]]


def _checks(df: pd.DataFrame, params: TollParams) -> pd.DataFrame:
    figures = df[df["in_consensus"]]
    parts = [p for p in (_each_checks(figures, params), _gap_checks(figures, params), _subset_checks(df))
             if not p.empty]
    if not parts:
        return schema.empty("toll_checks")
    return pd.concat([p[_CHECK + [f"other_{c}" for c in _OTHER]] for p in parts], ignore_index=True)


def _pair(left: pd.DataFrame, right: pd.DataFrame, on: list[str], other_on: list[str] | None = None,
          how: str = "inner") -> pd.DataFrame:
    """Rows of ``left`` with their matches in ``right``, whose columns are prefixed ``other_``."""
    return left.merge(right.add_prefix("other_"), left_on=on, right_on=[f"other_{c}" for c in other_on or on],
                      how=how)


def _each_checks(figures: pd.DataFrame, params: TollParams) -> pd.DataFrame:
    figures = figures.assign(_date=figures["as_of"].fillna(_UNDATED))
    figures = figures[list(dict.fromkeys([*_TRACE, *_FIELDS, "event", "outcome", "victims", "side", "point",
                                          "_date"]))]
    # each per-side figure against one figure per source and side of the same day (a source's
    # first): the checks grow with figures x sources, not figures x figures
    others = figures[figures["side"] != "each"].drop_duplicates(
        ["event", "outcome", "victims", "_date", "side", "source"])
    p = _pair(figures[figures["side"] == "each"], others, ["event", "outcome", "victims", "_date"])
    total = p["other_side"] == "both"
    n = np.where(total, params.n_sides, 1)
    p["implied_low"] = p["interval_low"] * n
    p["implied_high"] = p["interval_high"] * n
    p["is_consistent"] = _overlap(p["implied_low"], p["implied_high"], p["other_interval_low"],
                                  p["other_interval_high"])
    p["ratio"] = (p["other_point"] / (p["point"] * n)).replace(math.inf, np.nan)
    p["check"] = np.where(total, "each_implies_total", "each_implies_side")
    p["message"] = [
        f"{f'{k} sides x ' + figure_label(v, h) if k > 1 else figure_label(v, h, side='each')} implies "
        f"{_interval_label(lo, hi)} for {side}; {'consistent' if ok else 'inconsistent'} with "
        f"{figure_label(ov, oh)} [{osrc}]"
        for k, v, h, lo, hi, side, ok, ov, oh, osrc in zip(
            n, p["value"], p["hedge"], p["implied_low"], p["implied_high"], p["other_side"], p["is_consistent"],
            p["other_value"], p["other_hedge"], p["other_source"])]
    return p


#: a figure's gaps are listed against at most this many other sources, the widest first
GAP_SOURCES_PER_FIGURE = 3


def _gap_checks(figures: pd.DataFrame, params: TollParams) -> pd.DataFrame:
    # a vague word's number ("hundreds" -> 100) is a convention, not a claim to set against another
    f = figures[figures["source"].notna() & (figures["hedge"] != "vague").fillna(True) & (figures["point"] > 0)]
    f = f.assign(_when=f["_as_of"].fillna(f["_published"])).drop_duplicates(["figure_id", "_when"])
    f = f[list(dict.fromkeys([*_TRACE, *_FIELDS, "figure_id", "point", "_when"]))]  # the columns a check shows
    # pair only figures of neighbouring windows, so that the pairs grow with the figures of a
    # few days, not with every figure of the key (a corpus of years would pair them all)
    window = pd.Timedelta(days=max(params.gap_window_days, 1))
    f = f.assign(_bucket=(f["_when"] - pd.Timestamp("1900-01-01")) // window)
    # against each other source, its largest figure of the window: the widest gap
    widest = f.sort_values("point", ascending=False).drop_duplicates(["claim_key", "_bucket", "source"])
    key = ["claim_key", "_bucket", "source", "point", "_when"]
    right = pd.concat([widest.assign(_bucket=widest["_bucket"] + k) for k in (-1, 0, 1)], ignore_index=True)
    # pair on the few columns the test needs; the rest of both sides joins the pairs that pass
    official = list(params.official_claimants)
    kept = []
    # key by key, on the few columns the test needs, so that memory holds one key's pairs
    for claim_key, left_key in f[key].reset_index().groupby("claim_key", sort=False):
        right_key = right.loc[right["claim_key"] == claim_key, key].reset_index()
        p = _pair(left_key, right_key, ["claim_key", "_bucket"])
        p = p[(p["source"] != p["other_source"]) & (p["point"] <= p["other_point"])
              & ((p["_when"] - p["other__when"]).abs() <= pd.Timedelta(days=params.gap_window_days))]
        p = p.assign(ratio=p["other_point"] / p["point"])
        p = p[p["ratio"] >= params.gap_ratio]
        if official:
            p = p[p["source"].isin(official) | p["other_source"].isin(official)]
        # one row per figure and other source: the widest gap (a figure set against every figure
        # of a busy source would list the same finding many times)
        p = p.sort_values("ratio", ascending=False).drop_duplicates(["index", "other_source"])
        kept.append(p[p.groupby("index").cumcount() < GAP_SOURCES_PER_FIGURE])
    p = pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=["index", "other_index", "ratio"])
    p = p.sort_values(["index", "ratio"], ascending=[True, False])
    left = f.loc[p["index"]].reset_index(drop=True)
    other = right.loc[p["other_index"]].reset_index(drop=True).add_prefix("other_")
    p = pd.concat([left, other, p["ratio"].reset_index(drop=True)], axis=1)
    return p.assign(
        check="gap", is_consistent=False, implied_low=np.nan, implied_high=np.nan,
        message=[f"{figure_label(ov, oh)} [{osrc}] is {r:.1f} times {figure_label(v, h)} [{src}]"
                 for ov, oh, osrc, r, v, h, src in zip(p["other_value"], p["other_hedge"], p["other_source"],
                                                       p["ratio"], p["value"], p["hedge"], p["source"])])


def _subset_checks(df: pd.DataFrame) -> pd.DataFrame:
    p = _pair(df[df["parent_claim_id"].notna()], df, ["parent_claim_id"], ["claim_id"], how="left")
    found = p["other_claim_id"].notna()
    within = p["other_is_high_open"].eq(True) | (p["interval_low"] <= p["other_interval_high"]).fillna(False)
    p["is_consistent"] = within.astype("boolean").where(found, pd.NA)
    p["ratio"] = (p["point"] / p["other_point"]).replace(math.inf, np.nan)
    p["message"] = [
        f"subset {figure_label(v, h)} {'within' if ok else 'exceeds'} its total {figure_label(ov, oh)}" if has
        else f"parent claim {parent} is not in the claims table"
        for v, h, ok, ov, oh, has, parent in zip(p["value"], p["hedge"], p["is_consistent"], p["other_value"],
                                                  p["other_hedge"], found, p["parent_claim_id"])]
    return p.assign(check="subset_within_parent", implied_low=np.nan, implied_high=np.nan)


def _interval_label(low, high) -> str:
    if pd.isna(high):
        return f">{low:,.0f}"
    if low == high:
        return f"{low:,.0f}"
    return f"{low:,.0f}–{high:,.0f}"


# --------------------------------------------------------------- propagation
def _carriages(df: pd.DataFrame) -> pd.DataFrame:
    """Every carriage of every figure, in time order, with the figure's first and last."""
    c = df[df["figure_id"].notna()].copy()
    by_figure = c.groupby("figure_id", sort=False)
    c["rank"] = by_figure.cumcount() + 1
    c["n_claims"] = by_figure["claim_id"].transform("size")
    c["n_outlets"] = by_figure["outlet"].transform("nunique")
    c["outlets"] = by_figure["outlet"].transform(lambda s: " | ".join(dict.fromkeys(s.dropna())))
    for end, how in (("first", "first"), ("last", "last")):
        c[f"{end}_outlet"] = by_figure["outlet"].transform(how)
        c[f"{end}_published"] = by_figure["published"].transform(how)
    c["same_outlet_as_first"] = (c["outlet"] == c["first_outlet"]).fillna(False)
    c["figure_as_of"] = c["_figure_as_of"]
    c["reference_hedge"] = c["_reference_hedge"]
    # figures in the order of their first carriage, each figure's carriages together
    c = c.assign(_figure_order=by_figure.ngroup()).sort_values(["_figure_order", "rank"], kind="stable")
    return c[[col.name for col in schema.TABLES["toll_propagation"]]]


# ------------------------------------------------------------------- helpers
def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    if not rows:
        return schema.empty(table)
    return pd.DataFrame(rows)
