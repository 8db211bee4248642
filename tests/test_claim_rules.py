"""The general rules added for real news, one table row per rule id (the id is in `cues`
where the rule decides an attribute). Written sentences, not copied from any article."""
from __future__ import annotations

import datetime as dt

import pytest

from kargraph.corpus import document_from_text
from kargraph.claims import extract_claims
from kargraph.profile import load_profile, profile_from_dict


def claims_of(text: str, published: str = "2020-10-01"):
    return extract_claims([document_from_text(text, doc_id="t", outlet="Test Outlet", published=published)])


@pytest.mark.parametrize("text,expected", [
    # date-number: the 27 of a date counts no one, so both outcomes belong to one figure
    ("The ministry said 1,200 soldiers were killed and wounded since Sept. 27.", [(1200, "casualties")]),
    ("The ministry said 1,200 soldiers were killed and wounded.", [(1200, "casualties")]),
    ("The ministry said 40 soldiers were killed and 12 wounded on Sept. 27.", [(40, "killed"), (12, "wounded")]),
    # outcome-defined: 'neutralised' takes the outcome the document gives the same number
    ("Troops neutralised 800 enemy soldiers. The ministry said 800 enemy soldiers were killed and wounded.",
     [(800, "casualties"), (800, "casualties")]),
    ("Troops neutralised 800 enemy soldiers.", [(800, "killed")]),
    ("Troops neutralised 800 enemy soldiers. Elsewhere 30 soldiers were wounded.", [(800, "killed"), (30, "wounded")]),
])
def test_outcome_rules(text, expected):
    table = claims_of(text)
    assert list(zip(table["value"], table["outcome"])) == expected


@pytest.mark.parametrize("text,expected", [
    # shared-subject: coordinated verbs of harm share the attacker named as the first one's subject
    ("Azerbaijani drones struck the town, killed 5 people and wounded 12 others.", ["armenian", "armenian"]),
    ("Armenian rockets killed 13 civilians and injured 40 people.", ["azerbaijani", "azerbaijani"]),
])
def test_side_from_the_attacker(text, expected):
    assert claims_of(text)["side"].tolist() == expected


@pytest.mark.parametrize("text,expected", [
    # acl-speaker: the verb after an apposition, mis-hung on the subject noun, still has a speaker
    ("The premier of Armenia, Nikol Pashinyan, announced in Parliament that 49 Armenian soldiers were killed.",
     "pashinyan"),
    ("The figures announced by a website show that 49 soldiers were killed.", "outlet"),
])
def test_claimant_of_a_reporting_verb(text, expected):
    assert claims_of(text, published="2022-09-13")["claimant"].tolist() == [expected]


def test_outcome_defined_says_so_in_cues():
    table = claims_of("Troops neutralised 800 enemy soldiers. The ministry said 800 enemy soldiers were "
                      "killed and wounded.")
    assert "outcome-defined" in table["cues"].iloc[0]


@pytest.mark.parametrize("phrase,date,expected", [
    # office-title: a role given as an office of a country is named by every title of the office
    ("the Armenian premier", dt.date(2022, 9, 13), "pashinyan"),
    ("Armenia's PM", dt.date(2022, 9, 13), "pashinyan"),
    ("prime minister of Armenia", dt.date(2022, 9, 13), "pashinyan"),
    ("the Azerbaijani head of state", dt.date(2020, 10, 1), "aliyev"),
    ("Russia's top diplomat", dt.date(2020, 10, 1), "lavrov"),
    ("the Armenian premier", dt.date(2010, 1, 1), "armenia"),  # before his term: the government
])
def test_office_titles_name_the_holder_of_the_day(profile, phrase, date, expected):
    assert profile.resolve_actor(phrase, date=date) == expected


def test_office_title_in_any_profile():
    data = {"id": "x", "language": "en", "sides": {"a": {"adjectives": ["Kelvaran"]}}, "events": [],
            "actors": [{"id": "osk", "kind": "person", "aliases": ["Osk"],
                        "roles": [{"office": "prime_minister", "of": ["Kelvara", "Kelvaran"]}]}]}
    p = profile_from_dict(data)
    assert [p.resolve_actor(t) for t in ("Kelvaran premier", "PM of Kelvara", "Kelvaran president")] == \
        ["osk", "osk", None]
