"""Scoring extracted ads against synthetic truth."""

import pytest

from extract.evaluate import evaluate
from htleads.errors import InputError

TRUTH = {
    "ad_id": "1",
    "crawlable": True,
    "phones": [
        {"number": "+60123456789", "where": "body"},
        {"number": "+60123456789", "where": "image"},
        {"number": "+60199998888", "where": "image"},
    ],
    "price_per_hour": 300.0,
    "city": {"name": "Kuala Lumpur", "country": "MY"},
    "age": 23,
    "terms": [{"term": "fresh", "category": "newness"}],
}


def _extracted(**changes):
    ad = {
        "ad_id": "1",
        "phones": [
            {"number": "+60123456789", "source": "body"},
            {"number": "+60123456789", "source": "image"},
            {"number": "+60199998888", "source": "image"},
        ],
        "price_per_hour": 300,
        "city": {"name": "Kuala Lumpur", "country": "MY", "lat": 3.1, "lon": 101.7},
        "age": 23,
        "terms": [{"term": "fresh", "category": "newness", "span": [0, 5]}],
    }
    ad.update(changes)
    return ad


def test_a_perfect_extraction_scores_one_everywhere():
    scores = evaluate([_extracted()], [TRUTH])
    for name, score in scores.items():
        assert (score.precision, score.recall) == (1.0, 1.0), name


def test_image_only_numbers_are_scored_apart_from_numbers_also_in_text():
    missed_image = _extracted(phones=[{"number": "+60123456789", "source": "body"}])
    scores = evaluate([missed_image], [TRUTH])
    assert scores["phones_image"].recall == 0.0
    assert scores["phones_image_only"].expected == 1
    assert scores["phones_image_only"].recall == 0.0
    assert scores["phones_text"].recall == 1.0


def test_a_wrong_number_lowers_precision_and_is_shown():
    wrong = _extracted(
        phones=[
            {"number": "+60123456789", "source": "body"},
            {"number": "+60111111111", "source": "body"},
        ]
    )
    score = evaluate([wrong], [TRUTH])["phones_text"]
    assert score.precision == 0.5
    assert score.misses == [{"ad_id": "1", "missed": [], "spurious": ["+60111111111"]}]


def test_uncrawlable_truth_ads_are_left_out():
    hidden = {**TRUTH, "ad_id": "2", "crawlable": False}
    scores = evaluate([_extracted()], [TRUTH, hidden])
    assert scores["city"].expected == 1


def test_no_shared_ad_is_an_input_error():
    with pytest.raises(InputError, match="same ad ids"):
        evaluate([_extracted(ad_id="other")], [TRUTH])
