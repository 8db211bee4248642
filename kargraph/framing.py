"""Narrative framing per outlet: label choices, voices, agency and frames, sentence by sentence.

``frame_profile(corpus)`` returns a :class:`FramingResult` of tidy tables, each row carrying
``doc_id``, ``outlet``, the sentence index and the sentence's ``start``/``end`` in
``Document.raw`` (columns documented in :mod:`kargraph.schema`):

============== =============================================================================
labels         every contrastive label found ("separatists", "ethnic Armenian forces") with
               its referent and the side it favours; ``label_summary`` per outlet x referent
voices         who is quoted or paraphrased (direct quotes, "X said that ...", "according to
               X"), linked to profile actors and sides; ``voice_shares`` per outlet x speaker
               and per outlet x side
agency         who does what to whom: subject-verb-object triples for conflict verbs, with
               voice (active/passive), negation, denial, and whether the outlet asserts the
               act in its own voice or attributes it
frames         per sentence, the generic frames present with the terms that matched;
               ``frame_shares`` per outlet
============== =============================================================================

``distinctive_words`` contrasts two groups of outlets by weighted log-odds with an
informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), and ``casualty_framing``
places each casualty figure of a claims table (headline, lead, body; attributed, hedged,
next to a blame statement).

Every word list lives in the conflict profile (sections ``labels``, ``frames``,
``agency``, plus the sides' ``adjectives`` and the actors' aliases): a user adds a referent,
a label or a frame by editing the YAML file, not this module.

How the rules work, and why some are written by hand:

* Labels and frames are regular-expression matches of the profile's phrases on the
  sentence text folded to ASCII (offsets kept); overlapping labels keep the longest.
* Voices and agency read spaCy's dependency parse (:func:`kargraph._nlp.get_nlp`). Only
  the sentences that contain a reporting verb, a conflict verb or "according to" are
  parsed, in batches. spaCy has no quotation attribution and the small English model has
  no coreference resolver, so both are written here as a few transparent rules:
  a quotation's speaker is the subject of the reporting verb whose clause holds it, else
  of a bare reporting clause in the next sentence ("... Peskov said."), else of the
  previous sentence's speech; a pronoun (he, she, it, they) stands for the closest earlier
  subject of the right kind (a person for he/she), preferring subjects of main clauses.
* An act is *attributed* when its verb sits inside a quotation, in the complement of a
  reporting verb ("Azerbaijan said Armenia had fired ..."; "accused Armenia of
  launching ..."), in a sentence with "according to X", or under "reportedly"; otherwise
  the outlet *asserts* it. A relative or participle clause set off by a comma ("...,
  which was denied by Armenia") is the outlet's own aside, not part of the report.
* A denial whose object points back ("Armenia denies this", "a charge it denies",
  "which was denied by Armenia") marks the acts it points to with ``denied_by``.
* The weighted log-odds are a few lines of numpy: the Python packages for them
  (``fightin-words``, last released in 2019) are unmaintained and built around
  scikit-learn vectorisers. As in R's tidylo, the default prior is empirical Bayes: the
  counts of the whole corpus.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import schema
from ._nlp import MAX_PARSE_CHARS, get_nlp, parse_bounded
from .document import Document
from .profile import Profile, fold, load_profile

# ------------------------------------------------------------------ parameters and results


@dataclass(frozen=True, kw_only=True)
class FramingParams:
    """Options of :func:`frame_profile`, :func:`distinctive_words` and :func:`casualty_framing`."""

    #: only documents of these outlets (empty: all outlets)
    outlets: tuple[str, ...] = ()
    #: also read captions, site furniture and credit lines (normally left out)
    include_boilerplate: bool = False
    #: a quotation needs this many words to count as a direct quote (shorter ones, such as
    #: scare quotes or a quoted phrase inside a paraphrase, count as quoted words only)
    min_quote_words: int = 4
    #: how many sentences back a pronoun looks for what it stands for
    pronoun_window: int = 3
    #: the side whose labels count +1 in the lean score (None: the profile's first side)
    lean_towards: str | None = None
    #: how many terms of a frame a sentence needs to carry the frame
    min_frame_terms: int = 1
    #: the frame whose terms make a sentence a blame statement (casualty framing)
    blame_frame: str = "responsibility"
    #: a figure is next to a blame statement within this many sentences
    blame_window: int = 1
    #: distinctive words: weight of the prior (background counts are multiplied by it)
    prior_scale: float = 1.0
    #: distinctive words: least number of occurrences in both groups together
    min_word_count: int = 2
    #: distinctive words: how many words to keep each way (0: all)
    top_words: int = 20
    #: spaCy batch size
    batch_size: int = 64

    def __post_init__(self):
        if isinstance(self.outlets, str):  # a single outlet given as a string
            object.__setattr__(self, "outlets", (self.outlets,))
        object.__setattr__(self, "outlets", tuple(self.outlets))
        for name in ("min_quote_words", "min_frame_terms", "batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"FramingParams.{name} must be at least 1, not {getattr(self, name)}")
        for name in ("pronoun_window", "blame_window", "min_word_count", "top_words"):
            if getattr(self, name) < 0:
                raise ValueError(f"FramingParams.{name} cannot be negative ({getattr(self, name)})")
        if not self.prior_scale > 0:
            raise ValueError(f"FramingParams.prior_scale must be positive, not {self.prior_scale}")


@dataclass(frozen=True)
class FramingResult:
    """The tables of :func:`frame_profile` (columns in :mod:`kargraph.schema`)."""

    labels: pd.DataFrame
    label_summary: pd.DataFrame
    voices: pd.DataFrame
    voice_shares: pd.DataFrame
    agency: pd.DataFrame
    frames: pd.DataFrame
    frame_shares: pd.DataFrame
    params: FramingParams = field(default_factory=FramingParams)

    def behind(self, table: str, **where) -> pd.DataFrame:
        """The sentences behind a cell: rows of ``table`` matching ``where``.

        Args:
            table: ``labels``, ``voices``, ``agency`` or ``frames``.
            **where: column = value (or list of values), e.g. ``outlet="Press TV",
                referent="territory"``; for a ``voice_shares`` cell use ``speaker_key``
                or ``speaker_side``.

        Returns:
            The matching rows with ``doc_id``, ``outlet``, ``sentence``, ``start``, ``end``
            and ``text`` first, so that ``raw[start:end]`` gives each sentence back.
        """
        if table not in _DETAIL_TABLES:
            raise ValueError(f"no table {table!r} to look behind; use one of {', '.join(_DETAIL_TABLES)}")
        df = getattr(self, table)
        mask = pd.Series(True, index=df.index)
        for column, value in where.items():
            if column not in df.columns:
                raise ValueError(f"table {table!r} has no column {column!r}")
            values = list(value) if isinstance(value, (list, tuple, set)) else [value]
            mask &= df[column].isin(values)
        front = ["doc_id", "outlet", "sentence", "start", "end", "text"]
        rest = [c for c in df.columns if c not in front]
        return df.loc[mask, front + rest].reset_index(drop=True)


_DETAIL_TABLES = ("labels", "voices", "agency", "frames")


def frame_profile(corpus: Iterable[Document], *, profile: Profile | str | None = None,
                  params: FramingParams = FramingParams()) -> FramingResult:
    """Labels, voices, agency and frames of every document, with per-outlet summaries.

    Args:
        corpus: a :class:`~kargraph.document.Corpus` or any iterable of documents.
        profile: conflict profile (object, name or YAML path); its ``labels``, ``frames``
            and ``agency`` sections hold the word lists.
        params: options, recorded in each table's ``attrs["params"]``.

    Returns:
        A :class:`FramingResult`.
    """
    prof = load_profile(profile, corpus=corpus)
    lex = _lexicon(prof)
    docs = _select(corpus, params)
    sentences = {d.doc_id: _article_sentences(d, params) for d in docs}
    parsed = _parse(docs, sentences, lex, params)
    label_rows, frame_rows, voice_rows, agency_rows = [], [], [], []
    for doc in docs:
        sents = sentences[doc.doc_id]
        label_rows += _labels(doc, sents, lex)
        frame_rows += _frames(doc, sents, lex, params)
        ctx = _DocContext(doc, sents, parsed, prof, lex, params)
        voices = _voices(ctx)
        voice_rows += [_voice_row(ctx, v) for v in voices]
        agency_rows += _agency(ctx, voices)
    meta = {"params": dataclasses.asdict(params), "profile": prof.id}
    labels = _table(label_rows, "framing_labels", meta)
    voices = _table(voice_rows, "framing_voices", meta)
    frames = _table(frame_rows, "framing_frames", meta)
    article_counts = Counter(_outlet(d) for d in docs for _ in sentences[d.doc_id])
    return FramingResult(
        labels=labels,
        label_summary=_stamp(label_summary(labels, profile=prof, params=params), meta),
        voices=voices,
        voice_shares=_stamp(voice_shares(voices), meta),
        agency=_table(agency_rows, "framing_agency", meta),
        frames=frames,
        frame_shares=_stamp(_frame_shares(frames, article_counts, list(lex.frames)), meta),
        params=params,
    )


# ------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Label:
    referent: str
    label: str
    lean: str
    pattern: re.Pattern


@dataclass(frozen=True)
class _Action:
    action: str
    role: str  # hostile | defensive | blame | denial
    patient_preps: frozenset[str]


@dataclass(frozen=True)
class _Lexicon:
    labels: tuple[_Label, ...]
    frames: dict[str, tuple[tuple[str, re.Pattern], ...]]
    frame_names: dict[str, str]
    actions: dict[str, _Action]  # verb lemma -> action
    reporting: dict[str, frozenset[str]]  # verb lemma -> particles it needs (empty: none)
    denial_objects: frozenset[str]
    attribution_adverbs: frozenset[str]
    side_words: tuple[tuple[str, re.Pattern], ...]
    candidate: re.Pattern  # a sentence worth parsing


_ROLES = ("hostile", "defensive", "blame", "denial")


@functools.lru_cache(maxsize=16)
def _lexicon(prof: Profile) -> _Lexicon:
    """Compile the profile's framing sections, with errors that name the file and entry."""
    where = prof.source or f"profile {prof.id!r}"
    sides = set(prof.sides)
    labels = []
    for referent, spec in _section(prof, "labels").items():
        entries = spec.get("labels") if isinstance(spec, dict) else None
        if not entries:
            raise ValueError(f"{where}: labels.{referent} needs a 'labels' list")
        for i, entry in enumerate(entries):
            name, lean = entry.get("label"), entry.get("lean")
            if not name or lean is None:
                raise ValueError(f"{where}: labels.{referent} label #{i + 1} needs 'label' and 'lean'")
            if lean != "neutral" and lean not in sides:
                raise ValueError(f"{where}: labels.{referent} label {name!r} leans to {lean!r}, "
                                 f"which is neither 'neutral' nor a side ({', '.join(sorted(sides))})")
            for pattern in entry.get("patterns") or [name]:
                labels.append(_Label(referent, str(name), str(lean), _compile(str(pattern), where)))
    frames, frame_names = {}, {}
    for frame, spec in _section(prof, "frames").items():
        terms = spec.get("terms") if isinstance(spec, dict) else None
        if not terms:
            raise ValueError(f"{where}: frames.{frame} needs a 'terms' list")
        frames[frame] = tuple((str(t), _compile(str(t), where)) for t in terms)
        frame_names[frame] = str(spec.get("name", frame))
    agency = _section(prof, "agency")
    actions = {}
    for action, spec in (agency.get("actions") or {}).items():
        role = spec.get("role") if isinstance(spec, dict) else None
        if role not in _ROLES or not spec.get("verbs"):
            raise ValueError(f"{where}: agency.actions.{action} needs 'verbs' and a role "
                             f"({', '.join(_ROLES)})")
        act = _Action(str(action), role, frozenset(str(p).lower() for p in spec.get("patient_prepositions") or ()))
        for verb in spec["verbs"]:
            actions[str(verb).lower()] = act
    reporting: dict[str, frozenset[str]] = {}
    for entry in agency.get("reporting_verbs") or ():
        verb, *particles = str(entry).lower().split()
        reporting[verb] = reporting.get(verb, frozenset()) | frozenset(particles)
    if not actions or not reporting:
        raise ValueError(f"{where}: the agency section needs 'actions' and 'reporting_verbs'")
    side_words = []
    for side in prof.sides:
        for word in prof.side_words(side):
            side_words.append((side, re.compile(rf"(?<![\w-]){re.escape(fold(str(word)))}(?![\w-])", re.I)))
    # longest adjective first so that "Karabakh Armenian" wins over "Karabakh"
    side_words.sort(key=lambda x: -len(x[1].pattern))
    return _Lexicon(
        labels=tuple(labels), frames=frames, frame_names=frame_names, actions=actions,
        reporting=reporting,
        denial_objects=frozenset(str(w).lower() for w in agency.get("denial_objects") or ()),
        attribution_adverbs=frozenset(str(w).lower() for w in agency.get("attribution_adverbs") or ()),
        side_words=tuple(side_words),
        candidate=_candidate_pattern([*actions, *reporting]),
    )


