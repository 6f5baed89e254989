"""Strong and Hevy CSV exports: layouts, units, encodings, time zones and exercise matching."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runstrong.errors import ImportFormatError
from runstrong.importers import strength_csv
from runstrong.importers.base import ImportOptions

from .conftest import SYNTHETIC, FakeCatalog

CATALOG = FakeCatalog({"Squat (Barbell)": "back-squat", "Leg Press (Machine)": "leg-press"})


def _read(name: str) -> bytes:
    return (SYNTHETIC / "csv" / name).read_bytes()


def test_strong_legacy_semicolons_units_bom_and_warm_ups(options: ImportOptions) -> None:
    parsed = strength_csv.parse(_read("strong-legacy.csv"), "strong.csv", options)
    assert parsed.format == "strong_csv"
    first, second = parsed.strength_sessions
    assert first.started_at == datetime(2024, 5, 2, 16, 0, tzinfo=UTC)  # 18:00 in Ljubljana
    assert first.duration_s == 3900.0
    assert [(s.exercise_slug, s.reps, s.load_kg, s.rpe, s.warmup) for s in first.sets] == [
        ("back-squat", 8, 40.0, None, True),  # set order W: kept, marked warm-up
        ("back-squat", 5, 100.0, 8.0, False),
        ("back-squat", 5, 102.5, 8.5, False),  # decimal comma in a semicolon file
        ("standing-calf-raise", 12, pytest.approx(61.235, abs=1e-3), None, False),  # 135 lbs
        ("front-plank", 1, 0.0, None, False),
    ]
    assert first.sets[-1].duration_s == 60.0  # the plank: 0 reps, 60 seconds
    assert [s.duration_s for s in first.sets[:-1]] == [None] * 4
    assert second.notes == "Felt strong"
    assert second.duration_s == 2700.0
    assert parsed.unmatched_exercises == ("Zercher Good Morning",)
    assert second.sets[1].exercise_slug == "unknown:zercher-good-morning"
    assert not any("without repetitions" in w for w in parsed.warnings)


def test_strong_current_layout_with_am_pm_and_no_unit_column(options: ImportOptions) -> None:
    parsed = strength_csv.parse(_read("strong.csv"), "strong.csv", options)
    (session,) = parsed.strength_sessions
    assert session.started_at == datetime(2024, 5, 6, 16, 15, tzinfo=UTC)  # 6:15 pm CEST
    assert session.duration_s == 3000.0
    assert [s.exercise_slug for s in session.sets] == [
        "romanian-deadlift",
        "romanian-deadlift",
        "box-jump",
    ]
    assert any("does not say kg or lb" in w for w in parsed.warnings)


def test_strong_weights_in_pounds_when_told() -> None:
    options = ImportOptions(timezone="UTC", weight_unit="lb")
    (session,) = strength_csv.parse(_read("strong.csv"), "s.csv", options).strength_sessions
    assert session.sets[0].load_kg == pytest.approx(36.287, abs=1e-3)


@pytest.mark.parametrize(
    ("file_name", "load_kg"), [("hevy-kg.csv", 140.0), ("hevy-lbs.csv", 63.503)]
)
def test_hevy_exports(file_name: str, load_kg: float, options: ImportOptions) -> None:
    parsed = strength_csv.parse(_read(file_name), file_name, options)
    assert parsed.format == "hevy_csv"
    (session,) = parsed.strength_sessions
    assert session.started_at == datetime(2025, 7, 26, 5, 6, tzinfo=UTC)
    assert session.duration_s == 65 * 60
    assert [(s.exercise_slug, s.reps, s.rpe, s.warmup) for s in session.sets] == [
        ("leg-press", 10, None, True),  # set type warmup: kept, marked
        ("leg-press", 8, 8.0, False),
        ("leg-press", 7, 10.0, False),
        ("single-leg-calf-raise", 15, None, False),
    ]
    assert session.sets[1].load_kg == pytest.approx(load_kg, abs=1e-3)
    assert session.sets[3].load_kg == 0.0  # body weight
    assert all(s.duration_s is None for s in session.sets)
    assert any("1 sets without repetitions" in w for w in parsed.warnings)  # the treadmill row


def test_injected_catalog_is_used() -> None:
    options = ImportOptions(timezone="UTC", catalog=CATALOG)
    parsed = strength_csv.parse(_read("strong-legacy.csv"), "s.csv", options)
    assert parsed.unmatched_exercises == (
        "Calf Raise",
        "Nordic Hamstring Curl",
        "Plank",
        "Zercher Good Morning",
    )


def test_external_ids_survive_a_newer_cumulative_export(options: ImportOptions) -> None:
    older = strength_csv.parse(_read("strong-legacy.csv"), "a.csv", options)
    newer_data = _read("strong-legacy.csv") + (
        b'2024-05-09 07:30:00;"Legs C";"Squat (Barbell)";1;105;kg;5;;;;0;"";"";40m\n'
    )
    newer = strength_csv.parse(newer_data, "b.csv", options)
    old_ids = [s.external_id for s in older.strength_sessions]
    new_ids = [s.external_id for s in newer.strength_sessions]
    assert new_ids[:2] == old_ids
    assert len(set(new_ids)) == 3


def test_without_time_zone_times_are_utc_with_a_warning() -> None:
    parsed = strength_csv.parse(_read("hevy-kg.csv"), "h.csv", ImportOptions(catalog=CATALOG))
    assert parsed.strength_sessions[0].started_at == datetime(2025, 7, 26, 7, 6, tzinfo=UTC)
    assert any("no time zone" in w for w in parsed.warnings)


def test_utf16_export_is_read(options: ImportOptions) -> None:
    data = _read("hevy-kg.csv").decode().encode("utf-16")
    assert len(strength_csv.parse(data, "h.csv", options).strength_sessions) == 1


def test_non_utf8_fails_clearly() -> None:
    with pytest.raises(ImportFormatError, match=r"latin1\.csv: not UTF-8 text .* line 2"):
        strength_csv.parse(_read("latin1.csv"), "latin1.csv")


def test_wrong_columns_name_the_missing_ones() -> None:
    with pytest.raises(ImportFormatError) as error:
        strength_csv.parse(_read("wrong-columns.csv"), "wrong.csv")
    message = str(error.value)
    assert message.startswith("wrong.csv: not a Strong or Hevy export")
    assert "missing Strong columns: Date, Workout Name, Exercise Name, Set Order, Weight, Reps" in (
        message
    )


def test_hevy_like_header_names_hevy_columns() -> None:
    data = b"title,start_time,exercise_title\nA,26 Jul 2025, 07:06,Squat\n"
    with pytest.raises(ImportFormatError, match="missing Hevy columns: reps, weight_kg or"):
        strength_csv.parse(data, "h.csv")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            'yesterday;"A";"Squat (Barbell)";1;100;kg;5\n',
            "line 2: cannot read the date 'yesterday'",
        ),
        ('2024-05-02 18:00:00;"A";"Squat (Barbell)";1;heavy;kg;5\n', "'heavy' in column Weight"),
    ],
)
def test_bad_cells_name_the_line(row: str, message: str) -> None:
    data = ("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n" + row).encode()
    with pytest.raises(ImportFormatError, match=message):
        strength_csv.parse(data, "s.csv", ImportOptions(timezone="UTC", catalog=CATALOG))


def test_unknown_time_zone_fails_clearly() -> None:
    with pytest.raises(ImportFormatError, match="Unknown time zone 'Mars/Olympus'"):
        strength_csv.parse(_read("hevy-kg.csv"), "h.csv", ImportOptions(timezone="Mars/Olympus"))


def test_strava_index_alone_is_skipped() -> None:
    data = b"Activity ID,Activity Date,Activity Name,Activity Type,Filename\n1,x,y,Run,a.fit\n"
    parsed = strength_csv.parse(data, "activities.csv")
    assert parsed.skip_reason is not None and "Strava export" in parsed.skip_reason


def test_empty_file_fails() -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        strength_csv.parse(b"\xef\xbb\xbf\n\n", "s.csv")


def test_unknown_slug_normalises_names() -> None:
    assert strength_csv.unknown_slug("  Übung  (Kabel) ") == "unknown:ubung-kabel"
    assert strength_csv.unknown_slug("!!!") == "unknown:unnamed"


def test_strong_warm_ups_and_timed_holds_are_kept(options: ImportOptions) -> None:
    parsed = strength_csv.parse(_read("strong-warmups-timed.csv"), "s.csv", options)
    (session,) = parsed.strength_sessions
    assert [(s.exercise_slug, s.reps, s.load_kg, s.warmup, s.duration_s) for s in session.sets] == [
        ("leg-press", 10, 60.0, True, None),
        ("leg-press", 5, 100.0, True, None),
        ("leg-press", 5, 150.0, False, None),
        ("leg-press", 5, 150.0, False, None),
        ("front-plank", 1, 0.0, False, 40.0),
        ("front-plank", 1, 0.0, False, 45.0),
        ("hollow-hold", 1, 10.0, False, 60.0),
    ]
    assert any("1 sets without repetitions" in w for w in parsed.warnings)  # the rowing row


def test_hevy_warm_ups_and_timed_holds_in_pounds_are_kept(options: ImportOptions) -> None:
    parsed = strength_csv.parse(_read("hevy-warmups-timed-lbs.csv"), "h.csv", options)
    (session,) = parsed.strength_sessions
    assert [(s.exercise_slug, s.reps, s.warmup, s.duration_s) for s in session.sets] == [
        ("leg-press", 12, True, None),
        ("leg-press", 6, False, None),
        ("front-plank", 1, False, 30.0),
        ("front-plank", 1, True, 20.0),
    ]
    assert session.sets[0].load_kg == pytest.approx(90 * 0.45359237, abs=1e-3)
    assert session.sets[1].load_kg == pytest.approx(300 * 0.45359237, abs=1e-3)


def test_a_hold_longer_than_an_hour_is_refused(options: ImportOptions) -> None:
    data = _read("hevy-warmups-timed-lbs.csv").replace(b",30,", b",99999,")
    with pytest.raises(ImportFormatError, match="line 4: '99999' in column duration_seconds"):
        strength_csv.parse(data, "h.csv", options)
