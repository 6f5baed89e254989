"""Tests for runstrong.planning.strength: exercises, loads from e1RM, plyometric contacts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.domain.models import EventFocus
from runstrong.domain.plan import PlanPhase, PlyometricLevel
from runstrong.library import Catalog
from runstrong.planning.strength import (
    StrengthTargets,
    lighten,
    plyometric_contacts,
    prescribe_strength,
)
from runstrong.science import load_for_target, percent_one_rep_max

from .factories import GYM

FOCUSES: list[EventFocus] = ["sprint", "middle", "distance"]
PHASES: list[PlanPhase] = ["base", "build", "peak", "taper"]
LEVELS: list[PlyometricLevel] = ["beginner", "intermediate", "advanced"]
# NSCA foot contacts per session by level (docs/science.md section 5)
NSCA_CONTACTS = {"beginner": (80, 100), "intermediate": (100, 120), "advanced": (120, 140)}


def targets(catalog: Catalog, focus: EventFocus = "distance", **changes: object) -> StrengthTargets:
    values: dict[str, object] = {
        "focus": focus,
        "equipment": GYM,
        "e1rm_kg_by_exercise": {"leg-press": 200.0},
        "level": "intermediate",
        "catalog": catalog,
    }
    values.update(changes)
    return StrengthTargets(**values)  # type: ignore[arg-type]


def test_order_is_leg_press_complements_plyometrics_core(catalog: Catalog) -> None:
    workout = prescribe_strength(targets(catalog), "build")
    categories = [catalog.get(e.exercise_slug).category for e in workout.exercises]
    assert workout.exercises[0].exercise_slug == "leg-press"
    first = {c: categories.index(c) for c in ("plyometric", "core")}
    assert categories[: first["plyometric"]] == ["strength"] * first["plyometric"]
    assert first["plyometric"] < first["core"]
    assert categories.count("strength") == 3
    assert "drill" not in categories  # drills belong to runs (rule D1)


def test_load_comes_from_the_e1rm_and_target_rpe(catalog: Catalog) -> None:
    main = prescribe_strength(targets(catalog), "build").exercises[0]
    assert main.target_rpe is not None
    assert main.load_kg == load_for_target(200.0, main.reps, main.target_rpe)  # 4 × 5 @ 8


def test_without_e1rm_only_the_rpe_is_set(catalog: Catalog) -> None:
    main = prescribe_strength(targets(catalog, e1rm_kg_by_exercise={}), "base").exercises[0]
    assert main.load_kg is None and main.target_rpe == 7.0
    assert main.note is not None and "finds your starting load" in main.note


def test_bodyweight_only_gets_substitutes(catalog: Catalog) -> None:
    workout = prescribe_strength(targets(catalog, equipment=frozenset({"bodyweight"})), "build")
    slugs = [e.exercise_slug for e in workout.exercises]
    assert "leg-press" not in slugs
    assert slugs[0] in {e.slug for e in catalog.substitutes_for("leg-press", {"bodyweight"})}
    assert workout.exercises[0].note is not None
    assert "instead of leg press" in workout.exercises[0].note
    assert all(catalog.get(slug).doable_with({"bodyweight"}) for slug in slugs)


def test_sprint_lifts_heavier_and_jumps_more_than_distance(catalog: Catalog) -> None:
    for phase in ("base", "build", "peak"):
        sprint = prescribe_strength(targets(catalog, "sprint"), phase, progress=0.5)
        distance = prescribe_strength(targets(catalog, "distance"), phase, progress=0.5)
        s_main, d_main = sprint.exercises[0], distance.exercises[0]
        assert s_main.reps < d_main.reps
        assert s_main.load_kg is not None and d_main.load_kg is not None
        assert s_main.load_kg > d_main.load_kg
        # both dosed by level (rule P1); sprinters spread them over three exercises
        assert _contacts(sprint.exercises) >= _contacts(distance.exercises) > 0


def test_distance_goes_from_strength_to_power_and_cuts_the_taper(catalog: Catalog) -> None:
    by_phase = {p: prescribe_strength(targets(catalog), p).exercises[0] for p in PHASES}
    assert by_phase["base"].reps > by_phase["build"].reps  # strength: heavier, fewer reps
    assert by_phase["peak"].sets < by_phase["build"].sets  # maintenance
    assert by_phase["peak"].note is not None and "explosive" in by_phase["peak"].note
    taper = by_phase["taper"]
    assert taper.sets == 2 and taper.target_rpe == 6.0
    assert percent_one_rep_max(taper.reps, taper.target_rpe) < 80  # not heavy before the race


@given(
    level=st.sampled_from(LEVELS),
    focus=st.sampled_from(FOCUSES),
    phase=st.sampled_from(PHASES),
    deload=st.booleans(),
    progress=st.floats(0, 1),
)
def test_contacts_stay_within_the_nsca_range(
    level: PlyometricLevel, focus: EventFocus, phase: PlanPhase, deload: bool, progress: float
) -> None:
    contacts = plyometric_contacts(level, focus, phase, deload=deload, progress=progress)
    assert 10 <= contacts <= NSCA_CONTACTS[level][1]
    if phase in ("base", "build") and not deload and focus == "sprint":
        assert contacts >= NSCA_CONTACTS[level][0]


def test_contacts_progress_over_weeks_and_fall_in_season() -> None:
    ramp = [plyometric_contacts("beginner", "sprint", "build", progress=p / 4) for p in range(5)]
    assert ramp == sorted(ramp) and ramp[0] == 80 and ramp[-1] == 100
    assert plyometric_contacts("beginner", "sprint", "peak") < ramp[-1]
    assert plyometric_contacts("beginner", "sprint", "taper") < 80
    assert [plyometric_contacts(level, "sprint", "build", progress=1.0) for level in LEVELS] == [
        100,
        120,
        140,
    ]


@pytest.mark.parametrize("level", LEVELS)
def test_session_contacts_add_up(catalog: Catalog, level: PlyometricLevel) -> None:
    workout = prescribe_strength(targets(catalog, "sprint", level=level), "build", progress=1.0)
    plyometrics = [e for e in workout.exercises if e.foot_contacts]
    for item in plyometrics:
        per_rep = catalog.get(item.exercise_slug).foot_contacts_per_rep
        assert item.foot_contacts == item.sets * item.reps * per_rep
        exercise_level = catalog.get(item.exercise_slug).level or "beginner"
        assert LEVELS.index(exercise_level) <= LEVELS.index(level)
    assert _contacts(workout.exercises) <= NSCA_CONTACTS[level][1]


def test_lighten_goes_below_the_heavy_line(catalog: Catalog) -> None:
    chosen = targets(catalog, "sprint")
    heavy = prescribe_strength(chosen, "build")
    light = lighten(heavy, chosen)
    assert heavy.heavy_lower_body and not light.heavy_lower_body
    main = light.exercises[0]
    assert main.target_rpe is not None and main.target_rpe < 8
    assert percent_one_rep_max(main.reps, main.target_rpe) < 80
    assert main.load_kg is not None and main.load_kg < 0.8 * 200
    assert light.load_au < heavy.load_au


def _contacts(exercises: object) -> int:
    return sum(e.foot_contacts or 0 for e in exercises)  # type: ignore[attr-defined]
