"""Corpora read from a folder of articles: a :class:`Corpus` of :class:`Document` records.

``load_corpus(path)`` reads every article file under ``path`` (subfolders included,
hidden files and folders left out), joins the metadata of ``sources.csv`` and returns the
documents sorted by ``doc_id``, each with its paragraphs and sentences as spans of its raw
text (:func:`kargraph.segment.segment`). ``load_corpus(path, stream=True)`` (or
:func:`iter_documents`) yields them one at a time instead, in a fixed order, so that
memory does not grow with the corpus. :func:`document_from_text` builds one document from
a string.

Formats, and what ``Document.raw`` holds for each:

========== ==============================================================================
``.txt``   the file decoded as it is: UTF-8 with newlines and a byte order mark kept, so
           offsets match ``open(path, encoding="utf-8", newline="")``; UTF-16 with a byte
           order mark; other encodings detected by charset-normalizer (with a warning)
``.html``  the main text of the page extracted by trafilatura (scripts, styles, navigation
           and comments dropped), headed by the page title; the page's date, address and
           site name fill in what ``sources.csv`` lacks (``.htm`` alike)
``.jsonl`` one article a line: ``text`` required; ``doc_id`` or ``id``, ``outlet``,
           ``url``, ``published`` or ``date``, ``title`` or ``headline`` optional; the title
           heads the text when it is not already its first line
========== ==============================================================================

A document's id is its file name without extension (for ``.jsonl``, the record's id, else
``<file stem>-<line number>``). ``sources.csv`` has the columns ``doc_id, outlet, url,
published, published_basis, outlet_note``; ``published`` is an ISO date. An optional
``group`` column names the group of outlets a document's outlet belongs to (for instance
``state media`` and ``independent``): reports compare groups by it. An optional
``language`` column gives a document's ISO 639-1 code, which stands instead of the
detected language (:mod:`kargraph.language`, which also reports the documents the
profile does not read).

Problems never stop the load: each becomes a :class:`~kargraph.document.LoadIssue` (file
relative to the corpus folder, problem, what was done) on ``corpus.issues`` and on the
document it concerns, and is emitted as a :class:`CorpusWarning`. Only a folder that is
missing, is not a folder, or holds no loadable article raises. Nothing under the corpus
folder is written.

Libraries do the hard parts: charset-normalizer guesses encodings (kargraph only breaks
its ties in favour of the encodings most used for news), trafilatura extracts the text of
pages. Binary files are refused by their leading bytes, which no library is needed for.
The ``sources.csv`` reader uses the csv module rather than pandas so that every warning
can name the line of the file it concerns.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import warnings
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import pandas as pd

from ._decode import FileProblem as _FileProblem
from ._decode import decode as _decode
from ._decode import is_blank as _is_blank
from ._decode import refuse_binary as _refuse_binary
from ._decode import PREFERRED_ENCODINGS  # noqa: F401 -- part of this module's documented API
from ._decode import SNIFF_BYTES as _SNIFF_BYTES
from ._files import UnsafeFile, file_problem, inside, read_corpus_file, real, shown
from .document import Corpus, Document, LoadIssue
from .language import checked_code, detect_languages, mark_unread, with_languages
from .profile import load_profile
from .segment import segment

#: file suffix -> format; other files are reported and left out
ARTICLE_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
#: files of a corpus folder that describe it rather than hold an article (``kargraph init``
#: writes the README; ``corpus.yaml`` may name the corpus's profile)
CORPUS_NOTES = ("README.md", "corpus.yaml")
#: the columns of ``sources.csv``
METADATA_COLUMNS = ("doc_id", "outlet", "url", "published", "published_basis", "outlet_note")
OPTIONAL_METADATA_COLUMNS = ("group", "language")  # read when present; no warning when absent
_BODY_TAG = re.compile(r"<body[\s>]", re.I)
# numeric character references ("&#x1b;", "&#65535;"), and the code points XML allows: a
# reference to any other makes lxml, under trafilatura, drop the whole page
_CHAR_REF = re.compile(r"&#(?:[xX](?P<hex>[0-9A-Fa-f]{1,8})|(?P<dec>[0-9]{1,10}));?")
_XML_CHARS = ((0x9, 0xA), (0xD, 0xD), (0x20, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))
# JSON escapes can spell half of a UTF-16 surrogate pair ("\ud800"), which no UTF-8 text holds
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class CorpusWarning(UserWarning):
    """A problem with one file or one metadata row; the rest of the corpus loads."""


class _Record(NamedTuple):
    """What a reader found: the text and the metadata the file itself carries."""

    doc_id: str
    text: str
    file: str  # relative to the corpus folder
    where: str  # file, and line for a .jsonl record: for messages
    format: str
    encoding: str
    meta: dict
    notes: tuple[str, ...] = ()  # warnings about this record


class _Metadata(NamedTuple):
    """The rows of ``sources.csv`` by doc_id, with the line each came from."""

    name: str
    rows: dict[str, tuple[int, dict]]


# ---------------------------------------------------------------------------- public API
def load_corpus(path: str | os.PathLike, *, metadata: str | os.PathLike | None = "sources.csv",
                stream: bool = False, profile=None) -> Corpus | Iterator[Document]:
    """Read a folder of articles into a :class:`Corpus` (or a stream of documents).

    Args:
        path: the corpus folder.
        metadata: the metadata table, relative to ``path`` or absolute; ``None`` for none.
            A missing ``sources.csv`` is reported; a missing file named otherwise raises.
        stream: return an iterator of :class:`Document` (in file order, one in memory at a
            time) instead of a :class:`Corpus`; problems are then only emitted as warnings.
        profile: the conflict profile whose languages are read (default: the one the
            folder's ``corpus.yaml`` names); documents in others are loaded and reported.

    Returns:
        A :class:`Corpus` with its documents sorted by ``doc_id`` and its ``issues``.

    Raises:
        FileNotFoundError: ``path`` (or a named ``metadata`` file) does not exist.
        NotADirectoryError: ``path`` is not a folder.
        ValueError: the folder holds no article file, or none of them could be loaded.
    """
    if stream:
        return iter_documents(path, metadata=metadata, profile=profile)
    issues: list[LoadIssue] = []
    documents = sorted(iter_documents(path, metadata=metadata, issues=issues, profile=profile),
                       key=lambda d: d.doc_id)
    if not documents:
        problems = "; ".join(str(i) for i in issues if i.action == "skipped") or "nothing to load"
        raise ValueError(f"{path}: no document could be loaded ({problems})")
    return Corpus(documents, path=str(path), issues=issues)


def iter_documents(path: str | os.PathLike, *, metadata: str | os.PathLike | None = "sources.csv",
                   issues: list[LoadIssue] | None = None, profile=None) -> Iterator[Document]:
    """Yield the documents of a corpus folder one by one, in a fixed order.

    The folder is checked at once (same errors as :func:`load_corpus`); files are then
    read lazily, sorted by document id and path. Every problem is appended to ``issues``
    when a list is given and emitted as a :class:`CorpusWarning`.
    """
    root = _check_folder(path)
    meta_path = _metadata_path(root, metadata)
    files, listing_issues = _list_files(root, meta_path)
    if not files:
        raise ValueError(f"{path}: no article files (.txt, .html, .htm, .jsonl) in this folder")
    meta, meta_issues = _read_metadata(root, meta_path)
    documents = with_languages(_generate(files, meta, [*listing_issues, *meta_issues], issues))
    return mark_unread(documents, load_profile(profile, corpus=root), issues.append if issues is not None else lambda _: None,
                       lambda message: warnings.warn(message, CorpusWarning, stacklevel=2))


def document_from_text(text: str, *, doc_id: str, outlet: str | None = None, url: str | None = None,
                       published: dt.date | str | None = None, published_basis: str | None = None,
                       outlet_note: str | None = None, file: str | None = None, format: str = "txt",
                       encoding: str = "utf-8", issues: Iterable[LoadIssue] = (),
                       group: str | None = None, language: str | None = None,
                       detect_language: bool = True) -> Document:
    """Build a :class:`Document` from a string: segmented, with ``raw`` exactly ``text``.

    ``published`` takes a date, a datetime or an ISO string ("2020-10-23"); ``language``
    (an ISO 639-1 code) stands instead of the detected one; ``detect_language=False``
    leaves it to the caller (the loader detects documents in batches, which is faster).

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: ``doc_id`` is empty or ``published`` is not a date.
    """
    if not isinstance(text, str):
        raise TypeError(f"document {doc_id!r}: text must be a str, not {type(text).__name__}")
    if not doc_id or not isinstance(doc_id, str):
        raise ValueError(f"a document needs a non-empty string doc_id, got {doc_id!r}")
    if published is not None:
        try:
            published = parse_date(published)
        except ValueError:
            raise ValueError(f"document {doc_id!r}: published {published!r} is not a date "
                             "(expected YYYY-MM-DD)") from None
    paragraphs, sentences = segment(text)
    language, paragraph_languages = (language, ()) if language or not detect_language else detect_languages(paragraphs)
    return Document(doc_id=doc_id, raw=text, paragraphs=paragraphs, sentences=sentences, outlet=outlet,
                    url=url, published=published, published_basis=published_basis, outlet_note=outlet_note,
                    file=file, format=format, encoding=encoding, issues=tuple(issues), group=group,
                    language=language, paragraph_languages=paragraph_languages)


def parse_date(value: dt.date | str) -> dt.date:
    """A date from a date, datetime or ISO string ("2020-10-23", "2020-10-23T08:00:00Z").

    Raises:
        ValueError: the value is not an ISO date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return dt.datetime.fromisoformat(text).date()


# ------------------------------------------------------------------------------- tables
def documents_table(corpus: Corpus) -> pd.DataFrame:
    """One row per document: metadata, headline and sizes (schema ``documents``)."""
    return corpus.documents_table()


def paragraphs_table(corpus: Corpus) -> pd.DataFrame:
    """One row per paragraph with its kind and span (schema ``paragraphs``)."""
    return corpus.paragraphs_table()


def sentences_table(corpus: Corpus) -> pd.DataFrame:
    """One row per sentence with its span (schema ``sentences``)."""
    return corpus.sentences_table()


def boilerplate_table(corpus: Corpus) -> pd.DataFrame:
    """The paragraphs marked as other than body text, with the reason (schema ``paragraphs``)."""
    return corpus.boilerplate_table()


def issues_table(corpus: Corpus) -> pd.DataFrame:
    """The problems met while loading, one row each (schema ``load_issues``)."""
    return corpus.issues_table()


# ------------------------------------------------------------------------ the folder
def _check_folder(path: str | os.PathLike) -> Path:
    if not os.fspath(path):  # Path("") would be the working folder
        raise FileNotFoundError("no corpus folder given (an empty path)")
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"corpus folder not found: {path}")
    if not root.is_dir():
        raise NotADirectoryError(f"not a folder: {path} (load_corpus reads a folder of article files)")
    return root


