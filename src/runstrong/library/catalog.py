"""The exercise catalog: load ``exercises.toml``, validate it, and look exercises up.

The content lives in the TOML file next to this module (data as data); the record types and
closed sets are in :mod:`runstrong.library.schema`; this module reads, checks and indexes.
Everything is validated once, while loading: a damaged or mistyped library raises
:class:`runstrong.errors.ValidationError` naming the exercise and the field.

>>> catalog = load_catalog()
>>> catalog.get("leg-press").primary_muscles
('quadriceps', 'glutes')
>>> catalog.match("Leg Press (Machine)").slug
'leg-press'
>>> [e.slug for e in catalog.substitutes_for("leg-press", {"bodyweight"})]
['split-squat']
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from runstrong.errors import NotFound, ValidationError
from runstrong.library.schema import (
    CATEGORIES,
    EQUIPMENT,
    GRADES,
    LEVELS,
    MUSCLES,
    PATTERNS,
    Category,
    Evidence,
    Exercise,
    Fault,
    Muscle,
    exercise_problem,
)

__all__ = ["Catalog", "load_catalog"]

_T = TypeVar("_T", bound=str)
_SCHEMA_VERSION = 1
_REQUIRED = (
    "slug",
    "name",
    "category",
    "pattern",
    "equipment",
    "unilateral",
    "primary_muscles",
    "cues",
)
_OPTIONAL = (
    "secondary_muscles",
    "faults",
    "substitutes",
    "aliases",
    "variant_of",
    "foot_contacts_per_rep",
    "level",
    "evidence",
    "notes",
)


class Catalog:
    """An immutable, validated collection of exercises, in library order.

    Building one checks what no single entry can check alone: unique slugs, substitutes and
    ``variant_of`` that exist, and names and aliases that match only one exercise.
    """

    def __init__(self, exercises: Iterable[Exercise], *, source: str = "exercise library") -> None:
        self._exercises = tuple(exercises)
        self._by_slug: dict[str, Exercise] = {}
        self._by_key: dict[str, Exercise] = {}
        for exercise in self._exercises:
            first = self._by_slug.setdefault(exercise.slug, exercise)
            if first is not exercise:
                problem = f"two exercises use it ('{first.name}' and '{exercise.name}')"
                raise _fail(source, exercise.slug, "slug", problem)
            broken = exercise_problem(exercise)
            if broken is not None:
                raise _fail(source, exercise.slug, *broken)
        for exercise in self._exercises:
            self._check_references(exercise, source)
        # Slugs and names claim their match keys before any alias does, so a clash is blamed
        # on the alias.
        labels = [(e, "slug", e.slug) for e in self._exercises]
        labels += [(e, "name", e.name) for e in self._exercises]
        labels += [(e, "aliases", alias) for e in self._exercises for alias in e.aliases]
        for exercise, field, label in labels:
            other = self._by_key.setdefault(_match_key(label), exercise)
            if other is not exercise:
                problem = f"'{label}' already names '{other.slug}'; imports would be ambiguous"
                raise _fail(source, exercise.slug, field, problem)

    def _check_references(self, exercise: Exercise, source: str) -> None:
        for slug in exercise.substitutes:
            if slug not in self._by_slug:
                problem = f"no exercise '{slug}' in the library{_did_you_mean(slug, self._by_slug)}"
                raise _fail(source, exercise.slug, "substitutes", problem)
        parent, seen = exercise.variant_of, {exercise.slug}
        while parent is not None:
            if parent not in self._by_slug:
                problem = (
                    f"no exercise '{parent}' in the library{_did_you_mean(parent, self._by_slug)}"
                )
                raise _fail(source, exercise.slug, "variant_of", problem)
            if parent in seen:
                raise _fail(source, exercise.slug, "variant_of", "variants form a cycle")
            seen.add(parent)
            parent = self._by_slug[parent].variant_of

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._exercises)

    def __len__(self) -> int:
        return len(self._exercises)

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def get(self, slug: str) -> Exercise:
        """The exercise with this slug; :class:`NotFound` suggests close slugs."""
        try:
            return self._by_slug[slug]
        except KeyError:
            matched = self.match(slug)
            hint = (
                f" (did you mean '{matched.slug}'?)"
                if matched
                else _did_you_mean(slug, self._by_slug)
            )
            raise NotFound(f"No exercise '{slug}' in the library{hint}.") from None

    def by_category(self, category: Category) -> tuple[Exercise, ...]:
        """Exercises of one category (strength, plyometric, drill, core), in library order."""
        _require_known(category, CATEGORIES, "category")
        return tuple(e for e in self._exercises if e.category == category)

    def training(self, muscle: Muscle, *, primary_only: bool = False) -> tuple[Exercise, ...]:
        """Exercises whose primary (or, unless ``primary_only``, secondary) muscles include it."""
        _require_known(muscle, MUSCLES, "muscle")
        return tuple(
            e
            for e in self._exercises
            if muscle in e.primary_muscles or (not primary_only and muscle in e.secondary_muscles)
        )

    def match(self, name: str) -> Exercise | None:
        """The exercise a slug, name or alias from another app refers to, or ``None``.

        Case, accents, punctuation and spacing are ignored: "LEG PRESS (machine)" and
        "leg-press machine" both match Hevy's "Leg Press (Machine)".
        """
        return self._by_key.get(_match_key(name))

    def substitutes_for(
        self, slug: str, available_equipment: Collection[str] | None = None
    ) -> tuple[Exercise, ...]:
        """The listed substitutes for an exercise, best first.

        With ``available_equipment``, only substitutes that need nothing else (body weight is
        always available); an empty result means none of the listed substitutes fits.
        """
        exercise = self.get(slug)
        substitutes = tuple(self._by_slug[s] for s in exercise.substitutes)
        if available_equipment is None:
            return substitutes
        for item in available_equipment:
            _require_known(item, EQUIPMENT, "equipment")
        return tuple(s for s in substitutes if s.doable_with(available_equipment))

    def variants_of(self, slug: str) -> tuple[Exercise, ...]:
        """Exercises declared as direct variants of this one (``variant_of == slug``)."""
        self.get(slug)
        return tuple(e for e in self._exercises if e.variant_of == slug)


def load_catalog(path: Path | None = None) -> Catalog:
    """Load and validate an exercise library; by default the one shipped with runstrong (cached).

    Raises :class:`ValidationError` for an unreadable file, invalid TOML or any schema violation,
    naming the exercise and the field.
    """
    if path is None:
        return _packaged_catalog()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Cannot read the exercise library {path}: {exc}.") from exc
    return _parse(text, str(path))


@cache
def _packaged_catalog() -> Catalog:
    text = (
        resources.files("runstrong.library").joinpath("exercises.toml").read_text(encoding="utf-8")
    )
    return _parse(text, "exercises.toml")


def _parse(text: str, source: str) -> Catalog:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{source}: not valid TOML ({exc}); fix the syntax there.") from exc
    unknown = sorted(set(document) - {"schema_version", "exercise"})
    if unknown:
        raise ValidationError(f"{source}: unknown top-level key '{unknown[0]}'.")
    if document.get("schema_version") != _SCHEMA_VERSION:
        raise ValidationError(f"{source}: expected schema_version = {_SCHEMA_VERSION}.")
    tables = document.get("exercise")
    if not isinstance(tables, list) or not tables:
        raise ValidationError(f"{source}: no [[exercise]] tables found.")
    return Catalog(
        (_parse_exercise(raw, n, source) for n, raw in enumerate(tables, 1)), source=source
    )


def _parse_exercise(raw: object, number: int, source: str) -> Exercise:
    if not isinstance(raw, dict):
        raise ValidationError(f"{source}: exercise #{number} is not a table.")
    slug = raw.get("slug")
    label = slug if isinstance(slug, str) and slug else f"#{number}"
    entry = _Entry(raw, source, label)
    for field in raw:
        if field not in _REQUIRED + _OPTIONAL:
            hint = _did_you_mean(field, _REQUIRED + _OPTIONAL)
            raise entry.fail(field, f"unknown field{hint}")
    for field in _REQUIRED:
        if field not in raw:
            raise entry.fail(field, "missing required field")
    contacts = raw.get("foot_contacts_per_rep")
    if contacts is not None and (type(contacts) is not int or contacts < 1):
        raise entry.fail("foot_contacts_per_rep", "expected a whole number of at least 1")
    unilateral = raw["unilateral"]
    if not isinstance(unilateral, bool):
        raise entry.fail("unilateral", "expected true or false")
    level = entry.optional_text("level")
    return Exercise(
        slug=entry.text("slug"),
        name=entry.text("name"),
        category=entry.choice("category", entry.text("category"), CATEGORIES),
        pattern=entry.choice("pattern", entry.text("pattern"), PATTERNS),
        equipment=entry.choices("equipment", EQUIPMENT),
        unilateral=unilateral,
        primary_muscles=entry.choices("primary_muscles", MUSCLES),
        secondary_muscles=entry.choices("secondary_muscles", MUSCLES),
        cues=entry.texts("cues"),
        faults=entry.faults(),
        substitutes=entry.texts("substitutes"),
        aliases=entry.texts("aliases"),
        variant_of=entry.optional_text("variant_of"),
        foot_contacts_per_rep=contacts,
        level=None if level is None else entry.choice("level", level, LEVELS),
        evidence=entry.evidence(),
        notes=entry.optional_text("notes"),
    )


class _Entry:
    """One raw ``[[exercise]]`` table, with what error messages need to point at it."""

    def __init__(self, raw: Mapping[str, object], source: str, label: str) -> None:
        self._raw, self._source, self._label = raw, source, label

    def fail(self, field: str, problem: str) -> ValidationError:
        return _fail(self._source, self._label, field, problem)

    def text(self, field: str, value: object = None) -> str:
        value = self._raw.get(field) if value is None else value
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "expected a non-empty string")
        return value

    def optional_text(self, field: str) -> str | None:
        return self.text(field) if field in self._raw else None

    def texts(self, field: str) -> tuple[str, ...]:
        values = self._raw.get(field, [])
        if not isinstance(values, list):
            raise self.fail(field, "expected a list of strings")
        items = tuple(self.text(field, value) for value in values)
        for item in items:
            if items.count(item) > 1:
                raise self.fail(field, f"'{item}' is listed twice")
        return items

    def choice(self, field: str, value: str, allowed: tuple[_T, ...]) -> _T:
        for option in allowed:
            if value == option:
                return option
        hint = _did_you_mean(value, allowed)
        raise self.fail(field, f"unknown value '{value}'{hint}; allowed: {', '.join(allowed)}")

    def choices(self, field: str, allowed: tuple[_T, ...]) -> tuple[_T, ...]:
        return tuple(self.choice(field, value, allowed) for value in self.texts(field))

    def faults(self) -> tuple[Fault, ...]:
        tables = self._raw.get("faults", [])
        if not isinstance(tables, list):
            raise self.fail("faults", "expected [[exercise.faults]] tables")
        return tuple(Fault(*self._table("faults", t, ("fault", "risk", "fix"))) for t in tables)

    def evidence(self) -> Evidence | None:
        if "evidence" not in self._raw:
            return None
        grade, note = self._table("evidence", self._raw["evidence"], ("grade", "note"))
        return Evidence(self.choice("evidence", grade, GRADES), note)

    def _table(self, field: str, table: object, keys: tuple[str, ...]) -> tuple[str, ...]:
        if not isinstance(table, dict) or set(table) != set(keys):
            raise self.fail(field, f"expected a table with exactly the keys {', '.join(keys)}")
        return tuple(self.text(field, table[key]) for key in keys)


def _fail(source: str, label: str, field: str, problem: str) -> ValidationError:
    name = label if label.startswith("#") else f"'{label}'"
    return ValidationError(f"{source}: exercise {name}, field '{field}': {problem}.")


def _require_known(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        hint = _did_you_mean(value, allowed)
        raise ValidationError(f"Unknown {what} '{value}'{hint}; known: {', '.join(allowed)}.")


def _did_you_mean(value: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _match_key(text: str) -> str:
    """Lowercase words of ``text`` without accents, apostrophes or punctuation."""
    decomposed = unicodedata.normalize(
        "NFKD", text.casefold().replace("'", "").replace("\u2019", "")
    )
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain))
