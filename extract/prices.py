"""Stated prices (amount, currency, minutes) and the hourly price they imply.

Ads write prices in many ways: ``RM300/hr``, ``2 hours 550``, ``30 min 180``,
``setengah jam 150``, ``一小时300``, ``包夜 1500``, ``RM250-300``, ``Rp 1.500.000``,
``1.5k``. The text is read as a sequence of *money* and *duration* tokens; each
money is paired with the duration written next to it, and a bare number (no
currency) counts as money only when a duration sits next to it or a price word
("price", "harga", "价格") comes before it, so that ages, heights, times, dates
and phone numbers are not taken for prices.

Conventions, held to by the synthetic corpus's truth as well:

- a range (``RM250-300``) states two prices, its low and its high end; the
  hourly price therefore takes the low end;
- ``overnight`` (``tidur malam``, ``包夜``) is :data:`OVERNIGHT_MINUTES` minutes;
- a "shot", "session", "round", "short time" or ``ST`` (``一次``, ``快餐``) is
  taken as :data:`SHOT_MINUTES` minutes each;
- a price with no duration written has ``minutes`` ``None``;
- :func:`price_per_hour` is the lowest one-hour price when one is stated,
  otherwise the shortest duration's price pro rata, otherwise (no duration
  anywhere) the lowest price, as ads quote hourly rates by default.
"""

import re
import unicodedata
from typing import NamedTuple

OVERNIGHT_MINUTES = 600
MAX_MINUTES = 720
SHOT_MINUTES = 60

CURRENCY_OF_COUNTRY = {
    "MY": "MYR", "SG": "SGD", "TH": "THB", "ID": "IDR", "BN": "BND", "PH": "PHP",
    "VN": "VND", "HK": "HKD", "TW": "TWD", "CN": "CNY", "US": "USD", "AU": "AUD",
    "GB": "GBP", "CA": "CAD", "NZ": "NZD", "JP": "JPY", "KR": "KRW", "IN": "INR",
}  # fmt: skip
DOLLAR_COUNTRIES = {"SG", "US", "AU", "CA", "NZ", "HK", "TW", "BN"}

CURRENCY_WORDS = {
    "rm": "MYR", "myr": "MYR", "ringgit": "MYR", "令吉": "MYR", "马币": "MYR",
    "馬幣": "MYR", "s$": "SGD", "sg$": "SGD", "sgd": "SGD", "新币": "SGD",
    "新幣": "SGD", "thb": "THB", "baht": "THB", "bath": "THB", "฿": "THB",
    "泰铢": "THB", "泰銖": "THB", "idr": "IDR", "rp": "IDR", "rp.": "IDR",
    "rupiah": "IDR", "us$": "USD", "usd": "USD", "rmb": "CNY", "cny": "CNY",
    "¥": "CNY", "php": "PHP", "₱": "PHP", "hk$": "HKD", "hkd": "HKD",
    "vnd": "VND", "₫": "VND",
}  # fmt: skip
# Written currencies that mean the local one: "$", "dollars", "元", "块".
LOCAL_DOLLAR = {"$", "dollar", "dollars"}
LOCAL_MONEY = {"元", "块", "塊"}

MULTIPLIERS = {
    "k": 1_000, "rb": 1_000, "ribu": 1_000, "千": 1_000, "jt": 1_000_000,
    "juta": 1_000_000, "万": 10_000, "萬": 10_000,
}  # fmt: skip

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "satu": 1,
    "dua": 2, "tiga": 3, "empat": 4, "一": 1, "两": 2, "兩": 2, "二": 2, "三": 3,
    "四": 4, "se": 1,
}  # fmt: skip

