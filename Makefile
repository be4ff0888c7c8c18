# `make run` and `make test` do all setup themselves: system packages, the virtual environment,
# and the Rasa model (trained only when nlu_data/, flows/, domain.yml or config.yml changed).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_VERSION := $(shell cat .python-version)
# The interpreter that builds the venv: pyenv's (from .python-version) or any python3.10 on the PATH.
BASE_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/$(PYTHON_VERSION)/bin/python) $(shell command -v python3.10))
# The action server's own environment, on Debian's python3.11 (README: "Two Python environments, and why").
ACTIONS_VENV := .venv-actions
ACTIONS_BASE_PYTHON ?= /usr/bin/python3.11
export RASA_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test setup system-deps train validate nlu-report stories bench bench-risk clean

run: setup train
	bin/run

test: setup train validate nlu-report stories
	$(PY) -m pytest

setup: system-deps $(VENV)/.installed $(ACTIONS_VENV)/.installed

system-deps:
	@bin/system-deps

$(VENV)/.installed: pyproject.toml
	@test -n "$(BASE_PYTHON)" || { echo "Python $(PYTHON_VERSION) not found (install it with pyenv)"; exit 1; }
	test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools wheel
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# The project itself is put on the path with a .pth file (what an editable install does) rather than
# installed: its declared dependencies are Rasa's environment, not this one's.
$(ACTIONS_VENV)/.installed: bot/actions/requirements.txt
	@test -x $(ACTIONS_BASE_PYTHON) || { echo "$(ACTIONS_BASE_PYTHON) not found (bin/system-deps installs it)"; exit 1; }
	test -x $(ACTIONS_VENV)/bin/python || $(ACTIONS_BASE_PYTHON) -m venv $(ACTIONS_VENV)
	$(ACTIONS_VENV)/bin/python -m pip install -q --ignore-requires-python -r bot/actions/requirements.txt
	echo "$(CURDIR)" > "$$($(ACTIONS_VENV)/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/chamba-segura.pth"
	touch $@

train: setup
	$(PY) -m bot.launch train

validate: setup
	$(VENV)/bin/rasa data validate --data nlu_data flows --domain domain.yml --config config.yml

# Intent classification on the held-out split (tests/nlu_holdout.yml), kept in test-artifacts/nlu.
nlu-report: train
	@if [ -f tests/nlu_holdout.yml ]; then \
	  $(VENV)/bin/rasa test nlu --nlu tests/nlu_holdout.yml --model $$($(PY) -c 'from bot.launch import model_path; print(model_path())') --out test-artifacts/nlu; \
	fi

# Conversation tests for every flow; a wrong prediction fails the build.
stories: train
	$(VENV)/bin/rasa test core --stories tests/test_stories.yml --model $$($(PY) -c 'from bot.launch import model_path; print(model_path())') --out test-artifacts/core --fail-on-prediction-errors

bench: setup train
	$(PY) bench/bench_pipeline.py

# The advert risk check runs in the action server: measure it on that server's interpreter.
bench-risk: setup
	$(ACTIONS_VENV)/bin/python bench/bench_risk.py

clean:
	rm -rf $(VENV) $(ACTIONS_VENV) models test-artifacts .pytest_cache
