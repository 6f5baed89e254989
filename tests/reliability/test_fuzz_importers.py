"""Fuzzing every importer: only runstrong's typed errors escape, and a failed file leaves the
store exactly as it was.

Per format (FIT, GPX, TCX, Strong CSV, Hevy CSV, zip archives) at least 1,000 damaged inputs,
derived from seed files by the steps in ``fuzz_bytes``, ``fuzz_text``, ``fuzz_zip`` and
``fuzz_fit`` (plus generated FIT files), go through the import path up to the transaction
(see ``fuzzing.py``): each must give a result or a :class:`RunstrongError`, within 10 s. Then a
bounded subset per format goes through :func:`import_paths` into a real store, on SQLite and
PostgreSQL: the service never raises, and the row counts of activities, samples, strength
sessions and sets change by exactly what the report says was added — not at all for a file
that failed. Runs are derandomized, so CI sees the same inputs every time;
``benchmarks/fuzz_importers.py`` runs longer, randomized campaigns.

``RUNSTRONG_FUZZ_INPUTS`` and ``RUNSTRONG_FUZZ_STORE_INPUTS`` change the numbers per format.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from runstrong.store import Store
from tests.conftest import SHARED_DATA
from tests.reliability.fuzz_bytes import Case, Step
from tests.reliability.fuzz_seeds import FORMATS, Seed, seeds
from tests.reliability.fuzz_store import import_and_check
from tests.reliability.fuzz_text import CsvEdit, Replace, SetNamed
from tests.reliability.fuzz_zip import BadName, Member
from tests.reliability.fuzzing import FuzzStats, check_case, fuzz, fuzz_test

FUZZ_INPUTS = int(os.environ.get("RUNSTRONG_FUZZ_INPUTS", "1000"))
STORE_INPUTS = int(os.environ.get("RUNSTRONG_FUZZ_STORE_INPUTS", "60"))


@pytest.mark.parametrize("kind", FORMATS)
def test_damaged_files_only_raise_typed_errors(
    kind: str, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    stats = fuzz(kind, FUZZ_INPUTS, tmp_path)
    figures(f"fuzz {stats.summary()}")
    assert stats.inputs >= FUZZ_INPUTS
    assert stats.outcomes["parsed"] + stats.outcomes["skipped"], "no input got past the parser"


def test_real_device_files_are_among_the_seeds() -> None:
    if not SHARED_DATA.is_dir():
        pytest.skip(
            f"shared device files not found at {SHARED_DATA}: fuzzing from synthetic seeds only"
        )
    for kind in ("fit", "gpx", "tcx"):
        real = {p.name for p in (SHARED_DATA / kind).iterdir()}
        assert real & {seed.name for seed in seeds(kind)}, kind


@pytest.mark.parametrize("kind", FORMATS)
def test_a_failed_file_leaves_the_store_unchanged(
    kind: str, store: Store, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    statuses: Counter[str] = Counter()

    def check(case: Case, workdir: Path, decoder: str, stats: FuzzStats) -> None:
        statuses.update(import_and_check(store, case, workdir, decoder))
        stats.inputs += 1

    stats = FuzzStats(kind)
    fuzz_test(kind, STORE_INPUTS, tmp_path, stats, check=check, values_only=True)()
    backend = store.engine.dialect.name
    figures(
        f"fuzz into {backend} {kind}: {stats.inputs} inputs, "
        + ", ".join(f"{name} {count}" for name, count in sorted(statuses.items()))
    )
    assert stats.inputs >= STORE_INPUTS


def _seed(kind: str, name: str) -> Seed:
    return next(seed for seed in seeds(kind) if seed.name == name)


#: Inputs the fuzzing found to break an importer or the import service, shrunk to their
#: simplest form, kept so that the bugs stay fixed: (format, seed, steps, what it broke).
FOUND = [
    ("gpx", "run.gpx", (Replace("time", 0, "0001-01-01T00:00:00+14:00"),),
     "OverflowError moving year 1 to UTC"),
    ("tcx", "run.tcx", (Replace("time", 1, "0001-01-01T00:00:00+14:00"),),
     "OverflowError moving year 1 to UTC"),
    ("strong_csv", "strong-legacy.csv", (CsvEdit("set", 0, 0, "0001-01-01 00:00:00"),),
     "OverflowError moving year 1 to UTC"),
    ("strong_csv", "strong-legacy.csv", (CsvEdit("set", 1, 6, "NaN"),),
     "ValueError: NaN repetitions"),
    ("hevy_csv", "hevy-kg.csv", (SetNamed("reps", 1, "99999999999999999999999"),),
     "OverflowError (SQLite) / DataError (PostgreSQL): repetitions beyond an integer column"),
    ("strong_csv", "strong.csv", (SetNamed("Exercise Name", 0, "x" * 5000),),
     "DataError (PostgreSQL): exercise slug longer than its column"),
    ("strong_csv", "strong.csv", (SetNamed("Workout Notes", 0, "a\x00b"),),
     "DataError (PostgreSQL): NUL character in a text column"),
    ("gpx", "run.gpx", (Replace("field", 0, "x" * 5000),),
     "DataError (PostgreSQL): device name longer than its column"),
    ("zip", "strava-export.zip", (Member(0, (SetNamed("Activity Name", None, "x" * 5000),)),),
     "DataError (PostgreSQL): activity name longer than its column"),
    ("zip", "garmin-export.zip", (Member(1, (Replace("text", 0, "NaN"),)),),
     "ValueError: negative seek in a damaged nested zip"),
    ("zip", "mixed.zip", (Member(0, (), ""),), "IndexError: a member with an empty name"),
    ("zip", "mixed.zip", (BadName(0),), "UnicodeDecodeError: a member name flagged UTF-8"),
    ("zip", "mixed.zip", (Member(0, (), None, 0, 14),),
     "LZMAError: a member whose method says LZMA"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "seed", "steps", "broke"), FOUND, ids=[f"{k}-{n}" for n, (k, *_r) in enumerate(FOUND)]
)
def test_inputs_that_broke_the_import_stay_fixed(
    kind: str, seed: str, steps: tuple[Step, ...], broke: str, store: Store, tmp_path: Path
) -> None:
    data = _seed(kind, seed).data
    for step in steps:
        data = step(data)
    case = Case(_seed(kind, seed), steps, data)
    assert data != _seed(kind, seed).data, "the steps no longer change the seed"
    for decoder in ("auto", "fitdecode"):
        check_case(case, tmp_path, decoder)
        import_and_check(store, case, tmp_path, decoder)
