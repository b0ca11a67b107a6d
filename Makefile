# Two commands matter: `make report` (install + evaluate the bundled corpus) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CORE   := $(VENV)/.core-stamp
FULL   := $(VENV)/.full-stamp
CORPUS ?= references/news-demo
OUT    ?= reports/news-demo
# torch for the neural tests. The package index of this project's machines serves the CPU build; on an
# ordinary machine PyPI's torch pulls CUDA: `make test TORCH_INDEX=https://download.pytorch.org/whl/cpu`.
TORCH  ?= torch==2.13.0
TORCH_INDEX ?=

.PHONY: install install-full report test lint bench notebooks browser clean

# The core package only: enough for run, score, align, names and the HTML report (about 340 MB;
# --no-compile leaves bytecode to the modules actually imported).
$(CORE): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --no-compile -e .
	touch $@

# Everything the tests and benchmarks need: CPU torch, transformers, Jupyter, Dask, Playwright, ruff.
$(FULL): $(CORE)
	$(BIN)/python -m pip install -q $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX)) $(TORCH)
	$(BIN)/python -m pip install -q -e '.[test,neural,notebooks,dask,browser,bench]'
	touch $@

install: $(CORE)

install-full: $(FULL)

report: install
	$(BIN)/mteval run $(CORPUS) --out $(OUT)

# Headless Chromium for the report's browser tests (Debian package; never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    { apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } ; } || \
	  echo "note: Chromium not installed; browser tests will skip (outside CI)"

lint: install-full
	$(BIN)/ruff check .

test: install-full browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 -q

bench: install-full
	$(BIN)/python benchmarks/alignment.py
	$(BIN)/python benchmarks/real_mt_alignment.py
	$(BIN)/python benchmarks/significance.py
	$(BIN)/python benchmarks/names.py
	$(BIN)/python benchmarks/checks.py
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/neural.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/source_free.py
	$(BIN)/python benchmarks/first_run.py

notebooks: report
	$(BIN)/python -m pip install -q -e '.[notebooks]'
	$(BIN)/jupyter lab notebooks/ 2>/dev/null || $(BIN)/jupyter notebook notebooks/

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
