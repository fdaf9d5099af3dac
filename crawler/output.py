"""A crawl's output directory: ads.jsonl, images/ by content hash, rejects.jsonl.

The ads file is its own record of what was crawled: the set of ads already
written is rebuilt from it on every start, so that an ad is never written twice
and the file and the set can never disagree.
"""

import hashlib
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from crawler.jsonlines import JsonLines

logger = logging.getLogger(__name__)

PARTIAL = ".partial-"
IMAGE_SUFFIXES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
}


def now() -> str:
    """The current UTC time in ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class CrawlOutput:
    """Where a crawl writes; safe to reopen after a crash."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.images_dir = out_dir / "images"
        self.images_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.images_dir.glob(PARTIAL + "*"):
            leftover.unlink()
        self.ads = JsonLines(out_dir / "ads.jsonl")
        self.rejects = JsonLines(out_dir / "rejects.jsonl")
        self.seen = {(ad["site"], ad["ad_id"]) for ad in self.ads.read()}
        self.rejected_urls = {
            reject["url"] for reject in self.rejects.read() if not reject["retry"]
        }
        self.ads_before = len(self.seen)
        self.images_written = 0
        self.rejected = 0
        logger.debug("%d ads already in %s", self.ads_before, self.ads.path)

    def has_ad(self, site: str, ad_id: str) -> bool:
        return (site, ad_id) in self.seen

    def was_rejected(self, url: str) -> bool:
        """True when ``url`` was rejected for good: it is not fetched again."""
        return url in self.rejected_urls

    def write_ad(self, record: dict) -> bool:
        """Append ``record`` unless its site and id are written already."""
        key = (record["site"], record["ad_id"])
        if key in self.seen:
            return False
        self.ads.append(record)
        self.seen.add(key)
        return True

    def sync_ads(self) -> None:
        """Flush the ads appended so far to the disk."""
        self.ads.sync()

    def store_image(self, body: bytes, content_type: str, url: str) -> str:
        """Keep an image once by the sha256 of its bytes; its path from out_dir."""
        name = hashlib.sha256(body).hexdigest() + _suffix(content_type, url)
        path = self.images_dir / name
        if not path.exists():
            _write_atomically(path, body)
            self.images_written += 1
        return f"images/{name}"

    def reject(
        self, url: str, status: int | None, reason: str, kind: str, retry: bool = False
    ) -> None:
        """Record a page or image that could not be crawled, and why.

        ``retry`` marks a failure that may pass (a server error, a timeout):
        later crawls into the same folder try the page again; others do not.
        """
        self.rejects.append(
            {
                "url": url,
                "status": status,
                "reason": reason,
                "kind": kind,
                "retry": retry,
                "crawled_at": now(),
            }
        )
        if not retry:
            self.rejected_urls.add(url)
        self.rejected += 1
        logger.debug("Rejected %s (%s): %s", url, status, reason)

    @property
    def ads_written(self) -> int:
        return len(self.seen) - self.ads_before

    def close(self) -> None:
        self.ads.sync()
        self.ads.close()
        self.rejects.close()


def _suffix(content_type: str, url: str) -> str:
    suffix = IMAGE_SUFFIXES.get(content_type.split(";")[0].strip().lower())
    if suffix:
        return suffix
    from_url = Path(url.split("?")[0]).suffix.lower()
    return from_url if from_url in IMAGE_SUFFIXES.values() else ".bin"


def _write_atomically(path: Path, body: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=PARTIAL)
    with os.fdopen(fd, "wb") as file:
        file.write(body)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
