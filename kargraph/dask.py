"""The claims table (and the framing tables) of a corpus folder computed on a Dask cluster.

``extract_claims_dask(corpus_dir)`` loads the articles, extracts their claims and, with
``framing=FramingParams()`` in :func:`run_dask`, reads their per-document framing features
(labels, voices, agency, frames) over a ``dask.bag`` on a ``distributed.Client``: a
``LocalCluster`` on this machine by default, or the cluster at ``scheduler`` (an address
such as ``"tcp://10.0.0.5:8786"`` or a ``Client``). It returns the same claims table as
``extract_claims(load_corpus(corpus_dir))``, row for row, and writes it, when asked, as a
partitioned Parquet dataset (a folder of ``part-NNNNN.parquet`` files and a
``_kargraph.json`` manifest with the parameters that made it). :func:`read_claims` and
:func:`read_framing` load those outputs back for ``compare_tolls``, ``score_sources`` and
the framing summaries.

How the work is split:

* The client lists the files and reads ``sources.csv`` once (cheap); the files are cut
  into partitions of about ``partition_bytes``, in load order. A ``.jsonl`` file is never
  split, so a very large one should be cut into shards (``split -l 1000``).
* Each partition is one task: its worker reads and segments its files, joins the
  metadata and extracts claims document by document (and frames them). The conflict
  profile and the metadata travel once per worker, as shared task inputs.
* A worker plugin loads the spaCy pipelines when the worker starts, so each worker
  process loads the model once, whatever the number of tasks it runs.
* The client puts the partitions back together in document-id order, resolves what a
  single loader would have seen across partitions (a document id repeated in two
  partitions, ``sources.csv`` rows that match no document) and writes the outputs.

Every worker must be able to import kargraph and to read the corpus folder at the same
path (a shared file system on a multi-machine cluster); the outputs are written by the
client. Writes are atomic: the dataset is written into a hidden temporary folder next to
the output and renamed into place, so a run killed half-way leaves the previous output
as it was.

Libraries do the distributed work (dask.bag partitions, the distributed scheduler
reschedules the tasks of a worker that dies); Parquet goes through pandas and pyarrow.
The loader's per-file reading is reused from :mod:`kargraph.corpus` (its private file
listing, metadata reader and document generator), so that both engines read a file the
same way.
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import re
import shutil
import uuid
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pandas as pd
from distributed import WorkerPlugin

from . import schema
from .claims import FAST_DISABLED, ClaimExtractor, ClaimParams, claims_frame, extract_claims
from .document import LoadIssue
from .claim_lines import claim_kinds
from .profile import Profile, load_profile

#: bytes of article files per task: large enough that a task's overhead (tens of
#: milliseconds) is small next to its work, small enough to spread over the workers
PARTITION_BYTES = 2_000_000
#: rows per Parquet part file
ROWS_PER_PART = 200_000
MANIFEST = "_kargraph.json"
#: the detail tables of framing that are computed per document and stored
FRAMING_TABLES = {"labels": "framing_labels", "voices": "framing_voices", "agency": "framing_agency",
                  "frames": "framing_frames", "frame_shares": "framing_frame_shares"}
_PER_DOCUMENT = ("labels", "voices", "agency", "frames")
_PLUGIN = "kargraph-pipelines"
#: Dask settings of the LocalCluster :func:`run_dask` starts (one thread per worker: spaCy
#: holds the GIL, so threads would only queue).
#:
#: * No statistical profiler: without a dashboard nobody reads it, and it samples the task
#:   thread's stack every 10 ms.
#: * glibc's own heap trimming: the nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``
#:   so that they hand freed memory back to the system at once; spaCy allocates and frees
#:   many short-lived arrays per sentence, and trimming after each of them made every task
#:   about a fifth slower (on the 10k-document benchmark corpus, the tasks of 2 workers
#:   took 52 s of worker time with it, 44 s without). A worker's memory stays bounded by
#:   its partition.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False,
                        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


@dataclass
class DaskRun:
    """What :func:`run_dask` produced.

    Attributes:
        claims: the claims table (``kargraph.schema.CLAIMS``), in document-id order.
        issues: problems met while loading, as :class:`~kargraph.document.LoadIssue`.
        framing: the framing tables (a ``FramingResult``), when framing was asked for.
        n_documents: documents read.
        n_bytes: size of the article files read.
        n_partitions: tasks the corpus was cut into.
    """

    claims: pd.DataFrame
    issues: list[LoadIssue]
    framing: Any = None
    n_documents: int = 0
    n_bytes: int = 0
    n_partitions: int = 0


def extract_claims_dask(corpus_dir: str | os.PathLike, *, scheduler=None, profile: Profile | str | None = None,
                        output: str | os.PathLike | None = None, n_workers: int = 2,
                        params: ClaimParams = ClaimParams(), metadata: str | None = "sources.csv",
                        partition_bytes: int = PARTITION_BYTES,
                        progress: bool = False) -> tuple[pd.DataFrame, list[LoadIssue]]:
    """The claims table of a corpus folder, computed on a Dask cluster.

    Args:
        corpus_dir: folder of ``.txt``/``.html``/``.jsonl`` articles (see ``load_corpus``).
        scheduler: ``None`` for a ``LocalCluster`` of ``n_workers`` processes on this
            machine (started and stopped here), a scheduler address, or a ``Client``.
        profile: conflict profile (object, name or YAML path).
        output: where to write the table: a ``.csv`` or ``.json`` file, or a Parquet
            dataset folder (any other name, e.g. ``claims.parquet``); None writes nothing.
        n_workers: worker processes of the local cluster (one thread each).
        params: extraction options.
        metadata: the metadata table of the corpus (as in ``load_corpus``).
        partition_bytes: article bytes per task.
        progress: show a progress bar (documents, claims) on stderr.

    Returns:
        ``(claims, issues)``: the table, identical to ``extract_claims(load_corpus(corpus_dir))``,
        and the load issues.

    Raises:
        FileNotFoundError, NotADirectoryError, ValueError: as ``load_corpus``.
    """
    run = run_dask(corpus_dir, scheduler=scheduler, profile=profile, output=output, n_workers=n_workers,
                   params=params, metadata=metadata, partition_bytes=partition_bytes, progress=progress)
    return run.claims, run.issues


def run_dask(corpus_dir: str | os.PathLike, *, scheduler=None, profile: Profile | str | None = None,
             output: str | os.PathLike | None = None, n_workers: int = 2, params: ClaimParams = ClaimParams(),
             framing=None, framing_output: str | os.PathLike | None = None,
             metadata: str | None = "sources.csv", partition_bytes: int = PARTITION_BYTES,
             progress: bool = False) -> DaskRun:
    """Load, extract claims and (with ``framing``) frame a corpus folder on a Dask cluster.

    Takes the arguments of :func:`extract_claims_dask`, and:

    Args:
        framing: a ``FramingParams`` to also compute the framing tables (``outlets`` must
            be empty: filter the tables afterwards); None for claims only.
        framing_output: folder to write the framing tables to (one Parquet dataset per
            table, see :func:`read_framing`); None writes nothing.

    Returns:
        A :class:`DaskRun`.
    """
    from .corpus import _check_folder, _list_files, _metadata_path, _read_metadata

    if partition_bytes < 1:
        raise ValueError(f"partition_bytes must be positive, not {partition_bytes!r}")
    if framing_output is not None and framing is None:
        raise ValueError("framing_output needs framing=FramingParams(...): no framing tables are computed without it")
    if framing is not None and framing.outlets:
        raise ValueError("FramingParams.outlets is not supported by the Dask engine; "
                         "filter the framing tables by outlet after the run")
    root = _check_folder(corpus_dir).absolute()  # workers may run in another folder
    meta_path = _metadata_path(root, metadata)
    files, listing_issues = _list_files(root, meta_path)
    if not files:
        raise ValueError(f"{corpus_dir}: no article files (.txt, .html, .htm, .jsonl) in this folder")
    meta, meta_issues = _read_metadata(root, meta_path)
    prof = load_profile(profile, corpus=root)
    partitions = _partition(files, partition_bytes)
    job = _Job(prof, params, framing, None if meta is None else meta._replace(rows=_JoinOnly(meta.rows)))

    with _connect(scheduler, n_workers) as client:
        client.register_plugin(_Pipelines(framing=framing is not None), name=_PLUGIN)
        parts = _compute(client, partitions, job, progress)

    issues = [*listing_issues, *meta_issues]
    claims, framing_tables, sentences, dropped = _assemble(parts, issues)
    issues += _unmatched_rows(meta, {doc_id for part in parts for doc_id, _ in part.documents})
    _warn(issues, parts)
    claims["claim_kind"] = claim_kinds(claims, prof)
    claims.attrs["params"] = {**extract_claims([], profile=prof, params=params).attrs["params"], "engine": "dask"}
    result = None
    if framing is not None:
        frames = framing_tables.get("frames", schema.empty("framing_frames"))
        framing_tables["frame_shares"] = _frame_shares(frames, sentences, prof)
        result = _framing_result(framing_tables, prof, framing)
    if output is not None:
        write_claims(claims, output)
    if framing_output is not None and result is not None:
        write_framing(result, framing_output)
    return DaskRun(claims=claims, issues=issues, framing=result,
                   n_documents=sum(len(p.documents) for p in parts) - dropped,
                   n_bytes=sum(p.n_bytes for p in parts), n_partitions=len(parts))


# ---------------------------------------------------------------------- reading outputs
def read_claims(path: str | os.PathLike) -> pd.DataFrame:
    """A claims table written by :func:`write_claims` (or a ``.parquet``/``.csv`` file).

    Returns:
        The table conformed to ``kargraph.schema.CLAIMS``, rows in the order written,
        ``attrs["params"]`` as recorded in the dataset's manifest.

    Raises:
        FileNotFoundError: nothing at ``path``.
        ValueError: no Parquet part in the folder, or the table lacks claims columns.
    """
    return read_table(path, "claims")


def read_table(path: str | os.PathLike, table: str) -> pd.DataFrame:
    """A table documented in ``kargraph.schema`` read from a Parquet dataset or file."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no {table} table at {path}")
    attrs = {}
    if path.is_dir():
        parts = sorted(path.glob("part-*.parquet"))
        if not parts:
            raise ValueError(f"{path}: not a kargraph Parquet dataset (no part-*.parquet files)")
        df = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
        if (path / MANIFEST).is_file():
            attrs = json.loads((path / MANIFEST).read_text(encoding="utf-8")).get("attrs", {})
    elif path.suffix.lower() == ".csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    else:
        df = pd.read_parquet(path)
    try:
        df = schema.conform(df, table)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{path}: {err}") from None
    df.attrs = attrs or df.attrs
    return df


