"""Run prescriptions for a week: one workout per run, and its planned load.

The workouts themselves (steps, Daniels paces or efforts, sizes from the weekly volume) are in
:mod:`runstrong.planning.workouts`; the planned load of a run is session-RPE × minutes (Foster et
al. 2001) with a CR-10 rating per session type: easy 3, long 4.5, tempo 6, repetitions 6.5,
intervals 7, race 9.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from runstrong.domain.models import SessionType
from runstrong.domain.plan import PlannedSession, RunPrescription
from runstrong.planning.workouts import SESSION_TYPES, RunKind, RunTargets, build_workout

__all__ = [
    "KEY_RUN_KINDS",
    "RunKind",
    "RunTargets",
    "as_easy",
    "easy_instead",
    "prescribe_run",
    "run_load_au",
]

KEY_RUN_KINDS: Final = frozenset(
    kind for kind, kind_type in SESSION_TYPES.items() if kind_type not in ("easy", "strides")
)
# Session RPE (CR-10) of each kind, for planned load = RPE × minutes (Foster et al. 2001).
_SESSION_RPE: Final[dict[SessionType, float]] = {
    "easy": 3.0,
    "recovery": 2.0,
    "strides": 3.5,
    "long": 4.5,
    "tempo": 6.0,
    "interval": 7.0,
    "repetition": 6.5,
    "race": 9.0,
    "other": 4.0,
}


def prescribe_run(
    kind: RunKind, weekly_volume_s: float, targets: RunTargets, duration_s: float | None = None
) -> RunPrescription:
    """The workout of one run of ``kind`` in a week of ``weekly_volume_s`` seconds of running.

    ``duration_s`` sets the length of easy runs (``easy``, ``easy_strides``,
    ``extensive_tempo``); key workouts are sized from the weekly volume.

    Examples
    --------
    >>> run = prescribe_run("interval", 240 * 60, RunTargets.for_athlete(5000, 50))
    >>> run.session_type, run.description
    ('interval', 'Intervals 6 × 800 m at 3:55/km (I pace), 2:30 jog recovery')
    >>> prescribe_run("tempo", 240 * 60, RunTargets(5000)).description
    'Tempo 5 × 5:00 comfortably hard (RPE 6-7), 1:00 jog recovery'
    """
    volume = max(weekly_volume_s, 1800.0)
    easy_s = duration_s if duration_s is not None else 0.3 * volume
    return build_workout(kind, volume, targets, easy_s)


def as_easy(run: RunPrescription, targets: RunTargets) -> RunPrescription:
    """An easy run as long as ``run``: what a key run becomes when the week has no room for it."""
    return build_workout("easy", 0.0, targets, run.duration_s or 1800.0)


def easy_instead(session: PlannedSession, targets: RunTargets) -> PlannedSession:
    """A planned key run turned into an easy run of the same length (day, slot, status kept)."""
    if session.run is None:
        return session
    run = as_easy(session.run, targets)
    return replace(
        session,
        title=f"Easy run (instead of {session.title.lower()})",
        run=run,
        exercises=(),
        planned_load_au=run_load_au(run),
        key=False,
    )


def run_load_au(run: RunPrescription) -> float:
    """Planned session-RPE load of a run: RPE of its type × minutes (Foster et al. 2001).

    >>> run_load_au(prescribe_run("easy", 3600 * 3, RunTargets(5000), duration_s=2400))
    120.0
    """
    return round(_SESSION_RPE[run.session_type] * (run.duration_s or 0.0) / 60, 1)
