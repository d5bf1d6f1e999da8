"""The words that say which kind of place or business a name belongs to (issue 13).

A facility, a business or a church is often named by its kind: the kind word ends the name
("millbrook medical center", "red river poultry", "mount olive free will baptist church"), and
words of kind may stand inside it ("county mental health"). These lists say which words are
kinds, which stand inside names, and which need another word beside them; `facilities.py` reads
names with them in any case.
"""

from __future__ import annotations

from closeddoor.deid.cues import split_words

UNIT_TYPES = frozenset(split_words("micu sicu ccu csru cvicu ticu nicu picu ficu cticu cicu "
                                   "nsicu tsicu bicu pcu imcu nsdu cdu apu bhu"))
# A facility named by its type: the last word of its name, and words that may stand inside it.
HEADS = frozenset(split_words("""
hospital center centre clinic general memorial regional health rehab rehabilitation home hosp
practice services va cmhc healthcare infirmary institute sanitarium sanatorium hospice unit
ctr court living medicine wing circuit courthouse nurses system bh jail cboc plan treatment
prison penitentiary systems
facility station rrtp program vamc ems nursing service annex
"""))
# Heads of a hospital's own units, named by one proper word: "the moon unit", "magnolia wing".
UNIT_HEADS = frozenset({"unit", "wing"})
# Heads that name a facility only after two proper words, or one that is a name, a place or a
# rare word: "warrior path residential program"; not "discussed adult day program".
WEAK_HEADS = frozenset({"program"})
# The kinds of court, as a regex alternation: "circuit court of cook county", "family court of
# the fifth judicial district".
COURT_KINDS = ("circuit|superior|district|probate|family|juvenile|municipal|supreme|chancery|"
               "criminal|civil|housing|drug|tribal|county|state")
# Heads that also stand inside a name: "Juniper Court Assisted Living".
NAMING_HEADS = frozenset({"court"})
INNER = frozenset(split_words("""
medical health mental behavioral behavioural counseling counselling community psychiatric
nursing family recovery general memorial regional university state county veterans
children's childrens women's rehabilitation rehab treatment care crisis wellness cancer heart
specialty urgent primary day district superior municipal probate juvenile housing youth
guidance funeral assisted independent senior internal chancery circuit magistrate tribal
federal bankruptcy criminal civil appeals supreme drug forensic geriatric adolescent
detention correctional resource judicial psychological visiting gender immigration refugee
men's eating disorder disorders surgical surgery psychosis early residential disability visitation
learning vet child friendship integrated infusion oncology aging
determination therapeutic legal social birth
"""))
# Words before a facility's type that say which kind, not which one: "a local hospital".
GENERIC = frozenset(split_words("""
previous prior local nearest outside another same other different new old big small large
public private inpatient outpatient nearby area any every each our your my their his her its
psychiatric psych general acute long-term short-term closest regular usual this that
pain sleep walk-in free cardiology oncology psychiatry urgent primary dental eye anxiety mood
methadone suboxone lipid diabetes wound infusion dialysis cardiac pulmonary drug alcohol
physical subacute residential day teaching research veterans children's women's county's
university's state's memory fertility specialty surgical medical mental behavioral family
telemetry detox locked unlocked secure adolescent adult geriatric dementia maternity labor
delivery stepdown observation respiratory burn trauma transplant pediatric crisis intake
admissions nursing rehab neuro ortho renal school geri gero geropsych peds med-surg medsurg tele
geropsychiatric
perinatal postpartum prenatal therapy medicaid medicare tricare continued ongoing extended
campus air sweat student shabbat sabbath worship prayer
"""))
# Those that say which one of a kind, as a determiner does, and never stand inside a name:
# "a local burn center", "continued residential treatment" (the others may: "fifth street
# adult day center", "kestrel regional burn center").
WHICH = frozenset(split_words("""
previous prior local nearest outside another same other different any every each our your my
their his her its this that closest regular usual nearby area continued ongoing extended
"""))
# Heads that name a facility after any proper word: "king rehab", "moon clinic".
STRONG_HEADS = frozenset({"hospital", "hosp", "clinic", "memorial", "rehab", "regional",
                          "infirmary", "hospice", "va", "cmhc", "sanitarium", "sanatorium",
                          "cboc", "rrtp", "vamc"})
