"""Numbers and hedges: values, kinds (counts apart from years, ordinals, dates...) and the
intervals hedges imply, as tables of examples."""
from __future__ import annotations

import pytest

from kargraph.normalize import HedgeParams, find_hedge, find_numbers, hedge_interval, parse_number


@pytest.mark.parametrize("text,value", [
    ("5,000", 5000),
    ("6 500", 6500),
    ("6\u202f500", 6500),
    ("874", 874),
    ("two thousand", 2000),
    ("twenty", 20),
    ("twenty-five", 25),
    ("two hundred and fifty", 250),
    ("one hundred", 100),
    ("a hundred", 100),
    ("a dozen", 12),
    ("two dozen", 24),
    ("1 million", 1_000_000),
    ("1.5 million", 1_500_000),
    ("2.5m", 2_500_000),
    ("3bn", 3_000_000_000),
    ("\u0662\u0665", 25),  # Arabic-Indic digits
    ("1,000,000", 1_000_000),
    ("seventeen", 17),
    ("ninety-nine", 99),
    ("", None),
    ("soldiers", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text,expected", [
    ("about 5,000 people have been killed", [("5,000", 5000, "count")]),
    ("more than two thousand", [("two thousand", 2000, "count")]),
    ("since September 27", [("27", 27, "date")]),
    ("on Sept. 27 the fighting began", [("27", 27, "date")]),
    ("27 September", [("27", 27, "date")]),
    ("the war ended in 1994", [("1994", 1994, "year")]),
    ("between 1988 and 1994", [("1988", 1988, "year"), ("1994", 1994, "year")]),
    ("2000 people died", [("2000", 2000, "count")]),
    ("the 27th brigade", [("27th", 27, "ordinal")]),
    ("the 1st of October", [("1st", 1, "ordinal")]),
    ("wars in the 80\u2019s and 90\u2019s", [("80\u2019s", 80, "decade"), ("90\u2019s", 90, "decade")]),
    ("the 1990s", [("1990s", 1990, "decade")]),
    ("a six-year war", [("six-year", 6, "duration")]),
    ("the 44-day war", [("44-day", 44, "duration")]),
    ("F-16 fighter jets", [("16", 16, "designation")]),
    ("Su-25 jets", [("25", 25, "designation")]),
    ("turnout was 60%", [("60%", 60, "percent")]),
    ("60 percent of the territory", [("60", 60, "percent")]),
    ("aid worth $5 million", [("5 million", 5, "money")]),
    ("at 10:30 local time", [("10", 10, "time"), ("30", 30, "time")]),
    ("a man aged 25", [("25", 25, "age")]),
    ("a 76-year-old resident", [("76-year", 76, "duration")]),
    ("hundreds are still being killed", [("hundreds", 100, "vague")]),
    ("tens of thousands fled", [("tens of thousands", 10_000, "vague")]),
    ("dozens of soldiers", [("dozens", 12, "vague")]),
    ("the war of 1988-94", [("1988", 1988, "year"), ("94", 94, "year")]),
    ("18- and 19-year-olds", [("18", 18, "duration"), ("19-year", 19, "duration")]),
    ("October 22, 2020", [("22", 22, "date"), ("2020", 2020, "year")]),
    ("one of them", []),
    ("one soldier died", [("one", 1, "count")]),
    ("-5 degrees", [("-5", -5, "signed")]),
    ("no numbers here", []),
    # "and" joins number words after a scale word only
    ("two hundred and seven soldiers", [("two hundred and seven", 207, "count")]),
    ("between twenty and thirty thousand", [("twenty", 20, "count"), ("thirty thousand", 30000, "count")]),
    # an age between commas after a name; references to parts of a text
    ("General Polad Hashimov, 45, was killed", [("45", 45, "age")]),
    ("In Ganja, 12 people died", [("12", 12, "count")]),
    ("the toll in paragraphs 1-3 and Resolution 822", [("1", 1, "designation"), ("3", 3, "designation"),
                                                       ("822", 822, "designation")]),
    # a report's footnote marker is no count
    ("wounded more than 240.[2] The toll", [("240", 240, "count"), ("2", 2, "designation")]),
])
def test_find_numbers_tells_counts_from_years_ordinals_and_dates(text, expected):
    got = [(n.text, n.value, n.kind) for n in find_numbers(text)]
    assert got == expected


def test_number_spans_give_back_their_text():
    text = "Officials said 1,200 and then two thousand and 5\u200b000 died in 1994."
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text


@pytest.mark.parametrize("text,label,hedge_text", [
    ("the war's toll approaches 7,000", "nearly", "approaches"),
    ("the toll neared 300", "nearly", "neared"),
    ("nearly 5,000 dead", "nearly", "nearly"),
    ("almost 5,000 dead", "nearly", "almost"),
    ("close to 5,000 dead", "nearly", "close to"),
    ("about 5,000 dead", "about", "about"),
    ("around 5,000 dead", "about", "around"),
    ("some 30,000 dead", "about", "some"),
    ("roughly 300 dead", "about", "roughly"),
    ("an estimated 30,000 dead", "about", "an estimated"),
    ("more than 2,000 from each side", "more_than", "more than"),
    ("over 100 soldiers", "more_than", "over"),
    ("the toll has surpassed 60", "more_than", "surpassed"),
    ("the toll climbs past 100", "more_than", "past"),
    ("in excess of 500", "more_than", "in excess of"),
    ("at least 29 people", "at_least", "at least"),
    ("no fewer than 12", "at_least", "no fewer than"),
    ("less than 1,000", "less_than", "less than"),
    ("fewer than 10", "less_than", "fewer than"),
    ("up to 70 soldiers", "up_to", "up to"),
    ("as many as 200 soldiers", "up_to", "as many as"),
    ("5,000 dead", "exact", ""),
    ("5,000 or more dead", "at_least", "or more"),
    ("120 or so were wounded", "about", "or so"),
])
def test_hedges(text, label, hedge_text):
    n = [n for n in find_numbers(text) if n.kind == "count"][0]
    hedge = find_hedge(text, n.start, n.end, value=n.value)
    assert (hedge.label, hedge.text) == (label, hedge_text)
    if hedge.text:
        assert text[hedge.start:hedge.end] == hedge.text


@pytest.mark.parametrize("text,upper,scale", [
    ("between 30 and 40 people", 40, 1),
    ("30-40 people", 40, 1),
    ("estimates range from 20,000 to 30,000", 30000, 1),
    # the lower number shares the upper one's scale word
    ("between twenty and thirty thousand people died", 30000, 1000),
    ("between 20 and 30 thousand people", 30000, 1000),
    ("two to three million people", 3_000_000, 1_000_000),
    ("between 200 and 350 thousand", 350_000, 1000),
    ("between 5 and 700 thousand", 700_000, 1),  # 5,000 to 700,000 is no range anyone writes so
    # "from X to Y" is a range unless a change leads to it
    ("estimates put the dead from 110 to 350", 350, 1),
])
def test_ranges(text, upper, scale):
    n = [n for n in find_numbers(text) if n.kind == "count"][0]
    hedge = find_hedge(text, n.start, n.end, value=n.value)
    assert (hedge.label, hedge.value2, hedge.scale) == ("range", upper, scale)


@pytest.mark.parametrize("text", ["the toll rose from 542 to 874", "up from 50 to 71",
                                  "the figure was revised from 12 to 31", "the toll has risen sharply from 10 to 30"])
def test_a_rise_from_one_figure_to_another_is_no_range(text):
    n = find_numbers(text)[0]
    assert find_hedge(text, n.start, n.end, value=n.value).label == "exact"


@pytest.mark.parametrize("label,value,upper,vague_word,interval", [
    ("exact", 874, None, None, (874, 874)),
    ("about", 5000, None, None, (4500, 5500)),
    ("nearly", 5000, None, None, (4500, 5000)),
    ("more_than", 2000, None, None, (2000, None)),
    ("at_least", 29, None, None, (29, None)),
    ("less_than", 1000, None, None, (0, 1000)),
    ("up_to", 70, None, None, (0, 70)),
    ("range", 30, 40, None, (30, 40)),
    ("vague", 100, None, "hundreds", (100, 999)),
    ("vague", 12, None, "dozens", (12, 99)),
])
def test_hedge_intervals(label, value, upper, vague_word, interval):
    low, high = hedge_interval(label, value, upper=upper, vague_word=vague_word)
    assert low == pytest.approx(interval[0])
    assert high is None if interval[1] is None else high == pytest.approx(interval[1])


def test_hedge_intervals_are_configurable():
    params = HedgeParams(about=(0.8, 1.2), nearly=(0.95, 1.0))
    assert hedge_interval("about", 100, params=params) == pytest.approx((80, 120))
    assert hedge_interval("nearly", 100, params=params) == pytest.approx((95, 100))
