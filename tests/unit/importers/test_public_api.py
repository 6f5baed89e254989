"""The importers' public surface, their doctests, and the synthetic files being current."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

import runstrong.exports
import runstrong.importers

from .conftest import SYNTHETIC, synthetic

MODULES = [
    "runstrong.exports.fit_activity",
    "runstrong.exports.fit_writer",
    "runstrong.importers._csv_text",
    "runstrong.importers._samples",
    "runstrong.importers._sports",
    "runstrong.importers._xml",
    "runstrong.importers.base",
    "runstrong.importers.registry",
    "runstrong.importers.strength_csv",
]


def test_importers_public_api() -> None:
    assert runstrong.importers.__all__ == [
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


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_every_format_module_has_the_same_entry_point() -> None:
    for name in ("fit", "gpx", "tcx", "strength_csv"):
        module = importlib.import_module(f"runstrong.importers.{name}")
        assert list(module.parse.__code__.co_varnames[:3]) == ["data", "name", "options"]


def test_committed_synthetic_files_are_current(tmp_path: Path) -> None:
    """tests/data/make_synthetic.py regenerates every committed file byte for byte."""
    for path in synthetic.write_all(tmp_path):
        relative = path.relative_to(tmp_path)
        committed = SYNTHETIC / relative
        assert committed.exists(), f"run python tests/data/make_synthetic.py ({relative} missing)"
        assert committed.read_bytes() == path.read_bytes(), f"{relative} is out of date"
