"""Digits however an ad writes them: words, lookalike letters, numerals of any script.

A number hidden from filters is still written digit by digit, in one of a few
ways: ASCII or other Unicode digits, digit words in English, Malay or
Indonesian (misspelt or run together, as in ``sixfivefour``), Chinese or Thai
numerals, or letters that look like digits (``0l2`` for ``012``). This module
holds that vocabulary, the regular expression of one written digit unit (an
*atom*), and the reading of a stretch of atoms into :class:`Piece` objects,
each a group of digits with where it was written.
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

# Kinds of token a digit word can be.
UNIT = "unit"
TEEN = "teen"
TENS = "tens"
SCALE = "scale"
REPEAT = "repeat"
DIGITS = "digits"

ENGLISH = {
    "0": ("zero", "zerro", "zeero", "ziro", "nought", "naught"),
    "1": ("one", "wun"),
    "2": ("two", "tu"),
    "3": ("three", "thre", "thri"),
    "4": ("four", "fuor"),
    "5": ("five", "fiv", "fyve", "fife"),
    "6": ("six", "sixx", "siks", "sicks"),
    "7": ("seven", "sevn", "sevan", "seben", "sevin"),
    "8": ("eight", "eigth", "eigt", "eihgt"),
    "9": ("nine", "nien", "nyne", "nein"),
}
# Words are read greedily, longest first, so no spelling may be another one
# plus the start of a third ("threee" would swallow the e of "threeeight").
# Words that are digits only beside other digits: ordinary words elsewhere.
HOMOPHONES = {
    "0": ("oh", "o"),
    "1": ("won",),
    "2": ("too", "to"),
    "3": ("tree",),
    "4": ("for", "fore"),
    "8": ("ate",),
}
MALAY = {
    "0": ("kosong", "kosng", "ksong", "kosonk", "sifar", "nol", "kosang"),
    "1": ("satu", "stu", "satoo"),
    "2": ("dua", "duwa"),
    "3": ("tiga", "tega", "tga"),
    "4": ("empat", "mpat", "ampat", "empt"),
    "5": ("lima", "limo"),
    "6": ("enam", "anam"),
    "7": ("tujuh", "tujoh", "tuju", "tjuh"),
    "8": ("lapan", "delapan", "dlapan", "lapn"),
    "9": ("sembilan", "smbilan", "sembilam", "smbln"),
}
TEENS = {
    "10": ("ten",),
    "11": ("eleven",),
    "12": ("twelve",),
    "13": ("thirteen",),
    "14": ("fourteen",),
    "15": ("fifteen",),
    "16": ("sixteen",),
    "17": ("seventeen",),
    "18": ("eighteen",),
    "19": ("nineteen",),
}
TENS_WORDS = {
    "2": ("twenty",),
    "3": ("thirty",),
    "4": ("forty", "fourty"),
    "5": ("fifty",),
    "6": ("sixty",),
    "7": ("seventy",),
    "8": ("eighty",),
    "9": ("ninety",),
}
SCALES = {2: ("hundred",), 3: ("thousand",)}
REPEATS = {2: ("double", "dbl"), 3: ("triple", "treble", "trpl")}

CHINESE = {
    "0": "零〇🅾⭕",
    "1": "一壹幺弌",
    "2": "二两兩贰貳弍",
    "3": "三叁參叄弎",
    "4": "四肆",
    "5": "五伍",
    "6": "六陆陸",
    "7": "七柒",
    "8": "八捌",
    "9": "九玖",
}
THAI = {
    "0": "ศูนย์",
    "1": "หนึ่ง",
    "2": "สอง",
    "3": "สาม",
    "4": "สี่",
    "5": "ห้า",
    "6": "หก",
    "7": "เจ็ด",
    "8": "แปด",
    "9": "เก้า",
}
# Letters that stand for digits, by their shape; only ever read beside digits.
LOOKALIKES = {"l": "1", "I": "1", "O": "0", "o": "0", "Z": "2", "S": "5", "B": "8"}

# Digits that are not decimal digits to Unicode (so ``\d`` misses them):
# superscripts, circled, parenthesised and dingbat digits.
_OTHER_DIGIT_BLOCKS = (
    (0x00B2, 0x00B9),
    (0x2070, 0x2089),
    (0x2460, 0x24FF),
    (0x2776, 0x2793),
    (0x1F100, 0x1F10A),
)


def _other_digits() -> str:
    found = []
    for first, last in _OTHER_DIGIT_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            if not char.isdecimal() and unicodedata.digit(char, None) is not None:
                found.append(char)
    return "".join(found)


OTHER_DIGITS = _other_digits()


def _word_table() -> dict[str, tuple[str, str, bool]]:
    """Every digit word, lower-cased, to (kind, value, weak)."""
    table: dict[str, tuple[str, str, bool]] = {}
    for kind, groups, weak in (
        (UNIT, ENGLISH, False),
        (UNIT, MALAY, False),
        (UNIT, HOMOPHONES, True),
        (TEEN, TEENS, False),
        (TENS, TENS_WORDS, False),
        (SCALE, SCALES, False),
        (REPEAT, REPEATS, False),
    ):
        for value, words in groups.items():
            for word in words:
                for spelling in _with_digit_letters(word, weak):
                    table[spelling] = (kind, str(value), weak)
    return table


def _with_digit_letters(word: str, weak: bool) -> set[str]:
    """The word, and as ads write it with 0 for o and 1 for i ("tw0", "f1ve")."""
    spellings = {word}
    if not weak:
        spellings.add(word.replace("o", "0"))
        spellings.add(word.replace("i", "1"))
    return spellings


WORDS = _word_table()
_SCRIPT_WORDS = {word: digit for digit, word in THAI.items()}
_SCRIPT_CHARS = {char: digit for digit, chars in CHINESE.items() for char in chars}


def _trie(words, letter=re.escape) -> str:
    """A regular expression matching any of ``words``, longest first, as a trie.

    Python's engine tries the branches of a plain alternation one by one;
    sharing prefixes makes the scan of a whole ad several times faster.
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(root, letter)


