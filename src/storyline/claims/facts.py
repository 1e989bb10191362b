"""What a claim asserts, reduced to the few things that can clash: casualty counts, denials and
the named target of a strike.

No inference model is available offline, so each claim is read with the shared parser and a
handful of lexical cues; anything not recognised stays out, so silence is never a clash.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.claims.names import NameBook
from storyline.events.numbers import parse_casualties
from storyline.model import Claim

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "we",
        "our",
        "us",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "not",
        "no",
        "any",
        "all",
        "said",
        "says",
        "say",
        "told",
        "also",
        "would",
        "will",
        "could",
        "may",
        "might",
        "than",
        "then",
        "there",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "about",
        "after",
        "before",
        "over",
        "into",
        "during",
        "since",
        "only",
        "just",
        "most",
        "more",
        "some",
        "such",
        "other",
        "per",
        "very",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "do",
        "did",
        "does",
    ]
)
_STRIKE_VERBS = frozenset(
    {"strike", "hit", "target", "bomb", "attack", "shell", "pound", "raid", "aim", "shoot"}
)
# Container nouns: "IS targets", "rebel positions" name the group through a modifier.
_CONTAINER_NOUNS = frozenset(
    {
        "target",
        "position",
        "site",
        "facility",
        "base",
        "depot",
        "coalition",
        "stronghold",
        "camp",
        "convoy",
        "area",
        "territory",
        "infrastructure",
        "post",
        "hideout",
        "unit",
        "group",
        "faction",
        "alliance",
        "member",
        "fighter",
        "militant",
        "force",
    }
)
# Labels that fit nearly any enemy; two sources using them name no different target.
_VAGUE_TARGETS = frozenset(
    {
        "target",
        "terrorist",
        "militant",
        "extremist",
        "enemy",
        "jihadist",
        "fighter",
        "position",
        "insurgent",
        "site",
        "facility",
        "infrastructure",
        "area",
        "group",
        "force",
        "unit",
    }
)
_FEW = frozenset({"only", "just", "few", "fraction", "minority", "handful", "small"})
_DENIAL_WORDS = re.compile(
    r"\b(false|untrue|not\s+true|baseless|fabricat\w*|lies?|unfounded|groundless|nonsense|"
    r"propaganda|fake|deny|denies|denied|reject\w*|dismiss\w*|refut\w*)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(no|not|never|none|nobody|without|n't)\b", re.I)
_CASUALTY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "killed",
            "kill",
            "killing",
            "died",
            "dead",
            "death",
            "deaths",
            "casualties",
            "casualty",
            "fatalities",
            "slain",
        ],
        "killed",
    ),
    **dict.fromkeys(["wounded", "injured", "injuries", "hurt"], "injured"),
}
_VICTIM_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["civilian", "civilians", "child", "children", "women", "villagers", "residents", "people"],
        "civilians",
    ),
    **dict.fromkeys(["soldier", "soldiers", "troops", "servicemen"], "soldiers"),
    **dict.fromkeys(["rebel", "rebels"], "rebels"),
    **dict.fromkeys(["militant", "militants", "fighters", "jihadists"], "militants"),
}
_CONTRAST = re.compile(r"\b(rather\s+than|instead\s+of|not|but\s+not)\s*$", re.I)
_LOCATIVE = frozenset({"in", "near", "around", "outside", "at", "across"})
_APPROXIMATE = re.compile(
    r"^(about|around|some|an estimated|roughly|approximately|nearly|"
    r"almost|close to)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class CountRange:
    kind: str  # killed, injured
    victims: str
    low: float
    high: float
    text: str

    def overlaps(self, other: CountRange) -> bool:
        return self.low <= other.high and other.low <= self.high


@dataclass(frozen=True, slots=True)
class TargetAssertion:
    group: str  # normalised name of what was hit
    negative: bool  # the claim says the strikes (mostly) did NOT hit it
    surface: str
    actor: str | None


@dataclass(slots=True)
class ClaimFacts:
    claim: Claim
    counts: list[CountRange] = field(default_factory=list)
    denies: bool = False  # the claim says its content is not so
    denied_casualties: set[tuple[str, str]] = field(default_factory=set)  # (kind, victims)
    casualty_topics: set[tuple[str, str]] = field(default_factory=set)
    targets: list[TargetAssertion] = field(default_factory=list)
    keywords: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    event_ids: set[str] = field(default_factory=set)


def read_claim(claim: Claim, doc: Doc, names: NameBook) -> ClaimFacts:
    text = claim.text
    facts = ClaimFacts(claim)
    negated = bool(_NEGATION.search(text)) or bool(_DENIAL_WORDS.search(text))
    facts.denies = claim.stance == "deny" or negated
    facts.keywords = {
        token.lemma_.lower()
        for token in doc
        if token.is_alpha and token.lower_ not in _STOPWORDS and len(token) > 2
    }
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
            facts.names.add(names.name(ent.text))
        if ent.label_ in ("GPE", "LOC", "FAC") and ent.root.head.lower_ in _LOCATIVE:
            facts.places.add(names.name(ent.text))
    if not facts.denies:
        facts.counts = [
            _count_range(
                count.kind,
                count.victims,
                count.text,
                count.count,
                count.min,
                count.max,
                count.vague,
            )
            for count in parse_casualties(text)
            if count.kind in ("killed", "injured")
        ]
    facts.casualty_topics = _casualty_topics(text)
    if facts.denies:
        facts.denied_casualties = set(facts.casualty_topics)
    if not facts.denies:  # a denied strike names no target; the denial kind covers it
        facts.targets = _targets(doc, claim.speaker, names)
    return facts


def _count_range(
    kind: str | None,
    victims: str,
    text: str,
    count: int | None,
    minimum: int | None,
    maximum: int | None,
    vague: bool,
) -> CountRange:
    if count is not None and vague:
        low, high = float(count), math.inf  # "dozens" is at least a dozen
    elif count is not None and _APPROXIMATE.match(text):
        low, high = count * 0.8, count * 1.2
    elif count is not None:
        low = high = float(count)
    else:
        low = float(minimum) if minimum is not None else 0.0
        high = float(maximum) if maximum is not None else math.inf
    return CountRange(kind or "killed", victims, low, high, text)


def _casualty_topics(text: str) -> set[tuple[str, str]]:
    """(kind, victims) pairs the claim talks about, counted or not: 'no civilians were
    killed' and 'reports of civilian casualties' both concern (killed, civilians)."""
    words = re.findall(r"[a-z]+", text.lower())
    kinds = {_CASUALTY_WORDS[word] for word in words if word in _CASUALTY_WORDS}
    victims = {_VICTIM_WORDS[word] for word in words if word in _VICTIM_WORDS}
    if kinds and not victims:
        victims = {"unknown"}
    return {(kind, victim) for kind in kinds for victim in victims}


