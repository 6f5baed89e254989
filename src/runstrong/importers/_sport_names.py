"""The sport vocabularies of GPX, TCX and export indexes, read from ``sport_names.toml``.

:func:`read_sport_name` says what a file's sport text means: a runstrong sport (``known``), a
word that says nothing (``vague``: the speed profile decides, see
:func:`runstrong.importers._sport_guess.guess_sport`), or a word runstrong does not know
(``unknown``: imported as ``other`` with a warning naming it).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, cast, get_args

from runstrong.domain.models import Sport

__all__ = [
    "GuessBounds",
    "NameMeaning",
    "SportName",
    "SportVocabulary",
    "load_vocabulary",
    "normalise",
    "read_sport_name",
]

NameMeaning = Literal["known", "vague", "unknown", "absent"]
_SPORTS = frozenset(get_args(Sport))


@dataclass(frozen=True, slots=True)
class SportName:
    """What a sport text says: ``sport`` is set only when ``meaning`` is ``known``."""

    text: str | None
    meaning: NameMeaning
    sport: Sport | None = None


@dataclass(frozen=True, slots=True)
class GuessBounds:
    """The speed-profile bounds of ``[guess]`` (m/s, s); see ``sport_names.toml``."""

    min_moving_s: float
    moving_above_m_per_s: float
    walk_below_m_per_s: float
    run_below_m_per_s: float
    run_p95_below_m_per_s: float
    ride_p95_from_m_per_s: float
    run_steps_from_per_min: float
    walk_steps_from_per_min: float


@dataclass(frozen=True, slots=True)
class SportVocabulary:
    strava_codes: dict[str, Sport]
    names: dict[str, Sport]
    vague: frozenset[str]
    guess: GuessBounds


def normalise(text: str) -> str:
    """A sport word as the tables spell it.

    >>> normalise("TrailRun"), normalise(" Mountain Biking "), normalise("CYCLING_SPORT")
    ('trail_run', 'mountain_biking', 'cycling_sport')
    """
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text.strip())
    return re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")


def _sports(table: object, where: str) -> dict[str, Sport]:
    if not isinstance(table, dict):
        raise ValueError(f"sport_names.toml: [{where}] must be a table")
    result: dict[str, Sport] = {}
    for key, value in table.items():
        if value not in _SPORTS:
            raise ValueError(f"sport_names.toml: [{where}] {key} = {value!r} is not a sport")
        result[str(key)] = cast(Sport, value)
    return result


def parse_vocabulary(document: dict[str, object]) -> SportVocabulary:
    """Check and convert the TOML document; raises ``ValueError`` naming what is wrong."""
    codes = _sports(document.get("strava_codes"), "strava_codes")
    if not all(code.isdigit() for code in codes):
        raise ValueError("sport_names.toml: [strava_codes] keys must be numbers")
    names = _sports(document.get("names"), "names")
    for key in names:
        if normalise(key) != key:
            raise ValueError(f"sport_names.toml: [names] key {key!r} is not normalised")
    vague_table = document.get("vague")
    words = vague_table.get("words") if isinstance(vague_table, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ValueError("sport_names.toml: [vague] words must be a list of strings")
    overlap = set(words) & set(names)
    if overlap:
        raise ValueError(f"sport_names.toml: words both vague and named: {sorted(overlap)}")
    guess = document.get("guess")
    if not isinstance(guess, dict):
        raise ValueError("sport_names.toml: [guess] must be a table")
    bounds = GuessBounds(**{key: float(value) for key, value in guess.items()})
    return SportVocabulary(codes, names, frozenset(words), bounds)


@cache
def load_vocabulary() -> SportVocabulary:
    """The packaged vocabulary (read once)."""
    text = resources.files("runstrong.importers").joinpath("sport_names.toml").read_text("utf-8")
    return parse_vocabulary(tomllib.loads(text))


def read_sport_name(text: str | None, *, strava_codes: bool = False) -> SportName:
    """What ``text`` says about the sport; numbers are Strava's codes when ``strava_codes``.

    >>> read_sport_name("9", strava_codes=True).sport, read_sport_name("trail_running").sport
    ('running', 'trail_running')
    >>> read_sport_name("Other").meaning, read_sport_name("Quidditch").meaning
    ('vague', 'unknown')
    """
    if text is None or not text.strip():
        return SportName(None, "absent")
    vocabulary = load_vocabulary()
    stripped = text.strip()
    if strava_codes and stripped.isdigit():
        code = str(int(stripped))
        sport = vocabulary.strava_codes.get(code)
        return SportName(stripped, "known", sport) if sport else SportName(stripped, "unknown")
    key = normalise(stripped)
    if key in vocabulary.names:
        return SportName(stripped, "known", vocabulary.names[key])
    if key in vocabulary.vague or not key:
        return SportName(stripped, "vague")
    return SportName(stripped, "unknown")
