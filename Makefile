# Certpath: `make run` serves the app on SQLite from a fresh clone; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run db test lint audit bench superuser browser system-packages docker-check clean

$(PY_STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(PY_STAMP) $(NODE_STAMP)

db: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_reference_data

# The task worker (PDFs rendered after each save) runs beside the server and stops with it.
run: system-packages db
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

superuser: db
	$(PY) manage.py createsuperuser

# What WeasyPrint needs from the system: Pango, HarfBuzz's font subsetter (without it WeasyPrint
# subsets fonts with fontTools, about twice the CPU per PDF, and warns on every PDF), the PDF's
# typeface (Liberation Sans; DejaVu Sans is the fallback), and poppler-utils for the tests that
# look at the PDF's pages. Installed with apt-get when run as root; otherwise named.
PDF_PACKAGES_CHECK = \
	ldconfig -p | grep -q 'libpango-1.0' || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ldconfig -p | grep -q 'libharfbuzz-subset' || missing="$$missing libharfbuzz-subset0"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	fc-list 2>/dev/null | grep -qi 'liberation sans' || missing="$$missing fonts-liberation"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"

system-packages:
	@missing=""; $(PDF_PACKAGES_CHECK); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing system packages (PDFs are slower or fail without them): sudo apt-get install$$missing"; fi; \
	fi

# Debian's Chromium for the browser tests; Playwright cannot download its own browser here.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: browser tests will skip (sudo apt-get install chromium)"; fi; \
	fi

# Every check is configured in pyproject.toml; .pre-commit-config.yaml runs the same ones.
lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-logo
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m bandit -q -r assessments frameworks accounts config -ll

# Needs network access to PyPI's vulnerability service; fails when any package could not be checked.
audit: install
	$(PY) .ci/audit_probe.py
	$(PY) -m pip_audit --strict --no-deps --disable-pip -r requirements.lock --progress-spinner off

# Prints line coverage, and fails below the floor in pyproject.toml ([tool.coverage.report]).
test: install system-packages browser
	$(PY) -m ruff check .
	$(PY) -m pytest --cov --cov-report=term $(PYTEST_ARGS)

bench: system-packages db
	$(PY) -m bench.run_all

docker-check: install
	$(PY) -m pytest -q tests/test_docker.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