def _metadata_path(root: Path, metadata: str | os.PathLike | None) -> Path | None:
    if metadata is None:
        return None
    path = Path(metadata)
    path = path if path.is_absolute() else root / path
    if not path.exists() and metadata != "sources.csv":
        raise FileNotFoundError(f"metadata file not found: {metadata}")
    return path


def _list_files(root: Path, meta_path: Path | None) -> tuple[list[tuple[str, Path, str]], list[LoadIssue]]:
    """Article files under ``root`` as (relative path, path, format), in load order."""
    found, issues = [], []
    real_root = real(root)
    meta_real = real(meta_path) if meta_path is not None else None

    def unreadable(err: OSError) -> None:
        issues.append(LoadIssue(_rel(err.filename, root), f"folder cannot be read ({err.strerror})",
                                "error", "skipped"))

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        folder = Path(folder)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in list(dirnames):
            if (folder / name).is_symlink():  # os.walk does not descend into them
                dirnames.remove(name)
                if not _inside(folder / name, real_root):
                    issues.append(LoadIssue(_rel(folder / name, root), "symbolic link to a folder outside the "
                                            "corpus folder; not followed", "warning", "skipped"))
        for name in sorted(filenames):
            path = folder / name
            rel = _rel(path, root)
            if name.startswith(".") or (folder == root and name in CORPUS_NOTES) or (
                    meta_path is not None and (path == meta_path or real(path) == meta_real)):
                continue
            problem = _file_problem(path, real_root)
            if problem:
                issues.append(LoadIssue(rel, problem, "warning", "skipped"))
                continue
            found.append((rel, path, ARTICLE_SUFFIXES[path.suffix.lower()]))
    found = _once_each(found, issues)
    # by document id first, so that of two files with one id (a.html, a.txt) the same wins
    found.sort(key=lambda f: (f[1].stem, f[0]))
    return found, issues


