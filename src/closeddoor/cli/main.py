"""The `closeddoor` command: setup, demo, serve, users, audit and keys."""

from __future__ import annotations

import os
import threading
from typing import Annotated

import typer
from rich.console import Console

from closeddoor.cli import audit, consent, deid, keys, users
from closeddoor.cli.common import DataDirOption, settings_for
from closeddoor.errors import ClosedDoorError

app = typer.Typer(help="closeddoor: confidential records for psychotherapy practices.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
app.add_typer(users.app, name="user")
app.add_typer(audit.app, name="audit")
app.add_typer(keys.app, name="keys")
app.add_typer(consent.app, name="consent")
app.command(name="deid")(deid.deid)
console = Console()
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
    console.print("next: `closeddoor user add --role owner ...`, then `closeddoor serve`; the "
                  "owner has the consent form (a draft) reviewed, records the review and "
                  "publishes it before clients can sign")


@app.command()
def demo(data_dir: DataDirOption = None,
         password: Annotated[str | None, typer.Option(help="Password for every demo user.")] = None,
         clients: Annotated[int, typer.Option(min=1, max=5000)] = 20,
         seed: Annotated[int, typer.Option()] = 7) -> None:
    """Create a demo practice of synthetic people and print how to sign in."""
    from closeddoor.demo import DEMO_PASSWORD, populate
    from closeddoor.setup import initialize, is_initialized

    settings = settings_for(data_dir)
    if is_initialized(settings):
        err.print(f"[red]error:[/red] {settings.data_dir} already holds a practice; "
                  "choose a new --data-dir")
        raise typer.Exit(1)
    try:
        services = initialize(settings, "Demo practice (synthetic data)")
        summary = populate(services, password=password or DEMO_PASSWORD, clients=clients,
                           seed=seed)
    except ClosedDoorError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    services.close()
    console.print(f"demo practice created in {settings.data_dir} with {summary.clients} "
                  "synthetic clients")
    console.print(f"sign in as any of: {', '.join(summary.usernames)}")
    console.print(f"password: {summary.password}")
    console.print(f"then run: closeddoor serve --data-dir {settings.data_dir}")


@app.command()
def serve(data_dir: DataDirOption = None,
          host: Annotated[str, typer.Option()] = "127.0.0.1",
          port: Annotated[int, typer.Option()] = 8000) -> None:
    """Serve the web pages and the API."""
    import uvicorn

    from closeddoor.bootstrap import configure_logging
    from closeddoor.server import create_app, proxy_options
    from closeddoor.setup import open_services

    settings = settings_for(data_dir)
    try:
        services = open_services(settings)
    except ClosedDoorError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    configure_logging(settings)
    # The de-identification word lists take a second or two to load: do it while the server
    # starts, not during the first clinician's excerpt preview.
    threading.Thread(target=_warm_deidentifier, name="deid-warm-up", daemon=True).start()
    console.print(f"closeddoor serving {settings.data_dir} on http://{host}:{port}/")
    uvicorn.run(create_app(services), host=host, port=port, access_log=False,
                log_config=None, server_header=False, **proxy_options(settings))


def _warm_deidentifier() -> None:
    from closeddoor.deid import Deidentifier

    Deidentifier().find("warm up")


if __name__ == "__main__":
    app()
