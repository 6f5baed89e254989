"""A training plan as a printable PDF (A4): title page, week-by-week tables, exercise guide.

The title page names the race, its date and distance, the event focus and the phases, and lists
the evidence behind the advice the plan's structure states (``plan_evidence.toml``). Then one
table per week (day, session, details: workout steps with paces, or sets × reps × load or RPE
and foot contacts), and an exercise guide: for each strength exercise a box with its muscles,
form cues and the faults to avoid, from the exercise library.

Text is set in the PDF core font Helvetica, which every reader has and which keeps the file small
(no embedded font). Core fonts cover Windows-1252 only, so text is passed through
:func:`printable`: ``–``, ``×``, ``°``, ``•`` and accented Latin letters print as they are;
``≥`` becomes ``>=``, a prime ``′`` an apostrophe, other letters lose their accents, and anything
left becomes ``?``.

>>> from datetime import date
>>> from runstrong.domain.plan import AthleteBaseline, Plan, PlanRequest
>>> request = PlanRequest("Ljubljana 10k", 10_000, date(2024, 10, 27), date(2024, 9, 2),
...                       "distance")
>>> plan_to_pdf(Plan(request, AthleteBaseline(), (), ()), "Ana")[:5]
b'%PDF-'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Final

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from runstrong.domain.models import UnitSystem
from runstrong.domain.plan import Plan, PlannedSession, PlanWeek, week_spans
from runstrong.domain.units import format_distance
from runstrong.exports._plan_text import (
    check_units,
    exercise_for,
    exercise_name,
    plan_evidence,
    planned_duration_text,
    session_lines,
)
from runstrong.library import Exercise

__all__ = ["plan_to_pdf", "printable"]

_FONT: Final = "helvetica"
_ENCODING: Final = "cp1252"
_ACCENT: Final = (30, 70, 120)
_SHADE: Final = (228, 234, 242)
_LINE_MM: Final = 5.0
_REPLACEMENTS: Final = str.maketrans(
    {
        "≥": ">=",
        "≤": "<=",
        "≈": "~",
        "′": "'",
        "″": '"',
        "→": "->",
        "←": "<-",
        "−": "-",
        "‑": "-",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def printable(text: str) -> str:
    """``text`` in the characters the PDF core fonts have (Windows-1252).

    >>> printable("4 × 6 @ RPE 7 – ≥ 48 h, 20′, Ščitnik, Łódź, 😀")
    "4 × 6 @ RPE 7 – >= 48 h, 20', Šcitnik, Lódz, ?"
    """
    out = []
    for char in text.translate(_REPLACEMENTS):
        if _encodable(char):
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if _encodable(c))
        out.append(base or _BASE_LETTERS.get(char, "?"))
    return "".join(out)


_BASE_LETTERS: Final = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ß": "ss", "Ø": "O", "ø": "o"}


def _encodable(char: str) -> bool:
    try:
        char.encode(_ENCODING)
    except UnicodeEncodeError:
        return False
    return not unicodedata.combining(char)


def plan_to_pdf(plan: Plan, athlete_name: str, units: str = "metric") -> bytes:
    """The plan as a PDF document (bytes).

    A plan without sessions gives a one-page PDF that says so.

    Raises
    ------
    ValidationError
        For an unknown unit system.
    """
    unit_system = check_units(units)
    request = plan.request
    pdf = _PlanPdf(f"{request.race_label} – plan for {athlete_name}")
    pdf.set_title(printable(f"{request.race_label}: training plan for {athlete_name}"))
    pdf.set_author(printable(athlete_name))
    pdf.set_creator("runstrong")
    _title_page(pdf, plan, athlete_name, unit_system)
    if plan.sessions:
        _week_pages(pdf, plan, unit_system)
        _exercise_guide(pdf, plan)
    return bytes(pdf.output())


class _PlanPdf(FPDF):
    """A4 portrait, core fonts in Windows-1252, a footer with the plan's name and page."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.core_fonts_encoding = _ENCODING
        self._footer_text = printable(footer_text)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 5, f"{self._footer_text}  ·  page {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)

    def heading(self, text: str, size: float = 16) -> None:
        self.set_font(_FONT, "B", size)
        self.set_text_color(*_ACCENT)
        self.multi_cell(
            0, size * 0.5, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_text_color(0)
        self.ln(2)

    def para(self, text: str, size: float = 10, style: str = "") -> None:
        self.set_font(_FONT, style, size)
        self.multi_cell(
            0, _LINE_MM, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def bullet(self, text: str, size: float = 10) -> None:
        self.set_font(_FONT, "", size)
        self.cell(4, _LINE_MM, "•")
        self.multi_cell(
            0, _LINE_MM, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _span(first: date, last: date) -> str:
    return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"


def _title_page(pdf: _PlanPdf, plan: Plan, athlete_name: str, units: UnitSystem) -> None:
    request = plan.request
    pdf.ln(20)
    pdf.heading(request.race_label, size=28)
    pdf.para(f"Training plan for {athlete_name}", size=14)
    pdf.ln(6)
    runs = sum(1 for s in plan.sessions if s.kind == "run")
    facts = [
        ("Race", f"{request.race_label}, {format_distance(request.race_distance_m, units)}"),
        ("Race date", f"{request.race_date:%A} {request.race_date.day} {request.race_date:%B %Y}"),
        ("Plan starts", f"{request.start_date.day} {request.start_date:%B %Y}"),
        ("Event focus", request.focus),
        ("Weeks", str(len(plan.weeks))),
        ("Sessions", f"{runs} runs, {len(plan.sessions) - runs} strength"),
    ]
    pdf.set_font(_FONT, size=11)
    with pdf.table(
        col_widths=(1, 3), width=150, align="LEFT", text_align="LEFT", first_row_as_headings=False
    ) as table:
        for label, value in facts:
            row = table.row()
            row.cell(label, style=FontFace(emphasis="BOLD", fill_color=_SHADE))
            row.cell(printable(value))
    pdf.ln(6)
    if plan.weeks:
        pdf.heading("Phases", size=14)
        pdf.set_font(_FONT, size=10)
        with pdf.table(
            col_widths=(1, 1, 2, 2),
            width=150,
            align="LEFT",
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD", fill_color=_SHADE),
        ) as table:
            table.row(["Phase", "Weeks", "Dates", "Deload weeks"])
            for phase, weeks in _phases(plan.weeks):
                deloads = ", ".join(str(w.index + 1) for w in weeks if w.deload) or "–"
                end = weeks[-1].start + timedelta(days=6)
                table.row(
                    [
                        phase.capitalize(),
                        f"{weeks[0].index + 1}–{weeks[-1].index + 1}",
                        printable(_span(weeks[0].start, end)),
                        deloads,
                    ]
                )
        pdf.ln(6)
    if not plan.sessions:
        pdf.para("This plan has no sessions yet: there is nothing to print week by week.", 12, "B")
        return
    notes = plan_evidence(plan)
    if notes:
        pdf.heading("Why the plan looks like this", size=14)
        for note in notes:
            pdf.bullet(f"{note.advice} Evidence: {note.grade}. {note.source}")
            pdf.ln(1)


def _phases(weeks: tuple[PlanWeek, ...]) -> Iterator[tuple[str, list[PlanWeek]]]:
    """Runs of consecutive weeks in the same phase."""
    run: list[PlanWeek] = []
    for week in sorted(weeks, key=lambda w: w.index):
        if run and week.phase != run[-1].phase:
            yield run[-1].phase, run
            run = []
        run.append(week)
    if run:
        yield run[-1].phase, run


def _week_groups(plan: Plan) -> Iterator[tuple[str, list[PlannedSession]]]:
    """Each week's heading and sessions by day; sessions outside every week come last."""
    sessions = sorted(plan.sessions, key=lambda s: (s.day, s.slot != "am"))
    placed: set[int] = set()
    for week, start, end in week_spans(plan):
        members = [i for i, s in enumerate(sessions) if start <= s.day <= end]
        placed.update(members)
        label = f"Week {week.index + 1} · {week.phase}{' (deload)' if week.deload else ''}"
        yield f"{label} · {_span(start, end)}", [sessions[i] for i in members]
    rest = [s for i, s in enumerate(sessions) if i not in placed]
    if rest:
        yield ("Sessions" if not plan.weeks else "Other sessions"), rest


def _session_label(session: PlannedSession) -> str:
    marks = []
    if session.key:
        marks.append("key session")
    if session.heavy_lower_body:
        marks.append("heavy legs")
    if session.status != "planned":
        marks.append(session.status)
    minutes = planned_duration_text(session)
    return f"{session.title}\n{minutes}" + (f"\n({', '.join(marks)})" if marks else "")


def _details(session: PlannedSession, units: UnitSystem) -> str:
    return "\n".join(session_lines(session, units)) or "–"


def _week_pages(pdf: _PlanPdf, plan: Plan, units: UnitSystem) -> None:
    pdf.add_page()
    pdf.start_section("Week by week")
    pdf.heading("Week by week")
    for heading, sessions in _week_groups(plan):
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.start_section(printable(heading), level=1)
        pdf.heading(heading, size=12)
        if not sessions:
            pdf.para("Rest week: no sessions planned.")
            pdf.ln(4)
            continue
        pdf.set_font(_FONT, size=9)
        with pdf.table(
            col_widths=(18, 32, 80),
            text_align="LEFT",
            v_align="TOP",
            line_height=4.2,
            padding=1.5,
            headings_style=FontFace(emphasis="BOLD", fill_color=_SHADE),
        ) as table:
            table.row(["Day", "Session", "Details"])
            for session in sessions:
                row = table.row()
                row.cell(f"{_day(session.day)}\n{session.slot}")
                row.cell(printable(_session_label(session)), style=FontFace(emphasis="BOLD"))
                row.cell(printable(_details(session, units)))
        pdf.ln(5)


def _exercise_guide(pdf: _PlanPdf, plan: Plan) -> None:
    slugs = list(dict.fromkeys(p.exercise_slug for s in plan.sessions for p in s.exercises))
    if not slugs:
        return
    pdf.add_page()
    pdf.start_section("Exercise guide")
    pdf.heading("Exercise guide")
    pdf.para("Muscles worked, form cues and the faults to avoid for each exercise in the plan.")
    pdf.ln(3)
    for slug in slugs:
        exercise = exercise_for(slug)
        with pdf.offset_rendering() as trial:
            _exercise_box(trial, slug, exercise)  # type: ignore[arg-type]
        if trial.page_break_triggered:
            pdf.add_page()
        _exercise_box(pdf, slug, exercise)


def _exercise_box(pdf: _PlanPdf, slug: str, exercise: Exercise | None) -> None:
    """A framed box: a shaded name bar, then muscles, cues, faults and the library's evidence."""
    top, width = pdf.get_y(), pdf.epw
    pdf.set_fill_color(*_SHADE)
    pdf.set_font(_FONT, "B", 12)
    pdf.cell(width, 8, printable(f"  {exercise_name(slug)}"), fill=True)
    pdf.ln(10)
    left = pdf.l_margin
    pdf.set_left_margin(left + 3)
    pdf.set_right_margin(pdf.r_margin + 3)
    if exercise is None:
        pdf.para("Not in the exercise library: no cues available.", 9)
    else:
        muscles = ", ".join(m.replace("-", " ") for m in exercise.primary_muscles)
        if exercise.secondary_muscles:
            also = ", ".join(m.replace("-", " ") for m in exercise.secondary_muscles)
            muscles += f" (also {also})"
        pdf.para(f"Muscles: {muscles}", 9)
        pdf.ln(1)
        pdf.para("Form cues", 9, "B")
        for cue in exercise.cues:
            pdf.bullet(cue, 9)
        if exercise.faults:
            pdf.ln(1)
            pdf.para("Faults to avoid", 9, "B")
            for fault in exercise.faults:
                pdf.bullet(f"{fault.fault} Risk: {fault.risk} Fix: {fault.fix}", 9)
        if exercise.evidence is not None:
            pdf.ln(1)
            pdf.para(f"Evidence ({exercise.evidence.grade}): {exercise.evidence.note}", 8, "I")
    pdf.set_left_margin(left)
    pdf.set_right_margin(pdf.r_margin - 3)
    bottom = pdf.get_y() + 2
    pdf.set_draw_color(*_ACCENT)
    pdf.rect(left, top, width, bottom - top)
    pdf.set_draw_color(0)
    pdf.set_y(bottom + 5)
