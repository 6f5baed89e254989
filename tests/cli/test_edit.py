"""``runstrong sessions``, ``edit`` and ``delete`` as a user types them, on SQLite and
PostgreSQL: ids to act on, only the options given change, the same one-line errors as ``log``
(exit 2, nothing written), confirmation before a delete, and a deleted run's file imports
again."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from runstrong.store import Store
from runstrong.store.tables import Base
from tests.cli.helpers import assert_one_line_error, output_json

RUN_FIT = Path(__file__).resolve().parents[1] / "data" / "fit" / "run.fit"
FUTURE = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()


@pytest.fixture
def cli(store: Store, tmp_path: Path) -> Iterator[object]:
    runner = CliRunner(env={"RUNSTRONG_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}"})
    url = store.engine.url.render_as_string(hide_password=False)

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, [*args, "--db", url], input=input)

    result = run("athlete", "create", "Ana", "--timezone", "Europe/Ljubljana")
    assert result.exit_code == 0, result.stderr
    yield run


def _digest(store: Store) -> str:
    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in sorted(repr(tuple(r)) for r in connection.execute(select(table))):
                digest.update(row.encode())
    return digest.hexdigest()


def _seed(cli) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    run = output_json(
        cli("log", "run", "--date", "2024-05-06", "--at", "07:15", "--distance", "10km",
            "--duration", "50:00", "--rpe", "4", "--json")
    )  # fmt: skip
    lift = output_json(
        cli("log", "strength", "--date", "2024-05-07", "--duration", "45:00", "--rpe", "7",
            "--set", "leg-press 2x6@140kg rpe8",
            "--set", "single-leg-leg-press 1x8@60kg left",
            "--set", "single-leg-leg-press 1x8@57.5kg right", "--json")
    )  # fmt: skip
    return run["id"], lift["id"]


def test_sessions_lists_ids_newest_first(cli) -> None:  # type: ignore[no-untyped-def]
    run_id, lift_id = _seed(cli)
    listing = output_json(cli("sessions", "--json"))
    assert listing["total"] == 2
    assert [(i["kind"], i["id"]) for i in listing["items"]] == [
        ("strength", lift_id),
        ("run", run_id),
    ]
    assert listing["items"][1]["started_at"] == "2024-05-06T07:15:00+02:00"
    only_runs = output_json(cli("sessions", "--kind", "run", "--from", "2024-05-06", "--json"))
    assert [i["id"] for i in only_runs["items"]] == [run_id]
    empty = output_json(cli("sessions", "--to", "2024-05-05", "--json"))
    assert empty == {"items": [], "total": 0}
    table = cli("sessions", "--athlete", "Ana")
    assert table.exit_code == 0 and "strength" in table.stdout and str(run_id) in table.stdout


def test_edit_run_changes_only_what_is_given(cli) -> None:  # type: ignore[no-untyped-def]
    run_id, _ = _seed(cli)
    result = cli("edit", "run", str(run_id), "--rpe", "6", "--type", "tempo", "--at", "06:00")
    assert result.exit_code == 0, result.stderr
    assert "rpe" in result.stdout and "session_type" in result.stdout
    item = output_json(cli("sessions", "--kind", "run", "--json"))["items"][0]
    assert item["rpe"] == 6 and item["session_type"] == "tempo"
    assert item["started_at"] == "2024-05-06T06:00:00+02:00"  # the day kept, the time changed
    assert item["distance_m"] == 10_000 and item["moving_time_s"] == 3000


def test_edit_strength_sets_by_number(cli) -> None:  # type: ignore[no-untyped-def]
    _, lift_id = _seed(cli)
    result = cli(
        "edit", "strength", str(lift_id), "--set-edit", "2=1x6@145kg rpe9",
        "--set-delete", "1", "--set-add", "standing-calf-raise 2x12@60kg", "--notes", "heavier",
        "--json",
    )  # fmt: skip
    changed = output_json(result)
    assert changed["sets"] == 5 and changed["changed"] == ["notes", "sets"]
    listing = output_json(cli("sessions", "--kind", "strength", "--json"))["items"][0]
    assert listing["sets"] == 5 and "standing-calf-raise" in listing["summary"]
    replaced = output_json(
        cli("edit", "strength", str(lift_id), "--set", "leg-press 3x5@150kg", "--json")
    )
    assert replaced["sets"] == 3


def test_edit_strength_sets_and_keeps_warm_ups_and_holds(cli, store: Store) -> None:  # type: ignore[no-untyped-def]
    lift = output_json(
        cli("log", "strength", "--date", "2024-05-07",
            "--set", "leg-press 1x10@60kg warmup", "--set", "leg-press 2x6@140kg rpe8",
            "--set", "front-plank 1x40s bw", "--json")
    )  # fmt: skip
    lift_id = str(lift["id"])
    listed = output_json(cli("sessions", "--kind", "strength", "--json"))["items"][0]
    assert (listed["sets"], listed["warmup_sets"], listed["timed_sets"]) == (4, 1, 1)
    assert "(1 warm-up, 1 timed)" in listed["summary"]
    # change set 2 and add holds: set 1 stays a warm-up, set 4 a 40 s hold
    result = cli(
        "edit", "strength", lift_id, "--set-edit", "2=1x6@145kg rpe9",
        "--set-add", "side-plank 2x30s bw", "--set-add", "calf-press 1x12@40kg wu",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert _sets(store, lift_id) == [
        ("leg-press", 60.0, True, None),
        ("leg-press", 145.0, False, None),
        ("leg-press", 140.0, False, None),
        ("front-plank", 0.0, False, 40.0),
        ("side-plank", 0.0, False, 30.0),
        ("side-plank", 0.0, False, 30.0),
        ("calf-press", 40.0, True, None),
    ]
    listed = output_json(cli("sessions", "--kind", "strength", "--json"))["items"][0]
    assert (listed["sets"], listed["warmup_sets"], listed["timed_sets"]) == (7, 2, 3)
    # a --set-edit restates the set: marking and unmarking a warm-up, turning reps into a hold
    result = cli(
        "edit", "strength", lift_id, "--set-edit", "1=1x10@60kg",
        "--set-edit", "3=1x6@140kg warmup", "--set-edit", "4=1x50s bw",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [row[2:] for row in _sets(store, lift_id)[:4]] == [
        (False, None), (False, None), (True, None), (False, 50.0),
    ]  # fmt: skip
    replaced = cli(
        "edit", "strength", lift_id, "--set", "leg-press 2x10@50kg warmup",
        "--set", "front-plank 3x45s bw", "--json",
    )  # fmt: skip
    assert output_json(replaced)["sets"] == 5
    listed = output_json(cli("sessions", "--kind", "strength", "--json"))["items"][0]
    assert (listed["warmup_sets"], listed["timed_sets"]) == (2, 3)
    assert _sets(store, lift_id)[1:3] == [
        ("leg-press", 50.0, True, None),
        ("front-plank", 0.0, False, 45.0),
    ]


def _sets(store: Store, session_id: str) -> list[tuple[object, ...]]:
    query = text(
        "SELECT exercise_slug, load_kg, warmup, duration_s FROM strength_sets "
        "WHERE session_id = :i ORDER BY position"
    )
    with store.engine.connect() as connection:
        rows = connection.execute(query, {"i": int(session_id)}).all()
    return [(slug, load, bool(warm), hold) for slug, load, warm, hold in rows]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("edit", "run", "999", "--rpe", "5"), "no run with id 999"),
        (("edit", "strength", "999", "--rpe", "5"), "no strength session with id 999"),
        (("edit", "run", "{run}", "--rpe", "11"), "RPE must be between 0 and 10"),
        (("edit", "run", "{run}", "--date", FUTURE), "cannot start in the future"),
        (("edit", "run", "{run}", "--distance", "far"), "distance"),
        (("edit", "run", "{run}"), "nothing to change"),
        (("edit", "strength", "{lift}", "--set-edit", "1=6 reps"), "invalid set"),
        (("edit", "strength", "{lift}", "--set-edit", "one=1x5"), "use N=SPEC"),
        (("edit", "strength", "{lift}", "--set", "leg-press lots"), "invalid set entry"),
        (("edit", "strength", "{lift}", "--set-delete", "9"), "no set 9"),
        (("edit", "strength", "{lift}", "--rpe", "11"), "session RPE must be between"),
        (("delete", "run", "999", "--yes"), "no run with id 999"),
        (("delete", "strength", "999", "--yes"), "no strength session with id 999"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    cli, store: Store, args: tuple[str, ...], fragment: str
) -> None:  # type: ignore[no-untyped-def]
    run_id, lift_id = _seed(cli)
    before = _digest(store)
    filled = [a.format(run=run_id, lift=lift_id) for a in args]
    assert_one_line_error(cli(*filled), fragment)
    assert _digest(store) == before


def test_another_athletes_id_is_unknown(cli, store: Store) -> None:  # type: ignore[no-untyped-def]
    run_id, _ = _seed(cli)
    assert cli("athlete", "create", "Bo").exit_code == 0
    before = _digest(store)
    assert_one_line_error(
        cli("edit", "run", str(run_id), "--athlete", "Bo", "--rpe", "5"), "for Bo"
    )
    assert_one_line_error(cli("delete", "run", str(run_id), "--athlete", "Bo", "--yes"), "for Bo")
    assert _digest(store) == before


def test_delete_asks_first_and_deleting_twice_fails(cli, store: Store) -> None:  # type: ignore[no-untyped-def]
    run_id, lift_id = _seed(cli)
    before = _digest(store)
    declined = cli("delete", "run", str(run_id), input="n\n")
    assert declined.exit_code == 1 and "Delete the run of 2024-05-06 07:15" in declined.stdout
    assert _digest(store) == before
    confirmed = cli("delete", "strength", str(lift_id), input="y\n")
    assert confirmed.exit_code == 0 and "Deleted strength session" in confirmed.stdout
    assert cli("delete", "run", str(run_id), "--yes").exit_code == 0
    assert_one_line_error(cli("delete", "run", str(run_id), "--yes"), "no run with id")
    assert output_json(cli("sessions", "--json"))["total"] == 0


def test_deleted_run_imports_again_and_edits_survive_reimport(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", str(RUN_FIT), "--athlete", "Ana").exit_code == 0
    run_id = output_json(cli("sessions", "--json"))["items"][0]["id"]
    assert cli("edit", "run", str(run_id), "--rpe", "5").exit_code == 0
    again = cli("import", str(RUN_FIT), "--athlete", "Ana")
    assert "0 imported" in again.stdout.replace("\n", " ") or "already" in again.stdout
    assert output_json(cli("sessions", "--json"))["items"][0]["rpe"] == 5
    assert cli("delete", "run", str(run_id), "--yes").exit_code == 0
    back = cli("import", str(RUN_FIT), "--athlete", "Ana", "--json")
    assert back.exit_code == 0, back.stderr
    items = output_json(cli("sessions", "--json"))["items"]
    assert len(items) == 1 and items[0]["rpe"] is None


def test_athlete_delete_confirms_and_removes_everything(cli) -> None:  # type: ignore[no-untyped-def]
    _seed(cli)
    declined = cli("athlete", "delete", "Ana", input="n\n")
    assert declined.exit_code == 1 and "runstrong export" in declined.stdout
    removed = output_json(cli("athlete", "delete", "Ana", "--yes", "--json"))
    assert removed == {"name": "Ana", "activities": 1, "strength_sessions": 1}
    assert output_json(cli("athlete", "list", "--json")) == []
    assert_one_line_error(cli("athlete", "delete", "Ana", "--yes"), "no athlete named")
