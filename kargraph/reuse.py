"""Text reuse between outlets: near-duplicate sentences, their direction, and who derives from whom.

``find_reuse(corpus)`` returns one row per pair of article sentences, from documents of
different outlets, that share wording (table ``reuse_passages`` of :mod:`kargraph.schema`):
both sentences with their spans in ``Document.raw``, the longest run of words they share
(``match_start``/``match_end``), how much of the shorter sentence the two have in common,
and which of the two was published first. ``reuse_map(passages, corpus)`` sums the pairs
up per outlet pair (table ``reuse_map``) and marks an outlet *derivative* of another when a
large share of one of its articles repeats an earlier article of the other.

How a pair is found
    Each sentence becomes a sequence of tokens in which what two honest outlets would share
    anyway is masked: words inside quotation marks are left out (two outlets quoting the
    same speech share the speaker's words, not each other's), a run of capitalised words
    becomes one ``<name>`` token (sharing "the Organization for Security and Cooperation in
    Europe" is sharing a name, not a sentence; a capitalised stop word such as "The" opening
    a sentence is no name) and every number becomes ``<num>`` (a wire
    story updated with new figures is still the same wording). Sentences are indexed by
    their word n-grams (*shingles*, ``ReuseParams.shingle_words`` tokens long); a shingle
    counts only when it holds at least two words that are neither stop words nor masks,
    so that "a meeting of the <name>" alone links nothing. Two sentences are a pair when
    they share at least ``min_shared_shingles`` such shingles and the words they share in
    order (longest common subsequence) make up at least ``min_aligned_share`` of the
    shorter sentence.
Direction
    The sentence published later is taken to repeat the earlier one (``direction`` =
    ``later``); on the same day, or without dates, nothing is said about who came first.
    Both may repeat a third text (a wire story) that is not in the corpus.
Derivative
    An article whose share of sentences paired with one earlier article of another outlet
    reaches ``derivative_share`` is derivative of that article, and its outlet of that
    outlet.

Shingles are indexed in a plain dictionary rather than with MinHash and LSH (datasketch):
the pairs worth finding are sentences that share one clause, whose Jaccard similarity as
wholes is around 0.1, where LSH banding would need so many bands that it compares every
pair anyway; an exact index of shingles finds every pair that shares one, and the
alignment that follows (``rapidfuzz.distance.Indel``) is rapidfuzz's.
"""
from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, NamedTuple

import pandas as pd
from rapidfuzz.distance import Indel

from . import schema
from .document import Document
from .profile import fold

NAME, NUMBER = "<name>", "<num>"
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
# a quotation runs from an opening mark to its closing mark, or to the end of the sentence
_QUOTATION = re.compile(r"\u201c[^\u201d]*\u201d?|\"[^\"]*\"?|\u00ab[^\u00bb]*\u00bb?|\u2018[^\u2019]{12,}\u2019")


