"""Plans from the web, as use cases (issue 9), on each backend: the plan a page shows, moving a
session by its id (refused moves store nothing and name the rule), the choices a form sends, and
exports as bytes.

Plans start on Wednesday 25 November 2026 and end with a 10k on Sunday 17 January 2027: the
first week is short (Wed-Sun), the rest run Monday to Sunday.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runstrong.domain.accounts import User
from runstrong.domain.plan import Plan, PlannedSession
from runstrong.errors import NotFound, ValidationError
from runstrong.planning.checker import check_plan
from runstrong.planning.scheduler import PlanInfeasible
from runstrong.services.accounts import NewAccount, sign_up
from runstrong.services.plan_moves import (
    local_today,
    move_session,
    move_window,
    plan_choices,
    plan_export_bytes,
    plan_view,
)
from runstrong.services.plans import PlanChoices, create_plan, get_plan, replan_plan
from runstrong.services.sharing import approve_plan
from runstrong.store import Store, open_store

TODAY = date(2026, 11, 25)
RACE_DAY = date(2027, 1, 17)
PASSWORD = "correct horse battery"


def _runner(store: Store, username: str = "alice") -> tuple[User, int]:
    user, athlete = sign_up(
        store,
        NewAccount(username, PASSWORD, athlete_name=username.title(), timezone="Europe/Ljubljana"),
    )
    assert athlete.id is not None
    return user, athlete.id


def _plan(store: Store, athlete_id: int) -> Plan:
    return create_plan(store, athlete_id, PlanChoices("10k", RACE_DAY), today=TODAY)[1]


def _active(store: Store, athlete_id: int) -> Plan:
    return get_plan(store, athlete_id)[1]


def _by_id(plan: Plan, session_id: int | None) -> PlannedSession:
    return next(s for s in plan.sessions if s.id == session_id)


def _week(plan: Plan, number: int) -> tuple[date, date]:
    starts = [w.start for w in plan.weeks]
    ends = [s - timedelta(days=1) for s in starts[1:]] + [plan.request.race_date]
    return starts[number - 1], ends[number - 1]


@pytest.fixture
def alice(store: Store) -> tuple[Store, User, int, Plan]:
    user, athlete_id = _runner(store)
    return store, user, athlete_id, _plan(store, athlete_id)


# --- plan_view -------------------------------------------------------------------------------


def test_plan_view_reads_plan_approval_and_today(store: Store) -> None:
    user, athlete_id = _runner(store)
    empty = plan_view(store, user, athlete_id, TODAY)
    assert empty.plan is None and empty.approval is None and empty.today == TODAY
    with pytest.raises(NotFound, match="has no plan yet"):
        empty.active()
    plan = _plan(store, athlete_id)
    approve_plan(store, user, athlete_id)
    view = plan_view(store, user, athlete_id)
    assert view.active() == plan
    assert view.approval is not None and view.approval[0] == "alice"
    assert view.today == local_today(view.athlete)
    stranger, _ = _runner(store, "mallory")
    with pytest.raises(NotFound, match=f"no athlete with id {athlete_id}"):
        plan_view(store, stranger, athlete_id)


# --- move_window -------------------------------------------------------------------------------


def test_move_window_is_the_rest_of_the_week_from_today(
    alice: tuple[Store, User, int, Plan],
) -> None:
    _, _, _, plan = alice
    first_week = _week(plan, 1)
    for session in plan.sessions:
        window = move_window(plan, session, TODAY)
        if session.run is not None and session.run.session_type == "race":
            assert window is None
            continue
        assert window is not None
        start, end = next(
            _week(plan, n)
            for n in range(1, len(plan.weeks) + 1)
            if _week(plan, n)[0] <= session.day <= _week(plan, n)[1]
        )
        assert window == (max(start, TODAY), end)
    today_session = next(s for s in plan.sessions if s.day == TODAY)
    assert move_window(plan, today_session, TODAY + timedelta(days=1)) is None  # now past
    assert first_week[0] == TODAY


# --- move_session ------------------------------------------------------------------------------


def _easy_run_and_free_day(plan: Plan) -> tuple[PlannedSession, date]:
    start, end = _week(plan, 2)
    sessions = [s for s in plan.sessions if start <= s.day <= end]
    easy = next(
        s for s in sessions if s.run is not None and s.run.session_type in ("easy", "strides")
    )
    busy = {s.day for s in sessions}
    free = next(
        start + timedelta(days=n) for n in range(7) if start + timedelta(days=n) not in busy
    )
    return easy, free


def test_move_by_id_replans_the_week_and_keeps_ids(alice: tuple[Store, User, int, Plan]) -> None:
    store, _, athlete_id, plan = alice
    easy, free = _easy_run_and_free_day(plan)
    result = move_session(store, athlete_id, easy.id or 0, free, "pm", today=TODAY)
    moved = result.plan
    assert result.left_out == ()
    after = _by_id(moved, easy.id)
    assert (after.day, after.slot, after.title) == (free, "pm", easy.title)
    assert {s.id for s in moved.sessions} == {s.id for s in plan.sessions}
    assert _active(store, athlete_id) == moved
    assert not [v for v in check_plan(moved) if v.rule in ("heavy-legs-48h", "rest-days")]


def test_moving_only_the_time_of_day_is_repeatable(alice: tuple[Store, User, int, Plan]) -> None:
    store, _, athlete_id, plan = alice
    easy, _ = _easy_run_and_free_day(plan)
    for _ in range(2):
        moved = move_session(store, athlete_id, easy.id or 0, None, "pm", today=TODAY).plan
        assert (_by_id(moved, easy.id).day, _by_id(moved, easy.id).slot) == (easy.day, "pm")
    again = move_session(store, athlete_id, easy.id or 0, None, None, today=TODAY).plan
    assert _by_id(again, easy.id).day == easy.day


def test_a_move_against_the_48_hour_rule_names_it_and_stores_nothing(
    alice: tuple[Store, User, int, Plan],
) -> None:
    store, _, athlete_id, plan = alice
    for number in range(2, len(plan.weeks) + 1):
        start, end = _week(plan, number)
        heavy = [
            s
            for s in plan.sessions
            if s.heavy_lower_body and start - timedelta(days=2) <= s.day < start
        ]
        keys = [
            s
            for s in plan.sessions
            if start <= s.day <= end
            and s.key
            and s.run
            and s.run.session_type in ("interval", "tempo", "repetition")
        ]
        targets = [h.day + timedelta(days=g) for h in heavy for g in (1, 2)]
        pairs = [(k, t) for k in keys for t in targets if t >= start and t != k.day]
        if pairs:
            key, target = pairs[0]
            break
    else:
        pytest.fail("no week starts within 48 h of heavy legs")
    with pytest.raises(PlanInfeasible, match="within 48 h") as refused:
        move_session(store, athlete_id, key.id or 0, target, "am", today=TODAY)
    assert refused.value.rule == "heavy-legs-48h"
    assert _active(store, athlete_id) == plan


@pytest.mark.parametrize(
    ("pick", "day", "error", "message"),
    [
        ("today", TODAY - timedelta(days=1), ValidationError, "that day is in the past"),
        ("today", date(2026, 12, 2), ValidationError, "within its week"),
        ("race", RACE_DAY, ValidationError, "race stays on race day"),
        ("unknown", TODAY, NotFound, "no session with id 987654"),
    ],
)
def test_refused_moves_store_nothing(
    alice: tuple[Store, User, int, Plan], pick: str, day: date, error: type[Exception], message: str
) -> None:
    store, _, athlete_id, plan = alice
    if pick == "today":
        session_id = next(s.id for s in plan.sessions if s.day == TODAY)
    elif pick == "race":
        session_id = next(s.id for s in plan.sessions if s.run and s.run.session_type == "race")
    else:
        session_id = 987654
    with pytest.raises(error, match=message):
        move_session(store, athlete_id, session_id or 0, day, None, today=TODAY)
    assert _active(store, athlete_id) == plan


def test_past_and_missed_sessions_stay(alice: tuple[Store, User, int, Plan]) -> None:
    store, _, athlete_id, plan = alice
    first = next(s for s in plan.sessions if s.day == TODAY)
    later = next(s.day for s in plan.sessions if s.day > TODAY and s.slot == "am")
    with pytest.raises(ValidationError, match="in the past: only sessions from today on"):
        move_session(store, athlete_id, first.id or 0, later, None, today=later)
    _, replanned = replan_plan(store, athlete_id, missed=[(later, "am")], today=later)
    missed = next(s for s in replanned.sessions if s.day == later and s.slot == "am")
    assert missed.status == "missed"
    with pytest.raises(ValidationError, match="is missed: only planned sessions can move"):
        move_session(store, athlete_id, missed.id or 0, later, "pm", today=later)
    assert _active(store, athlete_id) == replanned


def test_moving_without_a_plan_is_not_found(store: Store) -> None:
    _, athlete_id = _runner(store)
    with pytest.raises(NotFound, match="has no plan yet"):
        move_session(store, athlete_id, 1, TODAY, None, today=TODAY)


def test_a_heavy_session_moved_near_a_key_run_is_lightened_and_says_what_was_left_out(
    alice: tuple[Store, User, int, Plan],
) -> None:
    store, _, athlete_id, plan = alice
    heavy = next(
        s
        for s in plan.sessions
        if s.heavy_lower_body and s.day.weekday() == 6 and s.day > TODAY + timedelta(days=7)
    )  # on the long run's day, after it
    target = heavy.day - timedelta(days=2)  # 48 h before the long run: too close when heavy
    result = move_session(store, athlete_id, heavy.id or 0, target, None, today=TODAY)
    moved = _by_id(result.plan, heavy.id)
    assert moved.day == target and not moved.heavy_lower_body and "light" in moved.title
    gone = {s.id for s in plan.sessions} - {s.id for s in result.plan.sessions}
    assert {s.id for s in result.left_out} == gone
    assert all(s.day > heavy.day and s.kind in ("run", "strength") for s in result.left_out)
    assert _active(store, athlete_id) == result.plan


# --- plan_choices ------------------------------------------------------------------------------


def test_plan_choices_check_what_the_planner_does_not() -> None:
    chosen = plan_choices(" 10k ", RACE_DAY, focus=" Middle ", equipment=["Barbell", " box "])
    assert chosen.race == "10k" and chosen.focus == "middle"
    assert chosen.equipment == frozenset({"barbell", "box", "bodyweight"})
    assert plan_choices("5k", RACE_DAY, equipment=["none"]).equipment == frozenset({"bodyweight"})
    assert plan_choices("5k", RACE_DAY, focus="").focus is None
    assert plan_choices("5k", RACE_DAY).equipment is None  # the planner's default kit
    with pytest.raises(ValidationError, match="unknown focus 'ultra'"):
        plan_choices("5k", RACE_DAY, focus="ultra")
    with pytest.raises(ValidationError, match="do not combine it"):
        plan_choices("5k", RACE_DAY, equipment=["none", "box"])
    with pytest.raises(ValidationError, match="unknown equipment trampoline"):
        plan_choices("5k", RACE_DAY, equipment=["trampoline"])
    with pytest.raises(ValidationError, match="say which race"):
        plan_choices("  ", RACE_DAY)


# --- exports ---------------------------------------------------------------------------------


def test_exports_in_memory(alice: tuple[Store, User, int, Plan]) -> None:
    store, _, athlete_id, plan = alice
    ics = plan_export_bytes(store, athlete_id, "ics")
    assert ics.filename == "runstrong-plan-10k-2027-01-17.ics"
    assert ics.media_type.startswith("text/calendar") and ics.content.startswith(b"BEGIN:VCALENDAR")
    pdf = plan_export_bytes(store, athlete_id, "pdf")
    assert pdf.media_type == "application/pdf" and pdf.content.startswith(b"%PDF")
    fit = plan_export_bytes(store, athlete_id, "fit")
    assert fit.filename.endswith("-workouts.zip") and fit.media_type == "application/zip"
    with zipfile.ZipFile(io.BytesIO(fit.content)) as archive:
        workouts = [s for s in plan.sessions if s.kind in ("run", "strength")]
        assert len(archive.namelist()) == len(workouts)  # runs and strength sessions
        assert archive.testzip() is None
    assert plan_export_bytes(store, athlete_id, "fit").content == fit.content  # reproducible
    with pytest.raises(ValidationError, match="unknown export format"):
        plan_export_bytes(store, athlete_id, "docx")  # type: ignore[arg-type]


def test_export_without_a_plan_is_not_found(store: Store) -> None:
    _, athlete_id = _runner(store)
    with pytest.raises(NotFound, match="no plan to export"):
        plan_export_bytes(store, athlete_id, "ics")


# --- any move: done and sound, or refused and nothing stored ------------------------------------


@pytest.fixture(scope="module")
def sqlite_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int]]:
    """One plan that every example moves on from (SQLite only: the property is the planner's)."""
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('moves') / 'moves.db'}")
    try:
        _, athlete_id = _runner(store)
        _plan(store, athlete_id)
        yield store, athlete_id
    finally:
        store.dispose()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    index=st.integers(min_value=0, max_value=200),
    offset=st.integers(min_value=-3, max_value=8),
    slot=st.sampled_from(["am", "pm", None]),
)
def test_any_move_is_done_soundly_or_refused_without_a_trace(
    sqlite_plan: tuple[Store, int], index: int, offset: int, slot: str | None
) -> None:
    store, athlete_id = sqlite_plan
    before = _active(store, athlete_id)
    session = before.sessions[index % len(before.sessions)]
    target = session.day + timedelta(days=offset)
    hard_before = {v.rule for v in check_plan(before)}
    try:
        result = move_session(store, athlete_id, session.id or 0, target, slot, today=TODAY)  # type: ignore[arg-type]
    except (ValidationError, NotFound) as refused:
        assert str(refused)
        assert _active(store, athlete_id) == before
        return
    after = result.plan
    moved = _by_id(after, session.id)
    assert moved.day == target and (slot is None or moved.slot == slot)
    left_out = {s.id for s in result.left_out}
    assert {s.id for s in after.sessions} == {s.id for s in before.sessions} - left_out
    assert all(s.day > TODAY and s.status == "planned" for s in result.left_out)
    assert [s for s in after.sessions if s.day < TODAY] == [
        s for s in before.sessions if s.day < TODAY
    ]
    new_rules = {v.rule for v in check_plan(after)} - hard_before
    assert not new_rules & {"heavy-legs-48h", "rest-days", "one-session-per-slot", "race-day"}
