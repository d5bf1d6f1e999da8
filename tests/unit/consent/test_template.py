from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import load_jurisdiction
from closeddoor.consent.render import render_consent
from closeddoor.consent.template import (
    SECTION_KEYS,
    ConsentSection,
    ConsentTemplate,
    default_template,
    load_template,
    referenced_facts,
)
from tests.unit.consent.conftest import PRACTICE


def with_body(template: ConsentTemplate, key: str, body: str) -> ConsentTemplate:
    sections = tuple(dataclasses.replace(s, body=body) if s.key == key else s
                     for s in template.sections)
    return dataclasses.replace(template, sections=sections)


def test_default_template_has_every_section_in_order_when_loaded() -> None:
    template = default_template()
    template.validate()
    assert tuple(s.key for s in template.sections) == SECTION_KEYS
    assert all(s.title and s.body.strip() for s in template.sections)


def test_error_names_section_when_one_is_missing(template: ConsentTemplate) -> None:
    broken = dataclasses.replace(template, sections=template.sections[:-1])
    with pytest.raises(ConsentError, match="section 'client_rights' is missing"):
        broken.validate()


def test_error_names_section_when_one_appears_twice(template: ConsentTemplate) -> None:
    broken = dataclasses.replace(template, sections=(*template.sections, template.sections[0]))
    with pytest.raises(ConsentError, match="section 'danger_to_self' appears 2 times"):
        broken.validate()


def test_error_names_section_when_key_is_unknown(template: ConsentTemplate) -> None:
    extra = ConsentSection("horoscope", "Stars", "text")
    broken = dataclasses.replace(template, sections=(*template.sections, extra))
    with pytest.raises(ConsentError, match=r"sections\[14\] has an unknown key") as refused:
        broken.validate()
    assert "horoscope" not in str(refused.value)  # positions, never the submitted text


def test_error_when_sections_are_out_of_order(template: ConsentTemplate) -> None:
    first, second, *rest = template.sections
    broken = dataclasses.replace(template, sections=(second, first, *rest))
    with pytest.raises(ConsentError, match="must come in this order"):
        broken.validate()


def test_error_names_section_and_line_when_body_does_not_compile(
        template: ConsentTemplate) -> None:
    broken = with_body(template, "recordings", "fine\n{% if facts.x %}never closed")
    with pytest.raises(ConsentError, match=r"section 'recordings': does not compile \(line 2"):
        broken.validate()


def test_error_when_title_is_empty(template: ConsentTemplate) -> None:
    with pytest.raises(ConsentError, match="title is empty"):
        dataclasses.replace(template, title=" ").validate()
    sections = (dataclasses.replace(template.sections[0], title=""), *template.sections[1:])
    with pytest.raises(ConsentError, match="section 'danger_to_self' has an empty title"):
        dataclasses.replace(template, sections=sections).validate()


def test_error_names_section_and_known_facts_when_template_uses_an_unknown_fact(
        template: ConsentTemplate) -> None:
    broken = with_body(template, "medical_emergency", "We {{ facts.emergency_rule.value }}.")
    with pytest.raises(ConsentError) as caught:
        render_consent(broken, load_jurisdiction("US-CA"), PRACTICE)
    message = str(caught.value)
    assert "section 'medical_emergency' refers to a fact the jurisdiction lacks" in message
    assert "duty_to_warn" in message  # the facts it may use
    assert "emergency_rule" not in message  # never the submitted text


def test_error_names_section_when_fact_is_missing_from_a_jurisdiction(
        template: ConsentTemplate) -> None:
    texas = load_jurisdiction("US-TX")
    facts = {k: v for k, v in texas.facts.items() if k != "records_retention_years"}
    partial = dataclasses.replace(texas, facts=facts)
    with pytest.raises(ConsentError, match="section 'records_retention' refers to a fact the "
                                           "jurisdiction lacks"):
        render_consent(template, partial, PRACTICE)


@pytest.mark.parametrize("body", [
    "{{ facts.duty_to_warn.valeu }}",             # a misspelt field
    "{{ facts.duty_to_warn.review_note }}",       # reviewer notes are never rendered
    "{{ facts[practice.name].value }}",           # a dynamic key the static check cannot see
    "{{ nothing_here }}",
])
def test_error_names_section_when_a_value_is_undefined(template: ConsentTemplate,
                                                       body: str) -> None:
    with pytest.raises(ConsentError, match="section 'recordings': uses a value that is not "
                                           "defined"):
        render_consent(with_body(template, "recordings", body), load_jurisdiction("US-CA"),
                       PRACTICE)


@pytest.mark.parametrize("body", [
    "{{ practice.__class__.__mro__ }}",
    "{{ ''.__class__.__subclasses__() }}",
    "{{ facts.duty_to_warn.__init__.__globals__ }}",
])
def test_sandbox_refuses_python_internals_when_template_reaches_for_them(
        template: ConsentTemplate, body: str) -> None:
    with pytest.raises(ConsentError, match="section 'recordings'"):
        render_consent(with_body(template, "recordings", body), load_jurisdiction("US-CA"),
                       PRACTICE)


def test_referenced_facts_in_reading_order_when_parsed() -> None:
    body = ('{% if facts["b_fact"].value %}{{ facts.a_fact.summary }}{% endif %}'
            "{{ facts.b_fact.citation }}{{ other.c }}")
    assert referenced_facts(body) == ("b_fact", "a_fact")
    assert referenced_facts("{% if %}") == ()


def test_template_file_round_trips_when_written_and_loaded(tmp_path: Path) -> None:
    lines = ['name = "mini"', 'title = "T"', 'intro = "Hello {{ practice.name }}."']
    for key in SECTION_KEYS:
        lines += ["[[sections]]", f'key = "{key}"', f'title = "About {key}"',
                  'citations = ["Example Act § 1"]', f'body = "Text for {key}."']
    path = tmp_path / "mini.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    template = load_template(path)
    assert template.name == "mini"
    assert template.sections[3].citations == ("Example Act § 1",)


@pytest.mark.parametrize(("text", "message"), [
    ("name = ", "not valid TOML"),
    ('name = "x"', "needs \\[\\[sections\\]\\]"),
    ('name = "x"\nsections = [1]', r"sections\[0\] must be a table"),
    ('name = "x"\n[[sections]]\nkey = "danger_to_self"', r"sections\[0\] needs text key"),
    ('name = 5\nsections = []', "name, title and intro must be text"),
])
def test_error_when_template_file_is_malformed(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConsentError, match=message):
        load_template(path)


def test_error_when_template_file_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ConsentError, match="cannot be read"):
        load_template(tmp_path / "absent.toml")
