"""Resolve what a follow-up leans on: "he", "it", "and the regime?", "since when?".

The conversation is read from two slots the answering action sets: the entry of
the last answer and the last question as it was understood (with its pronouns
replaced). Reading slots, not the whole history, keeps the cost of a turn the
same however long the conversation is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, FrozenSet, List, Optional, Sequence, Tuple

from actions.knowledge import Entry, Knowledge, Mention, Subject, both_sides
from understanding.intent_model import stems as word_stems
from understanding.questions import (
    AUXILIARY_STEMS,
    CITY,
    PERSON,
    PLACE,
    PLURAL,
    POSSESSIVES,
    THING,
    Reference,
    asks_for_countries,
    asks_what_it_brings,
    asks_what_someone_wants,
    asks_where,
    both_sides_span,
    counted_nouns,
    ellipsis_rest,
    ends_with_demonstrative,
    identity_asked,
    is_bare_follow_up,
    is_conditional_follow_up,
    is_only_name,
    is_past_tense,
    it_points_at_nothing,
    kinds_asked,
    naming_the_successor,
    one_of_a_side,
    other_side_span,
    references,
    side_of_someone,
    what_wants,
    who_faces_someone,
    without_spans,
)

LAST_ENTRY_SLOT = "last_entry"
LAST_QUESTION_SLOT = "last_question"
# What `last_entry` holds after an answer about the article itself (no entry of its own).
ARTICLE_CONTEXT = "article"

# Which subjects a pointing word can mean, best first.
_KINDS_FOR = {
    PERSON: ("person",),
    THING: ("place", "event", "country", "organisation", "group"),
    PLURAL: ("group", "event", "country", "organisation"),
    PLACE: ("place", "event"),
    CITY: ("place",),
    "group": ("group",),
    # "what's the country?" after "In Astana, the capital of Kazakhstan": the place there.
    "country": ("country", "place"),
}

PLAIN, REFERENCE, ELLIPSIS, BARE, UNRESOLVED = (
    "plain",
    "reference",
    "ellipsis",
    "bare",
    "unresolved",
)


@dataclass(frozen=True)
class Context:
    """What the conversation was last about."""

    entry: Optional[Entry] = None
    question: Optional[str] = None
    # The last answer was about the article itself: "and its date?" follows it.
    about_article: bool = False


@dataclass(frozen=True)
class Resolved:
    """A question as understood: its words with references replaced, and its subjects."""

    original: str
    text: str
    how: str
    subjects: Tuple[str, ...] = field(default=())

    @property
    def leans_on_context(self) -> bool:
        return self.how in (REFERENCE, ELLIPSIS, BARE)


def context_from_slots(knowledge: Knowledge, entry_id: Optional[str], question: Optional[str]):
    return Context(
        knowledge.entries.get(entry_id or ""), question or None, entry_id == ARTICLE_CONTEXT
    )


def _sentences(text: str) -> List[str]:
    return [s for s in re.split(r"(?<=[.;:])\s+", text) if s]


def salient_subjects(knowledge: Knowledge, context: Context, past: bool = False) -> List[List[str]]:
    """Subjects a follow-up may point to, in tiers: the last question's, then the answer's;
    for a follow-up in the `past` tense, what the last question counted from too.

    Within the answer, sentences naming a subject of the last question come
    first: after "who represents the regime?", "he" is the regime's envoy.
    """
    tiers: List[List[str]] = []
    asked_mentions = knowledge.mentions(context.question or "")
    identity = identity_asked(context.question or "")
    if identity is not None and context.entry is not None:
        # "which city did the rebels leave?": "it" then is the city the answer names.
        named = [
            m.subject
            for m in knowledge.mentions(context.entry.main.text)
            if knowledge.subjects[m.subject].kind in identity[1]
        ]
        if named and asks_for_countries(identity[0]):
            # "which nations are behind the talks?": "they" may be those named or, as in
            # "where are they held?", the talks asked about.
            asked_there = [m.subject for m in asked_mentions]
            tiers.append(list(dict.fromkeys(named + asked_there)))
        elif named:
            tiers.append(named[:1])
    asked = [_as_named(knowledge, context.question or "", m) for m in asked_mentions]
    # "what does the regime want in these talks?": the talks are only where it is asked,
    # so "its backer" next is the regime's, the talks still there after what was asked.
    only_where = _named_as_setting(knowledge, context.question or "", asked_mentions)
    settings = [s for s in asked if s in only_where]
    if settings and set(asked) - set(settings):
        asked = [s for s in asked if s not in settings]
    else:
        settings = []
    main = knowledge.subject_of_entry(context.entry) if context.entry is not None else None
    if asked:
        # What the answer was about competes with what was asked ("who will mediate it?"
        # after "is there a round after Astana?" answered with Geneva), winning only where
        # the article puts it clearly nearer the question's words.
        # "is there a round after Astana?": Astana is only where it is counted from, so the
        # Geneva answered comes before it; "when did it start?" is about what has.
        points = () if past else _named_as_reference_point(context.question or "", asked_mentions)
        leads = _answer_leads_with(knowledge, context, main)
        first = [s for s in asked if s not in points]
        tiers.append(list(dict.fromkeys(first + leads + asked)))
    if settings:
        tiers.append(settings)
    if context.entry is not None:
        # What the last answer was about: after "who are the sponsors?", "it" is the talks.
        if main is not None:
            tiers.append([main.id])
        sentences = _sentences(context.entry.main.text)
        mentions = [(s, knowledge.mentions(s)) for s in sentences]
        named = [[m.subject for m in found] for _, found in mentions]
        focused = [subject for found in named if set(found) & set(asked) for subject in found]
        everything = [subject for found in named for subject in found]
        # Someone named only as whose something is ("busy with Trump's transition") is not
        # who the answer is about: "what post does he hold?" is about Krol, named after him.
        owning = {m.subject for s, found in mentions for m in found if is_possessive(s, m)}
        owners_only = owning - {
            m.subject for s, found in mentions for m in found if not is_possessive(s, m)
        }
        focused = [s for s in focused if s not in owners_only]
        for tier in (focused, everything):
            if tier:
                tier = list(dict.fromkeys(tier))
                tiers.append(sorted(tier, key=lambda s: s in owners_only))
        tiers.append(list(context.entry.about))
        # The quotes shown under the answer: "who controls that place now?" after the truce
        # is about eastern Aleppo, which only its quote names.
        quoted = [m.subject for s in context.entry.main.sources for m in knowledge.mentions(s)]
        if quoted:
            tiers.append(list(dict.fromkeys(quoted)))
    return tiers


def _named_as_reference_point(question: str, mentions: Sequence[Mention]) -> FrozenSet[str]:
    """Subjects a question names only as what it counts from ("after Astana")."""
    return frozenset(m.subject for m in mentions if _COUNTED_FROM.search(question[: m.start]))


_COUNTED_FROM = re.compile(
    r"\b(?:after|before|since|than|following|besides)\s+(?:the\s+|this\s+|that\s+)?$", re.I
)
_SETTING = re.compile(r"\b(?:in|at|during)\s+(?:the\s+|these\s+|this\s+|those\s+)?$", re.I)


def _answer_leads_with(
    knowledge: Knowledge, context: Context, main: Optional[Subject]
) -> List[str]:
    """What the last answer is about: its entry's subject (`main`), and the first it names."""
    if context.entry is None:
        return []
    first = knowledge.mentions(context.entry.main.text)[:1]
    return ([main.id] if main is not None else []) + [m.subject for m in first]


