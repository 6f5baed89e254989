"""Safe XML parsing for GPX and TCX, and small helpers to read their values.

GPX and TCX never need a document type declaration, so any ``<!DOCTYPE`` or ``<!ENTITY`` is
refused before parsing: that rules out entity-expansion bombs ("billion laughs") and external
entities (XXE). The parser itself is locked down as well (no entity resolution, no network, no
DTD loading, no huge trees), so a declaration hidden by an unusual encoding still does nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from runstrong.errors import ImportFormatError

__all__ = ["local_name", "parse_time", "parse_xml", "text_float"]

_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)  # before GPS watches: a placeholder date


def parse_xml(data: bytes, name: str, kind: str) -> etree._Element:
    """Parse ``data`` as XML and return its root element, refusing DTDs and entities.

    ``kind`` names the format in error messages ("GPX", "TCX").
    """
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ImportFormatError(
            f"{name}: the {kind} file declares a DOCTYPE or entities, which {kind} files never "
            "use; refusing it as a possible XML bomb."
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImportFormatError(f"{name}: not well-formed {kind} XML ({exc.msg}).") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise ImportFormatError(f"{name}: the {kind} file declares a DOCTYPE; refusing it.")
    return root


def local_name(element: etree._Element) -> str:
    """The tag without its namespace: ``{http://...}trkpt`` -> ``trkpt``."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 time as an aware UTC datetime; naive times are read as UTC.

    Returns ``None`` for missing, unreadable or placeholder (pre-1990) times.

    >>> parse_time("2020-12-26T15:14:21.000Z")
    datetime.datetime(2020, 12, 26, 15, 14, 21, tzinfo=datetime.timezone.utc)
    >>> parse_time("1901-12-13T20:45:52.2073437Z") is None
    True
    """
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 shifted out of range
        return None
    return moment if moment >= _EARLIEST else None


def text_float(text: str | None) -> float:
    """A number from element text, or ``nan`` when absent or unreadable."""
    if text is None:
        return float("nan")
    try:
        return float(text)
    except ValueError:
        return float("nan")
