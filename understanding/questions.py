"""Read the shape of a question: its parts, the kind of fact it asks for, and what it leans on.

Text patterns only, no article facts: the action server combines them with the
knowledge file's subjects and the conversation so far (actions/context.py).
English question words and pronouns are behaviour, like the training data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import FrozenSet, List, Optional, Tuple

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from understanding.intent_model import stems as word_stems

# Kinds of question an answer may or may not settle. An entry settles "when",
# "date", "hour" and "count" when its answer says a day, date, time of day or
# number; "ending" when it says an end with its day ("ends on Tuesday"); "reason"
# when its question is a "why" or it has a `why:`; "outcome", "attendance",
# "statement" (what someone said) and otherwise "reason" only when the knowledge
# file declares it (`answers:`).
QUESTION_KINDS = (
    "when", "date", "hour", "ending", "count", "outcome", "attendance", "statement", "reason",
    "identity", "later", "opinion", "demand", "next",
)  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_A_DAY = re.compile(rf"{_DATE.pattern}|\b{_WEEKDAY}\b", re.IGNORECASE)


def days_named(clause: str) -> List[str]:
    """The dates and weekdays a question names ("February 8", "Monday"), lower-cased."""
    return [" ".join(m.group(0).casefold().split()) for m in _A_DAY.finditer(clause)]


_TIME = re.compile(rf"\b{_MONTH}\b|\b{_WEEKDAY}\b|{_YEAR.pattern}")
_HOUR = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\bo'clock\b|\b(?:noon|midnight|"
    r"morning|afternoon|evening)\b",
    re.IGNORECASE,
)
# "the meeting ends on Tuesday": an end with its day, date or year.
_ENDS_ON = re.compile(
    rf"\b(?:end|ends|ended|finish(?:es|ed)?|close[sd]?|conclude[sd]?)\b\W+(?:\w+\W+){{0,2}}?"
    rf"(?:{_TIME.pattern})",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|"
    r"thousands?|millions?)\b",
    re.IGNORECASE,
)

_ASKS = {
    "date": r"\b(?:what|which|exact)\s+date\b|\bexactly when\b|\bcalendar\b|\bwhat day of\b",
    "when": (
        r"\bwhen\b|\bwhat time\b|\b(?:what|which) (?:year|month|week|day|weekday)\b|"
        r"\bhow long ago\b"
    ),
    "hour": r"\bwhat time\b|\btime of (?:the )?day\b|\bwhat hour\b|\bat what time\b",
    # When something ends, which a start date does not say.
    "ending": (
        r"\b(?:when|what day|which day|what date|how long|(?:what|which) weekday|day of the week)"
        r"\b.*\b(?:end|ends|ended|ending|"
        r"finish(?:es|ed)?|close[sd]?|conclude[sd]?|wrap(?:s|ped)? up|be over)\b|"
        # "what date is the last day of the Geneva talks?"
        r"\b(?:what|which|when)\b.*\b(?:last|final|closing)\s+(?:day|date|session)\b|"
        # "how long will the truce last?" asks when it will end.
        r"\bhow long (?:will|would|can|could|is\b.*\bgoing to)\b.*\b(?:last|go on|continue|hold)\b"
    ),
    "count": (
        # Not "how much will Trump's team do": that asks how far, as below.
        # Nor "how much of the country does it cover?": how far it reaches.
        r"\bhow many\b|\bhow much\b(?!\s+(?:will|would|can|could|does|did|do)\b)"
        r"(?!\s+of\s+(?:the\s+)?(?:country|territory|syria|nation|land)\b)|"
        r"\bnumber of\b|\bhow long\b|"
        # Not "how far": "how far will Trump go?" is the article's own question of degree.
        r"\bhow (?:big|old|tall|large|rich|heavy|high|wide|strong)\b"
        # "how big is Iran's role?" asks how much it matters, not a figure.
        r"(?!.*\b(?:role|part|influence|say|stake)\b)|\bage\b"
    ),
    "outcome": (
        r"\b(?:did|were|was|has|have|had)\b.*\b(?:get(?! going| started| under)|got|gotten|"
        r"receive[ds]?|release[ds]?|"
        r"freed|accept(?:ed|s)?|agree(?:d|s)?|succeed(?:ed|s)?|successful|work(?:ed)?|"
        r"achieve[ds]?|accomplish(?:ed)?|reach(?:ed)?|sign(?:ed)?|win|won|deliver(?:ed)?|"
        r"meet|met|s[ia]t|end(?:ed)? up|end(?:ed)? (?:in|with)|produce[ds]?|yield(?:ed|s)?|"
        # "has any aid made it into the towns?", "did the talks wind up with a deal?"
        r"ma(?:de|ke|kes) it (?:in|into|to|through|out)|w(?:ind|inds|ound) up (?:in|with)|"
        r"sh(?:ake|ook|aken) hands|"
        # "have they been given any of it?"
        r"been given|"
        r"result(?:ed|s)? in|lead to|led to|br(?:ing|ought) about|gi(?:ve|ven|ves|ving) up|"
        r"br(?:ing|ought) (?:\w+ ){0,3}to an end|put (?:\w+ ){0,3}to an end|"
        r"gave up|abandon(?:ed|s)?|surrender(?:ed|s)?|l(?:ay|aid) down|grant(?:ed|s)?|"
        r"set free|end(?:ed)? (?:the|this|that)|decide[ds]?|arrive[ds]?|let go|let out|"
        r"t(?:ake|ook|aken) (?:the|an?|up)\b)\b|"
        # "who won the negotiations?" asks how they turned out, "is the war over?" too.
        r"\bwho (?:won|lost)\b|^\s*(?:is|are|was|were)\b.*\bover\s*[?.!]*\s*$|"
        # "did they hold face-to-face talks in the end?" asks how it turned out.
        r"\b(?:did|were|was|has|have|had)\b.*\b(?:in the end|eventually|finally|ultimately)\b|"
        r"\bwhat was (?:agreed|decided|achieved)\b|\b(?:outcome|result)s?\b|"
        # "did Obama ever try talks?" asks whether something happened at all.
        r"\b(?:did|has|have|had)\b.*\bever\b"
    ),
    "reason": (
        r"\bwhy\b|\bhow come\b|\bfor what reason\b|\bwhat (?:is|was) the reason\b|"
        # "what reason did Washington give?", "what was the excuse?"
        r"\bwhat (?:(?:is|was|were) the )?(?:reasons?|excuses?|explanation|justification)\b"
    ),
    # Whether something happened after the talks, which the article was written during.
    "later": (
        r"^\s*(?:did|has|have|had|was|were|is|are)\b.*\b(?:after|since) (?:the|these|this) "
        r"(?:talks|meeting|negotiations|round)\b"
    ),
    # What someone said or announced: the article reports almost no words of anyone's.
    "statement": (
        # Not "who has spoken for the opposition?": that asks who represented it.
        r"\b(?:did|has|have|had|what did|what has|what have)\b.*\b(?:say|said|"
        r"(?:speak|spoke|spoken)(?! (?:for|on behalf of)\b)|"
        r"state|stated|comment(?:ed)?|announce[ds]?|declare[ds]?|tell|told|propose[ds]?)\b|"
        r"\b(?:response|reaction|reply|speech|remarks|comments|statements?|messages?)\b"
    ),
    # What someone wants or asks for: the article tells it of the two sides alone.
    "demand": (
        r"\bwhat\b.*\b(?:want(?:s|ed)?|demand(?:s|ed)?|ask(?:s|ed)? for|seek(?:s|ing)?|sought|"
        r"goals?|aims?|plans?|promise[ds]?|"
        # "what does Iran hope to get from the talks?"
        r"hop(?:e|es|ed|ing) (?:to (?:get|gain|achieve|win)|for))\b|\bdemands\b"
    ),
    # What comes after an event: "what happens once the Astana talks are over?", "which
    # talks follow Astana?", the article's own "What's next?".
    "next": (
        r"\bwhat(?:'s|’s|\s+is)?\s+next\b|"
        r"\bwhat\s+(?:happens|will happen|comes|is coming|'s coming|’s coming|follows)\b.*"
        r"\b(?:after|once|when|following)\b|"
        r"\b(?:talks|round|rounds|meeting|negotiations)\s+(?:that|which)\s+"
        r"(?:follows?|comes?\s+after|come\s+next)\b|"
        r"\b(?:which|what)\s+(?:talks|round|meeting|negotiations)\s+(?:follows?|comes?\s+after)\b"
    ),
    # What someone thinks of it: the article reports no one's view.
    "opinion": (
        r"\bwhat (?:does|do|did) (?!you\b).+?\b(?:think|feel|believe)\b|"
        r"\b(?:opinion|views?) (?:of|on|about)\b|\bhow (?:does|do|did) (?!you\b).+?\bfeel\b"
    ),
    "attendance": (
        r"\b(?:attend(?:s|ed|ing|ance)?|present|show(?:ed)? up|turn(?:ed)? up|in person|personally|"
        r"himself|herself)\b|\b(?:he|she|it|they)\s+there\b|"
        # "who's there from the US?", "who is there for Russia?"
        r"\bwho(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+there\s+(?:from|for|on behalf of)\b|"
        r"\b(?:come|came|go|went|travel(?:led)?)\s+to\b|\bsen[dt]\b|\bsending\b|"
        r"\bdispatch(?:es|ed|ing)?\b|"
        # "did Washington have anybody at Astana?", "is any American official there?"
        r"\b(?:any(?:one|body)?|some(?:one|body)?)\s+(?:\w+\s+)?(?:officials?|diplomats?)\s+"
        r"(?:there|at|in)\b"
    ),
}
_ASK_PATTERNS = {kind: re.compile(p, re.IGNORECASE) for kind, p in _ASKS.items()}


# "who heads the Turkish delegation?", "who is Iran's negotiator?": who was sent for
# someone, asked by the one who speaks for them.
_WHO_SPEAKS_FOR = re.compile(
    # "which diplomat represents Assad at the talks?" asks who, too.
    r"^\W*(?:and\s+|so\s+)?(?:who(?:m|'s|’s)?|which\s+(?:diplomat|official|person|man|woman|"
    r"envoy|figure|individual|negotiator|delegate))\b.*\b(?:delegat(?:e|es|ion)|negotiators?|"
    r"representatives?|envoys?|spokes(?:man|person|woman)|represent(?:s|ing|ed)?|"
    r"(?:speak(?:s|ing)?|spoke|negotiat(?:es|ing|ed)|talking) (?:for|on behalf of)|"
    # "who stood in for the opposition at past talks?"
    r"st(?:and|ands|ood|anding) in for|"
    # "who is sitting opposite them for the regime?"
    r"(?:sit|sits|sitting|sat|seated)(?:\s+[\w']+){0,3}?\s+(?:for|on behalf of)|"
    r"(?:'s|’s|'|’) seat at the table|s(?:i|a)ts? at the table (?:for|on behalf of)|"
    # "who had been the opposition's voice?"
    r"(?:'s|’s|'|’) voice|"
    # "which diplomat did the government choose for Astana?", "whom did they pick?"
    r"\b(?:cho(?:o)?se|chosen|pick(?:ed)?|select(?:ed)?|appoint(?:ed)?|nominate[d]?)\b)\b",
    re.IGNORECASE,
)


def attendance_words(clause: str) -> FrozenSet[str]:
    """The stems of the words that make a question ask who was there ("sent", "attend")."""
    found = " ".join(m.group(0) for m in _ASK_PATTERNS["attendance"].finditer(clause))
    return frozenset(word_stems(found).split())


# "and the regime's man?", "what about the other side's negotiator?": one sent, by whose.
_SOMEONES_ENVOY = re.compile(
    r"(?:'s|’s|'|’)\s+(?:\w+\s+)?(?:negotiators?|delegates?|delegation|representatives?|"
    r"envoys?|spokes(?:man|person|woman)|man|guy|person)"
    # "the Syrian government's man in Astana?", "... guy at the Astana table?"
    r"(?:\s+(?:in|at)\s+(?:the\s+)?[\w-]+(?:\s+(?:table|talks|meeting))?)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def asks_who_speaks_for(clause: str) -> bool:
    """Whether a question asks who was sent for someone ("who is Iran's delegate?")."""
    return bool(_WHO_SPEAKS_FOR.search(clause) or _SOMEONES_ENVOY.search(clause))


_QUESTION_WORD = (
    r"(?:who|whom|whose|what|what's|whats|where|when|why|how|which|is|are|was|were|does|do|"
    r"did|has|have|had|will|would|can|could|should)"
)
_CLAUSE_SPLIT = re.compile(
    rf"\s*(?:,\s*(?:and\s+|also\s+|but\s+)?|\s+and\s+(?:also\s+)?|\s+but\s+|\s+&\s+|\s+plus\s+)"
    # "who brokered the talks and in which city?": a question word after a preposition.
    rf"(?=(?:(?:in|at|on|for|from|to|by|with|since|until)\s+(?=(?:which|what|whom|whose)\b))?"
    # "why did they go and do that?": "do that" is the verb's, no question of its own.
    rf"(?!(?:do|does|did)\s+(?:that|this|it|so)\s*[?.!]*\s*$)"
    rf"{_QUESTION_WORD}\b)",
    re.IGNORECASE,
)
_WH = r"(?:who|what|where|when|why|how|which|how many|how long)"
_SHARED_WH = re.compile(rf"^\s*({_WH})\s+(?:and|&|or)\s+({_WH})\b(.*)$", re.IGNORECASE)
_STARTS_QUESTION = re.compile(rf"^\s*{_QUESTION_WORD}\b", re.IGNORECASE)

# Words that point back to something said before, and what they can point to.
PERSON, THING, PLURAL, PLACE = "person", "thing", "plural", "place"
# "that place", "the city": a place, never the talks held there.
CITY = "city"
_PRONOUNS = {
    "he": PERSON,
    "him": PERSON,
    "his": PERSON,
    "himself": PERSON,
    "she": PERSON,
    "her": PERSON,
    "herself": PERSON,
    "it": THING,
    "its": THING,
    "itself": THING,
    "they": PLURAL,
    "them": PLURAL,
    "their": PLURAL,
    "theirs": PLURAL,
    "themselves": PLURAL,
    "there": PLACE,
}
_DESCRIPTIONS = {
    "the group": "group",
    "that group": "group",
    "this group": "group",
    "the country": "country",
    "that country": "country",
    "the city": CITY,
    "that city": CITY,
    "that place": CITY,
    "the place": CITY,
    "that town": CITY,
    "the town": CITY,
    "the area": CITY,
    "that area": CITY,
    "the region": CITY,
    "that region": CITY,
    "the man": PERSON,
    "that man": PERSON,
    "this man": PERSON,
    "the guy": PERSON,
    "that guy": PERSON,
    "this guy": PERSON,
    "that person": PERSON,
    "this person": PERSON,
    # Roles more than one person has in the article (two ambassadors, two negotiators).
    "the ambassador": PERSON,
    "the negotiator": PERSON,
}
# "which of the two backs the opposition?" after Russia and Turkey; not "which of the two
# sides...", which names its own.
_THE_TWO = {"the two": PLURAL, "these two": PLURAL, "those two": PLURAL}
_DESCRIPTIONS.update(_THE_TWO)
_REFERENCE = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(list(_PRONOUNS) + list(_DESCRIPTIONS.keys() - _THE_TWO), key=len, reverse=True)
    )
    + r")\b|(?<=\bof )(?:"
    + "|".join(_THE_TWO)
    + r")\b(?!\s+(?:[\w-]+\s+)?(?:sides?|parties|countries|camps|groups|powers|states|nations|"
    r"men|delegations|leaders|talks|meetings|rounds)\b)",
    re.IGNORECASE,
)
# "is there an author", "were there talks before": "there" that points nowhere.
_EXISTENTIAL_THERE = re.compile(
    r"\b(?:is|are|was|were|will|has|have|had|be)(?:n['’]t)?\s+there\b|(?:'s|’s)\s+there\b|"
    r"\bwon['’]t\s+there\b|"
    r"\bthere\s+(?:is|are|was|were|will|has|have|had|been)\b",
    re.IGNORECASE,
)
# "and the regime?", "what about Iran?", "how about Turkey?", "and for the rebels?",
# "and on the regime side?"
_ELLIPSIS = re.compile(
    r"^\s*(?=(?:and|but|what about|how about|what of|same for)\b)"
    r"(?:(?:and|but)\b\s*)?"
    r"(?:(?:what about|how about|what of|same for|as for)\b\s*)?"
    # "how about on the rebel side?"
    r"(?:(?:for|about|on|in|from|with|behind|against|at|to|by)\b\s*)?"
    r"(?P<rest>.*?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_FILLER = {"the", "a", "an", "side", "then", "now", "too", "also", "please", "one", "ones", "s"}
# What a possessive leaves beside the name: "the rebels' point of view".
_FILLER |= {"'"}
# "ordinary Syrians" are the Syrians: words that only say which of them are meant.
_FILLER |= {"ordinary", "regular", "normal", "average", "everyday", "common"}
# Words a follow-up like "since when?" or "how many?" is made of.
_FUNCTION_WORDS = frozenset(
    """who whom whose what what's whats where when why how which since many much long exactly
    and so is are was were does do did has have had will would can could about then now again
    that this those these ok okay really the a an of to for in at on by from with as out into else
    instead date time day year ago though just actually anyway too also please precisely
    roughly approximately hmm um well if not don't doesn't didn't won't isn't aren't
    be been being
    """.split()
) | set(_PRONOUNS)
_WORDS = re.compile(r"[\w']+")


def kinds_answered(answer_text: str) -> FrozenSet[str]:
    """The kinds of question an answer's own words settle: a date, a time, a number."""
    kinds = set()
    if _DATE.search(answer_text):
        kinds.update({"date", "when"})
    if _TIME.search(answer_text):
        kinds.add("when")
    if _HOUR.search(answer_text):
        kinds.add("hour")
    if _ENDS_ON.search(answer_text):
        kinds.add("ending")
    if _NUMBER.search(_YEAR.sub(" ", _DATE.sub(" ", answer_text))):
        kinds.add("count")
    return frozenset(kinds)


