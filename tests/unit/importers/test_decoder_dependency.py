"""fitfast is a default dependency exactly where it ships wheels; fitdecode everywhere."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _requirement(name: str) -> Requirement:
    dependencies = tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["dependencies"]
    return next(Requirement(d) for d in dependencies if Requirement(d).name == name)


@pytest.mark.parametrize(
    ("platform", "machine", "implementation", "installed"),
    [
        ("linux", "x86_64", "CPython", True),
        ("linux", "aarch64", "CPython", True),
        ("darwin", "arm64", "CPython", True),
        ("darwin", "x86_64", "CPython", True),
        ("win32", "AMD64", "CPython", True),
        ("win32", "x86", "CPython", False),  # no 32-bit Windows wheel
        ("linux", "armv7l", "CPython", False),
        ("linux", "x86_64", "PyPy", False),  # the wheels are CPython abi3
    ],
)
def test_fitfast_marker(platform: str, machine: str, implementation: str, installed: bool) -> None:
    marker = _requirement("fitfast").marker
    assert marker is not None
    environment = {
        "sys_platform": platform,
        "platform_machine": machine,
        "platform_python_implementation": implementation,
    }
    assert marker.evaluate(environment) is installed


def test_fitdecode_is_installed_everywhere() -> None:
    assert _requirement("fitdecode").marker is None
