"""Whole conversations over the REST channel, with the real action server.

`rasa test` never runs custom actions; these tests do, so they prove the
answers, quotes and buttons a reader actually gets.
"""

from __future__ import annotations

import itertools
from typing import Dict, List

import pytest

from bench import long_conversation
from serving.runtime import rest_replies, running_assistant

_senders = itertools.count()


@pytest.fixture(scope="module")
def webhook(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("e2e")) as assistant:
        yield assistant.webhook


class Reader:
    """One reader's conversation: each say() returns the bot's messages."""

    def __init__(self, webhook: str):
        self.webhook = webhook
        self.sender = f"reader-{next(_senders)}"

    def say(self, message: str) -> List[Dict]:
        replies = rest_replies(self.webhook, self.sender, message, timeout=60)
        assert replies, f"no reply to {message!r}"
        return replies

    def text(self, message: str) -> str:
        return "\n".join(r.get("text", "") for r in self.say(message))


def buttons(replies: List[Dict]) -> List[Dict]:
    return [b for r in replies for b in r.get("buttons", [])]


def test_greeting_says_what_it_answers_with_suggested_questions(webhook):
    replies = Reader(webhook).say("hello")
    assert "Syrian rebels and the regime have started peace talks" in replies[0]["text"]
    assert "Why are these talks important?" in [b["title"] for b in buttons(replies)]


@pytest.mark.parametrize(
    "question, fact, quote",
    [
        (
            "who is sponsoring the talks?",
            "Russia and Turkey",
            "have been sponsored by Russia and Turkey",
        ),
        ("where are the talks held", "Astana", "Kazakhstan's capital of Astana"),
        ("death toll?", "400,000", "deaths of more than 400,000 people"),
        ("when did the truce start", "December 30, 2016", "went into effect on December 30, 2016"),
        ("what do the rebels want", "prisoners", "release of prisoners"),
        ("Will they succeed in bringing lasting peace?", "hard to say", "That's hard to say."),
        ("who is Jaafari?", "ambassador to the UN", "Bashar al-Jaafri"),
        (
            "what role does Iran play",
            "backer of the Assad regime",
            "Iran, a backer of the Assad regime",
        ),
    ],
)
def test_question_in_own_words_gets_fact_quote_and_buttons(webhook, question, fact, quote):
    replies = Reader(webhook).say(question)
    text = replies[0]["text"]
    assert fact in text
    assert "From the article:" in text and quote in text.split("From the article:")[1]
    assert len(buttons(replies)) >= 2


def test_follow_ups_act_on_the_last_answer_and_buttons_work(webhook):
    reader = Reader(webhook)
    first = reader.say("when did the ceasefire begin?")
    assert "December 30, 2016" in first[0]["text"]
    assert "eastern Aleppo" in reader.text("tell me more")
    assert "The article doesn't say why" in reader.text("why?")
    assert "the ceasefire has largely remained in place" in reader.text("source?")
    # Clicking a follow-up button sends its payload.
    aleppo = next(b for b in buttons(first) if "Aleppo" in b["title"])
    clicked = reader.say(aleppo["payload"])
    assert "five years" in clicked[0]["text"]
    assert "five years" in reader.text("where does that come from?")


def test_off_topic_question_is_declined_with_suggestions(webhook):
    replies = Reader(webhook).say("what's the weather like in Paris today?")
    assert "I only know about this article" in replies[0]["text"]
    assert buttons(replies)


def test_on_topic_question_the_article_does_not_answer_gets_does_not_say(webhook):
    replies = Reader(webhook).say("what is the population of Syria?")
    assert "The article doesn't say" in replies[0]["text"]
    assert "From the article" not in replies[0]["text"]


def test_unknown_person_gets_does_not_say_not_an_invention(webhook):
    text = Reader(webhook).text("who is Putin?")
    assert "doesn't say" in text


def test_a_place_the_article_never_names_gets_does_not_say(webhook):
    # Close to "how many have fled Syria", but the war-toll answer is not about Lebanon.
    text = Reader(webhook).text("how many Syrians fled to Lebanon?")
    assert "doesn't say anything about Lebanon" in text
    assert "From the article" not in text


def test_gibberish_gets_a_request_to_rephrase(webhook):
    replies = Reader(webhook).say("qwxz blorptang vrrk")
    assert "rephrase" in replies[0]["text"]
    assert buttons(replies)


def test_tell_me_more_before_any_question_asks_for_one(webhook):
    assert "About what?" in Reader(webhook).text("tell me more")


@pytest.mark.parametrize(
    "message, phrase",
    [
        ("bye", "Goodbye"),
        ("thanks!", "You're welcome"),
        ("are you a bot?", "I'm a bot"),
        ("help", "tell me more"),
    ],
)
def test_chitchat(webhook, message, phrase):
    assert phrase in Reader(webhook).text(message)


def test_edited_knowledge_is_served_after_restart_without_retraining(tmp_path, knowledge_copy):
    data, write = knowledge_copy
    next(e for e in data["entries"] if e["id"] == "sponsors")["answer"] = (
        "EDITED ANSWER: Russia and Turkey."
    )
    with running_assistant(tmp_path, knowledge_file=write(data)) as assistant:
        reply = Reader(assistant.webhook).text("who sponsors the talks")
        assert "EDITED ANSWER: Russia and Turkey." in reply


