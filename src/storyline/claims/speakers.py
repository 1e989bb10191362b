"""Who speaks: the source phrase of an attribution turned into a name a reader knows.

Pronouns and bare role nouns ("he", "the spokesman", "the ministry", "its director") resolve
to the named speaker before them; a phrase's own name wins over the body it mentions ("the
Sudan Doctors Network" is not Sudan); indefinite and plural sources ("a US official",
"activists") are kept as written, since they name no one in particular.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from storyline.claims.lexicon import (
    DETERMINERS_DROPPED,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    ORG_BACK_REFERENCES,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    STATEMENT_NOUNS,
)

CanonicalSpeaker = Callable[[Span], "str | None"]
RESOLVE_WINDOW_CHARS = 3000  # how far back "he said" may look for its named speaker


class Spoken(Protocol):
    """What speaker resolution reads and fills in on an attribution."""

    source: tuple[int, int] | None
    speaker: str | None
    speaker_kind: str
    generic: bool
    affiliation: str | None


@dataclass(slots=True)
class NamedSpeaker:
    name: str
    kind: str
    mention: str
    offset: int
    affiliation: str | None = None  # the body a person speaks for ("Sudan Armed Forces")


def resolve_speaker(
    attribution: Spoken,
    doc: Doc,
    history: list[NamedSpeaker],
    canonical_speaker: CanonicalSpeaker | None,
) -> None:
    if attribution.source is None:
        return
    span = doc.char_span(*attribution.source, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    span = _named_part(span)
    head = span.root
    words = [token.lower_ for token in span]
    surface = span.text.strip()
    offset = span.start_char

    if head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS and len(span) == 1:
        kind = "PERSON" if head.lower_ in PERSON_PRONOUNS else "ORG"
        antecedent = _antecedent(history, kind, offset, None)
        if antecedent is None:
            antecedent = _entity_antecedent(doc, kind, offset)
        attribution.speaker = antecedent.name if antecedent else None
        attribution.affiliation = antecedent.affiliation if antecedent else None
        attribution.speaker_kind = kind
        return
    if head.lower_ in FIRST_PERSON:
        return  # a first-person narrator is not someone the reader can be told about
    if span[0].lower_ == "its" and head.lemma_.lower() in ORG_NOUNS | PERSON_ROLE_NOUNS:
        owned = _owned_role(span, doc, offset)
        if owned:
            attribution.speaker = owned
            attribution.speaker_kind = "ORG" if head.lemma_.lower() in ORG_NOUNS else "PERSON"
            history.append(NamedSpeaker(owned, attribution.speaker_kind, owned.lower(), offset))
            return
    if _is_bare_role(span):
        role = head.lemma_.lower()
        kind = "ORG" if role in ORG_NOUNS else "PERSON"
        antecedent = _antecedent(history, kind, offset, role)
        name = antecedent.name if antecedent else _owned_role(span, doc, offset)
        attribution.speaker = name or surface
        attribution.speaker_kind = kind
        attribution.generic = name is None
        if name and kind == "ORG":
            history.append(NamedSpeaker(name, kind, f"{name} {surface}".lower(), offset))
        return
    if _is_generic(span, words):
        attribution.speaker = surface
        attribution.generic = True
        attribution.speaker_kind = "ORG" if head.lemma_.lower() in ORG_NOUNS else "PERSON"
        return
    kind = _named_kind(span)
    name = _canonical_of_head(span, canonical_speaker)
    attribution.speaker = name or _tidy_name(span)
    attribution.speaker_kind = kind
    attribution.affiliation = _affiliation(span, attribution.speaker) if kind == "PERSON" else None
    history.append(
        NamedSpeaker(attribution.speaker, kind, surface.lower(), offset, attribution.affiliation)
    )


def _affiliation(span: Span, person: str) -> str | None:
    """ "Sudan Armed Forces spokesman Sawarmi Khaled Saad": the body named beside the person,
    for whom his "we" speaks."""
    for ent in span.ents:
        if ent.label_ in ("ORG", "GPE", "NORP") and ent.text not in person:
            return ent.text
    return None


def _named_part(span: Span) -> Span:
    """The part of a source phrase that names the speaker.

    "Its director, Rami Abdulrahman" is Rami Abdulrahman; "a spokesman for the Enough
    Project" and "a Defence Ministry statement" are the body they speak for.
    """
    head = span.root
    doc = span.doc
    for child in head.children:
        if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN"):
            return _span_of(doc, child)
    lemma = head.lemma_.lower()
    if lemma in PERSON_ROLE_NOUNS | STATEMENT_NOUNS and span[0].lower_ in ("a", "an", "one"):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "at"):
                objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                if objects and any(t.pos_ == "PROPN" for t in objects[0].subtree):
                    start, end = phrase_span(objects[0])
                    return doc.char_span(start, end, alignment_mode="expand") or span
    if lemma in STATEMENT_NOUNS:
        names = [token for token in span if token.pos_ == "PROPN" and token.i < head.i]
        if names:
            return doc[names[0].i : names[-1].i + 1]
    return span


def _span_of(doc: Doc, token: Token) -> Span:
    tokens = [token, *[t for t in token.subtree if t.i > token.i and t.pos_ == "PROPN"]]
    left = [t for t in token.lefts if t.pos_ == "PROPN" or t.dep_ == "compound"]
    start = min([t.i for t in left] + [token.i])
    end = max(t.i for t in tokens) + 1
    return doc[start:end]


def _canonical_of_head(span: Span, canonical_speaker: CanonicalSpeaker | None) -> str | None:
    """The entity the phrase's head belongs to: in "the Sudan Doctors Network" that is no
    entity at all (so the network keeps its name), never the "Sudan" inside it."""
    if canonical_speaker is None:
        return None
    head = span.root
    name = canonical_speaker(span.doc[head.i : head.i + 1])
    # "In Parliament the Communist Party": a mention run together across the phrase's start
    inner = [token for token in span if token.dep_ == "det" and token.i > span.start]
    lead = [t for t in span if inner and t.i < inner[0].i and t.pos_ in ("PROPN", "NOUN")]
    before = span.doc[span.start - 1].text if span.start > 0 else None
    if name and lead and name.startswith(lead[0].text):
        return None
    if name and before and name.startswith(f"{before} ") and name not in span.text:
        return None
    return name


def _owned_role(span: Span, doc: Doc, offset: int) -> str | None:
    """ "Its defence ministry" after "Russia has been bombing...": Russia's defence ministry."""
    if span[0].lower_ != "its":
        return None
    owner = _subject_before(span) or _entity_antecedent(doc, "ORG", offset)
    if owner is None:
        return None
    return f"{owner.name}'s {span[1:].text}"


