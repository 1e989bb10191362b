"""Who is named in an article, under one canonical name per actor.

Three sources of candidate names are combined: the alias knowledge base (a phrase matcher,
because the small NER model misses or mislabels group names such as "Daesh" or "Nusra"),
phrases built on it ("Russian warplanes", "Syria's army", "the defence ministry in Moscow"),
and spaCy's named entities for everything the knowledge base does not know. A capital city
counts as its state only when the parse shows it acting ("Moscow said"), never when it is
where something happened ("a rally in Moscow"). Within one article, a surname or partial name
resolves to the full name given earlier.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from storyline.model import Article, Entity, Mention, stable_id
from storyline.nlp.aliases import (
    AliasBase,
    AliasForm,
    KnownEntity,
    case_fits,
    fold,
    fold_norms,
)

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})

# Roles a place name can play in the parse.
LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "on",
        "near",
        "around",
        "outside",
        "inside",
        "into",
        "onto",
        "across",
        "over",
        "through",
        "toward",
        "towards",
        "within",
        "throughout",
        "off",
        "beyond",
        "under",
        "past",
        "via",
        "along",
        "north",
        "south",
        "east",
        "west",
        "to",
        "from",
        "above",
        "below",
        "behind",
        "nearby",
    }
)
RELATIONAL_PREPOSITIONS = frozenset({"with", "between", "against", "by", "among", "versus"})
STATIVE_VERBS = frozenset(
    {
        "be",
        "lie",
        "sit",
        "stand",
        "border",
        "host",
        "remain",
        "become",
        "seem",
        "house",
        "overlook",
        "stretch",
        "shake",
        "burn",
        "fall",
        "tremble",
    }
)
ADDRESSEE_VERBS = frozenset(
    {
        "accuse",
        "urge",
        "warn",
        "criticise",
        "criticize",
        "condemn",
        "blame",
        "ask",
        "pressure",
        "press",
        "support",
        "back",
        "thank",
        "invite",
        "sanction",
        "tell",
        "inform",
        "notify",
        "assure",
        "join",
        "call",
        "lobby",
        "persuade",
        "convince",
        "reassure",
        "threaten",
        "defy",
        "punish",
        "engage",
        "trust",
        "praise",
        "reject",
        "oppose",
        "help",
        "arm",
        "fund",
    }
)
VOICE_NOUNS = frozenset(
    {
        "statement",
        "support",
        "pressure",
        "aid",
        "help",
        "criticism",
        "response",
        "reaction",
        "warning",
        "message",
        "request",
        "demand",
        "approval",
        "backing",
        "permission",
        "order",
        "orders",
        "assistance",
        "protest",
        "complaint",
        "offer",
        "proposal",
        "objection",
        "denial",
    }
)
GEOGRAPHIC_NOUNS = frozenset(
    {
        "suburb",
        "suburbs",
        "outskirts",
        "district",
        "districts",
        "neighbourhood",
        "neighborhood",
        "neighbourhoods",
        "neighborhoods",
        "centre",
        "center",
        "airport",
        "street",
        "streets",
        "resident",
        "residents",
        "people",
        "population",
        "mayor",
        "governor",
        "skyline",
        "square",
        "countryside",
        "hospital",
        "hospitals",
        "old",
        "city",
        "edge",
        "heart",
        "quarter",
        "quarters",
        "university",
        "metro",
        "subway",
        "river",
        "port",
        "province",
        "region",
        "border",
        "borders",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "citizen",
        "citizens",
        "inhabitants",
        "hotel",
        "hotels",
        "schools",
        "school",
    }
)
PERSON_TITLES = frozenset(
    {
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "gen",
        "gen.",
        "general",
        "col",
        "col.",
        "colonel",
        "lt",
        "lt.",
        "major",
        "maj",
        "maj.",
        "sheikh",
        "sheik",
        "president",
        "minister",
        "prime",
        "foreign",
        "defence",
        "defense",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "brigadier",
        "lieutenant",
        "captain",
        "capt",
        "capt.",
        "sgt",
        "sgt.",
        "sergeant",
        "admiral",
        "adm",
        "adm.",
        "king",
        "prince",
        "emir",
        "ayatollah",
        "imam",
        "sen",
        "sen.",
        "senator",
        "rep",
        "rep.",
        "ambassador",
        "envoy",
        "chancellor",
        "premier",
        "chief",
        "deputy",
    }
)
ADDRESS_TITLES = frozenset(
    {
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sheikh",
        "gen.",
        "col.",
        "lt.",
        "ayatollah",
    }
)
ACTOR_HEADS = frozenset(
    {
        "official",
        "officials",
        "government",
        "regime",
        "spokesman",
        "spokeswoman",
        "authorities",
        "leadership",
        "statement",
        "spokesperson",
        "administration",
        "source",
        "sources",
    }
)
# Words that name no one on their own ("Defence" of "Defence Minister Sergei Shoigu").
GENERIC_WORDS = frozenset(
    {
        "state",
        "ministry",
        "department",
        "government",
        "army",
        "forces",
        "military",
        "office",
        "council",
        "health",
        "interior",
        "affairs",
        "command",
        "agency",
    }
)
NAME_PARTICLES = frozenset({"of", "the", "for", "and", "al", "el", "-", "&", "de", "du", "la"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
HYPHENS = frozenset({"-", "–", "—"})
LEADING_WORDS = frozenset({"the", "a", "an"})

# Candidate sources, strongest first: the knowledge base, phrases built on it, titles, NER.
KB, PHRASE, TITLE, NER = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One name in one article, resolved to a canonical entity.

    ``roles`` are hints for later stages: ``state-actor`` (a state acting through a city, seat,
    demonym or its own name), ``place`` (the name is only where something happened),
    ``backer`` ("Iran-backed"), ``metonym``, ``demonym``, ``military``, ``ministry``,
    ``surname`` (resolved from a partial name). ``link`` is the entity it acts for or belongs
    to (Russia for its defence ministry).
    """

    article_id: str
    name: str
    type: str
    text: str
    start: int
    end: int
    kind: str | None = None
    roles: tuple[str, ...] = ()
    link: str | None = None


