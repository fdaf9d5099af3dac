"""A number agreed digit by digit by several OCR readings of one line.

On a hard image no two passes may read a whole number alike, yet each digit
is read right by most of them: ``@12 914 4408``, ``012 914 4498`` and
``912 914 4408`` agree on ``0129144408`` digit by digit. Each reading's
number-like part is turned into a digit string (characters that OCR gives for
digits, such as ``O`` or ``@`` for ``0``, mapped back; other marks left
unknown), the strings of the commonest length vote position by position, and
a position is settled by a clear majority of the readings that show a digit
there. A position without one is left to the dialling plan: of the strings
its digits allow, one alone must be a valid number. Readings of another
length (groups run together, a digit lost) add their digit at such a
position where they line up with the voters around it; and a digit that one
reading alone shows, where the others show a mark they could not read, is
taken, though as a position in doubt.
"""

import re
from collections import Counter
from dataclasses import dataclass
from itertools import product

# Characters OCR gives for a digit, when they stand among digits.
LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "@": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "!": "1",
        "Z": "2",
        "S": "5",
        "B": "8",
    }  # fmt: skip
)
# A reading's number must have at least this many characters to take part.
MIN_LENGTH = 8
# At least this many readings of the same length must vote, and as many must
# show the digit that wins a position.
MIN_VOTERS = 3
# More positions without a clear majority than this and the readings
# disagree too much.
MAX_IN_DOUBT = 1
UNKNOWN = "?"
# A reading of another length lines up with the voters at a position when
# this many settled digits beside it, within this reach, read the same.
ALIGN_REACH = 3
# OCR reads the gaps between digit groups as any of these.
_TOKEN_RE = re.compile(r"[^\s\-.,:;_~\\'‘’°]+")
_EDGE_MARKS = '"“”()[]{}|'


@dataclass(frozen=True, slots=True)
class Agreement:
    """Digit strings the readings agree on, and which readings took part.

    ``fallbacks`` are the strings with one position given instead to a
    digit another reading shows there: a digit misread alike by most passes
    (a ``0`` as ``6``) leaves a majority that no dialling plan allows.
    """

    candidates: tuple[str, ...]
    voters: tuple[int, ...]
    plus: bool
    fallbacks: tuple[str, ...] = ()


def digit_string(text: str) -> tuple[str, bool]:
    """The longest number-like part of an OCR text as digits, and whether a
    ``+`` opened it. Characters that are neither a digit nor a lookalike
    become ``?``."""
    best, best_plus, run, run_plus = "", False, "", False
    for token in _TOKEN_RE.findall(text):
        digits, plus = _token_digits(token)
        if digits is None:
            run, run_plus = "", False
            continue
        run_plus = run_plus or (plus and not run)
        run += digits
        if len(run) > len(best):
            best, best_plus = run, run_plus
    return best, best_plus


def _token_digits(token: str) -> tuple[str | None, bool]:
    """A token's characters as digits, or ``None`` when it is no part of a number."""
    core = token.strip(_EDGE_MARKS)
    plus = core.startswith("+")
    core = core.lstrip("+")
    real = sum(ch.isdigit() for ch in core)
    if not core or real == 0 or real * 2 < len(core):
        return None, False
    mapped = core.translate(LOOKALIKES)
    return "".join(ch if ch.isdigit() else UNKNOWN for ch in mapped), plus


def agree(texts: list[str]) -> Agreement | None:
    """What the readings ``texts`` of one line agree on, if enough of them do.

    Two readings are enough when they agree in every digit once lookalikes
    are mapped (``@12 406 5360`` and ``012 406 5360``); whether they come
    from different preparations is for the vote to judge.
    """
    strings = [digit_string(text) for text in texts]
    lengths = Counter(len(s) for s, _ in strings if len(s) >= MIN_LENGTH)
    if not lengths:
        return None
    length, count = max(lengths.items(), key=lambda item: (item[1], item[0]))
    voters = tuple(k for k, (s, _) in enumerate(strings) if len(s) == length)
    plus = sum(strings[k][1] for k in voters) * 2 > len(voters)
    if count == 2:
        return _pair(strings, voters, plus)
    if count < MIN_VOTERS:
        return None
    seen = [[strings[k][0][i] for k in voters] for i in range(length)]
    others = [s for k, (s, _) in enumerate(strings) if k not in voters]
    seen = _with_aligned(seen, others)
    choices = [_position(column) for column in seen]
    if any(not choice for choice in choices):
        return None
    doubts = zip(choices, seen, strict=True)
    if sum(_in_doubt(choice, column) for choice, column in doubts) > MAX_IN_DOUBT:
        return None
    candidates = tuple("".join(p) for p in product(*choices))
    return Agreement(candidates, voters, plus, _fallbacks(choices, seen))


