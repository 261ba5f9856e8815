"""Which knowledge entry a question is about, beyond what Rasa's intent says.

The action server's own reading of a question: its intent model and wording
indexes (`Understanding`), how entries rank for a rewritten or unsure
question, and the corrections made to Rasa's choice ("who backs the regime?"
is not "who is the regime"; "who's mediating?" right after the Geneva answer
is about Geneva). actions/answering.py decides the reply with these.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from actions.context import REFERENCE, Context, Resolved, names_an_actor
from actions.knowledge import TOPIC_INTENT, Answer, Entry, Knowledge, Subject, both_sides
from actions.mentions import KnownWords
from understanding.intent_model import (
    IntentModel,
    TextIndex,
    stems,
    training_examples,
    translated_stems,
)
from understanding.questions import (
    AUXILIARY_STEMS,
    BEFORE_WORDS,
    NAMED_KINDS_NOUNS,
    asks_where,
    asks_who,
    asks_who_acts,
    asks_who_leads,
    asks_who_speaks_for,
    attendance_words,
    kinds_asked,
    mentions_before,
    presupposes,
    tells_about_before,
    verb_of_who_did,
    without_spans,
    without_time_before,
)

OFF_TOPIC, NOT_IN_ARTICLE = "out_of_scope", "ask_not_in_article"
# Intents whose training examples are questions the article cannot answer.
NO_ANSWER_INTENTS = (OFF_TOPIC, NOT_IN_ARTICLE)


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
    # Every word (stemmed) the training data, the article or the knowledge file uses.
    known_words: FrozenSet[str] = frozenset()
    # For each entry, the words (stemmed, names aside) of its question, answer and quotes.
    entry_words: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    # For each entry, the words (stemmed) of its text that at most one other entry uses.
    telling_words: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    # The words (stemmed, names aside) of the examples asking about a subject by name.
    profile_request_words: FrozenSet[str] = frozenset()
    # For each intent, the words (stemmed, names aside) of its training examples.
    intent_words: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    # For each person, what the article's sentences put right before their name ("its
    # ambassador to the UN"): the words (stemmed) and the subjects named there.
    descriptions: Dict[str, List[Tuple[FrozenSet[str], FrozenSet[str]]]] = field(
        default_factory=dict
    )
    # The answers (main or detail, keyed "entry part") that tell how things were before,
    # and the subjects their sentences saying so name.
    earlier: Optional[TextIndex] = None
    earlier_about: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    # Each entry's "tell me more" answer, to find a question only a detail answers.
    details: Optional[TextIndex] = None

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
        unanswerable, known, profile_request_words, intent_words = _words_of(knowledge)
        words = {key: words_without_names(knowledge, text) for key, text in documents.items()}
        return cls(
            model,
            TextIndex(documents),
            TextIndex(gaps),
            KnownWords.of_article(knowledge),
            unanswerable,
            known | frozenset(stems(f"{NAMED_KINDS_NOUNS} {BEFORE_WORDS}").split()),
            words,
            _telling_words(words),
            profile_request_words,
            intent_words,
            _descriptions(knowledge),
            *_earlier_index(knowledge),
            details=TextIndex(
                {
                    e.id: " ".join([e.detail.text, *e.detail.sources])
                    for e in entries
                    if e.detail is not None
                }
            ),
        )

    def earlier_answer(
        self,
        knowledge: Knowledge,
        text: str,
        subjects: Sequence[str],
        current: Optional[Entry] = None,
    ) -> Optional[Tuple[Entry, Answer]]:
        """ "who used to represent the opposition?": the answer telling how it was, whose
        words (names aside) the question shares most; when the question names subjects,
        one whose sentence telling so names one of them (then sharing no other word is
        enough: "who spoke for the opposition until now?")."""
        if self.earlier is None:
            return None
        asked = without_time_before(text)
        asked = _without_people_adjectives(
            knowledge, without_names(asked, knowledge.mentions(asked))
        )
        similarity = self.earlier.similarities(asked)
        fitting = [k for k in similarity if not subjects or self.earlier_about[k] & set(subjects)]
        who = asks_who(text)

        def rank(k: str) -> Tuple[float, bool, bool, bool]:
            # Alike in words, "who spoke for the opposition in earlier years?" is told by an
            # answer about the opposition (not only the talks) naming someone else than it,
            # and by a main answer first.
            about = self.earlier_about[k]
            besides = [s for s in about if s not in subjects]
            return (
                similarity[k],
                names_an_actor(knowledge, [s for s in subjects if s in about]),
                who and names_an_actor(knowledge, besides),
                k.endswith(" main"),
            )

        key = max(fitting, key=rank, default=None)
        if key is None or (similarity[key] <= 0 and not subjects):
            return None
        # The matched entry's own answer may tell it as well ("were there talks before?").
        own = f"{current.id} main" if current is not None else ""
        if own in fitting and similarity[own] >= similarity[key]:
            return None
        entry_id, part = key.split()
        entry = knowledge.entries[entry_id]
        return entry, getattr(entry, part)

    def entry_by_telling_words(self, knowledge: Knowledge, text: str) -> Optional[Entry]:
        """Of the entries using a word of the question that one or two entries alone use,
        the one sharing most of its words; none if the question has a word no data uses
        ("how do vaccines work?" is not about whether earlier talks worked) or only
        off-topic examples use ("the best pizza in town" is not about the besieged towns),
        unless it asks whether something happened ("did any fighter accept immunity?")."""
        off_the_article = self.unseen_words(text, knowledge.mentions(text)) or (
            set(stems(text).split()) & self.off_topic_words
        )
        if off_the_article and not presupposes(text):
            return None
        told = self.entries_told(without_names(text, knowledge.mentions(text)))
        similarity = self.index.similarities(text)
        return max(
            (knowledge.entries[e] for e in told), key=lambda e: similarity[e.id], default=None
        )

    @functools.cached_property
    def off_topic_words(self) -> FrozenSet[str]:
        """The stems only off-topic examples use: "pizza", not the "receive" of "did the
        towns receive aid?", which the article cannot answer but is about. Worked out once."""
        return self.unanswerable_words - self.intent_words.get(NOT_IN_ARTICLE, frozenset())

    @functools.cached_property
    def answer_words(self) -> FrozenSet[str]:
        """Every word (stemmed, names aside) some entry's question, answer or quotes use."""
        return frozenset().union(*self.entry_words.values())

    def entries_told(self, text: str) -> FrozenSet[str]:
        """The entries a text (names aside) uses a telling word of ("immunity")."""
        words = set(stems(text).split())
        return frozenset(e for e, telling in self.telling_words.items() if words & telling)

    def knows_a_word_of(self, text: str) -> bool:
        """Whether a text has a word (not a stop word) that some data uses."""
        return bool(set(stems(text).split()) & self.known_words)

    def unseen_words(self, text: str, mentions: Sequence) -> FrozenSet[str]:
        """The question's words (stemmed, names aside) that no example, article or entry uses.

        A stem that is a common word ("keep" of "keeping") is never unseen: the article's
        own "keep" was left out as a stop word before stemming."""
        words = frozenset(stems(without_names(text, mentions)).split())
        return words - self.known_words - ENGLISH_STOP_WORDS


