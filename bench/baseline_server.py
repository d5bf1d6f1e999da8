"""The read-path baseline: the same stack (FastAPI, uvicorn, SQLAlchemy, SQLite or PostgreSQL,
the same NoteOut wire model) serving a plaintext copy of the same notes, with no token check,
policy, audit or decryption. `read_path.py` builds the copy and starts this as a process of its own.

    python bench/baseline_server.py --db PLAINTEXT.db --port 8502 [--workers N --threads N]
    python bench/baseline_server.py --db postgresql://USER@HOST/DB --port 8502 --workers 2
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from _serving import add_options, serve
from fastapi import FastAPI, HTTPException
from sqlalchemy import Engine, create_engine, event, text

from closeddoor.api.schemas.notes import NoteOut

SCHEMA = "CREATE TABLE notes (client_id TEXT, note_id TEXT PRIMARY KEY, note_json TEXT NOT NULL)"


def make_app(engine: Engine) -> FastAPI:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/api/v1/clients/{client_id}/notes/{note_id}", response_model=NoteOut)
    def get_note(client_id: str, note_id: str) -> NoteOut:
        with engine.connect() as conn:
            note_json = conn.execute(
                text("SELECT note_json FROM notes WHERE note_id = :n AND client_id = :c"),
                {"n": note_id, "c": client_id},
            ).scalar_one_or_none()
        if note_json is None:
            raise HTTPException(404)
        return NoteOut.model_validate_json(note_json)

    return app


def make_engine(path: str) -> Engine:
    """SQLite (a file path), or PostgreSQL (a postgresql:// URL) with closeddoor's own pool
    sizes, so both servers wait for connections alike."""
    if path.startswith("postgresql"):
        url = re.sub(r"^postgresql(\+\w+)?://", "postgresql+psycopg://", path)
        return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)
    engine = create_engine(
        f"sqlite:///{path}", pool_size=64, connect_args={"check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _wal(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA journal_mode=WAL")

    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    add_options(parser)
    args = parser.parse_args()
    serve(lambda: make_app(make_engine(args.db)), args)


if __name__ == "__main__":
    main()
