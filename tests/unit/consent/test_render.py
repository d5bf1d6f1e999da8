from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import Fact, Jurisdiction, known_codes, load_jurisdiction
from closeddoor.consent.model import RenderedConsent
from closeddoor.consent.render import render_consent
from closeddoor.consent.template import SECTION_KEYS, ConsentTemplate
from tests.unit.consent.conftest import CLINICIAN, PRACTICE
from tests.unit.consent.test_template import with_body


def section_text(rendered: RenderedConsent, key: str) -> str:
    section = next(s for s in rendered.sections if s.key == key)
    return " ".join(item for block in section.blocks for item in block.items)


def with_fact_value(jurisdiction: Jurisdiction, key: str, value: str) -> Jurisdiction:
    facts = dict(jurisdiction.facts)
    facts[key] = dataclasses.replace(facts[key], value=value)
    return dataclasses.replace(jurisdiction, facts=facts)


@pytest.mark.parametrize("code", known_codes())
def test_every_section_rendered_when_jurisdiction_is_shipped(template: ConsentTemplate,
                                                             code: str) -> None:
    jurisdiction = load_jurisdiction(code)
    rendered = render_consent(template, jurisdiction, PRACTICE, CLINICIAN)
    assert tuple(s.key for s in rendered.sections) == SECTION_KEYS
    assert all(s.blocks for s in rendered.sections)
    assert re.fullmatch(r"[0-9a-f]{64}", rendered.sha256)
    assert jurisdiction.name in rendered.canonical_text
    assert "{{" not in rendered.canonical_text and "{%" not in rendered.canonical_text
    retention = jurisdiction.facts["records_retention_years"]
    assert retention.summary in section_text(rendered, "records_retention")
    assert str(jurisdiction.facts["complaints_to"].value) in section_text(rendered,
                                                                          "client_rights")


def test_danger_wording_says_must_when_duty_is_mandatory(template: ConsentTemplate) -> None:
    text = section_text(render_consent(template, load_jurisdiction("US-CA"), PRACTICE),
                        "danger_to_others")
    assert "your therapist must act to protect" in text
    assert "may share" not in text


def test_danger_wording_says_may_when_duty_is_permitted(template: ConsentTemplate) -> None:
    text = section_text(render_consent(template, load_jurisdiction("US-TX"), PRACTICE),
                        "danger_to_others")
    assert "your therapist may share what is needed" in text
    assert "does not require it" in text
    assert "must act" not in text


def test_texas_danger_clause_includes_emotional_injury_when_rendered(
        template: ConsentTemplate) -> None:
    """Tex. Health & Safety Code 611.004(a)(2) also allows disclosure on a probability of
    immediate mental or emotional injury to the patient: the form must not promise more
    privacy than the statute gives by leaving that branch out."""
    text = section_text(render_consent(template, load_jurisdiction("US-TX"), PRACTICE),
                        "danger_to_others")
    assert "soon physically injure yourself or someone else" in text
    assert "immediate mental or emotional injury" in text
    assert "immediate mental or emotional injury to the client" in text  # the summary too


def test_danger_wording_explains_when_there_is_no_duty(template: ConsentTemplate) -> None:
    none = with_fact_value(load_jurisdiction("US-TX"), "duty_to_warn", "none")
    text = section_text(render_consent(template, none, PRACTICE), "danger_to_others")
    assert "does not require your therapist to warn" in text
    assert "emergency services" in text


def test_reporting_wording_follows_the_fact_when_elder_reporting_is_voluntary(
        template: ConsentTemplate) -> None:
    new_york = section_text(render_consent(template, load_jurisdiction("US-NY"), PRACTICE),
                            "elder_dependent_adult_abuse")
    texas = section_text(render_consent(template, load_jurisdiction("US-TX"), PRACTICE),
                         "elder_dependent_adult_abuse")
    assert "allows, but does not require" in new_york
    assert "requires a report" in texas and "does not require" not in texas


def test_minor_section_names_the_exception_when_minors_may_consent(
        template: ConsentTemplate) -> None:
    illinois = section_text(render_consent(template, load_jurisdiction("US-IL"), PRACTICE),
                            "minors_guardians")
    new_york = section_text(render_consent(template, load_jurisdiction("US-NY"), PRACTICE),
                            "minors_guardians")
    assert "There is an exception" in illinois and "eight sessions" in illinois
    assert "There is an exception" not in new_york


def test_citations_follow_the_facts_used_when_rendered(template: ConsentTemplate) -> None:
    rendered = render_consent(template, load_jurisdiction("US-CA"), PRACTICE)
    danger = next(s for s in rendered.sections if s.key == "danger_to_others")
    assert any("43.92" in c for c in danger.citations)
    assert any("8105(c)" in c for c in danger.citations)
    assert len(danger.citations) == len(set(danger.citations))
    assert "Source: Cal. Welf. & Inst. Code §§ 8100(b), 8105(c)" in rendered.canonical_text


def test_rights_rendered_as_a_list_when_lines_start_with_a_dash(
        template: ConsentTemplate) -> None:
    rendered = render_consent(template, load_jurisdiction("US-FL"), PRACTICE)
    rights = next(s for s in rendered.sections if s.key == "client_rights")
    kinds = [block.kind for block in rights.blocks]
    assert kinds[:2] == ["paragraph", "list"]
    assert len(rights.blocks[1].items) == 7
    assert "\n- to stop therapy at any time.\n" in rendered.canonical_text


