"""The loopback server of synthetic sites: statuses as declared, files as stored."""

import http.client
import json
import subprocess
import time
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from htleads.errors import ConfigError, InputError
from synth.corpus import generate
from synth.server import SiteServer, serve_in_thread
from tests.support import HTLEADS, REPO, run_cli


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("served") / "c"
    generate(120, 4, out, images=True, workers=1)
    return out


@pytest.fixture(scope="module")
def truth(corpus) -> list[dict]:
    lines = (corpus / "truth" / "ads.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def served(corpus):
    url, stop = serve_in_thread(corpus)
    yield urlsplit(url)
    stop()


def fetch(address, path: str, method: str = "GET") -> tuple[int, Message, bytes]:
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def path_of(truth: list[dict], page: str) -> str:
    return next(ad["url_path"] for ad in truth if ad["page"] == page)


@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("ok", 200),
        ("legacy", 200),
        ("truncated", 200),
        ("missing", 404),
        ("error", 500),
    ],
)
def test_ad_pages_answer_with_the_declared_status(served, truth, page, status):
    assert fetch(served, path_of(truth, page))[0] == status


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/robots.txt", 200),
        ("/style.css", 200),
        ("/city/kuala-lumpur-other/", 200),
        ("/no/such/page.html", 404),
        ("/_errors.json", 404),
        ("/../truth/ads.jsonl", 404),
    ],
)
def test_site_paths_answer_as_expected(served, path, status):
    assert fetch(served, path)[0] == status


def test_served_files_are_the_stored_bytes(served, corpus, truth):
    ad = next(ad for ad in truth if ad["page"] == "ok" and ad["images"])
    for path in (ad["url_path"], ad["images"][0]):
        status, headers, body = fetch(served, path)
        assert status == 200
        assert body == (corpus / "site" / path.lstrip("/")).read_bytes()
        assert int(headers["Content-Length"]) == len(body)


def test_html_is_served_without_a_charset_so_the_page_declares_it(served, truth):
    _, headers, body = fetch(served, path_of(truth, "legacy"))
    assert headers["Content-Type"] == "text/html"
    assert b'<meta charset="utf-8">' not in body


def test_head_requests_get_headers_only(served, truth):
    status, headers, body = fetch(served, path_of(truth, "ok"), "HEAD")
    assert status == 200 and int(headers["Content-Length"]) > 0 and body == b""


def test_one_connection_carries_many_requests(served, truth):
    paths = [ad["url_path"] for ad in truth if ad["page"] == "ok"][:20]
    connection = http.client.HTTPConnection(served.hostname, served.port, timeout=10)
    try:
        for path in paths:
            connection.request("GET", path)
            response = connection.getresponse()
            assert response.status == 200 and response.read()
    finally:
        connection.close()


def test_private_pages_are_served_since_robots_txt_is_the_crawlers_duty(served, truth):
    assert fetch(served, path_of(truth, "private"))[0] == 200


def test_a_taken_port_is_refused_with_advice(corpus):
    url, stop = serve_in_thread(corpus)
    try:
        with pytest.raises(ConfigError, match="already in use"):
            SiteServer(corpus / "site", urlsplit(url).port)
    finally:
        stop()


def test_a_folder_without_a_site_is_refused(tmp_path):
    with pytest.raises(InputError, match="No synthetic site"):
        serve_in_thread(tmp_path)


def test_serve_site_command_prints_its_url_and_serves(corpus):
    process = subprocess.Popen(
        [*HTLEADS, "serve-site", str(corpus), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        url = urlsplit(process.stdout.readline().strip())
        assert url.hostname == "127.0.0.1"
        for _ in range(50):
            try:
                assert fetch(url, "/robots.txt")[0] == 200
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_site_command_reports_a_missing_site_in_one_line(tmp_path):
    result = run_cli("serve-site", str(tmp_path), "--port", "0")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "htleads synth" in result.stderr
