"""compare_tolls on small constructed claims tables whose right answers are known.

Each row is a compact tuple ``(outlet, published, claimant, value, hedge, as_of)``,
optionally followed by a dict of other columns; the claim key defaults to
``war / killed / all / both`` and can be changed per row.
"""
from __future__ import annotations

import dataclasses
import re

import matplotlib
import numpy as np
import pandas as pd
import pytest

from kargraph import schema
from kargraph.tolls import TollParams, compare_tolls, figure_label, select_claims

matplotlib.use("Agg")

KEY = {"event": "war", "outcome": "killed", "victims": "all", "side": "both"}
TABLES = ("groups", "claims", "contradictions", "updates", "stale", "echoes", "checks", "propagation", "lines",
          "estimates", "relabelled")
#: claim kinds of the made-up claimants of these tables (a party's ministry counts its own dead)
KINDS = {"minister": "own_losses", "official": "own_losses", "militia": "own_losses", "leader": "third_party",
         "ngo": "third_party", "outlet": "outlet"}
_INTERVAL = {"exact": (1, 1), "about": (0.9, 1.1), "nearly": (0.9, 1), "more_than": (1, None),
             "at_least": (1, None), "less_than": (0, 1), "up_to": (0, 1), "vague": (1, 1), "increment": (1, 1)}


def table(*rows) -> pd.DataFrame:
    """A claims table from ``(outlet, published, claimant, value, hedge, as_of[, extra])`` tuples."""
    if not rows:
        return schema.empty("claims")
    records = []
    for i, row in enumerate(rows):
        outlet, published, claimant, value, hedge, as_of, *extra = row
        lo, hi = _INTERVAL[hedge]
        doc_id = f"{outlet}-{published}".lower().replace(" ", "_")
        record = {
            "claim_id": f"{doc_id}:{10 * i}-{10 * i + 5}", "doc_id": doc_id, "start": 10 * i, "end": 10 * i + 5,
            "sentence": f"{claimant} said {value}.", "value": value, "low": value * lo,
            "high": None if hi is None else value * hi, "hedge": hedge, "is_increment": hedge == "increment",
            **KEY, "claimant": claimant, "claim_kind": KINDS.get(claimant),
            "attribution": "unattributed" if claimant == "outlet" else "reported_speech",
            "as_of": as_of, "parent_claim_id": None, "outlet": outlet, "published": published,
        }
        record.update(extra[0] if extra else {})
        records.append(record)
    return pd.DataFrame(records)


def ids(frame: pd.DataFrame, column: str = "claim_id") -> list:
    return frame[column].tolist()


# ------------------------------------------------------------------ the tables
@pytest.mark.parametrize("name", TABLES)
@pytest.mark.parametrize("claims", [
    table(),
    table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01")),
    table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
          ("B", "2021-01-05", "minister", 150, "about", "2021-01-04"),
          ("C", "2021-01-06", "minister", 100, "exact", "2021-01-01"),
          ("C", "2021-01-06", "minister", 140, "exact", "2021-01-04"),
          ("C", "2021-01-06", "ngo", 500, "more_than", "2021-01-04"),
          ("C", "2021-01-06", "ngo", 200, "exact", "2021-01-04", {"side": "each"}),
          ("D", "2021-01-07", "outlet", 150, "exact", None)),
], ids=["empty", "single", "busy"])
def test_every_table_conforms_to_its_schema(claims, name):
    result = getattr(compare_tolls(claims), name)
    assert schema.validate(result, f"toll_{name}") == []
    assert result.attrs["params"]["rule"] == "latest_official"


@pytest.mark.parametrize("name", ["groups", "contradictions", "updates", "stale", "echoes", "propagation"])
def test_rows_trace_to_a_claim_span(name):
    claims = table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
                   ("B", "2021-01-03", "minister", 100, "exact", "2021-01-01"),
                   ("B", "2021-01-03", "minister", 120, "exact", "2021-01-01"),
                   ("C", "2021-01-09", "minister", 150, "exact", "2021-01-05"),
                   ("D", "2021-01-10", "minister", 100, "exact", "2021-01-01"))
    result = getattr(compare_tolls(claims), name)
    assert len(result) > 0
    spans = claims.set_index("claim_id")[["doc_id", "start", "end"]]
    for row in result.itertuples():
        assert (row.doc_id, row.start, row.end) == tuple(spans.loc[row.claim_id])


def test_every_claim_is_kept_in_time_order_and_input_is_untouched():
    claims = table(("B", "2021-01-05", "minister", 150, "exact", "2021-01-04"),
                   ("A", "2021-01-02", "minister", 100, "exact", None, {"side": "unknown"}),
                   ("C", "2021-01-03", "ngo", 7, "increment", "2021-01-03"))
    before = claims.copy()
    out = compare_tolls(claims).claims
    assert sorted(ids(out)) == sorted(ids(claims))
    assert out["published"].tolist() == ["2021-01-02", "2021-01-03", "2021-01-05"]
    pd.testing.assert_frame_equal(claims, before)


