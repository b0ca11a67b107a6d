# Two commands matter: `make report` (install + evaluate the bundled corpus) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= references/news-demo
OUT    ?= reports/news-demo

.PHONY: install report test lint bench notebooks browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[test,neural,notebooks,dask,browser,bench]'
	touch $@

install: $(STAMP)

report: install
	$(BIN)/mteval run $(CORPUS) --out $(OUT)

# Headless Chromium for the report's browser tests (Debian package; never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    { apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } ; } || \
	  echo "note: Chromium not installed; browser tests will skip (outside CI)"

lint: install
	$(BIN)/ruff check .

test: install browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 -q

bench: install
	$(BIN)/python benchmarks/alignment.py
	$(BIN)/python benchmarks/real_mt_alignment.py
	$(BIN)/python benchmarks/significance.py
	$(BIN)/python benchmarks/names.py
	$(BIN)/python benchmarks/checks.py
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/neural.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/scale.py

notebooks: report
	$(BIN)/jupyter lab notebooks/ 2>/dev/null || $(BIN)/jupyter notebook notebooks/

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
