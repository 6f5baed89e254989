"""``services.evidence``: "did the strength work go with better running?" from a stored log.

The demo athlete gives a readable report; synthetic athletes written through the store have a
known truth:

* ``effect``: 60 weeks of alternating 6-week blocks without and with 2 lower-body strength
  sessions a week, running volume steady around 40 km a week, and easy-run speed at a fixed heart
  rate that rises by ``EFFECT_PER_SESSION`` m/s per weekly session in the mean of weeks t−8…t−2
  (the lag window the model uses), so the true effect of 2 sessions a week against none is
  ``TRUE_CONTRAST``;
* ``null``: the same blocks and no effect;
* ``confounded``: no strength effect, but running volume jumps from 30 to 50 km a week exactly
  in the strength blocks, and the marker follows volume;
* ``short``: 8 weeks, logged one session at a time through ``log_activity`` and
  ``log_strength_session``.

Each run has a heart rate of 139, 143, 147 or 151 bpm and a speed 0.02 m/s per bpm above or below
the week's speed at 145 bpm (the median), plus noise, so the marker is the week's speed at 145 bpm.
A single seed is one draw: the false-positive and coverage rates are tested over many simulated
athletes in ``tests/unit/science/test_evidence_model.py``; here one seed checks the plumbing from
the store to the verdict. Runs on SQLite and on PostgreSQL when a server answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.errors import NotFound, ValidationError
from runstrong.reports.evidence_html import evidence_html
from runstrong.services.athletes import create_athlete
from runstrong.services.demo import seed_demo
from runstrong.services.evidence import EvidenceReport, evidence_report
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.validation import check_activity, check_strength_session
from runstrong.store import Store, open_store
from tests.conftest import _empty_postgres_store

DEMO_TODAY = date(2026, 11, 25)
DEMO_AS_OF = date(2026, 11, 24)
VERDICTS = {"improved", "worse", "no clear relation", "cannot tell"}
GRADES = {"strong", "moderate", "weak", "expert opinion"}

START = date(2024, 1, 1)  # a Monday
ZONE = ZoneInfo("Europe/Ljubljana")
N_WEEKS = 60
AS_OF = START + timedelta(weeks=N_WEEKS, days=-1)  # the Sunday ending week 59
EFFECT_PER_SESSION = 0.04  # m/s per weekly session in weeks t−8…t−2
TRUE_CONTRAST = 2 * EFFECT_PER_SESSION  # 2 sessions a week against none: 0.08 m/s, ~2.7 %
HEART_RATES = (139.0, 143.0, 147.0, 151.0)
SPEED_PER_BPM = 0.02
RUN_DAYS = (0, 2, 4, 6)
LIFT_DAYS = (1, 3)
SEEDS = {"effect": 1, "null": 0, "confounded": 0}

CAUSAL = re.compile(r"\bcaus\w*", re.IGNORECASE)


# --- synthetic logs -----------------------------------------------------------------------------


def _lagged(values: np.ndarray, lag_min: int = 2, lag_max: int = 8) -> np.ndarray:
    """Mean of weeks t−lag_max…t−lag_min (weeks before the log count as zero)."""
    padded = np.concatenate([np.zeros(lag_max), values])
    return np.array(
        [padded[week : week + lag_max - lag_min + 1].mean() for week in range(values.size)]
    )


def _blocks(n_weeks: int, length: int = 6, per_week: float = 2.0) -> np.ndarray:
    """Blocks of ``length`` weeks without, then with, ``per_week`` strength sessions."""
    return np.where((np.arange(n_weeks) // length) % 2 == 1, per_week, 0.0)


def _at(week: int, day: int, hour: int) -> datetime:
    return datetime.combine(START + timedelta(weeks=week, days=day), time(hour), tzinfo=ZONE)


def _lift_session(started_at: datetime) -> StrengthSession:
    """Six hard lower-body sets: 3 × 5 back squats and 3 × 8 Romanian deadlifts at RPE 8."""
    sets = (StrengthSet("back-squat", 5, 80.0, 8.0),) * 3
    sets += (StrengthSet("romanian-deadlift", 8, 60.0, 8.0),) * 3
    return StrengthSession(started_at=started_at, sets=sets, duration_s=2700.0, rpe=7.0)


def synthetic_log(
    seed: int,
    n_weeks: int,
    *,
    effect: float,
    sessions: np.ndarray,
    volume_km: np.ndarray | None = None,
    volume_effect: float = 0.0,
) -> tuple[list[Activity], list[StrengthSession]]:
    """Four easy runs with heart rate a week and the given strength sessions (Tue, Thu)."""
    rng = np.random.default_rng(seed)
    if volume_km is None:
        volume_km = 40.0 + rng.normal(0, 3, n_weeks)
    at_145 = (
        3.0
        + effect * _lagged(sessions)
        + volume_effect * _lagged(volume_km)
        + rng.normal(0, 0.03, n_weeks)
    )
    runs: list[Activity] = []
    lifts: list[StrengthSession] = []
    for week in range(n_weeks):
        distances = rng.dirichlet(np.full(4, 20.0)) * volume_km[week] * 1000.0
        for day, hr, distance in zip(
            RUN_DAYS, rng.permutation(HEART_RATES), distances, strict=True
        ):
            speed = at_145[week] + SPEED_PER_BPM * (hr - 145.0) + rng.normal(0, 0.03)
            runs.append(
                Activity(
                    started_at=_at(week, day, 7),
                    sport="running",
                    moving_time_s=float(distance / speed),
                    distance_m=float(distance),
                    session_type="easy",
                    avg_hr_bpm=float(hr),
                    rpe=3.0,
                )
            )
        lifts.extend(_lift_session(_at(week, day, 18)) for day in LIFT_DAYS[: int(sessions[week])])
    return runs, lifts


def store_athlete(
    store: Store, name: str, runs: list[Activity], lifts: list[StrengthSession]
) -> None:
    """One athlete and the whole log in one unit of work, each session validated as if logged."""
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(Athlete(name=name, body_mass_kg=60.0, timezone=ZONE.key))
        assert athlete.id is not None
        for run in runs:
            check_activity(run)
            uow.activities.add(athlete.id, run)
        for lift in lifts:
            check_strength_session(lift)
            uow.strength.add(athlete.id, lift)


def _log_short_athlete(store: Store) -> None:
    """8 weeks through the logging services: 4 easy runs a week, 2 sessions in weeks 4–7."""
    runs, lifts = synthetic_log(
        5, 8, effect=0.0, sessions=np.array([0, 0, 0, 0, 2, 2, 2, 2], dtype=float)
    )
    create_athlete(store, Athlete(name="Short", body_mass_kg=60.0, timezone=ZONE.key))
    for run in runs:
        log_activity(store, "Short", run)
    for lift in lifts:
        log_strength_session(store, "Short", lift)


def _counts(store: Store) -> tuple[int, int, int]:
    with store.unit_of_work() as uow:
        return (len(uow.athletes.list()), uow.activities.count(), uow.strength.count())


# --- the texts ----------------------------------------------------------------------------------


def texts_of(report: EvidenceReport) -> list[str]:
    """Every text shown to the athlete: summary, reasons, confounders, advice and the HTML page."""
    e = report.estimate
    return [e.summary, *e.reasons, *e.confounders, *e.advice, evidence_html(report)]


def assert_wording(report: EvidenceReport) -> None:
    """The caveat is present and is the only place that speaks of causation, and it denies it."""
    caveat = report.estimate.caveat
    assert "not a controlled experiment" in caveat
    assert re.search(r"not that strength work caused it", caveat), caveat
    assert report.estimate.summary.endswith(caveat)
    html = evidence_html(report)
    assert f'<p class="caveat">{caveat}</p>' in html.replace("&#x27;", "'")
    for text in texts_of(report):
        assert CAUSAL.findall(text.replace(caveat, "")) == [], text


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """One store per backend for this module (everything read from it is computed eagerly, so
    the per-test ``store`` fixture emptying the PostgreSQL database later does not matter)."""
    if request.param == "sqlite":
        opened = open_store(f"sqlite:///{tmp_path_factory.mktemp('evidence') / 'evidence.db'}")
    else:
        opened = _empty_postgres_store(request.getfixturevalue("postgres_url"))
    try:
        yield opened
    finally:
        opened.dispose()


@dataclass(frozen=True)
class Demo:
    reports: dict[tuple[str, str], EvidenceReport]
    counts_before: tuple[int, int, int]
    counts_after: tuple[int, int, int]


@pytest.fixture(scope="module")
def demo(module_store: Store) -> Demo:
    """The demo seeded once; its report for each marker and exposure as of the day before."""
    seed_demo(module_store, today=DEMO_TODAY)
    before = _counts(module_store)
    reports = {
        (marker, exposure): evidence_report(
            module_store, "Demo Runner", marker=marker, exposure=exposure, as_of=DEMO_AS_OF
        )
        for marker in ("efficiency", "vdot")
        for exposure in ("sessions", "hard_sets")
    }
    return Demo(reports, before, _counts(module_store))


@pytest.fixture(scope="module")
def synthetic(module_store: Store) -> dict[str, EvidenceReport]:
    """The three 60-week athletes (both exposures) and the 8-week one, reported as of AS_OF."""
    sessions = _blocks(N_WEEKS)
    volume = np.where(sessions > 0, 50.0, 30.0) + np.random.default_rng(9).normal(0, 1, N_WEEKS)
    logs = {
        "effect": synthetic_log(
            SEEDS["effect"], N_WEEKS, effect=EFFECT_PER_SESSION, sessions=sessions
        ),
        "null": synthetic_log(SEEDS["null"], N_WEEKS, effect=0.0, sessions=sessions),
        "confounded": synthetic_log(
            SEEDS["confounded"],
            N_WEEKS,
            effect=0.0,
            sessions=sessions,
            volume_km=volume,
            volume_effect=0.005,
        ),
    }
    reports: dict[str, EvidenceReport] = {}
    for name, (runs, lifts) in logs.items():
        store_athlete(module_store, name, runs, lifts)
        reports[name] = evidence_report(module_store, name, as_of=AS_OF)
        reports[f"{name}/hard_sets"] = evidence_report(
            module_store, name, exposure="hard_sets", as_of=AS_OF
        )
    _log_short_athlete(module_store)
    reports["short"] = evidence_report(
        module_store, "Short", as_of=START + timedelta(weeks=8, days=-1)
    )
    return reports


# --- the demo -----------------------------------------------------------------------------------


def test_demo_report_is_readable(demo: Demo) -> None:
    report = demo.reports[("efficiency", "sessions")]
    e = report.estimate
    assert report.athlete.name == "Demo Runner"
    assert e.verdict in VERDICTS
    # 2025-11-24 (the Monday before the first session) to the week of 2026-11-24.
    assert report.first_week == date(2025, 11, 24)
    assert report.n_weeks == 53
    for series in (report.marker, report.strength_sessions, report.hard_sets, report.running_km):
        assert series.shape == (53,)
    strength_weeks = int(np.count_nonzero(report.strength_sessions))
    assert 0 < strength_weeks < report.n_weeks  # the demo has gym-free blocks
    assert 0 < e.n_weeks <= report.n_weeks - 8
    assert 0 < e.n_weeks_with_strength < report.n_weeks
    assert np.count_nonzero(np.isfinite(report.marker)) >= 40  # easy runs with HR most weeks
    assert np.nanmin(report.leg_press_e1rm_per_kg) > 0
    assert report.marker_method.startswith("speed at ")
    assert "bpm on easy runs" in report.marker_method
    if e.verdict != "cannot tell":
        assert e.for_contrast is not None and e.per_unit is not None
        assert e.for_contrast.low <= e.for_contrast.estimate <= e.for_contrast.high
        assert e.for_contrast.estimate == pytest.approx(2 * e.per_unit.estimate)
        assert e.advice == ()
    assert e.summary and e.confounders


def test_demo_report_has_the_published_findings(demo: Demo) -> None:
    for report in demo.reports.values():
        assert len(report.published) >= 3
        assert {finding.grade for finding in report.published} <= GRADES
        assert all(f.statement and f.source for f in report.published)
        assert "controlled trials" in report.published_caveat


def test_demo_every_marker_and_exposure_gives_a_verdict(demo: Demo) -> None:
    for (marker, exposure), report in demo.reports.items():
        e = report.estimate
        assert (report.marker_kind, report.exposure) == (marker, exposure)
        assert (e.marker_kind, e.exposure) == (marker, exposure)
        assert e.verdict in VERDICTS
        assert e.contrast == (2.0 if exposure == "sessions" else 12.0)
    vdot = demo.reports[("vdot", "sessions")]
    # A year has only a handful of races: too few weeks with a VDOT, and the advice says so.
    assert vdot.estimate.verdict == "cannot tell"
    assert "few_weeks" in vdot.estimate.reason_codes
    assert vdot.marker_method == "VDOT of races"
    assert np.nanmax(vdot.marker) == pytest.approx(47, abs=4)


def test_demo_report_reads_without_writing(demo: Demo) -> None:
    assert demo.counts_after == demo.counts_before


def test_demo_wording(demo: Demo) -> None:
    for report in demo.reports.values():
        assert_wording(report)


# --- synthetic athletes with a known truth -----------------------------------------------------


def test_known_effect_is_found_and_inside_the_interval(
    synthetic: dict[str, EvidenceReport],
) -> None:
    for key in ("effect", "effect/hard_sets"):
        report = synthetic[key]
        e = report.estimate
        assert e.verdict == "improved", (key, e.summary)
        assert e.reason_codes == ()
        assert e.for_contrast is not None
        # 2 sessions a week, or 12 hard sets (six hard sets a session): the same true effect.
        assert e.for_contrast.low <= TRUE_CONTRAST <= e.for_contrast.high, e.for_contrast
        assert e.for_contrast.low > 0
        assert e.advice == ()
        assert "higher" in e.summary and "better running by this marker" in e.summary
    report = synthetic["effect"]
    assert report.n_weeks == N_WEEKS
    assert report.marker_method == "speed at 145 bpm on easy runs (within-athlete slope)"
    assert report.estimate.n_weeks == N_WEEKS - 8  # a full 8-week lag window before each week
    assert np.array_equal(report.strength_sessions, _blocks(N_WEEKS))
    assert np.array_equal(synthetic["effect/hard_sets"].hard_sets, 6 * _blocks(N_WEEKS))
    assert report.running_km == pytest.approx(40, abs=12)


def test_no_effect_gives_no_verdict_for_this_seed(synthetic: dict[str, EvidenceReport]) -> None:
    # One draw: the rate of false verdicts is tested over 200 athletes in the science tests.
    for key in ("null", "null/hard_sets"):
        e = synthetic[key].estimate
        assert e.verdict == "no clear relation", (key, e.summary)
        assert e.for_contrast is not None
        assert e.for_contrast.low <= 0 <= e.for_contrast.high
        assert "includes no change" in e.summary


def test_volume_rising_with_strength_cannot_tell(synthetic: dict[str, EvidenceReport]) -> None:
    for key in ("confounded", "confounded/hard_sets"):
        e = synthetic[key].estimate
        assert e.verdict == "cannot tell", (key, e.summary)
        assert "with_volume" in e.reason_codes
        assert any("running volume" in reason for reason in e.reasons), e.reasons
        assert "running volume" in e.summary
        assert any("running volume about the same" in item for item in e.advice), e.advice
        assert (e.exposure_volume_correlation or 0) > 0.8


def test_eight_weeks_cannot_tell_and_say_what_to_log_for_how_long(
    synthetic: dict[str, EvidenceReport],
) -> None:
    report = synthetic["short"]
    e = report.estimate
    assert report.n_weeks == 8
    assert e.verdict == "cannot tell"
    assert "few_weeks" in e.reason_codes
    assert e.for_contrast is None
    assert any("at least 20 are needed" in reason for reason in e.reasons), e.reasons
    assert "The advice says what to log" in e.summary
    advice = " ".join(e.advice)
    assert "heart-rate monitor on your easy runs" in advice  # what to log
    assert "Log RPE and heart rate for every run" in advice
    assert re.search(r"needs 20 such weeks .* about \d+ more", advice), advice  # how long
    assert re.search(r"at least 12–16 weeks", advice), advice
    assert "strength session" in advice


def test_synthetic_wording(synthetic: dict[str, EvidenceReport]) -> None:
    for report in synthetic.values():
        assert_wording(report)


def test_html_shows_the_interval_only_with_a_fitted_model(
    synthetic: dict[str, EvidenceReport],
) -> None:
    html = evidence_html(synthetic["effect"])
    c = synthetic["effect"].estimate.for_contrast
    assert c is not None
    assert "95 % interval" in html and f"{c.low:+.3g}" in html and f"{c.high:+.3g}" in html
    assert "Your data: improved" in html
    short = evidence_html(synthetic["short"])
    assert "95 % interval" not in short
    assert "What to log for a clearer answer" in short


# --- the log's edges ----------------------------------------------------------------------------


def test_report_as_of_a_day_ignores_later_runs(store: Store) -> None:
    sessions = _blocks(40)
    runs, lifts = synthetic_log(3, 40, effect=EFFECT_PER_SESSION, sessions=sessions)
    store_athlete(store, "Then", runs, lifts)
    later = [
        Activity(
            started_at=_at(week, day, 7),
            sport="running",
            moving_time_s=3600.0,
            distance_m=10_000.0,
            session_type="easy",
            avg_hr_bpm=165.0,
        )
        for week in range(40, 60)
        for day in RUN_DAYS
    ]
    store_athlete(store, "Later", [*runs, *later], lifts)
    as_of = START + timedelta(weeks=40, days=-1)
    then = evidence_report(store, "Then", as_of=as_of)
    now = evidence_report(store, "Later", as_of=as_of)
    assert now.n_weeks == then.n_weeks == 40
    assert now.marker_method == then.marker_method
    np.testing.assert_allclose(now.marker, then.marker)


def test_core_only_sessions_are_not_lower_body_sessions(store: Store) -> None:
    runs, _ = synthetic_log(4, 2, effect=0.0, sessions=np.zeros(2))
    core = StrengthSession(
        started_at=_at(0, 5, 18),
        sets=(StrengthSet("front-plank", 1, 0.0, 7.0), StrengthSet("dead-bug", 10, 0.0, 7.0)),
    )
    store_athlete(store, "Core", runs, [_lift_session(_at(0, 1, 18)), core])
    report = evidence_report(store, "Core", as_of=START + timedelta(days=13))
    assert report.hard_sets[0] == 6
    assert report.strength_sessions.tolist() == [1.0, 0.0]


def test_weeks_are_the_athletes_local_weeks(store: Store) -> None:
    runs, _ = synthetic_log(6, 2, effect=0.0, sessions=np.zeros(2))
    early = _lift_session(datetime.combine(START + timedelta(days=7), time(0, 30), tzinfo=ZONE))
    store_athlete(store, "Early", runs, [early])  # Sunday 23:30 UTC, Monday of week 1 locally
    report = evidence_report(store, "Early", as_of=START + timedelta(days=13))
    assert report.strength_sessions.tolist() == [0.0, 1.0]
    assert report.running_km.sum() == pytest.approx(sum(r.distance_m or 0 for r in runs) / 1000)


# --- bad input ----------------------------------------------------------------------------------


def _demo_store(store: Store) -> Store:
    store_athlete(store, "Ana", *synthetic_log(7, 3, effect=0.0, sessions=np.array([0, 2, 0.0])))
    create_athlete(store, Athlete(name="Empty"))
    return store


@pytest.mark.parametrize(
    ("name", "kwargs", "error", "fragment"),
    [
        (
            "Ana",
            {"as_of": START - timedelta(days=1)},
            ValidationError,
            "has no sessions on or before",
        ),
        ("Nobody", {}, NotFound, "no athlete named 'Nobody'"),
        ("Empty", {"as_of": AS_OF}, ValidationError, "Empty has no sessions on or before"),
        ("Ana", {"marker": "pace", "as_of": AS_OF}, ValidationError, "pace"),
    ],
)
def test_bad_input_raises_one_error_and_writes_nothing(
    store: Store, name: str, kwargs: dict[str, Any], error: type[Exception], fragment: str
) -> None:
    _demo_store(store)
    before = _counts(store)
    with pytest.raises(error) as raised:
        evidence_report(store, name, **kwargs)
    assert fragment in str(raised.value)
    assert "\n" not in str(raised.value)
    assert _counts(store) == before


def test_several_athletes_need_a_name(store: Store) -> None:
    _demo_store(store)
    with pytest.raises(ValidationError, match="choose one with --athlete"):
        evidence_report(store, None, as_of=AS_OF)


@pytest.mark.parametrize("marker", ["hr_drift", "critical_speed"])
def test_markers_the_service_cannot_build_are_refused(store: Store, marker: str) -> None:
    _demo_store(store)
    with pytest.raises(ValidationError):
        evidence_report(store, "Ana", marker=marker, as_of=AS_OF)  # type: ignore[arg-type]


def test_unknown_exposure_is_a_validation_error(store: Store) -> None:
    _demo_store(store)
    with pytest.raises(ValidationError):
        evidence_report(store, "Ana", exposure="reps", as_of=AS_OF)  # type: ignore[arg-type]