# A word used by this many entries or fewer tells which entry a question is about.
_TELLING_IN_AT_MOST = 3


# How many words before a name describe its person ("the Syrian regime has sent its
# ambassador to the UN Bashar al-Jaafri").
_DESCRIPTION_WORDS = 10


def _descriptions(knowledge: Knowledge) -> Dict[str, List[Tuple[FrozenSet[str], FrozenSet[str]]]]:
    sentences = {q for e in knowledge.entries.values() for q in e.main.sources}
    found: Dict[str, List[Tuple[FrozenSet[str], FrozenSet[str]]]] = {}
    for sentence in sentences:
        mentions = knowledge.mentions(sentence)
        for mention in mentions:
            if knowledge.subjects[mention.subject].kind != "person":
                continue
            before = sentence[: mention.start].split()[-_DESCRIPTION_WORDS:]
            window = " ".join(before)
            named = frozenset(m.subject for m in knowledge.mentions(window))
            found.setdefault(mention.subject, []).append((frozenset(stems(window).split()), named))
    return found


def person_described(
    knowledge: Knowledge, understanding: Understanding, description: str
) -> Optional[Subject]:
    """ "the Syrian ambassador to the UN": the one person the article describes so, right
    before their name, in every word (stemmed) and every subject the description uses."""
    mentions = knowledge.mentions(description)
    if any(knowledge.subjects[m.subject].kind == "person" for m in mentions):
        return None
    words = frozenset(stems(without_names(description, mentions)).split())
    if not words:
        return None

    def fits(said: FrozenSet[str], subjects: FrozenSet[str]) -> bool:
        # A subject named in the description is named there too, or in the same words
        # ("Syrian" of "the Syrian regime").
        return words <= said and all(
            m.subject in subjects or set(stems(description[m.start : m.end]).split()) <= said
            for m in mentions
        )

    fitting = [
        person
        for person, found in understanding.descriptions.items()
        if any(fits(said, subjects) for said, subjects in found)
    ]
    return knowledge.subjects[fitting[0]] if len(fitting) == 1 else None


