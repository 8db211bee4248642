"""The claims table: one row per casualty figure reported in a corpus.

``extract_claims(corpus)`` reads every article sentence and returns, for each reported
figure, its exact span and value, the interval its hedge implies, what happened to whom
(outcome, victims, side), who said so (claimant, attribution), which war it is about
(event) and as of when (as_of). Columns are documented in ``kargraph.schema.CLAIMS``.

How it works, in two passes so that only sentences that can hold a claim are parsed:

1. A cheap pass (regular expressions, no parsing) keeps sentences that hold a count (not a
   year, date, ordinal, percentage...) and a casualty word (killed, died, dead, death
   toll, casualties, wounded, injured, displaced...), plus quoted fragments that continue
   a sentence that has one ("...said there had been many deaths. 'More than two thousand...'").
2. Those sentences are parsed with spaCy (tagger, dependency parser, lemmatizer; no
   NER), and each count is read off the dependency tree:

   * it is a claim when its counted noun is a victim noun (people, soldiers, civilians...)
     or a casualty noun (deaths, casualties), or when a casualty word lies within a few
     dependency edges (``ClaimParams.max_edges``); a count of anything else (missiles,
     tanks, ambassadors, days) is not;
   * outcome from the nearest casualty word; "killed and wounded" together is
     ``casualties``; "casualties" in a sentence that speaks of a death toll is ``killed``;
   * victims from the counted noun and the words that modify it or the toll;
   * side from nationality words on the victims ("Azeri civilians", "on the Azeri side"),
     the place they come from ("servicemen from Goris"), "each side" (``each``), "between
     Armenia and Azerbaijan" / "both sides" (``both``), the side that lost or mourns them,
     "the enemy" of the claimant, the attacker ("killed by Armenian shelling": the other
     side), possessives ("its military personnel": the claimant's side), the claimant's
     side when a party reports a figure without naming the victims' side, for civilians
     the place where it happened (profile places, incident sites such as the 2023 fuel
     depot), else ``both`` for people in general and ``unknown`` for a group;
   * claimant from the nearest reporting verb above the figure whose subject names an
     actor of the profile ("Putin said", "Azerbaijan says", "officials ... reported";
     "the ministry" and "local officials" resolved from the context), "according to X",
     "by Baku's count", a quotation's speaker (:mod:`kargraph.speech`, shared with framing), a
     headline's "X:" prefix or "says X" suffix, the speaker label of a transcript or an
     interview ("Mr. X (Country):", "Q:"/"A:"), or the speaker of the sentence before in
     the same paragraph; first person outside quotation marks and everything else is the
     outlet's own voice (a publisher that is a party's official body speaks for it);
   * event from the profile's cues in the sentence nearest the figure (a cue after
     "since" only counts for a figure inside that phrase), then, for figures stated in the
     simple past, cues in the sentences before, then the event under way (or still being
     counted) at the publication date;
   * as_of from "as of <day>" or "on <weekday>" in the sentence or earlier in the same
     paragraph, else the document's news day (the latest day on which a reported
     statement was made); empty for figures of a past war or stated as "earlier".

``ClaimParams(full_parse=True)`` parses every sentence first (the slow reference path);
its output is identical because the same sentences feed the same rules.

The rules are hand-written on purpose: no library extracts attributed casualty figures,
and each rule is a documented reading of news English that a reviewer can check against
the ``cues`` column of every row.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import pandas as pd

from . import schema
from .claim_lines import claim_kinds
from .document import Document, Sentence
from ._nlp import MAX_PARSE_CHARS, cut_point
from .language import read_languages, reads
from .lexicon import load_lexicon
from .normalize import HedgeParams, NumberMention, find_hedge, find_numbers, hedge_interval, words_joined
from .profile import Profile, load_profile
from .speech import QUOTE_OPEN, DocumentSpeech
from ._tokens import add_known, lemma as _lemma, lemma_of as _lemma_of, pos as _pos

# ----------------------------------------------------------------- lexicon
# components the rules do not read: left out of the fast path (parts of speech and lemmas
# come from _pos and _lemma below, the same on both paths, so the output is identical)
FAST_DISABLED = ("ner", "lemmatizer", "attribute_ruler")
# lemma -> outcome
_OUTCOME_LEMMAS = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "toll": "killed",
    "fatality": "killed", "perish": "killed", "loss": "killed", "slay": "killed", "slain": "killed", "martyr": "killed",
    "life": "killed", "body": "killed", "massacre": "killed", "execute": "killed", "murder": "killed",
    "wound": "wounded", "wounded": "wounded", "injure": "wounded", "injured": "wounded", "injury": "wounded",
    "hurt": "wounded",
    "casualty": "casualties", "lose": "killed", "neutralise": "killed", "neutralize": "killed",
    "eliminate": "killed", "destroy": "killed", "unaccounted": "missing", "hospitalise": "wounded", "fallen": "killed",
    "hospitalize": "wounded", "hospitalised": "wounded", "hospitalized": "wounded",
    "missing": "missing", "disappear": "missing",
    "displace": "displaced", "displaced": "displaced", "flee": "displaced", "refugee": "displaced",
    "evacuate": "displaced", "homeless": "displaced",
}
_CASUALTY_RE = re.compile(
    r"\b(?:kill\w*|die[sd]?|dying|dead|deaths?|toll|fatalit\w+|perish\w*|slain|lives|lost\s+their\s+li\w+|"
    r"casualt\w+|wound\w*|injur\w*|hurt|missing|displac\w+|fled|flee\w*|refugees?|massacre\w*|martyr\w*|bodies|"
    r"los(?:t|e|es|ing)|loss(?:es)?|unaccounted|neutrali[sz]\w*|eliminat\w*|destroy\w*|hospitali[sz]\w*|fallen|"
    r"(?:never|not)\s+(?:been\s+|yet\s+been\s+)?(?:found|located|recovered|identified))\b",
    re.I,
)
_VICTIM_MODIFIERS = {"military": "military", "civilian": "civilian", "army": "military", "armed": "military",
                     "crew": "military", "combat": "military", "manpower": "military"}
# reporting verbs whose subject is the source of what they govern
_SAY_LEMMAS = {"list", "raise", "revise", "lower", "name", "admit", "cite", "reveal",
    "say", "tell", "report", "announce", "claim", "allege", "state", "add", "note", "confirm", "estimate",
    "declare", "insist", "reveal", "disclose", "publish", "release", "cite", "quote", "write", "tweet", "post",
    "record", "register", "count", "tally", "document", "accuse", "warn", "show", "indicate", "update",
    "put", "give", "acknowledge", "admit", "deny", "assert", "explain", "stress", "suggest", "inform", "identify",
}
_PUT_OBJECTS = {"toll", "figure", "number", "count", "tally", "death", "casualty", "dead", "loss", "fatality",
                "total"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "this", "that", "who"}
# last words of the names of bodies rather than people ("the Caucasus Conflict Data Project")
_BODY_WORDS = {"project", "group", "institute", "institution", "center", "centre", "watch", "foundation", "council",
               "network", "observatory", "initiative", "association", "union", "organization", "organisation",
               "university", "society", "fund", "programme", "program", "monitor", "bureau", "department",
               "court", "tribunal", "mission", "forum", "alliance", "coalition", "party", "front", "force",
               "forces", "news", "times", "post", "herald", "journal", "tribune", "review", "report", "press",
               "database", "lab", "laboratory", "trust", "federation", "league", "movement", "board", "unit"}
# a paragraph of a transcript or an interview opened by its speaker: "Mr. Aghayev (Azerbaijan): ...",
# "[00:11:54] GUEST: ...", "Q: ...", "A: ..."
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col)\.?\s+"
_SPEAKER_LABEL = re.compile(
    r"^\W{0,3}(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?"
    rf"(?P<label>(?:{_HONORIFIC})?[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){{0,3}})"
    r"(?:\s*\((?P<note>[^()]{2,40})\))?\s*:\s+\S")
_ASKER_LABELS = {"q", "question", "host", "anchor", "presenter", "interviewer", "moderator"}
_ANSWER_LABELS = {"a", "answer", "guest"}
_RUBRIC_WORDS = {"key", "points", "related", "update", "updated", "editor", "editor's", "note", "correction",
                 "background", "context", "analysis", "timeline", "what", "why", "how", "read", "watch", "listen",
                 "more", "also", "latest", "breaking", "live", "claim", "verdict", "rating", "fact", "facts",
                 "source", "sources", "photo", "video", "tags", "topics", "share", "summary", "takeaways"}
_NOT_FIRST_NAMES = {"the", "a", "an", "this", "that", "my", "our", "your", "his", "her", "their", "welcome",
                    "episode", "part", "chapter", "season", "quick", "good", "in", "on", "at", "from", "with"}
_NAME_IN_TEXT = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}\b")
_FIGURE_ANAPHOR = re.compile(r"\bthe\s+(?:figure|number|total|tally|count)\s+(?:was|is|stood|stands|had\s+been|"
                             r"had\s+reached|reached|rose|had\s+risen|has\s+risen)\b", re.I)
# news of the last days: not the past war a figure before it in the paragraph was about
_RECENT_RE = re.compile(r"\b(?:this\s+(?:week|morning|evening|afternoon)|today|tonight|yesterday|last\s+night|"
                        r"overnight|so\s+far)\b", re.I)
# "On the Karabakh side, ...": a side for the whole sentence
_ON_SIDE = re.compile(r"^\W*On\s+the\s+(?P<adj>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+side\s*,")
# a publisher that is an official body ("Ministry of Defense of the Republic of Azerbaijan")
_GOVERNMENT_BODY = re.compile(r"\b(?:ministry|ministries|government|presidency|prosecutor|armed forces|"
                              r"defen[cs]e army|administration)\b", re.I)
# verbs whose subject is the attacker ("Azerbaijani drones killed ...")
_HARM_VERBS = frozenset(load_lexicon("en")["harm_verbs"])
# what a figure counts: counted noun lemma -> victim group (None: its modifiers decide)
_VICTIM_NOUNS = dict(load_lexicon("en")["victim_nouns"])
_CASUALTY_NOUNS = frozenset(load_lexicon("en")["casualty_nouns"])
_TOTAL_NOUNS = frozenset(load_lexicon("en")["total_nouns"])
_WEAK_SIDE_CUES = {"people in general: both sides", "no side named"}
_OF_THEM_GROUP = re.compile(r"^\s+of\s+(?:them|whom)\s+(?:were\s+|are\s+)?([a-z]+)\b", re.I)
_FIGURES_WORD = re.compile(r"\b(?:figures|data|tallies|counts|statistics|numbers)\b", re.I)
_TOGETHER_RE = re.compile(r"\b(?:both|two|the)\s+(?:two\s+)?(?:sides|governments|countries)\b|\btaken\s+together\b|"
                          r"\bcombined\b|\badd(?:s|ed)?\s+up\b", re.I)
_LOCAL_BODY = re.compile(r"\b(?:local|regional|city|town|village|district)\s+(?:officials?|authorities|"
                         r"administration|government|council|leaders?)\b", re.I)
# a sentence set in a country: "In Azerbaijan, the prosecutor's office recorded ..."
_IN_COUNTRY = re.compile(r"^\W*In\s+(?P<where>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s*,")
# "by Baku's reckoning", "by Yerevan's latest count": the owner of the count is its source
_BY_COUNT = re.compile(r"\b(?:by|on|in)\s+(?P<who>(?:the\s+)?[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,4})"
                       r"['\u2019]s?\s+(?:own\s+|latest\s+|official\s+|final\s+|last\s+|updated\s+)*"
                       r"(?:reckoning|count|tally|estimates?|figures?|calculations?|numbers|data|accounting)\b")
_LEADING_SAYS = re.compile(
    r"^\W{0,2}(?P<who>(?:[A-Z][\w'\u2019.-]*)(?:\s+(?:[A-Z][\w'\u2019.-]*|of|the|and|in|for|on)){0,9})\s+"
    r"(?:has\s+|have\s+)?(?:report|reports|reported|say|says|said|announce|announces|announced|state|states|stated|"
    r"confirm|confirms|confirmed|claim|claims|claimed|inform|informs|informed|puts|put|raises|raised|lowers|lowered|"
    r"lists|listed|admits|admitted|counts|counted)\b")
_SOURCE_PHRASE = re.compile(
    r"\b(?i:by\s+(?:the\s+)?informations?\s+(?:of|from)|citing|as\s+reported\s+by|quoting|per|in\s+the\s+words\s+of|"
    r"according\s+to)\s+(?P<who>(?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|of|the|and)){0,6})")
_FINAL_SAYS = re.compile(r",\s*(?P<who>[^,;:\"\u201c\u201d]{2,90}?)\s+(?P<verb>says|said|reports|reported|added|"
                         r"announced|stated|claims|claimed|confirmed)\s*[.!]?\s*$")
_BOTH_RE = re.compile(r"\b(?:both|two)\s+(?:sides|countries|parties|nations|armies|belligerents)\b|\bon\s+both\s+sides\b"
                      r"|\bfrom\s+both\b|\bin\s+both\b", re.I)
_INCREMENT_LEFT = re.compile(r"\b(?:another|additional|an?\s+additional|a\s+further|further|new)\s+$", re.I)
_INCREMENT_RIGHT = re.compile(r"^\s+(?:more|new|additional|further)\s+(?!than\b)[a-z]", re.I)
_INCREMENT_VERBS = {"rise", "increase", "climb", "jump", "grow", "go", "add", "up", "surge", "swell"}
_SUBSET_LEFT = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+which)\s+$", re.I)
_COUNT_WORDS = {"dozen", "dozens", "hundreds", "thousands", "scores", "hundred", "thousand"}
_CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                   "february", "march", "april", "may", "june", "july", "august", "september", "october",
                   "november", "december", "today", "yesterday"}
_AGENTLESS_ESTIMATE = re.compile(r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?(?:estimated|put|believed|"
                                 r"thought|reported|confirmed|registered|recorded)\b(?![^.]*\bby\b)", re.I)
_RATIO_BEFORE = re.compile(r"\d[.,]\d+\s+to\s+$|\bratio\b[^.]{0,40}\bto\s+$", re.I)
_REFERS_BACK = re.compile(r"\b(?:other|another)\b", re.I)
_SUBSET_RIGHT = re.compile(r"^\s+of\s+(?:them|whom|which|those)\b", re.I)
_OUR_OWN = re.compile(r"\b(?:our|this\s+(?:newspaper|site|outlet)'s)\s+(?:own\s+)?(?:estimate|count|tally|analysis|"
                      r"calculation|figures|research|investigation|reporting)\b", re.I)
_OPENING_MARKS = '"' + QUOTE_OPEN
_EARLIER_RE = re.compile(r"^\W*(?:earlier|previously|initially|at\s+first|originally)\b", re.I)
_TOPIC_WORDS = re.compile(r"\b(?:clash(?:es)?|war|conflict|crisis|fighting|offensive|border|talks|ceasefire|truce|"
                          r"escalation|explainer|analysis|timeline|live|updates?|latest|breaking|exodus|blast)\b", re.I)
_HEADLINE_PREFIX = re.compile(r"^(?P<who>[^:]{2,60}):\s+\S")
_HEADLINE_SUFFIX = re.compile(r"(?:[,\u2014\u2013-]\s+(?:says?|said|claims?|according\s+to)\s+|\s[\u2014\u2013-]\s+)"
                              r"(?P<who>[^,.\u2014\u2013]{2,60}?)\s*$", re.I)


@dataclass(frozen=True)
class ClaimParams:
    """Options of claim extraction.

    Attributes:
        hedges: intervals implied by hedges (see ``kargraph.normalize``).
        max_edges: how many dependency edges may separate a bare figure from its casualty
            word; a figure with a victim noun ("37 civilians") may sit one edge further.
        context_sentences: how many sentences back event cues are looked for when the
            figure's own sentence has none and the figure is stated in the simple past.
        max_value: figures above this are implausible as casualty counts and are dropped
            with a warning (it guards against "1,000,000,000,000 killed" typos).
        full_parse: parse every sentence before extraction (the slow reference path used
            by the benchmark; same output).
    """

    hedges: HedgeParams = field(default_factory=HedgeParams)
    max_edges: int = 4
    context_sentences: int = 3
    max_value: int = 100_000_000
    full_parse: bool = False


# ----------------------------------------------------------------- public API
def extract_claims(corpus: Iterable[Document], *, profile: Profile | str | None = None,
                   params: ClaimParams = ClaimParams(), n_jobs: int = 1, progress: bool = False,
                   corrections: str | None = None) -> pd.DataFrame:
    """The claims table of ``corpus`` (a Corpus or any iterable of Documents).

    Args:
        corpus: documents to read; a generator is consumed once, document by document.
        profile: conflict profile (name, path or Profile); default: the one the corpus folder's ``corpus.yaml`` names.
        params: extraction options.
        n_jobs: worker processes (``-1``: all cores); 1 extracts in this process.
        progress: show a progress bar (documents, claims, rate) on stderr.
        corrections: a corrections file (``kargraph.corrections``) to apply; the table then
            has the columns of ``reviewed_claims``.

    Returns:
        DataFrame with the columns of ``kargraph.schema.CLAIMS``, one row per figure, in
        document and text order; ``attrs["params"]`` records the options used.
    """
    prof = load_profile(profile, corpus=corpus)
    rows: list[dict] = []
    if n_jobs != 1:
        from ._parallel import map_documents

        # whole chunks per task, so that each worker parses across documents as one process does
        for doc_rows in map_documents(_extract_chunk_for_worker, corpus, n_jobs=n_jobs, progress=progress,
                                      payload=(prof, params), per_chunk=True, chunk_size=PARSE_CHUNK_DOCS):
            rows.extend(doc_rows)
    else:
        extractor = ClaimExtractor(prof, params)
        bar = _progress(progress)
        for doc_rows in extractor.documents_claims(corpus):
            rows.extend(doc_rows)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(claims=len(rows), refresh=False)
        if bar is not None:
            bar.close()
    table = claims_frame(rows)
    table["claim_kind"] = claim_kinds(table, prof)
    table.attrs["params"] = {"profile": prof.id, "max_edges": params.max_edges,
                             "context_sentences": params.context_sentences, "max_value": params.max_value,
                             "about": params.hedges.about, "nearly": params.hedges.nearly}
    if corrections is not None:
        from .corrections import apply_corrections

        table = apply_corrections(table, corrections, documents=corpus if hasattr(corpus, "__getitem__") else None)
    return table


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows (dicts with the CLAIMS columns) as a schema-conformed DataFrame."""
    if not rows:
        return schema.empty("claims")
    return schema.conform(pd.DataFrame(rows), "claims")  # claim_kind: filled by extract_claims


