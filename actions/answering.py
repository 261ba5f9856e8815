"""Decide what to answer: every part of a question, through the conversation, honestly.

A message is split into its questions; each is resolved against what the
conversation was about (actions/context.py), matched to a knowledge entry, and
checked against what that entry actually settles. A question that presupposes
what the article does not give (a date, a number, an outcome, who attended)
gets "The article doesn't say ..." before what it does say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from actions.context import (
    BARE,
    ELLIPSIS,
    PLAIN,
    UNRESOLVED,
    Context,
    Resolved,
    resolve,
)
from actions.knowledge import (
    QUESTION_INTENT_PREFIX,
    TOPIC_INTENT,
    Answer,
    Entry,
    Knowledge,
    NotSaid,
)
from actions.mentions import KnownWords
from understanding.intent_model import IntentModel, TextIndex, stems, training_examples
from understanding.questions import (
    asks_who_acts,
    counted_nouns,
    counts_noun,
    counts_same,
    indirect_count_question,
    is_about_article,
    is_bare_follow_up,
    kinds_asked,
    mentions_noun,
    points_at_someone,
    split_clauses,
    starts_as_question,
)

ARTICLE_INTENT = "ask_about_article"
OFF_TOPIC, NOT_IN_ARTICLE, FALLBACK, HELP = (
    "out_of_scope",
    "ask_not_in_article",
    "nlu_fallback",
    "help",
)
WHY_INTENT = "ask_why"
# Follow-ups about the last answer, and the reply part each gets.
FOLLOW_UP_PARTS = {WHY_INTENT: "why", "tell_more": "detail", "ask_source": "source"}
NO_ANSWER_INTENTS = (OFF_TOPIC, NOT_IN_ARTICLE)
# Messages longer than this are not split or resolved: a paste is not a conversation.
_LONGEST_QUESTION = 300
_MOST_PARTS = 4
# How sure the action server's own model must be that a rewritten question is off-topic.
_SURE = 0.5
# How sure it must be of an entry when Rasa was unsure and the question names nothing.
_LIKELY = 0.35


@dataclass(frozen=True)
class Part:
    """One answered question: the entry (if any), what is shown, and how it was understood."""

    # answer | partial | why | detail | source | article | not_said | off_topic | clarify
    # | rephrase | help
    kind: str
    entry: Optional[Entry] = None
    shown: Optional[Answer] = None
    lead: str = ""
    question: str = ""
    subject: Optional[str] = None


# Generic wording when an entry says nothing of the kind asked and has no `not_said` for it.
_GENERIC_GAP = {
    "when": "when that happened",
    "date": "the exact date",
    "count": "how many",
    "outcome": "whether that happened or how it turned out",
    "attendance": "who attended in person",
    "hour": "the time of day",
    "statement": "what anyone said at the talks",
    "reason": "why",
}


@dataclass(frozen=True)
class Parse:
    """What Rasa understood of the whole message."""

    text: str
    intent: Optional[str]
    topic: Optional[str] = None


def plan(
    knowledge: Knowledge, understanding: Understanding, parse: Parse, context: Context
) -> List[Part]:
    """The parts of the reply, one per question in the message."""
    text = parse.text.strip()
    if text.startswith("/"):
        # A clicked button names its intent: what was asked is its entry's question,
        # which is also what a follow-up after it leans on.
        entry = _entry_for_intent(knowledge, parse.intent or "", parse.topic, ())
        if entry is not None:
            return [Part("answer", entry=entry, shown=entry.main, question=entry.question)]
    pasted = len(text) > _LONGEST_QUESTION
    clauses = [text] if pasted else split_clauses(text)[:_MOST_PARTS]
    parts: List[Part] = []
    for clause in clauses:
        resolved = (
            Resolved(clause, clause, PLAIN) if pasted else resolve(knowledge, clause, context)
        )
        whole = len(clauses) == 1 and resolved.how == PLAIN
        part = _plan_one(knowledge, understanding, parse if whole else None, resolved, context)
        parts.append(part)
        if part.entry is not None:
            context = Context(part.entry, part.question or resolved.text)
    return _without_repeats(parts)


def _plan_one(
    knowledge: Knowledge,
    understanding: Understanding,
    parse: Optional[Parse],
    resolved: Resolved,
    context: Context,
) -> Part:
    if is_about_article(resolved.original):
        return Part("article", question=resolved.text)
    if resolved.how == UNRESOLVED:
        # Leans on something, but nothing came before: "when?" or "what does he
        # want?" asks "about what?"; anything naming a subject is answered as it stands.
        if is_bare_follow_up(resolved.original) or (
            not resolved.subjects and points_at_someone(resolved.original)
        ):
            return Part("clarify", question=resolved.text)
        resolved = Resolved(resolved.original, resolved.text, PLAIN, resolved.subjects)
    if resolved.how == BARE:
        return _bare(knowledge, understanding, resolved, context)
    if resolved.subjects and asks_what_the_article_never_covers(understanding, resolved):
        return _no_answer(NOT_IN_ARTICLE, resolved)

    if parse is not None and parse.intent not in (FALLBACK, HELP, *NO_ANSWER_INTENTS, None):
        if parse.intent == ARTICLE_INTENT:
            return Part("article", question=resolved.text)
        entry = _entry_for_intent(knowledge, parse.intent, parse.topic, resolved.subjects)
        if entry is None:
            return _no_answer(NOT_IN_ARTICLE, resolved)
        entry = _on_the_last_subject(knowledge, understanding, resolved, context, entry) or entry
        return _checked(
            knowledge, understanding, _agent_if_asked(knowledge, entry, resolved), resolved
        )

    probabilities = understanding.model.probabilities(resolved.text)
    top = max(probabilities, key=probabilities.get)
    ranked = entry_ranking(
        knowledge, understanding, resolved.text, resolved.subjects, probabilities
    )
    presupposes = bool(kinds_asked(resolved.original) or counted_nouns(resolved.original))
    if top in FOLLOW_UP_PARTS and context.entry is not None and probabilities[top] >= _SURE:
        # "can you tell me a bit more?" taken by Rasa for off-topic: after an
        # answer, a clear follow-up is about that answer.
        return Part(FOLLOW_UP_PARTS[top], entry=context.entry, question=context.question or "")
    if parse is not None and parse.intent in NO_ANSWER_INTENTS:
        # "How many prisoners do the rebels want freed?" is on-topic: what the
        # article does say, after what it doesn't.
        if presupposes and not understanding.article_words.unknown_names(resolved.original):
            entry = _best_entry(knowledge, ranked, resolved.subjects)
            if not resolved.subjects:
                entry = _worded_entry(knowledge, understanding, resolved.text)
            part = _checked(knowledge, understanding, entry, resolved) if entry else None
            if part is not None and part.kind == "partial":
                return part
        return _no_answer(parse.intent, resolved)
    if top in NO_ANSWER_INTENTS and probabilities[top] >= _SURE and resolved.how != ELLIPSIS:
        return _no_answer(top, resolved)
    if top == ARTICLE_INTENT:
        return Part("article", question=resolved.text)
    if top == WHY_INTENT and context.entry is not None:
        # Less sure than above, but a "why" right after an answer is about it.
        return Part("why", entry=context.entry, question=context.question or "")

    subjects = resolved.subjects
    if not subjects:
        if parse is not None and parse.intent == HELP:
            return Part("help")
        best, score = ranked[0]
        if score >= _LIKELY:
            # Rasa was unsure, but the question points to one entry clearly enough.
            return _checked(knowledge, understanding, best, resolved)
        worded = _worded_entry(knowledge, understanding, resolved.text)
        if worded is not None:
            # "did the besieged towns receive aid?": no training phrasing is
            # close, but its words are those of one answer.
            return _checked(knowledge, understanding, worded, resolved)
        # Unsure, names nothing: a short question right after an answer is about it.
        if (
            context.entry is not None
            and starts_as_question(resolved.text)
            and len(resolved.text.split()) <= 8
        ):
            subject = knowledge.subject_of_entry(context.entry)
            subjects = (subject.id,) if subject else ()
        elif parse is not None:
            return Part("rephrase")
    if subjects != resolved.subjects:
        ranked = entry_ranking(knowledge, understanding, resolved.text, subjects, probabilities)
    entry = _best_entry(knowledge, ranked, subjects)
    if entry is None:
        return Part("rephrase")
    return _checked(knowledge, understanding, _agent_if_asked(knowledge, entry, resolved), resolved)


# A question this short that names nothing may be about the last answer's subject.
_SHORT_QUESTION_WORDS = 4


def _on_the_last_subject(
    knowledge: Knowledge,
    understanding: Understanding,
    resolved: Resolved,
    context: Context,
    matched: Entry,
) -> Optional[Entry]:
    """ "who's mediating?" right after the Geneva answer: the entry about Geneva that says so.

    Only for a short question naming nothing, and only an entry about the last
    answer's subject that shares more of the question's words ("UN-mediated")
    than the matched entry does.
    """
    if resolved.subjects or context.entry is None:
        return None
    if len(resolved.original.split()) > _SHORT_QUESTION_WORDS:
        return None
    subject = knowledge.subject_of_entry(context.entry)
    if subject is None:
        return None
    similarity = understanding.index.similarities(resolved.text)
    about = [
        e
        for e in knowledge.entries.values()
        if _is_about(knowledge, e, (subject.id,)) and similarity[e.id] > similarity[matched.id]
    ]
    return max(about, key=lambda e: similarity[e.id], default=None)


def _agent_if_asked(knowledge: Knowledge, entry: Entry, resolved: Resolved) -> Entry:
    """ "who backs the regime?" matched to "who is the regime": the backer's entry instead."""
    if entry.topic and resolved.subjects and asks_who_acts(resolved.original):
        return _someone_else(knowledge, resolved) or entry
    return entry


