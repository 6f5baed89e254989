"""A local stand-in for Strava's API, answering as https://developers.strava.com/docs/reference/
documents: OAuth token exchange, refresh and deauthorization; the athlete's activities
(newest first, paged with ``before``/``after``/``page``/``per_page``); one activity; its streams
(``key_by_type``); rate-limit headers on every answer and 429 when asked to. Served by uvicorn
on loopback, so the client talks real HTTP to it."""

from __future__ import annotations

import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import uvicorn
from fastapi import FastAPI, Form, Header, Request
from fastapi.responses import JSONResponse

CLIENT_ID, CLIENT_SECRET = "4242", "stand-in-secret"
START = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


@dataclass
class Standin:
    """What the stand-in knows; tests change it between requests."""

    strava_athlete_id: int = 9001
    codes: set[str] = field(default_factory=lambda: {"good-code"})
    access: dict[str, float] = field(default_factory=dict)  # token -> expires_at (epoch)
    refresh: set[str] = field(default_factory=set)
    activities: dict[int, dict[str, Any]] = field(default_factory=dict)
    streams: dict[int, dict[str, list[Any]]] = field(default_factory=dict)
    #: Answer this many of the next API requests with 429.
    throttle: int = 0
    usage: list[int] = field(default_factory=lambda: [0, 0])
    requests: list[str] = field(default_factory=list)
    deauthorized: list[str] = field(default_factory=list)
    token_lifetime_s: int = 6 * 3600

    def issue(self) -> dict[str, Any]:
        access, refresh = "acc-" + secrets.token_hex(8), "ref-" + secrets.token_hex(8)
        expires_at = int(time.time()) + self.token_lifetime_s
        self.access[access] = expires_at
        self.refresh.add(refresh)
        return {"token_type": "Bearer", "access_token": access, "refresh_token": refresh,
                "expires_at": expires_at, "expires_in": self.token_lifetime_s}  # fmt: skip

    def add_run(
        self, index: int, *, sport: str = "Run", device: str = "Garmin Forerunner 965"
    ) -> int:
        activity_id = 1000 + index
        started = START + timedelta(days=index)
        self.activities[activity_id] = {
            "id": activity_id, "name": f"Morning {sport} {index}", "sport_type": sport,
            "type": sport, "start_date": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "distance": 5000.0 + index, "moving_time": 1500 + index, "elapsed_time": 1560,
            "total_elevation_gain": 12.0, "average_heartrate": 150.0, "max_heartrate": 171.0,
            "average_cadence": 86.0, "device_name": device, "manual": False,
        }  # fmt: skip
        seconds = list(range(0, 1500 + index, 5))
        self.streams[activity_id] = {
            "time": seconds,
            "distance": [s * 3.4 for s in seconds],
            "velocity_smooth": [3.4 for _ in seconds],
            "heartrate": [140 + (s % 20) for s in seconds],
            "cadence": [86 for _ in seconds],
            "altitude": [300.0 for _ in seconds],
            "latlng": [[46.05 + s * 1e-5, 14.5] for s in seconds],
        }
        return activity_id


def _headers(state: Standin) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": "200,2000",
        "X-RateLimit-Usage": f"{state.usage[0]},{state.usage[1]}",
    }


def make_app(state: Standin) -> FastAPI:
    app = FastAPI()

    def refuse(status: int, message: str) -> JSONResponse:
        body = {"message": message, "errors": [{"resource": "Application", "code": "invalid"}]}
        return JSONResponse(body, status_code=status, headers=_headers(state))

    def authorized(header: str | None) -> bool:
        token = (header or "").removeprefix("Bearer ").strip()
        return state.access.get(token, 0) > time.time()

    @app.middleware("http")
    async def count(request: Request, call_next: Any) -> Any:
        state.requests.append(f"{request.method} {request.url.path}?{request.url.query}")
        if request.url.path.startswith("/api/v3/"):
            state.usage[0] += 1
            state.usage[1] += 1
            if state.throttle > 0:
                state.throttle -= 1
                return JSONResponse({"message": "Rate Limit Exceeded"}, status_code=429,
                                    headers={"X-RateLimit-Limit": "200,2000",
                                             "X-RateLimit-Usage": "201,900"})  # fmt: skip
        return await call_next(request)

    @app.post("/oauth/token")
    def token(
        client_id: str = Form(), client_secret: str = Form(), grant_type: str = Form(),
        code: str | None = Form(None), refresh_token: str | None = Form(None),
    ) -> Any:  # fmt: skip
        if (client_id, client_secret) != (CLIENT_ID, CLIENT_SECRET):
            return refuse(401, "Authorization Error")
        if grant_type == "authorization_code" and code in state.codes:
            state.codes.discard(code)
            issued = state.issue()
            return {**issued, "athlete": {"id": state.strava_athlete_id, "firstname": "Ana"},
                    "scope": "read,activity:read_all"}  # fmt: skip
        if grant_type == "refresh_token" and refresh_token in state.refresh:
            state.refresh.discard(refresh_token)
            return state.issue()
        return refuse(400, "Bad Request")

    @app.post("/oauth/deauthorize")
    def deauthorize(access_token: str = Form()) -> Any:
        if state.access.pop(access_token, None) is None:
            return refuse(401, "Authorization Error")
        state.deauthorized.append(access_token)
        return {"access_token": access_token}

    @app.get("/api/v3/athlete/activities")
    def activities(
        before: int | None = None, after: int | None = None, page: int = 1, per_page: int = 30,
        authorization: str | None = Header(None),
    ) -> Any:  # fmt: skip
        if not authorized(authorization):
            return refuse(401, "Authorization Error")

        def epoch(item: dict[str, Any]) -> int:
            return int(
                datetime.fromisoformat(item["start_date"].replace("Z", "+00:00")).timestamp()
            )

        chosen = [
            a
            for a in state.activities.values()
            if (before is None or epoch(a) < before) and (after is None or epoch(a) > after)
        ]
        ascending = after is not None and before is None
        chosen.sort(key=epoch, reverse=not ascending)
        start = (page - 1) * per_page
        return JSONResponse(chosen[start : start + per_page], headers=_headers(state))

    @app.get("/api/v3/activities/{activity_id}")
    def activity(activity_id: int, authorization: str | None = Header(None)) -> Any:
        if not authorized(authorization):
            return refuse(401, "Authorization Error")
        if activity_id not in state.activities:
            return refuse(404, "Record Not Found")
        return JSONResponse(state.activities[activity_id], headers=_headers(state))

    @app.get("/api/v3/activities/{activity_id}/streams")
    def streams(
        activity_id: int, keys: str = "", key_by_type: bool = False,
        authorization: str | None = Header(None),
    ) -> Any:  # fmt: skip
        if not authorized(authorization):
            return refuse(401, "Authorization Error")
        if activity_id not in state.streams:
            return refuse(404, "Record Not Found")
        wanted = set(keys.split(",")) if keys else set(state.streams[activity_id])
        found = {k: v for k, v in state.streams[activity_id].items() if k in wanted}
        body = {k: {"type": k, "data": v, "series_type": "distance", "original_size": len(v),
                    "resolution": "high"} for k, v in found.items()}  # fmt: skip
        return JSONResponse(body if key_by_type else list(body.values()), headers=_headers(state))

    return app


class StandinServer:
    """The stand-in served on a free loopback port in a thread."""

    def __init__(self, state: Standin) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        config = uvicorn.Config(
            make_app(state), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> StandinServer:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the Strava stand-in did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)
