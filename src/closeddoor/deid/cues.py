"""Words around a capitalised name that say what it is: "my sister ___", "works at ___", "Dr. ___".

Kept apart from the detector so the vocabulary can be read (and extended) in one place. Cues
are judged on the one or two words right before a name, looked up in sets (fast), not by
searching the text again.
"""

from __future__ import annotations

import re


def split_words(text: str) -> list[str]:
    """The words of a whitespace-separated list (long word lists read better that way)."""
    return text.split()

RELATIONS = frozenset(split_words("""
mom mother mum mama dad father papa parent parents sister brother sibling son daughter child
kid kids baby husband wife spouse partner boyfriend girlfriend fiance fiancee fiancé fiancée ex
ex-partner ex-husband ex-wife ex-boyfriend ex-girlfriend friend roommate boss manager supervisor
coworker co-worker colleague neighbor neighbour cousin aunt auntie uncle niece nephew grandmother
grandma grandfather grandpa grandson granddaughter grandparent grandchild stepmother stepmom
stepfather stepdad stepson stepdaughter stepsister stepbrother mother-in-law father-in-law
sister-in-law brother-in-law son-in-law daughter-in-law therapist psychiatrist psychologist
counselor counsellor doctor
physician pcp nurse teacher principal coach pastor priest minister rabbi imam lawyer attorney
caseworker manager worker officer landlord landlady sponsor babysitter nanny classmate bf gf
prescriber provider mentor tutor pediatrician dentist bff date named called aka nicknamed
sisters brothers friends daughters sons cousins abuela abuelo tia tio lola lolo nana granny
memaw mawmaw papaw
"""))
PERSON_PAIRS = frozenset({("name", "is"), ("known", "as"), ("goes", "by"), ("named", "is")})
_ORG_VERBS = frozenset(split_words("""
works work working worked employed employee job position shift shifts hired fired off intern
internship volunteer volunteers volunteering manager cashier nurse teacher student students
clerk driver
"""))
ORG_PAIRS = frozenset(
    {(v, p) for v in _ORG_VERBS for p in ("at", "for", "by", "with", "from")}
    | {("goes", "to"), ("went", "to"), ("enrolled", "at"), ("enrolled", "in"),
       ("graduated", "from"), ("transferred", "to"), ("admitted", "to"), ("discharged", "from"),
       ("hospitalized", "at"), ("hospitalised", "at"), ("treated", "at"), ("seen", "at"),
       ("inpatient", "at"), ("rehab", "at"), ("detox", "at"), ("member", "of"),
       ("member", "at"), ("services", "at"), ("meetings", "at"), ("meeting", "at"),
       ("letter", "from"), ("records", "to"), ("call", "from"), ("referred", "by")})
# "Employer: Summit Auto Body": a form's label before a colon.
ORG_LABELS = frozenset({"employer", "school", "workplace", "company", "job", "work", "church",
                        "hospital", "clinic", "agency", "pharmacy", "insurer", "college",
                        "university", "program", "facility", "shelter", "practice",
                        "parish", "congregation", "mosque", "masjid", "temple", "synagogue"})
ORG_VERBS_ALONE = frozenset({"attends", "attend", "attending", "attended", "joined", "left",
                             "quit"})
_PLACE_VERBS = frozenset(split_words("""
lives live living lived moved moving move relocated relocating up born raised resides reside
residing staying stays stayed visiting visited visit trip drove driving flew located house home
apartment office police out back
"""))
PLACE_PAIRS = frozenset({(v, p) for v in _PLACE_VERBS
                         for p in ("in", "to", "from", "on", "at", "near")})
WEAK_PLACE = frozenset({"in", "to", "from", "near", "at", "on", "of", "outside", "around"})
STREET_WORDS = frozenset({"on", "off", "at", "near", "along", "down", "up", "onto", "across"})
# "Stevn removed the medications": a capitalised unknown word opening a sentence, then a verb.
PERSON_AFTER = re.compile(
    r"\s+(?:[a-z]+ed\b|said|says|stated|states|reported|reports|called|calls|texted|texts|"
    r"e-?mailed|at\s+[(+\d]|"
    r"wrote|writes|told|asked|asks|wants|wanted|came|comes|visited|left|moved|works|worked|"
    r"lives|lived|and\s+I|who|has\s+been|had\s+been|is\s+(?:moving|having|still|not|now)|"
    r"was\s+(?:born|admitted|arrested|diagnosed)|\()")
