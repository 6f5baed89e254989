"""Load test of the athlete dashboard: the page and its JSON API under an open-loop request rate.

    python benchmarks/web_load.py                          # 200 req/s for 20 s, 2 workers, SQLite
    python benchmarks/web_load.py --rate 400 --workers 1
    python benchmarks/web_load.py --db postgresql://127.0.0.1/bench

1. A store (a fresh SQLite file by default) with one user who owns an athlete with five demo
   years of training (``seed_demo_years``: about 1,550 runs and strength sessions), a
   browser session for the page and an API token for the API.
2. ``uvicorn --factory runstrong.web.asgi:app_from_environ`` on loopback, as a server runs it.
3. An open-loop load: request *i* is sent at ``start + i / rate`` whether or not earlier ones
   have answered, alternately ``GET /athletes/{id}`` (HTML, session cookie) and
   ``GET /api/v1/athletes/{id}/dashboard`` (JSON, bearer token), over keep-alive HTTP/1.1
   connections on asyncio streams, gzip accepted. Latency counts from the planned send time, so
   a server that falls behind shows it (no coordinated omission).

Prints the first (cold) request of each endpoint, then count, errors and latency percentiles per
endpoint. The load generator shares the machine with the server: on 2 cores it takes part of one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from runstrong.services.accounts import create_api_token, create_user, start_session
from runstrong.services.athletes import get_athlete
from runstrong.services.demo import seed_demo_years
from runstrong.settings import normalise_database_url
from runstrong.store import open_store
from runstrong.web.security import SESSION_COOKIE

PASSWORD = "benchmark password 1"


@dataclass
class Endpoint:
    name: str
    url: str
    headers: dict[str, str]
    latencies_ms: list[float] = field(default_factory=list)
    lag_ms: list[float] = field(default_factory=list)
    errors: int = 0
    bytes_received: int = 0


@dataclass(frozen=True)
class Fixture:
    url: str
    athlete_id: int
    token: str
    session: str
    sessions_stored: int
    seconds: float


def _prepare(database_url: str, years: int) -> Fixture:
    started = time.perf_counter()
    store = open_store(database_url)
    suffix = secrets.token_hex(3)
    user = create_user(store, f"bench-{suffix}", PASSWORD, athlete_name=f"Bench Runner {suffix}")
    athlete = get_athlete(store, f"Bench Runner {suffix}")
    assert athlete.id is not None
    added = seed_demo_years(store, athlete.id, datetime.now(UTC).date(), years)
    _, token = create_api_token(store, user, "benchmark")
    session = start_session(store, user).session_token
    store.dispose()
    return Fixture(database_url, athlete.id, token, session, added, time.perf_counter() - started)


def _cpu_seconds(root_pid: int) -> float | None:
    """CPU time (user + system) of a process and its descendants so far, from /proc (Linux)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    family = {root_pid}
    grew = True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in family} - family
        family |= children
        grew = bool(children)
    return sum(times.get(pid, 0.0) for pid in family)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server(database_url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, RUNSTRONG_DATABASE_URL=database_url)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "runstrong.web.asgi:app_from_environ",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return subprocess.Popen(command, env=env)


