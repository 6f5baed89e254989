"""FIT import: every real device file, checked against an independent read with fitdecode."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fitdecode
import numpy as np
import pytest

from runstrong.errors import ImportFormatError
from runstrong.importers import _fit_crc, _fit_fast, _fit_repair, fit
from runstrong.importers.base import ImportOptions, ParsedFile, content_id

from .conftest import SYNTHETIC, real_files, synthetic

FITDECODE = ImportOptions(fit_decoder="fitdecode")

# What each shared real file must give: activities (sports in order), a skip reason, or an error.
IMPORTED: dict[str, tuple[str, ...]] = {
    "2013-02-06-12-11-14.fit": ("running",),
    "2015-10-13-08-43-15.fit": ("cycling",),
    "20170518-191602-1740899583.fit": ("rowing",),
    "2019-02-17-062644-ELEMNT-297E-195-0.fit": ("cycling",),
    "Activity.fit": ("running",),
    "Edge810-Vector-2013-08-16-15-35-10.fit": ("cycling",),
    "activity-large-fenxi2-multisport.fit": (
        "other",
        "transition",
        "running",
        "transition",
        "running",
        "transition",
        "cycling",
    ),
    "activity-settings-nodata.fit": ("running",),
    "activity-settings.fit": ("running",),
    "activity-small-fenix2-run.fit": ("running",),
    "activity-unexpected-eof.fit": ("running",),
    "antfs-dump.63.fit": ("running",),
    "compressed-speed-distance.fit": ("running",),
    "coros-pace-2-cycling-misaligned-fields.fit": ("cycling",),
    "developer-types-sample.fit": ("running",),
    "elemnt-bolt-no-application-id-inside-developer-data-id.fit": ("cycling",),
    "event_timestamp.fit": ("swimming",),
    "garmin-edge-500-activity.fit": ("cycling",),
    "garmin-edge-820-bike.fit": ("cycling",),
    "garmin-fenix-5-bike.fit": ("cycling",),
    "garmin-fenix-5-run.fit": ("running",),
    "garmin-fenix-5-walk.fit": ("walking",),
    "nick.fit": ("cycling",),
    "null_compressed_speed_dist.fit": ("cycling",),
    "sample-activity-indoor-trainer.fit": ("cycling",),
    "sample-activity.fit": ("cycling",),
    "sample_mulitple_header.fit": ("swimming", "transition", "cycling", "transition", "running"),
    "strava-android-app-201.10-b1218918.fit": ("running",),
}
SKIPPED: dict[str, str] = {
    "DeveloperData.fit": "without timed records",
    "MonitoringFile.fit": "daily monitoring file",
    "Settings.fit": "device settings file",
    "Settings2.fit": "device settings file",
    "nametest.FIT": "device settings file",
    "WeightScaleMultiUser.fit": "weight scale file",
    "WeightScaleSingleUser.fit": "weight scale file",
    "WorkoutCustomTargetValues.fit": "workout plan file",
    "WorkoutIndividualSteps.fit": "workout plan file",
    "WorkoutRepeatGreaterThanStep.fit": "workout plan file",
    "WorkoutRepeatSteps.fit": "workout plan file",
}
FAILED: dict[str, str] = {
    "activity-activity-filecrc.fit": "checksum does not match",
    "activity-filecrc.fit": "checksum does not match",
    "activity-settings-corruptheader.fit": "header is damaged",
}
#: Strength activities: strength sessions (their sets: test_fit_strength.py), no activity.
STRENGTH: dict[str, int] = {"garmin-fr965-strength-training.fit": 1}
WARNED: dict[str, str] = {
    "activity-settings-nodata.fit": "ends early",
    "activity-unexpected-eof.fit": "ends early",
    "nick.fit": "ends early",
    "strava-android-app-201.10-b1218918.fit": "cut short",
    "antfs-dump.63.fit": "clock was not set",
    "compressed-speed-distance.fit": "clock was not set",
}

REAL_FIT = real_files("fit")
needs_real = pytest.mark.skipif(not REAL_FIT, reason="shared real device files not available")


@dataclass
class _Independent:
    """What fitdecode alone reports about a file (default processor, datetimes)."""

    sessions: list[dict[str, object]]
    record_count: int
    #: (heart rate, distance rounded to cm) of the records at each second; None = not recorded
    records_at: dict[datetime, set[tuple[int | None, float | None]]]


def _read_independently(path: Path) -> _Independent:
    sessions: list[dict[str, object]] = []
    count = 0
    records_at: dict[datetime, set[tuple[int | None, float | None]]] = {}
    with fitdecode.FitReader(
        path,
        check_crc=fitdecode.CrcCheck.DISABLED,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    ) as reader:
        try:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
                elif frame.name == "record":
                    moment = frame.get_value("timestamp", fallback=None)
                    if moment is None:
                        continue
                    count += 1
                    if isinstance(moment, datetime):
                        beat = frame.get_value("heart_rate", fallback=None)
                        metres = frame.get_value("distance", fallback=None)
                        records_at.setdefault(moment, set()).add(
                            (
                                beat if isinstance(beat, int) and beat > 0 else None,
                                round(metres, 2) if isinstance(metres, float) else None,
                            )
                        )
        except fitdecode.FitError:
            pass  # truncated files: what was read before the break is what counts
    return _Independent(sessions, count, records_at)


def test_every_real_file_has_an_expectation() -> None:
    names = {path.name for path in REAL_FIT}
    known = set(IMPORTED) | set(SKIPPED) | set(FAILED) | set(STRENGTH)
    assert names <= known, "add the new file to a table"


@needs_real
@pytest.mark.parametrize("path", REAL_FIT, ids=lambda p: p.name)
def test_real_file_outcome(path: Path) -> None:
    data = path.read_bytes()
    if path.name in FAILED:
        with pytest.raises(ImportFormatError, match=FAILED[path.name]) as error:
            fit.parse(data, path.name)
        assert str(error.value).startswith(path.name)
        return
    parsed = fit.parse(data, path.name)
    if path.name in SKIPPED:
        assert parsed.activities == ()
        assert parsed.skip_reason is not None and SKIPPED[path.name] in parsed.skip_reason
        return
    assert parsed.skip_reason is None
    if path.name in STRENGTH:
        assert parsed.activities == ()
        assert len(parsed.strength_sessions) == STRENGTH[path.name]
        return
    assert tuple(a.sport for a in parsed.activities) == IMPORTED[path.name]
    warning = WARNED.get(path.name)
    if warning:
        assert any(warning in w for w in parsed.warnings), parsed.warnings
    _check_common(parsed, data)


def _check_common(parsed: ParsedFile, data: bytes) -> None:
    ids = [a.external_id for a in parsed.activities]
    assert len(set(ids)) == len(ids)
    for activity in parsed.activities:
        assert activity.source == "fit"
        assert activity.external_id is not None
        assert activity.external_id.startswith(content_id(data))
        assert activity.started_at.tzinfo is not None
        assert activity.started_at.utcoffset() == timedelta(0)
        samples = activity.samples
        assert samples is not None
        for column in samples.COLUMNS:
            values = getattr(samples, column)
            assert values.dtype == np.float64 and values.shape == (len(samples),)
        assert np.all(np.diff(samples.time_s) >= 0)


@needs_real
@pytest.mark.parametrize("path", [p for p in REAL_FIT if p.name in IMPORTED], ids=lambda p: p.name)
def test_real_file_values_match_fitdecode(path: Path) -> None:
    """Summary values equal the sessions' fields; sample values equal the records'."""
    parsed = fit.parse(path.read_bytes(), path.name)
    truth = _read_independently(path)
    sessions = truth.sessions  # transitions are activities too
    if sessions:
        assert len(parsed.activities) == len(sessions)
    for activity, session in zip(parsed.activities, sessions, strict=False):
        assert activity.elapsed_time_s == pytest.approx(session["total_elapsed_time"])
        if isinstance(session.get("total_distance"), float):
            assert activity.distance_m == pytest.approx(session["total_distance"])
        if session.get("avg_heart_rate"):
            assert activity.avg_hr_bpm == pytest.approx(session["avg_heart_rate"])
        timer = session.get("total_moving_time") or session.get("total_timer_time")
        assert activity.moving_time_s == pytest.approx(timer)
    kept = sum(len(a.samples) for a in parsed.activities if a.samples is not None)
    dropped = sum(int(m.group(1)) for w in parsed.warnings if (m := re.search(r"dropped (\d+)", w)))
    clock_shifted = any("clock was not set" in w for w in parsed.warnings)
    if len(parsed.activities) == 1:
        assert kept + dropped == truth.record_count
    else:
        assert kept + dropped <= truth.record_count
    if clock_shifted:
        return  # record times were moved onto the local clock; values checked elsewhere
    for activity in parsed.activities:
        assert activity.samples is not None
        moments = [
            activity.started_at + timedelta(seconds=float(t)) for t in activity.samples.time_s
        ]
        single = len(parsed.activities) == 1  # multisport distances restart per leg
        for moment, beat, metres in zip(
            moments, activity.samples.hr_bpm, activity.samples.distance_m, strict=True
        ):
            ours = (
                int(beat) if np.isfinite(beat) else None,
                round(float(metres), 2) if np.isfinite(metres) else None,
            )
            choices = truth.records_at[moment]  # several records may share a second
            if single:
                assert ours in choices
            else:
                assert ours[0] in {hr for hr, _ in choices}


@needs_real
def test_truncated_files_keep_the_records_before_the_break() -> None:
    for name in ("nick.fit", "activity-unexpected-eof.fit"):
        path = next(p for p in REAL_FIT if p.name == name)
        parsed = fit.parse(path.read_bytes(), name)
        truth = _read_independently(path)
        (activity,) = parsed.activities
        assert activity.samples is not None
        assert len(activity.samples) == truth.record_count
        assert any("ends early" in w and "kept" in w for w in parsed.warnings)
    nick = fit.parse((REAL_FIT[0].parent / "nick.fit").read_bytes(), "nick.fit").activities[0]
    assert nick.distance_m == pytest.approx(113550.87)  # derived: no session summary survived
    assert nick.elapsed_time_s == pytest.approx(16723.0)


@needs_real
def test_coros_file_with_mismatched_field_sizes_is_read() -> None:
    path = REAL_FIT[0].parent / "coros-pace-2-cycling-misaligned-fields.fit"
    (activity,) = fit.parse(path.read_bytes(), path.name).activities
    assert activity.device == "coros"
    assert activity.samples is not None and len(activity.samples) == 11272
    assert activity.distance_m == pytest.approx(32145.76)


@needs_real
def test_crashing_app_record_with_a_date_decades_away_is_dropped() -> None:
    path = REAL_FIT[0].parent / "strava-android-app-201.10-b1218918.fit"
    (activity,) = fit.parse(path.read_bytes(), path.name).activities
    assert activity.samples is not None
    assert activity.samples.time_s.max() < 3 * 3600


@needs_real
def test_running_cadence_is_in_steps_per_minute() -> None:
    path = REAL_FIT[0].parent / "garmin-fenix-5-run.fit"
    (activity,) = fit.parse(path.read_bytes(), path.name).activities
    assert activity.avg_cadence_spm == pytest.approx(2 * (83 + 0.671875))
    assert activity.device == "garmin fenix5"


@needs_real
@pytest.mark.skipif(not _fit_fast.available(), reason="fitfast is not installed")
@pytest.mark.parametrize("path", [p for p in REAL_FIT if p.name in IMPORTED], ids=lambda p: p.name)
def test_fast_path_and_fitdecode_agree(path: Path) -> None:
    _fast_path_and_fitdecode_agree(path)


def _fast_path_and_fitdecode_agree(path: Path) -> None:
    data = path.read_bytes()
    fast = fit.parse(data, path.name, ImportOptions(fit_decoder="auto"))
    slow = fit.parse(data, path.name, FITDECODE)
    assert fast == slow  # summaries (samples are excluded from Activity equality)
    for quick, careful in zip(fast.activities, slow.activities, strict=True):
        assert quick.samples is not None and careful.samples is not None
        for column in quick.samples.COLUMNS:
            np.testing.assert_allclose(
                getattr(quick.samples, column),
                getattr(careful.samples, column),
                rtol=1e-6,
                atol=2e-3,  # fitfast rounds expanded speeds 1 mm/s differently
                err_msg=column,
            )


# --- 14-byte headers with CRC 0 (many Garmin devices): the fast path, CRC still checked ------

HEADER_CRC_ZERO = ["header-crc-zero-run.fit", "header-crc-zero-multisport.fit"]
REAL_HEADER_CRC_ZERO = [
    p for p in REAL_FIT if p.name in IMPORTED and _fit_crc.header_crc_is_zero(p.read_bytes())
]
needs_fitfast = pytest.mark.skipif(not _fit_fast.available(), reason="fitfast is not installed")


@needs_fitfast
@pytest.mark.parametrize(
    "path",
    [SYNTHETIC / "fit" / name for name in HEADER_CRC_ZERO] + REAL_HEADER_CRC_ZERO,
    ids=lambda p: p.name,
)
def test_header_crc_zero_files_take_the_fast_path_and_agree(path: Path) -> None:
    data = path.read_bytes()
    assert _fit_crc.header_crc_is_zero(data)
    fast = _fit_fast.decode(data)
    assert fast is not None and fast.decoder == "fitfast"
    _fast_path_and_fitdecode_agree(path)


@needs_real
def test_real_header_crc_zero_activities_are_the_ones_that_used_to_fall_back() -> None:
    assert sorted(p.name for p in REAL_HEADER_CRC_ZERO) == [
        "2013-02-06-12-11-14.fit",
        "2015-10-13-08-43-15.fit",
        "Edge810-Vector-2013-08-16-15-35-10.fit",
        "sample-activity-indoor-trainer.fit",
    ]


@pytest.mark.parametrize("decoder", ["auto", "fitdecode"])
def test_damaged_header_crc_zero_file_fails_on_both_paths(decoder: str) -> None:
    data = (SYNTHETIC / "fit/header-crc-zero-damaged.fit").read_bytes()
    if decoder == "auto" and _fit_fast.available():
        assert _fit_fast.decode(data) is None  # fitfast refuses it: the CRC was checked
    with pytest.raises(ImportFormatError, match="checksum"):
        fit.parse(data, "damaged.fit", ImportOptions(fit_decoder=decoder))  # type: ignore[arg-type]


def test_header_crc_zero_patch_refuses_chained_and_other_headers() -> None:
    run = (SYNTHETIC / "fit/header-crc-zero-run.fit").read_bytes()
    assert _fit_crc.for_fitfast(run + run) is None  # two sequences: fitdecode reads them
    assert _fit_crc.for_fitfast((SYNTHETIC / "fit/run.fit").read_bytes()) is None


# --- files that end early (a watch that died): the fast path reads their complete messages --


def _outcome(data: bytes, decoder: str) -> ParsedFile | str:
    try:
        return fit.parse(data, "cut.fit", ImportOptions(fit_decoder=decoder))  # type: ignore[arg-type]
    except ImportFormatError as exc:
        return f"error: {exc}"


@needs_fitfast
@pytest.mark.parametrize("name", ["run.fit", "header-crc-zero-run.fit", "multisport.fit"])
def test_every_cut_of_a_file_decodes_as_fitdecode_reads_it(name: str) -> None:
    data = (SYNTHETIC / "fit" / name).read_bytes()
    fast_cuts = 0
    for cut in range(20, len(data), 41):
        piece = data[:cut]
        fast, careful = _outcome(piece, "auto"), _outcome(piece, "fitdecode")
        assert fast == careful, cut
        if isinstance(fast, ParsedFile):
            fast_cuts += _fit_fast.decode(piece) is not None
            for quick, slow in zip(fast.activities, careful.activities, strict=True):  # type: ignore[union-attr]
                assert quick.samples is not None and slow.samples is not None
                np.testing.assert_array_equal(quick.samples.time_s, slow.samples.time_s)
    assert fast_cuts > 10  # most cuts take the fast path


@needs_fitfast
@needs_real
def test_real_files_that_end_early_take_the_fast_path() -> None:
    for name in ("nick.fit", "activity-unexpected-eof.fit"):
        data = (REAL_FIT[0].parent / name).read_bytes()
        content = _fit_fast.decode(data)
        assert (
            content is not None and content.damage == f"the file ends early (at byte {len(data)})"
        )


def test_complete_or_corrupt_files_are_not_repaired() -> None:
    for name in ("run.fit", "bad-crc.fit", "multisport.fit", "header-crc-zero-damaged.fit"):
        assert _fit_repair.complete_prefix((SYNTHETIC / "fit" / name).read_bytes()) is None, name
    run = (SYNTHETIC / "fit" / "run.fit").read_bytes()
    assert _fit_repair.complete_prefix(run + run) is None  # chained, complete


def test_a_file_cut_after_its_last_message_keeps_every_record() -> None:
    run = (SYNTHETIC / "fit" / "run.fit").read_bytes()
    repaired = _fit_repair.complete_prefix(run[:-2])  # only the CRC is missing
    assert repaired is not None and len(repaired) == len(run) - 2  # 12-byte header now
    assert _fit_crc.crc16(repaired[:-2]).to_bytes(2, "little") == repaired[-2:]


# --- synthetic files written by runstrong's own encoder --------------------------------------


@pytest.mark.parametrize("decoder", ["auto", "fitdecode"])
def test_synthetic_run_round_trips(decoder: str) -> None:
    track = synthetic.run_track(300)
    parsed = fit.parse(synthetic.run_fit(300), "run.fit", ImportOptions(fit_decoder=decoder))  # type: ignore[arg-type]
    (activity,) = parsed.activities
    assert activity.started_at == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert activity.sport == "running"
    assert activity.distance_m == pytest.approx(299 * 3.2)
    assert activity.elapsed_time_s == pytest.approx(299.0)
    assert activity.avg_cadence_spm == pytest.approx(171.0)
    assert activity.avg_power_w == pytest.approx(250.0)
    assert activity.device == "development"
    samples = activity.samples
    assert samples is not None and len(samples) == 300
    np.testing.assert_allclose(samples.time_s, track.time_s)
    np.testing.assert_allclose(samples.distance_m, track.distance_m, atol=0.005)
    np.testing.assert_allclose(samples.speed_m_per_s, track.speed_m_per_s, atol=0.0005)
    np.testing.assert_allclose(samples.hr_bpm, track.hr_bpm)
    np.testing.assert_allclose(samples.cadence_spm, 2 * track.cadence)
    np.testing.assert_allclose(samples.altitude_m, track.altitude_m, atol=0.1)
    np.testing.assert_allclose(samples.latitude_deg, track.latitude_deg, atol=1e-7)
    np.testing.assert_allclose(samples.longitude_deg, track.longitude_deg, atol=1e-7)


def test_compressed_timestamps_decode_to_the_same_samples() -> None:
    plain = fit.parse((SYNTHETIC / "fit/run.fit").read_bytes(), "run.fit", FITDECODE)
    compressed = fit.parse(
        (SYNTHETIC / "fit/run-compressed-timestamps.fit").read_bytes(), "c.fit", FITDECODE
    )
    first, second = plain.activities[0].samples, compressed.activities[0].samples
    assert first is not None and second is not None
    np.testing.assert_array_equal(first.time_s, second.time_s)
    np.testing.assert_array_equal(first.hr_bpm, second.hr_bpm)


def test_multisport_gives_one_activity_per_leg_and_transition_in_one_event() -> None:
    data = (SYNTHETIC / "fit/multisport.fit").read_bytes()
    parsed = fit.parse(data, "multisport.fit")
    assert [a.sport for a in parsed.activities] == [
        "running",
        "transition",
        "cycling",
        "transition",
        "running",
    ]
    assert [a.external_id for a in parsed.activities] == [
        f"{content_id(data)}#{index}" for index in range(5)
    ]
    assert [len(a.samples or ()) for a in parsed.activities] == [120, 30, 120, 20, 60]
    transitions = [a for a in parsed.activities if a.sport == "transition"]
    assert [a.moving_time_s for a in transitions] == pytest.approx([29.0, 19.0])  # time counts
    ride = parsed.activities[2]
    assert ride.samples is not None and ride.samples.distance_m[0] == 0.0  # per leg
    assert ride.avg_cadence_spm == pytest.approx(90.0)  # revolutions, not doubled
    event = parsed.multisport
    assert event is not None and event.kind == "duathlon"
    assert event.external_id == content_id(data)
    assert event.started_at == parsed.activities[0].started_at
    assert not any("transition" in w for w in parsed.warnings)


@needs_real
def test_real_triathlon_file_is_one_event_with_its_transitions() -> None:
    data = (REAL_FIT[0].parent / "activity-large-fenxi2-multisport.fit").read_bytes()
    parsed = fit.parse(data, "race.fit")
    truth = _read_independently(REAL_FIT[0].parent / "activity-large-fenxi2-multisport.fit")
    transitions = [a for a in parsed.activities if a.sport == "transition"]
    expected = [s for s in truth.sessions if s.get("sport") == "transition"]
    assert len(transitions) == len(expected) == 3
    for ours, theirs in zip(transitions, expected, strict=True):
        assert ours.started_at == theirs["start_time"]
        assert ours.moving_time_s == pytest.approx(theirs["total_timer_time"])
    assert parsed.multisport is not None and parsed.multisport.kind == "multisport"
    ordered = sorted(parsed.activities, key=lambda a: a.started_at)
    assert ordered == list(parsed.activities)


def test_truncated_synthetic_file_keeps_records_and_derives_the_summary() -> None:
    parsed = fit.parse((SYNTHETIC / "fit/truncated.fit").read_bytes(), "truncated.fit")
    (activity,) = parsed.activities
    assert activity.sport == "running"  # from the sport message before the records
    assert activity.samples is not None and 150 < len(activity.samples) < 300
    assert activity.distance_m == pytest.approx(activity.samples.distance_m[-1])
    assert activity.avg_hr_bpm is not None
    assert any("ends early" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    ("file_name", "message"),
    [
        ("bad-crc.fit", "checksum does not match"),
        ("bad-header.fit", "not a FIT file, or its header is damaged"),
        ("empty.fit", "the file is empty"),
    ],
)
def test_broken_synthetic_files_fail_clearly(file_name: str, message: str) -> None:
    data = (SYNTHETIC / "fit" / file_name).read_bytes()
    with pytest.raises(ImportFormatError, match=message):
        fit.parse(data, file_name)


def test_short_garbage_is_not_a_fit_file() -> None:
    with pytest.raises(ImportFormatError, match="not a FIT file"):
        fit.parse(b"\x0e\x10", "tiny.fit")


def test_workout_file_is_skipped() -> None:
    parsed = fit.parse((SYNTHETIC / "fit/workout.fit").read_bytes(), "workout.fit")
    assert parsed.skip_reason == "a FIT workout plan file, not an activity"


def test_four_hour_run(four_hour_run: bytes) -> None:
    (activity,) = fit.parse(four_hour_run, "long.fit").activities
    assert activity.samples is not None and len(activity.samples) == 4 * 3600
    assert activity.elapsed_time_s == pytest.approx(4 * 3600 - 1)
    assert activity.samples.time_s[-1] == 4 * 3600 - 1


def test_fitfast_requested_but_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fit_fast, "available", lambda: False)
    with pytest.raises(ValueError, match="fitfast"):
        fit.parse(synthetic.run_fit(10), "run.fit", ImportOptions(fit_decoder="fitfast"))
    parsed = fit.parse(synthetic.run_fit(10), "run.fit")  # auto falls back silently
    assert len(parsed.activities) == 1
