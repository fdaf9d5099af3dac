"""Phone numbers printed on images, read by tesseract with votes between passes.

An image is decoded once (capped in pixels), tested cheaply for lines of
character-like shapes (:mod:`extract.text_lines`) and skipped without OCR when
it has none. Each line is straightened and read by a cascade of passes
(:mod:`extract.ocr_passes`); the text of every pass goes through the same
phone finder as ad text (:func:`extract.phones.find_phones`).

Which numbers are believed is :mod:`extract.ocr_votes`'s rule (two
preparations agree, or one pass is confident, and no rival reading of the
line prevails). The cascade stops once every line that shows digits has such
a number, so easy images cost two or three tesseract calls a line and hard
ones up to six.

Readings, not numbers, are cached (:mod:`extract.ocr_cache`): the vote is
taken again for each region, since a number written without its calling code
belongs to the country of the ad that shows it.
"""

import hashlib
import io
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from extract import ocr_passes
from extract.ocr_consensus import digit_string
from extract.ocr_passes import LINE_PASSES, PICTURE_PASS
from extract.ocr_votes import Vote, accepted, read_elsewhere, region_of, votes
from htleads.errors import ConfigError, InputError

logger = logging.getLogger(__name__)

# Bump whenever a change to decoding, lines, passes or voting changes readings.
PIPELINE_VERSION = "ocr-18"
# Larger images are not decoded: a "decompression bomb" would exhaust memory.
MAX_PIXELS = 40_000_000
# Pictures are read at most this size (longest side); smaller ones at least
# MIN_SIDE, enlarged, so that small print reaches the character size looked for.
MAX_SIDE = 1600
MIN_SIDE = 400
# Lines with characters shorter than this many pixels are looked for again enlarged.
SMALL_PRINT = 24
# A line whose readings show fewer digits than this holds no phone number.
MIN_DIGITS = 4


@dataclass
class ImageReading:
    """Everything OCR learned of one image, region-free and cacheable as JSON."""

    sha256: str
    error: str | None = None
    skipped: bool = False
    lines: int = 0
    readings: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The reading as JSON-ready data."""
        return {
            "sha256": self.sha256,
            "error": self.error,
            "skipped": self.skipped,
            "lines": self.lines,
            "readings": self.readings,
        }


def read_phones_from_image(image: str | Path | bytes, region: str = "MY") -> list[dict]:
    """Phone numbers printed on one image (a path or its bytes), without a cache.

    Each is ``{"number", "obfuscated", "confidence", "passes"}``; ``number`` is
    E.164 when it can be placed, ``region`` being the country of the ad. An
    unreadable image gives an empty list (see :func:`ocr_images` for reasons).
    """
    try:
        data = image if isinstance(image, bytes) else Path(image).read_bytes()
    except OSError as error:
        logger.warning("Image %s cannot be read: %s", image, error)
        return []
    return phones_of(read_image(data, region).as_dict(), region)


def read_image(data: bytes, region: str = "MY", prefilter: bool = True) -> ImageReading:
    """OCR one image's bytes; never raises, an unreadable image has an ``error``.

    ``region`` only decides when the cascade may stop early; the readings
    kept serve every region. Without ``prefilter``, a picture in which no
    line of text is seen is still read whole (for benchmarks).
    """
    reading = ImageReading(hashlib.sha256(data).hexdigest())
    try:
        rgb = decode(data)
        _read_lines(rgb, reading, _regions(region), prefilter)
    except UnreadableImageError as error:
        reading.error = str(error)
    except Exception as error:
        # Decoders and tesseract fail in many ways on odd files: a reason, not a crash.
        reading.error = f"cannot read the image ({type(error).__name__}: {error})"
        logger.debug("OCR of %s failed", reading.sha256[:12], exc_info=True)
    return reading


class UnreadableImageError(InputError):
    """An image that cannot be decoded or is too large; the message says why."""


def decode(data: bytes) -> np.ndarray:
    """The image as an RGB array, at most ``MAX_SIDE`` and at least ``MIN_SIDE``."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
    except UnidentifiedImageError as error:
        raise UnreadableImageError(
            "not an image format that Pillow can read"
        ) from error
    with picture:
        if picture.width * picture.height > MAX_PIXELS:
            raise UnreadableImageError(
                f"the image has {picture.width} x {picture.height} pixels, "
                f"over the limit of {MAX_PIXELS}"
            )
        # JPEGs decode straight to a reduced size, much faster than a resize.
        picture.draft("RGB", (MAX_SIDE, MAX_SIDE))
        picture = ImageOps.exif_transpose(picture)
        picture = _flattened(picture)
        picture = _resized(picture)
        return np.asarray(picture)


