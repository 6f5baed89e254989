"""What an import already knows of an athlete's store (private to
:mod:`runstrong.services.imports`): loaded once per import and kept current as files are stored,
so files already stored are not even decoded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from runstrong.domain.models import Activity

__all__ = ["Known", "start_key"]


@dataclass(slots=True)
class Known:
    """What the athlete already has, loaded once and kept current as files are stored."""

    external_ids: set[str]
    starts: set[tuple[datetime, str, str | None]]
    #: External ids of FIT and TCX activities stored without laps: their file is read again.
    lapless: set[str] = field(default_factory=set)
    #: Multisport files stored before transitions were kept: read again to add them.
    reopen: set[str] = field(default_factory=set)
    #: Files (content ids) with FIT activities of sport ``other``: read again, a strength
    #: session may be in them.
    others: set[str] = field(default_factory=set)
    #: External ids of imported strength sessions.
    strength_ids: set[str] = field(default_factory=set)

    def has_file(self, file_id: str) -> bool:
        if file_id in self.reopen or file_id in self.lapless or f"{file_id}#0" in self.lapless:
            return False
        if file_id in self.others:
            return False
        stored = self.external_ids | self.strength_ids
        return file_id in stored or f"{file_id}#0" in stored

    def has(self, activity: Activity) -> bool:
        return activity.external_id in self.external_ids or start_key(activity) in self.starts

    def add(self, activity: Activity) -> None:
        if activity.external_id is not None:
            self.external_ids.add(activity.external_id)
        self.starts.add(start_key(activity))


def start_key(activity: Activity) -> tuple[datetime, str, str | None]:
    return activity.started_at.astimezone(UTC), activity.sport, activity.device
