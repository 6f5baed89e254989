"""Changes to a strength session's sets, as a lifter states them: replace them all, change set
N, remove set N, add sets at the end. Sets are numbered from 1 in the order shown.

Pure: the caller parses the notation (``runstrong.domain.set_notation``) and looks up
exercises; :func:`apply_set_changes` only rearranges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from runstrong.domain.models import StrengthSet
from runstrong.domain.set_notation import SetGroup
from runstrong.errors import ValidationError

__all__ = ["SetChanges", "SetEdit", "apply_set_changes"]


@dataclass(frozen=True, slots=True)
class SetEdit:
    """Set ``number`` becomes ``group`` (one set for ``1x...``). Without ``exercise_slug`` it
    keeps its exercise; without ``side_given`` it keeps its side."""

    number: int
    group: SetGroup
    exercise_slug: str | None = None
    side_given: bool = True


@dataclass(frozen=True, slots=True)
class SetChanges:
    """What to do to the sets; ``replace_all`` excludes the others."""

    replace_all: tuple[StrengthSet, ...] | None = None
    edits: tuple[SetEdit, ...] = ()
    deletes: tuple[int, ...] = ()
    adds: tuple[StrengthSet, ...] = ()

    @property
    def empty(self) -> bool:
        return self.replace_all is None and not (self.edits or self.deletes or self.adds)


def _check_number(number: int, count: int) -> None:
    if not 1 <= number <= count:
        raise ValidationError(
            f"no set {number}: this session has sets 1 to {count} "
            "(see `runstrong sessions` or the session page)"
        )


def apply_set_changes(
    current: Sequence[StrengthSet], changes: SetChanges
) -> tuple[StrengthSet, ...]:
    """The sets after ``changes``; numbers refer to ``current``.

    >>> from runstrong.domain.set_notation import parse_set_group
    >>> sets = (StrengthSet("leg-press", 6, 140.0), StrengthSet("calf-raise", 12, 60.0))
    >>> edit = SetEdit(1, parse_set_group("1x6@145kg rpe8"))
    >>> [(s.exercise_slug, s.load_kg) for s in apply_set_changes(sets, SetChanges(edits=(edit,)))]
    [('leg-press', 145.0), ('calf-raise', 60.0)]
    """
    if changes.replace_all is not None:
        if changes.edits or changes.deletes or changes.adds:
            raise ValidationError(
                "replace all sets (--set) or change some (--set-edit, --set-delete, --set-add), "
                "not both"
            )
        return changes.replace_all
    count = len(current)
    edits: dict[int, SetEdit] = {}
    for edit in changes.edits:
        _check_number(edit.number, count)
        if edit.number in edits:
            raise ValidationError(f"set {edit.number} is changed twice: say it once")
        edits[edit.number] = edit
    deletes = set()
    for number in changes.deletes:
        _check_number(number, count)
        if number in edits:
            raise ValidationError(f"set {number} is both changed and removed: choose one")
        deletes.add(number)
    result: list[StrengthSet] = []
    for number, item in enumerate(current, 1):
        if number in deletes:
            continue
        change = edits.get(number)
        if change is None:
            result.append(item)
            continue
        slug = change.exercise_slug or item.exercise_slug
        group = change.group if change.side_given else replace(change.group, side=item.side)
        result.extend(group.expand(slug))
    result.extend(changes.adds)
    if not result:
        raise ValidationError(
            "a strength session needs at least one set: delete the session instead"
        )
    return tuple(result)
