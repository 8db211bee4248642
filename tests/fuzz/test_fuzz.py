"""A seeded fuzz run: 10,000 hostile texts and 1,200 hostile files, every stage checked.

Texts are news sentences about casualties, mutated and mixed with noise: numbers in every
writing (grouped, other digit scripts, words, scales, ranges, absurdly long, negative),
invisible and right-to-left characters, control characters, markup, formulas, broken
quotes. Every text is segmented and searched for numbers and hedges; one in four is run
through claim extraction. Files are random bytes, text in many encodings (some truncated),
hostile pages, broken JSON lines and broken metadata, loaded folder by folder. A second
run names files with undecodable bytes and control characters, splices encodings into
UTF-8 text, makes ``sources.csv`` a FIFO, a device, a folder or a link out of the corpus,
and misuses the command line (missing, special and unwritable paths, broken configs and
profiles, bad options): each folder loads, each misuse gets one line and a non-zero exit.

What must hold for every input: nothing raises (a document never fails extraction), every
span gives back its text, ``low <= value <= high`` where the hedge bounds it, every file is
a document or named in an issue, the corpus folder is not modified, and the exported CSV
starts no cell with a formula.

The run is bounded: the inputs are generated from a fixed seed with bounded sizes, so its
time is what the summary line prints (about a minute on one core). Environment variables
widen it locally: ``KARGRAPH_FUZZ_SEED``, ``KARGRAPH_FUZZ_INPUTS`` (texts; default 10,000),
``KARGRAPH_FUZZ_FILES`` (default 1,200), ``KARGRAPH_FUZZ_BUDGET`` (seconds the run may take;
default 600, after which it fails rather than slow CI down unnoticed).
"""
from __future__ import annotations

import csv
import io
import json
import os
import random
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

from kargraph import cli, schema
from kargraph._files import shown
from kargraph._io import write_table
from kargraph.claims import ClaimExtractor, claims_frame
from kargraph.corpus import CorpusWarning, document_from_text, documents_table, issues_table, load_corpus
from kargraph.normalize import VAGUE, find_hedge, find_numbers, hedge_interval, parse_number
from kargraph.profile import load_profile

SEED = int(os.environ.get("KARGRAPH_FUZZ_SEED", "20201027"))
N_TEXTS = int(os.environ.get("KARGRAPH_FUZZ_INPUTS", "10000"))
N_FILES = int(os.environ.get("KARGRAPH_FUZZ_FILES", "1200"))
BUDGET = float(os.environ.get("KARGRAPH_FUZZ_BUDGET", "600"))
EXTRACT_EVERY = 4  # one text in four runs through claim extraction: a spaCy parse costs ~10 ms a sentence
FILES_PER_FOLDER = 60
MAX_FAILURES_SHOWN = 5

# ------------------------------------------------------------------------ text pieces
HEDGES = ["", "", "about ", "nearly ", "more than ", "at least ", "up to ", "fewer than ", "some ", "over ",
          "an estimated ", "almost ", "between ", "as many as ", "no fewer than ", "roughly "]
VICTIMS = ["people", "civilians", "soldiers", "Armenian soldiers", "Azerbaijani servicemen", "residents",
           "children", "troops", "of its servicemen", "more", "fighters", "women and children"]
OUTCOMES = ["were killed", "died", "were wounded", "were injured", "went missing", "were displaced",
            "lost their lives", "have been killed", "killed", "dead", "were killed and 40 wounded",
            "fled their homes", "have died since September 27"]
SOURCES = ["Officials said", "The ministry said", "Pashinyan said", "Aliyev told reporters",
           "Azerbaijan's defence ministry said", "According to Yerevan,", "Witnesses said",
           "The Karabakh ombudsman reported", "Putin said", "Sources claimed"]
