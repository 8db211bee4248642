"""Properties that hold for any input (hypothesis): spans, intervals, numbers, determinism.

* every claim's ``raw[start:end]`` is its ``text`` and its sentence is where it says;
  ``low <= value <= high`` wherever the hedge gives a bound; extraction never fails on a
  document, whatever the text;
* number phrases are found whole and read back as the number that was written, in digits
  (any grouping, Arabic-Indic and other digits, invisible characters inside) and in words;
* loading a corpus twice gives identical tables, and neither the order in which the files
  were written nor the order of the documents changes the claims or the reported tolls.

Example counts are kept small where a spaCy parse runs for each example, so the module
takes about a minute; ``tests/fuzz`` runs the same pipeline over 10,000 inputs.
"""
from __future__ import annotations

import json
import math
import random
import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kargraph import schema
from kargraph.claims import extract_claims
from kargraph.corpus import (
    CorpusWarning,
    document_from_text,
    documents_table,
    issues_table,
    load_corpus,
    paragraphs_table,
    sentences_table,
)
from kargraph.normalize import VAGUE, find_hedge, find_numbers, hedge_interval, parse_number
from kargraph.tolls import compare_tolls

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ writing numbers
_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALE_WORDS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def in_words(n: int, *, hyphen: bool = True, and_: bool = False) -> str:
    """English words for ``n`` ("two thousand three hundred and forty-five"), the test's oracle."""
    if n < 20:
        return _SMALL[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (("-" if hyphen else " ") + _SMALL[unit] if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        tail = (" and " if and_ else " ") + in_words(rest, hyphen=hyphen) if rest else ""
        return f"{_SMALL[hundreds]} hundred{tail}"
    for scale, name in _SCALE_WORDS:
        if n >= scale:
            head, rest = divmod(n, scale)
            tail = " " + in_words(rest, hyphen=hyphen, and_=and_) if rest else ""
            return f"{in_words(head, hyphen=hyphen, and_=and_)} {name}{tail}"
    raise AssertionError(n)


#: zero for each digit script news text uses
DIGIT_ZEROS = {"ascii": "0", "arabic-indic": "\u0660", "persian": "\u06f0", "devanagari": "\u0966",
               "fullwidth": "\uff10"}
GROUP_SEPARATORS = [",", " ", "\u00a0", "\u202f", "\u2009", "\u066c"]
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e", "\u200f"]


@st.composite
def written_in_digits(draw, max_value: int = 10**12):
    """(number, how it is written): grouped or not, in some digit script, with an invisible
    character inside or not."""
    n = draw(st.integers(min_value=0, max_value=max_value))
    separator = draw(st.sampled_from([None, *GROUP_SEPARATORS]))
    text = f"{n:,}".replace(",", separator) if separator else str(n)
    zero = ord(DIGIT_ZEROS[draw(st.sampled_from(sorted(DIGIT_ZEROS)))])
    text = "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)
    if len(text) > 1 and draw(st.booleans()):
        at = draw(st.integers(min_value=1, max_value=len(text) - 1))
        text = text[:at] + draw(st.sampled_from(INVISIBLES)) + text[at:]
    return n, text


@st.composite
def written_in_words(draw):
    n = draw(st.integers(min_value=0, max_value=10**12 - 1))
    return n, in_words(n, hyphen=draw(st.booleans()), and_=draw(st.booleans()))


@st.composite
def written_with_a_scale(draw):
    whole, tenth = draw(st.integers(1, 999)), draw(st.integers(0, 9))
    scale, factor = draw(st.sampled_from([(" thousand", 10**3), (" million", 10**6), (" billion", 10**9),
                                          ("k", 10**3), ("m", 10**6), ("bn", 10**9)]))
    return (whole * 10 + tenth) * factor // 10, f"{whole}.{tenth}{scale}"


# ------------------------------------------------------------------------- numbers
@settings(max_examples=500, deadline=None)
@given(st.one_of(written_in_digits(), written_in_words(), written_with_a_scale()))
def test_a_written_number_reads_back_as_itself(written):
    n, text = written
    assert parse_number(text) == n


@settings(max_examples=500, deadline=None)
@given(st.one_of(written_in_digits(), written_in_words(), written_with_a_scale()))
def test_a_number_in_a_sentence_is_found_whole_with_its_value(written):
    n, text = written
    sentence = f"Officials counted {text} people."
    (mention,) = find_numbers(sentence)
    assert (mention.start, mention.end, mention.text) == (18, 18 + len(text), text)
    assert (mention.value, mention.kind) == (n, "count")


ANY_TEXT = st.lists(st.one_of(
    st.characters(),
    st.sampled_from([*"0123456789,. -'", *INVISIBLES, *GROUP_SEPARATORS, "\u0661", "\u06f5", "\u2212", "%", "$"]),
    st.sampled_from([" one ", " thousand ", " hundreds ", " million", " more than ", " between ", " and ", "th",
                     "s ", " people", " killed", " 1990", "-year"]),
), max_size=120).map("".join)


@settings(max_examples=1000, deadline=None)
@given(ANY_TEXT)
def test_number_spans_are_exact_ordered_and_never_overlap_for_any_text(text):
    mentions = find_numbers(text)
    end = 0
    for m in mentions:
        assert text[m.start:m.end] == m.text and m.start >= end and m.end > m.start
        end = m.end
        hedge = find_hedge(text, m.start, m.end, value=m.value, vague=m.kind == "vague")
        assert text[hedge.start:hedge.end] == hedge.text


# ---------------------------------------------------------------------------- hedges
LABELS = ["exact", "about", "nearly", "more_than", "at_least", "less_than", "up_to"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LABELS), st.integers(min_value=0, max_value=10**12))
def test_a_hedge_interval_holds_its_value(label, value):
    low, high = hedge_interval(label, value)
    assert low <= value and (high is None or value <= high)


@pytest.mark.parametrize("word", sorted(VAGUE))
def test_a_vague_quantity_holds_its_value(word):
    value = VAGUE[word][0]
    low, high = hedge_interval("vague", value, vague_word=word)
    assert low <= value <= high


# --------------------------------------------------------------------- extraction
HEDGE_WORDS = ["", "about ", "nearly ", "more than ", "at least ", "up to ", "fewer than ", "some ",
               "an estimated ", "almost ", "over "]
VICTIMS = ["people", "civilians", "soldiers", "Armenian soldiers", "Azerbaijani servicemen", "residents",
           "children", "troops"]
OUTCOMES = ["were killed", "died", "were wounded", "were injured", "went missing", "were displaced",
            "lost their lives", "have been killed since September 27"]
SOURCES = ["Officials said", "The ministry said", "Pashinyan said", "Aliyev told reporters", "Azerbaijan says",
           "The Armenian defence ministry reported", "Witnesses said"]


@st.composite
def figure(draw):
    """A figure as news writes it: digits, words, a scale, a range, a vague word, or garbage."""
    kind = draw(st.sampled_from(["digits", "words", "scale", "range", "vague", "huge", "negative"]))
    if kind == "digits":
        return draw(written_in_digits(max_value=10**9))[1]
    if kind == "words":
        return draw(written_in_words())[1]
    if kind == "scale":
        return draw(written_with_a_scale())[1]
    if kind == "range":
        low = draw(st.integers(1, 10**6))
        return draw(st.sampled_from(["between {} and {}", "{}-{}", "{} to {}"])).format(
            f"{low:,}", f"{low + draw(st.integers(1, 10**5)):,}")
    if kind == "vague":
        return draw(st.sampled_from(sorted(VAGUE)))
    if kind == "huge":
        return "9" * draw(st.integers(13, 5000))
    return f"-{draw(st.integers(1, 10**4))}"


@st.composite
def casualty_sentence(draw):
    source, victims, outcome = (draw(st.sampled_from(xs)) for xs in (SOURCES, VICTIMS, OUTCOMES))
    number = draw(st.sampled_from(HEDGE_WORDS)) + draw(figure())
    form = draw(st.sampled_from(["{s} {n} {v} {o}.", "{n} {v} {o}, {s2}.", "\u201c{N} {v} {o},\u201d {s2}.",
                                 "According to the ministry, {n} {v} {o}."]))
    second = source[0].lower() + source[1:] if not source.startswith(("Pashinyan", "Aliyev", "Azerbaijan")) else source
    return form.format(s=source, s2=second, n=number, N=number[:1].upper() + number[1:], v=victims, o=outcome)


NOISE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\n\n", "\n", " ", "\r\n", "\u2028", "SHARE THIS ARTICLE\n", "Photo: Reuters\n",
                     "\u0642\u0627\u0644 \u0645\u0633\u0624\u0648\u0644\u0648\u0646 \u0625\u0646 \u0665\u0660 "
                     "\u0645\u062f\u0646\u064a\u0627 \u0642\u062a\u0644\u0648\u0627. ",
                     "\u2067\u0661\u0662\u0660\u2069 ", "<script>alert(1)</script> ", "=HYPERLINK(\"x\") "]),
)


