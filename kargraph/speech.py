"""Quotations and their speakers: one reading of who said what, shared by claims and framing.

``DocumentSpeech(doc, profile)`` gives a document's quotations (:class:`Quotation`: the raw
offsets of the quoted words, over several sentences and paragraphs) and, for each, the
:class:`Speaker` that said it: an actor id of the profile, else a name made from the
words (an unlisted person's surname, an unlisted body's whole normalised name). Claims take
a quoted figure's ``claimant`` from it and framing a quotation's voice, so that both name
the same speaker for the same quotation by construction.

A quotation's speaker is decided by an ordered list of sieves (the most precise first, as
in the multi-pass sieves of Lee et al. 2013 and Muzny et al. 2017), each with an id that
the callers record:

1. ``speaker-after-quote``: '"...," Heydarov said', '"...," said the ministry'; a
   quotation left open for the next paragraph (``quote-goes-on``) has the speaker of the
   paragraph that closes it;
2. ``speaker-before-quote``: 'Pashinyan said: "..."', 'according to X, "..."';
3. ``speaker-next-sentence``: a quotation followed by "Peskov added." or "X said so";
4. ``quote-continues``: a quotation that goes on from the one before it (a paragraph left
   open, or the next item of a list of quotations) has its speaker;
5. ``speech-intro``: a sentence ending with a colon that names a speaker ("Pashinyan
   said:", "Here are the main points of his speech:") speaks the quotations that follow it;
6. ``previous-sentence-speaker``: the speaker of the sentence before, in the paragraph (or
   the paragraph before, for a quotation that is a paragraph of its own);
7. ``headline-speaker``: the speaker a headline names ("'Nearly 5,000 dead' - Putin on the
   war", "Putin: ...", "...: Armenia", "..., says X") speaks the quotations left.

Speakers are read off spaCy's tokenizer (no parse: a speaker often stands in a sentence
that has no figure and that claims never parse), from the lexicon's reporting verbs and the
profile's, so that the answer is the same whichever module asks. Coreference is by rule,
since the small English model has none: a pronoun ("he said") is the latest speaker of the
right kind in the sentences before, else the latest actor of that kind named; a bare title
("the PM said") the actor named before whose profile role ends with that title; an office
("the ministry said") the party government that spoke or was named just before, else the
one the document names most. Coordinated speakers ("Pashinyan and Aliyev both told TASS")
are split into one speaker each.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .document import Document
from .lexicon import load_lexicon
from .profile import Profile

QUOTE_OPEN = "\u201c\u00ab\u201e"
QUOTE_CLOSE = "\u201d\u00bb"
_QUOTE_MARK = re.compile(r"\u2019\u2019|''|[\"\u201c\u201d\u00ab\u00bb\u201e]")
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
_DASHES = ("\u2013", "\u2014", "-", "--")
_BULLETS = ("-", "\u2022", "*", "\u2013", "\u2014", "\u00b7")
#: how many sentences back a pronoun, title or office looks for what it stands for
WINDOW = 4


@dataclass(frozen=True)
class Quotation:
    """A quotation: ``raw[start:end]`` are its words (marks left out), ``raw[outer_start:outer_end]``
    the words with their marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    n_words: int
    paragraph: int
    continues: bool = False  # goes on from a quotation left open in the paragraph before
    closed: bool = True  # False for a quotation left open at the end of its paragraph


@dataclass(frozen=True)
class Speaker:
    """Who said something: ``key`` is a profile actor id, else a name made from ``text``."""

    key: str
    text: str
    rule: str
    actor: str | None = None


# ------------------------------------------------------------------------ quotations

def quotations(doc: Document) -> tuple[Quotation, ...]:
    """The quotations of a document, paragraph by paragraph.

    A quotation left open runs to the end of its paragraph (news copy reopens it in the
    next one); a paragraph whose first mark closes a quotation left open before goes on
    with it from its start.
    """
    out: list[Quotation] = []
    left_open = False
    for p in doc.paragraphs:
        found, left_open = _paragraph_quotes(p, left_open)
        out += found
    return tuple(q for q in out if q.n_words)


