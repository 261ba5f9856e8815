"""Delete conversations: one reader's on request, or all those older than the retention period.

    python -m serving.conversations forget SENDER_ID      (make forget SENDER=...)
    python -m serving.conversations expire [--days N]     (make expire; N from RETENTION_DAYS)

Both act on the tracker store that the endpoints file configures (endpoints.yml,
SQLite, by default; ENDPOINTS=endpoints.scale-out.yml for PostgreSQL, with the
same environment variables the servers use), while the servers keep running:
a turn reads the conversation from the database, so a deleted reader who comes
back simply starts a new conversation. A conversation is older than the
retention period when its latest event is: an active reader's early messages
are not cut out of their conversation.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path
from typing import Optional, Sequence

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.utils.endpoints import read_endpoint_config

ROOT = Path(__file__).resolve().parent.parent
RETENTION_VARIABLE = "RETENTION_DAYS"
ENDPOINTS_VARIABLE = "ENDPOINTS"
# The table Rasa's SQL tracker store (and serving/tracker_store.py) writes.
EVENTS = SQLTrackerStore.SQLEvent.__table__


class StoreError(Exception):
    """The tracker store is not configured or cannot be reached."""


def endpoints_file() -> Path:
    return Path(os.environ.get(ENDPOINTS_VARIABLE) or ROOT / "endpoints.yml")


def store_engine(endpoints: Optional[Path] = None) -> sa.engine.Engine:
    """An engine on the database of the configured SQL tracker store."""
    endpoints = endpoints or endpoints_file()
    try:
        config = read_endpoint_config(str(endpoints), "tracker_store")
    except Exception as err:  # Rasa raises a bare error for an unset ${VARIABLE}
        raise StoreError(f"{endpoints}: {err}") from err
    if config is None:
        raise StoreError(f"{endpoints} has no tracker_store")
    options = config.kwargs
    # The same keys Rasa's SQL tracker store reads from the endpoints file.
    login = {key: options.get(key) for key in ("port", "username", "password")}
    url = SQLTrackerStore.get_db_url(
        dialect=options.get("dialect", "sqlite"),
        host=config.url,
        db=options.get("db", "rasa.db"),
        **login,
    )
    return sa.create_engine(url)


def retention_days(argument: Optional[float]) -> Optional[float]:
    """The retention period: the argument, else RETENTION_DAYS, else none (keep everything)."""
    if argument is not None:
        return argument
    raw = os.environ.get(RETENTION_VARIABLE, "").strip()
    if not raw:
        return None
    try:
        days = float(raw)
    except ValueError:
        raise StoreError(f"{RETENTION_VARIABLE} must be a number of days, not {raw!r}")
    return days


def forget(engine: sa.engine.Engine, sender_id: str) -> int:
    """Delete every event of one conversation; the number of events deleted."""
    with engine.begin() as connection:
        return connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount


def expire(engine: sa.engine.Engine, days: float, now: Optional[float] = None) -> dict:
    """Delete the conversations whose latest event is older than `days` days."""
    cutoff = (now if now is not None else time.time()) - days * 86400
    latest = (
        sa.select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(sa.func.max(EVENTS.c.timestamp) < cutoff)
    )
    with engine.begin() as connection:
        senders = [row.sender_id for row in connection.execute(latest)]
        deleted = 0
        for start in range(0, len(senders), 500):
            chunk = senders[start : start + 500]
            deleted += connection.execute(
                sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk))
            ).rowcount
    return {"conversations": len(senders), "events": deleted}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m serving.conversations", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("forget", help="delete one reader's conversation")
    one.add_argument("sender_id")
    old = commands.add_parser("expire", help="delete conversations older than the retention")
    old.add_argument("--days", type=float, help=f"default: ${RETENTION_VARIABLE}")
    args = parser.parse_args(argv)
    # Library deprecation notices are not the site owner's business here.
    warnings.simplefilter("ignore")
    try:
        engine = store_engine()
        if args.command == "forget":
            count = forget(engine, args.sender_id)
            if count == 0:
                print(f"No conversation with sender id {args.sender_id!r}; nothing deleted.")
            else:
                print(f"Deleted the conversation of {args.sender_id!r} ({count} events).")
            return 0
        days = retention_days(args.days)
        if days is None:
            print(
                f"No retention period: set {RETENTION_VARIABLE} (days) or --days. Nothing deleted."
            )
            return 0
        if days < 0:
            raise StoreError("the retention period cannot be negative")
        result = expire(engine, days)
        print(
            f"Deleted {result['conversations']} conversation(s) inactive for more than "
            f"{days:g} days ({result['events']} events)."
        )
        return 0
    except (StoreError, sa.exc.SQLAlchemyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