def is_possessive(text: str, mention: Mention) -> bool:
    """Whether a name is said as whose something is ("the regime's delegation")."""
    return text[mention.start : mention.end].endswith(("'s", "’s"))


def _tiers_for(
    knowledge: Knowledge, ref: Reference, tiers: List[List[str]], context: Context
) -> List[List[str]]:
    """ "that" and "those" point at what the last answer was about before what the last
    question named: after "what's coming after the Astana meeting?" answered with the
    Geneva talks, "when is that?" asks about Geneva. "it" and "they" keep to the question."""
    if ref.text.casefold() not in _DEMONSTRATIVES or context.entry is None:
        return tiers
    main = knowledge.subject_of_entry(context.entry)
    return [[main.id], *tiers] if main is not None else tiers


_DEMONSTRATIVES = ("that", "those", "this", "these")


def _both_sides_answered(knowledge: Knowledge, context: Context) -> Tuple[Subject, ...]:
    """Two groups or countries the first sentence of the last answer names together ("The
    Syrian regime and the rebels.", "Russia and Turkey."): what "they" then means."""
    if context.entry is None:
        return ()
    return named_together(knowledge, context.entry.main.text)


def named_together(knowledge: Knowledge, answer: str) -> Tuple[Subject, ...]:
    """Two groups or countries an answer's first sentence names joined by "and"."""
    first = _sentences(answer)[0]
    mentions = knowledge.mentions(first)
    for one, other in zip(mentions, mentions[1:]):
        a, b = knowledge.subjects[one.subject], knowledge.subjects[other.subject]
        joined = _AND.fullmatch(first[one.end : other.start])
        if joined and a.id != b.id and a.kind == b.kind and a.kind in ("group", "country"):
            return (a, b)
    return ()