@dataclass(slots=True)
class _Candidate:
    start: int  # token indices
    end: int
    source: int
    name: str
    type: str
    kind: str | None = None
    roles: tuple[str, ...] = ()
    link: str | None = None
    emit: bool = True  # False: claims the tokens (a demonym used as a plain adjective) only
    known: bool = False  # the name comes from the knowledge base
    variants: tuple[str, ...] = field(default=())


def extract_entities(article: Article, doc: Doc, kb: AliasBase) -> list[EntityMention]:
    """Every actor named in ``doc`` (the parse of ``article.text``), in text order."""
    fold_norms(doc)
    resolver = _Resolver(article, doc, kb)
    return resolver.run()


class _Resolver:
    def __init__(self, article: Article, doc: Doc, kb: AliasBase) -> None:
        self.article = article
        self.doc = doc
        self.kb = kb
        self.words = kb.vocabulary
        self.lowers = doc.to_array([LOWER])

    def _tokens_among(self, words: Iterable[str]) -> list[Token]:
        """Tokens whose lower case is one of ``words``, found without a Python loop."""
        wanted = [self.doc.vocab.strings.add(word) for word in words]
        hits = numpy.flatnonzero(numpy.isin(self.lowers, wanted))
        return [self.doc[int(index)] for index in hits]

    def run(self) -> list[EntityMention]:
        candidates = self._knowledge_base_candidates()
        candidates += self._title_candidates()
        candidates += self._ner_candidates()
        self._prefer_longer_proper_names(candidates)
        chosen = _non_overlapping(candidates)
        return self._resolve_people(chosen)

    # -- knowledge base and the phrases built on it --------------------------------------

    def _knowledge_base_candidates(self) -> list[_Candidate]:
        doc = self.doc
        found: list[_Candidate] = []
        self.matches_at: dict[int, list[tuple[int, list[AliasForm]]]] = {}
        matcher = self.kb.matcher(doc.vocab)
        for match_id, start, end in matcher(doc):
            key = doc.vocab.strings[match_id]
            words = [token.text for token in doc[start:end]]
            forms = [
                form for form in self.kb.forms.get(key, ()) if case_fits(form.signature, words)
            ]
            if not forms:
                continue
            self.matches_at.setdefault(start, []).append((end, forms))
            form = min(forms, key=lambda f: USE_RANK[f.use])
            entity = self.kb.entities[form.entity]
            found.extend(self._from_form(form, entity, start, end))
        found.extend(self._ministries_named_after())
        return found

    def _from_form(
        self, form: AliasForm, entity: KnownEntity, start: int, end: int
    ) -> list[_Candidate]:
        span = self.doc[start:end]
        link = entity.link
        if form.use == "name":
            roles: tuple[str, ...] = ()
            phrase = self._actor_phrase(entity, start, end)
            if entity.kind == "state":
                verdict = _place_role(span, self.words.agent_words)
                roles = {"actor": ("state-actor",), "place": ("place",), "backer": ("backer",)}.get(
                    verdict or "", ()
                )
            if phrase and phrase.end == end:
                phrase.roles = ("state-actor",)
                return [phrase]
            name_candidate = _Candidate(
                start, end, KB, entity.name, entity.type, entity.kind, roles, link, known=True
            )
            return [name_candidate, phrase] if phrase else [name_candidate]
        if form.use == "demonym":
            phrase = self._actor_phrase(entity, start, end)
            if phrase:
                return [phrase]
            if span.root.pos_ in ("NOUN", "PROPN") and span.text.endswith("s"):
                # "the Russians said": the state when acting, otherwise the people
                if _place_role(span, self.words.agent_words) == "actor":
                    return [
                        _Candidate(
                            start,
                            end,
                            KB,
                            entity.name,
                            entity.type,
                            entity.kind,
                            ("state-actor", "demonym"),
                            link,
                            known=True,
                        )
                    ]
                return [
                    _Candidate(
                        start, end, KB, span.text, "NORP", "people", ("demonym",), entity.name
                    )
                ]
            return [_Candidate(start, end, KB, entity.name, "NORP", None, (), emit=False)]
        verdict = _place_role(span, self.words.agent_words)
        acting = verdict in ("actor", "backer") or (form.use == "seat" and verdict != "place")
        if acting:
            roles = ("backer", "metonym") if verdict == "backer" else ("state-actor", "metonym")
            return [
                _Candidate(
                    start, end, KB, entity.name, entity.type, entity.kind, roles, link, known=True
                )
            ]
        # Only where something happened: the places stage owns it; keep it as the place.
        text = _tidy_text(span)
        return [
            _Candidate(
                start,
                end,
                KB,
                text,
                "FAC" if form.use == "seat" else "GPE",
                "place",
                ("place",),
                entity.name,
            )
        ]

    def _actor_phrase(self, state: KnownEntity, start: int, end: int) -> _Candidate | None:
        """'Russian warplanes', 'Syria's army', 'the Russian defence ministry' as actors."""
        if state.kind != "state":
            return None
        doc = self.doc
        if start > 0 and (
            doc[start - 1].lower_ in ("pro", "anti", "pro-", "anti-")
            or (
                start > 1
                and doc[start - 1].text in HYPHENS
                and doc[start - 2].lower_ in ("pro", "anti")
            )
        ):
            return None
        position = end
        if position < len(doc) and doc[position].text in POSSESSIVE:
            position += 1
        if position < len(doc) and doc[position].text in HYPHENS:
            return None  # "Russian-backed forces" are somebody else's
        words = self.words
        modifiers: list[Token] = []
        head: Token | None = None
        for token in doc[position : position + 5]:
            lower = token.lower_
            if token.text in HYPHENS or token.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB"):
                break
            if (
                token.text[:1].isupper()
                and lower not in words.actor_modifiers
                and lower not in words.military_nouns
                and lower not in words.state_nouns
                and lower != "ministry"
            ):
                return None  # a proper name: "Syrian Democratic Forces" is not the army
            if lower in words.military_nouns or lower in words.state_nouns or lower == "ministry":
                head = token
                if token.i + 1 < len(doc) and (
                    doc[token.i + 1].lower_ in words.military_nouns
                    and doc[token.i + 1].lower_ != "ministry"
                ):
                    continue  # "government forces", "army troops": keep the longer head
                break
            if token.pos_ == "VERB" and lower not in words.actor_modifiers:
                break
            modifiers.append(token)
        if head is None:
            return None
        phrase_end = head.i + 1
        if head.lower_ == "ministry":
            return self._ministry(state, start, head, modifiers)
        if head.lower_ in words.military_nouns or any(
            m.lower_ in words.military_nouns for m in modifiers
        ):
            military = self.kb.military_of(state.name)
            if military is None:
                return None
            return _Candidate(
                start,
                phrase_end,
                PHRASE,
                military,
                "ORG",
                "armed-forces",
                ("military", "demonym"),
                state.name,
                known=True,
            )
        # "Russian warplanes", "US officials": the state acts; the mention is its name alone.
        return _Candidate(
            start,
            end,
            PHRASE,
            state.name,
            state.type,
            state.kind,
            ("state-actor", "demonym"),
            None,
            known=True,
        )

    def _ministry(
        self, state: KnownEntity, start: int, head: Token, modifiers: list[Token]
    ) -> _Candidate | None:
        doc = self.doc
        kind_words = [m.lower_ for m in modifiers]
        end = head.i + 1
        if not kind_words and end + 1 < len(doc) and doc[end].lower_ == "of":
            # "Russia's Ministry of Defence", "... of Foreign Affairs"
            kind_words = [doc[end + 1].lower_]
            end += 2
            if end + 1 < len(doc) and doc[end].lower_ == "affairs":
                end += 1
        for word in kind_words:
            name = self.kb.ministry_of(state.name, word)
            if name:
                return _Candidate(
                    start,
                    end,
                    PHRASE,
                    name,
                    "ORG",
                    "ministry",
                    ("ministry",),
                    state.name,
                    known=True,
                )
        return None

    def _ministries_named_after(self) -> list[_Candidate]:
        """'the defence ministry in Moscow', 'the Ministry of Defence of Russia'."""
        doc = self.doc
        found = []
        for token in self._tokens_among(("ministry",)):
            kind_word = None
            after = token.i + 1
            if token.i > 0 and doc[token.i - 1].lower_ in self.words.ministries:
                kind_word = doc[token.i - 1].lower_
                first = token.i - 1
            elif (
                after + 1 < len(doc)
                and doc[after].lower_ == "of"
                and doc[after + 1].lower_ in self.words.ministries
            ):
                kind_word = doc[after + 1].lower_
                first = token.i
                after += 2
                if after < len(doc) and doc[after].lower_ == "affairs":
                    after += 1
            if kind_word is None:
                continue
            state = None
            if after + 1 < len(doc) and doc[after].lower_ in ("in", "of"):
                place = after + 1
                if place < len(doc) and doc[place].lower_ == "the":
                    place += 1
                state = self._state_at(place)
            if state is None:
                # "In Moscow, the defence ministry said": the one state of the sentence
                only = self._only_state_in(token.sent)
                state = (only, after) if only else None
            if state is None:
                continue
            name = self.kb.ministry_of(state[0], kind_word)
            if name:
                found.append(
                    _Candidate(
                        first,
                        state[1],
                        PHRASE,
                        name,
                        "ORG",
                        "ministry",
                        ("ministry",),
                        state[0],
                        known=True,
                    )
                )
        return found

    def _only_state_in(self, sentence: Span) -> str | None:
        states = {
            self.kb.entities[form.entity].name
            for start in range(sentence.start, sentence.end)
            for _end, forms in self.matches_at.get(start, ())
            for form in forms
            if self.kb.entities[form.entity].kind == "state"
        }
        return states.pop() if len(states) == 1 else None

    def _state_at(self, index: int) -> tuple[str, int] | None:
        """The state whose name, capital or seat starts at token ``index``, and its end."""
        best: tuple[str, int] | None = None
        for end, forms in self.matches_at.get(index, ()):
            for form in forms:
                entity = self.kb.entities[form.entity]
                if (
                    entity.kind == "state"
                    and form.use != "demonym"
                    and (best is None or end > best[1])
                ):
                    best = (entity.name, end)
        return best

    # -- people behind titles, and spaCy's named entities --------------------------------

    def _title_candidates(self) -> list[_Candidate]:
        """'Mr Abdulrahman' is a person even when the NER model calls him an organisation."""
        doc = self.doc
        found = []
        for token in self._tokens_among(ADDRESS_TITLES):
            if token.i + 1 >= len(doc):
                continue
            start = token.i + 1
            end = start
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            if end > start:
                text = doc[start:end].text
                found.append(_Candidate(start, end, TITLE, text, "PERSON", "person"))
        return found

    def _ner_candidates(self) -> list[_Candidate]:
        found = []
        for ent in self.doc.ents:
            if ent.label_ not in NER_LABELS:
                continue
            span = _trim(ent, person=ent.label_ == "PERSON")
            if span is None:
                continue
            if ent.label_ == "NORP" and span.root.pos_ == "ADJ":
                continue  # "Kurdish fighters": an adjective, not an actor
            if all(
                t.lower_ in GENERIC_WORDS
                or t.lower_ in PERSON_TITLES
                or t.lower_ in self.words.ministries
                for t in span
            ):
                continue  # "the defence ministry" with no state in sight names no one
            found.append(
                _Candidate(
                    span.start,
                    span.end,
                    NER,
                    " ".join(span.text.split()),
                    ent.label_,
                    "person" if ent.label_ == "PERSON" else None,
                )
            )
        return found

    def _prefer_longer_proper_names(self, candidates: list[_Candidate]) -> None:
        """'the Washington Post' and 'Damascus University' are not the city (nor the state)."""
        known = [c for c in candidates if c.source in (KB, PHRASE)]
        for candidate in candidates:
            if (
                candidate.source != NER
                or candidate.type not in ("ORG", "FAC", "LOC", "EVENT")
                or candidate.end - candidate.start < 2
            ):
                continue
            span = self.doc[candidate.start : candidate.end]
            if not all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in span):
                continue
            inside = [k for k in known if k.start < candidate.end and k.end > candidate.start]
            if inside and all(
                candidate.start <= k.start
                and k.end <= candidate.end
                and (k.end - k.start) < (candidate.end - candidate.start)
                and (not k.emit or k.kind in ("place", "state"))
                for k in inside
            ):
                candidate.source = PHRASE

    # -- people within the article ------------------------------------------------------

    def _resolve_people(self, chosen: list[_Candidate]) -> list[EntityMention]:
        """A surname or partial name takes the full name given earlier in this article."""
        doc = self.doc
        full_names: list[tuple[tuple[str, ...], _Candidate]] = []
        mentions = []
        for candidate in chosen:
            span = doc[candidate.start : candidate.end]
            if candidate.known and candidate.type != "PERSON":
                if candidate.emit:
                    mentions.append(self._mention(candidate, span))
                continue
            words = tuple(fold(t.text) for t in span if not t.is_punct)
            if candidate.type == "PERSON" and len(words) >= 2:
                full_names.append((words, candidate))
                if candidate.known:
                    full_names.append((tuple(fold(candidate.name).split()), candidate))
            elif (
                not candidate.known
                and candidate.type in ("PERSON", "ORG", "GPE", "NORP")
                and all(t.pos_ == "PROPN" for t in span)
            ):
                earlier = _earlier_full_name(words, full_names)
                if earlier is not None:
                    candidate = _Candidate(
                        candidate.start,
                        candidate.end,
                        candidate.source,
                        earlier.name,
                        "PERSON",
                        "person",
                        (*earlier.roles, "surname"),
                        earlier.link,
                        known=earlier.known,
                    )
            if candidate.emit:
                mentions.append(self._mention(candidate, span))
        return mentions

    def _mention(self, candidate: _Candidate, span: Span) -> EntityMention:
        span = _trim(span) or span
        return EntityMention(
            article_id=self.article.id,
            name=candidate.name,
            type=candidate.type,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            kind=candidate.kind,
            roles=candidate.roles,
            link=candidate.link,
        )


