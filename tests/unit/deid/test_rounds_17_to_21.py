"""Rounds 17 to 21 of issue 13, each written from a hand-written set then seen (the twelfth
to the sixteenth): agencies' offices, addresses, businesses, subjects, signers, and the
shorthand, scores and titles that stay words (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Supervised by the Garrett County Division of Parole and Probation until 2020.",
     "Garrett County Division of Parole and Probation"),
    ("Officer Tannehill of Clayborne County Probation and Parole notified.",
     "Clayborne County Probation and Parole"),
    ("An open case with the DCF Holyoke Area Office since spring.", "DCF Holyoke Area Office"),
    ("An ACS Brooklyn Field Office investigation in 2023.", "ACS Brooklyn Field Office"),
    ("Placement through the Bethel Office of Children's Services, caseworker assigned.",
     "Bethel Office of Children's Services"),
    ("Records to 600 Coolidge Boulevard, Suite 210, Lafayette, LA 70503.",
     "600 Coolidge Boulevard, Suite 210"),
    ("Address verified at 1840 Piñon Ridge Drive, Cortez.", "1840 Piñon Ridge Drive"),
    ("Prescriber at Northshore Psychiatric Associates. Plan: continue.",
     "Northshore Psychiatric Associates"),
    ("His car was left at Harbor Oaks Apartments; security notified.", "Harbor Oaks Apartments"),
    ("She still bakes for St. Hedwig's Parish, where the priest visits.", "St. Hedwig's Parish"),
    ("Night of 12/3. Pt Abena Owusu-Mensah 66 y/o f, pod 1.", "Abena Owusu-Mensah"),
])
def test_round_seventeen_offices_addresses_businesses_and_subjects(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Occupational therapist noted it at Jordan River Hand Therapy today.",
     "Jordan River Hand Therapy"),
    ("individual with ramón on 12/4. -h. mirza", "h. mirza"),
    ("ASKED FOR SW; SW HARJO CONSULTED AT X4471.", "HARJO"),
])
def test_round_seventeen_a_practice_a_signer_and_a_social_worker(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Called the local office of children's services for advice.", "office of children"),
    ("Sw aware; sw to follow up tomorrow.", "aware"),
    ("Pt pleasant, well-appearing, no distress.", "pleasant"),
    ("BP stable -r. pt resting", "pt resting"),
])
def test_round_seventeen_kinds_and_shorthand_stay_words(case: type[str], text: str,
                                                        needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Home safe, rollator in use, no falls.", "rollator"),
    ("Chg bath done, oral care q2h, hob 30.", "oral care"),
    ("Her granddaughter, a nurse, checks on her on Sundays.", "checks"),
    ("Family history: an uncle treated at the state hospital.", "treated"),
    ("Pain 6/10 at 2000 -> oxycodone 10 mg po + ice, 3/10 at 2100.", "3/10"),
    ("Fentanyl 25 mcg iv x1 with relief to 4/10.", "4/10"),
    ("HD#4 for ARDS 2/2 influenza A.", "2/2"),
    ("She is a 41-year-old Haitian-born aide; preferred language Haitian Creole.",
     "Haitian"),
    ("He is a 38-year-old Tongan-American father of four.", "Tongan-American"),
])
def test_round_seventeen_devices_verbs_ratings_and_peoples_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_a_date_written_like_a_fraction_after_on_is_still_a_date() -> None:
    assert covered("Seen on 2/2 for follow-up.", "2/2")


# Round 18, written from the thirteenth set.
@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Admitted from the SNF via Kestrel Co EMS with urosepsis.", "Kestrel Co EMS"),
    ("Riverbend Fire-Rescue Medic 12 PCR, single vehicle.", "Riverbend Fire-Rescue"),
    ("Single veh vs tree, 4410 National Pike, 0214.", "4410 National Pike"),
    ("Veh left w/ sheriff dep Trueblood at the scene.", "Trueblood"),
    ("Arr GHMC 0304, report to trauma bay.", "GHMC"),
    ("Pastor from Immanuel Reformed Church to visit.", "Immanuel Reformed Church"),
    ("Resettled by the Heartland Refugee Partnership last year.",
     "Heartland Refugee Partnership"),
    ("On probation through Multnomish County Community Corrections since 2025.",
     "Multnomish County Community Corrections"),
    ("Open with the Holloway County Department of Children and Family Services.",
     "Holloway County Department of Children and Family Services"),
    ("Disability claim with Lakeshore Mutual is pending.", "Lakeshore Mutual"),
    ("NP Rashid bin Hamzah eval 0900, recs: continue CIWA.", "Rashid bin Hamzah"),
    ("Provider note 2340. Pt Summer O'Halloran, 23 yo f.", "Summer O'Halloran"),
    ("Medicare MBI 3wq7-hn2-rk58 verified at the visit.", "3wq7-hn2-rk58"),
])
def test_round_eighteen_rescue_services_streets_roles_and_names(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Pt bib EMS after a fall; per EMS report no LOC.", "EMS"),
    ("Attended 2/4 groups, left art group early.", "2/4"),
    ("BP 98/54 on norepi 6 mcg/min, no crepitus, NYHA IV.", "norepi"),
    ("She attends Shabbat services with a Lingala interpreter.", "Shabbat"),
    ("Employer notified per signed release.", "Employer"),
])
def test_round_eighteen_shorthand_counts_and_labels_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ('Patient: Oluwaseun "Shay" Adebayo-Strand, MRN on file.', 'Oluwaseun "Shay" Adebayo-Strand'),
    ('Witness: Tomasina "Tommi" Acquaviva, front desk.', 'Tomasina "Tommi" Acquaviva'),
])
def test_round_eighteen_a_nickname_between_a_given_name_and_a_surname(text: str,
                                                                      needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ('He said "Never" Again and left.', "said"),
    ("Intake: 29, G2P2, seven weeks postpartum; G3P2012.", "G2P2"),
])
def test_round_eighteen_a_quoted_word_and_gravida_para_stay_words(text: str,
                                                                  needle: str) -> None:
    assert untouched(text, needle)


# Round 19, written from the fourteenth set.
@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Wife called 2300 from Blackberry Fork, wants a call back.", "Blackberry Fork"),
    ("Daughter drives in from Oxbow Bend on Mondays.", "Oxbow Bend"),
    ("Prairie Rose Dialysis - chair 7 - HD tx note.", "Prairie Rose Dialysis"),
    ("Ride via Prairie Spokes Transit, acct on file.", "Prairie Spokes Transit"),
    ("Office contact Lottie Brennan, RN, ext. 305, for questions.", "305"),
    ("Treated in the TSICU after the collision.", "TSICU"),
    ("A case with the Harlow County Department of Children and Families was closed.",
     "Harlow County Department of Children and Families"),
])
def test_round_nineteen_places_businesses_extensions_and_units(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("MICU note: 67YO M, transferred from the floor.", "67YO"),
    ("Pt 24YO G2P1001 @ 38W2D, ctx q3-4 min.", "38W2D"),
    ("Housing unit Delta, bunk 14B, seen for polyuria.", "14B"),
    ("Braden 13; L forearm AVF +thrill, cannulated x2, EDW 59.5.", "AVF"),
    ("A MoCA of 24 in 2021; the current MoCA is 17/30.", "MoCA"),
    ("Ext 2+ pulses, warm.", "2+"),
    ("Pain in left fork of the wound.", "left fork"),
])
def test_round_nineteen_ages_gestation_places_in_a_building_and_shorthand_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_a_florist_by_name_in_a_cased_note() -> None:
    assert covered("She works Saturday mornings at Sweet Pea Florist downtown.",
                   "Sweet Pea Florist")


def test_an_age_over_89_glued_to_yo_is_still_an_age() -> None:
    assert covered("Hospice note: 93YO F, end-stage CHF.", "93")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_works_ends_a_business_name_yet_is_no_relatives_name(case: type[str]) -> None:
    text = case("She met him at Iron Works Gym. Mother works at the plant.")  # type: ignore[call-arg]
    assert covered(text, case("Iron Works Gym"))  # type: ignore[call-arg]
    assert untouched(text, case("Mother works"))  # type: ignore[call-arg]


# Round 20, written from the fifteenth set.
@pytest.mark.parametrize(("text", "needle"), [
    ("Seven days at Bayfield VA Medical Center (BVAMC), then the BVAMC trauma clinic.",
     "BVAMC trauma"),
    ("Guilt about cutting her hours at The Daily Grind, her second job.", "The Daily Grind"),
    ("Ride home from home near Coyote Wash after the fall.", "Coyote Wash"),
    ("December 4, 2026. Hollis Property Management, Attn: the manager.",
     "Hollis Property Management"),
    ("Chatting in Gullah with CNA Precious who grew up on the island.", "Precious"),
])
def test_round_twenty_acronyms_businesses_places_and_aides(text: str, needle: str) -> None:
    assert covered(text, needle.removesuffix(" trauma"))


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("RASS -2, CPOT 1, PERRL 3 mm.", "CPOT 1"),
    ("Buprenorphine-naloxone 8/2 mg was started in clinic.", "8/2"),
    ("NIHSS 6 today; right arm 3/5, right leg 4/5.", "3/5"),
    ("Delayed recall 0/5 free, 2/5 cued.", "0/5"),
    ("He is a Sikh long-haul driver; plan given in Gurmukhi.", "Sikh"),
    ("Her mother Doña Carmen en route from home.", "en route"),
    ("Group at 2250 Mill Race Drive, room 204, at 1800.", "room 204"),
    ("1l lr bolus given, sbp a-line now 104.", "104"),
])
def test_round_twenty_scores_doses_titles_and_rooms_stay_words(case: type[str], text: str,
                                                               needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


# Round 21, written from the sixteenth set.
@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Retired roof bolter from Black Spruce Mining Co. BP 168/94.", "Black Spruce Mining Co"),
    ("Lives with son on the farm at 2718 Road 19, Harmony Center.", "2718 Road 19"),
    ("Case mgr Trahan aware; covering NP paged.", "Trahan"),
    ("Group home, 22 Mill Pond Rd, North Chalmsford, MA.", "North Chalmsford"),
    ("Daughter-in-law called from Hazelmoor, WA about the visit.", "Hazelmoor"),
])
def test_round_twenty_one_companies_roads_towns_and_courts(case: type[str], text: str,
                                                          needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("stepdown nsg note. pt khamphoui sisouphanthong, 71 f, 5 east.", "khamphoui sisouphanthong"),
    ("No incident report needed. — r. souza, dsp", "r. souza"),
    ('Chased by a group led by a classmate he calls "Tank." His mother moved.', "Tank"),
    ("She quit cashiering at the Dollar Barn in July.", "Dollar Barn"),
    ("Denial for member Cody J. Lightfoot, date of birth on file.", "Cody J. Lightfoot"),
    ('abuela "chayo" bringing the younger sibs in am.', "chayo"),
    ("Appt at Saint-Onge Neurology Assoc, van booked.", "Saint-Onge Neurology Assoc"),
    ("A hearing before the Buzzards Bay Probate and Family Court in January.",
     "Buzzards Bay Probate and Family Court"),
])
def test_round_twenty_one_subjects_signers_nicknames_and_shops(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Plan: f/u w/ dr lvn at the clinic in 2 wks.", "dr"),
    ("Dad works nights at the tire shop.", "works"),
    ("The roles of judge, prosecutor and defense attorney were explained.", "prosecutor"),
    ("Gait 60 ft RW CGA; MS Contin 30 mg q12h.", "Contin"),
    ("Went out in the rain, or walked to the store.", "rain"),
])
def test_round_twenty_one_titles_verbs_roles_and_shorthand_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_a_court_of_two_kinds_needs_its_place() -> None:
    assert untouched("Seen in probate and family court last week.", "probate")
