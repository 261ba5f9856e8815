# Sourced by chat.sh and web.sh: where conversations live, which interface the
# action server binds, a probe for "is something answering at this URL", a
# refusal of busy ports, a wait for a server just started, and the stopping of
# every background process the script started (append their pids to `pids`).
# Each can be overridden from the environment.

# Conversations: Rasa's SQL tracker store, see endpoints.yml.
export TRACKER_DB=${TRACKER_DB:-var/conversations.sqlite}
# rasa-sdk 3.6 has no interface flag; Sanic reads this instead.
export SANIC_HOST=${SANIC_HOST:-127.0.0.1}
mkdir -p build "$(dirname "$TRACKER_DB")"

up() { .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" >/dev/null 2>&1; }

# wait_up NAME URL LOG PID: wait until URL answers; exit with LOG's tail if PID dies or 120 s pass.
wait_up() {
  for _ in $(seq 1 240); do
    up "$2" && return 0
    if ! kill -0 "$4" 2>/dev/null; then
      echo "error: the $1 did not start:" >&2
      tail -n 30 "$3" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "error: the $1 did not answer in 120 s (log: $3)" >&2
  exit 1
}

# refuse_busy_ports PORT...: exit with a message if something answers on one of them.
refuse_busy_ports() {
  for port in "$@"; do
    if up "http://127.0.0.1:$port/"; then
      echo "error: port $port is already in use (another 'make chat' or 'make web'?)." >&2
      exit 1
    fi
  done
}

pids=()
stop_started() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_started EXIT
