"""Sport vocabularies (sport_names.toml): the schema, what GPX and TCX files in each writer's
vocabulary import as, and the speed-profile guess for files that say nothing."""

from __future__ import annotations

import tomllib
from importlib import resources

import numpy as np
import pytest

from runstrong.domain.models import SPORTS
from runstrong.importers import gpx, tcx
from runstrong.importers._samples import make_samples
from runstrong.importers._sport_guess import file_sport, guess_sport
from runstrong.importers._sport_names import (
    load_vocabulary,
    normalise,
    parse_vocabulary,
    read_sport_name,
)
from runstrong.importers._sports import sport_from_name

from .conftest import SYNTHETIC

GPX_SPORTS = SYNTHETIC / "gpx" / "sports"
TCX_SPORTS = SYNTHETIC / "tcx" / "sports"


def _document() -> dict[str, object]:
    text = resources.files("runstrong.importers").joinpath("sport_names.toml").read_text("utf-8")
    return tomllib.loads(text)


# --- the data file ----------------------------------------------------------------------------


def test_every_mapped_value_is_a_runstrong_sport() -> None:
    document = _document()
    for table in ("strava_codes", "names"):
        values = document[table]
        assert isinstance(values, dict) and values
        assert set(values.values()) <= set(SPORTS), table


def test_names_are_normalised_and_strava_codes_are_numbers() -> None:
    vocabulary = load_vocabulary()
    assert all(normalise(name) == name for name in vocabulary.names)
    assert all(code.isdigit() for code in vocabulary.strava_codes)
    assert not set(vocabulary.vague) & set(vocabulary.names)


def test_guess_bounds_are_ordered() -> None:
    bounds = load_vocabulary().guess
    assert 0 < bounds.moving_above_m_per_s < bounds.walk_below_m_per_s < bounds.run_below_m_per_s
    assert bounds.run_p95_below_m_per_s <= bounds.ride_p95_from_m_per_s
    assert bounds.walk_steps_from_per_min < bounds.run_steps_from_per_min


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["names"].update({"run": "jogging"}), "not a sport"),
        (lambda d: d["names"].update({"Trail Run": "running"}), "not normalised"),
        (lambda d: d["strava_codes"].update({"x": "running"}), "must be numbers"),
        (lambda d: d["vague"].update({"words": ["run"]}), "both vague and named"),
        (lambda d: d.pop("guess"), r"\[guess\]"),
    ],
)
def test_a_broken_vocabulary_is_refused_with_the_reason(mutate: object, message: str) -> None:
    document = _document()
    mutate(document)  # type: ignore[operator]
    with pytest.raises(ValueError, match=message):
        parse_vocabulary(document)


# --- what words and numbers mean -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sport"),
    [
        ("9", "running"),
        ("1", "cycling"),
        ("4", "hiking"),
        ("10", "walking"),
        ("16", "swimming"),
        ("53", "treadmill_running"),
        ("30", "other"),  # WeightTraining: known, not analysed
        ("09", "running"),
    ],
)
def test_strava_numbers(text: str, sport: str) -> None:
    said = read_sport_name(text, strava_codes=True)
    assert (said.meaning, said.sport) == ("known", sport)


def test_numbers_are_strava_codes_only_where_asked() -> None:
    assert read_sport_name("9").meaning == "unknown"
    assert read_sport_name("99", strava_codes=True).meaning == "unknown"


@pytest.mark.parametrize(
    ("text", "sport"),
    [
        ("running", "running"),  # Garmin Connect
        ("trail_running", "trail_running"),
        ("treadmill_running", "treadmill_running"),
        ("road_biking", "cycling"),
        ("lap_swimming", "swimming"),
        ("TrailRun", "trail_running"),  # Strava
        ("VirtualRun", "treadmill_running"),
        ("MountainBikeRide", "cycling"),
        ("Biking", "cycling"),  # TCX
        ("Running", "running"),
        ("jogging", "running"),  # Komoot
        ("touringbicycle", "cycling"),
        ("CYCLING_SPORT", "cycling"),  # Endomondo
        ("Mountain Biking", "cycling"),  # Runkeeper
        ("Yoga", "other"),
        ("transition", "transition"),
    ],
)
def test_words(text: str, sport: str) -> None:
    assert read_sport_name(text).sport == sport
    assert sport_from_name(text) == sport


@pytest.mark.parametrize("text", ["Other", "generic", " unknown ", "---"])
def test_vague_words_say_nothing(text: str) -> None:
    assert read_sport_name(text).meaning == "vague"


def test_absent_and_unknown() -> None:
    assert read_sport_name(None).meaning == "absent"
    assert read_sport_name("  ").meaning == "absent"
    assert read_sport_name("Quidditch").meaning == "unknown"


# --- the speed-profile guess -----------------------------------------------------------------


def _steady(speed_m_per_s: float, seconds: int = 600) -> np.ndarray:
    return np.arange(float(seconds)) * speed_m_per_s


