"""How a run of digit groups is read as phones: where to cut it, and what to keep.

A run such as ``0123456789 / 0198765432`` or ``zero one two, three four five
six seven eight nine 2 girls`` holds one phone, several, or none. Every way to
cut it into readings is scored by the digits it explains, each digit worth
more the surer libphonenumber is of the number, less a price per reading and
the costs of what it reads across (a comma between plain groups, a homophone
at its edge, a stray group at its tail); a small dynamic programme, left to
right, keeps the best.
"""

from functools import lru_cache
from typing import NamedTuple

from extract import digits, phone_context
from extract.dialling import Placing, Sureness, calling_code, is_calling_code, place

MIN_DIGITS = 7
MAX_DIGITS = 15
# More digit groups than this, with no clear break, are data, not phones.
MAX_GROUPS = 48
# What reading across a comma or semicolon costs: more than a digit is worth.
SOFT_BREAK = 3.0
HARD_BREAK = 6.0

ORDINARY = frozenset(" \t\n\r\u00a0\u202f-\u2010\u2011\u2012\u2013\u2014.()/")
_ORDINARY_OR_PAUSE = ORDINARY | set(",;、，；")
# Separators between two numbers, not inside one; a phone emoji opens a number.
_SOFT = frozenset(",;|\\、，；#📞☎📱✆☏📲")
_OPENERS = "+＋(["
_KEYCAP = "\ufe0f\u20e3"


class _Gap(NamedTuple):
    """What separates two digit groups, and what it costs to read across it."""

    cost: float
    ordinary: bool
    plus: bool


class Reading(NamedTuple):
    """A phone read from a run: its number, score, span and how it was written."""

    number: str
    score: float
    start: int
    end: int
    obfuscated: bool
    anchored: bool
    clean: bool  # valid, with nothing that costs: no other cut can beat it


def read_run(text: str, pieces: list[digits.Piece], region: str) -> list[Reading]:
    """The phones in digit groups, read in parts at clear breaks if there are many."""
    gaps = [
        _pause(text[a.end : b.start], a, b)
        for a, b in zip(pieces, pieces[1:], strict=False)
    ]
    if len(pieces) <= MAX_GROUPS:
        return _read_run(text, pieces, gaps, region)
    readings, first = [], 0
    for index in range(len(pieces)):
        if index == len(pieces) - 1 or gaps[index].cost >= 1.0:
            if index + 1 - first <= MAX_GROUPS:
                part = slice(first, index + 1)
                readings.extend(
                    _read_run(text, pieces[part], gaps[first:index], region)
                )
            first = index + 1
    return readings


def _read_run(text: str, pieces, gaps, region: str) -> list[Reading]:
    """The phones that best explain a run of digit groups."""
    run = _Run(text, pieces, gaps, region)
    whole = run.reading(0, len(pieces) - 1)
    if whole is not None and whole.clean:
        return [whole]
    if len(pieces) == 1:
        return [whole] if whole is not None else []
    return run.best()


def _pause(between: str, before: digits.Piece, after: digits.Piece) -> _Gap:
    """A comma between spelled groups is a pause in reading, not the end of a number."""
    gap = _gap(between)
    pause = set(between) <= _ORDINARY_OR_PAUSE
    if gap.cost == SOFT_BREAK and pause and before.spelled and after.spelled:
        return _Gap(1.0, gap.ordinary, gap.plus)
    return gap


@lru_cache(maxsize=1024)
def _gap(between: str) -> _Gap:
    if not between:
        return _Gap(0.0, True, False)
    chars = set(between)
    ordinary = chars <= ORDINARY
    if "+" in chars or "＋" in chars:
        return _Gap(HARD_BREAK, ordinary, True)
    if "\n" in chars:
        # A number broken over two lines is read whole only if that makes it
        # valid where its halves are not.
        return _Gap(2.0, ordinary, False)
    if chars & _SOFT and between != "#":
        return _Gap(SOFT_BREAK, ordinary, False)
    if "/" in chars and between != "/":
        return _Gap(3.0, ordinary, False)
    if between[0] == "." and len(between) > 1 and between[1:].isspace():
        # "6789. 2 girls": the end of a sentence, not a separator.
        return _Gap(2.0, ordinary, False)
    if len(between) > 3:
        return _Gap(1.0, ordinary, False)
    return _Gap(0.0, ordinary, False)


