"""Ages: the site's field first, else an age word beside a number in the text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.ages import MAX_AGE, MIN_AGE, find_age, resolve_age, stated_age


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Sweet girl, 23yo", 23),
        ("23 yo", 23),
        ("23 y/o", 23),
        ("age 21", 21),
        ("Age: 21, height 160cm", 21),
        ("aged 33.", 33),
        ("21 years old", 21),
        ("25 yrs", 25),
        ("umur 22", 22),
        ("Umur 22 tahun, tinggi 152cm", 22),
        ("22岁, 身高160cm", 22),
        ("年龄 22", 22),
        ("２２岁", 22),
        ("young 19", 19),
        ("just turned 18", 18),
        ("I am 20 and friendly", 20),
        ("1hr 300, age 24", 24),
    ],
)
def test_written_age_is_found(text, age):
    assert find_age(text) == age


@pytest.mark.parametrize(
    "text",
    [
        "Height 160cm, 45kg",
        "RM300/hr, 2 hours 550",
        "Call 012-345 6789",
        "Available 10am to 11pm",
        "Available from 12/06/2015",
        "Size 34B-24-35",
        "only 30 mins",
        "stage 21",
        "age 5",
        "99 years old",
        "",
    ],
)
def test_numbers_that_are_not_ages_are_ignored(text):
    assert find_age(text) is None


@pytest.mark.parametrize(
    ("value", "age"),
    [(23, 23), ("23", 23), (" 19 ", 19), ("23 tahun", 23), (None, None), ("", None),
     (True, None), (5, None), (99, None), ("n/a", None), (16, 16)],
)  # fmt: skip
def test_age_field_is_read_within_bounds(value, age):
    assert stated_age(value) == age


def test_minor_age_is_reported_not_filtered():
    assert MIN_AGE < 18
    assert find_age("very young, 16yo") == 16


def test_field_wins_over_text_and_text_fills_a_missing_field():
    assert resolve_age(25, "age 21") == 25
    assert resolve_age(None, "no age here", "umur 22") == 22
    assert resolve_age(120, "age 21") == 21


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_text_gives_an_age_within_bounds_or_none(text):
    age = find_age(text)
    assert age is None or MIN_AGE <= age <= MAX_AGE


def test_giant_text_is_read_without_error():
    assert find_age("age " * 100_000 + "23yo") == 23
