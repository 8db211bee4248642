"""build_graph / export_graph on a small constructed corpus whose graph is known."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import matplotlib
import networkx as nx
import pytest
from test_tolls import table

from kargraph.document import Document, Paragraph
from kargraph.graph import EDGE_TYPES, NODE_TYPES, build_graph, export_graph
from kargraph.tolls import compare_tolls

matplotlib.use("Agg")

# (outlet, published, claimant, value, hedge, as_of[, extra])
ROWS = [
    ("A", "2021-01-02", "minister", 100, "exact", "2021-01-01"),
    ("B", "2021-01-03", "minister", 100, "about", "2021-01-01"),       # echo of A's
    ("B", "2021-01-03", "minister", 120, "exact", "2021-01-01"),       # contradicts 100
    ("C", "2021-01-09", "minister", 150, "exact", "2021-01-05"),       # updates 100 and 120
    ("C", "2021-01-09", "outlet", 30000, "exact", None, {"event": "older_war"}),
]


def document(outlet: str, published: str) -> Document:
    headline = f"{outlet} reports the toll"
    return Document(doc_id=f"{outlet}-{published}".lower(), raw=headline + "\n",
                    paragraphs=(Paragraph(0, 0, len(headline), headline, "headline"),),
                    outlet=outlet, published=dt.date.fromisoformat(published))


@pytest.fixture
def claims():
    return table(*ROWS)


@pytest.fixture
def corpus():
    return [document("A", "2021-01-02"), document("B", "2021-01-03"), document("C", "2021-01-09")]


@pytest.fixture
def graph(corpus, claims):
    return build_graph(corpus, claims)


def edges(graph, type_):
    return sorted((u, v) for u, v, d in graph.edges(data=True) if d["type"] == type_)


@pytest.mark.parametrize("type_, count", [
    ("outlet", 3), ("document", 3), ("claimant", 1), ("claim", 5), ("event", 2),
])
def test_nodes_by_type(graph, type_, count):
    assert Counter(d["type"] for _, d in graph.nodes(data=True))[type_] == count


@pytest.mark.parametrize("type_, count", [
    ("publishes", 3), ("reports", 5), ("attributed_to", 5), ("about", 5), ("echoes", 1), ("contradicts", 3),
    ("updates", 2),
])
def test_edges_by_type(graph, type_, count):
    assert len(edges(graph, type_)) == count


def test_echo_contradiction_and_update_edges_join_the_right_claims(graph, claims):
    a100, b100, b120, c150, c30000 = (f"claim:{c}" for c in claims["claim_id"])
    assert edges(graph, "echoes") == [(b100, a100)]
    assert edges(graph, "contradicts") == sorted([(a100, b120), (b100, b120), (b120, a100)])
    assert edges(graph, "updates") == sorted([(c150, a100), (c150, b120)])
    assert graph.edges[c150, a100, "updates"]["change"] == 50


def test_an_outlets_own_figure_is_attributed_to_the_outlet(graph, claims):
    own = f"claim:{claims['claim_id'][4]}"
    assert (own, "outlet:C") in edges(graph, "attributed_to")
    assert not graph.has_node("claimant:outlet")
    assert graph.nodes["outlet:C"]["type"] == "outlet"


def test_every_node_and_edge_has_a_known_type_and_plain_attributes(graph):
    for _, data in graph.nodes(data=True):
        assert data["type"] in NODE_TYPES
        assert all(type(v) in (str, int, float, bool) for v in data.values())
    for *_, data in graph.edges(data=True):
        assert data["type"] in EDGE_TYPES
        assert all(type(v) in (str, int, float, bool) for v in data.values())


def test_claim_nodes_trace_to_their_span_and_documents_carry_metadata(graph, claims):
    for row in claims.itertuples():
        node = graph.nodes[f"claim:{row.claim_id}"]
        assert (node["doc_id"], node["start"], node["end"]) == (row.doc_id, row.start, row.end)
        assert graph.has_edge(f"doc:{row.doc_id}", f"claim:{row.claim_id}", "reports")
    assert graph.nodes["doc:a-2021-01-02"] == {"type": "document", "doc_id": "a-2021-01-02", "outlet": "A",
                                               "published": "2021-01-02", "headline": "A reports the toll"}


def test_documents_missing_from_the_corpus_get_a_node_from_the_claims(corpus, claims):
    graph = build_graph(corpus[:1], claims)
    assert graph.nodes["doc:c-2021-01-09"]["outlet"] == "C"
    assert graph.has_edge("outlet:C", "doc:c-2021-01-09", "publishes")


@pytest.mark.parametrize("wrap", [list, tuple, lambda docs: (d for d in docs)])
def test_any_iterable_of_documents_will_do(corpus, claims, graph, wrap):
    assert nx.utils.graphs_equal(build_graph(wrap(corpus), claims), graph)


def test_a_given_comparison_is_used_and_must_match_the_claims(corpus, claims):
    tolls = compare_tolls(claims)
    assert nx.utils.graphs_equal(build_graph(corpus, claims, tolls=tolls), build_graph(corpus, claims))
    with pytest.raises(ValueError, match="another claims table"):
        build_graph(corpus, claims.iloc[:2], tolls=tolls)


def test_no_claims_gives_outlets_and_documents_only(corpus):
    graph = build_graph(corpus, table())
    assert Counter(d["type"] for _, d in graph.nodes(data=True)) == {"outlet": 3, "document": 3}


@pytest.mark.parametrize("suffix", [".graphml", ".json"])
def test_export_round_trip(graph, tmp_path, suffix):
    path = export_graph(graph, tmp_path / f"claims{suffix}")
    if suffix == ".graphml":
        back = nx.read_graphml(path, force_multigraph=True)
    else:
        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert Counter(d["type"] for *_, d in back.edges(data=True)) == \
        Counter(d["type"] for *_, d in graph.edges(data=True))
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_export_refuses_an_unknown_format(graph, tmp_path):
    with pytest.raises(ValueError, match="claims.gexf"):
        export_graph(graph, tmp_path / "claims.gexf")


def test_graph_plot_draws_on_the_given_axes(graph):
    import matplotlib.pyplot as plt

    from kargraph.plots import plot_claim_graph

    _, ax = plt.subplots()
    assert plot_claim_graph(graph, ax=ax) is ax
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [*NODE_TYPES, "contradicts", "updates", "echoes"]
    assert "~100" in {t.get_text() for t in ax.texts}  # a claim is labelled with its figure
    plt.close("all")
