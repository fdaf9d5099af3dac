"""Crawl rate on loopback: pages per second and peak memory for a synthetic site.

Run ``.venv/bin/python bench/bench_crawl.py [--ads 20000] [--corpus DIR]``. It
generates a synthetic corpus with ``htleads synth`` (or reuses ``--corpus``),
serves it with ``htleads serve-site`` in another process, crawls it here with
``crawler.run.crawl`` (the same code as ``htleads crawl``), and prints the
figures. The target is 300 pages per second or more on 2 cores.
"""

import argparse
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.run import crawl

HTLEADS = [sys.executable, "-m", "htleads"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def generate(corpus: Path, ads: int, seed: int) -> float:
    """Write the corpus; seconds taken."""
    started = time.perf_counter()
    command = [*HTLEADS, "synth", "--ads", str(ads), "--seed", str(seed)]
    subprocess.run([*command, "--out", str(corpus)], check=True)
    return time.perf_counter() - started


def serve(site: Path) -> tuple[subprocess.Popen, str]:
    """Start ``htleads serve-site`` on a free port; wait until it answers."""
    port = free_port()
    server = subprocess.Popen([*HTLEADS, "serve-site", str(site), "--port", str(port)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, f"http://127.0.0.1:{port}/"
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("The site server did not start within 30 s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="reuse this corpus folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        if not (corpus / "site" / "index.html").exists():
            seconds = generate(corpus, args.ads, args.seed)
            print(f"generated {args.ads} ads in {seconds:.1f} s")
        server, url = serve(corpus / "site")
        try:
            before = resource.getrusage(resource.RUSAGE_SELF)
            summary = crawl(url, Path(scratch) / "out")
            after = resource.getrusage(resource.RUSAGE_SELF)
        finally:
            server.terminate()
            server.wait()

    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    for line in summary.lines():
        print(line)
    print(f"crawl rate: {summary.pages / summary.seconds:.0f} pages per second")
    print(f"crawler CPU: {cpu:.1f} s ({cpu / summary.seconds:.0%} of one core)")
    print(f"crawler peak memory: {after.ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
