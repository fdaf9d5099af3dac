"""Red-flag terms the generator writes, by category and language.

Each phrase carries exactly one term, written as the phrase shows it; the
truth records the term in lower case with its category. Ordinary ad text
never contains any of these terms, so the truth lists every one in an ad.
"""

import random
from dataclasses import dataclass

CATEGORIES = ("newness", "youth", "foreignness", "third_party", "movement")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase that carries one red-flag term; ``{place}`` names the city."""

    text: str
    term: str
    category: str


def _phrases(category: str, rows: tuple[tuple[str, str], ...]) -> list[Phrase]:
    return [Phrase(text, term, category) for text, term in rows]


PHRASES = {
    "en": _phrases(
        "newness",
        (
            ("Fresh in {place}", "fresh"),
            ("FRESH girl", "fresh"),
            ("Just landed in {place}", "just landed"),
            ("just arrived yesterday", "just arrived"),
            ("New in town", "new in town"),
            ("New girl this month", "new girl"),
        ),
    )
    + _phrases(
        "youth",
        (
            ("Young and sweet", "young"),
            ("very young", "young"),
            ("College student", "student"),
        ),
    )
    + _phrases(
        "foreignness",
        (
            ("Exotic beauty", "exotic"),
            ("Foreign girl", "foreign"),
        ),
    )
    + _phrases(
        "third_party",
        (
            ("Booking through agency only", "agency"),
            ("Call my manager to book", "my manager"),
            ("Ask the boss for rates", "boss"),
            ("Our agent will meet you", "agent"),
        ),
    )
    + _phrases(
        "movement",
        (
            ("This week only", "this week only"),
            ("Leaving soon", "leaving soon"),
            ("Short stay in {place}", "short stay"),
            ("Last few days in {place}", "last few days"),
            ("On tour in {place}", "on tour"),
        ),
    ),
    "ms": _phrases(
        "newness",
        (
            ("Baru sampai {place}", "baru sampai"),
            ("baru tiba minggu lepas", "baru tiba"),
            ("Muka baru", "muka baru"),
        ),
    )
    + _phrases("youth", (("Masih muda", "muda"), ("Pelajar kolej", "pelajar")))
    + _phrases("foreignness", (("Gadis luar negara", "luar negara"),))
    + _phrases(
        "third_party",
        (("Tempahan melalui ejen", "ejen"), ("Tanya bos untuk harga", "bos")),
    )
    + _phrases(
        "movement",
        (
            ("Minggu ini sahaja", "minggu ini sahaja"),
            ("Sekejap sahaja di {place}", "sekejap sahaja"),
        ),
    ),
    "zh": _phrases("newness", (("新到{place}", "新到"), ("刚到", "刚到")))
    + _phrases("youth", (("年轻可爱", "年轻"), ("学生妹", "学生")))
    + _phrases("foreignness", (("外国美女", "外国"),))
    + _phrases("third_party", (("经纪安排", "经纪"), ("老板接待", "老板")))
    + _phrases("movement", (("只待几天", "只待几天"), ("最后几天", "最后几天"))),
}

# A nationality is a term of its own; the phrase names the woman's origin.
NATIONALITIES = {
    "thai": {"en": "Thai", "ms": "Thai", "zh": "泰国"},
    "vietnam": {"en": "Vietnam", "ms": "Vietnam", "zh": "越南"},
    "indonesia": {"en": "Indonesia", "ms": "Indonesia", "zh": "印尼"},
    "filipina": {"en": "Filipina", "ms": "Filipina", "zh": "菲律宾"},
    "laos": {"en": "Laos", "ms": "Laos", "zh": "老挝"},
    "china": {"en": "China", "ms": "China", "zh": "中国"},
    "uzbek": {"en": "Uzbek", "ms": "Uzbek", "zh": "乌兹别克"},
}
NATIONALITY_PATTERNS = {
    "en": ("{nat} girl", "Pretty {nat} lady", "{nat} beauty"),
    "ms": ("Gadis {nat}", "Awek {nat}"),
    "zh": ("{nat}妹", "{nat}美女"),
}


def nationality_phrase(nationality: str, language: str, rng: random.Random) -> Phrase:
    """A phrase naming a foreign origin, with the nationality as its term."""
    word = NATIONALITIES[nationality][language]
    pattern = rng.choice(NATIONALITY_PATTERNS[language])
    return Phrase(pattern.format(nat=word), word.lower(), "foreignness")


def all_terms() -> dict[str, str]:
    """Every term the generator can write, mapped to its category."""
    terms = {p.term: p.category for rows in PHRASES.values() for p in rows}
    for names in NATIONALITIES.values():
        terms.update({name.lower(): "foreignness" for name in names.values()})
    return terms
