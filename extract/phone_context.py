"""What the words around a number say about it: phone cues, prices, dates, ids, links.

Numbers in ads that are not phones mostly come with a unit, a currency or a
shape of their own (``RM300``, ``23yo``, ``165cm``, ``34C``, ``12/05/2014``,
``22:00``). :func:`mask` blanks those out before digits are grouped, so that
they can neither be read as phones nor glue onto one. The cue functions look
at the text just before and after a candidate.
"""

import re

from extract.digits import word_trie

BLANK = "\x00"

_CURRENCIES = (
    "rm", "myr", "sgd", "s$", "usd", "us$", "aud", "a$", "hkd", "hk$", "nt$", "ntd",
    "thb", "idr", "rp", "rp.", "rs", "rs.", "inr", "php", "eur", "gbp",
    "$", "£", "€", "¥", "₹", "฿", "₱", "₩", "元",
)  # fmt: skip
_UNIT_WORDS = (
    "yo", "y.o", "y.o.", "y/o", "yr", "yrs", "year", "years", "tahun", "thn", "岁",
    "歲", "ปี", "cm", "mm", "kg", "kgs", "lb", "lbs", "ft", "inch", "inches", "hr",
    "hrs", "hour", "hours", "jam", "min", "mins", "minute", "minutes", "sec",
    "secs", "分钟", "小时", "小時", "pm", "am", "p.m.", "a.m.", "rm", "myr",
    "ringgit", "sgd", "usd", "baht", "บาท", "rupiah", "rb", "ribu", "jt", "juta",
    "k", "dollar", "dollars", "bucks", "session", "sessions", "shot", "shots",
    "pax", "times", "x", "%", "st", "nd", "rd", "th", "号", "點", "点", "元", "块",
    "塊", "cup", "cups",
)  # fmt: skip
# Tries, so that the engine does not try sixty words one by one at each digit.
_CURRENCY = word_trie(_CURRENCIES)
_UNITS = word_trie(_UNIT_WORDS)
# A quantity stands alone: it does not continue a group of digits before it.
_ALONE = r"(?<![\d.,])(?<!\d[^\w])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d\d"
_DATE_SEP = r"[/.\-]"
_NOT_LETTER = r"(?![A-Za-z\d])"

_PRICE = rf"(?<![A-Za-z]){_CURRENCY}\s?\d+(?:[.,]\d+)*(?:\s?[kK]{_NOT_LETTER})?"
_MASKS = (
    rf"{_ALONE}\d{{1,5}}+(?:[.,]\d{{1,2}})?\s?{_UNITS}{_NOT_LETTER}",
    rf"{_ALONE}\d{{1,5}}\s?/\s?(?i:hrs?|hours?|h|sessions?|shots?|nights?|jam)\b",
    rf"{_ALONE}\d\d\s?(?:[A-H]{{1,3}}|[a-h]{{1,2}}){_NOT_LETTER}",
    rf"(?<!\d){_DAY}({_DATE_SEP}){_MONTH}\1{_YEAR}(?!\d)",
    rf"(?<!\d){_MONTH}({_DATE_SEP}){_DAY}\2{_YEAR}(?!\d)",
    rf"(?<!\d){_YEAR}({_DATE_SEP}){_MONTH}\3{_DAY}(?!\d)",
    r"(?<!\d)(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?!\d)",
    r"(?<!\d)(?:[01]?\d|2[0-3])[.h][0-5]\d\s?(?i:am|pm)(?![A-Za-z])",
    r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])",
    # Versions (9.0.0156, 1.2.3.4567, 2.57.2): short groups, few of them.
    r"(?<![\d.])\d{1,2}(?:\.\d{1,2}){1,2}\.\d{2,}(?![\d.])",
    r"(?<![\d.])\d{1,2}(?:\.\d{1,3}){2,3}(?![\d.])",
    # Decimals (0.0435, .97, 101.6868); a phone's first group keeps its 0.
    r"(?<![\d.])(?<!\d[^\w\s])(?:0?\.\d+|[1-9]\d{0,2}\.\d{1,6})(?![\d.])",
    r"(?<!\d)\d{4}([ \-])\d{4}\4\d{4}\4\d{4}(?!\d)",
    r"(?<!\d)\d{16,}",
    r"(?<!\d)\d{6}-\d{2}-\d{4}(?!\d)",
    rf"(?<!\d){_YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)",
)
_PHONE_LINK = re.compile(r"(?i)wa\.me|whatsapp|tel:|sms:|phone=|callto:|line\.me|t\.me")
_EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# Each expression opens with a look at the first character, so that the
# engine skips quickly over the text that cannot start a match.
_PRICE_RE = re.compile(rf"(?=[A-Za-z$£€¥₹฿₱₩元])(?<![A-Za-z]){_PRICE}")
# Where a number's digits (D) begin, a mask can match only if: a dot opens
# the number; D has five digits or fewer and is followed, straight away or
# after one space, by a sign or letter that can start what a mask reads there
# (a unit, "/", ":", a dot or comma, a cup size); D and a space or dash begin
# a card (four digits), or D and a dash a date or an id (one, two, four or six
# digits); or D has exactly eight digits (yyyymmdd) or sixteen or more.
# Testing that first spares the engine every mask at most groups of a phone.
_AFTER_DIGITS = ".,/:：A-Ha-h" + "".join(
    sorted(
        {re.escape(case) for word in _UNIT_WORDS for case in (word[0], word[0].upper())}
    )
)
_MASK_GATE = (
    rf"(?=\.|\d{{1,5}}[{_AFTER_DIGITS}]|\d{{1,5}}\s[^\d\s]|\d{{4}}[ -]\d|\d\d?-"
    r"|\d{4}-|\d{6}-|\d{8}(?!\d)|\d{16})"
)
_MASK_RE = re.compile(
    rf"(?=[\d.])(?<!\d){_MASK_GATE}(?:"
    + "|".join(f"(?:{mask})" for mask in _MASKS)
    + ")"
)

