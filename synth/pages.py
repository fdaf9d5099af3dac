"""HTML of the synthetic site: ad pages, city listings, the home page, robots.txt.

Every value is HTML-escaped; the selectors are the contract documented in
docs/synthetic-corpus.md and must not change without it.
"""

from datetime import datetime
from html import escape

from synth.places import Section

SITE_NAME = "Synthetic Classifieds"
NOTICE = "Generated for testing htleads; nothing on this site is about a real person."
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
          "Nov", "Dec")  # fmt: skip
ROBOTS = "User-agent: *\nDisallow: /private/\n"
STYLESHEET = """body{font-family:sans-serif;max-width:760px;margin:auto;padding:1em}
.ad-images img{max-width:240px;margin:4px}
.ad-list li{margin:.3em 0}
footer{color:#777;font-size:small;margin-top:2em}
"""


def section_url(section: Section, page: int = 1) -> str:
    """The address of a listing page; page 1 is the section's folder."""
    if page == 1:
        return f"/city/{section.slug}/"
    return f"/city/{section.slug}/page-{page}.html"


def section_file(section: Section, page: int = 1) -> str:
    """The file, under the site folder, that holds a listing page."""
    name = "index.html" if page == 1 else f"page-{page}.html"
    return f"city/{section.slug}/{name}"


def shown_time(moment: datetime) -> str:
    """``Sat, 02 May 2015, 9:13 PM``, without depending on the machine's locale."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return (
        f"{DAYS[moment.weekday()]}, {moment.day:02d} {MONTHS[moment.month - 1]} "
        f"{moment.year}, {hour}:{moment.minute:02d} {half}"
    )


def _head(title: str, charset: str = "utf-8", language: str = "en") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n'
        f'<meta charset="{charset}">\n<title>{escape(title)}</title>\n'
        '<link rel="stylesheet" href="/style.css">\n</head>\n<body>\n'
    )


def _crumbs(section: Section | None = None) -> str:
    crumbs = f'<header><a href="/">{SITE_NAME}</a>'
    if section is not None:
        crumbs += (
            f' &rsaquo; <a href="{section_url(section)}">{escape(section.label)}</a>'
        )
    return crumbs + "</header>\n"


def _foot(extra: str = "") -> str:
    return f"<footer>{escape(extra)} {NOTICE}</footer>\n</body>\n</html>\n"


def ad_page(ad, charset: str = "utf-8") -> str:
    """The page of one ad, declaring ``charset`` in its ``<meta>``."""
    age = f'  <span class="age">{ad.age}</span>\n' if ad.age is not None else ""
    paragraphs = "".join(f"    <p>{escape(line)}</p>\n" for line in ad.body)
    images = "".join(f'<img src="{escape(path)}" alt="">' for path in ad.images)
    title = f"{ad.title} | {ad.location} | {SITE_NAME}"
    return (
        _head(title, charset, {"ms": "ms", "zh": "zh"}.get(ad.language, "en"))
        + _crumbs(ad.section)
        + f'<article class="ad" data-ad-id="{escape(ad.ad_id)}">\n'
        f'  <h1 class="ad-title">{escape(ad.title)}</h1>\n'
        f'  <time class="posted" datetime="{ad.posted_at.isoformat()}">'
        f"{shown_time(ad.posted_at)}</time>\n"
        f'  <span class="location">{escape(ad.location)}</span>\n'
        f"{age}"
        f'  <div class="ad-body">\n{paragraphs}  </div>\n'
        f'  <div class="ad-images">{images}</div>\n'
        "</article>\n" + _foot(f"Post ID: {ad.ad_id}.")
    )


def listing_page(
    section: Section, page: int, pages: int, rows: list[tuple[str, str, str]]
) -> str:
    """One page of a section's listing: ``rows`` of (address, title, ISO time)."""
    items = "".join(
        f'<li class="ad-item"><a class="ad-link" href="{escape(url)}">'
        f'{escape(title)}</a> <time datetime="{posted}">{posted[:10]}</time></li>\n'
        for url, title, posted in rows
    )
    links = []
    if page > 1:
        previous = section_url(section, page - 1)
        links.append(
            f'<a class="prev" rel="prev" href="{previous}">&laquo; Previous</a>'
        )
    links.append(f'<span class="page-number">Page {page} of {pages}</span>')
    if page < pages:
        following = section_url(section, page + 1)
        links.append(f'<a class="next" rel="next" href="{following}">Next &raquo;</a>')
    return (
        _head(f"{section.label}, page {page} | {SITE_NAME}")
        + _crumbs(section)
        + f'<h1 class="city-name">{escape(section.label)}</h1>\n'
        f'<ul class="ad-list">\n{items}</ul>\n'
        f'<nav class="pagination">{" ".join(links)}</nav>\n' + _foot()
    )


def home_page(counts: list[tuple[Section, int]]) -> str:
    """The home page: one ``a.city-link`` per section that has ads."""
    items = "".join(
        f'<li><a class="city-link" href="{section_url(section)}">'
        f"{escape(section.label)}</a> ({count})</li>\n"
        for section, count in counts
    )
    return (
        _head(f"{SITE_NAME}: Malaysia")
        + _crumbs()
        + f'<h1>{SITE_NAME}</h1>\n<ul class="cities">\n{items}</ul>\n'
        + _foot()
    )
