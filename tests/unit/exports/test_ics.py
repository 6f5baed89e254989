"""exports/ics.py: the plan as an iCalendar file that calendars show at the right local times."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest

from runstrong.domain.plan import Plan, PlannedSession
from runstrong.errors import ValidationError
from runstrong.exports.ics import plan_to_ics

from .conftest import EASY, make_plan

STAMP = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def _calendar(
    plan: Plan, timezone: str = "Europe/Ljubljana", **kwargs: object
) -> icalendar.Calendar:
    data = plan_to_ics(plan, timezone, "Ana Novak", stamp=STAMP, **kwargs)  # type: ignore[arg-type]
    return icalendar.Calendar.from_ical(data)


def _events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def _by_day(calendar: icalendar.Calendar) -> dict[tuple[date, str], icalendar.Event]:
    return {
        (event.decoded("dtstart").date(), str(event["summary"])): event
        for event in _events(calendar)
    }


def test_one_event_per_session_with_the_required_properties(plan: Plan) -> None:
    calendar = _calendar(plan)
    assert calendar["version"] == "2.0"
    assert "runstrong" in calendar["prodid"]
    assert "Ana Novak" in calendar["x-wr-calname"]
    events = _events(calendar)
    assert len(events) == len(plan.sessions) == 8
    for event in events:
        for name in ("uid", "dtstamp", "dtstart", "dtend", "summary", "description"):
            assert name in event
    assert len({str(e["uid"]) for e in events}) == 8


def test_uids_are_stable_across_exports(plan: Plan) -> None:
    first = {str(e["uid"]) for e in _events(_calendar(plan))}
    later = plan_to_ics(plan, "Europe/Ljubljana", "Ana Novak")  # another stamp: now
    again = {str(e["uid"]) for e in _events(icalendar.Calendar.from_ical(later))}
    assert first == again
    assert "plan7-20240326-am-intervals-6-800-m@runstrong" in first


@pytest.mark.parametrize(
    ("timezone", "day", "slot", "utc_start"),
    [
        # Europe/Ljubljana: CET (+1) until Sunday 31 March 2024 02:00, then CEST (+2).
        ("Europe/Ljubljana", date(2024, 3, 26), "am", datetime(2024, 3, 26, 6, 0, tzinfo=UTC)),
        ("Europe/Ljubljana", date(2024, 3, 26), "pm", datetime(2024, 3, 26, 17, 0, tzinfo=UTC)),
        ("Europe/Ljubljana", date(2024, 3, 31), "am", datetime(2024, 3, 31, 5, 0, tzinfo=UTC)),
        ("Europe/Ljubljana", date(2024, 4, 2), "am", datetime(2024, 4, 2, 5, 0, tzinfo=UTC)),
        ("Europe/Ljubljana", date(2024, 4, 2), "pm", datetime(2024, 4, 2, 16, 0, tzinfo=UTC)),
        # Australia/Sydney: AEDT (+11) until Sunday 7 April 2024 03:00, then AEST (+10).
        ("Australia/Sydney", date(2024, 3, 26), "am", datetime(2024, 3, 25, 20, 0, tzinfo=UTC)),
        ("Australia/Sydney", date(2024, 4, 7), "am", datetime(2024, 4, 6, 21, 0, tzinfo=UTC)),
        ("UTC", date(2024, 4, 2), "pm", datetime(2024, 4, 2, 18, 0, tzinfo=UTC)),
    ],
)
def test_sessions_start_at_local_morning_and_evening_across_daylight_saving(
    plan: Plan, timezone: str, day: date, slot: str, utc_start: datetime
) -> None:
    calendar = _calendar(plan, timezone)
    [event] = [
        e
        for e in _events(calendar)
        if e.decoded("dtstart").date() == day and (e.decoded("dtstart").hour < 12) == (slot == "am")
    ]
    start = event.decoded("dtstart")
    assert start.tzinfo is not None
    assert start.astimezone(UTC) == utc_start
    assert start.time() == (time(7) if slot == "am" else time(18))


def test_local_times_carry_a_tzid_and_the_vtimezone_alone_gives_the_right_utc_time(
    plan: Plan,
) -> None:
    """A client without the IANA database must get the same instants from the VTIMEZONE."""
    data = plan_to_ics(plan, "Europe/Ljubljana", "Ana Novak", stamp=STAMP)
    assert b"DTSTART;TZID=Europe/Ljubljana:20240402T070000" in data
    calendar = icalendar.Calendar.from_ical(data)
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert vtimezone["tzid"] == "Europe/Ljubljana"
    from_vtimezone = vtimezone.to_tz()
    for event in _events(calendar):
        local = event.decoded("dtstart")
        rebuilt = local.replace(tzinfo=None).replace(tzinfo=from_vtimezone)
        assert rebuilt.astimezone(UTC) == local.astimezone(UTC)


def test_utc_times_are_written_with_z(plan: Plan) -> None:
    data = plan_to_ics(plan, "UTC", "Ana Novak", stamp=STAMP)
    assert b"DTSTART:20240326T070000Z" in data


def test_event_length_comes_from_the_prescription_or_the_defaults(plan: Plan) -> None:
    events = _by_day(_calendar(plan))

    def minutes(event: icalendar.Event) -> float:
        return (event.decoded("dtend") - event.decoded("dtstart")) / timedelta(minutes=1)

    assert minutes(events[(date(2024, 3, 28), "Easy run")]) == 45  # duration_s of the run
    assert minutes(events[(date(2024, 3, 26), "Strength: legs")]) == 45  # strength default
    # 15 min + 6 × 800 m at 3:42.5/km + 5 × 2 min + 10 min = 52:48, shown as 55 min.
    assert minutes(events[(date(2024, 3, 26), "Intervals 6 × 800 m")]) == 55
    # 18 km at 5:35/km = 1:40:30, shown as 1 h 45 min.
    assert minutes(events[(date(2024, 3, 31), "Long run")]) == 105


def test_run_descriptions_carry_steps_and_paces(plan: Plan) -> None:
    events = _by_day(_calendar(plan))
    intervals = str(events[(date(2024, 3, 26), "Intervals 6 × 800 m")]["description"])
    assert "Warm-up: 15 min @ 5:30–6:00/km" in intervals
    assert "Intervals: 6 × 800 m @ 3:40–3:45/km, 2 min recovery between" in intervals
    assert "Cool-down: 10 min" in intervals
    assert "Key session" in intervals


def test_strength_descriptions_carry_sets_loads_contacts_cues_and_faults(plan: Plan) -> None:
    events = _by_day(_calendar(plan))
    strength = str(events[(date(2024, 3, 26), "Strength: legs")]["description"])
    assert "Leg Press: 4 × 6 @ 140 kg" in strength
    assert "Single-Leg Leg Press: 3 × 8 per side @ RPE 7" in strength
    assert "Pogo Jumps: 3 × 20 (60 foot contacts)" in strength
    assert "Front Plank: 3 × 1 – hold 40 s" in strength
    assert "Feet flat on the platform, hip width apart." in strength  # a leg press cue
    assert "Faults to avoid:" in strength
    assert "Locking the knees out at the top." in strength
    assert "48 h" in strength and "expert opinion" in strength  # heavy_lower_body note


def test_imperial_units_show_paces_per_mile_and_pounds(plan: Plan) -> None:
    calendar = _calendar(plan, units="imperial")
    text = "\n".join(str(e["description"]) for e in _events(calendar))
    assert "/mi" in text and "/km" not in text
    assert "309 lb" in text and " kg" not in text
    assert "11.2 mi" in text  # the 18 km long run


def test_missed_sessions_are_cancelled_and_the_rest_confirmed(plan: Plan) -> None:
    missed = replace(plan.sessions[0], status="missed")
    calendar = _calendar(replace(plan, sessions=(missed, *plan.sessions[1:])))
    statuses = {str(e["uid"]): str(e["status"]) for e in _events(calendar)}
    assert statuses.pop("plan7-20240326-am-intervals-6-800-m@runstrong") == "CANCELLED"
    assert set(statuses.values()) == {"CONFIRMED"}


def test_sessions_sharing_a_slot_follow_one_another(plan: Plan) -> None:
    day = date(2024, 3, 28)
    extra = PlannedSession(day, "run", "Easy run", run=EASY)  # same day, slot and title
    calendar = _calendar(replace(plan, sessions=(*plan.sessions, extra)))
    same_day = sorted(
        (e for e in _events(calendar) if e.decoded("dtstart").date() == day),
        key=lambda e: e.decoded("dtstart"),
    )
    assert [e.decoded("dtstart").time() for e in same_day] == [time(7), time(7, 45)]
    assert len({str(e["uid"]) for e in same_day}) == 2


def test_custom_start_times(plan: Plan) -> None:
    calendar = _calendar(plan, am_start=time(6, 30), pm_start=time(19, 15))
    starts = {e.decoded("dtstart").time() for e in _events(calendar)}
    assert starts == {time(6, 30), time(19, 15)}


def test_a_plan_without_sessions_is_a_valid_calendar_without_events(empty_plan: Plan) -> None:
    data = plan_to_ics(empty_plan, "Europe/Ljubljana", "Ana Novak", stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(data)
    assert _events(calendar) == []
    # RFC 5545 wants at least one component: the athlete's time zone is always there.
    assert [c["tzid"] for c in calendar.walk("VTIMEZONE")] == ["Europe/Ljubljana"]
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def test_a_plan_without_an_id_still_gets_stable_uids() -> None:
    plan = make_plan(plan_id=None)
    first = {str(e["uid"]) for e in _events(_calendar(plan))}
    assert first == {str(e["uid"]) for e in _events(_calendar(plan))}
    assert all(uid.startswith("plan-") for uid in first)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"timezone": "../etc"}, "unknown time zone"),
        ({"units": "furlongs"}, "unknown units"),
        ({"stamp": datetime(2024, 1, 1)}, "timezone-aware"),
    ],
)
def test_bad_arguments_are_validation_errors(
    plan: Plan, kwargs: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {"timezone": "Europe/Ljubljana", "athlete_name": "Ana"}
    arguments |= kwargs
    with pytest.raises(ValidationError, match=message):
        plan_to_ics(plan, **arguments)  # type: ignore[arg-type]
