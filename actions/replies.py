"""Turn knowledge entries into the messages and buttons a reader sees.

Kept apart from the actions so every channel (shell, REST, web widget) gets the
same layout: the answer, then the quoted article sentences, then buttons.
"""

from __future__ import annotations

import json
from typing import Dict, Iterable, List

from actions.knowledge import TOPIC_INTENT, Answer, Entry, Knowledge

# The widget finds the quote by this line; keep the two in step.
SOURCE_HEADING = "From the article:"


def quotes(answer: Answer) -> str:
    """The article sentences an answer rests on, under the heading the widget looks for."""
    lines = "\n".join(f"\u201c{sentence}\u201d" for sentence in answer.sources)
    return f"{SOURCE_HEADING}\n{lines}"


def with_quote(answer: Answer) -> str:
    """The answer text followed by the article sentences it rests on."""
    return f"{answer.text}\n\n{quotes(answer)}"


def payload_for(entry: Entry) -> str:
    """A payload that triggers the entry's intent directly, skipping NLU guesswork."""
    if entry.topic:
        return f"/{TOPIC_INTENT}{json.dumps({'topic': entry.topic})}"
    return f"/{entry.intent}"


def buttons_for(entries: Iterable[Entry]) -> List[Dict[str, str]]:
    return [{"title": e.question, "payload": payload_for(e)} for e in entries]


def related_buttons(knowledge: Knowledge, entry: Entry) -> List[Dict[str, str]]:
    return buttons_for(knowledge.entries[r] for r in entry.related)


def suggestion_buttons(knowledge: Knowledge) -> List[Dict[str, str]]:
    return buttons_for(knowledge.entries[s] for s in knowledge.suggestions)


def article_name(knowledge: Knowledge) -> str:
    return f"\u201c{knowledge.title}\u201d ({knowledge.publisher}, {knowledge.published})"
