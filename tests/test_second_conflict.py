"""Every report rendered on a second conflict: the fictional Kelvaran civil war.

The reports must speak about the corpus they are given: their findings name that corpus's
own people, places and figures, and no name of the bundled (Karabakh) profile appears in
what a reader sees.
"""
import html
import re

import pytest
import yaml

from kargraph._paths import repo_root
from kargraph.profile import load_profile

ROOT = repo_root()
CORPUS = ROOT / "data" / "corpora" / "kelvara"
PROFILE = "kelvara"


def _karabakh_words() -> set[str]:
    """Names only the bundled profile knows: its sides and their words, its people and
    governments (with aliases), its places and its events."""
    prof = load_profile("nagorno_karabakh")
    words = set(prof.sides)
    for side in prof.sides:
        words.update(prof.side_words(side))
    for actor in prof.actors.values():
        if actor.kind in ("person", "government", "joint"):
            words.update([actor.name, *actor.aliases])
    words.update(p.name for p in prof.places.values())
    words.update(e.id for e in prof.events)
    words.update(e.name for e in prof.events)
    return {w for w in words if len(w) > 2}  # "US", "AP": too short to tell from other text


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The project's reports.yaml, every parameter set pointed at the second corpus and
    profile, rendered once."""
    from kargraph.render import render_reports

    tmp = tmp_path_factory.mktemp("second")
    config = yaml.safe_load((ROOT / "reports.yaml").read_text(encoding="utf-8"))
    for report in config["reports"]:
        report["notebook"] = str(ROOT / report["notebook"])
        sets = report.get("parameter_sets") or [{"name": "default", "parameters": {}}]
        for s in sets:
            s["parameters"] = {**(s.get("parameters") or {}), "profile": PROFILE, "corpus_dir": str(CORPUS)}
        report["parameter_sets"] = sets
    path = tmp / "reports.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = render_reports(path, out=tmp / "out", run_id="kelvara", log=lambda line: None)
    pages = {p.stem: p.read_text(encoding="utf-8") for p in result.path.glob("*.html") if p.stem != "index"}
    config["index"] = (result.path / "index.html").read_text(encoding="utf-8")
    return config, pages


def _visible_text(page: str) -> str:
    page = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "", page)  # inline figures
    page = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_every_report_renders(rendered):
    config, pages = rendered
    expected = sum(len(r["parameter_sets"]) for r in config["reports"])
    assert len(pages) == expected


@pytest.mark.parametrize("stem,own_names", [
    ("01_corpus_overview", ["Belamar", "Global Wire Service"]),
    ("02_reported_tolls--official", ["belamar_market", "casualty_monitor", "58"]),
    ("02_reported_tolls--third-party", ["belamar_market", "casualty_monitor", "58"]),
    ("03_source_reliability", ["Veldra State Television", "Northern Courier"]),
    ("04_narrative_framing", ["Veldra State Television", "terrorists"]),
])
def test_findings_name_the_corpus_own_figures(rendered, stem, own_names):
    _, pages = rendered
    text = _visible_text(pages[stem])
    findings = text[text.index("Findings"):][:4000]
    for name in own_names:
        assert name in findings


def _report_stems() -> list[str]:
    from kargraph.render import _output_stem, load_config

    return [_output_stem(r.notebook, s, len(r.parameter_sets))
            for r in load_config(ROOT / "reports.yaml").reports for s in r.parameter_sets]


@pytest.mark.parametrize("stem,own_name", [("01_corpus_overview", "Belamar"),
                                            ("02_reported_tolls--official", "casualty_monitor"),
                                            ("03_source_reliability", "Veldra State Television"),
                                            ("04_narrative_framing", "Veldra State Television")])
def test_the_index_lists_each_reports_findings_with_a_link(rendered, stem, own_name):
    config, _ = rendered
    index = config["index"]
    section = index[index.index(f'<h3><a href="{stem}.html">'):]
    section = section[:section.index("</ol>")]
    assert 3 <= section.count("<li>") <= 7
    assert own_name in html.unescape(section)


@pytest.mark.parametrize("stem", _report_stems())
def test_no_karabakh_word_in_any_report(rendered, stem):
    _, pages = rendered
    words = _karabakh_words()
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")(?![\w-])")
    page = pages[stem]
    text = _visible_text(page)
    hits = sorted({m.group(0) for m in pattern.finditer(text)})
    context = [text[max(0, m.start() - 60):m.end() + 20].replace("\n", " ") for m in pattern.finditer(text)][:5]
    assert not hits, f"{stem}: {hits}; e.g. {context}"
