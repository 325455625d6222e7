"""Word lists for event coding: PLOVER triggers, actor nouns by sector, anaphors and clause types.

Each list follows a definition of the PLOVER v0.8 manual (categories, modes, the 25 sector codes) or
CAMEO's verb dictionaries, narrowed to words that name one category whatever the sentence: "agree",
"meet", "protest", "condemn". Ambiguous verbs are left to the classifier ("strike" is a walk-out or
an air raid; "call" is a telephone call or "call for"). Entries are lemmas, lower case. A
trigger's mode is one the packaged codebook lists for its category, so ``codebook.cameo_for`` finds
the CAMEO code of that mode. The lists were first written from those definitions, then extended with
words met in the missed PLOVER gold records (benchmarks/event_actors.py), so the figures that script
prints are not held-out figures.
"""

from __future__ import annotations

from collections.abc import Mapping

Trigger = tuple[str, str | None]
"""(PLOVER category, mode or None)."""


def _table(spec: Mapping[Trigger, str]) -> dict[str, Trigger]:
    """{word: trigger} from {trigger: "space separated words"} (keeps the lists readable)."""
    return {word: trigger for trigger, words in spec.items() for word in words.split()}


def _words(text: str) -> frozenset[str]:
    """A frozen set of space-separated words (word lists kept readable in the source)."""
    return frozenset(text.split())


def _words_to(spec: Mapping[str, str]) -> dict[str, str]:
    """{word: value} from {value: "space separated words"}."""
    return {word: value for value, words in spec.items() for word in words.split()}


# Verbs that name an event by themselves: "Lee met Takaichi", "Japan condemned the move".
VERB_TRIGGERS = _table({
    ("CONSULT", None): "meet discuss negotiate confer consult",
    ("CONSULT", "visit"): "visit host",
    ("CONSULT", "phone"): "telephone phone",
    ("AGREE", None): "agree pledge promise offer accept",
    ("SUPPORT", None): "praise welcome endorse commend applaud hail thank apologize apologise forgive",
    ("COOPERATE", None): "cooperate collaborate",
    ("AID", None): "donate",
    ("RETREAT", None): "resign",
    ("RETREAT", "withdraw"): "withdraw retreat",
    ("RETREAT", "release"): "release",
    ("ACCUSE", None): "accuse criticize criticise condemn denounce blame deplore slam rebuke complain",
    ("ACCUSE", "investigate"): "investigate probe",
    ("REQUEST", None): "urge demand request appeal",
    ("REJECT", None): "reject refuse rebuff veto",
    ("THREATEN", None): "threaten warn",
    ("PROTEST", "demo"): "protest rally demonstrate march picket",
    ("PROTEST", "riot"): "riot",
    ("PROTEST", "boycott"): "boycott",
    ("SANCTION", "expel"): "expel",
    ("COERCE", "arrest"): "arrest detain",
    ("COERCE", "deport"): "deport",
    ("COERCE", "seize"): "seize confiscate",
    ("COERCE", "restrict"): "sanction ban restrict",
    ("MOBILIZE", None): "deploy mobilize mobilise",
    ("ASSAULT", None): "attack bomb shell kill assassinate abduct invade",
})  # fmt: skip

