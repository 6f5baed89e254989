"""The thresholds of the plan rules (``data/rules.toml``), loaded and checked once.

The planner and the independent checker share these numbers, never the code that applies them.
Sources and grades: ``docs/science.md``, "The plan rules".

>>> rules().c1_hours, rules().i1_easy_share, rules().p1_contacts["beginner"]
(48.0, 0.75, (80, 100))
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from runstrong.domain.plan import PlyometricLevel
from runstrong.errors import ValidationError

__all__ = ["RULE_CODES", "RuleNumbers", "parse_rules", "rules"]

#: Every rule of the plan, strongest first (the order in which they give way, last first).
RULE_CODES: Final = ("C1", "C2", "C3", "S4", "T1", "V1", "T2", "I1", "S1", "S2", "S3", "P1", "D1")
_LEVELS: Final[tuple[PlyometricLevel, ...]] = ("beginner", "intermediate", "advanced")


@dataclass(frozen=True, slots=True)
class RuleNumbers:
    c1_hours: float
    c3_hours: float
    c3_heavy_per_week: int
    t1_days: tuple[int, int]
    t1_cut: tuple[float, float]
    t1_pre_weeks: int
    t2_frequency: float
    s4_cut: tuple[float, float]
    s4_no_heavy_days: int
    s4_last_heavy_days: tuple[int, int]
    s4_activation: tuple[int, int, float]
    s4_no_strength_days: int
    v1_rise: float
    v1_rise_four_weeks: float
    v1_lighter_cut: tuple[float, float]
    v1_loading_in_a_row: int
    i1_easy_share: float
    i1_hard_per_week: int
    p1_contacts: dict[PlyometricLevel, tuple[int, int]]
    d1_sets: tuple[int, int]
    d1_distance_m: tuple[float, float]


@cache
def rules() -> RuleNumbers:
    """The packaged thresholds (cached)."""
    text = resources.files("runstrong.planning").joinpath("data/rules.toml").read_text("utf-8")
    return parse_rules(tomllib.loads(text))


def parse_rules(raw: dict[str, Any]) -> RuleNumbers:
    """Check a parsed ``rules.toml``; :class:`ValidationError` names the first wrong value."""
    if raw.get("schema_version") != 1:
        raise ValidationError("rules.toml: expected schema_version = 1.")

    def number(section: str, key: str, low: float, high: float) -> float:
        table = raw.get(section)
        value = table.get(key) if isinstance(table, dict) else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(f"rules.toml: [{section}] {key} must be a number.")
        if not low <= value <= high:
            raise ValidationError(f"rules.toml: [{section}] {key} = {value} is not {low}-{high}.")
        return float(value)

    def pair(
        section: str, low_key: str, high_key: str, low: float, high: float
    ) -> tuple[float, float]:
        first, second = number(section, low_key, low, high), number(section, high_key, low, high)
        if first > second:
            raise ValidationError(f"rules.toml: [{section}] {low_key} is above {high_key}.")
        return first, second

    contacts: dict[PlyometricLevel, tuple[int, int]] = {}
    for level in _LEVELS:
        value = raw.get("P1", {}).get(level)
        if not (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and 0 < value[0] <= value[1] <= 400
        ):
            raise ValidationError(f"rules.toml: [P1] {level} must be [low, high] foot contacts.")
        contacts[level] = (value[0], value[1])
    days = pair("T1", "min_days", "max_days", 1, 28)
    sets = pair("D1", "min_sets", "max_sets", 1, 10)
    no_heavy, last_heavy = pair(
        "S4", "no_heavy_days_before_race", "last_heavy_max_days_before_race", 0, 21
    )
    return RuleNumbers(
        c1_hours=number("C1", "min_hours_before_key_run", 0, 96),
        c3_hours=number("C3", "min_hours_between_lower_body", 0, 96),
        c3_heavy_per_week=int(number("C3", "max_heavy_per_week", 1, 7)),
        t1_days=(int(days[0]), int(days[1])),
        t1_cut=pair("T1", "min_volume_cut", "max_volume_cut", 0, 1),
        t1_pre_weeks=int(number("T1", "pre_taper_weeks", 1, 4)),
        t2_frequency=number("T2", "min_run_frequency", 0, 1),
        s4_cut=pair("S4", "min_volume_cut", "max_volume_cut", 0, 1),
        s4_no_heavy_days=int(no_heavy),
        s4_last_heavy_days=(int(no_heavy), int(last_heavy)),
        s4_activation=(
            int(number("S4", "activation_max_sets", 1, 10)),
            int(number("S4", "activation_max_reps", 1, 20)),
            number("S4", "activation_max_rpe", 1, 10),
        ),
        s4_no_strength_days=int(number("S4", "no_strength_days_before_race", 0, 7)),
        v1_rise=number("V1", "max_rise", 0, 1),
        v1_rise_four_weeks=number("V1", "max_rise_over_four_weeks", 0, 1),
        v1_lighter_cut=pair("V1", "lighter_min_cut", "lighter_max_cut", 0, 1),
        v1_loading_in_a_row=int(number("V1", "max_loading_weeks_in_a_row", 1, 8)),
        i1_easy_share=number("I1", "min_easy_share", 0, 1),
        i1_hard_per_week=int(number("I1", "max_hard_per_week", 0, 7)),
        p1_contacts=contacts,
        d1_sets=(int(sets[0]), int(sets[1])),
        d1_distance_m=pair("D1", "min_distance_m", "max_distance_m", 1, 400),
    )
