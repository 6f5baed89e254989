"""Shared API schemas: pages of items, errors, pagination parameters."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, ConfigDict

__all__ = ["ERROR_RESPONSES", "ErrorBody", "ErrorDetail", "Limit", "Offset", "Page"]

Item = TypeVar("Item")

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1-500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]


class Page(BaseModel, Generic[Item]):
    """One page of a list; ask for the next with ``offset + limit`` while it is below ``total``."""

    model_config = ConfigDict(frozen=True)

    items: list[Item]
    total: int
    limit: int
    offset: int


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """Every error answer: ``{"error": {"code": ..., "message": ...}}``."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (401, "Not signed in, or the token is not valid"),
        (403, "Signed in, but not allowed to do this"),
        (404, "No such athlete (or no access to it), or no such item"),
        (409, "Clashes with stored data"),
        (422, "Invalid input"),
        (429, "Too many attempts"),
    )
}
