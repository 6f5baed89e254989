"""``create_app``: the FastAPI application, built from settings; nothing happens at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from runstrong import __version__
from runstrong.jobs import make_runner
from runstrong.jobs.poller import SourcePoller
from runstrong.settings import Settings
from runstrong.store import Store, open_store
from runstrong.web import vendor
from runstrong.web.api import router as api_router
from runstrong.web.errors import install_error_handlers
from runstrong.web.middleware import SecurityHeaders
from runstrong.web.openapi import install_openapi
from runstrong.web.pages import router as pages_router
from runstrong.web.state import AppState
from runstrong.web.templating import make_templates

__all__ = ["create_app"]

_STATIC = Path(__file__).with_name("static")


def create_app(
    settings: Settings | None = None, *, store: Store | None = None, poll_sources: bool = False
) -> FastAPI:
    """The web app on ``store`` (or on the store ``settings`` point at, opened and migrated).

    With ``poll_sources`` (``runstrong serve``, the server entry point), folder sources are
    synced in the background every ``settings.sync_interval_s`` seconds (0: never)."""
    settings = settings or Settings.from_environ()
    store = store or open_store(settings.database_url)
    jobs = make_runner(settings)
    poller = None
    if poll_sources and settings.sync_interval_s > 0:
        poller = SourcePoller(
            store, jobs, interval_s=settings.sync_interval_s, settle_s=settings.sync_settle_s,
            strava=bool(settings.strava_client_id and settings.strava_client_secret),
        )  # fmt: skip

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if poller is not None:
            poller.start()
        try:
            yield
        finally:
            if poller is not None:
                poller.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="runstrong",
        version=__version__,
        summary="Strength training for runners: logs, load, risk signals, plans and evidence.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.runstrong = AppState(
        settings=settings, store=store, templates=make_templates(), jobs=jobs
    )
    install_error_handlers(app)

    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(SecurityHeaders)
    app.include_router(vendor.router)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    install_openapi(app)
    return app
