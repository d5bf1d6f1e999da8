"""The policy gate: pure decisions over facts gathered by the services."""

from closeddoor.policy.decide import Actor, Decision, Resource, decide
from closeddoor.policy.permissions import Permission, Role

__all__ = ["Actor", "Decision", "Permission", "Resource", "Role", "decide"]
