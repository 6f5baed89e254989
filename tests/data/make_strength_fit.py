"""Regenerate the synthetic strength FIT files in tests/data/fit/ (watch strength sessions).

Run from the repository root:  python tests/data/make_strength_fit.py [--out DIR]

Written with runstrong's own FIT encoder (``exports/fit_activity.py`` with ``FitSet`` messages),
deterministically, so running it again reproduces the committed files byte for byte (a test
checks that). What each file covers is in tests/data/README.md. FIT numbers used here, from the
FIT profile: exercise_category squat 28 (leg_press 0), deadlift 8 (barbell_deadlift 0),
plank 19 (plank 43), calf_raise 1 (standing_calf_raise 18), warm_up 31; 65534 = not identified.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from runstrong.exports.fit_activity import FitSet, SessionTrack, encode_activity

HERE = Path(__file__).resolve().parent
START = datetime(2024, 5, 2, 17, 0, tzinfo=UTC)
NOT_IDENTIFIED = (65534, 65534, 65534)
NONE3: tuple[int | None, ...] = (None, None, None)
LEG_PRESS = ((28, 21, 17), (0, None, None))
DEADLIFT = ((8, 28, 65534), (0, None, None))
PLANK = ((19, 5, 65534), (43, None, None))
WARM_UP = ((31, 65534, 65534), (None, None, None))
#: First guess invalid (no value), the second a standing calf raise.
CALF_SECOND_GUESS = ((None, 1, 65534), (None, 18, None))


def strength_track(start: datetime, seconds: int) -> SessionTrack:
    """A strength session's 1 Hz heart rate (no motion): 95 bpm resting, 135 in work bouts."""
    time_s = np.arange(float(seconds))
    hr = 95.0 + 40.0 * (np.sin(time_s / 20.0) > 0.3)
    return SessionTrack(
        sport="training",
        sub_sport="strength_training",
        start=start,
        time_s=time_s,
        hr_bpm=hr,
    )


def run_track(start: datetime, seconds: int) -> SessionTrack:
    time_s = np.arange(float(seconds))
    return SessionTrack(
        sport="running",
        start=start,
        time_s=time_s,
        distance_m=time_s * 3.0,
        speed_m_per_s=np.full(seconds, 3.0),
        hr_bpm=np.full(seconds, 150.0),
        cadence=np.full(seconds, 85.0),
    )


def _sets(
    start: datetime,
    plan: Iterable[
        tuple[
            tuple[tuple[int | None, ...], tuple[int | None, ...]],
            int | None,
            float | None,
            float,
            float,
        ]
    ],
) -> list[FitSet]:
    """Active sets each followed by its rest: (guesses, reps, kg, work seconds, rest seconds)."""
    found: list[FitSet] = []
    moment = start + timedelta(seconds=30)
    for (categories, subtypes), reps, kg, work_s, rest_s in plan:
        found.append(FitSet(moment, work_s, True, reps, kg, categories, subtypes))
        moment += timedelta(seconds=work_s)
        if rest_s:
            found.append(FitSet(moment, rest_s, False))
            moment += timedelta(seconds=rest_s)
    return found


def strength_watch_fit() -> bytes:
    """One 30-minute watch strength session: warm-up, leg press, deadlift, a plank hold, two
    sets the watch did not identify, a set whose first guess is invalid."""
    plan = [
        (WARM_UP, 10, 0.0, 40.0, 60.0),
        (LEG_PRESS, 10, 100.0, 45.0, 90.0),
        (LEG_PRESS, 10, 100.0, 45.0, 90.0),
        (LEG_PRESS, 8, 110.0, 40.0, 120.0),
        (DEADLIFT, 5, 136.0, 30.0, 150.0),
        (PLANK, None, None, 45.0, 60.0),
        ((NOT_IDENTIFIED, NONE3), 8, 20.0, 35.0, 60.0),
        ((NOT_IDENTIFIED, NONE3), 8, 20.0, 35.0, 60.0),
        (CALF_SECOND_GUESS, 12, 40.0, 30.0, 0.0),
    ]
    return encode_activity(
        [strength_track(START, 1800)], sets=_sets(START, plan), manufacturer=1, product=4315
    )


def strength_bad_sets_fit() -> bytes:
    """Good leg press sets among bad ones: 9999 reps, 2000 kg, an unknown category number
    (200), a set overlapping the one before, a hold of half a second."""
    good = _sets(START, [(LEG_PRESS, 10, 100.0, 45.0, 90.0), (LEG_PRESS, 10, 100.0, 45.0, 90.0)])
    moment = START + timedelta(seconds=600)
    bad = [
        FitSet(moment, 40.0, True, 9999, 100.0, *LEG_PRESS),
        FitSet(moment + timedelta(seconds=100), 40.0, True, 10, 2000.0, *LEG_PRESS),
        FitSet(moment + timedelta(seconds=200), 40.0, True, 10, 50.0, (200, 65534, 65534), NONE3),
        FitSet(moment + timedelta(seconds=300), 40.0, True, 10, 100.0, *LEG_PRESS),
        FitSet(moment + timedelta(seconds=310), 40.0, True, 10, 100.0, *LEG_PRESS),
        FitSet(moment + timedelta(seconds=400), 0.5, True, 0, None, *PLANK),
    ]
    return encode_activity([strength_track(START, 1200)], sets=good + bad)


def brick_fit() -> bytes:
    """A gym-run-gym brick: strength 10 min, a 0.757 s transition, run 10 min, transition
    30 s, strength 10 min; sets in both strength legs."""
    first = START
    transition = first + timedelta(seconds=600)
    run = transition + timedelta(seconds=1)
    second_transition = run + timedelta(seconds=600)
    second = second_transition + timedelta(seconds=30)
    tracks = [
        strength_track(first, 600),
        SessionTrack("transition", transition, np.array([0.0]), elapsed_s=0.757),
        run_track(run, 600),
        SessionTrack("transition", second_transition, np.arange(30.0)),
        strength_track(second, 600),
    ]
    sets = _sets(first, [(LEG_PRESS, 10, 100.0, 45.0, 90.0), (PLANK, None, None, 40.0, 60.0)])
    sets += _sets(
        second, [(DEADLIFT, 5, 120.0, 30.0, 120.0), ((NOT_IDENTIFIED, NONE3), 6, 0.0, 30.0, 0.0)]
    )
    return encode_activity(tracks, sets=sets)


FILES: dict[str, Callable[[], bytes]] = {
    "fit/strength-watch.fit": strength_watch_fit,
    "fit/strength-bad-sets.fit": strength_bad_sets_fit,
    "fit/brick-gym-run-gym.fit": brick_fit,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    out = parser.parse_args().out
    for name, build in FILES.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build())
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
