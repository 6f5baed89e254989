"""Users, their sign-in sessions, API tokens and failed sign-ins."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from runstrong.domain.accounts import ApiToken, User
from runstrong.store.tables import (
    ApiTokenRow,
    AthleteRow,
    LoginFailureRow,
    UserRow,
    WebSessionRow,
)

__all__ = ["ApiTokenRepository", "LoginFailureRepository", "UserRepository", "WebSessionRepository"]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        username=row.username,
        email=row.email,
        is_admin=row.is_admin,
        created_at=_aware(row.created_at),
    )


class UserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: User, password_hash: str) -> User:
        row = UserRow(
            username=user.username,
            email=user.email,
            is_admin=user.is_admin,
            password_hash=password_hash,
        )
        self._session.add(row)
        self._session.flush()
        return _user(row)

    def get(self, user_id: int) -> User | None:
        row = self._session.get(UserRow, user_id)
        return _user(row) if row else None

    def find(self, username_or_email: str) -> User | None:
        """The user with this username or e-mail address (both compared lower-case)."""
        key = username_or_email.strip().lower()
        row = self._session.scalars(
            select(UserRow).where((UserRow.username == key) | (func.lower(UserRow.email) == key))
        ).first()
        return _user(row) if row else None

    def password_hash(self, user_id: int) -> str:
        return self._session.get_one(UserRow, user_id).password_hash

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        self._session.get_one(UserRow, user_id).password_hash = password_hash
        self._session.flush()

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(UserRow)) or 0)

    def list(self) -> list[User]:
        return [_user(row) for row in self._session.scalars(select(UserRow).order_by(UserRow.id))]

    def owned_athlete_ids(self, user_id: int) -> list[int]:
        return list(
            self._session.scalars(
                select(AthleteRow.id)
                .where(AthleteRow.owner_user_id == user_id)
                .order_by(AthleteRow.id)
            )
        )


class WebSessionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, token_hash: str, user_id: int, csrf_token: str, expires_at: datetime) -> None:
        self._session.add(
            WebSessionRow(
                token_hash=token_hash, user_id=user_id, csrf_token=csrf_token, expires_at=expires_at
            )
        )
        self._session.flush()

    def find(self, token_hash: str, now: datetime) -> tuple[User, str] | None:
        """The signed-in user and the session's CSRF token, if the session is still valid."""
        found = self._session.execute(
            select(UserRow, WebSessionRow.csrf_token, WebSessionRow.expires_at)
            .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
            .where(WebSessionRow.token_hash == token_hash)
        ).first()
        if found is None or _aware(found[2]) <= now:
            return None
        return _user(found[0]), found[1]

    def delete(self, token_hash: str) -> None:
        self._session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash))

    def delete_for_user(self, user_id: int, *, except_hash: str | None = None) -> None:
        statement = delete(WebSessionRow).where(WebSessionRow.user_id == user_id)
        if except_hash is not None:
            statement = statement.where(WebSessionRow.token_hash != except_hash)
        self._session.execute(statement)

    def delete_expired(self, now: datetime) -> int:
        result = self._session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at <= now))
        return int(getattr(result, "rowcount", 0) or 0)


class ApiTokenRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @staticmethod
    def _token(row: ApiTokenRow) -> ApiToken:
        return ApiToken(
            id=row.id,
            user_id=row.user_id,
            name=row.name,
            created_at=_aware(row.created_at),
            last_used_at=_aware(row.last_used_at) if row.last_used_at else None,
        )

    def add(self, user_id: int, name: str, token_hash: str) -> ApiToken:
        row = ApiTokenRow(user_id=user_id, name=name, token_hash=token_hash)
        self._session.add(row)
        self._session.flush()
        return self._token(row)

    def user_for(self, token_hash: str) -> User | None:
        row = self._session.scalars(
            select(UserRow)
            .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.token_hash == token_hash)
        ).first()
        return _user(row) if row else None

    def list_for_user(self, user_id: int) -> list[ApiToken]:
        rows = self._session.scalars(
            select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id)
        )
        return [self._token(row) for row in rows]

    def delete(self, user_id: int, token_id: int) -> bool:
        result = self._session.execute(
            delete(ApiTokenRow).where(ApiTokenRow.id == token_id, ApiTokenRow.user_id == user_id)
        )
        return bool(getattr(result, "rowcount", 0))


class LoginFailureRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, username: str, client: str) -> None:
        self._session.add(LoginFailureRow(username=username.strip().lower()[:254], client=client))
        self._session.flush()

    def count_since(
        self, since: datetime, *, username: str | None = None, client: str | None = None
    ) -> int:
        statement = (
            select(func.count()).select_from(LoginFailureRow).where(LoginFailureRow.at >= since)
        )
        if username is not None:
            statement = statement.where(LoginFailureRow.username == username.strip().lower())
        if client is not None:
            statement = statement.where(LoginFailureRow.client == client)
        return int(self._session.scalar(statement) or 0)

    def clear(self, username: str) -> None:
        self._session.execute(
            delete(LoginFailureRow).where(LoginFailureRow.username == username.strip().lower())
        )
