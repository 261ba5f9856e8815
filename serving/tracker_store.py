"""Conversations kept in SQLite, without re-reading the database on every turn.

Rasa's SQLTrackerStore runs two queries per message before it writes (read the
conversation, then count what is already stored) and builds both through the
ORM. That was a third of the Rasa server's time per message in `make bench`
(py-spy), more than understanding and answering together.

`CachedSQLTrackerStore` writes every new event to the same table, in the same
format, before the reply goes out, so a restarted server (or `sqlite3`) finds
every conversation as before. It also keeps the stored events of recent
conversations in memory (as the JSON text it wrote), so the next turn is built
from them instead of from a query, and it knows how many events are stored
without counting them.

It assumes one Rasa process writes the database file, which is how `make chat`
and `make web` run. With `cache_size: 0` in endpoints.yml it reads the database
on every turn, for setups where several processes share one file.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Text, Type

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import all_subclasses

# Memory bound: at most this many conversations of at most this many events
# are remembered (about 1.4 KB of JSON per event: 84 MB at the very most, a
# few MB for readers' usual 10 to 20 messages). Longer conversations are read
# from the file on each turn, as Rasa's store does.
DEFAULT_CACHE_SIZE = 200
DEFAULT_CACHE_MAX_EVENTS = 300


class CachedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that remembers what it stored, so a turn costs one insert."""

    def __init__(
        self,
        *args: Any,
        cache_size: int = DEFAULT_CACHE_SIZE,
        cache_max_events: int = DEFAULT_CACHE_MAX_EVENTS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cache_size = max(0, int(cache_size))
        self.cache_max_events = max(0, int(cache_max_events))
        # Per conversation, its latest session's events as the JSON stored for them.
        self._conversations: "OrderedDict[Text, List[str]]" = OrderedDict()
        self._insert = self.SQLEvent.__table__.insert()
        # Rasa looks an event's class up by walking every Event subclass, for each
        # event it reads; that walk was a tenth of the server's time per message.
        self._event_classes: Dict[str, Type[Event]] = {}
        for event_class in all_subclasses(Event):
            self._event_classes.setdefault(event_class.type_name, event_class)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The conversation's latest session, from memory when this process stored it."""
        stored = self._conversations.get(sender_id)
        if stored is None:
            tracker = await super().retrieve(sender_id)
            if tracker is not None:
                self._remember(sender_id, [json.dumps(e.as_dict()) for e in tracker.events])
            return tracker
        self._conversations.move_to_end(sender_id)
        events = [self._event(json.loads(text)) for text in stored]
        events = [event for event in events if event is not None]
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Insert the events the database does not have yet, then remember them."""
        stored = self._conversations.get(tracker.sender_id)
        if stored is None:
            # A conversation this process has not read yet: Rasa counts what is stored.
            await super().save(tracker)
            return

        await self.stream_events(tracker)
        # Like Rasa's store: whatever follows the number of events already stored
        # (a tracker the HTTP API replaced with fewer events adds nothing).
        new_events = list(tracker.events)[len(stored) :]
        rows = [self._row(tracker.sender_id, event) for event in new_events]
        if rows:
            with self.session_scope() as session:
                session.execute(self._insert, rows)
                session.commit()
        if any(isinstance(event, SessionStarted) for event in new_events):
            # A new session began: the next read must start at it, as Rasa's does.
            self._conversations.pop(tracker.sender_id, None)
            return
        self._remember(tracker.sender_id, stored + [row["data"] for row in rows])

    def _event(self, parameters: Dict[str, Any]) -> Optional[Event]:
        """The event a stored row describes (as Rasa's Event.from_parameters does)."""
        event_class = self._event_classes.get(parameters.get("event"))
        if event_class is None:
            return Event.from_parameters(parameters)
        return event_class._from_parameters(parameters)

    def _remember(self, sender_id: Text, events: List[str]) -> None:
        if len(events) > self.cache_max_events:
            self._conversations.pop(sender_id, None)
            return
        self._conversations[sender_id] = events
        self._conversations.move_to_end(sender_id)
        while len(self._conversations) > self.cache_size:
            self._conversations.popitem(last=False)

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
