"""The validator accepts the real knowledge file and names every problem in a broken one."""

from __future__ import annotations

import re

import pytest
import yaml

from actions.knowledge import (
    TOPIC_INTENT,
    KnowledgeError,
    load_knowledge,
    main,
)
from tests.conftest import ROOT


def entry(data: dict, entry_id: str) -> dict:
    return next(e for e in data["entries"] if e["id"] == entry_id)


def test_real_file_is_valid_and_quotes_every_factual_sentence(knowledge):
    assert knowledge.uncovered == ()
    # 34 sentences in the article, the photo caption repeats one of them.
    assert len(knowledge.article_sentences) == 33
    assert "Peace." in knowledge.article_sentences
    assert "TRT World and Agencies" not in knowledge.article_sentences
    assert "Who are the parties in this negotiation process?" not in knowledge.article_sentences


def test_cli_reports_coverage_for_the_real_file(capsys):
    assert main([]) == 0
    assert "33/33 factual article sentences quoted" in capsys.readouterr().out


def test_article_copy_names_its_source(knowledge):
    assert knowledge.publisher == "TRT World"
    assert knowledge.title.startswith("Syrian rebels and the regime have started peace talks")


@pytest.mark.parametrize(
    "person_or_place",
    [
        "Bashar al-Assad",
        "Staffan de Mistura",
        "Mohammed Alloush",
        "Jaysh al-Islam",
        "Bashar al-Jaafri",
        "George Krol",
        "Barack Obama",
        "Donald Trump",
        "Russia",
        "Turkey",
        "Iran",
        "United States",
        "United Nations",
        "Astana",
        "Aleppo",
        "Geneva",
    ],
)
def test_whos_who_has_an_entry_for_everyone_the_article_names(knowledge, person_or_place):
    found = knowledge.for_topic(person_or_place)
    assert found is not None, person_or_place
    assert found.main.sources


def test_every_question_intent_has_an_entry_and_back():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    knowledge = load_knowledge()
    ask_intents = {i for i in domain["intents"] if i.startswith("ask_")}
    entry_intents = {e.intent for e in knowledge.entries.values()}
    assert entry_intents - ask_intents == set(), "entries whose intent is not in domain.yml"
    unanswered = (
        ask_intents
        - entry_intents
        - {"ask_not_in_article", "ask_why", "ask_source", "ask_about_article"}
    )
    assert unanswered == set(), "intents in domain.yml with no knowledge entry"


def test_every_topic_synonym_in_nlu_leads_to_a_knowledge_entry(knowledge):
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            if "synonym" in block:
                assert knowledge.for_topic(block["synonym"]) is not None, (path, block["synonym"])


def test_every_entry_value_annotated_in_nlu_is_a_topic_or_deliberately_unknown(knowledge):
    unknown_on_purpose = {"Putin", "Erdogan", "Lavrov", "Kerry", "Saudi Arabia", "Israel"}
    text = (ROOT / "data" / "nlu" / "who_is.yml").read_text()
    values = set(re.findall(r'"value": "([^"]+)"', text)) | set(
        re.findall(r"\[([^\]]+)\]\(topic\)", text)
    )
    for value in values - unknown_on_purpose:
        assert knowledge.for_topic(value) is not None, value
    for value in unknown_on_purpose:
        assert knowledge.for_topic(value) is None, value


def _missing_answer(d):
    del entry(d, "sponsors")["answer"]


def _sources_not_a_list(d):
    entry(d, "sponsors")["sources"] = "Russia and Turkey sponsor the talks."


def _duplicate_id(d):
    entry(d, "truce")["id"] = "sponsors"


def _unknown_related(d):
    entry(d, "sponsors")["related"] = ["no_such_entry"]


def _paraphrased_quote(d):
    entry(d, "sponsors")["sources"] = ["The talks are sponsored by Russia and Turkey."]


def _misspelt_field(d):
    entry(d, "sponsors")["answr"] = "typo"


def _bad_detail_quote(d):
    entry(d, "truce")["detail"]["sources"] = ["The truce held perfectly."]


def _unknown_suggestion(d):
    d["suggestions"] = ["why_important", "gone"]


def _question_not_text(d):
    entry(d, "sponsors")["question"] = 42


def _one_sided_opposition(data):
    next(s for s in data["subjects"] if s["id"] == "regime")["opposes"] = "turkey"


@pytest.mark.parametrize(
    "breakage, where, problem",
    [
        (_missing_answer, "entry 'sponsors'", "missing field 'answer'"),
        (_sources_not_a_list, "entry 'sponsors'", "'sources' must be a non-empty list"),
        (_duplicate_id, "entry 'sponsors'", "duplicate id"),
        (_unknown_related, "entry 'sponsors'", "related id 'no_such_entry' does not exist"),
        (_paraphrased_quote, "entry 'sponsors'", "source is not verbatim in the article"),
        (_misspelt_field, "entry 'sponsors'", "unknown field 'answr'"),
        (_bad_detail_quote, "entry 'truce'", "source is not verbatim in the article"),
        (_unknown_suggestion, "suggestions", "id 'gone' does not exist"),
        (_question_not_text, "entry 'sponsors'", "'question' must be a non-empty string"),
        (_one_sided_opposition, "subject 'regime'", "opposes 'turkey', which must be a subject"),
    ],
)
def test_broken_file_is_rejected_naming_file_entry_and_problem(
    knowledge_copy, breakage, where, problem
):
    data, write = knowledge_copy
    breakage(data)
    path = write(data)
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(path)
    assert any(
        p.startswith(str(path)) and where in p and problem in p for p in raised.value.problems
    ), raised.value.problems


