"""Write runstrong data in other tools' formats (FIT today)."""

from runstrong.exports.fit_activity import SessionTrack, encode_activity
from runstrong.exports.fit_writer import BaseType, Field, FitEncoder, MessageDefinition, crc16

__all__ = [
    "BaseType",
    "Field",
    "FitEncoder",
    "MessageDefinition",
    "SessionTrack",
    "crc16",
    "encode_activity",
]
