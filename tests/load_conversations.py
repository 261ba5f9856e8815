"""Many simultaneous conversations over REST: right answers, no cross-talk, every event stored.

    python -m tests.load_conversations [CONVERSATIONS] [MESSAGES]    (make load: 50 x 10)

Starts its own action server and Rasa server with a fresh SQLite tracker store,
runs the conversations at once, then reads the store back and counts.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

import requests

from serving.runtime import rest_replies, running_assistant

# Questions a reader might ask, each with a fact its answer must contain.
QUESTIONS: List[Tuple[str, str]] = [
    ("who sponsors the talks?", "Russia and Turkey"),
    ("where are the talks held?", "Astana"),
    ("when do the Geneva talks start?", "February 8"),
    ("how many people have died in the war?", "400,000"),
    ("who is the UN envoy?", "de Mistura"),
    ("who represents the rebels?", "Alloush"),
    ("when did the truce start?", "December 30"),
    ("is a breakthrough expected?", "No major breakthrough"),
    ("who is George Krol?", "ambassador to Kazakhstan"),
    ("what's the weather like in Paris?", "I only know about this article"),
    ("who represents the regime?", "Jaafri"),
    ("what do the rebels want?", "release of prisoners"),
]


@dataclass
class Conversation:
    sender: str
    sent: List[str] = field(default_factory=list)
    bot_messages: int = 0
    wrong: List[str] = field(default_factory=list)


def converse(webhook: str, run: str, index: int, messages: int) -> Conversation:
    """One reader asking `messages` questions in an order of its own."""
    conversation = Conversation(sender=f"load-{run}-{index:03d}")
    for turn in range(messages):
        question, fact = QUESTIONS[(index + turn) % len(QUESTIONS)]
        conversation.sent.append(question)
        try:
            replies = rest_replies(webhook, conversation.sender, question)
        except (requests.RequestException, ValueError) as err:
            conversation.wrong.append(f"{question!r}: {err}")
            continue
        conversation.bot_messages += len(replies)
        if any(r.get("recipient_id") != conversation.sender for r in replies):
            conversation.wrong.append(f"{question!r}: a reply for another sender")
        if not replies or fact not in replies[0].get("text", ""):
            conversation.wrong.append(f"{question!r}: expected {fact!r}, got {replies[:1]}")
    return conversation


def stored_events(db: Path) -> Dict[str, Dict[str, object]]:
    """Per sender: the user texts and the number of bot messages in the tracker store."""
    stored: Dict[str, Dict[str, object]] = {}
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT sender_id, type_name, data FROM events ORDER BY id"
        ).fetchall()
    for sender, type_name, data in rows:
        entry = stored.setdefault(sender, {"user": [], "bot": 0, "events": 0})
        entry["events"] += 1
        if type_name == "user":
            entry["user"].append(json.loads(data).get("text"))
        elif type_name == "bot":
            entry["bot"] += 1
    return stored


def run_load(webhook: str, db: Path, conversations: int, messages: int) -> Dict[str, object]:
    """Run the conversations at once and check answers and the store; returns a report."""
    run = uuid.uuid4().hex[:8]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=conversations) as pool:
        results = list(
            pool.map(lambda i: converse(webhook, run, i, messages), range(conversations))
        )
    elapsed = time.monotonic() - started
    # Only this run's conversations: the store may hold others.
    stored = {k: v for k, v in stored_events(db).items() if k.startswith(f"load-{run}-")}
    problems = [f"{c.sender} {w}" for c in results for w in c.wrong]
    for c in results:
        kept = stored.get(c.sender, {"user": [], "bot": 0})
        if kept["user"] != c.sent:
            problems.append(f"{c.sender}: stored user messages {kept['user']} != sent {c.sent}")
        if kept["bot"] != c.bot_messages:
            problems.append(f"{c.sender}: stored {kept['bot']} bot messages, got {c.bot_messages}")
    return {
        "conversations": conversations,
        "messages_each": messages,
        "messages_sent": sum(len(c.sent) for c in results),
        "bot_messages_received": sum(c.bot_messages for c in results),
        "stored_events": sum(s["events"] for s in stored.values()),
        "stored_user_events": sum(len(s["user"]) for s in stored.values()),
        "stored_bot_events": sum(s["bot"] for s in stored.values()),
        "seconds": round(elapsed, 1),
        "problems": problems,
    }


def main(argv: List[str]) -> int:
    conversations = int(argv[0]) if argv else 50
    messages = int(argv[1]) if len(argv) > 1 else 10
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        print("Starting the action server and Rasa server ...", flush=True)
        with running_assistant(Path(tmp)) as assistant:
            print(f"Running {conversations} conversations x {messages} messages ...", flush=True)
            report = run_load(assistant.webhook, assistant.tracker_db, conversations, messages)
    for key, value in report.items():
        if key != "problems":
            print(f"{key:>22}: {value}")
    for problem in report["problems"][:20]:
        print(f"PROBLEM: {problem}")
    print(
        "OK: every answer right, no cross-talk, every event stored."
        if not report["problems"]
        else f"FAILED: {len(report['problems'])} problems"
    )
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
