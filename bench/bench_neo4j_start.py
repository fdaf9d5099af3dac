"""Time the local Neo4j's cold start, warm restart and stop, and size its jars.

Run: .venv/bin/python bench/bench_neo4j_start.py
Uses a throw-away state directory and a free port; the cache of jars is shared.
"""

import dataclasses
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph import artifacts  # noqa: E402
from graph.connection import Graph  # noqa: E402
from graph.server import LocalServer  # noqa: E402
from htleads import settings  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(label: str, action) -> float:
    began = time.perf_counter()
    action()
    seconds = time.perf_counter() - began
    print(f"{label:<38} {seconds:6.1f} s")
    return seconds


def main() -> None:
    base = settings.load()
    lib = artifacts.resolve(base.cache_dir, base.neo4j_version)
    jars = list(lib.glob("*.jar"))
    size = sum(jar.stat().st_size for jar in jars)
    print(f"Neo4j {base.neo4j_version}: {len(jars)} jars, {size / 2**20:.1f} MiB")

    with tempfile.TemporaryDirectory() as state:
        config = dataclasses.replace(
            base,
            neo4j_uri=None,
            neo4j_password=None,
            state_dir=Path(state),
            bolt_port=free_port(),
        )
        server = LocalServer(config)
        try:
            timed("cold start (new database, password)", server.start)
            timed("first query (connect + RETURN 1)", lambda: Graph(config).close())
            timed("graceful stop", server.stop)
            timed("warm start (existing database)", server.start)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
