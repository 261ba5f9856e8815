#!/usr/bin/env bash
# Start the action server and the Rasa server in the background (logs in build/),
# chat in the terminal (serving/console.py), stop both on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/runtime-env.sh
action_port=5055 # endpoints.yml points Rasa here
rasa_port=${RASA_PORT:-5005}
refuse_busy_ports "$action_port" "$rasa_port"

trap 'exit 0' INT TERM

echo "Starting the assistant (logs in build/) ..."
.venv/bin/rasa run actions --port "$action_port" >build/action-server.log 2>&1 &
pids+=($!)
.venv/bin/rasa run --model models/assistant.tar.gz --endpoints endpoints.yml \
  --credentials credentials.yml --interface 127.0.0.1 --port "$rasa_port" \
  >build/rasa-server.log 2>&1 &
pids+=($!)
wait_up "action server" "http://127.0.0.1:$action_port/health" build/action-server.log "${pids[0]}"
wait_up "Rasa server" "http://127.0.0.1:$rasa_port/" build/rasa-server.log "${pids[1]}"
echo "Ready. Type a question, a number to pick a suggestion, or /stop to quit."
echo
.venv/bin/python -m serving.console --url "http://127.0.0.1:$rasa_port"