#: documents whose candidate sentences are parsed together, and spaCy's batch size
PARSE_CHUNK_DOCS = 64
PARSE_BATCH = 256


def _skip_warning(doc: Document, err: Exception) -> None:
    warnings.warn(f"{doc.file or doc.doc_id}: claim extraction failed ({type(err).__name__}: {err}); "
                  "document skipped", RuntimeWarning, stacklevel=3)


#: a sentence longer than this (a run-on line, a list without full stops) is read in pieces
#: of at most this many characters, cut after a comma or a space: parsing time grows faster
#: than the length of a sentence
MAX_SENTENCE_CHARS = MAX_PARSE_CHARS


def _claim_sentences(doc: Document, languages: tuple[str, ...] = ("en",)) -> tuple[Sentence, ...]:
    """Sentences that can report a figure: article text and photo captions, not site
    furniture, in the ``languages`` claims are read in (:func:`kargraph.language.read_languages`)."""
    out = []
    for s in doc.sentences:
        if s.kind in ("furniture", "credit") or not reads(doc.paragraph_language(s.paragraph), languages):
            continue
        if len(s.text) <= MAX_SENTENCE_CHARS:
            out.append(s)
            continue
        start = 0
        while start < len(s.text):
            end = cut_point(s.text, start, MAX_SENTENCE_CHARS)
            piece = s.text[start:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                out.append(Sentence(s.index, s.paragraph, s.start + start + lead, s.start + start + lead + len(piece),
                                    piece, s.kind))
            start = end
    return tuple(out)


def _extract_chunk_for_worker(docs: list[Document], payload) -> list[list[dict]]:
    profile, params = payload
    return list(_worker_extractor(profile, params).documents_claims(docs))


_WORKER_CACHE: dict = {}


def _worker_extractor(profile: Profile, params: ClaimParams) -> ClaimExtractor:
    """One extractor (one spaCy pipeline) per worker process and options."""
    key = (id(profile), params)
    if key not in _WORKER_CACHE:
        _WORKER_CACHE[key] = ClaimExtractor(profile, params)
    return _WORKER_CACHE[key]


def _progress(enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(unit="doc", desc="claims", leave=False)


# ---------------------------------------------------------------- extraction
@dataclass
class _Candidate:
    sentence: Sentence
    numbers: list[NumberMention]
    inherited_cue: bool = False  # a quoted fragment continuing a casualty sentence


class ClaimExtractor:
    """Extracts claims document by document with one profile and one spaCy pipeline."""

    def __init__(self, profile: Profile, params: ClaimParams = ClaimParams()):
        self.profile = profile
        self.params = params
        self.languages = read_languages(profile)  # paragraphs in other languages are not read
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            from ._nlp import get_nlp

            self._nlp = get_nlp(disable=FAST_DISABLED)
        return self._nlp

    # -- the cheap pass
    def candidates(self, doc: Document, *, sentences: tuple[Sentence, ...] | None = None) -> list[_Candidate]:
        """Sentences that can hold a claim, with their count-like numbers."""
        out = []
        sentences = _claim_sentences(doc, self.languages) if sentences is None else sentences
        prev_has_cue = {}
        for s in sentences:
            has_cue = bool(_CASUALTY_RE.search(s.text))
            prev = prev_has_cue.get(s.paragraph)
            prev_has_cue[s.paragraph] = has_cue
            # a quotation or "the figure was 158" going on from a sentence with a casualty word
            inherited = not has_cue and prev and (s.text[:1] in _OPENING_MARKS or bool(_FIGURE_ANAPHOR.search(s.text)))
            if not (has_cue or inherited):
                continue
            found = find_numbers(s.text)
            for n in found:
                if n.kind == "signed" and has_cue:
                    warnings.warn(f"{doc.file or doc.doc_id}: negative figure {n.text!r} at {s.start + n.start} is "
                                  "not a casualty count; not extracted", UserWarning, stacklevel=3)
            numbers = [n for n in found if n.kind in ("count", "vague")]
            if numbers:
                out.append(_Candidate(s, numbers, inherited_cue=bool(inherited)))
        return out

    def document_claims(self, doc: Document) -> list[dict]:
        """Claims of one document as row dicts (CLAIMS columns)."""
        return next(self.documents_claims([doc]))

    def documents_claims(self, docs: Iterable[Document]) -> Iterator[list[dict]]:
        """Claims of each document, in order. Documents are read in chunks so that the
        parser runs over many documents' candidate sentences at once (spaCy is fastest in
        large batches), while memory stays bounded by the chunk."""
        chunk: list[Document] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) == PARSE_CHUNK_DOCS:
                yield from self._chunk_claims(chunk)
                chunk = []
        if chunk:
            yield from self._chunk_claims(chunk)

    def _chunk_claims(self, docs: list[Document]) -> Iterator[list[dict]]:
        cands, parse_lists, texts = [], [], []
        for doc in docs:
            try:
                sentences = _claim_sentences(doc, self.languages)
                found = self.candidates(doc, sentences=sentences)
            except Exception as err:  # one bad document never stops the others
                _skip_warning(doc, err)
                sentences, found = (), None
            # the naive path parses every sentence, the two-pass path only the candidates
            every = (sentences if self.params.full_parse else [c.sentence for c in found]) if found else []
            cands.append((found, sentences))
            parse_lists.append(every)
            texts.extend(words_joined(s.text) for s in every)  # same length: offsets hold
        if self.params.full_parse:
            from ._nlp import get_nlp

            nlp = get_nlp()
        else:
            nlp = self.nlp
        try:
            parses = iter(list(nlp.pipe(texts, batch_size=PARSE_BATCH)))
        except Exception:  # a text the parser cannot take: parse document by document to find it
            parses = None
        for doc, (found, sentences), every in zip(docs, cands, parse_lists):
            if not found:
                yield []
                continue
            try:
                if parses is not None:
                    parsed = {s.start: next(parses) for s in every}
                else:
                    parsed = dict(zip((s.start for s in every), nlp.pipe(words_joined(s.text) for s in every)))
                yield self._document_claims(doc, found, parsed, sentences)
            except Exception as err:  # one bad document never stops the others
                _skip_warning(doc, err)
                yield []

    def _document_claims(self, doc: Document, cands: list, parsed: dict, sentences: tuple) -> list[dict]:
        context = _DocContext(doc, self.profile, sentences, context_sentences=self.params.context_sentences)
        rows: list[dict] = []
        for cand in cands:
            sent_doc = parsed[cand.sentence.start]
            sentence_rows: list[dict] = []
            consumed: set[int] = set()
            for number in cand.numbers:
                if number.start in consumed:
                    continue
                row = self._claim(doc, cand, sent_doc, number, sentence_rows, context, consumed, rows)
                if row is not None:
                    sentence_rows.append(row)
            rows.extend(sentence_rows)
        _outcome_defined(rows)
        for row in rows:
            for key in [k for k in row if k.startswith("_")]:
                del row[key]
        return rows

    # -- one figure
    def _claim(self, doc: Document, cand: _Candidate, sdoc, number: NumberMention,
               siblings: list[dict], ctx: "_DocContext", consumed: set[int], prior: list[dict]) -> dict | None:
        s = cand.sentence
        text = s.text
        hedge = find_hedge(text, number.start, number.end, value=number.value, vague=number.kind == "vague")
        span_end = number.end
        if hedge.label == "range":
            upper = next((n for n in cand.numbers if n.start > number.start and n.value == hedge.value2), None)
            if upper is not None:
                consumed.add(upper.start)
                span_end = upper.end
        tok = _number_token(sdoc, number)
        if tok is None or _RATIO_BEFORE.search(text[:number.start]):
            return None  # "1.3 to 1" is a ratio
        span = sdoc.char_span(number.start, number.end, alignment_mode="expand")
        reading = _read_figure(tok, self.params, inherited=cand.inherited_cue,
                               in_number={t.i for t in span} if span is not None else {tok.i})
        if reading is None:
            return None
        value = number.value
        if value is None or value < 0:
            return None
        value *= hedge.scale  # "between twenty and thirty thousand": 20,000
        if value > self.params.max_value:
            warnings.warn(f"{doc.file or doc.doc_id}: figure {number.text!r} at {s.start + number.start} is "
                          f"implausible as a casualty count (over {self.params.max_value:,}); not extracted",
                          UserWarning, stacklevel=3)
            return None
        if not float(value).is_integer():
            return None
        if cand.inherited_cue and value < 10 and hedge.label == "exact" and reading["noun"] is None:
            return None  # a bare small number in a quoted fragment ("Two on both sides") is no figure
        cues: list[str] = list(reading["cues"])
        start = s.start + min(hedge.start, number.start) if hedge.text else s.start + number.start
        end = s.start + span_end
        left = text[:number.start]
        is_increment = bool(_INCREMENT_RIGHT.match(text[number.end:]) or reading["increment"])
        if not is_increment and _INCREMENT_LEFT.search(left):
            # "another 40 deaths" adds to a running total; "a further 120 were wounded" after
            # figures of the dead starts a new count
            is_increment = any(r["outcome"] == reading["outcome"] for r in prior + siblings)
        parent = None
        if (_SUBSET_LEFT.search(left) or _SUBSET_RIGHT.match(text[number.end:])) and siblings:
            # the part of the figure with the same outcome ("including 11 children among the dead")
            parent = next((r for r in reversed(siblings) if reading["own_outcome"] and r["outcome"] ==
                           reading["outcome"]), siblings[-1])
            cues.append("subset of the figure before")
        # who said it (an explicit victims' side helps to tell whose ministry "the ministry" is)
        @functools.cache
        def side_hint():  # computed only when an unplaced office ("the ministry") needs it
            hint, _ = self._side(tok, reading, None, sdoc, text, ctx)
            return hint if hint in self.profile.sides or hint == "both" and reading["victims"] == "military" else None

        claimant, attribution, how = self._attribution(doc, cand, sdoc, tok, number, ctx, side_hint,
                                                       reading["total"])
        cues.append(how)
        outcome = reading["outcome"]
        if outcome == "casualties" and reading["noun_is_casualties"]:
            if _CASUALTY_DEATH_RE.search(text):
                outcome = "killed"
                cues.append("casualties in a sentence about deaths: killed")
            elif ctx.previous_death_figure(s, claimant, prior):
                outcome = "killed"
                cues.append("casualties right after the same source's death figure: killed")
        victims = reading["victims"]
        victims_named = reading["victims_named"]
        m = _OF_THEM_GROUP.match(text[span_end:])
        word = m.group(1).lower() if m else ""
        group = _VICTIM_NOUNS.get(word) or _VICTIM_NOUNS.get(_lemma_of(word))
        if group in ("civilian", "military"):
            victims, victims_named = group, True  # "seven of them civilians"
        side, side_cue = self._side(tok, reading, claimant, sdoc, text, ctx)
        if side_cue in _WEAK_SIDE_CUES and siblings and siblings[-1]["claimant"] == claimant \
                and siblings[-1]["_side_cue"] not in _WEAK_SIDE_CUES:
            # "fuel depot blast kills 170, over 100 missing": the side of the figure before
            side, side_cue = siblings[-1]["side"], f"side of the figure before in the sentence ({siblings[-1]['text']})"
        cues.append(side_cue)
        if reading["inherit"] and siblings:
            base = siblings[-1]
            victims, side = base["victims"], base["side"]
            cues.append("inherits victims and side from the running total it changes")
        if reading["anaphoric"]:
            base = next((r for r in reversed(prior + siblings) if r["parent_claim_id"] is None), None)
            if base is not None and ctx.near(s, base, 2):
                outcome, victims, side = base["outcome"], base["victims"], base["side"]
                if attribution == "unattributed":  # "On Oct. 2, the figure was 158": the same source's count
                    claimant, attribution = base["claimant"], base["attribution"]
                cues.append(f"'the figure' continues the figure before ({base['text']})")
            elif reading["outcome_token"] is None:
                return None  # "the figure was 158" with no figure before it to continue
        if reading["total"] is not None and siblings and siblings[-1]["is_increment"] and victims == "all":
            victims = siblings[-1]["victims"]
            cues.append("running total: victims of the increment before it")
        if not victims_named and parent is None and siblings and siblings[-1]["_victims_named"] \
                and siblings[-1]["claimant"] == claimant:
            # "29 of its servicemen had been killed, 101 wounded and 28 were missing"
            victims = siblings[-1]["victims"]
            victims_named = True  # so that the next figure of the list takes them too
            cues.append(f"victims of the figure before in the sentence ({siblings[-1]['text']})")
        elif not victims_named and parent is None:
            base = ctx.same_topic(s, claimant, outcome, siblings, prior)
            # a figure much larger than the source's last one counts a larger group
            if base is not None and base["victims"] != "all" and value <= 1.5 * base["value"]:
                victims = base["victims"]
                cues.append(f"victims of the same source's figure before ({base['text']})")
        if reading["noun"] is None and (_INCREMENT_LEFT.search(left) or ";" in left and siblings and
                                        attribution == "unattributed" and side_cue in _WEAK_SIDE_CUES) or \
                reading["noun"] is not None and _lemma(reading["noun"]) == "other":
            # "...; 187 remain missing": the statement goes on after the semicolon
            # "64 servicemen had been killed, the ministry said. A further 120 were wounded." "A dozen others"
            base = ctx.figure_before(s, prior + siblings)
            if base is not None and (attribution == "unattributed" or claimant == base["claimant"]):
                claimant, attribution = base["claimant"], base["attribution"]
                victims, side = base["victims"], base["side"]
                cues.append(f"goes on from the figure before ({base['text']}): its source, victims and side")
        elif parent is None and reading["partitive_of_dead"] and attribution == "unattributed":
            base = ctx.figure_before(s, prior + siblings)  # "At least three of the dead were civilians."
            if base is not None:
                claimant, attribution, side = base["claimant"], base["attribution"], base["side"]
                cues.append(f"part of the dead of the figure before ({base['text']}): its source and side")
        out_tok = reading["outcome_token"]
        if reading["noun"] is None and out_tok is not None and siblings and siblings[-1].get("_outcome_i") is not None \
                and _linked_predicates(out_tok, sdoc[siblings[-1]["_outcome_i"]]):
            victims, side = siblings[-1]["victims"], siblings[-1]["side"]
            cues.append("elliptical conjunct: victims and side of the figure before")
        if parent is not None:
            outcome = outcome if reading["own_outcome"] else parent["outcome"]
            victims = parent["victims"] if victims == "all" else victims
            side = parent["side"]
            claimant, attribution = parent["claimant"], parent["attribution"]
        event, event_cue, by_cue = ctx.event_for(s, tok, sdoc, number, reading, prior + siblings)
        cues.append(event_cue)
        as_of = ctx.as_of_for(s, event)
        low, high = hedge_interval(hedge.label, value, upper=hedge.value2, vague_word=number.text,
                                   params=self.params.hedges)
        return {
            "claim_id": f"{doc.doc_id}:{start}-{end}",
            "doc_id": doc.doc_id,
            "start": start,
            "end": end,
            "text": doc.raw[start:end],
            "sentence": s.text,
            "sentence_start": s.start,
            "value": int(value),
            "low": low,
            "high": high,
            "hedge": hedge.label,
            "is_increment": is_increment,
            "outcome": outcome,
            "victims": victims,
            "side": side,
            "claimant": claimant,
            "attribution": attribution,
            "event": event,
            "as_of": as_of.isoformat() if as_of else None,
            "parent_claim_id": parent["claim_id"] if parent is not None else None,
            "location": s.kind,
            "cues": "; ".join(c for c in cues if c),
            "outlet": doc.outlet,
            "published": doc.published.isoformat() if doc.published else None,
            "_outcome_i": out_tok.i if out_tok is not None else None,
            "_outcome_lemma": _lemma(out_tok) if out_tok is not None else None,
            "_event_by_cue": by_cue,
            "_victims_named": victims_named,
            "_side_cue": side_cue,
            "_paragraph": s.paragraph,
        }

    # -- side
    def _side(self, tok, reading, claimant: str, sdoc, text: str, ctx: "_DocContext") -> tuple[str, str]:
        """The victims' side and the cue that decided it (``text`` is the sentence's text)."""
        local = reading["local"]
        local_text = " ".join(t.text for t in local)
        if reading["each"] or _distributive(tok) or any(t.lower_ in ("each", "either", "apiece") or
                                  (t.lower_ == "per" and t.i + 1 < len(sdoc) and t.nbor(1).lower_ == "side")
                                  for t in local):
            return "each", "each side"
        loser = reading["loser"]
        if loser is not None and _lemma(loser) == "side":  # "each side lost 3,000", "both sides lost"
            quantifier = next((c.lower_ for c in loser.children if c.lower_ in ("each", "either", "both")), None)
            if quantifier:
                return ("both" if quantifier == "both" else "each"), f"the side that lost them: {quantifier} side"
        if loser is not None:
            side = self._side_of_party(loser, claimant, ctx)
            if side:
                return side, f"the side that lost them: {loser.text}"
        heads = _figure_heads(tok, reading)
        modifiers = [c for h in heads for c in sdoc[h].children if c.dep_ in ("compound", "amod", "nmod")]
        if any(self._pair_of_sides("".join(x.text_with_ws for x in c.subtree)) for c in modifiers):
            return "both", "both sides named as a pair"  # "the Azerbaijan-Armenia toll"
        for t in local:
            if t.i not in heads and t.head.i not in heads and not (t.dep_ == "pobj" and t.head.head.i in heads):
                continue
            side = _side_of_word(t, self.profile) if t.i not in heads or t.i == tok.i else \
                _side_of_noun(t, self.profile)
            if side:
                return side, f"victims' side: {t.text}"
            if t.dep_ in ("amod", "compound") and t.text in self.profile.third_party_adjectives:
                fought_for = self._fighting_for(t.head)
                if fought_for:
                    return fought_for, f"{t.text} fighters on the {fought_for} side"
                return "unknown", f"victims of a third party: {t.text}"
        origin = self._origin_side(reading["noun"]) if reading["noun"] is not None else None
        if origin:
            return origin[0], f"victims from {origin[1]}"
        claimant_side = self._party_of(claimant, ctx)
        if any(t.lower_ in ("its", "their", "our") for t in local) and claimant_side in self.profile.sides:
            return claimant_side, "possessive: the claimant's own side"
        enemys = any(t.lower_ == "enemy" and t.dep_ == "poss" and _lemma(t.head) in _TOTAL_NOUNS | _CASUALTY_NOUNS
                     for t in reading["clause"])  # "the enemy's losses are 6,119 killed"
        if (enemys or any(t.lower_ == "enemy" for t in local)) and claimant_side in self.profile.sides:
            other = self.profile.opposite_side(claimant_side)
            if other:
                return other, "enemy of the claimant"
        pred = reading["outcome_token"]
        side_prep = _side_in_prep(pred, self.profile) if pred is not None else None
        side_prep = side_prep or _side_in_prep(tok, self.profile)  # "12 on the Azerbaijani side"
        if side_prep:
            return side_prep, "'on the ... side' of the predicate"
        m = _ON_SIDE.match(text)
        if m:  # "On the Karabakh side, the count is around 220 dead"
            side = self.profile.side_of_adjective(m.group("adj"))
            if side:
                return side, f"the sentence's side: {m.group(0).strip(' ,')}"
        clause_text = " ".join(t.text for t in reading["clause"])
        if _BOTH_RE.search(local_text) or _BOTH_RE.search(clause_text) or _between_sides(reading["clause"], self.profile):
            return "both", "both sides named"
        attacker = self._attacker_side(pred) if pred is not None else None
        if attacker == "both":
            return "both", "fighting between the sides"
        if attacker:
            other = self.profile.opposite_side(attacker)
            if other:
                return other, f"victims of the {attacker} side's attack"
        if claimant != "outlet" and (claimant_side in self.profile.sides or claimant_side == "both"):
            return claimant_side, "the claimant's side (a party reporting its losses)"
        if reading["victims"] != "military" and pred is not None:
            place = self._place_side(pred) or self._sentence_place_side(text)
            if place:
                return place[0], f"where it happened: {place[1]}"
        if reading["victims"] == "all":
            return "both", "people in general: both sides"
        return "unknown", "no side named"

    def _attacker_side(self, pred) -> str | None:
        """The side named as the attacker of a killing: "killed by Armenian shelling",
        "Azerbaijani drones killed ...", "killed in Azerbaijan's offensive", "a genocide
        committed by ... in which ... were killed"; ``"both"`` for fighting between the sides."""
        verb = pred
        while verb.head.i != verb.i and _pos(verb) not in ("VERB", "AUX"):
            verb = verb.head
        phrases = []
        for t in (verb, pred):  # "killed in Azerbaijan's offensive", "dead in Azerbaijani operation"
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "during", "by", "from", "after"):
                    phrases.extend(p for p in c.children if p.dep_ == "pobj" and _lemma(p) in _ATTACK_NOUNS)
                if c.dep_ == "prep" and c.lower_ == "as":  # "as a result of Azerbaijan's operation"
                    for p in c.subtree:
                        if p.dep_ == "pobj" and _lemma(p) in _ATTACK_NOUNS:
                            phrases.append(p)
        for c in verb.children:
            if c.dep_ == "agent":
                phrases.append(c)
            if c.dep_ == "nsubj" and _lemma(verb) in _HARM_VERBS and not any(x.like_num for x in c.subtree) \
                    and _lemma(c) not in _ACCIDENT_NOUNS:  # "Karabakh fuel depot blast kills 170": a place, no attacker
                phrases.append(c)
            if c.dep_ == "advcl" and any(m.lower_ in ("when", "after", "as") for m in c.children if m.dep_ == "mark"):
                phrases.extend(x for x in c.children if x.dep_ == "nsubj")
        if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
                and _lemma(verb) in _HARM_VERBS and _pos(verb.head) == "VERB":
            # rule shared-subject: "the attack killed 13 and injured 40": one subject for both verbs
            phrases.extend(x for x in verb.head.children if x.dep_ == "nsubj" and not any(y.like_num for y in x.subtree)
                           and _lemma(x) not in _ACCIDENT_NOUNS)
        if verb.dep_ in ("advcl", "conj", "xcomp") and verb.tag_ == "VBG" and _lemma(verb.head) in _ATTACK_VERBS:
            phrases.extend(x for x in verb.head.children if x.dep_ == "nsubj")  # "X fired rockets, killing 21"
        if verb.dep_ == "relcl":  # "... genocide committed by X, in which N were killed"
            noun = verb.head
            gov = noun.head
            if _pos(gov) in ("VERB", "AUX"):
                phrases.extend(x for x in gov.children if x.dep_ == "nsubj" and x.i != noun.i)
            phrases.extend(x for x in noun.children if x.dep_ == "acl")
        sides, targets = set(), set()
        for ph in phrases:
            if _lemma(ph) in _TWO_SIDED_EVENTS:
                named = {sd for t in ph.subtree for sd in [_side_of_word(t, self.profile)] if sd}
                if len(named) != 1:
                    return "both"  # "clashes killed 17", "Armenia-Azerbaijan fighting"
            for t in ph.subtree:
                if _under_target_prep(t, ph):  # "a strike on the Azerbaijani city of Ganja": the target
                    sd = _side_of_word(t, self.profile) if t.dep_ != "pobj" else _side_of_noun(t, self.profile)
                    place = self._place_of(t)
                    if sd or place:
                        targets.add(sd or place)
                    continue
                owner = t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == ph.i  # "the forces of Armenia"
                sd = _side_of_word(t, self.profile) if t.dep_ != "pobj" or t.head.dep_ == "agent" or owner else None
                if sd is None and t.dep_ == "pobj" and t.head.dep_ == "agent":
                    sd = _side_of_word(t, self.profile)
                if sd:
                    sides.add(sd)
        if len(sides) == 1:
            return sides.pop()
        if not sides and len(targets) == 1:
            other = self.profile.opposite_side(targets.pop())
            return other  # the attacker of a target on one side is the other side
        return None

    def _place_of(self, tok) -> str | None:
        """The side of a place named by a token ("Ganja", "Stepanakert")."""
        found = self._place_in(tok.text) if _pos(tok) == "PROPN" else None
        return found[0] if found else None

    def _place_in(self, text: str) -> tuple[str, str] | None:
        """The side of the first uncontested place of the profile named in ``text``, and its name."""
        for m in self.profile.find_mentions(text, fuzzy=False):
            place = self.profile.places.get(m.entity_id)
            if place is not None and not place.contested and place.side in self.profile.sides:
                return place.side, m.text
        return None

    def _place_side(self, pred) -> tuple[str, str] | None:
        """The side of the place where people were killed ("in Ganja", "near Stepanakert",
        "a missile hit the Azerbaijani city of Ganja, killing 13", "in Ganja, where 13 died")."""
        verb = pred
        while verb.head.i != verb.i and _pos(verb) not in ("VERB", "AUX"):
            verb = verb.head
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            place = self._place_of(verb.head)
            if place in self.profile.sides:
                return place, verb.head.text
        scope = list(verb.subtree)
        if verb.dep_ in ("advcl", "conj") and verb.tag_ == "VBG":  # "..., killing 13": the clause it ends
            scope += [t for t in verb.head.subtree if not (verb.i <= t.i <= verb.right_edge.i)]
        for t in scope:
            if t.dep_ == "pobj" and _lemma(t) in _SETTLEMENT_NOUNS:  # "the Azerbaijani city of Ganja"
                side = next((_side_of_word(a, self.profile) for a in t.children if a.dep_ == "amod"
                             and _side_of_word(a, self.profile)), None)
                if side:
                    return side, f"{t.text} of that side"
        compounds = [c for c in pred.children if c.dep_ == "compound"]
        for t in scope + compounds:
            target = t.head.lower_ == "of" and _lemma(t.head.head) in _SETTLEMENT_NOUNS | _ATTACK_NOUNS
            incident = t in compounds or t.head.lower_ == "from" or t.dep_ == "compound" and \
                _lemma(t.head) in _ACCIDENT_NOUNS | _ATTACK_NOUNS  # "the fuel depot (blast) toll"
            if (t.dep_ == "pobj" and (t.head.lower_ in ("in", "near", "at", "on", "outside", "inside", "from")
                                      or target) or incident) \
                    and (_pos(t) == "PROPN" or _lemma(t) in _SETTLEMENT_NOUNS or incident):
                text = "".join(x.text_with_ws for x in t.subtree if x.i == t.i or x.dep_ in
                               ("poss", "compound", "amod", "case", "det"))
                for m in self.profile.find_mentions(text, fuzzy=False):
                    place = self.profile.places.get(m.entity_id)
                    if place is not None and place.contested:
                        continue
                    side = self.profile.side_of(m.entity_id)
                    if side in self.profile.sides:
                        return side, m.text
        return None

    def _pair_of_sides(self, text: str) -> bool:
        """Whether a hyphenated pair names both sides ("Armenia-Azerbaijan", "Azeri-Armenian")."""
        return any(len({self.profile.side_of_adjective(w) for w in m.groups()} - {None}) > 1
                   for m in re.finditer(r"([\w']+)\s*[-\u2013/]\s*([\w']+)", text))

    def _party_of(self, claimant: str | None, ctx: "_DocContext") -> str | None:
        """The side a claimant speaks for; for the outlet's own voice, the publisher's side
        when it is a party's official body."""
        if claimant is None:
            return None
        return ctx.publisher_side() if claimant == "outlet" else self.profile.side_of(claimant)

    def _sentence_place_side(self, text: str) -> tuple[str, str] | None:
        """The side of the place a sentence is set in: "In Jermuk, two civilians were injured"."""
        m = _IN_COUNTRY.match(text)
        return self._place_in(m.group("where")) if m else None

    def _origin_side(self, noun) -> tuple[str, str] | None:
        """The side of the place people come from: "servicemen from Goris", "residents of Ganja"."""
        if _lemma(noun) not in _VICTIM_NOUNS and not _is_nationality_noun(noun):
            return None
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("from", "of"):
                continue
            for p in prep.children:
                if p.dep_ != "pobj" or _pos(p) != "PROPN":
                    continue
                found = self._place_in("".join(x.text_with_ws for x in p.subtree
                                               if x.i == p.i or x.dep_ in ("compound", "flat")))
                if found:
                    return found
        return None

    def _fighting_for(self, noun) -> str | None:
        """'Syrian fighters recruited to fight for Azerbaijan': the side they fought for."""
        for t in noun.subtree:
            if t.dep_ == "prep" and t.lower_ in ("for", "alongside") and _lemma(t.head) in ("fight", "battle", "serve"):
                for p in t.children:
                    if p.dep_ == "pobj":
                        side = _side_of_word(p, self.profile) or _side_of_noun(p, self.profile)
                        if side is None:
                            who = self.profile.resolve_actor(p.text)
                            side = self.profile.side_of(who) if who else None
                        if side in self.profile.sides:
                            return side
        return None

    def _side_of_party(self, tok, claimant: str, ctx: "_DocContext") -> str | None:
        """The side a subject stands for: a side word, an actor, a place, 'we' or 'the enemy'."""
        claimant_side = self._party_of(claimant, ctx)
        place = self._place_in(tok.text) if tok.text[:1].isupper() else None
        if place:  # "Khndzoresk alone lost 14 men" (a name, whatever its tag)
            return place[0]
        word = tok.lower_
        if word in ("we", "our", "us") and claimant_side in self.profile.sides:
            return claimant_side
        if word == "enemy" and claimant_side in self.profile.sides:
            return self.profile.opposite_side(claimant_side)
        if _lemma(tok) in ("side", "party", "army", "country") and tok.tag_ in ("NNS", "NNPS"):
            return "both"  # "the sides have lost at least 60 servicemen"
        for t in tok.subtree:
            side = _side_of_word(t, self.profile)
            if side:
                return side
        who = self.profile.resolve_actor(" ".join(t.text for t in tok.subtree))
        side = self.profile.side_of(who)
        return side if side in self.profile.sides else None

    # -- claimant and attribution
    def _attribution(self, doc: Document, cand: _Candidate, sdoc, tok, number, ctx: "_DocContext",
                     side_hint=None, total=None):
        s = cand.sentence
        in_quote = ctx.in_quote(s, number.start)
        speech = "direct_quote" if in_quote else "reported_speech"

        def found(who, kind, how):
            ctx.remember(s, who)
            return who, kind, how

        # "according to X" covers the clause it modifies; in mid-sentence, the figures after it
        reporting, according = _sentence_index(sdoc)
        for t in according:
            if t.i + 1 < len(sdoc) and t.nbor(1).lower_ == "to":
                obj = next((c for c in t.nbor(1).children if c.dep_ == "pobj"), None)
                if obj is None or not _covers(t, obj, tok, sdoc):
                    continue
                if any(c.lower_ in ("our", "my") for c in obj.children):
                    if in_quote:
                        who, how = ctx.quote_speaker(s, number.start)  # "According to our data, ...," the president said
                        if who:
                            return found(who, "direct_quote", how)
                    else:  # the publisher's own data, or the speaker's in a transcript
                        label = ctx.speaker_label(s)
                        if label is not None:
                            return found(label[0], "direct_quote", f"speaker label: {label[1]}") \
                                if label[0] != "outlet" else ("outlet", "unattributed", f"according to {obj.text}")
                        return "outlet", "unattributed", f"according to {obj.text}"
                who = self._who(obj, s, ctx, side_hint)
                if who:
                    return found(who, "according_to", f"according to {obj.text}")
        # the nearest reporting verb above the figure
        owner = _toll_owner(tok, reading_total=total, profile=self.profile, date=doc.published)

        def elsewhere(verb) -> bool:  # a reporting verb in another clause than the figure's
            return _across_semicolon(sdoc, verb, tok) or \
                owner is not None and ";" in sdoc[min(verb.i, tok.i):max(verb.i, tok.i)].text
            # ("Armenia puts its dead at 3,825; Azerbaijan's figure is 2,908")

        for verb in _ancestors(tok):
            if not _is_reporting(verb) or elsewhere(verb):
                continue
            subj = _subject_of(verb)
            if subj is None:
                continue
            if subj.lower_ in _PRONOUNS and any(_is_reporting(v) and _subject_of(v) is not None
                                                for v in _ancestors(verb)):
                continue  # "X alleged that they recorded ...": X is the source
            who = self._who(subj, s, ctx, side_hint)
            if who:
                return found(who, speech, f"{subj.text} {verb.text}")
        # a reporting verb elsewhere in the sentence ("..., the ministry says" parsed apart):
        # the nearest one whose clause holds no figure of its own
        others = []
        for verb in reporting:
            if not elsewhere(verb) and not _says_something_else(verb, tok):
                subj = _subject_of(verb)
                if subj is not None:
                    others.append((_tree_distance(tok, verb), verb.i, verb, subj))
        for _, _, verb, subj in sorted(others, key=lambda x: x[:2]):
            who = self._who(subj, s, ctx, side_hint)
            if who:
                return found(who, speech, f"{subj.text} {verb.text}")
        # "X reports today 69 dead", "By information of Baku, ...": patterns for what the parse missed
        for pattern, kind in ((_SOURCE_PHRASE, "according_to"), (_LEADING_SAYS, speech)):
            m = pattern.search(s.text)
            mid_after = kind != speech and m is not None and m.start() > number.end and \
                re.search(r"\w", s.text[m.end():])  # "X killed 192 and, according to Y, 220 ...": Y's 220 only
            if m and not mid_after and (kind != speech or m.end() <= number.start + 1) \
                    and ";" not in s.text[m.end():number.start]:
                who = self.profile.resolve_actor(m.group("who"), date=doc.published) or ctx.known_alias(m.group("who"))
                if who is None and ctx.has_institution_word(m.group("who")) and \
                        not _names_a_body(m.group("who"), self.profile):
                    who = ctx.institution_referent(m.group("who"), s, side_hint)
                if who:
                    return found(who, kind, m.group(0).strip())
        m = _BY_COUNT.search(s.text)
        if m and ";" not in s.text[min(m.start(), number.start):max(m.end(), number.end)]:
            who = self.profile.resolve_actor(m.group("who"), date=doc.published) or ctx.known_alias(m.group("who"))
            if who:
                return found(who, "according_to", m.group(0).strip())
        # "..., Azerbaijan's prosecutor general's office says." when the parse lost the subject
        m = _FINAL_SAYS.search(s.text)
        if m and m.start() > number.end:
            who = self.profile.resolve_actor(m.group("who"), date=doc.published) or ctx.known_alias(m.group("who"))
            if who is None and ctx.has_institution_word(m.group("who")) and not _names_a_body(m.group("who"), self.profile):
                who = ctx.institution_referent(m.group("who"), s, side_hint)
            if who:
                return found(who, speech, f"{m.group('who')} {m.group('verb')}")
        # headlines and crossheads: "X: ...", "..., says X", "... - X"
        if s.kind in ("headline", "subheading"):
            m = _HEADLINE_PREFIX.match(s.text) or _HEADLINE_SUFFIX.search(s.text)
            if m and _mostly_named(m.group("who"), self.profile, doc.published):
                who = self.profile.resolve_actor(m.group("who"), date=doc.published)
                if who is None and ctx.has_institution_word(m.group("who")):
                    who = ctx.institution_referent(m.group("who"), s, side_hint)
                if who:
                    return found(who, "direct_quote", f"headline attribution: {m.group('who')}")
        # a quotation whose speaker comes in the next sentence, or in the sentence before
        if in_quote:
            who, how = ctx.quote_speaker(s, number.start)
            if who:
                return found(who, "direct_quote", how)
        subject = _document_subject(tok)
        if subject is not None:  # "the two sides' official figures add up to ...", "official figures put ..."
            who = self._who(subject, s, ctx, side_hint)
            if who:
                return found(who, "according_to", f"figures of {subject.text}")
        if owner is not None:  # "Armenia's toll crosses 2,700": the country's own count
            return found(owner, "reported_speech", "the toll's owner")
        if _AGENTLESS_ESTIMATE.search(s.text):  # "... is estimated at 3,781": the source named just before
            who = ctx.previous_speaker(s)
            if who:
                return found(who, "reported_speech", "agentless estimate after the source's statement")
        label = ctx.speaker_label(s)
        if label is not None:
            who, label_text = label
            if who == "outlet":
                return "outlet", "unattributed", f"the asker's turn ({label_text})"
            return found(who, "direct_quote", f"speaker label: {label_text}")
        if _OUR_OWN.search(s.text) and not in_quote:
            return "outlet", "unattributed", "the outlet's own estimate"
        # the speaker of a quotation just before, in the same paragraph ("two other residents"
        # continues any statement before it)
        who = ctx.previous_speaker(s, after_quote=not _REFERS_BACK.search(s.text))
        if who and not _EARLIER_RE.search(s.text):
            return found(who, "reported_speech", "continues the quotation before")
        return "outlet", "unattributed", "no attribution: the outlet's own voice"

    def _who(self, token, s: Sentence, ctx: "_DocContext", side_hint: str | None = None) -> str | None:
        """The actor id a subject token stands for, or a name made from it."""
        date = ctx.doc.published
        if token.lower_ in ("we", "i") and not ctx.in_quote(s, token.idx):
            label = ctx.speaker_label(s)  # first person outside quotation marks: the speaker of a
            return label[0] if label is not None else "outlet"  # transcript, else the publisher
        if token.lower_ in _PRONOUNS:
            return ctx.pronoun_referent(s, token.lower_)
        core = _phrase(token, s, exclude=("relcl", "appos"))
        who = self.profile.resolve_actor(core, date=date)
        appos = [c for c in token.children if c.dep_ == "appos"]
        if appos:
            named = self.profile.resolve_actor(_phrase(appos[0], s, exclude=("relcl",)), date=date)
            if named is not None and (who is None or (self.profile.actors[named].kind == "person"
                                                      and self.profile.actors[who].kind != "person")):
                who = named  # a listed person wins over the office they hold
        if who is not None:
            if appos and self.profile.actors[who].kind != "person":
                ctx.alias(_phrase(appos[0], s, exclude=("relcl",)), who)  # "the ombudsman, Gegham Stepanyan"
            return who
        known = ctx.known_alias(core)
        if known:
            return known
        if ctx.is_outlet(core):
            return "outlet"
        source = _source_of_document(token)
        if source is not None:  # "a report commissioned by the European Union"
            who = self.profile.resolve_actor(_phrase(source, s, exclude=("relcl",)), date=date)
            if who:
                return who
        if ctx.has_institution_word(core) and not _names_a_body(core, self.profile):
            # "the ministry", "its prosecutor general's office": whose, from the context
            who = ctx.institution_referent(core, s, side_hint)
            if who:
                return who
        names = [t for t in token.subtree if _pos(t) == "PROPN" and t.lower_ not in _CALENDAR_WORDS and (
            t.i == token.i or (t.dep_ in ("compound", "flat") and t.head.i == token.i))]
        if names:
            # an unlisted person keeps the surname; an unlisted body a snake_case name
            if _pos(token) == "PROPN" and len(names) >= 2 and _lemma(names[-1]) not in _BODY_WORDS \
                    and not ctx.has_institution_word(names[-1].text):
                return _slug(names[-1].text)
            return _slug(" ".join(t.text for t in names))
        return None