def _flattened(picture):
    """RGB, with any transparency laid over white as a browser shows it."""
    from PIL import Image

    if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
        rgba = picture.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return picture.convert("RGB")


def _resized(picture):
    from PIL import Image

    side = max(picture.size)
    if side > MAX_SIDE:
        scale = MAX_SIDE / side
    elif side < MIN_SIDE:
        scale = 2.0
    else:
        return picture
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    return picture.resize(size, Image.BICUBIC)


def _read_lines(
    rgb: np.ndarray, reading: ImageReading, regions: tuple, prefilter: bool
) -> None:
    """Find the lines, then read them pass after pass until each is settled."""
    import cv2

    rgb, lines = _lines_large_enough(rgb)
    reading.lines = len(lines)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if not lines:
        reading.skipped = prefilter
        if not prefilter:
            image = ocr_passes.prepare_picture(grey)
            reading.readings.append(_run(PICTURE_PASS, image, -1))
        return
    prepared = [_prepared(rgb, grey, line) for line in lines]
    open_lines = list(range(len(lines)))
    for done, one_pass in enumerate(LINE_PASSES, start=1):
        for index in open_lines:
            image = prepared[index][one_pass.preparation]
            if image is not None:
                reading.readings.append(_run(one_pass, image, index))
        open_lines = _unsettled(reading.readings, open_lines, regions, done)
        if not open_lines:
            return
    if any(_digits_seen(reading.readings, index) for index in open_lines):
        image = ocr_passes.prepare_picture(grey)
        reading.readings.append(_run(PICTURE_PASS, image, -1))


def _prepared(rgb: np.ndarray, grey: np.ndarray, line) -> dict[str, np.ndarray]:
    from extract.text_lines import colour_distance, ink, straightened

    return ocr_passes.prepare_line(
        straightened(grey, line),
        straightened(ink(grey.shape, line), line),
        straightened(colour_distance(rgb, line), line),
        line.height,
    )


