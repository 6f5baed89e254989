"""Repository of personal experiments: registered designs and their amendments."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from runstrong.domain.experiment import Amendment, Experiment
from runstrong.store.tables import ExperimentRow

__all__ = ["ExperimentRepository"]


def _domain(row: ExperimentRow) -> Experiment:
    return Experiment(
        id=row.id,
        question=row.question,
        marker=row.marker,
        design=row.design,
        block_weeks=row.block_weeks,
        n_weeks=row.n_weeks,
        run_in_weeks=row.run_in_weeks,
        block_order=row.block_order,
        start_date=row.start_date,
        analysis_date=row.analysis_date,
        test_weekday=row.test_weekday,
        registered_in_advance=row.registered_in_advance,
        started_by=row.started_by,
        started_at=row.started_at,
        noise=dict(row.noise),
        detectable_effect=row.detectable_effect,
        amendments=tuple(
            Amendment(
                on=date.fromisoformat(str(item["on"])),
                field=str(item["field"]),
                old=str(item["old"]),
                new=str(item["new"]),
                reason=str(item["reason"]),
            )
            for item in row.amendments
        ),
    )


class ExperimentRepository:
    """Adds, lists and amends an athlete's experiments (they mark the athlete as changed)."""

    def __init__(self, session: Session, changed: set[int]) -> None:
        self._session = session
        self._changed = changed

    def list_for_athlete(self, athlete_id: int) -> list[Experiment]:
        rows = self._session.scalars(
            select(ExperimentRow)
            .where(ExperimentRow.athlete_id == athlete_id)
            .order_by(ExperimentRow.start_date, ExperimentRow.id)
        ).all()
        return [_domain(row) for row in rows]

    def add(self, athlete_id: int, experiment: Experiment) -> Experiment:
        values = asdict(experiment)
        values.pop("id")
        values["amendments"] = [_amendment_json(item) for item in experiment.amendments]
        row = ExperimentRow(athlete_id=athlete_id, **values)
        self._session.add(row)
        self._session.flush()
        self._changed.add(athlete_id)
        return _domain(row)

    def amend(self, experiment_id: int, amendment: Amendment, **changes: object) -> Experiment:
        """Apply ``changes`` to the design and record ``amendment`` with them."""
        row = self._session.get_one(ExperimentRow, experiment_id)
        for name, value in changes.items():
            setattr(row, name, value)
        row.amendments = [*row.amendments, _amendment_json(amendment)]
        self._session.flush()
        self._changed.add(row.athlete_id)
        return _domain(row)


def _amendment_json(item: Amendment) -> dict[str, object]:
    return {
        "on": item.on.isoformat(),
        "field": item.field,
        "old": item.old,
        "new": item.new,
        "reason": item.reason,
    }
