"""Whole-ad extraction: every field of the extracted-ad record, and its accuracy."""

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from extract.pipeline import extract_ad

FIELDS = {
    "phones", "prices", "price_per_hour", "city", "age", "terms", "emails",
    "handles", "websites", "image_hashes",
}  # fmt: skip


def raw_ad(**fields) -> dict:
    ad = {
        "ad_id": "1",
        "site": "test",
        "url": "/ad/1.html",
        "title": "Fresh girl in KL call 012-345 6789",
        "body": "Age 23. RM300/hr, 2 hours RM550.\nWeChat: amy88, amy at mail dot com",
        "posted_at": "2015-05-02T21:13:00+08:00",
        "location": "Bukit Bintang, KL",
        "age": None,
        "images": [],
        "crawled_at": "2015-06-01T00:00:00+00:00",
    }
    return {**ad, **fields}


def test_record_is_the_raw_ad_plus_every_extracted_field_with_the_age_resolved():
    raw = raw_ad()
    ad = extract_ad(raw, region="MY")
    assert {key: ad[key] for key in raw if key != "age"} == {
        key: value for key, value in raw.items() if key != "age"
    }
    assert ad.keys() >= FIELDS
    assert ad["phones"] == [
        {"number": "+60123456789", "source": "title", "obfuscated": False}
    ]
    assert [p["amount"] for p in ad["prices"]] == [300, 550]
    assert ad["price_per_hour"] == 300.0
    assert ad["city"]["name"] == "Kuala Lumpur"
    assert ad["age"] == 23
    assert ad["emails"] == ["amy@mail.com"]
    assert ad["handles"] == [{"platform": "wechat", "handle": "amy88"}]


def test_raw_ad_is_not_changed():
    raw = raw_ad()
    before = json.dumps(raw, sort_keys=True)
    extract_ad(raw)
    assert json.dumps(raw, sort_keys=True) == before


def test_terms_carry_their_field_and_a_span_within_it():
    ad = extract_ad(raw_ad(body="Just landed, very young"))
    found = [(t["term"], t["source"], t["span"]) for t in ad["terms"]]
    assert found == [
        ("fresh", "title", [0, 5]),
        ("just landed", "body", [0, 11]),
        ("young", "body", [18, 23]),
    ]


def test_the_city_s_country_sets_currency_and_phone_region():
    ad = extract_ad(
        raw_ad(location="Singapore", title="Call 9123 4567", body="1hr 300"),
        region="MY",
    )
    assert ad["city"]["country"] == "SG"
    assert ad["prices"] == [{"amount": 300, "currency": "SGD", "minutes": 60}]
    assert ad["phones"][0]["number"] == "+6591234567"


def test_region_hint_stands_in_for_an_unknown_location():
    ad = extract_ad(raw_ad(location="", body="1hr 300"), region="th")
    assert ad["city"] is None
    assert ad["prices"][0]["currency"] == "THB"


@pytest.mark.parametrize("missing", ["title", "body", "location", "age", "images"])
def test_missing_or_null_fields_are_tolerated(missing):
    raw = raw_ad()
    del raw[missing]
    assert extract_ad(raw).keys() >= FIELDS
    assert extract_ad({**raw_ad(), missing: None}).keys() >= FIELDS


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 30, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_images_are_hashed_relative_to_the_root_when_no_facts_are_given(
    tmp_path: Path,
):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.jpg").write_bytes(jpeg())
    raw = raw_ad(images=["img/a.jpg", "img/missing.jpg"])
    hashes = extract_ad(raw, image_root=tmp_path)["image_hashes"]
    assert [h["path"] for h in hashes] == ["img/a.jpg", "img/missing.jpg"]
    assert hashes[0]["sha256"] and hashes[0]["phash"]
    assert hashes[1] == {"path": "img/missing.jpg", "sha256": None, "phash": None}


def test_image_facts_give_hashes_and_phones_read_from_images():
    facts = [
        {"path": "a.jpg", "sha256": "ab" * 32, "phash": "0f" * 8,
         "phones": [{"number": "+60199998888", "obfuscated": False}]},
        {"path": "b.jpg", "sha256": "cd" * 32, "phash": None,
         "text": "WhatsApp 013-222 3333"},
        {"path": "c.jpg", "phones": ["+60123456789"]},
    ]  # fmt: skip
    ad = extract_ad(raw_ad(), images=facts, region="MY")
    assert ad["image_hashes"][0] == {"path": "a.jpg", "sha256": "ab" * 32,
                                     "phash": "0f" * 8}  # fmt: skip
    image_phones = [p["number"] for p in ad["phones"] if p["source"] == "image"]
    assert image_phones == ["+60199998888", "+60132223333", "+60123456789"]


def test_a_number_on_an_image_and_in_the_text_is_listed_with_both_sources():
    facts = [{"path": "c.jpg", "phones": ["+60123456789"]}]
    ad = extract_ad(raw_ad(), images=facts, region="MY")
    sources = {p["source"] for p in ad["phones"] if p["number"] == "+60123456789"}
    assert sources == {"title", "image"}


def test_extraction_matches_a_synthetic_corpus_s_truth(tmp_path: Path):
    from synth.corpus import generate

    generate(300, 5, tmp_path / "corpus", images=False)
    lines = (tmp_path / "corpus" / "truth" / "ads.jsonl").read_text(encoding="utf-8")
    truths = [json.loads(line) for line in lines.splitlines()]
    exact = {"prices": 0, "price_per_hour": 0, "city": 0, "terms": 0, "contacts": 0}
    for truth in truths:
        ad = extract_ad({**truth, "images": []}, images=[], region="MY")
        exact["prices"] += _prices(ad) == _prices(truth)
        exact["price_per_hour"] += ad["price_per_hour"] == truth["price_per_hour"]
        exact["city"] += ad["city"]["name"] == truth["city"]["name"]
        exact["terms"] += {t["term"] for t in ad["terms"]} == {
            t["term"] for t in truth["terms"]
        }
        exact["contacts"] += (
            ad["emails"] == truth["emails"]
            and [h["handle"] for h in ad["handles"]] == truth["handles"]
        )
    shares = {name: count / len(truths) for name, count in exact.items()}
    assert all(share >= 0.97 for share in shares.values()), shares


def _prices(ad: dict) -> list[tuple]:
    return sorted((p["amount"], p["currency"], p["minutes"]) for p in ad["prices"])


@settings(max_examples=100, deadline=None)
@given(
    st.fixed_dictionaries(
        {"ad_id": st.text(max_size=5)},
        optional={
            "title": st.one_of(st.none(), st.text(max_size=200), st.integers()),
            "body": st.one_of(st.none(), st.text(max_size=2000)),
            "location": st.one_of(st.none(), st.text(max_size=50)),
            "age": st.one_of(st.none(), st.integers(), st.text(max_size=5)),
        },
    )
)
def test_any_raw_ad_is_extracted_without_error(raw):
    assert extract_ad({**raw, "images": []}, region="MY").keys() >= FIELDS
