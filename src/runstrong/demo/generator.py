"""Generate a year of a distance runner's training: runs on Daniels paces, leg press and friends.

The year is periodized (base, build, peak/race, recovery blocks with a deload every fourth week),
fitness rises from VDOT 44 to about 48, the leg press e1RM from about 150 to 185 kg, and the log
contains the things a real one does: missed sessions, four races, a holiday week followed by a
load spike, a right leg that lags on single-leg work for a while, strength work that starts in
week 5 and pauses for a six-week gym closure, a heavy leg day the evening before intervals, two
weeks of easy runs that felt hard, and easy runs reported with knee pain. Heavy leg work
otherwise follows the evidence-informed habit: the evening after a hard run, at least 48 h
before the next key session. Everything is drawn from one seeded random generator, so the same
anchor date gives the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from runstrong.domain.models import Activity, Athlete, SessionType, StrengthSession, StrengthSet
from runstrong.domain.units import RACE_DISTANCES_M
from runstrong.science import equivalent_time_s, load_for_target, training_paces

__all__ = ["DEMO_ATHLETE", "DemoTraining", "generate_demo_training"]

DEMO_ATHLETE = Athlete(
    name="Demo Runner",
    body_mass_kg=61.0,
    sex="female",
    birth_year=1991,
    event_focus="distance",
    units="metric",
    hr_rest_bpm=48,
    hr_max_bpm=188,
    timezone="Europe/Ljubljana",
)

WEEKS = 52
SEED = 20_260_101
_RACES = {11: "5k", 24: "10k", 38: "half", 50: "5k"}
_HOLIDAY_WEEK = 29
_ASYMMETRY_WEEKS = range(30, 36)
_HEAVY_BEFORE_INTERVALS_WEEKS = frozenset({17, 33})
_PAIN_WEEKS = frozenset({31, 32})
#: Weeks without the gym: before strength work started, and a six-week gym closure.
_NO_GYM_WEEKS = frozenset(range(4)) | frozenset(range(20, 26))
#: Two weeks of poor sleep and heat: easy runs that feel hard.
_TIRED_WEEKS = frozenset({42, 43})


@dataclass(frozen=True, slots=True)
class DemoTraining:
    athlete: Athlete
    activities: tuple[Activity, ...]
    strength_sessions: tuple[StrengthSession, ...]


@dataclass(frozen=True, slots=True)
class _Week:
    index: int
    monday: date
    volume_factor: float
    vdot: float
    leg_press_e1rm_kg: float
    phase: str


def _weeks(first_monday: date) -> list[_Week]:
    weeks = []
    for index in range(WEEKS):
        progress = index / (WEEKS - 1)
        deload = index % 4 == 3
        phase = (
            "base" if index < 16 else "build" if index < 34 else "peak" if index < 46 else "base"
        )
        volume = (0.75 + 0.35 * min(progress * 1.6, 1.0)) * (0.7 if deload else 1.0)
        weeks.append(
            _Week(
                index=index,
                monday=first_monday + timedelta(weeks=index),
                volume_factor=volume,
                vdot=44.0 + 4.0 * progress,
                leg_press_e1rm_kg=150.0 + 35.0 * progress,
                phase=phase,
            )
        )
    return weeks


class _Builder:
    def __init__(self, zone: ZoneInfo, rng: random.Random) -> None:
        self.zone = zone
        self.rng = rng
        self.activities: list[Activity] = []
        self.strength: list[StrengthSession] = []
        self.no_gym = False

    def _at(self, day: date, clock: time) -> datetime:
        jitter = timedelta(minutes=self.rng.randint(-20, 20))
        return datetime.combine(day, clock, tzinfo=self.zone) + jitter

    def run(
        self,
        day: date,
        session_type: SessionType,
        distance_m: float,
        pace_s_per_km: float,
        hr_fraction: float,
        rpe: float,
        pain: tuple[float, str] | None = None,
    ) -> None:
        pace = pace_s_per_km * self.rng.uniform(0.97, 1.03)
        moving_time_s = round(distance_m / 1000 * pace)
        hr_reserve = DEMO_ATHLETE.hr_max_bpm - DEMO_ATHLETE.hr_rest_bpm  # type: ignore[operator]
        avg_hr = DEMO_ATHLETE.hr_rest_bpm + hr_reserve * hr_fraction  # type: ignore[operator]
        avg_hr = round(avg_hr + self.rng.uniform(-3, 3))
        self.activities.append(
            Activity(
                started_at=self._at(day, time(7, 0) if session_type != "race" else time(9, 0)),
                sport="running",
                session_type=session_type,
                distance_m=round(distance_m, 1),
                moving_time_s=moving_time_s,
                elapsed_time_s=moving_time_s + self.rng.randint(0, 120),
                ascent_m=round(distance_m / 1000 * self.rng.uniform(4, 12), 1),
                avg_hr_bpm=avg_hr,
                max_hr_bpm=min(DEMO_ATHLETE.hr_max_bpm or 190, avg_hr + self.rng.randint(8, 18)),
                avg_cadence_spm=round(self.rng.uniform(166, 182)),
                rpe=rpe,
                device="demo watch",
                pain_score=pain[0] if pain else None,
                pain_location=pain[1] if pain else None,
                source="demo",
                external_id=f"demo:run:{day.isoformat()}",
            )
        )

    def lift(
        self, day: date, sets: list[StrengthSet], rpe: float, clock: time = time(18, 30)
    ) -> None:
        session = StrengthSession(
            started_at=self._at(day, clock),
            sets=tuple(sets),
            duration_s=self.rng.randint(40, 55) * 60,
            rpe=rpe,
            machine="45° sled, gym A",
            source="demo",
            external_id=f"demo:strength:{day.isoformat()}",
        )
        if not self.no_gym:  # the random draws above happen either way: same data
            self.strength.append(session)


def _heavy_day(week: _Week) -> list[StrengthSet]:
    e1rm = week.leg_press_e1rm_kg
    reps, rpe = (
        (6, 8.0) if week.phase == "base" else (4, 8.5) if week.phase == "build" else (3, 8.0)
    )
    sets_count = 2 if week.index % 4 == 3 else 4
    leg_press = load_for_target(e1rm, reps, rpe)
    rdl = round(e1rm * 0.35 / 2.5) * 2.5
    return [
        *(StrengthSet("leg-press", reps, leg_press, rpe) for _ in range(sets_count)),
        *(StrengthSet("romanian-deadlift", 8, rdl, 7.0) for _ in range(3)),
        *(StrengthSet("standing-calf-raise", 12, 40.0, 8.0) for _ in range(3)),
        *(StrengthSet("dead-bug", 10, 0.0) for _ in range(3)),
    ]


def _power_day(week: _Week) -> list[StrengthSet]:
    single_leg = load_for_target(week.leg_press_e1rm_kg * 0.5, 8, 7.5)
    right = single_leg * (0.84 if week.index in _ASYMMETRY_WEEKS else 1.0)
    right = round(right / 2.5) * 2.5
    contacts = 20 if week.phase == "base" else 25
    sets = []
    for _ in range(3):
        sets.append(StrengthSet("single-leg-leg-press", 8, single_leg, 7.5, "left"))
        sets.append(StrengthSet("single-leg-leg-press", 8, right, 7.5, "right"))
    sets += [StrengthSet("pogo-jumps", contacts, 0.0) for _ in range(3)]
    sets += [StrengthSet("box-jump", 5, 0.0) for _ in range(3)]
    sets += [StrengthSet("a-skip", 20, 0.0) for _ in range(2)]
    sets += [StrengthSet("side-plank", 1, 0.0) for _ in range(2)]
    return sets


def _week(builder: _Builder, week: _Week) -> None:
    rng = builder.rng
    paces = training_paces(week.vdot)
    easy = (paces.easy_slow_s_per_km + paces.easy_fast_s_per_km) / 2
    volume = week.volume_factor
    if week.index == _HOLIDAY_WEEK:
        builder.run(week.monday + timedelta(days=5), "easy", 6000, easy, 0.65, 3.0)
        return
    spike = 1.45 if week.index == _HOLIDAY_WEEK + 1 else 1.0

    def missed() -> bool:
        return rng.random() < 0.08

    days = {name: week.monday + timedelta(days=offset) for offset, name in enumerate("MTWRFSU")}
    if week.index in _HEAVY_BEFORE_INTERVALS_WEEKS:
        builder.lift(days["M"], _heavy_day(week), 7.5)
    if not missed():
        reps = 5 + (week.index // 8)
        distance = 3000 + reps * 800 + 2000
        builder.run(
            days["T"], "interval", distance * spike, paces.interval_s_per_km * 1.12, 0.84, 8
        )
    easy_rpe = 6.5 if week.index in _TIRED_WEEKS else 3.0
    if not missed():
        pain = (5.0, "left knee") if week.index in _PAIN_WEEKS else None
        builder.run(
            days["W"],
            "easy",
            9000 * volume * spike,
            easy,
            0.68,
            easy_rpe + 1 if pain else easy_rpe,
            pain,
        )
    heavy_planned = week.index not in _HEAVY_BEFORE_INTERVALS_WEEKS and not missed()
    if week.index in _RACES:
        if heavy_planned:  # race week: lift after Tuesday's intervals, four days out
            builder.lift(days["T"], _heavy_day(week), 7.0)
        race = _RACES[week.index]
        distance = RACE_DISTANCES_M[race]
        race_time = equivalent_time_s(week.vdot, distance) * rng.uniform(0.99, 1.01)
        builder.run(days["S"], "race", distance, race_time / (distance / 1000), 0.93, 9.5)
        builder.run(days["U"], "recovery", 6000, easy * 1.05, 0.62, 3)
        return
    if not missed():
        builder.run(
            days["R"], "tempo", 10000 * volume * spike, paces.threshold_s_per_km * 1.08, 0.83, 7
        )
    if heavy_planned:  # heavy legs the evening after the tempo, three days before the long run
        builder.lift(days["R"], _heavy_day(week), 7.0)
    if not missed():
        builder.lift(days["F"], _power_day(week), 6.5)
    if not missed():
        builder.run(days["S"], "easy", 7000 * volume * spike, easy, 0.66, easy_rpe)
    long_run = min(14000 + week.index * 250, 28000) * volume * spike
    builder.run(days["U"], "long", long_run, easy * 1.03, 0.72, 6)


def generate_demo_training(anchor: date, seed: int = SEED) -> DemoTraining:
    """A year of training for :data:`DEMO_ATHLETE` in the 52 whole weeks before ``anchor``.

    >>> training = generate_demo_training(date(2026, 11, 25))
    >>> len(training.activities) > 200, len(training.strength_sessions) > 60
    (True, True)
    >>> max(a.started_at for a in training.activities).date() < date(2026, 11, 25)
    True
    """
    rng = random.Random(seed)
    last_monday = anchor - timedelta(days=anchor.weekday() + 7)
    first_monday = last_monday - timedelta(weeks=WEEKS - 1)
    builder = _Builder(ZoneInfo(DEMO_ATHLETE.timezone), rng)
    for week in _weeks(first_monday):
        builder.no_gym = week.index in _NO_GYM_WEEKS
        _week(builder, week)
    return DemoTraining(DEMO_ATHLETE, tuple(builder.activities), tuple(builder.strength))
