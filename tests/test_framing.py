"""Narrative framing: labels, voices, agency, frames, distinctive words, casualty framing.

Each measure is checked on short constructed texts whose right answer is known; the
bundled corpus is used only for the issue's "done when" checks at the end.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest
import yaml

from kargraph import schema
from kargraph._nlp import get_nlp
from kargraph.corpus import document_from_text
from kargraph.framing import (FramingParams, casualty_framing, distinctive_words, frame_profile, label_summary,
                              summarise_casualty_framing, voice_shares, word_sentences)
from kargraph.profile import load_profile


def doc(text: str, *, outlet: str = "Test Wire", doc_id: str = "d1", published: str = "2020-10-22"):
    return document_from_text(text, doc_id=doc_id, outlet=outlet, published=published)


def profile_of(text: str, *, outlet: str = "Test Wire", **params):
    return frame_profile([doc(text, outlet=outlet)], params=FramingParams(**params))


def one(df: pd.DataFrame, **where) -> pd.Series:
    for column, value in where.items():
        df = df[df[column] == value]
    assert len(df) == 1, f"expected one row for {where}, got {len(df)}"
    return df.iloc[0]


# ------------------------------------------------------------------------- shared loader

def test_get_nlp_loads_the_model_once_per_process():
    assert get_nlp() is get_nlp()
    assert "ner" not in get_nlp(disable=("ner",)).pipe_names


# -------------------------------------------------------------------------------- labels

@pytest.mark.parametrize("sentence, referent, label, lean", [
    ("The Armenian separatists fired first.", "karabakh_armenian_side", "Armenian separatists", "azerbaijani"),
    ("Ethnic Armenian forces held the line.", "karabakh_armenian_side", "ethnic Armenian forces", "neutral"),
    ("Self-proclaimed officials in the region reported losses.", "karabakh_armenian_side",
     "self-proclaimed officials", "azerbaijani"),
    ("Artsakh authorities reported losses.", "karabakh_armenian_side", "Artsakh", "armenian"),
    ("The area is internationally recognized as part of Azerbaijan.", "territory",
     "internationally recognized as part of Azerbaijan", "azerbaijani"),
    ("Troops entered the majority-Armenian enclave.", "territory", "majority-Armenian", "armenian"),
    ("Azerbaijan launched a counter-offensive.", "fighting", "counter-offensive", "azerbaijani"),
])
def test_labels_name_the_referent_and_the_side_the_label_favours(sentence, referent, label, lean):
    labels = profile_of(sentence).labels
    row = one(labels, label=label)
    assert (row["referent"], row["lean"]) == (referent, lean)


def test_the_longest_label_wins_and_spans_give_the_words_back():
    d = doc("The Armenian separatists and the separatists of old met.")
    labels = frame_profile([d]).labels
    assert list(labels["label"]) == ["Armenian separatists", "separatists"]
    for r in labels.itertuples():
        assert d.raw[r.match_start:r.match_end] == r.matched
        assert d.raw[r.start:r.end] == r.text


@pytest.mark.parametrize("towards, lean", [("armenian", -2 / 3), ("azerbaijani", 2 / 3)])
def test_lean_score_counts_labels_for_and_against_a_side(towards, lean):
    text = "The separatists fired. The secessionists fired again. Ethnic Armenian forces withdrew."
    result = profile_of(text, lean_towards=towards)
    row = one(result.label_summary, referent="karabakh_armenian_side")
    assert (row["n_labels"], row["n_neutral"], row["lean_towards"]) == (3, 1, towards)
    assert row["lean"] == pytest.approx(lean)


def test_lean_towards_must_be_a_side_of_the_profile():
    with pytest.raises(ValueError, match="not a side"):
        label_summary(pd.DataFrame(columns=["outlet", "referent"]), params=FramingParams(lean_towards="martian"))


# -------------------------------------------------------------------------------- frames

@pytest.mark.parametrize("sentence, frame, term", [
    ("Negotiations resumed in Geneva.", "diplomacy", "negotiations"),
    ("Oil prices rose sharply.", "economic", "oil"),
    ("Refugees fled their homes.", "humanitarian", "refugees"),
    ("The Soviet Union collapsed in 1991.", "history", "soviet"),
    ("Baku blamed Yerevan for the shelling.", "responsibility", "blamed"),
    ("Artillery pounded the front line.", "conflict", "artillery"),
])
def test_frames_come_from_the_profile_dictionary_with_matched_terms(sentence, frame, term):
    frames = profile_of(sentence).frames
    assert term in one(frames, frame=frame)["terms"].split("; ")


def test_frame_shares_divide_by_the_outlets_article_sentences_and_list_every_frame():
    result = profile_of("Oil prices rose. The weather was mild. The market was calm today. Nothing happened.")
    shares = result.frame_shares
    assert set(shares["frame"]) == set(load_profile().section("frames"))
    economic = one(shares, frame="economic")
    assert (economic["n_sentences"], economic["n_outlet_sentences"]) == (2, 4)
    assert economic["share"] == pytest.approx(0.5)
    assert one(shares, frame="humanitarian")["share"] == 0


# ----------------------------------------------------------- lexicons live in the profile

def _extended_profile(tmp_path):
    data = yaml.safe_load(load_profile().source and open(load_profile().source, encoding="utf-8").read())
    data["labels"]["peacekeepers"] = {"name": "Russian troops after the truce", "labels": [
        {"label": "peacekeepers", "lean": "neutral", "patterns": ["peacekeepers"]},
        {"label": "occupation troops", "lean": "azerbaijani", "patterns": ["occupation troops"]},
    ]}
    data["frames"]["sport"] = {"name": "Sport", "terms": ["football", "match*"]}
    path = tmp_path / "extended.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_referent_and_a_frame_added_to_the_profile_file_are_picked_up(tmp_path):
    path = _extended_profile(tmp_path)
    result = frame_profile([doc("Occupation troops watched the football matches.")], profile=str(path))
    assert one(result.labels, referent="peacekeepers")["label"] == "occupation troops"
    assert one(result.frames, frame="sport")["terms"] == "football; matches"
    assert one(result.label_summary, referent="peacekeepers")["lean"] == -1


@pytest.mark.parametrize("change, message", [
    (lambda d: d["labels"]["territory"]["labels"][0].update(lean="martian"), "neither 'neutral' nor a side"),
    (lambda d: d.pop("frames"), "no 'frames' section"),
    (lambda d: d["frames"]["conflict"].update(terms=["/(unclosed/"]), "not a valid pattern"),
    (lambda d: d["agency"]["actions"]["kill"].update(role="murderous"), "needs 'verbs' and a role"),
])
def test_a_broken_profile_section_is_reported_with_the_file_name(tmp_path, change, message):
    data = yaml.safe_load(open(load_profile().source, encoding="utf-8").read())
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        frame_profile([doc("Nothing.")], profile=str(path))
    assert "broken.yaml" in str(err.value)


# -------------------------------------------------------------------------------- voices

@pytest.mark.parametrize("text, speaker_key, kind, method", [
    ('"We will never give up our land," Pashinyan said.', "pashinyan", "direct_quote", "subject"),
    ('Peskov told reporters: "Russia wants a peaceful solution to this conflict."', "peskov", "direct_quote",
     "subject"),
    ("Aliyev said that the army had advanced ten kilometres.", "aliyev", "reported_speech", "subject"),
    ("According to the Red Cross, the shelling continued overnight.", "icrc", "according_to", "according_to"),
    ('"We are ready for talks and we want peace now." Lavrov said.', "lavrov", "direct_quote", "next_sentence"),
    ('Putin said many had died. "More than two thousand on each side, sadly."', "putin", "direct_quote",
     "previous_sentence"),
    ("Lavrov met Bayramov in Moscow. He said Russia would help both sides.", "lavrov", "reported_speech",
     "pronoun"),
    ("Jane Doe said the village was empty.", "jane doe", "reported_speech", "subject"),
])
def test_speakers_of_quotes_and_paraphrases(text, speaker_key, kind, method):
    voices = profile_of(text).voices
    row = voices.iloc[-1]
    assert (row["speaker_key"], row["kind"], row["speaker_method"]) == (speaker_key, kind, method)


def test_a_quote_over_two_sentences_is_one_voice_with_its_words():
    d = doc('"This is important. We must stop the war now," Macron said.')
    row = one(frame_profile([d]).voices, speaker_key="macron")
    assert (row["sentence"], row["last_sentence"], row["n_quoted_words"]) == (0, 1, 9)
    assert d.raw[row["start"]:row["end"]] == d.raw


def test_a_short_quoted_phrase_is_quoted_words_of_a_paraphrase_not_a_direct_quote():
    row = one(profile_of('Putin said he was in "constant contact" with both leaders.').voices, speaker_key="putin")
    assert (row["kind"], row["n_quoted_words"]) == ("reported_speech", 2)


@pytest.mark.parametrize("text, side", [
    ("Aliyev said the army had advanced.", "azerbaijani"),
    ("Pashinyan said the army had held.", "armenian"),
    ("Lavrov said both armies had to stop.", "neutral"),
    ("A farmer said the village was empty.", "unknown"),
])
def test_speakers_are_linked_to_their_side(text, side):
    assert profile_of(text).voices.iloc[0]["speaker_side"] == side


def test_voice_shares_per_speaker_and_per_side():
    text = ('"We will not give up a single village," Pashinyan said. Aliyev said the army advanced. '
            '"Our troops have liberated the town and the villages around it today," Aliyev said.')
    voices = profile_of(text).voices
    shares = voice_shares(voices)
    aliyev = one(shares, by="speaker", who="aliyev")
    assert (aliyev["n_voices"], aliyev["share_voices"], aliyev["rank"]) == (2, pytest.approx(2 / 3), 1)
    assert aliyev["n_words"] == voices.loc[voices["speaker_key"] == "aliyev", "n_words"].sum()
    sides = shares[shares["by"] == "side"]
    assert sides["share_words"].sum() == pytest.approx(1.0)
    assert set(sides["who"]) == {"armenian", "azerbaijani"}


# -------------------------------------------------------------------------------- agency

@pytest.mark.parametrize("text, verb, expected", [
    ("Civilians were killed by Armenian shelling.", "killed",
     dict(action="kill", voice="passive", agent="Armenian shelling", agent_side="armenian", patient="Civilians",
          stance="asserted", blamed_side="armenian", blamed_by="outlet")),
    ("Azerbaijani forces shelled the town.", "shelled",
     dict(action="shell", voice="active", agent_side="azerbaijani", patient="the town", stance="asserted")),
    ("Armenia did not attack the village.", "attack",
     dict(is_negated=True, agent_actor="armenia", blamed_side=None)),
    ("Azerbaijan said Armenia had fired missiles at Ganja.", "fired",
     dict(agent_actor="armenia", patient="Ganja", stance="attributed", attributed_actor="azerbaijan",
          blamed_side="armenian", blamed_by="azerbaijan")),
    ("Azerbaijan accused Armenia of launching rockets at Ganja.", "launching",
     dict(action="fire", agent_actor="armenia", patient="Ganja", stance="attributed",
          attributed_actor="azerbaijan")),
    ("Separatists sparked the war, Azerbaijan's Defence Ministry said.", "sparked",
     dict(action="provoke", agent_side="armenian", stance="attributed", attributed_actor="azerbaijan")),
    ("The Armenian separatists sparked a firefight by targeting Azeri forces.", "targeting",
     dict(agent_actor="karabakh_officials", patient_side="azerbaijani", stance="asserted", blamed_by="outlet")),
    ("According to AFP, Azerbaijani drones struck a convoy.", "struck",
     dict(action="attack", agent_side="azerbaijani", stance="attributed", attributed_actor="afp")),
    ('"Armenian forces attacked our villages," Aliyev said.', "attacked",
     dict(stance="attributed", attributed_actor="aliyev", blamed_by="aliyev")),
    ("Armenian forces reportedly attacked the town.", "attacked",
     dict(stance="attributed", attributed_to="reportedly")),
    ("Armenians invaded the region in 1992.", "invaded",
     dict(action="invade", agent_side="armenian", stance="asserted", blamed_side="armenian")),
])
def test_agency_triples(text, verb, expected):
    row = one(profile_of(text).agency, verb=verb)
    got = {k: (None if pd.isna(row[k]) else row[k]) for k in expected}
    assert got == expected


def test_a_phrasal_verb_is_not_its_bare_verb():
    assert profile_of("War broke out in 1992 and the region tried to break away.").agency.empty


@pytest.mark.parametrize("text, denied_verbs", [
    ("Azerbaijan accused Armenia of shelling Tartar. Armenia denies this.", {"accused", "shelling"}),
    ("Azerbaijan said Armenia had fired three missiles at Barda, which was denied by Armenia.", {"fired"}),
    ("Baku accused Yerevan of attacking Ganja, a charge it denies.", {"accused", "attacking"}),
])
def test_a_denial_marks_the_acts_it_points_back_to(text, denied_verbs):
    agency = profile_of(text).agency
    denial = one(agency, action="deny")
    assert denial["agent_actor"] == "armenia"
    denied = agency[agency["denied_by"].notna()]
    assert set(denied["verb"]) == denied_verbs
    assert set(denied["denied_by"]) == {"armenia"}


# ---------------------------------------------------------------- tables and provenance

CONSTRUCTED = ("Separatists shell Ganja as talks stall\n"
               "Armenian separatists shelled Ganja on Sunday, killing four civilians, Azerbaijan said.\n"
               '"We did not fire on any city," the Karabakh defence ministry said.\n'
               "Oil exports through the pipeline were halted. The enclave is disputed.")


@pytest.mark.parametrize("table, name", [
    ("labels", "framing_labels"), ("label_summary", "framing_label_summary"), ("voices", "framing_voices"),
    ("voice_shares", "framing_voice_shares"), ("agency", "framing_agency"), ("frames", "framing_frames"),
    ("frame_shares", "framing_frame_shares"),
])
def test_every_table_conforms_to_its_schema_and_records_its_parameters(table, name):
    params = FramingParams(min_quote_words=3)
    df = getattr(frame_profile([doc(CONSTRUCTED)], params=params), table)
    assert len(df) > 0
    assert schema.validate(df, name) == []
    assert df.attrs["params"]["min_quote_words"] == 3


@pytest.mark.parametrize("table", ["labels", "voices", "agency", "frames"])
def test_every_row_traces_to_its_sentences_in_the_raw_text(table):
    d = doc(CONSTRUCTED)
    df = getattr(frame_profile([d]), table)
    for r in df.itertuples():
        assert d.raw[r.start:r.end] == r.text
        assert d.sentence_at(r.start).index == r.sentence


def test_behind_lists_the_sentences_of_a_cell():
    result = frame_profile([doc(CONSTRUCTED, outlet="A"), doc("The enclave is calm.", outlet="B", doc_id="d2")])
    rows = result.behind("labels", outlet="A", referent="territory")
    assert list(rows.columns[:6]) == ["doc_id", "outlet", "sentence", "start", "end", "text"]
    assert list(rows["matched"]) == ["enclave", "disputed"]  # one row per label, with its sentence
    assert set(rows["text"]) == {"The enclave is disputed."}
    with pytest.raises(ValueError, match="no table"):
        result.behind("label_summary")


def test_outlets_parameter_keeps_only_those_outlets_and_rejects_unknown_ones():
    docs = [doc(CONSTRUCTED, outlet="A"), doc("The enclave is calm.", outlet="B", doc_id="d2")]
    assert set(frame_profile(docs, params=FramingParams(outlets=("B",))).labels["outlet"]) == {"B"}
    with pytest.raises(ValueError, match="no documents of outlet"):
        frame_profile(docs, params=FramingParams(outlets=("C",)))


@pytest.mark.parametrize("field, value", [("min_quote_words", 0), ("blame_window", -1), ("prior_scale", 0)])
def test_parameters_out_of_range_are_refused(field, value):
    with pytest.raises(ValueError, match=field):
        FramingParams(**{field: value})


def test_captions_are_left_out_unless_asked_for():
    text = "Shelling hits Ganja\nFour civilians died in Ganja.\nSeparatists fire on Ganja, October 11, 2020. /AP"
    assert "Separatists" not in " ".join(profile_of(text).labels["matched"])
    assert "Separatists" in " ".join(profile_of(text, include_boilerplate=True).labels["matched"])


# ------------------------------------------------------------------- distinctive words

def _two_outlets():
    return [doc("Separatists attacked. Separatists fled. Separatists returned. The town was quiet.",
                outlet="A"),
            doc("The ceasefire held. The ceasefire broke. The ceasefire returned. The town was quiet.",
                outlet="B", doc_id="d2")]


def test_distinctive_words_point_each_way():
    words = distinctive_words(_two_outlets(), "A", "B")
    assert words.iloc[0]["word"] == "separatists" and words.iloc[0]["favours"] == "A"
    assert words.iloc[-1]["word"] == "ceasefire" and words.iloc[-1]["favours"] == "B"
    assert one(words, word="separatists")["rank"] == 1
    assert "town" not in set(words.loc[words["z"].abs() > 0.5, "word"])
    assert schema.validate(words, "framing_distinctive_words") == []


@pytest.mark.parametrize("prior, scale", [("corpus", 1.0), ({"separatists": 10, "ceasefire": 10, "town": 80}, 2.0)])
def test_distinctive_words_follow_the_weighted_log_odds_formula(prior, scale):
    words = distinctive_words(_two_outlets(), "A", "B", prior=prior,
                              params=FramingParams(prior_scale=scale, top_words=0, min_word_count=1))
    row = one(words, word="separatists")
    background = {"separatists": 3, "ceasefire": 3, "town": 2} if prior == "corpus" else prior
    total_background = (sum(background.values()) if prior != "corpus"
                        else sum(words["count_a"]) + sum(words["count_b"]))
    alpha, alpha0 = background["separatists"] * scale, total_background * scale
    ya, yb, na, nb = 3, 0, words["count_a"].sum(), words["count_b"].sum()
    delta = math.log((ya + alpha) / (na + alpha0 - ya - alpha)) - math.log((yb + alpha) / (nb + alpha0 - yb - alpha))
    assert row["log_odds"] == pytest.approx(delta)
    assert row["z"] == pytest.approx(delta / math.sqrt(1 / (ya + alpha) + 1 / (yb + alpha)))


@pytest.mark.parametrize("a, b, message", [
    ("A", "C", "no documents of outlet"), ("A", ["A", "B"], "both groups"), ([], "B", "at least one outlet"),
])
def test_distinctive_words_refuse_bad_groups(a, b, message):
    with pytest.raises(ValueError, match=message):
        distinctive_words(_two_outlets(), a, b)


def test_word_sentences_list_where_a_word_occurs():
    rows = word_sentences(_two_outlets(), "Separatists", outlets=["A"])
    assert list(rows["sentence"]) == [0, 1, 2]


# -------------------------------------------------------------------- casualty framing

CASUALTY_TEXT = ("Shelling kills 12 in Ganja\n"
                 "Azerbaijan said 12 civilians were killed in Ganja on Sunday.\n"
                 "Armenian forces shelled the city overnight. Officials said about 20 people were wounded.\n"
                 "Talks are planned. Diplomats met. The weather was fine. Some 30 people attended a vigil.")


def _claims(d):
    def claim(i, needle, value, hedge, claimant, attribution):
        start = d.raw.index(needle)
        return {"claim_id": f"{d.doc_id}:{i}", "doc_id": d.doc_id, "start": start, "end": start + len(needle),
                "value": value, "hedge": hedge, "claimant": claimant, "attribution": attribution}
    return pd.DataFrame([
        claim(0, "12 in", 12, "exact", "outlet", "unattributed"),
        claim(1, "12 civilians", 12, "exact", "azerbaijan", "reported_speech"),
        claim(2, "about 20", 20, "about", "unknown", "reported_speech"),
        claim(3, "Some 30", 30, "about", "outlet", "unattributed"),
    ])


@pytest.mark.parametrize("claim, position, attributed, hedged, near_blame", [
    (0, "headline", False, False, False),
    (1, "lead", True, False, True),
    (2, "body", True, True, True),
    (3, "body", False, True, False),
])
def test_casualty_framing_places_each_figure(claim, position, attributed, hedged, near_blame):
    d = doc(CASUALTY_TEXT)
    table = casualty_framing([d], _claims(d))
    row = table.iloc[claim]
    assert (row["position"], row["is_attributed"], row["is_hedged"], row["is_near_blame"]) == \
        (position, attributed, hedged, near_blame)
    assert schema.validate(table, "framing_casualties") == []


def test_a_figure_next_to_a_blame_statement_names_the_blamed_side():
    d = doc(CASUALTY_TEXT)
    row = casualty_framing([d], _claims(d)).iloc[2]
    assert (row["blamed_side"], row["blame_distance"]) == ("armenian", 1)


def test_casualty_summary_shares_per_outlet_and_position():
    d = doc(CASUALTY_TEXT)
    summary = summarise_casualty_framing(casualty_framing([d], _claims(d)))
    body = one(summary, position="body")
    assert (body["n_figures"], body["share_hedged"], body["share_near_blame"]) == (2, 1.0, 0.5)
    assert schema.validate(summary, "framing_casualty_summary") == []


@pytest.mark.parametrize("change, message", [
    (lambda c: c.drop(columns=["hedge"]), "lacks column"),
    (lambda c: c.assign(doc_id="elsewhere"), "not in the corpus"),
])
def test_casualty_framing_refuses_a_bad_claims_table(change, message):
    d = doc(CASUALTY_TEXT)
    with pytest.raises(ValueError, match=message):
        casualty_framing([d], change(_claims(d)))


# ----------------------------------------------------- done when: the bundled corpus

@pytest.fixture(scope="module")
def bundled(corpus):
    return frame_profile(corpus)


def test_press_tv_asserts_blame_in_its_own_voice(bundled):
    agency = bundled.agency
    own = agency[(agency["outlet"] == "Press TV") & (agency["blamed_by"] == "outlet")]
    assert {"sparked", "invaded"} <= set(own["verb"])
    assert set(own["blamed_side"]) == {"armenian"}


@pytest.mark.parametrize("outlet, words", [
    ("Press TV", {"separatists", "secessionists"}),
    ("CGTN", {"ethnic armenian forces"}),
    ("Scopic World", {"self-proclaimed officials"}),
])
def test_outlets_label_choices(bundled, outlet, words):
    matched = " | ".join(bundled.labels.loc[bundled.labels["outlet"] == outlet, "matched"]).lower()
    assert all(w in matched for w in words)


def test_putin_is_the_most_quoted_speaker_of_the_2020_10_22_stories(bundled, corpus):
    day = [d.doc_id for d in corpus if d.published and str(d.published) in ("2020-10-22", "2020-10-23")]
    voices = bundled.voices[bundled.voices["doc_id"].isin(day)]
    shares = voice_shares(voices, per=None)
    top = shares[(shares["by"] == "speaker") & (shares["rank"] == 1)]
    assert list(top["who"]) == ["putin"]
    assert voices.groupby("speaker_key").size().idxmax() == "putin"


def test_peskov_is_press_tvs_main_voice_and_ahval_quotes_both_sides_and_russia(bundled):
    shares = bundled.voice_shares[bundled.voice_shares["by"] == "speaker"]
    assert one(shares, outlet="Press TV", rank=1)["who"] == "peskov"
    assert {"pashinyan", "aliyev", "lavrov"} <= set(shares.loc[shares["outlet"] == "Ahval", "who"])


# ------------------------------------------------------------------ comparison groups
from kargraph.framing import comparison_groups  # noqa: E402


@pytest.mark.parametrize("rows,given,expected", [
    # a group column: the largest group against the next
    ([("A", "state"), ("B", "state"), ("C", "independent"), ("C", "independent"), ("C", "independent"), ("D", "wire")],
     ((), ()), (["C"], ["A", "B"])),
    # no group column: the outlet with most documents against every other
    ([("A", None), ("B", None), ("B", None), ("C", None)], ((), ()), (["B"], ["A", "C"])),
    # ties: the first outlet by name
    ([("Z", None), ("Y", None)], ((), ()), (["Y"], ["Z"])),
    # one group only: as without groups
    ([("A", "g"), ("B", "g"), ("B", "g")], ((), ()), (["B"], ["A"])),
    # group A given, B empty: every other outlet
    ([("A", None), ("B", None), ("C", None)], (["C"], ()), (["C"], ["A", "B"])),
    # both given: kept
    ([("A", None), ("B", None), ("C", None)], (["A"], ["B"]), (["A"], ["B"])),
    # a single outlet: nothing to compare with
    ([("A", None)], ((), ()), (["A"], [])),
])
def test_comparison_groups_come_from_the_corpus(rows, given, expected):
    documents = pd.DataFrame(rows, columns=["outlet", "group"])
    assert comparison_groups(documents, *given) == expected
