"""Round 16 of issue 13, written from the eleventh hand-written set: the practice before a
town and its state code and a county's agencies (`address_blocks.py`), numbered streets,
trades, places named in Spanish, particles and saints' churches, and the scores, labs and
labels that stay words (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Couples therapy, session 5, Front Range Family Therapy, Colorado Springs, CO. Present:",
     "Front Range Family Therapy"),
    ("New patient evaluation, Snake River Psychiatry, Pocatello, ID 83201. Patient",
     "Snake River Psychiatry"),
    ("Psychiatric intake, Antietam Child Guidance, Hagerstown, MD, 12/2/2026.",
     "Antietam Child Guidance"),
    ("Open case with Frederick County DSS, worker assigned.", "Frederick County DSS"),
    ("SN visit, Custer County Home Health. Pt seen at home.", "Custer County Home Health"),
    ("Referred by his officer at Galveston County Adult Probation, after a DWI.",
     "Galveston County Adult Probation"),
])
def test_a_practice_before_its_town_and_a_countys_agency(case: type[str], text: str,
                                                         needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Couples therapy, Flint, MI. Both attended.", "Couples therapy"),
    ("Telehealth session, mental health clinic, Erie, PA 16501.", "mental health clinic"),
    ("Individual session, brief therapy, Flint, MI.", "brief therapy"),
    ("Seen in the county, then moved, Flint, MI.", "then moved"),
])
def test_a_treatments_heading_before_a_town_stays_words(case: type[str], text: str,
                                                        needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Diary card: urges to self-harm 3/5, acted 0; SI 1/5 without plan.", "3/5"),
    ("Diary card: urges to self-harm 3/5, acted 0; SI 1/5 without plan.", "1/5"),
    ("Vanderbilt parent inattentive 7/9 today.", "7/9"),
    ("AUDIT-C 10, GGT 88, AST/ALT 92/61.", "GGT 88"),
    ("Practiced TIPP in group, SUDS 70 to 40.", "SUDS 70"),
    ("Mother works at the plant; father works nights.", "works"),
    ("Housed in cell 12, lower bunk, checks q15.", "bunk"),
    ("One prior attempt 2019 per hospital records.", "2019 per"),
    ("Lakeshore Associates, Erie, PA. Date of service 12/1.", "Date"),
    ("Silver Sage Casino Resort, Attn: Ms. Darlene Ybarra, HR", "Attn"),
])
def test_sixteenth_round_scores_labs_verbs_and_labels_stay_words(case: type[str], text: str,
                                                                 needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Roommate agrees. Participant Priya Venkataraman, 24, attended.", "Participant"),
    ("Her bishop at the ward, Rabbi Cohen and Imam Haddad visited.", "Rabbi"),
])
def test_sixteenth_round_who_a_person_is_stays_outside_the_name(text: str, needle: str) -> None:
    assert untouched(text, needle)


def test_a_state_after_its_town_is_no_role_but_a_pa_before_a_name_is() -> None:
    assert covered("seen by pa jones at 1400, md smith aware", "jones")
    assert covered("seen by pa jones at 1400, md smith aware", "smith")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Now works part-time on West 26th Street. Sings in a choir.", "West 26th Street"),
    ("Car got towed from the lot on W 1st St this morning.", "W 1st St"),
    ("Moved to an apartment on 3rd Ave N near the park.", "3rd Ave N"),
    ("Manager asked at the Sawmill Taproom about shifts.", "Sawmill Taproom"),
    ("Family chose Ocean Crest Mortuary for the service.", "Ocean Crest Mortuary"),
    ("Family owns Golden Spoon Deli downtown.", "Golden Spoon Deli"),
    ("Lost his job at Calcasieu Refining after a positive UA.", "Calcasieu Refining"),
    ("Booked at Valley Regional Detention Center overnight.",
     "Valley Regional Detention Center"),
])
def test_sixteenth_round_numbered_streets_and_trades(case: type[str], text: str,
                                                     needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Tolerated the 2nd rd of chemo without nausea.", " rd "),
    ("Went to the deli for lunch, then the mortuary.", "the deli"),
    ("Family owns a small farm.", "owns"),
])
def test_sixteenth_round_a_round_and_a_kind_of_shop_stay_words(case: type[str], text: str,
                                                                needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Intake, Clínica Salud Mental del Oeste, Mayagüez.", "Clínica Salud Mental del Oeste"),
    ("Nine days at Hospital San Rafael del Oeste. Followed by", "Hospital San Rafael del Oeste"),
    ("Seen at Centro de Salud Familiar de Añasco until 2025.",
     "Centro de Salud Familiar de Añasco"),
    ("Teaches at Escuela Intermedia Las Palmas in town.", "Escuela Intermedia Las Palmas"),
    ("Open with the Departamento de la Familia office.", "Departamento de la Familia"),
    ("Lives at Calle Betances 22, near the plaza.", "Calle Betances 22"),
])
def test_places_named_in_spanish(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("The hospital chaplain visited; hospital staff aware.", "hospital chaplain"),
    ("Open with the Departamento de la Familia office in town.", "office"),
    ("Uneventful hospital course, discharged home.", "hospital course"),
])
def test_english_after_a_spanish_kind_word_stays_words(case: type[str], text: str,
                                                       needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Housed in pod B, cell 12, lower bunk.", "pod B"),
    ("Admitted on a 72-hr hold via Reach Crisis Services. Slept 5 hrs.",
     "Reach Crisis Services"),
    ("A Humboldt County Adult Protective Services referral is open.",
     "Humboldt County Adult Protective Services"),
    ("Works at a coffee shop on Center St. Her bishop is supportive.", "Center St"),
    ("Pediatric eval. Patient Faith Oyelowo-Bennett, 22, junior in nursing.",
     "Faith Oyelowo-Bennett"),
])
def test_sixteenth_round_units_agencies_streets_and_subjects(case: type[str], text: str,
                                                             needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Referred to adult protective services; crisis services called.", "protective services"),
    ("Patient hope well-being is the goal.", "well-being"),
])
def test_sixteenth_round_kinds_of_service_stay_words(case: type[str], text: str,
                                                     needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Patient Tavita Fa'alogo-Leota, 29, moved in 2022.", "Tavita Fa'alogo-Leota"),
    ("Provider NP Siobhan Ní Bhriain; front desk aware.", "Siobhan Ní Bhriain"),
    ("called fr. nguyen at st. mary star of the sea parish today",
     "st. mary star of the sea parish"),
    ("CALLED FR. NGUYEN AT ST. MARY STAR OF THE SEA PARISH TODAY",
     "ST. MARY STAR OF THE SEA PARISH"),
])
def test_sixteenth_round_surnames_with_particles_or_shapes_and_saints_churches(
        text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("Saw Maria O'Neil and John's Dog at home.", "'s Dog"),
    ("moved to st. louis to visit church on sunday", "visit church"),
])
def test_a_possessive_and_a_visit_stay_outside_names(text: str, needle: str) -> None:
    assert untouched(text, needle)
