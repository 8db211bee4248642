"""Shared fixtures: the bundled corpus and profile, loaded once per test session."""
from __future__ import annotations

import pytest

from kargraph._paths import bundled_corpus, repo_root


@pytest.fixture(scope="session")
def corpus_dir():
    return bundled_corpus()


@pytest.fixture(scope="session")
def corpus(corpus_dir):
    from kargraph.corpus import load_corpus

    return load_corpus(corpus_dir)


@pytest.fixture(scope="session")
def profile():
    from kargraph.profile import load_profile

    return load_profile("nagorno_karabakh")


@pytest.fixture(scope="session")
def root():
    return repo_root()
