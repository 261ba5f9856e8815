"""How the shape of a question is read: what it counts, and whether an answer gives that figure."""

from __future__ import annotations

import pytest

from understanding.intent_model import stems, translated_stems
from understanding.questions import (
    asks_about_before,
    asks_beyond,
    asks_who_acts,
    counted_nouns,
    counted_within,
    counts_noun,
    described_person,
    figure_near,
    identity_asked,
    indirect_count_question,
    indirect_demand_question,
    indirect_identity_question,
    is_about_article,
    kinds_asked,
    profile_request,
    references,
    split_clauses,
)


@pytest.mark.parametrize(
    "clause, nouns",
    [
        ("how many rebels left eastern Aleppo?", ["rebels"]),
        ("were there any civilian deaths after the truce?", ["civilian", "deaths"]),
        ("how many prisoners do the rebels want freed?", ["prisoners"]),
        ("how many have died?", []),
        # The people counted are the ones who fled, with or without "have".
        ("how many people have escaped the country?", ["people", "escaped"]),
        ("how many people are in the delegation?", ["people"]),
        # "got" is no noun: the prisoners are counted, and people who got killed.
        ("how many prisoners got released?", ["prisoners"]),
        ("how many people got killed?", ["people", "killed"]),
        ("who sponsors the talks?", []),
        # "ended up" is what happened to the ones counted, not what is counted.
        ("how many ended up without homes?", []),
    ],
)
def test_the_things_a_question_counts(clause, nouns):
    assert counted_nouns(clause) == nouns


@pytest.mark.parametrize(
    "text, nouns, gives",
    [
        ("the two-day meeting", ["days"], True),
        ("more than 400,000 people", ["people"], True),
        ("The rebels had controlled it for five years", ["rebels"], False),
        # "Millions" says roughly, not how many.
        ("Millions of Syrians have been pushed out", ["syrians"], False),
    ],
)
def test_a_figure_counts_only_the_thing_it_is_attached_to(text, nouns, gives):
    assert counts_noun(text, nouns) is gives


@pytest.mark.parametrize(
    "clause, indirect",
    [
        ("how many towns are besieged?", "how many towns are besieged"),
        ("were there any casualties?", "whether there were any casualties"),
        # No simple form to reuse: only what it counts, or the generic wording.
        ("how many prisoners do the rebels want freed?", "how many prisoners"),
        ("How much aid did the towns get?", "how much aid"),
        ("how many prisoners has the regime let go?", "how many prisoners"),
        ("how many do you know?", None),
    ],
)
def test_a_counting_question_reads_inside_a_sentence(clause, indirect):
    assert indirect_count_question(clause) == indirect


@pytest.mark.parametrize(
    "clause, indirect",
    [
        ("what did Turkey demand at the talks?", "what Turkey demanded at the talks"),
        ("what does Iran want from the talks?", "what Iran wants from the talks"),
        ("and what did Russia ask for?", "what Russia asked for"),
        ("what do the Americans seek?", "what the Americans seek"),
        ("what plan does Donald Trump have for Syria?", "what plan Donald Trump has for Syria"),
        ("which demands did Iran make?", None),
    ],
)
def test_a_question_of_what_someone_wants_reads_inside_a_sentence(clause, indirect):
    assert indirect_demand_question(clause) == indirect


