"""Rasa's SQL tracker store, reading back only a conversation's recent turns.

Rasa rebuilds the whole conversation from the database every turn, replays it
through the policies and sends all of it to the action server, so turn 300
cost eleven times turn 10 (`make bench`). py-spy at turns 200-300: 65% of the
server's time was reading and deserialising every stored event, 14% RulePolicy
re-featurising the whole history, 12% encoding it as JSON for the action server.

`WindowedSQLTrackerStore` writes exactly the rows Rasa's `type: SQL` store
writes, to the same table, so the full conversation stays stored (for the
maintainer's report, `rasa export`, analytics). A turn reads back only:

- the last `window_events` events of the latest session, starting at a turn
  boundary (an `action_listen`), which is more history than any rule or
  follow-up here looks at (every rule spans one turn; the actions read slots);
- for every slot, its latest value set earlier in the session (one query, an
  indexed lookup per slot), placed before that window, so the slots are
  exactly what the whole history would give.

Nothing is cached in the process: every turn reads the database, so several
Rasa processes can serve one conversation in turn (the Redis lock store keeps
them from doing it at the same moment). Two indexes keep both reads constant
in the length of the conversation, on SQLite and on PostgreSQL.

A database that cannot be reached raises `ConversationStoreUnavailable`, which
(unlike Rasa's default, which carries on with an empty in-memory conversation
and loses it) reaches the channel, and the reader gets an apology.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
from typing import Any, Dict, List, Optional, Text, Type

import sqlalchemy as sa
from rasa.core.tracker_store import (
    FailSafeTrackerStore,
    SQLTrackerStore,
    create_engine_kwargs,
)
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import all_subclasses

logger = logging.getLogger(__name__)

DEFAULT_WINDOW_EVENTS = 40
# The number of events a tracker had when read (window plus slot values), so
# that `save` writes only what the turn added. Set on the tracker object for
# the duration of one turn; not shared state.
_EVENTS_READ = "_windowed_store_events_read"


class ConversationStoreUnavailable(Exception):
    """The conversation database could not be read or written."""


class WindowedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose turn cost does not grow with the conversation."""

    def __init__(
        self, *args: Any, window_events: int = DEFAULT_WINDOW_EVENTS, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.window_events = max(10, int(window_events))
        url = self.engine.url
        self.engine.dispose()
        if url.get_backend_name() == "sqlite":
            # SQLAlchemy 1.4 opens a new SQLite connection for every query (NullPool);
            # opening them was a sixth of the server's time per turn (py-spy).
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_write_ahead_log)
        else:
            # A connection the database dropped (a PostgreSQL restart) is noticed and
            # replaced before use, instead of failing the reader's next turn.
            self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._insert = self.SQLEvent.__table__.insert()
        self._create_indexes()
        self._window_query = sa.text(
            "SELECT id, type_name, action_name, data FROM events "
            "WHERE sender_id = :sender ORDER BY id DESC LIMIT :limit"
        )
        # Rasa looks an event's class up by walking every Event subclass, for each
        # event it reads; that walk was a tenth of the server's time per message.
        self._event_classes: Dict[str, Type[Event]] = {}
        for event_class in all_subclasses(Event):
            self._event_classes.setdefault(event_class.type_name, event_class)

    def _create_indexes(self) -> None:
        events = self.SQLEvent.__table__
        for index in (
            sa.Index("events_sender_recent", events.c.sender_id, events.c.id),
            sa.Index(
                "events_sender_latest_of",
                events.c.sender_id,
                events.c.type_name,
                events.c.action_name,
                events.c.id,
            ),
        ):
            try:
                index.create(self.engine, checkfirst=True)
            except sa.exc.SQLAlchemyError as err:
                # Several processes starting at once race to create it; one wins.
                logger.info("Index %s not created here (%s)", index.name, err.__class__.__name__)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The latest session's recent turns, with every slot's current value."""
        try:
            rows = self._recent_rows(sender_id)
        except sa.exc.DBAPIError as err:
            raise ConversationStoreUnavailable(str(err.orig)) from err
        if not rows:
            return None
        events = [event for event in map(self._event, rows) if event is not None]
        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots)
        setattr(tracker, _EVENTS_READ, len(tracker.events))
        return tracker

    def _recent_rows(self, sender_id: Text) -> List[Dict[str, Any]]:
        """Stored events to rebuild the next turn from, oldest first."""
        with self.engine.connect() as connection:
            # Plain SQL built once: building the query objects each turn was a tenth
            # of a turn's time on PostgreSQL (py-spy).
            recent = connection.execute(
                self._window_query, {"sender": sender_id, "limit": self.window_events}
            ).all()
            recent.reverse()
            rows = [json.loads(row.data) for row in recent]
            starts = [
                i for i, row in enumerate(recent) if row.type_name == SessionStarted.type_name
            ]
            if starts:
                # Like Rasa's store: the latest session, from its SessionStarted on.
                started_at = rows[starts[-1]].get("timestamp") or 0
                return [row for row in rows if (row.get("timestamp") or 0) >= started_at]
            if len(recent) < self.window_events:
                return rows  # the whole conversation, which never started a session
            listens = [
                i
                for i, row in enumerate(recent)
                if row.type_name == ActionExecuted.type_name
                and row.action_name == ACTION_LISTEN_NAME
            ]
            first = listens[0] if listens else 0
            return self._slots_before(connection, sender_id, recent[first].id) + rows[first:]

    def _slots_before(self, connection: Any, sender_id: Text, before_id: int) -> List[Dict]:
        """Each slot's latest SlotSet in the latest session before `before_id`, in one query."""
        # The domain arrives after __init__ when `rasa run` loads the model.
        names = [slot.name for slot in self.domain.slots]
        if not names:
            return []
        params = {"sender": sender_id, "before": before_id}
        params.update({f"slot{i}": name for i, name in enumerate(names)})
        found = connection.execute(_latest_slot_values_query(len(names)), params).all()
        return [json.loads(row.data) for row in sorted(found, key=lambda row: row.id)]

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the events the turn added: the rows Rasa's store writes, in one insert."""
        read = getattr(tracker, _EVENTS_READ, None)
        try:
            if read is None:
                # A tracker this store did not read (a new conversation, or one the
                # HTTP API replaced): Rasa counts what is stored for its session.
                await super().save(tracker)
            else:
                await self.stream_events(tracker)
                rows = [
                    self._row(tracker.sender_id, event)
                    for event in itertools.islice(tracker.events, read, None)
                ]
                if rows:
                    with self.engine.begin() as connection:
                        connection.execute(self._insert, rows)
        except sa.exc.DBAPIError as err:
            raise ConversationStoreUnavailable(str(err.orig)) from err
        setattr(tracker, _EVENTS_READ, len(tracker.events))

    @staticmethod
    def _row(sender_id: Text, event: Event) -> Dict[str, Any]:
        """One `events` row, exactly as Rasa's SQLTrackerStore.save writes it."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _event(self, parameters: Dict[str, Any]) -> Optional[Event]:
        """The event a stored row describes (as Rasa's Event.from_parameters does)."""
        event_class = self._event_classes.get(parameters.get("event"))
        if event_class is None:
            return Event.from_parameters(parameters)
        return event_class._from_parameters(parameters)


@functools.lru_cache(maxsize=4)
def _latest_slot_values_query(slots: int) -> sa.sql.elements.TextClause:
    """One query for the latest SlotSet of each of `slots` slots, in the session, before an id.

    Each part is one index lookup (events_sender_latest_of); Rasa stores a
    SlotSet's slot name in the action_name column.
    """
    session_start = (
        "(SELECT COALESCE(MAX(id), 0) FROM events WHERE sender_id = :sender "
        f"AND type_name = '{SessionStarted.type_name}' AND id < :before)"
    )
    parts = [
        f"SELECT * FROM (SELECT id, data FROM events WHERE sender_id = :sender "
        f"AND type_name = '{SlotSet.type_name}' AND action_name = :slot{i} "
        f"AND id < :before AND id > {session_start} ORDER BY id DESC LIMIT 1) AS slot{i}"
        for i in range(slots)
    ]
    return sa.text(" UNION ALL ".join(parts))


def _sqlite_write_ahead_log(connection: Any, _: Any) -> None:
    """SQLite in WAL mode: a commit costs no fsync of the whole file, and readers
    (backups, reports) never block the server's writes. A power cut may lose the
    last turns, never corrupt the file."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _raise_store_unavailable(original: Any) -> Any:
    def handler(self: FailSafeTrackerStore, error: Exception) -> None:
        if isinstance(error, ConversationStoreUnavailable):
            raise error
        original(self, error)

    handler._raises_unavailable = True  # type: ignore[attr-defined]
    return handler


def install() -> None:
    """Let an unreachable database reach the channel instead of Rasa's in-memory fallback.

    Rasa wraps every tracker store in FailSafeTrackerStore, which on a failed read
    starts an empty conversation and on a failed write keeps it in this process's
    memory: the reader gets an answer without context and the turn is lost.
    """
    for name in ("on_tracker_store_error", "on_tracker_store_retrieve_error"):
        original = getattr(FailSafeTrackerStore, name)
        if not getattr(original, "_raises_unavailable", False):
            setattr(FailSafeTrackerStore, name, _raise_store_unavailable(original))


install()
