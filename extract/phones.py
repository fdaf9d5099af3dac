"""Phone numbers in ad text, however disguised, placed and written in E.164.

:func:`find_phones` reads a text in four steps. Runs of digits written in any
form, with separators between them, are found by one regular expression;
prices, measures, dates and links around each are blanked
(:mod:`extract.phone_context`); the run is read into digit groups
(:mod:`extract.digits`), homophones and lookalikes kept only beside real
digits; and the groups are cut into the phones that best explain them, each
placed in a country by libphonenumber (:mod:`extract.phone_runs`,
:mod:`extract.dialling`).
:func:`ad_phones` applies it to an ad's title and body, as the extracted-ad
record wants them.

Notes
-----
A number no country can dial is kept, as the digits written, only when the
ad clearly offers it as a phone (a cue word such as ``call`` or ``WhatsApp``
nearby, a ``+`` before it, or its digits spelled out), so that nothing an
investigator needs is lost and a price list is not taken for a phone.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from extract import digits, phone_context
from extract.phone_runs import MIN_DIGITS, ORDINARY, Reading, read_run

# Runs are read in stretches of at most this many characters: with the cap on
# digit groups in extract.phone_runs, this bounds the work on any input.
MAX_STRETCH = 256

# Up to eight separators, one line break among them at most.
_GAP = r"(?:[^\w\n\r\x00]|_){0,8}+(?:\r?\n(?:[^\w\n\r\x00]|_){0,8}+)?"
_RUN = (
    rf"(?:{digits.ATOM})(?:{_GAP}(?:{digits.ATOM}))++"
    rf"|(?=[A-Za-z]{{12}}){digits.WORD_RUN}"
)
_RUN_RE = re.compile(_RUN)
# The same runs, found in a third less time. Python's engine skips, in C, to
# the next character of a set that opens a pattern, but tries a pattern that
# opens with a look-ahead, as _RUN does, at every position. A run begins at a
# digit-like character, or at a letter just after a character that is no
# letter; so this stops only at non-letters, and tries a run there (group 1)
# or one character on (group 2).
_RUN_NEAR_RE = re.compile(
    rf"[^{digits.LATIN}](?:(?<=(?=[{digits.OTHER_FIRSTS}])(?=({_RUN}))[\s\S])"
    rf"|(?=[{digits.WORD_FIRSTS}])(?=({_RUN})))"
)
_SPACE_RE = re.compile(r"\s")
_DIGIT_CHAR_RE = re.compile(digits.DIGIT_CHAR)
_PLAIN_RUN_RE = re.compile(r"[0-9][0-9 \-.()/]*")
# How far before and after a run its context (currency, units) is read.
CONTEXT = (6, 12)
_ORDINARY_OR_COMMA = ORDINARY | {","}


@dataclass(frozen=True, slots=True)
class PhoneMatch:
    """A phone number found in a text.

    ``number`` is E.164 when the number could be placed in a country, otherwise
    the digits as written. ``span`` is where the text wrote it, and
    ``obfuscated`` says whether it was written other than as plain digits with
    ordinary separators.
    """

    number: str
    span: tuple[int, int]
    obfuscated: bool
    source: str = "body"

    def as_dict(self) -> dict:
        """The match as JSON-ready data (``span`` as a two-item list)."""
        return {
            "number": self.number,
            "source": self.source,
            "obfuscated": self.obfuscated,
            "span": list(self.span),
        }


def find_phones(
    text: str, region: str | None = "MY", source: str = "body"
) -> list[PhoneMatch]:
    """Every phone number a person would read in ``text``, in order of writing.

    ``region`` is the ad's country (ISO 3166 two letters), the country assumed
    for numbers written without a calling code; when it is empty or unknown,
    only numbers written with their calling code are placed. ``source`` is
    copied into each match. Example::

        >>> [m.number for m in find_phones("call 012-345 six 7 eight 9")]
        ['+60123456789']
    """
    found = _readings(text, (region or "ZZ").upper())
    return [PhoneMatch(r.number, (r.start, r.end), r.obfuscated, source) for r in found]


# Ads are reposted and their titles reused: a text read once is not read again.
@lru_cache(maxsize=4096)
def _readings(text: str, region: str) -> tuple[Reading, ...]:
    """The phones in ``text``, as readings, in order of writing."""
    links = "@" in text or "//" in text or "www." in text.lower()
    found = []
    # Most runs (an age, a price) are too short to hold a phone: one length
    # check each, before any closer reading.
    for start, end in _runs(text, 0, len(text)):
        if end - start < MIN_DIGITS or _inside_a_word(text, start, end):
            continue
        if links and phone_context.in_other_link(text, start, end):
            continue
        if phone_context.is_date(text, start, end):
            continue
        found += _read_candidate(text, start, end, region)
    return tuple(found)


def _runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of the runs in ``text[start:end]``, as ``_RUN_RE.finditer`` gives."""
    run = _RUN_RE.match(text, start, end)
    if run is not None:
        yield run.span()
        start = run.end()
    while (found := _RUN_NEAR_RE.search(text, start, end)) is not None:
        span = found.span(1) if found.start(1) >= 0 else found.span(2)
        yield span
        start = span[1]


