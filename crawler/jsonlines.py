"""Append-only JSON-lines files that survive a killed process.

Each record is written with a single ``write`` call on a file opened for
appending, so a killed process leaves at most one incomplete last line; reading
the file cuts that line off, and the file is always read before it is appended.
"""

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


class JsonLines:
    """One JSON-lines file: read its complete records, then append more."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None
        self._checked = False

    def read(self) -> Iterator[dict]:
        """The complete records in order; a damaged tail is cut off the file."""
        if self.path.exists():
            yield from self._read_and_repair()
        self._checked = True

    def append(self, record: dict) -> None:
        """Write ``record`` as one line."""
        if self._fd is None:
            self._open()
        line = json.dumps(record, ensure_ascii=False) + "\n"
        os.write(self._fd, line.encode("utf-8"))

    def sync(self) -> None:
        """Make the records appended so far survive a power cut (fsync)."""
        if self._fd is not None:
            os.fsync(self._fd)

    def reset(self) -> None:
        """Empty the file."""
        self.close()
        self.path.write_bytes(b"")
        self._checked = True

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _open(self) -> None:
        if not self._checked:
            for _ in self.read():
                pass
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        self._fd = os.open(self.path, flags, 0o644)

    def _read_and_repair(self) -> Iterator[dict]:
        length = 0
        with self.path.open("rb") as lines:
            for line in lines:
                record = _record(line)
                if record is None:
                    break
                length += len(line)
                yield record
        size = self.path.stat().st_size
        if length < size:
            logger.warning(
                "Cut %d bytes of an incomplete record off the end of %s",
                size - length,
                self.path,
            )
            os.truncate(self.path, length)


def _record(line: bytes) -> dict | None:
    """The record a complete line holds, or None for a damaged line."""
    if not line.endswith(b"\n"):
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None
