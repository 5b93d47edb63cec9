# Two commands do all set-up on a fresh machine: `make demo` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: demo test install lint typecheck imports test-sqlite test-postgres browser-deps pdf-deps serve setup messages bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/jaring setup
	$(BIN)/jaring demo load

# DEBUG=0 even if the shell exports DEBUG=1: the demo shows Jaring's error pages, never Django's debug page.
demo: pdf-deps setup
	DEBUG=0 $(BIN)/jaring serve --host 127.0.0.1 --port 8000

# Debian's Chromium for the browser tests (never a downloaded browser build).
browser-deps:
	@command -v chromium >/dev/null || { \
	  echo "Memasang chromium dari Debian…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Pango (with HarfBuzz's subsetter) and the DejaVu fonts for WeasyPrint's PDF documents, and poppler's pdftoppm
# with which the tests look at a rendered page; Debian's, when missing.
pdf-deps:
	@{ ldconfig -p | grep -q libpangoft2-1.0.so.0 && ldconfig -p | grep -q libharfbuzz-subset.so.0 \
	  && fc-list 2>/dev/null | grep -q DejaVuSans.ttf && command -v pdftoppm >/dev/null; } || { \
	  echo "Memasang Pango, fon DejaVu dan poppler-utils dari Debian…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core poppler-utils >/dev/null; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

imports: install
	$(BIN)/lint-imports

test-sqlite: install browser-deps pdf-deps
	scripts/pytest-on-db sqlite "sqlite:///$(CURDIR)/var/test-unused.sqlite3"

test-postgres: install pdf-deps
	scripts/pytest-on-db postgresql "$(PG_URL)" -m "not browser"

# The two databases' suites side by side (two cores: CI's time halves); each prints its output when it ends.
test: lint typecheck imports browser-deps pdf-deps
	@status=0; $(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres || status=$$?; \
	  cat var/test-summary-sqlite.txt var/test-summary-postgresql.txt; exit $$status

messages: install
	cd src/jaring && ../../$(BIN)/python -m django makemessages -l en -i "rules/*" -i "*/tests/*" --settings=jaring.settings
	cd src/jaring && ../../$(BIN)/python -m django compilemessages --settings=jaring.settings

bench: install
	@echo "Benchmarks are run by hand, e.g. $(BIN)/python bench/rules_vectorised.py; record results in bench/RESULTS.md"

clean:
	rm -rf $(VENV) var/*.sqlite3* .mypy_cache .ruff_cache .pytest_cache
