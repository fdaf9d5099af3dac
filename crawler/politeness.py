"""How the crawler treats the hosts it visits: its name, its pace, its limits.

Real hosts get Scrapy's polite settings from ``crawler.settings``: robots.txt
obeyed, two requests at a time per host, AutoThrottle. A crawl whose allowed
hosts are all on this machine (127.0.0.0/8, ::1, localhost), such as the
synthetic site, runs unthrottled instead: no delay and many requests at once;
the ``ads`` spider applies this itself, under ``scrapy crawl`` too.
"""

import ipaddress
from urllib.parse import urlsplit

from htleads import __version__

DEFAULT_CONTACT = "mailto:operator@example.invalid"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
FAST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0.0,
    "DOWNLOAD_DELAY_JITTER": 0.0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "HTLEADS_RETRY_BACKOFF": 0.05,
}


def user_agent(contact: str) -> str:
    """The User-Agent header: htleads, its version, and who runs the crawl."""
    return f"htleads/{__version__} (classified-ads research crawler; +{contact})"


def is_loopback(host: str) -> bool:
    """True for a host name or address that designates this machine."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_of(url_or_host: str) -> str:
    """The host name of a URL, or the argument itself when it is a bare host."""
    if "://" in url_or_host:
        return urlsplit(url_or_host).hostname or ""
    return url_or_host.split(":")[0].lower()


def pace_settings(hosts: list[str]) -> dict:
    """Settings that relax throttling when every host is this machine."""
    return dict(FAST_SETTINGS) if hosts and all(map(is_loopback, hosts)) else {}


def host_allowed(host: str, allowed: list[str]) -> bool:
    """True when ``host`` is an allowed domain or one of its subdomains."""
    host = host.lower()
    return any(host == domain or host.endswith("." + domain) for domain in allowed)
