"""The web adapter: FastAPI pages (Jinja2) and the JSON API under ``/api/v1``."""

from runstrong.web.app import create_app

__all__ = ["create_app"]
