"""The crawler: profiles, page reading, resumable output, real crawls on loopback."""

import fcntl
import hashlib
import json
import logging
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
import scrapy
from PIL import Image
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from crawler import pages, politeness, text
from crawler import profile as profiles
from crawler.jsonlines import JsonLines
from crawler.middlewares import DELAY_KEY, BackoffRetryMiddleware
from crawler.output import CrawlOutput
from crawler.settings import RETRY_TIMES
from htleads.errors import ConfigError
from synth.corpus import generate
from synth.server import serve_in_thread
from tests.support import HTLEADS, run_cli

FIXTURES = Path(__file__).parent / "fixtures"

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
  <h1 class="ad-title">
    New girl
  </h1>
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
        (re.sub(r'<h1 class="ad-title">[^<]*</h1>', "", SYNTHETIC_AD), "title"),
        (SYNTHETIC_AD.replace('datetime="2014-05-02T21:13:00+08:00"', ""), "posted_at"),
    ],
    ids=["truncated", "no-title", "no-date"],
)
def test_incomplete_ad_page_is_rejected_with_its_reason(cut, reason):
    with pytest.raises(pages.UnreadablePageError, match=reason):
        _read("synthetic", cut, "http://127.0.0.1:9/ad/X-1.html")


@pytest.mark.parametrize(
    ("html", "inline", "block"),
    [
        ("<div>\n  Call  0 1 3  4\u3000567\n</div>", "Call  0 1 3  4\u3000567", None),
        ("<div><p>one</p><p>two</p></div>", "one two", "one\ntwo"),
        (
            "<div>Caf<b>é</b><br>\tnext\t line</div>",
            "Café next line",
            "Café\nnext line",
        ),
        ("<div>a<script>x()</script><!-- c -->b</div>", "ab", "ab"),
    ],
    ids=["spaces-kept", "paragraphs", "br-and-tabs", "scripts-comments"],
)
def test_text_keeps_the_sites_spaces_and_drops_the_sources(html, inline, block):
    node = lxml.html.fragment_fromstring(html)
    assert text.inline_text(node) == inline
    assert text.block_text(node) == (block or inline)


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


@pytest.mark.parametrize(
    ("backoff", "cap", "waits"),
    [
        (2.0, 120.0, [2.0, 4.0, 8.0]),
        (0.05, 120.0, [0.05, 0.1, 0.2]),
        (2.0, 5.0, [2.0, 4.0, 5.0]),
    ],
)
def test_each_retry_waits_twice_as_long_up_to_the_cap(backoff, cap, waits):
    settings = {
        "RETRY_TIMES": 3,
        "HTLEADS_RETRY_BACKOFF": backoff,
        "HTLEADS_RETRY_BACKOFF_MAX": cap,
    }
    crawler = get_crawler(scrapy.Spider, settings)
    crawler.spider = scrapy.Spider.from_crawler(crawler, name="retries")
    middleware = BackoffRetryMiddleware.from_crawler(crawler)
    request, seen = Request("http://127.0.0.1:9/busy"), []
    while isinstance(request, Request):
        seen.append(request.meta.get(DELAY_KEY))
        failed = Response(request.url, status=503, request=request)
        request = middleware.process_response(request, failed)
    assert seen == [None, *waits]


def test_user_agent_names_htleads_and_the_contact():
    agent = politeness.user_agent("mailto:team@example.org")
    assert agent.startswith("htleads/") and "mailto:team@example.org" in agent


# Crawls of sites served on loopback.