SP = r"[ \t\u00a0]?"  # a space inside one price or duration, never a newline
AMOUNT = r"(?:\d{1,3}(?:[.,]\d{3})+(?![\d])|\d+(?:[.,]\d{1,2})?)"
MULTIPLIER = r"(?=[krj千万萬])(?:k|rb|ribu|jt|juta|千|万|萬)(?![a-z])"
CURRENCY_BEFORE = (
    r"(?:rm|myr|s\$|sg\$|sgd|us\$|usd|\$|thb|฿|idr|rp\.?|令吉|马币|馬幣|新币|新幣"
    r"|rmb|cny|¥|php|₱|hk\$|hkd|vnd|₫)"
)
CURRENCY_AFTER = (
    r"(?=[rmstbiud฿令马馬新泰元块塊])(?:rm|ringgit|myr|sgd|thb|baht|bath|฿|idr|rupiah|usd|dollars?"
    r"|令吉|马币|馬幣|新币|新幣|泰铢|泰銖|元|块|塊)(?![a-z\d])"
)
RANGE_JOIN = rf"{SP}(?=[-–~t至到])(?:-|–|~|to|至|到){SP}"
HOUR_UNIT = r"(?:hours?|hrs?|h|jam|小时|小時|个小时|個小時|个钟|個鐘|钟头|鐘頭|钟|鐘)"
MINUTE_UNIT = r"(?:minutes?|mins?|minit|m|分钟|分鐘)"
SHOT_UNIT = r"(?:shots?|sessions?|rounds?|pops?|次)"
NUMBER_WORD = r"(?:one|two|three|four|satu|dua|tiga|empat|一|两|兩|二|三|四)"

# Words after a number that make it an age, a measure or a time of day.
NOT_AFTER = (
    r"[ \t]?(?:years?|yrs?|y/?o|tahun|thn|岁|歲|cm|kg|lbs?|am|pm|a\.m|p\.m)(?![a-z])"
)
NOT_UNIT = rf"(?!{SP}(?:{HOUR_UNIT}|{MINUTE_UNIT}|{SHOT_UNIT})(?![a-z]))"


def _range(name: str) -> str:
    """The second end of a range, not to be confused with a duration's number."""
    return rf"{RANGE_JOIN}(?:{CURRENCY_BEFORE})?{SP}(?P<{name}>{AMOUNT}){NOT_UNIT}"


END = r"(?:(?<![a-z])|(?![a-z]))"  # a Latin word ends where the token ends

UNIT = rf"(?=[hjmsrp小個个钟鐘分次])(?:{HOUR_UNIT}|{MINUTE_UNIT}|{SHOT_UNIT})"

TOKEN = re.compile(
    rf"[/每]{SP}(?P<slash>{HOUR_UNIT}|{SHOT_UNIT}){END}"
    # Nothing else starts inside a word. Each branch below first tests the
    # kind of character it starts with, which keeps the scan fast.
    r"|(?<![a-z])(?:"
    # Starting with a digit. Durations come first: "1hr" is not the money "1".
    rf"(?=\d)(?<![\d.,])(?:(?:(?P<half_digits>1/2{SP}(?:hour|hr|h|jam))"
    rf"|(?P<count>(?>\d+(?:\.\d+)?)){SP}-?{SP}(?P<unit>{UNIT})){END}"
    r"|(?<![:+])(?<!\d[ \t/.-])(?<!\d[a-z]-)"
    # A letter right after the number that can begin no multiplier, range or
    # currency ("174cm", "2am") fails the number at once.
    rf"(?P<bare>(?>{AMOUNT}))(?![acefghlnopqvwxyz])(?:{SP}(?P<bmul>{MULTIPLIER}))?"
    rf"(?:{_range('bare2')}(?:{SP}(?P<bmul2>{MULTIPLIER}))?)?"
    rf"(?:{SP}(?P<bcur>{CURRENCY_AFTER}))?(?![.,]?\d|[:%'\"°a-z]|/\d|{NOT_AFTER}))"
    # Money with its currency written first.
    rf"|(?=[rmsuti$฿令马馬新c¥p₱hv₫])(?P<cur>{CURRENCY_BEFORE}){SP}(?P<amt>{AMOUNT})"
    rf"(?:{SP}(?P<mul>{MULTIPLIER}))?"
    rf"(?:{_range('amt2')}(?:{SP}(?P<mul2>{MULTIPLIER}))?)?"
    rf"(?:{SP}(?P<cur2>{CURRENCY_AFTER}))?"
    # Durations in words; their first letters, tested first, rule out most
    # words at once ("a" begins "all night", "a hour" and "an hour").
    r"|(?=ha|ho|se|sa|sh|st|ov|o/|on|wh|fu|fo|a|ti|tw|th|be|pe|p/|ev|ea|em|du"
    r"|[半快包过過通一两兩二三四])"
    rf"(?:(?P<half>half{SP}(?:an{SP})?(?:hour|hr)"
    rf"|setengah{SP}jam|separuh{SP}jam|半{SP}(?:小时|小時|个小时|個小時|个钟|個鐘|钟|鐘))"
    rf"|(?P<night>overnight|over{SP}night|o/n|whole{SP}night|full{SP}night"
    rf"|all{SP}night|tidur{SP}malam|semalaman|satu{SP}malam|bermalam"
    r"|包夜|过夜|過夜|通宵)"
    r"|(?P<shortword>short ?time|st|快餐)"
    rf"|(?P<word_count>{NUMBER_WORD}){SP}-?{SP}(?P<word_unit>{UNIT})"
    rf"|(?:(?:per|every|each|p/|an?){SP}|se)(?P<per>{HOUR_UNIT}|{SHOT_UNIT})"
    rf"|(?P<hourly>hourly)){END})",
)
SHOT_WORD = re.compile(SHOT_UNIT)
MINUTE_WORD = re.compile(MINUTE_UNIT)

