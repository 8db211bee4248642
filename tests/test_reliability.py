"""The reliability scorecard, component by component, on small constructed corpora.

Articles are built with ``document_from_text``; claims and quotation speakers are written
by hand next to them, so each right answer is known. The bundled corpus is used only for
the issue's "done when" checks at the end.
"""
from __future__ import annotations

import math
import re

import matplotlib
import pandas as pd
import pytest

from kargraph import plots, schema
from kargraph.corpus import document_from_text
from kargraph.profile import profile_from_dict
from kargraph.reliability import (COMPONENTS, ReliabilityParams, Scorecard, reference_facts, score_sources,
                                  weight_sensitivity)

matplotlib.use("Agg")

_INTERVAL = {"exact": (1, 1), "about": (0.9, 1.1), "nearly": (0.9, 1), "more_than": (1, None), "less_than": (0, 1)}
TABLES = ("scores", "evidence", "consensus", "reuse", "reuse_map")

PROFILE = profile_from_dict({
    "id": "test_conflict",
    "sides": {"north": {"name": "North", "adjectives": ["Northern"]}, "south": {"name": "South"}},
    "actors": [
        {"id": "pashinyan", "name": "Nikol Pashinyan", "kind": "person", "side": "north",
         "aliases": ["Nikol Pashinyan", "Pashinyan"]},
        {"id": "ministry", "name": "Defence ministry", "kind": "government", "side": "south",
         "aliases": ["the ministry"]},
    ],
    "places": [{"id": "armenia", "name": "Armenia", "aliases": ["Armenia"]}],
    "events": [{"id": "war", "name": "The war", "start": "2020-09-27", "end": "2020-11-10", "cues": ["war"]}],
    "reference_facts": [
        {"id": "war_start", "fact": "The war began on 27 September 2020.", "value": "2020-09-27",
         "patterns": [r"/\b(?:war|fighting)\b[^.]{0,40}?\b(?:began|erupted)\s+(?:on\s+)?"
                      r"(?P<value>Sept(?:ember|\.)?\s+\d{1,2}(?:,?\s+\d{4})?)/"]},
        {"id": "old_war_end", "fact": "The first war ended in May 1994.", "value": "1994-05-12",
         "patterns": [r"/\bfirst war\b[^.]{0,40}?\bended\s+in\s+(?P<value>(?:May\s+)?(?:19|20)\d\d)\b/"]},
        {"id": "region", "fact": "The region lies in the Caucasus.", "contradicted_by": ["in the Balkans"]},
    ],
}, source="test_profile.yaml")


# ------------------------------------------------------------------------------ builders
def doc(text: str, outlet: str, published: str | None = "2020-10-22", doc_id: str | None = None):
    return document_from_text(text, doc_id=doc_id or re.sub(r"\W+", "_", outlet.lower()), outlet=outlet,
                              published=published, outlet_note=NOTES.get(outlet))


NOTES = {"State TV": "the country's state-owned broadcaster"}


def claim(d, phrase: str, value: int | None = None, *, hedge: str = "exact", claimant: str = "ministry",
          attribution: str | None = None, as_of: str | None = "2020-10-20", **extra) -> dict:
    """A claims-table row for the figure ``phrase`` of document ``d``."""
    start = d.raw.index(phrase)
    end = start + len(phrase)
    value = value if value is not None else int(re.sub(r"\D", "", phrase))
    lo, hi = _INTERVAL[hedge]
    row = {"claim_id": f"{d.doc_id}:{start}-{end}", "doc_id": d.doc_id, "start": start, "end": end, "text": phrase,
           "sentence": d.sentence_at(start).text, "value": value, "low": value * lo,
           "high": None if hi is None else value * hi, "hedge": hedge, "is_increment": False, "event": "war",
           "outcome": "killed", "victims": "all", "side": "both", "claimant": claimant,
           "attribution": attribution or ("unattributed" if claimant == "outlet" else "according_to"),
           "as_of": as_of, "parent_claim_id": None, "outlet": d.outlet,
           "published": d.published.isoformat() if d.published else None}
    row.update(extra)
    return row


