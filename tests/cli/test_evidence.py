"""``runstrong evidence``: the human output, ``--json``, the ``--html`` page, and bad input.

The demo is seeded once for the module (``seed_demo`` on 2026-11-25, analysed up to 2026-11-24).
Every error is one line on stderr with exit code 2 and writes nothing: no HTML file, no rows, and
for input checked before the store is opened, not even a database file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from runstrong.services.demo import seed_demo
from runstrong.store import open_store
from tests.cli.helpers import Invoke, assert_one_line_error, row_counts

DEMO_TODAY = date(2026, 11, 25)
AS_OF = "2026-11-24"
VERDICTS = {"improved", "worse", "no clear relation", "cannot tell"}
GRADES = {"strong", "moderate", "weak", "expert opinion"}
JSON_KEYS = {
    "athlete",
    "first_week",
    "weeks",
    "marker",
    "marker_method",
    "exposure",
    "verdict",
    "summary",
    "reasons",
    "confounders",
    "caveat",
    "advice",
    "lag_weeks",
    "contrast",
    "per_unit",
    "for_contrast",
    "percent_of_mean",
    "p_value",
    "n_weeks",
    "n_weeks_with_strength",
    "published",
    "readiness_choices",
}
INTERVAL_KEYS = {"estimate", "low", "high"}
PUBLISHED_KEYS = {"statement", "grade", "source", "year"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_BOX = re.compile(r"[\u2500-\u257f]")  # rich's panel and table borders


def _evidence(*args: str) -> Result:
    return CliRunner().invoke(app, ["evidence", *args])


def _flat(text: str) -> str:
    """Console output with borders removed and whitespace collapsed, so wrapped text reads on."""
    return " ".join(_BOX.sub(" ", text).split())


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@dataclass(frozen=True)
class DemoRuns:
    url: str
    human: Result
    payload: dict[str, Any]
    html_run: Result
    html_path: Path


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoRuns]:
    """The demo seeded once; the command run once each: human, ``--json`` and ``--html``."""
    folder = tmp_path_factory.mktemp("evidence-cli")
    url = f"sqlite:///{folder / 'demo.db'}"
    store = open_store(url)
    try:
        seed_demo(store, today=DEMO_TODAY)
    finally:
        store.dispose()
    human = _evidence("--db", url, "--date", AS_OF)
    as_json = _evidence("--db", url, "--date", AS_OF, "--json")
    assert as_json.exit_code == 0, as_json.stderr
    html_path = folder / "evidence.html"
    html_run = _evidence("--db", url, "--date", AS_OF, "--html", str(html_path))
    yield DemoRuns(url, human, _strict_json(as_json.stdout), html_run, html_path)


# --- the demo -----------------------------------------------------------------------------------


def test_human_output_shows_verdict_confounders_and_published_table(demo: DemoRuns) -> None:
    result = demo.human
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    payload = demo.payload
    out, flat = result.stdout, _flat(result.stdout)
    assert f"Demo Runner: {payload['verdict']}" in out
    assert payload["summary"] in flat
    assert payload["caveat"] in flat
    assert "What could confound it" in out
    for confounder in payload["confounders"]:
        assert confounder in flat
    assert "What the published research found" in out
    assert re.search(r"finding\s*.\s*evidence\s*.\s*source", out)
    for finding in payload["published"]:
        assert finding["grade"] in out
        assert finding["source"].split()[0] in out
    if payload["advice"]:
        assert "What to log for a clearer answer" in out
    else:
        assert "What to log" not in out


def test_json_has_the_documented_keys(demo: DemoRuns) -> None:
    payload = demo.payload
    assert set(payload) == JSON_KEYS
    assert payload["athlete"] == "Demo Runner"
    assert payload["first_week"] == "2025-11-24"
    assert payload["weeks"] == 53
    assert payload["marker"] == "efficiency"
    assert payload["exposure"] == "sessions"
    assert payload["verdict"] in VERDICTS
    assert payload["lag_weeks"] == [2, 8]
    assert payload["contrast"] == 2.0
    assert 0 < payload["n_weeks"] <= payload["weeks"] - 8
    assert payload["n_weeks_with_strength"] > 0
    assert payload["summary"].endswith(payload["caveat"])
    assert len(payload["confounders"]) >= 5
    for key in ("reasons", "confounders", "advice"):
        assert all(isinstance(item, str) and item for item in payload[key])
    if payload["verdict"] != "cannot tell":
        for key in ("per_unit", "for_contrast", "percent_of_mean"):
            assert set(payload[key]) == INTERVAL_KEYS
            assert payload[key]["low"] <= payload[key]["estimate"] <= payload[key]["high"]
        assert 0 <= payload["p_value"] <= 1
        assert payload["reasons"] == [] and payload["advice"] == []
    assert payload["readiness_choices"] == {"count": 0, "actions": {}, "signals": {}}
    assert len(payload["published"]) >= 3
    for finding in payload["published"]:
        assert set(finding) == PUBLISHED_KEYS
        assert finding["grade"] in GRADES
        assert finding["year"] is None or 1950 <= finding["year"] <= 2100


def test_html_page_is_self_contained_and_accessible(demo: DemoRuns) -> None:
    result = demo.html_run
    assert result.exit_code == 0, result.stderr
    assert f"Wrote the HTML report: {demo.html_path}" in _flat(result.stdout)
    html = demo.html_path.read_text(encoding="utf-8")
    payload = demo.payload
    assert html.lower().startswith("<!doctype html>")
    assert re.search(r"<html[^>]*\blang=\"en\"", html)
    assert '<meta charset="utf-8">' in html
    for banned in ("<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url("):
        assert banned not in html.lower(), banned
    assert not re.search(r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", html, re.IGNORECASE)
    # The only absolute URL is the SVG namespace, which is a name, not something fetched.
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {SVG_NAMESPACE}
    charts = re.findall(r"<svg\b[^>]*>.*?</svg>", html, re.DOTALL)
    assert len(charts) == 5
    for chart in charts:
        assert 'role="img"' in chart
        label = re.search(r'aria-label="([^"]+)"', chart)
        title = re.search(r"<title>([^<]+)</title>", chart)
        assert label and title and label.group(1) == title.group(1)
    assert f"Your data: {payload['verdict']}" in html
    assert "What the published research found" in html
    for finding in payload["published"]:
        assert f"<td>{finding['grade']}</td>" in html
    assert f'<p class="caveat">{payload["caveat"]}</p>' in html
    if payload["verdict"] != "cannot tell":
        assert "95 % interval" in html


def test_html_with_json_writes_the_page_and_prints_only_json(
    demo: DemoRuns, tmp_path: Path
) -> None:
    target = tmp_path / "page.html"
    result = _evidence("--db", demo.url, "--date", AS_OF, "--json", "--html", str(target))
    assert result.exit_code == 0, result.stderr
    assert _strict_json(result.stdout)["verdict"] == demo.payload["verdict"]
    assert target.read_text(encoding="utf-8") == demo.html_path.read_text(encoding="utf-8")


def test_vdot_marker_cannot_tell_and_says_what_to_log(demo: DemoRuns) -> None:
    result = _evidence("--db", demo.url, "--date", AS_OF, "--marker", "vdot")
    assert result.exit_code == 0, result.stderr
    out, flat = result.stdout, _flat(result.stdout)
    assert "Demo Runner: cannot tell" in out
    assert "What to log for a clearer answer" in out
    assert "Log races and all-out time trials" in flat
    assert "at least 12–16 weeks" in flat


def test_hard_sets_exposure(demo: DemoRuns) -> None:
    payload = _strict_json(
        _evidence("--db", demo.url, "--date", AS_OF, "--exposure", "hard_sets", "--json").stdout
    )
    assert payload["exposure"] == "hard_sets"
    assert payload["contrast"] == 12.0
    assert payload["verdict"] in VERDICTS
    assert "12 hard lower-body sets a week" in payload["summary"]


def test_reading_the_evidence_writes_no_rows(demo: DemoRuns) -> None:
    before = row_counts(demo.url)
    assert _evidence("--db", demo.url, "--date", AS_OF, "--json").exit_code == 0
    assert row_counts(demo.url) == before


def test_no_text_claims_causation(demo: DemoRuns) -> None:
    caveat = demo.payload["caveat"]
    assert "not that strength work caused it" in caveat
    texts = [
        _flat(demo.human.stdout),
        demo.html_path.read_text(encoding="utf-8").replace("&#x27;", "'"),
        json.dumps(demo.payload, ensure_ascii=False),
    ]
    for text in texts:
        assert caveat in text
        assert re.findall(r"\bcaus\w*", text.replace(caveat, ""), re.IGNORECASE) == []


def test_html_renders_in_chromium(demo: DemoRuns) -> None:
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="playwright is not importable in this environment (the tests install nothing), "
        "so the page is not rendered in Chromium",
    )
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: the page is not rendered in Chromium")
    page_url = demo.html_path.as_uri()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 900, "height": 1200})
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(page_url)
            assert requested == [page_url]  # nothing fetched besides the page itself
            assert page.locator("svg[role=img]").count() == 5
            assert page.locator("html").get_attribute("lang") == "en"
            assert demo.payload["verdict"] in page.inner_text("p.verdict")
            box = page.locator("svg").first.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 50
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "evidence.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "evidence.png").stat().st_size > 0


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--marker", "pace"), "unknown marker 'pace': use efficiency or vdot"),
        (("--exposure", "reps"), "unknown exposure 'reps': use sessions or hard_sets"),
        (("--date", "2026-13-01"), "invalid date '2026-13-01': use YYYY-MM-DD"),
        (("--date", "24/11/2026"), "invalid date '24/11/2026'"),
        (("--date", "2020-01-01"), "Demo Runner has no sessions on or before 2020-01-01"),
        (("--athlete", "Nobody"), "no athlete named 'Nobody' (known: Demo Runner)"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    demo: DemoRuns, tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    before = row_counts(demo.url)
    target = tmp_path / "out.html"
    result = _evidence("--db", demo.url, "--html", str(target), *args)
    assert_one_line_error(result, fragment)
    assert not target.exists()
    assert row_counts(demo.url) == before


@pytest.mark.parametrize(
    "args",
    [
        ("--marker", "pace"),
        ("--exposure", "reps"),
        ("--date", "yesterday"),
        ("--html", "{missing}/out.html"),
    ],
)
def test_input_checked_before_opening_the_store_creates_no_database(
    invoke: Invoke, tmp_path: Path, args: tuple[str, ...]
) -> None:
    database = tmp_path / "never.db"
    args = tuple(arg.format(missing=tmp_path / "missing") for arg in args)
    result = invoke("evidence", "--db", f"sqlite:///{database}", *args)
    assert_one_line_error(result)
    assert not database.exists()
    assert not (tmp_path / "missing").exists()


def test_html_into_a_missing_folder(demo: DemoRuns, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "evidence.html"
    line = assert_one_line_error(
        _evidence("--db", demo.url, "--date", AS_OF, "--html", str(target)), "does not exist"
    )
    assert str(target.parent) in line
    assert not (tmp_path / "no").exists()


def test_athlete_with_no_sessions(cli: Invoke, db_url: str, ana: str, tmp_path: Path) -> None:
    before = row_counts(db_url)
    target = tmp_path / "ana.html"
    result = cli("evidence", "--athlete", ana, "--html", str(target), "--date", AS_OF)
    assert_one_line_error(
        result, f"Ana has no sessions on or before {AS_OF}: log or import some first"
    )
    assert not target.exists()
    assert row_counts(db_url) == before


def test_no_athletes_at_all(cli: Invoke) -> None:
    assert_one_line_error(cli("evidence"), "no athletes yet")


def test_html_onto_a_folder_is_one_line_error(demo: DemoRuns, tmp_path: Path) -> None:
    result = _evidence("--db", demo.url, "--date", AS_OF, "--html", str(tmp_path))
    assert_one_line_error(result, str(tmp_path))
