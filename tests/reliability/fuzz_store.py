"""A fuzzed input imported into a real store, and the row counts checked around it."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import text

from runstrong.domain.models import Athlete
from runstrong.services.athletes import create_athlete
from runstrong.services.imports import import_paths
from runstrong.store import Store
from tests.reliability.fuzz_bytes import Case

__all__ = ["import_and_check"]

_COUNTS = text(
    "SELECT (SELECT count(*) FROM activities), (SELECT count(*) FROM activity_samples), "
    "(SELECT coalesce(sum(sample_count), 0) FROM activity_samples), "
    "(SELECT count(*) FROM strength_sessions), (SELECT count(*) FROM strength_sets)"
)
_FIELDS = ("activities", "sample rows", "samples", "strength sessions", "strength sets")


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        row = connection.execute(_COUNTS).one()
    return dict(zip(_FIELDS, (int(value) for value in row), strict=True))


def import_and_check(store: Store, case: Case, workdir: Path, decoder: str) -> list[str]:
    """Import ``case`` with :func:`import_paths` for a new athlete (so that nothing is skipped
    as already imported) and check that it did not raise and that the rows changed by exactly
    what its report says were added: not at all unless a file was imported. Returns the
    statuses of the report's outcomes."""
    athlete = create_athlete(store, Athlete(name=f"Fuzz {uuid.uuid4().hex}", timezone="UTC"))
    path = workdir / (Path(case.name).name or "input")
    path.write_bytes(case.data)
    before = _counts(store)
    report = import_paths(store, athlete.name, [path], workers=1, fit_decoder=decoder)  # type: ignore[arg-type]
    after = _counts(store)
    delta = {field: after[field] - before[field] for field in _FIELDS}
    for outcome in report.outcomes:
        if outcome.status == "failed":
            assert outcome.message, outcome
    assert delta["activities"] == sum(o.activities_added for o in report.outcomes), delta
    assert delta["strength sessions"] == sum(o.strength_sessions_added for o in report.outcomes)
    assert delta["samples"] == sum(o.samples_added for o in report.outcomes), delta
    assert delta["sample rows"] <= delta["activities"]
    assert delta["strength sets"] >= delta["strength sessions"]
    if not any(o.status == "imported" for o in report.outcomes):
        assert not any(delta.values()), (report.outcomes, delta)
    return [outcome.status for outcome in report.outcomes]
