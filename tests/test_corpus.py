"""Corpus loading: formats, encodings, metadata join, bad inputs, and the bundled corpus."""
from __future__ import annotations

import datetime as dt
import json
import re
import types
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from kargraph import schema
from kargraph.plots import plot_documents_timeline, plot_paragraph_kinds
from kargraph.corpus import (
    CorpusWarning,
    boilerplate_table,
    document_from_text,
    documents_table,
    issues_table,
    iter_documents,
    load_corpus,
    paragraphs_table,
    sentences_table,
)
from kargraph.document import Corpus, Document

ARTICLE = "Clashes kill dozens in Karabakh\n\nFighting went on through the night, officials said. Ten people died.\n"
HEADER = "doc_id,outlet,url,published,published_basis,outlet_note\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Clashes kill dozens in Karabakh | Example News</title>
<meta property="og:title" content="Clashes kill dozens in Karabakh">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://example.org/world/clashes">
<meta property="article:published_time" content="2020-10-05T08:00:00Z">
<script>document.write("injected script text")</script>
<style>p { color: red } .hidden-style-text {}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World navigation link</a></li></ul></nav>
<article>
<h1>Clashes kill dozens in Karabakh</h1>
<p>Fighting went on through the night in the disputed region, officials said on Monday. At least 30 people
were killed &amp; 40 wounded, the ministry said.</p>
<p onclick="stealCookies()">The ministry said the figures were preliminary and gave no details about where
the victims died or who they were.
<p>Residents of Stepanakert spent the night in basements as shelling continued, according to witnesses.</p>
<iframe src="https://ads.example.com/frame">iframe fallback text</iframe>
<table><tr><td><table><tr><td>Nested cell</td></tr></table></td></tr></table>
</article>
<footer><p>Copyright 2020 Example News. All rights reserved.</p></footer>
</body></html>
"""


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (name -> text or bytes) into ``folder``; text is written as UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def load(folder: Path, **kwargs) -> tuple[Corpus, list[str]]:
    """The corpus and the CorpusWarning messages emitted while loading it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, **kwargs)
    return corpus, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------- the bundled corpus
def test_bundled_corpus_has_five_documents_with_outlets_and_dates(corpus):
    assert len(corpus) == 5
    assert corpus.ids == sorted(corpus.ids)
    assert all(d.outlet and isinstance(d.published, dt.date) for d in corpus)
    assert corpus.issues == []


@pytest.mark.parametrize("snippet, kind", [
    ("/AP", "caption"),
    ("(Photo by Reuters)", "caption"),
    ("In this image taken from video", "caption"),
    ("SHARE THIS ARTICLE", "furniture"),
    (r"^News\W+More$", "furniture"),
    ("website can also be accessed at", "furniture"),
    ("via Google news", "furniture"),
    ("What did Putin say?", "subheading"),
])
def test_bundled_furniture_lines_are_marked_with_reasons(corpus, snippet, kind):
    lines = [p for d in corpus for p in d.paragraphs if snippet in p.text or re.search(snippet, p.text)]
    assert lines
    assert all(p.kind == kind and p.reason for p in lines)


def test_bundled_headlines_are_detected(corpus):
    assert {d.headline for d in corpus if d.headline} == {
        "Putin, Erdoğan talk Nagorno-Karabakh as Armenia reports significant losses",
        "Putin calls Yerevan and Baku to calm down",
        "Russia backs ‘peaceful solution’ for Nagorno-Karabakh conflict after Armenia hails war",
    }


def test_bundled_spans_give_back_every_paragraph_and_sentence(corpus, corpus_dir):
    n_sentences = 0
    for doc in corpus:
        with open(corpus_dir / doc.file, encoding="utf-8", newline="") as f:
            assert doc.raw == f.read()
        for span in (*doc.paragraphs, *doc.sentences):
            assert doc.raw[span.start:span.end] == span.text
        n_sentences += len(doc.sentences)
    assert n_sentences > 100


