"""Use case: create (or complete) the demo athlete and its year of training, idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from runstrong.demo import DEMO_ATHLETE, generate_demo_training
from runstrong.domain.models import Athlete
from runstrong.store import Store

__all__ = ["DemoResult", "seed_demo"]


@dataclass(frozen=True, slots=True)
class DemoResult:
    athlete: Athlete
    activities_added: int
    strength_sessions_added: int
    already_present: int


def seed_demo(store: Store, today: date | None = None) -> DemoResult:
    """Store the demo athlete and the year of training before the day it was first created.

    The anchor date is the athlete's creation date, so running the demo again on a later day
    adds nothing: every generated session has a stable ``external_id`` that is skipped when
    present.
    """
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name(DEMO_ATHLETE.name) or uow.athletes.add(DEMO_ATHLETE)
        assert athlete.id is not None
        anchor = uow.athletes.created_at(athlete.id).date() if today is None else today
        if today is None and anchor > datetime.now(UTC).date():
            anchor = datetime.now(UTC).date()
        training = generate_demo_training(anchor)
        present_runs = uow.activities.existing_external_ids(
            athlete.id, [a.external_id for a in training.activities if a.external_id]
        )
        present_lifts = uow.strength.existing_external_ids(
            athlete.id, [s.external_id for s in training.strength_sessions if s.external_id]
        )
        added_runs = added_lifts = 0
        for activity in training.activities:
            if activity.external_id not in present_runs:
                uow.activities.add(athlete.id, activity)
                added_runs += 1
        for session in training.strength_sessions:
            if session.external_id not in present_lifts:
                uow.strength.add(athlete.id, session)
                added_lifts += 1
        return DemoResult(
            athlete=athlete,
            activities_added=added_runs,
            strength_sessions_added=added_lifts,
            already_present=len(present_runs) + len(present_lifts),
        )
