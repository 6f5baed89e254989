"""What every importer returns, the options they accept, and small shared helpers.

An importer is a function ``parse(data: bytes, name: str, options: ImportOptions | None = None)
-> ParsedFile``: bytes of one (already decompressed) file in, domain objects out. It raises
:class:`~runstrong.errors.ImportFormatError` for damaged or unsupported input, with a message that
names the file and says what is wrong; it never touches the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Literal, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runstrong.domain.models import Activity, MultisportEvent, StrengthSession
from runstrong.errors import ImportFormatError

__all__ = [
    "DEFAULT_MAX_DECOMPRESSED_BYTES",
    "MAX_DEVICE_CHARS",
    "MAX_NAME_CHARS",
    "MAX_SLUG_CHARS",
    "ExerciseMatcher",
    "FitDecoder",
    "ImportOptions",
    "MatchedExercise",
    "ParsedFile",
    "clean_text",
    "content_id",
    "join_warnings",
]

#: Cap on the size of one decompressed file (gzip member or zip entry): 512 MiB.
DEFAULT_MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024
#: The longest device name, activity name and exercise slug the store keeps (its column sizes).
MAX_DEVICE_CHARS = 120
MAX_NAME_CHARS = 200
MAX_SLUG_CHARS = 120

FitDecoder = Literal["auto", "fitdecode", "fitfast"]


class MatchedExercise(Protocol):
    """What the importers need from a library exercise."""

    @property
    def slug(self) -> str: ...


class ExerciseMatcher(Protocol):
    """The part of :class:`runstrong.library.catalog.Catalog` the CSV importers use."""

    def match(self, name: str) -> MatchedExercise | None: ...


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Choices an importer cannot read from the file itself.

    ``timezone`` is the athlete's IANA zone, used for strength-app CSV files whose times are
    local (``None`` reads them as UTC, with a warning). ``weight_unit`` is the unit of a Strong
    export that has no unit column (``None`` assumes kg, with a warning). ``fit_decoder``
    chooses the FIT decoder: ``"auto"`` uses the native ``fitfast`` package (installed by
    default where it has wheels) when it is installed and can read the file exactly as
    fitdecode does, and fitdecode otherwise. ``catalog`` matches exercise names
    (``None`` loads the packaged exercise library).
    """

    timezone: str | None = None
    weight_unit: Literal["kg", "lb"] | None = None
    fit_decoder: FitDecoder = "auto"
    max_decompressed_bytes: int = DEFAULT_MAX_DECOMPRESSED_BYTES
    catalog: ExerciseMatcher | None = field(default=None, compare=False)

    def zone(self) -> tzinfo:
        """The zone for local CSV times; raises ImportFormatError for an unknown zone name."""
        try:
            return ZoneInfo(self.timezone or "UTC")
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ImportFormatError(
                f"Unknown time zone '{self.timezone}'; use an IANA name like 'Europe/Berlin'."
            ) from exc


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """The domain objects read from one file.

    ``skip_reason`` is set (and the tuples are empty) for files that are readable but hold
    nothing to import, such as FIT settings or workout files. ``warnings`` are one-line notes a
    user should see (a truncated file, dropped rows). ``unmatched_exercises`` lists exercise
    names from a CSV that the exercise library does not know; their sets carry the slug
    ``unknown:<normalised name>``. ``multisport`` is set when the activities are the legs (and
    transitions) of one multisport event.
    """

    format: str
    activities: tuple[Activity, ...] = ()
    strength_sessions: tuple[StrengthSession, ...] = ()
    warnings: tuple[str, ...] = ()
    skip_reason: str | None = None
    unmatched_exercises: tuple[str, ...] = ()
    multisport: MultisportEvent | None = None


def join_warnings(warnings: Iterable[str]) -> str:
    """Warnings on one line: ``"a; b."``, not ``"a.; b."`` (the last keeps its full stop).

    >>> join_warnings(["kept the 65 records before it.", "derived it from the records."])
    'kept the 65 records before it; derived it from the records.'
    """
    parts = [w.strip() for w in warnings if w.strip()]
    return "; ".join([*(p.rstrip(".") for p in parts[:-1]), *parts[-1:]])


def content_id(data: bytes) -> str:
    """The content identifier of a file's (decompressed) bytes: ``sha256:<hex digest>``.

    >>> content_id(b"")
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    return "sha256:" + hashlib.sha256(data).hexdigest()


def clean_text(value: str | None, max_chars: int) -> str | None:
    r"""Text from a file as the store can keep it: NUL characters removed (PostgreSQL refuses
    them), surrounding space stripped, at most ``max_chars`` characters (the store's column
    size; longer text is cut, ending in "…"), ``None`` when nothing is left.

    >>> clean_text("  Morning\x00 Run ", 20), clean_text("x" * 30, 10), clean_text(" ", 5)
    ('Morning Run', 'xxxxxxxxx…', None)
    """
    if value is None:
        return None
    text = value.replace("\x00", "").strip()
    if len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    return text or None