def _subject_before(span: Span) -> NamedSpeaker | None:
    """The named subject of the sentence before: in "Russia has been bombing targets in Syria.
    Its defence ministry said", "its" is Russia, not the nearer Syria."""
    sentence = span.sent
    if sentence.start == 0:
        return None
    previous = span.doc[sentence.start - 1].sent
    for token in previous:
        if token.dep_ == "nsubj" and token.head.dep_ == "ROOT" and token.ent_type_ in (
            "GPE", "ORG", "NORP"
        ):  # fmt: skip
            ents = [ent for ent in previous.ents if ent.start <= token.i < ent.end]
            name = ents[0].text if ents else token.text
            return NamedSpeaker(name, "ORG", name.lower(), token.idx)
    return None


def _is_bare_role(span: Span) -> bool:
    """'the spokesman', 'the ministry': a definite role noun with no name of its own."""
    head = span.root
    plural_people = head.tag_ in ("NNS", "NNPS") and head.lemma_ not in ORG_NOUNS
    if head.pos_ != "NOUN" or plural_people:
        return False
    if head.lemma_.lower() not in PERSON_ROLE_NOUNS | ORG_NOUNS:
        return False
    first = span[0].lower_
    if first not in ("the", "this", "that", "his", "her", "its"):
        return False
    return not any(token.pos_ == "PROPN" or token.ent_type_ for token in span)


