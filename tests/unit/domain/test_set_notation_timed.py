"""Warm-up and timed sets in the set notation; every earlier string still reads the same."""

from __future__ import annotations

import pytest

from runstrong.domain.models import StrengthSet
from runstrong.domain.set_notation import SetGroup, format_set, format_sets, parse_set_group
from runstrong.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1x10@60kg warmup", SetGroup(1, 10, 60.0, warmup=True)),
        ("2 x 5 @ 100 kg rpe6 warm-up", SetGroup(2, 5, 100.0, 6.0, warmup=True)),
        ("1x8@40kg left wu", SetGroup(1, 8, 40.0, side="left", warmup=True)),
        ("3x40s bw", SetGroup(3, 1, 0.0, duration_s=40.0)),
        ("3 x 45 sec @10kg", SetGroup(3, 1, 10.0, duration_s=45.0)),
        ("2x30s bw right", SetGroup(2, 1, 0.0, side="right", duration_s=30.0)),
        ("1x20s bw warmup", SetGroup(1, 1, 0.0, warmup=True, duration_s=20.0)),
        # unchanged from before: no flags, no holds
        ("4x6@140kg rpe8", SetGroup(4, 6, 140.0, 8.0)),
        ("3x10 bw", SetGroup(3, 10, 0.0)),
        ("3 x 8 @ 70 @7.5 left", SetGroup(3, 8, 70.0, 7.5, "left")),
    ],
)
def test_parse(text: str, expected: SetGroup) -> None:
    assert parse_set_group(text) == expected


def test_expanded_sets_carry_the_flags() -> None:
    sets = parse_set_group("3x40s bw").expand("front-plank")
    assert sets == (StrengthSet("front-plank", 1, 0.0, duration_s=40.0),) * 3
    assert all(s.is_timed and not s.estimates_strength for s in sets)
    (warm,) = parse_set_group("1x10@60kg warmup").expand("leg-press")
    assert warm.warmup and not warm.estimates_strength


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3x0s bw", "a hold must be 1 to 3600 s"),
        ("3x3601s bw", "a hold must be 1 to 3600 s"),
        ("1x10@60kg warm", "invalid set"),
        ("1x10@60kg warmup left", "invalid set"),  # the flag comes last
        ("3x40m bw", "invalid set"),
    ],
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_set_group(text)


@pytest.mark.parametrize(
    "text",
    ["1x10@60kg warmup", "3x40s bw", "2x30s bw right", "4x6@140kg rpe8", "3x8@70kg rpe7.5 left"],
)
def test_format_reads_back(text: str) -> None:
    group = parse_set_group(text)
    (one,) = group.expand("x")[:1]
    assert parse_set_group(format_set(one, sets=group.sets)) == group


def test_format_in_pounds_and_grouped() -> None:
    five = StrengthSet("leg-press", 5, 136.078, 8.0)
    assert format_sets([five, five], unit="lb") == "2x5@300lb rpe8"
    mixed = [StrengthSet("leg-press", 10, 60.0, warmup=True), five]
    assert format_sets(mixed) == "1x10@60kg warmup, 1x5@136.1kg rpe8"
