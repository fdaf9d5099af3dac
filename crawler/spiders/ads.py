"""The ``ads`` spider: walks a site's index pages and reads its ads, per a profile."""

import logging
import mimetypes
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler import pages
from crawler import profile as profiles
from crawler.frontier import Frontier
from crawler.output import CrawlOutput, now
from crawler.politeness import host_allowed, host_of, pace_settings

logger = logging.getLogger(__name__)


@dataclass
class AdItem:
    """An ad ready to write, and the page it came from."""

    record: dict
    page_url: str


@dataclass
class PendingAd:
    """An ad whose images are being fetched one after another."""

    record: dict
    page_url: str
    image_urls: list[str]
    stored: list[str] = field(default_factory=list)


class AdsSpider(scrapy.Spider):
    """Crawl one site into ``out``: ``-a url=URL -a out=DIR [-a profile=NAME|PATH]``.

    ``allow`` adds allowed hosts, comma-separated, to the profile's list.
    """

    name = "ads"

    def __init__(self, url: str, out: str, profile: str = "", allow: str = "", **kw):
        super().__init__(**kw)
        self.start_url = url
        self.profile = profiles.load(profile) if profile else profiles.choose(url)
        self.site = self.profile.site_name(url)
        self.allowed_domains = _allowed_hosts(url, self.profile, allow)
        # The frontier locks the folder first, so no other crawl writes to it.
        self.frontier = Frontier(Path(out))
        self.output = CrawlOutput(Path(out))
        self.counts: Counter[str] = Counter()
        self.image_paths: dict[str, str] = {}
        self.skipped: set[str] = set()
        self.close_reason = ""

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        """Build the spider, then relax the pace if every allowed host is local."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        relaxed = pace_settings(spider.allowed_domains)
        crawler.settings.setdict(relaxed, priority="spider")
        return spider

    async def start(self):
        for url, kind in self.frontier.begin(self.start_url, self.profile.name):
            yield self._page_request(url, kind)

    def closed(self, reason: str) -> None:
        self.close_reason = reason
        self.output.close()
        self.frontier.close()

    def parse_index(self, response: Response) -> list[Request]:
        """Log the index and ad pages an index page links to; fetch the new ones."""
        self.counts["pages"] += 1
        try:
            text, _ = pages.decode(response.body, _content_type(response))
            tree = pages.parse(text)
        except pages.UnreadablePageError as rejected:
            self._reject_page(response.request, response.status, str(rejected))
            return []
        requests = [
            self._page_request(url, "index")
            for url in pages.links(self.profile.index_links, tree, response.url)
            if self._is_new(url, "index")
        ]
        requests += [
            self._page_request(url, "ad")
            for url in pages.links(self.profile.ad_links, tree, response.url)
            if self._is_new(url, "ad")
        ]
        self.frontier.done(_found_url(response.request))
        return requests

    def parse_ad(self, response: Response):
        """Read the ad on a page, then fetch its images; reject unreadable pages."""
        self.counts["pages"] += 1
        try:
            text, _ = pages.decode(response.body, _content_type(response))
            values = pages.read_ad(self.profile, text, pages.parse(text), response.url)
        except pages.UnreadablePageError as rejected:
            self._reject_page(response.request, response.status, str(rejected))
            return None
        if self.output.has_ad(self.site, values["ad_id"]):
            self.counts["already crawled"] += 1
            self.frontier.done(_found_url(response.request))
            return None
        pending = PendingAd(
            record=self._record(values, response.url),
            page_url=_found_url(response.request),
            image_urls=values["images"],
        )
        return self._next_image(pending)

    def parse_image(self, response: Response, pending: PendingAd):
        """Store an image by the hash of its bytes, then go on with the ad."""
        url = _found_url(response.request)
        content_type = _content_type(response)
        if not _is_image(content_type, url):
            reason = f"not an image: Content-Type {content_type or 'missing'}"
            self.output.reject(url, response.status, reason, "image")
            return self._next_image(pending)
        self.counts["images fetched"] += 1
        path = self.output.store_image(response.body, content_type, url)
        self.image_paths[url] = path
        pending.stored.append(path)
        return self._next_image(pending)

    def image_failed(self, failure: Failure):
        """Keep the ad without an image that cannot be fetched."""
        pending = failure.request.cb_kwargs["pending"]
        status, reason, retry = _failure_reason(failure)
        url = _found_url(failure.request)
        self.output.reject(url, status, reason, "image", retry)
        return self._next_image(pending)

    def page_failed(self, failure: Failure) -> None:
        """Settle a page that could not be fetched: rejected, or skipped by rule."""
        request = failure.request
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            forbidden = "robots.txt" in str(failure.value)
            self.counts["forbidden by robots.txt" if forbidden else "off-site"] += 1
            logger.debug("Skipped %s: %s", request.url, failure.value)
            self.frontier.done(_found_url(request))
            return
        if not failure.check(HttpError) and not self.crawler.engine.running:
            # Cut off by the crawl's shutdown: left for the next run to fetch.
            return
        self.counts["pages"] += 1
        status, reason, retry = _failure_reason(failure)
        self._reject_page(request, status, reason, retry)

    def _next_image(self, pending: PendingAd):
        """The request for the ad's next image not yet stored, else the ad itself."""
        while pending.image_urls:
            url = pending.image_urls.pop(0)
            if url in self.image_paths:
                pending.stored.append(self.image_paths[url])
            elif self.output.was_rejected(url):
                continue
            elif not host_allowed(host_of(url), self.allowed_domains):
                reason = "image host not allowed; add it with --allow"
                self.output.reject(url, None, reason, "image")
            else:
                return Request(
                    url,
                    callback=self.parse_image,
                    errback=self.image_failed,
                    cb_kwargs={"pending": pending},
                    meta={"download_maxsize": self._max_bytes("IMAGE")},
                    dont_filter=True,
                )
        pending.record["images"] = pending.stored
        return AdItem(pending.record, pending.page_url)

    def _record(self, values: dict, url: str) -> dict:
        return {
            "ad_id": values["ad_id"],
            "site": self.site,
            "url": url,
            "title": values["title"],
            "body": values["body"],
            "posted_at": values["posted_at"],
            "location": values["location"],
            "age": values["age"],
            "images": [],
            "crawled_at": now(),
        }

    def _is_new(self, url: str, kind: str) -> bool:
        """True for an allowed page never found, rejected, or written before."""
        if url in self.skipped or not host_allowed(host_of(url), self.allowed_domains):
            return False
        if self.output.was_rejected(url) or self._written_before(url, kind):
            self.skipped.add(url)
            return False
        return self.frontier.add(url, kind)

    def _written_before(self, url: str, kind: str) -> bool:
        """True for an ad page whose address gives the id of an ad written."""
        ad_id = self.profile.ad_id_in_url(url) if kind == "ad" else None
        if ad_id is None or not self.output.has_ad(self.site, ad_id):
            return False
        self.counts["already crawled"] += 1
        return True

    def _page_request(self, url: str, kind: str) -> Request:
        return Request(
            url,
            callback=self.parse_index if kind == "index" else self.parse_ad,
            errback=self.page_failed,
            meta={"kind": kind, "download_maxsize": self._max_bytes("PAGE")},
            dont_filter=True,
        )

    def _reject_page(self, request, status, reason, retry=False) -> None:
        url = _found_url(request)
        self.output.reject(url, status, reason, request.meta["kind"], retry)
        self.frontier.done(url)

    def _max_bytes(self, what: str) -> int:
        return self.settings.getint(f"HTLEADS_MAX_{what}_BYTES")