def _section(prof: Profile, name: str) -> dict:
    value = prof.section(name)
    if not isinstance(value, dict) or not value:
        raise ValueError(f"{prof.source or prof.id}: the profile has no {name!r} section, which framing "
                         f"needs (docs/profiles.md describes the '{name}' section)")
    return value


def _compile(term: str, where: str) -> re.Pattern:
    """A profile phrase as a pattern: case-insensitive, spaces and hyphens alike, a
    trailing ``*`` on a word matches any ending, ``/.../`` is a regular expression."""
    try:
        if len(term) > 2 and term.startswith("/") and term.endswith("/"):
            return re.compile(term[1:-1], re.I)
        words = re.split(r"[\s-]+", fold(term).strip())
        body = r"[\s-]+".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words)
        return re.compile(rf"(?<!\w){body}(?!\w)", re.I)
    except re.error as err:
        raise ValueError(f"{where}: {term!r} is not a valid pattern: {err}") from None


def _candidate_pattern(lemmas: Iterable[str]) -> re.Pattern:
    """Matches any inflection of the verbs, loosely: a sentence that matches is parsed.

    Regular forms share the lemma's stem (kill -> killed); irregular ones (said, told,
    struck) come from the spaCy lemmatizer's exception table, so no list is kept here.
    """
    lemmas = set(lemmas)
    stems = {lemma[:-1] if lemma[-1] in "ey" and len(lemma) > 3 else lemma for lemma in lemmas}
    irregular = set()
    lemmatizer = get_nlp().get_pipe("lemmatizer")
    if "lemma_exc" in lemmatizer.lookups.tables:
        for form, bases in lemmatizer.lookups.get_table("lemma_exc").get("verb", {}).items():
            if lemmas.intersection(bases):
                irregular.add(form)
    words = sorted(stems, key=len, reverse=True)
    return re.compile(r"\b(?:(?:" + "|".join(map(re.escape, words)) + r")\w*|"
                      + "|".join(map(re.escape, sorted(irregular) or ["according"])) + r"|according to)\b", re.I)


# ------------------------------------------------------------------------ documents


def _select(corpus: Iterable[Document], params: FramingParams) -> list[Document]:
    docs = list(corpus)
    if params.outlets:
        known = {_outlet(d) for d in docs}
        unknown = [o for o in params.outlets if o not in known]
        if unknown:
            raise ValueError(f"no documents of outlet(s) {', '.join(map(repr, unknown))}; "
                             f"the corpus has {', '.join(sorted(known))}")
        docs = [d for d in docs if _outlet(d) in params.outlets]
    return docs


def _outlet(doc: Document) -> str:
    return doc.outlet or doc.doc_id


def _article_sentences(doc: Document, params: FramingParams):
    return [s for s in doc.sentences if params.include_boilerplate or not s.is_boilerplate]


def _parse(docs, sentences, lex: _Lexicon, params: FramingParams) -> dict:
    """spaCy parses of the sentences with a reporting or conflict verb, keyed by
    ``(doc_id, sentence index)``."""
    wanted = [(d.doc_id, s) for d in docs for s in sentences[d.doc_id] if lex.candidate.search(s.text)]
    if not wanted:
        return {}
    files = {d.doc_id: d.file or d.doc_id for d in docs}
    for doc_id, s in wanted:
        if len(s.text) > MAX_PARSE_CHARS:
            warnings.warn(f"{files[doc_id]}: sentence at {s.start} has {len(s.text)} characters; voices and agency "
                          f"read from its first {MAX_PARSE_CHARS}", RuntimeWarning, stacklevel=3)
    parses = parse_bounded((s.text for _, s in wanted), batch_size=params.batch_size)
    return {(doc_id, s.index): parsed for (doc_id, s), parsed in zip(wanted, parses)}


