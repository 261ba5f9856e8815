"""Held-out understanding sets of issue 10: conversations, fresh questions, partial answers.

    python -m bench.understanding WEBHOOK_URL [SET ...]   (against a running assistant;
                                                          by default the development sets)

`make bench` runs the same functions (bench/run_bench.py). Every turn of every
set is refused if it normalises to a training example, so the sets stay held out.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from typing import Callable, Dict, List, Sequence

import requests
import yaml

from serving.runtime import ROOT, rest_replies
from understanding.intent_model import nlu_examples

BENCH = ROOT / "bench"
SOURCE_HEADING = "From the article:"
# The start of the reply to "where does it say that?" (actions/replies.py).
SOURCE_REPLY = "That answer rests on these sentences"
# What the assistant says instead of an answer (actions/replies.py).
DECLINES = ("I only know about this article", "The article doesn't say", "Could you rephrase?")
CLARIFY = "About what?"
WORD = re.compile(r"\w+")


def ask(webhook: str, sender: str, message: str, session=requests) -> str:
    return "\n".join(r.get("text", "") for r in rest_replies(webhook, sender, message, session))


def has_facts(text: str, facts: Sequence[str]) -> bool:
    """Whether a text gives every fact: as written, in any case, or for an abbreviation
    ("UN", "US") as a word of its own or spelt out ("United Nations"), so that "UN" is
    not found in "uncertain" nor "US" in "tell us"."""
    folded = text.casefold().replace("\u2019", "'")
    return all(
        _abbreviation_pattern(f).search(text)
        if _ABBREVIATION.fullmatch(f)
        else f.casefold() in folded
        for f in facts
    )


_ABBREVIATION = re.compile(r"[A-Z]{2,3}")


def _abbreviation_pattern(abbreviation: str) -> re.Pattern:
    """ "UN" as a word of its own ("UN-mediated", "the UN's") or as "United Nations"."""
    letters = r"[a-z']*\s+".join(abbreviation)
    return re.compile(rf"(?<![A-Za-z]){abbreviation}(?![A-Za-z])|\b{letters}[a-z']*")


def answer_words(reply: str) -> str:
    """A reply without its quoted article sentences: an answer about the wrong side is not
    right because its quote names the one asked about. A reply that is only quotes ("which
    sentence says that?") is the answer itself."""
    if SOURCE_REPLY in reply:
        return reply
    return "\n".join(line for line in reply.split("\n") if not line.startswith("\u201c"))


def answered(reply: str, facts: Sequence[str]) -> bool:
    """Whether the answer itself, not only its quote, gives every fact."""
    return bool(facts) and has_facts(answer_words(reply), facts)


def declined(reply: str) -> bool:
    return any(d in reply for d in DECLINES) and SOURCE_HEADING not in reply


def turn_right(kind: str, facts: Sequence[str], reply: str) -> bool:
    """Whether a reply is what a reader needed: the facts, a decline, or "about what?"."""
    if kind == "declined":
        return declined(reply)
    if kind == "clarify":
        return CLARIFY in reply or (answered(reply, facts) and SOURCE_HEADING in reply)
    return answered(reply, facts)


def normalised(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def refuse_training_phrasings(texts: List[str], where: str) -> None:
    """Stop the bench if a held-out question is word for word an NLU example (any section)."""
    trained = {normalised(text) for _, text in nlu_examples()}
    leaked = [t for t in texts if normalised(t) in trained]
    if leaked:
        raise SystemExit(f"{where} repeats training examples: {leaked}")


# Each pair was written before a round of fixes, then its misses were looked at
# while fixing general causes; the newest pair is the one no change has seen.
# DEVELOPMENT_SETS are the ones a developer may run while fixing.
SETS = {
    "first": ("conversations.yml", "questions_fresh.yml"),
    "second": ("conversations_2.yml", "questions_fresh_2.yml"),
    "third": ("conversations_3.yml", "questions_fresh_3.yml"),
    "fourth": ("conversations_4.yml", "questions_fresh_4.yml"),
    "fifth": ("conversations_5.yml", "questions_fresh_5.yml"),
    "sixth": ("conversations_6.yml", "questions_fresh_6.yml"),
    "seventh": ("conversations_7.yml", "questions_fresh_7.yml"),
    "eighth": ("conversations_8.yml", "questions_fresh_8.yml"),
    "ninth": ("conversations_9.yml", "questions_fresh_9.yml"),
    "tenth": ("conversations_10.yml", "questions_fresh_10.yml"),
    "eleventh": ("conversations_11.yml", "questions_fresh_11.yml"),
    "twelfth": ("conversations_12.yml", "questions_fresh_12.yml"),
    "thirteenth": ("conversations_13.yml", "questions_fresh_13.yml"),
    "fourteenth": ("conversations_14.yml", "questions_fresh_14.yml"),
    "fifteenth": ("conversations_15.yml", "questions_fresh_15.yml"),
    "sixteenth": ("conversations_16.yml", "questions_fresh_16.yml"),
    "seventeenth": ("conversations_17.yml", "questions_fresh_17.yml"),
    "eighteenth": ("conversations_18.yml", "questions_fresh_18.yml"),
    "nineteenth": ("conversations_19.yml", "questions_fresh_19.yml"),
    "twentieth": ("conversations_20.yml", "questions_fresh_20.yml"),
    "twenty-first": ("conversations_21.yml", "questions_fresh_21.yml"),
    "twenty-second": ("conversations_22.yml", "questions_fresh_22.yml"),
    "twenty-third": ("conversations_23.yml", "questions_fresh_23.yml"),
    "twenty-fourth": ("conversations_24.yml", "questions_fresh_24.yml"),
    "twenty-fifth": ("conversations_25.yml", "questions_fresh_25.yml"),
    "twenty-sixth": ("conversations_26.yml", "questions_fresh_26.yml"),
    "twenty-seventh": ("conversations_27.yml", "questions_fresh_27.yml"),
    "twenty-eighth": ("conversations_28.yml", "questions_fresh_28.yml"),
    "twenty-ninth": ("conversations_29.yml", "questions_fresh_29.yml"),
    "thirtieth": ("conversations_30.yml", "questions_fresh_30.yml"),
    "thirty-first": ("conversations_31.yml", "questions_fresh_31.yml"),
    "thirty-second": ("conversations_32.yml", "questions_fresh_32.yml"),
    "thirty-third": ("conversations_33.yml", "questions_fresh_33.yml"),
    "thirty-fourth": ("conversations_34.yml", "questions_fresh_34.yml"),
    "thirty-fifth": ("conversations_35.yml", "questions_fresh_35.yml"),
    "thirty-sixth": ("conversations_36.yml", "questions_fresh_36.yml"),
    "thirty-seventh": ("conversations_37.yml", "questions_fresh_37.yml"),
    "thirty-eighth": ("conversations_38.yml", "questions_fresh_38.yml"),
    "thirty-ninth": ("conversations_39.yml", "questions_fresh_39.yml"),
}
DEVELOPMENT_SETS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first",
    "thirty-second",
    "thirty-third",
    "thirty-fourth",
    "thirty-fifth",
    "thirty-sixth",
    "thirty-seventh",
    "thirty-eighth",
)


def load_sets() -> Dict[str, Dict[str, dict]]:
    sets = {}
    for name, (conversations_file, questions_file) in SETS.items():
        conversations = yaml.safe_load((BENCH / conversations_file).read_text())
        fresh = yaml.safe_load((BENCH / questions_file).read_text())
        texts = [t["say"] for c in conversations["conversations"] for t in c["turns"]]
        texts += [q["q"] for q in fresh["questions"] + fresh["partial"]] + fresh["off_topic"]
        refuse_training_phrasings(texts, f"the {name} held-out bench sets")
        sets[name] = {"conversations": conversations, "fresh": fresh}
    return sets


def run_sets(
    webhook: str, bm25_answer: Callable[[str], str], names: Sequence[str] = tuple(SETS)
) -> Dict[str, dict]:
    """Held-out sets against a running assistant: {set name: conversations, fresh}."""
    return {
        name: {
            "conversations": run_conversations(webhook, data["conversations"]),
            "fresh": run_fresh(webhook, data["fresh"], bm25_answer),
        }
        for name, data in load_sets().items()
        if name in names
    }


def new_reader_prefix() -> str:
    """Sender ids no earlier run used, so no turn continues another run's conversation."""
    return f"bench-{uuid.uuid4().hex[:8]}"


def run_conversations(webhook: str, data: dict) -> dict:
    session = requests.Session()
    prefix = new_reader_prefix()
    turns = right_turns = right_conversations = 0
    missed: List[dict] = []
    for number, conversation in enumerate(data["conversations"]):
        sender = f"{prefix}-conversation-{number}"
        all_right = True
        for turn in conversation["turns"]:
            reply = ask(webhook, sender, turn["say"], session)
            right = turn_right(turn.get("kind", "answer"), turn.get("facts", []), reply)
            turns += 1
            right_turns += right
            if not right:
                all_right = False
                missed.append(
                    {"conversation": conversation["name"], "say": turn["say"], "got": reply[:160]}
                )
        right_conversations += all_right
    count = len(data["conversations"])
    return {
        "conversations": count,
        "turns": turns,
        "turns_right_pct": round(100 * right_turns / turns, 1),
        "conversations_right_pct": round(100 * right_conversations / count, 1),
        "missed": missed,
    }


def _share(flags: List[bool]) -> float:
    return round(100 * sum(flags) / len(flags), 1)


def _score(webhook, session, items: List[dict], sender: str, bm25_answer: Callable) -> dict:
    """Each question asked as a new reader; right when the answer itself has every fact."""
    right, bm25_right, missed = [], [], []
    for i, item in enumerate(items):
        reply = ask(webhook, f"{sender}-{i}", item["q"], session)
        right.append(answered(reply, item["facts"]))
        bm25_right.append(has_facts(bm25_answer(item["q"]) or "", item["facts"]))
        if not right[-1]:
            missed.append({"q": item["q"], "got": reply[:160]})
    return {"pct": _share(right), "bm25_pct": _share(bm25_right), "missed": missed}


def run_fresh(webhook: str, data: dict, bm25_answer: Callable[[str], str]) -> dict:
    session = requests.Session()
    prefix = new_reader_prefix()
    fresh = _score(webhook, session, data["questions"], f"{prefix}-fresh", bm25_answer)
    partial = _score(webhook, session, data["partial"], f"{prefix}-partial", bm25_answer)
    off = [
        declined(ask(webhook, f"{prefix}-off-{i}", q, session))
        for i, q in enumerate(data["off_topic"])
    ]
    answered_off = [q for q, ok in zip(data["off_topic"], off) if not ok]
    return {
        "questions": len(data["questions"]),
        "right_pct": fresh["pct"],
        "bm25_right_pct": fresh["bm25_pct"],
        "partial_questions": len(data["partial"]),
        "partial_honest_pct": partial["pct"],
        "bm25_partial_honest_pct": partial["bm25_pct"],
        "off_topic_questions": len(off),
        "off_topic_declined_pct": _share(off),
        "missed": fresh["missed"],
        "partial_missed": partial["missed"],
        "answered_off_topic": answered_off,
    }


def main(argv: List[str]) -> int:
    from bench.run_bench import Bm25Baseline

    result = run_sets(argv[0], Bm25Baseline().answer, argv[1:] or DEVELOPMENT_SETS)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
