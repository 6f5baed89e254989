"""Strength sessions from a watch as an import stores them (inside the import's transaction).

Two things happen to a strength session read from a FIT file before it is stored: an ``other``
activity that an earlier runstrong made of the same file is replaced by it (its RPE, notes and
pain report carried over; no duplicate), and while no session RPE is given, one is estimated
from the heart rate (Edwards' zones, ``docs/science.md``) when the athlete's maximum heart rate
is known.
"""

from __future__ import annotations

from dataclasses import replace

from runstrong.domain.models import Athlete, StrengthSession
from runstrong.science.load import hr_estimated_rpe
from runstrong.store import UnitOfWork
from runstrong.store import history_queries as queries
from runstrong.store import watch_strength as watch

__all__ = ["watch_session_to_store"]


def watch_session_to_store(
    uow: UnitOfWork, athlete: Athlete, session: StrengthSession
) -> StrengthSession:
    """A watch's strength session as stored: its RPE estimated from heart rate (while none is
    given), and in place of the ``other`` activity an earlier import made of the same file,
    whose RPE, notes and pain report it keeps (that activity is removed: no duplicate)."""
    assert athlete.id is not None
    if session.external_id is not None:
        old_id = watch.other_fit_activity_id(uow.session, athlete.id, session.external_id)
        old = queries.activity_of(uow.session, athlete.id, old_id) if old_id else None
        if old is not None and old_id is not None:
            session = replace(
                session,
                rpe=session.rpe if old.rpe is None else old.rpe,
                notes=session.notes or old.notes,
                pain_score=old.pain_score,
                pain_location=old.pain_location,
            )
            uow.edits.delete_activity(athlete.id, old_id)
    if session.rpe is None and session.hr_series and athlete.hr_max_bpm:
        times, beats = zip(*session.hr_series, strict=True)
        estimate = hr_estimated_rpe(times, beats, athlete.hr_max_bpm)
        session = replace(session, rpe_estimate=None if estimate is None else round(estimate, 2))
    return session
