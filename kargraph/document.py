"""Documents and corpora: the records every other kargraph module reads.

A :class:`Document` keeps the text exactly as loaded (``raw``) and describes it with
spans: paragraphs and sentences carry ``start``/``end`` character offsets into ``raw``,
so ``doc.raw[s.start:s.end] == s.text`` for every span. Nothing is deleted: lines that are
not article text (photo captions, site furniture, subheadings, credits) are kept and
marked with a ``kind`` and a ``reason``.

``raw`` is the file decoded to ``str`` with its newlines as they are for ``.txt`` files,
the ``text`` field (headed by its ``title`` when that is not already the first line) for
``.jsonl`` records, and the main text extracted from the page for ``.html`` files.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

import pandas as pd

#: paragraph kinds marked as boilerplate; headline, subheading and body are article text
BOILERPLATE_KINDS = ("caption", "furniture", "credit")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One line-delimited block of a document."""

    index: int
    start: int
    end: int
    text: str
    kind: str = "body"
    reason: str = ""

    @property
    def is_boilerplate(self) -> bool:
        return self.kind in BOILERPLATE_KINDS


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; ``paragraph`` is the index of the paragraph that holds it."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    kind: str = "body"

    @property
    def is_boilerplate(self) -> bool:
        return self.kind in BOILERPLATE_KINDS


@dataclass(frozen=True, slots=True)
class LoadIssue:
    """A problem met while loading: which file, what, and what was done about it."""

    file: str
    problem: str
    severity: str = "warning"  # warning | error
    action: str = "loaded"  # loaded | skipped

    def __str__(self) -> str:
        return f"{self.file}: {self.problem} ({self.action})"


@dataclass(frozen=True)
class Document:
    """One article with its metadata and its spans."""

    doc_id: str
    raw: str
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_basis: str | None = None
    outlet_note: str | None = None
    file: str | None = None  # path relative to the corpus folder
    format: str = "txt"
    encoding: str = "utf-8"
    issues: tuple[LoadIssue, ...] = ()
    group: str | None = None  # the outlet's group (sources.csv ``group``), for comparisons
    language: str | None = None  # ISO 639-1 code of most of the text (kargraph.language)
    paragraph_languages: tuple[str | None, ...] = ()  # one per paragraph when mixed, else empty

    def paragraph_language(self, index: int) -> str | None:
        """The language of paragraph ``index``: its own in a mixed document, else the document's."""
        return self.paragraph_languages[index] if self.paragraph_languages else self.language

    @property
    def headline(self) -> str | None:
        """The headline text, when the document opens with one."""
        for p in self.paragraphs:
            if p.kind == "headline":
                return p.text
        return None

    @property
    def headline_paragraph(self) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.kind == "headline"), None)

    @property
    def body(self) -> str:
        """Clean body: the body paragraphs (no headline, subheadings or boilerplate)."""
        return "\n\n".join(p.text for p in self.paragraphs if p.kind == "body")

    @property
    def article_sentences(self) -> tuple[Sentence, ...]:
        """Sentences of the headline, subheadings and body (boilerplate left out)."""
        return tuple(s for s in self.sentences if not s.is_boilerplate)

    def span(self, start: int, end: int) -> str:
        return self.raw[start:end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence whose span holds character ``offset``."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    @property
    def sha1(self) -> str:
        return hashlib.sha1(self.raw.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Corpus:
    """An ordered collection of documents (sorted by ``doc_id``) and the load report."""

    documents: list[Document]
    path: str | None = None
    issues: list[LoadIssue] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, int):
            return self.documents[key]
        for d in self.documents:
            if d.doc_id == key:
                return d
        raise KeyError(f"no document with id {key!r} in this corpus")

    def __contains__(self, doc_id: object) -> bool:
        return any(d.doc_id == doc_id for d in self.documents)

    @property
    def ids(self) -> list[str]:
        return [d.doc_id for d in self.documents]

    @property
    def outlets(self) -> list[str]:
        return sorted({d.outlet for d in self.documents if d.outlet})

    @property
    def fingerprint(self) -> str:
        """A hash of every document's id, text and metadata: equal corpora, equal hash."""
        h = hashlib.sha256()
        for d in self.documents:
            for part in (d.doc_id, d.outlet, d.url, d.published, d.sha1):
                h.update(str(part).encode("utf-8"))
                h.update(b"\0")
        return h.hexdigest()[:16]

    def documents_table(self) -> pd.DataFrame:
        """One row per document: metadata, headline and size."""
        rows = [
            {
                "doc_id": d.doc_id,
                "outlet": d.outlet,
                "url": d.url,
                "published": d.published,
                "published_basis": d.published_basis,
                "outlet_note": d.outlet_note,
                "group": d.group,
                "headline": d.headline,
                "n_chars": len(d.raw),
                "n_body_chars": len(d.body),
                "n_paragraphs": len(d.paragraphs),
                "n_sentences": len(d.sentences),
                "n_boilerplate": sum(p.is_boilerplate or p.kind == "subheading" for p in d.paragraphs),
                "file": d.file,
                "format": d.format,
                "encoding": d.encoding,
                "language": d.language,
                "languages": " | ".join(str(c) for c, _ in Counter(d.paragraph_languages).most_common()) or None,
            }
            for d in self.documents
        ]
        return self._table(rows, "documents")

    def paragraphs_table(self) -> pd.DataFrame:
        """One row per paragraph with its kind (headline, body, subheading, caption...)."""
        rows = [
            {"doc_id": d.doc_id, "outlet": d.outlet, "paragraph": p.index, "start": p.start,
             "end": p.end, "kind": p.kind, "reason": p.reason, "text": p.text,
             "language": d.paragraph_language(p.index)}
            for d in self.documents for p in d.paragraphs
        ]
        return self._table(rows, "paragraphs")

    def sentences_table(self) -> pd.DataFrame:
        """One row per sentence with its span in the raw text."""
        rows = [
            {"doc_id": d.doc_id, "outlet": d.outlet, "sentence": s.index, "paragraph": s.paragraph,
             "start": s.start, "end": s.end, "kind": s.kind, "text": s.text}
            for d in self.documents for s in d.sentences
        ]
        return self._table(rows, "sentences")

    def boilerplate_table(self) -> pd.DataFrame:
        """The lines marked as not article body, with the reason each was marked."""
        table = self.paragraphs_table()
        out = table[table["kind"] != "body"].reset_index(drop=True)
        out.attrs = dict(table.attrs)
        return out

    def _table(self, rows: list[dict], table: str) -> pd.DataFrame:
        """Rows as the documented table, with the corpus fingerprint they came from."""
        from . import schema

        out = schema.conform(pd.DataFrame(rows, columns=schema.columns(table)), table)
        out.attrs["params"] = {"corpus_fingerprint": self.fingerprint}
        return out

    def issues_table(self) -> pd.DataFrame:
        rows = [{"file": i.file, "problem": i.problem, "severity": i.severity, "action": i.action}
                for i in self.issues]
        return self._table(rows, "load_issues")
