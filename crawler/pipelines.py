"""Item pipeline: each ad appended to ads.jsonl once, then its page marked done."""

from scrapy.exceptions import DropItem

from crawler.spiders.ads import AdItem


class DuplicateAd(DropItem):
    """An ad already written under the same site and id; dropped quietly."""

    log_level = "DEBUG"


class AdWriterPipeline:
    """Write ads through the spider's output, which refuses an ad seen before.

    The ad's line is on disk before its page is logged done, so a crawl killed
    in between fetches the page again and finds the ad already written.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: AdItem) -> AdItem:
        spider = self.crawler.spider
        written = spider.output.write_ad(item.record)
        spider.frontier.done(item.page_url)
        if not written:
            spider.counts["already crawled"] += 1
            raise DuplicateAd(f"ad {item.record['ad_id']} is already written")
        return item