# Digit runs of eight or more, phone numbers most often, are not prices; a
# short group followed by a word ("1 hr") starts a duration, not a phone's tail.
# It opens with a set of characters ("+" or a digit), which the engine finds
# quickly, rather than with an optional "+".
PHONE_LIKE = re.compile(
    r"[+\d](?:(?<=\+)\d|(?<!\+))(?:\d|[ .\-]\d(?!\d?[ ]?[^\W\d_])){7,}"
)
THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
RANGE_LIKE = re.compile(r"([1-9]\d{1,4}) ?- ?([1-9]\d{1,4})")
# What may stand between a price and its duration: spaces, signs, filler words.
FILLER = re.compile(
    r"(?:[\s:=@/()\[\]*\-–—~.,;|•·、，；。：（）]|for|per|untuk|bagi|only|just|at"
    r"|is|je|sahaja|saja|price|harga|rate|rates|nett?|each|x|只要|只需|仅|僅)*",
)
SOFT_BREAK = re.compile(r"[\n,;|•·、，；。.]")
PRICE_WORD = re.compile(
    r"(?<![a-z])(?:price|prices|harga|rate|rates|cost|charge|价格|價格|收费|收費|价钱|價錢)"
    r"[ \t]*(?:is|from|dari|:|=|-)?[ \t]*$",
)
NOT_PRICE_BEFORE = re.compile(
    r"(?<![a-z])(?:age|aged|umur|usia|height|tinggi|weight|berat|size|saiz|no|room|bilik"
    r"|lot|unit|level|floor|tingkat|block|blok|jalan|jln|ref|code|kod|tel|call"
    r"|i am|i'm|im|saya"
    r"|年龄|身高|体重|體重|房号|编号)[ \t]*[:.#]?[ \t]*$",
)
MAX_GAP = 40
DIGIT = re.compile(r"\d")
RANK = {"tight": 0, "soft": 1}


class Token(NamedTuple):
    """A money or a duration found in the text (a named tuple: cheap to make)."""

    kind: str  # "money" or "duration"
    start: int
    end: int
    amounts: tuple[float, ...] = ()
    currency: str | None = None
    explicit: bool = False
    minutes: int = 0
    shots: bool = False


def extract_prices(text: str, country: str | None = None) -> dict:
    """``{"prices": [...], "price_per_hour": float | None}`` for ``text``.

    ``country`` (ISO alpha-2) is the ad's country: it gives the currency of
    prices written without one, and what "$" means.
    """
    prices = find_prices(text, country)
    return {"prices": prices, "price_per_hour": price_per_hour(prices)}


def find_prices(text: str, country: str | None = None) -> list[dict]:
    """Every stated price as ``{"amount", "currency", "minutes"}``, in text order."""
    if not text or DIGIT.search(text) is None:
        return []
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    lowered = PHONE_LIKE.sub(_blank_phone, _lower(text))
    tokens = _tokens(lowered, text, country)
    if not any(t.kind == "duration" or t.explicit for t in tokens):
        return []
    tokens = _merge_durations(tokens, lowered)
    pairs = _pair(tokens, lowered)
    currency = _ad_currency(tokens, country)
    prices = []
    for index in sorted(pairs):
        money = tokens[index]
        for amount in money.amounts:
            prices.append({"amount": _plain(amount),
                           "currency": money.currency or currency,
                           "minutes": pairs[index]})  # fmt: skip
    return prices


