#!/usr/bin/env bash
# Every test: lint, conversation tests, held-out NLU accuracy, then pytest
# (validator, actions, end-to-end over REST and socket.io, the widget in
# Chromium). Run through `make test`, which sets up first.
set -euo pipefail
cd "$(dirname "$0")/.."
RASA=.venv/bin/rasa
MODEL=models/assistant.tar.gz
MIN_INTENT_ACCURACY=${MIN_INTENT_ACCURACY:-0.90}

echo "== Lint and format (ruff)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== Conversation tests (rasa test core)"
scripts/run-logged.sh build/test-core.log $RASA test core --model $MODEL \
  --stories tests/test_stories.yml --out results/core --fail-on-prediction-errors
echo "all stories predicted correctly"

echo "== Held-out understanding (rasa test nlu on tests/test_nlu.yml)"
scripts/run-logged.sh build/test-nlu.log $RASA test nlu --model $MODEL \
  --nlu tests/test_nlu.yml --out results/nlu
.venv/bin/python scripts/check_nlu_accuracy.py results/nlu/intent_report.json "$MIN_INTENT_ACCURACY"

echo "== pytest"
.venv/bin/python -m pytest tests
