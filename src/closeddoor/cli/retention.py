"""`closeddoor retention due`: the discharged charts due for destruction (ids and dates only)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from closeddoor.cli.common import DataDirOption, fail, opened_services
from closeddoor.errors import ClosedDoorError

app = typer.Typer(help="Records retention.", no_args_is_help=True)


@app.command("due")
def due(data_dir: DataDirOption = None,
        include_waiting: Annotated[bool, typer.Option(
            "--all", help="Also list discharged charts not yet due, and those on hold.")] = False,
        ) -> None:
    """List discharged charts whose retention period has ended (client id, discharge date,
    destruction-due date, pending request). No names: the owner's page shows those."""
    from closeddoor.accounts.service import SYSTEM_ACTOR

    console = Console(highlight=False)
    try:
        with opened_services(data_dir) as services:
            overview = services.destruction.due_for_operator(SYSTEM_ACTOR)
    except ClosedDoorError as exc:
        fail(exc)
    charts = overview.charts if include_waiting else overview.due
    if not charts:
        console.print("no charts are due for destruction")
        return
    console.print("client id                             discharged  due         state")
    for chart in charts:
        due_on = chart.due_on.isoformat() if chart.due_on else "on hold   "
        state = ("requested" if chart.pending else "due") if chart.is_due else (
            "on hold" if chart.on_hold else "waiting")
        console.print(f"{chart.client_id:<37} {chart.discharged_on.isoformat()}  {due_on}  "
                      f"{state}")
