"""Scrapy extension: a counter of ads written, on stderr when it is a terminal."""

from scrapy import signals
from tqdm import tqdm


class AdsProgress:
    """Show a tqdm counter that moves as each ad is written."""

    def __init__(self):
        self.bar: tqdm | None = None

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls()
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider) -> None:
        self.bar = tqdm(desc="ads written", unit=" ads", disable=None, leave=False)

    def scraped(self, item, response, spider) -> None:
        self.bar.update(1)

    def closed(self, spider) -> None:
        self.bar.close()
