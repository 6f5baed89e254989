"""Invariants: damaged input only ever gives ImportFormatError; derived series behave."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runstrong.errors import ImportFormatError
from runstrong.importers import ImportOptions, ParsedFile, parse_bytes
from runstrong.importers._samples import make_samples, path_distance_m, summarise

from .conftest import SYNTHETIC

RUN_FIT = (SYNTHETIC / "fit/run.fit").read_bytes()[:3000]  # keep each example fast
RUN_GPX = (SYNTHETIC / "gpx/run.gpx").read_bytes()
STRONG = (SYNTHETIC / "csv/strong-legacy.csv").read_bytes()
OPTIONS = ImportOptions(timezone="UTC", fit_decoder="fitdecode")


def _parses_or_refuses(data: bytes, name: str) -> None:
    try:
        parsed = parse_bytes(data, name, OPTIONS)
    except ImportFormatError as exc:
        assert str(exc).startswith(name)
    else:
        assert isinstance(parsed, ParsedFile)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from([(RUN_FIT, "run.fit"), (RUN_GPX, "run.gpx"), (STRONG, "s.csv")]),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
    cut=st.integers(0, 10**6),
)
def test_damaged_files_never_crash(
    base: tuple[bytes, str], flips: list[tuple[int, int]], cut: int
) -> None:
    data, name = base
    damaged = bytearray(data[: max(cut % (len(data) + 1), 0)] if cut % 3 == 0 else data)
    for position, value in flips:
        if damaged:
            damaged[position % len(damaged)] = value
    _parses_or_refuses(bytes(damaged), name)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["x.fit", "x.gpx", "x.tcx", "x.csv", "x.bin"]))
def test_random_bytes_never_crash(data: bytes, name: str) -> None:
    _parses_or_refuses(data, name)


@given(
    st.lists(
        st.tuples(st.floats(-80, 80), st.floats(-179, 179), st.booleans()), min_size=1, max_size=50
    )
)
def test_path_distance_starts_at_zero_and_never_decreases(
    points: list[tuple[float, float, bool]],
) -> None:
    latitude = np.array([p[0] for p in points])
    longitude = np.array([p[1] for p in points])
    breaks = np.array([p[2] for p in points])
    distance = path_distance_m(latitude, longitude, breaks)
    assert distance[0] == 0.0
    assert np.all(np.diff(distance) >= 0)


@given(
    st.lists(st.floats(0.1, 120), min_size=1, max_size=100),
    st.lists(st.floats(0, 50), min_size=100, max_size=100),
)
def test_moving_time_never_exceeds_elapsed(gaps: list[float], steps: list[float]) -> None:
    time_s = np.concatenate([[0.0], np.cumsum(gaps)])
    distance = np.concatenate([[0.0], np.cumsum(steps[: len(gaps)])])
    summary = summarise(make_samples(time_s, distance_m=distance))
    assert 0.0 <= summary.moving_time_s <= summary.elapsed_time_s + 1e-9
