"""The pages a crawl has found and finished, logged so a killed crawl resumes.

One append-only file, ``DIR/.crawl/frontier.jsonl``: a header naming the start
URL and profile, then a ``found`` record for each page scheduled and a ``done``
record once the page is settled (its links logged, its ad written, or its
rejection recorded). A page is logged found before the page that links to it is
done, so the pages found but not done are exactly the work left.
"""

import fcntl
import logging
from pathlib import Path

from crawler.jsonlines import JsonLines
from htleads.errors import InputError

logger = logging.getLogger(__name__)


class Frontier:
    """Pages found and done in one crawl of one site."""

    def __init__(self, out_dir: Path):
        state = out_dir / ".crawl"
        state.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(state / "lock", out_dir)
        self.log = JsonLines(state / "frontier.jsonl")
        self.found: set[str] = set()
        self.resumed = False

    def begin(self, start_url: str, profile: str) -> list[tuple[str, str]]:
        """The pages to fetch first, as ``(url, kind)``: the work left, if any.

        A crawl of the same start URL with the same profile that stopped with
        pages left resumes them; otherwise the crawl starts afresh from the
        start URL (the ads already written are still never written again).
        """
        header = {"start": start_url, "profile": profile}
        first, found, done = _replay(self.log)
        pending = [(url, kind) for url, kind in found.items() if url not in done]
        if first == header and pending:
            self.found = set(found)
            self.resumed = True
            logger.info(
                "Resuming a crawl of %s: %d pages left", start_url, len(pending)
            )
            return pending
        self.log.reset()
        self.log.append(header)
        self.add(start_url, "index")
        return [(start_url, "index")]

    def add(self, url: str, kind: str) -> bool:
        """Log ``url`` as found; False when it was found before."""
        if url in self.found:
            return False
        self.found.add(url)
        self.log.append({"found": url, "kind": kind})
        return True

    def done(self, url: str) -> None:
        """Log ``url`` as settled."""
        self.log.append({"done": url})

    def close(self) -> None:
        self.log.close()
        self._lock.close()


def _lock(path: Path, out_dir: Path):
    """Hold ``path`` locked while the crawl runs; the system frees it at exit."""
    held = path.open("w")
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        held.close()
        raise InputError(
            f"Another crawl is writing to {out_dir}. Wait for it to end, or give "
            "this one another --out."
        ) from None
    return held


def _replay(log: JsonLines) -> tuple[dict | None, dict[str, str], set[str]]:
    """The header, the pages found (address to kind, in order) and those done."""
    first = None
    found: dict[str, str] = {}
    done: set[str] = set()
    for record in log.read():
        if first is None:
            first = record
        elif "found" in record:
            found[record["found"]] = record["kind"]
        elif "done" in record:
            done.add(record["done"])
    return first, found, done
