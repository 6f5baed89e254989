"""The ``runstrong`` root: every command documented, ``--json`` everywhere, errors in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from runstrong import __version__
from runstrong.cli.main import app
from runstrong.domain.checkin import Checkin
from runstrong.domain.models import Athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.checkins import athlete_today
from runstrong.store import open_store
from tests.cli.helpers import Invoke, assert_one_line_error, row_counts


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _walk(sub, (*path, name))


ALL_COMMANDS = dict(_walk(get_command(app)))
LEAF_COMMANDS = sorted(path for path, cmd in ALL_COMMANDS.items() if not hasattr(cmd, "commands"))


def test_the_expected_commands_are_registered() -> None:
    assert set(LEAF_COMMANDS) == {
        ("athlete", "create"),
        ("athlete", "list"),
        ("athlete", "delete"),
        ("sessions",),
        ("edit", "run"),
        ("edit", "strength"),
        ("delete", "run"),
        ("delete", "strength"),
        ("log", "run"),
        ("log", "strength"),
        ("calc", "e1rm"),
        ("calc", "vdot"),
        ("calc", "predict"),
        ("calc", "paces"),
        ("exercises",),
        ("lifts",),
        ("demo",),
        ("import",),
        ("status",),
        ("athlete", "thresholds"),
        ("plan", "create"),
        ("plan", "show"),
        ("plan", "replan"),
        ("plan", "export"),
        ("evidence",),
        ("db", "upgrade"),
        ("export",),
        ("restore",),
        ("backup",),
        ("serve",),
        ("worker",),
        ("user", "create"),
        ("activity", "show"),
        ("bests",),
        ("sources", "add"),
        ("sources", "list"),
        ("sources", "remove"),
        ("sync",),
        ("experiment", "design"),
        ("experiment", "start"),
        ("experiment", "status"),
        ("experiment", "analyse"),
        ("experiment", "amend"),
        ("checkin", "list"),
        ("checkin", "edit"),
        ("checkin", "delete"),
        ("checkin", "import"),
        ("checkin", "choose"),
    }


@pytest.mark.parametrize("path", sorted(ALL_COMMANDS), ids=lambda p: " ".join(p) or "runstrong")
def test_every_command_has_help_text(invoke: Invoke, path: tuple[str, ...]) -> None:
    command = ALL_COMMANDS[path]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Usage:" in result.stdout
    assert command.help.strip().splitlines()[0][:40] in " ".join(result.stdout.split())


def _option_params(path: tuple[str, ...]) -> list[Any]:
    return [p for p in ALL_COMMANDS[path].params if p.name != "help"]


@pytest.mark.parametrize(
    "path",
    LEAF_COMMANDS,
    ids=" ".join,
)
def test_every_option_and_argument_has_help_text(path: tuple[str, ...]) -> None:
    undocumented = [p.name for p in _option_params(path) if not (getattr(p, "help", "") or "")]
    assert undocumented == []


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"runstrong {__version__}"


# ---------------------------------------------------------------------------------------------
# --json on every command


@pytest.fixture
def one_athlete(db_url: str) -> str:
    store = open_store(db_url)
    try:
        create_athlete(store, Athlete(name="Ana", timezone="Europe/Ljubljana"))
    finally:
        store.dispose()
    return db_url


def _low_hrv_mornings(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.unit_of_work() as uow:
            athlete = uow.athletes.list()[0]
            assert athlete.id is not None
            today = athlete_today(athlete)
            for back in range(64):
                rmssd = 40.0 if back < 2 else 60.0 + 10 * (back % 2)
                uow.checkins.put(athlete.id, Checkin(today - timedelta(days=back), rmssd_ms=rmssd))
    finally:
        store.dispose()


def _write_small_gpx(path: Path) -> Path:
    """A one-minute GPX run, enough for the importer."""
    start = datetime(2025, 6, 1, 5, 0, tzinfo=UTC)
    points = "".join(
        f'<trkpt lat="{46.05 + i * 0.0001:.6f}" lon="14.5"><ele>300</ele>'
        f"<time>{start + timedelta(seconds=10 * i):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for i in range(7)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>",
        encoding="utf-8",
    )
    return path


PLAN_RACE_DAY = (datetime.now(UTC) + timedelta(days=70)).date().isoformat()
CHECKIN_DAY = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
WELLNESS = Path(__file__).resolve().parents[1] / "data" / "wellness"
JSON_CASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("athlete", "create"): ("Zoe", "--body-mass", "60"),
    ("athlete", "list"): (),
    ("log", "run"): ("-d", "10k", "-t", "50:00", "--date", "2025-06-01"),
    ("log", "strength"): ("-s", "leg-press 4x6@140kg rpe8", "--date", "2025-06-01"),
    ("calc", "e1rm"): ("--load", "200", "--reps", "5"),
    ("calc", "vdot"): ("-d", "5k", "-t", "20:00"),
    ("calc", "predict"): ("-d", "5k", "-t", "20:00", "--target", "10k"),
    ("calc", "paces"): ("--vdot", "50"),
    ("activity", "show"): ("1",),
    ("bests",): (),
    ("exercises",): (),
    ("lifts",): ("leg-press",),
    ("demo",): (),
    ("import",): ("{gpx}",),
    ("status",): ("--date", "2025-06-02"),
    ("athlete", "thresholds"): ("--set", "load_spike_acwr=1.4"),
    ("plan", "create"): ("--race", "10k", "--date", PLAN_RACE_DAY),
    ("plan", "show"): (),
    ("plan", "replan"): (),
    ("plan", "export"): (),
    ("evidence",): ("--date", "2025-06-02"),
    ("db", "upgrade"): (),
    ("export",): ("--athlete", "Ana", "{tmp}/ana.zip"),
    ("restore",): ("{tmp}/ana.zip", "--as", "Ana Copy"),
    ("backup",): ("{tmp}/backup.db",),
    ("user", "create"): ("zoe", "--password-stdin", "--athlete", "Ana"),
    ("sessions",): (),
    ("edit", "run"): ("1", "--rpe", "5"),
    ("edit", "strength"): ("1", "--rpe", "6"),
    ("delete", "run"): ("1", "--yes"),
    ("delete", "strength"): ("1", "--yes"),
    ("athlete", "delete"): ("Ana", "--yes"),
    ("sources", "add"): ("folder", "{tmp}", "--athlete", "Ana"),
    ("sources", "list"): (),
    ("sources", "remove"): ("1",),
    ("sync",): ("--settle", "0"),
    ("checkin", "list"): (),
    ("checkin", "edit"): ("--date", CHECKIN_DAY, "--sleep", "7h30"),
    ("checkin", "delete"): ("--date", CHECKIN_DAY),
    ("checkin", "import"): (str(WELLNESS / "hrv4training_export.csv"),),
    ("checkin", "choose"): ("--signal", "hrv_low", "--action", "keep"),
}
#: Commands that act on a logged run and strength session (ids 1 in a fresh store).
ON_SESSIONS = {("sessions",), ("edit", "run"), ("edit", "strength"), ("delete", "run"),
               ("delete", "strength")}  # fmt: skip
#: Long-running servers: they print no JSON document.
SERVERS = {("serve",), ("worker",)}
#: Commands that need months of heart-rate runs: tests/cli/test_experiment.py checks their --json.
JSON_ELSEWHERE = {path for path in LEAF_COMMANDS if path[0] == "experiment"}
PASSWORD_INPUT = "long enough password\n"
STORE_COMMANDS = {
    path for path in LEAF_COMMANDS if any(p.name == "db" for p in _option_params(path))
}


def test_the_json_table_covers_every_command() -> None:
    assert set(JSON_CASES) == set(LEAF_COMMANDS) - SERVERS - JSON_ELSEWHERE
    assert all(
        any(p.name == "as_json" for p in _option_params(path))
        for path in set(JSON_CASES) | JSON_ELSEWHERE
    )


@pytest.mark.parametrize("path", sorted(JSON_CASES), ids=" ".join)
def test_every_command_prints_valid_json(
    invoke: Invoke, one_athlete: str, tmp_path: Path, path: tuple[str, ...]
) -> None:
    db = ("--db", one_athlete) if path in STORE_COMMANDS else ()
    gpx = str(_write_small_gpx(tmp_path / "run.gpx"))
    args = [arg.format(gpx=gpx, tmp=tmp_path) for arg in JSON_CASES[path]]
    if path == ("restore",):  # a restore needs an archive
        archive = ("--athlete", "Ana", f"{tmp_path}/ana.zip")
        assert invoke("export", *archive, *db).exit_code == 0
    if path in {("status",), ("evidence",), ("activity", "show")}:  # these need a session
        assert invoke(*RUN, *db).exit_code == 0
    if path in ON_SESSIONS:
        assert invoke(*RUN, *db).exit_code == 0
        assert invoke("log", "strength", *JSON_CASES[("log", "strength")], *db).exit_code == 0
    if path[0] == "plan" and path != ("plan", "create"):  # these need a plan
        assert invoke("plan", "create", *JSON_CASES[("plan", "create")], *db).exit_code == 0
    if path[0] in ("sources", "sync") and path != ("sources", "add"):  # these need a source
        assert invoke("sources", "add", "folder", str(tmp_path), "-a", "Ana", *db).exit_code == 0
    if path in {("checkin", "edit"), ("checkin", "delete")}:  # these need a check-in
        assert invoke("checkin", "--date", CHECKIN_DAY, "--sleep", "6", *db).exit_code == 0
    if path == ("checkin", "choose"):  # a signal this morning: rMSSD low two days running
        _low_hrv_mornings(one_athlete)
    stdin = PASSWORD_INPUT if path == ("user", "create") else None
    result = invoke(*path, *args, *db, "--json", input=stdin)
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert isinstance(payload, dict | list) and payload
    assert "\x1b[" not in result.stdout  # no colour codes in machine output


def test_store_commands_are_exactly_those_with_db() -> None:
    assert {
        ("athlete", "create"),
        ("athlete", "list"),
        ("log", "run"),
        ("log", "strength"),
        ("lifts",),
        ("demo",),
        ("import",),
        ("status",),
        ("athlete", "thresholds"),
        ("plan", "create"),
        ("plan", "show"),
        ("plan", "replan"),
        ("plan", "export"),
        ("evidence",),
        ("db", "upgrade"),
        ("export",),
        ("restore",),
        ("backup",),
        ("serve",),
        ("user", "create"),
        ("athlete", "delete"),
        ("sessions",),
        ("edit", "run"),
        ("edit", "strength"),
        ("delete", "run"),
        ("delete", "strength"),
        ("activity", "show"),
        ("bests",),
        ("sources", "add"),
        ("sources", "list"),
        ("sources", "remove"),
        ("sync",),
        ("experiment", "design"),
        ("experiment", "start"),
        ("experiment", "status"),
        ("experiment", "analyse"),
        ("experiment", "amend"),
        ("checkin", "list"),
        ("checkin", "edit"),
        ("checkin", "delete"),
        ("checkin", "import"),
        ("checkin", "choose"),
    } == STORE_COMMANDS


# ---------------------------------------------------------------------------------------------
# bad input: exit 2, one line on stderr, nothing stored

SET = "leg-press 4x6@140kg rpe8"
RUN = ("log", "run", "-d", "10k", "-t", "50:00", "--date", "2025-06-01")
LIFT = ("log", "strength", "--date", "2025-06-01")
FUTURE = (datetime.now(UTC) + timedelta(days=10)).date().isoformat()

# (arguments, a fragment of the expected message)
BAD_CALC: list[tuple[tuple[str, ...], str]] = [
    (("calc", "e1rm", "--load", "200", "--reps", "0"), "reps"),
    (("calc", "e1rm", "--load", "0", "--reps", "5"), "greater than zero"),
    (("calc", "e1rm", "--load", "200", "--reps", "5", "--method", "guess"), "unknown method"),
    (("calc", "vdot", "-d", "5k", "-t", "20:75"), "seconds must be below 60"),
    (("calc", "vdot", "-d", "5k", "-t", "1:75:00"), "minutes must be below 60"),
    (("calc", "vdot", "-d", "5k", "-t", "twenty"), "invalid time"),
    (("calc", "vdot", "-d", "parkrun", "-t", "20:00"), "unknown distance 'parkrun'"),
    (("calc", "vdot", "-d", "-5k", "-t", "20:00"), "unknown distance"),
    (("calc", "predict", "-d", "5k", "-t", "20:00", "--target", "ultra"), "unknown distance"),
    (("calc", "predict", "-d", "5k", "-t", "20:00", "--target", "10k", "-m", "x"), "method"),
    (("calc", "paces", "--vdot", "5"), "20"),
    (("exercises", "leg-pres"), "no exercise 'leg-pres'"),
    (("exercises", "--category", "cardio"), "unknown category"),
    (("exercises", "--muscle", "biceps"), "muscle"),
]
# (arguments, names of the athletes stored beforehand, a fragment of the expected message)
BAD_STORE: list[tuple[tuple[str, ...], tuple[str, ...], str]] = [
    (("athlete", "create", "Ana"), ("Ana",), "already exists"),
    (("athlete", "create", "aNA"), ("Ana",), "already exists"),
    (("athlete", "create", "   "), ("Ana",), "needs a name"),
    (("athlete", "create", "Zoe", "--timezone", "Mars/Olympus"), ("Ana",), "time zone"),
    (("athlete", "create", "Zoe", "--sex", "robot"), ("Ana",), "unknown sex"),
    (("athlete", "create", "Zoe", "--focus", "ultra"), ("Ana",), "event focus"),
    (("athlete", "create", "Zoe", "--units", "furlongs"), ("Ana",), "unit system"),
    (("athlete", "create", "Zoe", "--body-mass", "5"), ("Ana",), "body mass"),
    (("athlete", "create", "Zoe", "--birth-year", "1800"), ("Ana",), "birth year"),
    (("athlete", "create", "Zoe", "--hr-rest", "110", "--hr-max", "105"), ("Ana",), "resting"),
    (("athlete", "create", "Zoe", "--hr-max", "300"), ("Ana",), "maximum heart rate"),
    (("athlete", "list", "--db", "mysql://localhost/x"), ("Ana",), "unsupported database"),
    ((*RUN, "--athlete", "Zed"), ("Ana",), "no athlete named 'Zed'"),
    (RUN, ("Ana", "Bob"), "--athlete"),
    (RUN, (), "no athletes yet"),
    ((*RUN, "--rpe", "11"), ("Ana",), "RPE"),
    ((*RUN, "--avg-hr", "400"), ("Ana",), "average heart rate"),
    (("log", "run", "-d", "10k", "-t", "5:00", "--date", "2025-06-01"), ("Ana",), "faster"),
    (("log", "run", "-d", "10k", "-t", "20:75"), ("Ana",), "seconds must be below 60"),
    (("log", "run", "-d", "10 furlongs", "-t", "50:00"), ("Ana",), "unknown distance"),
    (("log", "run", "-d", "0km", "-t", "50:00"), ("Ana",), "greater than zero"),
    ((*RUN, "--type", "jog"), ("Ana",), "session type"),
    ((*RUN, "--sport", "skateboarding"), ("Ana",), "unknown sport"),
    (("log", "run", "-d", "5k", "-t", "25:00", "--date", FUTURE), ("Ana",), "future"),
    (("log", "run", "-d", "5k", "-t", "25:00", "--date", "2025-02-30"), ("Ana",), "invalid date"),
    ((*RUN, "--at", "25:00"), ("Ana",), "invalid time of day"),
    ((*LIFT, "-s", "leg-press 4x@kg"), ("Ana",), "invalid set '4x@kg'"),
    ((*LIFT, "-s", "leg-press"), ("Ana",), "invalid set entry"),
    ((*LIFT, "-s", "moon-press 4x6@100kg"), ("Ana",), "no exercise 'moon-press'"),
    ((*LIFT, "-s", "leg-press 4x6@140kg left"), ("Ana",), "both legs"),
    ((*LIFT, "-s", "leg-press 4x6@140kg rpe11"), ("Ana",), "RPE"),
    ((*LIFT, "-s", "leg-press 0x6@140kg"), ("Ana",), "number of sets"),
    ((*LIFT, "-s", "leg-press 4x6@2000kg"), ("Ana",), "1500"),
    ((*LIFT, "-s", SET, "--side", "middle"), ("Ana",), "invalid side"),
    ((*LIFT, "-s", SET, "--duration", "0:30"), ("Ana",), "duration"),
    ((*LIFT, "-s", SET, "--rpe", "11"), ("Ana",), "session RPE"),
    ((*LIFT, "-s", SET, "--athlete", "Zed"), ("Ana",), "no athlete named"),
    ((*LIFT, "-s", SET), ("Ana", "Bob"), "--athlete"),
    (("log", "strength", "-s", SET, "--date", FUTURE), ("Ana",), "future"),
    # a valid set followed by a bad one stores neither
    ((*LIFT, "-s", SET, "-s", "single-leg-leg-press 3x8@70kg rpe12 left"), ("Ana",), "RPE"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD_CALC, ids=[" ".join(a) for a, _ in BAD_CALC])
def test_bad_calculator_input(invoke: Invoke, args: tuple[str, ...], fragment: str) -> None:
    assert_one_line_error(invoke(*args), fragment)


def _prepare(invoke: Invoke, db_url: str, names: tuple[str, ...]) -> dict[str, int]:
    """Store the athletes, a run and a strength session for the first, and count the rows."""
    store = open_store(db_url)
    try:
        for name in names:
            create_athlete(store, Athlete(name=name, timezone="Europe/Ljubljana"))
    finally:
        store.dispose()
    if names:
        for logged in (RUN, (*LIFT, "-s", SET)):
            result = invoke(*logged, "--athlete", names[0], "--db", db_url)
            assert result.exit_code == 0, result.stderr
    return row_counts(db_url)


@pytest.mark.parametrize(
    ("args", "athletes", "fragment"),
    BAD_STORE,
    ids=[f"{' '.join(a)} [{'+'.join(n)}]" for a, n, _ in BAD_STORE],
)
def test_bad_input_involving_the_store_changes_nothing(
    invoke: Invoke, db_url: str, args: tuple[str, ...], athletes: tuple[str, ...], fragment: str
) -> None:
    before = _prepare(invoke, db_url, athletes)
    db = () if "--db" in args else ("--db", db_url)
    assert_one_line_error(invoke(*args, *db), fragment)
    assert row_counts(db_url) == before


@pytest.mark.parametrize(
    "args",
    [("calc", "e1rm", "--load", "200", "--reps", "ten"), ("calc", "vdot", "-d", "5k")],
    ids=["not-a-number", "missing-option"],
)
def test_usage_errors_are_one_line_too(invoke: Invoke, args: tuple[str, ...]) -> None:
    assert_one_line_error(invoke(*args))


# ---------------------------------------------------------------------------------------------
# the installed console script


def _script() -> str:
    script = Path(sys.executable).with_name("runstrong")
    assert script.exists(), f"no console script next to {sys.executable}"
    return str(script)


def _run_script(*args: str, db_url: str) -> subprocess.CompletedProcess[str]:
    env = {"RUNSTRONG_DATABASE_URL": db_url, "PATH": str(Path(sys.executable).parent)}
    return subprocess.run(
        [_script(), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("calc", "vdot", "--distance", "5k", "--time", "20:75"), "seconds must be below 60"),
        (("log", "run", "-d", "10k", "-t", "50:00"), "no athletes yet"),
    ],
    ids=["calc", "store"],
)
def test_console_script_bad_input_has_no_traceback(
    db_url: str, args: tuple[str, ...], fragment: str
) -> None:
    completed = _run_script(*args, db_url=db_url)
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""
    assert completed.stderr.startswith("error: ")
    assert len(completed.stderr.strip().splitlines()) == 1
    assert fragment in completed.stderr


def test_console_script_high_rep_e1rm_prints_no_python_warning(db_url: str) -> None:
    completed = _run_script("calc", "e1rm", "--load", "100", "--reps", "15", db_url=db_url)
    assert completed.returncode == 0
    assert "Warning" not in completed.stderr
    assert ".py:" not in completed.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (("zoe", "--password-stdin"), "short\n", "at least 10 characters"),
        (("Zo", "--password-stdin"), PASSWORD_INPUT, "3-40 characters"),
        (("zoe", "--password-stdin", "--email", "not-mail"), PASSWORD_INPUT, "not an e-mail"),
        (("zoe", "--password-stdin"), "\n", "password is required"),
    ],
)
def test_user_create_refuses_bad_accounts(
    invoke: Invoke, db_url: str, args: tuple[str, ...], stdin: str, fragment: str
) -> None:
    assert_one_line_error(invoke("user", "create", *args, "--db", db_url, input=stdin), fragment)


def test_user_create_refuses_a_taken_name(invoke: Invoke, db_url: str) -> None:
    first = invoke(
        "user", "create", "zoe", "--password-stdin", "--db", db_url, input=PASSWORD_INPUT
    )
    assert first.exit_code == 0, first.stderr
    again = invoke(
        "user", "create", "ZOE", "--password-stdin", "--db", db_url, input=PASSWORD_INPUT
    )
    assert_one_line_error(again, "taken")
