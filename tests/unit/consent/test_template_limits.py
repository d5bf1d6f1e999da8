"""A practice-edited consent template cannot stall or crash the server (issue 10, item 4): every
hostile body is a ConsentError (422) naming its section, found within the render time limit."""

from __future__ import annotations

import dataclasses
import time

import pytest

from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import load_jurisdiction
from closeddoor.consent.render import render_consent
from closeddoor.consent.template import MAX_RENDER_SECONDS, ConsentTemplate
from tests.unit.consent.conftest import PRACTICE

SECTION = "recordings"
HUNDRED = "[" + ",".join(["1"] * 100) + "]"

HOSTILE = {
    "huge power": "{{ 3**20000003 % 7 }}",
    "power chain": "{{ (2**200) ** 3 }}",
    "huge product": "{{ (10**70) * (10**70) * (10**70) * (10**70) }}",
    "format_map": "{{ '{0}'.format_map(facts) }}",
    "format": "{{ '{0.__class__}'.format(practice) }}",
    "format attribute": "{{ ''.format_map }}",
    "range": "{% for i in range(200000) %}x{% endfor %}",
    "lipsum": "{{ lipsum(100000) }}",
    "dict": "{{ dict(a=1) }}",
    "namespace": "{% set ns = namespace(x=2) %}{{ ns.x }}",
    "text times big number": "{{ 'x' * 1000000 }}",
    "percent formatting": "{{ '%0999999999d' % 1 }}",
    "widening filter": "{{ practice.name|center(999999999) }}",
    "doubling macro": "{% macro f(x) %}{{ f(x ~ x) }}{% endmacro %}{{ f('ab') }}",
    "nested empty loops": (f"{{% for a in {HUNDRED} %}}{{% for b in {HUNDRED} %}}"
                           f"{{% for c in {HUNDRED} %}}{{% endfor %}}{{% endfor %}}"
                           "{% endfor %}"),
    "long output": f"{{% for a in {HUNDRED} %}}{{% for b in {HUNDRED} %}}"
                   "{{ 'x' * 50 }}{% endfor %}{% endfor %}",
    "huge number printed": "{{ 10**200 * 10**200 }}",
}


def with_body(template: ConsentTemplate, key: str, body: str) -> ConsentTemplate:
    sections = tuple(dataclasses.replace(s, body=body) if s.key == key else s
                     for s in template.sections)
    return dataclasses.replace(template, sections=sections)


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_render_refuses_naming_section_when_template_is_hostile(
    template: ConsentTemplate, body: str
) -> None:
    started = time.monotonic()
    with pytest.raises(ConsentError, match=f"section '{SECTION}'") as refused:
        render_consent(with_body(template, SECTION, body), load_jurisdiction("US-CA"), PRACTICE)
    assert time.monotonic() - started < MAX_RENDER_SECONDS + 0.5
    assert body not in str(refused.value)


@pytest.mark.parametrize(("body", "text"), [
    ("{{ 2**10 }} and {{ 3 * 4 }} and {{ 7 // 2 }} and {{ 'ab' ~ 'cd' }}", "1024 and 12 and 3"),
    ("{% for key in facts %}{% if loop.first %}first{% endif %}{% endfor %}", "first"),
    ("{{ practice.name|upper }}", PRACTICE.upper()),
])
def test_render_allows_plain_arithmetic_and_loops_when_small(
    template: ConsentTemplate, body: str, text: str
) -> None:
    rendered = render_consent(with_body(template, SECTION, body), load_jurisdiction("US-CA"),
                              PRACTICE)
    section = next(s for s in rendered.sections if s.key == SECTION)
    assert text in section.blocks[0].items[0]