@pytest.mark.parametrize(
    "clause, kind",
    [
        ("what did Iran say at the talks?", "statement"),
        ("what time of day did the talks open?", "hour"),
        ("did Alloush meet Jaafri?", "outcome"),
        ("did the talks end in a deal?", "outcome"),
        ("did the Astana meeting produce an agreement?", "outcome"),
        ("did any rebels give up their posts?", "outcome"),
        ("when will the Geneva talks end?", "ending"),
        ("were the prisoners set free?", "outcome"),
        ("how long will the truce last?", "ending"),
        ("did the ceasefire collapse after the talks?", "later"),
        ("what was Jaafri's response?", "statement"),
        ("what did the regime decide?", "outcome"),
        ("who's there from the US?", "attendance"),
        ("who won the negotiations?", "outcome"),
        ("and the aid, did it arrive?", "outcome"),
        ("did any rebels take the immunity offer?", "outcome"),
        ("what month did the regime retake Aleppo?", "when"),
        ("was Assad personally at the talks?", "attendance"),
        ("were the prisoners released eventually?", "outcome"),
        ("has any aid made it through to the towns?", "outcome"),
        ("has de Mistura spoken with Alloush?", "statement"),
        ("did the two negotiators shake hands?", "outcome"),
        ("have the rebels been given what they asked for?", "outcome"),
        ("what did Iran demand at the talks?", "demand"),
        ("on which weekday will it close?", "ending"),
        ("what are Turkey's goals?", "demand"),
        ("what happens once the Astana talks are over?", "next"),
        ("which talks follow Astana?", "next"),
        ("which city hosts the talks that come after Astana?", "next"),
    ],
)
def test_what_a_question_presupposes_the_article_gives(clause, kind):
    assert kind in kinds_asked(clause)


@pytest.mark.parametrize(
    "clause", ["what happened after the truce?", "do the talks follow a truce?"]
)
def test_what_came_before_or_after_something_else_is_no_question_of_what_comes_next(clause):
    assert "next" not in kinds_asked(clause)


@pytest.mark.parametrize(
    "clause", ["how did they get out of Aleppo?", "how many refugees has Syria produced?"]
)
def test_how_and_how_many_ask_no_outcome(clause):
    assert "outcome" not in kinds_asked(clause)


def test_who_has_spoken_for_a_side_asks_who_represented_it_not_what_was_said():
    assert "statement" not in kinds_asked("who has spoken for the opposition until now?")


def test_how_far_someone_will_go_is_no_count():
    assert "count" not in kinds_asked("how far is Trump willing to go on Syria?")


@pytest.mark.parametrize(
    "clause",
    [
        "who sponsors the talks?",
        "when did the talks get going?",
        "where did the rebels get out to?",
    ],
)
def test_a_plain_question_presupposes_nothing(clause):
    assert not kinds_asked(clause) - {"when"}


@pytest.mark.parametrize(
    "clause, rest",
    [
        ("tell me about the Astana talks", "the Astana talks"),
        ("Krol, who is he?", "Krol"),
        ("what sort of outfit is Jaysh al-Islam?", "Jaysh al-Islam"),
        ("who is the UN envoy?", "the UN envoy"),
        ("what does Kazakhstan have to do with this?", "Kazakhstan"),
        ("what is Iran's business in the talks?", "Iran"),
        ("what about the Syrian people who fled?", "the Syrian people"),
        ("what's Turkey's position in all of it?", "Turkey"),
        ("what does the regime want?", None),
        ("why are the talks important?", None),
    ],
)
def test_a_request_about_something_in_general_leaves_its_name(clause, rest):
    assert profile_request(clause) == rest


@pytest.mark.parametrize(
    "one, other",
    [
        ("who spoke for the opposition?", "who speaks for the opposition?"),
        ("what have the rebels sought?", "what do the rebels seek?"),
        ("who led the initiative?", "who leads the initiative?"),
    ],
)
def test_word_forms_meet_in_the_wording_indexes(one, other):
    assert stems(one) == stems(other)


@pytest.mark.parametrize(
    "everyday, article",
    [
        ("were there clashes?", "were there skirmishes?"),
        ("what did they avoid?", "what did they sidestep?"),
        ("what do fighters get in return?", "what do fighters get in exchange?"),
        ("did the fighters lay down their posts?", "did the fighters abandon their posts?"),
        ("who supports Assad?", "who backs Assad?"),
        ("when did it kick off?", "when did it start?"),
        ("who stands behind the rebels?", "who backs the rebels?"),
        ("who led the peace efforts?", "who led the peace initiative?"),
        ("were the prisoners let go?", "were the prisoners released?"),
        ("what has the war cost in lives?", "what has the war cost in deaths?"),
        ("Syrians who lost their homes", "Syrians out of their homes"),
        ("is the truce sticking?", "is the truce held?"),
        ("what is ahead for uprooted people?", "what is ahead for displaced people?"),
        ("who set up the talks?", "who sponsored the talks?"),
        ("what is his official capacity?", "what is his role?"),
        ("who was their voice until this point?", "who was their voice until now?"),
    ],
)
def test_everyday_words_meet_the_article_s_in_the_wording_indexes(everyday, article):
    assert stems(everyday) == stems(article)


