"""Readable text from HTML elements, inline or with its line breaks."""

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
SPACES = re.compile(r"[^\S\n]+")


def inline_text(node: etree._Element | str) -> str:
    """All the text of ``node`` on one line, runs of white space made one space."""
    if isinstance(node, str):
        return " ".join(node.split())
    return " ".join(" ".join(node.itertext()).split())


def block_text(node: etree._Element | str) -> str:
    """The text of ``node`` with a line per ``<br>``, paragraph or other block.

    Spaces inside a line are collapsed and blank lines dropped, so that the
    text reads as a person sees it on the page.
    """
    if isinstance(node, str):
        return _tidy(node)
    pieces: list[str] = []
    _collect(node, pieces)
    return _tidy("".join(pieces))


def _collect(node: etree._Element, pieces: list[str]) -> None:
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag == "br" or tag in BLOCK_TAGS:
        pieces.append("\n")
    if tag not in ("script", "style") and isinstance(node.tag, str) and node.text:
        pieces.append(node.text)
    for child in node:
        _collect(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if tag in BLOCK_TAGS:
        pieces.append("\n")


def _tidy(text: str) -> str:
    lines = (SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
