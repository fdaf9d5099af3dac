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
# A character whose centre is further than this many heights from its line's
# course belongs to another line.
OFF_COURSE = 0.35
# A convex region filling less of its box than this is a slanted bar.
SLANTED_FILL = 0.6
# Crops reach this many character heights beyond the first and last character
# found, for faint characters that failed the shape tests at the line's ends.
SIDE_MARGIN = 0.6
# Lines on one course with a gap of at most this many character heights
# between them are one line, broken where the background changes under it.
JOIN_GAP = 3.5
# Characters, and pieces of one line, differ in height by at most this factor.
HEIGHT_RATIO = 1.4


@dataclass(frozen=True, slots=True)
class Line:
    """Characters that read as one line: boxes (x, y, w, h), pixels, slope, height."""

    boxes: np.ndarray
    regions: tuple[np.ndarray, ...]
    angle: float
    height: float
    reach: np.ndarray  # the boxes of every shape drawn, marks included


def find_lines(rgb: np.ndarray) -> list[Line]:
    """The text-like lines of an RGB picture, or an empty list for a plain one."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    # MSER's stability step coarse (few spurious shapes) and finer for faint
    # text; the brightest channel keeps text that differs from its panel more
    # in hue than in brightness; smoothing joins up grainy strokes. The first
    # attempt that finds a line gives the lines; the later ones add the faint
    # characters it missed at their ends, and lines it missed altogether.
    # The finest step, which finds faint grainy text on a panel of nearly its
    # own shade, is the last resort: elsewhere it finds more clutter than text.
    smooth = cv2.GaussianBlur(grey, (5, 5), 0)
    attempts = [(grey, 5), (grey, 3), (rgb.max(axis=2), 3), (smooth, 2)]
    lines: list[Line] = []
    for channel, delta in attempts:
        lines = _with_lines_of(channel, delta, lines)
    return _rejoined(lines or _with_lines_of(grey, 1, []))


def _rejoined(lines: list[Line]) -> list[Line]:
    """Lines that continue one another, left to right, joined into one."""
    joined: list[Line] = []
    for line in lines:
        for k, kept in enumerate(joined):
            if _continues(kept, line):
                joined[k] = _concatenated(kept, line)
                break
            if _continues(line, kept):
                joined[k] = _concatenated(line, kept)
                break
        else:
            joined.append(line)
    return joined


def _continues(line: Line, other: Line) -> bool:
    """Whether ``other`` starts a short gap after ``line`` ends, on its course."""
    gap = _extent(other.boxes)[0] - _extent(line.boxes)[2]
    tall, short = sorted((line.height, other.height), reverse=True)
    if tall > HEIGHT_RATIO * short or not 0 <= gap <= JOIN_GAP * tall:
        return False
    return bool(_beyond_and_level(line, other.boxes).all())


def _concatenated(line: Line, other: Line) -> Line:
    boxes = np.concatenate([line.boxes, other.boxes])
    return Line(
        boxes,
        line.regions + other.regions,
        _tilt(boxes),
        float(np.median(boxes[:, 3])),
        np.concatenate([line.reach, other.reach]),
    )


def _with_lines_of(channel: np.ndarray, delta: int, lines: list[Line]) -> list[Line]:
    """``lines`` joined with those found in one channel at one stability step."""
    shapes = _Shapes(channel, delta)
    for group in _group(shapes.boxes[shapes.characters]):
        members = _on_course(shapes.boxes, [shapes.characters[k] for k in group])
        if len(members) >= MIN_CHARACTERS:
            lines = _joined(lines, shapes.line(members))
    return lines


def _on_course(boxes: np.ndarray, members: list[int]) -> list[int]:
    """The members whose centres lie on the straight course of the others.

    Linking follower to follower can step onto a line close above or below
    (a label over its number); those steps leave the fitted course.
    """
    chosen = boxes[members]
    cx = chosen[:, 0] + chosen[:, 2] / 2
    cy = chosen[:, 1] + chosen[:, 3] / 2
    height = float(np.median(chosen[:, 3]))
    if np.ptp(cx) <= 2 * height:
        return members
    keep = np.ones(len(members), dtype=bool)
    for _ in range(2):
        slope, offset = np.polyfit(cx[keep], cy[keep], 1)
        residual = np.abs(cy - (slope * cx + offset))
        keep = residual < OFF_COURSE * height
        if keep.sum() < MIN_CHARACTERS:
            return []
    return [k for k, kept in zip(members, keep, strict=True) if kept]


def _joined(lines: list[Line], found: Line) -> list[Line]:
    """``lines`` with ``found`` added, or lengthened by it where it overlaps one."""
    extent = _extent(found.boxes)
    for k, line in enumerate(lines):
        if _overlap(extent, _extent(line.boxes)) > 0.5:
            return [*lines[:k], _lengthened(line, found), *lines[k + 1 :]]
    return [*lines, found]


def _lengthened(line: Line, other: Line) -> Line:
    """``line`` with the characters of ``other`` that lie beyond its ends."""
    beyond = _beyond_and_level(line, other.boxes)
    if not beyond.any():
        return line
    boxes = np.concatenate([line.boxes, other.boxes[beyond]])
    marks = _beyond_and_level(line, other.reach)
    extra = [region for region, k in zip(other.regions, marks, strict=True) if k]
    return Line(
        boxes,
        line.regions + tuple(extra),
        _tilt(boxes),
        line.height,
        np.concatenate([line.reach, other.boxes[beyond]]),
    )


class _Shapes:
    """Every stable region of one channel, and which of them look like characters."""

    def __init__(self, channel: np.ndarray, delta: int) -> None:
        height, width = channel.shape
        mser = cv2.MSER_create(delta, 12, max(60, height * width // 20))
        self.channel = channel
        self.regions, boxes = mser.detectRegions(channel)
        self.boxes = np.asarray(boxes, dtype=np.int32).reshape(-1, 4)
        self.characters = self._characters()

    def _characters(self) -> list[int]:
        height, width = self.channel.shape
        x, y, w, h = self.boxes.T
        ratio = w / np.maximum(h, 1)
        low, high = WIDTH_TO_HEIGHT
        keep = (h >= MIN_HEIGHT) & (h <= height / 3) & (ratio >= low) & (ratio <= high)
        # A shape cut by the picture's edge is no readable character.
        keep &= (x > 1) & (y > 1) & (x + w < width - 1) & (y + h < height - 1)
        return [
            k
            for k in _distinct(self.boxes, np.flatnonzero(keep))
            if _solidity(self.regions[k]) < MAX_SOLIDITY
        ]

    def line(self, members: list[int]) -> Line:
        """The line of these character regions, with its ink and its tilt."""
        boxes = self.boxes[members]
        height = float(np.median(boxes[:, 3]))
        dark = self._darkness(members)
        # Ink outweighs both the holes inside letters and a thin outline.
        ink_dark = sum(len(self.regions[k]) * (1 if d else -1)
                       for k, d in zip(members, dark, strict=True)) >= 0  # fmt: skip
        ink = [k for k, d in zip(members, dark, strict=True) if d == ink_dark]
        ink += self._marks(boxes, height, ink_dark, set(members))
        regions = tuple(self.regions[k] for k in ink)
        return Line(boxes, regions, _tilt(boxes), height, self.boxes[ink])

    def _marks(self, boxes: np.ndarray, height: float, dark: bool, taken: set) -> list:
        """Other regions of the ink's polarity in the line: dashes, plus signs,
        and characters that failed the shape tests, faint ones at the ends."""
        x0, y0, x1, y1 = _extent(boxes)
        x, y, w, h = self.boxes.T
        inside = (
            (x >= x0 - 0.5 * height) & (x + w <= x1 + 0.5 * height)
            & (h >= 0.1 * height)
        )  # fmt: skip
        # Beyond the ends only a shape of a character's height is taken.
        beyond = (
            (x >= x0 - 2.5 * height) & (x + w <= x1 + 2.5 * height)
            & (h >= 0.6 * height)
        )  # fmt: skip
        level = (y >= y0 - 0.2 * height) & (y + h <= y1 + 0.2 * height)
        sized = (h <= 1.3 * height) & (w <= 2.5 * height)
        beyond &= ~inside & level & sized
        inside &= level & sized
        # A shape inside a character's box is part of it (the background seen
        # through a hole, a stray outline), never a mark of its own. Beyond
        # the ends, a slanted bar is a piece of the background (a stripe),
        # not a faint character.
        found = [
            k
            for k in np.flatnonzero(inside | beyond)
            if k not in taken
            and not _within(self.boxes[k], boxes)
            and not (beyond[k] and self._slanted_bar(k))
        ]
        return [
            k for k, d in zip(found, self._darkness(found), strict=True) if d == dark
        ]

    def _slanted_bar(self, k: int) -> bool:
        """Whether a region is convex yet fills little of its box, as a piece
        of a diagonal stripe does; a blurred character filling its box is not."""
        points = self.regions[k]
        _, _, w, h = self.boxes[k]
        fills = len(points) / max(float(w * h), 1.0)
        return fills < SLANTED_FILL and _solidity(points) >= MAX_SOLIDITY

    def _darkness(self, indices: list[int]) -> list[bool]:
        """Whether each region is darker than the frame of pixels around its box."""
        height, width = self.channel.shape
        result = []
        for k in indices:
            points = self.regions[k]
            x, y, w, h = self.boxes[k]
            top, left = max(y - 2, 0), max(x - 2, 0)
            bottom, right = min(y + h + 2, height), min(x + w + 2, width)
            window = self.channel[top:bottom, left:right].astype(np.float32)
            frame = np.concatenate([window[0], window[-1], window[:, 0], window[:, -1]])
            inner = self.channel[points[:, 1], points[:, 0]].mean()
            result.append(bool(inner < frame.mean()))
        return result


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


def _group(boxes: np.ndarray) -> list[list[int]]:
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
    groups = [m for m in members.values() if len(m) >= MIN_CHARACTERS]
    return _merged(groups, boxes) if len(groups) > 1 else groups


def _neighbours(boxes: np.ndarray):
    """Each box with the box that most plausibly follows it on its line, if any.

    Linking a box to its best follower only, not to every box in reach, keeps
    a line from reaching into the line above or below it.
    """
    x, y, w, h = (boxes[:, k].astype(float) for k in range(4))
    cx, cy = x + w / 2, y + h / 2
    order = np.argsort(x, kind="stable")
    for rank, i in enumerate(order):
        best, best_cost = None, np.inf
        for j in order[rank + 1 :]:
            gap = x[j] - (x[i] + w[i])
            # Boxes are sorted by left edge, so gaps only grow from here on.
            if gap > 2.6 * h[i]:
                break
            tall, short = max(h[i], h[j]), min(h[i], h[j])
            # Characters of a line stand side by side, never one inside another.
            if (
                gap > 2.0 * tall
                or gap < -0.25 * min(w[i], w[j])
                or tall > HEIGHT_RATIO * short
            ):
                continue
            rise = abs(cy[i] - cy[j])
            # A slope allowance keeps lines tilted by up to about 12 degrees.
            if rise > 0.25 * tall + 0.2 * abs(cx[j] - cx[i]):
                continue
            cost = max(gap, 0.0) + 3.0 * rise
            if cost < best_cost:
                best, best_cost = j, cost
        if best is not None:
            yield i, best


def _beyond_and_level(line: Line, boxes: np.ndarray) -> np.ndarray:
    """Which ``boxes`` lie past the line's ends and on its course, not above it."""
    x0, _, x1, _ = _extent(line.boxes)
    cx = boxes[:, 0] + boxes[:, 2] / 2
    cy = boxes[:, 1] + boxes[:, 3] / 2
    own_x = line.boxes[:, 0] + line.boxes[:, 2] / 2
    own_y = line.boxes[:, 1] + line.boxes[:, 3] / 2
    slope = np.tan(np.radians(line.angle))
    offset = float(np.median(own_y - slope * own_x))
    level = np.abs(cy - (slope * cx + offset)) < OFF_COURSE * line.height
    return ((cx < x0) | (cx > x1)) & level


