# Set-up: `make run` serves the directory on http://127.0.0.1:$(PORT); `make test` runs the
# whole suite on SQLite and then on a throwaway PostgreSQL 15 cluster.
SHELL = /bin/sh
PYTHON ?= python3
VENV = .venv
PORT ?= 5000
BIN = $(VENV)/bin
FLASK = $(BIN)/flask --app wsgi
# xdist spreads the suite over every CPU; each worker gets its own PostgreSQL cluster.
PYTEST_ARGS ?= -n auto

.PHONY: run prepare test

run: prepare
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# Everything that brings the database and the search index to a servable state.
# Each step is idempotent, so `make run` is safe to repeat; add new steps here.
prepare: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) taxonomy load
	$(FLASK) demo load --if-empty
	$(FLASK) index rebuild --if-empty
	$(FLASK) index sync
	@# One match compiles the matcher's loops (numba caches them on disk), so the first
	@# request does not wait several seconds for it.
	$(FLASK) match --text food --zip 94070 --limit 1 > /dev/null

# Both runs always happen, so one report shows every failure; the exit status is non-zero
# if either failed.
test: $(VENV)/.installed-test
	@status=0; \
	echo "=== make test: whole suite on SQLite ==="; \
	$(BIN)/python -m pytest $(PYTEST_ARGS) || status=1; \
	echo "=== make test: whole suite on PostgreSQL (DIRECTORY_TEST_DATABASE=postgresql) ==="; \
	DIRECTORY_TEST_DATABASE=postgresql $(BIN)/python -m pytest $(PYTEST_ARGS) || status=1; \
	exit $$status

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps: reinstall only when the declared dependencies change.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e .
	touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[test]'
	touch $@

# `make bench [N=...]`: matcher and /match benchmark over N generated services (default 1M);
# prints one JSON summary (also bench/results/latest.json). Not part of `make test`.
N ?= 1000000
.PHONY: bench
bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench.match_bench --n $(N)

$(VENV)/.installed-bench: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[bench]'
	touch $@

# `make bench-ingest [INGEST_N=...]`: export INGEST_N demo services (default 100k) as an HSDS 3
# CSV package and ingest it end to end on SQLite + tantivy; prints one JSON summary.
INGEST_N ?= 100000
.PHONY: bench-ingest
bench-ingest: $(VENV)/.installed
	$(BIN)/python -m bench.ingest_bench --n $(INGEST_N)