def _once_each(found: list[tuple[str, Path, str]], issues: list[LoadIssue]) -> list[tuple[str, Path, str]]:
    """The files with each file read once: a symbolic link to another file of the corpus
    is left out (the file itself is kept), so that no article is counted twice."""
    by_target: dict[Path, tuple[str, Path, str]] = {}
    for item in sorted(found, key=lambda f: (f[1].is_symlink(), f[0])):
        target = real(item[1])
        if target in by_target:
            issues.append(LoadIssue(item[0], f"the same file as {by_target[target][0]} (a symbolic link to it); "
                                    "read once", "warning", "skipped"))
            continue
        by_target[target] = item
    return list(by_target.values())


def _file_problem(path: Path, real_root: Path) -> str | None:
    problem = file_problem(path, real_root)
    if problem and path.is_symlink():
        return problem
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return (f"not an article file ({shown(suffix) or 'no extension'}); kargraph reads "
                + ", ".join(ARTICLE_SUFFIXES))
    return problem


def _inside(path: Path, real_root: Path) -> bool:
    return inside(path, real_root)


def _rel(path, root: Path) -> str:
    """A file's name relative to the corpus folder, as shown in messages and tables."""
    try:
        return shown(Path(path).relative_to(root).as_posix())
    except ValueError:
        return shown(str(path))


