"""Corrections: applied, rejected, added, orphaned, appended concurrently; agreement; queue."""
import multiprocessing
import warnings

import pandas as pd
import pytest

from kargraph import schema
from kargraph.corrections import (CorrectionsWarning, agreement, append_correction, apply_corrections,
                                  cohen_kappa, read_corrections, review_queue)


def claims_table(rows):
    base = {c: None for c in schema.columns("claims")}
    full = []
    for r in rows:
        row = {**base, **r}
        row["claim_id"] = f"{row['doc_id']}:{row['start']}-{row['end']}"
        full.append(row)
    return schema.conform(pd.DataFrame(full), "claims")


CLAIMS = claims_table([
    {"doc_id": "a", "start": 0, "end": 2, "value": 10, "side": "armenia", "victims": "military", "event": "war",
     "outlet": "X", "outcome": "killed", "claimant": "outlet"},
    {"doc_id": "a", "start": 20, "end": 23, "value": 200, "side": "azerbaijan", "victims": "civilian",
     "event": "war", "outlet": "X", "outcome": "killed", "claimant": "outlet"},
    {"doc_id": "b", "start": 5, "end": 7, "value": 10, "side": "azerbaijan", "victims": "military", "event": "war",
     "outlet": "Y", "outcome": "killed", "claimant": "outlet"},
])


def write(path, rows):
    for r in rows:
        append_correction(path, *r)
    return path


@pytest.mark.parametrize("rows, claim_id, column, expected, fields, reviewer", [
    ([("a:0-2", "side", "azerbaijan", "ann")], "a:0-2", "side", "azerbaijan", "side", "ann"),
    ([("a:0-2", "value", "12", "ann")], "a:0-2", "value", 12, "value", "ann"),
    ([("a:0-2", "side", "both", "ann"), ("a:0-2", "side", "unknown", "bob")], "a:0-2", "side", "unknown",
     "side", "bob"),  # the latest row wins, and its reviewer is named
    ([("a:0-2", "checked", "true", "ann")], "a:0-2", "side", "armenia", None, "ann"),
    ([("a:0-2", "victims", "civilian", "ann")], "b:5-7", "victims", "military", None, None),
])
def test_a_correction_changes_its_claim_only(tmp_path, rows, claim_id, column, expected, fields, reviewer):
    out = apply_corrections(CLAIMS, write(tmp_path / "c.csv", rows))
    row = out.set_index("claim_id").loc[claim_id]
    assert row[column] == expected
    assert (None if pd.isna(row["corrected_fields"]) else row["corrected_fields"]) == fields
    assert (None if pd.isna(row["reviewed_by"]) else row["reviewed_by"]) == reviewer
    assert list(out["claim_id"]) == list(CLAIMS["claim_id"])  # ids kept, nothing else changed order


def test_reject_removes_and_add_inserts_in_text_order(tmp_path):
    path = write(tmp_path / "c.csv", [("a:20-23", "exists", "false", "ann"), ("a:8-10", "exists", "true", "ann"),
                                      ("a:8-10", "side", "armenia", "ann"), ("a:8-10", "value", "7", "ann")])
    out = apply_corrections(CLAIMS, path)
    assert list(out["claim_id"]) == ["a:0-2", "a:8-10", "b:5-7"]
    added = out.set_index("claim_id").loc["a:8-10"]
    assert (added["doc_id"], added["start"], added["end"], added["value"], added["side"]) == ("a", 8, 10, 7, "armenia")
    assert out.attrs["rejected_claims"] == ["a:20-23"]


def test_an_orphaned_correction_is_reported_and_kept(tmp_path):
    path = write(tmp_path / "c.csv", [("gone:1-3", "side", "armenia", "ann"), ("a:0-2", "side", "both", "ann")])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        out = apply_corrections(CLAIMS, path)
    messages = [str(w.message) for w in seen if issubclass(w.category, CorrectionsWarning)]
    assert len(messages) == 1 and "gone:1-3" in messages[0]
    assert out.attrs["orphaned_corrections"] == ["gone:1-3"]
    assert list(read_corrections(path)["claim_id"]) == ["gone:1-3", "a:0-2"]  # the file is untouched


