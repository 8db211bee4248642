"""Shared fixtures: the bundled corpus and profile, loaded once per test session."""
from __future__ import annotations

import os

import pytest

from kargraph._paths import bundled_corpus, repo_root

# The library names no profile of its own: a document list or a table built in a test has
# no corpus folder to name one, so the tests say which (as a user may, with this variable).
os.environ.setdefault("KARGRAPH_PROFILE", "nagorno_karabakh")


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
