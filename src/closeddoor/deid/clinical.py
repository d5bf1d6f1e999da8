"""Clinical text written in shorthand, all capitals or all lower case (issue 13).

Nursing notes, inpatient notes and the intake histories that quote them are often typed without
capitals ("dr okafor aware", "wife mary called") or entirely in them ("PT TRANSFERRED FROM 4
WEST TO MICU"), so capitalisation cannot be what says a word names someone. This module holds
what works regardless of case:

- **Known non-identifiers of clinical text** (`CLINICAL_WORDS`): shorthand and abbreviations
  ("mae", "perrla", "foley", "abx", "ngt"), units, colours and common nursing words that are
  also in the name lists ("tan sputum", "ed", "mae"). A guess (a word read as a name because
  of its shape or a dictionary) that is one of these is dropped; a cue ("dr ___", "wife ___")
  or the chart still wins. The drug dictionary (`vocabulary.py`) is consulted the same way.
- **Case restoration** (`truecase`): a note with no case information (all capitals, or no
  capitalised word at all) is read with name-list words capitalised, so the rest of the engine
  sees "dr Okafor" where the note says "DR OKAFOR" or "dr okafor". Offsets do not move.
- **Cues that do not depend on case** (`CueFinder`): a role word (dr, np, rn, md, resident,
  covering, attending ...) or a relation word (wife, son, sister ...) before a word that can be
  a name; a facility named by its type ("Millbrook Medical Center", "county mental health",
  "St. Agnes's", "Kingsbury Regional", "the Fairview VA"); a unit ("4 West", "MICU").

Safe Harbor, 45 CFR 164.514(b)(2)(i): names (A), geographic subdivisions smaller than a state
(B, which covers facilities named for a place), dates other than years (C), telephone numbers
(D), and (C) again for ages over 89. Numbers with units, vital signs and ventilator settings are
none of these, so `patterns.py` and `dates.py` leave them alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from closeddoor.deid import cues
from closeddoor.deid.context import context
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CHART, CONTEXT, GUESS, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon, fold, lexicon
from closeddoor.deid.place_kinds import (
    BRANDS,
    BUSINESS,
    BUSINESS_INNER,
    CHURCH_NAME_WORDS,
    CHURCHES,
    DENOMINATION_ONLY,
    DENOMINATION_WORDS,
    GENERIC,
    HEADS,
    INNER,
    KIND_WORDS,
    NAMED_ONLY,
    NAMING_HEADS,
    NEEDS_INNER,
    PLACE_ANCHORS,
    SHOPS,
    SPECIALTIES,
    STRONG_BUSINESS,
    STRONG_HEADS,
    TRADE_INNER,
    TRADES,
    UNIT_HEADS,
    UNIT_TYPES,
    WHICH,
)
from closeddoor.deid.spans import Label

# Shorthand of nursing and inpatient notes, written by hand for this engine (no maintained pip
# package holds such a list). Words that are also given names or surnames are here on purpose:
# only a cue makes them a name.
CLINICAL_WORDS = frozenset(split_words("""
pt pts pt's patient neuro resp cv gi gu gyn id heme onc renal endo skin psych social dispo
plan labs meds vs vss hx pmh psh fhx shx ros hpi cc a&o aox3 mae perrla perl eomi rass gcs
cam nad wnl wdwn nkda nka sob doe cp abd bs bm bms ns lr d5w d5 ivf iv po pr sq sc im sl
ng ngt ogt peg j-tube foley picc cvl art a-line ett trach vent ac simv prvc ps peep
cpap bipap fio2 nc nrb fm sat sats spo2 abg vbg rsbi rr hr bp sbp dbp map cvp ci svr temp
tmax t wt ht bmi uop i/o ins outs rbc wbc hgb hct plt inr ptt pt/inr na k cl bun cr
creat glu glucose fsbs bg bgs a1c tsh lfts ast alt alk bili lipase trop ck bnp lactate
mg phos ca ion cxr ct cta mri us echo ekg ecg eeg kub bcx ucx ua uds tox etoh cx sx
abx prn qd bid tid qid qhs qam qpm q2h q4h q6h q8h q12h ac hs stat npo adat ivf tf tfs
rtc f/u fu d/c dc'd s/p w/ w/o c/o r/o h/o b/l bilat lle rle lue rue ue le ble bue bil
cabg cad chf copd dm htn hld afib af nsr st sr sb svt vt vf pvc pac pe dvt uti pna
ards aki ckd esrd hd crrt cvvh ards sirs mi cva tia gib ugib lgib sbo ileus cdiff mrsa
vre esbl dnr dni dnr/dni cmo fc hcp moe poa cm sw pcp osh ed er or pacu icu ccu tele
rn lpn cna np pa md do resident intern fellow attending covering rt pt/ot ot slp
cc ml mcg meq mmol units unit mg/dl mmhg l/min lpm gtt gtts drip bolus q1h mcg/kg/min
am pm noc shift overnight days nights evenings ivp ivpb tol tolerated oob ooc amb
ambulated assist x1 x2 x3 x4 turned q2h duoderm mepilex coccyx sacrum heels stage
tan yellow clear amber bilious serous serosanguinous sanguinous brown green thick thin
ed mae cam bland soft firm tender distended brisk sluggish coarse crackles rales
rhonchi wheeze wheezes diminished lethargic arousable agitated sedated restless anxious
afebrile febrile diaphoretic cool warm dry intact pink pale mottled edema pitting trace
levo levophed neo vaso dopa dobut dilt lopressor lasix kcl kphos mag vanc zosyn cefepime
flagyl cipro levaquin ctx ativan haldol propofol fent versed morphine dilaudid tylenol asa
coumadin heparin lovenox riss insulin lantus humalog nph protonix pepcid colace senna
dulcolax miralax zofran reglan ambien seroquel zyprexa depakote lithium klonopin
abilify zoloft prozac lexapro wellbutrin trazodone sertraline bicarb neb nebs albuterol
atrovent duoneb solumedrol prednisone steroids lytes repleted replete titrated weaned
wean extubate extubated intubated suctioned suction sputum secretions residuals
uneventful cont continue monitor dispo screening rehab iop php cmhc roi si hi avh
ciwa cows dts wd od sz szs loc ams cva ich sah bal neg pos ems min mins sec hrs kg lb lbs
yr yrs mo mos wk wks liq liqs adv lcws lcs ext pgr fr mch mchc pth acth hh serosang
serosanguineous percocet vicodin oxycodone oxy tab tabs cap caps
mm emdr fmla nami tipp mva dob vin ectopy anhedonia
evd icp ssi moca mmse slums mra mrv emg ncs tte tee stemi nstemi acs vap hap rosc pea peds
ortho pulm nephro uro ophtho derm rheum qod qow dat hoh orthopnea pnd jvd ruq luq rlq
llq cvat ddimer d-dimer procal procalcitonin esr crp chol trig tbili dbili ect ipt rubra
serosa lochia fundus fundal vac hemovac csection c-section vbac nsvd svd ebl pih gdm nst
bpp gbs rhogam convo rto appt appts mse asd aud dast iep ipv birp otc moud pcit bdi
bai ybocs y-bocs cdi wais wisc bva hospitalist hospitalists intensivist nocturnist geriatrics
geripsych auth neurosurg neurosurgery infant newborn neonate
dka biba mvi vna isp obs ladc mhw bup bupe benzo benzos rhinorrhea dayroom eval evals
countertransference interoceptive cbat approx exac prox lad atorva anc orif smi ab
psychotherapy norfentanyl nsg geri-psych des med-surg medsurg panc stn painad alz
cheyne-stokes mbi spdat vi-spdat hmis intox insta eps cadc lvn mgr
step-down stepdown
ggt alp ldh cpk ft4 mcv rdw amylase ammonia troponin b12 suds cmp bmp cbc phq pcl
cane wheelchair commode rollator oral odt mat lima lad svg norepi veh crepitus infirmary nyha
conc hosp incont orthostatics rna poc bibasilar gooseflesh lcadc edw avf cannulated
trendelenburg polyuria nephrosclerosis vasovagal ocp fam brugada slough das dast cpot perrl
calc comp fem eta asthmaticus exp ag nihss diff agitation tremor sweats tearful pai voc
interventional gait bedbound contin methylpred osa ahi psg
xeroform srom arom sve decels accels mec substernal genogram ecomap de-esc
amio sinemet bgl tka steri steri-strips erp als tomm anes lmhc coord asam rop
""")) | frozenset(split_words("""
eaedc dta snap recert ssa ssi ssdi atm sped atty esq docket hoodie lol fwd attn
bunk inmate booking arraignment detainee al-anon nar-anon pesach kashrut lashon hara majlis
bhajan kirtan
hasn isn doesn didn wasn weren wouldn couldn shouldn aren haven cant dont wont didnt doesnt
isnt wasnt im ive youre theyre
"""))  # case management, court and message words: no clinical shorthand, but no names either
# Colours of clinical text that are also common surnames and open places' names ("at brown
# memorial hospital", "green valley medical center"): after "at", such a word is read as a name.
NAMING_COLOURS = frozenset({"brown", "green", "white", "black", "gray", "grey"})
_VERB_ROLES = frozenset({"attending", "covering"})  # "attending services at", "covering shifts"
# Words that follow a name in these notes: "np call notified", "daughter hope in to visit".
_AFTER_NAME = frozenset(split_words("""
aware notified paged called updated informed in at from here present drove supportive visited
visiting agrees agreed states stated said reports reported is was will can to and who
""" ))
# Words after a relative's name that no verb or other word after "son", "daughter" is
# followed by: "daughter hope lives in", "son will in laramie", "husband will is" (not "son
# will call").
_WHERE_AFTER_KIN = frozenset({"lives", "lived", "in", "moved", "stays", "stayed", "is", "was",
                              "has", "had"})
# Given names that are also shorthand or everyday words, read as names after a relation word
# only when what follows is what follows a name (`_KIN_NAME_THEN`, or the clause ends): "uncle
# art showed up", "wife hope plays piano", "girlfriend amber and her son"; not "son will call".
_NOT_KIN_NAMES = frozenset(split_words("""
ab brown cap doctor echo ed green haven infant le lue may pink said senna sunday tab tan trace us
"""))
_KIN_NAME_THEN = frozenset(split_words("""
and who showed died passed plays played drives drove works worked helps helped brought came
comes visits lives stays called says said wants asked asks has had is was will can aware
"""))
# A verb in the past after a name ("Will reported", "Hope shared"); not "Will need".
_NAME_VERB_AFTER = re.compile(r"[ \t]+(?:[a-z]{2,}(?<!e)ed|said|told|drew|came|went|made|took|"
                              r"felt|left|spoke|wrote|brought)\b")
# A pharmacy's name before its type word (`CueFinder._pharmacy`).
_PHARMACY_TAILS = frozenset({"drug", "drugs", "rx", "pharmacy"})
_PHARMACY_BEFORE = re.compile(r"(?:\b(?:at|to|from|the|and)|@)[ \t]+"
                              r"((?:(?!(?:the|and|at|to|from)\b)[a-z][a-z'\u2019-]+[ \t]+){1,2})$")
_PHARMACY_KINDS = frozenset(split_words("""
discount compounding retail specialty mail order online hospital outpatient inpatient local
family community village main generic brand
"""))
_NOT_PHARMACIES = frozenset(split_words("""
illicit recreational street urine prescription any no other new same her his their my your our
over-the-counter counter designer club party gateway
"""))
_PHARMACY_RARE = 5_000
# Words before a person who is the subject of what follows (`CueFinder._subject_given_name`).
# Roles that are also shorthand ("rt" right, "cm" centimetres) and the words of a form's
# signature, named with an initial and a surname: "- rt d. harjo", "witness k. ocampo".
_INITIAL_CUES = frozenset(split_words("""
rt cm ot slp rd crna signed signature witness witnessed per cc crew sitter aide interpreter po
"""))
_INITIAL_AND_SURNAME = (r"([a-z]\.[ \t]?)([a-z][a-z'\u2019]*(?:-[a-z][a-z'\u2019]*)?)"
                        r"(?![\w'\u2019-])")  # "d. harjo", "m. quintanilla-reyes"
_INITIALLED = re.compile(r"\.?:?[ \t]+" + _INITIAL_AND_SURNAME)  # after its cue
_MORE_SIGNERS = re.compile(r"[ \t]*(?:/|,|&|and)[ \t]*" + _INITIAL_AND_SURNAME)  # "/ r. slone"
_ORDINAL_BEFORE = re.compile(r"(?<![\w/.-])\d{1,3}(?:st|nd|rd|th)[ \t]+$")
_INITIALS_FIELD = re.compile(r"\binitials[ \t]*(?:[:=]|are|of)?[ \t]*"
                             r"([a-z]\.?[ \t]?[a-z]\.?(?:[ \t]?[a-z]\.?)?)(?![\w'\u2019-])")
# The person a note opens with, after its heading and before a date of birth or an age:
# "psychiatric intake — anahit sarkisyan, dob 4/17/1958", "note — dimitra kalogeropoulos, 52".
_OPENING_SUBJECT = re.compile(r"(?:[\u2014\u2013:.]|[ \t]-)[ \t]+"
                              r"((?:[a-z][a-z'\u2019-]+[ \t]+){1,3}[a-z][a-z'\u2019-]+)"
                              r"(?:[ \t]+\([^)\n]{1,24}\))?,[ \t]*(?:dob\b|age\b|\d{1,3}\b)")
_OPENING_END = re.compile(r",[ \t]*(?:dob\b|age\b|\d)")  # the cheap test first
_WHO_WORDS = frozenset(split_words("""
res resident participant patient client member student inmate caller pt veteran vet
"""))  # words before the person a note opens with, who they are
_NEWBORN = re.compile(r"\bbaby[ \t]+(?:girl|boy)[ \t]+([a-z][a-z'\u2019-]*)"
                      r"(?:[ \t]+([a-z][a-z'\u2019-]*))?")
_SUBJECT_CUES = frozenset({"pt", "patient", "client", "officer", "participant", "student"})
_SUBJECT_VERB_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,20}\)[ \t]*)?[ \t]+(?:reports|states|says|"
                                 r"denies|endorses|agrees|wants|is|was|has|had|slept|ate|woke|"
                                 r"sat|ran|got)\b")
_CLAUSE_END = re.compile(r"[ \t]*(?:[,;:()]|\.(?:\s|$)|$)")
_AGE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*|\([ \t]*)\d{1,3}[ \t]*(?:[,)]|y)")  # "sister hope, 97,"
# Role words before a clinician's name, and relation words before a relative's.
_ROLES = frozenset(split_words("""
dr doctor mr mrs np rn pa md resident attending covering fellow intern pcp psychiatrist
therapist counselor counsellor nurse clinician prescriber physician surgeon manager
caseworker chaplain pastor rabbi imam priest reverend mhw atty attorney judge interpreter sw
deputy dep trooper emt medic paramedic educator dietitian nutritionist pharmacist
facilitator co-facilitator cna lpn bht tech doña hon bhai mgr prosecutor sgt nnp cnm fnp aprn
pmhnp crnp consultant midwife doula sponsor practitioner deacon dra pct officer crna coach
aide advocate
"""))
# Roles that also stand in lists of services: "CPT with interpreter, community health worker".
_LISTED_ROLES = frozenset({"interpreter", "aide", "advocate"})
# Only with a full stop, or after a cue: "daughter ms. haifley", "fr. o'malley" (a priest;
# "16 fr foley" is a catheter's size).
_TITLES = frozenset({"ms", "mx", "fr", "rev"})
_STATE_CODES = frozenset({"pa", "md"})  # roles that are also states: "Erie, PA."
_STRONG_ROLES = frozenset({"dr", "doctor", "mr", "mrs"})  # almost always a surname follows
_PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "mx"})  # a surname follows, even "foley"
_BEFORE_INITIALS = _ROLES | _TITLES  # "dr. j. amaral", "fr. m. delacroix", "mhw d. fox"
_KIN = frozenset(split_words("""
wife husband spouse partner son daughter mother mom father dad sister brother niece nephew
aunt uncle cousin grandson granddaughter grandmother grandfather grandma grandpa friend
boyfriend girlfriend fiance fiancee roommate neighbor neighbour son-in-law daughter-in-law
sister-in-law brother-in-law stepson stepdaughter stepmother stepfather stepdad stepmom
stepbrother stepsister hcp proxy guardian
boss supervisor coworker co-worker colleague fob mob dtr sis bro
tío tio tía tia abuela abuelo abuelita abuelito primo prima padrino madrina comadre compadre
mamaw papaw memaw yiayia papou tita tito bubbe zayde
"""))
# Words that follow a role or relation word without being a name: "md aware", "wife called".
_PLAIN_FOLLOWERS = frozenset(split_words("""
a an the and or but nor of to at in on for from with by as re per via is was are were be
been has had have will would can could should may might must did does do not no also
who that which this these those his her their its he she they it pt pt's patient
aware notified paged called calls calling updated informed made here there present
agrees agreed wants wanted requests requested asked asks brought drove took came left
arrived live lives living lived supportive involved concerned unable available visited visiting
visit visits states stated says said reports reported feels felt at bedside following team
service services note notes order orders ordered consulted consult consulting evaluated examined
saw seen see sees office pager phone number # in-house oncall on-call night day
covering attending resident fellow intern np md rn pa dr doctor aware. in. to. into
x1 x2 x3 plan care updates update regarding about if when while after before
today yesterday tonight tomorrow now again still already later earlier very too
prefer prefers preferred reached transfers transferred moves moved req
sets gets got goes went helps helped picks picked takes drives stays
stayed passed died texted texts bought pays paid watches cares cooks brings keeps kept lets
makes attends attended teaches taught quit quits owns owned runs en
checks checked checking progress thru
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
"""))
_FOLLOWERS = _PLAIN_FOLLOWERS | CLINICAL_WORDS
# Verbs of work after a relative: not followers, since "works" also ends a business's name
# ("iron works gym").
_WORK_VERBS = frozenset({"works", "worked", "working"})
# The type word that ends an organisation's name, and the words just before such a name that
# say one follows ("works at ___ gym", "employer: ___ logistics").
_ORG_TAILS = frozenset((cues.ORG_SUFFIXES | BUSINESS | HEADS) - {
    "co", "co.", "group", "care", "body", "home", "unit", "services", "health", "county",
    "department", "dept", "court", "market", "store", "shop", "plant", "union", "trust", "works"})
_ORG_CUES = frozenset({"at"})
_ORG_LABEL_BEFORE = re.compile(r"\b(?:employer|school|workplace|agency|program|facility):"
                               r"[ \t]*$")
_KIN_IN_BRACKETS = re.compile(r"[ \t]\((?:ex-|former[ \t]|step)?(?:" + "|".join(
    sorted((re.escape(k) for k in _KIN), key=len, reverse=True)) + r")\)")
# An intake form's field whose value names an organisation, up to the end of its clause.
_FIELD_WORDS = frozenset({"employer", "workplace", "school"})
_FIELD = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(_FIELD_WORDS)) + r")[ \t]*:[ \t]*")
_NAME_GAP = re.compile(r"[ \t]*(?:[-&][ \t]*)?")  # between the words of a name: "gates-north"
# Values of such a field that say there is no organisation, or only a kind of one.
_NO_VALUE = frozenset(split_words("""
none n/a na unemployed retired self self-employed student disabled disability homemaker
unknown not no currently between unable seeking looking some graduated dropped completed ged
diploma grade part-time full-time homeschooled homeschool online declined deferred pending
previous prior former local another same other different our your my their his her its any
"""))
# Words that are cues by design: a role or relation word before a name, a facility's type
# after one, a unit's name; adding one of these to a note may add a tag.
CUE_WORDS = _ROLES | _TITLES | _KIN | HEADS | UNIT_TYPES | {"st", "saint"} | BRANDS
# Unknown words that are no names: acronyms written in lower case, and what words are made of.
_ACRONYMS = frozenset(w.lower() for w in cues.NOT_INITIALS | cues.NOT_NAMES)
_VOWEL = re.compile(r"[aeiouy]")
_CONSONANTS = re.compile(r"^[^aeiouy]{3}|[^aeiouy]{3}$")  # "emdr", "fmla": letters, not a word
_ENDINGS = ("s", "es", "ed", "ing", "er", "ers", "ly", "al", "ness", "ment", "ity", "ize",
            "izing", "ized", "ise", "ising", "ic", "ia", "y")
_PREFIXES = ("hyper", "hypo", "super", "sub", "pre", "post", "anti", "non", "un", "re", "over",
             "under", "uro", "neuro", "psycho", "tele", "micro", "cardio", "gastro", "dys", "mis")
# "... is a 97 y/o", "... is a 45-year-old": the words before name the patient.
_INTRO = re.compile(r"(?<=[ \t])is[ \t]+an?[ \t]+\d{1,3}[ \t-]*"
                    r"(?:y/o|yo|y\.o\.|year[ -]old|yr[ -]old)\b")
_DIRECTIONS = re.compile(r"\d{1,2}[ \t]?(?:west|east|north|south|tower)\b")
_OUR_LADY = re.compile(r"\bour[ \t]+lady[ \t]+of[ \t]+(?:the[ \t]+)?"
                       r"(?:perpetual[ \t]+help|good[ \t]+counsel|mount[ \t]+carmel|[a-z]+)")
# The value of a "unit:" field: "Unit: Harbor 3", "UNIT: LINDEN 4 (ADULT ...)".
_UNIT_FIELD = re.compile(r"\bunit:[ \t]*([a-z][a-z'\u2019-]+)(?:[ \t]+(\d{1,2}[a-z]?))?(?![\w/.-])")
# A unit named by a code of a number and a letter: "ward 7b", "unit 6s", "pod c2".
_UNIT_CODE = re.compile(r"\b(?:ward|unit|pod)[ \t]+(?:\d{1,2}[a-z]|[a-z]\d{1,2})(?![\w/-]|\.\w)"
                        r"|\bpod[ \t]+[a-z](?![\w/.'\u2019-])")  # a jail's "pod b"
_WORD = re.compile(r"[a-z][a-z'\u2019-]*")
_NAMED_UNIT = re.compile(r"(?:\bfrom|\bto|,)[ \t]+([a-z]+)[ \t]+$")
_REACHED = re.compile(r"(?<![\w'\u2019/&-])([a-z][a-z'\u2019-]+)[ \t]+(?:can|may|could)[ \t]+"
                      r"be[ \t]+$")
_UNIT_AFTER = re.compile(r"[\w.%/:-]")
_DIGITS = re.compile(r"\d+")
# The word before a position, read on the reversed text (see `_word_before`).
_WORD_BEFORE_REVERSED = re.compile(r"\n?[ \t]+([a-z'\u2019.-]*[a-z])")
# "st. mary's", "saint luke's hospital", "st vincent medical center"; not "hr 110 st, bp 92".
_SAINT = re.compile(r"(?:st\.?|saint)[ \t]+([a-z]+)(?:['\u2019]s(?![a-z])|(?=[ \t]+(?:hospital|"
                    r"medical|health|healthcare|regional|memorial|general|clinic|rehab|"
                    r"behavioral|psychiatric|home|center)\b))")
# A church or school named for a saint, in a few words: "st. mary star of the sea parish".
_SAINT_CHURCH = re.compile(r"(?:st\.?|saint)[ \t]+[a-z]+(?:['\u2019]s)?((?:[ \t]+[a-z]+){0,4}?)"
                           r"[ \t]+(?:parish|church|cathedral|chapel|basilica|shrine|academy|"
                           r"school)\b")
_AT_PHONE = re.compile(r"(?:^|[(;,:][ \t]*|\b(?:call|with|reach|reached|text|contact)[ \t]+)"
                       r"([a-z][a-z'\u2019-]+)[ \t]+at[ \t]+(?:\+?1[ .-]?)?\(?$")
_FIRM_BEFORE = re.compile(r"(?<![\w'\u2019-])(?:([a-z]{2,}),[ \t]+)?([a-z]{2,})[ \t]+$")
_LETTERS = re.compile(r"[^\W\d_]+")
_HYPHENED_NAME = re.compile(r"[^\W\d_]{2,}-[^\W\d_]{2,}")
_PAREN_WORD = re.compile(r"\([ \t]*([a-z][a-z'\u2019-]+)[ \t]*\)")
_PT_BEFORE = re.compile(r"\b(?:pt|patient)[ \t]*$")
_SURNAME = re.compile(r"[ \t]+([a-z][a-z'\u2019-]+)(?![\w/&])")
_GLUED = re.compile(r"[\w/&]")
# What ends a list of who was called right after a surname: a time, a comma, a bracket.
_ROLL_END = re.compile(r"[ \t]*(?:\d|[,;)]|\.(?:\s|\Z)|\Z)")
_NEXT = re.compile(r"[ \t]+([a-z]{2,})(?![\w'\u2019/&-])")
_DOTTED = re.compile(r"(?<![\w.])[a-z]\.[ ]?[a-z]\.(?:[ ]?[a-z]\.)?(?!\w)")
_DOTTED_WORDS = frozenset(split_words("""
am pm eg ie po bid tid qid qd hs ac pc os od ou nb ps dc md rn np pa er us uk do id aa na la
ny cc ad as au qh tv ok vs pt ot sw iv im sq sl pr rx dx hx tx sx fx bm uo
"""))
_UNIT_BEFORE = re.compile(r"(?:\b(?:the|on|to|from)|,)[ \t]+([a-z]+)[ \t]+$")
_FUNCTION = frozenset(split_words("""
a an the and or of to at in on for from with by is was over under about into onto during
"""))
# Words no street name is made of in a note without case: "2 x at st. mary's", "2 tabs po".
NOT_STREET_NAMES = CLINICAL_WORDS | _FUNCTION | frozenset(split_words("""
x w wk wks day days hr hrs min mins times tabs caps pills units doses blocks miles mi ft feet
yards steps laps stairs flights way his her their my your our pt pts patient per via
"""))
_FACILITY_PREPOSITIONS = frozenset({"at", "from", "to", "in", "into"})
# Words before a hospital's initials that say it is one: "transferred from mgh", "called cph".
_ACRONYM_CUES = _FACILITY_PREPOSITIONS | frozenset({"called", "via", "paged", "arr", "arrived",
                                                  "transported"})
_RECORDS_AFTER = re.compile(r"[ \t]+records\b")
_ABBREVIATED_PLACE_WORDS = frozenset({"st.", "mt.", "ft.", "ste."})  # "st. luke's hospital"
_PLACE_PREPS = frozenset(split_words("in to from near outside of at"))
# Two words joined by a hyphen ("brown-hernandez"), neither part of a longer chain.
# A surname shaped like one: "owusu-mensah", "o'halloran", "d'angelo-reyes".
_SHAPED_SURNAME = re.compile(r"(?:[a-z]{1,2}['\u2019](?!s\b)[a-z]{3,}|[a-z]{2,}-[a-z]{2,})"
                             r"(?:-[a-z]{2,})?(?![\w'\u2019-])")
_HYPHENED = re.compile(r"(?<![\w-])([a-z]{2,})-([a-z]{2,})(?![\w-])")
# What follows a person's full name in these notes: a phone in brackets, "is hcp", "aware".
_NAME_ENDS = re.compile(r"[ \t]*(?:\(|,|#|(?:is|was|aware|called|can|at|notified|updated)\b)")
# Kinds of a practice that may stand before "group" with no name among its words: "kingfisher
# lake medical group" (not "bhutanese women's group").
_PRACTICE_KINDS = frozenset({"medical", "dental", "surgical", "psychiatric", "behavioral"})
# Compound adjectives that end a facility's name before it begins: "haitian-born home health".
_COMPOUND_ADJECTIVES = ("-born", "-based", "-speaking", "-american", "-run", "-owned")
# Street types that are verbs or little words after a name far more often: "john drives
# truck", "thuy via language line", "kim walks daily".
_VERB_TAILS = frozenset(split_words("drives via walks views"))
_ARTICLES = frozenset(split_words("a an the this that these those some any more most very no"))
_VERB_LIKE = re.compile(r"(?:ed|ing|ly|es|ize|ise)$")
_ACTION_WORD = re.compile(r"(?:ize|ise|ing|ly)$")  # "i authorize | greenway medical center"
_ADJECTIVE_END = re.compile(r"(?:ive|al|ic|ed)$")
_EVERYDAY = 20_000
_RARE = 1_000
_LOOSE = 50_000  # a word more common than this is never part of a facility's name


def _word_before(lowered: str, end: int, reach: int) -> tuple[int, str] | None:
    """(start, word) of the word before `end` with spaces or tabs between (and perhaps a newline
    after them), starting at most `reach` characters back; None if there is none. A word is a
    small letter, then small letters, apostrophes, full stops or hyphens: "dr.", "o'neil".

    The same as `re.search(r"([a-z][a-z'.-]*)[ \\t]+$", lowered[end - reach:end])`, but read
    backwards with one anchored match: searching forwards tries a match at every position."""
    m = _WORD_BEFORE_REVERSED.match(lowered[max(0, end - reach):end][::-1])
    if m is None:
        return None
    start = end - m.end(1)
    return start, lowered[start:end - m.start(1)]


class CueFinder:
    """Case-blind cues: roles, relations, facilities, units. One per process (`cue_finder`)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        # One memo per question: a word's answer must not depend on which was asked first.
        self._caps: dict[str, bool] = {}
        self._unknown: dict[str, bool] = {}
        # Not a function word or shorthand: "the colony", "in" and "st" would cost a look at
        # every "the" (and "st" is read by the saint pattern).
        self._city_firsts = frozenset(k for k in lex.multiword_cities if k.isascii()
                                      and k not in _FOLLOWERS and k not in _FUNCTION)
        self._tails = frozenset((cues.ORG_SUFFIXES | lex.street_suffixes | {"county"})
                                - CLINICAL_WORDS - _FUNCTION - _VERB_TAILS)
        # The ASCII words `capitalise` says yes to, as one set: a note's words are then
        # intersected with it instead of looked up one by one (truecasing is on the hot path).
        self._capitalised = frozenset(
            w for w in lex.first_names | lex.last_names | lex.cities | lex.world_first_names
            if w.isascii() and len(w) > 1 and not self.clinical(w) and lex.freq(w) < _EVERYDAY)
        # Those that are common words too: capitalised only where the words around say a name.
        self._common = frozenset(w for w in self._capitalised if lex.freq(w) >= _RARE)

    # --- what a word can be -------------------------------------------------------------------
    def clinical(self, word: str) -> bool:
        """A known non-identifier of clinical text: shorthand, a unit, a drug."""
        return word in CLINICAL_WORDS or word in self.lex.things

    def _name_like(self, word: str, strong: bool, titled: bool = False) -> bool:
        lex = self.lex
        if titled and len(word) > 1 and word not in _PLAIN_FOLLOWERS:
            return True  # "mr. foley", "ms. brown", "mrs. green": shorthand, but a surname here
        if not word[0].isalpha() or len(word) < 2 or word in _FUNCTION:
            return False
        if word in _FOLLOWERS:  # "md aware", "wife called"; and shorthand: "niece lue" is
            return False  # left upper extremity first (only the chart can say otherwise)
        freq = lex.freq(word)
        if strong:  # "dr keys", "dr brown": whatever the word, unless a follower
            return True
        if lex.is_name(word):
            return freq < 200_000
        return freq < _LOOSE and not (freq >= _RARE and _VERB_LIKE.search(word))  # "switched"

    def _anchor(self, word: str) -> bool:
        """A word that can be a facility's proper part: a name, a place, a rare word."""
        lex = self.lex
        if word in _FOLLOWERS or word in HEADS or word in INNER or self.clinical(word):
            return word in PLACE_ANCHORS
        return (lex.is_name(word) or word in lex.cities or lex.freq(word) < _RARE
                or word in PLACE_ANCHORS)

    def _intro_word(self, word: str) -> bool:
        """A word that can be part of the name a note opens its story with ("___ is a 97 y/o
        man"): not a function word, a follower, shorthand or an everyday word."""
        return (word.isalpha() and len(word) > 1 and word not in _FUNCTION
                and word not in _FOLLOWERS and word not in CUE_WORDS and not self.clinical(word)
                and (self.lex.freq(word) < _EVERYDAY or self.lex.is_name(word)))

    def _loose(self, word: str) -> bool:
        """A word that may stand in a name when a cue says a name is there."""
        return (word not in _FOLLOWERS and not self.clinical(word)
                and (word not in HEADS or word in NAMING_HEADS)
                and self.lex.freq(word) < _LOOSE)

    # --- truecasing ---------------------------------------------------------------------------
    def capitalise(self, word: str) -> bool:
        """Whether a word of a note without case information is written with a capital."""
        found = self._caps.get(word)
        if found is None:
            lex = self.lex
            found = (not self.clinical(word) and len(word) > 1
                     and (lex.is_name(word) or word in lex.cities
                          or word in lex.world_first_names)
                     and lex.freq(word) < _EVERYDAY)
            if len(self._caps) < 200_000:
                self._caps[word] = found
        return found

    def _unknown_name(self, word: str) -> bool:
        """Whether a word no word list holds may be a name: not shorthand, a drug or an
        acronym ("emdr", "qtc": no vowel, or a known one), and not made of known words
        ("journaling", "hyperarousal", "voicemail", "urosepsis")."""
        found = self._unknown.get(word)
        if found is None:
            found = (len(word) > 2 and not self.clinical(word) and word not in _FOLLOWERS
                     and word not in CUE_WORDS  # "stepdad wade": the relation is no name
                     and word not in _ACRONYMS and _VOWEL.search(word) is not None
                     and not self._derived(word))
            if len(self._unknown) < 200_000:
                self._unknown[word] = found
        return found

    def _derived(self, word: str) -> bool:
        """Whether an unknown word is a known word with an ending, a prefix, or two known
        words joined."""
        known = self.lex.vocabulary
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[:-len(ending)]
                if stem in known or stem + "e" in known or (
                        len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in known):
                    return True
        for prefix in _PREFIXES:
            if word.startswith(prefix) and word[len(prefix):] in known:
                return True
        everyday = self.lex.everyday
        return _CONSONANTS.search(word) is not None or any(
            (word[:i] in everyday and word[i:] in known)
            or (word[:i] in known and word[i:] in everyday) for i in range(4, len(word) - 3))

    def truecase(self, text: str, words: set[str] | None = None) -> str:
        """`text` lower-cased, with words that may be names capitalised; same length.
        `words`, the set of its lower-case words, saves a scan when the caller has it."""
        low = text.lower()
        if len(low) != len(text):
            return text
        if words is None or not text.isascii():
            words = {m.group() for m in _LETTERS.finditer(low)}
        names: set[str] | frozenset[str]
        unknown: set[str] = set()
        if text.isascii():
            names = self._capitalised.intersection(words)
            # A word no English word list holds (nor shorthand, nor a drug) is written with a
            # capital in a cased note more often than not: "zoila", "kendrys" (issue 13).
            unknown = words.difference(self.lex.vocabulary)
            if unknown:
                unknown = {w for w in unknown if self._unknown_name(w)}
                names = names | unknown
        else:
            names = {w for w in words if self.capitalise(w if w.isascii() else fold(w))}
        if not names and "." not in low:
            return low
        chars = list(low)
        for start, _, name in occurrences(low, names):
            if name in self._common and not self._named_here(low, start, name):
                continue
            chars[start] = chars[start].upper()
            if name in unknown:  # "justice oyelaran", "storm whitehorse": a given name that
                before = _word_before(low, start, 16)  # is an everyday word, before a surname
                if before is not None and self._given_before_unknown(before[1]):  # no list
                    chars[before[0]] = chars[before[0]].upper()  # holds
        if "-" in low:  # "brown-hernandez": a surname joined to a capitalised one is one too
            for m in _HYPHENED.finditer(low):
                left, right = m.start(1), m.start(2)
                if self.clinical(m.group()):  # "cheyne-stokes": shorthand, though both are names
                    chars[left], chars[right] = low[left], low[right]
                elif chars[left].isupper() != chars[right].isupper():
                    other = m.group(1) if chars[right].isupper() else m.group(2)
                    if other in self.lex.last_names and other not in _FUNCTION:
                        chars[left] = chars[left].upper()
                        chars[right] = chars[right].upper()
        if "." in low:  # "c.m.", "s.h., lpc": initials, unless an abbreviation ("a.m.", "p.o.")
            for m in _DOTTED.finditer(low):
                letters = "".join(c for c in m.group() if c.isalpha())
                if letters not in _DOTTED_WORDS or cues.CREDENTIAL_AFTER.match(low, m.end()):
                    for i in range(m.start(), m.end()):
                        chars[i] = chars[i].upper()
        # A city of several words after a word that says a place follows: "grew up in belle
        # glade", "moving to new city", "gilbert, port richmond" (issue 13).
        for start, _, first in occurrences(low, self._city_firsts.intersection(words)):
            before = _word_before(low, start, 12)
            if not ((before is not None and before[1] in _PLACE_PREPS)
                    or low[max(0, start - 2):start].lstrip(" ") == ","):
                continue
            for city in self.lex.multiword_cities[first]:
                pos, starts = start, []
                for part in city:
                    word = _WORD.match(low, pos)
                    if word is None or word.group() != part:
                        break
                    starts.append(pos)
                    pos = word.end()
                    while low[pos:pos + 1] == " ":
                        pos += 1
                else:
                    for at in starts:
                        chars[at] = chars[at].upper()
                    break
        # An organisation's or a street's last word after a capitalised word joins its run:
        # "williams ltd", "lowe counseling", "madison county", "herrera street methodist".
        tails = self._tails.intersection(words)
        for start, _, _ in sorted(occurrences(low, tails)):
            before = _word_before(low, start, 30)
            if before is not None and chars[before[0]].isupper():
                chars[start] = chars[start].upper()
        return "".join(chars)

    def _given_before_unknown(self, word: str) -> bool:
        """A given name of the lists, however common a word, that is no shorthand, cue or
        little word: "justice", "blue", "storm" before a surname no list holds."""
        return (word in self.lex.first_names and word not in _FOLLOWERS and word not in _FUNCTION
                and word not in CUE_WORDS and not self.clinical(word) and len(word) > 2)

    def _named_here(self, low: str, start: int, word: str) -> bool:
        """Whether a name-word that is also a common word ("frank", "triangle") is a name
        where it stands: not after an article or a quantity word ("a frank talk", "the
        cognitive triangle"); a place only after a word that says a place follows ("in
        triangle")."""
        before = _word_before(low, start, 16)
        if word in self.lex.first_names or word in self.lex.last_names:
            return before is None or before[1] not in _ARTICLES
        return (before is not None and before[1] in _PLACE_PREPS) or (
            low[max(0, start - 2):start].lstrip(" ") == ",")

    # --- cues ---------------------------------------------------------------------------------
    def find(self, lowered: str, words: set[str],
             digit_runs: Iterable[re.Match[str]] | None = None) -> list[Hit]:
        """Hits in a note, read from its lower-case form `lowered`, its set of words and, when
        the caller has them, its runs of digits (each regular expression here starts from a
        cheap anchor: a word in `words`, a "(", a digit run; a scan of the whole note for an
        alternation would cost more than the rest)."""
        hits: list[Hit] = []
        cued = (_ROLES | _KIN).intersection(words)
        for _, end, word in occurrences(lowered, cued):
            self._person_after(lowered, end, word, hits)
        for _, end, _ in occurrences(lowered, _SUBJECT_CUES.intersection(words)):
            self._subject_given_name(lowered, end, hits)
        for start, end, _ in occurrences(lowered, _PHARMACY_TAILS.intersection(words)):
            self._pharmacy(lowered, start, end, hits)
        titles = _TITLES.intersection(words)  # "ms. brown": a title with its full stop
        for _, end, word in occurrences(lowered, titles):
            if lowered[end:end + 1] == ".":
                self._person_after(lowered, end, word, hits)
        if "at" in words:  # "people to call (dawn at 312.555.0111; hope at (541) 555-0158)"
            for run in (_DIGITS.finditer(lowered) if digit_runs is None else digit_runs):
                if run.end() - run.start() < 3:
                    continue
                if "at" not in lowered[max(0, run.start() - 8):run.start()]:
                    continue  # the cheap test first: most numbers are vitals, doses, dates
                who = _AT_PHONE.search(lowered, max(0, run.start() - 40), run.start())
                if who is not None:
                    name = who.group(1)
                    listed = who.group()[0] in "(;"  # "(will at ...", "; may at ...": a list
                    if ((name not in _FOLLOWERS or (listed and name in self.lex.first_names))
                            and name not in _FUNCTION and len(name) > 1
                            and name not in CUE_WORDS and (
                                name in self.lex.first_names or self.lex.freq(name) < _RARE)):
                        hits.append((who.start(1), who.end(1), Label.NAME, CONTEXT))
        if "(" in lowered and not _KIN.isdisjoint(words):  # "with hope (ex-partner)"
            for m in _KIN_IN_BRACKETS.finditer(lowered):
                self._name_before_relation(lowered, m.start() + 1, hits)
        if "pt" in words or "patient" in words:  # "pt (kitchen) oob to chair"
            for m in _PAREN_WORD.finditer(lowered):
                if _PT_BEFORE.search(lowered, max(0, m.start() - 10), m.start()) and (
                        m.group(1) not in _FOLLOWERS and m.group(1) not in _FUNCTION):
                    hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
        heads = HEADS.intersection(words)
        for start, _, word in occurrences(lowered, heads):
            if word in NEEDS_INNER:  # "to court", "in medicine": the word before says no
                before = _word_before(lowered, start, 20)
                if before is None or (before[1] not in INNER
                                      and before[1] not in NEEDS_INNER[word]):
                    continue
            self._facility(lowered, start, word, hits)
        for at, _, _ in occurrences(lowered, {"st", "saint"}.intersection(words)):
            saint = _SAINT.match(lowered, at)
            if saint is not None and (
                    saint.group(1) in self.lex.first_names or saint.group(1) in INNER or (
                        len(saint.group(1)) > 3 and self.lex.freq(saint.group(1)) < _RARE
                        and not self.clinical(saint.group(1)))):  # "st. columba's"
                hits.append((saint.start(), saint.end(), Label.ORGANIZATION, CONTEXT))
            church = _SAINT_CHURCH.match(lowered, at)
            if church is not None and all(
                    w in ("of", "the") or not (w in _FOLLOWERS or w in _FUNCTION)
                    for w in church.group(1).split()):
                hits.append((church.start(), church.end(), Label.ORGANIZATION, CONTEXT))
        for brand in BRANDS.intersection(words):
            for start, end, _ in occurrences(lowered, (brand,)):
                stop = end
                for _ in range(2):  # "mercy pine ridge"
                    after = (_WORD.match(lowered, stop + 1) if lowered[stop:stop + 1] == " "
                             else None)
                    if after is None or not self._loose(after.group()):
                        break
                    stop = after.end()
                if stop > end:
                    hits.append((start, stop, Label.ORGANIZATION, CONTEXT))
        for start, end, _ in occurrences(lowered, UNIT_TYPES.intersection(words)):
            hits.append((start, end, Label.ORGANIZATION, CONTEXT))
        acronyms = [w for w in words if 3 <= len(w) <= 5 and (w[-1] == "h" or w[-2:] == "mc")
                    and self._hospital_acronym(w)]
        for start, end, _ in occurrences(lowered, acronyms):  # "transferred from mgh"
            before = _word_before(lowered, start, 12)
            if (before is not None and before[1] in _ACRONYM_CUES) or (
                    lowered[max(0, start - 2):start].strip() == "@") or (
                    _RECORDS_AFTER.match(lowered, end)):  # "@ umc", "roi for camc records"
                hits.append((start, end, Label.ORGANIZATION, CONTEXT))
        for run in (_DIGITS.finditer(lowered) if digit_runs is None else digit_runs):
            start, end = run.span()  # "from keller 5 to micu", "(eason memorial, sumner 5)"
            if end - start > 2 or _UNIT_AFTER.match(lowered, end):
                continue
            lead = _NAMED_UNIT.search(lowered, max(0, start - 30), start)
            if lead is None:
                continue
            word = lead.group(1)
            if len(word) > 1 and word not in _FOLLOWERS and not self.clinical(word) and (
                    self.lex.is_name(word) or self.lex.freq(word) < _RARE or (
                        lead.group()[0] != "," and word not in GENERIC
                        and self.lex.freq(word) < _LOOSE)):  # "to seals 5"
                hits.append((lead.start(1), end, Label.ORGANIZATION, CONTEXT))
        if "reached" in words:  # "...; jenise can be reached at 555-0143"
            for at, _, _ in occurrences(lowered, ("reached",)):
                who = _REACHED.search(lowered, max(0, at - 40), at)
                if who is not None:
                    name = who.group(1)
                    if name not in _FOLLOWERS and name not in CUE_WORDS and (
                            name not in GENERIC and name not in _FUNCTION and len(name) > 1):
                        hits.append((who.start(1), who.end(1), Label.NAME, CONTEXT))
        if "y/o" in lowered or "year" in words or "yo" in words:  # "zoila lucero is a 97 y/o"
            for m in _INTRO.finditer(lowered):
                end = m.start()
                begin = end
                for _ in range(2):
                    before = _word_before(lowered, begin, 30)
                    if before is None or not self._intro_word(before[1]) or (
                            before[0] and lowered[before[0] - 1] not in " \t\n(\""):
                        break
                    begin = before[0]
                if begin < end:
                    hits.append((begin, len(lowered[:end].rstrip(" \t")), Label.NAME,
                                 CONTEXT))
        if not _INITIAL_CUES.isdisjoint(words):  # "- rt d. harjo", "signed m. quintanilla-reyes"
            for _, cue_end, cue in occurrences(lowered, _INITIAL_CUES.intersection(words)):
                signer = _INITIALLED.match(lowered, cue_end)
                if signer is None:
                    continue
                surname = signer.group(2)
                signed = cue.startswith(("sign", "witness"))  # a form's field: any surname
                while signer is not None and len(surname) > 1 and not (  # ("signature: k. price")
                        surname in _FOLLOWERS or surname in _FUNCTION or surname in CUE_WORDS
                        or self.clinical(surname)) and (signed or self.lex.freq(surname) < _LOOSE):
                    hits.append((signer.start(1), signer.end(2), Label.NAME, CONTEXT))
                    signer = _MORE_SIGNERS.match(lowered, signer.end())  # "crew j. calloway /
                    surname = signer.group(2) if signer is not None else ""  # r. slone"
        if "initials" in words:  # "(patient initials: TK)", "client initials j.w."
            for m in _INITIALS_FIELD.finditer(lowered):
                letters = m.group(1)
                if "." in letters or self.lex.freq(letters.replace(" ", "")) < _RARE:
                    hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))  # not "initials
                    # to be added", "initials ok"
        for m in (_OPENING_SUBJECT.finditer(lowered, 0, 160)  # "intake — anahit sarkisyan, dob"
                  if _OPENING_END.search(lowered, 0, 200) else ()):
            named = m.group(1).split()
            start = m.start(1)
            if named[0] in _WHO_WORDS:  # "res tyler o'brien-mcgee, 24": the name after it
                start = m.start(1) + len(named[0]) + 1
                named = named[1:]
            if len(named) > 1 and all(self._name_word(w) for w in named):
                hits.append((start, m.end(1), Label.NAME, CONTEXT))
        if "baby" in words:  # a newborn's chart name: "baby girl hsa moo", "BABY BOY TALLCHIEF"
            for m in _NEWBORN.finditer(lowered):
                if self._name_word(m.group(1)):
                    last = 2 if m.group(2) and self._name_word(m.group(2)) else 1
                    hits.append((m.start(1), m.end(last), Label.NAME, CONTEXT))
        if "lady" in words:  # "our lady of the marsh", "our lady of lourdes hospital"
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _OUR_LADY.finditer(lowered))
        if "ward" in words or "unit" in words or "pod" in words:  # "ward 7b", "unit 6s"
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _UNIT_CODE.finditer(lowered))
            for m in _UNIT_FIELD.finditer(lowered):
                name = m.group(1)
                if not (name in GENERIC or name in _FUNCTION or self.clinical(name)) and (
                        m.group(2) is not None or name not in KIND_WORDS):
                    hits.append((m.start(1), m.end(), Label.ORGANIZATION, CONTEXT))
        if "west" in words or "east" in words or "north" in words or "south" in words or (
                "tower" in words):
            for m in _DIRECTIONS.finditer(lowered):
                if m.start() and lowered[m.start() - 1].isalnum():
                    continue
                start = m.start()
                before = _word_before(lowered, start, 20)
                if before and self._loose(before[1]) and (
                        before[0] == 0 or lowered[before[0] - 1] in " \t\n(\""):
                    start = before[0]  # "Moffett 3 East"; not the "o" of "a&o"
                hits.append((start, m.end(), Label.ORGANIZATION, CONTEXT))
        return hits

    def businesses(self, lowered: str, words: set[str], hits: list[Hit]) -> None:
        """Businesses, schools and counties by their type word, for a note without case
        (`BUSINESS`): the proper part must hold a name, a place or a rare word, or stand
        before a type word no common phrase ends in (`STRONG_BUSINESS`), or be two words; a
        trade's name (`TRADES`) needs two words before its type word, one at least a proper
        one, or one rare word."""
        tails = (BUSINESS.intersection(words) | TRADES.intersection(words)
                 | SPECIALTIES.intersection(words))
        if not DENOMINATION_ONLY.isdisjoint(words):
            tails = tails | DENOMINATION_ONLY.intersection(words)
        for start, end, tail in occurrences(lowered, tails):
            if lowered[end:end + 1] == "-":
                continue  # "post-stroke", "shop-vac": a word's first part, not a name's end
            trade = tail in TRADES or tail in SPECIALTIES
            begin = None
            if tail in CHURCHES:  # "mount olive free will baptist church"
                begin = self._business_begin(lowered, start, tail, trade, True)
            if begin is None and tail not in DENOMINATION_ONLY:  # else read as any business's
                begin = self._business_begin(lowered, start, tail, trade, False)  # name: "first
                # united methodist church" (a temple only with its denomination: not "r temple")
            if begin is not None:
                label = Label.LOCATION if tail == "county" else Label.ORGANIZATION
                hits.append((begin, end, label, CONTEXT))

    def _business_begin(self, lowered: str, start: int, tail: str, trade: bool,
                        denominations: bool) -> int | None:
        """Where the name before a business's type word at `start` begins, if its words make
        one: three words at most, besides a church's denomination when `denominations`."""
        begin, anchored, rare, proper, inner = start, False, False, 0, 0
        steps, denominated, named = 0, False, False
        while steps < 3:
            steps += 1
            joined = (trade or begin < start) and lowered.endswith(" & ", 0, begin)  # "lumber &
            # supply", "lovell & sons paving"
            before = _word_before(lowered, begin - 2 if joined else begin, 30)
            if before is None or (before[0] and lowered[before[0] - 1] not in " \t\n(\""):
                break
            at, word = before
            if len(word) == 1:
                break  # "r temple", "a school": a letter names nothing here
            owner = (word.endswith(("'s", "\u2019s")) and not proper and tail in SHOPS
                     and word[:-2] not in CUE_WORDS)  # not "her cousin's shop"
            if owner:  # "mike's pizza", "mike's tire & lube"; not "jake's school"
                word = word[:-2]
            if tail == "body" and begin == start and word != "auto":
                break  # "his body"; only "auto body" names a shop
            if tail == "union" and begin == start and word != "credit":
                break  # "the union"; only "credit union" names a business
            if denominations and not proper and word in DENOMINATION_WORDS:
                begin, inner, steps = at, inner + 1, steps - 1
                denominated = True
                continue
            if not proper and ((word in TRADE_INNER or word in TRADES) if trade else (
                    word in BUSINESS_INNER or word in BUSINESS)):  # "counseling associates",
                # "grain co-op"
                begin, inner = at, inner + 1
                continue
            if not (self._trade_word(word) if trade else self._business_word(word)) and not (
                    owner and word in self.lex.first_names):  # "rich's diner": a name, however
                # common a word; and a church's everyday words before its denomination
                if denominated and (word in CHURCH_NAME_WORDS or (  # "greater new hope
                        self.lex.is_name(word) and not self.clinical(word))):  # missionary
                    begin, proper = at, proper + 1  # baptist church"
                    continue
                break
            anchor = self._anchor(word) and (  # "dbt": shorthand is rare
                len(word) > 3 or self.lex.is_name(word))
            anchored = anchored or anchor
            rare = rare or (anchor and self.lex.freq(word) < _EVERYDAY)
            named = named or (anchor and self.lex.freq(word) < _RARE and (
                self.lex.is_name(word) or word in self.lex.cities))
            proper += 1
            begin = at
        if trade and (not proper or (proper + inner < 2 and (not rare or tail == "shop"))):
            return None  # "toilet paper", "fresh poultry", "carpentry shop"; but "bighorn
            # behavioral", "yoder & sons harness shop"
        if tail in DENOMINATION_ONLY and not denominated:
            return None  # "the igbo community", "a congolese congregation"
        if tail in NAMED_ONLY and not named:  # "dbt skills group", "our peer group"; but
            kind = _word_before(lowered, start, 16)  # "hollis property group", "kingfisher
            if not (rare and kind is not None and kind[1] in _PRACTICE_KINDS):  # lake medical
                return None  # group"
        if proper and (anchored or trade or proper > 1 or tail in STRONG_BUSINESS):
            return begin
        return None

    def _business_word(self, word: str) -> bool:
        """A word that may stand in a business's name before its type word ("green mountain
        counseling": a colour too; "immanuel reformed church")."""
        return word in NAMING_COLOURS or word == "reformed" or not (
            word in _FUNCTION or word in _FOLLOWERS or word in GENERIC or word in _KIN
            or word in _ROLES
            or word in BUSINESS or word in TRADES or self.clinical(word)
            or not word.isalpha() or self.lex.freq(word) >= _LOOSE
            or word in self.lex.not_identifiers
            or (self.lex.freq(word) >= _RARE and _VERB_LIKE.search(word)))

    def _trade_word(self, word: str) -> bool:
        """A word that may stand in a trade's name: a name or a place however common ("red
        river poultry", "utah wellness"), or a word of four letters or more that may stand in
        a business's name ("bees knees storage"; not the shorthand of "abt toilet paper")."""
        if word in NAMING_COLOURS:
            return True  # "brown river paper"
        if (word in _FUNCTION or word in _FOLLOWERS or word in GENERIC or word in BUSINESS
                or word in TRADES or self.clinical(word) or not word.isalpha() or word in _KIN
                or word in _ROLES):
            return False
        lex = self.lex
        return (lex.is_name(word) or word in lex.cities or word in lex.not_identifiers
                or (len(word) > 3 and self._business_word(word)
                    and (not _ADJECTIVE_END.search(word)  # "rational emotive behavioral";
                         or self.lex.freq(word) == 0)))  # but "jalal halal meat & grocery"

    def named_after_cue(self, lowered: str, words: set[str], hits: list[Hit]) -> None:
        """An organisation between a cue and its type word, for a note without case: "at first
        baptist church", "employer: blue heron logistics", "school: bryn mawr community
        college". Every word between must be able to stand in a name (everyday words may:
        "iron works gym"), none a function word, a follower or shorthand (so adding shorthand
        never adds a tag), and one at least must say which place, not which kind."""
        for start, end, _ in occurrences(lowered, _ORG_TAILS.intersection(words)):
            begin, named, count = start, False, 0
            cue = False
            while count < 4:
                if count and _ORG_LABEL_BEFORE.search(lowered, max(0, begin - 20), begin):
                    first = _WORD.match(lowered, begin)  # "school: some college" names none
                    cue = first is None or first.group() not in _NO_VALUE
                    break
                before = _word_before(lowered, begin, 30)
                if before is None:
                    break
                at, word = before
                if at and lowered[at - 1] not in " \t\n(\"":
                    break
                if word in _ORG_CUES:
                    cue = count > 0
                    break
                if word in NAMING_COLOURS and named:  # "at green mountain counseling"
                    begin = at
                    count += 1
                    continue
                if (word in _FUNCTION or word in _FOLLOWERS or word in GENERIC
                        or word in CUE_WORDS or self.clinical(word) or not word.isalpha()):
                    if not named and self._named_at(lowered, at, word):  # "at brown counseling"
                        begin, named, cue = at, True, True
                    break
                named = named or not (word in INNER or word in BUSINESS_INNER
                                      or word in _ORG_TAILS)
                begin = at
                count += 1
            if cue and named:
                hits.append((begin, end, Label.ORGANIZATION, CONTEXT))

    def firms(self, lowered: str, words: set[str], hits: list[Hit]) -> None:
        """Firms named by surnames, for a note without case: "morales and sons", "stone, byrd
        and miller" (three surnames, the last after "and")."""
        if "and" not in words:
            return
        last = self.lex.last_names
        for start, end, _ in occurrences(lowered, ("and",)):
            before = _FIRM_BEFORE.search(lowered, max(0, start - 40), start)
            after = _NEXT.match(lowered, end)
            if before is None or after is None:
                continue
            if after.group(1) == "sons":
                names = [before.group(2)]
            elif before.group(1) is not None:
                names = [before.group(1), before.group(2), after.group(1)]
            else:
                continue
            if all(n in last and n not in _FOLLOWERS and n not in _FUNCTION  # not shorthand
                   for n in names):
                hits.append((before.start(1 if len(names) == 3 else 2), after.end(1),
                             Label.ORGANIZATION, CONTEXT))

    def full_names(self, lowered: str, words: set[str], hits: list[Hit]) -> None:
        """A given name and then a surname, for a note without case: "hope heath", "holly
        brown", "douglas bedor". Both must be in the name lists (the surname may be rare
        instead), neither a function word nor shorthand (adding shorthand to a note must not
        add a tag), and not both everyday words."""
        lex = self.lex
        firsts = {w for w in words if w in lex.first_names and len(w) > 1
                  and w not in _FOLLOWERS and w not in _FUNCTION and w not in CUE_WORDS}
        for start, end, first in occurrences(lowered, firsts):
            nxt = _NEXT.match(lowered, end)
            if nxt is None:
                continue
            last = nxt.group(1)
            if (last in _FOLLOWERS or last in _FUNCTION or last in CUE_WORDS
                    or self.clinical(last)):  # "holly brown" is lost: "brown" is shorthand
                continue
            if (last in lex.last_names or (  # "james grillo": a rare word after a given name
                    lex.freq(last) < _RARE and (first in lex.core_first_names
                                                or lex.freq(first) < _RARE))) and not (
                    lex.freq(first) >= _EVERYDAY and lex.freq(last) >= _EVERYDAY):
                hits.append((start, nxt.end(1), Label.NAME, CONTEXT))

    def repeated_names(self, lowered: str, hits: list[Hit]) -> None:
        """Every other mention of a one-word name a cue found, for a note without case: "wife
        kasia called ... kasia brought lunch". Only a word no more common than `_EVERYDAY`:
        after "wife hope called", "we hope to" stays a verb."""
        lex = self.lex
        named = {lowered[start:end] for start, end, label, rank in hits
                 if label is Label.NAME and rank == CONTEXT}
        names = {w for w in named if self._plain_word(w) and lex.freq(w) < _EVERYDAY}
        if names:
            hits.extend((start, end, Label.NAME, CONTEXT)
                        for start, end, _ in occurrences(lowered, names))

    def names_again(self, text: str, lowered: str, hits: list[Hit]) -> None:
        """Every other capitalised mention of a word of a name found in a cased note: "Re:
        Jordan Pierce ... Jordan has attended" (a country alone, "Jordan" is read as one).
        Only words no more common than `_EVERYDAY`, so "Will" opening a sentence stays a verb
        after "son Will Ortiz"."""
        lex = self.lex
        names: set[str] = set()
        everyday: set[str] = set()  # "Will", "Hope": again only before a name's verb
        typed: set[str] = set()  # again even in small letters: "Kostas ... kostas has been"
        for start, end, label, _ in hits:
            if label is Label.NAME:
                for w in _LETTERS.findall(lowered, start, end):
                    if len(w) > 2 and self._plain_word(w) and lex.freq(w) < _EVERYDAY:
                        names.add(w)
                        if lex.freq(w) < _RARE and (lex.is_name(w) or lex.freq(w) == 0):
                            typed.add(w)
                    elif len(w) > 2 and w in lex.first_names and not self.clinical(w):
                        everyday.add(w)
                if "-" in lowered[start:end]:
                    typed.update(_HYPHENED_NAME.findall(lowered, start, end))  # "min-jun"
        if names or typed:
            hits.extend((start, end, Label.NAME, CONTEXT)
                        for start, end, word in occurrences(lowered, names | typed)
                        if text[start].isupper() or word in typed)
        if everyday:
            hits.extend((start, end, Label.NAME, CONTEXT)
                        for start, end, _ in occurrences(lowered, everyday)
                        if text[start].isupper() and _NAME_VERB_AFTER.match(lowered, end))

    def _person_after(self, lowered: str, end: int, cue: str, hits: list[Hit]) -> None:
        """A name after a role or relation word: "dr okafor", "covering np lee", "wife mary",
        "son (james)", "attending: dr. brown"."""
        strong = cue in _STRONG_ROLES
        i = end
        if cue in _STATE_CODES and lowered[max(0, end - 4):end - 2].rstrip(" \t").endswith(","):
            return  # "Erie, PA. Date of service": a state after its town, no role
        if cue in _LISTED_ROLES and lowered[end:end + 1] == ",":
            return
        for _ in range(3):  # "covering md", "attending dr.": roles in a row
            dotted = lowered[i:i + 1] == "." and (len(cue) <= 3 or cue == "atty")  # "dr.",
            # "atty.", not "doctor."
            # "mrs. green": a surname even if shorthand (only with the full stop: a word put
            # between "mrs" and a name must not become one)
            titled = dotted and (cue in _PERSONAL_TITLES or cue == "dr")
            if dotted:
                i += 1
            elif lowered.startswith("-in-law", i):  # "son-in-law": the words set splits it
                i += 7
            while i < len(lowered) and lowered[i] in " \t:(,":
                i += 1
            m = _WORD.match(lowered, i)
            if m is not None and m.end() - m.start() == 1 and (
                    lowered.startswith(". ", m.end()) and cue in _BEFORE_INITIALS):
                found = len(hits)  # "dr. j. amaral": the surname after the initial, with it
                self._person_after(lowered, m.end() + 1, cue, hits)
                if len(hits) > found and hits[-1][0] > m.start():
                    hits[-1] = (m.start(), *hits[-1][1:])
                return
            if m is None or _GLUED.match(lowered, m.end()):
                return  # "aox3", "d5w", "d/c": shorthand, not a word
            word = m.group().rstrip("'\u2019-")
            if word.endswith(("'s", "\u2019s")):
                word = word[:-2]
            if word in _ROLES or word in _TITLES or (word in _KIN and cue in _KIN):
                strong = strong or word in _STRONG_ROLES or word in _TITLES  # "hcp: nephew walt"
                i = m.end()
                cue = word
                continue
            start, stop = m.start(), m.start() + len(word)
            if (lowered[start - 1:start] == "(" and lowered[stop:stop + 1] == ")"
                    and word in self.lex.first_names and not self.clinical(word)
                    and cue in _KIN):  # "his sister (hope) has not called"
                hits.append((start, stop, Label.NAME, CONTEXT))
                return
            after = _NEXT.match(lowered, stop)
            if (cue in _KIN and word in self.lex.first_names and word not in CLINICAL_WORDS
                    and ((after is not None and after.group(1) in _WHERE_AFTER_KIN)
                         or _AGE_AFTER.match(lowered, stop))):
                hits.append((start, stop, Label.NAME, CONTEXT))  # "son will in laramie"
                return
            if cue in _KIN and self._kin_given_name(word, lowered, stop, after):
                hits.append((start, stop, Label.NAME, CONTEXT))  # "uncle art showed up"
                return
            if not self._name_like(word, strong, titled) and after is not None and (
                    after.group(1) in _AFTER_NAME) and word not in _FOLLOWERS and (
                    word not in _FUNCTION and len(word) > 1 and cue not in _VERB_ROLES) and not (
                    cue in _KIN and (word in _WORK_VERBS or (
                        _VERB_LIKE.search(word) and self.lex.freq(word) >= _RARE))
                    ):  # "uncle treated at", "mother works at"; but "md bowling at 7p"
                hits.append((start, stop, Label.NAME, CONTEXT))  # "resident chance paged"
                return
            if (cue not in _KIN and word in self.lex.last_names and len(word) > 2
                    and word not in _FOLLOWERS and not self.clinical(word)
                    and _ROLL_END.match(lowered, stop)):  # "report called to rn little
                hits.append((start, stop, Label.NAME, CONTEXT))  # 1710", "cnm best, records"
                return
            if not self._name_like(word, strong, titled):
                surname = _NEXT.match(lowered, stop)  # "wife hope abrams": a surname says so
                if not (word in self.lex.first_names
                        and word not in CLINICAL_WORDS  # a plain follower may be: "friend may nix"
                        and surname is not None and (
                            (surname.group(1) in self.lex.last_names
                             and self.lex.freq(surname.group(1)) < _EVERYDAY)
                            or self.lex.freq(surname.group(1)) < _RARE)  # "partner lanita nobles"
                        and surname.group(1) not in _FOLLOWERS
                        and not self.clinical(surname.group(1))):
                    return
                hits.append((start, surname.end(1), Label.NAME, CONTEXT))
                return
            nxt = _SURNAME.match(lowered[stop:stop + 40])
            if nxt is not None:  # a surname after the given name: "wife mary santos"
                second = nxt.group(1)
                if second.endswith(("'s", "\u2019s")):
                    second = second[:-2]
                freq = self.lex.freq(second)
                end = stop + nxt.start(1) + len(second)
                if second not in _FOLLOWERS and not self.clinical(second) and (
                        second not in GENERIC) and second not in _FUNCTION and (
                        second not in _WORK_VERBS) and second not in _AFTER_NAME and not (
                        self._past_tense(second) and second not in self.lex.last_names) and (
                        (second in self.lex.last_names and (
                            freq < 200_000 or (cue not in _KIN and not _VERB_LIKE.search(second)
                                               and _ROLL_END.match(lowered, end) is not None))) or (
                            freq < _LOOSE and not (
                                freq >= _RARE and _VERB_LIKE.search(second)))
                        or (self.lex.freq(word) < (_EVERYDAY if word in self.lex.first_names
                                                   else _RARE)
                            and _NAME_ENDS.match(lowered, end) is not None)):
                    stop = end  # "son kasha speed is hcp": an everyday surname, then "is"
                elif second in self.lex.first_names and second not in _PLAIN_FOLLOWERS:
                    third = _SURNAME.match(lowered, end)  # "mother ella mae begay": a middle
                    if third is not None and self._uncommon_surname(third.group(1)):  # name that
                        stop = third.end(1)  # is shorthand too, then a surname
            hits.append((start, stop, Label.NAME, CONTEXT))
            return

    def _pharmacy(self, lowered: str, tail: int, tail_end: int, hits: list[Hit]) -> None:
        """A pharmacy named by a word or two before "drug", "rx" or "pharmacy", after "at",
        "to", "from", "the" or "and": "the hilltop drug in mandan", "at hometown rx". One word
        at least must be a name, a place or uncommon (`_PHARMACY_KINDS` only say which kind),
        and none may say what a drug is ("illicit drug", "urine drug screen")."""
        m = _PHARMACY_BEFORE.search(lowered, max(0, tail - 40), tail)
        if m is None:
            return
        named = m.group(1).split()
        if any(w in _NOT_PHARMACIES or w in _FUNCTION or self.clinical(w) for w in named):
            return
        lex = self.lex
        if any(w not in _PHARMACY_KINDS and w not in GENERIC and (
                lex.is_name(w) or w in lex.cities or lex.freq(w) < _PHARMACY_RARE)
               for w in named):
            hits.append((m.start(1), tail_end, Label.ORGANIZATION, CONTEXT))

    def _everyday_given_name(self, word: str) -> bool:
        """A given name that may be one even where it is also a word ("art", "hope", "will"):
        in the lists, no function word, and not among `_NOT_KIN_NAMES` ("said", "ed")."""
        return (word in self.lex.first_names and word not in _FUNCTION
                and word not in _NOT_KIN_NAMES)

    def _name_word(self, word: str) -> bool:
        """A word of a name that a shape says comes (a note's subject, a newborn's chart
        name): a name or a rare word of more than one letter, none shorthand, a function word
        or a kind of place ("baby boy born at 0300", "baby girl a" of twins)."""
        return len(word) > 1 and not (word in _FOLLOWERS or word in _FUNCTION
                                      or word in CUE_WORDS or word in KIND_WORDS
                                      or self.clinical(word)) and (
            self.lex.is_name(word) or self.lex.freq(word) < _RARE)

    def _subject_given_name(self, lowered: str, end: int, hits: list[Hit]) -> None:
        """A given name that is also a word, after "pt", "client" or "officer", when a verb
        follows it: "pt rose slept poorly", "officer major (probation) wants"; not "pt rose
        from bed"."""
        m = _NEXT.match(lowered, end)
        if m is None:
            return
        word = m.group(1)
        if word in _FOLLOWERS or word in _FUNCTION:
            return
        stop = m.end(1)
        spaced = lowered[stop:stop + 1] == " "
        surname = _SHAPED_SURNAME.match(lowered, stop + 1) if spaced else None
        if surname is not None and (word in self.lex.first_names or self.lex.freq(word) < _RARE
                                    ) and not self.clinical(word) and all(
                len(part) < 3 or ((self.lex.is_name(part) or self.lex.freq(part) < _RARE)
                                  and not self.clinical(part))
                for part in _LETTERS.findall(surname.group())):
            hits.append((m.start(1), surname.end(), Label.NAME, CONTEXT))  # "pt abena
            return  # owusu-mensah", "patient faith oyelowo-bennett"
        second = _NEXT.match(lowered, stop)  # "pt khamphoui sisouphanthong, 71 f": two rare
        if second is not None and _AGE_AFTER.match(lowered, second.end(1)) and all(  # words,
                self.lex.freq(w) < _RARE and not self.clinical(w) and w not in _FOLLOWERS
                for w in (word, second.group(1))):  # then the age
            hits.append((m.start(1), second.end(1), Label.NAME, CONTEXT))
            return
        if self._everyday_given_name(word) and (
                _NAME_VERB_AFTER.match(lowered, stop) or _SUBJECT_VERB_AFTER.match(lowered, stop)):
            hits.append((m.start(1), stop, Label.NAME, CONTEXT))

    def _kin_given_name(self, word: str, lowered: str, stop: int,
                        after: re.Match[str] | None) -> bool:
        """A given name that is also shorthand or an everyday word, right after a relation
        word, when a name's verb or the clause's end follows it (`_KIN_NAME_THEN`): "son will
        will be visiting", "granddaughter mae (sissy)"; "will" itself only before such a verb."""
        if not self._everyday_given_name(word):
            return False
        if after is not None and after.start() == stop:
            return after.group(1) in _KIN_NAME_THEN
        return word != "will" and _CLAUSE_END.match(lowered, stop) is not None

    def _name_before_relation(self, lowered: str, bracket: int, hits: list[Hit]) -> None:
        """One or two words before a relation in brackets: "hope (ex-partner)", "grace heath
        (sister)". The word next to the bracket must be a given name or a rare word (a surname
        after a given name), none a function word, a follower or a cue word."""
        found = _word_before(lowered, bracket, 30)
        if found is None or not self._kin_name(found[1]):
            return
        begin = found[0]
        if found[1] not in self.lex.first_names:  # a surname: its given name comes first
            given = _word_before(lowered, begin, 30)
            if given is None or given[1] not in self.lex.first_names or not self._kin_name(
                    given[1]):
                return
            begin = given[0]
        if begin and lowered[begin - 1] not in " \t\n(\"":
            return
        hits.append((begin, len(lowered[:bracket].rstrip(" \t")), Label.NAME, CONTEXT))

    def _proper(self, word: str) -> bool:
        """A word that may name, not one that says which kind: "lakeshore", "holcomb",
        "child"; not "detox", "subacute", "nursing" nor shorthand."""
        return word not in GENERIC and word not in INNER and not self.clinical(word)

    def _hospital_acronym(self, word: str) -> bool:
        """A hospital's initials ("mgh", "bwh", "bidmc", "ummc"): letters only, no word, name or
        shorthand ("osh", an outside hospital, names none)."""
        return (word.isalpha() and word not in _FOLLOWERS and not self.clinical(word)
                and not self.lex.is_name(word) and self.lex.freq(word) < _RARE)

    def _past_tense(self, word: str) -> bool:
        """A verb's past: "escorted", "updated", "e-mailed"; not "speed", "reed"."""
        known, last = self.lex.vocabulary, word.rsplit("-", 1)[-1]
        return last.endswith("ed") and len(last) > 4 and (
            last[:-2] in known or last[:-1] in known)

    def _uncommon_surname(self, word: str) -> bool:
        """A surname seldom written as a word, no shorthand: "begay", "tubbs"."""
        return (word not in _FOLLOWERS and not self.clinical(word) and self.lex.freq(word) < _RARE
                and (word in self.lex.last_names or self._unknown_name(word)))

    def _kin_name(self, word: str) -> bool:
        """A word that may be part of a relative's name: a given name, a surname or a rare
        word, and no function word, follower, cue word or shorthand."""
        lex = self.lex
        return self._plain_word(word) and (word in lex.first_names or word in lex.last_names
                                           or lex.freq(word) < _RARE)

    def _plain_word(self, word: str) -> bool:
        """Letters, more than one, and no function word, follower, cue word or shorthand."""
        return (word.isalpha() and len(word) > 1 and word not in _FUNCTION
                and word not in _FOLLOWERS and word not in CUE_WORDS and not self.clinical(word))

    def fields(self, lowered: str, words: set[str], hits: list[Hit]) -> None:
        """The value of an intake form's employer, workplace or school field, for a note
        without case: "employer: cascade credit union". The name runs to the first function
        word, follower or shorthand ("... union since 2019"); a value that says there is none
        ("none", "retired", "some college") is no name."""
        if _FIELD_WORDS.isdisjoint(words):
            return
        for m in _FIELD.finditer(lowered):
            pos = end = m.end()
            for count in range(5):
                word = _WORD.match(lowered, pos)
                if word is None:
                    break
                text = word.group()
                if (count == 0 and text in _NO_VALUE) or text in _FUNCTION or (
                        text in _FOLLOWERS or self.clinical(text)
                        or _GLUED.match(lowered, word.end())):
                    break
                end = word.end()
                gap = _NAME_GAP.match(lowered, end)  # (always matches, perhaps nothing)
                pos = gap.end() if gap is not None else end
                if pos == end:  # a comma or a full stop ends the name
                    break
            end = len(lowered[:end].rstrip("-'\u2019"))
            if end > m.end():
                hits.append((m.end(), end, Label.ORGANIZATION, CONTEXT))

    def _named_at(self, lowered: str, at: int, word: str) -> bool:
        """A surname or a place that is also an everyday word or a colour of clinical text
        ("brown", "green"), opening a facility's name right after "at", "from", "to" or "in".
        Not other shorthand: "at art ashford behavioral health" is art therapy."""
        if word in _FUNCTION or word in GENERIC or word in HEADS or not word.isalpha() or (
                not (self.lex.is_name(word) or word in self.lex.cities)) or (
                word in CLINICAL_WORDS and word not in NAMING_COLOURS):
            return False
        preposition = _word_before(lowered, at, 12)
        return preposition is not None and preposition[1] in _FACILITY_PREPOSITIONS

    def _facility(self, lowered: str, head_start: int, head: str, hits: list[Hit]) -> None:
        """A facility ending in `head`: "millbrook medical center", "county mental health"."""
        begin = head_start
        anchored = False
        inner: set[str] = set()
        past_ampersand = 0  # words read since an "&"
        named_past = False  # whether one of them is a proper word
        past_join = by_and = False  # past an "&" or an "and" (then a name, a place or a rare
        # word must follow)
        typed = last = False  # (last: the word read opens the name)
        loose_words, strong = 0, False  # proper words read, and whether one is a name, a place
        # or a rare word
        for _ in range(4):
            ampersand = lowered.endswith(" & ", 0, begin)  # "couples & family institute",
            conjoined = not (ampersand or anchored) and lowered.endswith(" and ", 0, begin)  # "sea
            joined = (inner or begin == head_start) and (ampersand or conjoined)  # view nursing
            before = _word_before(  # & rehab", "seaview gardens nursing and rehab"
                lowered, begin - (2 if ampersand else 4) if joined else begin, 30)
            if before is None:
                break
            at, word = before
            if joined and conjoined and word not in INNER:
                break  # "pt and family", "detox and rehab": "and" joins kinds, not names
            by_and = by_and or (joined and conjoined)
            past_join = past_join or joined
            if past_join and word not in INNER:
                past_ampersand += 1  # then only a proper word: not "has chosen holcomb & sons"
                if past_ampersand > 1 and not (
                        self._anchor(word) and self.lex.freq(word) < _LOOSE):
                    break
            if at and lowered[at - 1] not in " \t\n(\"":
                break  # "mg/dl greenfield cmhc": a piece of "mg/dl" is no part of a name
            if word[-1] == "." and len(word) > 2 and word not in _ABBREVIATED_PLACE_WORDS:
                break  # "discharge summary. unit: ...": a sentence ended there
            if word.endswith(("'s", "\u2019s")) and word[:-2] in self.lex.first_names:
                word = word[:-2]
            if word in INNER and word not in PLACE_ANCHORS:
                inner.add(word)
            elif word in GENERIC and word not in WHICH and not anchored and word not in HEADS:
                pass  # a kind inside the name: "kestrel regional burn center"
            elif begin == head_start and word in NEEDS_INNER.get(head, ()):
                inner.add(word)  # a kind that is a type too: "golden lotus home health" (then
                typed = True  # two proper words or a name: not "arrange home health")
            elif word == "va" and begin != head_start and not anchored:
                inner.add(word)  # "chugach va outpatient clinic"; but "ridgewood pines
                # hospital | adolescent unit": a hospital's name ends at its type
            elif anchored and self.clinical(word):
                break  # "transferred to cheyne-stokes | byers rehab": shorthand ends the name
            elif word.endswith(_COMPOUND_ADJECTIVES):
                break  # "haitian-born | home health aide"
            elif (self._anchor(word) and self.lex.freq(word) < _LOOSE) or (
                    (inner or anchored) and self._loose(word) and word not in WHICH and not (
                        self.lex.freq(word) >= _RARE and _ACTION_WORD.search(word))) or (
                    (inner or head in STRONG_HEADS) and not anchored and word not in _FOLLOWERS
                    and word not in GENERIC and (word not in HEADS or word in NAMING_HEADS)
                    and "'" not in word
                    and "\u2019" not in word):  # "hay nursing home", "king rehab"
                anchored = True
                loose_words += 1
                strong = strong or (self._anchor(word) and self.lex.freq(word) < _LOOSE)
            elif (inner or anchored or head in STRONG_HEADS) and self._named_at(
                    lowered, at, word):  # "at brown memorial hospital": a colour, a surname
                anchored = last = True  # that opens the name: none goes on before it
            else:
                break
            named_past = named_past or (past_join and self._proper(word) and (
                    not by_and or self._anchor(word)))
            begin = at
            if last:
                break
        if typed and not strong and loose_words < 2:
            return  # "arrange home health"; but "golden lotus home health"
        if past_join and not named_past:
            return  # "detox & rehab", "subacute nursing & rehab": kinds, no name
        if head in UNIT_HEADS and begin == head_start:  # "the moon unit"
            m = _UNIT_BEFORE.search(lowered, max(0, head_start - 30), head_start)
            if m is not None and m.group(1) not in GENERIC and (self._loose(m.group(1)) or (
                    self.lex.is_name(m.group(1)) and m.group(1) not in _FOLLOWERS)):
                begin, anchored = m.start(1), True
        if not anchored and inner and head in NAMING_HEADS | {"circuit"}:
            ordinal = _ORDINAL_BEFORE.search(lowered, max(0, begin - 8), begin)
            if ordinal is not None:  # "58th district court", "the 3rd judicial circuit"
                begin, anchored = ordinal.start(), True
        needs = NEEDS_INNER.get(head)
        if not anchored or (needs is not None and not needs & inner):
            return
        if head == "courthouse" and PLACE_ANCHORS.issuperset(lowered[begin:head_start].split()):
            return  # "the county courthouse"; but "buncombe county courthouse"
        if head in UNIT_HEADS and begin == head_start:
            return
        hits.append((begin, head_start + len(head), Label.ORGANIZATION, CONTEXT))


