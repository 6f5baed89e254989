"""Use case: where a user lands after signing in, and the start page's line per athlete.

A user who owns exactly one athlete and coaches no one goes straight to that athlete's
dashboard; everyone else gets the start page, with each athlete's form (TSB), today's risk
signals, this morning's check-in and readiness signals (with what the runner chose), and the
next planned session. The figures come from the dashboard's cache (keyed on
``data_version``), so the start page costs little once the dashboards were seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runstrong.domain.accounts import Role, User
from runstrong.domain.checkin import Checkin
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
    #: This morning's check-in in a few words ("quads 6, sleep 6.5 h, rMSSD 48 ms"), if any.
    checkin: str | None = None
    #: This morning's readiness signals: (title, evidence grade, what the runner chose or None).
    readiness: tuple[tuple[str, str, str | None], ...] = ()


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
    ready = data.readiness
    return AthleteHeadline(
        athlete_id=athlete_id,
        name=name,
        role=role,
        today=today,
        tsb=status.load.tsb if status is not None else None,
        signals=tuple((s.severity, s.title) for s in status.signals) if status else (),
        next_session=min(upcoming, key=lambda s: (s.day, s.slot)) if upcoming else None,
        checkin=_checkin_words(ready.today) if ready and ready.today else None,
        readiness=tuple(
            (s.title, s.evidence_grade, c.summary if (c := ready.choice_for(s.kind)) else None)
            for s in ready.signals
        )
        if ready
        else (),
    )


def _checkin_words(checkin: Checkin) -> str:
    words = [f"{r.replace('_', ' ')} {score}" for r, score in checkin.soreness.items() if score]
    for value, text in (
        (checkin.sleep_h, "sleep {:g} h"),
        (checkin.resting_hr_bpm, "resting HR {:g}"),
        (checkin.rmssd_ms, "rMSSD {:g} ms"),
        (checkin.fatigue, "fatigue {}/5"),
    ):
        if value is not None:
            words.append(text.format(value))
    if checkin.illness:
        words.append("ill")
    return ", ".join(words) or "checked in"


def athlete_headlines(store: Store, user: User) -> list[AthleteHeadline]:
    """Every athlete the user owns or coaches, owned first, with today's headline."""
    athletes = visible_athletes(store, user)
    ordered = sorted(athletes, key=lambda a: (a[2] != "owner", a[1].lower()))
    return [_headline(store, athlete_id, name, role) for athlete_id, name, role in ordered]
