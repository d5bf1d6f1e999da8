"""Clinical shorthand, all capitals, all lower case (issue 13): synthetic text only.

Each identifier must be found however the note is cased, and the clinical look-alikes of
identifiers (ventilator settings written like dates, vitals of 90-120, shift times, numbers with
units, shorthand that is also a given name) must not be.
"""

from __future__ import annotations

import pytest

from closeddoor.deid import Label, find_identifiers
from closeddoor.deid.clinical import cue_finder, uncased
from closeddoor.deid.clinical_words import CLINICAL_WORDS
from tests.unit.deid.helpers import covered, label_of, untouched

CASES = (str, str.upper, str.lower)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle", "label"), [
    ("dr okafor aware of hypotension, new orders.", "okafor", Label.NAME),
    ("covering np lindqvist notified re: low uop.", "lindqvist", Label.NAME),
    ("resident fox paged x2 at 10pm re: k 3.2.", "fox", Label.NAME),
    ("attending: dr. brennan in to see pt.", "brennan", Label.NAME),
    ("pt's wife mary called for update.", "mary", Label.NAME),
    ("social: daughter yolanda santos is hcp.", "yolanda santos", Label.NAME),
    ("admitted to st. mary's in 2019, followed by dr. okafor at county mental health.",
     "st. mary's", Label.ORGANIZATION),
    ("admitted to st. mary's in 2019, followed by dr. okafor at county mental health.",
     "county mental health", Label.ORGANIZATION),
    ("admitted 3/14 from millbrook medical center ed.", "millbrook medical center",
     Label.ORGANIZATION),
    ("referred by dr. flores at brown memorial hospital, fax on file.",
     "brown memorial hospital", Label.ORGANIZATION),  # a surname that is also a colour
    ("seen monthly at green valley medical center.", "green valley medical center",
     Label.ORGANIZATION),
    ("pt transferred from 4 west to micu overnight.", "4 west", Label.ORGANIZATION),
    ("pt transferred from 4 west to micu overnight.", "micu", Label.ORGANIZATION),
    ("screening for rehab at kingsbury regional, cm following.", "kingsbury regional",
     Label.ORGANIZATION),
    ("pt is a 93 y/o woman admitted w/ pna.", "93", Label.AGE),
    ("admitted 3/14 from millbrook medical center ed.", "3/14", Label.DATE),
    ("son can be reached at 617.555.0143 after 5.", "617.555.0143", Label.PHONE),
    ("son can be reached at (617)555-0143 x22.", "(617)555-0143 x22", Label.PHONE),
])
def test_identifier_found_whatever_the_case(case: type[str], text: str, needle: str,
                                            label: Label) -> None:
    written = case(text)  # type: ignore[call-arg]
    assert covered(written, case(needle))  # type: ignore[call-arg]
    assert label_of(written, case(needle)) is label  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("RESP: on ps 10/5, peep 5, fio2 40%.", "10/5"),
    ("weaned to cpap 5/5 at 0800, tol well.", "5/5"),
    ("placed back on ac overnight, 10/5/40 by 0400.", "10/5/40"),
    ("vent settings ac 500x14/5/40%, abg 7.38/42/104.", "500x14"),
    ("strength 5/5 in all extremities.", "5/5"),
    ("no sz activity noted 7a-7p.", "7a-7p"),
    ("resident paged at 10pm re: k 3.2.", "10pm"),
    ("hr 96 st, bp 112/60, map 70s.", "96"),
    ("labs: glucose 104, bun 22, cr 1.1.", "104"),
    ("sats 98% on 4l nc.", "98"),
    ("tf at goal 60 cc/hr, residuals < 30 cc.", "cc"),
    ("k 3.9 repleted w/ 40 meq kcl.", "40 meq"),
    ("heparin 5000 units sq tid.", "5000 units"),
    ("NEURO: a&ox3, mae, perrla.", "mae"),
    ("suctioned for thick tan sputum.", "tan"),
    ("brown sputum noted at 0800, sent to general hospital.", "brown"),
    ("transferred from outside hospital to psych hospital.", "outside hospital"),
    ("foley draining clear yellow urine.", "foley"),
    ("md aware, no new orders.", "aware"),
    ("wife called for update.", "called"),
    ("hx of mental health treatment as a teen.", "mental health"),
])
def test_clinical_lookalikes_are_not_identifiers(case: type[str], text: str,
                                                 needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_uncased_notes_are_told_from_cased_ones() -> None:
    assert uncased("PT TRANSFERRED FROM 4 WEST TO MICU.")
    assert uncased("pt transferred from 4 west to micu.")
    assert not uncased("Client reports she slept poorly.")
    assert not uncased("A frank conversation with her brother.")
    # The pronoun "I", capitalised by a phone in a note typed in lower case, says nothing.
    assert uncased('pt states "i skip the water pill when I go out." lifeline acct LL-22.')


def test_truecasing_keeps_offsets_and_capitalises_only_possible_names() -> None:
    text = "DR OKAFOR AWARE. WIFE MARY CALLED. TAN SPUTUM, MAE."
    cased = cue_finder().truecase(text)
    assert len(cased) == len(text)
    assert "Mary" in cased and "Okafor" in cased
    assert "tan" in cased and "mae" in cased  # shorthand that is also a name stays lower


def test_a_chart_known_name_that_is_also_shorthand_is_still_found() -> None:
    from closeddoor.deid import ChartIdentifiers
    chart = ChartIdentifiers(legal_name="Mae Foley")
    spans = find_identifiers("pt mae foley oob to chair.", chart)
    assert any(s.label is Label.NAME for s in spans)


def test_shorthand_written_as_a_name_inside_a_sentence_stays_a_name() -> None:
    # "brown" (a colour of sputum) is shorthand; capitalised mid-sentence it is a name.
    assert covered("Client met with Dr. Brown and her friend Amber on Friday.", "Brown")
    assert covered("Client met with Dr. Brown and her friend Amber on Friday.", "Amber")
    assert untouched("Brown sputum, thick. Tan secretions.", "Brown")


def test_shorthand_list_is_lower_case_words() -> None:
    assert all(w == w.lower() and " " not in w for w in CLINICAL_WORDS)


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Client said she will call C.M. before the weekend.", "C.M."),
    ("Employer: Williams Ltd. She likes the work.", "Williams Ltd"),
    ("Her grandmother is in a nursing home in Madison County.", "Madison County"),
])
def test_uncased_initials_and_named_organisations(case: type[str], text: str,
                                                  needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("text", ["take 1 tab p.o. b.i.d. with food.", "seen at 9 a.m. today."])
def test_dotted_abbreviations_in_uncased_notes_are_not_initials(text: str) -> None:
    assert find_identifiers(text) == []
    assert find_identifiers(text.upper()) == []


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_a_name_before_can_be_reached_and_a_unit_after_to(case: type[str]) -> None:
    text = case("son drove pt to the ed; jenise can be reached at 555.0143. "  # type: ignore[call-arg]
                "pt transferred to seals 5 overnight. daughter can be reached at home.")
    assert covered(text, case("jenise"))  # type: ignore[call-arg]
    assert covered(text, case("seals 5"))  # type: ignore[call-arg]
    assert untouched(text, case("daughter"))  # type: ignore[call-arg]


# --- issue 13, second round: therapy prose in capitals and lower case ---------------------------
@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Signed on Tuesday, October 8 after the call.", "Tuesday, October 8"),
    ("Her next session is November 3rd at noon.", "November 3rd"),
    ("She talked about her grandmother, now 97, at length.", "97"),
    ("The flyer pointed to www.example.org/help for details.", "www.example.org/help"),
    ("Statements go to 18 Quill Road, Harmon Falls, VT 05401 from now on.", "VT 05401"),
    ("Statements go to 18 Quill Road, Harmon Falls, VT 05401 from now on.", "Harmon Falls"),
    ("Her insurance member ID QZR551902837 was confirmed.", "QZR551902837"),
    ("His boss, Mrs. Green, has been supportive lately.", "Green"),
    ("People to call (Marisol at 312.555.0190; her sister later).", "Marisol"),
])
def test_therapy_identifiers_found_whatever_the_case(case: type[str], text: str,
                                                     needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("he fears losing his job at quarry ridge roofing this spring.", "quarry ridge roofing"),
    ("her son is having trouble at dunmore middle school again.", "dunmore middle school"),
    ("he started a new job at delgado and sons on monday.", "delgado and sons"),
    ("she has been walking most mornings with odalys brennan lately.", "odalys brennan"),
    ("he grew up in belle glade, the second of three children.", "belle glade"),
])
def test_uncased_businesses_full_names_and_cities(case: type[str], text: str,
                                                  needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("She said her body felt heavy all week.", "body"),
    ("He went to the gym twice and to high school events.", "high school"),
    ("May we revisit this next week? She may decide then.", "may"),
    ("Sputum green and thick; no new orders.", "green"),
    ("Bread and butter, salt and pepper.", "and"),
])
def test_second_round_rules_leave_everyday_words(case: type[str], text: str,
                                                 needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("she met him at copper anvil gym last spring.", "copper anvil gym"),
    ("employer: silver kettle logistics. school: none.", "silver kettle logistics"),
    ("coordinate with daniel quarrington about sleep.", "quarrington"),
    ("next appointment in two weeks. signed: n.p., lpc", "n.p."),
])
def test_third_round_uncased_organisations_surnames_and_initials(case: type[str], text: str,
                                                                needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("he went to the gym at night and to church on sundays.", "church"),
    ("seen at outside hospital; cxr clear.", "outside hospital"),
    ("at high school he played soccer.", "high school"),
    ("np aware; plan per np.", "np"),
])
def test_third_round_rules_leave_kinds_of_places_and_roles(case: type[str], text: str,
                                                           needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_the_name_a_note_opens_its_story_with_is_found(case: type[str]) -> None:
    text = case("Foley draining clear. Odalys Quarrington is a 91 y/o woman admitted w/ pna.")
    assert covered(text, case("Odalys Quarrington"))  # type: ignore[call-arg]
    assert untouched(case("Pt is a 91 y/o woman admitted w/ pna."), case("Pt"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_a_word_no_list_holds_is_a_name_in_an_uncased_note(case: type[str]) -> None:
    assert covered(case("Spoke with Zoravia about the discharge plan."), case("Zoravia"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize("word", ["journaling", "hyperarousal", "voicemail", "urosepsis",
                                  "emdr", "playlists", "superbill"])
def test_unknown_words_made_of_known_words_or_acronyms_are_not_names(case: type[str],
                                                                      word: str) -> None:
    assert untouched(case(f"Client reported {word} this week."), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("school: aloha high school\nemployer: cascade credit union\nssn: on file",
     "cascade credit union"),
    ("employer: cedar hollow millworks | client grew up nearby.", "cedar hollow millworks"),
    ("employer: old mill roofing; works nights.", "old mill roofing"),
    ("client recounted the argument with hope (ex-partner) on friday.", "hope"),
    ("she is still angry at grace heath (sister) about the move.", "grace heath"),
    ("people to call (will at 1-617-555-0193; jessica at 312.555.0111).", "will"),
])
def test_fourth_round_fields_relations_in_brackets_and_names_at_phones(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Employer: none (on disability since last year).", "none"),
    ("Employer: unemployed, looking for work.", "unemployed"),
    ("Employer: self-employed\nSchool: some college", "some college"),
    ("School: n/a. Employer: retired.", "retired"),
    ("She spoke of her mother (sister-in-law to the landlord) at length.", "mother"),
    ("He will call (will at the pharmacy) tomorrow.", "will"),
])
def test_fourth_round_rules_leave_plain_field_values_and_relations(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("client reports his sister (hope) has not spoken to him since.", "hope"),
    ("suzann metz from brown-hernandez has been texting him.", "brown-hernandez"),
    ("referred by dr. green at woodbridge general hospital.", "green"),
])
def test_fourth_round_names_in_brackets_double_surnames_and_doctors(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("introduced the cognitive triangle and linked thoughts and feelings.", "triangle"),
    ("he described a frank conversation with his brother.", "frank"),
    ("sputum brown-green, thick; suctioned x2.", "brown-green"),
])
def test_fourth_round_common_words_that_are_names_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("social: son kasha speed is hcp, can be reached at 617-555-0127.", "kasha speed"),
    ("lives with partner meri rule (555.0133) and two kids.", "meri rule"),
])
def test_an_everyday_surname_after_a_relation_and_a_given_name(case: type[str], text: str,
                                                              needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_a_word_after_a_relation_and_a_given_name_is_no_surname_by_default(
        case: type[str]) -> None:
    text = case("Sister Jane still at bedside, aware of plan.")  # type: ignore[call-arg]
    assert untouched(text, case("still"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle", "kind"), [
    ("No fio2 change overnight, sats stable.", "fio2", "measure"),
    ("Seroquel vin 25-100 mg at bedtime.", "25-100", "dose"),
    ("O2 sat id 120% on the monitor.", "120", "percentage"),
    ("Thought record 3x this week.", "3x", "count"),
])
def test_a_measure_after_an_identifier_cue_is_no_identifier(case: type[str], text: str,
                                                            needle: str, kind: str) -> None:
    assert untouched(case(text), case(needle)), kind  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("MRN 5567123 unit 4 east.", "5567123"),
    ("Member id 8823119 cc'd to billing.", "8823119"),
])
def test_a_code_after_an_identifier_cue_stays_one_beside_unit_words(case: type[str], text: str,
                                                                   needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


# (In lower case a plate of one digit and letters, "2n-veaw", is not found: left for later.)
@pytest.mark.parametrize("case", CASES[:2], ids=("as-written", "upper"))
def test_a_plate_with_one_digit_after_its_cue_is_an_identifier(case: type[str]) -> None:
    assert covered(case("Plate 2N-VEAW seen twice."), case("2N-VEAW"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Pt asking for chaplain, Fr. O'Malley paged.", "O'Malley"),
    ("Seen by Chaplain O'Malley this morning.", "O'Malley"),
    ("Rev. Okoye visited with the family.", "Okoye"),
    ("Her pastor Kittredge called the unit.", "Kittredge"),
])
def test_fifth_round_clergy_are_named_after_their_title(case: type[str], text: str,
                                                        needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("14 fr foley placed, draining well.", "foley"),
    ("16 Fr. NGT to LCWS.", "NGT to LCWS"),
    ("Diet: clear liq, adv as tol.", "liq, adv"),
    ("Please page NP at ext 4-5521.", "ext"),
    ("Drain output 110cc serosang; Percocet 1-2 tabs q4h prn.", "serosang; Percocet"),
])
def test_fifth_round_catheter_sizes_and_diet_shorthand_stay_words(case: type[str], text: str,
                                                                  needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Nursing note\nPastoral Care: visited, pt receptive.", "Pastoral Care"),
    ("Resp Care Note: Pt on CPAP 5/5.", "Resp Care Note"),
    ("Plan\nSpiritual Care: to follow.", "Spiritual Care"),
    ("ID: Tmax 101.2, on vanc.", "Tmax 101"),
    ("ID: 101.2 overnight, cultures pending.", "101"),
    ("Transferred from OSH for higher level of care.", "OSH"),
    ("Assisted from bath to chair; acth to be drawn.", "bath"),
])
def test_fifth_round_section_headings_and_vitals_after_id_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Contacts\nRiverside Care: 555-0100", "Riverside"),
    ("Seen at Lahey Clinic: no changes.", "Lahey"),
    ("Transferred from MGH to BIDMC on 3/14.", "MGH"),
    ("Transferred from MGH to BIDMC on 3/14.", "BIDMC"),
])
def test_fifth_round_places_at_a_lines_start_and_hospital_initials_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Resident: Dr. J. Amaral, aware of the plan.", "J. Amaral"),
    ("Mrs. K. Lowe called for an update.", "K. Lowe"),
    ("Admitted 14-Mar from home; seen 14Mar19 and 10-Jun-2021.", "14-Mar"),
    ("Admitted 14-Mar from home; seen 14Mar19 and 10-Jun-2021.", "14Mar19"),
    ("Admitted 14-Mar from home; seen 14Mar19 and 10-Jun-2021.", "10-Jun-2021"),
    ("Wife can be reached at 617/555-0143 after 5.", "617/555-0143"),
])
def test_fifth_round_initials_day_month_dates_and_slashed_phones_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Friend Bette visits daily.", "visits"),
    ("Give 1/2 tab po bid.", "tab"),
    ("BP 120/80, ratio 300/1500, 40mg and 5-mg doses.", "120/80, ratio 300/1500, 40mg"),
])
def test_fifth_round_followers_tablets_and_ratios_stay_words(case: type[str], text: str,
                                                             needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_fifth_round_a_cued_name_is_found_at_its_other_mentions(case: type[str]) -> None:
    text = case("Dr Walker aware of the K. Discussed the plan w/ Walker at length.")  # type: ignore[call-arg]
    spans = find_identifiers(text)
    assert [text[s.start:s.end] for s in spans] == [case("Walker")] * 2  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_fifth_round_an_everyday_word_named_once_stays_a_word_elsewhere(case: type[str]
                                                                        ) -> None:
    text = case("Wife Hope called at noon. We hope to discharge him tomorrow.")  # type: ignore[call-arg]
    spans = find_identifiers(text)
    named, verb = text.index(case("Hope")), text.index(case("hope"), text.index("."))  # type: ignore[call-arg]
    assert any(s.start <= named < s.end for s in spans)
    assert not any(s.start < verb + 4 and verb < s.end for s in spans)


# --- issue 13, sixth round: what the first hand-written held-out set showed ---------------------
@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Client is a 34-year-old who works as a paralegal.", "34-year-old"),
    ("Pt is a 71-yr-old m, 10-day hx of cough, 14-day course of abx.", "71-yr-old"),
    ("Pt is a 71-yr-old m, 10-day hx of cough, 14-day course of abx.", "10-day"),
    ("Pt is a 71-yr-old m, 10-day hx of cough, 14-day course of abx.", "14-day"),
    ("A 6-month-old sibling; 12-week program; 48-hour hold.", "12-week program; 48-hour"),
])
def test_sixth_round_ages_and_lengths_of_time_in_capitals_are_no_codes(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_sixth_round_an_age_over_89_with_hyphens_is_found_in_any_case(case: type[str]) -> None:
    text = case("Pt is a 92-year-old woman from home.")  # type: ignore[call-arg]
    assert label_of(text, "92") is Label.AGE
    assert untouched(text, case("year-old"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Lives alone at 14 Mill Pond Rd, Dover.", "14 Mill Pond Rd"),
    ("Home: 88 Orchard St Apt 2, Chelsea, MA 02150.", "88 Orchard St Apt 2"),
    ("Wellness check at home (19 Birch Hill Ln).", "19 Birch Hill Ln"),
    ("Moved to 301 Elm Street, Unit 3B last month.", "301 Elm Street, Unit 3B"),
    ("Mailing address 14 Cedar Dr, Salem.", "14 Cedar Dr"),
])
def test_sixth_round_street_addresses_are_found_without_case(case: type[str], text: str,
                                                             needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]
    assert label_of(case(text), case(needle)) is Label.LOCATION  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Seen 2 x at St. Joseph's ED.", "2 x at"),
    ("Gave 2 tabs po, walked 200 ft down the hall.", "2 tabs po"),
    ("Lives 45 min drive away from the clinic.", "45 min drive"),
    ("HR 80 at rest, O2 2L via NC; 16 Fr in place.", "80 at rest"),
])
def test_sixth_round_numbers_before_street_words_stay_words_without_case(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle", "is_date"), [
    ("Baby girl, Apgar 8/9, 3.4 kg.", "8/9", False),
    ("MMSE 27/30 on 3/14.", "27/30", False),
    ("MMSE 27/30 on 3/14.", "3/14", True),
    ("C/o 7/10 abd pain overnight.", "7/10", False),
    ("Seen 7/10 in clinic, pain since 3/14.", "7/10", True),
    ("Seen 7/10 in clinic, pain since 3/14.", "3/14", True),
])
def test_sixth_round_scores_written_like_dates_are_no_dates(case: type[str], text: str,
                                                            needle: str, is_date: bool) -> None:
    written = case(text)  # type: ignore[call-arg]
    if is_date:
        assert label_of(written, needle) is Label.DATE
    else:
        assert untouched(written, needle)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("FOB Grant present and supportive.", "Grant"),
    ("Dtr Hope called for an update.", "Hope"),
    ("Discharged to Sweetbriar Commons for rehab.", "Sweetbriar Commons"),
    ("Works nights at Dunmore Freight.", "Dunmore Freight"),
    ("One stay at Whitcomb Pavilion in 2020.", "Whitcomb Pavilion"),
])
def test_sixth_round_kin_shorthand_and_more_business_words_name_what_follows(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Peds to see infant. Psychiatric discharge summary. Unit: 4 beds open.",
     "Psychiatric discharge summary. Unit"),
    ("Hospitalist Dr. Adeyemi to call the family.", "Hospitalist Dr."),
    ("Cousin Edwin can drive him to f/u.", "Cousin"),
    ("Geriatrics consult requested; auth pending; EVD leveled, ICP 12, SSI per protocol.",
     "Geriatrics consult requested; auth pending; EVD leveled, ICP 12, SSI"),
    ("MoCA 22/30 at 2310.", "MoCA 22/30"),
    ("We hope to discharge; BP rose to 150.", "hope to discharge; BP rose"),
])
def test_sixth_round_headings_titles_relations_and_shorthand_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle", "is_age"), [
    ("Pt is a ninety-two yo f from home.", "ninety-two", True),
    ("Her mother, who is ninety-one, lives with her.", "ninety-one", True),
    ("He turned one hundred one last month.", "one hundred one", True),
    ("Pt aged ninety-five, alert.", "ninety-five", True),
    ("We spent ninety minutes; she is ninety-one points up.", "ninety", False),
    ("Was ninety two percent on room air.", "ninety two", False),
])
def test_sixth_round_ages_over_89_in_words_are_found_with_or_without_a_unit(
        case: type[str], text: str, needle: str, is_age: bool) -> None:
    written, word = case(text), case(needle)  # type: ignore[call-arg]
    if is_age:
        assert label_of(written, word) is Label.AGE
    else:
        assert untouched(written, word)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("63F with hx of DKA, bed 14C, neuro checks Q30MIN overnight.",
     "63F with hx of DKA, bed 14C, neuro checks Q30MIN"),
    ("Plate 4TRX19 per the officer; tow lot notified.", "per the officer"),
    ("Applied for EAEDC and SNAP; DTA recert due, SSA letter pending.",
     "Applied for EAEDC and SNAP; DTA recert due, SSA letter"),
    ("MHW to do q15 obs; pt in the dayroom in a hoodie; LADC eval tmrw.",
     "MHW to do q15 obs; pt in the dayroom in a hoodie; LADC eval"),
    ("Explored countertransference; interoceptive work; rhinorrhea on bupe 8 mg.",
     "Explored countertransference; interoceptive work; rhinorrhea on bupe 8"),
    ("Sodium 138, Cr 1.1, K 4.0 this am.", "Cr 1.1"),
    ("GDS 7/15 today.", "GDS 7/15"),
])
def test_seventh_round_age_and_sex_beds_frequencies_and_case_work_words_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Lives at Birch Hollow Nursing Ctr since spring.", "Birch Hollow Nursing Ctr"),
    ("Arraigned at Fitchburg District Court last week.", "Fitchburg District Court"),
    ("Hearing at Lowell Juvenile Court on Monday.", "Lowell Juvenile Court"),
    ("Referred to Glenmere Psychology for testing.", "Glenmere Psychology"),
    ("Restrained after striking MHW K. Abernathy in the hall.", "K. Abernathy"),
])
def test_seventh_round_facilities_courts_and_initials_after_roles_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Went to the food court with staff.", "food court"),
    ("Court date set; the district court clerk called.", "district court"),
])
def test_seventh_round_a_court_without_its_place_is_no_facility(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_seventh_round_an_age_over_89_written_with_its_sex_is_an_age() -> None:
    for text in ("93F from home, alert.", "93F FROM HOME, ALERT."):
        assert label_of(text, text[:2]) is Label.AGE
        assert untouched(text, "F ")


@pytest.mark.parametrize(("text", "name", "left"), [
    ("Daughter-in-law Tamsin drops by after work.", "Tamsin", "drops"),
    ("Stepdad Orrin visits on weekends.", "Orrin", "Stepdad"),
    ("stepdad orrin visits on weekends.", "orrin", "stepdad"),
    ("Report to Judge Pennock by Friday.", "Pennock", "Judge"),
    ("Subpoena from Atty. Corvina Lisle arrived.", "Corvina Lisle", "Atty"),
])
def test_seventh_round_a_name_keeps_its_words_and_leaves_relations_titles_and_verbs(
        text: str, name: str, left: str) -> None:
    assert covered(text, name)
    assert untouched(text, left)


def test_seventh_round_a_name_with_a_particle_keeps_it() -> None:
    assert covered("Her sister Ana de la Cruz visited.", "Ana de la Cruz")
    assert covered("Cards fellow Dr. Idris al-Masri paged.", "Idris al-Masri")


@pytest.mark.parametrize(("text", "label", "value"), [
    ("From: R. Lyle, LICSW        Date: 11/02/2026        Pages: 3", "Pages", "11/02/2026"),
    ("Riverside Family Counseling    Fax (413) 555-0177", "Fax", "(413) 555-0177"),
    ("Home visit at 18 Tamarack Road, Greenfield. Resident Olu Bassey is well.", "Resident",
     "18 Tamarack Road, Greenfield"),
])
def test_seventh_round_form_labels_columns_and_sentence_ends_stop_a_span(
        text: str, label: str, value: str) -> None:
    assert covered(text, value)
    assert untouched(text, label)
    if label == "Pages":
        assert untouched(text, "Date")


def test_seventh_round_a_given_name_before_a_colon_still_speaks() -> None:
    assert covered("Maria: I feel fine today.", "Maria")


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Transferred on Larkspur unit after CBAT.", "Larkspur unit"),
    ("Admitted 9/28-10/6 for mania.", "9/28-10/6"),
    ("Rooms at 212 Fenwick St; payee is his aunt.", "212 Fenwick St"),
    ("HCP: niece Odile Ferrand, by phone.", "Odile Ferrand"),
])
def test_eighth_round_units_after_a_preposition_ranges_of_dates_and_chained_kin(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Moved to telemetry unit overnight.", "telemetry unit"),
    ("ANC 2,100 today on clozapine.", "2,100"),
    ("HCP: niece Odile Ferrand, by phone.", "niece"),
    ("Her 2 kids live in town with dad.", "live"),
    ("GERI-PSYCH NSG NOTE: copd exac, HCV Ab reactive, des x1 to prox lad; atorva 80.",
     "GERI-PSYCH NSG NOTE: copd exac, HCV Ab reactive, des x1 to prox lad; atorva 80"),
    ("Vent 10/5 weaned to 8/5 at 0400.", "10/5"),
])
def test_eighth_round_kinds_of_units_counts_relations_and_shorthand_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_eighth_round_a_pharmacy_is_found(case: type[str]) -> None:
    text = case("Naloxone sent to Tidewater Pharmacy.")  # type: ignore[call-arg]
    assert covered(text, case("Tidewater Pharmacy"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[1:], ids=("upper", "lower"))
def test_eighth_round_a_shop_named_for_its_owner_is_found_without_case(case: type[str]) -> None:
    text = case("Works days at Gallo's Towing in town.")  # type: ignore[call-arg]
    assert covered(text, case("Gallo's Towing"))  # type: ignore[call-arg]
    # (as written, only the owner's name is found: a cased run stops at the "'s")


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("C/O HA 6/10, tylenol given.", "6/10"),
    ("Counsel Ruth Imber, Esq., wrote.", "Esq"),
    ("Said Tomas's school called again.", "school"),
    ("See Docket No. 1984-CV-2231.", "Docket"),
])
def test_eighth_round_ratings_credentials_and_a_persons_school_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "name", "word"), [
    ("aunt nessa reached at home by phone.", "nessa", "reached"),
    ("supposed to see dr pelham wednesday at noon.", "pelham", "wednesday"),
    ("son orrin prefers email for updates.", "orrin", "prefers"),
])
def test_ninth_round_a_verb_or_weekday_after_a_cued_name_is_no_surname(
        case: type[str], text: str, name: str, word: str) -> None:
    written = case(text)  # type: ignore[call-arg]
    assert covered(written, case(name))  # type: ignore[call-arg]
    assert untouched(written, case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("VS 150/90, P 98, R 20, T 98.6.", "R 20"),
    ("PAINAD 5 -> 1 after roxanol; VI-SPDAT 9 in HMIS.",
     "PAINAD 5 -> 1 after roxanol; VI-SPDAT 9 in HMIS"),
    ("Back to the med-surg floor; nurse stn aware; panc ca.", "med-surg floor; nurse stn"),
])
def test_ninth_round_scales_and_a_rate_after_a_comma_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Intake at Meadow Run Youth Services, Sioux Falls, SD, today.", "Sioux Falls"),
    ("Grew up in Petal, MS. Moved at 20.", "Petal"),
    ("Lived in Southern Pines, NC 28387 until 2019.", "Southern Pines"),
    ("Intake at Meadow Run Youth Services, Sioux Falls, SD, today.", "Meadow Run Youth Services"),
    ("Seen by the crisis clinician of Tall Oaks Guidance Center.", "Tall Oaks Guidance Center"),
])
def test_tenth_round_towns_before_a_state_and_youth_and_guidance_centers_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("She said no, in the end, or more.", "no, in the end, or more"),
    ("Referred to youth services by the school; the guidance center called.",
     "youth services by the school; the guidance center"),
])
def test_tenth_round_a_word_before_a_state_like_word_or_a_kind_of_center_stays_a_word(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_tenth_round_a_funeral_home_is_named_and_the_funeral_home_is_not(
        case: type[str]) -> None:
    text = case("Arrangements with Dunmore Funeral Home; the funeral home called.")  # type: ignore[call-arg]
    assert covered(text, case("Dunmore Funeral Home"))  # type: ignore[call-arg]
    assert untouched(text, case("the funeral home called"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Admitted from Juniper Court Assisted Living last night.",
     "Juniper Court Assisted Living"),
    ("PCP at Stonefield Family Medicine faxed notes.", "Stonefield Family Medicine"),
    ("Inpatient stay 2/2014 and again 11/2019.", "2/2014"),
    ("Inpatient stay 2/2014 and again 11/2019.", "11/2019"),
])
def test_tenth_round_assisted_living_family_medicine_and_month_and_year_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("GCS 10T; 20-SEC APNEAS; GDS-15 11; SCL-90 done.",
     "GCS 10T; 20-SEC APNEAS; GDS-15 11; SCL-90"),
    ("Back on Invega Sustenna; roxanol 5 mg sl prn.", "Invega Sustenna; roxanol"),
    ("Moved to the step-down unit; lives in assisted living.",
     "step-down unit; lives in assisted living"),
])
def test_tenth_round_instruments_intubated_scores_and_brands_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Her father drove a forklift at Copper Creek Poultry until May.", "Copper Creek Poultry"),
    ("He works nights at Hollis Ridge Lumber & Supply now.", "Hollis Ridge Lumber & Supply"),
    ("Brother works at Brown River Paper in the next town.", "Brown River Paper"),
    ("Started at Tamsin Bay Wellness after discharge.", "Tamsin Bay Wellness"),
    ("Refills from Larkspur Mill Pharmacy since June.", "Larkspur Mill Pharmacy"),
    ("Stepmom does bookkeeping for Cricket Hill Storage.", "Cricket Hill Storage"),
])
def test_twelfth_round_a_trade_named_by_two_words_is_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Asked abt toilet paper and extra bed linen.", "toilet paper"),
    ("Meds kept in cold storage; long slow recovery expected.",
     "cold storage; long slow recovery"),
    ("Pt ate pulled pork and fresh poultry at lunch.", "pulled pork and fresh poultry"),
    ("Has a two week supply; lives in recovery housing.", "two week supply"),
])
def test_twelfth_round_a_trade_word_after_everyday_words_stays_a_word(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Daughter hope lives in Boise; son will in Provo.", "hope"),
    ("Daughter hope lives in Boise; son will in Provo.", "will"),
    ("Pt: Ingrid Bergkvist, 41, seen for follow-up.", "Bergkvist"),
    ("Seen with her aunt Pia Holmquist today.", "Holmquist"),
])
def test_twelfth_round_everyday_names_of_relatives_and_swedish_surnames_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Son will call in the morning; daughter hopes to visit.", "will call in the morning"),
    ("Grandson sets up her pillbox; mom goes to church.", "sets up her pillbox; mom goes"),
    ("Buddhist and Calvinist ideas came up.", "Calvinist"),
])
def test_twelfth_round_verbs_after_relatives_and_adjectives_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Returning to her sister's home in Tullahoma 37388.", "37388"),
    ("New address: 14 Birch Hollow Rd, apt 3, 49024.", "49024"),
    ("Pharmacy changed to the one on Wexley Rd in Benton.", "Wexley Rd"),
    ("Meet at the diner off Tanager Avenue, then the shelter.", "Tanager Avenue"),
])
def test_twelfth_round_zip_codes_after_places_and_streets_without_numbers_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_twelfth_round_an_address_typed_in_lower_case_in_a_cased_note_is_found() -> None:
    text = "Voicemail from Marco: \"i'm staying at my cousin's, it's like 1450 brisco lane.\""
    assert covered(text, "1450 brisco lane")


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Admitted to St. Luke's; on the road to recovery; walks down the hall.",
     "on the road to recovery; walks down the hall"),
    ("Edema bil le, crackles bil bases; 2 mg at st. mary's.", "Edema bil le, crackles bil"),
    ("BP 118/70 at 0800, 12345 steps on his watch.", "12345"),
])
def test_twelfth_round_roads_figures_and_shorthand_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_twelfth_round_a_word_of_a_name_found_once_is_found_again_where_capitalised() -> None:
    text = ("Re: Jordan Pierce (DOB 8/17/2010)\nI write to summarize Jordan's treatment. "
            "Jordan has attended 14 sessions.")
    assert covered(text, "Jordan")  # all three


