"""E-mail addresses, messaging handles and websites written in an ad.

E-mail addresses are read plain (``amy@mail.com``) and disguised
(``amy at gmail dot com``, ``amy[at]mail(dot)com``); the disguised forms need a
known top-level domain, so that "meet at the hotel" is not an address.
Handles come from profile links (``wa.me/60123456789``, ``t.me/amy``,
``twitter.com/amy``, ``x.com/amy``, ``instagram.com/amy``, ``line.me/ti/p/~amy``)
and from a platform's name followed by an ID (``WeChat: amy88``, ``微信号
amy88``, ``Line ID: amy88``, ``Telegram @amy``, ``Follow us on Twitter
@amy``). An ``@name`` with no platform named before it is not taken: ads use
``@`` for "at" (``@ Bukit Bintang``, ``@RM300``) as often as for handles.
Websites are the hosts of other links and bare domains (``escortkl.com``),
without ``www.``. Everything is returned in lower case, each once, in order.
"""

import re
import unicodedata

from extract import digits

TLDS = (
    "com|net|org|info|biz|io|co|xyz|club|online|site|top|vip|asia|app|ly|tv|cc|ws"
    "|my|sg|hk|tw|ph|vn|uk|au|ru|cn|jp|kr|de|fr|nl|eu|example"
)
SECOND_LEVEL = r"(?:com|net|org|co|edu|gov)\.(?:my|sg|th|id|au|uk|hk|tw|ph|vn|in|cn)"
MAIL_TLDS = rf"(?:{SECOND_LEVEL}|{TLDS}|me|id|th|in|edu|gov)"

# "@", "[at]" and the like, or the word "at" between spaces; the set of first
# characters comes first, which keeps the scan fast.
AT_SIGN = re.compile(
    r"[@＠\[({<\s](?:(?<=[@＠])|(?<=[\[({<])(?:at|@)[\])}>]|(?<=\s)at(?=\s))"
)
DOT_WORD = r"(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|<dot>|\[\.\]|\(\.\))\s*|\s+dot\s+|\.)"
# The local part, read backwards from the "at": the text before it must end so.
LOCAL_PART = re.compile(r"(?<![\w.+-])(?P<local>[a-z0-9][a-z0-9._%+-]*)\s*$")
PLAIN_DOMAIN = re.compile(r"\s*(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24})\b")
HIDDEN_DOMAIN = re.compile(
    rf"\s*(?P<domain>[a-z0-9-]+(?:{DOT_WORD}[a-z0-9-]+)*){DOT_WORD}(?P<tld>{MAIL_TLDS})\b"
)
DOT_SPLIT = re.compile(DOT_WORD)
# Words that stand before "at" in a sentence ("I am at the hotel dot com").
NOT_LOCAL_PART = frozenset(
    {"am", "is", "are", "be", "me", "we", "us", "i", "you", "here", "there", "now",
     "meet", "stay", "staying", "available", "only", "call", "come", "see", "look"}
)  # fmt: skip

# Profile links: host pattern, platform, and what follows the host.
LINKS = (
    (r"wa\.me/\+?(?P<h>\d{6,15})", "whatsapp"),
    (r"(?:api\.)?whatsapp\.com/send/?\?phone=\+?(?P<h>\d{6,15})", "whatsapp"),
    (r"(?:t|telegram)\.me/(?P<h>[a-z0-9_]{3,32})", "telegram"),
    (r"(?:twitter|x)\.com/@?(?P<h>[a-z0-9_]{1,15})", "twitter"),
    (r"instagram\.com/(?P<h>[a-z0-9_.]{1,30})", "instagram"),
    (r"(?:facebook|fb)\.com/(?P<h>[a-z0-9.]{5,50})", "facebook"),
    (r"line\.me/(?:r/)?ti/p/[~@]?(?P<h>[a-z0-9_.-]{3,32})", "line"),
    (r"tiktok\.com/@(?P<h>[a-z0-9_.]{2,24})", "tiktok"),
)
LINK = re.compile(
    r"(?<![a-z0-9-])(?:"
    + "|".join(
        f"(?P<p{i}>{pattern})".replace("(?P<h>", f"(?P<h{i}>")
        for i, (pattern, _) in enumerate(LINKS)
    )  # fmt: skip
    + ")"
)
LINK_HOSTS = re.compile(
    r"^(?:wa\.me|(?:api\.)?whatsapp\.com|t\.me|telegram\.me|twitter\.com|x\.com"
    r"|instagram\.com|facebook\.com|fb\.com|line\.me|tiktok\.com)$"
)
NOT_PROFILE = frozenset(
    {"share", "intent", "home", "i", "search", "hashtag", "login", "signup", "p",
     "explore", "reel", "reels", "watch", "groups", "pages", "joinchat", "s"}
)  # fmt: skip

