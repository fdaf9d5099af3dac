"""Red-flag terms: lexicon matching on folded text, with spans in the original."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalise import fold
from extract.terms import find_terms, load_lexicon
from htleads.errors import ConfigError


def terms_of(text: str) -> list[tuple[str, str]]:
    return [(found["term"], found["category"]) for found in find_terms(text)]


def written(text: str) -> list[str]:
    return [text[slice(*found["span"])] for found in find_terms(text)]


@pytest.mark.parametrize(
    ("text", "term", "category"),
    [
        ("Fresh in Kuala Lumpur", "fresh", "newness"),
        ("FRESH girl", "fresh", "newness"),
        ("Just landed in Ipoh", "just landed", "newness"),
        ("just arrived yesterday", "just arrived", "newness"),
        ("New in town", "new in town", "newness"),
        ("New girl this month", "new girl", "newness"),
        ("new girls every week", "new girl", "newness"),
        ("Very young", "young", "youth"),
        ("College student", "student", "youth"),
        ("petite and shy", "petite", "youth"),
        ("Exotic beauty", "exotic", "foreignness"),
        ("Pretty Vietnamese lady", "vietnam", "foreignness"),
        ("China doll", "china", "foreignness"),
        ("Booking through agency only", "agency", "third_party"),
        ("Call my manager to book", "my manager", "third_party"),
        ("Ask the boss for rates", "boss", "third_party"),
        ("Our agent will meet you", "agent", "third_party"),
        ("On tour in Penang", "on tour", "movement"),
        ("Only few days", "only few days", "movement"),
        ("Leaving soon", "leaving soon", "movement"),
        ("Baru sampai KL", "baru sampai", "newness"),
        ("budak baru", "budak baru", "newness"),
        ("Masih muda", "muda", "youth"),
        ("Pelajar kolej", "pelajar", "youth"),
        ("Gadis luar negara", "luar negara", "foreignness"),
        ("amoi cantik", "amoi", "foreignness"),
        ("Tempahan melalui ejen", "ejen", "third_party"),
        ("Tanya bos untuk harga", "bos", "third_party"),
        ("Sekejap sahaja di Klang", "sekejap sahaja", "movement"),
        ("新到吉隆坡", "新到", "newness"),
        ("学生妹", "学生", "youth"),
        ("越南美女", "越南", "foreignness"),
        ("經紀安排", "经纪", "third_party"),
        ("只待几天", "只待几天", "movement"),
    ],
)
def test_lexicon_term_is_found_with_its_category(text, term, category):
    assert (term, category) in terms_of(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("So freeesh!", "freeesh"),
        ("fr3sh and y0ung", "fr3sh"),
        ("f.r.e.s.h girl", "f.r.e.s.h"),
        ("f r e s h girl", "f r e s h"),
        ("FrÉsh girl", "FrÉsh"),
        ("ｆｒｅｓｈ", "ｆｒｅｓｈ"),
        ("a fresh-faced girl, just-landed", "just-landed"),
    ],
)
def test_disguised_word_is_found_and_its_span_covers_what_was_written(text, shown):
    assert shown in written(text)


@pytest.mark.parametrize(
    "text",
    [
        "A refreshing massage",
        "Freshly baked",
        "New room, new towels",
        "Thai massage by Mei",
        "Classy, sweet and cute",
        "Hello, my name is Dara",
        "Awek cantik di Klang",
        "Young at heart",
        "Ten minutes from the station",
    ],
)
def test_ordinary_wording_flags_nothing(text):
    assert find_terms(text) == []


def test_longest_phrase_wins_over_its_first_word():
    assert terms_of("budak baru") == [("budak baru", "newness")]


def test_emphasis_picks_the_form_the_letters_can_carry():
    assert [t for t, _ in terms_of("bos boss bosss")] == ["bos", "boss", "boss"]


def test_every_occurrence_is_reported_in_order():
    text = "fresh girl, FRESH again; 越南 and Vietnam"
    assert terms_of(text) == [
        ("fresh", "newness"),
        ("fresh", "newness"),
        ("越南", "foreignness"),
        ("vietnam", "foreignness"),
    ]


def test_spans_point_into_text_with_characters_that_fold_to_several():
    text = "ﬁne ﬁne Fresh"
    assert written(text) == ["Fresh"]


def test_folding_keeps_the_way_back_to_the_original():
    folded = fold("Ｆ.R.3.S.H")
    assert folded.text == "fresh"
    assert folded.span(0, 5) == (0, 9)


def test_lexicon_has_a_version_and_every_category():
    lexicon = load_lexicon()
    assert lexicon.version
    categories = {v.category for group in lexicon.by_key.values() for v in group}
    assert categories == {"newness", "youth", "foreignness", "third_party", "movement"}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[newness]\nen = ['fresh']\n", "no version"),
        ("version = '1'\n", "no terms"),
        ("version = \n", "cannot be read"),
    ],
)
def test_malformed_lexicon_is_refused_with_advice(tmp_path: Path, content, fragment):
    path = tmp_path / "lexicon.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment):
        load_lexicon(path)


def test_custom_lexicon_replaces_the_shipped_one(tmp_path: Path):
    path = tmp_path / "lexicon.toml"
    path.write_text("version = '9'\n[movement]\nen = ['roaming']\n", encoding="utf-8")
    assert find_terms("fresh, roaming", load_lexicon(path)) == [
        {"term": "roaming", "category": "movement", "span": [7, 14]}
    ]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_text_is_read_without_error(text):
    for found in find_terms(text):
        start, end = found["span"]
        assert 0 <= start < end <= len(text)


@settings(max_examples=5, deadline=None)
@given(st.text(alphabet="fresh 3.新到-", min_size=1, max_size=40))
def test_giant_text_is_read_without_error(chunk):
    assert isinstance(find_terms(chunk * 5000), list)