# What "release" publishes rather than frees: "Police released dramatic video", "released the body camera
# footage", "released a beta version of its app", "expects to release the first servers" are no RETREAT
# (CAMEO 0841, release of persons or property).
PUBLISHED_THINGS = _words(
    "video footage statement report data figure result image photo photograph picture recording audio"
    " tape transcript document record email letter list name detail finding album film movie song single"
    " trailer version update study survey poll guidance forecast earnings product app software device"
    " server chip processor phone console"
)
# Verbs whose event is named by their object: "held talks", "signed a deal", "imposed tariffs".
LIGHT_VERBS = _words(
    "hold have conduct begin start open launch stage make pay conclude wrap finish resume continue attend"
    " include sign reach strike seal ink clinch impose introduce slap tighten expand place extend announce"
    " lodge file provide send give offer deliver organize organise carry renew"
)
# Object nouns and the event they name after a light verb.
NOUN_TRIGGERS = _table({
    ("CONSULT", None): "talk summit meeting discussion consultation negotiation conference dialogue"
    " mediation",
    ("CONSULT", "visit"): "visit trip",
    ("CONSULT", "phone"): "call",
    ("AGREE", None): "agreement deal accord pact treaty memorandum consensus",
    ("AID", None): "aid assistance",
    ("PROTEST", "demo"): "protest rally demonstration march sit-in",
    ("COERCE", "restrict"): "sanction tariff restriction control embargo ban curb duty",
    ("ASSAULT", None): "attack airstrike raid",
})  # fmt: skip
# Verbs that undo a restriction noun ("lifted the ban") and the event that makes.
EASING_VERBS = _words("lift ease remove scrap drop end")
EASING_TRIGGER: Trigger = ("RETREAT", "ease")
# A protest lodged or filed is an official complaint (CAMEO 114), not a demonstration.
COMPLAINT_VERBS = _words("lodge file")
COMPLAINT_TRIGGER: Trigger = ("ACCUSE", "allege")
# Verbs whose particle or preposition makes the event: "called for", "pulled out".
PHRASAL_TRIGGERS: dict[tuple[str, str], Trigger] = {
    ("call", "for"): ("REQUEST", None),
    ("call", "on"): ("REQUEST", None),
    ("pull", "out"): ("RETREAT", "withdraw"),
    ("open", "fire"): ("ASSAULT", None),
    ("cut", "ties"): ("SANCTION", "withdraw"),
    ("sever", "ties"): ("SANCTION", "withdraw"),
    ("recall", "ambassador"): ("SANCTION", "withdraw"),
    ("summon", "ambassador"): ("ACCUSE", "allege"),
    ("grant", "asylum"): ("AID", None),
    ("halt", "aid"): ("SANCTION", "discontinue"),
    ("suspend", "aid"): ("SANCTION", "discontinue"),
    ("cut", "aid"): ("SANCTION", "discontinue"),
    ("block", "road"): ("PROTEST", "obstruct"),
    ("block", "street"): ("PROTEST", "obstruct"),
    ("block", "bridge"): ("PROTEST", "obstruct"),
    ("block", "highway"): ("PROTEST", "obstruct"),
}
# "a hunger strike" is a protest; a bare "strike" may be an air raid and is left to the classifier.
HUNGER_STRIKE_TRIGGER: Trigger = ("PROTEST", "hunger")
# "X is willing / ready to ..." states an intent: PLOVER's AGREE, whatever the intended act.
INTENT_ADJECTIVES = _words("willing ready prepared determined committed eager")
# Nouns that name a stretch of talks or a visit: a date or place written with one of them elsewhere in
# the article ("the summit on Tuesday", "talks in Japan") dates or places an event named with it.
EVENT_NOUNS = frozenset(NOUN_TRIGGERS)

# Verbs that report speech: the event is in their clausal complement ("X said Y attacked Z").
REPORTING_VERBS = _words(
    "say tell report add state note write claim insist explain announce declare reiterate confirm"
    " conclude reply"
)
# Verbs that frame another verb: "decided to withdraw", "plans to visit" code the inner verb.
FRAMING_VERBS = _words("decide plan seek try hope aim expect intend move vow want begin start")
# Predicates that describe rather than report an action ("the summit represents an effort").
DESCRIPTIVE_VERBS = _words(
    "be have seem appear remain represent underscore reflect mark feature house face highlight show"
    " indicate mean involve contain focus describe consider become"
)
# Verbs of statement: PLOVER drops CAMEO's "make public statement" (01), so "Lee emphasized the need
# for cooperation" is no event unless a trigger in it names one.
STATEMENT_VERBS = _words(
    "emphasize emphasise stress express reiterate acknowledge underline comment voice affirm reaffirm"
    " recall argue suggest predict believe think"
)
# Modal verbs that make a clause hypothetical: "could meet" reports no meeting.
HYPOTHETICAL_MODALS = _words("would could might may should")

