"""FIT exercise names and the exercise library: ``fit_exercises.toml`` as a typed mapping.

A watch names the exercise of a set by the FIT profile's ``exercise_category`` and a name within
that category (leg press is category ``squat``, name ``leg_press``); a FIT workout step carries
the same pair. This module maps such pairs onto library slugs and back, by names only (the
numbers belong to the FIT profile and are looked up by the importer and the exporter).

>>> names = load_fit_names()
>>> names.slug_for("squat", "leg_press")
'leg-press'
>>> names.fit_for("leg-press")
('squat', 'leg_press')
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from runstrong.errors import ValidationError
from runstrong.library.schema import PATTERNS

__all__ = [
    "UNIDENTIFIED_SLUG",
    "FitName",
    "FitNames",
    "is_unidentified",
    "load_fit_names",
    "parse_fit_names",
    "watch_slug",
]

_SCHEMA_VERSION = 1
#: The slug of a set whose exercise the watch did not identify: kept, shown with a prompt.
UNIDENTIFIED_SLUG = "unknown:unidentified-exercise"


def is_unidentified(slug: str) -> bool:
    """Whether a set's exercise is still the watch's "not identified".

    >>> is_unidentified(UNIDENTIFIED_SLUG), is_unidentified("leg-press")
    (True, False)
    """
    return slug == UNIDENTIFIED_SLUG


def watch_slug(category: str, name: str | None) -> str:
    """The slug kept for a FIT exercise the library does not have: the watch's own words.

    >>> watch_slug("deadlift", "barbell_deadlift"), watch_slug("pull_up", None)
    ('unknown:barbell-deadlift', 'unknown:pull-up')
    """
    return "unknown:" + (name or category).replace("_", "-")


@dataclass(frozen=True, slots=True)
class FitName:
    """One FIT exercise (category and name within it) that is a library exercise."""

    category: str
    name: str
    slug: str


class FitNames:
    """The mapping in both directions; see the module docstring."""

    def __init__(
        self,
        entries: tuple[FitName, ...],
        hold_categories: frozenset[str],
        nearest: Mapping[str, str],
    ) -> None:
        self._entries = entries
        self._by_fit = {(e.category, e.name): e.slug for e in entries}
        self._by_slug: dict[str, FitName] = {}
        for entry in entries:
            self._by_slug.setdefault(entry.slug, entry)
        self.hold_categories = hold_categories
        self.nearest = dict(nearest)

    def __iter__(self) -> Iterator[FitName]:
        return iter(self._entries)

    def slug_for(self, category: str, name: str | None) -> str | None:
        """The library slug of a FIT exercise, ``None`` when the library does not have it."""
        return None if name is None else self._by_fit.get((category, name))

    def fit_for(self, slug: str) -> tuple[str, str] | None:
        """The FIT (category, name) written for a library exercise, ``None`` without one."""
        entry = self._by_slug.get(slug)
        return None if entry is None else (entry.category, entry.name)

    def nearest_category(self, pattern: str) -> str:
        """The FIT category nearest to a movement pattern (for exercises without a FIT name)."""
        return self.nearest.get(pattern, "total_body")


@cache
def load_fit_names() -> FitNames:
    """The packaged mapping (``fit_exercises.toml``), validated; cached."""
    text = (
        resources.files("runstrong.library")
        .joinpath("fit_exercises.toml")
        .read_text(encoding="utf-8")
    )
    return parse_fit_names(text, "fit_exercises.toml")


def parse_fit_names(text: str, source: str = "FIT exercise names") -> FitNames:
    """Parse and check a mapping document; raises :class:`ValidationError` naming the problem.

    Checked here: the schema version, the fields of every entry, no FIT name given twice, and
    the ``[nearest]`` patterns. That categories, names and slugs exist in the FIT profile and the
    library is checked by the schema test (this module knows neither).
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{source}: not valid TOML ({exc}).") from exc
    if document.get("schema_version") != _SCHEMA_VERSION:
        raise ValidationError(f"{source}: schema_version must be {_SCHEMA_VERSION}.")
    entries: list[FitName] = []
    seen: set[tuple[str, str]] = set()
    for position, raw in enumerate(document.get("exercise", []), start=1):
        if not isinstance(raw, dict) or set(raw) != {"category", "name", "slug"}:
            raise ValidationError(
                f"{source}: exercise {position} must have exactly category, name and slug."
            )
        values = [raw["category"], raw["name"], raw["slug"]]
        if not all(isinstance(value, str) and value for value in values):
            raise ValidationError(f"{source}: exercise {position} has an empty or non-text field.")
        entry = FitName(*values)
        if (entry.category, entry.name) in seen:
            raise ValidationError(
                f"{source}: exercise {position} ({entry.category}/{entry.name}) is given twice."
            )
        seen.add((entry.category, entry.name))
        entries.append(entry)
    holds = document.get("hold_categories", [])
    if not isinstance(holds, list) or not all(isinstance(h, str) for h in holds):
        raise ValidationError(f"{source}: hold_categories must be a list of category names.")
    nearest = document.get("nearest", {})
    if not isinstance(nearest, dict) or not all(isinstance(v, str) for v in nearest.values()):
        raise ValidationError(f"{source}: [nearest] must map patterns to category names.")
    unknown = sorted(set(nearest) - set(PATTERNS))
    if unknown:
        raise ValidationError(f"{source}: [nearest] names unknown patterns {', '.join(unknown)}.")
    return FitNames(tuple(entries), frozenset(holds), nearest)
