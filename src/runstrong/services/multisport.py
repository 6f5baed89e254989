"""Use cases for multisport events: store a file's event with its legs, and read events back
with their legs for the history page and the API.

A multisport recording (a triathlon: swim, T1, bike, T2, run) is stored as one
:class:`MultisportEvent` and one activity per leg and per transition; transitions are
activities of sport ``transition``, so their time and load count like any other session. A
brick recorded in one file (gym, run, gym) has strength sessions among its legs: they point to
the event too (``strength_sessions.event_id``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from runstrong.domain.models import Activity, MultisportEvent, StrengthSession
from runstrong.importers.multisport import event_kind
from runstrong.store import Store, UnitOfWork
from runstrong.store.multisport_repository import MultisportRepository

__all__ = [
    "EventLegs",
    "EventWriter",
    "events_with_legs",
    "group_file_legs",
    "incomplete_events",
]


@dataclass(frozen=True, slots=True)
class EventLegs:
    """An event, its activities (legs and transitions) and its strength sessions (a brick's
    gym legs), each in start order."""

    event: MultisportEvent
    legs: tuple[Activity, ...]
    strength: tuple[StrengthSession, ...] = ()

    @property
    def members(self) -> tuple[Activity | StrengthSession, ...]:
        """Activities and strength sessions together, in start order."""
        both: list[Activity | StrengthSession] = [*self.legs, *self.strength]
        return tuple(sorted(both, key=lambda item: item.started_at))

    @property
    def leg_count(self) -> int:
        return sum(1 for leg in self.legs if leg.sport != "transition") + len(self.strength)

    @property
    def transition_count(self) -> int:
        return sum(1 for leg in self.legs if leg.sport == "transition")

    @property
    def moving_time_s(self) -> float:
        return sum(leg.moving_time_s for leg in self.legs)

    @property
    def elapsed_time_s(self) -> float:
        """Start of the first leg to the end of the last, seconds."""
        members = self.members
        if not members:
            return 0.0
        end = max(_end(member) for member in members)
        return end - members[0].started_at.timestamp()

    @property
    def distance_m(self) -> float:
        return sum(leg.distance_m or 0.0 for leg in self.legs)

    def position(self, activity_id: int) -> int | None:
        """1-based place of the activity among the event's legs and transitions."""
        return self._place(Activity, activity_id)

    def strength_position(self, session_id: int) -> int | None:
        """1-based place of the strength session among the event's legs and transitions."""
        return self._place(StrengthSession, session_id)

    def _place(self, kind: type, item_id: int) -> int | None:
        for index, member in enumerate(self.members, start=1):
            if isinstance(member, kind) and member.id == item_id:
                return index
        return None


def _end(member: Activity | StrengthSession) -> float:
    """When a leg ended, seconds since the epoch."""
    if isinstance(member, StrengthSession):
        return member.started_at.timestamp() + (member.duration_s or 0.0)
    return member.started_at.timestamp() + (member.elapsed_time_s or member.moving_time_s)


def events_with_legs(
    store: Store, athlete_id: int, event_ids: Iterable[int | None]
) -> dict[int, EventLegs]:
    """The athlete's events among ``event_ids`` (``None``s ignored), with their legs."""
    wanted = sorted({event_id for event_id in event_ids if event_id is not None})
    if not wanted:
        return {}
    with store.unit_of_work() as uow:
        found = MultisportRepository(uow.session).with_legs(athlete_id, wanted)
    return {key: EventLegs(event, legs, gym) for key, (event, legs, gym) in found.items()}


def group_file_legs(session: Session, athlete_id: int) -> int:
    """Link the athlete's ungrouped legs of multi-session FIT files into one event per file
    (after a restore from an archive, which keeps activities but not events); returns how many
    events were made. An event with no transition is marked incomplete, so importing its file
    again adds the transitions."""
    repository = MultisportRepository(session)
    made = 0
    activities = repository.ungrouped_file_legs(athlete_id)
    gym = repository.ungrouped_file_strength(athlete_id)
    for file_id in sorted(set(activities) | set(gym)):
        legs, lifts = activities.get(file_id, []), gym.get(file_id, [])
        starts = [leg.started_at for leg in legs] + [lift.started_at for lift in lifts]
        event = MultisportEvent(
            started_at=min(starts),
            kind=event_kind([leg.sport for leg in legs]) if not lifts else "multisport",
            external_id=file_id,
            transitions_complete=any(leg.sport == "transition" for leg in legs),
        )
        if repository.find(athlete_id, file_id) is not None:
            continue
        stored = repository.add(athlete_id, event)
        assert stored.id is not None
        repository.link(stored.id, [leg.id for leg in legs if leg.id is not None])
        repository.link_strength(stored.id, [lift.id for lift in lifts if lift.id is not None])
        made += 1
    return made


def incomplete_events(uow: UnitOfWork, athlete_id: int) -> set[str]:
    """External ids of events stored without their transitions (before they were kept)."""
    return MultisportRepository(uow.session).incomplete_external_ids(athlete_id)


class EventWriter:
    """Inside an import's transaction: the file's event, created when its first activity is
    stored (or found, when an earlier import stored some of its legs), and its activities
    linked to it."""

    def __init__(self, uow: UnitOfWork, athlete_id: int, event: MultisportEvent | None) -> None:
        self._repository = MultisportRepository(uow.session)
        self._athlete_id = athlete_id
        self._parsed = event
        self._stored: MultisportEvent | None = None

    def prepare(self, activity: Activity) -> Activity:
        """The activity as it is to be stored: a leg of the file's event, if it has one."""
        if self._parsed is None:
            return activity
        return replace(activity, event_id=self._event(self._parsed).id)

    def adopt(self, stored: Activity | None) -> None:
        """Make an activity already stored (the same session from another file) a leg of the
        file's event, unless it belongs to an event already."""
        if self._parsed is None or stored is None or stored.id is None or stored.event_id:
            return
        event_id = self._event(self._parsed).id
        assert event_id is not None
        self._repository.link(event_id, [stored.id])

    def prepare_strength(self, session: StrengthSession) -> StrengthSession:
        """The strength session as it is to be stored: a leg of the file's event, if any."""
        if self._parsed is None:
            return session
        return replace(session, event_id=self._event(self._parsed).id)

    def adopt_strength(self, external_ids: Iterable[str]) -> None:
        """Make strength sessions of this file stored earlier (before events held them) legs
        of the file's event."""
        if self._parsed is None:
            return
        found = self._repository.ungrouped_strength_ids(self._athlete_id, list(external_ids))
        if found:
            event_id = self._event(self._parsed).id
            assert event_id is not None
            self._repository.link_strength(event_id, found)

    def _event(self, parsed: MultisportEvent) -> MultisportEvent:
        if self._stored is None:
            found = None
            if parsed.external_id is not None:
                found = self._repository.find(self._athlete_id, parsed.external_id)
            self._stored = found or self._repository.add(self._athlete_id, parsed)
        return self._stored

    def finish(self) -> None:
        """Mark an event grouped from legs stored earlier as complete now."""
        stored = self._stored
        if stored is not None and stored.id is not None and not stored.transitions_complete:
            self._repository.mark_complete(stored.id)
