"""Write runstrong data in other tools' formats: FIT activities, and plans as FIT workouts,
iCalendar files and printable PDFs.

The plan exports are pure functions (a :class:`~runstrong.domain.plan.Plan` in, bytes out). They
are imported on first use, so importing this package does not load the calendar and PDF
libraries.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from runstrong.exports.fit_activity import SessionTrack, encode_activity
from runstrong.exports.fit_writer import BaseType, Field, FitEncoder, MessageDefinition, crc16

if TYPE_CHECKING:
    from runstrong.exports.fit_workout import plan_to_fit_files, run_session_to_fit
    from runstrong.exports.ics import plan_to_ics
    from runstrong.exports.pdf import plan_to_pdf

__all__ = [
    "BaseType",
    "Field",
    "FitEncoder",
    "MessageDefinition",
    "SessionTrack",
    "crc16",
    "encode_activity",
    "plan_to_fit_files",
    "plan_to_ics",
    "plan_to_pdf",
    "run_session_to_fit",
]

_LAZY = {
    "plan_to_fit_files": "runstrong.exports.fit_workout",
    "run_session_to_fit": "runstrong.exports.fit_workout",
    "plan_to_ics": "runstrong.exports.ics",
    "plan_to_pdf": "runstrong.exports.pdf",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