@pytest.mark.parametrize("make_table, name", [
    (documents_table, "documents"),
    (paragraphs_table, "paragraphs"),
    (sentences_table, "sentences"),
    (boilerplate_table, "paragraphs"),
    (issues_table, "load_issues"),
])
def test_corpus_tables_follow_the_schema(corpus, make_table, name):
    table = make_table(corpus)
    assert schema.validate(table, name) == []
    assert list(table.columns) == schema.columns(name)
    assert table.attrs["params"]["corpus_fingerprint"] == corpus.fingerprint


# ----------------------------------------------------------------------------- formats
@pytest.mark.parametrize("content", [
    "Headline here\r\n\r\nFirst line. Second sentence.\r\n",
    "Headline here\rFirst line.\rSecond line.\r",
    "Mixed\r\nendings\nin one\rfile.\n",
    "\ufeffHeadline with a byte order mark\nBody text. More text.\n",
    "No newline at the end. At all.",
])
def test_txt_raw_is_the_file_exactly_as_a_utf8_read_gives_it(tmp_path, content):
    write(tmp_path, {"a.txt": content})
    corpus, _ = load(tmp_path)
    with open(tmp_path / "a.txt", encoding="utf-8", newline="") as f:
        assert corpus["a"].raw == f.read() == content
    for span in (*corpus["a"].paragraphs, *corpus["a"].sentences):
        assert corpus["a"].raw[span.start:span.end] == span.text


def test_timeline_shows_dated_documents_and_counts_the_others():
    corpus = Corpus([document_from_text(ARTICLE, doc_id="a", outlet="A", published="2020-10-05"),
                     document_from_text(ARTICLE, doc_id="b", outlet="B", published="2020-10-07"),
                     document_from_text(ARTICLE, doc_id="c", outlet="A"),
                     document_from_text(ARTICLE, doc_id="d", published="2020-10-07")])
    ax = plot_documents_timeline(documents_table(corpus))
    assert len(ax.collections[0].get_offsets()) == 2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    assert "2 without outlet or date" in ax.get_title()
    plt.close(ax.figure)


def test_paragraph_kinds_bars_add_up_to_each_documents_paragraph_characters():
    raw = "Clashes kill dozens\nTen died, officials said.\nA damaged house in Ganja. /AP\nSHARE THIS ARTICLE\n"
    corpus = Corpus([document_from_text(raw, doc_id="a"), document_from_text(ARTICLE, doc_id="b")])
    ax = plot_paragraph_kinds(paragraphs_table(corpus))
    widths = {}
    for bar in ax.patches:
        widths.setdefault(round(bar.get_y(), 3), []).append(bar.get_width())
    totals = sorted(sum(w) for w in widths.values())
    assert totals == sorted(sum(p.end - p.start for p in d.paragraphs) for d in corpus)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["headline", "body", "caption", "furniture"]
    plt.close(ax.figure)


def test_html_main_text_is_extracted_with_title_as_headline_and_page_metadata(tmp_path):
    write(tmp_path, {"page.html": PAGE})
    doc = load(tmp_path)[0]["page"]
    assert doc.headline == "Clashes kill dozens in Karabakh"
    assert "30 people\nwere killed & 40 wounded" in doc.raw or "30 people were killed & 40 wounded" in doc.raw
    for dropped in ("injected script text", "color: red", "World navigation link", "stealCookies",
                    "iframe fallback text", "<"):
        assert dropped not in doc.raw
    assert (doc.outlet, doc.url, doc.published) == ("Example News", "https://example.org/world/clashes",
                                                    dt.date(2020, 10, 5))
    assert doc.format == "html"


def test_sources_csv_wins_over_page_metadata_and_the_page_fills_what_it_lacks(tmp_path):
    write(tmp_path, {"page.htm": PAGE, "sources.csv": HEADER + "page,Wire Outlet,,2020-10-06,,\n"})
    doc = load(tmp_path)[0]["page"]
    assert (doc.outlet, doc.url, doc.published, doc.published_basis) == (
        "Wire Outlet", "https://example.org/world/clashes", dt.date(2020, 10, 6), "from sources.csv")


