"""Logging set-up for the command line: one call, at start-up."""

import logging
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure(verbosity: int = 0, log_file: Path | None = None) -> None:
    """Send htleads' logs to stderr, and to ``log_file`` at DEBUG when given.

    ``verbosity`` 0 shows warnings, 1 information, 2 or more debug output.
    """
    level = [logging.WARNING, logging.INFO][verbosity] if verbosity < 2 else 10
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(logging.DEBUG)

    console = logging.StreamHandler()
    console.setLevel(level)
    console.setFormatter(logging.Formatter(FORMAT, "%H:%M:%S"))
    root.addHandler(console)

    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        to_file = logging.FileHandler(log_file, encoding="utf-8")
        to_file.setLevel(logging.DEBUG)
        to_file.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(to_file)

    # Third-party libraries are chatty at INFO; keep them to warnings unless -vv.
    noisy_level = logging.DEBUG if verbosity >= 2 else logging.WARNING
    for name in ("neo4j", "scrapy", "urllib3", "PIL", "filelock", "twisted"):
        logging.getLogger(name).setLevel(noisy_level)