_CUE_WORDS = (
    r"call|calls|calling|tel|tele|telephone|phone|ph|fone|hp|h/p|mobile|mob|cell|"
    r"contact|sms|text(?=\s?(?:me|only|or|[:：/]))|txt|msg|whatsapp|whats\s?app|"
    r"whatapp|watsapp|watsap|wasap|"
    r"wassap|wsap|wsp|wa|w/a|wechat|line\s?id|line(?=\s?[:：])|viber|telegram|"
    r"kakao|hotline|ring|dial|number|nombor|no\.?\s?tel|no\.?\s?hp|telefon|telp|"
    r"hubungi|talian|sđt|zalo|mob\.?\s?no|ph\.?\s?no|booking|book|reservation"
)
_CUE_SYMBOLS = "📞☎📱✆☏📲"
_CUE_SCRIPT = (
    r"電話|电话|手机|手機|联系|聯繫|聯絡|致电|微信|热线|熱線|โทร|เบอร์|ติดต่อ|ไลน์"
)
_CUE_RE = re.compile(
    rf"(?i:(?<![A-Za-z])(?:{_CUE_WORDS})(?![A-Za-z]))|[{_CUE_SYMBOLS}]|{_CUE_SCRIPT}"
)
_CLAUSE_END = re.compile(r"[.!?;\n]")
_OFFERED_RE = re.compile(
    rf"(?:{_CUE_RE.pattern})[\s:：.\-=@()]*"
    r"(?i:(?:me|at|on|us|to|now|or|only|here)[\s:：.\-]+){0,3}$"
)
# Labels that make the number after them an id, a code or a room, never a phone.
_ID_LABELS = (
    r"ref|reference|order|invoice|tracking|serial|sku|isbn|nric|ic|passport|"
    r"account|acct|a/c|postcode|poskod|zip|pin|code|id|room|receipt|iban|"
    r"transaction|trx|ticket|awb|parcel|lat|lng|lon|long|gps"
)
# Nouns that do so only with "id", "no" or "#" after them ("Ad ID", "Post #").
_ID_NOUNS = r"ad|ads|post|listing|unit|lot|acc|bank|item|product|case"
_ID_BEFORE_RE = re.compile(
    rf"(?i)(?<![A-Za-z])(?:(?:{_ID_LABELS})\.?\s*(?:id|no\.?|num(?:ber)?|#)?"
    rf"|(?:{_ID_NOUNS})\.?\s*(?:id|no\.?|num(?:ber)?|#))\s*[:#=\-.]?\s*$"
)
# The words a label or its "id", "no" or "number" ends with ("a/c" in "c").
_ID_ENDINGS = tuple(
    {*_ID_LABELS.replace("a/c", "c").split("|"), "id", "no", "num", "number"}
)
# A plus, then at most three separators: "+60", "+ (60)", "+-six", "+ . 6".
_PLUS_BEFORE_RE = re.compile(
    r"(?:(?<![A-Za-z\d])[+＋]|(?i:(?<![A-Za-z])plus))(?:[^\w+＋\n]|_){0,3}$"
)

