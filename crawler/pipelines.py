"""Item pipeline: each ad appended to ads.jsonl once, then its page marked done."""

import time

from scrapy.exceptions import DropItem

from crawler.spiders.ads import AdItem

SYNC_EVERY_ADS = 64
SYNC_EVERY_SECONDS = 0.5


class DuplicateAd(DropItem):
    """An ad already written under the same site and id; dropped quietly."""

    log_level = "DEBUG"


class AdWriterPipeline:
    """Write ads through the spider's output, which refuses an ad seen before.

    An ad's page is logged done only once the ad's line is on the disk: ads
    are flushed (fsync) in groups, every 64 ads or half a second, and their
    pages marked done after each flush. A crawl killed before a flush fetches
    those pages again and finds their ads already written; none is lost, even
    to a power cut.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.unsynced: list[str] = []
        self.last_sync = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: AdItem) -> AdItem:
        spider = self.crawler.spider
        written = spider.output.write_ad(item.record)
        self.unsynced.append(item.page_url)
        if self._sync_due():
            self._sync()
        if not written:
            spider.counts["already crawled"] += 1
            raise DuplicateAd(f"ad {item.record['ad_id']} is already written")
        return item

    def close_spider(self) -> None:
        self._sync()

    def _sync_due(self) -> bool:
        elapsed = time.monotonic() - self.last_sync
        return len(self.unsynced) >= SYNC_EVERY_ADS or elapsed >= SYNC_EVERY_SECONDS

    def _sync(self) -> None:
        spider = self.crawler.spider
        spider.output.sync_ads()
        for url in self.unsynced:
            spider.frontier.done(url)
        self.unsynced.clear()
        self.last_sync = time.monotonic()