@cache
def cue_finder() -> CueFinder:
    return CueFinder(lexicon())


def uncased(text: str) -> bool:
    """Whether a note carries no case information: all (or nearly all) capitals, or no word
    written with a capital and then small letters."""
    if text.isupper() or text.islower():  # (no capital at all: the scans below find none)
        return True
    if _TITLE.search(text) is None:
        return text.isascii() or not any(  # "Émile said": a capital outside ASCII
            m.group()[0].isupper() and m.group()[1].islower() for m in _PAIRS.finditer(text))
    # Counts of the letters A-Z and a-z. Deleting them from the UTF-8 bytes counts them in C
    # (every byte of a non-ASCII character is >= 0x80, so none is counted by mistake).
    data = text.encode("utf-8", "surrogatepass")
    upper = len(data) - len(data.translate(None, _ASCII_UPPER))
    return upper > 4 * (len(data) - len(data.translate(None, _ASCII_LOWER)))


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_PAIRS = re.compile(r"\b[^\W\d_]{2}")
# "Mary", "A frank talk"; not the pronoun "I", which phones capitalise in a note typed in
# lower case ("skipping the water pill when I go out").
_TITLE = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-z]|A(?![A-Za-z]))")


# One letter of a pair of initials ("t.d.", "r. k."): no shorthand, though "t" and "r" are.
_INITIAL = re.compile(r"(?<![\w.])[a-z]\.[ ]?[a-z]\.(?!\w)|(?<=[a-z]\.)[ ]?[a-z]\.(?!\w)")


