"""Write the synthetic wellness samples in this folder (deterministic; run from the repo root).

    .venv/bin/python tests/data/wellness/make_samples.py

No openly licensed HRV4Training, Garmin wellness or Apple Health exports were found to copy, so
these files are written here following each format as the importers document it
(src/runstrong/importers/wellness.py, apple_health.py, fit_hrv.py). Values are made up: a
runner with rMSSD around 60 ms, resting HR around 50 bpm, 7-8 h of sleep, from 2026-10-01.
:func:`write_apple_health` also builds the large file of the streaming benchmark
(benchmarks/apple_health_import.py); that one is not kept in the repository.
"""

from __future__ import annotations

import json
import math
import random
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
START = date(2026, 10, 1)
DAYS = 30
_FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)


def _rmssd(day: int) -> float:
    return round(60 + 8 * math.sin(day / 3) - (15 if day >= DAYS - 3 else 0), 1)


def write_hrv4training(path: Path) -> None:
    rows = ["date,HR,AVNN,SDNN,rMSSD,pNN50,LF,HF,sleep_time,sleep_quality"]
    for day in range(DAYS):
        when = START + timedelta(days=day)
        rows.append(
            f"{when} 07:0{day % 10}:00,{50 + day % 3},1150,{70 + day % 5},{_rmssd(day)},"
            f"30,900,700,{7 + (day % 4) / 4},{3 + day % 3}"
        )
    rows.append(f"{START + timedelta(days=DAYS)} 07:00:00,51,1150,70,,30,900,700,7,3")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_garmin(path: Path) -> None:
    entries = []
    for day in range(DAYS):
        entries.append(
            {
                "calendarDate": (START + timedelta(days=day)).isoformat(),
                "restingHeartRate": 49 + day % 4,
                "deepSleepSeconds": 5400,
                "lightSleepSeconds": 14400 + 60 * day,
                "remSleepSeconds": 5400,
                "awakeSleepSeconds": 1200,
                "hrvSummary": {"lastNightAvg": round(_rmssd(day) * 0.8), "status": "BALANCED"},
            }
        )
    path.write_text(json.dumps(entries, indent=1), encoding="utf-8")


_APPLE_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-01 08:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1991-03-02"/>
"""


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def write_apple_health(path: Path, days: int = DAYS, noise_per_day: int = 0) -> None:
    """Apple Health export.xml; ``noise_per_day`` adds heart-rate and step records (with
    metadata) per day, as real exports hold, to make the file large."""
    zone = timezone(timedelta(hours=1))
    rng = random.Random(24)
    with path.open("w", encoding="utf-8") as out:
        out.write(_APPLE_HEAD)
        for day in range(days):
            when = datetime.combine(START + timedelta(days=day), datetime.min.time(), zone)
            bed = when - timedelta(hours=1)
            for stage, hours in (("AsleepCore", 4.0), ("AsleepDeep", 1.5), ("AsleepREM", 1.5)):
                end = bed + timedelta(hours=hours)
                out.write(
                    f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" '
                    f'startDate="{_stamp(bed)}" endDate="{_stamp(end)}" '
                    f'value="HKCategoryValueSleepAnalysis{stage}"/>\n'
                )
                bed = end
            out.write(
                ' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Phone" '
                f'startDate="{_stamp(when - timedelta(hours=1))}" '
                f'endDate="{_stamp(when + timedelta(hours=7))}" '
                'value="HKCategoryValueSleepAnalysisInBed"/>\n'
            )
            for hour, value in ((7, 40 + day % 9), (15, 55 + day % 7)):
                moment = _stamp(when + timedelta(hours=hour))
                out.write(
                    f' <Record type="HKQuantityTypeIdentifierHeartRateVariabilitySDNN" '
                    f'sourceName="Watch" unit="ms" startDate="{moment}" endDate="{moment}" '
                    f'value="{value}">\n  <HeartRateVariabilityMetadataList>\n'
                    + "".join(
                        f'   <InstantaneousBeatsPerMinute bpm="{60 + i % 5}" time="7:0{i}"/>\n'
                        for i in range(5)
                    )
                    + "  </HeartRateVariabilityMetadataList>\n </Record>\n"
                )
            moment = _stamp(when + timedelta(hours=20))
            out.write(
                ' <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="Watch" '
                f'unit="count/min" startDate="{moment}" endDate="{moment}" '
                f'value="{49 + day % 4}"/>\n'
            )
            for i in range(noise_per_day):
                moment = _stamp(when + timedelta(seconds=i * 86400 // max(noise_per_day, 1)))
                out.write(
                    ' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" '
                    f'unit="count/min" creationDate="{moment}" startDate="{moment}" '
                    f'endDate="{moment}" value="{rng.randint(50, 150)}">\n'
                    '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n'
                    " </Record>\n"
                )
        out.write(' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30"/>\n')
        out.write("</HealthData>\n")


def write_fit_snapshot(path: Path) -> None:
    """A 3-minute generic FIT activity (a health snapshot) with RR intervals in hrv messages."""
    sys.path.insert(0, str(HERE.parents[2] / "src"))
    from runstrong.exports.fit_writer import BaseType, Field, FitEncoder, MessageDefinition

    start = datetime(2026, 10, 31, 6, 30, tzinfo=UTC)
    stamp = int((start - _FIT_EPOCH).total_seconds())
    encoder = FitEncoder()
    u32 = BaseType.UINT32
    encoder.define(
        0, MessageDefinition(0, (Field(0, BaseType.ENUM), Field(1, BaseType.UINT16), Field(4, u32)))
    )
    encoder.write(0, [4, 1, stamp])
    encoder.define(1, MessageDefinition(78, (Field(0, BaseType.UINT16, 5),)))
    rng = random.Random(7)
    rr = [0.95 + 0.04 * math.sin(i / 2) + rng.uniform(-0.01, 0.01) for i in range(180)]
    for i in range(0, len(rr), 5):
        encoder.write(1, [[round(v * 1000) for v in rr[i : i + 5]]])
    session = (Field(253, u32), Field(2, u32), Field(7, u32), Field(5, BaseType.ENUM))
    encoder.define(2, MessageDefinition(18, session))
    encoder.write(2, [stamp + 180, stamp, 180_000, 0])
    encoder.define(3, MessageDefinition(34, (Field(253, u32), Field(5, u32))))
    encoder.write(3, [stamp + 180, stamp + 180 + 3600])
    path.write_bytes(encoder.finish())


def write_broken(folder: Path) -> None:
    (folder / "broken_hrv4training_no_rmssd.csv").write_text("date,HR,SDNN\n2026-10-01,50,70\n")
    (folder / "broken_garmin.json").write_text('[{"calendarDate": "2026-10-01", ')
    text = (folder / "apple_health_export.xml").read_text(encoding="utf-8")
    (folder / "broken_apple_health_cut.xml").write_text(text[: len(text) * 2 // 3])


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    write_hrv4training(folder / "hrv4training_export.csv")
    write_garmin(folder / "garmin_wellness_sleep_uds.json")
    write_apple_health(folder / "apple_health_export.xml", days=10)
    write_fit_snapshot(folder / "health_snapshot_hrv.fit")
    write_broken(folder)


if __name__ == "__main__":
    main()