# --------------------------------------------------------------------------- labels


def _labels(doc: Document, sents, lex: _Lexicon) -> list[dict]:
    rows = []
    for s in sents:
        folded = fold(s.text)
        hits = [(m.start(), m.end(), lab) for lab in lex.labels for m in lab.pattern.finditer(folded)]
        for a, b, lab in _longest_first(hits):
            rows.append({**_where(doc, s), "referent": lab.referent, "label": lab.label, "lean": lab.lean,
                         "match_start": s.start + a, "match_end": s.start + b, "matched": s.text[a:b]})
    return rows


def _longest_first(hits: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Non-overlapping matches, the longest winning, in text order."""
    taken: list[tuple[int, int]] = []
    kept = []
    for a, b, item in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if a < b and all(b <= x or a >= y for x, y in taken):
            taken.append((a, b))
            kept.append((a, b, item))
    return sorted(kept, key=lambda h: h[0])


def label_summary(labels: pd.DataFrame, *, profile: Profile | str | None = None,
                  params: FramingParams = FramingParams()) -> pd.DataFrame:
    """Label counts and a lean score per outlet x referent.

    The lean score is ``(n_towards - n_against) / n_labels`` where ``n_towards`` counts
    labels favouring ``params.lean_towards`` (default: the profile's first side),
    ``n_against`` those favouring any other side and ``n_labels`` all labels including
    neutral ones: +1 when every label favours that side, -1 when every label favours
    the other side, 0 when the labels are neutral or balanced.
    """
    prof = load_profile(profile)
    towards = params.lean_towards or next(iter(prof.sides))
    if towards not in prof.sides:
        raise ValueError(f"lean_towards={towards!r} is not a side of profile {prof.id!r} "
                         f"({', '.join(prof.sides)})")
    rows = []
    for (outlet, referent), g in labels.groupby(["outlet", "referent"], sort=True):
        counts = g["label"].value_counts()
        n_towards = int((g["lean"] == towards).sum())
        n_neutral = int((g["lean"] == "neutral").sum())
        n_against = len(g) - n_towards - n_neutral
        rows.append({
            "outlet": outlet, "referent": referent, "n_labels": len(g), "n_neutral": n_neutral,
            "n_towards": n_towards, "n_against": n_against,
            "lean": (n_towards - n_against) / len(g), "lean_towards": towards,
            "labels": ", ".join(f"{label} ({n})" for label, n in counts.items()),
            "n_docs": g["doc_id"].nunique(),
        })
    return schema.conform(pd.DataFrame(rows, columns=schema.columns("framing_label_summary")),
                          "framing_label_summary")


# --------------------------------------------------------------------------- frames


def _frames(doc: Document, sents, lex: _Lexicon, params: FramingParams) -> list[dict]:
    rows = []
    for s in sents:
        folded = fold(s.text)
        for frame, terms in lex.frames.items():
            hits = [(m.start(), m.end(), term) for term, pat in terms for m in pat.finditer(folded)]
            hits = _longest_first(hits)
            if len(hits) >= params.min_frame_terms and hits:
                matched = list(dict.fromkeys(s.text[a:b].lower() for a, b, _ in hits))
                rows.append({**_where(doc, s), "frame": frame, "n_terms": len(hits), "terms": "; ".join(matched)})
    return rows


def _frame_shares(frames: pd.DataFrame, article_counts: Mapping[str, int], frame_ids: list[str]) -> pd.DataFrame:
    """Share of each outlet's article sentences that carry each frame (every pair listed)."""
    rows = []
    for outlet in sorted(article_counts):
        g = frames[frames["outlet"] == outlet]
        for frame in frame_ids:
            f = g[g["frame"] == frame]
            total = article_counts[outlet]
            rows.append({"outlet": outlet, "frame": frame, "n_sentences": len(f), "n_outlet_sentences": total,
                         "share": len(f) / total if total else float("nan"),
                         "n_terms": int(f["n_terms"].sum()), "n_docs": f["doc_id"].nunique()})
    return schema.conform(pd.DataFrame(rows, columns=schema.columns("framing_frame_shares")),
                          "framing_frame_shares")


# --------------------------------------------------------------------- parse context

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_THING_PRONOUNS = {"it", "its"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# adverbs that make a phrasal verb when the parser does not label them as particles
_PARTICLES = {"away", "out", "off", "up", "down", "back", "over"}
# relations through which a clause is the content of a reporting verb
_CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "prep", "pcomp", "dobj", "oprd"}
# verbs whose object is the addressee, not what was said ("told reporters")
_ADDRESSEE_VERBS = {"tell", "urge", "call", "inform", "assure", "warn", "remind", "ask"}
_PHRASE_CUT = {"relcl", "acl", "appos", "advcl", "parataxis"}
# punctuation that ends a noun phrase (hyphens and apostrophes belong to it)
_PHRASE_STOP = {",", ";", ":", "(", ")", "\u2014", "\u2013", "\"", "\u201c", "\u201d", "\u2019\u2019", "''"}
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
_QUOTE_OPEN = "\u201c\u00ab\u201e"
_QUOTE_CLOSE = "\u201d\u00bb"
_QUOTE_MARK = re.compile(r"\u2019\u2019|''|[\"\u201c\u201d\u00ab\u00bb\u201e]")


@dataclass(frozen=True)
class _Quote:
    start: int  # raw offsets of the quoted words, marks excluded
    end: int
    n_words: int


@dataclass
class _Linked:
    """A noun phrase and what it was linked to."""

    text: str = ""
    actor: str | None = None
    side: str | None = None
    kind: str | None = None
    method: str = "subject"
    resolved: str = ""  # for a pronoun, the phrase it stands for


@dataclass
class _Voice:
    sentences: list[int]
    speaker: _Linked
    kind: str  # direct_quote | reported_speech | according_to
    verb: str | None = None
    verb_index: int | None = None  # token index of the reporting verb in its sentence parse
    ranges: list[tuple[int, int]] = field(default_factory=list)  # raw offsets of what was said
    quotes: list[_Quote] = field(default_factory=list)
    also: list[int] = field(default_factory=list)  # conjoined reporting verbs of the same speech


class _DocContext:
    """One document with its parses, quotations and the linking helpers that need them."""

    def __init__(self, doc: Document, sents, parsed: dict, prof: Profile, lex: _Lexicon,
                 params: FramingParams):
        self.doc, self.sents, self.prof, self.lex, self.params = doc, sents, prof, lex, params
        self.by_index = {s.index: s for s in sents}
        self.order = [s.index for s in sents]
        self.parsed = {s.index: parsed[(doc.doc_id, s.index)] for s in sents if (doc.doc_id, s.index) in parsed}
        self.quotes = _quotes(doc, params)

    def sentence_of(self, offset: int) -> int | None:
        for s in self.sents:
            if s.start <= offset < s.end:
                return s.index
        return None

    def quote_at(self, offset: int) -> _Quote | None:
        return next((q for q in self.quotes if q.start <= offset < q.end), None)

    def previous(self, sent_index: int, n: int) -> list[int]:
        i = self.order.index(sent_index)
        return list(reversed(self.order[max(0, i - n):i]))

    def next(self, sent_index: int) -> int | None:
        i = self.order.index(sent_index)
        return self.order[i + 1] if i + 1 < len(self.order) else None

    # ----------------------------------------------------------------- linking
    def link_text(self, text: str) -> _Linked:
        """Actor and side of a phrase: an exact alias first, then the sides' adjectives
        ("Armenian shelling"), then a fuzzy name ("Pishnian")."""
        date = self.doc.published
        actor = None
        if self.prof.find_mentions(text, date=date, fuzzy=False):
            actor = self.prof.resolve_actor(text, date=date)
        side = self.prof.side_of(actor) if actor else self.adjective_side(text)
        if actor is None and side is None:
            actor = self.prof.resolve_actor(text, date=date)
            side = self.prof.side_of(actor) if actor else None
        kind = self.prof.actors[actor].kind if actor in self.prof.actors else None
        return _Linked(text, actor, side, kind)

    def adjective_side(self, text: str) -> str | None:
        folded = fold(text)
        hits = [(m.start(), side) for side, pat in self.lex.side_words for m in [pat.search(folded)] if m]
        return min(hits)[1] if hits else None

    def link_token(self, sent_index: int, tok) -> _Linked:
        """Link the noun phrase headed by ``tok``, resolving relative and personal pronouns."""
        low = tok.lower_
        if low in _RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl") and tok.head.head is not tok:
            linked = self.link_token(sent_index, tok.head.head)
            linked.method = "relative"
            return linked
        if low in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
            found = self.antecedent(sent_index, tok)
            if found:
                found.resolved, found.text, found.method = found.text, tok.text, "pronoun"
                return found
            return _Linked(tok.text, method="pronoun")
        return self.link_phrase(tok)

    def link_phrase(self, tok) -> _Linked:
        """Link a noun phrase; coordinated phrases on different sides give side ``both``."""
        group = _coordinated(tok)
        if len(group) == 1:
            return self._link_head(tok, _phrase_text(tok))
        parts = [self._link_head(t, _phrase_text(t, conj=False)) for t in group]
        first, last = group[0], group[-1]
        text = first.doc[_phrase_tokens(first, conj=False)[0].i:_phrase_tokens(last, conj=False)[-1].i + 1].text
        sides = {p.side for p in parts if p.side}
        actors = {p.actor for p in parts}
        actor = actors.pop() if len(actors) == 1 else None
        side = sides.pop() if len(sides) == 1 else ("both" if sides else None)
        kind = self.prof.actors[actor].kind if actor in self.prof.actors else None
        return _Linked(text, actor, side, kind)

    def _link_head(self, tok, text: str) -> _Linked:
        """An actor named at the phrase's head wins ("Russia's Sputnik news agency" is
        Sputnik); a place there gives the place's side. Otherwise the head with its
        modifiers and of/by phrases decides, so that a place merely mentioned in another
        phrase ("a war over Nagorno-Karabakh") does not make the war an actor."""
        core = _phrase_tokens(tok, conj=False, core=True)
        core_text = "".join(t.text_with_ws for t in core).strip()
        head_at = sum(len(t.text_with_ws) for t in core if t.i < tok.i)
        for m in self.prof.find_mentions(core_text, date=self.doc.published, fuzzy=False):
            if m.start <= head_at < m.end:
                if m.entity_type == "actor":
                    return _Linked(text, m.entity_id, self.prof.side_of(m.entity_id),
                                   self.prof.actors[m.entity_id].kind)
                return _Linked(text, None, self.prof.side_of(m.entity_id), None)
        linked = self.link_text(core_text)
        linked.text = text
        return linked

    def antecedent(self, sent_index: int, pron) -> _Linked | None:
        """The closest earlier phrase a pronoun can stand for: subjects of main clauses first,
        then other subjects and objects, in this sentence then the ones before."""
        low = pron.lower_
        want = "person" if low in _PERSON_PRONOUNS else "thing" if low in _THING_PRONOUNS else "any"
        candidates = _candidates(pron.doc, before=pron.i)
        for linked in self._fits(candidates, want):
            return linked
        for prev in self.previous(sent_index, self.params.pronoun_window):
            sdoc = self.parsed.get(prev)
            if sdoc is not None:
                found = next(self._fits(_candidates(sdoc), want), None)
            else:
                found = next(self._fits_mentions(self.by_index[prev].text, want), None)
            if found:
                return found
        return None

    def _fits(self, tokens, want: str):
        for tok in tokens:
            if tok.pos_ == "PRON":
                continue
            plural = any(c.dep_ == "conj" for c in tok.children) or tok.tag_ in ("NNS", "NNPS")
            if want != "any" and plural:
                continue
            linked = self.link_phrase(tok)
            is_person = linked.kind == "person" or (linked.actor is None and tok.ent_type_ == "PERSON")
            is_thing = (linked.actor is not None and linked.kind != "person") or \
                (linked.actor is None and tok.ent_type_ in ("ORG", "GPE", "NORP"))
            if (want == "person" and is_person) or (want == "thing" and is_thing) or \
                    (want == "any" and (linked.actor or tok.ent_type_)):
                yield linked

    def _fits_mentions(self, text: str, want: str):
        for m in self.prof.find_mentions(text, date=self.doc.published):
            linked = self.link_text(m.text)
            if (want == "person") == (linked.kind == "person") or want == "any":
                yield linked


def _candidates(sdoc, *, before: int | None = None) -> list:
    """Noun heads that a pronoun may refer to: subjects by clause depth, then objects."""
    toks = [t for t in sdoc if before is None or t.i < before]
    subjects = sorted((t for t in toks if t.dep_ in _SUBJECT_DEPS), key=lambda t: (_depth(t), t.i))
    objects = [t for t in toks if t.dep_ in ("dobj", "pobj") and t.pos_ in ("PROPN", "NOUN")]
    return subjects + objects


def _depth(tok) -> int:
    return sum(1 for _ in tok.ancestors)


def _phrase_tokens(tok, *, conj: bool = True, core: bool = False) -> list:
    """The tokens of the phrase headed by ``tok``, without relative clauses, appositions
    and commas (so "Azerbaijan, which has called for ..., said" gives "Azerbaijan");
    ``conj=False`` leaves coordinated phrases out ("Russia" of "Russia and France");
    ``core=True`` keeps only the prepositional phrases with of/by ("the head of a Red
    Cross mission", "attacks by Armenian forces")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in _PHRASE_CUT or (child.dep_ == "punct" and child.text in _PHRASE_STOP):
            continue
        if not conj and child.dep_ in ("conj", "cc"):
            continue
        if core and child.dep_ == "prep" and child.lower_ not in ("of", "by"):
            continue
        out += _phrase_tokens(child, core=core)
    return sorted(out, key=lambda t: t.i)


def _phrase_text(tok, *, conj: bool = True) -> str:
    """The phrase as written: runs of adjacent tokens, joined by a space where cut."""
    toks = _phrase_tokens(tok, conj=conj)
    text, prev = "", None
    for t in toks:
        if prev is not None and t.i != prev.i + 1:
            text = text.rstrip() + " "
        text += t.text_with_ws
        prev = t
    return text.strip()


def _coordinated(tok) -> list:
    """``tok`` and the phrases coordinated with it, including a second subject or object
    that the parser hung on the verb ("the town of Martuni and nearby villages")."""
    group = [tok, *tok.conjuncts]
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        group += [c for c in tok.head.children if c.dep_ == tok.dep_ and c not in group]
    return sorted(group, key=lambda t: t.i)


def _quotes(doc: Document, params: FramingParams) -> list[_Quote]:
    """Quotations of the document's article paragraphs (a quote left open runs to the end
    of its paragraph, as in news copy where the next paragraph reopens it)."""
    out = []
    for p in doc.paragraphs:
        if p.is_boilerplate and not params.include_boilerplate:
            continue
        open_at = None
        for m in _QUOTE_MARK.finditer(p.text):
            mark, a, b = m.group(0), m.start(), m.end()
            before = p.text[a - 1] if a else " "
            after = p.text[b] if b < len(p.text) else " "
            if mark in _QUOTE_OPEN or (mark == '"' and open_at is None and (before.isspace() or before in "([:—-")
                                         and not after.isspace()):
                open_at = b if open_at is None else open_at
            elif open_at is not None and (mark in _QUOTE_CLOSE or mark in ('"', "\u2019\u2019", "''")):
                out.append(_quote(p.start, p.text, open_at, a))
                open_at = None
        if open_at is not None:
            out.append(_quote(p.start, p.text, open_at, len(p.text)))
    return [q for q in out if q.n_words]


def _quote(base: int, text: str, a: int, b: int) -> _Quote:
    return _Quote(base + a, base + b, len(_WORD.findall(text[a:b])))


# --------------------------------------------------------------------------- voices


def _voices(ctx: _DocContext) -> list[_Voice]:
    """Speech events of the parsed sentences, then direct quotations given their speakers."""
    voices: list[_Voice] = []
    for s in ctx.sents:
        titled = _headline_voice(ctx, s) if s.kind in ("headline", "subheading") else []
        sdoc = ctx.parsed.get(s.index)
        voices += titled or (_speech_events(ctx, s.index, sdoc) if sdoc is not None else [])
    for q in ctx.quotes:
        if q.n_words < ctx.params.min_quote_words:
            continue
        first, last = ctx.sentence_of(q.start), ctx.sentence_of(max(q.start, q.end - 1))
        if first is None or last is None:
            continue
        _attach_quote(ctx, voices, q, first, last)
    for v in voices:
        v.sentences = sorted(set(v.sentences))
        if v.quotes and len([q for q in v.quotes if q.n_words >= ctx.params.min_quote_words]):
            v.kind = "direct_quote"
    return sorted(voices, key=lambda v: (v.sentences[0], min((a for a, _ in v.ranges), default=0)))


def _speech_events(ctx: _DocContext, sent_index: int, sdoc) -> list[_Voice]:
    lex, events = ctx.lex, {}
    base = ctx.by_index[sent_index].start
    # heads before their dependents, so that a conjoined verb finds its head's event
    for tok in sorted(sdoc, key=lambda t: (_depth(t), t.i)):
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            who = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if who is not None and ctx.quote_at(base + tok.idx) is None:
                speaker = ctx.link_token(sent_index, who)
                speaker.method = "according_to" if speaker.method != "pronoun" else "pronoun"
                a, b = tok.left_edge.i, who.right_edge.i + 1
                ranges = [r for r in ((0, a), (b, len(sdoc))) if r[0] < r[1]]
                events[tok.i] = _Voice([sent_index], speaker, "according_to", "according to", tok.i,
                                       [_token_range(sdoc, base, x, y) for x, y in ranges])
            continue
        if lemma not in lex.reporting or tok.pos_ != "VERB" or tok.dep_ == "amod":
            continue
        particles = lex.reporting[lemma]
        if particles and not any(c.lower_ in particles for c in tok.children if c.dep_ in ("prt", "prep")):
            continue
        if ctx.quote_at(base + tok.idx) is not None:
            continue  # a speaker quoting someone else inside a quotation
        content = [r for c in tok.children if _is_content(c, lemma, particles)
                   for r in _clause_ranges(sdoc, base, c)]
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is None:
            head_event = events.get(tok.head.i)
            if head_event is not None and tok.dep_ in ("conj", "advcl", "xcomp"):
                head_event.ranges += content  # "said ... and added ...": one statement
                events[tok.i] = head_event  # so that what it governs is attributed too
                head_event.also.append(tok.i)
            continue
        speaker = ctx.link_token(sent_index, subject)
        events[tok.i] = _Voice([sent_index], speaker, "reported_speech", lemma, tok.i, content)
    found = list({id(v): v for v in events.values()}.values())
    if len(found) > 1:
        # "..., X said, according to Y": Y relays X's words, which are counted once, for X
        for v in found:
            if v.kind == "according_to":
                v.ranges = []
    return found


def _is_content(child, lemma: str, particles: frozenset[str]) -> bool:
    """Whether a dependent of a reporting verb is (part of) what was said."""
    if child.dep_ in ("ccomp", "xcomp", "parataxis", "oprd"):
        return True
    if child.dep_ == "dobj":
        return lemma not in _ADDRESSEE_VERBS
    if child.dep_ == "prep":  # "accused Armenia of launching ...", "called for a ceasefire"
        return child.lower_ in particles or any(c.dep_ == "pcomp" for c in child.children)
    return False


def _clause_ranges(sdoc, base: int, clause) -> list[tuple[int, int]]:
    """Raw spans of a clause without the asides set off by commas inside it (those are
    the outlet's words, as in "since September 27, when the separatists sparked ...")."""
    drop: set[int] = set()
    for t in clause.subtree:
        if t is not clause and t.dep_ in ("relcl", "acl", "appos") and _set_off(t):
            drop.update(x.i for x in t.subtree)
            drop.add(t.left_edge.i - 1)  # the comma that opens the aside
    keep = [t.i for t in clause.subtree if t.i not in drop]
    runs, start = [], None
    for j, i in enumerate(keep):
        if start is None:
            start = i
        if j + 1 == len(keep) or keep[j + 1] != i + 1:
            runs.append((start, i + 1))
            start = None
    return [_token_range(sdoc, base, a, b) for a, b in runs]


def _token_range(sdoc, base: int, a: int, b: int) -> tuple[int, int]:
    return base + sdoc[a].idx, base + sdoc[b - 1].idx + len(sdoc[b - 1])


_HEADLINE_SPEAKER = re.compile(r"^\s*([^:]{2,60}?)\s*:\s+\S")


def _headline_voice(ctx: _DocContext, s) -> list[_Voice]:
    """A title in the news convention "Speaker: what was said" (a person of the profile)."""
    m = _HEADLINE_SPEAKER.match(s.text)
    if not m:
        return []
    linked = ctx.link_text(m.group(1))
    if linked.kind != "person":
        return []
    linked.text, linked.method = m.group(1), "headline"
    return [_Voice([s.index], linked, "reported_speech", None, None, [(s.start + m.end() - 1, s.end)])]


def _attach_quote(ctx: _DocContext, voices: list[_Voice], q: _Quote, first: int, last: int) -> None:
    """Give a quotation its speaker: the speech in its own sentences whose clause holds it
    (or, failing that, the closest one), else a bare "X said." in the next sentence, else
    the last speech of the previous sentence."""
    own = [v for v in voices if v.verb_index is not None and first <= v.sentences[0] <= last]
    holding = [v for v in own if any(a < q.end and q.start < b for a, b in v.ranges)]
    pool = holding or own
    if pool:
        best = min(pool, key=lambda v: _distance(v, q))
        best.quotes.append(q)
        best.sentences += list(range(first, last + 1))
        return
    nxt = ctx.next(last)
    for v in voices:
        if nxt is not None and v.sentences[0] == nxt and v.verb_index is not None \
                and sum(len(_WORD.findall(ctx.doc.raw[a:b])) for a, b in v.ranges) <= 2:
            v.quotes.append(q)
            v.sentences += list(range(first, last + 1))
            v.speaker.method = "next_sentence" if v.speaker.method == "subject" else v.speaker.method
            return
    speaker = _Linked("", method="unknown")
    outside = sum(len(_WORD.findall(s.text)) for s in ctx.sents if first <= s.index <= last) - q.n_words
    prev = ctx.previous(first, 1)
    before = [v for v in voices if prev and v.sentences[-1] == prev[0]]
    if outside <= 3 and before:  # the sentence is the quotation alone: it goes on the last speech
        speaker = dataclasses.replace(before[-1].speaker, method="previous_sentence")
    elif ctx.parsed.get(first) is not None:  # "Putin reminded that ... 'quote'": the main subject
        sdoc = ctx.parsed[first]
        root = next((t for t in sdoc if t.dep_ == "ROOT"), None)
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        if subject is not None and ctx.quote_at(ctx.by_index[first].start + subject.idx) is None:
            speaker = ctx.link_token(first, subject)
            speaker.method = "clause_subject" if speaker.method != "pronoun" else "pronoun"
    voices.append(_Voice(list(range(first, last + 1)), speaker, "direct_quote", None, None,
                         [(q.start, q.end)], [q]))


def _distance(v: _Voice, q: _Quote) -> int:
    if not v.ranges:
        return 10 ** 9
    return min(0 if (a < q.end and q.start < b) else min(abs(a - q.end), abs(q.start - b)) for a, b in v.ranges)


def _voice_row(ctx: _DocContext, v: _Voice) -> dict:
    doc = ctx.doc
    first, last = ctx.by_index[v.sentences[0]], ctx.by_index[v.sentences[-1]]
    spans = _union([*v.ranges, *((q.start, q.end) for q in v.quotes)])
    all_quotes = [q for q in ctx.quotes if any(a <= q.start and q.end <= b for a, b in spans)]
    content_start = min((a for a, _ in spans), default=first.start)
    content_end = max((b for _, b in spans), default=last.end)
    sp = v.speaker
    return {
        "doc_id": doc.doc_id, "outlet": _outlet(doc), "sentence": first.index, "last_sentence": last.index,
        "start": first.start, "end": last.end, "kind": v.kind, "speaker": sp.text,
        "speaker_key": sp.actor or (sp.resolved or sp.text).lower() if not _unresolved(sp) else "(unresolved)",
        "speaker_name": ctx.prof.actors[sp.actor].name if sp.actor in ctx.prof.actors else (sp.resolved or sp.text),
        "speaker_actor": sp.actor, "speaker_side": sp.side or "unknown", "speaker_kind": sp.kind,
        "speaker_method": sp.method, "verb": v.verb,
        "n_words": sum(len(_WORD.findall(doc.raw[a:b])) for a, b in spans),
        "n_quoted_words": sum(q.n_words for q in all_quotes),
        "content_start": content_start, "content_end": content_end,
        "content": doc.raw[content_start:content_end], "text": doc.raw[first.start:last.end],
    }


def _unresolved(sp: _Linked) -> bool:
    return not sp.text or (sp.method == "pronoun" and not sp.resolved)


def _union(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(r for r in ranges if r[0] < r[1]):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [tuple(r) for r in out]


def voice_shares(voices: pd.DataFrame, *, per: str | None = "outlet") -> pd.DataFrame:
    """Share of voices and of quoted words per speaker and per side.

    Args:
        voices: the ``voices`` table of :func:`frame_profile` (or a filtered part of it).
        per: the column to compute shares within (``outlet``, ``doc_id``), or None for
            all the rows together (the ``outlet`` column then reads ``all``).

    Returns:
        One row per group x speaker (``by="speaker"``) and per group x side
        (``by="side"``); shares add up to 1 within a group and ``by``. ``rank`` orders
        speakers by share of words, then of voices.
    """
    df = voices.copy()
    df["_group"] = df[per] if per else "all"
    rows = []
    for group, g in df.groupby("_group", sort=True):
        n_voices, n_words = len(g), int(g["n_words"].sum())
        for by, key in (("speaker", "speaker_key"), ("side", "speaker_side")):
            parts = []
            for who, w in g.groupby(key, sort=False):
                names = w["speaker_name"].mode()
                parts.append({
                    "outlet": group, "by": by, "who": who,
                    "name": names.iloc[0] if by == "speaker" and len(names) else who,
                    "side": w["speaker_side"].mode().iloc[0],
                    "n_voices": len(w), "n_words": int(w["n_words"].sum()),
                    "share_voices": len(w) / n_voices, "share_words": w["n_words"].sum() / n_words if n_words else 0.0,
                    "n_docs": w["doc_id"].nunique(),
                })
            parts.sort(key=lambda r: (-r["share_words"], -r["share_voices"], str(r["who"])))
            for rank, r in enumerate(parts, 1):
                rows.append({**r, "rank": rank})
    return schema.conform(pd.DataFrame(rows, columns=schema.columns("framing_voice_shares")),
                          "framing_voice_shares")


# --------------------------------------------------------------------------- agency


def _agency(ctx: _DocContext, voices: list[_Voice]) -> list[dict]:
    lex = ctx.lex
    events = {(v.sentences[0], i): v for v in voices if v.verb_index is not None
              for i in (v.verb_index, *v.also)}
    found = []  # (row, sentence index, token)
    for s in ctx.sents:
        sdoc = ctx.parsed.get(s.index)
        if sdoc is None:
            continue
        for tok in sdoc:
            act = _action(tok, lex)
            if act is None:
                continue
            passive = _is_passive(tok)
            agent_tok = _agent(tok, passive, lex)
            patient_tok = _patient(tok, passive, act)
            if agent_tok is None and patient_tok is None:
                continue
            agent = ctx.link_token(s.index, agent_tok) if agent_tok is not None else _Linked()
            if patient_tok is None:
                patient = _Linked()
            elif act.role == "denial" and _points_back(patient_tok, lex):
                patient = _Linked(_phrase_text(patient_tok))  # "this", "which": see _link_denials
            else:
                patient = ctx.link_token(s.index, patient_tok)
            stance, by = _stance(ctx, s.index, tok, events, voices)
            negated = any(c.dep_ == "neg" for c in tok.children)
            row = {
                **_where(ctx.doc, s), "verb": tok.text, "lemma": tok.lemma_.lower(), "action": act.action,
                "role": act.role, "verb_start": s.start + tok.idx, "verb_end": s.start + tok.idx + len(tok),
                "voice": "passive" if passive else "active", "is_negated": negated,
                "agent": agent.text or None, "agent_actor": agent.actor, "agent_side": agent.side,
                "patient": patient.text or None, "patient_actor": patient.actor, "patient_side": patient.side,
                "stance": stance, "attributed_to": by.text or None if by else None,
                "attributed_actor": by.actor if by else None, "attributed_side": by.side if by else None,
                "denied_by": None, "blamed_side": None, "blamed_by": None,
            }
            found.append((row, s.index, tok, patient_tok))
    _link_denials(ctx, found)
    belligerents = set(ctx.prof.sides)
    for row, *_ in found:
        if row["is_negated"]:
            continue
        if row["role"] == "hostile" and row["agent_side"] in belligerents:
            # who holds the agent responsible: the outlet, or the speaker it reports
            row["blamed_side"] = row["agent_side"]
            row["blamed_by"] = "outlet" if row["stance"] == "asserted" else \
                (row["attributed_actor"] or row["attributed_to"])
        elif row["role"] == "blame" and row["patient_side"] in belligerents:
            row["blamed_side"] = row["patient_side"]
            row["blamed_by"] = row["agent_actor"] or row["agent"]
    return [row for row, *_ in found]


def _action(tok, lex: _Lexicon) -> _Action | None:
    """The profile action of a verb token; a phrasal verb ("broke out", "break away")
    counts only when the profile lists it with its particle."""
    if tok.pos_ != "VERB" or tok.dep_ == "amod":
        return None
    lemma = tok.lemma_.lower()
    particle = next((c.lower_ for c in tok.children
                     if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLES)), None)
    if particle is not None:
        return lex.actions.get(f"{lemma} {particle}")
    return lex.actions.get(lemma)


def _is_passive(tok) -> bool:
    """Passive voice, including a reduced passive ("people killed in ...") and an
    elliptical one ("63 civilians had been killed and 293 wounded")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    if tok.tag_ == "VBN" and tok.dep_ == "acl":
        return True
    return tok.tag_ == "VBN" and tok.dep_ == "conj" and not any(c.dep_ == "aux" for c in tok.children) \
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children)


def _points_back(tok, lex: _Lexicon) -> bool:
    return tok.lower_ in lex.denial_objects or tok.lemma_.lower() in lex.denial_objects


def _agent(tok, passive: bool, lex: _Lexicon, depth: int = 0):
    """Who acts: the subject, the passive's by-phrase, or the subject (object, after
    accuse/blame) of the verb that governs a subjectless verb ("sparked a firefight by
    targeting ..."; "accused Armenia of launching ...")."""
    if passive:
        by = next((c for c in tok.children if c.dep_ == "agent"), None)
        return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None:
        return subject
    if tok.dep_ == "acl" and tok.tag_ == "VBG":  # "forces attacking the town"
        return tok.head
    if depth > 4 or tok.dep_ not in ("conj", "xcomp", "advcl", "pcomp"):
        return None
    gov = tok.head
    if gov.pos_ == "ADP":  # through the preposition of "by targeting", "of launching"
        gov = gov.head
    if gov.pos_ not in ("VERB", "AUX"):
        return None
    act = lex.actions.get(gov.lemma_.lower())
    if act is not None and act.role == "blame" and tok.dep_ != "conj":
        return next((c for c in gov.children if c.dep_ == "dobj"), None)
    gov_passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in gov.children)
    return _agent(gov, gov_passive and tok.dep_ == "conj", lex, depth + 1)


def _patient(tok, passive: bool, act: _Action):
    """Who undergoes: the passive subject, the target of "fired at", or the object."""
    if passive:
        subject = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subject is None and tok.dep_ == "conj":  # "... had been killed and 293 wounded"
            subject = next((c for c in tok.head.children if c.dep_ == "nsubjpass"), None)
        return subject if subject is not None else (tok.head if tok.dep_ == "acl" else None)
    if act.patient_preps:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in act.patient_preps:
                target = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if target is not None:
                    return target
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None and tok.dep_ == "relcl" and not any(c.dep_ == "nsubj" and c.lower_ in _RELATIVE_PRONOUNS
                                                       for c in tok.children):
        return tok.head  # "a charge it denies": the relative clause's noun is the object
    return obj


def _stance(ctx: _DocContext, sent_index: int, tok, events, voices) -> tuple[str, _Linked | None]:
    """``asserted`` by the outlet, or ``attributed`` to a speaker (returned with it)."""
    at = ctx.by_index[sent_index].start + tok.idx
    q = ctx.quote_at(at)
    if q is not None:
        owner = next((v for v in voices if q in v.quotes), None)
        return "attributed", owner.speaker if owner else _Linked("(unattributed quotation)", method="unknown")
    for v in voices:  # "Putin: Nearly 5,000 people killed" (a title in a speaker's voice)
        if v.speaker.method == "headline" and any(a <= at < b for a, b in v.ranges):
            return "attributed", v.speaker
    cur = tok
    while True:
        for child in cur.children:
            if _is_trailing_report(cur, child):  # "X destroyed Y, the ministry said"
                ev = next((events[(sent_index, t.i)] for t in child.subtree if (sent_index, t.i) in events), None)
                if ev is not None:
                    return "attributed", ev.speaker
        if cur.dep_ == "ROOT" or cur.head is cur:
            break
        if cur.dep_ in ("relcl", "acl", "appos", "advcl") and _set_off(cur):
            break  # the outlet's own aside
        ev = events.get((sent_index, cur.head.i))
        if ev is not None and cur.dep_ in _CONTENT_DEPS:
            return "attributed", ev.speaker
        cur = cur.head
    according = next((v for v in events.values() if v.kind == "according_to" and sent_index in v.sentences), None)
    if according is not None:
        return "attributed", according.speaker
    for a in (tok, *tok.ancestors):
        if any(c.lower_ in ctx.lex.attribution_adverbs for c in a.children if c.dep_ == "advmod"):
            return "attributed", _Linked(next(c.text for c in a.children if c.lower_ in ctx.lex.attribution_adverbs),
                                         method="adverb")
    return "asserted", None


def _is_trailing_report(verb, child) -> bool:
    """A clause after ``verb``, set off by a comma, that may be a reporting clause
    ("..., the country's Defence Ministry said")."""
    if child.dep_ not in ("parataxis", "advcl", "ccomp") or child.i < verb.i:
        return False
    left = child.left_edge
    return left.text == "," or (left.i > 0 and child.doc[left.i - 1].text == ",")


def _set_off(clause) -> bool:
    """Whether a dependent clause is set off by a comma (a non-restrictive aside)."""
    left = clause.left_edge
    return left.i > 0 and clause.doc[left.i - 1].text in (",", "\u2014", "-", "(")


def _link_denials(ctx: _DocContext, found: list) -> None:
    """Mark the acts a denial points back to with who denies them."""
    by_sentence = defaultdict(list)
    for item in found:
        by_sentence[item[1]].append(item)
    for row, sent_index, tok, patient_tok in found:
        if row["role"] != "denial" or row["is_negated"] or patient_tok is None:
            continue
        if not _points_back(patient_tok, ctx.lex):
            continue
        denier = row["agent_actor"] or row["agent"]
        others = [x for x in by_sentence[sent_index] if x[2] is not tok and x[0]["role"] != "denial"]
        if tok.dep_ == "relcl" and patient_tok.lower_ in _RELATIVE_PRONOUNS:
            # "..., which was denied by Armenia": the clause the relative noun sits in
            verbs = {x[2].i: x for x in others}
            target = next((verbs[a.i] for a in tok.head.ancestors if a.i in verbs), None)
            targets = [target] if target else []
        elif tok.dep_ == "relcl" or any(x[2].i < tok.i for x in others):
            targets = [x for x in others if x[2].i < tok.i]  # "a charge it denies"
        else:
            prev = ctx.previous(sent_index, 1)
            targets = [x for x in by_sentence.get(prev[0], []) if x[0]["role"] != "denial"] if prev else []
        accused = [x[0] for x in targets if x[0]["role"] == "blame" and x[0]["patient"]]
        if accused and row["agent"] and row["agent"].lower() in _THING_PRONOUNS | _PERSON_PRONOUNS | _PLURAL_PRONOUNS:
            # "Baku accused Yerevan of ..., a charge it denies": who denies a charge is the accused
            for key in ("actor", "side"):
                row[f"agent_{key}"] = accused[0][f"patient_{key}"]
            denier = row["agent_actor"] or accused[0]["patient"]
        for target in targets:
            target[0]["denied_by"] = denier


# ------------------------------------------------------------------ distinctive words

_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


def comparison_groups(documents: pd.DataFrame, group_a: Sequence[str] = (), group_b: Sequence[str] = ()
                      ) -> tuple[list[str], list[str]]:
    """The two groups of outlets :func:`distinctive_words` compares, from the corpus itself.

    Groups given are kept. Otherwise, when ``documents`` has a ``group`` column (the
    ``group`` of ``sources.csv``) naming at least two groups, group A is the outlets of the
    group with most documents and group B those of the next; else group A is the outlet
    with most documents (ties: the first by name) and group B every other outlet. A group
    B left empty is every outlet not in group A.

    Args:
        documents: the ``documents`` table.
        group_a, group_b: outlets chosen by the user (empty: derived as above).

    Returns:
        ``(group_a, group_b)`` as lists of outlet names; group B is empty when the
        corpus has a single outlet.
    """
    outlets = documents.dropna(subset=["outlet"])
    if not group_a:
        groups = outlets.dropna(subset=["group"]) if "group" in outlets.columns else outlets.iloc[:0]
        by_size = groups["group"].value_counts().sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        if len(by_size) >= 2:
            picked = [sorted(groups.loc[groups["group"] == g, "outlet"].unique()) for g in by_size.index[:2]]
            return picked[0], [o for o in picked[1] if o not in picked[0]]
        counts = outlets["outlet"].value_counts().sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        group_a = list(counts.index[:1])
    rest = sorted(o for o in outlets["outlet"].unique() if o not in group_a)
    return list(group_a), list(group_b) or rest


def distinctive_words(corpus: Iterable[Document], group_a: str | Sequence[str], group_b: str | Sequence[str], *,
                      prior: str | Mapping[str, float] = "corpus",
                      params: FramingParams = FramingParams()) -> pd.DataFrame:
    """Words that most distinguish two outlets (or groups of outlets).

    Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
    2008, "Fightin' Words", eq. 16-22): with counts ``y_a``, ``y_b`` of a word, totals
    ``n_a``, ``n_b`` and prior ``alpha_w`` (``alpha_0`` its sum),
    ``delta = log((y_a+alpha_w)/(n_a+alpha_0-y_a-alpha_w)) - log((y_b+alpha_w)/(n_b+alpha_0-y_b-alpha_w))``
    and ``z = delta / sqrt(1/(y_a+alpha_w) + 1/(y_b+alpha_w))``.

    Args:
        corpus: the documents.
        group_a, group_b: an outlet or a list of outlets each.
        prior: ``"corpus"`` (the word counts of the whole corpus given, the usual
            background) or a mapping word -> background count (e.g. from a larger corpus).
        params: ``prior_scale`` multiplies the background counts; ``min_word_count`` and
            ``top_words`` filter the result.

    Returns:
        One row per word kept, the group it is distinctive of in ``favours``, sorted by
        ``z`` (group A's words first); ``word_sentences`` lists where a word occurs.
    """
    a_names, b_names = _group(group_a), _group(group_b)
    docs = list(corpus)
    known = {_outlet(d) for d in docs}
    for names in (a_names, b_names):
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(f"no documents of outlet(s) {', '.join(map(repr, unknown))}; "
                             f"the corpus has {', '.join(sorted(known))}")
    if set(a_names) & set(b_names):
        raise ValueError(f"an outlet cannot be in both groups: {', '.join(sorted(set(a_names) & set(b_names)))}")
    counts = {"a": Counter(), "b": Counter()}
    background = Counter()
    for d in docs:
        words = Counter(w for s in _article_sentences(d, params) for w in _words(s.text))
        background.update(words)
        if _outlet(d) in a_names:
            counts["a"].update(words)
        elif _outlet(d) in b_names:
            counts["b"].update(words)
    if not counts["a"] or not counts["b"]:
        raise ValueError("both groups need at least one word of article text")
    if prior != "corpus":
        if isinstance(prior, str):
            raise ValueError(f"prior must be 'corpus' or a mapping word -> count, not {prior!r}")
        background = Counter({str(k).lower(): float(v) for k, v in prior.items()})
    vocab = sorted(w for w in set(counts["a"]) | set(counts["b"])
                   if counts["a"][w] + counts["b"][w] >= params.min_word_count)
    ya = np.array([counts["a"][w] for w in vocab], dtype=float)
    yb = np.array([counts["b"][w] for w in vocab], dtype=float)
    # a word missing from the background gets a small pseudo-count so that its odds exist
    alpha = np.array([background.get(w, 0.0) for w in vocab], dtype=float) * params.prior_scale
    alpha = np.where(alpha > 0, alpha, 0.01)
    alpha0 = float(sum(background.values())) * params.prior_scale
    na, nb = float(sum(counts["a"].values())), float(sum(counts["b"].values()))
    delta = (np.log((ya + alpha) / (na + alpha0 - ya - alpha))
             - np.log((yb + alpha) / (nb + alpha0 - yb - alpha)))
    z = delta / np.sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha))
    name_a, name_b = " + ".join(a_names), " + ".join(b_names)
    df = pd.DataFrame({"word": vocab, "z": z, "log_odds": delta, "count_a": ya.astype(int),
                       "count_b": yb.astype(int), "prior": alpha})
    df["favours"] = np.where(df["z"] >= 0, name_a, name_b)
    df["group_a"], df["group_b"] = name_a, name_b
    if params.top_words:
        top_a = df[df["z"] > 0].nlargest(params.top_words, "z")
        top_b = df[df["z"] < 0].nsmallest(params.top_words, "z")
        df = pd.concat([top_a, top_b])
    df = df.sort_values("z", ascending=False).reset_index(drop=True)
    df["rank"] = df.groupby("favours")["z"].transform(lambda s: s.abs().rank(ascending=False, method="first"))
    df.attrs = {"params": dataclasses.asdict(params), "prior": "corpus" if prior == "corpus" else "given"}
    return schema.conform(df, "framing_distinctive_words")