def _phrase(token, s: Sentence, *, exclude: tuple[str, ...]) -> str:
    """The words of ``token``'s subtree without the named dependents or figures."""
    drop = set()
    for c in token.children:
        if c.dep_ in exclude or any(t.like_num and _pos(t) == "NUM" for t in c.subtree):
            drop.update(t.i for t in c.subtree)
    tokens = [t for t in token.subtree if t.i not in drop]
    return "".join(t.text_with_ws for t in tokens).strip() if tokens else token.text


_SENTENCE_INDEX: dict = {}


def _sentence_index(sdoc) -> tuple[list, list]:
    """The reporting verbs and 'according' tokens of a parsed sentence, found once per sentence."""
    key = id(sdoc)
    hit = _SENTENCE_INDEX.get(key)
    if hit is None or hit[0] is not sdoc:
        if len(_SENTENCE_INDEX) > 256:
            _SENTENCE_INDEX.clear()
        reporting = [t for t in sdoc if _is_reporting(t)]
        according = [t for t in sdoc if t.lower_ == "according"]
        hit = _SENTENCE_INDEX[key] = (sdoc, reporting, according)
    return hit[1], hit[2]


def _covers(according, obj, tok, sdoc) -> bool:
    """Whether an "according to X" phrase covers the figure at ``tok``."""
    first = according.i == 0 or all(t.is_punct for t in sdoc[:according.i])
    drop = {t.i for c in obj.children if c.dep_ in ("appos", "relcl") or any(x.like_num for x in c.subtree)
            for t in c.subtree}
    last_word = max(t.i for t in obj.subtree if t.i not in drop)
    final = all(t.is_punct for t in sdoc[last_word + 1:])
    if first or final:
        return True
    return tok.i > according.i


