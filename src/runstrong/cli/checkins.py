"""``runstrong checkin``: the morning check-in (record, edit, list, delete, choose an action)."""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.domain.checkin import SORENESS_REGIONS, Checkin
from runstrong.errors import ValidationError
from runstrong.services.checkins import (
    athlete_today,
    delete_checkin,
    get_checkin,
    list_checkins,
    save_checkin,
)
from runstrong.services.readiness import choose_action
from runstrong.services.readiness_document import checkin_document as checkin_json
from runstrong.services.wellness_import import import_wellness_file

app = typer.Typer(
    help="Morning check-in: soreness, sleep, resting HR, HRV, fatigue, stress, illness.",
    invoke_without_command=True,
)

_SLEEP = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*h?|(\d+)\s*(?:h|:)\s*(\d{1,2})\s*(?:m(?:in)?)?)\s*$")

DayOption = Annotated[
    str | None, typer.Option("--date", help="The morning, YYYY-MM-DD (default: today).")
]
SorenessOption = Annotated[
    list[str] | None,
    typer.Option(
        "--soreness",
        help=f"REGION=0-10, repeatable; regions: {', '.join(SORENESS_REGIONS)}.",
    ),
]
SleepOption = Annotated[
    str | None, typer.Option("--sleep", help="Sleep duration: 6.5h, 7h30 or 7:30.")
]
QualityOption = Annotated[
    int | None, typer.Option("--sleep-quality", help="Sleep quality 1 (great) to 5 (awful).")
]
RmssdOption = Annotated[float | None, typer.Option("--rmssd", help="HRV rMSSD in ms.")]
SdnnOption = Annotated[
    float | None, typer.Option("--sdnn", help="HRV SDNN in ms (kept apart from rMSSD).")
]
HrvSourceOption = Annotated[
    str | None, typer.Option("--hrv-source", help="App or device of the HRV reading.")
]
RestingOption = Annotated[
    float | None, typer.Option("--resting-hr", help="Resting heart rate, bpm.")
]
FatigueOption = Annotated[
    int | None, typer.Option("--fatigue", help="Fatigue 1 (fresh) to 5 (exhausted).")
]
StressOption = Annotated[int | None, typer.Option("--stress", help="Stress 1 (calm) to 5.")]
IllOption = Annotated[
    bool | None, typer.Option("--ill/--not-ill", help="Feeling ill today?", show_default=False)
]
NoteOption = Annotated[str | None, typer.Option("--note", help="A note.")]


def _day(text: str | None, default: date | None = None) -> date | None:
    if text is None:
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"invalid date {text!r}: use YYYY-MM-DD") from None


def parse_sleep(text: str) -> float:
    """Hours from ``6.5h``, ``6.5``, ``7h30`` or ``7:30``."""
    match = _SLEEP.match(text)
    if match is None:
        raise ValidationError(f"invalid sleep {text!r}: use hours like 6.5h, 7h30 or 7:30")
    if match.group(1) is not None:
        return float(match.group(1))
    minutes = int(match.group(3))
    if minutes >= 60:
        raise ValidationError(f"invalid sleep {text!r}: minutes must be below 60")
    return int(match.group(2)) + minutes / 60


def parse_soreness(entries: list[str] | None) -> dict[str, int]:
    """``quads=6`` entries as a region → score mapping (checked by :class:`Checkin`)."""
    scores: dict[str, int] = {}
    for entry in entries or []:
        region, sep, value = entry.partition("=")
        key = region.strip().lower().replace("-", "_").replace("/", "_")
        if not sep or not key:
            raise ValidationError(f"invalid --soreness {entry!r}: use REGION=SCORE, e.g. quads=6")
        try:
            score = float(value)
        except ValueError:
            raise ValidationError(f"invalid soreness score in {entry!r}: use 0 to 10") from None
        if score != int(score):
            raise ValidationError(f"invalid soreness score in {entry!r}: use a whole number")
        scores[key] = int(score)
    return scores


def _fields(**given: Any) -> dict[str, Any]:
    sleep = given.pop("sleep")
    values = {key: value for key, value in given.items() if value is not None}
    if sleep is not None:
        values["sleep_h"] = parse_sleep(sleep)
    return values


