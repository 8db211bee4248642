"""The language of every document and paragraph, and what a profile leaves unread.

``detect_languages(paragraphs)`` gives a document's language (an ISO 639-1 code such as
``en``, ``ru``; None when the text has too few letters to tell) and, for a document
written in more than one language, the language of each paragraph, so that an English
article quoting a Russian statement is still read in its English paragraphs.
:func:`~kargraph.corpus.load_corpus` calls it for every document, through
:func:`with_languages`; a ``language`` column in ``sources.csv`` gives the language
instead, and wins.

A profile says which languages it reads (its ``language:`` key, a code or a list);
kargraph extracts claims only in the languages whose lexicon
(``kargraph/lexicon/<code>.yaml``) says ``claims: true``. Paragraphs in other languages
are loaded, counted and shown, never read in silence: :func:`mark_unread` gives each
such document a ``load_issues`` row and emits one warning per language;
:func:`languages_table`, :func:`unread_note` and :func:`unread_findings` say what was not
read, for the corpus overview and for every report that compares outlets' figures.

Detection is Google's CLD2 (``pycld2``: its model is compiled into the package, nothing
is downloaded). Measured against ``py3langid`` 0.4.0 and ``lingua-language-detector``
2.1.1 on 28 short news sentences in en/ru/fr/de/uk/az/hy and the 92 paragraphs of the
bundled articles, all three were right on the 28 and on 91 or 92 of the 92, but CLD2 read
23 MB/s against 2.2 (py3langid) and 0.3 (lingua), and it reports the share of each
language in a text, which tells a mixed document from a single-language one in one call
(README, "Languages"). Written by hand here is only what no library does: which text is
shown to the detector (a sample of every paragraph first, whole paragraphs only for a
document that is mixed), and the bookkeeping of what a profile does not read.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Iterable, Iterator, Sequence

import pandas as pd

#: characters of each paragraph shown to the detector for the document's language: enough
#: for a paragraph in another language to show in the shares, and a quarter of a news
#: paragraph, which keeps detection under 5% of loading time (README, "Languages")
SAMPLE_CHARS = 40
#: a document shorter than this is shown to the detector whole: a sample of its only
#: paragraph could miss its second language
WHOLE_BELOW_CHARS = 1000
#: a language holding at least this share (percent) of the sample makes a document mixed,
#: and its paragraphs are then detected one by one
MIXED_PERCENT = 3
#: a paragraph in which a second language holds at least this share is in both
#: ("ar+en", read when either is): a line that quotes and translates
BOTH_PERCENT = 25
#: paragraphs shorter than this take the document's language: CLD2 guesses wrong on a
#: headline of a few words ("Poutine : près de 5 000 morts" reads as Haitian Creole)
MIN_PARAGRAPH_CHARS = 60
# what CLD2 refuses as "invalid UTF-8": control characters, lone surrogates and the Unicode
# noncharacters (U+FDD0-U+FDEF and the last two code points of every plane)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                      + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF)
                                for plane in range(17)) + "]")
_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,4})?")
# CLD2 keeps a few codes ISO 639-1 has since replaced
_RENAMED = {"iw": "he", "in": "id", "jw": "jv"}


# ------------------------------------------------------------------ detection
def detect_languages(paragraphs: Sequence) -> tuple[str | None, tuple[str | None, ...]]:
    """The language of a document and, when it is mixed, of each of its paragraphs.

    Args:
        paragraphs: the document's paragraphs (anything with a ``text``).

    Returns:
        ``(language, paragraph_languages)``: ``paragraph_languages`` is empty when every
        paragraph is in ``language``, else one code (or None) per paragraph. A paragraph
        in two languages has both codes, by share ("ar+en").
    """
    whole = "\n".join(p.text for p in paragraphs) if sum(len(p.text) for p in paragraphs) < WHOLE_BELOW_CHARS \
        else None
    shares = _shares(whole if whole is not None else "\n".join(p.text[:SAMPLE_CHARS] for p in paragraphs))
    if not shares and whole is None:  # too little in the sample (rare): the whole text
        shares = _shares("\n".join(p.text for p in paragraphs))
    if not shares:
        return None, ()
    language = shares[0][0]
    if all(share < MIXED_PERCENT for _, share in shares[1:]):
        return language, ()
    per_paragraph = tuple(_paragraph_language(p.text, language) for p in paragraphs)
    if len(set(per_paragraph)) == 1:
        return per_paragraph[0], ()
    return language, per_paragraph


def with_languages(documents: Iterable, batch: int = 64) -> Iterator:
    """The documents, each whose ``language`` is not given detected: in batches of
    ``batch`` documents read one after another, because CLD2 runs twice as fast while its
    tables stay in the processor's cache (README, "Languages")."""
    import dataclasses

    pending: list = []
    for doc in documents:
        pending.append(doc)
        if len(pending) == batch:
            yield from _detected(pending, dataclasses.replace)
            pending = []
    yield from _detected(pending, dataclasses.replace)


