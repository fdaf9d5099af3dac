"""Votes between OCR passes: which numbers read on an image are believed.

A number is believed when libphonenumber says it is valid, and it was read
by passes of two different preparations, or by one pass whose words tesseract
was at least ``CONFIDENT`` sure of when the number is of the ad's own country
or carries its ``+``; and when it prevails over every rival reading of its
line. Each reading is the text of one pass with its words' confidences, as
:mod:`extract.ocr` caches it.
"""

import re
from dataclasses import dataclass, field

from extract.ocr_consensus import UNKNOWN, Agreement, agree, digit_string
from extract.ocr_passes import Reading

# A single pass is believed alone when every word of the number is this sure.
CONFIDENT = 80.0
# A reading whose median word tesseract is less sure of contradicts no other.
DOUBTFUL = 50.0
# A rival whose median word is this much less sure than the number's words
# does not contradict it.
MARGIN = 15.0
# Preparations that misread alike count as one in a vote.
SAME_ERRORS = {"denoised": "otsu"}
STRAY_BETWEEN_DIGITS = re.compile(r"(?<=\d)[.,:;_~\\](?=\s?\d)")
STRAY_BEFORE_DIGITS = re.compile(r"(?<![^\s(\[])[$£¢*#](?=\s?\d)")


@dataclass
class Vote:
    """The readings that found one number, and whether they are enough."""

    number: str
    written: str
    region: str = ""
    preparations: set = field(default_factory=set)
    passes: set = field(default_factory=set)
    lines: set = field(default_factory=set)
    confidence: float = 0.0
    obfuscated: bool = True
    home: bool = False
    contradicted: bool = False

    @property
    def enough(self) -> bool:
        """Read by two preparations, or confidently by one.

        One reading alone must also be a number of the ad's own country or
        carry its ``+``: a digit dropped or misread often leaves a number that
        is valid only in a neighbouring country. Nor may another pass have
        read other digits in its place (see :func:`_contradicted`).
        """
        if len(self.preparations) >= 2:
            return True
        return self.home and self.confidence >= CONFIDENT and not self.contradicted

    def beats(self, rival: "Vote") -> bool:
        """Whether this reading of a line prevails over another reading of it.

        It must have more preparations behind it, or as many and be
        confident where the rival is not; and it must not be the rival with
        digits added, since a stray mark read as a digit is a common
        misreading.
        """
        if rival.number[1:] in self.number[1:]:
            return False
        mine, theirs = len(self.preparations), len(rival.preparations)
        if mine != theirs:
            return mine > theirs
        return self.confidence >= CONFIDENT > rival.confidence


def accepted(votes: dict[str, Vote]) -> list[Vote]:
    """The numbers read well enough and not contested on their own line."""
    return [
        vote
        for vote in votes.values()
        if vote.enough
        and all(
            vote.beats(rival)
            for rival in votes.values()
            if rival is not vote and (rival.lines & vote.lines) - {-1}
        )
    ]


def votes(readings: list[dict], region: str, fallbacks: bool = True) -> dict[str, Vote]:
    """Every valid number the readings found in ``region``, with who found it.

    ``fallbacks``: whether an agreement whose majority is no valid number
    may take a digit that only a minority read (see :func:`_add_agreed`).
    """
    from extract.phones import find_phones

    found_votes: dict[str, Vote] = {}
    for item in readings:
        found = Reading(_cleaned(item["text"]), tuple(tuple(w) for w in item["words"]))
        for match in find_phones(found.text, region, "image"):
            if not _is_valid(match.number):
                continue
            written = found.text[match.span[0] : match.span[1]]
            vote = found_votes.setdefault(
                match.number, Vote(match.number, written, region)
            )
            vote.preparations.add(_family(item["preparation"]))
            vote.passes.add(item["pass"])
            vote.lines.add(item["line"])
            vote.confidence = max(vote.confidence, found.confidence(*match.span))
            vote.obfuscated = vote.obfuscated and match.obfuscated
            vote.home = vote.home or _is_home(match.number, written, region)
    _add_agreed(readings, region, found_votes, fallbacks)
    for vote in found_votes.values():
        vote.contradicted = _contradicted(vote, readings)
    return found_votes


def read_elsewhere(vote: Vote, readings: list[dict]) -> bool:
    """Whether a preparation other than the vote's own has read its line,
    and not as doubtful garbage."""
    return any(
        item["line"] in vote.lines
        and _family(item["preparation"]) not in vote.preparations
        and _median_confidence(item["words"]) >= DOUBTFUL
        for item in readings
    )


def _contradicted(vote: Vote, readings: list[dict]) -> bool:
    """Whether another pass read the number's line otherwise, and credibly.

    A rival with as many digits must differ in two of them, or in one when
    its own digits make a valid number: ``612 564 3727`` against
    ``012 563 3727`` shows that the line is in doubt, ``616 994 5149``
    against ``016 994 5149`` only a first digit misread. A rival with one or
    two characters more (marks read as digits) must differ in a digit once
    those are set aside: ``016 718 64/697`` against ``016 728 6467``. A
    reading most of whose words tesseract was less than ``DOUBTFUL`` sure of
    proves nothing, nor does one ``MARGIN`` less sure than the number: the
    preparations misread in different ways, and the surer is mostly right
    (except the ink preparation, see below).
    """
    mine = digit_string(vote.written)[0]
    for item in readings:
        if item["line"] not in vote.lines or item["pass"] in vote.passes:
            continue
        sureness = _median_confidence(item["words"])
        if sureness < DOUBTFUL:
            continue
        # The ink preparation draws bold shapes that tesseract misreads with
        # confidence (a 3 as an 8): its confidence outweighs no rival.
        if vote.preparations != {"ink"} and sureness <= vote.confidence - MARGIN:
            continue
        theirs = digit_string(item["text"])[0]
        extra = len(theirs) - len(mine)
        if extra == 0:
            differ = _substitutions(mine, theirs, 0)
            if differ >= 2 or (differ == 1 and _valid_in(theirs, vote.region)):
                return True
        elif 0 < extra <= 2 and _substitutions(mine, theirs, extra) >= 1:
            return True
    return False


