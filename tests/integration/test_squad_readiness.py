"""The coach's squad view carries each athlete's readiness: this morning's check-in, signals
and choices (the document the start page and dashboard use)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runstrong.domain.checkin import Checkin
from runstrong.domain.models import Athlete, StrengthSession, StrengthSet
from runstrong.services.athletes import create_athlete
from runstrong.services.checkins import save_checkin
from runstrong.services.logging import log_strength_session
from runstrong.services.readiness_document import readiness_document
from runstrong.services.status import squad_status
from runstrong.store import Store

DAY = date(2026, 11, 26)


def _lift(store: Store, name: str) -> None:
    session = StrengthSession(
        started_at=datetime.combine(DAY - timedelta(days=3), datetime.min.time(), tzinfo=UTC),
        sets=(StrengthSet("calf-press", 10, 80.0, 6.0),),
        duration_s=1800,
        rpe=6,
    )
    log_strength_session(store, name, session)


def test_squad_status_has_each_athletes_readiness(store: Store) -> None:
    for name in ("Alice", "Bo"):
        create_athlete(store, Athlete(name=name, timezone="UTC"))
        _lift(store, name)
    for back in range(63, -1, -1):
        value = 50.0 if back <= 2 else (60.0 if back % 2 else 70.0)
        save_checkin(store, "Alice", Checkin(DAY - timedelta(days=back), rmssd_ms=value))
    save_checkin(store, "Alice", Checkin(DAY, {"quads": 4}, rmssd_ms=50.0))
    by_name = {s.athlete.name: s for s in squad_status(store, DAY)}
    alice, bo = by_name["Alice"].readiness, by_name["Bo"].readiness
    assert alice is not None and bo is not None
    assert [s.kind for s in alice.signals] == ["hrv_low"]
    document = readiness_document(alice)
    assert document["checkin"]["soreness"] == {"quads": 4} and document["date"] == "2026-11-26"
    assert bo.signals == () and bo.today is None
