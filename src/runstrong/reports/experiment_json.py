"""Personal experiments as JSON, as ``runstrong experiment … --json`` prints and the API returns."""

from __future__ import annotations

from typing import Any

from runstrong.domain.experiment import Experiment
from runstrong.science.evidence.model import EffectInterval
from runstrong.services.experiment_report import ExperimentReport
from runstrong.services.experiments import WEEKDAYS, ExperimentPlan

__all__ = ["design_json", "experiment_json", "report_json"]


def _interval(value: EffectInterval | None) -> dict[str, float] | None:
    if value is None:
        return None
    return {"estimate": value.estimate, "low": value.low, "high": value.high}


def design_json(plan: ExperimentPlan) -> dict[str, Any]:
    """``experiment design --json``: the detectable effect and how other designs move it."""
    return {
        "athlete": plan.athlete.name,
        "marker": plan.marker,
        "marker_label": plan.label,
        "unit": plan.unit,
        "design": plan.design.kind,
        "block_weeks": plan.design.block_weeks,
        "weeks": plan.design.n_weeks,
        "run_in_weeks": plan.design.run_in_weeks,
        "start_date": plan.start_date.isoformat(),
        "end_date": plan.end_date.isoformat(),
        "race_date": plan.race_date.isoformat() if plan.race_date else None,
        "power": 0.8,
        "alpha": 0.05,
        "detectable_effect": plan.detectable_effect,
        "detectable_effect_percent": plan.detectable_effect_percent,
        "noise": {
            "mean": plan.noise.mean,
            "week_to_week_sd": plan.noise.sd,
            "ar1": plan.noise.rho,
            "share_of_weeks_with_marker": plan.noise.marker_share,
            "weeks_measured": plan.noise.n_weeks,
            "test_every_weeks": plan.noise.test_every_weeks,
        },
        "test_speed_m_per_s": plan.test_speed_m_per_s,
        "higher_is_better": plan.marker != "test-hr",
        "published_range_percent": [2.0, 8.0],
        "options": [
            {
                "design": o.kind,
                "block_weeks": o.block_weeks,
                "weeks": o.n_weeks,
                "detectable_effect": o.detectable_effect,
                "detectable_effect_percent": o.detectable_effect_percent,
            }
            for o in plan.options
        ],
        "power_curve": [
            {"effect": p.effect, "effect_percent": p.percent, "power": p.power} for p in plan.curve
        ],
    }


def experiment_json(experiment: Experiment) -> dict[str, Any]:
    """The registered design and its amendments."""
    return {
        "id": experiment.id,
        "question": experiment.question,
        "marker": experiment.marker,
        "design": experiment.design,
        "block_weeks": experiment.block_weeks,
        "weeks": experiment.n_weeks,
        "run_in_weeks": experiment.run_in_weeks,
        "order": experiment.block_order,
        "start_date": experiment.start_date.isoformat(),
        "end_date": experiment.end_date.isoformat(),
        "analysis_date": experiment.analysis_date.isoformat(),
        "test_weekday": WEEKDAYS[experiment.test_weekday],
        "registered_in_advance": experiment.registered_in_advance,
        "label": None if experiment.registered_in_advance else "not registered in advance",
        "started_by": experiment.started_by,
        "started_at": experiment.started_at.isoformat(),
        "detectable_effect": experiment.detectable_effect,
        "noise": experiment.noise,
        "amendments": [
            {
                "on": a.on.isoformat(),
                "field": a.field,
                "old": a.old,
                "new": a.new,
                "reason": a.reason,
            }
            for a in experiment.amendments
        ],
    }


def report_json(report: ExperimentReport) -> dict[str, Any]:
    """``experiment status|analyse --json``: the answer, adherence and deviations."""
    s, a = report.status, report.answer
    return {
        "athlete": s.athlete.name,
        "date": s.day.isoformat(),
        "experiment": experiment_json(s.experiment),
        "current_block": None if s.block is None else s.block + 1,
        "current_arm": {"A": "control", "B": "strength"}.get(s.arm or ""),
        "weeks_left": s.weeks_left,
        "weeks_done": s.weeks_done,
        "interim": report.interim,
        "marker_label": report.label,
        "unit": report.unit,
        "higher_is_better": s.experiment.marker != "test-hr",
        "effect": _interval(a.effect),
        "effect_percent": _interval(a.percent),
        "p_value": a.p_value,
        "randomisation_p": a.randomisation_p,
        "randomisation_orders": a.n_orders,
        "smallest_possible_p": a.smallest_p,
        "autocorrelation": a.autocorrelation,
        "weeks_compared": a.weeks_compared,
        "weeks_intervention": a.weeks_intervention,
        "weeks_control": a.weeks_control,
        "adherence": {
            "intervention_weeks_as_assigned": list(s.intervention_weeks_as_assigned),
            "control_weeks_as_assigned": list(s.control_weeks_as_assigned),
            "test_runs_done": list(s.tests_done),
            "running_km_per_week_control": s.running_km_control,
            "running_km_per_week_intervention": s.running_km_intervention,
            "running_volume_level": s.volume_level,
        },
        "detectable_effect_now": s.detectable_effect_now,
        "deviations": [
            {"week": d.week_start.isoformat(), "kind": d.kind, "text": d.text, "cost": d.cost}
            for d in s.deviations
        ],
        "summary": report.summary,
        "notes": list(report.notes),
        "published": [
            {"statement": f.statement, "grade": f.grade, "source": f.source}
            for f in report.published
        ],
    }
