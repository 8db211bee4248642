"""The Dask engine on a real LocalCluster on loopback (two worker processes): the same claims
and framing tables as one process, the same load issues, outputs that read back, and
outputs that a killed run leaves as they were."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

from kargraph.claims import extract_claims
from kargraph.corpus import load_corpus
from kargraph.dask import local_client, read_claims, read_framing, run_dask, write_claims, write_dataset
from kargraph.framing import FramingParams, frame_profile
from kargraph.tolls import compare_tolls

# load issues are checked as returned; a document failing in a worker must fail the test
pytestmark = [pytest.mark.filterwarnings("ignore::kargraph.corpus.CorpusWarning"),
              pytest.mark.filterwarnings("error::RuntimeWarning")]

PARAGRAPHS = [
    "Azerbaijan said 61 civilians had been killed since September 27.",
    "The talks in Moscow ended without an agreement on Friday, officials said.",
    "At least 29 people were killed and 150 wounded in the shelling of Barda, Azerbaijani prosecutors said.",
    "Armenian officials reported 51 more military deaths on Wednesday, raising the toll to 1,119.",
    "Separatist forces in Nagorno-Karabakh accused Azerbaijan of shelling Stepanakert.",
    "\u201cWe will not give up our land,\u201d Pashinyan told reporters in Yerevan.",
    "Two civilians were killed when Azerbaijani forces shelled Stepanakert overnight, the Karabakh emergency "
    "service said.",
]


def article(i: int, n: int = 4) -> str:
    body = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(n)]
    return f"Fighting goes on in Karabakh, day {i}\n\n" + "\n\n".join(body) + "\n"


def make_corpus(folder, n_txt=6):
    folder.mkdir()
    rows = ["doc_id,outlet,url,published,published_basis,outlet_note"]
    for i in range(n_txt):
        (folder / f"art{i:02d}.txt").write_text(article(i), encoding="utf-8")
        if i != 2:  # art02 has no row: reported, loaded with unknown outlet
            rows.append(f"art{i:02d},Outlet {i % 3},,2020-10-{20 + i},,")
    rows.append("gone,Outlet 9,,2020-10-01,,")  # a row that matches no document
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    records = [{"id": f"wire-{k}", "outlet": "Wire", "published": "2020-10-25", "text": article(k + 3, 3)}
               for k in range(3)]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "art01.txt").write_text(article(9), encoding="utf-8")  # a repeated document id
    return folder


@pytest.fixture(scope="module")
def client():
    """The LocalCluster that run_dask starts by default, kept for the whole module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)  # as a fresh shell has it
        with local_client(2) as c:
            yield c


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("dask") / "corpus")


@pytest.fixture(scope="module")
def local(corpus_dir):
    corpus = load_corpus(corpus_dir)
    return corpus, extract_claims(corpus)


@pytest.mark.parametrize("partition_bytes, n_partitions", [(1, 8), (800, 5), (10**9, 1)])
def test_claims_identical_to_one_process(client, corpus_dir, local, partition_bytes, n_partitions):
    run = run_dask(corpus_dir, scheduler=client, partition_bytes=partition_bytes)
    corpus, expected = local
    assert run.n_partitions == n_partitions
    assert len(expected) >= 20 and expected["doc_id"].nunique() == 9
    pd.testing.assert_frame_equal(run.claims, expected)
    assert run.n_documents == len(corpus)


def test_load_issues_are_those_of_the_loader(client, corpus_dir, local):
    run = run_dask(corpus_dir, scheduler=client, partition_bytes=1)
    corpus, _ = local
    as_rows = lambda issues: sorted((i.file, i.problem, i.severity, i.action) for i in issues)  # noqa: E731
    assert as_rows(run.issues) == as_rows(corpus.issues)
    problems = " | ".join(i.problem for i in run.issues)
    assert "duplicate document id 'art01'" in problems
    assert "doc_id 'gone' matches no document" in problems
    assert "no row for 'art02'" in problems


def test_each_worker_loads_the_pipeline_once(client, corpus_dir):
    from kargraph._nlp import _load

    run_dask(corpus_dir, scheduler=client, partition_bytes=1)
    run_dask(corpus_dir, scheduler=client, partition_bytes=1)
    loads = client.run(lambda: _load.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]  # 18 tasks over two workers, one model load each


def test_local_cluster_workers_keep_the_default_heap_trimming(client):
    # Dask's nanny would start them with MALLOC_TRIM_THRESHOLD_=65536: about a fifth slower
    # for spaCy, which allocates and frees many small arrays per sentence
    workers = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS")))
    assert len(workers) == 2
    assert set(workers.values()) == {(None, "1")}


