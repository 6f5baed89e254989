"""The jobs themselves: plain functions of JSON-able arguments, run by a worker or a thread.

Each opens the store named by ``database_url`` once per process and keeps it; a failure a user
can act on comes back as ``{"ok": False, "code": ..., "error": ...}`` rather than as a crash.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from runstrong.errors import RunstrongError
from runstrong.store import Store, open_store

__all__ = ["evidence_report", "import_files", "recompute_status", "store_for", "strava_event",
           "strava_sync", "sync_source"]  # fmt: skip


@lru_cache(maxsize=8)
def store_for(database_url: str) -> Store:
    """One store (one connection pool) per database and process."""
    return open_store(database_url)


def _guarded(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return {"ok": True, **work()}
    except RunstrongError as exc:
        return {"ok": False, "code": exc.code, "error": str(exc)}


def import_files(
    database_url: str, athlete_id: int, paths: list[str], cleanup_dir: str | None = None
) -> dict[str, Any]:
    """Import files for the athlete; ``cleanup_dir`` (an upload folder) is removed afterwards."""
    from runstrong.services.imports import import_paths

    def work() -> dict[str, Any]:
        report = import_paths(
            store_for(database_url), athlete_id, [Path(p) for p in paths], workers=1
        )
        return {
            "imported": report.count("imported"),
            "already_present": report.count("already_present"),
            "skipped": report.count("skipped"),
            "failed": report.count("failed"),
            "samples": report.samples_added,
            "outcomes": [
                {
                    "name": Path(o.name).name,
                    "status": o.status,
                    "format": o.format,
                    "activities_added": o.activities_added,
                    "strength_sessions_added": o.strength_sessions_added,
                    "samples_added": o.samples_added,
                    "message": o.message,
                }
                for o in report.outcomes
            ],
        }

    try:
        return _guarded(work)
    finally:
        if cleanup_dir:
            shutil.rmtree(cleanup_dir, ignore_errors=True)


def recompute_status(
    database_url: str, athlete_id: int, as_of: str | None = None
) -> dict[str, Any]:
    """The athlete's load and risk status as of a day (today in their zone by default)."""
    from runstrong.services.status import athlete_status

    def work() -> dict[str, Any]:
        day = date.fromisoformat(as_of) if as_of else None
        status = athlete_status(store_for(database_url), athlete_id, day)
        return {
            "as_of": status.as_of.isoformat(),
            "signals": [
                {"kind": s.kind, "severity": s.severity, "title": s.title} for s in status.signals
            ],
        }

    return _guarded(work)


def evidence_report(
    database_url: str,
    athlete_id: int,
    html_path: str | None = None,
    as_of: str | None = None,
    marker: str = "efficiency",
    exposure: str = "sessions",
    cache: bool = False,
) -> dict[str, Any]:
    """The athlete's strength-vs-running evidence estimate; with ``html_path``, the page too.

    With ``cache`` (today's report), the report is stored for the web page and the API."""
    from runstrong.services.evidence import evidence_report as build_report

    def cached() -> dict[str, Any]:
        from runstrong.services.evidence_cache import compute_evidence

        state = compute_evidence(store_for(database_url), athlete_id, marker, exposure)
        payload = state.payload or {}
        if "error" in payload:
            return {"cached": True, "verdict": None, "summary": payload["error"]}
        report = payload["report"]
        return {"cached": True, "verdict": report["verdict"], "summary": report["summary"]}

    def work() -> dict[str, Any]:
        day = date.fromisoformat(as_of) if as_of else None
        report = build_report(
            store_for(database_url),
            athlete_id,
            as_of=day,
            marker=marker,  # type: ignore[arg-type]
            exposure=exposure,  # type: ignore[arg-type]
        )
        if html_path:
            from runstrong.reports.evidence_html import evidence_html

            Path(html_path).write_text(evidence_html(report), encoding="utf-8")
        return {"verdict": report.estimate.verdict, "summary": report.estimate.summary}

    return _guarded(cached if cache and not html_path and not as_of else work)


def sync_source(
    database_url: str, athlete_id: int, source_id: int, settle_s: float = 5.0
) -> dict[str, Any]:
    """One pass over one of the athlete's sources (the source's lease keeps it to one worker)."""
    from runstrong.services.sources import get_source
    from runstrong.services.sync import sync_source as sync_one

    def work() -> dict[str, Any]:
        store = store_for(database_url)
        get_source(store, source_id, athlete_id=athlete_id)
        result = sync_one(store, source_id, settle_s=settle_s)
        return {
            "source_id": source_id,
            "error": result.error,
            "busy": result.busy,
            "imported": result.count("imported"),
            "failed": result.count("failed"),
            "waiting": result.count("waiting"),
            "activities_added": sum(f.activities_added for f in result.files),
        }

    return _guarded(work)


def strava_sync(database_url: str, athlete_id: int, pages: int = 5) -> dict[str, Any]:
    """Go on with the athlete's Strava backfill (a few pages) and poll for new activities."""
    from runstrong.services.strava import backfill, client_from_settings, poll
    from runstrong.settings import Settings

    def work() -> dict[str, Any]:
        store = store_for(database_url)
        client = client_from_settings(Settings.from_environ())
        try:
            result = backfill(store, client, athlete_id, max_pages=pages)
            polled = poll(store, client, athlete_id) if result.done else 0
        finally:
            client.close()
        return {"pages": result.pages, "imported": result.imported + polled,
                "failed": result.failed, "backfill_done": result.done}  # fmt: skip

    return _guarded(work)


def strava_event(database_url: str, athlete_id: int, event: dict[str, Any]) -> dict[str, Any]:
    """One Strava webhook event for the athlete's connected account."""
    from runstrong.services.strava import client_from_settings, handle_event
    from runstrong.settings import Settings

    def work() -> dict[str, Any]:
        client = client_from_settings(Settings.from_environ())
        try:
            return {"done": handle_event(store_for(database_url), client, event)}
        finally:
            client.close()

    return _guarded(work)
