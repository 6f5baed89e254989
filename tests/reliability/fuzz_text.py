"""Damage for the text formats: XML (GPX, TCX) and CSV (Strong, Hevy).

Most steps keep the file well-formed and damage its *values*, so the importer's own logic is
reached rather than the XML parser's or the CSV reader's first check: numbers become ``NaN``,
``1e309``, ``-1`` or 400 digits, times land in year 1 or 9999 or outside any zone, text becomes
5,000 characters, emoji, control characters or SQL; elements and rows are deleted or repeated,
columns dropped, swapped or renamed. The rest damage the structure: tags cut, ``DOCTYPE`` and
entities, 3,000-deep nesting, other encodings than declared, delimiters and quotes broken.
Text is handled with ``surrogateescape`` so that any bytes survive a text step unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from tests.reliability.fuzz_bytes import POSITIONS, Insert, Step

__all__ = ["csv_steps", "xml_steps"]

#: Steps that damage values, and steps that damage structure.
Steps = tuple[st.SearchStrategy[Step], st.SearchStrategy[Step]]

NASTY_NUMBERS = (
    "NaN", "nan", "-nan", "inf", "-Infinity", "1e308", "1e309", "-1e309", "1e-320", "-1", "-0",
    "0", "", " ", "1,5", "1.5.5", "0x1F", "1_000", "１２", "12abc", "4294967295", "-2147483649",
    "99999999999999999999999", "9" * 400,
)  # fmt: skip
NASTY_TIMES = (
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z", "2024-02-30T06:30:00Z", "2024-05-01T06:30:00", "2024-05-01", "",
    "yesterday", "1970-01-01T00:00:00Z", "2099-06-01T06:30:00Z", "1989-12-31T00:00:00Z",
    "2024-05-01T06:30:00.123456789Z", "2024-05-01T06:30:00+25:00", "2024-05-01T06:30:00Z",
)  # fmt: skip
NASTY_TEXT = (
    "", "x" * 5000, "A" * 121, "B" * 201, "é" * 300, "😀" * 70, "<", "&", "\x1b[31m", "'", '"',
    "\r\n", "\u202e", "Robert'); DROP TABLE activities;--", "\x00", "\ufffd", " " * 50,
)  # fmt: skip
#: Longer than the store keeps for a device (120), a name (200) or an exercise slug (120).
LONG_TEXT = ("x" * 5000, "A" * 121, "B" * 201, "é" * 300, "Ünïcødé " * 40)
CSV_DATES = (
    "0001-01-01 00:00:00", "9999-12-31 23:59:59", "2024-13-01 00:00:00", "2024-02-30 10:00",
    "31.12.9999 23:59", "not a date", "2099-01-01 10:00:00", "1960-01-01 10:00:00",
    "2024-05-01T06:30:00+14:00", "0001-01-01T00:00:00-12:00", "0001-01-01", "9999-12-31",
)  # fmt: skip
ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252", "utf-32", "utf-8-sig")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _split(text: str) -> tuple[str, str]:
    """The XML declaration (left alone by value damage: its version and encoding are not the
    file's values) and the rest."""
    if text.startswith("<?xml"):
        end = text.find("?>") + 2
        return text[:end], text[end:]
    return "", text


_PATTERNS = {
    "number": re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"),
    "time": re.compile(r"\d{4}-\d{2}-\d{2}T[^<\"]*"),
    "text": re.compile(r"(?<=>)[^<]+(?=<)"),
    "attribute": re.compile(r'(?<==")[^"]*(?=")'),
    "tag": re.compile(r"</?[^>]+>"),
    "element": re.compile(r"<(\w[\w:.-]*)[^>]*>[^<]*</\1>"),
    # the values the importers keep as text: names, devices, sports
    "field": re.compile(
        r'(?<=creator=")[^"]*|(?<=Sport=")[^"]*|(?<=<name>)[^<]*|(?<=<Name>)[^<]*'
        r"|(?<=<type>)[^<]*|(?<=<desc>)[^<]*|(?<=<Notes>)[^<]*"
    ),
    "line": re.compile(r"[^\n]*\n"),
}


@dataclass(frozen=True)
class Replace:
    """Replace the ``index``-th match of a pattern (numbers, times, tags ...) with ``value``."""

    pattern: str
    index: int
    value: str

    def __call__(self, data: bytes) -> bytes:
        declaration, text = _split(_text(data))
        found = list(_PATTERNS[self.pattern].finditer(text))
        if not found:
            return data
        match = found[self.index % len(found)]
        return _bytes(declaration + text[: match.start()] + self.value + text[match.end() :])


@dataclass(frozen=True)
class ReplaceAll:
    pattern: str
    value: str

    def __call__(self, data: bytes) -> bytes:
        declaration, text = _split(_text(data))
        return _bytes(declaration + _PATTERNS[self.pattern].sub(lambda _m: self.value, text))


@dataclass(frozen=True)
class Duplicate:
    """Repeat the ``index``-th match of a pattern ``times`` times in place."""

    pattern: str
    index: int
    times: int

    def __call__(self, data: bytes) -> bytes:
        declaration, text = _split(_text(data))
        found = list(_PATTERNS[self.pattern].finditer(text))
        if not found:
            return data
        match = found[self.index % len(found)]
        repeated = match.group(0) * self.times
        return _bytes(declaration + text[: match.end()] + repeated + text[match.end() :])


@dataclass(frozen=True)
class Reencode:
    codec: str

    def __call__(self, data: bytes) -> bytes:
        return _text(data).encode(self.codec, "replace")


@dataclass(frozen=True)
class Wrap:
    """Put text after the XML declaration and at the end (DOCTYPEs, deep nesting)."""

    before: str
    after: str = ""

    def __call__(self, data: bytes) -> bytes:
        text = _text(data)
        at = text.find("?>") + 2 if text.startswith("<?") else 0
        return _bytes(text[:at] + self.before + text[at:] + self.after)


_DOCTYPES = (
    '<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">]>',
    '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
    '<!ENTITY e "x">',
    "<!-- <!DOCTYPE -->",
    "<?xml-stylesheet href='x'?>",
    "<![CDATA[<trk>]]>",
)


@cache
def xml_steps() -> Steps:
    """Value damage (the file stays well-formed) and structural damage."""
    xml_chars = [v for v in NASTY_TEXT if v not in ("\x00", "\x1b[31m")]  # not allowed in XML
    safe_text = st.sampled_from(NASTY_NUMBERS + NASTY_TIMES + tuple(xml_chars)).map(
        lambda value: escape(value, {'"': "&quot;"})
    )
    values = st.one_of(
        st.builds(Replace, st.just("number"), POSITIONS, st.sampled_from(NASTY_NUMBERS)),
        st.builds(ReplaceAll, st.just("number"), st.sampled_from(NASTY_NUMBERS)),
        st.builds(Replace, st.just("time"), POSITIONS, st.sampled_from(NASTY_TIMES)),
        st.builds(ReplaceAll, st.just("time"), st.sampled_from(NASTY_TIMES)),
        st.builds(Replace, st.sampled_from(["text", "attribute"]), POSITIONS, safe_text),
        st.builds(Replace, st.just("field"), POSITIONS, safe_text | st.sampled_from(LONG_TEXT)),
        st.builds(Duplicate, st.just("element"), POSITIONS, st.integers(1, 50)),
    )
    structure = st.one_of(
        st.builds(Replace, st.just("tag"), POSITIONS, st.sampled_from(["", "<x>", "</x>", "<"])),
        st.builds(Duplicate, st.sampled_from(["tag", "line"]), POSITIONS, st.integers(1, 50)),
        st.builds(Replace, st.just("line"), POSITIONS, st.just("")),
        st.builds(
            Replace,
            st.sampled_from(["text", "attribute"]),
            POSITIONS,
            st.sampled_from(["<&", "\x00", "\x1b"]),
        ),
        st.builds(Reencode, st.sampled_from(ENCODINGS)),
        st.builds(Wrap, st.sampled_from(_DOCTYPES)),
        st.integers(1, 3000).map(lambda depth: Wrap("<a>" * depth, "</a>" * depth)),
    )
    return values, structure


@dataclass(frozen=True)
class CsvEdit:
    """One edit of a CSV file, parsed and written back with its own delimiter."""

    action: str
    row: int = 0
    column: int = 0
    value: str = ""

    def __call__(self, data: bytes) -> bytes:
        text = _text(data)
        first_line = text.split("\n", 1)[0]
        delimiter = max((";", ",", "\t"), key=first_line.count)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error:
            return data
        if not rows:
            return data
        getattr(self, "_" + self.action)(rows)
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
        return _bytes(out.getvalue())

    def _set(self, rows: list[list[str]]) -> None:
        row = rows[1 + self.row % (len(rows) - 1)] if len(rows) > 1 else rows[0]
        if row:
            row[self.column % len(row)] = self.value

    def _set_column(self, rows: list[list[str]]) -> None:
        for row in rows[1:]:
            if row:
                row[self.column % len(row)] = self.value

    def _rename(self, rows: list[list[str]]) -> None:
        if rows[0]:
            rows[0][self.column % len(rows[0])] = self.value

    def _drop_column(self, rows: list[list[str]]) -> None:
        width = len(rows[0]) or 1
        for row in rows:
            if row:
                del row[min(self.column % width, len(row) - 1)]

    def _swap_columns(self, rows: list[list[str]]) -> None:
        for row in rows:
            if len(row) > 1:
                a, b = self.column % len(row), self.row % len(row)
                row[a], row[b] = row[b], row[a]

    def _drop_row(self, rows: list[list[str]]) -> None:
        if len(rows) > 1:
            del rows[1 + self.row % (len(rows) - 1)]

    def _duplicate_row(self, rows: list[list[str]]) -> None:
        index = self.row % len(rows)
        rows[index:index] = [list(rows[index]) for _ in range(1 + self.column % 20)]

    def _extra_cells(self, rows: list[list[str]]) -> None:
        rows[self.row % len(rows)].extend([self.value] * (1 + self.column % 5))

    def _short_row(self, rows: list[list[str]]) -> None:
        row = rows[self.row % len(rows)]
        del row[self.column % (len(row) or 1) :]


@dataclass(frozen=True)
class SetNamed:
    """Set the cell of a named column (if the file has it) in one data row, or in all."""

    column: str
    row: int | None
    value: str

    def __call__(self, data: bytes) -> bytes:
        header = _text(data).split("\n", 1)[0].lstrip("\ufeff")
        delimiter = max((";", ",", "\t"), key=header.count)
        names = [cell.strip().strip('"').lower() for cell in header.split(delimiter)]
        if self.column.lower() not in names:
            return data
        index = names.index(self.column.lower())
        action = "set_column" if self.row is None else "set"
        return CsvEdit(action, self.row or 0, index, self.value)(data)


#: The columns whose values the importers keep or compute with, by the damage that suits them.
NUMBER_COLUMNS = ("Weight", "Reps", "RPE", "Set Order", "Duration", "Workout Duration",
                  "weight_kg", "weight_lbs", "reps", "rpe", "set_index")  # fmt: skip
DATE_COLUMNS = ("Date", "start_time", "end_time", "Activity Date")
TEXT_COLUMNS = ("Exercise Name", "Workout Name", "Workout Notes", "Weight Unit", "title",
                "description", "exercise_title", "set_type", "Activity Name", "Activity Type",
                "Filename")  # fmt: skip


@dataclass(frozen=True)
class ChangeDelimiter:
    old: str
    new: str

    def __call__(self, data: bytes) -> bytes:
        return _bytes(_text(data).replace(self.old, self.new))


@cache
def csv_steps(columns_of: tuple[bytes, ...] = ()) -> Steps:
    """Damage to cells and rows, and damage to the header, delimiter, quoting or encoding.

    Named columns get values that suit them (numbers, dates, text); only the columns found in
    the header lines ``columns_of`` are drawn, or all known columns without them.
    """
    header = b"\n".join(data.split(b"\n", 1)[0] for data in columns_of).decode("utf-8", "ignore")

    def present(names: tuple[str, ...]) -> st.SearchStrategy[str]:
        found = [name for name in names if not header or name in header]
        return st.sampled_from(found or names)

    nasty = st.sampled_from(NASTY_NUMBERS + NASTY_TEXT + CSV_DATES) | st.text(max_size=20)
    rows, columns = st.integers(0, 50), st.integers(0, 30)
    row_actions = st.sampled_from(
        ["set", "set", "set", "set_column", "drop_row", "duplicate_row", "extra_cells", "short_row"]
    )
    which_rows = st.none() | rows  # all rows, or one
    texts = st.sampled_from((*NASTY_TEXT, *LONG_TEXT, "a\x00b")) | st.text(max_size=20)
    values = st.one_of(
        st.builds(CsvEdit, row_actions, rows, columns, nasty),
        st.builds(SetNamed, present(NUMBER_COLUMNS), which_rows, st.sampled_from(NASTY_NUMBERS)),
        st.builds(SetNamed, present(DATE_COLUMNS), which_rows, st.sampled_from(CSV_DATES)),
        st.builds(SetNamed, present(TEXT_COLUMNS), which_rows, texts),
    )
    structure = st.one_of(
        st.builds(
            CsvEdit,
            st.sampled_from(["rename", "drop_column", "swap_columns"]),
            rows,
            columns,
            nasty,
        ),
        st.builds(
            ChangeDelimiter,
            st.sampled_from([",", ";", "\n", '"']),
            st.sampled_from([";", ",", "\t", "\r", "\r\n", '"', "", "\x00"]),
        ),
        st.builds(Reencode, st.sampled_from(ENCODINGS)),
        st.builds(Insert, POSITIONS, st.sampled_from([b'"', b"\x00", b"\r", b"\xef\xbb\xbf"])),
        st.builds(Duplicate, st.just("line"), POSITIONS, st.integers(1, 200)),
    )
    return values, structure
