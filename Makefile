# Set-up is part of every target: the first run creates .venv and installs
# the project with its test tools; later runs reinstall only when
# pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo run test check-questionnaire lint bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(PY) -m bot demo

run: $(VENV)/.installed
	$(PY) -m bot

test: $(VENV)/.installed
	$(PY) -m pytest

check-questionnaire: $(VENV)/.installed
	$(PY) -m questionnaires check questionnaires/files/*.yaml

lint: $(VENV)/.installed
	$(PY) -m ruff check .
