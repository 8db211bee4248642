"""Notebook 02 (reported tolls): what its committed run shows, and runs with other parameters.

nbval (root ``conftest.py``) proves that the committed outputs are those a fresh run
gives; the tests here read the tables of those outputs (their HTML, by column names, never
by cell position) and check that they show the findings of the issue on the bundled
corpus. A rendered run with other parameters checks that the parameters do what they say,
including a selection with nothing to compare, and that the claim graph file is written
only when asked.
"""
from __future__ import annotations

import io
import json
import re

import nbformat
import networkx as nx
import pandas as pd
import pytest
import yaml

from kargraph._paths import repo_root
from kargraph.render import render_reports

NOTEBOOK = repo_root() / "notebooks" / "02_reported_tolls.ipynb"
PUTIN_OUTLETS = ["CGTN", "Press TV", "Scopic World"]


def output_tables(path) -> list[pd.DataFrame]:
    """Every table a notebook shows, read back from the HTML of its outputs."""
    nb = nbformat.read(path, as_version=4)
    tables = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html:
                for table in pd.read_html(io.StringIO(html), index_col=0):
                    if isinstance(table.columns, pd.MultiIndex):  # a named column axis adds a header row
                        table.columns = table.columns.get_level_values(0)
                    tables.append(table)
    return tables


def shown(tables: list[pd.DataFrame], *columns: str) -> pd.DataFrame:
    """The one table shown with all these columns."""
    found = [t for t in tables if set(columns) <= set(t.columns)]
    assert len(found) == 1, f"{len(found)} tables with columns {columns}"
    return found[0]


@pytest.fixture(scope="module")
def tables() -> list[pd.DataFrame]:
    return output_tables(NOTEBOOK)


@pytest.fixture(scope="module")
def outlet_table(tables) -> pd.DataFrame:
    return next(t for t in tables if set(PUTIN_OUTLETS) <= set(t.columns)).fillna("")


# ------------------------------------------------- the "Done when" list
@pytest.mark.parametrize("row, figure", [  # the hedge is part of the figure: about / nearly, more than
    ("nk_2020 / killed / all / both @ 2020-10-22", r"[~≲]5,000 \[putin\]"),
    ("nk_2020 / killed / all / each @ 2020-10-22", r">2,000 each \[putin\]"),
])
def test_putins_total_and_per_side_figure_are_carried_by_three_outlets(outlet_table, row, figure):
    carrying = sorted(outlet for outlet, cell in outlet_table.loc[row].items() if re.search(figure, cell))
    assert carrying == PUTIN_OUTLETS


def test_scopic_worlds_garbled_per_side_quote_is_shown_with_its_sentence(tables):
    carriages = shown(tables, "source", "value", "rank", "outlet", "sentence")
    per_side = carriages[(carriages["source"] == "putin") & (carriages["value"] == 2000)]
    assert sorted(per_side["outlet"]) == PUTIN_OUTLETS
    garbled = per_side.loc[per_side["outlet"] == "Scopic World", "sentence"].tolist()
    assert garbled and "Two on both sides, more than two thousand" in garbled[0]


def test_the_karabakh_military_toll_rises_from_542_to_874(tables):
    updates = shown(tables, "previous_value", "value", "change", "claim_key", "sentence")
    rise = updates[(updates["previous_value"] == 542) & (updates["value"] == 874)]
    assert len(rise) >= 1
    assert set(rise["claim_key"]) == {"nk_2020 / killed / military / armenian"}
    assert set(rise["source"]) == {"karabakh_officials"}


def test_the_61_vs_63_azerbaijani_civilians_contradiction_is_shown_with_its_sentences(tables):
    contradictions = shown(tables, "contradiction_id", "values", "sentence")
    pair = contradictions[contradictions["values"] == "61 | 63"]
    assert sorted(pair["outlet"]) == ["CGTN", "Scopic World"]
    assert pair["contradiction_id"].str.contains("azerbaijan|nk_2020 / killed / civilian / azerbaijani",
                                                 regex=False).all()
    assert all(str(v) in s for v, s in zip(pair["value"], pair["sentence"]))