def _substitutions(mine: str, theirs: str, extra: int) -> int:
    """The fewest digits that differ once ``extra`` characters of ``theirs``
    are set aside (an unknown character matches any digit)."""
    # best[i][k]: fewest differences between mine[:i] and theirs[:i + k],
    # with k of theirs set aside so far.
    best = [[0] * (extra + 1)] + [[len(mine)] * (extra + 1) for _ in mine]
    for k in range(1, extra + 1):
        best[0][k] = 0
    for i, digit in enumerate(mine, start=1):
        for k in range(extra + 1):
            seen = theirs[i + k - 1]
            differs = int(seen != digit and UNKNOWN not in (seen, digit))
            options = [best[i - 1][k] + differs]
            if k:
                options.append(best[i][k - 1])
            best[i][k] = min(options)
    return best[len(mine)][extra]


def _valid_in(digits: str, region: str) -> bool:
    """Whether a string of digits is a valid number as dialled in ``region``."""
    import phonenumbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, region))
    except phonenumbers.NumberParseException:
        return False


def _add_agreed(
    readings: list[dict], region: str, found: dict[str, Vote], fallbacks: bool
) -> None:
    """Votes for the numbers the readings of each line agree on digit by digit.

    The readings that took part count as the preparations behind the number
    (see :mod:`extract.ocr_consensus`), so a clear agreement of three is
    enough, as two whole readings alike are.
    """
    by_line: dict[int, list[dict]] = {}
    for item in readings:
        if item["line"] >= 0:
            by_line.setdefault(item["line"], []).append(item)
    for line, items in by_line.items():
        agreement = agree([item["text"] for item in items])
        if agreement is None or not _credible_pair(agreement, items):
            continue
        number = _agreed_number(agreement, region, fallbacks)
        if number is None:
            continue
        written = ("+" if agreement.plus else "") + number[1]
        vote = found.setdefault(number[0], Vote(number[0], written, region))
        vote.preparations.update(
            _family(items[k]["preparation"]) for k in agreement.voters
        )
        vote.passes.add("consensus")
        vote.lines.add(line)
        vote.obfuscated = False
        vote.home = vote.home or _is_home(number[0], written, region)


def _credible_pair(agreement: Agreement, items: list[dict]) -> bool:
    """An agreement of two readings counts only when neither is doubtful."""
    if len(agreement.voters) != 2:
        return True
    return all(
        _median_confidence(items[k]["words"]) >= DOUBTFUL for k in agreement.voters
    )


def _agreed_number(
    agreement: Agreement, region: str, fallbacks: bool
) -> tuple[str, str] | None:
    """The one valid number among an agreement's candidates (E.164, as written),
    or else, when ``fallbacks`` are allowed, among those."""
    found = _only_valid(agreement.candidates, agreement.plus, region)
    if found is None and fallbacks:
        found = _only_valid(agreement.fallbacks, agreement.plus, region)
    return found


def _only_valid(candidates, plus: bool, region: str) -> tuple[str, str] | None:
    from extract.phones import find_phones

    valid = set()
    for digits in candidates:
        text = ("+" if plus else "") + digits
        valid.update(
            (match.number, digits)
            for match in find_phones(text, region, "image")
            if match.span == (0, len(text)) and _is_valid(match.number)
        )
    return valid.pop() if len(valid) == 1 else None


def _median_confidence(words: list) -> float:
    confidences = sorted(word[2] for word in words)
    return confidences[len(confidences) // 2] if confidences else 0.0


def _family(preparation: str) -> str:
    """The preparation whose errors ``preparation`` shares, as far as votes go.

    Both are a global Otsu threshold of a smoothed crop, and misread alike.
    """
    return SAME_ERRORS.get(preparation, preparation)


def _is_home(number: str, written: str, region: str) -> bool:
    """Whether a number is of ``region``, or was written with its calling code."""
    if written.lstrip().startswith(("+", "＋")):
        return True
    return region_of(number) == region


def region_of(number: str) -> str | None:
    """The country an E.164 number belongs to."""
    import phonenumbers

    return phonenumbers.region_code_for_number(phonenumbers.parse(number, None))


def _cleaned(text: str) -> str:
    """OCR's stray marks inside a number made spaces, keeping every offset.

    Tesseract often reads a gap between digit groups as ``.``, ``,`` or ``:``,
    and a ``+`` as ``$`` or ``£``; the phone finder would take ``13.987`` for
    a decimal number and ``$60`` for a price. (A ``0`` read as ``@`` is left
    alone: a reading that shows one is seldom right in its other digits.)
    """
    text = STRAY_BETWEEN_DIGITS.sub(" ", text)
    return STRAY_BEFORE_DIGITS.sub(" ", text)


def _is_valid(number: str) -> bool:
    """Whether ``number`` is E.164 and valid for its country (libphonenumber)."""
    import phonenumbers

    if not number.startswith("+"):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, None))
    except phonenumbers.NumberParseException:
        return False