def test_only_everyday_words_count_as_translated():
    assert translated_stems("were there clashes?") == {"skirmi"}
    assert translated_stems("were there skirmishes?") == frozenset()


@pytest.mark.parametrize(
    "forms", [("brokered", "brokers", "broker"), ("offered", "offers", "offering")]
)
def test_a_verb_made_of_a_noun_in_er_meets_the_noun(forms):
    assert len({stems(form) for form in forms}) == 1


def test_a_word_that_only_looks_like_a_synonym_keeps_its_own_stem():
    assert stems("will refugees return?") != stems("will refugees exchange?")
    assert "publis" not in stems("did anything come out of the talks?")


@pytest.mark.parametrize(
    "clause, pointing",
    [
        ("when did that start?", ["that"]),
        ("who mediates those?", ["those"]),
        ("can you expand on that?", []),
        ("where does it say that?", ["it"]),
        ("is that true?", []),
        ("when do those talks start?", []),
        ("which of the two backs the rebels?", ["the two"]),
        ("which of the two sides does Turkey back?", []),
    ],
)
def test_a_demonstrative_points_back_only_when_it_stands_alone(clause, pointing):
    assert [r.text for r in references(clause)] == pointing


@pytest.mark.parametrize(
    "clause, beyond",
    [
        ("when did that start?", True),
        ("how many died then?", True),
        ("where did you get that from?", False),
        ("which sentences is that from?", False),
        ("go on", False),
    ],
)
def test_a_follow_up_that_asks_a_fact_of_its_own(clause, beyond):
    assert asks_beyond(clause) is beyond


@pytest.mark.parametrize(
    "clause, about",
    [
        ("what is the headline?", True),
        ("who wrote it?", True),
        ("who authored the TRT World article?", True),
        ("what is the article's title?", True),
        ("what is his title?", False),
        ("what's de Mistura's title?", False),
    ],
)
def test_a_question_about_the_article_itself(clause, about):
    assert is_about_article(clause) is about


@pytest.mark.parametrize(
    "clause, acts",
    [
        ("who backs the regime?", True),
        ("who is backing the regime?", True),
        ("who's supporting the rebels?", True),
        ("who is the regime's closest ally?", True),
        ("which country supports the regime?", True),
        ("which of them is the rebels' patron?", True),
        ("which nation is it the capital of?", False),
        ("which side is he on?", False),
        ("who is Assad?", False),
        ("who's Krol?", False),
        ("who are the sponsors?", False),
    ],
)
def test_a_question_for_who_does_something(clause, acts):
    assert asks_who_acts(clause) is acts


@pytest.mark.parametrize(
    "clause, before",
    [
        ("who used to represent the opposition?", True),
        ("who led before?", True),
        ("who has traditionally led the talks?", True),
        ("who spoke for the rebels until this meeting?", True),
        ("was it up until the truce?", True),
        ("how about Damascus then?", False),
        ("who held eastern Aleppo before the regime?", False),
    ],
)
def test_a_question_about_how_things_were(clause, before):
    assert asks_about_before(clause) is before


@pytest.mark.parametrize(
    "clause, noun, indirect",
    [
        ("which towns are besieged?", "towns", "which towns are besieged"),
        ("which besieged towns do the rebels hold?", "towns", "which besieged towns they are"),
        ("what are the names of the besieged towns?", "towns", None),
        ("what are the besieged towns called?", "towns", None),
        ("which countries sponsor the talks?", "countries", "which countries sponsor the talks"),
        ("which group does Alloush lead?", "group", "which group they are"),
        ("which side does Iran back?", "side", "which side they are"),
        ("which sides are talking in Astana?", "sides", "which sides are talking in Astana"),
    ],
)
def test_a_question_asking_things_by_name(clause, noun, indirect):
    assert identity_asked(clause)[0] == noun
    assert indirect_identity_question(clause) == indirect