def voice(d, quote: str, speaker: str = "putin", name: str = "Vladimir Putin") -> dict:
    """A framing ``voices`` row saying that ``speaker`` said ``quote`` in document ``d``."""
    start = d.raw.index(quote)
    s = d.sentence_at(start)
    return {"doc_id": d.doc_id, "outlet": d.outlet, "sentence": s.index, "start": s.start, "end": s.end,
            "text": s.text, "last_sentence": s.index, "kind": "direct_quote", "speaker": name,
            "speaker_key": speaker, "speaker_name": name, "content_start": start, "content_end": start + len(quote),
            "content": quote}


def score(docs, claims=(), voices=(), **params) -> Scorecard:
    claims = pd.DataFrame(list(claims)) if claims else schema.empty("claims")
    voices = pd.DataFrame(list(voices), columns=schema.columns("framing_voices"))
    params = {"min_evidence": 1, **params}  # these corpora are a sentence or two per outlet
    return score_sources(docs, claims, profile=PROFILE, voices=voices, params=ReliabilityParams(**params))


def rows(card: Scorecard, component: str, outlet: str | None = None) -> pd.DataFrame:
    return card.behind(outlet, component)


def value(card: Scorecard, outlet: str, column: str):
    return card.scores.set_index("outlet").loc[outlet, column]


# ---------------------------------------------------------------------------- attribution
@pytest.mark.parametrize("claimant, attribution, effect", [
    ("ministry", "according_to", [1.0]),
    ("ministry", "direct_quote", [1.0]),
    ("outlet", "unattributed", []),      # the outlet's own voice: judged by agreement, not here
    ("ministry", "unattributed", [0.0]),
])
def test_attribution_counts_a_carried_figure_that_names_its_source(claimant, attribution, effect):
    d = doc("The ministry said 12 people were killed.", "Alpha")
    card = score([d], [claim(d, "12", claimant=claimant, attribution=attribution)])
    assert rows(card, "attribution")["effect"].tolist() == effect


def test_attribution_is_the_share_of_carried_figures_that_name_their_source():
    d = doc("The ministry said 12 soldiers were killed. 30 civilians died. 4 medics and 7 nurses died.", "Alpha")
    claims = [claim(d, "12"), claim(d, "30", claimant="outlet"), claim(d, "4", claimant="outlet"),
              claim(d, "7", attribution="unattributed")]
    card = score([d], claims)
    assert value(card, "Alpha", "attribution") == 0.5
    assert value(card, "Alpha", "n_attribution") == 2


@pytest.mark.parametrize("first_day, effect", [
    ("2020-10-21", [0.0]),   # named a day before: the attribution was dropped
    ("2020-10-22", []),      # named the same day: who dropped what cannot be told
    ("2020-10-23", []),      # named only later: nothing had been dropped
])
def test_attribution_decays_only_after_an_earlier_carriage_named_the_source(first_day, effect):
    first = doc("The ministry said nearly 100 people were killed.", "Alpha", first_day)
    later = doc("Nearly 100 people were killed, reports say.", "Beta", "2020-10-22")
    claims = [claim(first, "nearly 100", 100, hedge="nearly"),
              claim(later, "Nearly 100", 100, hedge="nearly", claimant="outlet")]
    card = score([first, later], claims)
    assert rows(card, "attribution", "Beta")["effect"].tolist() == effect
    assert rows(card, "precision", "Beta")["effect"].tolist() == [1.0]  # one loss, one penalty


# ----------------------------------------------------------------------------- agreement
OWN_WORDS = ["The ministry said {} people were killed.", "Officials counted {} dead by Tuesday evening.",
             "According to the ministry, {} lives have been lost.", "{} people have died, the ministry reports."]


def _agreeing(figures: list[tuple[str, str, int, str]], **params) -> Scorecard:
    """Outlets reporting ``(outlet, phrase, value, hedge)`` for one claim key and as-of date, each in
    its own words (the same wording would be reuse, and copies count once)."""
    docs, claims = [], []
    for i, (outlet, phrase, number, hedge) in enumerate(figures):
        d = doc(OWN_WORDS[i].format(phrase), outlet, doc_id=f"d{i}")
        docs.append(d)
        claims.append(claim(d, phrase, number, hedge=hedge))
    return score(docs, claims, **params)


def test_figures_on_the_consensus_score_1():
    card = _agreeing([("Alpha", "100", 100, "exact"), ("Beta", "100", 100, "exact")])
    assert card.consensus["consensus"].tolist() == [100.0]
    assert rows(card, "agreement")["effect"].tolist() == [1.0, 1.0]


