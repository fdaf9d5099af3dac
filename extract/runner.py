"""``htleads extract``: raw ads in, extracted ads out, streaming, on every core."""

import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from tqdm import tqdm

from extract import records
from extract.records import Reject

logger = logging.getLogger(__name__)

# Chunks of a batch handed to each worker.
CHUNKS_PER_WORKER = 16


@dataclass
class Options:
    """How to run an extraction; every field has the CLI's default."""

    ocr: bool = True
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    batch_size: int = 2000
    region: str | None = None
    ocr_cache: Path | None = None
    progress: bool = True


@dataclass
class Summary:
    """Counts of one run, printed at its end."""

    lines: int = 0
    extracted: int = 0
    rejected: int = 0
    images: int = 0
    images_missing: int = 0
    phones_text: int = 0
    phones_image: int = 0
    seconds: float = 0.0

    def lines_of_text(self) -> list[str]:
        rate = self.extracted / self.seconds if self.seconds else 0.0
        return [
            f"ads extracted:   {self.extracted} of {self.lines} lines "
            f"({rate:.0f} ads/s)",
            f"lines rejected:  {self.rejected}",
            f"images:          {self.images} distinct, {self.images_missing} missing",
            f"phones:          {self.phones_text} from text, "
            f"{self.phones_image} from images",
            f"duration:        {self.seconds:.1f} s",
        ]


def extract_file(
    raw: Path, out: Path, rejects: Path, options: Options | None = None
) -> Summary:
    """Extract each readable line of ``raw`` into ``out``; the rest go to ``rejects``.

    Lines are read and written in order, a batch at a time, so memory does not
    grow with the input. Image paths are read relative to ``raw``'s folder.
    """
    options = options or Options()
    summary = Summary()
    began = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        raw.open("rb") as source,
        out.open("w", encoding="utf-8") as sink,
        rejects.open("w", encoding="utf-8") as rejected,
        _pool(options.workers) as pool,
        tqdm(
            desc="extract", unit=" ads", disable=not options.progress, leave=False
        ) as bar,
    ):
        for batch in _batches(records.read_lines(source), options.batch_size):
            ads = _split(batch, rejected, summary)
            found = _describe_images(_image_paths(ads, raw.parent), options, pool)
            summary.images += len(found)
            summary.images_missing += sum(1 for f in found.values() if f["reason"])
            for lines, count, from_text, from_images in _map(
                pool, ads, found, raw, options
            ):
                sink.write(lines)
                summary.extracted += count
                summary.phones_text += from_text
                summary.phones_image += from_images
            bar.update(len(batch))
    summary.seconds = time.perf_counter() - began
    logger.info(
        "extracted %d ads, rejected %d lines in %.1f s",
        summary.extracted,
        summary.rejected,
        summary.seconds,
    )
    return summary


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _split(batch: list, rejected, summary: Summary) -> list[dict]:
    ads = []
    for _, item in batch:
        summary.lines += 1
        if isinstance(item, Reject):
            rejected.write(json.dumps(item.as_dict(), ensure_ascii=False) + "\n")
            summary.rejected += 1
            logger.warning("line %d rejected: %s", item.line, item.reason)
        else:
            ads.append(item)
    return ads


def _image_paths(ads: list[dict], base: Path) -> list[Path]:
    seen: dict[Path, None] = {}
    for ad in ads:
        for relative in ad.get("images") or []:
            seen[base / relative] = None
    return list(seen)


def _describe_images(paths: list[Path], options: Options, pool) -> dict[Path, dict]:
    """Hashes (and OCR text) of each distinct image of a batch, computed once."""
    from extract.images import hash_image_file

    if pool is None:
        hashed = map(hash_image_file, paths)
    else:
        size = _chunk_size(len(paths), options.workers)
        hashed = pool.map(hash_image_file, paths, chunksize=size)
    facts = dict(zip(paths, hashed, strict=True))
    if options.ocr:
        _read_images(facts, options)
    return facts


def _read_images(facts: dict[Path, dict], options: Options) -> None:
    from extract.ocr import read_images

    readable = [path for path, fact in facts.items() if fact["sha256"]]
    # Without --region, images are read for Malaysia and its neighbours (the
    # synthetic corpus's countries); each ad then places the numbers itself.
    texts = read_images(
        readable, options.ocr_cache, options.workers, region=options.region or "MY"
    )
    for path, text in zip(readable, texts, strict=True):
        facts[path]["text"] = text


def _map(pool, ads: list[dict], found: dict, raw: Path, options: Options):
    """The batch's extracted lines, a chunk at a time, in order.

    A worker returns a whole chunk as one string: passing ads back one by one
    costs the parent more than reading and writing them.
    """
    region = options.region
    tasks = [(ad, _images_of(ad, found, raw.parent), region) for ad in ads]
    size = _chunk_size(len(tasks), options.workers)
    chunks = [tasks[start : start + size] for start in range(0, len(tasks), size)]
    if pool is None:
        return map(_extract_chunk, chunks)
    return pool.map(_extract_chunk, chunks)


def _chunk_size(items: int, workers: int) -> int:
    """Small chunks, so that no worker idles long at the end of a batch."""
    return max(1, items // (CHUNKS_PER_WORKER * max(1, workers)))


def _images_of(ad: dict, found: dict, base: Path) -> list[dict]:
    return [
        {**found.get(base / relative, {}), "path": relative}
        for relative in ad.get("images") or []
    ]


def _extract_chunk(tasks: list[tuple]) -> tuple[str, int, int, int]:
    """Extracted ads as JSON lines, with their count and phones from text and images.

    The lines are written here, in the worker, so that the parent only copies
    them out: encoding on every core beats encoding in one.
    """
    from extract.pipeline import extract_ad

    lines, from_text, from_images = [], 0, 0
    for ad, image_facts, region in tasks:
        extracted = extract_ad(ad, image_facts, region=region)
        phones = extracted.get("phones") or []
        on_images = sum(1 for phone in phones if phone.get("source") == "image")
        from_images += on_images
        from_text += len(phones) - on_images
        lines.append(json.dumps(extracted, ensure_ascii=False) + "\n")
    return "".join(lines), len(tasks), from_text, from_images


def _pool(workers: int):
    # Forking a process that runs threads (a crawl's reactor, a progress bar's
    # monitor) can copy a held lock into the child and hang it; the fork
    # server starts workers from a clean process.
    if workers <= 1:
        return nullcontext()
    context = get_context("forkserver")
    # Not multiprocessing.Pool: its worker-minding thread wakes whenever a
    # result waits in the pipe, and spins while a large one is read.
    return ProcessPoolExecutor(workers, mp_context=context)
