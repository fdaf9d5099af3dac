"""Selectors of a site profile: CSS or XPath, compiled once, run on lxml trees."""

from dataclasses import dataclass, field

from lxml import etree
from parsel import css2xpath

from htleads.errors import ConfigError

XPATH_PREFIX = "xpath:"


@dataclass(frozen=True)
class Query:
    """One selector from a profile; CSS unless written ``xpath:EXPRESSION``.

    Parsel's pseudo-elements work in CSS (``a.next::attr(href)``,
    ``h1::text``), so a query yields either elements or strings.
    """

    expression: str
    xpath: etree.XPath = field(compare=False, repr=False)

    @classmethod
    def parse(cls, expression: str) -> "Query":
        """Compile ``expression``; a malformed one is a ConfigError naming it."""
        try:
            if expression.startswith(XPATH_PREFIX):
                compiled = etree.XPath(expression.removeprefix(XPATH_PREFIX).strip())
            else:
                compiled = etree.XPath(css2xpath(expression))
        except Exception as error:
            raise ConfigError(
                f"The selector {expression!r} cannot be compiled ({error}); "
                "write CSS, or XPath prefixed with 'xpath:'."
            ) from error
        return cls(expression, compiled)

    def run(self, tree: etree._Element) -> list:
        """Elements or strings the selector finds, in document order."""
        found = self.xpath(tree)
        return found if isinstance(found, list) else [found]
