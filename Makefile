# wres-pipeline: the two Quick start commands (`make run`, `make test`) and helpers.
# Everything installs into .venv from the pinned versions in pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup run test lint ui benchmark benchmark-generate benchmark-validate audit clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "wres-pipeline needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Generate the sample years and run them through Dagster end to end.
run: setup
	$(BIN)/wres-pipeline demo

# Tests keep their throwaway data folders and Dagster homes in memory (tmpfs) where the machine
# has one: their files are never needed after a crash, so waiting for the disk on each of the
# Dagster instance's thousands of small writes is wasted. Override with TEST_TMP=<folder>.
TEST_TMP ?= $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm/wres-pipeline-tests-$$(id -u))

# Lint, then the whole test suite (unit, sample, integration), two tests at a time (the
# machines have two cores; docs/testing.md gives the wall times and what each change gave).
test: setup
	$(BIN)/ruff check wres_pipeline tests benchmarks
	$(BIN)/pytest -n 2 --dist worksteal $(if $(TEST_TMP),--basetemp=$(TEST_TMP))

lint: setup
	$(BIN)/ruff check wres_pipeline tests benchmarks

# The Dagster UI on http://127.0.0.1:3000 and the daemon (run queue, schedule, sensors) with
# the project-local Dagster home; Ctrl-C stops both.
ui: setup
	$(BIN)/wres-pipeline ui

benchmark-generate: setup
	$(BIN)/python benchmarks/generate_national.py

benchmark: setup
	$(BIN)/python benchmarks/national.py

benchmark-validate: setup
	$(BIN)/python benchmarks/ingest_validate_national.py

# Known vulnerabilities in the pinned dependencies, with pip-audit (it needs a vulnerability
# service that CI machines cannot reach: docs/reliability.md).
audit: setup
	$(BIN)/pip install --quiet pip-audit==2.10.1
	$(BIN)/pip freeze --exclude-editable | grep -v '^pip-audit==' > $(VENV)/audited-requirements.txt
	$(BIN)/pip-audit --requirement $(VENV)/audited-requirements.txt --no-deps --disable-pip

clean:
	rm -rf data .dagster_home
