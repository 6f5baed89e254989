"""Wellness importers: morning HRV, resting heart rate and sleep as check-ins, one per day.

Formats (recognised by content, like :mod:`runstrong.importers.registry`; the file name is only
a fallback), each source's units and definitions as read:

* ``hrv4training_csv`` — HRV4Training's CSV export: one row per morning measurement; ``date``
  (``YYYY-MM-DD`` with an optional time), ``rMSSD`` (ms, the root mean square of successive RR
  differences), ``HR`` (the resting heart rate of the measurement, bpm), ``SDNN`` (ms, kept
  apart), ``sleep_time`` (hours) when present. Needs ``date`` and ``rMSSD`` columns.
* ``garmin_wellness_json`` — Garmin's bulk export (``DI-Connect-Wellness``): a JSON list of daily
  objects keyed by ``calendarDate``, read for ``restingHeartRate`` (bpm), the sleep stages
  ``deepSleepSeconds + lightSleepSeconds + remSleepSeconds`` (s, awake time excluded) and the
  HRV status ``lastNightAvg`` (ms; Garmin's overnight rMSSD average).
* ``apple_health_xml`` — Apple Health ``export.xml``, read streaming
  (:mod:`runstrong.importers.apple_health`): SDNN (ms), resting heart rate, sleep analysis.
* ``fit_hrv`` — the RR intervals of FIT ``hrv`` messages (:mod:`runstrong.importers.fit_hrv`).

Every parser returns check-ins (``source`` set) or raises :class:`ImportFormatError` with the
reason; nothing is stored here (the service merges them in one transaction).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from runstrong.domain.checkin import Checkin
from runstrong.errors import ImportFormatError, ValidationError
from runstrong.importers._csv_text import parse_number, read_table

__all__ = [
    "WELLNESS_FORMATS",
    "ParsedWellness",
    "detect_wellness_format",
    "parse_wellness_file",
]

MAX_JSON_BYTES: Final = 64 * 1024 * 1024
_SNIFF: Final = 64 * 1024
_DATE: Final = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True)
class ParsedWellness:
    """What a wellness file holds: check-ins by day, the format, and warnings (skipped rows)."""

    format: str
    checkins: tuple[Checkin, ...]
    warnings: tuple[str, ...] = ()


def _day(text: object, name: str, where: str) -> date:
    match = _DATE.match(str(text))
    try:
        if match is None:
            raise ValueError
        return date.fromisoformat(match.group(1))
    except ValueError:
        raise ImportFormatError(f"{name}: {where}: invalid date {text!r} (YYYY-MM-DD)") from None


def _checkin(name: str, where: str, **values: Any) -> Checkin:
    try:
        return Checkin(**values)
    except ValidationError as exc:
        raise ImportFormatError(f"{name}: {where}: {exc}") from exc


def parse_hrv4training(data: bytes, name: str) -> ParsedWellness:
    """HRV4Training's CSV export (see the module docstring)."""
    table = read_table(data, name)
    columns = {key: table.column(key) for key in ("date", "rMSSD", "HR", "SDNN", "sleep_time")}
    if columns["date"] is None or columns["rMSSD"] is None:
        raise ImportFormatError(
            f"{name}: not an HRV4Training export: it needs 'date' and 'rMSSD' columns"
        )
    found: list[Checkin] = []
    warnings: list[str] = []
    for line, row in enumerate(table.rows, start=2):
        where = f"line {line}"
        day = _day(row[columns["date"]], name, where)

        def number(key: str, row: tuple[str, ...] = row) -> float | None:
            index = columns[key]
            return None if index is None else parse_number(row[index])

        rmssd = number("rMSSD")
        if rmssd is None or rmssd <= 0:
            warnings.append(f"{where} has no rMSSD; skipped")
            continue
        found.append(
            _checkin(
                name,
                where,
                day=day,
                rmssd_ms=rmssd,
                resting_hr_bpm=number("HR"),
                sdnn_ms=number("SDNN") or None,
                sleep_h=number("sleep_time"),
                hrv_source="HRV4Training",
                source="hrv4training",
            )
        )
    if not found:
        raise ImportFormatError(f"{name}: no measurement with an rMSSD value in the file")
    return ParsedWellness("hrv4training_csv", tuple(found), tuple(warnings))


def _garmin_days(document: object, name: str) -> Iterator[dict[str, Any]]:
    entries = document if isinstance(document, list) else [document]
    for entry in entries:
        if not isinstance(entry, dict) or "calendarDate" not in entry:
            raise ImportFormatError(
                f"{name}: not a Garmin wellness file: every entry needs a calendarDate"
            )
        yield entry


