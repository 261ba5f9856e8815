"""Start the real action server and Rasa server on loopback for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, Optional

import requests

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
    with open(log, "w") as out:
        proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_until_up(url, proc, log, timeout)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def rasa_base_url(webhook: str) -> str:
    return webhook.split("/webhooks/")[0]


@contextmanager
def running_assistant(
    workdir: Path, knowledge_file: Optional[Path] = None, allowed_origin: Optional[str] = None
) -> Iterator[str]:
    """Yield the REST webhook URL of a Rasa server backed by a fresh action server.

    `allowed_origin` is the one web page origin let in (CORS and socket.io), as `make web` does.
    """
    assert MODEL.exists(), f"{MODEL} is missing: run `make train` first"
    env = dict(os.environ)
    if knowledge_file:
        env["KNOWLEDGE_FILE"] = str(knowledge_file)
    cors = []
    if allowed_origin:
        env["CHAT_ALLOWED_ORIGINS"] = allowed_origin
        cors = ["--cors", allowed_origin]
    action_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    with (
        _process(
            [str(BIN / "rasa"), "run", "actions", "--port", str(action_port)],
            workdir / "action-server.log",
            f"http://127.0.0.1:{action_port}/health",
            env,
            timeout=120,
        ),
        _process(
            [
                str(BIN / "rasa"),
                "run",
                "--model",
                str(MODEL),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--interface",
                "127.0.0.1",
                "--port",
                str(rasa_port),
                *cors,
            ],
            workdir / "rasa-server.log",
            f"http://127.0.0.1:{rasa_port}/",
            env,
            timeout=240,
        ),
    ):
        yield f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"


@contextmanager
def running_demo_page(workdir: Path, port: int, rasa_url: str) -> Iterator[str]:
    """Yield the URL of the demo page, served by web/serve.py as `make web` does."""
    args = [sys.executable, "-m", "web.serve", "--port", str(port), "--rasa-url", rasa_url]
    url = f"http://127.0.0.1:{port}/"
    with _process(args, workdir / "web-server.log", url, dict(os.environ), timeout=30):
        yield url
