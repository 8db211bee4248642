"""Near-duplicate sentences between outlets, on short constructed articles whose answer is known."""
from __future__ import annotations

import pytest

from kargraph import schema
from kargraph.corpus import document_from_text
from kargraph.reuse import NAME, NUMBER, ReuseParams, find_reuse, quotation_spans, reuse_map, tokens

WIRE = "The ministry said 42 civilians had been killed and 206 wounded since the fighting erupted last month."
FILLER = ["Talks are planned for next week in a neutral capital.",
          "Residents of the border villages have left their homes.",
          "The government has not disclosed its military losses.",
          "Aid groups called for a pause to evacuate the wounded."]


def doc(text: str, outlet: str, published: str | None = "2020-10-22", doc_id: str | None = None):
    return document_from_text(text, doc_id=doc_id or outlet.lower().replace(" ", "_"), outlet=outlet,
                              published=published)


def pairs(*docs, **params):
    return find_reuse(docs, params=ReuseParams(**params))


# ---------------------------------------------------------------------------------- tokens
@pytest.mark.parametrize("text, expected", [
    ("killed in fighting between Azerbaijan and ethnic Armenian forces",
     ["killed", "in", "fighting", "between", NAME, "and", "ethnic", NAME, "forces"]),
    ("the Organization for Security and Cooperation in Europe", ["the", NAME, "for", NAME, "and", NAME, "in", NAME]),
    ("Vladimir Putin said 5,000 people died", [NAME, "said", NUMBER, "people", "died"]),
    ("Nagorno-Karabakh's officials", [NAME, "officials"]),
])
def test_tokens_mask_names_and_numbers(text, expected):
    assert [t.text for run in tokens(text) for t in run] == expected


def test_quoted_words_break_the_token_runs_and_are_left_out():
    runs = tokens('He said "we will never give up the fight" and left the room.')
    assert [[t.text for t in run] for run in runs] == [["he", "said"], ["and", "left", "the", "room"]]


def test_token_spans_point_into_the_text_with_the_offset():
    text = "Azerbaijan said 63 Azeri civilians had been killed."
    for run in tokens(text, offset=100):
        for t in run:
            assert text[t.start - 100:t.end - 100].strip()


@pytest.mark.parametrize("text, quoted", [
    ('He said "we will win" today.', ["we will win"]),
    ("He said \u201cwe will win,\u201d and left.", ["we will win,"]),
    ("\u201cTwo on both sides, more than two thousand \u2026\u201d",
     ["Two on both sides, more than two thousand \u2026"]),
    ('"An opened quote that never closes', ["An opened quote that never closes"]),
    ("It's the people's choice, isn't it?", []),
    ("\u00abNous vaincrons\u00bb, a-t-il dit.", ["Nous vaincrons"]),
])
def test_quotation_spans_cover_the_words_inside_the_marks(text, quoted):
    assert [text[a:b] for a, b in quotation_spans(text)] == quoted


# ----------------------------------------------------------------------------------- pairs
def test_a_later_article_repeating_a_sentence_is_paired_with_the_earlier_one():
    early = doc(f"{WIRE} {FILLER[0]}", "Wire Daily", "2020-10-15")
    late = doc(f"{FILLER[1]} {WIRE}", "Echo News", "2020-10-20")
    found = pairs(early, late)
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["outlet"], row["other_outlet"], row["direction"]) == ("Echo News", "Wire Daily", "later")
    assert late.raw[row["start"]:row["end"]] == WIRE
    assert early.raw[row["other_start"]:row["other_end"]] == WIRE
    assert late.raw[row["match_start"]:row["match_end"]] == row["shared"] == WIRE[:-1]
    assert row["aligned_share"] == 1.0
    assert schema.validate(found, "reuse_passages") == []


@pytest.mark.parametrize("dates, direction", [
    (("2020-10-15", "2020-10-20"), "later"),
    (("2020-10-20", "2020-10-15"), "later"),
    (("2020-10-20", "2020-10-20"), "same_day"),
    ((None, "2020-10-20"), "undated"),
])
def test_direction_is_told_only_when_the_dates_differ(dates, direction):
    a = doc(WIRE, "Alpha", dates[0])
    b = doc(WIRE, "Beta", dates[1])
    row = pairs(a, b).iloc[0]
    assert row["direction"] == direction
    if direction == "later":
        later = "Alpha" if dates[0] > dates[1] else "Beta"
        assert row["outlet"] == later


def test_a_wire_sentence_updated_with_new_figures_is_still_reuse():
    a = doc("Azerbaijan said 42 Azeri civilians had been killed and 206 wounded since the fighting erupted.",
            "Alpha", "2020-10-15")
    b = doc("While Azerbaijan told 63 Azeri civilians had been killed and 293 wounded.", "Beta", "2020-10-23")
    assert pairs(a, b)["shared"].tolist() == ["63 Azeri civilians had been killed and 293 wounded"]


