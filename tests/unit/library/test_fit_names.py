"""Schema test of library/fit_exercises.toml against the FIT profile and the exercise library,
and the parser's errors for broken mapping documents."""

from __future__ import annotations

import pytest
from fitdecode import profile

from runstrong.errors import ValidationError
from runstrong.library import PATTERNS, load_catalog
from runstrong.library.fit_names import load_fit_names, parse_fit_names, watch_slug

CATEGORIES = set(profile.FIELD_TYPES["exercise_category"].enum.values())


def test_every_entry_is_a_fit_exercise_and_a_library_slug() -> None:
    names, catalog = load_fit_names(), load_catalog()
    entries = list(names)
    assert len(entries) >= 40
    for entry in entries:
        assert entry.category in CATEGORIES, entry
        exercise_names = profile.FIELD_TYPES[f"{entry.category}_exercise_name"].enum.values()
        assert entry.name in exercise_names, entry
        assert entry.slug in catalog, entry


def test_leg_press_is_squat_leg_press_both_ways() -> None:
    names = load_fit_names()
    assert names.slug_for("squat", "leg_press") == "leg-press"
    assert names.fit_for("leg-press") == ("squat", "leg_press")
    assert names.slug_for("squat", None) is None
    assert names.slug_for("deadlift", "sumo_deadlift") is None


def test_the_conventional_barbell_deadlift_is_the_library_deadlift() -> None:
    names = load_fit_names()
    assert names.slug_for("deadlift", "barbell_deadlift") == "deadlift"
    assert names.fit_for("deadlift") == ("deadlift", "barbell_deadlift")
    # other deadlifts stay what they are: trap bar, Romanian, or the watch's own name
    assert names.slug_for("deadlift", "trap_bar_deadlift") == "trap-bar-deadlift"
    assert names.slug_for("deadlift", "romanian_deadlift") == "romanian-deadlift"
    assert names.slug_for("deadlift", "rack_pull") is None
    # Garmin's plain plank and hip raise are the library's front plank and glute bridge
    assert names.slug_for("plank", "weighted_plank") == "front-plank"
    assert names.slug_for("hip_raise", "hip_raise") == "glute-bridge"


def test_every_library_exercise_can_be_written_to_a_workout() -> None:
    names = load_fit_names()
    assert set(names.nearest) == set(PATTERNS)
    assert set(names.nearest.values()) <= CATEGORIES
    assert names.hold_categories <= CATEGORIES
    for exercise in load_catalog():
        fit = names.fit_for(exercise.slug)
        category = fit[0] if fit else names.nearest_category(exercise.pattern)
        assert category in CATEGORIES


def test_the_watchs_own_name_is_kept_for_exercises_the_library_lacks() -> None:
    assert watch_slug("deadlift", "barbell_deadlift") == "unknown:barbell-deadlift"
    assert watch_slug("pull_up", None) == "unknown:pull-up"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version = 2", "schema_version must be 1"),
        ("schema_version = 1\n[[exercise]]\ncategory = 'squat'\nname = 'leg_press'", "exactly"),
        (
            "schema_version = 1\n"
            + "[[exercise]]\ncategory='squat'\nname='leg_press'\nslug='a'\n" * 2,
            "given twice",
        ),
        ("schema_version = 1\n[nearest]\nflying = 'plyo'", "unknown patterns flying"),
        ("schema_version = 1\nhold_categories = 'plank'", "hold_categories"),
        ("schema_version = [", "not valid TOML"),
    ],
)
def test_broken_mapping_documents_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_fit_names(text)