def _someone_else(knowledge: Knowledge, resolved: Resolved) -> Optional[Entry]:
    """For "who backs the regime?": the entry saying who does that to the regime.

    That is an entry, other than "who is the regime", with a sentence where
    one of the question's other words ("backer" for "backs") stands close to
    the regime's name; with none, the regime's own entry stays.
    """
    own = {knowledge.subjects[s].entry for s in resolved.subjects}
    action = set(stems(without_names(resolved.text, knowledge.mentions(resolved.text))).split())
    if not action:
        return None
    best: Tuple[int, Optional[Entry]] = (_NEAR_ENOUGH + 1, None)
    for entry in knowledge.entries.values():
        if entry.id in own:
            continue
        for sentence in (*_sentences_of(entry.main.text), *entry.main.sources):
            distance = _distance(knowledge, sentence, action, resolved.subjects)
            if distance < best[0]:
                best = (distance, entry)
    return best[1]


# How many words may stand between "backer" and "the Syrian opposition".
_NEAR_ENOUGH = 4


def _distance(knowledge: Knowledge, sentence: str, action: set, subjects: Sequence[str]) -> int:
    """Fewest words between one of the action's words and a name of one of the subjects."""
    names = [m for m in knowledge.mentions(sentence) if m.subject in subjects]
    if not names:
        return _NEAR_ENOUGH + 1
    words = list(re.finditer(r"[\w']+", sentence))
    distances = [
        len([w for w in words if min(m.end, word.end()) <= w.start() < max(m.start, word.start())])
        for word in words
        if stems(word.group(0)) in action
        for m in names
    ]
    return min(distances, default=_NEAR_ENOUGH + 1)