def _linked_predicates(a, b) -> bool:
    """Two predicates coordinated or chained directly ("20,000 were killed, 50,000 wounded")."""
    return a.i != b.i and ((a.head.i == b.i and a.dep_ in ("conj", "ccomp", "parataxis"))
                           or (b.head.i == a.i and b.dep_ in ("conj", "ccomp", "parataxis")))


def _office_key(text: str) -> str:
    """'the Ministry of Defence' and 'the defence ministry' are one office."""
    words = re.findall(r"[a-z]+", text.lower())
    words = [w for w in words if w not in ("the", "its", "their", "his", "her", "of", "s", "a")]
    return " ".join(sorted(words))


def _says_something_else(verb, tok) -> bool:
    """A reporting verb with a statement of its own that does not hold the figure
    ("..., Aliyev says the real number is higher")."""
    return any(c.dep_ in ("ccomp", "xcomp") and tok.i not in {t.i for t in c.subtree} for c in verb.children)


def _across_semicolon(sdoc, verb, tok) -> bool:
    """Whether a semicolon separates a reporting verb from a figure whose own clause has a
    reporting verb of its own ("Armenia says 64 ...; Baku admits 31 ...")."""
    lo, hi = sorted((verb.i, tok.i))
    semis = [t.i for t in sdoc[lo:hi] if t.text == ";"]
    if not semis:
        return False
    start = semis[-1] + 1 if tok.i > verb.i else 0
    end = len(sdoc) if tok.i > verb.i else semis[0]
    return any(_is_reporting(t) for t in sdoc[start:end] if t.i != verb.i)


