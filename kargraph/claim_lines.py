"""Claim kinds, claim lines, declared estimates and relabellings of reported tolls.

Produces, for :func:`kargraph.tolls.compare_tolls` (columns in ``kargraph.schema``):

- ``claim_kinds(claims, profile)``: the ``claim_kind`` of every claim, from the kind of
  voice its claimant is (the profile's ``claimant_kind``) and the side it counts;
- ``claim_lines(figures)``: one row per line (source and claim key) with its series of
  figures by as-of date and its latest figure;
- ``estimates(figures, groups)``: per group and rule, ``low`` / ``best`` / ``high``, each a
  reported figure or a stated sum of reported figures (``best_parts``);
- ``relabelled(claims)``: carriages that give a claimant's figure another victims or side
  than the other outlets carrying the same figure.

Claim kinds
-----------
``outlet``: the outlet's own voice (no source). ``own_losses``: a party's government or
leader about its own side (a joint actor of both parties about ``both``).
``enemy_losses``: a party about the other side, or about both sides together (the total
then holds its estimate of the enemy's dead). ``third_party``: any other named claimant
(third governments, international organisations, monitors, news agencies). Empty when
the claimant is unknown to the profile or the side is ``unknown``.

Estimates (one row per group and rule)
--------------------------------------
``low``
    For one side: the highest own-losses count of the group. For ``both``: the higher of
    a stated own-losses total of both parties and the sum of each side's latest own
    count on or before the date (``low_parts`` lists the claims summed); ``is_partial``
    when a side has no own count there, ``missing_sides`` names it.
``high``
    The highest figure of any claimant (its stated number; ``is_high_open`` when that
    figure leaves its upper bound open).
``best``
    By the rule: ``latest_official`` (default) the own-losses estimate ``low`` stands
    for; ``latest_third_party`` the last published third-party figure; ``highest_reported``
    the figure ``high`` stands for. Never an average: ``best_claim_id`` names the claim,
    or ``best_parts`` the claims of a sum (``;``-separated). Empty when the rule has no
    figure in the group: another rule's value is not substituted.

Relabelling
-----------
Carriages of one named claimant's figure (same claimant, event, outcome, value, as-of
date) by several outlets are compared on victims and side: the label given by the most
outlets is the claimant's; a carriage with another label, when at least two outlets
agree on the first, is relabelled ("874 soldiers" carried as "the overall death toll").

Written by hand on pandas: these are definitions of the field (UCDP's and Airwars'
practice of keeping each source's figure and declaring how low / best / high are
chosen), which no library provides.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

CLAIM_KINDS = ("own_losses", "enemy_losses", "third_party", "outlet")
PARTY_KINDS = ("party_government", "party_leader")
ESTIMATE_RULES = ("latest_official", "latest_third_party", "highest_reported")
_KEY = ["event", "outcome", "victims", "side"]


def claim_kinds(claims: pd.DataFrame, profile) -> pd.Series:
    """The ``claim_kind`` of each claim (see the module docstring).

    Args:
        claims: a table with ``claimant`` and ``side`` columns.
        profile: a loaded :class:`kargraph.profile.Profile`.

    Returns:
        A string Series aligned with ``claims``.
    """
    kind_of = {a.id: a.claimant_kind for a in profile.actors.values()}
    side_of = {a.id: a.side for a in profile.actors.values()}
    claimant = claims["claimant"].astype("string")
    side = claims["side"].astype("string")
    kind = claimant.map(kind_of).astype("string")
    actor_side = claimant.map(side_of).astype("string")
    party = kind.isin(PARTY_KINDS).fillna(False)
    own = party & ((side == actor_side) | ((actor_side == "both") & (side == "both"))).fillna(False)
    known_side = side.notna() & (side != "unknown").fillna(False)
    out = pd.Series(pd.NA, index=claims.index, dtype="string")
    out[kind.notna() & ~party] = "third_party"
    out[party & known_side & ~own] = "enemy_losses"
    out[own] = "own_losses"
    out[(claimant == "outlet").fillna(False)] = "outlet"
    return out


def claim_lines(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per line (source, claim key): its series by as-of date and latest figure.

    Args:
        figures: compare_tolls' annotated claims, one row per distinct figure entering
            a comparison (``in_consensus``).
    """
    f = figures.sort_values(["_date", "_published"], kind="stable")
    f = f.assign(_step=[f"{v:,} ({d})" for v, d in zip(f["value"], f["date"].fillna("undated"))])
    by = f.groupby(["claim_key", "source"], sort=True)
    last = by.tail(1).set_index(["claim_key", "source"])
    series = by["_step"].agg(" -> ".join)
    out = pd.DataFrame({
        "n_figures": by.size(), "first_date": by["date"].first(), "series": series,
        "n_outlets": f.groupby(["claim_key", "source"])["outlet"].nunique(),
    })
    for col in ("claim_kind", "claimant", "value", "hedge", "date", "claim_id", "doc_id", "start", "end",
                "outlet", "published", "is_dated_by_publication", *_KEY):
        out[f"latest_{col}" if col in ("value", "hedge", "date", "claim_id") else col] = last[col]
    return out.reset_index().rename(columns={"latest_date": "last_date"})


