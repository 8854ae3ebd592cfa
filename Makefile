# The two set-up commands: `make demo` and `make test`. Each creates .venv if missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval install compile clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Bytecode written once, so that each run (and each worker) does not compile
# the package again where PYTHONDONTWRITEBYTECODE is set.
compile: $(STAMP)
	$(BIN)/python -m compileall -q extractor > /dev/null

install: compile

demo: compile
	$(BIN)/county-figures extract samples/

test: compile
	$(BIN)/python -m pytest

# Scores on the shared gold (../shared), misses grouped by rule and kind.
eval: compile
	$(BIN)/python scripts/evaluate.py

clean:
	rm -rf $(VENV) build dist *.egg-info
