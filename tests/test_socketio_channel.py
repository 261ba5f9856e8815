"""The socket.io channel the widget uses, spoken to directly: origins and malformed events."""

from __future__ import annotations

import queue
from typing import Any, Dict, List, Optional

import pytest
import socketio

from serving.channels import NO_SESSION, UNREADABLE_MESSAGE
from serving.input_rules import EMPTY_MESSAGE

REPLY_TIMEOUT = 30


class ChatClient:
    """A socket.io client that speaks the widget's protocol and collects bot messages."""

    def __init__(self, rasa_url: str, origin: Optional[str]):
        self.replies: "queue.Queue[Dict[str, Any]]" = queue.Queue()
        self.sessions: "queue.Queue[str]" = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("bot_uttered", self.replies.put)
        self.sio.on("session_confirm", self.sessions.put)
        headers = {"Origin": origin} if origin else {}
        self.sio.connect(rasa_url, headers=headers, transports=["polling"], wait_timeout=20)

    def start_session(self, session_id: Any = None) -> str:
        self.sio.emit("session_request", {"session_id": session_id})
        return self.sessions.get(timeout=REPLY_TIMEOUT)

    def texts_after(self, event_data: Any) -> List[str]:
        """Emit one user_uttered event and return the texts of the replies that follow it."""
        self.sio.emit("user_uttered", event_data)
        texts = [self.replies.get(timeout=REPLY_TIMEOUT).get("text", "")]
        try:
            while True:
                texts.append(self.replies.get(timeout=1).get("text", ""))
        except queue.Empty:
            return texts

    def close(self) -> None:
        self.sio.disconnect()


@pytest.fixture
def client(web_demo):
    c = ChatClient(web_demo["rasa"], web_demo["origin"])
    yield c
    c.close()


def test_page_origin_chats_and_gets_answer_with_quote(client):
    session = client.start_session()
    texts = client.texts_after({"message": "where are the talks held?", "session_id": session})
    joined = "\n".join(texts)
    assert "Astana" in joined
    assert "From the article:" in joined


def test_session_id_the_widget_stored_is_kept(client):
    assert client.start_session("kept-session-42") == "kept-session-42"


@pytest.mark.parametrize("session_id", ["", "x" * 10_000, "bad\nid", 12345, ["list"]])
def test_unusable_session_id_gets_a_fresh_one(client, session_id):
    confirmed = client.start_session(session_id)
    assert isinstance(confirmed, str) and len(confirmed) == 32 and confirmed != session_id


@pytest.mark.parametrize(
    "event_data",
    ["just a string", 42, None, ["list"], {}, {"message": 42}, {"message": None}],
)
def test_malformed_event_gets_a_clear_reply_and_the_chat_goes_on(client, event_data):
    session = client.start_session()
    assert client.texts_after(event_data) == [UNREADABLE_MESSAGE]
    texts = client.texts_after({"message": "who is sponsoring the talks?", "session_id": session})
    assert "Russia and Turkey" in texts[0]


def test_message_without_session_id_is_told_to_reload(client):
    client.start_session()
    assert client.texts_after({"message": "hello"}) == [NO_SESSION]


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "null"])
def test_other_web_origins_are_refused(web_demo, origin):
    with pytest.raises(socketio.exceptions.ConnectionError):
        ChatClient(web_demo["rasa"], origin)


@pytest.mark.parametrize(
    "message, expected",
    [
        ("", EMPTY_MESSAGE),
        ("  \x00\x1b \n", EMPTY_MESSAGE),
        ("x" * 10_000, "too long for me (10,000 characters)"),
        ("x" * 1_000_000, "too long for me (1,000,000 characters)"),
    ],
    ids=["empty", "control-characters", "10k", "1MB"],
)
def test_empty_or_huge_message_gets_a_polite_reply(client, message, expected):
    session = client.start_session()
    [reply] = client.texts_after({"message": message, "session_id": session})
    assert expected in reply


@pytest.mark.parametrize(
    "message, fact",
    [
        ("\ud800who sponsors the talks?\x07", "Russia and Turkey"),
        ("🕊️ where are the talks held? 🙏🏽", "Astana"),
    ],
)
def test_odd_characters_around_a_question_still_get_its_answer(client, message, fact):
    session = client.start_session()
    assert fact in client.texts_after({"message": message, "session_id": session})[0]
