# The two commands (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DIR ?= $(HOME)/.local/share/Werkplein/demo

.PHONY: demo test install lint dist

$(BIN)/werkplein: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/werkplein

# Installs, creates the fictional demo region once (it prints the passphrase), starts the app.
demo: install
	@test -f "$(DEMO_DIR)/profile.json" || $(BIN)/werkplein demo --data-dir "$(DEMO_DIR)"
	$(BIN)/werkplein gui --data-dir "$(DEMO_DIR)"

lint: install
	$(BIN)/ruff check werkplein ui tests benchmarks installer docs/examples
	$(BIN)/ruff format --check werkplein ui tests benchmarks installer docs/examples
	$(BIN)/mypy

# Installs and runs everything CI runs: lint, format, types, the whole test suite.
test: lint
	QT_QPA_PLATFORM=offscreen WERKPLEIN_TEST_KDF=1 $(BIN)/pytest -q

# The frozen Linux build (dist/werkplein) and its smoke test; see installer/README.md.
dist: install
	installer/build_linux.sh
