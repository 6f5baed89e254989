"""A unit of work: one transaction and the repositories that work inside it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runstrong.store.plan_repository import PlanRepository
from runstrong.store.repositories import (
    ActivityRepository,
    AthleteRepository,
    StrengthRepository,
)

__all__ = ["UnitOfWork"]


class UnitOfWork:
    """Repositories sharing one session; ``Store.unit_of_work`` commits or rolls back."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.athletes = AthleteRepository(session)
        self.activities = ActivityRepository(session)
        self.strength = StrengthRepository(session)
        self.plans = PlanRepository(session)

    def flush(self) -> None:
        self.session.flush()