@pytest.mark.parametrize("text_a, text_b", [
    # the same speech quoted by two outlets: the speaker's words, not each other's
    ('Putin said: "We very much hope that our partners will act in unison with us and help the settlement."',
     'Speaking on Thursday, the president added: "We very much hope that our partners will act in unison '
     'with us and help the settlement."'),
    # the same long name
    ("Both belong to the Organization for Security and Cooperation in Europe (OSCE).",
     "Talks were held at the Organization for Security and Cooperation in Europe on Friday."),
    # the same fact in different words
    ("Azerbaijan says 61 civilians have been killed.", "Baku reported that the civilian death toll rose to 61."),
])
def test_shared_quotes_names_and_facts_are_not_reuse(text_a, text_b):
    assert pairs(doc(text_a, "Alpha", "2020-10-15"), doc(text_b, "Beta", "2020-10-16")).empty


def test_articles_of_one_outlet_are_paired_only_when_asked():
    a = doc(WIRE, "Alpha", "2020-10-15", doc_id="a1")
    b = doc(WIRE, "Alpha", "2020-10-16", doc_id="a2")
    assert pairs(a, b).empty
    assert len(pairs(a, b, same_outlet=True)) == 1


@pytest.mark.parametrize("params, n_pairs", [
    ({}, 1),
    ({"min_shared_shingles": 50}, 0),
    ({"min_aligned_share": 1.0}, 0),
])
def test_thresholds_decide_what_counts_as_a_pair(params, n_pairs):
    a = doc(WIRE, "Alpha", "2020-10-15")
    b = doc("Officials said on Monday that 42 civilians had been killed and 206 wounded since the fighting "
            "erupted in late September near the border.", "Beta", "2020-10-16")
    assert len(pairs(a, b, **params)) == n_pairs


# ------------------------------------------------------------------------------------- map
@pytest.mark.parametrize("n_copied, derivative", [(3, True), (1, False)])
def test_an_outlet_repeating_much_of_an_earlier_article_is_derivative(n_copied, derivative):
    sentences = [WIRE, "Rescue teams pulled four people from the rubble of a collapsed apartment block overnight.",
                 "The defence ministry accused the other side of shelling residential areas of the town."]
    early = doc(" ".join(sentences), "Wire Daily", "2020-10-15")
    late = doc(" ".join(sentences[:n_copied] + FILLER), "Echo News", "2020-10-16")
    found = pairs(early, late)
    table = reuse_map(found, [early, late])
    row = table.iloc[0]
    assert (row["outlet"], row["other_outlet"], row["n_passages"]) == ("Echo News", "Wire Daily", n_copied)
    assert row["max_share"] == pytest.approx(n_copied / (n_copied + len(FILLER)))
    assert bool(row["is_derivative"]) is derivative
    assert schema.validate(table, "reuse_map") == []


def test_reuse_on_the_same_day_appears_for_both_outlets_and_makes_neither_derivative():
    a = doc(WIRE, "Alpha")
    b = doc(WIRE, "Beta")
    table = reuse_map(pairs(a, b), [a, b])
    assert sorted(zip(table["outlet"], table["other_outlet"])) == [("Alpha", "Beta"), ("Beta", "Alpha")]
    assert set(table["direction"]) == {"same_day"} and not table["is_derivative"].any()


def test_pairs_of_mixed_direction_are_mixed_and_only_later_ones_make_a_derivative():
    second = "Rescue teams pulled four people from the rubble of a collapsed apartment block overnight."
    early = doc(WIRE, "Alpha", "2020-10-15", doc_id="a1")
    same_day = doc(second, "Alpha", "2020-10-20", doc_id="a2")
    late = doc(f"{WIRE} {second}", "Beta", "2020-10-20")
    table = reuse_map(pairs(early, same_day, late), [early, same_day, late], params=ReuseParams(derivative_share=0.5))
    beta = table.set_index("outlet").loc["Beta"]
    assert (beta["direction"], beta["n_passages"], bool(beta["is_derivative"])) == ("mixed", 2, True)
    alpha = table.set_index("outlet").loc["Alpha"]  # Alpha's same-day article is no copy of Beta's
    assert (alpha["direction"], bool(alpha["is_derivative"])) == ("same_day", False)


def test_no_reuse_gives_empty_documented_tables():
    a, b = doc(FILLER[0], "Alpha"), doc(FILLER[1], "Beta")
    found = pairs(a, b)
    assert found.empty and schema.validate(found, "reuse_passages") == []
    assert reuse_map(found, [a, b]).empty


@pytest.mark.parametrize("params", [{"shingle_words": 0}, {"min_aligned_share": 1.5}, {"derivative_share": -0.1},
                                    {"min_content_words": 9}])
def test_bad_params_are_refused_with_their_name(params):
    with pytest.raises(ValueError, match=list(params)[0]):
        ReuseParams(**params)
