"""Statements: claims with their copies folded in, read for what can clash.

A statement is one speaker saying one thing, however many copies of an article carry it. Its
facts come from the claim's typed fields (or, for records from before they existed, from its
text), plus what a denial needs: the things it names and the things it says are not so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from storyline.claims.extract import OWN_ACCOUNT_SPEAKER
from storyline.claims.facts import TargetAssertion, read_claim
from storyline.claims.incident import same_day
from storyline.claims.names import NameBook
from storyline.claims.structure import fill_structure
from storyline.claims.tolls import read_tolls
from storyline.model import Claim, Toll
from storyline.nlp.model import load_nlp

# Words every strike or casualty statement shares; they say nothing of which act is meant.
_TOPIC_NOISE = frozenset(
    {
        "strike", "attack", "raid", "report", "people", "civilian", "casualty", "death",
        "toll", "number", "claim", "time", "day", "week", "area", "official", "statement",
        "target", "operation", "campaign", "force", "fighter", "militant", "group",
    }
)  # fmt: skip
COPY_OVERLAP = 0.4  # share of words a rewritten copy keeps ("slain" for "killed")


@dataclass(slots=True)
class Statement:
    """One statement, however many copies carry it."""

    claim: Claim
    copies: list[Claim]
    speaker: str  # canonical, lower case
    actor: str  # the body the speaker acts for
    tolls: list[Toll] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    denied_casualties: set[tuple[str, str]] = field(default_factory=set)
    keywords: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    things: set[str] = field(default_factory=set)  # nouns and named bodies, demonyms folded
    nouns: set[str] = field(default_factory=set)
    negated: set[str] = field(default_factory=set)  # what the statement says is not so
    targets: list[TargetAssertion] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [claim.id for claim in self.copies]

    @property
    def place(self) -> str | None:
        return self.claim.place or (sorted(self.places)[0] if self.places else None)


# --- copies -----------------------------------------------------------------------------------


def merge_copies(claims: list[Claim], groups: Mapping[str, str]) -> list[list[Claim]]:
    """Claims grouped so that copies of one statement are one group, the first the statement.

    A copy is the same speaker saying the same thing in another article of the same syndication
    group (a rewrite may change a few words: "slain" for "killed"), or the same speaker and the
    very same words anywhere."""
    merged: list[tuple[str, str, set[str], list[Claim]]] = []
    for claim in claims:
        article = claim.sources[0].article_id if claim.sources else claim.id
        group = groups.get(article, article)
        speaker, words = claim.speaker.lower(), set(_words(claim.text).split())
        for other_group, other_speaker, other_words, members in merged:
            if speaker != other_speaker:
                continue
            same_words = words == other_words
            rewrite = group == other_group and _jaccard(words, other_words) >= COPY_OVERLAP
            articles = {source.article_id for member in members for source in member.sources}
            if (same_words or rewrite) and article not in articles:
                members.append(claim)
                break
        else:
            merged.append((group, speaker, words, [claim]))
    return [members for *_, members in merged]


def _jaccard(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first | second else 0.0


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _speaker_key(claim: Claim, names: NameBook, groups: Mapping[str, str]) -> str:
    """Who stands behind a claim: its speaker, or for an outlet's own account the article's
    group of copies (two unnamed articles are two sources, a copy is the same one)."""
    if claim.attributed or not claim.sources or claim.speaker != OWN_ACCOUNT_SPEAKER:
        return names.name(claim.speaker)  # one outlet's articles are one source, updated
    article = claim.sources[0].article_id
    return f"{names.name(claim.speaker)} @{groups.get(article, article)}"


def statements_of(
    grouped: list[list[Claim]], names: NameBook, groups: Mapping[str, str]
) -> list[Statement]:
    nlp = load_nlp()
    firsts = [members[0] for members in grouped]
    statements = []
    for members, doc in zip(grouped, nlp.pipe(c.text for c in firsts), strict=True):
        claim = members[0]
        if claim.content_span is None:  # a record from before claims carried their facts
            claim = fill_structure(replace(claim), doc[:])
        facts = read_claim(claim, doc, names)
        tolls = claim.tolls or ([] if claim.polarity == "denies" else read_tolls(claim.text))
        statements.append(
            Statement(
                claim=claim,
                copies=members,
                speaker=_speaker_key(claim, names, groups),
                actor=names.actor(claim.speaker).lower(),
                tolls=tolls,
                places=set(facts.places),
                denied_casualties=_denied(facts.denied_casualties)
                if claim.polarity == "denies"
                else set(),
                keywords=facts.keywords,
                names=facts.names,
                things=_things(doc, names),
                targets=facts.targets,
                nouns={token.lemma_.lower() for token in doc if token.pos_ == "NOUN"},
                negated=_negated_things(doc, outright=claim.stance == "deny")
                if claim.polarity == "denies"
                else set(),
            )
        )
    return statements


def _things(doc, names: NameBook) -> set[str]:
    """What a statement is about: its nouns, and its named bodies as the actor they act for
    ("Iranian territory" and "Iran" share Iran)."""
    found = {
        token.lemma_.lower()
        for token in doc
        if token.pos_ == "NOUN" and token.is_alpha and len(token) > 2
    }
    found |= {
        names.actor(ent.text).lower()
        for ent in doc.ents
        if ent.label_ in ("GPE", "NORP", "ORG", "LOC")
    }
    return found - _TOPIC_NOISE


def _negated_things(doc, *, outright: bool) -> set[str]:
    """Nouns a statement negates: 'no base', the objects and subjects of a negated verb, and
    for an outright denial ("denied the reports", "rejected claims") all it mentions."""
    if outright:
        return {token.lemma_.lower() for token in doc if token.pos_ == "NOUN"}
    found: set[str] = set()
    for token in doc:
        if token.pos_ == "NOUN" and any(
            child.dep_ == "det" and child.lower_ == "no" for child in token.children
        ):
            found.add(token.lemma_.lower())
        if any(child.dep_ == "neg" for child in token.children):
            for child in token.children:
                if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and child.pos_ == "NOUN":
                    found.add(child.lemma_.lower())
    return found


def _denied(topics: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """ "No civilians were hurt" denies their deaths too."""
    return topics | {("killed", victims) for kind, victims in topics if kind == "injured"}


def independent(first: Statement, second: Statement) -> bool:
    """Two statements that could dispute: other speakers, other articles' groups."""
    if first.speaker == second.speaker or (
        first.claim.attributed
        and second.claim.attributed
        and same_actor(first.speaker, second.speaker)
    ):
        return False  # "the VHP" and "a VHP spokesman" are one side
    if set(first.ids) & set(second.ids):
        return False
    return same_day(first.claim.time, second.claim.time)


def same_actor(first: str, second: str) -> bool:
    """'sudan' and 'sudan armed forces' are one side; 'russia' and 'iran' are not."""
    a = set(re.sub(r"['\u2019]s\b", "", first).split())
    b = set(re.sub(r"['\u2019]s\b", "", second).split())
    return bool(a) and bool(b) and (a <= b or b <= a)
