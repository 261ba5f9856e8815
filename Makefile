# `make chat` and `make test` do all the set-up on a fresh clone.
SHELL := /bin/bash
# Rasa reports usage and crashes to its servers unless told not to; nothing here may
# reach the network at run time (serving/runtime.py sets the same for what it starts).
export RASA_TELEMETRY_ENABLED := false
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
# What the model is trained from. The knowledge file is not here on purpose:
# answers are read by the action server, so editing them needs no retraining.
WEB_DEPS := web/node_modules/.installed
TRAIN_INPUTS := config.yml domain.yml $(wildcard understanding/*.py) $(wildcard data/nlu/*.yml data/rules/*.yml)

.PHONY: help setup train chat web serve report forget expire test load bench validate lock clean

help:
	@echo "make chat      chat with the assistant in the terminal (sets everything up)"
	@echo "make web       the demo page with the chat widget on http://127.0.0.1:8080/"
	@echo "make serve     many readers: nginx, one rasa run per core, PostgreSQL, Redis on :8080"
	@echo "make report    what readers asked that got no real answer (REPORT_ARGS=\"--since 2026-01-01 --limit 20\")"
	@echo "make forget SENDER=id   delete one reader's conversation"
	@echo "make expire    delete conversations inactive for more than RETENTION_DAYS days"
	@echo "make test      run every test (sets everything up)"
	@echo "make load      50 simultaneous conversations of 10 messages over REST, then count"
	@echo "make bench     accuracy vs BM25, latency, memory, training vs Rasa's starter bot"
	@echo "make validate  check the knowledge file and the training data"
	@echo "make train     retrain the model if data or config changed"

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@py=$$(scripts/find-python.sh) && echo "Using $$py" && \
	  { [ -x $(PY) ] || $$py -m venv $(VENV); }
	@echo "Installing requirements.lock into $(VENV): about 2 GB, a few minutes the first time (log: build/pip-install.log) ..."
	@scripts/run-logged.sh build/pip-upgrade.log $(PY) -m pip install --upgrade pip==24.0
	@PROGRESS="Installing" PROGRESS_PATTERN="requirements\.lock \(line [0-9]+" PROGRESS_UNIT="packages downloaded" \
	  PROGRESS_TOTAL=$$(grep -c '==' requirements.lock) \
	  PROGRESS_LAST_STEP="^Installing collected packages" PROGRESS_LAST_STEP_LABEL="unpacking them" \
	  PROGRESS_HINT="Check your network and disk space (df -h), then run the same make command again." \
	  scripts/run-logged.sh build/pip-install.log $(PY) -m pip install -r requirements.lock
	@echo "Installed."
	@touch $@

train: $(MODEL)

$(MODEL): $(VENV)/.installed $(TRAIN_INPUTS)
	@echo "Training the model (log: build/train.log) ..."
	@start=$$(date +%s); \
	  PROGRESS="Training" PROGRESS_HINT="Fix what the log names (make validate checks the data), then run the same make command again." \
	  scripts/run-logged.sh build/train.log $(RASA) train --fixed-model-name assistant --out models && \
	  echo "Trained in $$(( $$(date +%s) - start )) s."
	@touch $@

chat: $(MODEL)
	@scripts/chat.sh

# The widget's only dependency (socket.io-client), served from this project.
$(WEB_DEPS): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "error: npm is missing (Node.js 18+ with npm)." >&2; exit 1; }
	@echo "Installing web/package-lock.json (log: build/npm-install.log) ..."
	@scripts/run-logged.sh build/npm-install.log npm ci --prefix web --no-audit --no-fund
	@touch $@

# The browser test drives Debian's Chromium; install it when missing (CI runs as root).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@scripts/apt-install.sh "the browser test" chromium

# The scale-out stack (make serve, and its tests): Debian's PostgreSQL, Redis, nginx.
# PostgreSQL's server is found at whichever version is installed (15 on bookworm).
SERVICES := /usr/bin/redis-server /usr/sbin/nginx \
  $(firstword $(wildcard /usr/lib/postgresql/*/bin/postgres) /usr/lib/postgresql/15/bin/postgres)
$(SERVICES) &:
	@scripts/apt-install.sh "the scale-out stack" postgresql redis-server nginx

web: $(MODEL) $(WEB_DEPS)
	@scripts/web.sh

# nginx on :8080 in front of one `rasa run` and one action server per core, on
# PostgreSQL and Redis (data in var/); Ctrl-C stops it all. See README "Serving many readers".
serve: $(MODEL) $(WEB_DEPS) $(SERVICES)
	@$(PY) -m serving.runtime $(SERVE_ARGS)

# Delete one reader's conversation, or those inactive for more than RETENTION_DAYS
# (ENDPOINTS=endpoints.scale-out.yml for PostgreSQL); the servers may keep running.
forget: $(VENV)/.installed
	@test -n "$(SENDER)" || { echo "usage: make forget SENDER=<sender id>" >&2; exit 1; }
	@TRACKER_DB=$${TRACKER_DB:-var/conversations.sqlite} SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore $(PY) -m serving.conversations forget "$(SENDER)"

# What readers asked that got no real answer: a table, build/report.csv and build/report.md.
report: $(VENV)/.installed
	@TRACKER_DB=$${TRACKER_DB:-var/conversations.sqlite} SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore $(PY) -m serving.report $(REPORT_ARGS)

expire: $(VENV)/.installed
	@TRACKER_DB=$${TRACKER_DB:-var/conversations.sqlite} SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore $(PY) -m serving.conversations expire

validate: $(VENV)/.installed
	$(PY) -m actions.knowledge
	scripts/run-logged.sh build/data-validate.log $(RASA) data validate --fail-on-warnings
	@echo "rasa data validate: no errors, no warnings."

test: validate $(MODEL) $(WEB_DEPS) $(CHROMIUM) $(SERVICES)
	scripts/test.sh

# Trains its own models in a temporary folder; writes bench/results/ and README's table.
# Its scale-out figures need Debian's PostgreSQL, Redis and nginx, installed when missing.
bench: $(VENV)/.installed $(SERVICES)
	$(PY) -m bench.run_bench

load: $(MODEL)
	$(PY) -m tests.load_conversations 50 10

lock:
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip freeze --exclude-editable | sort > requirements.lock

clean:
	rm -rf models results build .rasa web/node_modules
