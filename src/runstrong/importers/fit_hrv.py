"""Resting HRV from the FIT ``hrv`` messages of a short measurement or a sleep recording.

FIT ``hrv`` messages (global number 78) carry beat-to-beat (RR) intervals in seconds (field
``time``, up to five a message, 1/1000 s resolution, 65.535 s = invalid). rMSSD is computed
from them: RR intervals outside 0.3–2.0 s are dropped, as is every interval differing by more
than 20 % from the one before (a common artefact filter), and

    rMSSD = sqrt(mean((RR[i+1] − RR[i])²)) × 1000 ms

over consecutive kept intervals. A morning rMSSD comes from rest: RR intervals recorded during
exercise are not comparable, so an activity file of a sport (a run with a chest strap, say) or
one longer than 15 minutes is refused with that reason; short measurements (a Garmin health
snapshot or an HRV stress test, 2–15 minutes) and sleep or monitoring files are read. At least
60 kept intervals are needed. The day is the recording's local date when the file gives its
local time, else UTC.
"""

from __future__ import annotations

import io
import math
import warnings
from datetime import date, datetime, timedelta
from typing import Any, Final

import fitdecode  # type: ignore[import-untyped]
import numpy as np

from runstrong.domain.checkin import Checkin
from runstrong.errors import ImportFormatError, ValidationError
from runstrong.importers.wellness import ParsedWellness

__all__ = ["MAX_ACTIVITY_S", "parse_fit_hrv", "rmssd_ms"]

MAX_ACTIVITY_S: Final = 15 * 60.0
MIN_INTERVALS: Final = 60


def rmssd_ms(rr_s: list[float]) -> tuple[float, int]:
    """rMSSD (ms) of RR intervals (s) after the artefact filter, and the intervals kept.

    >>> round(rmssd_ms([0.9, 0.95] * 40)[0], 1)
    50.0
    """
    rr = np.asarray(rr_s, dtype=np.float64)
    rr = rr[(rr >= 0.3) & (rr <= 2.0)]
    if rr.size < 2:
        return math.nan, int(rr.size)
    keep = np.ones(rr.size, dtype=np.bool_)
    keep[1:] = np.abs(np.diff(rr)) <= 0.2 * rr[:-1]
    pairs = keep[1:] & keep[:-1]
    diffs = np.diff(rr)[pairs]
    if diffs.size == 0:
        return math.nan, int(keep.sum())
    return float(np.sqrt(np.mean(diffs**2)) * 1000.0), int(keep.sum())


def _frames(data: bytes, name: str) -> list[fitdecode.FitDataMessage]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.WARN) as r:
                return [f for f in r if isinstance(f, fitdecode.FitDataMessage)]
    except fitdecode.FitError as exc:
        raise ImportFormatError(f"{name}: not a readable FIT file ({exc})") from exc


def _value(message: fitdecode.FitDataMessage, field: str) -> Any:
    return message.get_value(field, fallback=None)


def parse_fit_hrv(data: bytes, name: str) -> ParsedWellness:
    """A FIT file's ``hrv`` messages as one morning rMSSD; see the module docstring."""
    messages = _frames(data, name)
    rr: list[float] = []
    file_type = None
    sport = None
    elapsed_s = None
    started: datetime | None = None
    local: datetime | None = None
    for message in messages:
        if message.name == "hrv":
            times = _value(message, "time")
            values = times if isinstance(times, tuple | list) else [times]
            rr.extend(float(t) for t in values if t is not None and float(t) < 65.0)
        elif message.name == "file_id":
            file_type = _value(message, "type")
        elif message.name == "session" and elapsed_s is None:
            elapsed_s = _value(message, "total_elapsed_time")
            started = _value(message, "start_time")
            sport = _value(message, "sport")
        elif message.name == "activity":
            local = _value(message, "local_timestamp")
            started = started or _value(message, "timestamp")
    if not rr:
        raise ImportFormatError(f"{name}: the FIT file has no HRV (RR interval) data")
    if file_type == "activity" and sport not in (None, "generic", "training"):
        raise ImportFormatError(
            f"{name}: RR intervals recorded during {str(sport).replace('_', ' ')} are not a "
            "resting HRV measurement; import a short morning measurement or a sleep recording"
        )
    if file_type == "activity" and elapsed_s is not None and float(elapsed_s) > MAX_ACTIVITY_S:
        raise ImportFormatError(
            f"{name}: RR intervals recorded during a {float(elapsed_s) / 60:.0f}-minute activity "
            "are not a resting HRV measurement; import a short morning measurement or a sleep "
            "recording instead"
        )
    value, kept = rmssd_ms(rr)
    if kept < MIN_INTERVALS or not math.isfinite(value):
        raise ImportFormatError(
            f"{name}: only {kept} usable RR intervals; a measurement needs {MIN_INTERVALS}"
        )
    day = _day(local, started, name)
    try:
        checkin = Checkin(
            day=day, rmssd_ms=round(value, 1), hrv_source="FIT hrv messages", source="fit"
        )
    except ValidationError as exc:
        raise ImportFormatError(f"{name}: {exc}") from exc
    note = f"rMSSD from {kept} of {len(rr)} RR intervals"
    return ParsedWellness("fit_hrv", (checkin,), (note,))


def _day(local: object, started: object, name: str) -> date:
    if isinstance(local, datetime):
        return local.date()
    if isinstance(local, int | float) and isinstance(started, datetime):
        # FIT local_timestamp is seconds since 1989-12-31 00:00 in local time.
        return (datetime(1989, 12, 31) + timedelta(seconds=float(local))).date()
    if isinstance(started, datetime):
        return started.date()
    raise ImportFormatError(f"{name}: the FIT file has no time stamp to date the measurement")
