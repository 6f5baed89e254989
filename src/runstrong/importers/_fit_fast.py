"""Fast path: decode FIT files with ``fitfast`` (Rust, columnar NumPy output).

``fitfast`` is a dependency of runstrong where it has wheels (see ``pyproject.toml``) and
optional elsewhere. When it is installed, the FIT importer tries it first and falls back to
fitdecode whenever this module returns ``None``. Two kinds of real files fitfast 0.1 refuses
are made readable for it, exactly as fitdecode reads them:

* a 14-byte header whose CRC is 0 (fitfast 0.1 checks the file CRC of such headers wrongly):
  a single-sequence file is handed over with its CRC made checkable
  (:mod:`runstrong.importers._fit_crc`); a chained one goes to fitdecode;
* a file that ends early (a watch that died): its complete messages are handed over as a
  well-formed file (:mod:`runstrong.importers._fit_repair`), and the damage is reported as
  fitdecode reports it.

Everything else goes to fitdecode: a file with strength ``set`` messages (fitfast 0.1 does not
return their arrays of exercise guesses), a corrupt file (which fitdecode reports precisely), a file
without a session message (unless it ended early), records that need the
``compressed_speed_distance`` expansion fitfast 0.1 leaves out, a device clock that was not set
(times relative to power-on).
Both paths produce the same :class:`FitContent`; tests check that on every real device file and
on every cut of the synthetic ones. fitfast 0.1 can panic on corrupt input (and print a Rust
backtrace to stderr); the panic is caught here and fitdecode then reports what is wrong.
"""

from __future__ import annotations

import importlib.util
import math
from typing import Any

import numpy as np

from runstrong.importers._fit_crc import for_fitfast, header_crc_is_zero
from runstrong.importers._fit_decode import (
    FIT_EPOCH,
    FIT_MIN_ABSOLUTE,
    SUMMARY_FIELDS,
    FitContent,
)
from runstrong.importers._fit_repair import complete_prefix

__all__ = ["available", "decode"]


_ABSOLUTE_UNIX = FIT_EPOCH + FIT_MIN_ABSOLUTE


def available() -> bool:
    """Whether the optional ``fitfast`` package is installed."""
    return importlib.util.find_spec("fitfast") is not None


def decode(data: bytes) -> FitContent | None:
    """Decode ``data`` with fitfast, or return ``None`` when fitdecode should read it instead."""
    damage = None
    columns = None
    if not header_crc_is_zero(data):
        columns = _read(data)
    elif (patched := for_fitfast(data)) is not None:
        # a fitfast that checks such files correctly would refuse the patched copy
        columns = _read(patched) or _read(data)
    if columns is None:
        # a file that ends early: its complete messages, as fitdecode reads them; anything
        # else (corrupt, chained with a header CRC of 0 ...) goes to fitdecode
        repaired = complete_prefix(data)
        if repaired is None:
            return None
        columns = _read(repaired)
        damage = f"the file ends early (at byte {len(data)})"
        data = repaired
        if columns is None:
            return None
    records, sessions, laps, file_ids, sets = columns
    if any(len(column) for column in sets.values()):
        return None  # fitfast 0.1 leaves out the set message's arrays of exercise guesses
    session_rows = _rows(sessions)
    sports: list[dict[str, float]] = []
    if not session_rows:
        if damage is None:
            return None  # a complete file without a session: fitdecode says what it is
        sport = _sport_of(data)  # a file cut before its summary: the sport from its messages
        if sport is None:
            return None
        sports.append(sport)
    count = len(records.get("timestamp", ()))
    has_motion = any(name in records for name in ("distance", "speed", "enhanced_speed"))
    moved = any(row.get("total_distance", 0.0) > 0 for row in session_rows)
    if count and moved and not has_motion:
        return None  # compressed_speed_distance records: fitdecode expands them
    if any(row.get("start_time", _ABSOLUTE_UNIX) < _ABSOLUTE_UNIX for row in session_rows):
        return None  # no clock set: fitdecode also reads the activity's local timestamp
    times = records.get("timestamp")
    if not session_rows and (times is None or not (times >= _ABSOLUTE_UNIX).all()):
        return None  # no clock set (or no times) in a file without a session
    content = FitContent(
        decoder="fitfast", sessions=session_rows, sports=sports, laps=_rows(laps), damage=damage
    )
    for row in _rows(file_ids):
        if "type" in row:
            content.file_types.append(int(row["type"]))
        if content.manufacturer is None and "manufacturer" in row:
            content.manufacturer = int(row["manufacturer"])
            product = row.get("product")
            content.product = None if product is None else int(product)
    content.records = _record_columns(records, count)
    return content


def _read(
    data: bytes,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]] | None:
    """fitfast's record, session, lap, file_id and set columns; ``None`` when it cannot read
    the file."""
    import fitfast

    try:
        return (
            fitfast.records(data, "record"),
            fitfast.records(data, "session"),
            fitfast.records(data, "lap"),
            fitfast.records(data, "file_id"),
            fitfast.records(data, "set"),
        )
    except Exception:  # any failure of the fast decoder means "use fitdecode"
        return None
    except BaseException as exc:
        # fitfast 0.1 panics (pyo3 PanicException, a BaseException) on some corrupt input
        if type(exc).__name__ == "PanicException":
            return None
        raise


def _sport_of(data: bytes) -> dict[str, float] | None:
    """The one sport (and sub-sport) the file's sport and lap messages name; ``None`` when they
    name several (fitdecode keeps their order, fitfast's columns do not) or none."""
    import fitfast

    try:
        rows = _rows(fitfast.records(data, "sport")) + _rows(fitfast.records(data, "lap"))
    except Exception:
        return None
    named = {(row["sport"], row.get("sub_sport")) for row in rows if "sport" in row}
    if len(named) != 1:
        return None
    sport, sub_sport = named.pop()
    return {"sport": sport} if sub_sport is None else {"sport": sport, "sub_sport": sub_sport}


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
