"""Conflict profiles: loading, linking mentions (including misspellings), resolving who a
phrase stands for, event cues, and clear errors for bad profile files."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from kargraph._paths import repo_root
from kargraph.corpus import document_from_text
from kargraph.profile import entity_mentions, fold, load_profile

DAY = dt.date(2020, 10, 22)


@pytest.mark.parametrize("text,entity_id,method", [
    ("Nikol Pishnian", "pashinyan", "fuzzy"),        # misspelt, never listed
    ("Recep Tayyip Erdoğan said", "erdogan", "alias"),  # diacritics folded
    ("a town called Martoni", "martuni", "fuzzy"),
    ("Azeri forces", "azerbaijan", "alias"),
    ("Vladimir Putin", "putin", "alias"),
    ("the Russian president", "putin", "role"),
    ("Kremlin spokesman", "peskov", "role"),
    ("Ilham Aliev", "aliyev", "alias"),
    ("Pashinian", "pashinyan", "alias"),
    ("AFP reported", "afp", "alias"),
    ("in Stepanakert", "stepanakert", "alias"),
])
def test_mentions_are_linked(profile, text, entity_id, method):
    hits = [m for m in profile.find_mentions(text, date=DAY) if m.entity_id == entity_id]
    assert hits, profile.find_mentions(text, date=DAY)
    assert hits[0].method == method
    assert text[hits[0].start:hits[0].end] == hits[0].text


@pytest.mark.parametrize("text", ["Martin said", "The ministry said", "us and them", "Monday"])
def test_common_words_are_not_linked(profile, text):
    assert [m.entity_id for m in profile.find_mentions(text, date=DAY)] == []


def test_roles_hold_only_while_their_holder_holds_them(profile):
    assert profile.resolve_actor("the US Secretary of State", date=dt.date(2020, 10, 1)) == "pompeo"
    assert profile.resolve_actor("the US Secretary of State", date=dt.date(2022, 9, 19)) == "blinken"


@pytest.mark.parametrize("phrase,actor", [
    ("Self-proclaimed officials in Nagorno-Karabakh", "karabakh_officials"),
    ("the Nagorno-Karabakh authorities", "karabakh_officials"),
    ("Nagorno-Karabakh's local officials", "karabakh_officials"),
    ("the human rights ombudsman of the unrecognized republic", "karabakh_officials"),
    ("official figures provided by Armenia and Azerbaijan", "armenia_azerbaijan_official"),
    ("official figures from Baku and Yerevan", "armenia_azerbaijan_official"),
    ("Azerbaijan's Defence Ministry", "azerbaijan"),
    ("Armenia's health ministry", "armenia"),
    ("The Armenians seeking to break Nagorno-Karabakh away from Azerbaijan", "karabakh_officials"),
    ("Armenian Prime Minister Nikol Pashinyan", "pashinyan"),
    ("Moscow", "russia"),
    ("a spokesman", None),
])
def test_resolve_actor(profile, phrase, actor):
    assert profile.resolve_actor(phrase, date=DAY) == actor


@pytest.mark.parametrize("text,event,reference", [
    ("the war between 1988 and 1994", "nk_1988_1994", False),
    ("the worst fighting since the 2020 war", "nk_2020", True),
    ("clashes on the border in September 2022", "border_2022", False),
    ("the four-day war of April 2016", "nk_2016_april", False),
    ("since September 27", "nk_2020", False),
])
def test_event_cues(profile, text, event, reference):
    cues = [c for c in profile.event_cues(text) if c.event_id == event]
    assert cues
    assert cues[0].is_reference_point is reference


def test_fold_keeps_offsets():
    assert fold("Erdoğan") == "Erdogan"
    assert len(fold("Əliyev, Şuşa")) == len("Əliyev, Şuşa")


def test_entity_mentions_table_traces_to_spans():
    doc = document_from_text("Putin spoke to Nikol Pishnian.\n\nMartoni was shelled.", doc_id="d",
                             outlet="X", published="2020-10-22")
    table = entity_mentions([doc])
    assert set(table["entity_id"]) >= {"putin", "pashinyan", "martuni"}
    for _, r in table.iterrows():
        assert doc.raw[r["start"]:r["end"]] == r["text"]
    assert set(table.loc[table["method"] == "fuzzy", "text"]) == {"Pishnian", "Martoni"}


def test_another_conflict_needs_only_a_profile(tmp_path):
    data = {
        "id": "example", "name": "An example conflict",
        "sides": {"north": {"adjectives": ["Northern"]}, "south": {"adjectives": ["Southern"]}},
        "actors": [{"id": "north_gov", "name": "Government of North", "kind": "government", "side": "north",
                    "aliases": ["North", "Northern government"]},
                   {"id": "obs", "name": "Border Observatory", "kind": "organisation", "aliases": ["Observatory"]}],
        "events": [{"id": "war_2030", "name": "War of 2030", "start": "2030-01-01", "end": "2030-12-31",
                    "cues": ["/\\b2030\\b/"]}],
    }
    path = tmp_path / "example.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    prof = load_profile(path)
    assert prof.resolve_actor("the Northern government") == "north_gov"
    assert prof.event_cues("in 2030")[0].event_id == "war_2030"
    from kargraph.claims import extract_claims

    doc = document_from_text("The Observatory said 40 Southern soldiers were killed.", doc_id="e",
                             published="2030-05-01")
    table = extract_claims([doc], profile=prof)
    assert table[["value", "side", "claimant", "event", "victims"]].values.tolist() == [
        [40, "south", "obs", "war_2030", "military"]]


@pytest.mark.parametrize("content,message", [
    ("actors: [", "not a valid YAML profile"),
    ("- just a list", "must be a mapping"),
    ("id: x\nsides: {}\nactors: []\n", "missing section 'events'"),
    ("id: x\nsides: {}\nactors: []\nevents: [{id: e, end: 2020-01-01}]\n", "lacks 'start'"),
    ("id: x\nsides: {}\nactors: []\nevents: [{id: e, start: soon, end: 2020-01-02}]\n", "not an ISO date"),
])
def test_bad_profiles_give_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        load_profile(path)
    assert "bad.yaml" in str(err.value)


def test_unknown_profile_name_is_named():
    with pytest.raises(FileNotFoundError, match="no_such_conflict"):
        load_profile("no_such_conflict")


# ------------------------------------------------------------ profiles for any war
KELVARA_DOC = dict(doc_id="k", published="2025-09-10")


@pytest.mark.parametrize("text,event", [
    # the incident's own cue: the incident
    ("The death toll from the attack on the Belamar market has risen to 58, the Kelvara Casualty Monitor said.",
     "belamar_market"),
    # a figure of the same days without the incident's cue: the war, not the incident
    ("The Kelvara Casualty Monitor said 12 soldiers were killed on Tuesday.", "kelvara_war"),
])
def test_a_nested_event_takes_a_figure_only_when_its_cues_say_so(text, event):
    from kargraph.claims import extract_claims

    table = extract_claims([document_from_text(text, **KELVARA_DOC)], profile="kelvara")
    assert table["event"].tolist() == [event]


def test_an_event_without_end_is_open_and_covers_today():
    prof = load_profile("kelvara")
    war = prof.event("kelvara_war")
    assert war.is_open and war.covers(dt.date(2031, 1, 1))
    assert [e.id for e in prof.events_at(dt.date(2025, 9, 3))] == ["kelvara_war"]  # the incident is left out


@pytest.mark.parametrize("word,side", [("rebels", "front"), ("government forces", "army"), ("NUF", "front"),
                                       ("Kelvaran", None)])
def test_sides_are_named_by_their_forces(word, side):
    assert load_profile("kelvara").side_of_adjective(word) == side


@pytest.mark.parametrize("text,claimant", [
    # the rebel party's own body, named after it: its own, not the government's
    ("The Northern Unity Front said 18 of its fighters were killed. Its media office said 4 more died.", "nuf"),
    # officials of a place the Front holds speak for the Front
    ("Officials in Korrin said 23 civilians were killed.", "nuf"),
    # officials of the capital speak for the government
    ("Officials in Veldra said 23 civilians were killed.", "kelvara_government"),
])
def test_a_non_state_party_keeps_its_statements(text, claimant):
    from kargraph.claims import extract_claims

    table = extract_claims([document_from_text(text, **KELVARA_DOC)], profile="kelvara")
    assert set(table["claimant"]) == {claimant}


@pytest.mark.parametrize("text,row", [
    # fighters named by the side's force words are that side's military dead
    ("The army said 12 rebels were killed near Korrin.", [12, "front", "military", "kelvaran_armed_forces"]),
    ("Varga said the Kelvaran Armed Forces had killed 120 terrorists.", [120, "front", "military", "varga"]),
    ("Samir Ode said the regime had lost more than 300 soldiers.", [300, "army", "military", "ode"]),
])
def test_figures_of_a_war_whose_sides_are_forces(text, row):
    from kargraph.claims import extract_claims

    table = extract_claims([document_from_text(text, **KELVARA_DOC)], profile="kelvara")
    assert table[["value", "side", "victims", "claimant"]].values.tolist() == [row]


# ------------------------------------------------------------- which profile, when none is given
@pytest.mark.parametrize("corpus_yaml,env,expected", [
    ("profile: kelvara\n", "nagorno_karabakh", "kelvara"),   # the corpus folder's own beats the variable
    (None, "kelvara", "kelvara"),                            # else the variable
    (None, None, None),                                      # else nothing: a clear error
])
def test_load_profile_without_a_name_asks_the_corpus_then_the_environment(tmp_path, monkeypatch, corpus_yaml,
                                                                           env, expected):
    from kargraph.profile import PROFILE_ENV, load_profile

    if corpus_yaml:
        (tmp_path / "corpus.yaml").write_text(corpus_yaml, encoding="utf-8")
    if env:
        monkeypatch.setenv(PROFILE_ENV, env)
    else:
        monkeypatch.delenv(PROFILE_ENV, raising=False)
    if expected is None:
        with pytest.raises(ValueError, match="no conflict profile given.*corpus.yaml"):
            load_profile(None, corpus=tmp_path)
    else:
        assert load_profile(None, corpus=tmp_path).id == expected


@pytest.mark.parametrize("corpus_dir,profile", [("data/corpora/karabakh", "nagorno_karabakh"),
                                                ("data/corpora/kelvara", "kelvara")])
def test_each_shipped_corpus_names_its_profile(monkeypatch, corpus_dir, profile):
    from kargraph.corpus import load_corpus
    from kargraph.profile import PROFILE_ENV, load_profile
    from kargraph.study import load_corpus_profile

    monkeypatch.delenv(PROFILE_ENV, raising=False)
    assert load_profile(None, corpus=load_corpus(repo_root() / corpus_dir)).id == profile
    assert load_corpus_profile(corpus_dir).id == profile
