"""The age an ad states: the site's age field first, else the first age written in text.

Ages are kept between :data:`MIN_AGE` and :data:`MAX_AGE`. The lower bound is
deliberately below 18: an ad that states a minor's age is exactly what an
investigator must see, so it is reported, never filtered out.

A number counts as an age only beside an age word: a unit after it (``23yo``,
``21 years old``, ``22 tahun``, ``22岁``) or a cue before it (``age 21``,
``umur 22``, ``young 19``, ``年龄22``), so that heights, weights, prices,
phone numbers and times are never read as ages.
"""

import re
import unicodedata

MIN_AGE = 12
MAX_AGE = 65

AGE_AFTER = (
    r"(?P<after>\d{2})[ \t]?(?:yo|y\.o\.?|y/o|yrs?(?:[ \t]?old)?|years?[ \t-]?old"
    r"|tahun|thn|岁|歲|歳)(?![a-z])"
)
AGE_BEFORE = (
    r"(?:age|aged|umur|usia|年龄|年齡|年纪|年紀)[ \t]*[:=\-]?[ \t]*(?P<before>\d{2})"
    r"|(?:young|just turned|i am|i'm|im|saya|baru|only)[ \t]+(?P<cue>\d{2})"
    r"(?![ \t]?(?:cm|kg|lbs?|rm|myr|min|minit|mins|minutes?|hours?|hrs?|h|jam|k|%"
    r"|am|pm)(?![a-z]))"
)
AGE = re.compile(rf"(?<![\d.,:/a-z])(?:{AGE_AFTER}|(?<![a-z])(?:{AGE_BEFORE}))(?!\d)")


def find_age(text: str) -> int | None:
    """The first plausible age written in ``text``, or ``None``."""
    if not text:
        return None
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    for match in AGE.finditer(text.lower()):
        age = int(match["after"] or match["before"] or match["cue"])
        if MIN_AGE <= age <= MAX_AGE:
            return age
    return None


def stated_age(value: object) -> int | None:
    """The site's age field as an int within bounds, or ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        age = int(value)
    else:
        digits = re.fullmatch(r"\s*(\d{1,3})\s*", str(value))
        if digits is None:
            return find_age(str(value))
        age = int(digits[1])
    return age if MIN_AGE <= age <= MAX_AGE else None


def resolve_age(value: object, *texts: str) -> int | None:
    """The age field when usable, else the first age found in ``texts`` in order."""
    age = stated_age(value)
    if age is not None:
        return age
    for text in texts:
        age = find_age(text)
        if age is not None:
            return age
    return None
