"""``runstrong import`` of a watch strength session, then ``runstrong edit strength ID
--name-unidentified`` and ``--rpe``, as a user types them (SQLite and PostgreSQL); bad input
is one line, exit 2, nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from runstrong.store import Store
from tests.cli.helpers import assert_one_line_error, output_json
from tests.cli.test_edit import _digest

WATCH = Path(__file__).resolve().parents[1] / "data" / "fit" / "strength-watch.fit"


@pytest.fixture
def cli(store: Store, tmp_path: Path) -> Iterator[object]:
    runner = CliRunner(env={"RUNSTRONG_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}"})
    url = store.engine.url.render_as_string(hide_password=False)

    def run(*args: str) -> Result:
        return runner.invoke(app, [*args, "--db", url])

    created = run("athlete", "create", "Ana", "--timezone", "UTC", "--hr-max", "190")
    assert created.exit_code == 0, created.stderr
    yield run


def test_import_then_name_unidentified_sets_and_give_the_rpe(cli, store: Store) -> None:  # type: ignore[no-untyped-def]
    imported = cli("import", str(WATCH))
    assert imported.exit_code == 0, imported.stderr
    assert "1 strength sessions" in imported.stdout.replace("\n", " ")
    [item] = output_json(cli("sessions", "--json"))["items"]
    assert item["kind"] == "strength" and item["sets"] == 9
    lift = str(item["id"])
    before = _digest(store)
    assert_one_line_error(cli("edit", "strength", lift, "--name-unidentified", "zzz"), "zzz")
    assert_one_line_error(cli("edit", "strength", "999", "--name-unidentified", "goblet-squat"))
    assert_one_line_error(cli("edit", "strength", lift, "--rpe", "11"), "rpe")
    assert _digest(store) == before
    named = output_json(
        cli("edit", "strength", lift, "--name-unidentified", "goblet-squat", "--json")
    )
    assert named["changed"] == ["sets"] and named["sets"] == 9
    assert_one_line_error(
        cli("edit", "strength", lift, "--name-unidentified", "goblet-squat"), "no unidentified"
    )
    rated = output_json(cli("edit", "strength", lift, "--rpe", "7", "--json"))
    assert rated["changed"] == ["rpe"]
    [after] = output_json(cli("sessions", "--json"))["items"]
    assert after["rpe"] == 7
    goblet = cli("lifts", "goblet-squat", "--json")
    assert goblet.exit_code == 0, goblet.stderr
    assert "2024-05-02" in goblet.stdout  # the named sets are goblet squat history now
    again = cli("import", str(WATCH))
    assert "1 already" in again.stdout.replace("\n", " ")


def test_import_asks_to_rate_and_name_the_watch_session(cli) -> None:  # type: ignore[no-untyped-def]
    imported = cli("import", str(WATCH))
    text = " ".join(imported.stdout.split())
    assert "from a watch: runstrong edit strength" in text
    assert "--rpe N" in text and "(2 sets the watch did not know)" in text
