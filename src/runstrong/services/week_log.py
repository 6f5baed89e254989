"""Use case: the logged and imported sessions of a stretch of days, for the plan calendar.

Each session becomes a :class:`~runstrong.planning.compliance.DoneSession` on its local day:
distance and time, its session-RPE load (the same estimate the load series use when no RPE
was logged) and, for strength, its hard sets (sets are compared with the best e1RM of the
12 weeks before, so those weeks are read too).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date as Date
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from runstrong.domain.models import Activity, Athlete, StrengthSession
from runstrong.library import Catalog, load_catalog
from runstrong.planning.compliance import DoneSession
from runstrong.science import hard_set_mask, session_rpe_load_per_session
from runstrong.services.daily_series import (
    DEFAULT_STRENGTH_DURATION_S,
    DEFAULT_STRENGTH_RPE,
    build_daily_inputs,
    estimated_rpe,
)
from runstrong.store import Store

__all__ = ["done_sessions"]

_CacheKey = tuple[int, int, int, str, Date, Date]
_CACHE: OrderedDict[_CacheKey, tuple[DoneSession, ...]] = OrderedDict()
_CACHE_SIZE = 512
_LOCK = threading.Lock()
#: Days read before the range so each set has its reference e1RM (see ``with_reference_e1rm``).
_REFERENCE_DAYS = 84


def _midnight(day: Date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=zone)


def _runs(activities: list[Activity], zone: ZoneInfo) -> list[DoneSession]:
    loads = session_rpe_load_per_session(
        [estimated_rpe(a.session_type) if a.rpe is None else a.rpe for a in activities],
        [a.moving_time_s for a in activities],
    )
    found = []
    for activity, load in zip(activities, loads, strict=True):
        local = activity.started_at.astimezone(zone)
        title = activity.name or (
            f"{(activity.session_type or 'run').capitalize()} run"
            if activity.is_run
            else activity.sport.replace("_", " ").capitalize()
        )
        found.append(
            DoneSession(
                id=activity.id or 0,
                day=local.date(),
                kind="run" if activity.is_run else "other",
                title=title,
                start_hour=local.hour + local.minute / 60,
                duration_s=activity.moving_time_s,
                load_au=float(load),
                distance_m=activity.distance_m,
            )
        )
    return found


def _lift_title(session: StrengthSession, catalog: Catalog) -> str:
    names: list[str] = []
    for item in session.sets:
        name = (
            catalog.get(item.exercise_slug).name
            if item.exercise_slug in catalog
            else (item.exercise_slug.replace("-", " ").capitalize())
        )
        if name not in names:
            names.append(name)
    shown = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
    return shown or "Strength session"


def _lifts(
    athlete: Athlete, strength: list[StrengthSession], zone: ZoneInfo, first: Date, last: Date
) -> list[DoneSession]:
    if not strength:
        return []
    start = first - timedelta(days=_REFERENCE_DAYS)
    table = build_daily_inputs(athlete, [], strength, start, last, load_catalog()).set_table
    hard = hard_set_mask(table)
    per_session = np.bincount(table.session_index[hard], minlength=len(strength))
    loads = session_rpe_load_per_session(
        [DEFAULT_STRENGTH_RPE if s.load_rpe is None else s.load_rpe for s in strength],
        [s.duration_s or DEFAULT_STRENGTH_DURATION_S for s in strength],
    )
    catalog = load_catalog()
    found = []
    for index, session in enumerate(strength):
        local = session.started_at.astimezone(zone)
        if local.date() < first:
            continue
        found.append(
            DoneSession(
                id=session.id or 0,
                day=local.date(),
                kind="strength",
                title=_lift_title(session, catalog),
                start_hour=local.hour + local.minute / 60,
                duration_s=session.duration_s or DEFAULT_STRENGTH_DURATION_S,
                load_au=float(loads[index]),
                hard_sets=int(per_session[index]),
            )
        )
    return found


def done_sessions(store: Store, athlete: Athlete, first: Date, last: Date) -> list[DoneSession]:
    """The athlete's sessions on the local days ``first`` .. ``last``, oldest first.

    Kept in a small in-process cache keyed on the athlete's ``data_version`` (one primary-key
    read per call): any change to their log raises it, so a cached answer is never stale."""
    assert athlete.id is not None
    with store.unit_of_work() as uow:
        version = uow.sharing.data_version(athlete.id)
    key = (id(store), athlete.id, version, athlete.timezone, first, last)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
            return list(cached)
    found = _read_done_sessions(store, athlete, first, last)
    with _LOCK:
        _CACHE[key] = tuple(found)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return found


def _read_done_sessions(
    store: Store, athlete: Athlete, first: Date, last: Date
) -> list[DoneSession]:
    assert athlete.id is not None
    zone = ZoneInfo(athlete.timezone)
    end = _midnight(last + timedelta(days=1), zone)
    with store.unit_of_work() as uow:
        activities = uow.activities.list_for_athlete(athlete.id, _midnight(first, zone), end)
        strength = uow.strength.list_for_athlete(
            athlete.id, _midnight(first - timedelta(days=_REFERENCE_DAYS), zone), end
        )
    found = _runs(activities, zone) + _lifts(athlete, strength, zone, first, last)
    return sorted(found, key=lambda d: (d.day, d.start_hour, d.id))
