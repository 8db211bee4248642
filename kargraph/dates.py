"""Date expressions in English news text, found with their spans and resolved to days.

``find_dates(text, published)`` returns every date expression of ``text`` as a
:class:`DateMention`: its span (``text[start:end]``), its ``kind`` (the role it plays) and
its :class:`DateResolution` (the day it names, how precise and how sure that is, and the
rule that decided). ``resolve_date(expression, published)`` resolves one expression.
``date_mentions(corpus)`` tabulates every mention of a corpus with offsets into the raw
text of each document (table ``dates`` of :mod:`kargraph.schema`).

Relative expressions are resolved against the publication date: "on Thursday" in an
article of Friday 2020-10-23 is 2020-10-22. Without a publication date they are found but
left unresolved (``resolution`` is None); calendar dates with a year still resolve.

``kind`` is the role word in front of the expression when there is one, else its form:

========== ===========================================================================
on         "on Thursday"; a bare weekday too ("Putin said Thursday"), as news style drops
           the "on"
in         "in 1994", "in September 2022", "during October"
as_of      "as of Tuesday", "as at", "by Tuesday"
since      "since September 27", "since last month"
from       "from Monday", "between 1988 and ..."
until      "until Friday", "through 2020", and the end of a range ("... and 1994",
           "... to 1991")
before     "before 2020"
after      "after October 10"
last       "last week", "late last week", "last Thursday", "last May"
relative   "yesterday", "today", "overnight", "this week", "earlier this month",
           "next Monday", "three days ago"
absolute   a calendar date with no role word ("October 22, 2020" in a photo caption)
========== ===========================================================================

``date`` is the day named, or the first day of the period for ``precision`` ``week``
(weeks start on Monday unless ``DateParams.week_start`` says otherwise), ``month`` and
``year``. ``confidence`` (0-1) says how ambiguous the expression is, by rule:

======================== ============================================= ====== =========
rule                     example                                        conf.  precision
======================== ============================================= ====== =========
iso                      2020-10-22                                     1.0    day
full_date                October 22, 2020; 22 October 2020              1.0    day
month_year               September 2022                                 1.0    month
year                     in 1994                                        1.0    year
today                    today, tonight, this morning                   0.95   day
yesterday                yesterday, the day before yesterday            0.9    day
this_period              this week, earlier this month, this year       0.9    period
last_period              last week, last month, last year               0.9    period
next_period              next week                                      0.9    period
month_day                Sept. 27 (year inferred, within half a year)   0.85   day
weekday                  on Thursday (publication on another weekday)   0.85   day
past_weekday             this past Sunday                               0.85   day
next_weekday             next Monday                                    0.8    day
trailing_period          the past week (the 7 days before publication)  0.8    period
ago                      three days ago, a month ago                    0.8    unit
last_night               last night                                     0.8    day
month                    in September (year inferred)                   0.8    month
month_qualified          last May, next March                           0.8    month
last_weekday             last Thursday (this week's or the week before) 0.7    day
previous_period          the previous week (often relative to a story   0.6    period
                         date, not the publication)
weekday_publication_day  on Thursday, published on a Thursday: that     0.6    day
                         day, or a week earlier
month_day_distant        Sept. 27 inferred more than half a year back   0.6    day
overnight                overnight (the night before publication,       0.6    day
                         named by its evening)
\\*_weekday_mismatch      Friday, October 22, 2020 (the 22nd was a       0.5    day
                         Thursday)
this_weekday             this Sunday (the coming one or the last one)   0.4    day
======================== ============================================= ====== =========

A month-day without a year is the latest such date not after publication (plus
``DateParams.future_days``), so "since December 28" in an article of 2021-01-05 is
2020-12-28 and "February 29" goes back to the last leap year. A bare weekday is the most
recent such day on or before publication; "next Monday" looks forward. Future references
without "next" ("talks will be held on Monday") therefore resolve to the past: tense is
not read.

Words that look like dates but are not are left alone: month names are matched only
capitalised and, without a day or year, only after a role word or qualifier ("in May",
"last March", not "May look" or "the March for Peace"); a bare weekday or "today" next
to a capitalised word is read as part of a name ("Bloody Sunday", "the Sunday Times",
"USA Today"); a bare four-digit number is a year only after a role word ("in 1994",
"since 2020", not "the 2020 war" or "1994 people"). Numeric dates such as 10/22/2020 are
not read (month-first or day-first cannot be told apart).

What is hand-written and why: finding the expressions (compiled regular expressions) and
resolving them against a publication date with a confidence. ``dateparser.search`` finds
dates but returns no character offsets, reads the verb "may" as the month, misses "late
last week", costs about 3 ms a sentence and has no notion of confidence; ``dateutil``'s
parser fills missing fields (the year of "Oct. 22") silently from a default, so the
precision of what was written is lost. From ``dateutil`` kargraph takes the month and
weekday names (``parserinfo``) and the calendar arithmetic (``relativedelta``: weekdays
before or after a day, month and year steps).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Iterable, NamedTuple

import pandas as pd
from dateutil.parser import parserinfo
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekdays as _RD_WEEKDAYS

from . import schema

PRECISIONS = ("day", "week", "month", "year")
KINDS = ("on", "in", "as_of", "since", "from", "until", "before", "after", "last", "relative", "absolute")

CONFIDENCE = {
    "iso": 1.0, "full_date": 1.0, "month_year": 1.0, "year": 1.0,
    "today": 0.95,
    "yesterday": 0.9, "this_period": 0.9, "last_period": 0.9, "next_period": 0.9,
    "month_day": 0.85, "weekday": 0.85, "past_weekday": 0.85,
    "next_weekday": 0.8, "trailing_period": 0.8, "ago": 0.8, "last_night": 0.8, "month": 0.8,
    "month_qualified": 0.8,
    "last_weekday": 0.7,
    "previous_period": 0.6, "weekday_publication_day": 0.6, "month_day_distant": 0.6, "overnight": 0.6,
    "weekday_mismatch": 0.5,
    "this_weekday": 0.4,
}
#: a month-day without a year inferred further back than this is "month_day_distant"
RECENT_DAYS = 183
_MIN_YEAR, _MAX_YEAR = 1800, 2100


@dataclass(frozen=True, kw_only=True)
class DateParams:
    """Options of date resolution.

    Attributes:
        week_start: first day of a week, 0 = Monday (ISO, the default) ... 6 = Sunday (US).
            Decides where "this week" and "last week" begin and which day "this Sunday" is.
        future_days: a month-day or month without a year may lie this many days after the
            publication date (0: always the latest one on or before it).
    """

    week_start: int = 0
    future_days: int = 0

    def __post_init__(self):
        if self.week_start not in range(7):
            raise ValueError(f"DateParams.week_start must be 0 (Monday) to 6 (Sunday), not {self.week_start!r}")
        if self.future_days < 0:
            raise ValueError(f"DateParams.future_days must be 0 or more, not {self.future_days!r}")


class DateResolution(NamedTuple):
    """The day an expression names, how precise and how sure that is."""

    date: dt.date  # the day, or the first day of the week, month or year
    precision: str  # day, week, month, year
    confidence: float  # 0-1, see the rule table of the module
    rule: str  # short name of the rule that resolved it
    text: str  # the expression as written

    @property
    def last_day(self) -> dt.date:
        """The last day of the period the expression names (``date`` for a day)."""
        step = {"day": relativedelta(days=1), "week": relativedelta(weeks=1),
                "month": relativedelta(months=1), "year": relativedelta(years=1)}[self.precision]
        return self.date + step - relativedelta(days=1)


class DateMention(NamedTuple):
    """A date expression in a text: ``text[start:end]`` gives it back."""

    start: int
    end: int
    text: str
    kind: str  # see KINDS and the module table
    resolution: DateResolution | None  # None when relative and no publication date is known

    @property
    def date(self) -> dt.date | None:
        return self.resolution.date if self.resolution else None


# --------------------------------------------------------------------- patterns
_INFO = parserinfo()
_MONTH_NUMBER = {name.lower(): i + 1 for i, names in enumerate(_INFO.MONTHS) for name in names}
_WEEKDAY_NUMBER = {names[-1].lower(): i for i, names in enumerate(_INFO.WEEKDAYS)}


def _alternation(names: Iterable[str]) -> str:
    return "|".join(sorted(set(names), key=len, reverse=True))


# month names only capitalised (or in capitals): "may" and "august" are ordinary words;
# only an abbreviation takes the full stop after it ("Sept. 27", not "in November.")
_FULL_MONTHS = {names[-1].lower() for names in _INFO.MONTHS}
_MONTH = ("(?:" + _alternation(n for name in _FULL_MONTHS for n in (name.title(), name.upper())) + r")\b|(?:"
          + _alternation(n for name in set(_MONTH_NUMBER) - _FULL_MONTHS for n in (name.title(), name.upper()))
          + r")(?:\.|\b)")
_WEEKDAY = r"(?i:" + _alternation(_WEEKDAY_NUMBER) + r")\b"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![,.]?\d)"
_YEAR_DIGITS = r"(?:1[89]\d\d|20\d\d)"
_YEAR = _YEAR_DIGITS + r"\b(?![.,]\d)"
# a year right before one of these words is a count ("in 2000 homes")
_NOT_A_COUNT = (r"(?!\s*%|\s+(?i:more|other|people|persons|civilians|soldiers|troops|servicemen|men|"
                r"women|children|dead|deaths|casualties|homes|houses|cases|times|per\s*cent|percent)\b)")

_LEADS = {
    "as of": "as_of", "as at": "as_of", "by": "as_of", "since": "since", "from": "from",
    "between": "from", "until": "until", "till": "until", "through": "until", "on": "on",
    "in": "in", "during": "in", "before": "before", "after": "after",
}
# role words after which a bare year is a year
_YEAR_LEADS = frozenset(_LEADS) - {"on"}

_MASTER = re.compile(
    r"\b"
    r"(?:(?P<lead>(?i:as\s+of|as\s+at|by|since|from|between|until|till|through|on|in|during|before|after))\s+)?"
    r"(?:(?P<mod>(?i:early|late|earlier|later|mid))(?:\s+|-))?"
    r"(?:"
    rf"(?P<iso>(?P<iso_y>{_YEAR_DIGITS})(?P<iso_sep>[-/])(?P<iso_m>0[1-9]|1[0-2])(?P=iso_sep)"
    r"(?P<iso_d>[0-3]\d)\b)"
    rf"|(?P<mdy>(?:(?P<mdy_w>{_WEEKDAY}),?\s+)?(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})"
    rf"(?:,?\s+(?P<mdy_y>{_YEAR}))?)"
    rf"|(?P<dmy>(?:(?P<dmy_w>{_WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<dmy_d>{_DAY})\s+(?:of\s+)?"
    rf"(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR}))?)"
    rf"|(?P<my>(?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR}))"
    r"|(?P<period>(?P<pq>(?i:the\s+past|the\s+last|the\s+previous|last|this|next))\s+"
    r"(?P<unit>(?i:week|month|year))\b)"
    r"|(?P<ago>(?P<n>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)|\d{1,2})\s+"
    r"(?P<ago_unit>(?i:day|week|month|year))s?\s+(?i:ago)\b)"
    r"|(?P<rel>(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|overnight|last\s+night|"
    r"this\s+(?:morning|afternoon|evening))\b)"
    rf"|(?P<wd>(?:(?P<wq>(?i:this\s+past|last|next|this|coming|past))\s+)?(?P<wd_name>{_WEEKDAY})"
    r"(?:\s+(?i:night|morning|afternoon|evening)\b)?)"
    rf"|(?P<mon>(?:(?P<mq>(?i:last|this|next))\s+)?(?P<mon_m>{_MONTH}))"
    rf"|(?P<year>{_YEAR}{_NOT_A_COUNT})"
    r")"
)
# every date expression holds a number or one of these words and starts at most
# _LOOKBACK_WORDS words before it ("as of the day before yesterday"); trying the pattern
# only at the few words that can open one keeps the many sentences without dates cheap
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_ANCHOR_WORDS = frozenset(
    [*_MONTH_NUMBER, *_WEEKDAY_NUMBER, "yesterday", "today", "tonight", "overnight", "night", "morning",
     "afternoon", "evening", "week", "month", "year", "ago"]
)
_LOOKBACK_WORDS = 6
# the words an expression can start with before its anchor (role words, modifiers,
# qualifiers, "the", counts of "... ago")
_OPENING_WORDS = frozenset(
    """as by since from between until till through on in during before after early late earlier
    later mid last this next coming past the a an one two three four five six seven eight nine
    ten""".split()
)
_RANGE_TAIL = re.compile(r"\s*(?:and|to|until|till|through|[-\u2013\u2014])\s*")
_WORD_BEFORE = re.compile(r"([A-Z][\w'\u2019.-]*)[ \t]+$")
_CAPITALISED_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
# capitalised words that may stand right before a date word without making it a name
_NOT_NAMES = frozenset(
    """the a an and or but also on in since by from until till through between after before
    during as of at for to with than that this last next early late earlier later mid
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DEFAULT = DateParams()