_DOCUMENT_NOUNS = {"report", "figure", "data", "tally", "estimate", "statement", "count", "study", "survey",
                   "record", "list", "database", "assessment", "analysis"}


def _toll_owner(tok, *, reading_total, profile: Profile, date) -> str | None:
    """A party government named as the owner of the toll ("Armenia's toll", "Baku's losses")."""
    nouns = [reading_total] if reading_total is not None else []
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        if _lemma(t) in _TOTAL_NOUNS or _lemma(t) in ("death", "casualty"):
            nouns.append(t)
    for noun in nouns:
        for c in noun.children:
            if c.dep_ == "poss" and _pos(c) == "PROPN":
                who = profile.resolve_actor(c.text, date=date)
                actor = profile.actors.get(who) if who else None
                if actor is not None and actor.kind == "government" and actor.side in profile.sides:
                    return who
    return None


def _document_subject(tok):
    """The subject of the figure's clause when it is a set of figures ("official figures
    from both sides put the dead at ...")."""
    verb = tok
    for _ in range(4):
        if verb.head.i == verb.i:
            break
        verb = verb.head
        if _pos(verb) in ("VERB", "AUX"):
            break
    if _pos(verb) not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (_lemma(subj) in _DOCUMENT_NOUNS or subj.lower_ in ("figures", "data", "statistics")):
        return subj
    return None


def _source_of_document(token):
    """For "a report by X" / "figures from X" / "data released by X": the X."""
    if _lemma(token) not in _DOCUMENT_NOUNS and token.lower_ not in ("figures", "data", "records"):
        return None
    for t in token.subtree:
        if t.dep_ in ("pobj",) and t.head.lower_ in ("by", "from", "of") and t.head.head.i in (
                token.i, *(c.i for c in token.children)):
            return t
    return None


def _is_speaker_label(m: re.Match) -> bool:
    """A label that names a speaker ("Mr. Aghayev (Azerbaijan)", "HOST", "A", "Dana Reyes"),
    not a rubric ("CLAIM", "UPDATE", "Correction")."""
    label = m.group("label")
    word = label.lower().rstrip(".")
    if word in _ASKER_LABELS or word in _ANSWER_LABELS:
        return True
    if any(w in _RUBRIC_WORDS for w in word.split()):
        return False
    if re.match(_HONORIFIC, label):
        return True
    return bool(m.group("note")) and len(label.split()) <= 3 or len(label.split()) in (2, 3) and label.istitle()


def _mostly_capitalised(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in ("of", "the", "and")]
    return bool(words) and all(w[:1].isupper() for w in words)


def _mostly_named(text: str, profile: Profile, date) -> bool:
    """A headline prefix that is a speaker ("Putin:", "Armenian PM:", "MoD"), not a topic
    ("Armenia-Azerbaijan border clashes:"): one actor mention covering most of it."""
    if _TOPIC_WORDS.search(text):
        return False  # "Nagorno-Karabakh clashes:", "Karabakh war live:"
    sides = {profile.side_of_adjective(w) for w in re.findall(r"[\w']+", text)} - {None}
    if len(sides) > 1:
        return False  # "Armenia-Azerbaijan:"
    mentions = [m for m in profile.find_mentions(text, date=date) if m.entity_type == "actor"]
    words = len(re.findall(r"\w+", text))
    if not mentions:
        return words <= 3 or bool(profile._institution_regex.search(text)) and words <= 8
    if len({m.entity_id for m in mentions}) > 1:
        return False
    covered = sum(len(re.findall(r"\w+", m.text)) for m in mentions)
    return covered / max(words, 1) >= 0.5


def _names_a_body(text: str, profile: Profile) -> bool:
    """Whether a phrase names a body of its own ("the Kowalczyk Institute"), beyond
    generic office words ("the Defense Ministry", "the prosecutor general's office")."""
    rest = profile._institution_regex.sub(" ", text)
    words = re.findall(r"\b[A-Z][\w'\u2019-]+", rest)
    generic = {"the", "its", "their", "his", "her", "general", "general's", "human", "rights", "state", "local",
               "regional", "city", "town", "district", "village",
               "national", "defence", "defense", "foreign", "interior", "health", "emergency", "emergencies",
               "situations", "press", "ministry's", "office's", "mod", "mfa", "deputy", "chief", "head", "first"}
    return any(w.lower().rstrip("'s").rstrip("\u2019s") not in generic and w.lower() not in generic
               and w.lower() not in _CALENDAR_WORDS for w in words)


# ------------------------------------------------------------ figure reading
_CASUALTY_DEATH_RE = re.compile(r"\b(?:death\s+toll|deaths?|dead|killed|died|fatalities)\b(?!\s+(?:and|or)\s+"
                                r"(?:wounded|injured))", re.I)


def _number_token(sdoc, number: NumberMention):
    span = sdoc.char_span(number.start, number.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    # the token of the number phrase whose head lies outside it
    for t in span:
        if t.head.i < span.start or t.head.i >= span.end or t.head == t:
            return t
    return span[-1]


def _read_figure(tok, params: ClaimParams, *, inherited: bool, in_number: set[int]) -> dict | None:
    """What a number token counts, its casualty word and local phrase, or None."""
    noun = None
    head = tok
    if tok.dep_ == "punct":  # a misparse ("told parliament that 105 soldiers had died"): read the words after it
        nxt = next((t for t in tok.doc[tok.i + 1:tok.i + 4] if _pos(t) in ("NOUN", "PROPN")), None)
        if nxt is not None and (_VICTIM_NOUNS.get(_lemma(nxt), "x") != "x" or _lemma(nxt) in _CASUALTY_NOUNS):
            noun = head = nxt
    if _denied(tok):
        return None  # "there is no record of 2,000 deaths"
    if noun is not None:
        pass
    elif tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos") and _pos(tok.head) in ("NOUN", "PROPN", "ADJ") \
            and tok.head.i > tok.i:
        noun = tok.head
        head = tok.head
    elif tok.dep_ == "nummod" and _pos(tok.head) in ("NOUN", "PROPN"):
        noun = tok.head
        head = tok.head
    partitive = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i not in in_number:
            partitive = next((p for p in c.children if p.dep_ == "pobj" and _pos(p) != "PRON"), None)
    if noun is None and partitive is not None:
        noun = partitive
    if noun is not None and _lemma(noun) in ("member", "one", "other") and partitive is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        part = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
        if part is not None and _VICTIM_NOUNS.get(_lemma(part)) in ("military", "civilian"):
            partitive = part  # "200 members of the illegal formations"
    counted = _lemma(noun) if noun is not None else None
    if noun is not None and noun.text.lower() in _VICTIM_NOUNS:
        counted = noun.text.lower()
    is_victim = counted in _VICTIM_NOUNS or (noun is not None and _is_nationality_noun(noun))
    is_casualty_noun = counted in _CASUALTY_NOUNS
    if noun is not None and not (is_victim or is_casualty_noun):
        return None
    if _describes_other_noun(noun if noun is not None else tok, in_number | {tok.i}) and \
            not (noun is not None and _has_own_outcome_clause(noun)):
        return None  # "a town of about 4,000 people", "a pre-war population of 150,000"
    if _done_by_figure(tok, noun) and not (is_casualty_noun and counted in _OUTCOME_OF_NOUN) \
            and _never_found(tok if noun is None else noun) is None:
        return None  # "280 have been discharged": the figure does something else ("40 of the deaths were caused" is one)
    # a running total: "the toll rose to X", "the number of soldiers killed reached X"
    total = _total_noun(tok) if noun is None else None
    if total is not None:
        head = total
    # nearest casualty word within reach in the dependency tree
    reach = params.max_edges + (1 if is_victim else 0)
    best = None
    own_outcome = False
    if is_casualty_noun and counted in _OUTCOME_OF_NOUN:
        best = (0, noun)
        own_outcome = True
    if best is None:  # "26 were listed as missing": the figure's own predicate and its complements
        np = noun if noun is not None and noun.dep_ in ("nsubj", "nsubjpass") else tok
        if np.dep_ in ("nsubj", "nsubjpass") and _pos(np.head) in ("VERB", "AUX"):
            verb = np.head
            own = [verb] + [c for c in verb.children if c.dep_ in ("acomp", "oprd", "xcomp", "attr")] + \
                [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
            own = [t for t in own if (_OUTCOME_LEMMAS.get(_lemma(t)) or _OUTCOME_LEMMAS.get(t.lower_))
                   and _lemma(t) not in _VICTIM_ONLY_VERBS and _lemma(t) not in ("life", "toll", "loss")]
            if own:
                best = (1, own[-1])
    if best is None:  # "322 injured", "50 soldiers killed": the word right after the figure decides
        after = [t for t in tok.doc[tok.i + 1:tok.i + 3] if not t.is_punct]
        if after and noun is not None and after[0].i == noun.i:
            after = after[1:]
        if after and (_OUTCOME_LEMMAS.get(_lemma(after[0])) or _OUTCOME_LEMMAS.get(after[0].lower_)) \
                and _lemma(after[0]) not in _VICTIM_ONLY_VERBS and _lemma(after[0]) not in ("life", "toll", "loss"):
            best = (0, after[0])
    if best is None and total is not None:
        own = [t for t in total.subtree if _OUTCOME_LEMMAS.get(_lemma(t)) or _OUTCOME_LEMMAS.get(t.lower_)]
        own = [t for t in own if _lemma(t) not in _VICTIM_ONLY_VERBS and _lemma(t) != "life"]
        if own:
            best = (0, min(own, key=lambda t: abs(t.i - total.i)))
    if best is None:
        for cand, dist in _within(head, reach):
            lemma = _lemma(cand)
            word = cand.lower_
            outcome = _OUTCOME_LEMMAS.get(lemma) or _OUTCOME_LEMMAS.get(word)
            if outcome is None:
                continue
            if lemma == "life" and _lemma(_verb_above(cand)) not in ("lose", "claim", "take", "give", "sacrifice", "cost") \
                    and not any(x.lower_ in _LIVES_VERBS for x in cand.doc[max(0, cand.i - 6):cand.i]):
                continue  # ("cost ... lives" with "cost" misread as a noun)
            if lemma in _VICTIM_ONLY_VERBS and not (is_victim and cand.i in (head.head.i, head.head.head.i)):
                continue  # "lost 300 fighters", "100 personnel destroyed" are deaths; "lost ground" is not
            if best is None or dist < best[0] or (dist == best[0] and abs(cand.i - tok.i) < abs(best[1].i - tok.i)):
                best = (dist, cand)
        own_outcome = best is not None and any(t.i == best[1].i for t in head.subtree)
    if best is None:
        missing = _never_found(tok if noun is None else noun)
        if missing is not None:  # "200 soldiers have never been found"
            best = (1, missing)
    bare_total = total is not None and _lemma(total) in ("figure", "number", "total", "tally", "count") \
        and all(t.i == total.i or t.dep_ == "det" for t in total.subtree)
    if best is None:
        if inherited and (tok.dep_ in ("ROOT", "appos", "conj") or noun is not None) or bare_total:
            outcome_tok = None  # "the figure was 158": the outcome of the figure it updates
        else:
            return None
    else:
        outcome_tok = best[1]
    outcome = "killed"
    if outcome_tok is not None:
        lemma = _lemma(outcome_tok)
        outcome = _OUTCOME_LEMMAS.get(lemma) or _OUTCOME_LEMMAS.get(outcome_tok.lower_) or "killed"
        if outcome_tok.lower_ in _FOUND_VERBS:
            outcome = "missing"
        # "2,300 killed and wounded": both outcomes on one figure
        partners = [c for c in outcome_tok.children if c.dep_ == "conj"] + \
                   ([outcome_tok.head] if outcome_tok.dep_ == "conj" else [])
        for p in partners:
            other = _OUTCOME_LEMMAS.get(_lemma(p)) or _OUTCOME_LEMMAS.get(p.lower_)
            if other and {other, outcome} == {"killed", "wounded"} and not _has_own_number(p):
                outcome = "casualties"
    local = list(head.subtree) + ([t for t in partitive.subtree] if partitive is not None else [])
    if total is not None:
        local += list(tok.subtree)
    if _pos(tok.head) in ("ADJ", "ADP") and tok.dep_ in ("nsubj", "pobj"):
        local += [t for t in tok.head.subtree if not t.like_num or t == tok]
    if outcome_tok is not None and _lemma(outcome_tok) in ("toll", "death", "casualty", "fatality") \
            and outcome_tok.i not in {t.i for t in local}:
        local += list(outcome_tok.subtree)
    local = _without_other_figures(local, tok)
    victims, victims_named = _victims(partitive if partitive is not None and noun is not None and _lemma(noun) in
                                      ("member", "one", "other") else noun, local)
    if not victims_named and total is not None and _VICTIM_NOUNS.get(_lemma(total)) in ("military", "civilian"):
        victims, victims_named = _VICTIM_NOUNS[_lemma(total)], True  # "raised its losses to 77"
    loser = _loser(tok, outcome_tok)
    if (not victims_named or victims == "all") and loser is not None and \
            _lemma(loser) in ("force", "army", "troop", "military", "unit"):
        victims, victims_named = "military", True  # "Armenian forces suffered 2,300 killed and wounded"
    if victims == "all" and noun is not None and _lemma(noun) == "man" and outcome_tok is not None \
            and _lemma(outcome_tok) == "lose":
        victims = "military"  # "the village lost 14 men in the war"
    attr = _copular_group(tok if noun is None or partitive is not None else noun)
    if attr is not None and (not victims_named or victims == "all"):
        victims, victims_named = attr, True  # "at least three of the dead were civilians"
    clause_root = outcome_tok if outcome_tok is not None else head
    clause = list(clause_root.subtree) if _pos(clause_root) in ("VERB", "AUX") else list(clause_root.head.subtree)
    increment = tok.dep_ == "pobj" and tok.head.lower_ == "by" and _lemma(tok.head.head) in _INCREMENT_VERBS \
        and tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("by", "about", "some", "nearly", "almost", "around")
    each = _each_side_on_predicate(tok, outcome_tok)
    cues = []
    if noun is not None:
        cues.append(f"counts: {noun.text}")
    if outcome_tok is not None:
        cues.append(f"outcome: {outcome_tok.text}")
    noun_is_casualties = outcome_tok is not None and _lemma(outcome_tok) == "casualty"
    return {"noun": noun, "outcome": outcome, "noun_is_casualties": noun_is_casualties,
            "victims_named": victims_named, "loser": loser, "victims": victims, "local": local, "clause": clause,
            "increment": increment, "inherit": increment, "total": total, "each": each,
            "anaphoric": total is not None and _lemma(total) in ("figure", "number", "total", "tally", "count")
            and all(t.i == total.i or t.dep_ == "det" for t in total.subtree), "own_outcome": own_outcome, "cues": cues,
            "outcome_token": outcome_tok, "head": head,
            "partitive_of_dead": partitive is not None and _lemma(partitive) in _CASUALTY_NOUNS
            and any(d.lower_ in ("the", "these", "those") for d in partitive.children)}



_LOSER_VERBS = {"lose", "suffer", "sustain", "incur", "admit", "acknowledge", "confirm", "report", "record", "have",
                "mourn", "bury", "honour", "honor", "commemorate"}


def _loser(tok, outcome_tok):
    """The subject of "lose/suffer/sustain" (or "X admitted the loss of"): the victims' side."""
    verb = tok.head
    hops = 0
    while verb.head.i != verb.i and _pos(verb) not in ("VERB", "AUX") and hops < 4:
        verb = verb.head
        hops += 1
    if _lemma(verb) not in _LOSER_VERBS:
        return None
    if _lemma(verb) in ("admit", "acknowledge", "confirm", "report", "record", "have") and not (
            _lemma(verb) == "have" and verb.i < tok.i and any(c.dep_ == "nsubj" and c.lower_ == "we" for c in verb.children)
            or any(_lemma(c) == "loss" for c in verb.children if c.dep_ == "dobj")):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _total_noun(tok):
    """The total a bare figure is the value of: "the toll rose to X", "bringing the total to X"."""
    t = tok
    if t.dep_ == "pobj" and t.head.lower_ in ("to", "at"):
        t = t.head
    if t.dep_ not in ("prep", "attr", "acomp", "dobj", "oprd", "npadvmod"):
        return None
    verb = t.head
    if _pos(verb) not in ("VERB", "AUX"):
        return None
    if t.lower_ in ("to", "at") and verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.lower_ == "of" \
            and _lemma(verb.head.head.head) in _TOTAL_NOUNS:
        return verb.head.head.head  # "puts the number of civilians killed by ... at 85", "at 85" parsed on "killed"
    candidates = list(verb.children)
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        candidates += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # shared subject
    totals = [c for c in candidates
              if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != tok.i and _lemma(c) in _TOTAL_NOUNS]
    # "figures put the toll at X": the toll is the total, the figures its source
    totals.sort(key=lambda c: (_lemma(c) != "toll", c.dep_ != "dobj"))
    return totals[0] if totals else None


def _distributive(tok) -> bool:
    """"2,000 on both sides" with the phrase on the number itself (no verb between): a
    figure per side, as against "killed on both sides" (a total)."""
    owners = [tok] + ([tok.head] if tok.dep_ == "appos" and tok.head.like_num else [])
    for owner in owners:
        for c in owner.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "from", "for", "in"):
                for p in c.children:
                    if p.dep_ == "pobj" and _lemma(p) == "side" and any(d.lower_ in ("both", "each", "either")
                                                                        for d in p.children):
                        return True
    return False


def _each_side_on_predicate(tok, outcome_tok) -> bool:
    """"2,000 were killed on each side": 'each side' attached to the figure's own predicate."""
    for pred in (tok.head, outcome_tok):
        if pred is None:
            continue
        for c in pred.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "from", "for", "per", "in"):
                for p in c.children:
                    if p.dep_ == "pobj" and _lemma(p) == "side" and \
                            any(d.lower_ in ("each", "either") for d in p.children):
                        return True
    return False


