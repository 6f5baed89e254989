"""Shared vocabulary of the authorization matrix.

Every ``tests/web/access_cases_*.py`` module exposes ``CASES: list[AccessCase]``; the runner in
``test_authorization_matrix.py`` plays each case for the owner, a coach with access, a coach
without access, a stranger and an anonymous visitor, and checks the answer against ``need``:

- ``public``: everyone, signed in or not, gets an answer below 400;
- ``user``: any signed-in user; anonymous visitors get 401 (API) or a 303 to /login (pages);
- ``read`` / ``review`` / ``write`` (athlete-scoped): the owner may do all three, a coach with
  access read and review (403 for write); users without access get 404, anonymous ones 401/303.

A case's ``request`` must make a request that SUCCEEDS for an allowed caller. Destructive valid
requests are fine: after each allowed request the runner restores the fixture (re-creates a
deleted activity, strength session or plan, restores the coach share, signs a user back in),
so cases need not care about order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Need = Literal["public", "user", "read", "review", "write"]

#: A user the runner creates who plays no role: the owner may invite them as a coach in a
#: valid request (the runner takes the share back afterwards).
INVITEE_USERNAME = "invitee"


@dataclass(frozen=True)
class Ctx:
    """Ids of the owner's things, created by the runner before the matrix runs."""

    athlete_id: int
    activity_id: int
    strength_session_id: int
    plan_session_id: int
    coach_user_id: int
    comment_id: int | None = None
    #: An API token of the user making the request (for the "delete my token" routes).
    token_id: int | None = None
    #: A background job of the owner's athlete.
    job_id: str | None = None
    #: A folder source the owner added on the web (under the matrix's source root).
    source_id: int | None = None


@dataclass(frozen=True)
class AccessCase:
    """One route and the access it needs.

    ``path`` may hold ``{athlete_id}``, ``{activity_id}``, ``{strength_session_id}``,
    ``{plan_session_id}`` and ``{coach_user_id}`` placeholders. ``request`` returns the keyword
    arguments of ``client.request`` (``json=``, ``data=``, ``params=``, ``files=``...) making a
    VALID request; the runner adds the CSRF token (header for /api, ``csrf_token`` form field for
    pages).
    """

    method: str
    path: str
    need: Need
    request: Callable[[Ctx], dict[str, Any]] | None = None
    #: Values for placeholders the context does not know (e.g. ``{plotly_version}``).
    path_params: Callable[[Ctx], dict[str, Any]] | None = None

    def url(self, ctx: Ctx) -> str:
        values: dict[str, Any] = {
            "athlete_id": ctx.athlete_id,
            "activity_id": ctx.activity_id,
            "strength_session_id": ctx.strength_session_id,
            "plan_session_id": ctx.plan_session_id,
            "coach_user_id": ctx.coach_user_id,
            "comment_id": ctx.comment_id,
            "token_id": ctx.token_id,
            "job_id": ctx.job_id,
            "source_id": ctx.source_id,
        }
        if self.path_params is not None:
            values.update(self.path_params(ctx))
        return self.path.format(**values)

    def kwargs(self, ctx: Ctx) -> dict[str, Any]:
        return dict(self.request(ctx)) if self.request is not None else {}


__all__ = ["INVITEE_USERNAME", "AccessCase", "Ctx", "Need"]
