"""SQLAlchemy 2.0 typed table models. Only ``store/`` imports these; services see domain objects."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "ActivityBestEffortsRow",
    "ActivityLapRow",
    "ActivityRow",
    "ActivitySamplesRow",
    "ApiTokenRow",
    "AthleteRow",
    "Base",
    "CheckinRow",
    "CoachShareRow",
    "CommentRow",
    "EvidenceReportRow",
    "ExperimentRow",
    "GymSettingsRow",
    "LoginFailureRow",
    "MultisportEventRow",
    "PlanRow",
    "PlanSessionRow",
    "ReadinessChoiceRow",
    "SourceFileRow",
    "SourceRow",
    "StravaConnectionRow",
    "StravaOAuthStateRow",
    "StrengthSessionRow",
    "StrengthSetRow",
    "UserRow",
    "WebSessionRow",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class WebSessionRow(Base):
    """A signed-in browser: the cookie holds a random token, the store only its SHA-256."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LoginFailureRow(Base):
    """One failed sign-in; counted per username and per client to slow down guessing."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_at", "username", "at"),
        Index("ix_login_failures_client_at", "client", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(254))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class CoachShareRow(Base):
    __tablename__ = "coach_shares"
    __table_args__ = (
        UniqueConstraint("athlete_id", "coach_user_id", name="uq_coach_shares_athlete_coach"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    coach_user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class CommentRow(Base):
    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_athlete_subject", "athlete_id", "subject", "subject_id"),
        CheckConstraint(
            "subject IN ('athlete', 'activity', 'strength_session', 'plan', 'plan_session')",
            name="subject_known",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    author_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class AthleteRow(Base):
    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    body_mass_kg: Mapped[float | None] = mapped_column(Float)
    sex: Mapped[str] = mapped_column(String(16), default="unspecified")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    event_focus: Mapped[str] = mapped_column(String(16), default="distance")
    units: Mapped[str] = mapped_column(String(16), default="metric")
    hr_rest_bpm: Mapped[int | None] = mapped_column(Integer)
    hr_max_bpm: Mapped[int | None] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    risk_thresholds: Mapped[dict[str, float] | None] = mapped_column(JSON)
    owner_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: Bumped by every unit of work that changes the athlete's data; caches key on it.
    data_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class ActivityRow(Base):
    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("athlete_id", "external_id", name="uq_activities_athlete_external"),
        Index("ix_activities_athlete_started", "athlete_id", "started_at"),
        CheckConstraint("moving_time_s > 0", name="moving_time_positive"),
        CheckConstraint("distance_m IS NULL OR distance_m >= 0", name="distance_non_negative"),
        CheckConstraint("rpe IS NULL OR (rpe >= 0 AND rpe <= 10)", name="rpe_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sport: Mapped[str] = mapped_column(String(32))
    session_type: Mapped[str | None] = mapped_column(String(16))
    distance_m: Mapped[float | None] = mapped_column(Float)
    moving_time_s: Mapped[float] = mapped_column(Float)
    elapsed_time_s: Mapped[float | None] = mapped_column(Float)
    ascent_m: Mapped[float | None] = mapped_column(Float)
    avg_hr_bpm: Mapped[float | None] = mapped_column(Float)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float)
    avg_cadence_spm: Mapped[float | None] = mapped_column(Float)
    avg_power_w: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    device: Mapped[str | None] = mapped_column(String(120))
    name: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    pain_score: Mapped[float | None] = mapped_column(Float)
    pain_location: Mapped[str | None] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(32), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(160))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    # user edits (migration 0005): fields the athlete set by hand win over the file's
    edited_fields: Mapped[list[str] | None] = mapped_column(JSON)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("multisport_events.id", ondelete="SET NULL"), index=True
    )

    samples: Mapped[ActivitySamplesRow | None] = relationship(
        back_populates="activity", cascade="all, delete-orphan", passive_deletes=True
    )


class ActivitySamplesRow(Base):
    """All samples of one activity in one compressed column-wise blob (see ``samples_codec``)."""

    __tablename__ = "activity_samples"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    sample_count: Mapped[int] = mapped_column(Integer)
    encoding: Mapped[str] = mapped_column(String(32))
    payload: Mapped[bytes] = mapped_column(LargeBinary)

    activity: Mapped[ActivityRow] = relationship(back_populates="samples")


class StrengthSessionRow(Base):
    __tablename__ = "strength_sessions"
    __table_args__ = (
        UniqueConstraint("athlete_id", "external_id", name="uq_strength_sessions_athlete_external"),
        Index(
            "uq_strength_sessions_athlete_idempotency",
            "athlete_id",
            "idempotency_key",
            unique=True,
        ),
        Index("ix_strength_sessions_athlete_started", "athlete_id", "started_at"),
        CheckConstraint("duration_s IS NULL OR duration_s > 0", name="duration_positive"),
        CheckConstraint("rpe IS NULL OR (rpe >= 0 AND rpe <= 10)", name="rpe_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_s: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    machine: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    pain_score: Mapped[float | None] = mapped_column(Float)
    pain_location: Mapped[str | None] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(32), default="manual")
    external_id: Mapped[str | None] = mapped_column(String(160))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    # user edits (migration 0005): fields the athlete set by hand win over the file's
    edited_fields: Mapped[list[str] | None] = mapped_column(JSON)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The client's key for a session sent from the gym floor, so that a resend stores nothing.
    idempotency_key: Mapped[str | None] = mapped_column(String(80))
    # a watch's heart rate and the RPE estimated from it (migration 0010)
    avg_hr_bpm: Mapped[float | None] = mapped_column(Float)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float)
    hr_series: Mapped[list[list[float]] | None] = mapped_column(JSON)
    rpe_estimate: Mapped[float | None] = mapped_column(Float)
    # the multisport event (a brick) the session is a leg of (migration 0010)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("multisport_events.id", ondelete="SET NULL"), index=True
    )

    sets: Mapped[list[StrengthSetRow]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="StrengthSetRow.position",
    )


class StrengthSetRow(Base):
    __tablename__ = "strength_sets"
    __table_args__ = (
        UniqueConstraint("session_id", "position", name="uq_strength_sets_session_position"),
        CheckConstraint("reps > 0", name="reps_positive"),
        CheckConstraint("load_kg >= 0", name="load_non_negative"),
        CheckConstraint("rpe IS NULL OR (rpe >= 0 AND rpe <= 10)", name="rpe_range"),
        CheckConstraint("side IN ('both', 'left', 'right')", name="side_known"),
        CheckConstraint("duration_s IS NULL OR duration_s > 0", name="duration_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("strength_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise_slug: Mapped[str] = mapped_column(String(120), index=True)
    reps: Mapped[int] = mapped_column(Integer)
    load_kg: Mapped[float] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    side: Mapped[str] = mapped_column(String(8), default="both")
    warmup: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    duration_s: Mapped[float | None] = mapped_column(Float)
    #: rest the watch recorded after the set (migration 0010)
    rest_s: Mapped[float | None] = mapped_column(Float)

    session: Mapped[StrengthSessionRow] = relationship(back_populates="sets")


class PlanRow(Base):
    """A plan toward a race; what was asked and the athlete's baseline are kept as JSON."""

    __tablename__ = "plans"
    __table_args__ = (Index("ix_plans_athlete_active", "athlete_id", "active"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    race_label: Mapped[str] = mapped_column(String(40))
    race_date: Mapped[date] = mapped_column(Date)
    start_date: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    request: Mapped[dict[str, object]] = mapped_column(JSON)
    baseline: Mapped[dict[str, object]] = mapped_column(JSON)
    weeks: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    approved_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)

    sessions: Mapped[list[PlanSessionRow]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(PlanSessionRow.day, PlanSessionRow.slot, PlanSessionRow.id)",
    )


class PlanSessionRow(Base):
    __tablename__ = "plan_sessions"
    __table_args__ = (
        Index("ix_plan_sessions_plan_day", "plan_id", "day"),
        CheckConstraint("kind IN ('run', 'strength')", name="kind_known"),
        CheckConstraint("slot IN ('am', 'pm')", name="slot_known"),
        CheckConstraint("status IN ('planned', 'done', 'missed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    slot: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    key: Mapped[bool] = mapped_column(Boolean, default=False)
    heavy_lower_body: Mapped[bool] = mapped_column(Boolean, default=False)
    planned_load_au: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    payload: Mapped[dict[str, object]] = mapped_column(JSON)

    plan: Mapped[PlanRow] = relationship(back_populates="sessions")


# --- evidence report cache (migration 0008) ---
class EvidenceReportRow(Base):
    """The latest evidence report of one athlete for one marker and exposure, as JSON.

    Valid while the athlete's ``data_version`` and the report's day (``as_of``) are unchanged."""

    __tablename__ = "evidence_reports"
    __table_args__ = (
        UniqueConstraint(
            "athlete_id", "marker", "exposure", name="uq_evidence_reports_athlete_choice"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    marker: Mapped[str] = mapped_column(String(16))
    exposure: Mapped[str] = mapped_column(String(16))
    data_version: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[date] = mapped_column(Date)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    computed_s: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class GymSettingsRow(Base):
    """An athlete's gym: the barbell, the plates on the rack and the leg-press sled's weight."""

    __tablename__ = "gym_settings"
    __table_args__ = (
        CheckConstraint("bar_kg >= 0", name="bar_non_negative"),
        CheckConstraint("sled_kg >= 0", name="sled_non_negative"),
        CheckConstraint("unit IN ('kg', 'lb')", name="unit_known"),
    )

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    unit: Mapped[str] = mapped_column(String(2), default="kg")
    bar_kg: Mapped[float] = mapped_column(Float, default=20.0)
    plates_kg: Mapped[list[float]] = mapped_column(JSON)
    sled_kg: Mapped[float] = mapped_column(Float, default=0.0)
    #: Rest between sets, seconds, per exercise slug (the gym-floor timer's defaults).
    rest_s: Mapped[dict[str, int] | None] = mapped_column(JSON)


# -- multisport events (migration 0009) -------------------------------------------------------


class MultisportEventRow(Base):
    """A triathlon, duathlon or other multisport recording; its legs and transitions are
    activities pointing here (``activities.event_id``)."""

    __tablename__ = "multisport_events"
    __table_args__ = (
        UniqueConstraint("athlete_id", "external_id", name="uq_multisport_events_athlete_external"),
        CheckConstraint(
            "kind IN ('triathlon', 'duathlon', 'aquathlon', 'multisport')", name="kind_known"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str | None] = mapped_column(String(160))
    transitions_complete: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


# --- Activity laps and best efforts (revision 0006) -------------------------------------------


class ActivityLapRow(Base):
    """One device lap of an activity, from its FIT or TCX file, in order."""

    __tablename__ = "activity_laps"
    __table_args__ = (
        UniqueConstraint("activity_id", "position", name="uq_activity_laps_activity_position"),
        CheckConstraint("elapsed_time_s >= 0", name="elapsed_non_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    start_s: Mapped[float] = mapped_column(Float)
    elapsed_time_s: Mapped[float] = mapped_column(Float)
    moving_time_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    avg_hr_bpm: Mapped[float | None] = mapped_column(Float)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float)
    avg_cadence_spm: Mapped[float | None] = mapped_column(Float)
    avg_power_w: Mapped[float | None] = mapped_column(Float)
    ascent_m: Mapped[float | None] = mapped_column(Float)
    descent_m: Mapped[float | None] = mapped_column(Float)


class ActivityBestEffortsRow(Base):
    """The best efforts found in one run's samples (derived data, recomputed when ``version``
    is older than the code's). ``efforts`` is a list of ``[distance_m, duration_s, start_s,
    end_s]``; an empty list means the run was analysed and is too short for any."""

    __tablename__ = "activity_best_efforts"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer)
    efforts: Mapped[list[list[float]]] = mapped_column(JSON)


# --- Sync sources (revision 0011) -------------------------------------------------------------


class SourceRow(Base):
    """A place runstrong keeps in step with by itself: a folder on this machine. One source
    belongs to one athlete. ``added_by_user_id`` is empty when the operator added it (CLI);
    ``lease_until``/``lease_owner`` let one worker at a time sync it."""

    __tablename__ = "sources"
    __table_args__ = (
        UniqueConstraint("athlete_id", "kind", "location", name="uq_sources_athlete_location"),
        CheckConstraint("kind IN ('folder')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(String(1024))
    added_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lease_owner: Mapped[str | None] = mapped_column(String(64))


class SourceFileRow(Base):
    """A file seen in a source: where it was, what it held (size, modification time, SHA-256)
    and what importing it gave (``status`` and ``reason``)."""

    __tablename__ = "source_files"
    __table_args__ = (
        UniqueConstraint("source_id", "path", name="uq_source_files_source_path"),
        Index("ix_source_files_source_hash", "source_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(String(1024))
    size: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    activities_added: Mapped[int] = mapped_column(Integer, default=0)
    strength_sessions_added: Mapped[int] = mapped_column(Integer, default=0)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class StravaConnectionRow(Base):
    """An athlete's Strava account: the tokens (server-side only, never shown), and where the
    backfill is (``backfill_before``: the start, epoch seconds, of the oldest activity read)."""

    __tablename__ = "strava_connections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), unique=True
    )
    strava_athlete_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    access_token: Mapped[str] = mapped_column(String(255))
    refresh_token: Mapped[str] = mapped_column(String(255))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    scope: Mapped[str | None] = mapped_column(String(255))
    backfill_before: Mapped[int | None] = mapped_column(BigInteger)
    backfill_done: Mapped[bool] = mapped_column(Boolean, default=False)
    last_poll_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class StravaOAuthStateRow(Base):
    """An OAuth ``state`` handed to Strava (its SHA-256), for one user and athlete, used once."""

    __tablename__ = "strava_oauth_states"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


# --- Personal experiments (revision 0012) ---------------------------------------------------


class ExperimentRow(Base):
    """A personal (n-of-1) experiment: its design as locked at start, and later amendments.

    ``noise`` is the marker's noise model measured from the log at start (mean, sd, rho,
    marker_share, n_weeks); ``amendments`` a list of ``{"on", "field", "old", "new", "reason"}``.
    """

    __tablename__ = "experiments"
    __table_args__ = (
        CheckConstraint("design IN ('abab', 'ab')", name="design_known"),
        CheckConstraint("block_weeks > 0 AND n_weeks > 0", name="weeks_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(200))
    marker: Mapped[str] = mapped_column(String(16))
    design: Mapped[str] = mapped_column(String(8))
    block_weeks: Mapped[int] = mapped_column(Integer)
    n_weeks: Mapped[int] = mapped_column(Integer)
    run_in_weeks: Mapped[int] = mapped_column(Integer)
    block_order: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date] = mapped_column(Date)
    analysis_date: Mapped[date] = mapped_column(Date)
    test_weekday: Mapped[int] = mapped_column(Integer)
    registered_in_advance: Mapped[bool] = mapped_column(Boolean)
    started_by: Mapped[str] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    noise: Mapped[dict[str, float]] = mapped_column(JSON)
    detectable_effect: Mapped[float] = mapped_column(Float)
    amendments: Mapped[list[dict[str, object]]] = mapped_column(JSON)


# --- morning check-ins and readiness choices (issue 24) --------------------------------------


class CheckinRow(Base):
    """One athlete's morning check-in on one day (soreness by region as JSON; all optional)."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("athlete_id", "day", name="uq_checkins_athlete_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    soreness: Mapped[dict[str, int]] = mapped_column(JSON)
    sleep_h: Mapped[float | None] = mapped_column(Float)
    sleep_quality: Mapped[int | None] = mapped_column(Integer)
    resting_hr_bpm: Mapped[float | None] = mapped_column(Float)
    rmssd_ms: Mapped[float | None] = mapped_column(Float)
    sdnn_ms: Mapped[float | None] = mapped_column(Float)
    hrv_source: Mapped[str | None] = mapped_column(String(40))
    fatigue: Mapped[int | None] = mapped_column(Integer)
    stress: Mapped[int | None] = mapped_column(Integer)
    illness: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, onupdate=_utcnow
    )


class ReadinessChoiceRow(Base):
    """What the runner chose for a readiness signal (swap, lighten, keep) on a day."""

    __tablename__ = "readiness_choices"
    __table_args__ = (
        UniqueConstraint("athlete_id", "day", "kind", name="uq_readiness_choices_athlete_day_kind"),
        CheckConstraint("action IN ('swap', 'lighten', 'keep')", name="action_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(8))
    summary: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, str]] = mapped_column(JSON)
    chosen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