_AND = re.compile(r"\s+and\s+(?:the\s+)?", re.IGNORECASE)


def _pick(
    knowledge: Knowledge,
    tiers: List[List[str]],
    wants: str,
    asked: FrozenSet[str] = frozenset(),
    doer: bool = False,
    kinds: Sequence[str] = (),
) -> Optional[Subject]:
    """The most recently named subject a pointing word can mean ("it" is a group only at last);
    of two named alike, the one the article puts nearest the question's words (before them,
    for a pointing word that comes before them: the doer). `kinds` narrows what it may be."""
    kinds = [k for k in _KINDS_FOR[wants] if not kinds or k in kinds]
    for tier in tiers:
        fitting = [
            knowledge.subjects[s]
            for s in tier
            if knowledge.subjects[s].kind in kinds
            # "the rebels" are never "it": "who runs it now?" is about the city they left.
            and not (wants == THING and _plural_group(knowledge.subjects[s]))
        ]
        preferred = [s for s in fitting if wants != THING or s.kind != "group"] or fitting
        if preferred:
            return _nearest_the_words(knowledge, preferred, asked, doer)
    return None


# Verbs whose object is an event: "who will attend it?", "who is mediating them?".
_EVENT_VERB_BEFORE = re.compile(
    r"\b(?:attend(?:s|ed|ing)?|join(?:s|ed|ing)?|host(?:s|ed|ing)?|mediat(?:e|es|ed|ing)|"
    r"chair(?:s|ed|ing)?|boycott(?:s|ed|ing)?|skip(?:s|ped|ping)?)\s+$",
    re.IGNORECASE,
)


# How many words apart the article may put a subject and what is asked of it to tell.
_APART_AT_MOST = 15


# "has it held (up)?", "is it holding?": lasting, not being held somewhere.
_HOLDS_UP = re.compile(
    r"\b(?:hold|holds|holding|held)\b(?!\s+(?:in|at|on|by|where)\b)(?!\s+\w+\s+(?:in|at)\b)",
    re.IGNORECASE,
)
_HOLD_STEMS = frozenset(word_stems("hold holds holding held").split())


def _words_asked(knowledge: Knowledge, clause: str, mentions: List[Mention]) -> FrozenSet[str]:
    """What a question asks besides the names in it, as stems ("retake" of "did they retake
    it?"); short stems and verbs that only make the question are left out."""
    spans = [(m.start, m.end) for m in mentions]
    words = set(word_stems(without_spans(clause, spans)).split())
    if _HOLDS_UP.search(clause) and not asks_where(clause):
        # "has it held up?" asks whether it lasted, not where it was held.
        words -= _HOLD_STEMS
    # A word of a name ("talks" in "upcoming talks") or one most sentences have ("Syria")
    # is near anything.
    return frozenset(
        w
        for w in words
        if len(w) > 3 and w not in AUXILIARY_STEMS and w not in knowledge.stems_telling_nothing
    )


def _nearest_the_words(
    knowledge: Knowledge, candidates: List[Subject], asked: FrozenSet[str], doer: bool = False
) -> Subject:
    """ "when did the regime retake it?" after the truce and Aleppo: Aleppo, which the article
    says was retaken; the first candidate unless the article puts another clearly nearer.
    "why didn't it send a delegation?" after the US and the talks: the US, which the article
    names before "send" ("a delegation to the talks" is what was not sent, not who)."""
    if len(candidates) < 2 or not asked:
        return candidates[0]

    apart = {
        subject.id: min(
            knowledge.words_apart(sentence, asked, (subject.id,), named_first=doer)
            for sentence in knowledge.article_sentences
        )
        for subject in candidates
    }
    nearest = min(candidates, key=lambda s: apart[s.id])
    if apart[nearest.id] < min(apart[candidates[0].id], _APART_AT_MOST + 1):
        return nearest
    return candidates[0]


def _plural_group(subject: Subject) -> bool:
    """Whether a group is named as many ("rebel fighters", "Syrians"), not as one ("regime")."""
    return subject.kind == "group" and subject.name.casefold().endswith("s")


def _spoken(subject: Subject, word: str) -> str:
    """How to put a subject's name in place of a pointing word."""
    lowered = word.casefold()
    if lowered in POSSESSIVES:
        return f"{subject.name}'s"
    if lowered == "there":
        return f"at {subject.name}"
    return subject.name


