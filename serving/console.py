"""The terminal chat of `make chat`: every word shown, wrapped to the terminal, follow-ups numbered.

    python -m serving.console --url http://127.0.0.1:5005

Why not `rasa shell`: it prints each answer that has buttons as the question
line of a questionary menu, which prompt_toolkit cuts at the terminal's width
(the name in "The Syrian regime sent its ambassador to the UN, ..." was lost
at 120 columns), shows each follow-up with its raw payload ("(/ask_face_to_face)"),
and loads the model in the same process, so TensorFlow's and Rasa's start-up
warnings land before the prompt. This console keeps what Rasa users expect of
`rasa shell` (the "Your input ->" prompt, /stop to quit, a new conversation
each run, the same REST channel and tracker store) and talks to a `rasa run`
started beside it (scripts/chat.sh), whose logs go to build/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
import uuid
from typing import Callable, Dict, List, Optional, Sequence

import requests

PROMPT = "Your input -> "
STOP = "/stop"
HINT = "Type a question about the article, a number to pick a suggestion, or /stop to quit."
QUOTE_OPEN, QUOTE_CLOSE = "\u201c", "\u201d"


def terminal_width() -> int:
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def wrap(text: str, width: int) -> List[str]:
    """Every line of `text` wrapped to `width`; quoted article sentences indented."""
    lines: List[str] = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append("")
            continue
        indent = "  " if line.startswith(QUOTE_OPEN) else ""
        lines += textwrap.wrap(
            line,
            width,
            initial_indent=indent,
            subsequent_indent=indent + (" " if indent else ""),
            break_long_words=True,
            break_on_hyphens=False,
        )
    return lines


def follow_ups(replies: Sequence[Dict]) -> List[Dict]:
    """The follow-up buttons offered last in a turn: the numbered menu."""
    offered = [reply["buttons"] for reply in replies if reply.get("buttons")]
    return offered[-1] if offered else []


def render(replies: Sequence[Dict], width: int) -> List[str]:
    """The bot's replies as terminal lines, with one numbered menu of the last follow-ups."""
    lines: List[str] = []
    for reply in replies:
        if reply.get("text"):
            if lines:
                lines.append("")
            lines += wrap(reply["text"], width)
    buttons = follow_ups(replies)
    if buttons:
        lines.append("")
        for number, button in enumerate(buttons, start=1):
            lines += textwrap.wrap(
                str(button.get("title", "")),
                width,
                initial_indent=f"  {number}. ",
                subsequent_indent=" " * (len(str(number)) + 4),
            )
    return lines


class Console:
    """One conversation with the assistant over its REST channel."""

    def __init__(
        self,
        url: str,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
        width: Callable[[], int] = terminal_width,
    ) -> None:
        self.webhook = f"{url.rstrip('/')}/webhooks/rest/webhook"
        self.sender = f"shell-{uuid.uuid4().hex[:12]}"
        self.read, self.write, self.width = read, write, width
        self.menu: List[Dict] = []
        self.session = requests.Session()

    def send(self, message: str) -> Optional[List[Dict]]:
        try:
            response = self.session.post(
                self.webhook, json={"sender": self.sender, "message": message}, timeout=120
            )
        except requests.RequestException:
            self.write("(The assistant is not reachable. Is `make chat` still running?)")
            return None
        if response.status_code >= 500 and not response.text.startswith("["):
            self.write(f"(The assistant failed to answer: HTTP {response.status_code}.)")
            return None
        try:
            return response.json()
        except ValueError:
            self.write("(The assistant sent something unreadable.)")
            return None

    def turn(self, typed: str) -> bool:
        """Handle one line the reader typed; False when the reader wants to stop."""
        text = typed.strip()
        if text == STOP:
            return False
        if not text:
            self.write(HINT)
            return True
        message = text
        if text.isdigit() and 1 <= int(text) <= len(self.menu):
            picked = self.menu[int(text) - 1]
            self.write(f"({picked.get('title', '')})")
            message = picked.get("payload") or picked.get("title", "")
        replies = self.send(message)
        if replies is None:
            return True
        self.menu = follow_ups(replies)
        for line in render(replies, self.width()):
            self.write(line)
        self.write("")
        return True

    def run(self) -> int:
        self.turn("/greet")
        while True:
            try:
                typed = self.read(PROMPT)
            except (EOFError, KeyboardInterrupt):
                self.write("")
                break
            if not self.turn(typed):
                break
        self.write("Goodbye.")
        return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m serving.console", description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server")
    args = parser.parse_args(argv)
    try:
        import readline  # noqa: F401  (arrow keys and history at the prompt)
    except ImportError:
        pass
    return Console(args.url).run()


if __name__ == "__main__":
    sys.exit(main())
