"""Decide what to answer: every part of a question, through the conversation, honestly.

A message is split into its questions; each is resolved against what the
conversation was about (actions/context.py), matched to a knowledge entry
(Rasa's intent, corrected by actions/matching.py), and checked against what
that entry actually settles. A question that presupposes
what the article does not give (a date, a number, an outcome, who attended)
gets "The article doesn't say ..." before what it does say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from actions.context import (
    BARE,
    ELLIPSIS,
    PLAIN,
    REFERENCE,
    UNRESOLVED,
    Context,
    Resolved,
    event_held_at,
    is_possessive,
    named_together,
    names_an_actor,
    resolve,
)
from actions.knowledge import (
    QUESTION_INTENT_PREFIX,
    TOPIC_INTENT,
    Answer,
    Entry,
    Knowledge,
    NotSaid,
    both_sides,
)
from actions.matching import (
    NO_ANSWER_INTENTS,
    NOT_IN_ARTICLE,
    OFF_TOPIC,
    Understanding,
    agent_if_asked,
    asked_about,
    asks_unseen_of_a_name,
    asks_unseen_of_an_entry,
    asks_what_the_article_never_covers,
    best_entry,
    entries_ranked,
    entry_about_the_named,
    entry_giving_the_kind_asked,
    entry_in_the_words_asked,
    entry_not_of_before,
    entry_of_the_named,
    entry_ranking,
    entry_sharing_the_words_asked,
    entry_telling_what_comes_next,
    gap_key,
    groups_named_after,
    is_about,
    likeliest_entry,
    on_the_last_subject,
    owner_of_the_thing_asked,
    person_described,
    sentences_of,
    uses_a_word_of_the_act,
    without_names,
    worded_detail,
    worded_entry,
    words_without_names,
)
from understanding.intent_model import stems as word_stems
from understanding.questions import (
    AUXILIARY_STEMS,
    OFFICES,
    addresses_the_assistant,
    asks_about_a_place_itself,
    asks_about_before,
    asks_beyond,
    asks_for_a_place_s_office_holder,
    asks_for_several,
    asks_for_someone,
    asks_if_a_bot,
    asks_more_of_the_article,
    asks_what_no_article_tells,
    asks_what_this_is,
    asks_where,
    asks_where_someone_is,
    asks_whether_any,
    asks_whether_it_happened,
    asks_who,
    asks_who_acts,
    asks_who_leads,
    asks_who_speaks_for,
    asks_who_was_before,
    attendance_words,
    counted_nouns,
    counted_within,
    counts_noun,
    counts_same,
    days_named,
    described_person,
    figure_near,
    identity_asked,
    indirect_count_question,
    indirect_demand_question,
    indirect_identity_question,
    is_about_article,
    is_bare_follow_up,
    is_generic_noun,
    is_only_name,
    is_short_yes_no_about_it,
    is_yes_no,
    kinds_asked,
    mentions_before,
    mentions_noun,
    names_its_kind,
    nouns_pointed_back,
    other_side_span,
    place_asked_of,
    points_at_someone,
    points_back_to_an_act,
    presupposes,
    profile_request,
    split_clauses,
    starts_as_question,
    tells_about_before,
    tells_only_what_may_come,
)

ARTICLE_INTENT = "ask_about_article"
FALLBACK, HELP, BOT_CHALLENGE, GOODBYE = "nlu_fallback", "help", "bot_challenge", "goodbye"
WHY_INTENT = "ask_why"
# Follow-ups about the last answer, and the reply part each gets.
FOLLOW_UP_PARTS = {WHY_INTENT: "why", "tell_more": "detail", "ask_source": "source"}
# The kind of question each follow-up part itself answers.
OWN_KINDS = {"why": frozenset({"reason"}), "detail": frozenset(), "source": frozenset()}
# Messages longer than this are not split or resolved: a paste is not a conversation.
_LONGEST_QUESTION = 300
_MOST_PARTS = 4
# How sure the action server's own model must be that a rewritten question is off-topic.
_SURE = 0.5
# How sure it must be of an entry when Rasa was unsure and the question names nothing.
_LIKELY = 0.35
# How much of an answer's wording a question Rasa took for off-topic must share with it.
_TOLD_CLEARLY = 0.25


@dataclass(frozen=True)
class Part:
    """One answered question: the entry (if any), what is shown, and how it was understood."""

    # answer | partial | why | detail | source | article | not_said | off_topic | clarify
    # | rephrase | help | bot
    kind: str
    entry: Optional[Entry] = None
    shown: Optional[Answer] = None
    lead: str = ""
    question: str = ""
    subject: Optional[str] = None
    # An aside about what the article never covers: "he" next still means who it did before.
    aside: bool = False


# Generic wording when an entry says nothing of the kind asked and has no `not_said` for it.
_GOES_ON = re.compile(r"^\W*(?:and|but|so|also)\b", re.IGNORECASE)
_THE_QUESTION_MARK = re.compile(r"[?.!\s]+$")
_GENERIC_GAP = {
    "when": "when that happened",
    "date": "the exact date",
    "count": "how many",
    "outcome": "whether that happened or how it turned out",
    "attendance": "who attended in person",
    "hour": "the time of day",
    "ending": "when it ends",
    "statement": "what anyone said at the talks",
    "reason": "why",
    "identity": "which ones they are",
    "later": "what happened after the talks",
    "opinion": "what anyone thinks of it",
    "place": "where",
    "demand": "what they want",
    "next": "what comes next",
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
    if parse.intent == GOODBYE:
        if context.entry is None or not _is_worded_as_a_question(text):
            return [Part("goodbye")]
        # "last day?" right after the dates is a question Rasa took for a goodbye.
        parse = Parse(parse.text, FALLBACK, parse.topic)
    pasted = len(text) > _LONGEST_QUESTION
    clauses = [text] if pasted else split_clauses(text)[:_MOST_PARTS]
    parts: List[Part] = []
    for clause in clauses:
        resolved = (
            Resolved(clause, clause, PLAIN) if pasted else resolve(knowledge, clause, context)
        )
        resolved = _then_as_before(resolved, context)
        # Rasa read the whole message: its intent stands only for a clause that is all of it
        # ("switching topic, who is Turkey backing?" is asked again without the preamble).
        whole = len(clauses) == 1 and resolved.how == PLAIN and _words(clause) == _words(text)
        whole = whole or (
            len(clauses) == 1
            and resolved.how == REFERENCE
            and _words(clause) == _words(text)
            and _rasa_read_it(knowledge, parse, resolved)
        )
        part = _plan_one(knowledge, understanding, parse if whole else None, resolved, context)
        if (
            part.kind == "answer"
            and part.entry is not None
            and part.entry is context.entry
            and part.entry.why is not None
            and "reason" in kinds_asked(resolved.original)
        ):
            # "and why is that important?" right after why the talks are important: the
            # same answer again would not say why; its reason does.
            part = Part("why", entry=part.entry, question=context.question or "")
        parts.append(part)
        if part.entry is not None:
            context = Context(part.entry, part.question or resolved.text)
    return _without_repeats(parts)


def _head_of_the_group(knowledge: Knowledge, resolved: Resolved) -> Optional[Entry]:
    """ "who leads the regime?": the person the group is named after ("the Assad regime")."""
    if not resolved.subjects or not asks_who_leads(resolved.original):
        return None
    group = knowledge.subjects[resolved.subjects[0]]
    named = [m for m in knowledge.mentions(resolved.original) if m.subject == group.id]
    if (
        not named
        or is_possessive(resolved.original, named[0])
        or asks_who_speaks_for(resolved.original)
    ):
        # "who heads the regime's delegation?", "who is the head of the government
        # delegation?" ask who leads the delegation.
        return None
    heads = [s for s in knowledge.subjects.values() if s.kind == "person" and group.named_after(s)]
    return knowledge.entries.get(heads[0].entry) if heads else None


def _asks_an_atlas(knowledge: Knowledge, resolved: Resolved) -> bool:
    """ "how big is Russia?", "is it sunny in Geneva?", "who is Kazakhstan's president?":
    what an atlas tells of the places named (and no one else), which the article never does.
    An office the article puts beside the place ("US President") it may answer."""
    named = [knowledge.subjects[s] for s in resolved.subjects]
    if not named or any(s.kind in ("person", "group") for s in named):
        return False
    if asks_about_a_place_itself(resolved.original):
        return True
    if not asks_for_a_place_s_office_holder(resolved.original):
        return False
    office = frozenset(word_stems(resolved.original).split()) & _OFFICES
    return all(
        knowledge.words_apart(sentence, office, resolved.subjects) > 1
        for sentence in knowledge.article_sentences
    )


_OFFICES = frozenset(word_stems(" ".join(OFFICES)).split())


def _fragment_of_the_last_answer(
    understanding: Understanding, resolved: Resolved, context: Context
) -> bool:
    """Whether a short question naming nothing uses only words of the last answer."""
    if context.entry is None or len(resolved.original.split()) > _SHORT_FRAGMENT:
        return False
    asked = set(word_stems(resolved.text).split())
    return bool(asked) and asked <= understanding.entry_words[context.entry.id]


_SHORT_FRAGMENT = 4


def _points_into_the_last_answer(
    knowledge: Knowledge, resolved: Resolved, context: Context
) -> bool:
    """Whether a short question with "he", "it" or "they" in it asks, of someone the last
    answer names, nothing in words of its own ("how did they get out?")."""
    last = context.entry
    if last is None or resolved.how != REFERENCE or not resolved.subjects:
        return False
    if asks_who(resolved.original):
        # "who else is there?" after the venue asks for people the venue answer doesn't name.
        return False
    if len(resolved.original.split()) > _SHORT_REFERENCE or not set(resolved.subjects) <= set(
        last.about
    ):
        return False
    mentions = knowledge.mentions(resolved.original)
    asked = set(word_stems(without_names(resolved.original, mentions)).split()) - AUXILIARY_STEMS
    # "so it is a two-day event?" right after the dates: checking what the answer said.
    return not asked or (
        is_yes_no(resolved.original) and bool(asked & set(word_stems(last.main.text).split()))
    )


_SHORT_REFERENCE = 6


def _rasa_read_it(knowledge: Knowledge, parse: Parse, resolved: Resolved) -> bool:
    """ "is it running any upcoming talks?" after the UN: Rasa's question intent stands when
    its entry is about what "it" points to."""
    if parse.intent in (FALLBACK, HELP, TOPIC_INTENT, *NO_ANSWER_INTENTS, None):
        return False
    entry = knowledge.for_intent(parse.intent)
    return entry is not None and is_about(knowledge, entry, resolved.subjects[:1])


def _words(text: str) -> List[str]:
    return re.findall(r"[\w']+", text.casefold())


def _plan_one(
    knowledge: Knowledge,
    understanding: Understanding,
    parse: Optional[Parse],
    resolved: Resolved,
    context: Context,
) -> Part:
    if asks_what_no_article_tells(resolved.original):
        # Whatever it names: "War and Peace" is no question about the war.
        return Part("off_topic", question=resolved.text)
    names_a_person = any(knowledge.subjects[s].kind == "person" for s in resolved.subjects)
    if is_about_article(resolved.original, names_a_person):
        # As asked: "this" in "who published this?" is the article, whatever came before.
        return Part("article", question=resolved.original)
    if (
        context.about_article
        and not resolved.subjects
        and asks_more_of_the_article(resolved.original)
    ):
        # "what month and year?", "and when did they publish it?" right after who published
        # the article: still the article.
        return Part("article", question=resolved.original)
    if _asks_an_atlas(knowledge, resolved):
        # "what's the weather like in Astana?" is an aside: the conversation stays put.
        return replace(_no_answer(NOT_IN_ARTICLE, resolved), aside=True)
    head = _head_of_the_group(knowledge, resolved)
    if head is not None:
        return Part("answer", entry=head, shown=head.main, question=resolved.text)

    if resolved.how == UNRESOLVED:
        # Leans on something, but nothing came before: "when?" or "what does he
        # want?" asks "about what?"; anything naming a subject is answered as it stands.
        if asks_what_this_is(resolved.original):
            # "what's this about?" as a first message: what the assistant is for.
            return Part("help")
        if context.about_article:
            # "and when did it come out?" right after who published the article.
            return Part("article", question=resolved.original)
        if (
            is_bare_follow_up(resolved.original)
            or other_side_span(resolved.original)
            # "is she at the talks as well?": no one named whom "she" could be.
            or (
                points_at_someone(resolved.original)
                and not names_an_actor(knowledge, resolved.subjects)
            )
            # "why did they do that?": an act that was never told of.
            or (not resolved.subjects and points_back_to_an_act(resolved.original))
            # "is it over?" says nothing but what "it" would be; nor does "has it ended yet?".
            or (not resolved.subjects and not word_stems(resolved.original))
            or (not resolved.subjects and is_short_yes_no_about_it(resolved.original))
            # "and what do they want?" goes on from something that never came.
            or (
                not resolved.subjects
                and context.entry is None
                and _GOES_ON.match(resolved.original)
            )
        ):
            return Part("clarify", question=resolved.text)
        resolved = Resolved(resolved.original, resolved.text, PLAIN, resolved.subjects)
    if resolved.how == BARE:
        return _bare(knowledge, understanding, resolved, context)
    if _last_answer_covers(knowledge, resolved, context):
        # "and for the regime?" after who leads each side's team: that answer named both.
        return Part("answer", entry=context.entry, shown=context.entry.main, question=resolved.text)
    again = _own_answer_again(knowledge, resolved, context)
    if again is not None:
        return _checked(knowledge, understanding, again, resolved)
    if _points_into_the_last_answer(knowledge, resolved, context):
        # "how did they get out?" right after the rebels' safe passage out of Aleppo.
        return _checked(knowledge, understanding, context.entry, resolved)
    own = _profile_asked(knowledge, resolved) or _person_described(
        knowledge, understanding, resolved
    )
    if own is not None:
        return Part("answer", entry=own, shown=own.main, question=resolved.text)
    if resolved.subjects and asks_what_the_article_never_covers(understanding, resolved):
        return _no_answer(NOT_IN_ARTICLE, resolved)
    pointed = (
        _part_pointed_back(resolved, context)
        or _before_in_last_answer(resolved, context)
        or _named_in_last_answer(knowledge, resolved, context)
    )
    if pointed is not None:
        return pointed

    if parse is not None and parse.intent == BOT_CHALLENGE:
        # "are you a bot?" gets a yes; "are you a football fan?" is only shaped like it.
        if asks_if_a_bot(resolved.original):
            return Part("bot")
        return _no_answer(OFF_TOPIC, resolved)
    if parse is not None and parse.intent not in (FALLBACK, HELP, *NO_ANSWER_INTENTS, None):
        if parse.intent == ARTICLE_INTENT:
            return _article_or_named(knowledge, understanding, resolved, context)
        if understanding.article_words.unknown_names(resolved.original):
            # "did Putin attend the talks?": Rasa's entry would answer for someone else.
            return _no_answer(NOT_IN_ARTICLE, resolved)
        if (
            not resolved.subjects
            and len(resolved.original.split()) <= _SHORT_FRAGMENT
            and _last_answer_tells_the_kind(understanding, resolved, context)
        ):
            # "starting on which date?" right after the Geneva talks' date: that answer,
            # whichever other Rasa took the fragment for.
            return _checked(knowledge, understanding, context.entry, resolved)
        entry = _entry_for_intent(knowledge, parse.intent, parse.topic, resolved.subjects)
        if entry is None:
            return _no_answer(NOT_IN_ARTICLE, resolved)
        if not resolved.subjects and asks_unseen_of_an_entry(
            knowledge, understanding, resolved, entry
        ):
            if _shares_a_word_with_the_last_answer(understanding, resolved, context):
                # "and for the towns still encircled under siege?" right after what the
                # rebels want: an unseen word, but the besieged towns of that answer.
                return _checked(knowledge, understanding, context.entry, resolved)
            return _no_answer(OFF_TOPIC, resolved)
        entry = on_the_last_subject(knowledge, understanding, resolved, context, entry) or entry
        entry = _redirected(knowledge, understanding, resolved, entry, _AFTER_RASA)
        return _answer_matched(knowledge, understanding, resolved, entry)

    probabilities = understanding.model.probabilities(resolved.text)
    top = max(probabilities, key=probabilities.get)
    # "who is paying for them?": the talks "them" stands for make no "what about the talks?"
    # (but "what will happen to them?" is about the displaced, whose answer is theirs).
    stood_in_for_an_event = (
        resolved.how == REFERENCE
        and bool(resolved.subjects)
        and knowledge.subjects[resolved.subjects[0]].kind == "event"
    )
    ranked = entry_ranking(
        knowledge,
        understanding,
        resolved.text,
        resolved.subjects,
        probabilities,
        own_bonus=not stood_in_for_an_event,
    )
    presumed = presupposes(resolved.original)
    if (
        top in FOLLOW_UP_PARTS
        and context.entry is not None
        and probabilities[top] >= _SURE
        and not asks_beyond(resolved.original, OWN_KINDS[FOLLOW_UP_PARTS[top]])
    ):
        # "can you tell me a bit more?" taken by Rasa for off-topic: after an
        # answer, a clear follow-up is about that answer.
        return Part(FOLLOW_UP_PARTS[top], entry=context.entry, question=context.question or "")
    if parse is not None and parse.intent in NO_ANSWER_INTENTS:
        after = entry_telling_what_comes_next(
            knowledge, understanding, resolved
        ) or _entry_telling_of_the_thing_placed(knowledge, understanding, resolved)
        if after is not None:
            # "what happens once the Astana talks are over?" taken for something the article
            # never says: it says what comes next.
            return _checked(knowledge, understanding, after, resolved)
        if resolved.subjects and asks_who_acts(resolved.text):
            # "who is the main backer of the rebels?": the one the article says backs them.
            own = knowledge.own_entry(resolved.subjects[0])
            doer = agent_if_asked(knowledge, own, resolved) if own else None
            if doer is not None and doer is not own:
                return _checked(knowledge, understanding, doer, resolved)
        if resolved.subjects:
            # "have talks like this happened before?": the article tells how things were.
            earlier = _how_it_was(knowledge, understanding, resolved, named_before=True)
            if earlier is not None:
                return earlier
            worded = _worded_about(knowledge, understanding, resolved)
            if worded is not None:
                return worded
            told = _told_of_the_named(knowledge, understanding, resolved)
            if told is not None:
                return _checked(knowledge, understanding, told, resolved)
        # "How many prisoners do the rebels want freed?" is on-topic: what the
        # article does say, after what it doesn't (or all of it, if it says).
        if presumed and not understanding.article_words.unknown_names(resolved.original):
            entry = best_entry(knowledge, ranked, resolved.subjects)
            if not resolved.subjects:
                # "how many skirmishes have there been?": the entry its words are those of,
                # or the one of the few using the word for the thing counted.
                entry = (
                    worded_entry(knowledge, understanding, resolved.text)
                    or _counted_told(knowledge, understanding, resolved)
                    or _counted_within_told(knowledge, understanding, resolved)
                )
            part = _checked(knowledge, understanding, entry, resolved) if entry else None
            if part is not None and part.kind in ("partial", "answer"):
                # An answer only when the entry settles it: "what year did the war break
                # out?" is answered by "started in 2011", whatever Rasa thought.
                return part
        if not resolved.subjects and not understanding.article_words.unknown_names(
            resolved.original
        ):
            # "what would fighters get in exchange for leaving?": off-topic or not in the
            # article for Rasa, but its words are those few answers use, and fairly much
            # one answer's.
            told = _clearly_told(knowledge, understanding, resolved) or _dated_told(
                knowledge, understanding, resolved
            )
            if told is not None:
                return _checked(knowledge, understanding, told, resolved)
        return _no_answer(parse.intent, resolved)
    if (
        top in NO_ANSWER_INTENTS
        and probabilities[top] >= _SURE
        and resolved.how != ELLIPSIS
        # "is the war over?" takes for granted what the article may settle in part.
        and not (presumed and resolved.subjects)
    ):
        return _no_answer(top, resolved)
    if top == ARTICLE_INTENT:
        return _article_or_named(knowledge, understanding, resolved, context)
    if (
        top == WHY_INTENT
        and context.entry is not None
        and not asks_beyond(resolved.original, OWN_KINDS["why"])
    ):
        # Less sure than above, but a "why" right after an answer is about it ("how long is
        # that altogether?" asks a length, not a reason).
        return Part("why", entry=context.entry, question=context.question or "")

    subjects = resolved.subjects
    if (
        resolved.how == REFERENCE
        and context.entry is not None
        and subjects[:1] == _own_subject_of(knowledge, context.entry)
        and _last_answer_tells_the_kind(understanding, resolved, context)
    ):
        # "when did they get started?" right after where the talks are: that answer says
        # when they started, whatever other answer has "start" in it.
        return _checked(knowledge, understanding, context.entry, resolved)
    if understanding.article_words.unknown_names(resolved.original):
        # Unsure, and it names someone or something the article never does ("what did
        # Putin eat for breakfast?"): no answer of the article's is about that.
        return _no_answer(NOT_IN_ARTICLE, resolved)
    if not subjects:
        if parse is not None and parse.intent == HELP:
            if understanding.unseen_words(resolved.original, ()):
                # "can you help me with my maths homework?" is no question about the article.
                return _no_answer(OFF_TOPIC, resolved)
            return Part("help")
        if addresses_the_assistant(resolved.original):
            # "what's your name?" right after an answer is no follow-up to it.
            return (
                Part("bot") if asks_if_a_bot(resolved.original) else _no_answer(OFF_TOPIC, resolved)
            )
        if context.entry is not None and points_back_to_an_act(resolved.original):
            # "what's the reward for doing so?": the act is the last answer's, and so is
            # what it brings, whatever word no data has it uses.
            return _checked(knowledge, understanding, context.entry, resolved)
        if parse is not None and not presumed and _only_off_topic_words(understanding, resolved):
            # "what about the weather?" right after an answer is no follow-up to it.
            return _no_answer(OFF_TOPIC, resolved)
        if (
            parse is not None
            and not presumed
            and not asks_about_before(resolved.original)
            and not (context.entry is not None and len(resolved.original.split()) <= 4)
            and understanding.unseen_words(resolved.original, ())
            and (
                understanding.knows_a_word_of(resolved.original)
                or starts_as_question(resolved.original)
            )
        ):
            # Unsure, naming nothing, and using a word no data has besides words it knows
            # ("who is the greatest tennis player ever?"), or a question in none but such
            # words ("who invented the telephone?"): an ordinary word it shares with an
            # answer ("player") is no reason to give that answer. A short follow-up ("who
            # dodged the subject?") is still read through the last answer, and gibberish
            # still gets "could you rephrase?".
            return _no_answer(OFF_TOPIC, resolved)
        if _last_answer_tells_the_kind(understanding, resolved, context):
            # "why was no delegation sent?" right after the US sent none: that answer
            # gives its reason, whatever other answer mentions delegations.
            return _checked(knowledge, understanding, context.entry, resolved)
        if _fragment_of_the_last_answer(understanding, resolved, context):
            # "last day?" right after the dates: the answer that has "ends" and "day".
            return _checked(knowledge, understanding, context.entry, resolved)
        best, score = ranked[0]
        placed = _entry_telling_of_the_thing_placed(knowledge, understanding, resolved)
        if placed is not None:
            # "where exactly have the skirmishes taken place?": what the article gives of it.
            return _checked(knowledge, understanding, placed, resolved)
        if score < _LIKELY and asks_about_before(resolved.original):
            # "who traditionally took the lead on Syrian peace?": naming nothing, but asking
            # how things were, which a few answers tell.
            earlier = _how_it_was(knowledge, understanding, resolved)
            if earlier is not None:
                return earlier
        if score >= _LIKELY:
            # Rasa was unsure, but the question points to one entry clearly enough;
            # right after an answer, "who avoided the subject?" is about that answer's subject.
            best = on_the_last_subject(knowledge, understanding, resolved, context, best) or best
            return _checked(knowledge, understanding, best, resolved)
        worded = worded_entry(knowledge, understanding, resolved.text)
        if worded is None and presumed:
            worded = understanding.entry_by_telling_words(knowledge, resolved.text)
        # Not for a short follow-up ("who went instead?"), which is read through the last answer.
        follow_up = context.entry is not None and len(resolved.original.split()) <= 4
        detailed = (
            None if worded or follow_up else _detail_worded(knowledge, understanding, resolved)
        )
        if detailed is not None:
            return detailed
        if (
            worded is None
            and _is_worded_as_a_question(resolved.original)
            and not _shares_a_word_with_the_last_answer(understanding, resolved, context)
        ):
            # "have there been any clashes?": a word few answers use, and one clearly most
            # (a question sharing a word with the last answer is read through it, below;
            # "<script>alert(1)</script>" is no question, whatever words it shares).
            worded = _clearly_told(knowledge, understanding, resolved)
        if worded is not None:
            # "did the besieged towns receive aid?": no training phrasing is
            # close, but its words are those of one answer, or, for a question that
            # presupposes something, a word that only one or two answers use ("did any
            # fighter accept immunity?").
            return _checked(knowledge, understanding, worded, resolved)
        # Unsure, names nothing: a short question right after an answer is about it,
        # also a fragment ("any violations?") in words the assistant knows.
        if (
            context.entry is not None
            and len(resolved.text.split()) <= 8
            and (
                starts_as_question(resolved.text)
                or (
                    parse is not None
                    and parse.text.rstrip().endswith("?")
                    and understanding.knows_a_word_of(resolved.text)
                )
            )
        ):
            subjects = _own_subject_of(knowledge, context.entry)
        elif parse is not None:
            return Part("rephrase")
    if subjects != resolved.subjects:
        ranked = entry_ranking(knowledge, understanding, resolved.text, subjects, probabilities)
    entry = best_entry(knowledge, ranked, subjects)
    if entry is None:
        return Part("rephrase")
    if (
        parse is not None
        and subjects == resolved.subjects
        and asks_unseen_of_a_name(knowledge, understanding, resolved, entry)
    ):
        # Only the name matched: X's profile would answer a question never seen.
        return _no_answer(NOT_IN_ARTICLE, resolved)
    entry = _redirected(knowledge, understanding, resolved, entry, _UNSURE)
    return _answer_matched(knowledge, understanding, resolved, entry)


def _answer_matched(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, entry: Entry
) -> Part:
    """The answer of the entry a question matched, or of whom it asks about that entry."""
    entry = agent_if_asked(knowledge, entry, resolved)
    return _placed_detail(knowledge, understanding, resolved, entry) or _checked(
        knowledge, understanding, entry, resolved
    )


def _entry_naming_the_place_asked(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "where exactly are these Syrian negotiations happening?" taken by Rasa for why the
    talks matter, an answer naming no place: the likeliest answer about the question's
    subjects (any, if none) that names one. Not for how things were before, nor from an
    answer dating an event, whose name may be its place ("talks in Geneva")."""
    if not asks_where(resolved.original) or mentions_before(resolved.original):
        return None
    if _names_one_of(knowledge, matched, _PLACES) or matched.answers & {"when", "date"}:
        return None
    return likeliest_entry(
        knowledge,
        understanding,
        resolved,
        resolved.subjects,
        lambda e: _names_one_of(knowledge, e, _PLACES),
    )


