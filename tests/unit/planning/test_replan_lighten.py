"""``replan(..., lighten=...)``: a planned heavy strength session made lighter through the
re-planner (readiness actions, issue 24); anything else is refused."""

from __future__ import annotations

from datetime import date

import pytest

from runstrong.domain.plan import PlanRequest
from runstrong.errors import ValidationError
from runstrong.planning import build_plan
from runstrong.planning.replan import replan


def test_lighten_a_heavy_session_and_refuse_the_rest() -> None:
    plan = build_plan(PlanRequest("10k", 10000, date(2027, 1, 17), date(2026, 11, 25), "distance"))
    heavy = next(s for s in plan.sessions if s.heavy_lower_body)
    after = replan(plan, heavy.day, lighten=[heavy.id or heavy])
    lighter = next(s for s in after.sessions if (s.id, s.title) != (heavy.id, heavy.title)
                   and s.day == heavy.day and s.kind == "strength")  # fmt: skip
    assert not lighter.heavy_lower_body and lighter.planned_load_au < heavy.planned_load_au
    easy = next(s for s in plan.sessions if s.kind == "run" and not s.key and s.day >= heavy.day)
    with pytest.raises(ValidationError, match="no heavy lower-body strength session"):
        replan(plan, heavy.day, lighten=[easy])
    with pytest.raises(ValidationError, match="from today on"):
        replan(plan, date(2027, 1, 10), lighten=[heavy])
