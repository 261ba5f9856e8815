"""Shared fixtures: the real knowledge file, broken copies of it, and the running web demo."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
import yaml

from actions.knowledge import DEFAULT_KNOWLEDGE_FILE, Knowledge, load_knowledge
from serving.runtime import free_port, running_assistant, running_demo_page
from tests.tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Markup a hostile person might type, or a careless editor might put in the knowledge file.
HOSTILE = (
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    " [click here](javascript:window.__pwned=3) <b onmouseover=alert(1)>bold</b>"
)


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(DEFAULT_KNOWLEDGE_FILE)


@pytest.fixture
def knowledge_copy(tmp_path):
    """Return (data, write): the real file as a dict, and a writer to a temp copy."""
    shutil.copy(DEFAULT_KNOWLEDGE_FILE.parent / "article.txt", tmp_path / "article.txt")
    data = yaml.safe_load(DEFAULT_KNOWLEDGE_FILE.read_text(encoding="utf-8"))
    target = tmp_path / "knowledge.yml"

    def write(changed: dict) -> Path:
        target.write_text(yaml.safe_dump(changed, sort_keys=False), encoding="utf-8")
        return target

    return data, write


@pytest.fixture(scope="session")
def web_demo(tmp_path_factory) -> Iterator[dict]:
    """Action server, Rasa server and demo page; the page reaches Rasa through a proxy we can cut.

    The knowledge copy carries hostile markup in one answer, to prove bot text is shown as text.
    """
    workdir = tmp_path_factory.mktemp("web")
    knowledge_dir = workdir / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_FILE.parent, knowledge_dir)
    data = yaml.safe_load(DEFAULT_KNOWLEDGE_FILE.read_text(encoding="utf-8"))
    krol = next(e for e in data["entries"] if e["id"] == "who_krol")
    krol["answer"] += " " + HOSTILE
    knowledge_file = knowledge_dir / DEFAULT_KNOWLEDGE_FILE.name
    knowledge_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    page_port, proxy_port = free_port(), free_port()
    origin = f"http://127.0.0.1:{page_port}"
    with running_assistant(workdir, knowledge_file, allowed_origin=origin) as assistant:
        rasa_port = urlsplit(assistant.rasa_url).port
        proxy = TcpProxy(proxy_port, rasa_port)
        proxy.restore()
        try:
            with running_demo_page(workdir, page_port, f"http://127.0.0.1:{proxy_port}") as url:
                yield {
                    "url": url,
                    "proxy": proxy,
                    "origin": origin,
                    "rasa": assistant.rasa_url,
                    "webhook": assistant.webhook,
                    "tracker_db": assistant.tracker_db,
                    "action_url": assistant.action_url,
                }
        finally:
            proxy.cut()