class AccessLog(logging.Handler):
    """The paths a site server answered, read from its request log."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.paths: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        found = re.search(r'"GET (\S+)', record.getMessage())
        if found:
            self.paths.append(found.group(1))


@contextmanager
def served(site_dir: Path) -> Iterator[tuple[str, AccessLog]]:
    """Serve ``site_dir`` on loopback; yield its root URL and its access log."""
    log = AccessLog()
    server_logger = logging.getLogger("synth.server")
    level = server_logger.level
    server_logger.setLevel(logging.DEBUG)
    server_logger.addHandler(log)
    url, stop = serve_in_thread(site_dir)
    try:
        yield url, log
    finally:
        stop()
        server_logger.removeHandler(log)
        server_logger.setLevel(level)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def generic_crawl(tmp_path_factory) -> dict:
    """The example board, with its photos and an oversized page, crawled once."""
    site = tmp_path_factory.mktemp("board") / "site"
    shutil.copytree(FIXTURES / "crawl_generic", site)
    for path, colour in [
        ("board/photos/a.png", "red"),
        ("board/view/photos-b.png", "blue"),
    ]:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (16, 16), colour).save(site / path)
    oversized = "<html><body>" + "x" * (3 * 1024 * 1024) + "</body></html>"
    (site / "board/view/1005.htm").write_text(oversized)

    expected = json.loads((FIXTURES / "crawl_generic_expected.json").read_text())
    out = tmp_path_factory.mktemp("board-crawl")
    command = ["crawl", "--profile", "generic-classifieds", "--out", str(out)]
    with served(site) as (url, log):
        start = url.rstrip("/") + expected["start"]
        result = run_cli(*command, start)
        fetched_first = list(log.paths)
        again = run_cli(*command, start)
    return {
        "site": site,
        "out": out,
        "result": result,
        "again": again,
        "fetched_first": fetched_first,
        "fetched_again": log.paths[len(fetched_first) :],
        "expected": expected,
    }


def test_example_profile_reads_the_example_board(generic_crawl):
    result = generic_crawl["result"]
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    out, site = generic_crawl["out"], generic_crawl["site"]
    ads = {ad["ad_id"]: ad for ad in read_jsonl(out / "ads.jsonl")}
    expected = generic_crawl["expected"]["ads"]
    assert sorted(ads) == sorted(expected)
    for ad_id, truth in expected.items():
        ad = ads[ad_id]
        assert ad["site"] == "127.0.0.1"
        assert ad["url"].endswith(truth["url_path"])
        for name in ("title", "body", "posted_at", "location", "age"):
            assert ad[name] == truth[name], (ad_id, name)
        hashes = [sha256_of(site / path.lstrip("/")) for path in truth["images"]]
        assert [Path(path).stem for path in ad["images"]] == hashes
        assert all((out / path).is_file() for path in ad["images"])


def test_example_board_rejects_unreadable_pages_and_goes_on(generic_crawl):
    rejects = {
        urlsplit(reject["url"]).path: reject["reason"]
        for reject in read_jsonl(generic_crawl["out"] / "rejects.jsonl")
    }
    expected = generic_crawl["expected"]["rejects"]
    assert sorted(rejects) == sorted(expected)
    for path, reason in expected.items():
        assert reason in rejects[path]


def test_pages_disallowed_or_off_site_are_never_fetched(generic_crawl):
    fetched = generic_crawl["fetched_first"] + generic_crawl["fetched_again"]
    assert "/robots.txt" in fetched
    for path in generic_crawl["expected"]["never_fetched"]:
        assert path not in fetched
    assert not any("elsewhere" in path for path in fetched)


def test_example_board_run_again_fetches_no_ad_page(generic_crawl):
    assert generic_crawl["again"].returncode == 0, generic_crawl["again"].stderr
    assert "ads written: 0 " in generic_crawl["again"].stdout
    assert not [p for p in generic_crawl["fetched_again"] if "/view/" in p]


CORPUS_ADS = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A synthetic corpus of a few hundred ads, broken and private pages included."""
    folder = tmp_path_factory.mktemp("synthetic") / "corpus"
    generate(CORPUS_ADS, seed=11, out=folder)
    return folder


@pytest.fixture(scope="module")
def truth(corpus) -> dict[str, dict]:
    return {ad["ad_id"]: ad for ad in read_jsonl(corpus / "truth" / "ads.jsonl")}


@pytest.fixture(scope="module")
def synthetic_crawl(corpus, tmp_path_factory) -> dict:
    """The synthetic site crawled once with the default profile, then again."""
    out = tmp_path_factory.mktemp("synthetic-crawl")
    with served(corpus / "site") as (url, log):
        first = run_cli("crawl", url, "--out", str(out))
        fetched_first = list(log.paths)
        again = run_cli("crawl", url, "--out", str(out))
    return {
        "out": out,
        "first": first,
        "again": again,
        "fetched_first": fetched_first,
        "fetched_again": log.paths[len(fetched_first) :],
    }


def crawlable(truth: dict[str, dict]) -> dict[str, dict]:
    return {ad_id: ad for ad_id, ad in truth.items() if ad["crawlable"]}


def assert_crawled_exactly(out: Path, truth: dict[str, dict], corpus: Path) -> None:
    """Every crawlable ad of the truth once, with its fields and images."""
    ads = read_jsonl(out / "ads.jsonl")
    ids = [ad["ad_id"] for ad in ads]
    assert len(ids) == len(set(ids)), "an ad was written twice"
    assert sorted(ids) == sorted(crawlable(truth))
    for ad in ads:
        expected = truth[ad["ad_id"]]
        assert ad["site"] == "synthetic"
        assert urlsplit(ad["url"]).path == expected["url_path"]
        for name in ("title", "body", "posted_at", "location", "age"):
            assert ad[name] == expected[name], (ad["ad_id"], name)
        hashes = [
            sha256_of(corpus / "site" / path.lstrip("/")) for path in expected["images"]
        ]
        assert [Path(path).stem for path in ad["images"]] == hashes, ad["ad_id"]


