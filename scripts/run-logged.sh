#!/usr/bin/env bash
# Run a noisy command (pip, Rasa's progress bars) with its output in a log file;
# show the log's tail only when it fails.  Usage: run-logged.sh LOG CMD...
#
# With PROGRESS set (a label such as "Installing"), a progress line is shown
# while it runs: the elapsed time, and the number of different texts in the log
# matching PROGRESS_PATTERN, out of PROGRESS_TOTAL when given (pip: requirement
# lines collected; pip may collect one twice while resolving).
# On a terminal the line updates in place every second; elsewhere (CI) a line
# is printed every 30 s. PROGRESS_HINT is printed after a failure's log tail.
set -euo pipefail
log=$1
shift
mkdir -p "$(dirname "$log")"

progress() {
  local start=$SECONDS count line last_print=0
  while sleep 1; do
    local elapsed=$((SECONDS - start))
    line="$PROGRESS: $((elapsed / 60)) min $((elapsed % 60)) s"
    if [ -n "${PROGRESS_PATTERN:-}" ]; then
      count=$({ grep -o -E "$PROGRESS_PATTERN" "$log" 2>/dev/null || true; } | sort -u | wc -l)
      line="$line, ${count:-0}${PROGRESS_TOTAL:+ of $PROGRESS_TOTAL}${PROGRESS_UNIT:+ $PROGRESS_UNIT}"
    fi
    if grep -q -E "${PROGRESS_LAST_STEP:-^$^}" "$log" 2>/dev/null; then
      line="$line, ${PROGRESS_LAST_STEP_LABEL:-finishing}"
    fi
    if [ -t 1 ]; then
      printf '\r\033[K  %s' "$line"
    elif ((elapsed - last_print >= 30)); then
      echo "  $line"
      last_print=$elapsed
    fi
  done
}

ticker=
if [ -n "${PROGRESS:-}" ]; then
  : >"$log"
  progress &
  ticker=$!
fi
status=0
"$@" >"$log" 2>&1 || status=$?
if [ -n "$ticker" ]; then
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  if [ -t 1 ]; then printf '\r\033[K'; fi
fi
if [ "$status" -ne 0 ]; then
  echo "FAILED: $* (last 60 lines of $log):" >&2
  tail -n 60 "$log" >&2
  if [ -n "${PROGRESS_HINT:-}" ]; then echo "$PROGRESS_HINT" >&2; fi
  exit 1
fi