def resolve(knowledge: Knowledge, clause: str, context: Context) -> Resolved:
    """Understand one question through the conversation so far."""
    clause = naming_the_successor(clause)
    span = other_side_span(clause)
    if span is not None:
        return _other_side(knowledge, clause, span, context)
    sided = (
        _facing_someone(knowledge, clause, context)
        or _side_of_someone(knowledge, clause, context)
        or _one_of_a_side(knowledge, clause, context)
        or _both_sides(knowledge, clause, context)
    )
    if sided is not None:
        return sided
    mentions = knowledge.mentions(clause)
    named = tuple(dict.fromkeys(m.subject for m in mentions))

    rest = ellipsis_rest(clause)
    if rest is not None:
        rest_mentions = knowledge.mentions(rest)
        if rest_mentions and is_only_name(rest, [(m.start, m.end) for m in rest_mentions]):
            return _ellipsis(
                knowledge, clause, knowledge.subjects[rest_mentions[0].subject], context
            )
        setting = _IN_A_SETTING.match(clause)
        if not rest_mentions and setting:
            # "and in the peace process?" after what Russia's military did: Russia there.
            last = _first_asked_or_answered(knowledge, context)
            if last is not None:
                text = f"what about {last.name} {clause[setting.start(1) :]}"
                return Resolved(clause, text, REFERENCE, (last.id,))

    shortened = _shortened_name_of_last(knowledge, clause, mentions, context)
    if shortened is not None:
        return shortened

    if not named and context.entry is not None and is_conditional_follow_up(clause):
        # "and if they don't?": about the last answer as a whole, not about "they".
        return _bare(knowledge, clause, context.entry)
    pending = [r for r in references(clause) if not _named_fits(knowledge, clause, mentions, r)]
    if pending:
        tiers = salient_subjects(knowledge, context, past=is_past_tense(clause))
        # "when do they end?" after "who brokered the talks?": the talks the reader named.
        tiers_asked = {m.subject for m in knowledge.mentions(context.question or "")}
        # "what do they each want?" after a question naming both sides, or after "The Syrian
        # regime and the rebels.": both.
        asked_sides = tuple(
            knowledge.subjects[s] for s in both_sides(knowledge, sorted(tiers_asked))
        )
        answered_sides = _both_sides_answered(knowledge, context)
        asked = _words_asked(knowledge, clause, mentions)
        text, subjects = clause, list(named)
        for ref in sorted(pending, key=lambda r: -r.start):
            tiers_for_ref = _tiers_for(knowledge, ref, tiers, context)
            # "why didn't it send...?": what "it" stands for does what is asked ("is it a
            # sponsor?" says what it is, as the article's "sponsored by" does).
            verb = _stem_after(clause, ref.end)
            doer = verb in asked
            # "whom did it help?" after "which cities did Russia help retake?": who did it then.
            subject = _doer_before(knowledge, context.question or "", verb) if doer else None
            if subject is None and _EVENT_VERB_BEFORE.search(clause[: ref.start]):
                # "who will attend it?" after the Geneva talks: what is attended is an event,
                # not the UN the answer names beside it.
                subject = _pick(knowledge, tiers_for_ref, ref.wants, asked, kinds=("event",))
            if subject is None or subject.kind not in _KINDS_FOR[ref.wants]:
                subject = _pick(knowledge, tiers_for_ref, ref.wants, asked, doer)
            if subject is None:
                continue
            if ref.wants == THING and (kinds_asked(clause) & _HOW_IT_ENDED or _counts_time(clause)):
                # "and on which weekday will it close?" after Astana: the talks held there.
                subject = knowledge.subjects[event_held_at(knowledge, subject.id) or subject.id]
            sides = (asked_sides or answered_sides) if ref.wants == PLURAL else ()
            if sides and (
                asked_sides or (subject.kind != "group" and subject.id not in tiers_asked)
            ):
                spoken = " and ".join(_spoken(side, ref.text) for side in sides)
                text = text[: ref.start] + spoken + text[ref.end :]
                subjects[:0] = [side.id for side in sides]
                continue
            owned = _named_subject_owned(ref, mentions, clause)
            theirs = owned is not None and _is_theirs(knowledge, subject, owned)
            country = _country_of(knowledge, subject, clause, ref, theirs)
            if country is not None:
                # "who invited his country?" after Krol: the US, not Krol.
                subject, end = country
                text = text[: ref.start] + subject.name + text[end:]
                subjects.insert(0, subject.id)
                continue
            text = text[: ref.start] + _spoken(subject, ref.text) + text[ref.end :]
            if theirs:
                # "what does his regime want?" asks about the regime; Assad only says whose.
                subjects.append(subject.id)
            elif owned is not None:
                # "is his government sending anyone?" after Trump: not the Syrian government.
                subjects = [subject.id] + [s for s in subjects if s != owned]
            else:
                subjects.insert(0, subject.id)
        if text != clause:
            return _wants_of_a_side(
                knowledge, Resolved(clause, text, REFERENCE, tuple(dict.fromkeys(subjects)))
            )
        # "is she at the talks as well?" with no one before: whom it asks about is unknown,
        # whatever event or place it names.
        unknown = not named or (
            # "is Putin himself attending?": "himself" is whoever the question names.
            any(r.wants == PERSON and not r.text.casefold().endswith("self") for r in pending)
            and not names_an_actor(knowledge, named)
        )
        return Resolved(clause, clause, UNRESOLVED if unknown else PLAIN, named)

    if not named and is_bare_follow_up(clause):
        if context.entry is None:
            return Resolved(clause, clause, UNRESOLVED)
        return _bare(knowledge, clause, context.entry)
    # "when did the Astana round open?": the talks held there, not the city; so is
    # "did Astana end with an agreement?", and "can Astana deliver a lasting peace?".
    if kinds_asked(clause) & _HOW_IT_ENDED or asks_what_it_brings(clause):
        named = tuple(dict.fromkeys(event_held_at(knowledge, s) or s for s in named))
    else:
        named = tuple(dict.fromkeys(_as_named(knowledge, clause, m) for m in mentions))
    return Resolved(clause, clause, PLAIN, _without_settings(knowledge, clause, mentions, named))


