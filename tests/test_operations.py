"""Running for weeks: conversations survive restarts, a dead action server gets an apology,
the HTTP API needs a token, and nothing listens beyond loopback or answers foreign pages."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import List

import pytest
import requests

from serving.action_guard import APOLOGY
from serving.runtime import BIN, ROOT, action_server, free_port, rasa_server, rest_replies
from tests.test_report import report as report_command
from tests.test_report import rows as report_rows

TIMEOUT = 60  # far below Rasa's own 300 s action timeout: a hang fails the test


def say(rasa_url: str, sender: str, message: str) -> List[str]:
    webhook = f"{rasa_url}/webhooks/rest/webhook"
    return [r.get("text", "") for r in rest_replies(webhook, sender, message, timeout=TIMEOUT)]


def test_conversation_survives_a_restart_and_the_api_needs_its_token(tmp_path):
    action_port, db, token = free_port(), tmp_path / "conversations.sqlite", "s3cret-for-this-test"
    with action_server(tmp_path, action_port):
        with rasa_server(tmp_path, action_port, db) as rasa_url:
            assert "driving seat" in say(rasa_url, "reader-1", "is Russia the new broker?")[0]
            # The documented commands keep the HTTP API off.
            assert requests.get(f"{rasa_url}/status", timeout=TIMEOUT).status_code == 404
        assert db.exists()

        api = ["--enable-api", "--auth-token", token]
        with rasa_server(tmp_path, action_port, db, extra_args=api) as rasa_url:
            # "why?" after the restart is about the answer given before it.
            assert "military intervention" in " ".join(say(rasa_url, "reader-1", "why?"))

            tracker = f"{rasa_url}/conversations/reader-1/tracker"
            refused = [
                requests.get(tracker, timeout=TIMEOUT),
                requests.get(tracker, params={"token": "wrong"}, timeout=TIMEOUT),
                requests.post(
                    f"{rasa_url}/conversations/reader-1/messages",
                    json={"text": "hi", "sender": "user"},
                    timeout=TIMEOUT,
                ),
                requests.put(f"{rasa_url}/model", json={"model_file": "/tmp/x"}, timeout=TIMEOUT),
                requests.delete(f"{rasa_url}/model", timeout=TIMEOUT),
                requests.get(f"{rasa_url}/status", timeout=TIMEOUT),
            ]
            assert [r.status_code for r in refused] == [401] * len(refused)

            allowed = requests.get(tracker, params={"token": token}, timeout=TIMEOUT)
            assert allowed.status_code == 200
            said = [e["text"] for e in allowed.json()["events"] if e["event"] == "user"]
            assert said == ["is Russia the new broker?", "why?"]


class BlackHole:
    """Accepts connections on a port and never answers: an action server that hangs."""

    def __init__(self, port: int):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(16)
        self.held: List[socket.socket] = []
        threading.Thread(target=self._hold, daemon=True).start()

    def _hold(self) -> None:
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for s in self.held:
            s.close()


def test_action_server_down_or_hanging_gets_an_apology_then_the_chat_goes_on(tmp_path):
    action_port, db = free_port(), tmp_path / "conversations.sqlite"
    with rasa_server(tmp_path, action_port, db, action_timeout=2) as rasa_url:
        with action_server(tmp_path, action_port):
            assert "Russia and Turkey" in say(rasa_url, "reader", "who sponsors the talks?")[0]

        # Down: nothing listens on the action port.
        assert say(rasa_url, "reader", "where are the talks held?") == [APOLOGY]

        # Hanging: connections are accepted but never answered.
        hole = BlackHole(action_port)
        try:
            assert say(rasa_url, "reader", "when do the Geneva talks start?") == [APOLOGY]
        finally:
            hole.close()

        # Back: the conversation goes on from the last real answer.
        with action_server(tmp_path, action_port):
            more = " ".join(say(rasa_url, "reader", "tell me more"))
            assert "Russia's military intervention" in more
            assert "February 8" in say(rasa_url, "reader", "when do the Geneva talks start?")[0]

    # The maintainer's report lists the questions that got the apology, not the answered one.
    done = report_command(db, tmp_path / "report")
    listed = report_rows(tmp_path / "report")
    assert done.returncode == 0, done.stderr
    assert listed["where are the talks held"]["reply"] == "action server failed"
    assert listed["when do the geneva talks start"]["count"] == "1"
    assert "who sponsors the talks" not in listed


def test_rest_cors_allows_the_page_origin_only(web_demo):
    def preflight(origin: str) -> requests.Response:
        return requests.options(
            web_demo["webhook"],
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            timeout=TIMEOUT,
        )

    allowed = preflight(web_demo["origin"])
    assert allowed.headers.get("Access-Control-Allow-Origin") == web_demo["origin"]
    for foreign in ("http://evil.example", "http://127.0.0.1:1", "null"):
        assert "Access-Control-Allow-Origin" not in preflight(foreign).headers


def test_action_server_gives_the_page_no_cors_access(web_demo):
    response = requests.options(
        f"{web_demo['action_url']}/webhook",
        headers={"Origin": web_demo["origin"], "Access-Control-Request-Method": "POST"},
        timeout=TIMEOUT,
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def _listening_addresses(port: int) -> List[str]:
    """Local addresses of TCP sockets listening on a port, from /proc/net/tcp{,6}."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


