"""Server-rendered HTML pages (Jinja2): no scripts and no inline styles, so the strict
Content-Security-Policy in closeddoor.server holds."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from closeddoor.web import errors
from closeddoor.web.portal import portal_router
from closeddoor.web.rendering import STATIC_DIR
from closeddoor.web.routes import pages_router
from closeddoor.web.session import CsrfRejected, Redirect


def install_web(app: FastAPI) -> None:
    """Mount the pages and the stylesheet. Domain-error pages are wired by closeddoor.server,
    which sends /api paths to the JSON handlers and every other path to web.errors."""
    app.include_router(pages_router())
    app.include_router(portal_router())  # clients' pages under /portal, with their own cookie
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_web_errors(app)


def install_web_errors(app: FastAPI) -> None:
    app.add_exception_handler(Redirect, errors.redirect)
    app.add_exception_handler(CsrfRejected, errors.csrf_rejected)
