"""Serve the demo page and the widget from this project only, on loopback by default.

    python -m web.serve --port 8080 --rasa-url http://127.0.0.1:5005

Every response carries a Content-Security-Policy that lets the page talk to
itself and to the Rasa server, nothing else: no CDN, font or analytics
request can leave the machine even by mistake.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from actions.knowledge import KnowledgeError, load_knowledge, split_sentences

WEB = Path(__file__).resolve().parent
STATIC = WEB / "static"
SOCKET_IO_CLIENT = WEB / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
SERVER_URL_PLACEHOLDER = "{{RASA_SERVER_URL}}"


def article_json() -> bytes:
    """The article as the demo page shows it, read from the knowledge file's source."""
    knowledge = load_knowledge()
    paragraphs = [
        p.strip()
        for p in knowledge.article_path.read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    return json.dumps(
        {
            "title": knowledge.title,
            "publisher": knowledge.publisher,
            "published": knowledge.published,
            "paragraphs": paragraphs,
            # Each paragraph's sentences, split as the knowledge file's validator splits
            # them, so the page can highlight the sentences a chat quote comes from.
            "sentences": [split_sentences(" ".join(p.split())) for p in paragraphs],
        }
    ).encode("utf-8")


def content_security_policy(rasa_url: str) -> str:
    parts = urlsplit(rasa_url)
    socket_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa_origin = f"{parts.scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            f"connect-src 'self' {rasa_origin} {socket_scheme}://{parts.netloc}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'self'",
        ]
    )


class DemoHandler(SimpleHTTPRequestHandler):
    """Static files from web/static, plus the article, the socket.io client and the page."""

    def __init__(self, *args, rasa_url: str, article: bytes, **kwargs):
        self.rasa_url = rasa_url
        self.article = article
        super().__init__(*args, directory=str(STATIC), **kwargs)

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", content_security_policy(self.rasa_url))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        page = STATIC / ("index.html" if path == "/" else path.lstrip("/"))
        if page.suffix == ".html" and page.parent == STATIC and page.is_file():
            html = page.read_text(encoding="utf-8").replace(SERVER_URL_PLACEHOLDER, self.rasa_url)
            self._send(html.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/article.json":
            self._send(self.article, "application/json")
        elif path == "/vendor/socket.io.min.js":
            self._send(SOCKET_IO_CLIENT.read_bytes(), "text/javascript; charset=utf-8")
        else:
            super().do_GET()

    do_HEAD = do_GET

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    args = parser.parse_args(argv)
    if not SOCKET_IO_CLIENT.exists():
        print(
            f"error: {SOCKET_IO_CLIENT} is missing: run `make web` (it runs npm ci).",
            file=sys.stderr,
        )
        return 1
    try:
        article = article_json()
    except KnowledgeError as err:
        print(f"error: the knowledge file is broken:\n{err}", file=sys.stderr)
        return 1
    handler = partial(DemoHandler, rasa_url=args.rasa_url.rstrip("/"), article=article)
    server = ThreadingHTTPServer((args.host, args.port), handler)
    print(f"Demo page: http://{args.host}:{args.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
