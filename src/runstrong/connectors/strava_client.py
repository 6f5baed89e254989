"""A small HTTP client for Strava's API (https://developers.strava.com/docs/reference/):
OAuth token exchange, refresh and deauthorization, the athlete's activities page by page, one
activity, and its streams. Rate limits are respected: on a 429 the client reads
``X-RateLimit-Limit``/``X-RateLimit-Usage``, waits until the window that ran out resets
(the 15-minute windows reset at :00, :15, :30 and :45; the daily one at midnight UTC) and sends
the same request again, so the caller never loses its place.

Tokens are passed in and returned, never logged: error messages name the request, not its
parameters. Tested only against a local stand-in that answers as the reference documents.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

__all__ = [
    "DEFAULT_BASE_URL",
    "SCOPES",
    "RateLimitWait",
    "StravaClient",
    "StravaError",
    "StravaTokens",
    "seconds_until_reset",
]

_log = logging.getLogger(__name__)
DEFAULT_BASE_URL = "https://www.strava.com"
#: Read every activity, private ones too (runstrong only reads).
SCOPES = "read,activity:read_all"
STREAM_KEYS = "time,distance,velocity_smooth,heartrate,cadence,altitude,latlng,watts"
_MAX_WAITS = 8


class StravaError(Exception):
    """Strava refused a request or answered something unusable. ``status`` is the HTTP status
    (401: the token is no longer valid; 404: the activity is gone)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True, repr=False)
class StravaTokens:
    access_token: str
    refresh_token: str
    expires_at: datetime
    #: The Strava athlete the tokens belong to (only the first exchange says).
    strava_athlete_id: int | None = None
    scope: str | None = None

    def __repr__(self) -> str:  # never show the secrets
        expires = self.expires_at.isoformat()
        return f"StravaTokens(expires_at={expires}, athlete={self.strava_athlete_id})"


@dataclass(frozen=True, slots=True)
class RateLimitWait:
    """A wait the client made (or is about to make) for the rate limit to reset."""

    seconds: float
    usage: str
    limit: str


def seconds_until_reset(limit: str, usage: str, now: datetime) -> float:
    """How long to wait after a 429: to the next quarter hour, or to midnight UTC when the daily
    limit is used up.

    >>> noon = datetime(2026, 12, 7, 12, 7, 30, tzinfo=UTC)
    >>> seconds_until_reset("200,2000", "201,900", noon)
    450.0
    >>> seconds_until_reset("200,2000", "12,2000", noon)
    42750.0
    """
    try:
        short_limit, daily_limit = (int(v) for v in limit.split(",")[:2])
        short_used, daily_used = (int(v) for v in usage.split(",")[:2])
    except ValueError:
        short_limit = daily_limit = short_used = daily_used = 0
    now = now.astimezone(UTC)
    if daily_limit and daily_used >= daily_limit and short_used < short_limit:
        midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        return (midnight - now).total_seconds()
    quarter = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    return (quarter + timedelta(minutes=15) - now).total_seconds()


