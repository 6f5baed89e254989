"""``runstrong plan``: create, show, re-plan and export (issue 5), on the demo athlete.

``plan create`` plans from *today* in the athlete's zone, so dates here are relative to today
in Europe/Ljubljana (the demo athlete's zone). The demo is seeded and the marathon plan created
once per module into a template database; each test that may change it works on a copy.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from statistics import mean
from typing import Any
from zoneinfo import ZoneInfo

import fitdecode
import icalendar
import numpy as np
import pypdfium2 as pdfium
import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from runstrong.domain.plan import (
    AthleteBaseline,
    ExercisePrescription,
    Plan,
    PlannedSession,
    PlanRequest,
    PlanWeek,
    RuleBend,
    RunPrescription,
    WorkoutStep,
)
from runstrong.library import load_catalog
from runstrong.planning.checker import check_plan
from runstrong.science import load_for_target, percent_one_rep_max
from runstrong.services.demo import seed_demo
from runstrong.services.plans import PlanChoices, create_plan, get_plan
from runstrong.store import open_store
from tests.cli.helpers import TABLES, Invoke, assert_one_line_error, output_json

ZONE = ZoneInfo("Europe/Ljubljana")
DEMO = "Demo Runner"
PLAN_TABLES = (*TABLES, "plans", "plan_sessions")
TODAY = datetime.now(ZONE).date()
# 16 weeks and 5 days: a first week of 5 days (today to today + 4), then 16 full weeks
RACE = TODAY + timedelta(days=7 * 16 + 4)
SPRINT_RACE = TODAY + timedelta(days=7 * 12 + 4)
FAR = TODAY + timedelta(weeks=20)


# --- fixtures and helpers ----------------------------------------------------------------------


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _counts(url: str) -> dict[str, int]:
    """Rows per table, the plan tables included, read with a fresh engine."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in PLAN_TABLES
            }
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Template:
    path: Path
    plan: dict[str, Any]  # what `plan create --json` printed


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> CliRunner:
    default = tmp_path_factory.mktemp("default") / "default.db"
    return CliRunner(env={"RUNSTRONG_DATABASE_URL": _url(default)})


def _invoke(runner: CliRunner, url: str, *args: str) -> Result:
    return runner.invoke(app, [*args, "--db", url])