def estimates(figures: pd.DataFrame, groups: pd.DataFrame, sides: list[str], *, carry_days: int = 7) -> pd.DataFrame:
    """Every group's ``low`` / ``best`` / ``high`` under every rule (the ablation table).

    Args:
        figures: the distinct figures of the groups (``in_consensus`` claims) with
            ``group_id``, ``claim_kind``, ``point``, ``_top``, ``_date``.
        groups: the groups (``group_id``, key columns, ``_date``).
        sides: the profile's party sides (``is_partial`` names those without a count).
        carry_days: how many days before the date a side's own count may be to enter a
            sum (an old wartime count never completes a post-war total).
    """
    lows = _lows(figures, groups, sides, carry_days)
    high = _pick(figures, figures["_top"], "high")
    third = figures[figures["claim_kind"] == "third_party"]
    third_best = _pick(third, third["_published"].astype("int64"), "tp")
    rows = []
    for g in groups.itertuples():
        low, h, tp = lows.get(g.group_id, {}), high.get(g.group_id), third_best.get(g.group_id)
        base = {"group_id": g.group_id, "low": low.get("value", np.nan), "low_parts": low.get("parts", pd.NA),
                "is_partial": low.get("is_partial", pd.NA), "missing_sides": low.get("missing", pd.NA),
                "high": np.nan if h is None else h["_top"],
                "is_high_open": pd.NA if h is None else bool(h["is_high_open"]),
                "high_claim_id": pd.NA if h is None else h["claim_id"]}
        choices = {"latest_official": (low.get("value", np.nan), low.get("claim_id", pd.NA), low.get("parts", pd.NA)),
                   "latest_third_party": (np.nan, pd.NA, pd.NA) if tp is None else (tp["point"], tp["claim_id"], pd.NA),
                   "highest_reported": (np.nan, pd.NA, pd.NA) if h is None else (h["point"], h["claim_id"], pd.NA)}
        for rule, (best, claim_id, parts) in choices.items():
            rows.append({**base, "rule": rule, "best": best, "best_claim_id": claim_id, "best_parts": parts})
    return pd.DataFrame(rows)


def _pick(figures: pd.DataFrame, order: pd.Series, _name: str) -> dict:
    """Per group, the figure with the highest ``order`` (ties: the higher point)."""
    if figures.empty:
        return {}
    f = figures.assign(_order=order.astype("float64")).sort_values(["_order", "point"], kind="stable")
    return {gid: row for gid, row in f.groupby("group_id").tail(1).set_index("group_id").iterrows()}


