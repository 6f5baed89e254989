"""Use cases for accounts: sign up, sign in (rate limited), sessions, passwords, API tokens."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy.exc import IntegrityError

from runstrong.domain.accounts import ApiToken, User
from runstrong.domain.models import Athlete
from runstrong.errors import Conflict, NotFound, PermissionDenied, RunstrongError, ValidationError
from runstrong.services.passwords import check_new_password, hash_password, verify_password
from runstrong.services.validation import check_athlete
from runstrong.store import Store, UnitOfWork

__all__ = [
    "SESSION_LIFETIME",
    "NewAccount",
    "SignedIn",
    "TooManyAttempts",
    "authenticate",
    "change_password",
    "create_api_token",
    "create_user",
    "delete_api_token",
    "end_session",
    "list_api_tokens",
    "session_user",
    "sign_up",
    "start_session",
    "token_hash",
    "token_user",
    "user_count",
]

SESSION_LIFETIME = timedelta(days=14)
#: Failed sign-ins allowed per username (and, more loosely, per client) in the window.
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_CLIENT = 20
FAILURE_WINDOW = timedelta(minutes=15)

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,38}[a-z0-9]$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,}$")


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both cases take the same time."""
    return hash_password(secrets.token_urlsafe(16))


class TooManyAttempts(RunstrongError):
    """Too many failed sign-ins; the caller should wait (HTTP 429)."""

    exit_code = 2
    code = "too_many_attempts"