def _merged(groups: list[list[int]], boxes: np.ndarray) -> list[list[int]]:
    """Groups joined when their extents overlap by half of the smaller one.

    MSER finds outlined lettering twice, as the ink and as the outline; the
    two chains are one line.
    """
    extents = [_extent(boxes[g]) for g in groups]
    merged: list[tuple[list[int], tuple]] = []
    for group, extent in sorted(
        zip(groups, extents, strict=True), key=lambda p: -len(p[0])
    ):
        for k, (kept, kept_extent) in enumerate(merged):
            if _overlap(extent, kept_extent) > 0.5:
                merged[k] = (kept + group, _union(extent, kept_extent))
                break
        else:
            merged.append((group, extent))
    return [group for group, _ in merged]


def _extent(boxes: np.ndarray) -> tuple[float, float, float, float]:
    return (
        float(boxes[:, 0].min()),
        float(boxes[:, 1].min()),
        float((boxes[:, 0] + boxes[:, 2]).max()),
        float((boxes[:, 1] + boxes[:, 3]).max()),
    )


def _overlap(a: tuple, b: tuple) -> float:
    """Intersection of two extents over the area of the smaller."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / max(smaller, 1.0)


def _union(a: tuple, b: tuple) -> tuple:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _within(box: np.ndarray, boxes: np.ndarray) -> bool:
    """Whether ``box`` lies well inside one of ``boxes``, as a hole does.

    The ink of outlined lettering nearly fills its outline's box, and counts.
    """
    x, y, w, h = box
    return bool(np.any(
        (boxes[:, 0] <= x + 1) & (boxes[:, 1] <= y + 1)
        & (boxes[:, 0] + boxes[:, 2] >= x + w - 1)
        & (boxes[:, 1] + boxes[:, 3] >= y + h - 1)
        & (h < 0.85 * boxes[:, 3])
    ))  # fmt: skip


def _tilt(boxes: np.ndarray) -> float:
    """The slope of the line through the boxes' centres, in degrees."""
    cx = boxes[:, 0] + boxes[:, 2] / 2
    cy = boxes[:, 1] + boxes[:, 3] / 2
    if np.ptp(cx) <= 2 * float(np.median(boxes[:, 3])):
        return 0.0
    return float(np.degrees(np.arctan(np.polyfit(cx, cy, 1)[0])))