_VICTIM_ONLY_VERBS = {"lose", "neutralise", "neutralize", "eliminate", "destroy"}
_FIGURE_VERBS = {
    "be", "have", "remain", "rise", "reach", "stand", "exceed", "surpass", "pass", "top", "climb", "include",
    "become", "number", "total", "raise", "suffer", "lose", "record", "report",
    "register", "count", "list", "name", "confirm", "admit", "claim", "leave", "estimate",
    "increase", "grow", "jump", "double", "triple", "hit", "cross", "add", "go", "range", "stay", "sustain",
    "incur", "find", "recover", "identify", "bury", "die", "perish", "kill", "wound", "injure",
    "hurt", "flee", "displace", "evacuate", "disappear", "lie", "list", "need", "receive", "treat",
}


def _denied(tok) -> bool:
    """A figure under 'no' / 'not' ("no record of 2,000 deaths", "not 10,000 but 5,000")."""
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            return False
        t = t.head
        if _pos(t) in ("VERB", "AUX"):
            return False
        if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not", "never") for c in t.children):
            return True
    return False


def _describes_other_noun(tok, figure: set[int]) -> bool:
    """A figure in "the X of N" where X is neither a casualty nor a count ("a town of 4,000")."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    owner = tok.head.head
    if _pos(owner) not in ("NOUN", "PROPN") or owner.like_num or owner.i in figure:
        return False
    lemma = _lemma(owner)
    return not (lemma in _CASUALTY_NOUNS or lemma in _TOTAL_NOUNS or lemma in _VICTIM_NOUNS or
                lemma in _OUTCOME_LEMMAS or lemma in _DOCUMENT_NOUNS or lemma in ("funeral", "body", "name", "list",
                                                                                 "family", "families"))


_LIVES_VERBS = {"cost", "costs", "claimed", "claims", "took", "taken", "takes", "lost", "sacrificed"}
_FOUND_VERBS = {"find", "found", "locate", "located", "recover", "recovered", "identify", "identified", "return",
                "returned"}


def _copular_group(np) -> str | None:
    """The victim group a copula gives its subject: "three of the dead were civilians"."""
    if np.dep_ != "nsubj" or _lemma(np.head) != "be":
        return None
    for c in np.head.children:
        if c.dep_ == "attr" and _VICTIM_NOUNS.get(_lemma(c)) in ("military", "civilian"):
            return _VICTIM_NOUNS[_lemma(c)]
    return None


def _never_found(np):
    """The verb of "N soldiers have never been found" / "were not located": missing people."""
    if np.dep_ not in ("nsubj", "nsubjpass") or np.head.lower_ not in _FOUND_VERBS:
        return None
    verb = np.head
    negated = any(c.dep_ == "neg" or c.lower_ in ("never", "yet") and c.dep_ == "advmod" for c in verb.children)
    return verb if negated else None


def _has_own_outcome_clause(noun) -> bool:
    """"four conscripts listed as missing", "civilians killed in the strike": a participle
    clause on the noun that says what happened to them."""
    for c in noun.children:
        if c.dep_ != "acl":
            continue
        words = [c] + [p for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "as" for p in prep.children]
        if any(_OUTCOME_LEMMAS.get(_lemma(w)) or _OUTCOME_LEMMAS.get(w.lower_) for w in words):
            return True
    return False


def _done_by_figure(tok, noun) -> bool:
    """The figure's people are the subject of a verb that is neither a casualty nor a count
    ("280 have been discharged", "2,000 soldiers attended")."""
    np = noun if noun is not None and noun.i != tok.i and noun.head.i != tok.head.i and noun.dep_ != "pobj" else tok
    if np.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = np.head
    if _pos(verb) not in ("VERB", "AUX"):
        return False
    lemma = _lemma(verb)
    if lemma in _FIGURE_VERBS or lemma in _OUTCOME_LEMMAS or lemma in _SAY_LEMMAS or lemma in _INCREMENT_VERBS:
        return False
    # a casualty word in the verb's own complements still makes it a figure ("were found dead")
    return not any((_OUTCOME_LEMMAS.get(_lemma(c)) or _OUTCOME_LEMMAS.get(c.lower_)) and c.dep_ in (
        "acomp", "oprd", "xcomp", "conj", "dobj", "attr") for c in verb.children)


_OUTCOME_OF_NOUN = {"death", "casualty", "fatality", "dead", "wounded", "injured", "injury", "martyr", "fallen"}


def _verb_above(tok):
    """The nearest verb at or above a token."""
    t = tok
    while t.head.i != t.i and _pos(t) not in ("VERB", "AUX"):
        t = t.head
    return t


def _within(start, reach: int):
    """Tokens within ``reach`` dependency edges of ``start`` (breadth first, with distance)."""
    seen = {start.i: 0}
    frontier = [start]
    out = [(start, 0)]
    for dist in range(1, reach + 1):
        nxt = []
        for t in frontier:
            for n in (*t.children, t.head):
                if n.i not in seen:
                    seen[n.i] = dist
                    nxt.append(n)
                    out.append((n, dist))
        frontier = nxt
    return out


def _ancestors(tok):
    t = tok
    while t.head.i != t.i:
        t = t.head
        yield t


def _is_reporting(verb) -> bool:
    lemma = _lemma(verb)
    if lemma not in _SAY_LEMMAS or _pos(verb) not in ("VERB", "AUX"):
        return False
    if lemma in ("put", "give", "show", "count", "record", "register", "update", "raise", "revise", "lower", "identify"):
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if lemma in ("put", "give", "raise", "revise", "lower") and not any(_lemma(o) in _PUT_OBJECTS for o in objs):
            return False
    if lemma == "add" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return False  # "the figures add up to"
    return True


def _subject_of(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and _lemma(verb) not in ("report",) or c.dep_ == "nsubj":
            if c.dep_ == "nsubjpass":
                continue
            return c
    for c in verb.children:  # passive: "was reported by X"
        if c.dep_ == "agent":
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if verb.dep_ == "acl" and verb.i > 0 and verb.nbor(-1).text == "," and \
            any(c.dep_ == "ccomp" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        # rule acl-speaker: "The premier of Armenia, Nikol Pashinyan, announced that 49 ...": the
        # parser hangs the verb after the apposition on the subject noun; that noun speaks
        return verb.head
    return None


def _has_own_number(tok) -> bool:
    """Whether a coordinated predicate has victims of its own ("a boy was killed and two
    children wounded"), so that "killed and wounded" are two figures, not one. A date's
    number is no victim count: "2,300 soldiers were killed and wounded since Sept. 27" is one
    figure of casualties."""
    dated = _in_date(tok.doc)
    return any((t.like_num or t.lower_ in _COUNT_WORDS) and t.idx not in dated
               for c in tok.children if c.dep_ != "conj" for t in c.subtree) or any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children)


def _outcome_defined(rows: list[dict]) -> None:
    """Rule ``outcome-defined``: a figure whose verb leaves the outcome open takes the
    outcome the document states for the same number.

    "At least 2,300 Armenian soldiers were neutralized." ... "the ministry said 2,300
    Armenian soldiers were killed and wounded": the first figure is ``casualties`` too.
    Only when every other statement of the number agrees on one outcome.
    """
    vague = set(load_lexicon("en")["outcome_by_definition"])
    for row in rows:
        if row["_outcome_lemma"] not in vague:
            continue
        definers = [r for r in rows if r["value"] == row["value"] and r["_outcome_lemma"] is not None
                    and r["_outcome_lemma"] not in vague]
        outcomes = {r["outcome"] for r in definers}
        if len(outcomes) == 1 and outcomes != {row["outcome"]}:
            row["outcome"] = outcomes.pop()
            row["cues"] += f"; outcome-defined: outcome of the same figure stated as {definers[0]['text']!r}"


def _in_date(sdoc) -> frozenset[int]:
    """Character offsets of the sentence's tokens inside a date expression (rule
    ``date-number``): the 27 of "since Sept. 27" counts no one."""
    from .dates import find_dates

    spans = [(m.start, m.end) for m in find_dates(sdoc.text)]
    return frozenset(t.idx for t in sdoc if any(a <= t.idx < b for a, b in spans))


def _without_other_figures(tokens, tok):
    """Drop the subtrees of other numbers (their words describe their own figure)."""
    others = {t.i for t in tokens if t.like_num and _pos(t) == "NUM" and t.i != tok.i and t.head.i != tok.i
              and tok.head.i != t.i}
    drop = set()
    for t in tokens:
        if t.i in others:
            own = t if t.dep_ not in ("nummod", "quantmod", "compound") else t.head
            sub = {y.i for y in own.subtree}
            if tok.i not in sub:
                drop.update(sub)
    seen, out = set(), []
    for t in tokens:
        if t.i not in drop and t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _victims(noun, local) -> tuple[str, bool]:
    """Victim group, and whether the text names it (False: 'all' only for want of a word)."""
    if noun is not None:
        group = _VICTIM_NOUNS.get(noun.text.lower()) or _VICTIM_NOUNS.get(_lemma(noun))
        if group in ("military", "civilian"):
            return group, True
        if group == "all":
            return "all", True
        if _VICTIM_NOUNS.get(_lemma(noun), "x") is None:  # "two crew members": the modifier decides
            for t in noun.children:
                if t.dep_ in ("amod", "compound") and _VICTIM_MODIFIERS.get(t.lower_):
                    return _VICTIM_MODIFIERS[t.lower_], True
            return "all", True
    heads = {t.i for t in local if noun is not None and t.i == noun.i or _lemma(t) in _CASUALTY_NOUNS | _TOTAL_NOUNS
             or _VICTIM_NOUNS.get(_lemma(t), "x") is None}
    for t in local:
        if _under_subset_phrase(t):
            continue
        group = _VICTIM_MODIFIERS.get(t.lower_)
        if group and t.dep_ in ("amod", "compound", "nmod", "npadvmod") and t.head.i in heads:
            return group, True
        group = _VICTIM_NOUNS.get(_lemma(t))
        pobj = t.head if t.dep_ == "conj" else t  # "the number of our dead and missing servicemen"
        if group and _pos(t) == "NOUN" and pobj.dep_ == "pobj" \
                and pobj.head.lower_ in ("of", "among") and _lemma(pobj.head.head) in _CASUALTY_NOUNS | _TOTAL_NOUNS:
            return group, True
    return "all", False


def _under_subset_phrase(t) -> bool:
    """Inside "including civilians" / "among them children": a part, not the whole."""
    while t.head.i != t.i:
        if t.lower_ in ("including", "among", "excluding") and t.dep_ in ("prep", "advcl", "acl"):
            return True
        t = t.head
    return False


def _is_nationality_noun(noun) -> bool:
    """'26 Armenians', '3,825 Armenian (servicemen)': people named by their nationality."""
    word = noun.text.lower()
    return noun.tag_ == "NNPS" or (_pos(noun) in ("PROPN", "NOUN", "ADJ") and (
        word.endswith(("ians", "is", "eris", "anis")) or word.endswith(("ian", "ani", "eri")) and noun.dep_ == "pobj"))


_ATTACK_NOUNS = {"offensive", "operation", "attack", "strike", "shelling", "bombardment", "assault", "aggression",
                 "raid", "missile", "rocket", "drone", "fire", "barrage", "provocation", "incursion", "invasion",
                 "shell", "clash", "fighting", "war", "battle", "hostility", "explosion", "mine", "landmine"}
_ATTACK_VERBS = {"fire", "shell", "strike", "launch", "hit", "bomb", "attack", "target", "shoot", "storm", "raid",
                 "bombard", "pound", "ambush", "kill"}
_TWO_SIDED_EVENTS = {"clash", "clashes", "fighting", "war", "battle", "hostility", "hostilities", "conflict",
                     "skirmish", "confrontation"}
_ACCIDENT_NOUNS = {"blast", "explosion", "fire", "accident", "crash", "collapse", "stampede"}
_SETTLEMENT_NOUNS = {"city", "town", "village", "district", "region", "province", "capital", "settlement",
                     "area", "suburb"}


def _figure_heads(tok, reading) -> set[int]:
    """The words the figure counts: the number, its noun, the total and casualty nouns."""
    heads = {tok.i}
    for key in ("noun", "total", "head"):
        if reading.get(key) is not None:
            heads.add(reading[key].i)
    out = reading.get("outcome_token")
    if out is not None and _lemma(out) in _CASUALTY_NOUNS | _TOTAL_NOUNS:
        heads.add(out.i)
    total = reading.get("total")
    if total is not None:  # "the number of Azerbaijani servicemen killed ... has risen to 11"
        heads.update(p.i for prep in total.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for p in prep.children if p.dep_ == "pobj" and (_lemma(p) in _VICTIM_NOUNS or
                                                                     _is_nationality_noun(p)))
    for t in list(reading["local"]):
        if t.head.i in heads and t.dep_ == "conj" and (_pos(t) in ("NOUN", "PROPN")):
            heads.add(t.i)
    return heads


def _side_of_noun(tok, profile: Profile) -> str | None:
    """A counted noun that is itself a nationality ("3,825 Armenian", "26 Armenians")."""
    return profile.side_of_adjective(tok.text)


def _under_target_prep(t, root) -> bool:
    """Whether a token of an attack phrase names its target or place ("strike on X", "fire at X")."""
    while t.i != root.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in ("on", "against", "at", "in", "near", "into", "over", "onto"):
            return True
        t = t.head
    return False


def _side_in_prep(pred, profile: Profile) -> str | None:
    """'killed on the Armenian side' / 'among Azerbaijani troops': a side attached to the predicate."""
    for c in pred.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "among", "from", "in"):
            for p in c.children:
                if p.dep_ == "pobj" and (_lemma(p) == "side" or _VICTIM_NOUNS.get(_lemma(p)) == "military"):
                    for m in p.children:
                        if m.dep_ in ("amod", "compound", "poss"):
                            side = _side_of_word(m, profile)
                            if side:
                                return side
    return None


def _side_of_word(tok, profile: Profile) -> str | None:
    if tok.dep_ not in ("amod", "compound", "poss", "pobj", "nmod") and _pos(tok) not in ("ADJ", "PROPN"):
        return None
    word = tok.text.lower()
    for side in profile.sides:
        for adj in profile.side_words(side):
            if word == adj.lower() or word == adj.lower().split()[-1]:
                base = tok
                while base.dep_ == "conj" and base.head.i != base.i:
                    base = base.head
                if base.dep_ == "pobj" and base.head.lower_ not in ("of", "among", "on"):
                    return None  # "between Armenia and ...", "killed in Karabakh": not the victims' side
                return side
    return None


def _between_sides(tokens, profile: Profile) -> bool:
    """'between Armenia and Azerbaijan' (or their forces): both belligerents named."""
    for t in tokens:
        if t.lower_ == "between":
            words = " ".join(x.text for x in t.subtree)
            sides = {s for s in profile.sides for m in profile.find_mentions(words, fuzzy=False)
                     if profile.side_of(m.entity_id) == s}
            for tok in t.subtree:
                side = _side_of_word(tok, profile) if tok.dep_ != "pobj" else None
                if side:
                    sides.add(side)
            if len(sides) >= 2:
                return True
    return False


def _slug(text: str) -> str:
    from .profile import fold

    s = re.sub(r"[^a-z0-9]+", "_", fold(text).lower()).strip("_")
    return re.sub(r"^the_", "", s)


# ----------------------------------------------------------- document context
class _DocContext:
    """What a figure may need from the rest of its document: quotes, speakers, dates, cues."""

    def __init__(self, doc: Document, profile: Profile, sentences: tuple[Sentence, ...], *,
                 context_sentences: int):
        self.doc = doc
        self.profile = profile
        self.context_sentences = context_sentences
        self.sentences = sentences
        self._pos = {s.start: i for i, s in enumerate(self.sentences)}
        self._speakers: dict[int, str] = {}  # sentence index -> resolved speaker
        self._aliases: dict[str, str] = {}  # unlisted surname -> actor it speaks for
        self._offices: dict[str, str] = {}  # "ministry of defence" -> the actor it was resolved to
        self._governments: list[str] | None = None
        self._main_body: str | None | bool = False  # the body of the place the document names most
        self._publisher_side: str | None | bool = False
        # quotations and speakers, as framing reads them; an office's owner from this context
        self.speech = DocumentSpeech(doc, profile, office_referent=self._office_of)
        self._dates = None
        self._news_day = None
        self._labels: dict[int, tuple[str, str]] | None = None

    # quotes
    def in_quote(self, s: Sentence, offset: int) -> bool:
        return self.speech.in_quote(s.start + offset)

    def _office_of(self, text: str, sentence_index: int) -> str | None:
        s = self.doc.sentences[sentence_index]
        return self.institution_referent(text, s, None) if s.start in self._pos else None

    def quote_speaker(self, s: Sentence, offset: int) -> tuple[str | None, str]:
        """The speaker of the quotation that holds ``offset`` of ``s`` (:mod:`kargraph.speech`)."""
        q = self.speech.quote_at(s.start + offset)
        who = self.speech.speaker_of(q) if q is not None else None
        if who is None:
            return None, ""
        return who.key, f"quote; {who.rule}: {who.text}"

    # speakers
    def speaker_label(self, s: Sentence) -> tuple[str, str] | None:
        """Who speaks in the paragraph of ``s`` when the document is a transcript or an
        interview: the label opening the paragraph, or the last label before it (a speech
        runs over several paragraphs). ``("outlet", ...)`` for the interviewer's turns."""
        if self._labels is None:
            self._labels = self._read_labels()
        return self._labels.get(s.paragraph)

    def _read_labels(self) -> dict[int, tuple[str, str]]:
        found = {}
        for p in self.doc.paragraphs:
            m = _SPEAKER_LABEL.match(p.text) if p.kind in ("body", "subheading") else None
            if m and _is_speaker_label(m):
                found[p.index] = m
        if len(found) < 2:  # one "Name: ..." line is no transcript (and may be a headline's source)
            return {}
        labels, current = {}, None
        for p in self.doc.paragraphs:
            if p.index in found:
                current = self._label_speaker(found[p.index], p.index)
            if current is not None and current[0] is not None and p.kind in ("body", "subheading"):
                labels[p.index] = current
        return labels

    def _label_speaker(self, m: re.Match, paragraph: int) -> tuple[str | None, str]:
        label, note = m.group("label"), m.group("note")
        text = label + (f" ({note})" if note else "")
        word = label.lower().rstrip(".")
        if word in _ASKER_LABELS:
            return "outlet", text
        if word in _ANSWER_LABELS:
            return self._interviewee(paragraph), text
        date = self.doc.published
        if note:  # "Mr. Aghayev (Azerbaijan)": the government the speaker speaks for
            who = self.profile.resolve_actor(note, date=date)
            if who is None:
                places = [m for m in self.profile.find_mentions(note, fuzzy=False) if m.entity_type == "place"]
                who = self.profile.places[places[0].entity_id].institutions if places else None
            if who is None and _mostly_capitalised(note):
                who = _slug(re.sub(r"^(?:the\s+)", "", note, flags=re.I))
            if who:
                return who, text
        name = re.sub("^" + _HONORIFIC, "", label)
        who = self.profile.resolve_actor(name, date=date) or self.known_alias(name)
        return (who or _slug(name.split()[-1])), text

    def _interviewee(self, before: int) -> str | None:
        """The person an interview or a programme introduces before its first answer: the
        first name in its opening paragraphs that is not the outlet's, the host's or an
        actor or place of the profile."""
        hosts = set()
        for p in self.doc.paragraphs[:before]:
            m = _SPEAKER_LABEL.match(p.text)
            if m and m.group("note"):
                hosts.add(m.group("note").lower())
            for name in _NAME_IN_TEXT.findall(p.text):
                if name.split()[0].lower() in _NOT_FIRST_NAMES or name.lower() in hosts or self.is_outlet(name) or self.profile.find_mentions(name, fuzzy=False) \
                        or any(w.lower() in _CALENDAR_WORDS for w in name.split()) \
                        or self.doc.outlet and name.lower() in self.doc.outlet.lower():
                    continue
                if p.kind not in ("body", "subheading"):
                    continue
                return _slug(name.split()[-1])
        return None

    def remember(self, s: Sentence, who: str) -> None:
        self._speakers[s.start] = who

    def alias(self, text: str, who: str) -> None:
        """Remember that an unlisted name stands for an actor in this document."""
        words = [w for w in re.findall(r"[A-Z][\w'\u2019-]+", text)]
        if words:
            self._aliases[words[-1].lower()] = who

    def known_alias(self, text: str) -> str | None:
        words = re.findall(r"[A-Z][\w'\u2019-]+", text)
        return self._aliases.get(words[-1].lower()) if words else None

    def is_outlet(self, text: str) -> bool:
        """A phrase naming the document's own outlet ("a Global Wire tally")."""
        outlet = (self.doc.outlet or "").strip().lower()
        return bool(outlet) and outlet in text.lower()

    def has_institution_word(self, text: str) -> bool:
        return bool(self.profile._institution_regex.search(text))

    def institution_referent(self, text: str, s: Sentence, side_hint: str | None) -> str | None:
        """Whose is "the ministry" / "its prosecutor's office": the same office resolved
        earlier in the document, the government named last, the government of the victims'
        side, or the party government the document names most."""
        key = _office_key(text)
        if key in self._offices:
            return self._offices[key]
        if callable(side_hint):
            side_hint = side_hint()
        who = self._institution_referent(text, s, side_hint)
        if who and side_hint:
            self._offices[key] = who  # resolved with the victims' side: stays so for the document
        return who

    def _institution_referent(self, text: str, s: Sentence, side_hint: str | None) -> str | None:
        i = self._pos[s.start]
        if _FIGURES_WORD.search(text) and _TOGETHER_RE.search(s.text) and self._joint_actor():
            return self._joint_actor()  # "Taken together, the official figures put ...": both governments' figures
        if _LOCAL_BODY.search(text):  # "local officials": the body of the place the story is about
            who = self._local_body(s)
            if who:
                return who
        possessive = bool(re.match(r"^\s*(?:its|their)\b", text, re.I))
        m = _IN_COUNTRY.match(s.text)
        bodies = self._party_bodies(m.group("where"), fuzzy=False) if m and not possessive else []
        if bodies:  # "In Azerbaijan, the Prosecutor General's Office recorded ..."
            return bodies[0]
        for prev in reversed(self.sentences[max(0, i - 3):i]):
            who = self._speakers.get(prev.start)
            actor = self.profile.actors.get(who) if who else None
            if actor is None or actor.kind == "joint" or possessive:
                continue
            if actor.kind == "person":
                if actor.country and self._is_party_government(actor.country):
                    return actor.country  # "Pashinyan said ... the defence ministry said"
                continue
            if self._is_party_government(who):
                return who
        if possessive:  # "Azerbaijan has put its own losses at 80, according to its Defence Ministry"
            at = s.text.find(text)
            before = s.text[:at] if at >= 0 else s.text  # "its" points back, not to "Armenian shelling" after it
            speaker = self._speakers.get(self.sentences[i - 1].start) if i > 0 else None
            if not before.strip() and speaker and self._is_party_government(speaker):
                return speaker  # "X's defence ministry said ... Its ombudsman said": X's
            for prev_text in [before] + [x.text for x in reversed(self.sentences[max(0, i - 2):i])]:
                govs = self._party_bodies(prev_text, date=self.doc.published)
                if govs:
                    return govs[0]
        if side_hint == "both" and self._joint_actor():  # "official data" of figures for both sides
            return self._joint_actor()
        if side_hint:
            govs = [a.id for a in self.profile.actors.values()
                    if a.side == side_hint and a.kind == "government"]
            named = [g for g in self._government_counts() if g in govs]
            if named:
                return named[0]
        counts = self._government_counts()
        return counts[0] if counts else None

    def _local_body(self, s: Sentence) -> str | None:
        """The official body of the place named in ``s`` or just before it, else of the
        place the document names most."""
        i = self._pos[s.start]
        for prev in [s] + list(reversed(self.sentences[max(0, i - 2):i])):
            bodies = self._place_bodies(prev.text)
            if bodies:
                return bodies[0]
        if self._main_body is False:
            counts: dict[str, int] = {}
            for sent in self.sentences:
                for body in self._place_bodies(sent.text):
                    counts[body] = counts.get(body, 0) + 1
            self._main_body = max(counts, key=lambda k: (counts[k], k)) if counts else None
        return self._main_body

    def _place_bodies(self, text: str) -> list[str]:
        """The official bodies of the places of the profile named in ``text``, in order."""
        places = [self.profile.places[m.entity_id] for m in self.profile.find_mentions(text, fuzzy=False)
                  if m.entity_type == "place"]
        return [p.institutions for p in places if p.institutions]

    def _party_bodies(self, text: str, **kw) -> list[str]:
        """The party governments ``text`` names, directly or as the body of a place, in order."""
        named = [self.profile.places[m.entity_id].institutions if m.entity_type == "place" else m.entity_id
                 for m in self.profile.find_mentions(text, **kw)]
        return [g for g in named if g and self._is_party_government(g)]

    def _joint_actor(self) -> str | None:
        """The actor of both governments' figures taken together, if the profile has one."""
        return next((a.id for a in self.profile.actors.values() if a.kind == "joint"), None)

    def publisher_side(self) -> str | None:
        """The side of a publisher that is itself a party's official body (a defence
        ministry's bulletin), else None."""
        if self._publisher_side is False:
            outlet = self.doc.outlet
            who = self.profile.resolve_actor(outlet) if outlet and _GOVERNMENT_BODY.search(outlet) else None
            actor = self.profile.actors.get(who) if who else None
            self._publisher_side = actor.side if actor is not None and actor.kind == "government" \
                and actor.side in self.profile.sides else None
        return self._publisher_side

    def _is_party_government(self, actor_id: str) -> bool:
        a = self.profile.actors.get(actor_id)
        return a is not None and (a.kind == "government" or a.institutional) and a.side in self.profile.sides

    def _government_counts(self) -> list[str]:
        if self._governments is None:
            counts: dict[str, int] = {}
            for sent in self.sentences:
                for m in self.profile.find_mentions(sent.text, date=self.doc.published):
                    if self._is_party_government(m.entity_id):
                        counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
            self._governments = sorted(counts, key=lambda k: (-counts[k], k))
        return self._governments

    def previous_speaker(self, s: Sentence, *, quote: bool = False, after_quote: bool = False) -> str | None:
        """The speaker of the sentence just before ``s`` in the same paragraph (for a
        quotation that is a paragraph of its own, the last sentence of the paragraph before;
        with ``after_quote``, only when that sentence is itself a quotation)."""
        i = self._pos[s.start]
        if i == 0:
            return None
        prev = self.sentences[i - 1]
        if prev.paragraph != s.paragraph and not (quote and self._whole_paragraph_quote(s)):
            return None
        if after_quote and not (self.in_quote(prev, 0) or self.in_quote(prev, max(0, len(prev.text) - 2))):
            return None
        if after_quote and s.text.split(" ", 1)[0].lower() in self.speech.words.person:
            return None  # "His son was among ...": the outlet speaks of the speaker, not as the speaker
        if prev.start in self._speakers:
            return self._speakers[prev.start]
        said = self.speech.said(self.speech.sentence_index(prev.start))  # a sentence not parsed as a candidate
        return said[-1][0].key if said else None

    def _whole_paragraph_quote(self, s: Sentence) -> bool:
        p = self.doc.paragraphs[s.paragraph]
        return p.text[:1] in _OPENING_MARKS and p.start == s.start

    def pronoun_referent(self, s: Sentence, pronoun: str) -> str | None:
        """The latest speaker, else the latest actor named, before ``s`` (he/she: a person)."""
        want_person = pronoun in ("he", "she", "i")
        i = self._pos.get(s.start, 0)
        for prev in reversed(self.sentences[max(0, i - 3):i]):
            who = self._speakers.get(prev.start)
            if who and (self.profile.actors.get(who) is None or
                        (self.profile.actors[who].kind == "person") == want_person
                        or (want_person and who in self._aliases.values())):
                return who
        if want_person:  # "Defender Artak Beglaryan said ... he said": the office that spoke last
            for prev in reversed(self.sentences[max(0, i - 2):i]):
                if prev.start in self._speakers:
                    return self._speakers[prev.start]
        for prev in reversed(self.sentences[max(0, i - 6):i + 1]):
            found = None
            for m in self.profile.find_mentions(prev.text, date=self.doc.published):
                if m.entity_type != "actor":
                    continue
                kind = self.profile.actors[m.entity_id].kind
                if want_person == (kind == "person"):
                    found = m.entity_id
                    if prev.start != s.start:
                        break
            if found:
                return found
        return None

    def near(self, s: Sentence, row: dict, n: int) -> bool:
        """Whether ``row`` sits in ``s`` or in one of the ``n`` sentences before it."""
        i = self._pos[s.start]
        return row["sentence_start"] in {x.start for x in self.sentences[max(0, i - n):i + 1]}

    def same_topic(self, s: Sentence, claimant: str, outcome: str, siblings: list[dict],
                   prior: list[dict]) -> dict | None:
        """The latest figure of the same source and outcome in this or the two sentences before."""
        i = self._pos[s.start]
        starts = {x.start for x in self.sentences[max(0, i - 2):i + 1]}
        for r in reversed(prior + siblings):
            if r["sentence_start"] in starts and r["claimant"] == claimant and r["outcome"] == outcome \
                    and r["parent_claim_id"] is None:
                return r
        return None

    def figure_before(self, s: Sentence, rows: list[dict]) -> dict | None:
        """The latest figure (not a subset) in ``s`` or in the sentence before it in the same paragraph."""
        i = self._pos[s.start]
        starts = {s.start}
        if i > 0 and self.sentences[i - 1].paragraph == s.paragraph:
            starts.add(self.sentences[i - 1].start)
        return next((r for r in reversed(rows) if r["sentence_start"] in starts and r["parent_claim_id"] is None),
                    None)

    def previous_death_figure(self, s: Sentence, claimant: str, prior: list[dict]) -> bool:
        """Whether the sentence before ``s`` gives a death figure from the same claimant."""
        i = self._pos[s.start]
        if i == 0:
            return False
        prev_start = self.sentences[i - 1].start
        return any(r["sentence_start"] == prev_start and r["claimant"] == claimant and r["outcome"] == "killed"
                   for r in prior)

    # dates
    def _day_mentions(self, s: Sentence):
        if self._dates is None:
            self._dates = {}
        if s.start not in self._dates:
            self._dates[s.start] = _resolved_days(s.text, self.doc.published)
        return self._dates[s.start]

    def news_day(self) -> dt.date | None:
        """The latest day, up to the publication date, on which something was reported."""
        if self._news_day is None:
            pub = self.doc.published
            days = []
            if pub is not None:
                for s in self.sentences:
                    if not _REPORTED_RE.search(s.text):
                        continue
                    for kind, day in self._day_mentions(s):
                        if kind == "on" and day <= pub and (pub - day).days <= 7:
                            days.append(day)
            self._news_day = max(days) if days else pub
        return self._news_day

    def as_of_for(self, s: Sentence, event: str | None) -> dt.date | None:
        pub = self.doc.published
        if pub is None:
            return None
        if _EARLIER_RE.search(s.text):
            return None
        if event:
            try:
                ev = self.profile.event(event)
            except KeyError:
                ev = None
            if ev is not None and ev.end < pub - dt.timedelta(days=30) and not ev.covers(pub, reporting=False):
                if not any(kind in ("as_of", "on") for kind, _ in self._day_mentions(s)):
                    return None
        # the figure's own sentence, then earlier sentences of its paragraph
        i = self._pos[s.start]
        j = i
        while j >= 0 and self.sentences[j].paragraph == s.paragraph:
            for kind, day in self._day_mentions(self.sentences[j]):
                if kind == "as_of" or (kind == "on" and j == i):
                    if day <= pub:
                        return day
            j -= 1
        return self.news_day()

    # events
    def event_for(self, s: Sentence, tok, sdoc, number, reading, before: list[dict]) -> tuple[str | None, str, bool]:
        """Event id, the cue that decided it, and whether a textual cue (not a date) decided it."""
        best = None
        for c in self.profile.event_cues(s.text):
            span = sdoc.char_span(c.start, c.end, alignment_mode="expand")
            if span is None:
                continue
            if (c.is_reference_point or _is_reference_point(span) or _is_statement_date(span, tok)) \
                    and not _inside_reference_phrase(tok, span):
                continue
            dist = min(_tree_distance(tok, t) for t in span)
            if best is None or dist < best[0]:
                best = (dist, c)
        if best is not None:
            return best[1].event_id, f"event cue: {best[1].text}", True
        year = _year_outside_events(tok, sdoc, self.profile)
        if year is not None:
            return "other", f"a year of no event in the profile: {year}", True
        i = self._pos[s.start]
        # the figure before in the same sentence, or tied to an event by a cue in the same paragraph
        for r in reversed(before):
            if r["sentence_start"] == s.start and r["event"]:
                return r["event"], f"same event as the figure before ({r['text']})", r.get("_event_by_cue", False)
            if r.get("_event_by_cue") and r["_paragraph"] == s.paragraph and not _RECENT_RE.search(s.text):
                return r["event"], f"same event as the figure before ({r['text']})", True
        # the section the figure sits in: a crosshead such as "2. The April 2016 escalation"
        for prev in reversed(self.sentences[:i]):
            if prev.kind == "subheading":
                cs = [c for c in self.profile.event_cues(prev.text) if not c.is_reference_point]
                if cs:
                    return cs[0].event_id, f"event of the section: {prev.text}", True
                break
            if prev.kind == "headline":
                break
        if not _is_current_statement(reading, sdoc) and not _RECENT_RE.search(s.text):
            for prev in reversed(self.sentences[max(0, i - self.context_sentences):i]):
                if prev.kind in ("headline", "subheading", "caption"):
                    break
                cs = [c for c in self.profile.event_cues(prev.text) if not c.is_reference_point]
                if cs:
                    return cs[-1].event_id, f"event cue in an earlier sentence: {cs[-1].text}", True
        pub = self.doc.published
        if pub is not None:
            events = self.profile.events_at(pub)
            if events:
                return events[0].id, f"under way at publication ({pub.isoformat()})", False
            past = [e for e in self.profile.events if e.end <= pub]
            if past:
                last = max(past, key=lambda e: e.end)
                return last.id, "most recent event before publication", False
        return None, "no event cue", False


