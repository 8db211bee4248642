"""Hostile input that used to break kargraph: special files, undecodable names, mixed
encodings, links, run-on lines, bad outputs, interrupted and killed runs, CLI misuse.

Each case is what a user met (a traceback, a hang, a wrong result, a process left
behind); each test asserts what they get now: a result, or one line naming the file and
the problem, and a non-zero exit where nothing could be done.
"""
from __future__ import annotations

import csv
import io
import os
import signal
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from kargraph import cli
from kargraph.claims import extract_claims
from kargraph.corpus import CorpusWarning, document_from_text, load_corpus

HEADER = "doc_id,outlet,url,published,published_basis,outlet_note\n"
GOOD = "Clashes go on\n\nOfficials said 40 soldiers were killed on Monday.\n"
POSIX = pytest.mark.skipif(os.name != "posix", reason="special files, byte file names and signals are POSIX")


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def load(folder: Path, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, **kwargs)
    return corpus, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kargraph", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)


# ------------------------------------------------------------ special files as sources.csv
@POSIX
@pytest.mark.parametrize("make, problem", [
    (lambda p: p.symlink_to("/dev/zero"), "symbolic link pointing outside the corpus folder; not followed"),
    (lambda p: os.mkfifo(p), "not a regular file (a named pipe)"),
    (lambda p: p.mkdir(), "not a regular file (a folder)"),
], ids=["dev-zero", "fifo", "folder"])
def test_a_special_file_as_sources_csv_is_named_and_the_articles_load(tmp_path, make, problem):
    corpus_dir = write(tmp_path / "corpus", {"a.txt": GOOD})
    make(corpus_dir / "sources.csv")
    # a subprocess, so that a read that never ends fails the test instead of hanging it
    result = run_cli("claims", str(corpus_dir), "-o", str(tmp_path / "claims.csv"), timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"sources.csv: cannot be read ({problem}); no metadata joined (skipped)" in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr


@POSIX
def test_a_device_named_as_the_metadata_table_is_refused_unread(tmp_path):
    corpus, messages = load(write(tmp_path, {"a.txt": GOOD}), metadata="/dev/zero")
    assert corpus.ids == ["a"]
    assert "/dev/zero: cannot be read (not a regular file (a device)); no metadata joined (skipped)" in messages


@POSIX
def test_a_fifo_named_like_an_article_is_skipped_without_blocking(tmp_path):
    corpus_dir = write(tmp_path, {"a.txt": GOOD})
    os.mkfifo(corpus_dir / "b.txt")
    corpus, messages = load(corpus_dir, metadata=None)
    assert corpus.ids == ["a"] and "b.txt: not a regular file (a named pipe) (skipped)" in messages


def test_a_sources_csv_linked_from_outside_the_corpus_is_not_used(tmp_path):
    secret = write(tmp_path / "outside", {"secret.csv": HEADER + "a,SECRET-OUTLET,,2020-10-05,,\n"})
    corpus_dir = write(tmp_path / "corpus", {"a.txt": GOOD})
    (corpus_dir / "sources.csv").symlink_to(secret / "secret.csv")
    corpus, messages = load(corpus_dir)
    assert corpus["a"].outlet is None
    assert messages.count("sources.csv: cannot be read (symbolic link pointing outside the corpus folder; not "
                          "followed); no metadata joined (skipped)") == 1


def test_a_sources_csv_named_by_the_caller_may_lie_outside_the_corpus(tmp_path):
    meta = write(tmp_path / "meta", {"m.csv": HEADER + "a,Wire,,2020-10-05,,\n"}) / "m.csv"
    corpus, _ = load(write(tmp_path / "corpus", {"a.txt": GOOD}), metadata=meta)
    assert corpus["a"].outlet == "Wire"


@pytest.mark.parametrize("sources, line", [
    (HEADER + 'a,"Wire,,2020-10-05,,\nb,Agency,,2020-10-06,,\n', 2),
    (HEADER + 'a,Wire,,2020-10-05,,\nb,"Agency,,2020-10-06,,\n', 3),
])
def test_an_unclosed_quote_in_sources_csv_is_named_and_swallows_no_rows(tmp_path, sources, line):
    corpus, messages = load(write(tmp_path, {"a.txt": GOOD, "b.txt": GOOD, "sources.csv": sources}))
    assert all("\n" not in (d.outlet or "") for d in corpus)
    assert [m for m in messages if m.startswith("sources.csv: line ") and "cannot be parsed as CSV" in m]
    assert corpus["b"].outlet in (None, "Agency")


# --------------------------------------------------------------------------- file names
@POSIX
def test_an_undecodable_file_name_is_loaded_shown_escaped_and_written(tmp_path):
    corpus_dir = write(tmp_path / "corpus", {"good.txt": GOOD})
    (corpus_dir / os.fsdecode(b"bad\xff\xfe.txt")).write_text("Officials said 12 soldiers were killed.\n")
    corpus, _ = load(corpus_dir)
    assert corpus.ids == ["bad\\xff\\xfe", "good"] and corpus["bad\\xff\\xfe"].file == "bad\\xff\\xfe.txt"
    assert len(corpus.fingerprint) == 16  # render hashes the corpus
    out = tmp_path / "claims.csv"
    assert cli.main(["claims", str(corpus_dir), "-o", str(out), "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert sorted((r["doc_id"], r["value"]) for r in rows) == [("bad\\xff\\xfe", "12"), ("good", "40")]


@POSIX
def test_the_dask_engine_reads_an_undecodable_file_name_too(tmp_path):
    corpus_dir = write(tmp_path / "corpus", {"good.txt": GOOD})
    (corpus_dir / os.fsdecode(b"bad\xff.txt")).write_text("Officials said 12 soldiers were killed.\n")
    result = run_cli("claims", str(corpus_dir), "--engine", "dask", "-o", str(tmp_path / "claims.csv"), "-q",
                     timeout=300)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "claims.csv").read_text(encoding="utf-8"))))
    assert sorted((r["doc_id"], r["value"]) for r in rows) == [("bad\\xff", "12"), ("good", "40")]