def _whole(lowered: str, word: re.Match[str]) -> str:
    """The whole of a word a hit may cut short: "geri-psych" for the "geri" of it."""
    if lowered[word.end():word.end() + 1] != "-":
        return word.group()  # the common case: the word ends where the hit does
    whole = _WORD.match(lowered, word.start())
    return word.group() if whole is None else whole.group()


_VALUE_AFTER = re.compile(r"[ \t:=]*(?:(?:of|is|was)[ \t]+)?\d")  # "MoCA of 24"


def drop_clinical_guesses(hits: list[Hit], text: str, lowered: str, cased: bool) -> list[Hit]:
    """Guesses (rank `GUESS`) lose the clinical shorthand and drugs at either end ("Dr. Welsh
    NEURO:" keeps "Welsh"), and a guess of nothing else is dropped. In a note whose case says
    something, a capitalised word inside a sentence is kept ("her friend Amber", "Dr. Brown":
    shorthand, but written as a name)."""
    finder = cue_finder()
    out: list[Hit] = []
    for hit in hits:
        if hit[2] is Label.ORGANIZATION and _heading(finder, lowered, hit[0], hit[1]):
            continue
        scale = (_SCALE.match(lowered, hit[0], hit[1])
                 if hit[3] != CHART and lowered[hit[0]:hit[0] + 1] in _SCALE_INITIALS else None)
        if scale is not None and _SCORE_AFTER.match(lowered, scale.end()) and (
                lowered[scale.end():hit[1]].strip(" \t:=").isdigit() or scale.end() == hit[1]):
            continue  # "braden 13", "MORSE FALL 45": a scale named for someone, then its score
        if hit[3] == CONTEXT and hit[2] is Label.NAME and cased:
            hit = _cased_name(hit, text)
        if hit[3] != GUESS or hit[2] not in (Label.NAME, Label.LOCATION, Label.ORGANIZATION):
            out.append(hit)
            continue
        if _form_label(finder, text, lowered, hit):
            continue
        words = list(_WORD.finditer(lowered, hit[0], hit[1]))
        kept = [i for i, w in enumerate(words)  # (a word read whole: "GERI" of "GERI-PSYCH";
                if not finder.clinical(_whole(lowered, w).rstrip("'\u2019-")) or (  # and
                    _INITIAL.match(lowered, w.start()) is not None) or (  # "Al-Anon" is shorthand
                    cased and w.end() - w.start() > 2 and text[w.start()].isupper()  # whole)
                    and "-" not in w.group()
                    and text[w.start() + 1:w.start() + 2].islower()
                    and not context(text, w.start())[0]
                    and not _VALUE_AFTER.match(text, w.end()))]  # "Cr 0.7": a lab's value
        if not words:
            out.append(hit)
        elif kept:
            first, last = kept[0], kept[-1]
            out.append((hit[0] if first == 0 else words[first].start(),
                        hit[1] if last == len(words) - 1 else words[last].end(), hit[2], hit[3]))
    return out


