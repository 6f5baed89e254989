"""Who may do what with an athlete's data: the one place the sharing rules live.

=========================  =====  ======  =====
need                       owner  coach   other
=========================  =====  ======  =====
read (see data, export)    yes    yes     no
review (comment, plans)    yes    yes     no
write (log, import, share) yes    no      no
=========================  =====  ======  =====

Someone with no access at all is told the athlete does not exist (``NotFound``), so ids cannot
be probed; a coach asking for an owner's right gets ``PermissionDenied``.
"""

from __future__ import annotations

from runstrong.domain.accounts import AccessNeed, AthleteAccess, Role, User
from runstrong.errors import NotFound, PermissionDenied
from runstrong.store import Store, UnitOfWork

__all__ = ["ALLOWED", "check_access", "check_access_in", "visible_athletes"]

ALLOWED: dict[AccessNeed, frozenset[Role]] = {
    "read": frozenset({"owner", "coach"}),
    "review": frozenset({"owner", "coach"}),
    "write": frozenset({"owner"}),
}


def check_access_in(
    uow: UnitOfWork, user: User, athlete_id: int, need: AccessNeed
) -> AthleteAccess:
    assert user.id is not None
    role = uow.sharing.role(user.id, athlete_id)
    if role is None:
        raise NotFound(f"no athlete with id {athlete_id}")
    if role not in ALLOWED[need]:
        raise PermissionDenied(
            "only the athlete can do this; as their coach you may read, comment and edit plans"
        )
    return AthleteAccess(athlete_id=athlete_id, user_id=user.id, role=role)


def check_access(store: Store, user: User, athlete_id: int, need: AccessNeed) -> AthleteAccess:
    """The user's access to the athlete, if it covers ``need``; raises otherwise."""
    with store.unit_of_work() as uow:
        return check_access_in(uow, user, athlete_id, need)


def visible_athletes(store: Store, user: User) -> list[tuple[int, str, Role]]:
    """(athlete id, name, role) for every athlete the user owns or coaches."""
    assert user.id is not None
    with store.unit_of_work() as uow:
        return uow.sharing.visible_athletes(user.id)
