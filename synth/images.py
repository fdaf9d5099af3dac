"""Abstract pictures, some with a phone number on them, rendered once each with Pillow.

No image shows a person: backgrounds are gradients, stripes, shapes and noise.
A spec carries its own seed, so an image's bytes depend on nothing else and the
pool can be rendered in any order, by any number of worker processes.
"""

import hashlib
import io
import logging
import multiprocessing
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from synth.obfuscation import groups
from synth.phones import Phone

logger = logging.getLogger(__name__)

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/freefont",
)
FONT_FILES = (
    "DejaVuSans-Bold.ttf",
    "DejaVuSans.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSansCondensed-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationMono-Bold.ttf",
    "LiberationSansNarrow-Bold.ttf",
    "FreeSansBold.ttf",
    "FreeSerifBold.ttf",
    "FreeMonoBold.ttf",
    "FreeSans.ttf",
)
LABELS = ("WhatsApp", "Call / SMS", "WA", "Hubungi", "Call me", "Tel", "Booking", "")


@dataclass(frozen=True, slots=True)
class ImageSpec:
    """What to render: a plain picture, or one with numbers written on it."""

    key: str
    kind: str
    seed: int
    texts: tuple[str, ...]
    numbers: tuple[str, ...]
    hard: bool


def phone_text(phone: Phone, international: bool, rng: random.Random) -> str:
    """A number as an image shows it: plain digits in groups, no tricks."""
    digits = phone.international if international else phone.national
    parts = groups(digits, rng)
    separator = rng.choice((" ", "-", " ", "-"))
    return separator.join(parts)


@cache
def available_fonts() -> tuple[str, ...]:
    """The font files found on this machine, in a fixed order."""
    found = []
    for name in FONT_FILES:
        for folder in FONT_DIRS:
            path = os.path.join(folder, name)
            if os.path.exists(path):
                found.append(path)
    if not found:
        logger.warning(
            "No TrueType fonts found in %s; install fonts-dejavu-core, "
            "fonts-liberation and fonts-freefont-ttf for varied images.",
            ", ".join(FONT_DIRS),
        )
    return tuple(found)


@cache
def _font(path: str | None, size: int) -> ImageFont.FreeTypeFont:
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(path, size)


@cache
def _noise_tile() -> np.ndarray:
    """Fixed Gaussian noise, cropped at a seeded offset: cheaper than new noise."""
    return (
        np.random.default_rng(20150501).standard_normal((1024, 1024)).astype(np.float32)
    )


def render(spec: ImageSpec) -> tuple[bytes, str]:
    """The encoded bytes of the image and its extension (``jpg`` or ``png``).

    A PNG stands for a clean graphic, so it gets no grain; a JPEG gets grain,
    and a hard one also blur and heavy compression.
    """
    rng = random.Random(spec.seed)
    width = rng.randrange(360, 561, 8)
    height = int(width * rng.uniform(0.68, 0.82)) // 8 * 8
    picture = _background(rng, width, height)
    if spec.texts:
        picture = _write_numbers(picture, spec, rng)
    if not spec.hard and rng.random() < 0.08:
        return _encoded(picture, "PNG", compress_level=6), "png"

    picture = _add_noise(picture, rng, 16.0 if spec.hard else rng.uniform(1.5, 5.0))
    if spec.hard:
        picture = picture.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    quality = rng.randint(25, 45) if spec.hard else rng.randint(68, 90)
    return _encoded(picture, "JPEG", quality=quality), "jpg"


def _background(rng: random.Random, width: int, height: int) -> Image.Image:
    painters = (_linear, _radial, _stripes)
    picture = rng.choice(painters)(rng, width, height)
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(2, 9)):
        _shape(draw, rng, width, height)
    return picture


def _colour(rng: random.Random, low: int = 0, high: int = 255) -> tuple[int, int, int]:
    return tuple(rng.randint(low, high) for _ in range(3))


