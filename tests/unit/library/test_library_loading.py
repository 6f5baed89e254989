"""Loading broken library files: each problem is a ValidationError naming the exercise and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from runstrong.errors import ValidationError
from runstrong.library import load_catalog

GOBLET = """
[[exercise]]
slug = "goblet-squat"
name = "Goblet Squat"
category = "strength"
pattern = "knee-dominant"
equipment = ["dumbbell"]
unilateral = false
primary_muscles = ["quadriceps", "glutes"]
secondary_muscles = ["adductors"]
cues = ["Weight at the chest.", "Knees over the toes."]
substitutes = ["split-squat"]
aliases = ["Goblet Squat (Kettlebell)"]
level = "beginner"
evidence = { grade = "expert opinion", note = "Coaching practice." }

[[exercise.faults]]
fault = "Knees cave in."
risk = "Knee stress."
fix = "Knees out."
"""

SPLIT = """
[[exercise]]
slug = "split-squat"
name = "Split Squat"
category = "strength"
pattern = "knee-dominant"
equipment = ["bodyweight"]
unilateral = true
primary_muscles = ["quadriceps", "glutes"]
cues = ["Long stance.", "Back knee down."]
substitutes = ["goblet-squat"]
"""

JUMP = """
[[exercise]]
slug = "box-jump"
name = "Box Jump"
category = "plyometric"
pattern = "jump"
equipment = ["box"]
unilateral = false
primary_muscles = ["quadriceps"]
cues = ["Land softly."]
foot_contacts_per_rep = 1
"""

HEADER = "schema_version = 1\n"
VALID = HEADER + GOBLET + SPLIT + JUMP


def _broken(old: str, new: str, text: str = VALID) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_valid_file_loads(write_library: Callable[[str], Path]) -> None:
    catalog = load_catalog(write_library(VALID))
    assert [e.slug for e in catalog] == ["goblet-squat", "split-squat", "box-jump"]
    goblet = catalog.get("goblet-squat")
    assert goblet.faults[0].risk == "Knee stress."
    assert goblet.evidence is not None and goblet.evidence.grade == "expert opinion"
    assert catalog.get("split-squat").faults == ()


BROKEN = {
    "unknown muscle": (
        _broken('["quadriceps", "glutes"]', '["quads", "glutes"]'),
        r"exercise 'goblet-squat', field 'primary_muscles': unknown value 'quads'",
    ),
    "dangling substitute": (
        _broken('substitutes = ["split-squat"]', 'substitutes = ["split-squatt"]'),
        r"'goblet-squat', field 'substitutes': no exercise 'split-squatt'.*'split-squat'",
    ),
    "duplicate slug": (
        _broken('slug = "split-squat"', 'slug = "goblet-squat"'),
        r"'goblet-squat', field 'slug': two exercises use it \('Goblet Squat' and 'Split Squat'\)",
    ),
    "missing field": (
        _broken('category = "strength"\n', ""),
        r"'goblet-squat', field 'category': missing required field",
    ),
    "invalid TOML syntax": (
        _broken('name = "Goblet Squat"', 'name = "Goblet Squat'),
        r"not valid TOML",
    ),
    "unknown field": (
        _broken("unilateral = false", 'unilateral = false\nmuscles = ["quadriceps"]'),
        r"'goblet-squat', field 'muscles': unknown field",
    ),
    "unknown equipment": (
        _broken('equipment = ["dumbbell"]', 'equipment = ["dumbell"]'),
        r"field 'equipment': unknown value 'dumbell' \(did you mean 'dumbbell'\?\)",
    ),
    "unknown category": (
        _broken('category = "strength"', 'category = "mobility"'),
        r"'goblet-squat', field 'category': unknown value 'mobility'",
    ),
    "unknown level": (
        _broken('level = "beginner"', 'level = "expert"'),
        r"'goblet-squat', field 'level'",
    ),
    "plyometric without foot contacts": (
        _broken("foot_contacts_per_rep = 1\n", ""),
        r"'box-jump', field 'foot_contacts_per_rep': required for plyometric",
    ),
    "foot contacts on a lift": (
        _broken("unilateral = true", "unilateral = true\nfoot_contacts_per_rep = 2"),
        r"'split-squat', field 'foot_contacts_per_rep': only plyometric",
    ),
    "zero foot contacts": (
        _broken("foot_contacts_per_rep = 1", "foot_contacts_per_rep = 0"),
        r"'box-jump', field 'foot_contacts_per_rep': expected a whole number",
    ),
    "dangling variant": (
        _broken("unilateral = true", 'unilateral = true\nvariant_of = "lunge"'),
        r"'split-squat', field 'variant_of': no exercise 'lunge'",
    ),
    "variant cycle": (
        _broken(
            "unilateral = true",
            'unilateral = true\nvariant_of = "goblet-squat"',
            _broken("unilateral = false", 'unilateral = false\nvariant_of = "split-squat"'),
        ),
        r"field 'variant_of': variants form a cycle",
    ),
    "muscle both primary and secondary": (
        _broken('secondary_muscles = ["adductors"]', 'secondary_muscles = ["glutes"]'),
        r"'goblet-squat', field 'secondary_muscles': 'glutes' is already a primary muscle",
    ),
    "no primary muscle": (
        _broken('primary_muscles = ["quadriceps"]', "primary_muscles = []"),
        r"'box-jump', field 'primary_muscles': list at least one muscle",
    ),
    "slug not kebab-case": (
        _broken('slug = "split-squat"', 'slug = "Split Squat"'),
        r"'Split Squat', field 'slug': use lowercase kebab-case",
    ),
    "ambiguous alias": (
        _broken('aliases = ["Goblet Squat (Kettlebell)"]', 'aliases = ["split squat"]'),
        r"'goblet-squat', field 'aliases': 'split squat' already names 'split-squat'",
    ),
    "fault without a risk": (
        _broken('risk = "Knee stress."\n', ""),
        r"'goblet-squat', field 'faults': expected a table with exactly the keys fault, risk, fix",
    ),
    "unknown evidence grade": (
        _broken('grade = "expert opinion"', 'grade = "very strong"'),
        r"'goblet-squat', field 'evidence': unknown value 'very strong'",
    ),
    "unilateral not a boolean": (
        _broken("unilateral = false", 'unilateral = "no"'),
        r"'goblet-squat', field 'unilateral': expected true or false",
    ),
    "cue not a string": (
        _broken('cues = ["Land softly."]', "cues = [1]"),
        r"'box-jump', field 'cues': expected a non-empty string",
    ),
    "missing slug": (
        _broken('slug = "box-jump"\n', ""),
        r"exercise #3, field 'slug': missing required field",
    ),
    "missing schema version": (
        VALID.removeprefix(HEADER),
        r"expected schema_version = 1",
    ),
    "no exercises": (HEADER, r"no \[\[exercise\]\] tables"),
    "unknown top-level key": (
        "author = 'me'\n" + VALID,
        r"unknown top-level key 'author'",
    ),
}


@pytest.mark.parametrize(("text", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_library_raises_a_specific_error(
    write_library: Callable[[str], Path], text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        load_catalog(write_library(text))
    assert str(caught.value).startswith(str(write_library(VALID).parent))


def test_missing_file_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"Cannot read the exercise library"):
        load_catalog(tmp_path / "nowhere.toml")