def _sentences_of(text: str) -> List[str]:
    return [s for s in re.split(r"(?<=[.;])\s+", text) if s]


def without_names(text: str, mentions: Sequence) -> str:
    """A text with the subjects it names taken out: what it asks about them."""
    for mention in sorted(mentions, key=lambda m: -m.start):
        text = text[: mention.start] + " " + text[mention.end :]
    return text


def _bare(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, context: Context
) -> Part:
    """ "since when?", "how many?": the last answer if it says, else a related one, else say so."""
    asked = kinds_asked(resolved.original)
    last = context.entry
    assert last is not None
    if asked <= last.answers:
        return Part("answer", entry=last, shown=last.main, question=context.question or "")
    probabilities = understanding.model.probabilities(resolved.text)
    ranked = entry_ranking(
        knowledge, understanding, resolved.text, resolved.subjects, probabilities
    )
    for entry, _ in ranked:
        if asked <= entry.answers and _is_about(knowledge, entry, resolved.subjects):
            return Part("answer", entry=entry, shown=entry.main, question=resolved.text)
    return _gap(knowledge, understanding, last, sorted(asked - last.answers), resolved)


def _entry_for_intent(
    knowledge: Knowledge, intent: str, topic: Optional[str], subjects: Sequence[str]
) -> Optional[Entry]:
    if intent == TOPIC_INTENT:
        entry = knowledge.for_topic(topic) if topic else None
        if entry is None and subjects:
            entry = knowledge.entries.get(knowledge.subjects[subjects[0]].entry)
        return entry
    return knowledge.for_intent(intent)


