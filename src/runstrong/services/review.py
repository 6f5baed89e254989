"""Use cases for a coach's review: the athlete's recent strength sessions that carry notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from runstrong.domain.accounts import User
from runstrong.domain.models import StrengthSession
from runstrong.services.access import check_access_in
from runstrong.store import Store

__all__ = ["REVIEW_WINDOW", "NoteToReview", "notes_to_review"]

#: How far back "recent" reaches.
REVIEW_WINDOW = timedelta(days=90)
#: Comments counted per athlete when marking sessions as reviewed; far above a real season.
_COMMENTS_SCANNED = 5000


@dataclass(frozen=True, slots=True)
class NoteToReview:
    """A strength session whose notes (form, technique, pain) a coach may want to answer,
    with how many comments it already has."""

    session: StrengthSession
    comment_count: int


def _has_notes(session: StrengthSession) -> bool:
    return bool(session.notes and session.notes.strip()) or bool(
        session.pain_location and session.pain_location.strip()
    )


def notes_to_review(
    store: Store,
    user: User,
    athlete_id: int,
    *,
    now: datetime | None = None,
    window: timedelta = REVIEW_WINDOW,
    limit: int = 20,
) -> list[NoteToReview]:
    """The athlete's strength sessions of the last ``window`` with notes or a pain location,
    newest first, at most ``limit``. Needs read access (the owner or a coach)."""
    since = (now or datetime.now(UTC)) - window
    with store.unit_of_work() as uow:
        check_access_in(uow, user, athlete_id, "read")
        sessions = [
            s for s in uow.strength.list_for_athlete(athlete_id, start=since) if _has_notes(s)
        ]
        sessions.sort(key=lambda s: s.started_at, reverse=True)
        sessions = sessions[:limit]
        counts: Counter[int] = Counter()
        if sessions:
            comments, _ = uow.sharing.comments(
                athlete_id, subject="strength_session", limit=_COMMENTS_SCANNED
            )
            counts.update(c.subject_id for c in comments if c.subject_id is not None)
    return [NoteToReview(session=s, comment_count=counts[s.id or 0]) for s in sessions]
