"""Schema test over the real exercises.toml: content rules the loader alone does not enforce."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from runstrong.library import CATEGORIES, EQUIPMENT, GRADES, LEVELS, MUSCLES, PATTERNS, Catalog

LEG_PRESS_FAMILY = {
    "leg-press",
    "single-leg-leg-press",
    "leg-press-high-feet",
    "leg-press-low-feet",
    "leg-press-wide-feet",
    "leg-press-narrow-feet",
    "calf-press",
}
EXPECTED_SLUGS = LEG_PRESS_FAMILY | {
    # other lower-body lifts
    "back-squat",
    "front-squat",
    "goblet-squat",
    "bulgarian-split-squat",
    "split-squat",
    "walking-lunge",
    "step-up",
    "romanian-deadlift",
    "single-leg-romanian-deadlift",
    "trap-bar-deadlift",
    "hip-thrust",
    "glute-bridge",
    "nordic-hamstring-curl",
    "standing-calf-raise",
    "seated-calf-raise",
    "single-leg-calf-raise",
    "tibialis-raise",
    "copenhagen-plank",
    # plyometrics
    "pogo-jumps",
    "ankle-hops",
    "box-jump",
    "depth-jump",
    "drop-jump",
    "squat-jump",
    "countermovement-jump",
    "bounding",
    "single-leg-hops",
    "lateral-bounds",
    "skipping-for-height",
    "hurdle-hops",
    "split-squat-jumps",
    # running drills
    "a-skip",
    "b-skip",
    "high-knees",
    "butt-kicks",
    "straight-leg-bounds",
    "carioca",
    "strides",
    "wall-drill",
    "dribbles",
    # core
    "front-plank",
    "side-plank",
    "dead-bug",
    "bird-dog",
    "pallof-press",
    "hollow-hold",
    "single-leg-glute-bridge-hold",
    "suitcase-carry",
}
MACHINES = {"leg-press", "seated-calf-machine", "smith-machine"}


def test_every_table_in_the_file_becomes_an_exercise(catalog: Catalog) -> None:
    raw = tomllib.loads(
        resources.files("runstrong.library").joinpath("exercises.toml").read_text("utf-8")
    )
    assert [table["slug"] for table in raw["exercise"]] == [e.slug for e in catalog]


def test_library_holds_the_planned_exercises(catalog: Catalog) -> None:
    slugs = {e.slug for e in catalog}
    assert slugs >= EXPECTED_SLUGS
    assert 45 <= len(catalog) <= 70
    assert {e.category for e in catalog} == set(CATEGORIES)


def test_leg_press_comes_first(catalog: Catalog) -> None:
    assert next(iter(catalog)).slug == "leg-press"


@pytest.mark.parametrize("slug", sorted(EXPECTED_SLUGS))
def test_every_exercise_is_complete(catalog: Catalog, slug: str) -> None:
    exercise = catalog.get(slug)
    assert exercise.primary_muscles, "every exercise lists the muscles it trains"
    assert set(exercise.muscles) <= set(MUSCLES)
    assert len(set(exercise.muscles)) == len(exercise.muscles)
    assert exercise.equipment and set(exercise.equipment) <= set(EQUIPMENT)
    assert exercise.pattern in PATTERNS
    assert exercise.cues and all(cue.strip() for cue in exercise.cues)
    if exercise.category == "strength":
        assert len(exercise.cues) >= 2
    assert exercise.faults, "every exercise names at least one fault"
    for fault in exercise.faults:
        assert fault.fault and fault.risk and fault.fix
    assert exercise.aliases, "aliases are needed to match CSV imports"
    assert exercise.level is None or exercise.level in LEVELS
    for substitute in exercise.substitutes:
        assert substitute in catalog and substitute != slug
    assert exercise.variant_of is None or exercise.variant_of in catalog


@pytest.mark.parametrize("slug", sorted(EXPECTED_SLUGS))
def test_evidence_is_graded_and_sourced_from_the_science_notes(catalog: Catalog, slug: str) -> None:
    evidence = catalog.get(slug).evidence
    if evidence is not None:
        assert evidence.grade in GRADES
        assert "Blagrove" in evidence.note or "EMG" in evidence.note


def test_every_plyometric_counts_foot_contacts_and_has_a_level(catalog: Catalog) -> None:
    plyometrics = catalog.by_category("plyometric")
    assert len(plyometrics) >= 10
    for exercise in plyometrics:
        assert exercise.foot_contacts_per_rep is not None and exercise.foot_contacts_per_rep >= 1
        assert exercise.level in LEVELS
    for exercise in catalog:
        if exercise.category != "plyometric":
            assert exercise.foot_contacts_per_rep is None


@pytest.mark.parametrize(
    ("slug", "contacts"),
    [("box-jump", 1), ("pogo-jumps", 1), ("depth-jump", 2), ("bounding", 2)],
)
def test_foot_contact_convention(catalog: Catalog, slug: str, contacts: int) -> None:
    assert catalog.get(slug).foot_contacts_per_rep == contacts


def test_leg_press_muscles_follow_the_science_notes(catalog: Catalog) -> None:
    leg_press = catalog.get("leg-press")
    assert leg_press.primary_muscles == ("quadriceps", "glutes")
    assert set(leg_press.secondary_muscles) == {"adductors", "hamstrings"}
    assert "calves" not in leg_press.muscles
    assert leg_press.notes is not None
    assert "does not train the calves" in leg_press.notes
    assert "calf-press" in leg_press.notes


def test_leg_press_cues_and_faults_cover_the_form_points(catalog: Catalog) -> None:
    leg_press = catalog.get("leg-press")
    cues = " ".join(leg_press.cues).lower()
    for point in ("90", "pelvis", "flat", "hip width", "over the toes", "lock", "bounce"):
        assert point in cues
    assert "safety stops" in cues and "breathe out" in cues
    faults = " ".join(f.fault for f in leg_press.faults).lower()
    for point in ("pelvis", "valgus", "locking", "bouncing", "safety stops", "breath"):
        assert point in faults
    assert all(f.risk for f in leg_press.faults)


def test_leg_press_family(catalog: Catalog) -> None:
    variants = {e.slug for e in catalog.variants_of("leg-press")}
    assert variants == LEG_PRESS_FAMILY - {"leg-press"}
    assert catalog.get("single-leg-leg-press").unilateral
    for slug in LEG_PRESS_FAMILY:
        assert "leg-press" in catalog.get(slug).equipment


def test_calf_press_is_the_only_leg_press_variant_training_calves(catalog: Catalog) -> None:
    on_the_sled = [e for e in catalog if "leg-press" in e.equipment]
    assert [e.slug for e in on_the_sled if "calves" in e.muscles] == ["calf-press"]
    assert catalog.get("calf-press").primary_muscles == ("calves",)


def test_foot_placement_variants_shift_the_work(catalog: Catalog) -> None:
    for slug in ("leg-press-high-feet", "leg-press-wide-feet"):
        exercise = catalog.get(slug)
        assert exercise.primary_muscles[0] == "glutes"
        assert exercise.evidence is not None and exercise.evidence.grade == "moderate"
        assert "EMG" in exercise.evidence.note
    low = catalog.get("leg-press-low-feet")
    assert low.primary_muscles == ("quadriceps",)
    assert low.evidence is not None and low.evidence.grade == "moderate"


def test_leg_press_substitutes_need_no_leg_press(catalog: Catalog) -> None:
    substitutes = catalog.get("leg-press").substitutes
    for slug in ("back-squat", "goblet-squat", "bulgarian-split-squat", "step-up"):
        assert slug in substitutes


@pytest.mark.parametrize("machine", sorted(MACHINES))
def test_substitutes_do_not_need_the_same_machine(catalog: Catalog, machine: str) -> None:
    for exercise in catalog:
        if machine in exercise.equipment:
            for substitute in catalog.substitutes_for(exercise.slug):
                assert machine not in substitute.equipment, (exercise.slug, substitute.slug)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Leg Press", "leg-press"),
        ("Leg Press (Machine)", "leg-press"),
        ("Single Leg Press (Machine)", "single-leg-leg-press"),
        ("Squat (Barbell)", "back-squat"),
        ("Bulgarian Split Squat", "bulgarian-split-squat"),
        ("Calf Press on Leg Press", "calf-press"),
        ("Romanian Deadlift (Barbell)", "romanian-deadlift"),
        ("Hip Thrust (Barbell)", "hip-thrust"),
        ("Plank", "front-plank"),
    ],
)
def test_names_from_other_apps_match(catalog: Catalog, name: str, slug: str) -> None:
    exercise = catalog.match(name)
    assert exercise is not None and exercise.slug == slug