PLACE_ANCHORS = frozenset({"county", "state", "city", "university", "veterans"})
NEEDS_INNER = {
    "health": {"mental", "behavioral", "behavioural", "community", "family", "home", "gender",
               "tribal", "women's", "senior", "integrated", "day"},
    "home": {"nursing", "group", "funeral", "jewish", "lutheran", "methodist", "baptist", "care",
             "presbyterian", "catholic", "episcopal", "masonic", "veterans"},
    "services": {"recovery", "health", "family", "counseling", "behavioral", "youth", "crisis",
                 "home",
                 "protective", "psychological", "refugee", "community", "determination",
                 "disability", "senior", "legal", "social"},
    "living": {"assisted", "independent", "senior"},
    "medicine": {"family", "internal"},
    "circuit": {"judicial"},  # "satilla judicial circuit"; not "the 9th circuit"
    "nurses": {"visiting"},  # "buckeye visiting nurses"; not "night nurses"
    "court": {"district", "superior", "municipal", "probate", "juvenile", "housing", "chancery",
              "circuit", "family", "county", "drug", "treatment", "magistrate", "tribal",
              "federal", "bankruptcy", "criminal", "civil", "appeals", "supreme", "mental",
              "immigration", "veterans", "therapeutic", "wellness", "justice", "town", "youth",
              "sessions", "metropolitan", "violence", "relations", "claims", "pleas", "city",
              "jdr", "landlord-tenant"},
    "plan": {"health", "dental"},  # "blue pines health plan"; not "the plan"
    "facility": {"correctional", "detention", "treatment", "nursing", "care", "residential",
                 "psychiatric", "rehabilitation", "rehab"},  # "ridgeway correctional facility"
    "nursing": {"skilled"},  # "valley view skilled nursing"; not "d/c to skilled nursing"
    "service": {"car", "limo", "taxi", "ambulance", "ferry", "towing"},  # "astoria car service"
    "station": {"health"},  # "cedar point health station"; not "the nurses' station"
    "program": {"residential", "day", "treatment", "recovery", "disorders", "disorder",
                "psychosis", "housing", "methadone", "diversion", "reentry", "health",
                "wellness", "counseling", "youth", "prevention"},  # "warrior path
    # residential program", "evergreen eating disorders program"; not "our day program"
    "treatment": {"residential", "day"},  # "northern lights residential treatment"
    "system": {"health", "healthcare"},  # "northern pines health system"
    "systems": {"health", "healthcare"},
    "jail": {"regional"},  # "south central regional jail"; not "the county jail"
    "bh": {"tribal", "county", "community", "family", "youth", "adult"},  # "leech river tribal
    # bh"; not "mrn bh-2290417"
}  # "hay nursing home", "quincy district court"; not "food court"
BRANDS = frozenset({"mercy", "kaiser", "providence", "baptist", "methodist", "presbyterian",
                    "adventist", "ascension", "sutter", "dignity"})