def _read_candidate(text: str, start: int, end: int, region: str) -> list[Reading]:
    """The phones in one run, once prices, dates and measures around it are blanked.

    The run is read as written first: most phones have nothing blanked inside.
    Every digit read comes from a character that writes one and is not blanked
    (a word, "dbl" or "hundred", has at least as many letters as it gives
    digits), so a run with fewer such characters than a phone's digits is
    passed over unread: a measure ("36B-24-34"), a date and a time.
    """
    shift = max(0, start - CONTEXT[0])
    masked = phone_context.mask(text[shift : end + CONTEXT[1]])
    if len(_DIGIT_CHAR_RE.findall(masked, start - shift, end - shift)) < MIN_DIGITS:
        return []
    readings = []
    for pieces in _piece_groups(text, text, start, end, 0):
        if _digit_count(pieces) < MIN_DIGITS:
            continue
        first, last = pieces[0].start - shift, pieces[-1].end - shift
        if phone_context.BLANK in masked[first:last]:
            readings.extend(_read_masked(text, masked, first, last, shift, region))
        else:
            readings.extend(read_run(text, pieces, region))
    return readings


def _read_masked(text, masked, start, end, shift, region) -> list[Reading]:
    """The phones in a stretch of a run with prices, dates or measures blanked."""
    readings = []
    for first, last in _runs(masked, start, end):
        for pieces in _piece_groups(text, masked, first, last, shift):
            if _digit_count(pieces) >= MIN_DIGITS:
                readings.extend(read_run(text, pieces, region))
    return readings


def _digit_count(pieces: list[digits.Piece]) -> int:
    return sum([len(piece.digits) for piece in pieces])


def _piece_groups(text: str, masked: str, start: int, end: int, shift: int):
    """The digit groups of a run, split where a stray homophone or lookalike stood."""
    if _PLAIN_RUN_RE.fullmatch(masked, start, end) and end - start <= MAX_STRETCH:
        # Plain digits and ordinary separators, as most phones are written.
        yield digits.plain_pieces(masked, start, end, shift)
        return
    for stretch in _stretches(masked, start, end, shift):
        for group in _atom_groups(text, stretch):
            yield digits.read_pieces([token for atom in group for token in atom.tokens])


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """Whether letters hug a run without spaces, as in a hash or a product code."""
    return (
        start > 0
        and end < len(text)
        and text[start - 1].isascii()
        and text[start - 1].isalpha()
        and text[end].isascii()
        and text[end].isalpha()
        and _SPACE_RE.search(text, start, end) is None
    )


def _stretches(
    text: str, start: int, end: int, shift: int
) -> Iterator[list[digits.Atom]]:
    """The run's atoms, a stretch of at most MAX_STRETCH characters at a time."""
    if end - start <= MAX_STRETCH:
        atoms = list(digits.read_atoms(text, start, end, shift))
        if atoms:
            yield atoms
        return
    stretch: list[digits.Atom] = []
    for atom in digits.read_atoms(text, start, end, shift):
        if stretch and atom.end - stretch[0].start > MAX_STRETCH:
            yield stretch
            stretch = []
        stretch.append(atom)
    if stretch:
        yield stretch


