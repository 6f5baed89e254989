"""Use cases for reading an athlete's log: pages of activities and strength sessions, newest
first, with the total; one item by id; the athlete's clock for times shown and typed.

Callers have already checked that the user may read the athlete (``services.access``); an item
that belongs to another athlete is reported as missing, never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from runstrong.domain.models import Activity, StrengthSession
from runstrong.errors import NotFound, ValidationError
from runstrong.services.validation import zone_for
from runstrong.store import Store
from runstrong.store import history_queries as queries
from runstrong.store.history_queries import EntryKind

__all__ = [
    "MAX_PAGE_SIZE",
    "EntryKind",
    "HistoryEntry",
    "Listing",
    "athlete_time",
    "get_activity",
    "get_strength_session",
    "list_activities",
    "list_history",
    "list_strength_sessions",
]

#: The most items one page may hold.
MAX_PAGE_SIZE = 500

Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class Listing(Generic[Item]):
    """One page of a list: ``items`` from ``offset``, and ``total`` items in the whole list."""

    items: tuple[Item, ...]
    total: int
    limit: int
    offset: int

    @property
    def has_newer(self) -> bool:
        return self.offset > 0

    @property
    def has_older(self) -> bool:
        return self.offset + len(self.items) < self.total

    @property
    def newer_offset(self) -> int:
        return max(self.offset - self.limit, 0)

    @property
    def older_offset(self) -> int:
        return self.offset + self.limit


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the combined history: an activity or a strength session."""

    kind: EntryKind
    activity: Activity | None = None
    strength_session: StrengthSession | None = None

    @property
    def started_at(self) -> datetime:
        item = self.activity or self.strength_session
        assert item is not None
        return item.started_at

    @property
    def event_id(self) -> int | None:
        """The multisport event (a brick) the activity or strength session is a leg of."""
        item = self.activity or self.strength_session
        return item.event_id if item is not None else None

    @property
    def id(self) -> int:
        item = self.activity or self.strength_session
        assert item is not None and item.id is not None
        return item.id


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValidationError(f"a page holds 1 to {MAX_PAGE_SIZE} items, not {limit}")
    if offset < 0:
        raise ValidationError(f"the offset cannot be negative, got {offset}")


def list_activities(
    store: Store, athlete_id: int, *, limit: int = 50, offset: int = 0
) -> Listing[Activity]:
    """The athlete's activities, newest first, one page at a time."""
    _check_page(limit, offset)
    with store.unit_of_work() as uow:
        items, total = queries.activities_page(uow.session, athlete_id, limit=limit, offset=offset)
    return Listing(tuple(items), total, limit, offset)


def list_strength_sessions(
    store: Store, athlete_id: int, *, limit: int = 50, offset: int = 0
) -> Listing[StrengthSession]:
    """The athlete's strength sessions with their sets, newest first, one page at a time."""
    _check_page(limit, offset)
    with store.unit_of_work() as uow:
        items, total = queries.strength_page(uow.session, athlete_id, limit=limit, offset=offset)
    return Listing(tuple(items), total, limit, offset)


def list_history(
    store: Store, athlete_id: int, *, limit: int = 25, offset: int = 0
) -> Listing[HistoryEntry]:
    """Activities and strength sessions in one list, newest first, one page at a time."""
    _check_page(limit, offset)
    with store.unit_of_work() as uow:
        keys, total = queries.history_page(uow.session, athlete_id, limit=limit, offset=offset)
        activities = queries.activities_by_id(
            uow.session, athlete_id, [i for kind, i in keys if kind == "activity"]
        )
        sessions = queries.strength_sessions_by_id(
            uow.session, athlete_id, [i for kind, i in keys if kind == "strength_session"]
        )
    entries = tuple(
        HistoryEntry(kind, activity=activities[item_id])
        if kind == "activity"
        else HistoryEntry(kind, strength_session=sessions[item_id])
        for kind, item_id in keys
    )
    return Listing(entries, total, limit, offset)


def get_activity(store: Store, athlete_id: int, activity_id: int) -> Activity:
    """One of the athlete's activities; :class:`NotFound` if it is missing or someone else's."""
    with store.unit_of_work() as uow:
        found = queries.activity_of(uow.session, athlete_id, activity_id)
    if found is None:
        raise NotFound(f"no activity with id {activity_id} for this athlete")
    return found


def get_strength_session(store: Store, athlete_id: int, session_id: int) -> StrengthSession:
    """One of the athlete's strength sessions; :class:`NotFound` if missing or someone else's."""
    with store.unit_of_work() as uow:
        found = queries.strength_session_of(uow.session, athlete_id, session_id)
    if found is None:
        raise NotFound(f"no strength session with id {session_id} for this athlete")
    return found


def athlete_time(moment: datetime, timezone: str) -> datetime:
    """``moment`` on the athlete's clock: a naive time is read as local time in ``timezone``
    (what a person types), an aware one is converted to it.

    >>> athlete_time(datetime(2024, 7, 1, 7, 30), "Europe/Ljubljana").isoformat()
    '2024-07-01T07:30:00+02:00'
    """
    zone: ZoneInfo = zone_for(timezone)
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)
