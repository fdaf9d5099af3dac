"""The site's location sections, their canonical cities and how ads write them."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Section:
    """One location section of the site, as a classifieds site lists it.

    ``written`` holds the forms ads use for the place, the most common first;
    ``city`` and ``country`` are the canonical gazetteer names the truth uses.
    """

    slug: str
    label: str
    city: str
    country: str
    weight: float
    written: tuple[str, ...]
    area: str

    @property
    def currency(self) -> str:
        """The currency prices are quoted in for this section."""
        return CURRENCIES[self.country]


CURRENCIES = {"MY": "MYR", "SG": "SGD", "TH": "THB", "ID": "IDR"}

# How many units of the local currency one ringgit buys (2015 orders of size).
MYR_RATE = {"MYR": 1.0, "SGD": 0.35, "THB": 9.0, "IDR": 3500.0}

# Weights are shares of ads: the Kuala Lumpur area holds close to nine ads in ten,
# as on the site the thesis crawled.
SECTIONS: tuple[Section, ...] = (
    Section(
        "kuala-lumpur-other",
        "Kuala Lumpur, Other",
        "Kuala Lumpur",
        "MY",
        26.0,
        ("Kuala Lumpur, Other", "Kuala Lumpur", "KL"),
        "kl",
    ),
    Section(
        "bukit-bintang",
        "Bukit Bintang, KL",
        "Kuala Lumpur",
        "MY",
        16.0,
        ("Bukit Bintang, KL", "Bukit Bintang", "Bukit Bintang, Kuala Lumpur"),
        "kl",
    ),
    Section(
        "chow-kit",
        "Chow Kit, KL",
        "Kuala Lumpur",
        "MY",
        5.0,
        ("Chow Kit, KL", "Chow Kit"),
        "kl",
    ),
    Section(
        "cheras",
        "Cheras, KL",
        "Kuala Lumpur",
        "MY",
        5.0,
        ("Cheras, KL", "Cheras"),
        "kl",
    ),
    Section(
        "kepong",
        "Kepong, KL",
        "Kuala Lumpur",
        "MY",
        2.5,
        ("Kepong, KL", "Kepong"),
        "kl",
    ),
    Section(
        "bangsar",
        "Bangsar, KL",
        "Kuala Lumpur",
        "MY",
        2.5,
        ("Bangsar, KL", "Bangsar"),
        "kl",
    ),
    Section(
        "sentul",
        "Sentul, KL",
        "Kuala Lumpur",
        "MY",
        2.0,
        ("Sentul, KL", "Sentul"),
        "kl",
    ),
    Section(
        "setapak",
        "Setapak, KL",
        "Kuala Lumpur",
        "MY",
        2.0,
        ("Setapak, KL", "Setapak"),
        "kl",
    ),
    Section(
        "ampang",
        "Ampang, KL",
        "Kuala Lumpur",
        "MY",
        3.0,
        ("Ampang, KL", "Ampang"),
        "kl",
    ),
    Section(
        "petaling-jaya",
        "Petaling Jaya",
        "Petaling Jaya",
        "MY",
        7.0,
        ("Petaling Jaya", "PJ", "Petaling Jaya, Selangor"),
        "kl",
    ),
    Section("klang", "Klang", "Klang", "MY", 6.0, ("Klang", "Klang, Selangor"), "kl"),
    Section(
        "shah-alam",
        "Shah Alam",
        "Shah Alam",
        "MY",
        3.0,
        ("Shah Alam", "Shah Alam, Selangor"),
        "kl",
    ),
    Section(
        "subang-jaya",
        "Subang Jaya",
        "Subang Jaya",
        "MY",
        3.0,
        ("Subang Jaya", "Subang"),
        "kl",
    ),
    Section("puchong", "Puchong", "Puchong", "MY", 3.0, ("Puchong",), "kl"),
    Section("seremban", "Seremban", "Seremban", "MY", 1.2, ("Seremban",), "west"),
    Section("ipoh", "Ipoh", "Ipoh", "MY", 1.3, ("Ipoh", "Ipoh, Perak"), "west"),
    Section(
        "penang",
        "Penang",
        "George Town",
        "MY",
        2.2,
        ("Penang", "Georgetown, Penang", "Pulau Pinang"),
        "west",
    ),
    Section(
        "johor-bahru",
        "JB",
        "Johor Bahru",
        "MY",
        2.0,
        ("JB", "Johor Bahru", "Johor Bahru, Johor"),
        "west",
    ),
    Section("malacca", "Malacca", "Malacca", "MY", 1.0, ("Malacca", "Melaka"), "west"),
    Section("kuantan", "Kuantan", "Kuantan", "MY", 0.5, ("Kuantan",), "west"),
    Section(
        "kota-bharu", "Kota Bharu", "Kota Bharu", "MY", 0.3, ("Kota Bharu",), "west"
    ),
    Section(
        "kuala-terengganu",
        "Kuala Terengganu",
        "Kuala Terengganu",
        "MY",
        0.25,
        ("Kuala Terengganu",),
        "west",
    ),
    Section(
        "alor-setar",
        "Alor Setar",
        "Alor Setar",
        "MY",
        0.3,
        ("Alor Setar", "Alor Star"),
        "west",
    ),
    Section(
        "kota-kinabalu",
        "Kota Kinabalu",
        "Kota Kinabalu",
        "MY",
        0.6,
        ("Kota Kinabalu", "KK, Sabah"),
        "east",
    ),
    Section("kuching", "Kuching", "Kuching", "MY", 0.5, ("Kuching",), "east"),
    Section("miri", "Miri", "Miri", "MY", 0.2, ("Miri",), "east"),
    Section("sandakan", "Sandakan", "Sandakan", "MY", 0.15, ("Sandakan",), "east"),
    Section(
        "singapore", "Singapore", "Singapore", "SG", 0.8, ("Singapore", "SG"), "abroad"
    ),
    Section("bangkok", "Bangkok", "Bangkok", "TH", 0.3, ("Bangkok",), "abroad"),
    Section("jakarta", "Jakarta", "Jakarta", "ID", 0.25, ("Jakarta",), "abroad"),
)

SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}


def sections_in(area: str) -> list[Section]:
    """The sections of one area: ``kl``, ``west``, ``east`` or ``abroad``."""
    return [section for section in SECTIONS if section.area == area]
