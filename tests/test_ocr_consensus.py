"""Votes between OCR readings of a line: digit-by-digit agreement, contradiction."""

import pytest

from extract.ocr import phones_of
from extract.ocr_consensus import agree, digit_string
from extract.ocr_votes import accepted, votes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@12 914 4408", "0129144408"),
        ("(O13 176-3906,", "0131763906"),
        ("012'914: 4408.", "0129144408"),
        ("012 349 $095", "012349?095"),
        ("014-631/3055)", "014631?3055"),
        ("WhatsApp 012 345", "012345"),
        ("WhatsApp", ""),
        ("", ""),
    ],
    ids=["at-sign-for-zero", "letter-o-and-brackets", "apostrophe-gap",
         "dollar-unknown", "slash-unknown", "label-before", "label-only", "empty"],
)  # fmt: skip
def test_digit_string_maps_lookalikes_among_digits_only(text, expected):
    assert digit_string(text)[0] == expected


def test_digit_string_notes_a_plus_before_the_number():
    assert digit_string("+60 12 345 6789") == ("60123456789", True)


def test_readings_wrong_in_different_places_agree_on_the_number():
    texts = [
        "@12 914 4408",
        "@12 914 4498",
        "(@12 914 4498",
        "912° 914 4408.",
        "‘012'914: 4408,",
    ]
    agreement = agree(texts)
    assert agreement is not None
    assert agreement.candidates == ("0129144408",)
    assert agreement.voters == (0, 1, 2, 3, 4)


def test_two_readings_agree_only_when_alike_in_every_digit():
    assert agree(["@12 406 5360", "_ 012 4065360"]).candidates == ("0124065360",)
    assert agree(["@12 406 5360", "012 406 5380"]) is None
    assert agree(["012 406 $360", "012 406 $360"]) is None


def test_digit_misread_alike_by_most_readings_falls_back_to_the_minority():
    texts = ["612 463 8535", "612 463 8535", "612 463 8535", "(012 463 8535",
             "'@12: 463.8535"]  # fmt: skip
    agreement = agree(texts)
    assert agreement.candidates == ("6124638535",)
    assert agreement.fallbacks == ("0124638535",)


def test_a_position_without_a_clear_majority_offers_every_digit_seen_there():
    texts = ["023 176 3906", "013 476 3908", "013 476 3906", "013 176 3906",
             "013 276 3906"]  # fmt: skip
    assert set(agree(texts).candidates) == {"0131763906", "0134763906", "0132763906"}


def test_two_positions_without_a_clear_majority_settle_nothing():
    texts = ["023 176 3906", "013 476 3908", "023 476 3906", "013 176 3906",
             "033 276 3906"]  # fmt: skip
    assert agree(texts) is None


def test_a_position_where_no_digit_is_read_twice_settles_nothing():
    texts = ["812 996 1576", "012 996 1576", "612 996 1576"]
    assert agree(texts) is None


def test_a_tie_between_two_digits_gives_both_candidates():
    texts = ["812 996 1576", "012 996 1576", "812 996 1576", "012 996 1576"]
    assert set(agree(texts).candidates) == {"8129961576", "0129961576"}


def test_fallbacks_take_a_digit_that_one_reading_alone_shows():
    texts = ["818 6166712", "| 818-6166712°", "| @18-6166712", "| 818-6166712°"]
    assert agree(texts).fallbacks == ("0186166712",)


def test_readings_of_another_length_settle_a_doubtful_position_where_they_line_up():
    # Three readings split on the last digit; two more, one with groups run
    # together and one that lost digits, read it where their ends line up.
    texts = ["010-925-3726", "010-925-3726", "010-925-3728", "010-92593726",
             "010- 5-3726"]  # fmt: skip
    assert agree(texts).candidates == ("0109253726",)


def test_reading_of_another_length_with_a_different_neighbour_does_not_vote():
    texts = ["010-925-3726", "010-925-3726", "010-925-3728", "010-92591728",
             "010- 5-1728"]  # fmt: skip
    assert set(agree(texts).candidates) == {"0109253726", "0109253728"}


def test_digit_only_one_reading_shows_among_unknown_marks_stays_in_doubt():
    texts = ["013 777 5422", "013 7/7 5422", "013 7/7 5422", "013 7/7 5422"]
    agreement = agree(texts)
    assert agreement.candidates == ("0137775422",)
    other_doubt = ["013 777 5422", "013 7/7 5422", "013 7/7 5428", "013 7/7 5428"]
    assert agree(other_doubt) is None


def reading(text: str, line: int, preparation: str, confidence: float) -> dict:
    words = []
    start = 0
    for word in text.split(" "):
        words.append([start, start + len(word), confidence])
        start += len(word) + 1
    return {"pass": preparation, "preparation": preparation, "line": line,
            "text": text, "words": words}  # fmt: skip


def accepted_numbers(readings: list[dict], region: str = "MY") -> set[str]:
    return {vote.number for vote in accepted(votes(readings, region))}


def shown_in_malaysia(readings: list[dict]) -> list[str]:
    """The numbers an ad in Malaysia shows for an image read as ``readings``."""
    return [phone["number"] for phone in phones_of({"readings": readings}, "MY")]


def test_tie_is_settled_by_the_only_valid_candidate():
    readings = [
        reading("812 996 1576", 0, "ink", 60),
        reading("012 996 1576", 0, "colour", 60),
        reading("812 996 1576", 0, "otsu", 60),
        reading("012 996 1576", 0, "grey", 60),
    ]
    assert accepted_numbers(readings) == {"+60129961576"}