def _detected(docs: list, replace) -> list:
    found = [None if d.language else detect_languages(d.paragraphs) for d in docs]
    return [d if f is None else replace(d, language=f[0], paragraph_languages=f[1]) for d, f in zip(docs, found)]


def _paragraph_language(text: str, default: str | None) -> str | None:
    if len(text) < MIN_PARAGRAPH_CHARS:
        return default
    shares = _shares(text)
    if not shares:
        return default
    return "+".join(code for i, (code, share) in enumerate(shares) if i == 0 or share >= BOTH_PERCENT)


def _shares(text: str) -> list[tuple[str, int]]:
    """(language, percent of the text) by share, from CLD2; empty when it cannot tell."""
    import pycld2  # imported here: `import kargraph` stays cheap

    try:
        reliable, _, details = pycld2.detect(text, isPlainText=True)
    except (pycld2.error, UnicodeError):  # characters CLD2 cannot take: try without them
        try:
            reliable, _, details = pycld2.detect(_CONTROL.sub(" ", text), isPlainText=True)
        except (pycld2.error, UnicodeError):
            return []
    if not reliable:
        return []
    return [(_RENAMED.get(code, code), percent) for _, code, percent, _ in details if code != "un"]


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    import pycld2

    names = {code: name.replace("_", " ").title() for name, code in pycld2.LANGUAGES}
    return {**names, **{new: names[old] for old, new in _RENAMED.items() if old in names}}


def language_name(code: str | None) -> str:
    """The English name of a language code ("ru" -> "Russian"); the code when unknown."""
    if code is None:
        return "unknown language"
    return " and ".join(_names().get(c, c) for c in code.split("+"))


def checked_code(value: str) -> tuple[str | None, str | None]:
    """A language code given in metadata, lower-cased, and the problem with it, if any."""
    code = value.strip().lower().replace("_", "-")
    if _CODE.fullmatch(code):
        return code, None
    return None, f"language {value!r} is not a language code (such as en, ru, fr); detected instead"


# --------------------------------------------------------------- what is read
def read_languages(profile) -> tuple[str, ...]:
    """The languages claims are extracted in for ``profile``: those it lists whose lexicon
    extracts claims (kargraph/lexicon/<code>.yaml, ``claims: true``)."""
    from .lexicon import claim_languages

    return tuple(code for code in profile.languages if code in claim_languages())


def reads(language: str | None, languages: Iterable[str]) -> bool:
    """Whether text in ``language`` is read; text whose language is unknown is, and text
    in two languages ("ar+en") when either is."""
    return language is None or any(code in languages for code in language.split("+"))


def unread_paragraphs(doc, languages: Iterable[str]) -> list[int]:
    """Indexes of the paragraphs of ``doc`` in a language that is not read."""
    languages = tuple(languages)
    if not doc.paragraph_languages:
        return [] if reads(doc.language, languages) else [p.index for p in doc.paragraphs]
    return [i for i, code in enumerate(doc.paragraph_languages) if not reads(code, languages)]


def _unread_problem(doc, unread: list[int], profile_says: str) -> str:
    codes = Counter(doc.paragraph_language(i) for i in unread)
    spelled = ", ".join(f"{language_name(c)} ({c})" for c, _ in codes.most_common())
    if len(unread) == len(doc.paragraphs):
        return f"in {spelled}: not read ({profile_says})"
    return f"{len(unread)} of {len(doc.paragraphs)} paragraphs in {spelled} not read ({profile_says})"


def _profile_says(profile) -> str:
    listed, read = ", ".join(profile.languages), ", ".join(read_languages(profile)) or "none"
    if tuple(profile.languages) == read_languages(profile):
        return f"the profile reads {listed}"
    return f"the profile reads {listed}; kargraph extracts claims in {read}"


