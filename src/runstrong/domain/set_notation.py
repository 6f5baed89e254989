"""Parse the set notation lifters write: ``4x6@140kg rpe8``, ``3x8@70kg @7.5 left``, ``3x10 bw``,
warm-ups ``1x10@60kg warmup`` and timed holds ``3x40s bw``.

Grammar (case-insensitive, spaces optional around ``x`` and ``@``)::

    SETS x (REPS | SECONDS s) [@ LOAD (kg|lb) | bw] [rpe N | @N] [left|right|l|r|both] [warmup|wu]

``bw`` (or no load) means body weight only and stores a load of 0 kg. ``40s`` (also ``40 sec``)
is a hold of 40 seconds: one repetition with a duration. ``warmup`` (also ``warm-up``, ``wu``)
marks warm-up sets. Every string the earlier grammar read is read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.domain.models import Side, StrengthSet
from runstrong.domain.units import kg_to_lb, lb_to_kg
from runstrong.errors import ValidationError

__all__ = ["SetGroup", "format_set", "format_sets", "parse_set_group"]

_PATTERN = re.compile(
    r"""^\s*
    (?P<sets>\d+)\s*[x×]\s*(?P<reps>\d+)(?:\s*(?P<timed>s|sec|secs)\b)?
    (?:\s*(?:@\s*(?P<load>\d+(?:\.\d+)?)\s*(?P<unit>kg|kgs|lb|lbs)?|\s*@?\s*(?P<bw>bw)))?
    (?:\s*(?:rpe\s*|@\s*)(?P<rpe>\d+(?:\.\d+)?))?
    (?:\s+(?P<side>left|right|both|l|r))?
    (?:\s+(?P<warmup>warmup|warm-up|wu))?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SIDES: dict[str, Side] = {"l": "left", "left": "left", "r": "right", "right": "right"}
_EXAMPLE = (
    "use SETSxREPS@LOAD, e.g. 4x6@140kg rpe8, 3x8@70kg rpe7 left, 1x10@60kg warmup or 3x40s bw"
)
#: The longest hold the notation accepts, seconds.
MAX_HOLD_S = 3600


@dataclass(frozen=True, slots=True)
class SetGroup:
    """``sets`` identical sets of ``reps`` at ``load_kg``, as written in one notation string."""

    sets: int
    reps: int
    load_kg: float
    rpe: float | None = None
    side: Side = "both"
    warmup: bool = False
    duration_s: float | None = None

    def expand(self, exercise_slug: str) -> tuple[StrengthSet, ...]:
        """One :class:`StrengthSet` per set."""
        one = StrengthSet(
            exercise_slug,
            self.reps,
            self.load_kg,
            self.rpe,
            self.side,
            warmup=self.warmup,
            duration_s=self.duration_s,
        )
        return (one,) * self.sets


def parse_set_group(text: str, *, default_unit: str = "kg", side: Side | None = None) -> SetGroup:
    """Parse one set-notation string into a :class:`SetGroup`.

    ``default_unit`` applies to a load written without a unit; ``side`` applies when the text
    names none.

    >>> parse_set_group("4x6@140kg rpe8")
    SetGroup(sets=4, reps=6, load_kg=140.0, rpe=8.0, side='both', warmup=False, duration_s=None)
    >>> parse_set_group("3 x 8 @ 70 @7.5 left")
    SetGroup(sets=3, reps=8, load_kg=70.0, rpe=7.5, side='left', warmup=False, duration_s=None)
    >>> parse_set_group("2x10 bw").load_kg
    0.0
    >>> parse_set_group("1x10@60kg warmup").warmup
    True
    >>> parse_set_group("3x40s bw")
    SetGroup(sets=3, reps=1, load_kg=0.0, rpe=None, side='both', warmup=False, duration_s=40.0)
    """
    match = _PATTERN.match(text)
    if not match:
        raise ValidationError(f"invalid set {text!r}: {_EXAMPLE}")
    sets, reps = int(match["sets"]), int(match["reps"])
    if not 1 <= sets <= 50:
        raise ValidationError(f"invalid set {text!r}: the number of sets must be 1 to 50")
    duration_s: float | None = None
    if match["timed"] is not None:
        if not 1 <= reps <= MAX_HOLD_S:
            raise ValidationError(f"invalid set {text!r}: a hold must be 1 to {MAX_HOLD_S} s")
        duration_s, reps = float(reps), 1
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
    return SetGroup(
        sets=sets,
        reps=reps,
        load_kg=load_kg,
        rpe=rpe,
        side=chosen,
        warmup=match["warmup"] is not None,
        duration_s=duration_s,
    )


def format_set(item: StrengthSet, *, unit: str = "kg", sets: int = 1) -> str:
    """One set (or ``sets`` identical ones) in the notation :func:`parse_set_group` reads.

    >>> format_set(StrengthSet("leg-press", 10, 60.0, warmup=True))
    '1x10@60kg warmup'
    >>> format_set(StrengthSet("plank", 1, 0.0, duration_s=40.0), sets=3)
    '3x40s bw'
    >>> format_set(StrengthSet("leg-press", 5, 150.0, 8.0), unit="lb")
    '1x5@330.7lb rpe8'
    """
    count = f"{round(item.duration_s):d}s" if item.duration_s is not None else str(item.reps)
    if item.load_kg > 0:
        value = kg_to_lb(item.load_kg) if unit == "lb" else item.load_kg
        load = f"@{round(value, 1):g}{unit}"
    else:
        load = " bw"
    parts = [f"{sets}x{count}{load}"]
    if item.rpe is not None:
        parts.append(f"rpe{item.rpe:g}")
    if item.side != "both":
        parts.append(item.side)
    if item.warmup:
        parts.append("warmup")
    return " ".join(parts)


def format_sets(sets: Sequence[StrengthSet], *, unit: str = "kg") -> str:
    """Sets in notation, runs of identical sets written once with their count.

    >>> five = StrengthSet("leg-press", 5, 150.0, 8.0)
    >>> format_sets([StrengthSet("leg-press", 10, 60.0, warmup=True), five, five, five])
    '1x10@60kg warmup, 3x5@150kg rpe8'
    """
    groups: list[list[StrengthSet]] = []
    for item in sets:
        if groups and groups[-1][0] == item:
            groups[-1].append(item)
        else:
            groups.append([item])
    return ", ".join(format_set(group[0], unit=unit, sets=len(group)) for group in groups)
