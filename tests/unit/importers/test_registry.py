"""Format detection by content, gzip handling and dispatch to the importers."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from runstrong.errors import ImportFormatError
from runstrong.importers import registry
from runstrong.importers.base import DEFAULT_MAX_DECOMPRESSED_BYTES, ImportOptions

from .conftest import SYNTHETIC, real_files, synthetic

EXPECTED_SYNTHETIC = {
    "fit/run.fit": "fit",
    "fit/run-compressed-timestamps.fit": "fit",
    "fit/multisport.fit": "fit",
    "fit/workout.fit": "fit",
    "fit/truncated.fit": "fit",
    "fit/bad-crc.fit": "fit",
    "fit/bad-header.fit": None,  # the signature is gone; the name sends it to the FIT importer
    "fit/empty.fit": None,
    "gpx/run.gpx": "gpx",
    "gpx/billion-laughs.gpx": "gpx",
    "gpx/external-entity.gpx": "gpx",
    "tcx/run.tcx": "tcx",
    "csv/strong-legacy.csv": "strong_csv",
    "csv/strong.csv": "strong_csv",
    "csv/hevy-kg.csv": "hevy_csv",
    "csv/hevy-lbs.csv": "hevy_csv",
    "csv/wrong-columns.csv": None,
    "csv/latin1.csv": "strong_csv",
    "archives/strava-export.zip": "zip",
    "archives/garmin-export.zip": "zip",
    "archives/path-traversal.zip": "zip",
    "archives/corrupt.zip": "zip",
}
# sport vocabularies and header-CRC-0 FIT files: recognised by content as their folder's format
EXPECTED_SYNTHETIC.update(
    {
        relative: relative.split("/", 1)[0]
        for relative in synthetic.FILES
        if "/sports/" in relative or "/header-crc-zero" in relative
    }
)


def test_synthetic_table_covers_every_generated_file() -> None:
    assert set(EXPECTED_SYNTHETIC) == set(synthetic.FILES)


@pytest.mark.parametrize(("relative", "kind"), EXPECTED_SYNTHETIC.items())
def test_detects_synthetic_files_by_content(relative: str, kind: str | None) -> None:
    data = (SYNTHETIC / relative).read_bytes()
    assert registry.detect_format(data, "no-extension") == kind
    if data:
        assert registry.detect_format(gzip.compress(data, mtime=0)) == kind


@pytest.mark.parametrize(
    "path",
    real_files("fit") + real_files("gpx") + real_files("tcx"),
    ids=lambda p: p.name,
)
def test_detects_real_files_by_content(path: Path) -> None:
    expected = path.parent.name
    if path.name == "activity-settings-corruptheader.fit":
        expected = "fit"  # the first FIT sequence is intact; the chained one is not
    assert registry.detect_format(path.read_bytes()) == expected


def test_parse_bytes_decompresses_gzip() -> None:
    data = (SYNTHETIC / "fit/run.fit").read_bytes()
    parsed = registry.parse_bytes(gzip.compress(data, mtime=0), "run.fit.gz")
    assert parsed.format == "fit"
    (activity,) = parsed.activities
    assert activity.external_id == "sha256:" + __import__("hashlib").sha256(data).hexdigest()


def test_multi_member_gzip_is_read_whole() -> None:
    text = (SYNTHETIC / "gpx/run.gpx").read_bytes()
    half = len(text) // 2
    data = gzip.compress(text[:half], mtime=0) + gzip.compress(text[half:], mtime=0)
    assert len(registry.parse_bytes(data, "run.gpx.gz").activities) == 1


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024), compresslevel=9, mtime=0)
    assert len(bomb) < 20_000
    small_cap = ImportOptions(max_decompressed_bytes=4 * 1024 * 1024)
    with pytest.raises(ImportFormatError, match=r"bomb\.fit\.gz: decompresses to more than 4 MiB"):
        registry.parse_bytes(bomb, "bomb.fit.gz", small_cap)
    assert DEFAULT_MAX_DECOMPRESSED_BYTES == 512 * 1024 * 1024


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (gzip.compress(b"<gpx/>", mtime=0)[:-12], "cut short"),
        (b"\x1f\x8b\x08\x00garbage-garbage-garbage", "damaged gzip"),
        (gzip.compress(b"", mtime=0), "compressed file is empty"),
    ],
)
def test_broken_gzip_fails_clearly(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        registry.parse_bytes(data, "x.gpx.gz")


def test_name_is_only_a_fallback() -> None:
    gpx_bytes = (SYNTHETIC / "gpx/run.gpx").read_bytes()
    assert registry.parse_bytes(gpx_bytes, "misnamed.fit").format == "gpx"
    with pytest.raises(ImportFormatError, match="not a FIT file, or its header is damaged"):
        registry.parse_bytes((SYNTHETIC / "fit/bad-header.fit").read_bytes(), "x.FIT")
    with pytest.raises(ImportFormatError, match="missing Strong columns"):
        registry.parse_bytes((SYNTHETIC / "csv/wrong-columns.csv").read_bytes(), "w.csv")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.fit", "empty.fit: the file is empty"),
        (b"\x89PNG\r\n\x1a\n....", "photo.png", "not a file runstrong can import"),
        ((SYNTHETIC / "archives/garmin-export.zip").read_bytes(), "g.zip", "zip archive"),
    ],
)
def test_unimportable_input_fails_clearly(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        registry.parse_bytes(data, name)


def test_formats_registry_is_keyed_by_stable_names() -> None:
    assert set(registry.FORMATS) == {
        "fit",
        "gpx",
        "tcx",
        "strong_csv",
        "hevy_csv",
        "strava_activities_csv",
    }


def test_gunzip_limit_counts_every_member() -> None:
    member = gzip.compress(b"a" * 1000, mtime=0)
    with pytest.raises(ImportFormatError, match="more than"):
        registry.gunzip(member * 3, "x.gz", limit=2500)
    assert registry.gunzip(member * 2, "x.gz", limit=2500) == b"a" * 2000
    assert zlib.crc32(registry.gunzip(member, "x.gz")) == zlib.crc32(b"a" * 1000)