def kinds_of_question(question: str) -> FrozenSet[str]:
    """The kinds an entry's own question settles: "why ...?" a reason, "what do the rebels
    want?" a demand."""
    kinds = set()
    if question.casefold().startswith("why"):
        kinds.add("reason")
    if _ASK_PATTERNS["demand"].search(question):
        kinds.add("demand")
    if _ASK_PATTERNS["next"].search(question):
        kinds.add("next")
    return frozenset(kinds)


# "what did Turkey demand at the talks?" as it reads inside a sentence.
_WHAT_DID_WANT = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\s+(?P<aux>did|does|do)\s+(?P<who>.+?)\s+"
    r"(?P<verb>want|demand|ask for|seek|promise|hope to get|hope for)\b(?P<rest>.*?)[?.!\s]*$",
    re.IGNORECASE,
)
_WANT_FORMS = {
    "want": ("wanted", "wants"),
    "demand": ("demanded", "demands"),
    "ask for": ("asked for", "asks for"),
    "seek": ("sought", "seeks"),
    "promise": ("promised", "promises"),
    "hope to get": ("hoped to get", "hopes to get"),
    "hope for": ("hoped for", "hopes for"),
}


# "what plan does Trump have for Syria?"
_WHAT_PLAN = re.compile(
    r"^\W*(?:and\s+|so\s+)?what\s+(?P<noun>plans?|goals?|aims?)\s+(?P<aux>did|does|do)\s+"
    r"(?P<who>.+?)\s+have\b(?P<rest>.*?)[?.!\s]*$",
    re.IGNORECASE,
)


