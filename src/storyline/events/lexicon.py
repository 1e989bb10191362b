"""Words that signal an event and the words that choose its ACLED sub-type.

Fragments are regular expressions over lower-cased sentence text. Stems end in ``\\w*`` so one
entry covers inflections ("shell", "shelled", "shelling") without relying on the lemmatiser,
which mislabels war vocabulary ("shelling" as a noun, "left" as "leave").
"""

from __future__ import annotations

import re


def words(*alternatives: str) -> str:
    """A non-capturing group of alternatives, anchored at word starts."""
    return r"\b(?:" + "|".join(alternatives) + r")"


NUMBER_WORD = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|dozens"
    r"|scores|hundreds|several|many)"
)

# --- who: state forces and non-state armed groups ---------------------------------------
NON_STATE_ACTOR = words(
    r"militan\w*", r"rebel\w*", r"insurgen\w*", r"jihad\w*", r"terroris\w*", r"gunm[ae]n",
    r"fighters?", r"militia\w*", r"islamic state", r"isis", r"isil", r"daesh", r"is\b",
    r"taliban", r"(?:al[- ])?shabaa?b", r"boko haram", r"hts", r"nusra", r"tahrir al-sham",
    r"sdf", r"ypg", r"pkk", r"houthi\w*", r"ansar\w*", r"opposition", r"free syrian army",
    r"fsa", r"syrian national army", r"separatist\w*", r"al[- ]qaeda", r"aqap", r"iswap",
    r"armed (?:group|men)", r"bandit\w*", r"guerr?ill?a\w*", r"extremist\w*", r"arakan army",
    r"independence army", r"liberation army", r"resistance army", r"maoist\w*", r"naxal\w*",
    r"(?:anti-)?balaka", r"seleka", r"kurdish", r"assailants?", r"attackers?", r"mujahideen",
    r"shining path", r"fmln", r"farc", r"eln",
)
STATE_ACTOR = words(
    r"arm(?:y|ies)", r"troops?", r"soldiers?", r"military", r"government", r"regime",
    r"security (?:forces|personnel|services)", r"police\w*", r"saa", r"marines?", r"navy",
    r"gendarm\w*", r"national guard", r"counter-?terrorism", r"special forces",
    r"armed forces", r"pro-government", r"loyalist\w*", r"peshmerga", r"defen[cs]e forces",
    r"forces of the", r"tiger forces", r"(?:iraqi|syrian|afghan|nigerian|somali|malian|"
    r"russian|ukrainian|turkish|israeli|egyptian|libyan|yemeni|indian|pakistani|philippine)"
    r" (?:forces|troops|army|soldiers|military)",
    r"officers?", r"commandos?",
)

CIVILIAN = words(
    r"civilians?", r"villagers?", r"residents?", r"worshipp?ers?", r"farmers?", r"students?",
    r"wom[ae]n", r"child(?:ren)?", r"girls?", r"boys?", r"m[ae]n\b", r"people", r"famil\w*",
    r"passengers?", r"journalists?", r"teachers?", r"shepherds?", r"herders?", r"pilgrims?",
    r"aid workers?", r"doctors?", r"nurses?", r"traders?", r"shopkeepers?", r"customers?",
    r"villages?", r"homes?", r"houses?", r"mosques?", r"church\w*", r"schools?",
    r"markets?", r"hospitals?", r"refugees?", r"displaced", r"elders?", r"chiefs?",
    r"officials?", r"politicians?", r"candidates?", r"activists?", r"priests?", r"imams?",
    r"monks?", r"fishermen", r"miners?", r"workers?", r"minority", r"christians?",
    r"muslims?", r"pedestrians?", r"drivers?", r"bystanders?", r"individuals?", r"persons?",
)
ARMED_TARGET = words(
    r"soldiers?", r"troops?", r"army", r"military", r"police\w*", r"checkpoints?",
    r"bases?", r"posts?", r"positions?", r"convoys?", r"patrols?", r"barracks",
    r"militan\w*", r"rebels?", r"insurgents?", r"fighters?", r"jihadists?", r"terrorists?",
    r"security forces", r"outposts?", r"garrisons?", r"officers?", r"personnel",
    r"forces", r"gunmen",
)

