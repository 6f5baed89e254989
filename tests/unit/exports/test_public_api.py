"""The exports' public surface, their doctests, and that the heavy libraries load lazily."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys

import pytest

import runstrong.exports

MODULES = [
    "runstrong.exports._plan_text",
    "runstrong.exports.fit_workout",
    "runstrong.exports.ics",
    "runstrong.exports.pdf",
]


def test_exports_public_api() -> None:
    assert runstrong.exports.__all__ == [
        "BaseType",
        "Field",
        "FitEncoder",
        "MessageDefinition",
        "SessionTrack",
        "crc16",
        "encode_activity",
        "plan_to_fit_files",
        "plan_to_ics",
        "plan_to_pdf",
        "run_session_to_fit",
    ]
    for name in runstrong.exports.__all__:
        assert callable(getattr(runstrong.exports, name))
    with pytest.raises(AttributeError):
        runstrong.exports.plan_to_docx  # noqa: B018


def test_importing_the_package_does_not_load_calendar_or_pdf_libraries() -> None:
    code = "import sys, runstrong.exports; print('icalendar' in sys.modules, 'fpdf' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