def test_a_knowledge_edit_is_served_at_once_and_a_broken_edit_changes_nothing(
    tmp_path, knowledge_copy
):
    data, write = knowledge_copy
    path = write(data)
    sponsors = next(e for e in data["entries"] if e["id"] == "sponsors")
    with running_assistant(tmp_path, knowledge_file=path) as assistant:
        reader = Reader(assistant.webhook)
        assert "EDITED" not in reader.text("who sponsors the talks")

        sponsors["answer"] = "EDITED ANSWER: Russia and Turkey."
        write(data)
        assert "EDITED ANSWER: Russia and Turkey." in reader.text("who sponsors the talks")

        # Broken: it quotes a sentence the article does not have.
        sponsors["answer"] = "BROKEN EDIT"
        sponsors["sources"] = ["Russia and Turkey agreed on everything."]
        write(data)
        reply = reader.text("who sponsors the talks")
        assert "EDITED ANSWER: Russia and Turkey." in reply and "BROKEN" not in reply
        log = (tmp_path / "action-server.log").read_text()
        assert "still serving the previous version" in log
        assert f"{path}: entry 'sponsors'" in log

        sponsors["answer"] = "FIXED ANSWER: Russia and Turkey."
        sponsors["sources"] = [
            "The talks brokered by Russia and Turkey have brought the Syrian regime and "
            "rebel fighters to the table."
        ]
        write(data)
        assert "FIXED ANSWER" in reader.text("who sponsors the talks")


# Issue 10's table and more, as a reader types them, through Rasa's own model:
# each turn's reply must carry the fact and quote the sentence it rests on.
FOLLOWED = [
    pytest.param(
        [("who is Bashar al-Jaafari?", "ambassador to the UN"), ("what is his job?", "ambassador")],
        "ambassador to the UN Bashar al-Jaafri",
        id="pronoun",
    ),
    pytest.param(
        [("who is George Krol", "Krol"), ("where is he ambassador?", "Kazakhstan")],
        "US ambassador to Kazakhstan",
        id="pronoun where",
    ),
    pytest.param(
        [("when is the geneva meeting", "February 8"), ("who is running it?", "UN-mediated")],
        "UN-mediated talks in Geneva",
        id="pronoun event",
    ),
    pytest.param(
        [("where is astana", "Astana"), ("which country is it the capital of?", "Kazakhstan")],
        "Kazakhstan's capital of Astana",
        id="pronoun place",
    ),
    pytest.param(
        [("tell me about the ceasefire", "December 30"), ("did it hold?", "largely held")],
        "the ceasefire has largely remained in place",
        id="short follow-up",
    ),
    pytest.param(
        [
            ("what happened to eastern aleppo", "safe passage"),
            ("when was it retaken?", "The article doesn't say when"),
        ],
        "has now been retaken by the regime",
        id="partial when",
    ),
    pytest.param(
        [("who speaks for the rebels?", "Alloush"), ("and the regime?", "Bashar al-Jaafri")],
        "ambassador to the UN Bashar al-Jaafri",
        id="ellipsis",
    ),
    pytest.param(
        [
            ("who sponsors the talks?", "Russia and Turkey"),
            ("what's the weather like?", "I only know about this article"),
            ("and Turkey?", "strongest backer"),
        ],
        "Turkey, the strongest backer of the Syrian opposition",
        id="off-topic in between",
    ),
    pytest.param(
        [("Did assad attend the talks?", "The article doesn't say whether Bashar al-Assad")],
        "ambassador to the UN Bashar al-Jaafri",
        id="partial attendance",
    ),
    pytest.param(
        [("Did the rebels get their prisoners back?", "doesn't say whether the rebels got")],
        "Rebels have sought the release of prisoners",
        id="partial outcome",
    ),
    pytest.param(
        [("Who is the author?", "doesn't say who wrote it")],
        "TRT World and Agencies",
        id="article author",
    ),
    pytest.param(
        [("What date is this article from?", "January 2017")],
        "TRT World and Agencies",
        id="article date",
    ),
    pytest.param(
        [("what do both sides want and who sponsors the talks?", "Russia and Turkey")],
        "Rebels have sought the release of prisoners",
        id="compound",
    ),
]


@pytest.mark.parametrize("turns, quote", FOLLOWED)
def test_a_conversation_is_followed_turn_by_turn(webhook, turns, quote):
    reader = Reader(webhook)
    for message, fact in turns:
        reply = reader.text(message)
        assert fact in reply, (message, reply)
    assert quote in reply.split("From the article:", 1)[1]


def test_a_bare_follow_up_first_asks_about_what(webhook):
    reply = Reader(webhook).text("since when?")
    assert "About what?" in reply
    assert "From the article:" not in reply


def test_turn_300_still_follows_up_on_turn_299(webhook):
    # bench/long_conversation.py's cycle: questions and follow-ups, ending on
    # "who is George Krol?" then "where is he ambassador?".
    conversation = long_conversation.run(webhook, turns=300)
    assert conversation.wrong == []
    assert "Kazakhstan" in conversation.last_reply
    assert "From the article:" in conversation.last_reply
