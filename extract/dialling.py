"""Where a string of digits can be dialled: its country and E.164 form.

All judgement of validity is Google's libphonenumber (the ``phonenumbers``
package). This module only decides in which order to ask it, and how sure each
answer is, as a :class:`Placing`. Results are cached, since the same numbers
recur across thousands of ads.
"""

from dataclasses import dataclass
from enum import IntEnum
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers.phonenumberutil import ValidationResult

# Countries whose numbers commonly appear, written nationally, in each other's ads.
NEIGHBOURS = {
    "MY": ("SG", "TH", "ID", "BN"),
    "SG": ("MY", "ID"),
    "TH": ("MY", "KH", "LA", "MM"),
    "ID": ("MY", "SG"),
    "BN": ("MY",),
    "PH": ("MY",),
    "VN": ("KH",),
    "KH": ("TH", "VN"),
    "HK": ("MO", "CN"),
    "MO": ("HK", "CN"),
    "CN": ("HK", "MO", "TW"),
    "TW": ("CN",),
    "GB": ("IE",),
    "IE": ("GB",),
    "AU": ("NZ",),
    "NZ": ("AU",),
}


# Countries whose mobile numbers are usually written without the trunk 0.
TRUNK_OPTIONAL = frozenset({"IN", "CN"})


class Sureness(IntEnum):
    """How a number was placed, from best to weakest."""

    VALID = 6  # valid in the ad's country, or valid after an explicit + or 00
    NEIGHBOUR = 5  # written with a trunk prefix, valid in a neighbouring country
    ABROAD = 4  # valid once read as starting with a calling code but no +
    NEARBY = 3  # valid in a neighbouring country that has no trunk prefix
    BARE = 2  # valid in the ad's country, but written without its trunk 0
    POSSIBLE = 1  # right length for the ad's country, dialled with its prefix


@dataclass(frozen=True, slots=True)
class Placing:
    """A number placed in a country: E.164 and how sure the placing is."""

    number: str
    sureness: Sureness


def place(digits: str, region: str, plus: bool = False) -> Placing | None:
    """Place ``digits`` (ASCII, no +) written in an ad of ``region``, or None.

    ``plus`` says the ad wrote a ``+`` before them. None means that
    libphonenumber knows no country where the digits can be dialled.
    """
    return _place(digits, region.upper(), plus)


@lru_cache(maxsize=1 << 16)
def _place(digits: str, region: str, plus: bool) -> Placing | None:
    if plus:
        return _international(digits, Sureness.VALID)
    number = _parse(digits, region)
    if number is not None and phonenumbers.is_valid_number(number):
        sureness = _home_sureness(number, digits, region)
        home = calling_code(region)
        if sureness == Sureness.BARE and home and digits.startswith(home):
            # "62 812..." in Indonesia: the country's own code, not a bare number.
            coded = _international(digits, Sureness.VALID)
            if coded is not None and coded.sureness == Sureness.VALID:
                return coded
        return _placing(number, sureness)
    if digits.startswith("00"):
        dialled = _international(digits[2:], Sureness.VALID)
        if dialled is not None:
            return dialled
    return (
        _neighbour(digits, region)
        or _abroad(digits)
        or _possible_at_home(number, digits, region)
    )


def _home_sureness(number, digits: str, region: str) -> Sureness:
    """VALID, or BARE for a number that drops the trunk 0 its country writes.

    ``123456789`` is a valid Malaysian mobile to libphonenumber, but Malaysian
    ads write ``0123456789``; without the 0, nine digits are as likely an id.
    """
    if region in TRUNK_OPTIONAL or digits.startswith("0"):
        return Sureness.VALID
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    written = "".join(char for char in national if char.isdigit())
    return Sureness.BARE if written.startswith("0") else Sureness.VALID


def _neighbour(digits: str, region: str) -> Placing | None:
    for other in NEIGHBOURS.get(region, ()):
        prefix = _national_prefix(other)
        if prefix and (not digits.startswith(prefix) or len(digits) < 9):
            continue
        if not prefix and len(digits) < 8:
            continue
        number = _parse(digits, other)
        if number is not None and phonenumbers.is_valid_number(number):
            sureness = Sureness.NEIGHBOUR if prefix else Sureness.NEARBY
            return _placing(number, sureness)
    return None


def _abroad(digits: str) -> Placing | None:
    if digits.startswith("0") or len(digits) < 10:
        return None
    number = _parse("+" + digits, None)
    if number is not None and phonenumbers.is_valid_number(number):
        return _placing(number, Sureness.ABROAD)
    return None


def _possible_at_home(number, digits: str, region: str) -> Placing | None:
    prefix = _national_prefix(region)
    # Only a trunk 0 marks a number as dialled at home; a leading 1 or 8 is
    # as likely the start of some other number.
    if number is None or prefix != "0" or not digits.startswith(prefix):
        return None
    significant = phonenumbers.national_significant_number(number)
    if significant != digits[len(prefix) :] or significant.startswith(prefix):
        return None
    if not _possible_phone(number):
        return None
    return _placing(number, Sureness.POSSIBLE)


def _possible_phone(number) -> bool:
    """Whether a mobile or fixed line of the number's country can be this long."""
    return any(
        phonenumbers.is_possible_number_for_type_with_reason(number, kind)
        == ValidationResult.IS_POSSIBLE
        for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE)
    )


def _international(digits: str, sureness: Sureness) -> Placing | None:
    number = _parse("+" + digits, None)
    if number is None:
        return None
    if phonenumbers.is_valid_number(number):
        return _placing(number, sureness)
    if _possible_phone(number):
        return _placing(number, Sureness.POSSIBLE)
    return None


def _parse(text: str, region: str | None):
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException:
        return None


def _placing(number, sureness: Sureness) -> Placing:
    return Placing(phonenumbers.format_number(number, PhoneNumberFormat.E164), sureness)


@cache
def _national_prefix(region: str) -> str:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return (metadata.national_prefix or "") if metadata is not None else ""


@cache
def calling_code(region: str) -> str:
    """The calling code of ``region`` as digits (``"MY"`` -> ``"60"``), or ``""``."""
    code = phonenumbers.country_code_for_region(region.upper())
    return str(code) if code else ""


def is_calling_code(digits: str) -> bool:
    """Whether ``digits`` is a country calling code (``"60"``, ``"1"``, ``"852"``)."""
    return (
        digits.isdigit()
        and len(digits) <= 3
        and int(digits) in (phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    )


def is_region(region: str) -> bool:
    """Whether libphonenumber knows ``region`` as a two-letter country code."""
    return region.upper() in phonenumbers.SUPPORTED_REGIONS