# A platform's name, then an ID. "line", "tg" and "ig" are ordinary words or
# letters too, so they need "ID", a colon or "@" before the handle.
PLATFORMS = (
    (r"we\s?chat|weixin|微信号?|微信號|vx|wx", "wechat", False),
    (r"line", "line", True),
    (r"telegram|tele", "telegram", False),
    (r"tg", "telegram", True),
    (r"twitter|tweeter|推特", "twitter", False),
    (r"instagram|insta", "instagram", False),
    (r"ig", "instagram", True),
    (r"kakao(?:\s?talk)?", "kakao", False),
    (r"skype", "skype", False),
    (r"snapchat", "snapchat", False),
)
# Read up to 64 characters, so that a number spelt out is seen whole; no
# platform allows IDs longer than :data:`MAX_HANDLE`.
HANDLE = r"(?P<handle>[a-z0-9_][a-z0-9_.-]{2,63})"
MAX_HANDLE = 32
STRICT_SEPARATOR = r"(?:\s*(?:id\s*[:：=]?|[:：=])\s*@?|\s*@)"
LOOSE_SEPARATOR = r"\s*(?:id|号|號)?\s*[:：=\-]?\s*@?"
# A Latin platform name must end as a word ("insta" is not in "instagram.com").
WORD_END = r"(?:(?<![a-z])|(?![a-z0-9]))"
_MENTION = (
    # The first letters of every platform name, tested first.
    r"(?=[wvltiks微推])(?<![a-z0-9])(?:"
    + "|".join(
        f"(?P<k{i}>{names}){WORD_END}"
        + (STRICT_SEPARATOR if strict else LOOSE_SEPARATOR)
        for i, (names, _, strict) in enumerate(PLATFORMS)
    )
    + rf"){HANDLE}"
)
MENTION = re.compile(rf"(?P<mention>{_MENTION})")
# The same, found faster: a platform's name begins after a character that is
# no letter or digit, so the search stops only at those (the engine skips to
# them in C) and reads the mention one character on.
MENTION_NEAR = re.compile(rf"[^a-z0-9](?=(?P<mention>{_MENTION}))")
NOT_HANDLE = frozenset(
    {"me", "only", "available", "call", "and", "or", "same", "number", "please",
     "pls", "add", "contact", "booking", "book", "for", "the", "with", "us", "you",
     "now", "also", "msg", "message", "text", "sms", "whatsapp", "wechat", "line",
     "telegram", "twitter", "instagram", "account", "follow", "today", "welcome"}
)  # fmt: skip

# Digits, digit words and lookalike letters only ("o1oh42nine", "kosong").
WRITTEN_NUMBER = re.compile(rf"(?:{digits.ATOM}|[-_.])+", re.IGNORECASE)

SCHEME_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}，。、]+")
# A bare domain is found by its top-level domain, then read backwards.
DOMAIN_END = re.compile(rf"\.(?:{SECOND_LEVEL}|{TLDS})\b(?![.-]?[a-z0-9])")
DOMAIN_START = re.compile(r"(?<![\w@.-])(?:[a-z0-9][a-z0-9-]*\.)*[a-z0-9][a-z0-9-]*$")
HOST = re.compile(r"^(?:https?://)?(?:www\.)?([^/?#:]+)")


def find_contacts(text: str) -> dict:
    """``{"emails", "handles", "websites"}`` found in ``text``."""
    text = _fold(text)
    emails = _emails(text)
    return {
        "emails": _unique(address for address, _ in emails),
        "handles": _handles(text),
        "websites": _websites(text, [span for _, span in emails]),
    }


