"""Run a crawl in this process with Scrapy, and sum it up."""

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from crawler import profile as profiles
from crawler.politeness import host_of, pace_settings, user_agent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlSummary:
    """What one run of a crawl did."""

    out_dir: Path
    profile: str
    pages: int
    ads: int
    images: int
    rejects: int
    already_crawled: int
    forbidden: int
    off_site: int
    ads_in_total: int
    seconds: float
    finished: bool

    def lines(self) -> list[str]:
        rate = self.pages / self.seconds if self.seconds else 0.0
        state = "finished" if self.finished else "interrupted (run again to resume)"
        return [
            f"crawl {state} in {self.seconds:.1f} s with profile {self.profile}",
            f"pages fetched: {self.pages} ({rate:.0f} per second)",
            f"ads written: {self.ads} ({self.ads_in_total} in {self.out_dir})",
            f"images stored: {self.images}",
            f"rejects: {self.rejects} (see rejects.jsonl)",
            f"skipped: {self.already_crawled} already crawled, "
            f"{self.forbidden} forbidden by robots.txt, {self.off_site} off-site",
        ]


def crawl(
    url: str,
    out_dir: Path,
    profile: str | None = None,
    allow: tuple[str, ...] = (),
    contact: str | None = None,
    settings: dict | None = None,
) -> CrawlSummary:
    """Crawl the site at ``url`` into ``out_dir``; resumes an unfinished crawl.

    ``profile`` is a built-in profile name or a file path; None picks the
    built-in profile that matches ``url``. ``settings`` override Scrapy's.
    """
    from scrapy.crawler import CrawlerProcess

    chosen = profiles.load(profile) if profile else profiles.choose(url)
    with _logging_levels_kept():
        process = CrawlerProcess(_settings(url, chosen, allow, contact, settings or {}))
    crawler = process.create_crawler("ads")
    started = time.monotonic()
    process.crawl(
        crawler,
        url=url,
        out=str(out_dir),
        profile=str(chosen.path),
        allow=",".join(allow),
    )
    process.start()
    summary = _summary(crawler.spider, chosen, out_dir, time.monotonic() - started)
    logger.info("Crawl of %s: %s", url, "; ".join(summary.lines()))
    return summary


@contextmanager
def _logging_levels_kept():
    """Undo Scrapy's reset of its loggers' levels, which htleads.logs chose."""
    names = ("scrapy", "twisted")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def _settings(url, chosen, allow, contact, overrides):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    # htleads.logs has configured logging already; Scrapy adds no handler.
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    settings.set("LOG_VERSIONS", [], priority="cmdline")
    hosts = [host_of(url), *chosen.allowed_domains, *(host_of(a) for a in allow)]
    settings.setdict(pace_settings(hosts), priority="cmdline")
    if contact:
        settings.set("HTLEADS_CONTACT", contact, priority="cmdline")
        settings.set("USER_AGENT", user_agent(contact), priority="cmdline")
    settings.setdict(overrides, priority="cmdline")
    return settings


def _summary(spider, chosen, out_dir: Path, seconds: float) -> CrawlSummary:
    counts = spider.counts
    return CrawlSummary(
        out_dir=out_dir,
        profile=chosen.name,
        pages=counts["pages"],
        ads=spider.output.ads_written,
        images=spider.output.images_written,
        rejects=spider.output.rejected,
        already_crawled=counts["already crawled"],
        forbidden=counts["forbidden by robots.txt"],
        off_site=counts["off-site"],
        ads_in_total=len(spider.output.seen),
        seconds=seconds,
        finished=getattr(spider, "close_reason", "") == "finished",
    )
