# The two commands in the README: `make run` (the whole system) and `make test` (the suite).
# Both create .venv and install PulseTrack into it on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# The dashboard (dashboard/): built when the build is missing or older than its sources.
DASHBOARD_BUILD := dashboard/dist/index.html
DASHBOARD_SOURCES := $(shell find dashboard/src -type f 2>/dev/null) dashboard/index.html \
	dashboard/package-lock.json dashboard/vite.config.ts dashboard/tsconfig.json

.PHONY: install run test lint bench clean dashboard

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

DASHBOARD_DEPS := dashboard/node_modules/.package-lock.json

$(DASHBOARD_DEPS): dashboard/package-lock.json
	cd dashboard && npm ci --no-audit --no-fund

$(DASHBOARD_BUILD): $(DASHBOARD_DEPS) $(DASHBOARD_SOURCES)
	cd dashboard && npm run build

dashboard: $(DASHBOARD_BUILD)

run: $(INSTALLED) $(DASHBOARD_BUILD)
	$(BIN)/pulsetrack run

test: $(INSTALLED) $(DASHBOARD_BUILD)
	$(BIN)/pytest
	cd dashboard && npm test

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy api domain ml pulsetrack workers

bench: $(INSTALLED)
	$(BIN)/python -m bench.jobs

clean:
	rm -rf $(VENV) var dashboard/dist dashboard/node_modules
