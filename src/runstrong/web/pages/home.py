"""Pages: the start page (the athletes you own or coach, each with today's headline)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.services.landing import athlete_headlines
from runstrong.web.deps import MaybePrincipal, StoreDep
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, principal: MaybePrincipal) -> Response:
    if principal is None:
        return RedirectResponse("/login", status_code=303)
    headlines = athlete_headlines(store, principal.user)
    owned = [a for a in headlines if a.role == "owner"]
    coached = [a for a in headlines if a.role == "coach"]
    return render(request, "home.html", {"owned": owned, "coached": coached})