@pytest.fixture(scope="module")
def template(runner: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Template:
    """The demo seeded up to today and a marathon plan created by the CLI, once."""
    path = tmp_path_factory.mktemp("plan-template") / "template.db"
    store = open_store(_url(path))
    try:
        seed_demo(store, today=TODAY)
    finally:
        store.dispose()
    created = _invoke(
        runner, _url(path), *f"plan create --race marathon --date {RACE} --json".split()
    )
    return Template(path, output_json(created))


@pytest.fixture
def db(template: Template, tmp_path: Path) -> str:
    """A copy of the template database for one test."""
    copy = tmp_path / "plan.db"
    shutil.copyfile(template.path, copy)
    return _url(copy)


@pytest.fixture
def run(runner: CliRunner, db: str) -> Invoke:
    """``run("plan", "show")`` runs ``runstrong plan show --db <this test's copy>``."""

    def invoke(*args: str) -> Result:
        return _invoke(runner, db, *args)

    return invoke


def _show(run: Invoke) -> dict[str, Any]:
    return output_json(run("plan", "show", "--json"))


def _plan_from_json(payload: dict[str, Any]) -> Plan:
    """The JSON of ``plan show --json`` back into a plan, written here rather than with the
    store's codec so that the round trip is checked independently."""
    request = payload["request"]
    sessions = []
    for raw in payload["sessions"]:
        run = None
        if raw["run"] is not None:
            steps = tuple(WorkoutStep(**step) for step in raw["run"]["steps"])
            run = RunPrescription(**{**raw["run"], "steps": steps})
        exercises = tuple(ExercisePrescription(**item) for item in raw["exercises"])
        sessions.append(
            PlannedSession(
                **{
                    **raw,
                    "day": date.fromisoformat(raw["day"]),
                    "run": run,
                    "exercises": exercises,
                }
            )
        )
    return Plan(
        request=PlanRequest(
            **{
                **request,
                "race_date": date.fromisoformat(request["race_date"]),
                "start_date": date.fromisoformat(request["start_date"]),
                "available_days": frozenset(request["available_days"]),
                "equipment": frozenset(request["equipment"]),
            }
        ),
        baseline=AthleteBaseline(**payload["baseline"]),
        weeks=tuple(
            PlanWeek(
                **{
                    **w,
                    "start": date.fromisoformat(w["start"]),
                    "bends": tuple(RuleBend(**b) for b in w["bends"]),
                }
            )
            for w in payload["weeks"]
        ),
        sessions=tuple(sessions),
        id=payload["id"],
    )


def _stored_plan(url: str, athlete: str | None = None) -> Plan:
    store = open_store(url)
    try:
        return get_plan(store, athlete)[1]
    finally:
        store.dispose()


def _day(raw: dict[str, Any]) -> date:
    return date.fromisoformat(raw["day"])


def _weeks(payload: dict[str, Any]) -> list[tuple[date, date]]:
    """Each week's first and last day."""
    starts = [date.fromisoformat(w["start"]) for w in payload["weeks"]]
    race = date.fromisoformat(payload["request"]["race_date"])
    return list(zip(starts, [s - timedelta(days=1) for s in starts[1:]] + [race], strict=True))


def _in(raw: dict[str, Any], week: tuple[date, date]) -> bool:
    return week[0] <= _day(raw) <= week[1]


def _leg_press(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e for s in payload["sessions"] for e in s["exercises"] if e["exercise_slug"] == "leg-press"
    ]


# --- plan create ---------------------------------------------------------------------------------


def test_create_json_round_trips_through_show_and_the_store(
    template: Template, run: Invoke, db: str
) -> None:
    shown = _show(run)
    assert shown == template.plan
    plan = _plan_from_json(shown)
    assert plan == _stored_plan(db)
    assert check_plan(plan) == []
    assert plan.request.start_date == TODAY and plan.request.race_date == RACE
    assert plan.request.race_label == "marathon" and plan.request.focus == "distance"


def test_created_plan_has_phases_paces_loads_plyometrics_drills_and_core(
    template: Template,
) -> None:
    payload = template.plan
    catalog = load_catalog()
    phases = [w["phase"] for w in payload["weeks"]]
    assert len(phases) == 17
    assert phases[0] == "base" and phases[-3:] == ["peak", "taper", "taper"]  # 14 days (T1)
    assert {"build", "peak"} <= set(phases)
    assert any(w["deload"] for w in payload["weeks"])
    first_week = _weeks(payload)[0]
    assert first_week == (TODAY, TODAY + timedelta(days=4))
    assert TODAY <= min(map(_day, payload["sessions"])) <= first_week[1]
    [race] = [s for s in payload["sessions"] if s["run"] and s["run"]["session_type"] == "race"]
    assert _day(race) == RACE

    vdot = payload["baseline"]["vdot"]
    assert vdot is not None and 30 < vdot < 70  # from the demo's races
    runs = [s for s in payload["sessions"] if s["kind"] == "run"]
    for session in runs:
        paced = [st for st in session["run"]["steps"] if st["pace_fast_s_per_km"] is not None]
        assert paced, session["title"]
        assert "/km" in session["run"]["description"] or session["run"]["session_type"] == "race"

    e1rm = payload["baseline"]["e1rm_kg_by_exercise"]["leg-press"]
    for item in _leg_press(payload):
        assert item["load_kg"] is not None
        limit = e1rm * percent_one_rep_max(item["reps"], item["target_rpe"]) / 100 + 1.25
        assert item["load_kg"] <= limit
        assert item["load_kg"] == load_for_target(e1rm, item["reps"], item["target_rpe"])

    lifts = [s for s in payload["sessions"] if s["kind"] == "strength"]
    assert lifts
    for session in lifts:
        categories = Counter(catalog.get(e["exercise_slug"]).category for e in session["exercises"])
        assert categories["strength"] >= 2 and categories["core"] >= 1
        assert categories["drill"] == 0  # drills belong to runs (rule D1)
        jumps = [
            e
            for e in session["exercises"]
            if catalog.get(e["exercise_slug"]).category == "plyometric"
        ]
        assert jumps and all(j["foot_contacts"] for j in jumps)
    drilled = [s for s in runs if any(e["distance_m"] for e in s["exercises"])]
    assert drilled and all(
        e["sets"] == 2 and e["distance_m"] == 20 for s in drilled for e in s["exercises"]
    )


def test_create_prints_a_summary_and_a_second_plan_replaces_the_first(
    run: Invoke, db: str, template: Template
) -> None:
    before = _counts(db)
    result = run("plan", "create", "--race", "10k", "--date", FAR.isoformat())
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert f"Plan for {DEMO}: 10k on {FAR}" in out
    assert re.search(r"\d+ weeks, \d+ runs and \d+ strength sessions", out)
    assert "runstrong plan show" in out
    assert "Every plan rule holds" in out or "had to give way" in out  # never silent
    shown = _show(run)
    assert shown["id"] != template.plan["id"]
    assert shown["request"]["race_label"] == "10k"
    after = _counts(db)
    assert after["plans"] == before["plans"] + 1
    assert after["plan_sessions"] == before["plan_sessions"] + len(shown["sessions"])
    engine = create_engine(db)
    try:
        with engine.connect() as connection:
            rows = dict(connection.execute(text("SELECT id, active FROM plans")).all())
    finally:
        engine.dispose()
    assert rows == {template.plan["id"]: False, shown["id"]: True}


def test_create_names_the_rules_a_short_plan_had_to_bend(run: Invoke) -> None:
    race = TODAY + timedelta(days=7 * 3 + 4)  # too short for a 14-day taper
    result = run("plan", "create", "--race", "10k", "--date", race.isoformat())
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "had to give way" in out
    assert re.search(r"week \d+: T1 – a \d+-week plan leaves room for a 7-day taper only", out)
    shown = _show(run)
    assert any(b["rule"] == "T1" for w in shown["weeks"] for b in w["bends"])
    listed = run("plan", "show")
    assert "T1 gave way" in " ".join(listed.stdout.split())


def test_sprint_plan_differs_from_the_marathon_plan(run: Invoke, template: Template) -> None:
    sprint = output_json(
        run(*f"plan create --race 200m --focus sprint --date {SPRINT_RACE} --json".split())
    )
    marathon = template.plan
    assert sprint["request"]["focus"] == "sprint" and sprint["request"]["race_label"] == "200m"
    assert check_plan(_plan_from_json(sprint)) == []

    def run_types(payload: dict[str, Any]) -> set[str]:
        return {s["run"]["session_type"] for s in payload["sessions"] if s["run"]}

    def longest(payload: dict[str, Any], types: set[str]) -> float:
        return max(
            s["run"]["duration_s"] or 0
            for s in payload["sessions"]
            if s["run"] and s["run"]["session_type"] in types
        )

    assert "long" in run_types(marathon) and "long" not in run_types(sprint)
    assert longest(sprint, run_types(sprint) - {"race"}) < longest(marathon, {"long"})
    sprint_press, marathon_press = _leg_press(sprint), _leg_press(marathon)
    assert mean(e["reps"] for e in sprint_press) < mean(e["reps"] for e in marathon_press)
    assert max(e["target_rpe"] for e in sprint_press) > max(e["target_rpe"] for e in marathon_press)
    # the sprint plan reaches a higher share of the e1RM on the main lift
    assert max(e["load_kg"] for e in sprint_press) > max(e["load_kg"] for e in marathon_press)


def test_no_equipment_means_no_leg_press_but_a_substitute(run: Invoke) -> None:
    payload = output_json(
        run(*f"plan create --race half --date {FAR} --equipment none --json".split())
    )
    catalog = load_catalog()
    assert payload["request"]["equipment"] == ["bodyweight"]
    slugs = {e["exercise_slug"] for s in payload["sessions"] for e in s["exercises"]}
    assert "leg-press" not in slugs
    assert all(catalog.get(slug).doable_with(frozenset({"bodyweight"})) for slug in slugs)
    mains = [s["exercises"][0] for s in payload["sessions"] if s["kind"] == "strength"]
    assert mains
    assert all("instead of leg press" in (m["note"] or "") for m in mains)
    assert check_plan(_plan_from_json(payload)) == []


def test_a_fresh_athlete_gets_target_rpe_without_loads(cli: Invoke, ana: str, db_url: str) -> None:
    payload = output_json(
        cli(
            *f"plan create --race 10k --date {FAR} --days mon,tue,thu,sat,sun --strength-days 3"
            " --json".split()
        )
    )
    catalog = load_catalog()
    assert payload["baseline"]["e1rm_kg_by_exercise"] == {}
    assert payload["baseline"]["vdot"] is None
    lifts = [
        e
        for s in payload["sessions"]
        for e in s["exercises"]
        if catalog.get(e["exercise_slug"]).category == "strength"
    ]
    assert any(e["exercise_slug"] == "leg-press" for e in lifts)
    for item in lifts:
        assert item["load_kg"] is None and item["target_rpe"] is not None
    wednesdays_and_fridays = [s for s in payload["sessions"] if _day(s).weekday() in (2, 4)]
    assert all(s["run"] and s["run"]["session_type"] == "race" for s in wednesdays_and_fridays)
    stored = _stored_plan(db_url, ana)
    assert stored == _plan_from_json(payload)
    assert check_plan(stored) == []


IMPOSSIBLE = {
    "race-in-the-past": (
        ("--date", (TODAY - timedelta(days=1)).isoformat()),
        "not after the plan's start",
    ),
    "race-too-soon": (("--date", (TODAY + timedelta(days=10)).isoformat()), "at least 14 days"),
    "race-too-far": (("--date", (TODAY + timedelta(weeks=60)).isoformat()), "at most 52 weeks"),
    "marathon-on-1-day": (
        ("--date", FAR.isoformat(), "--days", "sun"),
        "a marathon plan needs at least 3 running days; you gave 1",
    ),
    "unknown-equipment": (
        ("--date", FAR.isoformat(), "--equipment", "leg-press,sled"),
        "unknown equipment sled",
    ),
    "unknown-focus": (("--date", FAR.isoformat(), "--focus", "speed"), "unknown focus 'speed'"),
    "unknown-weekday": (
        ("--date", FAR.isoformat(), "--days", "mon,wed,fun"),
        "unknown day 'fun'",
    ),
    "unknown-long-run-day": (
        ("--date", FAR.isoformat(), "--long-run-day", "xyz"),
        "unknown day 'xyz'",
    ),
    "long-run-day-not-available": (
        ("--date", FAR.isoformat(), "--days", "mon,tue,thu,sat", "--long-run-day", "sun"),
        "long-run day (sunday) is not one of your available days",
    ),
    "strength-days-over-available": (
        ("--race", "200m", "--date", FAR.isoformat(), "--days", "tue,fri", "--strength-days", "3"),
        "3 strength days do not fit in 2 available",
    ),
    "strength-days-over-3": (
        ("--date", FAR.isoformat(), "--strength-days", "4"),
        "strength days must be 0 to 3",
    ),
    "malformed-date": (("--date", "2027-02-30"), "invalid race date '2027-02-30'"),
    "malformed-date-words": (("--date", "next sunday"), "invalid race date"),
    "unknown-race": (("--race", "100km", "--date", FAR.isoformat()), "not a running race"),
    "unknown-athlete": (("--date", FAR.isoformat(), "--athlete", "Nobody"), "nobody"),
}


@pytest.mark.parametrize("case", sorted(IMPOSSIBLE))
def test_impossible_requests_are_one_line_errors_and_store_nothing(
    run: Invoke, db: str, case: str
) -> None:
    args, fragment = IMPOSSIBLE[case]
    race = () if "--race" in args else ("--race", "marathon")
    before = _counts(db)
    shown = _show(run)
    assert_one_line_error(run("plan", "create", *race, *args), fragment)
    assert _counts(db) == before
    assert _show(run) == shown


# --- plan show -----------------------------------------------------------------------------------


def test_show_prints_every_week_with_phase_deload_and_details(run: Invoke) -> None:
    result = run("plan", "show")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert f"{DEMO} — marathon on {RACE} (distance focus)" in out
    for n in range(1, 18):
        assert f"Week {n} ·" in out
    assert "Week 18 ·" not in out
    assert "(deload)" in out and "· taper ·" in out
    assert "Leg" in out and " kg" in out and "/km" in out


def test_show_details_print_doses_not_2x1(template: Template) -> None:
    from runstrong.cli.plans import _details

    plan = _plan_from_json(template.plan)
    drilled = next(s for s in plan.sessions if s.run and any(e.distance_m for e in s.exercises))
    text = _details(drilled, "metric")
    assert "after the warm-up, drills:" in text and "2 × 20 m" in text and "×1" not in text
    lifts = " | ".join(_details(s, "metric") for s in plan.sessions if s.kind == "strength")
    assert "Leg Press 3 × " in lifts and "foot contacts" in lifts
    assert re.search(r"Plank 3 × \d+ s (each side|hold)", lifts)


def test_show_one_week(run: Invoke, template: Template) -> None:
    result = run("plan", "show", "--week", "3")
    assert result.exit_code == 0, result.stderr
    assert "Week 3 ·" in result.stdout
    assert "Week 2 ·" not in result.stdout and "Week 4 ·" not in result.stdout
    week = _weeks(template.plan)[2]
    for session in template.plan["sessions"]:
        label = _day(session).strftime("%a %d %b")
        assert (label in result.stdout) == _in(session, week), label


def test_show_first_week_lists_only_its_own_sessions(run: Invoke, template: Template) -> None:
    first, second = _weeks(template.plan)[:2]
    assert (first[1] - first[0]).days == 4  # a first week of five days
    result = run("plan", "show", "--week", "1")
    assert result.exit_code == 0, result.stderr
    for session in template.plan["sessions"]:
        if _in(session, second) and _day(session) <= first[0] + timedelta(days=6):
            assert _day(session).strftime("%a %d %b") not in result.stdout


def test_show_json_is_the_whole_plan(run: Invoke, template: Template) -> None:
    assert _show(run) == template.plan
    assert output_json(run("plan", "show", "--json", "--athlete", "demo runner")) == template.plan


def test_show_replan_and_export_without_a_plan_are_one_line_errors(
    cli: Invoke, ana: str, tmp_path: Path
) -> None:
    assert_one_line_error(cli("plan", "show"), "Ana has no plan yet")
    assert_one_line_error(cli("plan", "show", "--json"), "no plan yet")
    assert_one_line_error(cli("plan", "replan"), "Ana has no plan to re-plan")
    target = tmp_path / "plan.ics"
    assert_one_line_error(cli("plan", "export", "--ics", str(target)), "no plan yet")
    assert not target.exists()
    assert_one_line_error(cli("plan", "export", "--fit", str(tmp_path / "fit")), "no plan yet")
    assert not (tmp_path / "fit").exists()


# --- plan replan ---------------------------------------------------------------------------------


def test_replan_marks_a_logged_run_done_and_unlogged_past_sessions_missed(
    run: Invoke, db: str
) -> None:
    """A plan that started three days ago (made through the service, since `plan create`
    always starts today); the run is logged with `runstrong log run`."""
    start = TODAY - timedelta(days=3)
    store = open_store(db)
    try:
        _, plan = create_plan(store, DEMO, PlanChoices("marathon", RACE), today=start)
    finally:
        store.dispose()
    past_runs = [s for s in plan.sessions if s.kind == "run" and s.day < TODAY]
    assert past_runs, plan.sessions[:5]
    logged = past_runs[-1]
    result = run("log", "run", "-d", "10km", "-t", "55:00", "--date", logged.day.isoformat())
    assert result.exit_code == 0, result.stderr

    payload = output_json(run("plan", "replan", "--json"))
    by_id = {s["id"]: s for s in payload["sessions"]}
    assert by_id[logged.id]["status"] == "done"
    for session in payload["sessions"]:
        if _day(session) >= TODAY:
            assert session["status"] == "planned", session["title"]
        else:
            assert session["status"] in ("done", "missed"), session["title"]
    assert _show(run) == payload
    replanned = _plan_from_json(payload)
    assert check_plan(replanned) == []
    # missed sessions are not made up: the future holds no more load than before
    future = sum(s.planned_load_au for s in plan.sessions if s.day >= TODAY)
    assert sum(s.planned_load_au for s in replanned.sessions if s.day >= TODAY) <= future + 1e-6

    again = run("plan", "replan")
    assert again.exit_code == 0, again.stderr
    done = sum(1 for s in payload["sessions"] if s["status"] == "done")
    missed = sum(1 for s in payload["sessions"] if s["status"] == "missed")
    assert f"{done} sessions done, {missed} missed (not made up)" in " ".join(again.stdout.split())
    assert _show(run) == payload  # re-planning again on the same day changes nothing


def _first_week(template: Template) -> tuple[list[dict[str, Any]], list[date]]:
    first = _weeks(template.plan)[0]
    sessions = [s for s in template.plan["sessions"] if _in(s, first)]
    days = [first[0] + timedelta(days=n) for n in range((first[1] - first[0]).days + 1)]
    return sessions, days


def test_move_within_the_week_resolves_it_and_keeps_every_hard_rule(
    run: Invoke, db: str, template: Template
) -> None:
    sessions, days = _first_week(template)
    source = next(
        (s for s in sessions if s["kind"] == "run" and not s["key"] and _day(s) > TODAY), None
    )
    assert source is not None, "no easy run after today in the first week"
    busy = Counter(_day(s) for s in sessions)
    target = min((d for d in days if d != _day(source)), key=lambda d: (busy[d], d))
    move = f"{source['day']}@{source['slot']}:{target}"

    payload = output_json(run("plan", "replan", "--move", move, "--json"))
    [moved] = [s for s in payload["sessions"] if s["id"] == source["id"]]
    assert _day(moved) == target and moved["status"] == "planned"
    assert {s["id"] for s in payload["sessions"]} == {s["id"] for s in template.plan["sessions"]}
    stored = _stored_plan(db)
    assert stored == _plan_from_json(payload)
    assert check_plan(stored) == []


def _rest_day_plan(run: Invoke) -> tuple[dict[str, Any], date]:
    """A marathon plan without one weekday that falls in the first week, after today."""
    rest = TODAY + timedelta(days=2)
    if rest.weekday() == 6:  # keep Sunday, the long-run day
        rest += timedelta(days=1)
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    days = ",".join(n for i, n in enumerate(names) if i != rest.weekday())
    payload = output_json(
        run(*f"plan create --race marathon --date {RACE} --days {days} --json".split())
    )
    return payload, rest


MOVES = ["rest-day", "past", "ambiguous", "other-week", "empty-day", "race", "malformed", "slot"]


@pytest.mark.parametrize("case", MOVES)
def test_refused_moves_are_one_line_errors_and_change_nothing(
    run: Invoke, db: str, template: Template, case: str
) -> None:
    payload = template.plan
    sessions, _days = _first_week(template)
    source = next(s for s in sessions if s["kind"] == "run" and _day(s) >= TODAY)
    source_ref = f"{source['day']}@{source['slot']}"
    if case == "rest-day":
        payload, rest = _rest_day_plan(run)
        first = _weeks(payload)[0]
        source = next(s for s in payload["sessions"] if _in(s, first) and s["kind"] == "run")
        move, fragment = f"{source['day']}@{source['slot']}:{rest}", "not one of your training days"
    elif case == "past":
        move, fragment = f"{source_ref}:{TODAY - timedelta(days=1)}", "only from today on"
    elif case == "ambiguous":
        doubled = Counter(_day(s) for s in payload["sessions"] if _day(s) >= TODAY)
        day = min(d for d, n in doubled.items() if n == 2)
        move, fragment = f"{day}:{day + timedelta(days=1)}", f"say which with {day}@am or {day}@pm"
    elif case == "other-week":
        move, fragment = f"{source_ref}:{_day(source) + timedelta(days=14)}", "within its week"
    elif case == "empty-day":
        busy = {_day(s) for s in payload["sessions"]}
        empty = next(d for d in (TODAY + timedelta(days=n) for n in range(1, 100)) if d not in busy)
        move, fragment = f"{empty}:{empty + timedelta(days=1)}", f"no planned session on {empty}"
    elif case == "race":
        move, fragment = f"{RACE}:{RACE - timedelta(days=1)}", "race stays on race day"
    elif case == "malformed":
        move, fragment = source["day"], "invalid move"
    else:
        move, fragment = f"{source['day']}@noon:{TODAY}", "invalid slot 'noon'"
    before, shown = _counts(db), _show(run)
    assert shown == payload
    assert_one_line_error(run("plan", "replan", "--move", move), fragment)
    assert _show(run) == shown
    assert _counts(db) == before


def test_missed_day_is_marked_and_not_made_up(run: Invoke, template: Template) -> None:
    second = _weeks(template.plan)[1]
    per_day = Counter(_day(s) for s in template.plan["sessions"] if _in(s, second))
    day = min(d for d, n in per_day.items() if n == 1)
    payload = output_json(run("plan", "replan", "--missed", day.isoformat(), "--json"))
    statuses = {(_day(s), s["slot"]): s["status"] for s in payload["sessions"]}
    assert [v for (d, _), v in statuses.items() if d == day] == ["missed"]
    assert Counter(statuses.values()) == {"planned": len(statuses) - 1, "missed": 1}
    plan = _plan_from_json(payload)
    assert check_plan(plan) == []
    before = sum(s["planned_load_au"] for s in template.plan["sessions"] if _in(s, second))
    after = sum(s.planned_load_au for s in plan.sessions if second[0] <= s.day <= second[1])
    assert after <= before + 1e-6


def test_missed_takes_a_slot_on_a_day_with_two_sessions(run: Invoke, template: Template) -> None:
    doubled = Counter(_day(s) for s in template.plan["sessions"])
    day = min(d for d, n in doubled.items() if n == 2 and d > TODAY + timedelta(days=6))
    result = run("plan", "replan", "--missed", f"{day}@pm")
    assert result.exit_code == 0, result.stderr
    statuses = {(_day(s), s["slot"]): s["status"] for s in _show(run)["sessions"]}
    assert statuses[(day, "pm")] == "missed" and statuses[(day, "am")] == "planned"


def test_a_word_that_starts_like_a_weekday_is_not_a_weekday(run: Invoke, db: str) -> None:
    before = _counts(db)
    result = run(*f"plan create --race 10k --date {FAR} --days mon,wed,sunshine".split())
    assert _counts(db) == before
    assert_one_line_error(result, "unknown day 'sunshine'")


# --- plan export ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exported:
    folder: Path
    payload: dict[str, Any]  # what `plan export --json` printed
    plan: dict[str, Any]


@pytest.fixture(scope="module")
def exported(
    runner: CliRunner, template: Template, tmp_path_factory: pytest.TempPathFactory
) -> Exported:
    folder = tmp_path_factory.mktemp("export")
    copy = folder / "plan.db"
    shutil.copyfile(template.path, copy)
    result = _invoke(
        runner,
        _url(copy),
        *("plan", "export", "--json"),
        *("--ics", str(folder / "plan.ics"), "--fit", str(folder / "fit")),
        *("--pdf", str(folder / "plan.pdf")),
    )
    return Exported(folder, output_json(result), template.plan)


@pytest.fixture(scope="module")
def pdf_pages(exported: Exported) -> list[str]:
    document = pdfium.PdfDocument(exported.folder / "plan.pdf")
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def test_export_json_names_the_files_it_wrote(exported: Exported) -> None:
    folder, payload = exported.folder, exported.payload
    assert payload["ics"] == str(folder / "plan.ics")
    assert payload["pdf"] == str(folder / "plan.pdf")
    runs = [s for s in exported.plan["sessions"] if s["kind"] == "run"]
    lifts = [s for s in exported.plan["sessions"] if s["kind"] == "strength" and s["exercises"]]
    assert len(payload["fit"]) == len(runs) + len(lifts)  # strength workouts too
    assert sorted(payload["fit"]) == sorted(str(p) for p in (folder / "fit").glob("*.fit"))


def test_export_human_output(run: Invoke, tmp_path: Path) -> None:
    result = run("plan", "export", "--ics", str(tmp_path / "p.ics"), "--fit", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    flat = re.sub(r"\s+", "", result.stdout)  # the console wraps long paths at 80 columns
    assert f"Wrotecalendar:{tmp_path / 'p.ics'}" in flat
    assert re.search(rf"Wrote\d+FITworkoutsto{re.escape(str(tmp_path))}", flat)
    assert (tmp_path / "p.ics").exists() and list(tmp_path.glob("*.fit"))


def test_ics_events_are_at_local_times_with_paces_and_form_cues(exported: Exported) -> None:
    data = (exported.folder / "plan.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    sessions = exported.plan["sessions"]
    assert len(events) == len(sessions)
    assert len({str(e["uid"]) for e in events}) == len(events)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Ljubljana"
    offsets = {c.name: c["TZOFFSETTO"].td for c in zone.subcomponents}
    assert offsets == {"STANDARD": timedelta(hours=1), "DAYLIGHT": timedelta(hours=2)}
    # local wall-clock times with the zone, as calendar apps read them: 07:00, not 06:00 UTC
    first = sessions[0]
    clock = "070000" if first["slot"] == "am" else "180000"
    assert f"DTSTART;TZID=Europe/Ljubljana:{_day(first):%Y%m%d}T{clock}".encode() in data
    by_start = {}
    for event in events:
        start = event.decoded("dtstart")
        assert event["dtstart"].params["TZID"] == "Europe/Ljubljana"
        assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Ljubljana"
        assert (start.hour, start.minute) in ((7, 0), (18, 0))
        assert start.utcoffset() == datetime.combine(start.date(), time(12), ZONE).utcoffset()
        by_start[start.date(), start.hour] = event
    catalog = load_catalog()
    for session in sessions:
        event = by_start[_day(session), 7 if session["slot"] == "am" else 18]
        assert str(event["summary"]) == session["title"]
        description = str(event["description"])
        if session["kind"] == "run":
            assert "/km" in description, session["title"]
        else:
            assert "form cues:" in description
            for item in session["exercises"]:
                exercise = catalog.get(item["exercise_slug"])
                assert exercise.name in description
                assert all(cue in description for cue in exercise.cues), exercise.slug
    first_lift = next(s for s in sessions if s["kind"] == "strength")
    lift_event = by_start[_day(first_lift), 18 if first_lift["slot"] == "pm" else 7]
    description = str(lift_event["description"])
    assert "Leg Press: " in description and " kg" in description
    assert catalog.get("leg-press").cues[0] in description


def _fit_messages(data: bytes) -> dict[str, list[dict[str, Any]]]:
    messages: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                fields = {field.name: field.value for field in frame.fields}
                messages.setdefault(frame.name, []).append(fields)
    return messages


def test_fit_workouts_decode_with_valid_crc_and_have_steps(exported: Exported) -> None:
    files = sorted((exported.folder / "fit").glob("*.fit"))
    assert files
    targets = set()
    run_files = []
    for path in files:
        messages = _fit_messages(path.read_bytes())  # raises on a bad CRC
        [file_id] = messages["file_id"]
        assert file_id["type"] == "workout"
        [workout] = messages["workout"]
        assert workout["sport"] in ("running", "training")  # strength workouts: training
        if workout["sport"] == "running":
            run_files.append(path)
        else:
            assert workout["sub_sport"] == "strength_training"
        steps = messages["workout_step"]
        assert steps and workout["num_valid_steps"] == len(steps)
        targets |= {step.get("target_type") for step in steps}
    assert "speed" in targets  # paces become speed targets
    run_days = sorted(s["day"] for s in exported.plan["sessions"] if s["kind"] == "run")
    assert sorted(p.name[:10] for p in run_files) == run_days


def test_pdf_renders_with_the_leg_press_and_its_form_cues(
    exported: Exported, pdf_pages: list[str]
) -> None:
    document = pdfium.PdfDocument(exported.folder / "plan.pdf")
    assert len(document) >= 2
    pixels = document[0].render(scale=1, grayscale=True).to_numpy()
    assert float(np.mean(pixels < 128)) > 0.005, "page 1 looks blank"
    title = " ".join(pdf_pages[0].split())
    assert "Training plan for Demo Runner" in title and "marathon" in title
    text_all = " ".join(" ".join(page.split()) for page in pdf_pages)
    assert "Leg Press" in text_all
    assert any(cue in text_all for cue in load_catalog().get("leg-press").cues)


def test_pdf_numbers_weeks_like_plan_show(pdf_pages: list[str]) -> None:
    text_all = "\n".join(pdf_pages)
    assert "Week 1 · base" in text_all
    assert "Week 0 ·" not in text_all


def test_pdf_first_week_ends_where_the_second_begins(
    exported: Exported, pdf_pages: list[str]
) -> None:
    first, _second = _weeks(exported.plan)[:2]
    text_all = "\n".join(pdf_pages)
    heading = re.search(r"Week \d+ · base · (.+)", text_all)
    assert heading is not None
    assert heading.group(1).startswith(f"{first[0].day} {first[0]:%b} – {first[1].day} ")


def test_export_needs_something_to_write(run: Invoke) -> None:
    assert_one_line_error(run("plan", "export"), "say what to export")


@pytest.mark.parametrize("option", ["--ics", "--pdf"])
def test_export_into_a_missing_folder_is_refused_before_writing(
    run: Invoke, tmp_path: Path, option: str
) -> None:
    written = tmp_path / "ok.ics" if option == "--pdf" else tmp_path / "ok.pdf"
    other = "--ics" if option == "--pdf" else "--pdf"
    missing = tmp_path / "missing" / "plan.out"
    result = run("plan", "export", other, str(written), option, str(missing))
    assert_one_line_error(result, f"folder {missing.parent} does not exist")
    assert not written.exists() and not missing.parent.exists()


def test_export_fit_into_a_missing_folder_is_refused(run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "deeper" / "fit"
    assert_one_line_error(run("plan", "export", "--fit", str(target)), "does not exist")
    assert not (tmp_path / "missing").exists()


def test_export_fit_onto_a_file_is_a_one_line_error(run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "plan.fit"
    target.write_bytes(b"keep me")
    assert_one_line_error(run("plan", "export", "--fit", str(target)))
    assert target.read_bytes() == b"keep me"


def test_export_ics_onto_a_folder_is_a_one_line_error(run: Invoke, tmp_path: Path) -> None:
    assert_one_line_error(run("plan", "export", "--ics", str(tmp_path)))
