"""Scale benchmark: every stage at 1k, 10k and 100k documents, the naive path, the Dask engine.

    python bench/bench_scale.py                       # 1k, 10k, 100k (builds the corpora once)
    python bench/bench_scale.py --sizes 1000 --dask-size 1000 --naive-docs 100   # a quick run

Prints one table, measured in this run:

* **Stages** at each size, in one process that streams the corpus (``load_corpus(path,
  stream=True)``) in chunks of 1,000 documents: load (read, decode, segment), claims
  (``extract_claims``), framing (``frame_profile``) and scoring (``score_sources``, given
  the tolls and the framing voices so that it is not charged for them); then tolls
  (``compare_tolls`` on the whole claims table) in a process of its own, with its memory
  capped (``--memory-limit-gb``) and its time limited (``--tolls-timeout``): a stage that
  runs out of either is reported as such, not allowed to take the machine down.
  Documents/s and MB/s count the article text (UTF-8).
  Framing and scoring read the first ``--sample-docs`` documents (default 500; marked
  ``sample`` when that is not the whole corpus): at under 10 documents/s on one core for
  framing and fewer for scoring, 100k documents would take many hours.
* **Peak memory** (``ru_maxrss``) of each size's streaming process after load + claims,
  and at its end (framing and scoring of the sample included), and of the tolls process.
* **Naive path**: the same documents (``--naive-docs`` of the 10k corpus) through the
  default two-pass extraction and through ``ClaimParams(full_parse=True)`` (the full spaCy
  pipeline on every sentence), with a check that both give the same table.
* **Dask**: load + claims of the ``--dask-size`` corpus with ``extract_claims_dask`` on a
  ``LocalCluster`` of 2 worker processes (started, and warmed up on the bundled corpus so
  that the models are loaded), against
  the same in one process (load + claims of the stage run), and whether the two claims
  tables are identical. ``extract_claims(n_jobs=2)`` is measured too (each call starts
  its worker processes, which load the model: that is inside its time; workers get whole
  chunks of documents, so parsing is batched across documents as in one process).

Targets (issue 8): claims >= 10x naive; 10k -> 100k at most 11x the time; peak memory at
100k within 1.5x of 10k; Dask on 2 workers >= 1.6x one process. Model loading is never
timed. The corpora are made by ``bench/make_corpus.py`` under ``bench/out/`` (ignored by
git) and reused when present; each measurement runs in a child process of this script.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import default_folder, make_corpus  # noqa: E402

CHUNK = 1000
STAGES = ("load", "claims", "framing", "tolls", "scoring")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--sample-docs", type=int, default=500, help="documents framed and scored per size")
    parser.add_argument("--naive-docs", type=int, default=300, help="documents compared with the naive path")
    parser.add_argument("--dask-size", type=int, default=10_000, help="corpus size for the Dask comparison")
    parser.add_argument("--memory-limit-gb", type=float, default=12.0, help="address space of each measuring process")
    parser.add_argument("--tolls-timeout", type=float, default=1800.0, help="seconds compare_tolls may take")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        job = json.loads(args.child)
        limit = int(job.pop("memory_limit_gb") * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # a MemoryError here, not the OOM killer
        print(json.dumps(CHILDREN[job.pop("kind")](**job)))
        return 0

    sizes = sorted(set(args.sizes))
    load_before = os.getloadavg()
    for size in sorted({*sizes, args.dask_size}):
        if not default_folder(size).is_dir():
            log(f"making the {size:,}-document corpus")
            make_corpus(default_folder(size), size)
    limits = {"memory_limit_gb": args.memory_limit_gb}
    results, tolls = {}, {}
    for size in sizes:
        log(f"stages at {size:,} documents")
        results[size] = child(kind="stages", size=size, sample_docs=args.sample_docs, **limits)
        if "error" not in results[size]:
            log(f"tolls at {size:,} documents")
            tolls[size] = child(kind="tolls", size=size, timeout=args.tolls_timeout, **limits)
    log(f"naive path on {args.naive_docs} documents")
    naive = child(kind="naive", size=args.dask_size, n_docs=args.naive_docs, **limits)
    if args.dask_size not in results:
        results[args.dask_size] = child(kind="stages", size=args.dask_size, sample_docs=0, **limits)
    log(f"Dask engine at {args.dask_size:,} documents")
    dask = child(kind="dask", size=args.dask_size, **limits)
    print_report(results, tolls, sizes, naive, dask, args.dask_size)
    print(f"load average (1, 5, 15 min) at the start: {', '.join(f'{x:.1f}' for x in load_before)}; "
          f"at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


def child(timeout: float | None = None, **job) -> dict:
    """Run one measurement in a fresh process: its result, or ``{"error": why}``."""
    try:
        out = subprocess.run([sys.executable, __file__, "--child", json.dumps(job)], stdout=subprocess.PIPE,
                             text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"not finished in {timeout / 60:.0f} min"}
    except subprocess.CalledProcessError as err:
        return {"error": f"failed (exit status {err.returncode}; see the log)"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------- measurements
def run_stages(size: int, sample_docs: int) -> dict:
    """Load, claims, framing and scoring of one corpus, streamed in chunks; the claims
    table is saved for the tolls and Dask measurements."""
    import pandas as pd

    from kargraph._nlp import get_nlp
    from kargraph.claims import FAST_DISABLED, extract_claims
    from kargraph.corpus import load_corpus
    from kargraph.framing import frame_profile

    warnings.simplefilter("ignore")
    get_nlp(), get_nlp(disable=FAST_DISABLED)  # model loading is not measured
    clock = dict.fromkeys(STAGES, 0.0)
    n_docs = n_bytes = 0
    claims_parts, sample, sample_bytes, voices = [], [], 0, []
    stream = _timed(load_corpus(default_folder(size), stream=True), clock)
    while chunk := list(itertools.islice(stream, CHUNK)):
        n_docs += len(chunk)
        n_bytes += sum(len(d.raw.encode("utf-8")) for d in chunk)
        started = time.perf_counter()
        claims_parts.append(extract_claims(chunk))
        clock["claims"] += time.perf_counter() - started
        framed = chunk[:max(0, sample_docs - len(sample))]
        if framed:
            started = time.perf_counter()
            voices.append(frame_profile(framed).voices)
            clock["framing"] += time.perf_counter() - started
            sample += framed
            sample_bytes += sum(len(d.raw.encode("utf-8")) for d in framed)
    peak_claims = _peak_mb()
    claims = pd.concat(claims_parts, ignore_index=True)
    del claims_parts
    if sample:
        clock["scoring"] = _time_scoring(sample, claims, pd.concat(voices, ignore_index=True))
    claims.to_parquet(_claims_file(size))
    return {"n_docs": n_docs, "n_bytes": n_bytes, "n_claims": len(claims), "n_sample": len(sample),
            "sample_bytes": sample_bytes, "seconds": clock, "peak_claims_mb": peak_claims, "peak_mb": _peak_mb()}


def run_tolls(size: int) -> dict:
    """``compare_tolls`` on the whole claims table of one corpus."""
    import pandas as pd

    from kargraph.tolls import compare_tolls

    warnings.simplefilter("ignore")
    claims = pd.read_parquet(_claims_file(size))
    started = time.perf_counter()
    try:
        groups = compare_tolls(claims).groups
    except MemoryError as err:  # pyarrow's ArrowMemoryError is one too
        return {"error": f"out of memory after {time.perf_counter() - started:.0f} s ({type(err).__name__})",
                "peak_mb": _peak_mb()}
    return {"seconds": time.perf_counter() - started, "n_groups": len(groups), "peak_mb": _peak_mb()}


def _time_scoring(docs, claims, voices) -> float:
    from kargraph.reliability import score_sources
    from kargraph.tolls import compare_tolls

    own = claims[claims["doc_id"].isin({d.doc_id for d in docs})]
    tolls = compare_tolls(own)
    started = time.perf_counter()
    score_sources(docs, own, tolls=tolls, voices=voices)
    return time.perf_counter() - started


def _timed(documents, clock: dict):
    """The documents of a stream, the time spent producing them added to ``clock["load"]``."""
    it = iter(documents)
    while True:
        started = time.perf_counter()
        doc = next(it, None)
        clock["load"] += time.perf_counter() - started
        if doc is None:
            return
        yield doc


def run_naive(size: int, n_docs: int) -> dict:
    from kargraph._nlp import get_nlp
    from kargraph.claims import FAST_DISABLED, ClaimParams, extract_claims
    from kargraph.corpus import load_corpus

    warnings.simplefilter("ignore")
    get_nlp(), get_nlp(disable=FAST_DISABLED)
    docs = list(itertools.islice(load_corpus(default_folder(size), stream=True), n_docs))
    out = {"n_docs": len(docs), "n_bytes": sum(len(d.raw.encode("utf-8")) for d in docs)}
    paths = (("two_pass", ClaimParams()), ("naive", ClaimParams(full_parse=True)))
    for _, params in paths:  # the profile read and its patterns compiled before timing, for both
        extract_claims(docs[:20], params=params)
    tables = {}
    for name, params in paths:
        started = time.perf_counter()
        tables[name] = extract_claims(docs, params=params)
        out[name] = time.perf_counter() - started
    out["identical"] = bool(tables["two_pass"].equals(tables["naive"]))
    out["n_claims"] = len(tables["two_pass"])
    return out


def run_dask(size: int) -> dict:
    import pandas as pd

    from kargraph._paths import bundled_corpus
    from kargraph.claims import extract_claims
    from kargraph.corpus import load_corpus
    from kargraph.dask import extract_claims_dask, local_client

    warnings.simplefilter("ignore")
    expected = pd.read_parquet(_claims_file(size))
    out = {}
    started = time.perf_counter()
    with local_client(2) as client:
        extract_claims_dask(bundled_corpus(), scheduler=client)  # workers load their models before timing
        out["cluster_start"] = time.perf_counter() - started
        started = time.perf_counter()
        claims, _ = extract_claims_dask(default_folder(size), scheduler=client)
        out["dask"] = time.perf_counter() - started
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        out["worker_peak_mb"] = max(peaks.values())
    out["identical"] = bool(claims.reset_index(drop=True).equals(expected))
    out["n_claims"] = len(claims)
    docs = load_corpus(default_folder(size))
    started = time.perf_counter()
    jobs = extract_claims(docs, n_jobs=2)
    out["n_jobs_2"] = time.perf_counter() - started
    out["n_jobs_2_identical"] = bool(jobs.equals(expected))
    return out


def _claims_file(size: int) -> Path:
    return default_folder(size).parent / f"claims-{size}.parquet"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


CHILDREN = {"stages": run_stages, "tolls": run_tolls, "naive": run_naive, "dask": run_dask}


# ------------------------------------------------------------------------------ report
def print_report(results: dict, tolls: dict, sizes: list[int], naive: dict, dask: dict, dask_size: int) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {cores} cores, {memory:.0f} GB, "
          f"Python {platform.python_version()}, {platform.system()}")
    print(f"{'documents':>10} {'stage':<8} {'docs read':>10} {'MB':>8} {'seconds':>9} {'docs/s':>9} {'MB/s':>7}  note")
    for size in sizes:
        r = results[size]
        if "error" in r:
            print(f"{size:>10,} {'all':<8} {r['error']}")
            continue
        for stage in STAGES:
            _print_stage(size, stage, r, tolls.get(size, {}))
    print()
    print(f"{'documents':>10} {'peak MB (load+claims)':>22} {'(+ framing, scoring)':>21} {'(tolls)':>8}")
    for size in sizes:
        r, t = results[size], tolls.get(size, {})
        if "error" not in r:
            print(f"{size:>10,} {r['peak_claims_mb']:>22.0f} {r['peak_mb']:>21.0f} {t.get('peak_mb', 0):>8.0f}")
    small, large = results.get(10_000, {}), results.get(100_000, {})
    if "seconds" in small and "seconds" in large:
        t_small = small["seconds"]["load"] + small["seconds"]["claims"]
        t_large = large["seconds"]["load"] + large["seconds"]["claims"]
        print(f"10k -> 100k: load + claims took {t_large / t_small:.1f}x the time (target <= 11x); peak memory "
              f"{large['peak_claims_mb'] / small['peak_claims_mb']:.2f}x after load + claims, "
              f"{large['peak_mb'] / small['peak_mb']:.2f}x with framing and scoring (target <= 1.5x)")
    if "error" in naive:
        print(f"naive full parse: {naive['error']}")
    else:
        print(f"naive full parse on {naive['n_docs']} documents: {naive['naive']:.1f} s against "
              f"{naive['two_pass']:.1f} s two-pass: {naive['naive'] / naive['two_pass']:.1f}x (target >= 10x); "
              f"same table: {naive['identical']}")
    base = results.get(dask_size, {}).get("seconds")
    if "error" in dask or not base:
        print(f"Dask: {dask.get('error', 'no one-process run to compare with')}")
        return
    one = base["load"] + base["claims"]
    print(f"Dask, {dask_size:,} documents, load + claims: one process {one:.1f} s; LocalCluster of 2 workers "
          f"{dask['dask']:.1f} s ({one / dask['dask']:.2f}x, target >= 1.6x; cluster start "
          f"{dask['cluster_start']:.1f} s not counted); same table: {dask['identical']}; "
          f"peak memory of a worker {dask['worker_peak_mb']:.0f} MB")
    print(f"extract_claims(n_jobs=2) on the loaded corpus: {dask['n_jobs_2']:.1f} s (starting the 2 workers and "
          f"loading their models included) against {base['claims']:.1f} s for n_jobs=1 "
          f"({base['claims'] / dask['n_jobs_2']:.2f}x); same table: {dask['n_jobs_2_identical']}")


def _print_stage(size: int, stage: str, r: dict, tolls: dict) -> None:
    sampled = stage in ("framing", "scoring")
    docs, mb = (r["n_sample"], r["sample_bytes"] / 1e6) if sampled else (r["n_docs"], r["n_bytes"] / 1e6)
    secs = tolls.get("seconds") if stage == "tolls" else r["seconds"][stage]
    sample = "sample; " if r["n_sample"] < r["n_docs"] else ""
    note = {"claims": f"{r['n_claims']:,} claims", "tolls": f"on {r['n_claims']:,} claims",
            "framing": sample.rstrip("; "), "scoring": f"{sample}tolls and voices given"}[stage] if stage != "load" else ""
    if stage == "tolls" and "error" in tolls:
        note = f"on {r['n_claims']:,} claims: {tolls['error']}"
    if not docs or not secs:
        print(f"{size:>10,} {stage:<8} {'':>10} {'':>8} {'':>9} {'':>9} {'':>7}  {note or 'not measured'}")
        return
    print(f"{size:>10,} {stage:<8} {docs:>10,} {mb:>8.1f} {secs:>9.1f} {docs / secs:>9.1f} {mb / secs:>7.2f}  {note}")


if __name__ == "__main__":
    sys.exit(main())
