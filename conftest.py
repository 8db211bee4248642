"""Test-run settings for the whole checkout: nbval checks the notebooks in every test run.

``python -m pytest`` (``make test``) collects ``tests/`` and ``notebooks/`` (``testpaths`` in
``pyproject.toml``). Here nbval is switched on for the ``.ipynb`` files, with the
repository's sanitize file and the kernel of the running environment, unless the command
line chose already (``--nbval``, ``--nbval-lax``) or turned it off (``-p no:nbval``).
``notebooks/README.md`` explains the markers that notebooks use.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SANITIZE = Path(__file__).resolve().parent / "notebooks" / "nbval_sanitize.cfg"

# editor autosaves are not notebooks of the project
collect_ignore_glob = ["**/.ipynb_checkpoints/*"]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    option = config.option
    if not hasattr(option, "nbval"):  # the plugin is off (-p no:nbval)
        return
    if not (option.nbval or option.nbval_lax):
        option.nbval = True
    if option.nbval_sanitize_with is None and SANITIZE.is_file():
        option.nbval_sanitize_with = str(SANITIZE)
    if not option.nbval_kernel_name:
        # the notebooks' "python3" kernel could be another Python; use the one running the tests
        option.nbval_current_env = True