def _lows(figures: pd.DataFrame, groups: pd.DataFrame, sides: list[str], carry_days: int) -> dict:
    own = figures[figures["claim_kind"] == "own_losses"]
    out = {}
    stated = own.sort_values("point", kind="stable").groupby("group_id").tail(1).set_index("group_id")
    for gid, row in stated.iterrows():
        out[gid] = {"value": float(row["point"]), "claim_id": row["claim_id"], "is_partial": False}
    both = groups[groups["side"] == "both"]
    if both.empty or not sides:
        return out
    # each side's latest own count on or before the total's date: one asof match per side
    by = ["event", "outcome", "victims"]
    own_sides = _plain(own[own["side"].isin(sides) & own["_date"].notna()], by).sort_values(["_date", "point"])
    left = _plain(both[both["_date"].notna()][["group_id", *by, "_date"]], by).sort_values("_date")
    sums = []
    for side in sides:
        right = own_sides[own_sides["side"] == side][[*by, "_date", "point", "claim_id"]]
        m = pd.merge_asof(left, right, on="_date", by=by, direction="backward",
                          tolerance=pd.Timedelta(days=carry_days))
        sums.append(m.assign(part_side=side))
    parts = pd.concat(sums, ignore_index=True)
    for gid, p in parts.groupby("group_id"):
        found = p[p["claim_id"].notna()]
        missing = sorted(p.loc[p["claim_id"].isna(), "part_side"])
        total = float(found["point"].sum()) if len(found) else np.nan
        current = out.get(gid)
        if len(found) and (current is None or total > current["value"]):
            out[gid] = {"value": total, "claim_id": pd.NA, "parts": ";".join(found["claim_id"]),
                        "is_partial": bool(missing), "missing": ", ".join(missing) or pd.NA}
        elif current is not None:
            # a stated total of both parties: partial when a side has no own count behind it
            current.update({"is_partial": bool(missing), "missing": ", ".join(missing) or pd.NA})
    return out


def _plain(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``columns`` as plain objects and ``_date`` as datetime, so that tables built two ways merge."""
    return df.assign(**{c: df[c].astype(object) for c in columns}, _date=pd.to_datetime(df["_date"]))


def relabelled(carriages: pd.DataFrame) -> pd.DataFrame:
    """Carriages giving a named claimant's figure another victims or side than the rest.

    Args:
        carriages: claims with ``claimant``, ``claim_kind``, key columns, ``value``,
            ``as_of``, ``outlet`` and the trace columns.
    """
    c = carriages[carriages["claimant"].notna() & (carriages["claimant"] != "outlet")
                  & carriages["is_total"].fillna(False).astype(bool)].copy()
    c["_line"] = (c["claimant"] + "|" + c["event"].fillna("?") + "|" + c["outcome"].fillna("?") + "|"
                  + c["value"].astype("string") + "|" + c["as_of"].fillna("?"))
    c["_label"] = c["victims"].fillna("?") + " / " + c["side"].fillna("?")
    votes = c.groupby(["_line", "_label"])["outlet"].nunique().rename("_votes").reset_index()
    votes = votes.sort_values(["_line", "_votes"], ascending=[True, False], kind="stable")
    top = votes.groupby("_line").head(1).set_index("_line")
    c["_claimed"] = c["_line"].map(top["_label"])
    c["_claimed_votes"] = c["_line"].map(top["_votes"])
    bad = c[(c["_label"] != c["_claimed"]) & (c["_claimed_votes"] >= 2)]
    if bad.empty:
        return bad.assign(claimant_said=pd.Series(dtype="string"), outlet_wrote=pd.Series(dtype="string"),
                          other_evidence=pd.Series(dtype="string"))
    keep = c[c["_label"] == c["_claimed"]]
    keep = keep.assign(_where=[f"{o} {d}:{s}-{e}" for o, d, s, e in
                               zip(keep["outlet"], keep["doc_id"], keep["start"], keep["end"])])
    evidence = keep.groupby("_line")["_where"].agg(" | ".join)
    out = bad.assign(claimant_said=bad["_claimed"], outlet_wrote=bad["_label"],
                     other_evidence=bad["_line"].map(evidence))
    return out.drop(columns=[c for c in out.columns if c.startswith("_")])
