"""Custom actions: every answer, quote and button comes from the knowledge file.

The knowledge file is loaded and validated once, when the action server starts;
a broken file stops the server with a message naming the file, entry and problem.
"""

from __future__ import annotations

import logging
import sys
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import TOPIC_INTENT, Entry, Knowledge, KnowledgeError, load_knowledge
from actions.mentions import KnownWords
from actions.replies import (
    article_name,
    quotes,
    related_buttons,
    suggestion_buttons,
    with_quote,
)

logger = logging.getLogger(__name__)

LAST_ENTRY_SLOT = "last_entry"


def _load_or_exit() -> Knowledge:
    try:
        knowledge = load_knowledge()
    except KnowledgeError as err:
        print("Refusing to start: the knowledge file is broken.", file=sys.stderr)
        for problem in err.problems:
            print(f"  - {problem}", file=sys.stderr)
        raise SystemExit(1)
    for sentence in knowledge.uncovered:
        logger.warning("Article sentence not quoted by any entry: %r", sentence)
    logger.info("Loaded %d knowledge entries from %s", len(knowledge.entries), knowledge.path)
    return knowledge


KNOWLEDGE = _load_or_exit()
KNOWN_WORDS = KnownWords.of(KNOWLEDGE)


class KnowledgeAction(Action, ABC):
    """Base for actions that read the knowledge file (tests pass their own)."""

    def __init__(self, knowledge: Optional[Knowledge] = None) -> None:
        self.knowledge = knowledge or KNOWLEDGE

    # Abstract so that rasa_sdk does not register the base class as an action.
    @abstractmethod
    def name(self) -> Text: ...

    def last_entry(self, tracker: Tracker) -> Optional[Entry]:
        return self.knowledge.entries.get(tracker.get_slot(LAST_ENTRY_SLOT) or "")

    def suggest(self, dispatcher: CollectingDispatcher, text: str) -> None:
        dispatcher.utter_message(text=text, buttons=suggestion_buttons(self.knowledge))

    def ask_first(self, dispatcher: CollectingDispatcher) -> List[EventType]:
        self.suggest(
            dispatcher,
            "Ask me a question about the article first, then I can tell you more. For example:",
        )
        return []


class ActionAnswer(KnowledgeAction):
    """Answers a question intent, or a who's-who question through the topic entity."""

    def __init__(self, knowledge: Optional[Knowledge] = None) -> None:
        super().__init__(knowledge)
        self.known_words = KNOWN_WORDS if knowledge is None else KnownWords.of(knowledge)

    def name(self) -> Text:
        return "action_answer"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        unknown = self.known_words.unknown_names(tracker.latest_message.get("text") or "")
        if unknown:
            # The nearest entry would answer a different question than the one asked.
            self.suggest(
                dispatcher,
                f"The article doesn't say anything about {' or '.join(unknown)}, and I only "
                "answer from the article. Here is what it does cover:",
            )
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == TOPIC_INTENT:
            entry = self.knowledge.for_topic(next(tracker.get_latest_entity_values("topic"), None))
        else:
            entry = self.knowledge.for_intent(intent)
        if entry is None:
            self.suggest(
                dispatcher,
                "The article doesn't say anything about that, and I only answer from the "
                "article. Here is what it does cover:",
            )
            return []
        dispatcher.utter_message(
            text=with_quote(entry.main), buttons=related_buttons(self.knowledge, entry)
        )
        return [SlotSet(LAST_ENTRY_SLOT, entry.id)]


class ActionTellMore(KnowledgeAction):
    """ "Tell me more": the entry's detail, or an honest "that's all" with follow-ups."""

    def name(self) -> Text:
        return "action_tell_more"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        entry = self.last_entry(tracker)
        if entry is None:
            return self.ask_first(dispatcher)
        buttons = related_buttons(self.knowledge, entry)
        if entry.detail:
            dispatcher.utter_message(text=with_quote(entry.detail), buttons=buttons)
        else:
            dispatcher.utter_message(
                text=f"That's all the article says on \u201c{entry.question}\u201d. "
                "You might also ask:",
                buttons=buttons,
            )
        return []


class ActionExplainWhy(KnowledgeAction):
    """ "Why?": the reason the article gives, or says it gives none."""

    def name(self) -> Text:
        return "action_explain_why"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        entry = self.last_entry(tracker)
        if entry is None:
            return self.ask_first(dispatcher)
        buttons = related_buttons(self.knowledge, entry)
        if entry.why:
            dispatcher.utter_message(text=with_quote(entry.why), buttons=buttons)
        else:
            dispatcher.utter_message(
                text=f"The article doesn't say why. This is all it says:\n\n{quotes(entry.main)}",
                buttons=buttons,
            )
        return []


class ActionShowSource(KnowledgeAction):
    """ "Source?": the article sentences behind the last answer."""

    def name(self) -> Text:
        return "action_show_source"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        entry = self.last_entry(tracker)
        if entry is None:
            return self.ask_first(dispatcher)
        dispatcher.utter_message(
            text=f"That answer rests on these sentences of {article_name(self.knowledge)}. "
            f"{quotes(entry.main)}",
            buttons=related_buttons(self.knowledge, entry),
        )
        return []


class ActionGreet(KnowledgeAction):
    """Greets and says what the assistant can answer."""

    def name(self) -> Text:
        return "action_greet"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        self.suggest(
            dispatcher,
            f"Hello! I answer questions about one news article: {article_name(self.knowledge)}. "
            "Ask in your own words, or pick a question:",
        )
        return []


class ActionHelp(KnowledgeAction):
    """Explains how to use the assistant."""

    def name(self) -> Text:
        return "action_help"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        self.suggest(
            dispatcher,
            f"I answer questions about {article_name(self.knowledge)}, quoting the "
            "sentences each answer comes from. After an answer you can say "
            "\u201ctell me more\u201d, \u201cwhy?\u201d or \u201csource?\u201d. "
            "If the article doesn't say, I'll tell you. Try:",
        )
        return []


class ActionDeclineOffTopic(KnowledgeAction):
    """Off-topic questions: decline, and point back to the article."""

    def name(self) -> Text:
        return "action_decline_off_topic"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        self.suggest(
            dispatcher,
            f"Sorry, I only know about this article: {article_name(self.knowledge)}. "
            "You could ask:",
        )
        return []


class ActionNotInArticle(KnowledgeAction):
    """On-topic questions the article does not answer: say so, never guess."""

    def name(self) -> Text:
        return "action_not_in_article"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        self.suggest(
            dispatcher,
            "The article doesn't say, and I only answer from the article. "
            "Here is what it does cover:",
        )
        return []


class ActionRephrase(KnowledgeAction):
    """Low-confidence input: ask to rephrase rather than guess."""

    def name(self) -> Text:
        return "action_rephrase"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        self.suggest(
            dispatcher,
            "Sorry, I'm not sure what you mean. Could you rephrase? You could ask:",
        )
        return []
