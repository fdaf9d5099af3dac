"""Fictitious escort agencies, their Twitter accounts and who follows them.

As in the thesis, six agencies are Malaysian and share some followers, and one
foreign agency is nearly isolated. Handles start with ``syn_`` and websites and
e-mail addresses use the reserved ``.example`` domain, so none can be real.
"""

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

from synth.phones import draw_phone

AGENCIES = (
    ("Orchid Lounge", "orchidlounge", "MY"),
    ("Kenanga Social Club", "kenangasocial", "MY"),
    ("Velvet Moon Companions", "velvetmoon", "MY"),
    ("Melati Elite", "melatielite", "MY"),
    ("Jade Garden Company", "jadegarden", "MY"),
    ("Pearl Tower Companions", "pearltower", "MY"),
    ("Marina Bay Companions", "marinabay", "SG"),
)
HANDLE_WORDS = (
    "kopi", "durian", "rider", "nasi", "lemak", "teh", "tarik", "mamak", "guy",
    "traveller", "foodie", "runner", "gamer", "chill", "night", "owl", "city", "boy",
    "satay", "laksa", "biker", "jalan", "makan", "lepak", "hujan", "bola",
)  # fmt: skip


@dataclass(slots=True)
class Agency:
    """An agency's public face: name, website, Twitter account, phones."""

    name: str
    slug: str
    country: str
    phones: list[str] = field(default_factory=list)
    network_id: str | None = None

    @property
    def website(self) -> str:
        return f"https://www.{self.slug}.example"

    @property
    def twitter(self) -> str:
        return f"syn_{self.slug}"

    @property
    def email(self) -> str:
        return f"booking@{self.slug}.example"


def build_agencies(networks: list, rng: random.Random, taken: set[str]) -> list[Agency]:
    """Seven agencies, each the face of a network where there is one to front.

    The foreign agency chooses first, so that it gets a network that works in
    its country when there is one.
    """
    agencies = [Agency(name, slug, country) for name, slug, country in AGENCIES]
    free = list(networks)
    for agency in sorted(agencies, key=lambda a: a.country == "MY"):
        network = _network_for(agency, free)
        if network is None:
            agency.phones = [draw_phone(rng, agency.country, taken).e164]
            continue
        free.remove(network)
        network.agency = agency
        agency.network_id = network.network_id
        count = min(len(network.phones), rng.choice((1, 2)))
        agency.phones = [phone.e164 for phone in rng.sample(network.phones, count)]
    return agencies


def _network_for(agency: Agency, networks: list):
    for network in networks:
        if agency.country in {section.country for section in network.route}:
            return network
    return None


def followers(agencies: list[Agency], rng: random.Random) -> list[tuple[str, str]]:
    """(agency handle, follower handle) pairs; a few followers follow several."""
    local = [a for a in agencies if a.country == "MY"]
    foreign = [a for a in agencies if a.country != "MY"]
    popularity = [rng.uniform(0.5, 2.0) for _ in local]
    handles = _handles(rng, 492)
    pairs = []
    for handle in handles[:480]:
        count = rng.choices((1, 2, 3, 4), weights=(78, 15, 5, 2))[0]
        followed = _distinct(rng, local, popularity, count)
        pairs += [(agency.twitter, handle) for agency in followed]
    for agency in foreign:
        pairs += [(agency.twitter, handle) for handle in handles[480:]]
        pairs.append((agency.twitter, handles[0]))
    return pairs


def _distinct(rng: random.Random, options: list, weights: list, count: int) -> list:
    chosen: list = []
    while len(chosen) < min(count, len(options)):
        pick = rng.choices(options, weights=weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _handles(rng: random.Random, count: int) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < count:
        first, second = rng.sample(HANDLE_WORDS, 2)
        seen.setdefault(f"syn_{first}{second}{rng.randrange(10, 1000)}", None)
    return list(seen)


def write_twitter(folder: Path, agencies: list[Agency], seed: int) -> None:
    """Write ``agencies.csv`` and ``followers.csv`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "agencies.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("name", "website", "twitter", "phones"))
        for agency in agencies:
            row = (agency.name, agency.website, agency.twitter, ";".join(agency.phones))
            writer.writerow(row)
    pairs = followers(agencies, random.Random(f"{seed}/followers"))
    with open(folder / "followers.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("agency_twitter", "follower"))
        writer.writerows(pairs)
