"""Reading raw-ad JSON lines safely: every unreadable line becomes a reject."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

MAX_LINE_BYTES = 8 * 2**20
REQUIRED = ("ad_id",)
TEXT_FIELDS = ("title", "body", "location")
# Rejects keep the whole line, up to this size, so that nothing is lost.
KEPT_BYTES = 2**20


@dataclass(frozen=True)
class Reject:
    """A line that could not be used, with why, and enough of it to find it again."""

    line: int
    reason: str
    raw: str

    def as_dict(self) -> dict:
        return {"line": self.line, "reason": self.reason, "raw": self.raw}


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, dict | Reject]]:
    """Yield ``(line number, record or Reject)`` for each non-blank line.

    A line longer than MAX_LINE_BYTES is skipped without holding it in memory.
    """
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            size = len(line) + _skip_rest_of_line(stream)
            yield (
                number,
                _reject(number, f"line of {size} bytes exceeds the limit", line),
            )
            continue
        if line.strip():
            yield number, parse_line(number, line)


def parse_line(number: int, line: bytes) -> dict | Reject:
    """One raw ad from one line of bytes, or the reason it cannot be read."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        return _reject(number, f"undecodable bytes at byte {error.start}", line)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return _reject(number, f"malformed JSON ({error.msg})", line)
    problem = _problem(record)
    return _reject(number, problem, line) if problem else record


def _problem(record: object) -> str | None:
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not an object"
    missing = [name for name in REQUIRED if record.get(name) in (None, "")]
    if missing:
        return f"missing {', '.join(missing)}"
    for name in TEXT_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            return f"{name} is not a string"
    images = record.get("images")
    if images is not None and not (
        isinstance(images, list) and all(isinstance(p, str) for p in images)
    ):
        return "images is not a list of paths"
    return None


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(2**20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _reject(number: int, reason: str, line: bytes) -> Reject:
    kept = line[:KEPT_BYTES].decode("utf-8", errors="backslashreplace").rstrip("\n")
    return Reject(number, reason, kept)
