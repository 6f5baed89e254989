"""The athlete's gym settings (one row per athlete)."""

from __future__ import annotations

from typing import cast

from sqlalchemy.orm import Session

from runstrong.domain.gym import GymSettings, LoadUnit
from runstrong.store.tables import GymSettingsRow

__all__ = ["GymSettingsRepository"]


class GymSettingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, athlete_id: int) -> GymSettings | None:
        row = self._session.get(GymSettingsRow, athlete_id)
        if row is None:
            return None
        return GymSettings(
            unit=cast(LoadUnit, row.unit),
            bar_kg=row.bar_kg,
            plates_kg=tuple(float(p) for p in row.plates_kg),
            sled_kg=row.sled_kg,
            rest_s={str(k): int(v) for k, v in (row.rest_s or {}).items()},
        )

    def put(self, athlete_id: int, settings: GymSettings) -> None:
        row = self._session.get(GymSettingsRow, athlete_id)
        if row is None:
            row = GymSettingsRow(athlete_id=athlete_id)
            self._session.add(row)
        row.unit = settings.unit
        row.bar_kg = settings.bar_kg
        row.plates_kg = list(settings.plates_kg)
        row.sled_kg = settings.sled_kg
        row.rest_s = dict(settings.rest_s)
        self._session.flush()
