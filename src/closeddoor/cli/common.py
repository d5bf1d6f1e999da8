"""Options and helpers shared by the command groups."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from closeddoor.config import Settings, load_settings

if TYPE_CHECKING:
    from closeddoor.bootstrap import Services

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="The data folder (default: $CLOSEDDOOR_DATA_DIR or ./closeddoor-data).",
        show_default=False,
    ),
]


def settings_for(data_dir: Path | None) -> Settings:
    return load_settings(data_dir=data_dir)


@contextmanager
def opened_services(data_dir: Path | None) -> Iterator[Services]:
    """Services over an initialized folder, closed again however the command ends."""
    from closeddoor.setup import open_services

    services = open_services(settings_for(data_dir))
    try:
        yield services
    finally:
        services.close()


def fail(message: object, code: int = 1) -> NoReturn:
    """Print a safe error message (a ClosedDoorError's own words) and exit non-zero."""
    Console(stderr=True).print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)