USE_RANK = {"name": 0, "seat": 1, "demonym": 2, "metonym": 3}


def _earlier_full_name(
    words: tuple[str, ...], full_names: list[tuple[tuple[str, ...], _Candidate]]
) -> _Candidate | None:
    if not words:
        return None
    size = len(words)
    for full, candidate in reversed(full_names):  # the most recent full name wins
        if size < len(full) and any(
            full[i : i + size] == words for i in range(len(full) - size + 1)
        ):
            return candidate
    return None


def _place_role(span: Span, agent_words: frozenset[str]) -> str | None:
    """'actor' when the parse shows the name acting, 'backer' for "Moscow-backed", 'place'
    when it is a location, else None."""
    doc = span.doc
    span = _trim(span) or span  # the root of "the Kremlin" is "Kremlin", not "the"
    after = span.end
    if after + 1 < len(doc) and doc[after].text in HYPHENS and doc[after + 1].lower_ in agent_words:
        return "backer"  # "Moscow-backed", "Iran-allied": the state stands behind someone
    if span.text.isupper() and len(span.text) > 3:
        return "place"  # a dateline: "MOSCOW, Oct 7 (Reuters) -"
    token = span.root
    while token.head.i != token.i and (
        token.dep_ in ("conj", "appos")
        or (token.dep_ == "compound" and token.head.lower_ not in ACTOR_HEADS)
    ):
        token = token.head  # "the Élysée palace" takes the role of "palace"
    dep, head = token.dep_, token.head
    if dep == "nsubj":
        if head.pos_ in ("VERB", "AUX") and head.lemma_ not in STATIVE_VERBS:
            return "actor"
        return None
    if dep == "poss":
        return (
            "place"
            if head.lower_ in GEOGRAPHIC_NOUNS or head.lemma_ in GEOGRAPHIC_NOUNS
            else "actor"
        )
    if dep == "pobj":
        preposition = head.lower_
        if head.dep_ == "agent":
            return "actor"
        if preposition == "from" and (head.head.lemma_ in VOICE_NOUNS):
            return "actor"
        if preposition in LOCATIVE_PREPOSITIONS:
            return "place"
        if preposition in RELATIONAL_PREPOSITIONS:
            return "actor"
        return None
    if dep == "dobj" and head.lemma_ in ADDRESSEE_VERBS:
        return "actor"
    if dep == "nsubjpass":
        return "place"
    if dep in ("compound", "amod", "nmod") and head.lower_ in ACTOR_HEADS:
        return "actor"
    return None


