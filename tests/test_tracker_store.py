"""The cached SQLite tracker store stores exactly what Rasa's own SQL store stores.

Each test plays the same turns through Rasa's SQLTrackerStore and through
CachedSQLTrackerStore, on separate database files, with real trackers and
events, and compares what a reader's next turn (or a restarted server) gets.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Coroutine, Dict, List, Optional

import pytest
import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from serving.runtime import ROOT
from serving.tracker_store import CachedSQLTrackerStore

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def store_at(db: Path, cls=SQLTrackerStore, **kwargs) -> SQLTrackerStore:
    return cls(domain=DOMAIN, dialect="sqlite", db=str(db), **kwargs)


class Clock:
    """Increasing timestamps, so both stores see the same events."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 0.5
        return self.now


def session_start(clock: Clock) -> List[Event]:
    return [
        ActionExecuted("action_session_start", timestamp=clock()),
        SessionStarted(timestamp=clock()),
        ActionExecuted("action_listen", timestamp=clock()),
    ]


def answer_turn(clock: Clock, question: str, entry: str) -> List[Event]:
    return [
        UserUttered(
            question,
            {"name": "ask_about_entity", "confidence": 0.93},
            [{"entity": "topic", "value": "Russia", "start": 0, "end": 6}],
            timestamp=clock(),
        ),
        ActionExecuted("action_answer", timestamp=clock()),
        BotUttered(
            f"An answer about {entry}.", {"buttons": [{"title": "Why?"}]}, timestamp=clock()
        ),
        SlotSet("last_entry", entry, timestamp=clock()),
        ActionExecuted("action_listen", timestamp=clock()),
    ]


async def turn(
    store: SQLTrackerStore,
    sender: str,
    clock: Clock,
    question: str,
    entry: str,
    new_session: bool = False,
) -> None:
    """What Rasa's processor does in one turn: read, add the turn's events, save."""
    tracker = await store.retrieve(sender)
    if tracker is None:
        tracker = DialogueStateTracker(sender, DOMAIN.slots)
        new_session = True
    events = session_start(clock) if new_session else []
    for event in events + answer_turn(clock, question, entry):
        tracker.update(event)
    await store.save(tracker)


def rows(db: Path) -> List[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
            "FROM events ORDER BY id"
        ).fetchall()


def as_dicts(tracker: Optional[DialogueStateTracker]) -> List[Dict]:
    return [event.as_dict() for event in tracker.events] if tracker else []


def play(stores: List[SQLTrackerStore], script) -> None:
    """Run the same script of turns on every store, with the same timestamps."""
    for store in stores:
        asyncio.run(script(store, Clock()))


async def three_readers(store: SQLTrackerStore, clock: Clock) -> None:
    for round_ in range(3):
        for reader in ("ana", "ben", "chen"):
            await turn(store, reader, clock, f"q{round_} {reader}", f"e{round_}")


async def new_session_midway(store: SQLTrackerStore, clock: Clock) -> None:
    await turn(store, "ana", clock, "who?", "a")
    await turn(store, "ana", clock, "why?", "b")
    # The reader comes back after the session expired: Rasa starts a new one.
    await turn(store, "ana", clock, "what now?", "c", new_session=True)
    await turn(store, "ana", clock, "tell me more", "d")


async def replaced_conversation(store: SQLTrackerStore, clock: Clock) -> None:
    await turn(store, "ana", clock, "who?", "a")
    await turn(store, "ana", clock, "why?", "b")
    # The HTTP API can replace a conversation's events with others.
    replacement = DialogueStateTracker("ana", DOMAIN.slots)
    for event in session_start(clock) + answer_turn(clock, "something else", "z"):
        replacement.update(event)
    await store.save(replacement)
    await turn(store, "ana", clock, "and?", "y")


def retrieve(store: SQLTrackerStore, sender: str) -> List[Dict]:
    return as_dicts(asyncio.run(store.retrieve(sender)))


@pytest.mark.parametrize(
    "script, options",
    [
        pytest.param(three_readers, {}, id="three readers"),
        pytest.param(three_readers, {"cache_size": 1}, id="more readers than the cache holds"),
        pytest.param(three_readers, {"cache_size": 0}, id="no cache"),
        pytest.param(three_readers, {"cache_max_events": 20}, id="longer than remembered"),
        pytest.param(new_session_midway, {}, id="a new session midway"),
        pytest.param(replaced_conversation, {}, id="events replaced through the API"),
    ],
)
def test_stores_and_reads_back_what_rasas_own_store_does(tmp_path, script, options):
    rasa_db, cached_db = tmp_path / "rasa.sqlite", tmp_path / "cached.sqlite"
    rasa_store = store_at(rasa_db)
    cached = store_at(cached_db, CachedSQLTrackerStore, **options)
    play([rasa_store, cached], script)

    assert len(rows(rasa_db)) > 0
    assert rows(cached_db) == rows(rasa_db)
    for reader in {row[0] for row in rows(rasa_db)}:
        expected = retrieve(rasa_store, reader)
        assert retrieve(cached, reader) == expected
        # A restarted server reads the same conversation back from the file.
        assert retrieve(store_at(cached_db, CachedSQLTrackerStore), reader) == expected


