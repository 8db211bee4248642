"""The findings record: sentences with the spans they rest on."""
import pandas as pd
import pytest

from kargraph.findings import Finding, evidence_rows, findings_markdown, findings_table


def _ev():
    return pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [1, 1, 5], "end": [4, 4, 9],
                         "outlet": ["X", "X", "Y"], "value": [1, 1, 2]})


def test_evidence_rows_keeps_spans_once():
    ev = evidence_rows(_ev())
    assert list(ev.columns) == ["doc_id", "start", "end", "outlet"]
    assert len(ev) == 2


def test_finding_refuses_evidence_without_spans():
    with pytest.raises(ValueError, match="start"):
        Finding("x", pd.DataFrame({"doc_id": ["a"]}))


def test_markdown_names_outlet_and_span_and_counts_the_rest():
    f = Finding("Two outlets carried it.", evidence_rows(_ev()), kind="k")
    md = findings_markdown([f], max_spans=1)
    assert md.startswith("1. Two outlets carried it. (X `a:1-4` and 1 more)")


def test_markdown_of_no_findings_says_so():
    assert "No finding" in findings_markdown([])


def test_table_has_a_row_per_span_and_one_for_a_finding_without_evidence():
    t = findings_table([Finding("a", evidence_rows(_ev())), Finding("b")])
    assert t["finding"].tolist() == [1, 1, 2]
    assert t.loc[2, "doc_id"] is None or pd.isna(t.loc[2, "doc_id"])


# ------------------------------------------------------------------ computed findings
from kargraph.corpus import document_from_text  # noqa: E402
from kargraph.document import Corpus  # noqa: E402
from kargraph.findings import corpus_findings, framing_findings  # noqa: E402


def _docs(rows):
    """rows: (doc_id, outlet, published, n_chars)"""
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "published", "n_chars"])


@pytest.mark.parametrize("rows,size,largest", [
    ([("a", "X", "2025-01-02", 10), ("b", "X", "2025-01-05", 20), ("c", "Y", None, 5)],
     "The corpus holds 3 documents from 2 outlets, published between 2025-01-02 and 2025-01-05 "
     "(1 document without a date).",
     "X has the most documents (2 of 3, 67%)."),
    ([("a", "X", "2025-01-02", 10), ("b", "Y", "2025-01-02", 20)],
     "The corpus holds 2 documents from 2 outlets, published between 2025-01-02 and 2025-01-02.",
     "Every outlet contributes 1 document."),
    ([("a", "X", None, 10)],
     "The corpus holds 1 document from 1 outlet, none with a publication date.",
     "X has the most documents (1 of 1, 100%)."),
])
def test_corpus_findings_count_documents_outlets_and_dates(rows, size, largest):
    found = corpus_findings(_docs(rows))
    assert [f.text for f in found] == [size, largest]
    assert found[0].evidence[["doc_id", "start", "end"]].values.tolist() == [[r[0], 0, r[3]] for r in rows]


@pytest.mark.parametrize("issues,text", [
    (pd.DataFrame(columns=["file", "problem", "severity", "action"]), "All 1 document loaded without a problem."),
    (pd.DataFrame([{"file": "x.txt", "problem": "p", "severity": "error", "action": "skipped"}]),
     "Loading met 1 problem in x.txt; 1 of them skipped a file or a row."),
])
def test_corpus_findings_report_load_issues(issues, text):
    found = corpus_findings(_docs([("a", "X", None, 1)]), issues=issues)
    assert found[-1].text == text


def test_corpus_findings_name_the_most_mentioned_actor_place_and_fuzzy_links():
    m = pd.DataFrame([
        {"doc_id": "a", "outlet": "X", "start": 0, "end": 4, "text": "Quel", "entity_type": "actor",
         "canonical": "Dario Quell", "method": "fuzzy"},
        {"doc_id": "b", "outlet": "Y", "start": 5, "end": 10, "text": "Quell", "entity_type": "actor",
         "canonical": "Dario Quell", "method": "alias"},
        {"doc_id": "b", "outlet": "Y", "start": 20, "end": 26, "text": "Marren", "entity_type": "actor",
         "canonical": "Aldo Marren", "method": "alias"},
        {"doc_id": "b", "outlet": "Y", "start": 30, "end": 37, "text": "Belamar", "entity_type": "place",
         "canonical": "Belamar", "method": "alias"},
    ])
    texts = [f.text for f in corpus_findings(_docs([("a", "X", None, 50), ("b", "Y", None, 50)]), mentions=m)]
    assert texts[2:] == ["Dario Quell is the actor named most: 2 mentions in 2 of 2 documents.",
                         "Belamar is the place named most: 1 mention in 1 of 2 documents.",
                         "1 name not written as in the profile was linked by spelling: 'Quel' as Dario Quell."]