@pytest.mark.parametrize("text, problem", [
    ("claim_id,field,value\na:0-2,side,x\n", "lacks column"),
    ("claim_id,field,value,reviewer\na:0-2,colour,red,ann\n", "line 2"),
    ("claim_id,field,value,reviewer\na:0-2,doc_id,b,ann\n", "cannot be corrected"),
    ("claim_id,field,value,reviewer\na:0-2,exists,maybe,ann\n", "true or false"),
    ("claim_id,field,value,reviewer\nnospan,exists,true,ann\n", "doc_id:start-end"),
])
def test_a_bad_corrections_file_is_one_clear_error(tmp_path, text, problem):
    path = tmp_path / "c.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=problem) as err:
        read_corrections(path)
    assert str(path) in str(err.value)


def _append_many(path, worker):
    for i in range(25):
        append_correction(path, f"d{worker}:{i}-{i + 1}", "side", "armenia", f"r{worker}")


def test_concurrent_appends_lose_no_edit(tmp_path):
    path = tmp_path / "c.csv"
    procs = [multiprocessing.Process(target=_append_many, args=(path, w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    table = read_corrections(path)
    assert len(table) == 100 and table["claim_id"].nunique() == 100
    assert path.read_text().count("claim_id,field") == 1  # one header


@pytest.mark.parametrize("a, b, kappa", [
    # 10 items, 7 agreements (po .7); shares a: x .5, y .5; b: x .6, y .4 -> pe .5, kappa .4
    (list("xxxxxyyyyy"), list("xxxxyxxyyy"), 0.4),
    (list("xyxy"), list("xyxy"), 1.0),
    (list("xxyy"), list("yyxx"), -1.0),
])
def test_cohen_kappa_known_answers(a, b, kappa):
    assert cohen_kappa(a, b) == pytest.approx(kappa)


def test_agreement_of_two_files_with_a_known_answer(tmp_path):
    a_side = list("xxxxxyyyyy")
    b_side = list("xxxxyxxyyy")
    a = write(tmp_path / "a.csv", [(f"d:{i}-{i + 1}", "side", v, "ann") for i, v in enumerate(a_side)]
              + [("d:0-1", "victims", "civilian", "ann"), ("d:1-2", "checked", "true", "ann")])
    b = write(tmp_path / "b.csv", [(f"d:{i}-{i + 1}", "side", v, "bob") for i, v in enumerate(b_side)]
              + [("d:0-1", "victims", "civilian", "bob"), ("d:1-2", "checked", "true", "bob")])
    scores, differ = agreement(a, b)
    side = scores.set_index("field").loc["side"]
    assert (side["n"], side["agreement"], round(side["kappa"], 6)) == (10, 0.7, 0.4)
    assert list(scores["field"]) == ["side", "victims"]
    assert sorted(differ["claim_id"]) == ["d:4-5", "d:5-6", "d:6-7"]


def test_review_queue_puts_flagged_first_then_conflicts_and_skips_reviewed(tmp_path):
    table = CLAIMS.assign(needs_review=[False, True, False])
    queue = review_queue(table)
    # a:20-23 flagged; a:0-2 and b:5-7 carry 10 killed in the war with different sides
    assert list(zip(queue["claim_id"], queue["reason"])) == [("a:20-23", "needs_review"), ("a:0-2", "conflict"),
                                                              ("b:5-7", "conflict")]
    assert queue["conflicts"].iloc[1] == "side"
    reviewed = apply_corrections(table, write(tmp_path / "c.csv", [("a:0-2", "checked", "true", "ann")]))
    assert "a:0-2" not in set(review_queue(reviewed)["claim_id"])
