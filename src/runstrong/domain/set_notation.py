"""Parse the set notation lifters write: ``4x6@140kg rpe8``, ``3x8@70kg @7.5 left``, ``3x10 bw``.

Grammar (case-insensitive, spaces optional around ``x`` and ``@``)::

    SETS x REPS [@ LOAD (kg|lb) | bw] [rpe N | @N] [left|right|l|r|both]

``bw`` (or no load) means body weight only and stores a load of 0 kg.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from runstrong.domain.models import Side, StrengthSet
from runstrong.domain.units import lb_to_kg
from runstrong.errors import ValidationError

__all__ = ["SetGroup", "parse_set_group"]

_PATTERN = re.compile(
    r"""^\s*
    (?P<sets>\d+)\s*[x×]\s*(?P<reps>\d+)
    (?:\s*(?:@\s*(?P<load>\d+(?:\.\d+)?)\s*(?P<unit>kg|kgs|lb|lbs)?|\s*@?\s*(?P<bw>bw)))?
    (?:\s*(?:rpe\s*|@\s*)(?P<rpe>\d+(?:\.\d+)?))?
    (?:\s+(?P<side>left|right|both|l|r))?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SIDES: dict[str, Side] = {"l": "left", "left": "left", "r": "right", "right": "right"}
_EXAMPLE = "use SETSxREPS@LOAD, e.g. 4x6@140kg rpe8 or 3x8@70kg rpe7 left"


@dataclass(frozen=True, slots=True)
class SetGroup:
    """``sets`` identical sets of ``reps`` at ``load_kg``, as written in one notation string."""

    sets: int
    reps: int
    load_kg: float
    rpe: float | None = None
    side: Side = "both"

    def expand(self, exercise_slug: str) -> tuple[StrengthSet, ...]:
        """One :class:`StrengthSet` per set."""
        one = StrengthSet(exercise_slug, self.reps, self.load_kg, self.rpe, self.side)
        return (one,) * self.sets


def parse_set_group(text: str, *, default_unit: str = "kg", side: Side | None = None) -> SetGroup:
    """Parse one set-notation string into a :class:`SetGroup`.

    ``default_unit`` applies to a load written without a unit; ``side`` applies when the text
    names none.

    >>> parse_set_group("4x6@140kg rpe8")
    SetGroup(sets=4, reps=6, load_kg=140.0, rpe=8.0, side='both')
    >>> parse_set_group("3 x 8 @ 70 @7.5 left")
    SetGroup(sets=3, reps=8, load_kg=70.0, rpe=7.5, side='left')
    >>> parse_set_group("2x10 bw").load_kg
    0.0
    """
    match = _PATTERN.match(text)
    if not match:
        raise ValidationError(f"invalid set {text!r}: {_EXAMPLE}")
    sets, reps = int(match["sets"]), int(match["reps"])
    if not 1 <= sets <= 50:
        raise ValidationError(f"invalid set {text!r}: the number of sets must be 1 to 50")
    if not 1 <= reps <= 200:
        raise ValidationError(f"invalid set {text!r}: reps must be 1 to 200")
    load_kg = 0.0
    if match["load"] is not None:
        load = float(match["load"])
        unit = (match["unit"] or default_unit).lower().rstrip("s")
        load_kg = lb_to_kg(load) if unit == "lb" else load
        if load_kg > 1500:
            raise ValidationError(f"invalid set {text!r}: a load over 1500 kg is not plausible")
    rpe = float(match["rpe"]) if match["rpe"] is not None else None
    if rpe is not None and not 1 <= rpe <= 10:
        raise ValidationError(f"invalid set {text!r}: RPE must be between 1 and 10")
    written_side = match["side"]
    chosen: Side = _SIDES.get(written_side.lower(), "both") if written_side else (side or "both")
    return SetGroup(sets=sets, reps=reps, load_kg=load_kg, rpe=rpe, side=chosen)
