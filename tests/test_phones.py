"""Phone numbers in ad text: reference vectors, flags, spans, the ad field, the CLI."""

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.phones import ad_phones, find_phones
from tests.support import HTLEADS, REPO, run_cli

VECTORS = Path(__file__).parent / "vectors" / "phones.tsv"


def _vectors():
    lines = VECTORS.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        region, expected, text = line.split("\t", 2)
        numbers = {item for item in expected.split(",") if item}
        yield pytest.param(
            region, text.replace("\\n", "\n"), numbers, id=f"line{number}-{region}"
        )


VECTOR_CASES = list(_vectors())


@pytest.mark.parametrize(("region", "text", "expected"), VECTOR_CASES)
def test_reference_text_gives_exactly_its_phones(region, text, expected):
    assert {match.number for match in find_phones(text, region)} == expected


def test_reference_vectors_are_many_and_varied():
    regions = {case.values[0] for case in VECTOR_CASES}
    negatives = [case for case in VECTOR_CASES if not case.values[2]]
    assert len(VECTOR_CASES) >= 400
    assert len(negatives) >= 80
    assert {"MY", "SG", "TH", "ID", "US", "GB", "AU", "IN"} <= regions


@pytest.mark.parametrize(
    ("text", "obfuscated"),
    [
        ("call 012-345 6789", False),
        ("012.345.6789", False),
        ("(012) 345 6789", False),
        ("+60 12-345 6789", False),
        ("0 1 2 3 4 5 6 7 8 9", False),
        ("012/3456789", False),
        ("zero one two three four five six seven eight nine", True),
        ("0l2-345 6789", True),
        ("012*345*6789", True),
        ("012 🌸 345 🌸 6789", True),
        ("０１２３４５６７８９", True),
        ("⓪①②③④⑤⑥⑦⑧⑨", True),
        ("0️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣9️⃣", True),
        ("零一二三四五六七八九", True),
        ("kosong satu dua tiga empat lima enam tujuh lapan sembilan", True),
        ("plus six zero one two three four five six seven eight nine", True),
    ],
)
def test_obfuscated_says_whether_the_number_was_disguised(text, obfuscated):
    (match,) = find_phones(text)
    assert match.obfuscated is obfuscated


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Call 012-345 6789 now", "012-345 6789"),
        ("WA: +60 12-345 6789.", "+60 12-345 6789"),
        ("Booking (018) 246 8024 thanks", "(018) 246 8024"),
        (
            "hp zero one two three four five six seven eight nine ok",
            "zero one two three four five six seven eight nine",
        ),
        ("7EIGHT is no phone but 0l2 345 67B9 is", "0l2 345 67B9"),
        ("keys 0️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣9️⃣ end", "0️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣9️⃣"),
    ],
)
def test_span_covers_the_number_as_written(text, written):
    (match,) = find_phones(text)
    assert text[match.span[0] : match.span[1]] == written


def test_matches_come_in_order_of_writing_with_their_source():
    text = "WA 019-876 5432, call 012-345 6789"
    matches = find_phones(text, source="title")
    assert [match.number for match in matches] == ["+60198765432", "+60123456789"]
    assert {match.source for match in matches} == {"title"}
    assert matches[0].span[1] <= matches[1].span[0]


def test_region_decides_the_country_of_a_national_number():
    assert [m.number for m in find_phones("0412 345 678", "AU")] == ["+61412345678"]
    assert [m.number for m in find_phones("0412 345 678", "au")] == ["+61412345678"]
    assert [m.number for m in find_phones("(702) 555-0123", "US")] == ["+17025550123"]


@pytest.mark.parametrize("region", [None, "", "XX"])
def test_unknown_region_places_only_numbers_with_their_calling_code(region):
    numbers = [m.number for m in find_phones("0123456789 or +65 9123 4567", region)]
    assert numbers == ["+6591234567"]