def _is_generic(span: Span, words: list[str]) -> bool:
    head = span.root
    has_name = any(token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG") for token in span)
    if has_name and words[0] not in ("a", "an", "one", "some", "several"):
        return False
    if words[0] in ("a", "an", "one", "some", "several", "many", "two", "three", "other"):
        return True
    if head.tag_ in ("NNS",) and head.pos_ == "NOUN":
        return words[0] != "the" or head.lemma_.lower() not in ORG_NOUNS
    return (
        head.pos_ == "NOUN"
        and not any(token.pos_ == "PROPN" for token in span)
        and (words[0] not in ("the",))
    )


def _named_kind(span: Span) -> str:
    if span.root.ent_type_ == "PERSON":
        return "PERSON"  # "Sudan Armed Forces spokesman Sawarmi Khaled Saad" is a person
    labels = {token.ent_type_ for token in span if token.ent_type_}
    lowered = {token.lower_ for token in span}
    if lowered & ORG_NAME_WORDS or span.root.lemma_.lower() in ORG_NOUNS:
        return "ORG"
    if "PERSON" in labels:
        return "PERSON"
    # people's names take no article and rarely run past one word without a PERSON label;
    # the tagger often calls a lone surname ORG, so that case stays open
    if span[0].lower_ == "the" or ("ORG" in labels and len(span) > 1):
        return "ORG"
    if labels & {"GPE", "NORP"} and span.root.ent_type_ in ("GPE", "NORP"):
        return "ORG"
    return "ANY"


def _tidy_name(span: Span) -> str:
    """A readable speaker name when no knowledge base is wired in: the person's name if the
    phrase holds one ("Russian Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"), else the
    phrase without its leading article or trailing possessive."""
    people = [ent for ent in span.ents if ent.label_ == "PERSON"]
    if people:
        return people[-1].text
    tokens = list(span)
    while tokens and tokens[0].lower_ in DETERMINERS_DROPPED:
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    if not tokens:
        return span.text
    return span.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _compatible(kind: str, wanted: str) -> bool:
    return kind == wanted or "ANY" in (kind, wanted)


def _antecedent(
    history: list[NamedSpeaker], kind: str, offset: int, role: str | None
) -> NamedSpeaker | None:
    candidates = [
        speaker
        for speaker in reversed(history)
        if offset - speaker.offset <= RESOLVE_WINDOW_CHARS and _compatible(speaker.kind, kind)
    ]
    if role:
        for speaker in candidates:
            if role in speaker.mention:
                return speaker
    # a bare role noun with no antecedent naming that role is left unresolved, except for the
    # generic "official"-like nouns that a named person's earlier mention rarely repeats
    if role in ORG_BACK_REFERENCES:
        organisations = [speaker for speaker in candidates if speaker.kind in ("ORG", "ANY")]
        return organisations[0] if organisations else None
    if role and role not in ("spokesman", "spokeswoman", "spokesperson", "official"):
        return None
    return candidates[0] if candidates else None


def _entity_antecedent(doc: Doc, kind: str, offset: int) -> NamedSpeaker | None:
    """Fallback for "he said" with no earlier speaker: the nearest preceding named entity."""
    wanted = ("PERSON",) if kind == "PERSON" else ("ORG", "GPE", "NORP")
    for ent in reversed(doc.ents):
        if ent.end_char > offset:
            continue
        if offset - ent.start_char > RESOLVE_WINDOW_CHARS:
            return None
        if ent.label_ in wanted:
            return NamedSpeaker(ent.text, kind, ent.text.lower(), ent.start_char)
    return None


def phrase_span(head: Token) -> tuple[int, int]:
    """The noun phrase without trailing appositives, relative clauses or asides."""
    end_token = head
    for child in head.rights:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "advcl", "cc", "conj"):
            break
        end_token = list(child.subtree)[-1]
    # an aside deeper down ("for Human Rights, which relies on ...") ends the name too
    for token in head.doc[head.i + 1 : end_token.i + 1]:
        if token.text == "," and token.i + 1 <= end_token.i:
            after = head.doc[token.i + 1]
            if after.dep_ in ("relcl", "appos") or after.head.dep_ == "relcl":
                end_token = token.nbor(-1)
                break
    start_token = head.left_edge
    if start_token.dep_ == "punct":
        start_token = start_token.nbor(1)
    return start_token.idx, end_token.idx + len(end_token.text)