@app.callback()
def checkin(
    ctx: typer.Context,
    day: DayOption = None,
    soreness: SorenessOption = None,
    sleep: SleepOption = None,
    sleep_quality: QualityOption = None,
    rmssd: RmssdOption = None,
    sdnn: SdnnOption = None,
    hrv_source: HrvSourceOption = None,
    resting_hr: RestingOption = None,
    fatigue: FatigueOption = None,
    stress: StressOption = None,
    ill: IllOption = None,
    note: NoteOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the morning check-in (replaces that day's); every option is optional."""
    if ctx.invoked_subcommand is not None:
        return
    values = _fields(
        sleep=sleep,
        sleep_quality=sleep_quality,
        rmssd_ms=rmssd,
        sdnn_ms=sdnn,
        hrv_source=hrv_source,
        resting_hr_bpm=resting_hr,
        fatigue=fatigue,
        stress=stress,
        illness=ill,
        note=note,
    )
    with store_from(db) as store:
        when = _day(day)
        if when is None:
            from runstrong.services.athletes import resolve_athlete

            with store.unit_of_work() as uow:
                when = athlete_today(resolve_athlete(uow, athlete))
        saved = save_checkin(
            store, athlete, Checkin(day=when, soreness=parse_soreness(soreness), **values)
        )
    _show(saved, as_json, "Saved")


def _show(checkin: Checkin, as_json: bool, verb: str) -> None:
    if as_json:
        emit_json(checkin_json(checkin))
        return
    parts = [f"{r.replace('_', ' ')} {s}" for r, s in checkin.soreness.items()]
    data = checkin_json(checkin)
    for key, label in (
        ("sleep_h", "sleep {:g} h"),
        ("sleep_quality", "sleep quality {}/5"),
        ("resting_hr_bpm", "resting HR {:g}"),
        ("rmssd_ms", "rMSSD {:g} ms"),
        ("sdnn_ms", "SDNN {:g} ms"),
        ("fatigue", "fatigue {}/5"),
        ("stress", "stress {}/5"),
    ):
        if data[key] is not None:
            parts.append(label.format(data[key]))
    if checkin.illness:
        parts.append("ill")
    console.print(f"{verb} check-in of {checkin.day}: {', '.join(parts) or 'note only'}")


@app.command("edit")
def edit(
    day: Annotated[str, typer.Option("--date", help="The check-in's day, YYYY-MM-DD.")],
    soreness: SorenessOption = None,
    sleep: SleepOption = None,
    sleep_quality: QualityOption = None,
    rmssd: RmssdOption = None,
    sdnn: SdnnOption = None,
    hrv_source: HrvSourceOption = None,
    resting_hr: RestingOption = None,
    fatigue: FatigueOption = None,
    stress: StressOption = None,
    ill: IllOption = None,
    note: NoteOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change some fields of a stored check-in; the others stay."""
    when = _day(day)
    assert when is not None
    values = _fields(
        sleep=sleep,
        sleep_quality=sleep_quality,
        rmssd_ms=rmssd,
        sdnn_ms=sdnn,
        hrv_source=hrv_source,
        resting_hr_bpm=resting_hr,
        fatigue=fatigue,
        stress=stress,
        illness=ill,
        note=note,
    )
    with store_from(db) as store:
        _, stored = get_checkin(store, athlete, when)
        changed = replace(stored, soreness={**stored.soreness, **parse_soreness(soreness)})
        saved = save_checkin(store, athlete, replace(changed, source="manual", **values))
    _show(saved, as_json, "Changed")


@app.command("delete")
def delete(
    day: Annotated[str, typer.Option("--date", help="The check-in's day, YYYY-MM-DD.")],
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Delete the check-in of a day."""
    when = _day(day)
    assert when is not None
    with store_from(db) as store:
        who = delete_checkin(store, athlete, when)
    if as_json:
        emit_json({"athlete": who.name, "deleted": when.isoformat()})
        return
    console.print(f"Deleted {who.name}'s check-in of {when}.")


@app.command("list")
def list_command(
    first: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List check-ins, oldest first."""
    with store_from(db) as store:
        who, found = list_checkins(store, athlete, _day(first), _day(last))
    if as_json:
        emit_json({"athlete": who.name, "checkins": [checkin_json(c) for c in found]})
        return
    table = Table(title=f"{who.name}'s check-ins ({len(found)})")
    for column in ("date", "legs", "sleep h", "rest HR", "rMSSD", "SDNN", "fatigue", "source"):
        table.add_column(column)
    for c in found:
        table.add_row(
            c.day.isoformat(),
            "" if c.leg_soreness is None else str(c.leg_soreness),
            *("" if v is None else f"{v:g}" for v in (c.sleep_h, c.resting_hr_bpm)),
            *("" if v is None else f"{v:g}" for v in (c.rmssd_ms, c.sdnn_ms)),
            "" if c.fatigue is None else str(c.fatigue),
            c.source,
        )
    console.print(table)


@app.command("choose")
def choose(
    signal: Annotated[
        str, typer.Option("--signal", help="hrv_low, resting_hr_high or sore_legs_key_run.")
    ],
    action: Annotated[str, typer.Option("--action", help="swap, lighten or keep.")],
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The morning of the signal, YYYY-MM-DD (default: today); an earlier morning "
            "only while its session at risk is still ahead.",
        ),
    ] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Act on a morning's readiness signal through the re-planner, and keep the choice."""
    when = _day(day)
    with store_from(db) as store:
        result = choose_action(store, athlete, signal, action, day=when)
    if as_json:
        emit_json(
            {
                "date": result.day.isoformat(),
                "signal": result.kind,
                "action": result.action,
                "summary": result.summary,
                "detail": dict(result.detail),
            }
        )
        return
    console.print(result.summary)


@app.command("import")
def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="HRV4Training CSV, Garmin wellness JSON, "
            "Apple Health export.xml or FIT HRV file(s)."
        ),
    ],
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import morning HRV, resting heart rate and sleep from files (idempotent)."""
    with store_from(db) as store:
        results = [import_wellness_file(store, athlete, path) for path in files]
    if as_json:
        emit_json({"imports": [asdict(r) for r in results]})
        return
    for r in results:
        console.print(
            f"{r.file} ({r.format}): {r.days_read} days read, {r.days_added} added, "
            f"{r.days_changed} changed for {r.athlete}"
            + (f" — {'; '.join(r.warnings)}" if r.warnings else "")
        )
