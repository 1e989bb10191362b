"""The alias knowledge base: canonical actors and every name the press gives them.

The data ships as readable JSON next to this module (``aliases.json``); a user file in the same
format extends or overrides it (``load_aliases(extra)``, CLI ``--aliases FILE``). The format is
documented in docs/entities.md. Names are matched on folded, lower-cased tokens with spaCy's
``PhraseMatcher``, then checked against the alias's capitalisation so that "IS" never matches
"is" and "the Observatory" never matches "an observatory".
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy
from spacy.attrs import IS_ASCII
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

BUILTIN_ALIASES = Path(__file__).with_name("aliases.json")

# How an alias names its entity: as itself, as the people of a state ("Russian"), as a city that
# stands for the government only when it acts ("Moscow"), or as a seat of government that stands
# for it unless it is merely where something happened ("the Kremlin").
AliasUse = Literal["name", "demonym", "metonym", "seat"]
USE_ORDER: tuple[AliasUse, ...] = ("name", "seat", "demonym", "metonym")
_LIST_FIELDS = ("aliases", "demonyms", "metonyms", "seats", "military_aliases")
_APOSTROPHES = str.maketrans({ch: "'" for ch in "’‘`´ʼʻ′"})


def fold(text: str) -> str:
    """Lower case without diacritics, one apostrophe: 'Erdoğan' and 'erdogan' meet."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def fold_norms(doc: Doc) -> None:
    """Give non-ASCII tokens a folded NORM (ASCII tokens keep spaCy's, e.g. defence -> defense)."""
    ascii_flags = doc.to_array([IS_ASCII])  # one C pass; most news tokens are ASCII
    for index in numpy.flatnonzero(ascii_flags == 0):
        token = doc[int(index)]
        token.norm_ = fold(token.text)


def case_signature(words: Iterable[str]) -> tuple[int, ...]:
    """Per word: 2 = acronym (must be upper case), 1 = capitalised, 0 = any case."""
    signature = []
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            signature.append(2)
        elif letters and word[0].isupper():
            signature.append(1)
        else:
            signature.append(0)
    return tuple(signature)


def case_fits(signature: tuple[int, ...], words: Iterable[str]) -> bool:
    for need, word in zip(signature, words, strict=True):
        if need == 2 and word != word.upper():
            return False
        if need == 1 and not word[:1].isupper():
            return False
    return True


@dataclass(slots=True)
class KnownEntity:
    """One canonical actor of the knowledge base."""

    name: str
    type: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)
    military: str | None = None
    military_aliases: list[str] = field(default_factory=list)
    ministries: dict[str, str] = field(default_factory=dict)
    part_of: str | None = None
    successor_of: str | None = None
    branch_of: str | None = None
    affiliation: str | None = None
    role: str | None = None
    note: str | None = None

    @property
    def link(self) -> str | None:
        """The entity this one acts for or belongs to (a ministry's state, a person's group)."""
        return self.part_of or self.affiliation

    def forms(self) -> Iterable[tuple[str, AliasUse]]:
        yield self.name, "name"
        for alias in self.aliases:
            yield alias, "name"
        for demonym in self.demonyms:
            yield demonym, "demonym"
        for metonym in self.metonyms:
            yield metonym, "metonym"
        for seat in self.seats:
            yield seat, "seat"


@dataclass(frozen=True, slots=True)
class AliasForm:
    """One way of writing an entity, with the capitalisation it requires."""

    entity: str
    use: AliasUse
    signature: tuple[int, ...]


@dataclass(slots=True)
class Vocabulary:
    """Words that turn a demonym or a state into an actor: 'Russian *warplanes*'."""

    state_nouns: frozenset[str]
    military_nouns: frozenset[str]
    actor_modifiers: frozenset[str]
    ministries: dict[str, str]
    agent_words: frozenset[str]


