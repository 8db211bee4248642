"""Plotting functions for the notebooks: each takes its table, ``ax=None`` and keyword
options, draws on the given (or a new) matplotlib Axes and returns it; none calls show()."""
from __future__ import annotations

import matplotlib.pyplot as plt


def _axes(ax=None, *, figsize=(8, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


# --- corpus overview ---

# --- reported tolls ---

# --- source reliability ---

# --- narrative framing ---