NOISE = ["\n", "\n\n", "\r\n", "\r", "\u2028", "\t", " ", "  ", "...", "\u2026", "\"", "\u201c", "\u201d", "'",
         "(", ")", "[", "]", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "javascript:alert(3)",
         "=HYPERLINK(\"http://x\")", "+1", "-", "@", "SHARE THIS ARTICLE", "Photo: AP", "/AP", "Read more:",
         "https://example.org/a?b=1&c=2", "on Sept. 27", "in 1994", "at 10:30 GMT", "45%", "$3 million",
         "F-16", "No. 5", "the 1990s", "2016's", "737s", "\u0661\u0662\u0660", "\u06f4\u06f5",
         "\u0642\u062a\u0644 \u0665\u0660 \u0645\u062f\u0646\u064a\u0627", "\u05e0\u05d4\u05e8\u05d2\u05d5 30",
         "\u2067\u0661\u0662\u2069", "\u202e", "\u200f", "\u200b", "\u00ad", "\ufeff", "\x00", "\x1b[31m", "\x7f",
         "\ufffd", "\U0001f600", "e\u0301", "dozens", "hundreds of thousands", "several hundred",
         "1,000,000,000,000 killed", "\u22121,000", "-5 soldiers were killed", "thirty-two", "a dozen",
         "one of them", "two thou\u00adsand", "1\u200b200", "1,\u200b200", "1\u200f20", "Ilham Al\u200biyev said"]
INVISIBLES = "\u200b\u200c\u200d\u2060\u00ad\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2069\ufeff"
DIGIT_ZEROS = [0x30, 0x660, 0x6F0, 0x966, 0xFF10, 0x9E6]
RANGE_JOINS = ["-", " to ", " and ", "\u2013"]
SEPARATORS = [",", " ", "\u00a0", "\u202f", "\u2009", "'", "\u066c", ".", ""]
WORDS = ("zero one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
         "fifty ninety hundred thousand million billion trillion dozen and a").split()


def number(rng: random.Random) -> str:
    kind = rng.randrange(9)
    n = int(10 ** rng.uniform(0, 13))
    if kind <= 2:
        text = f"{n:,}".replace(",", rng.choice(SEPARATORS)) if rng.random() < 0.6 else str(n)
        zero = rng.choice(DIGIT_ZEROS) if rng.random() < 0.3 else 0x30
        text = "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)
    elif kind == 3:
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    elif kind == 4:
        text = f"{rng.randint(0, 999)}.{rng.randint(0, 99)}{rng.choice([' million', ' billion', 'k', 'm', 'bn', ''])}"
    elif kind == 5:
        text = f"{n}{rng.choice(RANGE_JOINS)}{n + rng.randint(-5, 10**4)}"
    elif kind == 6:
        text = rng.choice(sorted(VAGUE))
    elif kind == 7:
        text = rng.choice(["-", "\u2212", "+", "~", ""]) + "9" * rng.randint(1, 400)
    else:
        text = str(rng.choice([0, 1, 2, 12, 1994, 2020, 27, 100_000_000, 100_000_001]))
    if rng.random() < 0.15:
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(INVISIBLES) + text[at:]
    return text


def sentence(rng: random.Random) -> str:
    figure = rng.choice(HEDGES) + number(rng)
    forms = ["{s} {n} {v} {o}.", "{N} {v} {o}, {s}", "\u201c{N} {v} {o},\u201d {s}", "{s} the toll rose to {n}.",
             "{s} {n} more {v} {o}.", "{N} {v} {o} and {m} {v2} {o}.", "{s} {n}"]
    return rng.choice(forms).format(s=rng.choice(SOURCES), n=figure, N=figure[:1].upper() + figure[1:],
                                    v=rng.choice(VICTIMS), v2=rng.choice(VICTIMS), o=rng.choice(OUTCOMES),
                                    m=number(rng))


def mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 4)):
        if not chars:
            break
        at = rng.randrange(len(chars))
        action = rng.randrange(4)
        if action == 0:
            del chars[at]
        elif action == 1:
            chars.insert(at, rng.choice(INVISIBLES))
        elif action == 2:
            chars.insert(at, chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0xd7ff),
                                             rng.randint(0xe000, 0xfffd), rng.randint(0x10000, 0x10ffff),
                                             rng.randint(0, 0x1f)])))
        else:
            chars[at:at] = chars[at:at + rng.randint(1, 20)]
    return "".join(chars)


def hostile_text(rng: random.Random) -> str:
    parts = [rng.choice(["Clashes go on", "Toll rises: ministry", "", "BREAKING"]), "\n\n"]
    for _ in range(rng.randint(1, 6)):
        piece = sentence(rng) if rng.random() < 0.7 else rng.choice(NOISE)
        parts += [mutate(piece, rng) if rng.random() < 0.4 else piece, rng.choice([" ", " ", "\n", "\n\n", ""])]
    text = "".join(parts)
    return text if text.strip() else "Officials said 3 people died."


