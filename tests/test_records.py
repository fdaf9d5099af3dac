"""Reading raw-ad JSON lines: bad lines become rejects with a reason, the rest go on."""

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import records
from extract.records import Reject

GOOD = json.dumps({"ad_id": "1", "title": "t", "body": "b"}).encode() + b"\n"


def _read(data: bytes) -> list:
    return list(records.read_lines(io.BytesIO(data)))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"ad_id": "1", "title": \n', "malformed JSON"),
        (b'{"ad_id": "1", "title": "caf\xe9"}\n', "undecodable bytes"),
        (b'["ad_id", "1"]\n', "a JSON list, not an object"),
        (b'{"title": "no id"}\n', "missing ad_id"),
        (b'{"ad_id": "1", "body": 42}\n', "body is not a string"),
        (b'{"ad_id": "1", "images": "a.jpg"}\n', "images is not a list of paths"),
    ],
)
def test_a_bad_line_is_rejected_with_its_reason(line, reason):
    (number, item), (_, good) = _read(line + GOOD)
    assert isinstance(item, Reject)
    assert number == item.line == 1
    assert reason in item.reason
    assert good["ad_id"] == "1"


def test_a_rejected_line_is_kept_whole():
    line = b'{"ad_id": "7", "body": "unterminated\n'
    [(_, item)] = _read(line)
    assert item.raw == line.decode().rstrip("\n")


def test_blank_lines_are_skipped_and_numbering_follows_the_file():
    items = _read(b"\n" + GOOD + b"   \n" + GOOD)
    assert [number for number, _ in items] == [2, 4]


def test_a_giant_line_is_rejected_without_stopping(monkeypatch):
    monkeypatch.setattr(records, "MAX_LINE_BYTES", 1000)
    giant = b'{"ad_id": "2", "body": "' + b"x" * 5000 + b'"}\n'
    items = _read(GOOD + giant + GOOD)
    assert [type(item).__name__ for _, item in items] == ["dict", "Reject", "dict"]
    assert "exceeds the limit" in items[1][1].reason
    assert "5" in items[1][1].reason


@given(st.binary(max_size=2000))
def test_reading_arbitrary_bytes_never_raises(data):
    for _, item in _read(data):
        assert isinstance(item, dict | Reject)
