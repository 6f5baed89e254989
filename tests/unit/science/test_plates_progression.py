"""Plate math and the double-progression rule, against loads worked out by hand."""

from __future__ import annotations

import pytest

from runstrong.domain.models import StrengthSet
from runstrong.errors import ValidationError
from runstrong.science.plates import LB_PLATES_KG, plates_per_side, total_from_plates
from runstrong.science.progression import double_progression

LB = 0.45359237


@pytest.mark.parametrize(
    ("target", "base", "per_side", "short"),
    [
        (100.0, 20.0, (25.0, 15.0), 0.0),  # (100 - 20) / 2 = 40 = 25 + 15
        (142.5, 20.0, (25.0, 25.0, 10.0, 1.25), 0.0),  # 61.25 per side
        (20.0, 20.0, (), 0.0),  # the empty bar
        (101.0, 20.0, (25.0, 15.0), 1.0),  # 0.5 per side has no plate
        (150.0, 60.0, (25.0, 20.0), 0.0),  # a 60 kg leg-press sled
    ],
)
def test_kilogram_plates(
    target: float, base: float, per_side: tuple[float, ...], short: float
) -> None:
    load = plates_per_side(target, base)
    assert load.per_side_kg == per_side
    assert load.short_kg == pytest.approx(short)
    assert load.total_kg == pytest.approx(target - short)


def test_pound_plates() -> None:
    # 315 lb on a 45 lb bar: 135 lb per side = 45 + 45 + 45
    load = plates_per_side(315 * LB, 45 * LB, LB_PLATES_KG)
    assert [round(p / LB, 6) for p in load.per_side_kg] == [45, 45, 45]
    assert load.short_kg == pytest.approx(0, abs=1e-9)
    # 215 lb: 85 per side = 45 + 35 + 5
    load = plates_per_side(215 * LB, 45 * LB, LB_PLATES_KG)
    assert [round(p / LB, 6) for p in load.per_side_kg] == [45, 35, 5]


def test_below_the_bar_and_totals() -> None:
    load = plates_per_side(10.0, 20.0)
    assert load.per_side_kg == () and load.short_kg == pytest.approx(-10.0)
    assert total_from_plates([20, 20, 5], base_kg=50) == 140.0
    with pytest.raises(ValidationError):
        plates_per_side(-5, 20)


def _sets(*items: tuple[int, float, float | None]) -> list[StrengthSet]:
    return [StrengthSet("leg-press", reps, load, rpe) for reps, load, rpe in items]


def test_every_set_done_easily_adds_one_step() -> None:
    found = double_progression(_sets((8, 60, None), (6, 140, 8), (6, 140, 7.5), (6, 140, 8)))
    assert found is not None
    assert (found.sets, found.reps, found.load_kg) == (3, 6, 142.5)


@pytest.mark.parametrize(
    "sets",
    [
        _sets((6, 140, 8), (5, 140, 8)),  # a set fell short of its reps
        _sets((6, 140, 8), (6, 140, 9)),  # a set above RPE 8
    ],
)
def test_otherwise_the_same_load(sets: list[StrengthSet]) -> None:
    found = double_progression(sets)
    assert found is not None and found.load_kg == 140.0


def test_warm_ups_holds_and_body_weight() -> None:
    warm_only = [StrengthSet("leg-press", 10, 60.0, warmup=True)]
    assert double_progression(warm_only) is None
    heavy_warm_up = [StrengthSet("leg-press", 1, 200.0, warmup=True), *_sets((5, 140, 8))]
    found = double_progression(heavy_warm_up, step_kg=5 * LB)
    assert found is not None and found.load_kg == pytest.approx(140 + 5 * LB, abs=1e-3)
    holds = [StrengthSet("front-plank", 1, 0.0, duration_s=s) for s in (40.0, 45.0)]
    found = double_progression(holds)
    assert found is not None and (found.hold_s, found.sets) == (45.0, 2)
    body = double_progression([StrengthSet("box-jump", 5, 0.0)] * 3)
    assert body is not None and (body.reps, body.load_kg) == (5, 0.0)