def _allowed_hosts(url: str, profile: profiles.Profile, allow: str) -> list[str]:
    extra = [host_of(host.strip()) for host in allow.split(",") if host.strip()]
    hosts = [host_of(url), *profile.allowed_domains, *extra]
    return list(dict.fromkeys(host for host in hosts if host))


def _found_url(request: Request) -> str:
    """The address a page was found under, before any redirect."""
    return request.meta.get("redirect_urls", [request.url])[0]


def _is_image(content_type: str, url: str) -> bool:
    """True for an image by its Content-Type, or by its name when the type is vague."""
    declared = content_type.split(";")[0].strip().lower()
    if declared in ("", "application/octet-stream"):
        declared = mimetypes.guess_type(urlsplit(url).path)[0] or ""
    return declared.startswith("image/")


def _content_type(response: Response) -> str:
    return response.headers.get(b"Content-Type", b"").decode("latin-1")


def _failure_reason(failure: Failure) -> tuple[int | None, str, bool]:
    """The HTTP status or None, the reason in words, and if a later crawl retries."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return status, f"HTTP {status}", status >= 500 or status in (408, 429)
    error = failure.value
    name = type(error).__name__
    if "Cancelled" in name:
        limit = failure.request.meta.get("download_maxsize")
        return None, f"download cancelled: over the size limit of {limit} bytes", False
    return None, f"{name}: {error}".rstrip(": "), True