@pytest.mark.parametrize("clause", ["which way does Iran lean?", "what role does Iran play?"])
def test_a_question_asking_no_place_group_or_country_by_name(clause):
    assert identity_asked(clause) is None


@pytest.mark.parametrize(
    "clause, within",
    [
        ("how many people died in the skirmishes?", "skirmishes"),
        ("how many people have died since the truce?", "truce"),
        ("how many prisoners do the rebels want released?", None),
        ("who was in Astana?", None),
    ],
)
def test_what_a_count_is_limited_to(clause, within):
    assert counted_within(clause) == within


@pytest.mark.parametrize(
    "text, clauses",
    [
        ("ok. is the US there?", ["is the US there"]),
        ("thanks! and who sponsors the talks?", ["and who sponsors the talks"]),
        ("ok", ["ok"]),
    ],
)
def test_an_acknowledgement_before_a_question_asks_nothing(text, clauses):
    assert split_clauses(text) == clauses


@pytest.mark.parametrize(
    "clause, description",
    [
        ("who is the Syrian ambassador to the UN?", "Syrian ambassador to the UN"),
        ("what's the name of the rebels' leader?", "rebels' leader"),
        ("and who is the UN sending?", None),
        ("who is Alloush?", None),
    ],
)
def test_a_person_asked_for_by_description_keeps_the_description(clause, description):
    assert described_person(clause) == description


@pytest.mark.parametrize(
    "word, near",
    [("died", True), ("killed", True), ("fled", False)],
)
def test_a_figure_is_for_what_is_said_next_to_it(word, near):
    toll = "The war has killed more than 400,000 people and forced many more to flee the country."
    assert figure_near(toll, word) is near


@pytest.mark.parametrize(
    "text, clauses",
    [
        ("switching topic, who is Turkey backing?", ["who is Turkey backing"]),
        ("ok, different question: how many died?", ["how many died"]),
        ("new question. when did the war begin?", ["when did the war begin"]),
        ("the ceasefire, when did it begin?", ["the ceasefire, when did it begin"]),
    ],
)
def test_words_announcing_a_question_are_no_part_of_it(text, clauses):
    assert split_clauses(text) == clauses


@pytest.mark.parametrize(
    "text, clauses",
    [
        # "do that" is the verb's object, not a second question.
        ("why did they go and do that?", ["why did they go and do that"]),
        (
            "what do the rebels want and do they get it?",
            ["what do the rebels want", "do they get it"],
        ),
    ],
)
def test_and_do_that_is_no_question_of_its_own(text, clauses):
    assert split_clauses(text) == clauses


@pytest.mark.parametrize(
    "text, clauses",
    [
        ("who brokered the talks and in which city?", ["who brokered the talks", "in which city"]),
        ("who sponsors them and to whom?", ["who sponsors them", "to whom"]),
        ("and for the rebels?", ["and for the rebels"]),
    ],
)
def test_a_question_word_after_a_preposition_starts_a_part(text, clauses):
    assert split_clauses(text) == clauses


def test_a_greeting_before_a_question_is_no_part_of_it():
    assert split_clauses("hello, who represents the rebels?") == ["who represents the rebels"]


@pytest.mark.parametrize(
    "clause, kind, asked",
    [
        ("how much will Trump's team do about Syria?", "count", False),
        ("how much aid did the rebels get?", "count", True),
        ("did the two delegations sit in the same room?", "outcome", True),
    ],
)
def test_how_much_will_x_do_is_no_count_and_sitting_together_is_an_outcome(clause, kind, asked):
    assert (kind in kinds_asked(clause)) is asked


@pytest.mark.parametrize(
    "clause, about_article",
    [
        ("what's his official title?", False),
        ("what's Jaafri's title?", False),
        ("what's the headline?", True),
        ("what's the article's title?", True),
    ],
)
def test_someone_s_title_even_with_a_word_between_is_not_the_article_s(clause, about_article):
    assert is_about_article(clause) is about_article


@pytest.mark.parametrize(
    "clause, kind",
    [("what is Jaafri's age?", "count"), ("were any prisoners let out?", "outcome")],
)
def test_an_age_is_a_figure_and_letting_out_is_an_outcome(clause, kind):
    assert kind in kinds_asked(clause)
