"""Use case: the evidence report of an athlete, computed once per ``data_version`` and day.

The report takes seconds on years of weeks (a regression with autocorrelated errors), so the
web app computes it in a background job (:func:`compute_evidence`) and pages read the stored
copy (:func:`cached_evidence`). A copy is valid while the athlete's ``data_version`` (raised
by every change to their log, plan or settings) and their local day are the ones it was
computed for; any process may compute it, the last one to finish wins.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

from sqlalchemy.exc import IntegrityError

from runstrong.domain.models import Athlete
from runstrong.errors import NotFound, ValidationError
from runstrong.reports.evidence_json import evidence_json, evidence_page_data
from runstrong.services.evidence import ExposureChoice, MarkerChoice, evidence_report
from runstrong.services.plan_moves import local_today
from runstrong.store import Store
from runstrong.store.evidence_repository import CachedReport

__all__ = [
    "EXPOSURE_CHOICES",
    "MARKER_CHOICES",
    "EvidenceState",
    "cached_evidence",
    "check_choice",
    "compute_evidence",
]

MARKER_CHOICES: tuple[MarkerChoice, ...] = get_args(MarkerChoice)
EXPOSURE_CHOICES: tuple[ExposureChoice, ...] = get_args(ExposureChoice)


@dataclass(frozen=True, slots=True)
class EvidenceState:
    """What is stored for an athlete and choice: ``payload`` is None when it must be computed.

    ``payload`` holds ``report`` (as ``runstrong evidence --json``) and ``page`` (the weekly
    series and labels the web page draws), or ``error`` (a message the athlete can act on, e.g.
    nothing logged yet)."""

    athlete: Athlete
    data_version: int
    as_of: date
    payload: dict[str, Any] | None
    computed_s: float | None = None


def check_choice(marker: str, exposure: str) -> tuple[MarkerChoice, ExposureChoice]:
    """The marker and exposure, refused with a :class:`ValidationError` when unknown."""
    if marker not in MARKER_CHOICES:
        raise ValidationError(f"unknown marker {marker!r}: use {' or '.join(MARKER_CHOICES)}")
    if exposure not in EXPOSURE_CHOICES:
        raise ValidationError(f"unknown exposure {exposure!r}: use {' or '.join(EXPOSURE_CHOICES)}")
    return marker, exposure


def _athlete(store: Store, athlete_id: int) -> tuple[Athlete, int]:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get(athlete_id)
        version = uow.sharing.data_version(athlete_id)
    if athlete is None:
        raise NotFound(f"no athlete with id {athlete_id}")
    return athlete, version


def cached_evidence(
    store: Store, athlete_id: int, marker: str = "efficiency", exposure: str = "sessions"
) -> EvidenceState:
    """The stored report if it is still valid (two primary-key-sized reads), else no payload."""
    chosen_marker, chosen_exposure = check_choice(marker, exposure)
    athlete, version = _athlete(store, athlete_id)
    with store.unit_of_work() as uow:
        cached = uow.evidence_reports.get(athlete_id, chosen_marker, chosen_exposure)
    today = local_today(athlete)
    if cached is None or cached.data_version != version or cached.as_of != today:
        return EvidenceState(athlete, version, today, None)
    return EvidenceState(athlete, version, today, cached.payload, cached.computed_s)


def compute_evidence(
    store: Store, athlete_id: int, marker: str = "efficiency", exposure: str = "sessions"
) -> EvidenceState:
    """Compute the report now and store it for the data version it was computed from."""
    chosen_marker, chosen_exposure = check_choice(marker, exposure)
    athlete, version = _athlete(store, athlete_id)
    today = local_today(athlete)
    started = time.perf_counter()
    payload: dict[str, Any]
    try:
        report = evidence_report(
            store, athlete_id, marker=chosen_marker, exposure=chosen_exposure, as_of=today
        )
        payload = {"report": evidence_json(report), "page": evidence_page_data(report)}
    except ValidationError as exc:  # e.g. nothing logged yet: worth keeping too
        payload = {"error": str(exc)}
    elapsed = time.perf_counter() - started
    try:
        with store.unit_of_work() as uow:
            uow.evidence_reports.put(
                CachedReport(
                    athlete_id, chosen_marker, chosen_exposure, version, today, payload, elapsed
                )
            )
    except IntegrityError:  # another process stored the same report first
        pass
    return EvidenceState(athlete, version, today, payload, elapsed)
