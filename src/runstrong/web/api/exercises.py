"""JSON API: the exercise library (public, no sign-in): muscles, coaching cues, common faults,
substitutes and the evidence behind each exercise."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from runstrong.library import Category, Equipment, Exercise, Muscle, load_catalog
from runstrong.web.api.schemas import ERROR_RESPONSES, Limit, Offset, Page

__all__ = ["ExercisePublic", "ExerciseSummary", "find_exercises", "router"]

router = APIRouter(tags=["exercises"], responses=ERROR_RESPONSES)

Slug = Annotated[str, Path(min_length=1, max_length=120, description="The exercise's slug.")]


class ExerciseSummary(BaseModel):
    slug: str
    name: str
    category: str
    pattern: str
    equipment: list[str]
    unilateral: bool
    primary_muscles: list[str]
    secondary_muscles: list[str]
    level: str | None


class FaultPublic(BaseModel):
    fault: str
    risk: str
    fix: str


class ExerciseRef(BaseModel):
    slug: str
    name: str


class EvidencePublic(BaseModel):
    grade: str
    note: str


class ExercisePublic(ExerciseSummary):
    cues: list[str]
    faults: list[FaultPublic]
    substitutes: list[ExerciseRef]
    variants: list[ExerciseRef]
    variant_of: ExerciseRef | None
    aliases: list[str]
    foot_contacts_per_rep: int | None
    evidence: EvidencePublic | None
    notes: str | None


def find_exercises(
    *,
    muscle: str | None = None,
    category: str | None = None,
    equipment: str | None = None,
    text: str | None = None,
    primary_only: bool = False,
) -> list[Exercise]:
    """Library exercises matching every filter given, in library order. ``equipment`` keeps
    exercises doable with it (and body weight); ``text`` searches names and aliases."""
    catalog = load_catalog()
    found = list(catalog.training(muscle, primary_only=primary_only) if muscle else catalog)  # type: ignore[arg-type]
    if category:
        found = [e for e in found if e.category == category]
    if equipment:
        found = [e for e in found if e.doable_with({equipment})]
    if text and text.strip():
        needle = text.strip().lower()
        found = [
            e
            for e in found
            if needle in e.name.lower()
            or needle in e.slug
            or any(needle in alias.lower() for alias in e.aliases)
        ]
    return found


def _summary(exercise: Exercise) -> ExerciseSummary:
    return ExerciseSummary(
        slug=exercise.slug,
        name=exercise.name,
        category=exercise.category,
        pattern=exercise.pattern,
        equipment=list(exercise.equipment),
        unilateral=exercise.unilateral,
        primary_muscles=list(exercise.primary_muscles),
        secondary_muscles=list(exercise.secondary_muscles),
        level=exercise.level,
    )


def _ref(slug: str) -> ExerciseRef:
    return ExerciseRef(slug=slug, name=load_catalog().get(slug).name)


@router.get("/exercises", response_model=Page[ExerciseSummary])
def exercises(
    muscle: Annotated[Muscle | None, Query(description="Trains this muscle.")] = None,
    category: Annotated[Category | None, Query()] = None,
    equipment: Annotated[Equipment | None, Query(description="Doable with this.")] = None,
    q: Annotated[str | None, Query(max_length=80, description="Name contains.")] = None,
    primary_only: Annotated[bool, Query(description="Only as a primary muscle.")] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[ExerciseSummary]:
    """The library, filtered; public."""
    found = find_exercises(
        muscle=muscle, category=category, equipment=equipment, text=q, primary_only=primary_only
    )
    items = [_summary(e) for e in found[offset : offset + limit]]
    return Page(items=items, total=len(found), limit=limit, offset=offset)


@router.get("/exercises/{slug}", response_model=ExercisePublic)
def exercise(slug: Slug) -> ExercisePublic:
    """One exercise with its cues, faults and substitutes; 404 suggests close slugs."""
    catalog = load_catalog()
    found = catalog.get(slug)
    evidence = found.evidence
    return ExercisePublic(
        **_summary(found).model_dump(),
        cues=list(found.cues),
        faults=[FaultPublic(fault=f.fault, risk=f.risk, fix=f.fix) for f in found.faults],
        substitutes=[_ref(s) for s in found.substitutes],
        variants=[ExerciseRef(slug=v.slug, name=v.name) for v in catalog.variants_of(found.slug)],
        variant_of=_ref(found.variant_of) if found.variant_of else None,
        aliases=list(found.aliases),
        foot_contacts_per_rep=found.foot_contacts_per_rep,
        evidence=EvidencePublic(grade=evidence.grade, note=evidence.note) if evidence else None,
        notes=found.notes,
    )