# ---------------------------------------------------------------------------- loading
def _generate(files: list[tuple[str, Path, str]], meta: _Metadata | None,
              early: list[LoadIssue], sink: list[LoadIssue] | None) -> Iterator[Document]:
    def report(issue: LoadIssue) -> None:
        if sink is not None:
            sink.append(issue)
        warnings.warn(str(issue), CorpusWarning, stacklevel=3)

    for issue in early:
        report(issue)
    seen: dict[str, str] = {}
    for rel, path, fmt in files:
        try:
            for item in _READERS[fmt](path, rel):
                if isinstance(item, LoadIssue):
                    report(item)
                elif item.doc_id in seen:
                    report(LoadIssue(item.where, f"duplicate document id {item.doc_id!r} (already loaded from "
                                                f"{seen[item.doc_id]}); this one left out", "warning", "skipped"))
                else:
                    seen[item.doc_id] = item.where
                    yield _document(item, meta, report)
        except (_FileProblem, UnsafeFile) as err:
            report(LoadIssue(rel, str(err), "error", "skipped"))
        except OSError as err:
            report(LoadIssue(rel, f"cannot be read ({err.strerror or err})", "error", "skipped"))
        except Exception as err:  # noqa: BLE001 -- a parser failing on one hostile file must not stop the rest
            report(LoadIssue(rel, f"could not be loaded ({type(err).__name__}: {err})", "error", "skipped"))
    if meta is not None:
        for doc_id, (line, _) in meta.rows.items():
            if doc_id not in seen:
                hint = " (ids are file names without extension)" if Path(doc_id).suffix.lower() in ARTICLE_SUFFIXES else ""
                report(LoadIssue(meta.name, f"line {line}: doc_id {doc_id!r} matches no document{hint}",
                                 "warning", "loaded"))


def _document(record: _Record, meta: _Metadata | None, report) -> Document:
    """Join the metadata row to a record and build its document."""
    notes = [LoadIssue(record.file, note) for note in record.notes]
    fields = {k: v for k, v in record.meta.items() if v is not None}
    if meta is not None:
        row = meta.rows.get(record.doc_id)
        if row is None:
            fallback = "; using the file's own metadata" if fields else "; outlet and date unknown"
            notes.append(LoadIssue(record.file, f"no row for {record.doc_id!r} in {meta.name}{fallback}"))
        else:
            csv_fields = {k: v for k, v in row[1].items() if v is not None}
            if "published" in csv_fields:  # the basis goes with the date it explains
                csv_fields.setdefault("published_basis", f"from {meta.name}")
            fields.update(csv_fields)
    for note in notes:
        report(note)
    return document_from_text(
        record.text, doc_id=record.doc_id, outlet=fields.get("outlet"), url=fields.get("url"),
        published=fields.get("published"), published_basis=fields.get("published_basis"),
        outlet_note=fields.get("outlet_note"), file=record.file, format=record.format,
        encoding=record.encoding, issues=notes, group=fields.get("group"), language=fields.get("language"),
        detect_language=False,
    )


