"""The crawler: profiles, page reading, resumable output, real crawls on loopback."""

import json

import pytest

from crawler import pages, politeness
from crawler import profile as profiles
from crawler.jsonlines import JsonLines
from crawler.output import CrawlOutput
from htleads.errors import ConfigError

# Pages read without a server.

LEGACY_PAGE = (
    '<html><head><meta charset="windows-1252"></head><body>Caf\xe9 \x96 na\xefve'
    "</body></html>"
).encode("latin-1")


@pytest.mark.parametrize(
    ("body", "content_type", "text"),
    [
        ("<p>Café</p>".encode(), "text/html; charset=utf-8", "<p>Café</p>"),
        ("<p>Café</p>".encode(), None, "<p>Café</p>"),
        (LEGACY_PAGE, "text/html", "Café – naïve"),
        (LEGACY_PAGE, "text/html; charset=utf-8", "Café – naïve"),
        ("<p>吉隆坡</p>".encode("gb18030"), "text/html; charset=gb2312", "吉隆坡"),
    ],
    ids=["utf8-header", "utf8-guessed", "meta-legacy", "lying-header", "gb2312"],
)
def test_page_decodes_with_the_encoding_it_declares(body, content_type, text):
    decoded, _ = pages.decode(body, content_type)
    assert text in decoded


def test_page_with_undecodable_bytes_is_rejected():
    body = b'<html><head><meta charset="utf-8"></head><body>\xff\xfe \xc3\x28'
    with pytest.raises(pages.UnreadablePageError, match="undecodable"):
        pages.decode(body, "text/html")


SYNTHETIC_AD = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<article class="ad" data-ad-id="X-1">
  <h1 class="ad-title">  New   girl  </h1>
  <time class="posted" datetime="2014-05-02T21:13:00+08:00">2 May</time>
  <span class="location">Bukit Bintang, KL</span>
  <span class="age">23</span>
  <div class="ad-body">
    <p>Call me</p>
    <p>Fresh <b>from</b> Bangkok<br>tonight</p>
  </div>
  <div class="ad-images"><img src="/img/a.jpg"><img src="b.png"></div>
</article></body></html>
"""


def test_synthetic_profile_reads_every_field():
    ad = _read("synthetic", SYNTHETIC_AD, "http://127.0.0.1:9/ad/X-1.html")
    assert ad == {
        "ad_id": "X-1",
        "title": "New girl",
        "body": "Call me\nFresh from Bangkok\ntonight",
        "posted_at": "2014-05-02T21:13:00+08:00",
        "location": "Bukit Bintang, KL",
        "age": 23,
        "images": ["http://127.0.0.1:9/img/a.jpg", "http://127.0.0.1:9/ad/b.png"],
    }


@pytest.mark.parametrize(
    ("cut", "reason"),
    [
        (SYNTHETIC_AD[:400], "truncated"),
        (SYNTHETIC_AD.replace('<h1 class="ad-title">  New   girl  </h1>', ""), "title"),
        (SYNTHETIC_AD.replace('datetime="2014-05-02T21:13:00+08:00"', ""), "posted_at"),
    ],
    ids=["truncated", "no-title", "no-date"],
)
def test_incomplete_ad_page_is_rejected_with_its_reason(cut, reason):
    with pytest.raises(pages.UnreadablePageError, match=reason):
        _read("synthetic", cut, "http://127.0.0.1:9/ad/X-1.html")


def test_ad_without_age_has_null_age():
    page = SYNTHETIC_AD.replace('<span class="age">23</span>', "")
    assert _read("synthetic", page, "http://127.0.0.1:9/ad/X-1.html")["age"] is None


def _read(profile_name: str, html: str, url: str) -> dict:
    profile = profiles.load(profile_name)
    return pages.read_ad(profile, html, pages.parse(html), url)


# Profiles.


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("http://127.0.0.1:8000/", "synthetic"),
        ("http://localhost/", "synthetic"),
        ("http://[::1]:8000/city/x/", "synthetic"),
    ],
)
def test_profile_is_chosen_by_url(url, name):
    assert profiles.choose(url).name == name


def test_unmatched_url_asks_for_a_profile():
    with pytest.raises(ConfigError, match="--profile"):
        profiles.choose("https://classifieds.example.org/")


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('name = "x"\n[fields.title]\nselect = "h1"\n', "missing"),
        ('colour = "red"\n', "unknown keys"),
        ('[fields.ad_id]\nselect = "a["\n', "cannot be compiled"),
        ('[fields.ad_id]\nfrom_url = "("\n', "regex"),
        ('[fields.age]\nselect = "x"\nkind = "float"\n', "kind must be"),
        ('timezone = "MYT"\n', "UTC offset"),
        ("name = \n", "not valid TOML"),
    ],
    ids=["missing-fields", "unknown-key", "bad-css", "bad-regex", "bad-kind",
         "bad-zone", "bad-toml"],
)  # fmt: skip
def test_malformed_profile_is_refused_with_what_to_fix(tmp_path, text, complaint):
    path = tmp_path / "site.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=complaint):
        profiles.load(str(path))


# Output that survives a killed process.


def test_truncated_last_line_is_cut_before_appending(tmp_path):
    path = tmp_path / "ads.jsonl"
    path.write_text('{"ad_id": "1"}\n{"ad_id": "2"}\n{"ad_id": "3", "ti')
    lines = JsonLines(path)
    assert [r["ad_id"] for r in lines.read()] == ["1", "2"]
    lines.append({"ad_id": "3"})
    lines.close()
    assert path.read_text() == '{"ad_id": "1"}\n{"ad_id": "2"}\n{"ad_id": "3"}\n'


def test_ads_already_in_the_file_are_not_written_again(tmp_path):
    first = CrawlOutput(tmp_path)
    assert first.write_ad({"site": "s", "ad_id": "1"})
    first.close()
    again = CrawlOutput(tmp_path)
    assert not again.write_ad({"site": "s", "ad_id": "1"})
    assert again.write_ad({"site": "other", "ad_id": "1"})
    again.close()
    lines = (tmp_path / "ads.jsonl").read_text().splitlines()
    assert [json.loads(line)["site"] for line in lines] == ["s", "other"]


# Politeness.


@pytest.mark.parametrize(
    ("hosts", "fast"),
    [
        (["127.0.0.1"], True),
        (["localhost", "127.0.0.2"], True),
        (["::1"], True),
        (["127.0.0.1", "example.org"], False),
        (["classifieds.example.org"], False),
        (["10.0.0.1"], False),
    ],
)
def test_only_loopback_hosts_are_crawled_unthrottled(hosts, fast):
    relaxed = politeness.pace_settings(hosts)
    assert (relaxed.get("AUTOTHROTTLE_ENABLED") is False) == fast


def test_user_agent_names_htleads_and_the_contact():
    agent = politeness.user_agent("mailto:team@example.org")
    assert agent.startswith("htleads/") and "mailto:team@example.org" in agent
