"""Manual logging refuses text and numbers the store cannot keep, on both backends, before
anything is written (PostgreSQL would otherwise refuse them with an internal error)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.errors import ValidationError
from runstrong.services.athletes import create_athlete
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.store import Store

START = datetime.now(UTC) - timedelta(days=1)
RUN = Activity(started_at=START, sport="running", moving_time_s=1800, distance_m=5000)
LIFT = StrengthSession(started_at=START, sets=(StrengthSet("leg-press", 8, 100.0),))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "x" * 201}, "the name may have at most 200 characters"),
        ({"device": "d" * 121}, "the device may have at most 120 characters"),
        ({"notes": "felt\x00good"}, "the notes contains a NUL character"),
        ({"pain_score": 3.0, "pain_location": "k" * 81}, "pain location may have at most 80"),
    ],
)
def test_run_text_limits(store: Store, changes: dict[str, object], message: str) -> None:
    athlete = create_athlete(store, Athlete(name="Limits"))
    with pytest.raises(ValidationError, match=message):
        log_activity(store, athlete.id, replace(RUN, **changes))  # type: ignore[arg-type]
    with store.unit_of_work() as uow:
        assert uow.activities.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"machine": "m" * 121}, "the machine may have at most 120 characters"),
        ({"notes": "\x00"}, "NUL character"),
        ({"sets": (StrengthSet("leg-press", 10_001, 100.0),)}, "reps must be at most 10000"),
        ({"sets": (StrengthSet("unknown:" + "e" * 120, 5, 10.0),)}, "at most 120 characters"),
    ],
)
def test_strength_limits(store: Store, changes: dict[str, object], message: str) -> None:
    athlete = create_athlete(store, Athlete(name="Limits"))
    with pytest.raises(ValidationError, match=message):
        log_strength_session(store, athlete.id, replace(LIFT, **changes))  # type: ignore[arg-type]
    with store.unit_of_work() as uow:
        assert uow.strength.count() == 0
    assert log_strength_session(store, athlete.id, LIFT).id is not None
