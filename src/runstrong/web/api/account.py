"""JSON API: who am I, API tokens, a token for a username and password."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runstrong.services.accounts import (
    authenticate,
    create_api_token,
    delete_api_token,
    list_api_tokens,
)
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import CurrentUser, StoreDep
from runstrong.web.security import client_key

__all__ = ["router"]

router = APIRouter(tags=["account"], responses=ERROR_RESPONSES)


class UserPublic(BaseModel):
    id: int
    username: str
    email: str | None
    is_admin: bool


class TokenCreate(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=80)]


class TokenLogin(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=254)]
    password: Annotated[str, Field(min_length=1, max_length=1024)]
    name: Annotated[str, Field(min_length=1, max_length=80)] = "script"


class TokenPublic(BaseModel):
    id: int
    name: str
    created_at: datetime


class TokenCreated(TokenPublic):
    token: str = Field(description="The secret: shown once, send as 'Authorization: Bearer ...'.")


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser) -> UserPublic:
    assert user.id is not None
    return UserPublic(id=user.id, username=user.username, email=user.email, is_admin=user.is_admin)


@router.get("/tokens", response_model=list[TokenPublic])
def tokens(store: StoreDep, user: CurrentUser) -> list[TokenPublic]:
    return [
        TokenPublic(id=t.id or 0, name=t.name, created_at=t.created_at)
        for t in list_api_tokens(store, user)
    ]


@router.post("/tokens", response_model=TokenCreated, status_code=201)
def token_create(body: TokenCreate, store: StoreDep, user: CurrentUser) -> TokenCreated:
    token, secret = create_api_token(store, user, body.name)
    return TokenCreated(
        id=token.id or 0, name=token.name, created_at=token.created_at, token=secret
    )


@router.delete("/tokens/{token_id}", status_code=204)
def token_delete(
    token_id: Annotated[int, Field(ge=1, le=2**31 - 1)], store: StoreDep, user: CurrentUser
) -> Response:
    delete_api_token(store, user, token_id)
    return Response(status_code=204)


@router.post("/auth/token", response_model=TokenCreated, status_code=201)
def token_for_password(body: TokenLogin, request: Request, store: StoreDep) -> TokenCreated:
    """A new API token for a username and password (sign-in rate limits apply)."""
    user = authenticate(store, body.username, body.password, client=client_key(request))
    token, secret = create_api_token(store, user, body.name)
    return TokenCreated(
        id=token.id or 0, name=token.name, created_at=token.created_at, token=secret
    )
