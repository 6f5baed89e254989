"""Use cases: export one athlete to a deterministic zip archive, and restore one from it.

The format is documented in ``docs/archive-format.md``. Store ids never appear in an archive
(they are local to a database); the relative order of rows does, so a restore gives rows the
same order and export → restore → export is byte-identical.

The archive mirrors the stored rows exactly (sample blobs, plan JSON, creation times), so this
module reads and writes the table models through the unit of work's session rather than the
domain repositories, which drop those details; every row is still checked with the domain
validation of :mod:`runstrong.services.validation` before anything is written.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar, get_args

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, LargeBinary, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from runstrong import __version__
from runstrong.domain.checkin import Checkin
from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.domain.plan import SessionKind, SessionStatus, Slot
from runstrong.errors import Conflict, NotFound, RunstrongError, ValidationError
from runstrong.science import RiskThresholds
from runstrong.science.evidence.experiment_design import ExperimentDesign, check_order
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.multisport import group_file_legs
from runstrong.services.validation import check_activity, check_athlete, check_strength_session
from runstrong.store import Store
from runstrong.store.plan_codec import (
    baseline_from_json,
    request_from_json,
    session_from_payload,
    weeks_from_json,
)
from runstrong.store.samples_codec import decode_samples
from runstrong.store.tables import (
    ActivityRow,
    ActivitySamplesRow,
    AthleteRow,
    Base,
    CheckinRow,
    ExperimentRow,
    PlanRow,
    PlanSessionRow,
    ReadinessChoiceRow,
    StrengthSessionRow,
    StrengthSetRow,
)

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "RECORD_FIELDS",
    "SERVER_FIELDS",
    "ArchiveSummary",
    "export_athlete",
    "restore_athlete",
]

FORMAT_NAME = "runstrong-athlete"
FORMAT_VERSION = 3
#: Versions a restore reads: version 1 archives have no ``edited_fields``/``edited_at``;
#: versions 1 and 2 have no watch heart rate, RPE estimate or rests, no ``experiments.jsonl``
#: and no ``checkins.jsonl`` (all added in version 3).
READABLE_VERSIONS = (1, 2, 3)
_MANIFEST = "manifest.json"
_ATHLETE = "athlete.json"
_ACTIVITIES = "activities.jsonl"
_STRENGTH = "strength_sessions.jsonl"
_PLANS = "plans.jsonl"
_CHECKINS = "checkins.jsonl"
_DATA_MEMBERS = (_ATHLETE, _ACTIVITIES, _STRENGTH, _PLANS)
_EXPERIMENTS = "experiments.jsonl"  # format 3; optional so older archives restore
#: Members an archive may leave out (older versions): they then hold nothing.
_OPTIONAL_MEMBERS = (_EXPERIMENTS, _CHECKINS)
#: Zip entries carry no real time: the same content always gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MAX_MEMBER_BYTES = 2 << 30
_Row = TypeVar("_Row")

#: The fields of each record, per table; a test checks they cover every stored column.
RECORD_FIELDS: dict[type[Base], tuple[str, ...]] = {
    AthleteRow: (
        "name", "body_mass_kg", "sex", "birth_year", "event_focus", "units", "hr_rest_bpm",
        "hr_max_bpm", "timezone", "risk_thresholds", "created_at",
    ),
    ActivityRow: (
        "started_at", "sport", "session_type", "distance_m", "moving_time_s", "elapsed_time_s",
        "ascent_m", "avg_hr_bpm", "max_hr_bpm", "avg_cadence_spm", "avg_power_w", "rpe",
        "device", "name", "notes", "pain_score", "pain_location", "source", "external_id",
        "created_at", "edited_fields", "edited_at",
    ),
    ActivitySamplesRow: ("encoding", "sample_count", "payload"),
    StrengthSessionRow: (
        "started_at", "duration_s", "rpe", "machine", "notes", "pain_score", "pain_location",
        "source", "external_id", "created_at", "edited_fields", "edited_at",
        "avg_hr_bpm", "max_hr_bpm", "hr_series", "rpe_estimate",
    ),
    StrengthSetRow: (
        "exercise_slug", "reps", "load_kg", "rpe", "side", "warmup", "duration_s", "rest_s",
    ),
    PlanRow: (
        "race_label", "race_date", "start_date", "active", "request", "baseline", "weeks",
        "created_at",
    ),
    PlanSessionRow: (
        "day", "slot", "kind", "title", "key", "heavy_lower_body", "planned_load_au", "status",
        "payload",
    ),
    ExperimentRow: (
        "question", "marker", "design", "block_weeks", "n_weeks", "run_in_weeks", "block_order",
        "start_date", "analysis_date", "test_weekday", "registered_in_advance", "started_by",
        "started_at", "noise", "detectable_effect", "amendments",
    ),
    CheckinRow: (
        "day", "soreness", "sleep_h", "sleep_quality", "resting_hr_bpm", "rmssd_ms", "sdnn_ms",
        "hrv_source", "fatigue", "stress", "illness", "note", "source", "updated_at",
    ),
    ReadinessChoiceRow: ("day", "kind", "action", "summary", "detail", "chosen_at"),
}  # fmt: skip

#: Columns an archive leaves out: they belong to the server (its users, its caches), not to
#: the athlete. A restored athlete has no owner until one is set, and its plan is unapproved.
SERVER_FIELDS: dict[type[Base], tuple[str, ...]] = {
    AthleteRow: ("owner_user_id", "data_version"),
    PlanRow: ("approved_by_user_id", "approved_at"),
    # multisport events are rebuilt from the legs on restore
    StrengthSessionRow: ("idempotency_key", "event_id"),
    ActivityRow: ("event_id",),
}

#: Fields added to the format later, with the value an archive written before them means
#: (version 1 archives have no edits, warm-ups or timed holds).
LATER_FIELDS: dict[type[Base], dict[str, Any]] = {
    ActivityRow: {"edited_fields": None, "edited_at": None},
    StrengthSessionRow: {
        "edited_fields": None,
        "edited_at": None,
        "avg_hr_bpm": None,
        "max_hr_bpm": None,
        "hr_series": None,
        "rpe_estimate": None,
    },
    StrengthSetRow: {"warmup": False, "duration_s": None, "rest_s": None},
}


#: Stored columns the domain objects do not carry.
_NOT_DOMAIN = frozenset({"created_at", "edited_fields", "edited_at", "hr_series"})


@dataclass(frozen=True, slots=True)
class ArchiveSummary:
    """What an export wrote or a restore stored."""

    path: Path
    athlete: str
    counts: dict[str, int]
    sha256: str


# --- rows to JSON values and back ---------------------------------------------------------------


def _dump_value(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return moment.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _record(row: Base, table: type[Base]) -> dict[str, Any]:
    return {name: _dump_value(getattr(row, name)) for name in RECORD_FIELDS[table]}


def _load_value(table: type[Base], name: str, value: Any) -> Any:
    """A JSON value as the column ``table.name`` stores it; a wrong type is a ValidationError."""
    column = table.__table__.columns[name]
    if value is None:
        if not column.nullable:
            raise ValidationError(f"{name} is required")
        return None
    kind = column.type
    wrong = ValidationError(f"{name} has the wrong type ({type(value).__name__})")
    if isinstance(kind, DateTime):
        if not isinstance(value, str):
            raise wrong
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValidationError(f"{name} needs a UTC offset, got {value!r}")
        return moment.astimezone(UTC)
    if isinstance(kind, Date):
        if not isinstance(value, str):
            raise wrong
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        if not isinstance(value, str):
            raise wrong
        return base64.b64decode(value, validate=True)
    expected: tuple[type, ...] = (dict, list)
    if isinstance(kind, Boolean):
        expected = (bool,)
    elif isinstance(kind, Float):
        expected = (int, float)
    elif isinstance(kind, Integer):
        expected = (int,)
    elif isinstance(kind, String):  # also Text
        expected = (str,)
    if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
        raise wrong
    return value


def _columns(table: type[Base], record: Any, extra: Sequence[str] = ()) -> dict[str, Any]:
    """The column values of one record, with every field required and no unknown field."""
    if not isinstance(record, dict):
        raise ValidationError("a record must be a JSON object")
    fields = RECORD_FIELDS[table]
    record = {**LATER_FIELDS.get(table, {}), **record}
    missing = [name for name in fields if name not in record]
    unknown = sorted(set(record) - set(fields) - set(extra))
    if missing or unknown:
        raise ValidationError(f"missing fields {missing} or unknown fields {unknown}")
    edited = record.get("edited_fields")
    if edited is not None and not (
        isinstance(edited, list) and all(isinstance(name, str) for name in edited)
    ):
        raise ValidationError("edited_fields must be a list of field names")
    try:
        return {name: _load_value(table, name, record.get(name)) for name in fields}
    except (ValueError, binascii.Error) as exc:
        raise ValidationError(str(exc).splitlines()[0]) from None


# --- export ---------------------------------------------------------------------------------------


def _json_line(record: Any) -> bytes:
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8") + b"\n"


def _read_members(session: Session, athlete_id: int) -> tuple[dict[str, bytes], dict[str, int]]:
    athlete = session.get_one(AthleteRow, athlete_id)
    activities = session.scalars(
        select(ActivityRow)
        .where(ActivityRow.athlete_id == athlete_id)
        .options(selectinload(ActivityRow.samples))
        .order_by(ActivityRow.started_at, ActivityRow.id)
    ).all()
    lifts = session.scalars(
        select(StrengthSessionRow)
        .where(StrengthSessionRow.athlete_id == athlete_id)
        .options(selectinload(StrengthSessionRow.sets))
        .order_by(StrengthSessionRow.started_at, StrengthSessionRow.id)
    ).all()
    plans = session.scalars(
        select(PlanRow)
        .where(PlanRow.athlete_id == athlete_id)
        .options(selectinload(PlanRow.sessions))
        .order_by(PlanRow.start_date, PlanRow.id)
    ).all()
    activity_lines = [
        _json_line(
            {
                **_record(row, ActivityRow),
                "samples": None
                if row.samples is None
                else _record(row.samples, ActivitySamplesRow),
            }
        )
        for row in activities
    ]
    lift_lines = [
        _json_line(
            {
                **_record(row, StrengthSessionRow),
                "sets": [_record(item, StrengthSetRow) for item in row.sets],
            }
        )
        for row in lifts
    ]
    experiments = session.scalars(
        select(ExperimentRow)
        .where(ExperimentRow.athlete_id == athlete_id)
        .order_by(ExperimentRow.start_date, ExperimentRow.id)
    ).all()
    plan_lines = [
        _json_line(
            {
                **_record(row, PlanRow),
                "sessions": [_record(item, PlanSessionRow) for item in row.sessions],
            }
        )
        for row in plans
    ]
    checkins = session.scalars(
        select(CheckinRow).where(CheckinRow.athlete_id == athlete_id).order_by(CheckinRow.day)
    ).all()
    choices = session.scalars(
        select(ReadinessChoiceRow)
        .where(ReadinessChoiceRow.athlete_id == athlete_id)
        .order_by(ReadinessChoiceRow.day, ReadinessChoiceRow.kind)
    ).all()
    # One line per check-in; a day's readiness choices ride with it (a choice without a
    # check-in that day gets a line of its own with ``checkin: null``).
    by_day: dict[date, list[dict[str, Any]]] = {}
    for choice in choices:
        by_day.setdefault(choice.day, []).append(_record(choice, ReadinessChoiceRow))
    checkin_lines = [
        _json_line({"checkin": _record(row, CheckinRow), "choices": by_day.pop(row.day, [])})
        for row in checkins
    ] + [_json_line({"checkin": None, "choices": rows}) for _, rows in sorted(by_day.items())]
    members = {
        _ATHLETE: (
            json.dumps(_record(athlete, AthleteRow), sort_keys=True, indent=2, ensure_ascii=False)
            + "\n"
        ).encode("utf-8"),
        _ACTIVITIES: b"".join(activity_lines),
        _STRENGTH: b"".join(lift_lines),
        _PLANS: b"".join(plan_lines),
        _EXPERIMENTS: b"".join(_json_line(_record(row, ExperimentRow)) for row in experiments),
        _CHECKINS: b"".join(checkin_lines),
    }
    counts = {
        "activities": len(activities),
        "activity_samples": sum(1 for row in activities if row.samples is not None),
        "strength_sessions": len(lifts),
        "strength_sets": sum(len(row.sets) for row in lifts),
        "plans": len(plans),
        "plan_sessions": sum(len(row.sessions) for row in plans),
        "experiments": len(experiments),
        "checkins": len(checkins),
        "readiness_choices": len(choices),
    }
    return members, counts


def _zip_bytes(athlete_name: str, members: dict[str, bytes], counts: dict[str, int]) -> bytes:
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "athlete": athlete_name,
        "counts": counts,
        "members": {
            name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in members.items()
        },
    }
    manifest_bytes = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in ((_MANIFEST, manifest_bytes), *members.items()):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_athlete(store: Store, athlete_name: AthleteKey, path: Path) -> ArchiveSummary:
    """Write the athlete's profile, activities (with samples), strength sessions and plans to
    the zip archive ``path``; the same stored content always gives the same bytes."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        members, counts = _read_members(uow.session, athlete.id)
    data = _zip_bytes(athlete.name, members, counts)
    _write_atomically(path, data)
    return ArchiveSummary(path, athlete.name, counts, hashlib.sha256(data).hexdigest())


