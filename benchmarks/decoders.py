"""Benchmark FIT decoding: raw decoders versus runstrong's FIT importer (decode + conversion).

    python benchmarks/decoders.py --activities 500 --seconds 4000

builds ``--activities`` synthetic 1 Hz run files (GPS, heart rate, cadence, altitude, power) of
``--seconds`` records each with runstrong's own FIT encoder, then times, per decoder, how many
activities and samples it decodes per second:

* ``fitdecode``: the pure-Python baseline, iterating every frame as runstrong runs it (no data
  processor, CRC checked); this is the decode-only cost of runstrong's default path;
* ``fitdecode (default processor)``: the same with fitdecode's defaults (datetimes etc.);
* ``fitparse``, ``pyfitparsernative``, ``fitfast``: other decoders, if installed (they are not
  runstrong dependencies; ``pip install fitparse pyfitparsernative fitfast`` to compare);
* ``runstrong fit.parse [fitdecode]`` and ``[auto]``: the importer, decoding and converting to
  :class:`Activity` with NumPy :class:`ActivitySamples`; ``auto`` uses fitfast when installed.

Slow decoders would take minutes over two million samples, so each decoder stops after
``--budget`` seconds (default 60; 0 = no limit) and its rates are measured on the files it got
through; the table says how many that was.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import fitdecode
import numpy as np

from runstrong.exports.fit_activity import SessionTrack, encode_activity
from runstrong.importers import fit
from runstrong.importers.base import ImportOptions

Decoder = Callable[[bytes], int]  # decodes one file, returns the number of samples read


@dataclass(frozen=True)
class Result:
    """Throughput of one decoder over the files it processed."""

    decoder: str
    files: int
    samples: int
    seconds: float

    @property
    def activities_per_s(self) -> float:
        return self.files / self.seconds if self.seconds else float("nan")

    @property
    def samples_per_s(self) -> float:
        return self.samples / self.seconds if self.seconds else float("nan")


def build_files(activities: int, seconds: int) -> list[bytes]:
    """Deterministic synthetic runs, one a day, with slightly different paces."""
    files = []
    time_s = np.arange(float(seconds))
    for index in range(activities):
        speed = 2.8 + 0.4 * (index % 7) / 6
        track = SessionTrack(
            sport="running",
            start=datetime(2024, 1, 1, 6, 30, tzinfo=UTC) + timedelta(days=index),
            time_s=time_s,
            distance_m=time_s * speed,
            speed_m_per_s=speed + 0.2 * np.sin(time_s / 60.0),
            hr_bpm=np.round(135.0 + 25.0 * time_s / seconds + 4.0 * np.sin(time_s / 45.0)),
            cadence=np.full(seconds, 86.0),
            altitude_m=250.0 + 20.0 * np.sin(time_s / 300.0),
            latitude_deg=46.05 + time_s * speed / 111_195.0,
            longitude_deg=np.full(seconds, 14.5),
            power_w=np.full(seconds, 240.0),
        )
        files.append(encode_activity([track]))
    return files


def _fitdecode_raw(data: bytes) -> int:
    records = 0
    reader = fitdecode.FitReader(data, processor=None, check_crc=fitdecode.CrcCheck.RAISE)
    with reader:
        for frame in reader:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.global_mesg_num == 20:
                records += 1
    return records


def _fitdecode_default(data: bytes) -> int:
    records = 0
    with fitdecode.FitReader(data) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                records += 1
    return records


def _fitparse(data: bytes) -> int:
    import fitparse

    return sum(1 for _ in fitparse.FitFile(data).get_messages("record"))


def _pyfitparsernative(data: bytes) -> int:
    import pyfitparsernative

    messages = pyfitparsernative.parse_fit_bytes(data)
    return sum(1 for message in messages if message.get("message_type") == "record")


def _fitfast(data: bytes) -> int:
    import fitfast

    columns = fitfast.records(data, "record")  # the three calls runstrong's fast path makes
    fitfast.records(data, "session")
    fitfast.records(data, "file_id")
    return len(columns["timestamp"])


def _runstrong(decoder: str) -> Decoder:
    options = ImportOptions(fit_decoder=decoder)  # type: ignore[arg-type]

    def parse(data: bytes) -> int:
        parsed = fit.parse(data, "benchmark.fit", options)
        return sum(len(a.samples) for a in parsed.activities if a.samples is not None)

    return parse


def decoders() -> dict[str, Decoder]:
    """Every decoder that can run here, baseline first."""
    found: dict[str, Decoder] = {
        "fitdecode": _fitdecode_raw,
        "fitdecode (default processor)": _fitdecode_default,
    }
    optional = {
        "fitparse": _fitparse,
        "pyfitparsernative": _pyfitparsernative,
        "fitfast": _fitfast,
    }
    for name, function in optional.items():
        if importlib.util.find_spec(name) is not None:
            found[name] = function
    found["runstrong fit.parse [fitdecode]"] = _runstrong("fitdecode")
    if importlib.util.find_spec("fitfast") is not None:
        found["runstrong fit.parse [auto: fitfast]"] = _runstrong("auto")
    return found


def measure(name: str, decode: Decoder, files: list[bytes], budget_s: float) -> Result:
    """Decode files until done or ``budget_s`` is spent (0 = no limit)."""
    samples = done = 0
    start = time.perf_counter()
    for data in files:
        samples += decode(data)
        done += 1
        if budget_s and time.perf_counter() - start > budget_s:
            break
    return Result(name, done, samples, time.perf_counter() - start)


def print_table(results: list[Result]) -> None:
    baseline = next((r for r in results if r.decoder == "fitdecode"), results[0])
    print(
        f"{'decoder':38} {'files':>6} {'samples':>10} {'seconds':>8} {'act/s':>8} "
        f"{'samples/s':>11} {'vs fitdecode':>12}"
    )
    for result in results:
        ratio = result.samples_per_s / baseline.samples_per_s
        print(
            f"{result.decoder:38} {result.files:>6} {result.samples:>10} "
            f"{result.seconds:>8.2f} {result.activities_per_s:>8.1f} "
            f"{result.samples_per_s:>11,.0f} {ratio:>11.2f}x"
        )
    converted = next((r for r in results if r.decoder == "runstrong fit.parse [fitdecode]"), None)
    if converted is not None:
        overhead = baseline.samples_per_s / converted.samples_per_s - 1.0
        print(
            f"\nconversion layer on top of fitdecode (decode + Activity + ActivitySamples): "
            f"{overhead:+.0%} time"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=4000)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per decoder (0: all)")
    parser.add_argument("--only", nargs="*", help="decoder names to run (default: all found)")
    arguments = parser.parse_args()

    start = time.perf_counter()
    files = build_files(arguments.activities, arguments.seconds)
    megabytes = sum(len(data) for data in files) / 1e6
    print(
        f"built {len(files)} files x {arguments.seconds} samples = "
        f"{len(files) * arguments.seconds:,} samples ({megabytes:.0f} MB) "
        f"in {time.perf_counter() - start:.1f} s\n"
    )
    results = []
    for name, decode in decoders().items():
        if arguments.only and name not in arguments.only:
            continue
        results.append(measure(name, decode, files, arguments.budget))
    print_table(results)


if __name__ == "__main__":
    main()