def names_an_actor(knowledge: Knowledge, subjects: Sequence[str]) -> bool:
    """Whether any subject is one who acts, whom "he" or "she" could be or stand for."""
    return any(
        knowledge.subjects[s].kind in ("person", "group", "country", "organisation")
        for s in subjects
    )


def _without_settings(
    knowledge: Knowledge, clause: str, mentions: Sequence[Mention], named: Tuple[str, ...]
) -> Tuple[str, ...]:
    """ "which country is an ally of the regime at the talks?" is about the regime: talks
    named only as where it is asked are left out when someone is named besides."""
    settings = _named_as_setting(knowledge, clause, mentions)
    actors = [s for s in named if knowledge.subjects[s].kind in ("person", "group", "country")]
    if not actors or not settings:
        return named
    return tuple(s for s in named if s not in settings) or named


# Not "and on which weekday will it close?": a question word makes a question of its own.
_IN_A_SETTING = re.compile(
    r"^\s*(?:and|but)\s+((?:in|at|during|within|on)\s+(?!(?:which|what|whose|whom)\b)\w)",
    re.IGNORECASE,
)


def _first_asked_or_answered(knowledge: Knowledge, context: Context) -> Optional[Subject]:
    """What the last question named first, or else what the last answer was about."""
    tiers = salient_subjects(knowledge, context) if context.entry is not None else []
    return next((knowledge.subjects[s] for tier in tiers for s in tier), None)


def _doer_before(knowledge: Knowledge, question: str, verb: str) -> Optional[Subject]:
    """The subject a question names right before a verb ("Russia help" in "which cities did
    Russia help retake?"): who does that there."""
    for mention in knowledge.mentions(question):
        if _stem_after(question, mention.end) == verb:
            return knowledge.subjects[mention.subject]
    return None


_COUNTRY_WORD = re.compile(r"\s+(?:country|nation|homeland)\b", re.IGNORECASE)
_GOVERNMENT_WORD = re.compile(r"\s+(?:administration|government|team|officials)\b", re.I)


def _country_of(
    knowledge: Knowledge, person: Subject, clause: str, ref: Reference, owns_what_is_named: bool
) -> Optional[Tuple[Subject, int]]:
    """For "his country", the first country a person's own answer names (the US for Krol),
    and where the words "his country" end."""
    if person.kind != "person" or ref.text.casefold() not in ("his", "her"):
        return None
    words = _COUNTRY_WORD.match(clause, ref.end)
    if words is None and not owns_what_is_named:
        # "is his administration at the talks?" after Trump: his country's government;
        # but "his government" after Assad is the regime his own answer names.
        words = _GOVERNMENT_WORD.match(clause, ref.end)
    country = _first_in_own_answer(knowledge, person, lambda s: s.kind == "country")
    return (country, words.end()) if words and country else None


def _stem_after(text: str, end: int) -> str:
    """The stem of the word after a position ("help" after "Russia" in "did Russia help")."""
    following = re.match(r"\W*([\w']+)", text[end:])
    return word_stems(following.group(1)) if following is not None else ""


