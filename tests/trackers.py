"""Real rasa_sdk Trackers as Rasa sends them to the action server, for the action tests."""

from __future__ import annotations

from typing import Dict, Optional

from rasa_sdk import Tracker


def tracker(
    intent: str = "greet",
    topic: Optional[str] = None,
    last_entry: Optional[str] = None,
    text: str = "",
    slots: Optional[Dict[str, Optional[str]]] = None,
) -> Tracker:
    """The tracker after a reader's message: its text, intent, topic entity and slots."""
    entities = [{"entity": "topic", "value": topic}] if topic else []
    return Tracker(
        sender_id="reader",
        slots={"last_entry": last_entry, **(slots or {})},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": entities,
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
