"""Who posts: independent posters and organised networks, with their phones and photos.

Proportions follow the Malaysian case study of the thesis: about 300 distinct
phones per 5,000 ads with phones, networks whose phones merge into one operator
(merging cuts the phone count by about a quarter), prices around 300 MYR an
hour for independents and well below it for networks.
"""

import bisect
import random
from dataclasses import dataclass, field

from synth.images import ImageSpec, phone_text
from synth.lexicon import NATIONALITIES
from synth.obfuscation import STYLES
from synth.phones import Phone, draw_phone
from synth.places import SECTIONS, Section, sections_in
from synth.twitter import Agency, build_agencies
from synth.wording import NAMES

SHARE_WITH_PHONE = 0.93
PHONES_PER_AD = 0.06
NETWORK_PHONE_SHARE = 0.31
NETWORK_AD_SHARE = 0.45
HARD_IMAGE_SHARE = 0.12
LANGUAGES = ("en", "ms", "zh")
NETWORK_SIZES = ((3, 4, 5, 6, 7), (2, 3, 3, 2, 1))
MEAN_NETWORK_PHONES = sum(n * w for n, w in zip(*NETWORK_SIZES, strict=True)) / sum(
    NETWORK_SIZES[1]
)
# Independents live in the Kuala Lumpur area even more than ads do, because
# networks carry part of their ads away from it.
HOME_WEIGHT = {"kl": 1.5, "west": 1.0, "east": 1.0, "abroad": 1.0}
AWAY_WEIGHT = {"kl": 2.0, "west": 3.0, "east": 2.0, "abroad": 6.0}


@dataclass(slots=True)
class Poster:
    """One account that posts ads, with the habits its ads share."""

    poster_id: str
    network_id: str | None
    phones: list[Phone]
    route: list[Section]
    offset: int
    language: str
    hourly: float
    price_rate: float
    term_rate: float
    styles: tuple[str, ...]
    name: str
    age: int
    photos: list[str] = field(default_factory=list)
    cities: set[str] = field(default_factory=set)

    def section_at(self, progress: float) -> Section:
        """Where the poster advertises at ``progress`` (0 to 1) of the period."""
        if len(self.route) == 1:
            return self.route[0]
        step = int(progress * len(self.route) * 2)
        return self.route[(self.offset + step) % len(self.route)]


@dataclass(slots=True)
class Network:
    """An organised operation: several posters and phones, one route of cities."""

    network_id: str
    posters: list[Poster]
    phones: list[Phone]
    route: list[Section]
    nationality: str
    photos: list[str] = field(default_factory=list)
    agency: Agency | None = None
    roots: dict[str, str] = field(default_factory=dict)

    def partner(self, phone: Phone, rng: random.Random) -> Phone:
        """A second phone for an ad, joining phones not yet seen together first.

        Choosing a phone from another group while one is left means a network's
        phones all end up linked through shared ads, as an operator's do.
        """
        others = [other for other in self.phones if other != phone]
        unjoined = [o for o in others if self._root(o.e164) != self._root(phone.e164)]
        chosen = unjoined[0] if unjoined else rng.choice(others)
        self.join(phone.e164, chosen.e164)
        return chosen

    def join(self, number: str, other: str) -> None:
        """Record that two of the network's numbers appeared in one ad."""
        self.roots[self._root(other)] = self._root(number)

    def _root(self, number: str) -> str:
        while self.roots.get(number, number) != number:
            number = self.roots[number]
        return number


@dataclass(slots=True)
class Population:
    """Everyone who posts, how often, and the images they own."""

    posters: list[Poster]
    networks: list[Network]
    cumulative: list[float]
    images: list[ImageSpec]
    phone_images: dict[tuple[str, bool], list[str]]
    pair_images: dict[str, list[str]]
    agencies: list[Agency]

    def pick_poster(self, rng: random.Random) -> Poster:
        """A poster drawn in proportion to how much each one posts."""
        point = rng.random() * self.cumulative[-1]
        return self.posters[bisect.bisect_right(self.cumulative, point)]

    def network(self, network_id: str) -> Network:
        """The network with this id."""
        return self.networks[int(network_id.rsplit("-", 1)[1])]


