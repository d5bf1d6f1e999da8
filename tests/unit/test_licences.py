"""closeddoor is AGPL-3.0-or-later: the repository carries the licence's text, NOTICE names every
distribution it runs on, and each of those is under a licence an AGPL-3.0 program may combine
with. The allowed list (and why) is in NOTICE; a dependency under anything else fails here,
named, until someone decides about it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email.message import Message
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).parents[2]
# sha256 of the FSF's agpl-3.0.txt (https://www.gnu.org/licenses/agpl-3.0.txt), byte for byte.
AGPL_3_SHA256 = "0d96a4ff68ad6d4b6f1f30f713b18d5184912ba8dd389f86aa7710db079abcb0"

# SPDX identifiers whose code an AGPL-3.0-or-later program may use (permissive, weak copyleft,
# or GPL-3/AGPL-3 itself). Not here, on purpose: GPL-2.0-only (incompatible with GPL-3),
# SSPL, BUSL, "Commons Clause" and other non-free or source-available terms, and any licence
# nobody has looked at yet. NOTICE states the same list.
ALLOWED = frozenset({
    "0BSD", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-2.0", "BSD-2-Clause",
    "BSD-3-Clause", "CC0-1.0", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "ISC",
    "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "MIT",
    "MIT-0", "MIT-CMU", "MPL-2.0", "PSF-2.0", "Unlicense", "Zlib",
})
# Free-text `License:` fields and trove classifiers, as packages write them, to SPDX.
SPDX_OF = {
    "mit": "MIT", "mit license": "MIT", "bsd": "BSD-3-Clause", "bsd license": "BSD-3-Clause",
    "bsd-3-clause": "BSD-3-Clause", "apache-2.0": "Apache-2.0", "apache 2.0": "Apache-2.0",
    "apache software license": "Apache-2.0", "isc license": "ISC", "isc license (iscl)": "ISC",
    "psfl": "PSF-2.0", "python software foundation license": "PSF-2.0", "mpl-2.0": "MPL-2.0",
    "mozilla public license 2.0 (mpl 2.0)": "MPL-2.0",
    "gplv3": "GPL-3.0-only",  # (gender-guesser: no "or later" stated, so the narrower reading)
}


@dataclass(frozen=True)
class Dependency:
    name: str
    version: str
    licence: str  # an SPDX expression, or what the package says when that is unknown


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "closeddoor") -> dict[str, Distribution]:
    """Every installed distribution `root` needs at run time: its requirements, with the extras
    it asks for (psycopg[binary], uvicorn[standard]), and theirs, transitively. Its own optional
    extras (test tools) are not run-time."""
    found: dict[str, Distribution] = {}
    visited: set[tuple[str, frozenset[str]]] = set()
    pending: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    while pending:
        name, extras = pending.pop()
        if (_key(name), extras) in visited:
            continue
        visited.add((_key(name), extras))
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue  # a marker-excluded or platform-only requirement
        found[_key(name)] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": e}) for e in {"", *extras}):
                pending.append((requirement.name, frozenset(requirement.extras)))
    found.pop(_key(root), None)
    return found


def licence_of(metadata: Message) -> str:
    """The distribution's licence as SPDX where it can be told: License-Expression, else a
    short License field, else the trove classifiers."""
    expression = metadata.get("License-Expression")
    if expression:
        return str(expression).strip()
    field = str(metadata.get("License") or "").strip()
    first_line = field.splitlines()[0].strip().lower() if field else ""
    if first_line in SPDX_OF:
        return SPDX_OF[first_line]
    named = [SPDX_OF.get(c.split("::")[-1].strip().lower(), c.split("::")[-1].strip())
             for c in metadata.get_all("Classifier") or [] if c.startswith("License ::")]
    if named:
        return " OR ".join(named)
    return field or "unknown"


# Licence texts recognised by their wording when a package's metadata names no licence (pyrage
# ships only its LICENSE file): the MIT licence's grant and condition, word for word.
LICENCE_TEXTS = {
    "MIT": ("Permission is hereby granted, free of charge, to any person obtaining a copy",
            "The above copyright notice and this permission notice shall be included in all"),
}


def licence_of_distribution(dist: Distribution) -> str:
    """`licence_of` its metadata; when that states nothing, the licence whose text the
    distribution's License-File holds (by its exact wording), else "unknown"."""
    stated = licence_of(dist.metadata)
    if stated != "unknown":
        return stated
    for name in dist.metadata.get_all("License-File") or []:
        text = dist.read_text(f"licenses/{name}") or dist.read_text(name) or ""
        flat = " ".join(text.split())
        for spdx, phrases in LICENCE_TEXTS.items():
            if all(phrase in flat for phrase in phrases):
                return spdx
    return stated


def is_allowed(expression: str) -> bool:
    """An SPDX expression is allowed when one `OR` choice is, every part of an `AND` is."""
    for choice in re.split(r"\s+OR\s+", expression.strip("() ")):
        parts = [p.strip("() ") for p in re.split(r"\s+AND\s+", choice)]
        if all(part.removesuffix("+") in ALLOWED for part in parts):
            return True
    return False


def runtime_dependencies() -> list[Dependency]:
    return sorted((Dependency(name, dist.version, licence_of_distribution(dist))
                   for name, dist in runtime_distributions().items()), key=lambda d: d.name)


def test_runtime_dependencies_are_under_agpl_compatible_licences_when_installed() -> None:
    dependencies = runtime_dependencies()
    assert len(dependencies) > 20, "the walk found closeddoor's requirements"
    refused = [f"{d.name} {d.version}: {d.licence}" for d in dependencies
               if not is_allowed(d.licence)]
    assert not refused, ("not on the allowed licence list (tests/unit/test_licences.py, "
                         f"NOTICE): {refused}")


def test_every_runtime_dependency_is_named_in_notice_when_installed() -> None:
    notice = (ROOT / "NOTICE").read_text().lower()
    missing = [d.name for d in runtime_dependencies() if f"| {d.name} |" not in notice]
    assert not missing, f"NOTICE's table lacks: {missing}"


@pytest.mark.parametrize("expression", [
    "GPL-2.0-only", "SSPL-1.0", "BUSL-1.1", "Proprietary", "unknown",
    "MIT AND GPL-2.0-only", "Commons Clause",
])
def test_licence_is_refused_when_not_agpl_compatible(expression: str) -> None:
    assert not is_allowed(expression)


@pytest.mark.parametrize("expression", [
    "MIT", "Apache-2.0 OR BSD-3-Clause", "LGPL-3.0-only", "(MIT AND Zlib)", "MPL-2.0",
])
def test_licence_is_allowed_when_agpl_compatible(expression: str) -> None:
    assert is_allowed(expression)


def test_licence_is_read_from_classifiers_when_no_expression_is_given() -> None:
    metadata = Message()
    metadata["Classifier"] = "License :: OSI Approved :: BSD License"
    assert licence_of(metadata) == "BSD-3-Clause"
    unclear = Message()
    unclear["License"] = "Custom terms: see the vendor's website"
    assert not is_allowed(licence_of(unclear))


def test_license_file_is_the_agpl_3_text_when_checked_out() -> None:
    text = (ROOT / "LICENSE").read_bytes()
    assert hashlib.sha256(text).hexdigest() == AGPL_3_SHA256
    assert b"13. Remote Network Interaction; Use with the GNU General Public License." in text