@pytest.mark.parametrize(
    ("speed", "sport"),
    [(1.3, "walking"), (2.5, "running"), (4.5, "running"), (6.0, "cycling"), (9.0, "cycling")],
)
def test_guess_from_a_steady_speed(speed: float, sport: str) -> None:
    time_s = np.arange(600.0)
    guess = guess_sport(make_samples(time_s, distance_m=_steady(speed)))
    assert guess.sport == sport
    assert guess.median_m_per_s == pytest.approx(speed)


def test_a_run_with_fast_stretches_is_undecided() -> None:
    time_s = np.arange(600.0)
    speed = np.where(np.arange(600) % 4 == 0, 8.0, 4.5)  # a quarter of the time at 29 km/h
    distance = np.concatenate([[0.0], np.cumsum(speed[1:])])
    assert guess_sport(make_samples(time_s, distance_m=distance)).sport is None


def test_too_little_movement_is_undecided() -> None:
    time_s = np.arange(100.0)
    guess = guess_sport(make_samples(time_s, distance_m=time_s * 3.0))
    assert guess.sport is None and "too little" in guess.describe()


def test_speed_column_is_used_without_distance() -> None:
    time_s = np.arange(600.0)
    samples = make_samples(time_s, speed_m_per_s=np.full(600, 3.0))
    assert guess_sport(samples).sport == "running"


def test_a_named_sport_is_never_second_guessed() -> None:
    time_s = np.arange(600.0)
    samples = make_samples(time_s, distance_m=_steady(9.0))  # a ride's speed ...
    assert file_sport("running", samples, "x.gpx") == ("running", None)  # ... the file says run


# --- files written in each vocabulary --------------------------------------------------------

GPX_EXPECTED = {
    "strava-9-run.gpx": ("running", None),
    "strava-1-ride.gpx": ("cycling", None),
    "strava-4-hike.gpx": ("hiking", None),
    "strava-53-virtual-run.gpx": ("treadmill_running", None),
    "strava-word-trailrun.gpx": ("trail_running", None),
    "garmin-connect-running.gpx": ("running", None),
    "garmin-connect-trail-running.gpx": ("trail_running", None),
    "garmin-connect-road-biking.gpx": ("cycling", None),
    "garmin-connect-lap-swimming.gpx": ("swimming", None),
    "opentracks-biking.gpx": ("cycling", None),
    "runkeeper-running.gpx": ("running", None),
    "komoot-jogging.gpx": ("running", None),
    "endomondo-cycling-sport.gpx": ("cycling", None),
    "untyped-run.gpx": ("running", "guessed 'running'"),
    "untyped-ride.gpx": ("cycling", "guessed 'cycling'"),
    "untyped-walk.gpx": ("walking", "guessed 'walking'"),
    "vague-other.gpx": ("other", "says only 'other'"),
    "unknown-word.gpx": ("other", "'Quidditch', which runstrong does not know"),
}
TCX_EXPECTED = {
    "running.tcx": ("running", None),
    "biking.tcx": ("cycling", None),
    "other-run.tcx": ("running", "its steps (172 a minute)"),
    "other-ski.tcx": ("other", "says only 'Other'"),
    "other-paddle.tcx": ("other", "says only 'Other'"),
    "walking-word.tcx": ("walking", None),
}


def test_every_vocabulary_file_has_an_expectation() -> None:
    assert {p.name for p in GPX_SPORTS.iterdir()} == set(GPX_EXPECTED)
    assert {p.name for p in TCX_SPORTS.iterdir()} == set(TCX_EXPECTED)


@pytest.mark.parametrize("name", sorted(GPX_EXPECTED))
def test_gpx_sport_in_each_vocabulary(name: str) -> None:
    parsed = gpx.parse((GPX_SPORTS / name).read_bytes(), name)
    _check(parsed.activities[0].sport, parsed.warnings, *GPX_EXPECTED[name])


@pytest.mark.parametrize("name", sorted(TCX_EXPECTED))
def test_tcx_sport_in_each_vocabulary(name: str) -> None:
    parsed = tcx.parse((TCX_SPORTS / name).read_bytes(), name)
    _check(parsed.activities[0].sport, parsed.warnings, *TCX_EXPECTED[name])


def _check(sport: str, warnings: tuple[str, ...], expected: str, warning: str | None) -> None:
    assert sport == expected
    if warning is None:
        assert not [w for w in warnings if "sport" in w], warnings
    else:
        assert any(warning in w for w in warnings), warnings


def test_strava_numbers_reach_the_running_numbers() -> None:
    """A Strava run counts as running volume: distance and cadence treated as a run's."""
    parsed = gpx.parse((GPX_SPORTS / "strava-9-run.gpx").read_bytes(), "run.gpx")
    (activity,) = parsed.activities
    assert activity.is_run
    assert activity.distance_m == pytest.approx(900.0, rel=0.01)


def test_a_type_with_spaces_and_a_comment_is_read() -> None:
    """A GPX <type> with leading and trailing space and an XML comment is still read."""
    data = (GPX_SPORTS / "strava-9-run.gpx").read_bytes()
    data = data.replace(b"<type>9</type>", b"<type>\n  9 <!-- Run -->\n</type>")
    assert gpx.parse(data, "run.gpx").activities[0].sport == "running"