def test_corpus_findings_of_an_empty_corpus_are_none():
    assert corpus_findings(_docs([])) == []


def _kelvara_framing():
    from kargraph.framing import frame_profile

    docs = [
        document_from_text("The army said terrorists attacked the town. Terrorists shelled it, the army said.",
                           doc_id="s1", outlet="State TV", published="2025-09-04"),
        document_from_text("The rebels said government forces shelled the market.", doc_id="w1",
                           outlet="Wire", published="2025-09-04"),
    ]
    return frame_profile(Corpus(docs), profile="kelvara")


def test_framing_findings_name_the_outlet_that_leans_most_and_the_dominant_frame():
    found = {f.kind: f for f in framing_findings(_kelvara_framing())}
    assert found["label_lean"].text.startswith("State TV leans most in its labels: for the_front its 2 labels "
                                               "(terrorists (2)) score +1.00")
    assert set(found["label_lean"].evidence["doc_id"]) == {"s1"}
    assert found["dominant_frame"].text.startswith("The conflict frame is the most frequent in 2 of 2 outlets")


def test_framing_findings_of_no_voices_and_no_blame_leave_those_out():
    from kargraph.framing import frame_profile

    framing = frame_profile(Corpus([document_from_text("Nothing happened in the valley.", doc_id="n",
                                                       outlet="Wire", published="2025-09-04")]), profile="kelvara")
    assert {f.kind for f in framing_findings(framing)} <= {"dominant_frame", "label_lean"}


def test_corpus_findings_count_only_lines_that_are_not_article_text():
    marked = pd.DataFrame([
        {"doc_id": "a", "outlet": "X", "start": 0, "end": 9, "kind": "headline"},
        {"doc_id": "a", "outlet": "X", "start": 50, "end": 70, "kind": "caption"},
        {"doc_id": "a", "outlet": "X", "start": 80, "end": 90, "kind": "caption"},
        {"doc_id": "a", "outlet": "X", "start": 95, "end": 99, "kind": "credit"},
    ])
    found = [f for f in corpus_findings(_docs([("a", "X", None, 100)]), boilerplate=marked) if f.kind == "boilerplate"]
    assert found[0].text == "3 lines in 1 of 1 document are marked as not article text, most often caption (2)."
    assert found[0].evidence["start"].tolist() == [50, 80, 95]


# ------------------------------------------------------------------ 02 reported tolls
from test_tolls import table  # noqa: E402

from kargraph.findings import reliability_findings, tolls_findings  # noqa: E402
from kargraph.tolls import compare_tolls  # noqa: E402


def _tolls_found(*rows):
    return {f.kind: f for f in tolls_findings(compare_tolls(table(*rows)))}


@pytest.mark.parametrize("rows,kind,text", [
    # one claimant's figure carried by two outlets
    ([("A", "2025-01-02", "minister", 100, "about", "2025-01-01"),
      ("B", "2025-01-03", "minister", 100, "about", "2025-01-01")],
     "most_carried", "The figure carried most widely is ~100 (minister) for war / killed / all / both: "
                     "2 carriages in 2 outlets (A | B), first by A on 2025-01-02."),
    ([("A", "2025-01-02", "minister", 100, "exact", "2025-01-01")],
     "most_carried", "No claimant's figure was carried by more than one outlet (1 attributed figure, "
                     "each in one outlet only)."),
    # two claimants of one key: the latest figure of each, lowest first
    ([("A", "2025-01-02", "minister", 100, "exact", "2025-01-01"),
      ("B", "2025-01-03", "ngo", 400, "exact", "2025-01-02")],
     "widest_disagreement", "Claimants disagree most on war / killed / all / both: their latest figures are "
                            "minister 100 and ngo 400, 4.0 times apart (1 claim key with competing claimants in all)."),
    ([("A", "2025-01-02", "minister", 100, "exact", "2025-01-01"),
      ("B", "2025-01-02", "minister", 150, "exact", "2025-01-01")],
     "contradictions", "1 contradiction found: minister is carried as 100 | 150 for war / killed / all / both "
                       "as of 2025-01-01, by A and B."),
    ([("A", "2025-01-02", "minister", 100, "exact", "2025-01-01")],
     "contradictions", "No source is carried with two incompatible figures for the same claim key and date."),
    ([("A", "2025-01-02", "minister", 100, "exact", "2025-01-01"),
      ("A", "2025-01-06", "minister", 130, "exact", "2025-01-05")],
     "updates", "1 carriage updates an earlier figure of the same source, the largest for war / killed / all / both "
                "(minister), from 100 (2025-01-01) to 130 (2025-01-05); no figure was already stale when published."),
])
def test_tolls_findings_read_the_comparison(rows, kind, text):
    found = _tolls_found(*rows)
    assert found[kind].text == text


