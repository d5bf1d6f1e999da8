"""May this person use a form? Asked before a form page is drawn, so a role that could never
submit it is refused on opening, with the reason, instead of after typing (billing opening
"write a progress note").

Each check asks the gate's policy the very permission the form's submit needs, with the same
relationship facts. A refusal is audited under the submit's tag, like a refused submit; an
allow is not, because opening a form reads and changes nothing (the submit is decided and
audited again). Nothing here loads clinical data.
"""

from __future__ import annotations

from dataclasses import dataclass

from closeddoor.audit.tags import AuditTag
from closeddoor.gate import Gate
from closeddoor.policy import Actor, Permission
from closeddoor.policy.decide import AUTHORITY_AUTHORIZATION
from closeddoor.runtime import Runtime
from closeddoor.store.db import read_transaction


@dataclass(frozen=True)
class FormUse:
    """What a chart form's submit asks of the gate."""

    permission: Permission
    tag: AuditTag
    # A release form opens for someone who could release under an authority; which authority
    # (an authorization or a legal basis) is chosen on the form and decided again on submit.
    assumed_authority: str = ""


NEW_NOTE = FormUse(Permission.CHART_NOTE_WRITE, AuditTag.RECORD_NOTE_CREATE)
NEW_PSYCHOTHERAPY_NOTE = FormUse(Permission.CHART_PSYCHOTHERAPY_NOTE_WRITE,
                                 AuditTag.RECORD_PSYCHOTHERAPY_NOTE_CREATE)
NEW_APPOINTMENT = FormUse(Permission.CHART_APPOINTMENT_WRITE, AuditTag.RECORD_APPOINTMENT_CREATE)
EDIT_CLIENT = FormUse(Permission.CHART_DEMOGRAPHICS_WRITE, AuditTag.RECORD_CLIENT_UPDATE)
SIGN_CONSENT = FormUse(Permission.CHART_CONSENT_SIGN, AuditTag.CONSENT_SIGNATURE_CREATE)
NEW_AUTHORIZATION = FormUse(Permission.CHART_AUTHORIZATION_CREATE,
                            AuditTag.RECORD_AUTHORIZATION_CREATE)
NEW_DISCLOSURE = FormUse(Permission.CHART_DISCLOSURE_CREATE, AuditTag.RECORD_DISCLOSURE_CREATE,
                         assumed_authority=AUTHORITY_AUTHORIZATION)
SEND_INTAKE = FormUse(Permission.CHART_INTAKE_SEND, AuditTag.RECORD_INTAKE_SEND)
NEW_EXCERPT = FormUse(Permission.CHART_EXCERPT_CREATE, AuditTag.RECORD_EXCERPT_CREATE)
NEW_MEASURE = FormUse(Permission.CHART_MEASURE_WRITE, AuditTag.RECORD_MEASURE_CREATE)


class FormAccess:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def may_use(self, actor: Actor, form: FormUse, client_id: str) -> bool:
        """Whether the submit would be allowed now (for showing or hiding a link). Audits
        nothing: it reveals only what the viewer's own role and relationships allow."""
        with read_transaction(self._rt.engine) as conn:
            decision, _ = self._gate.decide_write(
                conn, actor, form.permission, client_id,
                disclosure_authority=form.assumed_authority)
        return bool(decision)

    def require(self, actor: Actor, form: FormUse, client_id: str) -> None:
        """Raise, as the submit would (NotFound for a client the viewer may not know of,
        PolicyDenied with the reason otherwise), and audit the refusal, unless allowed."""
        with read_transaction(self._rt.engine) as conn:
            decision, resource = self._gate.decide_write(
                conn, actor, form.permission, client_id,
                disclosure_authority=form.assumed_authority)
        if not decision:
            raise self._gate.record_denial(actor, form.tag, client_id, resource, decision)