def _group(value: str | Sequence[str]) -> list[str]:
    names = [value] if isinstance(value, str) else list(value)
    if not names:
        raise ValueError("each group needs at least one outlet")
    return names


@functools.cache
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # the model's own list, no model load

    return frozenset(STOP_WORDS)


def _words(text: str) -> list[str]:
    stop = _stopwords()
    out = []
    for w in _TOKEN.findall(fold(text).lower()):
        w = w[:-2] if w.endswith("'s") else w
        if len(w) > 1 and w not in stop:
            out.append(w)
    return out


def word_sentences(corpus: Iterable[Document], word: str, *, outlets: Sequence[str] = (),
                   params: FramingParams = FramingParams()) -> pd.DataFrame:
    """Every sentence in which ``word`` (as counted by :func:`distinctive_words`) occurs."""
    rows = []
    target = word.lower()
    for d in corpus:
        if outlets and _outlet(d) not in outlets:
            continue
        for s in _article_sentences(d, params):
            if target in _words(s.text):
                rows.append({**_where(d, s), "word": target})
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "sentence", "start", "end", "text", "word"])


# -------------------------------------------------------------------- casualty framing

_CLAIM_COLUMNS = ("claim_id", "doc_id", "start", "end", "value", "hedge", "claimant", "attribution")


