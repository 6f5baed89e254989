"""The Strava client against the local stand-in: tokens, paging newest first, streams read
into samples, and rate limits waited out without losing the place."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest

from runstrong.connectors.strava_client import RateLimitWait, StravaClient, StravaError
from runstrong.errors import ImportFormatError
from runstrong.importers.strava_api import activity_from_strava
from tests.strava.standin import CLIENT_ID, CLIENT_SECRET, Standin


def _client(url: str, **kwargs: object) -> StravaClient:
    return StravaClient(CLIENT_ID, CLIENT_SECRET, base_url=url, **kwargs)  # type: ignore[arg-type]


def test_authorize_url_asks_to_read_activities_with_the_state(standin_url: str) -> None:
    url = urlparse(_client(standin_url).authorize_url("http://app/cb", "s-123"))
    query = parse_qs(url.query)
    assert url.path == "/oauth/authorize"
    assert query["scope"] == ["read,activity:read_all"] and query["state"] == ["s-123"]
    assert query["client_id"] == [CLIENT_ID] and query["response_type"] == ["code"]


def test_code_exchange_and_refresh_rotate_tokens(standin: Standin, standin_url: str) -> None:
    client = _client(standin_url)
    tokens = client.exchange_code("good-code")
    assert tokens.strava_athlete_id == 9001 and tokens.expires_at > datetime.now(UTC)
    assert tokens.access_token not in repr(tokens) and tokens.refresh_token not in repr(tokens)
    fresh = client.refresh(tokens.refresh_token)
    assert fresh.access_token != tokens.access_token
    with pytest.raises(StravaError) as used:
        client.refresh(tokens.refresh_token)  # a refresh token works once
    assert used.value.status == 400
    with pytest.raises(StravaError):
        client.exchange_code("good-code")  # so does a code
    client.deauthorize(fresh.access_token)
    assert standin.deauthorized == [fresh.access_token]
    with pytest.raises(StravaError) as revoked:
        client.activities(fresh.access_token)
    assert revoked.value.status == 401


def test_activities_come_newest_first_in_pages(standin: Standin, standin_url: str) -> None:
    ids = [standin.add_run(i) for i in range(7)]
    client = _client(standin_url)
    token = client.exchange_code("good-code").access_token
    seen: list[int] = []
    before = None
    while page := client.activities(token, before=before, per_page=3):
        seen.extend(int(a["id"]) for a in page)
        before = int(
            datetime.fromisoformat(page[-1]["start_date"].replace("Z", "+00:00")).timestamp()
        )
    assert seen == sorted(ids, reverse=True)


def test_a_429_is_waited_out_and_the_same_page_asked_again(
    standin: Standin, standin_url: str
) -> None:
    ids = [standin.add_run(i) for i in range(3)]
    waits: list[RateLimitWait] = []
    slept: list[float] = []
    noon = datetime(2026, 12, 7, 12, 7, 30, tzinfo=UTC)
    client = _client(standin_url, sleep=slept.append, clock=lambda: noon, on_wait=waits.append)
    token = client.exchange_code("good-code").access_token
    standin.throttle = 2

    page = client.activities(token, per_page=2)

    assert [int(a["id"]) for a in page] == sorted(ids, reverse=True)[:2]
    assert slept == [450.0, 450.0]  # to the 12:15 reset, twice
    assert waits[0].usage == "201,900" and waits[0].limit == "200,2000"
    asked = [r for r in standin.requests if r.startswith("GET /api/v3/athlete/activities")]
    assert len(asked) == 3 and len(set(asked)) == 1  # the same request each time


def test_streams_become_samples_and_tokens_stay_out_of_logs(
    standin: Standin, standin_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    activity_id = standin.add_run(1)
    caplog.set_level(logging.DEBUG)
    client = _client(standin_url)
    tokens = client.exchange_code("good-code")
    summary = client.activity(tokens.access_token, activity_id)
    streams = client.streams(tokens.access_token, activity_id)
    assert client.streams(tokens.access_token, 424242) == {}  # none: a manual activity

    [run] = activity_from_strava(summary, streams).activities

    assert run.sport == "running" and run.external_id == f"strava:{activity_id}"
    assert run.avg_cadence_spm == 172.0  # Strava's strides a minute, as steps
    assert run.samples is not None and len(run.samples) == len(standin.streams[activity_id]["time"])
    assert np.nanmax(run.samples.cadence_spm) == 172.0
    assert run.samples.latitude_deg[0] == pytest.approx(46.05)
    for secret in (tokens.access_token, tokens.refresh_token, CLIENT_SECRET):
        assert secret not in caplog.text


@pytest.mark.parametrize(
    "broken",
    [{}, {"id": 1, "start_date": "yesterday", "moving_time": 10},
     {"id": 1, "start_date": "2026-11-01T06:00:00", "moving_time": 10},
     {"id": "x", "start_date": "2026-11-01T06:00:00Z", "moving_time": 10}],
)  # fmt: skip
def test_a_broken_strava_activity_is_refused_with_its_reason(broken: dict[str, object]) -> None:
    with pytest.raises(ImportFormatError, match="Strava activity"):
        activity_from_strava(broken, {})