class AliasBase:
    """Entities by canonical name plus a phrase matcher over all their written forms."""

    def __init__(self, entities: dict[str, KnownEntity], vocabulary: Vocabulary) -> None:
        self.entities = entities
        self.vocabulary = vocabulary
        for state in [entity for entity in entities.values() if entity.military]:
            self._add_military(state)
        self.forms: dict[str, list[AliasForm]] = {}
        self.ambiguous: set[str] = set()
        self._matchers: dict[int, PhraseMatcher] = {}

    def _add_military(self, state: KnownEntity) -> None:
        assert state.military is not None
        existing = self.entities.get(state.military)
        aliases = sorted(set(state.military_aliases) | set(existing.aliases if existing else ()))
        self.entities[state.military] = KnownEntity(
            name=state.military,
            type="ORG",
            kind="armed-forces",
            aliases=aliases,
            part_of=state.name,
        )

    def military_of(self, state: str) -> str | None:
        entity = self.entities.get(state)
        return entity.military if entity else None

    def ministry_of(self, state: str, ministry_kind: str) -> str | None:
        """'Russia', 'defence' -> 'Russian Ministry of Defence' (or the state's own name for it)."""
        entity = self.entities.get(state)
        generic = self.vocabulary.ministries.get(ministry_kind)
        if entity is None or generic is None:
            return None
        for key, own in entity.ministries.items():
            if self.vocabulary.ministries.get(key) == generic:
                return own
        adjective = next(
            (d for d in entity.demonyms if not d.endswith("s") and not d.isupper()), entity.name
        )
        return f"{adjective} {generic}"

    def matcher(self, vocab: Vocab) -> PhraseMatcher:
        """The phrase matcher for this vocabulary, built once (patterns need the tokenizer)."""
        matcher = self._matchers.get(id(vocab))
        if matcher is not None:
            return matcher
        from storyline.nlp.model import load_nlp

        tokenizer = load_nlp().tokenizer
        claims: dict[str, dict[tuple[str, AliasUse], set[tuple[int, ...]]]] = {}
        patterns: dict[str, Doc] = {}
        for entity in self.entities.values():
            for form in _spellings(entity):
                text, use = form
                tokens = tokenizer(text)
                # Rebuilt in the caller's vocabulary: a pipeline loaded with other components
                # disabled has its own vocab, and matches must use its string store.
                doc = Doc(
                    vocab,
                    words=[t.text for t in tokens],
                    spaces=[bool(t.whitespace_) for t in tokens],
                )
                fold_norms(doc)
                key = " ".join(token.norm_ for token in doc)
                claims.setdefault(key, {}).setdefault((entity.name, use), set()).add(
                    case_signature(token.text for token in doc)
                )
                patterns[key] = doc
        matcher = PhraseMatcher(vocab, attr="NORM")
        for key, claimants in claims.items():
            names = {name for name, _ in claimants}
            if len(names) > 1:
                self.ambiguous.add(key)
                continue
            self.forms[key] = [
                AliasForm(name, use, signature)
                for (name, use), signatures in claimants.items()
                for signature in sorted(signatures)
            ]
            matcher.add(key, [patterns[key]])
        self._matchers[id(vocab)] = matcher
        return matcher


def _spellings(entity: KnownEntity) -> Iterable[tuple[str, AliasUse]]:
    """Each alias as written, and with hyphens as spaces ('al-Nusra' / 'al Nusra')."""
    seen: set[tuple[str, AliasUse]] = set()
    for text, use in entity.forms():
        for variant in (text, text.replace("-", " ")):
            if variant.strip() and (variant, use) not in seen:
                seen.add((variant, use))
                yield variant, use


def _entity_from_record(record: dict[str, Any], source: str) -> KnownEntity:
    try:
        name, type_ = record["name"], record["type"]
    except KeyError as missing:
        raise ValueError(f"{source}: an entity lacks {missing}: {record!r}") from None
    known = {f for f in KnownEntity.__dataclass_fields__}
    values = {key: value for key, value in record.items() if key in known}
    values.setdefault("kind", "person" if type_ == "PERSON" else type_.lower())
    return KnownEntity(**{**values, "name": name, "type": type_})


def _merge(entities: dict[str, KnownEntity], record: dict[str, Any], source: str) -> None:
    """A user record extends the entity of the same name, or replaces/removes it on request."""
    name = record.get("name")
    if record.get("remove"):
        entities.pop(str(name), None)
        return
    if name in entities and not record.get("replace"):
        current = entities[name]
        for key, value in record.items():
            if key in _LIST_FIELDS:
                merged = getattr(current, key) + [
                    v for v in value if v not in getattr(current, key)
                ]
                setattr(current, key, merged)
            elif key == "ministries":
                current.ministries = {**current.ministries, **value}
            elif key in KnownEntity.__dataclass_fields__ and key != "name":
                setattr(current, key, value)
        return
    entities[str(name)] = _entity_from_record(record, source)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entities", []), list):
        raise ValueError(f"{path}: expected an object with an 'entities' list")
    return data


@lru_cache(maxsize=8)
def _load(extra: Path | None) -> AliasBase:
    builtin = _read(BUILTIN_ALIASES)
    entities: dict[str, KnownEntity] = {}
    for record in builtin["entities"]:
        _merge(entities, record, str(BUILTIN_ALIASES))
    words = dict(builtin.get("vocabulary", {}))
    if extra is not None:
        user = _read(extra)
        for record in user.get("entities", []):
            _merge(entities, record, str(extra))
        for key, value in user.get("vocabulary", {}).items():
            current = words.get(key)
            words[key] = (
                {**current, **value}
                if isinstance(current, dict)
                else sorted(set(current or ()) | set(value))
            )
        _prefer_user_forms(entities, [str(r.get("name")) for r in user.get("entities", [])])
    vocabulary = Vocabulary(
        state_nouns=frozenset(words.get("state_nouns", ())),
        military_nouns=frozenset(words.get("military_nouns", ())),
        actor_modifiers=frozenset(words.get("actor_modifiers", ())),
        ministries=dict(words.get("ministries", {})),
        agent_words=frozenset(words.get("agent_words", ())),
    )
    return AliasBase(entities, vocabulary)


def _prefer_user_forms(entities: dict[str, KnownEntity], user_names: list[str]) -> None:
    """An alias the user gives to an entity is taken away from any built-in entity."""
    claimed = {
        fold(text) for name in user_names if name in entities for text, _ in entities[name].forms()
    }
    for entity in entities.values():
        if entity.name in user_names:
            continue
        for key in _LIST_FIELDS:
            kept = [text for text in getattr(entity, key) if fold(text) not in claimed]
            setattr(entity, key, kept)


def load_aliases(extra: Path | None = None) -> AliasBase:
    """The built-in knowledge base, extended by ``extra`` (a JSON file in the same format)."""
    return _load(extra.resolve() if extra is not None else None)
