"""`closeddoor export fhir`: the whole practice as a FHIR R4 Bundle (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from closeddoor.cli.common import DataDirOption, fail, opened_services
from closeddoor.errors import ClosedDoorError

app = typer.Typer(help="Export records in standard formats.", no_args_is_help=True)
console = Console(highlight=False, soft_wrap=True)

PLAINTEXT_WARNING = (
    "WARNING: this file holds every client's record in PLAINTEXT (names, notes, diagnoses). "
    "It is written with mode 0600; keep it encrypted at rest, move it only over an encrypted "
    "channel, and delete it once the receiving system has it (docs/operations.md).")


@app.command("fhir")
def fhir(out: Annotated[Path, typer.Option("--out", help="The JSON file to write (must not "
                                           "exist yet).")],
         data_dir: DataDirOption = None) -> None:
    """Write every client's record (never psychotherapy notes) as one FHIR R4 Bundle, for
    moving to another system. The owner's export: audited, one event per client."""
    from closeddoor.accounts.service import SYSTEM_ACTOR
    from closeddoor.export.service import write_export

    if out.exists():
        fail(f"{out} already exists; choose a new file name")
    if not out.absolute().parent.is_dir():
        fail(f"the folder {out.absolute().parent} does not exist")
    try:
        with opened_services(data_dir) as services:
            export = services.exports.practice_bundle(SYSTEM_ACTOR)
            size = write_export(out, export)
    except ClosedDoorError as exc:
        fail(exc)
    console.print(f"FHIR R4 bundle written: {out.absolute()} ({size} bytes): "
                  f"{export.clients} client(s), {export.count('DocumentReference')} signed "
                  f"progress note(s), audit event {export.audit_seq}")
    console.print(PLAINTEXT_WARNING)