@dataclass(frozen=True)
class Understanding:
    """The action server's own means of reading a rewritten or partial question."""

    model: IntentModel
    # Each entry's question, answer, quotes and what it says the article doesn't.
    index: TextIndex
    # Each `not_said`, alone, to find the one that words a question best.
    gaps: TextIndex
    # What the article can speak of: a question naming anything else is not on its subject.
    article_words: KnownWords
    # Words (stemmed) that the training data uses only in questions the article can't
    # answer and the article never uses: "population", "tall", "language".
    unanswerable_words: FrozenSet[str] = frozenset()

    @classmethod
    def of(cls, knowledge: Knowledge, model: IntentModel) -> Understanding:
        entries = knowledge.entries.values()
        documents = {
            e.id: " ".join(
                [e.question, e.main.text, *e.main.sources, *(g.text for g in e.not_said.values())]
            )
            for e in entries
        }
        gaps = {gap_key(e.id, kind): gap.text for e in entries for kind, gap in e.not_said.items()}
        return cls(
            model,
            TextIndex(documents),
            TextIndex(gaps),
            KnownWords.of_article(knowledge),
            _unanswerable_words(knowledge),
        )


def _unanswerable_words(knowledge: Knowledge) -> FrozenSet[str]:
    """Stems only the no-answer training examples use, outside names and the article's words."""
    no_answer, answerable = set(), set()
    for text, intent in training_examples():
        words = set(stems(without_names(text, knowledge.mentions(text))).split())
        (no_answer if intent in NO_ANSWER_INTENTS else answerable).update(words)
    article = stems(" ".join([knowledge.article_path.read_text(), knowledge.path.read_text()]))
    return frozenset(no_answer - answerable - set(article.split()))


def asks_what_the_article_never_covers(understanding: Understanding, resolved: Resolved) -> bool:
    """ "how tall is Donald Trump?": a named subject, asked about with a word only
    no-answer examples use. A question of a kind the article may settle in part
    ("did the rebels win?") is left to the honest partial answer."""
    if kinds_asked(resolved.original) or counted_nouns(resolved.original):
        return False
    words = set(stems(resolved.original).split())
    return bool(words & understanding.unanswerable_words)


def gap_key(entry_id: str, kind: str) -> str:
    return f"{entry_id} {kind}"


