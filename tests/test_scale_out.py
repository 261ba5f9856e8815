"""Two Rasa processes and two action servers behind nginx, on PostgreSQL and Redis, for real.

The stack is the one `make serve` starts (serving/runtime.py), on loopback in
temporary folders. Readers' messages are spread over both processes; the tests
then read PostgreSQL to see what was stored. The last test kills a process.
"""

from __future__ import annotations

import signal
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Tuple

import pytest
import requests

from bench import long_conversation
from serving.channels import STORE_UNAVAILABLE
from serving.report import KIND_LABELS
from serving.runtime import SCALE_OUT_ENDPOINTS, Stack, scale_out_stack
from tests.test_report import report as report_command
from tests.test_report import rows as report_rows
from tests.test_retention import command as conversations_command
from tests.test_socketio_channel import ChatClient

TIMEOUT = 60
# Ten messages with follow-ups; each answer must contain its fact, in this order.
READER_SCRIPT: List[Tuple[str, str]] = [
    ("who leads the rebel delegation?", "Alloush"),
    ("and the regime?", "Jaafri"),
    ("who sponsors the talks?", "Russia and Turkey"),
    ("why?", "doesn't say why"),
    ("where are the talks held?", "Astana"),
    ("who is George Krol?", "Krol"),
    ("where is he ambassador?", "Kazakhstan"),
    ("how many people have died in the war?", "400,000"),
    ("tell me more", "That's all the article says"),
    ("who is the UN envoy?", "de Mistura"),
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with scale_out_stack(tmp_path_factory.mktemp("scale-out"), 2, 2) as running:
        yield running


def post(url: str, sender: str, message: str) -> requests.Response:
    return requests.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        timeout=TIMEOUT,
    )


def answer(url: str, sender: str, message: str) -> str:
    response = post(url, sender, message)
    assert response.status_code == 200, response.text
    return "\n".join(reply.get("text", "") for reply in response.json())


def stored(stack: Stack, sender: str) -> List[Tuple[str, Dict]]:
    """(type, data) of every event stored for `sender`, in order."""
    import json

    with stack.postgres.connect() as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,)
        )
        return [(type_name, json.loads(data)) for type_name, data in cursor.fetchall()]


def user_texts(stack: Stack, sender: str) -> List[str]:
    return [data["text"] for kind, data in stored(stack, sender) if kind == "user"]


def duplicated_rows(stack: Stack) -> int:
    with stack.postgres.connect() as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT sender_id, data FROM events "
            "GROUP BY sender_id, data HAVING count(*) > 1) AS twice"
        )
        return cursor.fetchone()[0]


def test_fifty_readers_spread_over_both_processes_get_every_answer_in_order(stack):
    run = uuid.uuid4().hex[:6]

    def reader(index: int) -> List[str]:
        sender, wrong = f"reader-{run}-{index:02d}", []
        for turn, (message, fact) in enumerate(READER_SCRIPT):
            # Each reader's turns alternate between the two processes.
            text = answer(stack.rasa_urls[(index + turn) % 2], sender, message)
            if fact not in text:
                wrong.append(f"{sender} turn {turn + 1} {message!r}: {text[:100]!r}")
        return wrong

    with ThreadPoolExecutor(max_workers=50) as pool:
        wrong = [w for ws in pool.map(reader, range(50)) for w in ws]

    assert wrong == []
    for index in range(50):
        events = stored(stack, f"reader-{run}-{index:02d}")
        assert [d["text"] for k, d in events if k == "user"] == [m for m, _ in READER_SCRIPT]
        assert sum(1 for kind, _ in events if kind == "bot") == len(READER_SCRIPT)
    assert duplicated_rows(stack) == 0


def test_nginx_balances_rest_over_both_processes(stack):
    served_by = Counter()
    for index in range(20):
        response = post(
            stack.url, f"balanced-{uuid.uuid4().hex[:6]}-{index}", "who is the UN envoy?"
        )
        assert response.status_code == 200 and "de Mistura" in response.text
        served_by[response.headers["X-Served-By"]] += 1
    assert len(served_by) == 2, served_by


def test_two_messages_at_the_same_moment_to_two_processes_are_both_answered_in_order(stack):
    sender = f"together-{uuid.uuid4().hex[:6]}"
    messages = [
        ("who sponsors the talks?", "Russia and Turkey"),
        ("who is the UN envoy?", "de Mistura"),
    ]
    start = threading.Barrier(2)

    def send(index: int) -> str:
        start.wait()
        return answer(stack.rasa_urls[index], sender, messages[index][0])

    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(pool.map(send, range(2)))

    assert messages[0][1] in replies[0] and messages[1][1] in replies[1]
    # The Redis lock lets one turn finish before the other starts: each stored
    # question is followed by its own answer before the next question.
    turns = [(k, d.get("text", "")) for k, d in stored(stack, sender) if k in ("user", "bot")]
    assert [k for k, _ in turns] == ["user", "bot", "user", "bot"]
    for (_, question), (_, reply) in zip(turns[0::2], turns[1::2]):
        fact = dict(messages)[question]
        assert fact in reply