def _lines_large_enough(rgb: np.ndarray) -> tuple[np.ndarray, list]:
    """The picture's lines, looked for again at twice the size when small.

    Small print loses thin strokes and the gaps between characters, so its
    characters fail the shape tests; enlarged, they pass.
    """
    import cv2

    from extract.text_lines import find_lines

    lines = find_lines(rgb)
    if not lines or min(line.height for line in lines) >= SMALL_PRINT:
        return rgb, lines
    larger = cv2.resize(rgb, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    found = find_lines(larger)
    return (larger, found) if found else (rgb, lines)


def _run(one_pass, image: np.ndarray, line: int) -> dict:
    found = ocr_passes.read(image, one_pass.config)
    return {
        "pass": one_pass.name,
        "preparation": one_pass.preparation,
        "line": line,
        "text": found.text,
        "words": [list(word) for word in found.words],
    }


def _unsettled(readings: list[dict], lines: list[int], regions, done: int) -> list[int]:
    """The lines still worth another pass.

    A line is settled once a number of the ad's country read on it is shown
    (see :func:`_shown`); when one preparation alone found it, only once
    another preparation has read the line credibly, so that a rival reading
    could contradict it. A line is also settled when two passes have shown
    fewer than ``MIN_DIGITS`` digits on it. A neighbour's number settles
    nothing: a first digit misread (``€18 467 9384``) often leaves one.
    """
    settled = {
        line
        for vote in _shown(readings, regions)
        if vote.region == regions[0]
        and (
            len(vote.preparations) >= 2
            or (done >= 2 and read_elsewhere(vote, readings))
        )
        for line in vote.lines
    }
    return [
        index
        for index in lines
        if index not in settled
        and (_times_read(readings, index) < 2 or _digits_seen(readings, index))
    ]


def _times_read(readings: list[dict], line: int) -> int:
    return sum(r["line"] == line for r in readings)


def _digits_seen(readings: list[dict], line: int) -> bool:
    return any(
        sum(ch.isdigit() for ch in r["text"]) >= MIN_DIGITS
        for r in readings
        if r["line"] == line
    )


def _regions(region: str) -> tuple[str, ...]:
    """The ad's country and those whose numbers its ads commonly show."""
    from extract.dialling import NEIGHBOURS

    region = region.upper()
    return (region, *NEIGHBOURS.get(region, ()))


def phones_of(reading: dict, region: str = "MY") -> list[dict]:
    """The numbers a cached reading shows an ad of ``region`` (see :func:`_shown`)."""
    found = _shown(reading.get("readings") or [], _regions(region))
    return [
        {
            "number": vote.number,
            "obfuscated": vote.obfuscated,
            "confidence": round(vote.confidence, 1),
            "passes": sorted(vote.passes),
        }
        for vote in found
    ]


def ocr_images(
    paths: Sequence[str | Path],
    region: str = "MY",
    cache_path: str | Path | None = None,
    workers: int | None = None,
    prefilter: bool = True,
) -> dict[str, dict]:
    """OCR each distinct image of ``paths`` once, on ``workers`` processes.

    Returns ``{sha256: {"sha256", "phones", "error", "skipped", "cached"}}``
    for every image that could be read from disk; ``phones`` are those of
    :func:`phones_of` for ``region``. Images already in the cache at
    ``cache_path`` (a SQLite file, created if absent) are not read again.
    Never raises for a broken image: its entry has an ``error``. ``prefilter``
    is :func:`read_image`'s.
    """
    readings = _readings(paths, region, cache_path, workers, prefilter)
    return {
        digest: {
            "sha256": digest,
            "phones": phones_of(reading, region),
            "error": reading.get("error"),
            "skipped": reading.get("skipped", False),
            "cached": reading.get("cached", False),
        }
        for digest, reading in readings.items()
        if digest is not None
    }


def read_images(
    paths: Sequence[str | Path],
    cache_path: str | Path | None = None,
    workers: int | None = None,
    region: str = "MY",
) -> list[str]:
    """The numbers on each image as text, one per line, in the order of ``paths``.

    This is the form the extraction pipeline reads with the phone finder in
    the ad's country: a number accepted in ``region`` or a neighbouring
    country is written as the image showed it (E.164 when it carried a ``+``,
    the national form otherwise). An unreadable image gives ``""``.
    """
    readings = _readings(paths, region, cache_path, workers)
    texts = {digest: _as_text(r, region) for digest, r in readings.items() if digest}
    return [texts.get(digest, "") for digest in readings.order]


def _as_text(reading: dict, region: str) -> str:
    """The numbers :func:`_shown` for ``region``, one a line, as written."""
    regions = _regions(region)
    shown = _shown(reading.get("readings") or [], regions)
    return "\n".join(_as_written(vote, vote.region) for vote in shown)


def _shown(readings: list[dict], regions: tuple[str, ...]) -> list[Vote]:
    """The numbers accepted in the ad's country, or next door when well backed.

    ``regions`` is the ad's country then its neighbours. A number accepted
    when voting in a neighbouring country counts as of the vote's own country
    there, so one confident pass would suffice; but a digit misread in a
    number of the ad's country often leaves one valid only next door. Those
    need two preparations, or the ``+`` written before them; a line that
    already shows a number of the ad's country shows no other (the same
    digits are often valid in two countries); and most readings of the line
    must not show a longer number, of which a short foreign one would be a
    part misread. For the same reason a neighbour's number is never one that
    only a minority of the readings agreeing on a line read whole.
    """
    shown: dict[str, Vote] = {}
    taken: set[int] = set()
    for country in regions:
        home = country == regions[0]
        for vote in accepted(votes(readings, country, fallbacks=home)):
            if vote.number in shown or not _of_country(vote, country):
                continue
            if not home and (
                not _well_backed(vote)
                or (vote.lines - {-1}) & taken
                or _part_of_longer(vote, readings)
            ):
                continue
            shown[vote.number] = vote
        taken.update(line for vote in shown.values() for line in vote.lines)
    return list(shown.values())


def _of_country(vote: Vote, country: str) -> bool:
    """Whether a number is of the country voted in, or was written with its
    calling code: the phone finder also places numbers in the countries next
    door, which are voted in on their own."""
    return (
        vote.written.lstrip().startswith(("+", "＋"))
        or region_of(vote.number) == country
    )


def _part_of_longer(vote: Vote, readings: list[dict]) -> bool:
    """Whether most readings of the vote's lines show more digits than it."""
    mine = len(digit_string(vote.written)[0])
    lengths = [
        len(digit_string(r["text"])[0])
        for r in readings
        if r["line"] in vote.lines and r["line"] >= 0
    ]
    return sum(length > mine for length in lengths) * 2 > len(lengths)


def _well_backed(vote: Vote) -> bool:
    return len(vote.preparations) >= 2 or vote.written.lstrip().startswith(("+", "＋"))


def _as_written(vote: Vote, region: str) -> str:
    import phonenumbers

    if vote.written.lstrip().startswith(("+", "＋")):
        return vote.number
    number = phonenumbers.parse(vote.number, None)
    if phonenumbers.region_code_for_number(number) != region:
        return vote.number
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class _Readings(dict):
    """Readings by SHA-256, and the SHA-256 of each input path in order."""

    order: list[str | None]


def _readings(
    paths, region: str, cache_path, workers: int | None, prefilter: bool = True
) -> _Readings:
    """Hash every file, take what the cache holds, OCR the rest in a pool."""
    from extract.ocr_cache import OcrCache

    _check_tesseract()
    blobs = _load(paths)
    readings = _Readings()
    readings.order = [digest for digest, _ in blobs]
    wanted = {digest: data for digest, data in blobs if digest is not None}
    cache = OcrCache(cache_path, PIPELINE_VERSION) if cache_path else None
    try:
        if cache is not None:
            for digest, found in cache.get_many(list(wanted)).items():
                readings[digest] = {**found, "cached": True}
        missing = [(d, data) for d, data in wanted.items() if d not in readings]
        fresh = _read_all(missing, region, workers, prefilter)
        readings.update(fresh)
        if cache is not None and fresh:
            cache.put_many(fresh)
    finally:
        if cache is not None:
            cache.close()
    logger.info(
        "OCR: %d images, %d from the cache, %d read",
        len(wanted),
        len(wanted) - len(missing),
        len(missing),
    )
    return readings


def _load(paths) -> list[tuple[str | None, bytes | None]]:
    loaded = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            logger.warning("Image %s cannot be read: %s", path, error)
            loaded.append((None, None))
            continue
        loaded.append((hashlib.sha256(data).hexdigest(), data))
    return loaded


def _read_all(
    jobs: list[tuple[str, bytes]], region: str, workers: int | None, prefilter: bool
) -> dict:
    """Readings of ``jobs`` (digest, bytes) as dicts, in a process pool if worth it."""
    workers = workers or os.cpu_count() or 1
    tasks = [(data, region, prefilter) for _, data in jobs]
    if workers <= 1 or len(jobs) <= 1:
        results = map(_read_task, tasks)
    else:
        from multiprocessing import get_context

        pool = get_context("spawn").Pool(min(workers, len(jobs)))
        with pool:
            results = list(pool.imap(_read_task, tasks, chunksize=1))
    return {digest: result for (digest, _), result in zip(jobs, results, strict=True)}


def _read_task(task: tuple[bytes, str, bool]) -> dict:
    return read_image(*task).as_dict()


def _check_tesseract() -> None:
    import pytesseract

    try:
        pytesseract.get_tesseract_version()
    except pytesseract.TesseractNotFoundError as error:
        raise ConfigError(
            "Tesseract is not installed, so images cannot be read. Install it with "
            "`apt-get install tesseract-ocr`, or run without OCR."
        ) from error
