"""Small helpers the tests share: free ports and running the CLI as a user would."""

import os
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HTLEADS = [sys.executable, "-m", "htleads"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_cli(*args: str, env: dict | None = None, stdin: str | None = None):
    """Run ``htleads`` in a subprocess, as a user would; returns CompletedProcess."""
    merged = {**os.environ, **(env or {})}
    return subprocess.run(
        [*HTLEADS, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=merged,
        cwd=REPO,
        timeout=600,
        check=False,
    )