def test_one_keys_claims_in_time_order_keep_the_extractors_extra_columns():
    claims = table(("B", "2021-01-05", "minister", 150, "exact", "2021-01-04", {"cues": "said"}),
                   ("A", "2021-01-02", "minister", 100, "exact", "2021-01-01", {"cues": "told"}),
                   ("C", "2021-01-03", "minister", 9, "exact", "2021-01-01", {"victims": "civilian", "cues": "x"}))
    key = compare_tolls(claims).key("war / killed / all / both")
    assert key[["outlet", "value", "cues"]].values.tolist() == [["A", 100, "told"], ["B", 150, "said"]]


def test_a_table_read_from_csv_text_gives_the_same_result(tmp_path):
    claims = table(("A", "2021-01-02", "minister", 100, "more_than", "2021-01-01"),
                   ("B", "2021-01-05", "minister", 150, "exact", None))
    claims.to_csv(tmp_path / "claims.csv", index=False)
    from_csv = pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False)
    a, b = compare_tolls(claims), compare_tolls(from_csv)
    pd.testing.assert_frame_equal(a.groups, b.groups)
    assert b.claims["is_high_open"].tolist() == [True, False]


# ------------------------------------------------------------ keys and groups
def test_no_comparable_claims_at_all():
    claims = table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
                   ("A", "2021-01-02", "minister", 300, "exact", "2021-01-01", {"event": "older_war"}),
                   ("B", "2021-01-03", "minister", 40, "exact", "2021-01-01", {"victims": "civilian"}),
                   ("C", "2021-01-04", "minister", 90, "exact", "2021-01-01", {"side": "north"}))
    result = compare_tolls(claims)
    assert len(result.groups) == 4
    assert result.groups["n_figures"].tolist() == [1, 1, 1, 1]
    for name in ("contradictions", "updates", "stale", "echoes", "checks"):
        assert getattr(result, name).empty, name


def test_a_single_claim_is_its_own_consensus():
    result = compare_tolls(table(("A", "2021-01-02", "minister", 100, "about", "2021-01-01")))
    group = result.groups.iloc[0]
    assert (group["group_id"], group["low"], group["best"], group["high"]) == \
        ("war / killed / all / both @ 2021-01-01", 100.0, 100.0, 100.0)
    assert (group["n_claims"], group["n_figures"], group["claim_id"]) == (1, 1, result.claims["claim_id"][0])


@pytest.mark.parametrize("part, other", [
    ("event", "older_war"), ("outcome", "wounded"), ("victims", "military"), ("side", "north"),
])
def test_figures_of_different_keys_are_never_compared(part, other):
    claims = table(("A", "2021-01-02", "minister", 61, "exact", "2021-01-01"),
                   ("B", "2021-01-02", "minister", 6300, "exact", "2021-01-01", {part: other}))
    result = compare_tolls(claims)
    assert len(result.groups) == 2
    assert result.contradictions.empty and result.checks.empty


@pytest.mark.parametrize("override", [
    {"event": None}, {"event": "other"}, {"side": "unknown"}, {"victims": ""}, {"outcome": None},
])
def test_an_incomplete_key_is_kept_flagged_and_not_grouped(override):
    claims = table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
                   ("B", "2021-01-02", "minister", 5000, "exact", "2021-01-01", override))
    result = compare_tolls(claims)
    flagged = result.claims.set_index("claim_id")
    bad = claims["claim_id"][1]
    assert bool(flagged.loc[bad, "incomplete_key"]) is True
    assert pd.isna(flagged.loc[bad, "group_id"]) and pd.isna(flagged.loc[bad, "figure_id"])
    assert result.groups["n_claims"].tolist() == [1]
    assert result.contradictions.empty


def test_undated_claims_sit_at_their_publication_date_flagged_and_are_not_compared_in_time():
    claims = table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
                   ("B", "2021-01-09", "minister", 150, "exact", None),
                   ("C", "2021-01-10", "minister", 170, "exact", None))
    result = compare_tolls(claims)
    assert result.groups["group_id"].tolist() == ["war / killed / all / both @ 2021-01-01",
                                                  "war / killed / all / both @ 2021-01-09",
                                                  "war / killed / all / both @ 2021-01-10"]
    assert result.groups["n_dated_by_publication"].tolist() == [0, 1, 1]
    assert result.claims["is_undated"].tolist() == [False, True, True]
    assert result.claims["is_dated_by_publication"].tolist() == [False, True, True]
    assert result.contradictions.empty and result.updates.empty and result.stale.empty


# ------------------------------------------ contradiction, update, stale, echo
@pytest.mark.parametrize("second, expected", [
    (("B", "2021-01-03", "minister", 63, "exact", "2021-01-01"), "contradiction"),
    (("A", "2021-01-02", "minister", 63, "exact", "2021-01-01"), "contradiction"),
    (("B", "2021-01-03", "minister", 61, "exact", "2021-01-01"), "echo"),
    (("B", "2021-01-03", "ngo", 63, "exact", "2021-01-01"), "nothing"),
    (("B", "2021-01-03", "minister", 63, "exact", "2021-01-02"), "update"),
])
def test_contradiction_update_or_echo(second, expected):
    claims = table(("A", "2021-01-02", "minister", 61, "exact", "2021-01-01"), second)
    result = compare_tolls(claims)
    found = {"contradiction": len(result.contradictions) == 2, "update": len(result.updates) == 1,
             "echo": len(result.echoes) == 1}
    assert found == {k: k == expected for k in found}