def _pair(strings, voters: tuple[int, ...], plus: bool) -> Agreement | None:
    """Two readings of the same length agree when they are alike and whole."""
    first, second = (strings[k][0] for k in voters)
    if first != second or UNKNOWN in first:
        return None
    return Agreement((first,), voters, plus)


def _fallbacks(choices: list[tuple[str, ...]], seen: list[list[str]]) -> tuple:
    """The majority string with one position given to another digit seen there."""
    if any(len(choice) > 1 for choice in choices):
        return ()
    majority = "".join(choice[0] for choice in choices)
    found = []
    for i, column in enumerate(seen):
        others = sorted(set(column) - {UNKNOWN, majority[i]})
        found.extend(majority[:i] + digit + majority[i + 1 :] for digit in others)
    return tuple(found)


def _with_aligned(seen: list[list[str]], others: list[str]) -> list[list[str]]:
    """Each unsettled position's digits, with those of readings of another
    length that line up with it there.

    A reading that ran two groups together or lost a digit still reads the
    rest of the line: aligned at its start or its end, its digits around a
    position must match those the voters settled.
    """
    settled = [_settled(column) for column in seen]
    columns = [list(column) for column in seen]
    for i, digit in enumerate(settled):
        if digit is not None:
            continue
        for other in others:
            shown = _aligned_digit(other, i, settled)
            if shown is not None:
                columns[i].append(shown)
    return columns


def _settled(column: list[str]) -> str | None:
    choice = _position(column)
    return choice[0] if choice and not _in_doubt(choice, column) else None


def _aligned_digit(other: str, i: int, settled: list[str | None]) -> str | None:
    """The digit ``other`` shows at position ``i`` when aligned at its start
    or at its end, if its neighbouring digits match the settled ones."""
    shown = set()
    for shift in (0, len(other) - len(settled)):
        j = i + shift
        readable = 0 <= j < len(other) and other[j] != UNKNOWN
        if readable and _neighbours_match(other, shift, i, settled):
            shown.add(other[j])
    return shown.pop() if len(shown) == 1 else None


def _neighbours_match(
    other: str, shift: int, i: int, settled: list[str | None]
) -> bool:
    """Whether the settled digits within ``ALIGN_REACH`` of position ``i``
    read the same in ``other`` shifted by ``shift``: at least ``ALIGN_REACH``
    of them, and none different."""
    matched = 0
    for p in range(i - ALIGN_REACH, i + ALIGN_REACH + 1):
        if p == i or not 0 <= p < len(settled) or not 0 <= p + shift < len(other):
            continue
        ch = other[p + shift]
        if settled[p] is None or ch == UNKNOWN:
            continue
        if ch != settled[p]:
            return False
        matched += 1
    return matched >= ALIGN_REACH


def _lone(column: list[str]) -> bool:
    """Whether one reading alone shows a digit here, the rest an unknown mark."""
    digits = [ch for ch in column if ch != UNKNOWN]
    return len(digits) == 1 and len(column) >= MIN_VOTERS


def _in_doubt(choice: tuple[str, ...], column: list[str]) -> bool:
    return len(choice) > 1 or _lone(column)


def _position(seen: list[str]) -> tuple[str, ...]:
    """The digit most readings show at one position, or every digit shown
    there when none has a clear majority.

    The winner needs ``MIN_VOTERS`` readings and more than half of those
    that show a digit there. Without one, the digits are candidates, the
    most shown first, for the dialling plan to choose among; but when no
    digit is shown twice, the position settles nothing (an empty tuple),
    unless one reading alone shows a digit and the rest unknown marks.
    """
    counts = Counter(ch for ch in seen if ch != UNKNOWN).most_common()
    shown = sum(n for _, n in counts)
    if _lone(seen):
        return (counts[0][0],)
    if not counts or counts[0][1] < 2:
        return ()
    if counts[0][1] >= MIN_VOTERS and counts[0][1] * 2 > shown:
        return (counts[0][0],)
    return tuple(ch for ch, _ in counts)