def _linear(rng: random.Random, width: int, height: int) -> Image.Image:
    """A two-colour ramp, computed small and enlarged (smooth, so nothing is lost)."""
    small_w, small_h = width // 8, height // 8
    start = np.array(_colour(rng), dtype=np.float32)
    end = np.array(_colour(rng), dtype=np.float32)
    angle = rng.uniform(0, np.pi)
    xs = np.linspace(0, 1, small_w, dtype=np.float32)[None, :] * np.cos(angle)
    ys = np.linspace(0, 1, small_h, dtype=np.float32)[:, None] * np.sin(angle)
    ramp = xs + ys
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    return _enlarged(start + ramp[..., None] * (end - start), width, height)


def _radial(rng: random.Random, width: int, height: int) -> Image.Image:
    inner = np.array(_colour(rng), dtype=np.float32)
    outer = np.array(_colour(rng), dtype=np.float32)
    small_w, small_h = width // 8, height // 8
    cx, cy = rng.uniform(0, small_w), rng.uniform(0, small_h)
    xs = (np.arange(small_w, dtype=np.float32)[None, :] - cx) ** 2
    ys = (np.arange(small_h, dtype=np.float32)[:, None] - cy) ** 2
    distance = np.sqrt(xs + ys)
    distance /= float(distance.max())
    return _enlarged(inner + distance[..., None] * (outer - inner), width, height)


def _enlarged(pixels: np.ndarray, width: int, height: int) -> Image.Image:
    small = Image.fromarray(pixels.astype(np.uint8), "RGB")
    return small.resize((width, height), Image.BILINEAR)


def _stripes(rng: random.Random, width: int, height: int) -> Image.Image:
    picture = Image.new("RGB", (width, height), _colour(rng))
    draw = ImageDraw.Draw(picture)
    band = rng.randint(12, 60)
    colours = (_colour(rng), _colour(rng))
    for k, x in enumerate(range(-height, width + height, band)):
        polygon = [
            (x, 0),
            (x + band, 0),
            (x + band - height, height),
            (x - height, height),
        ]
        draw.polygon(polygon, fill=colours[k % 2])
    return picture


def _shape(draw: ImageDraw.ImageDraw, rng: random.Random, width: int, height: int):
    x0, y0 = rng.uniform(-50, width), rng.uniform(-50, height)
    size = rng.uniform(20, max(width, height) / 2)
    box = (x0, y0, x0 + size, y0 + size * rng.uniform(0.5, 1.5))
    kind = rng.randrange(3)
    if kind == 0:
        draw.ellipse(box, fill=_colour(rng))
    elif kind == 1:
        draw.rectangle(box, fill=_colour(rng))
    else:
        draw.line(box, fill=_colour(rng), width=rng.randint(2, 12))


def _write_numbers(picture: Image.Image, spec: ImageSpec, rng) -> Image.Image:
    """Draw an optional label and the numbers on a layer, tilt it, lay it on."""
    fonts = available_fonts()
    path = rng.choice(fonts) if fonts else None
    label = rng.choice(LABELS)
    lines = ([label] if label else []) + list(spec.texts)
    width, height = picture.size
    share = rng.uniform(0.35, 0.5) if spec.hard else rng.uniform(0.6, 0.88)
    font = _fitting_font(path, max(spec.texts, key=len), int(width * share))

    layer = _text_layer(lines, font, spec.hard, rng)
    limit = 12.0 if spec.hard else 4.0
    angle = rng.uniform(-limit, limit) if rng.random() < 0.7 else 0.0
    if angle:
        layer = layer.rotate(angle, Image.BILINEAR, expand=True)
    if layer.width > width or layer.height > height:
        layer.thumbnail((width, height))
    x = rng.randint(0, width - layer.width)
    y = rng.randint(0, height - layer.height)
    picture.paste(layer, (x, y), layer)
    return picture