@pytest.mark.parametrize("html", [
    "<html><body><p>Unclosed <b>bold <i>italic</p><div>Fighting went on, officials said. Ten people died."
    "</body>",
    "<p>Ten &lt;civilians&gt; died &mdash; officials said &amp; the ministry agreed.</p>",
    "<html><body><table><tr><td><table><tr><td>Ten people died in the shelling, officials said."
    "</td></tr></table></td></tr></table></body></html>",
])
def test_malformed_or_odd_html_still_gives_text(tmp_path, html):
    write(tmp_path, {"a.html": html})
    doc = load(tmp_path)[0]["a"]
    assert "died" in doc.raw
    assert "<" not in doc.raw.replace("<civilians>", "")


def test_jsonl_records_load_with_their_fields_and_bad_lines_are_reported(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": "Ten people died, officials said.", "title": "Ten die in shelling",
                    "outlet": "Wire", "url": "https://example.org/r1", "date": "2020-10-05"}),
        "{not json",
        json.dumps({"doc_id": "r3", "text": "Twenty people died.", "published": "2020-10-06T09:30:00Z"}),
        json.dumps(["a list"]),
        json.dumps({"id": "r5", "title": "No text here"}),
        "",
        json.dumps({"text": "A record without an id. It still loads."}),
    ]
    write(tmp_path, {"feed.jsonl": "\n".join(lines) + "\n"})
    corpus, messages = load(tmp_path)
    assert corpus.ids == ["feed-7", "r1", "r3"]
    r1 = corpus["r1"]
    assert r1.raw == "Ten die in shelling\n\nTen people died, officials said."
    assert r1.headline == "Ten die in shelling"
    assert (r1.outlet, r1.url, r1.published) == ("Wire", "https://example.org/r1", dt.date(2020, 10, 5))
    assert corpus["r3"].published == dt.date(2020, 10, 6)
    skipped = [str(i) for i in corpus.issues if i.action == "skipped"]
    assert len(skipped) == 3
    for lineno in (2, 4, 5):
        assert any(m.startswith("feed.jsonl: line %d " % lineno) for m in skipped)
        assert any(m.startswith("feed.jsonl: line %d " % lineno) for m in messages)


# --------------------------------------------------------------------------- encodings
RUSSIAN = "Путин заявил, что в конфликте погибли почти пять тысяч человек.\r\nСтороны обвиняют друг друга.\n"
FRENCH = ("Le cessez-le-feu a été rompu à Stepanakert, selon les autorités. "
          "Les combats ont fait des dizaines de morts.\n")


@pytest.mark.parametrize("data, text, encoding", [
    (RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251"),
    (FRENCH.encode("latin-1"), FRENCH, "cp1252"),
    ("\ufeff" .encode("utf-16-le") + FRENCH.encode("utf-16-le"), FRENCH, "utf-16"),
    ("\ufeff" .encode("utf-16-be") + RUSSIAN.encode("utf-16-be"), RUSSIAN, "utf-16"),
])
def test_other_encodings_are_decoded_with_a_warning_naming_the_encoding(tmp_path, data, text, encoding):
    write(tmp_path, {"a.txt": data})
    corpus, messages = load(tmp_path)
    assert corpus["a"].raw == text
    assert corpus["a"].encoding == encoding
    assert any(m.startswith("a.txt: ") and encoding.upper() in m.upper() for m in messages)


def test_truncated_utf8_tail_is_marked_and_reported_not_mangled(tmp_path):
    text = "Ten people died in Ganja, officials said. Ганджа"
    write(tmp_path, {"a.txt": text.encode("utf-8")[:-1]})
    corpus, messages = load(tmp_path)
    assert corpus["a"].raw == text[:-1] + "\ufffd"
    assert any(m.startswith("a.txt: ") and "truncated" in m for m in messages)


# -------------------------------------------------------------------------- bad files
@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\r\n  ", "only whitespace"),
    ("image.txt", PNG, "PNG image"),
    ("nul.txt", b"abc\x00def\x00", "NUL bytes"),
    ("doc.txt", b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    ("empty.html", b"", "empty file"),
    ("image.html", PNG, "PNG image"),
    ("nothing.html", b"<html><head><script>var a = 1;</script></head><body></body></html>", "no article text"),
    ("empty.jsonl", b"", "empty file"),
    ("image.jsonl", PNG, "PNG image"),
])
def test_a_bad_file_is_skipped_with_its_name_and_the_others_load(tmp_path, name, content, problem):
    write(tmp_path, {"good.txt": ARTICLE, name: content})
    corpus, messages = load(tmp_path)
    assert corpus.ids == ["good"]
    (issue,) = [i for i in corpus.issues if i.file == name]
    assert problem in issue.problem and issue.action == "skipped"
    assert any(m.startswith(f"{name}: ") and problem in m for m in messages)


