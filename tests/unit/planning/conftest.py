"""Fixtures for the planner tests (factories live in ``factories.py``)."""

from __future__ import annotations

import pytest

from runstrong.library import Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()
