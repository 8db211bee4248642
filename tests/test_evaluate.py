"""Claim extraction measured with the project's yardstick on the bundled gold set, and the
``claims`` command's export (the contract other tools depend on)."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest

from kargraph import schema
from kargraph.claims import extract_claims
from kargraph.evaluate import score_claims


@pytest.fixture(scope="module")
def claims(corpus):
    return extract_claims(corpus)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, corpus_dir):
    out = tmp_path_factory.mktemp("export") / "claims.csv"
    before = _folder_state(corpus_dir)
    done = subprocess.run([sys.executable, "-m", "kargraph", "claims", str(corpus_dir), "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _folder_state(corpus_dir) == before, "the claims command wrote into the corpus folder"
    return out, done


def test_extraction_meets_the_thresholds_on_the_gold_set(claims, corpus, root):
    score = score_claims(claims, root / "data" / "gold" / "seed_claims.csv", corpus)
    assert score.recall >= 0.95, score.missed
    assert score.precision >= 0.95, score.spurious
    assert score.strict_f1 >= 0.85, score.wrong


def test_library_score_agrees_with_the_yardstick_script(exported, claims, corpus, root):
    out, _ = exported
    done = subprocess.run([sys.executable, str(root / "tools" / "score_claims.py"), str(out),
                           str(root / "data" / "gold" / "seed_claims.csv"), str(root / "data" / "corpora" / "karabakh"),
                           "--json"], capture_output=True, text=True, check=True)
    script = json.loads(done.stdout)
    ours = score_claims(pd.read_csv(out, dtype=str, keep_default_na=False), root / "data" / "gold" / "seed_claims.csv",
                        corpus)
    assert (ours.tp, ours.fp, ours.fn, ours.strict_tp) == (script["tp"], script["fp"], script["fn"], script["strict_tp"])
    assert ours.attributes == pytest.approx(script["attributes"])


def test_claims_command_exports_the_documented_columns(exported, claims):
    out, done = exported
    table = pd.read_csv(out)
    assert list(table.columns) == schema.columns("claims")
    assert len(table) == len(claims)
    assert "claims from 5 documents" in done.stderr


def test_every_exported_span_gives_back_its_text(exported, corpus):
    out, _ = exported
    table = pd.read_csv(out, dtype={"text": str}, keep_default_na=False)
    for _, r in table.iterrows():
        raw = corpus[r["doc_id"]].raw
        assert raw[int(r["start"]):int(r["end"])] == r["text"].lstrip("'")
        assert r["text"] in r["sentence"] or r["text"].lstrip("'") in r["sentence"]


def test_claims_command_names_a_missing_folder(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kargraph", "claims", str(tmp_path / "nowhere"), "-o",
                           str(tmp_path / "c.csv")], capture_output=True, text=True)
    assert done.returncode == 1
    assert "nowhere" in done.stderr
    assert not (tmp_path / "c.csv").exists()


def _folder_state(folder):
    return {p.name: (p.stat().st_mtime_ns, hashlib.sha1(p.read_bytes()).hexdigest())
            for p in sorted(folder.iterdir())}
