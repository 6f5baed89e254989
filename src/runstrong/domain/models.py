"""Value objects: what an athlete, an activity and a strength session are.

All quantities carry SI units in their names (``distance_m``, ``load_kg``); conversion to miles or
pounds happens only at the edges (parsing and display). Datetimes are timezone-aware.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

__all__ = [
    "RUNNING_SPORTS",
    "Activity",
    "ActivitySamples",
    "Athlete",
    "EventFocus",
    "Lap",
    "MultisportEvent",
    "MultisportKind",
    "SessionType",
    "Sex",
    "Side",
    "Sport",
    "StrengthSession",
    "StrengthSet",
    "UnitSystem",
]

EventFocus = Literal["sprint", "middle", "distance"]
Sex = Literal["female", "male", "unspecified"]
UnitSystem = Literal["metric", "imperial"]
Side = Literal["both", "left", "right"]
Sport = Literal[
    "running",
    "trail_running",
    "treadmill_running",
    "track_running",
    "walking",
    "hiking",
    "cycling",
    "swimming",
    "skiing",
    "rowing",
    "other",
    "transition",  # between the legs of a multisport race (T1, T2)
]
SessionType = Literal[
    "easy", "recovery", "long", "tempo", "interval", "repetition", "strides", "race", "other"
]

RUNNING_SPORTS: frozenset[str] = frozenset(
    {"running", "trail_running", "treadmill_running", "track_running"}
)

EVENT_FOCUSES: tuple[str, ...] = get_args(EventFocus)
SEXES: tuple[str, ...] = get_args(Sex)
UNIT_SYSTEMS: tuple[str, ...] = get_args(UnitSystem)
SIDES: tuple[str, ...] = get_args(Side)
SPORTS: tuple[str, ...] = get_args(Sport)
SESSION_TYPES: tuple[str, ...] = get_args(SessionType)

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Athlete:
    """A runner. ``id`` is ``None`` until the store has assigned one."""

    name: str
    body_mass_kg: float | None = None
    sex: Sex = "unspecified"
    birth_year: int | None = None
    event_focus: EventFocus = "distance"
    units: UnitSystem = "metric"
    hr_rest_bpm: int | None = None
    hr_max_bpm: int | None = None
    timezone: str = "UTC"
    risk_thresholds: Mapping[str, float] = field(default_factory=dict, compare=False)
    id: int | None = None


@dataclass(frozen=True, slots=True, eq=False)
class ActivitySamples:
    """Per-second (or per-record) series of one activity, stored column-wise.

    ``time_s`` is seconds since the activity start; every other column has the same length and
    holds ``nan`` where the device recorded nothing.
    """

    time_s: FloatArray
    distance_m: FloatArray
    speed_m_per_s: FloatArray
    hr_bpm: FloatArray
    cadence_spm: FloatArray
    altitude_m: FloatArray
    latitude_deg: FloatArray
    longitude_deg: FloatArray
    #: Running or cycling power, watts; ``None`` when the device recorded none.
    power_w: FloatArray | None = None

    COLUMNS = (
        "time_s",
        "distance_m",
        "speed_m_per_s",
        "hr_bpm",
        "cadence_spm",
        "altitude_m",
        "latitude_deg",
        "longitude_deg",
    )

    def __len__(self) -> int:
        return int(self.time_s.shape[0])


@dataclass(frozen=True, slots=True)
class Lap:
    """One lap as the device recorded it (the lap button, or an automatic lap every km/mile).

    ``start_s`` is seconds from the activity start; ``elapsed_time_s`` runs from the lap's start
    to its end and ``moving_time_s`` is the device's timer time (pauses excluded).
    """

    start_s: float
    elapsed_time_s: float
    moving_time_s: float | None = None
    distance_m: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    avg_cadence_spm: float | None = None
    avg_power_w: float | None = None
    ascent_m: float | None = None
    descent_m: float | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """A run, or another endurance session that still carries training load.

    ``moving_time_s`` excludes pauses; ``elapsed_time_s`` is start to finish. ``rpe`` is the
    session's CR-10 rating of perceived exertion. ``pain_score`` (0-10) and ``pain_location``
    record pain or soreness the runner reported with the session. ``external_id`` identifies
    the activity at its source (a content hash for files, a key for demo data) so that imports
    are idempotent.
    """

    started_at: datetime
    sport: Sport
    moving_time_s: float
    distance_m: float | None = None
    elapsed_time_s: float | None = None
    session_type: SessionType | None = None
    ascent_m: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    avg_cadence_spm: float | None = None
    avg_power_w: float | None = None
    rpe: float | None = None
    device: str | None = None
    name: str | None = None
    notes: str | None = None
    pain_score: float | None = None
    pain_location: str | None = None
    source: str = "manual"
    external_id: str | None = None
    samples: ActivitySamples | None = field(default=None, compare=False, repr=False)
    id: int | None = None
    #: The multisport event (triathlon, duathlon ...) this activity is a leg of, if any.
    event_id: int | None = None
    #: The device's laps, in order (FIT and TCX files); empty when the file had none.
    laps: tuple[Lap, ...] = field(default=(), compare=False, repr=False)

    @property
    def is_run(self) -> bool:
        return self.sport in RUNNING_SPORTS


@dataclass(frozen=True, slots=True)
class StrengthSet:
    """One set: ``reps`` repetitions of an exercise at ``load_kg`` (0 for body weight only).

    ``side`` is ``"left"`` or ``"right"`` for single-leg work, ``"both"`` otherwise. ``rpe`` is the
    set's RPE on the RIR-based scale (10 = no reps in reserve). ``warmup`` marks a warm-up set
    (left out of hard sets, e1RM and records). A timed set (a plank, a wall sit, an isometric
    hold) carries its ``duration_s`` and counts as one repetition. ``rest_s`` is the rest the
    watch recorded after the set (``None`` when not recorded).
    """

    exercise_slug: str
    reps: int
    load_kg: float
    rpe: float | None = None
    side: Side = "both"
    warmup: bool = False
    duration_s: float | None = None
    rest_s: float | None = None

    @property
    def is_timed(self) -> bool:
        """True for a hold measured in seconds rather than repetitions."""
        return self.duration_s is not None

    @property
    def estimates_strength(self) -> bool:
        """True for a working set of repetitions: the sets e1RM and records are read from."""
        return not self.warmup and self.duration_s is None


@dataclass(frozen=True, slots=True)
class StrengthSession:
    """A strength, plyometric, drill or core session: an ordered list of sets."""

    started_at: datetime
    sets: tuple[StrengthSet, ...]
    duration_s: float | None = None
    rpe: float | None = None
    machine: str | None = None
    notes: str | None = None
    pain_score: float | None = None
    pain_location: str | None = None
    source: str = "manual"
    external_id: str | None = None
    id: int | None = None
    #: Heart rate recorded by a watch: average and maximum (bpm), and the samples as
    #: (seconds from the start, bpm) pairs.
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    hr_series: tuple[tuple[float, float], ...] = ()
    #: Session RPE estimated from the heart rate (docs/science.md) while ``rpe`` is not given.
    rpe_estimate: float | None = None
    #: The multisport event (a gym-run-gym brick) the session is a leg of, if any.
    event_id: int | None = None

    @property
    def load_rpe(self) -> float | None:
        """The session RPE the load uses: the athlete's, else the heart-rate estimate."""
        return self.rpe if self.rpe is not None else self.rpe_estimate


MultisportKind = Literal["triathlon", "duathlon", "aquathlon", "multisport"]
MULTISPORT_KINDS: tuple[str, ...] = get_args(MultisportKind)


@dataclass(frozen=True, slots=True)
class MultisportEvent:
    """One race or session of several sports recorded as one (a triathlon: swim, T1, bike, T2,
    run). Its legs and transitions are activities whose ``event_id`` is this event's ``id``.

    ``external_id`` identifies the recording (the file's content hash) so imports are
    idempotent. ``transitions_complete`` is ``False`` for an event grouped from legs stored
    before transitions were kept: importing its file again adds the transitions.
    """

    started_at: datetime
    kind: MultisportKind
    source: str = "fit"
    external_id: str | None = None
    transitions_complete: bool = True
    id: int | None = None
