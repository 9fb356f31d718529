# routecheck: every target creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test

.PHONY: install demo test fuzz accuracy lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m routes.prebuild  # gazetteer index, rail trees, polygons, inland grid: no first-run wait
	touch $@

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python -m routes.prebuild
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	mkdir -p out
	$(BIN)/routecheck verify Vladivostok Kursk --claim "nearly 6,400 km"
	$(BIN)/routecheck verify Vladivostok Kursk --claim "nearly 6,400 km" --json > out/seed-verify.json
	$(BIN)/routecheck route data/cases/kursk-2024.yaml --geojson out/kursk-2024.geojson
	$(BIN)/routecheck map --route data/cases/kursk-2024.yaml -o out/kursk-2024.png
	$(BIN)/routecheck lift --troops 5000 --within "5 days" --from Vladivostok --to Kursk --vehicle Il-76MD

test: $(STAMP)
	$(BIN)/ruff check routes tests scripts
	$(BIN)/python -m pytest -q tests notebooks --nbmake

fuzz: $(STAMP)
	ROUTECHECK_FUZZ=long $(BIN)/python -m pytest -q tests/test_fuzz.py

accuracy: $(STAMP)
	$(BIN)/python scripts/accuracy.py

lint: $(STAMP)
	$(BIN)/ruff check routes tests scripts
	$(BIN)/mypy routes

bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache out
