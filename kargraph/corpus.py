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
published, published_basis, outlet_note, language``; ``published`` is an ISO date,
``language`` an ISO 639-1 code that stands instead of the detected language
(:mod:`kargraph.language`, which also reports the documents the profile does not read).

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

import codecs
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

from .document import Corpus, Document, LoadIssue
from .language import checked_code, detect_languages, mark_unread, with_languages
from .profile import load_profile
from .segment import segment

#: file suffix -> format; other files are reported and left out
ARTICLE_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
#: the columns of ``sources.csv``
METADATA_COLUMNS = ("doc_id", "outlet", "url", "published", "published_basis", "outlet_note", "language")
#: when charset-normalizer finds several encodings equally plausible, the first of these
#: that it lists wins: the encodings most used for news text, Western before Cyrillic
PREFERRED_ENCODINGS = ("utf_8", "cp1252", "latin_1", "cp1251", "koi8_r", "iso8859_15", "cp1250",
                       "iso8859_2", "cp1254", "iso8859_9")

# leading bytes of common binary formats, so that a renamed image is refused by name
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or Excel file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
)
_SNIFF_BYTES = 8192
_BODY_TAG = re.compile(r"<body[\s>]", re.I)
# numeric character references ("&#x1b;", "&#65535;"), and the code points XML allows: a
# reference to any other makes lxml, under trafilatura, drop the whole page
_CHAR_REF = re.compile(r"&#(?:[xX](?P<hex>[0-9A-Fa-f]{1,8})|(?P<dec>[0-9]{1,10}));?")
_XML_CHARS = ((0x9, 0xA), (0xD, 0xD), (0x20, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))
# JSON escapes can spell half of a UTF-16 surrogate pair ("\ud800"), which no UTF-8 text holds
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class CorpusWarning(UserWarning):
    """A problem with one file or one metadata row; the rest of the corpus loads."""


class _FileProblem(Exception):
    """Raised by a reader when a whole file cannot become a document."""


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
        profile: the conflict profile whose languages are read (default
            ``nagorno_karabakh``); documents in others are loaded and reported.

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
    return mark_unread(documents, load_profile(profile), issues.append if issues is not None else lambda _: None,
                       lambda message: warnings.warn(message, CorpusWarning, stacklevel=2))


def document_from_text(text: str, *, doc_id: str, outlet: str | None = None, url: str | None = None,
                       published: dt.date | str | None = None, published_basis: str | None = None,
                       outlet_note: str | None = None, file: str | None = None, format: str = "txt",
                       encoding: str = "utf-8", issues: Iterable[LoadIssue] = (),
                       language: str | None = None, detect_language: bool = True) -> Document:
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
                    file=file, format=format, encoding=encoding, issues=tuple(issues), language=language,
                    paragraph_languages=paragraph_languages)


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
    real_root = root.resolve()
    meta_real = meta_path.resolve() if meta_path is not None else None

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
            if name.startswith(".") or (meta_real is not None and name == meta_real.name
                                        and path.resolve() == meta_real):
                continue
            problem = _file_problem(path, real_root)
            if problem:
                issues.append(LoadIssue(rel, problem, "warning", "skipped"))
                continue
            found.append((rel, path, ARTICLE_SUFFIXES[path.suffix.lower()]))
    # by document id first, so that of two files with one id (a.html, a.txt) the same wins
    found.sort(key=lambda f: (f[1].stem, f[0]))
    return found, issues


def _file_problem(path: Path, real_root: Path) -> str | None:
    if path.is_symlink():
        if not path.exists():
            return "broken symbolic link"
        if not _inside(path, real_root):
            return "symbolic link pointing outside the corpus folder; not followed"
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return (f"not an article file ({suffix or 'no extension'}); kargraph reads "
                + ", ".join(ARTICLE_SUFFIXES))
    if not path.is_file():
        return "not a regular file"
    return None


def _inside(path: Path, real_root: Path) -> bool:
    return path.resolve().is_relative_to(real_root)


def _rel(path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


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
        except _FileProblem as err:
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
        encoding=record.encoding, issues=notes, language=fields.get("language"), detect_language=False,
    )


# ---------------------------------------------------------------------------- readers
def _read_txt(path: Path, rel: str) -> Iterator[_Record | LoadIssue]:
    text, encoding, notes = _decode(path.read_bytes())
    yield _Record(path.stem, text, rel, rel, "txt", encoding, {}, tuple(notes))


