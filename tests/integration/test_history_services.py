"""History, prefill and upload use cases over a real store (SQLite, and PostgreSQL when one
answers): newest-first pages with totals, items of other athletes reported missing, the last
loads per exercise, and uploads that store nothing when they are broken."""

from __future__ import annotations

import io
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.errors import NotFound, ValidationError
from runstrong.services import uploads as uploads_module
from runstrong.services.athletes import create_athlete
from runstrong.services.history import (
    athlete_time,
    get_activity,
    get_strength_session,
    list_activities,
    list_history,
    list_strength_sessions,
)
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.prefill import (
    SetEntry,
    find_exercise,
    last_strength_session,
    sets_from_entries,
    strength_prefill,
)
from runstrong.services.uploads import (
    NothingImported,
    Upload,
    check_upload_size,
    import_uploads,
)
from runstrong.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"
TABLES = ("activities", "activity_samples", "strength_sessions", "strength_sets")
START = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


def _athlete(store: Store, name: str = "Ana") -> int:
    athlete = create_athlete(store, Athlete(name=name, timezone="Europe/Ljubljana"))
    assert athlete.id is not None
    return athlete.id


def _run(store: Store, athlete_id: int, hours: float, distance_m: float = 8000) -> Activity:
    activity = Activity(
        started_at=START + timedelta(hours=hours),
        sport="running",
        moving_time_s=2400,
        distance_m=distance_m,
    )
    return log_activity(store, athlete_id, activity)


def _session(
    store: Store, athlete_id: int, hours: float, sets: tuple[StrengthSet, ...]
) -> StrengthSession:
    session = StrengthSession(started_at=START + timedelta(hours=hours), sets=sets)
    return log_strength_session(store, athlete_id, session)


def _set(slug: str, reps: int, load_kg: float, side: str = "both") -> StrengthSet:
    return StrengthSet(slug, reps, load_kg, side=side)  # type: ignore[arg-type]


# -- history ----------------------------------------------------------------------------------


def test_activities_newest_first_with_total_and_pages(store: Store) -> None:
    athlete_id = _athlete(store)
    runs = [_run(store, athlete_id, hours=24 * day) for day in range(7)]
    first = list_activities(store, athlete_id, limit=3, offset=0)
    assert first.total == 7
    assert [a.id for a in first.items] == [r.id for r in reversed(runs)][:3]
    assert first.has_older and not first.has_newer
    last = list_activities(store, athlete_id, limit=3, offset=6)
    assert [a.id for a in last.items] == [runs[0].id]
    assert not last.has_older and last.has_newer and last.newer_offset == 3
    beyond = list_activities(store, athlete_id, limit=3, offset=50)
    assert beyond.items == () and beyond.total == 7


def test_strength_sessions_page_carries_sets_in_order(store: Store) -> None:
    athlete_id = _athlete(store)
    sets = (_set("leg-press", 6, 140), _set("calf-press", 12, 100), _set("leg-press", 6, 145))
    _session(store, athlete_id, 0, sets)
    _session(store, athlete_id, 48, (_set("nordic-hamstring-curl", 5, 0),))
    page = list_strength_sessions(store, athlete_id, limit=10)
    assert page.total == 2
    assert page.items[0].sets[0].exercise_slug == "nordic-hamstring-curl"
    assert page.items[1].sets == sets


def test_history_interleaves_both_kinds_and_pages_cover_everything_once(store: Store) -> None:
    athlete_id = _athlete(store)
    other = _athlete(store, "Bo")
    expected: list[tuple[str, int]] = []
    for hour in range(0, 40, 3):
        if hour % 2:
            item = _run(store, athlete_id, hour)
            expected.append(("activity", item.id or 0))
        else:
            session = _session(store, athlete_id, hour, (_set("leg-press", 5, 100),))
            expected.append(("strength_session", session.id or 0))
    _run(store, other, 1)  # another athlete's run never shows
    expected.reverse()
    for limit in (1, 4, 5, 14, 100):
        seen: list[tuple[str, int]] = []
        offset = 0
        while True:
            page = list_history(store, athlete_id, limit=limit, offset=offset)
            assert page.total == len(expected)
            seen += [(entry.kind, entry.id) for entry in page.items]
            if not page.has_older:
                break
            offset = page.older_offset
        assert seen == expected, limit
    starts = [e.started_at for e in list_history(store, athlete_id, limit=100).items]
    assert starts == sorted(starts, reverse=True)


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (501, 0), (10, -1)])
def test_bad_page_arguments_are_refused(store: Store, limit: int, offset: int) -> None:
    athlete_id = _athlete(store)
    with pytest.raises(ValidationError):
        list_history(store, athlete_id, limit=limit, offset=offset)
    with pytest.raises(ValidationError):
        list_activities(store, athlete_id, limit=limit, offset=offset)


