"""Speed and accuracy of the phone finder against libphonenumber's own matcher.

Generates realistic ad texts (title and body) for ten countries, with phones
written in every disguise the finder is built for and with the numbers that
are not phones (prices, ages, measures, dates, times, ids), then runs
``extract.phones.ad_phones`` and ``phonenumbers.PhoneNumberMatcher`` on the
same ads, in one process, and prints ads per second of CPU time (which other
work on a shared machine distorts far less than wall time), exact-match rate,
recall and precision for each, and the finder's recall per writing style.
Every ad's numbers are drawn at random, so the finder's cache of numbers
already placed rarely helps it here.

    .venv/bin/python bench/bench_phones.py --ads 3000 --seed 7
"""

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.phones import ad_phones  # noqa: E402

REGIONS = ("MY", "MY", "MY", "SG", "TH", "ID", "US", "GB", "AU", "IN", "PH", "HK")
CURRENCY = {
    "MY": "RM", "SG": "S$", "TH": "฿", "ID": "Rp", "US": "$", "GB": "£",
    "AU": "$", "IN": "Rs", "PH": "₱", "HK": "HK$",
}  # fmt: skip
ENGLISH = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
]
ENGLISH_SLIPS = {
    "0": ["oh", "o", "zer0"], "1": ["won", "wun"], "2": ["too", "to"],
    "3": ["tree", "thre"], "4": ["for", "fore"], "5": ["fiv", "fyve"],
    "6": ["sicks", "siks"], "7": ["sevn", "sevan"], "8": ["ate", "eigth"],
    "9": ["nyne", "nien"],
}  # fmt: skip
MALAY = [
    "kosong",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "lapan",
    "sembilan",
]
CHINESE = "零一二三四五六七八九"
CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨"
LOOKALIKE = {"0": "O", "1": "l", "5": "S", "8": "B"}
EMOJI = ["🌹", "💋", "❤️", "✨", "🔥", "*", "~", "•"]
CUES = [
    "Call",
    "WhatsApp",
    "WA",
    "Hp",
    "Tel",
    "SMS",
    "Contact",
    "Booking",
    "📞",
    "Text",
]
FILLER = [
    "New girl just arrived, young and sweet.",
    "Outcall to hotels only, incall available downtown.",
    "Friendly, clean and discreet, no rush service.",
    "Real photos, what you see is what you get.",
    "Available every day, message me first please.",
    "Fresh student, very shy, first time here.",
    "GFE, massage and more, open minded.",
    "No private numbers, no police, serious only.",
]
STYLES = (
    "national", "compact", "dotted", "spaced", "international", "code_no_plus",
    "english", "english_slips", "malay", "chinese", "lookalikes", "fullwidth",
    "circled", "keycaps", "emoji", "mixed",
)  # fmt: skip


def random_mobile(region: str, rng: random.Random) -> phonenumbers.PhoneNumber:
    """A valid mobile number of ``region`` with random subscriber digits."""
    example = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    national = str(example.national_number)
    keep = max(2, len(national) - 6)
    while True:
        tail = "".join(rng.choice("0123456789") for _ in range(len(national) - keep))
        number = phonenumbers.parse(f"+{example.country_code}{national[:keep]}{tail}")
        if phonenumbers.is_valid_number(number):
            return number


def write_phone(number, region: str, style: str, rng: random.Random) -> str:
    """The number as an ad in ``region`` would write it in ``style``."""
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    digits = "".join(char for char in national if char.isdigit())
    if style == "national":
        return national
    if style == "compact":
        return digits
    if style == "dotted":
        return ".".join(_groups(digits, rng))
    if style == "spaced":
        return " ".join(digits)
    if style == "international":
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    if style == "code_no_plus":
        return f"{number.country_code} {number.national_number}"
    return _disguised(digits, style, rng)