@pytest.mark.parametrize("contradiction, sources", [("disjoint", ["minister"]), ("value", ["minister", "mayor"])])
def test_a_contradiction_names_the_other_value(contradiction, sources):
    claims = table(("A", "2021-01-02", "minister", 61, "exact", "2021-01-01"),
                   ("B", "2021-01-03", "minister", 63, "exact", "2021-01-01"),
                   ("C", "2021-01-03", "mayor", 60, "more_than", "2021-01-01"),  # compatible with 64
                   ("D", "2021-01-03", "mayor", 64, "exact", "2021-01-01"))
    result = compare_tolls(claims, params=TollParams(contradiction=contradiction))
    c = result.contradictions.set_index("claim_id")
    first, second = claims["claim_id"][:2]
    assert c.loc[first, "contradiction_with"] == second and c.loc[second, "contradiction_with"] == first
    assert (c.loc[first, "values"], c.loc[first, "n_values"]) == ("61 | 63", 2)
    assert sorted(set(c["source"])) == sorted(sources)
    assert result.claims.set_index("claim_id").loc[first, "contradiction_with"] == second


def test_only_the_values_a_claim_contradicts_are_named():
    claims = table(("A", "2021-01-02", "leader", 2000, "more_than", "2021-01-01"),
                   ("B", "2021-01-03", "leader", 5000, "nearly", "2021-01-01"),
                   ("C", "2021-01-03", "leader", 1000, "exact", "2021-01-01"))
    c = compare_tolls(claims).contradictions.set_index("claim_id")
    a, b, low = claims["claim_id"]
    assert c["contradiction_with"].to_dict() == {a: low, b: low, low: f"{a} | {b}"}
    assert c.loc[low, "values"] == "1,000 | 2,000 | 5,000"


@pytest.mark.parametrize("values, expected_changes", [
    ((100, 150), [50]),
    ((150, 100), [-50]),
    ((100, 100), []),
    ((100, 150, 180), [50, 30]),
])
def test_a_later_figure_of_the_same_source_is_an_update(values, expected_changes):
    days = ["2021-01-01", "2021-01-05", "2021-01-09"]
    claims = table(*[("A", day, "minister", v, "exact", day) for v, day in zip(values, days)])
    result = compare_tolls(claims)
    assert result.updates["change"].tolist() == expected_changes
    if expected_changes:
        update = result.updates.iloc[0]
        assert (update["previous_claim_id"], update["previous_value"]) == (claims["claim_id"][0], values[0])
        assert result.claims.set_index("claim_id").loc[update["claim_id"], "update_of"] == claims["claim_id"][0]


@pytest.mark.parametrize("late, is_stale", [
    (("C", "2021-01-12", "minister", 100, "exact", "2021-01-05"), True),   # 100 after 150 was public
    (("C", "2021-01-10", "minister", 100, "exact", "2021-01-05"), False),  # same day as the newer figure
    (("C", "2021-01-12", "ngo", 100, "exact", "2021-01-05"), False),       # another source
    (("C", "2021-01-12", "minister", 150, "exact", "2021-01-05"), False),  # the same value, an older date
    (("C", "2021-01-12", "minister", 100, "exact", None), False),          # no as-of date: cannot tell
    (("C", "2021-01-12", "minister", 100, "exact", "2021-01-05", {"victims": "civilian"}), False),
])
def test_an_old_figure_published_after_a_newer_one_is_stale(late, is_stale):
    claims = table(("A", "2021-01-06", "minister", 100, "exact", "2021-01-05"),
                   ("B", "2021-01-10", "minister", 150, "exact", "2021-01-09"), late)
    result = compare_tolls(claims)
    assert ids(result.stale) == ([claims["claim_id"][2]] if is_stale else [])
    if is_stale:
        row = result.stale.iloc[0]
        assert (row["newer_claim_id"], row["newer_value"], row["newer_outlet"], row["days_behind"]) == \
            (claims["claim_id"][1], 150, "B", 2)
        assert result.claims.set_index("claim_id").loc[row["claim_id"], "is_stale"]


def test_an_echoed_figure_counts_once_and_points_to_its_first_carriage():
    claims = table(("B", "2021-01-03", "minister", 500, "exact", "2021-01-01"),
                   ("A", "2021-01-02", "minister", 500, "exact", "2021-01-01"),
                   ("C", "2021-01-04", "minister", 500, "exact", "2021-01-01"),
                   ("C", "2021-01-04", "ngo", 900, "exact", "2021-01-01"))
    result = compare_tolls(claims)
    group = result.groups.iloc[0]
    assert (group["n_claims"], group["n_figures"], group["best"]) == (4, 2, 500.0)
    first = claims["claim_id"][1]
    assert result.echoes["echo_of"].tolist() == [first, first]
    assert sorted(ids(result.echoes)) == sorted([claims["claim_id"][0], claims["claim_id"][2]])


