"""Load the strength programming tables (``data/programs.toml``), checked once (private).

The file's comments carry the sources. Loading checks what a typo would break: every focus and
phase present, every exercise slug in the library with the right category, every reps/RPE pair
inside Tuchscherer's chart, contact ranges increasing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from runstrong.domain.models import EventFocus
from runstrong.domain.plan import PlanPhase, PlyometricLevel
from runstrong.errors import ValidationError
from runstrong.library import Catalog

__all__ = ["LiftSlot", "Programs", "programs", "tables"]

_FOCUSES: Final[tuple[EventFocus, ...]] = ("sprint", "middle", "distance")
_PHASES: Final[tuple[PlanPhase, ...]] = ("base", "build", "peak", "taper")
_LEVELS: Final[tuple[PlyometricLevel, ...]] = ("beginner", "intermediate", "advanced")


@dataclass(frozen=True, slots=True)
class LiftSlot:
    """``sets`` × ``reps`` at ``rpe`` of the first usable exercise of ``choices``."""

    choices: tuple[str, ...]
    sets: int
    reps: int
    rpe: float


@dataclass(frozen=True, slots=True)
class Programs:
    main_lift: str
    main: dict[EventFocus, dict[PlanPhase, LiftSlot]]
    main_notes: dict[PlanPhase, str]
    titles: dict[EventFocus, dict[PlanPhase, str]]
    complements: dict[EventFocus, tuple[tuple[LiftSlot, ...], ...]]
    plyometrics: dict[EventFocus, tuple[str, ...]]
    contacts: dict[PlyometricLevel, tuple[int, int]]
    contact_share: dict[EventFocus, float]
    drills: tuple[str, ...]
    core: dict[EventFocus, tuple[str, ...]]
    holds: frozenset[str]


@cache
def tables() -> Programs:
    """The packaged tables, parsed and checked on their own (cached)."""
    text = resources.files("runstrong.planning").joinpath("data/programs.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    if raw.get("schema_version") != 1:
        raise ValidationError("programs.toml: expected schema_version = 1.")
    try:
        return _parse(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"programs.toml: malformed ({exc!r}).") from exc


@cache
def programs(catalog: Catalog) -> Programs:
    """The packaged tables, every exercise checked against ``catalog`` (cached per catalog)."""
    loaded = tables()
    _check(loaded, catalog)
    return loaded


def _slot(choices: tuple[str, ...], values: list[Any]) -> LiftSlot:
    sets, reps, rpe = values
    return LiftSlot(choices, int(sets), int(reps), float(rpe))


def _parse(raw: dict[str, Any]) -> Programs:
    main = raw["main_lift"]
    groups = {name: tuple(slugs) for name, slugs in raw["groups"].items()}
    contacts = raw["contacts"]
    return Programs(
        main_lift=main["exercise"],
        main={f: {p: _slot((main["exercise"],), main[f][p]) for p in _PHASES} for f in _FOCUSES},
        main_notes={p: str(main["notes"][p]) for p in _PHASES},
        titles={f: {p: str(raw["titles"][f][p]) for p in _PHASES} for f in _FOCUSES},
        complements={
            f: tuple(
                tuple(_slot(groups[slot[0]], slot[1:]) for slot in session)
                for session in raw["complements"][f]
            )
            for f in _FOCUSES
        },
        plyometrics={f: tuple(raw["plyometrics"][f]) for f in _FOCUSES},
        contacts={level: (int(contacts[level][0]), int(contacts[level][1])) for level in _LEVELS},
        contact_share={f: float(contacts["focus_share"][f]) for f in _FOCUSES},
        drills=tuple(raw["drills"]["exercises"]),
        core={f: tuple(raw["core"][f]) for f in _FOCUSES},
        holds=frozenset(raw["core"]["holds"]),
    )


def _check(loaded: Programs, catalog: Catalog) -> None:
    def require(slug: str, category: str, where: str) -> None:
        if slug not in catalog or catalog.get(slug).category != category:
            raise ValidationError(f"programs.toml, {where}: '{slug}' is not a {category} exercise.")

    require(loaded.main_lift, "strength", "main_lift")
    for f in _FOCUSES:
        for phase, main in loaded.main[f].items():
            if main.reps + (10 - max(6.0, main.rpe - 1)) > 12:  # deloads take 1 RPE off
                raise ValidationError(
                    f"programs.toml, main_lift.{f}.{phase}: beyond the RPE chart."
                )
    slots = [s for f in _FOCUSES for s in loaded.main[f].values()]
    slots += [s for f in _FOCUSES for session in loaded.complements[f] for s in session]
    for slot in slots:
        for slug in slot.choices:
            require(slug, "strength", "lifts")
        if not (slot.sets >= 1 and slot.reps >= 1 and 6 <= slot.rpe <= 10):
            raise ValidationError(f"programs.toml: bad sets, reps or RPE for {slot.choices[0]}.")
    for f in _FOCUSES:
        for slug in loaded.plyometrics[f]:
            require(slug, "plyometric", "plyometrics")
        for slug in loaded.core[f]:
            require(slug, "core", "core")
    for slug in loaded.drills:
        require(slug, "drill", "drills")
    ranges = [loaded.contacts[level] for level in _LEVELS]
    if any(low > high for low, high in ranges) or ranges != sorted(ranges):
        raise ValidationError("programs.toml: contact ranges must rise with the level.")