_PLACES = ("place", "country")


def _entry_naming_where_the_event_is(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "where's this round of negotiating taking place?" taken for Geneva's talks, then for
    the talks' own entry, which names no place: where an event is asked, the place
    redirect again after the entry of the event named."""
    if not resolved.subjects or knowledge.subjects[resolved.subjects[0]].kind != "event":
        return None
    return _entry_naming_the_place_asked(knowledge, understanding, resolved, matched)


def _entry_dating_the_event(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "which weekday did these negotiations get going?" taken by Rasa for why the talks
    matter, which gives no day: the event's own answer, if it gives one."""
    asked = kinds_asked(resolved.original) & {"when", "date"}
    if not asked or asked <= matched.answers or mentions_before(resolved.original):
        return None
    events = [s for s in resolved.subjects if knowledge.subjects[s].kind == "event"]
    own = knowledge.own_entry(events[0]) if events else None
    return own if own is not None and asked <= own.answers else None


def _entry_counting_what_is_asked(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, matched: Entry
) -> Optional[Entry]:
    """ "how many days will the Astana negotiations last?" taken by Rasa for why the talks
    matter, an answer with no such figure: the likeliest answer about the question's
    subjects (any, if none) whose own words count what is asked ("the two-day meeting")."""
    nouns = counted_nouns(resolved.original)
    if not nouns or _count_settled(matched, resolved, nouns):
        return None
    if any(knowledge.own_entry(s) is matched for s in resolved.subjects):
        # "how many days will the Geneva talks last?": the Geneva talks' own answer says
        # what the article gives of them; "this two-day meeting" beside it is Astana's.
        return None
    return likeliest_entry(
        knowledge,
        understanding,
        resolved,
        resolved.subjects,
        lambda e: _count_settled(e, resolved, nouns),
    )


Redirect = Callable[[Knowledge, Understanding, Resolved, Entry], Optional[Entry]]
# Each finds a better entry than the one matched, or none; in this order.
_BY_WORDING: Tuple[Redirect, ...] = (entry_in_the_words_asked, entry_sharing_the_words_asked)
_UNSURE: Tuple[Redirect, ...] = (
    entry_telling_what_comes_next,
    entry_giving_the_kind_asked,
    *_BY_WORDING,
)
_AFTER_RASA: Tuple[Redirect, ...] = (
    entry_telling_what_comes_next,
    entry_not_of_before,
    _entry_naming_the_place_asked,
    _entry_dating_the_event,
    _entry_counting_what_is_asked,
    entry_of_the_named,
    _entry_naming_where_the_event_is,
    entry_about_the_named,
    entry_giving_the_kind_asked,
    *_BY_WORDING,
)


def _redirected(
    knowledge: Knowledge,
    understanding: Understanding,
    resolved: Resolved,
    entry: Entry,
    redirects: Sequence[Redirect],
) -> Entry:
    """The matched entry, or what each redirect in turn finds instead."""
    for redirect in redirects:
        entry = redirect(knowledge, understanding, resolved, entry) or entry
    return entry


def _worded_about(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Part]:
    """ "where do the usual opposition leaders live?" taken by Rasa for something the article
    doesn't cover: an answer (or its "tell me more" part) about what the question names that
    shares most of its words, if clearly, rather than "the article doesn't say that"."""
    if understanding.article_words.unknown_names(resolved.original):
        return None
    entry = worded_entry(knowledge, understanding, resolved.text)
    if entry is not None and is_about(knowledge, entry, resolved.subjects):
        return _checked(knowledge, understanding, entry, resolved)
    return _detail_worded(knowledge, understanding, resolved)


def _placed_detail(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, entry: Entry
) -> Optional[Part]:
    """ "where do the opposition's usual leaders live?" matched to an answer naming no place:
    the "tell me more" part in the question's words ("leaders who live mostly in exile")."""
    if not asks_where(resolved.original) or _names_one_of(knowledge, entry, _PLACES):
        return None
    return _detail_worded(knowledge, understanding, resolved)


def _detail_worded(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Part]:
    """ "do the exiled leaders control the fighters?": the "tell me more" part sharing most
    of the question's words, if clearly, of an entry about what it names (if it names
    anything). A detail is shown as it stands: never for a time or figure asked."""
    if kinds_asked(resolved.original):
        return None
    detailed = worded_detail(knowledge, understanding, resolved.text)
    if detailed is None or detailed.detail is None:
        return None
    if resolved.subjects and not is_about(knowledge, detailed, resolved.subjects):
        return None
    return Part("answer", entry=detailed, shown=detailed.detail, question=resolved.text)


def _person_described(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Entry]:
    """ "who is the Syrian ambassador to the UN?": the profile of the one person the article
    describes in those words."""
    description = described_person(resolved.text)
    if description is None:
        return None
    person = person_described(knowledge, understanding, description)
    return knowledge.entries.get(person.entry) if person is not None else None


def _counted_told(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Entry]:
    """The entry of the few using the word for what is counted ("skirmishes"), or for what
    an ordinary word is counted within; none otherwise ("how many people live in Syria?")."""
    nouns = counted_nouns(resolved.original)
    if not nouns:
        return None
    # "how many people were killed in the skirmishes?": the skirmishes say what about.
    counted = counted_within(resolved.original) if is_generic_noun(nouns[0]) else nouns[0]
    return understanding.entry_by_telling_words(knowledge, counted) if counted else None


def _last_answer_covers(knowledge: Knowledge, resolved: Resolved, context: Context) -> bool:
    """Whether "and X?" is answered by the last answer itself: it answered the same question
    for another subject of X's kind, and a sentence of it names X too."""
    last = context.entry
    if resolved.how != ELLIPSIS or last is None or not resolved.subjects:
        return False
    new = knowledge.subjects[resolved.subjects[0]]
    before = [knowledge.subjects[m.subject] for m in knowledge.mentions(context.question or "")]
    if not any(s.id != new.id and s.kind == new.kind for s in before):
        return False
    if _own_answer_of_one_asked(knowledge, context):
        # Turkey's own answer names Russia as its partner; it says nothing of Russia's side.
        return False
    return any(m.subject == new.id for m in knowledge.mentions(last.main.text))


def _own_answer_of_one_asked(knowledge: Knowledge, context: Context) -> bool:
    """Whether the last answer was the own answer of a subject the last question named."""
    asked = knowledge.mentions(context.question or "")
    return context.entry is not None and any(
        knowledge.subjects[m.subject].entry == context.entry.id for m in asked
    )


def _own_answer_again(
    knowledge: Knowledge, resolved: Resolved, context: Context
) -> Optional[Entry]:
    """ "and the Russians?" after "whose side is Turkey on?", answered by Turkey's own
    answer: the same question, so Russia's own answer."""
    if resolved.how != ELLIPSIS or not resolved.subjects:
        return None
    if not _own_answer_of_one_asked(knowledge, context):
        return None
    return knowledge.own_entry(resolved.subjects[0])


def _part_pointed_back(resolved: Resolved, context: Context) -> Optional[Part]:
    """ "where do those leaders live?" right after the answer about "leaders who live
    mostly in exile": that answer (its main text or detail, whichever names them)."""
    last = context.entry
    if last is None or resolved.subjects or resolved.how != PLAIN:
        return None
    if presupposes(resolved.original):
        # "how many of those leaders...?" presupposes a figure: checked as any question.
        return None
    for noun in nouns_pointed_back(resolved.original):
        for shown in (last.main, last.detail):
            if shown is not None and re.search(rf"\b{re.escape(noun)}\b", shown.text, re.I):
                return Part("answer", entry=last, shown=shown, question=context.question or "")
    return None


def _named_in_last_answer(
    knowledge: Knowledge, resolved: Resolved, context: Context
) -> Optional[Part]:
    """ "which city is named?" right after "push out rebels from many cities, including
    Aleppo": the last answer, which uses the word and names one."""
    last = context.entry
    asked = identity_asked(resolved.original)
    if last is None or resolved.subjects or resolved.how != PLAIN or asked is None:
        return None
    noun, kinds = asked
    if not any(mentions_noun(last.main.text, form) for form in _noun_forms(noun)):
        return None
    if not _names_what_is_asked(knowledge, last, noun, kinds):
        return None
    return Part("answer", entry=last, shown=last.main, question=context.question or "")


_THEN_AT_END = re.compile(r"\bthen(\s*[?.!]*\s*)$", re.IGNORECASE)


def _then_as_before(resolved: Resolved, context: Context) -> Resolved:
    """ "who represented the opposition then?" right after an answer about earlier talks:
    "then" is the time that answer tells of, before these talks."""
    last = context.entry
    if last is None or not _THEN_AT_END.search(resolved.original):
        return resolved
    if not tells_about_before(f"{last.question} {last.main.text}"):
        return resolved
    return replace(
        resolved,
        original=_THEN_AT_END.sub(r"before\1", resolved.original),
        text=_THEN_AT_END.sub(r"before\1", resolved.text),
    )


def _article_or_named(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, context: Context
) -> Part:
    """Rasa's "about the article": unless it names a subject and no word of the article's
    own ("what's the story with Trump?" asks about Trump; "who is the opposition's biggest
    supporter?" about whoever backs it), or is a fragment in the last answer's words
    ("hosted by?" right after where the talks are is no "published by?")."""
    if _fragment_of_the_last_answer(understanding, resolved, context):
        return _checked(knowledge, understanding, context.entry, resolved)
    if (
        context.entry is not None
        and not resolved.subjects
        and len(resolved.original.split()) <= _SHORT_FRAGMENT
        and not is_about_article(resolved.original)
    ):
        # "run by whom?" right after the Geneva talks: not "written by whom?".
        return _checked(knowledge, understanding, context.entry, resolved)
    if resolved.subjects:
        entry = knowledge.entries[knowledge.subjects[resolved.subjects[0]].entry]
        entry = agent_if_asked(knowledge, entry, resolved)
        # Checked like any answer: "which city was retaken by the regime?" needs a city.
        return _checked(knowledge, understanding, entry, resolved)
    if not is_about_article(resolved.original) and _is_worded_as_a_question(resolved.original):
        # "who led the peace initiative historically?": words few answers use, and one most.
        told = _clearly_told(knowledge, understanding, resolved)
        if told is not None:
            return _checked(knowledge, understanding, told, resolved)
    if not is_about_article(resolved.original) and understanding.unseen_words(
        resolved.original, ()
    ):
        # "which pasta shape is the best?": no article words, nor anything about the article.
        return _no_answer(OFF_TOPIC, resolved)
    return Part("article", question=resolved.original)


def _counted_within_told(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Entry]:
    """ "how many were killed in the skirmishes?": the answer telling of what the count is
    within; not for "how many people live in Syria?", which an atlas tells."""
    if not counted_within(resolved.original) or asks_about_a_place_itself(resolved.original):
        return None
    return understanding.entry_by_telling_words(knowledge, resolved.text)


def _is_worded_as_a_question(text: str) -> bool:
    """Whether a text reads as a question: a question word first, or a question mark last."""
    return starts_as_question(text) or text.rstrip().endswith("?")


def _own_subject_of(knowledge: Knowledge, entry: Entry) -> Tuple[str, ...]:
    """The one subject an answer is about, as a question's subjects would be."""
    subject = knowledge.subject_of_entry(entry)
    return (subject.id,) if subject is not None else ()


def _last_answer_tells_the_kind(
    understanding: Understanding, resolved: Resolved, context: Context
) -> bool:
    """Whether the last answer gives the kind of fact asked (a reason, a time) in words the
    question uses."""
    asked = kinds_asked(resolved.original)
    return (
        context.entry is not None
        and bool(asked)
        and asked <= context.entry.answers
        and _shares_a_word_with_the_last_answer(understanding, resolved, context)
    )


def _only_off_topic_words(understanding: Understanding, resolved: Resolved) -> bool:
    """Whether a question's words (grammar's verbs aside) include one only off-topic examples
    use ("weather") and none any answer uses."""
    asked = set(word_stems(resolved.original).split()) - AUXILIARY_STEMS
    return bool(asked & understanding.off_topic_words) and not asked & understanding.answer_words


def _shares_a_word_with_the_last_answer(
    understanding: Understanding, resolved: Resolved, context: Context
) -> bool:
    """Whether a question uses a word of the last answer (grammar's verbs aside)."""
    if context.entry is None:
        return False
    asked = set(word_stems(resolved.text).split()) - AUXILIARY_STEMS
    return bool(asked & understanding.entry_words[context.entry.id])


def _clearly_told(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Entry]:
    """The entry a question's telling words point to, if it shares its words clearly."""
    told = understanding.entry_by_telling_words(knowledge, resolved.text)
    if told is None or understanding.index.similarities(resolved.text)[told.id] < _TOLD_CLEARLY:
        return None
    return told


def _dated_told(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Entry]:
    """ "what is planned for February 8?", off-topic for Rasa: a day the article gives
    names what happens on it, so the likeliest answer giving that day; none if another
    word is one only off-topic examples use ("what's the weather on Monday?")."""
    days = days_named(resolved.original)
    if not days or set(word_stems(resolved.text).split()) & understanding.off_topic_words:
        return None
    return likeliest_entry(
        knowledge,
        understanding,
        resolved,
        resolved.subjects,
        lambda e: set(days) <= set(days_named(e.main.text)),
    )


def _told_of_the_named(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Entry]:
    """ "what is the future of displaced Syrians?" taken by Rasa for something the article
    doesn't cover: the one answer about what it names that uses every word it asks with
    ("Their future remains uncertain"), if only one does."""
    if understanding.article_words.unknown_names(resolved.original):
        return None
    asked = words_without_names(knowledge, resolved.text) - AUXILIARY_STEMS
    if not asked:
        return None
    told = [
        e
        for e in knowledge.entries.values()
        if is_about(knowledge, e, resolved.subjects) and asked <= understanding.entry_words[e.id]
    ]
    if len(told) == 1:
        return told[0]
    # "whose side is Tehran on?": of several, the one that is the subject's own answer.
    own = knowledge.own_entry(resolved.subjects[0])
    if own in told:
        return own
    # "what is new about the Syrian talks in Astana?": else the likeliest of those about
    # the first subject named.
    first = resolved.subjects[:1]
    ranked = entries_ranked(knowledge, understanding, resolved.text, first)
    return next((e for e, _ in ranked if e in told and is_about(knowledge, e, first)), None)


def _before_in_last_answer(resolved: Resolved, context: Context) -> Optional[Part]:
    """ "who used to be?" right after "Russia is now in the driving seat... historically the
    UN has led": the last answer, which tells how it was before."""
    last = context.entry
    if last is None or resolved.subjects or not asks_about_before(resolved.original):
        return None
    for shown in (last.main, last.detail):
        if shown is not None and tells_about_before(shown.text):
            return Part("answer", entry=last, shown=shown, question=context.question or "")
    return None


_RELATIVE = re.compile(r"\s+(?:who|that|which)\b", re.IGNORECASE)


def _profile_asked(knowledge: Knowledge, resolved: Resolved) -> Optional[Entry]:
    """ "tell me about the Astana talks": the named subject's own entry, whatever else
    its words resemble."""
    rest = profile_request(resolved.original)
    if rest is None:
        return None
    mentions = knowledge.mentions(rest)
    subjects = {m.subject for m in mentions}
    if len(subjects) != 1 or not is_only_name(rest, [(m.start, m.end) for m in mentions]):
        return None
    described = resolved.original[resolved.original.find(rest) + len(rest) :]
    if _RELATIVE.match(described) and knowledge.mentions(described):
        # "what about the talks that start in Geneva?" names Geneva too: not the talks alone.
        return None
    return knowledge.own_entry(subjects.pop())


def _bare(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved, context: Context
) -> Part:
    """ "since when?", "how many?": the last answer if it says, else a related one, else say so."""
    asked = kinds_asked(resolved.original)
    last = context.entry
    assert last is not None
    if asked <= last.answers:
        return Part("answer", entry=last, shown=last.main, question=context.question or "")
    if "count" in asked:
        # "how many?" right after "except for a few skirmishes" counts what that answer
        # tells of, not the years of another answer about the same subject.
        return _gap(knowledge, understanding, last, sorted(asked - last.answers), resolved)
    ranked = entries_ranked(knowledge, understanding, resolved.text, resolved.subjects)
    for entry, _ in ranked:
        if asked <= entry.answers and is_about(knowledge, entry, resolved.subjects):
            return Part("answer", entry=entry, shown=entry.main, question=resolved.text)
    return _gap(knowledge, understanding, last, sorted(asked - last.answers), resolved)


def _entry_for_intent(
    knowledge: Knowledge, intent: str, topic: Optional[str], subjects: Sequence[str]
) -> Optional[Entry]:
    if intent == TOPIC_INTENT:
        entry = knowledge.for_topic(topic) if topic else None
        if entry is None and subjects:
            entry = knowledge.own_entry(subjects[0])
        return entry
    return knowledge.for_intent(intent)


def _checked(
    knowledge: Knowledge, understanding: Understanding, entry: Entry, resolved: Resolved
) -> Part:
    """The entry's answer, or "doesn't say" first when it does not settle what was asked."""
    there = _where_someone_is(knowledge, entry, resolved)
    if there is not None:
        return Part("answer", entry=there, shown=there.main, question=resolved.text)
    missing = set(kinds_asked(resolved.original) - entry.answers)
    if tells_about_before(entry.question) and not mentions_before(resolved.original):
        # "Did earlier peace talks work? No." settles nothing about these talks: "did the
        # talks end in a peace deal?" is not answered by it, nor is any yes or no ("did
        # anyone walk out of the talks?").
        missing = set(kinds_asked(resolved.original)) or (
            {"outcome"} if is_yes_no(resolved.original) else set()
        )
    if (
        "outcome" in entry.not_said
        and asks_whether_it_happened(resolved.original)
        and tells_only_what_may_come(entry.main.text)
    ):
        # "did the two sides talk face to face?" is not settled by "it is unclear whether
        # they will": what the article does not say is how it turned out.
        missing.add("outcome")
    if "attendance" in missing and _says_who_came(knowledge, entry, resolved):
        missing.discard("attendance")
    if "attendance" in missing and asks_who_was_before(resolved.original):
        # "who did the opposition send to earlier talks?": who came then is how it was,
        # not a gap about who came now.
        earlier = _how_it_was(knowledge, understanding, resolved, entry)
        if earlier is not None:
            return earlier
    if "attendance" in missing and asks_who_speaks_for(resolved.original):
        # "who represents Assad's regime?" matched to what the regime wants: the answer
        # saying whom it sent, before any gap of whom another sent.
        sent = _entry_saying_who_came(knowledge, resolved)
        if sent is not None:
            return _checked(knowledge, understanding, sent, resolved)
    if _attendance_of_another(knowledge, entry, resolved):
        # "did Russia send a delegation?" is not settled by whom the US did not send.
        missing.add("attendance")
    if _no_one_asked_to_attend(knowledge, resolved):
        # "how many days are they there?" after the talks: talks attend nothing.
        missing.discard("attendance")
    nouns = counted_nouns(resolved.original)
    if nouns and not _count_settled(entry, resolved, nouns):
        missing.add("count")
    within = counted_within(resolved.original) if nouns else None
    if within and not mentions_noun(entry.main.text, within):
        # "how many people died in the skirmishes?" is not settled by the war's toll.
        missing.add("count")
    if _place_of_the_thing_untold(knowledge, entry, resolved):
        # "where did the skirmishes take place?": the truce answer names Syria and Aleppo,
        # but no place of the skirmishes.
        missing.add("place")
    asked = identity_asked(resolved.original)
    if asked is not None and not _names_what_is_asked(knowledge, entry, *asked):
        # "which body has traditionally led the peace efforts?" asks which it was then.
        earlier = _how_it_was(knowledge, understanding, resolved, entry)
        if (
            earlier is not None
            and not missing
            and _names_one_of(knowledge, earlier.entry, asked[1])
        ):
            return earlier
        naming = _entry_naming_what_is_asked(knowledge, understanding, resolved)
        if naming is not None and not missing:
            # "which city did the rebels leave?": the entry about the rebels that names
            # a city ("many cities, including Aleppo"), not who the rebels are.
            return Part("answer", entry=naming, shown=naming.main, question=resolved.text)
        # "which towns are besieged?" is not settled by "the besieged towns".
        missing.add("identity")
    if (
        not missing
        and resolved.subjects
        and asks_who_acts(resolved.text)
        # "who spoke for the opposition before?" is told by how it was, below; whom a side
        # sent is settled above.
        and not mentions_before(resolved.original)
        and not asks_who_speaks_for(resolved.original)
        and not uses_a_word_of_the_act(knowledge, entry, resolved)
    ):
        # "who broke the ceasefire?": the truce answer names no one who did.
        missing.add("doer")
    if missing == {"count"} and _no_figure_about(knowledge, resolved.subjects):
        # "how old is Bashar al-Assad?": the article gives no figure about him at
        # all, so there is nothing related to show; only that it doesn't say.
        return _no_answer(NOT_IN_ARTICLE, resolved)
    if missing:
        return _gap(knowledge, understanding, entry, sorted(missing), resolved)
    # "who used to represent the opposition?" is not who represents it now.
    earlier = _how_it_was(knowledge, understanding, resolved, entry)
    if earlier is not None:
        return earlier
    return Part("answer", entry=entry, shown=entry.main, question=resolved.text)


def _count_settled(entry: Entry, resolved: Resolved, nouns: List[str]) -> bool:
    """Whether an answer settles a question counting `nouns`."""
    if asks_whether_any(resolved.original) and _tells_of(entry, nouns):
        # "were there any clashes?" is settled by "except for a few skirmishes".
        return True
    if _figure_for_what_happened(entry, nouns):
        # "how many (people) died?" is settled by "has killed more than 400,000 people".
        return True
    if not counts_noun(entry.main.text, nouns):
        # "How many rebels left?" is not settled by "five years".
        return False
    # "how many people fled?" is not settled by "killed more than 400,000 people".
    return not (
        len(nouns) > 1 and is_generic_noun(nouns[0]) and not figure_near(entry.main.text, nouns[1])
    )


def _figure_for_what_happened(entry: Entry, nouns: List[str]) -> bool:
    """Whether an answer gives a figure right by what the counted ones went through."""
    happened = nouns[1] if is_generic_noun(nouns[0]) and len(nouns) > 1 else nouns[0]
    return happened.endswith("ed") and figure_near(entry.main.text, happened)


def _tells_of(entry: Entry, nouns: List[str]) -> bool:
    """Whether an answer names the things asked about, in the article's word for them."""
    return bool(set(word_stems(" ".join(nouns)).split()) & set(word_stems(entry.main.text).split()))


def _no_one_asked_to_attend(knowledge: Knowledge, resolved: Resolved) -> bool:
    """Whether a question that sounds like one about who was there names only events and
    places and asks for no one ("how many days are they there?" after the talks)."""
    return (
        bool(resolved.subjects)
        and all(knowledge.subjects[s].kind in ("event", "place") for s in resolved.subjects)
        and not asks_for_someone(resolved.original)
    )


def _attendance_of_another(knowledge: Knowledge, entry: Entry, resolved: Resolved) -> bool:
    """Whether a question asks who came of a subject other than the one whose attendance
    the entry tells, and the entry says nothing of whom that subject sent."""
    if "attendance" not in entry.answers or "attendance" not in kinds_asked(resolved.original):
        return False
    own = knowledge.subject_of_entry(entry)
    return (
        own is not None
        and bool(resolved.subjects)
        # Of whom it is asked: "is any American official there?" asks of the US, not of
        # the talks "there" stands for.
        and _sent_for(knowledge, resolved)[0] != own.id
        and not _says_who_came(knowledge, entry, resolved)
    )


def _entry_saying_who_came(knowledge: Knowledge, resolved: Resolved) -> Optional[Entry]:
    """The answer saying who came for the question's first subject: its own, or another."""
    whom = _sent_for(knowledge, resolved)
    if not whom:
        return None
    own = knowledge.own_entry(whom[0])
    entries = [own] if own is not None else []
    entries += [e for e in knowledge.entries.values() if e is not own]
    return next((e for e in entries if _says_who_came(knowledge, e, resolved)), None)


# How many words may stand between a side's name and the word saying whom it sent.
_SENT_NEAR = 2
_SPEAKS_FOR = frozenset(
    word_stems("represent representing sent send delegation delegate envoy").split()
)
_BY_SOMEONE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)


