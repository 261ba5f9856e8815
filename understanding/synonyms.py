"""Everyday words for the ones news reports use, so a reader's wording meets the article's.

Word matching (the entries' index, telling words, known words) meets a reader
only where they share a word stem: "clashes" never met "skirmishes", nor
"avoided" "sidestepped". These are plain English equivalences, not article
facts; WordNet's were tried and were too loose (README). A word maps to the one
the article uses; a phrase is rewritten to a word before the words are cut.
"""

from __future__ import annotations

import re
from typing import Dict

# The article's word, then the everyday words that mean the same in a question.
_SAME_AS = {
    "skirmish": "clash clashes firefight flare-up breach violation incident",
    "sidestep": "avoid dodge evade skirt shun bypass",
    "exchange": "swap incentive incentives",
    "backer": "supporter support supports supporting ally allies patron favour favours favor "
    "favors favouring favoring",
    "held": "host hosts hosting hosted venue",
    "start": "begin commence launch",
    "end": "finish close closing conclude",
    "release": "free freed freeing liberate liberated",
    "prisoner": "detainee detainees captive captives hostage hostages",
    "flee": "escape escaped",
    "death": "kill killed killing die died dead casualty casualties",
    "expect": "anticipate predict foresee",
    "observer": "observe observing monitor monitoring watch watching",
    "sponsor": "organise organised organize organized arrange arranged fund funds funded funding "
    "finance financed financing bankroll bankrolled pay pays paying paid",
    "criticise": "criticize blame blamed complaint complain fault",
    "control": "command",
    "aid": "assistance supplies",
    "besieged": "siege surrounded blockaded",
    "immunity": "amnesty pardon",
    "abandon": "surrender quit",
    "lasting": "durable permanent",
    "controversy": "contentious controversial dispute disputed divisive",
    "retaken": "retake retook retaking recapture recaptured regain regained",
    "face": "direct directly",
    "transition": "handover inauguration",
    "invite": "invitation",
    "author": "writer journalist reporter byline authored",
    "initiative": "effort efforts",
    "meeting": "session sessions gathering gatherings summit",
    "next": "upcoming forthcoming",
    "ambassador": "diplomat diplomats",
    "home": "displaced uprooted homeless",
    "driving": "steer steers steering steered helm",
    "sent": "dispatch dispatched dispatches dispatching",
    "future": "prospect prospects outlook",
    "mediated": "chair chairs chairing chaired moderate moderates moderating moderated "
    "facilitate facilitates facilitating facilitated",
}

