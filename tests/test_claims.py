"""Claim extraction on constructed sentences in wordings other than the bundled articles:
other outlets' styles, passive voice, numbers in words, headlines, other wars of the
profile, and numbers that are not casualty figures."""
from __future__ import annotations

import pytest

from kargraph import schema
from kargraph.claims import ClaimParams, extract_claims
from kargraph.corpus import document_from_text

FIELDS = ("value", "hedge", "is_increment", "outcome", "victims", "side", "claimant", "attribution", "event")


def claims_of(text: str, published: str = "2020-10-20", **kw):
    doc = document_from_text(text, doc_id="t", outlet="Test Outlet", published=published)
    return extract_claims([doc], **kw)


def rows(table, fields=FIELDS):
    return [tuple(r[f] for f in fields) for _, r in table.iterrows()]


# text, published, expected (value, hedge, outcome, victims, side, claimant, event) per figure
CASES = [
    ("Azerbaijan's defence ministry said on Monday that 2,783 of its servicemen were killed in the fighting.",
     "2020-12-03", [(2783, "exact", "killed", "military", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("Armenia's health ministry said the number of Armenian soldiers killed had risen to 2,718.",
     "2020-12-01", [(2718, "exact", "killed", "military", "armenian", "armenia", "nk_2020")]),
    ("At least 29 people were killed and 150 wounded in the shelling of Barda, Azerbaijani prosecutors said.",
     "2020-10-28", [(29, "at_least", "killed", "all", "azerbaijani", "azerbaijan", "nk_2020"),
                    (150, "exact", "wounded", "all", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("Armenian officials reported 51 more military deaths on Wednesday, raising the toll to 1,119.",
     "2020-10-22", [(51, "exact", "killed", "military", "armenian", "armenia", "nk_2020"),
                    (1119, "exact", "killed", "military", "armenian", "armenia", "nk_2020")]),
    ("More than 6,500 people were killed in the 44-day war in 2020.",
     "2023-09-20", [(6500, "more_than", "killed", "all", "both", "outlet", "nk_2020")]),
    ("The 1990s war killed about 30,000 people and displaced hundreds of thousands.",
     "2023-09-21", [(30000, "about", "killed", "all", "both", "outlet", "nk_1988_1994"),
                    (100000, "vague", "displaced", "all", "both", "outlet", "nk_1988_1994")]),
    ("Two civilians were killed when Azerbaijani forces shelled Stepanakert overnight, the Karabakh emergency "
     "service said.",
     "2020-10-04", [(2, "exact", "killed", "civilian", "armenian", "karabakh_officials", "nk_2020")]),
    ("The fighting has killed nearly 1,000 people, including civilians, since it erupted on Sept. 27.",
     "2020-10-13", [(1000, "nearly", "killed", "all", "both", "outlet", "nk_2020")]),
    ("Eleven civilians were killed by Armenian shelling in Ganja, Azerbaijan's foreign ministry said.",
     "2020-10-17", [(11, "exact", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("\u201cWe have lost 2,425 servicemen,\u201d Pashinyan told parliament.",
     "2020-11-20", [(2425, "exact", "killed", "military", "armenian", "pashinyan", "nk_2020")]),
    ("Nearly 50 soldiers killed, says Armenian PM\n\nThe fighting continued for a second day.",
     "2020-09-28", [(50, "nearly", "killed", "military", "armenian", "pashinyan", "nk_2020")]),
    ("Karabakh's ombudsman said 50 civilians had been killed and 150 injured since the start of the war.",
     "2020-10-24", [(50, "exact", "killed", "civilian", "armenian", "karabakh_officials", "nk_2020"),
                    (150, "exact", "wounded", "civilian", "armenian", "karabakh_officials", "nk_2020")]),
    ("According to the Azerbaijani Prosecutor General\u2019s Office, 94 civilians have been killed and 404 wounded.",
     "2020-11-05", [(94, "exact", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2020"),
                    (404, "exact", "wounded", "civilian", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("During the four-day war in April 2016, at least 200 soldiers were killed on both sides.",
     "2020-09-28", [(200, "at_least", "killed", "military", "both", "outlet", "nk_2016_april")]),
    ("In July, clashes on the border near Tovuz killed 17 soldiers from both sides.",
     "2020-09-28", [(17, "exact", "killed", "military", "both", "outlet", "border_2020_july")]),
    ("Over 100 Armenian servicemen were killed in the border clashes of September 2022, Yerevan said.",
     "2022-10-01", [(100, "more_than", "killed", "military", "armenian", "armenia", "border_2022")]),
    ("A total of 2,908 Azerbaijani soldiers died in the war, Baku said.",
     "2021-03-01", [(2908, "exact", "killed", "military", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("Hundreds of people have been killed on both sides, Reuters reported.",
     "2020-10-05", [(100, "vague", "killed", "all", "both", "reuters", "nk_2020")]),
    ("Armenia said it had suffered 2,300 casualties, killed and wounded, since the fighting began.",
     "2020-10-30", [(2300, "exact", "casualties", "all", "armenian", "armenia", "nk_2020")]),
    ("Azerbaijan said 192 of its soldiers were killed in the one-day offensive.",
     "2023-09-25", [(192, "exact", "killed", "military", "azerbaijani", "azerbaijan", "nk_2023_offensive")]),
    ("Azerbaijan said 61 civilians had been killed, among them 12 children.",
     "2020-10-22", [(61, "exact", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2020"),
                    (12, "exact", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("Forty-two Azerbaijani servicemen have lost their lives, Baku said.",
     "2020-10-10", [(42, "exact", "killed", "military", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("\u201cThe enemy lost more than 300 fighters today.\u201d Azerbaijan's defence ministry said in a statement.",
     "2020-10-02", [(300, "more_than", "killed", "military", "armenian", "azerbaijan", "nk_2020")]),
    ("The death toll from the clashes rose to 105, Armenia's prime minister Nikol Pashinyan said.",
     "2022-09-14", [(105, "exact", "killed", "all", "armenian", "pashinyan", "border_2022")]),
    # the victims' nationality on the noun a running total counts, the office of that side
    ("The number of Azerbaijani soldiers killed in the shelling of the Azerbaijan-Armenia border by Armenian "
     "units has risen to 12, the ministry reported.",
     "2022-09-13", [(12, "exact", "killed", "military", "azerbaijani", "azerbaijan", "border_2022")]),
    # "at N" parsed on the participle of "the number of civilians killed ..."
    ("Azerbaijan's prosecutor general puts the number of civilians killed by Armenian missiles at 91.",
     "2020-11-03", [(91, "exact", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2020")]),
    # victims named by the place they come from
    ("Seven servicemen from Kapan were among the dead.",
     "2022-09-16", [(7, "exact", "killed", "military", "armenian", "outlet", "border_2022")]),
    # an unplaced office in a sentence set in a country
    ("In Azerbaijan, the Prosecutor General's Office said 12 civilians had been killed.",
     "2020-10-20", [(12, "exact", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2020")]),
    # "by X's count" names the source
    ("The fighting killed just under 100 Azerbaijani civilians, by Baku's latest count.",
     "2020-11-20", [(100, "nearly", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2020")]),
    # an unlisted body keeps its whole name, not its last word as if it were a surname
    ("The Caucasus Conflict Data Project estimated that about 200 soldiers were killed on both sides.",
     "2020-11-20", [(200, "about", "killed", "military", "both", "caucasus_conflict_data_project", "nk_2020")]),
    # a side or a place for the whole sentence; a place that lost its men
    ("On the Azerbaijani side, the count is around 90 dead.",
     "2020-11-20", [(90, "about", "killed", "all", "azerbaijani", "outlet", "nk_2020")]),
    ("In Kapan, three civilians were injured.",
     "2022-09-14", [(3, "exact", "wounded", "civilian", "armenian", "outlet", "border_2022")]),
    ("As a result of the shelling of the city of Barda, 4 civilians were killed.",
     "2020-10-20", [(4, "exact", "killed", "civilian", "azerbaijani", "outlet", "nk_2020")]),
    ("Sisian alone lost 9 men in the war of 2020.",
     "2021-05-01", [(9, "exact", "killed", "military", "armenian", "outlet", "nk_2020")]),
    # "we" outside quotation marks is the publisher
    ("We documented 40 civilian deaths in Stepanakert.",
     "2021-03-18", [(40, "exact", "killed", "civilian", "armenian", "outlet", "nk_2020")]),
    # a range whose lower number shares the scale word of the upper one
    ("Between twenty and thirty thousand people died in the first war.",
     "2020-10-01", [(20000, "range", "killed", "all", "both", "outlet", "nk_1988_1994")]),
    # a part of the deaths that the clause says something else about
    ("Azerbaijan said 40 of these deaths were caused by cluster munitions.",
     "2020-11-01", [(40, "exact", "killed", "all", "azerbaijani", "azerbaijan", "nk_2020")]),
    # people the clause on the noun says are missing, or never found
    ("Families in Kapan still wait for news of four conscripts listed as missing.",
     "2022-10-01", [(4, "exact", "missing", "military", "unknown", "outlet", "border_2022")]),
    ("Armenia says some 200 soldiers have never been found.",
     "2021-06-01", [(200, "about", "missing", "military", "armenian", "armenia", "nk_2020")]),
    # "the figure was N" continues the figure before; alone it is no figure
    ("Armenia said 532 of its soldiers have died. On Oct. 2, the figure was 158.",
     "2020-10-12", [(532, "exact", "killed", "military", "armenian", "armenia", "nk_2020"),
                    (158, "exact", "killed", "military", "armenian", "armenia", "nk_2020")]),
    ("On Oct. 2, the figure was 158.", "2020-10-12", []),
    # the attacker named as "the forces of X"; an explosion is no attacker; "the enemy's losses"
    ("The armed forces of Azerbaijan fired rockets at the town, killing two civilians.",
     "2020-10-29", [(2, "exact", "killed", "civilian", "armenian", "outlet", "nk_2020")]),
    ("Karabakh fuel depot blast kills 170",
     "2023-09-29", [(170, "exact", "killed", "all", "armenian", "outlet", "nk_2023_offensive")]),
    ("\u201cThe enemy's losses are 6,119 killed,\u201d the Armenian defence ministry said.",
     "2020-10-14", [(6119, "exact", "killed", "all", "azerbaijani", "armenia", "nk_2020")]),
    # the victim group of a list, of "of them", of "the dead and missing servicemen", of "military dead"
    ("Karabakh officials said at least 32 people had been killed, seven of them civilians.",
     "2023-09-21", [(32, "at_least", "killed", "all", "armenian", "karabakh_officials", "nk_2023_offensive"),
                    (7, "exact", "killed", "civilian", "armenian", "karabakh_officials", "nk_2023_offensive")]),
    ("Armenia's defence ministry said 29 of its soldiers had been killed, 101 wounded and 28 were missing.",
     "2022-09-14", [(29, "exact", "killed", "military", "armenian", "armenia", "border_2022"),
                    (101, "exact", "wounded", "military", "armenian", "armenia", "border_2022"),
                    (28, "exact", "missing", "military", "armenian", "armenia", "border_2022")]),
    ("\u201cAs of today, the number of our dead and missing soldiers is 207,\u201d Pashinyan said.",
     "2022-09-21", [(207, "exact", "killed", "military", "armenian", "pashinyan", "border_2022")]),
    ("Armenia now puts its military dead at 3,825.",
     "2022-05-01", [(3825, "exact", "killed", "military", "armenian", "armenia", "nk_2020")]),
    # the place of the clause a figure ends, of a relative "where"; the side that mourns its dead
    ("A missile hit the Azerbaijani city of Ganja overnight, killing 13 people.",
     "2020-10-18", [(13, "exact", "killed", "all", "azerbaijani", "outlet", "nk_2020")]),
    ("Rescuers searched the wreckage in Barda, where 21 died.",
     "2020-10-29", [(21, "exact", "killed", "all", "azerbaijani", "outlet", "nk_2020")]),
    ("Azerbaijan mourns 11 soldiers killed on the border.",
     "2020-07-15", [(11, "exact", "killed", "military", "azerbaijani", "outlet", "border_2020_july")]),
    # a figure with no side of its own takes the side of the figure before it in the sentence
    ("Karabakh fuel depot blast kills 68, over 100 missing: rescuers search the ruins",
     "2023-09-27", [(68, "exact", "killed", "all", "armenian", "outlet", "nk_2023_offensive"),
                    (100, "more_than", "missing", "all", "armenian", "outlet", "nk_2023_offensive")]),
    # a headline's topic before a colon is no source
    ("Karabakh fighting: at least 60 dead in two days\n\nThe shelling went on.",
     "2020-09-29", [(60, "at_least", "killed", "all", "both", "outlet", "nk_2020")]),
    ("Azerbaijan-Armenia: toll from border clashes tops 100\n\nThe shelling went on.",
     "2022-09-14", [(100, "more_than", "killed", "all", "both", "outlet", "border_2022")]),
    # "local officials": the body of the place the story is about
    ("Shelling went on in Nagorno-Karabakh. Local officials say 19 civilians have died there.",
     "2020-10-05", [(19, "exact", "killed", "civilian", "armenian", "karabakh_officials", "nk_2020")]),
    # "its" points back: not to a government named after the office
    ("Azerbaijan's army spoke on Monday. Its prosecutor said one civilian was killed by Armenian shelling.",
     "2023-09-21", [(1, "exact", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2023_offensive")]),
    ("Fighting with Azerbaijan went on. Nagorno-Karabakh's army said 23 of its soldiers had been killed. Its "
     "ombudsman said nine civilians had died.",
     "2020-09-29", [(23, "exact", "killed", "military", "armenian", "karabakh_officials", "nk_2020"),
                    (9, "exact", "killed", "civilian", "armenian", "karabakh_officials", "nk_2020")]),
    # source phrases at the start of a sentence; "official data" of "the sides" is both governments'
    ("By information of Baku, 21 people were killed in the strike.",
     "2020-10-30", [(21, "exact", "killed", "all", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("Overall, the sides have lost at least 60 servicemen, according to official data.",
     "2016-04-06", [(60, "at_least", "killed", "military", "both", "armenia_azerbaijan_official", "nk_2016_april")]),
    # "each side lost N": a figure for each side
    ("Analysts think each side lost between 3,000 and 4,000 soldiers.",
     "2021-01-15", [(3000, "range", "killed", "military", "each", "outlet", "nk_2020")]),
    # a side on the figure itself; a pair of both countries names no place
    ("The clashes near Tovuz killed 17 people: 12 on the Azerbaijani side and five Armenian soldiers.",
     "2020-07-16", [(17, "exact", "killed", "all", "both", "outlet", "border_2020_july"),
                    (12, "exact", "killed", "all", "azerbaijani", "outlet", "border_2020_july"),
                    (5, "exact", "killed", "military", "armenian", "outlet", "border_2020_july")]),
    ("Armenia-Azerbaijan border clashes: death toll passes 200 as truce takes hold",
     "2022-09-16", [(200, "more_than", "killed", "all", "both", "outlet", "border_2022")]),
    # after a semicolon, a bare figure goes on with the statement
    ("Armenia's health ministry said that 3,825 Armenian servicemen were killed in the war; 187 remain missing.",
     "2022-05-01", [(3825, "exact", "killed", "military", "armenian", "armenia", "nk_2020"),
                    (187, "exact", "missing", "military", "armenian", "armenia", "nk_2020")]),
    # "according to X" in mid-sentence covers the figures after it only
    ("The offensive killed 192 Azerbaijani soldiers and, according to Karabakh's ombudsman, some 220 people on "
     "the Armenian side.",
     "2023-12-01", [(192, "exact", "killed", "military", "azerbaijani", "outlet", "nk_2023_offensive"),
                    (220, "about", "killed", "all", "armenian", "karabakh_officials", "nk_2023_offensive")]),
    # the owner of a figure across a semicolon beats the reporting verb of the other clause
    ("Armenia puts its military toll at 3,825 soldiers; Azerbaijan's figure is 2,908.",
     "2022-05-01", [(3825, "exact", "killed", "military", "armenian", "armenia", "nk_2020"),
                    (2908, "exact", "killed", "military", "azerbaijani", "azerbaijan", "nk_2020")]),
    # both governments' figures taken together
    ("Armenia said 30 soldiers died. Taken together, the official figures put the toll at over 5,500.",
     "2020-12-05", [(30, "exact", "killed", "military", "armenian", "armenia", "nk_2020"),
                    (5500, "more_than", "killed", "all", "both", "armenia_azerbaijan_official", "nk_2020")]),
    # an incident site of the profile places its victims
    ("Death toll from fuel depot blast rises to 68",
     "2023-09-26", [(68, "exact", "killed", "all", "armenian", "outlet", "nk_2023_offensive")]),
    # the group a copula names; men a place lost; "others" continue the figure before
    ("Azerbaijan said 12 people were killed. At least three of the dead were civilians.",
     "2020-10-20", [(12, "exact", "killed", "all", "azerbaijani", "azerbaijan", "nk_2020"),
                    (3, "at_least", "killed", "civilian", "azerbaijani", "azerbaijan", "nk_2020")]),
    ("The village lost 14 men in the war of 2020.",
     "2021-05-01", [(14, "exact", "killed", "military", "both", "outlet", "nk_2020")]),
    ("Armenia said 30 soldiers were killed. A dozen others are still listed as missing.",
     "2020-10-20", [(30, "exact", "killed", "military", "armenian", "armenia", "nk_2020"),
                    (12, "exact", "missing", "military", "armenian", "armenia", "nk_2020")]),
    # news of this week is not about the past war of the sentence before
    ("Thirty thousand died in the first war. This week, 207 soldiers were killed, Yerevan said.",
     "2022-09-16", [(30000, "exact", "killed", "all", "both", "outlet", "nk_1988_1994"),
                    (207, "exact", "killed", "military", "armenian", "armenia", "border_2022")]),
    # "a further N" with no noun continues the figure before: its source, victims and side
    ("Baku said 12 of its soldiers were killed on Tuesday. Another 30 were wounded.",
     "2020-07-15", [(12, "exact", "killed", "military", "azerbaijani", "azerbaijan", "border_2020_july"),
                    (30, "exact", "wounded", "military", "azerbaijani", "azerbaijan", "border_2020_july")]),
]


@pytest.mark.parametrize("text,published,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_figures_and_their_attributes(text, published, expected):
    table = claims_of(text, published)
    got = rows(table, ("value", "hedge", "outcome", "victims", "side", "claimant", "event"))
    assert got == expected


@pytest.mark.parametrize("text", [
    "Azerbaijan said it destroyed 22 tanks and shot down 15 drones.",
    "The war began in 1988 and ended with a ceasefire in 1994.",
    "About 20 ambassadors presented their credentials in Moscow on Tuesday.",
    "The ceasefire was agreed on October 10 after talks that lasted 10 hours.",
    "Turkey has stationed F-16 jets in Azerbaijan, a country of 10 million people.",
    "Armenia fired three ballistic missiles at two regions, the ministry said.",
    "He said he speaks to the leaders several times a day.",
    "Nagorno-Karabakh is home to about 150,000 people, most of them ethnic Armenians.",
    "Nothing here has a number.",
    "",
])
def test_no_claim_where_no_casualty_figure(text):
    assert len(claims_of(text)) == 0


TRANSCRIPT = """Security Council debates the Karabakh offensive

Mr. Aghayev (Azerbaijan): Mr. President, on 19 September, six of our citizens were killed by landmines.

The mines had been laid recently.

Ms. Carter (United Kingdom): The war of 2020 killed more than 6,500 people.

Mr. Petrov (Russian Federation): Five of our peacekeepers were killed on 20 September.
"""

INTERVIEW = """The toll of the war: an interview

Jan Kowalski, a military historian in Warsaw, spoke to us on Monday.

Q: The government says 2,900 soldiers died. Is that right?

A: It is too low. I think some 3,500 soldiers died on their side.
"""


@pytest.mark.parametrize("text, published, expected", [
    # each speech belongs to the speaker its label names, over all its paragraphs
    (TRANSCRIPT, "2023-09-21", [(6, "azerbaijan", "azerbaijani"), (6500, "united_kingdom", "both"),
                                (5, "russia", "unknown")]),
    # the interviewer's turns are the outlet's; the answers the interviewee's
    (INTERVIEW, "2021-01-15", [(2900, "outlet", "unknown"), (3500, "kowalski", "unknown")]),
])
def test_speaker_labels_of_transcripts_and_interviews(text, published, expected):
    table = claims_of(text, published)
    assert rows(table, ("value", "claimant", "side")) == expected


def test_a_bulletin_published_by_a_party_speaks_for_that_party():
    doc = document_from_text("Information of the Ministry of Defense\n\nAccording to our data, up to 60 enemy "
                             "soldiers were killed on Tuesday.", doc_id="mod", published="2020-10-14",
                             outlet="Ministry of Defense of the Republic of Azerbaijan")
    table = extract_claims([doc])
    assert rows(table, ("value", "claimant", "side")) == [(60, "outlet", "armenian")]


def test_increments_are_flagged_and_totals_are_not():
    table = claims_of("Armenian officials reported 51 more military deaths on Wednesday, raising the toll to 1,119.")
    assert rows(table, ("value", "is_increment")) == [(51, True), (1119, False)]
    table = claims_of("Karabakh officials said the military death toll was 710, rising by 37 from Monday.")
    assert rows(table, ("value", "is_increment", "victims")) == [(710, False, "military"), (37, True, "military")]


def test_subset_figure_points_to_its_total():
    table = claims_of("According to AFP, the civilian death toll has passed 40, including 9 who died in a strike.")
    assert list(table["value"]) == [40, 9]
    assert table.loc[1, "parent_claim_id"] == table.loc[0, "claim_id"]
    assert table.loc[0, "hedge"] == "more_than"
    assert set(table["claimant"]) == {"afp"}


def test_spans_give_back_the_phrase_and_the_table_conforms_to_its_schema():
    text = "Officials in Baku said nearly two thousand soldiers had died. Some 300 were wounded, AP reported."
    doc = document_from_text(text, doc_id="d", published="2020-10-20")
    table = extract_claims([doc])
    assert schema.validate(table, "claims") == []
    for _, r in table.iterrows():
        assert doc.raw[r["start"]:r["end"]] == r["text"]
        assert r["claim_id"] == f"d:{r['start']}-{r['end']}"
    assert list(table["text"]) == ["nearly two thousand", "Some 300"]
    assert list(table["value"]) == [2000, 300]


@pytest.mark.parametrize("text,value,hedge,low,high", [
    ("nearly 5,000 people have been killed", 5000, "nearly", 4500, 5000),
    ("more than two thousand people have died", 2000, "more_than", 2000, None),
    ("some 30,000 people were killed", 30000, "about", 27000, 33000),
    ("less than 1,000 people were killed", 1000, "less_than", 0, 1000),
    ("between 30 and 40 people were killed", 30, "range", 30, 40),
    ("up to 70 soldiers were killed", 70, "up_to", 0, 70),
    ("hundreds of civilians have been killed", 100, "vague", 100, 999),
    ("the toll has surpassed 60 dead", 60, "more_than", 60, None),
])
def test_hedge_intervals(text, value, hedge, low, high):
    table = claims_of(text[0].upper() + text[1:] + ".")
    assert len(table) == 1
    r = table.iloc[0]
    assert (r["value"], r["hedge"]) == (value, hedge)
    assert r["low"] == pytest.approx(low)
    assert (r["high"] != r["high"]) if high is None else r["high"] == pytest.approx(high)


def test_headline_prefix_names_the_claimant():
    table = claims_of("Aliyev: More than 2,800 Azerbaijani soldiers died in the war\n\nThe president spoke on TV.",
                      "2020-12-05")
    assert rows(table, ("value", "claimant", "side", "victims")) == [(2800, "aliyev", "azerbaijani", "military")]


def test_quote_with_speaker_in_next_sentence():
    text = ("\u201cMore than 2,000 were killed on each side.\u201d Putin said this at a meeting on Thursday.")
    table = claims_of(text, "2020-10-23")
    assert rows(table, ("value", "side", "claimant", "attribution")) == [(2000, "each", "putin", "direct_quote")]


def test_a_bad_document_does_not_stop_the_others():
    good = document_from_text("Officials said 12 people were killed.", doc_id="good", published="2020-10-10")
    empty = document_from_text("", doc_id="empty", published="2020-10-10")
    table = extract_claims([empty, good])
    assert list(table["doc_id"]) == ["good"]


def test_full_parse_path_gives_identical_claims(corpus):
    fast = extract_claims(corpus)
    slow = extract_claims(corpus, params=ClaimParams(full_parse=True))
    assert fast.equals(slow)


def test_worker_processes_use_the_profile_given_not_the_default(tmp_path):
    from kargraph.profile import profile_from_dict

    data = {"id": "example", "sides": {"north": {"adjectives": ["Northern"]}, "south": {"adjectives": ["Southern"]}},
            "actors": [{"id": "obs", "name": "Border Observatory", "kind": "organisation", "aliases": ["Observatory"]}],
            "events": [{"id": "war_2030", "start": "2030-01-01", "end": "2030-12-31", "cues": ["/\\b2030\\b/"]}]}
    prof = profile_from_dict(data)
    docs = [document_from_text(f"The Observatory said {n} Southern soldiers were killed.", doc_id=f"e{n}",
                               published="2030-05-01") for n in (40, 41, 42)]
    alone = extract_claims(docs, profile=prof)
    workers = extract_claims(docs, profile=prof, n_jobs=2)
    assert workers.equals(alone)
    assert set(workers["claimant"]) == {"obs"} and set(workers["event"]) == {"war_2030"}
