"""Use case: add, list and remove an athlete's sync sources, with the rules on who may add
which folder.

A folder is a path on the server. The operator (the command line, on the server) may add any
folder. A web or API user may add only a folder under ``<source_root>/<their username>/``
(``RUNSTRONG_SOURCE_ROOT``); without that setting, only the operator adds folders and the web
shows them read-only. The path is resolved (links and ``..`` followed) before it is checked, so
a link out of the allowed folder does not get past the check. One folder is the source of one
athlete: a folder inside or around another athlete's source is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

from runstrong.domain.accounts import User
from runstrong.domain.sources import SeenFile, Source
from runstrong.errors import Conflict, NotFound, PermissionDenied, ValidationError
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.store import Store, UnitOfWork
from runstrong.store.retry import run_in_transaction

__all__ = [
    "add_folder_source",
    "failed_files",
    "get_source",
    "list_sources",
    "remove_source",
    "user_folder_base",
]

_MAX_PATH = 1024


def user_folder_base(source_root: str | None, user: User) -> Path | None:
    """The folder under which ``user`` may add folder sources, or ``None`` when web users may
    add none on this server."""
    if not source_root:
        return None
    return Path(os.path.realpath(Path(source_root).expanduser() / user.username))


def _resolve(location: str, user: User | None, source_root: str | None) -> Path:
    text = location.strip()
    if not text or "\x00" in text or len(text) > _MAX_PATH:
        raise ValidationError("give the folder as a path of 1 to 1024 characters")
    if user is None:
        return Path(os.path.realpath(Path(text).expanduser()))
    base = user_folder_base(source_root, user)
    if base is None:
        raise PermissionDenied(
            "on this server only the operator adds folder sources "
            "(`runstrong sources add folder PATH --athlete NAME` on the server)"
        )
    resolved = Path(os.path.realpath(base / text))  # an absolute ``text`` replaces ``base``
    if not resolved.is_relative_to(base):
        raise PermissionDenied(f"you may add only folders under {base}")
    return resolved


def add_folder_source(
    store: Store,
    athlete_key: AthleteKey,
    location: str,
    *,
    user: User | None = None,
    source_root: str | None = None,
) -> Source:
    """Make ``location`` a folder source of the athlete. ``user`` is the web or API user adding
    it (``None``: the operator on the command line)."""
    folder = _resolve(location, user, source_root)
    if not folder.is_dir():
        raise ValidationError(f"{location.strip()}: no such folder")
    text = str(folder)
    if len(text) > _MAX_PATH:
        raise ValidationError("the folder's path is longer than 1024 characters")

    def add(uow: UnitOfWork) -> Source:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        if uow.sources.find(athlete.id, "folder", text) is not None:
            raise Conflict(f"{text} is already a source of {athlete.name}")
        for other in uow.sources.listed():
            if other.athlete_id == athlete.id or other.kind != "folder":
                continue
            there = Path(other.location)
            if folder.is_relative_to(there) or there.is_relative_to(folder):
                raise Conflict(
                    f"{text} is inside or around another athlete's source: a folder's files "
                    "go to one athlete only"
                )
        return uow.sources.add(athlete.id, "folder", text, user.id if user else None)

    added = run_in_transaction(store, add)
    return get_source(store, added.id)


def list_sources(
    store: Store, athlete_key: AthleteKey | None = None, *, every: bool = False
) -> list[Source]:
    """The sources of one athlete, or of every athlete with ``every``."""

    def load(uow: UnitOfWork) -> list[Source]:
        if every:
            return uow.sources.listed()
        athlete = resolve_athlete(uow, athlete_key)
        return uow.sources.listed(athlete.id)

    return run_in_transaction(store, load)


def get_source(store: Store, source_id: int, *, athlete_id: int | None = None) -> Source:
    """The source with this id (of this athlete, when given)."""
    source = run_in_transaction(store, lambda uow: uow.sources.get(source_id))
    if source is None or (athlete_id is not None and source.athlete_id != athlete_id):
        raise NotFound(f"no source with id {source_id}")
    return source


def remove_source(
    store: Store, source_id: int, *, athlete_id: int | None = None, user: User | None = None
) -> Source:
    """Stop syncing a source (what it imported stays). A web or API user may not remove a
    source the operator added."""
    source = get_source(store, source_id, athlete_id=athlete_id)
    if user is not None and source.added_by_user_id is None:
        raise PermissionDenied(
            "the operator added this source; it is removed on the server "
            "(`runstrong sources remove ID`)"
        )
    run_in_transaction(store, lambda uow: uow.sources.remove(source_id))
    return source


def failed_files(store: Store, source_id: int) -> list[SeenFile]:
    """The source's files that failed to import, newest first, with their reasons."""
    return run_in_transaction(store, lambda uow: uow.sources.failed_files(source_id))
