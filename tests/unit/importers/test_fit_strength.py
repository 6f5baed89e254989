"""FIT strength activities: sets, reps, loads, holds, rests, exercise guesses, bad sets, bricks.

The real file is a Forerunner 965 session (/work/shared/data/fit, README: 14 active and 13 rest
sets); the synthetic ones come from tests/data/make_strength_fit.py (see tests/data/README.md).
Expected values were read from the files with fitdecode directly, not from the importer.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import fitdecode
import pytest

from runstrong.domain.models import StrengthSession
from runstrong.errors import ImportFormatError
from runstrong.importers import _fit_fast, fit
from runstrong.importers.base import ImportOptions
from runstrong.library.fit_names import UNIDENTIFIED_SLUG
from tests.unit.importers.conftest import REAL_DATA, SYNTHETIC

#: The shared device files; RUNSTRONG_SHARED_DATA points elsewhere (a git worktree).
SHARED = Path(os.environ.get("RUNSTRONG_SHARED_DATA", str(REAL_DATA)))
FR965 = SHARED / "fit" / "garmin-fr965-strength-training.fit"
needs_real = pytest.mark.skipif(not FR965.exists(), reason="shared device files not found")


def _generator() -> ModuleType:
    path = SYNTHETIC / "make_strength_fit.py"
    spec = importlib.util.spec_from_file_location("make_strength_fit", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_strength_fit"] = module
    spec.loader.exec_module(module)
    return module


strength_files = _generator()


def _parse(path: Path, decoder: str = "auto") -> fit.ParsedFile:
    return fit.parse(path.read_bytes(), path.name, ImportOptions(fit_decoder=decoder))  # type: ignore[arg-type]


def _only(parsed: fit.ParsedFile) -> StrengthSession:
    assert len(parsed.strength_sessions) == 1
    return parsed.strength_sessions[0]


def _fitdecode_sets(path: Path) -> list[dict[str, object]]:
    """The set messages as fitdecode reads them with its own data processor."""
    found = []
    with fitdecode.FitReader(path) as reader:
        for frame in reader:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "set":
                found.append({f.name: f.value for f in frame.fields})
    return found


@needs_real
def test_real_forerunner_session_keeps_every_active_set_rep_and_load() -> None:
    messages = _fitdecode_sets(FR965)
    active = [m for m in messages if m["set_type"] == "active"]
    rests = [m for m in messages if m["set_type"] == "rest"]
    assert (len(active), len(rests)) == (14, 13)  # the file's README line
    parsed = _parse(FR965)
    assert parsed.activities == ()  # not an "other" activity any more
    session = _only(parsed)
    assert len(session.sets) == 14
    # sets of repetitions keep the watch's count; its one set of 0 reps is a timed hold
    expected_reps = [m["repetitions"] or 1 for m in active]
    assert [s.reps for s in session.sets] == expected_reps
    # 74 = the session message's total_cycles
    assert sum(s.reps for s in session.sets if not s.is_timed) == 74
    assert [s.load_kg for s in session.sets] == [float(m["weight"] or 0.0) for m in active]
    assert session.sets[-1].duration_s == pytest.approx(2.0)
    # the rest after each set: 13 rests for 14 sets, the last set has none
    assert [s.rest_s for s in session.sets[:-1]] == [round(m["duration"], 1) for m in rests]
    assert session.sets[-1].rest_s is None
    assert session.source == "fit" and session.duration_s == pytest.approx(1857.71)
    assert (session.avg_hr_bpm, session.max_hr_bpm) == (88.0, 133.0)
    assert len(session.hr_series) > 900
    assert max(bpm for _, bpm in session.hr_series) == 133.0


@needs_real
def test_real_session_first_valid_guess_and_unidentified_sets() -> None:
    session = _only(_parse(FR965))
    slugs = [s.exercise_slug for s in session.sets]
    # guesses (21, 26, 10) / subtypes (None, None, 0): pull_up without a name
    assert slugs[0] == "unknown:pull-up"
    # (30, 22, 21) / (0, ...): triceps_extension 0 = bench_dip
    assert slugs[1] == "unknown:bench-dip"
    # (65534, 65534, 65534): the watch did not know; kept, never dropped or guessed
    assert slugs.count(UNIDENTIFIED_SLUG) == 6
    assert not any(s.warmup for s in session.sets)


@needs_real
def test_real_file_reads_the_same_with_both_decoders() -> None:
    assert _fit_fast.decode(FR965.read_bytes()) is None  # set messages go to fitdecode
    assert _parse(FR965, "fitdecode") == _parse(FR965, "auto")


def test_synthetic_session_holds_warm_ups_guesses_and_rests() -> None:
    session = _only(_parse(SYNTHETIC / "fit" / "strength-watch.fit"))
    rows = [(s.exercise_slug, s.reps, s.load_kg, s.warmup, s.duration_s) for s in session.sets]
    assert rows == [
        ("unknown:warm-up", 10, 0.0, True, None),
        ("leg-press", 10, 100.0, False, None),
        ("leg-press", 10, 100.0, False, None),
        ("leg-press", 8, 110.0, False, None),
        ("deadlift", 5, 136.0, False, None),
        ("front-plank", 1, 0.0, False, 45.0),
        (UNIDENTIFIED_SLUG, 8, 20.0, False, None),
        (UNIDENTIFIED_SLUG, 8, 20.0, False, None),
        ("standing-calf-raise", 12, 40.0, False, None),
    ]
    assert [s.rest_s for s in session.sets] == [60, 90, 90, 120, 150, 60, 60, 60, None]


def test_bad_sets_are_left_out_with_a_warning_naming_them() -> None:
    parsed = _parse(SYNTHETIC / "fit" / "strength-bad-sets.fit")
    session = _only(parsed)
    assert [(s.exercise_slug, s.reps, s.load_kg) for s in session.sets] == [
        ("leg-press", 10, 100.0),
        ("leg-press", 10, 100.0),
        (UNIDENTIFIED_SLUG, 10, 50.0),  # unknown category 200: warned, kept unidentified
        ("leg-press", 10, 100.0),
    ]
    text = " | ".join(parsed.warnings)
    assert "set 3 (at 10:00 of the session of 2024-05-02 17:00 UTC)" in text
    assert "9999 repetitions" in text
    assert "set 4 (at 11:40" in text and "2000 kg is out of range" in text
    assert "set 5 (at 13:20" in text and "unknown exercise category 200" in text
    assert "set 7 (at 15:10" in text and "overlaps the set before it" in text
    assert "set 8 (at 16:40" in text and "0.5 s" in text
    assert len(parsed.warnings) == 5


def test_brick_gives_both_strength_legs_and_the_run_and_drops_the_short_transition() -> None:
    parsed = _parse(SYNTHETIC / "fit" / "brick-gym-run-gym.fit")
    assert [a.sport for a in parsed.activities] == ["running", "transition"]
    assert len(parsed.strength_sessions) == 2
    first, second = parsed.strength_sessions
    assert [s.exercise_slug for s in first.sets] == ["leg-press", "front-plank"]
    assert [s.exercise_slug for s in second.sets] == ["deadlift", UNIDENTIFIED_SLUG]
    assert first.external_id is not None and first.external_id.endswith("#0")
    assert second.external_id is not None and second.external_id.endswith("#4")
    assert parsed.multisport is not None
    # one event for the gym legs and the run: it starts with the first gym leg
    assert parsed.multisport.kind == "multisport"
    assert parsed.multisport.started_at == first.started_at
    assert any("left out a transition of 0.757 s" in w for w in parsed.warnings)


def test_a_strength_file_cut_short_keeps_what_it_can_or_fails_cleanly() -> None:
    data = (SYNTHETIC / "fit" / "strength-watch.fit").read_bytes()
    for cut in (len(data) // 3, len(data) * 2 // 3, len(data) - 5):
        try:
            parsed = fit.parse(data[:cut], "cut.fit")
        except ImportFormatError as exc:
            assert "cut.fit" in str(exc)
            continue
        assert any("ends early" in w or "cut short" in w for w in parsed.warnings)
        for session in parsed.strength_sessions:
            assert session.sets  # a strength session is never stored without sets


def test_committed_strength_files_are_current() -> None:
    for relative, build in strength_files.FILES.items():
        committed = SYNTHETIC / relative
        assert committed.exists(), f"run python tests/data/make_strength_fit.py ({relative})"
        assert committed.read_bytes() == build(), f"{relative} is stale: regenerate it"