def indirect_demand_question(clause: str) -> Optional[str]:
    """ "what Turkey demanded at the talks" for "what did Turkey demand at the talks?"."""
    plan = _WHAT_PLAN.match(clause)
    if plan is not None:
        has = _in_tense(plan.group("aux"), "had", "has", "have")
        return f"what {plan.group('noun')} {plan.group('who')} {has}{plan.group('rest')}"
    match = _WHAT_DID_WANT.match(clause)
    if match is None:
        return None
    plain = match.group("verb")
    verb = _in_tense(match.group("aux"), *_WANT_FORMS[" ".join(plain.casefold().split())], plain)
    return f"what {match.group('who')} {verb}{match.group('rest')}"


def _in_tense(aux: str, past: str, present: str, plain: str) -> str:
    """The verb as the question's "did" (past), "does" (present) or "do" (plain) puts it."""
    return {"did": past, "does": present}.get(aux.casefold(), plain)


# "where did the rebels get safe passage from?" asks where, not whether they got it;
# "how did they get out?" asks how.
_ASKS_CIRCUMSTANCE = re.compile(
    r"^\s*(?:(?:and|so|but|ok)\s+)?(?:where|when|why|how(?!\s+(?:many|much|long|far|old)\b))\b",
    re.I,
)


# "in which city are they meeting?" asks where as well; "which country backs them?" asks
# for a country that acts, so countries are not among the place words.
_ASKS_WHERE = re.compile(
    r"^\W*(?:(?:and|so|but|ok)\s+)?"
    r"(?:where|(?:(?:in|to|at)\s+)?(?:which|what)\s+(?:city|town|place|venue|location|capital)\b)"
    r"(?!.*\b(?:say|said|says)\b)",
    re.I,
)


def asks_where(clause: str) -> bool:
    """Whether a question asks for a place ("where do the opposition's leaders live?")."""
    return bool(_ASKS_WHERE.match(clause))


# "where did the skirmishes take place?", "where were the violations?": where one thing was.
_WHERE_OF = re.compile(
    r"^\W*(?:(?:and|so|but|ok)\s+)?"
    # "in which places were the skirmishes?"
    r"(?:where|in\s+(?:which|what)\s+(?:places|parts|locations|areas|regions))\s+"
    r"(?:exactly\s+|precisely\s+)?(?:did|do|does|were|was|are|is|have|has|had)\s+"
    r"(?:the|these|those|any|all\s+the)\s+(?P<thing>[a-z]+(?:\s+[a-z]+)?)",
    re.IGNORECASE,
)
# What the thing did, not the thing: "where did the skirmishes take place?"
_WHERE_VERBS = frozenset(
    "take took happen happened occur occurred go went come came break broke erupt erupted "
    "flare flared live lived held hold located based stationed been being taken".split()
)


# "where is he?", "where's she now?": where someone is, nothing else about them.
_WHERE_SOMEONE_IS = re.compile(
    r"^\W*(?:(?:and|so|but|ok)\s+)?where(?:'s|’s|\s+is|\s+was|\s+has|\s+did|\s+will)\s+"
    r"(?:he|she|(?-i:[A-Z])[\w-]+(?:\s+(?:al-|de\s+)?(?-i:[A-Z])[\w-]+){0,2})"
    r"(?:\s+(?:be|been|go|gone|going|headed|staying))?"
    r"(?:\s+(?:now|today|right now|at the moment|these days|this week))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


# "can Astana deliver a lasting peace?", "what is expected from Astana?": what an event
# brings, asked of the place it is held in.
_WHAT_IT_BRINGS = re.compile(
    # Not "what brings Jaafri to Astana?": why he is there.
    r"\b(?:deliver|delivers|(?:bring|brings|brought)\s+(?:about|peace|an end|a deal)|"
    r"come out of|comes? of|coming of|achieve|"
    r"achieves|produce|produces|lead to|leads to|expected (?:from|of|out of)|end the war|"
    r"lasting|breakthrough|succeed|success)\b",
    re.IGNORECASE,
)


def asks_what_it_brings(clause: str) -> bool:
    """Whether a question asks what something brings about ("can Astana deliver peace?")."""
    return bool(_WHAT_IT_BRINGS.search(clause))


# "when did it start?", "was it held before?": a question about what has happened.
_PAST_TENSE = re.compile(r"\b(?:did|was|were|had|didn't|wasn't|weren't)\b", re.IGNORECASE)


def is_past_tense(clause: str) -> bool:
    """Whether a question asks in the past tense ("when did it start?")."""
    return bool(_PAST_TENSE.search(clause))


def asks_where_someone_is(clause: str) -> bool:
    """Whether a question asks only where someone is ("where is he now?"), not where he is
    an ambassador."""
    return bool(_WHERE_SOMEONE_IS.match(clause))


def place_asked_of(clause: str) -> Optional[str]:
    """The thing whose place a question asks ("besieged towns" of "where are the besieged
    towns?", "skirmishes" of "where did the skirmishes take place?")."""
    match = _WHERE_OF.match(clause)
    if not match:
        return None
    words = match.group("thing").casefold().split()
    if len(words) > 1 and words[1] in _WHERE_VERBS:
        words = words[:1]
    return " ".join(words)


def kinds_asked(clause: str) -> FrozenSet[str]:
    """The kinds of fact a question presupposes the article gives."""
    kinds = {kind for kind, pattern in _ASK_PATTERNS.items() if pattern.search(clause)}
    if asks_who_speaks_for(clause) and not mentions_before(clause):
        # Not "who spoke for the opposition before?": who it was then is told apart.
        kinds.add("attendance")
    if _ASKS_CIRCUMSTANCE.match(clause) or "count" in kinds:
        # "how many refugees has Syria produced?" asks for a number, not an outcome.
        kinds.discard("outcome")
    if _HOW_LONG_APART.search(clause):
        # "how long after Astana does it start?" asks when, against another time; "a few
        # weeks after the Astana meeting" with its date settles it.
        kinds = (kinds - {"count"}) | {"when"}
    if "ending" in kinds and not _COUNTS.search(clause):
        # "how long will it last?" asks for an end, not a figure.
        kinds.discard("count")
    return frozenset(kinds)


_HOW_LONG_APART = re.compile(r"\bhow long (?:after|before)\b", re.IGNORECASE)
_COUNTS = re.compile(r"\bhow (?:many|much)\b|\bnumber of\b", re.IGNORECASE)

# "which nations are behind the talks?" asks for more than one country.
_COUNTRIES = frozenset("countries nations governments powers states".split())
# "which towns are besieged?", "what are the names of the towns?": things asked for by
# name, and the kinds of subject that name them.
_WHICH = re.compile(
    # "what are the besieged towns called?"
    r"\bwhat\s+(?:is|are|was|were)\s+(?:the\s+|those\s+|these\s+)?(?:(?P<called_adj>[a-z]+)\s+)?"
    r"(?P<called>[a-z]+)\s+(?:called|named)\b|"
    # "which pair of powers sponsored it?": which two.
    r"\b(?:which|what)\s+(?:(?:pair|couple|two|duo)\s+(?:of\s+)?)?(?P<noun>[a-z]+)"
    r"(?:\s+(?P<next>[a-z]+))?|"
    r"\bnames?\s+of\s+(?:the\s+)?(?:(?P<of>[a-z]+)\s+)?(?P<of_next>[a-z]+)",
    re.IGNORECASE,
)
# "which state is Astana the capital of?": one country.
_ONE_COUNTRY = ("country", "nation", "state")
_NAMED_BY = {
    **dict.fromkeys(
        "town towns city cities village villages place places region regions area areas "
        "capital capitals".split(),
        ("place",),
    ),
    **dict.fromkeys((*_ONE_COUNTRY, *_COUNTRIES), ("country", "place")),
    **dict.fromkeys(
        "group groups faction factions organisation organisations organization organizations "
        "militia militias body bodies institution institutions agency agencies".split(),
        ("group", "organisation"),
    ),
    # "which sides are talking in Astana?": the warring sides.
    **dict.fromkeys("side sides camp camps delegation delegations".split(), ("group",)),
}
# The nouns a question may ask to be named: understood words, whatever the data says
# ("which body has historically led the peace initiative?" is no off-topic question).
NAMED_KINDS_NOUNS = " ".join(_NAMED_BY)
# Words placing a question before now, understood by the patterns below whatever the data
# says ("who traditionally led the peace efforts?" is no off-topic question).
BEFORE_WORDS = "traditionally usually normally typically historically formerly previously"


def names_its_kind(noun: str, kinds: Tuple[str, ...]) -> bool:
    """Whether the noun asked for is itself the kind naming it: a "which nation?" needs no
    word "nation" in the answer, only a country named."""
    return noun in kinds or ("country" in kinds and noun in _ONE_COUNTRY)


def asks_for_countries(noun: str) -> bool:
    """Whether the thing a question asks to be named is several countries."""
    return noun in _COUNTRIES


# "which sides are talking?": two at least, as for countries.
_SEVERAL_SIDES = frozenset("sides camps delegations".split())


def asks_for_several(noun: str) -> bool:
    """Whether the things a question asks to be named are several countries or sides."""
    return noun in _COUNTRIES or noun in _SEVERAL_SIDES


def identity_asked(clause: str) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """The thing a question asks to be named ("towns") and the kinds of subject naming it."""
    for match in _WHICH.finditer(clause):
        # The noun may follow one adjective: "which besieged towns".
        for word in match.groups():
            if word and word.casefold() in _NAMED_BY:
                return word.casefold(), _NAMED_BY[word.casefold()]
    return None


_INVERTED = {"do", "does", "did", "will", "would", "can", "could", "should", "has", "have", "had"}


def indirect_identity_question(clause: str) -> Optional[str]:
    """ "which towns are besieged" as it reads inside a sentence; "which towns" alone when
    the question's word order has no such form ("which towns do the rebels hold?")."""
    asked = identity_asked(clause)
    which = re.search(r"\bwhich\b", clause, re.IGNORECASE)
    if asked is None or which is None:
        return None
    noun = re.compile(rf"\b{asked[0]}\b", re.IGNORECASE).search(clause, which.end())
    if noun is None:
        return None
    head = " ".join(clause[which.start() : noun.end()].split()).casefold()
    rest = clause[noun.end() :].strip().rstrip("?.! ")
    first = rest.split()[0].casefold() if rest else ""
    if not rest or first in _INVERTED or _ADDRESSEE.search(rest):
        return f"{head} they are"
    return f"{head} {rest}"


_YES_NO = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:did|does|do|has|have|had|was|were|is|are|will|would)\b|"
    # "so it is a two-day event?": a statement put to be confirmed.
    r"^\s*so\s+(?:it|they|he|she|that|this)(?:'s|’s|\s+(?:is|was|are|were|will|did|has|have))\b",
    re.IGNORECASE,
)


