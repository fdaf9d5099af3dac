"""One ad at a time: its text, numbers, images and the truth about them."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from synth import lexicon, obfuscation, wording
from synth.lexicon import Phrase
from synth.phones import Phone, looks_like_phone
from synth.places import MYR_RATE, Section
from synth.population import LANGUAGES, SHARE_WITH_PHONE, Network, Population, Poster
from synth.prices import Price, hourly_price, write_prices

SITE_TIMEZONE = timezone(timedelta(hours=8))
PERIOD = timedelta(days=120)
# Where the main number goes when images are rendered: on an image only, in the
# text only, or both; most ads of the thesis showed it on an image.
PLACEMENTS = (("image", 0.42), ("text", 0.33), ("both", 0.25))
SECOND_PHONE_RATE = 0.3
AGE_STATED_RATE = 0.6
REGIONS = ("MY", "SG", "TH", "ID")


@dataclass(slots=True)
class Contact:
    """Where an ad shows its numbers, and what the truth says about them."""

    title: str = ""
    lines: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    truth: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class Ad:
    """An ad ready to be written as a page, with its truth record."""

    index: int
    ad_id: str
    url_path: str
    page: str
    section: Section
    language: str
    title: str
    body: list[str]
    posted_at: datetime
    location: str
    age: int | None
    images: list[str]
    truth: dict


@dataclass(slots=True)
class Frame:
    """The circumstances of one ad, drawn before any of its text."""

    poster: Poster
    network: Network | None
    ad_id: str
    url_path: str
    page: str
    posted_at: datetime
    section: Section
    location: str
    language: str
    age: int | None


@dataclass(slots=True)
class Text:
    """An ad's words and what the truth records about them."""

    title: str
    body: list[str]
    contact: Contact
    phrases: list[Phrase]
    prices: list[Price]
    handles: list[str]
    emails: list[str]


