"""Ways ads write a phone number so that filters (and people) miss it.

Every style writes all the digits in order; only their spelling, grouping and
separators change. A number is written as dialled inside the ad's country
(``012-345 6789``) unless it belongs to another country, in which case it
carries its ``+`` and calling code in every style.
"""

import random

from synth.phones import Phone

STYLES = (
    "plain",
    "spaced",
    "separated",
    "letters",
    "words_en",
    "words_ms",
    "words_zh",
    "emoji",
    "fullwidth",
    "mixed",
)

# The first spelling is the right one; the others are the slips ads make on purpose.
WORDS_EN = {
    "0": ("zero", "zerro", "oh"),
    "1": ("one", "won", "wun"),
    "2": ("two", "too", "tu"),
    "3": ("three", "tree", "thre"),
    "4": ("four", "for", "fore"),
    "5": ("five", "fife", "fiv"),
    "6": ("six", "siks", "sicks"),
    "7": ("seven", "sevn", "sevan"),
    "8": ("eight", "ate", "eigth"),
    "9": ("nine", "nien", "nyne"),
}
WORDS_MS = {
    "0": ("kosong", "sifar"),
    "1": ("satu",),
    "2": ("dua",),
    "3": ("tiga",),
    "4": ("empat",),
    "5": ("lima",),
    "6": ("enam",),
    "7": ("tujuh",),
    "8": ("lapan",),
    "9": ("sembilan",),
}
WORDS_ZH = {
    "0": ("零", "〇"),
    "1": ("一", "幺"),
    "2": ("二",),
    "3": ("三",),
    "4": ("四",),
    "5": ("五",),
    "6": ("六",),
    "7": ("七",),
    "8": ("八",),
    "9": ("九",),
}
WORDS_ZH_FORMAL = dict(zip("0123456789", "零壹贰叁肆伍陆柒捌玖", strict=True))
LETTERS = {"0": ("O", "o"), "1": ("l", "I")}
KEYCAP = "\ufe0f\u20e3"
FULLWIDTH = str.maketrans("0123456789-+ ", "０１２３４５６７８９－＋\u3000")
# No "|": ads also write it for the digit 1, so it would read two ways.
ODD_SEPARATORS = (".", "*", "/", "_", "~", "..", " . ", "-_-")


def digits_to_write(phone: Phone, ad_country: str, rng: random.Random) -> str:
    """The digit string an ad would write: national, or ``+`` and code if foreign."""
    if phone.country != ad_country:
        return phone.international
    if phone.country == "MY" and rng.random() < 0.12:
        return rng.choice(("+", "")) + phone.calling_code + phone.national[1:]
    return phone.national


