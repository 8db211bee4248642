"""Parallel extraction: worker processes give the same results in the same order as one
process, read a stream a few chunks ahead only, and lose nothing but the document that
fails or kills its worker."""
from __future__ import annotations

import os
import warnings

import pytest

from kargraph._parallel import WorkerFailure, map_documents, resolve_jobs
from kargraph.claims import extract_claims
from kargraph.corpus import document_from_text

ARTICLES = [
    "Azerbaijan said 61 civilians had been killed since September 27.",
    "The talks in Moscow ended without an agreement on Friday.",
    "At least 29 people were killed and 150 wounded in the shelling of Barda, Azerbaijani prosecutors said.",
    "Armenian officials reported 51 more military deaths on Wednesday, raising the toll to 1,119.",
    "Two civilians were killed when Azerbaijani forces shelled Stepanakert overnight, the Karabakh emergency "
    "service said.",
]


def docs(texts, prefix="d"):
    return [document_from_text(t, doc_id=f"{prefix}{i:03d}", outlet=f"Outlet {i % 3}", published="2020-10-22",
                               file=f"{prefix}{i:03d}.txt")
            for i, t in enumerate(texts)]


# ------------------------------------------------------------------ functions run by workers
# (module level: worker processes import them by name)
def words(doc, payload):
    return [(doc.doc_id, w) for w in doc.raw.split()[:payload]]


def pid(doc, payload):
    return [os.getpid()]


def crash_on(doc, payload):
    if doc.doc_id in payload:
        os._exit(3)  # a worker dying as in a segfault: no exception, no clean-up
    return [doc.doc_id]


def fail_on(doc, payload):
    if doc.doc_id in payload:
        raise ValueError("bad document")
    return [doc.doc_id]


def sizes_of_chunk(docs, payload):
    if any(d.doc_id in payload for d in docs):
        raise ValueError("bad document in this chunk")
    return [[(d.doc_id, len(docs))] for d in docs]


def warn_on(doc, payload):
    warnings.warn(f"{doc.doc_id}: odd", UserWarning)
    return [doc.doc_id]


# ------------------------------------------------------------------------------------ tests
@pytest.mark.parametrize("n_jobs, chunk_size", [(1, 16), (2, 1), (2, 3), (2, 50)])
def test_results_come_back_in_input_order(n_jobs, chunk_size):
    corpus = docs([f"word{i} and more words here" for i in range(23)])
    got = list(map_documents(words, corpus, n_jobs=n_jobs, payload=2, chunk_size=chunk_size))
    assert got == [[(d.doc_id, d.raw.split()[0]), (d.doc_id, "and")] for d in corpus]


def test_worker_processes_are_reused_across_documents():
    corpus = docs(["text"] * 40)
    pids = {p for rows in map_documents(pid, corpus, n_jobs=2, chunk_size=4) for p in rows}
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2  # one start (and one pipeline load) per worker, not per document


def test_a_stream_is_read_a_few_chunks_ahead_only():
    pulled = []

    def stream():
        for i, doc in enumerate(docs(["text"] * 200)):
            pulled.append(i)
            yield doc

    results = map_documents(words, stream(), n_jobs=2, payload=1, chunk_size=5)
    next(results)
    # two workers x two chunks in flight x five documents, plus the chunk being formed
    assert len(pulled) <= 2 * 2 * 5 + 5
    assert len(list(results)) == 199


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_an_exception_costs_only_its_document(n_jobs):
    corpus = docs(["a", "b", "c", "d", "e"])
    failures = []
    with pytest.warns(RuntimeWarning, match=r"d002\.txt: processing failed \(ValueError: bad document\)"):
        got = list(map_documents(fail_on, corpus, n_jobs=n_jobs, payload={"d002"}, failures=failures))
    assert got == [["d000"], ["d001"], [], ["d003"], ["d004"]]
    assert failures == [WorkerFailure("d002", "d002.txt", "processing failed (ValueError: bad document)")]


def test_a_worker_that_dies_costs_only_its_document():
    corpus = docs(["x"] * 30)
    failures = []
    with pytest.warns(RuntimeWarning, match=r"d013\.txt: the worker process died"):
        got = list(map_documents(crash_on, corpus, n_jobs=2, payload={"d013"}, chunk_size=4, failures=failures))
    assert got == [[d.doc_id] if d.doc_id != "d013" else [] for d in corpus]
    assert [f.doc_id for f in failures] == ["d013"]


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_a_chunk_function_sees_whole_chunks_and_a_failure_costs_one_document(n_jobs):
    corpus = docs(["x"] * 10)
    with pytest.warns(RuntimeWarning, match=r"d006\.txt: processing failed"):
        got = list(map_documents(sizes_of_chunk, corpus, n_jobs=n_jobs, payload={"d006"}, chunk_size=4,
                                 per_chunk=True))
    # chunks of four, but the one that failed is redone one document at a time
    assert got == [[("d000", 4)], [("d001", 4)], [("d002", 4)], [("d003", 4)],
                   [("d004", 1)], [("d005", 1)], [], [("d007", 1)], [("d008", 2)], [("d009", 2)]]


def test_warnings_raised_in_workers_reach_the_caller():
    with pytest.warns(UserWarning) as caught:
        list(map_documents(warn_on, docs(["a", "b"]), n_jobs=2))
    assert sorted(str(w.message) for w in caught) == ["d000: odd", "d001: odd"]


def test_progress_bar_shows_documents_and_rows(capsys):
    list(map_documents(words, docs(["a b c"] * 4), n_jobs=1, payload=3, progress=True, label="claims"))
    err = capsys.readouterr().err
    assert "4/4" in err and "claims=12" in err


@pytest.mark.parametrize("n_jobs, expected", [(1, 1), (3, 3), (-1, len(os.sched_getaffinity(0)))])
def test_n_jobs(n_jobs, expected):
    assert resolve_jobs(n_jobs) == expected


@pytest.mark.parametrize("n_jobs", [0, -2, 1.5, True])
def test_bad_n_jobs_is_refused(n_jobs):
    with pytest.raises(ValueError, match="n_jobs must be"):
        list(map_documents(words, docs(["a"]), n_jobs=n_jobs))


def test_extract_claims_in_workers_equals_one_process():
    corpus = docs(ARTICLES * 3)
    one = extract_claims(corpus)
    assert len(one) >= 15
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a document failing in a worker must fail the test
        two = extract_claims(corpus, n_jobs=2)
    assert two.equals(one)
