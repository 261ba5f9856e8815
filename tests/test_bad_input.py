"""Anything a public chat box receives gets a 4xx or a polite reply, never a 5xx or silence."""

from __future__ import annotations

import json
import threading
from typing import Any, Dict, List

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serving.channels import BAD_BODY
from serving.input_rules import BAD_SENDER, EMPTY_MESSAGE, MAX_MESSAGE_CHARS
from tests.load_conversations import run_load

TIMEOUT = 60


def post(web_demo, body: Any, raw: bytes = None, **kwargs) -> requests.Response:
    if raw is None:
        raw = json.dumps(body).encode("utf-8")
    headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
    return requests.post(web_demo["webhook"], data=raw, headers=headers, timeout=TIMEOUT)


def texts(response: requests.Response) -> List[str]:
    assert response.status_code == 200, response.text
    replies = response.json()
    assert replies, "silence: no reply at all"
    return [r.get("text", "") for r in replies]


def say(web_demo, sender: str, message: str) -> List[str]:
    return texts(post(web_demo, {"sender": sender, "message": message}))


@pytest.mark.parametrize("message", ["", " ", "   \n\t  ", "\x00\x01\x1b", "\r\n"])
def test_empty_message_is_asked_for_a_question(web_demo, message):
    assert say(web_demo, "empty-reader", message) == [EMPTY_MESSAGE]


@pytest.mark.parametrize("length", [MAX_MESSAGE_CHARS + 1, 10_000, 1_000_000], ids=str)
def test_too_long_message_is_told_the_limit(web_demo, length):
    [reply] = say(web_demo, "long-reader", "why? " + "x" * (length - 5))
    assert "too long" in reply and f"{length:,} characters" in reply
    assert f"{MAX_MESSAGE_CHARS:,}" in reply


def test_body_over_two_megabytes_is_refused_before_parsing(web_demo):
    response = post(
        web_demo, None, raw=b'{"sender": "big", "message": "' + b"a" * 3_000_000 + b'"}'
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    "message, fact",
    [
        ("\x00who\x07 brokered\x1b the talks?\x7f", "Russia and Turkey"),
        ("\ud800who sponsors the talks?\udfff", "Russia and Turkey"),
        ("🕊️ who sponsors the talks? 🙏🏽", "Russia and Turkey"),
        ("WHO SPONSORS THE TALKS???", "Russia and Turkey"),
        ("where are the talks held?" + " " * 1500, "Astana"),
    ],
)
def test_odd_characters_around_a_real_question_still_get_its_answer(web_demo, message, fact):
    assert fact in say(web_demo, "odd-reader", message)[0]


@pytest.mark.parametrize(
    "message",
    [
        "من يرعى محادثات أستانا؟",
        "שלום, מי משתתף בשיחות?",
        "\u202eevil reversed text\u202c",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click me](javascript:alert(1))",
        "{0} {sender} %s %(message)s %n {{7*7}} ${jndi:ldap://x}",
        "'; DROP TABLE events; --",
        "1 OR 1=1; SELECT * FROM events",
        "../../../../etc/passwd",
        "/restart",
        '/ask_about_entity{"topic": "<b>nobody</b>"}',
        "/not_an_intent",
        "💥" * 500,
    ],
)
def test_hostile_or_foreign_text_gets_a_polite_reply_that_does_not_echo_it(web_demo, message):
    replies = say(web_demo, "hostile-reader", message)
    joined = "\n".join(replies)
    assert joined.strip()
    for marker in ("<script", "<img", "onerror", "javascript:", "DROP TABLE", "<b>"):
        assert marker not in joined


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"{", BAD_BODY),
        (b"", BAD_BODY),
        (b"not json at all", BAD_BODY),
        (b"[]", BAD_BODY),
        (b"null", BAD_BODY),
        (b'"just a string"', BAD_BODY),
        (b'{"sender": "a", "message": "\xff\xfe invalid utf-8"}', BAD_BODY),
        (b'{"message": "hello"}', BAD_SENDER),
        (b'{"sender": 42, "message": "hello"}', BAD_SENDER),
        (b'{"sender": "", "message": "hello"}', BAD_SENDER),
        (b'{"sender": null, "message": "hello"}', BAD_SENDER),
        (b'{"sender": ["a"], "message": "hello"}', BAD_SENDER),
        (b'{"sender": "line\\nbreak", "message": "hello"}', BAD_SENDER),
        (('{"sender": "%s", "message": "hello"}' % ("x" * 10_000)).encode(), BAD_SENDER),
        (b'{"sender": "a"}', "message must be a string"),
        (b'{"sender": "a", "message": 42}', "message must be a string"),
        (b'{"sender": "a", "message": null}', "message must be a string"),
        (b'{"sender": "a", "message": ["hello"]}', "message must be a string"),
        (b'{"sender": "a", "message": "hi", "metadata": "x"}', "metadata must be an object"),
    ],
    ids=lambda value: repr(value)[:40],
)
def test_malformed_request_gets_400_with_the_reason(web_demo, raw, reason):
    response = post(web_demo, None, raw=raw)
    assert response.status_code == 400
    assert response.json() == {"error": reason}


def test_form_encoded_body_gets_400(web_demo):
    response = requests.post(
        web_demo["webhook"], data={"sender": "a", "message": "hi"}, timeout=TIMEOUT
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "sender",
    ["🙂 reader", "../../etc/passwd", "'; DROP TABLE events; --", "x" * 128, "عربي", "1"],
)
def test_odd_but_printable_sender_ids_are_separate_conversations(web_demo, sender):
    assert "Russia and Turkey" in say(web_demo, sender, "who sponsors the talks?")[0]
    assert "Russia's military intervention" in " ".join(say(web_demo, sender, "tell me more"))


def test_others_are_answered_while_huge_and_broken_requests_arrive(web_demo):
    results: Dict[str, Any] = {}

    def flood(i: int) -> None:
        big = {"sender": f"flood-{i}", "message": "x" * 1_000_000}
        results[f"big-{i}"] = post(web_demo, big).status_code
        results[f"broken-{i}"] = post(web_demo, None, raw=b"{{{").status_code

    threads = [threading.Thread(target=flood, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    answer = say(web_demo, "patient-reader", "when do the Geneva talks start?")
    for t in threads:
        t.join()
    assert "February 8" in answer[0]
    assert sorted(set(results.values())) == [200, 400]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(message=st.text(max_size=300))
def test_any_text_gets_a_reply_and_never_a_server_error(web_demo, message):
    response = post(web_demo, {"sender": "property-reader", "message": message})
    replies = texts(response)
    assert all(isinstance(r, str) and r for r in replies)
    if "<" in message:
        assert not any(message.strip() in r for r in replies if len(message.strip()) > 3)


def test_simultaneous_conversations_get_their_own_right_answers_and_are_all_stored(web_demo):
    report = run_load(web_demo["webhook"], web_demo["tracker_db"], conversations=10, messages=10)
    assert report["problems"] == []
    assert report["stored_user_events"] == 100
    # One reply (answer and quote, with buttons) per message, each stored as one bot event.
    assert report["stored_bot_events"] == report["bot_messages_received"] == 100
