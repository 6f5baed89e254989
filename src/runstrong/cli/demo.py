"""``runstrong demo``: a demo athlete with a year of training, and a summary of it."""

from __future__ import annotations

from dataclasses import asdict

from runstrong.cli.common import DbOption, JsonOption, console, emit_json, store_from
from runstrong.cli.summary_view import print_summary
from runstrong.services.demo import seed_demo
from runstrong.services.summary import summarise_athlete


def demo(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Create the demo athlete with a year of seeded runs and strength sessions (idempotent)."""
    with store_from(db) as store:
        result = seed_demo(store)
        summary = summarise_athlete(store, result.athlete.name)
        url = store.url
    if as_json:
        emit_json(
            {
                "database": url,
                "activities_added": result.activities_added,
                "strength_sessions_added": result.strength_sessions_added,
                "already_present": result.already_present,
                "summary": asdict(summary),
            }
        )
        return
    added = result.activities_added + result.strength_sessions_added
    if added:
        console.print(
            f"Demo athlete stored in {url}: {result.activities_added} activities and "
            f"{result.strength_sessions_added} strength sessions added."
        )
    else:
        console.print(f"Demo athlete already complete in {url}: nothing added.")
    print_summary(summary)