@pytest.mark.parametrize("event, figures", [
    ("nk_1988_1994", {"30,000", "~30,000"}),
    ("border_2022", {"~300", ">200", "~80"}),
])
def test_other_wars_figures_are_kept_apart_from_the_2020_ones(tables, event, figures):
    behind = shown(tables, "group_id", "outlet", "figure", "text", "doc_id", "start", "end", "sentence")
    numbers = behind["figure"].str.split(" [", regex=False).str[0]
    theirs = behind[numbers.isin(figures)]
    assert len(theirs) >= len(figures)
    assert theirs["group_id"].str.startswith(event + " / ").all()
    groups = shown(tables, "group_id", "figures", "low", "best", "high")
    nk_2020 = groups[groups["group_id"].str.startswith("nk_2020 / ")]
    assert not nk_2020["figures"].str.contains("|".join(sorted(figures)), regex=False).any()
    assert (nk_2020["high"].dropna() < 30_000).all()  # a group left with only a relabelled carriage has none


def test_every_figure_of_the_outlet_table_is_shown_with_its_span_and_sentence(tables, outlet_table):
    behind = shown(tables, "group_id", "outlet", "figure", "text", "doc_id", "start", "end", "sentence")
    for (group_id, outlet), rows in behind.groupby(["group_id", "outlet"]):
        assert outlet_table.loc[group_id, outlet] == "; ".join(dict.fromkeys(rows["figure"]))
    assert behind[["doc_id", "start", "end", "sentence", "text"]].notna().all().all()
    assert (behind["start"] < behind["end"]).all()


# ------------------------------------------------------- other parameters
@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The notebook rendered like ``make report`` with two other parameter sets."""
    folder = tmp_path_factory.mktemp("report02")
    graph_file = folder / "graph" / "claims.graphml"
    config = folder / "reports.yaml"
    config.write_text(yaml.safe_dump({"reports": [{"notebook": str(NOTEBOOK), "parameter_sets": [
        {"name": "two-outlets", "parameters": {"event": "nk_2020", "outlets": ["CGTN", "Scopic World"],
                                               "consensus_rule": "latest_third_party",
                                               "graph_file": str(graph_file)}},
        {"name": "nothing-to-compare", "parameters": {"outlets": ["Teller Report"], "outcome": "wounded"}},
    ]}]}), encoding="utf-8")
    result = render_reports(config, out=folder / "out", run_id="test", log=lambda line: None)
    return result.path, graph_file


def test_a_selection_of_outlets_and_an_event_with_the_third_party_rule(rendered):
    folder, graph_file = rendered
    tables = output_tables(folder / "02_reported_tolls--two-outlets.ipynb")
    outlets = next(t for t in tables if "CGTN" in t.columns)
    assert sorted(outlets.columns) == ["CGTN", "Scopic World"]
    groups = shown(tables, "group_id", "figures", "rule", "low", "best", "high")
    assert set(groups["rule"]) == {"latest_third_party"}
    assert groups["group_id"].str.startswith("nk_2020 / ").all()
    total = groups.set_index("group_id").loc["nk_2020 / killed / all / both @ 2020-10-22"]
    assert total["best"] == 5000  # CGTN's "nearly 5,000" and Scopic World's "about 5,000": one figure


def test_the_claim_graph_is_written_only_when_asked_and_holds_the_selection(rendered):
    folder, graph_file = rendered
    graph = nx.read_graphml(graph_file)
    claim_outlets = {d["outlet"] for _, d in graph.nodes(data=True) if d["type"] == "claim"}
    assert claim_outlets == {"CGTN", "Scopic World"}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["reports"]) == 2
    assert sorted(p.name for p in graph_file.parent.iterdir()) == ["claims.graphml"]


def test_a_selection_with_nothing_to_compare_still_renders(rendered):
    folder, _ = rendered
    nb = nbformat.read(folder / "02_reported_tolls--nothing-to-compare.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "0 selected" in printed and "0 groups of comparable figures" in printed
    assert (folder / "02_reported_tolls--nothing-to-compare.html").is_file()
