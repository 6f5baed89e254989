"""Use cases for manual logging: one run, one strength session.

Each is one transaction, run again if it collided with another process writing at the same
moment (:func:`runstrong.store.retry.run_in_transaction`), so that a busy store never shows the
user a "database is locked" or deadlock error.
"""

from __future__ import annotations

from runstrong.domain.models import Activity, StrengthSession
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.validation import check_activity, check_strength_session
from runstrong.store import Store, UnitOfWork
from runstrong.store.retry import run_in_transaction

__all__ = ["log_activity", "log_strength_session"]


def log_activity(store: Store, athlete_name: AthleteKey, activity: Activity) -> Activity:
    """Validate and store one run (or other activity) for the athlete."""
    check_activity(activity)

    def add(uow: UnitOfWork) -> Activity:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        return uow.activities.add(athlete.id, activity)

    return run_in_transaction(store, add)


def log_strength_session(
    store: Store, athlete_name: AthleteKey, session: StrengthSession
) -> StrengthSession:
    """Validate and store one strength session for the athlete."""
    check_strength_session(session)

    def add(uow: UnitOfWork) -> StrengthSession:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        return uow.strength.add(athlete.id, session)

    return run_in_transaction(store, add)
