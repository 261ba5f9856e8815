#!/usr/bin/env bash
# apt-install.sh WHY PACKAGE...: install Debian packages, as root (CI) or through sudo;
# otherwise say which command to run. Output goes to build/apt-*.log.
set -euo pipefail
cd "$(dirname "$0")/.."
why=$1
shift
echo "Installing Debian's $* for $why (log: build/apt-install.log) ..."
if [ "$(id -u)" = 0 ]; then
  sudo=
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=sudo
else
  echo "error: $* missing; as root, run: apt-get install -y --no-install-recommends $*" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
scripts/run-logged.sh build/apt-update.log $sudo apt-get update
scripts/run-logged.sh build/apt-install.log $sudo apt-get install -y --no-install-recommends "$@"
