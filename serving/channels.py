"""The REST and socket.io channels, hardened for a public chat box.

Both are Rasa 3.6's own channels (same URLs, same JSON, same socket.io events),
subclassed because the originals:

- answer malformed JSON or a wrong-typed field with a 500 (REST) or an
  exception and silence (socket.io); here it is a 400 with the reason, or a
  clear bot message;
- pass empty, 1 MB, control-character and lone-surrogate messages to the
  model; here they are cleaned or answered politely (serving/input_rules.py);
- reply with nothing when a turn fails; here the reader gets an apology
  (and serving/action_guard.py makes a dead or slow action server apologise too);
  when the conversation store or the Redis lock store is down, the turn is
  refused with its own apology (REST: 503) rather than answered out of context;
- leave socket.io's origin check off: browsers apply no CORS to websockets, so
  any web page could chat through the server. Here a browser connection whose
  Origin is not in CHAT_ALLOWED_ORIGINS is refused;
- drop `enter_room`'s coroutine on python-socketio 5.10+, so widgets connect
  but are never answered; here it is awaited when it is one.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from rasa.core.lock_store import LockError
from redis.exceptions import RedisError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from serving import action_guard
from serving.input_rules import BAD_SENDER, clean_message, reply_instead, valid_sender
from serving.tracker_store import ConversationStoreUnavailable

logger = logging.getLogger(__name__)

action_guard.install()

ALLOWED_ORIGINS_VARIABLE = "CHAT_ALLOWED_ORIGINS"
DEFAULT_ALLOWED_ORIGINS = "http://127.0.0.1:8080"
# Bodies above this get Sanic's 413 before any parsing; a 1 MB message still
# reaches the channel and gets a polite "too long".
MAX_REQUEST_BYTES = 2 * 1024 * 1024

UNREADABLE_MESSAGE = "Sorry, I couldn't read that message. Please type your question as text."
NO_SESSION = "Sorry, this chat lost its session. Please reload the page."
TURN_FAILED = "Sorry, something went wrong on my side. Please ask again."
STORE_UNAVAILABLE = (
    "Sorry, I can't answer right now: I can't reach where our conversation is kept, "
    "so I would lose track of it. Please send your message again in a moment."
)
# The conversation store (PostgreSQL or SQLite) or the lock store (Redis) is down,
# or another process holds this conversation for too long: answering anyway would
# answer without context, or out of order, and lose the turn.
UNAVAILABLE = (ConversationStoreUnavailable, RedisError, LockError)
BAD_BODY = 'The body must be a JSON object: {"sender": "<id>", "message": "<text>"}.'


def allowed_origins() -> List[str]:
    """The web origins allowed to open a chat connection, from the environment."""
    raw = os.environ.get(ALLOWED_ORIGINS_VARIABLE, DEFAULT_ALLOWED_ORIGINS)
    return [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]


class _SizeLimitedBlueprint(Blueprint):
    """A blueprint that also caps the request body size of the app it joins."""

    def register(self, app, options) -> None:
        app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, MAX_REQUEST_BYTES)
        super().register(app, options)


def _bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


class RestChannel(RestInput):
    """Rasa's REST channel: POST {"sender", "message"[, "metadata"]}, get the replies as a list."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = _SizeLimitedBlueprint("custom_webhook_RestChannel", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = json.loads(request.body)
            except (ValueError, UnicodeDecodeError):
                return _bad_request(BAD_BODY)
            if not isinstance(body, dict):
                return _bad_request(BAD_BODY)
            sender = valid_sender(body.get("sender"))
            if sender is None:
                return _bad_request(BAD_SENDER)
            message = body.get("message")
            if not isinstance(message, str):
                return _bad_request("message must be a string")
            metadata = body.get("metadata")
            if metadata is not None and not isinstance(metadata, dict):
                return _bad_request("metadata must be an object")

            text = clean_message(message)
            polite = reply_instead(text)
            if polite:
                return response.json([{"recipient_id": sender, "text": polite}])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text, collector, sender, input_channel=self.name(), metadata=metadata
                    )
                )
            except UNAVAILABLE as err:
                logger.error("Turn refused for sender %r: %r", sender, err)
                return response.json(
                    [{"recipient_id": sender, "text": STORE_UNAVAILABLE}], status=503
                )
            except Exception:
                logger.exception("A REST turn failed for sender %r", sender)
            if not collector.messages:
                collector.messages.append({"recipient_id": sender, "text": TURN_FAILED})
            return response.json(collector.messages)

        return webhook


class SocketIOChannel(SocketIOInput):
    """Rasa's socket.io channel, restricted to known origins and robust to bad events."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        origins = allowed_origins()
        # [] leaves CORS headers to Sanic (rasa run --cors); two sets would break polling.
        sio = AsyncServer(
            async_mode="sanic", cors_allowed_origins=[], max_http_buffer_size=MAX_REQUEST_BYTES
        )
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

        async def reply(room: Text, text: str) -> None:
            await sio.emit(
                self.bot_message_evt, {"text": text}, room=room, namespace=self.namespace
            )

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = valid_sender(requested) or uuid.uuid4().hex
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
                sender_id = valid_sender(data.get("session_id"))
                if sender_id is None:
                    await reply(sid, NO_SESSION)
                    return
            else:
                sender_id = sid
            text = clean_message(data["message"])
            polite = reply_instead(text)
            if polite:
                await reply(sid, polite)
                return
            metadata = data.get(self.metadata_key)
            output = _CountingOutput(sio, self.bot_message_evt)
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        output,
                        sender_id,
                        input_channel=self.name(),
                        metadata=metadata if isinstance(metadata, dict) else {},
                    )
                )
            except UNAVAILABLE as err:
                logger.error("Turn refused for session %r: %r", sender_id, err)
                await reply(sid, STORE_UNAVAILABLE)
                return
            except Exception:
                logger.exception("A socket.io turn failed for session %r", sender_id)
            if output.sent == 0:
                await reply(sender_id if self.session_persistence else sid, TURN_FAILED)

        return blueprint


class _CountingOutput(SocketIOOutput):
    """Rasa's socket.io output, counting messages so a silent turn can be noticed."""

    def __init__(self, sio: AsyncServer, bot_message_evt: Text) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)
