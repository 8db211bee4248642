"""Interactive exploration: an article with its claims, labels and quotes highlighted, the
claims of that article, and the timeline of one claim key across outlets.

The pieces are plain functions on tables, so they are tested without a browser:

- :func:`document_spans` -> one row per highlighted span of a document (``SPANS``);
- :func:`highlight_html` -> the article as escaped HTML with the spans marked in colour;
- :func:`legend_html` -> the colour legend; :func:`document_html` -> both, with a header;
- :func:`filter_claims`, :func:`claim_keys` and :func:`claim_timeline` -> claims tables;
- :func:`plot_claim_timeline` -> a matplotlib Axes.

:class:`Explorer` wires them to ipywidgets: dropdowns for outlet and document, filters for
event, side and victims, and a claim-key dropdown for the timeline. It takes tables as
inputs (claims per ``kargraph.schema.CLAIMS``; labels and quotes with ``doc_id``,
``start``, ``end`` into ``Document.raw``), so any extractor's output can be explored.

Highlighting is written by hand (a small interval sweep) because the marks overlap (a
claim inside a quote, a label inside both) and every character of the article must be
escaped; libraries that highlight text either expect non-overlapping matches or insert
markup into unescaped text. An article containing ``<script>`` is shown as text.
"""
from __future__ import annotations

import html
import io
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from . import schema

ALL = "(all)"

#: how each kind of span is marked; earlier kinds win the background where marks overlap
SPAN_STYLES: dict[str, dict[str, str]] = {
    "claim": {"background": "#fdd49e", "border-bottom": "2px solid #e6550d"},
    "label": {"background": "#c6dbef"},
    "quote": {"background": "#e5f5e0", "font-style": "italic"},
}
SPAN_LEGEND = {
    "claim": "casualty figure (claim)",
    "label": "label chosen for a party or place",
    "quote": "quoted or reported speech",
}

# columns shown in the claims table of a document, when present
_DOC_CLAIM_COLUMNS = ["text", "value", "low", "high", "hedge", "outcome", "victims", "side", "claimant",
                      "attribution", "event", "as_of", "start", "end", "reviewed_by", "corrected_fields"]
_KEY_COLUMNS = ["event", "outcome", "victims", "side"]
# offsets of the marked words, first pair present wins: framing tables give the label's
# own words (match_*) and what was said (content_*) besides the sentence (start, end)
_SPAN_OFFSETS = {
    "claim": [("start", "end")],
    "label": [("match_start", "match_end"), ("start", "end")],
    "quote": [("content_start", "content_end"), ("start", "end")],
}
# columns that describe a label or quote in its tooltip (all present ones, in this order)
_LABEL_NOTE = ["label", "referent", "lean"]
_QUOTE_NOTE = ["speaker_name", "speaker_side", "kind"]


