"""The published evidence on strength training for runners, read from ``published_evidence.toml``.

The statements restate ``docs/science.md`` section 5 with its evidence grades, and quote effect
sizes only where that section gives them. They are shown beside the athlete's own analysis: trial
results for groups of runners next to an observational look at one runner's weeks.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final, Literal, get_args

from runstrong.errors import ValidationError
from runstrong.science.evidence.series import MARKER_KINDS, MarkerKind
from runstrong.science.risk import EvidenceGrade

__all__ = [
    "PublishedEvidence",
    "PublishedFinding",
    "published_evidence",
    "published_findings",
]

EvidenceOutcome = Literal["running economy", "performance", "injuries"]

_DATA_FILE: Final = "published_evidence.toml"
_SCHEMA_VERSION: Final = 1
_GRADES: Final[tuple[EvidenceGrade, ...]] = get_args(EvidenceGrade)
_OUTCOMES: Final[tuple[EvidenceOutcome, ...]] = get_args(EvidenceOutcome)


@dataclass(frozen=True, slots=True)
class PublishedFinding:
    """One published finding, with its evidence grade and source.

    Attributes
    ----------
    id : str
        Stable identifier (``"blagrove_2018_economy"``).
    outcome : {"running economy", "performance", "injuries"}
        What the finding is about.
    statement : str
        The finding in plain words, as docs/science.md states it.
    grade : {"strong", "moderate", "weak", "expert opinion"}
        Evidence grade (definitions at the top of docs/science.md).
    source : str
        The citation.
    year : int or None
        Publication year of the cited study; None when no single study is cited.
    population : str
        Who was studied.
    relates_to : tuple[str, ...]
        The runstrong markers the finding bears on.
    """

    id: str
    outcome: EvidenceOutcome
    statement: str
    grade: EvidenceGrade
    source: str
    year: int | None
    population: str
    relates_to: tuple[MarkerKind, ...]


@dataclass(frozen=True, slots=True)
class PublishedEvidence:
    """All findings and the caveat to show beside them."""

    caveat: str
    findings: tuple[PublishedFinding, ...]


@cache
def published_evidence() -> PublishedEvidence:
    """The packaged ``published_evidence.toml``, read and checked once.

    Examples
    --------
    >>> evidence = published_evidence()
    >>> evidence.findings[0].id, evidence.findings[0].grade, evidence.findings[0].year
    ('blagrove_2018_economy', 'strong', 2018)
    """
    text = resources.files("runstrong.science").joinpath("data", _DATA_FILE).read_text("utf-8")
    try:
        return _parse(tomllib.loads(text))
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{_DATA_FILE}: missing or malformed field ({exc!r})") from exc


def published_findings(
    marker: MarkerKind | None = None,
    *,
    outcome: EvidenceOutcome | None = None,
) -> tuple[PublishedFinding, ...]:
    """The published findings, optionally only those bearing on a marker or about an outcome.

    Examples
    --------
    >>> [finding.id for finding in published_findings("vdot")][:1]
    ['blagrove_2018_performance']
    >>> [finding.grade for finding in published_findings(outcome="injuries")]
    ['moderate']
    """
    if marker is not None and marker not in MARKER_KINDS:
        raise ValidationError(f"marker must be one of {', '.join(MARKER_KINDS)}, got {marker!r}")
    if outcome is not None and outcome not in _OUTCOMES:
        raise ValidationError(f"outcome must be one of {', '.join(_OUTCOMES)}, got {outcome!r}")
    return tuple(
        finding
        for finding in published_evidence().findings
        if (marker is None or marker in finding.relates_to)
        and (outcome is None or finding.outcome == outcome)
    )


def _parse(document: Mapping[str, Any]) -> PublishedEvidence:
    if document["schema_version"] != _SCHEMA_VERSION:
        raise ValidationError(f"{_DATA_FILE}: expected schema_version = {_SCHEMA_VERSION}")
    findings: list[PublishedFinding] = []
    for raw in document["finding"]:
        name = str(raw["id"])
        if raw["grade"] not in _GRADES:
            raise ValidationError(f"{_DATA_FILE}: {name} has unknown grade {raw['grade']!r}")
        if raw["outcome"] not in _OUTCOMES:
            raise ValidationError(f"{_DATA_FILE}: {name} has unknown outcome {raw['outcome']!r}")
        markers = tuple(raw["relates_to"])
        if any(marker not in MARKER_KINDS for marker in markers):
            raise ValidationError(f"{_DATA_FILE}: {name} relates to an unknown marker")
        year = raw.get("year")
        if year is not None and (type(year) is not int or not 1950 <= year <= 2100):
            raise ValidationError(f"{_DATA_FILE}: {name} has a bad year {year!r}")
        findings.append(
            PublishedFinding(
                id=name,
                outcome=raw["outcome"],
                statement=str(raw["statement"]),
                grade=raw["grade"],
                source=str(raw["source"]),
                year=year,
                population=str(raw["population"]),
                relates_to=markers,
            )
        )
    if len({finding.id for finding in findings}) != len(findings):
        raise ValidationError(f"{_DATA_FILE}: finding ids must be unique")
    return PublishedEvidence(caveat=str(document["caveat"]), findings=tuple(findings))
