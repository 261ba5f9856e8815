"""Custom actions: every answer, quote and button comes from the knowledge file.

The knowledge file is loaded and validated when the action server starts (a
broken file stops it with a message naming the file, entry and problem), and
again after every edit (actions/live_knowledge.py): a valid edit is served from
the next message on, a broken one is logged and the previous version stays.
"""

from __future__ import annotations

import logging
import sys
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import (
    FALLBACK,
    OWN_KINDS,
    Parse,
    Part,
    Understanding,
    is_question_intent,
    plan,
    reply_without_answer,
)
from actions.context import (
    ARTICLE_CONTEXT,
    LAST_ENTRY_SLOT,
    LAST_QUESTION_SLOT,
    context_from_slots,
)
from actions.knowledge import Entry, Knowledge, KnowledgeError, load_knowledge
from actions.live_knowledge import LiveKnowledge
from actions.matching import is_about
from actions.mentions import KnownWords
from actions.replies import (
    NO_ANSWER_TEXT,
    REPLY_KIND,
    article_name,
    compose,
    reply_kind,
    suggestion_buttons,
)
from understanding.intent_model import IntentModel
from understanding.intent_model import stems as word_stems
from understanding.questions import asks_beyond, ellipsis_rest, starts_as_question

logger = logging.getLogger(__name__)


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


LIVE_KNOWLEDGE = LiveKnowledge(_load_or_exit())
_INTENT_MODEL: Optional[IntentModel] = None


def intent_model() -> IntentModel:
    """The action server's own intent model, trained once on data/nlu (about a second)."""
    global _INTENT_MODEL
    if _INTENT_MODEL is None:
        _INTENT_MODEL = IntentModel.from_nlu_files()
    return _INTENT_MODEL


class KnowledgeAction(Action, ABC):
    """Base for actions that read the knowledge file (tests pass their own)."""

    def __init__(self, knowledge: Optional[Knowledge] = None) -> None:
        self._fixed_knowledge = knowledge

    @property
    def knowledge(self) -> Knowledge:
        """The knowledge tests passed, or the knowledge file as it is now."""
        return self._fixed_knowledge or LIVE_KNOWLEDGE.current()

    # Abstract so that rasa_sdk does not register the base class as an action.
    @abstractmethod
    def name(self) -> Text: ...

    def last_entry(self, tracker: Tracker) -> Optional[Entry]:
        return self.knowledge.entries.get(tracker.get_slot(LAST_ENTRY_SLOT) or "")

    def suggest(self, dispatcher: CollectingDispatcher, text: str, kind: str) -> None:
        self.reply(dispatcher, text, suggestion_buttons(self.knowledge), kind)

    @staticmethod
    def reply(
        dispatcher: CollectingDispatcher, text: str, buttons: List[Dict[str, str]], kind: str
    ) -> None:
        dispatcher.utter_message(text=text, buttons=buttons, **{REPLY_KIND: kind})

    def ask_first(self, dispatcher: CollectingDispatcher) -> List[EventType]:
        # The same "about what?" as any follow-up with nothing before it.
        self.suggest(dispatcher, NO_ANSWER_TEXT["clarify"], "clarify")
        return []


class ActionAnswer(KnowledgeAction):
    """Answers every question: each part of it, through the conversation, honestly.

    Every question intent, and the intents that mean "no answer" (off-topic,
    not in the article, unsure, help), come here: a message such as "what is
    his job?" may look like any of them until the conversation is taken into
    account (actions/answering.py decides).
    """

    def __init__(
        self, knowledge: Optional[Knowledge] = None, model: Optional[IntentModel] = None
    ) -> None:
        super().__init__(knowledge)
        self.model = model or intent_model()
        self._derived_from: Optional[Knowledge] = None
        self._refresh()

    def _refresh(self) -> Knowledge:
        """The knowledge now, with the indexes built from it (rebuilt after an edit)."""
        knowledge = self.knowledge
        if knowledge is not self._derived_from:
            self.known_words = KnownWords.of(knowledge)
            self.understanding = Understanding.of(knowledge, self.model)
            self._derived_from = knowledge
        return knowledge

    def name(self) -> Text:
        return "action_answer"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        return self.answer(dispatcher, tracker, intent)

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, intent: Optional[str]
    ) -> List[EventType]:
        """The reply to the latest message, taken as Rasa's `intent` (None: unsure)."""
        knowledge = self._refresh()
        text = tracker.latest_message.get("text") or ""
        unknown = self.known_words.unknown_names(text)
        if unknown and (
            is_question_intent(intent) or (intent == FALLBACK and starts_as_question(text))
        ):
            # The nearest entry would answer a different question than the one asked; also
            # when Rasa was unsure of a question ("did Vladimir Putin attend in person?").
            self.suggest(
                dispatcher,
                f"The article doesn't say anything about {' or '.join(unknown)}, and I only "
                "answer from the article. Here is what it does cover:",
                "unknown_name",
            )
            return []
        if unknown:
            # Not a question Rasa recognised, and it names what the assistant has never
            # seen ("'; DROP TABLE events; --"): reply to the intent as it stands,
            # never repeating the reader's words and never guessing an answer.
            parts = [reply_without_answer(intent)]
        else:
            parse = Parse(text, intent, next(tracker.get_latest_entity_values("topic"), None))
            context = context_from_slots(
                knowledge,
                tracker.get_slot(LAST_ENTRY_SLOT),
                tracker.get_slot(LAST_QUESTION_SLOT),
            )
            parts = plan(knowledge, self.understanding, parse, context)
        message, buttons = compose(knowledge, parts)
        self.reply(dispatcher, message, buttons, reply_kind(parts))
        answered = [p for p in parts if p.entry is not None]
        if answered:
            last = answered[-1]
            entry_id = last.entry.id
        else:
            # "The article doesn't say that about Jaysh al-Islam": the conversation is
            # still about Jaysh al-Islam, so "who leads it?" can follow.
            named = [p for p in parts if p.subject and not p.aside]
            about_article = [p for p in parts if p.kind == "article"]
            if not named and about_article:
                # "who published this?": "and when did it come out?" is about the article.
                return [
                    SlotSet(LAST_ENTRY_SLOT, ARTICLE_CONTEXT),
                    SlotSet(LAST_QUESTION_SLOT, about_article[-1].question),
                ]
            if not named:
                return []
            last = named[-1]
            entry_id = knowledge.subjects[last.subject].entry
        return [SlotSet(LAST_ENTRY_SLOT, entry_id), SlotSet(LAST_QUESTION_SLOT, last.question)]


