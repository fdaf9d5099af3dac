"""Field rules of a site profile, and how they turn a page into values."""

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from urllib.parse import urljoin

from lxml import etree

from crawler.selectors import Query
from crawler.text import block_text, inline_text

KINDS = ("text", "int", "datetime", "url")
TEXT_MODES = ("inline", "block")


@dataclass(frozen=True)
class FieldRule:
    """How one field of an ad is read.

    ``select`` finds the value in the page; ``from_url`` (a regex whose first
    group is the value) reads it from the page's address instead, and is used
    when ``select`` finds nothing. The found text is then cleaned: ``remove``
    deletes what matches, ``pattern`` keeps its first group (or whole match),
    and ``kind`` converts it (``int``, ``datetime`` with ``date_format``, or
    ``url`` made absolute).
    """

    name: str
    select: Query | None = None
    from_url: re.Pattern | None = None
    text: str = "inline"
    many: bool = False
    remove: re.Pattern | None = None
    pattern: re.Pattern | None = None
    kind: str = "text"
    date_format: str | None = None
    timezone: tzinfo | None = None
    required: bool = False

    def read(self, tree: etree._Element, url: str):
        """The field's value on the page at ``url``: a value, a list, or None."""
        raw = self._raw(tree, url)
        values = [self._clean(value, url) for value in raw]
        values = [value for value in values if value is not None]
        if self.many:
            return values
        return values[0] if values else None

    def id_in_url(self, url: str) -> str | None:
        """The value ``from_url`` reads from ``url``, or None."""
        if self.from_url is None:
            return None
        match = self.from_url.search(url)
        return match.group(1) if match else None

    def _raw(self, tree: etree._Element, url: str) -> list[str]:
        if self.select is not None:
            found = [self._as_text(node) for node in self.select.run(tree)]
            found = [text for text in found if text]
            if found:
                return found
        in_url = self.id_in_url(url)
        return [in_url] if in_url else []

    def _as_text(self, node) -> str:
        return block_text(node) if self.text == "block" else inline_text(node)

    def _clean(self, text: str, url: str):
        if self.remove is not None:
            text = self.remove.sub("", text)
        if self.pattern is not None:
            match = self.pattern.search(text)
            if match is None:
                return None
            text = match.group(1) if match.groups() else match.group(0)
        text = text.strip()
        if not text:
            return None
        return self._convert(text, url)

    def _convert(self, text: str, url: str):
        if self.kind == "int":
            digits = re.search(r"\d+", text)
            return int(digits.group(0)) if digits else None
        if self.kind == "datetime":
            return self._datetime(text)
        if self.kind == "url":
            return urljoin(url, text)
        return text

    def _datetime(self, text: str) -> str | None:
        try:
            if self.date_format is None:
                moment = datetime.fromisoformat(text)
            else:
                moment = datetime.strptime(text, self.date_format)
        except ValueError:
            return None
        if moment.tzinfo is None and self.timezone is not None:
            moment = moment.replace(tzinfo=self.timezone)
        return moment.isoformat()
