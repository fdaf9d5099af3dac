"""Per-section listings, kept on disk while ads stream and paginated at the end.

Ads arrive oldest first and listings show the newest first. Spooling each
section's rows to a file and reading it forward once more puts the rows of
every page side by side (pages are filled from the last one back), so memory
holds one page at a time whatever the number of ads.
"""

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from synth.pages import listing_page, section_file
from synth.places import SECTIONS, Section

ADS_PER_PAGE = 20


class Listings:
    """Rows of (address, title, time) per section, spooled to files."""

    def __init__(self, spool: Path) -> None:
        self.spool = spool
        spool.mkdir(parents=True, exist_ok=True)
        self.files = {}
        self.counts = {section.slug: 0 for section in SECTIONS}

    def add(self, section: Section, url: str, title: str, posted: str) -> None:
        """Append one ad to its section's listing."""
        spooled = self.files.get(section.slug)
        if spooled is None:
            path = self.spool / f"{section.slug}.jsonl"
            # Closed in write_pages: one file per section stays open while ads stream.
            spooled = open(path, "w", encoding="utf-8")  # noqa: SIM115
            self.files[section.slug] = spooled
        spooled.write(json.dumps([url, title, posted], ensure_ascii=False) + "\n")
        self.counts[section.slug] += 1

    def write_pages(self, site: Path, tick: Callable[[], None] | None = None) -> int:
        """Write every section's listing pages under ``site``; return the page count."""
        for spooled in self.files.values():
            spooled.close()
        written = 0
        for section in SECTIONS:
            if self.counts[section.slug]:
                written += self._write_section(site, section, tick)
        shutil.rmtree(self.spool)
        return written

    def _write_section(self, site: Path, section: Section, tick) -> int:
        total = self.counts[section.slug]
        pages = -(-total // ADS_PER_PAGE)
        (site / "city" / section.slug).mkdir(parents=True, exist_ok=True)
        rows: list[list[str]] = []
        current = pages
        with open(self.spool / f"{section.slug}.jsonl", encoding="utf-8") as spooled:
            for position, line in enumerate(spooled):
                page = (total - 1 - position) // ADS_PER_PAGE + 1
                if page != current:
                    self._write_page(site, section, current, pages, rows, tick)
                    rows, current = [], page
                rows.append(json.loads(line))
        self._write_page(site, section, current, pages, rows, tick)
        return pages

    def _write_page(self, site, section, page, pages, rows, tick) -> None:
        html = listing_page(section, page, pages, [tuple(r) for r in reversed(rows)])
        (site / section_file(section, page)).write_text(html, encoding="utf-8")
        if tick is not None:
            tick()
