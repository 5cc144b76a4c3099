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

.PHONY: help env run rebuild counts test lint run-spark test-spark dev bench bench-increments eval serve serve-stop export sql docs clean

help:
	@echo "make run    set up, then load $(DYADWATCH_RAW_DIR) into $(DYADWATCH_WAREHOUSE) and build what depends on what landed (V=1: every log line)"
	@echo "make rebuild  the same, building everything whatever changed"
	@echo "make counts every table and view of the warehouse with its rows"
	@echo "make test   set up, then lint (ruff) and run the tests (sqlfluff among them)"
	@echo "make lint   ruff on the Python code"
	@echo "make run-spark  build the interaction and tone marts with Spark from the lake of the last make run, print their rows"
	@echo "make test-spark  build the sample with DuckDB and with Spark and compare the marts row for row (minutes)"
	@echo "make dev    the Dagster UI and daemon on http://127.0.0.1:3000"
	@echo "make bench  ingest and article benchmarks (bench/README.md)"
	@echo "make bench-increments  build times when little is new, against a full rebuild (minutes; bench/README.md)"
	@echo "make eval   score the article coder against the hand-labelled contacts"
	@echo "make serve  start a local PostgreSQL on 127.0.0.1:$${DYADWATCH_PG_PORT:-5433}, publish the marts, print the read-only URI"
	@echo "make serve-stop  stop it"
	@echo "make export write each mart as a Parquet file beside the warehouse (warehouse/dyadwatch_export/)"
	@echo "make sql    the DuckDB shell on the snapshot of the last build, read-only (builds first when there is none)"
	@echo "make docs   dbt's documentation of the project and its marts on http://127.0.0.1:$${DYADWATCH_DOCS_PORT:-8080}"

$(CURDIR)/.tools/bin/uv:
	@echo "Installing uv into .tools/"
	@python3 -m venv .tools
	@.tools/bin/pip install --quiet 'uv>=0.8'

# Bytecode compiled once at install: every process (each dbt run among them) then starts without
# compiling dagster and dbt again, also where PYTHONDONTWRITEBYTECODE is set.
.venv/.synced: uv.lock pyproject.toml | $(UV)
	@echo "Setting up the environment in .venv from uv.lock (the first time: a minute or two)"
	@$(UV) sync --frozen --compile-bytecode --quiet
	@touch $@

env: .venv/.synced

# dagster-dbt reads dbt's manifest when the code location loads: prepare it before anything loads.
$(DBT_MANIFEST): .venv/.synced orchestration/project.py $(DBT_SOURCES)
	@echo "Parsing the dbt project (dbt_project/target/manifest.json)"
	@$(RUN) dagster-dbt project prepare-and-package --file orchestration/project.py > /dev/null
	@touch $@

# V=1 prints Dagster's and dbt's own lines too; otherwise they go to a log file beside the warehouse.
run: $(DBT_MANIFEST)
	@$(RUN) python -m orchestration.cli.build $(if $(V),--verbose)

rebuild: $(DBT_MANIFEST)
	@$(RUN) python -m orchestration.cli.build --full $(if $(V),--verbose)

counts: .venv/.synced
	@$(RUN) python -m orchestration.cli.summary

# One worker per core; the tests sharing a built warehouse or a server stay in one (tests/conftest.py).
test: $(DBT_MANIFEST) lint
	$(RUN) pytest --numprocesses auto --dist loadgroup

# sqlfluff lints the dbt models inside the tests: its dbt templater needs a built warehouse.
lint: .venv/.synced
	$(RUN) ruff check orchestration tests bench
	$(RUN) ruff format --check --quiet orchestration tests bench

# The Spark path (dbt's Spark adapter and Spark itself, the extra `spark`) is added to .venv only
# for the targets that use it; a Java 17 runtime must be on the machine.
.venv/.synced-spark: .venv/.synced
	@echo "Adding Spark to .venv (the extra spark of pyproject.toml; the first time: a minute)"
	@$(UV) sync --frozen --compile-bytecode --quiet --extra spark
	@touch $@

run-spark: .venv/.synced-spark
	@$(RUN) --extra spark python -m orchestration.cli.spark_build

test-spark: .venv/.synced-spark
	$(RUN) --extra spark pytest -m spark tests/spark

dev: $(DBT_MANIFEST)
	@PYTHONWARNINGS='ignore:Function `dev_command` is superseded' $(RUN) dagster dev -w dagster_home/workspace.yaml --host 127.0.0.1 --port 3000

bench: $(DBT_MANIFEST)
	$(RUN) python -m bench.gdelt_ingest
	$(RUN) python -m bench.gdelt_month
	$(RUN) python -m bench.acled_zip
	POLARS_MAX_THREADS=1 $(RUN) python -m bench.articles
	POLARS_MAX_THREADS=1 $(RUN) python -m bench.article_increments

# Apart from make bench: it builds a month of GDELT exports four times over, which takes minutes.
bench-increments: $(DBT_MANIFEST)
	$(RUN) python -m bench.increments

eval: .venv/.synced
	$(RUN) python -m orchestration.coding.evaluation

# Serving needs a built warehouse: a fresh clone builds it first.
serve: $(DBT_MANIFEST)
	@test -f "$(DYADWATCH_WAREHOUSE)" || $(RUN) python -m orchestration.cli.build
	$(RUN) python -m orchestration.serving.serve start

serve-stop: .venv/.synced
	$(RUN) python -m orchestration.serving.serve stop

export: $(DBT_MANIFEST)
	@test -f "$(DYADWATCH_WAREHOUSE)" || $(RUN) python -m orchestration.cli.build
	$(RUN) python -m orchestration.serving.publish export

# The snapshot's path, as orchestration/settings.py places it.
SNAPSHOT_PATH = $(RUN) python -c 'from orchestration import settings; print(settings.snapshot_path())'

# Readers open the snapshot of the last finished build, never the warehouse a build writes:
# a fresh clone builds first.
sql: $(DBT_MANIFEST)
	@snapshot="$$($(SNAPSHOT_PATH))" \
		&& { test -f "$$snapshot" || $(RUN) python -m orchestration.cli.build; } \
		&& echo "$$snapshot, read-only: the marts of the last finished build (.quit leaves)" >&2 \
		&& $(RUN) duckdb -readonly "$$snapshot"

docs: $(DBT_MANIFEST)
	@test -f "$$($(SNAPSHOT_PATH))" || $(RUN) python -m orchestration.cli.build
	@$(RUN) python -m orchestration.serving.dbt_docs serve

clean:
	rm -rf .venv .tools dbt_project/target warehouse
