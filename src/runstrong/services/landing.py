"""Use case: where a user lands after signing in, and the start page's line per athlete.

A user who owns exactly one athlete and coaches no one goes straight to that athlete's
dashboard; everyone else gets the start page, with each athlete's form (TSB), today's risk
signals and the next planned session. The figures come from the dashboard's cache (keyed on
``data_version``), so the start page costs little once the dashboards were seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runstrong.domain.accounts import Role, User
from runstrong.domain.plan import PlannedSession
from runstrong.services.access import visible_athletes
from runstrong.services.dashboard import dashboard_data
from runstrong.services.plan_moves import local_today
from runstrong.store import Store

__all__ = ["AthleteHeadline", "athlete_headlines", "landing_path"]


@dataclass(frozen=True, slots=True)
class AthleteHeadline:
    """One athlete as the start page lists them; ``tsb`` is None without a log."""

    athlete_id: int
    name: str
    role: Role
    today: date
    tsb: float | None
    signals: tuple[tuple[str, str], ...]  # (severity, title)
    next_session: PlannedSession | None


def landing_path(store: Store, user: User) -> str:
    """``/athletes/{id}`` for a user with exactly one athlete of their own and none coached."""
    athletes = visible_athletes(store, user)
    if len(athletes) == 1 and athletes[0][2] == "owner":
        return f"/athletes/{athletes[0][0]}"
    return "/"


def _headline(store: Store, athlete_id: int, name: str, role: Role) -> AthleteHeadline:
    data = dashboard_data(store, athlete_id)
    today = local_today(data.athlete)
    with store.unit_of_work() as uow:
        plan = uow.plans.active(athlete_id)
    upcoming = (
        [s for s in plan.sessions if s.day >= today and s.status == "planned"] if plan else []
    )
    status = data.status
    return AthleteHeadline(
        athlete_id=athlete_id,
        name=name,
        role=role,
        today=today,
        tsb=status.load.tsb if status is not None else None,
        signals=tuple((s.severity, s.title) for s in status.signals) if status else (),
        next_session=min(upcoming, key=lambda s: (s.day, s.slot)) if upcoming else None,
    )


def athlete_headlines(store: Store, user: User) -> list[AthleteHeadline]:
    """Every athlete the user owns or coaches, owned first, with today's headline."""
    athletes = visible_athletes(store, user)
    ordered = sorted(athletes, key=lambda a: (a[2] != "owner", a[1].lower()))
    return [_headline(store, athlete_id, name, role) for athlete_id, name, role in ordered]