def _earlier_index(
    knowledge: Knowledge,
) -> Tuple[Optional[TextIndex], Dict[str, FrozenSet[str]]]:
    texts, about = {}, {}
    for e in knowledge.entries.values():
        for part, answer in (("main", e.main), ("detail", e.detail)):
            if answer is None or not tells_about_before(answer.text):
                continue
            key = f"{e.id} {part}"
            texts[key] = " ".join([answer.text, *answer.sources])
            about[key] = frozenset(
                m.subject
                for sentence in sentences_of(answer.text)
                if tells_about_before(sentence)
                for m in knowledge.mentions(sentence)
            )
    return (TextIndex(texts) if texts else None), about


def actors_named(knowledge: Knowledge, resolved: Resolved) -> List[str]:
    """The people, groups and countries a question names, in order: not places or events,
    which also name what happens there."""
    return [s for s in resolved.subjects if knowledge.subjects[s].kind not in ("place", "event")]


def words_without_names(knowledge: Knowledge, text: str) -> FrozenSet[str]:
    """The stems of a text's words besides the names of subjects in it."""
    words = frozenset(stems(without_names(text, knowledge.mentions(text))).split())
    return words - knowledge.people_adjective_stems


def _without_people_adjectives(knowledge: Knowledge, text: str) -> str:
    """A text without "Syrian": in most names, it weighs as much as a name would."""
    return " ".join(w for w in text.split() if stems(w) not in knowledge.people_adjective_stems)


def _telling_words(words: Dict[str, FrozenSet[str]]) -> Dict[str, FrozenSet[str]]:
    used_by: Dict[str, int] = {}
    for found in words.values():
        for word in found:
            used_by[word] = used_by.get(word, 0) + 1
    return {
        key: frozenset(w for w in found if used_by[w] <= _TELLING_IN_AT_MOST)
        for key, found in words.items()
    }


def _words_of(
    knowledge: Knowledge,
) -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str], Dict[str, FrozenSet[str]]]:
    """Stems only the no-answer training examples use (outside names and the article's
    words), every stem that the training data, the article or the knowledge file uses,
    the stems (names aside) of the examples asking about a subject by name, and each
    intent's; one reading of the training data for all four."""
    no_answer, answerable, profile_request = set(), set(), set()
    by_intent: Dict[str, set] = {}
    for text, intent in training_examples():
        words = words_without_names(knowledge, text)
        (no_answer if intent in NO_ANSWER_INTENTS else answerable).update(words)
        by_intent.setdefault(intent, set()).update(words)
        if intent == TOPIC_INTENT:
            profile_request.update(words)
    article = stems(" ".join([knowledge.article_path.read_text(), knowledge.path.read_text()]))
    # Stems of three letters ("lik" of "talks like these") are too often another word.
    unanswerable = {w for w in no_answer - answerable - set(article.split()) if len(w) > 3}
    known = no_answer | answerable | set(article.split())
    return (
        frozenset(unanswerable),
        frozenset(known),
        frozenset(profile_request),
        {intent: frozenset(words) for intent, words in by_intent.items()},
    )


def asks_what_the_article_never_covers(understanding: Understanding, resolved: Resolved) -> bool:
    """ "how tall is Donald Trump?": a named subject, asked about with a word only
    no-answer examples use. A question of a kind the article may settle in part
    ("did the rebels win?") is left to the honest partial answer."""
    if presupposes(resolved.original):
        return False
    words = set(stems(resolved.original).split())
    return bool(words & understanding.unanswerable_words)


def gap_key(entry_id: str, kind: str) -> str:
    """The key of one entry's `not_said` of one kind in the gaps index."""
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
    own_bonus: bool = True,
) -> List[Tuple[Entry, float]]:
    """Entries by how likely they answer `text`: the classifier's intent plus shared wording."""
    similarity = understanding.index.similarities(text)
    # Only the main subject's own entry: in "what does Assad's regime want?" it is the regime;
    # none when both sides are named ("what do the regime and the rebels each want?").
    first = knowledge.subjects[subjects[0]] if subjects else None
    both = first is not None and first.id in sides_named_first(knowledge, subjects)
    # "who is watching the talks for Washington?" is first of all about Washington.
    backdrop = first is not None and first.kind == "event" and len(subjects) > 1
    own = {first.entry} if first is not None and not both and not backdrop else set()
    scored = []
    for entry in knowledge.entries.values():
        if entry.topic:
            p = probabilities.get(TOPIC_INTENT, 0.0) if entry.id in own else 0.0
        else:
            p = probabilities.get(entry.intent, 0.0)
        bonus = _OWN_ENTRY_BONUS if entry.id in own and own_bonus else 0.0
        scored.append((entry, p + _WORDING_WEIGHT * similarity[entry.id] + bonus))
    return sorted(scored, key=lambda pair: -pair[1])