@POSIX
@pytest.mark.parametrize("name, shown", [
    ("evil\x1b[31mred.txt", "evil\\x1b[31mred.txt"),
    ("two\nlines.txt", "two\\x0alines.txt"),
    ("bell\x07.txt", "bell\\x07.txt"),
    ("rtl\u202etxt.exe.txt", "rtl\\u202etxt.exe.txt"),
])
def test_control_characters_in_file_names_never_reach_the_terminal(tmp_path, capsys, name, shown):
    corpus_dir = write(tmp_path / "corpus", {"good.txt": GOOD, name: b""})
    assert cli.main(["claims", str(corpus_dir), "-o", str(tmp_path / "claims.csv")]) == 0
    err = capsys.readouterr().err
    assert f"  {shown}: empty file (0 bytes) (skipped)" in err.splitlines()
    assert name not in err and "\x1b" not in err and "\x07" not in err


def test_a_link_to_another_article_of_the_corpus_is_read_once(tmp_path):
    corpus_dir = write(tmp_path, {"a.txt": GOOD, "sub/b.txt": "Officials said 12 soldiers were killed.\n"})
    (corpus_dir / "again.txt").symlink_to(corpus_dir / "a.txt")
    (corpus_dir / "zz.txt").symlink_to(corpus_dir / "sub" / "b.txt")
    corpus, messages = load(corpus_dir, metadata=None)
    assert corpus.ids == ["a", "b"]
    assert sorted(extract_claims(corpus)["value"]) == [12, 40]
    assert "again.txt: the same file as a.txt (a symbolic link to it); read once (skipped)" in messages


# ---------------------------------------------------------------------------- decoding
LATIN_TAIL = "Caf\u00e9 owners in the r\u00e9gion said the na\u00efve r\u00e9sum\u00e9 was d\u00e9j\u00e0 vu.\n"


@pytest.mark.parametrize("head", [
    "Officials in Stepanakert (Степанакерт) said 30 people were killed.\n",
    "Officials said 30 people were killed in Ganja \u2014 \u201cterrible\u201d, they said.\n",
])
def test_utf8_text_with_a_latin1_tail_keeps_its_utf8_and_names_the_other_bytes(tmp_path, head):
    data = head.encode("utf-8") + LATIN_TAIL.encode("latin-1")
    corpus, messages = load(write(tmp_path, {"a.txt": data}), metadata=None)
    assert corpus["a"].raw == head + LATIN_TAIL and corpus["a"].encoding == "utf-8"
    start = len(head.encode("utf-8"))
    assert [m for m in messages if m.startswith(f"a.txt: UTF-8 text with bytes in another encoding at byte "
                                                f"offset(s) {start + 3}, ") and "decoded as cp1252" in m]


