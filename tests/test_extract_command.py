"""``htleads extract`` and ``htleads evaluate`` on files, as a user runs them."""

import json

from tests.support import run_cli

ADS = [
    {
        "ad_id": f"a{i}",
        "site": "test",
        "url": f"http://127.0.0.1/ad/a{i}.html",
        "title": f"New girl in town {i}",
        "body": f"Call 012-345 67{i:02d}. RM{250 + i} per hour. Age 23.",
        "posted_at": "2014-05-02T21:13:00+08:00",
        "location": "Bukit Bintang, KL",
        "age": None,
        "images": [],
        "crawled_at": "2026-01-01T00:00:00+00:00",
    }
    for i in range(40)
]


def _write_raw(path, extra_lines=()):
    lines = [json.dumps(ad).encode() for ad in ADS[:20]]
    lines += list(extra_lines)
    lines += [json.dumps(ad).encode() for ad in ADS[20:]]
    path.write_bytes(b"\n".join(lines) + b"\n")


def _read(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_extract_writes_every_ad_in_order_and_rejects_bad_lines(tmp_path):
    raw = tmp_path / "raw.jsonl"
    _write_raw(raw, [b'{"ad_id": "x", "body": ', b"\xff\xfe not utf-8", b"[1, 2]"])
    out = tmp_path / "extracted.jsonl"

    result = run_cli("extract", str(raw), "--out", str(out), "--no-ocr")

    assert result.returncode == 0, result.stderr
    ads = _read(out)
    assert [ad["ad_id"] for ad in ads] == [ad["ad_id"] for ad in ADS]
    rejects = _read(tmp_path / "extracted.rejects.jsonl")
    assert [r["line"] for r in rejects] == [21, 22, 23]
    assert "malformed JSON" in rejects[0]["reason"]
    assert "undecodable" in rejects[1]["reason"]
    assert "ads extracted:   40 of 43 lines" in result.stderr
    assert "lines rejected:  3" in result.stderr


def test_extracted_ad_has_the_contract_fields(tmp_path):
    raw = tmp_path / "raw.jsonl"
    _write_raw(raw)
    out = tmp_path / "extracted.jsonl"
    run_cli("extract", str(raw), "--out", str(out), "--no-ocr", "--workers", "1")

    first = _read(out)[0]
    assert first["phones"] == [
        {"number": "+60123456700", "source": "body", "obfuscated": False}
    ]
    assert first["price_per_hour"] == 250
    assert first["city"]["name"] == "Kuala Lumpur"
    assert first["city"]["country"] == "MY"
    assert first["age"] == 23
    assert {t["category"] for t in first["terms"]} >= {"newness"}
    for key in ("prices", "emails", "handles", "image_hashes"):
        assert key in first


def test_one_and_two_workers_give_the_same_output(tmp_path):
    raw = tmp_path / "raw.jsonl"
    _write_raw(raw)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_cli("extract", str(raw), "--out", str(one), "--no-ocr", "--workers", "1")
    run_cli("extract", str(raw), "--out", str(two), "--no-ocr", "--workers", "2")
    assert one.read_bytes() == two.read_bytes()


def test_a_missing_image_is_noted_and_the_ad_kept(tmp_path):
    raw = tmp_path / "raw.jsonl"
    ad = {**ADS[0], "images": ["images/nowhere.jpg"]}
    raw.write_text(json.dumps(ad) + "\n")
    out = tmp_path / "extracted.jsonl"
    result = run_cli("extract", str(raw), "--out", str(out), "--no-ocr")
    assert result.returncode == 0, result.stderr
    [extracted] = _read(out)
    assert extracted["image_hashes"][0]["path"] == "images/nowhere.jpg"
    assert extracted["image_hashes"][0]["sha256"] is None
    assert "1 missing" in result.stderr


def test_extract_of_a_missing_file_is_a_usage_error(tmp_path):
    result = run_cli("extract", str(tmp_path / "nope.jsonl"), "--out", "x.jsonl")
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_evaluate_needs_the_corpus_truth(tmp_path):
    extracted = tmp_path / "e.jsonl"
    extracted.write_text(json.dumps({"ad_id": "1"}) + "\n")
    result = run_cli("evaluate", str(extracted), "--truth", str(tmp_path))
    assert result.returncode == 1
    assert "htleads synth" in result.stderr