# How much the words an answer shares with the question count beside the classifier.
_WORDING_WEIGHT = 0.5
# "what about Turkey?" is first of all about Turkey's own entry, not one that names it.
_OWN_ENTRY_BONUS = 0.3


def entry_ranking(
    knowledge: Knowledge,
    understanding: Understanding,
    text: str,
    subjects: Sequence[str],
    probabilities: Dict[str, float],
) -> List[Tuple[Entry, float]]:
    """Entries by how likely they answer `text`: the classifier's intent plus shared wording."""
    similarity = understanding.index.similarities(text)
    # Only the main subject's own entry: in "what does Assad's regime want?" it is the regime.
    own = {knowledge.subjects[subjects[0]].entry} if subjects else set()
    scored = []
    for entry in knowledge.entries.values():
        if entry.topic:
            p = probabilities.get(TOPIC_INTENT, 0.0) if entry.id in own else 0.0
        else:
            p = probabilities.get(entry.intent, 0.0)
        bonus = _OWN_ENTRY_BONUS if entry.id in own else 0.0
        scored.append((entry, p + _WORDING_WEIGHT * similarity[entry.id] + bonus))
    return sorted(scored, key=lambda pair: -pair[1])


# How much wording a question must share with one entry's text alone to be about it.
_WORDED = 0.35


def _worded_entry(knowledge: Knowledge, understanding: Understanding, text: str) -> Optional[Entry]:
    """The entry whose question, answer and quotes share most of a question's words, if clearly."""
    similarity = understanding.index.similarities(text)
    best = max(similarity, key=similarity.get)
    return knowledge.entries[best] if similarity[best] >= _WORDED else None


def _is_about(knowledge: Knowledge, entry: Entry, subjects: Sequence[str]) -> bool:
    """Whether an entry names one of the subjects, or is one's "what about X?" entry."""
    return any(s in entry.about or knowledge.subjects[s].entry == entry.id for s in subjects)


def _best_entry(
    knowledge: Knowledge, ranked: List[Tuple[Entry, float]], subjects: Sequence[str]
) -> Optional[Entry]:
    """The most likely entry that is about one of the question's subjects (any, if none)."""
    return next((e for e, _ in ranked if not subjects or _is_about(knowledge, e, subjects)), None)


def _checked(
    knowledge: Knowledge, understanding: Understanding, entry: Entry, resolved: Resolved
) -> Part:
    """The entry's answer, or "doesn't say" first when it does not settle what was asked."""
    missing = set(kinds_asked(resolved.original) - entry.answers)
    nouns = counted_nouns(resolved.original)
    if nouns and not counts_noun(entry.main.text, nouns):
        # "How many rebels left?" is not settled by "five years".
        missing.add("count")
    if missing == {"count"} and _no_figure_about(knowledge, resolved.subjects):
        # "how old is Bashar al-Assad?": the article gives no figure about him at
        # all, so there is nothing related to show; only that it doesn't say.
        return _no_answer(NOT_IN_ARTICLE, resolved)
    if missing:
        return _gap(knowledge, understanding, entry, sorted(missing), resolved)
    return Part("answer", entry=entry, shown=entry.main, question=resolved.text)


def _no_figure_about(knowledge: Knowledge, subjects: Sequence[str]) -> bool:
    """Whether no entry about these subjects gives a figure or says which it doesn't give."""
    return bool(subjects) and not any(
        "count" in e.answers or "count" in e.not_said
        for e in knowledge.entries.values()
        if _is_about(knowledge, e, subjects)
    )


