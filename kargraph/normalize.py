"""Numbers and hedges in English news text: what each number is and how it is qualified.

``find_numbers(text)`` returns every number phrase with its span, value and kind, so that
counts ("874 soldiers", "two thousand", "1 million", "hundreds") stay distinguishable from
years ("1994"), ordinals ("27th"), dates ("September 27"), decades ("the 90's"),
durations ("six-year war"), percentages, money, times and designations ("F-16").
``find_hedge`` reads the words around a number ("nearly", "more than", "between 30 and
40") and ``hedge_interval`` turns the hedge into the interval of ``HedgeParams``, which
default to the annotation rules of ``data/gold/README.md``:

=========== ==================================================== =======================
label       cues                                                 interval for value v
=========== ==================================================== =======================
exact       (none)                                               [v, v]
about       about, around, some, roughly, approximately, an      [0.9v, 1.1v]
            estimated, circa, "or so"
nearly      nearly, almost, close to, nearing, approaching,      [0.9v, v]
            just under
more_than   more than, over, surpassed, exceeded, in excess of,  (v, open]
            upwards of, topped, "-plus", "+"
at_least    at least, no fewer than, no less than, "or more"     [v, open]
less_than   less than, under, below, fewer than                  [0, v)
up_to       up to, as many as, as high as                        [0, v]
range       between 30 and 40, 30-40, 30 to 40                   [30, 40]
vague       dozens, scores, hundreds, thousands, tens of         [unit, 10 x unit - 1],
            thousands, hundreds of thousands, millions           value = unit;
            several hundred (thousand), a few hundred (thousand) [2 x unit, ...], value
                                                                 = 2 x unit (``VAGUE``)
=========== ==================================================== =======================

Written by hand because the libraries that turn number words into digits (text2num,
word2number) rewrite the text or return a value without telling where the number phrase
starts and ends, and none classifies years, ordinals and dates apart from counts; every
figure kargraph reports must keep its exact span.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

# ------------------------------------------------------------------ vocabularies
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_SCALE_ABBREVIATIONS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
#: vague quantity words: value (the low end of the interval: the unit, or twice the unit for
#: "several"/"a few", so that ``low <= value <= high`` holds for every word) and [low, high]
VAGUE = {
    "dozens": (12, 12, 99),
    "scores": (20, 20, 99),
    "hundreds": (100, 100, 999),
    "thousands": (1_000, 1_000, 9_999),
    "tens of thousands": (10_000, 10_000, 99_999),
    "hundreds of thousands": (100_000, 100_000, 999_999),
    "millions": (1_000_000, 1_000_000, 9_999_999),
    "several hundred": (200, 200, 999),
    "several thousand": (2_000, 2_000, 9_999),
    "a few hundred": (200, 200, 500),
    "a few thousand": (2_000, 2_000, 5_000),
}
_MONTHS = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
           r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
#: nouns after a four-digit number that make it a count, not a year
_COUNT_NOUNS = frozenset(
    """people persons soldiers troops civilians servicemen servicemembers fighters militants
    combatants dead deaths killed casualties fatalities victims wounded injured children women
    men residents refugees lives bodies personnel officers members others more""".split()
)
_ZW = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_GROUP_SEP = ",\u00a0\u202f\u2009 '\u066c"

# "and" joins number words only after a scale ("two hundred and seven"), not in "twenty and thirty"
_AND_AFTER_SCALE = "(?:" + "|".join(f"(?<={w})" for w in ("hundred", "thousand", "million", "billion", "trillion")) + ")"
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))
_DIGITS = (rf"(?:\d[{_ZW}]*){{1,3}}(?:[{_GROUP_SEP}](?:\d[{_ZW}]*){{3}})+(?:\.\d+)?"
           rf"|(?:\d[{_ZW}]*)+(?:[.\u066b]\d+)?")
_TOKEN = re.compile(
    rf"(?P<signed>(?<![\w\d])[-\u2212](?=\d))?"
    rf"(?P<digits>(?<![\w\d.,])(?:{_DIGITS}))"
    rf"(?P<suffix>(?:st|nd|rd|th)\b|%|(?:'|\u2019)?s\b|-(?:year|day|week|month|hour|minute|storey|story|"
    rf"member|point|mile|km|kilometre|kilometer)s?\b|[kKmM](?:n|bn)?\b|bn\b)?"
    rf"(?P<scale>\s+(?:{'|'.join(_SCALES)})\b)?"
    rf"|(?P<words>\b(?:(?:an?|one)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?(?:{_NUMBER_WORD})(?:(?:{_AND_AFTER_SCALE}\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b)"
    rf"(?P<wsuffix>-(?:year|day|week|month|hour|storey|story|member|point)s?\b)?",
    re.I,
)
_VAGUE_RE = re.compile(
    r"\b(?P<vague>tens of thousands|hundreds of thousands|several hundred|several thousand|"
    r"a few hundred|a few thousand|dozens|scores|hundreds|thousands|millions)\b(?!\s+(?:of\s+)?(?:dollars|"
    r"euros|pounds|manat|rubles|roubles|years|miles|kilometers|kilometres|times))",
    re.I,
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b")
_DESIGNATION_BEFORE = re.compile(r"(?:\b[A-Za-z]{1,6}-|\b[A-Z]{1,4}|#)$")
_DESIGNATION_AFTER = re.compile(r"^(?!-?plus\b)-?[A-Za-z]", re.I)
_MONEY_BEFORE = re.compile(r"[$\u20ac\u00a3\u20bd\u20ba]\s*$|\b(?:USD|EUR|AZN|AMD)\s*$")
_MONEY_AFTER = re.compile(r"^\s*(?:(?:million|billion|thousand)\s+)?(?:dollars|euros|pounds|manat|drams?|rubles|"
                          r"roubles|lira|USD|EUR)\b", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:per\s?cent|percent|pct)\b", re.I)
_TIME_AROUND = re.compile(r"^\s*(?:[ap]\.?m\.?|o'clock|GMT|UTC|hours?\b(?=\s+(?:GMT|local)))", re.I)
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+$", re.I)
_AGE_AFTER = re.compile(r"^[\s-]+years?[\s-]+old\b", re.I)
_YEAR_CONTEXT_BEFORE = re.compile(r"\b(?:in|since|until|till|by|from|of|during|before|after|between|"
                                  r"and|to|year|early|late|mid|spring|summer|autumn|fall|winter)\s+$", re.I)

_DIGIT_PHRASE = re.compile(rf"([-\u2212]?[\d{_GROUP_SEP}.\u066b]+)\s*(k|m|mn|bn|{'|'.join(_SCALES)})?")
_GROUPED = re.compile(rf"\d{{1,3}}(?:[{_GROUP_SEP}]\d{{3}})+(?:[.\u066b]\d+)?")
_SEPARATORS = re.compile(rf"[{_GROUP_SEP}]")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_WORD_SPLIT = re.compile(r"[\s-]+")
_ARTICLE_ONLY = re.compile(r"(?:an?)", re.I)
_ONE_OF = re.compile(r"^\s+of\b|^-", re.I)  # "one of them", "one-year"
_DECADE_END = re.compile(r"\d0")
_NEXT_WORD = re.compile(r"\s+(?:more\s+)?(\w+)")
_DAY_AT_END = re.compile(r"\d{1,2},?\s*$")
_MAX_INT_DIGITS = 300
# zero-width characters, soft hyphens and direction marks, when they sit between two digits,
# a digit and a separator, or two letters (inside a number or a word, not between them)
_INVISIBLE = _ZW + "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
_INVISIBLE_INSIDE = re.compile(
    rf"(?<=\d)[{_INVISIBLE}]+(?=[\d{_GROUP_SEP}.\u066b])|(?<=[{_GROUP_SEP}.\u066b])[{_INVISIBLE}]+(?=\d)"
    rf"|(?<=[^\W\d_])[{_INVISIBLE}]+(?=[^\W\d_])"
)
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_INVISIBLE_IN_WORD = re.compile(rf"(?<=[^\W\d_])[{_INVISIBLE}]+(?=[^\W\d_])")
_WORD_WITH_INVISIBLE = re.compile(rf"[^\W\d_]+(?:[{_INVISIBLE}]+[^\W\d_]+)+")
_SUSPENDED_HYPHEN = re.compile(r"-\s+(?:and|or|to)\s+\d+-(?:year|day|week|month|hour)", re.I)
# "General Polad Hashimov, 45, was": a person's age between commas after the name
_NAME_COMMA_BEFORE = re.compile(r"\b[A-Z][a-z][\w'\u2019-]*,\s*$")
_AGE_COMMA_AFTER = re.compile(r"^\s*(?:,|\band\b|\)|$)")
_REFERENCE_BEFORE = re.compile(r"\b(?:paragraphs?|pages?|pp?\.|items?|points?|sections?|chapters?|articles?|"
                               r"clauses?|resolutions?|footnotes?|notes?|episodes?|parts?|figures?\s+(?=\d)|"
                               r"tables?|annex|volume|vol\.|no\.|nos\.)\s*(?:\d+\s*(?:[-\u2013,]|and|to)\s*)?$", re.I)
_FOOTNOTE_BEFORE = re.compile(r"\S\[$")
# an operand of arithmetic written without spaces ("@SUM(1+1)", "=2*3"): a formula, no count
_OPERATOR_AFTER = re.compile(r"^[+*^=]\(*\d")
_OPERATOR_BEFORE = re.compile(r"[\d)][+*^=]\(*$|(?:^|[\s(])=\(*$")
_YEAR_RANGE_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s*[-\u2013/]\s*$")

class NumberMention(NamedTuple):
    """A number phrase in text, with its span (offsets into the text searched)."""

    start: int
    end: int
    text: str
    value: float | int | None
    kind: str  # count, vague, year, decade, ordinal, date, time, percent, money, designation, formula,
    #            duration, age, signed
    low: float | None = None  # for vague quantities: the documented interval
    high: float | None = None


class Hedge(NamedTuple):
    """How a number is qualified; ``start``/``end`` cover the hedge words (may be empty)."""

    label: str
    start: int
    end: int
    text: str
    value2: float | None = None  # upper number of a range
    scale: int = 1  # what the lower number of a range is multiplied by ("between 20 and 30 thousand": 1000)


@dataclass(frozen=True)
class HedgeParams:
    """Multipliers and vague ranges that turn a hedge into an interval (configurable)."""

    about: tuple[float, float] = (0.9, 1.1)
    nearly: tuple[float, float] = (0.9, 1.0)
    # (word, low, high) per vague quantity; a tuple so that the parameters stay hashable
    vague: tuple[tuple[str, float, float], ...] = tuple((k, lo, hi) for k, (_, lo, hi) in VAGUE.items())


# ------------------------------------------------------------------- numbers
def parse_number(text: str) -> float | int | None:
    """The value of a number phrase: "5,000", "6 500", "two thousand", "1 million",
    "a dozen", "twenty-five", "2.5 million", "١٢٠" (Arabic-Indic digits). None if not one."""
    t = _clean(text).strip().lower()
    if not t:
        return None
    m = _DIGIT_PHRASE.fullmatch(t)
    if m:  # the digits take the space before a scale word ("2.5 million") as a group separator
        return _digits_value(m.group(1).strip(), m.group(2))
    return _words_value(t)


def _digits_value(digits: str, scale: str | None = None) -> float | int | None:
    neg = digits[:1] in "-\u2212"
    d = digits.lstrip("-\u2212")
    if _GROUPED.fullmatch(d):
        d = _SEPARATORS.sub("", d)
    d = d.replace("\u066b", ".")
    if not _DECIMAL.fullmatch(d):
        return None
    d = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in d)
    # int() refuses strings of more than 4,300 digits; a run of digits that long is no count,
    # and as a float (infinite beyond 308 digits) it is dropped like any implausible figure
    value = float(d) if "." in d or len(d) > _MAX_INT_DIGITS else int(d)
    if scale:
        factor = _SCALES.get(scale) or _SCALE_ABBREVIATIONS[scale]
        # in decimal, because in binary floating point 4.1 million is 4099999.9999999995
        exact = Decimal(d) * factor if "." in d and len(d) <= _MAX_INT_DIGITS else value * factor
        value = int(exact) if exact % 1 == 0 else float(exact)  # inf % 1 is nan: stays a float
    return -value if neg else value


def _words_value(t: str) -> int | None:
    words = [w for w in _WORD_SPLIT.split(t.replace(" and ", " ")) if w]
    if words and words[0] in ("a", "an"):
        if len(words) == 1:
            return None
        # "a hundred" is one hundred; the article before "six" is only an article
        words[0:1] = ["one"] if words[1] in _SCALES or words[1] == "dozen" else []
    if words == ["dozen"] or words == ["one", "dozen"]:
        return 12
    total, current, seen = 0, 0, False
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        elif w == "dozen":
            current = (current or 1) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def find_numbers(text: str) -> list[NumberMention]:
    """Every number phrase in ``text`` with its value and kind, in text order.

    Invisible characters inside a number or a word (a zero-width space after the comma of
    "1,200", a soft hyphen in "thousand", a right-to-left mark between digits) do not split
    it: the search runs on the text without them and the spans are mapped back, so
    ``text[start:end]`` still holds them.
    """
    if not _INVISIBLE_INSIDE.search(text):
        return _find_numbers(text)
    kept = [i for i, keep in enumerate(_visible_mask(text)) if keep]
    out = []
    for n in _find_numbers("".join(text[i] for i in kept)):
        start, end = kept[n.start], kept[n.end - 1] + 1
        out.append(n._replace(start=start, end=end, text=text[start:end]))
    return out


def words_joined(text: str) -> str:
    """``text`` with the invisible characters inside words taken out, offsets kept.

    A zero-width space, joiner or soft hyphen between two letters ("Al\u200biyev") splits
    the word for a parser and for a name list; here each such word is written whole, moved
    right by the characters taken out and preceded by as many spaces ("\u0020Aliyev"), so
    the result has the length of ``text`` and every character outside those words keeps
    its offset. This is the one place text is normalised for matching:
    :func:`kargraph.profile.fold` and the parser's input both go through it.
    """
    if not _INVISIBLE_IN_WORD.search(text):
        return text
    return _WORD_WITH_INVISIBLE.sub(_joined, text)


def _joined(m: re.Match) -> str:
    letters = _INVISIBLE_RE.sub("", m.group(0))
    return " " * (len(m.group(0)) - len(letters)) + letters


def _visible_mask(text: str) -> list[bool]:
    mask = [True] * len(text)
    for m in _INVISIBLE_INSIDE.finditer(text):
        mask[m.start():m.end()] = [False] * (m.end() - m.start())
    return mask


def _find_numbers(text: str) -> list[NumberMention]:
    out: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    for m in _VAGUE_RE.finditer(text):
        value, low, high = VAGUE[m.group("vague").lower()]
        out.append(NumberMention(m.start(), m.end(), m.group(0), value, "vague", low, high))
        taken.append((m.start(), m.end()))
    for m in _TOKEN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        mention = _classify(text, m)
        if mention is not None:
            out.append(mention)
    out.sort(key=lambda n: n.start)
    return out


def _classify(text: str, m: re.Match) -> NumberMention | None:
    start, end = m.start(), m.end()
    before, after = text[max(0, start - 30):start], text[end:end + 40]
    if m.group("words") is not None:
        raw = m.group("words")
        if _ARTICLE_ONLY.fullmatch(raw.strip()):
            return None
        if raw.strip().lower() == "one" and _ONE_OF.match(after):
            return None
        value = _words_value(_clean(raw).lower())
        if value is None:
            return None
        if m.group("wsuffix"):
            return NumberMention(start, end, text[start:end], value, "duration")
        if _AGE_AFTER.match(after):
            return NumberMention(start, end, text[start:end], value, "age")
        return NumberMention(start, end, text[start:end], value, "count")

    digits, suffix, scale = m.group("digits"), (m.group("suffix") or ""), m.group("scale")
    if _OPERATOR_AFTER.match(after) or _OPERATOR_BEFORE.search(before):
        return NumberMention(start, end, text[start:end], _digits_value(_clean(digits)), "formula")
    if _FOOTNOTE_BEFORE.search(before) and after.startswith("]"):  # "240.[2]": a footnote marker
        return NumberMention(start, end, text[start:end], _digits_value(_clean(digits)), "designation")
    if _SUSPENDED_HYPHEN.match(text[m.end("digits"):]):  # "18- and 19-year-olds"
        return NumberMention(start, m.end("digits"), text[start:m.end("digits")], _digits_value(_clean(digits)),
                             "duration")
    if len(_clean(digits)) <= 2 and _YEAR_RANGE_BEFORE.search(before):  # the "94" of "1988-94"
        return NumberMention(start, end, text[start:end], _digits_value(_clean(digits)), "year")
    if m.group("signed"):
        value = _digits_value("-" + digits)
        return NumberMention(start, end, text[start:end], value, "signed")
    clean_digits = _clean(digits)
    num_end = m.end("digits")
    s_lower = suffix.lower()
    if s_lower in ("st", "nd", "rd", "th"):
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "ordinal")
    if suffix == "%" or _PERCENT_AFTER.match(after):
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "percent")
    if s_lower.endswith("s") and ("'" in s_lower or "\u2019" in s_lower or s_lower == "s") \
            and _DECADE_END.fullmatch(clean_digits[-2:]):
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "decade")
    if s_lower.startswith("-"):
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "duration")
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after) or \
            len(clean_digits) <= 3 and _NAME_COMMA_BEFORE.search(before) and _AGE_COMMA_AFTER.match(text[num_end:]):
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "age")  # "Hashimov, 45, was"
    if _REFERENCE_BEFORE.search(before):  # "paragraphs 1-3", "page 12", "Article 5"
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "designation")
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after):
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "money")
    if _CLOCK.fullmatch(text[start:min(len(text), start + 5)].strip()) or text[num_end:num_end + 1] == ":" \
            or text[max(0, start - 1):start] == ":" or _TIME_AROUND.match(text[num_end:num_end + 12]):
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "time")
    if _DESIGNATION_BEFORE.search(before[-8:]) or (not scale and _DESIGNATION_AFTER.match(text[num_end:num_end + 2])
                                                   and not suffix):
        return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "designation")
    if s_lower.endswith("s"):  # not a decade (above): "2016's war" is the year's, "737s" a plural name
        if s_lower == "s":
            return NumberMention(start, end, text[start:end], _digits_value(clean_digits), "designation")
        s_lower = ""
    plain = clean_digits.isdigit()
    value = _digits_value(clean_digits, (scale or s_lower or "").strip().lower() or None)
    if value is None:
        return None
    if plain and len(clean_digits) <= 2 and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)):
        return NumberMention(start, end, text[start:end], value, "date")
    if plain and len(clean_digits) == 4 and not scale and not s_lower and 1800 <= value <= 2100:
        next_word = _NEXT_WORD.match(after)
        if not (next_word and next_word.group(1).lower() in _COUNT_NOUNS) or _YEAR_CONTEXT_BEFORE.search(before) \
                or _MONTH_BEFORE.search(before.rstrip(", ")) or _DAY_AT_END.search(before) \
                and _MONTH_BEFORE.search(_DAY_AT_END.sub("", before)):
            return NumberMention(start, end, text[start:end], value, "year")
    return NumberMention(start, end, text[start:end], value, "count")


def _clean(text: str) -> str:
    return _INVISIBLE_RE.sub("", text) if _INVISIBLE_RE.search(text) else text


# -------------------------------------------------------------------- hedges
_LEFT_HEDGES = [
    ("range", re.compile(r"\bbetween\s+$", re.I)),
    ("nearly", re.compile(r"\b(?:nearly|almost|close\s+to|near(?:ing|s|ed)|approach(?:ing|es|ed)|"
                          r"just\s+(?:under|below|short\s+of|shy\s+of)|"
                          r"not\s+quite)\s+$", re.I)),
    ("more_than", re.compile(r"\b(?:(?:well\s+|far\s+)?(?:more|greater|higher)\s+than|(?:well\s+)?over|past|surpass(?:ed|es|ing)?|"
                             r"exceed(?:ed|s|ing)?|in\s+excess\s+of|upwards\s+of|top(?:ped|s|ping)|pass(?:ed|es)|cross(?:ed|es)?|"
                             r"above|beyond)\s+(?:the\s+)?(?:mark\s+of\s+)?$", re.I)),
    ("at_least", re.compile(r"\b(?:at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of|not\s+less\s+than)\s+$",
                            re.I)),
    ("less_than", re.compile(r"\b(?:less|fewer|lower)\s+than\s+$|\b(?:under|below)\s+$", re.I)),
    ("up_to", re.compile(r"\b(?:up\s+to|as\s+many\s+as|as\s+high\s+as|a\s+maximum\s+of)\s+$", re.I)),
    ("about", re.compile(r"\b(?:about|around|some|roughly|approximately|approx\.|an\s+estimated|estimated(?:\s+at)?|circa|"
                         r"ca\.|c\.|more\s+or\s+less|an\s+approximate)\s+$|~\s*$", re.I)),
]
_RIGHT_HEDGES = [
    ("at_least", re.compile(r"^\s*(?:or\s+more|and\s+more|at\s+least)\b", re.I)),
    ("more_than", re.compile(r"^(?:-?plus\b|\+)", re.I)),
    ("about", re.compile(r"^\s*(?:or\s+so|odd)\b", re.I)),
]
_RANGE_RIGHT = re.compile(rf"^\s*(?:and|to|-|\u2013|\u2014)\s*(?P<n>[\d,.\u066c]+(?P<dscale>\s+(?:{'|'.join(_SCALES)})\b)?|"
                          rf"(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD})|\s+and\s+(?:{_NUMBER_WORD}))*\b)", re.I)
# a change from one figure to another, not a range: "rose to 874", "up from 50 to 71"
_RISE = "rose|risen|rising|rises|increased|increasing|jumped|climbed|grew|went"
_NOT_RANGE_BEFORE = re.compile(rf"(?<!range )(?<!ranged )(?<!ranging )(?<!ranges )\b(?:{_RISE})\s+(?:(?!the\b)\w+\s+)?$|"
                               rf"\b(?:{_RISE}|gone|fell|fallen|dropped|revised|raised|lowered|changed|moved|up|down|"
                               r"jump|rise|increase|revision|change)\s+(?:\w+\s+){0,3}?from\s+$", re.I)


def _range_scale(lower_text: str, upper_text: str, lower: float | None, upper: float | None) -> int:
    """The scale the lower number of a range shares with the upper one: "between twenty and
    thirty thousand" is 20,000 to 30,000, "2 to 3 million" is 2 to 3 million."""
    if lower is None or upper is None:
        return 1
    words = upper_text.lower().split()
    if not words or words[-1] not in _SCALES or words[-1] == "hundred" and len(words) > 2:
        return 1
    if any(w in _SCALES for w in _WORD_SPLIT.split(lower_text.lower())):
        return 1
    factor = _SCALES[words[-1]]
    return factor if lower * factor < upper and lower * factor * 10 > upper else 1


