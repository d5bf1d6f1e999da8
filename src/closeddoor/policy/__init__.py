"""The policy gate: pure decisions over facts gathered by the services."""

from closeddoor.policy.decide import Actor, Decision, Resource, decide
from closeddoor.policy.permissions import STAFF_ROLES, Permission, Role

__all__ = ["STAFF_ROLES", "Actor", "Decision", "Permission", "Resource", "Role", "decide"]