def groups(number: str, rng: random.Random) -> list[str]:
    """Split a digit string the way people group a number when writing it."""
    head, body = _split_head(number)
    if number.startswith("+") and len(body) > 8:
        tail = [body[:2], body[2:5], body[5:]] if rng.random() < 0.6 else [body]
    elif rng.random() < 0.3 or len(body) < 6:
        tail = [body]
    elif rng.random() < 0.5:
        tail = [body[: len(body) // 2], body[len(body) // 2 :]]
    else:
        tail = [body[:3], body[3:]]
    return [head, *tail] if head else tail


def _split_head(number: str) -> tuple[str, str]:
    """The leading group (calling code or area prefix) and the rest."""
    if number.startswith("+"):
        code = 3 if number[1:3] in ("60", "65", "66", "62") else 2
        return number[:code], number[code:]
    if number.startswith("60") and len(number) >= 11:
        return number[:4], number[4:]
    if number.startswith("0"):
        cut = 4 if number.startswith("08") and len(number) >= 12 else 3
        return number[:cut], number[cut:]
    return number[:4], number[4:]


def write(number: str, style: str, rng: random.Random) -> tuple[str, str]:
    """Write the digit string ``number`` in ``style`` (one of ``STYLES``).

    Returns the text and the style it really has: a number with no 0 or 1 has
    no letter to disguise, so ``letters`` falls back to ``plain``.
    """
    if style == "letters" and not set(number) & set(LETTERS):
        style = "plain"
    return WRITERS[style](groups(number, rng), rng), style


def _plain(parts: list[str], rng: random.Random) -> str:
    separator = rng.choice(("-", " ", "", "-", " "))
    if len(parts) > 2 and rng.random() < 0.4:
        return parts[0] + rng.choice(("-", " ")) + "".join(parts[1:])
    return separator.join(parts)


def _spaced(parts: list[str], rng: random.Random) -> str:
    between_groups = rng.choice(("  ", " - ", " "))
    return between_groups.join(" ".join(part) for part in parts)


def _separated(parts: list[str], rng: random.Random) -> str:
    separator = rng.choice(ODD_SEPARATORS)
    if rng.random() < 0.3:
        return separator.join("".join(parts))
    return separator.join(parts)


def _letters(parts: list[str], rng: random.Random) -> str:
    text = _plain(parts, rng)
    slots = [i for i, char in enumerate(text) if char in LETTERS]
    if not slots:
        return text
    chosen = {i for i in slots if rng.random() < 0.7} or {rng.choice(slots)}
    pick = rng.randrange(2)
    return "".join(
        LETTERS[char][pick] if i in chosen else char for i, char in enumerate(text)
    )


def _words(table: dict[str, tuple[str, ...]], slips: float):
    """A writer that spells each digit with a word from ``table``."""

    def writer(parts: list[str], rng: random.Random) -> str:
        case = rng.choice((str.lower, str.upper, str.capitalize))
        joiner = rng.choice((" ", " ", "-", ""))
        # Run together, a slip could read two ways ("fiv"+"eight"): spell it right.
        slipping = slips if joiner else 0.0
        words = []
        for part in parts:
            spelled = [_spell(char, table, slipping, rng) for char in part]
            words.append(joiner.join(case(word) for word in spelled))
        return rng.choice((" ", ", ", " - ")).join(words)

    return writer


def _spell(char: str, table: dict[str, tuple[str, ...]], slips: float, rng) -> str:
    if char not in table:
        return char
    options = table[char]
    if len(options) > 1 and rng.random() < slips:
        return rng.choice(options[1:])
    return options[0]


def _words_zh(parts: list[str], rng: random.Random) -> str:
    if rng.random() < 0.15:
        table = {digit: (word,) for digit, word in WORDS_ZH_FORMAL.items()}
    else:
        table = WORDS_ZH
    joiner = rng.choice(("", "", " "))
    spelled = [
        "".join(_spell(char, table, 0.3, rng) for char in part) for part in parts
    ]
    return joiner.join(spelled)


def _emoji(parts: list[str], rng: random.Random) -> str:
    joiner = rng.choice(("", " "))
    spelled = [
        "".join(char + KEYCAP if char.isdigit() else char for char in part)
        for part in parts
    ]
    return joiner.join(spelled)


def _fullwidth(parts: list[str], rng: random.Random) -> str:
    return _plain(parts, rng).translate(FULLWIDTH)


def _mixed(parts: list[str], rng: random.Random) -> str:
    """Digits, words and look-alike letters side by side, as in ``7EIGHTl3TREE``."""
    joiner = rng.choice(("", "", " "))
    slips = 0.35 if joiner else 0.0
    pieces = []
    for char in "".join(parts):
        kind = rng.choice(("digit", "digit", "en", "en", "letter", "ms"))
        pieces.append(_mixed_piece(char, kind, slips, rng))
    if not any(piece.isalpha() for piece in pieces):
        pieces[-1] = WORDS_EN[parts[-1][-1]][0].upper()
    return joiner.join(pieces)


def _mixed_piece(char: str, kind: str, slips: float, rng: random.Random) -> str:
    if not char.isdigit() or kind == "digit":
        return char
    if kind == "letter":
        return rng.choice(LETTERS[char]) if char in LETTERS else char
    if kind == "ms":
        return WORDS_MS[char][0]
    word = _spell(char, WORDS_EN, slips, rng)
    return word.upper() if rng.random() < 0.6 else word


WRITERS = {
    "plain": _plain,
    "spaced": _spaced,
    "separated": _separated,
    "letters": _letters,
    "words_en": _words(WORDS_EN, 0.3),
    "words_ms": _words(WORDS_MS, 0.3),
    "words_zh": _words_zh,
    "emoji": _emoji,
    "fullwidth": _fullwidth,
    "mixed": _mixed,
}
