"""Word lists that decide what counts as reported speech and how a speaker may be referred to.

Kept apart from the extraction logic so they can grow without touching the parse rules.
"""

from __future__ import annotations

# Lemma of a reporting verb -> the stance the verb itself expresses towards its content.
REPORTING_VERBS: dict[str, str] = {
    "say": "assert",
    "tell": "assert",
    "state": "assert",
    "claim": "claim",
    "deny": "deny",
    "accuse": "accuse",
    "insist": "assert",
    "warn": "assert",
    "add": "assert",
    "report": "assert",
    "announce": "assert",
    "confirm": "confirm",
    "allege": "accuse",
    "acknowledge": "confirm",
    "admit": "confirm",
    "reject": "deny",
    "dismiss": "deny",
    "refute": "deny",
    "write": "assert",
    "tweet": "assert",
    "note": "assert",
    "explain": "assert",
    "argue": "assert",
    "declare": "assert",
    "estimate": "assert",
    "put": "assert",  # only as "put the toll at 36" (see extract)
    "suggest": "assert",
    "predict": "assert",
    "charge": "accuse",
    "blame": "accuse",
    "respond": "assert",
    "reply": "assert",
    "vow": "assert",
    "believe": "assert",
    "recall": "assert",
    "cite": "assert",
    "agree": "confirm",
    "indicate": "assert",
    "find": "assert",
    "show": "assert",
    "mention": "assert",
    "stress": "assert",
    "emphasize": "assert",
    "demand": "assert",
    "urge": "assert",
    "criticize": "accuse",
    "criticise": "accuse",
    "question": "assert",
    "concede": "confirm",
    "contend": "assert",
    "maintain": "assert",
    "testify": "assert",
}

# Verbs that only report speech when they take a clause or a quote ("added that", "noted:");
# as plain transitives ("added troops", "reported a fire") they are not attributions.
CLAUSE_ONLY_VERBS = frozenset(
    {
        "add",
        "report",
        "note",
        "write",
        "state",
        "explain",
        "estimate",
        "suggest",
        "predict",
        "respond",
        "recall",
        "agree",
        "indicate",
        "find",
        "show",
        "mention",
        "stress",
        "emphasize",
        "concede",
        "contend",
        "maintain",
        "testify",
        "question",
        "cite",
        "urge",
        "demand",
        "reply",
        "believe",
        "declare",
        "vow",
        "argue",
        "announce",
        "confirm",
        "warn",
        "insist",
        "claim",
        "tell",
        "admit",
        "acknowledge",
    }
)

# Verbs whose direct object is itself the disputed content ("denied the reports").
OBJECT_CONTENT_VERBS = frozenset(
    {
        "deny",
        "reject",
        "dismiss",
        "refute",
        "confirm",
        "acknowledge",
        "admit",
        "accuse",
        "blame",
        "charge",
        "criticize",
        "criticise",
        "allege",
        "claim",
        "announce",
        "report",
    }
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they"})
FIRST_PERSON = frozenset({"i", "we"})

# Nouns that name a person by role; "the spokesman said" refers back to a named person.
PERSON_ROLE_NOUNS = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "official",
        "president",
        "general",
        "commander",
        "colonel",
        "governor",
        "ambassador",
        "envoy",
        "diplomat",
        "leader",
        "chief",
        "prime",
        "secretary",
        "senator",
        "mayor",
        "officer",
        "lawmaker",
        "analyst",
        "expert",
        "source",
        "aide",
        "adviser",
        "advisor",
        "director",
        "head",
        "candidate",
        "nominee",
        "man",
        "woman",
        "doctor",
        "witness",
        "resident",
        "activist",
        "monitor",
        "researcher",
        "journalist",
        "reporter",
        "correspondent",
        "negotiator",
        "representative",
        "speaker",
        "judge",
    }
)

# Nouns that name an organisation by kind; "the ministry said" refers back to a named body.
ORG_NOUNS = frozenset(
    {
        "ministry",
        "department",
        "government",
        "army",
        "military",
        "observatory",
        "agency",
        "group",
        "organisation",
        "organization",
        "council",
        "committee",
        "coalition",
        "alliance",
        "command",
        "office",
        "administration",
        "kremlin",
        "pentagon",
        "regime",
        "movement",
        "party",
        "campaign",
        "newspaper",
        "paper",
        "daily",
        "outlet",
        "network",
        "channel",
        "company",
        "firm",
        "union",
        "court",
        "police",
        "forces",
        "force",
        "militia",
        "monitor",
        "embassy",
        "mission",
        "commission",
        "service",
        "authority",
        "authorities",
        "palace",
        "board",
        "institute",
        "center",
        "centre",
        "foundation",
        "fund",
        "bank",
        "association",
        "bureau",
    }
)

# Words in a proper-noun name that show it is a body rather than a person.
ORG_NAME_WORDS = frozenset(
    {
        "ministry",
        "department",
        "army",
        "observatory",
        "agency",
        "council",
        "committee",
        "forces",
        "command",
        "office",
        "organisation",
        "organization",
        "news",
        "times",
        "post",
        "press",
        "party",
        "front",
        "state",
        "brigade",
        "brigades",
        "union",
        "nations",
        "coalition",
        "group",
        "court",
        "bank",
        "association",
        "institute",
        "house",
        "kremlin",
        "pentagon",
        "reuters",
        "tass",
        "ria",
        "sana",
        "cnn",
        "bbc",
        "government",
        "commission",
        "service",
        "network",
    }
)

DETERMINERS_DROPPED = frozenset({"the", "a", "an"})

# Verbs of saying that take no object of their own: an object the parser hangs on them is the
# misattached subject of their clause ("said 36 civilians ... were killed").
NO_OBJECT_VERBS = frozenset(
    {"say", "state", "add", "claim", "insist", "confirm", "announce", "estimate", "allege"}
)

# Nouns for a written statement: "a Defence Ministry statement said" is the ministry speaking.
STATEMENT_NOUNS = frozenset(
    {"statement", "communique", "communiqué", "release", "announcement", "report", "bulletin"}
)

# Role nouns that stand for the organisation last named ("the monitor said", "the group said").
ORG_BACK_REFERENCES = frozenset(
    {"monitor", "group", "network", "observatory", "organisation", "organization", "agency"}
)