def test_an_outlying_figure_loses_agreement_and_weight_in_the_consensus():
    card = _agreeing([("Alpha", "100", 100, "exact"), ("Beta", "100", 100, "exact"), ("Gamma", "160", 160, "exact")])
    assert card.consensus["consensus"].tolist() == [100.0]
    assert value(card, "Gamma", "agreement") == 0.0  # 60% off with a tolerance of 50%
    assert value(card, "Alpha", "agreement") == value(card, "Beta", "agreement") == 1.0
    assert value(card, "Gamma", "consensus_weight") < value(card, "Alpha", "consensus_weight") == 1.0


@pytest.mark.parametrize("tolerance, effect", [(0.5, 0.0), (1.0, 0.4), (2.0, 0.7)])  # Gamma is 60% off
def test_agreement_falls_linearly_with_the_relative_error(tolerance, effect):
    card = _agreeing([("Alpha", "100", 100, "exact"), ("Beta", "100", 100, "exact"), ("Gamma", "160", 160, "exact")],
                     agreement_tolerance=tolerance)
    assert value(card, "Gamma", "agreement") == pytest.approx(effect)


def test_two_outlets_that_disagree_meet_halfway_and_score_alike():
    card = _agreeing([("Alpha", "61", 61, "exact"), ("Beta", "63", 63, "exact")])
    assert card.consensus["consensus"].tolist() == [62.0]
    assert value(card, "Alpha", "agreement") == value(card, "Beta", "agreement") < 1.0
    alpha = rows(card, "agreement", "Alpha").iloc[0]
    assert (alpha["other_outlet"], alpha["other_text"]) == ("Beta", "63")


@pytest.mark.parametrize("phrase, number, hedge, other, effect", [
    ("nearly 5,000", 5000, "nearly", 4800, 1.0),       # 4,800 lies in nearly 5,000 (4,500-5,000)
    ("more than 60", 60, "more_than", 63, 1.0),        # an open upper end holds any larger figure
    ("5,000", 5000, "exact", 4800, None),              # two exact figures 200 apart disagree
])
def test_hedged_figures_are_intervals(phrase, number, hedge, other, effect):
    card = _agreeing([("Alpha", phrase, number, hedge), ("Beta", f"{other:,}", other, "exact")])
    if effect is None:
        assert value(card, "Alpha", "agreement") < 1.0
    else:
        assert value(card, "Alpha", "agreement") == value(card, "Beta", "agreement") == effect


@pytest.mark.parametrize("rule, consensus", [("crh", 100.0), ("median", 100.0), ("conservative", 90.0)])
def test_consensus_rules(rule, consensus):
    card = _agreeing([("Alpha", "100", 100, "exact"), ("Beta", "100", 100, "exact"), ("Gamma", "90", 90, "exact")],
                     consensus=rule)
    assert card.consensus["consensus"].tolist() == [consensus]
    assert set(card.consensus["rule"]) == {rule}


def test_undated_figures_and_figures_of_one_outlet_are_not_compared():
    a = doc("The ministry said 100 people were killed. The ministry said 30 soldiers died.", "Alpha")
    b = doc("The ministry said 150 people were killed.", "Beta")
    card = score([a, b], [claim(a, "100", as_of=None), claim(b, "150", as_of=None),
                          claim(a, "30", victims="military")])
    assert rows(card, "agreement").empty and card.consensus.empty
    assert pd.isna(value(card, "Alpha", "agreement")) and value(card, "Alpha", "n_agreement") == 0


def test_outlets_that_copy_each_other_count_once_in_the_consensus():
    wire = "The ministry said on Tuesday that 100 people had been killed in heavy fighting near the border town."
    a = doc(wire, "Alpha", "2020-10-21")
    b = doc(wire, "Beta", "2020-10-22")  # repeats Alpha's wording
    c = doc("Officials counted 130 dead.", "Gamma", "2020-10-22")
    claims = [claim(a, "100"), claim(b, "100"), claim(c, "130")]
    copied = score([a, b, c], claims, consensus="median")
    assert copied.consensus["consensus"].tolist() == [115.0]  # Alpha and Beta share one vote against Gamma's
    own_words = doc("Officials said 100 people were killed.", "Beta", "2020-10-22")
    independent = score([a, own_words, c], [claims[0], claim(own_words, "100"), claims[2]], consensus="median")
    assert independent.consensus["consensus"].tolist() == [100.0]