def entries_ranked(
    knowledge: Knowledge, understanding: Understanding, text: str, subjects: Sequence[str]
) -> List[Tuple[Entry, float]]:
    """Entries by how likely they answer `text`, by the action server's own classifier."""
    probabilities = understanding.model.probabilities(text)
    return entry_ranking(knowledge, understanding, text, subjects, probabilities)


# How much wording a question must share with one entry's text alone to be about it.
_WORDED = 0.35


def worded_entry(knowledge: Knowledge, understanding: Understanding, text: str) -> Optional[Entry]:
    """The entry whose question, answer and quotes share most of a question's words, if clearly."""
    similarity = understanding.index.similarities(text)
    best = max(similarity, key=similarity.get)
    return knowledge.entries[best] if similarity[best] >= _WORDED else None


def worded_detail(knowledge: Knowledge, understanding: Understanding, text: str) -> Optional[Entry]:
    """The entry whose "tell me more" answer shares most of a question's words, if clearly:
    "do the exiled leaders control the fighters?" is answered only by a detail."""
    if understanding.details is None:
        return None
    similarity = understanding.details.similarities(text)
    best = max(similarity, key=similarity.get)
    return knowledge.entries[best] if similarity[best] >= _WORDED else None


def asks_unseen_of_a_name(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, entry: Entry
) -> bool:
    """ "what's the exchange rate of the Turkish lira?": Rasa was unsure, and nothing but
    a name led to the entry (a subject's own), while the question asks with two or more
    words found nowhere in the training data, the article or the knowledge file. One
    such word is more often a paraphrase ("which side does Turkey support?")."""
    if presupposes(resolved.original):
        return False
    own = {knowledge.subjects[s].entry for s in resolved.subjects}
    if entry.id not in own:
        return False
    mentions = knowledge.mentions(resolved.original)
    if len(understanding.unseen_words(resolved.original, mentions)) < _UNSEEN_TO_DECLINE:
        return False
    # Declined only if nothing but the name matched: "what does the regime promise
    # fighters who lay down their posts?" shares "fighters" and "posts" with an answer.
    asked = without_names(resolved.original, mentions)
    similarity = understanding.index.similarities(asked)
    return not any(
        similarity[e.id] > 0
        for e in knowledge.entries.values()
        if is_about(knowledge, e, resolved.subjects)
    )


# How many words found in no data make a question only a name led to another topic.
_UNSEEN_TO_DECLINE = 2


def asks_unseen_of_an_entry(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, entry: Entry
) -> bool:
    """ "tell me something funny about cats" taken by Rasa for why the talks matter: a word
    of it is found in no data, and none of its words (names aside) is one Rasa's entry
    uses."""
    if presupposes(resolved.original):
        return False
    if not understanding.unseen_words(resolved.original, knowledge.mentions(resolved.original)):
        return False
    asked = words_without_names(knowledge, resolved.original) - AUXILIARY_STEMS
    return not asked & understanding.entry_words[entry.id]


def is_about(knowledge: Knowledge, entry: Entry, subjects: Sequence[str]) -> bool:
    """Whether an entry names one of the subjects, or is one's "what about X?" entry."""
    return any(s in entry.about or knowledge.subjects[s].entry == entry.id for s in subjects)


def best_entry(
    knowledge: Knowledge, ranked: List[Tuple[Entry, float]], subjects: Sequence[str]
) -> Optional[Entry]:
    """The most likely entry that is about one of the question's subjects (any, if none);
    for a question naming both sides, not one asking about one side alone."""
    sides = sides_named_first(knowledge, subjects)
    return next(
        (
            e
            for e, _ in ranked
            if (not subjects or is_about(knowledge, e, subjects))
            and getattr(asked_about(knowledge, e), "id", None) not in sides
        ),
        None,
    )


