"""Use case: an athlete's Strava account kept in step: connect (OAuth authorization code flow,
``state`` checked), backfill newest first page by page (the place is saved after every page),
webhook events (create, update, delete, deauthorize; unknown athletes and activities ignored),
a poll as fallback, and disconnect (revoking the token).

Activities are stored by the import's storing step (:func:`runstrong.services.imports.store_parsed`)
with the rules of a file. An activity already imported from its FIT file (the same sport,
starting within a minute) is not stored again. Tokens stay in the store and in this module: no
answer, page or log shows them; they are refreshed when less than ten minutes remain.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from runstrong.connectors.strava_client import StravaClient, StravaError
from runstrong.errors import Conflict, NotFound, PermissionDenied, RunstrongError, ValidationError
from runstrong.importers.strava_api import (
    activity_from_strava,
    external_id_of,
    is_weight_training,
    strength_from_strava,
)
from runstrong.services.imports import FileOutcome, store_parsed
from runstrong.settings import Settings
from runstrong.store import Store, UnitOfWork
from runstrong.store.retry import run_in_transaction
from runstrong.store.strava_repository import StravaConnection

__all__ = [
    "BackfillResult",
    "StravaStatus",
    "backfill",
    "client_from_settings",
    "connection_status",
    "disconnect",
    "event_athlete",
    "finish_connect",
    "handle_event",
    "owned_connections",
    "poll",
    "start_connect",
    "strava_athletes",
]

_STATE_MAX_AGE = timedelta(minutes=15)
_REFRESH_MARGIN = timedelta(minutes=10)
_TWIN_WITHIN_S = 60.0
#: A Strava strength session this close to a logged one is the same session.
_SAME_LIFT_S = 2 * 3600.0


@dataclass(frozen=True, slots=True)
class StravaStatus:
    """What a page or the API may show about a connection (no tokens)."""

    connected: bool
    strava_athlete_id: int | None = None
    backfill_done: bool = False
    last_poll_at: datetime | None = None
    connected_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class BackfillResult:
    pages: int
    imported: int
    already_present: int
    skipped: int
    failed: int
    done: bool


def client_from_settings(settings: Settings) -> StravaClient:
    if not settings.strava_client_id or not settings.strava_client_secret:
        raise ValidationError(
            "Strava is not set up on this server: set RUNSTRONG_STRAVA_CLIENT_ID and "
            "RUNSTRONG_STRAVA_CLIENT_SECRET (a Strava API application)"
        )
    return StravaClient(
        settings.strava_client_id, settings.strava_client_secret,
        base_url=settings.strava_base_url,
    )  # fmt: skip


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def start_connect(
    store: Store, client: StravaClient, user_id: int, athlete_id: int, redirect_uri: str
) -> str:
    """The Strava page to send the user to; its ``state`` is remembered for this user and
    athlete (the caller has checked the user owns the athlete)."""
    state = secrets.token_urlsafe(24)

    def remember(uow: UnitOfWork) -> None:
        uow.strava.add_state(_hash(state), user_id, athlete_id)

    run_in_transaction(store, remember)
    return client.authorize_url(redirect_uri, state)


def finish_connect(store: Store, client: StravaClient, user_id: int, state: str, code: str) -> int:
    """Check the ``state`` (this user's, recent, unused), trade the code for tokens and keep
    them; the athlete's id."""
    if not state or not code:
        raise ValidationError("Strava's answer lacks its code or state; connect again")
    taken = run_in_transaction(
        store, lambda uow: uow.strava.take_state(_hash(state), _STATE_MAX_AGE)
    )
    if taken is None or taken[0] != user_id:
        raise PermissionDenied(
            "that Strava answer was not asked for here (or is too old); connect again"
        )
    athlete_id = taken[1]
    try:
        tokens = client.exchange_code(code)
    except StravaError as exc:
        raise ValidationError(f"Strava refused the connection: {exc}") from None
    if tokens.strava_athlete_id is None:
        raise ValidationError("Strava did not say whose account this is; connect again")

    def keep(uow: UnitOfWork) -> None:
        other = uow.strava.of_strava_athlete(tokens.strava_athlete_id or 0)
        if other is not None and other.athlete_id != athlete_id:
            raise Conflict("that Strava account is connected to another athlete")
        uow.strava.save(
            athlete_id, tokens.strava_athlete_id or 0, tokens.access_token,
            tokens.refresh_token, tokens.expires_at, tokens.scope,
        )  # fmt: skip

    run_in_transaction(store, keep)
    return athlete_id


def connection_status(store: Store, athlete_id: int) -> StravaStatus:
    found = run_in_transaction(store, lambda uow: uow.strava.of_athlete(athlete_id))
    if found is None:
        return StravaStatus(False)
    return StravaStatus(
        True, found.strava_athlete_id, found.backfill_done, found.last_poll_at, found.created_at
    )


def _connection(store: Store, athlete_id: int) -> StravaConnection:
    found = run_in_transaction(store, lambda uow: uow.strava.of_athlete(athlete_id))
    if found is None:
        raise NotFound("this athlete has no Strava account connected")
    return found


def _token(store: Store, client: StravaClient, athlete_id: int) -> str:
    """A valid access token, refreshed first when it runs out within ten minutes."""
    found = _connection(store, athlete_id)
    if found.expires_at - datetime.now(UTC) > _REFRESH_MARGIN:
        return found.access_token
    tokens = client.refresh(found.refresh_token)
    run_in_transaction(
        store,
        lambda uow: uow.strava.set_tokens(
            athlete_id, tokens.access_token, tokens.refresh_token, tokens.expires_at
        ),
    )
    return tokens.access_token


def disconnect(store: Store, client: StravaClient, athlete_id: int) -> None:
    """Revoke the token at Strava and forget it; what was imported stays."""
    found = _connection(store, athlete_id)
    try:
        client.deauthorize(found.access_token)
    except StravaError as exc:
        if exc.status not in (401, 403):  # already revoked: forget it all the same
            raise RunstrongError(f"could not revoke the Strava token: {exc}") from None
    run_in_transaction(store, lambda uow: uow.strava.remove(athlete_id))


def _import(
    store: Store, client: StravaClient, athlete_id: int, token: str, summary: dict[str, Any]
) -> FileOutcome:
    name = f"strava activity {summary.get('id')}"
    if is_weight_training(summary):
        return _import_strength(store, athlete_id, name, summary)
    try:
        parsed = activity_from_strava(summary, {})
        activity = parsed.activities[0]
        twin = run_in_transaction(
            store,
            lambda uow: uow.strava.twin_near(
                athlete_id, activity.started_at, activity.sport, _TWIN_WITHIN_S
            ),
        )
        if twin is not None:
            return FileOutcome(name, "already_present", "strava-api")
        parsed = activity_from_strava(summary, client.streams(token, int(summary["id"])))
    except RunstrongError as exc:
        return FileOutcome(name, "failed", "strava-api", message=str(exc))
    return store_parsed(store, athlete_id, name, parsed)


def _import_strength(
    store: Store, athlete_id: int, name: str, summary: dict[str, Any]
) -> FileOutcome:
    """A WeightTraining activity: merged with a session logged or imported for the same time
    (within two hours), else stored without sets, asking for them."""
    try:
        parsed = strength_from_strava(summary)
    except RunstrongError as exc:
        return FileOutcome(name, "failed", "strava-api", message=str(exc))
    session = parsed.strength_sessions[0]
    twin = run_in_transaction(
        store, lambda uow: uow.strava.strength_near(athlete_id, session.started_at, _SAME_LIFT_S)
    )
    if twin is not None:
        return FileOutcome(name, "already_present", "strava-api")
    return store_parsed(store, athlete_id, name, parsed)


def backfill(
    store: Store, client: StravaClient, athlete_id: int, *, max_pages: int | None = None,
    per_page: int = 50,
) -> BackfillResult:  # fmt: skip
    """Read the athlete's history newest first, one page at a time, saving the place after
    each page; call again to go on (``max_pages`` bounds one call)."""
    counts = {"imported": 0, "already_present": 0, "skipped": 0, "failed": 0}
    pages = 0
    found = _connection(store, athlete_id)
    before, done = found.backfill_before, found.backfill_done
    while not done and (max_pages is None or pages < max_pages):
        page = client.activities(
            _token(store, client, athlete_id), before=before, per_page=per_page
        )
        pages += 1
        for summary in page:
            outcome = _import(store, client, athlete_id, _token(store, client, athlete_id), summary)
            counts[outcome.status] += 1
        if page:
            before = min(_epoch(s) for s in page)
        done = len(page) < per_page
        _save_place(store, athlete_id, before, done)
    return BackfillResult(pages, done=done, **counts)


def _save_place(store: Store, athlete_id: int, before: int | None, done: bool) -> None:
    run_in_transaction(store, lambda uow: uow.strava.set_backfill(athlete_id, before, done))


def _epoch(summary: dict[str, Any]) -> int:
    text = str(summary.get("start_date", "")).replace("Z", "+00:00")
    try:
        return int(datetime.fromisoformat(text).timestamp())
    except ValueError:
        return 0


def poll(store: Store, client: StravaClient, athlete_id: int) -> int:
    """The fallback when webhook events are missed: activities since the last poll (or the
    last day); how many were imported."""
    found = _connection(store, athlete_id)
    now = datetime.now(UTC)
    since = (found.last_poll_at or now - timedelta(days=1)) - timedelta(hours=1)
    token = _token(store, client, athlete_id)
    imported = 0
    page_number = 1
    while page := client.activities(token, after=int(since.timestamp()), page=page_number):
        imported += sum(
            _import(store, client, athlete_id, token, s).status == "imported" for s in page
        )
        page_number += 1
    run_in_transaction(store, lambda uow: uow.strava.set_polled(athlete_id, now))
    return imported


def handle_event(store: Store, client: StravaClient, event: dict[str, Any]) -> str:
    """One webhook event; what was done (``ignored`` for athletes and activities runstrong
    does not know)."""
    try:
        owner = int(event["owner_id"])
        object_id = int(event["object_id"])
        kind, aspect = str(event["object_type"]), str(event["aspect_type"])
    except (KeyError, TypeError, ValueError):
        raise ValidationError("not a Strava webhook event") from None
    found = run_in_transaction(store, lambda uow: uow.strava.of_strava_athlete(owner))
    if found is None:
        return "ignored"
    athlete_id = found.athlete_id
    if kind == "athlete":
        updates = event.get("updates") or {}
        if str(updates.get("authorized", "")).lower() == "false":
            run_in_transaction(store, lambda uow: uow.strava.remove(athlete_id))
            return "deauthorized"
        return "ignored"
    if kind != "activity":
        return "ignored"
    external = external_id_of(object_id)
    if aspect == "delete":
        return "deleted" if _delete(store, athlete_id, external) else "ignored"
    token = _token(store, client, athlete_id)
    try:
        summary = client.activity(token, object_id)
    except StravaError as exc:
        if exc.status == 404:
            return "ignored"
        raise
    if aspect == "update" and _update(store, athlete_id, external, summary):
        return "updated"
    outcome = _import(store, client, athlete_id, token, summary)
    return outcome.status


def _delete(store: Store, athlete_id: int, external: str) -> bool:
    def work(uow: UnitOfWork) -> bool:
        row = uow.strava.activity_by_external(athlete_id, external)
        if row is None:
            return False
        return uow.edits.delete_activity(athlete_id, row.id)

    return run_in_transaction(store, work)


def _update(store: Store, athlete_id: int, external: str, summary: dict[str, Any]) -> bool:
    """Take Strava's new title and sport, unless the runner changed them here."""
    fresh = activity_from_strava(summary, {}).activities[0]

    def work(uow: UnitOfWork) -> bool:
        row = uow.strava.activity_by_external(athlete_id, external)
        if row is None:
            return False
        edited = set(row.edited_fields or ())
        if "name" not in edited:
            row.name = fresh.name
        if "sport" not in edited:
            row.sport = fresh.sport
        uow.mark_changed(athlete_id)
        return True

    return run_in_transaction(store, work)


def owned_connections(store: Store, user_id: int) -> list[tuple[int, str, StravaStatus]]:
    """(athlete id, name, Strava status) for each athlete the user owns (a user connects only
    their own athletes)."""

    def load(uow: UnitOfWork) -> list[tuple[int, str, int | None]]:
        owned = [(a, n) for a, n, role in uow.sharing.visible_athletes(user_id) if role == "owner"]
        return [(a, n, a) for a, n in owned]

    return [(a, n, connection_status(store, a)) for a, n, _ in run_in_transaction(store, load)]


def event_athlete(store: Store, event: dict[str, Any]) -> int | None:
    """The athlete a webhook event is about, or ``None`` for an athlete runstrong does not know."""
    try:
        owner = int(event["owner_id"])
    except (KeyError, TypeError, ValueError):
        raise ValidationError("not a Strava webhook event: owner_id is missing") from None
    found = run_in_transaction(store, lambda uow: uow.strava.of_strava_athlete(owner))
    return found.athlete_id if found is not None else None


def strava_athletes(store: Store) -> list[int]:
    """The athletes with a Strava account connected."""
    return [c.athlete_id for c in run_in_transaction(store, lambda uow: uow.strava.all())]
