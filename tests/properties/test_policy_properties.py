"""Policy properties: adding a relationship never removes access (break-glass excepted by design:
someone already on the care team has no glass to break)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from closeddoor.policy import Actor, Permission, Resource, Role, decide

resources = st.builds(Resource, client_id=st.just("c1"), on_care_team=st.booleans(),
                      supervises_care_team=st.booleans(), break_glass_active=st.booleans(),
                      is_author=st.booleans(), is_draft=st.booleans())
grants = st.sampled_from(["on_care_team", "supervises_care_team", "break_glass_active"])


@given(role=st.sampled_from(list(Role)), permission=st.sampled_from(list(Permission)),
       resource=resources, grant=grants)
def test_adding_a_grant_never_removes_access(role: Role, permission: Permission,
                                             resource: Resource, grant: str) -> None:
    if permission is Permission.CHART_BREAK_GLASS_OPEN:
        return
    widened = Resource(**{**resource.__dict__, grant: True})
    actor = Actor("a1", role)
    if decide(actor, permission, resource).allowed:
        assert decide(actor, permission, widened).allowed


@given(role=st.sampled_from(list(Role)), permission=st.sampled_from(list(Permission)),
       resource=resources)
def test_every_decision_has_a_reason(role: Role, permission: Permission,
                                     resource: Resource) -> None:
    assert decide(Actor("a1", role), permission, resource).reason