def test_canonical_text_is_normalised_when_rendered(template: ConsentTemplate) -> None:
    text = render_consent(template, load_jurisdiction("US-NY"), PRACTICE).canonical_text
    assert text.startswith("closeddoor consent document; canonical form 1\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\r" not in text and "\n\n\n" not in text
    assert all(line == line.strip() for line in text.split("\n"))


def test_hash_is_stable_when_inputs_are_the_same(template: ConsentTemplate) -> None:
    first = render_consent(template, load_jurisdiction("US-IL"), PRACTICE, CLINICIAN)
    second = render_consent(template, load_jurisdiction("US-IL"), PRACTICE, CLINICIAN)
    assert first == second
    assert first.sha256 == second.sha256


@pytest.mark.parametrize(("practice", "clinician", "code"), [
    (PRACTICE + ".", CLINICIAN, "US-IL"),
    (PRACTICE, "", "US-IL"),
    (PRACTICE, CLINICIAN, "US-NY"),
])
def test_hash_changes_when_any_input_changes(template: ConsentTemplate, practice: str,
                                             clinician: str, code: str) -> None:
    base = render_consent(template, load_jurisdiction("US-IL"), PRACTICE, CLINICIAN)
    other = render_consent(template, load_jurisdiction(code), practice, clinician)
    assert other.sha256 != base.sha256


def test_hash_changes_when_a_fact_summary_changes(template: ConsentTemplate) -> None:
    texas = load_jurisdiction("US-TX")
    facts = dict(texas.facts)
    fact: Fact = facts["duty_to_warn"]
    facts["duty_to_warn"] = dataclasses.replace(fact, summary=fact.summary + "!")
    changed = dataclasses.replace(texas, facts=facts)
    assert (render_consent(template, changed, PRACTICE).sha256
            != render_consent(template, texas, PRACTICE).sha256)


BODY_KEY = "recordings"


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_hash_changes_when_one_visible_character_of_a_section_changes(
        template: ConsentTemplate, data: st.DataObject) -> None:
    body = next(s.body for s in template.sections if s.key == BODY_KEY)
    literal = [i for i, ch in enumerate(body) if not ch.isspace() and ch not in "{}%#"]
    index = data.draw(st.sampled_from(literal))
    original = body[index]
    replacement = data.draw(st.characters(
        codec="utf-8", categories=("L", "N", "P"), exclude_characters="{}%#-").filter(
        lambda ch: ch != original and ch.strip() == ch))
    changed = with_body(template, BODY_KEY, body[:index] + replacement + body[index + 1:])
    california = load_jurisdiction("US-CA")
    before = render_consent(template, california, PRACTICE)
    after = render_consent(changed, california, PRACTICE)
    assert after.sha256 != before.sha256


def test_hash_changes_when_a_title_changes_by_one_character(template: ConsentTemplate) -> None:
    sections = (dataclasses.replace(template.sections[0], title="If you might hurt yourself!"),
                *template.sections[1:])
    changed = dataclasses.replace(template, sections=sections)
    california = load_jurisdiction("US-CA")
    assert (render_consent(changed, california, PRACTICE).sha256
            != render_consent(template, california, PRACTICE).sha256)


def test_hash_unchanged_when_only_line_wrapping_changes(template: ConsentTemplate) -> None:
    body = next(s.body for s in template.sections if s.key == BODY_KEY)
    rewrapped = with_body(template, BODY_KEY, body.replace(" ", "\n", 3).replace("\n", "\r\n"))
    california = load_jurisdiction("US-CA")
    assert (render_consent(rewrapped, california, PRACTICE).sha256
            == render_consent(template, california, PRACTICE).sha256)


def test_hash_unchanged_when_name_differs_only_in_unicode_form(
        template: ConsentTemplate) -> None:
    composed = render_consent(template, load_jurisdiction("US-CA"), "Caf\u00e9 Counseling")
    decomposed = render_consent(template, load_jurisdiction("US-CA"), "Cafe\u0301 Counseling")
    assert composed.sha256 == decomposed.sha256


@pytest.mark.parametrize(("practice", "clinician", "message"), [
    ("   ", "", "practice name is empty"),
    ("x" * 201, "", "practice name is longer than 200"),
    ("Bad\u0000Name", "", "practice name contains control"),
    (PRACTICE, "Name\u202eReversed", "clinician name contains control"),
])
def test_error_when_a_name_is_unusable(template: ConsentTemplate, practice: str,
                                       clinician: str, message: str) -> None:
    with pytest.raises(ConsentError, match=message):
        render_consent(template, load_jurisdiction("US-CA"), practice, clinician)


def test_fact_with_value_none_not_cited_when_section_names_it(template: ConsentTemplate) -> None:
    texas = render_consent(template, load_jurisdiction("US-TX"), PRACTICE)
    new_york = render_consent(template, load_jurisdiction("US-NY"), PRACTICE)
    texas_self = next(s for s in texas.sections if s.key == "danger_to_self")
    new_york_self = next(s for s in new_york.sections if s.key == "danger_to_self")
    assert not any("None found" in c for c in texas_self.citations)
    assert any("9.46" in c for c in new_york_self.citations)
    assert "separate report" in section_text(new_york, "danger_to_self")
    assert "separate report" not in section_text(texas, "danger_to_self")
