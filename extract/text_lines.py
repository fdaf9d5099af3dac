"""Lines of character-like shapes in a picture: the cheap test for text, and its crops.

Stable regions (MSER) of a character's size and shape are linked into lines
when they sit side by side at a similar height. A picture without such a line
holds no readable phone number, so OCR skips it; a picture with lines is read
one straightened crop per line, which keeps busy backgrounds out of the
thresholds that tesseract sees.
"""

from dataclasses import dataclass

import cv2
import numpy as np

# Fewer than this many character shapes in a row is a word, not a number.
MIN_CHARACTERS = 4
MIN_HEIGHT = 8
WIDTH_TO_HEIGHT = (0.1, 1.3)
# Regions filling more of their convex hull than this are not characters.
MAX_SOLIDITY = 0.9


@dataclass(frozen=True, slots=True)
class Line:
    """Character boxes (x, y, w, h) that read as one line, its slope and height."""

    boxes: np.ndarray
    angle: float
    height: float


def find_lines(rgb: np.ndarray) -> list[Line]:
    """The text-like lines of an RGB picture, or an empty list for a plain one."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    # MSER's stability step coarse first (few spurious shapes), then finer for
    # faint text; the brightest channel keeps text that differs from its panel
    # more in hue than in brightness; smoothing joins up grainy strokes. The
    # first attempt that finds a line wins, so a plain picture costs all four.
    smooth = cv2.GaussianBlur(grey, (5, 5), 0)
    attempts = [(grey, 5), (grey, 3), (rgb.max(axis=2), 3), (smooth, 2)]
    for channel, delta in attempts:
        groups = _group(character_boxes(channel, delta))
        if groups:
            return [_line(group) for group in groups]
    return []


def character_boxes(grey: np.ndarray, delta: int) -> np.ndarray:
    """Bounding boxes of stable regions shaped like a character, one row each."""
    height, width = grey.shape
    mser = cv2.MSER_create(delta, 30, max(60, height * width // 20))
    regions, boxes = mser.detectRegions(grey)
    boxes = np.asarray(boxes, dtype=np.int32).reshape(-1, 4)
    h = boxes[:, 3]
    ratio = boxes[:, 2] / np.maximum(h, 1)
    low, high = WIDTH_TO_HEIGHT
    keep = (h >= MIN_HEIGHT) & (h <= height / 3) & (ratio >= low) & (ratio <= high)
    # A shape cut by the picture's edge is no readable character.
    x, y, w = boxes[:, 0], boxes[:, 1], boxes[:, 2]
    keep &= (x > 1) & (y > 1) & (x + w < width - 1) & (y + h < height - 1)
    kept = [
        k
        for k in _distinct(boxes, np.flatnonzero(keep))
        if _solidity(regions[k]) < MAX_SOLIDITY
    ]
    return boxes[kept].reshape(-1, 4)


def _distinct(boxes: np.ndarray, indices: np.ndarray) -> list[int]:
    """Indices of boxes, less those within two pixels of the previous one.

    MSER finds the same character at several thresholds, nested.
    """
    if len(indices) == 0:
        return []
    order = indices[np.lexsort((boxes[indices, 1], boxes[indices, 0]))]
    kept = [order[0]]
    for k in order[1:]:
        if np.any(np.abs(boxes[k] - boxes[kept[-1]]) > 2):
            kept.append(k)
    return kept


def _solidity(points: np.ndarray) -> float:
    """The share of its convex hull that a region fills.

    Strokes bend and enclose holes; pieces of stripes, bars and blobs in a
    plain picture are convex.
    """
    hull = cv2.convexHull(points.reshape(-1, 1, 2))
    return len(points) / max(cv2.contourArea(hull), 1.0)


def _group(boxes: np.ndarray) -> list[np.ndarray]:
    """Link neighbouring boxes of similar height into lines (union-find)."""
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _neighbours(boxes):
        parent[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        members.setdefault(root(i), []).append(i)
    return [boxes[m] for m in members.values() if len(m) >= MIN_CHARACTERS]


def _neighbours(boxes: np.ndarray):
    """Pairs of boxes close enough, level enough and alike enough to share a line."""
    x, y, w, h = (boxes[:, k].astype(float) for k in range(4))
    cx, cy = x + w / 2, y + h / 2
    order = np.argsort(x, kind="stable")
    for rank, i in enumerate(order):
        for j in order[rank + 1 :]:
            gap = x[j] - (x[i] + w[i])
            # Boxes are sorted by left edge, so gaps only grow from here on.
            if gap > 2.1 * h[i]:
                break
            tall, short = max(h[i], h[j]), min(h[i], h[j])
            # Characters of a line stand side by side, never one inside another.
            if gap > 1.5 * tall or gap < -0.25 * min(w[i], w[j]) or tall > 1.4 * short:
                continue
            # A slope allowance keeps lines tilted by up to about 14 degrees.
            if abs(cy[i] - cy[j]) <= 0.35 * tall + 0.25 * abs(cx[j] - cx[i]):
                yield i, j


def _line(boxes: np.ndarray) -> Line:
    cx = boxes[:, 0] + boxes[:, 2] / 2
    cy = boxes[:, 1] + boxes[:, 3] / 2
    height = float(np.median(boxes[:, 3]))
    angle = 0.0
    if np.ptp(cx) > 2 * height:
        angle = float(np.degrees(np.arctan(np.polyfit(cx, cy, 1)[0])))
    return Line(boxes, angle, height)


def straightened(grey: np.ndarray, line: Line) -> np.ndarray:
    """The line cut out of ``grey`` and rotated level, with a margin around it."""
    boxes = line.boxes.astype(np.float32)
    centre = (
        float(np.mean(boxes[:, 0] + boxes[:, 2] / 2)),
        float(np.mean(boxes[:, 1] + boxes[:, 3] / 2)),
    )
    turn = cv2.getRotationMatrix2D(centre, line.angle, 1.0)
    height, width = grey.shape
    level = cv2.warpAffine(
        grey,
        turn,
        (width, height),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_REPLICATE,
    )
    corners = _corners(boxes)
    turned = cv2.transform(corners[None], turn)[0]
    (x0, y0), (x1, y1) = turned.min(axis=0), turned.max(axis=0)
    side, top = 0.6 * line.height, 0.4 * line.height
    x0, x1 = int(max(0, x0 - side)), int(min(width, x1 + side))
    y0, y1 = int(max(0, y0 - top)), int(min(height, y1 + top))
    return level[y0:y1, x0:x1]


def _corners(boxes: np.ndarray) -> np.ndarray:
    x, y, w, h = boxes.T
    points = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
    return np.concatenate([np.stack(p, axis=1) for p in points]).astype(np.float32)
