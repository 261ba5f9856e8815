# `make chat` and `make test` do all the set-up on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
# What the model is trained from. The knowledge file is not here on purpose:
# answers are read by the action server, so editing them needs no retraining.
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/nlu/*.yml data/rules/*.yml)

.PHONY: help setup train chat test validate lock clean

help:
	@echo "make chat      chat with the assistant in the terminal (sets everything up)"
	@echo "make test      run every test (sets everything up)"
	@echo "make validate  check the knowledge file and the training data"
	@echo "make train     retrain the model if data or config changed"

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@py=$$(scripts/find-python.sh) && echo "Using $$py" && \
	  { [ -x $(PY) ] || $$py -m venv $(VENV); }
	@echo "Installing requirements.lock into $(VENV) (log: build/pip-install.log) ..."
	@scripts/run-logged.sh build/pip-install.log $(PY) -m pip install --upgrade pip==24.0
	@scripts/run-logged.sh build/pip-install.log $(PY) -m pip install -r requirements.lock
	@touch $@

train: $(MODEL)

$(MODEL): $(VENV)/.installed $(TRAIN_INPUTS)
	@echo "Training the model (log: build/train.log) ..."
	@start=$$(date +%s); \
	  scripts/run-logged.sh build/train.log $(RASA) train --fixed-model-name assistant --out models && \
	  echo "Trained in $$(( $$(date +%s) - start )) s."
	@touch $@

chat: $(MODEL)
	scripts/chat.sh

validate: $(VENV)/.installed
	$(PY) -m actions.knowledge
	scripts/run-logged.sh build/data-validate.log $(RASA) data validate --fail-on-warnings
	@echo "rasa data validate: no errors, no warnings."

test: validate $(MODEL)
	scripts/test.sh

lock:
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip freeze --exclude-editable | sort > requirements.lock

clean:
	rm -rf models results build .rasa