# ---------------------------------------------------------------------------- readers
def _read_txt(path: Path, rel: str) -> Iterator[_Record | LoadIssue]:
    text, encoding, notes = _decode(read_corpus_file(path))
    yield _Record(shown(path.stem), text, rel, rel, "txt", encoding, {}, tuple(notes))


def _read_html(path: Path, rel: str) -> Iterator[_Record | LoadIssue]:
    import trafilatura  # imported here: it is slow to import and only pages need it

    html, encoding, notes = _decode(read_corpus_file(path))
    html, n_refs = _CHAR_REF.subn(_xml_safe_reference, html)
    if n_refs:
        notes.append(f"{n_refs} character reference(s) to characters that text cannot hold (control "
                     "characters, U+FFFF) shown as U+FFFD")
    if not _BODY_TAG.search(html):  # trafilatura finds nothing in a bare fragment ("<p>...</p>")
        html = f"<html><body>{html}</body></html>"
    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                       include_tables=True, include_images=False)
    text = (page.text or "").strip() if page is not None else ""
    if not text:
        raise _FileProblem("no article text found in the page")
    title = " ".join((page.title or "").split())
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    meta, problems = _file_metadata({"outlet": page.sitename or page.hostname, "url": page.url,
                                     "published": page.date}, "page metadata")
    yield _Record(shown(path.stem), text, rel, rel, "html", encoding, meta, tuple(notes + problems))


def _read_jsonl(path: Path, rel: str) -> Iterator[_Record | LoadIssue]:
    with io.BytesIO(read_corpus_file(path)) as f:
        _refuse_binary(f.read(_SNIFF_BYTES))
        f.seek(0)
        n_records = 0
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            n_records += 1
            try:
                record = json.loads(line.decode("utf-8-sig" if lineno == 1 else "utf-8"))
            except UnicodeDecodeError as err:
                yield LoadIssue(rel, f"line {lineno} is not UTF-8 ({err.reason}); line left out", "error", "skipped")
                continue
            except json.JSONDecodeError as err:
                yield LoadIssue(rel, f"line {lineno} is not valid JSON ({err.msg}); line left out",
                                "error", "skipped")
                continue
            if not isinstance(record, dict):
                yield LoadIssue(rel, f"line {lineno} is not a JSON object; line left out", "error", "skipped")
                continue
            record, n_surrogates = _without_lone_surrogates(record)
            text = record.get("text")
            if not isinstance(text, str) or _is_blank(text):
                yield LoadIssue(rel, f"line {lineno} has no 'text' field with article text; line left out",
                                "error", "skipped")
                continue
            doc_id = next((record[k] for k in ("doc_id", "id") if record.get(k) not in (None, "")),
                          f"{shown(path.stem)}-{lineno}")
            title = next((record[k] for k in ("title", "headline") if isinstance(record.get(k), str)), "")
            title = " ".join(title.split())
            if title and not text.lstrip().startswith(title):
                text = f"{title}\n\n{text}"
            meta, problems = _file_metadata(
                {"outlet": record.get("outlet"), "url": record.get("url"),
                 "published": next((record[k] for k in ("published", "date") if record.get(k)), None)},
                "jsonl record")
            if n_surrogates:
                problems.append(f"{n_surrogates} invalid \\u escape(s) (half of a surrogate pair) shown as U+FFFD")
            yield _Record(str(doc_id), text, rel, f"{rel} line {lineno}", "jsonl", "utf-8", meta,
                          tuple(f"line {lineno}: {p}" for p in problems))
        if not n_records:
            raise _FileProblem("empty file" if f.tell() == 0 else "contains only whitespace")


_READERS = {"txt": _read_txt, "html": _read_html, "jsonl": _read_jsonl}


def _xml_safe_reference(m: re.Match) -> str:
    code = int(m.group("hex"), 16) if m.group("hex") else int(m.group("dec"))
    if any(lo <= code <= hi for lo, hi in _XML_CHARS):
        return m.group(0)
    return "&#xFFFD;"