def test_twelfth_round_an_everyday_word_of_a_name_is_not_found_again() -> None:
    text = "Son Will Ortiz visited. Will continue CBT; we will meet in two weeks."
    assert untouched(text, "Will continue") and untouched(text, "will meet")


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Lives with her daughter at 12 Alder St apt 2, Peru. Her sister hope, 97, calls daily.",
     "Peru"),
    ("Lives with her daughter at 12 Alder St apt 2, Peru. Her sister hope, 97, calls daily.",
     "hope"),
    ("Forms are at harborlightcounseling.example or by fax.", "harborlightcounseling.example"),
    ("He was suspended from Tolliver Middle last week.", "Tolliver Middle"),
    ("Letter to the Ashcombe Valley Housing Authority re: voucher.",
     "Ashcombe Valley Housing Authority"),
])
def test_twelfth_round_towns_after_addresses_bare_domains_and_schools_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize("text", ["Her son will (23) is at home.", "Her son will, 23, is at home."])
def test_a_relatives_everyday_name_before_an_age_between_commas_or_brackets(
        case: type[str], text: str) -> None:
    # A later pattern of the same name once shadowed this rule's (it wanted "y/o" after the age).
    assert covered(case(text), case("will"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("He lives at 10 Elm St, Springfield, MA 01103.", "He lives"),
    ("New address 3012 Glen Rd, Sioux Center, Iowa. Call back.", "Iowa"),
    ("Lives at 44 Main St, daily walks to the park.", "daily walks"),
])
def test_twelfth_round_words_before_and_after_an_address_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("came from marigold briar house, a dv shelter.", "marigold briar house"),
    ("intake at quill lantern shelter last night.", "quill lantern shelter"),
    ("order from pickett county chancery court on file.", "pickett county chancery court"),
    ("outpt at sawtooth bend behavioral since may.", "sawtooth bend behavioral"),
])
def test_twelfth_round_uncased_houses_shelters_courts_and_programs_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Used rational emotive behavioral work and positive behavioral supports.",
     "rational emotive behavioral work and positive behavioral"),
    ("Referred by the family court; the drug court team met.", "family court; the drug court"),
])
def test_twelfth_round_methods_and_kinds_of_court_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Prior inpt: Ward 7B at the county hospital, 2012.", "Ward 7B"),
    ("Transferred to unit 6s from the ED.", "unit 6s"),
    ("VA claim no. C-31 447 902, SC 70%.", "C-31 447 902"),
])
def test_twelfth_round_unit_codes_and_codes_in_groups_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Insulin 4 unit sq; unit 2 of the workbook done.", "unit 2 of the workbook"),
    ("MRN 4471023; wt 180 lbs, HR 110 bpm.", "180 lbs, HR 110"),
])
def test_twelfth_round_doses_and_workbook_units_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_twelfth_round_a_business_word_inside_a_name_stays_in_it(case: type[str]) -> None:
    text = case("intake at wrenfield counseling associates last week.")  # type: ignore[call-arg]
    assert covered(text, case("wrenfield counseling associates"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_twelfth_round_a_school_service_stays_words(case: type[str]) -> None:
    text = case("Referred to school counseling services by the nurse.")  # type: ignore[call-arg]
    assert untouched(text, case("school counseling services"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Asks about transfer to Prairie Wren Medical Center (PWMC); called PWMC at 1530.",
     "PWMC"),
    ("Mother called 1040 from 555 0178 x31 about the car.", "555 0178"),
    ("Girlfriend at bedside; her # (555)0139.", "(555)0139"),
    ("He messages her as huckle_bear_77 on the app.", "huckle_bear_77"),
    ("Bed search: Tamarind Behavioral has no beds.", "Tamarind Behavioral"),
    ("Worked at Aurora Bend Laundry, then for Clover Gap Coal.", "Clover Gap Coal"),
    ("Worked at Aurora Bend Laundry, then for Clover Gap Coal.", "Aurora Bend Laundry"),
    ("Prays with Pastor Obi at Risen Vine Fellowship.", "Risen Vine Fellowship"),
    ("First admission at Our Lady of the Fens in 2019.", "Our Lady of the Fens"),
    ("Lives at 218 Quince Row, apt 2.", "218 Quince Row"),
])
def test_thirteenth_round_acronyms_local_numbers_handles_and_trades_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Seen at Mercy Hospital (ED) today; ED was busy.", "ED was busy"),
    ("BP 120 1130 at 2200; given 250 1000 units.", "120 1130 at 2200; given 250 1000"),
    ("His mother Savitri moving in from Edison soon.", "moving in"),
    ("Attends Harbor Light Church on Sundays.", "Attends"),
    ("Woke at 3 three days in a row.", "three days in a row"),
])
def test_thirteenth_round_departments_numbers_verbs_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Husband Will is supportive but quiet.", "Will"),
    ("Vietnamese interpreter Thuy via the language line.", "Thuy"),
])
def test_thirteenth_round_a_name_after_a_relation_opening_a_sentence_or_an_interpreter(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Interpreter services called; aide helped with the bath.", "services called; aide helped"),
    ("Plan: CPT with interpreter, community health worker visits.", "community health worker"),
])
def test_thirteenth_round_services_after_a_role_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Her uncle Art showed up drunk at the visit.", "Art"),
    ("Lives with his girlfriend Amber and her two kids.", "Amber"),
    ("His wife Hope plays organ at church.", "Hope"),
    ("Granddaughter Mae (\"Bug\") is the primary caregiver.", "Mae"),
    ("Her husband Bảo runs the store with her.", "Bảo"),
    ("Grew up in K\u0101ne\u02bbohe; moved to the mainland at 18.", "K\u0101ne\u02bbohe"),
    ("Records requested from TVMC; last seen @ TVMC in May.", "TVMC"),
    ("ROI signed for NRMC records.", "NRMC"),
    ("Found at the bus stop, transported from Dunmore Feed & Seed by EMS.", "Dunmore Feed & Seed"),
    ("Moved to the Heron Wing on day 3.", "Heron Wing"),
    ("Transferred to Alder Forensic Unit for restoration.", "Alder Forensic Unit"),
])
def test_fourteenth_round_relatives_marked_letters_acronyms_trades_and_wings_are_found(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Worked nine years at Tamarind Forge & Axle until the layoff.", "Tamarind Forge & Axle"),
    ("Braids hair at Velvet & Gold Braids on weekends.", "Velvet & Gold Braids"),
    ("Refill sent to Corner Drug yesterday.", "Corner Drug"),
    ("Meet him at Speedy Stop on the corner.", "Speedy Stop"),
])
def test_fourteenth_round_capitalised_businesses_are_found_whole(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Her son will call the clinic tonight.", "will call"),
    ("His wife said she is worried.", "wife said"),
    ("Nausea & Vomiting resolved; Mom & Dad visited.", "Nausea & Vomiting resolved; Mom & Dad"),
    ("Résumé help offered; the family moved from México; tūtū lives nearby.",
     "Résumé help offered; the family moved from México; tūtū"),
    ("Report goes to Judge Pennock by Friday.", "Judge"),
    ("Hx of BPH and LVH; tea at the café.", "BPH and LVH; tea at the café"),
])
def test_fourteenth_round_verbs_symptoms_borrowed_words_and_shorthand_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_fourteenth_round_will_is_a_name_only_before_a_verb_after_a_relation(
        case: type[str]) -> None:
    text = case("Son Will will drive her home; her son will call.")  # type: ignore[call-arg]
    spans = find_identifiers(text)
    named = {text[s.start:s.end].lower() for s in spans}
    assert named == {"will"}
    assert [s.start for s in spans] == [4]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Laid off from Blue Okanogan Plastics in October.", "Blue Okanogan Plastics"),
    ("Brought by EMS from El Cortez Motel on the highway.", "El Cortez Motel"),
])
def test_fourteenth_round_the_everyday_word_opening_a_name_is_part_of_it(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle", "left"), [
    ("letter from (patient tomasz green) re: work", "tomasz green", "letter"),
    ("i'm supposed to see dr hailey wednesday but i'm away", "hailey", "wednesday"),
    ("pt mary called back at 1400", "mary", "called"),
])
def test_fourteenth_round_a_surname_after_a_given_name_in_a_note_without_case(
        text: str, needle: str, left: str) -> None:
    assert covered(text, needle)
    assert untouched(text, left)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Probation wants attendance since Sept; ROI first.", "Sept"),
    ("Repeat the level mid-Nov.", "Nov"),
    ("Unit: Osprey 3, county hospital.", "Osprey 3"),
])
def test_fourteenth_round_a_month_abbreviated_after_its_cue_and_a_unit_field(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Hx of dec appetite; appetite dec since admission.", "dec"),
    ("Unit: adult inpatient psychiatry.", "adult inpatient psychiatry"),
])
def test_fourteenth_round_decreased_and_a_unit_of_a_kind_stay_words(
        case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Left a voicemail for the client. -LB, intake coord.", "LB"),
    ("Form is in Dr. Oyelaran's box. -ab, MA", "ab"),
    ('Text: "Friday at 2 works, see you then. -QP" Reply sent.', "QP"),
    ('Text: "thanks!! -Ali" Reply sent.', "Ali"),
    ("Next contact Tues. -A.M., PSS", "A.M."),
])
def test_fourteenth_round_signers_initials_after_a_dash(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("BP 120/80 - IV, RN aware.", "IV"),
    ('He said "no more -Thanks" and left.', "Thanks"),
    ('She wrote "I am fine -ok" twice.', "ok"),
])
def test_fourteenth_round_shorthand_and_words_after_a_dash_stay_words(
        text: str, needle: str) -> None:
    assert untouched(text, needle)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_fourteenth_round_a_group_list_names_its_members(case: type[str]) -> None:
    text = case("Attendees (5): A.R., Hope M., Will, Dionne, Beto. Absent: Grace T. "  # type: ignore[call-arg]
                "Present: mother, teacher, principal.")
    for needle in ("A.R.", "Hope M.", "Will", "Dionne", "Beto", "Grace T."):
        assert covered(text, case(needle))  # type: ignore[call-arg]
    assert untouched(text, case("mother, teacher, principal"))  # type: ignore[call-arg]


