"""Seed files for the importer fuzzing: small synthetic files always, small real ones if present.

Every format has synthetic seeds built in memory (``tests/data/make_synthetic.py`` and
runstrong's own FIT encoder), so the fuzzing runs on a bare clone; the real device files from
``../shared/data`` are added when that folder exists (large real files are cut down to their
first track points, so that each fuzzed input stays fast to parse).
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.conftest import SHARED_DATA

__all__ = ["FORMATS", "Seed", "seeds", "synthetic"]

TESTS = Path(__file__).resolve().parents[1]
DATA = TESTS / "data"
#: The formats fuzzed, by the kind of seed each mutation starts from.
FORMATS = ("fit", "gpx", "tcx", "strong_csv", "hevy_csv", "zip")
#: Real files bigger than this are left out (FIT) or cut to their first points (GPX, TCX).
_MAX_SEED_BYTES = 12 * 1024
_ZIP_TIME = (2024, 5, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Seed:
    """A valid (or deliberately odd) file that mutations start from."""

    name: str
    data: bytes

    def __repr__(self) -> str:  # hypothesis prints seeds in failing examples: keep it short
        return f"Seed({self.name!r}, {len(self.data)} bytes)"

    def _repr_pretty_(self, printer: Any, _cycle: bool) -> None:  # hypothesis's printer
        printer.text(repr(self))


@cache
def synthetic() -> ModuleType:
    """``tests/data/make_synthetic.py``, loaded as a module (it is a script, not a package)."""
    name = "make_synthetic"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, DATA / "make_synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _head_points(data: bytes, point_tag: str, keep: int) -> bytes:
    """An XML track file cut to its first ``keep`` points (closing tags kept well-formed)."""
    text = data.decode("utf-8")
    pattern = re.compile(rf"<{point_tag}\b.*?</{point_tag}>", re.DOTALL)
    matches = list(pattern.finditer(text))
    if len(matches) <= keep:
        return data
    cut_from, cut_to = matches[keep].start(), matches[-1].end()
    return (text[:cut_from] + text[cut_to:]).encode("utf-8")


def _shared(kind: str) -> list[Path]:
    folder = SHARED_DATA / kind
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def _real_seeds(kind: str) -> list[Seed]:
    found: list[Seed] = []
    for path in _shared(kind):
        data = path.read_bytes()
        if kind == "fit":
            if len(data) <= _MAX_SEED_BYTES:
                found.append(Seed(path.name, data))
        elif kind == "gpx":
            found.append(Seed(path.name, _head_points(data, "trkpt", 40)))
        elif kind == "tcx":
            found.append(Seed(path.name, _head_points(data, "Trackpoint", 12)))
    return found


@cache
def seeds(kind: str) -> tuple[Seed, ...]:
    """The seeds of one format of :data:`FORMATS`: synthetic ones first, then real ones."""
    make = synthetic()
    csv = {p.name: p.read_bytes() for p in (DATA / "csv").glob("*.csv")}
    built: list[Seed]
    if kind == "fit":
        built = [
            Seed("run.fit", make.run_fit(40)),
            Seed("run-compressed.fit", make.run_fit(40, compressed_timestamps=True)),
            Seed("multisport.fit", make.multisport_fit()),
            Seed("workout.fit", make.workout_fit()),
            Seed("truncated.fit", make.run_fit(60)[:1400]),
        ]
    elif kind == "gpx":
        built = [Seed("run.gpx", make.run_gpx())]
    elif kind == "tcx":
        built = [Seed("run.tcx", make.run_tcx())]
    elif kind == "strong_csv":
        built = [Seed(n, csv[n]) for n in ("strong-legacy.csv", "strong.csv")]
    elif kind == "hevy_csv":
        built = [Seed(n, csv[n]) for n in ("hevy-kg.csv", "hevy-lbs.csv")]
    elif kind == "zip":
        mixed = _zip(
            [
                ("run.fit.gz", gzip.compress(make.run_fit(30), mtime=0)),
                ("run.gpx", make.run_gpx()),
                ("laps.tcx", make.run_tcx()),
                ("strong.csv", csv["strong.csv"]),
                ("hevy.csv", csv["hevy-kg.csv"]),
                ("notes.txt", b"ignored"),
            ]
        )
        built = [
            Seed("strava-export.zip", make.strava_export_zip()),
            Seed("garmin-export.zip", make.garmin_export_zip()),
            Seed("mixed.zip", mixed),
        ]
    else:
        raise ValueError(f"unknown fuzz format {kind!r}: use one of {', '.join(FORMATS)}")
    if kind in ("fit", "gpx", "tcx"):
        built += _real_seeds(kind)
    return tuple(built)
