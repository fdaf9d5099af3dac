"""Plausible, fictitious mobile numbers, kept only when ``phonenumbers`` says valid."""

import random
from dataclasses import dataclass

import phonenumbers

# Mobile ranges as "calling code, leading digits, digits that follow".
MOBILE_PLANS = {
    "MY": (
        ("60", "10", 7),
        ("60", "11", 8),
        ("60", "12", 7),
        ("60", "13", 7),
        ("60", "14", 7),
        ("60", "16", 7),
        ("60", "17", 7),
        ("60", "18", 7),
        ("60", "19", 7),
    ),
    "SG": (("65", "8", 7), ("65", "9", 7)),
    "TH": (("66", "8", 8), ("66", "9", 8), ("66", "6", 8)),
    "ID": (("62", "812", 8), ("62", "813", 8), ("62", "857", 8), ("62", "878", 8)),
}

# Countries whose numbers are dialled with a leading 0 inside the country.
TRUNK_PREFIX = {"MY": "0", "SG": "", "TH": "0", "ID": "0"}


@dataclass(frozen=True, slots=True)
class Phone:
    """A number in E.164 with the country it belongs to."""

    e164: str
    country: str

    @property
    def calling_code(self) -> str:
        """The country calling code, without ``+``."""
        return MOBILE_PLANS[self.country][0][0]

    @property
    def national(self) -> str:
        """The digits as dialled inside the country, trunk prefix included."""
        significant = self.e164[1 + len(self.calling_code) :]
        return TRUNK_PREFIX[self.country] + significant

    @property
    def international(self) -> str:
        """The digits as dialled from abroad, with the leading ``+``."""
        return self.e164


MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def is_valid_mobile(e164: str) -> bool:
    """Whether ``phonenumbers`` accepts the number as a valid mobile one."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    valid = phonenumbers.is_valid_number(parsed)
    return valid and phonenumbers.number_type(parsed) in MOBILE_TYPES


def draw_phone(rng: random.Random, country: str, taken: set[str]) -> Phone:
    """Draw a valid mobile number of ``country`` that is not in ``taken``."""
    plans = MOBILE_PLANS[country]
    while True:
        code, lead, length = rng.choice(plans)
        rest = "".join(rng.choice("0123456789") for _ in range(length))
        e164 = f"+{code}{lead}{rest}"
        if e164 not in taken and is_valid_mobile(e164):
            taken.add(e164)
            return Phone(e164, country)


def looks_like_phone(digits: str, region: str) -> bool:
    """Whether a run of digits would pass as a valid number in ``region``.

    Identifiers, dates and codes written in ads are drawn again when this is
    true, so that every phone the truth does not list is really no phone.
    """
    try:
        parsed = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)
