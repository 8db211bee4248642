"""The explorer's logic on hand-made documents and tables: highlighting, filters, timeline."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from kargraph import schema
from kargraph.document import Document
from kargraph.widgets import (
    ALL,
    Explorer,
    claim_keys,
    claim_timeline,
    document_html,
    document_spans,
    filter_claims,
    highlight_html,
    legend_html,
    plot_claim_timeline,
)

TEXT_A = 'Clashes go on\nOfficials said 40 soldiers were killed. "We lost 12 civilians," the mayor said.'
TEXT_B = "Clashes go on\nThe ministry said 55 soldiers were killed by Friday."
TEXT_C = "Another view\nAbout 60 soldiers died, separatists said."


def _claim(doc_id, text, phrase, value, *, outlet, published, victims="military", side="armenian",
           event="nk_2020", outcome="killed", as_of=None, low=None, high=None, claimant="outlet"):
    start = text.index(phrase)
    end = start + len(phrase)
    return {
        "claim_id": f"{doc_id}:{start}-{end}", "doc_id": doc_id, "start": start, "end": end, "text": phrase,
        "sentence": "", "sentence_start": 0, "value": value, "low": value if low is None else low,
        "high": value if high is None else high, "hedge": "exact", "is_increment": False,
        "outcome": outcome, "victims": victims, "side": side, "claimant": claimant,
        "attribution": "unattributed", "event": event, "as_of": as_of, "parent_claim_id": None,
        "location": "body", "cues": "", "outlet": outlet, "published": published,
    }


def _claims(*rows) -> pd.DataFrame:
    return schema.conform(pd.DataFrame(list(rows)), "claims")


DOCS = [
    Document("a", TEXT_A, outlet="Outlet A", published=None),
    Document("b", TEXT_B, outlet="Outlet B"),
    Document("c", TEXT_C, outlet="Outlet B"),
]
CLAIMS = _claims(
    _claim("a", TEXT_A, "40 soldiers", 40, outlet="Outlet A", published="2020-10-20"),
    _claim("a", TEXT_A, "12 civilians", 12, outlet="Outlet A", published="2020-10-20", victims="civilian",
           side="azerbaijani", claimant="mayor"),
    _claim("b", TEXT_B, "55 soldiers", 55, outlet="Outlet B", published="2020-10-23", as_of="2020-10-22"),
    _claim("c", TEXT_C, "About 60 soldiers", 60, outlet="Outlet B", published="2020-10-21", low=54, high=66),
)
LABELS = pd.DataFrame({"doc_id": ["c"], "start": [TEXT_C.index("separatists")],
                       "end": [TEXT_C.index("separatists") + len("separatists")],
                       "label": ["separatists"], "referent": ["karabakh_forces"], "lean": ["azerbaijani"]})
QUOTE_START = TEXT_A.index('"We')
QUOTES = pd.DataFrame({"doc_id": ["a"], "start": [QUOTE_START], "end": [TEXT_A.index('the mayor') - 1],
                       "speaker_name": ["mayor"]})


def _marked(html_text: str) -> list[tuple[str, str]]:
    """(classes, text) of every mark, with the HTML entities of the text undone."""
    import html

    return [(cls, html.unescape(text)) for cls, text in
            re.findall(r'<mark class="([^"]*)"[^>]*>(.*?)</mark>', html_text, flags=re.S)]


# ----------------------------------------------------------------------------- highlighting
@pytest.mark.parametrize("text, spans, expected_marks", [
    ("one two three", [(4, 7, "claim", "2 killed")], [("kg-claim", "two")]),
    # a claim inside a quote: the quote is cut around it, the claim piece carries both kinds
    ('"lost 12 men" he said', [(0, 13, "quote", "he"), (6, 12, "claim", "")],
     [("kg-quote", '"lost '), ("kg-claim kg-quote", "12 men"), ("kg-quote", '"')]),
    # spans beyond the text are clipped, empty and reversed spans ignored
    ("abc", [(1, 99, "label", ""), (2, 2, "claim", ""), (3, 1, "claim", "")], [("kg-label", "bc")]),
    ("no marks here", [], []),
])
def test_highlight_marks_each_span_once_in_text_order(text, spans, expected_marks):
    assert _marked(highlight_html(text, spans)) == expected_marks


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "Tom & Jerry's \"war\" <b>",
])
@pytest.mark.parametrize("marked", [False, True])
def test_highlight_escapes_article_text(hostile, marked):
    text = f"Before {hostile} after"
    spans = [(7, 7 + len(hostile), "quote", hostile)] if marked else []
    out = highlight_html(text, spans)
    assert "<script" not in out and "<img" not in out and "<a " not in out and "<b>" not in out
    import html

    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text  # every character still shown


def test_highlight_keeps_line_breaks_and_tooltips():
    out = highlight_html("line one\nline two", [(0, 4, "claim", 'say "5" & more')])
    assert "white-space:pre-wrap" in out
    assert 'title="claim: say &quot;5&quot; &amp; more"' in out


def test_document_html_heads_the_marked_article_with_escaped_metadata_and_the_legend():
    doc = Document("d<1>", "Title\n2 killed", outlet="<b>Evil</b> & Co")
    out = document_html(doc, document_spans("d<1>", claims=_claims(
        _claim("d<1>", doc.raw, "2 killed", 2, outlet="x", published="2020-10-01"))))
    assert "<b>Evil" not in out and "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in out and "d&lt;1&gt;" in out
    assert out.index("kg-legend") < out.index("kg-article")
    assert _marked(out.split("kg-article", 1)[1]) == [("kg-claim", "2 killed")]


def test_legend_names_every_kind_with_its_colour():
    out = legend_html(["claim", "quote"])
    assert "kg-claim" in out and "kg-quote" in out and "kg-label" not in out
    assert "#fdd49e" in out  # the claim colour used in the article


# ----------------------------------------------------------------------------- spans
def test_document_spans_collects_claims_labels_and_quotes_of_one_document():
    spans = document_spans("a", claims=CLAIMS, labels=LABELS, quotes=QUOTES)
    assert schema.validate(spans, "explorer_spans") == []
    assert list(spans["kind"]) == ["claim", "quote", "claim"]
    assert [TEXT_A[s:e] for s, e in zip(spans["start"], spans["end"])] == \
        ["40 soldiers", '"We lost 12 civilians,"', "12 civilians"]
    assert "according to mayor" in spans["note"].iloc[2]
    assert spans["note"].iloc[1] == "mayor"


def test_document_spans_of_a_document_without_marks_is_empty_but_typed():
    spans = document_spans("zzz", claims=CLAIMS, labels=LABELS)
    assert spans.empty and schema.validate(spans, "explorer_spans") == []


def test_document_spans_names_a_table_without_offsets():
    with pytest.raises(ValueError, match="label table lacks doc_id or offset columns.*match_start/match_end"):
        document_spans("a", labels=pd.DataFrame({"doc_id": ["a"], "end": [3]}))


def test_document_spans_mark_the_words_of_framing_tables_not_their_sentences():
    """kargraph.framing gives the sentence as start/end and the marked words separately."""
    sentence_start, sentence_end = TEXT_C.index("About"), len(TEXT_C.rstrip())
    word = TEXT_C.index("separatists")
    labels = pd.DataFrame({"doc_id": ["c"], "start": [sentence_start], "end": [sentence_end],
                           "match_start": [word], "match_end": [word + 11], "label": ["separatists"]})
    said = TEXT_C.index("About 60")
    quotes = pd.DataFrame({"doc_id": ["c"], "start": [sentence_start], "end": [sentence_end],
                           "content_start": [said], "content_end": [said + 22], "speaker_name": ["separatists"],
                           "kind": ["reported_speech"]})
    spans = document_spans("c", labels=labels, quotes=quotes)
    assert [(k, TEXT_C[s:e]) for k, s, e in zip(spans["kind"], spans["start"], spans["end"])] == \
        [("quote", "About 60 soldiers died"), ("label", "separatists")]
    assert list(spans["note"]) == ["separatists, reported_speech", "separatists"]


# ----------------------------------------------------------------------------- claims
@pytest.mark.parametrize("filters, expected_ids", [
    ({}, ["a", "a", "b", "c"]),
    ({"outlet": "Outlet B"}, ["b", "c"]),
    ({"victims": "civilian"}, ["a"]),
    ({"side": "armenian", "outlet": "Outlet A"}, ["a"]),
    ({"event": ALL, "side": ALL}, ["a", "a", "b", "c"]),
    ({"event": "nk_1994"}, []),
])
def test_filter_claims(filters, expected_ids):
    assert list(filter_claims(CLAIMS, **filters)["doc_id"]) == expected_ids


def test_claim_keys_counts_claims_and_outlets_most_reported_first():
    keys = claim_keys(CLAIMS)
    assert list(keys["key"]) == ["nk_2020 / killed / military / armenian", "nk_2020 / killed / civilian / azerbaijani"]
    assert list(keys["n_claims"]) == [3, 1] and list(keys["n_outlets"]) == [2, 1]


def test_claim_timeline_orders_by_the_date_the_figure_refers_to():
    timeline = claim_timeline(CLAIMS, "nk_2020 / killed / military / armenian")
    assert schema.validate(timeline, "claim_timeline") == []
    assert list(timeline["value"]) == [40, 60, 55]
    assert list(timeline["date"]) == ["2020-10-20", "2020-10-21", "2020-10-22"]
    assert list(timeline["date_basis"]) == ["published", "published", "as_of"]
    # every point traces back to its evidence
    raw = {d.doc_id: d.raw for d in DOCS}
    assert [raw[d][s:e] for d, s, e in zip(timeline["doc_id"], timeline["start"], timeline["end"])] == \
        list(timeline["text"])


def test_plot_claim_timeline_draws_one_series_per_outlet():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = plot_claim_timeline(claim_timeline(CLAIMS, "nk_2020 / killed / military / armenian"))
    try:
        assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == ["Outlet A", "Outlet B"]
    finally:
        plt.close(ax.figure)


# ----------------------------------------------------------------------------- the widget
@pytest.fixture
def explorer():
    import matplotlib

    matplotlib.use("Agg")
    return Explorer(DOCS, CLAIMS, labels=LABELS, quotes=QUOTES)


def test_explorer_starts_on_the_first_document_with_its_claims(explorer):
    assert explorer.outlet.options == (ALL, "Outlet A", "Outlet B")
    assert explorer.document.value == "a"
    assert list(explorer.doc_claims["text"]) == ["40 soldiers", "12 civilians"]
    assert "kg-claim" in explorer.article.value and "kg-quote" in explorer.article.value
    assert "12 civilians" in explorer.claims_table.value


def test_explorer_outlet_choice_limits_the_documents(explorer):
    explorer.outlet.value = "Outlet B"
    assert [value for _, value in explorer.document.options] == ["b", "c"]
    assert explorer.document.value == "b"
    assert list(explorer.doc_claims["value"]) == [55]
    explorer.document.value = "c"
    assert "kg-label" in explorer.article.value  # the label span of document c
    assert "separatists" in explorer.article.value


@pytest.mark.parametrize("widget, value, expected_doc_claims, expected_keys", [
    ("victims", "civilian", ["12 civilians"], ["nk_2020 / killed / civilian / azerbaijani"]),
    ("side", "armenian", ["40 soldiers"], ["nk_2020 / killed / military / armenian"]),
    ("event", "nk_2020", ["40 soldiers", "12 civilians"], ["nk_2020 / killed / military / armenian",
                                                          "nk_2020 / killed / civilian / azerbaijani"]),
])
def test_explorer_filters_apply_to_article_table_and_keys(explorer, widget, value, expected_doc_claims,
                                                          expected_keys):
    getattr(explorer, widget).value = value
    assert list(explorer.doc_claims["text"]) == expected_doc_claims
    assert list(explorer.key.options) == expected_keys
    article = explorer.article.value.split("kg-article", 1)[1]  # after the legend
    assert article.count('class="kg-claim') == len(expected_doc_claims)


def test_explorer_key_choice_shows_its_timeline(explorer):
    explorer.key.value = "nk_2020 / killed / military / armenian"
    assert list(explorer.timeline["outlet"]) == ["Outlet A", "Outlet B", "Outlet B"]
    assert bytes(explorer.timeline_plot.value).startswith(b"\x89PNG")
    assert "2020-10-22" in explorer.timeline_table.value
    explorer.key.value = "nk_2020 / killed / civilian / azerbaijani"
    assert list(explorer.timeline["value"]) == [12]


def test_explorer_with_filters_matching_nothing_says_so(explorer):
    explorer.victims.value = "civilian"
    explorer.side.value = "armenian"
    assert explorer.key.value is None and explorer.timeline.empty
    assert "No claims match" in explorer.timeline_table.value


def test_explorer_escapes_hostile_documents_and_outlets():
    import matplotlib

    matplotlib.use("Agg")
    raw = "Title\n<script>alert(1)</script> 3 killed <img src=x onerror=alert(2)>"
    doc = Document("x", raw, outlet="<b>Evil</b> News")
    claims = _claims(_claim("x", raw, "3 killed", 3, outlet="<b>Evil</b> News", published="2020-10-01"))
    ex = Explorer([doc], claims)
    assert "<script" not in ex.article.value and "<img" not in ex.article.value and "<b>" not in ex.article.value
    assert "&lt;script&gt;" in ex.article.value and "&lt;b&gt;Evil" in ex.article.value
    assert "<b>" not in ex.timeline_table.value


# ----------------------------------------------------------------------------- reviewing
@pytest.fixture
def reviewing(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from kargraph import load_profile

    path = tmp_path / "corrections.csv"
    ex = Explorer(DOCS, CLAIMS, labels=LABELS, quotes=QUOTES, corrections=str(path),
                  profile=load_profile("nagorno_karabakh"))
    ex.review.reviewer.value = "ann"
    return ex, path


@pytest.mark.parametrize("action, field, value, shown", [
    ("apply", "side", "azerbaijani", lambda claims, cid: claims.set_index("claim_id").loc[cid, "side"] == "azerbaijani"),
    ("reject", "exists", "false", lambda claims, cid: cid not in set(claims["claim_id"])),
    ("check", "checked", "true", lambda claims, cid: claims.set_index("claim_id").loc[cid, "reviewed_by"] == "ann"),
])
def test_a_review_action_appends_one_row_and_redraws(reviewing, action, field, value, shown):
    from kargraph.corrections import read_corrections

    ex, path = reviewing
    chosen = ex.review.claim.value
    ex.review.field.value = "side"
    ex.review.value.value = "azerbaijani"
    getattr(ex.review, action).click()
    rows = read_corrections(path)
    assert [tuple(r) for r in rows[["claim_id", "field", "value", "reviewer"]].itertuples(index=False)] == [
        (chosen, field, value, "ann")]
    assert shown(ex.claims, chosen)
    assert "Saved" in ex.review.status.value


def test_review_choices_come_from_the_profile_and_a_reviewer_is_required(reviewing):
    from kargraph import load_profile

    ex, path = reviewing
    prof = load_profile("nagorno_karabakh")
    ex.review.field.value = "claimant"
    assert set(prof.actors) <= set(ex.review.value.options)
    ex.review.field.value = "event"
    assert {e.id for e in prof.events} <= set(ex.review.value.options)
    ex.review.reviewer.value = " "
    ex.review.check.click()
    assert not path.exists() and "reviewer" in ex.review.status.value
