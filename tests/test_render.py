"""Report rendering on tiny notebooks built in temporary folders: files, index, manifest,
parameter checks, failure and kill atomicity, --if-changed, escaping and path safety."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from kargraph.render import (
    CONTENT_SECURITY_POLICY,
    ParameterError,
    RenderError,
    check_parameters,
    latest_manifest,
    latest_run,
    load_config,
    notebook_parameters,
    render_reports,
)

PARAMETERS = '''corpus_dir: str = "corpus"  # folder of articles
top: int = 3  # rows to show
outlets: list[str] = []  # empty: all
ratio = 0.5
label: str | None = None
pause: float = 0.0  # seconds to wait before the table (to test interruptions)
fail: bool = False'''
CELLS = [
    "import time\nimport kargraph as kg\ncorpus = kg.load_corpus(kg.resolve_path(corpus_dir))\ntime.sleep(pause)",
    "if fail:\n    raise ValueError('the table is empty')",
    'table = corpus.documents_table()[["doc_id", "outlet", "headline"]]\ntable.head(top)',
]
ARTICLE = "Clashes go on\nOfficials said {n} soldiers were killed on Thursday.\n"


def write_notebook(path: Path, parameters: str = PARAMETERS, cells: list[str] = CELLS) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Documents\nWhich documents are in the corpus?"),
                nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
                *(nbformat.v4.new_code_cell(c) for c in cells)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def write_corpus(folder: Path, articles: dict[str, str], outlets: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in articles.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    rows = ["doc_id,outlet,url,published,published_basis,outlet_note"]
    rows += [f"{d},{(outlets or {}).get(d, 'Outlet ' + d)},,2020-10-23,," for d in articles]
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path) -> Path:
    """A folder with a corpus, a notebook and a config listing it twice (two parameter sets)."""
    write_corpus(tmp_path / "corpus", {"a": ARTICLE.format(n=40), "b": ARTICLE.format(n=55)})
    write_notebook(tmp_path / "docs.ipynb")
    write_config(tmp_path, [{"notebook": "docs.ipynb", "title": "Documents",
                             "parameter_sets": [{"name": "one", "parameters": {"top": 1}},
                                                {"name": "all", "parameters": {"top": 10}}]}])
    return tmp_path


def write_config(folder: Path, reports: list[dict]) -> Path:
    import yaml

    path = folder / "reports.yaml"
    path.write_text(yaml.safe_dump({"reports": reports}), encoding="utf-8")
    return path


def quiet(_line):
    pass


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ----------------------------------------------------------------------------- config
@pytest.mark.parametrize("text, message", [
    ("reports: []", "non-empty list 'reports'"),
    ("- a\n- b", "non-empty list 'reports'"),
    ("reports: [{title: x}]", "report #1: needs a 'notebook'"),
    ("reports: [{notebook: docs.ipynb, params: {}}]", "unknown key\\(s\\) params"),
    ("reports: [{notebook: missing.ipynb}]", "notebook missing.ipynb does not exist"),
    ("reports: [{notebook: docs.ipynb, parameter_sets: [{name: ../up}]}]", "name '../up' must be"),
    ("reports: [{notebook: docs.ipynb, parameter_sets: [{name: a}, {name: a}]}]", "used twice"),
    ("reports: [{notebook: docs.ipynb, parameter_sets: [{name: a, parameters: [1]}]}]", "must be a mapping"),
    ("reports: [{notebook: docs.ipynb}, {notebook: docs.ipynb}]", "both be written as docs.html"),
    ("reports: [{notebook: docs.ipynb\n", "not valid YAML"),
    # YAML tags that would build Python objects are refused (safe_load only)
    ("reports: !!python/object/apply:os.system ['echo hacked']", "not valid YAML"),
])
def test_bad_configs_are_refused_naming_the_file_and_entry(project, text, message):
    path = project / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises((ValueError, FileNotFoundError), match=message) as err:
        load_config(path)
    assert "bad.yaml" in str(err.value)


def test_config_defaults_to_one_parameter_set_and_a_title_from_the_file_name(project):
    (project / "02_reported_tolls.ipynb").write_bytes((project / "docs.ipynb").read_bytes())
    cfg = load_config(write_config(project, [{"notebook": "02_reported_tolls.ipynb"}]))
    (report,) = cfg.reports
    assert report.title == "Reported tolls"
    assert [(s.name, s.parameters) for s in report.parameter_sets] == [("default", {})]


# ------------------------------------------------------------------------- parameters
def test_notebook_parameters_reads_names_types_defaults_and_comments(project):
    params = notebook_parameters(project / "docs.ipynb")
    assert list(params) == ["corpus_dir", "top", "outlets", "ratio", "label", "pause", "fail"]
    assert (params["top"].annotation, params["top"].default, params["top"].help) == ("int", "3", "rows to show")
    assert params["label"].annotation == "str | None"
    assert params["ratio"].annotation is None


@pytest.mark.parametrize("values, message", [
    ({"topp": 3}, "unknown parameter 'topp'"),
    ({"top": "3"}, "'top' must be int, got str"),
    ({"top": True}, "'top' must be int, got bool"),
    ({"top": 2.5}, "'top' must be int, got float"),
    ({"outlets": ["CGTN", 7]}, "'outlets' must be list\\[str\\]"),
    ({"outlets": "CGTN"}, "'outlets' must be list\\[str\\]"),
    ({"ratio": "half"}, "'ratio' must be float"),  # unannotated: the default's type
    ({"label": 5}, "'label' must be str \\| None"),
    ({"corpus_dir": "no/such/folder"}, "corpus folder 'no/such/folder' \\(corpus_dir\\) does not exist"),
])
def test_bad_parameters_are_named_before_anything_runs(project, values, message):
    with pytest.raises(ParameterError, match=message):
        check_parameters(project / "docs.ipynb", values)


@pytest.mark.parametrize("values", [
    {}, {"top": 10}, {"pause": 1}, {"ratio": 2}, {"label": None}, {"label": "x"}, {"outlets": ["CGTN"]},
    {"corpus_dir": "corpus", "fail": False},
])
def test_good_parameters_pass(project, values):
    check_parameters(project / "docs.ipynb", values)


def test_a_notebook_without_parameters_cell_is_refused(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, tmp_path / "n.ipynb")
    with pytest.raises(ValueError, match="n.ipynb: no cell tagged 'parameters'"):
        notebook_parameters(tmp_path / "n.ipynb")


def test_render_with_bad_parameters_runs_nothing_and_names_every_problem(project):
    write_config(project, [{"notebook": "docs.ipynb", "parameter_sets": [
        {"name": "a", "parameters": {"top": "x"}}, {"name": "b", "parameters": {"nope": 1}}]}])
    with pytest.raises(ParameterError) as err:
        render_reports(project / "reports.yaml", out=project / "out", log=quiet)
    assert "docs.ipynb (a): parameter 'top' must be int" in str(err.value)
    assert "docs.ipynb (b): unknown parameter 'nope'" in str(err.value)
    assert not (project / "out").exists()


# ------------------------------------------------------------------------------ render
def test_render_writes_notebooks_html_index_manifest_and_latest(project):
    lines = []
    result = render_reports(project / "reports.yaml", out=project / "out", run_id="r1", log=lines.append)
    run = project / "out" / "r1"
    assert result.path == run and not result.skipped
    assert sorted(p.name for p in run.iterdir()) == [
        "docs--all.html", "docs--all.ipynb", "docs--one.html", "docs--one.ipynb", "index.html", "manifest.json"]
    assert latest_run(project / "out") == "r1"
    # progress: one line per notebook with its time, then where the run is
    assert [re.sub(r"\d+\.\d+s$", "TIME", line) for line in lines] == [
        "[1/2] docs.ipynb (one) done in TIME", "[2/2] docs.ipynb (all) done in TIME", f"2 report(s) in {run}"]

    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest == latest_manifest(project / "out")
    assert [r["parameters"] for r in manifest["reports"]] == [{"top": 1}, {"top": 10}]
    fingerprint = manifest["reports"][0]["corpus_fingerprint"]
    from kargraph.corpus import load_corpus

    assert fingerprint == load_corpus(project / "corpus").fingerprint
    assert manifest["kargraph_version"] and manifest["created"].endswith("Z")

    # the executed notebooks record their parameters (papermill) and show the right rows
    executed = nbformat.read(run / "docs--one.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters == {"top": 1}
    assert executed.metadata.papermill.output_path == "docs--one.ipynb"
    page = (run / "docs--all.html").read_text()
    assert page.count("Outlet a") >= 1 and page.count("Outlet b") >= 1
    assert "Outlet b" not in (run / "docs--one.html").read_text()
    # code hidden, tables kept, nothing loaded from outside, no script
    assert "kg.load_corpus" not in page and "<table" in page
    assert "<script" not in page and "https://cdn" not in page
    assert CONTENT_SECURITY_POLICY in page
    index = (run / "index.html").read_text()
    assert 'href="docs--one.html"' in index and fingerprint in index and "{&quot;top&quot;: 10}" in index


def test_latest_follows_the_newest_run_and_earlier_runs_stay(project):
    render_reports(project / "reports.yaml", out=project / "out", run_id="r1", log=quiet)
    render_reports(project / "reports.yaml", out=project / "out", run_id="r2", log=quiet)
    assert latest_run(project / "out") == "r2"
    assert (project / "out" / "r1" / "index.html").is_file()


def test_a_failing_notebook_names_notebook_cell_and_error_and_publishes_nothing(project):
    out = project / "out"
    render_reports(project / "reports.yaml", out=out, run_id="good", log=quiet)
    before = snapshot(out)
    write_config(project, [{"notebook": "docs.ipynb", "parameter_sets": [
        {"name": "ok", "parameters": {}}, {"name": "broken", "parameters": {"fail": True}}]}])
    with pytest.raises(RenderError) as err:
        render_reports(project / "reports.yaml", out=out, run_id="bad", log=quiet)
    message = str(err.value)
    assert "docs.ipynb (broken)" in message
    assert "if fail:" in message and "In [" in message
    assert "ValueError: the table is empty" in message
    assert snapshot(out) == before  # no new run, no partial folder, latest unchanged
    assert latest_run(out) == "good"


def test_corpus_option_replaces_every_notebooks_corpus(project, tmp_path_factory):
    other = write_corpus(tmp_path_factory.mktemp("other") / "corpus", {"z": ARTICLE.format(n=9)},
                         {"z": "Other Outlet"})
    result = render_reports(project / "reports.yaml", corpus=other, out=project / "out", log=quiet)
    assert "Other Outlet" in (result.path / "docs--all.html").read_text()
    assert {r["corpus_fingerprint"] for r in result.manifest["reports"]} == {result.manifest["corpora"][str(other)]}


def test_if_changed_skips_until_corpus_config_or_notebook_change(project):
    out = project / "out"
    first = render_reports(project / "reports.yaml", out=out, if_changed=True, log=quiet)
    lines = []
    again = render_reports(project / "reports.yaml", out=out, if_changed=True, log=lines.append)
    assert again.skipped and again.run_id == first.run_id and "skipped" in lines[-1]
    (project / "corpus" / "c.txt").write_text(ARTICLE.format(n=7), encoding="utf-8")
    changed = render_reports(project / "reports.yaml", out=out, if_changed=True, log=quiet)
    assert not changed.skipped and latest_run(out) == changed.run_id != first.run_id


@pytest.mark.parametrize("kwargs, message", [
    ({"out": "reports/../../elsewhere"}, "contains '..'"),
    ({"run_id": "../escape"}, "run id '../escape' is not allowed"),
    ({"run_id": ".."}, "not allowed"),
    ({"run_id": "latest"}, "not allowed"),
    ({"run_id": "a/b"}, "not allowed"),
])
def test_paths_that_leave_the_output_folder_are_refused(project, kwargs, message):
    with pytest.raises(ValueError, match=message):
        render_reports(project / "reports.yaml", log=quiet, **{"out": project / "out", **kwargs})


def test_output_inside_the_corpus_is_refused(project):
    with pytest.raises(ValueError, match="inside the corpus"):
        render_reports(project / "reports.yaml", out=project / "corpus" / "reports", log=quiet)
    assert sorted(p.name for p in (project / "corpus").iterdir()) == ["a.txt", "b.txt", "sources.csv"]


def test_an_existing_run_id_is_not_overwritten(project):
    render_reports(project / "reports.yaml", out=project / "out", run_id="r1", log=quiet)
    with pytest.raises(ValueError, match="already exists"):
        render_reports(project / "reports.yaml", out=project / "out", run_id="r1", log=quiet)


HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>'
SHOW_ARTICLES = [
    "import kargraph as kg\nimport pandas as pd\nfrom IPython.display import HTML\n"
    "from kargraph.widgets import highlight_html\ncorpus = kg.load_corpus(kg.resolve_path(corpus_dir))",
    'pd.DataFrame({"outlet": [d.outlet for d in corpus], "text": [d.raw for d in corpus]})',
    "HTML(highlight_html(corpus[0].raw, [(0, 20, 'quote', corpus[0].raw[:30])]))",
    "print(corpus[0].raw)",
]


def test_hostile_article_and_parameters_are_escaped_in_every_page(project):
    write_corpus(project / "corpus", {"a": f"{HOSTILE}\n{ARTICLE.format(n=1)}"}, {"a": "<b>Outlet</b>"})
    (project / "corpus" / "b.txt").unlink()
    write_notebook(project / "show.ipynb", cells=SHOW_ARTICLES)
    write_config(project, [{"notebook": "show.ipynb", "title": "<script>alert(4)</script>",
                            "parameter_sets": [{"name": "x", "parameters": {"label": "<script>alert(5)</script>"}}]}])
    result = render_reports(project / "reports.yaml", out=project / "out", log=quiet)
    report = (result.path / "show--x.html").read_text()
    index = (result.path / "index.html").read_text()
    for page in (report, index):
        assert "<script" not in page and "<img src=x" not in page and "<b>Outlet" not in page
        assert '<a href="javascript' not in page
    # the article is shown, as text, by each of the three kinds of output
    assert report.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    assert "&lt;script&gt;alert(4)" in index and "&lt;script&gt;alert(5)" in index


# ------------------------------------------------------------------------ command line
def run_cli(*args, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kargraph", "render", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, **kwargs)


def test_cli_renders_and_exits_non_zero_naming_a_failing_notebook(project):
    ok = run_cli("--config", "reports.yaml", "--out", "out", "--run-id", "r1", cwd=project)
    assert ok.returncode == 0, ok.stderr
    assert "[2/2] docs.ipynb (all) done in" in ok.stderr
    write_config(project, [{"notebook": "docs.ipynb", "parameter_sets": [{"name": "x", "parameters": {"fail": True}}]}])
    bad = run_cli("--config", "reports.yaml", "--out", "out", cwd=project)
    assert bad.returncode == 1
    assert "docs.ipynb (x) failed in cell" in bad.stderr and "ValueError: the table is empty" in bad.stderr
    assert "Traceback" not in bad.stderr
    skipped = run_cli("--config", "reports.yaml", "--out", "out", "--if-changed", cwd=project)
    assert skipped.returncode == 1  # the config changed, so it ran, and failed again


@pytest.mark.parametrize("parameters, args, message", [
    ({"top": "5"}, [], "parameter 'top' must be int, got str '5'"),
    ({}, ["--corpus", "no-such-corpus"], "corpus folder no-such-corpus does not exist"),
    ({}, ["--run-id", "../up"], "run id '../up' is not allowed"),
    ({}, ["--config", "missing.yaml"], "no reports config at"),
])
def test_cli_reports_bad_input_without_a_traceback(project, parameters, args, message):
    write_config(project, [{"notebook": "docs.ipynb", "parameter_sets": [{"name": "x", "parameters": parameters}]}])
    result = run_cli("--config", "reports.yaml", "--out", "out", *args, cwd=project)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (project / "out").exists()


def test_latest_is_a_small_file_where_symlinks_are_not_available(project, monkeypatch):
    def no_symlinks(*args, **kwargs):
        raise OSError("symlinks not supported")

    monkeypatch.setattr(os, "symlink", no_symlinks)
    render_reports(project / "reports.yaml", out=project / "out", run_id="r1", log=quiet)
    pointer = project / "out" / "latest"
    assert pointer.is_file() and not pointer.is_symlink() and pointer.read_text() == "r1\n"
    assert latest_run(project / "out") == "r1" and latest_manifest(project / "out")["run_id"] == "r1"


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killing_a_render_half_way_leaves_earlier_reports_intact_and_the_next_run_succeeds(project, how):
    out = project / "out"
    render_reports(project / "reports.yaml", out=out, run_id="good", log=quiet)
    before = snapshot(out)
    write_config(project, [{"notebook": "docs.ipynb", "parameter_sets": [
        {"name": "fast", "parameters": {}}, {"name": "slow", "parameters": {"pause": 60.0}}]}])
    proc = subprocess.Popen([sys.executable, "-m", "kargraph", "render", "--config", "reports.yaml", "--out", "out",
                             "--run-id", "killed"], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        # wait until the first notebook is done and the second one is running
        deadline = time.monotonic() + 120
        while not list(out.glob(".partial-killed-*/docs--fast.html")):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the render did not get half-way in time"
            time.sleep(0.2)
        time.sleep(1.0)
        if how == signal.SIGTERM:
            os.kill(proc.pid, signal.SIGTERM)  # only the render: it must clean up after itself
            assert proc.wait(timeout=60) != 0
            assert not list(out.glob(".partial-*")), "a terminated render removes its partial run"
            assert "interrupted" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the render, its kernel: the whole group it started
        proc.wait(timeout=30)
    assert not (out / "killed").exists()
    assert latest_run(out) == "good"
    assert {k: v for k, v in snapshot(out).items() if not k.startswith(".partial-")} == before

    write_config(project, [{"notebook": "docs.ipynb"}])
    result = render_reports(project / "reports.yaml", out=out, run_id="next", log=quiet)
    assert latest_run(out) == "next" and (result.path / "docs.html").is_file()
    assert not list(out.glob(".partial-*"))  # the killed run's leftovers are cleaned up
    assert snapshot(out / "good") == {k.split("/", 1)[1]: v for k, v in before.items() if k.startswith("good/")}