def _paragraph_quotes(p, left_open: bool) -> tuple[list[Quotation], bool]:
    out, open_at, text = [], None, p.text
    for k, m in enumerate(_QUOTE_MARK.finditer(text)):
        mark, a, b = m.group(0), m.start(), m.end()
        if k == 0 and left_open and _closes(mark) and not _opens(mark, text, a, b):
            out.append(_quote(p, 0, a, 0, b, continues=True))  # the quotation of the paragraph before ends here
        elif open_at is None and _opens(mark, text, a, b):
            open_at = a
        elif open_at is not None and _closes(mark):
            out.append(_quote(p, _mark_end(text, open_at), a, open_at, b))
            open_at = None
    if open_at is not None:
        out.append(_quote(p, _mark_end(text, open_at), len(text), open_at, len(text), closed=False))
    return out, open_at is not None


def _mark_end(text: str, at: int) -> int:
    return at + (2 if text.startswith("''", at) else 1)


def _opens(mark: str, text: str, a: int, b: int) -> bool:
    if mark in QUOTE_OPEN:
        return True
    if mark not in ('"', "''"):
        return False
    before = text[a - 1] if a else " "
    after = text[b] if b < len(text) else " "
    return (before.isspace() or before in "([:\u2014\u2013-") and not after.isspace()


def _closes(mark: str) -> bool:
    return mark in QUOTE_CLOSE or mark in ('"', "\u2019\u2019", "''")


def _quote(p, a: int, b: int, outer_a: int, outer_b: int, *, continues: bool = False,
           closed: bool = True) -> Quotation:
    return Quotation(p.start + a, p.start + b, p.start + outer_a, p.start + outer_b,
                     len(_WORD.findall(p.text[a:b])), p.index, continues, closed)


# ------------------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class _Words:
    verbs: frozenset[str]  # finite forms of the reporting verbs
    fillers: frozenset[str]
    stops: frozenset[str]
    person: frozenset[str]
    other: frozenset[str]
    speech_nouns: frozenset[str]
    determiners: frozenset[str]
    demonstratives: frozenset[str]
    titles: tuple[str, ...]  # office titles, longest first


@functools.lru_cache(maxsize=16)
def _words(profile: Profile) -> _Words:
    lex = load_lexicon("en")
    lemmas = set(lex["reporting_verbs"])
    agency = profile.section("agency") if hasattr(profile, "section") else None
    if isinstance(agency, dict):
        lemmas |= {str(v).lower() for v in agency.get("reporting_verbs") or () if " " not in str(v)}
    forms = {f for lemma in lemmas for f in _finite_forms(lemma)}
    forms |= {f for fs in lex["reporting_verb_forms"].values() for f in fs}
    titles = sorted({t.lower() for ts in lex["offices"].values() for t in ts}, key=len, reverse=True)
    low = lambda key: frozenset(w.lower() for w in lex[key])  # noqa: E731
    return _Words(frozenset(forms), low("speaker_fillers"), low("speaker_phrase_stops"),
                  frozenset(lex["pronouns"]["person"]), frozenset(lex["pronouns"]["other"]),
                  low("speech_nouns"), low("determiners"), low("demonstratives"), tuple(titles))


def _finite_forms(lemma: str) -> set[str]:
    """The present and past forms of a regular verb: say -> says; add -> added; deny -> denies, denied."""
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        return {lemma + "s", lemma + "d"}
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
    return {third, lemma + "ed"}


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import spacy  # imported here so that `import kargraph` stays cheap

    return spacy.blank("en").tokenizer


# -------------------------------------------------------------------- a document

