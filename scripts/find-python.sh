#!/usr/bin/env bash
# Print a Python 3.10 interpreter (Rasa 3.6 refuses 3.11+), or say how to get one.
set -euo pipefail

is_py310() { [ -n "$1" ] && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }

candidates=("${PYTHON:-}" python3.10)
if command -v pyenv >/dev/null 2>&1; then
  for p in "$(pyenv root)"/versions/3.10*/bin/python3.10; do candidates+=("$p"); done
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 python3)

for c in "${candidates[@]}"; do
  if is_py310 "$c"; then command -v "$c"; exit 0; fi
done
cat >&2 <<'MSG'
error: Python 3.10 is required (Rasa 3.6 does not run on 3.11 or later) and none was found.
  Debian/Ubuntu:  apt-get install python3.10 python3.10-venv
  pyenv:          pyenv install 3.10
  or point to one: make chat PYTHON=/path/to/python3.10
MSG
exit 1
