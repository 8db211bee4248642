"""The competing-claims model on the bundled corpus, whose claims are known to be right.

Each test is a point a researcher citing report 02 relies on: no estimate is a figure
nobody reported, a government's count and a foreign leader's estimate stay two lines,
a relabelled figure is caught, a post-war total is not pooled with wartime counts.
"""
from __future__ import annotations

import pandas as pd
import pytest

from kargraph.claims import extract_claims
from kargraph.tolls import RULES, TollParams, compare_tolls

TOTAL = "nk_2020 / killed / all / both"


@pytest.fixture(scope="module")
def claims(corpus):
    return extract_claims(corpus)


@pytest.fixture(scope="module")
def tolls(claims):
    return compare_tolls(claims)


@pytest.mark.parametrize("rule", RULES)
def test_every_best_is_a_reported_value_or_a_stated_sum(claims, rule):
    result = compare_tolls(claims, params=TollParams(rule=rule))
    reported = set(zip(result.claims["claim_id"], result.claims["point"]))
    for g in result.groups[result.groups["best"].notna()].itertuples():
        if pd.notna(g.best_parts):
            parts = g.best_parts.split(";")
            points = result.claims.set_index("claim_id").loc[parts, "point"]
            assert points.sum() == g.best
        else:
            assert (g.best_claim_id, g.best) in reported, g.group_id


def test_putins_estimate_and_the_official_total_are_competing_lines(tolls):
    lines = tolls.competing(TOTAL).set_index("source")
    assert lines.loc["putin", "claim_kind"] == "third_party"
    assert lines.loc["putin", "latest_value"] == 5000
    assert lines.loc["armenia_azerbaijan_official", "claim_kind"] == "own_losses"
    assert lines.loc["armenia_azerbaijan_official", "latest_value"] == 1000


def test_the_official_total_is_marked_partial_and_the_estimates_keep_each_rules_figure(tolls):
    group = tolls.groups.set_index("group_id").loc[f"{TOTAL} @ 2020-10-22"]
    assert (group["low"], group["best"], group["high"]) == (1000.0, 1000.0, 5000.0)
    assert bool(group["is_partial"]) and "azerbaijani" in group["missing_sides"]
    est = tolls.estimates[tolls.estimates["group_id"] == f"{TOTAL} @ 2020-10-22"].set_index("rule")["best"]
    assert est.to_dict() == {"latest_official": 1000.0, "latest_third_party": 5000.0, "highest_reported": 5000.0}


def test_press_tvs_874_is_relabelled_against_cgtn_and_scopic_world(tolls):
    r = tolls.relabelled
    assert r[["outlet", "value", "claimant"]].values.tolist() == [["Press TV", 874, "karabakh_officials"]]
    assert (r["claimant_said"][0], r["outlet_wrote"][0]) == ("military / armenian", "all / armenian")
    assert "CGTN" in r["other_evidence"][0] and "Scopic World" in r["other_evidence"][0]


def test_the_post_war_6500_is_not_pooled_with_october_2020(tolls):
    groups = tolls.groups.set_index("group_id")
    assert "6,500" in groups.loc[f"{TOTAL} @ 2022-09-20", "figures"]
    wartime = groups[groups.index.str.startswith(TOTAL) & groups["as_of"].str.startswith("2020")]
    assert not wartime["figures"].str.contains("6,500").any()
    c = tolls.claims.set_index("value").loc[6500]
    assert bool(c["is_dated_by_publication"])


@pytest.mark.parametrize("claimant, side, kind", [
    ("karabakh_officials", "armenian", "own_losses"),
    ("azerbaijan", "azerbaijani", "own_losses"),
    ("putin", "both", "third_party"),
    ("afp", "azerbaijani", "third_party"),
    ("outlet", "both", "outlet"),
])
def test_claim_kinds_of_the_bundled_claims(claims, claimant, side, kind):
    rows = claims[(claims["claimant"] == claimant) & (claims["side"] == side)]
    assert len(rows) and set(rows["claim_kind"]) == {kind}


# ------------------------------------------------ reliability as fidelity of transmission
@pytest.fixture(scope="module")
def card(corpus, claims, tolls):
    from kargraph.reliability import score_sources

    return score_sources(corpus, claims, tolls=tolls)


def test_press_tvs_around_1000_carries_no_penalty(card, claims):
    around = claims[(claims["outlet"] == "Press TV") & (claims["value"] == 1000)]["claim_id"].tolist()
    assert len(around) == 1
    rows = card.evidence[card.evidence["claim_id"].isin(around)]
    assert not rows["is_flag"].any(), rows[["component", "found"]].to_dict("records")
    # it matches the parties' official count, so it is that count carried (judged on fidelity),
    # never set against Putin's estimate
    assert "agreement" not in set(rows["component"])


def test_press_tvs_relabelled_874_is_a_fidelity_penalty(card):
    row = card.behind("Press TV", "precision").query("check == 'relabelled'")
    assert row["text"].tolist() == ["874"] and row["effect"].tolist() == [0.0]


@pytest.mark.parametrize("outlet, text, other", [("CGTN", "63", "61"), ("Scopic World", "61", "63")])
def test_a_claimants_figure_is_compared_only_with_other_carriages_of_that_claimant(card, outlet, text, other):
    rows = card.behind(outlet, "agreement").query(f"text == '{text}'")
    assert rows["other_text"].tolist() == [other]
    assert set(card.consensus["source"]) <= {"putin", "karabakh_officials", "azerbaijan"}