class DocumentSpeech:
    """The quotations of one document and their speakers (see the module docstring)."""

    def __init__(self, doc: Document, profile: Profile, *, office_referent=None):
        """``office_referent(text, sentence_index)``, when given, decides whose an office
        is ("the ministry") before this module's own rule does."""
        self.doc, self.profile = doc, profile
        self.office_referent = office_referent
        self.words = _words(profile)
        self.quotes = quotations(doc)
        self.sentences = doc.sentences
        self._starts = [s.start for s in self.sentences]
        self._said: dict[int, tuple[tuple[Speaker, int, int], ...]] = {}
        self._quote_speakers: dict[int, tuple[Speaker, ...]] = {}
        self._headline: tuple[Speaker, ...] | None = None

    # -- where quotations are
    def quote_at(self, offset: int) -> Quotation | None:
        """The quotation whose words or marks hold ``offset``."""
        return next((q for q in self.quotes if q.outer_start <= offset < q.outer_end), None)

    def in_quote(self, offset: int) -> bool:
        return self.quote_at(offset) is not None

    def sentence_index(self, offset: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    # -- who said them
    def speaker_of(self, q: Quotation) -> Speaker | None:
        """The first speaker of a quotation (see :meth:`speakers_of`), or None."""
        found = self.speakers_of(q)
        return found[0] if found else None

    def speakers_of(self, q: Quotation) -> tuple[Speaker, ...]:
        """Who said a quotation, by the first sieve that decides (several when coordinated)."""
        k = self.quotes.index(q)
        if k not in self._quote_speakers:
            self._quote_speakers[k] = ()  # a chain of quotations never loops back on itself
            self._quote_speakers[k] = self._sieve(k, q)
        return self._quote_speakers[k]

    def _sieve(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        for rule in (self._after_quote, self._goes_on, self._before_quote, self._next_sentence, self._continues,
                     self._intro, self._previous_sentence, self._headline_carry):
            found = rule(k, q)
            if found:
                return found
        return ()

    def _after_quote(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        """'"...," Heydarov said.', '"...," said the ministry': a verb right after the closing mark."""
        i = self.sentence_index(max(q.start, q.outer_end - 1))
        end = self.sentences[i].end
        hits = [sp for sp, a, b in self.said(i) if q.outer_end <= a < end
                and len(_WORD.findall(self.doc.raw[q.outer_end:a])) == 0]
        return self._group(hits, "speaker-after-quote")

    def _goes_on(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        """A quotation left open that the next paragraph goes on with has that one's speaker
        ('"The second missile fell ... // ... many are injured," Heydarov said')."""
        nxt = self.quotes[k + 1] if k + 1 < len(self.quotes) else None
        if q.closed or nxt is None or not nxt.continues and not (
                self._whole_paragraph(nxt) and nxt.paragraph - q.paragraph == 1):
            return ()
        return self._group(self._after_quote(k + 1, nxt) or self._goes_on(k + 1, nxt), "quote-goes-on")

    def _before_quote(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        """'Pashinyan said: "..."', 'he told reporters that "..."': a verb just before the opening mark."""
        i = self.sentence_index(q.outer_start)
        s = self.sentences[i]
        hits = [(sp, b) for sp, a, b in self.said(i) if b <= q.outer_start and not self.in_quote(a)]
        if not hits:
            return ()
        last_end = max(b for _, b in hits)
        between = self.doc.raw[last_end:q.outer_start]
        if re.search(r"[.;!?]", between) or len(_WORD.findall(between)) > 6 or last_end < s.start:
            return ()
        return self._group([sp for sp, b in hits if b == last_end], "speaker-before-quote")

    def _next_sentence(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        """A quotation followed by a sentence that opens with its speaker: "... Peskov added."."""
        i = self.sentence_index(max(q.start, q.outer_end - 1))
        if i + 1 >= len(self.sentences) or self.sentences[i].end > q.outer_end + 3:
            return ()  # the quotation's sentence goes on after it
        nxt = self.sentences[i + 1]
        if nxt.paragraph - q.paragraph > 1 or self.in_quote(nxt.start):
            return ()
        hits = [sp for sp, a, b in self.said(i + 1) if len(_WORD.findall(self.doc.raw[nxt.start:a])) <= 12
                and not re.search(r"[;:]", self.doc.raw[nxt.start:a])
                and (nxt.paragraph == q.paragraph or len(_WORD.findall(self.doc.raw[b:nxt.end])) <= 5)]
        # in the quotation's paragraph the sentence after it names its speaker; in the next
        # paragraph only a bare "X said on Sunday." does (else it opens a statement of its own)
        return self._group(hits or self._words_of(i + 1), "speaker-next-sentence")

    def _words_of(self, i: int) -> list[Speaker]:
        """"Those were the words of X", "These words were spoken by X", "That is the view
        of X", "That was how X opened ...": a sentence that names the speaker of the
        quotation before it."""
        toks = _tokenizer()(self.sentences[i].text)
        if not len(toks) or toks[0].lower_ not in self.words.demonstratives:
            return []
        noun = next((t for t in toks[:6] if t.lower_ in self.words.speech_nouns or t.lower_ == "how"), None)
        link = next((t for t in toks[noun.i:noun.i + 5] if t.lower_ in ("of", "by", "how")), None) if noun else None
        if link is None:
            return []
        b = link.i + 1
        while b < len(toks) and (toks[b].is_title or toks[b].lower_ in self.words.determiners) and b - link.i < 8:
            b += 1
        sp = self.resolve(toks[link.i + 1:b].text, i) if b > link.i + 1 else None
        return [sp] if sp else []

    def _continues(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        """A quotation going on from the one before: a paragraph left open, or the next item
        of a run of quotations (paragraphs that are quotations, bulleted or not)."""
        if k == 0:
            return ()
        prev = self.quotes[k - 1]
        run = q.continues or (self._whole_paragraph(q) and self._whole_paragraph(prev)
                              and q.paragraph - prev.paragraph == 1)
        if not run:
            return ()
        return self._relabel(self.speakers_of(prev), "quote-continues")

    def _intro(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        """A sentence ending with a colon just before a quotation paragraph (or a run of
        them) speaks it: "Pashinyan said:", "Here are the main points of his speech:"."""
        if not self._whole_paragraph(q):
            return ()
        i = self.sentence_index(q.outer_start)
        for j in range(i - 1, max(-1, i - 3), -1):
            s = self.sentences[j]
            if not s.text.rstrip().endswith(":"):
                continue
            found = [sp for sp, a, b in self.said(j)] or self._named_in_intro(j)
            return self._group(found, "speech-intro")
        return ()

    def _previous_sentence(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        """The speaker of the sentence before, in the quotation's paragraph (or in the
        paragraph before, when the quotation is a paragraph of its own)."""
        i = self.sentence_index(q.outer_start)
        if i == 0:
            return ()
        prev = self.sentences[i - 1]
        same = prev.paragraph == self.sentences[i].paragraph
        if not same and not (self._whole_paragraph(q) and prev.paragraph == q.paragraph - 1):
            return ()
        hits = [sp for sp, a, b in self.said(i - 1) if not self.in_quote(a)]
        return self._group(hits[-1:], "previous-sentence-speaker")

    def _headline_carry(self, k: int, q: Quotation) -> tuple[Speaker, ...]:
        """The speaker a headline names speaks the quotations no other sieve decided."""
        return self._relabel(self.headline_speakers(), "headline-speaker")

    def _whole_paragraph(self, q: Quotation) -> bool:
        p = self.doc.paragraphs[q.paragraph]
        head = p.text[:q.outer_start - p.start].strip()
        return not head or all(c in _BULLETS for c in head)

    @staticmethod
    def _group(hits: list[Speaker], rule: str) -> tuple[Speaker, ...]:
        return tuple(Speaker(sp.key, sp.text, rule, sp.actor) for sp in hits)

    _relabel = _group

    # -- speakers read off a sentence
    def said(self, i: int) -> tuple[tuple[Speaker, int, int], ...]:
        """Speakers of sentence ``i`` with the raw span of each one's phrase and verb:
        "X said", "said X", "according to X", coordinated speakers one by one."""
        if i not in self._said:
            self._said[i] = ()  # a pronoun never resolves through its own sentence
            self._said[i] = tuple(self._read_said(i))
        return self._said[i]

    def _read_said(self, i: int):
        s = self.sentences[i]
        toks = _tokenizer()(s.text)
        for t in toks:
            if t.lower_ == "according" and t.i + 1 < len(toks) and toks[t.i + 1].lower_ == "to":
                phrase = self._right_phrase(toks, t.i + 2)
                if len(phrase):
                    yield from self._speakers(phrase, i, s.start)
            elif t.lower_ in self.words.verbs and not (t.i and toks[t.i - 1].lower_ in ("to", "be", "been")):
                left = self._left_phrase(toks, t.i)
                if left is None or not len(left):
                    left = self._right_phrase(toks, t.i + 1) if t.i == 0 or toks[t.i - 1].is_punct else None
                if left is not None and len(left):
                    yield from self._speakers(left, i, s.start, t)

    def _left_phrase(self, toks, v: int):
        """The words before a verb that name its speaker, or None."""
        j = v - 1
        while j >= 0 and toks[j].lower_ in self.words.fillers:
            j -= 1
        if j >= 1 and toks[j].text == ",":  # "Hikmet Hajiyev, an aide to President Aliyev, told": Hajiyev
            return self._apposed_head(toks, j)
        end = j + 1
        while j >= 0 and not _ends_phrase(toks[j]) and end - j <= 9:
            j -= 1
        phrase = toks[j + 1:end]
        cut = next((t.i for t in reversed(phrase) if t.lower_ in self.words.stops and t.i > phrase.start), None)
        while cut is not None:  # "Armenia on Saturday said": Armenia
            phrase = toks[phrase.start:cut]
            cut = next((t.i for t in reversed(phrase) if t.lower_ in self.words.stops and t.i > phrase.start), None)
        if len(phrase) and phrase[0].lower_ in self.words.stops:
            return None
        return phrase

    def _apposed_head(self, toks, comma: int):
        """The name that opens a sentence before an apposition closed at ``comma``."""
        opening = next((t.i for t in toks[:comma] if t.text == ","), None)
        if opening is None or opening == 0 or not toks[0].is_title:
            return None
        head = toks[0:opening]
        return head if len(head) <= 6 and not any(_ends_phrase(t) for t in head) else None

    def _right_phrase(self, toks, a: int):
        """The words after "according to" or an inverted verb ("said the ministry")."""
        b = a
        while b < len(toks) and not _ends_phrase(toks[b]) and toks[b].lower_ not in self.words.stops and b - a < 9:
            b += 1
        return toks[a:b]

    def _speakers(self, phrase, i: int, base: int, verb=None):
        """One speaker per coordinated part of a phrase, with the span of phrase and verb."""
        first = min(phrase[0].idx, verb.idx) if verb is not None else phrase[0].idx
        last = max(phrase[-1].idx + len(phrase[-1]), verb.idx + len(verb)) if verb is not None else \
            phrase[-1].idx + len(phrase[-1])
        for part in _split_coordinated(phrase):
            sp = self.resolve(part.text, i)
            if sp is not None:
                yield sp, base + first, base + last

    # -- what a phrase stands for
    def resolve(self, text: str, i: int) -> Speaker | None:
        """The speaker a phrase of sentence ``i`` names: an actor of the profile, a
        pronoun's, title's or office's referent, else an unlisted name; None for words that
        name no one."""
        text = text.strip(" ,'\u2019")
        low = text.lower()
        if low in self.words.person or low in self.words.other:
            return self._pronoun(text, i, person=low in self.words.person)
        date = self.doc.published
        actor = self.profile.resolve_actor(text, date=date)
        if actor is not None:
            return Speaker(actor, text, "actor", actor)
        bare = " ".join(w for w in low.split() if w not in self.words.determiners)
        if bare in self.words.titles:
            return self._title(text, bare, i)
        words = text.split()
        if len(words) >= 3 and all(w[:1].isupper() for w in words[-2:]) \
                and not self.profile._institution_regex.search(" ".join(words[-2:])):
            return _unlisted(" ".join(words[-2:]))  # "Health ministry spokeswoman Alina Nikoghosyan"
        if self.profile._institution_regex.search(text):
            who = self.office_referent(text, i) if self.office_referent is not None else None
            return Speaker(who, text, "office", who) if who else self._office(text, i)
        return _unlisted(text)

    def _pronoun(self, text: str, i: int, *, person: bool) -> Speaker | None:
        for j in range(i - 1, max(-1, i - WINDOW - 1), -1):
            for sp, _, _ in reversed(self.said(j)):
                if self._kind_fits(sp, person):
                    return Speaker(sp.key, text, "pronoun", sp.actor)
        for j in range(i, max(-1, i - WINDOW - 3), -1):
            named = [m.entity_id for m in self.profile.find_mentions(self.sentences[j].text, date=self.doc.published)
                     if m.entity_type == "actor" and self._kind_fits(Speaker(m.entity_id, "", "", m.entity_id), person)]
            if named:
                return Speaker(named[-1 if j < i else 0], text, "pronoun", named[-1 if j < i else 0])
        return None

    def _kind_fits(self, sp: Speaker, person: bool) -> bool:
        actor = self.profile.actors.get(sp.actor) if sp.actor else None
        if actor is None:
            return person  # an unlisted name read off "X said" is most often a person
        return (actor.kind == "person") == person

    def _title(self, text: str, title: str, i: int) -> Speaker | None:
        """"the PM said": the actor named before whose role ends with the title."""
        holders = {a.id for a in self.profile.actors.values()
                   if any(r[0].lower().endswith(title) for r in a.roles)}
        for j in range(i, max(-1, i - 3 * WINDOW), -1):
            said = [sp.actor for sp, _, _ in self.said(j) if sp.actor in holders] if j < i else []
            named = [m.entity_id for m in self.profile.find_mentions(self.sentences[j].text, date=self.doc.published)
                     if m.entity_id in holders]
            for who in said[::-1] + named[::-1]:
                return Speaker(who, text, "title", who)
        return None

    def _office(self, text: str, i: int) -> Speaker | None:
        """"the ministry said": the party government that spoke just before (a minister's
        government for a minister), else the one the document names most."""
        for j in range(i - 1, max(-1, i - WINDOW - 1), -1):
            said = [self._government(sp.actor) for sp, _, _ in self.said(j)]
            for who in [w for w in said if w][::-1]:
                return Speaker(who, text, "office", who)
        counts: dict[str, int] = {}
        for s in self.sentences:
            for m in self.profile.find_mentions(s.text, date=self.doc.published):
                who = self._government(m.entity_id) if m.entity_type == "actor" else None
                if who and who == m.entity_id:
                    counts[who] = counts.get(who, 0) + 1
        best = sorted(counts, key=lambda k: (-counts[k], k))
        return Speaker(best[0], text, "office", best[0]) if best else None

    def _government(self, actor_id: str | None) -> str | None:
        actor = self.profile.actors.get(actor_id) if actor_id else None
        if actor is None:
            return None
        if actor.kind == "person":
            actor = self.profile.actors.get(actor.country or "")
        ok = actor is not None and (actor.kind == "government" or actor.institutional) \
            and actor.side in self.profile.sides
        return actor.id if ok else None

    def _named_in_intro(self, j: int) -> list[Speaker]:
        """"Here are the main points of his speech:": the possessive's referent."""
        toks = _tokenizer()(self.sentences[j].text)
        for t in toks:
            if t.lower_ in self.words.speech_nouns and t.i:
                owner = toks[max(0, t.i - 3):t.i]
                pron = next((x for x in owner if x.lower_ in self.words.person | self.words.other), None)
                if pron is not None:
                    sp = self._pronoun(pron.text, j, person=pron.lower_ in self.words.person)
                    return [sp] if sp else []
        return []

    # -- the headline
    def headline_speakers(self) -> tuple[Speaker, ...]:
        """The speaker a headline names: "'...' - Putin on the war", "Putin: ...",
        "...: Armenia", "..., says X"."""
        if self._headline is None:
            self._headline = ()
            heads = [k for k, s in enumerate(self.sentences) if s.kind == "headline"] or self._title_line()
            self._headline = tuple(self._read_headline(heads[0])) if heads else ()
        return self._headline

    def _title_line(self) -> list[int]:
        """A first line that the segmenter left as body but that is a title: one sentence,
        no closing full stop, a dozen words at most."""
        if not self.sentences or not self.doc.paragraphs:
            return []
        s, p = self.sentences[0], self.doc.paragraphs[0]
        one = s.end >= p.end and not re.search(r"[.!?]\W*$", s.text) and len(_WORD.findall(s.text)) <= 14
        return [0] if one and len(self.doc.paragraphs) > 1 else []

    def _read_headline(self, i: int):
        s = self.sentences[i]
        text = s.text.strip()
        said = [sp for sp, a, b in self.said(i)]
        if said:
            yield from said[:1]
            return
        for pattern in (r"^(?P<who>[^:\"\u201c]{2,40}):\s+\S", r":\s+(?P<who>[^:]{2,40}?)\s*$",
                        r"[\u201d\u2019\"']\s*(?:[\u2013\u2014]|-{1,2})\s+(?P<who>[^\u2013\u2014]{2,40}?)\s*$"):
            m = re.search(pattern, text)
            if m:
                words = self._right_phrase(_tokenizer()(m.group("who")), 0)
                sp = self.resolve(words.text, i) if len(words) else None
                if sp is not None and sp.actor and self._names_one_actor(words.text):
                    yield sp
                    return


    def _names_one_actor(self, text: str) -> bool:
        """"Putin", "Armenian PM" name a speaker; "Armenia-Azerbaijan border clashes" a topic."""
        found = [m for m in self.profile.find_mentions(text, date=self.doc.published) if m.entity_type == "actor"]
        words = len(_WORD.findall(text))
        covered = sum(len(_WORD.findall(m.text)) for m in found)
        return len({m.entity_id for m in found}) == 1 and covered * 2 >= words


def _ends_phrase(tok) -> bool:
    return (tok.is_punct and tok.text not in ("'s", "\u2019s", ".", "-")) or tok.text in (
        '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "''")


def _split_coordinated(phrase) -> list:
    """"Pashinyan and Aliyev" -> two phrases; "Ministry of Defence and Emergencies" stays one
    unless each part starts a name of its own."""
    cuts = [t.i for t in phrase if t.lower_ in ("and", "&") or t.text == ","]
    if not cuts:
        return [phrase]
    doc, parts, a = phrase.doc, [], phrase.start
    for c in cuts + [phrase.end]:
        if c > a:
            parts.append(doc[a:c])
        a = c + 1
    if len(parts) > 1 and all(p[0].is_title or p[0].lower_ in ("he", "she", "the") for p in parts):
        return parts
    return [phrase]


def _unlisted(text: str) -> Speaker | None:
    """An unlisted person keeps the surname ("Alina Nikoghosyan" -> nikoghosyan), an
    unlisted body its capitalised words; lower-case words ("officials") name no one."""
    from .profile import fold

    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    caps = [w for w in words if w[:1].isupper()]
    if not caps or len(re.sub(r"\W", "", caps[-1])) < 2:
        return None
    tail = len(words) >= 2 and words[-1][:1].isupper() and words[-2][:1].isupper()
    name = caps[-1] if tail else " ".join(caps)
    key = re.sub(r"[^a-z0-9]+", "_", fold(name).lower()).strip("_")
    return Speaker(key, text, "unlisted") if key else None