def ink(shape: tuple[int, int], line: Line) -> np.ndarray:
    """The line's characters drawn black on white, from their own pixels.

    Unlike any threshold, this keeps out whatever lies behind the text, and
    for outlined lettering it draws ink and outline as one bold shape.
    """
    canvas = np.full(shape, 255, dtype=np.uint8)
    for points in line.regions:
        canvas[points[:, 1], points[:, 0]] = 0
    return canvas


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
    corners = _corners(np.concatenate([boxes, line.reach.astype(np.float32)]))
    turned = cv2.transform(corners[None], turn)[0]
    (x0, y0), (x1, y1) = turned.min(axis=0), turned.max(axis=0)
    side, top = SIDE_MARGIN * line.height, 0.4 * line.height
    x0, x1 = int(max(0, x0 - side)), int(min(width, x1 + side))
    y0, y1 = int(max(0, y0 - top)), int(min(height, y1 + top))
    return level[y0:y1, x0:x1]


def _corners(boxes: np.ndarray) -> np.ndarray:
    x, y, w, h = boxes.T
    points = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
    return np.concatenate([np.stack(p, axis=1) for p in points]).astype(np.float32)


def colour_distance(rgb: np.ndarray, line: Line) -> np.ndarray:
    """How far each pixel's colour is from the line's ink colour (0 to 255).

    Thresholded, this separates text from whatever is behind it by colour
    rather than brightness: outlined lettering over stripes, or ink and panel
    of equal brightness but different hue.
    """
    points = np.concatenate(line.regions)
    ink_colour = np.median(rgb[points[:, 1], points[:, 0]], axis=0).astype(np.float32)
    distance = np.linalg.norm(rgb.astype(np.float32) - ink_colour, axis=2)
    return cv2.normalize(distance, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
