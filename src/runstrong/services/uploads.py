"""Use case: import files uploaded through the web app.

The uploads are copied into a private temporary folder under safe names (never a name the
client chose as a path), imported with :func:`runstrong.services.imports.import_paths` (one
transaction per file, idempotent), and the folder is removed. The size of one upload is capped
(:data:`MAX_UPLOAD_BYTES` in all); bigger exports go through ``runstrong import`` on the
server. Names in the report are the names the client sent, never server paths.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from runstrong.errors import ImportFormatError, ValidationError
from runstrong.services.imports import FileOutcome, ImportReport, import_paths
from runstrong.store import Store

__all__ = [
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_FILES",
    "NothingImported",
    "Upload",
    "check_upload_size",
    "import_uploads",
    "staged_uploads",
]

#: The most one upload may hold, all files together.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
#: The most files one upload may hold (a folder of watch files; archives count as one).
MAX_UPLOAD_FILES = 1000
#: Multipart framing (boundaries, part headers) on top of the files themselves.
_FRAMING_ALLOWANCE_BYTES = 64 * 1024 + 1024 * MAX_UPLOAD_FILES // 4
_CHUNK_BYTES = 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME_CHARS = 120


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file: the name the client gave and a readable binary stream."""

    filename: str
    stream: BinaryIO


class NothingImported(ImportFormatError):
    """No file of the upload could be imported; ``report`` says why for each."""

    def __init__(self, message: str, report: ImportReport) -> None:
        super().__init__(message)
        self.report = report


def _too_big_message(limit_bytes: int) -> str:
    return (
        f"the upload is larger than {_megabytes(limit_bytes)}: upload fewer files at a time, "
        "or import big exports on the server with `runstrong import`"
    )


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB"


def check_upload_size(content_length: int | None, *, limit_bytes: int | None = None) -> None:
    """Refuse an upload by its declared size before reading it (``None``: size unknown, the
    copy counts the bytes instead)."""
    limit = MAX_UPLOAD_BYTES if limit_bytes is None else limit_bytes
    if content_length is not None and content_length > limit + _FRAMING_ALLOWANCE_BYTES:
        raise ValidationError(_too_big_message(limit))


def _display_name(filename: str) -> str:
    """The client's file name without any folders it claims (either slash), for the report."""
    base = re.split(r"[\\/]", filename.strip())[-1].strip()
    return base[:_MAX_NAME_CHARS] if base.strip(".") else "upload"


def _safe_name(display: str) -> str:
    """A name that is safe on any file system and keeps the extension importers look at."""
    safe = _UNSAFE.sub("_", display).lstrip("._-")
    if len(safe) > _MAX_NAME_CHARS:
        stem, dot, suffix = safe.rpartition(".")
        safe = (stem[: _MAX_NAME_CHARS - len(suffix) - 1] + dot + suffix) if dot else safe
        safe = safe[:_MAX_NAME_CHARS]
    return safe or "upload"


def _copy(upload: Upload, target: Path, budget_bytes: int, limit_bytes: int) -> int:
    """Copy the stream to ``target``; the bytes written, refusing more than ``budget_bytes``."""
    written = 0
    with target.open("xb") as handle:
        while chunk := upload.stream.read(_CHUNK_BYTES):
            written += len(chunk)
            if written > budget_bytes:
                raise ValidationError(_too_big_message(limit_bytes))
            handle.write(chunk)
    return written


def _public(outcome: FileOutcome, folder: Path, names: dict[str, str]) -> FileOutcome:
    """The outcome with the temporary folder's paths replaced by the client's names."""
    name = outcome.name
    for stored, display in names.items():
        if name == stored or name.startswith(stored + "!") or name.startswith(stored + "/"):
            name = display + name[len(stored) :]
            break
    prefix = str(folder) + "/"
    message = outcome.message
    if message is not None:
        for stored, display in names.items():
            message = message.replace(stored, display)
        message = message.replace(prefix, "")
    warnings = tuple(w.replace(prefix, "") for w in outcome.warnings)
    return replace(outcome, name=name.replace(prefix, ""), message=message, warnings=warnings)


def _reason(outcome: FileOutcome) -> str:
    message = outcome.message or outcome.status.replace("_", " ")
    return message if message.startswith(outcome.name) else f"{outcome.name}: {message}"


def _summary(report: ImportReport) -> str:
    reasons = [_reason(o) for o in report.outcomes[:3]]
    more = len(report.outcomes) - len(reasons)
    tail = f" (and {more} more)" if more > 0 else ""
    return "nothing could be imported: " + "; ".join(reasons) + tail


@contextmanager
def staged_uploads(
    uploads: Sequence[Upload], *, limit_bytes: int | None = None
) -> Iterator[tuple[Path, list[Path], dict[str, str]]]:
    """The uploads copied into a private temporary folder under safe names: the folder, the
    paths, and each path's display name (the client's name without folders). Refuses an empty,
    oversized or too-many-files upload with :class:`ValidationError`; the folder is removed on
    leaving."""
    limit = MAX_UPLOAD_BYTES if limit_bytes is None else limit_bytes
    if not uploads:
        raise ValidationError("choose at least one file to import")
    if len(uploads) > MAX_UPLOAD_FILES:
        raise ValidationError(
            f"at most {MAX_UPLOAD_FILES} files per upload, got {len(uploads)}: zip them, or "
            "upload them in parts"
        )
    with tempfile.TemporaryDirectory(prefix="runstrong-upload-") as temp:
        folder = Path(temp)  # created with mode 0700: private to this server's user
        paths: list[Path] = []
        names: dict[str, str] = {}
        used = 0
        for number, upload in enumerate(uploads):
            display = _display_name(upload.filename)
            slot = folder / f"{number:04d}"
            slot.mkdir()
            path = slot / _safe_name(display)
            used += _copy(upload, path, limit - used, limit)
            paths.append(path)
            names[str(path)] = display
        if used == 0:
            raise ValidationError(
                "the upload is empty: every file has 0 bytes; choose the files again"
            )
        yield folder, paths, names


def import_uploads(
    store: Store,
    athlete_id: int,
    uploads: Sequence[Upload],
    *,
    limit_bytes: int | None = None,
    workers: int = 1,
) -> ImportReport:
    """Import uploaded files (FIT, GPX, TCX, CSV exports, zip archives) for the athlete.

    Raises :class:`ValidationError` for an empty or oversized upload (nothing is stored), and
    :class:`NothingImported` when no file was imported or already present (every file failed
    or was skipped); its ``report`` has the reason for each file. ``workers`` stays 1 by
    default: a web server's worker should not fork decoding processes from a threaded process.
    """
    with staged_uploads(uploads, limit_bytes=limit_bytes) as (folder, paths, names):
        report = import_paths(store, athlete_id, paths, workers=workers)
    public = ImportReport(report.athlete, tuple(_public(o, folder, names) for o in report.outcomes))
    if not any(o.status in ("imported", "already_present") for o in public.outcomes):
        raise NothingImported(_summary(public), public)
    return public
