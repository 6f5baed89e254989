"""The OpenAPI document as the API really answers: every error is ``{"error": {...}}``.

FastAPI documents what routes declare; two answers come from elsewhere and are added here:

- ``400`` when a request body cannot be read at all (not UTF-8, broken multipart): FastAPI raises
  it before validation, and :mod:`runstrong.web.errors` turns it into an ``ErrorBody``;
- ``422`` is always ``ErrorBody`` (our handler replaces FastAPI's ``HTTPValidationError``), so that
  default schema, should a route not override it, is replaced and dropped from the components.

Call :func:`install_openapi` once from ``create_app``.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI

__all__ = ["install_openapi", "runstrong_openapi"]

_ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
_ERROR_CONTENT = {"application/json": {"schema": _ERROR_REF}}
_FASTAPI_DEFAULTS = ("HTTPValidationError", "ValidationError")
_UNREADABLE = "The body could not be read (not UTF-8, or broken multipart)"
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def runstrong_openapi(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (FastAPI's) with the error answers described as they are sent."""
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation and "400" not in responses:
                responses["400"] = {"description": _UNREADABLE, "content": _ERROR_CONTENT}
            invalid = responses.get("422")
            if invalid is not None:
                schema = invalid.get("content", {}).get("application/json", {}).get("schema")
                if schema is not None and schema.get("$ref", "").endswith("/HTTPValidationError"):
                    invalid["content"] = _ERROR_CONTENT
    schemas = document.get("components", {}).get("schemas", {})
    if "ErrorBody" in schemas:
        for name in _FASTAPI_DEFAULTS:
            unused = schemas.pop(name, None)
            if unused is not None and f'/schemas/{name}"' in json.dumps(document):
                schemas[name] = unused  # still referenced somewhere: keep it
    return document


def install_openapi(app: FastAPI) -> None:
    """Serve :func:`runstrong_openapi` of FastAPI's document at ``app.openapi_url``."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        # FastAPI caches (and regenerates when routes change); the rewrite is idempotent.
        return runstrong_openapi(generate())

    app.openapi = openapi  # type: ignore[method-assign]