def test_one_item_by_id_only_for_its_athlete(store: Store) -> None:
    ana, bo = _athlete(store), _athlete(store, "Bo")
    run = _run(store, ana, 0)
    session = _session(store, ana, 2, (_set("leg-press", 5, 100),))
    assert run.id is not None and session.id is not None
    assert get_activity(store, ana, run.id) == run
    assert get_strength_session(store, ana, session.id).sets == session.sets
    with pytest.raises(NotFound, match="no activity with id"):
        get_activity(store, bo, run.id)
    with pytest.raises(NotFound, match="no strength session with id"):
        get_strength_session(store, bo, session.id)
    with pytest.raises(NotFound):
        get_activity(store, ana, run.id + 1000)
    with pytest.raises(NotFound):
        get_strength_session(store, ana, session.id + 1000)


def test_athlete_time_reads_naive_times_as_local_and_converts_aware_ones() -> None:
    summer = athlete_time(datetime(2024, 7, 1, 7, 30), "Europe/Ljubljana")
    assert summer.utcoffset() == timedelta(hours=2)
    assert summer.astimezone(UTC).hour == 5
    converted = athlete_time(datetime(2024, 1, 10, 12, 0, tzinfo=UTC), "America/New_York")
    assert converted.hour == 7 and converted.utcoffset() == timedelta(hours=-5)
    with pytest.raises(ValidationError, match="unknown time zone"):
        athlete_time(datetime(2024, 1, 1), "Mars/Olympus")


# -- prefill ----------------------------------------------------------------------------------


def test_prefill_takes_each_exercise_from_its_latest_session(store: Store) -> None:
    ana, bo = _athlete(store), _athlete(store, "Bo")
    assert last_strength_session(store, ana) is None
    assert strength_prefill(store, ana).last_loads == {}
    _session(store, ana, 0, (_set("leg-press", 6, 140), _set("calf-press", 12, 100)))
    newest = _session(
        store,
        ana,
        72,
        (
            _set("leg-press", 5, 150),
            _set("single-leg-leg-press", 8, 60, "left"),
            _set("single-leg-leg-press", 8, 55, "right"),
            _set("leg-press", 5, 152.5),
        ),
    )
    _session(store, bo, 100, (_set("calf-press", 15, 200),))  # another athlete's loads
    prefill = strength_prefill(store, ana)
    assert prefill.last_session is not None and prefill.last_session.id == newest.id
    assert set(prefill.last_loads) == {"leg-press", "calf-press", "single-leg-leg-press"}
    leg_press = prefill.last_loads["leg-press"]
    assert [s.load_kg for s in leg_press.sets] == [150, 152.5]
    assert leg_press.top_load_kg == 152.5 and leg_press.session_id == newest.id
    assert [s.load_kg for s in prefill.last_loads["calf-press"].sets] == [100]
    sides = [s.side for s in prefill.last_loads["single-leg-leg-press"].sets]
    assert sides == ["left", "right"]


def test_prefill_breaks_a_tie_of_start_times_by_the_later_entry(store: Store) -> None:
    ana = _athlete(store)
    _session(store, ana, 0, (_set("leg-press", 6, 140),))
    second = _session(store, ana, 0, (_set("leg-press", 6, 145),))
    assert strength_prefill(store, ana).last_loads["leg-press"].session_id == second.id


def test_sets_from_entries_accepts_names_and_aliases_and_names_the_bad_set() -> None:
    sets = sets_from_entries(
        [SetEntry("Leg Press", 6, 140.0), SetEntry("single-leg-leg-press", 8, 60.0, None, "left")]
    )
    assert [s.exercise_slug for s in sets] == ["leg-press", "single-leg-leg-press"]
    assert find_exercise("  leg-press ").slug == "leg-press"
    cases = [
        (
            [SetEntry("leg-press", 5, 100), SetEntry("leg-pres", 5, 100)],
            r"set 2: .*leg-pres.*did you mean",
        ),
        ([SetEntry("leg-press", 5, 100, None, "left")], "set 1: Leg Press is done with both legs"),
        ([SetEntry("leg-press", 5, 100, None, "middle")], "set 1: unknown side 'middle'"),
        ([SetEntry("leg-press", 0, 100)], "set 1: reps must be at least 1"),
        ([SetEntry("leg-press", -3, 100)], "set 1: reps must be at least 1"),
        ([SetEntry("", 5, 100)], "set 1: choose an exercise"),
        ([], "at least one set"),
    ]
    for entries, message in cases:
        with pytest.raises(ValidationError, match=message):
            sets_from_entries(entries)


