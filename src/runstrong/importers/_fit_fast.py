"""Optional fast path: decode clean FIT files with ``fitfast`` (Rust, columnar NumPy output).

``fitfast`` is not a dependency of runstrong. When it is installed, the FIT importer tries it
first and falls back to fitdecode whenever this module returns ``None``: the file does not
decode cleanly (a truncated or corrupt file, which fitdecode reports precisely, or a 14-byte
header whose CRC is 0, whose file CRC fitfast 0.1 checks wrongly), it has no session message,
its records need the ``compressed_speed_distance`` expansion that fitfast 0.1 leaves out, or
the device clock was not set (times relative to power-on).
Both paths produce the same :class:`FitContent`; a test checks that on every real device file.
fitfast 0.1 can panic on corrupt input (and print a Rust backtrace to stderr); the panic is
caught here and fitdecode then reports what is wrong with the file.
"""

from __future__ import annotations

import importlib.util
import math
from typing import Any

import numpy as np

from runstrong.importers._fit_decode import (
    FIT_EPOCH,
    FIT_MIN_ABSOLUTE,
    SUMMARY_FIELDS,
    FitContent,
)

__all__ = ["available", "decode"]


_ABSOLUTE_UNIX = FIT_EPOCH + FIT_MIN_ABSOLUTE


def available() -> bool:
    """Whether the optional ``fitfast`` package is installed."""
    return importlib.util.find_spec("fitfast") is not None


def decode(data: bytes) -> FitContent | None:
    """Decode ``data`` with fitfast, or return ``None`` when fitdecode should read it instead."""
    import fitfast

    try:
        records = fitfast.records(data, "record")
        sessions = fitfast.records(data, "session")
        laps = fitfast.records(data, "lap")
        file_ids = fitfast.records(data, "file_id")
    except Exception:  # any failure of the optional decoder means "use fitdecode"
        return None
    except BaseException as exc:
        # fitfast 0.1 panics (pyo3 PanicException, a BaseException) on some corrupt input
        if type(exc).__name__ == "PanicException":
            return None
        raise
    session_rows = _rows(sessions)
    if not session_rows:
        return None
    count = len(records.get("timestamp", ()))
    has_motion = any(name in records for name in ("distance", "speed", "enhanced_speed"))
    moved = any(row.get("total_distance", 0.0) > 0 for row in session_rows)
    if count and moved and not has_motion:
        return None  # compressed_speed_distance records: fitdecode expands them
    if any(row.get("start_time", _ABSOLUTE_UNIX) < _ABSOLUTE_UNIX for row in session_rows):
        return None  # no clock set: fitdecode also reads the activity's local timestamp
    content = FitContent(decoder="fitfast", sessions=session_rows, laps=_rows(laps))
    for row in _rows(file_ids):
        if "type" in row:
            content.file_types.append(int(row["type"]))
        if content.manufacturer is None and "manufacturer" in row:
            content.manufacturer = int(row["manufacturer"])
            product = row.get("product")
            content.product = None if product is None else int(product)
    content.records = _record_columns(records, count)
    return content


def _rows(columns: dict[str, Any]) -> list[dict[str, float]]:
    """Column arrays as one dict per message, keeping finite values of the summary fields."""
    wanted = [name for name in columns if name in SUMMARY_FIELDS or name in _FILE_ID_FIELDS]
    count = max((len(columns[name]) for name in columns), default=0)
    rows: list[dict[str, float]] = [{} for _ in range(count)]
    for name in wanted:
        for row, value in zip(rows, columns[name].tolist(), strict=False):
            if not math.isnan(value):
                row[name] = float(value)
    return rows


_FILE_ID_FIELDS = frozenset({"type", "manufacturer", "product"})


def _record_columns(records: dict[str, Any], count: int) -> dict[str, np.ndarray]:
    def column(*names: str) -> np.ndarray:
        result = np.full(count, np.nan)
        for name in reversed(names):  # the first name wins where it has a value
            values = records.get(name)
            if values is not None:
                result = np.where(np.isfinite(values), values, result)
        return result

    return {
        "timestamp": column("timestamp"),
        "latitude_deg": column("position_lat"),
        "longitude_deg": column("position_long"),
        "distance": column("distance"),
        "speed": column("enhanced_speed", "speed"),
        "heart_rate": column("heart_rate"),
        "cadence": column("cadence"),
        "fractional_cadence": column("fractional_cadence"),
        "altitude": column("enhanced_altitude", "altitude"),
        "power": column("power"),
    }
