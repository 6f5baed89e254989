"""Benchmark the whole import of real device FIT files against fitdecode decoding them alone.

    python benchmarks/import_real_files.py                       # ../shared/data/fit, 5 rounds
    python benchmarks/import_real_files.py --fit-dir ~/garmin --rounds 3

takes every importable FIT file in ``--fit-dir`` (files the importer turns into activities;
settings, workouts and broken files are listed and left out) plus the project's synthetic files
whose 14-byte header has CRC 0 (``tests/data/fit/header-crc-zero-*.fit``, as many Garmin
devices write them), and measures in one run, ``--rounds`` times each:

1. ``fitdecode alone``: fitdecode reading every frame of every file (no data processor, CRC
   checked), one process: the decode-only cost of an install without the fast decoder;
2. ``import (default install)``: ``runstrong import`` of the same files into a fresh SQLite
   store (a new file per round), through the service the CLI uses, with its defaults (decoder
   ``auto``: fitfast where installed, fitdecode for what it cannot read; decoding processes);
3. ``import (fitdecode only)``: the same with ``fit_decoder="fitdecode"``, for comparison.

It prints the times, samples per second, the speed-up of the whole import over fitdecode alone,
and which real activity files take the fast path (by count and by records).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import fitdecode

from runstrong.domain.models import Athlete
from runstrong.errors import RunstrongError
from runstrong.importers import _fit_crc, _fit_fast, fit
from runstrong.importers.base import FitDecoder
from runstrong.services.athletes import create_athlete
from runstrong.services.imports import import_paths
from runstrong.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC_CRC_ZERO = sorted((ROOT / "tests" / "data" / "fit").glob("header-crc-zero-*.fit"))


@dataclass(frozen=True)
class Candidate:
    path: Path
    real: bool
    records: int
    fast: bool
    header_crc_zero: bool


def _fitdecode_records(data: bytes) -> int:
    """Every frame with fitdecode as the importer's fallback runs it; returns the records."""
    records = 0
    try:
        with fitdecode.FitReader(
            data, processor=None, check_crc=fitdecode.CrcCheck.RAISE
        ) as reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.global_mesg_num == 20:
                    records += 1
    except fitdecode.FitError:
        pass  # a truncated file: what came before the break was decoded
    return records


def collect(fit_dir: Path) -> tuple[list[Candidate], list[str]]:
    """The importable files and a line for each file left out."""
    candidates: list[Candidate] = []
    left_out: list[str] = []
    paths = [(p, True) for p in sorted(fit_dir.iterdir()) if p.suffix.lower() == ".fit"]
    paths += [(p, False) for p in SYNTHETIC_CRC_ZERO]
    for path, real in paths:
        data = path.read_bytes()
        try:
            parsed = fit.parse(data, path.name)
        except RunstrongError as exc:
            left_out.append(f"{path.name}: fails ({exc})")
            continue
        if not parsed.activities:
            left_out.append(f"{path.name}: skipped ({parsed.skip_reason})")
            continue
        fast = _fit_fast.available() and _fit_fast.decode(data) is not None
        candidates.append(
            Candidate(
                path,
                real,
                _fitdecode_records(data),
                fast,
                _fit_crc.header_crc_is_zero(data),
            )
        )
    return candidates, left_out


def fitdecode_alone(files: list[bytes]) -> float:
    started = time.perf_counter()
    for data in files:
        _fitdecode_records(data)
    return time.perf_counter() - started


def import_once(paths: list[Path], decoder: FitDecoder, workdir: Path, round_: int) -> float:
    store = open_store(f"sqlite:///{workdir / f'{decoder}-{round_}.db'}")
    try:
        create_athlete(store, Athlete(name="Bench"))
        started = time.perf_counter()
        report = import_paths(store, "Bench", paths, fit_decoder=decoder)
        elapsed = time.perf_counter() - started
    finally:
        store.dispose()
    # several shared files hold the same activity: "already present" is the import working
    failed = [o for o in report.outcomes if o.status not in ("imported", "already_present")]
    if failed:
        raise SystemExit(f"not every file imported: {failed}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit-dir", type=Path, default=ROOT.parent / "shared" / "data" / "fit")
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    warnings.filterwarnings("ignore", category=UserWarning, module="fitdecode")
    if not _fit_fast.available():
        print("fitfast is not installed: the default install on this platform is fitdecode only")
    candidates, left_out = collect(arguments.fit_dir)
    paths = [c.path for c in candidates]
    files = [p.read_bytes() for p in paths]
    records = sum(c.records for c in candidates)
    print(f"{len(candidates)} importable files ({sum(c.real for c in candidates)} real), ", end="")
    print(f"{records:,} records, {sum(map(len, files)) / 1e6:.1f} MB; left out:")
    for line in left_out:
        print(f"  {line}")

    real = [c for c in candidates if c.real]
    fast = [c for c in real if c.fast]
    print(
        f"\nfast path: {len(fast)} of {len(real)} real activity files "
        f"({100 * len(fast) / len(real):.0f} %), "
        f"{sum(c.records for c in fast):,} of {sum(c.records for c in real):,} records "
        f"({100 * sum(c.records for c in fast) / max(sum(c.records for c in real), 1):.1f} %)"
    )
    crc_zero = [c for c in real if c.header_crc_zero]
    print(
        f"  header CRC 0: {len(crc_zero)} real files, "
        f"{sum(c.fast for c in crc_zero)} on the fast path"
    )
    for candidate in real:
        if not candidate.fast:
            print(f"  fitdecode: {candidate.path.name} ({candidate.records:,} records)")

    alone: list[float] = []
    default: list[float] = []
    slow: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        for round_ in range(arguments.rounds):
            alone.append(fitdecode_alone(files))
            default.append(import_once(paths, "auto", workdir, round_))
            slow.append(import_once(paths, "fitdecode", workdir, round_))
            print(
                f"round {round_ + 1}: fitdecode alone {alone[-1]:.3f} s, "
                f"import {default[-1]:.3f} s, import (fitdecode only) {slow[-1]:.3f} s",
                file=sys.stderr,
            )
    base = statistics.median(alone)
    print(f"\nmedian of {arguments.rounds} rounds, {records:,} records per round:\n")
    print("| what | seconds | records/s | vs fitdecode alone |")
    print("|---|---:|---:|---:|")
    for name, times in (
        ("fitdecode alone (decode only, 1 process)", alone),
        ("import, default install (decode + store)", default),
        ("import, fitdecode only (decode + store)", slow),
    ):
        seconds = statistics.median(times)
        print(f"| {name} | {seconds:.3f} | {records / seconds:,.0f} | {base / seconds:.2f}x |")


if __name__ == "__main__":
    main()