def ad_phones(
    title: str | None, body: str | None, region: str | None = "MY"
) -> list[dict]:
    """An ad's ``phones`` field: ``{"number", "source", "obfuscated"}`` per number.

    Each number appears once, where it was first written, the title first.
    """
    region = (region or "ZZ").upper()
    seen = set()
    phones = []
    for source, text in (("title", title), ("body", body)):
        for reading in _readings(text or "", region):
            if reading.number not in seen:
                seen.add(reading.number)
                phones.append(
                    {
                        "number": reading.number,
                        "source": source,
                        "obfuscated": reading.obfuscated,
                    }
                )
    return phones


def _atom_groups(text: str, atoms: list[digits.Atom]) -> list[list[digits.Atom]]:
    """The atoms, split where a homophone or lookalike stands alone."""
    if not any(atom.weak for atom in atoms):
        return [atoms]
    kept = _kept_atoms(text, atoms)
    groups: list[list[digits.Atom]] = [[]]
    for atom, keep in zip(atoms, kept, strict=True):
        if keep:
            groups[-1].append(atom)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _kept_atoms(text: str, atoms: list[digits.Atom]) -> list[bool]:
    """Which atoms count: a weak one ("to", "O") only beside real digits."""
    sure = [not atom.weak for atom in atoms]
    changed = True
    while changed:
        changed = False
        for index in range(len(atoms)):
            if not sure[index] and _backed(text, atoms, sure, index):
                sure[index] = changed = True
    return sure


def _backed(text: str, atoms: list[digits.Atom], sure: list[bool], index: int) -> bool:
    """Whether a weak atom counts, backed by a sure neighbour.

    A homophone or lookalike counts when it touches real digits, stands among
    spelled digits, or sits beside real digits with no ordinary word on its
    other side: "6 6 TOO." and "3 I 6" read as digits, "432 for outcall" not.
    """
    atom = atoms[index]
    for side in (-1, 1):
        other = index + side
        if other < 0 or other >= len(atoms) or not sure[other]:
            continue
        neighbour = atoms[other]
        between = text[min(atom.end, neighbour.end) : max(atom.start, neighbour.start)]
        if not between:
            return True
        if between in ORDINARY and _is_lookalike_group(atom, neighbour):
            return True
        near = _close(between) if _is_word(atom) else between in ORDINARY
        if near and (_is_word(neighbour) and _is_word(atom)):
            return True
        if near and _free_beyond(text, atoms, index, -side):
            return True
    return False


def _free_beyond(text: str, atoms: list[digits.Atom], index: int, side: int) -> bool:
    """Whether the atom's other side holds another atom, or no word at all."""
    other = index + side
    if 0 <= other < len(atoms):
        atom, neighbour = atoms[index], atoms[other]
        return _close(
            text[min(atom.end, neighbour.end) : max(atom.start, neighbour.start)]
        )
    if side > 0:
        beyond = text[atoms[index].end : atoms[index].end + 4].lstrip()
        return not beyond[:1].isalpha()
    before = text[max(0, atoms[index].start - 4) : atoms[index].start].rstrip()
    return not before[-1:].isalpha() or phone_context.is_offered(
        text, atoms[index].start
    )


def _close(between: str) -> bool:
    """A short gap of separators (a comma too: spelled numbers pause)."""
    return len(between) <= 3 and set(between) <= _ORDINARY_OR_COMMA


def _is_lookalike_group(atom: digits.Atom, neighbour: digits.Atom) -> bool:
    """Two or more lookalike letters as a group of a number ("081-Sl-0B3")."""
    return len(atom.tokens) >= 2 and neighbour.tokens[0].kind == digits.DIGITS


def _is_word(atom: digits.Atom) -> bool:
    """Whether the atom is spelled in words; a lone "I" or "S" is not, "o" is."""
    if any(token.kind == digits.DIGITS for token in atom.tokens):
        return False
    return atom.end - atom.start > 1 or atom.tokens[0].value == "0"
