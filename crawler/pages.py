"""Reading fetched pages: decoding their bytes, their links, and the ad they hold."""

import codecs
from urllib.parse import urldefrag, urljoin

import lxml.html
from lxml import etree
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

from crawler.profile import AD_FIELDS, Profile
from crawler.selectors import Query
from htleads.errors import InputError

UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")


class UnreadablePageError(InputError):
    """A fetched page cannot be read as an ad; the message is the reason kept."""


def decode(body: bytes, content_type: str | None) -> tuple[str, str]:
    """The page's text and the encoding that decoded it without error.

    The encodings tried are the byte-order mark's, the HTTP header's, the
    ``<meta charset>``'s, then UTF-8. A header that contradicts a legacy page's
    own declaration is common on misconfigured servers, so a header encoding
    that fails gives way to the page's.
    """
    tried = []
    for name in _declared_encodings(body, content_type):
        if name in tried:
            continue
        tried.append(name)
        try:
            return body.decode(name), name
        except UnicodeDecodeError:
            continue
    raise UnreadablePageError(f"undecodable bytes: not valid {' or '.join(tried)}")


def parse(text: str) -> etree._Element:
    """The page as an lxml tree; an empty or unparsable page is rejected."""
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=UTF8_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise UnreadablePageError(f"not parsable as HTML: {error}") from error


def links(queries: tuple[Query, ...], tree: etree._Element, url: str) -> list[str]:
    """Absolute addresses, without fragments, that ``queries`` find on a page."""
    found = []
    for query in queries:
        for node in query.run(tree):
            href = node if isinstance(node, str) else node.get("href")
            if href and href.strip():
                found.append(urldefrag(urljoin(url, href.strip()))[0])
    return found


def read_ad(profile: Profile, text: str, tree: etree._Element, url: str) -> dict:
    """The ad's fields on a page, per the profile; incomplete pages are rejected."""
    if profile.page_end and not _ends_with(text, profile.page_end):
        marker = profile.page_end
        raise UnreadablePageError(f"truncated page: it does not end with {marker}")
    values = {name: None for name in AD_FIELDS}
    values["images"] = []
    for name, rule in profile.fields.items():
        values[name] = rule.read(tree, url)
    missing = [
        name
        for name, rule in profile.fields.items()
        if rule.required and values[name] in (None, [])
    ]
    if missing:
        raise UnreadablePageError(f"missing required fields: {', '.join(missing)}")
    return values


def _declared_encodings(body: bytes, content_type: str | None) -> list[str]:
    bom, _ = read_bom(body)
    candidates = [
        bom,
        http_content_type_encoding(content_type) if content_type else None,
        html_body_declared_encoding(body),
        "utf-8",
    ]
    names = []
    for candidate in candidates:
        name = resolve_encoding(candidate) if candidate else None
        if name and _known(name):
            names.append(name)
    return names


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _ends_with(text: str, marker: str) -> bool:
    return text.rstrip().lower().endswith(marker.lower())
