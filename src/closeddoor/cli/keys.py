"""`closeddoor keys rotate`."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from closeddoor.cli.common import DataDirOption, fail, opened_services
from closeddoor.errors import ClosedDoorError

app = typer.Typer(help="Key-encryption keys.", no_args_is_help=True)


@app.command("rotate")
def rotate(data_dir: DataDirOption = None) -> None:
    """Make a new key-encryption key and re-wrap every data key (data is not re-encrypted).

    Safe to interrupt: run it again and it finishes the interrupted rotation.
    """
    from closeddoor.accounts.service import SYSTEM_ACTOR

    console = Console()
    try:
        with opened_services(data_dir) as services, Progress(
            TextColumn("re-wrapping data keys"), BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=console,
        ) as progress:
            task = progress.add_task("rewrap", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            report = services.practice.rotate_kek(SYSTEM_ACTOR, progress=advance)
    except ClosedDoorError as exc:
        fail(exc)
    verb = "resumed and finished" if report.resumed else "finished"
    console.print(f"rotation {verb}: key-encryption key version {report.kek_version}, "
                  f"{report.rewrapped} data keys re-wrapped")
