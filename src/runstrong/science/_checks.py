"""Precondition checks shared by the science modules (private).

Each check raises :class:`runstrong.errors.ValidationError` with one sentence a user can act on,
naming the quantity, the allowed range and the value received.
"""

from __future__ import annotations

import math
import numbers

from runstrong.errors import ValidationError


def positive(name: str, value: float) -> float:
    """Return ``value`` as a float if it is a finite number greater than zero.

    >>> positive("load_kg", 100)
    100.0
    """
    number = _finite(name, value)
    if number <= 0:
        raise ValidationError(f"{name} must be greater than zero, got {value!r}")
    return number


def non_negative(name: str, value: float) -> float:
    """Return ``value`` as a float if it is a finite number of zero or more.

    >>> non_negative("load_kg", 0)
    0.0
    """
    number = _finite(name, value)
    if number < 0:
        raise ValidationError(f"{name} must be zero or more, got {value!r}")
    return number


def in_range(name: str, value: float, low: float, high: float) -> float:
    """Return ``value`` as a float if it is finite and ``low <= value <= high``.

    >>> in_range("exponent", 1.06, 1.0, 1.2)
    1.06
    """
    number = _finite(name, value)
    if not low <= number <= high:
        raise ValidationError(f"{name} must be from {low:g} to {high:g}, got {value!r}")
    return number


def whole_number(name: str, value: int, low: int, high: int) -> int:
    """Return ``value`` as an int if it is a whole number with ``low <= value <= high``.

    Floats with no fractional part (``5.0``) are accepted, booleans are not.

    >>> whole_number("reps", 5, 1, 20), whole_number("reps", 5.0, 1, 20)
    (5, 5)
    """
    message = f"{name} must be a whole number from {low} to {high}, got {value!r}"
    integral = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    whole_float = isinstance(value, float) and float(value).is_integer()
    if not (integral or whole_float):
        raise ValidationError(message)
    whole = int(value)
    if not low <= whole <= high:
        raise ValidationError(message)
    return whole


def _finite(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValidationError(f"{name} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValidationError(f"{name} must be a finite number, got {value!r}")
    return number
