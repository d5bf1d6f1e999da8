"""Who signs for a minor: the ongoing-therapy consent and a release of the minor's records.

Pure; no I/O. The law is in the jurisdiction files (`minor_consent_*` facts, with citations);
this module only applies them:

- Consent to treatment (`consent_signer_rule`): below `age_of_majority` a parent or guardian
  signs, unless the state lets the minor consent alone to this care: "session-limit" (Illinois,
  405 ILCS 5/3-501: until the count of attended sessions reaches `minor_consent_sessions`),
  "clinician-finding" (California H&S Code 124260 / Fam. Code 6924 maturity; Texas Fam. Code
  32.004 kinds of counseling; New York Mental Hyg. Law 33.21(c): from `minor_finding_age`, once the
  clinician has recorded one of `minor_consent_grounds`). "crisis-only" (Florida 394.4784) covers
  crisis services, not the ongoing-therapy form, so a guardian signs it.
- A release of records (`authorization_signer_rule`): under 45 CFR 164.502(g)(3)(i) a parent is
  not the personal representative for care the minor lawfully consented to alone, so the minor,
  not the parent, signs an authorization for those records. Otherwise the parent signs for a
  minor (164.502(g)(3)), and an adult signs for themselves.

Each rule is "client", "guardian" or "either" (the existing form fields); `reason` says why in
words a page can show.
"""

from __future__ import annotations

from dataclasses import dataclass

from closeddoor.consent.jurisdictions import Jurisdiction, minor_consent_grounds


@dataclass(frozen=True)
class MinorStanding:
    """The facts about one client that decide who signs, gathered by the service."""

    age: int
    finding_grounds: tuple[str, ...] = ()  # clinician findings on file under this jurisdiction
    sessions_attended: int = 0
    consented_alone: bool = False  # the current consent was signed by the client as a minor


@dataclass(frozen=True)
class SignerRule:
    rule: str  # client | guardian | either
    reason: str


def is_minor(age: int, jurisdiction: Jurisdiction) -> bool:
    return age < int(jurisdiction.facts["age_of_majority"].value)


def consent_signer_rule(standing: MinorStanding, jurisdiction: Jurisdiction) -> SignerRule:
    """Who may sign the ongoing-therapy consent form for this client under this law."""
    facts = jurisdiction.facts
    if not is_minor(standing.age, jurisdiction):
        return SignerRule("client", "an adult signs for themselves")
    rule = str(facts["minor_consent_rule"].value)
    citation = facts["minor_consent_rule"].citation
    guardian = SignerRule("guardian", f"a parent or guardian signs for a minor under "
                                      f"{jurisdiction.name} law ({citation})")
    if rule == "session-limit" and standing.age >= int(facts["minor_consent_age"].value):
        limit = int(facts["minor_consent_sessions"].value)
        if standing.sessions_attended < limit:
            return SignerRule("either", f"a minor may consent alone to up to {limit} sessions "
                                        f"({facts['minor_consent_sessions'].citation})")
        return SignerRule("guardian", f"the {limit} sessions a minor may consent to alone have "
                                      f"been held; a parent or guardian signs now "
                                      f"({facts['minor_consent_sessions'].citation})")
    if rule == "clinician-finding" and standing.age >= int(facts["minor_finding_age"].value):
        allowed = set(minor_consent_grounds(jurisdiction))
        if allowed & set(standing.finding_grounds):
            return SignerRule("either", f"the clinician recorded a finding that lets the minor "
                                        f"consent alone ({citation})")
        return SignerRule("guardian", "a parent or guardian signs unless the clinician records "
                                      f"a finding that lets the minor consent alone "
                                      f"({citation})")
    return guardian


def authorization_signer_rule(standing: MinorStanding, jurisdiction: Jurisdiction
                              ) -> SignerRule:
    """Who may sign an authorization to release this client's records (45 CFR 164.502(g))."""
    if not is_minor(standing.age, jurisdiction):
        return SignerRule("client", "an adult signs for themselves")
    if standing.consented_alone:
        return SignerRule("client", "the minor consented to this care alone, so the minor, not "
                                    "a parent, controls its records (45 CFR 164.502(g)(3)(i))")
    return SignerRule("guardian", "a parent or guardian is the minor's personal representative "
                                  "(45 CFR 164.502(g)(3))")
