"""Text extraction speed and memory on many synthetic ads, OCR off.

Run: .venv/bin/python bench/bench_extract.py [--ads 1000000] [--workers 1 2]
Generates a corpus without images (reused when already there), turns its truth
into raw-ad lines, and runs the extraction once per worker count, each in a
fresh process so that peak memory is its own. Prints ads per second, ads per
second per core, and the peak resident memory of the parent and of the
largest worker.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RAW_KEYS = ("ad_id", "title", "body", "posted_at", "location", "age")


def make_raw(ads: int, folder: Path) -> Path:
    """A raw-ads file of ``ads`` synthetic ads (no images), made once."""
    raw = folder / f"raw-{ads}.jsonl"
    if raw.exists():
        return raw
    corpus = folder / f"corpus-{ads}"
    subprocess.run(
        [
            ROOT / ".venv/bin/htleads",
            "synth",
            "--ads",
            str(ads),
            "--seed",
            "7",
            "--out",
            str(corpus),
            "--no-images",
        ],
        check=True,
    )
    with (
        (corpus / "truth" / "ads.jsonl").open(encoding="utf-8") as truth,
        raw.open("w", encoding="utf-8") as out,
    ):
        for line in truth:
            ad = json.loads(line)
            record = {key: ad.get(key) for key in RAW_KEYS}
            record.update(site="synthetic", url=ad.get("url_path"), images=[])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return raw


def run_once(raw: Path, workers: int) -> None:
    """Extract ``raw`` with ``workers`` processes; print the figures."""
    from extract.runner import Options, extract_file

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "extracted.jsonl"
        began = time.perf_counter()
        summary = extract_file(
            raw,
            out,
            Path(scratch) / "rejects.jsonl",
            Options(ocr=False, workers=workers, progress=False),
        )
        seconds = time.perf_counter() - began
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rate = summary.extracted / seconds
    print(
        f"workers={workers}: {summary.extracted} ads in {seconds:.1f} s, "
        f"{rate:.0f} ads/s, {rate / workers:.0f} ads/s per core, "
        f"peak RSS parent {parent:.0f} MiB, largest worker {child:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dir", type=Path, default=ROOT / ".state" / "bench")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    raw = make_raw(args.ads, args.dir)
    if args.one:
        run_once(raw, args.one)
        return
    for workers in args.workers:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--ads",
                str(args.ads),
                "--dir",
                str(args.dir),
                "--one",
                str(workers),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