def price_per_hour(prices: list[dict]) -> float | None:
    """The hourly price these stated prices imply (see the module's conventions)."""
    if not prices:
        return None
    hourly = [p["amount"] for p in prices if p["minutes"] == 60]
    if hourly:
        return float(min(hourly))
    timed = [p for p in prices if p["minutes"]]
    if not timed:
        return float(min(p["amount"] for p in prices))
    shortest = min(timed, key=lambda p: (p["minutes"], p["amount"]))
    return round(shortest["amount"] * 60 / shortest["minutes"], 2)


def _blank_phone(match: re.Match) -> str:
    written = match.group()
    amount = THOUSANDS.match(written)
    if amount and (amount.end() == len(written) or written[amount.end()] == " "):
        return written
    ends = RANGE_LIKE.fullmatch(written)
    if ends and int(ends[1]) < int(ends[2]) <= 3 * int(ends[1]):
        return written
    return " " * len(written)


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few letters lower-case to two characters; keep positions aligned.
    return "".join(char.lower()[:1] for char in text)


def _tokens(lowered: str, text: str, country: str | None) -> list[Token]:
    tokens = []
    for match in TOKEN.finditer(lowered):
        if match["shortword"] == "st" and text[match.start() : match.end()] != "ST":
            continue
        # A match is a money or a duration, never both: test which it is first.
        if match["bare"] or match["amt"]:
            token = _money(match, lowered, country)
        else:
            token = _duration(match)
        if token is not None:
            tokens.append(token)
    return tokens


def _duration(match: re.Match) -> Token | None:
    start, end = match.span()
    if match["half"] or match["half_digits"]:
        return Token("duration", start, end, minutes=30)
    if match["night"]:
        return Token("duration", start, end, minutes=OVERNIGHT_MINUTES)
    if match["shortword"]:
        return Token("duration", start, end, minutes=SHOT_MINUTES, shots=True)
    if match["per"] or match["slash"] or match["hourly"]:
        unit = match["per"] or match["slash"] or "hour"
        shots = SHOT_WORD.fullmatch(unit) is not None
        return Token("duration", start, end, minutes=SHOT_MINUTES if shots else 60,
                     shots=shots)  # fmt: skip
    if match["unit"] or match["word_unit"]:
        return _counted(match, start, end)
    return None


def _counted(match: re.Match, start: int, end: int) -> Token | None:
    count = _count(match["count"] or match["word_count"])
    unit = match["unit"] or match["word_unit"]
    if count <= 0:
        return None
    if SHOT_WORD.fullmatch(unit):
        return Token("duration", start, end, minutes=int(count * SHOT_MINUTES),
                     shots=True)  # fmt: skip
    if MINUTE_WORD.fullmatch(unit):
        minutes = count
        if unit == "m" and count > 120:
            return None
    else:
        minutes = count * 60
    # "24 hours" says when an ad answers, not how long a booking lasts.
    if not 5 <= minutes <= MAX_MINUTES:
        return None
    return Token("duration", start, end, minutes=round(minutes))


def _count(written: str) -> float:
    written = written.lower()
    if written in NUMBER_WORDS:
        return NUMBER_WORDS[written]
    try:
        return float(written)
    except ValueError:
        return 0


def _money(match: re.Match, text: str, country: str | None) -> Token | None:
    start, end = match.span()
    if match["amt"]:
        currency = _currency(match["cur"], country) or _currency(match["cur2"], country)
        amounts = _amounts(match["amt"], match["mul"], match["amt2"], match["mul2"])
        return Token("money", start, end, amounts, currency, explicit=True)
    if not match["bare"] or _not_a_price(match, text):
        return None
    amounts = _amounts(match["bare"], match["bmul"], match["bare2"], match["bmul2"])
    if match["bcur"]:
        currency = _currency(match["bcur"], country)
        return Token("money", start, end, amounts, currency, explicit=True)
    explicit = PRICE_WORD.search(text, max(0, start - 20), start) is not None
    return Token("money", start, end, amounts, None, explicit=explicit)


def _not_a_price(match: re.Match, text: str) -> bool:
    digits = match["bare"].replace(",", "").replace(".", "")
    if digits.startswith("0") or len(digits) > 7:
        return True
    before = NOT_PRICE_BEFORE.search(text, max(0, match.start() - 12), match.start())
    return before is not None


def _currency(written: str | None, country: str | None) -> str | None:
    if not written:
        return None
    written = written.lower()
    if written in CURRENCY_WORDS:
        return CURRENCY_WORDS[written]
    if written in LOCAL_DOLLAR:
        return f"{country}D" if country in DOLLAR_COUNTRIES else "USD"
    if written in LOCAL_MONEY:
        return CURRENCY_OF_COUNTRY.get(country or "", "CNY")
    return None