# ------------------------------------------------------------------------------ fidelity
ALLY = "Erdogan may look tough but he is a flexible politician and a reliable ally of Russia"
PARTNER = "Erdogan may look tough but he is a flexible politician and a reliable partner for Russia"


def _quoted(versions: list[tuple[str, str, str]], speakers: tuple[str, ...] = ()) -> Scorecard:
    """``(outlet, published, quote)``: each outlet quotes Putin saying ``quote``."""
    docs, voices = [], []
    for i, (outlet, published, quote) in enumerate(versions):
        d = doc(f"Putin spoke on Thursday. \u201c{quote}\u201d he told reporters.", outlet, published, doc_id=f"d{i}")
        docs.append(d)
        speaker = speakers[i] if speakers else "putin"
        voices.append(voice(d, quote, speaker=speaker))
    return score(docs, voices=voices)


def test_the_same_words_in_two_outlets_are_faithful():
    card = _quoted([("Alpha", "2020-10-22", ALLY), ("Beta", "2020-10-23", ALLY)])
    assert rows(card, "fidelity")["effect"].tolist() == [1.0, 1.0]


def test_an_altered_quotation_is_shown_against_the_other_version():
    card = _quoted([("Alpha", "2020-10-22", ALLY), ("Beta", "2020-10-23", PARTNER)])
    alpha = rows(card, "fidelity", "Alpha").iloc[0]
    assert alpha["text"] == ALLY and alpha["other_text"] == PARTNER and alpha["other_outlet"] == "Beta"
    assert alpha["effect"] == pytest.approx(14 / 16)  # "ally of" -> "partner for": 14 of 16 words kept
    assert value(card, "Alpha", "fidelity") == value(card, "Beta", "fidelity")  # who altered it is unknown


def test_with_three_versions_the_odd_one_scores_lowest():
    card = _quoted([("Alpha", "2020-10-22", ALLY), ("Beta", "2020-10-22", ALLY), ("Gamma", "2020-10-23", PARTNER)])
    assert value(card, "Gamma", "fidelity") < value(card, "Alpha", "fidelity") == value(card, "Beta", "fidelity")


def test_quoting_part_of_a_statement_is_faithful():
    card = _quoted([("Alpha", "2020-10-22", ALLY), ("Beta", "2020-10-22", "a flexible politician and a reliable ally")])
    assert rows(card, "fidelity")["effect"].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("versions, speakers", [
    ([("Alpha", "2020-10-22", ALLY), ("Beta", "2020-10-23", ALLY)], ("putin", "lavrov")),  # another speaker
    ([("Alpha", "2020-10-01", ALLY), ("Beta", "2020-10-23", ALLY)], ()),  # another occasion
    ([("Alpha", "2020-10-22", ALLY), ("Beta", "2020-10-22", "We will never accept a military solution here")], ()),
])
def test_quotations_of_other_speakers_occasions_or_statements_are_not_versions(versions, speakers):
    card = _quoted(versions, speakers)
    assert rows(card, "fidelity").empty
    assert value(card, "Alpha", "n_fidelity") == 0 and pd.isna(value(card, "Alpha", "fidelity"))


@pytest.mark.parametrize("quote, garbled", [
    ("Two on both sides, more than two thousand \u2026", "breaks off with an ellipsis"),
    ("More than two thousand from each side, on both sides", "without a verb"),
    ("There are more than two thousand dead on each side", ""),
])
def test_a_garbled_quotation_is_flagged(quote, garbled):
    d = doc(f"Putin spoke on Thursday. \u201c{quote}\u201d", "Alpha")
    card = score([d], voices=[voice(d, quote)])
    flags = rows(card, "fidelity")
    if garbled:
        assert flags["check"].tolist() == ["garbled_quote"] and garbled in flags.iloc[0]["found"]
        assert value(card, "Alpha", "fidelity") == 0.0
    else:
        assert flags.empty


# ------------------------------------------------------------------------------ currency
@pytest.mark.parametrize("old_published, check", [
    ("2020-10-16", "current"),  # reported before the newer figure was published
    ("2020-10-18", "current"),  # the same day: not yet behind
    ("2020-10-25", "stale"),    # reported after the newer figure was out
])
def test_a_figure_is_stale_only_when_reported_after_a_newer_one_was_published(old_published, check):
    old = doc("The ministry said 542 soldiers were killed.", "Alpha", old_published)
    new = doc("The ministry said 874 soldiers were killed.", "Beta", "2020-10-18")
    claims = [claim(old, "542", as_of="2020-10-13"), claim(new, "874", as_of="2020-10-17")]
    card = score([old, new], claims)
    alpha = rows(card, "currency", "Alpha").iloc[0]
    assert alpha["check"] == check
    assert alpha["effect"] == (0.0 if check == "stale" else 1.0)
    assert (alpha["other_outlet"], alpha["other_text"]) == ("Beta", "874")
    assert rows(card, "currency", "Beta")["check"].tolist() == ["current"]