def likeliest_entry(
    knowledge: Knowledge,
    understanding: Understanding,
    resolved: Resolved,
    subjects: Sequence[str],
    gives: Callable[[Entry], bool] = lambda entry: True,
) -> Optional[Entry]:
    """The likeliest entry for a question, by the action server's own classifier, about
    one of `subjects` (any, if none) and giving what Rasa's answer lacked."""
    ranked = entries_ranked(knowledge, understanding, resolved.text, subjects)
    return best_entry(knowledge, [(e, s) for e, s in ranked if gives(e)], subjects)


def sides_named_first(knowledge: Knowledge, subjects: Sequence[str]) -> FrozenSet[str]:
    """Both sides, when the question puts one of them first ("what do the regime and the
    rebels each want?"); none otherwise."""
    sides = both_sides(knowledge, subjects)
    return frozenset(sides) if sides and subjects[0] in sides else frozenset()


# A question this short that names nothing may be about the last answer's subject.
_SHORT_QUESTION_WORDS = 4


def on_the_last_subject(
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
        if is_about(knowledge, e, (subject.id,))
        and similarity[e.id] > similarity[matched.id] + _CLEARLY_MORE
    ]
    return max(about, key=lambda e: similarity[e.id], default=None)


# How much more of a short question's wording another entry must share than Rasa's: "and
# will peace last?" shares "peace" about as much with many answers.
_CLEARLY_MORE = 0.05


def entry_of_the_named(
    knowledge: Knowledge,
    understanding: Understanding,
    resolved: Resolved,
    matched: Entry,
) -> Optional[Entry]:
    """ "what are the rebels demanding from the regime?" matched to what the regime wants:
    the entry mainly about the rebels instead.

    Rasa's entry asks about someone or something the question does not put
    first: another subject of the same family (person, group, country; place;
    event) than the question's first, which is either not named at all ("when did
    the Astana talks get going?" matched to the Geneva talks) or named after it.
    The entry then is the likeliest one whose question asks about the question's
    first subject; none if Rasa's entry names that subject too and the question names
    both.
    """
    if not resolved.subjects:
        return None
    main = asked_about(knowledge, matched)
    first = knowledge.subjects[resolved.subjects[0]]
    if main is None:
        # "George Krol is America's ambassador in which country?" matched to what Obama and
        # Trump did: an entry asking about other people than the one named first.
        others = {m.subject for m in knowledge.mentions(matched.question)}
        main = next(
            (
                knowledge.subjects[s]
                for s in others
                if knowledge.subjects[s].kind == first.kind == "person"
            ),
            None,
        )
        if main is None or first.id in others or first.id in matched.about:
            return None
    if main.id == first.id or not main.is_kin(first):
        return None
    if main.id in resolved.subjects and first.id in matched.about:
        # "did Russia invite the US?": the US answer names both, as the question does.
        return None
    ranked = entries_ranked(knowledge, understanding, resolved.text, ())
    return next((e for e, _ in ranked if asked_about(knowledge, e) == first), None)


