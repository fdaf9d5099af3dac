"""The synthetic corpus: deterministic, near the thesis's proportions, consistent."""

import csv
import hashlib
import json
import random
import re
import statistics
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synth import obfuscation
from synth.corpus import generate
from synth.lexicon import all_terms
from synth.phones import MOBILE_PLANS, draw_phone
from synth.prices import hourly_price, write_prices
from tests.support import run_cli

KL_AREA = {
    "Kuala Lumpur",
    "Petaling Jaya",
    "Klang",
    "Shah Alam",
    "Subang Jaya",
    "Puchong",
}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def all_files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A small corpus with images."""
    out = tmp_path_factory.mktemp("corpus") / "c"
    generate(300, 11, out, images=True, workers=2)
    return out


@pytest.fixture(scope="module")
def ads(corpus) -> list[dict]:
    return read_jsonl(corpus / "truth" / "ads.jsonl")


@pytest.fixture(scope="module", params=[5, 6])
def large(request, tmp_path_factory) -> list[dict]:
    """Truth of a few thousand ads without images, for proportions."""
    out = tmp_path_factory.mktemp(f"large{request.param}") / "c"
    generate(4000, request.param, out, images=False)
    return read_jsonl(out / "truth" / "ads.jsonl")


# Determinism.


def test_same_seed_gives_identical_bytes_in_every_file(corpus, tmp_path):
    again = tmp_path / "again"
    generate(300, 11, again, images=True, workers=1)
    first, second = all_files(corpus), all_files(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_different_seed_gives_a_different_corpus(corpus, tmp_path):
    other = tmp_path / "other"
    generate(300, 12, other, images=True)
    for name in ("truth/ads.jsonl", "truth/images.jsonl", "site/index.html"):
        assert (corpus / name).read_bytes() != (other / name).read_bytes()


# Proportions of the thesis's Malaysian dataset.


def with_phones(ads: list[dict]) -> list[dict]:
    return [ad for ad in ads if ad["phones"]]


def phone_components(ads: list[dict]) -> tuple[int, int]:
    """Distinct phones, and groups left after merging phones seen in one ad."""
    parent: dict[str, str] = {}

    def root(number: str) -> str:
        while parent.get(number, number) != number:
            number = parent[number]
        return number

    phones = set()
    for ad in ads:
        numbers = [phone["number"] for phone in ad["phones"]]
        phones.update(numbers)
        for number in numbers[1:]:
            parent[root(number)] = root(numbers[0])
    return len(phones), len({root(number) for number in phones})


def test_about_300_phones_per_5000_ads_with_phones(large):
    phones, _ = phone_components(large)
    assert 0.045 <= phones / len(with_phones(large)) <= 0.075


def test_merging_phones_into_operators_cuts_about_a_quarter(large):
    phones, groups = phone_components(large)
    assert 0.65 <= groups / phones <= 0.85


def test_about_half_the_ads_state_a_price(large):
    priced = [ad for ad in large if ad["price_per_hour"] is not None]
    assert 0.4 <= len(priced) / len(large) <= 0.6


def test_hourly_prices_average_300_myr_with_sd_near_100(large):
    hourly = [
        ad["price_per_hour"]
        for ad in large
        if ad["prices"] and ad["prices"][0]["currency"] == "MYR"
    ]
    assert 260 <= statistics.mean(hourly) <= 340
    assert 70 <= statistics.pstdev(hourly) <= 130


def test_most_ads_are_in_the_kuala_lumpur_area(large):
    share = sum(ad["city"]["name"] in KL_AREA for ad in large) / len(large)
    assert share >= 0.75
    countries = {ad["city"]["country"] for ad in large}
    assert {"MY", "SG"} <= countries


def test_red_flag_language_is_a_minority_mostly_of_networks(large):
    flagged = [ad for ad in large if ad["terms"]]
    assert 0.1 <= len(flagged) / len(large) <= 0.5
    organised = sum(ad["network_id"] is not None for ad in flagged)
    assert organised / len(flagged) > 0.6


def test_networks_price_below_the_market(large):
    def mean_of(ads):
        return statistics.mean(
            ad["price_per_hour"]
            for ad in ads
            if ad["prices"] and ad["prices"][0]["currency"] == "MYR"
        )

    organised = [ad for ad in large if ad["network_id"]]
    independent = [ad for ad in large if not ad["network_id"]]
    assert mean_of(organised) < mean_of(independent) - 100


def test_networks_post_in_several_cities_and_independents_in_one(large):
    cities: dict[str, set] = {}
    for ad in large:
        cities.setdefault(ad["poster_id"], set()).add(ad["city"]["name"])
    for poster, seen in cities.items():
        if poster.startswith("ind-"):
            assert len(seen) == 1, poster
    assert any(len(seen) > 1 for poster, seen in cities.items() if "net" in poster)


def test_a_large_share_of_ads_show_their_number_only_on_an_image(ads):
    shown = with_phones(ads)
    only_image = [ad for ad in shown if {p["where"] for p in ad["phones"]} == {"image"}]
    assert 0.25 <= len(only_image) / len(shown) <= 0.6


# Consistency of the truth.


def test_every_truth_phone_is_valid_e164(ads, corpus):
    numbers = {phone["number"] for ad in ads for phone in ad["phones"]}
    for poster in read_jsonl(corpus / "truth" / "posters.jsonl"):
        numbers.update(poster["phones"])
    for number in numbers:
        assert re.fullmatch(r"\+\d{8,15}", number), number
        assert phonenumbers.is_valid_number(phonenumbers.parse(number)), number


@pytest.mark.parametrize("country", sorted(MOBILE_PLANS))
def test_drawn_phones_are_valid_mobiles_of_their_country(country):
    rng, taken = random.Random(3), set()
    for _ in range(50):
        phone = draw_phone(rng, country, taken)
        parsed = phonenumbers.parse(phone.e164)
        assert phonenumbers.region_code_for_number(parsed) == country
        assert phonenumbers.number_type(parsed) in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )


def test_no_valid_number_in_the_text_is_missing_from_the_truth(ads):
    for ad in ads:
        text = f"{ad['title']}\n{ad['body']}"
        listed = {phone["number"] for phone in ad["phones"]}
        region = ad["city"]["country"]
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            number = phonenumbers.format_number(
                match.number, phonenumbers.PhoneNumberFormat.E164
            )
            assert number in listed, (ad["ad_id"], match.raw_string)


def test_ads_use_only_their_posters_and_networks_phones(ads, corpus):
    truth = corpus / "truth"
    posters = {p["poster_id"]: p for p in read_jsonl(truth / "posters.jsonl")}
    networks = {n["network_id"]: n for n in read_jsonl(truth / "networks.jsonl")}
    for ad in ads:
        owner = networks.get(ad["network_id"]) or posters[ad["poster_id"]]
        assert {p["number"] for p in ad["phones"]} <= set(owner["phones"])


def test_terms_in_truth_are_exactly_the_lexicon_terms_in_the_text(ads):
    lexicon = all_terms()
    for ad in ads:
        text = f"{ad['title']}\n{ad['body']}".lower()
        found = {term for term in lexicon if _contains(text, term)}
        assert found == {t["term"] for t in ad["terms"]}, ad["ad_id"]
        assert all(lexicon[t["term"]] == t["category"] for t in ad["terms"])


def _contains(text: str, term: str) -> bool:
    if term.isascii():
        return re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", text) is not None
    return term in text


def test_every_stated_price_is_written_in_the_ad(ads):
    for ad in ads:
        for price in ad["prices"]:
            assert shown_amount(price["amount"], price["currency"]) in ad["body"]
        assert ad["price_per_hour"] == hourly_price_of(ad["prices"])


def shown_amount(amount: int, currency: str) -> str:
    return f"{amount:,}".replace(",", ".") if currency == "IDR" else str(amount)


def hourly_price_of(prices: list[dict]) -> float | None:
    from synth.prices import Price

    return hourly_price([Price(**price) for price in prices])


def test_a_stated_age_appears_on_the_page_and_no_age_means_no_span(ads, corpus):
    for ad in ads[:80]:
        if not ad["crawlable"]:
            continue
        page = (corpus / "site" / ad["url_path"].lstrip("/")).read_bytes()
        text = page.decode("utf-8", errors="replace")
        if ad["age"] is None:
            assert 'class="age"' not in text
        else:
            assert f'<span class="age">{ad["age"]}</span>' in text


# Phones in disguise.

DIGIT_WORDS = {
    word: digit
    for table in (obfuscation.WORDS_EN, obfuscation.WORDS_MS, obfuscation.WORDS_ZH)
    for digit, words in table.items()
    for word in words
}
DIGIT_WORDS.update({word: digit for digit, word in obfuscation.WORDS_ZH_FORMAL.items()})
DIGIT_WORDS.update(
    {
        letter: digit
        for digit, letters in obfuscation.LETTERS.items()
        for letter in letters
    }
)
WORDS_LONGEST_FIRST = sorted(DIGIT_WORDS, key=len, reverse=True)


def decode(written: str) -> str:
    """The digits a careful reader gets back from a disguised number."""
    text = written.replace(obfuscation.KEYCAP, "")
    digits, position = [], 0
    while position < len(text):
        char = text[position]
        if char.isdigit():
            digits.append(str(int(char)))
            position += 1
            continue
        for word in WORDS_LONGEST_FIRST:
            if text[position : position + len(word)].lower() == word.lower():
                digits.append(DIGIT_WORDS[word])
                position += len(word)
                break
        else:
            position += 1
    return "".join(digits)


@pytest.mark.parametrize("style", obfuscation.STYLES)
@given(seed=st.integers(0, 2**32), country=st.sampled_from(sorted(MOBILE_PLANS)))
@settings(max_examples=60, deadline=None)
def test_every_style_keeps_every_digit_in_order(style, seed, country):
    rng = random.Random(seed)
    phone = draw_phone(rng, country, set())
    digits = obfuscation.digits_to_write(phone, rng.choice(("MY", country)), rng)
    written, kept = obfuscation.write(digits, style, rng)
    assert decode(written) == digits.lstrip("+")
    assert kept == style or (style, kept) == ("letters", "plain")
    if kept != "plain":
        assert written != digits


def test_foreign_numbers_carry_their_calling_code():
    rng = random.Random(1)
    phone = draw_phone(rng, "TH", set())
    assert obfuscation.digits_to_write(phone, "MY", rng) == phone.e164


@pytest.mark.parametrize("currency", ["MYR", "SGD", "THB", "IDR"])
@pytest.mark.parametrize("language", ["en", "ms", "zh"])
def test_prices_are_written_with_their_amounts(currency, language):
    rng = random.Random(7)
    for _ in range(40):
        lines, prices = write_prices(300.0, currency, language, rng)
        text = " ".join(lines)
        assert prices and all(p.currency == currency for p in prices)
        for price in prices:
            assert shown_amount(price.amount, currency) in text


# The site.


def test_robots_txt_disallows_the_private_section(corpus):
    robots = (corpus / "site" / "robots.txt").read_text()
    assert "User-agent: *" in robots and "Disallow: /private/" in robots


def test_broken_and_private_pages_exist_as_declared(ads, corpus):
    site = corpus / "site"
    errors = json.loads((site / "_errors.json").read_text())
    kinds = Counter(ad["page"] for ad in ads)
    assert {"missing", "error", "truncated", "legacy", "private"} <= set(kinds)
    for ad in ads:
        path = site / ad["url_path"].lstrip("/")
        if ad["page"] == "missing":
            assert errors[ad["url_path"]] == 404 and not path.exists()
        elif ad["page"] == "error":
            assert errors[ad["url_path"]] == 500
        elif ad["page"] == "truncated":
            assert not path.read_bytes().rstrip().endswith(b"</html>")
        elif ad["page"] == "private":
            assert ad["url_path"].startswith("/private/") and path.exists()
        assert ad["crawlable"] == (ad["page"] in ("ok", "legacy"))


def test_legacy_page_declares_its_charset_and_decodes_with_it(ads, corpus):
    legacy = next(ad for ad in ads if ad["page"] == "legacy")
    data = (corpus / "site" / legacy["url_path"].lstrip("/")).read_bytes()
    charset = re.search(rb'<meta charset="([^"]+)">', data).group(1).decode()
    assert charset in ("windows-1252", "gb2312")
    text = data.decode(charset)
    assert 'class="ad-title"' in text and legacy["ad_id"] in text


def test_every_ad_is_listed_once_newest_first_with_next_links(ads, corpus):
    site = corpus / "site"
    listed: list[str] = []
    home = (site / "index.html").read_text()
    for href in re.findall(r'class="city-link" href="([^"]+)"', home):
        page = href
        while page:
            file = page + "index.html" if page.endswith("/") else page
            html = (site / file.lstrip("/")).read_text(encoding="utf-8")
            links = re.findall(r'class="ad-link" href="([^"]+)"', html)
            assert 1 <= len(links) <= 20
            listed += links
            following = re.search(r'class="next" rel="next" href="([^"]+)"', html)
            page = following.group(1) if following else None
    assert sorted(listed) == sorted(ad["url_path"] for ad in ads)
    order = {ad["url_path"]: ad["posted_at"] for ad in ads}
    section = [order[link] for link in listed[:20]]
    assert section == sorted(section, reverse=True)


def test_ad_page_text_is_html_escaped(ads, corpus):
    ad = next(a for a in ads if a["page"] == "ok")
    html = (corpus / "site" / ad["url_path"].lstrip("/")).read_text()
    article = html.split('<article class="ad"', 1)[1]
    assert "<script" not in article
    assert f'data-ad-id="{ad["ad_id"]}"' in html


# Images.


def test_images_are_named_by_the_sha256_of_their_bytes(corpus):
    for record in read_jsonl(corpus / "truth" / "images.jsonl"):
        data = (corpus / "site" / record["path"].lstrip("/")).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        assert record["sha256"] == digest
        assert Path(record["path"]).stem == digest


def test_images_are_shared_across_ads_by_content(ads, corpus):
    uses = Counter(path for ad in ads for path in ad["images"])
    files = list((corpus / "site" / "img").iterdir())
    assert len(files) < sum(uses.values()) / 2
    assert max(uses.values()) >= 5
    assert set(uses) <= {f"/img/{f.name}" for f in files}


def test_number_images_list_the_numbers_the_ads_credit_to_them(ads, corpus):
    images = {r["path"]: r for r in read_jsonl(corpus / "truth" / "images.jsonl")}
    for ad in ads:
        on_images = {p["number"] for p in ad["phones"] if p["where"] == "image"}
        shown = {n for path in ad["images"] for n in images[path]["phones"]}
        assert on_images == shown


def test_some_number_images_are_hard_and_some_are_plain(corpus):
    records = read_jsonl(corpus / "truth" / "images.jsonl")
    kinds = Counter(r["kind"] for r in records)
    assert kinds["plain"] > 0 and kinds["phone"] > 0
    assert any(r["hard"] for r in records)


# Agencies and Twitter.


def test_seven_fictitious_agencies_and_overlapping_followers(corpus):
    folder = corpus / "twitter"
    with open(folder / "agencies.csv", newline="", encoding="utf-8") as handle:
        agencies = list(csv.DictReader(handle))
    with open(folder / "followers.csv", newline="", encoding="utf-8") as handle:
        follows = list(csv.DictReader(handle))
    assert len(agencies) == 7
    assert all(a["twitter"].startswith("syn_") for a in agencies)
    assert all(a["website"].endswith(".example") for a in agencies)
    followed: dict[str, set] = {}
    for row in follows:
        followed.setdefault(row["follower"], set()).add(row["agency_twitter"])
    assert sum(len(s) > 1 for s in followed.values()) >= 30
    foreign = agencies[-1]["twitter"]
    fans = {f for f, s in followed.items() if foreign in s}
    assert len(fans) < 20 and sum(len(followed[f]) > 1 for f in fans) <= 1


# The command line.


def test_synth_command_writes_a_corpus_and_refuses_to_overwrite_it(tmp_path):
    out = tmp_path / "corpus"
    first = run_cli(
        "synth", "--ads", "40", "--seed", "2", "--out", str(out), "--no-images"
    )
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["ads"] == 40
    assert (out / "site" / "index.html").is_file()
    again = run_cli("synth", "--ads", "40", "--out", str(out))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_synth_command_refuses_too_few_ads(tmp_path):
    result = run_cli("synth", "--ads", "3", "--out", str(tmp_path / "c"))
    assert result.returncode == 1 and "at least" in result.stderr