def build_population(n_ads: int, seed: int, images: bool = True) -> Population:
    """Draw the posters, networks, phones and image pool for ``n_ads`` ads."""
    rng = random.Random(f"{seed}/population")
    n_phones = max(4, round(n_ads * SHARE_WITH_PHONE * PHONES_PER_AD))
    taken: set[str] = set()

    networks = _networks(rng, n_phones, taken)
    network_phones = sum(len(network.phones) for network in networks)
    independents = [
        _independent(rng, index, taken)
        for index in range(max(1, n_phones - network_phones))
    ]
    posters = independents + [p for network in networks for p in network.posters]
    cumulative = _cumulative_weights(rng, independents, networks)

    agencies = build_agencies(networks, random.Random(f"{seed}/agencies"), taken)
    pool = _ImagePool(random.Random(f"{seed}/images")) if images else None
    if pool is not None:
        pool.add_all(independents, networks)
    return Population(
        posters=posters,
        networks=networks,
        cumulative=cumulative,
        images=pool.specs if pool else [],
        phone_images=pool.phone_images if pool else {},
        pair_images=pool.pair_images if pool else {},
        agencies=agencies,
    )


def _networks(rng: random.Random, n_phones: int, taken: set[str]) -> list[Network]:
    count = max(1, round(n_phones * NETWORK_PHONE_SHARE / MEAN_NETWORK_PHONES))
    return [_network(rng, index, taken) for index in range(count)]


def _network(rng: random.Random, index: int, taken: set[str]) -> Network:
    network_id = f"net-{index}"
    nationality = rng.choices(list(NATIONALITIES), weights=(3, 3, 2, 1, 1, 2, 0.5))[0]
    route = _route(rng)
    n_phones = rng.choices(*NETWORK_SIZES)[0]
    abroad = [s.country for s in route if s.country != "MY"]
    phones = [
        draw_phone(rng, _network_phone_country(rng, abroad), taken)
        for _ in range(n_phones)
    ]
    hourly = min(260.0, max(90.0, rng.gauss(185, 40)))
    language = rng.choices(LANGUAGES, weights=(0.6, 0.2, 0.2))[0]
    n_posters = min(n_phones, rng.choice((2, 3, 4)))
    owners = list(range(n_posters)) + [
        rng.randrange(n_posters) for _ in range(n_phones - n_posters)
    ]
    posters = [
        _network_poster(
            rng,
            f"{network_id}-p{k}",
            network_id,
            [phone for phone, owner in zip(phones, owners, strict=True) if owner == k],
            route,
            hourly,
            language,
        )
        for k in range(n_posters)
    ]
    return Network(network_id, posters, phones, route, nationality)


def _network_phone_country(rng: random.Random, abroad: list[str]) -> str:
    if abroad and rng.random() < 0.3:
        return rng.choice(abroad)
    return "MY" if rng.random() < 0.9 else rng.choice(("TH", "ID"))


def _route(rng: random.Random) -> list[Section]:
    """A base in the Kuala Lumpur area (mostly) and the cities the network visits."""
    if rng.random() < 0.8:
        base = _weighted_section(rng, sections_in("kl"))
    else:
        base = _weighted_section(rng, sections_in("west"))
    candidates = [s for s in SECTIONS if s != base]
    weights = [s.weight * AWAY_WEIGHT[s.area] for s in candidates]
    route = []
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
        away = rng.choices(candidates, weights=weights)[0]
        route += [base, base, away]
    return route


def _weighted_section(rng: random.Random, sections: list[Section]) -> Section:
    return rng.choices(sections, weights=[s.weight for s in sections])[0]


def _network_poster(rng, poster_id, network_id, phones, route, hourly, language):
    return Poster(
        poster_id=poster_id,
        network_id=network_id,
        phones=phones,
        route=route,
        offset=rng.randrange(len(route)),
        language=language,
        hourly=hourly * rng.uniform(0.9, 1.1),
        price_rate=0.33,
        term_rate=rng.uniform(0.5, 0.85) if rng.random() < 0.9 else 0.1,
        styles=tuple(rng.sample(STYLES[1:], 2)) + ("plain",),
        name=rng.choice(NAMES),
        age=rng.randint(18, 23),
    )


