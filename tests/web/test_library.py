"""The exercise library, as pages and as JSON: public, filterable, each exercise with its
muscles, cues, faults and substitutes; unknown filters and slugs answered clearly."""

from __future__ import annotations

from html.parser import HTMLParser

from fastapi.testclient import TestClient

from runstrong.library import load_catalog
from tests.web.conftest import sign_up


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "label" and values.get("for"):
            self.labelled.add(values["for"] or "")
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append(values)


def test_library_page_is_public_and_lists_every_exercise(client: TestClient) -> None:
    page = client.get("/exercises")
    assert page.status_code == 200
    catalog = load_catalog()
    assert f"{len(catalog)} exercises." in page.text
    for exercise in catalog:
        assert f'href="/exercises/{exercise.slug}"' in page.text
    parser = _Controls()
    parser.feed(page.text)
    assert all(c.get("id") in parser.labelled for c in parser.controls)
    assert 'href="/login"' in page.text, "a visitor sees the sign-in link"


def test_library_page_filters_by_muscle_kind_equipment_and_name(client: TestClient) -> None:
    catalog = load_catalog()
    calves = client.get("/exercises", params={"muscle": "calves"})
    expected = catalog.training("calves")
    assert f"{len(expected)} exercises match." in calves.text
    for exercise in catalog:
        shown = f'href="/exercises/{exercise.slug}"' in calves.text
        assert shown == (exercise in expected), exercise.slug
    assert '<option value="calves" selected>' in calves.text
    plyo = client.get("/exercises", params={"category": "plyometric", "equipment": "bodyweight"})
    for exercise in catalog:
        wanted = exercise.category == "plyometric" and exercise.doable_with({"bodyweight"})
        assert (f'href="/exercises/{exercise.slug}"' in plyo.text) == wanted, exercise.slug
    named = client.get("/exercises", params={"q": "nordic"})
    assert 'href="/exercises/nordic-hamstring-curl"' in named.text
    assert 'href="/exercises/leg-press"' not in named.text
    nothing = client.get("/exercises", params={"q": "underwater basket weaving"})
    assert "No exercise matches" in nothing.text


def test_library_page_refuses_an_unknown_filter_clearly(client: TestClient) -> None:
    page = client.get("/exercises", params={"muscle": "biceps"})
    assert page.status_code == 422
    assert "unknown muscle &#39;biceps&#39;" in page.text
    assert 'href="/exercises/leg-press"' in page.text, "the whole library is still shown"


def test_exercise_page_shows_muscles_cues_faults_and_substitutes(client: TestClient) -> None:
    exercise = load_catalog().get("leg-press")
    page = client.get("/exercises/leg-press")
    assert page.status_code == 200
    assert f'<h1 id="exercise-name">{exercise.name}</h1>' in page.text
    assert 'id="cues"' in page.text and 'id="faults"' in page.text
    html = page.text.replace("&#39;", "'").replace("&#34;", '"')
    for cue in exercise.cues:
        assert cue in html
    for fault in exercise.faults:
        assert fault.fix in html
    for slug in exercise.substitutes:
        assert f'href="/exercises/{slug}"' in page.text
    assert "quadriceps" in page.text


def test_unknown_exercise_page_suggests_close_slugs(client: TestClient) -> None:
    page = client.get("/exercises/leg-pres")
    assert page.status_code == 404
    assert "did you mean" in page.text and "leg-press" in page.text


def test_signed_in_visitor_keeps_the_nav(client: TestClient) -> None:
    sign_up(client, "lena")
    page = client.get("/exercises/calf-press")
    assert page.status_code == 200 and "lena" in page.text and "Sign out" in page.text


def test_api_lists_pages_and_filters_without_sign_in(client: TestClient) -> None:
    catalog = load_catalog()
    everything = client.get("/api/v1/exercises", params={"limit": 500}).json()
    assert everything["total"] == len(catalog) == len(everything["items"])
    page = client.get("/api/v1/exercises", params={"limit": 10, "offset": 50}).json()
    assert (page["total"], page["limit"], page["offset"]) == (len(catalog), 10, 50)
    assert [i["slug"] for i in page["items"]] == [e.slug for e in list(catalog)[50:60]]
    calves = client.get("/api/v1/exercises", params={"muscle": "calves", "primary_only": True})
    slugs = {i["slug"] for i in calves.json()["items"]}
    assert slugs == {e.slug for e in catalog.training("calves", primary_only=True)}
    core = client.get("/api/v1/exercises", params={"category": "core"}).json()
    assert core["items"] and all(i["category"] == "core" for i in core["items"])


def test_api_refuses_bad_filters_with_a_json_error(client: TestClient) -> None:
    for params in (
        {"muscle": "biceps"},
        {"category": "yoga"},
        {"equipment": "spaceship"},
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"q": "x" * 81},
    ):
        response = client.get("/api/v1/exercises", params=params)
        assert response.status_code == 422, params
        error = response.json()["error"]
        assert error["code"] == "invalid_input" and error["message"], params
    message = client.get("/api/v1/exercises?muscle=biceps").json()["error"]["message"]
    assert message.startswith("muscle:") and "quadriceps" in message


def test_api_one_exercise_and_an_unknown_one(client: TestClient) -> None:
    exercise = load_catalog().get("single-leg-leg-press")
    body = client.get("/api/v1/exercises/single-leg-leg-press").json()
    assert body["name"] == exercise.name and body["unilateral"] is True
    assert body["cues"] == list(exercise.cues)
    assert [f["fault"] for f in body["faults"]] == [f.fault for f in exercise.faults]
    assert [s["slug"] for s in body["substitutes"]] == list(exercise.substitutes)
    if exercise.variant_of:
        assert body["variant_of"]["slug"] == exercise.variant_of
    missing = client.get("/api/v1/exercises/moon-squat")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert "moon-squat" in missing.json()["error"]["message"]
