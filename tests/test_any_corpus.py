"""Every report renders on a corpus that lacks what the bundled one has.

``tests/data/no_deaths`` (two articles written for these tests) reports only wounded and
displaced people: no claim is ``killed``, neither side is counted, its outlets are none of
the bundled ones, and its ``corpus.yaml`` names its profile. ``render --corpus`` alone must
pick that profile up, and each notebook's parameters must default to what the data holds.
"""
import json

import pandas as pd
import pytest

from kargraph._paths import repo_root
from kargraph.tolls import most_reported

ROOT = repo_root()
CORPUS = ROOT / "tests" / "data" / "no_deaths"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from kargraph.render import render_reports

    out = tmp_path_factory.mktemp("no_deaths")
    result = render_reports(ROOT / "reports.yaml", corpus=CORPUS, out=out, run_id="r", log=lambda line: None)
    manifest = json.loads((result.path / "manifest.json").read_text(encoding="utf-8"))
    return result.path, manifest


def test_every_report_renders_with_findings(rendered):
    path, manifest = rendered
    stems = {r["html"].rsplit(".", 1)[0] for r in manifest["reports"]}
    assert {p.stem for p in path.glob("*.html")} - {"index"} == stems
    assert all(r.get("findings") for r in manifest["reports"]), [r["html"] for r in manifest["reports"]]


def test_the_corpus_names_its_profile(rendered):
    _, manifest = rendered
    assert {r["profile"] for r in manifest["reports"]} == {"kelvara"}


def test_tolls_compare_the_outcome_the_data_has(rendered):
    path, _ = rendered
    page = (path / "02_reported_tolls--official.html").read_text(encoding="utf-8")
    assert "outcome: wounded" in page


@pytest.mark.parametrize("values,expected", [
    (["wounded", "killed", "wounded"], "wounded"),
    (["displaced", "wounded"], "displaced"),  # a tie: the first one met
    ([None, "missing", None], "missing"),
    ([], None),
])
def test_most_reported_is_the_commonest_value(values, expected):
    assert most_reported(pd.DataFrame({"outcome": pd.Series(values, dtype="string")}), "outcome") == expected
