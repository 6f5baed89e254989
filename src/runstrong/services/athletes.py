"""Use cases for athletes: create, list, find."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.exc import IntegrityError

from runstrong.domain.models import Athlete
from runstrong.errors import Conflict, NotFound, ValidationError
from runstrong.science import RiskThresholds
from runstrong.services.validation import check_athlete
from runstrong.store import Store, UnitOfWork

__all__ = [
    "AthleteKey",
    "create_athlete",
    "get_athlete",
    "list_athletes",
    "resolve_athlete",
    "update_athlete_settings",
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


#: How services are told which athlete: a name (CLI), an id (web, API) or ``None`` for the
#: only athlete in the store.
AthleteKey = str | int | None


def resolve_athlete(uow: UnitOfWork, name: AthleteKey) -> Athlete:
    """The athlete called ``name`` (or with that id); with ``None``, the only athlete stored."""
    if isinstance(name, int):
        found = uow.athletes.get(name)
        if found is None:
            raise NotFound(f"no athlete with id {name}")
        return found
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


def get_athlete(store: Store, name: AthleteKey) -> Athlete:
    with store.unit_of_work() as uow:
        return resolve_athlete(uow, name)


def update_risk_thresholds(
    store: Store, athlete_name: AthleteKey, changes: dict[str, float], *, reset: bool = False
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


#: Settings an athlete (or the web app on their behalf) may change after creation.
SETTABLE_FIELDS = (
    "body_mass_kg",
    "sex",
    "birth_year",
    "event_focus",
    "units",
    "hr_rest_bpm",
    "hr_max_bpm",
    "timezone",
)


def update_athlete_settings(
    store: Store, athlete_key: AthleteKey, changes: dict[str, object]
) -> Athlete:
    """Change some of :data:`SETTABLE_FIELDS`; the result is checked as a whole first."""
    unknown = sorted(set(changes) - set(SETTABLE_FIELDS))
    if unknown:
        raise ValidationError(
            f"cannot change {', '.join(unknown)}: settable are {', '.join(SETTABLE_FIELDS)}"
        )
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        updated = replace(athlete, **changes)  # type: ignore[arg-type]
        check_athlete(updated)
        return uow.athletes.update_settings(athlete.id, {k: getattr(updated, k) for k in changes})
