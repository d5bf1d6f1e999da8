"""Round 135 of issue 13, from what the hundred-and-seventy-first to -fourth sets (Catalan,
Arbëreshë, Sinti and Pontic Greek; Silesian, Lipka Tatar, Boyko and Hutsul; Black American
families of the urban Midwest and South; Mexican American, Central American and Mixtec
families) lost, and what the same shape lost on every set read before: two parts of one name
found with a little word of a name between them ("Santa Rosa | de | Lima"), taken as one; not
"and" or "of" between two bodies or a person and a body (synthetic text only)."""

from __future__ import annotations

from tests.unit.deid.helpers import covered, untouched


def test_finds_a_name_across_its_particle() -> None:
    assert covered("Baptised at the Parroquia Santa Rosa de Lima in 1990.",
                   "Parroquia Santa Rosa de Lima")


def test_leaves_and_between_a_person_and_a_body() -> None:
    assert untouched("Dr. Rao and Longleaf Regional were sent the ROI.", "and")


def test_leaves_of_between_a_person_and_a_body() -> None:
    assert untouched("Referred by Dr. Adaeze Obi of Organ Mountain Family Clinic.", " of ")
