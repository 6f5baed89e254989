"""Pages: the exercise library (public): a filterable list, and each exercise with its muscles,
coaching cues, common faults and substitutes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from runstrong.errors import ValidationError
from runstrong.library import CATEGORIES, EQUIPMENT, MUSCLES, load_catalog
from runstrong.services.access import visible_athletes
from runstrong.web.api.exercises import find_exercises
from runstrong.web.deps import MaybePrincipal, StoreDep
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _choice(label: str, value: str, allowed: tuple[str, ...]) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise ValidationError(f"unknown {label} {value!r}: choose one from the list")
    return value


@router.get("/exercises", response_class=HTMLResponse)
def exercises_page(
    request: Request,
    principal: MaybePrincipal,
    muscle: Annotated[str, Query(max_length=40)] = "",
    category: Annotated[str, Query(max_length=40)] = "",
    equipment: Annotated[str, Query(max_length=40)] = "",
    q: Annotated[str, Query(max_length=80)] = "",
) -> Response:
    context: dict[str, object] = {
        "muscles": MUSCLES,
        "categories": CATEGORIES,
        "equipment_options": EQUIPMENT,
        "chosen": {"muscle": muscle, "category": category, "equipment": equipment, "q": q},
    }
    status = 200
    try:
        found = find_exercises(
            muscle=_choice("muscle", muscle, MUSCLES),
            category=_choice("category", category, CATEGORIES),
            equipment=_choice("equipment", equipment, EQUIPMENT),
            text=q,
        )
    except ValidationError as exc:
        found, status = list(load_catalog()), 422
        context["error"] = str(exc)
    context["exercises"] = found
    context["filtered"] = any((muscle, category, equipment, q)) and status == 200
    return render(request, "exercises.html", context, status_code=status)


@router.get("/exercises/{slug}", response_class=HTMLResponse)
def exercise_page(
    request: Request,
    principal: MaybePrincipal,
    store: StoreDep,
    slug: Annotated[str, Path(min_length=1, max_length=120)],
) -> Response:
    catalog = load_catalog()
    exercise = catalog.get(slug)
    context = {
        "history_links": [
            (athlete_id, name)
            for athlete_id, name, _ in (
                visible_athletes(store, principal.user) if principal is not None else []
            )
        ],
        "exercise": exercise,
        "substitutes": [catalog.get(s) for s in exercise.substitutes],
        "variants": catalog.variants_of(exercise.slug),
        "parent": catalog.get(exercise.variant_of) if exercise.variant_of else None,
    }
    return render(request, "exercise.html", context)
