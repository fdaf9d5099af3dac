"""Prices as ads write them: per hour, half hour, two hours, overnight and ranges.

The truth's hourly price follows one rule, so that an extractor can be held to
it: the one-hour price when the ad states one (the low end of a range),
otherwise ``amount * 60 / minutes`` of the shortest duration stated.
"""

import random
from dataclasses import dataclass

OVERNIGHT_MINUTES = 600

# Which durations an ad quotes, with how often ads quote them so.
FORMS = (
    (("hour",), 40),
    (("hour", "two"), 12),
    (("hour", "two", "night"), 6),
    (("half", "hour"), 10),
    (("range",), 10),
    (("half",), 8),
    (("two",), 6),
    (("hour", "night"), 8),
)
MINUTES = {"half": 30, "hour": 60, "two": 120, "night": OVERNIGHT_MINUTES}
# A longer booking costs less per hour, as ads price them.
RATE = {"half": 0.5, "hour": 1.0, "two": 1.8, "night": 5.0}

LABELS = {
    "en": {
        "half": ("30 mins {m}", "half hour {m}", "30min - {m}", "{m} for 30 minutes"),
        "hour": ("{m}/hr", "{m} per hour", "1 hour {m}", "1hr - {m}", "1 hr: {m}"),
        "two": ("2 hours {m}", "2hrs {m}", "2 hrs - {m}"),
        "night": ("overnight {m}", "Overnight: {m}"),
        "range": ("{m}/hr", "{m} per hour", "1 hour {m}"),
    },
    "ms": {
        "half": ("setengah jam {m}", "30 minit {m}"),
        "hour": ("{m} sejam", "1 jam {m}", "sejam {m}", "Harga {m}/jam"),
        "two": ("2 jam {m}", "dua jam {m}"),
        "night": ("tidur malam {m}", "semalaman {m}"),
        "range": ("{m} sejam", "Harga {m}/jam"),
    },
    "zh": {
        "half": ("半小时 {m}", "30分钟 {m}"),
        "hour": ("1小时 {m}", "一小时{m}", "每小时{m}", "{m}/小时"),
        "two": ("2小时 {m}", "两小时{m}"),
        "night": ("包夜 {m}", "过夜 {m}"),
        "range": ("{m}/小时", "每小时{m}"),
    },
}

MONEY = {
    "MYR": ("RM{a}", "RM{a}", "RM {a}", "{a}rm", "{a} MYR", "MYR{a}", "{a} ringgit"),
    "SGD": ("S${a}", "SGD {a}", "{a} SGD"),
    "THB": ("{a} baht", "THB {a}", "฿{a}"),
    "IDR": ("Rp {a}", "IDR {a}", "Rp{a}"),
}
MONEY_ZH = {"MYR": ("{a}令吉", "{a}马币", "RM{a}")}
STEP = {"MYR": 10, "SGD": 10, "THB": 100, "IDR": 50000}


@dataclass(frozen=True, slots=True)
class Price:
    """One stated price: an amount in a currency for so many minutes."""

    amount: int
    currency: str
    minutes: int

    def as_truth(self) -> dict:
        """The truth record of the price."""
        return {
            "amount": self.amount,
            "currency": self.currency,
            "minutes": self.minutes,
        }


def round_to(value: float, step: int) -> int:
    """Round to the nearest multiple of ``step``, never below one step."""
    return max(step, int(round(value / step)) * step)


def write_prices(
    hourly: float, currency: str, language: str, rng: random.Random
) -> tuple[list[str], list[Price]]:
    """Quote an hourly price in a few of the forms ads use.

    Returns the text lines and the prices they state, in the order written.
    """
    forms = rng.choices([f for f, _ in FORMS], weights=[w for _, w in FORMS])[0]
    lines, prices = [], []
    for form in forms:
        line, stated = _write_form(form, hourly, currency, language, rng)
        lines.append(line)
        prices.extend(stated)
    return lines, prices


def _write_form(form, hourly, currency, language, rng) -> tuple[str, list[Price]]:
    step = STEP[currency]
    template = rng.choice(LABELS[language][form])
    if form == "range":
        low = round_to(hourly, step)
        high = low + step * rng.choice((5, 10, 15, 20))
        money = _range(low, high, currency, language, rng)
        return template.format(m=money), [
            Price(low, currency, 60),
            Price(high, currency, 60),
        ]
    amount = round_to(hourly * RATE[form], step)
    money = _money(amount, currency, language, rng)
    return template.format(m=money), [Price(amount, currency, MINUTES[form])]


def _money(amount: int, currency: str, language: str, rng: random.Random) -> str:
    return _pattern(currency, language, rng).format(a=_shown(amount, currency))


def _range(low: int, high: int, currency: str, language: str, rng) -> str:
    joiner = rng.choice(("-", " - ", " to ")) if language == "en" else "-"
    span = f"{_shown(low, currency)}{joiner}{_shown(high, currency)}"
    return _pattern(currency, language, rng).format(a=span)


def _pattern(currency: str, language: str, rng: random.Random) -> str:
    if language == "zh" and currency in MONEY_ZH:
        return rng.choice(MONEY_ZH[currency])
    return rng.choice(MONEY[currency])


def _shown(amount: int, currency: str) -> str:
    return f"{amount:,}".replace(",", ".") if currency == "IDR" else str(amount)


def hourly_price(prices: list[Price]) -> float | None:
    """The hourly price the truth records for these stated prices."""
    if not prices:
        return None
    hour = [price.amount for price in prices if price.minutes == 60]
    if hour:
        return float(min(hour))
    shortest = min(prices, key=lambda price: price.minutes)
    return round(shortest.amount * 60 / shortest.minutes, 2)
