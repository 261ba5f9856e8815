"""The maintainer's inbox: what readers asked that got no real answer.

    python -m serving.report [--since YYYY-MM-DD] [--limit N]      (make report)

Reads the configured tracker store (endpoints.yml's SQLite file by default;
ENDPOINTS=endpoints.scale-out.yml for PostgreSQL) and lists every reader
question whose reply was a request to rephrase or to say about what, "the
article doesn't say" (whole or in part), an off-topic decline, an unknown
name, or the apology for a failed action server. Each reply's kind is stored
with it by the actions (BotUttered metadata, never shown to readers).
Questions are grouped by their normalised text, with how often and when they
were asked, what the model guessed (intent and confidence), and the entry the
reader reached next, if any: the answer they were after, often. Answered
questions are not listed. Prints a table and writes build/report.csv and
build/report.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import textwrap
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

import sqlalchemy as sa

from actions.context import LAST_ENTRY_SLOT
from actions.replies import REPLY_KIND, UNANSWERED
from serving.action_guard import APOLOGY
from serving.conversations import EVENTS, ROOT, StoreError, store_engine

OUTPUT = ROOT / "build"
ACTION_SERVER_FAILED = "action_server_failed"
KIND_LABELS = {
    "rephrase": "asked to rephrase",
    "clarify": "asked what about",
    "not_said": "article doesn't say",
    "partial": "article says only part",
    "off_topic": "declined as off-topic",
    "unknown_name": "unknown name",
    ACTION_SERVER_FAILED: "action server failed",
}
COLUMNS = (
    "question",
    "count",
    "first_seen",
    "last_seen",
    "reply",
    "intent",
    "confidence",
    "reached_next",
)


@dataclass
class Unanswered:
    """One question text that went unanswered, over every time it was asked."""

    question: str
    count: int = 0
    first_seen: float = float("inf")
    last_seen: float = 0.0
    replies: Counter = field(default_factory=Counter)
    intents: Counter = field(default_factory=Counter)
    confidences: List[float] = field(default_factory=list)
    reached: Counter = field(default_factory=Counter)

    def row(self) -> Dict[str, str]:
        intent = self.intents.most_common(1)[0][0] if self.intents else ""
        return {
            "question": self.question,
            "count": str(self.count),
            "first_seen": _when(self.first_seen),
            "last_seen": _when(self.last_seen),
            "reply": ", ".join(KIND_LABELS.get(k, k) for k, _ in self.replies.most_common()),
            "intent": intent or "",
            "confidence": f"{sum(self.confidences) / len(self.confidences):.2f}"
            if self.confidences
            else "",
            "reached_next": ", ".join(e for e, _ in self.reached.most_common(2)),
        }


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d %H:%M")


def normalised(text: str) -> str:
    """Case, spacing and end punctuation do not make a different question."""
    return re.sub(r"\s+", " ", text.lower()).strip().rstrip("?!. ").strip()


@dataclass
class _Turn:
    text: str
    timestamp: float
    intent: Optional[str]
    confidence: Optional[float]
    kind: Optional[str] = None
    entry: Optional[str] = None


def _guess(parse_data: Dict) -> Dict:
    """The model's own best intent: under `nlu_fallback` (too unsure), the one it ranked first."""
    intent = parse_data.get("intent") or {}
    if intent.get("name") == "nlu_fallback":
        ranked = [
            i for i in parse_data.get("intent_ranking") or [] if i.get("name") != "nlu_fallback"
        ]
        return ranked[0] if ranked else intent
    return intent


def _turns(rows: Iterable[sa.engine.Row]) -> Dict[str, List[_Turn]]:
    """Per reader, each message with the kind of reply it got and the entry it reached."""
    turns: Dict[str, List[_Turn]] = {}
    for row in rows:
        data = json.loads(row.data)
        mine = turns.setdefault(row.sender_id, [])
        if row.type_name == "user":
            text = data.get("text") or ""
            if text.startswith("/"):
                mine.append(_Turn("", row.timestamp or 0, None, None, kind="button"))
                continue
            intent = _guess(data.get("parse_data") or {})
            mine.append(
                _Turn(text, row.timestamp or 0, intent.get("name"), intent.get("confidence"))
            )
        elif not mine:
            continue
        elif row.type_name == "bot":
            kind = (data.get("metadata") or {}).get(REPLY_KIND)
            if data.get("text") == APOLOGY:
                kind = ACTION_SERVER_FAILED
            if kind and mine[-1].kind in (None, "answer"):
                mine[-1].kind = kind
        elif row.type_name == "slot" and data.get("name") == LAST_ENTRY_SLOT and data.get("value"):
            mine[-1].entry = data["value"]
    return turns


