"""What the app holds for its lifetime: settings, the store, the templates."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.templating import Jinja2Templates

from runstrong.jobs import JobRunner
from runstrong.settings import Settings
from runstrong.store import Store

__all__ = ["AppState"]


@dataclass(slots=True)
class AppState:
    settings: Settings
    store: Store
    templates: Jinja2Templates
    jobs: JobRunner