def _gap(
    knowledge: Knowledge,
    understanding: Understanding,
    entry: Entry,
    missing: List[str],
    resolved: Resolved,
) -> Part:
    """Say what the article doesn't, in the `not_said` words closest to the question's.

    Any entry's `not_said` of the kind asked may word it best ("did the fighters
    agree to abandon their posts?" is about the regime's demand, whatever entry
    the question was matched to); with no words shared, the matched entry's
    own comes first, then those of the question's subjects. A count of
    something no `not_said` names ("how many towns are besieged?") is said in
    the reader's own words, beside what the article says about that thing.
    """
    near = [entry.id] + [knowledge.subjects[s].entry for s in resolved.subjects]
    # The reader's own words: a name put in for "they" would weigh more than it says.
    similarity = understanding.gaps.similarities(resolved.original)
    # Another entry's gap must share words other than names: "Assad" alone does not make
    # "what will become of Assad's future" what "did Obama ever try talks with Assad?" means.
    asked = without_names(resolved.original, knowledge.mentions(resolved.original))
    worded = understanding.gaps.similarities(asked)
    nouns = counted_nouns(resolved.original)
    candidates = [
        (similarity[gap_key(e.id, kind)], e, e.not_said[kind])
        for e in knowledge.entries.values()
        for kind in missing
        if kind in e.not_said
        and (kind != "count" or counts_same(e.not_said[kind].text, nouns))
        # A question naming Jaysh al-Islam is not answered by what the truce entry lacks.
        and (e is entry or not resolved.subjects or _is_about(knowledge, e, resolved.subjects))
        and (e.id in near or worded[gap_key(e.id, kind)] > 0)
    ]
    if not candidates:
        counted = indirect_count_question(resolved.original) if nouns else None
        lead = f"The article doesn't say {counted or _GENERIC_GAP[missing[0]]}."
        shown = entry
        if not _is_about(knowledge, entry, resolved.subjects):
            shown = _entry_naming(knowledge, understanding, nouns, resolved.original) or entry
        return Part("partial", shown, shown.main, lead, resolved.text)

    def closeness(candidate: Tuple[float, Entry, NotSaid]) -> Tuple[float, int]:
        score, owner, _ = candidate
        return (-score, near.index(owner.id) if owner.id in near else len(near))

    _, owner, gap = min(candidates, key=closeness)
    shown = knowledge.entries[gap.instead] if gap.instead else owner
    lead = f"The article doesn't say {gap.text}."
    return Part("partial", shown, shown.main, lead, resolved.text)


def _entry_naming(
    knowledge: Knowledge, understanding: Understanding, nouns: List[str], question: str
) -> Optional[Entry]:
    """The entry whose answer or quotes name a counted thing, closest in wording first."""
    if not nouns:
        return None
    similarity = understanding.index.similarities(question)
    naming = [
        e
        for e in knowledge.entries.values()
        if any(mentions_noun(" ".join([e.main.text, *e.main.sources]), n) for n in nouns)
    ]
    return max(naming, key=lambda e: similarity[e.id], default=None)


def is_question_intent(intent: Optional[str]) -> bool:
    """An intent that asks for an answer from the knowledge file."""
    return bool(intent) and intent.startswith(QUESTION_INTENT_PREFIX) and intent != NOT_IN_ARTICLE


def reply_without_answer(intent: Optional[str]) -> Part:
    """The reply an intent that is no question gets on its own: decline, help or rephrase."""
    kinds = {OFF_TOPIC: "off_topic", NOT_IN_ARTICLE: "not_said", HELP: "help"}
    return Part(kinds.get(intent or "", "rephrase"))


def _no_answer(intent: str, resolved: Resolved) -> Part:
    subject = resolved.subjects[0] if resolved.subjects else None
    kind = "off_topic" if intent == OFF_TOPIC and subject is None else "not_said"
    return Part(kind, question=resolved.text, subject=subject)


def _without_repeats(parts: List[Part]) -> List[Part]:
    """One answer per entry, and one reply of each no-answer kind."""
    seen: Dict[Tuple[str, Optional[str]], bool] = {}
    kept = []
    for part in parts:
        key = (part.kind, part.shown.text if part.shown else part.subject)
        if key not in seen:
            seen[key] = True
            kept.append(part)
    return kept
