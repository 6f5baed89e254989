"""GPX files imported before their sport words were known (stored as ``other``) are not stored
again when imported again: the file's content is what identifies them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import text

from runstrong.domain.models import Athlete
from runstrong.importers import gpx
from runstrong.services.athletes import create_athlete
from runstrong.services.imports import import_paths
from runstrong.store import Store

STRAVA_RUN = Path(__file__).resolve().parents[1] / "data" / "gpx" / "sports" / "strava-9-run.gpx"


def _stored(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT sport, external_id FROM activities"))
        return [tuple(row) for row in rows]


def test_a_strava_run_stored_as_other_before_is_not_duplicated(store: Store) -> None:
    athlete = create_athlete(store, Athlete(name="Ana"))
    assert athlete.id is not None
    parsed = gpx.parse(STRAVA_RUN.read_bytes(), STRAVA_RUN.name)
    (activity,) = parsed.activities
    assert activity.sport == "running"
    with store.unit_of_work() as uow:  # as the importer before sport_names.toml stored it
        uow.activities.add(athlete.id, replace(activity, sport="other"))

    report = import_paths(store, "Ana", [STRAVA_RUN], workers=1)

    assert report.outcomes[0].status == "already_present"
    assert _stored(store) == [("other", activity.external_id)]


def test_a_new_strava_run_is_stored_as_a_run(store: Store) -> None:
    create_athlete(store, Athlete(name="Ana"))
    report = import_paths(store, "Ana", [STRAVA_RUN], workers=1)
    assert report.outcomes[0].status == "imported"
    assert [sport for sport, _ in _stored(store)] == ["running"]