# Scales named for people, and what follows one's name when it is the scale: its score.
_SCALE_NAMES = ("braden", "morse", "norton", "waterlow")
_SCALE = re.compile("(?:" + "|".join(_SCALE_NAMES) + ")"
                    r"(?:[ \t]+(?:fall(?:[ \t]+risk)?|score|scale))?")
_SCALE_INITIALS = frozenset(name[0] for name in _SCALE_NAMES)  # a cheap test before the match
_SCORE_AFTER = re.compile(r"[ \t]*(?:(?:fall|score|scale|fall[ \t]+risk)[ \t]*)?[:=]?[ \t]*\d")
_LABEL_BEFORE = re.compile(r"(?:^|\n|[ \t]{2}|[.;|][ \t]*)$")


def _form_label(finder: CueFinder, text: str, lowered: str, hit: Hit) -> bool:
    """Whether a guessed word is a form's field label: a common word before a colon, where a
    line, a column or a sentence starts ("... LICSW        Date: 12/03", "Pages: 4")."""
    start, end = hit[0], hit[1]
    if text[end:end + 1] != ":" or not lowered[start:end].isalpha():
        return False
    word = lowered[start:end]  # (not a given name: "Maria: I feel fine" speaks)
    return finder.lex.freq(word) >= _RARE and word not in finder.lex.first_names and (
        _LABEL_BEFORE.search(text, max(0, start - 3), start) is not None)