def is_yes_no(clause: str) -> bool:
    """Whether a question asks yes or no ("did anyone walk out?")."""
    return bool(_YES_NO.match(clause))


def is_short_yes_no_about_it(clause: str) -> bool:
    """ "has it ended yet?", "did it work?": whether "it" did something, and nothing else
    that would say what it is (unlike "will they negotiate face-to-face?")."""
    return is_yes_no(clause) and len(clause.split()) <= 4 and bool(_IT.search(clause))


_IT = re.compile(r"\bit\b", re.IGNORECASE)


def presupposes(clause: str) -> bool:
    """Whether a question takes for granted a fact of some kind, a figure of something, or
    the names of things ("which towns...")."""
    return bool(kinds_asked(clause) or counted_nouns(clause) or identity_asked(clause))


# "how many prisoners", "were there any civilian deaths": the things a question counts.
_COUNTED = re.compile(
    r"\b(?:how (?:many|much)|(?:is|are|was|were|has|have|had) there any|(?:what|the) number of)"
    r"\s+([a-z][a-z\s-]*)",
    re.IGNORECASE,
)
_NOT_NOUNS = {
    "have", "had", "has", "are", "were", "was", "did", "do", "does", "of", "more", "in", "is",
    "will", "would", "can", "could", "been", "be", "after", "before", "since", "at", "on",
    "for", "from", "to", "by", "with", "during", "the", "there", "they", "left", "now",
    "got", "get", "gets", "getting", "without", "up", "ended",
}  # fmt: skip
# A figure a count can be read from; "millions", "dozens" or "many" only say roughly.
_EXACT_NUMBER = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|hundred)(?:-\w+)?$",
    re.IGNORECASE,
)


def counted_nouns(clause: str) -> List[str]:
    """The words naming what a counting question counts ("civilian", "deaths"), if any."""
    match = _COUNTED.search(clause)
    if not match:
        return []
    words = [w.casefold() for w in match.group(1).split()]
    nouns = []
    for i, word in enumerate(words):
        if word in _NOT_NOUNS:
            # "how many people have fled?" counts people who fled, as "how many people fled?"
            done = next((w for w in words[i:] if w not in _PERFECT), "")
            if len(nouns) == 1 and is_generic_noun(nouns[0]) and done.endswith("ed"):
                nouns.append(done)
            break
        nouns.append(word)
    return nouns[:3]


_PERFECT = frozenset({"have", "has", "had", "been", "got", "get", "gets", "getting"})


# Counted things that could be anyone or anything: they don't say what a question is about.
_GENERIC_NOUNS = frozenset(
    "people persons men women children ones times members things others individuals "
    "ppl folks".split()
)


def is_generic_noun(noun: str) -> bool:
    """ "people" in "how many people does Jaysh al-Islam have?" names no topic of its own."""
    return noun.casefold() in _GENERIC_NOUNS


def mentions_noun(text: str, noun: str) -> bool:
    """Whether a text names the counted thing, in any form ("days" in "two-day")."""
    return _stem(noun) in text.casefold()


_COUNTED_IN_GAP = re.compile(r"\bhow (?:many|much)\s+(\w+)", re.IGNORECASE)


def counts_same(gap: str, nouns: List[str]) -> bool:
    """Whether a `not_said` text counts what the question counts (any count, if it names none)."""
    if not nouns:
        return True
    counted = [m.group(1).casefold() for m in _COUNTED_IN_GAP.finditer(gap)]
    if not any(c.startswith(_stem(n)) for c in counted for n in nouns):
        return False
    if is_generic_noun(nouns[0]) and len(nouns) > 1:
        # "how many people fled?" is not "how many people they cost".
        said = word_stems(nouns[1])
        return not said or said in word_stems(gap).split()
    return True


_INDIRECT_COUNT = re.compile(
    r"^\s*(?:(?:and|so|but|then)\s+)?(how (?:many|much|long)\b[^?]*?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_EXISTENCE = re.compile(
    r"^\s*(is|are|was|were|has|have|had) there any\s+([^?]*?)\s*[?.!]*\s*$", re.IGNORECASE
)
# "do"-support or an auxiliary before its subject ("has the regime let go"): no
# statement order to reuse.
_NO_STATEMENT_ORDER = re.compile(
    r"\b(?:do|does|did)\b|\b(?:has|have|had|is|are|was|were|will|would|can|could|should)\s+"
    r"(?:the|a|an|they|he|she|it|we|these|those|its|their|his|her)\b",
    re.IGNORECASE,
)
_ADDRESSEE = re.compile(r"\b(?:you|your|i|me|my)\b", re.IGNORECASE)


def asks_whether_any(clause: str) -> bool:
    """ "were there any clashes?" asks whether there were some, not how many."""
    return bool(_EXISTENCE.match(clause))


def indirect_count_question(clause: str) -> Optional[str]:
    """A counting question as it reads inside a sentence ("how many towns are besieged").

    Only where the reader's words can be reused as they are: "were there any
    X" becomes "whether there were any X"; a question with "do" or "you" in it
    has no such simple form, so only what it counts is kept ("how many prisoners").
    """
    if re.search(r"\bage\b", clause, re.IGNORECASE):
        # "what is Jaafri's age?"
        return "anyone's age"
    existence = _EXISTENCE.match(clause)
    if existence and not _ADDRESSEE.search(existence.group(2)):
        verb, rest = existence.groups()
        return f"whether there {verb.casefold()} any {rest}"
    match = _INDIRECT_COUNT.match(clause)
    if not match:
        return None
    if _NO_STATEMENT_ORDER.search(match.group(1)) or _ADDRESSEE.search(match.group(1)):
        # "how many prisoners did the regime free" has no such form: only what it counts.
        nouns = counted_nouns(clause)
        how = [w.casefold() for w in match.group(1).split()[:2]]
        # "how long has he been in that job" has no such form either, but "how long" says it.
        return " ".join(how + nouns) if nouns or how[1] == "long" else None
    words = match.group(1).split()
    return " ".join([words[0].casefold(), *words[1:]])


def _stem(word: str) -> str:
    return word[:4] if len(word) > 4 else word.rstrip("s")


# "how many people died in the skirmishes?": where or when the counted things are counted.
_COUNTED_WITHIN = re.compile(
    r"\b(?:in|during|since|after|at)\s+(?:the\s+|this\s+|that\s+)?([a-z][\w-]+)", re.IGNORECASE
)


def counted_within(clause: str) -> Optional[str]:
    """The word a count is limited to ("skirmishes" in "how many died in the skirmishes?")."""
    match = _COUNTED.search(clause)
    if not match:
        return None
    within = _COUNTED_WITHIN.search(clause, match.start(1))
    return within.group(1).casefold() if within else None


def counts_noun(text: str, nouns: List[str]) -> bool:
    """Whether a text gives a figure for one of the counted things ("five years", "two-day")."""
    words = re.findall(r"[\w,.-]+", text.casefold())
    stems = [_stem(n) for n in nouns]
    for i, word in enumerate(words):
        if not _EXACT_NUMBER.match(word.strip(".,")):
            continue
        # The number word itself may carry the noun: "two-day".
        after = [word.partition("-")[2]] + words[i + 1 : i + 4]
        if any(w.startswith(stem) for w in after if w for stem in stems):
            return True
    return False


# How many words from a figure a word saying what is counted may be: "has killed more
# than 400,000 people" gives a figure for "died", not for "fled" seven words on.
_FIGURE_REACH = 5