def _fitting_font(path: str | None, text: str, target: int) -> ImageFont.FreeTypeFont:
    probe = _font(path, 40)
    measured = max(1.0, probe.getlength(text))
    size = max(12, min(90, int(40 * target / measured)))
    return _font(path, size)


def _text_layer(lines: list[str], font, hard: bool, rng) -> Image.Image:
    """Text on a transparent layer, over a panel or with an outline for contrast."""
    spacing = font.size // 3
    boxes = [font.getbbox(line) for line in lines]
    text_w = max(box[2] - box[0] for box in boxes)
    text_h = sum(box[3] - box[1] for box in boxes) + spacing * (len(lines) - 1)
    pad = font.size // 2
    layer = Image.new("RGBA", (text_w + 2 * pad, text_h + 2 * pad), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)

    ink, panel = _inks(rng, hard)
    outline = not hard and rng.random() < 0.2
    if not outline:
        draw.rounded_rectangle((0, 0, *layer.size), radius=pad, fill=panel)
    y = pad
    for line, box in zip(lines, boxes, strict=True):
        stroke = {"stroke_width": 2, "stroke_fill": panel[:3]} if outline else {}
        draw.text((pad - box[0], y - box[1]), line, font=font, fill=ink, **stroke)
        y += box[3] - box[1] + spacing
    return layer


def _inks(rng: random.Random, hard: bool) -> tuple[tuple, tuple]:
    """Text and panel colours: far apart, or close together for a hard image."""
    dark, light = _colour(rng, 0, 70), _colour(rng, 185, 255)
    if hard:
        dark, light = _colour(rng, 70, 120), _colour(rng, 130, 180)
    ink, panel = (dark, light) if rng.random() < 0.5 else (light, dark)
    return ink + (255,), panel + (rng.randint(200, 255),)


def _add_noise(picture: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    """Grey Gaussian grain over the picture, added in Pillow's C code."""
    width, height = picture.size
    tile = _noise_tile()
    x, y = rng.randrange(1024 - width), rng.randrange(1024 - height)
    grain = np.clip(tile[y : y + height, x : x + width] * sigma + 128, 0, 255)
    noise = Image.fromarray(grain.astype(np.uint8), "L").convert("RGB")
    return ImageChops.add(picture, noise, 1.0, -128)


def _encoded(picture: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, image_format, **options)
    return buffer.getvalue()


def store(spec: ImageSpec, folder: Path) -> tuple[str, str]:
    """Render one image into ``folder`` under its content hash; return hash and name."""
    data, extension = render(spec)
    digest = hashlib.sha256(data).hexdigest()
    name = f"{digest}.{extension}"
    target = folder / name
    if not target.exists():
        partial = folder / f".{name}.{os.getpid()}"
        partial.write_bytes(data)
        os.replace(partial, target)
    return digest, name


def store_all(
    specs: list[ImageSpec],
    folder: Path,
    workers: int,
    tick: Callable[[], None] | None = None,
) -> Iterator[tuple[ImageSpec, str, str]]:
    """Render every spec with ``workers`` processes; yield spec, hash, name in order."""
    folder.mkdir(parents=True, exist_ok=True)
    if workers <= 1 or len(specs) < 64:
        results = (store(spec, folder) for spec in specs)
        yield from _with_ticks(specs, results, tick)
        return
    # A forked child of a process with threads (a progress bar's, a server's)
    # can inherit a held lock and hang; the fork server starts clean.
    context = multiprocessing.get_context("forkserver")
    with context.Pool(workers) as pool:
        results = pool.imap(_store_in_worker, [(s, folder) for s in specs], 32)
        yield from _with_ticks(specs, results, tick)


def _store_in_worker(job: tuple[ImageSpec, Path]) -> tuple[str, str]:
    return store(*job)


def _with_ticks(specs, results, tick) -> Iterator[tuple[ImageSpec, str, str]]:
    for spec, (digest, name) in zip(specs, results, strict=True):
        if tick is not None:
            tick()
        yield spec, digest, name