def find_emails(text: str) -> list[str]:
    """E-mail addresses, plain or disguised, in lower case."""
    return _unique(address for address, _ in _emails(_fold(text)))


def find_handles(text: str) -> list[dict]:
    """Handles as ``{"platform", "handle"}``, from links and platform names."""
    return _handles(_fold(text))


def find_websites(text: str) -> list[str]:
    """Hosts of links and bare domains, without ``www.``, other than profile links."""
    text = _fold(text)
    return _websites(text, [span for _, span in _emails(text)])


def _fold(text: str) -> str:
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def _emails(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Each address found, with the span it was written in."""
    found = []
    for sign in AT_SIGN.finditer(text):
        local = LOCAL_PART.search(text, max(0, sign.start() - 64), sign.start())
        if local is not None:
            address = _address(text, local["local"], sign)
            if address is not None:
                found.append((address[0], (local.start(), address[1])))
    return found


def _address(text: str, local: str, sign: re.Match) -> tuple[str, int] | None:
    """The address whose local part is ``local``, and where it ends."""
    at = sign.group().strip()
    if "@" in at:
        domain = PLAIN_DOMAIN.match(text, sign.end())
        if domain is not None and at in "@＠":
            return f"{local}@{domain['domain']}", domain.end()
    elif local in NOT_LOCAL_PART:
        return None
    domain = HIDDEN_DOMAIN.match(text, sign.end())
    if domain is None:
        return None
    labels = DOT_SPLIT.split(domain["domain"]) + [domain["tld"]]
    return f"{local}@{'.'.join(labels)}", domain.end()


def _handles(text: str) -> list[dict]:
    found = []
    links = LINK.finditer(text) if ".me/" in text or ".com/" in text else ()
    for match in links:
        index = next(i for i in range(len(LINKS)) if match[f"p{i}"])
        handle = match[f"h{index}"].rstrip(".")
        if handle not in NOT_PROFILE:
            found.append((match.start(), LINKS[index][1], handle))
    for match in _mentions(text):
        index = next(i for i in range(len(PLATFORMS)) if match[f"k{i}"])
        handle = match["handle"].rstrip(".-")
        if handle in NOT_HANDLE or _is_link(text, match.end("handle")):
            continue
        if len(handle) > MAX_HANDLE:
            continue
        if not _phone_like(handle):
            found.append((match.start("mention"), PLATFORMS[index][1], handle))
    pairs = _unique((platform, handle) for _, platform, handle in sorted(found))
    return [{"platform": platform, "handle": handle} for platform, handle in pairs]


def _mentions(text: str):
    """Each platform name with its ID, as ``MENTION.finditer`` finds them."""
    found = MENTION.match(text)
    position = 0
    if found is not None:
        yield found
        position = found.end("mention")
    # A mention may begin right where the last one ended, after its last sign.
    while (found := MENTION_NEAR.search(text, max(0, position - 1))) is not None:
        yield found
        position = found.end("mention")


def _phone_like(handle: str) -> bool:
    """A number written as an ID ("微信: 012-345 6789"): the phone finder's to read."""
    return WRITTEN_NUMBER.fullmatch(handle) is not None


def _is_link(text: str, end: int) -> bool:
    return text.startswith((".com", ".me/", ".net"), end)


def _websites(text: str, emails: list[tuple[int, int]]) -> list[str]:
    if "." not in text:
        return []
    found = []
    for match in SCHEME_URL.finditer(text):
        found.append((match.start(), HOST.match(match.group())[1]))
    for end in DOMAIN_END.finditer(text):
        start = DOMAIN_START.search(text, max(0, end.start() - 128), end.start())
        if start is not None:
            found.append((start.start(), text[start.start() : end.end()]))
    hosts = []
    for at, host in sorted(found):
        name = host.strip(".-")
        inside_email = any(a <= at < b for a, b in emails)
        if "." in name and not inside_email and not LINK_HOSTS.match(name):
            hosts.append(name.removeprefix("www."))
    return _unique(hosts)


def _unique(items) -> list:
    return list(dict.fromkeys(items))