@st.composite
def article(draw):
    parts = [draw(st.sampled_from(["Clashes go on", "Toll rises in Karabakh", ""])) + "\n\n"]
    for _ in range(draw(st.integers(1, 5))):
        parts += [draw(casualty_sentence()), draw(NOISE)]
    text = " ".join(parts)
    if draw(st.booleans()):  # an invisible character anywhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(INVISIBLES)) + text[at:]
    return text


def extract(texts: list[str]) -> tuple[pd.DataFrame, list, list[str]]:
    docs = [document_from_text(t, doc_id=f"d{i}", file=f"d{i}.txt", outlet=f"Outlet {i % 2}",
                               published="2020-10-20") for i, t in enumerate(texts)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = extract_claims(docs)
    return table, docs, [str(w.message) for w in caught]


def check_claims(table: pd.DataFrame, docs, messages: list[str]) -> None:
    assert [m for m in messages if "extraction failed" in m] == []
    assert schema.validate(table, "claims") == []
    assert table["claim_id"].is_unique
    raw = {d.doc_id: d.raw for d in docs}
    for r in table.itertuples():
        assert raw[r.doc_id][r.start:r.end] == r.text
        assert raw[r.doc_id][r.sentence_start:r.sentence_start + len(r.sentence)] == r.sentence
        assert r.sentence_start <= r.start < r.end <= r.sentence_start + len(r.sentence)
        assert r.claim_id == f"{r.doc_id}:{r.start}-{r.end}"
        assert r.value >= 0
        if not pd.isna(r.low):
            assert r.low <= r.value, r
        if not pd.isna(r.high):
            assert r.value <= r.high, r


@SLOW
@given(st.lists(article(), min_size=1, max_size=3))
def test_claims_of_news_like_text_have_exact_spans_and_intervals_around_their_values(texts):
    check_claims(*extract(texts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(ANY_TEXT, st.builds(lambda a, b: a + b, ANY_TEXT, casualty_sentence())),
                min_size=1, max_size=3))
def test_extraction_never_fails_on_any_text(texts):
    assume(any(t.strip() for t in texts))
    check_claims(*extract(texts))


# ------------------------------------------------------------ determinism and order
def write_corpus(folder: Path, files: list[tuple[str, str]]) -> None:
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8", newline="")


def load(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(folder)


def comparable(df: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return df.sort_values(key, kind="stable").reset_index(drop=True)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.filterwarnings("ignore:.*implausible as a casualty count")
@given(st.lists(article(), min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_loading_twice_or_in_another_file_order_changes_no_table_and_no_result(texts, rng: random.Random):
    files = [(f"doc{i}.txt", t) for i, t in enumerate(texts[:-1])]
    files.append(("feed.jsonl", json.dumps({"id": "feed-a", "text": texts[-1], "outlet": "Wire"}) + "\n"))
    sources = "doc_id,outlet,url,published,published_basis,outlet_note\n" + "".join(
        f"doc{i},Outlet {i % 2},,2020-10-{10 + i},,\n" for i in range(len(texts) - 1))
    files.append(("sources.csv", sources))
    shuffled = files[:]
    rng.shuffle(shuffled)
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp) / "a", files)
        write_corpus(Path(tmp) / "b", shuffled)
        first, again, other = load(Path(tmp) / "a"), load(Path(tmp) / "a"), load(Path(tmp) / "b")
    assert first.fingerprint == again.fingerprint == other.fingerprint
    for table in (documents_table, paragraphs_table, sentences_table, issues_table):
        pd.testing.assert_frame_equal(table(first), table(again))
        pd.testing.assert_frame_equal(table(first), table(other))

    claims = extract_claims(first)
    docs = list(other)
    rng.shuffle(docs)
    reordered = extract_claims(docs)
    pd.testing.assert_frame_equal(comparable(claims, ["claim_id"]), comparable(reordered, ["claim_id"]))
    assume(not claims.empty)
    tolls = compare_tolls(claims)
    tolls_reordered = compare_tolls(reordered.sample(frac=1, random_state=rng.randrange(2**32)))
    for name in ("groups", "claims", "contradictions", "updates", "stale", "echoes", "checks", "propagation"):
        a, b = getattr(tolls, name), getattr(tolls_reordered, name)
        key = list(a.columns)
        pd.testing.assert_frame_equal(comparable(a.astype(str), key), comparable(b.astype(str), key), obj=name)


def test_open_intervals_are_open_at_the_top_only():
    """The hedges without an upper bound are exactly those the property above skips."""
    for label in LABELS:
        low, high = hedge_interval(label, 100)
        assert low is not None and not math.isnan(low)
        assert (high is None) == (label in ("more_than", "at_least"))
