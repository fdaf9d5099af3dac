"""The ways a line of text is prepared for tesseract and read by it, one pass each.

Each pass pairs a *preparation* of a straightened line with a tesseract
configuration: the characters' own pixels (ink), closeness to the ink colour,
an Otsu or an adaptive threshold, or stretched grey. Passes
of different preparations fail in different ways, which is what makes their
agreement worth more than any one of them (see :mod:`extract.ocr`).
"""

import logging
import os
from dataclasses import dataclass

import cv2
import numpy as np

logger = logging.getLogger(__name__)

# Tesseract reads best when capitals are about this many pixels tall.
TARGET_HEIGHT = 40.0
MAX_SCALE = 4.0
BORDER = 16
# A line is outlined lettering when nearly all its characters enclose a fill,
# or most do and the fills cover a good part of the area their outlines
# enclose: in solid lettering only some digits (0, 4, 6, 8, 9) have holes,
# and small ones.
ALL_FILLED = 0.95
MOSTLY_FILLED = 0.85
FILLED_AREA = 0.3
# Strength of the non-local means filter of the "denoised" preparation.
DENOISING = 10
# Tesseract's own threads only fight the process pool for the same cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

_calls = [0]


@dataclass(frozen=True, slots=True)
class Pass:
    """One reading: which preparation of a line, and tesseract's options."""

    name: str
    preparation: str
    config: str


# Cheapest and surest first: reading stops once every line is accounted for.
LINE_PASSES = (
    Pass("filled", "filled", "--psm 7"),
    Pass("ink", "ink", "--psm 7"),
    Pass("colour", "colour", "--psm 7"),
    Pass("otsu", "otsu", "--psm 7"),
    Pass("denoised", "denoised", "--psm 7"),
    Pass("grey", "grey", "--psm 7"),
    Pass("adaptive", "adaptive", "--psm 7"),
)
PICTURE_PASS = Pass("picture", "picture", "--psm 11")


@dataclass(frozen=True, slots=True)
class Reading:
    """What one pass read: the text, and each word's span in it with its confidence."""

    text: str
    words: tuple[tuple[int, int, float], ...]

    def confidence(self, start: int, end: int) -> float:
        """The lowest confidence (0 to 100) of the words overlapping a span."""
        overlapping = [c for s, e, c in self.words if s < end and e > start]
        return min(overlapping, default=0.0)


def tesseract_calls() -> int:
    """How many times this process has run tesseract (for tests and benchmarks)."""
    return _calls[0]


def prepare_line(
    line: np.ndarray,
    ink: np.ndarray,
    distance: np.ndarray,
    height: float,
) -> dict[str, np.ndarray]:
    """Every preparation of a straightened line, dark text on white.

    ``line`` is its grey pixels, ``ink`` its characters drawn black on white
    (:func:`extract.text_lines.ink`), ``distance`` each pixel's distance from
    the ink colour (:func:`extract.text_lines.colour_distance`), ``height``
    its character height.
    """
    scale = min(MAX_SCALE, max(1.0, TARGET_HEIGHT / max(height, 1.0)))
    large = cv2.resize(line, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    # A median filter removes JPEG speckle without rounding the strokes off.
    smooth = cv2.medianBlur(large, 5 if scale >= 2 else 3)
    _, otsu = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # The background is the larger part of a line crop: make it white.
    if otsu.mean() < 127:
        otsu, smooth = 255 - otsu, 255 - smooth
    grey = cv2.normalize(smooth, None, 0, 255, cv2.NORM_MINMAX)
    block = int(scale * height) // 2 * 2 + 1
    adaptive = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, max(block, 11), 10
    )
    drawn = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # Smoothing rounds off the blocky edges that enlarging the pixels leaves.
    drawn = cv2.threshold(cv2.GaussianBlur(drawn, (5, 5), 0), 127, 255, 0)[1]
    otsu = _white_behind(otsu)
    filled = _filled(otsu, smooth)
    return {
        # Outlined lettering: its fill drawn solid, and the ink pass left out,
        # since the outline closes the openings of a 3 into an 8.
        "filled": None if filled is None else _pad(filled),
        "ink": None if filled is not None else _pad(drawn),
        "colour": _pad(_white_behind(_near_ink(distance, scale))),
        "otsu": _pad(otsu),
        "denoised": _pad(_white_behind(_denoised(line, scale))),
        "adaptive": _pad(adaptive),
        "grey": _pad(grey),
    }