def _says_who_came(knowledge: Knowledge, entry: Entry, resolved: Resolved) -> bool:
    """Whether an answer itself says who came or was sent, in the question's own words and
    of what it names: "is this the first time rebels sent representatives?" is settled by
    "the first time that Syrian rebels have sent representatives", a sentence naming the
    question's first subject; "did Assad attend?" is not by "the regime is attending"."""
    asked = attendance_words(resolved.original)
    if not asked and not asks_who_speaks_for(resolved.original):
        return False
    whom = _sent_for(knowledge, resolved)
    # "which diplomat represents Assad?": whoever speaks for him speaks for his regime.
    spoken_for = [*whom[:1], *groups_named_after(knowledge, whom[:1])] if not asked else []
    for sentence in (*entry.main.sources, *sentences_of(entry.main.text)):
        # "The US, which was invited by Russia, did not send a delegation" says nothing
        # of whom Russia sent: a subject named after "by" did something else.
        named = {
            m.subject
            for m in knowledge.mentions(sentence)
            if not _BY_SOMEONE.search(sentence[: m.start])
        }
        if asked:
            if asked <= set(word_stems(sentence).split()) and (not whom or whom[0] in named):
                return True
            continue
        # "who is the rebels' negotiator?" is settled by "Alloush is representing the
        # rebel fighters", in the article's own words for being sent and right by the
        # name ("the UN's special envoy ... and Iran" says nothing of whom Iran sent).
        if not whom and knowledge.words_apart(sentence, _SPEAKS_FOR, ()) <= _SENT_NEAR:
            return True
        if any(
            s in named and knowledge.words_apart(sentence, _SPEAKS_FOR, (s,)) <= _SENT_NEAR
            for s in spoken_for
        ):
            return True
    return False


