"""Deleting one reader's conversation, and conversations past the retention period, on real stores.

SQLite: the embedded default, with the servers running and answering
throughout. PostgreSQL: the scale-out stack's database (tests/test_scale_out.py
runs the same commands against it).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Dict, List

import pytest

from serving.runtime import ROOT, rest_replies, running_assistant

DAY = 86400


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("retention")) as running:
        yield running


def command(*args: str, env: Dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "serving.conversations", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def senders(db: Path) -> List[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT DISTINCT sender_id FROM events").fetchall()
    return sorted(sender for (sender,) in rows)


def age(db: Path, sender: str, days: float) -> None:
    """Make a conversation look `days` days old (its events' timestamps moved back)."""
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?", (days * DAY, sender)
        )


def talk(assistant, sender: str) -> None:
    replies = rest_replies(assistant.webhook, sender, "who is George Krol?")
    assert "Kazakhstan" in replies[0]["text"]


def test_forget_deletes_one_conversation_and_nothing_else(assistant):
    env = {"TRACKER_DB": str(assistant.tracker_db)}
    gone, kept = f"forget-me-{uuid.uuid4().hex[:6]}", f"keep-me-{uuid.uuid4().hex[:6]}"
    talk(assistant, gone)
    talk(assistant, kept)

    done = command("forget", gone, env=env)

    assert done.returncode == 0, done.stderr
    assert f"Deleted the conversation of {gone!r}" in done.stdout
    assert gone not in senders(assistant.tracker_db)
    assert kept in senders(assistant.tracker_db)
    # The server keeps answering; the forgotten reader starts afresh.
    talk(assistant, kept)
    replies = rest_replies(assistant.webhook, gone, "tell me more")
    assert "Krol" not in replies[0]["text"]


def test_forgetting_an_unknown_reader_says_so(assistant):
    done = command("forget", "nobody-at-all", env={"TRACKER_DB": str(assistant.tracker_db)})
    assert done.returncode == 0
    assert "nothing deleted" in done.stdout


def test_expire_deletes_exactly_the_conversations_past_the_retention(assistant):
    run = uuid.uuid4().hex[:6]
    old, recent, active = f"old-{run}", f"recent-{run}", f"active-{run}"
    for sender in (old, recent, active):
        talk(assistant, sender)
    age(assistant.tracker_db, old, 31)
    age(assistant.tracker_db, recent, 29)
    # A reader who started long ago but wrote today keeps the whole conversation.
    age(assistant.tracker_db, active, 40)
    talk(assistant, active)
    before = set(senders(assistant.tracker_db))

    done = command("expire", env={"TRACKER_DB": str(assistant.tracker_db), "RETENTION_DAYS": "30"})

    assert done.returncode == 0, done.stderr
    assert set(senders(assistant.tracker_db)) == before - {old}
    assert "Deleted 1 conversation(s)" in done.stdout
    talk(assistant, recent)


@pytest.mark.parametrize(
    "env, message",
    [
        ({"RETENTION_DAYS": ""}, "No retention period"),
        ({"RETENTION_DAYS": "a month"}, "RETENTION_DAYS must be a number of days"),
    ],
)
def test_expire_without_a_valid_retention_deletes_nothing(assistant, env, message):
    talk(assistant, f"untouched-{uuid.uuid4().hex[:6]}")
    before = senders(assistant.tracker_db)
    done = command("expire", env={"TRACKER_DB": str(assistant.tracker_db), **env})
    assert message in done.stdout + done.stderr
    assert senders(assistant.tracker_db) == before


def test_an_unreachable_store_is_a_clear_error_not_a_traceback(tmp_path):
    env = {"ENDPOINTS": str(ROOT / "endpoints.scale-out.yml"), "POSTGRES_HOST": "127.0.0.1"}
    env.update(POSTGRES_PORT="1", POSTGRES_DB="x", POSTGRES_USER="x", POSTGRES_PASSWORD="x")
    done = command("forget", "anyone", env=env)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "Traceback" not in done.stderr
