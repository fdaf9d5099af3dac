"""Write a whole synthetic corpus: site, truth and Twitter files, streaming the ads."""

import json
import logging
import os
import random
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from htleads.errors import InputError
from synth import pages
from synth.ads import Ad, AdMaker
from synth.images import store_all
from synth.listing import Listings
from synth.places import SECTIONS
from synth.population import Population, build_population
from synth.twitter import write_twitter

logger = logging.getLogger(__name__)

MIN_ADS = 10
BROKEN_KINDS = ("missing", "error", "truncated", "legacy")
ERROR_STATUS = {"missing": 404, "error": 500}
TRUNCATE_AT = 0.55


@dataclass(frozen=True, slots=True)
class Summary:
    """What a run wrote, for the log line and the command's output."""

    ads: int
    images: int
    listing_pages: int
    phones: int
    posters: int
    networks: int

    def as_dict(self) -> dict:
        return {
            "ads": self.ads,
            "images": self.images,
            "listing_pages": self.listing_pages,
            "phones": self.phones,
            "posters": self.posters,
            "networks": self.networks,
        }


def generate(
    n_ads: int,
    seed: int,
    out: Path,
    images: bool = True,
    workers: int | None = None,
    progress: bool = False,
) -> Summary:
    """Write ``n_ads`` ads drawn from ``seed`` under ``out``; same seed, same bytes."""
    _check_target(n_ads, out)
    site, truth = out / "site", out / "truth"
    for folder in (site / "ad", site / "private" / "ad", truth):
        folder.mkdir(parents=True, exist_ok=True)

    population = build_population(n_ads, seed, images)
    image_paths = _render_images(population, site, truth, workers, progress)
    write_twitter(out / "twitter", population.agencies, seed)
    kinds = page_kinds(n_ads, seed)
    maker = AdMaker(population, image_paths, n_ads, seed, kinds)
    listings = Listings(out / ".listings")
    errors = _write_ads(maker, n_ads, site, truth, listings, progress)
    listing_pages = _write_site_files(site, listings, errors, progress)
    _write_population(truth, population)

    summary = Summary(
        ads=n_ads,
        images=len(set(image_paths.values())),
        listing_pages=listing_pages,
        phones=sum(len(p.phones) for p in population.posters),
        posters=len(population.posters),
        networks=len(population.networks),
    )
    _write_json(
        truth / "summary.json", {"seed": seed, "images": images, **summary.as_dict()}
    )
    logger.info("Synthetic corpus in %s: %s", out, summary.as_dict())
    return summary


def _check_target(n_ads: int, out: Path) -> None:
    if n_ads < MIN_ADS:
        raise InputError(
            f"Ask for at least {MIN_ADS} ads (got {n_ads}), so that every kind of "
            "page, broken ones included, can exist."
        )
    for part in ("site", "truth", "twitter"):
        if (out / part).exists():
            raise InputError(
                f"{out / part} already exists. Remove it or choose another --out, "
                "so that the corpus holds one seed's files only."
            )


def page_kinds(n_ads: int, seed: int) -> dict[int, str]:
    """Which ads get a private or broken page; every other ad gets a normal one.

    One of each broken kind per 5,000 ads (at least one) and one private ad in
    200 (at least one), at positions drawn from the seed.
    """
    rng = random.Random(f"{seed}/pages")
    per_kind = 1 + n_ads // 5000
    private = max(1, n_ads // 200)
    kinds = [kind for kind in BROKEN_KINDS for _ in range(per_kind)]
    kinds += ["private"] * private
    positions = rng.sample(range(n_ads), len(kinds))
    return dict(zip(positions, kinds, strict=True))


def _render_images(population: Population, site, truth, workers, progress) -> dict:
    """Render the image pool once; map each image key to its site path."""
    paths: dict[str, str] = {}
    seen: set[str] = set()
    bar = tqdm(total=len(population.images), desc="images", disable=not progress)
    workers = workers if workers is not None else os.cpu_count() or 1
    with open(truth / "images.jsonl", "w", encoding="utf-8") as listing:
        results = store_all(population.images, site / "img", workers, bar.update)
        for spec, digest, name in results:
            path = f"/img/{name}"
            paths[spec.key] = path
            if path in seen:
                continue
            seen.add(path)
            record = {
                "path": path,
                "sha256": digest,
                "phones": list(spec.numbers),
                "kind": spec.kind,
                "hard": spec.hard,
            }
            listing.write(json.dumps(record) + "\n")
    bar.close()
    return paths


def _write_ads(maker, n_ads, site, truth, listings, progress) -> dict[str, int]:
    """Make and write every ad in order; return the statuses of broken addresses."""
    errors: dict[str, int] = {}
    with open(truth / "ads.jsonl", "w", encoding="utf-8") as records:
        for index in tqdm(range(n_ads), desc="ads", disable=not progress):
            ad = maker.make(index)
            _write_ad_page(site, ad)
            if ad.page in ERROR_STATUS:
                errors[ad.url_path] = ERROR_STATUS[ad.page]
            listings.add(ad.section, ad.url_path, ad.title, ad.truth["posted_at"])
            records.write(json.dumps(ad.truth, ensure_ascii=False) + "\n")
    return errors


def _write_ad_page(site: Path, ad: Ad) -> None:
    if ad.page in ERROR_STATUS:
        return
    target = site / ad.url_path.lstrip("/")
    if ad.page == "legacy":
        charset, codec = (
            ("gb2312", "gb2312") if ad.language == "zh" else ("windows-1252", "cp1252")
        )
        data = pages.ad_page(ad, charset).encode(codec, errors="xmlcharrefreplace")
    else:
        data = pages.ad_page(ad).encode("utf-8")
    if ad.page == "truncated":
        data = data[: int(len(data) * TRUNCATE_AT)]
    with open(target, "wb") as page:
        page.write(data)


def _write_site_files(site: Path, listings: Listings, errors, progress) -> int:
    """Listing pages, home page, robots.txt, style sheet and ``_errors.json``."""
    total_pages = sum(-(-n // 20) for n in listings.counts.values())
    bar = tqdm(total=total_pages, desc="listing pages", disable=not progress)
    written = listings.write_pages(site, bar.update)
    bar.close()
    counts = [(s, listings.counts[s.slug]) for s in SECTIONS if listings.counts[s.slug]]
    (site / "index.html").write_text(pages.home_page(counts), encoding="utf-8")
    (site / "robots.txt").write_text(pages.ROBOTS, encoding="utf-8")
    (site / "style.css").write_text(pages.STYLESHEET, encoding="utf-8")
    _write_json(site / "_errors.json", dict(sorted(errors.items())))
    return written


def _write_population(truth: Path, population: Population) -> None:
    with open(truth / "posters.jsonl", "w", encoding="utf-8") as out:
        for poster in population.posters:
            record = {
                "poster_id": poster.poster_id,
                "network_id": poster.network_id,
                "phones": [phone.e164 for phone in poster.phones],
                "cities": sorted(poster.cities),
                "organised": poster.network_id is not None,
            }
            out.write(json.dumps(record) + "\n")
    with open(truth / "networks.jsonl", "w", encoding="utf-8") as out:
        for network in population.networks:
            record = {
                "network_id": network.network_id,
                "posters": [poster.poster_id for poster in network.posters],
                "phones": [phone.e164 for phone in network.phones],
                "cities": sorted({c for p in network.posters for c in p.cities}),
                "nationality": network.nationality,
                "agency": network.agency.name if network.agency else None,
            }
            out.write(json.dumps(record) + "\n")


def _write_json(path: Path, value: dict) -> None:
    path.write_text(
        json.dumps(value, indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )
