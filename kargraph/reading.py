"""Figures read through a language's lexicon: number, hedge, interval and outcome.

``read_figures(text, "fr")`` returns one row per count of the text: its span, value, hedge
and the interval the hedge implies (:func:`kargraph.normalize.hedge_interval`, the same
intervals as the claims table), and the outcome of the casualty word nearest to it
(lemmas from the language's spaCy model, looked up in the lexicon's ``outcomes``). All of
the language lives in ``kargraph/lexicon/<code>.yaml`` (number words, digit separators,
hedge phrases, outcome words) and its spaCy model: a new language is a new lexicon file,
not new code. Victims, side, claimant and event are not read here: the claims table is
English only (see the README, "Languages").

Written by hand for the same reason as :mod:`kargraph.normalize`: the libraries that turn
number words into digits do not give the span of the number phrase; the English reader
keeps its own richer rules (years, dates, money, ages told apart by English context).
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .lexicon import load_lexicon, spacy_model
from .normalize import hedge_interval


class Figure(NamedTuple):
    """A count read from text; ``start``/``end`` cover the hedge and the number."""

    start: int
    end: int
    text: str
    value: int | float
    low: float | None
    high: float | None
    hedge: str
    outcome: str | None
    outcome_word: str | None


def read_figures(text: str, language: str) -> list[Figure]:
    """The counts of ``text`` with their hedges and outcomes, read with the lexicon and
    spaCy model of ``language``.

    Raises:
        ValueError: no lexicon for ``language``, or it lists no numbers.
        OSError: its spaCy model is not installed.
    """
    grammar = _grammar(language)
    outcomes = _outcome_words(text, language)
    out: list[Figure] = []
    for start, end, value, vague in _numbers(text, grammar):
        if out and start < out[-1].end:  # the upper number of a range just read
            continue
        label, h_start, h_end, upper = _hedge(text, start, end, grammar, vague)
        if label == "range" and upper is not None:
            end = _range_end(text, end, grammar)
        low, high = hedge_interval(label, value, upper=upper, vague_word=None)
        if vague:
            low, high = vague
        word = min(outcomes, key=lambda o: min(abs(o[0] - end), abs(o[0] - start)), default=None)
        s, e = min(start, h_start), max(end, h_end)
        out.append(Figure(s, e, text[s:e], value, low, high, label, word[2] if word else None,
                          word[1] if word else None))
    return out


# ------------------------------------------------------------------ the grammar
class _Grammar(NamedTuple):
    numbers: re.Pattern
    words: dict  # number word -> (kind, value): unit, ten, hundred, scale, joiner
    vague: dict  # vague phrase -> (value, low, high)
    years: tuple[int, int]
    not_count: re.Pattern
    before: list[tuple[str, re.Pattern]]
    after: list[tuple[str, re.Pattern]]
    range_before: re.Pattern
    range_after: re.Pattern
    group: str
    decimal: str


def _alternatives(phrases) -> str:
    return "|".join(re.escape(str(p)).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def _grammar(language: str) -> _Grammar:
    lex = load_lexicon(language)
    nums = lex.get("numbers")
    if not nums:
        raise ValueError(f"the {language!r} lexicon lists no numbers: its figures are read by kargraph.claims")
    words = {**{w: ("unit", v) for w, v in nums.get("units", {}).items()},
             **{w: ("ten", v) for w, v in nums.get("tens", {}).items()},
             **{w: ("hundred", 100) for w in nums.get("hundreds", ())},
             **{w: ("scale", v) for w, v in nums.get("scales", {}).items()},
             **{w: ("joiner", 0) for w in nums.get("joiners", ())}}
    group, decimal = nums.get("group_separators", ","), nums.get("decimal_mark", ".")
    g, d = re.escape(group), re.escape(decimal)
    digits = rf"\d{{1,3}}(?:[{g}]\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?"
    word = _alternatives(w for w, (kind, _) in words.items() if kind != "joiner")
    joiner = _alternatives(w for w, (kind, _) in words.items() if kind == "joiner") or "(?!)"
    scale = _alternatives(w for w, (kind, _) in words.items() if kind == "scale")
    vague = {str(k).lower(): tuple(v) for k, v in (nums.get("vague") or {}).items()}
    numbers = re.compile(
        rf"(?P<vague>\b(?:{_alternatives(vague) or '(?!)'})\b)"
        rf"|(?P<digits>(?<![\w.,])(?:{digits}))(?:\s+(?P<scale>{scale})\b)?"
        rf"|(?P<words>\b(?:{word})(?:(?:[\s-]+|\s+(?:{joiner})\s+)(?:{word}))*\b)", re.I)
    hedges = lex.get("hedges") or {}
    before = [(label, re.compile(rf"(?:^|(?<=\W))(?:{_alternatives(ps)})\s*$", re.I))
              for label, ps in (hedges.get("before") or {}).items()]
    after = [(label, re.compile(rf"^\s*(?:{_alternatives(ps)})\b", re.I))
             for label, ps in (hedges.get("after") or {}).items()]
    return _Grammar(
        numbers, {k.lower(): v for k, v in words.items()}, vague, tuple(nums.get("years", (1800, 2100))),
        re.compile(rf"^\s*(?:{_alternatives(nums.get('not_counts') or ['(?!)'])})(?!\w)", re.I), before, after,
        re.compile(rf"(?:^|(?<=\W))(?:{_alternatives(hedges.get('range_before') or ['(?!)'])})\s+$", re.I),
        re.compile(rf"^\s*(?:{_alternatives(hedges.get('range_between') or ['(?!)'])})\s*", re.I), group, decimal)


# ------------------------------------------------------------------ numbers
def _numbers(text: str, grammar: _Grammar):
    """(start, end, value, vague interval or None) of each count in ``text``."""
    for m in grammar.numbers.finditer(text):
        if m.group("vague"):
            value, low, high = grammar.vague[" ".join(m.group("vague").lower().split())]
            yield m.start(), m.end(), value, (float(low), float(high))
            continue
        value = _digits_value(m, grammar) if m.group("digits") else _words_value(m.group("words"), grammar)
        if value is None or grammar.not_count.match(text[m.end():]):
            continue
        lo, hi = grammar.years
        if m.group("digits") and m.group("digits").isdigit() and len(m.group("digits")) == 4 and lo <= value <= hi:
            continue
        yield m.start(), m.end(), value, None


def _digits_value(m: re.Match, grammar: _Grammar) -> int | float | None:
    digits = m.group("digits")
    whole, _, fraction = digits.partition(grammar.decimal)
    whole = re.sub(f"[{re.escape(grammar.group)}]", "", whole)
    value = float(f"{whole}.{fraction}") if fraction else int(whole)
    if m.group("scale"):
        value *= grammar.words[" ".join(m.group("scale").lower().split())][1]
    return int(value) if float(value).is_integer() else value


def _words_value(phrase: str, grammar: _Grammar) -> int | None:
    """"deux mille" -> 2000, "quatre-vingt-dix" -> 90: the longest lexicon word at each
    point (compounds such as "quatre-vingt" are single entries), hundreds multiply the
    group, scales close it."""
    tokens = [t for t in re.split(r"[\s-]+", phrase.lower()) if t]
    total = current = 0
    i = 0
    while i < len(tokens):
        for n in range(min(3, len(tokens) - i), 0, -1):
            entry = grammar.words.get("-".join(tokens[i:i + n])) or grammar.words.get(" ".join(tokens[i:i + n]))
            if entry:
                break
        else:
            return None
        kind, value = entry
        if kind in ("unit", "ten"):
            current += value
        elif kind == "hundred":
            current = (current or 1) * 100
        elif kind == "scale":
            total, current = total + (current or 1) * value, 0
        i += n
    return total + current


# ------------------------------------------------------------------- hedges
def _hedge(text: str, start: int, end: int, grammar: _Grammar, vague) -> tuple[str, int, int, float | None]:
    """(label, start, end, upper number of a range) of the hedge around text[start:end]."""
    if vague:
        return "vague", start, start, None
    before, after = text[max(0, start - 40):start], text[end:end + 40]
    upper = _range_upper(after, grammar)
    opener = grammar.range_before.search(before)
    if upper is not None and (opener or after.lstrip()[:1] in "-\u2013"):
        if opener:
            return "range", start - len(before) + opener.start(), start, upper
        return "range", start, start, upper
    for label, pattern in grammar.before:
        m = pattern.search(before)
        if m:
            return label, start - len(before) + m.start(), start, None
    for label, pattern in grammar.after:
        m = pattern.match(after)
        if m:
            return label, end, end + m.end(), None
    return "exact", start, start, None


def _range_upper(after: str, grammar: _Grammar) -> float | None:
    joint = grammar.range_after.match(after)
    if not joint:
        return None
    m = grammar.numbers.match(after, joint.end())
    if not m or m.group("vague"):
        return None
    return _digits_value(m, grammar) if m.group("digits") else _words_value(m.group("words"), grammar)


def _range_end(text: str, end: int, grammar: _Grammar) -> int:
    after = text[end:]
    joint = grammar.range_after.match(after)
    m = grammar.numbers.match(after, joint.end()) if joint else None
    return end + m.end() if m else end


# ------------------------------------------------------------------ outcomes
def _outcome_words(text: str, language: str) -> list[tuple[int, str, str]]:
    """(offset, word, outcome) of every casualty word of ``text``, by lemma or form."""
    outcomes = {str(k).lower(): v for k, v in (load_lexicon(language).get("outcomes") or {}).items()}
    out = []
    for tok in spacy_model(language)(text):
        outcome = outcomes.get(tok.lemma_.lower()) or outcomes.get(tok.lower_)
        if outcome:
            out.append((tok.idx, tok.text, outcome))
    return out