def _sent_for(knowledge: Knowledge, resolved: Resolved) -> Tuple[str, ...]:
    """Of whom a question asks who came: its first subject that is no event ("the regime"
    in "who is negotiating for the regime?", where "negotiating" names the talks)."""
    sides = [s for s in resolved.subjects if knowledge.subjects[s].kind != "event"]
    return tuple(sides[:1] or resolved.subjects[:1])


def _how_it_was(
    knowledge: Knowledge,
    understanding: Understanding,
    resolved: Resolved,
    matched: Optional[Entry] = None,
    named_before: bool = False,
) -> Optional[Part]:
    """For a question about how things were before (or, `named_before`, naming a time before
    in any words: "what happened in earlier talks?"), the answer telling so, closest in words."""
    # "who represented the opposition in earlier talks?" asks who it was then, not how
    # those talks went.
    named = named_before and mentions_before(resolved.original)
    if not (
        named or asks_about_before(resolved.original) or asks_who_was_before(resolved.original)
    ):
        return None
    if (
        matched is not None
        and asks_who_was_before(resolved.original)
        and not names_an_actor(knowledge, _named_besides(knowledge, matched, resolved.subjects))
    ):
        # "who did the opposition's talking in earlier rounds?" is not told by "previous
        # negotiations that involved the opposition failed", which names no one else.
        matched = None
    earlier = understanding.earlier_answer(knowledge, resolved.text, resolved.subjects, matched)
    if earlier is None:
        return None
    entry, shown = earlier
    return Part("answer", entry=entry, shown=shown, question=resolved.text)


