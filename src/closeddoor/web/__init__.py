"""Server-rendered HTML pages (Jinja2)."""

from __future__ import annotations

from fastapi import FastAPI


def install_web(app: FastAPI) -> None:
    """Mount the pages; filled in by closeddoor.web.routes."""
