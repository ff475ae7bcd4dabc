# The two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# pytest-xdist processes for `make test` (each gets its own test database); `auto` = one per core.
PYTEST_WORKERS ?= auto

.PHONY: run test lint bench

# The virtualenv with everything installed (runtime and test dependencies).
.venv: $(STAMP)
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Serve the portal on HOST:PORT (127.0.0.1:8000) with demo data, a Celery worker and beat (embedded PostgreSQL
# unless DATABASE_URL is set, a local Redis unless REDIS_URL is set); Ctrl-C stops them all (mangbagja/devrun.py).
run: $(STAMP)
	$(PY) -m mangbagja.devrun

# Install what the tests need (Debian chromium when missing and root) and run the whole suite.
test: $(STAMP)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium tidak ada: pasang paket Debian 'chromium' (butuh root) untuk uji peramban."; fi; }
	@export DATABASE_URL="$${DATABASE_URL:-$$($(PY) -m mangbagja.devdb)}"; \
	  $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# ruff, and the layer contract of .importlinter (portal ← pegawai ← skp ← kinerja ← penilaian/disiplin ← demo).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# Benchmarks print `BENCH <name> ours=<s> floor=<s> ratio=<x>` last.
bench: $(STAMP)
	$(PY) -m pip install --quiet -r requirements-bench.txt
	@export DATABASE_URL="$${DATABASE_URL:-$$($(PY) -m mangbagja.devdb)}"; \
	  for b in bench/*.py; do $(PY) $$b || exit 1; done