def _disguised(digits: str, style: str, rng: random.Random) -> str:
    if style == "english":
        return " ".join(ENGLISH[int(d)] for d in digits)
    if style == "english_slips":
        return " ".join(_slip(d, rng) for d in digits)
    if style == "malay":
        return " ".join(MALAY[int(d)] for d in digits)
    if style == "chinese":
        return "".join(CHINESE[int(d)] for d in digits)
    if style == "lookalikes":
        return "-".join(_groups("".join(_look(d, rng) for d in digits), rng))
    if style == "fullwidth":
        return "".join(chr(0xFF10 + int(d)) for d in digits)
    if style == "circled":
        return "".join(CIRCLED[int(d)] for d in digits)
    if style == "keycaps":
        return "".join(f"{d}\ufe0f\u20e3" for d in digits)
    if style == "emoji":
        mark = rng.choice(EMOJI)
        return f" {mark} ".join(_groups(digits, rng))
    return " ".join(ENGLISH[int(d)] if rng.random() < 0.5 else d for d in digits)


def _slip(digit: str, rng: random.Random) -> str:
    return (
        rng.choice(ENGLISH_SLIPS[digit]) if rng.random() < 0.5 else ENGLISH[int(digit)]
    )


def _look(digit: str, rng: random.Random) -> str:
    return LOOKALIKE.get(digit, digit) if rng.random() < 0.4 else digit


def _groups(digits: str, rng: random.Random) -> list[str]:
    cut = rng.choice((3, 4))
    middle = (len(digits) - cut) // 2 + cut
    return [digits[:cut], digits[cut:middle], digits[middle:]]


def distractors(region: str, rng: random.Random) -> list[str]:
    """Sentences full of numbers that are not phones."""
    money = CURRENCY[region]
    hourly = rng.choice((150, 200, 250, 300, 350, 400))
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    hour, minute = rng.randint(10, 23), rng.randint(0, 5)
    return [
        f"{money}{hourly}/hr, {money} {hourly * 2 - 50} for 2 hours, "
        f"overnight {hourly * 5}.",
        f"{rng.randint(18, 29)}yo, {rng.randint(150, 175)}cm, {rng.randint(42, 60)}kg, "
        f"{rng.choice((32, 34, 36))}{rng.choice('ABCD')}.",
        f"Posted {day:02d}/{month:02d}/2014 at {hour}:{minute}0.",
        f"Ad ID: {rng.randint(10**9, 10**10 - 1)}.",
        f"Room {rng.randint(100, 2500)}, available {rng.randint(9, 11)}am to "
        f"{rng.randint(1, 4)}am.",
        f"Measurements {rng.choice((34, 36))}-{rng.choice((24, 26))}-"
        f"{rng.choice((34, 36))}, size {rng.randint(6, 12)}.",
    ]


def make_ad(rng: random.Random, writer=None) -> dict:
    """One ad: title, body, region, the true numbers and the styles used.

    ``writer(region, rng)`` gives a phone as ``(written, e164, style)``; the
    default is this bench's own :func:`own_writer`.
    """
    writer = writer or own_writer
    region = rng.choice(REGIONS)
    sentences = rng.sample(FILLER, rng.randint(2, 5))
    sentences += rng.sample(distractors(region, rng), 3)
    truth, styles = [], []
    for _ in range(rng.choice((0, 1, 1, 1, 1, 1, 2))):
        written, e164, style = writer(region, rng)
        cue = rng.choice(CUES) if rng.random() < 0.85 or style == "code_no_plus" else ""
        sentences.insert(rng.randint(0, len(sentences)), f"{cue} {written} .".strip())
        truth.append(e164)
        styles.append(style)
    title = f"{rng.choice(('Sexy', 'Hot', 'New', 'Young'))} girl in town, "
    title += f"{rng.randint(18, 29)}yo"
    return {
        "region": region,
        "title": title,
        "body": " ".join(sentences),
        "truth": set(truth),
        "styles": styles,
    }


def own_writer(region: str, rng: random.Random) -> tuple[str, str, str]:
    """A random mobile of ``region`` written in one of this bench's STYLES."""
    number = random_mobile(region, rng)
    style = rng.choice(STYLES)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return write_phone(number, region, style, rng), e164, style