# Phrases first, as whole words: "in return" is "exchange", "lay down arms" is "abandon".
_PHRASES = [
    (r"in return", "exchange"),
    # "the toll so far" is no "how far" Trump will go.
    (r"so far|thus far", "now"),
    (r"(?:give|gave|giving) up", "abandon"),
    (r"lay(?:ing)? down", "abandon"),
    (r"kick(?:ed|s|ing)? off|get(?:ting)? under ?way|got under ?way|under ?way", "start"),
    (r"wrap(?:ped|s|ping)? up", "end"),
    (r"(?:last|final) day", "end day"),
    (r"take back|took back|taken back", "retaken"),
    # "what has the war cost in lives?", "lives lost": its deaths.
    (r"lives (?:lost|claimed|taken)|in (?:human )?lives", "death"),
    # "Syrians who've lost their homes" are those pushed out of them.
    (r"(?:lost|lose|loses|losing) (?:their|his|her|its) homes?", "home"),
    # "who set up the talks?" asks who organised them.
    (r"set(?:s|ting)? up", "sponsor"),
    # "is the truce sticking?" asks whether it held; "sticking to" a plan does not.
    (r"(?:stick|sticks|sticking|stuck)(?! to\b)", "held"),
    (r"sit(?:ting)? down with|sat down with|in person|in the same room", "face"),
    # A verb at the end, not face to face: "what future do the displaced face (now)?"
    (r"(?<!to )(?<!to-)face(?=(?:\s+(?:now|today|next|ahead))?\s*[?.!]*\s*$)", ""),
    # "did anything come out of the talks?" is no publishing.
    (r"(?:come|came) out(?! of)", "published"),
    (r"let(?:ting)? (?:go|out)|set free", "release"),
    (r"st(?:and|ands|anding|ood) behind", "backer"),
    # "who is behind the rebels?" asks its backer, "which nations are behind the talks?" its
    # sponsors; not "how far behind" anything.
    (r"(?:is|are|was|were|'s|’s) behind the", " backer sponsor the"),
    (r"steer(?:ed|ing)? clear of", "sidestep"),
    # "did the Russians ask America to come?" is an invitation; "pushing for" a demand.
    (r"ask(?:ed|s|ing)?(?:\s+\w+){0,2}\s+to\s+(?:come|attend|join)", "invite"),
    (r"push(?:es|ed|ing)? for|lobb(?:y|ies|ied|ying) for|hold(?:s|ing)? out for", "want"),
    # "the government's man in Astana", "the rebels' main man at the talks": who represents
    # them there; so does whoever speaks or negotiates for them.
    (
        r"(?:'s|’s|'|’) (?:(?:main|top|chief|lead) )?(?:man|woman|guy|person) (?:in|at|for)",
        "'s representative in",
    ),
    # "what is de Mistura's official capacity?" asks his role.
    (r"official (?:capacity|title|position|function)", "role"),
    # "until this point" is until now.
    (r"(?:until|up to|up until) (?:this|that) point", "until now"),
    # "who had been the opposition's voice?": who spoke for it.
    (r"(?:'s|’s|'|’) voice\b", "'s representative"),
    (
        r"(?:sp(?:eak|eaks|eaking|oke|oken)|negotiat(?:e|es|ed|ing)|talk(?:s|ed|ing)?) for|"
        r"st(?:and|ands|ood|anding) in for",
        "represent",
    ),
    (r"(?:new|special|different|unique|historic|remarkable|noteworthy) about", "important about"),
    # "what lies ahead for the displaced?", "what is in store for them?": their future;
    # "what does their future look like?" asks no looks.
    (r"(?:lies?|lay|lying) ahead|in store|await(?:s|ing)?", "future"),
    (r"looks? like", ""),
    # "what makes Astana different?", "what makes this round so special?"
    (
        r"makes? (?:[\w'-]+\s+){0,3}?(?:so\s+)?(?:new|special|different|unique|historic|"
        r"remarkable|noteworthy)\b",
        "important",
    ),
    # "talks through mediators", "via go-betweens": not face to face.
    (
        r"(?:through|via|by way of) (?:(?:a|an|the)\s+)?(?:mediators?|intermediar(?:y|ies)|"
        r"go-betweens?|middlem[ae]n|third part(?:y|ies))",
        "indirect",
    ),
]
# "what is the regime after in these talks?" asks what it wants.
_AFTER_AS_WANT = re.compile(
    r"\b(what(?:'s| is| are| was| were)\s+(?:[\w'-]+\s+){1,4}?)after\b"
    r"(?=\s+(?:in|at|from|with|here|there|now)\b|\s*[?.!]?\s*$)"
)
# "is Turkey on the rebels' side?", "whose side is Tehran on?" ask whom it backs.
_ON_SIDE = re.compile(
    r"\bon (the |their |its |whose |which )?"
    r"((?:(?!(?:other|same|winning|losing|this|that|either|one)\b)[\w'’-]+\s+){0,2}?)side\b"
)
_SIDE_ON = re.compile(r"\b(whose|which|what) side (is|are|was|were) ([\w'’ -]+?) on\b")
_PHRASE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p, _ in _PHRASES) + r")\b")
_PHRASE_WORD = [(re.compile(rf"^(?:{p})$"), word) for p, word in _PHRASES]


def rewrite_phrases(text: str) -> str:
    """A lower-cased text with every known phrase replaced by the article's word."""
    text = _AFTER_AS_WANT.sub(r"\1want", text)
    text = _SIDE_ON.sub(r"\1 \2 \3 backer", text)
    text = _ON_SIDE.sub(r"\1\2backer", text)
    return _PHRASE.sub(lambda m: _phrase_word(m.group(0)), text)


def _phrase_word(phrase: str) -> str:
    return next(word for pattern, word in _PHRASE_WORD if pattern.match(phrase))


def synonym_stems(stem) -> Dict[str, str]:
    """Each everyday word's stem mapped to the article word's stem, by the given stemmer."""
    return {
        stem(word): stem(article_word)
        for article_word, words in _SAME_AS.items()
        for word in words.split()
        if stem(word) != stem(article_word)
    }
