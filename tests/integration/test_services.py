"""Use cases over a real store (SQLite, and PostgreSQL when one answers): athletes, manual
logging, the demo seed and the athlete summary."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.domain.units import RACE_DISTANCES_M
from runstrong.errors import Conflict, NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.science import equivalent_time_s, set_one_rep_max, vdot
from runstrong.services.athletes import (
    create_athlete,
    get_athlete,
    list_athletes,
    resolve_athlete,
)
from runstrong.services.demo import DemoResult, seed_demo
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.summary import summarise_athlete
from runstrong.store import Store, open_store

TABLES = ("athletes", "activities", "strength_sessions", "strength_sets")
LJUBLJANA = ZoneInfo("Europe/Ljubljana")
TODAY = date(2026, 6, 15)


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


def _ana(store: Store, name: str = "Ana") -> Athlete:
    return create_athlete(
        store, Athlete(name=name, body_mass_kg=58.0, sex="female", timezone="Europe/Ljubljana")
    )


def _run(**changes: object) -> Activity:
    base = Activity(
        started_at=datetime(2026, 3, 1, 7, 0, tzinfo=LJUBLJANA),
        sport="running",
        session_type="easy",
        distance_m=10000.0,
        moving_time_s=3000.0,
        avg_hr_bpm=140.0,
        rpe=4.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _lift(*sets: StrengthSet, **changes: object) -> StrengthSession:
    base = StrengthSession(
        started_at=datetime(2026, 3, 2, 18, 30, tzinfo=LJUBLJANA),
        sets=sets or (StrengthSet("leg-press", 6, 140.0, 8.0),),
        duration_s=2700.0,
        rpe=7.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# athletes


def test_create_and_list_athletes(store: Store) -> None:
    zoe = create_athlete(store, Athlete(name="Zoe", event_focus="sprint", units="imperial"))
    ana = _ana(store)
    assert zoe.id is not None and ana.id is not None and zoe.id != ana.id
    assert list_athletes(store) == [ana, zoe]  # by name
    assert ana == replace(
        Athlete(name="Ana", body_mass_kg=58.0, sex="female", timezone="Europe/Ljubljana"),
        id=ana.id,
    )


@pytest.mark.parametrize("duplicate", ["Ana", "ana", "ANA", " ana "])
def test_duplicate_name_is_a_conflict_whatever_the_case(store: Store, duplicate: str) -> None:
    _ana(store)
    before = _counts(store)
    with pytest.raises(Conflict, match="already exists"):
        create_athlete(store, Athlete(name=duplicate))
    assert _counts(store) == before


@pytest.mark.parametrize(
    ("athlete", "fragment"),
    [
        (Athlete(name="  "), "needs a name"),
        (Athlete(name="x" * 121), "at most 120"),
        (Athlete(name="Zoe", sex="robot"), "unknown sex"),  # type: ignore[arg-type]
        (Athlete(name="Zoe", event_focus="ultra"), "event focus"),  # type: ignore[arg-type]
        (Athlete(name="Zoe", units="furlongs"), "unit system"),  # type: ignore[arg-type]
        (Athlete(name="Zoe", body_mass_kg=5), "body mass"),
        (Athlete(name="Zoe", body_mass_kg=math.nan), "body mass"),
        (Athlete(name="Zoe", birth_year=1800), "birth year"),
        (Athlete(name="Zoe", birth_year=datetime.now(UTC).year), "birth year"),
        (Athlete(name="Zoe", hr_rest_bpm=10), "resting heart rate"),
        (Athlete(name="Zoe", hr_max_bpm=300), "maximum heart rate"),
        (Athlete(name="Zoe", hr_rest_bpm=110, hr_max_bpm=105), "below maximum"),
        (Athlete(name="Zoe", timezone="Mars/Olympus"), "time zone"),
        (Athlete(name="Zoe", timezone=""), "time zone"),
    ],
)
def test_invalid_athlete_is_refused_and_not_stored(
    store: Store, athlete: Athlete, fragment: str
) -> None:
    before = _counts(store)
    with pytest.raises(ValidationError, match=fragment):
        create_athlete(store, athlete)
    assert _counts(store) == before


def test_resolve_athlete_rules(store: Store) -> None:
    with store.unit_of_work() as uow, pytest.raises(NotFound, match="no athletes yet"):
        resolve_athlete(uow, None)
    ana = _ana(store)
    with store.unit_of_work() as uow:
        assert resolve_athlete(uow, None) == ana  # the only one
        assert resolve_athlete(uow, "aNa") == ana  # any case
        assert resolve_athlete(uow, " Ana ") == ana
    bob = _ana(store, "Bob")
    with store.unit_of_work() as uow:
        with pytest.raises(ValidationError, match=r"2 athletes .*--athlete.*Ana, Bob"):
            resolve_athlete(uow, None)
        with pytest.raises(NotFound, match=r"no athlete named 'Zed' \(known: Ana, Bob\)"):
            resolve_athlete(uow, "Zed")
        assert resolve_athlete(uow, "bob") == bob
    assert get_athlete(store, "BOB") == bob


# ---------------------------------------------------------------------------------------------
# logging


def test_log_activity_stores_it(store: Store) -> None:
    _ana(store)
    stored = log_activity(store, None, _run(max_hr_bpm=158.0, notes="fine"))
    assert stored.id is not None
    assert stored.started_at == datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    with store.unit_of_work() as uow:
        loaded = uow.activities.get(stored.id)
    assert loaded == stored
    assert (loaded.distance_m, loaded.moving_time_s, loaded.avg_hr_bpm, loaded.rpe) == (
        10000.0,
        3000.0,
        140.0,
        4.0,
    )


def test_fast_non_running_activity_is_allowed(store: Store) -> None:
    _ana(store)
    log_activity(store, "Ana", _run(sport="cycling", distance_m=40000.0, moving_time_s=3600.0))
    assert _counts(store)["activities"] == 1


_FUTURE = datetime.now(UTC) + timedelta(days=3)


@pytest.mark.parametrize(
    ("activity", "fragment"),
    [
        (_run(started_at=_FUTURE), "future"),
        (_run(started_at=datetime(1969, 12, 31, tzinfo=UTC)), "1970"),
        (_run(started_at=datetime(2026, 3, 1, 7, 0)), "time zone"),
        (_run(sport="skateboarding"), "unknown sport"),
        (_run(session_type="jog"), "session type"),
        (_run(moving_time_s=0.0), "duration"),
        (_run(moving_time_s=math.inf), "duration"),
        (_run(elapsed_time_s=0.0), "elapsed time"),
        (_run(distance_m=-1.0), "distance"),
        (_run(distance_m=math.nan), "distance"),
        (_run(avg_hr_bpm=300.0), "average heart rate"),
        (_run(max_hr_bpm=10.0), "maximum heart rate"),
        (_run(rpe=11.0), "RPE"),
        (_run(rpe=-1.0), "RPE"),
        (_run(distance_m=10000.0, moving_time_s=300.0), "faster than any human"),
        (_run(sport="treadmill_running", distance_m=5000.0, moving_time_s=300.0), "faster"),
    ],
)
def test_invalid_activity_is_refused_and_not_stored(
    store: Store, activity: Activity, fragment: str
) -> None:
    _ana(store)
    before = _counts(store)
    with pytest.raises(ValidationError, match=fragment):
        log_activity(store, "Ana", activity)
    assert _counts(store) == before


def test_logging_for_a_missing_athlete_stores_nothing(store: Store) -> None:
    _ana(store)
    before = _counts(store)
    with pytest.raises(NotFound):
        log_activity(store, "Zed", _run())
    with pytest.raises(NotFound):
        log_strength_session(store, "Zed", _lift())
    _ana(store, "Bob")
    with pytest.raises(ValidationError, match="--athlete"):
        log_activity(store, None, _run())
    with pytest.raises(ValidationError, match="--athlete"):
        log_strength_session(store, None, _lift())
    assert _counts(store)["activities"] == before["activities"]
    assert _counts(store)["strength_sessions"] == before["strength_sessions"] == 0


def test_log_strength_session_stores_sets_in_order(store: Store) -> None:
    _ana(store)
    sets = (
        StrengthSet("leg-press", 6, 140.0, 8.0),
        StrengthSet("single-leg-leg-press", 8, 70.0, 7.5, "left"),
        StrengthSet("single-leg-leg-press", 8, 65.0, 7.5, "right"),
        StrengthSet("pogo-jumps", 20, 0.0),
        StrengthSet("unknown:sled push", 5, 80.0),  # imported names the library lacks
    )
    stored = log_strength_session(store, "Ana", _lift(*sets, machine="45° sled"))
    assert stored.id is not None
    assert stored.sets == sets
    assert stored.machine == "45° sled"
    assert _counts(store)["strength_sets"] == len(sets)


@pytest.mark.parametrize(
    ("session", "error", "fragment"),
    [
        (StrengthSession(datetime(2026, 3, 2, tzinfo=UTC), ()), ValidationError, "at least one"),
        (_lift(StrengthSet("moon-press", 5, 100.0)), NotFound, "moon-press"),
        (_lift(StrengthSet("leg-press", 5, 100.0, side="middle")), ValidationError, "side"),  # type: ignore[arg-type]
        (_lift(StrengthSet("leg-press", 0, 100.0)), ValidationError, "reps"),
        (_lift(StrengthSet("leg-press", 5, -1.0)), ValidationError, "load"),
        (_lift(StrengthSet("leg-press", 5, 2000.0)), ValidationError, "load"),
        (_lift(StrengthSet("leg-press", 5, 100.0, 11.0)), ValidationError, "set RPE"),
        (_lift(StrengthSet("leg-press", 5, 100.0, 0.5)), ValidationError, "set RPE"),
        (_lift(rpe=11.0), ValidationError, "session RPE"),
        (_lift(duration_s=30.0), ValidationError, "duration"),
        (_lift(started_at=_FUTURE), ValidationError, "future"),
        (_lift(started_at=datetime(2026, 3, 2, 18, 30)), ValidationError, "time zone"),
        # one good set does not get stored when the next one is bad
        (
            _lift(StrengthSet("leg-press", 6, 140.0), StrengthSet("leg-press", 6, 140.0, 12.0)),
            ValidationError,
            "set RPE",
        ),
    ],
)
def test_invalid_strength_session_is_refused_and_not_stored(
    store: Store, session: StrengthSession, error: type[Exception], fragment: str
) -> None:
    _ana(store)
    before = _counts(store)
    with pytest.raises(error, match=fragment):
        log_strength_session(store, "Ana", session)
    assert _counts(store) == before


# ---------------------------------------------------------------------------------------------
# summary of a small, known log


def test_summary_of_an_athlete_without_sessions(store: Store) -> None:
    _ana(store)
    summary = summarise_athlete(store, "Ana")
    assert summary.first_day is None and summary.last_day is None
    assert (summary.runs, summary.strength_sessions, summary.strength_sets) == (0, 0, 0)
    assert summary.run_distance_m == 0
    assert summary.latest_race is None and summary.predicted_times_s == {}
    assert summary.leg_press_e1rm_recent_kg is None


def test_summary_of_a_known_log(store: Store) -> None:
    _ana(store)
    day = datetime(2026, 3, 1, 7, 0, tzinfo=LJUBLJANA)
    log_activity(store, "Ana", _run(started_at=day - timedelta(days=60), distance_m=8000.0))
    log_activity(
        store,
        "Ana",
        _run(
            started_at=day - timedelta(days=10),
            session_type="race",
            distance_m=5000.0,
            moving_time_s=1200.0,
        ),
    )
    log_activity(store, "Ana", _run(started_at=day, distance_m=12000.0, moving_time_s=3600.0))
    log_activity(store, "Ana", _run(started_at=day, sport="cycling", distance_m=30000.0))
    log_strength_session(
        store,
        "Ana",
        _lift(StrengthSet("leg-press", 10, 100.0), started_at=day - timedelta(days=59)),
    )
    log_strength_session(
        store,
        "Ana",
        _lift(
            StrengthSet("leg-press", 10, 120.0),
            StrengthSet("leg-press", 15, 150.0),  # beyond 12 reps: left out of the e1RM
            started_at=day - timedelta(days=1),
        ),
    )
    summary = summarise_athlete(store, None)
    assert summary.first_day == date(2025, 12, 31)
    assert summary.last_day == date(2026, 3, 1)
    assert summary.runs == 3
    assert summary.other_activities == 1
    assert summary.run_distance_m == 25000.0
    assert summary.run_time_s == 3000.0 + 1200.0 + 3600.0
    assert (summary.strength_sessions, summary.strength_sets) == (2, 3)
    assert summary.last_28_days_run_distance_m == 17000.0
    assert summary.last_28_days_strength_sessions == 1
    # Epley: 133.33 % of the load at 10 reps without an RPE
    assert summary.leg_press_e1rm_start_kg == pytest.approx(133.33, abs=0.01)
    assert summary.leg_press_e1rm_recent_kg == pytest.approx(160.0, abs=0.01)
    race = summary.latest_race
    assert race is not None
    assert race.day == date(2026, 2, 19)
    assert race.vdot == pytest.approx(49.81, abs=0.1)
    assert summary.predicted_times_s["5k"] == pytest.approx(1200, abs=1)
    assert summary.predicted_times_s["10k"] == pytest.approx(2488, rel=0.005)
    assert summary.predicted_times_s["half"] == pytest.approx(5510, rel=0.005)


# ---------------------------------------------------------------------------------------------
# the demo seed: one seeded store per backend, shared by the tests that only read it


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, DemoResult]]:
    """A store seeded once with ``seed_demo(today=TODAY)``.

    On PostgreSQL it gets a database of its own: the function-scoped ``store`` fixture empties
    the shared test database, which would wipe a module-scoped seed.
    """
    drop: str | None = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'demo.db'}"
    else:
        server_url = request.getfixturevalue("postgres_url")
        drop = f"runstrong_test_demo_{uuid.uuid4().hex[:10]}"
        admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{drop}"'))
        url = make_url(server_url).set(database=drop).render_as_string(hide_password=False)
    seeded_store = open_store(url)
    try:
        yield seeded_store, seed_demo(seeded_store, today=TODAY)
    finally:
        seeded_store.dispose()
        if drop is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{drop}" WITH (FORCE)'))
            admin.dispose()


def _demo_log(store: Store) -> tuple[list[Activity], list[StrengthSession]]:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name("Demo Runner")
        assert athlete is not None and athlete.id is not None
        return uow.activities.list_for_athlete(athlete.id), uow.strength.list_for_athlete(
            athlete.id
        )


def test_seed_stores_the_demo_athlete_and_a_year(seeded: tuple[Store, DemoResult]) -> None:
    store, result = seeded
    assert result.athlete.name == "Demo Runner"
    assert result.already_present == 0
    counts = _counts(store)
    assert counts["athletes"] == 1
    assert counts["activities"] == result.activities_added > 200
    assert counts["strength_sessions"] == result.strength_sessions_added > 60
    runs, lifts = _demo_log(store)
    days = [a.started_at.astimezone(LJUBLJANA).date() for a in runs] + [
        s.started_at.astimezone(LJUBLJANA).date() for s in lifts
    ]
    assert max(days) < TODAY
    assert 340 <= (max(days) - min(days)).days <= 366
    weeks_with_training = {day.isocalendar()[:2] for day in days}
    assert len(weeks_with_training) >= 50


def test_seed_again_adds_nothing(seeded: tuple[Store, DemoResult]) -> None:
    store, first = seeded
    before = _counts(store)
    again = seed_demo(store, today=TODAY)
    assert (again.activities_added, again.strength_sessions_added) == (0, 0)
    assert again.already_present == first.activities_added + first.strength_sessions_added
    assert again.athlete == first.athlete
    assert _counts(store) == before


def test_demo_runs_are_realistic(seeded: tuple[Store, DemoResult]) -> None:
    store, result = seeded
    athlete = result.athlete
    assert athlete.hr_rest_bpm is not None and athlete.hr_max_bpm is not None
    runs, _ = _demo_log(store)
    assert all(run.is_run for run in runs)
    types = {run.session_type for run in runs}
    assert {"easy", "long", "tempo", "interval", "recovery", "race"} <= types
    for run in runs:
        assert run.distance_m is not None and run.distance_m > 0
        assert run.avg_hr_bpm is not None and run.max_hr_bpm is not None and run.rpe is not None
        assert athlete.hr_rest_bpm < run.avg_hr_bpm <= run.max_hr_bpm <= athlete.hr_max_bpm
        assert 1 <= run.rpe <= 10
        speed_m_per_s = run.distance_m / run.moving_time_s
        assert 2.0 < speed_m_per_s < 6.0, run
        assert run.external_id and run.source == "demo"
    longest = {t: max(r.distance_m or 0 for r in runs if r.session_type == t) for t in types}
    assert longest["long"] > longest["easy"]
    mean_rpe = {
        t: sum(r.rpe or 0 for r in runs if r.session_type == t)
        / sum(1 for r in runs if r.session_type == t)
        for t in types
    }
    assert mean_rpe["easy"] < mean_rpe["tempo"] < mean_rpe["race"]


def test_demo_races_are_standard_distances_at_a_plausible_vdot(
    seeded: tuple[Store, DemoResult],
) -> None:
    store, _ = seeded
    runs, _ = _demo_log(store)
    races = [r for r in runs if r.session_type == "race"]
    assert len(races) >= 3
    assert {r.distance_m for r in races} <= set(RACE_DISTANCES_M.values())
    for race in races:
        assert race.distance_m is not None
        assert 40 <= vdot(race.distance_m, race.moving_time_s) <= 52


def test_demo_strength_work_covers_leg_press_per_side_plyos_drills_and_core(
    seeded: tuple[Store, DemoResult],
) -> None:
    store, _ = seeded
    _, lifts = _demo_log(store)
    catalog = load_catalog()
    sets = [item for session in lifts for item in session.sets]
    assert all(item.exercise_slug in catalog for item in sets)
    categories = {catalog.get(item.exercise_slug).category for item in sets}
    assert categories == {"strength", "plyometric", "drill", "core"}
    leg_press = [s for s in sets if s.exercise_slug == "leg-press"]
    assert leg_press
    assert all(s.load_kg > 0 and s.reps >= 1 and s.rpe is not None for s in leg_press)
    assert {s.side for s in leg_press} == {"both"}
    single_leg = [s for s in sets if s.exercise_slug == "single-leg-leg-press"]
    assert {s.side for s in single_leg} == {"left", "right"}
    assert sum(s.side == "left" for s in single_leg) == sum(s.side == "right" for s in single_leg)
    assert all(s.load_kg > 0 and s.rpe is not None for s in single_leg)
    for session in lifts:
        assert session.duration_s is not None and session.rpe is not None
        assert 0 < session.rpe <= 10


def test_summary_matches_the_stored_demo_log(seeded: tuple[Store, DemoResult]) -> None:
    store, _ = seeded
    runs, lifts = _demo_log(store)
    summary = summarise_athlete(store, "demo runner")

    def local(moment: datetime) -> date:
        return moment.astimezone(LJUBLJANA).date()

    days = [local(r.started_at) for r in runs] + [local(s.started_at) for s in lifts]
    assert (summary.first_day, summary.last_day) == (min(days), max(days))
    assert summary.runs == len(runs) and summary.other_activities == 0
    assert summary.run_distance_m == pytest.approx(sum(r.distance_m or 0 for r in runs))
    assert summary.run_time_s == pytest.approx(sum(r.moving_time_s for r in runs))
    assert summary.strength_sessions == len(lifts)
    assert summary.strength_sets == sum(len(s.sets) for s in lifts)
    last = max(days)
    recent = [r for r in runs if (last - local(r.started_at)).days < 28]
    assert summary.last_28_days_run_distance_m == pytest.approx(
        sum(r.distance_m or 0 for r in recent)
    )
    assert summary.last_28_days_strength_sessions == sum(
        (last - local(s.started_at)).days < 28 for s in lifts
    )

    def best(window: list[StrengthSession]) -> float:
        return max(
            set_one_rep_max(item.load_kg, item.reps, item.rpe)
            for session in window
            for item in session.sets
            if item.exercise_slug == "leg-press"
        )

    first = min(days)
    start = best([s for s in lifts if (local(s.started_at) - first).days < 56])
    end = best([s for s in lifts if (last - local(s.started_at)).days < 56])
    assert summary.leg_press_e1rm_start_kg == pytest.approx(start)
    assert summary.leg_press_e1rm_recent_kg == pytest.approx(end)
    # the demo's leg press rises from about 150 to about 185 kg over the year
    assert 140 <= start <= 165 and 175 <= end <= 200

    latest = max((r for r in runs if r.session_type == "race"), key=lambda r: r.started_at)
    race = summary.latest_race
    assert race is not None
    assert race.day == local(latest.started_at)
    assert (race.distance_m, race.time_s) == (latest.distance_m, latest.moving_time_s)
    assert race.vdot == pytest.approx(vdot(latest.distance_m or 0, latest.moving_time_s))
    for name, seconds in summary.predicted_times_s.items():
        assert seconds == pytest.approx(equivalent_time_s(race.vdot, RACE_DISTANCES_M[name]))
