"""An athlete's gym: the barbell, the plates on the rack, the leg-press sled and rest times."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["DEFAULT_REST_S", "GymSettings", "LoadUnit"]

LoadUnit = Literal["kg", "lb"]

#: Rest between sets by exercise category, seconds (coaching practice: 2-3 min after heavy
#: strength sets, shorter after jumps, drills and core work).
DEFAULT_REST_S: Mapping[str, int] = {"strength": 150, "plyometric": 90, "drill": 60, "core": 60}


@dataclass(frozen=True, slots=True)
class GymSettings:
    """``bar_kg`` is the barbell's weight, ``plates_kg`` the plate sizes on the rack (pairs of
    each), ``sled_kg`` what the leg-press sled weighs empty; ``rest_s`` overrides the rest
    timer per exercise slug. ``unit`` is how the gym's plates are marked."""

    unit: LoadUnit = "kg"
    bar_kg: float = 20.0
    plates_kg: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
    sled_kg: float = 0.0
    rest_s: Mapping[str, int] = field(default_factory=dict)
