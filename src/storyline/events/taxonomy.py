"""The ACLED event taxonomy: every sub-event type and the event type it belongs to.

Kept as plain strings (the codebook's own spelling) because they go straight into
``events.jsonl`` and users filter on them.
"""

from __future__ import annotations

EXPLOSIONS = "Explosions/Remote violence"
BATTLES = "Battles"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

AIR_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
SUICIDE_BOMB = "Suicide bomb"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
CHEMICAL_WEAPON = "Chemical weapon"
GRENADE = "Grenade"
ARMED_CLASH = "Armed clash"
GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
SEXUAL_VIOLENCE = "Sexual violence"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
AGREEMENT = "Agreement"
ARRESTS = "Arrests"
CHANGE_TO_GROUP = "Change to group/activity"
DISRUPTED_WEAPONS = "Disrupted weapons use"
HEADQUARTERS = "Headquarters or base established"
LOOTING = "Looting/property destruction"
NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"

EVENT_TYPE_OF: dict[str, str] = {
    AIR_STRIKE: EXPLOSIONS,
    SHELLING: EXPLOSIONS,
    SUICIDE_BOMB: EXPLOSIONS,
    REMOTE_EXPLOSIVE: EXPLOSIONS,
    CHEMICAL_WEAPON: EXPLOSIONS,
    GRENADE: EXPLOSIONS,
    ARMED_CLASH: BATTLES,
    GOVERNMENT_REGAINS: BATTLES,
    NON_STATE_OVERTAKES: BATTLES,
    ATTACK: VIOLENCE_AGAINST_CIVILIANS,
    ABDUCTION: VIOLENCE_AGAINST_CIVILIANS,
    SEXUAL_VIOLENCE: VIOLENCE_AGAINST_CIVILIANS,
    PEACEFUL_PROTEST: PROTESTS,
    PROTEST_WITH_INTERVENTION: PROTESTS,
    EXCESSIVE_FORCE: PROTESTS,
    VIOLENT_DEMONSTRATION: RIOTS,
    MOB_VIOLENCE: RIOTS,
    AGREEMENT: STRATEGIC,
    ARRESTS: STRATEGIC,
    CHANGE_TO_GROUP: STRATEGIC,
    DISRUPTED_WEAPONS: STRATEGIC,
    HEADQUARTERS: STRATEGIC,
    LOOTING: STRATEGIC,
    NON_VIOLENT_TRANSFER: STRATEGIC,
    OTHER: STRATEGIC,
}

# Reports of one event often disagree on these distinctions (a "rocket" from a jet or a
# launcher; a protest that was or was not dispersed), so merging treats them as compatible.
COMPATIBLE_SUBTYPES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({AIR_STRIKE, SHELLING}),
        frozenset({REMOTE_EXPLOSIVE, SUICIDE_BOMB}),
        frozenset({REMOTE_EXPLOSIVE, SHELLING}),
        frozenset({REMOTE_EXPLOSIVE, GRENADE}),
        frozenset({PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION}),
        frozenset({PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE}),
        frozenset({VIOLENT_DEMONSTRATION, MOB_VIOLENCE}),
        frozenset({ARMED_CLASH, GOVERNMENT_REGAINS}),
        frozenset({ARMED_CLASH, NON_STATE_OVERTAKES}),
    }
)


def subtypes_compatible(first: str, second: str) -> bool:
    return first == second or frozenset({first, second}) in COMPATIBLE_SUBTYPES
