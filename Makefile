# Set-up is part of every target: the first run creates .venv and installs
# the project with its test tools; later runs reinstall only when
# pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# WeasyPrint lays out the PDF report with Pango and HarfBuzz, which shape Thai,
# Khmer, Burmese, Sinhala and Tamil; the Noto fonts cover every supported script
# and the emoji that respondents type into free-text answers.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji

.PHONY: demo run test check-questionnaire lint bench

# Installs the system packages once per virtual environment, and only those
# missing. Needs root on Debian; elsewhere it names the packages to install.
$(VENV)/.system-packages:
	@if ! command -v dpkg >/dev/null; then \
		echo "not Debian: install Pango, HarfBuzz and the Noto fonts ($(SYSTEM_PACKAGES))"; \
	elif ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(SYSTEM_PACKAGES); \
	fi
	mkdir -p $(VENV) && touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.system-packages
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

# Runs every benchmark (about 7 minutes on 2 cores) and writes benchmarks/RESULTS.md.
bench: $(VENV)/.installed
	$(PY) -m benchmarks