# --- instruments that choose the Explosions/Remote violence sub-type --------------------
CHEMICAL = words(
    r"chemical", r"chlorine", r"sarin", r"mustard gas", r"nerve (?:agent|gas)", r"toxic gas",
    r"poison(?:ous)? gas", r"gas attack", r"vx\b", r"phosgene", r"toxic (?:substance|chemical)",
)
SUICIDE = words(
    r"suicide", r"blew (?:himself|herself|themselves) up", r"blowing (?:himself|herself) up",
    r"self-detonat\w*", r"explosive (?:vest|belt)", r"svbied", r"kamikaze",
    r"martyrdom operation",
)
AIR = words(
    r"air ?strikes?", r"air-strikes?", r"air ?raids?", r"warplanes?", r"war planes?",
    r"(?:fighter )?jets?", r"aircraft", r"drones?", r"helicopters?", r"gunships?",
    r"air ?force", r"bombers", r"sorties?", r"aerial", r"barrel bombs?", r"from the air",
    r"unmanned", r"uavs?", r"air support", r"airborne", r"planes?", r"coalition strikes?",
    r"airstrikes?", r"bombing raids?", r"air attacks?", r"air campaign",
)
SHELLING = words(
    r"shell\w*", r"artillery", r"mortars?", r"rockets?", r"missiles?", r"howitzers?",
    r"multiple[- ]launch", r"grads?\b", r"katyushas?", r"bombard\w*", r"projectiles?",
    r"cannon\w*", r"heavy weapons", r"tank fire", r"ballistic", r"cruise missile",
    r"mlrs", r"launchers?", r"salvos?", r"barrage\w*",
)
REMOTE_EXPLOSIVE = words(
    r"ieds?\b", r"improvi[sz]ed explosive", r"roadside bombs?", r"land ?mines?",
    r"(?:anti-(?:tank|personnel) )?mines?\b", r"car bombs?", r"bomb-laden",
    r"booby[- ]trap\w*", r"explosive devices?", r"vbieds?", r"sticky bombs?",
    r"magnetic bombs?", r"motorcycle bombs?", r"remote(?:ly)?[- ]control\w*", r"detonat\w*",
    r"planted", r"time bomb", r"parcel bomb", r"bomb blast", r"explosives-laden",
    r"bicycle bomb", r"bomb (?:exploded|went off|explosion)",
)
GENERIC_BLAST = words(r"blasts?", r"explosions?", r"explod\w*", r"bomb\w*", r"went off")
GRENADE = words(r"(?<!propelled )grenades?", r"hand-grenades?")

# --- weapons caught before use -----------------------------------------------------------
WEAPON_OBJECT = (
    r"(?:weapons?|arms|ammunition|ammo|explosives?|rifles?|guns?|pistols?|grenades?|rockets?|"
    r"mines?|ieds?|bombs?|bomb-making|depots?|caches?|munitions?|firearms?|missiles?|"
    r"mortars?|shells|launchers?|detonators?|drones?|rounds|bullets|materials?|devices?)"
)
DISRUPTED = (
    words(
        r"defus\w*", r"dismantl\w*", r"arms caches?", r"weapons? caches?", r"cache of",
        r"caches? of", r"intercept\w*", r"shot down", r"shoot down", r"downed",
        r"bomb disposal", r"controlled explosion", r"foil\w*", r"thwart\w*", r"disarm\w*",
        r"deactivat\w*", r"neutrali[sz]ed (?:an? )?(?:ied|bomb|explosive)", r"bomb squad",
        r"arms depot", r"weapons depot", r"ammunition depot",
    )
    + "|"
    + words(
        r"seiz\w*", r"confiscat\w*", r"recover\w*", r"f(?:i|ou)nd\w*", r"discover\w*",
        r"uncover\w*", r"unearth\w*", r"impound\w*", r"destroy\w*", r"hand(?:ed)? over",
        r"surrender\w*",
    )
    + r"[^.;]{0,60}?\b"
    + WEAPON_OBJECT
    + "|"
    + r"\b"
    + WEAPON_OBJECT
    + r"\b[^.;]{0,40}?\b(?:were|was|have been|has been|had been)? ?(?:seized|confiscated|"
    r"recovered|found|discovered|uncovered|defused|dismantled|impounded)"
)

