"""Round 22 of issue 13, written from the seventeenth hand-written set then seen: hyphenated
surnames, churches with their denomination, courts of a judicial circuit, resource centres,
numbered roads, pagers, newborns' chart names, and what stays a word (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Attending Dr. Kowalczyk-Reyes to round at 0800.", "Kowalczyk-Reyes"),
    ("Members drive her to Cedar Grove Free Will Baptist Church weekly.",
     "Cedar Grove Free Will Baptist Church"),
    ("Her pastor from Wesley Chapel United Methodist called the unit.",
     "Wesley Chapel United Methodist"),
    ("Discussed with the charge nurse; will page me at 4471 if glucose < 70.", "4471"),
    ("Letter to Officer Dunlap, Adult Probation, Ocmulgee Judicial Circuit; fax on file.",
     "Ocmulgee Judicial Circuit"),
    ("Play therapy, session 4, Harlan Creek Family Resource Center. Client calm.",
     "Harlan Creek Family Resource Center"),
    ("Session in person at Lakeview Couples & Family Institute. Present: both.",
     "Lakeview Couples & Family Institute"),
    ("Family farm at 2290 Township Road 118, Berlin, OH 44610.", "2290 Township Road 118"),
    ("Lives at 4105 State Route 37, Lancaster, OH 43130.", "4105 State Route 37"),
    ("Baby Girl Tsosie, DOL 3, feeding 30 ml q3h.", "Tsosie"),
    ("Works at Walnut Creek Harness, owned by his uncle.", "Walnut Creek Harness"),
    ("Perinatal clinic at Dogwood Women's Pavilion, seen 6 weeks postpartum.",
     "Dogwood Women's Pavilion"),
    ("Records to 1400 Harbor Plaza, Suite 300, Muskegon.", "1400 Harbor Plaza"),
    ("Address: 52 Pecan Orchard Loop, Lot 7, Ozark.", "52 Pecan Orchard Loop"),
    ("Location confirmed as 311 Fourth Ave NE, Minot.", "311 Fourth Ave NE"),
    ("Res Ms. Loretta J. Pettibone, 91 y/o, resting.", "Loretta J. Pettibone"),
    ("His truck, Idaho plate KRV 2281, was towed.", "KRV 2281"),
])
def test_round_twenty_two_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Rides with their driver, Lavern Stutzman, on market days.", "Lavern Stutzman"),
    ("Rides with their driver, Lavern Mast, on market days.", "Lavern Mast"),
])
def test_round_twenty_two_a_surname_after_a_given_name(text: str, needle: str) -> None:
    assert covered(text, needle)


# (In capitals, "ALVARADO V. ALVARADO" is still read as one name with a middle initial.)
@pytest.mark.parametrize("case", (str, str.lower), ids=("as-written", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("In re: Alvarado v. Alvarado, docket pending.", "v."),
    ("Plate was 4471 on the old form, since changed.", "was"),
])
def test_round_twenty_two_leaves_little_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("P: Hope Box and grounding skills reviewed.", "Box"),
    ("Marine Corps veteran, 1986-1990.", "Corps"),
])
def test_round_twenty_two_a_sentence_start_takes_no_surname(text: str, needle: str) -> None:
    assert untouched(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Baby boy born at 0300, apgars 8/9, to nursery.", "born"),
    ("Baby girl A and baby girl B, twins, both stable.", "B, twins"),
    ("Infant at 34wk gestation, on room air.", "34wk"),
    ("Family has chosen Holcomb & Sons Funeral Home.", "chosen"),
    ("Sent to detox & rehab after the ED.", "detox & rehab"),
    ("Referred to subacute nursing & rehab next week.", "nursing & rehab"),
    ("Wants family therapy & counseling center hours.", "therapy & counseling center"),
    ("Paged me at 1530 about pain; gave 2 mg.", "1530"),
    ("The appeal went to the federal circuit court.", "federal"),
    ("She prays in the hospital chapel most mornings.", "hospital chapel"),
])
def test_round_twenty_two_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
