"""Third-party browser code, served from installed Python packages (never a CDN, never copied).

plotly.js comes with the ``plotly`` package from PyPI; it is read once, gzipped once and
served under a versioned URL that browsers may cache for good.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from runstrong.errors import RunstrongError

__all__ = ["PLOTLY_URL", "plotly_url", "router"]

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def plotly_url() -> str:
    return f"/static/vendor/plotly-{version('plotly')}.min.js"


PLOTLY_URL = "/static/vendor/plotly-{version}.min.js"


@lru_cache(maxsize=1)
def _plotly_bundle() -> tuple[bytes, bytes, str]:
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise RunstrongError("the plotly package is not installed: pip install plotly")
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    raw = path.read_bytes()
    return raw, gzip.compress(raw, compresslevel=9, mtime=0), hashlib.sha256(raw).hexdigest()[:16]


@router.get("/static/vendor/plotly-{plotly_version}.min.js")
def plotly_js(plotly_version: str, request: Request) -> Response:
    raw, packed, digest = _plotly_bundle()
    etag = f'"{digest}"'
    headers = {
        "Cache-Control": "public, max-age=31536000, immutable",
        "ETag": etag,
        "Vary": "Accept-Encoding",
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type="text/javascript", headers=headers)
    return Response(raw, media_type="text/javascript", headers=headers)