def find_hedge(text: str, start: int, end: int, *, value: float | None = None,
               vague: bool = False) -> Hedge:
    """The hedge of the number at ``text[start:end]``, read from the words around it."""
    if vague:
        return Hedge("vague", start, start, "")
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    offset = start - len(before)
    # ranges: "between 30 and 40", "30-40", "30 to 40"
    rm = _RANGE_RIGHT.match(after)
    if rm:
        upper = parse_number(rm.group("n").strip(" ,."))
        scale = _range_scale(text[start:end], rm.group("n"), value, upper)
        between = _LEFT_HEDGES[0][1].search(before)
        dash = rm.group(0).strip()[:1] in "-\u2013\u2014"
        word_to = rm.group(0).strip().lower().startswith("to") and not _NOT_RANGE_BEFORE.search(before)
        if upper is not None and value is not None and upper > value and (between or dash or word_to) \
                and (between or not rm.group(0).strip().lower().startswith("and")):
            if between:
                word = between.group(0).rstrip()  # the span ends with the word, like the text
                return Hedge("range", offset + between.start(), offset + between.start() + len(word), word, upper,
                             scale)
            return Hedge("range", start, start, "", upper, scale)
    for label, pattern in _LEFT_HEDGES[1:]:
        hm = pattern.search(before)
        if hm:
            return Hedge(label, offset + hm.start(), offset + hm.start() + len(hm.group(0).rstrip()),
                         hm.group(0).strip())
    for label, pattern in _RIGHT_HEDGES:
        hm = pattern.match(after)
        if hm:
            return Hedge(label, end + hm.start() + (len(hm.group(0)) - len(hm.group(0).lstrip())),
                         end + hm.end(), hm.group(0).strip())
    return Hedge("exact", start, start, "")


def hedge_interval(label: str, value: float, *, upper: float | None = None, vague_word: str | None = None,
                   params: HedgeParams = HedgeParams()) -> tuple[float | None, float | None]:
    """The interval ``(low, high)`` a hedge implies; ``high`` is None when open-ended."""
    v = float(value)
    if label == "exact":
        return v, v
    if label == "about":
        return params.about[0] * v, params.about[1] * v
    if label == "nearly":
        return params.nearly[0] * v, params.nearly[1] * v
    if label in ("more_than", "at_least"):
        return v, None
    if label in ("less_than", "up_to"):
        return 0.0, v
    if label == "range":
        return v, float(upper if upper is not None else v)
    if label == "vague":
        lo_hi = {w: (lo, hi) for w, lo, hi in params.vague}.get((vague_word or "").lower())
        return (float(lo_hi[0]), float(lo_hi[1])) if lo_hi else (v, 10 * v - 1)
    raise ValueError(f"unknown hedge {label!r}")
