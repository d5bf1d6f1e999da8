"""Options and helpers shared by the command groups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from closeddoor.config import Settings, load_settings

DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="The data folder (default: $CLOSEDDOOR_DATA_DIR or "
                 "./closeddoor-data).", show_default=False),
]


def settings_for(data_dir: Path | None) -> Settings:
    return load_settings(data_dir=data_dir)
