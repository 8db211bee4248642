"""What language detection costs and how well it works: detectors compared, load timed.

    python bench/bench_language.py [--size 10000] [--rounds 3]

1. **Detectors** on short news text: the sentences of ``tests/data/languages/sentences.yaml``
   (written for this, in en/ru/fr/de/uk/az/hy) and the paragraphs of the bundled articles
   (English, over 20 characters), each given alone; the time to read the bundled articles
   whole. CLD2 (``pycld2``, kargraph's detector) always; ``py3langid`` and
   ``lingua-language-detector`` when they are installed (they are not kargraph's
   dependencies).
2. **Load cost** on the ``bench/make_corpus.py`` corpus of ``--size`` documents (made when
   missing): ``load_corpus(stream=True)`` read to the end with detection and without (the
   detection left out), alternating, ``--rounds`` times each, in
   this one process; the medians of the processor time (``time.process_time``: other
   processes on a shared machine slow the clock on the wall, not this) and of the wall
   clock, and the share detection adds to each. On a busy machine those differences
   drown in the noise of whole loads, so each load with detection also sums the processor
   time spent detecting (``kargraph.language._detected``, which detects a batch of
   documents and gives each its languages): its share of that same load is the figure that
   noise does not move.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from unittest import mock

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import default_folder, make_corpus  # noqa: E402

from kargraph import corpus as corpus_module  # noqa: E402
from kargraph._paths import bundled_corpus, repo_root  # noqa: E402
from kargraph import language as language_module  # noqa: E402
from kargraph.language import _shares  # noqa: E402

SENTENCES = repo_root() / "tests" / "data" / "languages" / "sentences.yaml"


def detectors() -> dict:
    """name -> function(text) -> ISO 639-1 code or None, for every detector installed."""
    out = {"pycld2 (CLD2)": lambda t: (_shares(t) or [(None,)])[0][0]}
    try:
        import py3langid

        out["py3langid"] = lambda t: py3langid.classify(t)[0]
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def lingua_code(t):
            found = lingua.detect_language_of(t)
            return found.iso_code_639_1.name.lower() if found else None

        out["lingua (high accuracy)"] = lingua_code
    except ImportError:
        pass
    return out


def compare_detectors() -> None:
    sentences = [(code, s) for code, texts in yaml.safe_load(SENTENCES.read_text(encoding="utf-8")).items()
                 for s in texts]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = list(corpus_module.load_corpus(bundled_corpus()))
    paragraphs = [p.text for d in docs for p in d.paragraphs if len(p.text) > 20]
    text_mb = sum(len(d.raw) for d in docs) / 1e6
    print(f"{'detector':<24} {'sentences':>10} {'bundled paragraphs':>19} {'MB/s (whole articles)':>22}")
    for name, detect in detectors().items():
        right = sum(detect(s) == code for code, s in sentences)
        right_p = sum(detect(p) == "en" for p in paragraphs)
        started = time.perf_counter()
        for _ in range(5):
            for d in docs:
                detect(d.raw)
        rate = 5 * text_mb / (time.perf_counter() - started)
        wrong = [f"{code}->{detect(s)}" for code, s in sentences if detect(s) != code]
        print(f"{name:<24} {right:>6}/{len(sentences):<3} {right_p:>14}/{len(paragraphs):<4} {rate:>22.2f}"
              + (f"  wrong: {', '.join(wrong)}" if wrong else ""))


def time_load(folder: Path, rounds: int) -> None:
    inside = [0.0]
    detect = language_module._detected

    def timed_detect(docs, replace):
        started = time.process_time()
        try:
            return detect(docs, replace)
        finally:
            inside[0] += time.process_time() - started

    def load() -> tuple[float, float, float]:
        inside[0] = 0.0
        cpu, wall = time.process_time(), time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            n = sum(1 for _ in corpus_module.load_corpus(folder, stream=True))
        assert n, "no documents"
        return time.process_time() - cpu, time.perf_counter() - wall, inside[0]

    load()  # warm the file cache and the imports
    with_detection, without = [], []
    for _ in range(rounds):
        with mock.patch.object(language_module, "_detected", timed_detect):
            with_detection.append(load())
        with mock.patch.object(language_module, "_detected", lambda docs, replace: docs):
            without.append(load())
    for i, clock in enumerate(("processor", "wall clock")):
        a, b = (statistics.median(r[i] for r in runs) for runs in (with_detection, without))
        print(f"load of {folder.name}, {clock}: with detection {a:.2f} s, without {b:.2f} s (medians of {rounds}; "
              f"runs {', '.join(f'{r[i]:.2f}' for r in with_detection)} / "
              f"{', '.join(f'{r[i]:.2f}' for r in without)}); detection adds {100 * (a - b) / b:.1f}%")
    shares = [100 * d / (cpu - d) for cpu, _, d in with_detection]
    print(f"processor time inside detection, in the same loads: {', '.join(f'{d:.2f}' for *_, d in with_detection)} s, "
          f"adding {', '.join(f'{s:.1f}%' for s in shares)} to the rest of the load "
          f"(median {statistics.median(shares):.1f}%, target < 5%)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    compare_detectors()
    folder = default_folder(args.size)
    if not folder.exists():
        make_corpus(folder, args.size)
    time_load(folder, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
