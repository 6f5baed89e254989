"""Use cases for athletes: create, list, find."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from runstrong.domain.models import Athlete
from runstrong.errors import Conflict, NotFound, ValidationError
from runstrong.science import RiskThresholds
from runstrong.services.validation import check_athlete
from runstrong.store import Store, UnitOfWork

__all__ = [
    "create_athlete",
    "get_athlete",
    "list_athletes",
    "resolve_athlete",
    "update_risk_thresholds",
]


def create_athlete(store: Store, athlete: Athlete) -> Athlete:
    """Store a new athlete; the name must be unique (case-insensitive)."""
    check_athlete(athlete)
    try:
        with store.unit_of_work() as uow:
            if uow.athletes.get_by_name(athlete.name) is not None:
                raise Conflict(f"an athlete named {athlete.name!r} already exists")
            return uow.athletes.add(athlete)
    except IntegrityError as exc:
        raise Conflict(f"an athlete named {athlete.name!r} already exists") from exc


def list_athletes(store: Store) -> list[Athlete]:
    with store.unit_of_work() as uow:
        return uow.athletes.list()


def resolve_athlete(uow: UnitOfWork, name: str | None) -> Athlete:
    """The athlete called ``name``; with no name, the only athlete in the store."""
    if name is not None:
        athlete = uow.athletes.get_by_name(name)
        if athlete is None:
            known = ", ".join(a.name for a in uow.athletes.list()[:10]) or "none yet"
            raise NotFound(f"no athlete named {name!r} (known: {known})")
        return athlete
    athletes = uow.athletes.list()
    if not athletes:
        raise NotFound(
            "no athletes yet: create one with `runstrong athlete create NAME` "
            "or run `runstrong demo`"
        )
    if len(athletes) > 1:
        raise ValidationError(
            f"{len(athletes)} athletes are stored: choose one with --athlete NAME "
            f"({', '.join(a.name for a in athletes[:10])})"
        )
    return athletes[0]


def get_athlete(store: Store, name: str | None) -> Athlete:
    with store.unit_of_work() as uow:
        return resolve_athlete(uow, name)


def update_risk_thresholds(
    store: Store, athlete_name: str | None, changes: dict[str, float], *, reset: bool = False
) -> Athlete:
    """Merge ``changes`` into the athlete's threshold overrides (or start again from the
    defaults with ``reset``); every value is checked against its allowed range first."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        merged = {} if reset else dict(athlete.risk_thresholds)
        merged.update(changes)
        RiskThresholds.defaults().with_overrides(**merged)
        return uow.athletes.set_risk_thresholds(athlete.id, merged)
