"""Plotting functions for the notebooks: each takes its table, ``ax=None`` and keyword
options, draws on the given (or a new) matplotlib Axes and returns it; none calls show()."""
from __future__ import annotations

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

# --- source reliability ---

# --- narrative framing ---