def _white_behind(binary: np.ndarray) -> np.ndarray:
    """A binary line with its background made white wherever it lies.

    Text laid across shapes of different shades comes out of one threshold
    white on black in places; the margin above and below the characters
    shows the background of each column, and columns whose margin is mostly
    black are inverted.
    """
    height = binary.shape[0]
    band = max(2, height // 8)
    margins = np.vstack([binary[:band], binary[-band:]])
    dark = ((margins < 128).mean(axis=0) > 0.5).astype(np.uint8) * 255
    # A run of dark columns narrower than half a line is a character, not a
    # background.
    width = min(255, max(3, height // 2 | 1))
    dark = cv2.medianBlur(dark[None, :], width)[0] > 0
    if not dark.any():
        return binary
    fixed = binary.copy()
    fixed[:, dark] = 255 - fixed[:, dark]
    return fixed


def _filled(binary: np.ndarray, grey: np.ndarray) -> np.ndarray | None:
    """The fill of outlined lettering drawn black, or ``None`` when the line's
    characters are not outlined.

    In a thresholded line of outlined characters, each outline (dark)
    encloses the character's fill (light), which may itself enclose the
    outline of a hole. The fills are the light regions two levels inside the
    background; those of the background's shade (the mouth of a 3 closed by
    its outline) are pockets, not fills, and stay white.
    """
    contours, hierarchy = cv2.findContours(
        binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE
    )
    if hierarchy is None:
        return None
    depth = _depths(hierarchy[0])
    outlines = [i for i, d in enumerate(depth) if d == 1]
    fills = [i for i, d in enumerate(depth) if d == 2]
    if (
        not outlines
        or not fills
        or not _outlined(contours, hierarchy[0], outlines, fills)
    ):
        return None
    shade = {i: _brightest_inside(grey, contours, i) for i in fills}
    background = float(np.median(grey[binary > 127]))
    fill_shade = float(np.median(list(shade.values())))
    out = np.full_like(binary, 255)
    for i in fills:
        if abs(shade[i] - background) > abs(shade[i] - fill_shade):
            cv2.drawContours(out, contours, i, 0, -1)
    for i, d in enumerate(depth):
        if d == 4:
            cv2.drawContours(out, contours, i, 255, -1)
    return out


def _outlined(contours, hierarchy: np.ndarray, outlines: list, fills: list) -> bool:
    parents = {int(hierarchy[i][3]) for i in fills}
    share = len(parents & set(outlines)) / len(outlines)
    if share >= ALL_FILLED:
        return True
    filled = sum(cv2.contourArea(contours[i]) for i in fills)
    enclosed = sum(cv2.contourArea(contours[i]) for i in outlines)
    return share >= MOSTLY_FILLED and filled >= FILLED_AREA * enclosed


def _depths(hierarchy: np.ndarray) -> list[int]:
    """How deep each contour is nested (0: outermost)."""
    depth = []
    for i in range(len(hierarchy)):
        level, parent = 0, hierarchy[i][3]
        while parent >= 0:
            level, parent = level + 1, hierarchy[parent][3]
        depth.append(level)
    return depth


def _brightest_inside(grey: np.ndarray, contours, index: int) -> float:
    x, y, w, h = cv2.boundingRect(contours[index])
    mask = np.zeros((h, w), np.uint8)
    cv2.drawContours(mask, contours, index, 255, -1, offset=(-x, -y))
    inside = grey[y : y + h, x : x + w][mask > 0]
    return float(np.percentile(inside, 75)) if inside.size else 0.0


def _denoised(line: np.ndarray, scale: float) -> np.ndarray:
    """Non-local means against heavy grain, then Otsu, background white.

    Averaging patches that look alike keeps strokes sharp where a median or
    Gaussian filter of the same strength would melt low-contrast digits.
    """
    clean = cv2.fastNlMeansDenoising(line, None, DENOISING, 7, 21)
    large = cv2.resize(clean, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    binary = cv2.threshold(large, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
    return 255 - binary if binary.mean() < 127 else binary


def _near_ink(distance: np.ndarray, scale: float) -> np.ndarray:
    """Pixels near the ink colour (below Otsu's threshold) black, the rest white."""
    near = cv2.resize(distance, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    near = cv2.medianBlur(near, 5 if scale >= 2 else 3)
    return cv2.threshold(near, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def prepare_picture(grey: np.ndarray) -> np.ndarray:
    """A whole grey picture, enlarged when small, for a sparse-text pass."""
    if max(grey.shape) < 1000:
        return cv2.resize(grey, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    return grey


def _pad(image: np.ndarray) -> np.ndarray:
    return cv2.copyMakeBorder(
        image, BORDER, BORDER, BORDER, BORDER, cv2.BORDER_CONSTANT, value=255
    )


def read(image: np.ndarray, config: str) -> Reading:
    """Run tesseract once on ``image`` and keep its words with their confidences."""
    import pytesseract

    _calls[0] += 1
    data = pytesseract.image_to_data(
        image, lang="eng", config=config, output_type=pytesseract.Output.DICT
    )
    return _reading(data)


def _reading(data: dict) -> Reading:
    """Words joined by spaces, lines by newlines, as tesseract laid them out."""
    parts: list[str] = []
    words: list[tuple[int, int, float]] = []
    length, last_line = 0, None
    for k, word in enumerate(data["text"]):
        word = word.strip()
        if not word:
            continue
        line = (data["block_num"][k], data["par_num"][k], data["line_num"][k])
        if parts:
            parts.append(" " if line == last_line else "\n")
            length += 1
        parts.append(word)
        words.append((length, length + len(word), float(data["conf"][k])))
        length += len(word)
        last_line = line
    return Reading("".join(parts), tuple(words))
