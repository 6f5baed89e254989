"""Password hashing with Argon2id (argon2-cffi) and the rules a new password must meet."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from runstrong.errors import ValidationError

__all__ = ["MIN_PASSWORD_LENGTH", "check_new_password", "hash_password", "verify_password"]

MIN_PASSWORD_LENGTH = 10
_MAX_PASSWORD_LENGTH = 1024


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    # argon2-cffi's defaults follow RFC 9106's second recommended option (64 MiB, 3 passes).
    return PasswordHasher()


def check_new_password(password: str, *, username: str = "") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > _MAX_PASSWORD_LENGTH:
        raise ValidationError(f"a password may have at most {_MAX_PASSWORD_LENGTH} characters")
    if username and password.strip().lower() == username.strip().lower():
        raise ValidationError("a password must not be the username")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if len(password) > _MAX_PASSWORD_LENGTH:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