def casualty_framing(corpus: Iterable[Document], claims: pd.DataFrame, *, framing: FramingResult | None = None,
                     profile: Profile | str | None = None,
                     params: FramingParams = FramingParams()) -> pd.DataFrame:
    """Where each outlet puts its casualty figures and how it frames them.

    Args:
        corpus: the documents the claims come from.
        claims: a claims table (``kargraph.schema.CLAIMS``; at least claim_id, doc_id,
            start, end, value, hedge, claimant, attribution).
        framing: the corpus's :func:`frame_profile` result (computed when not given).
        profile: conflict profile, used when ``framing`` is computed here.
        params: ``blame_window`` (sentences) and ``blame_frame``.

    Returns:
        One row per claim: ``position`` (headline, subheading, lead = first body
        paragraph, body), whether it is attributed and hedged, and the nearest blame
        statement (a sentence with an act that blames a side, or with the blame frame)
        within ``blame_window`` sentences.
    """
    missing = [c for c in _CLAIM_COLUMNS if c not in claims.columns]
    if missing:
        raise ValueError(f"the claims table lacks column(s) {', '.join(missing)} (see kargraph.schema.CLAIMS)")
    docs = {d.doc_id: d for d in corpus}
    unknown = sorted(set(claims["doc_id"]) - set(docs))
    if unknown:
        raise ValueError(f"claims name documents that are not in the corpus: {', '.join(map(str, unknown))}")
    if framing is None:
        framing = frame_profile(list(docs.values()), profile=profile,
                                params=dataclasses.replace(params, outlets=()))
    blame = _blame_sentences(framing, params)
    rows = []
    for claim in claims.itertuples(index=False):
        doc = docs[claim.doc_id]
        sent = doc.sentence_at(int(claim.start))
        if sent is None:
            raise ValueError(f"claim {claim.claim_id}: offset {claim.start} is outside document {claim.doc_id}")
        near = [(abs(i - sent.index), i, ev) for i, ev in blame.get(doc.doc_id, {}).items()
                if abs(i - sent.index) <= params.blame_window]
        dist, blame_i, (blamed, evidence) = min(near, key=lambda x: (x[0], x[1])) if near else (None, None, (None, None))
        hedge = None if pd.isna(claim.hedge) else str(claim.hedge)
        attribution = None if pd.isna(claim.attribution) else str(claim.attribution)
        rows.append({
            **_where(doc, sent), "claim_id": claim.claim_id, "claim_start": int(claim.start),
            "claim_end": int(claim.end), "value": claim.value, "position": _position(doc, sent),
            "is_attributed": attribution is not None and attribution != "unattributed",
            "claimant": None if pd.isna(claim.claimant) else str(claim.claimant), "attribution": attribution,
            "is_hedged": hedge is not None and hedge != "exact", "hedge": hedge,
            "is_near_blame": blame_i is not None, "blame_sentence": blame_i, "blame_distance": dist,
            "blamed_side": blamed, "blame_evidence": evidence,
        })
    out = schema.conform(pd.DataFrame(rows, columns=schema.columns("framing_casualties")), "framing_casualties")
    out.attrs = {"params": dataclasses.asdict(params)}
    return out


