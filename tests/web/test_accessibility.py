"""Accessibility basics on every page: labels on every control, one h1, a language, a skip link,
and text colours that meet WCAG AA contrast (4.5:1) against their backgrounds."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Browser, sign_up

CSS = Path(__file__).resolve().parents[2] / "src" / "runstrong" / "web" / "static" / "app.css"


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_against_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_text_colours_meet_wcag_aa() -> None:
    palette = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})", CSS.read_text()))
    pairs = [
        ("ink", "paper"), ("muted", "paper"), ("accent", "paper"), ("accent-ink", "accent"),
        ("good", "paper"), ("warn", "paper"), ("bad", "paper"), ("muted", "soft"),
        ("ink", "soft"), ("run", "paper"), ("strength", "paper"),
    ]  # fmt: skip
    for foreground, background in pairs:
        ratio = contrast(palette[foreground], palette[background])
        assert ratio >= 4.5, f"--{foreground} on --{background}: {ratio:.2f}"
    assert contrast("#ffffff", palette["ink"]) >= 4.5  # the header's links
    assert contrast(palette["ink"], "#e6f4ea") >= 4.5  # flash messages
    assert contrast(palette["ink"], "#fdecea") >= 4.5  # error messages


def _problems(html: str) -> list[str]:
    tree = lxml.html.fromstring(html)
    problems = []
    if not tree.get("lang"):
        problems.append("no lang on <html>")
    if len(tree.findall(".//h1")) != 1:
        problems.append(f"{len(tree.findall('.//h1'))} h1 elements")
    if not tree.xpath("//a[@class='skip-link'][@href='#main']"):
        problems.append("no skip link")
    labelled = {label.get("for") for label in tree.iter("label") if label.get("for")}
    for control in tree.xpath("//input|//select|//textarea"):
        if control.get("type") in ("hidden", "submit", "button"):
            continue
        named = (
            control.get("id") in labelled
            or control.get("aria-label")
            or control.get("aria-labelledby")
            or control.xpath("ancestor::label")
        )
        if not named:
            problems.append(f"unlabelled <{control.tag} name={control.get('name')!r}>")
    for image in tree.iter("img"):
        if image.get("alt") is None:
            problems.append(f"<img src={image.get('src')!r}> without alt")
    return problems


@pytest.fixture
def owner_with_plan(client: TestClient) -> Browser:
    ana = sign_up(client, "a11yana")
    race_date = (date.today() + timedelta(weeks=10)).isoformat()
    created = ana.api("POST", f"/api/v1/athletes/{ana.athlete_id}/plan",
                      json={"race": "10k", "race_date": race_date})  # fmt: skip
    assert created.status_code == 201, created.text
    return ana


def test_every_page_has_labels_one_h1_a_language_and_a_skip_link(
    client: TestClient, owner_with_plan: Browser
) -> None:
    athlete = f"/athletes/{owner_with_plan.athlete_id}"
    pages = [
        "/", "/account", athlete, f"{athlete}/log", f"{athlete}/history", f"{athlete}/import",
        f"{athlete}/plan", f"{athlete}/plan?view=month", f"{athlete}/coaching",
        f"{athlete}/settings", "/exercises", "/exercises/leg-press",
    ]  # fmt: skip
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        problems = _problems(response.text)
        if problems:
            found[url] = problems
    client.post("/logout", data={"csrf_token": owner_with_plan.csrf_token})
    for url in ("/login", "/signup"):
        problems = _problems(client.get(url).text)
        if problems:
            found[url] = problems
    assert not found, found