def test_the_same_number_in_two_outlets_own_voices_is_not_an_echo():
    claims = table(("A", "2021-01-02", "outlet", 30000, "exact", "2021-01-01"),
                   ("B", "2021-01-03", "outlet", 30000, "about", "2021-01-01"))
    result = compare_tolls(claims)
    assert result.echoes.empty
    assert result.groups["n_figures"].tolist() == [2]
    assert result.groups["sources"].tolist() == ["outlet:A | outlet:B"]


# ------------------------------------------------------------------ consensus
FIGURES = [
    ("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
    ("B", "2021-01-02", "ngo", 200, "about", "2021-01-01"),
]
EACH = ("A", "2021-01-02", "leader", 2000, "more_than", "2021-01-01", {"side": "each"})
OPEN = [
    ("A", "2021-01-02", "leader", 2000, "more_than", "2021-01-01"),
    ("B", "2021-01-02", "ngo", 5000, "nearly", "2021-01-01"),
]


# (low, best, high, is_high_open): low is the own count, high the highest figure of anyone,
# best by the rule, always one of the figures reported (never a median or a midpoint)
@pytest.mark.parametrize("rows, rule, expected", [
    (FIGURES, "latest_official", (100.0, 100.0, 200.0, False)),
    (FIGURES, "latest_third_party", (100.0, 200.0, 200.0, False)),
    (FIGURES, "highest_reported", (100.0, 200.0, 200.0, False)),
    (OPEN, "latest_official", (np.nan, np.nan, 5000.0, False)),  # no own count: no best under this rule
    (OPEN, "latest_third_party", (np.nan, 5000.0, 5000.0, False)),
    (OPEN[:1], "highest_reported", (np.nan, 2000.0, 2000.0, True)),
    ([("A", "2021-01-02", "official", 1000, "less_than", "2021-01-01"), FIGURES[1]],
     "latest_official", (1000.0, 1000.0, 1000.0, False)),
    ([("A", "2021-01-02", "official", 30, "exact", "2021-01-01", {"hedge": "range", "high": 40.0})],
     "latest_official", (35.0, 35.0, 40.0, False)),
])
def test_estimate_rules(rows, rule, expected):
    group = compare_tolls(table(*rows), params=TollParams(rule=rule)).groups.iloc[0]
    got = (group["low"], group["best"], group["high"], bool(group["is_high_open"]))
    assert got[3] == expected[3]
    np.testing.assert_equal(np.array(got[:3], dtype=float), np.array(expected[:3], dtype=float))
    assert group["rule"] == rule


def test_best_is_always_a_reported_figure_and_names_it():
    claims = table(*FIGURES)
    for rule, row in (("latest_official", 0), ("latest_third_party", 1), ("highest_reported", 1)):
        group = compare_tolls(claims, params=TollParams(rule=rule)).groups.iloc[0]
        assert group["claim_id"] == claims["claim_id"][row]
        assert group["best"] == claims["value"][row]
    assert compare_tolls(claims).groups.iloc[0]["spread"] == 100.0
    assert compare_tolls(claims).groups.iloc[0]["spread_ratio"] == 2.0


def test_the_estimates_table_shows_best_under_every_rule():
    est = compare_tolls(table(*FIGURES)).estimates
    assert est.set_index("rule")["best"].to_dict() == {"latest_official": 100.0, "latest_third_party": 200.0,
                                                       "highest_reported": 200.0}


SIDES = {"side": "armenian"}, {"side": "azerbaijani"}


@pytest.mark.parametrize("rows, low, parts, partial, missing", [
    # each side's own count on the day: the total's low is their stated sum
    ([("A", "2021-01-02", "minister", 300, "exact", "2021-01-01", SIDES[0]),
      ("B", "2021-01-02", "minister", 200, "exact", "2021-01-01", SIDES[1]),
      ("C", "2021-01-02", "leader", 5000, "nearly", "2021-01-01")], 500.0, [0, 1], False, None),
    # one side has not given a count: the sum is partial and names it
    ([("A", "2021-01-02", "minister", 300, "exact", "2021-01-01", SIDES[0]),
      ("C", "2021-01-02", "leader", 5000, "nearly", "2021-01-01")], 300.0, [0], True, "azerbaijani"),
    # a count of weeks before the total does not complete it
    ([("A", "2021-01-02", "minister", 300, "exact", "2020-11-01", SIDES[0]),
      ("B", "2021-01-02", "minister", 200, "exact", "2021-01-01", SIDES[1]),
      ("C", "2021-01-02", "leader", 5000, "nearly", "2021-01-01")], 200.0, [1], True, "armenian"),
])
def test_a_total_over_both_sides_is_the_sum_of_each_sides_own_count(rows, low, parts, partial, missing):
    claims = table(*rows).assign(claim_kind=lambda d: d["claim_kind"].where(d["side"] == "both", "own_losses"))
    result = compare_tolls(claims, params=TollParams())
    group = result.groups.set_index("group_id").loc["war / killed / all / both @ 2021-01-01"]
    assert group["low"] == low and group["best"] == low
    assert group["best_parts"] == ";".join(claims["claim_id"][i] for i in parts)
    assert group["is_partial"] == partial
    assert (None if pd.isna(group["missing_sides"]) else group["missing_sides"]) == missing


def test_a_relabelled_carriage_is_listed_with_the_other_outlets_evidence_and_counts_for_nothing():
    military = {"victims": "military", "side": "armenian"}
    claims = table(("A", "2021-01-02", "militia", 874, "exact", "2021-01-01", military),
                   ("B", "2021-01-02", "militia", 874, "exact", "2021-01-01", military),
                   ("C", "2021-01-02", "militia", 874, "exact", "2021-01-01", {"side": "armenian"}))
    result = compare_tolls(claims)
    r = result.relabelled
    assert r["claim_id"].tolist() == [claims["claim_id"][2]]
    assert (r["claimant_said"][0], r["outlet_wrote"][0]) == ("military / armenian", "all / armenian")
    assert r["other_evidence"][0].count("|") == 1
    group = result.groups.set_index("claim_key").loc["war / killed / all / armenian"]
    assert group["n_figures"] == 0


def test_one_outlet_against_one_is_not_called_a_relabelling():
    claims = table(("A", "2021-01-02", "militia", 874, "exact", "2021-01-01", {"victims": "military"}),
                   ("C", "2021-01-02", "militia", 874, "exact", "2021-01-01"))
    assert compare_tolls(claims).relabelled.empty


def test_lines_hold_each_sources_series_side_by_side():
    claims = table(("A", "2021-01-02", "minister", 542, "exact", "2021-01-01"),
                   ("B", "2021-01-09", "minister", 874, "exact", "2021-01-08"),
                   ("B", "2021-01-09", "leader", 5000, "nearly", "2021-01-08"))
    lines = compare_tolls(claims).competing("war / killed / all / both").set_index("source")
    assert lines.loc["minister", "series"] == "542 (2021-01-01) -> 874 (2021-01-08)"
    assert lines.loc["minister", "latest_value"] == 874
    assert lines["claim_kind"].to_dict() == {"leader": "third_party", "minister": "own_losses"}


@pytest.mark.parametrize("hedge_intervals, expected", [
    ((("about", 0.9, 1.1),), (90.0, 110.0)),
    ((("about", 0.8, 1.25),), (80.0, 125.0)),
])
def test_empty_low_high_come_from_the_hedge_intervals(hedge_intervals, expected):
    claims = table(("A", "2021-01-02", "minister", 100, "about", "2021-01-01", {"low": None, "high": None}))
    claim = compare_tolls(claims, params=TollParams(hedge_intervals=hedge_intervals)).claims.iloc[0]
    assert (claim["interval_low"], claim["interval_high"]) == expected


@pytest.mark.parametrize("rows, n_figures, best", [
    ([("A", "2021-01-02", "outlet", 100, "vague", "2021-01-01"),
      ("B", "2021-01-02", "minister", 900, "exact", "2021-01-01")], 1, 900.0),
    ([("A", "2021-01-02", "outlet", 100, "vague", "2021-01-01")], 1, 100.0),
])
def test_a_vague_figure_counts_only_when_nothing_more_precise_is_reported(rows, n_figures, best):
    group = compare_tolls(table(*rows), params=TollParams(rule="highest_reported")).groups.iloc[0]
    assert (group["n_figures"], group["best"]) == (n_figures, best)


def test_checks_leave_out_a_vague_figure_beside_precise_ones():
    claims = table(EACH, ("A", "2021-01-02", "outlet", 100, "vague", "2021-01-01"),
                   ("B", "2021-01-02", "ngo", 4800, "exact", "2021-01-01"))
    checks = compare_tolls(claims).checks
    assert checks[["check", "is_consistent"]].values.tolist() == [["each_implies_total", True]]


def test_increments_and_subsets_are_not_totals():
    claims = table(("A", "2021-01-02", "militia", 874, "exact", "2021-01-01"),
                   ("A", "2021-01-02", "militia", 40, "increment", "2021-01-01"),
                   ("A", "2021-01-02", "militia", 25, "exact", "2021-01-01"))
    claims.loc[2, "parent_claim_id"] = claims["claim_id"][0]
    result = compare_tolls(claims)
    group = result.groups.iloc[0]
    assert (group["n_claims"], group["n_figures"], group["best"]) == (3, 1, 874.0)
    assert result.contradictions.empty
    assert result.claims["is_total"].tolist() == [True, False, False]


# --------------------------------------------------------------------- checks


@pytest.mark.parametrize("other, check, consistent", [
    (("A", "2021-01-02", "leader", 5000, "nearly", "2021-01-01"), "each_implies_total", True),
    (("B", "2021-01-02", "ngo", 3000, "exact", "2021-01-01"), "each_implies_total", False),
    (("B", "2021-01-02", "ngo", 2500, "exact", "2021-01-01", {"side": "north"}), "each_implies_side", True),
    (("B", "2021-01-02", "ngo", 874, "exact", "2021-01-01", {"side": "north"}), "each_implies_side", False),
])
def test_per_side_figures_imply_totals(other, check, consistent):
    checks = compare_tolls(table(EACH, other)).checks
    assert checks[["check", "is_consistent"]].values.tolist() == [[check, consistent]]
    assert checks["other_claim_id"].notna().all()


@pytest.mark.parametrize("n_sides, consistent", [(2, False), (3, True)])
def test_the_number_of_sides_is_a_parameter(n_sides, consistent):
    claims = table(("A", "2021-01-02", "leader", 1000, "exact", "2021-01-01", {"side": "each"}),
                   ("A", "2021-01-02", "leader", 3000, "exact", "2021-01-01"))
    checks = compare_tolls(claims, params=TollParams(n_sides=n_sides)).checks
    assert checks["is_consistent"].tolist() == [consistent]
    assert checks["implied_low"].tolist() == [1000.0 * n_sides]


@pytest.mark.parametrize("low_row, params, listed", [
    (("A", "2021-01-02", "official", 1000, "less_than", "2021-01-01"), TollParams(), True),
    (("A", "2021-01-02", "official", 1000, "less_than", None), TollParams(), True),  # publication date used
    (("A", "2021-01-02", "official", 2500, "exact", "2021-01-01"), TollParams(), False),  # ratio 2
    (("A", "2021-01-02", "official", 1000, "less_than", "2020-11-01"), TollParams(), False),  # weeks apart
    (("A", "2021-01-02", "official", 1000, "less_than", "2021-01-01"),
     TollParams(official_claimants=("ministry",)), False),
    (("A", "2021-01-02", "official", 1000, "less_than", "2021-01-01"),
     TollParams(official_claimants=("official",)), True),
    (("A", "2021-01-02", "outlet", 100, "vague", None), TollParams(), False),  # vague beside a precise one
])
def test_a_large_gap_between_sources_is_listed(low_row, params, listed):
    claims = table(low_row, ("B", "2021-01-02", "leader", 5000, "exact", "2021-01-01"))
    checks = compare_tolls(claims, params=params).checks
    gaps = checks[checks["check"] == "gap"]
    assert len(gaps) == int(listed)
    if listed:
        assert (gaps["claim_id"].iloc[0], gaps["other_claim_id"].iloc[0]) == tuple(claims["claim_id"])
        assert gaps["ratio"].iloc[0] == pytest.approx(5000 / low_row[3])


@pytest.mark.parametrize("parent, subset, consistent", [
    ((60, "more_than"), (25, "exact"), True),
    ((60, "exact"), (80, "exact"), False),
    ((60, "about"), (66, "exact"), True),
    ((60, "exact"), (61, "about"), True),
])
def test_a_subset_cannot_exceed_its_total(parent, subset, consistent):
    claims = table(("A", "2021-01-02", "agency", parent[0], parent[1], "2021-01-01"),
                   ("A", "2021-01-02", "agency", subset[0], subset[1], "2021-01-01"))
    claims.loc[1, "parent_claim_id"] = claims["claim_id"][0]
    checks = compare_tolls(claims).checks
    assert checks[["check", "is_consistent"]].values.tolist() == [["subset_within_parent", consistent]]


def test_a_subset_whose_parent_is_missing_is_reported_not_judged():
    claims = table(("A", "2021-01-02", "agency", 25, "exact", "2021-01-01", {"parent_claim_id": "x:1-2"}))
    checks = compare_tolls(claims).checks
    assert checks["is_consistent"].isna().tolist() == [True]
    assert "x:1-2" in checks["message"].iloc[0]


# ---------------------------------------------------------------- propagation
def test_propagation_shows_first_last_and_dropped_attribution_and_hedge():
    claims = table(("A", "2021-01-02", "leader", 5000, "nearly", "2021-01-01"),
                   ("B", "2021-01-03", "leader", 5000, "about", "2021-01-01"),
                   ("C", "2021-01-04", "outlet", 5000, "exact", None))
    result = compare_tolls(claims)
    p = result.propagation.set_index("claim_id")
    a, b, c = claims["claim_id"]
    assert p["rank"].tolist() == [1, 2, 3]
    assert set(p["first_outlet"]) == {"A"} and set(p["last_outlet"]) == {"C"}
    assert p["n_outlets"].tolist() == [3, 3, 3]
    assert p["dropped_attribution"].to_dict() == {a: False, b: False, c: True}
    assert p["dropped_hedge"].to_dict() == {a: False, b: False, c: True}
    assert p["hedge_changed"].to_dict() == {a: False, b: True, c: True}
    assert p.loc[c, "source"] == "leader" and p.loc[c, "echo_of"] == a
    # the unattributed carriage stays at its own (publication) date but counts as the leader's figure
    assert result.claims.set_index("claim_id").loc[c, "group_id"] == "war / killed / all / both @ 2021-01-04"


def test_an_unattributed_figure_matching_several_claimants_stays_the_outlets_own():
    claims = table(("A", "2021-01-02", "leader", 5000, "exact", "2021-01-01"),
                   ("B", "2021-01-02", "ngo", 5000, "exact", "2021-01-01"),
                   ("C", "2021-01-04", "outlet", 5000, "exact", "2021-01-01"))
    result = compare_tolls(claims)
    row = result.claims.set_index("claim_id").loc[claims["claim_id"][2]]
    assert (row["source"], bool(row["dropped_attribution"])) == ("outlet:C", False)
    assert claims["claim_id"][2] not in set(result.propagation["claim_id"])


def test_an_outlets_own_figure_is_not_propagation_of_a_claimant():
    result = compare_tolls(table(("A", "2021-01-02", "outlet", 30000, "exact", None),
                                 ("A", "2021-01-02", "outlet", 30000, "exact", None)))
    assert result.propagation.empty
    assert len(result.echoes) == 1 and bool(result.echoes["same_outlet_as_first"].iloc[0])


# --------------------------------------------------------------- bad input
@pytest.mark.parametrize("change, message", [
    (lambda df: df.drop(columns=["as_of"]), "as_of"),
    (lambda df: df.assign(claim_id="same"), "repeated claim_id"),
    (lambda df: df.assign(value=None), "without a numeric value"),
    (lambda df: df.assign(as_of="22/10/2020"), "as_of is not an ISO date"),
])
def test_bad_claims_tables_are_refused_with_a_clear_message(change, message):
    claims = table(("A", "2021-01-02", "leader", 5000, "exact", "2021-01-01"),
                   ("B", "2021-01-02", "leader", 5000, "exact", "2021-01-01"))
    with pytest.raises(ValueError, match=message):
        compare_tolls(change(claims))


@pytest.mark.parametrize("field, value", [("rule", "median"), ("contradiction", "any"), ("n_sides", 0),
                                          ("gap_ratio", 1.0)])
def test_bad_params_are_refused(field, value):
    with pytest.raises(ValueError, match=field):
        TollParams(**{field: value})


def test_params_are_frozen_and_recorded():
    params = TollParams(rule="latest_third_party", gap_ratio=4.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.rule = "highest_reported"
    result = compare_tolls(table(*FIGURES), params=params)
    assert result.groups.attrs["params"]["gap_ratio"] == 4.0
    assert result.params is params


# ------------------------------------------------------------- presentation
@pytest.mark.parametrize("args, kwargs, label", [
    ((5000, "about"), {}, "~5,000"),
    ((2000, "more_than"), {"side": "each"}, ">2,000 each"),
    ((874, "exact"), {}, "874"),
    ((1000, "less_than"), {}, "<1,000"),
    ((30, "range"), {"low": 30, "high": 40}, "30–40"),
    ((40, "increment"), {}, "+40"),
    ((25, "exact"), {"is_subset": True}, "of which 25"),
    ((100, "vague"), {}, "100s"),
])
def test_figure_label(args, kwargs, label):
    assert figure_label(*args, **kwargs) == label


def test_outlet_table_shows_each_outlets_figures_with_hedge_and_source():
    claims = table(("A", "2021-01-02", "leader", 5000, "about", "2021-01-01"),
                   ("B", "2021-01-03", "leader", 2000, "more_than", "2021-01-01", {"side": "each"}),
                   ("B", "2021-01-03", "leader", 5000, "nearly", "2021-01-01"))
    claims = pd.concat([claims, table(("C", "2021-01-04", "outlet", 2000, "more_than", "2021-01-01",
                                       {"side": "each"}))], ignore_index=True)
    table_ = compare_tolls(claims).outlet_table()
    assert list(table_.columns) == ["A", "B", "C"]
    assert table_.loc["war / killed / all / each @ 2021-01-01", "C"] == ">2,000 each [unattributed = leader]"
    assert table_.loc["war / killed / all / both @ 2021-01-01"].tolist() == ["~5,000 [leader]", "≲5,000 [leader]", ""]
    assert table_.loc["war / killed / all / each @ 2021-01-01", "B"] == ">2,000 each [leader]"


@pytest.mark.parametrize("claims", [
    table(),
    table(("A", "2021-01-02", "leader", 5000, "about", "2021-01-01"),
          ("B", "2021-01-03", "leader", 5000, "nearly", "2021-01-01"),
          ("B", "2021-01-03", "outlet", 5000, "exact", "2021-01-01"),
          ("C", "2021-01-04", "outlet", 70, "exact", None, {"side": "unknown"})),
], ids=["empty", "three_outlets"])
def test_every_cell_of_the_outlet_table_is_made_of_the_claims_behind_it(claims):
    result = compare_tolls(claims)
    figures, cells = result.outlet_figures(), result.outlet_table()
    assert schema.validate(figures, "toll_outlet_figures") == []
    assert len(figures) == result.claims["group_id"].notna().sum()  # an incomplete key is in no cell
    for (group_id, outlet), rows in figures.groupby(["group_id", "outlet"]):
        assert cells.loc[group_id, outlet] == "; ".join(dict.fromkeys(rows["figure"]))
        spans = claims.set_index("claim_id").loc[rows["claim_id"], ["doc_id", "start", "end", "sentence"]]
        assert rows[["doc_id", "start", "end", "sentence"]].values.tolist() == spans.values.tolist()


@pytest.mark.parametrize("selection, kept", [
    ({}, ["A", "B", "B", "C"]),
    ({"event": "war"}, ["A", "B", "C"]),
    ({"event": ["war", "older_war"], "outcome": "killed"}, ["A", "B", "B"]),
    ({"outcome": None, "outlets": []}, ["A", "B", "B", "C"]),
    ({"outlets": ["C", "A"]}, ["A", "C"]),
    ({"outcome": "wounded", "outlets": ("C",)}, ["C"]),
])
def test_select_claims_keeps_the_chosen_events_outcomes_and_outlets(selection, kept):
    claims = table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
                   ("B", "2021-01-03", "minister", 300, "exact", None, {"event": "older_war"}),
                   ("B", "2021-01-03", "minister", 120, "exact", "2021-01-01"),
                   ("C", "2021-01-04", "minister", 40, "exact", "2021-01-01", {"outcome": "wounded"}))
    claims.attrs["params"] = {"profile": "test"}
    out = select_claims(claims, **selection)
    assert out["outlet"].tolist() == kept
    assert out.attrs["params"] == {"profile": "test"}
    assert set(out.attrs["selection"]) == {"event", "outcome", "outlet"}


@pytest.mark.parametrize("selection, message", [
    ({"outlets": ["A", "CGTNN"]}, "no claim has outlet 'CGTNN' (outlet values in the claims table: A, B)"),
    ({"event": "nk2020"}, "no claim has event 'nk2020' (event values in the claims table: war)"),
    ({"outcome": "killd"}, "no claim has outcome 'killd'"),
])
def test_select_claims_names_a_value_no_claim_has(selection, message):
    claims = table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
                   ("B", "2021-01-03", "minister", 120, "exact", "2021-01-01"))
    with pytest.raises(ValueError, match=re.escape(message)):
        select_claims(claims, **selection)


