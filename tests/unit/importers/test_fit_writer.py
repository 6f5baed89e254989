"""runstrong's own FIT encoder (runstrong.exports): what it writes, fitdecode reads back.

These tests live with the importers because the encoder exists first for them (synthetic files,
benchmarks); they move to tests/unit/exports/ when FIT export becomes a feature.
"""

from __future__ import annotations

from datetime import UTC, datetime

import fitdecode
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrong.exports.fit_activity import FIT_EPOCH, SessionTrack, encode_activity
from runstrong.exports.fit_writer import BaseType, Field, FitEncoder, MessageDefinition, crc16


def _messages(data: bytes) -> list[fitdecode.FitDataMessage]:
    with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.RAISE) as reader:
        return [frame for frame in reader if isinstance(frame, fitdecode.FitDataMessage)]


def test_crc_matches_the_reference_check_value() -> None:
    assert crc16(b"123456789") == 0xBB3D  # CRC-16/ARC check value
    assert crc16(b"6789", crc16(b"12345")) == 0xBB3D


def test_header_and_file_crc_are_valid() -> None:
    encoder = FitEncoder(protocol_version=0x20, profile_version=2132)
    encoder.define(0, MessageDefinition(0, (Field(0, BaseType.ENUM),)))
    encoder.write(0, [4])
    data = encoder.finish()
    assert data[0] == 14 and data[8:12] == b".FIT"
    assert crc16(data[:14]) == 0  # a block followed by its CRC checks to zero
    assert crc16(data) == 0
    assert int.from_bytes(data[4:8], "little") == len(data) - 16


def test_every_base_type_round_trips() -> None:
    fields = (
        Field(0, BaseType.SINT8),
        Field(1, BaseType.UINT16),
        Field(2, BaseType.SINT32),
        Field(3, BaseType.FLOAT32),
        Field(4, BaseType.FLOAT64),
        Field(5, BaseType.STRING, 12),
        Field(6, BaseType.UINT8, 3),
        Field(7, BaseType.SINT64),
        Field(8, BaseType.UINT32Z),
        Field(9, BaseType.UINT16),
    )
    encoder = FitEncoder()
    encoder.define(3, MessageDefinition(0xFF00, fields))  # a manufacturer-specific number
    encoder.write(3, [-5, 60000, -2_000_000, 1.5, 2.25, "Tempo run", [1, 2, 3], -(2**40), 7, None])
    (message,) = _messages(encoder.finish())
    values = {f.def_num: f.raw_value for f in message.fields}
    assert values[0] == -5 and values[1] == 60000 and values[2] == -2_000_000
    assert values[3] == pytest.approx(1.5) and values[4] == pytest.approx(2.25)
    assert values[5] == "Tempo run" and tuple(values[6]) == (1, 2, 3)
    assert values[7] == -(2**40) and values[8] == 7
    assert values[9] is None  # None writes the invalid value


def test_misuse_is_reported() -> None:
    encoder = FitEncoder()
    with pytest.raises(ValueError, match="not been defined"):
        encoder.write(0, [1])
    with pytest.raises(ValueError, match="0-15"):
        encoder.define(16, MessageDefinition(0, ()))
    encoder.define(0, MessageDefinition(0, (Field(8, BaseType.STRING, 4),)))
    with pytest.raises(ValueError, match="at most 4 bytes"):
        encoder.write(0, ["too long"])
    with pytest.raises(ValueError, match="1 fields, got 2"):
        encoder.write(0, ["a", "b"])


def test_activity_messages_decode_as_the_profile_says() -> None:
    start = datetime(2024, 5, 1, 7, 0, tzinfo=UTC)
    seconds = np.arange(10.0)
    track = SessionTrack("running", start, seconds, distance_m=seconds * 3, hr_bpm=seconds + 140)
    messages = _messages(encode_activity([track]))
    names = [m.name for m in messages]
    assert names[0] == "file_id" and names[-1] == "activity"
    assert names.count("record") == 10 and names.count("session") == 1
    session = next(m for m in messages if m.name == "session")
    assert session.get_value("sport") == "running"
    assert session.get_value("start_time") == start
    assert session.get_value("total_distance") == pytest.approx(27.0)
    assert session.get_value("avg_heart_rate") == 144


@settings(max_examples=40, deadline=None)
@given(
    hr=st.lists(st.integers(30, 230), min_size=1, max_size=200),
    gaps=st.lists(st.integers(1, 31), min_size=200, max_size=200),
    compressed=st.booleans(),
)
def test_records_round_trip(hr: list[int], gaps: list[int], compressed: bool) -> None:
    """Any heart-rate series at irregular intervals (< 32 s) comes back exactly."""
    count = len(hr)
    time_s = np.concatenate([[0.0], np.cumsum(gaps[: count - 1])]).astype(float)
    track = SessionTrack(
        "cycling",
        datetime(2023, 1, 1, tzinfo=UTC),
        time_s,
        hr_bpm=np.array(hr, dtype=float),
        distance_m=time_s * 7.5,
    )
    records = [m for m in _messages(encode_activity([track], compressed_timestamps=compressed))]
    records = [m for m in records if m.name == "record"]
    assert [r.get_value("heart_rate") for r in records] == hr
    times = [r.get_raw_value("timestamp") + FIT_EPOCH for r in records]
    assert times == [int(t) + 1672531200 for t in time_s]
