"""`make chat`'s terminal chat in a real 80-column terminal: clean start, whole answers, bad input.

The pseudo-terminal runs scripts/chat.sh (what `make chat` runs) with its own
tracker store and Rasa port.
"""

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

from serving.console import HINT
from serving.runtime import ROOT, free_port

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
PROMPT = "Your input ->"
COLUMNS = 80


class Shell:
    """A pseudo-terminal running the chat, read and typed into like a person would."""

    def __init__(self, args, env):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, COLUMNS, 0, 0))
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
            elif PROMPT in self.seen and time.monotonic() - last_output > quiet:
                out, self.seen = self.seen, ""
                return out
        raise AssertionError(f"the shell did not wait for input again:\n{self.seen[-2000:]}")

    def say(self, text: str) -> str:
        """Type a message at the prompt and return what the shell printed in answer."""
        os.write(self.fd, text.encode("utf-8") + b"\r")
        return self.settle()

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
        os.close(self.fd)


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    """`make chat` in an 80-column terminal, and everything it printed before its first prompt."""
    workdir = tmp_path_factory.mktemp("shell")
    env = {
        **os.environ,
        "TRACKER_DB": str(workdir / "conversations.sqlite"),
        "RASA_PORT": str(free_port()),
        "COLUMNS": str(COLUMNS),
    }
    session = Shell(["scripts/chat.sh"], env)
    try:
        yield session, session.settle(timeout=240)
    finally:
        session.close()


@pytest.fixture
def shell(started) -> Iterator[Shell]:
    yield started[0]


def test_start_shows_only_the_projects_own_lines_then_the_greeting(started):
    _, before_prompt = started
    for noise in ("Warning", "WARNING", "INFO", "tensorflow", "DEBUG", "Traceback"):
        assert noise not in before_prompt, before_prompt
    assert before_prompt.lstrip().startswith("Starting the assistant")
    assert "/stop to quit" in before_prompt
    assert "1. Why are these talks important?" in before_prompt


def test_a_long_answer_is_shown_whole_at_80_columns_with_numbered_follow_ups(shell):
    reply = shell.say("who leads the rebel delegation?")
    lines = [line for line in reply.split("\n") if PROMPT not in line]
    assert all(len(line) <= COLUMNS for line in lines), max(lines, key=len)
    flowing = " ".join(reply.split())
    assert "The Syrian regime sent its ambassador to the UN, Bashar al-Jaafri." in flowing
    assert (
        "while the Syrian regime has sent its ambassador to the UN Bashar al-Jaafri to the meeting."
        in flowing
    )
    assert "1. Will the two sides meet face to face?" in reply
    assert "(/" not in reply and "/ask_" not in reply

    picked = shell.say("2")
    assert "(Who is Mohammed Alloush?)" in picked
    assert "leader of Jaysh Al-Islam" in " ".join(picked.split())
    assert "/ask_" not in picked


# What the assistant says when it cannot answer; which one depends on the model's guess.
POLITE = ("Could you rephrase?", "I only know about this article", "The article doesn't say")


@pytest.mark.parametrize(
    "message, expected",
    [
        ("who sponsors the talks?", ["Russia and Turkey", "From the article:"]),
        # Nothing typed: a hint, without bothering the assistant.
        ("", [HINT]),
        ("     ", [HINT]),
        ("<script>alert(1)</script>", [POLITE, "Why are these talks important?"]),
        ("من يرعى المحادثات؟ 🕊️", [POLITE, "Why are these talks important?"]),
        (
            "[click](javascript:alert(1)) {0} %s '; DROP TABLE events; --",
            [POLITE, "Why are these talks important?"],
        ),
        # The same limit as the widget and REST (serving/input_rules.py).
        ("blah " * 2000, ["That message is too long for me (9,999 characters)"]),
        ("where are the talks held?", ["Astana", "From the article:"]),
    ],
    ids=["question", "empty", "spaces", "script", "arabic-emoji", "markup-sql", "10k", "after"],
)
def test_shell_answers_every_input_politely(shell, message, expected):
    reply = " ".join(shell.say(message).split())
    shown = reply[-600:]
    for phrase in expected:
        options = phrase if isinstance(phrase, tuple) else (phrase,)
        assert any(option in reply for option in options), shown
    assert "Traceback" not in reply and "Error" not in reply, shown