# --------------------------------------------------------------------------- text cases
@pytest.mark.parametrize("text, claimant", [
    ("Prime Minister Nikol Pa\u200bshinyan said 30 soldiers were killed.", "pashinyan"),
    ("Nikol Pashin\u00adyan said 30 soldiers were killed.", "pashinyan"),
    ("Nikol Pashinyan said 30 soldiers were killed.", "pashinyan"),
])
def test_a_zero_width_character_inside_a_name_keeps_the_name_and_the_spans(text, claimant):
    doc = document_from_text(text, doc_id="d", file="d.txt")
    table = extract_claims([doc])
    assert list(table["claimant"]) == [claimant]
    assert [doc.raw[r.start:r.end] for r in table.itertuples()] == ["30"]


@pytest.mark.parametrize("text, values", [
    ("@SUM(1+1) 10 soldiers were killed.", [10]),
    ("=2*3 Officials said 12 soldiers were killed.", [12]),
    ("Officials said 30+ soldiers were killed.", [30]),
])
def test_numbers_inside_a_formula_are_not_casualty_figures(text, values):
    table = extract_claims([document_from_text(text, doc_id="d")])
    assert list(table["value"]) == values


def test_a_one_megabyte_line_is_framed_in_bounded_pieces_naming_the_file():
    from kargraph.framing import frame_profile

    line = "Officials said 12 soldiers were killed, " + "the army said the shelling went on and " * 30_000
    doc = document_from_text(line + ".", doc_id="long", file="long.txt")
    assert len(doc.raw) > 1_000_000
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = frame_profile([doc])
    assert len(result.voices) >= 1
    assert [str(w.message) for w in caught if str(w.message).startswith("long.txt: sentence at 0 has ")]


# ------------------------------------------------------------------------------ outputs
def test_an_output_folder_that_does_not_exist_is_created_and_said(tmp_path, capsys):
    corpus_dir = write(tmp_path / "corpus", {"a.txt": GOOD})
    out = tmp_path / "new" / "deeper" / "claims.csv"
    assert cli.main(["claims", str(corpus_dir), "-o", str(out)]) == 0
    assert f"folder {tmp_path / 'new'} does not exist; it will be created" in capsys.readouterr().err
    assert out.is_file()


def test_outputs_are_readable_by_others_as_the_umask_allows(tmp_path):
    corpus_dir = write(tmp_path / "corpus", {"a.txt": GOOD})
    old = os.umask(0o022)
    try:
        assert cli.main(["claims", str(corpus_dir), "-o", str(tmp_path / "claims.csv"), "-q"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "claims.csv").stat().st_mode) == 0o644


