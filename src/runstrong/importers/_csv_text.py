"""Read CSV exports of apps: encoding, delimiter, header, and the values in the cells.

Apps export UTF-8 (often with a byte-order mark), with commas or, in locales whose decimal
mark is a comma, semicolons. Anything that is not UTF-8 (or UTF-16 with a byte-order mark) is
refused with a message saying how to fix it, rather than guessed at.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime

from runstrong.errors import ImportFormatError

__all__ = [
    "Table",
    "decode_text",
    "parse_duration_s",
    "parse_local_time",
    "parse_number",
    "read_table",
]

_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%d %b %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%b %d, %Y, %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
    "%Y-%m-%d",
)
_DURATION_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|seconds?)\b"
)


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV file as a header and rows of stripped strings (rows padded to the header)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    delimiter: str

    def column(self, name: str) -> int | None:
        """Index of a column by name (case-insensitive), or ``None``."""
        lowered = [h.lower() for h in self.header]
        return lowered.index(name.lower()) if name.lower() in lowered else None


def decode_text(data: bytes, name: str) -> str:
    """The text of a CSV file; raises ImportFormatError for anything but UTF-8 / UTF-16+BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFormatError(f"{name}: damaged UTF-16 text ({exc.reason}).") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "export the file again from the app, or save it as UTF-8."
        ) from exc


def read_table(data: bytes, name: str) -> Table:
    """Decode and split a CSV file, choosing the delimiter from its header line."""
    text = decode_text(data, name)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=lambda d: _count_outside_quotes(first_line, d))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFormatError(f"{name}: not a readable CSV file ({exc}).") from exc
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFormatError(f"{name}: the file is empty.")
    header = tuple(cell.strip().strip('"') for cell in rows[0])
    width = len(header)
    body = tuple(
        tuple(cell.strip() for cell in (row + [""] * (width - len(row)))[:width])
        for row in rows[1:]
    )
    return Table(header=header, rows=body, delimiter=delimiter)


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def parse_number(text: str, decimal_comma: bool = False) -> float | None:
    """A number from a cell, ``None`` for an empty one; raises ValueError for anything else.

    >>> parse_number("82.5"), parse_number("82,5", decimal_comma=True), parse_number("")
    (82.5, 82.5, None)
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    if decimal_comma:
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)


def parse_local_time(text: str) -> datetime | None:
    """A naive local date-time from the formats Strong and Hevy write; ``None`` if unknown.

    >>> parse_local_time("26 Jul 2025, 07:06"), parse_local_time("2023-01-15 7:32:10\u202fam")
    (datetime.datetime(2025, 7, 26, 7, 6), datetime.datetime(2023, 1, 15, 7, 32, 10))
    """
    cleaned = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    cleaned = re.sub(r"\b(am|pm)\b", lambda m: m.group(1).upper(), cleaned, flags=re.IGNORECASE)
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(cleaned)
    except ValueError:
        return None


def parse_duration_s(text: str) -> float | None:
    """A duration like ``1h 5m``, ``45m``, ``1:05:00`` or ``3900`` in seconds; ``None`` if blank.

    >>> parse_duration_s("1h 5m"), parse_duration_s("45m"), parse_duration_s("1:05:00")
    (3900.0, 2700.0, 3900.0)
    """
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return float(cleaned)
    if re.fullmatch(r"\d+(?::\d{1,2}){1,2}", cleaned):
        seconds = 0.0
        for part in cleaned.split(":"):
            seconds = seconds * 60 + float(part)
        return seconds
    parts = _DURATION_PART.findall(cleaned)
    if not parts:
        return None
    scale = {"h": 3600.0, "m": 60.0, "s": 1.0}
    return sum(float(value) * scale[unit[0]] for value, unit in parts)
