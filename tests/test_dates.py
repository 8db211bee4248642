"""Date expressions: finding them with their spans and resolving them against a publication date."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kargraph import schema
from kargraph.corpus import document_from_text
from kargraph.dates import (
    KINDS, PRECISIONS, DateParams, date_mentions, find_dates, resolve_date,
)

D = dt.date
FRI = D(2020, 10, 23)  # a Friday
THU = D(2020, 10, 15)  # a Thursday
TUE = D(2022, 9, 20)  # a Tuesday
JAN5 = D(2021, 1, 5)  # a Tuesday early in a year


@pytest.mark.parametrize("expression, published, day, precision", [
    # weekdays: the most recent such day on or before publication
    ("on Thursday", FRI, D(2020, 10, 22), "day"),
    ("Thursday", FRI, D(2020, 10, 22), "day"),
    ("on Saturday", FRI, D(2020, 10, 17), "day"),
    ("on Friday", FRI, D(2020, 10, 23), "day"),  # the publication weekday: that day
    ("On Tuesday", TUE, D(2022, 9, 20), "day"),
    ("on Saturday", D(2020, 3, 2), D(2020, 2, 29), "day"),  # a leap day, reached by weekday
    ("on Wednesday night", FRI, D(2020, 10, 21), "day"),
    ("Thursday morning", FRI, D(2020, 10, 22), "day"),
    ("as of Tuesday", THU, D(2020, 10, 13), "day"),
    ("by Monday", THU, D(2020, 10, 12), "day"),
    ("next Monday", FRI, D(2020, 10, 26), "day"),
    ("next Friday", FRI, D(2020, 10, 30), "day"),  # "next" never means the publication day
    ("next Friday", D(2020, 12, 28), D(2021, 1, 1), "day"),  # across the year end
    ("last Thursday", FRI, D(2020, 10, 22), "day"),
    ("last Friday", FRI, D(2020, 10, 16), "day"),
    ("this past Sunday", FRI, D(2020, 10, 18), "day"),
    ("this Sunday", FRI, D(2020, 10, 25), "day"),  # the Sunday of the publication week
    # month-days without a year: the latest such date not after publication
    ("since September 27", FRI, D(2020, 9, 27), "day"),
    ("since Sept. 27", FRI, D(2020, 9, 27), "day"),
    ("Oct. 22", FRI, D(2020, 10, 22), "day"),
    ("the 22nd of October", FRI, D(2020, 10, 22), "day"),
    ("since December 28", JAN5, D(2020, 12, 28), "day"),
    ("since January 3", JAN5, D(2021, 1, 3), "day"),
    ("on October 30", FRI, D(2019, 10, 30), "day"),  # after publication: read as last year's
    ("February 29", D(2021, 3, 1), D(2020, 2, 29), "day"),
    ("February 29", D(2024, 3, 1), D(2024, 2, 29), "day"),
    ("February 29", D(2024, 2, 28), D(2020, 2, 29), "day"),
    # full dates
    ("October 22, 2020", FRI, D(2020, 10, 22), "day"),
    ("22 October 2020", FRI, D(2020, 10, 22), "day"),
    ("October 22nd, 2020", FRI, D(2020, 10, 22), "day"),
    ("OCTOBER 22, 2020", FRI, D(2020, 10, 22), "day"),
    ("Thursday, October 22, 2020", FRI, D(2020, 10, 22), "day"),
    ("Sept. 27, 2020", FRI, D(2020, 9, 27), "day"),
    ("Oct 22 2020", FRI, D(2020, 10, 22), "day"),
    ("2020-10-22", FRI, D(2020, 10, 22), "day"),
    ("February 29, 2020", FRI, D(2020, 2, 29), "day"),
    # days around publication
    ("today", FRI, D(2020, 10, 23), "day"),
    ("tonight", FRI, D(2020, 10, 23), "day"),
    ("yesterday", FRI, D(2020, 10, 22), "day"),
    ("yesterday", D(2021, 1, 1), D(2020, 12, 31), "day"),
    ("the day before yesterday", FRI, D(2020, 10, 21), "day"),
    ("overnight", THU, D(2020, 10, 14), "day"),  # the night ending that morning, named by its evening
    ("last night", THU, D(2020, 10, 14), "day"),
    ("three days ago", FRI, D(2020, 10, 20), "day"),
    # weeks (starting on Monday), months and years: their first day
    ("this week", FRI, D(2020, 10, 19), "week"),
    ("earlier this week", FRI, D(2020, 10, 19), "week"),
    ("last week", FRI, D(2020, 10, 12), "week"),
    ("late last week", THU, D(2020, 10, 5), "week"),
    ("last week", D(2021, 1, 1), D(2020, 12, 21), "week"),
    ("next week", FRI, D(2020, 10, 26), "week"),
    ("the past week", FRI, D(2020, 10, 16), "week"),
    ("a week ago", FRI, D(2020, 10, 16), "week"),
    ("last month", FRI, D(2020, 9, 1), "month"),
    ("last month", JAN5, D(2020, 12, 1), "month"),
    ("since last month", D(2020, 3, 31), D(2020, 2, 1), "month"),
    ("earlier this month", FRI, D(2020, 10, 1), "month"),
    ("in September", FRI, D(2020, 9, 1), "month"),
    ("in October", FRI, D(2020, 10, 1), "month"),
    ("in December", JAN5, D(2020, 12, 1), "month"),
    ("in mid-September", FRI, D(2020, 9, 1), "month"),
    ("last May", FRI, D(2020, 5, 1), "month"),
    ("last October", FRI, D(2019, 10, 1), "month"),
    ("next March", FRI, D(2021, 3, 1), "month"),
    ("in September 2022", FRI, D(2022, 9, 1), "month"),
    ("in Sept. 2022", FRI, D(2022, 9, 1), "month"),
    ("last year", JAN5, D(2020, 1, 1), "year"),
    ("this year", JAN5, D(2021, 1, 1), "year"),
    ("in 1994", FRI, D(1994, 1, 1), "year"),
    ("since 2020", TUE, D(2020, 1, 1), "year"),
])
def test_resolve_date(expression, published, day, precision):
    r = resolve_date(expression, published)
    assert (r.date, r.precision) == (day, precision)
    assert r.text == expression


@pytest.mark.parametrize("surer, less_sure, published", [
    ("October 22, 2020", "Oct. 22", FRI),  # explicit year vs inferred year
    ("on Thursday", "on Friday", FRI),  # publication weekday: today or a week ago
    ("since September 27", "since November 27", FRI),  # inferred almost a year back
    ("Thursday, October 22, 2020", "Friday, October 22, 2020", FRI),  # weekday contradicts date
    ("in September 2022", "in September", FRI),
    ("yesterday", "overnight", FRI),
    ("next Monday", "this Sunday", FRI),  # "this Sunday": the coming one or the last one
    ("last week", "the previous week", FRI),
])
def test_confidence_reflects_ambiguity(surer, less_sure, published):
    assert resolve_date(surer, published).confidence > resolve_date(less_sure, published).confidence


@pytest.mark.parametrize("expression", ["2020-10-22", "October 22, 2020", "22 October 2020", "in 1994"])
def test_explicit_dates_are_certain(expression):
    assert resolve_date(expression, FRI).confidence == 1.0


@pytest.mark.parametrize("text, published, expected", [
    ("Putin spoke by phone on Wednesday as a ceasefire, brokered late last week, appeared to fail.", THU,
     [("on Wednesday", "on", "2020-10-14"), ("late last week", "last", "2020-10-05")]),
    ("As of Tuesday, officials said the toll was 542, rising by 17 from Monday.", THU,
     [("As of Tuesday", "as_of", "2020-10-13"), ("from Monday", "from", "2020-10-12")]),
    ("874 soldiers had been killed since September 27, when the fighting began.", FRI,
     [("since September 27", "since", "2020-09-27")]),
    ("The war ended in 1994 with a ceasefire.", FRI, [("in 1994", "in", "1994-01-01")]),
    ("They fought a war between 1988 and 1994.", FRI,
     [("between 1988", "from", "1988-01-01"), ("1994", "until", "1994-01-01")]),
    ("a country that lasted from 1922 to 1991.", FRI,
     [("from 1922", "from", "1922-01-01"), ("1991", "until", "1991-01-01")]),
    ("from September 27 until November 10", FRI,
     [("from September 27", "from", "2020-09-27"), ("November 10", "until", "2019-11-10")]),
    ("Fighting flared between May and July.", FRI,
     [("between May", "from", "2020-05-01"), ("July", "until", "2020-07-01")]),
    ("Survivors in Ganja, October 11, 2020. /AP", FRI, [("October 11, 2020", "absolute", "2020-10-11")]),
    ("Talks are set to take place in Washington on Friday.", FRI, [("on Friday", "on", "2020-10-23")]),
    ("NATO chief Jens Stoltenberg said Thursday that both sides suffered.", FRI,
     [("Thursday", "on", "2020-10-22")]),
    ("Clashes resumed earlier this month and again yesterday.", FRI,
     [("earlier this month", "relative", "2020-10-01"), ("yesterday", "relative", "2020-10-22")]),
    ("It was the worst fighting since last month, and before 2020.", FRI,
     [("since last month", "since", "2020-09-01"), ("before 2020", "before", "2020-01-01")]),
    ("Also on Thursday, Aliyev spoke; later on Thursday, Putin did.", FRI,
     [("on Thursday", "on", "2020-10-22"), ("on Thursday", "on", "2020-10-22")]),
    ("Voting runs until Sunday; results in early November.", FRI,
     [("until Sunday", "until", "2020-10-18"), ("in early November", "in", "2019-11-01")]),
])
def test_find_dates(text, published, expected):
    found = find_dates(text, published)
    assert [(m.text, m.kind, m.date.isoformat()) for m in found] == expected
    assert all(text[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize("text, expected", [
    ("since September 27", [("since September 27", "since", None)]),
    ("on Thursday", [("on Thursday", "on", None)]),
    ("last week", [("last week", "last", None)]),
    ("in 1994", [("in 1994", "in", "1994-01-01")]),
    ("October 22, 2020", [("October 22, 2020", "absolute", "2020-10-22")]),
    ("2020-10-22", [("2020-10-22", "absolute", "2020-10-22")]),
])
def test_without_publication_date_only_calendar_dates_resolve(text, expected):
    found = find_dates(text)
    assert [(m.text, m.kind, m.date and m.date.isoformat()) for m in found] == expected


@pytest.mark.parametrize("text", [
    "Erdogan may look tough but he is a flexible politician.",  # "may" the verb
    "May God protect them, he said.",
    "Thousands joined the March for Peace.",  # "March" the noun
    "Survivors remembered Bloody Sunday.",  # weekdays in names
    "The Sunday Times reported the figure.",
    "The Good Friday Agreement ended that conflict.",
    "He told USA Today the toll was rising.",
    "Russia Today broadcast the speech.",
    "The 2020 war left 6,500 people dead.",  # a year without a role word
    "Some 1994 people were displaced.",
    "In 2000 homes the power was cut.",  # a count after "in"
    "The 1990s were hard years.",
    "He finished 27th in line.",
    "Since then, the clashes have been the deadliest in decades.",
    "It has been so since the fighting erupted in the six-year war.",
    "February 30, 2020 is not a day.",
    "on the 31st of April",
    "an august body of experts",
])
def test_words_that_are_not_dates(text):
    assert find_dates(text, FRI) == []


@pytest.mark.parametrize("expression, params, day", [
    ("this week", DateParams(week_start=6), D(2020, 10, 18)),  # weeks starting on Sunday
    ("last week", DateParams(week_start=6), D(2020, 10, 11)),
    ("this Sunday", DateParams(week_start=6), D(2020, 10, 18)),
    ("on October 30", DateParams(future_days=14), D(2020, 10, 30)),  # upcoming within the window
    ("on November 30", DateParams(future_days=14), D(2019, 11, 30)),
    ("in November", DateParams(future_days=14), D(2020, 11, 1)),
])
def test_params(expression, params, day):
    assert resolve_date(expression, FRI, params=params).date == day


@pytest.mark.parametrize("kwargs", [{"week_start": 7}, {"future_days": -1}])
def test_bad_params_are_refused(kwargs):
    with pytest.raises(ValueError, match="DateParams"):
        DateParams(**kwargs)


@pytest.mark.parametrize("published", [FRI, dt.datetime(2020, 10, 23, 14, 5), "2020-10-23"])
def test_publication_date_forms(published):
    assert resolve_date("on Thursday", published).date == D(2020, 10, 22)


@pytest.mark.parametrize("text, published, error, message", [
    (None, FRI, TypeError, "str"),
    ("on Thursday", "23/10/2020", ValueError, "23/10/2020"),
    ("on Thursday", 20201023, TypeError, "publication date"),
])
def test_bad_input_is_named(text, published, error, message):
    with pytest.raises(error, match=message):
        find_dates(text, published)


@pytest.mark.parametrize("expression, published, last_day", [
    ("on Thursday", FRI, D(2020, 10, 22)),
    ("last week", FRI, D(2020, 10, 18)),
    ("in February 2020", FRI, D(2020, 2, 29)),
    ("in 1994", FRI, D(1994, 12, 31)),
])
def test_last_day_of_the_period(expression, published, last_day):
    assert resolve_date(expression, published).last_day == last_day


def test_date_mentions_table_traces_each_date_to_its_span():
    raw = ("Fighting resumes\n"
           "Officials said on Thursday that 874 soldiers had been killed since September 27.\n"
           "Survivors in Ganja, October 11, 2020. /AP\n")
    docs = [document_from_text(raw, doc_id="a", outlet="Wire", published="2020-10-23"),
            document_from_text("Clashes were reported yesterday.", doc_id="b")]
    table = date_mentions(docs)
    assert schema.validate(table, "dates") == []
    assert list(table["text"]) == ["on Thursday", "since September 27", "yesterday"]
    assert list(table["date"].fillna("")) == ["2020-10-22", "2020-09-27", ""]  # b has no date
    assert all(docs[0].raw[r.start:r.end] == r.text for r in table[table.doc_id == "a"].itertuples())
    assert table.attrs["params"] == {"week_start": 0, "future_days": 0}
    with_captions = date_mentions(docs, include_boilerplate=True)
    assert "October 11, 2020" in set(with_captions["text"])


# ---------------------------------------------------------------- properties
_DAYS = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@settings(max_examples=200, deadline=None)
@given(day=_DAYS, fmt=st.sampled_from(["%B %d, %Y", "%d %B %Y", "%Y-%m-%d", "%b %d, %Y", "%A, %B %d, %Y"]))
def test_written_dates_read_back(day, fmt):
    r = resolve_date(day.strftime(fmt), None)
    assert (r.date, r.confidence) == (day, 1.0)


@settings(max_examples=200, deadline=None)
@given(published=_DAYS, weekday=st.sampled_from(range(7)))
def test_weekday_is_within_the_week_before_publication(published, weekday):
    r = resolve_date(f"on {_WEEKDAYS[weekday]}", published)
    assert r.date.weekday() == weekday
    assert 0 <= (published - r.date).days <= 6


@settings(max_examples=200, deadline=None)
@given(published=_DAYS, target=_DAYS)
def test_month_day_is_the_latest_not_after_publication(published, target):
    r = resolve_date(target.strftime("since %B %d"), published)
    assert (r.date.month, r.date.day) == (target.month, target.day)
    assert r.date <= published
    limit = 366 * 8 if (target.month, target.day) == (2, 29) else 366
    assert (published - r.date).days < limit


_VOCABULARY = ["on", "since", "as", "of", "last", "next", "this", "week", "month", "the", "in", "May",
               "may", "March", "Sunday", "Times", "Bloody", "Thursday", "September", "Sept.", "27", "2020",
               "1994", "22nd", "yesterday", "today", "ago", "three", "and", "to", "between", "from", ",",
               ".", "killed", "soldiers", "USA", "Today", "-", "2020-10-22", "early", "mid-", "overnight"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(_VOCABULARY), max_size=25), published=st.none() | _DAYS)
def test_mentions_are_spans_of_the_text(words, published):
    text = " ".join(words)
    found = find_dates(text, published)
    ends = [0] + [m.end for m in found]
    for m, previous_end in zip(found, ends):
        assert text[m.start:m.end] == m.text and m.start >= previous_end
        assert m.kind in KINDS
        if m.resolution:
            assert m.resolution.precision in PRECISIONS and 0 < m.resolution.confidence <= 1
