# dyadwatch: `make run` builds the warehouse from the landing folder, `make test` tests it.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH, else a private copy installed with pip into .tools/.
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
RUN := $(UV) run --frozen

export DAGSTER_HOME := $(CURDIR)/dagster_home
export DYADWATCH_WAREHOUSE := $(abspath $(or $(DYADWATCH_WAREHOUSE),warehouse/dyadwatch.duckdb))
export DYADWATCH_RAW_DIR := $(abspath $(or $(DYADWATCH_RAW_DIR),raw))

DBT_MANIFEST := dbt_project/target/manifest.json
DBT_SOURCES := $(shell find dbt_project -path dbt_project/target -prune -o -type f \( -name '*.sql' -o -name '*.yml' -o -name '*.csv' \) -print)

.PHONY: help env run test dev bench clean

help:
	@echo "make run    set up, then load $(DYADWATCH_RAW_DIR) into $(DYADWATCH_WAREHOUSE) and build every mart"
	@echo "make test   set up, then run the tests"
	@echo "make dev    the Dagster UI and daemon on http://127.0.0.1:3000"
	@echo "make bench  ingest benchmarks (bench/README.md)"

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet 'uv>=0.8'

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen
	touch $@

env: .venv/.synced

# dagster-dbt reads dbt's manifest when the code location loads: prepare it before anything loads.
$(DBT_MANIFEST): .venv/.synced orchestration/project.py $(DBT_SOURCES)
	$(RUN) dagster-dbt project prepare-and-package --file orchestration/project.py
	touch $@

run: $(DBT_MANIFEST)
	$(RUN) python -m orchestration.build

test: $(DBT_MANIFEST)
	$(RUN) pytest

dev: $(DBT_MANIFEST)
	$(RUN) dagster dev -m orchestration.definitions --host 127.0.0.1 --port 3000

bench: $(DBT_MANIFEST)
	$(RUN) python -m bench.gdelt_ingest

clean:
	rm -rf .venv .tools dbt_project/target warehouse