def test_the_widget_keeps_its_session_through_nginx_after_reconnecting(stack):
    first = ChatClient(stack.url, stack.url)
    session = first.start_session()
    texts = first.texts_after({"message": "who is George Krol?", "session_id": session})
    assert "Kazakhstan" in "\n".join(texts)
    first.close()

    again = ChatClient(stack.url, stack.url)
    try:
        assert again.start_session(session) == session
        texts = again.texts_after({"message": "tell me more", "session_id": session})
    finally:
        again.close()
    assert "Who is George Krol?" in "\n".join(texts)


def test_turn_300_through_the_stack_follows_up_on_turn_299(stack):
    conversation = long_conversation.run(stack.webhook, turns=300)
    assert conversation.wrong == []
    assert "Kazakhstan" in conversation.last_reply


@pytest.mark.parametrize(
    "service",
    [
        # The conversation store: a turn can be neither read nor stored.
        pytest.param("postgres", id="PostgreSQL restarted"),
        # The lock store: the turn could be answered out of order, so it is refused.
        pytest.param("redis", id="Redis down"),
    ],
)
def test_while_a_store_is_down_readers_get_an_apology_then_their_context(stack, service):
    sender = f"{service}-{uuid.uuid4().hex[:6]}"
    assert "Krol" in answer(stack.url, sender, "who is George Krol?")

    store = getattr(stack, service)
    store.stop()
    try:
        down = post(stack.url, sender, "where is he ambassador?")
    finally:
        store.start()
    assert down.status_code == 503
    assert [r["text"] for r in down.json()] == [STORE_UNAVAILABLE]

    # The refused turn was not half-stored: the follow-up still leans on Krol.
    assert "Kazakhstan" in answer(stack.url, sender, "where is he ambassador?")
    assert user_texts(stack, sender) == ["who is George Krol?", "where is he ambassador?"]


def postgres_env(stack: Stack) -> Dict[str, str]:
    """What the maintenance commands need to reach the stack's PostgreSQL."""
    env = {"ENDPOINTS": str(SCALE_OUT_ENDPOINTS), **stack.postgres.env(), **stack.redis.env()}
    env["ACTION_SERVER_URL"] = "unused"
    return env


def test_the_report_reads_postgresql(stack, tmp_path):
    sender = f"pg-report-{uuid.uuid4().hex[:6]}"
    answer(stack.url, sender, "what's the capital of Peru?")
    answer(stack.url, sender, "who is the UN envoy?")

    done = report_command(postgres_env(stack), tmp_path)

    assert done.returncode == 0, done.stderr
    listed = report_rows(tmp_path)
    # Which no-answer it gets depends on the model's guess; it is listed either way.
    assert listed["what's the capital of peru"]["reply"] in KIND_LABELS.values()
    # "who is the UN envoy?" asks who de Mistura is: his own entry.
    assert listed["what's the capital of peru"]["reached_next"] == "who_de_mistura"
    assert "who is the un envoy" not in listed


def test_forget_and_expire_work_on_postgresql_while_serving(stack):
    env = postgres_env(stack)
    run = uuid.uuid4().hex[:6]
    gone, old, kept = f"pg-forget-{run}", f"pg-old-{run}", f"pg-kept-{run}"
    for sender in (gone, old, kept):
        assert "Krol" in answer(stack.url, sender, "who is George Krol?")
    with stack.postgres.connect() as connection, connection.cursor() as cursor:
        cursor.execute(
            "UPDATE events SET timestamp = timestamp - 40 * 86400 WHERE sender_id = %s", (old,)
        )
        connection.commit()

    forgotten = conversations_command("forget", gone, env=env)
    expired = conversations_command("expire", "--days", "30", env=env)

    assert forgotten.returncode == 0 and expired.returncode == 0, forgotten.stderr + expired.stderr
    assert stored(stack, gone) == [] and stored(stack, old) == []
    assert user_texts(stack, kept) == ["who is George Krol?"]
    assert "Kazakhstan" in answer(stack.url, kept, "where is he ambassador?")


def test_killing_a_process_under_load_keeps_every_conversation(stack):
    """Runs last in this module: one of the two processes stays dead."""
    readers = [f"kill-{uuid.uuid4().hex[:6]}-{i}" for i in range(10)]
    for reader in readers:
        assert "Krol" in answer(stack.url, reader, "who is George Krol?")
    before = {reader: stored(stack, reader) for reader in readers}

    stop = threading.Event()

    def load(index: int) -> None:
        while not stop.is_set():
            try:
                post(stack.url, f"load-{index}", "who sponsors the talks?")
            except requests.RequestException:
                pass  # in flight when the process died: may fail

    with ThreadPoolExecutor(max_workers=8) as pool:
        for index in range(8):
            pool.submit(load, index)
        stack.rasa[0].send_signal(signal.SIGKILL)
        stack.rasa[0].wait()
        # Every later message is answered by the other process, in context.
        replies = {reader: answer(stack.url, reader, "tell me more") for reader in readers}
        stop.set()

    for reader in readers:
        assert "Who is George Krol?" in replies[reader]
        after = stored(stack, reader)
        assert after[: len(before[reader])] == before[reader]
        assert user_texts(stack, reader) == ["who is George Krol?", "tell me more"]
    assert duplicated_rows(stack) == 0