def test_a_source_with_one_date_gives_no_currency_evidence():
    d = doc("The ministry said 542 soldiers were killed.", "Alpha")
    card = score([d], [claim(d, "542")])
    assert value(card, "Alpha", "n_currency") == 0 and pd.isna(value(card, "Alpha", "currency"))


# ----------------------------------------------------------------------------- precision
@pytest.mark.parametrize("phrase, hedge, claimant, effect, check", [
    ("nearly 100", "nearly", "ministry", 1.0, "kept"),
    ("about 100", "about", "ministry", 0.5, "dropped"),   # hedge changed
    ("100", "exact", "ministry", 0.0, "dropped"),          # hedge dropped: stated as fact
    ("nearly 100", "nearly", "outlet", 1.0, "kept"),       # claimant dropped: an attribution loss only
])
def test_precision_penalises_dropped_hedges(phrase, hedge, claimant, effect, check):
    first = doc("The ministry said nearly 100 people were killed.", "Alpha", "2020-10-21")
    later = doc(f"Reports said {phrase} people were killed.", "Beta", "2020-10-22")
    claims = [claim(first, "nearly 100", 100, hedge="nearly"),
              claim(later, phrase, 100, hedge=hedge, claimant=claimant)]
    card = score([first, later], claims)
    beta = rows(card, "precision", "Beta").iloc[0]
    assert (beta["effect"], beta["check"]) == (effect, check)
    assert (beta["other_outlet"], beta["other_text"]) == ("Alpha", "nearly 100")
    assert rows(card, "precision", "Alpha")["effect"].tolist() == [1.0]


def test_precision_penalties_are_parameters():
    first = doc("The ministry said nearly 100 people were killed.", "Alpha", "2020-10-21")
    later = doc("Reports said about 100 people were killed.", "Beta", "2020-10-22")
    claims = [claim(first, "nearly 100", 100, hedge="nearly"), claim(later, "about 100", 100, hedge="about")]
    card = score([first, later], claims, precision_penalties=(("hedge_changed", 0.2),))
    assert value(card, "Beta", "precision") == pytest.approx(0.8)


# --------------------------------------------------------------------------------- slips
@pytest.mark.parametrize("sentence, effect", [
    ("The fighting, which began on Sept. 27, has spread.", 1.0),
    ("The war erupted on September 28 after weeks of tension.", 0.0),
    ("The war began on September 27, 2021 in the hills.", 0.0),
    ("The first war ended in 1994 with a ceasefire.", 1.0),
    ("The first war ended in May 1994 with a ceasefire.", 1.0),
    ("The first war ended in 1992 with a ceasefire.", 0.0),
    ("The region lies in the Balkans, officials claim.", 0.0),
])
def test_statements_about_reference_facts_agree_or_contradict(sentence, effect):
    d = doc(sentence, "Alpha", "2020-10-15")
    facts = rows(score([d]), "slips")
    facts = facts[facts["check"] == "fact"]
    assert facts["effect"].tolist() == [effect]
    assert d.raw[facts.iloc[0]["start"]:facts.iloc[0]["end"]] == facts.iloc[0]["text"]


@pytest.mark.parametrize("sentence, check", [
    ("Prime Minister Nikol Pashinyan spoke.", "correct_name"),
    ("Prime Minister Nikol Pishnian spoke.", "misspelt_name"),
    ("Armenians voted and Armenia waited.", "correct_name"),  # a derived form is no misspelling
])
def test_names_linked_only_by_the_fuzzy_matcher_are_misspelt(sentence, check):
    card = score([doc(sentence, "Alpha")])
    names = rows(card, "slips")
    assert names["check"].tolist() == [check]
    assert names["effect"].tolist() == [0.0 if check == "misspelt_name" else 1.0]