# ----------------------------------------------------------------------------- spans
def document_spans(doc_id: str, *, claims: pd.DataFrame | None = None, labels: pd.DataFrame | None = None,
                   quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The spans to highlight in one document, one row each (table ``explorer_spans``).

    Args:
        doc_id: the document.
        claims: a claims table (``kargraph.schema.CLAIMS``).
        labels: label occurrences with ``doc_id`` and the label's offsets, ``match_start``
            and ``match_end`` (``kargraph.framing`` labels) or ``start`` and ``end``; with
            ``label``, ``referent``, ``lean`` when known, for the tooltip.
        quotes: quotes with ``doc_id`` and the offsets of what was said,
            ``content_start`` and ``content_end`` (``kargraph.framing`` voices) or ``start``
            and ``end``; with ``speaker_name`` when known.
    """
    parts = []
    for kind, table in (("claim", claims), ("label", labels), ("quote", quotes)):
        if table is None or table.empty:
            continue
        offsets = next((pair for pair in _SPAN_OFFSETS[kind] if set(pair) <= set(table.columns)), None)
        if "doc_id" not in table.columns or offsets is None:
            wanted = " or ".join("/".join(pair) for pair in _SPAN_OFFSETS[kind])
            raise ValueError(f"{kind} table lacks doc_id or offset columns ({wanted})")
        rows = table[(table["doc_id"] == doc_id) & table[offsets[0]].notna() & table[offsets[1]].notna()]
        if rows.empty:
            continue
        notes = rows.apply(_claim_note if kind == "claim" else
                           (lambda r: _note(r, _LABEL_NOTE)) if kind == "label" else
                           (lambda r: _note(r, _QUOTE_NOTE)), axis=1)
        parts.append(pd.DataFrame({"doc_id": doc_id, "start": rows[offsets[0]].to_numpy(),
                                   "end": rows[offsets[1]].to_numpy(), "kind": kind, "note": notes.to_numpy()}))
    if not parts:
        return schema.empty("explorer_spans")
    spans = pd.concat(parts, ignore_index=True).sort_values(["start", "end", "kind"], kind="stable")
    return schema.conform(spans.reset_index(drop=True), "explorer_spans")


def _claim_note(row) -> str:
    get = row.get
    figure = f"{get('value')} {get('outcome') or ''}".strip()
    who = ", ".join(str(get(c)) for c in ("victims", "side") if _present(get(c)))
    said = f" according to {get('claimant')}" if _present(get("claimant")) else ""
    event = f" [{get('event')}]" if _present(get("event")) else ""
    return f"{figure} ({who}){said}{event}" if who else f"{figure}{said}{event}"


def _note(row, columns: list[str]) -> str:
    return ", ".join(str(row[c]) for c in columns if c in row.index and _present(row[c]))


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA \
        and str(value) != ""


def highlight_html(text: str, spans: pd.DataFrame | Iterable[tuple[int, int, str, str]], *,
                   styles: dict[str, dict[str, str]] | None = None) -> str:
    """``text`` as escaped HTML with every span wrapped in a coloured ``<mark>``.

    Overlapping spans are cut at every boundary; each piece gets the styles of all spans
    that cover it (the first kind in ``styles`` order wins a contested property) and a
    tooltip with all their notes. Spans outside the text are clipped; empty ones ignored.

    Args:
        text: the document's raw text (offsets index into it).
        spans: ``(start, end, kind, note)`` rows or an ``explorer_spans`` table.
        styles: CSS properties per kind (default :data:`SPAN_STYLES`).
    """
    styles = SPAN_STYLES if styles is None else styles
    if isinstance(spans, pd.DataFrame):
        spans = list(spans[["start", "end", "kind", "note"]].itertuples(index=False, name=None))
    n = len(text)
    marks = []
    for start, end, kind, note in spans:
        s, e = max(0, int(start)), min(n, int(end))
        if s < e:
            marks.append((s, e, str(kind), "" if not _present(note) else str(note)))
    order = {kind: i for i, kind in enumerate(styles)}
    bounds = sorted({0, n, *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in zip(bounds, bounds[1:]):
        piece = html.escape(text[a:b], quote=True)
        covering = sorted((m for m in marks if m[0] <= a and m[1] >= b), key=lambda m: order.get(m[2], len(order)))
        if not covering:
            out.append(piece)
            continue
        css: dict[str, str] = {}
        for m in reversed(covering):  # earlier kinds applied last, so they win
            css.update(styles.get(m[2], {}))
        kinds = " ".join(sorted({f"kg-{m[2]}" for m in covering}))
        title = "; ".join(dict.fromkeys(f"{m[2]}: {m[3]}" if m[3] else m[2] for m in covering))
        style = ";".join(f"{k}:{v}" for k, v in css.items())
        out.append(f'<mark class="{html.escape(kinds)}" style="{html.escape(style)}" '
                   f'title="{html.escape(title, quote=True)}">{piece}</mark>')
    return ('<div class="kg-article" style="white-space:pre-wrap;font-family:Georgia,serif;'
            f'line-height:1.5;max-width:52em">{"".join(out)}</div>')


def document_html(doc, spans: pd.DataFrame) -> str:
    """A document as shown by the explorer: id, outlet and date, the legend, the marked text.

    ``doc`` is a :class:`~kargraph.document.Document` (or anything with ``doc_id``,
    ``raw`` and ``outlet``); ``spans`` an ``explorer_spans`` table. Everything is escaped.
    """
    meta = " · ".join(html.escape(str(x)) for x in (doc.outlet, getattr(doc, "published", None)) if x)
    return (f"<p><strong>{html.escape(doc.doc_id)}</strong> {meta}</p>" + legend_html()
            + highlight_html(doc.raw, spans))


def legend_html(kinds: Iterable[str] | None = None, *, styles: dict[str, dict[str, str]] | None = None) -> str:
    """A one-line legend: a marked sample of each kind with what it stands for."""
    styles = SPAN_STYLES if styles is None else styles
    items = []
    for kind in kinds if kinds is not None else styles:
        style = ";".join(f"{k}:{v}" for k, v in styles.get(kind, {}).items())
        items.append(f'<mark class="kg-{html.escape(kind)}" style="{html.escape(style)}">'
                     f'{html.escape(SPAN_LEGEND.get(kind, kind))}</mark>')
    return '<div class="kg-legend" style="margin:4px 0 8px 0">' + " &nbsp; ".join(items) + "</div>"


# ----------------------------------------------------------------------------- claims
def filter_claims(claims: pd.DataFrame, *, outlet: str | None = None, doc_id: str | None = None,
                  event: str | None = None, side: str | None = None, victims: str | None = None) -> pd.DataFrame:
    """The claims that match every given value (None or ``"(all)"`` matches anything)."""
    mask = pd.Series(True, index=claims.index)
    for column, value in (("outlet", outlet), ("doc_id", doc_id), ("event", event), ("side", side),
                          ("victims", victims)):
        if value is not None and value != ALL:
            mask &= claims[column].astype("string").eq(value).fillna(False).astype(bool)
    return claims[mask]


def claim_key(row) -> str:
    """The comparison key of a claim as one string: ``event / outcome / victims / side``."""
    return " / ".join("?" if not _present(row[c]) else str(row[c]) for c in _KEY_COLUMNS)


def claim_keys(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim key with its number of claims and outlets, most reported first."""
    if claims.empty:
        return pd.DataFrame({"key": pd.Series(dtype="string"), "n_claims": pd.Series(dtype="Int64"),
                             "n_outlets": pd.Series(dtype="Int64")})
    keyed = claims.assign(key=claims.apply(claim_key, axis=1))
    table = keyed.groupby("key", sort=True).agg(n_claims=("claim_id", "size"), n_outlets=("outlet", "nunique"))
    table = table.reset_index().sort_values(["n_outlets", "n_claims", "key"], ascending=[False, False, True],
                                            kind="stable")
    return table.astype({"key": "string", "n_claims": "Int64", "n_outlets": "Int64"}).reset_index(drop=True)


def claim_timeline(claims: pd.DataFrame, key: str) -> pd.DataFrame:
    """The claims of one key in date order (table ``claim_timeline``).

    ``date`` is the date the figure refers to (``as_of``) when known, else the
    publication date; ``date_basis`` says which.
    """
    if claims.empty:
        return schema.empty("claim_timeline")
    rows = claims[claims.apply(claim_key, axis=1) == key]
    as_of = rows["as_of"].astype("string")
    date = as_of.where(as_of.notna() & as_of.ne(""), rows["published"].astype("string"))
    basis = pd.Series("as_of", index=rows.index).where(as_of.notna() & as_of.ne(""), "published")
    table = rows.assign(key=key, date=date, date_basis=basis)
    table = table.sort_values(["date", "outlet", "start"], kind="stable", na_position="last")
    return schema.conform(table[[c.name for c in schema.TABLES["claim_timeline"]]].reset_index(drop=True),
                          "claim_timeline")


def plot_claim_timeline(timeline: pd.DataFrame, *, ax=None):
    """Figures of one key over time, one colour per outlet, the hedge interval as a bar.

    Open-ended intervals (more than, at least) are drawn up to the figure with a caret.
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.5))
    dates = pd.to_datetime(timeline["date"], errors="coerce")
    for outlet, rows in timeline.assign(_date=dates).groupby("outlet", sort=True, dropna=False):
        value = rows["value"].astype("float64")
        low = rows["low"].fillna(value)
        high = rows["high"]
        ax.errorbar(rows["_date"], value, yerr=[value - low, high.fillna(value) - value], fmt="o",
                    capsize=3, label=str(outlet))
        open_ended = rows[high.isna()]
        if not open_ended.empty:
            ax.scatter(open_ended["_date"], open_ended["value"].astype("float64"), marker="^", s=60,
                       facecolors="none", edgecolors="black")
    ax.set_ylabel("reported figure (people)")
    ax.set_title(str(timeline["key"].iloc[0]) if len(timeline) else "no claims for this key")
    if len(timeline):
        ax.legend(fontsize=8, loc="best")
    ax.figure.autofmt_xdate()
    return ax


# ---------------------------------------------------------------------------- widgets
@dataclass(frozen=True, kw_only=True)
class ExplorerParams:
    """Options of :class:`Explorer`.

    Attributes:
        show_boilerplate_claims: also list claims found in captions and site furniture.
        headline_chars: how much of the headline the document dropdown shows.
    """

    show_boilerplate_claims: bool = True
    headline_chars: int = 70


class Explorer:
    """Widgets to browse a corpus with its claims, labels and quotes.

    Attributes set on every change (read them in tests or code): ``doc_claims`` (claims
    of the chosen document after the filters), ``spans`` (its highlighted spans),
    ``timeline`` (claims of the chosen key after the filters); the widgets ``outlet``,
    ``document``, ``event``, ``side``, ``victims``, ``key``, ``article`` (HTML),
    ``claims_table`` (HTML), ``timeline_table`` (HTML) and ``timeline_plot`` (PNG Image).
    Display the explorer itself (``explorer`` as the last line of a cell) or ``.view``.
    """

    def __init__(self, documents: Iterable, claims: pd.DataFrame, *, labels: pd.DataFrame | None = None,
                 quotes: pd.DataFrame | None = None, params: ExplorerParams = ExplorerParams(),
                 corrections: str | None = None, profile=None):
        import ipywidgets as w

        self.documents = {d.doc_id: d for d in documents}
        self.corrections = corrections
        self.extracted = claims  # as extracted: corrections are applied to this on every edit
        self.claims = self._corrected()
        self.labels = labels
        self.quotes = quotes
        self.params = params
        outlets = sorted({d.outlet for d in self.documents.values() if d.outlet})
        self.outlet = w.Dropdown(options=[ALL, *outlets], value=ALL, description="outlet")
        self.document = w.Dropdown(options=self._document_options(ALL), description="document",
                                   layout=w.Layout(width="60%"))
        self.event = w.Dropdown(options=self._choices("event"), value=ALL, description="event")
        self.side = w.Dropdown(options=self._choices("side"), value=ALL, description="side")
        self.victims = w.Dropdown(options=self._choices("victims"), value=ALL, description="victims")
        self.key = w.Dropdown(options=[], description="claim key", layout=w.Layout(width="60%"))
        self.article = w.HTML()
        self.claims_table = w.HTML()
        self.timeline_table = w.HTML()
        self.timeline_plot = w.Image(format="png")
        self.doc_claims = self.claims.iloc[0:0]
        self.spans = schema.empty("explorer_spans")
        self.timeline = schema.empty("claim_timeline")
        self._updating_keys = False

        self.outlet.observe(self._on_outlet, names="value")
        for widget in (self.document, self.event, self.side, self.victims):
            widget.observe(self._on_document, names="value")
        for widget in (self.event, self.side, self.victims):
            widget.observe(self._on_filters, names="value")
        self.key.observe(self._on_key, names="value")
        self.review = ReviewPanel(self, profile) if corrections else None
        self._on_filters()
        self._on_document()
        self.view = w.VBox([
            w.HBox([self.outlet, self.document]),
            w.HBox([self.event, self.side, self.victims]),
            self.article,
            w.HTML("<h4>Claims in this document</h4>"), self.claims_table,
            *([self.review.view] if self.review else []),
            w.HTML("<h4>Timeline of one claim key across outlets</h4>"), self.key,
            self.timeline_plot, self.timeline_table,
        ])

    def _ipython_display_(self):
        from IPython.display import display

        # where no widget frontend runs (a static page, a rendered report), say what to do
        # instead of printing the widget tree
        bundle = self.view._repr_mimebundle_() or {}
        bundle["text/plain"] = "(interactive explorer: run this notebook in JupyterLab to use the dropdowns)"
        display(bundle, raw=True)

    def _corrected(self) -> pd.DataFrame:
        import warnings

        from .corrections import CorrectionsWarning, apply_corrections

        if not self.corrections:
            return self.extracted
        with warnings.catch_warnings():  # orphans are counted in the review panel, not repeated
            warnings.simplefilter("ignore", CorrectionsWarning)
            return apply_corrections(self.extracted, self.corrections, documents=self.documents)

    def reload(self) -> None:
        """Apply the corrections file again and redraw (after an edit)."""
        self.claims = self._corrected()
        self._on_filters()
        self._on_document()

    # ---------------------------------------------------------------- options
    def _choices(self, column: str) -> list[str]:
        if column not in self.claims.columns:
            return [ALL]
        values = self.claims[column].dropna().astype(str)
        return [ALL, *sorted(v for v in values.unique() if v)]

    def _document_options(self, outlet: str) -> list[tuple[str, str]]:
        options = []
        for doc_id, doc in sorted(self.documents.items()):
            if outlet != ALL and doc.outlet != outlet:
                continue
            headline = (getattr(doc, "headline", None) or "")[: self.params.headline_chars]
            options.append((f"{doc_id} · {headline}" if headline else doc_id, doc_id))
        return options

    def _filtered(self) -> pd.DataFrame:
        claims = filter_claims(self.claims, event=self.event.value, side=self.side.value,
                               victims=self.victims.value)
        if not self.params.show_boilerplate_claims and "location" in claims.columns:
            claims = claims[claims["location"].isin(["headline", "subheading", "body"])]
        return claims

    # --------------------------------------------------------------- handlers
    def _on_outlet(self, _change=None) -> None:
        options = self._document_options(self.outlet.value)
        self.document.options = options
        self.document.value = options[0][1] if options else None

    def _on_document(self, _change=None) -> None:
        doc = self.documents.get(self.document.value)
        if doc is None:
            self.doc_claims = self.claims.iloc[0:0]
            self.spans = schema.empty("explorer_spans")
            self.article.value = "<p>No document for this outlet.</p>"
            self.claims_table.value = ""
            return
        self.doc_claims = filter_claims(self._filtered(), doc_id=doc.doc_id)
        if self.review is not None:
            self.review.show_claims(self.doc_claims)
        self.spans = document_spans(doc.doc_id, claims=self.doc_claims, labels=self.labels, quotes=self.quotes)
        self.article.value = document_html(doc, self.spans)
        shown = self.doc_claims[[c for c in _DOC_CLAIM_COLUMNS if c in self.doc_claims.columns]]
        self.claims_table.value = (shown.to_html(index=False, escape=True, na_rep="", border=0)
                                   if len(shown) else "<p>No claims match the filters in this document.</p>")

    def _on_filters(self, _change=None) -> None:
        options = list(claim_keys(self._filtered())["key"])
        previous = self.key.value
        # changing the options fires value changes; draw the timeline once, at the end
        self._updating_keys = True
        try:
            self.key.options = options
            self.key.value = previous if previous in options else (options[0] if options else None)
        finally:
            self._updating_keys = False
        self._on_key()

    def _on_key(self, _change=None) -> None:
        import matplotlib.pyplot as plt

        if self._updating_keys:
            return
        if self.key.value is None:
            self.timeline = schema.empty("claim_timeline")
            self.timeline_table.value = "<p>No claims match the filters.</p>"
            self.timeline_plot.value = b""
            return
        self.timeline = claim_timeline(self._filtered(), self.key.value)
        columns = ["date", "date_basis", "outlet", "value", "low", "high", "hedge", "claimant", "text", "doc_id",
                   "start", "end"]
        self.timeline_table.value = self.timeline[columns].to_html(index=False, escape=True, na_rep="", border=0)
        ax = plot_claim_timeline(self.timeline)
        buf = io.BytesIO()
        ax.figure.savefig(buf, format="png", dpi=90, bbox_inches="tight")
        plt.close(ax.figure)
        self.timeline_plot.value = buf.getvalue()


class ReviewPanel:
    """The reviewer's controls of an :class:`Explorer` with a corrections file: pick a
    claim of the shown document, then set an attribute from drop-downs of the profile's
    ids, reject the claim or mark it checked. Each action appends one row to the file
    (``kargraph.corrections.append_correction``) and redraws the explorer.

    Widgets (CSS class ``kg-review-NAME`` for each): ``claim``, ``field``, ``value``,
    ``reviewer``, ``note``, the buttons ``apply``, ``reject``, ``check``, and ``status``.
    """

    def __init__(self, explorer: Explorer, profile=None):
        import ipywidgets as w

        from .corrections import REVIEW_FIELDS

        self.explorer = explorer
        self.profile = profile
        self.claim = w.Dropdown(options=[], description="claim", layout=w.Layout(width="60%"))
        self.field = w.Dropdown(options=list(REVIEW_FIELDS), value="side", description="field")
        self.value = w.Dropdown(options=self.values_for("side"), description="value")
        self.reviewer = w.Text(value="", description="reviewer", placeholder="your name")
        self.note = w.Text(value="", description="note", placeholder="why (optional)")
        self.apply = w.Button(description="set value")
        self.reject = w.Button(description="reject claim")
        self.check = w.Button(description="mark checked")
        self.status = w.HTML()
        for name in ("claim", "field", "value", "reviewer", "note", "apply", "reject", "check", "status"):
            getattr(self, name).add_class(f"kg-review-{name}")
        self.field.observe(lambda _c: self._set_values(), names="value")
        self.apply.on_click(lambda _b: self.record(self.field.value, self.value.value))
        self.reject.on_click(lambda _b: self.record("exists", "false"))
        self.check.on_click(lambda _b: self.record("checked", "true"))
        self.view = w.VBox([w.HTML(f"<h4>Review (corrections: {html.escape(str(explorer.corrections))})</h4>"),
                            self.claim, w.HBox([self.field, self.value]), w.HBox([self.reviewer, self.note]),
                            w.HBox([self.apply, self.reject, self.check]), self.status])

    def values_for(self, field: str) -> list[str]:
        """The choices for ``field``: the profile's ids (sides, actors, events) and the
        values the claims table holds."""
        claims = self.explorer.extracted
        seen = set(claims[field].dropna().astype(str)) if field in claims.columns else set()
        prof = self.profile
        if prof is not None:
            seen |= {"side": set(prof.sides), "claimant": set(prof.actors),
                     "event": {e.id for e in prof.events}}.get(field, set())
        return sorted(v for v in seen if v)

    def _set_values(self) -> None:
        self.value.options = self.values_for(self.field.value)

    def show_claims(self, claims: pd.DataFrame) -> None:
        """Offer the claims of the shown document."""
        options = [(f"{r.text} · {r.side} · {r.claimant} ({r.claim_id})", r.claim_id)
                   for r in claims.itertuples()]
        self.claim.options = options
        self.claim.value = options[0][1] if options else None

    def record(self, field: str, value) -> dict | None:
        """Append one correction of the chosen claim, then redraw; returns the row."""
        from .corrections import append_correction

        if self.claim.value is None:
            self.status.value = "<p>Choose a claim first.</p>"
            return None
        if not self.reviewer.value.strip():
            self.status.value = "<p>Type your name as reviewer first: every correction names who made it.</p>"
            return None
        chosen = self.claim.value
        row = append_correction(self.explorer.corrections, chosen, field, value, self.reviewer.value.strip(),
                                self.note.value)
        self.explorer.reload()
        if chosen in dict(self.claim.options).values():
            self.claim.value = chosen
        self.status.value = f"<p>Saved: {html.escape(chosen)} {html.escape(field)} = {html.escape(str(value))}.</p>"
        return row


def explore(corpus, claims: pd.DataFrame, *, labels: pd.DataFrame | None = None,
            quotes: pd.DataFrame | None = None, params: ExplorerParams = ExplorerParams(),
            corrections: str | None = None, profile=None) -> Explorer:
    """An :class:`Explorer` on a corpus (or any iterable of documents) and its tables.

    With ``corrections`` (a CSV path, created on the first edit), ``claims`` as extracted
    are shown corrected and a :class:`ReviewPanel` records a reviewer's edits; ``profile``
    gives the ids its drop-downs offer.
    """
    return Explorer(corpus, claims, labels=labels, quotes=quotes, params=params, corrections=corrections,
                    profile=profile)
