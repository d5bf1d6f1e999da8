"""Paging a list a service returned whole (a chart's notes, appointments, disclosures ...):
the items after the cursor, mapped to their wire model. Lists that can grow with the practice
(clients, the audit) are paged in SQL by their services instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from closeddoor.api.schemas.common import PageOut
from closeddoor.paging import Pager, check_limit

V = TypeVar("V")
W = TypeVar("W")


def page_of(pager: Pager, load: Callable[[], Sequence[V]], ident: Callable[[V], str],
            out: Callable[[V], W], *, cursor: str | None, limit: int, sort: str) -> PageOut[W]:
    """Page what `load` returns (in the service's order) and map each item on the page with
    `out`. A malformed cursor or limit is refused before `load` runs, so that 422 reads and
    records nothing (bad input changes nothing, not even the audit)."""
    check_limit(limit)
    pager.decode(cursor, sort, 2)
    page = pager.page(load(), ident, cursor=cursor, limit=limit, sort=sort)
    return PageOut[W](items=[out(v) for v in page.items], next_cursor=page.next_cursor,
                     prev_cursor=page.prev_cursor)