@dataclass(frozen=True, kw_only=True)
class ReuseParams:
    """Options of :func:`find_reuse` and :func:`reuse_map` (rules in the module docstring).

    Attributes:
        shingle_words: tokens per shingle.
        min_shared_shingles: shingles two sentences must share to be a pair.
        min_aligned_share: share of the shorter sentence's tokens the two must have in
            common, in order, to be a pair.
        min_content_words: words in a shingle that are neither stop words nor masks for
            the shingle to count.
        derivative_share: share of an article's sentences paired with one earlier article
            from which the article is marked derivative of it.
        mask_quotes, mask_names, mask_numbers: leave out quoted words, and read names and
            numbers as one token each (see the module docstring).
        same_outlet: also pair documents of the same outlet (an outlet reusing itself).
        include_boilerplate: also read captions, site furniture and credit lines.
    """

    shingle_words: int = 5
    min_shared_shingles: int = 2
    min_aligned_share: float = 0.5
    min_content_words: int = 2
    derivative_share: float = 0.3
    mask_quotes: bool = True
    mask_names: bool = True
    mask_numbers: bool = True
    same_outlet: bool = False
    include_boilerplate: bool = False

    def __post_init__(self):
        for name in ("shingle_words", "min_shared_shingles"):
            if getattr(self, name) < 1:
                raise ValueError(f"ReuseParams.{name} must be at least 1, not {getattr(self, name)}")
        for name in ("min_aligned_share", "derivative_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"ReuseParams.{name} must lie in [0, 1], not {getattr(self, name)}")
        if not 0 <= self.min_content_words <= self.shingle_words:
            raise ValueError(f"ReuseParams.min_content_words must lie in [0, shingle_words], "
                             f"not {self.min_content_words}")


class _Token(NamedTuple):
    text: str  # normalised: lower case, folded, or a mask
    start: int  # offsets into the raw document text
    end: int


@dataclass(frozen=True)
class _Sentence:
    doc: Document
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[_Token, ...]
    shingles: frozenset[tuple[str, ...]]


def find_reuse(corpus: Iterable[Document], *, params: ReuseParams = ReuseParams()) -> pd.DataFrame:
    """Pairs of sentences of different outlets that share wording (table ``reuse_passages``).

    Args:
        corpus: documents (a :class:`kargraph.document.Corpus` or any iterable of them).
        params: options (see :class:`ReuseParams`).

    Returns:
        One row per pair; ``doc_id`` is the later document when the dates tell, and
        ``raw[match_start:match_end]`` is the longest run of words the pair shares.
        ``attrs["params"]`` records the options.
    """
    docs = list(corpus)
    sentences = [s for doc in docs for s in _sentences(doc, params)]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        for shingle in s.shingles:
            index[shingle].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for holders in index.values():
        for i, j in itertools.combinations(holders, 2):
            a, b = sentences[i].doc, sentences[j].doc
            if a.doc_id != b.doc_id and (params.same_outlet or _outlet(a) != _outlet(b)):
                shared[(i, j)] += 1
    rows = []
    for (i, j), n_shared in sorted(shared.items()):
        if n_shared < params.min_shared_shingles:
            continue
        row = _pair(sentences[i], sentences[j], n_shared)
        if row["aligned_share"] >= params.min_aligned_share:
            rows.append(row)
    table = pd.DataFrame(rows) if rows else schema.empty("reuse_passages")
    table = table.sort_values(["doc_id", "start", "other_doc_id", "other_start"], ignore_index=True)
    table["pair_id"] = [f"{r.doc_id}:{r.start}~{r.other_doc_id}:{r.other_start}" for r in table.itertuples()]
    table = schema.conform(table, "reuse_passages")
    table.attrs["params"] = dataclasses.asdict(params)
    return table


def reuse_map(passages: pd.DataFrame, corpus: Iterable[Document], *,
              params: ReuseParams = ReuseParams()) -> pd.DataFrame:
    """Reuse between outlets: one row per pair of outlets that share wording (table ``reuse_map``).

    Args:
        passages: the table of :func:`find_reuse`.
        corpus: the documents it was found in (for their sentence counts).
        params: options; ``derivative_share`` decides ``is_derivative``.

    Returns:
        One row per (outlet, other outlet) in the direction of the pairs: ``outlet`` is the
        later side when the dates tell, else the pair appears once per side. ``direction``
        is ``later``, ``same_day`` or ``undated`` when all the pairs agree, else ``mixed``;
        only ``later`` pairs can make an outlet derivative.
    """
    docs = {d.doc_id: d for d in corpus}
    n_sentences = {d.doc_id: len(_article_sentences(d, params)) for d in docs.values()}
    sides = [passages]
    undirected = passages[passages["direction"] != "later"]
    if len(undirected):
        sides.append(_swap(undirected))
    both = pd.concat(sides, ignore_index=True) if len(passages) else passages
    rows = []
    for (outlet, other), pairs in both.groupby(["outlet", "other_outlet"], sort=True):
        shares = _shares(pairs, n_sentences)
        directions = set(pairs["direction"])
        direction = next(d for d in ("later", "same_day", "undated") if d in directions) if len(directions) == 1 \
            else "mixed"
        # only an article published after the other's can derive from it
        later = pairs[pairs["direction"] == "later"]
        rows.append({
            "outlet": outlet, "other_outlet": other, "direction": direction,
            "n_passages": len(pairs), "n_docs": pairs["doc_id"].nunique(),
            "n_sentences": int(sum(pairs.groupby("doc_id")["sentence"].nunique())),
            "max_share": max(shares),
            "is_derivative": bool(len(later) and max(_shares(later, n_sentences)) >= params.derivative_share),
            "pair_ids": " | ".join(pairs["pair_id"]),
        })
    table = pd.DataFrame(rows) if rows else schema.empty("reuse_map")
    table = schema.conform(table, "reuse_map")
    table.attrs["params"] = dataclasses.asdict(params)
    return table


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the words inside quotation marks in ``text`` (the marks left out).

    A quotation opened and not closed runs to the end of ``text``; single quotation marks
    count only around twelve characters or more, so that apostrophes are not quotes.
    """
    spans = []
    for m in _QUOTATION.finditer(fold(text)):
        a, b = m.start() + 1, m.end()
        if m.group()[-1] in "\u201d\"\u00bb\u2019" and b - a > 0:
            b -= 1
        inner = text[a:b]
        a += len(inner) - len(inner.lstrip())
        b -= len(inner) - len(inner.rstrip())
        if b > a:
            spans.append((a, b))
    return spans


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words (spaCy's list; no model is loaded)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def reused_sentences(passages: pd.DataFrame) -> pd.DataFrame:
    """Both sides of every pair, one row per sentence and pair, as ``doc_id``/``start``/``end``.

    The later side keeps ``direction`` = ``later``; the earlier side is marked ``earlier``.
    """
    if passages.empty:
        return passages.copy()
    swapped = _swap(passages)
    swapped["direction"] = swapped["direction"].replace({"later": "earlier"})
    return pd.concat([passages, swapped], ignore_index=True)


# ------------------------------------------------------------------------- tokens
def tokens(text: str, *, offset: int = 0, params: ReuseParams = ReuseParams()) -> list[list[_Token]]:
    """The normalised tokens of ``text`` in runs (a quotation breaks a run), as the index reads them.

    Args:
        text: a sentence.
        offset: added to every token's span (the sentence's start in the raw text).
        params: which masks to apply.
    """
    folded = fold(text)
    pieces = [(0, len(text))]
    if params.mask_quotes:
        pieces, last = [], 0
        for m in _QUOTATION.finditer(folded):
            pieces.append((last, m.start()))
            last = m.end()
        pieces.append((last, len(text)))
    stop = stop_words()
    runs = []
    for a, b in pieces:
        run: list[_Token] = []
        for m in _TOKEN.finditer(folded, a, b):
            word = m.group()
            if params.mask_numbers and word[0].isdigit():
                token = NUMBER
            elif params.mask_names and word[0].isupper() and word.lower() not in stop:
                token = NAME
                if run and run[-1].text == NAME and _adjacent(folded, run[-1].end - offset, m.start()):
                    run[-1] = _Token(NAME, run[-1].start, offset + m.end())
                    continue
            else:
                token = word.lower().replace("\u2019", "'")
            run.append(_Token(token, offset + m.start(), offset + m.end()))
        if run:
            runs.append(run)
    return runs


def _adjacent(text: str, end: int, start: int) -> bool:
    """Two capitalised words belong to one name when only spaces or a hyphen part them."""
    return bool(re.fullmatch(r"[ \t-]*", text[end:start]))


def _shingles(runs: list[list[_Token]], params: ReuseParams) -> frozenset[tuple[str, ...]]:
    stop = stop_words()
    n = params.shingle_words
    out = set()
    for run in runs:
        words = [t.text for t in run]
        for i in range(len(words) - n + 1):
            gram = tuple(words[i:i + n])
            content = sum(1 for w in gram if w not in stop and w not in (NAME, NUMBER))
            if content >= params.min_content_words:
                out.add(gram)
    return frozenset(out)


def _article_sentences(doc: Document, params: ReuseParams):
    return doc.sentences if params.include_boilerplate else doc.article_sentences


def _sentences(doc: Document, params: ReuseParams) -> list[_Sentence]:
    out = []
    for s in _article_sentences(doc, params):
        runs = tokens(s.text, offset=s.start, params=params)
        shingles = _shingles(runs, params)
        if shingles:
            out.append(_Sentence(doc, s.index, s.start, s.end, s.text,
                                 tuple(t for run in runs for t in run), shingles))
    return out


def _outlet(doc: Document) -> str:
    return doc.outlet or doc.doc_id


# -------------------------------------------------------------------------- pairs
def _pair(a: _Sentence, b: _Sentence, n_shared: int) -> dict:
    """The row of one pair, the later sentence first."""
    direction = "later"
    if a.doc.published is None or b.doc.published is None:
        direction = "undated"
    elif a.doc.published == b.doc.published:
        direction = "same_day"
    if (direction == "later" and a.doc.published < b.doc.published) or (
            direction != "later" and a.doc.doc_id > b.doc.doc_id):
        a, b = b, a
    wa, wb = [t.text for t in a.tokens], [t.text for t in b.tokens]
    ops = Indel.opcodes(wa, wb)
    equal = [op for op in ops if op.tag == "equal"]
    n_common = sum(op.src_end - op.src_start for op in equal)
    longest = max(equal, key=lambda op: op.src_end - op.src_start)
    return {
        "doc_id": a.doc.doc_id, "outlet": _outlet(a.doc), "published": _iso(a.doc.published),
        "sentence": a.index, "start": a.start, "end": a.end, "text": a.text,
        "other_doc_id": b.doc.doc_id, "other_outlet": _outlet(b.doc), "other_published": _iso(b.doc.published),
        "other_sentence": b.index, "other_start": b.start, "other_end": b.end, "other_text": b.text,
        "direction": direction, "n_shared_shingles": n_shared, "n_common_words": n_common,
        "aligned_share": n_common / min(len(wa), len(wb)),
        "match_start": a.tokens[longest.src_start].start, "match_end": a.tokens[longest.src_end - 1].end,
        "other_match_start": b.tokens[longest.dest_start].start,
        "other_match_end": b.tokens[longest.dest_end - 1].end,
        "shared": a.doc.raw[a.tokens[longest.src_start].start:a.tokens[longest.src_end - 1].end],
    }


def _shares(pairs: pd.DataFrame, n_sentences: dict[str, int]) -> list[float]:
    """For each (article, other article), the share of the article's sentences paired with the other."""
    per_doc = pairs.groupby(["doc_id", "other_doc_id"])["sentence"].nunique()
    return [n / n_sentences[doc_id] if n_sentences.get(doc_id) else 0.0 for (doc_id, _), n in per_doc.items()]


def _swap(passages: pd.DataFrame) -> pd.DataFrame:
    """The same pairs seen from their other side (``other_*`` columns exchanged)."""
    mapping = {}
    for col in passages.columns:
        if col.startswith("other_") and col[6:] in passages.columns:
            mapping[col], mapping[col[6:]] = col[6:], col
    swapped = passages.rename(columns=mapping)
    swapped["shared"] = [doc_text[a:b] if isinstance(doc_text, str) else pd.NA
                         for doc_text, a, b in zip(swapped["text"], swapped["match_start"] - swapped["start"],
                                                   swapped["match_end"] - swapped["start"])]
    return swapped[passages.columns]


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None
