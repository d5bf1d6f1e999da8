"""Cursor pagination for every list: a page of items and an opaque cursor to the next one.

A cursor names where the previous page ended (the sort it belongs to and the position's key:
an id, or a creation time and an id) and carries an HMAC under a practice secret, so a cursor
that was edited, cut short or made up is refused as bad input (422) instead of reaching a
query. The cursor holds no name or clinical content, only ids and times the URL may already
show; the access rules are applied to every page as if it were the whole list, so a cursor
can never widen what its holder sees. Pure: no I/O; the key comes from the caller.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from closeddoor.errors import InvalidInput

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_TAG_BYTES = 16
_MAX_CURSOR_CHARS = 512
_VERSION = 1
CURSOR_PURPOSE = "list-cursor"  # the practice secret that signs cursors (KeyRing.purpose_key)
BAD_CURSOR = ("cursor: this page link is not valid (changed, cut short or from another list), so "
              "start again from the first page")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, in its order; the cursor to the next page (None at the end) and
    to the previous one (None on the first page)."""

    items: list[T]
    next_cursor: str | None
    prev_cursor: str | None = None


FORWARD, BACK = "n", "p"  # the first part of every position: which way from it to read


def check_limit(limit: int | None) -> int:
    """The page size asked for, or the default; outside 1..MAX_LIMIT is bad input."""
    if limit is None:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit: ask for between 1 and {MAX_LIMIT} items per page")
    return limit


class Pager:
    """Makes and checks cursors under one key (a practice secret kept for this purpose)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _tag(self, body: bytes) -> bytes:
        return hmac.new(self._key, b"closeddoor-cursor\x00" + body,
                        hashlib.sha256).digest()[:_TAG_BYTES]

    def scope(self, value: str) -> str:
        """A keyed digest of what a list was asked for (a search's words, a filter), to bind a
        sort key to it: a cursor of one search is then refused on another, while the cursor,
        which travels in URLs, holds neither the words nor a digest anyone could recompute
        from a guess (the key is this pager's). Callers normalise `value` first."""
        return hmac.new(self._key, b"closeddoor-cursor-scope\x00" + value.encode(),
                        hashlib.sha256).hexdigest()[:32]

    def encode(self, sort: str, position: Sequence[str]) -> str:
        """A cursor for the page after `position` (the last item's key) in list `sort`."""
        body = json.dumps([_VERSION, sort, list(position)], separators=(",", ":")).encode()
        token = base64.urlsafe_b64encode(self._tag(body) + body).decode()
        return token.rstrip("=")

    def decode(self, cursor: str | None, sort: str, size: int) -> list[str] | None:
        """The position a cursor names (None for no cursor: the first page). A cursor that is
        not one this pager made for `sort`, with `size` parts, is InvalidInput (a 422)."""
        if cursor is None or cursor == "":
            return None
        if len(cursor) > _MAX_CURSOR_CHARS:
            raise InvalidInput(BAD_CURSOR)
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError):
            raise InvalidInput(BAD_CURSOR) from None
        tag, body = raw[:_TAG_BYTES], raw[_TAG_BYTES:]
        if len(tag) != _TAG_BYTES or not hmac.compare_digest(tag, self._tag(body)):
            raise InvalidInput(BAD_CURSOR)
        # The tag is ours, so the body is what encode wrote; still, check its shape.
        try:
            version, cursor_sort, position = json.loads(body)
        except (ValueError, TypeError):
            raise InvalidInput(BAD_CURSOR) from None
        if (version != _VERSION or cursor_sort != sort or not isinstance(position, list)
                or len(position) != size or not all(isinstance(p, str) for p in position)):
            raise InvalidInput(BAD_CURSOR)
        return position

    def page(self, items: Sequence[T], ident: Callable[[T], str], *, cursor: str | None,
             limit: int | None, sort: str) -> Page[T]:
        """A page of a list already held in memory, in its order: the items after (or, for a
        previous-page cursor, before) the one the cursor names. The item is found by id, so
        items added elsewhere in the list never make a walk repeat or skip one that was there
        throughout. If that item has left the list, the cursor is refused (start again)."""
        size = check_limit(limit)
        position = self.decode(cursor, sort, 2)
        start, end = 0, size
        if position is not None:
            direction, last_id = position
            ids = [ident(item) for item in items]
            if direction not in (FORWARD, BACK) or last_id not in ids:
                raise InvalidInput(BAD_CURSOR)
            at = ids.index(last_id)
            start, end = (at + 1, at + 1 + size) if direction == FORWARD else (
                max(0, at - size), at)
        chunk = list(items[start:end])
        if not chunk:
            return Page(chunk, None, None)
        more = start + len(chunk) < len(items)
        return Page(chunk,
                    self.encode(sort, [FORWARD, ident(chunk[-1])]) if more else None,
                    self.encode(sort, [BACK, ident(chunk[0])]) if start > 0 else None)
