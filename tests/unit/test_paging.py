"""closeddoor.paging: a walk meets every item once, also while items are added; a cursor that
was changed, cut, made up or made for another list or under another key is bad input."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeddoor.errors import InvalidInput
from closeddoor.paging import BACK, DEFAULT_LIMIT, FORWARD, MAX_LIMIT, Pager, check_limit

PAGER = Pager(b"k" * 32)


def _walk(pager: Pager, items: list[str], limit: int, *,
          inserts: list[tuple[int, str]] | None = None) -> list[str]:
    """Follow next cursors to the end; between pages, insert the queued items into `items`."""
    seen: list[str] = []
    queue = list(inserts or [])
    cursor = None
    while True:
        page = pager.page(items, str, cursor=cursor, limit=limit, sort="test")
        assert len(page.items) <= limit
        seen.extend(page.items)
        if page.next_cursor is None:
            return seen
        if queue:
            at, item = queue.pop(0)
            items.insert(min(at, len(items)), item)
        cursor = page.next_cursor


@settings(max_examples=200, deadline=None)
@given(count=st.integers(0, 60), limit=st.integers(1, 25),
       inserts=st.lists(st.tuples(st.integers(0, 80), st.uuids().map(str)), max_size=10))
def test_walk_meets_every_item_once_when_items_are_added_between_pages(
        count: int, limit: int, inserts: list[tuple[int, str]]) -> None:
    original = [f"item-{n:03d}" for n in range(count)]
    items = list(original)
    seen = _walk(PAGER, items, limit, inserts=inserts)
    assert len(seen) == len(set(seen))
    assert set(original) <= set(seen)
    assert [s for s in seen if s in set(original)] == original  # in the list's order


@settings(max_examples=100, deadline=None)
@given(count=st.integers(1, 60), limit=st.integers(1, 25))
def test_previous_cursor_returns_the_page_before_when_walking_back(
        count: int, limit: int) -> None:
    items = [f"item-{n:03d}" for n in range(count)]
    pages = []
    page = PAGER.page(items, str, cursor=None, limit=limit, sort="test")
    pages.append(page)
    while page.next_cursor:
        page = PAGER.page(items, str, cursor=page.next_cursor, limit=limit, sort="test")
        pages.append(page)
    assert pages[0].prev_cursor is None
    for before, after in itertools.pairwise(pages):
        assert after.prev_cursor is not None
        back = PAGER.page(items, str, cursor=after.prev_cursor, limit=limit, sort="test")
        assert back.items == before.items


def _forge(body: object, key: bytes = b"k" * 32) -> str:
    """A cursor with a true tag under `key` around any body."""
    import hashlib
    import hmac

    raw = json.dumps(body).encode()
    tag = hmac.new(key, b"closeddoor-cursor\x00" + raw, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(tag + raw).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    "garbage", "!!!!", "A" * 513, "", "e30", base64.urlsafe_b64encode(b"x" * 40).decode(),
])
def test_garbled_cursor_is_bad_input_naming_the_cursor_when_decoded(cursor: str) -> None:
    if cursor == "":
        assert PAGER.decode(cursor, "test", 2) is None  # no cursor: the first page
        return
    with pytest.raises(InvalidInput, match=r"^cursor: "):
        PAGER.decode(cursor, "test", 2)


def test_changed_cursor_is_refused_when_any_character_is_flipped() -> None:
    cursor = PAGER.encode("test", [FORWARD, "item-003"])
    assert PAGER.decode(cursor, "test", 2) == [FORWARD, "item-003"]
    for at in range(len(cursor)):
        swapped = cursor[:at] + ("B" if cursor[at] == "A" else "A") + cursor[at + 1:]
        with pytest.raises(InvalidInput):
            PAGER.decode(swapped, "test", 2)


def test_cursor_is_refused_when_made_for_another_list_key_or_shape() -> None:
    cursor = PAGER.encode("clients:newest", [FORWARD, "2026-01-01T00:00:00+00:00", "x"])
    with pytest.raises(InvalidInput):
        PAGER.decode(cursor, "clients:oldest", 3)
    with pytest.raises(InvalidInput):
        Pager(b"o" * 32).decode(cursor, "clients:newest", 3)
    with pytest.raises(InvalidInput):
        PAGER.decode(cursor, "clients:newest", 2)
    for body in ([2, "test", [FORWARD, "a"]], [1, "test", [FORWARD, 3]], {"a": 1}, [1, "test"]):
        with pytest.raises(InvalidInput):
            PAGER.decode(_forge(body), "test", 2)


def test_cursor_naming_an_item_that_left_the_list_is_refused() -> None:
    items = ["a", "b", "c", "d"]
    page = PAGER.page(items, str, cursor=None, limit=2, sort="test")
    with pytest.raises(InvalidInput):
        PAGER.page(["a", "c", "d"], str, cursor=page.next_cursor, limit=2, sort="test")
    bad_way = _forge([1, "test", ["sideways", "a"]])
    with pytest.raises(InvalidInput):
        PAGER.page(items, str, cursor=bad_way, limit=2, sort="test")
    assert PAGER.page(items, str, cursor=_forge([1, "test", [BACK, "a"]]), limit=2,
                      sort="test").items == []


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1])
def test_limit_out_of_bounds_is_bad_input(limit: int) -> None:
    with pytest.raises(InvalidInput, match=r"^limit: "):
        check_limit(limit)


def test_limit_defaults_and_bounds_are_kept() -> None:
    assert check_limit(None) == DEFAULT_LIMIT
    assert check_limit(1) == 1 and check_limit(MAX_LIMIT) == MAX_LIMIT


def test_scope_binds_a_cursor_to_its_search_without_showing_the_words() -> None:
    words = "synthia placeholder"
    mine, theirs = f"search:{PAGER.scope(words)}", f"search:{PAGER.scope('other words')}"
    assert PAGER.scope(words) == PAGER.scope(words) != PAGER.scope("other words")
    # Keyed: another practice's pager (or anyone hashing a guess) gets another digest.
    assert Pager(b"j" * 32).scope(words) != PAGER.scope(words)
    assert PAGER.scope(words) not in {hashlib.sha256(words.encode()).hexdigest()[:32]}
    page = PAGER.page(["a", "b", "c"], str, cursor=None, limit=1, sort=mine)
    assert page.next_cursor is not None
    raw = base64.urlsafe_b64decode(page.next_cursor + "=" * (-len(page.next_cursor) % 4))
    assert b"synthia" not in raw and b"placeholder" not in raw
    assert PAGER.page(["a", "b", "c"], str, cursor=page.next_cursor, limit=1,
                      sort=mine).items == ["b"]
    with pytest.raises(InvalidInput):
        PAGER.page(["a", "b", "c"], str, cursor=page.next_cursor, limit=1, sort=theirs)
