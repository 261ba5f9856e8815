"""The windowed tracker store stores what Rasa's own SQL store stores, and reads back less.

Each test plays the same turns through Rasa's SQLTrackerStore and through
WindowedSQLTrackerStore, on separate database files, with real trackers and
events, and compares the rows stored and what a reader's next turn gets.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Coroutine, Dict, List, Optional

import pytest
import sqlalchemy
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
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
from serving.tracker_store import ConversationStoreUnavailable, WindowedSQLTrackerStore

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


async def long_conversation(store: SQLTrackerStore, clock: Clock) -> None:
    for number in range(40):
        await turn(store, "ana", clock, f"question {number}", f"entry {number}")
        await turn(store, "ben", clock, f"question {number}", f"entry {number}")


def retrieve(store: SQLTrackerStore, sender: str) -> List[Dict]:
    return as_dicts(asyncio.run(store.retrieve(sender)))


def windowed(db: Path, window_events: int = 80) -> WindowedSQLTrackerStore:
    return store_at(db, WindowedSQLTrackerStore, window_events=window_events)


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(three_readers, id="three readers"),
        pytest.param(new_session_midway, id="a new session midway"),
        pytest.param(replaced_conversation, id="events replaced through the API"),
        pytest.param(long_conversation, id="conversations longer than the window"),
    ],
)
@pytest.mark.parametrize("window_events", [12, 80])
def test_stores_every_event_rasas_own_store_stores(tmp_path, script, window_events):
    rasa_db, windowed_db = tmp_path / "rasa.sqlite", tmp_path / "windowed.sqlite"
    play([store_at(rasa_db), windowed(windowed_db, window_events)], script)

    assert len(rows(rasa_db)) > 0
    assert rows(windowed_db) == rows(rasa_db)


@pytest.mark.parametrize("script", [three_readers, new_session_midway, replaced_conversation])
def test_a_short_conversation_is_read_back_whole(tmp_path, script):
    rasa_db, windowed_db = tmp_path / "rasa.sqlite", tmp_path / "windowed.sqlite"
    rasa_store, store = store_at(rasa_db), windowed(windowed_db)
    play([rasa_store, store], script)
    for reader in {row[0] for row in rows(rasa_db)}:
        assert retrieve(store, reader) == retrieve(rasa_store, reader)


def test_a_long_conversation_is_read_back_as_its_recent_turns_and_slots(tmp_path):
    rasa_store, store = store_at(tmp_path / "rasa.sqlite"), windowed(tmp_path / "w.sqlite", 20)
    play([rasa_store, store], long_conversation)

    whole = asyncio.run(rasa_store.retrieve("ana"))
    recent = asyncio.run(store.retrieve("ana"))
    assert len(whole.events) > 200
    assert len(recent.events) <= 20 + len(DOMAIN.slots)
    # The slots a turn sees are those the whole history gives.
    assert recent.current_slot_values() == whole.current_slot_values()
    assert recent.get_slot("last_entry") == "entry 39"
    # The window starts at a turn boundary and ends where the conversation does.
    first_after_slots = next(e for e in recent.events if e.type_name != "slot")
    assert first_after_slots.as_dict()["name"] == "action_listen"
    tail = as_dicts(recent)[-10:]
    assert tail == as_dicts(whole)[-10:]
    users = [e.text for e in recent.events if e.type_name == "user"]
    assert users[-1] == "question 39" and "question 0" not in users


@pytest.mark.parametrize("domain_later", [False, True], ids=["domain given", "domain set later"])
def test_a_slot_set_long_ago_is_still_set(tmp_path, domain_later):
    store, clock = windowed(tmp_path / "w.sqlite", 12), Clock()
    if domain_later:
        # `rasa run` creates the store without a domain and sets it once the model is loaded.
        store = WindowedSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "w.sqlite"))
        store.window_events = 12
        store.domain = DOMAIN
    asyncio.run(turn(store, "ana", clock, "who?", "a"))
    for number in range(10):
        # Turns that set no slot push "last_entry = a" out of the window.
        tracker = asyncio.run(store.retrieve("ana"))
        for event in answer_turn(clock, f"chat {number}", "ignored")[:3]:
            tracker.update(event)
        tracker.update(ActionExecuted("action_listen", timestamp=clock()))
        asyncio.run(store.save(tracker))

    tracker = asyncio.run(store.retrieve("ana"))
    assert "who?" not in [e.text for e in tracker.events if e.type_name == "user"]
    assert tracker.get_slot("last_entry") == "a"


def test_the_next_turn_starts_at_the_latest_session(tmp_path):
    store = windowed(tmp_path / "w.sqlite")
    asyncio.run(new_session_midway(store, Clock()))
    tracker = asyncio.run(store.retrieve("ana"))
    assert tracker.get_slot("last_entry") == "d"
    users = [e.text for e in tracker.events if e.type_name == "user"]
    assert users == ["what now?", "tell me more"]


def test_two_processes_can_serve_one_conversation_in_turn(tmp_path):
    db = tmp_path / "shared.sqlite"
    first, second, clock = windowed(db, 20), windowed(db, 20), Clock()
    for number in range(12):
        store = first if number % 2 else second
        asyncio.run(turn(store, "ana", clock, f"question {number}", f"entry {number}"))
        # The other process sees this turn at once: nothing is cached per process.
        other = second if number % 2 else first
        assert asyncio.run(other.retrieve("ana")).get_slot("last_entry") == f"entry {number}"

    stored_users = [r[5] for r in rows(db) if r[1] == "user"]
    assert len(stored_users) == 12 == len(set(stored_users))


def statements_during(store: SQLTrackerStore, work: Coroutine) -> List[str]:
    """Every SQL statement the store runs while `work` runs."""
    statements: List[str] = []

    def record(conn, cursor, statement, *rest) -> None:
        statements.append(statement)

    sqlalchemy.event.listen(store.engine, "before_cursor_execute", record)
    asyncio.run(work)
    sqlalchemy.event.remove(store.engine, "before_cursor_execute", record)
    return statements


def test_turn_100_runs_the_same_queries_as_turn_10(tmp_path):
    store, clock = windowed(tmp_path / "w.sqlite", 30), Clock()
    for number in range(100):
        work = turn(store, "ana", clock, f"question {number}", "e")
        if number == 9:
            at_ten = statements_during(store, work)
        elif number == 99:
            at_hundred = statements_during(store, work)
        else:
            asyncio.run(work)
    # No count of the stored events, no read of the whole conversation.
    assert at_hundred == at_ten
    assert not any("count(" in statement.lower() for statement in at_hundred)


def test_an_unreachable_database_is_an_error_not_a_new_conversation(tmp_path):
    db = tmp_path / "w.sqlite"
    store, clock = windowed(db), Clock()
    asyncio.run(turn(store, "ana", clock, "who?", "a"))
    # Rasa wraps every store in FailSafeTrackerStore, which would otherwise start
    # an empty conversation and keep the turn in this process's memory.
    guarded = FailSafeTrackerStore(store)
    with sqlite3.connect(db) as connection:
        connection.execute("ALTER TABLE events RENAME TO events_elsewhere")
    with pytest.raises(ConversationStoreUnavailable):
        asyncio.run(guarded.retrieve("ana"))
    with pytest.raises(ConversationStoreUnavailable):
        asyncio.run(guarded.save(DialogueStateTracker("ana", DOMAIN.slots)))

    with sqlite3.connect(db) as connection:
        connection.execute("ALTER TABLE events_elsewhere RENAME TO events")
    assert asyncio.run(guarded.retrieve("ana")).get_slot("last_entry") == "a"


def test_a_failed_write_loses_nothing_stored_before(tmp_path):
    db = tmp_path / "w.sqlite"
    store, clock = windowed(db), Clock()
    asyncio.run(turn(store, "ana", clock, "who?", "a"))
    asyncio.run(turn(store, "ana", clock, "why?", "b"))
    with sqlite3.connect(db) as connection:
        connection.execute(
            "CREATE TRIGGER disk_full BEFORE INSERT ON events "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    with pytest.raises(ConversationStoreUnavailable):
        asyncio.run(turn(store, "ana", clock, "lost turn", "x"))
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TRIGGER disk_full")

    asyncio.run(turn(store, "ana", clock, "after the failure", "c"))
    texts = [e.text for e in asyncio.run(store.retrieve("ana")).events if e.type_name == "user"]
    on_file = [
        e.text for e in asyncio.run(store_at(db).retrieve("ana")).events if e.type_name == "user"
    ]
    assert texts == ["who?", "why?", "after the failure"]
    assert on_file == texts