def test_slips_score_is_the_share_of_checks_passed():
    d = doc("Nikol Pishnian met officials in Armenia. The war erupted on September 28.", "Alpha", "2020-10-15")
    card = score([d])
    assert value(card, "Alpha", "slips") == pytest.approx(1 / 3)
    assert value(card, "Alpha", "n_slips") == 3


@pytest.mark.parametrize("fact, problem", [
    ({"id": "f", "fact": "x", "value": "2020-09-27", "patterns": ["/(?P<value>[/"]}, "not a valid regular expression"),
    ({"id": "f", "fact": "x", "value": "2020-09-27", "patterns": ["/began on (\\d+)/"]}, "named group"),
    ({"id": "f", "fact": "x", "value": "late 2020", "patterns": ["/(?P<value>\\d{4})/"]}, "not an ISO date"),
    ({"id": "f", "fact": "x"}, "patterns"),
    ({"fact": "x", "contradicted_by": ["y"]}, "needs an 'id'"),
])
def test_bad_reference_facts_name_the_file_and_the_fact(fact, problem):
    data = {k: v for k, v in PROFILE.sections.items() if k != "reference_facts"}
    prof = profile_from_dict({**data, "reference_facts": [fact]}, source="my_profile.yaml")
    with pytest.raises(ValueError, match=f"my_profile.yaml.*{re.escape(problem)}"):
        reference_facts(prof)


def test_the_bundled_profile_has_reference_facts(profile):
    facts = reference_facts(profile)
    assert {"nk_2020_start", "nk_1988_1994_end"} <= {f.id for f in facts}


# --------------------------------------------------------------------------------- reuse
WIRE = "The ministry said 42 civilians had been killed and 206 wounded since the fighting erupted last month."


@pytest.mark.parametrize("dates, beta_effect, alpha_effect", [
    (("2020-10-15", "2020-10-20"), 0.0, None),  # Beta repeats Alpha's earlier sentence
    (("2020-10-20", "2020-10-20"), 0.5, 0.5),   # the same day: who came first is unknown
])
def test_reuse_lowers_the_later_outlet(dates, beta_effect, alpha_effect):
    a = doc(f"{WIRE} Talks are planned for next week.", "Alpha", dates[0])
    b = doc(f"{WIRE} Residents have left the villages. Aid groups called for a pause.", "Beta", dates[1])
    card = score([a, b])
    beta = rows(card, "reuse", "Beta")
    assert beta[beta["check"] == "reused"]["effect"].tolist() == [beta_effect]
    assert beta[beta["check"] == "reused"]["other_outlet"].tolist() == ["Alpha"]
    assert value(card, "Beta", "reuse") == pytest.approx((2 + beta_effect) / 3)
    alpha_reused = rows(card, "reuse", "Alpha").query("check == 'reused'")
    if alpha_effect is None:  # the earlier side is shown, not counted
        assert alpha_reused["weight"].tolist() == [0.0] and value(card, "Alpha", "reuse") == 1.0
    else:
        assert alpha_reused["effect"].tolist() == [alpha_effect]


# -------------------------------------------------------------------------- outlet prior
@pytest.mark.parametrize("params, prior, enters", [
    ({}, 0.3, False),                                            # from the note, weight 0
    ({"outlet_prior_weight": 1.0}, 0.3, True),
    ({"outlet_prior_weight": 1.0, "outlet_priors": {"State TV": 0.9}}, 0.9, True),
    ({"note_priors": ()}, float("nan"), False),                  # no prior: no evidence, NA
])
def test_the_outlet_prior_is_shown_and_enters_only_with_a_weight(params, prior, enters):
    d = doc("The ministry said 12 people were killed.", "State TV")
    card = score([d], [claim(d, "12")], **params)
    assert value(card, "State TV", "outlet_prior") == pytest.approx(prior, nan_ok=True)
    assert value(card, "State TV", "outlet_note") == NOTES["State TV"]
    evidence = [c for c in COMPONENTS if c != "outlet_prior"]
    present = [value(card, "State TV", c) for c in evidence if pd.notna(value(card, "State TV", c))]
    without_prior = sum(present) / len(present)
    assert (value(card, "State TV", "overall") != pytest.approx(without_prior)) is enters


# -------------------------------------------------------------------- scores and tables
def _small_corpus():
    a = doc(f"{WIRE} Nikol Pishnian spoke.", "Alpha", "2020-10-20")
    b = doc("The ministry said 50 civilians were killed.", "Beta", "2020-10-21")
    return [a, b], [claim(a, "42"), claim(b, "50", attribution="unattributed")]