def _without_lone_surrogates(record: dict) -> tuple[dict, int]:
    """The record with lone surrogates in its string values replaced (one for one, so
    offsets hold), and how many there were."""
    out, count = {}, 0
    for key, value in record.items():
        if isinstance(value, str):
            value, n = _LONE_SURROGATE.subn("\ufffd", value)
            count += n
        out[key] = value
    return out, count


def _file_metadata(values: dict, basis: str) -> tuple[dict, list[str]]:
    """Metadata a file carries about itself, checked like a row of ``sources.csv``."""
    meta = {k: (str(v).strip() or None) if v is not None else None for k, v in values.items()}
    problems = []
    if meta.get("published"):
        day, problem = _checked_date(meta["published"])
        meta["published"] = day
        if problem:
            problems.append(problem)
        else:
            meta["published_basis"] = f"from the {basis}"
    return meta, problems


# --------------------------------------------------------------------------- metadata
def _read_metadata(root: Path, path: Path | None) -> tuple[_Metadata | None, list[LoadIssue]]:
    """The rows of the metadata table by doc_id, and the problems found in it."""
    if path is None:
        return None, []
    name = _rel(path, root)
    if not path.exists():
        return None, [LoadIssue(name, "not found; outlets and dates come only from the files themselves")]
    issues: list[LoadIssue] = []

    def warn(problem: str, severity: str = "warning", action: str = "loaded") -> None:
        issues.append(LoadIssue(name, problem, severity, action))

    try:  # a table named by the caller may lie elsewhere; the corpus's own must lie inside it
        text, _, notes = _decode(read_corpus_file(path, root if inside(path.parent, root) else None))
    except (_FileProblem, OSError) as err:
        warn(f"cannot be read ({err.strerror if isinstance(err, OSError) and err.strerror else err}); "
             "no metadata joined", "error", "skipped")
        return None, issues
    for note in notes:
        warn(note)
    # strict: an unclosed quote is an error, not a field that swallows the rest of the file
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if "doc_id" not in header:
        warn(f"has no doc_id column (found: {', '.join(header) or 'nothing'}); no metadata joined", "error", "skipped")
        return None, issues
    reader.fieldnames = header
    missing = [c for c in METADATA_COLUMNS if c not in header]
    extra = [c for c in header if c not in METADATA_COLUMNS + OPTIONAL_METADATA_COLUMNS]
    if missing:
        warn(f"missing column(s) {', '.join(missing)}; those fields stay empty")
    if extra:
        warn(f"unknown column(s) {', '.join(extra)} ignored (expected {', '.join(METADATA_COLUMNS)})")
    rows: dict[str, tuple[int, dict]] = {}
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                warn(f"line {line}: more fields than columns; the extra fields are ignored")
            doc_id = (row.get("doc_id") or "").strip()
            if not doc_id:
                if any((v or "").strip() for k, v in row.items() if k is not None):
                    warn(f"line {line}: no doc_id; row ignored", action="skipped")
                continue
            if doc_id in rows:
                warn(f"line {line}: duplicate doc_id {doc_id!r} (first on line {rows[doc_id][0]}); row ignored",
                     action="skipped")
                continue
            fields = {c: ((row.get(c) or "").strip() or None)
                      for c in METADATA_COLUMNS[1:] + OPTIONAL_METADATA_COLUMNS}
            if fields["published"]:
                fields["published"], problem = _checked_date(fields["published"])
                if problem:
                    warn(f"line {line} ({doc_id}): {problem}")
            if fields["language"]:
                fields["language"], problem = checked_code(fields["language"])
                if problem:
                    warn(f"line {line} ({doc_id}): {problem}")
            rows[doc_id] = (line, fields)
    except csv.Error as err:
        warn(f"line {reader.line_num}: cannot be parsed as CSV ({err}); rows from here on ignored", "error")
    return _Metadata(name, rows), issues


def _checked_date(value: str, *, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """A publication date and the problem with it, if any (unparseable, in the future)."""
    try:
        day = parse_date(value)
    except ValueError:
        return None, f"published {value!r} is not a date (expected YYYY-MM-DD); left empty"
    if day > (today or dt.date.today()):
        return None, f"published {value!r} is in the future; left empty"
    return day, None