# Health systems whose name is no everyday word, a body alone or before its branch ("inova",
# "geisinger wyoming valley", "cedars-sinai"); the writers mark every one. Not those that are
# also a town ("hackensack") or a person's name ("sanford", "emory").
HEALTH_SYSTEMS = frozenset(split_words("""
geisinger avera essentia intermountain ochsner allina novant honorhealth uchealth ohiohealth
promedica mercyhealth gundersen aspirus froedtert corewell unitypoint wellspan christianacare
medstar centracare multicare peacehealth wellstar inova sentara carilion northwell montefiore
christus mclaren cedars-sinai newyork-presbyterian mercyone
""")) | {"mount sinai"}
# A business, school or county named by its type (issue 13, notes without case): the type
# word after one to three proper words, "prairie auto body", "gilmore middle school",
# "copper kettle brewing", "lake county"; not "the gym", "his school", "high school".
BUSINESS = frozenset(split_words("""
inc llc ltd corp corporation company partners associates industries holdings llp pllc
enterprises solutions technologies foods motors logistics consulting counseling counselling
school elementary academy college university institute church ministries parish ymca ywca
crossfit gym fitness bank library foundation cafe restaurant bakery market salon studio studios
hotel inn brewery brewing grill diner farms dental works construction manufacturing realty
properties publishing supermarket autos automotive sons plumbing electric landscaping roofing
cleaning hardware nursery pizza care body county union millworks trucking transport chapel
tabernacle cathedral
freight paving textiles masonry commons pavilion pantry psychology pharmacy towing
taproom mortuary polytechnic deli apartments partnership mutual florist assoc collective tavern
saloon cemetery bookstore mandir gurdwara mosque synagogue group prep conservatory mission
masjid vihara pub assembly kitchen supermercado daycare schools bakeshop hall ensemble ministry
project society seminary barbershop tap charter coalition towers pizzeria
warehouse shack charities palace association assn unified cdc bbq collegiate buffet
tortilleria tortillería carniceria carnicería panaderia panadería taqueria taquería botanica
botánica pupuseria pupusería lavanderia lavandería joyeria joyería
mutt kshetram kshethram sangha anjuman agiary jamatkhana gurudwara analytics pharma rfc isd
"""))
# Types that end a business's name only after a name or a place that is no everyday word:
# "hollis property group"; not "dbt skills group", "our peer group".
NAMED_ONLY = frozenset({"group"})
# Shops named for their owner: "mike's pizza", "dot's diner".
SHOPS = frozenset(split_words("""
pizza pizzeria towing diner grill bakery cafe restaurant deli pub tavern salon plumbing roofing
landscaping hardware automotive autos lube tackle tack harness shop market laundromat kitchen
cleaning cleaners bakeshop
"""))
# Type words that say a name stands before them even when no word of it is in a name list.
STRONG_BUSINESS = frozenset(split_words("""
inc llc ltd corp brewing brewery landscaping roofing plumbing crossfit realty body motors
towing cdc
"""))
# Trades that name a business only after two words or more that could be a name, or one rare
# word: "red river poultry", "north woods paper", "bees knees storage", "bighorn behavioral"
# (not "toilet paper", "in storage", "fresh poultry").
TRADES = frozenset(split_words("""
paper poultry pork meats packing packers plastics tire tires storage lumber supply supplies
seafoods wellness marine steel metals feed seed dairy creamery cannery seafood graphics
welding concrete excavating timber rentals outfitters furniture flooring cabinets glass
fabrication insulation hvac greenhouses orchards vineyards winery distillery distributors
distribution wholesale outlet mart depot cleaners laundromat lodge resort co-op coop
cooperative recovery grain gear bowling authority house shelter behavioral behavioural laundry
motel wash coal mining energy refining refinery dialysis transit lanes florist cabinetry
shuttle management harness saddlery books detox spa shrimp crab oyster oysters crawfish fisheries
iop therapy linen tailoring alterations lube processing fc fish pallet pallets crate shop
retreat salvage imaging cab taxi ranch tile marble grocery traders post otp homecare
catering dispensary optics optical casino collaborative fuel gardens council co diagnostics
electronics nutrition tackle administrators jewelers jewelry law gallery tack painting software
infusion haulers hauling caterers systems aggregates die shipping sweets donuts shipyard
drywall semiconductor lines benefits aerospace forestry suites imports drilling fulfillment
products circuits medevac produce foundry controls stamping nails builders fabricators
pumping tools packaging erectors parking quarry offshore meatpacking staffing janitorial
shipyards growers heating maids repair feedyard feeders feedlot guidance rental braiding
contractors arcade stevedoring charters railway railroad livery braids castings interiors
carriers judaica sefarim playgroup dme hub rugby parts tailors movers limo networks navigators
attendants
"""))
# Specialties that end a practice's name as a trade does: "wasatch valley neurology" (and stand
# inside one: "saint-onge neurology assoc").
SPECIALTIES = frozenset(split_words("""
neurology cardiology dermatology orthopedics orthopaedics pediatrics urology podiatry
chiropractic optometry audiology endocrinology oncology ankle psychiatry fertility
neuropsychology
"""))
# Words that stand inside a trade's name without being its proper part: "prairie medical
# supply", "downeast lumber supply".
TRADE_INNER = frozenset({"medical", "office", "farm", "home", "auto", "building", "party",
                         "pet", "feed", "lumber", "steel", "tire", "restaurant", "janitorial",
                         "housing", "transit", "port", "water", "car", "produce", "nail",
                         "nails", "family", "men's", "women's", "homeless", "brothers", "sons",
                         "halal", "scrap", "meat", "trading", "traditional", "tribal", "care",
                         "fire", "praise", "support", "bait", "benefit", "benefits", "cargo",
                         "immigration", "pediatric", "rug", "rugs", "data", "coal", "tool", "foot",
                         "respiratory", "freight", "mutual", "dry", "baking", "perinatal",
                         "foods"})
