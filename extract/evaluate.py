"""Accuracy of extracted ads against a synthetic corpus's ground truth."""

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from htleads.errors import InputError

logger = logging.getLogger(__name__)

FIELDS = (
    "phones_text",
    "phones_image",
    "phones_image_only",
    "price_per_hour",
    "city",
    "age",
    "terms",
)
TEXT_SOURCES = frozenset({"title", "body"})


@dataclass
class Score:
    """Counts for one field; precision and recall follow from them."""

    true_positives: int = 0
    extracted: int = 0
    expected: int = 0
    misses: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    def add(self, ad_id: str, expected: set, extracted: set, keep: int) -> None:
        self.true_positives += len(expected & extracted)
        self.expected += len(expected)
        self.extracted += len(extracted)
        if expected != extracted and len(self.misses) < keep:
            self.misses.append(
                {
                    "ad_id": ad_id,
                    "missed": sorted(map(str, expected - extracted)),
                    "spurious": sorted(map(str, extracted - expected)),
                }
            )


def read_jsonl(path: Path) -> Iterator[dict]:
    """The JSON objects of a JSON-lines file; a broken line is an InputError."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(
                    f"{path}:{number} is not valid JSON ({error.msg}); "
                    "regenerate the file or remove the line."
                ) from None


def truth_sets(truth: dict) -> dict[str, set]:
    """What each field should hold for one ad, as sets of comparable values."""
    phones = truth.get("phones") or []
    city = truth.get("city")
    price = truth.get("price_per_hour")
    in_text = {p["number"] for p in phones if p["where"] in TEXT_SOURCES}
    on_images = {p["number"] for p in phones if p["where"] == "image"}
    return {
        "phones_text": in_text,
        "phones_image": on_images,
        "phones_image_only": on_images - in_text,
        "price_per_hour": set() if price is None else {round(float(price), 2)},
        "city": set() if not city else {(city["name"], city["country"])},
        "age": set() if truth.get("age") is None else {int(truth["age"])},
        "terms": {t["category"] for t in truth.get("terms") or []},
    }


def extracted_sets(ad: dict, truth_in_text: set) -> dict[str, set]:
    """The same sets, read from an extracted ad.

    ``truth_in_text`` holds the numbers the ad's text really shows: a number
    read from an image counts towards the image-only field unless it is one.
    """
    phones = ad.get("phones") or []
    city = ad.get("city")
    price = ad.get("price_per_hour")
    from_images = {p["number"] for p in phones if p["source"] == "image"}
    return {
        "phones_text": {p["number"] for p in phones if p["source"] in TEXT_SOURCES},
        "phones_image": from_images,
        "phones_image_only": from_images - truth_in_text,
        "price_per_hour": set() if price is None else {round(float(price), 2)},
        "city": set() if not city else {(city["name"], city["country"])},
        "age": set() if ad.get("age") is None else {int(ad["age"])},
        "terms": {t["category"] for t in ad.get("terms") or []},
    }


def evaluate(
    extracted: Iterable[dict], truth: Iterable[dict], keep_misses: int = 20
) -> dict[str, Score]:
    """Score every field over the ads present in both inputs.

    Phones are scored as (ad, number) pairs per source, so that a number read
    from the body and the same number read from an image count apart;
    ``phones_image_only`` scores the numbers an ad shows on images alone, which
    only OCR can find. Terms are scored by category, since lexicons word the
    same flag differently.
    """
    expected = {row["ad_id"]: row for row in truth if row.get("crawlable", True)}
    scores = {name: Score() for name in FIELDS}
    seen = 0
    for ad in extracted:
        row = expected.get(str(ad.get("ad_id")))
        if row is None:
            continue
        seen += 1
        want = truth_sets(row)
        got = extracted_sets(ad, want["phones_text"])
        for name in FIELDS:
            scores[name].add(row["ad_id"], want[name], got[name], keep_misses)
    if not seen:
        raise InputError(
            "No extracted ad matches an ad of the truth; check that the extracted "
            "file comes from this corpus (same ad ids)."
        )
    logger.info("evaluated %d ads", seen)
    return scores


def evaluate_files(extracted: Path, corpus: Path) -> dict[str, Score]:
    """Score an extracted-ads file against ``corpus/truth/ads.jsonl``."""
    truth = corpus / "truth" / "ads.jsonl"
    if not truth.is_file():
        raise InputError(
            f"{truth} does not exist; pass the folder `htleads synth` wrote."
        )
    return evaluate(read_jsonl(extracted), read_jsonl(truth))
