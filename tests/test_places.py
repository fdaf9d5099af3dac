"""Places: written locations resolved offline to a city, its country and coordinates."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.places import load_gazetteer, resolve_place
from htleads.errors import ConfigError


def city(location: str, country: str | None = None) -> tuple[str, str] | None:
    place = resolve_place(location, country)
    return None if place is None else (place["name"], place["country"])


@pytest.mark.parametrize(
    ("location", "name", "country"),
    [
        ("Kuala Lumpur", "Kuala Lumpur", "MY"),
        ("Kuala Lumpur, Other", "Kuala Lumpur", "MY"),
        ("KL", "Kuala Lumpur", "MY"),
        ("K.L.", "Kuala Lumpur", "MY"),
        ("Bukit Bintang, KL", "Kuala Lumpur", "MY"),
        ("Bkt Bintang", "Kuala Lumpur", "MY"),
        ("Chow Kit, KL", "Kuala Lumpur", "MY"),
        ("Cheras", "Kuala Lumpur", "MY"),
        ("Kepong, KL", "Kuala Lumpur", "MY"),
        ("Bangsar", "Kuala Lumpur", "MY"),
        ("Sentul", "Kuala Lumpur", "MY"),
        ("Setapak, KL", "Kuala Lumpur", "MY"),
        ("Ampang", "Kuala Lumpur", "MY"),
        ("Sg Besi", "Kuala Lumpur", "MY"),
        ("Jalan Ipoh, Kuala Lumpur", "Kuala Lumpur", "MY"),
        ("吉隆坡", "Kuala Lumpur", "MY"),
        ("PJ", "Petaling Jaya", "MY"),
        ("P.Jaya", "Petaling Jaya", "MY"),
        ("Petaling Jaya, Selangor", "Petaling Jaya", "MY"),
        ("Klang, Selangor", "Klang", "MY"),
        ("Shah Alam", "Shah Alam", "MY"),
        ("Subang", "Subang Jaya", "MY"),
        ("Puchong", "Puchong", "MY"),
        ("Seremban", "Seremban", "MY"),
        ("Ipoh, Perak", "Ipoh", "MY"),
        ("Penang", "George Town", "MY"),
        ("Georgetown, Penang", "George Town", "MY"),
        ("Pulau Pinang", "George Town", "MY"),
        ("JB", "Johor Bahru", "MY"),
        ("Johor Baharu", "Johor Bahru", "MY"),
        ("Johor Bahru, Johor", "Johor Bahru", "MY"),
        ("新山", "Johor Bahru", "MY"),
        ("Melaka", "Malacca", "MY"),
        ("Kuantan", "Kuantan", "MY"),
        ("Kota Bharu", "Kota Bharu", "MY"),
        ("Kuala Terengganu", "Kuala Terengganu", "MY"),
        ("Alor Star", "Alor Setar", "MY"),
        ("KK, Sabah", "Kota Kinabalu", "MY"),
        ("Kota Kinabalu", "Kota Kinabalu", "MY"),
        ("Kuching", "Kuching", "MY"),
        ("Miri", "Miri", "MY"),
        ("Sandakan", "Sandakan", "MY"),
        ("Singapore", "Singapore", "SG"),
        ("Singapura", "Singapore", "SG"),
        ("SG", "Singapore", "SG"),
        ("Geylang, Singapore", "Singapore", "SG"),
        ("Bangkok", "Bangkok", "TH"),
        ("BKK", "Bangkok", "TH"),
        ("กรุงเทพ", "Bangkok", "TH"),
        ("Sukhumvit, Bangkok", "Bangkok", "TH"),
        ("Jakarta", "Jakarta", "ID"),
        ("JKT", "Jakarta", "ID"),
        ("Jakarta Selatan", "Jakarta", "ID"),
    ],
)
def test_curated_name_alias_or_district_resolves_to_its_city(location, name, country):
    assert city(location) == (name, country)


@pytest.mark.parametrize(
    ("location", "name"),
    [
        ("Kuala Lumpor", "Kuala Lumpur"),
        ("Penamg", "George Town"),
        ("Johor Bahur", "Johor Bahru"),
        ("Kota Kinabalo", "Kota Kinabalu"),
    ],
)
def test_misspelt_name_resolves_to_the_closest_curated_city(location, name):
    assert city(location) == (name, "MY")


def test_state_alone_resolves_to_its_main_city_and_a_city_beats_its_state():
    assert city("Selangor") == ("Shah Alam", "MY")
    assert city("Sabah") == ("Kota Kinabalu", "MY")
    assert city("Selangor, Klang") == ("Klang", "MY")


def test_result_carries_coordinates():
    place = resolve_place("Bukit Bintang, KL")
    assert place["name"] == "Kuala Lumpur"
    assert place["lat"] == pytest.approx(3.14, abs=0.05)
    assert place["lon"] == pytest.approx(101.69, abs=0.05)


@pytest.mark.parametrize("location", ["", "   ", None, "Other", "Outcall only", "!!!"])
def test_location_without_a_place_resolves_to_none(location):
    assert resolve_place(location) is None


def test_world_cities_come_from_geonames_and_the_country_hint_settles_ambiguity():
    assert city("Paris") == ("Paris", "FR")
    assert city("München") == ("Munich", "DE")
    assert city("东京") == ("Tokyo", "JP")
    assert city("George Town") == ("George Town", "MY")
    assert city("George Town", "KY") == ("George Town", "KY")
    assert city("London, UK") == ("London", "GB")


def test_geocoder_is_asked_only_for_what_stays_unresolved():
    asked = []

    class Recorder:
        def geocode(self, location, country):
            asked.append((location, country))
            return {"name": "Somewhere", "country": "XX", "lat": 0.0, "lon": 0.0}

    assert resolve_place("KL", "MY", geocoder=Recorder())["name"] == "Kuala Lumpur"
    assert resolve_place("Nowhere-in-particular", "MY", geocoder=Recorder()) == {
        "name": "Somewhere", "country": "XX", "lat": 0.0, "lon": 0.0
    }  # fmt: skip
    assert asked == [("Nowhere-in-particular", "MY")]


def test_gazetteer_is_versioned_and_aliases_are_unique():
    gazetteer = load_gazetteer()
    assert gazetteer.version
    assert all(len(places) == 1 for places in gazetteer.specific.values())


def test_malformed_gazetteer_is_refused_with_advice(tmp_path: Path):
    path = tmp_path / "gazetteer.tsv"
    path.write_text("# version: 1\nname\tcountry\nKL\tMY\tx\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="8 tab-separated fields"):
        load_gazetteer(path)
    path.write_text("name\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="version"):
        load_gazetteer(path)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_location_resolves_or_gives_none(location):
    place = resolve_place(location, "MY")
    assert place is None or {"name", "country", "lat", "lon"} <= place.keys()


def test_giant_location_is_read_without_error():
    assert city("Bukit Bintang, KL " * 100_000) == ("Kuala Lumpur", "MY")