# --- restore --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Parsed:
    athlete: dict[str, Any]
    activities: list[tuple[dict[str, Any], dict[str, Any] | None]]
    lifts: list[tuple[dict[str, Any], list[dict[str, Any]]]]
    plans: list[tuple[dict[str, Any], list[dict[str, Any]]]]
    counts: dict[str, int]
    experiments: list[dict[str, Any]]
    checkins: list[tuple[dict[str, Any] | None, list[dict[str, Any]]]] = dataclass_field(
        default_factory=list
    )


def _read_zip(path: Path) -> dict[str, bytes]:
    if not path.is_file():
        raise NotFound(f"no archive at {path}: give the path of a file made by `runstrong export`")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if len(set(names)) != len(names):
                raise ValidationError(f"{path} is damaged: a member appears twice")
            unexpected = sorted(set(names) - {_MANIFEST, *_DATA_MEMBERS, *_OPTIONAL_MEMBERS})
            if unexpected:
                raise ValidationError(f"{path} has an unexpected member {unexpected[0]!r}")
            missing = [name for name in (_MANIFEST, *_DATA_MEMBERS) if name not in names]
            if missing:
                raise ValidationError(f"{path} is incomplete: {missing[0]} is missing")
            if any(info.file_size > _MAX_MEMBER_BYTES for info in archive.infolist()):
                raise ValidationError(f"{path} has a member larger than 2 GiB")
            return {name: archive.read(name) for name in names}
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ValidationError(f"{path} is not a readable zip archive ({exc})") from None


