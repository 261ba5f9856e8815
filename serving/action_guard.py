"""Answer with an apology, in the same turn, when the action server is down or too slow.

Rasa 3.6 logs a failed custom-action call and sends the user nothing, after
waiting up to 300 seconds. Every answer here comes from a custom action, so
that would be silence. `install()` wraps Rasa's RemoteAction so that:

- the call times out after ACTION_TIMEOUT_SECONDS (default 5);
- a refused connection, a timeout or an error status gives the reader an
  apology instead of nothing; the conversation then goes on as usual, and the
  next message is answered normally once the action server is back.

It also validates the action server's reply with a validator built once:
Rasa 3.6 calls `jsonschema.validate` on every reply, which re-checks the schema
itself each time and was over a third of the Rasa server's CPU per message
(py-spy, `make bench`).

Rasa offers no setting for any of this, so this is a small, explicit patch,
installed by the channels module that `credentials.yml` names.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, List

import aiohttp
import rasa.core.actions.action as rasa_actions
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.shared.core.events import BotUttered, Event
from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)

ACTION_TIMEOUT_ENV = "ACTION_TIMEOUT_SECONDS"
DEFAULT_ACTION_TIMEOUT_SECONDS = 5.0
APOLOGY = (
    "Sorry, I can't look up the answer right now: part of me is not responding. "
    "Please try again in a moment."
)


def action_timeout_seconds() -> float:
    """The custom-action call timeout from the environment, or the default."""
    raw = os.environ.get(ACTION_TIMEOUT_ENV, "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_ACTION_TIMEOUT_SECONDS
    return value if value > 0 else DEFAULT_ACTION_TIMEOUT_SECONDS


def install() -> None:
    """Patch Rasa's RemoteAction once per process: short timeout, apology on failure."""
    remote = rasa_actions.RemoteAction
    if getattr(remote.run, "_apologises", False):
        return
    original_run = remote.run
    # RemoteAction.run reads this module global for its request timeout.
    rasa_actions.DEFAULT_REQUEST_TIMEOUT = action_timeout_seconds()

    async def run_or_apologise(self: Any, *args: Any, **kwargs: Any) -> List[Event]:
        try:
            return await original_run(self, *args, **kwargs)
        except rasa_actions.ActionExecutionRejection:
            raise
        except (RasaException, aiohttp.ClientError, asyncio.TimeoutError) as err:
            logger.error(
                "Action server failed for %s (%s); the reader gets an apology.",
                self.name(),
                err.__class__.__name__,
            )
            return [BotUttered(text=APOLOGY)]

    run_or_apologise._apologises = True  # type: ignore[attr-defined]
    remote.run = run_or_apologise

    spec = remote.action_response_format_spec()
    validator_class = validator_for(spec)
    validator_class.check_schema(spec)
    validator = validator_class(spec)

    def validate_once_built(self: Any, result: Any) -> bool:
        try:
            validator.validate(result)
        except ValidationError as err:
            err.message += ". Failed to validate the action server's response."
            raise
        return True

    remote._validate_action_result = validate_once_built
    logger.info(
        "Custom actions time out after %s s and fail with an apology.",
        rasa_actions.DEFAULT_REQUEST_TIMEOUT,
    )