def test_duplicate_document_ids_keep_the_first_file_and_report_the_second(tmp_path):
    write(tmp_path, {"a.txt": ARTICLE, "a.html": PAGE, "sub/a.txt": "Another text. With words."})
    corpus, messages = load(tmp_path)
    assert corpus.ids == ["a"] and corpus["a"].format == "html"
    dupes = sorted(i.file for i in corpus.issues if "duplicate document id" in i.problem)
    assert dupes == ["a.txt", "sub/a.txt"]
    assert all(i.action == "skipped" for i in corpus.issues if "duplicate" in i.problem)


def test_symlinks_outside_the_corpus_are_not_followed(tmp_path):
    outside = write(tmp_path / "outside", {"secret.txt": "Outside text. Not part of the corpus."})
    corpus_dir = write(tmp_path / "corpus", {"a.txt": ARTICLE, "inner/b.txt": "Inside text. Linked."})
    (corpus_dir / "leak.txt").symlink_to(outside / "secret.txt")
    (corpus_dir / "leakdir").symlink_to(outside, target_is_directory=True)
    (corpus_dir / "alias.txt").symlink_to(corpus_dir / "inner" / "b.txt")
    (corpus_dir / "broken.txt").symlink_to(tmp_path / "missing.txt")
    corpus, _ = load(corpus_dir)
    assert corpus.ids == ["a", "b"]  # the link to inner/b.txt is the same article, read once
    problems = {i.file: i.problem for i in corpus.issues}
    assert problems["alias.txt"].startswith("the same file as inner/b.txt")
    assert "outside the corpus" in problems["leak.txt"]
    assert "outside the corpus" in problems["leakdir"]
    assert "broken" in problems["broken.txt"]


def test_hidden_files_metadata_and_other_files_are_not_documents(tmp_path):
    write(tmp_path, {"a.txt": ARTICLE, ".hidden.txt": ARTICLE, ".git/b.txt": ARTICLE, "notes.md": "# notes",
                     "sources.csv": HEADER + "a,Outlet,,2020-10-05,,\n"})
    corpus, _ = load(tmp_path)
    assert corpus.ids == ["a"]
    assert [(i.file, i.action) for i in corpus.issues] == [("notes.md", "skipped")]


@pytest.mark.parametrize("name", ["with space.txt", "ünïcödé_Ганджа.txt", "-leading-dash.txt", "--.txt",
                                  "UPPER.TXT"])
def test_unusual_file_names_load_with_the_stem_as_id(tmp_path, name):
    write(tmp_path, {name: ARTICLE})
    corpus, _ = load(tmp_path)
    assert corpus.ids == [Path(name).stem]


def test_long_line_without_newline_loads(tmp_path):
    write(tmp_path, {"long.txt": "word " * 200_000 + "end. Ten died."})
    doc = load(tmp_path)[0]["long"]
    assert len(doc.raw) > 1_000_000 and doc.sentences[-1].text == "Ten died."


# ------------------------------------------------------------------------- the folder
def test_missing_folder_raises_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such_corpus"):
        load_corpus(tmp_path / "no_such_corpus")


def test_a_file_instead_of_a_folder_raises_naming_it(tmp_path):
    write(tmp_path, {"a.txt": ARTICLE})
    with pytest.raises(NotADirectoryError, match="a.txt"):
        load_corpus(tmp_path / "a.txt")