def mark_unread(documents: Iterable, profile, add, warn) -> Iterator:
    """The documents, each with paragraphs the profile does not read carrying a
    ``load_issues`` row that says so; at the end, one warning per language.

    Args:
        documents: the documents being loaded.
        profile: the profile whose languages are read.
        add: called with each document's :class:`~kargraph.document.LoadIssue`.
        warn: called with each language's warning ("ru: 12 documents not read: ...").
    """
    import dataclasses

    from .document import LoadIssue

    languages, says = read_languages(profile), _profile_says(profile)
    whole, part = Counter(), Counter()
    for doc in documents:
        unread = unread_paragraphs(doc, languages)
        if unread:
            issue = LoadIssue(doc.file or doc.doc_id, _unread_problem(doc, unread, says), "warning", "loaded")
            add(issue)
            doc = dataclasses.replace(doc, issues=(*doc.issues, issue))
            (whole if len(unread) == len(doc.paragraphs) else part).update(
                {doc.paragraph_language(i) for i in unread})
        yield doc
    for code in sorted({*whole, *part}, key=lambda c: (-whole[c] - part[c], str(c))):
        counts = [f"{whole[code]} {'document' if whole[code] == 1 else 'documents'} not read"] if whole[code] else []
        if part[code]:
            counts.append(f"{part[code]} read only in part")
        warn(f"{code}: {' and '.join(counts)}: {says}")


# --------------------------------------------------------------------- reports
def languages_table(corpus: Iterable, profile=None) -> pd.DataFrame:
    """Documents and paragraphs per language, and whether the profile reads it (schema
    ``languages``)."""
    from . import schema
    from .profile import load_profile

    read = read_languages(load_profile(profile, corpus=corpus))
    docs, paras = Counter(), Counter()
    for doc in corpus:
        docs[doc.language] += 1
        for p in doc.paragraphs:
            paras[doc.paragraph_language(p.index)] += 1
    rows = [{"language": code, "name": language_name(code), "n_docs": docs.get(code, 0), "n_paragraphs": n,
             "read": reads(code, read)} for code, n in sorted(paras.items(), key=lambda kv: (-kv[1], str(kv[0])))]
    return schema.conform(pd.DataFrame(rows, columns=schema.columns("languages")), "languages")


def unread_documents(corpus: Iterable, profile=None) -> pd.DataFrame:
    """The documents with paragraphs not read: ``doc_id``, ``outlet``, ``language``,
    ``n_unread`` and ``n_paragraphs`` (schema ``unread_documents``)."""
    from . import schema
    from .profile import load_profile

    read = read_languages(load_profile(profile, corpus=corpus))
    rows = []
    for doc in corpus:
        unread = unread_paragraphs(doc, read)
        if unread:
            code = Counter(doc.paragraph_language(i) for i in unread).most_common(1)[0][0]
            rows.append({"doc_id": doc.doc_id, "outlet": doc.outlet, "language": code, "start": 0,
                         "end": len(doc.raw), "n_unread": len(unread), "n_paragraphs": len(doc.paragraphs),
                         "whole": len(unread) == len(doc.paragraphs)})
    return schema.conform(pd.DataFrame(rows, columns=schema.columns("unread_documents")), "unread_documents")


def unread_note(corpus: Iterable, profile=None) -> str:
    """One sentence for a report that compares outlets' figures ("2 documents in Russian
    and 1 in French were not read (the profile reads en) ..."); empty when all were read."""
    from .profile import load_profile

    prof = load_profile(profile, corpus=corpus)
    unread = unread_documents(corpus, prof)
    if not len(unread):
        return ""
    whole = unread[unread["whole"]]
    counts = sorted(Counter(whole["language"]).items(), key=lambda kv: (-kv[1], str(kv[0])))
    parts = [f"{n} {'document' if n == 1 and not i else 'documents' if not i else ''}".rstrip()
             + f" in {language_name(code)}" for i, (code, n) in enumerate(counts)]
    if parts:
        parts = [f"{_joined(parts)} {'was' if len(whole) == 1 else 'were'} not read"]
    mixed = len(unread) - len(whole)
    if mixed:
        parts.append(f"{mixed} {'document was' if mixed == 1 else 'documents were'} read only in part "
                     "(paragraphs in other languages left out)")
    text = "; ".join(parts)
    return f"{text} ({_profile_says(prof)}): their figures are missing from this comparison."


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def unread_findings(corpus: Iterable, profile=None) -> list:
    """The :func:`unread_note` as a :class:`~kargraph.findings.Finding` whose evidence is
    every document not (fully) read; an empty list when all were read."""
    from .findings import Finding, evidence_rows

    docs = list(corpus)
    note = unread_note(docs, profile)
    if not note:
        return []
    return [Finding(note, evidence_rows(unread_documents(docs, profile)), kind="unread_languages")]