# Locative prepositions: a place under one is where the event happened, not a party to it ("talks in
# Nara"); a place under any other is a party, the state ("a visit to Japan", "sanctions on Russia").
LOCATIVE_PREPOSITIONS = _words("in at near outside inside across throughout around")
# Heads of quantity phrases whose "of" object is the actor: "thousands of protesters".
QUANTITY_HEADS = _words(
    "thousand hundred dozen million group number crowd member some many several all most part"
)

# Anaphoric subjects naming the two parties met before ("the two sides agreed", "they agreed").
PLURAL_PRONOUNS = _words("they we")
PLURAL_ANAPHOR_NOUNS = _words(
    "leader side country nation government neighbour neighbor ally counterpart party"
)
PLURAL_ANAPHOR_DETERMINERS = _words("the both two")
SINGULAR_PRONOUNS = _words("he she")
# Pronouns that stand for the reporter inside reported speech ("Syria says it will withdraw").
REPORTED_PRONOUNS = _words("it he she they we")
# "This visit included discussions with X": the visit is its maker's, the actor named last.
VISIT_NOUNS = _words("visit trip tour")

# Offices and the sector that holds them (PLOVER v0.8 sector codes).
OFFICE_SECTORS = _words_to({
    "GOV": "president premier minister chancellor adviser advisor secretary governor mayor ambassador"
    " envoy king queen prince princess emperor empress sheikh ayatollah spokesman spokeswoman spokesperson"
    " commissioner diplomat counterpart negotiator side emir monarch sultan ruler official leader chairman"
    " chairwoman chair director chief cabinet ministry government administration authorities authority"
    " delegation embassy consulate agency regime state",
    "LEG": "senator sen rep representative congressman congresswoman lawmaker legislator"
    " parliamentarian mp speaker parliament congress senate assembly legislature diet",
    "MIL": "general gen admiral adm colonel col lieutenant lt major maj captain capt sergeant sgt"
    " marshal commander army military navy troops troop soldier soldiers force forces airforce marine"
    " marines warship warplane peacekeeper serviceman servicemen tank aircraft helicopter gunship"
    " bulldozer",
    "COP": "police policeman policemen officer cop constable agent",
    "JUD": "judge justice court prosecutor prosecutors tribunal",
    "REL": "pope cardinal archbishop bishop cleric imam rabbi priest monk church clergy missionary",
    "BUS": "ceo company companies firm firms business businesses businessman businessmen corporation"
    " chipmaker manufacturer exporter importer automaker carmaker bank investor",
    "LAB": "worker workers laborer labourer union unionist",
    "EDU": "student teacher professor university school",
    "MED": "doctor nurse hospital physician",
    "JRN": "journalist reporter newspaper broadcaster media",
    "CVL": "protester demonstrator activist civilian resident villager citizen people crowd youth family"
    " victim survivor national inhabitant pilgrim tourist worshipper settler prisoner detainee inmate"
    " supporter",
    "REB": "rebel insurgent militant guerrilla guerilla separatist extremist",
    "PRM": "militia militiaman militiamen paramilitary",
    "ELI": "elder",
    "REF": "refugee",
    "OPP": "opposition dissident",
    "PTY": "party",
    "UAF": "gunman assailant",
    "AGR": "farmer peasant fisherman fishermen",
    "CRM": "criminal gang smuggler kidnapper",
    "SPY": "spy intelligence",
    "SOC": "ngo charity association organization organisation group forum",
})  # fmt: skip
# Modifiers that make an office holder something else: "former President" is an elite (ELI),
# "opposition leader" the opposition, "rebel commander" a rebel.
STATUS_MODIFIERS: dict[str, str] = {
    "former": "ELI", "ex": "ELI", "ousted": "ELI", "deposed": "ELI", "exiled": "ELI", "toppled": "ELI",
    "opposition": "OPP", "rebel": "REB",
}  # fmt: skip
# Offices whose last word names another sector: a secretary-general is no general.
COMPOUND_OFFICES: dict[tuple[str, str], str] = {
    ("secretary", "general"): "GOV", ("attorney", "general"): "GOV", ("governor", "general"): "GOV",
    ("military", "police"): "MIL",
}  # fmt: skip
# Bodies that make a generic official theirs: "military officials" (MIL), "police chief" (COP). They
# override GOV only: a "police minister" still governs.
BODY_MODIFIERS: dict[str, str] = {"military": "MIL", "army": "MIL", "police": "COP"}
GENERIC_OFFICES = _words("official chief officer spokesman spokeswoman spokesperson source")
# Nationality words the places module does not list, and the endings of regular ones: "Rwandan" is
# "Rwanda" + "n", "Haitian" "Haiti" + "an", "Jordanian" "Jordan" + "ian", "Senegalese" "Senegal" +
# "ese", "Kyrgyz" "Kyrgyzstan" less "stan". A stem is a country only if the country table knows it.
EXTRA_DEMONYMS: dict[str, str] = {
    "bosnian": "BIH", "serb": "SRB", "croat": "HRV", "cypriot": "CYP", "azeri": "AZE", "ivorian": "CIV",
    "mozambican": "MOZ", "salvadoran": "SLV", "laotian": "LAO", "sierra leonean": "SLE", "kosovar": "XKX",
    "dominican": "DOM", "uzbek": "UZB", "tajik": "TJK", "turkmen": "TKM", "togolese": "TGO",
    "montenegrin": "MNE", "surinamese": "SUR", "trinidadian": "TTO", "bahamian": "BHS", "icelandic": "ISL",
}  # fmt: skip
# Words whose stem happens to be a country name ("Roman" -> "Roma" is listed as Romania).
NOT_NATIONALITIES = frozenset({"roman", "romans"})
NATIONALITY_SUFFIXES = ("nian", "ian", "ien", "an", "ese", "ish", "n", "i", "")
NATIONALITY_STEM_ENDINGS = ("", "a", "ia", "an", "stan")
# Shortest stem tried against the country table ("Chad" + "ian"); shorter stems match too much.
MIN_NATIONALITY_STEM = 3
# Words in an organisation's name and the sector they make it.
ORG_SECTOR_WORDS: dict[str, str] = {
    "ministry": "GOV", "government": "GOV", "cabinet": "GOV", "agency": "GOV", "office": "GOV",
    "embassy": "GOV", "council": "GOV", "commission": "GOV", "department": "GOV", "bureau": "GOV",
    "army": "MIL", "navy": "MIL", "military": "MIL", "forces": "MIL", "guard": "MIL",
    "police": "COP", "court": "JUD", "prosecutors": "JUD", "parliament": "LEG", "assembly": "LEG",
    "congress": "LEG", "senate": "LEG", "diet": "LEG", "party": "PTY", "university": "EDU",
    "school": "EDU", "union": "LAB", "federation": "LAB", "hospital": "MED", "church": "REL",
    "inc": "BUS", "corp": "BUS", "corporation": "BUS", "co": "BUS", "ltd": "BUS", "group": "BUS",
    "electronics": "BUS", "motors": "BUS", "bank": "BUS", "holdings": "BUS", "industries": "BUS",
    "times": "JRN", "news": "JRN", "press": "JRN",
}  # fmt: skip
# International organisations: actors with no country (PLOVER codes them IGO, outside the 25 sectors).
IGO_NAMES = frozenset({
    "united nations", "un", "u.n.", "security council", "u.n. security council", "un security council",
    "european union", "eu", "european community", "european commission", "nato", "asean", "apec",
    "asia-pacific economic cooperation", "african union", "world bank", "imf",
    "international monetary fund", "who", "world health organization", "wto", "world trade organization",
    "opec", "g7", "g20", "iaea", "international atomic energy agency", "red cross", "icrc", "unesco",
    "unicef", "unhcr", "world food program", "world food programme", "wfp", "cptpp", "arab league",
    "international labor office", "international labour organization", "ilo", "osce", "interpol",
})  # fmt: skip