async def _wait_ready(base: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient(base_url=base) as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get("/login")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit(f"the server at {base} did not answer within {timeout_s:.0f} s")


class _Connections:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator shares the
    machine with the server, and httpx costs about 3 ms of CPU per request (gzip included),
    this some 0.3 ms. Answers are read (and counted) but not decompressed or parsed."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.opened = 0

    async def get(self, request: bytes) -> tuple[int, int]:
        """Send ``request``; the status code and the body's size in bytes. A kept-alive
        connection the server has closed meanwhile is replaced once, as browsers do."""
        if self.idle:
            reader, writer = self.idle.pop(0)
            try:
                return await self._exchange(reader, writer, request)
            except (ConnectionError, asyncio.IncompleteReadError):
                pass  # closed by the server while idle (keep-alive timeout): open a new one
        reader, writer = await asyncio.open_connection(self.host, self.port)
        self.opened += 1
        return await self._exchange(reader, writer, request)

    async def _exchange(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
    ) -> tuple[int, int]:
        try:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            chunked = False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding" and b"chunked" in value.lower():
                    chunked = True
            size = await (_read_chunked(reader) if chunked else _read_exactly(reader, length))
        except (OSError, asyncio.IncompleteReadError, ValueError):
            writer.close()
            raise
        self.idle.append((reader, writer))
        return status, size

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()


async def _read_exactly(reader: asyncio.StreamReader, length: int) -> int:
    await reader.readexactly(length)
    return length


async def _read_chunked(reader: asyncio.StreamReader) -> int:
    size = 0
    while True:
        chunk_size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        await reader.readexactly(chunk_size + 2)
        size += chunk_size
        if chunk_size == 0:
            return size


def _request_bytes(endpoint: Endpoint, host: str) -> bytes:
    lines = [f"GET {endpoint.url} HTTP/1.1", f"Host: {host}", "Accept-Encoding: gzip"]
    lines += [f"{name}: {value}" for name, value in endpoint.headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _one(
    connections: _Connections, endpoint: Endpoint, request: bytes, planned: float
) -> None:
    endpoint.lag_ms.append((time.perf_counter() - planned) * 1000)
    try:
        status, size = await connections.get(request)
        ok = status == 200
        endpoint.bytes_received += size
    except (OSError, asyncio.IncompleteReadError, ValueError):
        ok = False
    if ok:
        endpoint.latencies_ms.append((time.perf_counter() - planned) * 1000)
    else:
        endpoint.errors += 1


async def _cold(base: str, endpoints: list[Endpoint]) -> list[float]:
    """The first request to each endpoint: the server computes the dashboard from the log."""
    timings = []
    async with httpx.AsyncClient(base_url=base, timeout=120.0) as client:
        for endpoint in endpoints:
            started = time.perf_counter()
            response = await client.get(endpoint.url, headers=endpoint.headers)
            response.raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


async def _load(
    base: str, endpoints: list[Endpoint], rate: float, duration_s: float, max_requests: int
) -> tuple[float, int, list[float], int]:
    cold = await _cold(base, endpoints)
    host_port = base.split("://", 1)[1]
    host, port = host_port.rsplit(":", 1)
    connections = _Connections(host, int(port))
    requests = [_request_bytes(endpoint, host_port) for endpoint in endpoints]
    try:
        for _ in range(20):  # open connections and warm each worker's cache
            await asyncio.gather(
                *(
                    _one(connections, endpoint, request, time.perf_counter())
                    for endpoint, request in zip(endpoints, requests, strict=True)
                )
            )
        for endpoint in endpoints:
            endpoint.latencies_ms.clear()
            endpoint.lag_ms.clear()
            endpoint.errors = endpoint.bytes_received = 0
        total = min(max_requests, int(rate * duration_s))
        tasks = []
        start = time.perf_counter() + 0.05
        for index in range(total):
            planned = start + index / rate
            delay = planned - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            which = index % len(endpoints)
            tasks.append(
                asyncio.create_task(_one(connections, endpoints[which], requests[which], planned))
            )
        await asyncio.gather(*tasks)
        return time.perf_counter() - start, total, cold, connections.opened
    finally:
        connections.close()


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _report(endpoints: list[Endpoint], elapsed_s: float, sent: int, cold: list[float]) -> None:
    print(f"\nsent {sent} requests in {elapsed_s:.1f} s ({sent / elapsed_s:.0f} req/s achieved)")
    print(
        "| endpoint | cold ms | count | errors | KB gzipped | p50 ms | p95 ms | p99 ms | max ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for endpoint, cold_ms in zip(endpoints, cold, strict=True):
        values = endpoint.latencies_ms or [float("nan")]
        answered = max(len(endpoint.latencies_ms), 1)
        print(
            f"| {endpoint.name} | {cold_ms:.0f} | {len(endpoint.latencies_ms)} | "
            f"{endpoint.errors} | {endpoint.bytes_received / answered / 1024:.1f} | "
            f"{statistics.median(values):.1f} | {_percentile(values, 0.95):.1f} | "
            f"{_percentile(values, 0.99):.1f} | {max(values):.1f} |"
        )
    lags = [lag for endpoint in endpoints for lag in endpoint.lag_ms] or [0.0]
    print(
        f"load generator lag (send time after the planned time, counted in the latencies): "
        f"p50 {statistics.median(lags):.1f} ms, p95 {_percentile(lags, 0.95):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=20_000, help="stop after these")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--years", type=int, default=5, help="demo years of training")
    parser.add_argument(
        "--db", default=None, help="SQLite file or postgresql:// URL (default: a temp SQLite file)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="runstrong-load-") as folder:
        if args.db is None:
            database_url = f"sqlite:///{Path(folder) / 'load.db'}"
        elif "://" in args.db:
            database_url = normalise_database_url(args.db)
        else:
            database_url = f"sqlite:///{Path(args.db).resolve()}"
        fixture = _prepare(database_url, args.years)
        print(
            f"store: {fixture.sessions_stored} sessions ({args.years} demo years) for athlete "
            f"{fixture.athlete_id} in {fixture.seconds:.1f} s; {database_url.split('://')[0]}"
        )
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = _start_server(database_url, port, args.workers)
        try:
            asyncio.run(_wait_ready(base))
            endpoints = [
                Endpoint(
                    "page GET /athletes/{id}",
                    f"/athletes/{fixture.athlete_id}",
                    {"Accept": "text/html", "Cookie": f"{SESSION_COOKIE}={fixture.session}"},
                ),
                Endpoint(
                    "API GET /api/v1/athletes/{id}/dashboard",
                    f"/api/v1/athletes/{fixture.athlete_id}/dashboard",
                    {"Authorization": f"Bearer {fixture.token}", "Accept": "application/json"},
                ),
            ]
            print(
                f"load: {args.rate:.0f} req/s for {args.duration:.0f} s (at most "
                f"{args.max_requests}), {args.workers} uvicorn worker(s), {os.cpu_count()} CPUs"
            )
            cpu_before = _cpu_seconds(server.pid)
            client_before = time.process_time()
            elapsed, sent, cold, opened = asyncio.run(
                _load(base, endpoints, args.rate, args.duration, args.max_requests)
            )
            cpu_after = _cpu_seconds(server.pid)
            client_used = time.process_time() - client_before
            _report(endpoints, elapsed, sent, cold)
            print(f"connections opened by the load generator: {opened}")
            if cpu_before is not None and cpu_after is not None:
                used = cpu_after - cpu_before  # includes the cold and warm-up requests
                print(
                    f"server CPU: {used:.1f} s for {sent} requests (+ {2 + 40} warm-up) = "
                    f"{used * 1000 / (sent + 42):.2f} ms per request; load average now "
                    f"{os.getloadavg()[0]:.1f}"
                )
            print(f"load generator CPU: {client_used * 1000 / (sent + 42):.2f} ms per request")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