class FollowUpAction(ActionAnswer):
    """A follow-up about the last answer, laid out as the same part inside a longer reply."""

    part_kind = ""

    # Abstract, as above: only the follow-ups below are actions.
    @abstractmethod
    def name(self) -> Text: ...

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if not text.startswith("/") and asks_beyond(text, OWN_KINDS[self.part_kind]):
            # "when did that start?" taken by Rasa for "source?": a question of its own.
            return self.answer(dispatcher, tracker, None)
        entry = self.last_entry(tracker)
        named = {m.subject for m in self.knowledge.mentions(text)}
        if named and (
            entry is None
            or not is_about(self.knowledge, entry, tuple(named))
            or self._asks_the_same_of_another(entry, text, named)
        ):
            # "why Geneva?" or "tell me more about Iran" names what it is about: a question
            # of its own, also with nothing before it.
            return self.answer(dispatcher, tracker, None)
        about_article = tracker.get_slot(LAST_ENTRY_SLOT) == ARTICLE_CONTEXT
        if entry is None and not about_article:
            return self.ask_first(dispatcher)
        told = None if entry is None or named else self._told_again(entry, text)
        # "and the date?" or "tell me more" after who published the article: about it.
        parts = [
            Part("article", question=text)
            if entry is None
            else told or Part(self.part_kind, entry=entry)
        ]
        message, buttons = compose(self.knowledge, parts)
        self.reply(dispatcher, message, buttons, reply_kind(parts))
        return []

    @staticmethod
    def _told_again(entry: Entry, text: str) -> Optional[Part]:
        """ "and what about aid?" right after what the rebels want: the part of the last
        entry (its answer, else its "tell me more") that tells of it, not more than that."""
        rest = ellipsis_rest(text)
        asked = set(word_stems(rest).split()) if rest else set()
        if not asked:
            return None
        for shown in (entry.main, entry.detail):
            if shown is not None and asked <= set(word_stems(shown.text).split()):
                return Part("answer", entry=entry, shown=shown, question=text)
        return None

    def _asks_the_same_of_another(self, entry: Entry, text: str, named: set) -> bool:
        """ "and Moscow?" after Turkey's answer, which names Russia too: the last question
        asked again of Russia, not more of Turkey's answer."""
        own = self.knowledge.subject_of_entry(entry)
        return ellipsis_rest(text) is not None and (own is None or own.id not in named)


class ActionTellMore(FollowUpAction):
    """ "Tell me more": the entry's detail, or an honest "that's all" with follow-ups."""

    part_kind = "detail"

    def name(self) -> Text:
        return "action_tell_more"


class ActionExplainWhy(FollowUpAction):
    """ "Why?": the reason the article gives, or says it gives none."""

    part_kind = "why"

    def name(self) -> Text:
        return "action_explain_why"


class ActionShowSource(FollowUpAction):
    """ "Source?": the article sentences behind the last answer."""

    part_kind = "source"

    def name(self) -> Text:
        return "action_show_source"


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
            "greeting",
        )
        return []


class ActionRephrase(KnowledgeAction):
    """Low-confidence input: ask to rephrase rather than guess."""

    def name(self) -> Text:
        return "action_rephrase"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        self.suggest(dispatcher, NO_ANSWER_TEXT["rephrase"], "rephrase")
        return []