CUE_REACH = 40


_DATE_RE = re.compile(
    rf"{_DAY}([/.\-]){_MONTH}\1{_YEAR}|{_MONTH}([/.\-]){_DAY}\2{_YEAR}"
    rf"|{_YEAR}([/.\-]){_MONTH}\3{_DAY}"
)


def is_date(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is exactly a date (12/05/2014, 2014-05-12)."""
    return _DATE_RE.fullmatch(text, start, end) is not None


def mask(text: str) -> str:
    """``text`` with prices, measures, dates and times blanked.

    The text keeps its length, so that spans found in it hold in the original.
    """
    spans = [match.span() for match in _PRICE_RE.finditer(text)]
    spans += [match.span() for match in _MASK_RE.finditer(text)]
    if not spans:
        return text
    spans.sort()
    parts, done = [], 0
    for first, last in spans:
        first = max(first, done)
        if last > first:
            parts.append(text[done:first])
            parts.append(BLANK * (last - first))
            done = last
    parts.append(text[done:])
    return "".join(parts)


def in_other_link(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies in an e-mail address or a non-phone link.

    Digits in ``wa.me/60123456789`` or ``tel:`` links are phones; digits in
    other web addresses or in e-mail addresses are ids.
    """
    first, last = _word_bounds(text, start, end)
    word = text[first:last]
    if "@" in word:
        for email in _EMAIL_RE.finditer(word):
            if first + email.start() <= start and end <= first + email.end():
                return True
    if "://" in word or "www." in word.lower():
        return not _PHONE_LINK.search(word)
    return False


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited word around ``text[start:end]``, at most 300 long."""
    first = start
    while first > 0 and start - first < 300 and not text[first - 1].isspace():
        first -= 1
    last = end
    while last < len(text) and last - end < 300 and not text[last].isspace():
        last += 1
    return first, last


def has_cue(text: str, start: int, end: int) -> bool:
    """Whether a phone cue (``call``, ``WhatsApp``, ``📞``, ``电话``) is near.

    Before the number the cue may be a few words away; after it, only in the
    same clause ("012-345 678 whatsapp only").
    """
    before = text[max(0, start - CUE_REACH) : start]
    after = _CLAUSE_END.split(text[end : end + CUE_REACH // 2], maxsplit=1)[0]
    return bool(_CUE_RE.search(before) or _CUE_RE.search(after))


def is_offered(text: str, start: int) -> bool:
    """Whether a cue introduces the number at ``start``: "call 555-0123", "WA: ..."."""
    return bool(_OFFERED_RE.search(text, max(0, start - 32), start))


def follows_id_label(text: str, start: int) -> bool:
    """Whether the number right at ``start`` is labelled as an id, code or room."""
    before = text[max(0, start - 24) : start].rstrip()
    if before[-1:] in (":", "=", "-"):
        before = before[:-1].rstrip()
    if before[-1:] in (".", "#"):
        return _labelled(text, start)
    # A label ends in one of a few words: most numbers follow none of them,
    # and need no search.
    letters = len(before)
    while letters and before[letters - 1].isalpha():
        letters -= 1
    word = before[letters:].lower()
    if word and (not word.isascii() or word.endswith(_ID_ENDINGS)):
        return _labelled(text, start)
    return False


def _labelled(text: str, start: int) -> bool:
    return bool(_ID_BEFORE_RE.search(text, max(0, start - 24), start))


def follows_plus(text: str, start: int) -> bool:
    """Whether a ``+`` (or the word ``plus``) opens the number at ``start``."""
    before = text[max(0, start - 8) : start]
    if "+" not in before and "＋" not in before and "plu" not in before.lower():
        return False
    return bool(_PLUS_BEFORE_RE.search(text, max(0, start - 8), start))