def test_the_next_turn_has_the_latest_slot_and_session(tmp_path):
    cached = store_at(tmp_path / "cached.sqlite", CachedSQLTrackerStore)
    asyncio.run(new_session_midway(cached, Clock()))
    tracker = asyncio.run(cached.retrieve("ana"))
    assert tracker.get_slot("last_entry") == "d"
    users = [e.text for e in tracker.events if e.type_name == "user"]
    assert users == ["what now?", "tell me more"]


def statements_during(store: SQLTrackerStore, work: Coroutine) -> List[str]:
    """The first word of every SQL statement the store runs while `work` runs."""
    statements: List[str] = []

    def record(conn, cursor, statement, *rest) -> None:
        statements.append(statement.split()[0])

    sqlalchemy.event.listen(store.engine, "before_cursor_execute", record)
    asyncio.run(work)
    sqlalchemy.event.remove(store.engine, "before_cursor_execute", record)
    return statements


def test_a_remembered_conversation_costs_one_insert_per_turn(tmp_path):
    cached, clock = store_at(tmp_path / "cached.sqlite", CachedSQLTrackerStore), Clock()
    asyncio.run(turn(cached, "ana", clock, "who?", "a"))
    asyncio.run(turn(cached, "ana", clock, "why?", "b"))

    next_turn = turn(cached, "ana", clock, "and then?", "c")
    assert statements_during(cached, next_turn) == ["INSERT"]


def test_without_a_cache_every_turn_reads_the_database(tmp_path):
    uncached, clock = store_at(tmp_path / "c.sqlite", CachedSQLTrackerStore, cache_size=0), Clock()
    asyncio.run(turn(uncached, "ana", clock, "who?", "a"))
    asyncio.run(turn(uncached, "ana", clock, "why?", "b"))

    next_turn = turn(uncached, "ana", clock, "and then?", "c")
    assert statements_during(uncached, next_turn).count("SELECT") >= 2


def test_only_the_latest_conversations_are_remembered(tmp_path):
    small, clock = store_at(tmp_path / "c.sqlite", CachedSQLTrackerStore, cache_size=2), Clock()
    # Each reader's second turn is remembered; ana's third makes ben the oldest.
    for reader in ("ana", "ben", "ana", "ben", "ana", "chen", "chen"):
        asyncio.run(turn(small, reader, clock, "who?", "a"))

    assert "SELECT" not in statements_during(small, turn(small, "ana", clock, "why?", "b"))
    assert "SELECT" in statements_during(small, turn(small, "ben", clock, "why?", "b"))


def test_a_long_conversation_is_read_from_the_file_each_turn(tmp_path):
    store = store_at(tmp_path / "c.sqlite", CachedSQLTrackerStore, cache_max_events=20)
    clock = Clock()
    asyncio.run(turn(store, "ana", clock, "who?", "a"))
    asyncio.run(turn(store, "ana", clock, "why?", "b"))  # read back, then 12 events
    assert "SELECT" not in statements_during(store, turn(store, "ana", clock, "and?", "c"))
    asyncio.run(turn(store, "ana", clock, "more?", "d"))  # 22 events: more than it remembers
    assert "SELECT" in statements_during(store, turn(store, "ana", clock, "again?", "e"))
    texts = [e["text"] for e in retrieve(store, "ana") if e["event"] == "user"]
    assert texts == ["who?", "why?", "and?", "more?", "again?"]


def test_a_failed_write_is_not_remembered(tmp_path):
    db = tmp_path / "cached.sqlite"
    cached, clock = store_at(db, CachedSQLTrackerStore), Clock()
    asyncio.run(turn(cached, "ana", clock, "who?", "a"))
    asyncio.run(turn(cached, "ana", clock, "why?", "b"))
    with sqlite3.connect(db) as connection:
        connection.execute(
            "CREATE TRIGGER disk_full BEFORE INSERT ON events "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    with pytest.raises(sqlalchemy.exc.SQLAlchemyError):
        asyncio.run(turn(cached, "ana", clock, "lost turn", "x"))
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TRIGGER disk_full")

    asyncio.run(turn(cached, "ana", clock, "after the failure", "c"))
    texts = [e.text for e in asyncio.run(cached.retrieve("ana")).events if e.type_name == "user"]
    on_file = [
        e.text for e in asyncio.run(store_at(db).retrieve("ana")).events if e.type_name == "user"
    ]
    assert texts == ["who?", "why?", "after the failure"]
    assert on_file == texts