class AdMaker:
    """Makes ads in order; the same seed and population give the same ads."""

    def __init__(
        self,
        population: Population,
        image_paths: dict[str, str],
        n_ads: int,
        seed: int,
        pages: dict[int, str],
    ) -> None:
        self.population = population
        self.image_paths = image_paths
        self.n_ads = n_ads
        self.pages = pages
        self.rng = random.Random(f"{seed}/ads")
        layout = random.Random(f"{seed}/calendar")
        self.start = datetime(2015, 5, 1, tzinfo=SITE_TIMEZONE) + timedelta(
            days=layout.randrange(30)
        )
        self.id_base = 20_000_000 + layout.randrange(1000) * 1000

    def make(self, index: int) -> Ad:
        """The ad at position ``index`` (0 is the oldest)."""
        frame = self._frame(index, self.rng)
        text = self._text(frame, self.rng)
        photos = self._photos(frame.poster, text.contact, self.rng)
        truth = _truth(frame, text, photos)
        return Ad(
            index, frame.ad_id, frame.url_path, frame.page, frame.section,
            frame.language, text.title, text.body, frame.posted_at, frame.location,
            frame.age, photos, truth,
        )  # fmt: skip

    def _frame(self, index: int, rng: random.Random) -> Frame:
        """Who posts, when, where, in which language, on which kind of page."""
        poster = self.population.pick_poster(rng)
        ad_id = str(self.id_base + index * 7 + rng.randrange(7))
        posted_at = self.start + (index + rng.random()) * PERIOD / self.n_ads
        section = poster.section_at(index / self.n_ads)
        poster.cities.add(section.city)
        page = self.pages.get(index, "ok")
        folder = "/private/ad" if page == "private" else "/ad"
        weights = _decreasing(section.written)
        return Frame(
            poster=poster,
            network=self._network_of(poster),
            ad_id=ad_id,
            url_path=f"{folder}/{ad_id}.html",
            page=page,
            posted_at=posted_at.replace(microsecond=0),
            section=section,
            location=rng.choices(section.written, weights=weights)[0],
            language=poster.language if rng.random() < 0.85 else rng.choice(LANGUAGES),
            age=poster.age if rng.random() < AGE_STATED_RATE else None,
        )

    def _text(self, frame: Frame, rng: random.Random) -> Text:
        """Title and body lines, with the numbers, prices and terms they carry."""
        language = frame.language
        slots = [slot for slot in OPTIONAL_SLOTS if rng.random() < SLOT_RATE[slot]]
        values = self._values(frame, rng)
        if "reference" in slots:
            values["ref"] = _reference(rng)

        contact = self._contact(frame, rng)
        phrases = self._phrases(frame.poster, frame.network, language, rng)
        price_lines, prices = self._prices(frame.poster, frame.section, language, rng)
        social, handles, emails = self._social(frame.network, language, rng)

        flags = [phrase.text.format(**values) for phrase in phrases]
        title, leading = self._title(language, values, flags, contact, rng)
        ordinary = [wording.body_line(language, slot, values, rng) for slot in slots]
        lines = flags[leading:] + ordinary + price_lines + social + contact.lines
        body = self._body(language, values, lines, rng)
        return Text(title, body, contact, phrases, prices, handles, emails)

    def _network_of(self, poster: Poster) -> Network | None:
        if poster.network_id is None:
            return None
        return self.population.network(poster.network_id)

    def _values(self, frame: Frame, rng: random.Random) -> dict:
        """The numbers and names ordinary lines are filled with."""
        day = frame.posted_at + timedelta(days=rng.randrange(0, 4))
        until = day + timedelta(days=rng.randrange(2, 10))
        values = {
            "name": frame.poster.name,
            "place": frame.section.written[0].split(",")[0],
            "height": rng.randrange(150, 176),
            "weight": rng.randrange(40, 61),
            "size": wording.size_text(rng),
            **dict(zip(("start", "end"), rng.sample(wording.CLOCK, 2), strict=True)),
            "date": wording.date_text(day.day, day.month, rng),
            "date2": wording.date_text(until.day, until.month, rng),
            "room": rng.randrange(101, 2400),
            "code": rng.choice(("VIP", "KL", "PROMO")) + str(rng.randrange(10, 99)),
        }
        if frame.age is not None:
            values["age"] = frame.age
        return values

    def _contact(self, frame: Frame, rng: random.Random) -> Contact:
        """Where the ad shows its numbers: none, on images, in the title or body."""
        poster, network, section = frame.poster, frame.network, frame.section
        language = frame.language
        contact = Contact()
        if rng.random() >= SHARE_WITH_PHONE:
            contact.lines.append(wording.body_line(language, "contact_none", {}, rng))
            return contact
        primary = rng.choice(poster.phones)
        second = None
        if network is not None and rng.random() < SECOND_PHONE_RATE:
            second = network.partner(primary, rng)

        placement = self._placement(primary, section, rng)
        if placement in ("image", "both"):
            self._on_image(contact, primary, network, section, rng)
        if placement in ("text", "both"):
            where = "title" if rng.random() < 0.15 else "body"
            self._in_text(contact, primary, where, poster, section, language, rng)
        elif not contact.lines:
            contact.lines.append(wording.body_line(language, "contact_image", {}, rng))
        if second is not None and not _shows(contact, second):
            if rng.random() < 0.5 and self._image_keys(second, section):
                self._on_image(contact, second, None, section, rng)
            else:
                self._in_text(contact, second, "body", poster, section, language, rng)
        return contact

    def _placement(self, phone: Phone, section: Section, rng) -> str:
        if not self._image_keys(phone, section):
            return "text"
        kinds, weights = zip(*PLACEMENTS, strict=True)
        return rng.choices(kinds, weights=weights)[0]

    def _image_keys(self, phone: Phone, section: Section) -> list[str]:
        international = phone.country != section.country
        return self.population.phone_images.get((phone.e164, international), [])

    def _on_image(self, contact, phone, network, section, rng) -> None:
        """Show the number on an image; a network may use one with two numbers."""
        pairs = self.population.pair_images.get(phone.e164, [])
        if network is not None and pairs and rng.random() < 0.3:
            key = rng.choice(pairs)
            numbers = key.split(":")[1:]
            network.join(*numbers)
        else:
            key = rng.choice(self._image_keys(phone, section))
            numbers = [phone.e164]
        contact.images.append(key)
        for number in numbers:
            if not _shows(contact, number, "image"):
                contact.truth.append(
                    {"number": number, "where": "image", "style": "image"}
                )

    def _in_text(self, contact, phone, where, poster, section, language, rng) -> None:
        style = _style(poster, language, rng)
        digits = obfuscation.digits_to_write(phone, section.country, rng)
        written, style = obfuscation.write(digits, style, rng)
        if where == "title":
            contact.title = written
        else:
            values = {"phone": written}
            contact.lines.append(wording.body_line(language, "contact", values, rng))
        contact.truth.append({"number": phone.e164, "where": where, "style": style})

    def _phrases(self, poster, network, language, rng) -> list[Phrase]:
        """Red-flag phrases for this ad, one term each, no term twice."""
        if rng.random() >= poster.term_rate:
            return []
        candidates = list(lexicon.PHRASES[language])
        chosen = rng.sample(candidates, rng.choice((1, 1, 2, 2, 3)))
        if network is not None and rng.random() < 0.6:
            chosen.insert(
                0, lexicon.nationality_phrase(network.nationality, language, rng)
            )
        unique: dict[str, Phrase] = {}
        for phrase in chosen:
            unique.setdefault(phrase.term, phrase)
        return list(unique.values())

    def _prices(self, poster, section, language, rng):
        if rng.random() >= poster.price_rate:
            return [], []
        currency = section.currency
        hourly = poster.hourly * rng.uniform(0.9, 1.1) * MYR_RATE[currency]
        return write_prices(hourly, currency, language, rng)

    def _social(self, network, language, rng) -> tuple[list[str], list[str], list[str]]:
        """A Twitter handle or e-mail address of the network's agency, sometimes."""
        agency = network.agency if network is not None else None
        if agency is None or rng.random() >= 0.25:
            return [], [], []
        templates = wording.SOCIAL[language]
        if rng.random() < 0.6:
            line = templates[0].format(handle=agency.twitter)
            return [line], [agency.twitter], []
        return [templates[1].format(email=agency.email)], [], [agency.email]

    def _title(self, language, values, texts, contact, rng) -> tuple[str, int]:
        """The title, and how many red-flag phrases it took (0 or 1)."""
        title = wording.title(language, values, rng)
        leading = 1 if texts and rng.random() < 0.6 else 0
        if leading:
            title = f"{texts[0]}{rng.choice(('! ', ' - ', ', '))}{title}"
        if contact.title:
            title = f"{title}{rng.choice((' ', ' - ', ' call '))}{contact.title}"
        return title, leading

    def _body(self, language, values, lines, rng) -> list[str]:
        """A greeting, the given lines, and now and then a closing line."""
        body = [wording.body_line(language, "greeting", values, rng), *lines]
        if rng.random() < 0.5:
            body.append(wording.body_line(language, "closing", values, rng))
        return body

    def _photos(self, poster, contact, rng) -> list[str]:
        """Site paths of the ad's images: the poster's photos and any number images."""
        keys = list(contact.images)
        if poster.photos and rng.random() < 0.9:
            count = min(len(poster.photos), rng.choice((1, 1, 2, 3)))
            photos = rng.sample(poster.photos, count)
            keys = keys + photos if rng.random() < 0.5 else photos + keys
        return [self.image_paths[key] for key in keys]