# ------------------------------------------------------------------------ hostile files
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "latin-1", "koi8-r", "shift_jis", "cp1252"]
EXTENSIONS = [".txt", ".txt", ".html", ".htm", ".jsonl", ".TXT", ".md", "", ".csv.txt"]
NAME_PIECES = ["a", "-", "--", " ", "ü", "Гянджа", "\u200b", "\u202e", "#", "%", "'", "(1)", "..", "x" * 40]


def file_name(rng: random.Random, i: int) -> str:
    stem = "".join(rng.choice(NAME_PIECES) for _ in range(rng.randint(1, 4))).strip(".") or "f"
    return f"{stem}-{i}{rng.choice(EXTENSIONS)}"


def hostile_bytes(rng: random.Random, suffix: str) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:
        return rng.randbytes(rng.randint(0, 3000))
    if kind == 1:
        return rng.choice([b"", b"   \n\t", b"\x89PNG\r\n\x1a\n" + rng.randbytes(50), b"%PDF-1.4\n", b"\x00" * 10])
    text = hostile_text(rng)
    if kind == 2 or suffix.lower() in (".html", ".htm"):
        fragments = ["<script>var PAYLOAD=1</script>", "<style>p{}</style>", "<iframe src=x>", "<p onclick=x>",
                     "<table><tr><td><table><tr><td>", f"&#x{rng.randint(0, 0x11ffff):x};", "&bogus;", "<!--",
                     "</p></div>", "<![CDATA[", "<svg onload=x>", "&#0;", "&#x1b;", "&nbsp;", "&amp;"]
        body = "".join(f"<p>{t}</p>{rng.choice(fragments)}" for t in text.split("\n") if t)
        text = f"<html><head><title>{text[:40]}</title></head><body><article>{body}</article></body></html>"
    elif kind == 3 or suffix.lower() == ".jsonl":
        lines = []
        for j in range(rng.randint(1, 5)):
            record = rng.choice([
                {"id": f"r{j}", "text": text, "outlet": rng.choice(["Wire", "=cmd", None, 5]),
                 "published": rng.choice(["2020-10-05", "yesterday", "2999-01-01", 20201005, None])},
                {"text": rng.choice([None, 5, [], "", "   "])},
                ["not", "an", "object"],
            ])
            line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
            if rng.random() < 0.2:
                line = line.replace("e", "\\ud83d", 1)
            lines.append(line if rng.random() < 0.9 else line[: rng.randint(0, len(line))])
        text = "\n".join(lines)
    data = text.encode(rng.choice(ENCODINGS), errors="replace")
    if rng.random() < 0.2:
        data = data[: rng.randint(0, len(data))]
    return data


def hostile_sources(rng: random.Random, names: list[str]) -> bytes:
    columns = ["doc_id", "outlet", "url", "published", "published_basis", "outlet_note"]
    if rng.random() < 0.2:
        columns = rng.sample(columns + ["extra"], rng.randint(1, 5))
    rows = [",".join(columns)]
    for name in rng.sample(names, min(len(names), 20)) + ["ghost", "ghost"]:
        stem = Path(name).stem
        cells = [stem, rng.choice(["Wire", "=HYPERLINK(\"x\")", "@x", "\"broken", ""]),
                 rng.choice(["https://x.example", "javascript:alert(1)", ""]),
                 rng.choice(["2020-10-05", "2999-12-31", "05/10/2020", "", "2020-02-30"]), "", "note, with comma"]
        rows.append(",".join(f'"{c}"' if rng.random() < 0.5 else c for c in cells[: len(columns)]))
    return "\n".join(rows).encode("utf-8")


# ------------------------------------------------------------------------------ checks
def check_text(text: str) -> None:
    doc = document_from_text(text, doc_id="x")
    for span in (*doc.paragraphs, *doc.sentences):
        assert text[span.start:span.end] == span.text, ("span", span)
    for s in doc.sentences:
        end = 0
        for m in find_numbers(s.text):
            assert s.text[m.start:m.end] == m.text and m.start >= end, ("number", m)
            end = m.end
            parse_number(m.text)
            hedge = find_hedge(s.text, m.start, m.end, value=m.value, vague=m.kind == "vague")
            assert s.text[hedge.start:hedge.end] == hedge.text, ("hedge", hedge)
            # (beyond 2**53 the float interval rounds; such figures never reach the claims table)
            if m.kind in ("count", "vague") and m.value is not None and 0 <= m.value <= 2**53:
                low, high = hedge_interval(hedge.label, m.value, upper=hedge.value2, vague_word=m.text)
                if hedge.label != "range":
                    assert low <= m.value and (high is None or m.value <= high), ("interval", m, hedge)


