# kargraph: one place for commands. `make report` renders the reports on the bundled
# corpus; `make test` runs the library tests and nbval over the notebooks. Both set up
# the virtual environment in .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup report test claims evaluate bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

report: setup
	$(BIN)/python -m kargraph render

test: setup
	$(BIN)/python -m pytest

claims: setup
	$(BIN)/python -m kargraph claims data/corpora/karabakh -o reports/claims.csv

evaluate: setup
	$(BIN)/python -m kargraph evaluate data/corpora/karabakh --verbose

clean:
	rm -rf $(VENV) .pytest_cache