def _inside_reference_phrase(tok, span) -> bool:
    """Whether the figure sits inside the phrase that a "since/after X" cue heads."""
    for t in span:
        prep = t
        while prep.head.i != prep.i and prep.dep_ not in ("prep",):
            prep = prep.head
        if prep.dep_ == "prep" and prep.lower_ in ("since", "after", "before", "following", "until"):
            return any(x.i == tok.i for x in prep.subtree)
    return False


_REFERENCE_PREPS = {"since", "after", "before", "until", "following", "than"}


def _is_reference_point(span) -> bool:
    """A cue inside "since their 2020 war" / "since April 2016": a point of reference."""
    t = span.root
    for _ in range(4):
        if t.dep_ == "prep" and t.lower_ in _REFERENCE_PREPS:
            return True
        if _pos(t) in ("VERB", "AUX") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _is_statement_date(span, tok) -> bool:
    """A cue dating a statement ("said in March 2022 that ...") rather than the figure."""
    t = span.root
    while t.head.i != t.i and _pos(t) not in ("VERB", "AUX"):
        t = t.head
    return _pos(t) in ("VERB", "AUX") and _is_reporting(t) and not any(x.i == span.root.i for x in tok.subtree) \
        and any(a.i == t.i for a in _ancestors(tok)) and not any(a.i == span.root.i for a in _ancestors(tok))


