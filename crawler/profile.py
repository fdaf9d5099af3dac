"""Site profiles: what a crawl follows on a site and how it reads each ad field.

A profile is a TOML file (see ``crawler/profiles/``); a new site needs a new
profile, not new code. ``load`` reads one by name or path, ``choose`` picks the
built-in profile whose ``match`` patterns fit a start URL.
"""

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from urllib.parse import urlsplit

from crawler.fields import KINDS, TEXT_MODES, FieldRule
from crawler.selectors import Query
from htleads.errors import ConfigError

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"
AD_FIELDS = ("ad_id", "title", "body", "posted_at", "location", "age", "images")
REQUIRED_FIELDS = ("ad_id", "title", "body")
TOP_KEYS = {
    "name",
    "site",
    "description",
    "match",
    "allowed_domains",
    "timezone",
    "links",
    "ad_page",
    "fields",
}
FIELD_KEYS = {
    "select",
    "from_url",
    "text",
    "many",
    "remove",
    "pattern",
    "kind",
    "date_format",
    "required",
}


@dataclass(frozen=True)
class Profile:
    """A site's crawl rules, read from a profile file."""

    name: str
    path: Path
    site: str | None
    match: tuple[re.Pattern, ...]
    allowed_domains: tuple[str, ...]
    index_links: tuple[Query, ...]
    ad_links: tuple[Query, ...]
    page_end: str | None
    fields: dict[str, FieldRule]

    def site_name(self, start_url: str) -> str:
        """The ``site`` written in each ad: the profile's, else the host name."""
        return self.site or (urlsplit(start_url).hostname or "")

    def matches(self, url: str) -> bool:
        return any(pattern.search(url) for pattern in self.match)

    def ad_id_in_url(self, url: str) -> str | None:
        """The ad id a link's address gives, so known ads need no fetching."""
        return self.fields["ad_id"].id_in_url(url)


def builtin_names() -> list[str]:
    """Names of the profiles shipped in ``crawler/profiles``."""
    return sorted(path.stem for path in PROFILE_DIR.glob("*.toml"))


def load(name_or_path: str) -> Profile:
    """Read a profile given by built-in name or by the path of a TOML file."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise ConfigError(
            f"No site profile at {path}. Give a file path or one of: "
            f"{', '.join(builtin_names())}."
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"The site profile {path} is not valid TOML: {error}. Fix the file."
        ) from error
    return _build(data, path)


def choose(url: str) -> Profile:
    """The first built-in profile whose ``match`` patterns fit ``url``."""
    for name in builtin_names():
        profile = load(name)
        if profile.matches(url):
            return profile
    raise ConfigError(
        f"No built-in site profile matches {url}. Pass --profile with one of "
        f"{', '.join(builtin_names())} or the path of your own profile file."
    )


def _build(data: dict, path: Path) -> Profile:
    _check_keys(data, TOP_KEYS, f"{path}")
    where = f"{path}"
    zone = _timezone(data.get("timezone"), where)
    links = data.get("links", {})
    _check_keys(links, {"index", "ads"}, f"{where} [links]")
    ad_page = data.get("ad_page", {})
    _check_keys(ad_page, {"ends_with"}, f"{where} [ad_page]")
    fields = {
        name: _field(name, spec, zone, f"{where} [fields.{name}]")
        for name, spec in data.get("fields", {}).items()
    }
    _check_fields(fields, where)
    return Profile(
        name=data.get("name", path.stem),
        path=path,
        site=data.get("site"),
        match=tuple(_regex(p, where) for p in data.get("match", [])),
        allowed_domains=tuple(data.get("allowed_domains", [])),
        index_links=tuple(Query.parse(q) for q in links.get("index", [])),
        ad_links=tuple(Query.parse(q) for q in links.get("ads", [])),
        page_end=ad_page.get("ends_with"),
        fields=fields,
    )


def _field(name: str, spec: dict, zone: tzinfo | None, where: str) -> FieldRule:
    _check_keys(spec, FIELD_KEYS, where)
    if "select" not in spec and "from_url" not in spec:
        raise ConfigError(f"{where} needs 'select' or 'from_url'; add one.")
    kind = spec.get("kind", "text")
    text = spec.get("text", "inline")
    if kind not in KINDS or text not in TEXT_MODES:
        raise ConfigError(
            f"{where}: kind must be one of {', '.join(KINDS)} and text one of "
            f"{', '.join(TEXT_MODES)}; fix the value."
        )
    return FieldRule(
        name=name,
        select=Query.parse(spec["select"]) if "select" in spec else None,
        from_url=_regex(spec["from_url"], where) if "from_url" in spec else None,
        text=text,
        many=bool(spec.get("many", False)),
        remove=_regex(spec["remove"], where) if "remove" in spec else None,
        pattern=_regex(spec["pattern"], where) if "pattern" in spec else None,
        kind=kind,
        date_format=spec.get("date_format"),
        timezone=zone,
        required=bool(spec.get("required", name in REQUIRED_FIELDS)),
    )


def _check_fields(fields: dict[str, FieldRule], where: str) -> None:
    unknown = sorted(set(fields) - set(AD_FIELDS))
    missing = [name for name in REQUIRED_FIELDS if name not in fields]
    if unknown or missing:
        raise ConfigError(
            f"{where}: fields must be among {', '.join(AD_FIELDS)} and include "
            f"{', '.join(REQUIRED_FIELDS)} (unknown: {unknown}, missing: {missing})."
        )


def _check_keys(table: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(
            f"{where} has unknown keys {unknown}; allowed: {sorted(allowed)}."
        )


def _regex(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise ConfigError(
            f"{where}: the regex {pattern!r} is invalid ({error}); fix it."
        ) from error


def _timezone(offset: str | None, where: str) -> tzinfo | None:
    """A fixed UTC offset such as ``+08:00``, for dates the site writes naively."""
    if offset is None:
        return None
    try:
        return datetime.fromisoformat(f"2000-01-01T00:00:00{offset}").tzinfo
    except ValueError:
        raise ConfigError(
            f"{where}: timezone {offset!r} is not a UTC offset such as '+08:00'."
        ) from None
