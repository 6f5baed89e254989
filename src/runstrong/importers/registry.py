"""The importer registry: recognise a file by its content and hand it to its importer.

Formats are keyed by a stable name (:data:`FORMATS`). Detection looks at the bytes, not the
name: the FIT signature at byte 8, the root element of XML (``gpx`` or
``TrainingCenterDatabase``), the header columns of CSV exports, the zip and gzip magic numbers.
The file name is only a fallback, so that a damaged ``.fit`` file gets the FIT importer's
specific error rather than "unknown format". Gzip-compressed files (``.fit.gz``, ``.gpx.gz``,
``.tcx.gz`` as in Strava exports) are decompressed first, with a cap on the decompressed size
against decompression bombs.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

from runstrong.errors import ImportFormatError
from runstrong.importers import fit, gpx, strength_csv, tcx
from runstrong.importers.base import DEFAULT_MAX_DECOMPRESSED_BYTES, ImportOptions, ParsedFile

__all__ = ["ARCHIVE", "FORMATS", "Parser", "detect_format", "gunzip", "parse_bytes"]

Parser = Callable[[bytes, str, ImportOptions | None], ParsedFile]

#: Importers by format name.
FORMATS: dict[str, Parser] = {
    fit.FORMAT: fit.parse,
    gpx.FORMAT: gpx.parse,
    tcx.FORMAT: tcx.parse,
    strength_csv.STRONG: strength_csv.parse,
    strength_csv.HEVY: strength_csv.parse,
    strength_csv.STRAVA_ACTIVITIES: strength_csv.parse,
}
#: What :func:`detect_format` returns for zip archives (expanded by ``archives``, not parsed).
ARCHIVE = "zip"

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
_BY_EXTENSION = {".fit": fit.FORMAT, ".gpx": gpx.FORMAT, ".tcx": tcx.FORMAT}
_XML_ROOTS = {"gpx": gpx.FORMAT, "TrainingCenterDatabase": tcx.FORMAT}
_XML_NOISE = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", re.DOTALL)
_XML_ROOT = re.compile(r"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def detect_format(data: bytes, name: str = "") -> str | None:
    """The format name of ``data`` judged by its content, or ``None`` if unrecognised.

    Gzip data is judged by what it decompresses to; zip archives give :data:`ARCHIVE`. ``name``
    is only used in error messages.

    >>> detect_format(b'<?xml version="1.0"?><gpx version="1.1"></gpx>')
    'gpx'
    >>> detect_format(b"Date;Workout Name;Exercise Name;Set Order;Weight;Reps")
    'strong_csv'
    """
    if data[:2] == _GZIP_MAGIC:
        return detect_format(_gunzip_head(data, name), name)
    if data[:4] in _ZIP_MAGIC:
        return ARCHIVE
    if len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT":
        return fit.FORMAT
    text = _head_text(data)
    stripped = text.lstrip()
    if stripped.startswith("<"):
        match = _XML_ROOT.search(_XML_NOISE.sub("", stripped))
        return _XML_ROOTS.get(match.group(1)) if match else None
    first_line = stripped.split("\n", 1)[0]
    if first_line:
        delimiter = max((";", ",", "\t"), key=first_line.count)
        header = [cell.strip().strip('"') for cell in first_line.split(delimiter)]
        return strength_csv.detect_kind(header)
    return None


def parse_bytes(data: bytes, name: str, options: ImportOptions | None = None) -> ParsedFile:
    """Decompress if gzip, detect the format and run its importer.

    Raises :class:`ImportFormatError` for empty, unrecognised, damaged or oversized input, and
    for zip archives (expand those with :func:`runstrong.importers.archives.iter_import_items`).
    """
    options = options or ImportOptions()
    if not data:
        raise ImportFormatError(f"{name}: the file is empty.")
    inner_name = name
    if data[:2] == _GZIP_MAGIC:
        data = gunzip(data, name, options.max_decompressed_bytes)
        inner_name = re.sub(r"\.gz$", "", name, flags=re.IGNORECASE)
        if not data:
            raise ImportFormatError(f"{name}: the compressed file is empty.")
    kind = detect_format(data, name) or _by_extension(inner_name)
    if kind == ARCHIVE:
        raise ImportFormatError(f"{name}: a zip archive; import it as an archive, not as a file.")
    if kind is None:
        raise ImportFormatError(
            f"{name}: not a file runstrong can import (FIT, GPX, TCX, a Strong or Hevy CSV "
            "export, or a Strava or Garmin export .zip)."
        )
    return FORMATS[kind](data, name, options)


def gunzip(data: bytes, name: str, limit: int = DEFAULT_MAX_DECOMPRESSED_BYTES) -> bytes:
    """Decompress gzip ``data`` (all members), refusing more than ``limit`` bytes of output."""
    output = bytearray()
    decompressor = zlib.decompressobj(wbits=31)
    pending = data
    try:
        while True:
            chunk = decompressor.decompress(pending, _CHUNK)
            output += chunk
            if len(output) > limit:
                raise ImportFormatError(
                    f"{name}: decompresses to more than {_size(limit)}; refusing it as a "
                    "possible decompression bomb."
                )
            pending = decompressor.unconsumed_tail
            if decompressor.eof:
                rest = decompressor.unused_data
                if not rest.strip(b"\0"):
                    return bytes(output)
                decompressor, pending = zlib.decompressobj(wbits=31), rest
            elif not pending and not chunk:
                raise ImportFormatError(f"{name}: the gzip data is cut short.")
    except zlib.error as exc:
        raise ImportFormatError(f"{name}: damaged gzip data ({exc}).") from exc


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):g} MiB" if count >= 1024 * 1024 else f"{count} bytes"


def _gunzip_head(data: bytes, name: str) -> bytes:
    """The first bytes of gzip data, enough to recognise what it holds."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, _SNIFF_BYTES)
    except zlib.error as exc:
        raise ImportFormatError(f"{name}: damaged gzip data ({exc}).") from exc


def _head_text(data: bytes) -> str:
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8-sig", errors="ignore")


def _by_extension(name: str) -> str | None:
    lowered = name.lower()
    for extension, kind in _BY_EXTENSION.items():
        if lowered.endswith(extension):
            return kind
    if lowered.endswith(".csv"):
        return strength_csv.STRONG  # its importer names the missing columns
    return None