# States of the reading of a run: after a phone (or nothing), after a phone
# that is not anchored, or after an unread group of three or more digits.
_FREE, _BARE, _LOOSE = "free", "bare", "loose"


def _keep(cell: dict, state: str, score: float, readings: tuple) -> None:
    if state not in cell or score > cell[state][0]:
        cell[state] = (score, readings)


class _Run:
    """A run of digit groups and the phones that can be read from it."""

    # What each digit of a phone is worth, by how surely it was placed. A
    # reading earns its digits less a fixed price, so that one long number
    # beats the same digits cut into several short ones.
    WORTH = {
        Sureness.VALID: 1.0,
        Sureness.NEIGHBOUR: 0.9,
        Sureness.ABROAD: 0.85,
        Sureness.NEARBY: 0.8,
        Sureness.BARE: 0.8,
        Sureness.POSSIBLE: 0.75,
        None: 0.7,
    }
    PRICE = 4.0

    def __init__(self, text, pieces, gaps, region):
        self.text = text
        self.pieces = pieces
        self.gaps = gaps
        self.region = region
        self._cue: bool | None = None
        self._labelled: bool | None = None
        self._offered: bool | None = None
        self._countable: bool | None = None
        self._readings: dict[tuple[int, int], Reading | None] = {}

    @property
    def labelled(self) -> bool:
        if self._labelled is None:
            start = self.pieces[0].start
            self._labelled = phone_context.follows_id_label(self.text, start)
        return self._labelled

    @property
    def offered(self) -> bool:
        """Whether a cue introduces the run ("call 555-0123", "WA: ...")."""
        if self._offered is None:
            start = self.pieces[0].start
            self._offered = phone_context.is_offered(self.text, start)
        return self._offered

    @property
    def countable(self) -> bool:
        """Whether the run holds three two-digit groups, as a counted list needs."""
        if self._countable is None:
            two_digit = [p for p in self.pieces if p.plain and len(p.digits) == 2]
            self._countable = len(two_digit) >= 3
        return self._countable

    @property
    def cue(self) -> bool:
        if self._cue is None:
            start, end = self.pieces[0].start, self.pieces[-1].end
            self._cue = phone_context.has_cue(self.text, start, end)
        return self._cue

    def best(self) -> list[Reading]:
        """The highest-scoring set of phones in the run, read left to right.

        A phone may leave a group of three or more digits unread right beside
        it (across an ordinary separator) only if it is anchored, that is
        written with its trunk ``0`` or a ``+``: otherwise it is more likely a
        slice of some longer number (an account, a reference) than a phone.
        """
        count = len(self.pieces)
        # table[k][state] = (score, readings) after the first k groups.
        table: list[dict[str, tuple[float, tuple[Reading, ...]]]] = [
            {} for _ in range(count + 1)
        ]
        table[0][_FREE] = (0.0, ())
        breaks = [self._breaks(index) for index in range(count - 1)]
        for index in range(count):
            for state, (score, readings) in table[index].items():
                self._skip(table, index, state, score, readings)
                ends = list(self._ends_from(index, breaks))
                if not ends:
                    continue
                anchored = self._anchored(index)
                if state == _LOOSE and not self._separated(index - 1) and not anchored:
                    continue
                after = _FREE if anchored else _BARE
                for last, ceiling in ends:
                    cell = table[last + 1]
                    # A reading that cannot beat what is already there is not
                    # placed at all: placing a number is the dear part.
                    if after in cell and cell[after][0] >= score + ceiling:
                        continue
                    reading = self.reading(index, last)
                    if reading is not None:
                        _keep(cell, after, score + reading.score, readings + (reading,))
        return list(max(table[count].values(), key=lambda entry: entry[0])[1])

    def _skip(self, table, index, state, score, readings) -> None:
        long_group = len(self.pieces[index].digits) >= 3
        if state == _BARE and long_group and not self._separated(index - 1):
            return
        after = _LOOSE if long_group else _FREE
        _keep(table[index + 1], after, score - self._skip_cost(index), readings)

    def _skip_cost(self, index: int) -> float:
        """Leaving a group unread: free for stray digits, dear for spelled ones.

        Digits spelled out, or opened by a "+", were written to be read.
        """
        if self._plus(index):
            return 5.0
        return 1.5 if self.pieces[index].spelled else 0.0

    def _breaks(self, index: int) -> bool:
        """Whether no phone reads across the gap after group ``index``.

        A ``+`` starts a new number; a comma or semicolon between two groups of
        plain digits ends one (spelled numbers are read with such pauses).
        """
        gap = self.gaps[index]
        if gap.plus or gap.cost >= HARD_BREAK:
            return True
        plain = self.pieces[index].plain and self.pieces[index + 1].plain
        return plain and gap.cost >= SOFT_BREAK

    def _anchored(self, first: int) -> bool:
        """Whether a reading from group ``first`` opens with a ``+`` or a trunk 0."""
        return self._plus(first) or self.pieces[first].digits.startswith("0")

    def _separated(self, index: int) -> bool:
        """Whether the gap after group ``index`` truly separates two numbers."""
        return self.gaps[index].cost >= 1.0

    def _ends_from(self, first: int, breaks: list[bool]):
        """Each last group of a reading from ``first``, with a ceiling on its score.

        The ceiling is the score the reading would have if it were placed as
        surely as can be; its real score is never higher.
        """
        length = 0
        for last in range(first, len(self.pieces)):
            if last > first and breaks[last - 1]:
                return
            length += len(self.pieces[last].digits)
            if length > MAX_DIGITS + 2:
                return
            if length >= MIN_DIGITS:
                yield last, length * 1.0 - self.PRICE - self._penalty(first, last)

    def reading(self, first: int, last: int) -> Reading | None:
        """The phone written by groups ``first..last``, if they write one."""
        if (first, last) not in self._readings:
            self._readings[first, last] = self._read(first, last)
        return self._readings[first, last]

    def _read(self, first: int, last: int) -> Reading | None:
        pieces = self.pieces[first : last + 1]
        number = "".join([piece.digits for piece in pieces])
        if not MIN_DIGITS <= len(number) <= MAX_DIGITS + (2 * number.startswith("00")):
            return None
        if number.startswith("00") and not pieces[0].digits.startswith("00"):
            # "O 0812..." is no international "00": the 00 is written as one.
            return None
        plus = self._plus(first)
        if first == 0 and self.labelled:
            return None
        placing = place(number, self.region, plus)
        if not self._acceptable(placing, first, last, number, plus):
            return None
        penalty = self._penalty(first, last)
        worth = self.WORTH[placing.sureness if placing else None]
        score = worth * len(number) - self.PRICE - penalty
        if score <= 0:
            return None
        written = placing.number if placing else number
        return Reading(
            written,
            score,
            self._start(pieces[0].start),
            self._end(pieces[-1].end),
            self._obfuscated(first, last),
            plus or number.startswith("0"),
            placing is not None and placing.sureness == Sureness.VALID and not penalty,
        )

    def _plus(self, first: int) -> bool:
        if first > 0:
            return self.gaps[first - 1].plus
        return phone_context.follows_plus(self.text, self.pieces[0].start)

    def _acceptable(self, placing: Placing | None, first, last, number, plus) -> bool:
        pieces = self.pieces[first : last + 1]
        if _price_list(pieces) and (
            len(pieces) > 2 or placing is None or (placing.sureness < Sureness.VALID)
        ):
            return False
        if not plus and self.countable and _counted_list(self.pieces, first, last):
            return False
        if placing is None:
            return self._unplaced_ok(first, last, plus)
        if placing.sureness == Sureness.ABROAD:
            return self.cue or self._calling_code_apart(number, pieces)
        if placing.sureness == Sureness.NEARBY:
            return self.cue
        if placing.sureness == Sureness.BARE:
            return self.cue or any(_spelled(piece) for piece in pieces)
        if placing.sureness == Sureness.POSSIBLE and not plus:
            return (
                self.cue or len(pieces) > 1 or _spelled(pieces[0]) or len(number) >= 10
            )
        return True

    def _calling_code_apart(self, number: str, pieces) -> bool:
        """Whether the number opens with a calling code: its own group, or home's."""
        home = calling_code(self.region)
        if len(home) >= 2 and number.startswith(home):
            return True
        head = pieces[0]
        return len(pieces) > 1 and head.plain and is_calling_code(head.digits)

    def _unplaced_ok(self, first: int, last: int, plus: bool) -> bool:
        """Keep an unplaceable number only when the ad clearly offers it as a phone."""
        # The cheap tests first: most stretches of a long run are not alone.
        if not self._stands_alone(first, last):
            return False
        for gap in self.gaps[first:last]:
            if gap.cost >= 1.0:
                return False
        pieces = self.pieces[first : last + 1]
        spelled = sum([_spelled(piece) for piece in pieces]) >= 3
        if not (plus or spelled or (first == 0 and self.offered)):
            return False
        return spelled or _phone_shaped(pieces)

    def _stands_alone(self, first: int, last: int) -> bool:
        opens = first == 0 or self.gaps[first - 1].cost >= 1.0
        closes = last == len(self.pieces) - 1 or self.gaps[last].cost >= 1.0
        return opens and closes

    def _penalty(self, first: int, last: int) -> float:
        cost = 0.0
        if first == last:
            return cost
        for gap in self.gaps[first:last]:
            cost += gap.cost
        pieces = self.pieces
        head, tail = pieces[first], pieces[last]
        if head.weak and head.end != pieces[first + 1].start:
            cost += _edge_cost(head)
        if tail.weak and pieces[last - 1].end != tail.start:
            cost += _edge_cost(tail)
        if _is_tail(pieces[last - 1], tail):
            cost += 3.0
        return cost

    def _obfuscated(self, first: int, last: int) -> bool:
        for piece in self.pieces[first : last + 1]:
            if not piece.plain:
                return True
        for gap in self.gaps[first:last]:
            if not gap.ordinary:
                return True
        before = self.text[
            max(0, self.pieces[first].start - 5) : self.pieces[first].start
        ]
        return "plus" in before.lower()

    def _end(self, end: int) -> int:
        while end < len(self.text) and self.text[end] in _KEYCAP:
            end += 1
        return end

    def _start(self, start: int) -> int:
        while start > 0 and self.text[start - 1] in _OPENERS:
            start -= 1
        return start