# --- protests and riots ------------------------------------------------------------------
PROTEST = words(
    r"protest\w*", r"demonstrat(?!ed (?:that|how|its|their|his|her))\w*", r"rall(?:y|ies|ied)",
    r"march(?:ed|es|ers|ing)?\b", r"sit-ins?", r"took to the streets?", r"take to the streets?",
    r"taking to the streets?", r"general strike", r"hunger strike", r"picket\w*",
    r"went on strike", r"go on strike", r"on strike", r"strikers?", r"vigils?",
    r"boycott\w*", r"gather\w* (?:outside|in front|at)",
    r"dispers\w* (?:\w+ ){0,2}(?:crowds?|gatherings?)",
)
RIOT = words(r"riot\w*", r"unrest", r"vandal\w*", r"arson\w*")
PROTESTER_VIOLENCE = words(
    r"(?:threw|throw\w*|hurl\w*|pelt\w*) (?:\w+ ){0,3}(?:stones?|rocks?|bottles?|"
    r"petrol bombs?|molotov\w*|objects|firebombs?|bricks?)",
    r"stone[- ]pelt\w*", r"set (?:\w+ ){0,3}(?:on fire|ablaze|alight)", r"torch\w*",
    r"burn\w* (?:\w+ ){0,2}(?:tyres|tires|cars|vehicles|buildings|offices|police|flags?)",
    r"clash\w* with (?:the )?(?:police|security|riot|troops|soldiers|officers)",
    r"turned violent", r"stormed", r"smash\w*", r"ransack\w*", r"attack\w* (?:the )?police",
    r"injur\w* (?:\w+ ){0,2}(?:police|officers|policemen)", r"rioters?", r"riot\w*",
    r"violen\w*", r"vandal\w*", r"looted", r"block\w* (?:\w+ ){0,2}(?:roads?|highways?|streets?|"
    r"traffic)", r"barricad\w*", r"clash\w*", r"confront\w*", r"thr[eo]w\w*", r"projectiles",
    r"fireworks", r"(?:pull\w*|tore|tear\w*) down", r"(?:light|lit|start)\w* fires?",
    r"roadblocks?", r"shut down (?:\w+ ){0,2}roads", r"scuffl\w*", r"skirmish\w*",
)
EXCESSIVE_FORCE = words(
    r"live (?:ammunition|fire|rounds|bullets)", r"shot dead", r"opened fire on",
    r"fired (?:on|at|into) (?:the )?(?:protest\w*|demonstrat\w*|crowd)",
    r"killed (?:\w+ ){0,3}(?:protesters|demonstrators)",
    r"(?:protesters?|demonstrators?)(?: \w+){0,4} (?:were|was) (?:killed|shot|beaten|"
    r"wounded|injured)",
    r"beat\w* (?:\w+ ){0,3}(?:protesters|demonstrators|students)", r"brutal\w*",
    r"crackdown", r"excessive force", r"(?:protesters?|demonstrators?) (?:died|dead)",
    r"violently (?:suppress|dispers|crack|br[oe]ak)\w*", r"(?:hit|hits|beat|beats|beating)\b",
    r"rubber bullets?", r"(?:attack|assault)\w* (?:against|on) (?:\w+ ){0,2}(?:protest|demonstrat)",
    r"(?:serious|severe) injuries", r"(?:killed|injured|wounded) (?:\w+ ){0,3}(?:protest|"
    r"demonstrat|rally|march)",
)
INTERVENTION = words(
    r"dispers\w*", r"tear ?gas", r"water cannons?", r"batons?",
    r"baton-charg\w*", r"lathi\w*", r"pepper spray", r"stun grenades?",
    r"(?:arrest|detain)\w* (?:\w+ ){0,4}(?:protesters|demonstrators|activists|participants)",
    r"(?:protesters|demonstrators|activists) (?:\w+ ){0,3}(?:were|was) (?:arrested|detained)",
    r"broke up", r"break up", r"intervened", r"cordon\w*", r"pushed back", r"blocked the march",
    r"suppress\w*", r"detain\w*", r"arrest\w*", r"pepper-?spray\w*", r"halt\w*", r"chas\w*",
    r"prevent\w*", r"forcibly", r"kettl\w*", r"stun grenades?", r"flash-?bangs?",
)
MOB = words(
    r"mobs?\b", r"lynch\w*", r"vigilante\w*", r"angry (?:residents|villagers|crowd|youths?)",
    r"communal (?:clash|violence)\w*", r"jungle justice", r"mob justice", r"irate",
    r"villagers clashed", r"residents clashed", r"set ablaze by", r"beaten to death",
    r"sectarian (?:clash|violence)\w*", r"ethnic (?:clash|violence)\w*",
)

# --- violence against civilians ----------------------------------------------------------
SEXUAL = words(r"rap(?:e|ed|es|ing|ist)\b", r"gang-?rap\w*", r"sexual\w*", r"molest\w*",
               r"sexually")
