"""A unit of work: one transaction and the repositories that work inside it."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from runstrong.store.account_repository import (
    ApiTokenRepository,
    LoginFailureRepository,
    UserRepository,
    WebSessionRepository,
)
from runstrong.store.checkin_repository import CheckinRepository
from runstrong.store.edit_repository import EditRepository
from runstrong.store.evidence_repository import EvidenceReportRepository
from runstrong.store.experiment_repository import ExperimentRepository
from runstrong.store.gym_repository import GymSettingsRepository
from runstrong.store.plan_repository import PlanRepository
from runstrong.store.repositories import (
    ActivityRepository,
    AthleteRepository,
    StrengthRepository,
)
from runstrong.store.sharing_repository import SharingRepository
from runstrong.store.source_repository import SourceRepository
from runstrong.store.strava_repository import StravaRepository
from runstrong.store.tables import AthleteRow

__all__ = ["UnitOfWork"]


class UnitOfWork:
    """Repositories sharing one session; ``Store.unit_of_work`` commits or rolls back.

    Repositories note which athletes' data they changed; :meth:`bump_data_versions` raises
    those athletes' ``data_version`` in the same transaction, so caches of derived data (the
    dashboard) in any process know when to recompute.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.changed_athletes: set[int] = set()
        self.athletes = AthleteRepository(session, self.changed_athletes)
        self.activities = ActivityRepository(session, self.changed_athletes)
        self.strength = StrengthRepository(session, self.changed_athletes)
        self.plans = PlanRepository(session, self.changed_athletes)
        self.users = UserRepository(session)
        self.web_sessions = WebSessionRepository(session)
        self.api_tokens = ApiTokenRepository(session)
        self.login_failures = LoginFailureRepository(session)
        self.sharing = SharingRepository(session)
        self.evidence_reports = EvidenceReportRepository(session)
        self.edits = EditRepository(session, self.changed_athletes)
        self.gym = GymSettingsRepository(session)
        self.sources = SourceRepository(session)
        self.strava = StravaRepository(session)
        self.experiments = ExperimentRepository(session, self.changed_athletes)
        self.checkins = CheckinRepository(session, self.changed_athletes)

    def flush(self) -> None:
        self.session.flush()

    def mark_changed(self, athlete_id: int) -> None:
        self.changed_athletes.add(athlete_id)

    def bump_data_versions(self) -> None:
        if not self.changed_athletes:
            return
        self.session.execute(
            update(AthleteRow)
            .where(AthleteRow.id.in_(sorted(self.changed_athletes)))
            .values(data_version=AthleteRow.data_version + 1)
        )
        self.changed_athletes.clear()
