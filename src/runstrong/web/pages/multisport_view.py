"""The history page's view of multisport events: a heading row before a race's legs and a
"leg 2 of 7" label on each (runs and a brick's strength sessions alike), from
:func:`runstrong.services.multisport.events_with_legs`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from runstrong.domain.models import Athlete
from runstrong.domain.units import format_distance, format_duration
from runstrong.services.history import HistoryEntry
from runstrong.services.multisport import EventLegs

__all__ = ["annotate_events", "event_title"]


def event_title(legs: EventLegs) -> str:
    """``"Triathlon"``, ``"Multisport"`` ..."""
    return legs.event.kind.capitalize()


def annotate_events(
    lines: Sequence[dict[str, Any]],
    entries: Sequence[HistoryEntry],
    events: Mapping[int, EventLegs],
    athlete: Athlete,
) -> list[dict[str, Any]]:
    """The history lines with ``event`` (the leg's label) and, on the first line of each event
    on the page, ``event_header`` (the race's summary)."""
    seen: set[int] = set()
    result = []
    for line, entry in zip(lines, entries, strict=True):
        item = entry.activity or entry.strength_session
        legs = events.get(item.event_id) if item and item.event_id else None
        if legs is None or item is None or item.id is None:
            result.append(line)
            continue
        line = dict(line)
        if entry.activity is not None:
            place = legs.position(item.id)
        else:
            place = legs.strength_position(item.id)
        line["event"] = f"{event_title(legs)} · {place} of {len(legs.members)}"
        if legs.event.id not in seen:
            seen.add(legs.event.id or 0)
            parts = [
                f"{legs.leg_count} legs",
                f"{legs.transition_count} transition{'s' if legs.transition_count != 1 else ''}",
                format_duration(legs.elapsed_time_s),
                format_distance(legs.distance_m, athlete.units) if legs.distance_m else None,
            ]
            line["event_header"] = {
                "id": legs.event.id,
                "title": event_title(legs),
                "started_at": legs.event.started_at,
                "summary": " · ".join(p for p in parts if p),
            }
        result.append(line)
    return result