def parse_garmin_wellness(data: bytes, name: str) -> ParsedWellness:
    """A Garmin bulk-export wellness JSON file (see the module docstring)."""
    if len(data) > MAX_JSON_BYTES:
        raise ImportFormatError(f"{name}: larger than {MAX_JSON_BYTES // 2**20} MiB")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFormatError(f"{name}: not readable JSON ({exc})") from exc
    found: list[Checkin] = []
    for index, entry in enumerate(_garmin_days(document, name), start=1):
        where = f"entry {index}"
        day = _day(entry["calendarDate"], name, where)
        stages = [
            entry.get(k) for k in ("deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds")
        ]
        asleep = [float(s) for s in stages if isinstance(s, int | float)]
        hrv = entry.get("hrvSummary", entry)
        rmssd = hrv.get("lastNightAvg") if isinstance(hrv, dict) else None
        resting = entry.get("restingHeartRate")
        values = {
            "sleep_h": round(sum(asleep) / 3600, 2) if asleep else None,
            "resting_hr_bpm": resting if isinstance(resting, int | float) and resting else None,
            "rmssd_ms": rmssd if isinstance(rmssd, int | float) and rmssd else None,
        }
        if all(v is None for v in values.values()):
            continue
        found.append(
            _checkin(
                name,
                where,
                day=day,
                hrv_source="Garmin" if values["rmssd_ms"] else None,
                source="garmin",
                **values,
            )
        )
    if not found:
        raise ImportFormatError(
            f"{name}: no sleep, resting heart rate or HRV status in this Garmin file"
        )
    return ParsedWellness("garmin_wellness_json", tuple(found))


def detect_wellness_format(head: bytes, name: str = "") -> str | None:
    """The wellness format of a file judged by its first bytes, or ``None``.

    >>> detect_wellness_format(b"date,HR,AVNN,SDNN,rMSSD,pNN50")
    'hrv4training_csv'
    >>> detect_wellness_format(b'[{"calendarDate": "2026-01-02", "restingHeartRate": 48}]')
    'garmin_wellness_json'
    """
    if len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT":
        return "fit_hrv"
    if head.startswith(b"PK\x03\x04"):
        return "apple_health_zip"
    text = head[:_SNIFF].decode("utf-8-sig", errors="ignore").lstrip()
    if text.startswith("<") and "<HealthData" in text:
        return "apple_health_xml"
    if text.startswith(("[", "{")) and "calendarDate" in text:
        return "garmin_wellness_json"
    header = {cell.strip().strip('"').lower() for cell in re.split(r"[,;\t]", text.split("\n")[0])}
    if {"date", "rmssd"} <= header:
        return "hrv4training_csv"
    lowered = name.lower()
    if lowered.endswith(".xml"):
        return "apple_health_xml"
    if lowered.endswith(".fit"):
        return "fit_hrv"
    if lowered.endswith(".csv"):
        return "hrv4training_csv"  # its parser names the missing columns
    if lowered.endswith(".json"):
        return "garmin_wellness_json"
    return None


def _read_bytes(parser: Callable[[bytes, str], ParsedWellness]) -> Callable[[Path], ParsedWellness]:
    return lambda path: parser(path.read_bytes(), path.name)


def _apple(path: Path) -> ParsedWellness:
    from runstrong.importers.apple_health import parse_apple_health

    return parse_apple_health(path)


def _apple_zip(path: Path) -> ParsedWellness:
    from runstrong.importers.apple_health import parse_apple_health_zip

    return parse_apple_health_zip(path)


def _fit(path: Path) -> ParsedWellness:
    from runstrong.importers.fit_hrv import parse_fit_hrv

    return parse_fit_hrv(path.read_bytes(), path.name)


#: Wellness parsers by format name; each reads a file by its path (Apple Health streams it).
WELLNESS_FORMATS: Final[dict[str, Callable[[Path], ParsedWellness]]] = {
    "hrv4training_csv": _read_bytes(parse_hrv4training),
    "garmin_wellness_json": _read_bytes(parse_garmin_wellness),
    "apple_health_xml": _apple,
    "apple_health_zip": _apple_zip,
    "fit_hrv": _fit,
}


def parse_wellness_file(path: Path) -> ParsedWellness:
    """Recognise and parse a wellness file; :class:`ImportFormatError` names what is wrong."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError as exc:
        raise ImportFormatError(f"{path.name}: cannot read the file ({exc.strerror})") from exc
    if not head.strip():
        raise ImportFormatError(f"{path.name}: the file is empty.")
    kind = detect_wellness_format(head, path.name)
    if kind is None:
        raise ImportFormatError(
            f"{path.name}: not a wellness file runstrong can import (an HRV4Training CSV, a "
            "Garmin wellness JSON, an Apple Health export.xml or its zip, or a FIT file with "
            "HRV data)."
        )
    return WELLNESS_FORMATS[kind](path)


def finite_or_none(value: float | None) -> float | None:
    """``value`` if it is a finite number, else ``None``."""
    return value if value is not None and math.isfinite(value) else None