def _blame_sentences(framing: FramingResult, params: FramingParams) -> dict[str, dict[int, tuple]]:
    """doc_id -> sentence -> (blamed side or None, evidence) for every blame statement."""
    out: dict[str, dict[int, tuple]] = defaultdict(dict)
    frames = framing.frames[framing.frames["frame"] == params.blame_frame]
    for r in frames.itertuples(index=False):
        out[r.doc_id][int(r.sentence)] = (None, f"{params.blame_frame} frame: {r.terms}")
    blames = framing.agency[framing.agency["blamed_side"].notna()]
    for r in blames.itertuples(index=False):
        who = r.agent if r.role == "hostile" else r.patient
        out[r.doc_id][int(r.sentence)] = (r.blamed_side, f"{who} {r.action} ({r.stance})")
    return out


def _position(doc: Document, sent) -> str:
    para = doc.paragraphs[sent.paragraph]
    if para.kind != "body":
        return para.kind  # headline, subheading, or boilerplate kinds
    lead = next((p.index for p in doc.paragraphs if p.kind == "body"), None)
    return "lead" if para.index == lead else "body"


def summarise_casualty_framing(table: pd.DataFrame) -> pd.DataFrame:
    """Per outlet x position: figures, and the shares attributed, hedged and next to blame."""
    g = table.groupby(["outlet", "position"], sort=True)
    out = g.agg(n_figures=("claim_id", "size"), share_attributed=("is_attributed", "mean"),
                share_hedged=("is_hedged", "mean"), share_near_blame=("is_near_blame", "mean"),
                n_docs=("doc_id", "nunique")).reset_index()
    for c in ("share_attributed", "share_hedged", "share_near_blame"):
        out[c] = out[c].astype(float)
    return schema.conform(out, "framing_casualty_summary")


# -------------------------------------------------------------------------- helpers


def _where(doc: Document, s) -> dict:
    return {"doc_id": doc.doc_id, "outlet": _outlet(doc), "sentence": s.index, "start": s.start,
            "end": s.end, "text": s.text}


def _table(rows: list[dict], name: str, meta: dict) -> pd.DataFrame:
    df = schema.conform(pd.DataFrame(rows, columns=schema.columns(name)), name)
    return _stamp(df, meta)


def _stamp(df: pd.DataFrame, meta: dict) -> pd.DataFrame:
    df.attrs = dict(meta)
    return df
