"""Multisport recordings (triathlon, duathlon ...): one event whose legs and transitions are
activities.

A FIT activity file with several sessions is one multisport recording (FIT protocol: one
session per sport, ``transition`` sessions between them). Every session becomes an activity,
transitions included (sport ``transition``: their time and load count like any other), and
the file gives one :class:`MultisportEvent` that the import links them to. Sessions with strength
sets (a gym-run-gym brick) are strength sessions, legs of the same event.
"""

from __future__ import annotations

from collections.abc import Sequence

from runstrong.domain.models import (
    Activity,
    MultisportEvent,
    MultisportKind,
    Sport,
    StrengthSession,
)

__all__ = ["event_for", "event_kind"]

_SWIM: frozenset[Sport] = frozenset({"swimming"})
_RIDE: frozenset[Sport] = frozenset({"cycling"})
_RUN: frozenset[Sport] = frozenset(
    {"running", "trail_running", "track_running", "treadmill_running"}
)


def event_kind(sports: Sequence[Sport]) -> MultisportKind:
    """The kind of race the legs' sports make, transitions and unknown legs ignored.

    >>> event_kind(["swimming", "transition", "cycling", "transition", "running"])
    'triathlon'
    >>> event_kind(["running", "cycling", "running"]), event_kind(["swimming", "running"])
    ('duathlon', 'aquathlon')
    >>> event_kind(["other", "running", "running", "cycling"])
    'multisport'
    """
    legs = [sport for sport in sports if sport != "transition"]
    groups = [
        "swim" if s in _SWIM else "ride" if s in _RIDE else "run" if s in _RUN else s for s in legs
    ]
    if groups == ["swim", "ride", "run"]:
        return "triathlon"
    if groups == ["run", "ride", "run"] or groups == ["run", "ride"]:
        return "duathlon"
    if groups == ["swim", "run"] or groups == ["run", "swim", "run"]:
        return "aquathlon"
    return "multisport"


def event_for(
    activities: Sequence[Activity],
    file_id: str,
    source: str,
    strength: Sequence[StrengthSession] = (),
) -> MultisportEvent | None:
    """The event of a file's activities and strength sessions, or ``None`` when the file holds
    a single one. A strength leg makes the event ``multisport`` (no race has one)."""
    if len(activities) + len(strength) < 2:
        return None
    ordered = sorted(activities, key=lambda activity: activity.started_at)
    starts = [a.started_at for a in ordered] + [s.started_at for s in strength]
    return MultisportEvent(
        started_at=min(starts),
        kind=event_kind([a.sport for a in ordered]) if not strength else "multisport",
        source=source,
        external_id=file_id,
    )
