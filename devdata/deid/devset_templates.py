"""The prose of the development set: banks of sentences with slots, and which banks make up
each kind of note. Split from `devset.py`, which fills the slots (see `_Note.slot` there).
"""

from __future__ import annotations

# --- the prose: sentence banks with slots ------------------------------------------------------
# {role} / {role:form} is a person (forms: first full lower typo nick initials title poss rel
# phone email); {she} {her} {herobj} are the client's pronouns; other slots are in _Note.slot.
_HEADERS = (
    "Progress Note - {client:full} - DOS {session}\nMRN: {mrn}",
    "Client: {client:full} (DOB {dob})    Date of service: {session}    CPT 90837, 53 min",
    "Session 12 | {session} | Clinician: {clinician:full}, LCSW | {clinic}",
    "{clinic}\nIndividual psychotherapy, {session}, 50 minutes, in person",
    "Telehealth session {session} (video). Client located at home in {city}; consent on file.",
    "Pt: {client:initials}  MRN {mrn}  Member ID {member}  Seen: {session}",
)
_SIGNATURES = (
    "Electronically signed by {clinician:full}, LCSW on {session} at 16:42.",
    "{clinician:full}, PsyD",
    "Signed: {clinician:initials}, LPC, {session}",
    "Note completed by {clinician:full} (therapist). Co-signed by {prescriber:title}, MD.",
    "-- {clinician:lower}",
)
_SUBJECTIVE = (
    "Client reported that {her} mood has been \"up and down\" since our last session on {date}.",
    "{client} stated {she} slept 4-5 hours most nights this week and rated anxiety 7/10.",
    "Pt reports increased conflict with {her} {partner:rel} {partner} about money; {partner} has "
    "been working extra shifts at {partnerwork}.",
    "{client:poss} mother, {mother:full}, called the office on {date} asking for an update; no "
    "information was released without a signed ROI.",
    "Client described a difficult visit with {her} father ({father}) over the weekend and said "
    "\"he will never change.\"",
    "{She} shared that {her} {sibling:rel} {sibling} is moving to {city2} in {month}, which {she} "
    "experiences as another abandonment.",
    "Client said {she} has been spending more time with a new friend, {newfriend:full}, whom "
    "{she} met at {gym}.",
    "Client reports {her} boss, {boss:title}, wrote {herobj} up for lateness on {date}; {she} "
    "fears losing {her} job at {employer}.",
    "{client} described {her} coworker {coworker} as \"the only person at work who gets it.\"",
    "Client has been attending services at {church} again and said faith is \"the thing that "
    "keeps me going.\"",
    "Reports {her} {child:rel} {child} is having trouble at {childschool}; the teacher called "
    "twice last week.",
    "{She} described {her} {grandparent:rel}, now {age90}, as the most stable adult of {her} "
    "childhood.",
    "Client said {she} will try to call {friend} before the weekend instead of isolating.",
    "Client reports drinking 3-4 beers nightly; last drink was on {date}.",
    "Client recounted the argument with {ex} (ex-partner) on {date} in detail; no physical "
    "violence reported.",
    "{client} brought in a letter from {hospital} about the follow-up appointment on {date}.",
    "Client reports {she} moved out of the apartment on {street} and is staying with "
    "{friend:full} in {city2} for now.",
    "Pt states \"{mother} always takes {sibling:poss} side.\"",
    "Client was tearful when discussing {her} father's diagnosis; he was admitted to {hospital} "
    "on {date}.",
    "{She} has been walking two miles with {friend} most mornings and notices a little more joy "
    "in the afternoons.",
    "Client disclosed that {coworker:full} from {employer} has been texting {herobj} late at "
    "night.",
    "Client said the anniversary of {her} brother's death ({date}) is coming up and {she} expects "
    "a hard week.",
    "{client} reports {she} started a new job at {newjob} on {date} and likes {her} supervisor, "
    "{newboss}.",
    "{She} left {oldjob} in {month} after the layoffs and has been applying for jobs since.",
    "Client mentioned that {friend} lives out in {county} and offered {herobj} a spare room.",
    "Client talked about {her} {partner:rel}'s family; {partner:poss} mother {aunt:first} stayed "
    "with them in {month} and the house \"got tense.\"",
    "Client reports {her} {sibling:rel} ({sibling:lower}) has not spoken to {herobj} since {date}.",
    "{client:lower} says {her} {child:rel} {child:poss} birthday party on {date} went better than "
    "expected.",
    "Client said {boss} at {employer} offered {herobj} fewer hours, and {she} may accept.",
    "Client noted that {mother:title} (mother) has been calling {herobj} at work several times a "
    "day.",
)
_EVENTS = (
    "Client reports {her} ex has been following {herobj}; {she} wrote down the plate, {plate}, "
    "and filed a report with {city} police on {date}.",
    "Client's car (VIN {vin}) was repossessed on {date}, adding to the financial stress.",
    "Client's CPAP machine (serial {serial}) was recalled; {she} is waiting for a replacement.",
    "Client noticed a login to {her} e-mail from {ip}, which {she} believes was {ex}.",
    "Client shared the link to {her} fundraiser, {url}, and asked writer to share it; writer "
    "declined and explained boundaries.",
    "Client brought {her} driver's license ({dl}) so the front desk could update the file.",
    "Client gave {her} SSN, {ssn}, for the disability application; writer reminded {herobj} not "
    "to e-mail it.",
    "{partner} e-mailed writer from {partner:email} to reschedule; writer replied only to the "
    "client at {email}.",
    "Client asked that statements go to {address2} while {she} stays with {friend}.",
    "Client showed writer a post about {herobj} at {url}; we discussed how to respond.",
    "The portal flagged a sign-in from {ip}; client confirmed it was {her} own laptop.",
    "Client's {sibling:rel} can be reached at {sibling:phone} per the ROI dated {date}.",
)
_NEGATIVES = (
    "Client expressed hope that the new medication will help with sleep.",
    "Client reports {she} may return to school in the fall if money allows.",
    "{She} described a frank conversation with {her} {sibling:rel} about their father's drinking.",
    "Client said the grant for the housing program was approved, which brought some relief.",
    "Anxiety rose sharply before the family gathering but settled afterwards.",
    "Client feels little joy in activities {she} used to enjoy (anhedonia).",
    "Client described {her} faith community as a source of support.",
    "Client rated {her} urge to drink 6/10 on Tuesday and 3/10 by Friday.",
    "Client has been sober since 2019 and attends two AA meetings a week.",
    "Client grew up in {state} and has lived in the area for about 12 years.",
    "Took sertraline 100 mg daily as prescribed; no missed doses reported this week.",
    "Client said {she} will need a grace period on the copay until the next paycheck.",
    "Client made a mark on the calendar for each day {she} used a coping skill.",
    "Client and {her} {partner:rel} have been together since 2016 and married in 2018.",
    # Capitalised words that are not identifiers: eponyms, brands, programs, models, apps.
    "{Her} mother has Crohn's disease and {her} father was treated for Graves' disease.",
    "Client's tics were first attributed to Tourette's; the neurologist now suspects OCD.",
    "Prescriber switched {herobj} from Prozac to Lexapro; Trazodone at bedtime for sleep.",
    "Client takes Adderall on school days and stopped the Vyvanse because of appetite loss.",
    "Client keeps Ativan for flying only and has not needed Xanax since the summer.",
    "Lamictal was started for mood stability; a rash warning was reviewed.",
    "We mapped {her} needs onto Maslow's hierarchy and talked about the Kubler-Ross stages.",
    "Client uses Headspace for guided meditation and listens to Spotify playlists when anxious.",
    "{She} watches YouTube videos about ADHD and posts on Facebook less than before.",
    "Writer suggested the NAMI Family-to-Family class for {her} parents.",
    "Acceptance and Commitment Therapy defusion exercises were introduced (Leaves on a Stream).",
    "Client completed the Conners rating scale and the Vanderbilt forms for {her} child's doctor.",
)
_CLINICAL = (  # no identifiers: the bulk of real notes, where precision is won or lost
    "Writer used Socratic questioning to examine the belief \"if I say no, people will leave.\"",
    "Reviewed the thought record; client identified catastrophizing and all-or-nothing thinking.",
    "Practiced paced breathing (4-7-8) in session; client reported SUDS dropped from 8 to 4.",
    "Explored the link between skipped meals, poor sleep and irritability in the evenings.",
    "Client completed the behavioral activation log for 5 of 7 days and scheduled two pleasant "
    "activities for the coming week.",
    "Introduced the cognitive triangle and linked thoughts, feelings and behaviors to a recent "
    "argument.",
    "Processed the imaginal exposure from last week; distress peaked at 85 and fell to 40 within "
    "the session.",
    "Discussed sleep hygiene: consistent wake time, no screens after 10 pm, caffeine before noon "
    "only.",
    "Client identified three values (family, honesty, creativity) and one small step toward each.",
    "Reviewed the diary card: urges to self-harm 0-1/5 all week, skills used on four days.",
    "Used motivational interviewing to explore ambivalence about cutting back on alcohol.",
    "Client was able to name feelings of shame and anger without shutting down, a change from "
    "earlier sessions.",
    "Psychoeducation on the window of tolerance; client mapped {her} own signs of hyperarousal.",
    "Role-played an assertive request using the DEAR MAN skill.",
    "Client reports appetite is fair, energy low, concentration poor at work in the afternoons.",
    "Mood \"a 4 out of 10\"; affect congruent, brighter when talking about {her} dog.",
    "No medication side effects reported; client has an appointment with the prescriber next "
    "month.",
    "Client acknowledged progress but worries the improvement will not last.",
    "We agreed to revisit the exposure hierarchy once panic attacks are below two per week.",
    "Client has been journaling most nights and read two entries aloud in session.",
    "Treatment goals reviewed: reduce panic frequency by 50%, return to driving on the highway, "
    "improve sleep to 7 hours.",
    "Client described feeling \"numb\" for most of the week, then crying unexpectedly at work.",
    "Writer validated the client's grief while gently challenging the belief that {she} is to "
    "blame.",
    "Client practiced the 5-4-3-2-1 grounding exercise and said it \"took the edge off.\"",
    "Discussed the upcoming holidays as a high-risk period and planned coping strategies.",
    "Client reported two panic attacks this week, each lasting about 15 minutes.",
    "Continued EMDR preparation: resource installation with a calm-place image.",
    "Client identified avoidance of phone calls as a safety behavior and agreed to one call a day.",
    "Session focused on boundaries with family during the holidays.",
    "Client tends to minimize {her} needs; we explored where {she} learned that.",
)
_OBJECTIVE = (
    "Client arrived 10 minutes late, casually dressed, good hygiene; speech normal in rate and "
    "volume.",
    "Affect constricted, mood \"tired\"; thought process linear and goal directed.",
    "PHQ-9 = 17 (moderately severe), GAD-7 = 12, both up from {date}.",
    "PHQ-9 today 11, down from 16 in {month}.",
    "Oriented x4; no evidence of psychosis; insight fair, judgment fair.",
    "Client appeared older than {her} stated age of {age}; fidgeting, frequent sighs.",
    "Client was observed checking {her} phone repeatedly while discussing {partner}.",
    "Session 8 of 16 in the CPT protocol; 53 minutes (90837).",
    "Vitals per {pcp:title} on {date}: BP 128/84.",
)
_ASSESSMENT = (
    "Client continues to meet criteria for MDD, recurrent, moderate (F33.1); symptoms somewhat "
    "improved since {month}.",
    "Progress toward treatment goals is fair; client is more able to identify cognitive "
    "distortions such as mind reading.",
    "Conflict with {partner} appears to maintain the depressive cycle; avoidance remains the main "
    "target.",
    "Grief following {grandparent:poss} death at {age90} on {date} complicates the picture.",
    "Client's trauma history (MVA in 2019) continues to shape hypervigilance while driving.",
    "Alcohol use in early remission; client attends AA at {church} twice weekly.",
    "Client shows growing insight into the role {mother} plays in {her} self-criticism.",
    "Work stress at {employer} remains the main trigger; {boss} is described as unpredictable.",
    "Symptoms consistent with PTSD (F43.10); nightmares decreased from 5 to 2 per week.",
)
_RISK = (
    "Risk assessment: denies SI/HI, plan or intent; protective factors include {her} "
    "{child:rel} {child}, {her} faith, and future orientation.",
    "C-SSRS screen negative today; last positive screen was {date}.",
    "Risk assessed as low; client agreed to call 988 or go to {hospital} if thoughts of self-harm "
    "return.",
    "Safety plan updated: warning signs, coping skills, people to call ({friend} at "
    "{friend:phone}; {mother} at {mother:phone}), and means restriction (firearm stored with "
    "{father}).",
    "Client endorsed passive SI on {date} (\"it would be easier not to wake up\"); no plan or "
    "intent; risk moderate-low.",
    "Client denies access to firearms; {partner} removed the medications from the home.",
)
_PLAN = (
    "Will continue weekly CBT; next appointment {date} at 3:00 pm.",
    "Homework: thought record 3x this week and one walk with {friend}.",
    "Writer will send the updated treatment plan to {prescriber:title} (fax {fax}) once the ROI "
    "is signed.",
    "Coordinate with {pcp:full} at {hospital} about sleep medication; office {pcp:phone}.",
    "Client will practice TIPP skills and bring the diary card.",
    "Next session {date}; client may bring {partner} for a joint session.",
    "Writer to complete FMLA paperwork for {employer} by {date}.",
    "Hope Box and grounding skills reviewed; client will practice nightly.",
    "Will follow up with {prescriber:title} re: medication change before {date}.",
    "Refer to the DBT skills group at {clinic}; intake call {phone} left on voicemail.",
)
_PROCESS = (
    "When I asked about {mother}, {client} went quiet and looked at the floor.",
    "{She} said, \"{mother} and {father} fought every night until I was twelve.\"",
    "I noticed my own urge to rescue {herobj} when {she} talked about {sibling}; I named it and we "
    "slowed down.",
    "{client} laughed when describing how {friend} still calls {herobj} \"{client:nick}.\"",
    "There was a long silence after {she} mentioned {ex}.",
    "{She} compared me to {her} aunt {aunt}, \"who always knew what to say.\"",
    "{client:lower} kept returning to the image of {her} father's truck leaving the driveway on "
    "{date}.",
    "{She} is furious with {boss} but turns the anger inward.",
    "By the end, {she} could say that {partner:poss} criticism is not the same as {mother:poss}.",
    "{She} described the night of {date} at {hospital} in a flat voice, as if about someone else.",
    "I wondered aloud whether {she} gives {coworker} the care {she} wants from {mother}.",
    "{She} brought a photo of {her} {grandparent:rel}, {grandparent:full}, who turned {age90} "
    "this year.",
)
_INTAKE = (
    "DOB: {dob}    Age: {age}",
    "Address: {address}",
    "Phone: {phone} (cell, ok to leave a message)",
    "Email: {email}",
    "Emergency contact: {partner:full} ({partner:rel}), {partner:phone}",
    "Employer: {employer}",
    "Insurance member ID {member}; MRN {mrn}",
    "SSN: {ssn} (billing only)",
    "Referred by {pcp:title} at {hospital}, fax {fax}.",
    "Client grew up in {city2}, the second of three children; parents divorced in 1998.",
    "Lives with {her} {partner:rel} and {child:rel} {child} in a rented house on {street} in "
    "{city}, {zip}.",
    "Family history: mother ({mother:full}) with bipolar disorder; maternal grandfather, "
    "{age90}, in a nursing home in {county}.",
    "School: {school}",
    "Mother: {mother:full}, {mother:phone}",
)
_CONTACT = (
    "Phone call from {mother:title} ({mother:phone}) on {date}; writer confirmed only that an ROI "
    "is on file.",
    "Faxed records to {hospital} at {fax} per client's written request dated {date}.",
    "Client called to cancel the {date} appointment; rescheduled for {date}.",
    "Left voicemail at {phone} confirming the appointment on {date}.",
    "E-mail from {email} asking about a letter for {employer}; writer will discuss in session.",
    "Spoke with {pcp:full} at {pcp:phone} re: lab results; coordination documented.",
    "Collateral call with {partner} ({partner:phone}) with client present and consenting.",
    "Mailed superbill to {address}.",
)
_Section = tuple[str, tuple[str, ...], int, int, str]
PLANS: dict[str, tuple[_Section, ...]] = {
    "soap": (("", _HEADERS, 1, 1, "\n"),
             ("S: ", _SUBJECTIVE + _EVENTS + _NEGATIVES + _CLINICAL, 4, 7, " "),
             ("O: ", _OBJECTIVE + _CLINICAL, 2, 4, " "),
             ("A: ", _ASSESSMENT + _RISK + _CLINICAL, 2, 4, " "),
             ("P: ", _PLAN + _CLINICAL, 2, 4, " "), ("", _SIGNATURES, 1, 1, "\n")),
    "dap": (("", _HEADERS, 1, 1, "\n"),
            ("Data: ", _SUBJECTIVE + _OBJECTIVE + _EVENTS + _CLINICAL, 5, 9, " "),
            ("Assessment: ", _ASSESSMENT + _RISK + _NEGATIVES + _CLINICAL, 2, 4, " "),
            ("Plan: ", _PLAN + _CLINICAL, 2, 4, " "), ("", _SIGNATURES, 1, 1, "\n")),
    "process": (("Process note (not part of the clinical record).\n", _PROCESS + _CLINICAL, 6, 10,
                 " "),
                ("", _SUBJECTIVE + _NEGATIVES, 2, 4, " "), ("", _SIGNATURES, 1, 1, "\n")),
    "intake": (("", _HEADERS, 1, 1, "\n"), ("INTAKE / PSYCHOSOCIAL\n", _INTAKE, 9, 14, "\n"),
               ("Presenting problem: ", _SUBJECTIVE + _NEGATIVES + _CLINICAL, 4, 7, " "),
               ("Risk: ", _RISK, 1, 2, " "), ("Plan: ", _PLAN + _CLINICAL, 2, 4, " "),
               ("", _SIGNATURES, 1, 1, "\n")),
    "contact": (("Contact note, {session}.\n", _CONTACT, 2, 4, "\n"),
                ("", _CLINICAL, 1, 2, " "), ("", _SIGNATURES, 1, 1, "\n")),
    "risk": (("", _HEADERS, 1, 1, "\n"), ("Risk assessment. ", _RISK, 3, 5, " "),
             ("", _SUBJECTIVE + _EVENTS + _CLINICAL, 3, 5, " "), ("Plan: ", _PLAN + _CLINICAL, 2, 4,
                                                                 " "),
             ("", _SIGNATURES, 1, 1, "\n")),
}

KINDS = ("soap", "soap", "dap", "process", "contact", "risk")  # after the intake note
