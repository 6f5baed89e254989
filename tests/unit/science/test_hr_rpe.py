"""Edwards' summated heart-rate zones and the session RPE estimated from them (docs/science.md,
Strength: "load from heart rate")."""

from __future__ import annotations

import numpy as np
import pytest

from runstrong.errors import ValidationError
from runstrong.science.load import edwards_trimp, hr_estimated_rpe


def test_docs_vector_10_min_zone_1_and_20_min_zone_3() -> None:
    t = np.arange(1800.0)
    hr = np.where(t < 600, 0.55 * 190, 0.75 * 190)
    assert edwards_trimp(t, hr, 190) == pytest.approx(70.0)
    assert hr_estimated_rpe(t, hr, 190) == pytest.approx(2 * 70 / 30)


@pytest.mark.parametrize(
    ("fraction", "weight"),
    [(0.49, 0), (0.5, 1), (0.59, 1), (0.6, 2), (0.7, 3), (0.8, 4), (0.9, 5), (1.0, 5)],
)
def test_zone_edges(fraction: float, weight: int) -> None:
    t = np.arange(600.0)  # 10 minutes
    assert edwards_trimp(t, np.full(600, fraction * 200), 200) == pytest.approx(10 * weight)


def test_a_paused_watch_counts_each_gap_as_at_most_ten_seconds() -> None:
    t = np.array([0.0, 1.0, 2.0, 3602.0, 3603.0])
    assert edwards_trimp(t, np.full(5, 150.0), 200) == pytest.approx(3 * (1 + 1 + 10 + 1 + 1) / 60)


def test_no_samples_no_estimate_and_bad_input_refused() -> None:
    assert hr_estimated_rpe([], [], 190) is None
    assert hr_estimated_rpe([0.0], [150.0], 190) is None
    assert hr_estimated_rpe([0.0, 1.0], [np.nan, np.nan], 190) is None
    with pytest.raises(ValidationError):
        edwards_trimp([0.0, 1.0], [150.0], 190)
    with pytest.raises(ValidationError):
        edwards_trimp([0.0, 1.0], [150.0, 150.0], 0)


def test_estimate_is_capped_at_ten() -> None:
    t = np.arange(120.0)
    assert hr_estimated_rpe(t, np.full(120, 250.0), 190) == 10.0
