"""Use case: import a wellness file (HRV4Training, Garmin, Apple Health, FIT HRV) as check-ins.

The file is parsed completely before anything is stored; then its days are merged field by
field into the athlete's check-ins in one transaction (:func:`merge_checkins`). A broken file
stores nothing; importing the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from runstrong.importers.wellness import parse_wellness_file
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.checkins import merge_checkins
from runstrong.store import Store

__all__ = ["WellnessImport", "import_wellness_file"]


@dataclass(frozen=True, slots=True)
class WellnessImport:
    """What an import did: the format, days read, days added and changed, warnings."""

    athlete: str
    file: str
    format: str
    days_read: int
    days_added: int
    days_changed: int
    warnings: tuple[str, ...]


def import_wellness_file(store: Store, athlete_key: AthleteKey, path: Path) -> WellnessImport:
    """Import ``path`` for the athlete; :class:`ImportFormatError` says why a file is refused."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)  # an unknown athlete fails before parsing
    parsed = parse_wellness_file(path)
    assert athlete.id is not None
    with store.unit_of_work() as uow:
        added, changed = merge_checkins(uow, athlete.id, parsed.checkins)
    days = len({c.day for c in parsed.checkins})
    return WellnessImport(
        athlete.name, path.name, parsed.format, days, added, changed, parsed.warnings
    )