# ------------------------------------------------------------------- public API
def find_dates(text: str, published: dt.date | str | None = None, *,
               params: DateParams | None = None) -> list[DateMention]:
    """Date expressions in ``text``, in text order, each with its resolution.

    Args:
        text: a sentence or paragraph of English news text.
        published: publication date that relative expressions are resolved against
            (a ``datetime.date`` or ISO string); None leaves them unresolved.
        params: resolution options (week start, future window).

    Returns:
        One :class:`DateMention` per expression, non-overlapping, with ``start``/``end``
        offsets into ``text``.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_dates needs a str, not {type(text).__name__}")
    published = _as_date(published)
    params = params or _DEFAULT
    found: list[DateMention] = []
    pos = 0
    openings: list[tuple[int, int]] = []  # (token number, start) of words that may open one
    for k, token in enumerate(_TOKEN.finditer(text)):
        word = token.group().lower()
        is_anchor = word[0].isdigit() or word in _ANCHOR_WORDS
        if is_anchor or word in _OPENING_WORDS:
            openings.append((k, token.start()))
        while openings and openings[0][0] < k - _LOOKBACK_WORDS:
            del openings[0]
        if not is_anchor or token.start() < pos:
            continue
        m = _first_match(text, [start for _, start in openings if start >= pos])
        if m is None:
            continue
        pos = m.end()
        mention = _mention(text, m, published, params)
        if mention is None:
            continue
        found.append(mention)
        if mention.kind == "from":
            tail = _range_tail(text, m.end(), published, params)
            if tail is not None:
                found.append(tail)
                pos = tail.end
    return found


def resolve_date(expression: str, published: dt.date | str | None, *,
                 params: DateParams | None = None) -> DateResolution | None:
    """The resolution of the (first) date expression in ``expression``.

    ``resolve_date("on Thursday", date(2020, 10, 23)).date == date(2020, 10, 22)``.
    Returns None when ``expression`` holds no date expression, or when it is relative and
    ``published`` is None.
    """
    mentions = find_dates(expression, published, params=params)
    return mentions[0].resolution if mentions else None


def date_mentions(corpus: Iterable, *, params: DateParams | None = None,
                  include_boilerplate: bool = False) -> pd.DataFrame:
    """Every date expression of a corpus, one row per mention (table ``dates``).

    Args:
        corpus: a :class:`~kargraph.document.Corpus` or any iterable of documents.
        params: resolution options.
        include_boilerplate: also read captions, furniture and credit lines.

    Returns:
        The ``dates`` table: ``start``/``end`` are offsets into each document's ``raw``
        text, ``date`` is ISO (empty when unresolved); ``attrs["params"]`` records the
        options.
    """
    params = params or _DEFAULT
    rows = []
    for doc in corpus:
        for s in doc.sentences:
            if s.is_boilerplate and not include_boilerplate:
                continue
            for m in find_dates(s.text, doc.published, params=params):
                r = m.resolution
                rows.append({
                    "doc_id": doc.doc_id, "outlet": doc.outlet,
                    "published": doc.published.isoformat() if doc.published else None,
                    "sentence": s.index, "start": s.start + m.start, "end": s.start + m.end,
                    "text": m.text, "kind": m.kind,
                    "date": r.date.isoformat() if r else None, "precision": r.precision if r else None,
                    "confidence": r.confidence if r else float("nan"), "rule": r.rule if r else None,
                })
    table = schema.conform(pd.DataFrame(rows, columns=schema.columns("dates")), "dates")
    table.attrs["params"] = asdict(params)
    return table


# ------------------------------------------------------------------- internals
def _first_match(text: str, starts: list[int]) -> re.Match | None:
    """The date expression starting at the first of ``starts`` where one does."""
    for start in starts:
        m = _MASTER.match(text, start)
        if m is not None:
            return m
    return None


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # also pandas.Timestamp
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"publication date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    raise TypeError(f"publication date must be a datetime.date or ISO string, not {type(value).__name__}")


def _mention(text: str, m: re.Match, published: dt.date | None, params: DateParams) -> DateMention | None:
    lead = _lead(m)
    form = m.lastgroup
    if form == "year" and lead not in _YEAR_LEADS:
        return None
    if form == "mon" and not (lead or m.group("mod") or m.group("mq")):
        return None
    if not lead and not m.group("mod") and _looks_like_name(text, m, form):
        return None
    outcome = _resolve(m, form, published, params)
    if outcome is False:  # the digits do not make a calendar date (February 30)
        return None
    kind = _LEADS[lead] if lead else _form_kind(m, form)
    return DateMention(m.start(), m.end(), m.group(0), kind, outcome and outcome._replace(text=m.group(0)))


def _range_tail(text: str, pos: int, published: dt.date | None, params: DateParams) -> DateMention | None:
    """The end of a range after a ``from``/``between`` mention ("... and 1994", "... to 1991")."""
    sep = _RANGE_TAIL.match(text, pos)
    if not sep or sep.end() == pos:
        return None
    m = _MASTER.match(text, sep.end())
    if m is None or m.group("lead"):
        return None
    outcome = _resolve(m, m.lastgroup, published, params)
    if outcome is False:
        return None
    return DateMention(m.start(), m.end(), m.group(0), "until", outcome and outcome._replace(text=m.group(0)))


def _lead(m: re.Match) -> str | None:
    lead = m.group("lead")
    return re.sub(r"\s+", " ", lead.lower()) if lead else None


def _form_kind(m: re.Match, form: str) -> str:
    qualifier = re.sub(r"\s+", " ", (m.group("pq") or m.group("wq") or m.group("mq") or "").lower())
    if form in ("iso", "mdy", "dmy", "my", "year") or (form == "mon" and not qualifier):
        return "absolute"
    if qualifier in ("last", "past", "this past") or (form == "rel" and m.group(0).lower().startswith("last")):
        return "last"
    if form == "wd" and not qualifier:
        return "on"
    return "relative"


def _looks_like_name(text: str, m: re.Match, form: str) -> bool:
    """A bare weekday or "today" inside a name: Bloody Sunday, the Sunday Times, USA Today."""
    if form == "wd" and not m.group("wq"):
        if _CAPITALISED_AFTER.match(text, m.end()):
            return True
    elif not (form == "rel" and m.group(0).lower() in ("today", "yesterday", "tonight")):
        return False
    before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
    return bool(before) and before.group(1).lower().rstrip(".") not in _NOT_NAMES


def _resolve(m: re.Match, form: str, published: dt.date | None, params: DateParams):
    """A DateResolution (text filled in by the caller), None when it needs a publication
    date that is missing, or False when the digits make no calendar date."""
    g = m.group
    if form == "iso":
        return _full_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")), None, "iso")
    if form in ("mdy", "dmy"):
        month = _MONTH_NUMBER[g(f"{form}_m").rstrip(".").lower()]
        day = int(re.match(r"\d+", g(f"{form}_d")).group(0))
        weekday = _WEEKDAY_NUMBER[g(f"{form}_w").lower()] if g(f"{form}_w") else None
        if g(f"{form}_y"):
            return _full_date(int(g(f"{form}_y")), month, day, weekday, "full_date")
        return _month_day(month, day, weekday, published, params)
    if form == "my":
        return _made(dt.date(int(g("my_y")), _MONTH_NUMBER[g("my_m").rstrip(".").lower()], 1), "month", "month_year")
    if form == "year":
        year = int(g("year")[:4])
        return _made(dt.date(year, 1, 1), "year", "year") if _MIN_YEAR <= year <= _MAX_YEAR else False
    if published is None:
        return None
    if form == "period":
        return _period(g("pq").lower().split()[-1], g("pq").lower().startswith("the"), g("unit").lower(),
                       published, params)
    if form == "ago":
        n = _NUMBER_WORDS.get(g("n").lower()) or int(g("n"))
        unit = g("ago_unit").lower()
        return _made(published - _step(unit, n), unit, "ago")
    if form == "rel":
        return _relative_word(re.sub(r"\s+", " ", g("rel").lower()), published)
    if form == "wd":
        qualifier = re.sub(r"\s+", " ", (g("wq") or "").lower())
        return _weekday(_WEEKDAY_NUMBER[g("wd_name").lower()], qualifier, published, params)
    if form == "mon":
        return _month(_MONTH_NUMBER[g("mon_m").rstrip(".").lower()], (g("mq") or "").lower(), published, params)
    raise AssertionError(f"unhandled date form {form}")


def _made(day: dt.date, precision: str, rule: str) -> DateResolution:
    return DateResolution(day, precision, CONFIDENCE[rule], rule, "")


def _full_date(year: int, month: int, day: int, weekday: int | None, rule: str):
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return False
    if weekday is not None and date.weekday() != weekday:
        return DateResolution(date, "day", CONFIDENCE["weekday_mismatch"], f"{rule}_weekday_mismatch", "")
    return _made(date, "day", rule)


def _month_day(month: int, day: int, weekday: int | None, published: dt.date | None, params: DateParams):
    """The latest such day on or before publication (plus the future window)."""
    if not _valid_month_day(month, day):
        return False
    if published is None:
        return None
    latest = published + dt.timedelta(days=params.future_days)
    # eight years back always reaches a February 29
    for year in range(latest.year, latest.year - 9, -1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= latest:
            break
    if weekday is not None and date.weekday() != weekday:
        return DateResolution(date, "day", CONFIDENCE["weekday_mismatch"], "month_day_weekday_mismatch", "")
    return _made(date, "day", "month_day" if (published - date).days <= RECENT_DAYS else "month_day_distant")


def _valid_month_day(month: int, day: int) -> bool:
    try:
        dt.date(2000, month, day)  # a leap year: every month-day that can exist does
    except ValueError:
        return False
    return True


def _month(month: int, qualifier: str, published: dt.date, params: DateParams) -> DateResolution:
    if qualifier == "this":
        return _made(dt.date(published.year, month, 1), "month", "month_qualified")
    if qualifier == "last":  # the latest such month before the current one
        year = published.year if month < published.month else published.year - 1
        return _made(dt.date(year, month, 1), "month", "month_qualified")
    if qualifier == "next":
        year = published.year if month > published.month else published.year + 1
        return _made(dt.date(year, month, 1), "month", "month_qualified")
    latest = published + dt.timedelta(days=params.future_days)
    year = latest.year if dt.date(latest.year, month, 1) <= latest else latest.year - 1
    return _made(dt.date(year, month, 1), "month", "month")


def _weekday(weekday: int, qualifier: str, published: dt.date, params: DateParams) -> DateResolution:
    rd = _RD_WEEKDAYS[weekday]
    if qualifier in ("next", "coming"):
        return _made(published + relativedelta(days=1, weekday=rd(+1)), "day", "next_weekday")
    if qualifier in ("last", "past", "this past"):
        rule = "last_weekday" if qualifier == "last" else "past_weekday"
        return _made(published + relativedelta(days=-1, weekday=rd(-1)), "day", rule)
    if qualifier == "this":
        start = _period_start(published, "week", params)
        return _made(start + dt.timedelta(days=(weekday - params.week_start) % 7), "day", "this_weekday")
    rule = "weekday_publication_day" if published.weekday() == weekday else "weekday"
    return _made(published + relativedelta(weekday=rd(-1)), "day", rule)


def _relative_word(word: str, published: dt.date) -> DateResolution:
    if word == "yesterday":
        return _made(published - dt.timedelta(days=1), "day", "yesterday")
    if word == "the day before yesterday":
        return _made(published - dt.timedelta(days=2), "day", "yesterday")
    if word == "last night":
        return _made(published - dt.timedelta(days=1), "day", "last_night")
    if word == "overnight":  # the night ending on the publication morning, named by its evening
        return _made(published - dt.timedelta(days=1), "day", "overnight")
    return _made(published, "day", "today")  # today, tonight, this morning/afternoon/evening


def _period(qualifier: str, with_the: bool, unit: str, published: dt.date, params: DateParams) -> DateResolution:
    if with_the and qualifier in ("past", "last"):  # "the past week": the 7 days before publication
        return _made(published - _step(unit, 1), unit, "trailing_period")
    start = _period_start(published, unit, params)
    if qualifier == "this":
        return _made(start, unit, "this_period")
    if qualifier == "next":
        return _made(start + _step(unit, 1), unit, "next_period")
    return _made(start - _step(unit, 1), unit, "previous_period" if qualifier == "previous" else "last_period")


def _period_start(day: dt.date, unit: str, params: DateParams) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=(day.weekday() - params.week_start) % 7)
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _step(unit: str, n: int) -> relativedelta:
    return relativedelta(**{f"{unit}s": n})
