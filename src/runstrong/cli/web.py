"""``runstrong serve`` (the web app) and ``runstrong user`` (accounts, for administrators)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from runstrong.cli.common import DbOption, JsonOption, console, emit_json, store_from
from runstrong.errors import ValidationError
from runstrong.services.accounts import create_user, user_count
from runstrong.settings import Settings, normalise_database_url

__all__ = ["serve", "user_app", "worker"]

user_app = typer.Typer(help="Manage web accounts (for administrators).", no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Web processes (each opens its own connections).", min=1, max=64)
    ] = 1,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers/--no-proxy-headers",
            help="Trust X-Forwarded-* from a reverse proxy on this machine (for TLS).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Start the web app (pages and the JSON API under /api/v1)."""
    import uvicorn

    url = normalise_database_url(db) if db else Settings.from_environ().database_url
    os.environ["RUNSTRONG_DATABASE_URL"] = url
    with store_from(url) as store:
        accounts = user_count(store)
        safe_url = store.url
    console.print(f"runstrong: serving {safe_url} on http://{host}:{port}/")
    if accounts == 0:
        console.print(
            f"No accounts yet: open http://{host}:{port}/signup to create the first one, "
            "or run `runstrong user create NAME --admin` "
            '(add `--athlete NAME` to own an existing athlete, e.g. the demo\'s "Demo Runner").'
        )
    uvicorn.run(
        "runstrong.web.asgi:app_from_environ",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips="127.0.0.1" if proxy_headers else None,
        log_level="info",
        access_log=False,
    )


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Argument(help="Login name: 3-40 letters, digits, . _ -")],
    email: Annotated[str | None, typer.Option(help="E-mail address (optional).")] = None,
    admin: Annotated[bool, typer.Option("--admin", help="Make the user an administrator.")] = False,
    athlete: Annotated[
        str | None,
        typer.Option("--athlete", help="Make the user the owner of this athlete (created if new)."),
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create a web account; the password is asked for (twice) unless --password-stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise ValidationError("a password is required")
    with store_from(db) as store:
        user = create_user(
            store, username, password, email=email, admin=admin, athlete_name=athlete
        )
    if as_json:
        emit_json({"id": user.id, "username": user.username, "email": user.email,
                   "is_admin": user.is_admin, "athlete": athlete})  # fmt: skip
        return
    owner = f", owner of {athlete!r}" if athlete else ""
    role = " (administrator)" if admin else ""
    console.print(f"created user {user.username}{role}{owner}")


def worker(
    burst: Annotated[
        bool, typer.Option("--burst", help="Run the jobs waiting now, then exit.")
    ] = False,
    queue: Annotated[str, typer.Option(help="Queue to take jobs from.")] = "runstrong",
    redis_url: Annotated[
        str | None,
        typer.Option(
            "--redis", help="Redis URL (default: RUNSTRONG_REDIS_URL).", show_default=False
        ),
    ] = None,
) -> None:
    """Run background jobs (imports, status, evidence reports) from Redis, for server setups."""
    url = redis_url or Settings.from_environ().redis_url
    if not url:
        raise ValidationError(
            "no Redis to take jobs from: set RUNSTRONG_REDIS_URL or --redis "
            "(the embedded default runs jobs inside `runstrong serve` and needs no worker)"
        )
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from rq import Queue, Worker

    connection = Redis.from_url(url)
    try:
        connection.ping()
    except RedisConnectionError as exc:
        raise ValidationError(f"cannot reach Redis at {url}: {exc}") from exc
    console.print(f"runstrong worker: taking jobs from queue {queue!r} on {url}")
    Worker([Queue(queue, connection=connection)], connection=connection).work(
        burst=burst, logging_level="WARNING"
    )
