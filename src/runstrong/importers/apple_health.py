"""Apple Health ``export.xml``, read streaming: HRV (SDNN), resting heart rate, sleep.

An export holds every sample the phone and watch ever recorded — often hundreds of MB — so it is
read with ``lxml.etree.iterparse``: each top-level element is handled when it ends, then cleared
and dropped with the siblings before it, so memory stays flat whatever the file's size
(``benchmarks/apple_health_import.py`` measures it).

Read, per local day (the date written in the record's own time stamp):

* ``HKQuantityTypeIdentifierHeartRateVariabilitySDNN`` (ms): the mean of the day's readings, as
  ``sdnn_ms``. Apple records SDNN, the standard deviation of RR intervals over about a minute;
  it is not rMSSD and is never stored as rMSSD (docs/science.md, "Readiness").
* ``HKQuantityTypeIdentifierRestingHeartRate`` (count/min): the day's last value.
* ``HKCategoryTypeIdentifierSleepAnalysis``: the time asleep (core, deep, REM or unspecified
  asleep; in bed and awake excluded) of the night ending on the day, per recording source; the
  source with the most sleep counts, so a watch and a phone do not add up.

The document type declaration Apple writes is allowed, entity declarations are refused (an XML
bomb), and the parser never loads a DTD or touches the network.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Final

from lxml import etree  # type: ignore[import-untyped]

from runstrong.domain.checkin import Checkin
from runstrong.errors import ImportFormatError, ValidationError
from runstrong.importers.wellness import ParsedWellness

__all__ = ["parse_apple_health", "parse_apple_health_zip"]

_SDNN: Final = "HKQuantityTypeIdentifierHeartRateVariabilitySDNN"
_RESTING: Final = "HKQuantityTypeIdentifierRestingHeartRate"
_SLEEP: Final = "HKCategoryTypeIdentifierSleepAnalysis"
_ASLEEP: Final = frozenset(
    {
        "HKCategoryValueSleepAnalysisAsleep",
        "HKCategoryValueSleepAnalysisAsleepUnspecified",
        "HKCategoryValueSleepAnalysisAsleepCore",
        "HKCategoryValueSleepAnalysisAsleepDeep",
        "HKCategoryValueSleepAnalysisAsleepREM",
    }
)
_TIME_FORMAT: Final = "%Y-%m-%d %H:%M:%S %z"
_HEAD: Final = 256 * 1024


class _Days:
    """Running per-day totals: a few numbers per day, never the records themselves."""

    def __init__(self) -> None:
        self.sdnn: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0])
        self.resting: dict[date, tuple[datetime, float]] = {}
        self.sleep_s: dict[tuple[date, str], float] = defaultdict(float)
        self.skipped = 0

    def add(self, attrib: etree._Attrib) -> None:
        kind = attrib.get("type")
        if kind not in (_SDNN, _RESTING, _SLEEP):
            return
        try:
            start = datetime.strptime(str(attrib["startDate"]), _TIME_FORMAT)
            if kind == _SLEEP:
                if attrib.get("value") in _ASLEEP:
                    end = datetime.strptime(str(attrib["endDate"]), _TIME_FORMAT)
                    source = str(attrib.get("sourceName", ""))
                    self.sleep_s[(end.date(), source)] += max(0.0, (end - start).total_seconds())
                return
            value = float(str(attrib["value"]))
        except (KeyError, ValueError):
            self.skipped += 1
            return
        unit = attrib.get("unit")
        if kind == _SDNN and unit == "ms":
            total = self.sdnn[start.date()]
            total[0] += value
            total[1] += 1
        elif kind == _RESTING and unit == "count/min":
            previous = self.resting.get(start.date())
            if previous is None or start >= previous[0]:
                self.resting[start.date()] = (start, value)
        else:
            self.skipped += 1

    def checkins(self, name: str) -> list[Checkin]:
        sleep: dict[date, float] = {}
        for (day, _source), seconds in self.sleep_s.items():
            sleep[day] = max(sleep.get(day, 0.0), seconds)
        days = sorted(set(self.sdnn) | set(self.resting) | set(sleep))
        found = []
        for day in days:
            sdnn = self.sdnn.get(day)
            resting = self.resting.get(day)
            hours = sleep.get(day)
            try:
                found.append(
                    Checkin(
                        day=day,
                        sdnn_ms=round(sdnn[0] / sdnn[1], 1) if sdnn else None,
                        resting_hr_bpm=resting[1] if resting else None,
                        sleep_h=round(min(hours / 3600, 24.0), 2) if hours else None,
                        hrv_source="Apple Health (SDNN)" if sdnn else None,
                        source="apple_health",
                    )
                )
            except ValidationError as exc:
                raise ImportFormatError(f"{name}: {day}: {exc}") from exc
        return found


def parse_apple_health(path: Path) -> ParsedWellness:
    """Read an Apple Health ``export.xml`` streaming; see the module docstring."""
    return _parse(lambda: path.open("rb"), path.name)


def parse_apple_health_zip(path: Path) -> ParsedWellness:
    """Read the ``export.xml`` inside the zip the Health app exports (``export.zip``, with
    ``apple_health_export/export.xml``), streaming it out of the archive."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFormatError(f"{name}: not a readable zip archive ({exc})") from exc
    with archive:
        members = [i for i in archive.infolist() if i.filename.rsplit("/", 1)[-1] == "export.xml"]
        if not members:
            raise ImportFormatError(
                f"{name}: a zip without an Apple Health export.xml: upload the Health app's "
                "export.zip, or the file itself"
            )
        member = members[0]
        try:
            return _parse(lambda: archive.open(member), f"{name}!{member.filename}")
        except (zipfile.BadZipFile, EOFError) as exc:
            raise ImportFormatError(f"{name}: the archive is damaged ({exc})") from exc


def _parse(open_stream: Callable[[], IO[bytes]], name: str) -> ParsedWellness:
    with open_stream() as handle:
        head = handle.read(_HEAD)
    if b"<!ENTITY" in head:
        raise ImportFormatError(f"{name}: declares XML entities; refusing it as a possible bomb")
    days = _Days()
    root_seen = False
    stream = open_stream()
    try:
        context = etree.iterparse(
            stream,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
        )
        for event, element in context:
            if not root_seen:
                if etree.QName(element).localname != "HealthData":
                    raise ImportFormatError(
                        f"{name}: not an Apple Health export (its root is "
                        f"<{etree.QName(element).localname}>, not <HealthData>)"
                    )
                root_seen = True
                continue
            if event != "end":
                continue
            parent = element.getparent()
            if parent is None or parent.getparent() is not None:
                continue  # only top-level children of <HealthData>
            if element.tag == "Record":
                days.add(element.attrib)
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ImportFormatError(
            f"{name}: not well-formed XML at line {exc.lineno} ({exc.msg}); nothing was imported"
        ) from exc
    finally:
        stream.close()
    found = days.checkins(name)
    if not found:
        raise ImportFormatError(
            f"{name}: no HRV (SDNN), resting heart rate or sleep records in this export"
        )
    warnings = (f"{days.skipped} records without a usable value or unit skipped",)
    return ParsedWellness("apple_health_xml", tuple(found), warnings if days.skipped else ())