@pytest.mark.parametrize("files, message", [
    ({}, "no article files"),
    ({"sources.csv": HEADER, ".hidden.txt": ARTICLE, "notes.md": "x"}, "no article files"),
    ({"empty.txt": b"", "image.txt": PNG}, "no document could be loaded.*empty.txt"),
])
def test_a_folder_without_loadable_articles_raises_naming_it(tmp_path, files, message):
    folder = write(tmp_path / "my_corpus", files)
    with pytest.raises(ValueError, match=f"my_corpus.*{message}"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            load_corpus(folder)


def test_a_named_metadata_file_that_is_missing_raises(tmp_path):
    write(tmp_path, {"a.txt": ARTICLE})
    with pytest.raises(FileNotFoundError, match="meta.csv"):
        load_corpus(tmp_path, metadata="meta.csv")


def test_nothing_under_the_corpus_folder_is_written(tmp_path):
    folder = write(tmp_path / "c", {"a.txt": ARTICLE, "b.html": PAGE, "c.jsonl": json.dumps({"text": "Ten died."}),
                                    "d.txt": RUSSIAN.encode("cp1251"), "e.txt": b"",
                                    "sources.csv": HEADER + "a,Outlet,,2020-10-05,,\nzz,Other,,bad,,\n"})
    before = snapshot(folder)
    names_before = sorted(p.name for p in folder.rglob("*"))
    load(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        list(load_corpus(folder, stream=True))
    assert snapshot(folder) == before
    assert sorted(p.name for p in folder.rglob("*")) == names_before


# ---------------------------------------------------------------------- sources.csv
@pytest.mark.parametrize("csv_text, expected", [
    (HEADER + "a,Outlet A,https://a.example,2020-10-05,in the address,note\n", None),
    ("doc_id,outlet\na,Outlet A\n", "missing column(s) url, published, published_basis, outlet_note"),
    (HEADER.strip() + ",lang\na,Outlet A,,2020-10-05,,,en\n", "unknown column(s) lang ignored"),
    (HEADER + "a,Outlet A,,2020-10-05,,\na,Outlet B,,2020-10-06,,\n", "line 3: duplicate doc_id 'a' (first on line 2)"),
    (HEADER + "a,Outlet A,,2020-10-05,,\nzz,Outlet Z,,2020-10-05,,\n", "line 3: doc_id 'zz' matches no document"),
    (HEADER + "a,Outlet A,,2020-10-05,,\na.txt,Outlet Z,,,,\n", "ids are file names without extension"),
    (HEADER + "a,Outlet A,,23/10/2020,,\n", "line 2 (a): published '23/10/2020' is not a date"),
    (HEADER + "a,Outlet A,,2999-01-01,,\n", "line 2 (a): published '2999-01-01' is in the future"),
    ("outlet,url\nOutlet A,\n", "has no doc_id column"),
    (HEADER + "b,Outlet B,,2020-10-05,,\n", "a.txt: no row for 'a' in sources.csv"),
    (HEADER + "a,Outlet A,,2020-10-05,,,surplus\n", "line 2: more fields than columns"),
    (HEADER + ",Outlet A,,2020-10-05,,\n", "line 2: no doc_id; row ignored"),
])
def test_sources_csv_problems_are_reported_with_file_and_line(tmp_path, csv_text, expected):
    write(tmp_path, {"a.txt": ARTICLE, "sources.csv": csv_text})
    corpus, messages = load(tmp_path)
    assert corpus.ids == ["a"]
    if expected is None:
        assert messages == [] and corpus["a"].outlet == "Outlet A"
    else:
        assert any(expected in m for m in messages), messages
        assert any(m.startswith(("sources.csv: ", "a.txt: ")) and expected in m for m in messages)


def test_metadata_is_joined_and_bad_dates_left_empty(tmp_path):
    write(tmp_path, {"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": ARTICLE,
                     "sources.csv": "\ufeff" + HEADER + "a, Outlet A ,https://a.example,2020-10-05,in the address,"
                                    "\"state broadcaster, English\"\nb,Outlet B,,yesterday,,\n"})
    corpus, _ = load(tmp_path)
    a = corpus["a"]
    assert (a.outlet, a.url, a.published, a.published_basis, a.outlet_note) == (
        "Outlet A", "https://a.example", dt.date(2020, 10, 5), "in the address", "state broadcaster, English")
    assert corpus["b"].outlet == "Outlet B" and corpus["b"].published is None
    assert corpus["c"].outlet is None
    assert [i.problem for i in corpus["c"].issues] == ["no row for 'c' in sources.csv; outlet and date unknown"]


def test_without_sources_csv_one_warning_names_it(tmp_path):
    write(tmp_path, {"a.txt": ARTICLE, "b.txt": ARTICLE})
    corpus, messages = load(tmp_path)
    assert messages == ["sources.csv: not found; outlets and dates come only from the files themselves (loaded)"]
    assert load(tmp_path, metadata=None)[1] == []


# ----------------------------------------------------------------- order and streaming
def test_loading_is_deterministic_whatever_the_order_files_were_made(tmp_path):
    files = {f"doc{i:02d}.txt": f"Headline number {i}\n\nText {i} here. Ten died." for i in range(12)}
    files["sources.csv"] = HEADER + "".join(f"doc{i:02d},Outlet {i % 3},,2020-10-{i + 1:02d},,\n" for i in range(12))
    first = write(tmp_path / "one", files)
    second = write(tmp_path / "two", dict(reversed(list(files.items()))))
    a, b, c = load(first)[0], load(second)[0], load(first)[0]
    assert a.fingerprint == b.fingerprint == c.fingerprint
    assert documents_table(a).drop(columns="file").equals(documents_table(b).drop(columns="file"))
    assert sentences_table(a).equals(sentences_table(c))


def test_stream_yields_the_same_documents_one_at_a_time(tmp_path):
    write(tmp_path, {"b.txt": ARTICLE, "a.txt": ARTICLE, "c.jsonl": json.dumps({"id": "r", "text": "Ten died."}),
                     "e.txt": b"", "sources.csv": HEADER + "a,Outlet A,,2020-10-05,,\n"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        stream = load_corpus(tmp_path, stream=True)
        assert isinstance(stream, types.GeneratorType)
        docs = list(stream)
        issues = []
        again = list(iter_documents(tmp_path, issues=issues))
    assert all(isinstance(d, Document) for d in docs)
    assert sorted(d.doc_id for d in docs) == ["a", "b", "r"]
    assert [d.doc_id for d in docs] == [d.doc_id for d in again]
    assert [i.file for i in issues] == ["b.txt", "c.jsonl", "e.txt"]  # file order: no row, no row, empty


def test_stream_checks_the_folder_at_once(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "missing", stream=True)


def test_many_tiny_files_load(tmp_path):
    folder = write(tmp_path / "many", {f"{i:05d}.txt": f"Item {i}. Ten died." for i in range(10_000)})
    corpus, _ = load(folder, metadata=None)
    assert len(corpus) == 10_000 and corpus.ids[0] == "00000" and corpus.ids[-1] == "09999"


# ------------------------------------------------------------------ document_from_text
@pytest.mark.parametrize("published, expected", [
    (None, None),
    ("2020-10-23", dt.date(2020, 10, 23)),
    ("2020-10-23T18:30:00+04:00", dt.date(2020, 10, 23)),
    (dt.date(2020, 10, 23), dt.date(2020, 10, 23)),
    (dt.datetime(2020, 10, 23, 18, 30), dt.date(2020, 10, 23)),
])
def test_document_from_text_takes_dates_in_several_forms(published, expected):
    doc = document_from_text(ARTICLE, doc_id="x", outlet="O", published=published)
    assert doc.published == expected
    assert doc.raw == ARTICLE and doc.headline == "Clashes kill dozens in Karabakh"
    assert [s.text for s in doc.sentences][1:] == ["Fighting went on through the night, officials said.",
                                                   "Ten people died."]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"doc_id": "x", "published": "Oct 23"}, ValueError, "'x'.*not a date"),
    ({"doc_id": ""}, ValueError, "doc_id"),
])
def test_document_from_text_rejects_bad_arguments_clearly(kwargs, error, message):
    with pytest.raises(error, match=message):
        document_from_text(ARTICLE, **kwargs)


def test_document_from_text_rejects_bytes():
    with pytest.raises(TypeError, match="'x'.*str"):
        document_from_text(ARTICLE.encode(), doc_id="x")


def test_corpus_warning_is_a_user_warning():
    assert issubclass(CorpusWarning, UserWarning)
