"""Word lists the dedupe features lean on.

Spinners rewrite an article by swapping words for thesaurus neighbours ("killed" -> "slain",
"Russia" -> "Russian Federation", "last year" -> "previous year"). Mapping every variant back to
one plain form lets a rewrite's sentences line up with the original's, and knowing which side
used the odd variant tells the rewrite from the original. The lists are hand-written and
deliberately short: they are a boost, not the mechanism (alignment tolerates unknown swaps).
"""

from __future__ import annotations


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrase_set(text: str) -> frozenset[str]:
    return frozenset(" ".join(phrase.split()) for phrase in text.split(",") if phrase.strip())


# Function words: dropped from content sequences, because spinners and editors change them
# freely and they carry no story identity. "last", "previous", "former" are NOT here: they
# belong to time phrases that spinners swap.
STOPWORDS: frozenset[str] = _word_set(
    """
    a an the and or but nor so yet if then than that this these those there here where when
    while which who whom whose what why how to of in on at by for from with without within
    into onto upon about above below over under after before during since until till through
    across against among between around along behind beyond near off out up down is are was
    were be been being am do does did doing done have has had having will would shall should
    can could may might must it its itself he him his himself she her hers herself they them
    their theirs themselves we us our ours ourselves you your yours i me my mine myself as
    not no also just only very too more most much many some any all both each every either
    neither other such own same one s t d ll re ve m o y now still even ever again further
    once however although though because whether per via amid amidst toward towards onto
    according
    """
)

# Plain form first, then the odd variants a spinner substitutes. Multi-word entries are
# matched on normalised tokens. The plain form is the canonical one.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("russia", "russian federation"),
    ("united states", "usa", "united states of america", "america"),
    ("uk", "united kingdom", "great britain", "britain"),
    ("un", "united nations"),
    ("eu", "european union"),
    ("last year", "previous year", "past year", "prior year", "final year"),
    ("last month", "previous month", "past month", "prior month", "final month"),
    ("last week", "previous week", "past week", "prior week", "final week"),
    ("last night", "previous night", "past night", "final night"),
    ("killed", "slain", "slayed", "murdered"),
    ("kill", "slay", "murder"),
    ("died", "perished", "passed away", "expired"),
    ("wounded", "injured", "hurt", "harmed"),
    ("said", "stated", "mentioned", "expressed", "informed", "instructed", "told reporters"),
    ("says", "states", "mentions", "expresses"),
    ("added", "included", "further stated"),
    ("attack", "assault", "onslaught", "raid"),
    ("attacks", "assaults", "onslaughts", "raids"),
    ("soldiers", "troops", "troopers", "servicemen", "military personnel", "armed forces"),
    ("military", "army"),
    ("people", "individuals", "persons", "folks"),
    ("civilians", "non combatants", "noncombatants", "civilian population"),
    ("residents", "inhabitants", "occupants", "dwellers"),
    ("city", "metropolis", "town", "municipality"),
    ("capital", "capital city"),
    ("country", "nation", "nation state"),
    ("border", "frontier", "boundary"),
    ("war", "warfare", "conflict"),
    ("fighting", "combat", "combating"),
    ("ceasefire", "cease fire", "truce", "armistice"),
    ("talks", "negotiations", "discussions", "talks and negotiations"),
    ("drone", "unmanned aerial vehicle", "uav"),
    ("drones", "unmanned aerial vehicles", "uavs"),
    ("missile", "projectile", "rocket"),
    ("missiles", "projectiles", "rockets"),
    ("explosion", "blast", "detonation"),
    ("shelling", "bombardment", "barrage"),
    ("hospital", "infirmary", "clinic", "medical center"),
    ("children", "kids", "youngsters"),
    ("women", "ladies", "females"),
    ("statement", "assertion", "declaration", "press release"),
    ("warned", "cautioned", "alerted"),
    ("claimed", "asserted", "alleged"),
    ("announced", "declared", "introduced"),
    ("began", "started", "commenced", "kicked off"),
    ("begin", "start", "commence"),
    ("used", "utilized", "utilised", "employed"),
    ("use", "utilize", "utilise", "employ"),
    ("help", "assist", "aid"),
    ("large", "big", "huge", "massive", "giant", "substantial"),
    ("many", "numerous", "several", "quite a few"),
    ("show", "demonstrate", "display"),
    ("showed", "demonstrated", "displayed"),
    ("news agency", "information company", "information agency", "news company"),
    ("spokesman", "spokesperson", "spokeswoman", "representative", "agent"),
    ("president", "chief executive", "head of state"),
    ("government", "administration"),
    ("officials", "authorities", "officers"),
    ("area", "region", "space", "zone"),
    ("near", "close to", "close by", "nearby"),
    ("about", "roughly", "approximately", "around"),
    ("buy", "purchase"),
    ("fire", "hearth", "blaze"),
    ("weapons", "arms", "armaments", "weaponry"),
    ("security", "safety"),
    ("forces", "powers"),
    ("fled", "escaped", "ran away"),
    ("destroyed", "demolished", "wrecked", "ruined"),
    ("damaged", "broken", "impaired"),
    ("video", "footage", "clip"),
    ("intelligence", "intel", "info"),
)

# Variants a reporter writes as readily as the plain form: they align sentences but are no
# evidence of which side is the rewrite. The list grew by running the standalone spin check on
# real news text and moving every ordinary word it tripped on here.
COMMON_VARIANTS: frozenset[str] = _phrase_set(
    """
    states, expressed, safety, start, armed forces, mentioned, info, chief executive,
    informed, told reporters, press release, murder, space, persons, agent, instructed,
    demonstrate, assertion, asserted, cautioned, mentions, expresses, individuals, harmed,
    boundary, detonation, combating, usa, america, united kingdom, britain, great britain,
    united nations, european union, past year, past month, past week, murdered, died,
    injured, hurt, stated, raid, raids, assault, assaults, troops, army, people, residents,
    town, conflict, truce, negotiations, discussions, uav, uavs, rocket, rockets, blast,
    bombardment, barrage, clinic, kids, declaration, statement, alleged, declared, started,
    employed, aid, big, huge, massive, several, display, spokesperson, spokeswoman,
    representative, administration, authorities, officers, region, zone, around,
    approximately, roughly, over, purchase, blaze, arms, weaponry, escaped, demolished,
    wrecked, footage, clip, combat, nearby, nation, capital city, head of state, included
    """
)

# Nouns that a news sentence introduces before it refers back to them with "the X". Used to
# spot references with no antecedent, typical of sentences lifted out of another article.
ROLE_NOUNS: frozenset[str] = _word_set(
    """
    spokesman spokeswoman spokesperson official officials minister president governor mayor
    commander general ministry agency city town village region province capital country army
    military group militants rebels attacker attackers gunman gunmen suspect victim victims
    company organisation organization leader chief prime envoy ambassador statement report
    """
)

# Pronouns that start a sentence and need a person already named.
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "his", "her"})

# Words that introduce a person: a title before the text names someone.
PERSON_TITLES: frozenset[str] = _word_set(
    """
    mr mrs ms dr president minister spokesman spokeswoman spokesperson governor mayor
    general commander official chief leader secretary ambassador envoy colonel captain
    lieutenant sergeant major prime premier king queen prince senator representative
    director analyst
    """
)
