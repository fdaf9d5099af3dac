"""Run a crawl in this process with Scrapy, and sum it up."""

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from crawler import profile as profiles
from crawler.politeness import user_agent
from htleads.errors import HtleadsError, InputError

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
        process = CrawlerProcess(_settings(contact, settings or {}))
    crawler = process.create_crawler("ads")
    started = time.monotonic()
    failures = []
    spider_args = {"url": url, "out": str(out_dir), "allow": ",".join(allow)}
    started_crawl = process.crawl(crawler, profile=str(chosen.path), **spider_args)
    started_crawl.addErrback(failures.append)
    process.start()
    if failures:
        raise _start_error(failures[0].value, out_dir)
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


def _settings(contact: str | None, overrides: dict):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    # htleads.logs has configured logging already; Scrapy adds no handler.
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    settings.set("LOG_VERSIONS", [], priority="cmdline")
    if contact:
        settings.set("HTLEADS_CONTACT", contact, priority="cmdline")
        settings.set("USER_AGENT", user_agent(contact), priority="cmdline")
    settings.setdict(overrides, priority="cmdline")
    return settings


def _start_error(error: BaseException, out_dir: Path) -> HtleadsError:
    """Why a crawl could not start, as an error the CLI prints in one line."""
    if isinstance(error, HtleadsError):
        return error
    return InputError(
        f"The crawl could not start: {error}. Check that {out_dir} can be written."
    )


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
        finished=spider.close_reason == "finished",
    )