def _independent(rng: random.Random, index: int, taken: set[str]) -> Poster:
    weights = [s.weight * HOME_WEIGHT[s.area] for s in SECTIONS]
    home = rng.choices(SECTIONS, weights=weights)[0]
    uses_terms = rng.random() < 0.25
    styles = ("plain",) if rng.random() < 0.6 else (rng.choice(STYLES[1:]), "plain")
    return Poster(
        poster_id=f"ind-{index}",
        network_id=None,
        phones=[draw_phone(rng, home.country, taken)],
        route=[home],
        offset=0,
        language=rng.choices(LANGUAGES, weights=(0.5, 0.35, 0.15))[0],
        hourly=min(700.0, max(150.0, rng.gauss(345, 70))),
        price_rate=0.62,
        term_rate=0.35 if uses_terms else 0.0,
        styles=styles,
        name=rng.choice(NAMES),
        age=rng.randint(21, 38),
    )


def _cumulative_weights(rng, independents, networks) -> list[float]:
    """Running totals of posting weights; networks post ``NETWORK_AD_SHARE`` of ads."""
    own = [rng.lognormvariate(0, 0.7) for _ in independents]
    organised = [
        rng.lognormvariate(0, 0.4) * len(poster.phones)
        for network in networks
        for poster in network.posters
    ]
    scale = (
        NETWORK_AD_SHARE / (1 - NETWORK_AD_SHARE) * sum(own) / sum(organised)
        if organised
        else 0.0
    )
    totals, running = [], 0.0
    for weight in own + [w * scale for w in organised]:
        running += weight
        totals.append(running)
    return totals


class _ImagePool:
    """Plans every image once: photos per poster or network, numbers per phone."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.specs: list[ImageSpec] = []
        self.phone_images: dict[tuple[str, bool], list[str]] = {}
        self.pair_images: dict[str, list[str]] = {}

    def add_all(self, independents: list[Poster], networks: list[Network]) -> None:
        for poster in independents:
            poster.photos = self._photos(poster.poster_id, self.rng.randint(1, 3))
            self._phone_variants(poster.phones, poster.route, spares=0.25)
        for network in networks:
            network.photos = self._photos(network.network_id, self.rng.randint(4, 10))
            for poster in network.posters:
                poster.photos = network.photos
            self._phone_variants(network.phones, network.route, spares=0.4)
            self._pairs(network)

    def _photos(self, owner: str, count: int) -> list[str]:
        keys = [f"photo:{owner}:{k}" for k in range(count)]
        for key in keys:
            self._add(ImageSpec(key, "plain", self.rng.getrandbits(63), (), (), False))
        return keys

    def _phone_variants(self, phones, route, spares: float) -> None:
        countries = {section.country for section in route}
        for phone in phones:
            needs = [phone.country in countries, bool(countries - {phone.country})]
            for intl, needed in zip((False, True), needs, strict=True):
                if needed:
                    count = 2 if self.rng.random() < spares else 1
                    self._phone_image(phone, intl, count)

    def _phone_image(self, phone: Phone, intl: bool, count: int) -> None:
        keys = []
        for variant in range(count):
            key = f"phone:{phone.e164}:{'intl' if intl else 'national'}:{variant}"
            text = phone_text(phone, intl, self.rng)
            hard = self.rng.random() < HARD_IMAGE_SHARE
            seed = self.rng.getrandbits(63)
            self._add(ImageSpec(key, "phone", seed, (text,), (phone.e164,), hard))
            keys.append(key)
        self.phone_images[(phone.e164, intl)] = keys

    def _pairs(self, network: Network) -> None:
        """Images that show two of a network's numbers, usable in any country."""
        for phone in network.phones:
            if self.rng.random() >= 0.35:
                continue
            other = self.rng.choice([p for p in network.phones if p != phone])
            key = f"pair:{phone.e164}:{other.e164}"
            texts = (
                phone_text(phone, True, self.rng),
                phone_text(other, True, self.rng),
            )
            numbers = (phone.e164, other.e164)
            spec = ImageSpec(
                key, "phone", self.rng.getrandbits(63), texts, numbers, False
            )
            self._add(spec)
            self.pair_images.setdefault(phone.e164, []).append(key)

    def _add(self, spec: ImageSpec) -> None:
        self.specs.append(spec)
