"""The `closeddoor` command: setup, demo, serve, users, audit, keys, backups and reminders."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from closeddoor.cli import (
    audit,
    backup,
    consent,
    deid,
    export,
    keys,
    reminders,
    retention,
    serve,
    users,
)
from closeddoor.cli.common import DataDirOption, settings_for
from closeddoor.errors import ClosedDoorError

app = typer.Typer(help="closeddoor: confidential records for psychotherapy practices.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
app.add_typer(users.app, name="user")
app.add_typer(audit.app, name="audit")
app.add_typer(keys.app, name="keys")
app.add_typer(backup.app, name="backup")
app.add_typer(export.app, name="export")
app.add_typer(consent.app, name="consent")
app.add_typer(retention.app, name="retention")
app.add_typer(reminders.app, name="reminders")
app.command(name="deid")(deid.deid)
app.command(name="serve")(serve.serve)
console = Console(soft_wrap=True)  # a path or command is never broken across lines
err = Console(stderr=True)


@app.callback()
def _private_files() -> None:
    """Everything closeddoor writes (database, WAL, logs, keys) is readable by its owner alone."""
    os.umask(0o077)


@app.command()
def init(data_dir: DataDirOption = None,
         practice_name: Annotated[str, typer.Option(help="The practice's name.")] = "My practice"
         ) -> None:
    """Create a data folder: key files (0600), database schema and the practice."""
    from closeddoor.setup import initialize

    settings = settings_for(data_dir)
    try:
        services = initialize(settings, practice_name)
    except ClosedDoorError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    services.close()
    console.print(f"initialized {settings.data_dir} (keys in {settings.key_dir})")
    command = _this_command()
    console.print(f"next: `{command} user add --role owner ...`, then `{command} serve`; the "
                  "owner has the consent form (a draft) reviewed, records the review and "
                  "publishes it before clients can sign")


@app.command()
def demo(data_dir: DataDirOption = None,
         password: Annotated[str | None, typer.Option(help="Password for every demo user.")] = None,
         clients: Annotated[int, typer.Option(
             min=1, max=30_000, help="Clients; past 100, registered in bulk without charts.")] = 20,
         seed: Annotated[int, typer.Option()] = 7,
         next_step: Annotated[bool, typer.Option(
             help="Print the command that serves it (bin/run serves it at once).")] = True,
         ) -> None:
    """Create a demo practice of synthetic people and print how to sign in."""
    from closeddoor.demo import DEMO_PASSWORD, DEMO_TIME_ZONE, populate
    from closeddoor.setup import initialize, is_initialized

    settings = settings_for(data_dir)
    if is_initialized(settings):
        err.print(f"[red]error:[/red] {settings.data_dir} already holds a practice; "
                  "choose a new --data-dir")
        raise typer.Exit(1)
    try:
        services = initialize(settings, "Demo practice (synthetic data)")
        summary = populate(services, password=password or DEMO_PASSWORD, clients=clients,
                           seed=seed, time_zone=DEMO_TIME_ZONE)
    except ClosedDoorError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    services.close()
    console.print(f"demo practice created in {settings.data_dir} with {summary.clients} "
                  "synthetic clients")
    console.print(f"sign in as any of: {', '.join(summary.usernames)}")
    console.print(f"password: {summary.password}")
    if next_step:
        console.print(f"then run: {_this_command()} serve --data-dir {settings.data_dir}")


def _this_command() -> str:
    """How to run closeddoor again as it was run now: `closeddoor` when that name on the PATH
    is this program, else the path it was started by (e.g. .venv/bin/closeddoor)."""
    started_as = sys.argv[0]
    on_path = shutil.which("closeddoor")
    if on_path and Path(on_path).resolve() == Path(started_as).resolve():
        return "closeddoor"
    if Path(started_as).name == "closeddoor":
        return started_as
    return f"{sys.executable} -m closeddoor.cli.main"


if __name__ == "__main__":
    app()
