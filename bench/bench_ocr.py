"""Speed and accuracy of reading phone numbers on images, on a synthetic corpus.

Run: .venv/bin/python bench/bench_ocr.py [--ads 2000] [--seed 7] [--corpus DIR]
[--workers N]
Generates a corpus with images (or reads ``--corpus``), then OCRs every image
of its truth three times: cold with the text pre-filter, cold without it (a
picture with no line of text is then read whole), and again through the warm
cache. Prints images per second of wall time for each, what the pre-filter
skipped and missed, and recall and precision against the truth: per image
(each number printed on it, read in the country of the ads that show it) and
per ad (numbers an ad gives only on its images).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_corpus(corpus: Path | None, ads: int, seed: int) -> Path:
    """The corpus folder, generated first when none is given."""
    if corpus is None:
        from synth.corpus import generate

        corpus = Path(tempfile.mkdtemp(prefix="bench-ocr-")) / "corpus"
        generate(ads, seed, corpus, images=True)
    return corpus


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def image_regions(ads: list[dict]) -> dict[str, str]:
    """The country of the first ad showing each image (site path to ISO code)."""
    regions: dict[str, str] = {}
    for ad in ads:
        for path in ad["images"]:
            regions.setdefault(path, ad["city"]["country"])
    return regions


def timed(label: str, paths: list[Path], **options) -> dict:
    from extract.ocr import ocr_images

    began = time.perf_counter()
    results = ocr_images(paths, **options)
    seconds = time.perf_counter() - began
    print(f"{label:<34} {len(paths) / seconds:7.2f} images/s ({seconds:.1f} s)")
    return results


def readings_by_digest(cache_path: Path) -> dict[str, dict]:
    from extract.ocr import PIPELINE_VERSION
    from extract.ocr_cache import OcrCache

    with OcrCache(cache_path, PIPELINE_VERSION) as cache:
        return cache.all()


def image_scores(images: list[dict], readings: dict, regions: dict) -> dict:
    """Numbers found on each image against those printed on it."""
    from extract.ocr import phones_of

    found: dict[str, set[str]] = {}
    hits = wrong = total = 0
    for image in images:
        region = regions.get(image["path"], "MY")
        numbers = {p["number"] for p in phones_of(readings[image["sha256"]], region)}
        found[image["path"]] = numbers
        truth = set(image["phones"])
        hits += len(numbers & truth)
        wrong += len(numbers - truth)
        total += len(truth)
    return {"found": found, "hits": hits, "wrong": wrong, "total": total}


def image_only_recall(ads: list[dict], found: dict[str, set[str]]) -> tuple[int, int]:
    """Of the numbers ads give only on images, how many OCR recovered."""
    hits = total = 0
    for ad in ads:
        where: dict[str, set[str]] = {}
        for phone in ad["phones"]:
            where.setdefault(phone["number"], set()).add(phone["where"])
        on_images = set().union(*(found.get(path, set()) for path in ad["images"]))
        for number, places in where.items():
            if places == {"image"}:
                total += 1
                hits += number in on_images
    return hits, total


def prefilter_figures(images: list[dict], readings: dict) -> None:
    plain = [i for i in images if i["kind"] == "plain"]
    text = [i for i in images if i["phones"]]
    skipped_plain = sum(readings[i["sha256"]]["skipped"] for i in plain)
    skipped_text = [i for i in text if readings[i["sha256"]]["skipped"]]
    hard_missed = sum(bool(i.get("hard")) for i in skipped_text)
    print(f"pre-filter: skipped {skipped_plain} of {len(plain)} plain images "
          f"({skipped_plain / max(len(plain), 1):.1%}); skipped {len(skipped_text)} "
          f"of {len(text)} images with numbers "
          f"({len(skipped_text) / max(len(text), 1):.2%}, {hard_missed} of them "
          "'hard')")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    corpus = load_corpus(args.corpus, args.ads, args.seed)
    images = read_jsonl(corpus / "truth" / "images.jsonl")
    ads = read_jsonl(corpus / "truth" / "ads.jsonl")
    paths = [corpus / "site" / image["path"].lstrip("/") for image in images]
    hard = sum(bool(i.get("hard")) for i in images)
    with_numbers = sum(bool(i["phones"]) for i in images)
    print(f"{len(images)} images ({with_numbers} with numbers, {hard} of them "
          f"'hard'), {len(ads)} ads, {args.workers} workers")  # fmt: skip

    scratch = Path(tempfile.mkdtemp(prefix="bench-ocr-cache-"))
    cache = scratch / "ocr.sqlite"
    common = {"workers": args.workers}
    timed("cold, pre-filter on", paths, cache_path=cache, **common)
    timed("cold, pre-filter off", paths, prefilter=False, **common)
    timed("warm cache", paths, cache_path=cache, **common)

    readings = readings_by_digest(cache)
    prefilter_figures(images, readings)
    scores = image_scores(images, readings, image_regions(ads))
    hits, wrong, total = scores["hits"], scores["wrong"], scores["total"]
    print(f"per image: recall {hits / total:.2%} ({hits} of {total}), precision "
          f"{hits / max(hits + wrong, 1):.2%} ({wrong} wrong)")  # fmt: skip
    only_hits, only_total = image_only_recall(ads, scores["found"])
    share = only_hits / max(only_total, 1)
    print(f"numbers ads give only on images: recall {share:.2%} "
          f"({only_hits} of {only_total})")  # fmt: skip


if __name__ == "__main__":
    main()
