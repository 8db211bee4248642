"""Parts of speech and lemmas of parsed tokens, the same on the fast and the full path.

The fast claims path parses without spaCy's lemmatizer and attribute ruler (they cost time
and the rules read few words), so :func:`pos` maps the tagger's fine-grained tag to a
universal part of speech and :func:`lemma` returns the lemma of the words some rule looks
for (every other word comes back lower-cased). Which words those are is registered by the
modules whose rules read them (:func:`add_known`), when they are imported. Written by hand
because spaCy's rule lemmatizer needs the attribute ruler's output, which the fast path
leaves out; the known words keep it to the vocabulary the rules use.
"""
from __future__ import annotations

import functools
from typing import Iterable

_TAG_POS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
    "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "AFX": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "RP": "ADP", "IN": "ADP", "CD": "NUM",
    "DT": "DET", "PDT": "DET", "WDT": "DET", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON",
    "EX": "PRON", "CC": "CCONJ", "TO": "PART", "POS": "PART", "UH": "INTJ", "SYM": "SYM", "FW": "X",
}
_AUX_LEMMAS = {"be", "have", "do", "will", "shall", "may", "might", "can", "could", "would", "should", "must"}

_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "lost": "lose", "fled": "flee", "gave": "give", "given": "give",
    "shown": "show", "wrote": "write", "written": "write", "rose": "rise", "risen": "rise", "grew": "grow",
    "grown": "grow", "went": "go", "gone": "go", "slew": "slay", "slain": "slay", "died": "die", "dying": "die",
    "dies": "die", "lives": "life", "people": "people", "men": "man", "women": "woman", "children": "child",
    "has": "have", "had": "have", "having": "have", "is": "be", "are": "be", "was": "be", "were": "be",
    "been": "be", "being": "be", "am": "be", "'s": "be", "did": "do", "does": "do", "took": "take",
    "taken": "take", "put": "put", "hurt": "hurt", "servicemen": "serviceman", "policemen": "policeman",
    "bodies": "body", "casualties": "casualty", "fatalities": "fatality", "injuries": "injury",
    "militaries": "military", "tallies": "tally", "counted": "count", "figures": "figure",
}
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""),
             ("d", ""))
_KNOWN: set[str] = set(_IRREGULAR.values())


def add_known(words: Iterable[str]) -> None:
    """Make ``words`` (lemmas some rule reads) known to :func:`lemma`; called at import."""
    _KNOWN.update(words)
    lemma_of.cache_clear()


def pos(tok) -> str:
    """Universal part of speech from the tagger's fine-grained tag (no attribute ruler needed)."""
    found = _TAG_POS.get(tok.tag_, "PUNCT" if not tok.is_alpha and not tok.like_num else "X")
    if found == "VERB" and tok.dep_ in ("aux", "auxpass") and lemma(tok) in _AUX_LEMMAS:
        return "AUX"
    if found == "VERB" and lemma(tok) == "be":
        return "AUX"
    return found


def lemma(tok) -> str:
    """Lemma of the words the rules look for; other words come back lower-cased."""
    return lemma_of(tok.lower_)


@functools.lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    """``lemma_of("shelled")`` is "shell" once "shell" is known; an unknown word is itself."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _KNOWN:
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + repl
            if stem in _KNOWN:
                return stem
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in _KNOWN:
                return stem[:-1]  # "shelled" -> "shell"
    return word