# Capitalised words that name a thing, not a person: "Crohn's disease", "Maslow's hierarchy",
# "the Conners rating scale", "YouTube videos", "takes Adderall", "uses Headspace".
THING_AFTER = re.compile(
    r"(?:['\u2019]s?\s+(?:disease|syndrome|disorder|palsy|hierarchy|stages|model|law|dementia)"
    r"|\s+(?:disease|syndrome|disorder|hierarchy|stages?|model|scale|rating|inventory|"
    r"questionnaire|criteria|forms?|assessment|test|method|technique|protocol|approach|apps?|"
    r"videos?|playlists?|account|feed|channel|meditation|podcasts?|defusion|exercises?|"
    r"delusion|sarcoma|lymphoma|carcinoma|palsy|chorea|neuralgia|dystrophy|anomaly|"
    r"notifications?|subscription|streaks?|act)\b)")  # the "baker act": a law
# After a word that is no common given name, what says it names a method, a theory or an
# instrument even with words between: "Jacobson's progressive muscle relaxation", "Worden's
# tasks of mourning", "the Burns results", "Piers-Harris Children's Self-Concept Scale".
# A given name is left alone: "Maria's family therapy" is the client's.
METHOD_HEADS = frozenset(split_words("""
therapy therapies psychotherapy model models theory theories approach approaches technique
techniques training program programme programs dialogue dialogues practice relaxation response
tasks phases stages needs cycle psychodrama experiencing framework paradigm principles
interventions intervention protocol exercises hierarchy concepts theme themes method methods
inventory scale scales questionnaire checklist test tests battery subtests screener index
results scores score subscale subscales norms profile criteria measure
"""))
# Words that never stand between such a name and the method: "Vasquez's mother came to
# therapy", "Ortiz's own program".
METHOD_BREAKS = frozenset(split_words("""
a an the and or but of to at in on for from with by as is was are were be been has had have
will would can could should may might must did does do not no own new old his her their its
my your our he she they it who that which this these those mother father sister brother son
daughter wife husband partner friend first last next
"""))
# A run of capitalised words ending in one of these names an instrument or a condition, not
# someone: "Beck Depression Inventory", "Hamilton Anxiety Rating Scale", "Gottman Method".
THING_TAILS = frozenset(split_words("""
inventory scale scales questionnaire checklist test tests method model index interview
battery screener protocol syndrome disease disorder criteria survey measure
"""))
# After an eponym (vocabulary.EPONYMS), what says it names a method, an instrument or a
# condition: an acronym ("Linehan's DBT", "Ellis's ABC model") or one of these nouns.
_EPONYM_THINGS = """disease syndrome disorder palsy chorea thyroiditis dementia phenomenon
delusion sign reflex triad model method theory therapy approach technique techniques protocol
scale scales inventory test testing tests battery subtests profile criteria stages stage
hierarchy matrix skills framework principles interventions exercises training conditioning
reinforcement schedules questionnaire checklist interview assessment screen results scores
score items horsemen factors stances concepts cycle triangle effect paradigm distortions tics
symptoms diagnosis relaxation program curriculum"""
_EPONYM_NOUNS = "|".join(split_words(_EPONYM_THINGS))
EPONYM_USE = re.compile(rf"(?:['\u2019]s?)?[ \t]+(?:[A-Z]{{2,}}\b|(?:{_EPONYM_NOUNS})\b)")
# A condition's eponym alone in the possessive, then no noun: "diagnosed with Hashimoto's.",
# "Huntington's and", "Parkinson's in his father" (not "Parkinson's wife").
DISEASE_ELLIPSIS = re.compile(
    r"['\u2019]s?(?:[ \t]*(?:[.,;:)!?\n]|\Z)|[ \t]+(?:and|or|in|is|was|has|had|with|since|"
    r"last|which|that|but|for|at|on|as|runs|may|can|will|from|were|are|also|too)\b)")
# After a word that opens a sentence and is both a name and a common word ("Frank", "Sandy"):
# a verb or one of these says a person is the subject ("Frank said", "Sandy will call").
SUBJECT_WORDS = frozenset(split_words("""
is was has had will would can could should may might must does did do and or feels felt
thinks thought wants needs went came got took gave made brought saw kept met ran sent told knew
found became began drove lives works keeps seems says said also still never often always
recently just now then again too who herself himself
"""))
THING_VERBS = frozenset(split_words("""
takes take taking took started starting stopped stopping prescribed increased decreased
switched tapered tapering restarted needed needs keeps uses use using watches watching
listens listening posts posting downloaded installed plays playing dose dosage
"""))
# Before "on" and an app, a platform or a store: "hours on ___", "bought it on ___"; not
# "relies on ___", "checked on ___".
APP_BEFORE_ON = frozenset(split_words("""
hours hour time minutes evenings nights posted posts posting post bought buys buying
ordered orders ordering shopping shops shopped sells selling sold listed met matched chats
chatting chatted messaging messages messaged gift gifts money spent spends spending scrolling
scrolls scrolled streaming streams streamed games gaming gamer plays played playing watches
watched watching profile account accounts followers videos
"""))
# The states' postal codes, Puerto Rico's with them.
STATE_CODES = (r"A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|"
               r"RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|PR")
