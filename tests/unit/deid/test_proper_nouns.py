"""Names, places and organisations the chart does not know: dictionaries, cues, suffixes."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import covered, label_of, untouched


@pytest.mark.parametrize(("text", "name"), [
    ("Client said her sister Rosalind is moving away.", "Rosalind"),
    ("Her boyfriend, Tavish, called twice.", "Tavish"),
    ("Met with Dr. Okonkwo about sleep.", "Okonkwo"),
    ("Mrs. Brennecke phoned the office.", "Brennecke"),
    ("Her son Will is in second grade.", "Will"),
    ("My daughter May starts school soon.", "May"),
    ("A friend named Jo drove her.", "Jo"),
    ("His therapist, Ms. Quillfeather, retired.", "Quillfeather"),
])
def test_name_found_when_a_cue_precedes(text: str, name: str) -> None:
    assert covered(text, name)
    assert label_of(text, name) is Label.NAME


@pytest.mark.parametrize(("text", "name"), [
    ("Jennifer reported poor sleep.", "Jennifer"),
    ("Client argued with Marcus over money.", "Marcus"),
    ("Talked about Guadalupe Hernandez at length.", "Guadalupe Hernandez"),
    ("Spoke with Nguyen about the referral.", "Nguyen"),
    ("He was texting jennifer late at night.", "jennifer"),
    ("Stays with Grace Harper for now.", "Grace Harper"),
    ("Afraid that Xandrielle would leave.", "Xandrielle"),
    ("Signed: D.W., case manager.", "D.W."),
])
def test_name_found_from_dictionary_or_rare_capitalised_word(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "org"), [
    ("Her son attends Lincoln Elementary now.", "Lincoln Elementary"),
    ("He works at Cascade Millworks downtown.", "Cascade Millworks"),
    ("Admitted to Tucson General Hospital overnight.", "Tucson General Hospital"),
    ("Client attends AA at First Baptist Church of Tucson.", "Baptist Church of Tucson"),
    ("Employed by Hall, Palmer and Farley as a clerk.", "Hall, Palmer and Farley"),
    ("Laid off from Brightwater Logistics LLC last year.", "Brightwater Logistics LLC"),
    ("Seen at St. Anne Medical Center in the ER.", "St. Anne Medical Center"),
    ("Employer: Summit Auto Body", "Summit Auto Body"),
    ("She started at Walker and Sons.", "Walker and Sons"),
])
def test_organisation_found_by_suffix_or_cue(text: str, org: str) -> None:
    assert covered(text, org)
    assert label_of(text, org) is Label.ORGANIZATION


@pytest.mark.parametrize(("text", "place"), [
    ("Lives at 412 Alder Street, Springfield, OR 97477 with her aunt.",
     "412 Alder Street, Springfield, OR 97477"),
    ("Moved into 18B Kestrel Ave. Apt 4 last week.", "18B Kestrel Ave. Apt 4"),
    ("Mail goes to PO Box 2231 for now.", "PO Box 2231"),
    ("She grew up in Tucson before the divorce.", "Tucson"),
    ("Moving to Springfield, OR in the fall.", "Springfield"),
    ("A cousin lives out in Lane County.", "Lane County"),
    ("The apartment on Quinn Harbors flooded.", "Quinn Harbors"),
    ("Visiting family in San Antonio.", "San Antonio"),
])
def test_place_smaller_than_a_state_found(text: str, place: str) -> None:
    assert covered(text, place)
    assert label_of(text, place) is Label.LOCATION


@pytest.mark.parametrize(("text", "word"), [
    ("Depression has improved since intake.", "Depression"),
    ("May I ask how you slept?", "May"),
    ("Client will continue weekly CBT.", "will"),
    ("Will continue weekly CBT.", "Will"),
    ("Client expressed hope about the new job.", "hope"),
    ("Hope Box reviewed and updated.", "Hope"),
    ("She needs a grace period on the copay.", "grace"),
    ("A frank conversation with her brother.", "frank"),
    ("Made a mark on the calendar each day.", "mark"),
    ("Anxiety rose sharply before the visit.", "rose"),
    ("Client grew up in Texas and moved to Ohio.", "Texas"),
    ("Denies SI/HI; no plan or intent.", "SI/HI"),
    ("Used Socratic questioning with the client.", "Socratic"),
    ("Client reports drinking 3-4 beers nightly.", "Client reports"),
    ("Sertraline was increased to 100 mg.", "Sertraline"),
])
def test_everyday_and_clinical_words_not_flagged(text: str, word: str) -> None:
    assert untouched(text, word)


@pytest.mark.parametrize(("text", "word"), [
    ("Writer introduced Lindqvist's graded exposure approach.", "Lindqvist"),
    ("Session drew on Marrow's attachment theory.", "Marrow"),
    ("The Quarrington results were shared with the parent.", "Quarrington"),
    ("Scores on the Hallorann-Pike Adolescent Coping Inventory were average.", "Hallorann"),
    ("Her aunt has Tessier delusion.", "Tessier"),
    ("She scrolls on Zappli for hours.", "Zappli"),
    ("Art group meets on Tuesdays.", "Tuesdays"),
])
def test_methods_instruments_and_apps_not_flagged(text: str, word: str) -> None:
    assert untouched(text, word)


@pytest.mark.parametrize(("text", "name"), [
    ("Maria's family therapy continues weekly.", "Maria"),
    ("Client said Quarrington's son started therapy.", "Quarrington"),
    ("Dr. Lindqvist's approach was discussed.", "Lindqvist"),
    ("Client relies on Tavish for rides.", "Tavish"),
])
def test_name_found_when_a_method_noun_follows_a_person(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "word"), [
    ("Her brother lives with Ehlers-Danlos and works part time.", "Ehlers-Danlos"),
    ("Client read about Marfan syndrome online.", "Marfan"),
    ("Cliff edges are a fear since the fall.", "Cliff"),
    ("Ivy and ferns fill the balcony she tends.", "Ivy"),
])
def test_conditions_and_word_names_not_flagged(text: str, word: str) -> None:
    assert untouched(text, word)


@pytest.mark.parametrize(("text", "name"), [
    ("Ivy and her husband came to session.", "Ivy"),
    ("Cliff feels tired most days.", "Cliff"),
    ("Client said Marisol lives with Quarrington and two cats.", "Quarrington"),
])
def test_name_found_when_a_word_name_acts_as_a_person(text: str, name: str) -> None:
    assert covered(text, name)