def entry_about_the_named(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "which country backs the Syrian opposition most strongly?" matched to what Obama and
    Trump did: Rasa's entry names none of the question's subjects, so the likeliest entry
    that names one answers instead. Only for people, groups and countries: a place also
    names what happens there ("what comes after Astana?" is about the talks)."""
    actors = actors_named(knowledge, resolved)
    if not actors or is_about(knowledge, matched, actors):
        return None
    among = resolved.subjects
    if is_about(knowledge, matched, resolved.subjects):
        # "what is Turkey keeping out of these talks?": the talks only say where Turkey
        # acts, unless where or when is asked ("where are the two sides meeting?").
        if asks_where(resolved.original) or kinds_asked(resolved.original) & {"when", "date"}:
            return None
        among = actors
    return likeliest_entry(knowledge, understanding, resolved, among)


def entry_not_of_before(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "what day did negotiations open?" taken by Rasa for the earlier negotiations: a
    question with no word placing it before these talks ("earlier", "past", "until now")
    asking for a time or a figure goes to the likeliest entry about the question's
    subjects that is not about before and gives it."""
    # A time or figure another entry gives; whether something happened is settled apart.
    asked = kinds_asked(resolved.original) & {"when", "date", "hour", "ending", "count"}
    if not asked or not tells_about_before(matched.question):
        return None
    if mentions_before(resolved.original):
        return None
    return likeliest_entry(
        knowledge,
        understanding,
        resolved,
        resolved.subjects,
        lambda e: not tells_about_before(e.question) and asked <= e.answers,
    )


def entry_telling_what_comes_next(
    knowledge: Knowledge,
    understanding: Understanding,
    resolved: Resolved,
    matched: Optional[Entry] = None,
) -> Optional[Entry]:
    """ "what happens once the Astana talks are over?", "which talks follow Astana?": the
    answer to the article's own "What's next?", whatever else Rasa took it for."""
    if "next" not in kinds_asked(resolved.original):
        return None
    if matched is not None and "next" in matched.answers:
        return None
    return likeliest_entry(knowledge, understanding, resolved, (), lambda e: "next" in e.answers)


def entry_giving_the_kind_asked(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "why wasn't his administration in Astana?" after Trump, or "is any US diplomat at
    the talks?", taken by Rasa for what Obama and Trump did, which gives no reason and says
    nothing of who came: the likeliest entry asked about the same people, groups or
    countries that gives it and shares any word the question has besides names."""
    kinds = kinds_asked(resolved.original) & _KINDS_ANOTHER_GIVES - matched.answers
    actors = actors_named(knowledge, resolved)
    if not kinds or not actors:
        return None
    if any(
        attendance_words(sentence)
        and actors[0] in {m.subject for m in knowledge.mentions(sentence)}
        for sentence in (*matched.main.sources, *sentences_of(matched.main.text))
    ):
        # "is this the first time rebels sent representatives?": the answer tells who came
        # for them ("the first time that Syrian rebels have sent representatives").
        kinds -= {"attendance"}
    if not kinds:
        return None
    # The words asking who came ("anybody at") only say what kind of answer is asked, and
    # a word no answer uses ("what reason did they give for staying away?") tells nothing.
    asked = (
        words_without_names(knowledge, resolved.text)
        - AUXILIARY_STEMS
        - attendance_words(resolved.original)
    ) & understanding.answer_words
    return likeliest_entry(
        knowledge,
        understanding,
        resolved,
        actors,
        lambda e: (
            kinds <= e.answers
            and (not asked or asked & understanding.entry_words[e.id])
            # Of whom it was asked: whether Trump sent anyone is not whether the US did.
            and getattr(asked_about(knowledge, e), "id", actors[0]) in actors
        ),
    )


# What only some answers give, as the knowledge file declares: a reason, who came.
_KINDS_ANOTHER_GIVES = frozenset({"reason", "attendance"})


# One word alone ("what's his position?") is more often a paraphrase of the profile's.
_WORDS_TO_REDIRECT = 2


def entry_in_the_words_asked(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "where did the rebels get safe passage from?" matched to who the rebels are: the
    entry about them that uses the question's words, since the profile uses none.

    Only when Rasa's entry is a subject's own and neither its text nor the way
    readers ask about a subject ("what role does X play?") has any of the
    question's words (names aside); the entry taken instead has every one of
    those words (two or more) and is about one of the question's subjects,
    unless the subject only stood in for "it" or "they" (not "he"): "will it
    bring lasting peace?" after "what is expected from Astana?" is not about the city.
    """
    if not matched.topic or not resolved.subjects:
        return None
    asked = words_without_names(knowledge, resolved.text) - AUXILIARY_STEMS
    if not asked or asked & (
        understanding.entry_words[matched.id] | understanding.profile_request_words
    ):
        return None
    # One word is enough for an entry about every one of two or more subjects named ("did
    # Russia invite the US?" is the US answer saying Russia invited it).
    named = set(resolved.subjects)
    need_all = len(named) >= 2
    if len(asked) < _WORDS_TO_REDIRECT and not need_all:
        return None
    similarity = understanding.index.similarities(resolved.text)
    # "he" is surely the person last named; "it" may have been the talks all along.
    stood_in = (
        resolved.how == REFERENCE and knowledge.subjects[resolved.subjects[0]].kind != "person"
    )
    fitting = [
        e
        for e in knowledge.entries.values()
        if e is not matched
        and (stood_in or is_about(knowledge, e, resolved.subjects))
        and asked <= understanding.entry_words[e.id]
        and (len(asked) >= _WORDS_TO_REDIRECT or named <= set(e.about))
    ]
    return max(fitting, key=lambda e: similarity[e.id], default=None)


# Words (names aside) another entry must share with a question Rasa's entry shares none of.
_SHARED_TO_REDIRECT = 2


def entry_sharing_the_words_asked(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "what subject have the opposition groups avoided?" taken by Rasa for what the rebels
    want: neither that answer nor any training example of its intent has a word of the
    question (names aside), while another answer about the question's subjects has two
    ("subject", "sidestepped"). Words readers use to ask about anything by name ("what does
    the article say about...") count for nothing."""
    asked = (
        words_without_names(knowledge, resolved.text)
        - AUXILIARY_STEMS
        - understanding.profile_request_words
    )
    known = understanding.entry_words[matched.id] | understanding.intent_words.get(
        matched.intent, frozenset()
    )
    if not asked or asked & known:
        return None
    similarity = understanding.index.similarities(resolved.text)
    # One word is enough if the reader put it in everyday words ("clashes" for "skirmishes"),
    # which Rasa's training examples cannot know, and few answers use it.
    translated = asked & translated_stems(resolved.text)
    # Also enough for an answer about every one of two or more people, groups or countries
    # named, when Rasa's is not ("did Russia invite America?": the US answer says so).
    actors = set(actors_named(knowledge, resolved))
    named = actors if len(actors) >= 2 and not actors <= set(matched.about) else None
    fitting = [
        e
        for e in knowledge.entries.values()
        if e is not matched
        and (
            len(asked & understanding.entry_words[e.id]) >= _SHARED_TO_REDIRECT
            or (translated and translated <= understanding.telling_words[e.id])
            or (named and named <= set(e.about) and asked <= understanding.entry_words[e.id])
        )
        and (not resolved.subjects or is_about(knowledge, e, resolved.subjects))
    ]
    return max(fitting, key=lambda e: similarity[e.id], default=None)


def asked_about(knowledge: Knowledge, entry: Entry) -> Optional[Subject]:
    """The one subject an entry's question names ("What does the regime want?"), if one."""
    named = {m.subject for m in knowledge.mentions(entry.question)}
    return knowledge.subjects[named.pop()] if len(named) == 1 else None


_WHAT_BEFORE = re.compile(r"\bwhat\s+(?:the\s+)?$", re.IGNORECASE)
_WANTS_AFTER = re.compile(r"^\s+(?:wants?|demands?|asks?|seeks?|needs?)\b", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"^(?:'s|’s|'|’)?\s+[a-z]", re.IGNORECASE)


def owner_of_the_thing_asked(knowledge: Knowledge, text: str) -> Optional[str]:
    """ "did the regime accept the rebels' demands?": the rebels, whose demands they are
    ("what the rebels demand" too), though the regime is named first."""
    mentions = knowledge.mentions(text)
    for mention in mentions:
        said = text[mention.start : mention.end]
        after = text[mention.end :]
        possessive = said.endswith(("'s", "’s")) or after.startswith(("'", "’"))
        before_a_name = any(
            m.start > mention.end and not text[mention.end : m.start].strip("'’ ") for m in mentions
        )
        if possessive and _POSSESSIVE_AFTER.match(after) and not before_a_name:
            return mention.subject
        if _WHAT_BEFORE.search(text[: mention.start]) and _WANTS_AFTER.match(after):
            return mention.subject
    return None


def agent_if_asked(knowledge: Knowledge, entry: Entry, resolved: Resolved) -> Entry:
    """ "who backs the regime?" matched to "who is the regime": the backer's entry instead."""
    # The text as understood: "and the regime?" after "who is backing the rebels?" asks
    # who is backing the regime.
    if not resolved.subjects or not asks_who_acts(resolved.text):
        return entry
    if asks_who_speaks_for(resolved.text):
        # "who heads the Turkish delegation?" asks who was sent, not who heads anything.
        return entry
    # Who leads something is settled apart ("who heads the regime's delegation?").
    if entry.topic or not (
        asks_who_leads(resolved.text) or _tells_the_act(knowledge, entry, resolved)
    ):
        # Also "who is the rebels' biggest foreign backer?" matched to who represents them:
        # an answer not telling that act of them is no answer to who does it.
        return _someone_else(knowledge, resolved) or entry
    return entry


def _tells_the_act(knowledge: Knowledge, entry: Entry, resolved: Resolved) -> bool:
    """Whether an entry's question or answer has the question's act near what the question
    names ("Who is sponsoring the talks?", "controlled by the rebels" for "who controls
    eastern Aleppo?")."""
    action = _action_words(knowledge, resolved)
    return any(
        knowledge.words_apart(sentence, action, resolved.subjects) <= _NEAR_ENOUGH
        for sentence in (entry.question, *sentences_of(entry.main.text), *entry.main.sources)
    )


def uses_a_word_of_the_act(knowledge: Knowledge, entry: Entry, resolved: Resolved) -> bool:
    """Whether an entry's question, answer or quotes use any word of what a "who did it?"
    question asks was done ("broke" of "who broke the ceasefire?"), anywhere."""
    said = " ".join((entry.question, entry.main.text, *entry.main.sources))
    verb = verb_of_who_did(resolved.original)
    # "who started the skirmishes?": "skirmishes" is what the truce answer names, not the act.
    act = words_without_names(knowledge, verb) if verb else _action_words(knowledge, resolved)
    return bool(act & set(stems(said).split()))


def _action_words(knowledge: Knowledge, resolved: Resolved) -> FrozenSet[str]:
    """The stems of what a question asks someone did ("back" of "who backs the regime?")."""
    words = frozenset(
        stems(without_names(resolved.text, knowledge.mentions(resolved.text))).split()
    )
    words -= _WHERE_SIDES_SIT
    # "which country gives the opposition the most backing?": the act is the backing; "gives"
    # is no act of its own ("the truce gave rebels safe passage" is not it).
    return words - _LIGHT_VERBS if words - _LIGHT_VERBS else words


# "who leads the opposition side at the table?" asks who leads; "side" and "table" only
# say where, and "one of the two sides at the talks" is no leading.
_WHERE_SIDES_SIT = frozenset(stems("side sides table").split())
_LIGHT_VERBS = frozenset(
    stems(
        "give gives gave given giving provide provides provided providing lend lends lent"
    ).split()
)


def _someone_else(knowledge: Knowledge, resolved: Resolved) -> Optional[Entry]:
    """For "who backs the regime?": the entry saying who does that to the regime.

    That is an entry, other than "who is the regime", with a sentence where
    one of the question's other words ("backer" for "backs") stands close to
    the regime's name; the one who does it is the other subject named nearest
    that word ("Iran, a backer of the Assad regime"), and their own entry is
    the answer. With no such sentence, the regime's own entry stays.
    """
    # "who supports Assad?" asks who backs his regime too ("a backer of the Assad regime").
    subjects = [*resolved.subjects, *groups_named_after(knowledge, resolved.subjects)]
    own = {knowledge.subjects[s].entry for s in subjects}
    action = _action_words(knowledge, resolved)
    if not action:
        return None
    best: Tuple[int, Optional[Entry], str] = (_NEAR_ENOUGH + 1, None, "")
    for entry in knowledge.entries.values():
        if entry.id in own:
            continue
        for sentence in (*sentences_of(entry.main.text), *entry.main.sources):
            distance = knowledge.words_apart(sentence, action, subjects)
            if distance < best[0]:
                best = (distance, entry, sentence)
    _, entry, sentence = best
    doer = _doer(knowledge, sentence, action, subjects) if entry else None
    return knowledge.entries.get(doer.entry) if doer and doer.entry not in own else entry


def groups_named_after(knowledge: Knowledge, subjects: Sequence[str]) -> List[str]:
    """The groups named after a person named ("the Assad regime" of Assad)."""
    people = [knowledge.subjects[s] for s in subjects if knowledge.subjects[s].kind == "person"]
    return [
        group.id
        for group in knowledge.subjects.values()
        if group.kind == "group"
        and group.id not in subjects
        and any(group.named_after(person) for person in people)
    ]


def _doer(
    knowledge: Knowledge, sentence: str, action: FrozenSet[str], subjects: Sequence[str]
) -> Optional[Subject]:
    """The subject, other than those asked about, named nearest the action's word; one who
    can act ("attends the talks as an observer" is done by a person, not the talks)."""
    at = [w.start() for w in re.finditer(r"[\w']+", sentence) if stems(w.group(0)) in action]
    others = [
        m
        for m in knowledge.mentions(sentence)
        if m.subject not in subjects and knowledge.subjects[m.subject].kind not in _NO_DOERS
    ]
    if not at or not others:
        return None
    nearest = min(others, key=lambda m: min(abs(m.start - a) for a in at))
    return knowledge.subjects[nearest.subject]


# Kinds of subject that do nothing themselves: an event or a place.
_NO_DOERS = ("event", "place")
# How many words may stand between "backer" and "the Syrian opposition".
_NEAR_ENOUGH = 4


def sentences_of(text: str) -> List[str]:
    """The sentences (or clauses after a semicolon) of an answer."""
    return [s for s in re.split(r"(?<=[.;])\s+", text) if s]


def without_names(text: str, mentions: Sequence) -> str:
    """A text with the subjects it names taken out: what it asks about them."""
    return without_spans(text, [(m.start, m.end) for m in mentions])