def _branch(node: dict, letter) -> str:
    branches = [
        letter(char) + _branch(node[char], letter) for char in sorted(node) if char
    ]
    if not branches:
        return ""
    pattern = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
    if "" in node:
        return "(?:" + pattern + ")?"
    return pattern


def _either_case(char: str) -> str:
    if char.lower() == char.upper():
        return re.escape(char)
    return f"[{char.lower()}{char.upper()}]"


def word_trie(words) -> str:
    """A pattern matching any of ``words`` in any letter case, longest first."""
    return _trie(words, _either_case)


LATIN = r"A-Za-z\u00C0-\u024F"
_LOOK = "[" + "".join(LOOKALIKES) + "]"
_WORD = word_trie(WORDS)
# Every character a digit word or lookalike can begin with: a cheap first test
# that spares the engine the rest at most letters of ordinary words.
_FIRSTS = "".join(
    sorted(
        {case for word in (*WORDS, *LOOKALIKES) for case in (word[0], word[0].upper())}
    )
)
# A whole run of Latin letters made only of digit words and lookalike letters;
# read greedily, longest word first, never backtracking.
WORD_RUN = rf"(?=[{_FIRSTS}])(?<![{LATIN}])(?:{_WORD}|{_LOOK})++(?![{LATIN}])"
# A "|" between two digits stands for 1.
PIPE = r"\|(?<=\d\|)(?=\d)"
SCRIPT_DIGIT = (
    rf"[{''.join(_SCRIPT_CHARS)}{OTHER_DIGITS}]"
    rf"|(?=[\u0E00-\u0E7F])(?>{_trie(_SCRIPT_WORDS)})"
)
# A character that can write a digit: a word character (digits of any script,
# the letters of digit words, Chinese and Thai numerals), or one of the few
# others read as digits (the pipe, two emoji for zero).
DIGIT_CHAR = (
    "[\\w"
    + re.escape(
        "|" + "".join(c for c in (*_SCRIPT_CHARS, *OTHER_DIGITS) if not c.isalnum())
    )
    + "]"
)
# Every character an atom can begin with, but for the Latin letters of
# WORD_FIRSTS: digits of any script, Chinese and Thai numerals, the pipe.
OTHER_FIRSTS = rf"\d{''.join(_SCRIPT_CHARS)}{OTHER_DIGITS}\u0E00-\u0E7F|"
WORD_FIRSTS = _FIRSTS
# One atom: a digit of any script, or a run of digit words and lookalikes. A
# digit with no letter after it is by far the most common, so it comes first;
# one with a letter after it may begin a word ("0ne", "tw0" reads on).
ATOM = rf"\d(?![A-Za-z])|{WORD_RUN}|\d|{SCRIPT_DIGIT}|{PIPE}"