def test_servers_listen_on_loopback_only(web_demo):
    loopback = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
    for url in (web_demo["rasa"], web_demo["action_url"], web_demo["url"]):
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        assert _listening_addresses(port) == [loopback], url


SECRET_PATTERNS = [
    r"(?i)(auth[-_]token|jwt_key|password|secret|api[-_]key)\s*[:=]\s*['\"]?[A-Za-z0-9+/_\-]{6,}",
    r"--auth-token\s+['\"]?[A-Za-z0-9]",
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
]


def test_no_secret_is_committed():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = []
    for name in tracked:
        path = ROOT / name
        if name.startswith("tests/") or path.suffix in (".png", ".lock") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        offenders += [
            f"{name}: {m.group(0)}" for p in SECRET_PATTERNS for m in re.finditer(p, text)
        ]
    assert offenders == []


@pytest.mark.parametrize("command", ["chat.sh", "web.sh"])
def test_documented_commands_keep_the_http_api_off(command):
    assert "--enable-api" not in (ROOT / "scripts" / command).read_text()


def test_action_server_refuses_a_broken_knowledge_file_naming_file_entry_and_problem(
    tmp_path, knowledge_copy
):
    data, write = knowledge_copy
    data["entries"][0]["sources"] = ["A sentence the article never had."]
    broken = write(data)
    env = {**os.environ, "KNOWLEDGE_FILE": str(broken), "SANIC_HOST": "127.0.0.1"}
    started = subprocess.run(
        [str(BIN / "rasa"), "run", "actions", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert started.returncode != 0
    output = started.stdout + started.stderr
    assert "Refusing to start: the knowledge file is broken." in output
    entry = data["entries"][0]["id"]
    assert any(
        str(broken) in line and f"'{entry}'" in line and "not verbatim" in line
        for line in output.splitlines()
    ), output[-2000:]


def test_rasa_telemetry_is_off_for_every_process_started():
    """Rasa sends usage events and crash reports to its servers by default once it has run;
    nothing may leave loopback, whether started by make or by serving.runtime."""
    env = {k: v for k, v in os.environ.items() if k != "RASA_TELEMETRY_ENABLED"}

    def printed(*args: str) -> str:
        done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    make_rule = "telemetry-setting: ; @echo $$RASA_TELEMETRY_ENABLED"
    assert printed("make", "-s", "--eval", make_rule, "telemetry-setting") == "false"
    runtime_check = (
        "import serving.runtime, rasa.telemetry; print(rasa.telemetry.is_telemetry_enabled())"
    )
    assert printed(sys.executable, "-c", runtime_check) == "False"
