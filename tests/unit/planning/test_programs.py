"""Schema test of the strength programming data (``planning/data/programs.toml``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from runstrong.errors import ValidationError
from runstrong.library import Catalog
from runstrong.planning._programs import LiftSlot, _check, programs, tables
from runstrong.science import percent_one_rep_max


def test_packaged_tables_load_and_match_the_library(catalog: Catalog) -> None:
    loaded = programs(catalog)
    assert loaded.main_lift == "leg-press"
    assert set(loaded.main) == {"sprint", "middle", "distance"}
    assert loaded.contacts == {
        "beginner": (80, 100),
        "intermediate": (100, 120),
        "advanced": (120, 140),
    }  # NSCA, docs/science.md section 5


def test_main_lifts_follow_the_evidence(catalog: Catalog) -> None:
    main = programs(catalog).main
    sprint_build = main["sprint"]["build"]
    assert sprint_build.reps <= 5 and percent_one_rep_max(sprint_build.reps, sprint_build.rpe) >= 85
    distance_build = main["distance"]["build"]
    assert 3 <= distance_build.sets <= 5 and 3 <= distance_build.reps <= 6  # ≥ 80 %, 3-5 × 3-6
    assert percent_one_rep_max(distance_build.reps, distance_build.rpe) >= 80
    for focus in main.values():
        taper = focus["taper"]
        assert percent_one_rep_max(taper.reps, taper.rpe) < 80 and taper.rpe < 8


def test_complements_stay_below_the_heavy_line(catalog: Catalog) -> None:
    for sessions in programs(catalog).complements.values():
        for session in sessions:
            for slot in session:
                assert slot.rpe < 8
                in_reserve = slot.reps + 10 - slot.rpe
                assert in_reserve > 12 or percent_one_rep_max(slot.reps, slot.rpe) < 80


@pytest.mark.parametrize(
    "broken",
    [
        {"main_lift": "leg-pres"},
        {"drills": ("a-skip", "pogo-jumps")},
        {"contacts": {"beginner": (100, 80), "intermediate": (100, 120), "advanced": (120, 140)}},
    ],
)
def test_a_broken_table_is_refused(catalog: Catalog, broken: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match=r"programs\.toml"):
        _check(replace(tables(), **broken), catalog)  # type: ignore[arg-type]


def test_a_main_lift_beyond_the_rpe_chart_is_refused(catalog: Catalog) -> None:
    main = dict(tables().main)
    main["distance"] = {**main["distance"], "base": LiftSlot(("leg-press",), 3, 12, 7.0)}
    with pytest.raises(ValidationError, match="beyond the RPE chart"):
        _check(replace(tables(), main=main), catalog)
