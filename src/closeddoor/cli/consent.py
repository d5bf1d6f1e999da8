"""`closeddoor consent render`: the default informed-consent form for a jurisdiction, to a file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from closeddoor.errors import ClosedDoorError

app = typer.Typer(help="Informed-consent documents.", no_args_is_help=True)


class OutputFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"


@app.callback()
def _consent() -> None:
    """Informed-consent documents: the limits of confidentiality, per jurisdiction."""


@app.command("render")
def render(
    code: Annotated[str, typer.Option(
        "--jurisdiction", help="Jurisdiction code, e.g. US-CA, or generic.", show_default=False,
    )],
    out: Annotated[Path, typer.Option("--out", help="File to write.", show_default=False,
                                      dir_okay=False)],
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="html (a standalone page) or pdf.", case_sensitive=False,
    )] = OutputFormat.HTML,
    practice_name: Annotated[str, typer.Option(help="The practice's name.")] = "My practice",
    clinician_name: Annotated[str, typer.Option(help="The clinician's name (optional).")] = "",
) -> None:
    """Render the shipped default template for a jurisdiction as HTML or PDF."""
    from closeddoor.consent.jurisdictions import load_jurisdiction
    from closeddoor.consent.render import render_consent, to_html, to_pdf
    from closeddoor.consent.template import default_template

    err = Console(stderr=True)
    try:
        jurisdiction = load_jurisdiction(code)
        rendered = render_consent(default_template(), jurisdiction, practice_name,
                                  clinician_name)
    except ClosedDoorError as exc:
        _fail(err, str(exc))
    data = (to_pdf(rendered) if output_format is OutputFormat.PDF
            else to_html(rendered).encode("utf-8"))
    try:
        out.write_bytes(data)
    except OSError as exc:
        _fail(err, f"cannot write {out}: {exc.strerror}")
    Console().print(escape(f"wrote {out} ({output_format.value}, {jurisdiction.code}, "
                           f"sha256 {rendered.sha256})"), highlight=False, soft_wrap=True)
    err.print(f"[yellow]review:[/yellow] {escape(jurisdiction.review_status)}", highlight=False,
              soft_wrap=True)


def _fail(err: Console, message: str) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)
