"""Pages: the start page (the athletes you own or coach)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.services.access import visible_athletes
from runstrong.web.deps import MaybePrincipal, StoreDep
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, principal: MaybePrincipal) -> Response:
    if principal is None:
        return RedirectResponse("/login", status_code=303)
    athletes = visible_athletes(store, principal.user)
    owned = [a for a in athletes if a[2] == "owner"]
    coached = [a for a in athletes if a[2] == "coach"]
    return render(request, "home.html", {"owned": owned, "coached": coached})
