"""Fixtures: the Strava stand-in served on loopback, and a client pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.strava.standin import Standin, StandinServer


@pytest.fixture(scope="module")
def _server_state() -> Iterator[tuple[Standin, StandinServer]]:
    state = Standin()
    with StandinServer(state) as server:
        yield state, server


@pytest.fixture
def standin(_server_state: tuple[Standin, StandinServer]) -> Standin:
    """The stand-in's state, reset for each test (the server itself is shared)."""
    state, _ = _server_state
    fresh = Standin()
    for name in fresh.__dataclass_fields__:
        setattr(state, name, getattr(fresh, name))
    return state


@pytest.fixture
def standin_url(_server_state: tuple[Standin, StandinServer]) -> str:
    return _server_state[1].url
