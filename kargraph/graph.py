"""The claim graph: outlets, documents, claimants, claims and events in one networkx graph.

``build_graph(corpus, claims)`` returns a :class:`networkx.MultiDiGraph`; ``export_graph``
writes it as GraphML (``.graphml``, for Gephi or yEd) or node-link JSON (``.json``, for
d3 and the like), never into the corpus folder. Every node and edge has a ``type`` and only plain str / int / float /
bool attributes (missing values are left out), so both formats take it as it is.

Nodes (id: ``type``)
    ``outlet:NAME`` outlet; ``doc:DOC_ID`` document (outlet, published, headline);
    ``claimant:ID`` claimant; ``claim:CLAIM_ID`` claim (value, hedge, label, claim key,
    group, as-of date, doc_id / start / end and the sentence, so each traces to its
    text); ``event:ID`` event.
Edges (source -> target: ``type``)
    outlet -> document: ``publishes``; document -> claim: ``reports``; claim -> claimant
    (or the outlet, for a figure in the outlet's own voice): ``attributed_to``; claim ->
    event: ``about``; claim -> first carriage of each other value the same source gave
    for the same group: ``contradicts``; claim -> first carriage of the figure it
    replaces: ``updates``; claim -> first carriage of the figure it repeats: ``echoes``.
    The last three follow :func:`kargraph.tolls.compare_tolls`.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from ._io import atomic_write_text
from .tolls import OUTLET_VOICE, TollComparison, compare_tolls, figure_label

NODE_TYPES = ("outlet", "document", "claimant", "claim", "event")
EDGE_TYPES = ("publishes", "reports", "attributed_to", "about", "contradicts", "updates", "echoes")

_CLAIM_ATTRS = ("claim_id", "doc_id", "start", "end", "sentence", "value", "low", "high", "hedge",
                "is_increment", "parent_claim_id", "outcome", "victims", "side", "claimant", "attribution",
                "event", "as_of", "outlet", "published", "claim_key", "group_id", "source", "figure_id",
                "incomplete_key", "in_consensus", "dropped_attribution", "dropped_hedge", "is_stale")


def build_graph(corpus: Iterable, claims: pd.DataFrame, *, tolls: TollComparison | None = None) -> nx.MultiDiGraph:
    """Outlets, documents, claimants, claims and events with the edges between them.

    Args:
        corpus: a :class:`kargraph.document.Corpus` or any iterable of ``Document``s;
            only ``doc_id``, ``outlet``, ``published`` and ``headline`` are read.
            Documents named in ``claims`` but absent here get a node from the claims.
        claims: the claims table.
        tolls: the comparison of these claims, when already computed (its annotated
            claims become the claim nodes); otherwise
            :func:`kargraph.tolls.compare_tolls` runs with its default options.

    Returns:
        A ``networkx.MultiDiGraph`` (node and edge types in the module docstring).

    Raises:
        ValueError: ``tolls`` was computed from other claims.
    """
    tolls = tolls if tolls is not None else compare_tolls(claims)
    table = tolls.claims
    if set(table["claim_id"]) != set(claims["claim_id"].astype("string")):
        raise ValueError("build_graph: tolls were computed from another claims table (claim ids differ)")
    graph = nx.MultiDiGraph()
    for doc in corpus:
        _add_document(graph, doc.doc_id, doc.outlet, doc.published, doc.headline)
    for row in table.itertuples(index=False):
        if not graph.has_node(_doc(row.doc_id)):
            _add_document(graph, row.doc_id, row.outlet, row.published, None)
        claim = _claim(row.claim_id)
        attrs = {k: getattr(row, k) for k in _CLAIM_ATTRS}
        attrs["label"] = figure_label(row.value, row.hedge, side=row.side, low=row.low, high=row.high,
                                      is_increment=row.is_increment, is_subset=pd.notna(row.parent_claim_id))
        _add_node(graph, claim, "claim", **attrs)
        _add_edge(graph, _doc(row.doc_id), claim, "reports", start=row.start, end=row.end)
        if row.claimant == OUTLET_VOICE and _present(row.outlet):
            _add_edge(graph, claim, _outlet(row.outlet), "attributed_to", attribution=row.attribution)
        elif _present(row.claimant):
            _add_node(graph, f"claimant:{row.claimant}", "claimant", claimant=row.claimant)
            _add_edge(graph, claim, f"claimant:{row.claimant}", "attributed_to", attribution=row.attribution)
        if _present(row.event):
            _add_node(graph, f"event:{row.event}", "event", event=row.event)
            _add_edge(graph, claim, f"event:{row.event}", "about")
        if _present(row.echo_of):
            _add_edge(graph, claim, _claim(row.echo_of), "echoes", dropped_attribution=row.dropped_attribution,
                      dropped_hedge=row.dropped_hedge, hedge_changed=row.hedge_changed)
    for row in tolls.contradictions.itertuples(index=False):
        for other in str(row.contradiction_with).split(" | "):
            if other and other != "<NA>":
                _add_edge(graph, _claim(row.claim_id), _claim(other), "contradicts", group_id=row.contradiction_id)
    for row in tolls.updates.itertuples(index=False):
        _add_edge(graph, _claim(row.claim_id), _claim(row.previous_claim_id), "updates", change=row.change,
                  previous_as_of=row.previous_as_of)
    return graph


def export_graph(graph: nx.Graph, path: str | Path, *, corpus_dir: str | Path | None = None) -> Path:
    """Write ``graph`` atomically as GraphML (``.graphml``) or node-link JSON (``.json``).

    Args:
        graph: a graph from :func:`build_graph`.
        path: the file to write; its suffix chooses the format.
        corpus_dir: the corpus folder the graph was built from: a ``path`` inside it is
            refused, since kargraph never writes into a corpus folder.

    Raises:
        ValueError: the suffix is neither ``.graphml`` nor ``.json``, or ``path`` lies
            inside ``corpus_dir``.
    """
    path = Path(path)
    if corpus_dir is not None and path.resolve().is_relative_to(Path(corpus_dir).resolve()):
        raise ValueError(f"{path}: inside the corpus folder {corpus_dir}; kargraph never writes into a corpus "
                         "folder (choose e.g. reports/claim_graph.graphml)")
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        text = "\n".join(nx.generate_graphml(graph))
    elif suffix == ".json":
        text = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)
    else:
        raise ValueError(f"{path}: unknown graph format {suffix!r} (use .graphml or .json)")
    return atomic_write_text(path, text + "\n")


# ------------------------------------------------------------------- helpers
def _doc(doc_id) -> str:
    return f"doc:{doc_id}"


def _claim(claim_id) -> str:
    return f"claim:{claim_id}"


def _outlet(name) -> str:
    return f"outlet:{name}"


def _add_document(graph: nx.MultiDiGraph, doc_id, outlet, published, headline) -> None:
    _add_node(graph, _doc(doc_id), "document", doc_id=doc_id, outlet=outlet, published=published,
              headline=headline)
    if _present(outlet):
        _add_node(graph, _outlet(outlet), "outlet", outlet=outlet)
        _add_edge(graph, _outlet(outlet), _doc(doc_id), "publishes")


def _add_node(graph: nx.MultiDiGraph, node: str, type_: str, **attrs) -> None:
    graph.add_node(node, type=type_, **_plain(attrs))


def _add_edge(graph: nx.MultiDiGraph, u: str, v: str, type_: str, **attrs) -> None:
    """Add one edge of a type between two nodes (at most one per type and direction)."""
    if graph.has_edge(u, v, key=type_):
        return
    graph.add_edge(u, v, key=type_, type=type_, **_plain(attrs))


def _plain(attrs: dict) -> dict:
    """Attributes as plain Python values; missing ones are left out (GraphML has no null)."""
    out = {}
    for key, value in attrs.items():
        if value is None or value is pd.NA or value is pd.NaT:
            continue
        if isinstance(value, (np.bool_, bool)):
            out[key] = bool(value)
        elif isinstance(value, (np.integer, int)):
            out[key] = int(value)
        elif isinstance(value, (np.floating, float)):
            if not math.isnan(value):
                out[key] = float(value)
        elif isinstance(value, (dt.date, pd.Timestamp)):
            out[key] = value.isoformat()[:10]
        else:
            out[key] = str(value)
    return out


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA \
        and str(value) != ""
