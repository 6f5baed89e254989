"""Fixtures for the importer tests: the real device files, the synthetic ones, generators."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from runstrong.importers.base import ImportOptions

TESTS = Path(__file__).resolve().parents[2]
SYNTHETIC = TESTS / "data"
REAL_DATA = TESTS.parents[1] / "shared" / "data"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_synthetic", SYNTHETIC / "make_synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_synthetic"] = module
    spec.loader.exec_module(module)
    return module


#: tests/data/make_synthetic.py, importable by the tests (it is a script, not a package).
synthetic = _load_generator()


def real_files(kind: str) -> list[Path]:
    """The shared real device files of one kind (fit, gpx, tcx); empty if not available."""
    folder = REAL_DATA / kind
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


class FakeCatalog:
    """An exercise matcher knowing a few names, for tests independent of the real library."""

    def __init__(self, known: dict[str, str]) -> None:
        self._known = {name.lower(): slug for name, slug in known.items()}

    def match(self, name: str) -> _Slug | None:
        slug = self._known.get(name.lower())
        return _Slug(slug) if slug else None


class _Slug:
    def __init__(self, slug: str) -> None:
        self.slug = slug


@pytest.fixture
def options() -> ImportOptions:
    """Options with a known zone, so CSV tests do not depend on the UTC fallback."""
    return ImportOptions(timezone="Europe/Ljubljana")


@pytest.fixture(scope="session")
def four_hour_run() -> bytes:
    """A 4-hour 1 Hz run (14,400 records) written with runstrong's own FIT encoder."""
    return synthetic.run_fit(4 * 3600)
