"""Wire models every context's routers share."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, ConfigDict

from closeddoor.paging import MAX_LIMIT

Item = TypeVar("Item")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Created(BaseModel):
    id: str


class PageOut(BaseModel, Generic[Item]):
    """One page of a list. `next_cursor` fetches the next page (pass it back as `cursor`),
    null on the last page; `prev_cursor` the page before, null on the first. Cursors are
    opaque and signed: a changed one, or one of another list, is refused (422)."""

    items: list[Item]
    next_cursor: str | None
    prev_cursor: str | None = None


CursorQuery = Annotated[str | None, Query(
    max_length=512, description="The `next_cursor` of the previous page; none for the first.")]
LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT,
                                  description=f"Items per page (1 to {MAX_LIMIT}).")]