def _spelled(piece: digits.Piece) -> bool:
    """A digit word ("seven", "tujuh"), not a homophone: a sign of a hidden phone."""
    return piece.spelled and not piece.weak


def _edge_cost(piece: digits.Piece) -> float:
    """What a homophone ("to") or lookalike ("I") costs at the edge of a phone."""
    if not piece.weak:
        return 0.0
    # Less than a digit is worth: a backed homophone that makes a longer valid
    # number belongs to it, but one that adds nothing is left out.
    return 0.5 if piece.spelled else 0.8


def _is_tail(before: digits.Piece, piece: digits.Piece) -> bool:
    """A group of one or two plain digits after a long one rarely ends a phone."""
    return (
        piece.plain
        and before.plain
        and len(piece.digits) <= 2
        and len(before.digits) >= 3
    )


def _price_list(pieces: list[digits.Piece]) -> bool:
    """Round amounts side by side (``300 500 1500``) are prices, not a phone."""
    if len(pieces) < 2:
        return False
    for piece in pieces:
        written = piece.digits
        if not (
            piece.plain
            and 2 <= len(written) <= 5
            and written.endswith("0")
            and not written.startswith("0")
        ):
            return False
    return True


def _counted_list(pieces: list[digits.Piece], first: int, last: int) -> bool:
    """Two-digit numbers counting up (ages 21 22 23, sizes 32 34 36), not a phone.

    The list may begin before the reading, so three such groups anywhere from
    the one before ``first`` are enough.
    """
    start = max(0, first - 1)
    values = [
        int(piece.digits)
        for piece in pieces[start : last + 1]
        if piece.plain and len(piece.digits) == 2
    ]
    if len(values) < 3:
        return False
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    run = 0
    for step in steps:
        run = run + 1 if step in (1, 2) else 0
        if run >= 2:
            return True
    return False


def _phone_shaped(pieces: list[digits.Piece]) -> bool:
    """Groups as phones are written: long ones, save a short area or calling code."""
    return all(len(piece.digits) >= 3 for piece in pieces[1:])