def test_parquet_output_reads_back_for_tolls(client, corpus_dir, local, tmp_path):
    out = tmp_path / "claims.parquet"
    claims, _ = run_dask(corpus_dir, scheduler=client, output=out).claims, None
    back = read_claims(out)
    pd.testing.assert_frame_equal(back, local[1])
    assert back.attrs["params"]["engine"] == "dask"
    pd.testing.assert_frame_equal(compare_tolls(back).groups, compare_tolls(local[1]).groups)


def test_csv_output(client, corpus_dir, local, tmp_path):
    out = tmp_path / "claims.csv"
    run_dask(corpus_dir, scheduler=client, output=out)
    assert pd.read_csv(out)["claim_id"].tolist() == local[1]["claim_id"].tolist()


def test_framing_tables_identical_to_one_process(client, corpus_dir, local, tmp_path):
    run = run_dask(corpus_dir, scheduler=client, framing=FramingParams(), framing_output=tmp_path / "framing",
                   partition_bytes=600)
    expected = frame_profile(local[0])
    back = read_framing(tmp_path / "framing")
    for name in ("labels", "voices", "agency", "frames", "frame_shares", "label_summary", "voice_shares"):
        pd.testing.assert_frame_equal(getattr(run.framing, name), getattr(expected, name), obj=name)
        pd.testing.assert_frame_equal(getattr(back, name), getattr(expected, name), obj=name)
    assert len(expected.labels) and len(expected.voices) and len(expected.frames)


# --------------------------------------------------------------------- atomic outputs
def previous_output(path):
    table = pd.DataFrame({"claim_id": ["old:0-1"], "doc_id": ["old"]})
    return write_dataset(table, path), {p.name: p.read_bytes() for p in path.iterdir()}


KILLED_RUN = textwrap.dedent("""
    import pathlib, sys, time
    import pandas as pd
    from kargraph.dask import extract_claims_dask

    real = pd.DataFrame.to_parquet

    def slow(self, path, *args, **kwargs):  # the first part written, the run is killed
        real(self, path, *args, **kwargs)
        pathlib.Path(sys.argv[3]).touch()
        time.sleep(60)

    pd.DataFrame.to_parquet = slow
    if __name__ == "__main__":
        extract_claims_dask(sys.argv[1], output=sys.argv[2], n_workers=1)
""")


def test_a_killed_run_leaves_the_previous_output(corpus_dir, tmp_path):
    out = tmp_path / "claims.parquet"
    _, before = previous_output(out)
    marker = tmp_path / "writing"
    script = tmp_path / "run.py"
    script.write_text(KILLED_RUN, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(corpus_dir), str(out), str(marker)],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "the run never started writing"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its cluster, half-way through writing
        proc.wait()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert read_table_ids(out) == ["old:0-1"]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".claims.parquet.tmp-")]
    assert len(leftovers) == 1  # the killed run's partial folder, hidden
    previous_output(out)  # the next write clears what the dead run left
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".claims.parquet.")]


def read_table_ids(path):
    return pd.concat(pd.read_parquet(p) for p in sorted(path.glob("part-*.parquet")))["claim_id"].tolist()


def test_a_failed_write_leaves_the_previous_output(tmp_path, monkeypatch, local):
    out = tmp_path / "claims.parquet"
    _, before = previous_output(out)

    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken)
    with pytest.raises(OSError, match="disk full"):
        write_claims(local[1], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["claims.parquet"]


def test_dataset_parts_keep_row_order(tmp_path, local):
    write_dataset(local[1], tmp_path / "c", rows_per_part=7)
    assert len(list((tmp_path / "c").glob("part-*.parquet"))) == -(-len(local[1]) // 7)
    pd.testing.assert_frame_equal(read_claims(tmp_path / "c"), local[1])


# ------------------------------------------------------------------------ bad input
def test_missing_corpus_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        run_dask(tmp_path / "nope")


@pytest.mark.parametrize("options, message", [
    ({"framing": FramingParams(outlets=("Wire",))}, "outlets is not supported"),
    ({"framing_output": "framing"}, "framing_output needs framing="),
    ({"partition_bytes": 0}, "partition_bytes must be positive"),
])
def test_bad_options_are_refused_before_any_work(corpus_dir, options, message):
    with pytest.raises(ValueError, match=message):
        run_dask(corpus_dir, **options)


@pytest.mark.parametrize("make, error, message", [
    (lambda p: None, FileNotFoundError, "no claims table at"),
    (lambda p: p.mkdir(), ValueError, "no part-\\*.parquet files"),
    (lambda p: pd.DataFrame({"doc_id": ["a"]}).to_parquet(p), ValueError, "lacks documented columns"),
])
def test_read_claims_bad_input(tmp_path, make, error, message):
    path = tmp_path / "claims.parquet"
    make(path)
    with pytest.raises(error, match=message):
        read_claims(path)