def _targets(doc: Doc, speaker: str, names: NameBook) -> list[TargetAssertion]:
    found: list[TargetAssertion] = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _STRIKE_VERBS:
            continue
        negative_verb = any(child.dep_ == "neg" for child in verb.children)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        few = subject is not None and _says_few(subject)
        actor = _actor(subject, speaker, names) if subject is not None else None
        for obj, contrasted in _objects(verb):
            group = _group(obj, names)
            if group is None:
                continue
            negative = negative_verb or few or contrasted
            surface = doc.text[obj.left_edge.idx : obj.right_edge.idx + len(obj.right_edge)]
            found.append(TargetAssertion(group, negative, surface, actor))
    return found


def _objects(verb: Token) -> list[tuple[Token, bool]]:
    """Direct and 'at/against/on' objects; True marks a contrasted one ('rather than X')."""
    candidates: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            candidates.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("at", "against", "on"):
            candidates.extend(grand for grand in child.children if grand.dep_ == "pobj")
    for obj in list(candidates):
        candidates.extend(
            grand
            for grand in obj.subtree
            if grand.dep_ in ("conj", "pobj")
            and grand.head.lower_ in ("than", "of")
            and grand.head.head.lower_ in ("rather", "instead")
        )
        candidates.extend(grand for grand in obj.children if grand.dep_ == "conj")
    text = verb.doc.text
    objects: list[tuple[Token, bool]] = []
    for obj in sorted(set(candidates), key=lambda token: token.i):
        before = text[verb.idx : obj.left_edge.idx]
        objects.append((obj, bool(_CONTRAST.search(before))))
    return objects


def _says_few(subject: Token) -> bool:
    """'only five percent of strikes', 'few of the raids': the subject is a small share."""
    words = [token.lower_ for token in subject.subtree]
    if any(word in _FEW for word in words):
        return True
    for token in subject.subtree:
        if token.lower_ in ("percent", "%") and token.i > 0:
            number = token.nbor(-1).text.replace(",", "")
            if number.isdigit() and int(number) < 50:
                return True
    return False


def _actor(subject: Token, speaker: str, names: NameBook) -> str | None:
    for token in subject.subtree:
        if token.lower_ in ("we", "our", "its", "it") and token.pos_ == "PRON":
            return names.actor(speaker)
        if token.ent_type_ in ("NORP", "GPE", "ORG") and token.pos_ in ("PROPN", "ADJ"):
            return names.actor(token.text)
    return None


def _group(obj: Token, names: NameBook) -> str | None:
    """The named group or kind of target a strike's object refers to, normalised."""
    where = {
        token.i
        for child in obj.children
        if child.dep_ == "prep" and child.lower_ in _LOCATIVE
        for token in child.subtree
    }
    tokens = [token for token in obj.subtree if token.i not in where]  # not "in Kafr Nabl"
    named: list[Token] = []
    for token in tokens:
        proper = token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "NORP")
        if (proper and token.dep_ not in ("det", "nummod")) or (
            named and named[-1].i == token.i - 1 and token.pos_ in ("PROPN",)
        ):
            named.append(token)
    heads = [token for token in tokens if token.pos_ == "NOUN"]
    # a named organisation ("Islamic State", "ISIS") beats a kind of people ("rebels")
    if named and not all(token.pos_ == "ADJ" for token in named):
        run = _first_run(named)
        return names.name(obj.doc.text[run[0].idx : run[-1].idx + len(run[-1])])
    for noun in reversed(heads):
        lemma = noun.lemma_.lower()
        if lemma in _CONTAINER_NOUNS and noun is not heads[0]:
            continue
        if lemma in _VAGUE_TARGETS:
            continue
        modifiers = [
            child.lemma_.lower()
            for child in noun.children
            if child.dep_ in ("amod", "compound") and child.ent_type_ == "NORP"
        ]
        return " ".join([*modifiers, lemma])
    return None


def _first_run(tokens: list[Token]) -> list[Token]:
    run = [tokens[0]]
    for token in tokens[1:]:
        if token.i != run[-1].i + 1:
            break
        run.append(token)
    return run


def same_group(a: str, b: str) -> bool:
    """'rebel' and 'islamist rebel' may be one group; 'islamic state' and 'rebel' are not."""
    if a == b:
        return True
    a_words, b_words = set(a.split()), set(b.split())
    return a_words <= b_words or b_words <= a_words