_CASED_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _cased_name(hit: Hit, text: str) -> Hit:
    """A name a cue found on the lower-cased text, in a note whose case says something: a
    word in small letters after its capitalised words is not part of it ("Daughter-in-law
    Grace stops in daily"); one inside it is ("Ana de la Cruz": only the end is cut)."""
    if not text[hit[0]].isupper() or " " not in text[hit[0]:hit[1]]:
        return hit  # the common case: one word, or a name found in small letters
    words = list(_CASED_WORD.finditer(text, hit[0], hit[1]))
    if len(words) < 2:
        return hit
    end = len(words)
    while end > 1 and words[end - 1].group().islower():  # not "al-Rashid", "d'Angelo"
        end -= 1
    return hit if end == len(words) else (hit[0], words[end - 1].end(), hit[2], hit[3])


# The last word of a service's heading, not of a place's name: "Pastoral Care:", "Resp Care
# Note:", "Case Management:"; "Lahey Clinic:" stays a place.
_HEADING_TAILS = frozenset(split_words("care note services service management"))


def _heading(finder: CueFinder, lowered: str, start: int, end: int) -> bool:
    """Whether `start:end` ends a section heading: at most four words from the line's start to
    a colon, the last one of `_HEADING_TAILS`, none a name, a city or unknown ("Riverside
    Care: 555-0100" is a place in a list of contacts)."""
    if lowered[end:end + 1] != ":":
        return False
    line_start = lowered.rfind("\n", 0, start) + 1  # "Spiritual Care:" when only "Care" is hit
    *lead, tail = lowered[line_start:end].split()
    if tail not in _HEADING_TAILS or len(lead) > 3:
        return False
    lex = finder.lex
    return all(finder.clinical(word) or word in _HEADING_TAILS or (
        lex.freq(word) > 0 and not lex.is_name(word) and word not in lex.cities)
        for word in lead)