def test_invalid_yaml_is_rejected_with_its_position(tmp_path):
    path = tmp_path / "knowledge.yml"
    path.write_text("entries: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(path)
    assert str(path) in str(raised.value) and "not valid YAML" in str(raised.value)
    assert "line" in str(raised.value)


def test_missing_file_is_rejected_clearly(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read file"):
        load_knowledge(tmp_path / "nope.yml")


def test_unquoted_sentence_fails_the_coverage_check(knowledge_copy, capsys):
    data, write = knowledge_copy
    dropped = "Except for a few skirmishes, the ceasefire has largely remained in place."
    for e in data["entries"]:
        e["sources"] = [s for s in e["sources"] if s != dropped]
    path = write(data)
    assert load_knowledge(path).uncovered == (dropped,)
    assert main([str(path)]) == 1
    assert dropped in capsys.readouterr().err


def test_topic_lookup_tolerates_case_and_partial_names(knowledge):
    assert knowledge.for_topic("staffan DE mistura").id == "who_de_mistura"
    assert knowledge.for_topic("Mistura").id == "who_de_mistura"
    assert knowledge.for_topic("Bashar") is None  # two Bashars: ambiguous, no guess
    assert knowledge.for_topic("Putin") is None
    assert knowledge.for_intent(TOPIC_INTENT) is None


@pytest.mark.parametrize(
    "text, subject",
    [
        ("who is alush?", "alloush"),
        ("where is Astna?", "astana"),
        ("what does Turky want?", "turkey"),
    ],
)
def test_a_close_misspelling_of_a_one_word_name_is_that_name(knowledge, text, subject):
    assert [m.subject for m in knowledge.mentions(text)] == [subject]


@pytest.mark.parametrize("text", ["what's Turkey's position in the war?", "a new proposition"])
def test_an_ordinary_word_close_to_a_name_is_not_that_name(knowledge, text):
    """ "position" is close to "opposition" in spelling, but starts with another letter."""
    assert "rebels" not in [m.subject for m in knowledge.mentions(text)]


@pytest.mark.parametrize(
    "text", ["and what about the current president?", "what will the new president do?"]
)
def test_the_president_the_article_speaks_of_now_is_trump(knowledge, text):
    """The article tells of Trump's transition into power: "the new president" is him."""
    assert [m.subject for m in knowledge.mentions(text)] == ["trump"]


@pytest.mark.parametrize(
    "text, subjects",
    [
        ("are there more talks planned?", []),
        ("who will host future talks?", []),
        ("is Trump's government sending anyone?", ["trump"]),
        ("what does Assad's government want?", ["regime"]),
        ("who is fighting the government?", ["regime"]),
        ("where are the talks held?", ["talks"]),
        ("how long has the fighting gone on?", ["war"]),
        ("has there been fighting since the ceasefire?", ["truce"]),
    ],
)
def test_an_ordinary_word_names_another_of_its_kind_after_more_or_a_possessive(
    knowledge, text, subjects
):
    """ "more talks" are not the Astana talks; Trump's government is not the Syrian one."""
    assert [m.subject for m in knowledge.mentions(text)] == subjects


@pytest.mark.parametrize(
    "text, subjects",
    [
        ("the UN-mediated talks in Geneva", ["united_nations", "talks", "geneva"]),
        ("a Russia-backed offensive", ["russia"]),
        ("Jaysh Al-Islam leader", ["jaysh_al_islam"]),
    ],
)
def test_a_name_joined_to_a_word_by_a_hyphen_is_still_named(knowledge, text, subjects):
    """ "UN-mediated" names the UN: the Geneva answer is about it too."""
    assert [m.subject for m in knowledge.mentions(text)] == subjects


@pytest.mark.parametrize(
    "text, subject",
    [("is irna involved?", "iran"), ("where are the tlaks?", "talks"), ("who is Krlo?", "krol")],
)
def test_a_name_with_two_letters_swapped_is_that_name(knowledge, text, subject):
    assert [m.subject for m in knowledge.mentions(text)] == [subject]


@pytest.mark.parametrize("text", ["the rain in Spain", "I read the article"])
def test_words_that_are_no_swapped_name_name_nothing(knowledge, text):
    assert knowledge.mentions(text) == []


def test_a_group_named_after_a_person_is_known_as_theirs(knowledge):
    regime, assad = knowledge.subjects["regime"], knowledge.subjects["assad"]
    assert regime.named_after(assad)
    assert not knowledge.subjects["rebels"].named_after(assad)
    assert not knowledge.subjects["regime"].named_after(knowledge.subjects["jaafri"])


def test_the_plural_of_an_ordinary_name_is_not_its_subject(knowledge):
    assert knowledge.mentions("which governments broker the talks?")[0].subject == "talks"
    assert [m.subject for m in knowledge.mentions("the goverment side")] == ["regime"]


@pytest.mark.parametrize(
    "text, subjects",
    [
        ("what is new about the Syrian talks in Astana?", ["talks", "astana"]),
        ("does the ceasefire cover all of Syrian territory?", ["truce"]),
        ("what did the Russian military do?", ["russia"]),
        ("what will become of the Syrians?", ["syrians"]),
    ],
)
def test_a_people_s_name_in_the_singular_is_its_adjective_not_the_people(knowledge, text, subjects):
    """ "the Syrian talks" are no question about the Syrians; "Russian" is Russia's."""
    assert [m.subject for m in knowledge.mentions(text)] == subjects