def _truth(frame: Frame, text: Text, photos: list[str]) -> dict:
    """The truth record of one ad, as docs/synthetic-corpus.md lays it out."""
    section = frame.section
    return {
        "ad_id": frame.ad_id,
        "url_path": frame.url_path,
        "title": text.title,
        "body": "\n".join(text.body),
        "posted_at": frame.posted_at.isoformat(),
        "location": frame.location,
        "age": frame.age,
        "images": photos,
        "crawlable": frame.page in ("ok", "legacy"),
        "page": frame.page,
        "language": frame.language,
        "phones": text.contact.truth,
        "price_per_hour": hourly_price(text.prices),
        "prices": [price.as_truth() for price in text.prices],
        "city": {"name": section.city, "country": section.country},
        "section": section.slug,
        "terms": [{"term": p.term, "category": p.category} for p in text.phrases],
        "handles": text.handles,
        "emails": text.emails,
        "poster_id": frame.poster.poster_id,
        "network_id": frame.poster.network_id,
    }


OPTIONAL_SLOTS = ("figure", "size", "hours", "service", "reference")
SLOT_RATE = {
    "figure": 0.7,
    "size": 0.4,
    "hours": 0.6,
    "service": 0.6,
    "reference": 0.35,
}


def _style(poster: Poster, language: str, rng: random.Random) -> str:
    """The poster's habit, adapted to the ad's language."""
    style = rng.choice(poster.styles)
    if style.startswith("words_"):
        if language == "zh":
            return "words_zh"
        if language == "ms" and rng.random() < 0.6:
            return "words_ms"
        return "words_en" if style == "words_zh" else style
    return style


def _shows(contact: Contact, phone: Phone | str, where: str | None = None) -> bool:
    number = phone if isinstance(phone, str) else phone.e164
    return any(
        entry["number"] == number and (where is None or entry["where"] == where)
        for entry in contact.truth
    )


def _reference(rng: random.Random) -> str:
    """A reference that no reader would dial: short, or long behind letters.

    Seven or eight bare digits would pass for a local or a Singapore number, so
    long references carry a prefix without look-alike letters (no O, o, l, I).
    """
    while True:
        if rng.random() < 0.5:
            digits, prefix = str(rng.randrange(10**4, 10**6)), ""
        else:
            digits = str(rng.randrange(10**6, 10**8))
            prefix = rng.choice(("A", "R", "KL-", "MY-", "B"))
        if not any(looks_like_phone(digits, region) for region in REGIONS):
            return prefix + digits


def _decreasing(options: tuple[str, ...]) -> list[int]:
    return [6, 2, 1, 1][: len(options)]
