"""`closeddoor user add`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from closeddoor.cli.common import DataDirOption, fail, opened_services
from closeddoor.errors import ClosedDoorError
from closeddoor.names import clean_name

app = typer.Typer(help="Staff accounts.", no_args_is_help=True)


@app.command("add")
def add(
    username: Annotated[str, typer.Option(help="Sign-in name.")],
    role: Annotated[str, typer.Option(help="owner, clinician, supervisor or billing.")],
    display_name: Annotated[str, typer.Option(help="Name shown to colleagues.")] = "",
    supervisor: Annotated[str | None, typer.Option(help="Supervisor's user name.")] = None,
    password: Annotated[
        str | None, typer.Option(help="Password (prompted, hidden, when left out).")
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Add a staff member (acts as the system, with the key files in hand; audited)."""
    from closeddoor.accounts.service import SYSTEM_ACTOR

    if password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        shown_name = clean_name(display_name or username, "display_name", "the display name",
                                required=True)
        with opened_services(data_dir) as services:
            user = services.accounts.add_user(
                SYSTEM_ACTOR, username=username, display_name=shown_name,
                role=role, password=password, supervisor_username=supervisor,
            )
    except ClosedDoorError as exc:
        fail(exc)
    Console().print(f"added {user.username} ({user.role.value}), id {user.user_id}")
