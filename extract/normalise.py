"""Text folded for matching, with a map from each folded character to the original.

Ads disguise words from filters: capitals, accents, full-width letters,
leetspeak (``fr3sh``) and letters spaced out (``f.r.e.s.h``). Matching runs on
the folded text; the map turns a match's span back into a span of the text
the ad wrote, so that an app can highlight exactly what was written.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Digits and signs that stand for letters when written inside a word.
LEET = str.maketrans("0134579@$", "oieastgas")
# Written to open with a set of characters, which the engine skips to quickly;
# the letter before the run is tested by looking back from its first sign.
LEET_RUN = re.compile(r"[0134579@$](?<=[a-z].)[0134579@$]*(?=[a-z])")

# Three or more single letters joined by dots, dashes and the like, or four or
# more joined by single spaces: a word spelt out to slip past filters.
_SPELT_ON = (
    r"(?:(?:[.\-_*~+][.\-_*~+ ]?[a-z0134579]){2,}|(?: [a-z0134579]){3,})(?![a-z0-9])"
)
SPACED = re.compile(rf"[a-z](?<![a-z0-9][a-z]){_SPELT_ON}")
SPACING = re.compile(r"[^a-z0-9]+")
# Whether SPACED occurs, found from the sign after its first letter: the
# engine skips quickly to signs and spaces, which are fewer than letters.
SPACED_TEST = re.compile(rf"[.\-_*~+ ](?<=(?<![a-z0-9])[a-z].)(?<=(?={_SPELT_ON}).)")


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text; ``origin[i]`` is the index in the original of character ``i``.

    ``origin`` is ``None`` when folding kept every character in place.
    """

    text: str
    origin: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that folded ``text[start:end]`` came from."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """Fold case, accents, width, leetspeak and spaced-out letters of ``text``."""
    if text.isascii() or _folds_in_place(text):
        folded, origin = text.lower(), None
    else:
        folded, origin = _fold_unicode(text)
    if SPACED_TEST.search(folded):
        folded, origin = _join_spaced(folded, origin)
    folded = LEET_RUN.sub(_unleet, folded)
    return Folded(folded, origin)


def _unleet(match: re.Match) -> str:
    return match.group().translate(LEET)


def _folds_in_place(text: str) -> bool:
    """Whether lower-casing alone folds ``text`` (Chinese text, most often)."""
    return unicodedata.is_normalized("NFKD", text) and len(text.lower()) == len(text)


def _fold_unicode(text: str) -> tuple[str, tuple[int, ...]]:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            chars.append(char.lower())
            origin.append(index)
            continue
        for part in _decompose(char):
            if unicodedata.combining(part) and chars and chars[-1].isascii():
                continue
            chars.append(part)
            origin.append(index)
    return "".join(chars), tuple(origin)


@lru_cache(maxsize=4096)
def _decompose(char: str) -> str:
    return unicodedata.normalize("NFKD", char).lower()


def _join_spaced(
    text: str, origin: tuple[int, ...] | None
) -> tuple[str, tuple[int, ...]]:
    positions = origin if origin is not None else range(len(text))
    keep = [True] * len(text)
    for match in SPACED.finditer(text):
        for gap in SPACING.finditer(match.group()):
            for index in range(match.start() + gap.start(), match.start() + gap.end()):
                keep[index] = False
    joined = "".join(char for char, kept in zip(text, keep, strict=True) if kept)
    mapped = tuple(pos for pos, kept in zip(positions, keep, strict=True) if kept)
    return joined, mapped
