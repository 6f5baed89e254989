"""Read activity and strength files into domain objects; no database, no network.

The decoding half of ``runstrong import``: expand paths into items
(:func:`iter_import_items`), recognise each item's format by content and parse it
(:func:`parse_item`, :func:`parse_bytes`), getting a :class:`ParsedFile` of activities and
strength sessions, or a skip reason. Damaged input raises
:class:`runstrong.errors.ImportFormatError` naming the file and the problem.
"""

from runstrong.importers.archives import (
    ImportItem,
    is_importable_file,
    iter_import_items,
    parse_item,
)
from runstrong.importers.base import ImportOptions, ParsedFile, content_id
from runstrong.importers.registry import ARCHIVE, FORMATS, detect_format, parse_bytes

__all__ = [
    "ARCHIVE",
    "FORMATS",
    "ImportItem",
    "ImportOptions",
    "ParsedFile",
    "content_id",
    "detect_format",
    "is_importable_file",
    "iter_import_items",
    "parse_bytes",
    "parse_item",
]
