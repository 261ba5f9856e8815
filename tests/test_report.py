"""`make report` lists what readers asked that got no real answer, from a real tracker store."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Dict, List

import pytest

from serving.runtime import ROOT, rest_replies, running_assistant

ANSWERED = "who sponsors the talks?"
ASKED = [
    # (reader, message) in the order they are sent
    ("ana", "what's the weather like in Paris?"),
    ("ana", ANSWERED),
    ("ben", "What's the weather like in Paris"),
    ("ben", "who is Vladimir Putin?"),
    ("chen", "asdf qwer zxcv"),
    ("chen", "Did the rebels get their prisoners back?"),
    ("chen", "who is the UN envoy?"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A tracker store filled by real conversations through the running servers."""
    workdir = tmp_path_factory.mktemp("report")
    run = uuid.uuid4().hex[:6]
    with running_assistant(workdir) as assistant:
        for reader, message in ASKED:
            assert rest_replies(assistant.webhook, f"{reader}-{run}", message)
        return assistant.tracker_db


def report(store, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """`make report` on `store`: an SQLite file, or the environment of another configured store."""
    env = store if isinstance(store, dict) else {"TRACKER_DB": str(store)}
    return subprocess.run(
        [sys.executable, "-m", "serving.report", "--output", str(tmp_path), *args],
        cwd=ROOT,
        env={**os.environ, **env, "SQLALCHEMY_SILENCE_UBER_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def rows(tmp_path: Path) -> Dict[str, Dict[str, str]]:
    with open(tmp_path / "report.csv", encoding="utf-8") as f:
        return {row["question"]: row for row in csv.DictReader(f)}


def test_lists_every_unanswered_question_and_not_the_answered_ones(store, tmp_path):
    done = report(store, tmp_path)
    assert done.returncode == 0, done.stderr

    listed = rows(tmp_path)
    weather = listed["what's the weather like in paris"]
    assert weather["count"] == "2"  # two readers, two spellings, one question
    assert weather["reply"] == "declined as off-topic"
    assert weather["intent"] == "out_of_scope" and 0 < float(weather["confidence"]) <= 1
    assert listed["who is vladimir putin"]["reply"] == "unknown name"
    assert listed["asdf qwer zxcv"]["reply"] in ("asked to rephrase", "declined as off-topic")
    assert listed["did the rebels get their prisoners back"]["reply"] == "article says only part"
    assert "who sponsors the talks" not in listed
    assert "who is the un envoy" not in listed


def test_shows_the_entry_the_reader_reached_next(store, tmp_path):
    report(store, tmp_path)
    listed = rows(tmp_path)
    # ana asked about the weather, then about the sponsors.
    assert "sponsors" in listed["what's the weather like in paris"]["reached_next"]
    # chen's gibberish was followed by a partial answer and then the envoy.
    assert listed["asdf qwer zxcv"]["reached_next"] != ""
    assert listed["who is vladimir putin"]["reached_next"] == ""


def test_prints_a_table_and_writes_markdown(store, tmp_path):
    done = report(store, tmp_path)
    assert "Unanswered questions: 4 distinct, asked 5 times" in done.stdout
    assert "what's the weather like in paris" in done.stdout
    table = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| what's the weather like in paris | 2 |" in table


def test_limit_and_since(store, tmp_path):
    report(store, tmp_path, "--limit", "1")
    assert list(rows(tmp_path)) == ["what's the weather like in paris"]

    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%d")
    report(store, tmp_path, "--since", tomorrow)
    assert rows(tmp_path) == {}


@pytest.mark.parametrize(
    "args, message",
    [(["--since", "last week"], "--since takes a date"), (["--limit", "0"], "--limit must be")],
)
def test_bad_arguments_get_a_clear_message(store, tmp_path, args: List[str], message):
    done = report(store, tmp_path, *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
