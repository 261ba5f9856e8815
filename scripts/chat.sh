#!/usr/bin/env bash
# Start the action server in the background, chat in the shell, stop it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/runtime-env.sh
port=5055
health="http://127.0.0.1:$port/health"
if up "$health"; then
  echo "error: something is already listening on port $port (another 'make chat'?)." >&2
  exit 1
fi
.venv/bin/rasa run actions --port "$port" >build/action-server.log 2>&1 &
actions_pid=$!
trap 'kill "$actions_pid" 2>/dev/null || true; wait "$actions_pid" 2>/dev/null || true' EXIT INT TERM
echo "Starting the action server (log: build/action-server.log) ..."
wait_up "action server" "$health" build/action-server.log "$actions_pid"
echo "Loading the assistant; type your question when you see 'Your input ->' (/stop to quit)."
.venv/bin/rasa shell --model models/assistant.tar.gz --endpoints endpoints.yml --interface 127.0.0.1
