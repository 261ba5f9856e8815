"""One reader, one conversation of 300 turns: does turn 300 cost what turn 10 did?

    python -m bench.long_conversation WEBHOOK_URL [TURNS]

Used by `make bench` (for the assistant and the starter bot) and by the tests
(turn 300 must still answer a follow-up about turn 299). The messages cycle
through questions and the follow-ups readers ask after them, so context is
used all along; the cycle is arranged so the last two turns are a question
and a follow-up that leans on it.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

import requests

TURNS = 300
BLOCK = 25

# (message, a fact its answer must contain, or None where any answer will do).
CYCLE: Sequence[Tuple[str, str | None]] = (
    ("who leads the rebel delegation?", "Alloush"),
    ("and the regime?", "Jaafri"),
    ("tell me more", None),
    ("who sponsors the talks?", "Russia and Turkey"),
    ("why?", None),
    ("source?", None),
    ("where are the talks held?", "Astana"),
    ("when?", None),
    ("what happened to eastern aleppo?", None),
    ("who is George Krol?", "Krol"),
    ("where is he ambassador?", "Kazakhstan"),
)


def message(turn: int, turns: int) -> Tuple[str, str | None]:
    """The message for turn `turn` (0-based), ending on the cycle's last two messages."""
    offset = (len(CYCLE) - turns % len(CYCLE)) % len(CYCLE)
    return CYCLE[(turn + offset) % len(CYCLE)]


@dataclass
class LongConversation:
    """Per-turn latency of one conversation, and the turns whose answer missed its fact."""

    latencies_ms: List[float] = field(default_factory=list)
    wrong: List[str] = field(default_factory=list)
    last_reply: str = ""

    def block_median(self, first_turn: int) -> float:
        """Median latency (ms) of BLOCK turns from `first_turn` (1-based)."""
        block = self.latencies_ms[first_turn - 1 : first_turn - 1 + BLOCK]
        return round(statistics.median(block), 1)

    def summary(self) -> dict:
        turns = len(self.latencies_ms)
        first, last = self.block_median(1), self.block_median(turns - BLOCK + 1)
        return {
            "turns": turns,
            "first_block_p50_ms": first,
            "last_block_p50_ms": last,
            "ratio": round(last / first, 2),
            "wrong_answers": len(self.wrong),
            "last_reply": self.last_reply,
        }


def run(
    webhook: str, turns: int = TURNS, messages: Optional[Callable[[int], str]] = None
) -> LongConversation:
    """Ask `turns` messages in one conversation over REST, timing each.

    `messages` replaces the assistant's cycle (for another bot); facts are then not checked.
    """
    sender = f"long-{uuid.uuid4().hex[:8]}"
    result = LongConversation()
    with requests.Session() as session:
        for turn in range(turns):
            text, fact = (messages(turn), None) if messages else message(turn, turns)
            started = time.perf_counter()
            response = session.post(webhook, json={"sender": sender, "message": text}, timeout=120)
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            reply = " ".join(r.get("text", "") for r in response.json() if r.get("text"))
            result.last_reply = reply
            if fact and fact not in reply:
                result.wrong.append(f"turn {turn + 1} {text!r}: {reply[:120]!r}")
    return result


if __name__ == "__main__":
    count = int(sys.argv[2]) if len(sys.argv) > 2 else TURNS
    print(json.dumps(run(sys.argv[1], count).summary(), indent=2))