STATE_AFTER = re.compile(rf",?\s+(?:{STATE_CODES})\b")
# Canada's provinces and territories by their codes, and a Canadian postal code, as regular
# expression text (written as a state's code and a ZIP code are: "montreal, qc h1z 3g4").
PROVINCE_CODES = "qc|on|bc|ab|mb|sk|ns|nb|nl|pe|yt|nt|nu"
CANADIAN_POSTAL_CODE = r"[a-z]\d[a-z][ -]?\d[a-z]\d"

TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "rev", "sgt", "officer",
                    "detective", "judge", "coach", "nurse", "pastor", "father", "sister",
                    "aunt", "uncle", "grandma", "grandpa", "mister", "doctor", "capt", "lt",
                    "atty", "attorney", "rabbi", "imam", "chaplain", "reverend", "pasteur",
                    "doña", "dona", "hon", "bhai", "sœur", "soeur", "bro", "bishop", "elder",
                    "deacon", "sheikh", "minister", "mme", "hataałii", "hataalii", "honorable",
                    "lalla", "hajja", "hajj", "hadja", "hadj", "sidi"})
ORG_SUFFIXES = frozenset(split_words("""
inc inc. llc l.l.c. ltd ltd. plc corp corp. corporation company co co. group partners society
associates industries holdings enterprises solutions systems services technologies labs
foods motors logistics consulting counseling counselling behavioral health healthcare
hospital clinic pharmacy school elementary academy college university institute church
methodist baptist presbyterian lutheran episcopal catholic temple synagogue mosque chapel
ministries parish ymca ywca crossfit gym fitness bank library center centre foundation
department dept police court jail prison shelter cafe café restaurant bakery market store
salon studio studios club hotel inn motel airport casino brewery grill diner farms dental
medical pediatrics psychiatry rehab rehabilitation recovery hospice agency firm llp pllc
works construction manufacturing insurance realty properties media publishing
network trust union mall supermarket autos automotive transit railway airlines sons auto body
shop garage repair plumbing electric landscaping roofing cleaning hardware nursery pizza
tavern kitchen coffee supply supplies lumber transport trucking design spa vet veterinary
bar pub daycare care preschool warehouse factory plant mill mills farm ranch bistro deli
freight paving textiles masonry commons pavilion pantry psychology towing
paper poultry pork meats packing packers plastics tire tires storage wellness marine steel
metals dairy creamery seafood printing graphics welding concrete excavating logging timber
rentals outfitters furniture flooring cabinets fabrication insulation hvac orchards vineyards
winery distillery distributors wholesale outlet mart depot cleaners laundromat lodge resort
co-op house high middle intermediate authority laundry coal mining energy fellowship
mortuary taproom polytechnic refining refinery apartments partnership mutual florist
dialysis management cabinetry assoc
tabernacle assembly masjid diagnostics electronics conservatory catering dispensary optics
optical collaborative tackle nutrition jewelers jewelry administrators gallery painting
software endocrinology vihara infusion haulers caterers aggregates cab taxi drilling
fulfillment products circuits schools bakeshop shipyard builders fc fabricators charities
donuts association resettlement unified erectors quarry cdc offshore
"""))
# The states by name, lower case: larger than a state is allowed (Safe Harbor), so never a town.
US_STATES = frozenset({
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
    "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
    "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia",
    "wisconsin", "wyoming", "district of columbia",
})
# A credential after dotted letters says they are someone's initials: "signed: m.d., lpc".
CREDENTIAL_AFTER = re.compile(r"(?i),?[ \t]*(?:lpc|lpcc|lcpc|lcsw|licsw|lmft|lmhc|lmsw|msw|psyd|"
                              r"phd|edd|ma|ms)\b")