@pytest.mark.parametrize("inside, refused", [("corpus/graph.graphml", True), ("corpus/sub/graph.json", True),
                                             ("reports/graph.graphml", False), ("corpus_graph.json", False)])
def test_the_claim_graph_is_never_exported_into_the_corpus_folder(tmp_path, inside, refused):
    from kargraph.graph import build_graph, export_graph

    (tmp_path / "corpus").mkdir()
    graph = build_graph([], table(("A", "2021-01-02", "minister", 100, "exact", "2021-01-01")))
    target = tmp_path / inside
    if refused:
        with pytest.raises(ValueError, match="never writes into a corpus folder"):
            export_graph(graph, target, corpus_dir=tmp_path / "corpus")
        assert not target.exists()
    else:
        assert export_graph(graph, target, corpus_dir=tmp_path / "corpus") == target
        assert target.stat().st_size > 0


def test_timeline_plot_draws_one_entry_per_outlet_on_the_given_axes():
    import matplotlib.pyplot as plt

    from kargraph.plots import plot_toll_timeline

    result = compare_tolls(table(("A", "2021-01-02", "leader", 5000, "about", "2021-01-01"),
                                 ("B", "2021-01-03", "leader", 2000, "more_than", "2021-01-02"),
                                 ("C", "2021-01-09", "outlet", 6500, "exact", None),
                                 ("D", "2021-01-03", "other", 9, "exact", "2021-01-02", {"side": "north"})))
    _, ax = plt.subplots()
    assert plot_toll_timeline(result, "war / killed / all / both", ax=ax) is ax
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B", "C"]
    assert ax.get_title() == "war / killed / all / both"
    plt.close("all")


