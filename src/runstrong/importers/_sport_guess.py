"""Guess the sport of a recording that does not say it, from its speed profile.

Used only when a GPX or TCX file names no sport, or only a word that says nothing ("Other", and
then only with recorded steps, see :func:`file_sport`): a file that names its sport is never
second-guessed. The bounds are data (``[guess]`` in
``sport_names.toml``). Speeds are taken between consecutive samples while moving; the median
moving speed separates walking (below the walk-run transition, about 2.0 m/s) from running, and
the median together with the 95th percentile separates running from cycling (a run's fastest
stretches stay under about 7 m/s, a ride's pass 8.5 m/s). Anything in between stays undecided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np

from runstrong.domain.models import ActivitySamples, Sport
from runstrong.importers._sport_names import GuessBounds, load_vocabulary, read_sport_name

__all__ = ["SportGuess", "file_sport", "guess_sport"]


@dataclass(frozen=True, slots=True)
class SportGuess:
    """The guess (``None``: undecided) and the speeds it rests on (m/s)."""

    sport: Sport | None
    median_m_per_s: float | None = None
    p95_m_per_s: float | None = None

    def describe(self) -> str:
        """The reason, for the import's warning."""
        if self.median_m_per_s is None or self.p95_m_per_s is None:
            return "too little moving data to tell"
        return (
            f"median moving speed {self.median_m_per_s * 3.6:.1f} km/h, "
            f"95th percentile {self.p95_m_per_s * 3.6:.1f} km/h"
        )


def guess_sport(samples: ActivitySamples, bounds: GuessBounds | None = None) -> SportGuess:
    """The sport that the samples' speed profile points to.

    >>> from runstrong.importers._samples import make_samples
    >>> t = np.arange(0.0, 600.0)
    >>> guess_sport(make_samples(t, distance_m=t * 3.0)).sport
    'running'
    >>> guess_sport(make_samples(t, distance_m=t * 8.0)).sport
    'cycling'
    >>> guess_sport(make_samples(t, distance_m=t * 1.3)).sport
    'walking'
    """
    bounds = bounds or load_vocabulary().guess
    time_s, distance_m = samples.time_s, samples.distance_m
    step_s = np.diff(time_s)
    if np.isfinite(distance_m).sum() >= 2:
        finite = np.isfinite(distance_m)
        step_m = np.diff(np.where(finite, distance_m, np.nan))
        speeds = np.divide(step_m, step_s, out=np.full(len(step_s), np.nan), where=step_s > 0)
    else:
        speeds = samples.speed_m_per_s[1:]
    moving = np.isfinite(speeds) & (speeds > bounds.moving_above_m_per_s) & (step_s > 0)
    if float(step_s[moving].sum()) < bounds.min_moving_s:
        return SportGuess(None)
    moving_speeds = speeds[moving]
    median = float(np.median(moving_speeds))
    p95 = float(np.percentile(moving_speeds, 95))
    sport: Sport | None = None
    if median < bounds.walk_below_m_per_s:
        sport = "walking"
    elif median < bounds.run_below_m_per_s and p95 < bounds.run_p95_below_m_per_s:
        sport = "running"
    elif median >= bounds.run_below_m_per_s or p95 >= bounds.ride_p95_from_m_per_s:
        sport = "cycling"
    return SportGuess(sport, median, p95)


def file_sport(
    text: str | None,
    samples: ActivitySamples,
    name: str,
    *,
    strava_codes: bool = False,
    step_cadence_spm: float | None = None,
) -> tuple[Sport, str | None]:
    """The sport of a GPX or TCX recording whose file says ``text``, and a warning if the user
    should check it.

    * A sport the vocabulary knows is taken as it is, without a warning.
    * A word runstrong does not know is kept as ``other``, with a warning naming it.
    * A file that says nothing (no sport at all) gets the speed profile's guess, with a warning.
    * A file that says only a vague word ("Other": TCX has no other word for skiing, paddling
      or a gym session) gets the guess only when it also records steps at a matching rate
      (``step_cadence_spm``, the median step cadence: a running one for a run, a walking one
      for a walk); a speed alone cannot tell a run from cross-country skiing.

    >>> from runstrong.importers._samples import make_samples
    >>> t = np.arange(0.0, 600.0)
    >>> file_sport("9", make_samples(t), "a.gpx", strava_codes=True)
    ('running', None)
    >>> file_sport(None, make_samples(t, distance_m=t * 3.0), "a.gpx")[0]
    'running'
    >>> file_sport("Other", make_samples(t, distance_m=t * 3.0), "a.tcx")[0]
    'other'
    >>> file_sport("Other", make_samples(t, distance_m=t * 3.0), "a.tcx", step_cadence_spm=172)[0]
    'running'
    """
    said = read_sport_name(text, strava_codes=strava_codes)
    if said.sport is not None:
        return said.sport, None
    if said.meaning == "unknown":
        return "other", (
            f"{name}: the file names its sport '{said.text}', which runstrong does not know; "
            "imported as 'other'."
        )
    guess = guess_sport(samples)
    if said.meaning == "vague":
        if _steps_match(guess.sport, step_cadence_spm):
            return cast(Sport, guess.sport), (
                f"{name}: the file says only '{said.text}'; its steps ({step_cadence_spm:.0f} a "
                f"minute) and speed ({guess.describe()}) are {guess.sport}: imported as "
                f"'{guess.sport}'."
            )
        return "other", (
            f"{name}: the file says only '{said.text}' about its sport, and neither its steps "
            "nor its speed make it a run or a walk; imported as 'other'."
        )
    if guess.sport is None:
        return "other", (
            f"{name}: the file does not say which sport it is and its speeds do not tell "
            f"({guess.describe()}); imported as 'other'."
        )
    return guess.sport, (
        f"{name}: the file does not say which sport it is; guessed '{guess.sport}' from its "
        f"speed ({guess.describe()})."
    )


def _steps_match(sport: Sport | None, step_cadence_spm: float | None) -> bool:
    if step_cadence_spm is None:
        return False
    bounds = load_vocabulary().guess
    if sport == "running":
        return step_cadence_spm >= bounds.run_steps_from_per_min
    if sport == "walking":
        return bounds.walk_steps_from_per_min <= step_cadence_spm < bounds.run_steps_from_per_min
    return False
