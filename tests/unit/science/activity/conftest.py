"""Runs for the activity analyses: synthetic ones with known answers, and real device files."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from runstrong.domain.models import Activity, ActivitySamples
from runstrong.importers import fit
from runstrong.importers._samples import make_samples
from runstrong.importers.base import ImportOptions
from tests.conftest import SHARED_DATA

#: Real runs with samples among the shared device files.
REAL_RUNS = [
    SHARED_DATA / "fit" / name
    for name in (
        "activity-small-fenix2-run.fit",
        "2013-02-06-12-11-14.fit",
        "garmin-fenix-5-run.fit",
    )
]


def real_run(path: Path) -> Activity:
    (activity,) = fit.parse(path.read_bytes(), path.name, ImportOptions()).activities
    assert activity.samples is not None
    return activity


def run_at_speeds(*legs: tuple[float, float], **columns: np.ndarray) -> ActivitySamples:
    """A 1 Hz run made of legs of (seconds, metres per second)."""
    speeds = np.concatenate([np.full(int(seconds), speed) for seconds, speed in legs])
    distance = np.concatenate(([0.0], np.cumsum(speeds)))
    time_s = np.arange(len(distance), dtype=np.float64)
    return make_samples(time_s, distance_m=distance, **columns)
