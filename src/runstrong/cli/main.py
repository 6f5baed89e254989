"""The ``runstrong`` command: one Typer app, errors translated to exit codes in one place."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from runstrong import __version__
from runstrong.cli import (
    activity,
    athletes,
    calc,
    checkins,
    data,
    demo,
    edits,
    evidence,
    exercises,
    experiment,
    imports,
    lifts,
    log,
    plans,
    sources,
    status,
    web,
)
from runstrong.cli.common import DbOption
from runstrong.errors import RunstrongError

__all__ = ["app", "main"]


class _RunstrongGroup(TyperGroup):
    """Turns every :class:`RunstrongError` into one line on stderr and its exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RunstrongError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=exc.exit_code) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Usage errors (a missing option, a value of the wrong type) as one line, exit code 2."""
        standalone = kwargs.pop("standalone_mode", True)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except typer.TyperException as exc:
            if not standalone:
                raise
            context = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" and context is not None:
                typer.echo(context.get_help())
                sys.exit(0)
            hint = f" (see `{context.command_path} --help`)" if context is not None else ""
            typer.echo(f"error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone:
                raise
            typer.echo("aborted", err=True)
            sys.exit(1)
        if standalone:
            sys.exit(result if isinstance(result, int) else 0)
        return result


app = typer.Typer(
    cls=_RunstrongGroup,
    name="runstrong",
    help="Training log, science and plans for runners who strength-train.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(athletes.app, name="athlete")
app.add_typer(log.app, name="log")
app.add_typer(calc.app, name="calc")
app.add_typer(checkins.app, name="checkin")
app.add_typer(plans.app, name="plan")
app.add_typer(data.db_app, name="db")
app.add_typer(web.user_app, name="user")
app.add_typer(edits.edit_app, name="edit")
app.add_typer(edits.delete_app, name="delete")
app.command("exercises")(exercises.exercises)
app.command("lifts")(lifts.lifts)
app.command("demo")(demo.demo)
app.command("import")(imports.import_command)
app.command("status")(status.status)
app.command("evidence")(evidence.evidence)
app.command("export")(data.export_command)
app.command("restore")(data.restore_command)
app.command("backup")(data.backup_command)
app.command("serve")(web.serve)
app.command("worker")(web.worker)
app.command("sessions")(edits.sessions)
app.add_typer(activity.app, name="activity")
app.add_typer(experiment.app, name="experiment")
app.command("bests")(activity.bests)
app.add_typer(sources.app, name="sources")
app.command("sync")(sources.sync_command)


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit."),
    db: DbOption = None,
) -> None:
    """Training log, science and plans for runners who strength-train."""
    if db:
        # The adapter's edge: the settings object reads this when a command opens the store.
        os.environ["RUNSTRONG_DATABASE_URL"] = db
    if version:
        typer.echo(f"runstrong {__version__}")
        raise typer.Exit()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
