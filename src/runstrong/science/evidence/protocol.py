"""What to log when the data cannot answer "did the strength work help my running?".

The advice follows docs/science.md: the trials that found benefits ran ≥ 6–8 weeks with 2–3
lower-body sessions a week (section 5); critical speed needs all-out efforts of about 2–15 minutes
(section 2). The check every 4 weeks for 12–16 weeks gives 4–5 comparable points: enough to see a
change within one block, not enough for the weekly regression, which needs about 20 weeks with a
marker (easy runs with heart rate fill those fastest).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from runstrong.errors import ValidationError
from runstrong.science._checks import whole_number
from runstrong.science.evidence.series import MARKER_KINDS, MarkerKind

__all__ = ["DataAvailability", "what_to_log"]

_MARKER_SOURCES: Final[dict[MarkerKind, str]] = {
    "efficiency": (
        "Wear a heart-rate monitor on your easy runs and keep them steady, on similar flat "
        "routes: each week with such a run gives one value of your easy-run efficiency."
    ),
    "vdot": (
        "Log races and all-out time trials (1500 m to the marathon) with their times: each "
        "week with one gives a VDOT. Races are rare, so also wear a heart-rate monitor on easy "
        "runs: easy-run efficiency gives a value almost every week."
    ),
    "critical_speed": (
        "Log two or more all-out efforts of about 2–15 minutes (for example on the track) "
        "whenever you test: critical speed is only valid from efforts that were all-out."
    ),
    "hr_drift": (
        "Run a long steady run of an hour or more with heart rate most weeks, on a flat route "
        "in similar weather: each one gives a heart-rate drift value."
    ),
}
_PARTNER_ADVICE: Final = {
    "volume": (
        "Change one thing at a time: keep your running volume about the same for several weeks "
        "when you start, stop or change strength work; when both change together their effects "
        "cannot be told apart."
    ),
    "trend": (
        "Your strength work rose or fell steadily together with your general progress; a block "
        "of 6–8 weeks with clearly more or less strength work would let the two be told apart."
    ),
    "season": (
        "You did strength work in the same seasons; a block of strength work at another time "
        "of year would let strength and season be told apart."
    ),
    "race": (
        "Your strength work changed around races; keep it steadier around race weeks, or mark "
        "the races so they can be adjusted for."
    ),
}


@dataclass(frozen=True, slots=True)
class DataAvailability:
    """How much of what the evidence analysis needs has been logged.

    Attributes
    ----------
    n_weeks : int
        Weeks of history.
    marker_weeks : int
        Weeks with a value of the running marker.
    strength_weeks : int
        Weeks with any lower-body strength work.
    marker : {"vdot", "efficiency", "critical_speed", "hr_drift"}
        The running marker analysed.
    usable_weeks : int or None
        Marker weeks the model can use (with enough training logged before them); default
        ``marker_weeks``.
    strength_varies : bool
        Whether the amount of strength work varied enough between weeks to compare.
    strength_moves_with : {"volume", "trend", "season", "race"} or None
        The covariate strength work moved in step with, if any.
    min_marker_weeks : int
        Marker weeks the analysis needs.
    """

    n_weeks: int
    marker_weeks: int
    strength_weeks: int
    marker: MarkerKind = "efficiency"
    usable_weeks: int | None = None
    strength_varies: bool = True
    strength_moves_with: str | None = None
    min_marker_weeks: int = 20

    def __post_init__(self) -> None:
        whole_number("n_weeks", self.n_weeks, 0, 100_000)
        whole_number("marker_weeks", self.marker_weeks, 0, self.n_weeks)
        whole_number("strength_weeks", self.strength_weeks, 0, self.n_weeks)
        whole_number("min_marker_weeks", self.min_marker_weeks, 1, 1000)
        if self.usable_weeks is not None:
            whole_number("usable_weeks", self.usable_weeks, 0, self.marker_weeks)
        if self.marker not in MARKER_KINDS:
            raise ValidationError(f"marker must be one of {', '.join(MARKER_KINDS)}")
        if self.strength_moves_with not in (None, *_PARTNER_ADVICE):
            raise ValidationError(
                f"strength_moves_with must be one of {', '.join(_PARTNER_ADVICE)} or None"
            )


def what_to_log(available: DataAvailability) -> list[str]:
    """Concrete steps that would let the evidence analysis answer; empty when nothing is missing.

    Covers, as needed: a weekly source of the marker, a repeatable check every 4 weeks (a
    fixed-heart-rate easy run or a 5 km time trial) kept up for at least 12–16 weeks from a
    baseline, RPE and heart rate on runs, complete strength logs, blocks with and without strength
    work for a personal test (trials that found benefits ran ≥ 6–8 weeks of 2–3 sessions a week,
    docs/science.md section 5, Blagrove et al. 2018), and changing one thing at a time.

    Examples
    --------
    >>> advice = what_to_log(DataAvailability(n_weeks=10, marker_weeks=3, strength_weeks=5))
    >>> len(advice), advice[1][:16]
    (4, 'Every 4 weeks, r')
    >>> what_to_log(DataAvailability(n_weeks=104, marker_weeks=80, strength_weeks=50))
    []
    """
    usable = available.marker_weeks if available.usable_weeks is None else available.usable_weeks
    advice: list[str] = []
    too_few = usable < available.min_marker_weeks
    if too_few:
        missing = available.min_marker_weeks - usable
        advice.append(
            f"{_MARKER_SOURCES[available.marker]} The analysis needs {available.min_marker_weeks} "
            f"such weeks with training logged before them; you have {usable}, so about "
            f"{missing} more."
        )
    if too_few or not available.strength_varies:
        advice.append(
            "Every 4 weeks, repeat one check under the same conditions — a fixed-heart-rate easy "
            "run (for example 30 minutes at your usual easy heart rate on the same flat route, "
            "noting the pace) or a 5 km time trial — starting with a baseline now and keeping it "
            "up for at least 12–16 weeks."
        )
    if too_few:
        advice.append("Log RPE and heart rate for every run.")
    if not available.strength_varies:
        if available.strength_weeks == 0:
            advice.append(
                "Strength work has to be logged before its effect can be seen: the trials that "
                "found benefits used 2–3 lower-body sessions a week for at least 6–8 weeks."
            )
        else:
            advice.append(
                "For a personal test, run blocks: for example 8 weeks with 2 lower-body strength "
                "sessions a week and 8 weeks without (or the reverse), keeping running volume "
                "about the same, with the 4-weekly check at the start and end of each block. "
                "Only drop strength work if you are willing to: the published evidence favours "
                "keeping it."
            )
    if available.strength_moves_with is not None:
        advice.append(_PARTNER_ADVICE[available.strength_moves_with])
    if advice:
        advice.append(
            "Keep logging every strength session (exercises, sets, reps, loads): a week without "
            "a log counts as a week without strength work."
        )
    return advice
