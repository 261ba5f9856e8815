"""Long set-up steps show progress on a terminal and, on failure, the log's tail and what to do."""

from __future__ import annotations

import os
import pty
import re
import subprocess
from pathlib import Path

from serving.runtime import ROOT

FAKE_PIP = 'for p in a b c; do echo "Collecting $p==1"; sleep 1.2; done; echo done'


def run_logged(log: Path, command: str, env: dict, terminal: bool) -> tuple:
    args = [str(ROOT / "scripts" / "run-logged.sh"), str(log), "bash", "-c", command]
    full_env = {**os.environ, **env}
    if not terminal:
        done = subprocess.run(args, env=full_env, capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout + done.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, env=full_env, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return proc.wait(timeout=60), seen.decode("utf-8", "replace")


PROGRESS = {
    "PROGRESS": "Installing",
    "PROGRESS_PATTERN": "^Collecting [a-z]+",
    "PROGRESS_TOTAL": "3",
    "PROGRESS_UNIT": "packages downloaded",
}


def test_a_terminal_sees_elapsed_time_and_packages_counted(tmp_path):
    status, shown = run_logged(tmp_path / "pip.log", FAKE_PIP, PROGRESS, terminal=True)
    assert status == 0
    assert re.search(r"Installing: 0 min [1-4] s, [1-3] of 3 packages downloaded", shown), shown
    assert "4 of 3" not in shown
    # The command's own output goes to the log, not the terminal.
    assert "Collecting a==1" not in shown
    assert "Collecting c==1" in (tmp_path / "pip.log").read_text()


def test_a_failure_shows_the_logs_tail_and_what_to_do(tmp_path):
    env = {**PROGRESS, "PROGRESS_HINT": "Check your network, then run it again."}
    status, shown = run_logged(
        tmp_path / "pip.log",
        "echo 'Collecting a==1'; echo 'No space left on device'; exit 3",
        env,
        terminal=False,
    )
    assert status == 1
    assert "FAILED" in shown and "No space left on device" in shown
    assert shown.rstrip().endswith("Check your network, then run it again.")