def _trim(span: Span, *, person: bool = False) -> Span | None:
    """Drop a leading article (and titles for people) and a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in LEADING_WORDS
        or doc[start].is_punct
        or (person and doc[start].lower_ in PERSON_TITLES and end - start > 1)
    ):
        start += 1
    while end > start and (
        doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    return doc[start:end] if end > start else None


def _tidy_text(span: Span) -> str:
    trimmed = _trim(span) or span
    return " ".join(trimmed.text.split())


def _non_overlapping(candidates: list[_Candidate]) -> list[_Candidate]:
    """Strongest source first, then longest; a token belongs to at most one mention."""
    taken: set[int] = set()
    chosen = []
    ordered = sorted(
        candidates, key=lambda c: (c.source > PHRASE, -(c.end - c.start), c.source, c.start, c.name)
    )
    for candidate in ordered:
        tokens = range(candidate.start, candidate.end)
        if any(i in taken for i in tokens):
            continue
        taken.update(tokens)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def merge_entities(mentions: Iterable[EntityMention]) -> list[Entity]:
    """One ``Entity`` per canonical name and type across a run, every surface form kept."""
    grouped: dict[tuple[str, str], list[EntityMention]] = {}
    for mention in mentions:
        grouped.setdefault((mention.name, mention.type), []).append(mention)
    entities = []
    for (name, type_), group in sorted(grouped.items()):
        group.sort(key=lambda m: (m.article_id, m.start, m.end))
        aliases = sorted({" ".join(m.text.split()) for m in group})
        entities.append(
            Entity(
                id=stable_id("ent", type_, name),
                name=name,
                type=type_,
                aliases=aliases,
                mentions=[Mention(m.article_id, m.start, m.end, m.text) for m in group],
            )
        )
    return entities
