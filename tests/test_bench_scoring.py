"""The held-out bench's scoring: a fact counts only where a reader would see it."""

import pytest

from bench.understanding import has_facts


@pytest.mark.parametrize(
    "text, facts, found",
    [
        ("Their future remains uncertain.", ["UN"], False),
        ("UN-mediated talks in Geneva start on February 8.", ["UN"], True),
        ("the United Nations' special envoy on Syria", ["UN"], True),
        ("the UN's special envoy", ["UN"], True),
        ("Tell us more about the talks.", ["US"], False),
        ("The US did not send a delegation.", ["US"], True),
        ("the United States was invited by Russia", ["US"], True),
        ("Alloush represents the rebels.", ["rebel"], True),
        ("a TWO-DAY meeting", ["two-day"], True),
        ("Russia alone sponsors it", ["Russia", "Turkey"], False),
    ],
)
def test_a_fact_counts_only_where_it_is_written(text, facts, found):
    assert has_facts(text, facts) is found