def test_fourteenth_round_an_everyday_name_again_only_before_a_past_verb() -> None:
    text = "Attendees: Will, Dionne. Will reported 30 days clean. Will need labs."
    spans = find_identifiers(text)
    starts = {s.start for s in spans if text[s.start:s.end] == "Will"}
    assert starts == {text.index("Will"), text.index("Will reported")}


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("The pharmacy at Hilltop Rx said the refill is late.", "Hilltop Rx"),
    ("Pharmacist at Buckeye Discount Drug called for a welfare check.", "Buckeye Discount Drug"),
    ("And the Hometown Drug in Milford needs a new script.", "Hometown Drug"),
])
def test_fourteenth_round_pharmacies_named_before_drug_or_rx(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_fourteenth_round_what_a_drug_is_stays_words(case: type[str]) -> None:
    text = case("Hx of illicit drug use; the urine drug screen; and recreational drug use; "  # type: ignore[call-arg]
                "from the family pharmacy; at the discount drug.")
    assert find_identifiers(text) == []


@pytest.mark.parametrize(("text", "needle"), [
    ("has been my client at green ridge counseling since april", "green ridge counseling"),
    ("disability office, northern prairie state university, fargo",
     "northern prairie state university"),
    ("night shift: pt rose slept poorly, up to bsc x2", "rose"),
    ("1545: officer major (probation) wants attendance records", "major"),
])
def test_fourteenth_round_colours_state_schools_and_subjects_in_a_note_without_case(
        text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("pt rose from bed at 0600 unassisted.", "rose"),
    ("graduated from the state university in 2001.", "state university"),
    ("client will need a letter for work.", "will"),
])
def test_fourteenth_round_verbs_and_kinds_in_a_note_without_case_stay_words(
        text: str, needle: str) -> None:
    assert untouched(text, needle)


