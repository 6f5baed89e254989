"""Use case: create (or complete) the demo athlete and its year of training, idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from runstrong.demo import DEMO_ATHLETE, DemoTraining, generate_demo_training
from runstrong.demo.generator import SEED, WEEKS
from runstrong.domain.models import Athlete
from runstrong.store import Store, UnitOfWork

__all__ = ["DemoResult", "seed_demo", "seed_demo_years"]


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
        added_runs, added_lifts, present = _add_missing(
            uow, athlete.id, generate_demo_training(anchor)
        )
        return DemoResult(
            athlete=athlete,
            activities_added=added_runs,
            strength_sessions_added=added_lifts,
            already_present=present,
        )


def seed_demo_years(store: Store, athlete_id: int, anchor: date, years: int = 1) -> int:
    """Add ``years`` demo years, back to back and ending before ``anchor``, to an existing
    athlete (benchmarks, tests, trying the app out); returns the number of sessions added.

    Year 0 is the demo year of :func:`seed_demo`; each earlier year has its own seed. Sessions
    already present (same ``external_id``) are skipped, so seeding twice adds nothing.
    """
    added = 0
    with store.unit_of_work() as uow:
        for year in range(years):
            year_anchor = anchor - timedelta(weeks=WEEKS * year)
            runs, lifts, _ = _add_missing(
                uow, athlete_id, generate_demo_training(year_anchor, seed=SEED + year)
            )
            added += runs + lifts
    return added


def _add_missing(uow: UnitOfWork, athlete_id: int, training: DemoTraining) -> tuple[int, int, int]:
    """Store the sessions not stored yet: (runs added, strength sessions added, already there)."""
    present_runs = uow.activities.existing_external_ids(
        athlete_id, [a.external_id for a in training.activities if a.external_id]
    )
    present_lifts = uow.strength.existing_external_ids(
        athlete_id, [s.external_id for s in training.strength_sessions if s.external_id]
    )
    added_runs = added_lifts = 0
    for activity in training.activities:
        if activity.external_id not in present_runs:
            uow.activities.add(athlete_id, activity)
            added_runs += 1
    for session in training.strength_sessions:
        if session.external_id not in present_lifts:
            uow.strength.add(athlete_id, session)
            added_lifts += 1
    return added_runs, added_lifts, len(present_runs) + len(present_lifts)
