"""Use cases for manual logging: one run, one strength session."""

from __future__ import annotations

from runstrong.domain.models import Activity, StrengthSession
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.validation import check_activity, check_strength_session
from runstrong.store import Store

__all__ = ["log_activity", "log_strength_session"]


def log_activity(store: Store, athlete_name: AthleteKey, activity: Activity) -> Activity:
    """Validate and store one run (or other activity) for the athlete."""
    check_activity(activity)
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        return uow.activities.add(athlete.id, activity)


def log_strength_session(
    store: Store, athlete_name: AthleteKey, session: StrengthSession
) -> StrengthSession:
    """Validate and store one strength session for the athlete."""
    check_strength_session(session)
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        return uow.strength.add(athlete.id, session)
