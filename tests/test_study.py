"""kargraph outside its checkout: where a command works (study folder, checkout, package),
`kargraph init`, a corpus naming its profile, `render --profile` in the --if-changed key,
the warning for a profile that does not fit, and the wheel installed in a fresh venv."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest
import yaml

from kargraph._paths import bundled_corpus, repo_root, shipped_notebooks
from kargraph.profile import profile_fit
from kargraph.render import latest_manifest, load_config, render_reports
from kargraph.study import corpus_profile, find_study, init_study

OTHER_PROFILE = """\
id: river_war
name: An invented war over a river
sides: {north: {name: North}, south: {name: South}}
actors:
  - {id: north_army, name: Northern Army, side: north, aliases: [Northern Army]}
  - {id: south_militia, name: Southern Militia, side: south, aliases: [Southern Militia]}
  - {id: river_council, name: River Council, aliases: [River Council]}
places:
  - {id: ford, name: Old Ford, aliases: [Old Ford]}
events:
  - {id: river_1850, name: River war, start: 1850-01-01, end: 1851-01-01, cues: [river war]}
"""
OTHER_ARTICLE = ("River clashes\nThe Northern Army said 12 fighters of the Southern Militia were killed at Old Ford "
                 "in the river war.\n")


def run_kargraph(*args, cwd, python=sys.executable):
    return subprocess.run([python, "-m", "kargraph", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


# ------------------------------------------------------------------------ where am I
@pytest.mark.parametrize("layout, start, kind, corpus, profile", [
    ({"corpus.yaml": "corpus: corpus\nprofile: nagorno_karabakh\n"}, ".", "study", "corpus", "nagorno_karabakh"),
    ({"corpus.yaml": "corpus: articles\nprofile: mine.yaml\n"}, "notebooks", "study", "articles", "mine.yaml"),
    ({"reports.yaml": "reports: []\n", "corpus/a.txt": "x"}, ".", "study", "corpus", None),
    ({"reports.yaml": "reports: []\n"}, ".", "study", None, None),  # notebooks keep their own corpus
    ({"corpus.yaml": "profile: nagorno_karabakh\n"}, ".", "checkout", None, None),  # a corpus's own file
    ({}, ".", "checkout", None, None),
])
def test_find_study_finds_the_study_folder_from_it_or_below_else_the_checkout(tmp_path, layout, start, kind,
                                                                             corpus, profile):
    for name, text in layout.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / start).mkdir(exist_ok=True)
    study = find_study(tmp_path / start)
    assert study.kind == kind
    if kind == "study":
        assert study.root == tmp_path and study.reports == tmp_path / "reports"
        assert study.corpus == (tmp_path / corpus if corpus else None)
        assert study.profile == (str(tmp_path / profile) if profile and profile.endswith(".yaml") else profile)
    else:
        assert study.root == repo_root() and study.config == repo_root() / "reports.yaml"


@pytest.mark.parametrize("files, expected", [
    ({"corpus/corpus.yaml": "profile: own.yaml\n"}, "corpus/own.yaml"),
    ({"corpus.yaml": "corpus: corpus\nprofile: study.yaml\n"}, "study.yaml"),
    ({"corpus.yaml": "corpus: other\nprofile: study.yaml\n"}, None),  # the study names another corpus
    ({"corpus.yaml": "corpus: corpus\nprofile: nagorno_karabakh\n"}, "nagorno_karabakh"),
    ({}, None),
])
def test_corpus_profile_reads_the_corpus_own_file_else_the_study_file_naming_it(tmp_path, files, expected):
    (tmp_path / "corpus").mkdir()
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = corpus_profile(tmp_path / "corpus")
    assert found == (str(tmp_path / expected) if expected and expected.endswith(".yaml") else expected)


def test_a_broken_corpus_yaml_is_named(tmp_path):
    (tmp_path / "corpus.yaml").write_text("profile: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="corpus.yaml: not valid YAML"):
        find_study(tmp_path)


# ------------------------------------------------------------------------------ init
def test_init_creates_the_study_folder_and_its_notebooks_point_at_its_corpus(tmp_path):
    written = init_study(tmp_path / "s", profile="nagorno_karabakh")
    names = {p.relative_to(tmp_path / "s").as_posix() for p in written}
    assert {"corpus/sources.csv", "corpus/README.md", "corpus.yaml", "reports.yaml", "README.md",
            "reports"} <= names
    assert {f"notebooks/{nb.name}" for nb in shipped_notebooks().glob("*.ipynb")} <= names
    assert (tmp_path / "s/corpus/sources.csv").read_text().startswith("doc_id,outlet,url,published")
    study = find_study(tmp_path / "s")
    assert (study.kind, study.corpus, study.profile) == ("study", tmp_path / "s/corpus", "nagorno_karabakh")
    nb = json.loads((tmp_path / "s/notebooks/02_reported_tolls.ipynb").read_text())
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    assert 'corpus_dir: str = "../corpus"' in "".join(nb["cells"][1]["source"])
    assert [r.notebook for r in load_config(study.config).reports][0] == (tmp_path / "s/notebooks/"
                                                                          "01_corpus_overview.ipynb")
    assert len(load_config(study.config).reports) == len(load_config(repo_root() / "reports.yaml").reports)


@pytest.mark.parametrize("existing", ["corpus.yaml", "README.md", "notebooks/03_source_reliability.ipynb",
                                      "corpus/sources.csv", "reports"])
def test_init_overwrites_nothing_and_writes_nothing_when_a_file_exists(tmp_path, existing):
    target = tmp_path / existing
    target.parent.mkdir(parents=True, exist_ok=True)
    target.mkdir() if existing == "reports" else target.write_text("mine", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(ValueError, match=f"already holds .*{existing}.*overwrites nothing"):
        init_study(tmp_path, profile="nagorno_karabakh")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert existing == "reports" or target.read_text() == "mine"


def test_init_with_a_profile_file_copies_it_in_and_names_it(tmp_path):
    (tmp_path / "river.yaml").write_text(OTHER_PROFILE, encoding="utf-8")
    init_study(tmp_path / "s", profile=str(tmp_path / "river.yaml"))
    assert (tmp_path / "s/river.yaml").read_text() == OTHER_PROFILE
    assert find_study(tmp_path / "s").profile == str(tmp_path / "s/river.yaml")


@pytest.mark.parametrize("args, message", [
    (["init", "s", "--profile", "no_such_war"], "no conflict profile named 'no_such_war'"),
    (["claims", "-o", "c.csv"], "no corpus given and no study here .* run `kargraph init DIR`"),
])
def test_cli_names_what_is_missing_and_what_to_run(tmp_path, args, message, monkeypatch, capsys):
    import re

    from kargraph.cli import main

    monkeypatch.setattr("kargraph.study.in_checkout", lambda: False)  # as from an installed wheel
    monkeypatch.chdir(tmp_path)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and re.search(message, err), err
    assert not (tmp_path / "s").exists()


def test_a_study_without_a_notebook_copy_uses_the_shipped_one(tmp_path):
    init_study(tmp_path, profile="nagorno_karabakh")
    (tmp_path / "notebooks/04_narrative_framing.ipynb").unlink()
    notebooks = [r.notebook for r in load_config(tmp_path / "reports.yaml").reports]
    assert notebooks[-1] == (shipped_notebooks() / "04_narrative_framing.ipynb").resolve()
    assert notebooks[0] == tmp_path / "notebooks/01_corpus_overview.ipynb"


# ------------------------------------------------------------------- profile fit
@pytest.mark.parametrize("articles, profile, poor", [
    ("bundled", "nagorno_karabakh", []),
    ("bundled", "river", ["actors", "places", "events"]),
    ("river", "nagorno_karabakh", ["actors", "places", "events"]),
    ("river", "river", []),
])
def test_a_profile_that_does_not_fit_the_corpus_is_named_with_what_is_missing(tmp_path, articles, profile,
                                                                             poor):
    from kargraph.corpus import load_corpus

    (tmp_path / "river.yaml").write_text(OTHER_PROFILE, encoding="utf-8")
    if articles == "river":
        (tmp_path / "c").mkdir()
        (tmp_path / "c/a.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    corpus = load_corpus(bundled_corpus() if articles == "bundled" else tmp_path / "c")
    fit = profile_fit(corpus, str(tmp_path / "river.yaml") if profile == "river" else profile)
    assert fit.poor() == poor
    message = fit.warning()
    assert (message is None) == (not poor)
    if poor:
        assert "does not fit" in message and all(f"{s} found" in message for s in poor)
        assert ("north_army" in message) == (profile == "river")


# ------------------------------------------------- render --profile and corpus.yaml
PARAMETERS = 'corpus_dir: str = "corpus"\nprofile: str = "nagorno_karabakh"'
CELL = ("import kargraph as kg\n"
        "prof = kg.load_profile(profile)\n"
        "print(prof.id, len(kg.load_corpus(corpus_dir)))")


def _tiny_report(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(CELL)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "p.ipynb")
    (folder / "reports.yaml").write_text("reports:\n  - notebook: p.ipynb\n", encoding="utf-8")
    (folder / "corpus").mkdir()
    (folder / "corpus/a.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    (folder / "river.yaml").write_text(OTHER_PROFILE, encoding="utf-8")
    return folder / "reports.yaml"


def test_render_profile_is_passed_recorded_and_part_of_the_if_changed_key(tmp_path):
    config = _tiny_report(tmp_path)
    lines = []
    first = render_reports(config, corpus=tmp_path / "corpus", profile=tmp_path / "river.yaml",
                           log=lines.append, params=_quiet())
    entry = first.manifest["reports"][0]
    assert entry["profile"].endswith("river.yaml") and entry["profile_fingerprint"]
    assert "river_war 1" in (first.path / "p.ipynb").read_text()
    assert not any("WARNING" in line for line in lines)
    again = render_reports(config, corpus=tmp_path / "corpus", profile=tmp_path / "river.yaml", if_changed=True,
                           log=lines.append, params=_quiet())
    assert again.skipped
    (tmp_path / "river.yaml").write_text(OTHER_PROFILE.replace("Old Ford", "New Ford"), encoding="utf-8")
    edited = render_reports(config, corpus=tmp_path / "corpus", profile=tmp_path / "river.yaml", if_changed=True,
                            log=lines.append, params=_quiet())
    assert not edited.skipped and edited.manifest["key"] != first.manifest["key"]


def test_render_takes_the_profile_the_corpus_names_and_warns_loudly_when_it_does_not_fit(tmp_path):
    config = _tiny_report(tmp_path)
    (tmp_path / "corpus/corpus.yaml").write_text("profile: ../river.yaml\n", encoding="utf-8")
    named = render_reports(config, corpus=tmp_path / "corpus", log=[].append, params=_quiet())
    assert "river_war 1" in (named.path / "p.ipynb").read_text()
    (tmp_path / "corpus/corpus.yaml").unlink()
    lines = []
    default = render_reports(config, corpus=tmp_path / "corpus", log=lines.append, params=_quiet())
    assert "nagorno_karabakh 1" in (default.path / "p.ipynb").read_text()
    assert any(line.startswith("WARNING:") and "profile 'nagorno_karabakh' does not fit" in line for line in lines)


def test_claims_warns_when_the_profile_does_not_fit_and_reads_the_corpus_profile(tmp_path):
    _tiny_report(tmp_path)
    plain = run_kargraph("claims", "corpus", "-o", "c.csv", cwd=tmp_path)
    assert plain.returncode == 0 and "WARNING:" in plain.stderr and "does not fit" in plain.stderr
    (tmp_path / "corpus/corpus.yaml").write_text("profile: ../river.yaml\n", encoding="utf-8")
    named = run_kargraph("claims", "corpus", "-o", "c.csv", cwd=tmp_path)
    assert named.returncode == 0 and "WARNING" not in named.stderr


def _quiet():
    from kargraph.render import RenderParams

    return RenderParams(progress_bar=False)


# ------------------------------------------------------- the wheel, outside the checkout
GUARD = textwrap.dedent("""\
    import os, sys
    _REPO, _DEPS, _LOG = {repo!r}, {deps!r}, {log!r}
    def _hook(event, args):
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.abspath(os.fsdecode(args[0]))
            if path.startswith(_REPO + os.sep) and not path.startswith(_DEPS + os.sep):
                with open(_LOG, "a", encoding="utf-8") as f:
                    f.write(path + "\\n")
    sys.addaudithook(_hook)
    """)


@pytest.mark.wheel
def test_the_installed_wheel_renders_every_report_in_a_new_study_without_the_checkout(tmp_path):
    """Build the wheel, install it into a fresh venv (its dependencies are this venv's,
    reached through a .pth so nothing is downloaded), init a study, copy the bundled articles
    in and render every report there; an audit hook in every process of the new venv, the
    notebook kernels included, records any file of the repository opened."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                    str(repo_root())], check=True, timeout=300)
    venv.create(tmp_path / "venv", with_pip=False)
    python = str(tmp_path / "venv/bin/python")
    wheel = next((tmp_path / "dist").glob("kargraph-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", str(wheel)],
                   check=True, timeout=300)
    site = Path(subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        text=True).strip())
    deps = Path(next(p for p in sys.path if p.endswith("site-packages")))
    log = tmp_path / "repository_files_opened.txt"
    (site / "zz_dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    (site / "_repo_guard.py").write_text(GUARD.format(repo=str(repo_root()), deps=str(deps.parents[2]),
                                                      log=str(log)), encoding="utf-8")
    (site / "_repo_guard.pth").write_text("import _repo_guard\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH")}
    env["PATH"] = f"{tmp_path / 'venv/bin'}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PATH"] = str(deps.parents[2] / "share/jupyter")  # nbconvert's templates, with the dependencies
    work = tmp_path / "home"
    work.mkdir()

    def kargraph(*args, cwd):
        done = subprocess.run([str(tmp_path / "venv/bin/kargraph"), *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=900)
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    kargraph("init", "study", "--profile", "nagorno_karabakh", cwd=work)
    for article in bundled_corpus().iterdir():
        shutil.copy(article, work / "study/corpus" / article.name)
    claims = kargraph("claims", "-o", "claims.csv", cwd=work / "study")
    assert "34 claims from 5 documents" in claims.stderr
    kargraph("render", cwd=work / "study")
    manifest = latest_manifest(work / "study/reports")
    shipped = yaml.safe_load((repo_root() / "reports.yaml").read_text())["reports"]
    assert len(manifest["reports"]) == sum(len(r.get("parameter_sets") or [1]) for r in shipped)
    for entry in manifest["reports"]:
        assert Path(entry["notebook"]).is_relative_to(work / "study/notebooks"), entry["notebook"]
        assert Path(entry["corpus"]) == (work / "study/corpus").resolve()
        assert (work / "study/reports" / manifest["run_id"] / entry["html"]).stat().st_size > 10_000
    assert not log.exists(), "files of the repository were opened:\n" + log.read_text()[:2000]


# ------------------------------------------------------- review and explore in a study
def _study_with_articles(tmp_path):
    import shutil

    init_study(tmp_path / "s", profile="nagorno_karabakh")
    for f in (repo_root() / "data/corpora/karabakh").iterdir():
        shutil.copy(f, tmp_path / "s/corpus" / f.name)
    return tmp_path / "s"


def test_review_inside_a_study_needs_no_path(tmp_path, monkeypatch, capsys):
    from kargraph.cli import main

    study = _study_with_articles(tmp_path)
    monkeypatch.chdir(study / "reports")
    assert main(["review", "-o", str(tmp_path / "queue.csv")]) == 0
    assert "claims to review" in capsys.readouterr().err
    assert (tmp_path / "queue.csv").read_text().startswith("claim_id")


def test_explore_inside_a_study_serves_its_corpus_its_notebook_and_keeps_corrections_there(tmp_path, monkeypatch):
    from kargraph import app

    study = _study_with_articles(tmp_path)
    monkeypatch.chdir(study)
    served = {}
    monkeypatch.setattr(app, "prepare", lambda folder, values, s=None: served.update(values, study=s) or folder)

    class Done:
        def wait(self):
            return 0

        def poll(self):
            return 0

    monkeypatch.setattr(app.subprocess, "Popen", lambda *a, **k: Done())
    from kargraph.cli import main

    assert main(["explore"]) == 0
    assert served["corpus_dir"] == str(study / "corpus")
    assert served["corrections"] == str(study / "corrections.csv")
    assert served["study"].kind == "study"
