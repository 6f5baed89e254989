"""A training plan as an iCalendar file (RFC 5545), for Google, Apple and Outlook calendars.

Each planned session becomes one ``VEVENT``:

* ``UID`` is stable across exports of the same plan (plan id, day, slot and title), so importing
  a newer export updates the events instead of duplicating them;
* ``DTSTART``/``DTEND`` are local times of the athlete's IANA time zone, written with a ``TZID``
  and one ``VTIMEZONE`` that carries the zone's UTC offsets and daylight-saving transitions for
  the plan's years (UTC is written as ``...Z``). Morning sessions start at 07:00, evening sessions
  at 18:00; sessions sharing a slot follow one another. Events last the planned duration
  (from the prescription, else 60 min for a run and 45 min for strength) in whole 5 minutes;
* ``DESCRIPTION`` lists the workout steps with paces, or the exercises (sets × reps × load or
  RPE, foot contacts) with each exercise's form cues and the faults to avoid;
* missed sessions stay in the file as ``STATUS:CANCELLED``, so a calendar that imported them
  earlier removes or strikes them out.

>>> from datetime import date
>>> from runstrong.domain.plan import AthleteBaseline, Plan, PlanRequest
>>> request = PlanRequest("Ljubljana 10k", 10_000, date(2024, 10, 27), date(2024, 9, 2),
...                       "distance")
>>> data = plan_to_ics(Plan(request, AthleteBaseline(), (), ()), "Europe/Ljubljana", "Ana")
>>> data.splitlines()[0], b"TZID:Europe/Ljubljana" in data
(b'BEGIN:VCALENDAR', True)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone

from runstrong.domain.models import UnitSystem
from runstrong.domain.plan import Plan, PlannedSession
from runstrong.domain.units import format_distance
from runstrong.errors import ValidationError
from runstrong.exports._plan_text import (
    check_units,
    exercise_for,
    exercise_name,
    plan_evidence,
    planned_duration_s,
    planned_duration_text,
    session_lines,
    slug,
)

__all__ = ["plan_to_ics"]

_PRODID = "-//runstrong//Training plan//EN"
_UID_DOMAIN = "runstrong"


def plan_to_ics(
    plan: Plan,
    timezone: str,
    athlete_name: str,
    units: str = "metric",
    *,
    am_start: time = time(7, 0),
    pm_start: time = time(18, 0),
    stamp: datetime | None = None,
) -> bytes:
    """The plan's sessions as an iCalendar file (UTF-8 bytes, CRLF lines).

    Parameters
    ----------
    plan
        The plan; a plan without sessions gives a valid calendar with no events.
    timezone
        The athlete's IANA time zone (``"Europe/Ljubljana"``); session times are local to it.
    athlete_name
        Shown in the calendar's name.
    units
        ``"metric"`` (paces per km, kg) or ``"imperial"`` (paces per mile, lb).
    am_start, pm_start
        Local start of the first morning and the first evening session of a day.
    stamp
        ``DTSTAMP`` of the events (when the file was made); now by default.

    Raises
    ------
    ValidationError
        For an unknown time zone or unit system, or a naive ``stamp``.
    """
    zone = _zone(timezone)
    unit_system = check_units(units)
    stamp = datetime.now(UTC) if stamp is None else stamp
    if stamp.tzinfo is None:
        raise ValidationError("the calendar stamp must be timezone-aware")

    calendar = Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = f"{plan.request.race_label} plan – {athlete_name}"
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", timezone)
    calendar.add_component(_vtimezone(plan, timezone))

    heavy_note = next(
        (note for note in plan_evidence(plan) if note.applies_to == "heavy_lower_body"), None
    )
    heavy_text = (
        f"Heavy lower-body session. {heavy_note.advice} ({heavy_note.grade})" if heavy_note else ""
    )
    uids: set[str] = set()
    for session, start in _start_times(plan, zone, am_start, pm_start):
        event = Event()
        event.add("uid", _unique(_uid(plan, session), uids))
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(seconds=planned_duration_s(session)))
        event.add("summary", session.title)
        lines = _description(session, unit_system)
        if session.heavy_lower_body and heavy_text:
            lines += ["", heavy_text]
        event.add("description", "\n".join(lines))
        categories = ["Running" if session.kind == "run" else "Strength"]
        event.add("categories", [*categories, "Key session"] if session.key else categories)
        event.add("status", "CANCELLED" if session.status == "missed" else "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"unknown time zone {timezone!r}: use an IANA name such as 'Europe/Ljubljana'"
        ) from None


def _vtimezone(plan: Plan, timezone: str) -> Timezone:
    """The zone's offsets and transitions for every year the plan touches."""
    days = [plan.request.start_date, plan.request.race_date, *(s.day for s in plan.sessions)]
    first, last = date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)
    return Timezone.from_tzid(timezone, first_date=first, last_date=last)


def _start_times(
    plan: Plan, zone: ZoneInfo, am_start: time, pm_start: time
) -> Iterator[tuple[PlannedSession, datetime]]:
    """Each session with its local start; sessions sharing a day and slot follow one another."""
    next_free: dict[tuple[date, str], datetime] = {}
    for session in sorted(plan.sessions, key=lambda s: (s.day, s.slot != "am")):
        key = (session.day, session.slot)
        clock = am_start if session.slot == "am" else pm_start
        start = next_free.get(key, datetime.combine(session.day, clock, tzinfo=zone))
        next_free[key] = start + timedelta(seconds=planned_duration_s(session))
        yield session, start


def _uid(plan: Plan, session: PlannedSession) -> str:
    if plan.id is not None:
        plan_key = f"plan{plan.id}"
    else:
        request = plan.request
        identity = f"{request.race_label}|{request.race_date}|{request.start_date}"
        digest = hashlib.sha1(identity.encode("utf-8"), usedforsecurity=False).hexdigest()
        plan_key = f"plan-{digest[:12]}"
    return f"{plan_key}-{session.day:%Y%m%d}-{session.slot}-{slug(session.title)}@{_UID_DOMAIN}"


def _unique(uid: str, taken: set[str]) -> str:
    candidate, number = uid, 1
    while candidate in taken:
        number += 1
        local, _, domain = uid.partition("@")
        candidate = f"{local}-{number}@{domain}"
    taken.add(candidate)
    return candidate


def _description(session: PlannedSession, unit_system: UnitSystem) -> list[str]:
    lines: list[str] = []
    if session.key:
        lines.append("Key session.")
    lines.extend(session_lines(session, unit_system))
    if session.run is not None:
        planned = [planned_duration_text(session)]
        if session.run.distance_m:
            planned.append(format_distance(session.run.distance_m, unit_system))
        lines.append(f"Planned: {', '.join(planned)}")
    if session.exercises:
        lines.extend(_form_notes(session))
    return lines


def _form_notes(session: PlannedSession) -> list[str]:
    """Cues and faults of each distinct exercise of the session, in session order."""
    lines: list[str] = []
    seen: set[str] = set()
    for prescription in session.exercises:
        exercise = exercise_for(prescription.exercise_slug)
        if exercise is None or exercise.slug in seen:
            continue
        seen.add(exercise.slug)
        lines += ["", f"{exercise_name(exercise.slug)} – form cues:"]
        lines += [f"• {cue}" for cue in exercise.cues]
        if exercise.faults:
            lines.append("Faults to avoid:")
            lines += [f"• {f.fault} Fix: {f.fix}" for f in exercise.faults]
    return lines