@dataclass(frozen=True, slots=True)
class NewAccount:
    """What a sign-up form asks for; the athlete profile is created with the account."""

    username: str
    password: str
    email: str | None = None
    athlete_name: str | None = None
    timezone: str = "UTC"
    units: str = "metric"
    event_focus: str = "distance"
    body_mass_kg: float | None = None


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new browser session: the cookie value (shown once) and its CSRF token."""

    user: User
    session_token: str
    csrf_token: str
    expires_at: datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _clean_username(username: str) -> str:
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise ValidationError(
            "a username has 3-40 characters: letters, digits, '.', '_' or '-', "
            "starting and ending with a letter or digit"
        )
    return name


def _clean_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    value = email.strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValidationError(f"{value!r} is not an e-mail address")
    return value


def _add_user(
    uow: UnitOfWork, username: str, password: str, email: str | None, *, admin: bool
) -> User:
    name = _clean_username(username)
    address = _clean_email(email)
    check_new_password(password, username=name)
    if uow.users.find(name) is not None:
        raise Conflict(f"the username {name!r} is taken")
    if address is not None and uow.users.find(address) is not None:
        raise Conflict("an account with that e-mail address exists")
    return uow.users.add(
        User(username=name, email=address, is_admin=admin), hash_password(password)
    )


def create_user(
    store: Store,
    username: str,
    password: str,
    *,
    email: str | None = None,
    admin: bool = False,
    athlete_name: str | None = None,
) -> User:
    """An account made by an administrator (``runstrong user create``); with ``athlete_name``,
    the user becomes the owner of that athlete (an existing one, or a new profile)."""
    try:
        with store.unit_of_work() as uow:
            user = _add_user(uow, username, password, email, admin=admin)
            assert user.id is not None
            if athlete_name is not None:
                athlete = uow.athletes.get_by_name(athlete_name)
                if athlete is None:
                    candidate = Athlete(name=athlete_name.strip())
                    check_athlete(candidate)
                    athlete = uow.athletes.add(candidate)
                assert athlete.id is not None
                uow.sharing.set_owner(athlete.id, user.id)
            return user
    except IntegrityError as exc:
        raise Conflict("that username or e-mail address is taken") from exc


def sign_up(store: Store, account: NewAccount) -> tuple[User, Athlete]:
    """A new user and the athlete profile they own, in one transaction."""
    athlete = Athlete(
        name=(account.athlete_name or account.username).strip(),
        timezone=account.timezone,
        units=account.units,  # type: ignore[arg-type]
        event_focus=account.event_focus,  # type: ignore[arg-type]
        body_mass_kg=account.body_mass_kg,
    )
    try:
        with store.unit_of_work() as uow:
            user = _add_user(uow, account.username, account.password, account.email, admin=False)
            check_athlete(athlete)
            if uow.athletes.get_by_name(athlete.name) is not None:
                raise Conflict(
                    f"an athlete named {athlete.name!r} already exists: choose another athlete name"
                )
            stored = uow.athletes.add(athlete)
            assert stored.id is not None and user.id is not None
            uow.sharing.set_owner(stored.id, user.id)
            return user, stored
    except IntegrityError as exc:
        raise Conflict("that username, e-mail address or athlete name is taken") from exc


def user_count(store: Store) -> int:
    with store.unit_of_work() as uow:
        return uow.users.count()


def authenticate(store: Store, username: str, password: str, *, client: str) -> User:
    """The user whose password this is. Failures are counted; after too many in a short while
    the sign-in is refused before the password is even checked."""
    since = _now() - FAILURE_WINDOW
    with store.unit_of_work() as uow:
        if (
            uow.login_failures.count_since(since, username=username) >= MAX_FAILURES_PER_USERNAME
            or uow.login_failures.count_since(since, client=client) >= MAX_FAILURES_PER_CLIENT
        ):
            minutes = int(FAILURE_WINDOW.total_seconds() // 60)
            raise TooManyAttempts(f"too many failed sign-ins: wait {minutes} minutes and try again")
        user = uow.users.find(username) if username.strip() else None
        stored_hash = uow.users.password_hash(user.id) if user and user.id else _dummy_hash()
    if user is None or not verify_password(stored_hash, password):
        with store.unit_of_work() as uow:
            uow.login_failures.add(username or "-", client)
        raise PermissionDenied("wrong username or password")
    with store.unit_of_work() as uow:
        uow.login_failures.clear(user.username)
    return user


def start_session(store: Store, user: User) -> SignedIn:
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = _now() + SESSION_LIFETIME
    assert user.id is not None
    with store.unit_of_work() as uow:
        uow.web_sessions.delete_expired(_now())
        uow.web_sessions.add(token_hash(token), user.id, csrf, expires)
    return SignedIn(user=user, session_token=token, csrf_token=csrf, expires_at=expires)


def session_user(store: Store, session_token: str) -> tuple[User, str] | None:
    """The user and CSRF token of a valid session cookie, or ``None``."""
    if not session_token or len(session_token) > 200:
        return None
    with store.unit_of_work() as uow:
        return uow.web_sessions.find(token_hash(session_token), _now())


def end_session(store: Store, session_token: str) -> None:
    with store.unit_of_work() as uow:
        uow.web_sessions.delete(token_hash(session_token))


def change_password(
    store: Store, user: User, current_password: str, new_password: str, *, keep_session: str | None
) -> None:
    """Replace the password after checking the current one; every other session is signed out."""
    assert user.id is not None
    with store.unit_of_work() as uow:
        if not verify_password(uow.users.password_hash(user.id), current_password):
            raise PermissionDenied("the current password is wrong")
        check_new_password(new_password, username=user.username)
        uow.users.set_password_hash(user.id, hash_password(new_password))
        uow.web_sessions.delete_for_user(
            user.id, except_hash=token_hash(keep_session) if keep_session else None
        )


def create_api_token(store: Store, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token; the secret is returned once and only its hash is kept."""
    label = name.strip()
    if not 1 <= len(label) <= 80:
        raise ValidationError("a token needs a name of 1-80 characters")
    secret = "rs_" + secrets.token_urlsafe(32)
    assert user.id is not None
    with store.unit_of_work() as uow:
        return uow.api_tokens.add(user.id, label, token_hash(secret)), secret


def list_api_tokens(store: Store, user: User) -> list[ApiToken]:
    assert user.id is not None
    with store.unit_of_work() as uow:
        return uow.api_tokens.list_for_user(user.id)


def delete_api_token(store: Store, user: User, token_id: int) -> None:
    assert user.id is not None
    with store.unit_of_work() as uow:
        if not uow.api_tokens.delete(user.id, token_id):
            raise NotFound(f"no API token with id {token_id}")


def token_user(store: Store, secret: str) -> User | None:
    if not secret.startswith("rs_") or len(secret) > 200:
        return None
    with store.unit_of_work() as uow:
        return uow.api_tokens.user_for(token_hash(secret))
