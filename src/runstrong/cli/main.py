"""The ``runstrong`` command: one Typer app, errors translated to exit codes in one place."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from runstrong import __version__
from runstrong.cli import athletes, calc, demo, exercises, log
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
app.command("exercises")(exercises.exercises)
app.command("demo")(demo.demo)


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit."),
) -> None:
    """Training log, science and plans for runners who strength-train."""
    if version:
        typer.echo(f"runstrong {__version__}")
        raise typer.Exit()


def main() -> None:
    app()
