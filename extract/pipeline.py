"""One raw ad in, one extracted ad out: every extractor applied in turn.

The extracted ad is the raw ad plus ``phones``, ``prices``,
``price_per_hour``, ``city``, ``age``, ``terms``, ``emails``, ``handles``,
``websites`` and ``image_hashes``. The ad's country, used as the default
region of phone numbers and the currency of bare prices, is the country of its
city when the location resolves, else the ``region`` hint (the site's country).

Each term carries ``source`` (``"title"`` or ``"body"``) and its ``span`` in
that field, as phones carry theirs, so that an app can highlight the words.
"""

import logging
from pathlib import Path

from extract.ages import resolve_age
from extract.contacts import find_contacts
from extract.images import hash_image_file
from extract.places import resolve_place
from extract.prices import extract_prices
from extract.terms import find_terms

logger = logging.getLogger(__name__)

DEFAULT_PHONE_REGION = "MY"


def extract_ad(
    raw: dict,
    images: list[dict] | None = None,
    region: str | None = None,
    image_root: str | Path | None = None,
) -> dict:
    """The extracted-ad record for ``raw`` (a raw-ad dict; it is not changed).

    ``images`` are facts already known about the ad's images, one dict per
    path (``path`` and any of ``sha256``, ``phash``, ``phones``, ``text``), as a
    batch runner that hashes and reads each distinct image once provides them;
    without them, the files named in ``raw["images"]`` are hashed here,
    relative to ``image_root``. ``region`` (ISO alpha-2) is the site's country.
    """
    title, body = _text(raw.get("title")), _text(raw.get("body"))
    city = resolve_place(_text(raw.get("location")), region)
    country = city["country"] if city else (region.upper() if region else None)
    facts = images if images is not None else _hash_files(raw, image_root)
    contacts = find_contacts(f"{title}\n{body}")
    return {
        **raw,
        "phones": _phones(title, body, facts, country),
        **extract_prices(f"{title}\n{body}", country),
        "city": city,
        "age": resolve_age(raw.get("age"), title, body),
        "terms": _terms(title, body),
        "emails": contacts["emails"],
        "handles": contacts["handles"],
        "websites": contacts["websites"],
        "image_hashes": [_image_hash(fact) for fact in facts],
    }


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _terms(title: str, body: str) -> list[dict]:
    return [
        {**found, "source": source}
        for source, text in (("title", title), ("body", body))
        for found in find_terms(text)
    ]


def _phones(title: str, body: str, facts: list[dict], country: str | None):
    from extract.phones import ad_phones, find_phones

    region = country or DEFAULT_PHONE_REGION
    phones = ad_phones(title, body, region)
    # A number on an image is listed even when the text gives it too: where a
    # number appears is evidence, and the graph keeps one source per link.
    on_images: set[str] = set()
    for fact in facts:
        for number, obfuscated in _image_numbers(fact, region, find_phones):
            if number not in on_images:
                on_images.add(number)
                phones.append({"number": number, "source": "image",
                               "obfuscated": obfuscated})  # fmt: skip
    return phones


def _image_numbers(fact: dict, region: str, find_phones):
    """Numbers an image carries: read already (``phones``) or from its OCR ``text``."""
    if fact.get("phones") is not None:
        for phone in fact["phones"]:
            if isinstance(phone, dict):
                yield phone["number"], bool(phone.get("obfuscated", False))
            else:
                yield str(phone), False
    elif fact.get("text"):
        for match in find_phones(fact["text"], region, "image"):
            yield match.number, match.obfuscated


def _hash_files(raw: dict, root: str | Path | None) -> list[dict]:
    paths = raw.get("images") or []
    return [hash_image_file(path, root) for path in paths if isinstance(path, str)]


def _image_hash(fact: dict) -> dict:
    return {
        "path": fact.get("path"),
        "sha256": fact.get("sha256"),
        "phash": fact.get("phash"),
    }