def test_claims_with_incomplete_keys_do_not_break_the_comparison():
    """A claim whose side is unknown stays in the claims table, outside every group."""
    import pandas as pd

    from kargraph import schema
    from kargraph.tolls import compare_tolls

    rows = []
    for i, (value, side) in enumerate([(100, "armenian"), (120, "armenian"), (7, "unknown")]):
        rows.append({c: None for c in schema.columns("claims")} | {
            "claim_id": f"d{i}:0-3", "doc_id": f"d{i}", "start": 0, "end": 3, "text": str(value),
            "sentence": f"{value} soldiers were killed.", "sentence_start": 0, "value": value, "low": value,
            "high": value, "hedge": "exact", "is_increment": False, "outcome": "killed", "victims": "military",
            "side": side, "claimant": "armenia", "attribution": "reported_speech", "event": "nk_2020",
            "as_of": f"2020-10-{10 + i}", "location": "body", "cues": "", "outlet": f"Outlet {i}",
            "published": f"2020-10-{10 + i}"})
    claims = schema.conform(pd.DataFrame(rows), "claims")
    result = compare_tolls(claims)
    flagged = result.claims.set_index("claim_id")
    assert bool(flagged.loc["d2:0-3", "incomplete_key"])
    assert not bool(flagged.loc["d2:0-3", "in_consensus"])
    assert set(result.claims["claim_id"]) == {"d0:0-3", "d1:0-3", "d2:0-3"}