def test_a_words_answers_do_not_depend_on_which_question_came_first() -> None:
    """The finder memoises two questions about a word; one memo for both made the answer to
    the second depend on which was asked first, and so a note's result on the notes read
    before it in the process."""
    from closeddoor.deid.clinical import CueFinder
    from closeddoor.deid.lexicon import lexicon

    word = "zorvakiq"  # in no list: a possible unknown name, but nothing to capitalise
    asked_first = CueFinder(lexicon())
    assert asked_first.capitalise(word) is False
    fresh = CueFinder(lexicon())
    assert asked_first.unknown_name(word) == fresh.unknown_name(word) is True


@pytest.mark.parametrize(("text", "needle"), [
    ("res tyler o'brien-mcgee, 24 m, day 12 of 28", "tyler o'brien-mcgee"),
    ("held w/ pt's sons rashid and omar el-amin, sw present", "omar el-amin"),
    ("Client: Nasrin Farahani-Doyle, member ID on file", "Nasrin Farahani-Doyle"),
])
def test_fifteenth_round_two_part_surnames_and_the_given_name_before_a_found_one(
        text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("cynthia always takes michael jackson's side.", "'s side"),
    ("Seen by Dr. Lee today. Then Monday Smith came.", "Monday"),
])
def test_fifteenth_round_a_possessive_and_a_weekday_stay_words(text: str, needle: str) -> None:
    assert untouched(text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("Home at RR 2 Box 118, Dalhart, TX 79022.", "RR 2 Box 118"),
    ("Lives at Rural Route 3, Box 44, Hinton.", "Rural Route 3, Box 44"),
    ("mailing po box 1462, chinle az 86503. bedbound", "86503"),
    ("Works nights at Northern Tier Sugar; supervisor aware.", "Northern Tier Sugar"),
])
def test_fifteenth_round_rural_routes_a_zip_after_a_town_and_a_workplace(
        text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_fifteenth_round_a_respiratory_rate_is_no_rural_route(case: type[str]) -> None:
    text = case("HR 88, RR 16, SpO2 95%.")  # type: ignore[call-arg]
    assert find_identifiers(text) == []
