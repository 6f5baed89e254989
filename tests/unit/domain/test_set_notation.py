"""Tests for runstrong.domain.set_notation: ``4x6@140kg rpe8`` and friends."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.domain.models import StrengthSet
from runstrong.domain.set_notation import SetGroup, parse_set_group
from runstrong.domain.units import KG_PER_LB
from runstrong.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4x6@140kg rpe8", SetGroup(4, 6, 140.0, 8.0, "both")),
        ("4X6@140KG RPE8", SetGroup(4, 6, 140.0, 8.0, "both")),
        ("4×6@140kg", SetGroup(4, 6, 140.0, None, "both")),
        ("3 x 8 @ 70 @7.5 left", SetGroup(3, 8, 70.0, 7.5, "left")),
        ("3x8@70kg rpe8 left", SetGroup(3, 8, 70.0, 8.0, "left")),
        ("3x8@70kg right", SetGroup(3, 8, 70.0, None, "right")),
        ("3x8@70kg l", SetGroup(3, 8, 70.0, None, "left")),
        ("3x8@70kg R", SetGroup(3, 8, 70.0, None, "right")),
        ("3x8@70kg both", SetGroup(3, 8, 70.0, None, "both")),
        ("5x3@102.5kg rpe 9.5", SetGroup(5, 3, 102.5, 9.5, "both")),
        ("3x8@300lb", SetGroup(3, 8, 300 * KG_PER_LB, None, "both")),
        ("3x8@300lbs @7.5", SetGroup(3, 8, 300 * KG_PER_LB, 7.5, "both")),
        ("3x10 bw", SetGroup(3, 10, 0.0, None, "both")),
        ("3x10@bw rpe7", SetGroup(3, 10, 0.0, 7.0, "both")),
        ("3x10", SetGroup(3, 10, 0.0, None, "both")),
        ("3x10 rpe6", SetGroup(3, 10, 0.0, 6.0, "both")),
        ("  2x5@100kg  ", SetGroup(2, 5, 100.0, None, "both")),
        ("1x1@1500kg", SetGroup(1, 1, 1500.0, None, "both")),
        ("50x200@0kg", SetGroup(50, 200, 0.0, None, "both")),
    ],
)
def test_parse_set_group(text: str, expected: SetGroup) -> None:
    parsed = parse_set_group(text)
    assert parsed.load_kg == pytest.approx(expected.load_kg)
    assert (parsed.sets, parsed.reps, parsed.rpe, parsed.side) == (
        expected.sets,
        expected.reps,
        expected.rpe,
        expected.side,
    )


def test_default_unit_applies_only_to_bare_loads() -> None:
    assert parse_set_group("3x8@100", default_unit="lb").load_kg == pytest.approx(100 * KG_PER_LB)
    assert parse_set_group("3x8@100kg", default_unit="lb").load_kg == 100.0
    assert parse_set_group("3x8@100", default_unit="kg").load_kg == 100.0


def test_side_argument_applies_when_the_text_names_none() -> None:
    assert parse_set_group("3x8@70kg", side="left").side == "left"
    assert parse_set_group("3x8@70kg right", side="left").side == "right"
    assert parse_set_group("3x8@70kg").side == "both"


def test_expand_gives_one_set_per_set() -> None:
    sets = parse_set_group("3x8@70kg rpe8 left").expand("single-leg-leg-press")
    assert sets == (StrengthSet("single-leg-leg-press", 8, 70.0, 8.0, "left"),) * 3


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("4x@kg", "SETSxREPS@LOAD"),
        ("x6@100kg", "SETSxREPS@LOAD"),
        ("4x6@", "SETSxREPS@LOAD"),
        ("", "SETSxREPS@LOAD"),
        ("four by six", "SETSxREPS@LOAD"),
        ("4x6@-10kg", "SETSxREPS@LOAD"),
        ("4x6@140 stone", "SETSxREPS@LOAD"),
        ("4x6@140kg sideways", "SETSxREPS@LOAD"),
        ("4x6.5@140kg", "SETSxREPS@LOAD"),
        ("0x6@140kg", "number of sets must be 1 to 50"),
        ("51x6@140kg", "number of sets must be 1 to 50"),
        ("4x0@140kg", "reps must be 1 to 200"),
        ("4x201", "reps must be 1 to 200"),
        ("4x6@1501kg", "1500 kg"),
        ("4x6@3400lb", "1500 kg"),
        ("4x6@140kg rpe11", "RPE must be between 1 and 10"),
        ("4x6@140kg rpe0", "RPE must be between 1 and 10"),
        ("4x6@140kg @10.5", "RPE must be between 1 and 10"),
    ],
)
def test_parse_set_group_refuses(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        parse_set_group(text)


def test_error_names_the_text_and_shows_an_example() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_set_group("4x@kg")
    assert "'4x@kg'" in str(caught.value)
    assert "4x6@140kg rpe8" in str(caught.value)


@st.composite
def _notation(draw: st.DrawFn) -> tuple[str, int, int, float, float | None, str]:
    """Valid notation text and the numbers it stands for (load in kg, side)."""
    sets = draw(st.integers(1, 50))
    reps = draw(st.integers(1, 200))
    times = draw(st.sampled_from(["x", "X", "×", " x ", " × "]))
    unit = draw(st.sampled_from(["kg", "KG", "kgs", "lb", "lbs", "LB", "", "bw"]))
    if unit == "bw":
        load_text, load_kg = draw(st.sampled_from([" bw", " BW", "@bw", " @ bw"])), 0.0
    else:
        pounds = unit.lower().startswith("lb")
        load = draw(st.integers(0, 2 * (3300 if pounds else 1500))) / 2
        spacing = draw(st.sampled_from(["", " "]))
        load_text = f"@{spacing}{load:g}{spacing}{unit}"
        load_kg = load * KG_PER_LB if pounds else load
    rpe = draw(st.none() | st.integers(2, 20).map(lambda half: half / 2))
    rpe_text = ""
    if rpe is not None:
        style = draw(st.sampled_from(["rpe{}", "RPE {}", "@{}", "@ {}"]))
        rpe_text = " " + style.format(f"{rpe:g}")
    side_word = draw(st.sampled_from(["", "left", "right", "both", "l", "r", "LEFT"]))
    side = {"l": "left", "r": "right", "": "both"}.get(side_word.lower(), side_word.lower())
    side_text = f" {side_word}" if side_word else ""
    text = f"{sets}{times}{reps}{load_text}{rpe_text}{side_text}"
    return text, sets, reps, load_kg, rpe, side


@given(_notation())
def test_generated_notation_recovers_its_numbers(
    case: tuple[str, int, int, float, float | None, str],
) -> None:
    text, sets, reps, load_kg, rpe, side = case
    group = parse_set_group(text)
    assert (group.sets, group.reps, group.rpe, group.side) == (sets, reps, rpe, side)
    assert group.load_kg == pytest.approx(load_kg)
    assert len(group.expand("leg-press")) == sets


@given(st.integers(11, 99))
def test_rpe_above_ten_is_always_refused(rpe: int) -> None:
    with pytest.raises(ValidationError, match="RPE"):
        parse_set_group(f"3x5@100kg rpe{rpe}")
