"""Rasa's socket.io channel with the fixes a public chat widget needs.

Rasa 3.6's own channel (rasa.core.channels.socketio) is used as is for the
protocol: events `user_uttered` / `bot_uttered`, `session_request` /
`session_confirm`, rooms per session id. This subclass changes three things:

- Origins: Rasa switches socket.io's own origin check off (Sanic's CORS
  headers, from `rasa run --cors`, cover plain HTTP), but browsers apply no
  CORS to websockets, so any web page could chat through it. Here a browser
  connection whose Origin is not in CHAT_ALLOWED_ORIGINS is refused.
- `enter_room` is awaited when python-socketio makes it a coroutine (5.10+),
  instead of being dropped, which left widgets connected but never answered.
- A malformed event (not an object, no text, no session id) gets a clear reply
  instead of an exception in the server log and silence in the widget.
"""

from __future__ import annotations

import inspect
import logging
import os
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

logger = logging.getLogger(__name__)

ALLOWED_ORIGINS_VARIABLE = "CHAT_ALLOWED_ORIGINS"
DEFAULT_ALLOWED_ORIGINS = "http://127.0.0.1:8080"
# Longer messages are cut before NLU: no question about one article needs more,
# and a 1 MB message would otherwise be featurized in full.
MAX_MESSAGE_CHARS = 2000
MAX_SESSION_ID_CHARS = 128

UNREADABLE_MESSAGE = "Sorry, I couldn't read that message. Please type your question as text."
NO_SESSION = "Sorry, this chat lost its session. Please reload the page."


def allowed_origins() -> List[str]:
    """The web origins allowed to open a chat connection, from the environment."""
    raw = os.environ.get(ALLOWED_ORIGINS_VARIABLE, DEFAULT_ALLOWED_ORIGINS)
    return [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]


def valid_session_id(value: Any) -> Optional[str]:
    """A session id the widget may use, or None for a missing or unusable one."""
    if isinstance(value, str) and 0 < len(value) <= MAX_SESSION_ID_CHARS and value.isprintable():
        return value
    return None


class SocketIOChannel(SocketIOInput):
    """Rasa's socket.io input channel, restricted to known origins and robust to bad events."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        origins = allowed_origins()
        # [] leaves CORS headers to Sanic (rasa run --cors); two sets would break polling.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        blueprint = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        logger.info("socket.io chat accepts connections from: %s", ", ".join(origins))

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Any = None) -> bool:
            # Only browsers send Origin; other clients are not subject to CORS anyway.
            origin = environ.get("HTTP_ORIGIN")
            if origin is not None and origin.rstrip("/") not in origins:
                logger.warning("Refused a chat connection from origin %r", origin)
                return False
            return True

        async def reply(sid: Text, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=self.namespace)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = valid_session_id(requested) or uuid.uuid4().hex
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                await reply(sid, UNREADABLE_MESSAGE)
                return
            if self.session_persistence:
                sender_id = valid_session_id(data.get("session_id"))
                if sender_id is None:
                    await reply(sid, NO_SESSION)
                    return
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key)
            message = UserMessage(
                data["message"][:MAX_MESSAGE_CHARS],
                SocketIOOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            await on_new_message(message)

        return blueprint
