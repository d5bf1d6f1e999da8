"""Round 25 of issue 13, written from the twentieth hand-written set then seen: the person a
note opens with, military units and bases, fire and rescue by their place, courts of a kind,
shelters, tribal services, places of worship named kind first in several languages, and what
stays a word (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Psychiatric intake — Sirvard Hakobyan, DOB 2/9/1961, referred by PCP.",
     "Sirvard Hakobyan"),
    ("Progress note — Eleni Papadakis, 47, session 6, in person.", "Eleni Papadakis"),
    ("Shift note 7a-7p. Res Colby Ashworth-Vance, 24 M, day 9 of 28.",
     "Colby Ashworth-Vance"),
    ("USMC 2008-2012, 3rd Bn, 7th Marines, stationed Camp Kessler, one deployment.",
     "3rd Bn"),
    ("USMC 2008-2012, 3rd Bn, 7th Marines, stationed Camp Kessler, one deployment.",
     "7th Marines"),
    ("USMC 2008-2012, 3rd Bn, 7th Marines, stationed Camp Kessler, one deployment.",
     "Camp Kessler"),
    ("Army veteran (4th Infantry Division) joined the group.", "4th Infantry Division"),
    ("PCR — Laurel Run Fire & Rescue ALS, dispatched 0312.", "Laurel Run Fire & Rescue"),
    ("Hearing 12/8 at Osage Bend Mental Health Court.", "Osage Bend Mental Health Court"),
    ("Asylum hearing in March at Omaha Immigration Court.", "Omaha Immigration Court"),
    ("Admitted from Good Samaritan Men's Shelter; SW to call.",
     "Good Samaritan Men's Shelter"),
    ("Prior counselor at Red Lake River Tribal BH, phq-9 11.", "Red Lake River Tribal BH"),
    ("Caseworker at New Horizons Refugee Services helps with SNAP.",
     "New Horizons Refugee Services"),
    ("Family attends Igreja Batista Nova Vida on Sundays.", "Igreja Batista Nova Vida"),
    ("Worries people at Masjid Al-Huda will talk.", "Masjid Al-Huda"),
    ("Family attends Wat Khmer Samaki; a monk offered a blessing.", "Wat Khmer Samaki"),
    ("PHP at Cypress Cove Eating Disorder Center last fall.",
     "Cypress Cove Eating Disorder Center"),
    ("Father runs Qureshi Brothers Halal Meats downtown.", "Qureshi Brothers Halal Meats"),
    ("Sings in the choir at St. Bakhita Sudanese Catholic Community.",
     "St. Bakhita Sudanese Catholic Community"),
    ("Baby to NICU, mom updated by NNP Okerlund at 0300.", "Okerlund"),
    ("Signature: K. Price, 11/30/26.", "K. Price"),
])
def test_round_twenty_five_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Mass with the Igbo community on Sundays.", "community"),
    ("Pastor leads a Congolese congregation nearby.", "Congolese congregation"),
    ("MRN BH-2290417, disclose from the clinic.", "MRN"),
    ("Note 12/3. Pt seen today, 34 yo, calm.", "seen today"),
    ("The wat is closed on Mondays.", "wat"),
    ("She was stationed overseas for two years.", "overseas"),
    ("Her brothers meet at the market.", "brothers"),
])
def test_round_twenty_five_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