def test_quiet_prints_nothing_and_each_problem_is_printed_once(tmp_path, capsys):
    rows = "".join(f"ghost{i},Wire,,2020-10-05,,\n" for i in range(300))
    corpus_dir = write(tmp_path / "corpus", {"a.txt": GOOD, "empty.txt": b"", "sources.csv": HEADER + rows})
    assert cli.main(["claims", str(corpus_dir), "-o", str(tmp_path / "claims.csv"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert cli.main(["claims", str(corpus_dir), "-o", str(tmp_path / "claims.csv")]) == 0
    err = capsys.readouterr().err
    assert err.count("doc_id 'ghost7' matches no document") == 1 and err.count("empty.txt: empty file") == 1


def test_a_render_writing_into_the_corpus_is_refused_before_anything_runs(tmp_path):
    from test_render import PARAMETERS, quiet, write_config, write_corpus, write_notebook

    from kargraph.render import ParameterError, render_reports

    corpus_dir = write_corpus(tmp_path / "corpus", {"a": GOOD})
    write_notebook(tmp_path / "export.ipynb", PARAMETERS + '\nexport_dir: str = ""', cells=["1"])
    write_config(tmp_path, [{"notebook": "export.ipynb", "parameter_sets": [
        {"name": "x", "parameters": {"export_dir": str(corpus_dir / "tables")}}]}])
    before = sorted(p.name for p in corpus_dir.rglob("*"))
    with pytest.raises(ParameterError, match=r"parameter 'export_dir': .*inside the corpus folder"):
        render_reports(tmp_path / "reports.yaml", out=tmp_path / "out", log=quiet)
    assert sorted(p.name for p in corpus_dir.rglob("*")) == before and not (tmp_path / "out").exists()


# ------------------------------------------------------------------- the CLI, misused
PROFILE_TAG = "id: evil\nactors: !!python/object/apply:os.system ['true']\n"
MISUSE = [
    # (arguments, what the one line says); {c} a corpus, {t} the test folder
    (["claims", "{t}/missing"], "corpus folder not found: {t}/missing"),
    (["claims", "{t}/a-file.txt"], "not a folder: {t}/a-file.txt"),
    (["claims", "{t}/empty"], "no article files"),
    (["claims", ""], "argument corpus: an empty path"),
    (["claims", "/dev/null"], "not a folder: /dev/null"),
    (["claims", "{c}", "-o", "{t}/a-folder"], "{t}/a-folder: is a folder; give a file name"),
    (["claims", "{c}", "-o", "{t}/a-file.txt/claims.csv"], "{t}/a-file.txt is a file, not a folder"),
    (["claims", "{c}", "-o", "/proc/kargraph-claims.csv"], "cannot write in /proc"),
    (["claims", "{c}", "-o", "{t}/pipe.csv"], "{t}/pipe.csv: exists and is not a regular file"),
    (["claims", "{c}", "-o", "/dev/null"], "/dev/null: exists and is not a regular file"),
    (["claims", "{c}", "-o", "{t}/claims.xlsx"], "unknown table format '.xlsx'"),
    (["claims", "{c}", "-o", "{c}/claims.csv"], "is inside the corpus folder"),
    (["claims", "{c}", "--profile", "no-such-profile"], "no-such-profile"),
    (["claims", "{c}", "--profile", "{t}/broken.yaml"], "not a valid YAML profile"),
    (["claims", "{c}", "--profile", "{t}/tagged.yaml"], "tagged.yaml"),
    (["claims", "{c}", "-q", "-j", "0"], "n_jobs must be a positive number"),
    (["claims", "{c}", "-j", "many"], "argument -j/--jobs: invalid int value: 'many'"),
    (["claims", "{c}", "--engine", "spark"], "argument --engine: invalid choice: 'spark'"),
    (["claims", "{c}", "{c}"], "unrecognized arguments"),
    (["claims", "{c}", "--colour"], "unrecognized arguments: --colour"),
    (["harvest", "{c}"], "invalid choice: 'harvest'"),
    (["evaluate", "{c}", "--gold", "{t}/missing.csv"], "missing.csv"),
    (["evaluate", "{c}", "--gold", "{t}/not-gold.csv"], "not a gold claims table"),
    (["evaluate", "{c}", "--gold", "{t}/a-folder"], "not a regular file (a folder)"),
    (["evaluate", "{c}", "--gold", "{t}/pipe.csv"], "not a regular file (a named pipe)"),
    (["schema", "no_such_table"], "unknown table 'no_such_table'"),
    (["render", "--config", "{t}/missing.yaml"], "no reports config at {t}/missing.yaml"),
    (["render", "--config", "{t}/broken.yaml"], "not valid YAML"),
    (["render", "--config", "{t}/reports.yaml", "--corpus", "{t}/missing"], "corpus folder {t}/missing does not exist"),
    (["render", "--config", "{t}/reports.yaml", "--out", "{t}/a-file.txt"], "a-file.txt: is a file, not a folder"),
    (["render", "--config", "{t}/reports.yaml", "--run-id", "a/../b"], "is not allowed"),
]


@pytest.fixture
def misuse_folder(tmp_path) -> Path:
    """A corpus and the broken paths, configs and profiles the table above names."""
    from test_render import write_config, write_notebook

    write(tmp_path / "corpus", {"a.txt": GOOD})
    write(tmp_path, {"a-file.txt": "text", "broken.yaml": "reports: [unclosed\n  - : :\n", "tagged.yaml": PROFILE_TAG,
                     "not-gold.csv": "claim_id,doc_id,value\nc1,a,40\n"})
    (tmp_path / "empty").mkdir()
    (tmp_path / "a-folder").mkdir()
    os.mkfifo(tmp_path / "pipe.csv")
    write_notebook(tmp_path / "docs.ipynb")
    write_config(tmp_path, [{"notebook": "docs.ipynb"}])
    return tmp_path


@POSIX
@pytest.mark.parametrize("args, message", MISUSE, ids=[" ".join(a)[:40] for a, _ in MISUSE])
def test_each_misuse_of_the_command_line_gets_one_line_and_a_non_zero_exit(misuse_folder, capsys, monkeypatch,
                                                                          args, message):
    fill = {"c": str(misuse_folder / "corpus"), "t": str(misuse_folder)}
    monkeypatch.chdir(misuse_folder)
    code = cli.main([a.format(**fill) for a in args])
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert code != 0
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    assert lines[0].startswith(("kargraph ", "kargraph: ")) and message.format(**fill) in lines[0], lines[0]
    assert not (misuse_folder / "corpus" / "claims.csv").exists()


# ------------------------------------------------------------------- interrupted runs
def session_members(sid: int) -> list[int]:
    """The processes of session ``sid`` but its leader (Linux: /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != sid:
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_killing_claims_with_workers_leaves_no_process_behind(tmp_path):
    articles = {f"a{i:03d}.txt": f"Day {i}\n\nOfficials said {i + 2} soldiers were killed. " * 20 for i in range(300)}
    corpus_dir = write(tmp_path / "corpus", articles)
    proc = subprocess.Popen([sys.executable, "-m", "kargraph", "claims", str(corpus_dir), "-o",
                             str(tmp_path / "claims.csv"), "-j", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        seen = b""
        while b"claims=" not in seen:  # the progress bar: workers have sent back results
            chunk = proc.stderr.read1(4096)
            assert chunk, f"the run ended before it was killed: {seen.decode(errors='replace')}"
            seen += chunk
        assert session_members(proc.pid), "no worker processes to leave behind"
        os.kill(proc.pid, signal.SIGKILL)  # the main process only: no clean-up runs
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while session_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert session_members(proc.pid) == []
    finally:
        for pid in session_members(proc.pid):
            os.kill(pid, signal.SIGKILL)


def test_interrupting_a_render_says_so_in_one_line_without_a_traceback(tmp_path):
    from test_render import write_config, write_corpus, write_notebook

    write_corpus(tmp_path / "corpus", {"a": GOOD})
    write_notebook(tmp_path / "docs.ipynb")
    write_config(tmp_path, [{"notebook": "docs.ipynb", "parameter_sets": [{"name": "slow", "parameters":
                                                                           {"pause": 60.0}}]}])
    proc = subprocess.Popen([sys.executable, "-m", "kargraph", "render", "--config", "reports.yaml", "--out", "out"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list((tmp_path / "out").glob(".partial-*")):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.poll() else ""
            time.sleep(0.2)
        time.sleep(8)  # the kernel is running the notebook
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the render and its kernel alike
        assert proc.wait(timeout=60) == 130
        err = proc.stderr.read()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    assert "interrupted; outputs of earlier runs are left as they were" in err
    assert "Traceback" not in err and "Task exception was never retrieved" not in err, err
    assert not list((tmp_path / "out").glob(".partial-*"))


def test_a_dependency_missing_from_the_environment_gets_one_line_naming_it(tmp_path, capsys, monkeypatch):
    write(tmp_path / "corpus", {"a.txt": GOOD})
    monkeypatch.setitem(sys.modules, "pycld2", None)  # `import pycld2` now fails as if not installed
    code = cli.main(["claims", str(tmp_path / "corpus"), "-o", str(tmp_path / "claims.csv")])
    lines = capsys.readouterr().err.splitlines()
    assert code == 1
    assert lines == ["kargraph claims: the package pycld2 is not installed; reinstall kargraph with its "
                     "dependencies (`make setup` in a checkout, or `pip install kargraph`)"]
    assert not (tmp_path / "claims.csv").exists()
