"""`closeddoor audit verify` and `closeddoor audit checkpoint`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from closeddoor.cli.common import DataDirOption, settings_for
from closeddoor.errors import AuditChainBroken, ClosedDoorError

app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@app.command("verify")
def verify(
    data_dir: DataDirOption = None,
    from_checkpoint: Annotated[bool, typer.Option(
        "--from-checkpoint", help="Trust the newest signed checkpoint; check only what follows.",
    )] = False,
) -> None:
    """Exit 0 on an intact log; non-zero, naming the first bad event, otherwise."""
    from closeddoor.accounts.service import SYSTEM_ACTOR
    from closeddoor.setup import open_services

    err = Console(stderr=True)
    try:
        services = open_services(settings_for(data_dir))
        report = services.practice.verify_audit(SYSTEM_ACTOR,
                                                from_last_checkpoint=from_checkpoint)
    except AuditChainBroken as broken:
        err.print(f"[red]audit chain BROKEN[/red] at event {broken.seq}: {broken.problem}")
        raise typer.Exit(2) from None
    except ClosedDoorError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    services.close()
    start = (f"after signed checkpoint {report.started_after}" if report.started_after
             else "from the first event")
    Console().print(f"audit log intact: {report.events_checked} events checked {start}, "
                    f"last event {report.last_seq}, {report.checkpoints_checked} signed "
                    "checkpoints valid")


@app.command("checkpoint")
def checkpoint(data_dir: DataDirOption = None) -> None:
    """Sign a checkpoint at the newest event."""
    from closeddoor.accounts.service import SYSTEM_ACTOR
    from closeddoor.setup import open_services

    try:
        services = open_services(settings_for(data_dir))
        seq = services.practice.checkpoint(SYSTEM_ACTOR)
    except ClosedDoorError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    services.close()
    Console().print(f"signed checkpoint at event {seq}" if seq else "the log is empty")