ABDUCT = words(
    r"kidnap\w*", r"abduct\w*", r"taken hostage", r"took \w+ hostage", r"hostages?",
    r"forcibly disappear\w*", r"enforced disappearance", r"forced disappearance",
    r"held captive", r"seized \w+ (?:civilians|villagers|people|passengers)",
)
KILL_CIVILIAN = words(
    r"kill\w*", r"shot", r"shoot\w*", r"stabb?\w*", r"behead\w*", r"execut\w*", r"massacr\w*",
    r"murder\w*", r"slaughter\w*", r"hack\w* to death", r"gunned down", r"assassinat\w*",
    r"opened fire", r"attack\w*", r"raid\w*", r"burn\w* alive", r"tortur\w*", r"beat\w*",
    r"injur\w*", r"wound\w*", r"hurt", r"storm(?:ed|ing)?\b",
)

# --- battles and territory ---------------------------------------------------------------
CLASH = words(
    r"clash\w*", r"fight(?:s|ing)?\b", r"fought", r"battl\w*", r"firefights?", r"gun ?fights?",
    r"gun ?battles?", r"exchange[sd]? (?:of )?(?:fire|gunfire)", r"skirmish\w*",
    r"engag\w*", r"ambush\w*", r"repel\w*", r"repuls\w*", r"offensive", r"counter-?attack\w*",
    r"shoot-?outs?", r"combat", r"hostilities", r"crossfire", r"assault\w*",
    r"overran", r"infiltrat\w*", r"push(?:ed)? back",
)
REGAIN = words(
    r"recaptur\w*", r"retak\w*", r"retook", r"regain\w*", r"liberat(?:e|ed|es|ing)\b",
    r"reclaim\w*",
    r"recover\w* control", r"re-?took", r"re-?captur\w*", r"freed\b",
    r"clear\w* (?:\w+ ){0,3}(?:of|from) (?:militants|rebels|terrorists|isis|is|jihadists)",
    r"dr[oi]ve\w* (?:\w+ ){0,4}(?:out|back|away)", r"push\w* (?:\w+ ){0,4}out",
    r"(?:were|was|been) (?:pushed|driven) (?:back|out)", r"expel\w*", r"evict\w*",
    r"wrest\w* control", r"(?:establish|restor|impos|reassert)\w* (?:full )?control",
    r"controlling (?:the|all|a)",
    r"occupied (?:the|a|an|\d+|two|three|four|five|several|parts) ",
)
SEIZE = words(
    r"seiz\w*", r"captur\w*", r"took (?:full )?control", r"tak\w* (?:full )?control",
    r"gain\w* control", r"took over", r"tak\w* over", r"overr[au]n\w*",
    r"fell to", r"fall(?:en)? to", r"fell into", r"under (?:the |their |its )?(?:full )?control",
    r"advanc\w* (?:into|on|to)", r"conquer\w*", r"control of",
    r"in the hands of",
)
TERRITORY = words(
    r"towns?", r"villages?", r"city", r"cities", r"areas?", r"districts?", r"territor\w*",
    r"hills?", r"neighbou?rhoods?", r"regions?", r"provinces?", r"bases?", r"airports?",
    r"air ?bases?", r"positions?", r"checkpoints?", r"outskirts", r"countryside", r"villages",
    r"crossings?", r"roads?", r"highways?", r"strongholds?", r"farms?", r"points?",
    r"suburbs?", r"settlements?", r"localit\w*", r"mountains?", r"island", r"port",
    r"dam", r"oil ?fields?", r"island", r"castle", r"fortress", r"quarters?", r"county",
    r"municipalit\w*", r"governorate",
)
QUIET_TRANSFER = words(
    r"without (?:a |any )?(?:fight\w*|resistance|clash\w*|firing|a shot|bloodshed)",
    r"(?:no|not|never|any) (?:\w+ ){0,2}resistance", r"hand\w* over", r"handover",
    r"evacuation (?:deal|agreement)", r"(?:ceded|cede|ceding)", r"transfer\w* (?:of )?control",
    r"handed (?:\w+ ){0,3}control", r"took over (?:\w+ ){0,4}(?:after|following) (?:\w+ ){0,4}"
    r"withdr\w*",
)
WITHDRAW_FROM = words(r"withdr[ae]w\w*", r"pull\w* out", r"retreat\w*", r"vacat\w*",
                      r"evacuat\w*", r"abandon\w*", r"pull\w* back") + r"\s+(?:\w+\s+){0,3}?from\b"
