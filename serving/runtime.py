"""Start the action server, Rasa server and demo page on loopback, for tests, bench and make."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "assistant.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {timeout}s:\n{log.read_text()[-3000:]}")


@contextmanager
def _process(args, log: Path, url: str, env: Dict[str, str], timeout: float):
    with open(log, "a") as out:
        proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_until_up(url, proc, log, timeout)
        yield proc
    finally:
        stop_process(proc)


def stop_process(proc: subprocess.Popen, grace: float = 20) -> None:
    """Ask a server to stop; kill it if it has not after `grace` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _env(**extra: Optional[str]) -> Dict[str, str]:
    env = dict(os.environ)
    env.update({k: v for k, v in extra.items() if v is not None})
    return env


def action_server_args(port: int) -> List[str]:
    """The command line `make chat` and `make web` use for the action server."""
    return [str(BIN / "rasa"), "run", "actions", "--port", str(port)]


def rasa_run_args(
    model: Path,
    port: int,
    endpoints: Optional[Path] = None,
    credentials: Optional[Path] = ROOT / "credentials.yml",
    extra_args: Sequence[str] = (),
) -> List[str]:
    """`rasa run` on 127.0.0.1:<port>, with the project's channels unless told otherwise."""
    args = [str(BIN / "rasa"), "run", "--model", str(model)]
    if endpoints:
        args += ["--endpoints", str(endpoints)]
    if credentials:
        args += ["--credentials", str(credentials)]
    return [*args, "--interface", "127.0.0.1", "--port", str(port), *extra_args]


def rest_replies(
    webhook: str,
    sender: str,
    message: str,
    session: requests.Session = requests,
    timeout: float = 120,
) -> List[dict]:
    """Send one message over the REST channel; the bot's replies (raises on an error status)."""
    response = session.post(webhook, json={"sender": sender, "message": message}, timeout=timeout)
    response.raise_for_status()
    return response.json()


@contextmanager
def action_server(
    workdir: Path, port: int, knowledge_file: Optional[Path] = None
) -> Iterator[subprocess.Popen]:
    """The action server on 127.0.0.1:<port> (SANIC_HOST keeps it off other interfaces)."""
    env = _env(
        SANIC_HOST="127.0.0.1",
        KNOWLEDGE_FILE=str(knowledge_file) if knowledge_file else None,
    )
    with _process(
        action_server_args(port),
        workdir / "action-server.log",
        f"http://127.0.0.1:{port}/health",
        env,
        timeout=120,
    ) as proc:
        yield proc


def write_endpoints(workdir: Path, action_port: int) -> Path:
    """The project's endpoints.yml (tracker store included), pointed at this action server."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    config["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(config))
    return endpoints


@contextmanager
def rasa_server(
    workdir: Path,
    action_port: int,
    tracker_db: Path,
    allowed_origin: Optional[str] = None,
    action_timeout: Optional[float] = None,
    extra_args: Sequence[str] = (),
) -> Iterator[str]:
    """`rasa run` on a free loopback port with the project's channels; yields its base URL."""
    assert MODEL.exists(), f"{MODEL} is missing: run `make train` first"
    port = free_port()
    endpoints = write_endpoints(workdir, action_port)
    env = _env(
        TRACKER_DB=str(tracker_db),
        CHAT_ALLOWED_ORIGINS=allowed_origin,
        ACTION_TIMEOUT_SECONDS=str(action_timeout) if action_timeout else None,
    )
    cors = ["--cors", allowed_origin] if allowed_origin else []
    args = rasa_run_args(MODEL, port, endpoints, extra_args=[*cors, *extra_args])
    with _process(args, workdir / "rasa-server.log", f"http://127.0.0.1:{port}/", env, 240):
        yield f"http://127.0.0.1:{port}"


@dataclass
class Assistant:
    """A running assistant: where to talk to it and where it keeps conversations."""

    rasa_url: str
    tracker_db: Path
    action_url: str

    @property
    def webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"


@contextmanager
def running_assistant(
    workdir: Path,
    knowledge_file: Optional[Path] = None,
    allowed_origin: Optional[str] = None,
) -> Iterator[Assistant]:
    """A Rasa server backed by a fresh action server and its own SQLite tracker store.

    `allowed_origin` is the one web page origin let in (CORS and socket.io), as `make web` does.
    """
    action_port = free_port()
    tracker_db = workdir / "conversations.sqlite"
    with (
        action_server(workdir, action_port, knowledge_file),
        rasa_server(workdir, action_port, tracker_db, allowed_origin) as rasa_url,
    ):
        yield Assistant(rasa_url, tracker_db, f"http://127.0.0.1:{action_port}")


@contextmanager
def running_demo_page(workdir: Path, port: int, rasa_url: str) -> Iterator[str]:
    """Yield the URL of the demo page, served by web/serve.py as `make web` does."""
    args = [sys.executable, "-m", "web.serve", "--port", str(port), "--rasa-url", rasa_url]
    url = f"http://127.0.0.1:{port}/"
    with _process(args, workdir / "web-server.log", url, dict(os.environ), timeout=30):
        yield url
