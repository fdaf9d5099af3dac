"""Prices: every written form read as amount, currency and minutes; the hourly price."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.prices import (
    OVERNIGHT_MINUTES,
    extract_prices,
    find_prices,
    price_per_hour,
)


def stated(text: str, country: str | None = "MY") -> list[tuple]:
    return [
        (p["amount"], p["currency"], p["minutes"]) for p in find_prices(text, country)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RM300", [(300, "MYR", None)]),
        ("300rm", [(300, "MYR", None)]),
        ("RM 300", [(300, "MYR", None)]),
        ("MYR 300", [(300, "MYR", None)]),
        ("300 ringgit", [(300, "MYR", None)]),
        ("300令吉", [(300, "MYR", None)]),
        ("1hr 300", [(300, "MYR", 60)]),
        ("2 hours 550", [(550, "MYR", 120)]),
        ("30 min 180", [(180, "MYR", 30)]),
        ("30m 180", [(180, "MYR", 30)]),
        ("half hour 150", [(150, "MYR", 30)]),
        ("1 hour 30 min RM400", [(400, "MYR", 90)]),
        ("overnight 1500", [(1500, "MYR", OVERNIGHT_MINUTES)]),
        ("Overnight: RM 2,300", [(2300, "MYR", OVERNIGHT_MINUTES)]),
        ("RM300 per hour", [(300, "MYR", 60)]),
        ("RM300/hr", [(300, "MYR", 60)]),
        ("300/h", [(300, "MYR", 60)]),
        ("1h RM300", [(300, "MYR", 60)]),
        ("RM300 an hour", [(300, "MYR", 60)]),
        ("one hour RM300", [(300, "MYR", 60)]),
        ("280rm/hr", [(280, "MYR", 60)]),
        ("RM150 for 30 minutes", [(150, "MYR", 30)]),
        ("30min - RM150", [(150, "MYR", 30)]),
        ("1 hr: MYR460", [(460, "MYR", 60)]),
        ("1hr@RM300", [(300, "MYR", 60)]),
        ("RM300 (1 hour)", [(300, "MYR", 60)]),
    ],
)
def test_english_price_forms_are_read(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RM300 sejam", [(300, "MYR", 60)]),
        ("sejam RM300", [(300, "MYR", 60)]),
        ("1 jam RM250", [(250, "MYR", 60)]),
        ("dua jam RM550", [(550, "MYR", 120)]),
        ("setengah jam RM150", [(150, "MYR", 30)]),
        ("30 minit RM150", [(150, "MYR", 30)]),
        ("Harga 430 ringgit/jam", [(430, "MYR", 60)]),
        ("tidur malam RM1500", [(1500, "MYR", OVERNIGHT_MINUTES)]),
        ("semalaman 1500rm", [(1500, "MYR", OVERNIGHT_MINUTES)]),
        ("一小时300", [(300, "MYR", 60)]),
        ("一小时RM420", [(420, "MYR", 60)]),
        ("两小时RM400", [(400, "MYR", 120)]),
        ("半小时150", [(150, "MYR", 30)]),
        ("30分钟 RM150", [(150, "MYR", 30)]),
        ("每小时300令吉", [(300, "MYR", 60)]),
        ("300马币/小时", [(300, "MYR", 60)]),
        ("包夜 1500", [(1500, "MYR", OVERNIGHT_MINUTES)]),
        ("过夜 1100马币", [(1100, "MYR", OVERNIGHT_MINUTES)]),
    ],
)
def test_malay_and_chinese_price_forms_are_read(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("S$250/hr", "SG", [(250, "SGD", 60)]),
        ("SGD 200 per hour", None, [(200, "SGD", 60)]),
        ("$200/hr", "SG", [(200, "SGD", 60)]),
        ("$200/hr", "MY", [(200, "USD", 60)]),
        ("USD 100 per hour", "MY", [(100, "USD", 60)]),
        ("฿3000 1 hour", "TH", [(3000, "THB", 60)]),
        ("3,000 baht for 1 hour", None, [(3000, "THB", 60)]),
        ("THB 2900-4400/小时", "TH", [(2900, "THB", 60), (4400, "THB", 60)]),
        ("Rp 1.500.000 2 jam", "ID", [(1500000, "IDR", 120)]),
        ("IDR 500.000 per jam", None, [(500000, "IDR", 60)]),
        ("Rp1,5jt sejam", "ID", [(1500000, "IDR", 60)]),
        ("500rb sejam", "ID", [(500000, "IDR", 60)]),
        ("RMB 500 per hour", "CN", [(500, "CNY", 60)]),
        ("HK$800 1 hour", "MY", [(800, "HKD", 60)]),
        ("₱3000 1hr", "PH", [(3000, "PHP", 60)]),
        ("1hr 300", "SG", [(300, "SGD", 60)]),
        ("1hr 300", None, [(300, None, 60)]),
    ],
)
def test_currencies_follow_the_symbol_then_the_ads_country(text, country, expected):
    assert stated(text, country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5k overnight", [(1500, "MYR", OVERNIGHT_MINUTES)]),
        ("RM2k overnight", [(2000, "MYR", OVERNIGHT_MINUTES)]),
        ("RM 1,200 2 hours", [(1200, "MYR", 120)]),
        ("RM250.50/hr", [(250.5, "MYR", 60)]),
    ],
)
def test_thousands_separators_and_k_suffix_are_read(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "RM250-300 per hour",
        "RM250 - RM300/hr",
        "250 to 300rm 1 hour",
        "RM 250~300 sejam",
    ],
)
def test_range_states_both_ends_and_the_hourly_price_is_the_low_end(text):
    result = extract_prices(text, "MY")
    assert [p["amount"] for p in result["prices"]] == [250, 300]
    assert result["price_per_hour"] == 250.0


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1 shot 200", 60),
        ("2 shots 350", 120),
        ("short time RM200", 60),
        ("ST 150", 60),
        ("一次 RM300", 60),
        ("1hr 2 shots RM350", 60),
    ],
)
def test_shots_and_short_time_count_an_hour_each_unless_a_time_is_given(text, minutes):
    assert stated(text)[0][2] == minutes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1hr 300 2hr 550", [(300, "MYR", 60), (550, "MYR", 120)]),
        ("RM300 1hr RM550 2hr", [(300, "MYR", 60), (550, "MYR", 120)]),
        (
            "RM300/hr\n2 hours RM550\nOvernight: RM1500",
            [(300, "MYR", 60), (550, "MYR", 120), (1500, "MYR", OVERNIGHT_MINUTES)],
        ),
        ("30 mins RM150\nRM300/hr", [(150, "MYR", 30), (300, "MYR", 60)]),
        ("1 hour RM300\nRM150 for 30 minutes", [(300, "MYR", 60), (150, "MYR", 30)]),
    ],
)
def test_each_price_pairs_with_its_own_duration(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Age 23, height 160cm, 45kg",
        "23yo, 19 years old, umur 22 tahun, 22岁",
        "Size 34B-24-35",
        "Available 10am to 3am, 10:30pm - 11:00",
        "Available 24/7",
        "Open 24hrs 300 days a year",
        "Available from 12/6 to 02/07/2015",
        "Call 012-345 6789",
        "WhatsApp +60 12 345 6789 or 91234567",
        "Ref: 39037247, Room 1564, Post no. 5032",
        "身高160cm, 体重45kg, 房号 1375",
    ],
)
def test_numbers_that_are_not_prices_are_ignored(text):
    assert find_prices(text, "MY") == []


@pytest.mark.parametrize(
    "text",
    [
        "Call 012-345 6789 1hr 300",
        "Call 91234567 1 hour 300",
        "Age 23 1hr RM300",
        "23yo 1 hour RM300",
        "I am 21, 1hr 300",
        "Post no. 39037247\n1 hr: RM300",
        "12/06/2015 1 hour RM300",
        "Height 160cm 1hr 300",
    ],
)
def test_price_beside_other_numbers_is_still_read_alone(text):
    assert stated(text) == [(300, "MYR", 60)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harga 300", [(300, "MYR", None)]),
        ("price: 300", [(300, "MYR", None)]),
        ("300 only", []),
    ],
)
def test_bare_number_is_a_price_only_after_a_price_word_or_beside_a_duration(
    text, expected
):
    assert stated(text) == expected


@pytest.mark.parametrize(
    ("prices", "hourly"),
    [
        ([], None),
        ([{"amount": 300, "minutes": 60}, {"amount": 550, "minutes": 120}], 300.0),
        ([{"amount": 150, "minutes": 30}, {"amount": 550, "minutes": 120}], 300.0),
        ([{"amount": 550, "minutes": 120}, {"amount": 1500, "minutes": 600}], 275.0),
        ([{"amount": 1500, "minutes": 600}], 150.0),
        ([{"amount": 250, "minutes": 60}, {"amount": 300, "minutes": 60}], 250.0),
        ([{"amount": 400, "minutes": 90}], 266.67),
        ([{"amount": 300, "minutes": None}, {"amount": 250, "minutes": None}], 250.0),
        ([{"amount": 300, "minutes": None}, {"amount": 550, "minutes": 120}], 275.0),
    ],
)
def test_price_per_hour_prefers_the_hour_then_the_shortest_duration(prices, hourly):
    assert price_per_hour(prices) == hourly


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_text_is_read_without_error(text):
    result = extract_prices(text, "MY")
    assert all(p["amount"] > 0 for p in result["prices"])


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet="0123456789 RMhr-/.,k\n半小时jam", min_size=1, max_size=30))
def test_giant_text_is_read_without_error(chunk):
    assert isinstance(find_prices(chunk * 3000, "MY"), list)
