# kargraph: one place for commands. `make report` renders the reports on the bundled
# corpus; `make test` runs the library tests and nbval over the notebooks. Both set up
# the virtual environment in .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup browser report test notebooks claims evaluate explore bench bench-scale clean

setup: $(VENV)/.installed browser

# headless Chromium for tests/test_browser.py (Debian packages); those tests skip, saying
# why, when it cannot be installed
browser:
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { \
	  S=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$S apt-get update -qq && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	} || echo "chromium could not be installed: the browser tests will be skipped"

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

report: setup
	$(BIN)/python -m kargraph render

test: setup
	$(BIN)/python -m pytest

# re-execute the committed notebooks after a change to the library (then commit them)
notebooks: setup
	$(BIN)/python tools/refresh_notebooks.py

claims: setup
	$(BIN)/python -m kargraph claims data/corpora/karabakh -o reports/claims.csv

# the explorer as a web app on http://127.0.0.1:8866/ (corrections go to corrections.csv)
explore: setup
	$(BIN)/python -m kargraph explore

evaluate: setup
	$(BIN)/python -m kargraph evaluate data/corpora/karabakh --verbose

bench: setup
	$(BIN)/python bench/bench_claims.py --docs 2000

# streaming, parallel and Dask stages at 1k, 10k and 100k generated documents (long)
bench-scale: setup
	$(BIN)/python bench/bench_scale.py

clean:
	rm -rf $(VENV) .pytest_cache
