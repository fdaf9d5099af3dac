"""Speed and accuracy of each text extractor on a synthetic corpus's truth.

Run: .venv/bin/python bench/bench_extractors.py [--ads 5000] [--seed 11] [--corpus DIR]
Generates a corpus without images (or reads ``--corpus``), then runs each
extractor of ``extract/`` over every ad's title and body in this one process,
and prints, per extractor, ads per second of CPU time on one core (so that
other work on the machine does not distort it) and the share of ads
whose output equals the truth exactly. The whole-ad figure is
``extract.pipeline.extract_ad`` without images (phones included).
"""

import argparse
import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_truth(corpus: Path | None, ads: int, seed: int) -> list[dict]:
    """The truth records of ``corpus``, generated first when none is given."""
    if corpus is None:
        from synth.corpus import generate

        corpus = Path(tempfile.mkdtemp(prefix="bench-extractors-")) / "corpus"
        generate(ads, seed, corpus, images=False)
    path = corpus / "truth" / "ads.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def text(ad: dict) -> str:
    return f"{ad['title']}\n{ad['body']}"


def prices_key(prices: list[dict]) -> list[tuple]:
    return sorted((p["amount"], p["currency"], p["minutes"]) for p in prices)


def checks() -> dict[str, tuple[Callable, Callable]]:
    """Per extractor: (run on one truth ad, whether its output equals the truth)."""
    from extract.ages import find_age
    from extract.contacts import find_contacts
    from extract.places import resolve_place
    from extract.prices import extract_prices
    from extract.terms import find_terms

    return {
        "prices": (
            lambda ad: extract_prices(text(ad), ad["city"]["country"]),
            lambda got, ad: (
                prices_key(got["prices"]) == prices_key(ad["prices"])
                and got["price_per_hour"] == ad["price_per_hour"]
            ),
        ),
        "terms": (
            lambda ad: find_terms(text(ad)),
            lambda got, ad: (
                {t["term"] for t in got} == {t["term"] for t in ad["terms"]}
            ),
        ),
        "place": (
            lambda ad: resolve_place(ad["location"]),
            lambda got, ad: (
                got is not None
                and (got["name"], got["country"])
                == (ad["city"]["name"], ad["city"]["country"])
            ),
        ),
        "age (text only)": (
            lambda ad: find_age(text(ad)),
            lambda got, ad: got is None or got == ad["age"],
        ),
        "contacts": (
            lambda ad: find_contacts(text(ad)),
            lambda got, ad: (
                got["emails"] == ad["emails"]
                and [h["handle"] for h in got["handles"]] == ad["handles"]
            ),
        ),
    }


def measure(name: str, run: Callable, check: Callable, ads: list[dict]) -> None:
    """Time ``run`` over all ads, then score its outputs; print one line."""
    # A full garbage collection left pending by the last extractor would
    # otherwise land in this one's time.
    gc.collect()
    started = time.process_time()
    outputs = [run(ad) for ad in ads]
    seconds = time.process_time() - started
    exact = sum(check(got, ad) for got, ad in zip(outputs, ads, strict=True))
    rate = len(ads) / seconds
    print(f"{name:<18} {rate:>10,.0f} ads/s   {100 * exact / len(ads):6.2f} % exact")


def measure_pipeline(ads: list[dict]) -> None:
    """Whole-ad extraction (every extractor, phones included, no images)."""
    from extract.pipeline import extract_ad

    raws = [
        {"ad_id": ad["ad_id"], "title": ad["title"], "body": ad["body"],
         "location": ad["location"], "age": ad["age"], "images": []}
        for ad in ads
    ]  # fmt: skip
    gc.collect()
    started = time.process_time()
    for raw in raws:
        extract_ad(raw, images=[], region="MY")
    rate = len(raws) / (time.process_time() - started)
    print(f"{'extract_ad':<18} {rate:>10,.0f} ads/s   (all fields, one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=5000, help="Ads to generate.")
    parser.add_argument("--seed", type=int, default=11, help="Corpus seed.")
    parser.add_argument("--corpus", type=Path, help="An existing corpus folder.")
    args = parser.parse_args()

    ads = [ad for ad in load_truth(args.corpus, args.ads, args.seed) if ad["city"]]
    mean_chars = sum(len(text(ad)) for ad in ads) / len(ads)
    print(f"{len(ads)} ads, {mean_chars:.0f} characters of text on average")
    for name, (run, check) in checks().items():
        run(ads[0])  # lexicons, gazetteers and patterns load outside the timing
        measure(name, run, check, ads)
    measure_pipeline(ads)


if __name__ == "__main__":
    main()