def figure_near(text: str, word: str) -> bool:
    """Whether a text gives a figure near a word for what is counted ("died", "fled")."""
    target = word_stems(word)
    if not target:
        return True
    words = re.findall(r"[\w,.-]+", text.casefold())
    for i, found in enumerate(words):
        if _EXACT_NUMBER.match(found.strip(".,")):
            near = words[max(0, i - _FIGURE_REACH) : i + _FIGURE_REACH + 1]
            if any(word_stems(w.strip(".,")) == target for w in near):
                return True
    return False


# Words that make a question about the article itself, whatever else it asks.
_ABOUT_ARTICLE = re.compile(
    r"\b(?:headline|title|authors?|authored|wrote|written|writer|byline|journalist|reporter|"
    r"outlet|publisher|"
    r"published)\b|"
    # "which news channel is this article from?", "which broadcaster is behind this story?"
    r"\b(?:channel|broadcaster|network|newspaper|website|news\s+(?:organi[sz]ation|agency|site))\b"
    r".*\b(?:this|the)\s+(?:article|piece|story|report)\b|"
    # "who released this article?": not the release of prisoners.
    r"\b(?:released|issued|produced|put out|ran|printed)\s+(?:this|the|that)\s+"
    r"(?:article|piece|story|report)\b",
    re.IGNORECASE,
)


# "his title", "Jaafri's title": someone's, not the article's.
_SOMEONE_S = re.compile(
    r"(?:\b(?:his|her|their)|(?<!article)(?<!story)(?<!piece)(?<!what)(?<!that)(?<!\bit)"
    r"(?<!who)(?<!here)(?<!where)'s)\s+(?:[a-z]+\s+){0,2}$",
    re.IGNORECASE,
)


# "what's the formal title he holds?", "what title does she have?": a person's title.
_PERSON_AFTER = re.compile(r"\b(?:he|she|him|her)\b", re.IGNORECASE)


# "what month and year?", "when did they publish it?", "who wrote it?": a date or a doer.
_WHEN_OR_BY_WHOM = re.compile(
    r"\b(?:when|(?:what|which)\s+(?:date|day)|month|year|who|whom)\b",
    re.IGNORECASE,
)


_PUBLISHING = re.compile(
    r"\b(?:publish(?:es|ed|ing)?|release[sd]?|releasing|writ(?:e|es|ten|ing)|wrote|"
    r"c(?:o|a)me out|put (?:it )?out|print(?:s|ed)?|issue[sd]?)\b",
    re.IGNORECASE,
)
# Words a date fragment may take ("what month and year?") before it reads as a question
# of its own ("who is taking part?" right after the article's publisher is not the
# article's).
_FRAGMENT_WORDS = 4


def asks_more_of_the_article(clause: str) -> bool:
    """Whether a follow-up to an answer about the article asks more of it: a date or a doer,
    in a fragment or with a verb of publishing ("and when did they publish it?")."""
    if not _WHEN_OR_BY_WHOM.search(clause):
        return False
    return len(clause.split()) <= _FRAGMENT_WORDS or bool(_PUBLISHING.search(clause))


def is_about_article(clause: str, names_a_person: bool = False) -> bool:
    """Whether a question asks about the article itself; a title asked with a person
    named ("what title does Staffan de Mistura have?") is the person's."""
    return any(
        not _SOMEONE_S.search(clause[: m.start()])
        and not (
            m.group(0).lower() == "title"
            and (names_a_person or _PERSON_AFTER.search(clause[m.end() :]))
        )
        for m in _ABOUT_ARTICLE.finditer(clause)
    )


def split_clauses(text: str) -> List[str]:
    """The questions inside one message: "where and when are the talks?" is two."""
    clauses: List[str] = []
    for sentence in re.split(r"[?;]+|(?<=[.!])\s+", text):
        if not sentence.strip():
            continue
        shared = _SHARED_WH.match(sentence)
        if shared:
            first, second, rest = shared.groups()
            clauses += [f"{first}{rest}".strip(), f"{second}{rest}".strip()]
            continue
        pieces = [p for p in _CLAUSE_SPLIT.split(sentence) if p and p.strip()]
        merged: List[str] = []
        for piece in pieces:
            # A part that is no question of its own ("the ceasefire, when did it
            # begin") belongs to the one after it.
            if merged and not _STARTS_QUESTION.match(merged[-1]) and not _has_wh(merged[-1]):
                merged[-1] = f"{merged[-1]}, {piece}"
            else:
                merged.append(piece)
        clauses += [m.strip() for m in merged]
    # "ok. is the US there?": an acknowledgement before a question asks nothing, nor does
    # "switching topic," before one.
    asking = [_without_preamble(c) for c in clauses if not _is_acknowledgement(c)]
    return [_NOUN_IS.sub(" is ", c) for c in asking or clauses or [text.strip()]]


# "which country's that in?": "'s" before a pointing word is "is", never whose (the
# question words' own "what's", "who's" are read as they are everywhere else).
_NOUN_IS = re.compile(
    r"(?<=\w)(?<!\bwhat)(?<!\bwho)(?<!\bwhere)(?<!\bhow)(?<!\bwhen)(?<!\bwhy)(?<!\bthat)"
    r"(?<!\bit)(?<!\bthere)(?<!\bhe)(?<!\bshe)['’]s\s+(?=(?:that|this|it|he|she|there)\b)",
    re.IGNORECASE,
)


_PREAMBLE = re.compile(r"^\s*(?P<words>[\w\s']+?)\s*[,:\-–]\s*(?=\S)")


def _without_preamble(clause: str) -> str:
    """ "switching topic, who is Turkey backing?" without what only announces a question."""
    match = _PREAMBLE.match(clause)
    while match and _is_acknowledgement(match.group("words")):
        clause = clause[match.end() :]
        match = _PREAMBLE.match(clause)
    return clause


_ACKNOWLEDGEMENTS = frozenset(
    "ok okay k thanks thank you right great cool i see hmm alright well yes yeah no sure "
    "fine got it interesting oh ah wow understood noted good nice "
    # Words that announce a change of subject: "new question.", "switching topic,".
    "anyway anyhow so now next new different another other question questions topic "
    "topics subject subjects switching switch changing change moving on btw by the way "
    "also and then one more last final quick thing hi hello hey".split()
)


def _is_acknowledgement(clause: str) -> bool:
    words = [w.casefold() for w in _WORDS.findall(clause)]
    return bool(words) and all(w in _ACKNOWLEDGEMENTS for w in words)


def _has_wh(text: str) -> bool:
    return bool(re.search(rf"\b{_WH}\b", text, re.IGNORECASE))


@dataclass(frozen=True)
class Reference:
    """A word that points back ("he", "it", "there", "the group") and what it can point to."""

    text: str
    start: int
    end: int
    wants: str