_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _year_outside_events(tok, sdoc, profile: Profile) -> int | None:
    """A year in the figure's clause that no event of the profile covers (e.g. 1915, 2008)."""
    years = {int(y) for y in _YEAR_RE.findall(sdoc.text)}
    if not any(not any(e.start.year <= y <= (e.reported_until or e.end).year for e in profile.events)
               for y in years):
        return None  # no year outside the profile's events in the whole sentence
    clause = tok
    while clause.head.i != clause.i and _pos(clause) not in ("VERB", "AUX"):
        clause = clause.head
    words = {t.i for t in clause.subtree}
    for t in sdoc:
        if t.i in words and t.like_num and _YEAR_RE.fullmatch(t.text):
            year = int(t.text)
            if not any(e.start.year <= year <= (e.reported_until or e.end).year for e in profile.events):
                return year
    return None


def _tree_distance(a, b) -> int:
    pa = [a] + list(_ancestors(a))
    pb = [b] + list(_ancestors(b))
    ib = {t.i: k for k, t in enumerate(pb)}
    for k, t in enumerate(pa):
        if t.i in ib:
            return k + ib[t.i]
    return len(pa) + len(pb)


def _is_current_statement(reading, sdoc) -> bool:
    """A running figure (present perfect, present tense, "so far") rather than a past total."""
    verb = reading["outcome_token"] or reading["head"]
    while _pos(verb) not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if any(t.lower_ in ("far", "now", "currently", "still") for t in sdoc):
        return True
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    lemmas = {_lemma(c) for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "have" in lemmas:
        return True  # perfect aspect: "have been killed", or backshifted in reported speech, "had died"
    return bool({"VBZ", "VBP"} & tags)


_REPORTED_RE = re.compile(r"\b(?:said|says|told|reported|announced|stated|claimed|alleged|added|confirmed|"
                          r"called|accused|spoke|noted|denied|condemned|reminded)\b", re.I)
def _resolved_days(text: str, published: dt.date | None) -> list[tuple[str, dt.date]]:
    """(kind, day) for "as of <day>" and "on <day>" expressions of a sentence."""
    if published is None:
        return []
    from .dates import find_dates

    out = []
    for m in find_dates(text, published):
        res = m.resolution
        if res is None or res.precision != "day":
            continue
        if m.kind in ("as_of", "on"):
            out.append((m.kind, res.date))
    return out


# ------------------------------------------------------ parts of speech, lemmas
def _known_lemmas() -> frozenset:
    words = set(_OUTCOME_LEMMAS) | _SAY_LEMMAS | set(_VICTIM_NOUNS) | _CASUALTY_NOUNS | _TOTAL_NOUNS \
        | _INCREMENT_VERBS | _PUT_OBJECTS | _LOSER_VERBS | _DOCUMENT_NOUNS \
        | _VICTIM_ONLY_VERBS | _FIGURE_VERBS | _ATTACK_VERBS | {"side", "claim", "take", "lose", "leave", "shell", "hit", "strike"}
    return frozenset(words)


add_known(_known_lemmas())