WITHDRAW = words(
    r"withdr[ae]w\w*", r"pull\w* out", r"pull\w* back", r"retreat\w*", r"evacuat\w*",
    r"abandon\w*", r"without (?:a |any )?(?:fight|resistance|clash\w*|firing)",
    r"hand\w* over", r"handover", r"handed", r"transferr?\w* (?:control|to)",
    r"deserted", r"vacat\w*", r"surrendered (?:the )?(?:town|city|area|village)",
)
HEADQUARTERS = words(
    r"establish\w*", r"set up", r"sets up", r"setting up", r"buil[dt]\w*", r"construct\w*",
    r"open\w*", r"install\w*", r"erect\w*",
) + r"[^.;]{0,60}?" + words(
    r"bases?", r"outposts?", r"headquarters?", r"observation (?:points?|posts?)",
    r"military (?:posts?|points?|positions?)", r"camps?", r"garrisons?", r"hq",
    r"command cent(?:er|re)s?", r"checkpoints?",
)
ARREST = words(
    r"arrest\w*", r"detain\w*", r"detention", r"apprehend\w*", r"into custody",
    r"in custody", r"nabb?\w*", r"round\w* up", r"rounded up", r"held by police",
    r"captured (?:\w+ ){0,3}(?:suspects?|members|militants|leaders?|commanders?|fighters)",
    r"remanded", r"jailed", r"imprison\w*",
)
AGREEMENT = words(
    r"agree\w*", r"sign\w* (?:\w+ ){0,4}(?:deal|accord|agreement|treaty|memorandum|truce|pact|"
    r"ceasefire|cease-fire|protocol)", r"ceasefire", r"cease-fire", r"truce", r"peace deal",
    r"accord\b", r"treaty", r"prisoner (?:swap|exchange|release)", r"exchange of prisoners",
    r"swap\w*", r"released? (?:\w+ ){0,3}(?:prisoners|detainees|hostages)", r"reconcil\w*",
    r"deal\b", r"pact\b", r"memorandum", r"surrender\w*", r"peace talks",
    r"exchang\w* (?:\w+ ){0,3}(?:prisoners|detainees|captives|bodies)", r"in exchange for",
    r"exchange process", r"prisoners of war",
)
PROPERTY = words(
    r"loot\w*", r"plunder\w*", r"pillag\w*", r"ransack\w*", r"vandal\w*",
    r"set (?:\w+ ){0,4}(?:on fire|ablaze|alight)", r"torch\w*", r"burn\w* (?:down|\w+ homes|"
    r"houses|shops|vehicles|cars|buildings|villages?|property|crops)", r"burnt", r"razed?",
    r"demolish\w*", r"bulldoz\w*", r"destroy\w* (?:\w+ ){0,3}(?:houses|homes|property|"
    r"properties|shops|buildings|vehicles|crops|offices|infrastructure)", r"destruction",
    r"arson\w*", r"damag\w*", r"blaze",
)
CHANGE_TO_GROUP = words(
    r"deploy\w*", r"reinforc\w*", r"defect\w*", r"merg\w*", r"split\w*", r"join\w*",
    r"redeploy\w*", r"withdr[ae]w\w*", r"pull\w* back", r"pull\w* out", r"send\w* troops",
    r"sent (?:\w+ ){0,3}troops", r"convoys?", r"drills?", r"exercises?", r"recruit\w*",
    r"dissolv\w*", r"disband\w*", r"mobili[sz]\w*", r"amass\w*", r"arriv\w*", r"entered",
    r"new (?:group|faction|alliance|coalition)", r"formed", r"announced the formation",
    r"leader\w* (?:was )?(?:appointed|named|elected)", r"rebrand\w*", r"alliance",
    r"patrol\w*", r"military build-?up", r"movements?", r"relocat\w*", r"airspace",
    r"sortie", r"scrambled", r"moved", r"dispatch\w*", r"fortif\w*", r"forward\w*",
    r"stationed", r"massing", r"buil[dt]\w* up",
)
OTHER_STRATEGIC = words(r"fled", r"flee\w*", r"displac\w*", r"curfew", r"state of emergency")