def _named_besides(knowledge: Knowledge, entry: Entry, subjects: Sequence[str]) -> List[str]:
    """The subjects an answer names other than these."""
    return [m.subject for m in knowledge.mentions(entry.main.text) if m.subject not in subjects]


def _no_figure_about(knowledge: Knowledge, subjects: Sequence[str]) -> bool:
    """Whether no entry about these subjects gives a figure or says which it doesn't give."""
    return bool(subjects) and not any(
        "count" in e.answers or "count" in e.not_said
        for e in knowledge.entries.values()
        if is_about(knowledge, e, subjects)
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
    # "did the rebels and the regime reach an agreement?" asks about both sides together:
    # what one side alone wants or does is not the gap.
    both = both_sides(knowledge, resolved.subjects)
    # The reader's own words: a name put in for "they" would weigh more than it says.
    similarity = understanding.gaps.similarities(resolved.original)
    # Another entry's gap must share words other than names: "Assad" alone does not make
    # "what will become of Assad's future" what "did Obama ever try talks with Assad?" means.
    asked = without_names(resolved.original, knowledge.mentions(resolved.original))
    worded = understanding.gaps.similarities(asked)
    nouns = counted_nouns(resolved.original)
    # Matched only to a profile ("who are the rebels?"), or to an entry whose own gap
    # shares no word with the question ("did the rebel fighters abandon their posts?"
    # matched to what both sides want), a question using a word that one or two entries
    # alone use ("immunity") is about one of those. Counts go by the thing counted instead.
    own_unworded = all(
        kind in entry.not_said and similarity[gap_key(entry.id, kind)] == 0.0 for kind in missing
    )
    told = (
        understanding.entries_told(asked)
        # "who heads the Turkish delegation?": "heads" tells who was sent, not of whom
        # else the article uses the word ("the head of the regime").
        if (entry.topic or own_unworded)
        and missing != ["count"]
        and not asks_who_speaks_for(resolved.original)
        else ()
    )
    telling = {e.id: e.id in told for e in knowledge.entries.values()}
    candidates = [
        ((telling[e.id], similarity[gap_key(e.id, kind)]), e, e.not_said[kind])
        for e in knowledge.entries.values()
        for kind in missing
        if kind in e.not_said
        and (kind != "count" or counts_same(e.not_said[kind].text, nouns))
        # "how many fighters Jaysh al-Islam has" counts another's fighters than those
        # "how many fighters abandoned their posts?" asks about.
        and (
            kind != "count"
            or e is entry
            or not _names_others(knowledge, e.not_said[kind].text, resolved.subjects)
        )
        # A question naming Jaysh al-Islam is not answered by what the truce entry lacks,
        # unless it tells otherwise as above.
        and (
            e is entry
            or not resolved.subjects
            or is_about(knowledge, e, resolved.subjects)
            or telling[e.id]
        )
        and (
            e.id in near
            or worded[gap_key(e.id, kind)] > 0
            or telling[e.id]
            # "did the talks succeed?": what the article doesn't say of the talks (of the
            # question's first subject only: "did Obama ever try talks with Assad?" is
            # not about Assad's future).
            or _names_a_subject(knowledge, e.not_said[kind].text, resolved.subjects[:1])
            # Both sides named: what the article doesn't say of them together.
            or (both and not _about_one_side(knowledge, e, e.not_said[kind], both))
        )
    ]
    if not candidates:
        counted = (
            indirect_count_question(resolved.original) if nouns or "count" in missing else None
        )
        named = identity_asked(resolved.original) if "identity" in missing else None
        if named is not None and not counted:
            counted = indirect_identity_question(resolved.original) or f"which {named[0]} they are"
        if missing == ["demand"]:
            counted = indirect_demand_question(resolved.original)
        if missing == ["place"]:
            thing = place_asked_of(resolved.original)
            counted = f"where the {thing} {'were' if thing.endswith('s') else 'was'}"
        if missing == ["doer"]:
            asked = _THE_QUESTION_MARK.sub("", resolved.original.strip())
            counted = asked[:1].lower() + asked[1:]
        lead = f"The article doesn't say {counted or _GENERIC_GAP[missing[0]]}."
        shown = entry
        if named is not None:
            # "which towns are besieged?": what the article says of the towns.
            nouns = [named[0]]
        specific = [n for n in nouns if not is_generic_noun(n)]
        if not is_about(knowledge, entry, resolved.subjects):
            shown = _entry_naming(knowledge, understanding, nouns, resolved.original) or entry
        elif specific and entry.topic and not _names_any(entry, specific):
            # "how many prisoners did the regime free?": what the article says of prisoners,
            # not who the regime is; but "how many people does Jaysh al-Islam have?" is
            # about Jaysh al-Islam, and "civilian deaths after the truce" about the truce.
            shown = _entry_naming(knowledge, understanding, specific, resolved.original) or entry
        return Part("partial", shown, shown.main, lead, resolved.text)

    # "did the regime accept the rebels' demands?": the gap of what the rebels want.
    whose = owner_of_the_thing_asked(knowledge, resolved.original)
    # Between entries the question's words tell alike, the one most about those words:
    # "immunity" is the regime's offer, though both sides' wants mention it.
    about_asked = understanding.index.similarities(asked) if any(telling.values()) else {}

    def closeness(candidate: Tuple[Tuple[bool, float], Entry, NotSaid]) -> Tuple:
        (told_by_word, score), owner, gap = candidate
        # Only for a profile does a telling word outrank wording; otherwise it only lets
        # another entry's gap compete ("did the rebel fighters abandon their posts?").
        tells = told_by_word and bool(entry.topic)
        owned = whose is not None and getattr(asked_about(knowledge, owner), "id", None) == whose
        return (
            # ...unless it is whose thing was asked about ("the rebels' demands"), or the
            # gap of the answer matched ("did the two sides meet face to face in the end?").
            bool(both)
            and owner is not entry
            and not owned
            and _about_one_side(knowledge, owner, gap, both),
            not tells,
            not owned,
            -score,
            -about_asked.get(owner.id, 0.0) if tells else 0.0,
            near.index(owner.id) if owner.id in near else len(near),
        )

    _, owner, gap = min(candidates, key=closeness)
    shown = knowledge.entries[gap.instead] if gap.instead else owner
    lead = f"The article doesn't say {gap.text}."
    return Part("partial", shown, shown.main, lead, resolved.text)


def _entry_telling_of_the_thing_placed(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Entry]:
    """ "where did the skirmishes happen?", naming no subject: the answer whose quotes tell of
    the skirmishes, closest in words, to say what it gives of their place."""
    thing = place_asked_of(resolved.original)
    if thing is None or resolved.subjects or knowledge.mentions(thing):
        return None
    telling = [e for e in knowledge.entries.values() if _quotes_telling_of(e, thing)]
    similarity = understanding.index.similarities(resolved.text)
    return max(telling, key=lambda e: similarity[e.id], default=None)


def _quotes_telling_of(entry: Entry, thing: str) -> List[str]:
    """An answer's quotes that use the word for a thing, in the article's word ("violations"
    are its "skirmishes")."""
    said = word_stems(thing.split()[-1])
    return [s for s in entry.main.sources if said in word_stems(s).split()]


def _place_of_the_thing_untold(knowledge: Knowledge, entry: Entry, resolved: Resolved) -> bool:
    """Whether a question asks where something the entry tells of was, and no sentence of
    the entry naming that thing names a place."""
    thing = place_asked_of(resolved.original)
    if thing is None or knowledge.mentions(thing):
        return False
    telling = _quotes_telling_of(entry, thing)
    return bool(telling) and not any(
        knowledge.subjects[m.subject].kind in _PLACES
        for sentence in telling
        for m in knowledge.mentions(sentence)
    )


def _names_what_is_asked(
    knowledge: Knowledge, entry: Entry, noun: str, kinds: Sequence[str]
) -> bool:
    """Whether an answer names what a "which towns?" question asks for: for "which nations
    are behind the talks?", two countries or more ("in Kazakhstan" names one place); for
    "which sides are talking?", two groups or more."""
    if asks_for_several(noun):
        named = {m.subject for m in knowledge.mentions(entry.main.text)}
        return sum(knowledge.subjects[s].kind == kinds[0] for s in named) >= 2
    return _names_one_of(knowledge, entry, kinds)


def _names_one_of(knowledge: Knowledge, entry: Entry, kinds: Sequence[str]) -> bool:
    """Whether an entry's answer names a subject of the kinds a "which towns?" question asks for."""
    return any(
        knowledge.subjects[m.subject].kind in kinds for m in knowledge.mentions(entry.main.text)
    )


def _about_one_side(
    knowledge: Knowledge, entry: Entry, gap: NotSaid, sides: Tuple[str, ...]
) -> bool:
    """Whether an entry's question, or its gap, is about one of the two sides alone."""
    if getattr(asked_about(knowledge, entry), "id", None) in sides:
        return True
    named = {m.subject for m in knowledge.mentions(gap.text)} & set(sides)
    return len(named) == 1


def _names_others(knowledge: Knowledge, text: str, subjects: Sequence[str]) -> bool:
    return any(m.subject not in subjects for m in knowledge.mentions(text))


def _names_a_subject(knowledge: Knowledge, text: str, subjects: Sequence[str]) -> bool:
    return any(m.subject in subjects for m in knowledge.mentions(text))


def _entry_naming_what_is_asked(
    knowledge: Knowledge, understanding: Understanding, resolved: Resolved
) -> Optional[Entry]:
    """The entry about the question's subjects whose answer uses the word for the things
    asked ("cities") and names one, closest in wording first; a "which country?" needs no
    word "country", only a country named."""
    asked = identity_asked(resolved.original)
    if asked is None or not resolved.subjects:
        return None
    noun, kinds = asked
    similarity = understanding.index.similarities(resolved.text)
    # "in what city are they negotiating?" asks where; "which country drives the talks?" who.
    where = asks_where(resolved.original)
    # "which sides are talking in Astana?": the talks held there are asked about too.
    held = [event_held_at(knowledge, s) for s in resolved.subjects]
    subjects = [*resolved.subjects, *filter(None, held)]
    naming = [
        e
        for e in knowledge.entries.values()
        if is_about(knowledge, e, subjects)
        and (
            names_its_kind(noun, kinds)
            or asks_for_several(noun)
            or any(mentions_noun(e.main.text, form) for form in _noun_forms(noun))
            or (where and _names_where_held(knowledge, e, subjects))
        )
        and _names_what_is_asked(knowledge, e, noun, kinds)
    ]
    # For several, an answer naming them together first ("The Syrian regime and the
    # rebels.") names them; "will the two sides meet?" only mentions them. "In what city
    # are the Syrians negotiating?" is where the negotiations are, not cities they left.
    several = asks_for_several(noun)
    return max(
        naming,
        key=lambda e: (
            several and bool(named_together(knowledge, e.main.text)),
            where and _names_where_held(knowledge, e, subjects),
            similarity[e.id],
        ),
        default=None,
    )


def _where_someone_is(knowledge: Knowledge, entry: Entry, resolved: Resolved) -> Optional[Entry]:
    """ "where is he?" after Jaafri, whose answer names no place but the meeting he was sent
    to: the answer saying where that event is."""
    if not asks_where_someone_is(resolved.original):
        return None
    if not resolved.subjects or knowledge.subjects[resolved.subjects[0]].kind != "person":
        return None
    if _names_one_of(knowledge, entry, _PLACES):
        return None
    held = [
        knowledge.own_entry(m.subject)
        for m in knowledge.mentions(entry.main.text)
        if knowledge.subjects[m.subject].kind == "event"
    ]
    return next((e for e in held if e is not None and _names_one_of(knowledge, e, _PLACES)), None)


def _names_where_held(knowledge: Knowledge, entry: Entry, events: Sequence[str]) -> bool:
    """Whether an answer names the place where one of the events is held (Astana)."""
    return any(
        event_held_at(knowledge, m.subject) in events for m in knowledge.mentions(entry.main.text)
    )


def _noun_forms(noun: str) -> Tuple[str, ...]:
    """ "city" and "cities", "town" and "towns"."""
    if noun.endswith("ies"):
        return (noun, noun[:-3] + "y")
    if noun.endswith("y"):
        return (noun, noun[:-1] + "ies")
    return (noun, noun[:-1]) if noun.endswith("s") else (noun, noun + "s")


def _names_any(entry: Entry, nouns: List[str]) -> bool:
    """Whether an entry's answer or quotes name one of the counted things."""
    said = " ".join([entry.main.text, *entry.main.sources])
    return any(mentions_noun(said, n) for n in nouns)


def _entry_naming(
    knowledge: Knowledge, understanding: Understanding, nouns: List[str], question: str
) -> Optional[Entry]:
    """The entry whose answer or quotes name a counted thing, closest in wording first."""
    if not nouns:
        return None
    similarity = understanding.index.similarities(question)
    naming = [e for e in knowledge.entries.values() if _names_any(e, nouns)]
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