def synth_writer():
    """The writer of the project's synthetic corpus (``synth``), if it is there."""
    try:
        from synth import obfuscation, phones
    except ImportError:
        return None
    countries = set(phones.MOBILE_PLANS)

    def write(region: str, rng: random.Random) -> tuple[str, str, str]:
        country = region if region in countries else "MY"
        phone = phones.draw_phone(rng, country, set())
        number = obfuscation.digits_to_write(phone, region, rng)
        written, style = obfuscation.write(number, rng.choice(obfuscation.STYLES), rng)
        return written, phone.e164, style

    return write


def run_finder(ads: list[dict]) -> tuple[list[set], float]:
    start = time.process_time()
    found = [
        {phone["number"] for phone in ad_phones(ad["title"], ad["body"], ad["region"])}
        for ad in ads
    ]
    return found, time.process_time() - start


def run_matcher(ads: list[dict]) -> tuple[list[set], float]:
    start = time.process_time()
    found = []
    for ad in ads:
        text = ad["title"] + "\n" + ad["body"]
        matches = phonenumbers.PhoneNumberMatcher(text, ad["region"])
        found.append(
            {
                phonenumbers.format_number(m.number, PhoneNumberFormat.E164)
                for m in matches
            }
        )
    return found, time.process_time() - start


def scores(ads: list[dict], found: list[set]) -> dict:
    exact = sum(ad["truth"] == got for ad, got in zip(ads, found, strict=True))
    true = sum(len(ad["truth"]) for ad in ads)
    hits = sum(len(ad["truth"] & got) for ad, got in zip(ads, found, strict=True))
    reported = sum(len(got) for got in found)
    return {
        "exact": exact / len(ads),
        "recall": hits / true if true else 1.0,
        "precision": hits / reported if reported else 1.0,
    }


def style_recall(ads: list[dict], found: list[set]) -> dict[str, float]:
    seen, hit = Counter(), Counter()
    for ad, got in zip(ads, found, strict=True):
        for style in ad["styles"]:
            seen[style] += 1
        if ad["truth"] <= got:
            for style in ad["styles"]:
                hit[style] += 1
    return {style: hit[style] / seen[style] for style in seen}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=3000, help="Ads to generate (3000).")
    parser.add_argument("--seed", type=int, default=7, help="Random seed (7).")
    args = parser.parse_args()

    ad_phones("warm up 012-345 6789", "")
    rng = random.Random(args.seed)
    report("this bench's writing styles", [make_ad(rng) for _ in range(args.ads)])
    writer = synth_writer()
    if writer is not None:
        ads = [make_ad(rng, writer) for _ in range(args.ads)]
        report("the synthetic corpus's writing styles (synth)", ads)


def report(title: str, ads: list[dict]) -> None:
    """Run both finders on ``ads`` and print their speed and accuracy."""
    chars = sum(len(ad["title"]) + len(ad["body"]) for ad in ads) / len(ads)
    print(f"\n{title}: {len(ads)} ads, {chars:.0f} characters each on average")
    rows = []
    for name, runner in (
        ("htleads finder", run_finder),
        ("PhoneNumberMatcher", run_matcher),
    ):
        found, seconds = runner(ads)
        rows.append((name, len(ads) / seconds, scores(ads, found), found))
    print(f"{'':20s} {'ads/s':>9s} {'exact':>7s} {'recall':>7s} {'precision':>9s}")
    for name, speed, score, _ in rows:
        print(
            f"{name:20s} {speed:9.0f} {score['exact']:7.3f} {score['recall']:7.3f} "
            f"{score['precision']:9.3f}"
        )
    print("recall by writing style (finder / matcher):")
    finder, matcher = style_recall(ads, rows[0][3]), style_recall(ads, rows[1][3])
    for style in sorted(finder):
        print(f"  {style:15s} {finder[style]:6.3f} / {matcher.get(style, 0.0):6.3f}")


if __name__ == "__main__":
    main()
