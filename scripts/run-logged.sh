#!/usr/bin/env bash
# Run a noisy command (Rasa's progress bars) with its output in a log file;
# show the log's tail only when it fails.  Usage: run-logged.sh LOG CMD...
set -euo pipefail
log=$1; shift
mkdir -p "$(dirname "$log")"
if ! "$@" >"$log" 2>&1; then
  echo "FAILED: $* (last 60 lines of $log):" >&2
  tail -n 60 "$log" >&2
  exit 1
fi
