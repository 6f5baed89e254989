"""Use case: morning check-ins — record, edit, list and delete one per athlete and day.

A check-in is stored whole for its day (``save_checkin`` replaces what was there, so a client
that sends the same check-in twice, e.g. an offline phone syncing again, stores it once).
Imports fill days field by field (``merge_checkins``): a file replaces the fields it carries on
days it filled before (the same source), and only fills empty fields of days recorded by hand
or by another source (what the runner typed, and the first source of an HRV reading, win).
Importing the same file again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from runstrong.domain.checkin import Checkin
from runstrong.domain.models import Athlete
from runstrong.errors import NotFound, ValidationError
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.store import Store
from runstrong.store.unit_of_work import UnitOfWork

__all__ = [
    "athlete_today",
    "delete_checkin",
    "get_checkin",
    "list_checkins",
    "merge_checkins",
    "save_checkin",
]


def athlete_today(athlete: Athlete) -> date:
    """Today's date in the athlete's time zone."""
    return datetime.now(ZoneInfo(athlete.timezone)).date()


def _check_day(athlete: Athlete, day: date, today: date | None = None) -> None:
    # A day of grace: a phone in another time zone may already be on tomorrow.
    if day > (today or athlete_today(athlete)) + timedelta(days=1):
        raise ValidationError(f"{day} is in the future: a check-in is for today or an earlier day")


def save_checkin(
    store: Store, athlete_key: AthleteKey, checkin: Checkin, *, today: date | None = None
) -> Checkin:
    """Store ``checkin`` as the athlete's check-in of its day, replacing any there (``today``:
    the athlete's today unless given, for tests).

    Raises
    ------
    ValidationError
        The day is in the future, or nothing at all was recorded.
    """
    if checkin.is_empty:
        raise ValidationError("the check-in is empty: give at least one value")
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        _check_day(athlete, checkin.day, today)
        return uow.checkins.put(athlete.id, replace(checkin, id=None))


def get_checkin(store: Store, athlete_key: AthleteKey, day: date) -> tuple[Athlete, Checkin]:
    """The athlete's check-in of ``day``, or :class:`NotFound`."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        found = uow.checkins.get(athlete.id, day)
    if found is None:
        raise NotFound(f"{athlete.name} has no check-in on {day}")
    return athlete, found


def list_checkins(
    store: Store, athlete_key: AthleteKey, first: date | None = None, last: date | None = None
) -> tuple[Athlete, list[Checkin]]:
    """The athlete's check-ins from ``first`` to ``last`` (inclusive), oldest first."""
    if first is not None and last is not None and first > last:
        raise ValidationError(f"the first day ({first}) is after the last ({last})")
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        return athlete, uow.checkins.list_for_athlete(athlete.id, first, last)


def delete_checkin(store: Store, athlete_key: AthleteKey, day: date) -> Athlete:
    """Delete the athlete's check-in of ``day``; :class:`NotFound` when there is none."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        if not uow.checkins.delete(athlete.id, day):
            raise NotFound(f"{athlete.name} has no check-in on {day}")
        return athlete


def merge_checkins(uow: UnitOfWork, athlete_id: int, found: Iterable[Checkin]) -> tuple[int, int]:
    """Fill the athlete's days with imported values inside the caller's transaction; returns
    (days added, days changed). A day whose fields already hold these values is not counted;
    a day recorded by hand or by another source only gets its empty fields filled."""
    added = changed = 0
    by_day: dict[date, Checkin] = {}
    for checkin in found:
        previous = by_day.get(checkin.day)
        by_day[checkin.day] = checkin if previous is None else previous.merged(checkin)
    for day, incoming in sorted(by_day.items()):
        stored = uow.checkins.get(athlete_id, day)
        if stored is None:
            uow.checkins.put(athlete_id, incoming)
            added += 1
            continue
        same = stored.source == incoming.source
        merged = stored.merged(incoming) if same else stored.filled(incoming)
        if merged != stored:
            uow.checkins.put(athlete_id, merged)
            changed += 1
    return added, changed
