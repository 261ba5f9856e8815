"""Rasa's Redis lock store, with every change to a lock made atomically.

Rasa's lock store gives each incoming message of a conversation a ticket and
lets the lowest ticket through first, so one conversation's messages are
handled one at a time, in arrival order, across all Rasa processes. Rasa 3.6's
RedisLockStore changes a lock by reading it, changing it in Python and writing
it back (RasaHQ/rasa#9213): two processes receiving a message of the same
conversation at the same moment both read "no lock", both issue ticket 0 and
both go ahead. tests/test_scale_out.py caught exactly that (user, user, bot,
bot stored). Here each read-change-write is one Redis transaction (WATCH /
MULTI / EXEC, retried when another process changed the lock in between); the
keys, values and waiting logic are Rasa's own.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional, Tuple

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

Change = Callable[[Optional[TicketLock]], Tuple[Any, Optional[TicketLock]]]


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket changes cannot interleave between processes."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Change) -> Any:
        """Apply `change` to the stored lock in one transaction; None deletes it."""
        key = self.key_prefix + conversation_id

        def apply(pipe: Any) -> Any:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            result, changed = change(lock)
            pipe.multi()
            if changed is None:
                pipe.delete(key)
            else:
                pipe.set(key, changed.dumps())
            return result

        return self.red.transaction(apply, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]) -> Tuple[int, TicketLock]:
            lock = lock or TicketLock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        try:
            return self._change(conversation_id, issue)
        except Exception as err:
            raise LockError(f"Error while acquiring lock. Error:\n{err}") from err

    def update_lock(self, conversation_id: str) -> None:
        def remove_expired(lock: Optional[TicketLock]) -> Tuple[None, Optional[TicketLock]]:
            if lock is not None:
                lock.remove_expired_tickets()
            return None, lock

        self._change(conversation_id, remove_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove this ticket; delete the lock when no one else is waiting."""

        def finish(lock: Optional[TicketLock]) -> Tuple[None, Optional[TicketLock]]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return None, lock if lock.is_someone_waiting() else None

        self._change(conversation_id, finish)
