"""Use cases: remove an athlete with everything of theirs, or a user account.

An athlete's removal takes their runs with samples, strength sessions with sets, plans, coach
shares and every comment on them. A user's removal takes the athletes they own (as above),
their coach shares, the comments they wrote, their API tokens and signed-in sessions; for a
coach who owns no athlete that is only their access and comments.
"""

from __future__ import annotations

from dataclasses import dataclass

from runstrong.domain.accounts import User
from runstrong.errors import NotFound, PermissionDenied
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.passwords import verify_password
from runstrong.store import Store, UnitOfWork
from runstrong.store.retry import lock_athlete, run_in_transaction

__all__ = ["AthleteRemoved", "delete_account", "delete_athlete"]


@dataclass(frozen=True, slots=True)
class AthleteRemoved:
    name: str
    activities: int
    strength_sessions: int


def _remove_athlete(uow: UnitOfWork, athlete_id: int) -> AthleteRemoved:
    athlete = uow.athletes.get(athlete_id)
    if athlete is None:
        raise NotFound(f"no athlete with id {athlete_id}")
    lock_athlete(uow, athlete_id)
    removed = AthleteRemoved(
        athlete.name, uow.activities.count(athlete_id), uow.strength.count(athlete_id)
    )
    uow.edits.delete_athlete(athlete_id)
    return removed


def delete_athlete(store: Store, athlete_key: AthleteKey) -> AthleteRemoved:
    """Remove the athlete (a name, an id, or ``None`` for the only one) and all their data."""

    def work(uow: UnitOfWork) -> AthleteRemoved:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        return _remove_athlete(uow, athlete.id)

    return run_in_transaction(store, work)


def delete_account(store: Store, user: User, password: str) -> list[AthleteRemoved]:
    """Remove the user's account after checking their password; returns the athletes removed
    with it (those the user owned)."""
    assert user.id is not None
    user_id = user.id

    def work(uow: UnitOfWork) -> list[AthleteRemoved]:
        if uow.users.get(user_id) is None:
            raise NotFound("this account no longer exists")
        if not verify_password(uow.users.password_hash(user_id), password):
            raise PermissionDenied("the password is wrong: the account was not deleted")
        owned = [i for i, _, role in uow.sharing.visible_athletes(user_id) if role == "owner"]
        removed = [_remove_athlete(uow, athlete_id) for athlete_id in owned]
        uow.edits.delete_user(user_id)
        return removed

    return run_in_transaction(store, work)
