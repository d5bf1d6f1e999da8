"""`closeddoor reminders send`: send the appointment reminders that are due (docs/reminders.md).

Safe to run from cron or a systemd timer every few minutes, and twice at once: rows are claimed
inside a transaction, so no reminder goes out twice, and a second run sends nothing new."""

from __future__ import annotations

import typer
from rich.console import Console

from closeddoor.cli.common import DataDirOption, fail, opened_services
from closeddoor.errors import ClosedDoorError

app = typer.Typer(help="Appointment reminders (nothing clinical in them).",
                  no_args_is_help=True)


@app.command("send")
def send(data_dir: DataDirOption = None) -> None:
    """Send the reminders due now (appointments starting within the practice's lead time, 24
    hours by default) by the channels each client chose. Prints counts only."""
    console = Console(highlight=False)
    try:
        with opened_services(data_dir) as services:
            channels = services.reminders.channels()
            summary = services.reminders.send_due()
    except ClosedDoorError as exc:
        fail(exc)
    if not channels:
        console.print("no reminder channel is set up: set CLOSEDDOOR_SMTP_URL for e-mail, "
                      "CLOSEDDOOR_SMS_URL and CLOSEDDOOR_SMS_TOKEN for text messages")
    console.print(f"reminders: {summary.sent} sent, {summary.failed} failed (retried later), "
                  f"{summary.deferred} waiting for quiet hours to end, {summary.skipped} not "
                  f"chosen by the client, {summary.stale} no longer due (cancelled or moved)")
    if summary.failed:
        raise typer.Exit(4)
