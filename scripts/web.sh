#!/usr/bin/env bash
# Start the action server, the Rasa server and the demo page on loopback; Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/runtime-env.sh
web_port=${WEB_PORT:-8080}
rasa_port=${RASA_PORT:-5005}
action_port=5055 # endpoints.yml points Rasa here
page="http://127.0.0.1:$web_port"
# The only origin allowed to talk to the Rasa server: the demo page itself.
export CHAT_ALLOWED_ORIGINS=${CHAT_ALLOWED_ORIGINS:-$page}

refuse_busy_ports "$action_port" "$rasa_port" "$web_port"

trap 'echo; echo "Stopping ..."; exit 0' INT TERM

echo "Starting the action server (log: build/action-server.log) ..."
.venv/bin/rasa run actions --port "$action_port" >build/action-server.log 2>&1 &
pids+=($!)
wait_up "action server" "http://127.0.0.1:$action_port/health" build/action-server.log "$!"

IFS=, read -ra cors <<<"$CHAT_ALLOWED_ORIGINS"
echo "Starting the Rasa server on 127.0.0.1:$rasa_port (log: build/rasa-server.log) ..."
.venv/bin/rasa run --model models/assistant.tar.gz --endpoints endpoints.yml \
  --credentials credentials.yml --interface 127.0.0.1 --port "$rasa_port" \
  --cors "${cors[@]}" >build/rasa-server.log 2>&1 &
pids+=($!)
wait_up "Rasa server" "http://127.0.0.1:$rasa_port/" build/rasa-server.log "$!"

.venv/bin/python -m web.serve --port "$web_port" --rasa-url "http://127.0.0.1:$rasa_port" \
  >build/web-server.log 2>&1 &
pids+=($!)
wait_up "demo page server" "$page/" build/web-server.log "$!"

echo
echo "Open $page/ in your browser. Press Ctrl-C to stop."
wait
