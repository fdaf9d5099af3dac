"""Text extraction speed and memory on many synthetic ads, OCR off.

Run: .venv/bin/python bench/bench_extract.py [--ads 1000000] [--workers 1 2]
Generates a corpus without images (reused when already there), turns its truth
into raw-ad lines, and runs the extraction once per worker count, each in a
fresh process so that peak memory is its own. Prints ads per second of wall
time, ads per second per core, ads per CPU-second (the parent's and every
worker's CPU time together, which other work on a shared machine distorts
far less than wall time), and the peak resident memory of the parent and of
the largest worker. Worker figures are sampled from /proc every 0.1 s, so the
last tenth of a second of each worker may be missed.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
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


class Descendants(threading.Thread):
    """Samples the CPU time and peak memory of this process's descendants.

    Pool workers start from a fork server, so they are not this process's
    children and ``getrusage`` does not see them; /proc does.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.cpu: dict[int, float] = {}
        self.peak_kib: dict[int, int] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.1):
            self.sample()

    def stop(self) -> None:
        self.stopped.set()
        self.join()

    def sample(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                stat = _read(f"/proc/{entry}/stat")
                if stat:
                    fields = stat.rsplit(")", 1)[1].split()
                    parents[int(entry)] = (int(fields[1]), fields)
        family = {os.getpid()}
        for pid in sorted(parents):
            if parents[pid][0] in family:
                family.add(pid)
        for pid in family - {os.getpid()}:
            fields = parents[pid][1]
            self.cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
            self.peak_kib[pid] = max(self.peak_kib.get(pid, 0), _peak_kib(pid))


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def _peak_kib(pid: int) -> int:
    for line in _read(f"/proc/{pid}/status").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_once(raw: Path, workers: int) -> None:
    """Extract ``raw`` with ``workers`` processes; print the figures."""
    from extract.runner import Options, extract_file

    watcher = Descendants()
    if workers > 1:
        # One process has no workers to watch; sampling would only slow it.
        watcher.start()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "extracted.jsonl"
        began, cpu_began = time.perf_counter(), time.process_time()
        summary = extract_file(
            raw,
            out,
            Path(scratch) / "rejects.jsonl",
            Options(ocr=False, workers=workers, progress=False),
        )
        seconds = time.perf_counter() - began
        cpu = time.process_time() - cpu_began
        watcher.sample()
    if workers > 1:
        watcher.stop()
    cpu += sum(watcher.cpu.values())
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = max(watcher.peak_kib.values(), default=0) / 1024
    rate = summary.extracted / seconds
    print(
        f"workers={workers}: {summary.extracted} ads in {seconds:.1f} s, "
        f"{rate:.0f} ads/s, {rate / workers:.0f} ads/s per core, "
        f"{summary.extracted / cpu:.0f} ads per CPU-second, "
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