# -- uploads ----------------------------------------------------------------------------------


def _upload(name: str, data: bytes) -> Upload:
    return Upload(name, io.BytesIO(data))


def test_upload_imports_once_and_reports_the_clients_names(store: Store) -> None:
    ana = _athlete(store)
    run = (DATA / "fit" / "run.fit").read_bytes()
    report = import_uploads(store, ana, [_upload("C:\\watch\\run.fit", run)])
    assert [(o.name, o.status, o.activities_added) for o in report.outcomes] == [
        (
            "run.fit",
            "imported",
            1,
        )
    ]
    before = _counts(store)
    again = import_uploads(store, ana, [_upload("run.fit", run)])
    assert [o.status for o in again.outcomes] == ["already_present"]
    assert _counts(store) == before


def test_upload_names_never_leave_the_private_folder(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ana = _athlete(store)
    seen: list[Path] = []
    real = uploads_module.import_paths

    def spy(store_: Store, athlete: int, paths: list[Path], **kwargs: object):  # type: ignore[no-untyped-def]
        seen.extend(paths)
        return real(store_, athlete, paths, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(uploads_module, "import_paths", spy)
    data = (DATA / "gpx" / "run.gpx").read_bytes()
    report = import_uploads(
        store, ana, [_upload("../../../etc/cron.d/evil.gpx", data), _upload("..", b"junk")]
    )
    folder = seen[0].parent.parent
    assert all(path.parent.parent == folder for path in seen)
    assert seen[0].name == "evil.gpx" and seen[1].name == "upload"
    assert not folder.exists(), "the temporary folder is removed"
    assert [o.name for o in report.outcomes] == ["evil.gpx", "upload"]
    assert all(tempfile.gettempdir() not in (o.message or "") for o in report.outcomes)
    assert report.outcomes[0].status == "imported" and report.outcomes[1].status == "failed"


@pytest.mark.parametrize(
    ("files", "error", "message"),
    [
        ([], ValidationError, "choose at least one file"),
        ([("empty.fit", b"")], ValidationError, "the upload is empty"),
        (
            [("notes.fit", b"these are my running notes, not a FIT file")],
            NothingImported,
            "notes.fit: not a FIT file",
        ),
        (
            [("bad-header.fit", (DATA / "fit" / "bad-header.fit").read_bytes())],
            NothingImported,
            "nothing could be imported: bad-header.fit",
        ),
        (
            [("workout.fit", (DATA / "fit" / "workout.fit").read_bytes())],
            NothingImported,
            "nothing could be imported",
        ),
    ],
)
def test_broken_uploads_store_nothing(
    store: Store, files: list[tuple[str, bytes]], error: type[Exception], message: str
) -> None:
    ana = _athlete(store)
    before = _counts(store)
    with pytest.raises(error, match=message) as raised:
        import_uploads(store, ana, [_upload(name, data) for name, data in files])
    if isinstance(raised.value, NothingImported):
        assert raised.value.report.outcomes, "the report says why for each file"
    assert _counts(store) == before


def test_too_big_uploads_are_refused_before_and_while_reading(store: Store) -> None:
    ana = _athlete(store)
    before = _counts(store)
    run = (DATA / "fit" / "run.fit").read_bytes()
    with pytest.raises(ValidationError, match="larger than"):
        import_uploads(
            store, ana, [_upload("a.fit", run), _upload("b.fit", run)], limit_bytes=12_000
        )
    assert _counts(store) == before
    with pytest.raises(ValidationError, match="larger than 200 MB"):
        check_upload_size(300 * 1024 * 1024)
    check_upload_size(None)
    check_upload_size(10 * 1024 * 1024)
    with pytest.raises(ValidationError, match="larger than"):
        check_upload_size(10_000_000, limit_bytes=1000)
