"""Plate math: which plates go on each side of a bar (or a leg-press sled) for a target load.

The loaded implement weighs ``base_kg`` on its own (a 20 kg barbell, a leg-press sled); the
rest is split evenly over two sides. Plates are taken heaviest first, as many of each size as
fit, which is exact for the usual plate sets (25, 20, 15, 10, 5, 2.5, 1.25 kg or
45, 35, 25, 10, 5, 2.5 lb) because each size fits into the next larger ones' steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.science._checks import non_negative

__all__ = ["KG_PLATES", "LB_PLATES_KG", "PlateLoad", "plates_per_side", "total_from_plates"]

#: A common kilogram plate set.
KG_PLATES: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
#: A common pound plate set (45, 35, 25, 10, 5, 2.5 lb), in kilograms.
LB_PLATES_KG: tuple[float, ...] = tuple(lb * 0.45359237 for lb in (45, 35, 25, 10, 5, 2.5))
_TOLERANCE_KG = 1e-6


@dataclass(frozen=True, slots=True)
class PlateLoad:
    """Plates for each side, heaviest first; ``total_kg`` is what that loads, which is below
    the target by ``short_kg`` when the plates cannot make it exactly."""

    per_side_kg: tuple[float, ...]
    total_kg: float
    short_kg: float


def plates_per_side(
    target_kg: float, base_kg: float, plates_kg: Sequence[float] = KG_PLATES
) -> PlateLoad:
    """The plates per side that load ``target_kg`` on an implement of ``base_kg``.

    A target below the implement's own weight gives no plates and a negative ``short_kg``.

    >>> plates_per_side(140, 20).per_side_kg
    (25.0, 25.0, 10.0)
    >>> load = plates_per_side(101, 20)
    >>> load.per_side_kg, load.total_kg, round(load.short_kg, 2)
    ((25.0, 15.0), 100.0, 1.0)
    """
    target = non_negative("target_kg", target_kg)
    base = non_negative("base_kg", base_kg)
    sizes = sorted((non_negative("plate", p) for p in plates_kg if p > 0), reverse=True)
    left = (target - base) / 2
    chosen: list[float] = []
    for size in sizes:
        while left >= size - _TOLERANCE_KG:
            chosen.append(size)
            left -= size
    total = base + 2 * sum(chosen)
    return PlateLoad(tuple(chosen), total, target - total)


def total_from_plates(per_side_kg: Sequence[float], base_kg: float) -> float:
    """The total load of an implement of ``base_kg`` with ``per_side_kg`` on each side.

    >>> total_from_plates([20, 20], base_kg=60)
    140.0
    """
    return non_negative("base_kg", base_kg) + 2 * sum(non_negative("plate", p) for p in per_side_kg)