def unanswered(engine: sa.engine.Engine, since: Optional[float] = None) -> List[Unanswered]:
    """Every unanswered question since `since` (epoch seconds), most asked first."""
    query = sa.select(
        EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data
    ).where(EVENTS.c.type_name.in_(("user", "bot", "slot")))
    if since is not None:
        query = query.where(EVENTS.c.timestamp >= since)
    query = query.order_by(EVENTS.c.sender_id, EVENTS.c.id)
    with engine.connect() as connection:
        by_reader = _turns(connection.execute(query))

    groups: Dict[str, Unanswered] = {}
    for turns in by_reader.values():
        for index, turn in enumerate(turns):
            if turn.kind not in UNANSWERED and turn.kind != ACTION_SERVER_FAILED:
                continue
            key = normalised(turn.text)
            group = groups.setdefault(key, Unanswered(question=key))
            group.count += 1
            group.first_seen = min(group.first_seen, turn.timestamp)
            group.last_seen = max(group.last_seen, turn.timestamp)
            group.replies[turn.kind] += 1
            if turn.intent:
                group.intents[turn.intent] += 1
            if turn.confidence is not None:
                group.confidences.append(float(turn.confidence))
            later = [t.entry for t in turns[index + 1 :] if t.entry]
            if later:
                group.reached[later[0]] += 1
    return sorted(groups.values(), key=lambda g: (-g.count, -g.last_seen, g.question))


def write_csv(rows: List[Dict[str, str]], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def markdown(rows: List[Dict[str, str]], title: str) -> str:
    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", " ")

    lines = [f"# {title}", "", "| " + " | ".join(COLUMNS) + " |"]
    lines.append("| " + " | ".join("---" for _ in COLUMNS) + " |")
    lines += ["| " + " | ".join(cell(row[c]) for c in COLUMNS) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def terminal_table(rows: List[Dict[str, str]], width: int) -> str:
    """Each question whole (wrapped to `width`), its figures on the line below."""
    lines = []
    for row in rows:
        count = f"{row['count']}x"
        lines += textwrap.wrap(
            row["question"], width, initial_indent=f"{count:>5}  ", subsequent_indent=" " * 7
        ) or [f"{count:>5}  "]
        details = [row["reply"], f"guessed {row['intent'] or '-'} ({row['confidence'] or '-'})"]
        details.append(f"first {row['first_seen']}, last {row['last_seen']}")
        if row["reached_next"]:
            details.append(f"then reached: {row['reached_next']}")
        lines += textwrap.wrap(
            " · ".join(details), width, initial_indent=" " * 7, subsequent_indent=" " * 7
        )
    return "\n".join(lines)


def parse_since(value: str) -> float:
    try:
        day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--since takes a date such as 2026-01-31, not {value!r}")
    return day.timestamp()


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="make report", description=__doc__.split("\n")[0])
    parser.add_argument("--since", type=parse_since, help="only questions from this date (UTC)")
    parser.add_argument("--limit", type=int, default=50, help="at most N rows (default 50)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="folder for CSV and markdown")
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit must be at least 1")
    warnings.simplefilter("ignore")
    try:
        groups = unanswered(store_engine(), args.since)
    except (StoreError, sa.exc.SQLAlchemyError) as err:
        print(f"error: cannot read the conversations: {err}", file=sys.stderr)
        return 1
    rows = [group.row() for group in groups[: args.limit]]
    args.output.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = args.output / "report.csv", args.output / "report.md"
    write_csv(rows, csv_path)
    asked = sum(g.count for g in groups)
    title = f"Unanswered questions: {len(groups)} distinct, asked {asked} times"
    md_path.write_text(markdown(rows, title), encoding="utf-8")
    print(title + (f" (showing {len(rows)})" if len(rows) < len(groups) else ""))
    if rows:
        print(terminal_table(rows, shutil.get_terminal_size((120, 24)).columns))
    shown = [
        path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for path in (csv_path, md_path)
    ]
    print(f"\nWritten: {shown[0]}, {shown[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
