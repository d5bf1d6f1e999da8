"""Permissions, `scope:resource:action`, alphabetical; docs/permissions.md explains each."""

from enum import StrEnum


class Permission(StrEnum):
    CHART_APPOINTMENT_READ = "chart:appointment:read"
    CHART_APPOINTMENT_WRITE = "chart:appointment:write"
    CHART_AUTHORIZATION_CREATE = "chart:authorization:create"
    CHART_AUTHORIZATION_READ = "chart:authorization:read"
    CHART_AUTHORIZATION_REVOKE = "chart:authorization:revoke"
    CHART_AUTHORIZATION_SIGN = "chart:authorization:sign"
    CHART_BREAK_GLASS_OPEN = "chart:break-glass:open"
    CHART_CLIENT_CREATE = "chart:client:create"
    CHART_CLIENT_DISCHARGE = "chart:client:discharge"
    CHART_CONSENT_READ = "chart:consent:read"
    CHART_CONSENT_SIGN = "chart:consent:sign"
    CHART_DEMOGRAPHICS_READ = "chart:demographics:read"
    CHART_DEMOGRAPHICS_WRITE = "chart:demographics:write"
    CHART_DESTRUCTION_APPROVE = "chart:destruction:approve"
    CHART_DESTRUCTION_REQUEST = "chart:destruction:request"
    CHART_DISCLOSURE_APPROVE = "chart:disclosure:approve"
    CHART_DISCLOSURE_CREATE = "chart:disclosure:create"
    CHART_DISCLOSURE_READ = "chart:disclosure:read"
    CHART_DISCLOSURE_UPDATE = "chart:disclosure:update"
    CHART_EXCERPT_CREATE = "chart:excerpt:create"
    CHART_LEGAL_HOLD_MANAGE = "chart:legal-hold:manage"
    CHART_NOTE_ADDEND = "chart:note:addend"
    CHART_NOTE_READ = "chart:note:read"
    CHART_NOTE_SIGN = "chart:note:sign"
    CHART_NOTE_WRITE = "chart:note:write"
    CHART_PORTAL_INVITE = "chart:portal:invite"
    CHART_PREFERENCES_READ = "chart:preferences:read"
    CHART_PREFERENCES_WRITE = "chart:preferences:write"
    CHART_PSYCHOTHERAPY_NOTE_READ = "chart:psychotherapy-note:read"
    CHART_PSYCHOTHERAPY_NOTE_WRITE = "chart:psychotherapy-note:write"
    CHART_REMINDER_SEND = "chart:reminder:send"
    CHART_SUPERVISION_IDENTIFIABLE = "chart:supervision:identifiable"
    PORTAL_ACCESS_HISTORY_READ = "portal:access-history:read"
    PORTAL_ACCOUNT_RECOVER = "portal:account:recover"
    PORTAL_AUTHORIZATION_REVOKE = "portal:authorization:revoke"
    PORTAL_AUTHORIZATION_SIGN = "portal:authorization:sign"
    PORTAL_CONSENT_SIGN = "portal:consent:sign"
    PORTAL_DISCLOSURE_READ = "portal:disclosure:read"
    PORTAL_PREFERENCES_WRITE = "portal:preferences:write"
    PORTAL_RECORD_READ = "portal:record:read"
    PRACTICE_AUDIT_READ = "practice:audit:read"
    PRACTICE_CARE_TEAM_MANAGE = "practice:care-team:manage"
    PRACTICE_CONSENT_MANAGE = "practice:consent:manage"
    PRACTICE_RETENTION_READ = "practice:retention:read"
    PRACTICE_REVIEW_MANAGE = "practice:review:manage"
    PRACTICE_SETTINGS_MANAGE = "practice:settings:manage"
    PRACTICE_USER_MANAGE = "practice:user:manage"


class Role(StrEnum):
    BILLING = "billing"
    CLIENT = "client"  # a portal principal: never a staff role, never on a care team
    CLINICIAN = "clinician"
    OWNER = "owner"
    SUPERVISOR = "supervisor"


STAFF_ROLES = (Role.OWNER, Role.CLINICIAN, Role.SUPERVISOR, Role.BILLING)
