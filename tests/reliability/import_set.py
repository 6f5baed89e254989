"""A folder of files to import, as the crash and concurrency tests use it.

Synthetic, so the tests run on a bare clone, and full of overlaps an importer must resolve:
FIT runs on different days (1 Hz records, so each stores hundreds to thousands of samples),
GPX twins of some of them (the same run from another app: same start, sport and device), a zip
holding three of the FIT runs again (the same content in another container), a multisport FIT
(several activities from one file: stored whole or not at all), a GPX and a TCX run, a Hevy
export, and overlapping Strong exports (each has one workout they all have, as exports of the
same app account do, and one of its own).
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from runstrong.exports.fit_activity import encode_activity
from tests.reliability.fuzz_seeds import synthetic

__all__ = ["write_import_set"]

_FIRST_RUN = datetime(2024, 3, 1, 6, 30, tzinfo=UTC)


def _twin_gpx(start: datetime, seconds: int) -> bytes:
    """A GPX of the synthetic run at ``start``, as another app would record it: one point
    every 10 s, and ``development`` as creator (the device name of runstrong's FIT files)."""
    points = "".join(
        f'<trkpt lat="{46.05 + second * 3.2 / 111_195.0:.7f}" lon="14.5">'
        f"<time>{start + timedelta(seconds=second):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for second in range(0, seconds, 10)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="development" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{points}</trkseg></trk></gpx>\n"
    ).encode()


def _strong_export(workouts: list[int]) -> bytes:
    """A Strong export of the numbered workouts (workout N is on day 2N)."""
    lines = ["Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps"]
    for number in workouts:
        moment = datetime(2024, 4, 2, 18, 0) + timedelta(days=2 * number)
        for order in (1, 2):
            lines.append(
                f"{moment:%Y-%m-%d %H:%M:%S};Workout {number};Squat (Barbell);"
                f"{order};{100 + number};kg;5"
            )
    return ("\n".join(lines) + "\n").encode()


def write_import_set(
    folder: Path, *, runs: int = 12, seconds: int = 1800, twins: int = 3, exports: int = 2
) -> list[Path]:
    """Write the files into ``folder`` (created); returns them, sorted by name.

    ``runs`` FIT runs of ``seconds`` records (``run-NN.fit``), GPX twins of the first ``twins``
    (``run-NN-twin.gpx``), ``exports`` overlapping Strong exports (``strong-N.csv`` holds
    workout 0, which every export has, and workout N + 1, which only it has), and the fixed
    files named in the module docstring.
    """
    make = synthetic()
    folder.mkdir(parents=True, exist_ok=True)
    starts = [_FIRST_RUN + timedelta(days=day) for day in range(runs)]
    fit_runs = [encode_activity([make.run_track(seconds, start)]) for start in starts]
    files: dict[str, bytes] = {f"run-{day:02d}.fit": data for day, data in enumerate(fit_runs)}
    for day in range(min(twins, runs)):
        files[f"run-{day:02d}-twin.gpx"] = _twin_gpx(starts[day], seconds)
    for number in range(exports):
        files[f"strong-{number}.csv"] = _strong_export([0, number + 1])
    files["multisport.fit"] = make.multisport_fit()
    files["run.gpx"] = make.run_gpx()
    files["laps.tcx"] = make.run_tcx()
    files["hevy.csv"] = make.HEVY_KG.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for day in range(min(3, runs)):
            archive.writestr(f"export/run-{day:02d}.fit", fit_runs[day])
    files["export.zip"] = buffer.getvalue()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return sorted(folder / name for name in files)
