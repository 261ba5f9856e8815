"""Write-ahead logging for the SQLite tracker store, so saving a turn does not wait on fsync.

Rasa's SQL tracker store commits after every message. With SQLite's defaults
(rollback journal, synchronous=FULL) each commit waits for the disk; in WAL mode
with synchronous=NORMAL a commit is an append, still safe if the process
crashes (a power cut may lose the last few messages). `make bench` measured
the difference. Rasa has no setting for SQLite pragmas, so they are set on
every new SQLite connection through SQLAlchemy's connect event.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

_installed = False


def _on_connect(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def install() -> None:
    """Apply the pragmas to every SQLite connection this process opens (once)."""
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _on_connect)
        _installed = True