def _manifest(path: Path, members: dict[str, bytes]) -> dict[str, Any]:
    try:
        manifest = json.loads(members[_MANIFEST])
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError(f"{path}: manifest.json is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise ValidationError(f"{path} is not a {FORMAT_NAME} archive")
    version = manifest.get("format_version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        *first, last = (str(v) for v in READABLE_VERSIONS)
        readable = f"{', '.join(first)} and {last}" if first else last
        raise ValidationError(
            f"{path} uses archive format version {version!r}; "
            f"this runstrong reads versions {readable}"
        )
    listed = manifest.get("members")
    if not isinstance(listed, dict) or not isinstance(manifest.get("counts"), dict):
        raise ValidationError(f"{path}: manifest.json lacks members or counts")
    for name in (*_DATA_MEMBERS, *(m for m in _OPTIONAL_MEMBERS if m in members)):
        entry = listed.get(name)
        digest = hashlib.sha256(members[name]).hexdigest()
        if not isinstance(entry, dict) or entry.get("sha256") != digest:
            raise ValidationError(f"{path}: checksum mismatch for {name}; the archive was altered")
    return manifest


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError("not valid JSON") from None


def _records(name: str, data: bytes, parse: Callable[[Any], _Row]) -> list[_Row]:
    """Each line of a JSON Lines member through ``parse``; an error names the line."""
    rows = []
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            rows.append(parse(_json(line)))
        except RunstrongError as exc:
            raise ValidationError(f"{name} line {number}: {exc}") from None
    return rows


def _check_samples(record: Any) -> dict[str, Any] | None:
    if record is None:
        return None
    values = _columns(ActivitySamplesRow, record)
    try:
        decode_samples(values["payload"], values["sample_count"], values["encoding"])
    except (RunstrongError, zlib.error, ValueError) as exc:
        raise ValidationError(f"samples are damaged ({exc})") from None
    return values


def _parse_athlete(data: bytes) -> dict[str, Any]:
    values = _columns(AthleteRow, _json(data))
    profile = {k: v for k, v in values.items() if k not in ("risk_thresholds", "created_at")}
    check_athlete(Athlete(**profile))
    RiskThresholds.defaults().with_overrides(**(values["risk_thresholds"] or {}))
    return values


def _parse_activity(record: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    values = _columns(ActivityRow, record, extra=("samples",))
    check_activity(Activity(**{k: v for k, v in values.items() if k not in _NOT_DOMAIN}))
    return values, _check_samples(record["samples"])


def _parse_lift(record: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    values = _columns(StrengthSessionRow, record, extra=("sets",))
    if not isinstance(record["sets"], list):
        raise ValidationError("sets must be a list")
    sets = [_columns(StrengthSetRow, item) for item in record["sets"]]
    fields = {k: v for k, v in values.items() if k not in _NOT_DOMAIN}
    check_strength_session(
        StrengthSession(sets=tuple(StrengthSet(**item) for item in sets), **fields)
    )
    return values, sets


def _parse_plan(record: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    values = _columns(PlanRow, record, extra=("sessions",))
    if not isinstance(record["sessions"], list):
        raise ValidationError("sessions must be a list")
    sessions = [_columns(PlanSessionRow, item) for item in record["sessions"]]
    try:
        request_from_json(values["request"])
        baseline_from_json(values["baseline"])
        weeks_from_json(values["weeks"])
        for item in sessions:
            session_from_payload(
                item["payload"], **{k: v for k, v in item.items() if k != "payload"}
            )
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise ValidationError(f"the plan cannot be read ({exc})") from None
    for item in sessions:
        for field, allowed in (("slot", Slot), ("kind", SessionKind), ("status", SessionStatus)):
            if item[field] not in get_args(allowed):
                raise ValidationError(f"unknown plan session {field} {item[field]!r}")
    return values, sessions


def _parse_experiment(record: Any) -> dict[str, Any]:
    values = _columns(ExperimentRow, record)
    design = ExperimentDesign(
        values["design"], values["block_weeks"], values["n_weeks"], values["run_in_weeks"]
    )
    check_order(design, values["block_order"])
    if not 0 <= values["test_weekday"] <= 6:
        raise ValidationError("test_weekday must be 0 (Monday) to 6 (Sunday)")
    if not isinstance(values["amendments"], list):
        raise ValidationError("amendments must be a list")
    return values


def _parse_checkin(record: Any) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    if not isinstance(record, dict) or set(record) != {"checkin", "choices"}:
        raise ValidationError("a check-in line needs exactly 'checkin' and 'choices'")
    if not isinstance(record["choices"], list):
        raise ValidationError("choices must be a list")
    choices = [_columns(ReadinessChoiceRow, item) for item in record["choices"]]
    for choice in choices:
        if choice["action"] not in ("swap", "lighten", "keep"):
            raise ValidationError(f"unknown readiness action {choice['action']!r}")
    if record["checkin"] is None:
        return None, choices
    values = _columns(CheckinRow, record["checkin"])
    Checkin(**{k: v for k, v in values.items() if k != "updated_at"})  # the domain's checks
    return values, choices


def _unique_external_ids(name: str, rows: Iterable[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for row in rows:
        if row["external_id"] is not None and row["external_id"] in seen:
            raise ValidationError(f"{name}: external id {row['external_id']!r} appears twice")
        seen.add(row["external_id"])


def _parse(path: Path) -> _Parsed:
    """Read and check the whole archive; nothing is written until this has passed."""
    members = _read_zip(path)
    manifest = _manifest(path, members)
    try:
        athlete = _parse_athlete(members[_ATHLETE])
    except RunstrongError as exc:
        raise ValidationError(f"{path}: {_ATHLETE}: {exc}") from None
    try:
        activities = _records(_ACTIVITIES, members[_ACTIVITIES], _parse_activity)
        lifts = _records(_STRENGTH, members[_STRENGTH], _parse_lift)
        plans = _records(_PLANS, members[_PLANS], _parse_plan)
        experiments = _records(_EXPERIMENTS, members.get(_EXPERIMENTS, b""), _parse_experiment)
        checkins = _records(_CHECKINS, members.get(_CHECKINS, b""), _parse_checkin)
    except ValidationError as exc:
        raise ValidationError(f"{path}: {exc}") from None
    _unique_external_ids(_ACTIVITIES, (row for row, _ in activities))
    _unique_external_ids(_STRENGTH, (row for row, _ in lifts))
    counts = {
        "activities": len(activities),
        "activity_samples": sum(1 for _, samples in activities if samples is not None),
        "strength_sessions": len(lifts),
        "strength_sets": sum(len(sets) for _, sets in lifts),
        "plans": len(plans),
        "plan_sessions": sum(len(sessions) for _, sessions in plans),
    }
    if manifest["format_version"] >= 3:
        counts["experiments"] = len(experiments)
        counts["checkins"] = sum(1 for row, _ in checkins if row is not None)
        counts["readiness_choices"] = sum(len(rows) for _, rows in checkins)
    days = [row["day"] for row, _ in checkins if row is not None]
    if len(set(days)) != len(days):
        raise ValidationError(f"{path}: {_CHECKINS} has two check-ins on one day")
    if manifest["counts"] != counts:
        raise ValidationError(f"{path}: the manifest's counts do not match its content")
    return _Parsed(athlete, activities, lifts, plans, counts, experiments, checkins)


def _write(session: Session, parsed: _Parsed) -> None:
    athlete = AthleteRow(**parsed.athlete)
    session.add(athlete)
    session.flush()
    for values, samples in parsed.activities:
        row = ActivityRow(athlete_id=athlete.id, **values)
        if samples is not None:
            row.samples = ActivitySamplesRow(**samples)
        session.add(row)
    for values, sets in parsed.lifts:
        session.add(
            StrengthSessionRow(
                athlete_id=athlete.id,
                **values,
                sets=[StrengthSetRow(position=n, **item) for n, item in enumerate(sets)],
            )
        )
    for values, sessions in parsed.plans:
        session.add(
            PlanRow(
                athlete_id=athlete.id,
                **values,
                sessions=[PlanSessionRow(**item) for item in sessions],
            )
        )
    for values in parsed.experiments:
        session.add(ExperimentRow(athlete_id=athlete.id, **values))
    for checkin, choices in parsed.checkins:
        if checkin is not None:
            session.add(CheckinRow(athlete_id=athlete.id, **checkin))
        session.add_all(ReadinessChoiceRow(athlete_id=athlete.id, **c) for c in choices)
    session.flush()
    group_file_legs(session, athlete.id)  # multisport events are rebuilt from the legs


def restore_athlete(store: Store, path: Path, *, new_name: str | None = None) -> ArchiveSummary:
    """Check the archive ``path`` completely, then store its athlete in one transaction.

    The athlete keeps its archived name unless ``new_name`` is given; a name already in the
    store is a :class:`Conflict`. A damaged or altered archive raises ``ValidationError`` and
    writes nothing.
    """
    parsed = _parse(path)
    name = parsed.athlete["name"] if new_name is None else new_name.strip()
    if new_name is not None:
        check_athlete(Athlete(name=name))
    athlete = {**parsed.athlete, "name": name}
    clash = Conflict(
        f"an athlete named {name!r} already exists: restore under another name with --as NEWNAME"
    )
    try:
        with store.unit_of_work() as uow:
            if uow.athletes.get_by_name(name) is not None:
                raise clash
            _write(uow.session, replace(parsed, athlete=athlete))
    except IntegrityError as exc:
        raise clash from exc
    return ArchiveSummary(path, name, parsed.counts, hashlib.sha256(path.read_bytes()).hexdigest())