def _named_as_setting(
    knowledge: Knowledge, clause: str, mentions: Sequence[Mention]
) -> FrozenSet[str]:
    """Events a question names only as where something is asked about ("in these talks")."""
    return frozenset(
        m.subject
        for m in mentions
        if knowledge.subjects[m.subject].kind == "event" and _SETTING.search(clause[: m.start])
    )


def _as_named(knowledge: Knowledge, clause: str, mention: Mention) -> str:
    """The subject a mention names: the talks held there for a place followed by a word
    for talks ("the Astana round")."""
    if _AN_EVENT_AFTER.match(clause[mention.end :]):
        return event_held_at(knowledge, mention.subject) or mention.subject
    return mention.subject


_AN_EVENT_AFTER = re.compile(
    r"\s+(?:round|process|summit|meeting|talks|negotiations|conference|gathering|session)s?\b",
    re.IGNORECASE,
)


# Kinds of question a place can only stand for what was held there in.
_HOW_IT_ENDED = frozenset({"outcome", "ending", "later"})
# "how many days is it supposed to go on for?" after Astana: a place lasts no days.
_UNITS_OF_TIME = frozenset("days hours weeks months sessions".split())


def _counts_time(clause: str) -> bool:
    return any(noun in _UNITS_OF_TIME for noun in counted_nouns(clause))


def event_held_at(knowledge: Knowledge, subject_id: str) -> Optional[str]:
    """The event named after a place ("Astana talks" for Astana), if the subject is a place."""
    place = knowledge.subjects[subject_id]
    if place.kind != "place":
        return None
    prefixes = tuple(f"{name.casefold()} " for name in place.names)
    return next(
        (
            s.id
            for s in knowledge.subjects.values()
            if s.kind == "event" and any(n.casefold().startswith(prefixes) for n in s.names)
        ),
        None,
    )


def _bare(knowledge: Knowledge, clause: str, last: Entry) -> Resolved:
    subject = knowledge.subject_of_entry(last)
    subjects = (subject.id,) if subject else ()
    text = f"{clause} {subject.name}" if subject else clause
    return Resolved(clause, text, BARE, subjects)


def _other_side(
    knowledge: Knowledge, clause: str, span: Tuple[int, int], context: Context
) -> Resolved:
    """ "and the other side?" after what the regime wants: what the rebels want. The side
    is the first of the last question's subjects, then the last answer's, that has one
    opposing it; with none, the clause leans on nothing."""
    tiers = salient_subjects(knowledge, context) if context.entry is not None else []
    side = next(
        (knowledge.subjects[s] for tier in tiers for s in tier if knowledge.subjects[s].opposes),
        None,
    )
    if side is None:
        return Resolved(clause, clause, UNRESOLVED)
    other = knowledge.subjects[side.opposes]
    return _with_name_put_in(knowledge, clause, span, other.name, context)


def _side_of(knowledge: Knowledge, person: Subject) -> Optional[Subject]:
    """The side of a conflict a person (or a group that is not a side itself: Jaysh
    al-Islam) is on: the first subject with an opposing side that its own entry names."""
    if person.kind not in ("person", "group") or person.opposes:
        return None
    return _first_in_own_answer(knowledge, person, lambda s: bool(s.opposes))


def _first_in_own_answer(
    knowledge: Knowledge, subject: Subject, fits: Callable[[Subject], bool]
) -> Optional[Subject]:
    """The first subject that fits which a subject's own answer names (a person's side, or
    country)."""
    if subject.entry not in knowledge.entries:
        return None
    profile = knowledge.entries[subject.entry].main.text
    return next(
        (
            knowledge.subjects[m.subject]
            for m in knowledge.mentions(profile)
            if fits(knowledge.subjects[m.subject])
        ),
        None,
    )


def _counterpart(knowledge: Knowledge, person: Subject, side: Subject) -> Optional[Subject]:
    """Jaafri's counterpart for the rebels: the person on that side named beside him in an
    answer ("Alloush represents the rebel fighters; the regime sent Jaafri")."""
    if _side_of(knowledge, person) in (None, side):
        return None
    for entry in knowledge.entries.values():
        if person.id not in entry.about:
            continue
        for other in entry.about:
            candidate = knowledge.subjects[other]
            if candidate.kind == "person" and _side_of(knowledge, candidate) == side:
                return candidate
    return None


