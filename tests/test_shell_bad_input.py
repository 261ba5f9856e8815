"""`rasa shell` (what `make chat` runs) in a real terminal, fed what a careless reader types."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from typing import Iterator

import pytest

from serving.runtime import BIN, MODEL, ROOT, action_server, free_port, write_endpoints

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
PROMPT = "Your input ->"
MENU = "Type out your own message..."
UP = "\x1b[A"


class Shell:
    """A pseudo-terminal running `rasa shell`, read and typed into like a person would."""

    def __init__(self, args, env):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 400, 0, 0))
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
        )
        os.close(slave)
        self.fd = master
        self.seen = ""

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536).decode("utf-8", "replace")
        except OSError:
            return False
        # prompt_toolkit asks where the cursor is; answer so it does not wait.
        if "\x1b[6n" in chunk:
            os.write(self.fd, b"\x1b[1;1R")
        self.seen += ANSI.sub("", chunk)
        return True

    def settle(self, timeout: float = 90, quiet: float = 1.5) -> str:
        """All output until the shell waits for input again (a prompt or menu, then quiet)."""
        deadline = time.monotonic() + timeout
        last_output = time.monotonic()
        while time.monotonic() < deadline:
            if self._read(0.2):
                last_output = time.monotonic()
            elif (PROMPT in self.seen or MENU in self.seen) and (
                time.monotonic() - last_output > quiet
            ):
                out, self.seen = self.seen, ""
                return out
        raise AssertionError(f"the shell did not wait for input again:\n{self.seen[-2000:]}")

    def say(self, text: str) -> str:
        """Type a message at the prompt and return what the shell printed in answer."""
        os.write(self.fd, text.encode("utf-8") + b"\r")
        reply = self.settle()
        if MENU in reply.rsplit(PROMPT, 1)[-1]:
            # An answer with follow-up buttons shows a menu: pick "type my own message".
            os.write(self.fd, UP.encode())
            time.sleep(0.3)
            os.write(self.fd, b"\r")
            self.settle()
        return reply

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
        os.close(self.fd)


@pytest.fixture(scope="module")
def shell(tmp_path_factory) -> Iterator[Shell]:
    workdir = tmp_path_factory.mktemp("shell")
    action_port = free_port()
    with action_server(workdir, action_port):
        env = {**os.environ, "TRACKER_DB": str(workdir / "conversations.sqlite")}
        args = [
            str(BIN / "rasa"),
            "shell",
            "--model",
            str(MODEL),
            "--endpoints",
            str(write_endpoints(workdir, action_port)),
            "--port",
            str(free_port()),
        ]
        session = Shell(args, env)
        try:
            session.settle(timeout=240)
            yield session
        finally:
            session.close()


# What the assistant says when it cannot answer; which one depends on the model's guess.
POLITE = ("Could you rephrase?", "I only know about this article", "The article doesn't say")


@pytest.mark.parametrize(
    "message, fact",
    [
        ("who sponsors the talks?", "Russia and Turkey"),
        ("", None),
        ("     ", None),
        ("<script>alert(1)</script>", None),
        ("من يرعى المحادثات؟ 🕊️", None),
        ("[click](javascript:alert(1)) {0} %s '; DROP TABLE events; --", None),
        ("blah " * 2000, None),
        ("where are the talks held?", "Astana"),
    ],
    ids=["question", "empty", "spaces", "script", "arabic-emoji", "markup-sql", "10k", "after"],
)
def test_shell_answers_every_input_politely(shell, message, fact):
    reply = shell.say(message)
    shown = " ".join(reply.split())[-600:]
    if fact:
        assert fact in reply and "From the article:" in reply, shown
    else:
        assert any(p in reply for p in POLITE), shown
        assert "Why are these talks important?" in reply, shown
    assert "Traceback" not in reply and "Error" not in reply, shown
