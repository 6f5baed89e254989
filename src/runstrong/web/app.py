"""``create_app``: the FastAPI application, built from settings; nothing happens at import."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from runstrong import __version__
from runstrong.jobs import make_runner
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


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """The web app on ``store`` (or on the store ``settings`` point at, opened and migrated)."""
    settings = settings or Settings.from_environ()
    store = store or open_store(settings.database_url)
    app = FastAPI(
        title="runstrong",
        version=__version__,
        summary="Strength training for runners: logs, load, risk signals, plans and evidence.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.runstrong = AppState(
        settings=settings, store=store, templates=make_templates(), jobs=make_runner(settings)
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