# --- consequences: fatalities and their victims ------------------------------------------
VICTIM_CLASS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("civilians", re.compile(words(
        r"civilians?", r"villagers?", r"residents?", r"people", r"persons?", r"wom[ae]n",
        r"child(?:ren)?", r"worshipp?ers?", r"farmers?", r"students?", r"passengers?",
        r"m[ae]n\b", r"family", r"members of a family", r"girls?", r"boys?", r"protesters?",
        r"demonstrators?", r"journalists?", r"pilgrims?", r"workers?", r"fishermen",
    ))),
    ("soldiers", re.compile(words(r"soldiers?", r"troops?", r"servicem[ae]n", r"marines?",
                                   r"army personnel", r"service members"))),
    ("police", re.compile(words(r"police\w*", r"officers?", r"gendarmes?", r"guards?"))),
    ("militants", re.compile(words(
        r"militants?", r"jihadists?", r"terrorists?", r"insurgents?", r"gunmen",
        r"fighters?", r"attackers?", r"assailants?", r"extremists?", r"bandits?",
    ))),
    ("rebels", re.compile(words(r"rebels?", r"guerr?ill?as?"))),
)

SPEECH_LEMMAS = frozenset(
    {
        "say", "tell", "report", "claim", "announce", "state", "confirm", "add", "allege",
        "accuse", "deny", "note", "explain", "quote", "cite", "write", "tweet", "post",
        "insist", "warn", "reveal", "declare", "stress", "assert", "acknowledge", "admit",
    }
)
IRREALIS_AUX = frozenset(
    {"will", "would", "could", "might", "may", "should", "can", "shall", "must", "wo", "ca",
     "'ll", "'d"}
)
INTENT_LEMMAS = frozenset(
    {
        "threaten", "plan", "vow", "want", "intend", "seek", "prepare", "aim", "hope",
        "promise", "warn", "pledge", "urge", "call", "demand", "consider", "propose", "fear",
        "expect", "order", "decide", "need", "refuse", "fail",
    }
)
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
GENERIC_MODIFIERS = frozenset(
    {"campaign", "campaigns", "prolonged", "possible", "potential", "future", "planned",
     "hypothetical", "any", "further", "more", "new"}
)
AGGREGATE_CUES = re.compile(
    r"\b(?:since (?:the (?:start|beginning)|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|\d{4}|last|early|late|mid)|so far this"
    r"|in total|a total of|over the (?:past|last) (?:\w+ )?(?:days|weeks|months|years)|"
    r"in recent (?:days|weeks|months|years)|since the war|each year|every year|per year|"
    r"this year alone|cumulative|to date)\b"
)
PHYSICAL_TARGET = words(
    r"buildings?", r"houses?", r"homes?", r"offices?", r"headquarters", r"embass(?:y|ies)",
    r"cars?", r"vehicles?", r"bus(?:es)?", r"trucks?", r"towers?", r"pylons?", r"bridges?",
    r"plants?", r"stations?", r"banks?", r"facilit(?:y|ies)", r"installations?",
    r"pipelines?", r"schools?", r"church\w*", r"mosques?", r"temples?", r"stores?", r"shops?",
    r"residences?", r"hotels?", r"hospitals?", r"clinics?", r"markets?", r"airports?",
    r"ports?", r"depots?", r"warehouses?", r"factor(?:y|ies)", r"dams?", r"power lines?",
    r"tankers?", r"ships?", r"vessels?", r"boats?", r"trains?", r"aircraft", r"planes?",
    r"helicopters?", r"tanks?", r"positions?", r"bases?", r"barracks", r"checkpoints?",
    r"posts?", r"convoys?", r"camps?", r"compounds?", r"villages?", r"towns?", r"neighbou?rhoods?",
    r"infrastructure", r"property", r"properties", r"premises", r"ministry", r"parliament",
    r"courts?", r"prisons?", r"jails?", r"universit(?:y|ies)", r"polic\w* stations?",
)
PERSON_TARGET = words(
    r"president", r"governor", r"mayor", r"judges?", r"ministers?", r"leaders?",
    r"commanders?", r"official\w*", r"lawmakers?", r"politicians?", r"mps?", r"senators?",
    r"diplomats?", r"ambassadors?", r"consuls?", r"priests?", r"bishops?", r"wife", r"husband",
    r"sons?", r"daughters?", r"mothers?", r"fathers?", r"brothers?", r"sisters?", r"victims?",
    r"hostages?", r"prisoners?", r"detainees?", r"guards?", r"bodyguards?", r"employees?",
    r"staff", r"crew", r"tourists?", r"foreigners?", r"nationals?", r"citizens?", r"peasants?",
    r"inhabitants?", r"locals?", r"youths?", r"suspects?", r"members?", r"personnel",
    r"patients?", r"voters?", r"supporters?", r"newsmen", r"reporters?", r"lawyers?",
)