@pytest.mark.parametrize("corpus", ["one outlet, no claims", "one outlet", "two outlets"])
def test_every_score_is_defined_and_every_table_documented(corpus):
    docs, claims = _small_corpus()
    if corpus == "one outlet, no claims":
        docs, claims = docs[:1], []
    elif corpus == "one outlet":
        docs, claims = docs[:1], claims[:1]
    card = score(docs, claims)
    assert len(card.scores) == len(docs)
    # a component is a score or, without evidence, NA (never a made-up middle value)
    for c in COMPONENTS:
        empty = card.scores[c].isna()
        assert (card.scores.loc[empty, f"n_{c}"] == 0).all() if c != "outlet_prior" else True
        assert card.scores.loc[empty, f"{c}_low"].isna().all()
    for name in TABLES:
        assert schema.validate(getattr(card, name), f"reliability_{name}" if name in ("scores", "evidence", "consensus")
                               else f"reuse_{'passages' if name == 'reuse' else 'map'}") == []
        assert "params" in getattr(card, name).attrs


def test_a_component_without_evidence_is_neutral_with_n_0():
    docs, claims = _small_corpus()
    card = score(docs[:1], claims[:1], neutral=0.4)
    assert value(card, "Alpha", "agreement") == 0.4 and value(card, "Alpha", "n_agreement") == 0


def test_every_evidence_span_gives_back_its_text():
    docs, claims = _small_corpus()
    card = score(docs, claims)
    raw = {d.doc_id: d.raw for d in docs}
    spans = card.evidence[card.evidence["start"].notna()]
    assert len(spans) > 0
    for r in spans.itertuples():
        assert raw[r.doc_id][r.start:r.end] == r.text
    others = card.evidence[card.evidence["other_start"].notna()]
    for r in others.itertuples():
        assert raw[r.other_doc_id][r.other_start:r.other_end] == r.other_text


def test_the_overall_score_is_the_weighted_mean_of_the_components_and_carries_the_weights():
    docs, claims = _small_corpus()
    weights = {"attribution": 3, "slips": 0}
    card = score(docs, claims, weights=weights)
    w = {c: 1.0 for c in COMPONENTS if c != "outlet_prior"} | {k: float(v) for k, v in weights.items()}
    for r in card.scores.itertuples():
        present = {c: v for c, v in w.items() if pd.notna(getattr(r, c))}  # NA components are left out
        expected = sum(getattr(r, c) * v for c, v in present.items()) / sum(present.values())
        assert r.overall == pytest.approx(expected)
        assert {c: getattr(r, f"weight_{c}") for c in w} == w and r.weight_outlet_prior == 0.0


def test_reweighting_changes_the_ranking_without_recomputing_the_evidence():
    docs, claims = _small_corpus()
    card = score(docs, claims)
    by_attribution = card.reweight({c: 0 for c in COMPONENTS if c not in ("attribution", "outlet_prior")})
    assert by_attribution["outlet"].tolist()[0] == "Alpha"  # attributes its figure; Beta does not
    by_slips = card.reweight({c: 0 for c in COMPONENTS if c not in ("slips", "outlet_prior")})
    slips = by_slips.set_index("outlet")["overall"]
    assert slips["Alpha"] < 1 and (pd.isna(slips["Beta"]) or slips["Beta"] > slips["Alpha"])  # Alpha misspells a name
    assert by_slips["weight_slips"].tolist() == [1.0, 1.0]


def test_the_exported_csv_carries_components_and_weights(tmp_path):
    docs, claims = _small_corpus()
    written = score(docs, claims).write(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"reliability_{t}.csv" for t in TABLES)
    exported = pd.read_csv(tmp_path / "reliability_scores.csv")
    assert {*COMPONENTS, *(f"weight_{c}" for c in COMPONENTS), *(f"n_{c}" for c in COMPONENTS)} <= set(exported)


def test_weight_sensitivity_recomputes_the_ranking_per_weight():
    docs, claims = _small_corpus()
    card = score(docs, claims)
    table = weight_sensitivity(card, factors=(0, 1, 10))
    assert schema.validate(table, "reliability_sensitivity") == []
    base = table[table["component"] == "base"]
    assert (base["rank"] == base["base_rank"]).all()
    attribution_x10 = table[(table["component"] == "attribution") & (table["factor"] == 10)].set_index("outlet")
    assert attribution_x10.loc["Alpha", "rank"] == 1 and attribution_x10.loc["Alpha", "weight"] == 10.0
    assert (table["rank_change"] == table["base_rank"] - table["rank"]).all()
    prior = table[(table["component"] == "outlet_prior") & (table["factor"] == 10)]
    assert (prior["weight"] > 0).all()  # a weight of 0 is tried at a multiple of the mean weight


