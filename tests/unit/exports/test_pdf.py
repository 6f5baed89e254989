"""exports/pdf.py: the plan as a PDF that renders, with the week tables and the exercise guide."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from runstrong.domain.plan import ExercisePrescription, PlannedSession
from runstrong.errors import ValidationError
from runstrong.exports.pdf import plan_to_pdf, printable

from .conftest import make_plan


def _document(data: bytes) -> pdfium.PdfDocument:
    assert data.startswith(b"%PDF-")
    return pdfium.PdfDocument(data)


def _page_texts(data: bytes) -> list[str]:
    document = _document(data)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def _dark_fraction(page: pdfium.PdfPage) -> float:
    pixels = page.render(scale=1, grayscale=True).to_numpy()
    return float(np.mean(pixels < 128))


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return plan_to_pdf(make_plan(), "Ana Novak")


def test_renders_several_pages_and_none_is_blank(pdf_bytes: bytes) -> None:
    document = _document(pdf_bytes)
    assert len(document) >= 2
    for index in range(len(document)):
        assert _dark_fraction(document[index]) > 0.005, f"page {index + 1} looks blank"


def test_title_page_names_the_race_athlete_phases_and_evidence(pdf_bytes: bytes) -> None:
    title = " ".join(_page_texts(pdf_bytes)[0].split())
    for expected in (
        "Ljubljana 10k",
        "Training plan for Ana Novak",
        "Sunday 21 April 2024",
        "distance",
        "Phases",
        "Build",
        "48 h before key runs",
        "Evidence: expert opinion",
        "Blagrove et al. 2018",
    ):
        assert expected in title


def test_week_tables_list_days_sessions_paces_and_prescriptions(pdf_bytes: bytes) -> None:
    text = "\n".join(_page_texts(pdf_bytes))
    for expected in (
        "Week 1 · build · 25 Mar – 31 Mar 2024",
        "Week 2 · build (deload)",
        "Tue 26 Mar",
        "Intervals: 6 × 800 m @ 3:40–3:45/km, 2 min recovery between",
        "Leg Press: 4 × 6 @ 140 kg",
        "Single-Leg Leg Press: 3 × 8 per side @ RPE 7",
        "Pogo Jumps: 3 × 20 (60 foot contacts)",
        "1 h 45 min",
    ):
        assert expected in text


def test_exercise_guide_has_muscles_cues_and_faults_from_the_library(pdf_bytes: bytes) -> None:
    text = " ".join("\n".join(_page_texts(pdf_bytes)).split())
    assert "Exercise guide" in text
    assert "Muscles: quadriceps, glutes (also adductors, hamstrings)" in text
    assert "Feet flat on the platform, hip width apart." in text  # a leg press cue
    assert "Faults to avoid" in text
    assert "Locking the knees out at the top." in text
    assert "Front Plank" in text and "Pogo Jumps" in text


def test_imperial_units_show_paces_per_mile() -> None:
    text = "\n".join(_page_texts(plan_to_pdf(make_plan(), "Ana", units="imperial")))
    assert "/mi" in text and "/km" not in text
    assert "309 lb" in text


def test_a_plan_without_sessions_says_so() -> None:
    data = plan_to_pdf(make_plan(sessions=False), "Ana Novak")
    document = _document(data)
    assert len(document) == 1
    assert "no sessions" in _page_texts(data)[0]
    assert _dark_fraction(document[0]) > 0.005


def test_exercises_missing_from_the_library_still_print() -> None:
    plan = make_plan(weeks=1)
    odd = PlannedSession(
        date(2024, 3, 29),
        "strength",
        "Gym",
        exercises=(ExercisePrescription("reverse-nordic", sets=2, reps=5),),
    )
    text = "\n".join(_page_texts(plan_to_pdf(replace(plan, sessions=(odd,)), "Ana")))
    assert "Reverse nordic: 2 × 5" in text
    assert "Not in the exercise library" in text


def test_text_outside_the_core_fonts_is_replaced_not_refused() -> None:
    plan = make_plan(weeks=1)
    session = replace(plan.sessions[2], title="Lahki tek ≥ 45′ 🏃 čez Šmarno goro")
    data = plan_to_pdf(replace(plan, sessions=(session,)), "Łucja Čop")
    text = " ".join(" ".join(_page_texts(data)).split())
    assert "Lahki tek >= 45' ? cez Šmarno goro" in text
    assert "Lucja Cop" in text


def test_printable_keeps_windows_1252_and_replaces_the_rest() -> None:
    assert printable("4 × 6 – 20 °C • café") == "4 × 6 – 20 °C • café"
    assert printable("≥ ≤ − ′ ″ →") == ">= <= - ' \" ->"
    assert printable("Đorđe Łódź 中") == "Dorde Lódz ?"  # ó is in Windows-1252


def test_a_long_plan_breaks_tables_across_pages() -> None:
    data = plan_to_pdf(make_plan(weeks=16), "Ana")
    document = _document(data)
    assert len(document) >= 8
    text = "\n".join(_page_texts(data))
    assert "Week 16" in text
    assert text.count("Leg Press: 4 × 6 @ 140 kg") == 16


def test_unknown_units_are_refused() -> None:
    with pytest.raises(ValidationError, match="unknown units"):
        plan_to_pdf(make_plan(), "Ana", units="stone")


def test_pages_render_to_png(pdf_bytes: bytes, tmp_path: Path) -> None:
    document = _document(pdf_bytes)
    for index in (0, 1):
        path = tmp_path / f"page{index + 1}.png"
        document[index].render(scale=1.5).to_pil().save(path)
        assert path.read_bytes().startswith(b"\x89PNG")
