"""Multisport events (triathlon, duathlon ...) and their legs. Never commits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from runstrong.domain.models import Activity, MultisportEvent, MultisportKind, StrengthSession
from runstrong.store.repositories import (
    ActivityRepository,
    StrengthRepository,
    _as_utc,
    _to_utc,
)
from runstrong.store.tables import ActivityRow, MultisportEventRow, StrengthSessionRow

#: An event with its activities and its strength sessions, each in start order.
EventMembers = tuple[MultisportEvent, tuple[Activity, ...], tuple[StrengthSession, ...]]

__all__ = ["MultisportRepository"]


class MultisportRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @staticmethod
    def _to_domain(row: MultisportEventRow) -> MultisportEvent:
        return MultisportEvent(
            started_at=_as_utc(row.started_at),
            kind=cast(MultisportKind, row.kind),
            source=row.source,
            external_id=row.external_id,
            transitions_complete=row.transitions_complete,
            id=row.id,
        )

    def find(self, athlete_id: int, external_id: str) -> MultisportEvent | None:
        row = self._session.scalars(
            select(MultisportEventRow).where(
                MultisportEventRow.athlete_id == athlete_id,
                MultisportEventRow.external_id == external_id,
            )
        ).first()
        return self._to_domain(row) if row else None

    def add(self, athlete_id: int, event: MultisportEvent) -> MultisportEvent:
        row = MultisportEventRow(
            athlete_id=athlete_id,
            started_at=_to_utc(event.started_at),
            kind=event.kind,
            source=event.source,
            external_id=event.external_id,
            transitions_complete=event.transitions_complete,
        )
        self._session.add(row)
        self._session.flush()
        return self._to_domain(row)

    def mark_complete(self, event_id: int) -> None:
        self._session.execute(
            update(MultisportEventRow)
            .where(MultisportEventRow.id == event_id)
            .values(transitions_complete=True)
        )

    def link(self, event_id: int, activity_ids: Sequence[int]) -> None:
        """Make the activities legs of the event (legs stored before it existed)."""
        if activity_ids:
            self._session.execute(
                update(ActivityRow)
                .where(ActivityRow.id.in_(list(activity_ids)))
                .values(event_id=event_id)
            )

    def link_strength(self, event_id: int, session_ids: Sequence[int]) -> None:
        """Make the strength sessions legs of the event (a brick's gym legs)."""
        if session_ids:
            self._session.execute(
                update(StrengthSessionRow)
                .where(StrengthSessionRow.id.in_(list(session_ids)))
                .values(event_id=event_id)
            )

    def ungrouped_strength_ids(self, athlete_id: int, external_ids: Sequence[str]) -> list[int]:
        """Ids of the athlete's strength sessions among ``external_ids`` in no event."""
        if not external_ids:
            return []
        return list(
            self._session.scalars(
                select(StrengthSessionRow.id).where(
                    StrengthSessionRow.athlete_id == athlete_id,
                    StrengthSessionRow.external_id.in_(list(external_ids)),
                    StrengthSessionRow.event_id.is_(None),
                )
            )
        )

    def ungrouped_file_strength(self, athlete_id: int) -> dict[str, list[StrengthSession]]:
        """Strength sessions of multi-session FIT files (``<file>#<session>``) in no event."""
        rows = self._session.scalars(
            select(StrengthSessionRow)
            .where(
                StrengthSessionRow.athlete_id == athlete_id,
                StrengthSessionRow.source == "fit",
                StrengthSessionRow.external_id.like("sha256:%#%"),
                StrengthSessionRow.event_id.is_(None),
            )
            .options(selectinload(StrengthSessionRow.sets))
            .order_by(StrengthSessionRow.started_at, StrengthSessionRow.id)
        )
        groups: dict[str, list[StrengthSession]] = defaultdict(list)
        for row in rows:
            groups[cast(str, row.external_id).split("#", 1)[0]].append(
                StrengthRepository._to_domain(row)
            )
        return dict(groups)

    def ungrouped_file_legs(self, athlete_id: int) -> dict[str, list[Activity]]:
        """Activities of multi-session FIT files (external id ``<file>#<session>``) that belong
        to no event, by file, in start order."""
        rows = self._session.scalars(
            select(ActivityRow)
            .where(
                ActivityRow.athlete_id == athlete_id,
                ActivityRow.source == "fit",
                ActivityRow.external_id.like("sha256:%#%"),
                ActivityRow.event_id.is_(None),
            )
            .order_by(ActivityRow.started_at, ActivityRow.id)
        )
        groups: dict[str, list[Activity]] = defaultdict(list)
        for row in rows:
            groups[cast(str, row.external_id).split("#", 1)[0]].append(
                ActivityRepository._to_domain(row)
            )
        return dict(groups)

    def incomplete_external_ids(self, athlete_id: int) -> set[str]:
        """External ids of the athlete's events whose transitions were never stored."""
        rows = self._session.scalars(
            select(MultisportEventRow.external_id).where(
                MultisportEventRow.athlete_id == athlete_id,
                MultisportEventRow.transitions_complete.is_(False),
                MultisportEventRow.external_id.is_not(None),
            )
        )
        return {cast(str, value) for value in rows}

    def with_legs(self, athlete_id: int, event_ids: Sequence[int]) -> dict[int, EventMembers]:
        """The athlete's events among ``event_ids``, each with its activities (legs and
        transitions) and its strength sessions (a brick's gym legs) in start order."""
        if not event_ids:
            return {}
        events = self._session.scalars(
            select(MultisportEventRow).where(
                MultisportEventRow.athlete_id == athlete_id,
                MultisportEventRow.id.in_(list(event_ids)),
            )
        )
        found = {row.id: self._to_domain(row) for row in events}
        legs: dict[int, list[Activity]] = defaultdict(list)
        rows = self._session.scalars(
            select(ActivityRow)
            .where(ActivityRow.athlete_id == athlete_id, ActivityRow.event_id.in_(list(found)))
            .order_by(ActivityRow.started_at, ActivityRow.id)
        )
        for row in rows:
            legs[cast(int, row.event_id)].append(ActivityRepository._to_domain(row))
        gym: dict[int, list[StrengthSession]] = defaultdict(list)
        sessions = self._session.scalars(
            select(StrengthSessionRow)
            .where(
                StrengthSessionRow.athlete_id == athlete_id,
                StrengthSessionRow.event_id.in_(list(found)),
            )
            .options(selectinload(StrengthSessionRow.sets))
            .order_by(StrengthSessionRow.started_at, StrengthSessionRow.id)
        )
        for session_row in sessions:
            gym[cast(int, session_row.event_id)].append(StrengthRepository._to_domain(session_row))
        return {key: (event, tuple(legs[key]), tuple(gym[key])) for key, event in found.items()}
