"""A persistent store of OCR results keyed by image content, shared by processes.

An image is read once however many ads, runs or worker processes see it: the
key is the SHA-256 of its bytes, and an entry written by another version of
the OCR pipeline counts as absent, so a changed pipeline reads images anew.
SQLite in write-ahead mode lets several processes read while one writes.
"""

import json
import logging
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS ocr (
    sha256 TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    result TEXT NOT NULL
)
"""
# Seconds a writer waits for another process's lock before giving up.
BUSY_TIMEOUT = 60.0


class OcrCache:
    """OCR results (JSON objects) by image SHA-256, for one pipeline version."""

    def __init__(self, path: str | Path, version: str) -> None:
        self.path = Path(path)
        self.version = version
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)
        self._db.commit()

    def get_many(self, digests: list[str]) -> dict[str, dict]:
        """The stored results of this version for those of ``digests`` it holds."""
        found: dict[str, dict] = {}
        # SQLite limits the number of parameters of one statement.
        for start in range(0, len(digests), 500):
            chunk = digests[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT sha256, result FROM ocr"
                f" WHERE version = ? AND sha256 IN ({marks})",
                [self.version, *chunk],
            )
            found.update((digest, json.loads(text)) for digest, text in rows)
        return found

    def get(self, digest: str) -> dict | None:
        """The stored result for one image, or None."""
        return self.get_many([digest]).get(digest)

    def all(self) -> dict[str, dict]:
        """Every stored result of this version, by SHA-256."""
        rows = self._db.execute(
            "SELECT sha256, result FROM ocr WHERE version = ?", [self.version]
        )
        return {digest: json.loads(text) for digest, text in rows}

    def put_many(self, results: dict[str, dict]) -> None:
        """Store results, replacing entries of the same images."""
        rows = [(d, self.version, json.dumps(r)) for d, r in results.items()]
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO ocr (sha256, version, result) VALUES (?, ?, ?)",
                rows,
            )
        logger.debug("Stored %s OCR results in %s", len(rows), self.path)

    def __len__(self) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM ocr WHERE version = ?", [self.version]
        ).fetchone()[0]

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def __enter__(self) -> "OcrCache":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
