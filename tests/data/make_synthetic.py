"""Regenerate the synthetic and deliberately broken import files in tests/data/.

Run from the repository root:  python tests/data/make_synthetic.py [--out DIR]

Everything is deterministic (no randomness, fixed zip and gzip timestamps), so running the script
again reproduces the committed files byte for byte; a test checks that. Large inputs (a 4-hour
run, decompression bombs) are not stored: tests build them on the fly with :func:`run_track`
and the helpers here.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from runstrong.exports.fit_activity import SessionTrack, encode_activity
from runstrong.exports.fit_writer import BaseType, Field, FitEncoder, MessageDefinition

HERE = Path(__file__).resolve().parent
START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
ZIP_TIME = (2024, 5, 1, 0, 0, 0)


def run_track(
    seconds: int,
    start: datetime = START,
    *,
    sport: str = "running",
    speed_m_per_s: float = 3.2,
    stride_cadence: float = 85.5,
) -> SessionTrack:
    """A 1 Hz recording: steady pace, heart rate drifting up, a gentle hill, a straight path."""
    time_s = np.arange(float(seconds))
    return SessionTrack(
        sport=sport,
        start=start,
        time_s=time_s,
        distance_m=time_s * speed_m_per_s,
        speed_m_per_s=np.full(seconds, speed_m_per_s),
        hr_bpm=np.round(130.0 + 20.0 * time_s / max(seconds, 1) + 3.0 * np.sin(time_s / 30.0)),
        cadence=np.full(seconds, stride_cadence),
        altitude_m=300.0 + 15.0 * np.sin(time_s / 240.0),
        latitude_deg=46.05 + time_s * speed_m_per_s / 111_195.0,
        longitude_deg=np.full(seconds, 14.50),
        power_w=np.full(seconds, 250.0) if sport == "running" else None,
    )


def run_fit(seconds: int = 300, **options: bool) -> bytes:
    """A small single-session running FIT file."""
    return encode_activity([run_track(seconds)], **options)


def multisport_fit() -> bytes:
    """Run 120 s, transition 30 s, ride 120 s, transition 20 s, run 60 s."""
    legs = [("running", 120), ("transition", 30), ("cycling", 120), ("transition", 20)]
    legs.append(("running", 60))
    tracks, start = [], START
    for sport, seconds in legs:
        speed = {"running": 3.2, "cycling": 8.0, "transition": 1.0}[sport]
        cadence = 85.0 if sport != "cycling" else 90.0
        track = run_track(seconds, start, sport=sport, speed_m_per_s=speed, stride_cadence=cadence)
        tracks.append(track)
        start += timedelta(seconds=seconds)
    return encode_activity(tracks)


def workout_fit() -> bytes:
    """A FIT workout plan (file type 5): not an activity, so the importer skips it."""
    encoder = FitEncoder()
    encoder.define(0, MessageDefinition(0, (Field(0, BaseType.ENUM), Field(1, BaseType.UINT16))))
    encoder.write(0, [5, 255])
    workout = MessageDefinition(26, (Field(4, BaseType.ENUM), Field(8, BaseType.STRING, 16)))
    encoder.define(1, workout)
    encoder.write(1, [1, "Strides 6x20s"])
    return encoder.finish()


def truncated_fit() -> bytes:
    """A run whose watch died: the file stops in the middle of the records."""
    data = run_fit()
    return data[: len(data) * 3 // 5]


def bad_crc_fit() -> bytes:
    data = bytearray(run_fit())
    data[-1] ^= 0xFF
    return bytes(data)


def bad_header_fit() -> bytes:
    data = bytearray(run_fit())
    data[8:12] = b".FXT"
    return bytes(data)


def run_gpx() -> bytes:
    """A short GPX 1.1 run in two segments (a pause), with Garmin heart rate and cadence."""
    points = []
    for segment, (first, last) in enumerate(((0, 60), (90, 150))):
        rows = []
        for second in range(first, last, 5):
            moment = START + timedelta(seconds=second)
            lat = 46.05 + second * 3.0 / 111_195.0
            rows.append(
                f'      <trkpt lat="{lat:.7f}" lon="14.5000000"><ele>{300 + second / 50:.1f}</ele>'
                f"<time>{moment:%Y-%m-%dT%H:%M:%SZ}</time><extensions>"
                f"<gpxtpx:TrackPointExtension><gpxtpx:hr>{140 + segment * 5}</gpxtpx:hr>"
                "<gpxtpx:cad>86</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>"
            )
        points.append("    <trkseg>\n" + "\n".join(rows) + "\n    </trkseg>")
    body = "\n".join(points)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="runstrong synthetic" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        f"  <trk>\n    <name>Morning Run</name>\n    <type>running</type>\n{body}\n  </trk>\n"
        "</gpx>\n"
    ).encode()


def billion_laughs_gpx() -> bytes:
    entities = ['<!ENTITY lol "lol">']
    for level in range(1, 10):
        previous = f"&lol{level - 1};" if level > 1 else "&lol;"
        entities.append(f'<!ENTITY lol{level} "{previous * 10}">')
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE gpx [\n  ' + "\n  ".join(entities) + "\n]>\n"
        '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        "<trk><name>&lol9;</name></trk></gpx>\n"
    ).encode()


def external_entity_gpx() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        b"<trk><name>&xxe;</name></trk></gpx>\n"
    )


def run_tcx() -> bytes:
    """A TCX run with two laps and a pause (two tracks in the second lap)."""

    def point(second: int, hr: int) -> str:
        moment = START + timedelta(seconds=second)
        return (
            f"<Trackpoint><Time>{moment:%Y-%m-%dT%H:%M:%S.000Z}</Time><Position>"
            f"<LatitudeDegrees>{46.05 + second * 3.0 / 111_195.0:.7f}</LatitudeDegrees>"
            "<LongitudeDegrees>14.5</LongitudeDegrees></Position>"
            f"<AltitudeMeters>{300 + second / 50:.1f}</AltitudeMeters>"
            f"<DistanceMeters>{second * 3.0:.1f}</DistanceMeters>"
            f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm><Extensions>"
            '<TPX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
            "<Speed>3.0</Speed><RunCadence>84</RunCadence></TPX></Extensions></Trackpoint>"
        )

    def lap(start: int, seconds: float, distance: float, avg: int, tracks: list[range]) -> str:
        body = "".join(
            "<Track>" + "".join(point(s, avg) for s in track) + "</Track>" for track in tracks
        )
        return (
            f'<Lap StartTime="{START + timedelta(seconds=start):%Y-%m-%dT%H:%M:%S.000Z}">'
            f"<TotalTimeSeconds>{seconds}</TotalTimeSeconds><DistanceMeters>{distance}"
            f"</DistanceMeters><AverageHeartRateBpm><Value>{avg}</Value></AverageHeartRateBpm>"
            f"<MaximumHeartRateBpm><Value>{avg + 10}</Value></MaximumHeartRateBpm>"
            f"<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>{body}</Lap>"
        )

    laps = lap(0, 60.0, 180.0, 140, [range(0, 61, 10)])
    laps += lap(60, 90.0, 270.0, 150, [range(60, 91, 10), range(150, 211, 10)])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="Running"><Id>{START:%Y-%m-%dT%H:%M:%S.000Z}</Id>{laps}'
        "<Creator><Name>Synthetic Watch</Name></Creator></Activity></Activities>"
        "</TrainingCenterDatabase>\n"
    ).encode()


STRONG_LEGACY = (
    "\ufeffDate;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n"
    '2024-05-02 18:00:00;"Legs A";"Squat (Barbell)";W;40;kg;8;;;;0;"";"";1h 5m\n'
    '2024-05-02 18:00:00;"Legs A";"Squat (Barbell)";1;100;kg;5;8;;;0;"";"";1h 5m\n'
    '2024-05-02 18:00:00;"Legs A";"Squat (Barbell)";2;102,5;kg;5;8,5;;;0;"";"";1h 5m\n'
    '2024-05-02 18:00:00;"Legs A";"Calf Raise";1;135;lbs;12;;;;0;"";"";1h 5m\n'
    '2024-05-02 18:00:00;"Legs A";"Plank";1;0;kg;0;;;;60;"";"";1h 5m\n'
    '2024-05-04 07:30:00;"Legs B";"Nordic Hamstring Curl";1;0;kg;6;;;;0;"";"Felt strong";45m\n'
    '2024-05-04 07:30:00;"Legs B";"Zercher Good Morning";1;60;kg;8;;;;0;"";"Felt strong";45m\n'
)
STRONG_CURRENT = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    '2024-05-06 6:15:00\u202fpm,"Evening",50m,"Romanian Deadlift (Barbell)",1,80,8,0,0,"","",7\n'
    '2024-05-06 6:15:00\u202fpm,"Evening",50m,"Romanian Deadlift (Barbell)",2,80,8,0,0,"","",8\n'
    '2024-05-06 6:15:00\u202fpm,"Evening",50m,"Box Jump",1,0,5,0,0,"","",\n'
)
HEVY_KG = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
    '"Lower","26 Jul 2025, 07:06","26 Jul 2025, 08:11","","Leg Press (Machine)",,"",0,'
    '"warmup",60,10,,,\n'
    '"Lower","26 Jul 2025, 07:06","26 Jul 2025, 08:11","","Leg Press (Machine)",,"",1,'
    '"normal",140,8,,,8\n'
    '"Lower","26 Jul 2025, 07:06","26 Jul 2025, 08:11","","Leg Press (Machine)",,"",2,'
    '"failure",140,7,,,10\n'
    '"Lower","26 Jul 2025, 07:06","26 Jul 2025, 08:11","","Single Leg Standing Calf Raise",,'
    '"",0,"normal",,15,,,\n'
    '"Lower","26 Jul 2025, 07:06","26 Jul 2025, 08:11","","Treadmill",,"",0,"normal",,,2.5,900,\n'
)
HEVY_LBS = HEVY_KG.replace('"weight_kg"', '"weight_lbs"')
HEVY_LBS = HEVY_LBS.replace('"distance_km"', '"distance_miles"')
WRONG_COLUMNS = "Day,Lift,Kilos,Times\n2024-05-02,Squat,100,5\n"
LATIN1 = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n"
LATIN1 += "2024-05-02 18:00:00;Beine;Kniebeuge mit Gewicht für Läufer;1;100;kg;5\n"


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _gzip(content: bytes) -> bytes:
    return gzip.compress(content, mtime=0)


def strava_export_zip() -> bytes:
    """A Strava bulk export: activities.csv, gzipped activity files, and things to ignore."""
    index = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
        "Elapsed Time,Distance,Filename,Elapsed Time,Distance\n"
        '1001,"May 1, 2024, 6:30:00 AM",Shakeout,Run,,300,0.96,activities/1001.fit.gz,300,960\n'
        '1002,"May 1, 2024, 6:30:00 AM",Hill walk,Hike,,210,0.5,activities/1002.gpx.gz,210,500\n'
        '1003,"May 1, 2024, 6:30:00 AM",Laps,Run,,210,0.5,activities/1003.tcx,210,500\n'
        '1004,"May 2, 2024, 6:30:00 AM",Treadmill by hand,Run,,1800,5,,1800,5000\n'
        '1005,"May 3, 2024, 6:30:00 AM",Lost file,Run,,1800,5,activities/1005.fit.gz,1800,5000\n'
    )
    return _zip(
        [
            ("activities.csv", index.encode()),
            ("activities/1001.fit.gz", _gzip(run_fit())),
            ("activities/1002.gpx.gz", _gzip(run_gpx())),
            ("activities/1003.tcx", run_tcx()),
            ("media/photo.jpg", b"\xff\xd8\xff\xe0 not really a photo"),
            ("routes/route.gpx", b"<gpx/>"),
            ("profile.csv", b"Athlete ID,Email\n1,runner@example.com\n"),
        ]
    )


def garmin_export_zip() -> bytes:
    """A Garmin Connect export: FIT files inside a nested zip, plus JSON summaries."""
    uploads = _zip(
        [
            ("runner@example.com_1001.fit", run_fit()),
            ("runner@example.com_1002.fit", multisport_fit()),
            ("runner@example.com_1003.fit", workout_fit()),
        ]
    )
    return _zip(
        [
            ("DI_CONNECT/DI-Connect-Fitness/runner_0_summarizedActivities.json", b"[]"),
            ("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", uploads),
        ]
    )


def path_traversal_zip() -> bytes:
    return _zip([("../../evil.fit", run_fit()), ("ok/run.fit", run_fit())])


def corrupt_zip() -> bytes:
    data = garmin_export_zip()
    return data[: len(data) // 2]


FILES: dict[str, Callable[[], bytes]] = {
    "fit/run.fit": run_fit,
    "fit/run-compressed-timestamps.fit": lambda: run_fit(compressed_timestamps=True),
    "fit/multisport.fit": multisport_fit,
    "fit/workout.fit": workout_fit,
    "fit/truncated.fit": truncated_fit,
    "fit/bad-crc.fit": bad_crc_fit,
    "fit/bad-header.fit": bad_header_fit,
    "fit/empty.fit": lambda: b"",
    "gpx/run.gpx": run_gpx,
    "gpx/billion-laughs.gpx": billion_laughs_gpx,
    "gpx/external-entity.gpx": external_entity_gpx,
    "tcx/run.tcx": run_tcx,
    "csv/strong-legacy.csv": lambda: STRONG_LEGACY.encode(),
    "csv/strong.csv": lambda: STRONG_CURRENT.encode(),
    "csv/hevy-kg.csv": lambda: HEVY_KG.encode(),
    "csv/hevy-lbs.csv": lambda: HEVY_LBS.encode(),
    "csv/wrong-columns.csv": lambda: WRONG_COLUMNS.encode(),
    "csv/latin1.csv": lambda: LATIN1.encode("latin-1"),
    "archives/strava-export.zip": strava_export_zip,
    "archives/garmin-export.zip": garmin_export_zip,
    "archives/path-traversal.zip": path_traversal_zip,
    "archives/corrupt.zip": corrupt_zip,
}


# -- sport vocabularies in GPX and TCX; FIT files whose 14-byte header has CRC 0 ---------------


def _track_gpx(sport_type: str | None, speed_m_per_s: float, creator: str) -> bytes:
    """A 5-minute GPX recording at a steady speed, one point every 5 s, ``<type>`` as given."""
    rows = []
    for second in range(0, 301, 5):
        moment = START + timedelta(seconds=second)
        lat = 46.05 + second * speed_m_per_s / 111_195.0
        rows.append(
            f'      <trkpt lat="{lat:.7f}" lon="14.5000000"><ele>300.0</ele>'
            f"<time>{moment:%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        )
    kind = f"    <type>{sport_type}</type>\n" if sport_type is not None else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gpx version="1.1" creator="{creator}" xmlns="http://www.topografix.com/GPX/1/1">\n'
        f"  <trk>\n    <name>Morning</name>\n{kind}    <trkseg>\n"
        + "\n".join(rows)
        + "\n    </trkseg>\n  </trk>\n</gpx>\n"
    ).encode()


#: GPX <type> as real writers put it: (file, type, speed m/s, creator).
GPX_SPORTS: tuple[tuple[str, str | None, float, str], ...] = (
    ("strava-9-run.gpx", "9", 3.0, "StravaGPX"),
    ("strava-1-ride.gpx", "1", 8.0, "StravaGPX Android"),
    ("strava-4-hike.gpx", "4", 1.2, "StravaGPX iPhone"),
    ("strava-53-virtual-run.gpx", "53", 3.0, "StravaGPX"),
    ("strava-word-trailrun.gpx", "TrailRun", 2.5, "StravaGPX"),
    ("garmin-connect-running.gpx", "running", 3.0, "Garmin Connect"),
    ("garmin-connect-trail-running.gpx", "trail_running", 2.5, "Garmin Connect"),
    ("garmin-connect-road-biking.gpx", "road_biking", 8.0, "Garmin Connect"),
    ("garmin-connect-lap-swimming.gpx", "lap_swimming", 0.8, "Garmin Connect"),
    ("opentracks-biking.gpx", "<![CDATA[biking]]>", 6.0, "OpenTracks"),
    ("runkeeper-running.gpx", "Running", 3.0, "Runkeeper - http://www.runkeeper.com"),
    ("komoot-jogging.gpx", "jogging", 3.0, "https://www.komoot.de"),
    ("endomondo-cycling-sport.gpx", "CYCLING_SPORT", 8.0, "Endomondo.com"),
    ("untyped-run.gpx", None, 3.0, "a watch that says nothing"),
    ("untyped-ride.gpx", None, 8.0, "a watch that says nothing"),
    ("untyped-walk.gpx", None, 1.4, "a watch that says nothing"),
    ("vague-other.gpx", "other", 3.0, "an app"),
    ("unknown-word.gpx", "Quidditch", 3.0, "an app"),
)


def _sport_tcx(sport: str, speed_m_per_s: float, run_cadence: int | None) -> bytes:
    """A 5-minute one-lap TCX activity of ``Sport=sport``, with ``RunCadence`` if given."""
    points = []
    for second in range(0, 301, 5):
        moment = START + timedelta(seconds=second)
        cadence = f"<RunCadence>{run_cadence}</RunCadence>" if run_cadence is not None else ""
        points.append(
            f"<Trackpoint><Time>{moment:%Y-%m-%dT%H:%M:%S.000Z}</Time>"
            f"<DistanceMeters>{second * speed_m_per_s:.1f}</DistanceMeters><Extensions>"
            '<TPX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
            f"<Speed>{speed_m_per_s}</Speed>{cadence}</TPX></Extensions></Trackpoint>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{START:%Y-%m-%dT%H:%M:%S.000Z}</Id>'
        f'<Lap StartTime="{START:%Y-%m-%dT%H:%M:%S.000Z}"><TotalTimeSeconds>300.0'
        f"</TotalTimeSeconds><DistanceMeters>{300 * speed_m_per_s:.1f}</DistanceMeters>"
        "<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>"
        + "".join(points)
        + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n"
    ).encode()


#: TCX Sport as writers put it: (file, Sport, speed m/s, RunCadence strides/min or None).
TCX_SPORTS: tuple[tuple[str, str, float, int | None], ...] = (
    ("running.tcx", "Running", 3.0, 85),
    ("biking.tcx", "Biking", 8.0, None),
    ("other-run.tcx", "Other", 3.0, 86),
    ("other-ski.tcx", "Other", 2.3, 42),
    ("other-paddle.tcx", "Other", 1.1, None),
    ("walking-word.tcx", "Walking", 1.4, 57),
)


def header_crc_zero(data: bytes) -> bytes:
    """The FIT file as many Garmin devices write it: a 14-byte header whose CRC is 0, the file
    CRC (over header and records) computed for that header."""
    from fitdecode.utils import compute_crc

    patched = bytearray(data)
    assert patched[0] == 14, "needs a 14-byte header"
    patched[12:14] = b"\0\0"
    body_end = len(patched) - 2
    patched[body_end:] = compute_crc(bytes(patched[:body_end])).to_bytes(2, "little")
    return bytes(patched)


def header_crc_zero_damaged() -> bytes:
    """A header-CRC-0 run with one record byte changed after the CRC was written."""
    data = bytearray(header_crc_zero(run_fit()))
    data[len(data) // 2] ^= 0x01
    return bytes(data)


FILES.update(
    {
        f"gpx/sports/{name}": functools.partial(_track_gpx, kind, speed, creator)
        for name, kind, speed, creator in GPX_SPORTS
    }
)
FILES.update(
    {
        f"tcx/sports/{name}": functools.partial(_sport_tcx, sport, speed, cadence)
        for name, sport, speed, cadence in TCX_SPORTS
    }
)
FILES.update(
    {
        "fit/header-crc-zero-run.fit": lambda: header_crc_zero(run_fit()),
        "fit/header-crc-zero-multisport.fit": lambda: header_crc_zero(multisport_fit()),
        "fit/header-crc-zero-damaged.fit": header_crc_zero_damaged,
    }
)


def write_all(out: Path) -> list[Path]:
    """Write every synthetic file under ``out``; returns the paths written."""
    written = []
    for relative, make in FILES.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into")
    arguments = parser.parse_args()
    for path in write_all(arguments.out):
        print(f"{path.stat().st_size:>8}  {path}")


if __name__ == "__main__":
    main()
