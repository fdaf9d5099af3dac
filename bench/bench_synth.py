"""Synthetic corpus generation: ads per second and peak memory, with and without images.

Run ``.venv/bin/python bench/bench_synth.py [--ads 20000] [--seed 1] [--workers N]``.
Each configuration runs in a fresh process so that its peak memory is its own;
the image workers' peak is reported apart, and CPU seconds (all processes) beside
wall-clock time, since other work on the machine slows the latter. Target on
2 cores: 100,000 ads with images in under two minutes
(``--ads 100000 --only images``).
"""

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth.corpus import generate
from synth.population import build_population


def run_one(ads: int, seed: int, images: bool, jobs: int | None, out: Path) -> dict:
    """Generate once in this process and measure it."""
    started = time.perf_counter()
    planned = len(build_population(ads, seed, images).images)
    summary = generate(ads, seed, out, images=images, workers=jobs)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return {
        "ads": ads,
        "images": images,
        "image_files": summary.images,
        "images_planned": planned,
        "seconds": round(seconds, 2),
        "ads_per_second": round(ads / seconds),
        "cpu_seconds": round(cpu, 1),
        "peak_rss_mib": round(own.ru_maxrss / 1024, 1),
        "worker_peak_rss_mib": round(workers.ru_maxrss / 1024, 1),
        "corpus_mib": round(size / 2**20, 1),
    }


def in_child(ads: int, seed: int, images: bool, workers: int | None) -> dict:
    """Run one configuration in a fresh interpreter; return its figures."""
    with tempfile.TemporaryDirectory(prefix="bench-synth-") as scratch:
        command = [sys.executable, __file__, "--one", "--ads", str(ads)]
        command += ["--seed", str(seed), "--out", str(Path(scratch) / "c")]
        command += ["--images" if images else "--no-images"]
        if workers:
            command += ["--workers", str(workers)]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--only", choices=("images", "no-images"), default=None)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--images", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()

    if args.one:
        figures = run_one(args.ads, args.seed, args.images, args.workers, args.out)
        print(json.dumps(figures), flush=True)
        shutil.rmtree(args.out)
        return

    modes = {"no-images": False, "images": True}
    for name, images in modes.items():
        if args.only not in (None, name):
            continue
        figures = in_child(args.ads, args.seed, images, args.workers)
        print(
            f"{name:>9}: {figures['ads']} ads in {figures['seconds']} s = "
            f"{figures['ads_per_second']} ads/s ({figures['cpu_seconds']} CPU s); "
            f"{figures['image_files']} image files; "
            f"peak RSS {figures['peak_rss_mib']} MiB (image workers "
            f"{figures['worker_peak_rss_mib']} MiB); corpus {figures['corpus_mib']} MiB"
        )


if __name__ == "__main__":
    main()
