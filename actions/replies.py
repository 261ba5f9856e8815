"""Turn knowledge entries into the messages and buttons a reader sees.

Kept apart from the actions so every channel (shell, REST, web widget) gets the
same layout: the answer, then the quoted article sentences, then buttons.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Dict, Iterable, List, Tuple

from actions.knowledge import TOPIC_INTENT, Answer, Entry, Knowledge
from understanding.questions import article_facets, is_yes_no

if TYPE_CHECKING:
    from actions.answering import Part

# The widget finds the quote by this line; keep the two in step.
SOURCE_HEADING = "From the article:"


def quotes(answer: Answer) -> str:
    """The article sentences an answer rests on, under the heading the widget looks for."""
    lines = "\n".join(f"\u201c{sentence}\u201d" for sentence in answer.sources)
    return f"{SOURCE_HEADING}\n{lines}"


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


def article_reply(knowledge: Knowledge, facets: List[str]) -> Answer:
    """What the knowledge file's source block says about the article itself."""
    said = []
    for facet in facets or ["headline", "publisher", "date", "author"]:
        if facet == "headline":
            said.append(f"Its headline is \u201c{knowledge.title}\u201d.")
        elif facet == "author" and knowledge.author:
            said.append(f"It was written by {knowledge.author}.")
        elif facet == "author":
            said.append(
                f"The article doesn't say who wrote it: it is credited to "
                f"\u201c{knowledge.credit}\u201d."
            )
        elif facet == "publisher":
            said.append(f"It was published by {knowledge.publisher}.")
        elif facet == "date":
            said.append(f"It was published in {knowledge.published}.")
    if facets and "publisher" not in facets and "date" not in facets:
        said.append(f"It was published by {knowledge.publisher} in {knowledge.published}.")
    return Answer(" ".join(said), (knowledge.title, knowledge.credit))


def quotes_not_in(answer: Answer, shown: set) -> str:
    """The quote block of an answer without the sentences already shown in this reply."""
    new = tuple(s for s in answer.sources if s not in shown)
    shown.update(new)
    return quotes(Answer(answer.text, new)) if new else ""


# The reply when no part of a message could be answered, by kind.
NO_ANSWER_TEXT = {
    "clarify": "About what? Ask me about something the article covers, for example:",
    "rephrase": "Sorry, I'm not sure what you mean. Could you rephrase? You could ask:",
    "not_said": "The article doesn't say, and I only answer from the article. "
    "Here is what it does cover:",
}


# What a reply was, stored with it (BotUttered metadata; readers never see it) so
# that `make report` can list what readers asked that got no real answer.
REPLY_KIND = "reply_kind"
ANSWERED = ("answer", "article", "why", "bot")
UNANSWERED = ("rephrase", "clarify", "not_said", "partial", "off_topic", "unknown_name")


def reply_kind(parts: List["Part"]) -> str:
    """The reply's kind: "answer", or the first part that did not get one."""
    for part in parts:
        if part.kind == "why" and part.entry is not None and "reason" not in part.entry.answers:
            return "not_said"
        if part.kind not in ANSWERED:
            return part.kind
    return "answer" if parts else "rephrase"


def compose(knowledge: Knowledge, parts: List["Part"]) -> Tuple[str, List[Dict[str, str]]]:
    """One reply for every part of a question: each answer with only new quotes, then buttons."""
    shown: set = set()
    blocks: List[str] = []
    buttons: List[Dict[str, str]] = []
    for part in parts:
        block = _block(knowledge, part, shown)
        if block:
            blocks.append(block)
        if part.entry is not None:
            buttons = related_buttons(knowledge, part.entry)
        elif part.subject and not buttons:
            subject = knowledge.subjects[part.subject]
            buttons = buttons_for([knowledge.entries[subject.entry]])
    if not blocks or all(p.entry is None and p.kind not in ("article", "goodbye") for p in parts):
        buttons = buttons + [b for b in suggestion_buttons(knowledge) if b not in buttons]
    if not blocks:
        blocks.append(NO_ANSWER_TEXT["rephrase"])
    return "\n\n".join(blocks), buttons


def _as_asked(text: str, question: str) -> str:
    """An answer written for "Is the UN involved?" without its "Yes." when the reader asked
    "who is there from the UN?"."""
    if question and not is_yes_no(question):
        for reply in ("Yes. ", "No. "):
            if text.startswith(reply):
                return text[len(reply) :]
    return text


def _with_new_quotes(text: str, answer: Answer, shown: set) -> str:
    quote = quotes_not_in(answer, shown)
    return f"{text}\n\n{quote}" if quote else text


def _block(knowledge: Knowledge, part: "Part", shown: set) -> str:
    if part.kind in ("answer", "partial") and part.entry is not None and part.shown is not None:
        lead = f"{part.lead} On \u201c{part.entry.question}\u201d it says: " if part.lead else ""
        text = part.shown.text if lead else _as_asked(part.shown.text, part.question)
        return _with_new_quotes(f"{lead}{text}", part.shown, shown)
    if part.kind == "why" and part.entry is not None:
        if part.entry.why:
            return _with_new_quotes(part.entry.why.text, part.entry.why, shown)
        if "reason" in part.entry.answers:
            # The answer itself gives the reason ("saying the administration was busy").
            return _with_new_quotes(part.entry.main.text, part.entry.main, shown)
        quote = quotes_not_in(part.entry.main, shown)
        return "The article doesn't say why." + (
            f" This is all it says:\n\n{quote}" if quote else ""
        )
    if part.kind == "detail" and part.entry is not None:
        if part.entry.detail:
            return _with_new_quotes(part.entry.detail.text, part.entry.detail, shown)
        return (
            f"That's all the article says on \u201c{part.entry.question}\u201d. You might also ask:"
        )
    if part.kind == "source" and part.entry is not None:
        return (
            f"That answer rests on these sentences of {article_name(knowledge)}. "
            f"{quotes(part.entry.main)}"
        )
    if part.kind == "article":
        answer = article_reply(knowledge, article_facets(part.question))
        return _with_new_quotes(answer.text, answer, shown)
    if part.kind == "not_said" and part.subject:
        name = knowledge.subjects[part.subject].name
        return f"The article doesn't say that about {name}, and I only answer from the article."
    if part.kind == "off_topic":
        return f"Sorry, I only know about this article: {article_name(knowledge)}. You could ask:"
    if part.kind == "goodbye":
        return "Goodbye! Come back any time you have a question about the article."
    if part.kind == "bot":
        # Worded for "are you a bot?" and "are you human?" alike: no "yes" or "no".
        return (
            f"I'm a bot, not a person. I only know about this article, {article_name(knowledge)}: "
            "I answer questions about it, quoting the sentences each answer comes from, "
            "and I say so when the article doesn't."
        )
    if part.kind == "help":
        return (
            f"I answer questions about {article_name(knowledge)}, quoting the "
            "sentences each answer comes from. After an answer you can say "
            "\u201ctell me more\u201d, \u201cwhy?\u201d or \u201csource?\u201d, or ask a "
            "follow-up such as \u201cand the regime?\u201d. If the article doesn't say, "
            "I'll tell you. Try:"
        )
    return NO_ANSWER_TEXT.get(part.kind, NO_ANSWER_TEXT["rephrase"])