_ASCII_DIGITS_RE = re.compile(r"[0-9]+")
_TOKEN_RE = re.compile(rf"{_WORD}|{_LOOK}")
_ATOM_RE = re.compile(
    rf"(?P<word>{WORD_RUN})|(?P<digits>\d+)|(?P<script>{SCRIPT_DIGIT})|(?P<pipe>{PIPE})"
)


# A named tuple's __new__ is a Python function; the hot paths below build the
# tuple directly, as each digit of a run makes a token, an atom and a piece.
_new = tuple.__new__


class Token(NamedTuple):
    """One digit word, lookalike letter or digit string, where it was written."""

    kind: str
    value: str
    start: int
    end: int
    plain: bool
    weak: bool = False
    spelled: bool = False


class Atom(NamedTuple):
    """Tokens written without a break between them: ``6``, ``EIGHTl``, ``sixfive``.

    ``weak`` when every token is a homophone or lookalike; ``spelled`` when
    any is a digit word.
    """

    tokens: tuple[Token, ...]
    start: int
    end: int
    weak: bool
    spelled: bool


class Piece(NamedTuple):
    """A group of digits as read, with the span that wrote it."""

    digits: str
    start: int
    end: int
    plain: bool
    weak: bool
    spelled: bool


def digit_string(written: str) -> str:
    """ASCII digits for a string of Unicode decimal digits (``"０１"`` -> ``"01"``)."""
    if written.isascii():
        return written
    return "".join(str(unicodedata.decimal(char)) for char in written)


def read_atoms(text: str, start: int, end: int, shift: int = 0) -> Iterator[Atom]:
    """The atoms written in ``text[start:end]``, in order, one at a time.

    Their spans are moved by ``shift``, for a ``text`` that is a window into a
    longer one.
    """
    for match in _ATOM_RE.finditer(text, start, end):
        kind = match.lastgroup
        first, last = match.span()
        first += shift
        last += shift
        if kind == "digits":
            written = match.group()
            plain = written.isascii()
            value = written if plain else digit_string(written)
            token = _new(Token, (DIGITS, value, first, last, plain, False, False))
            yield _new(Atom, ((token,), first, last, False, False))
        elif kind == "script":
            value = _script_value(match.group())
            token = _new(Token, (DIGITS, value, first, last, False, False, False))
            yield _new(Atom, ((token,), first, last, False, False))
        elif kind == "pipe":
            token = _new(Token, (UNIT, "1", first, last, False, True, False))
            yield _new(Atom, ((token,), first, last, True, False))
        else:
            yield _word_atom(match.group(), first, last)


def _script_value(written: str) -> str:
    value = _SCRIPT_CHARS.get(written) or _SCRIPT_WORDS.get(written)
    return value if value is not None else str(unicodedata.digit(written))


def _word_atom(letters: str, start: int, end: int) -> Atom:
    """The atom of a run of letters, its tokens moved to where it was written."""
    tokens, weak, spelled = _word_tokens(letters)
    if start:
        tokens = tuple(
            [
                _new(Token, (t[0], t[1], t[2] + start, t[3] + start, False, t[5], t[6]))
                for t in tokens
            ]
        )
    return _new(Atom, (tokens, start, end, weak, spelled))


# The same few spellings recur across thousands of ads: each is split once.
@lru_cache(maxsize=4096)
def _word_tokens(letters: str) -> tuple[tuple[Token, ...], bool, bool]:
    """Split a run of letters into digit words and lookalikes, longest word first.

    Also says whether every token is weak, and whether any is spelled.
    """
    tokens = []
    position = 0
    while position < len(letters):
        match = _TOKEN_RE.match(letters, position)
        written = match.group()
        start, end = match.span()
        word = WORDS.get(written.lower()) if len(written) > 1 else None
        if word is None:
            # A single letter is a lookalike, "o" too: a shape, not a word.
            value = LOOKALIKES.get(written) or WORDS[written.lower()][1]
            tokens.append(Token(UNIT, value, start, end, False, True))
        else:
            kind, value, weak = word
            tokens.append(Token(kind, value, start, end, False, weak, True))
        position = match.end()
    if any(not token.weak for token in tokens):
        # A lookalike inside a run that also spells a digit word is not a guess.
        tokens = [_strong(token) for token in tokens]
    return (
        tuple(tokens),
        all(token.weak for token in tokens),
        any(token.spelled for token in tokens),
    )