def test_ad_phones_lists_each_number_once_title_first():
    phones = ad_phones(
        "Amy 012-345 6789",
        "Call zero one two three four five six seven eight nine or 019-876 5432",
    )
    assert phones == [
        {"number": "+60123456789", "source": "title", "obfuscated": False},
        {"number": "+60198765432", "source": "body", "obfuscated": False},
    ]


@pytest.mark.parametrize(
    ("title", "body"), [(None, None), ("", ""), (None, "RM300 23yo")]
)
def test_ad_without_phones_gives_an_empty_list(title, body):
    assert ad_phones(title, body) == []


def test_unplaceable_number_offered_as_a_phone_is_kept_as_written_digits():
    (match,) = find_phones("hp: 555-0123", "MY")
    assert match.number == "5550123"
    assert find_phones("555-0123", "MY") == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_finder_never_raises_on_any_text(text):
    for match in find_phones(text):
        assert 0 <= match.span[0] < match.span[1] <= len(text)


DIGITISH = st.lists(
    st.sampled_from(
        list("0123456789 -.+()/|lIOoSB,🌸０①零一")
        + ["one ", "two ", "oh ", "to ", "double ", "RM", "cm", "\n"]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DIGITISH, st.sampled_from(["MY", "SG", "US", "GB", "TH", "ID", "AU", "IN"]))
def test_finder_never_raises_on_digit_heavy_text(text, region):
    matches = find_phones(text, region)
    for match in matches:
        digits = match.number.lstrip("+")
        assert digits.isdigit() and 7 <= len(digits) <= 15
    spans = [match.span for match in matches]
    assert spans == sorted(spans)


GIANT_UNITS = (
    "Sexy Amy 23yo 165cm, RM300/hr. Call 012-345 6789 or zero one nine eight "
    "seven six five four three two. Posted 12/05/2014. ",
    "1 ",
    "one two ",
    "0🌸",
    "一二三",
)


@pytest.mark.slow
def test_finder_completes_on_five_megabytes_of_ads_and_digit_soup():
    text = "".join(unit * (1_000_000 // len(unit)) for unit in GIANT_UNITS)
    assert len(text) >= 4_900_000
    matches = find_phones(text)
    assert matches, "the ads in the first megabyte have phones"
    assert all(0 <= match.span[0] < match.span[1] <= len(text) for match in matches)


def test_cli_answers_one_json_object_per_line_in_order():
    lines = [
        "call 012-345 6789",
        "",
        "no phone",
        "zero one two three four five six seven eight nine",
    ]
    result = run_cli("phones", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(lines)
    assert answers[0] == {
        "phones": [{"number": "+60123456789", "obfuscated": False, "span": [5, 17]}]
    }
    assert answers[1] == answers[2] == {"phones": []}
    assert answers[3]["phones"][0]["obfuscated"] is True


def test_cli_region_option_sets_the_country(tmp_path):
    source = tmp_path / "texts.txt"
    source.write_text("(702) 555-0123\n", encoding="utf-8")
    result = run_cli("phones", "--region", "US", str(source))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["phones"][0]["number"] == "+17025550123"


def test_cli_rejects_an_unknown_region():
    result = run_cli("phones", "--region", "XX", stdin="")
    assert result.returncode == 2
    assert "--region" in result.stderr


def test_cli_line_that_is_not_utf8_gives_an_error_and_the_run_goes_on():
    process = subprocess.run(
        [*HTLEADS, "phones"],
        input=b"\xff\xfe broken\ncall 012-345 6789\n",
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert process.returncode == 0
    first, second = (json.loads(line) for line in process.stdout.splitlines())
    assert first["phones"] == [] and "UTF-8" in first["error"]
    assert second["phones"][0]["number"] == "+60123456789"


def test_cli_answers_each_line_before_the_input_ends():
    process = subprocess.Popen(
        [*HTLEADS, "phones"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=REPO,
    )
    try:
        process.stdin.write(b"call 012-345 6789\n")
        process.stdin.flush()
        answer = json.loads(process.stdout.readline())
        assert answer["phones"][0]["number"] == "+60123456789"
    finally:
        process.stdin.close()
        process.wait(timeout=60)
