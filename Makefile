# The two commands (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DIR ?= $(HOME)/.local/share/Werkplein/demo

.PHONY: demo test test-packages install lint dist

$(BIN)/werkplein: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/werkplein

# Installs, builds the fictional demo region around today (again on a later day; it prints the
# passphrase), starts the app.
demo: install
	$(BIN)/werkplein demo --renew --data-dir "$(DEMO_DIR)"
	$(BIN)/werkplein gui --data-dir "$(DEMO_DIR)"

lint: install
	$(BIN)/ruff check werkplein ui tests benchmarks installer docs
	$(BIN)/ruff format --check werkplein ui tests benchmarks installer docs
	$(BIN)/mypy

# Debian packages the tests use: libfaketime (the suite at other dates), Xvfb and poppler.
test-packages:
	@missing=""; for c in faketime:faketime xvfb-run:xvfb pdftoppm:poppler-utils; do \
	  command -v $${c%%:*} >/dev/null || missing="$$missing $${c#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Installs and runs everything CI runs: lint, format, types, the whole test suite today, and
# the suite again with the clock moved to two of four other dates (tests/other_dates.sh; the
# commit picks which two, so consecutive commits cover all four).
test: lint test-packages
	env -u WERKPLEIN_NOW QT_QPA_PLATFORM=offscreen WERKPLEIN_TEST_KDF=1 $(BIN)/pytest -q -n 2
	tests/other_dates.sh --ci

# The frozen Linux build (dist/werkplein) and its smoke test; see installer/README.md.
dist: install
	installer/build_linux.sh
