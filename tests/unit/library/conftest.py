"""Fixtures for the exercise library tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from runstrong.library import Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The exercise library shipped with runstrong."""
    return load_catalog()


@pytest.fixture
def write_library(tmp_path: Path) -> Callable[[str], Path]:
    """Write TOML text to a file in tmp_path and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "exercises.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
