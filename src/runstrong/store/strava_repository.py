"""Storage of Strava connections (tokens stay in here and in the service that uses them) and
the OAuth states handed out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runstrong.store.tables import (
    ActivityRow,
    StravaConnectionRow,
    StravaOAuthStateRow,
    StrengthSessionRow,
)

__all__ = ["StravaConnection", "StravaRepository"]


@dataclass(frozen=True, slots=True, repr=False)
class StravaConnection:
    athlete_id: int
    strava_athlete_id: int
    access_token: str
    refresh_token: str
    expires_at: datetime
    backfill_before: int | None
    backfill_done: bool
    last_poll_at: datetime | None
    created_at: datetime

    def __repr__(self) -> str:  # never show the tokens
        return f"StravaConnection(athlete_id={self.athlete_id}, strava={self.strava_athlete_id})"


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _connection(row: StravaConnectionRow) -> StravaConnection:
    expires = _utc(row.expires_at)
    created = _utc(row.created_at)
    assert expires is not None and created is not None
    return StravaConnection(
        row.athlete_id, row.strava_athlete_id, row.access_token, row.refresh_token, expires,
        row.backfill_before, row.backfill_done, _utc(row.last_poll_at), created,
    )  # fmt: skip


class StravaRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_state(self, state_hash: str, user_id: int, athlete_id: int) -> None:
        stale = datetime.now(UTC) - timedelta(days=1)  # connections begun and never finished
        self.session.execute(
            delete(StravaOAuthStateRow).where(StravaOAuthStateRow.created_at < stale)
        )
        self.session.add(
            StravaOAuthStateRow(state_hash=state_hash, user_id=user_id, athlete_id=athlete_id)
        )

    def take_state(self, state_hash: str, max_age: timedelta) -> tuple[int, int] | None:
        """(user id, athlete id) of a state handed out less than ``max_age`` ago; used once."""
        row = self.session.get(StravaOAuthStateRow, state_hash)
        if row is None:
            return None
        self.session.delete(row)
        created = _utc(row.created_at)
        assert created is not None
        if datetime.now(UTC) - created > max_age:
            return None
        return row.user_id, row.athlete_id

    def of_athlete(self, athlete_id: int) -> StravaConnection | None:
        row = self.session.scalar(
            select(StravaConnectionRow).where(StravaConnectionRow.athlete_id == athlete_id)
        )
        return _connection(row) if row is not None else None

    def of_strava_athlete(self, strava_athlete_id: int) -> StravaConnection | None:
        row = self.session.scalar(
            select(StravaConnectionRow).where(
                StravaConnectionRow.strava_athlete_id == strava_athlete_id
            )
        )
        return _connection(row) if row is not None else None

    def all(self) -> list[StravaConnection]:
        return [_connection(r) for r in self.session.scalars(select(StravaConnectionRow))]

    def save(
        self, athlete_id: int, strava_athlete_id: int, access: str, refresh: str,
        expires_at: datetime, scope: str | None,
    ) -> None:  # fmt: skip
        row = self.session.scalar(
            select(StravaConnectionRow).where(StravaConnectionRow.athlete_id == athlete_id)
        )
        if row is None:
            row = StravaConnectionRow(athlete_id=athlete_id, backfill_done=False)
            self.session.add(row)
        row.strava_athlete_id = strava_athlete_id
        row.access_token, row.refresh_token, row.expires_at = access, refresh, expires_at
        row.scope = scope
        self.session.flush()

    def set_tokens(self, athlete_id: int, access: str, refresh: str, expires_at: datetime) -> None:
        row = self._row(athlete_id)
        row.access_token, row.refresh_token, row.expires_at = access, refresh, expires_at

    def set_backfill(self, athlete_id: int, before: int | None, done: bool) -> None:
        row = self._row(athlete_id)
        row.backfill_before, row.backfill_done = before, done

    def set_polled(self, athlete_id: int, at: datetime) -> None:
        self._row(athlete_id).last_poll_at = at

    def remove(self, athlete_id: int) -> None:
        self.session.execute(
            delete(StravaConnectionRow).where(StravaConnectionRow.athlete_id == athlete_id)
        )

    def _row(self, athlete_id: int) -> StravaConnectionRow:
        row = self.session.scalar(
            select(StravaConnectionRow).where(StravaConnectionRow.athlete_id == athlete_id)
        )
        assert row is not None
        return row

    def twin_near(
        self, athlete_id: int, started_at: datetime, sport: str, within_s: float,
        *, source: str | None = None,
    ) -> int | None:  # fmt: skip
        """An activity of the athlete of the same sport starting within ``within_s`` seconds
        (the same session from another source; from ``source`` only, when given): its id."""
        start = started_at.astimezone(UTC)
        query = select(ActivityRow.id).where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.sport == sport,
            ActivityRow.started_at >= start - timedelta(seconds=within_s),
            ActivityRow.started_at <= start + timedelta(seconds=within_s),
        )
        if source is not None:
            query = query.where(ActivityRow.source == source)
        return self.session.scalar(query.limit(1))

    def activity_by_external(self, athlete_id: int, external_id: str) -> ActivityRow | None:
        return self.session.scalar(
            select(ActivityRow).where(
                ActivityRow.athlete_id == athlete_id, ActivityRow.external_id == external_id
            )
        )

    def strength_near(self, athlete_id: int, started_at: datetime, within_s: float) -> int | None:
        """A strength session of the athlete starting within ``within_s`` seconds: its id."""
        start = started_at.astimezone(UTC)
        return self.session.scalar(
            select(StrengthSessionRow.id).where(
                StrengthSessionRow.athlete_id == athlete_id,
                StrengthSessionRow.started_at >= start - timedelta(seconds=within_s),
                StrengthSessionRow.started_at <= start + timedelta(seconds=within_s),
            )
        )
