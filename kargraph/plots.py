"""Plotting functions for the notebooks: each takes its table, ``ax=None`` and keyword
options, draws on the given (or a new) matplotlib Axes and returns it; none calls show()."""
from __future__ import annotations

import numpy as np
import pandas as pd
import matplotlib.pyplot as plt


def _axes(ax=None, *, figsize=(8, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


# --- corpus overview ---
# paragraph kinds in reading order, article text first, each with a fixed colour
_KIND_COLOURS = {"headline": "tab:blue", "subheading": "lightsteelblue", "body": "tab:gray",
                 "caption": "tab:orange", "furniture": "tab:red", "credit": "tab:purple"}


def plot_documents_timeline(documents, *, ax=None, size_column: str = "n_body_chars"):
    """One marker per document at its publication date, one row per outlet.

    Args:
        documents: the ``documents`` table (:func:`kargraph.corpus.documents_table`).
        ax: Axes to draw on (a new figure when None).
        size_column: numeric column that sets the marker area (body length by default).

    Returns:
        The matplotlib Axes. Documents without an outlet or a date are left out and
        counted in the title.
    """
    import pandas as pd

    ax = _axes(ax, figsize=(8, 3))
    dated = documents.assign(when=pd.to_datetime(documents["published"], errors="coerce"))
    dated = dated[dated["when"].notna() & dated["outlet"].notna()]
    outlets = sorted(dated["outlet"].unique())
    sizes = dated[size_column].astype("float64")
    area = 40 + 400 * sizes / sizes.max() if len(sizes) and sizes.max() > 0 else 60
    ax.scatter(dated["when"], [outlets.index(o) for o in dated["outlet"]], s=area, alpha=0.7,
               color="tab:blue", edgecolor="black", linewidth=0.5)
    ax.set_yticks(range(len(outlets)), outlets)
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    ax.set_xlabel("publication date")
    left_out = len(documents) - len(dated)
    ax.set_title(f"{len(dated)} documents by outlet and date"
                 + (f" ({left_out} without outlet or date left out)" if left_out else "")
                 + f"; marker area: {size_column}")
    ax.figure.autofmt_xdate()
    return ax


def plot_paragraph_kinds(paragraphs, *, ax=None):
    """Characters of each paragraph kind per document, as stacked horizontal bars.

    Args:
        paragraphs: the ``paragraphs`` table (:func:`kargraph.corpus.paragraphs_table`).
        ax: Axes to draw on (a new figure when None).

    Returns:
        The matplotlib Axes.
    """
    ax = _axes(ax, figsize=(8, 0.5 + 0.45 * max(1, paragraphs["doc_id"].nunique())))
    chars = (paragraphs.assign(n_chars=paragraphs["end"] - paragraphs["start"])
             .pivot_table(index="doc_id", columns="kind", values="n_chars", aggfunc="sum", fill_value=0))
    kinds = [k for k in _KIND_COLOURS if k in chars.columns]
    left = None
    for kind in kinds:
        values = chars[kind].astype("float64")
        ax.barh(chars.index, values, left=left, color=_KIND_COLOURS[kind], label=kind)
        left = values if left is None else left + values
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_title("Article text and marked boilerplate per document")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return ax


# --- reported tolls ---
_OUTLET_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*", "h", "<", ">")
_NODE_STYLE = {  # type -> (colour, size)
    "outlet": ("tab:blue", 320), "document": ("lightsteelblue", 120), "claimant": ("tab:orange", 260),
    "claim": ("0.55", 40), "event": ("tab:purple", 260),
}
_EDGE_STYLE = {  # type -> (colour, style, width)
    "contradicts": ("tab:red", "solid", 2.0), "updates": ("tab:green", "solid", 2.0),
    "echoes": ("0.45", "dashed", 1.0),
}


def plot_toll_timeline(tolls, claim_key: str, *, ax=None, show_consensus: bool = True,
                       jitter_days: float | None = None):
    """Figures of one claim key over time: hedge intervals as bars, one marker per outlet.

    Only running totals are drawn (increments and subsets are not tolls). A figure sits at
    its as-of date with a filled marker, or at its publication date with a hollow one when
    it has no as-of date. An open upper bound (more than, at least) is a bar ending in an
    arrowhead above the number. Outlets reporting on the same day are spread by
    ``jitter_days`` so that every marker stays visible.

    Args:
        tolls: a :class:`kargraph.tolls.TollComparison`, or its ``claims`` table.
        claim_key: ``event / outcome / victims / side``, as in ``claims["claim_key"]``.
        ax: Axes to draw on (a new figure when None).
        show_consensus: shade each dated group's consensus low-high and mark its best.
        jitter_days: horizontal spacing between outlets on one day; by default 1% of
            the time the figures span, at least a few hours.

    Returns:
        The matplotlib Axes.
    """
    import pandas as pd

    ax = _axes(ax, figsize=(8, 4))
    claims = getattr(tolls, "claims", tolls)
    rows = claims[(claims["claim_key"] == claim_key).fillna(False) & claims["is_total"].fillna(False)]
    ax.set_title(claim_key if len(rows) else f"no totals for {claim_key}")
    if rows.empty:
        return ax
    as_of = pd.to_datetime(rows["as_of"], errors="coerce")
    when = as_of.fillna(pd.to_datetime(rows["published"], errors="coerce"))
    outlets = sorted(rows["outlet"].fillna("?").unique())
    if jitter_days is None:
        jitter_days = max(0.15, (when.max() - when.min()).days * 0.01)
    top = float(rows["interval_high"].max(skipna=True) if rows["interval_high"].notna().any() else 0)
    top = max(top, float(rows["value"].max()))
    for i, outlet in enumerate(outlets):
        mine = rows["outlet"].fillna("?") == outlet
        x = when[mine] + pd.to_timedelta((i - (len(outlets) - 1) / 2) * jitter_days, unit="D")
        colour = f"C{i % 10}"
        low = rows.loc[mine, "interval_low"]
        open_ = rows.loc[mine, "is_high_open"].fillna(False).astype(bool)
        high = rows.loc[mine, "interval_high"].where(~open_, rows.loc[mine, "value"] * 1.15 + 0.02 * top)
        ax.vlines(x, low, high, colors=colour, linewidth=4, alpha=0.45)
        if open_.any():
            ax.scatter(x[open_], high[open_], marker="^", color=colour, s=40)
        dated = as_of[mine].notna()
        marker = _OUTLET_MARKERS[i % len(_OUTLET_MARKERS)]
        ax.scatter(x[dated], rows.loc[mine, "point"][dated], marker=marker, color=colour, s=55, zorder=3,
                   label=outlet if dated.any() else None)
        ax.scatter(x[~dated], rows.loc[mine, "point"][~dated], marker=marker, facecolors="white",
                   edgecolors=colour, s=55, zorder=3, label=None if dated.any() else outlet)
    groups = getattr(tolls, "groups", None)
    if show_consensus and groups is not None:
        for g in groups[(groups["claim_key"] == claim_key) & groups["as_of"].notna()].itertuples():
            day = pd.Timestamp(g.as_of)
            half = pd.Timedelta(days=max(0.3, jitter_days * len(outlets)))
            ax.fill_between([day - half, day + half], g.low, g.high, color="0.85", zorder=0)
            ax.hlines(g.best, day - half, day + half, colors="0.35", linestyles="dotted", zorder=1)
    ax.set_ylabel("reported figure (people)")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, loc="best", title="outlet (hollow: no as-of date)", title_fontsize=8)
    ax.figure.autofmt_xdate()
    return ax


def plot_claim_graph(graph, *, ax=None, layout: str = "layers", seed: int = 0,
                     label_types=("outlet", "document", "claim", "claimant", "event")):
    """The claim graph: nodes coloured by type, contradictions red, updates green, echoes dashed.

    Args:
        graph: a graph from :func:`kargraph.graph.build_graph`.
        ax: Axes to draw on (a new figure when None).
        layout: ``"layers"`` (columns: outlets, documents, claims, claimants, events;
            claims ordered by claim key and date so that related figures sit together)
            or ``"spring"`` (networkx spring layout).
        seed: seed of the spring layout, so the drawing is the same on every run.
        label_types: node types whose names are written next to them (a claim shows
            its figure, ``~5,000``).

    Returns:
        The matplotlib Axes.
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    ax = _axes(ax, figsize=(10, 8))
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.set_title("empty claim graph")
        return ax
    pos = _layers(graph) if layout == "layers" else nx.spring_layout(graph, seed=seed, iterations=300)
    for type_, (colour, size) in _NODE_STYLE.items():
        nodes = [n for n, d in graph.nodes(data=True) if d.get("type") == type_]
        nx.draw_networkx_nodes(graph, pos, nodelist=nodes, node_color=colour, node_size=size, ax=ax)
    plain = [(u, v) for u, v, d in graph.edges(data=True) if d.get("type") not in _EDGE_STYLE]
    nx.draw_networkx_edges(graph, pos, edgelist=plain, edge_color="0.85", width=0.5, arrows=False, ax=ax)
    for type_, (colour, style, width) in _EDGE_STYLE.items():
        edges = [(u, v) for u, v, d in graph.edges(data=True) if d.get("type") == type_]
        # claim-to-claim edges bend out of the claims' column so that they stay visible
        nx.draw_networkx_edges(graph, pos, edgelist=edges, edge_color=colour, style=style, width=width,
                               arrows=True, arrowsize=9, connectionstyle="arc3,rad=0.6", ax=ax)
    labels = {n: str(d.get("label", n.split(":", 1)[-1])) for n, d in graph.nodes(data=True)
              if d.get("type") in label_types}
    nx.draw_networkx_labels(graph, pos, labels=labels, font_size=6, ax=ax)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=t) for t, (c, _) in _NODE_STYLE.items()]
    handles += [Line2D([], [], color=c, linestyle=s, label=t) for t, (c, s, _) in _EDGE_STYLE.items()]
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def _layers(graph) -> dict:
    """Positions in columns by node type, each column spread evenly from top to bottom."""
    columns = {"outlet": 0, "document": 1, "claim": 2, "claimant": 3, "event": 4}
    order = lambda n: (str(graph.nodes[n].get("claim_key", "")), str(graph.nodes[n].get("as_of", "")), n)
    pos = {}
    for type_, x in columns.items():
        nodes = sorted((n for n, d in graph.nodes(data=True) if d.get("type") == type_), key=order)
        for i, node in enumerate(nodes):
            pos[node] = (x, 1 - 2 * (i + 0.5) / len(nodes))
    for node in graph.nodes:  # a node of another type: aside
        pos.setdefault(node, (len(columns), 0.0))
    return pos


# --- source reliability ---
def plot_scorecard(scores, *, ax=None, cmap: str = "RdYlGn"):
    """Outlet x component heatmap of the scorecard, the overall score in the last column.

    Each cell shows the score and the number of evidence rows behind it (``n=0``: no
    evidence: the cell reads "no evidence"); each column label shows the component's weight, so the
    chart never shows a score without its parts.

    Args:
        scores: the ``scores`` table of :func:`kargraph.reliability.score_sources`.
        ax: Axes to draw on (a new figure when None).
        cmap: matplotlib colour map (scores run from 0 to 1).

    Returns:
        The matplotlib Axes.
    """
    from .schema import RELIABILITY_COMPONENTS

    components = list(RELIABILITY_COMPONENTS)
    ax = _axes(ax, figsize=(1.1 * (len(components) + 1) + 2, 0.6 * max(1, len(scores)) + 1.5))
    columns = components + ["overall"]
    values = scores[columns].astype("float64").to_numpy()
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for i, row in enumerate(scores.itertuples()):
        for j, column in enumerate(columns):
            n = "" if column == "overall" else f"\nn={getattr(row, 'n_' + column)}"
            cell = "no\nevidence" if np.isnan(values[i, j]) else f"{values[i, j]:.2f}{n}"
            ax.text(j, i, cell, ha="center", va="center", fontsize="small")
    labels = [f"{c}\nw={scores['weight_' + c].iloc[0]:g}" if len(scores) else c for c in components]
    ax.set_xticks(range(len(columns)), labels + ["overall"], rotation=30, ha="right", fontsize="small")
    ax.set_yticks(range(len(scores)), [f"{r.rank}. {r.outlet}" if pd.notna(r.rank) else f"(unranked) {r.outlet}"
                                       for r in scores.itertuples()])
    ax.axvline(len(components) - 0.5, color="black", linewidth=1.5)
    ax.figure.colorbar(image, ax=ax, fraction=0.03, label="score (1 = best)")
    ax.set_title("Reliability scorecard: components, weights (w) and evidence rows (n)")
    return ax


def plot_reuse_map(reuse_map, *, outlets=None, ax=None):
    """Outlets as nodes, shared wording as arrows from the earlier outlet to the later one.

    Arrow width grows with the number of sentence pairs (written on the arrow); a red
    arrow marks a derivative outlet; a dashed line without a head joins outlets whose
    shared sentences appeared the same day (or undated), when who came first is unknown.

    Args:
        reuse_map: the ``reuse_map`` table of :func:`kargraph.reliability.score_sources`.
        outlets: every outlet to draw, with or without reuse (default: those in the table).
        ax: Axes to draw on (a new figure when None).

    Returns:
        The matplotlib Axes.
    """
    import networkx as nx

    ax = _axes(ax, figsize=(6, 5))
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(set(() if outlets is None else outlets) | set(reuse_map["outlet"]) | set(reuse_map["other_outlet"])))
    for r in reuse_map.itertuples():
        if r.direction in ("later", "mixed") or not graph.has_edge(r.outlet, r.other_outlet):
            graph.add_edge(r.other_outlet, r.outlet, n=int(r.n_passages), direction=r.direction,
                           derivative=bool(r.is_derivative))
    pos = nx.circular_layout(graph) if len(graph) > 1 else {n: (0.0, 0.0) for n in graph}
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color="lightsteelblue", node_size=2600, edgecolors="black")
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=8)
    for directed in (True, False):
        edges = [(a, b) for a, b, d in graph.edges(data=True) if (d["direction"] in ("later", "mixed")) == directed]
        if not edges:
            continue
        nx.draw_networkx_edges(
            graph, pos, edgelist=edges, ax=ax, arrows=directed, arrowsize=18, node_size=2600,
            width=[1 + 1.5 * graph.edges[e]["n"] for e in edges], style="solid" if directed else "dashed",
            edge_color=["tab:red" if graph.edges[e]["derivative"] else "0.35" for e in edges],
            connectionstyle="arc3,rad=0.08" if directed else "arc3")
    nx.draw_networkx_edge_labels(graph, pos, ax=ax, font_size=8,
                                 edge_labels={(a, b): d["n"] for a, b, d in graph.edges(data=True)})
    ax.set_title("Shared wording between outlets (arrow: earlier -> later; label: sentence pairs)")
    ax.margins(0.2)
    ax.set_axis_off()
    return ax


def plot_weight_sensitivity(sensitivity, *, ax=None):
    """Each outlet's rank as one weight at a time is multiplied by each factor.

    The x axis holds one block per component (its factors from left to right); a line per
    outlet shows its rank within each block, the dotted line its rank under the weights
    as set.

    Args:
        sensitivity: the table of :func:`kargraph.reliability.weight_sensitivity`.
        ax: Axes to draw on (a new figure when None).

    Returns:
        The matplotlib Axes.
    """
    ax = _axes(ax, figsize=(10, 4))
    moved = sensitivity[sensitivity["component"] != "base"]
    components = list(dict.fromkeys(moved["component"]))
    factors = sorted(moved["factor"].unique())
    outlets = sorted(sensitivity["outlet"].unique())
    width = len(factors) + 1
    for k, outlet in enumerate(outlets):
        colour = f"C{k % 10}"
        mine = moved[moved["outlet"] == outlet]
        for i, component in enumerate(components):
            part = mine[mine["component"] == component].sort_values("factor")
            x = [i * width + factors.index(f) for f in part["factor"]]
            ax.plot(x, part["rank"], marker="o", color=colour, label=outlet if i == 0 else None)
        base = sensitivity[(sensitivity["component"] == "base") & (sensitivity["outlet"] == outlet)]["rank"]
        if len(base):
            ax.axhline(float(base.iloc[0]), color=colour, linestyle=":", linewidth=0.8)
    ax.set_xticks([i * width + (len(factors) - 1) / 2 for i in range(len(components))], components,
                  rotation=20, ha="right")
    ax.set_yticks(range(1, len(outlets) + 1))
    ax.set_ylim(len(outlets) + 0.5, 0.5)
    ax.set_ylabel("rank (1 = highest)")
    ax.set_title("Rank as each weight is multiplied by " + ", ".join(f"{f:g}" for f in factors))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return ax


# --- narrative framing ---
# kargraph's own side values (not a conflict's) keep one colour each; a profile's sides take
# their `colour` from the profile, else the next colour of the palette in profile order
_FIXED_SIDE_COLOURS = {"both": "tab:purple", "each": "tab:pink", "neutral": "tab:green", "unknown": "lightgray"}
_SIDE_PALETTE = ("tab:blue", "tab:orange", "tab:red", "tab:brown", "tab:olive", "tab:cyan", "gold", "navy")


def side_colours(profile=None, sides=()) -> dict[str, str]:
    """A colour for every side: the profile's sides first, in profile order, then kargraph's
    own values (``both``, ``each``, ``neutral``, ``unknown``), then any other side in
    ``sides`` (none is ever dropped).

    Args:
        profile: a :class:`kargraph.profile.Profile` (or None: no sides of its own).
        sides: side values met in a table, in the order they should follow.

    Returns:
        An ordered mapping side -> matplotlib colour.
    """
    palette = iter(_SIDE_PALETTE * 4)
    colours: dict[str, str] = {}
    for side, spec in (getattr(profile, "sides", None) or {}).items():
        colours[side] = (spec or {}).get("colour") or next(palette)
    for side, colour in _FIXED_SIDE_COLOURS.items():
        colours.setdefault(side, colour)
    for side in sides:
        if side not in colours:
            colours[side] = next(palette)
    return colours


def side_label(profile, side: str) -> str:
    """The short ``label`` the profile gives a side (its id when it gives none)."""
    spec = (getattr(profile, "sides", None) or {}).get(side) or {}
    return str(spec.get("label") or side)


def plot_frame_heatmap(frame_shares, *, ax=None, cmap: str = "Blues"):
    """Outlet x frame heatmap of the share of article sentences that carry each frame.

    Args:
        frame_shares: the ``frame_shares`` table of :func:`kargraph.framing.frame_profile`.
        ax: Axes to draw on (a new figure when None).
        cmap: matplotlib colour map.

    Returns:
        The matplotlib Axes; each cell is annotated with its share in per cent.
    """
    grid = frame_shares.pivot(index="outlet", columns="frame", values="share").astype("float64")
    ax = _axes(ax, figsize=(1.2 + 1.1 * grid.shape[1], 0.8 + 0.5 * grid.shape[0]))
    image = ax.imshow(grid.to_numpy(), cmap=cmap, vmin=0, vmax=max(0.01, float(grid.max().max())), aspect="auto")
    ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=30, ha="right")
    ax.set_yticks(range(grid.shape[0]), grid.index)
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            value = grid.iat[i, j]
            ax.text(j, i, "" if value != value else f"{100 * value:.0f}%", ha="center", va="center", fontsize="small",
                    color="white" if value > 0.6 * grid.max().max() else "black")
    ax.figure.colorbar(image, ax=ax, label="share of article sentences")
    ax.set_title("Frames per outlet")
    return ax


def plot_voice_shares(voice_shares, *, by: str = "side", measure: str = "share_words", ax=None, top: int = 6,
                      profile=None):
    """Share of voice per outlet as stacked horizontal bars, by side or by speaker.

    Args:
        voice_shares: the ``voice_shares`` table of :func:`kargraph.framing.frame_profile`.
        by: ``side`` or ``speaker``.
        measure: ``share_words`` (share of quoted words) or ``share_voices`` (of quotes).
        ax: Axes to draw on (a new figure when None).
        top: with ``by="speaker"``, the speakers drawn one by one (the rest are "others").
        profile: the conflict profile whose sides set the order and colours (by side;
            see :func:`side_colours`); every side of the table is drawn.

    Returns:
        The matplotlib Axes.
    """
    rows = voice_shares[voice_shares["by"] == by]
    if by == "speaker":
        keep = set(rows.groupby("name")[measure].sum().nlargest(top).index)
        rows = rows.assign(name=rows["name"].where(rows["name"].isin(keep), "others"))
    grid = rows.pivot_table(index="outlet", columns="name", values=measure, aggfunc="sum", fill_value=0.0)
    colours = side_colours(profile, sorted(grid.columns))
    order = [c for c in colours if c in grid.columns] if by == "side" else \
        sorted(grid.columns, key=lambda c: (c == "others", -grid[c].sum()))
    ax = _axes(ax, figsize=(8, 0.8 + 0.45 * max(1, len(grid))))
    left = None
    for name in order:
        values = grid[name].astype("float64")
        colour = colours[name] if by == "side" else ("lightgray" if name == "others" else None)
        label = side_label(profile, name) if by == "side" else name
        ax.barh(grid.index, values, left=left, label=label, color=colour)
        left = values if left is None else left + values
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of quoted words" if measure == "share_words" else "share of quotes and paraphrases")
    ax.set_title(f"Who speaks in each outlet, by {by}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return ax


def plot_distinctive_words(words, *, ax=None, top: int = 15):
    """The most distinctive words of each group as horizontal bars of their z-scores.

    Args:
        words: the table of :func:`kargraph.framing.distinctive_words`.
        ax: Axes to draw on (a new figure when None).
        top: words drawn per group.

    Returns:
        The matplotlib Axes; group A's words point right, group B's left.
    """
    import pandas as pd

    a = words[words["z"] > 0].nlargest(top, "z")
    b = words[words["z"] < 0].nsmallest(top, "z")
    shown = pd.concat([b.sort_values("z"), a.sort_values("z")])  # bottom to top: B's strongest first
    ax = _axes(ax, figsize=(7, 0.6 + 0.28 * max(1, len(shown))))
    colours = ["tab:red" if z > 0 else "tab:blue" for z in shown["z"]]
    ax.barh(range(len(shown)), shown["z"], color=colours)
    ax.set_yticks(range(len(shown)), shown["word"])
    ax.axvline(0, color="black", linewidth=0.8)
    name_a = words["group_a"].iloc[0] if len(words) else "group A"
    name_b = words["group_b"].iloc[0] if len(words) else "group B"
    ax.set_xlabel(f"z-score of weighted log-odds  (← {name_b}   |   {name_a} →)")
    ax.set_title("Distinctive words (Monroe, Colaresi & Quinn 2008)")
    return ax
