"""What a runner sees of one activity: splits and laps, grade-adjusted pace, best efforts, time
in zones, the route, and chart series thinned for drawing. Pure functions on NumPy arrays."""

from runstrong.science.activity.best_efforts import (
    BEST_EFFORT_DISTANCES,
    BestEffort,
    best_efforts,
    fastest_window_s,
)
from runstrong.science.activity.charts import ChartSeries, chart_series
from runstrong.science.activity.grade_adjusted import (
    energy_cost_j_per_kg_m,
    equivalent_flat_distance_m,
    gradient,
)
from runstrong.science.activity.route import Route, route
from runstrong.science.activity.splits import (
    KILOMETRE_M,
    MILE_M,
    RunSegments,
    Segment,
    run_segments,
    segments_between,
    splits,
    whole_run,
)
from runstrong.science.activity.zones import HrModel, ZoneTime, hr_zones, pace_zones

__all__ = [
    "BEST_EFFORT_DISTANCES",
    "KILOMETRE_M",
    "MILE_M",
    "BestEffort",
    "ChartSeries",
    "HrModel",
    "Route",
    "RunSegments",
    "Segment",
    "ZoneTime",
    "best_efforts",
    "chart_series",
    "energy_cost_j_per_kg_m",
    "equivalent_flat_distance_m",
    "fastest_window_s",
    "gradient",
    "hr_zones",
    "pace_zones",
    "route",
    "run_segments",
    "segments_between",
    "splits",
    "whole_run",
]
