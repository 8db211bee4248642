"""Per-document results computed in worker processes, yielded in input order.

``map_documents(func, documents, n_jobs=N, payload=...)`` calls ``func(doc, payload)``
for every document in ``N`` worker processes and yields the results (lists of rows) in
the order of ``documents``. It is what ``extract_claims(..., n_jobs=N)`` runs on.

* **Once per worker.** ``payload`` (e.g. the profile path and the extraction options) is
  sent to each worker once, when it starts; ``func`` keeps whatever it builds from it
  (the spaCy pipeline) in a per-process cache, so a worker loads the model once and then
  reads many documents.
* **Bounded memory.** Documents are pulled from the iterable in chunks, and only a few
  chunks per worker are in flight; a corpus streamed with ``load_corpus(path,
  stream=True)`` is never held in memory as a whole.
* **Failures stay local.** An exception on one document, or a worker process that dies
  (a crash in a C extension, the out-of-memory killer), costs that document only: it is
  reported as a :class:`WorkerFailure` (a ``RuntimeWarning`` naming the file, and an entry
  in ``failures`` when a list is given) and yields an empty list; every other document is
  processed. After a crash the documents that were in flight are redone one at a time in a
  fresh pool, which tells the document that kills its worker from its bystanders.
* **Progress.** With ``progress=True`` a tqdm bar shows documents done, rows found (claims)
  and the rate.

Written on :class:`concurrent.futures.ProcessPoolExecutor` rather than joblib or
``multiprocessing.Pool``: the standard executor reports a dead worker as
``BrokenProcessPool`` instead of hanging, and lets results be consumed in order while
later chunks are still being computed, which bounded-memory streaming needs. Workers are
started with ``forkserver`` (``spawn`` where that is missing): forking a process that
already runs threads (Jupyter, Dask, tqdm) can deadlock.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import warnings
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .document import Document

#: documents per task sent to a worker: enough to make the cost of sending a task small
#: next to the work, few enough to keep workers evenly busy
CHUNK_SIZE = 16
#: chunks in flight per worker: one being computed, one queued so that no worker waits
PREFETCH = 2


@dataclass(frozen=True)
class WorkerFailure:
    """A document whose processing failed; its result was replaced by an empty list."""

    doc_id: str
    file: str | None
    problem: str

    def __str__(self) -> str:
        return f"{self.file or self.doc_id}: {self.problem}; document skipped"


def resolve_jobs(n_jobs: int) -> int:
    """The number of worker processes ``n_jobs`` asks for (``-1``: every usable core).

    Raises:
        ValueError: ``n_jobs`` is 0, below -1 or not an integer.
    """
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive number of processes or -1 (all cores), not {n_jobs!r}")
    if n_jobs == -1:
        return _usable_cores()
    return n_jobs


def map_documents(func: Callable, documents: Iterable[Document], *, n_jobs: int = -1,
                  progress: bool = False, payload: Any = None, chunk_size: int = CHUNK_SIZE,
                  per_chunk: bool = False, label: str = "claims",
                  failures: list[WorkerFailure] | None = None) -> Iterator[list]:
    """Yield ``func(doc, payload)`` for every document, in input order, computed in workers.

    Args:
        func: a module-level function (workers import it by name) returning a list of
            rows for one document; with ``per_chunk``, ``func(docs, payload)`` returning
            one list of rows per document of ``docs``.
        documents: any iterable of documents; it is consumed lazily, a few chunks ahead.
        n_jobs: worker processes; ``-1`` for every usable core; ``1`` runs in this process.
        progress: show a progress bar on stderr (documents, rows found, rate).
        payload: picklable data ``func`` needs, sent to each worker once.
        chunk_size: documents per task.
        per_chunk: ``func`` takes a list of documents (a parser is fastest over many
            documents' sentences at once); when it raises, the chunk's documents are
            redone one by one, so that a failure still costs one document.
        label: what the rows are, for the progress bar ("claims").
        failures: a list that receives a :class:`WorkerFailure` for each document whose
            processing failed (each is also emitted as a ``RuntimeWarning``).

    Yields:
        One list per document; an empty list for a document whose processing failed.

    Raises:
        ValueError: ``n_jobs`` or ``chunk_size`` is not valid.
    """
    n_workers = resolve_jobs(n_jobs)
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size!r}")
    bar = _progress_bar(progress, documents, label)
    task = _Task(func, payload, per_chunk)
    results = (_in_process(task, documents, chunk_size) if n_workers == 1
               else _in_pool(task, documents, n_workers, chunk_size))
    found = 0
    try:
        for doc, outcome in results:
            if isinstance(outcome, _Failed):
                _report(WorkerFailure(doc.doc_id, doc.file, outcome.problem), failures)
                rows = []
            else:
                rows, caught = outcome
                for message, category in caught:  # warnings raised inside a worker, shown here
                    warnings.warn(message, category, stacklevel=2)
            found += len(rows)
            if bar is not None:
                bar.update(1)
                bar.set_postfix({label: found}, refresh=False)
            yield rows
    finally:
        results.close()
        if bar is not None:
            bar.close()


# ------------------------------------------------------------------------ in the workers
@dataclass(frozen=True)
class _Failed:
    problem: str


@dataclass(frozen=True)
class _Task:
    """What a worker calls, with what, and whether on one document or a chunk of them."""

    func: Callable
    payload: Any
    per_chunk: bool = False


_TASK: _Task | None = None  # the task of this worker process, set when it starts


def _init_worker(task: _Task) -> None:
    global _TASK
    _TASK = task
    _exit_with_parent()


def _exit_with_parent() -> None:
    """End this worker as soon as the process that started the pool is gone.

    A pool's workers wait on a queue that they themselves hold open, so a parent killed
    with SIGKILL (which runs no clean-up) would leave them running for ever; a daemon
    thread watches the parent's sentinel, which becomes ready when it dies.
    """
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="kargraph-exit-with-parent", daemon=True).start()


def _run_chunk(docs: list[Document], task: _Task | None = None) -> list:
    """The outcome of each document: ``(rows, warnings)``, or :class:`_Failed`."""
    task = task or _TASK
    if task.per_chunk and len(docs) > 1:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                results = [list(rows) for rows in task.func(docs, task.payload)]
            except Exception:  # noqa: BLE001 -- redone document by document below, to find whose
                results = None
        if results is not None and len(results) == len(docs):
            shown = [(str(w.message), w.category) for w in caught]
            return [(rows, shown if i == 0 else []) for i, rows in enumerate(results)]
    return [_run_one(task, doc) for doc in docs]


def _run_one(task: _Task, doc: Document):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if task.per_chunk:
                (rows,) = task.func([doc], task.payload)
            else:
                rows = task.func(doc, task.payload)
            rows = list(rows)
        except Exception as err:  # noqa: BLE001 -- one document's failure must not cost the others
            return _Failed(f"processing failed ({type(err).__name__}: {err})")
    return rows, [(str(w.message), w.category) for w in caught]


# ------------------------------------------------------------------------ in this process
def _in_process(task: _Task, documents, chunk_size: int) -> Iterator[tuple[Document, Any]]:
    for chunk in _chunks(documents, chunk_size if task.per_chunk else 1):
        yield from zip(chunk, _run_chunk(chunk, task))


def _in_pool(task: _Task, documents, n_workers: int, chunk_size: int) -> Iterator[tuple[Document, Any]]:
    chunks = _chunks(documents, chunk_size)
    pending: deque[tuple[list[Document], Future]] = deque()
    pool = _pool(n_workers, task)
    try:
        while True:
            while len(pending) < n_workers * PREFETCH:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(_run_chunk, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                # a worker died: the chunks that were in flight are redone one document
                # at a time, so that only the document that kills its worker is lost
                pool.shutdown(wait=True, cancel_futures=True)
                in_flight = [(chunk, future), *pending]
                pending.clear()
                pool = _pool(n_workers, task)
                for docs, done in in_flight:
                    if done.done() and not done.cancelled() and done.exception() is None:
                        yield from zip(docs, done.result())
                        continue
                    for doc in docs:
                        outcome, pool = _isolated(pool, doc, n_workers, task)
                        yield doc, outcome
                continue
            except Exception:  # noqa: BLE001 -- the chunk's results could not be sent back: find whose
                for doc in chunk:
                    outcome, pool = _isolated(pool, doc, n_workers, task)
                    yield doc, outcome
                continue
            yield from zip(chunk, outcomes)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolated(pool: ProcessPoolExecutor, doc: Document, n_workers: int, task: _Task):
    """One document alone in the pool: its outcome, and the pool to go on with."""
    try:
        return pool.submit(_run_chunk, [doc]).result()[0], pool
    except BrokenProcessPool:
        pool.shutdown(wait=True)
        problem = "the worker process died while processing it (a crash or the out-of-memory killer)"
        return _Failed(problem), _pool(n_workers, task)
    except Exception as err:  # noqa: BLE001 -- e.g. a result that cannot be pickled
        return _Failed(f"its result could not be returned ({type(err).__name__}: {err})"), pool


def _pool(n_workers: int, task: _Task) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=n_workers, mp_context=context, initializer=_init_worker,
                               initargs=(task,))


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _report(failure: WorkerFailure, failures: list[WorkerFailure] | None) -> None:
    if failures is not None:
        failures.append(failure)
    warnings.warn(str(failure), RuntimeWarning, stacklevel=3)


def _progress_bar(enabled: bool, documents, label: str):
    if not enabled:
        return None
    from tqdm.auto import tqdm  # imported here: only a shown bar needs it

    total = len(documents) if hasattr(documents, "__len__") else None
    return tqdm(total=total, unit="doc", desc=label)
