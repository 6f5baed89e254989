"""Set changes: numbers refer to the sets as shown, edits keep exercise and side unless
given, and impossible changes are refused."""

from __future__ import annotations

import pytest

from runstrong.domain.models import StrengthSet
from runstrong.domain.set_edits import SetChanges, SetEdit, apply_set_changes
from runstrong.domain.set_notation import parse_set_group
from runstrong.errors import ValidationError

SETS = (
    StrengthSet("leg-press", 6, 140.0, 8.0),
    StrengthSet("single-leg-leg-press", 8, 60.0, None, "left"),
    StrengthSet("single-leg-leg-press", 8, 57.5, None, "right"),
)


def test_edit_keeps_exercise_and_side_unless_given() -> None:
    keep_side = SetEdit(3, parse_set_group("1x10@55kg"), side_given=False)
    new_exercise = SetEdit(1, parse_set_group("2x5@150kg"), "hack-squat")
    result = apply_set_changes(SETS, SetChanges(edits=(keep_side, new_exercise)))
    assert [(s.exercise_slug, s.reps, s.load_kg, s.side) for s in result] == [
        ("hack-squat", 5, 150.0, "both"),
        ("hack-squat", 5, 150.0, "both"),
        ("single-leg-leg-press", 8, 60.0, "left"),
        ("single-leg-leg-press", 10, 55.0, "right"),
    ]


def test_delete_and_add_refer_to_the_sets_before_the_change() -> None:
    added = StrengthSet("calf-raise", 12, 40.0)
    result = apply_set_changes(SETS, SetChanges(deletes=(1, 3), adds=(added,)))
    assert result == (SETS[1], added)


def test_replace_all_replaces_everything() -> None:
    new = (StrengthSet("leg-press", 5, 150.0),)
    assert apply_set_changes(SETS, SetChanges(replace_all=new)) == new


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (SetChanges(deletes=(4,)), "no set 4"),
        (SetChanges(deletes=(0,)), "no set 0"),
        (SetChanges(edits=(SetEdit(9, parse_set_group("1x5")),)), "no set 9"),
        (SetChanges(deletes=(1, 2, 3)), "at least one set"),
        (
            SetChanges(edits=(SetEdit(2, parse_set_group("1x5")),), deletes=(2,)),
            "both changed and removed",
        ),
        (
            SetChanges(
                edits=(SetEdit(2, parse_set_group("1x5")), SetEdit(2, parse_set_group("1x6")))
            ),
            "changed twice",
        ),
        (SetChanges(replace_all=SETS[:1], deletes=(1,)), "not both"),
    ],
)
def test_impossible_changes_are_refused(changes: SetChanges, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        apply_set_changes(SETS, changes)