def _amounts(first: str, multiplier: str | None, second: str | None, second_multiplier):
    low = _amount(first, multiplier or second_multiplier)
    if not second:
        return (low,) if low > 0 else ()
    high = _amount(second, second_multiplier or multiplier)
    if not 0 < low < high <= low * 5:
        return (low,) if low > 0 else ()
    return (low, high)


def _amount(written: str, multiplier: str | None) -> float:
    if THOUSANDS.fullmatch(written) and not (multiplier and len(written) <= 4):
        value = float(re.sub(r"[.,]", "", written))
    else:
        value = float(written.replace(",", "."))
    return value * MULTIPLIERS.get((multiplier or "").lower(), 1)


def _plain(amount: float) -> int | float:
    return int(amount) if amount == int(amount) else round(amount, 2)


def _merge_durations(tokens: list[Token], text: str) -> list[Token]:
    """Join "1 hour 30 min" into 90 minutes, and "1hr 2 shots" into the hour."""
    merged: list[Token] = []
    for token in tokens:
        previous = merged[-1] if merged else None
        if previous is not None and _joinable(previous, token, text):
            merged[-1] = _joined(previous, token)
        else:
            merged.append(token)
    return merged


def _joinable(first: Token, second: Token, text: str) -> bool:
    if first.kind != "duration" or second.kind != "duration":
        return False
    if text[first.end : second.start].strip(" +&") != "":
        return False
    return first.shots != second.shots or first.minutes >= 60 > second.minutes


def _joined(first: Token, second: Token) -> Token:
    if first.shots != second.shots:
        minutes = second.minutes if first.shots else first.minutes
    else:
        minutes = first.minutes + second.minutes
    return Token("duration", first.start, second.end, minutes=minutes)


def _pair(tokens: list[Token], text: str) -> dict[int, int | None]:
    """Pair moneys with the durations beside them: index of money to minutes.

    Links are taken best first: a tight gap before a loose one, money with a
    currency before bare numbers, the ad's word order (duration first or money
    first) before the other. A money with a currency and no duration is kept
    with ``None`` minutes; a bare number without a duration is dropped.
    """
    gaps = [
        _gap(text[a.end : b.start]) for a, b in zip(tokens, tokens[1:], strict=False)
    ]
    pairs: dict[int, int | None] = {}
    used: set[int] = set()
    for _, money, duration in sorted(_links(tokens, gaps)):
        if money not in pairs and duration not in used:
            pairs[money] = tokens[duration].minutes
            used.add(duration)
    for index, token in enumerate(tokens):
        if token.kind == "money" and token.explicit and index not in pairs:
            pairs[index] = None
    return pairs


def _links(tokens: list[Token], gaps: list[str]):
    """Every possible (rank, money, duration) link between neighbours."""
    leading = _leading_kinds(tokens, gaps)
    for index, token in enumerate(tokens):
        if token.kind != "money":
            continue
        for other, gap, after in (
            (index - 1, index - 1, False),
            (index + 1, index, True),
        ):
            if not 0 <= other < len(tokens) or tokens[other].kind != "duration":
                continue
            if gaps[gap] == "broken":
                continue
            against_order = (leading[index] == "duration") == after
            yield (RANK[gaps[gap]], not token.explicit, against_order), index, other


def _gap(between: str) -> str:
    if len(between) > MAX_GAP or FILLER.fullmatch(between) is None:
        return "broken"
    return "soft" if SOFT_BREAK.search(between) else "tight"


def _leading_kinds(tokens: list[Token], gaps: list[str]) -> list[str]:
    """For each token, the kind of the first token of its run (the ad's word order)."""
    kinds, first = [], ""
    for index, token in enumerate(tokens):
        if index == 0 or gaps[index - 1] == "broken":
            first = token.kind
        kinds.append(first)
    return kinds


def _ad_currency(tokens: list[Token], country: str | None) -> str | None:
    """The currency most written in the ad, else the country's."""
    written = [t.currency for t in tokens if t.kind == "money" and t.currency]
    if written:
        # Ties go to the currency written first, whatever the hash seed.
        return max(dict.fromkeys(written), key=written.count)
    return CURRENCY_OF_COUNTRY.get((country or "").upper())