def test_first_digit_in_doubt_is_settled_by_the_dialling_plan():
    readings = [
        reading("619 S28 5528", 0, "ink", 82),
        reading("e19 528 5528 /", 0, "colour", 38),
        reading("-@19 528 5528", 0, "otsu", 96),
        reading("619 528 5528", 0, "denoised", 96),
    ]
    assert accepted_numbers(readings) == {"+60195285528"}


def test_agreed_number_is_accepted_though_no_two_readings_are_alike():
    readings = [
        reading("@12 914 4408", 1, "ink", 60),
        reading("@12 914 4498", 1, "colour", 60),
        reading("@12 914 4488", 1, "otsu", 60),
        reading("912 914 4408.", 1, "grey", 60),
        reading("012 914 4408", 1, "adaptive", 30),
    ]
    found = votes(readings, "MY")
    assert "consensus" in found["+60129144408"].passes
    assert accepted_numbers(readings) == {"+60129144408"}


def test_confident_reading_contradicted_by_another_confident_one_is_not_accepted():
    readings = [
        reading("61 2-564-3727", 0, "ink", 92),
        reading("012-563-3727", 0, "otsu", 96),
    ]
    assert accepted_numbers(readings) == set()


def test_doubtful_garbage_does_not_contradict_a_confident_reading():
    readings = [
        reading("016 452-8885", 0, "ink", 96),
        reading("156,452-5864", 0, "colour", 0),
    ]
    assert accepted_numbers(readings) == {"+60164528885"}


def test_otsu_and_denoised_readings_alike_count_as_one_preparation():
    readings = [
        reading("014-631-3055", 0, "otsu", 70),
        reading("014-631-3055", 0, "denoised", 70),
    ]
    assert accepted_numbers(readings) == set()


def test_rival_with_marks_read_as_digits_still_contradicts():
    readings = [
        reading("016 718 64/697", 0, "ink", 95),
        reading("016 728 6467", 0, "denoised", 84),
    ]
    assert accepted_numbers(readings) == set()


def test_invalid_majority_gives_way_to_the_only_valid_fallback():
    readings = [
        reading("612 463 8535", 0, "ink", 70),
        reading("612 463 8535", 0, "colour", 42),
        reading("612 463 8535", 0, "otsu", 70),
        reading("(012 463 8535", 0, "grey", 19),
        reading("'@12: 463.8535", 0, "adaptive", 15),
    ]
    assert accepted_numbers(readings) == {"+60124638535"}


def test_two_preparations_alike_once_lookalikes_are_mapped_are_believed():
    readings = [
        reading("@12 4065360", 0, "denoised", 91),
        reading("_ 012 4065360", 0, "adaptive", 55),
    ]
    assert accepted_numbers(readings) == {"+60124065360"}


def test_confident_single_reading_does_not_outvote_two_preparations():
    readings = [
        reading("019 -6453662", 0, "ink", 83),
        reading("019 -6453602", 0, "colour", 66),
        reading("019 -6453602", 0, "otsu", 21),
    ]
    assert accepted_numbers(readings) == {"+60196453602"}


def test_short_foreign_number_inside_a_longer_line_is_not_shown():
    readings = [
        reading("016 291 7139", 0, "ink", 40),
        reading("| e1@ 291 7139", 0, "otsu", 60),
        reading("| e190 291 7139", 0, "grey", 60),
        reading("| 810 291 7139", 0, "adaptive", 60),
    ]
    assert shown_in_malaysia(readings) == []


def test_digit_read_by_a_minority_never_makes_a_number_next_door():
    # The majority's 020 972 2884 is no number; the one reading of 040 972 2884
    # is valid only in Indonesia, and the truth is 010 972 2884.
    readings = [
        reading("030-972-2884", 0, "ink", 78),
        reading("920-972-2884", 0, "colour", 44),
        reading("(020-972-2884", 0, "otsu", 49),
        reading("(020-972-2884", 0, "denoised", 52),
        reading("(040-972-2884)", 0, "adaptive", 28),
    ]
    assert shown_in_malaysia(readings) == []


def test_number_placed_beyond_a_neighbour_is_not_shown():
    # Read without its slashed 7, 013 775422 is no Malaysian number; voting
    # in Thailand, next door, the phone finder places it in Cambodia. Only
    # the number the readings agree on, with ink's 7 for the slash, is shown.
    readings = [reading("013 777 5422", 0, "ink", 73)] + [
        reading("013 7/7 5422", 0, preparation, 90)
        for preparation in ("colour", "otsu", "grey", "adaptive")
    ]
    assert shown_in_malaysia(readings) == ["+60137775422"]


def test_rival_much_less_sure_does_not_contradict_a_confident_reading():
    readings = [
        reading("016-246-7624", 0, "ink", 61),
        reading("010-246-7624", 0, "colour", 95),
    ]
    assert accepted_numbers(readings) == {"+60102467624"}


def test_two_doubtful_readings_alike_after_mapping_lookalikes_do_not_agree():
    readings = [
        reading("@12 4065360", 0, "denoised", 37),
        reading("_ 012 4065360", 0, "adaptive", 31),
    ]
    assert accepted_numbers(readings) == set()


def test_confident_ink_reading_is_contradicted_by_a_less_sure_rival():
    readings = [
        reading("010 291 7189", 0, "ink", 96),
        reading("010 292 7139]", 0, "otsu", 68),
    ]
    assert accepted_numbers(readings) == set()
