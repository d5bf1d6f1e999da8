"""`closeddoor audit verify` and `closeddoor audit checkpoint`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from closeddoor.cli.common import DataDirOption, fail, opened_services
from closeddoor.errors import AuditChainBroken, ClosedDoorError, StorageFull

app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@app.command("verify")
def verify(
    data_dir: DataDirOption = None,
    from_checkpoint: Annotated[bool, typer.Option(
        "--from-checkpoint", help="Trust the newest signed checkpoint; check only what follows.",
    )] = False,
) -> None:
    """Exit 0 on an intact log; 2, naming the first bad event, on a broken one; 3 when the
    practice's storage is full (the check could not be recorded); 1 on any other error."""
    from closeddoor.accounts.service import SYSTEM_ACTOR

    try:
        with opened_services(data_dir) as services:
            report = services.practice.verify_audit(
                SYSTEM_ACTOR, from_last_checkpoint=from_checkpoint)
    except AuditChainBroken as broken:
        fail(f"audit chain BROKEN at event {broken.seq}: {broken.problem}", code=2)
    except StorageFull as exc:
        fail(f"{exc}: the verification could not be recorded in the audit log. Free disk space "
             "where the database lives, then run `closeddoor audit verify` again.", code=3)
    except ClosedDoorError as exc:
        fail(exc)
    start = (f"after signed checkpoint {report.started_after}" if report.started_after
             else "from the first event")
    Console().print(f"audit log intact: {report.events_checked} events checked {start}, "
                    f"last event {report.last_seq}, {report.checkpoints_checked} signed "
                    "checkpoints valid")


@app.command("checkpoint")
def checkpoint(data_dir: DataDirOption = None) -> None:
    """Sign a checkpoint at the newest event."""
    from closeddoor.accounts.service import SYSTEM_ACTOR

    try:
        with opened_services(data_dir) as services:
            seq = services.practice.checkpoint(SYSTEM_ACTOR)
    except ClosedDoorError as exc:
        fail(exc)
    Console().print(f"signed checkpoint at event {seq}" if seq else "the log is empty")