# Capitalised for reasons other than naming someone or somewhere smaller than a state.
_NOT_NAMES_OTHER = frozenset(split_words("""
i i'm i've i'd i'll god lord bible internet english spanish french german chinese
psyd phd edd lcsw licsw lpc lpcc lmft lmhc lmsw msw md do rn np pa lcpc dsm icd cpt esq
docket sped attn rhit dpt tel
ok tv ii iii iv jr sr mon tue tues wed thu thur thurs fri sat sun client pt writer
therapist clinician mom dad grandma grandpa mother father sister brother aunt uncle
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends weekdays
shabbat employer witness mass sikh gurmukhi
pages
"""))
# Peoples and languages: "Haitian-born", "Haitian Creole" (not a tribe, a nation smaller than a
# state); they stay in an organisation's name ("Hmong Alliance Church").
PEOPLES = frozenset(split_words("""
american african mexican haitian creole tongan samoan filipino filipina vietnamese korean
japanese somali ethiopian eritrean nigerian ghanaian kenyan congolese sudanese afghan iraqi
syrian iranian persian arabic arab pakistani bengali punjabi nepali cambodian khmer laotian
thai burmese cantonese mandarin russian ukrainian polish italian greek portuguese brazilian
cuban salvadoran guatemalan honduran colombian venezuelan peruvian jamaican latino latina
latinx hispanic asian european caribbean lingala kriolu garifuna kriol pashto dari farsi
quechua ilocano ilokano chamorro tagalog hmong mixtec zapotec k'iche' kiche tigrinya amharic
oromo swahili kinyarwanda kirundi yoruba igbo hausa wolof bosnian serbian croatian albanian
armenian turkish kurdish hebrew yiddish hindi urdu gujarati tamil telugu malayalam marathi
sinhala tibetan marshallese chuukese palauan hawaiian fijian navajo lakota ojibwe cherokee
yupik inupiaq visayan cebuano chaldean assyrian bhutanese rohingya uyghur mennonite amish
dutch maya mayan q'eqchi' q'eqchi kaqchikel
darija amazigh tamazight kabyle tarifit tachelhit berber luo kikuyu luganda kalenjin kamba luhya
baganda chagga kisii aymara chichewa chewa nyanja bemba ndebele tumbuka lozi soninke
kreyol kreyòl dominican guyanese trinidadian barbadian bajan verdean azorean
lebanese palestinian jordanian egyptian moroccan yemeni liberian cameroonian senegalese
ivorian rwandan ugandan tanzanian zimbabwean choctaw chickasaw seminole muscogee apache
comanche kiowa osage lumbee hopi zuni tlingit haida aleut athabascan athabaskan gwich'in
mizo zomi karenni kachin
kazakh kyrgyz uzbek tajik turkmen bashkir ossetian chechen ingush azerbaijani azeri malayali
kannada parsi gagauz aromanian yapese pohnpeian kosraean i-kiribati tuvaluan maori yurok karuk
mvskoke circassian yazidi maltese sicilian sardinian burkinabe beninese nigerien zarma
vincentian grenadian
"""))
NOT_NAMES = _NOT_NAMES_OTHER | PEOPLES
MONTH_NAMES = frozenset({"april", "may", "june", "august"})  # months that are also names
# Written with full stops these are more often someone's initials than anything else, except:
NOT_DOTTED_INITIALS = frozenset({"US", "AM", "PM", "MD", "RN", "ER", "DC", "LA", "NY", "PO",
                                 "ID", "UK", "EU", "UN", "AA", "NA", "PA", "NP", "DO"})
# Common abbreviations that look like initials.
NOT_INITIALS = frozenset({"US", "AM", "PM", "MD", "RN", "BA", "BS", "MA", "MS", "DC", "ER",
                          "PA", "NP", "DO", "OT", "PT", "UK", "EU", "UN", "AA", "NA", "OK",
                          "LA", "NY", "SI", "HI", "ID", "IQ", "TV", "PO", "JR",
                          "SR", "PHD", "MSW", "CBT", "DBT", "ADHD", "PTSD", "OCD", "MDD", "GAD",
                          "IOP", "PHP", "ROI", "DOB", "DOS", "MRN", "SSN", "ICD", "DSM", "CPT"})
# Before a lower-case word that is both a name and an everyday word ("hope", "may", "frank"),
# these say it is the everyday word: "expressed hope", "she may", "a frank talk".
EVERYDAY_BEFORE = frozenset(split_words("""
a an the this that these those some any no much more most less little great real new good
her his their my your our its i you he she we they it who which what client pt writer there
not also still never can could would should will must might to of in for on by
expressed express expresses expressing feel feels felt find found have has had full
one two three four five six seven eight nine ten few several many
"""))
