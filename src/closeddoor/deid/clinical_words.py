"""Word lists of clinical text that the case-blind cues read by (issue 13).

`CLINICAL_WORDS` are known non-identifiers: shorthand and abbreviations ("mae", "perrla",
"foley", "abx"), units, colours and nursing words that are also in the name lists. The rest
say what stands around a name: role and relation words (cues), the words that follow them
without being a name (followers), function words, and how common a word may be and still be
read as part of a name (`EVERYDAY`, `RARE`, `LOOSE`, counts of the word-frequency list).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from closeddoor.deid.cues import split_words
from closeddoor.deid.place_kinds import BRANDS, HEADS, UNIT_TYPES

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
hiv efm pci imn vit pca mivf pgy ivs aemt tdo desat desats wbat avb piv uvc pvr vasc dme eob
idd chole extubation intubation hydrocolloid epicardial intertroch hemiarthroplasty gluconate
cholangitis hemabate phenobarb hemiwalker hemiparesis physiatrist mitral spirometry isolette
sud
dka biba bib ictal postictal post-ictal
mvi vna isp obs ladc mhw bup bupe benzo benzos rhinorrhea dayroom eval evals
countertransference interoceptive cbat approx exac prox lad atorva anc orif smi ab
psychotherapy norfentanyl nsg geri-psych des med-surg medsurg panc stn painad alz
cheyne-stokes mbi spdat vi-spdat hmis intox insta eps cadc lvn mgr
step-down stepdown
fsiq vci vsi fri wmi psi gai cpi pri pplat plat peri rm etg mar dol cga stim ebm bles bldg apt ste
elev avl avf avr ii iii cath aa dia tko perf surg dept deg bka pre-op post-op apgar apgars
trauma ob lung bronchiolitis
ggt alp ldh cpk ft4 mcv rdw amylase ammonia troponin b12 suds cmp bmp cbc phq pcl
cane wheelchair commode rollator oral odt mat lima lad svg norepi veh crepitus infirmary nyha
conc hosp incont orthostatics rna poc bibasilar gooseflesh lcadc edw avf cannulated
trendelenburg polyuria nephrosclerosis vasovagal ocp fam brugada slough das dast cpot perrl
calc comp fem eta asthmaticus exp ag nihss diff agitation tremor sweats tearful pai voc
interventional gait bedbound contin methylpred osa ahi psg
xeroform srom arom sve decels accels mec substernal genogram ecomap de-esc
amio sinemet bgl tka steri steri-strips erp als tomm anes lmhc coord asam rop
sess indiv inpatient inj abt tbi ged bac nac pdss crafft tdap lisw
peripartum nervosa vape vaping meth app parent kit pp lido epi sba lof toco conf depo uas
pharm hippocampal utd incl esol basc txa gerd tdo lsatp lcac
coli aureus pneumoniae difficile pyogenes agalactiae epidermidis faecalis faecium influenzae
cloacae aeruginosa marcescens mirabilis vaginalis trachomatis gonorrhoeae pylori albicans
""")) | frozenset(split_words("""
eaedc dta snap recert ssa ssi ssdi atm sped atty esq docket hoodie lol fwd attn
bunk inmate booking arraignment detainee al-anon nar-anon pesach kashrut lashon hara majlis
bhajan kirtan fajr hijab hammam sadaqa bendir
hasn isn doesn didn wasn weren wouldn couldn shouldn aren haven cant dont wont didnt doesnt
isnt wasnt im ive youre theyre
"""))  # case management, court and message words: no clinical shorthand, but no names either
# Colours of clinical text that are also common surnames and open places' names ("at brown
# memorial hospital", "green valley medical center"): after "at", such a word is read as a name.
NAMING_COLOURS = frozenset({"brown", "green", "white", "black", "gray", "grey"})
# Role words before a clinician's name (and relation words before a relative's, `KIN`).
ROLES = frozenset(split_words("""
dr doctor mr mrs np rn pa md resident attending covering fellow intern pcp psychiatrist
therapist counselor counsellor nurse clinician prescriber physician surgeon manager
caseworker chaplain pastor rabbi imam priest reverend mhw atty attorney judge interpreter sw
deputy dep trooper emt medic paramedic educator dietitian nutritionist pharmacist
facilitator co-facilitator cna lpn bht tech doña hon bhai mgr prosecutor sgt nnp cnm fnp aprn interp
pmhnp crnp consultant midwife doula sponsor practitioner deacon dra pct officer crna coach
aide advocate bà ông cpo capt ens cpl pfc spc ssg sfc ssgt tsgt msgt
lcdr cdr ltjg sheikh mme hataałii hataalii supervisor boss lalla hajja hajj hadja hadj sidi
"""))
# Only with a full stop, or after a cue: "daughter ms. haifley", "fr. o'malley" (a priest;
# "16 fr foley" is a catheter's size).
TITLES = frozenset({"ms", "mx", "fr", "rev"})
KIN = frozenset(split_words("""
wife husband spouse partner son daughter mother mom father dad sister brother niece nephew
aunt uncle cousin grandson granddaughter grandmother grandfather grandma grandpa friend
boyfriend girlfriend fiance fiancee roommate neighbor neighbour son-in-law daughter-in-law
sister-in-law brother-in-law stepson stepdaughter stepmother stepfather stepdad stepmom
stepbrother stepsister hcp proxy guardian sib sibling née
boss supervisor coworker co-worker colleague fob mob dtr sis bro
tío tio tía tia abuela abuelo abuelita abuelito primo prima padrino madrina comadre compadre
mamaw papaw memaw yiayia papou tita tito bubbe zayde granddtr
shimásání shimasani shicheii shinálí shinali jjajja aunty auntie whaea koro kuia tūtū
"""))
# Words that follow a role or relation word without being a name: "md aware", "wife called".
PLAIN_FOLLOWERS = frozenset(split_words("""
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
checks checked checking progress thru employer employers declines declined endorses endorsed
denies denied plans planned hopes hoped needs needed tries tried thinks knows knew misses
worries remains returns returned alert speaks interprets referral referrals
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
"""))
FOLLOWERS = PLAIN_FOLLOWERS | CLINICAL_WORDS
# Words that are cues by design: a role or relation word before a name, a facility's type
# after one, a unit's name; adding one of these to a note may add a tag.
CUE_WORDS = ROLES | TITLES | KIN | HEADS | UNIT_TYPES | {"st", "saint"} | BRANDS
WORD = re.compile(r"[a-z][a-z'\u2019-]*")
# The word before a position, read on the reversed text (see `word_before`).
_WORD_BEFORE_REVERSED = re.compile(r"\n?[ \t]+((?:[^\W\d_A-Z]|['\u2019.-])*[^\W\d_A-Z])")
LETTERS = re.compile(r"[^\W\d_]+")
GLUED = re.compile(r"[\w/&]")
NEXT_WORD = re.compile(r"[ \t]+([a-z]{2,})(?![\w'\u2019/&-])")
FUNCTION_WORDS = frozenset(split_words("""
a an the and or of to at in on for from with by is was over under about into onto during
"""))
# Words no street name is made of in a note without case: "2 x at st. mary's", "2 tabs po".
NOT_STREET_NAMES = CLINICAL_WORDS | FUNCTION_WORDS | frozenset(split_words("""
x w wk wks day days hr hrs min mins times tabs caps pills units doses blocks miles mi ft feet
yards steps laps stairs flights way his her their my your our pt pts patient per via lead
leads
"""))
FACILITY_PREPOSITIONS = frozenset({"at", "from", "to", "in", "into"})
# What follows "works" when it is a verb, not a business's last word ("iron works"): "joaquín
# works at", "son works nights".
WORKS_AS_VERB = re.compile(r"[ \t]+(?:at|as|for|in|on|with|from|nights|days|evenings|weekends|"
                           r"full|part|two|three|long|overtime|mornings|overnights|double|"
                           r"rotating|first|second|third|night|overnight|swing|graveyard|\d|1st|2nd|3rd|"
                           r"(?:mon|tues|wednes|thurs|fri|satur|sun)days)"
                           r"\b")  # "ndayisaba works 1st shift", "chidera works saturdays"
