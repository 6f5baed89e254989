"""Reliability proofs: figures collected by the tests and printed at the end of the run.

Each test adds its figures (inputs fuzzed per format, kills survived, concurrent writes
checked) with :func:`report`; they appear under "reliability figures" in pytest's summary, so
that a CI log states what was proved, not only that it passed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

FIGURES: list[str] = []


def report(line: str) -> None:
    """Add one line to the figures printed at the end of the test run."""
    FIGURES.append(line)


@pytest.fixture
def figures() -> Callable[[str], None]:
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.write_sep("-", "reliability figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
