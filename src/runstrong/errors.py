"""The one exception tree of runstrong.

::

    RunstrongError                  base; exit code 1, HTTP 500
    ├── ValidationError(ValueError) bad input a user can fix; exit code 2, HTTP 422
    │   └── ImportFormatError       a file that cannot be read as the format it claims; exit 2
    ├── NotFound(LookupError)       a named athlete, exercise or session is missing; exit 2, 404
    ├── Conflict                    the request clashes with stored data; exit 2, HTTP 409
    ├── PermissionDenied            the caller may not see or change this; exit 2, HTTP 403
    └── Unauthenticated             the caller must sign in first; HTTP 401 (pages: to sign-in)

Adapters (CLI, web) translate these once, in one place each. Messages are written for the user:
one sentence saying what was wrong and, where possible, how to fix it.
"""

from __future__ import annotations

__all__ = [
    "Conflict",
    "ImportFormatError",
    "NotFound",
    "PermissionDenied",
    "RunstrongError",
    "Unauthenticated",
    "ValidationError",
]


class RunstrongError(Exception):
    """Base of every error runstrong raises on purpose."""

    exit_code: int = 1
    code: str = "internal_error"


class ValidationError(RunstrongError, ValueError):
    """Input that violates a documented precondition (a value out of range, a malformed string)."""

    exit_code = 2
    code = "invalid_input"


class ImportFormatError(ValidationError):
    """A file that is not what it claims to be, or is damaged beyond use."""

    code = "import_format"


class NotFound(RunstrongError, LookupError):
    """A named thing does not exist."""

    exit_code = 2
    code = "not_found"


class Conflict(RunstrongError):
    """The request clashes with what is stored (a duplicate name, for example)."""

    exit_code = 2
    code = "conflict"


class PermissionDenied(RunstrongError):
    """The caller may not see or change this."""

    exit_code = 2
    code = "permission_denied"


class Unauthenticated(RunstrongError):
    """The request carries no valid session or token."""

    exit_code = 2
    code = "unauthenticated"