def test_the_plots_draw_the_scorecard_reuse_map_and_sensitivity():
    a = doc(f"{WIRE} Talks are planned.", "Alpha", "2020-10-15")
    b = doc(f"{WIRE} Aid groups called for a pause.", "Beta", "2020-10-20")
    card = score([a, b])
    ax = plots.plot_scorecard(card.scores)
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"{r.rank}. {r.outlet}" for r in card.scores.itertuples()]
    ax = plots.plot_reuse_map(card.reuse_map, outlets=card.scores["outlet"])
    assert len(ax.patches) == 1  # one arrow, Alpha -> Beta
    ax = plots.plot_weight_sensitivity(weight_sensitivity(card))
    assert len(ax.get_legend().get_texts()) == 2


@pytest.mark.parametrize("params, message", [
    ({"weights": {"outlet_prior": 1}}, "outlet_prior_weight"),
    ({"weights": {"speed": 1}}, "unknown component"),
    ({"weights": {"attribution": -1}}, "negative"),
    ({"weights": {c: 0 for c in COMPONENTS if c != "outlet_prior"}}, "at least one weight"),
    ({"consensus": "mean"}, "consensus"),
    ({"outlet_priors": {"Alpha": 2}}, "outlet_priors"),
    ({"precision_penalties": (("lost_word", 1),)}, "lost_word"),
])
def test_bad_params_are_refused_with_a_clear_message(params, message):
    with pytest.raises(ValueError, match=message):
        ReliabilityParams(**params)


def test_claims_of_documents_outside_the_corpus_are_refused():
    a, b = _small_corpus()[0]
    with pytest.raises(ValueError, match="not in the corpus"):
        score([a], [claim(b, "50")])


# ------------------------------------------------------------- the "done when"
@pytest.fixture(scope="module")
def bundled(corpus):
    from kargraph.claims import extract_claims

    return score_sources(corpus, extract_claims(corpus))


def _find(card: Scorecard, outlet: str, component: str, text: str) -> pd.DataFrame:
    found = card.behind(outlet, component)
    return found[found["text"].fillna("").str.contains(text, regex=False)]


def test_done_when_scopic_world_is_flagged_for_the_garbled_quote_and_pishnian(bundled):
    garbled = _find(bundled, "Scopic World", "fidelity", "Two on both sides, more than two thousand")
    assert "garbled_quote" in set(garbled["check"]) and garbled["is_flag"].all()
    misspelt = _find(bundled, "Scopic World", "slips", "Pishnian")
    assert misspelt["check"].tolist() == ["misspelt_name"] and misspelt["is_flag"].all()


def test_done_when_the_erdogan_quote_is_shown_against_cgtns_version(bundled):
    ally = _find(bundled, "Scopic World", "fidelity", "a reliable ally of Russia")
    assert ally["other_outlet"].tolist() == ["CGTN"]
    assert "reliable partner for Russia" in ally["other_text"].iloc[0]


def test_done_when_the_wire_wording_of_cgtn_and_press_tv_shows_under_reuse(bundled):
    reused = _find(bundled, "CGTN", "reuse", "nearly 5,000 people had been killed in fighting between Azerbaijan and")
    assert reused["other_outlet"].tolist() == ["Press TV"]
    assert "killed in fighting between Azerbaijan and Armenian forces" in reused["other_text"].iloc[0]


def test_done_when_cgtns_63_is_set_against_scopic_worlds_61(bundled):
    cgtn = bundled.behind("CGTN", "agreement").query("text == '63'")
    assert (cgtn["other_outlet"].tolist(), cgtn["other_text"].tolist()) == (["Scopic World"], ["61"])
    scopic = bundled.behind("Scopic World", "agreement").query("text == '61'")
    assert scopic["other_text"].tolist() == ["63"]


def test_done_when_ahvals_542_is_not_stale(bundled):
    row = bundled.behind("Ahval", "currency").query("text == '542'")
    assert row["check"].tolist() == ["current"] and row["effect"].tolist() == [1.0]
