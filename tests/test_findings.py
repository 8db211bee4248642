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
