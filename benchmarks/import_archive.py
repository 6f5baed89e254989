"""Benchmark the whole import: an export archive of synthetic runs into a fresh SQLite store.

    python benchmarks/import_archive.py --activities 500 --seconds 4000

builds ``--activities`` synthetic 1 Hz run FIT files of ``--seconds`` records each (500 × 4,000 =
2,000,000 samples) with runstrong's own FIT encoder, zips them into one archive, then measures:

1. the chosen decoder alone on the same files, one process (``fitdecode`` frames, or the
   ``fitfast`` columns when ``--decoder auto`` finds it installed);
2. ``runstrong import`` of the archive into a fresh SQLite file, through the same service the CLI
   uses: zip reading, decoding in worker processes, conversion, validation, dedupe and storage
   (one transaction per file) — and then the same archive again (everything already present).

It prints activities/s and samples/s for each and the ratio import ÷ decoder-alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from decoders import build_files

from runstrong.domain.models import Athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.imports import import_paths
from runstrong.store import open_store


def _decoder_alone(files: list[bytes], decoder: str) -> tuple[float, int]:
    if decoder == "fitfast":
        import fitfast

        started = time.perf_counter()
        samples = 0
        for data in files:
            samples += len(fitfast.records(data, "record")["timestamp"])
            fitfast.records(data, "session")
            fitfast.records(data, "file_id")
        return time.perf_counter() - started, samples
    import fitdecode

    started = time.perf_counter()
    samples = 0
    for data in files:
        with fitdecode.FitReader(
            data, processor=None, check_crc=fitdecode.CrcCheck.RAISE
        ) as reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.global_mesg_num == 20:
                    samples += 1
    return time.perf_counter() - started, samples


def _row(label: str, files: int, samples: int, seconds: float) -> str:
    return (
        f"| {label} | {files} | {samples:,} | {seconds:.2f} | {files / seconds:.1f} | "
        f"{samples / seconds:,.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=4000)
    parser.add_argument("--decoder", choices=("auto", "fitdecode"), default="auto")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core, max 4")
    args = parser.parse_args()

    chosen = (
        "fitfast"
        if args.decoder == "auto" and importlib.util.find_spec("fitfast") is not None
        else "fitdecode"
    )
    print(f"building {args.activities} files × {args.seconds} s ...", flush=True)
    files = build_files(args.activities, args.seconds)
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "export.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zipped:
            for index, data in enumerate(files):
                zipped.writestr(f"activities/run-{index:05d}.fit", data)
        print(f"archive: {archive.stat().st_size / 1e6:.1f} MB; decoder: {chosen}", flush=True)

        alone_s, alone_samples = _decoder_alone(files, chosen)

        store = open_store(f"sqlite:///{Path(folder) / 'bench.db'}")
        create_athlete(store, Athlete(name="Bench", timezone="UTC"))
        started = time.perf_counter()
        report = import_paths(
            store, "Bench", [archive], workers=args.workers, fit_decoder=args.decoder
        )
        import_s = time.perf_counter() - started
        started = time.perf_counter()
        again = import_paths(
            store, "Bench", [archive], workers=args.workers, fit_decoder=args.decoder
        )
        again_s = time.perf_counter() - started
        with store.unit_of_work() as uow:
            stored_activities = uow.activities.count()
        store.dispose()
        db_mb = (Path(folder) / "bench.db").stat().st_size / 1e6

    imported = report.count("imported")
    print()
    print("| step | files | samples | seconds | activities/s | samples/s |")
    print("|---|---:|---:|---:|---:|---:|")
    print(_row(f"{chosen} alone (1 process)", len(files), alone_samples, alone_s))
    print(_row("runstrong import (decode + store)", imported, report.samples_added, import_s))
    print(_row("re-import (all already present)", len(again.outcomes), 0, again_s))
    print()
    ratio = (report.samples_added / import_s) / (alone_samples / alone_s)
    print(f"import speed ÷ decoder-alone speed: {ratio:.2f}")
    print(
        f"stored activities: {stored_activities}, failed: {report.count('failed')}, "
        f"re-import added: {again.samples_added} samples; database {db_mb:.1f} MB"
    )


if __name__ == "__main__":
    main()