def _side_of_someone(knowledge: Knowledge, clause: str, context: Context) -> Optional[Resolved]:
    """ "what does his side want?" after Alloush: what the rebels want. A person's side is
    the first subject with an opposing side that the person's own entry names."""
    found = side_of_someone(clause)
    if found is None:
        return None
    start, end, owner_end = found
    if owner_end:
        # The owner's mention may take in the "'s" ("Alloush's"), and the pattern a word before.
        named = [m for m in knowledge.mentions(clause) if m.start < owner_end <= m.end]
        owners = [m.subject for m in named]
        start = named[0].start if named else start
    else:
        tiers = salient_subjects(knowledge, context) if context.entry is not None else []
        person = _pick(knowledge, tiers, PERSON)
        owners = [person.id] if person is not None else []
    side = _side_of(knowledge, knowledge.subjects[owners[0]]) if owners else None
    if side is None:
        return None
    return _with_name_put_in(knowledge, clause, (start, end), side.name, context)


def _wants_of_a_side(knowledge: Knowledge, resolved: Resolved) -> Resolved:
    """ "what does he want?" after Alloush asks what the side he speaks for wants."""
    if not resolved.subjects or not asks_what_someone_wants(resolved.original):
        return resolved
    person = knowledge.subjects[resolved.subjects[0]]
    side = _side_of(knowledge, person)
    if side is None:
        return resolved
    text = what_wants(resolved.original, side.name)
    subjects = tuple(dict.fromkeys((side.id, *resolved.subjects[1:])))
    return Resolved(resolved.original, text, resolved.how, subjects)


def _facing_someone(knowledge: Knowledge, clause: str, context: Context) -> Optional[Resolved]:
    """ "who is he up against?" after Jaafri: who Alloush is, his counterpart for the rebels;
    "what group does his opposite number lead?" asks it of Alloush."""
    found = who_faces_someone(clause)
    if context.entry is None or found is None:
        return None
    person = _pick(knowledge, salient_subjects(knowledge, context), PERSON)
    side = _side_of(knowledge, person) if person is not None else None
    if side is None or side.opposes is None:
        return None
    other = _counterpart(knowledge, person, knowledge.subjects[side.opposes])
    if other is None:
        return None
    start, end, named_there = found
    if named_there:
        return _with_name_put_in(knowledge, clause, (start, end), other.name, context)
    return Resolved(clause, f"who is {other.name}?", REFERENCE, (other.id,))


def _one_of_a_side(knowledge: Knowledge, clause: str, context: Context) -> Optional[Resolved]:
    """ "what's the regime one's day job?" after who represents each side: the person on the
    regime's side the last answer named."""
    found = one_of_a_side(clause)
    if found is None or context.entry is None:
        return None
    start, end, side_start, side_end = found
    sides = [
        knowledge.subjects[m.subject]
        for m in knowledge.mentions(clause[side_start:side_end])
        if knowledge.subjects[m.subject].opposes
    ]
    if not sides:
        return None
    named = [s for tier in salient_subjects(knowledge, context) for s in dict.fromkeys(tier)]
    people = [knowledge.subjects[s] for s in named if knowledge.subjects[s].kind == "person"]
    # Named in the last answer, or the counterpart of the one who was ("and the rebel one?"
    # right after Jaafri's profile is Alloush).
    person = next((p for p in people if _side_of(knowledge, p) == sides[0]), None) or next(
        filter(None, (_counterpart(knowledge, p, sides[0]) for p in people)), None
    )
    if person is None:
        return None
    return _with_name_put_in(knowledge, clause, (start, end), person.name, context)


def _with_name_put_in(
    knowledge: Knowledge, clause: str, span: Tuple[int, int], name: str, context: Context
) -> Resolved:
    """The clause understood with a name in place of the words that meant it ("the other
    side", "his side"): a reference, as the reader named nothing themselves."""
    resolved = resolve(knowledge, clause[: span[0]] + name + clause[span[1] :], context)
    how = REFERENCE if resolved.how == PLAIN else resolved.how
    return Resolved(clause, resolved.text, how, resolved.subjects)


_ASKS_WHICH_THEY_ARE = re.compile(r"\b(?:who|which|what)\s+(?:are|were)\s+$", re.IGNORECASE)


def _both_sides(knowledge: Knowledge, clause: str, context: Context) -> Optional[Resolved]:
    """ "who is at the table for each side?": for the rebels and the regime, the one pair of
    subjects the knowledge file sets against each other."""
    span = both_sides_span(clause)
    pairs = {frozenset((s.id, s.opposes)) for s in knowledge.subjects.values() if s.opposes}
    if span is None or len(pairs) != 1 or _ASKS_WHICH_THEY_ARE.search(clause[: span[0]]):
        # "who are the two sides?" asks which they are: no name may stand in for them.
        return None
    one, other = sorted(next(iter(pairs)))
    names = f"the {knowledge.subjects[one].name} and the {knowledge.subjects[other].name}"
    # Still a question of its own: what Rasa made of "what do both sides want?" stands.
    return resolve(knowledge, clause[: span[0]] + names + clause[span[1] :], context)