VERB_LIKE = re.compile(r"(?:ed|ing|ly|es|ize|ise)$")
EVERYDAY = 20_000
RARE = 1_000
# A vowel: a word without one is shorthand or an acronym ("qtc", "emdr"), never a name.
VOWEL = re.compile(r"[aeiouy]")
LOOSE = 50_000  # a word more common than this is never part of a facility's name


def word_before(lowered: str, end: int, reach: int) -> tuple[int, str] | None:
    """(start, word) of the word before `end` with spaces or tabs between (and perhaps a newline
    after them), starting at most `reach` characters back; None if there is none. A word is a
    small letter, then small letters, apostrophes, full stops or hyphens: "dr.", "o'neil",
    "zúñiga" (any alphabet's letters: the note is lower-cased).

    The same as `re.search(r"([a-z][a-z'.-]*)[ \\t]+$", lowered[end - reach:end])`, but read
    backwards with one anchored match: searching forwards tries a match at every position."""
    m = _WORD_BEFORE_REVERSED.match(lowered[max(0, end - reach):end][::-1])
    if m is None:
        return None
    start = end - m.end(1)
    return start, lowered[start:end - m.start(1)]


_NON_SPACE = re.compile(r"\S+")


def kept_words(text: str, keep: Callable[[str], bool]) -> list[re.Match[str]]:
    """The words of `text` once those `keep` refuses at its start are dropped ("bib |
    miami-dade", "at | polynesian"), or none if `keep` refuses one of the rest."""
    words = list(_NON_SPACE.finditer(text))
    while words and not keep(words[0].group()):
        words.pop(0)
    return words if all(keep(word.group()) for word in words) else []
