# Two commands do all the set-up on a fresh machine:
#   make run    create the virtual environment, install the app, start it
#   make test   create the virtual environment, install the app with its test tools, run every test headless
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	sh scripts/system-deps.sh window
	$(BIN)/planner $(ARGS)

test: $(STAMP)
	sh scripts/system-deps.sh offscreen
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV)
