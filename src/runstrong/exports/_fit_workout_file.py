"""The frame every FIT workout file shares: file id, workout message, then its steps.

Run workouts (:mod:`runstrong.exports.fit_workout`) and strength workouts
(:mod:`runstrong.exports.fit_strength_workout`) differ only in their step messages; the file id
and the workout message (FIT profile messages 0 and 26) are written here once.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import UTC, datetime, time
from typing import Final

from runstrong.domain.plan import PlannedSession
from runstrong.exports.fit_activity import FIT_EPOCH
from runstrong.exports.fit_writer import BaseType, FitEncoder, MessageDefinition
from runstrong.exports.fit_writer import Field as F

__all__ = ["NAME_BYTES", "STEP_NAME_BYTES", "StepRow", "cut", "workout_file"]

NAME_BYTES: Final = 32
STEP_NAME_BYTES: Final = 16
_FILE_TYPE_WORKOUT: Final = 5
_MANUFACTURER_DEVELOPMENT: Final = 255

StepRow = list[int | str | None]

_FILE_ID = MessageDefinition(
    0,
    (
        F(0, BaseType.ENUM),  # type
        F(1, BaseType.UINT16),  # manufacturer
        F(2, BaseType.UINT16),  # product
        F(3, BaseType.UINT32Z),  # serial_number
        F(4, BaseType.UINT32),  # time_created
    ),
)
_WORKOUT = MessageDefinition(
    26,
    (
        F(8, BaseType.STRING, NAME_BYTES),  # wkt_name
        F(4, BaseType.ENUM),  # sport
        F(11, BaseType.ENUM),  # sub_sport
        F(6, BaseType.UINT16),  # num_valid_steps
    ),
)


def cut(text: str, size: int) -> str:
    """``text`` in at most ``size - 1`` UTF-8 bytes (room for the NUL), characters kept whole.

    >>> cut("Leg press ×3", 11)
    'Leg press '
    """
    return text.encode("utf-8")[: size - 1].decode("utf-8", "ignore")


def workout_file(
    session: PlannedSession,
    name: str,
    sport: int,
    sub_sport: int,
    step_definition: MessageDefinition,
    rows: Sequence[StepRow],
) -> bytes:
    """A FIT workout file named ``name`` holding ``rows`` as steps of ``step_definition``.

    The serial number and creation time come from the session (its day and slot), so the same
    plan always gives the same bytes.
    """
    created = datetime.combine(session.day, time(7 if session.slot == "am" else 18), tzinfo=UTC)
    encoder = FitEncoder(protocol_version=0x10)
    encoder.define(0, _FILE_ID)
    encoder.write(
        0,
        [
            _FILE_TYPE_WORKOUT,
            _MANUFACTURER_DEVELOPMENT,
            0,
            zlib.crc32(f"{session.day}{session.slot}{name}".encode()) or 1,
            round(created.timestamp()) - FIT_EPOCH,
        ],
    )
    encoder.define(0, _WORKOUT)
    encoder.write(0, [cut(name, NAME_BYTES), sport, sub_sport, len(rows)])
    encoder.define(0, step_definition)
    for row in rows:
        encoder.write(0, row)
    return encoder.finish()