def _tokens(body: dict[str, Any]) -> StravaTokens:
    try:
        athlete = body.get("athlete") or {}
        return StravaTokens(
            access_token=str(body["access_token"]),
            refresh_token=str(body["refresh_token"]),
            expires_at=datetime.fromtimestamp(int(body["expires_at"]), UTC),
            strava_athlete_id=int(athlete["id"]) if "id" in athlete else None,
            scope=body.get("scope"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StravaError(f"Strava's token answer lacks {exc}") from None


class StravaClient:
    """Strava's API for one registered application (client id and secret)."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        on_wait: Callable[[RateLimitWait], None] | None = None,
        timeout_s: float = 30.0,
    ) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._base = base_url.rstrip("/")
        self._sleep = sleep
        self._clock = clock
        self._on_wait = on_wait
        self._http = httpx.Client(timeout=timeout_s)

    def close(self) -> None:
        self._http.close()

    def authorize_url(self, redirect_uri: str, state: str) -> str:
        query = urlencode(
            {
                "client_id": self._client_id,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "approval_prompt": "auto",
                "scope": SCOPES,
                "state": state,
            }
        )
        return f"{self._base}/oauth/authorize?{query}"

    def exchange_code(self, code: str) -> StravaTokens:
        return _tokens(self._token({"code": code, "grant_type": "authorization_code"}))

    def refresh(self, refresh_token: str) -> StravaTokens:
        body = self._token({"refresh_token": refresh_token, "grant_type": "refresh_token"})
        return _tokens(body)

    def deauthorize(self, access_token: str) -> None:
        self._send("POST", "/oauth/deauthorize", data={"access_token": access_token})

    def activities(
        self, access_token: str, *, before: int | None = None, after: int | None = None,
        page: int = 1, per_page: int = 50,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """One page of the athlete's activities (newest first with ``before``)."""
        params: dict[str, int] = {"page": page, "per_page": per_page}
        if before is not None:
            params["before"] = before
        if after is not None:
            params["after"] = after
        body = self._send("GET", "/api/v3/athlete/activities", token=access_token, params=params)
        if not isinstance(body, list):
            raise StravaError("Strava's activity list is not a list")
        return [item for item in body if isinstance(item, dict)]

    def activity(self, access_token: str, activity_id: int) -> dict[str, Any]:
        body = self._send("GET", f"/api/v3/activities/{activity_id}", token=access_token)
        if not isinstance(body, dict):
            raise StravaError("Strava's activity is not an object")
        return body

    def streams(self, access_token: str, activity_id: int) -> dict[str, list[Any]]:
        """The activity's streams by type (``time``, ``heartrate`` ...); empty when it has none."""
        try:
            body = self._send(
                "GET", f"/api/v3/activities/{activity_id}/streams", token=access_token,
                params={"keys": STREAM_KEYS, "key_by_type": "true"},
            )  # fmt: skip
        except StravaError as exc:
            if exc.status == 404:  # a manual activity has no streams
                return {}
            raise
        if not isinstance(body, dict):
            return {}
        return {
            key: value["data"]
            for key, value in body.items()
            if isinstance(value, dict) and isinstance(value.get("data"), list)
        }

    def _token(self, form: dict[str, str]) -> dict[str, Any]:
        body = self._send(
            "POST", "/oauth/token",
            data={"client_id": self._client_id, "client_secret": self._client_secret, **form},
        )  # fmt: skip
        if not isinstance(body, dict):
            raise StravaError("Strava's token answer is not an object")
        return body

    def _send(
        self, method: str, path: str, *, token: str | None = None,
        params: dict[str, Any] | None = None, data: dict[str, str] | None = None,
    ) -> Any:  # fmt: skip
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for _ in range(_MAX_WAITS + 1):
            try:
                response = self._http.request(
                    method, self._base + path, headers=headers, params=params, data=data
                )
            except httpx.HTTPError as exc:
                raise StravaError(f"cannot reach Strava ({type(exc).__name__})") from None
            if response.status_code != 429:
                break
            wait = RateLimitWait(
                seconds_until_reset(
                    response.headers.get("X-RateLimit-Limit", ""),
                    response.headers.get("X-RateLimit-Usage", ""),
                    self._clock(),
                ),
                response.headers.get("X-RateLimit-Usage", ""),
                response.headers.get("X-RateLimit-Limit", ""),
            )
            _log.info("Strava rate limit reached (%s of %s): waiting %.0f s", wait.usage,
                      wait.limit, wait.seconds)  # fmt: skip
            if self._on_wait is not None:
                self._on_wait(wait)
            self._sleep(wait.seconds)
        else:
            raise StravaError("Strava kept answering 429 (rate limit)", 429)
        if response.status_code >= 400:
            raise StravaError(
                f"Strava answered {response.status_code} to {method} {path}", response.status_code
            )
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise StravaError(f"Strava's answer to {method} {path} is not JSON") from None
