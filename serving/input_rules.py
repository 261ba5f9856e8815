"""What a chat message and a sender id must look like, shared by the REST and socket.io channels.

A public chat box receives anything; these rules turn it into either clean text
for the assistant or a polite reply, so no input can crash a turn or go unanswered.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Optional

# No question about one article needs more; a 1 MB message would otherwise be
# featurized in full and stored in every tracker.
MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128

EMPTY_MESSAGE = "I didn't get a question there. Ask me anything about the article."
TOO_LONG_MESSAGE = (
    "That message is too long for me ({length:,} characters). "
    f"Please ask one question in under {MAX_MESSAGE_CHARS:,} characters."
)
BAD_SENDER = f"sender must be a string of 1 to {MAX_SENDER_CHARS} printable characters"


def clean_message(text: str) -> str:
    """The message without control characters and with lone surrogates replaced."""
    # Lone surrogates (valid in JSON, invalid in UTF-8) would fail when the tracker is stored.
    text = text.encode("utf-8", "replace").decode("utf-8")
    kept = (
        " " if ch in "\t\r\n" else ch
        for ch in text
        if ch in "\t\r\n" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return "".join(kept).strip()


def reply_instead(text: str) -> Optional[str]:
    """A polite reply when the cleaned message cannot be a question, else None."""
    if not text:
        return EMPTY_MESSAGE
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG_MESSAGE.format(length=len(text))
    return None


def valid_sender(value: Any) -> Optional[str]:
    """The sender id if usable as a conversation key, else None."""
    if isinstance(value, str) and 0 < len(value) <= MAX_SENDER_CHARS and value.isprintable():
        return value
    return None
