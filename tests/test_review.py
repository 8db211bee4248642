"""Corrections on the command line and in rendered reports: `claims --corrections`,
`review`, `agreement`, and `render --corrections` / the `corrections:` config key."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
import yaml

from kargraph.corrections import append_correction
from kargraph.render import render_reports
from test_render import ARTICLE, quiet, write_corpus, write_notebook

REPORT_CELLS = [
    "import kargraph as kg\ncorpus = kg.load_corpus(kg.resolve_path(corpus_dir))\n"
    "claims = kg.extract_claims(corpus, corrections=kg.resolve_path(corrections) if corrections else None)",
    'claims[[c for c in ["claim_id", "value", "side", "reviewed_by"] if c in claims]]',
]
PARAMETERS = 'corpus_dir: str = "corpus"\ncorrections: str = ""  # corrections CSV'


def kargraph(*args):
    return subprocess.run([sys.executable, "-m", "kargraph", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    return write_corpus(folder / "corpus", {"a": ARTICLE.format(n=40), "b": ARTICLE.format(n=55)},
                        outlets={"a": "One", "b": "Two"})


def claim_ids(corpus):
    out = kargraph("claims", corpus, "-q")
    return [r["claim_id"] for r in csv.DictReader(io.StringIO(out.stdout))]


def test_claims_applies_corrections_and_names_orphans_on_stderr(corpus, tmp_path):
    first, second = claim_ids(corpus)
    path = tmp_path / "c.csv"
    append_correction(path, first, "side", "azerbaijan", "ann", "the ministry is Azerbaijan's")
    append_correction(path, second, "exists", "false", "ann")
    append_correction(path, "a:900-903", "victims", "civilian", "ann")  # no such claim
    before = path.read_bytes()
    out = kargraph("claims", corpus, "--corrections", path)
    assert out.returncode == 0, out.stderr
    rows = {r["claim_id"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    assert list(rows) == [first]
    assert (rows[first]["side"], rows[first]["corrected_fields"], rows[first]["reviewed_by"]) == (
        "azerbaijan", "side", "ann")
    assert "a:900-903" in out.stderr and "not applied" in out.stderr
    assert path.read_bytes() == before  # orphans stay in the file


@pytest.mark.parametrize("args, message", [
    (["claims", "{corpus}", "--corrections", "{bad}"], "lacks column"),
    (["claims", "{corpus}", "--corrections", "{bad}", "--engine", "dask"], "local engine"),
    (["claims", "{corpus}", "--corrections", "{missing}"], "no such corrections file"),
    (["agreement", "{bad}", "{missing}"], "no such corrections file"),
])
def test_bad_corrections_are_one_line(corpus, tmp_path, args, message):
    bad = tmp_path / "bad.csv"
    bad.write_text("claim,what\nx,y\n")
    filled = [a.format(corpus=corpus, bad=bad, missing=tmp_path / "missing.csv") for a in args]
    out = kargraph(*filled)
    assert out.returncode == 1
    assert message in out.stderr and len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_review_and_agreement_commands(corpus, tmp_path):
    first, second = claim_ids(corpus)
    queue = kargraph("review", corpus)
    assert queue.returncode == 0, queue.stderr
    assert "claims to review" in queue.stderr
    assert set(csv.DictReader(io.StringIO(queue.stdout)).fieldnames) >= {"claim_id", "reason", "conflicts"}
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for path, reviewer, sides in ((a, "ann", ("armenia", "azerbaijan")), (b, "bob", ("armenia", "armenia"))):
        for claim_id, side in zip((first, second), sides):
            append_correction(path, claim_id, "side", side, reviewer)
    out = kargraph("agreement", a, b)
    row = next(csv.DictReader(io.StringIO(out.stdout)))
    assert (row["field"], row["n"], float(row["agreement"])) == ("side", "2", 0.5)
    differ = list(csv.DictReader(io.StringIO(kargraph("agreement", a, b, "--disagreements").stdout)))
    assert [(r["claim_id"], r["value_a"], r["value_b"]) for r in differ] == [(second, "azerbaijan", "armenia")]


def test_a_rendered_report_shows_the_corrected_figure_as_reviewed(corpus, tmp_path):
    first, _ = claim_ids(corpus)
    path = tmp_path / "corrections.csv"
    append_correction(path, first, "side", "azerbaijan", "reviewer-ann")
    write_notebook(tmp_path / "claims.ipynb", PARAMETERS, REPORT_CELLS)
    (tmp_path / "reports.yaml").write_text(yaml.safe_dump(
        {"reports": [{"notebook": "claims.ipynb"}], "corrections": "corrections.csv"}))
    config = tmp_path / "reports.yaml"
    done = render_reports(config, corpus=corpus, run_id="r1", log=quiet)
    html = (done.path / "claims.html").read_text()
    assert "reviewer-ann" in html and "azerbaijan" in html
    recorded = json.loads((done.path / "manifest.json").read_text())["corrections"]
    assert recorded["path"].endswith("corrections.csv") and len(recorded["fingerprint"]) == 16
    assert render_reports(config, corpus=corpus, run_id="r2", if_changed=True, log=quiet).skipped
    append_correction(path, first, "checked", "true", "reviewer-bob")
    again = render_reports(config, corpus=corpus, run_id="r3", if_changed=True, log=quiet)
    assert not again.skipped and "reviewer-bob" in (again.path / "claims.html").read_text()