def test_tolls_findings_rest_on_the_claims_they_name():
    found = _tolls_found(("A", "2025-01-02", "minister", 100, "exact", "2025-01-01"),
                         ("B", "2025-01-02", "minister", 150, "exact", "2025-01-01"),
                         ("C", "2025-01-04", "ngo", 900, "exact", "2025-01-03"))
    assert set(found["contradictions"].evidence["outlet"]) == {"A", "B"}
    assert set(found["widest_disagreement"].evidence["outlet"]) == {"B", "C"}  # the latest of each claimant
    assert 3 <= len(tolls_findings(compare_tolls(table(("A", "2025-01-02", "minister", 100, "exact", "2025-01-01"),
                                                       ("C", "2025-01-04", "ngo", 900, "exact", "2025-01-03"))))) <= 6


def test_tolls_findings_of_no_claims_are_none():
    assert tolls_findings(compare_tolls(table())) == []


# --------------------------------------------------------------- 03 source reliability
def _scores(rows):
    """rows: (outlet, rank or None, overall, n_docs)"""
    return pd.DataFrame([{"outlet": o, "rank": r, "overall": s, "is_ranked": r is not None, "n_docs": n}
                         for o, r, s, n in rows])


def _evidence(rows):
    """rows: (outlet, component, is_flag, text, found)"""
    return pd.DataFrame([{"outlet": o, "component": c, "check": c, "doc_id": f"{o}-1", "start": 10 * i,
                          "end": 10 * i + 4, "text": t, "found": f, "is_flag": flag}
                         for i, (o, c, flag, t, f) in enumerate(rows)])


EVIDENCE = [("A", "attribution", False, "12", "12 attributed to x"),
            ("B", "attribution", True, "40", "40 stated without a source"),
            ("B", "attribution", True, "some 7", "~7 stated without a source"),
            ("A", "reuse", True, "the town fell", "repeats C's earlier wording"),
            ("C", "slips", False, "Belamar", "spelt as in the profile")]


def test_reliability_findings_rank_name_the_unranked_and_the_components_that_flag():
    scores = _scores([("A", 1, 0.9, 2), ("B", 2, 0.5, 1), ("C", None, 0.7, 1)])
    texts = [f.text for f in reliability_findings(scores, _evidence(EVIDENCE))]
    assert texts == [
        "A ranks first of 2 ranked outlets (overall 0.90) and B last (0.50), with the weights as set.",
        "C has too little evidence to be ranked (1 document).",
        "Attribution lowers scores in 2 of 3 rows across 1 outlet, most in B (2); "
        "e.g. \"40\" in B: 40 stated without a source.",
        "Reuse lowers scores in 1 of 1 row across 1 outlet, most in A (1); "
        "e.g. \"the town fell\" in A: repeats C's earlier wording.",
    ]


@pytest.mark.parametrize("firsts,text", [
    ({"base": "A", "attribution": "A", "reuse": "A"}, "A keeps the first rank under all 2 weightings tried."),
    ({"base": "A", "attribution": "B", "reuse": "A"},
     "The first rank changes hands under 1 of 2 weightings tried: B also ranks first, e.g. with attribution weighted x2."),
])
def test_reliability_findings_say_whether_the_first_rank_holds_when_weights_move(firsts, text):
    rows = []
    for component, first in firsts.items():
        for outlet in ("A", "B"):
            rows.append({"component": component, "factor": 1.0 if component == "base" else 2.0, "outlet": outlet,
                         "rank": 1 if outlet == first else 2})
    scores = _scores([("A", 1, 0.9, 2), ("B", 2, 0.5, 1)])
    found = reliability_findings(scores, _evidence(EVIDENCE[:1]), sensitivity=pd.DataFrame(rows))
    assert found[-1].text == text


def test_reliability_findings_of_evidence_without_flags_say_so():
    found = reliability_findings(_scores([("A", 1, 0.9, 2)]), _evidence(EVIDENCE[:1]))
    assert [f.text for f in found] == ["A is the only outlet with enough evidence to rank (overall 0.90).",
                                       "No evidence row lowers a score (1 row in all)."]
