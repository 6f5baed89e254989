"""Behaviour of runstrong.library.catalog: look-ups, matching, substitutes, variants."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

import runstrong.library
from runstrong.errors import NotFound, ValidationError
from runstrong.library import Catalog, Exercise, load_catalog


def test_public_api_is_pinned() -> None:
    assert sorted(runstrong.library.__all__) == sorted(
        [
            "CATEGORIES",
            "EQUIPMENT",
            "GRADES",
            "LEVELS",
            "MUSCLES",
            "PATTERNS",
            "Catalog",
            "Category",
            "Equipment",
            "Evidence",
            "Exercise",
            "Fault",
            "Grade",
            "Level",
            "Muscle",
            "Pattern",
            "load_catalog",
        ]
    )


def test_default_catalog_is_loaded_once() -> None:
    assert load_catalog() is load_catalog()


def test_exercises_are_immutable(catalog: Catalog) -> None:
    exercise = catalog.get("leg-press")
    with pytest.raises(dataclasses.FrozenInstanceError):
        exercise.name = "Squat"  # type: ignore[misc]
    assert isinstance(exercise.cues, tuple) and isinstance(exercise.faults, tuple)


def test_get_returns_the_exercise(catalog: Catalog) -> None:
    assert catalog.get("calf-press").name == "Calf Press on the Leg Press"
    assert "calf-press" in catalog and "calf-raise-press" not in catalog


def test_get_unknown_slug_suggests_close_slugs(catalog: Catalog) -> None:
    with pytest.raises(NotFound, match=r"No exercise 'leg-pres'.*did you mean 'leg-press'"):
        catalog.get("leg-pres")


def test_get_with_a_display_name_suggests_its_slug(catalog: Catalog) -> None:
    with pytest.raises(NotFound, match=r"did you mean 'bulgarian-split-squat'\?"):
        catalog.get("Bulgarian Split Squat")


def test_not_found_is_a_lookup_error(catalog: Catalog) -> None:
    with pytest.raises(LookupError):
        catalog.get("zercher-squat")


def test_len_iter_and_categories_agree(catalog: Catalog) -> None:
    counts = {c: len(catalog.by_category(c)) for c in runstrong.library.CATEGORIES}
    assert sum(counts.values()) == len(catalog) == len(list(catalog))
    assert all(e.category == "drill" for e in catalog.by_category("drill"))


def test_by_category_rejects_unknown_category(catalog: Catalog) -> None:
    with pytest.raises(ValidationError, match=r"Unknown category 'plyo'"):
        catalog.by_category("plyo")  # type: ignore[arg-type]


def test_training_uses_primary_and_secondary_muscles(catalog: Catalog) -> None:
    calves = {e.slug for e in catalog.training("calves")}
    assert {"calf-press", "standing-calf-raise", "box-jump"} <= calves
    assert "leg-press" not in calves
    hamstrings_primary = {e.slug for e in catalog.training("hamstrings", primary_only=True)}
    assert "nordic-hamstring-curl" in hamstrings_primary
    assert "leg-press" not in hamstrings_primary
    assert "leg-press" in {e.slug for e in catalog.training("hamstrings")}


def test_training_rejects_unknown_muscle(catalog: Catalog) -> None:
    with pytest.raises(ValidationError, match=r"Unknown muscle 'quads'"):
        catalog.training("quads")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    ["leg press (machine)", "LEG PRESS MACHINE", "  Leg   Press  ", "leg-press", "Leg_Press"],
)
def test_match_ignores_case_spacing_and_punctuation(catalog: Catalog, name: str) -> None:
    exercise = catalog.match(name)
    assert exercise is not None and exercise.slug == "leg-press"


def test_match_handles_apostrophes_and_accents(catalog: Catalog) -> None:
    carry = catalog.match("Single Arm Farmer\u2019s Carry")
    assert carry is not None and carry.slug == "suitcase-carry"
    assert catalog.match("Lég Préss") is catalog.get("leg-press")


@pytest.mark.parametrize("name", ["Bench Press (Barbell)", "", "Press"])
def test_match_returns_none_for_unknown_names(catalog: Catalog, name: str) -> None:
    assert catalog.match(name) is None


_LABELS = [
    (exercise.slug, label)
    for exercise in load_catalog()
    for label in (exercise.slug, exercise.name, *exercise.aliases)
]


@given(
    pair=st.sampled_from(_LABELS),
    upper=st.lists(st.booleans(), min_size=60, max_size=60),
    separator=st.sampled_from([" ", "  ", "-", "_", " / ", "."]),
)
def test_every_name_and_alias_matches_in_any_case(
    pair: tuple[str, str], upper: list[bool], separator: str
) -> None:
    slug, label = pair
    mangled = "".join(c.upper() if u else c.lower() for c, u in zip(label, upper, strict=False))
    mangled += label[len(upper) :]
    mangled = mangled.replace(" ", separator)
    exercise = load_catalog().match(mangled)
    assert exercise is not None and exercise.slug == slug


def test_substitutes_for_keeps_library_order(catalog: Catalog) -> None:
    slugs = [e.slug for e in catalog.substitutes_for("leg-press")]
    assert slugs == list(catalog.get("leg-press").substitutes)


def test_substitutes_for_bodyweight_only_excludes_equipment(catalog: Catalog) -> None:
    substitutes = catalog.substitutes_for("leg-press", {"bodyweight"})
    assert substitutes, "the leg press needs at least one bodyweight substitute"
    assert all(s.equipment == ("bodyweight",) for s in substitutes)
    assert "back-squat" not in {s.slug for s in substitutes}


def test_substitutes_for_with_a_barbell_and_rack(catalog: Catalog) -> None:
    slugs = {e.slug for e in catalog.substitutes_for("leg-press", ["barbell", "squat-rack"])}
    assert "back-squat" in slugs
    assert "goblet-squat" not in slugs


def test_substitutes_for_rejects_unknown_equipment(catalog: Catalog) -> None:
    with pytest.raises(ValidationError, match=r"Unknown equipment 'dumbell'.*'dumbbell'"):
        catalog.substitutes_for("leg-press", {"dumbell"})


def test_substitutes_for_unknown_slug(catalog: Catalog) -> None:
    with pytest.raises(NotFound):
        catalog.substitutes_for("hack-squat")


def test_variants_of(catalog: Catalog) -> None:
    assert {e.slug for e in catalog.variants_of("split-squat")} == {"bulgarian-split-squat"}
    assert catalog.variants_of("tibialis-raise") == ()
    with pytest.raises(NotFound):
        catalog.variants_of("hack-squat")


def test_doable_with_treats_bodyweight_as_always_available(catalog: Catalog) -> None:
    assert catalog.get("split-squat").doable_with(set())
    assert not catalog.get("leg-press").doable_with({"bodyweight", "dumbbell"})
    assert catalog.get("hip-thrust").doable_with({"barbell", "bench"})
    assert not catalog.get("hip-thrust").doable_with({"barbell"})


def _exercise(slug: str, **changes: object) -> Exercise:
    base = Exercise(
        slug=slug,
        name=slug.replace("-", " ").title(),
        category="strength",
        pattern="knee-dominant",
        equipment=("bodyweight",),
        unilateral=False,
        primary_muscles=("quadriceps",),
        cues=("Stand tall.", "Knees over toes."),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_catalog_built_in_code_is_validated_too() -> None:
    catalog = Catalog(
        [_exercise("split-squat"), _exercise("step-up", substitutes=("split-squat",))]
    )
    assert len(catalog) == 2
    with pytest.raises(ValidationError, match=r"'step-up', field 'slug'"):
        Catalog([_exercise("step-up"), _exercise("step-up", name="Other")])
    with pytest.raises(ValidationError, match=r"field 'foot_contacts_per_rep'"):
        Catalog([_exercise("box-jump", category="plyometric")])
