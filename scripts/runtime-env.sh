# Sourced by chat.sh and web.sh: where conversations live, which interface the
# action server binds, and a probe for "is something answering at this URL".
# Each can be overridden from the environment.

# Conversations: Rasa's SQL tracker store, see endpoints.yml.
export TRACKER_DB=${TRACKER_DB:-var/conversations.sqlite}
# rasa-sdk 3.6 has no interface flag; Sanic reads this instead.
export SANIC_HOST=${SANIC_HOST:-127.0.0.1}
mkdir -p build "$(dirname "$TRACKER_DB")"

up() { .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" >/dev/null 2>&1; }