def _shortened_name_of_last(
    knowledge: Knowledge, clause: str, mentions: Sequence[Mention], context: Context
) -> Optional[Resolved]:
    """ "who runs those talks?" right after the Geneva answer: "those talks" are the Geneva
    talks, as the last answer's subject is named by a longer name ending in "talks"."""
    last = knowledge.subject_of_entry(context.entry) if context.entry is not None else None
    if last is None:
        return None
    for mention in mentions:
        if mention.subject == last.id or not ends_with_demonstrative(clause[: mention.start]):
            continue
        said = re.escape(clause[mention.start : mention.end].casefold())
        if any(re.search(rf"\s{said}$", name.casefold()) for name in last.names):
            text = clause[: mention.start] + last.name + clause[mention.end :]
            named = [last.id if m.subject == mention.subject else m.subject for m in mentions]
            return Resolved(clause, text, REFERENCE, tuple(dict.fromkeys(named)))
    return None


_A_POINT_IN_TIME = re.compile(r"\b(?:after|before|since|until)\s+(?:the\s+)?$", re.IGNORECASE)


def _named_fits(
    knowledge: Knowledge, clause: str, mentions: Sequence[Mention], ref: Reference
) -> bool:
    """Whether a subject the clause names can be what a pointing word means. A group
    named before "it" is not it: in "how long did the rebels hold it?" it is something
    else, while in "is it the first time the rebels negotiate?" nothing is pointed at.
    Named after "it" or "its", a subject is what "it" acts on ("is it leading the
    talks?", "what is its role in the talks?"), unless "it" is only there for grammar."""
    for mention in mentions:
        kind = knowledge.subjects[mention.subject].kind
        if kind not in _KINDS_FOR[ref.wants]:
            continue
        if ref.wants == THING and kind == "group" and mention.start < ref.start:
            continue
        if _A_POINT_IN_TIME.search(clause[: mention.start]):
            # "how long after Astana does it start?": Astana only says from when.
            continue
        if (
            ref.text.casefold() in ("it", "its")
            and mention.start > ref.start
            and not it_points_at_nothing(clause, ref.end)
        ):
            # "what is its role in the talks?": the talks have no role in themselves.
            continue
        return True
    return False


def _named_subject_owned(ref, mentions, clause: str) -> Optional[str]:
    """The subject a possessive pointing word comes right before, if any ("his regime")."""
    if ref.text.casefold() not in POSSESSIVES:
        return None
    return next(
        (
            m.subject
            for m in mentions
            if m.start > ref.end and not clause[ref.end : m.start].strip()
        ),
        None,
    )


def _is_theirs(knowledge: Knowledge, owner: Subject, owned: str) -> bool:
    """Whether a named subject can be the owner's: Assad's own entry names the regime,
    Trump's does not; a group or anything without an entry may own anything."""
    if owner.kind not in ("person", "country") or owner.entry not in knowledge.entries:
        return True
    entry = knowledge.entries[owner.entry]
    return owned in entry.about or owned == owner.id


def _ellipsis(knowledge: Knowledge, clause: str, new: Subject, context: Context) -> Resolved:
    """ "and the regime?" asks the last question again, about the regime."""
    previous = context.question
    if not previous:
        return Resolved(clause, f"what about {new.name}", ELLIPSIS, (new.id,))
    mentions = knowledge.mentions(previous)
    same_kind = [m for m in mentions if knowledge.subjects[m.subject].kind == new.kind] or [
        m for m in mentions if knowledge.subjects[m.subject].is_kin(new)
    ]
    if not same_kind:
        # Nothing of its kind to stand in for ("who sponsors the talks?" / "and
        # Turkey?"): the reader asks about the new subject itself.
        return Resolved(clause, f"what about {new.name}", ELLIPSIS, (new.id,))
    target = same_kind[0]
    replaced = knowledge.subjects[target.subject]
    if replaced.kind == "person" and new.opposes:
        # "what's Jaafri's position?" then "and for the rebels?": the rebels' own envoy.
        new = _counterpart(knowledge, replaced, new) or new
    rest = previous[target.end :]
    if rest[:1] in ("'", "’") and rest[1:2].casefold() != "s" and not new.name.endswith("s"):
        # "the rebels' team" becomes "the Syrian regime's team".
        rest = rest[:1] + "s" + rest[1:]
    text = previous[: target.start] + new.name + rest
    return Resolved(clause, text, ELLIPSIS, (new.id,))
