# Two commands do all the set-up on a fresh machine:
#   make run    create the virtual environment, install the app from the lock file, start it
#   make test   create the virtual environment, install the app with its test tools, run every test headless
# Packaging (see README, "For developers"):
#   make wheel        the wheel and sdist in dist/
#   make wheel-check  install the wheel into a fresh virtual environment and start it there
#   make dist         the one-folder app for this system: a tarball and a .deb in dist/
#   make dist-check   unpack the tarball and run the bundled app with an empty environment
#   make lock         upgrade every pinned version in requirements/*.lock
# Soak (see README, "For developers"):
#   make soak         a scripted session on the real window for SOAK_SECONDS (default 180)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip --quiet
APP    := $(VENV)/.app-installed
DEV    := $(VENV)/.dev-installed

.PHONY: run test bench soak wheel wheel-check dist dist-check lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exact versions with their hashes from the lock file, then this project itself (editable).
$(APP): requirements/app.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements/app.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(DEV): requirements/dev.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements/dev.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $(APP) $@

run: $(APP)
	sh scripts/system-deps.sh window
	$(BIN)/planner $(ARGS)

test: $(DEV)
	sh scripts/system-deps.sh offscreen
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(DEV)
	$(BIN)/python bench/bench.py

SOAK_SECONDS ?= 180
soak: $(DEV)
	sh scripts/system-deps.sh offscreen
	SOAK_SECONDS=$(SOAK_SECONDS) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -s -m soak tests/ui/test_soak.py

wheel: $(DEV)
	rm -rf dist/*.whl dist/*.tar.gz build/lib
	$(BIN)/python -m build --no-isolation --outdir dist . >/dev/null

wheel-check: wheel
	sh scripts/system-deps.sh offscreen
	sh packaging/check-wheel.sh dist/patient_journey_planner-*.whl

dist: $(DEV)
	sh scripts/system-deps.sh dist
	sh packaging/build-dist.sh

dist-check: dist
	sh packaging/check-dist.sh

lock: $(DEV)
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra test --extra dev --extra bundle \
		--universal --python-version 3.11 --generate-hashes --upgrade -q -o requirements/dev.lock
	$(BIN)/uv pip compile pyproject.toml requirements/build.in -c requirements/dev.lock \
		--universal --python-version 3.11 --generate-hashes -q -o requirements/app.lock

clean:
	rm -rf $(VENV) build dist
