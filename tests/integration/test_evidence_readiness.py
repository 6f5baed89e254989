"""The evidence report names the readiness choices the runner made up to its day (they moved
or eased sessions), in its JSON, its HTML and its web page data."""

from __future__ import annotations

from datetime import timedelta

from runstrong.domain.checkin import ReadinessChoice
from runstrong.reports.evidence_html import evidence_html
from runstrong.reports.evidence_json import evidence_json, evidence_page_data
from runstrong.services.evidence import evidence_report
from runstrong.store import Store
from tests.integration.test_evidence import START, _log_short_athlete


def test_report_counts_readiness_choices_up_to_its_day(store: Store) -> None:
    _log_short_athlete(store)
    as_of = START + timedelta(weeks=8, days=-1)
    before = evidence_report(store, "Short", as_of=as_of)
    assert evidence_json(before)["readiness_choices"] == {"count": 0, "actions": {}, "signals": {}}
    assert evidence_page_data(before)["readiness_choices_text"] is None
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name("Short")
        assert athlete is not None and athlete.id is not None
        for back, kind, action in (
            (3, "sore_legs_key_run", "swap"),
            (10, "hrv_low", "keep"),
            (-2, "hrv_low", "swap"),  # after the report's day: not counted
        ):
            day = as_of - timedelta(days=back)
            uow.checkins.put_choice(athlete.id, ReadinessChoice(day, kind, action, "x", {}))
    report = evidence_report(store, "Short", as_of=as_of)
    assert evidence_json(report)["readiness_choices"] == {
        "count": 2,
        "actions": {"swap": 1, "keep": 1},
        "signals": {"sore_legs_key_run": 1, "hrv_low": 1},
    }
    text = evidence_page_data(report)["readiness_choices_text"]
    assert text.startswith("You acted on 2 readiness signals (kept the plan 1×, swapped")
    assert text in evidence_html(report)
