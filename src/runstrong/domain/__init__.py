"""Plain typed value objects shared by every layer: athletes, activities, strength work."""

from runstrong.domain.models import (
    Activity,
    ActivitySamples,
    Athlete,
    EventFocus,
    SessionType,
    Sex,
    Side,
    Sport,
    StrengthSession,
    StrengthSet,
    UnitSystem,
)

__all__ = [
    "Activity",
    "ActivitySamples",
    "Athlete",
    "EventFocus",
    "SessionType",
    "Sex",
    "Side",
    "Sport",
    "StrengthSession",
    "StrengthSet",
    "UnitSystem",
]
