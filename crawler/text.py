"""Readable text from HTML elements, inline or with its line breaks.

Text is kept as the site wrote it, spaces included (two spaces or an
ideographic space inside a phone number are evidence); only the white space
of the HTML source itself, runs that hold a line break or a tab, is reduced.
"""

import re

from lxml import etree

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
SKIPPED_TAGS = frozenset({"script", "style", "template"})
SOURCE_SPACE = re.compile(r"[ \t\r\n\f]*[\t\r\n\f][ \t\r\n\f]*")
TABS = re.compile(r"[ \t]*\t[ \t]*")
LINE_BREAK = re.compile(r"[\r\n\f]")
ASCII_SPACE = " \t\r\n\f"


def inline_text(node: etree._Element | str) -> str:
    """The text of ``node`` on one line; source line breaks become one space."""
    text = node if isinstance(node, str) else _text_with_breaks(node)
    return SOURCE_SPACE.sub(" ", text).strip(ASCII_SPACE)


def block_text(node: etree._Element | str) -> str:
    """The text of ``node``, a line per ``<br>``, paragraph or other block.

    Lines are trimmed of the source's white space and blank lines dropped, so
    the text reads as a person sees it on the page.
    """
    text = node if isinstance(node, str) else _text_with_breaks(node)
    lines = (TABS.sub(" ", line).strip(ASCII_SPACE) for line in LINE_BREAK.split(text))
    return "\n".join(line for line in lines if line)


def _text_with_breaks(node: etree._Element) -> str:
    """The text under ``node``, with a line break around each block and ``<br>``."""
    pieces: list[str] = []
    _collect(node, pieces)
    return "".join(pieces)


def _collect(node: etree._Element, pieces: list[str]) -> None:
    if not isinstance(node.tag, str):
        return
    tag = node.tag.lower()
    if tag == "br" or tag in BLOCK_TAGS:
        pieces.append("\n")
    if tag in SKIPPED_TAGS:
        return
    if node.text:
        pieces.append(node.text)
    for child in node:
        _collect(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if tag in BLOCK_TAGS:
        pieces.append("\n")