def test_every_crawlable_ad_is_crawled_once_with_its_fields(
    synthetic_crawl, truth, corpus
):
    result = synthetic_crawl["first"]
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert_crawled_exactly(synthetic_crawl["out"], truth, corpus)


def test_images_are_stored_under_the_sha256_of_their_bytes(synthetic_crawl):
    images = list((synthetic_crawl["out"] / "images").iterdir())
    assert images
    for image in images:
        assert image.stem == sha256_of(image)


def test_nothing_under_the_disallowed_section_is_fetched(synthetic_crawl, truth):
    private = [ad["url_path"] for ad in truth.values() if ad["page"] == "private"]
    assert private, "the corpus should hold private ads"
    fetched = synthetic_crawl["fetched_first"] + synthetic_crawl["fetched_again"]
    assert fetched[0] == "/robots.txt"
    assert not [path for path in fetched if path.startswith("/private/")]


@pytest.mark.parametrize(
    ("page", "status", "reason"),
    [
        ("missing", 404, "HTTP 404"),
        ("error", 500, "HTTP 500"),
        ("truncated", 200, "truncated"),
    ],
)
def test_broken_pages_are_rejected_without_stopping_the_crawl(
    synthetic_crawl, truth, page, status, reason
):
    rejects = {
        urlsplit(reject["url"]).path: reject
        for reject in read_jsonl(synthetic_crawl["out"] / "rejects.jsonl")
    }
    broken = [ad["url_path"] for ad in truth.values() if ad["page"] == page]
    assert broken
    for path in broken:
        assert rejects[path]["status"] == status
        assert reason in rejects[path]["reason"]
        assert rejects[path]["retry"] == (status == 500)


def test_server_errors_are_retried_before_being_rejected(synthetic_crawl, truth):
    failing = [ad["url_path"] for ad in truth.values() if ad["page"] == "error"]
    fetched = synthetic_crawl["fetched_first"]
    for path in failing:
        assert fetched.count(path) == 1 + RETRY_TIMES


def test_legacy_encoded_page_is_decoded_and_kept(synthetic_crawl, truth):
    legacy = [ad for ad in truth.values() if ad["page"] == "legacy"]
    assert legacy and all(ad["crawlable"] for ad in legacy)
    written = {
        ad["ad_id"]: ad for ad in read_jsonl(synthetic_crawl["out"] / "ads.jsonl")
    }
    for ad in legacy:
        assert written[ad["ad_id"]]["body"] == ad["body"]


def test_crawl_run_again_retries_only_server_errors_and_writes_nothing(
    synthetic_crawl, truth
):
    assert synthetic_crawl["again"].returncode == 0, synthetic_crawl["again"].stderr
    fetched = {p for p in synthetic_crawl["fetched_again"] if p.startswith("/ad/")}
    assert fetched == {ad["url_path"] for ad in truth.values() if ad["page"] == "error"}
    lines = read_jsonl(synthetic_crawl["out"] / "ads.jsonl")
    assert len(lines) == len(crawlable(truth))


def test_crawl_killed_halfway_resumes_complete_without_duplicates(
    corpus, truth, tmp_path
):
    out = tmp_path / "out"
    ads_file = out / "ads.jsonl"
    with served(corpus / "site") as (url, _):
        crawl = subprocess.Popen(
            [*HTLEADS, "crawl", url, "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while crawl.poll() is None and _lines(ads_file) < CORPUS_ADS // 5:
            time.sleep(0.01)
        crawl.send_signal(signal.SIGKILL)
        crawl.wait()
        assert crawl.returncode == -signal.SIGKILL
        before = _lines(ads_file)
        assert before < len(crawlable(truth)), "the crawl ended before it was killed"
        # A write torn by the kill leaves half a line; the next run must cut it off.
        with ads_file.open("a") as torn:
            torn.write('{"ad_id": "torn", "ti')
        resumed = run_cli("crawl", url, "--out", str(out))
    assert resumed.returncode == 0, resumed.stderr
    assert f"ads written: {len(crawlable(truth)) - before} " in resumed.stdout
    assert_crawled_exactly(out, truth, corpus)


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_second_crawl_into_a_folder_in_use_is_refused(tmp_path):
    (tmp_path / ".crawl").mkdir()
    with (tmp_path / ".crawl" / "lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run_cli("crawl", "http://127.0.0.1:9/", "--out", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith("htleads: error: Another crawl is writing")
    assert not (tmp_path / "ads.jsonl").exists()


def test_site_without_a_profile_is_refused_before_any_fetch(tmp_path):
    result = run_cli(
        "crawl", "https://classifieds.example.org/", "--out", str(tmp_path)
    )
    assert result.returncode == 1
    assert "--profile" in result.stderr and "Traceback" not in result.stderr