def _strong(token: Token) -> Token:
    return Token(
        token.kind,
        token.value,
        token.start,
        token.end,
        token.plain,
        False,
        token.spelled,
    )


def plain_pieces(text: str, start: int, end: int, shift: int = 0) -> list[Piece]:
    """The groups of ASCII digits in ``text[start:end]``, spans moved by ``shift``."""
    return [
        _new(Piece, (match.group(), match.start() + shift, match.end() + shift,
                     True, False, False))
        for match in _ASCII_DIGITS_RE.finditer(text, start, end)
    ]  # fmt: skip


def read_pieces(tokens: list[Token]) -> list[Piece]:
    """Resolve tokens into digit groups: ``twenty five`` -> 25, ``double 6`` -> 66."""
    if all(token.kind in _ALONE for token in tokens):
        # The usual case: each token is a group of its own.
        return [_new(Piece, (token[1], *token[2:])) for token in tokens]
    pieces = []
    index = 0
    while index < len(tokens):
        piece, index = _read_piece(tokens, index)
        if piece is not None:
            pieces.append(piece)
    return pieces


def _read_piece(tokens: list[Token], index: int) -> tuple[Piece | None, int]:
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.kind in _ALONE and (following is None or following.kind != SCALE):
        # The usual case, one token one group, read without merging.
        return Piece(token.value, *token[2:]), index + 1
    if token.kind == REPEAT:
        return _read_repeat(tokens, index)
    if token.kind == SCALE:
        # A scale word with nothing before it ("hundred") is read as one of it.
        return _read_scaled(tokens, index, Token(UNIT, "1", *_span(token), False))
    if token.kind == TENS:
        if following is not None and following.kind == UNIT and following.value != "0":
            merged = _merge([token, following], token.value + following.value)
            return _then_scale(tokens, index + 2, merged)
        return _then_scale(tokens, index + 1, _merge([token], token.value + "0"))
    return _then_scale(tokens, index + 1, _merge([token], token.value))


_ALONE = (DIGITS, UNIT, TEEN)


def _span(token: Token) -> tuple[int, int]:
    return token.start, token.end


def _then_scale(tokens: list[Token], index: int, piece: Piece) -> tuple[Piece, int]:
    """Read ``five hundred`` as 500 when a scale word follows a spelled number."""
    scalable = piece.spelled or len(piece.digits) <= 3
    if index < len(tokens) and tokens[index].kind == SCALE and scalable:
        head = Token(UNIT, piece.digits, piece.start, piece.end, False, spelled=True)
        return _read_scaled(tokens, index, head)
    return piece, index


def _read_scaled(tokens: list[Token], index: int, head: Token) -> tuple[Piece, int]:
    zeros = int(tokens[index].value)
    used = [head, tokens[index]]
    tail, after = _small_number(tokens, index + 1, zeros)
    if tail is None:
        return _merge(used, head.value + "0" * zeros), index + 1
    value = head.value + tail.digits.rjust(zeros, "0")
    return _merge([*used, Token(UNIT, "", tail.start, tail.end, False)], value), after


def _small_number(tokens: list[Token], index: int, zeros: int):
    """A spelled number below 10**zeros right after a scale word, if any."""
    if index >= len(tokens) or not tokens[index].spelled:
        return None, index
    # "five thousand seven" in a phone is 5000 then 7; only "fifteen" or
    # "twenty" after a scale word adds to it ("two thousand fifteen").
    if tokens[index].kind not in (TEEN, TENS):
        return None, index
    piece, after = _read_piece(tokens, index)
    if piece is None or len(piece.digits) > zeros:
        return None, index
    return piece, after


def _read_repeat(tokens: list[Token], index: int) -> tuple[Piece | None, int]:
    times = int(tokens[index].value)
    if index + 1 >= len(tokens) or tokens[index + 1].kind not in (UNIT, DIGITS):
        return None, index + 1
    repeated = tokens[index + 1]
    value = repeated.value[0] * times + repeated.value[1:]
    return _merge([tokens[index], repeated], value), index + 2


def _merge(tokens: list[Token], digits: str) -> Piece:
    return Piece(
        digits=digits,
        start=tokens[0].start,
        end=tokens[-1].end,
        plain=all(token.plain for token in tokens),
        weak=all(token.weak for token in tokens),
        spelled=any(token.spelled for token in tokens),
    )
