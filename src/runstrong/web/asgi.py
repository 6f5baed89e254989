"""The ASGI entry point for servers: ``uvicorn --factory runstrong.web.asgi:app_from_environ``.

Each web process builds its own app from ``RUNSTRONG_*`` variables; nothing is shared between
processes but the database.
"""

from __future__ import annotations

from fastapi import FastAPI

from runstrong.settings import Settings
from runstrong.web.app import create_app

__all__ = ["app_from_environ"]


def app_from_environ() -> FastAPI:
    return create_app(Settings.from_environ(), poll_sources=True)