# Every word that says a business's name ends or goes on ("tire & auto", "forge & axle works").
BUSINESS_WORDS = BUSINESS | TRADES | TRADE_INNER
# Words that say which kind of place, not which one: a name needs a word besides them.
KIND_WORDS = HEADS | INNER | GENERIC | BUSINESS_WORDS
# Words that stand inside such a name without making it one: "kelly middle school".
BUSINESS_INNER = frozenset(split_words("""
middle high elementary junior senior community auto home health behavioral family credit
state technical psychiatric psychological medical dental pediatric refugee women's children's
boarding property brothers sons surgical memory urgent food dry public residential dance
youth visiting nurse saturday sunday weekend
"""))
# Words of a denomination inside a church's name, before its type word: "mount olive free will
# baptist church", "bethel ame zion church" (a church is one of `BUSINESS`).
DENOMINATION_WORDS = frozenset(split_words("""
baptist methodist episcopal lutheran presbyterian pentecostal catholic missionary ame cme
african united free will holiness apostolic gospel evangelical reformed orthodox primitive
nazarene adventist seventh-day sikh hindu buddhist jain congregational wesleyan freewill old
regular christian full mennonite amish brethren m.b. mb greek russian ukrainian serbian syriac
coptic antiochian armenian
"""))
CHURCHES = frozenset({"church", "chapel", "ministries", "parish", "tabernacle", "cathedral",
                      "temple", "community", "fellowship", "congregation", "mission", "masjid",
                      "vihara", "assembly"})
# Everyday words that open a church's name before its denomination: "greater new hope
# missionary baptist church", "true vine holiness church".
CHURCH_NAME_WORDS = frozenset(split_words("new greater true holy full living mount mt little old"))
# Types that end a church's name only after its denomination: "guru nanak sikh temple",
# "st. bakhita sudanese catholic community"; not "r temple", "the community".
DENOMINATION_ONLY = frozenset({"temple", "community", "fellowship", "congregation"})
# The church a congregation belongs to, after "of", as regular expression text: "Rehoboth
# Church | of God of Prophecy", "Friendship Church | of the Brethren", "... | of God in Christ".
CHURCH_BODIES = (r"god(?:[ \t]+(?:in[ \t]+christ|of[ \t]+prophecy))?|christ|"
                 r"the[ \t]+(?:nazarene|brethren|living[ \t]+god)")
# The last words of a name that a place may follow after "of": "Islamic Center of Gravois
# Heights", "Sikh Temple of Rialto", "First Samoan Congregational Church of Waipoli".
OF_PLACE_TAILS = frozenset(split_words("""
church chapel temple cathedral center centre mosque synagogue congregation parish ministries
hospice associates society association council alliance coalition fellowship mandir masjid
gurdwara vihara network
"""))