def read_framing(path: str | os.PathLike, *, profile: Profile | str | None = None):
    """The framing tables written by :func:`write_framing`, summaries recomputed.

    Returns:
        A ``FramingResult``: the detail tables as stored; ``label_summary`` and
        ``voice_shares`` recomputed from them; ``frame_shares`` as stored.
    """
    from .framing import FramingParams

    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"no framing tables at {path}")
    tables = {name: read_table(path / name, table) for name, table in FRAMING_TABLES.items()}
    recorded = tables["labels"].attrs.get("params", {})
    params = FramingParams(**recorded) if recorded else FramingParams()
    prof = load_profile(profile)
    return _framing_result(tables, prof, params)


# ---------------------------------------------------------------------- writing outputs
def write_claims(claims: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a claims table: a ``.csv``/``.json`` file, else a partitioned Parquet dataset."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".json", ".jsonl"):
        from ._io import write_table

        return write_table(claims, path)
    return write_dataset(claims, path)


def write_framing(result, path: str | os.PathLike) -> Path:
    """Write the per-document framing tables of a ``FramingResult`` (one dataset each)."""
    tables = {name: getattr(result, name) for name in FRAMING_TABLES}
    return _atomic_folder(Path(path), lambda tmp: [write_dataset(df, tmp / name, atomic=False)
                                                   for name, df in tables.items()])


def write_dataset(df: pd.DataFrame, path: str | os.PathLike, *, rows_per_part: int = ROWS_PER_PART,
                  atomic: bool = True) -> Path:
    """Write ``df`` as a folder of Parquet parts plus a manifest, replacing ``path`` atomically.

    Rows keep their order across the parts (``part-00000.parquet`` first); the manifest
    records the row count and ``df.attrs``. With ``atomic`` the folder is written next to
    ``path`` under a hidden name and renamed into place: readers see the old dataset or
    the new one, never a mix, and an interrupted write leaves the old one.
    """
    def fill(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        starts = range(0, max(len(df), 1), rows_per_part)
        for i, start in enumerate(starts):
            part = folder / f"part-{i:05d}.parquet"
            df.iloc[start:start + rows_per_part].to_parquet(part, index=False)
            _fsync(part)
        manifest = {"rows": len(df), "parts": len(starts), "columns": list(df.columns),
                    "attrs": _plain(df.attrs)}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        _fsync(folder / MANIFEST)

    path = Path(path)
    if not atomic:
        fill(path)
        return path
    return _atomic_folder(path, fill)


def _atomic_folder(path: Path, fill) -> Path:
    """Fill a hidden temporary folder next to ``path``, then swap it in for ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path)
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp = path.parent / f".{path.name}.tmp-{token}"
    old = path.parent / f".{path.name}.old-{token}"
    try:
        fill(tmp)
        _fsync(tmp)
        if path.exists() or path.is_symlink():
            os.replace(path, old)  # (a folder cannot be replaced in one step; this is the short gap)
        os.replace(tmp, path)
        _fsync(path.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not path.exists():
            os.replace(old, path)
        raise
    _remove(old)
    return path


def _remove_stale(path: Path) -> None:
    """Temporary folders left by killed runs (their process is gone)."""
    from .render import _alive  # the report renderer cleans its partial folders the same way

    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(?:tmp|old)-(\d+)-[0-9a-f]+$")
    for sibling in path.parent.iterdir():
        m = pattern.match(sibling.name)
        if m and not _alive(int(m.group(1))):
            _remove(sibling)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _plain(value):
    """``attrs`` as JSON: tuples as lists, anything else unknown as its text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# ------------------------------------------------------------------------- the cluster
def local_client(n_workers: int = 2):
    """A context manager for a ``Client`` of the local cluster :func:`run_dask` starts by
    default, to run several corpora on one cluster (``scheduler=client``)."""
    return _connect(None, n_workers)


@contextlib.contextmanager
def _connect(scheduler, n_workers: int) -> Iterator:
    import dask
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    if n_workers < 1:
        raise ValueError(f"n_workers must be at least 1, not {n_workers!r}")
    with dask.config.set(LOCAL_CLUSTER_CONFIG), \
            LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


class _Pipelines(WorkerPlugin):
    """Loads the spaCy pipelines when a worker starts: once per worker process."""

    def __init__(self, *, framing: bool):
        self.framing = framing

    async def setup(self, worker) -> None:
        # off the worker's event loop, which must keep answering the scheduler meanwhile
        await asyncio.get_running_loop().run_in_executor(None, _load_pipelines, self.framing)


def _load_pipelines(framing: bool) -> None:
    from ._nlp import get_nlp

    get_nlp(disable=FAST_DISABLED)
    if framing:
        get_nlp()


def _compute(client, partitions: list[list], job: _Job, progress: bool) -> list[_Part]:
    import dask
    import dask.bag as db
    from distributed import as_completed

    shared = dask.delayed(job, pure=False, traverse=False)  # not hashed: the metadata can be large
    bag = db.from_sequence(partitions, npartitions=len(partitions)).map(_process_files, shared)
    futures = client.compute(bag.to_delayed())
    index = {f.key: i for i, f in enumerate(futures)}
    parts: list[_Part | None] = [None] * len(futures)
    bar = _progress_bar(progress)
    found = 0
    for future, result in as_completed(futures, with_results=True):
        part = result[0]
        parts[index[future.key]] = part
        found += len(part.claims)
        if bar is not None:
            bar.update(len(part.documents))
            bar.set_postfix(claims=found, refresh=False)
        future.release()
    if bar is not None:
        bar.close()
    return parts


def _progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(unit="doc", desc="claims (dask)")


def _partition(files: list, partition_bytes: int) -> list[list]:
    """Consecutive runs of files of about ``partition_bytes`` together."""
    parts, current, size = [], [], 0
    for entry in files:
        n = entry[1].stat().st_size
        if current and size + n > partition_bytes:
            parts.append(current)
            current, size = [], 0
        current.append(entry)
        size += n
    if current:
        parts.append(current)
    return parts


# ---------------------------------------------------------------------- in the workers
@dataclass(frozen=True)
class _Job:
    """What every task needs; sent once per worker as a shared task input."""

    profile: Profile
    params: ClaimParams
    framing: Any
    meta: Any  # corpus._Metadata with _JoinOnly rows, or None


class _JoinOnly:
    """The rows of ``sources.csv`` as a partition sees them: joined by doc_id, never listed.

    The loader reports, after its last file, the rows that matched no document; a
    partition only sees some of the documents, so the client does that check once.
    """

    def __init__(self, rows: dict):
        self.rows = rows

    def get(self, doc_id, default=None):
        return self.rows.get(doc_id, default)

    def items(self):
        return ()


@dataclass
class _Part:
    """A partition's results."""

    claims: pd.DataFrame
    documents: list[tuple[str, str]]  # (doc_id, file) in load order
    issues: list[LoadIssue]
    messages: list[tuple[str, type]]  # warnings raised while processing
    n_bytes: int = 0
    framing: dict[str, pd.DataFrame] = field(default_factory=dict)
    sentences: list[tuple[str, str, int]] = field(default_factory=list)  # (doc_id, outlet, article sentences)


def _process_files(files: list, job: _Job) -> _Part:
    """Load, extract and frame the documents of one partition."""
    from .corpus import CorpusWarning, _generate
    from .language import mark_unread, with_languages

    issues: list[LoadIssue] = []
    rows, documents, framed = [], [], []
    extractor = ClaimExtractor(job.profile, job.params)

    def loaded():
        # the documents the profile does not read get their load_issues row; the warning per
        # language is the single-process loader's (a partition sees only its own documents)
        for doc in mark_unread(with_languages(_generate(files, job.meta, [], issues)), job.profile, issues.append,
                               lambda _: None):
            documents.append((doc.doc_id, doc.file))
            if job.framing is not None:
                framed.append(doc)
            yield doc

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for doc_rows in extractor.documents_claims(loaded()):  # parsed in batches across documents
            rows.extend(doc_rows)
        framing = _frame(framed, job) if job.framing is not None else {}
    messages = [(str(w.message), w.category) for w in caught if not issubclass(w.category, CorpusWarning)]
    n_bytes = sum(entry[1].stat().st_size for entry in files)
    sentences = [(d.doc_id, d.outlet or d.doc_id,
                  len(d.sentences if job.framing.include_boilerplate else d.article_sentences))
                 for d in framed]
    return _Part(claims_frame(rows), documents, issues, messages, n_bytes, framing, sentences)


def _frame(docs: list, job: _Job) -> dict[str, pd.DataFrame]:
    from .framing import frame_profile

    result = frame_profile(docs, profile=job.profile, params=job.framing)
    return {name: getattr(result, name) for name in _PER_DOCUMENT}


# ------------------------------------------------------------------------- on the client
def _assemble(parts: list[_Part], issues: list[LoadIssue]) -> tuple[pd.DataFrame, dict, Counter, int]:
    """The claims and framing tables of all partitions, as one loader would have read them.

    A document id met in an earlier partition wins, as in the loader (later files are
    reported and left out); rows then follow document-id order as in a loaded Corpus.
    """
    seen: dict[str, str] = {}
    claims, framing = [], {name: [] for name in _PER_DOCUMENT}
    sentences: Counter = Counter()
    dropped = 0
    for part in parts:
        issues.extend(part.issues)
        repeated = set()
        for doc_id, file in part.documents:
            if doc_id in seen:
                repeated.add(doc_id)
                issues.append(LoadIssue(file, f"duplicate document id {doc_id!r} (already loaded from "
                                              f"{seen[doc_id]}); this one left out", "warning", "skipped"))
            else:
                seen[doc_id] = file
        dropped += len(repeated)
        claims.append(_without(part.claims, repeated))
        for name, table in part.framing.items():
            framing[name].append(_without(table, repeated))
        for doc_id, outlet, n in part.sentences:
            if doc_id not in repeated:
                sentences[outlet] += n
    table = _by_document(pd.concat(claims, ignore_index=True) if claims else schema.empty("claims"))
    table = claims_frame([]) if table.empty else schema.conform(table, "claims")
    framing_tables = {name: _by_document(pd.concat(frames, ignore_index=True))
                      for name, frames in framing.items() if frames}
    return table, framing_tables, sentences, dropped


def _without(table: pd.DataFrame, doc_ids: set[str]) -> pd.DataFrame:
    return table[~table["doc_id"].isin(doc_ids)] if doc_ids else table


def _by_document(table: pd.DataFrame) -> pd.DataFrame:
    """Rows in document-id order (as a loaded Corpus sorts its documents), each
    document's rows in their original order."""
    rank = {doc_id: i for i, doc_id in enumerate(sorted(table["doc_id"].unique()))}
    order = np.argsort(table["doc_id"].map(rank).to_numpy(dtype=np.int64), kind="stable")
    return table.iloc[order].reset_index(drop=True)


def _frame_shares(frames: pd.DataFrame, sentences: Counter, prof: Profile) -> pd.DataFrame:
    """Frame shares of the whole corpus, from the frames of all partitions and the
    article sentences of each outlet (what ``frame_profile`` computes them from)."""
    from .framing import _frame_shares, _lexicon

    return _frame_shares(frames, sentences, list(_lexicon(prof).frames))


def _framing_result(tables: dict[str, pd.DataFrame], prof: Profile, params):
    from .framing import FramingResult, label_summary, voice_shares

    meta = {"params": dataclasses.asdict(params), "profile": prof.id}
    full = {name: tables.get(name, schema.empty(table)) for name, table in FRAMING_TABLES.items()}
    for df in full.values():
        df.attrs = dict(meta)
    summaries = {"label_summary": label_summary(full["labels"], profile=prof, params=params),
                 "voice_shares": voice_shares(full["voices"])}
    for df in summaries.values():
        df.attrs = dict(meta)
    return FramingResult(**full, **summaries, params=params)


def _unmatched_rows(meta, doc_ids: set[str]) -> list[LoadIssue]:
    """``sources.csv`` rows that match no document of the whole corpus (as the loader says)."""
    from .corpus import ARTICLE_SUFFIXES

    if meta is None:
        return []
    out = []
    for doc_id, (line, _) in meta.rows.items():
        if doc_id not in doc_ids:
            hint = " (ids are file names without extension)" if Path(doc_id).suffix.lower() in ARTICLE_SUFFIXES else ""
            out.append(LoadIssue(meta.name, f"line {line}: doc_id {doc_id!r} matches no document{hint}",
                                 "warning", "loaded"))
    return out


def _warn(issues: list[LoadIssue], parts: list[_Part]) -> None:
    """Show on the client what the workers met, as a local run would."""
    from .corpus import CorpusWarning

    for issue in issues:
        warnings.warn(str(issue), CorpusWarning, stacklevel=3)
    for part in parts:
        for message, category in part.messages:
            warnings.warn(message, category, stacklevel=3)
