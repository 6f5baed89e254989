"""Use case: import check-in files uploaded through the web app or the API.

The files (HRV4Training CSV, Garmin wellness JSON, Apple Health ``export.xml`` or its zip, FIT
files with HRV) are staged like every upload (:func:`runstrong.services.uploads.staged_uploads`:
safe names in a private folder, the same size and count limits), then each goes through
:func:`runstrong.services.wellness_import.import_wellness_file`, the importer of
``runstrong checkin import``: one transaction per file, idempotent, a broken file stores nothing.
The report names files as the client sent them, never server paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from runstrong.errors import ImportFormatError
from runstrong.services.athletes import get_athlete
from runstrong.services.uploads import Upload, staged_uploads
from runstrong.services.wellness_import import import_wellness_file
from runstrong.store import Store

__all__ = [
    "NoWellnessImported",
    "WellnessFileOutcome",
    "WellnessUploadReport",
    "import_wellness_uploads",
]

WellnessStatus = Literal["imported", "already_present", "failed"]


@dataclass(frozen=True, slots=True)
class WellnessFileOutcome:
    """What happened to one uploaded file: ``imported`` (days added or changed),
    ``already_present`` (nothing new) or ``failed`` (``message`` says why)."""

    name: str
    status: WellnessStatus
    format: str | None
    days_read: int
    days_added: int
    days_changed: int
    message: str | None
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WellnessUploadReport:
    athlete: str
    outcomes: tuple[WellnessFileOutcome, ...]

    def count(self, status: WellnessStatus) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


class NoWellnessImported(ImportFormatError):
    """No file of the upload could be read; ``report`` says why for each."""

    def __init__(self, message: str, report: WellnessUploadReport) -> None:
        super().__init__(message)
        self.report = report


def _named(text: str, stored: str, display: str) -> str:
    """``text`` with the staged file's name replaced by the client's (at the start only)."""
    return display + text[len(stored) :] if text.startswith(stored) else text


def import_wellness_uploads(
    store: Store, athlete_id: int, uploads: Sequence[Upload], *, limit_bytes: int | None = None
) -> WellnessUploadReport:
    """Import uploaded check-in files for the athlete, each in its own transaction.

    Raises :class:`ValidationError` for an empty, oversized or too-many-files upload (nothing
    stored) and :class:`NoWellnessImported` when every file was refused (with each reason).
    """
    athlete = get_athlete(store, athlete_id)
    outcomes: list[WellnessFileOutcome] = []
    with staged_uploads(uploads, limit_bytes=limit_bytes) as (_, paths, names):
        for path in paths:
            display = names[str(path)]
            try:
                done = import_wellness_file(store, athlete_id, path)
            except ImportFormatError as exc:
                message = _named(str(exc), path.name, display)
                outcomes.append(WellnessFileOutcome(display, "failed", None, 0, 0, 0, message, ()))
                continue
            status: WellnessStatus = (
                "imported" if done.days_added or done.days_changed else "already_present"
            )
            outcomes.append(
                WellnessFileOutcome(
                    display,
                    status,
                    done.format,
                    done.days_read,
                    done.days_added,
                    done.days_changed,
                    None,
                    done.warnings,
                )
            )
    report = WellnessUploadReport(athlete.name, tuple(outcomes))
    if report.count("failed") == len(outcomes):
        reasons = "; ".join(o.message or o.name for o in outcomes[:3])
        more = len(outcomes) - 3
        tail = f" (and {more} more)" if more > 0 else ""
        raise NoWellnessImported(f"nothing could be imported: {reasons}{tail}", report)
    return report
