"""Benchmark reading a large Apple Health export.xml: time and peak memory of the streaming parse.

    .venv/bin/python benchmarks/apple_health_import.py --days 730 --noise 600

Builds a synthetic export (``tests/data/wellness/make_samples.py``: per day three sleep stages,
an in-bed record, two SDNN readings with beat lists, a resting HR, and ``--noise`` heart-rate
records with metadata, as real exports hold) in a temporary folder, then parses it with
:func:`runstrong.importers.apple_health.parse_apple_health`. Reports the file size, wall time,
records per second, the peak Python heap (``tracemalloc``; lxml's C memory is not in it) and
the growth of the process's maximum resident set (``resource.getrusage``), which includes
lxml. Streaming means the peak does not grow with the file: run it with two sizes to see.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "wellness"))
sys.path.insert(0, str(ROOT / "src"))

from make_samples import write_apple_health  # noqa: E402

from runstrong.importers.apple_health import parse_apple_health  # noqa: E402


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--noise", type=int, default=600, help="heart-rate records per day")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        started = time.perf_counter()
        write_apple_health(path, days=args.days, noise_per_day=args.noise)
        built_s = time.perf_counter() - started
        size_mib = path.stat().st_size / 2**20
        records = args.days * (7 + args.noise)
        rss_before = _max_rss_mib()
        tracemalloc.start()
        started = time.perf_counter()
        parsed = parse_apple_health(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = _max_rss_mib()
    print(
        f"file: {size_mib:.1f} MiB, {records:,} records, {args.days} days "
        f"(built in {built_s:.1f} s)"
    )
    print(
        f"parse: {elapsed:.2f} s, {records / elapsed:,.0f} records/s, {len(parsed.checkins)} days"
    )
    print(f"peak Python heap (tracemalloc): {peak / 2**20:.1f} MiB")
    print(
        f"max RSS growth during the parse: {max(rss_after - rss_before, 0):.1f} MiB "
        f"(max RSS {rss_after:.1f} MiB)"
    )


if __name__ == "__main__":
    main()
