"""Editing, deleting, inserting, reordering or truncating-then-extending the chain is always
detected, at the first event that no longer fits."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeddoor.audit.chain import GENESIS_HASH, AuditEntry, link, verify
from closeddoor.errors import AuditChainBroken

text = st.text(max_size=12)
audit_entries = st.builds(AuditEntry, at=text, actor_id=text, tag=text, outcome=text,
                          client_id=text, resource_id=text, reason=text, details=text)
chains = st.lists(audit_entries, min_size=2, max_size=12).map(
    lambda es: link((0, GENESIS_HASH), es))
FIELDS = [f.name for f in dataclasses.fields(AuditEntry)]


@given(chain=chains, data=st.data())
def test_any_field_edit_is_detected(chain: list, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(chain) - 1))
    field = data.draw(st.sampled_from(FIELDS))
    old = getattr(chain[index].entry, field)
    new = data.draw(text.filter(lambda v: v != old))
    chain[index] = dataclasses.replace(chain[index],
                                       entry=dataclasses.replace(chain[index].entry,
                                                                 **{field: new}))
    with pytest.raises(AuditChainBroken) as caught:
        verify(chain)
    assert caught.value.seq == index + 1


@given(chain=chains, data=st.data())
def test_any_deletion_except_the_tail_is_detected(chain: list, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(chain) - 2))
    del chain[index]
    with pytest.raises(AuditChainBroken):
        verify(chain)


@given(chain=chains, data=st.data())
def test_any_reordering_is_detected(chain: list, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(chain) - 2))
    j = data.draw(st.integers(i + 1, len(chain) - 1))
    chain[i], chain[j] = chain[j], chain[i]
    with pytest.raises(AuditChainBroken) as caught:
        verify(chain)
    assert caught.value.seq == i + 1


@given(chain=chains, extra=audit_entries, data=st.data())
def test_any_insertion_is_detected(chain: list, extra: AuditEntry, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(chain) - 1))
    prev = (index, chain[index - 1].hash if index else GENESIS_HASH)
    forged = link(prev, [extra])[0]
    chain.insert(index, forged)
    with pytest.raises(AuditChainBroken):
        verify(chain)