# "when did that start?": a demonstrative standing alone before a verb, not before a
# noun ("that man", "those talks").
_DEMONSTRATIVE_PRONOUN = re.compile(
    r"\b(?P<word>that|this|those|these)\b(?=\s+(?:is|was|are|were|does|did|do|has|have|had|"
    r"will|would|can|could|happen(?:ed|s)?|start(?:ed|s)?|end(?:ed|s)?|begin|began|"
    r"last(?:ed|s)?|hold|held|work(?:ed|s)?|"
    # "what date do those open?"
    r"open(?:ed|s)?|close[ds]?|finish(?:ed|es)?|run|runs|ran|take|takes|took|continue[ds]?)\b)|"
    # "who mediates those?": at the end of a question for a fact (not "expand on that?").
    r"^\s*(?:(?:and|so|but|ok)\s+)?(?:who|whom|when|where|how many|how much)\b.*?"
    r"\b(?P<last>that|this|those|these)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# "where does it say that?", "is it true that ...": "that" after a verb of saying or "true".
_NOT_POINTING_THAT = re.compile(
    r"\b(?:say|says|said|mean|means|meant|know|think|true|sure)\s+$", re.IGNORECASE
)


_BEFORE_A_NOUN = re.compile(r"\b(?:those|these|that|this|the same)\s+$", re.IGNORECASE)


def ends_with_demonstrative(text: str) -> bool:
    """Whether a text ends in "those", "that", "the same"...: the noun after it points back."""
    return bool(_BEFORE_A_NOUN.search(text))


_DEMONSTRATIVE_NOUN = re.compile(r"\b(?:those|these|that|this)\s+([a-z]{3,})\b", re.IGNORECASE)


def nouns_pointed_back(clause: str) -> List[str]:
    """The words after "those", "that"...: "leaders" in "where do those leaders live?"."""
    words = [m.group(1).casefold() for m in _DEMONSTRATIVE_NOUN.finditer(clause)]
    return [w for w in words if w not in ENGLISH_STOP_WORDS and w not in _FUNCTION_WORDS]


# "which parts of the country does it cover?", "is it across the country?": the whole
# country where it all happens, no place of the last answer.
_ACROSS = re.compile(
    r"\b(?:parts? of|rest of|much of|most of|all of|across|throughout|all over|around|"
    r"whole of)\s+$",
    re.IGNORECASE,
)


def references(clause: str) -> List[Reference]:
    """Pronouns and short descriptions that need an earlier subject to make sense."""
    found = []
    existential = [m.span() for m in _EXISTENTIAL_THERE.finditer(clause)]
    for match in _REFERENCE.finditer(clause):
        word = match.group(0).casefold()
        if word == "there" and any(s <= match.start() < e for s, e in existential):
            continue
        if word == "the country" and _ACROSS.search(clause[: match.start()]):
            continue
        wants = _PRONOUNS.get(word) or _DESCRIPTIONS[word]
        found.append(Reference(match.group(0), match.start(), match.end(), wants))
    taken = [(r.start, r.end) for r in found]
    for match in _DEMONSTRATIVE_PRONOUN.finditer(clause):
        group = "word" if match.group("word") else "last"
        start, end = match.span(group)
        if any(s <= start < e for s, e in taken):
            continue
        if _NOT_POINTING_THAT.search(clause[:start]):
            continue
        wants = PLURAL if match.group(group).casefold() in ("those", "these") else THING
        found.append(Reference(match.group(group), start, end, wants))
    return sorted(found, key=lambda r: r.start)


# "which side started the skirmishes?" asks who did it, as "who started them?" does.
_WHICH_SIDE = r"side|sides|party|parties|camp"
# "who backs the regime?" asks for someone else than the regime; "who is Assad?" does not.
_WHO_ACTS = re.compile(
    r"^\s*(?:(?:and|but|so|then|ok)\s+)?"
    # "which country backs them?", "which of them supports the rebels?": who, of a kind.
    r"(?:who|which\s+(?:of them|of (?:the|these|those) two|one|ones|country|countries|state|"
    rf"states|nation|power|{_WHICH_SIDE}))"
    r"(?:(?:\s+(?:is|are|was|were)|'s)\s+(?=[a-z]+ing\b|behind\b)|"
    # "who is the rebels' strongest supporter?": someone in a relation to what is named.
    r"(?:\s+(?:is|are|was|were)|'s)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}[\w-]+(?:'s|s')\s+|"
    # "who is the main backer of the rebels?": the same relation put after it.
    r"(?:\s+(?:is|are|was|were)|'s)\s+(?:the|an?)\s+(?:[\w-]+\s+)?"
    r"(?=(?:[\w-]+(?:er|or|ist|ant)|all(?:y|ies)|friends?|partners?|patrons?)\s+of\b)|"
    # Not "who did the rebels send?": there the rebels act, and whom they sent is asked.
    r"\s+(?!(?:is|are|was|were|exactly|really|else|did|does|do)\b))[a-z]+",
    re.IGNORECASE,
)


# Verb forms (stemmed) that carry no meaning of their own in a question ("did they leave?").
AUXILIARY_STEMS = frozenset(
    {"did", "doe", "does", "done", "get", "got", "going", "ha", "make"}
    # Their negations, as the stemmer cuts them: "didn't" is "didn".
    | {"didn", "doesn", "isn", "wasn", "aren", "weren", "hasn", "haven", "wouldn", "couldn"}
)

# "who leads the regime?", "who is the head of the government?": the one at its head.
_WHO_LEADS = re.compile(
    r"^\s*(?:(?:and|so|but|then)\s+)?who(?:'s|’s|\s+is|\s+was)?\s+(?:"
    r"(?:leads|heads|runs|rules|led|headed|ran|ruled|leading|heading|running|ruling)\b"
    r"|(?:the\s+)?(?:leader|head|ruler|boss)\s+of\b|in charge of\b)",
    re.IGNORECASE,
)


def asks_who_leads(clause: str) -> bool:
    return bool(_WHO_LEADS.match(clause))


_ASKS_WHO = re.compile(r"^\s*(?:(?:and|so|but)\s+)?who\b", re.IGNORECASE)


def asks_who(clause: str) -> bool:
    """Whether a question asks for someone ("who else is there?")."""
    return bool(_ASKS_WHO.match(clause))


_SOMEONE = re.compile(r"\b(?:any|some|every)(?:one|body)\b|\bpeople\b|\bdelegat", re.IGNORECASE)


def asks_for_someone(clause: str) -> bool:
    """Whether a question asks who, or about anyone, people or delegates ("did anyone go?")."""
    return asks_who(clause) or bool(_SOMEONE.search(clause))


_WANTING = r"(?:want|demand|seek|ask for|hope for|hope to get|push for|aim for|look for)"
_ASKS_WANT = re.compile(
    rf"\bwhat (?:does|do|did) (?:he|she|they)\s+(?:\w+\s+)?{_WANTING}\b"
    # "what is he after?", "what are they pushing for?"
    r"|\bwhat(?:'s|’s| is| are| was| were) (?:he|she|they)\s+(?:\w+\s+)?"
    r"(?:after|seeking|demanding|asking for|hoping for|pushing for|aiming for|looking for)\b",
    re.IGNORECASE,
)


def asks_what_someone_wants(clause: str) -> bool:
    """Whether a question asks what "he" or "they" want ("what does he actually want?")."""
    return bool(_ASKS_WANT.search(clause))


def what_wants(clause: str, name: str) -> str:
    """The question put plainly about someone: "what is he after here?" -> "what does the
    Syrian regime want here?", the wording the answers and the intent model know."""
    return _ASKS_WANT.sub(f"what does {name} want", clause, count=1)


def asks_who_acts(clause: str) -> bool:
    """Whether a question asks who does something to what it names ("who backs the regime?")."""
    return bool(_WHO_ACTS.match(clause))


_WHO_DID = re.compile(
    rf"^\s*(?:(?:and|but|so|then|ok)\s+)?(?:who|which\s+(?:{_WHICH_SIDE}|one))\s+"
    r"(?!(?:is|are|was|were|exactly|really|else|did|does|do|has|have|had|will|would|can|could)\b)"
    # With the word after it: "stands behind" is backing, "started the" only starting.
    r"(?P<verb>[a-z]+(?:\s+[a-z]+)?)\b",
    re.IGNORECASE,
)


def verb_of_who_did(clause: str) -> Optional[str]:
    """The verb of "who <verb> ...?" and the word after it ("started the" of "who started the
    skirmishes?"): the act asked about, apart from what it was done to."""
    match = _WHO_DID.match(clause)
    return match.group("verb") if match else None


# Pointing words that say whose rather than who: "his regime", "their posts".
POSSESSIVES = frozenset({"his", "her", "its", "their", "theirs"})


# "what's the reward for doing so?": an act the last answer told of.
_AN_ACT_BEFORE = re.compile(r"\b(?:do|does|did|doing|done)\s+(?:so|that)\b", re.IGNORECASE)


def points_back_to_an_act(clause: str) -> bool:
    return bool(_AN_ACT_BEFORE.search(clause))


def points_at_someone(clause: str) -> bool:
    """Whether a clause has "he", "she" or "his" standing for a person ("what does he want?").

    "their posts" only says whose; "they" alone reads as the two sides, as in
    the article's own "Will they succeed in bringing lasting peace?"; "it" is
    often no reference at all ("what do they hope to get out of it?"): a
    question with those can still stand on its own.
    """
    return any(
        r.text.casefold() not in _WHOSE_ONLY and r.wants == PERSON for r in references(clause)
    )


# "their posts", "its future" only say whose; "his job" is about a man never named.
_WHOSE_ONLY = frozenset({"their", "theirs", "its"})


# "the other side", "the opposing camp", "their opponents": the side opposing the last one.
_OTHER_SIDE = re.compile(
    r"\b(?:the|their)\s+(?:other|opposing|rival)\s+(?:side|party|camp)\b|"
    r"\b(?:the|their)\s+(?:opponents?|rivals?|adversar(?:y|ies)|enemy|enemies)\b",
    re.IGNORECASE,
)


# "each side", "both sides", "the two parties": the two sides of a conflict together.
_BOTH_SIDES = re.compile(
    r"\b(?:each|either|both|the two|the warring|the opposing|both the)\s+"
    r"(?:sides?|part(?:y|ies)|camps?)\b",
    re.IGNORECASE,
)


def both_sides_span(clause: str) -> Optional[Tuple[int, int]]:
    """Where a clause says "each side" or "both sides", if it does."""
    match = _BOTH_SIDES.search(clause)
    return match.span() if match else None


def other_side_span(clause: str) -> Optional[Tuple[int, int]]:
    """Where a clause says "the other side" of a conflict, if it does."""
    match = _OTHER_SIDE.search(clause)
    return match.span() if match else None


def ellipsis_rest(clause: str) -> Optional[str]:
    """For "and the regime?" or "what about Iran?", the part naming the new subject."""
    match = _ELLIPSIS.match(clause)
    return match.group("rest") if match else None


# "tell me about X", "what kind of group is X", "X - what's that?": X in general.
_PROFILE_REQUEST = re.compile(
    # "how important is Iran at the talks?": Iran's part in them.
    r"^\s*how (?:important|influential|involved|big a player|significant) (?:is|are|was|were) "
    r"(?P<weighed>.+?) (?:at|in|to|for) (?:the talks|these talks|the negotiations|this|it|all this)"
    r"\s*[?.!]*\s*$|"
    # "what does Kazakhstan have to do with this?", "what's Kazakhstan got to do with it?"
    r"^\s*what(?: (?:does|do|did)|'s|’s| has) (?P<related>.+?) (?:have|got) to do with "
    r"(?:this|it|that|the talks|all this)\s*[?.!]*\s*$|"
    # "what about the Syrian people who fled?": the subject, whatever the clause after it.
    r"^\s*(?:and\s+)?(?:what|how) about\s+(?P<described>.+?)\s+(?:who|that|which)\s+\w.*$|"
    # "what is Iran's business in the talks?", "what's Turkey's position in all of it?"
    r"^\s*what(?:'s| is| was| are| were)\s+(?P<owner>.+?)(?:'s|’s|')\s+\w+\s+"
    r"(?:in|on|towards?|regarding|within)\s+(?:all\s+(?:of\s+)?)?"
    r"(?:this|that|it|the (?:talks|negotiations|meeting|war|conflict)|these talks|syria)"
    r"\s*[?.!]*\s*$|"
    r"^\s*(?:(?:can you |could you |please )?(?:tell me|talk|remind me)(?: a bit| more)? about|"
    r"(?:who|what)(?:'s| is| are| was| were)|describe|explain|info(?:rmation)? (?:on|about)|"
    r"what(?:'s| has| had)? (?:happened|become) (?:to|of)|what became of|"
    r"(?:who|what) (?:sort|kind|type) of (?:\w+ )?(?:is|are|was|were))\s+(?P<rest>.*?)"
    r"\s*[?.!]*\s*$|"
    r"^\s*(?P<named>.*?)\s*(?:[-,:]\s*)?(?:who|what)(?:'s| is) (?:that|this|it|he|she|they)"
    r"\s*[?.!]*\s*$|"
    # "what does Krol do for a living?": what someone is.
    r"^\s*what (?:does|do|did) (?P<doing>.+?) do(?: for a living| exactly| there)?\s*[?.!]*\s*$|"
    # "is Jaysh al-Islam a political party or an armed faction?": which kind of thing it is.
    r"^\s*(?:(?:and|so)\s+)?(?:is|are|was|were)\s+(?P<kind_of>.+?)\s+an?\s+[\w\s-]+?\s+or\s+"
    r"(?:just\s+)?an?\s+[\w\s-]+?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def profile_request(clause: str) -> Optional[str]:
    """For a request about something in general ("tell me about the Astana talks"), the
    part that should be only its name."""
    match = _PROFILE_REQUEST.match(clause)
    if not match:
        return None
    return next(
        g
        for g in match.group(
            "rest", "named", "related", "owner", "described", "weighed", "doing", "kind_of"
        )
        if g is not None
    )


# "who used to represent the opposition?", "who led before?": how things were until now.
_ASKS_BEFORE = re.compile(
    r"\b(?:used to|until now|up to now|previously|in the past|historically|traditionally|"
    r"usually|normally|typically|"
    r"formerly|so far|up until|before (?:now|today)|(?:until|up to) (?:this|that) point|"
    r"until (?:these|this|the) (?:talks|meeting|negotiations|round))\b|"
    r"\b(?:before|earlier)\s*[?.!]*\s*$|\bbefore (?:this|these|that|now|today)\s*[?.!]*\s*$|"
    # "so what has changed?" asks how it was against how it is.
    r"\bwhat(?:'s|’s|\s+has|\s+is)?\s+(?:changed|different now)\b|"
    # "the old opposition leaders" ("before these talks" may place a truce, not ask how it was).
    r"\b(?:old|former|previous|earlier)\s+(?:[\w-]+\s+)?(?:leaders?|leadership|representatives?|"
    r"negotiators?|delegates?|envoys?|figures?)\b",
    re.IGNORECASE,
)
# An article sentence about how things were: "Up until now...", "historically...".
_TELLS_BEFORE = re.compile(
    r"\b(?:until now|historically|previous(?:ly)?|earlier|formerly|used to|in the past)\b",
    re.IGNORECASE,
)


# Any word placing a question in the past before the talks: "earlier rounds", "past talks".
_MENTIONS_BEFORE = re.compile(
    r"\b(?:earlier|previous(?:ly)?|past|before|prior|former(?:ly)?|used to|historically|"
    r"traditionally|until now|so far|ago|(?:until|up to) (?:this|that) point)\b",
    re.IGNORECASE,
)


def mentions_before(clause: str) -> bool:
    return bool(_MENTIONS_BEFORE.search(clause))


def without_time_before(clause: str) -> str:
    """A question without its words placing it before: they pick which answers tell how
    things were, not which of those ("previously" is no word of "Previous negotiations")."""
    return _MENTIONS_BEFORE.sub(" ", clause)


# "who represented the opposition in earlier talks?" asks who it was then; "who held
# Aleppo before the regime?" only orders two holders.
_AN_EARLIER_TIME = re.compile(
    r"\b(?:earlier|previous(?:ly)?|past|prior|former(?:ly)?|historically|traditionally|"
    r"before (?:these|this|the) (?:talks|meeting|negotiations|round)|before (?:now|today)|"
    # "who represented the opposition before Astana?": before a name, not a holder.
    r"before (?-i:[A-Z])\w+)\b",
    re.IGNORECASE,
)


def asks_who_was_before(clause: str) -> bool:
    return asks_who(clause) and bool(_AN_EARLIER_TIME.search(clause))


def asks_about_before(clause: str) -> bool:
    found = [m.group(0).casefold() for m in _ASKS_BEFORE.finditer(clause)]
    if is_yes_no(clause):
        # "have both sides respected the truce so far?" asks how it stands now.
        found = [f for f in found if f != "so far"]
    return bool(found)


def tells_about_before(text: str) -> bool:
    return bool(_TELLS_BEFORE.search(text))


def without_spans(text: str, spans: List[tuple]) -> str:
    """A text with the (start, end) spans blanked out: what it says besides the names there."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


# "and from the rebels' point of view?" is the same question of the rebels.
_STANDPOINT = re.compile(r"\b(?:point of view|perspective|standpoint|viewpoint)\b", re.I)


def is_only_name(rest: str, name_spans: List[tuple]) -> bool:
    """Whether `rest` is a name with at most filler words around it ("the government side")."""
    words = _WORDS.findall(_STANDPOINT.sub(" ", without_spans(rest, name_spans)))
    return all(w.casefold() in _FILLER for w in words)


# A question for a fact, not about the last answer's detail, reason or source.
_ASKS_A_FACT = re.compile(
    r"^\s*(?:(?:and|so|but|ok)\s+)?(?:who|whom|when|how (?:many|much|long))\b", re.IGNORECASE
)


def asks_beyond(clause: str, own_kinds: FrozenSet[str] = frozenset()) -> bool:
    """Whether a message taken for "source?", "why?" or "tell me more" asks a fact of
    its own ("when did that start?")."""
    if _ADDRESSEE.search(clause):
        # "where did you get that from?" is about the answer, whatever its verb.
        return bool(_ASKS_A_FACT.match(clause))
    return bool(kinds_asked(clause) - own_kinds) or bool(_ASKS_A_FACT.match(clause))


# Nouns that, with question words only, still ask nothing new: "in what capacity?" is
# "as what?" about the last answer.
_BARE_NOUNS = frozenset(
    {"capacity", "role", "way", "organisation", "organization", "body", "institution"}
    # "out of which place?", "which city?": the kind of thing asked, of the last answer.
    | {"place", "city", "town", "country", "location"}
)


def is_bare_follow_up(clause: str) -> bool:
    """A follow-up made only of question words and pronouns: "since when?", "how many?"."""
    words = [w.casefold() for w in _WORDS.findall(clause)]
    return (
        bool(words)
        and len(words) <= 6
        and all(w in _FUNCTION_WORDS or w in _BARE_NOUNS for w in words)
        and not all(w in _BARE_NOUNS for w in words)
    )


# Words after "it" that make it point at nothing: "is it true the talks...?", "is it
# the first time the rebels...?". After any other word ("is it leading the talks?",
# "how long was it in rebel hands?") "it" stands for something said before.
_IT_POINTS_AT_NOTHING = frozenset(
    """true the a an possible likely unlikely clear unclear known certain right correct
    so that because expected hoped said reported fair ok okay worth first just only""".split()
)


def it_points_at_nothing(clause: str, end: int) -> bool:
    """Whether the "it" ending at `end` is only there for grammar ("is it true that...")."""
    following = _WORDS.search(clause, end)
    return following is None or following.group(0).casefold() in _IT_POINTS_AT_NOTHING


# "his side", "her camp", "Alloush's people": the side of a conflict a person is on.
_SIDE_OF = re.compile(
    r"\b(?:(?:(?i:his|her)|(?P<owner>[\w-]+(?:\s+[\w-]+)?)(?:'s|’s))\s+"
    r"(?i:side|camp|people|guys|men|lot)|"
    # "the Assad side": a capitalised name right before "side" ("the Syrian people" is none).
    r"(?P<bare>[A-Z][\w-]+)\s+(?i:side|camp))\b"
)


def side_of_someone(clause: str) -> Optional[Tuple[int, int, int]]:
    """Where "his side" or "<name>'s side" is, and where its owner's name ends (0 for a pronoun)."""
    match = _SIDE_OF.search(clause)
    if match is None:
        return None
    owner = "owner" if match.group("owner") else "bare" if match.group("bare") else None
    return match.start(), match.end(), match.end(owner) if owner else 0


# "who is he up against?", "his opposite number": the person facing someone at the talks.
_FACING_SOMEONE = re.compile(
    r"\bwho(?:'s|’s|\s+is|\s+was)?\s+(?:he|she)\s+(?:up\s+)?against\b|"
    r"\b(?:his|her)\s+(?:opposite(?:\s+number)?|counterpart|rival|opponent|adversary)\b|"
    r"\bwho\s+(?:sits|is sitting|sat|will sit)\s+(?:across|opposite)\s+(?:from\s+)?(?:him|her)\b|"
    r"\bwho\s+(?:faces|is facing|will face|negotiates with|is negotiating with)\s+(?:him|her)\b|"
    # "and who does he face?"
    r"\bwho(?:m)?\s+(?:does|will|did|is)\s+(?:he|she)\s+(?:face|facing|negotiate with|"
    r"negotiating with)\b",
    re.IGNORECASE,
)


# "the man who replaced him", "the one who followed him in office": whoever succeeded him,
# as the knowledge file names him.
_SUCCEEDED_HIM = re.compile(
    r"\bthe\s+(?:man|woman|one|person|guy|president|leader)\s+(?:who|that)\s+(?:has\s+)?"
    r"(?:replaced|succeeded|followed|came after|took over from)\s+(?:him|her)"
    r"(?:\s+(?:in office|as president|in the job))?\b",
    re.IGNORECASE,
)


def naming_the_successor(clause: str) -> str:
    """A question with "the man who replaced him" put as "the successor"."""
    return _SUCCEEDED_HIM.sub("the successor", clause)


def who_faces_someone(clause: str) -> Optional[Tuple[int, int, bool]]:
    """Where a question asks who is on the other side from "him", and whether as a name
    would stand there ("his opposite number") rather than as a whole question ("who is he up
    against?")."""
    match = _FACING_SOMEONE.search(clause)
    if match is None:
        return None
    return match.start(), match.end(), match.group(0).casefold().startswith(("his", "her"))


# "the regime one", "the rebel guy": the person of that side just talked about.
_ONE_OF_A_SIDE = re.compile(
    r"\bthe\s+(?P<side>[\w-]+(?:\s+[\w-]+)?)\s+(?:one|guy|man|woman|envoy|delegate|"
    r"representative|negotiator)\b",
    re.IGNORECASE,
)


# "the one for the government", "the guy from the rebel side": the same, side named after.
_ONE_FOR_A_SIDE = re.compile(
    r"\bthe\s+(?:one|guy|man|woman|person|envoy|delegate|representative|negotiator)\s+"
    r"(?:for|from|of|representing|on behalf of)\s+(?P<side>(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)",
    re.IGNORECASE,
)


def one_of_a_side(clause: str) -> Optional[Tuple[int, int, int, int]]:
    """Where "the regime one" is, and where the side's name in it is."""
    match = _ONE_OF_A_SIDE.search(clause) or _ONE_FOR_A_SIDE.search(clause)
    if match is None:
        return None
    return match.start(), match.end(), match.start("side"), match.end("side")


# "are you a bot?", "am I talking to a human?": asking what the assistant is.
_ABOUT_A_BOT = re.compile(
    r"\b(?:bot|chat ?bot|robot|human|person|people|ai|a\.i\.|machine|computer|program|"
    r"automated|real|software|artificial)\b",
    re.IGNORECASE,
)


def asks_if_a_bot(clause: str) -> bool:
    """Whether a question asks if the assistant is a bot, not just anything about it."""
    return bool(_ABOUT_A_BOT.search(clause))


# "what's your name?", "are you Russian?": about the assistant, not the article.
_TO_THE_ASSISTANT = re.compile(
    r"\b(?:your|yours|yourself)\b|\b(?:are|were) you\b(?! sure)|"
    # "where do you live?", "do you like football?": the assistant's own life.
    r"\b(?:do|did|would|will|can|could)\s+you\s+(?:live|like|love|eat|sleep|prefer|enjoy|play|"
    r"hate|dream|work|come from|grow up|go to school)\b",
    re.I,
)


def addresses_the_assistant(clause: str) -> bool:
    """Whether a question is about the assistant itself ("where are you from?")."""
    return bool(_TO_THE_ASSISTANT.search(clause))


# "what's 12 times 7?": sums are no question about the article, whatever word they share.
_SUM = re.compile(
    r"\d\s*(?:[+*x×÷]|times|plus|minus|divided by|multiplied by|squared)\s*\d", re.IGNORECASE
)


# "what time is it in Kazakhstan now?": the clock, which no article tells.
_CLOCK = re.compile(r"\bwhat time is it\b|\bwhat(?:'s|’s| is) the time\b", re.IGNORECASE)


# "who wrote War and Peace?": the author of some other work, not of this article.
_ANOTHER_WORK_S_AUTHOR = re.compile(
    # "who authored the TRT World article?" is this one's.
    r"^\s*who\s+(?:wrote|authored|penned)\s+(?!(?:this|it|that|the\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:article|piece|story|report|text|news|headline|title))\b)\S",
    re.IGNORECASE,
)


def asks_what_no_article_tells(clause: str) -> bool:
    """Whether a question asks a sum, the time now or who wrote some other work: things no
    article answers."""
    return bool(
        _SUM.search(clause) or _CLOCK.search(clause) or _ANOTHER_WORK_S_AUTHOR.search(clause)
    )


# What an atlas or an encyclopedia tells of a place or a country, and a news story about
# talks held there does not: its weather, people, size, money, symbols, tongue, founding,
# distances, food.
_A_PLACE_ITSELF = re.compile(
    r"\b(?:weather|forecast|temperatures?|climate|sunny|rain(?:s|ing|y)?|snow(?:s|ing|y)?"
    r"|is it (?:cold|hot|warm|freezing|chilly)"
    r"|population|inhabitants|residents|how many (?:people|persons) live"
    # Not "how big is Iran's role?": the size of something of the place's.
    r"|how (?:big|large|small) is(?![\w\s-]*(?:'s|’s)\s)|size of|area of"
    r"|square (?:kilometres|kilometers|miles)"
    r"|currency|anthem|flag|national (?:dish|food|language|sport|animal|day|holiday)|motto"
    r"|languages? (?:is|are|do) (?:spoken|they speak)|what language|cuisine"
    r"|(?:was|were) (?:\w+ )?(?:founded|established|built)|who founded|founder of"
    r"|how far is|distance (?:from|between)|time zone|tourist|hotels?)\b",
    re.IGNORECASE,
)
# "who is the president of Kazakhstan?": a place's office-holder, which the article names
# only where it puts the office beside the place ("US President Barack Obama").
OFFICES = ("president", "prime minister", "king", "queen", "mayor", "governor", "ruler")
_A_PLACE_S_OFFICE = re.compile(
    rf"\b(?:{'|'.join(OFFICES)})\s+of\b|['’]s\s+(?:{'|'.join(OFFICES)})\b", re.IGNORECASE
)


def asks_about_a_place_itself(clause: str) -> bool:
    """Whether a question asks what an atlas would tell of a place ("how big is Russia?")."""
    return bool(_A_PLACE_ITSELF.search(clause))


def asks_for_a_place_s_office_holder(clause: str) -> bool:
    return bool(_A_PLACE_S_OFFICE.search(clause))


# "did the two sides talk face to face?": whether something has happened.
_HAS_IT_HAPPENED = re.compile(r"^\s*(?:(?:and|so|but|then)\s+)?(?:did|has|have|had)\b", re.I)
# "it remains unclear if the rebels will agree...": what may or may not come.
_MAY_COME = re.compile(
    r"\b(?:unclear|will|expected|hard to say|not known|remains to be seen)\b", re.I
)


def asks_whether_it_happened(clause: str) -> bool:
    return bool(_HAS_IT_HAPPENED.match(clause))


def tells_only_what_may_come(text: str) -> bool:
    """Whether an answer speaks of what may happen: it settles nothing that has."""
    return bool(_MAY_COME.search(text))


# "what's this about?", "what is this?" as a first message: what the assistant is for.
_WHAT_THIS_IS = re.compile(
    r"^\s*(?:so\s+|and\s+)?what(?:'s| is)\s+(?:this|it)(?:\s+all)?(?:\s+about)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def asks_what_this_is(clause: str) -> bool:
    return bool(_WHAT_THIS_IS.match(clause))


# "does it matter if they don't?": supposing the last answer's doubt turns out one way.
_IF_THEY_DONT = re.compile(
    r"\bif\s+(?:they|he|she|it)\s+(?:don['’]t|do not|doesn['’]t|does not|didn['’]t|won['’]t|"
    r"will not|can['’]t|cannot|refuse|fail)\b|\bif not\b",
    re.IGNORECASE,
)


def is_conditional_follow_up(clause: str) -> bool:
    """ "and if they don't?", "what if not?", "does it matter if they don't?": a follow-up
    supposing something of the last answer."""
    if is_bare_follow_up(clause) and re.search(r"\bif\b", clause, re.IGNORECASE):
        return True
    return bool(_IF_THEY_DONT.search(clause))


def starts_as_question(clause: str) -> bool:
    return bool(_STARTS_QUESTION.match(clause))


# What a question about the article itself asks for.
ARTICLE_FACETS = ("headline", "author", "publisher", "date")
_FACETS = {
    "author": (
        r"\b(?:authors?|authored|wrote|writer|written by|penned|journalist|reporter|byline|"
        r"by whom)\b"
    ),
    "date": r"\b(?:when|date|dated|year|month|how old|how recent|from 20\d\d|published in)\b",
    "publisher": (
        r"\b(?:publish(?:er|ed by|es)?|outlet|source|newspaper|site|channel|media|"
        r"who published)\b"
    ),
    "headline": r"\b(?:headline|title|called|heading)\b",
}
_FACET_PATTERNS = {f: re.compile(p, re.IGNORECASE) for f, p in _FACETS.items()}


def article_facets(question: str) -> List[str]:
    """Which of headline, author, publisher and date a question about the article asks."""
    return [f for f in ARTICLE_FACETS if _FACET_PATTERNS[f].search(question)]


# "who is the US ambassador to Kazakhstan?", "what's the name of the rebels' leader?"
_WHO_IS_THE = re.compile(
    r"^\s*(?:(?:and|so|ok|but)\s+)?(?:who(?:'s|’s|\s+is|\s+was)|"
    r"what(?:'s|’s|\s+is)\s+the\s+name\s+of)\s+the\s+(?P<description>[^?.!]+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def described_person(clause: str) -> Optional[str]:
    """The description in "who is the <description>?", if the clause only asks that."""
    match = _WHO_IS_THE.match(clause)
    if match is None or _VERB_FORM.search(match.group("description")):
        # "who is the UN sending?" asks what someone does, not who is so described.
        return None
    return match.group("description")


_VERB_FORM = re.compile(r"\b\w+(?:ing|ed)\b|\b(?:sent|sends?|doing|does|did)\b", re.IGNORECASE)