def check_claims(rows: list[dict], raw: str) -> None:
    for r in rows:
        assert raw[r["start"]:r["end"]] == r["text"], ("claim span", r)
        assert raw[r["sentence_start"]:r["sentence_start"] + len(r["sentence"])] == r["sentence"], ("sentence", r)
        assert r["value"] >= 0 and (pd.isna(r["low"]) or r["low"] <= r["value"]), ("low", r)
        assert pd.isna(r["high"]) or r["value"] <= r["high"], ("high", r)


def check_folder(folder: Path, out: Path) -> int:
    """Load one folder of hostile files; returns how many documents it gave."""
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    try:
        corpus = load_corpus(folder)
    except ValueError as err:
        assert "no document could be loaded" in str(err) or "no article files" in str(err), err
        return 0
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before, "the corpus folder changed"
    accounted = {d.file.split(" line ")[0] for d in corpus} | {i.file.split(" line ")[0] for i in corpus.issues}
    for path in folder.iterdir():
        if path.name != "sources.csv" and not path.name.startswith("."):  # names are shown escaped
            assert shown(path.name) in accounted, f"{path.name!r} is neither a document nor named in an issue"
    for doc in corpus:
        for span in (*doc.paragraphs, *doc.sentences):
            assert doc.raw[span.start:span.end] == span.text
    for table in (documents_table(corpus), issues_table(corpus)):
        write_table(table, out)
        cells = [c for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8"))) for c in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], "a formula in the exported CSV"
    return len(corpus)


def failure(kind: str, index: int, err: BaseException, sample) -> str:
    return f"{kind} #{index} (seed {SEED}): {type(err).__name__}: {err}; input {sample!r:.300}"


# -------------------------------------------------------------------------------- run
def test_fuzz_hostile_texts_and_files(record_property):
    rng = random.Random(SEED)
    started = time.perf_counter()
    failures: list[str] = []
    extractor = ClaimExtractor(load_profile(None))
    n_docs = n_claims = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for i in range(N_TEXTS):
            text = hostile_text(rng)
            try:
                check_text(text)
                if i % EXTRACT_EVERY == 0:
                    doc = document_from_text(text, doc_id=f"t{i}", file=f"t{i}.txt")
                    rows = extractor.document_claims(doc)
                    check_claims(rows, text)
                    n_docs += 1
                    n_claims += len(rows)
                    if rows:
                        assert schema.validate(claims_frame(rows), "claims") == [], "schema"
            except Exception as err:  # noqa: BLE001 -- every failing input is collected and shown
                failures.append(failure("text", i, err, text))
        failed_docs = [str(w.message) for w in caught if "extraction failed" in str(w.message)]
    text_seconds = time.perf_counter() - started

    n_loaded = n_files = 0
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        for f in range(0, N_FILES, FILES_PER_FOLDER):
            folder = Path(tmp) / f"corpus{f}"
            folder.mkdir()
            names = []
            for i in range(f, min(N_FILES, f + FILES_PER_FOLDER)):
                name = file_name(rng, i)
                (folder / name).write_bytes(hostile_bytes(rng, Path(name).suffix))
                names.append(name)
            n_files += len(names)
            if rng.random() < 0.7:
                (folder / "sources.csv").write_bytes(hostile_sources(rng, names))
            try:
                n_loaded += check_folder(folder, Path(tmp) / "out" / "table.csv")
            except Exception as err:  # noqa: BLE001
                failures.append(failure("folder", f, err, sorted(p.name for p in folder.iterdir())))
    seconds = time.perf_counter() - started

    summary = (f"{N_TEXTS:,} texts ({n_docs:,} through claim extraction, {n_claims:,} claims) in "
               f"{text_seconds:.0f}s; {n_files:,} files in {len(range(0, N_FILES, FILES_PER_FOLDER))} folders "
               f"({n_loaded:,} documents) in {seconds - text_seconds:.0f}s; {N_TEXTS + n_files:,} inputs in "
               f"{seconds:.0f}s, seed {SEED}")
    record_property("fuzz", summary)
    assert not failures, f"{len(failures)} failing input(s); first: " + "\n".join(failures[:MAX_FAILURES_SHOWN])
    assert not failed_docs, f"{len(failed_docs)} document(s) failed extraction; first: {failed_docs[:3]}"
    assert seconds < BUDGET, f"the fuzz run took {seconds:.0f}s, over its budget of {BUDGET:.0f}s: {summary}"


# ------------------------------------------- names, special files, mixed text, CLI misuse
N_SPECIAL_FOLDERS = int(os.environ.get("KARGRAPH_FUZZ_SPECIAL", "80"))
N_MISUSES = int(os.environ.get("KARGRAPH_FUZZ_MISUSES", "300"))
NAME_BYTES = [b"\xff", b"\xfe", b"\xc3", b"\x80", b"\x1b[31m", b"\n", b"\r", b"\t", b"\x07", b"\xe2\x80\xae",
              "Гянджа".encode(), b" ", b"-", b"a", b"'", b"\\"]
SPECIAL_SOURCES = ["fifo", "dev-zero", "dev-null", "folder", "link-out", "link-loop", "broken-link", "huge-line"]


def byte_name(rng: random.Random, i: int) -> bytes:
    stem = b"".join(rng.choice(NAME_BYTES) for _ in range(rng.randint(1, 5))).lstrip(b".") or b"f"
    return stem + b"-%d" % i + rng.choice([b".txt", b".html", b".jsonl", b".TXT", b""])


def mixed_bytes(rng: random.Random) -> bytes:
    """UTF-8 text with spans in other encodings spliced in."""
    parts = []
    for _ in range(rng.randint(1, 6)):
        text = sentence(rng) + rng.choice(["", " Caf\u00e9 r\u00e9gion.", " Степанакерт.", " \u201cquoted\u201d."])
        parts.append(text.encode(rng.choice(["utf-8", "utf-8", "latin-1", "cp1251", "cp1252"]), errors="replace"))
    return b"\n".join(parts)


def special_sources(kind: str, path: Path, outside: Path) -> None:
    makers = {
        "fifo": lambda: os.mkfifo(path),
        "dev-zero": lambda: path.symlink_to("/dev/zero"),
        "dev-null": lambda: path.symlink_to("/dev/null"),
        "folder": lambda: path.mkdir(),
        "link-out": lambda: path.symlink_to(outside),
        "link-loop": lambda: path.symlink_to(path),
        "broken-link": lambda: path.symlink_to(path.parent / "missing.csv"),
        "huge-line": lambda: path.write_bytes(b"doc_id,outlet\n" + b'"' + b"x" * 2_000_000),
    }
    makers[kind]()


def check_special_folder(folder: Path) -> None:
    corpus = load_corpus(folder)  # must return: no hang, no exception but "nothing to load"
    accounted = {d.file.split(" line ")[0] for d in corpus} | {i.file.split(" line ")[0] for i in corpus.issues}
    for path in folder.iterdir():
        if path.name != "sources.csv":
            assert shown(path.name) in accounted, f"{shown(path.name)!r} is neither a document nor named in an issue"
    for text in [*accounted, *(i.problem for i in corpus.issues), *(d.doc_id for d in corpus)]:
        assert text.isprintable(), f"a name or message that is not one printable line: {text!r}"
        text.encode("utf-8")
    for doc in corpus:
        assert "\n" not in (doc.outlet or ""), "a metadata field swallowed lines"
    assert len(corpus.fingerprint) == 16


MISUSE_PIECES = {
    "corpus": ["{t}/missing", "{t}/a-file.txt", "/dev/null", "{t}/empty", "{t}/pipe", ""],
    "output": ["{t}/a-folder", "{t}/a-file.txt/x.csv", "/proc/x.csv", "{t}/pipe", "/dev/null", "{t}/x.xlsx",
               "{c}/x.csv", "{t}/x"],
    "option": [["-j", "0"], ["-j", "-5"], ["-j", "x"], ["--engine", "spark"], ["--bogus"], ["--profile"],
               ["--profile", "{t}/broken.yaml"], ["--profile", "no-such"], ["-o"]],
}


def misuse(rng: random.Random) -> list[str]:
    """A claims, evaluate or render invocation with at least one broken part."""
    kind = rng.choice(["corpus", "output", "option", "render", "evaluate"])
    if kind == "render":
        return ["render", *rng.choice([["--config", "{t}/broken.yaml"], ["--config", "{t}/missing.yaml"],
                                       ["--config", "{t}/a-file.txt"], ["--run-id", "../x"], ["--out", "/proc/x"],
                                       ["--corpus", "{t}/missing"], ["--out", "{t}/a-file.txt"]])]
    if kind == "evaluate":
        return ["evaluate", "{c}", "--gold", rng.choice(["{t}/missing.csv", "{t}/a-folder", "{t}/a-file.txt",
                                                          "{t}/pipe", "/dev/null"])]
    args = ["claims", rng.choice(MISUSE_PIECES["corpus"]) if kind == "corpus" else "{c}"]
    if kind == "output":
        args += ["-o", rng.choice(MISUSE_PIECES["output"])]
    if kind == "option":
        args += rng.choice(MISUSE_PIECES["option"])
    if kind != "output" and rng.random() < 0.5:  # a broken part early, then a fine output
        args += ["-o", "{t}/out.csv"]
    return args


def misuse_folder(tmp: Path) -> Path:
    (tmp / "corpus").mkdir(parents=True)
    (tmp / "corpus" / "a.txt").write_text("Officials said 40 soldiers were killed.\n", encoding="utf-8")
    (tmp / "a-file.txt").write_text("text", encoding="utf-8")
    (tmp / "broken.yaml").write_text("reports: [unclosed\n  - : :\n", encoding="utf-8")
    (tmp / "empty").mkdir()
    (tmp / "a-folder").mkdir()
    os.mkfifo(tmp / "pipe")
    return tmp


def test_fuzz_names_special_files_mixed_encodings_and_command_line_misuse(record_property, capsys, monkeypatch):
    rng = random.Random(SEED + 1)
    started = time.perf_counter()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        outside = Path(tmp) / "outside.csv"
        outside.write_text("doc_id,outlet\na,SECRET-OUTLET\n", encoding="utf-8")
        for f in range(N_SPECIAL_FOLDERS):
            folder = Path(tmp) / f"special{f}"
            folder.mkdir()
            for i in range(rng.randint(1, 8)):
                name = os.fsdecode(byte_name(rng, i))
                (folder / name).write_bytes(mixed_bytes(rng) if rng.random() < 0.7 else hostile_bytes(rng, ".txt"))
            special_sources(SPECIAL_SOURCES[f % len(SPECIAL_SOURCES)], folder / "sources.csv", outside)
            try:
                check_special_folder(folder)
            except ValueError as err:
                if "no document could be loaded" not in str(err) and "no article files" not in str(err):
                    failures.append(failure("special folder", f, err, sorted(shown(p.name) for p in folder.iterdir())))
            except Exception as err:  # noqa: BLE001
                failures.append(failure("special folder", f, err, sorted(shown(p.name) for p in folder.iterdir())))
        files_seconds = time.perf_counter() - started
        base = misuse_folder(Path(tmp) / "cli")
        fill = {"c": str(base / "corpus"), "t": str(base)}
        monkeypatch.chdir(base)
        monkeypatch.setattr("kargraph.claims.extract_claims", _no_extraction)
        for i in range(N_MISUSES):
            args = [a.format(**fill) for a in misuse(rng)]
            try:
                code = cli.main(args)
                err = capsys.readouterr().err
                assert code != 0, f"exit status {code}"
                assert len(err.splitlines()) == 1 and "Traceback" not in err, err
            except Exception as err:  # noqa: BLE001
                failures.append(failure("misuse", i, err, args))
    seconds = time.perf_counter() - started
    summary = (f"{N_SPECIAL_FOLDERS} folders of byte-named files, mixed encodings and special sources.csv in "
               f"{files_seconds:.0f}s; {N_MISUSES} command-line misuses in {seconds - files_seconds:.0f}s; "
               f"seed {SEED + 1}")
    record_property("fuzz", summary)
    assert not failures, f"{len(failures)} failing input(s); first: " + "\n".join(failures[:MAX_FAILURES_SHOWN])


def _no_extraction(*args, **kwargs):
    """Every misuse must be refused before extraction; reaching it is a failure of its own."""
    raise AssertionError("a broken invocation reached claim extraction")