def _read_html(path: Path, rel: str) -> Iterator[_Record | LoadIssue]:
    import trafilatura  # imported here: it is slow to import and only pages need it

    html, encoding, notes = _decode(path.read_bytes())
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
    yield _Record(path.stem, text, rel, rel, "html", encoding, meta, tuple(notes + problems))


def _read_jsonl(path: Path, rel: str) -> Iterator[_Record | LoadIssue]:
    with open(path, "rb") as f:
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
                          f"{path.stem}-{lineno}")
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


# --------------------------------------------------------------------------- decoding
def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """Text of a file's bytes, the encoding used, and warnings about the decoding.

    UTF-8 is decoded as it is (a byte order mark stays as U+FEFF so that offsets match a
    plain UTF-8 read); UTF-16/32 need a byte order mark; anything else goes to
    charset-normalizer. An incomplete UTF-8 character at the very end (a truncated
    download) becomes U+FFFD with a warning.

    Raises:
        _FileProblem: empty, whitespace only, binary, or no encoding fits.
    """
    if not data:
        raise _FileProblem("empty file (0 bytes)")
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise _FileProblem(f"starts with a {codec.upper()} byte order mark but is not valid "
                                   f"{codec.upper()} ({err.reason})") from None
            return _checked_text(text), codec, [f"decoded as {codec.upper()} (byte order mark); offsets "
                                                "count characters of the decoded text"]
    _refuse_binary(data[:_SNIFF_BYTES])
    try:
        return _checked_text(data.decode("utf-8")), "utf-8", []
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # only the last character is cut short
            text = data[:err.start].decode("utf-8") + "\ufffd"
            return _checked_text(text), "utf-8", [
                f"ends with an incomplete UTF-8 character ({len(data) - err.start} byte(s)); the file looks "
                "truncated; the incomplete character is shown as U+FFFD"]
        damaged = _damaged_utf8(data)
        if damaged is not None:
            text, n_bad = damaged
            return _checked_text(text), "utf-8", [
                f"{n_bad} invalid UTF-8 byte sequence(s) in otherwise UTF-8 text (a damaged or spliced file?); "
                "shown as U+FFFD"]
    text, encoding = _detect(data)
    return _checked_text(text), encoding, [f"not UTF-8; decoded as {encoding} (detected by charset-normalizer)"]


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few bad bytes: the text (U+FFFD for each bad sequence) and their
    number; None when the bytes look like another encoding.

    Text in cp1251 or latin-1 almost never forms valid multi-byte UTF-8 sequences, so ten
    valid ones for each invalid one mean UTF-8 with damage, which charset-normalizer would
    turn into mojibake throughout.
    """
    text = data.decode("utf-8", errors="replace")
    n_bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    n_multibyte = sum(1 for c in text if c > "\x7f") - text.count("\ufffd")
    return (text, n_bad) if n_multibyte >= 10 * n_bad else None


def _detect(data: bytes) -> tuple[str, str]:
    import charset_normalizer  # imported here: only non-UTF-8 files need it

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise _FileProblem("not UTF-8, and no text encoding fits its bytes")
    # equally plausible decodings: prefer the encoding most used for news text
    tied = {enc for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)
            for enc in m.could_be_from_charset}
    for encoding in PREFERRED_ENCODINGS:
        if encoding in tied and encoding != best.encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
        if encoding == best.encoding:
            break
    return str(best), best.encoding


def _refuse_binary(head: bytes) -> None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise _FileProblem(f"binary file ({kind}), not text")
    if b"\x00" in head:
        raise _FileProblem("binary file (contains NUL bytes), not text; UTF-16 text needs a byte order mark")


def _checked_text(text: str) -> str:
    if _is_blank(text):
        raise _FileProblem("contains only whitespace")
    return text


def _is_blank(text: str) -> bool:
    return not text.replace("\ufeff", "").strip()


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

    try:
        text, _, notes = _decode(path.read_bytes())
    except (_FileProblem, OSError) as err:
        warn(f"cannot be read ({err}); no metadata joined", "error", "skipped")
        return None, issues
    for note in notes:
        warn(note)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if "doc_id" not in header:
        warn(f"has no doc_id column (found: {', '.join(header) or 'nothing'}); no metadata joined", "error", "skipped")
        return None, issues
    reader.fieldnames = header
    missing = [c for c in METADATA_COLUMNS if c not in header and c != "language"]  # language is optional
    extra = [c for c in header if c not in METADATA_COLUMNS]
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
            fields = {c: ((row.get(c) or "").strip() or None) for c in METADATA_COLUMNS[1:]}
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
